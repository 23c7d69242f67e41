"""Stage 3 – render: pure functions (Dataset, language) → HTML through templates/, and the check of
page templates before rendering. May use: macros.data, macros.i18n. Never site, publish or MkDocs."""
