/* KIK online – no sitemap downloads on every page view (issue #17, "Fast on a phone").
 * Material's bundle, on DOMContentLoaded, fetches `sitemap.xml` relative to every
 * <link rel="alternate"> in the page, to point its language switcher at the same page in the
 * other language. Our switcher links already do that (macros/site/hooks.py renders them per page),
 * so those downloads (one per language and the feed, on every page) only cost a reader's data.
 * This script runs in the head, before the bundle: its DOMContentLoaded listener is registered
 * first, so it runs first and takes the alternate links out of the head; the bundle then finds
 * none and fetches nothing. Right after (next task) they are put back in their places, for
 * everything that reads the DOM (crawlers, reader tools). The HTML source is unchanged. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var links = document.querySelectorAll("link[rel=alternate]");
    var detached = [];
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var marker = document.createComment("kik-alternate");
      link.parentNode.replaceChild(marker, link);
      detached.push([marker, link]);
    }
    setTimeout(function () {
      for (var j = 0; j < detached.length; j++) {
        var pair = detached[j];
        if (pair[0].parentNode) pair[0].parentNode.replaceChild(pair[1], pair[0]);
      }
    }, 0);
  }, { once: true });
})();
