"""Class 7 of issue 9: no data text or label can become an element, an attribute, a link, a
list or emphasis in the built HTML — neither through our templates, nor through Material's
templates (which print config values unescaped), nor through Python-Markdown reading inline
macro output again (PITFALLS 16 and 17).

One mini site is built with hostile texts in the places that reach the page by different paths:
a field title (inline in a heading, and the page title Material reuses in the navigation and in
aria-labels), a field summary on a line of its own (inline in a paragraph), a measure title (an
HTML table), and labels printed by Material (site name, palette toggle) and by our overrides
(aria-label of the legal navigation, link texts).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.render.renderers import escape_text
from tests.support import make_project, mini_docs, mkdocs_build, set_text
from tests.synthetic import write_dataset

# Each one tries a different way out: an unclosed tag (the data check refuses only complete
# tags), quotes that would end an attribute, a Markdown link to javascript:, emphasis, a list
# marker at the start, a numbered list, a snippet include, attribute syntax.
HOSTILE = [
    "<img src=x onerror=alert(1) \"quoted\" 'single'",
    "[x](javascript:alert(1)) **b** _i_ `c`",
    "- Listenpunkt",
    "1. Erster Punkt",
    '--8<-- "mkdocs.yml"',
    "Text {: .boese onclick=alert(1) }",
]
TITLE = " ".join(HOSTILE[:2]) + " & Co"
SUMMARY = "- " + " ".join(HOSTILE)
MEASURE = "**fett** [x](javascript:alert(1)) <img src=x onerror=alert(1)"
LABELS = {
    "site_name": 'Seite "mit" <img src=x onerror=alert(1) Zitat',
    "legal_nav": 'Recht "q" \' <img src=x onerror=alert(1)',
    "footer_imprint": "[x](javascript:alert(1)) **Impressum**",
    "palette_to_dark": 'Dunkel" onmouseover="alert(1)',
    "service_nav": "Service' onfocus='alert(1)",
}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = mini_docs()
    docs["de/index.md"] += '\n{{ field_summary("sb") }}\n\nZahl: {{ indicator_latest("kennzahl-01") }}\n'
    project = make_project(tmp_path_factory.mktemp("hostile") / "project", docs)
    data = project / "data"
    write_dataset(data, scale=1, seed=1)
    set_text(data, "de", "fields", "sb", "title", TITLE)
    set_text(data, "de", "fields", "sb", "summary", SUMMARY)
    set_text(data, "de", "measures", "sb-m1-1", "title", MEASURE)
    labels_file = data / "i18n" / "de" / "labels.yml"
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8"))
    labels.update(LABELS)
    labels_file.write_text(yaml.safe_dump(labels, allow_unicode=True, sort_keys=False), encoding="utf-8")
    out = project.parent / "out"
    result = mkdocs_build(project, "de", out)
    assert result.returncode == 0, result.stderr
    return out


def pages(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_no_data_text_or_label_becomes_an_element_or_attribute(hostile_site: Path) -> None:
    for page in pages(hostile_site):
        parsed = parse(page.read_text(encoding="utf-8"))
        for tag, attrs in parsed.tags:
            where = f"{page.relative_to(hostile_site)}: <{tag} {attrs}>"
            assert tag != "img" or "onerror" not in attrs, where
            assert not any(name.startswith("on") for name in attrs), where
            assert "boese" not in (attrs.get("class") or ""), where
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith("javascript:"), where


def test_hostile_texts_arrive_as_the_very_text(hostile_site: Path) -> None:
    field_page = (hostile_site / "handlungsfelder" / "sprache-und-bildung" / "index.html").read_text("utf-8")
    parsed = parse(field_page)
    text = " ".join("".join(parsed.text).split())
    assert " ".join(TITLE.split()) in text
    start = parse((hostile_site / "index.html").read_text("utf-8"))
    start_text = " ".join("".join(start.text).split())
    assert " ".join(SUMMARY.split()) in start_text
    # Markdown made nothing of it: no list, emphasis, code or link came out of the summary.
    html = (hostile_site / "index.html").read_text("utf-8")
    body = html[html.index('<article class="md-content__inner') :]
    body = body[: body.index("</article>")]
    assert "<li>Listenpunkt" not in body and "<strong>b</strong>" not in body
    assert "<em>i</em>" not in body and "<code>c</code>" not in body
    assert "mkdocs.yml" in body  # the snippet line is text, not an include


def test_labels_in_attributes_keep_their_full_accessible_name(hostile_site: Path) -> None:
    parsed = parse((hostile_site / "index.html").read_text("utf-8"))
    navs = {attrs.get("class"): attrs.get("aria-label") for tag, attrs in parsed.tags if tag == "nav"}
    assert navs["kik-legal md-grid"] == LABELS["legal_nav"]
    assert navs["kik-servicebar"] == LABELS["service_nav"]
    palette = [attrs for tag, attrs in parsed.tags if tag == "input" and attrs.get("name") == "__palette"]
    assert LABELS["palette_to_dark"] in [p.get("aria-label") for p in palette]
    logo = [attrs for tag, attrs in parsed.tags if tag == "a" and attrs.get("data-md-component") == "logo"]
    assert logo and all(a.get("aria-label") == LABELS["site_name"] for a in logo)


def test_page_title_reaches_material_without_visible_entities(hostile_site: Path) -> None:
    """The field title is the page title: Material prints it again (navigation, footer links,
    aria-labels with `|e`). Neither a backslash nor '&#91;' may show up there."""
    html = (hostile_site / "index.html").read_text("utf-8")
    parsed = parse(html)
    labels = [attrs.get("aria-label") or "" for _, attrs in parsed.tags]
    for label in labels:
        assert "&#" not in label and "\\[" not in label, label
    text = "".join(parsed.text)
    assert "\\[x\\]" not in text and "&#91;" not in text


@pytest.mark.parametrize("text", HOSTILE + [TITLE, SUMMARY, MEASURE, *LABELS.values()])
def test_one_escaping_path_leaves_no_markup_characters(text: str) -> None:
    for inline in (False, True):
        escaped = str(escape_text(text, inline=inline))
        assert "<" not in escaped and "\n" not in escaped
        if not inline:
            assert '"' not in escaped and "'" not in escaped  # safe inside any quoted attribute
            assert not any(c in escaped for c in "[]*_`")
