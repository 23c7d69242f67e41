"""macros.i18n.languages: language folders, the language switcher and translated navigation."""

from __future__ import annotations

from macros.data.model import Language
from macros.i18n.languages import SiteLanguages, translate_nav

SITE = SiteLanguages(
    (Language("de", "Deutsch", "ltr"), Language("en", "English", "ltr"), Language("ar", "العربية", "rtl"))
)


def test_german_is_the_root_and_others_have_a_folder() -> None:
    assert SITE.codes == ["de", "en", "ar"]
    assert SITE.prefix("de") == ""
    assert SITE.prefix("ar") == "ar/"
    assert SITE.language_root_url("https://example.org/kik", "en") == "https://example.org/kik/en/"
    assert SITE.language_root_url("https://example.org/kik/", "de") == "https://example.org/kik/"


def test_alternates_from_the_german_start_page() -> None:
    assert SITE.alternates("de") == [
        {"name": "Deutsch", "lang": "de", "link": "./"},
        {"name": "English", "lang": "en", "link": "en/"},
        {"name": "العربية", "lang": "ar", "link": "ar/"},
    ]


def test_alternates_from_an_english_page_point_at_the_same_page() -> None:
    links = {a["lang"]: a["link"] for a in SITE.alternates("en", "handlungsfelder/")}
    assert links == {
        "de": "../handlungsfelder/",
        "en": "../en/handlungsfelder/",
        "ar": "../ar/handlungsfelder/",
    }


def test_alternates_with_a_site_url_are_absolute() -> None:
    links = {a["lang"]: a["link"] for a in SITE.alternates("en", "impressum/", "https://example.org/")}
    assert links["de"] == "https://example.org/impressum/"
    assert links["ar"] == "https://example.org/ar/impressum/"


def test_translate_nav_translates_section_keys_only() -> None:
    nav = ["index.md", {"nav_fields": ["handlungsfelder/index.md", {"Seite": "x.md"}]}]
    labels = {"nav_fields": "Action fields"}
    assert translate_nav(nav, labels.__getitem__) == [
        "index.md",
        {"Action fields": ["handlungsfelder/index.md", {"Seite": "x.md"}]},
    ]
    assert translate_nav(None, labels.__getitem__) is None
