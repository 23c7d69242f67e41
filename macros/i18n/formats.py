"""Dates in the reader's language, independent of the server's locale.

The pattern is a CLDR date pattern from the language's labels (`date_pattern`, e.g. "d MMMM y");
Babel supplies the month names of the language. `strftime` would take month names from the
machine's locale (English on most servers) and cannot inflect them (Russian "декабря").
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_format_date


def format_date(value: dt.date, lang: str, pattern: str) -> str:
    """`value` written with the CLDR `pattern` in language `lang` (digits stay 0–9)."""
    return _babel_format_date(value, format=pattern, locale=lang)
