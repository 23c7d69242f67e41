"""The Atom feed of "Was ist neu?" per language (RFC 4287), written next to the pages.

A Jinja template with XML escaping rather than feedgen (which drops rel/hreflang on entry links,
see ../shared/ECOSYSTEM.md). Entry IDs are tag URIs made from the history entry's permanent ID
(`<measure-id>-<date>`), so editing a note's text never changes them; dates are RFC 3339.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..data.model import Dataset
from ..i18n.languages import SiteLanguages
from ..i18n.urls import page_url
from ..render.monitoring import measure_page_uri, news_entries
from ..render.templating import template_environment

FEED_NAME = "atom.xml"
WHATS_NEW_PAGE = "umsetzung/neu.md"
# Tag URI authority (RFC 4151): the city's domain and the year the concept was adopted.
TAG_AUTHORITY = "tag:kempten.de,2021:kik"

_TEMPLATES = template_environment(Path(__file__).parent / "templates", keep_trailing_newline=True)


def entry_id(lang: str, history_entry_id: str) -> str:
    """Permanent Atom ID of one history entry in one language's feed."""
    return f"{TAG_AUTHORITY}:{lang}:{history_entry_id}"


def _rfc3339(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(data: Dataset, lang: str, site_url: str) -> str:
    """The feed of one language; site_url is the public root of the whole site (all languages)."""
    site = SiteLanguages.from_dataset(data)
    root = site.language_root_url(site_url, lang)
    label = lambda key: data.label(key, lang)  # noqa: E731 - a local shorthand
    entries = []
    for measure, entry in news_entries(data):
        title = data.text("measures", measure.id, "title", lang)
        notes = data.text("measures", measure.id, "notes", lang) or {}
        note = notes.get(entry.note_key)
        if entry.status:
            status = data.text("statuses", entry.status, "label", lang)
            what = f"{label('history_status_change').text}: {status.text}"
        else:
            what = label("history_note").text
        summary = f"{what}. {note.text}" if note else what
        entries.append(
            {
                "id": entry_id(lang, entry.id),
                "title": label("measure_heading").text.format(number=measure.number, title=title.text),
                "title_lang": title.lang,
                "summary": summary,
                "summary_lang": note.lang if note else lang,
                "updated": _rfc3339(entry.date),
                "url": root + page_url(measure_page_uri(measure.id)) + "#" + entry.id,
            }
        )
    dates = [e.date for m in data.measures for e in m.history] + [s.date for s in data.sources if s.date]
    updated = _rfc3339(max(dates)) if dates else "2021-11-18T00:00:00Z"
    alternates = [
        {"lang": other.id, "href": site.language_root_url(site_url, other.id) + FEED_NAME}
        for other in data.languages
        if other.id != lang
    ]
    return _TEMPLATES.get_template("atom.xml").render(
        lang=lang,
        feed_id=f"{TAG_AUTHORITY}:{lang}:neu",
        title=label("feed_title").text,
        subtitle=label("feed_subtitle").text,
        updated=updated,
        author=label("feed_author").text,
        self_url=root + FEED_NAME,
        page_url=root + page_url(WHATS_NEW_PAGE),
        alternates=alternates,
        entries=entries,
    )
