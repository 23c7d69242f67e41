/* html-validate configuration for the built site (tests/test_built_site.py).
 * Recommended rules, minus pure style rules that Material's templates or Python-Markdown
 * trip over. Each switched-off rule says why. Rule hits that are real but come from Material's
 * own partials (not from overrides/ or our templates) are filtered one by one, with the
 * reason, in MATERIAL_MARKUP in tests/test_built_site.py – so the same rules still check ours. */
module.exports = {
  extends: ["html-validate:recommended"],
  rules: {
    // Material's templates keep their indentation: whitespace at line ends, invisible to readers.
    "no-trailing-whitespace": "off",
    // Material writes <!doctype html> in lower case; HTML treats both spellings the same.
    "doctype-style": "off",
    // Python-Markdown writes void elements XHTML-style (<br />); valid HTML, a style preference.
    "void-style": "off",
    // Material's ids start with "__" (__drawer, __search, __palette_0, __nav_2): valid HTML5.
    // "relaxed" still rejects what HTML forbids (empty ids, whitespace in ids).
    "valid-id": ["error", { relaxed: true }],
    // Page titles are "<page> - KIK online – Integrationskonzept Kempten": the site name keeps
    // tabs and bookmarks recognisable. Search engines cut long titles, readers lose nothing;
    // the limit still catches runaway titles.
    "long-title": ["error", { maxlength: 120 }],
  },
};
