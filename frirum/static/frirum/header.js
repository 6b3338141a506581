// The design system's header (vendored dkfds.js, loaded before this with `defer`): only the
// parts the header uses are started, not DKFDS.init(), which would also start components
// Frirum does not use (and focus an error summary its own forms.js already handles).
// - Navigation: the mobile menu (the drawer, its overlay and focus trap, Escape) and, on a
//   wide screen, the "more" menu that takes the items that do not fit on one row.
// - Dropdown: the main menu's submenus on a wide screen (the site switcher, Management).
// - MenuDropdown: the same submenus inside the mobile drawer.
(function () {
  "use strict";

  function init() {
    var fds = window.DKFDS;
    if (!fds || !document.querySelector("header.header .navigation-menu")) return;
    document.querySelectorAll("header.header .js-dropdown").forEach(function (button) {
      new fds.Dropdown(button).init();
    });
    document.querySelectorAll("header.header .js-menudropdown").forEach(function (button) {
      new fds.MenuDropdown(button).init();
    });
    new fds.Navigation().init();
    // The design system writes its "more" button in Danish; the page's own word replaces it.
    var more = document.querySelector(".navigation-menu .more-button span");
    var nav = document.querySelector(".navigation-menu [data-more-label]");
    if (more && nav) more.textContent = nav.dataset.moreLabel;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
