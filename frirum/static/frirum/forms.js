// Forms that help (loaded with `defer`, no inline script: the CSP forbids it).
// - A form that came back with errors: the focus goes to its error summary, so a screen
//   reader reads it and the keyboard starts there; its links move the focus to the field.
// - A search box inside a bigger form (data-frirum-search="<button id>"): Enter searches
//   instead of submitting the form around it; htmx searches as you type.
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-frirum-error-summary]");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "center" });
      target.focus();
    });
  }

  function searchOnEnter() {
    document.querySelectorAll("input[data-frirum-search]").forEach(function (input) {
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        if (window.htmx) {
          window.htmx.trigger(input, "search");
        } else {
          var button = document.getElementById(input.dataset.frirumSearch);
          if (button) button.click();
        }
      });
    });
  }

  function init() {
    focusSummary();
    searchOnEnter();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
