/* KIK online – the search dialog (overrides/partials/kik-search.html, index: macros/site/search_index.py).

   Without JavaScript the header control is a link to the overview. This script turns it into a
   button in the sticky header that opens a <dialog>: label, search field, filters, a live region
   announcing the number of results, and the results (title, section, passage with the hit
   marked; measure rows and headings as sub-results that jump to their anchor).
   Pagefind's own script (pagefind/pagefind.js at the site root) is imported only when a reader
   opens the search: a page view without searching loads nothing of the index.
   Every text is set with textContent; Pagefind's excerpt is parsed in an inert document and
   only its <mark> elements are kept. An external file of our own origin: the CSP needs no
   'unsafe-inline'; Pagefind's WebAssembly needs 'wasm-unsafe-eval' (see BETRIEB.md). */
(function () {
  "use strict";

  var configElement = document.getElementById("kik-search-config");
  var link = document.querySelector("a[data-kik-search]");
  // Without <dialog> support the link to the overview stays: still a useful control.
  if (!configElement || !link || typeof HTMLDialogElement !== "function") return;
  var config = JSON.parse(configElement.textContent);
  var text = config.text;
  var siteRoot = new URL(config.siteRoot, document.baseURI);
  var bundleUrl = new URL(config.bundle, document.baseURI).href;
  var PAGE_SIZE = 8;
  var SUB_RESULTS = 3;
  var CONTEXT_WORDS = 12;

  /* -- small DOM helpers: text only, never HTML ------------------------------------------ */
  function make(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = content;
    return node;
  }

  function icon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    // Material Design Icons "magnify" (Apache 2.0), as in Material's own search button.
    path.setAttribute(
      "d",
      "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 " +
        "6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 " +
        "9.5 12 5 9.5 5"
    );
    svg.appendChild(path);
    return svg;
  }

  /* Pagefind's excerpt is HTML with <mark> around hits: keep the marks, everything else as text. */
  function excerptNodes(html) {
    var inert = new DOMParser().parseFromString("<body>" + html, "text/html");
    var out = document.createDocumentFragment();
    inert.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") out.appendChild(make("mark", "", node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  /* A passage of the page's words around `first`, hit words (`hits`) marked. */
  function passage(words, first, hits) {
    var start = Math.max(0, first - CONTEXT_WORDS / 2);
    var end = Math.min(words.length, start + CONTEXT_WORDS * 2);
    var out = document.createDocumentFragment();
    if (start > 0) out.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (hits.indexOf(i) >= 0) out.appendChild(make("mark", "", words[i]));
      else out.appendChild(document.createTextNode(words[i]));
      out.appendChild(document.createTextNode(" "));
    }
    if (end < words.length) out.appendChild(document.createTextNode("…"));
    return out;
  }

  /* -- the header button and the dialog ------------------------------------------------- */
  var button = make("button", "md-header__button kik-search-button");
  button.type = "button";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-keyshortcuts", "/ Control+K");
  button.appendChild(icon());
  button.appendChild(make("span", "kik-search-button__text", text.open));
  var header = document.querySelector(".md-header__inner");
  if (header) {
    // Where Material's own search button sat: after palette and language, before the source
    // link (the language menu opens below its button and needs room on the inline-end side).
    header.insertBefore(button, header.querySelector(".md-header__source"));
    link.hidden = true;
  } else {
    link.replaceWith(button);
  }

  var dialog = make("dialog", "kik-search");
  dialog.setAttribute("aria-labelledby", "kik-search-title");
  var head = make("div", "kik-search__head");
  var title = make("h2", "kik-search__title", text.title);
  title.id = "kik-search-title";
  var close = make("button", "kik-search__close", text.close);
  close.type = "button";
  head.append(title, close);

  var form = make("form", "kik-search__form");
  form.setAttribute("role", "search");
  var label = make("label", "kik-search__label", text.input);
  label.htmlFor = "kik-search-input";
  var input = make("input", "kik-search__input");
  input.id = "kik-search-input";
  input.type = "search";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.setAttribute("enterkeyhint", "search");
  input.setAttribute("aria-describedby", "kik-search-hint");
  var hint = make("p", "kik-search__hint", text.hint);
  hint.id = "kik-search-hint";
  var filters = make("div", "kik-search__filters");
  filters.hidden = true;
  form.append(label, input, hint, filters);

  var status = make("p", "kik-search__status");
  status.id = "kik-search-status";
  status.setAttribute("role", "status");
  var results = make("ol", "kik-search__results");
  results.setAttribute("aria-labelledby", "kik-search-status");
  var more = make("button", "kik-search__more", text.more);
  more.type = "button";
  more.hidden = true;
  dialog.append(head, form, status, results, more);
  document.body.appendChild(dialog);

  /* -- Pagefind, loaded on demand ---------------------------------------------------------- */
  var pagefind = null;
  var loading = null;
  var selects = {};

  function load() {
    if (!loading) {
      status.textContent = text.loading;
      var module = null;
      // Only ever code of this site's own origin (the CSP says the same).
      var ownOrigin = new URL(bundleUrl).origin === location.origin;
      loading = (ownOrigin ? import(bundleUrl) : Promise.reject(new Error("foreign bundle")))
        .then(function (loaded) {
          module = loaded;
          return module.options({ baseUrl: siteRoot.pathname, excerptLength: CONTEXT_WORDS * 2 });
        })
        .then(function () {
          return module.filters();
        })
        .then(function (available) {
          addFilter("type", text.filterType, available.type);
          addFilter("field", text.filterField, available.field);
          status.textContent = "";
          pagefind = module; // ready: searches typed meanwhile run now (see open)
        })
        .catch(function () {
          // Preview (make serve) or a server without the bundle: say so, offer the overview.
          pagefind = null;
          status.textContent = text.unavailable + " ";
          var fallback = make("a", "", text.overview);
          fallback.href = link.href;
          status.appendChild(fallback);
          input.disabled = true;
        });
    }
    return loading;
  }

  function addFilter(key, name, values) {
    var names = Object.keys(values || {}).sort(function (a, b) {
      return a.localeCompare(b, config.lang);
    });
    if (names.length < 2) return; // a filter with one value helps nobody
    var wrap = make("label", "kik-search__filter");
    wrap.appendChild(make("span", "", name));
    var select = make("select", "kik-search__select");
    select.appendChild(new Option(text.filterAll, ""));
    names.forEach(function (value) {
      select.appendChild(new Option(value + " (" + values[value] + ")", value));
    });
    select.addEventListener("change", run);
    wrap.appendChild(select);
    filters.appendChild(wrap);
    filters.hidden = false;
    selects[key] = select;
  }

  /* -- searching and showing results ------------------------------------------------------- */
  var generation = 0;
  var pending = [];
  var timer = null;

  function chosenFilters() {
    var chosen = {};
    Object.keys(selects).forEach(function (key) {
      if (selects[key].value) chosen[key] = selects[key].value;
    });
    return chosen;
  }

  function run() {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  }

  function search() {
    var mine = ++generation;
    var query = input.value.trim();
    var chosen = chosenFilters();
    if (!pagefind) return;
    if (!query && !Object.keys(chosen).length) {
      results.textContent = "";
      status.textContent = "";
      more.hidden = true;
      results.dataset.query = "";
      return;
    }
    pagefind.search(query || null, { filters: chosen }).then(function (found) {
      if (mine !== generation || !found) return; // a newer query is under way
      results.textContent = "";
      pending = found.results;
      status.textContent = pending.length
        ? text.results.replace("{count}", String(pending.length))
        : text.none;
      showMore(mine, query);
    });
  }

  function showMore(mine, query) {
    var batch = pending.splice(0, PAGE_SIZE);
    more.hidden = true;
    Promise.all(
      batch.map(function (r) {
        return r.data();
      })
    ).then(function (pages) {
      if (mine !== generation) return;
      pages.forEach(function (page) {
        results.appendChild(resultItem(page));
      });
      more.hidden = pending.length === 0;
      results.dataset.query = query; // what is shown now (read by the browser tests)
    });
  }

  function resultItem(page) {
    var item = make("li", "kik-search__result");
    var german = page.meta.content_lang === config.fallbackLang && config.lang !== config.fallbackLang;
    var id = "kik-search-r" + results.children.length;
    if (page.meta.section) item.appendChild(make("p", "kik-search__section", page.meta.section));
    var anchor = make("a", "kik-search__link");
    anchor.href = page.url;
    var name = make("span", "kik-search__name", page.meta.title || page.url);
    if (german) name.lang = config.fallbackLang;
    anchor.appendChild(name);
    if (german) {
      anchor.appendChild(document.createTextNode(" "));
      anchor.appendChild(make("span", "kik-search__marker", text.fallbackMarker));
    }
    var excerpt = make("p", "kik-search__excerpt");
    excerpt.id = id;
    if (german) excerpt.lang = config.fallbackLang;
    excerpt.appendChild(excerptNodes(page.excerpt || ""));
    anchor.setAttribute("aria-describedby", id);
    item.append(anchor, excerpt);
    var subs = subResults(page);
    if (subs.length) {
      var list = make("ul", "kik-search__subs");
      subs.forEach(function (sub, n) {
        var li = make("li", "kik-search__sub");
        var a = make("a", "kik-search__link kik-search__link--sub", sub.title);
        a.href = page.url + "#" + sub.id;
        var p = make("p", "kik-search__excerpt");
        p.id = id + "-" + n;
        p.appendChild(sub.passage);
        a.setAttribute("aria-describedby", p.id);
        if (german) a.lang = p.lang = config.fallbackLang;
        li.append(a, p);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  /* Where in the page the hits are: below which heading or in which measure row (a table row
     with an id). Pagefind records every element with an id and the word position it starts at. */
  function subResults(page) {
    var anchors = (page.anchors || [])
      .filter(function (a) {
        return a.id && (/^h[2-6]$/.test(a.element) || a.element === "tr");
      })
      .sort(function (a, b) {
        return a.location - b.location;
      });
    if (!anchors.length || !page.locations || !page.locations.length) return [];
    var words = (page.content || "").split(/\s+/);
    var groups = [];
    page.locations
      .slice()
      .sort(function (a, b) {
        return a - b;
      })
      .forEach(function (loc) {
        var owner = null;
        anchors.forEach(function (a) {
          if (a.location <= loc) owner = a;
        });
        if (!owner) return;
        var last = groups[groups.length - 1];
        if (last && last.anchor === owner) last.hits.push(loc);
        else groups.push({ anchor: owner, hits: [loc] });
      });
    // Measure rows first (a measure number or ID is what people look up), then headings.
    groups.sort(function (a, b) {
      return (b.anchor.element === "tr") - (a.anchor.element === "tr") || b.hits.length - a.hits.length;
    });
    return groups.slice(0, SUB_RESULTS).map(function (g) {
      var a = g.anchor;
      var heading = a.element !== "tr" && a.text ? a.text : words.slice(a.location, a.location + 8).join(" ");
      return { id: a.id, title: heading, passage: passage(words, g.hits[0], g.hits) };
    });
  }

  /* -- opening, closing, keyboard ---------------------------------------------------------- */
  var opener = null;
  var leaving = false;

  function open() {
    if (dialog.open) {
      input.focus();
      return;
    }
    opener = document.activeElement;
    dialog.showModal();
    input.focus();
    input.select();
    load().then(function () {
      if (input.value.trim()) run();
    });
  }

  dialog.addEventListener("close", function () {
    if (leaving) return; // a result was chosen: the browser moves on to it
    (opener && document.contains(opener) ? opener : button).focus();
  });
  close.addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
    var chosen = event.target.closest && event.target.closest("a.kik-search__link");
    if (chosen) {
      leaving = true;
      dialog.close();
      leaving = false;
    }
  });
  button.addEventListener("click", open);
  input.addEventListener("input", run);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("a");
    if (first) first.focus();
  });
  more.addEventListener("click", function () {
    var count = results.querySelectorAll("a").length;
    showMore(generation, input.value.trim());
    // Keep the keyboard where the new results begin.
    var wait = setInterval(function () {
      var links = results.querySelectorAll("a");
      if (links.length > count) {
        clearInterval(wait);
        links[count].focus();
      }
    }, 50);
    setTimeout(function () {
      clearInterval(wait);
    }, 5000);
  });

  dialog.addEventListener("keydown", function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(results.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    if (document.activeElement === input) at = -1;
    else if (at < 0) return; // arrows keep their meaning in the filters
    event.preventDefault();
    var next = event.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });

  function typing(target) {
    return (
      target &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
    );
  }

  document.addEventListener("keydown", function (event) {
    var k = event.key;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (k === "k" || k === "K")) {
      event.preventDefault();
      open();
    } else if (k === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
      event.preventDefault();
      open();
    }
  });
})();
