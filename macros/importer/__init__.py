"""Side stage – importer: the city's spreadsheets → YAML in data/, checked with the data stage's rules.
May use: macros.data. Never i18n, render, site, publish or MkDocs."""
