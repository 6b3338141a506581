// The QR code's link is /q/#<code>: the part after "#" never leaves the phone, so the code is
// in no request line and no server log. Take it out of the address bar and the history, put
// it in the form and send it as a POST. Without JavaScript the young person types the code.
(function () {
  var code = "";
  try {
    code = decodeURIComponent(window.location.hash.slice(1));
  } catch (error) {
    code = "";
  }
  if (!code) {
    return;
  }
  history.replaceState(null, "", window.location.pathname + window.location.search);
  var input = document.querySelector("[data-code-from-link]");
  if (!input || !input.form) {
    return;
  }
  input.value = code;
  // requestSubmit lets questionnaires/proof-of-work.js hold the form until its work is done.
  if (input.form.requestSubmit) {
    input.form.requestSubmit();
  } else {
    input.form.submit();
  }
})();
