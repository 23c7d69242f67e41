/* KIK online – keyboard access that Material does not provide (WCAG 2.1.1, 2.4.7).
   A file of our own origin, so the Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  "use strict";

  /* Glossary terms (<abbr title> from _snippets/glossar.md): focusable, so that Material's
     tooltip (content.tooltips, shown on hover *or focus*) also opens from the keyboard. */
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    abbr.tabIndex = 0;
  });

  /* Navigation drawer on narrow screens: Material's menu button is a <label> that a keyboard
     cannot reach. Make it a focusable button that opens and closes the drawer. */
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector('.md-header label[for="__drawer"]');
  if (!drawer || !button) return;
  var nav = document.querySelector(".md-nav--primary");
  button.setAttribute("role", "button");
  button.tabIndex = 0;
  if (nav && nav.getAttribute("aria-label")) {
    button.setAttribute("aria-label", nav.getAttribute("aria-label"));
  }
  var sync = function () {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  };
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    // Stop here: Material's global Enter handler would click the label a second time.
    ev.preventDefault();
    ev.stopPropagation();
    drawer.checked = !drawer.checked;
    sync();
    if (drawer.checked) {
      var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex='0']");
      if (first) setTimeout(function () { first.focus(); }, 50);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && drawer.checked) {
      drawer.checked = false;
      sync();
      button.focus();
    }
  });
})();
