"""Stage 5 – publish: files written next to the pages (open data, DCAT, feeds, PDF).
May use: macros.data, macros.i18n, macros.render. Never site or MkDocs."""
