"""Stage 4 – site: per-language MkDocs builds (hooks.py is the MkDocs adapter), assembly into the
output folder, server configuration. May use: data, i18n, render, publish."""
