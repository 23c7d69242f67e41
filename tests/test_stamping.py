"""Pages filled into a shell (macros/site/stamping.py) and HTML kept from Markdown (render/stash.py).

Both exist for build time at scale; both must be invisible to a reader: a stamped page shows its
own title, address, search facets and article and nothing of the shell, and a stashed block comes
back exactly as it was rendered. No data text can become a slot or a token.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from macros.render.stash import HtmlStash
from macros.site import stamping
from macros.site.stamping import SHELL_NAME, Shell, Stamp, StampError, facet_slot

SHELL_URL = f"massnahmen/{SHELL_NAME}/"


def rendered_shell(*, body: bool = True, facets: tuple[str, ...] = ("type", "field")) -> str:
    """What MkDocs and Material make of the shell page (the parts filling depends on)."""
    spans = "".join(f'<span hidden data-pagefind-filter="{k}">{facet_slot(k)}</span>' for k in facets)
    return (
        '<html lang="de"><head>'
        f'<link rel="alternate" href="../../en/{SHELL_URL}" hreflang="en">'
        f"<title>{stamping.TITLE_SLOT} - KIK online</title></head><body>"
        f'<div class="md-header__topic">{stamping.TITLE_SLOT}</div>{spans}'
        f'<a href="../../en/{SHELL_URL}" hreflang="en">English</a>'
        f"<article>{stamping._BODY_BLOCK if body else ''}</article></body></html>"
    )


def test_a_filled_shell_shows_the_pages_own_title_address_facets_and_article() -> None:
    shell = Shell(rendered_shell(), SHELL_URL, ("type", "field"))
    page = shell.fill(
        Stamp(
            "massnahmen/sb-m2-4/",
            "Maßnahme 2.4: Sprachcafés",
            Markup('<h1 id="sb-m2-4">Maßnahme 2.4</h1>'),
            {"type": "Maßnahme", "field": "Sprache und Bildung"},
        )
    )
    assert "<title>Maßnahme 2.4: Sprachcafés - KIK online</title>" in page
    assert '<div class="md-header__topic">Maßnahme 2.4: Sprachcafés</div>' in page
    assert page.count('href="../../en/massnahmen/sb-m2-4/"') == 2
    assert '<span hidden data-pagefind-filter="field">Sprache und Bildung</span>' in page
    assert '<article><h1 id="sb-m2-4">Maßnahme 2.4</h1></article>' in page
    assert SHELL_NAME not in page and "STAMP0" not in page


# Titles and facets are data texts: anything an editor can type, the slot words included.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from(
    [stamping.TITLE_SLOT, facet_slot("field"), SHELL_URL, stamping._BODY_BLOCK, '<img src=x onerror="a()">']
)


@settings(max_examples=200, deadline=None)
@given(title=_text, field=_text)
def test_no_title_or_facet_becomes_markup_or_a_slot(title: str, field: str) -> None:
    shell = Shell(rendered_shell(), SHELL_URL, ("type", "field"))
    page = shell.fill(Stamp("massnahmen/x/", title, Markup("<p>x</p>"), {"type": "Maßnahme", "field": field}))
    assert f"<title>{escape(title)} - KIK online</title>" in page
    assert f'data-pagefind-filter="field">{escape(field)}</span>' in page
    # Exactly the shell's elements: nothing a text brought along.
    # (the article slot, one element, became the article <p>x</p>, one element)
    assert len(re.findall(r"<(?!/)", page)) == len(re.findall(r"<(?!/)", rendered_shell()))


def test_a_shell_without_its_article_slot_is_refused() -> None:
    with pytest.raises(StampError, match="Platzhalter"):
        Shell(rendered_shell(body=False), SHELL_URL, ("type", "field"))


def test_a_shell_missing_a_facet_slot_is_refused() -> None:
    with pytest.raises(StampError, match=facet_slot("field")):
        Shell(rendered_shell(facets=("type",)), SHELL_URL, ("type", "field"))


def test_the_shells_address_in_a_form_filling_would_miss_is_refused() -> None:
    html = rendered_shell().replace("</body>", f'<a href="/massnahmen/{SHELL_NAME}">x</a></body>')
    with pytest.raises(StampError, match="unbekannten Form"):
        Shell(html, SHELL_URL, ("type", "field"))


def test_a_page_with_other_facets_than_its_shell_is_refused() -> None:
    shell = Shell(rendered_shell(), SHELL_URL, ("type", "field"))
    with pytest.raises(StampError, match="Suchfacetten"):
        shell.fill(Stamp("massnahmen/x/", "t", Markup(""), {"type": "Maßnahme"}))


# -- the stash -----------------------------------------------------------------------------------

_blocks = st.builds(
    lambda tag, body, anchor: f'<{tag} id="{anchor}">{escape(body)}</{tag}>',
    st.sampled_from(["div", "table", "section", "figure", "h2", "dl", "ol", "ul", "p"]),
    st.text(max_size=80),
    st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True),
)


@settings(max_examples=200, deadline=None)
@given(blocks=st.lists(_blocks, min_size=1, max_size=5))
def test_every_stashed_block_comes_back_unchanged_with_its_ids(blocks: list[str]) -> None:
    stash = HtmlStash()
    page = "<p>Intro</p>\n" + "\n".join(stash.put(b) for b in blocks) + "\n<p>Ende</p>"
    assert all(b not in page for b in blocks if len(b) > 60)
    restored, ids = stash.restore(page)
    assert restored == "<p>Intro</p>\n" + "\n".join(blocks) + "\n<p>Ende</p>"
    assert ids == {re.search(r'id="([^"]+)"', b).group(1) for b in blocks}


def test_inline_output_is_not_stashed() -> None:
    stash = HtmlStash()
    assert stash.put("Sprache und Bildung") == "Sprache und Bildung"
    assert stash.put('<span lang="de">Bildung</span>') == '<span lang="de">Bildung</span>'


def test_a_token_an_editor_wrote_asks_for_nothing() -> None:
    stash = HtmlStash()
    token = stash.put("<table><tr><td>1</td></tr></table>")
    forged = re.sub(r'"[0-9a-f]+-', '"000000000000-', token)
    restored, ids = stash.restore(forged)
    assert restored == forged and not ids
    assert stash.restore(token)[0] == "<table><tr><td>1</td></tr></table>"
