/* KIK online – keyboard access that Material does not provide (WCAG 2.1.1, 2.4.7).
   A file of our own origin, so the Content-Security-Policy needs no 'unsafe-inline'. */
(function () {
  "use strict";

  /* Glossary terms (<abbr title> from _snippets/glossar.md): focusable, so that Material's
     tooltip (content.tooltips, shown on hover *or focus*) also opens from the keyboard. */
  document.querySelectorAll(".md-content abbr[title]").forEach(function (abbr) {
    abbr.tabIndex = 0;
  });

  /* Material's search dialog has no name (axe aria-dialog-name): name it like its input. */
  var dialog = document.querySelector('.md-search[role="dialog"]');
  var query = document.querySelector(".md-search__input");
  if (dialog && query && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", query.getAttribute("aria-label") || "");
  }

  /* Navigation drawer on narrow screens: Material's menu button is a <label> that a keyboard
     cannot reach (and a label may not take a button role). Put a real button in its place. */
  var drawer = document.getElementById("__drawer");
  var label = document.querySelector('.md-header label[for="__drawer"]');
  if (!drawer || !label) return;
  var nav = document.querySelector(".md-nav--primary");
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " kik-drawer-button";
  button.setAttribute("aria-label", (nav && nav.getAttribute("aria-label")) || "Navigation");
  button.innerHTML = label.innerHTML;
  label.parentNode.insertBefore(button, label);
  label.hidden = true;
  var sync = function () {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  };
  var toggle = function (open) {
    drawer.checked = open;
    drawer.dispatchEvent(new Event("change")); // Material watches the checkbox
    sync();
  };
  sync();
  drawer.addEventListener("change", sync);
  button.addEventListener("click", function () {
    toggle(!drawer.checked);
    if (drawer.checked) {
      var first = document.querySelector(".md-sidebar--primary a[href]");
      if (first) setTimeout(function () { first.focus(); }, 50);
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && drawer.checked) {
      toggle(false);
      button.focus();
    }
  });
})();
