"""From a built page to a part of the print document: ids, headings, links, what is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.publish.article import NoArticle, rewrite_article
from macros.publish.printdoc import LinkMap, css_string, is_printed, nav_pages, page_key
from tests.support import REPO

PAGE = """<html><body><nav>site navigation</nav>
<article class="md-content__inner md-typeset">
<h1 id="sprache">Sprache &amp; Bildung<a class="headerlink" href="#sprache" title="Link">&para;</a></h1>
<!--kik-pdf-size:de-->
<div class="kik-pdf-download"><p><a href="../druckfassung/kik.pdf">PDF</a></p></div>
<p onclick="alert(1)" style="color:red">Kosten &lt; 5 € &amp; „Zitat“</p>
<h2 id="ziele">Ziele</h2><h5 id="tief">Tief</h5>
<table><caption id="cap">Maßnahmen</caption><tr id="sb-m2-4"><th scope="row" headers="cap">2.4</th></tr></table>
<details><summary>Mehr</summary><p>Inhalt</p></details>
<p><a href="#ziele">hier</a> <a href="../arbeit/#ab-m1">Arbeit</a> <a href="../arbeit/#gibt-es-nicht">weg</a>
<a href="../../datenschutz/">Datenschutz</a> <a href="https://www.kempten.de/">Stadt</a>
<a href="mailto:poststelle@kempten.de">Mail</a> <img src="../../assets/images/logo.svg" alt="Logo"></p>
<script>alert(2)</script>
</article><footer>footer</footer></body></html>"""


def links() -> LinkMap:
    keys = {"handlungsfelder/sprache/": "p-sprache", "handlungsfelder/arbeit/": "p-arbeit"}
    return LinkMap("en/", "https://example.org/kik/", keys)


def rewrite(shift: int = 2):
    link_map = links()
    ids = {"handlungsfelder/arbeit/": {"ab-m1"}, "handlungsfelder/sprache/": {"ziele"}}
    page = "handlungsfelder/sprache/"
    return rewrite_article(
        PAGE,
        "p-sprache",
        shift,
        lambda href: link_map.href(page, href, ids),
        lambda src: link_map.src(page, src),
    )


def test_only_the_article_is_taken_without_screen_parts() -> None:
    body = rewrite().body
    for gone in (
        "site navigation",
        "footer",
        "headerlink",
        "¶",
        "kik-pdf-download",
        "<!--",
        "<script",
        "alert",
    ):
        assert gone not in body
    assert 'style="' not in body and "onclick" not in body


def test_headings_move_below_the_document_title_and_ids_get_the_page_prefix() -> None:
    article = rewrite()
    assert '<h3 id="p-sprache--sprache">Sprache &amp; Bildung</h3>' in article.body
    assert '<h4 id="p-sprache--ziele">Ziele</h4>' in article.body
    assert '<h6 id="p-sprache--tief">' in article.body  # h5 + 2 stays a heading: h6 at most
    assert '<tr id="p-sprache--sb-m2-4">' in article.body
    assert 'headers="p-sprache--cap"' in article.body
    assert article.title == "Sprache & Bildung"
    assert {"sprache", "ziele", "sb-m2-4"} <= article.ids


def test_text_stays_escaped() -> None:
    assert "<p>Kosten &lt; 5 € &amp; „Zitat“</p>" in rewrite().body


def test_details_are_open_on_paper() -> None:
    assert "<details open>" in rewrite().body


def test_links_point_into_the_document_or_to_the_public_site() -> None:
    body = rewrite().body
    assert '<a href="#p-sprache--ziele">hier</a>' in body
    assert '<a href="#p-arbeit--ab-m1">Arbeit</a>' in body
    assert '<a href="#p-arbeit">weg</a>' in body  # unknown anchor: the page itself
    assert '<a href="https://example.org/kik/en/datenschutz/">Datenschutz</a>' in body  # not printed
    assert '<a href="https://www.kempten.de/">Stadt</a>' in body
    assert '<a href="mailto:poststelle@kempten.de">Mail</a>' in body
    # Images are files of the language's folder, relative to en/druckfassung/.
    assert 'src="../assets/images/logo.svg"' in body


def test_a_page_without_article_is_an_error() -> None:
    with pytest.raises(NoArticle):
        rewrite_article("<html><body><p>kein Artikel</p></body></html>", "p-x", 1, str, str)


def test_nav_order_comes_from_mkdocs_yml_without_the_website_pages() -> None:
    pages = [p for p in nav_pages(REPO / "mkdocs.yml") if is_printed(p.path)]
    paths = [p.path for p in pages]
    assert paths[0] == "index.md"
    assert paths.index("konzept/index.md") < paths.index("handlungsfelder/sprache-und-bildung.md")
    assert "impressum.md" in paths and "begriffe.md" in paths
    assert not [p for p in paths if p.startswith(("mitmachen/", "leichte-sprache/"))]
    assert "datenschutz.md" not in paths
    sections = {p.path: p.section for p in pages}
    assert sections["handlungsfelder/sprache-und-bildung.md"] == "nav_fields"
    assert sections["index.md"] is None


def test_page_keys_are_stable_anchors() -> None:
    assert page_key("") == "p-start"
    assert page_key("handlungsfelder/sprache-und-bildung/") == "p-handlungsfelder-sprache-und-bildung"


def test_css_strings_cannot_break_out() -> None:
    text = css_string('a"b\\c; } body { x')
    assert text.count('"') == 2 and "}" not in text and ";" not in text
    assert css_string("Seite ") == '"Seite\\000020"'  # the space survives the escape before it


def test_nav_of_a_project_without_nav_is_empty(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [X, 'y']\n", encoding="utf-8")
    assert nav_pages(tmp_path / "mkdocs.yml") == []


def test_svg_references_follow_their_prefixed_ids() -> None:
    svg = (
        '<article><h1>T</h1><svg role="img" aria-labelledby="t"><title id="t">Chart</title>'
        '<defs><pattern id="dots"></pattern></defs><rect fill="url(#dots)"></rect>'
        '<use href="#dots"/><path d="M0,0h1"/><text>Balken</text></svg></article>'
    )
    body = rewrite_article(svg, "p-x", 1, str, str).body
    assert 'aria-labelledby="p-x--t"' in body and 'id="p-x--dots"' in body
    assert 'fill="url(#p-x--dots)"' in body and '<use href="#p-x--dots"></use>' in body
    # Self-closed SVG elements stay empty: the text after them is not swallowed.
    assert '<path d="M0,0h1"></path><text>Balken</text>' in body
