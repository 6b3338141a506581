// Print buttons (data-print): a static file, since the Content-Security-Policy allows no inline
// event handlers.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
