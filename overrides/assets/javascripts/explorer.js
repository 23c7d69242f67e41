/* KIK online – measure explorer (page "Alle Maßnahmen", macros/render/templates/explorer.html).
   Without this script the page is the complete, grouped list. With it, the filter form appears,
   rows are hidden that do not match, the number of results is announced (role="status"), and the
   filter state is kept in the URL query (?field=sb&status=done&q=…) so a view can be shared.
   A file of our own origin: no inline script, nothing loaded from elsewhere. */
(function () {
  "use strict";

  var root = document.getElementById("kik-explorer");
  if (!root) return;
  var form = root.querySelector(".kik-explorer__filters");
  var count = root.querySelector(".kik-explorer__count");
  var none = root.querySelector(".kik-explorer__none");
  var items = Array.prototype.slice.call(root.querySelectorAll(".kik-explorer__item"));
  var groups = Array.prototype.slice.call(root.querySelectorAll(".kik-explorer__group"));
  var template = root.getAttribute("data-count-template") || "{shown} / {total}";
  var names = ["q", "field", "status", "lead", "group", "theme"];
  var timer = null;

  function values(item, key) {
    var raw = item.getAttribute("data-" + key) || "";
    return raw ? raw.split("|") : [];
  }

  function matches(item, state) {
    if (state.field && item.getAttribute("data-field") !== state.field) return false;
    if (state.status === "stale") {
      if (item.getAttribute("data-stale") !== "true") return false;
    } else if (state.status && item.getAttribute("data-status") !== state.status) {
      return false;
    }
    if (state.lead && values(item, "lead").indexOf(state.lead) < 0) return false;
    if (state.group && values(item, "group").indexOf(state.group) < 0) return false;
    if (state.theme && values(item, "theme").indexOf(state.theme) < 0) return false;
    if (state.q) {
      var words = state.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
      var text = item.textContent.toLocaleLowerCase();
      for (var i = 0; i < words.length; i++) {
        if (text.indexOf(words[i]) < 0) return false;
      }
    }
    return true;
  }

  function readForm() {
    var state = {};
    names.forEach(function (name) {
      var control = form.elements[name];
      state[name] = control ? control.value.trim() : "";
    });
    return state;
  }

  function apply(announce) {
    var state = readForm();
    var shown = 0;
    items.forEach(function (item) {
      var visible = matches(item, state);
      item.hidden = !visible;
      if (visible) shown += 1;
    });
    groups.forEach(function (group) {
      var list = group.querySelectorAll(".kik-explorer__item");
      if (!list.length) return;
      group.hidden = !group.querySelector(".kik-explorer__item:not([hidden])");
    });
    none.hidden = shown > 0;
    var text = template.replace("{shown}", String(shown)).replace("{total}", String(items.length));
    // Announce only after typing pauses, so a screen reader is not flooded; the live region
    // (role=status) speaks when its text changes.
    if (announce) count.textContent = text;
    writeUrl(state);
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    names.forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      var control = form.elements[name];
      var value = params.get(name);
      if (!control || value === null) return;
      if (control.tagName === "SELECT") {
        var known = Array.prototype.some.call(control.options, function (option) {
          return option.value === value;
        });
        if (known) control.value = value;
      } else {
        control.value = value;
      }
    });
  }

  form.hidden = false;
  restore();
  apply(true);
  form.addEventListener("change", function () {
    apply(true);
  });
  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      apply(true);
    }, 300);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function () {
    // The reset event fires before the controls are cleared.
    window.setTimeout(function () {
      apply(true);
    }, 0);
  });
})();
