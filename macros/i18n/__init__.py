"""Stage 2 – languages: the site's language layout and URLs, translation state, translators' commands.
May use: macros.data. Never render, site, publish or importer."""
