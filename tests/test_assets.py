"""One copy of the theme for all languages (macros/site/assets.py), on a small built site.

The site here has the shape of a real build: the root language and `en/` each with their own
copy of the assets, pages linking them the way Material writes links (relative, and
path-absolute on the 404 pages).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.site.assets import share_assets

HEAD = (
    '<link rel="stylesheet" href="{up}assets/stylesheets/main.1a2b3c4d.min.css">\n'
    '<link rel="stylesheet" href="{up}assets/stylesheets/kik.css">\n'
    '<script src="{up}assets/javascripts/early.js"></script>\n'
    '<script src="{up}assets/javascripts/search.js" defer></script>\n'
)
BODY = (
    '<img src="{up}assets/images/logo.svg" alt="Logo"><a href="{up}konzept/">Konzept</a>\n'
    '<script src="{up}assets/javascripts/bundle.5e6f7a8b.min.js"></script>\n'
)
FILES = {
    "stylesheets/main.1a2b3c4d.min.css": '@charset "UTF-8";body{margin:0}\n/*# sourceMappingURL=main.css.map*/\n',
    "stylesheets/kik.css": '@charset "UTF-8";\n.kik{color:#123}\n',
    "javascripts/early.js": '"use strict";window.kikEarly = 1;\n',
    "javascripts/search.js": "window.kikSearch = 1;\n",
    "javascripts/bundle.5e6f7a8b.min.js": '"use strict";(()=>{window.kikTheme = 1;})();\n//# sourceMappingURL=b.map\n',
    "images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


def page(up: str) -> str:
    return f"<!doctype html><html><head>{HEAD.format(up=up)}</head><body>{BODY.format(up=up)}</body></html>"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for lang in ("", "en/"):
        for name, text in FILES.items():
            _write(root / lang / "assets" / name, text)
    _write(root / "index.html", page(""))
    _write(root / "konzept" / "index.html", page("../"))
    _write(root / "en" / "index.html", page(""))
    _write(root / "en" / "konzept" / "index.html", page("../"))
    # 404 pages link path-absolutely: they are served at any address.
    _write(root / "en" / "404.html", page("/kik/en/"))
    # The print edition has a layout of its own: only its logo link changes.
    _write(
        root / "en" / "druckfassung" / "index.html",
        '<link rel="stylesheet" href="druck.css"><img src="../assets/images/logo.svg">',
    )
    return root


def links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


def test_every_page_links_one_style_sheet_and_one_script_at_the_root(site: Path):
    bundles = share_assets(site, ["en/"], "/kik/")
    assert re.fullmatch(r"assets/stylesheets/kik\.[0-9a-f]{8}\.min\.css", bundles.css)
    assert re.fullmatch(r"assets/javascripts/kik\.[0-9a-f]{8}\.min\.js", bundles.js)
    css, js = bundles.css, bundles.js
    expected = {
        "index.html": [css, "assets/images/logo.svg", "konzept/", js],
        "konzept/index.html": [f"../{css}", "../assets/images/logo.svg", "../konzept/", f"../{js}"],
        "en/index.html": [f"../{css}", "../assets/images/logo.svg", "konzept/", f"../{js}"],
        "en/konzept/index.html": [
            f"../../{css}",
            "../../assets/images/logo.svg",
            "../konzept/",
            f"../../{js}",
        ],
        "en/404.html": [f"/kik/{css}", "/kik/assets/images/logo.svg", "/kik/en/konzept/", f"/kik/{js}"],
        "en/druckfassung/index.html": ["druck.css", "../../assets/images/logo.svg"],
    }
    for name, expected_links in expected.items():
        assert links((site / name).read_text(encoding="utf-8")) == expected_links, name
    # The language's own copy is gone; the root keeps one.
    assert not (site / "en" / "assets").exists()
    assert (site / "assets" / "images" / "logo.svg").is_file()


def test_the_bundles_keep_the_order_and_run_deferred_scripts_last(site: Path):
    bundles = share_assets(site, ["en/"], "/")
    css = (site / bundles.css).read_text(encoding="utf-8")
    assert css.startswith('@charset "UTF-8";body{margin:0}')
    assert css.count("@charset") == 1 and "sourceMappingURL" not in css
    assert css.index("margin:0") < css.index(".kik{color:#123}")
    js = (site / bundles.js).read_text(encoding="utf-8")
    order = [js.index(marker) for marker in ("kikEarly", "kikTheme", "kikSearch")]
    assert order == sorted(order) and "sourceMappingURL" not in js
    # Each file keeps its own scope and its own "use strict".
    assert js.count("(function () {") == 3 and '(function () {\n"use strict";(()=>' in js


def test_the_bundle_name_changes_with_the_content(site: Path, tmp_path: Path):
    first = share_assets(site, ["en/"], "/")
    other = tmp_path / "other"
    for name, text in FILES.items():
        _write(other / "assets" / name, text.replace("#123", "#124"))
    _write(other / "index.html", page(""))
    second = share_assets(other, [], "/")
    assert first.js == second.js and first.css != second.css


def test_an_asset_a_language_has_of_its_own_stays_its_own(site: Path):
    _write(
        site / "en" / "assets" / "images" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg' id='en'/>"
    )
    share_assets(site, ["en/"], "/")
    assert "assets/images/logo.svg" in links((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert (site / "en" / "assets" / "images" / "logo.svg").is_file()
    assert not (site / "en" / "assets" / "stylesheets").exists()


def test_a_page_linking_other_files_keeps_its_links(site: Path):
    odd = site / "en" / "alt" / "index.html"
    _write(odd, page("../").replace("kik.css", "anders.css"))
    _write(site / "en" / "assets" / "stylesheets" / "anders.css", "p{}")
    share_assets(site, ["en/"], "/")
    assert 'href="../assets/stylesheets/anders.css"' in odd.read_text(encoding="utf-8")
    assert 'href="../../assets/stylesheets/main.1a2b3c4d.min.css"' in odd.read_text(encoding="utf-8")
