"""Tables on a phone: every stacked value carries its column's label, in every table and language."""

from __future__ import annotations

import re

import pytest

from macros.render.stacking import label_cells
from tests.browser.kiksite import visible_text

TABLE = """<table class="kik-table">
<caption>Ziele</caption>
<thead>
<tr>
<th scope="col">Nr.</th>
<th scope="col"><span lang="de" dir="ltr">Ziel</span></th>
<th scope="col">Maßnahmen</th>
</tr>
</thead>
<tbody>
<tr id="z1">
<th scope="row">1</th>
<td><p>Wortlaut <em>noch</em> nicht erfasst</p></td>
<td>1</td>
</tr>
<tr id="z2">
<th scope="row">2</th>
<td>Text</td>
<td>3</td>
</tr>
</tbody>
</table>"""


def leading_label(cell: str) -> str | None:
    """The inner HTML of the cell-label span a cell starts with (spans may nest), or None."""
    opening = '<span class="kik-cell-label">'
    if not cell.startswith(opening):
        return None
    depth, pos = 1, len(opening)
    for match in re.finditer(r"<span\b|</span>", cell[pos:]):
        depth += 1 if match.group(0) == "<span" else -1
        if depth == 0:
            return cell[pos : pos + match.start()]
    return None


def test_each_body_cell_starts_with_its_column_label():
    html = label_cells(TABLE)
    assert '<th scope="row"><span class="kik-cell-label">Nr.</span>1</th>' in html
    assert '<td><span class="kik-cell-label"><span lang="de" dir="ltr">Ziel</span></span><p>Wortlaut' in html
    assert '<td><span class="kik-cell-label">Maßnahmen</span>3</td>' in html
    assert html.count('class="kik-cell-label"') == 6
    # The header row gets no labels, and without the labels the table is unchanged.
    assert '<th scope="col">Nr.</th>' in html
    without = re.sub(
        r'<span class="kik-cell-label">(?:[^<]|<span lang="de" dir="ltr">Ziel</span>)*</span>', "", html
    )
    assert without == TABLE


def test_tables_without_the_site_class_stay_as_they_are():
    plain = TABLE.replace('class="kik-table"', 'class="other"')
    assert label_cells(plain) == plain


def test_a_table_nested_in_a_cell_is_left_alone():
    nested = TABLE.replace(
        "<td>Text</td>", '<td><table class="kik-table"><tbody><tr><td>x</td></tr></tbody></table></td>'
    )
    html = label_cells(nested)
    assert "<tr><td>x</td></tr>" in html


@pytest.fixture(scope="module")
def real_site_out(real_site):
    assert real_site.result.returncode == 0, real_site.result.stdout + real_site.result.stderr
    return real_site.out


@pytest.mark.parametrize("prefix", ["", "en/", "ar/", "uk/"])
def test_every_cell_of_every_built_table_carries_its_column_label(real_site_out, prefix):
    pages = list((real_site_out / prefix).glob("**/index.html"))
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for table in re.findall(r'<table class="kik-table.*?</table>', html, re.S):
            head = re.search(r"<thead>(.*?)</thead>", table, re.S)
            columns = [
                visible_text(h) for h in re.findall(r"<th scope=\"col\">(.*?)</th>", head.group(1), re.S)
            ]
            body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
                cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
                got = [
                    visible_text(m.group(1))
                    if (m := re.match(r'<span class="kik-cell-label">(.*?)</span>', c, re.S))
                    else None
                    for c in cells
                ]
                assert got == columns[: len(cells)], (page, got, columns)
                checked += 1
    assert checked > 0
