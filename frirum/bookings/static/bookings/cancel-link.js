// The cancel link is /<lang>/booking/cancel/#<code>: the part after "#" never leaves the
// phone, so the code is in no request line and no server log. Put it in the field and take
// it out of the address bar; cancelling still takes a press on the button.
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
  if (input) {
    input.value = code;
  }
})();
