"""Publishing as an operator meets it: the swap into place, the server configs, the deploy check.

Expectations are computed independently of the code under test: the CSP is checked by hashing
every inline script of the built HTML here, not by asking the function that wrote the config.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.site import build as site_build
from macros.site.deploy import write_deploy_files
from tests.browser.kiksite import BuiltSite, session_site
from tests.support import macros_build, make_project, stamp_translations
from tests.synthetic import write_dataset


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return session_site(tmp_path_factory)


class InlineScripts(HTMLParser):
    """Collects the text of every <script> without src, as the browser would execute it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inside: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        executable = attributes.get("type") in (None, "", "text/javascript", "module")
        if tag == "script" and "src" not in attributes and executable:
            self._inside = []

    def handle_data(self, data):
        if self._inside is not None:
            self._inside.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._inside is not None:
            self.scripts.append("".join(self._inside))
            self._inside = None


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def htaccess_csp(htaccess: str) -> str:
    match = re.search(r'^\s*Header always set Content-Security-Policy "([^"]+)"$', htaccess, re.M)
    assert match, "no CSP header in .htaccess"
    return match.group(1)


def script_src(csp: str) -> set[str]:
    directive = next(d.strip() for d in csp.split(";") if d.strip().startswith("script-src "))
    return set(directive.split()[1:])


def test_every_inline_script_of_the_built_html_is_allowed_by_the_shipped_csp(site: BuiltSite):
    allowed = script_src(htaccess_csp((site.root / ".htaccess").read_text(encoding="utf-8")))
    assert "'unsafe-inline'" not in allowed
    missing: dict[str, list[str]] = {}
    pages = list(site.root.rglob("*.html"))
    assert len(pages) > len(site.languages)
    found = 0
    for page in pages:
        parser = InlineScripts()
        parser.feed(page.read_text(encoding="utf-8"))
        found += len(parser.scripts)
        for script in parser.scripts:
            if sha256_source(script) not in allowed:
                missing.setdefault(sha256_source(script), []).append(str(page.relative_to(site.root)))
    assert found > 0, "Material's pages carry inline scripts; none found means the parser is blind"
    assert missing == {}


def test_the_nginx_block_ships_the_same_csp_as_apache(site: BuiltSite):
    from macros.site.deploy import nginx_path

    csp = htaccess_csp((site.root / ".htaccess").read_text(encoding="utf-8"))
    nginx = nginx_path(site.root).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{csp}" always;' in nginx


def test_error_documents_follow_a_sub_path(site: BuiltSite, tmp_path: Path):
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    write_deploy_files(copy, copy, "https://stadt.example/kik/", tmp_path / "kik.nginx.conf")
    htaccess = (copy / ".htaccess").read_text(encoding="utf-8")
    nginx = (tmp_path / "kik.nginx.conf").read_text(encoding="utf-8")
    assert "ErrorDocument 404 /kik/404.html" in htaccess
    for lang in site.languages[1:]:
        assert f"ErrorDocument 404 /kik/{lang}/404.html" in htaccess
        assert f"/kik/{lang}/404.html" in nginx
    assert "ErrorDocument 404 /404.html" not in htaccess


CSP_MESSAGE = "CSP passt nicht zu den Skripten der Seiten"


def _run_deploy_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros.site.deploy check FOLDER`, as the operator runs it before publishing."""
    return subprocess.run(
        [sys.executable, "-m", "macros.site.deploy", "check", str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture()
def site_copy(site: BuiltSite, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    write_deploy_files(copy, copy, None, tmp_path / "site.nginx.conf")
    return copy


def test_deploy_check_accepts_the_csp_of_its_own_build(site_copy: Path):
    result = _run_deploy_check(site_copy)
    assert CSP_MESSAGE not in result.stdout + result.stderr


def test_deploy_check_refuses_a_tampered_htaccess(site_copy: Path):
    htaccess = site_copy / ".htaccess"
    text = htaccess.read_text(encoding="utf-8")
    first_hash = re.search(r"'sha256-[^']+' ?", text).group(0)
    htaccess.write_text(text.replace(first_hash, "", 1), encoding="utf-8")
    result = _run_deploy_check(site_copy)
    assert result.returncode == 1
    assert f"{htaccess}: {CSP_MESSAGE}" in result.stderr


def test_deploy_check_refuses_a_page_whose_inline_script_was_changed(site_copy: Path):
    page = next(p for p in sorted(site_copy.rglob("index.html")) if "<script>" in p.read_text("utf-8"))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("<script>", "<script>window.kikTampered=1;", 1), encoding="utf-8")
    result = _run_deploy_check(site_copy)
    assert result.returncode == 1
    assert CSP_MESSAGE in result.stderr


def test_deploy_check_refuses_a_page_edited_after_the_build(site_copy: Path):
    # Edited in the built folder instead of in docs/: every browser that accepts compression
    # would still get the old page from its .gz twin.
    page = site_copy / "impressum" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</main>", "<p>Nachtrag</p></main>", 1), "utf-8")
    result = _run_deploy_check(site_copy)
    assert result.returncode == 1
    assert "komprimierte Fassungen passen nicht zu ihren Dateien" in result.stderr
    assert "impressum/index.html.br, impressum/index.html.gz" in result.stderr


# -- building into a published folder ----------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("publish") / "project")
    write_dataset(root / "data", scale=1, seed=2)
    stamp_translations(root)
    return root


def test_only_the_language_roots_have_a_sitemap(project: Path):
    # Material's switcher no longer fetches sitemap.xml per page (alternate-links.js, issue #17):
    # no empty stubs in the page folders, only the sitemap of each language root (its content:
    # tests/test_multilingual.py).
    out = project.parent / "sitemaps" / "site"
    built = macros_build(project, out)
    assert built.returncode == 0, built.stdout + built.stderr
    roots = {out / "sitemap.xml", out / "en" / "sitemap.xml"}
    assert set(out.rglob("sitemap.xml")) == roots


def test_a_second_build_removes_a_deleted_page_and_leaves_nothing_beside_the_site(project: Path):
    out = project.parent / "public" / "site"
    first = macros_build(project, out)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (out / "umsetzung" / "akteure" / "index.html").is_file()
    before = sorted(p.name for p in out.parent.iterdir())

    page = project / "docs" / "de" / "umsetzung" / "akteure.md"
    page.unlink()
    (project / "docs" / "en" / "umsetzung" / "akteure.md").unlink(missing_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      - umsetzung/akteure.md\n", ""))
    second = macros_build(project, out)
    assert second.returncode == 0, second.stdout + second.stderr

    assert not (out / "umsetzung" / "akteure").exists()
    assert not (out / "en" / "umsetzung" / "akteure").exists()
    assert (out / "index.html").is_file()
    # Nothing but the site (and its nginx block) beside it: no .site.old, no staging folder.
    assert sorted(p.name for p in out.parent.iterdir()) == before
    assert not [p.name for p in out.parent.iterdir() if p.name.startswith(".")]


def test_the_swap_into_place_is_renames_only(tmp_path: Path, monkeypatch):
    """A copy would let readers see a half-written folder and keep stale files: renames only."""
    old = tmp_path / "site"
    (old / "alt").mkdir(parents=True)
    (old / "alt" / "index.html").write_text("alt", encoding="utf-8")
    new = tmp_path / ".site.staging"
    new.mkdir()
    (new / "index.html").write_text("neu", encoding="utf-8")
    inode = new.stat().st_ino

    def no_copy(*args, **kwargs):
        raise AssertionError("swap_into_place must not copy files")

    monkeypatch.setattr(shutil, "copytree", no_copy)
    monkeypatch.setattr(shutil, "copy2", no_copy)
    monkeypatch.setattr(shutil, "copyfile", no_copy)
    site_build.swap_into_place(new, old)

    assert old.stat().st_ino == inode  # the staged folder itself, renamed
    assert (old / "index.html").read_text(encoding="utf-8") == "neu"
    assert not (old / "alt").exists()
    assert sorted(os.listdir(tmp_path)) == ["site"]
