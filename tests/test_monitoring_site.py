"""Following the implementation on a built mini site: one history line changes every view of it.

The mini site (tests/conftest.py, synthetic data in German and English) is built once as is and
once more with one status change appended to one measure's history. Everything a reader sees of
that measure must follow: its page, its row on the field page, the roll-ups of its field, of the
start page and of the implementation page, "Was ist neu?" and the Atom feed — in every language.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from macros.data.dataset import load_dataset
from macros.publish.feed import entry_id
from tests.conftest import MiniSite
from tests.support import mkdocs_build, without_cell_labels

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGS = ("de", "en")
NEW_DATE = dt.date(2026, 11, 30)  # after every synthetic date, before any day a test runs on


def changed_measure(data) -> str:
    """A measure in progress whose history ends before NEW_DATE: it will be marked done."""
    return next(m.id for m in data.measures if m.status == "in-progress" and m.as_of < NEW_DATE)


def append_history_line(measures_yml: Path, measure_id: str) -> None:
    """Append one entry (`- date: …` / `status: done`) to the measure's history, as an editor would."""
    lines = measures_yml.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"- id: {measure_id}\n")
    history = next(i for i in range(start, len(lines)) if lines[i] == "  history:\n")
    end = history + 1
    while end < len(lines) and (lines[end].startswith("  - ") or lines[end].startswith("    ")):
        end += 1
    lines[end:end] = [f"  - date: {NEW_DATE.isoformat()}\n", "    status: done\n"]
    measures_yml.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def changed(mini_site: MiniSite, tmp_path_factory: pytest.TempPathFactory) -> tuple[MiniSite, str]:
    root = tmp_path_factory.mktemp("changed")
    project = root / "project"
    shutil.copytree(mini_site.project, project)
    measure_id = changed_measure(load_dataset(project / "data"))
    append_history_line(project / "data" / "measures.yml", measure_id)
    out = root / "out"
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda lang: mkdocs_build(project, lang, out / lang), LANGS))
    for result in results:
        assert result.returncode == 0, result.stderr
    return MiniSite(project, out), measure_id


def rollup_rows(html: str, chart_id: str) -> dict[str, int]:
    """status ID -> count from the data table of the roll-up figure `chart_id`."""
    html = without_cell_labels(html)
    figure = re.search(rf'<figure class="kik-chart[^"]*" id="{chart_id}">(.*?)</figure>', html, re.S)
    assert figure, chart_id
    rows = re.findall(
        r'<tr data-key="([^"]+)"><th scope="row">.*?</th><td>([^<]*)</td></tr>', figure.group(1)
    )
    return {key: int(value.replace(".", "").replace(",", "")) for key, value in rows}


def summary(html: str, chart_id: str) -> str:
    figure = re.search(rf'id="{chart_id}">(.*?)</figure>', html, re.S).group(1)
    return re.search(r'<figcaption class="kik-chart__summary">(.*?)</figcaption>', figure, re.S).group(1)


def field_page(data, measure_id: str) -> str:
    measure = next(m for m in data.measures if m.id == measure_id)
    return f"handlungsfelder/{data.field_of_measure(measure).slug}/"


def field_row(html: str, measure_id: str) -> str:
    return re.search(rf'<tr id="{measure_id}">(.*?)</tr>', without_cell_labels(html), re.S).group(1)


def feed(site: MiniSite, lang: str) -> ET.Element:
    return ET.parse(site.out / lang / "atom.xml").getroot()


# -- roll-ups are the data's counts -------------------------------------------------------------


def test_roll_up_numbers_equal_the_counts_in_the_data(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    everything = Counter(m.status for m in data.measures)
    for lang in LANGS:
        for page in ("", "umsetzung/"):
            rows = rollup_rows(mini_site.html(lang, page), "fortschritt-gesamt")
            assert rows == {s.id: everything[s.id] for s in data.statuses}, (lang, page)
        for field in data.fields:
            in_field = Counter(m.status for m in data.measures_of(field.id))
            rows = rollup_rows(
                mini_site.html(lang, f"handlungsfelder/{field.slug}/"), f"fortschritt-{field.id}"
            )
            assert rows == {s.id: in_field[s.id] for s in data.statuses}, (lang, field.id)
    total = len(data.measures)
    assert summary(mini_site.html("de", ""), "fortschritt-gesamt").startswith(f"Von {total} Maßnahmen sind ")
    assert f"{everything['done']} umgesetzt" in summary(mini_site.html("de", ""), "fortschritt-gesamt")
    assert summary(mini_site.html("en", ""), "fortschritt-gesamt").startswith(f"Of {total} measures, ")


def test_stale_reports_are_marked_and_counted(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    today = dt.date.today()
    stale = [m for m in data.measures if m.is_stale(today, 12)]
    assert stale, "the synthetic data has old reports"
    sentence = summary(mini_site.html("de", ""), "fortschritt-gesamt")
    assert f"Bei {len(stale)} davon ist der Stand älter als 12 Monate." in sentence
    page = (mini_site.out / "de" / "massnahmen" / stale[0].id / "index.html").read_text(encoding="utf-8")
    assert '<span class="kik-stale">Stand älter als 12 Monate</span>' in page


# -- measure pages -----------------------------------------------------------------------------


def test_every_measure_has_a_page_in_every_language_with_its_history(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    for lang in LANGS:
        for measure in data.measures:
            page = mini_site.out / lang / "massnahmen" / measure.id / "index.html"
            html = page.read_text(encoding="utf-8")
            anchors = re.findall(r'<li class="kik-timeline__entry" id="([^"]+)">', html)
            # The timeline is newest first; each entry is anchored by its permanent ID.
            assert anchors == [h.id for h in reversed(measure.history)], measure.id
            if not measure.history:
                assert "kik-no-report" in html
    reported = next(m for m in data.measures if len(m.history) >= 2)
    html = (mini_site.out / "de" / "massnahmen" / reported.id / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<time datetime="([\d-]+)"', html)
    assert dates == sorted(dates, reverse=True) and len(dates) == len(reported.history)


def test_field_rows_link_to_the_measure_page(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    measure = data.measures[0]
    row = field_row(mini_site.html("de", field_page(data, measure.id)), measure.id)
    assert f'href="../../massnahmen/{measure.id}/"' in row


def test_measure_pages_are_in_the_sitemap_and_search_but_not_the_navigation(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    measure = data.measures[0]
    for lang in LANGS:
        # The sitemap needs the public address (tests/test_multilingual.py checks it on the real
        # site); here: the page is built, and its article is what the search indexes.
        page = mini_site.html(lang, f"massnahmen/{measure.id}/")
        assert "data-pagefind-body" in page
        start = mini_site.html(lang, "")
        assert f"massnahmen/{measure.id}/" not in start


# -- one history line changes everything ---------------------------------------------------------


def test_one_history_line_changes_every_view_in_every_language(
    mini_site: MiniSite, changed: tuple[MiniSite, str]
) -> None:
    after, measure_id = changed
    data = load_dataset(mini_site.project / "data")
    new_id = f"{measure_id}-{NEW_DATE.isoformat()}"
    field = data.field_of_measure(next(m for m in data.measures if m.id == measure_id))
    for lang in LANGS:
        before_page = (mini_site.out / lang / "massnahmen" / measure_id / "index.html").read_text(
            encoding="utf-8"
        )
        after_page = (after.out / lang / "massnahmen" / measure_id / "index.html").read_text(encoding="utf-8")
        assert f'id="{new_id}"' not in before_page and f'id="{new_id}"' in after_page

        before_row = field_row(mini_site.html(lang, field_page(data, measure_id)), measure_id)
        after_row = field_row(after.html(lang, field_page(data, measure_id)), measure_id)
        assert "kik-status--in-progress" in before_row and "kik-status--done" in after_row

        for page, chart in (
            (f"handlungsfelder/{field.slug}/", f"fortschritt-{field.id}"),
            ("", "fortschritt-gesamt"),
            ("umsetzung/", "fortschritt-gesamt"),
        ):
            old, new = (
                rollup_rows(mini_site.html(lang, page), chart),
                rollup_rows(after.html(lang, page), chart),
            )
            assert new["done"] == old["done"] + 1 and new["in-progress"] == old["in-progress"] - 1, (
                lang,
                page,
            )
            assert summary(mini_site.html(lang, page), chart) != summary(after.html(lang, page), chart)
            old_svg = re.search(rf'id="{chart}">.*?(<svg.*?</svg>)', mini_site.html(lang, page), re.S).group(
                1
            )
            new_svg = re.search(rf'id="{chart}">.*?(<svg.*?</svg>)', after.html(lang, page), re.S).group(1)
            assert old_svg != new_svg, (lang, page)

        news = after.html(lang, "umsetzung/neu/")
        first = re.search(r'<li class="kik-news__entry">.*?href="([^"]+)"', news, re.S).group(1)
        assert first.endswith(f"massnahmen/{measure_id}/#{new_id}")
        assert f"#{new_id}" not in mini_site.html(lang, "umsetzung/neu/")

        ids_before = [e.findtext(f"{ATOM}id") for e in feed(mini_site, lang).iter(f"{ATOM}entry")]
        ids_after = [e.findtext(f"{ATOM}id") for e in feed(after, lang).iter(f"{ATOM}entry")]
        assert ids_after[0] == entry_id(lang, new_id) and entry_id(lang, new_id) not in ids_before
        # Every other entry keeps its ID (only the oldest falls off the end of the list).
        assert ids_after[1:] == ids_before[: len(ids_after) - 1]


# -- the Atom feed ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_feed_is_atom_with_the_required_elements(mini_site: MiniSite, lang: str) -> None:
    root = feed(mini_site, lang)
    assert root.tag == f"{ATOM}feed" and root.get(XML_LANG) == lang
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    links = {
        (link.get("rel"), link.get("hreflang")): link.get("href") for link in root.findall(f"{ATOM}link")
    }
    assert links[("self", None)].endswith("/atom.xml")
    assert links[("alternate", lang)].endswith("umsetzung/neu/")
    entries = list(root.iter(f"{ATOM}entry"))
    assert entries
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", entry.findtext(f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("hreflang") == lang
        assert "/massnahmen/" in link.get("href") and "#" in link.get("href")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == len(entries)


def test_feed_entry_ids_do_not_change_when_a_note_is_edited(tmp_path: Path, mini_site: MiniSite) -> None:
    """The ID is built from measure and date, never from text."""
    from macros.publish.feed import atom_feed

    data = load_dataset(mini_site.project / "data")
    first = ET.fromstring(atom_feed(data, "de", "https://example.org/kik/"))
    again = ET.fromstring(atom_feed(data, "de", "https://example.org/kik/"))
    ids = [e.findtext(f"{ATOM}id") for e in first.iter(f"{ATOM}entry")]
    assert ids == [e.findtext(f"{ATOM}id") for e in again.iter(f"{ATOM}entry")]
    assert all(i.startswith("tag:kempten.de,2021:kik:de:") for i in ids)


def test_every_page_announces_the_feed_of_its_language(mini_site: MiniSite) -> None:
    for lang in LANGS:
        html = mini_site.html(lang, "handlungsfelder/")
        link = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
        assert link and f'hreflang="{lang}"' in link.group(0) and 'href="../atom.xml"' in link.group(0)
        assert 'href="../../atom.xml"' in mini_site.html(lang, "umsetzung/neu/")


# -- explorer without JavaScript -------------------------------------------------------------------


def test_explorer_lists_every_measure_grouped_by_field(mini_site: MiniSite) -> None:
    data = load_dataset(mini_site.project / "data")
    for lang in LANGS:
        html = mini_site.html(lang, "umsetzung/massnahmen/")
        items = re.findall(r'<li class="kik-explorer__item" data-field="([^"]+)" data-status="([^"]+)"', html)
        assert len(items) == len(data.measures)
        assert Counter(s for _f, s in items) == Counter(m.status for m in data.measures)
        groups = re.findall(r'<section class="kik-explorer__group" data-field="([^"]+)"', html)
        assert groups == [f.id for f in data.fields]
        assert '<form class="kik-explorer__filters" hidden>' in html
        assert 'role="status"' in html


def test_every_measure_page_shows_its_own_title_facet_and_language_links(mini_site: MiniSite) -> None:
    """Measure pages are filled into one rendered shell (macros/site/stamping.py): each must still
    be its own page, and nothing of the shell may be left anywhere in the site."""
    from markupsafe import escape

    from macros.render.monitoring import measure_title_text

    data = load_dataset(mini_site.project / "data")
    for lang in LANGS:
        # Not the link to German from another language: without a public address MkDocs' `url`
        # filter breaks it on every page (pre-existing, see the closing note of the session).
        other = "en"
        for measure in data.measures:
            html = mini_site.html(lang, f"massnahmen/{measure.id}/")
            title = str(escape(measure_title_text(data, measure, lang)))
            assert f"<title>{title} - " in html
            topic = re.search(
                r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', html
            )
            assert topic and topic.group(1) == title
            field = data.text("fields", data.field_of_measure(measure).id, "title", lang).text
            assert f'<span hidden data-pagefind-filter="field">{escape(field)}</span>' in html
            switch = re.search(rf'<a href="([^"]*)" hreflang="{other}" class="md-select__link">', html)
            assert switch and switch.group(1).endswith(f"/massnahmen/{measure.id}/")
            assert f'<h1 id="{measure.id}">' in html
    for path in mini_site.out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "kik--vorlage" not in text and "STAMP0" not in text, path
