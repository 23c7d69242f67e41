"""Search facets and the Pagefind call (macros/site/search_index.py), without a browser."""

from __future__ import annotations

from pathlib import Path

from macros.data.dataset import load_dataset
from macros.site.search_index import pagefind_command, remove_lunr, search_facets
from tests.support import REPO

DATA = load_dataset(REPO / "data")


def label(key: str, lang: str) -> str:
    return DATA.label(key, lang).text


def test_page_types_and_action_fields_in_the_readers_language() -> None:
    field = DATA.fields[0]
    title = str(DATA.text("fields", field.id, "title", "en"))
    assert search_facets(f"handlungsfelder/{field.slug}.md", DATA, "en") == {
        "type": label("search_type_field", "en"),
        "field": title,
    }
    assert search_facets("konzept/beschluss.md", DATA, "ar") == {"type": label("search_type_concept", "ar")}
    assert search_facets("handlungsfelder/index.md", DATA, "de") == {}
    assert search_facets("impressum.md", DATA, "de") == {}
    measure = DATA.measures[0]
    facets = search_facets(f"massnahmen/{measure.id}/index.md", DATA, "de")
    assert facets["type"] == label("search_type_measure", "de")
    assert facets["field"] == str(DATA.text("fields", DATA.field_of_measure(measure).id, "title", "de"))
    assert search_facets("kennzahlen/einwohner.md", DATA, "tr") == {
        "type": label("search_type_indicator", "tr")
    }


def test_measure_numbers_stay_one_word() -> None:
    command = pagefind_command(Path("site"))
    assert command[command.index("--include-characters") + 1] == "."
    assert command[command.index("--output-subdir") + 1] == "pagefind"


def test_nothing_of_lunr_stays(tmp_path: Path) -> None:
    for name in [
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "assets/javascripts/workers/search.1.min.js",
        "search/search_index.json",
        "assets/javascripts/bundle.1.min.js",
    ]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    remove_lunr(tmp_path)
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert left == ["assets/javascripts/bundle.1.min.js"]


def test_every_page_carries_the_search_texts_as_a_json_data_block(mini_site) -> None:
    import json
    import re

    for lang in ("de", "en"):
        html = mini_site.html(lang, "handlungsfelder/sprache-und-bildung/")
        block = re.search(
            r'<script type="application/json" id="kik-search-config">(.*?)</script>', html, re.S
        )
        assert block, lang
        assert "<" not in block.group(1)  # tojson escapes it: no label can end the block
        config = json.loads(block.group(1))
        assert config["lang"] == lang
        assert config["text"]["open"] == label("search_open", lang)
        assert config["text"]["fallbackMarker"] == label("search_fallback_marker", lang)
        # Up from the page to its language root, then to the site root (English lives in en/).
        assert config["siteRoot"] == "../../" + ("" if lang == "de" else "../")
        # Without JavaScript: a link to the overview, named in the page's language.
        link = re.search(r'<a class="[^"]*kik-search-link" href="([^"]+)" data-kik-search>([^<]+)</a>', html)
        assert link and link.groups() == ("../", label("search_nojs_link", lang))
        # The page type and action field the search filters by.
        assert f'<span hidden data-pagefind-filter="type">{label("search_type_field", lang)}</span>' in html


def test_a_site_pagefind_cannot_index_is_reported_not_published(tmp_path: Path) -> None:
    from macros.site.search_index import index_site

    result = index_site(tmp_path)
    assert not result.ok
    assert "html" in result.output.lower()
    assert not (tmp_path / "pagefind" / "pagefind.js").exists()
