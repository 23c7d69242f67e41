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
