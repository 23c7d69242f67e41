"""Mini-site builds in tmp_path: what a reader sees in the built HTML, and that bad data stops
the build with the editor's message and without a half-built site.

The mini project is a copy of the site's machinery (mkdocs.yml, macros/, overrides/) with a small
page tree and the synthetic data set; see `tests/support.py`. It is built once per session.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import yaml

from tests.conftest import SPECIAL_MEASURE, SPECIAL_TITLE, MiniSite, RealSite
from tests.support import (
    REPO,
    break_first,
    macros_build,
    make_project,
    mini_docs,
    mkdocs_build,
    stamp_translations,
)
from tests.synthetic import write_dataset

FIELD_PAGE = "handlungsfelder/sprache-und-bildung"


def labels(site: MiniSite, lang: str) -> dict[str, str]:
    path = site.project / "data" / "i18n" / lang / "labels.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def measure_ids(site: MiniSite, field: str) -> list[str]:
    measures = yaml.safe_load((site.project / "data" / "measures.yml").read_text(encoding="utf-8"))
    return [m["id"] for m in measures["measures"] if m["id"].startswith(f"{field}-")]


# -- the built tables -------------------------------------------------------------------------


def test_field_page_has_captioned_tables_with_header_scopes(mini_site: MiniSite) -> None:
    html = mini_site.html("de", FIELD_PAGE)
    tables = re.findall(r"<table\b.*?</table>", html, re.S)
    assert len(tables) == 1 + 1 + 8  # the roll-up's data table, the goals, the measures of each goal
    for table in tables:
        assert "<caption>" in table
        headers = re.findall(r"<th\b[^>]*>", table)
        assert headers and all(re.search(r'scope="(col|row)"', th) for th in headers)
    assert "<caption>Maßnahmen zu Ziel 2 im Handlungsfeld Sprache und Bildung" in html


def test_every_measure_has_its_id_as_anchor(mini_site: MiniSite) -> None:
    html = mini_site.html("de", FIELD_PAGE)
    ids = measure_ids(mini_site, "sb")
    assert len(ids) == 24
    for measure_id in ids:
        assert f'<tr id="{measure_id}">' in html
    assert 'id="sb-m2-3"' in html


def test_data_text_is_escaped_in_the_page(mini_site: MiniSite) -> None:
    html = mini_site.html("de", FIELD_PAGE)
    row = re.search(rf'<tr id="{SPECIAL_MEASURE}">.*?</tr>', html, re.S).group()
    title = re.search(r'<p class="kik-measure__title">(.*?)</p>', row, re.S).group(1)
    assert "&lt; 5" in title and "&amp;" in title
    assert "<" not in title.replace("&lt;", "")
    assert unescape(title) == SPECIAL_TITLE


def test_status_is_shown_as_words_and_hidden_icon(mini_site: MiniSite) -> None:
    html = mini_site.html("de", FIELD_PAGE)
    icons = re.findall(r'<span class="kik-status__icon" aria-hidden="true">(.)</span> (\w[^<]*)</span>', html)
    assert len(icons) == 24
    assert ("○", "Noch kein Bericht") in icons


def test_german_labels_on_german_pages_english_on_english(mini_site: MiniSite) -> None:
    de, en = labels(mini_site, "de"), labels(mini_site, "en")
    german = mini_site.html("de", "handlungsfelder")
    english = mini_site.html("en", "handlungsfelder")
    for key in ("fields_caption", "status_caption"):
        assert f"<caption>{de[key]}</caption>" in german
        assert f"<caption>{en[key]}</caption>" in english
    assert '<html lang="de"' in german
    assert '<html lang="en"' in english
    assert f'<th scope="col">{en["field_measures"]}</th>' in english
    assert f'<th scope="col">{de["field_measures"]}</th>' not in english


def test_german_fallback_page_in_the_english_site(mini_site: MiniSite) -> None:
    html = mini_site.html("en", FIELD_PAGE)
    notice = " ".join(labels(mini_site, "en")["language_fallback_notice"].split())
    assert notice in " ".join(html.split())
    assert '<html lang="en"' in html
    content = re.search(r'<div\b[^>]*\blang="de"[^>]*>(.*)', html, re.S)
    assert content, "the German content is not marked with lang=de"
    # The tables of a German page speak German, whatever the site language.
    assert "<caption>Maßnahmen zu Ziel 1 im Handlungsfeld" in content.group(1)


def test_untranslated_data_text_on_an_english_page_is_marked_german(mini_site: MiniSite) -> None:
    html = mini_site.html("en", "umsetzung/akteure")
    assert f"<caption>{labels(mini_site, 'en')['actors_caption']}</caption>" in html
    assert re.search(
        r'<th scope="row"><span class="kik-cell-label">[^<]+</span><span lang="de">[^<]+</span>', html
    )


def test_links_from_the_actors_index_reach_existing_anchors(mini_site: MiniSite) -> None:
    page = mini_site.out / "de" / "umsetzung" / "akteure" / "index.html"
    html = page.read_text(encoding="utf-8")
    # Each measure links to its own page (massnahmen/<id>/), whose heading carries the measure ID.
    links = set(re.findall(r'href="([^"#]*massnahmen/((?:sb|aa|gp|be|gt|io)-m[\d-]+)/)"', html))
    assert len(links) > 50
    for href, anchor in links:
        target = (page.parent / href / "index.html").resolve()
        assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (href, anchor)


# -- bad data stops the build -----------------------------------------------------------------


def project_with_data(root: Path, docs: dict[str, str] | None = None) -> Path:
    project = make_project(root, docs)
    write_dataset(project / "data")
    stamp_translations(project)
    return project


def test_bad_data_aborts_the_mkdocs_build_with_the_exact_message(tmp_path: Path) -> None:
    project = project_with_data(tmp_path / "project")
    line = break_first(project / "data" / "measures.yml", "status: done", "status: dnoe")
    column = (project / "data" / "measures.yml").read_text(encoding="utf-8").splitlines()[line - 1].index(
        "dnoe"
    ) + 1

    result = mkdocs_build(project, "de", tmp_path / "out")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    problem = re.search(
        rf"^data/measures\.yml:{line}:{column}: measures\[(\d+)\]\.history\[\d+\]\.status: "
        r"unbekannte ID 'dnoe' in statuses \(meinten Sie 'done'\?\)$",
        output,
        re.M,
    )
    assert problem, output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_failed_full_build_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    project = project_with_data(tmp_path / "project")
    break_first(project / "data" / "goals.yml", "field: aa", "field: ab")
    site = tmp_path / "site"
    (site / "handlungsfelder").mkdir(parents=True)
    (site / "index.html").write_text("bisherige Website", encoding="utf-8")

    result = macros_build(project, site)

    output = result.stdout + result.stderr
    assert result.returncode == 1
    problem = r"^data/goals\.yml:\d+:\d+: goals\[\d+\]\.field: unbekannte ID 'ab' in fields$"
    assert re.search(problem, output, re.M), output
    assert "Traceback" not in output
    assert sorted(p.name for p in site.iterdir()) == ["handlungsfelder", "index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bisherige Website"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging left


def test_a_language_failing_late_leaves_the_published_site_untouched(tmp_path: Path) -> None:
    """The data is fine, but one page cannot be rendered: no language is published."""
    docs = mini_docs()
    docs["de/umsetzung/kennzahlen.md"] = '# Kennzahlen\n\n{{ indicator_table("gibt-es-nicht") }}\n'
    project = project_with_data(tmp_path / "project", docs)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bisherige Website", encoding="utf-8")

    result = macros_build(project, site)

    assert result.returncode == 1, result.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "bisherige Website"


def test_a_link_to_a_missing_anchor_stops_the_full_build_and_names_the_page(tmp_path: Path) -> None:
    """MkDocs reports a link to a missing anchor only as a WARNING; --strict must turn it into a
    failure that the editor sees, in the build command they actually run."""
    docs = mini_docs()
    docs["de/index.md"] += "\n[Anker](handlungsfelder/sprache-und-bildung.md#gibt-es-nicht)\n"
    project = project_with_data(tmp_path / "project", docs)
    site = tmp_path / "site"

    result = macros_build(project, site)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "'#gibt-es-nicht'" in output, output
    assert "'index.md'" in output, output
    assert not (site / "index.html").exists()


# -- the real site ----------------------------------------------------------------------------


def test_the_real_site_builds_in_every_language(real_site: RealSite) -> None:
    output = real_site.result.stdout + real_site.result.stderr
    assert real_site.result.returncode == 0, output
    assert "Traceback" not in output
    languages = yaml.safe_load((REPO / "data" / "languages.yml").read_text(encoding="utf-8"))["languages"]
    for language in languages:
        prefix = "" if language["id"] == "de" else f"{language['id']}/"
        start = real_site.out / prefix / "index.html"
        assert start.is_file(), f"no start page for {language['id']}"
        assert f'<html lang="{language["id"]}"' in start.read_text(encoding="utf-8")
    field_page = (real_site.out / "handlungsfelder" / "sprache-und-bildung" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="sb-m2-4"' in field_page


def test_the_build_log_ends_with_the_time_of_each_step(real_site: RealSite) -> None:
    """Editors and the benchmark read where the build time went (macros/site/build.py, Steps)."""
    steps = [ln for ln in real_site.result.stdout.splitlines() if ln.startswith("Schritte:")]
    assert len(steps) == 1, real_site.result.stdout
    names = re.findall(r"([A-Za-zäöüÄÖÜ ]+?) (\d+\.\d) s", steps[0].removeprefix("Schritte:"))
    assert [n.strip(" ·") for n, _ in names] == [
        "Daten",
        "Sprachen",
        "Druckfassung",
        "Suchindex",
        "Offene Daten",
        "Komprimieren",
    ]
