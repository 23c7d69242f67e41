"""Tables on a phone (390 px): every stacked value shows its column's label, in every language.

The label is real text in the cell (not CSS content, not aria-hidden), so sighted readers and
screen readers get the same words; on wide screens it is hidden and the table layout speaks.
"""

from __future__ import annotations

import pytest

from tests.browser.pages import FIELD_PAGE, LANGUAGES

CELLS = """() => [...document.querySelectorAll('table.kik-table')].flatMap((table) => {
  const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  return [...table.querySelectorAll('tbody tr')].flatMap((tr) =>
    [...tr.children].map((cell, i) => {
      const label = cell.firstElementChild;
      const isLabel = !!label && label.classList.contains('kik-cell-label');
      const box = isLabel ? label.getBoundingClientRect() : null;
      return {
        column: heads[i],
        label: isLabel ? label.textContent.trim() : null,
        visible: isLabel && getComputedStyle(label).display !== 'none' && box.width > 0 && box.height > 0,
        hidden: isLabel && !!label.closest('[aria-hidden="true"]'),
      };
    }));
})"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_stacked_cells_show_their_column_label_on_a_phone(open_page, site, lang):
    watched = open_page(site.base_url + site.prefix(lang) + FIELD_PAGE.removesuffix("index.html"), width=390)
    cells = watched.page.evaluate(CELLS)
    assert cells, "the field page has data tables"
    wrong = [c for c in cells if c["label"] != c["column"] or not c["visible"] or c["hidden"]]
    assert wrong == []


def test_labels_stay_out_of_sight_on_a_wide_screen(open_page, site):
    watched = open_page(site.base_url + FIELD_PAGE.removesuffix("index.html"), width=1280)
    cells = watched.page.evaluate(CELLS)
    assert cells and not any(c["visible"] for c in cells)
