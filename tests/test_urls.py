"""macros.i18n.urls: page URLs and relative links the way MkDocs lays out the site."""

from __future__ import annotations

import pytest

from macros.i18n.urls import page_url, relative_url


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [
        ("index.md", True, ""),
        ("handlungsfelder/index.md", True, "handlungsfelder/"),
        ("handlungsfelder/sprache-und-bildung.md", True, "handlungsfelder/sprache-und-bildung/"),
        ("handlungsfelder/sprache-und-bildung.md", False, "handlungsfelder/sprache-und-bildung.html"),
        ("umsetzung/README.md", True, "umsetzung/"),
        ("impressum.md", False, "impressum.html"),
    ],
)
def test_page_url(src: str, directory_urls: bool, url: str) -> None:
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("", "handlungsfelder/sprache-und-bildung/", "handlungsfelder/sprache-und-bildung/"),
        ("handlungsfelder/", "handlungsfelder/sprache-und-bildung/#sb-m2-4", "sprache-und-bildung/#sb-m2-4"),
        (
            "umsetzung/akteure/",
            "handlungsfelder/sprache-und-bildung/#sb-m2-4",
            "../../handlungsfelder/sprache-und-bildung/#sb-m2-4",
        ),
        (
            "handlungsfelder/sprache-und-bildung/",
            "handlungsfelder/sprache-und-bildung/#sb-m8-6",
            "./#sb-m8-6",
        ),
        ("handlungsfelder/", "", "../"),
        (
            "umsetzung/akteure.html",
            "handlungsfelder/sprache-und-bildung.html",
            "../handlungsfelder/sprache-und-bildung.html",
        ),
    ],
)
def test_relative_url(here: str, target: str, link: str) -> None:
    assert relative_url(here, target) == link


def test_link_to_the_start_page_is_a_directory() -> None:
    assert relative_url("", "") == "./"
    assert relative_url("umsetzung/akteure/", "") == "../../"
