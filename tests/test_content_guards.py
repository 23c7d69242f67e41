"""Guards for what the content review found, so it cannot come back unnoticed (issue #11).

Checked on the built site, where a reader meets the text (snippets, data texts and labels
included): the "144" always with its caveat on German pages; no German quotation marks and no
detached per-cent sign on Arabic pages; no German short date on any page of a translation.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.data.dataset import load_dataset
from macros.i18n.languages import SiteLanguages
from tests.support import REPO

SITE = SiteLanguages.from_dataset(load_dataset(REPO / "data"))
TRANSLATIONS = [lang for lang in SITE.codes if lang != "de"]

# 18.11.2021, 5.3.2024 – or the open form of a range such as "26.09.–03.10.".
GERMAN_SHORT_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b\d{2}\.\d{2}\.(?=\s*[–-])")
GERMAN_QUOTES = re.compile("[„“]")
# A per-cent sign cut off from its number (the bidi algorithm then shows "% 38.2").
DETACHED_PERCENT = re.compile(r"\d\s+%|%\s*\d")


class TextOutsideGerman(HTMLParser):
    """Visible text of a page without what is marked lang="de" (German fallbacks are German)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def _german(self) -> bool:
        return any(german for _, german in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attributes = dict(attrs)
        hidden = tag in ("script", "style", "template")
        self.stack.append((tag, hidden or attributes.get("lang") == "de"))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._german():
            self.parts.append(data)

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def pages_of(out: Path, lang: str) -> list[Path]:
    root = out / SITE.prefix(lang)
    pages = root.rglob("*.html")
    if lang == "de":  # the German site is the root: leave out the other languages' folders
        return [p for p in pages if p.relative_to(root).parts[0] not in TRANSLATIONS]
    return list(pages)


def reader_text(page: Path) -> str:
    parser = TextOutsideGerman()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.text()


@pytest.fixture(scope="module")
def out(real_site) -> Path:
    assert real_site.result.returncode == 0, real_site.result.stdout + real_site.result.stderr
    return real_site.out


def test_the_144_always_carries_its_caveat_on_german_pages(out: Path):
    checked = 0
    for page in pages_of(out, "de"):
        html = page.read_text(encoding="utf-8")
        for _, block in re.findall(r"<(p|li)\b[^>]*>(.*?)</\1>", html, re.S):
            text = " ".join(re.sub(r"<[^>]+>", " ", block).split())
            if re.search(r"(?<![\d.,])144(?![\d.,]\d)", text):
                checked += 1
                assert "unsicher" in text, f"{page.relative_to(out)}: „144“ ohne Hinweis: {text}"
    assert checked >= 3  # start page, fields overview, the note on the field pages


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_german_short_dates_in_a_translation(out: Path, lang: str):
    found = {}
    for page in pages_of(out, lang):
        hits = GERMAN_SHORT_DATE.findall(reader_text(page))
        if hits:
            found[str(page.relative_to(out))] = hits
    assert found == {}


def test_arabic_pages_use_arabic_quotation_marks_and_keep_percent_with_its_number(out: Path):
    problems = []
    for page in pages_of(out, "ar"):
        text = reader_text(page)
        for pattern in (GERMAN_QUOTES, DETACHED_PERCENT):
            problems += [f"{page.relative_to(out)}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert problems == []


def test_the_guards_see_what_they_guard():
    """The patterns find what the review found (so a passing test means something)."""
    assert GERMAN_SHORT_DATE.findall("am 18.11.2021 und vom 26.09.–03.10.") == ["18.11.2021", "26.09."]
    assert not GERMAN_SHORT_DATE.search("Maßnahme 2.4. Ziel 8.30 und Version 1.5.2")
    assert DETACHED_PERCENT.search("38.2 %") and DETACHED_PERCENT.search("% 38.2")
    assert not DETACHED_PERCENT.search("38.2%")
    parser = TextOutsideGerman()
    parser.feed('<p>Text <span lang="de">am 18.11.2021</span> weiter<br>x</p>')
    assert parser.text() == "Text weiter x"
