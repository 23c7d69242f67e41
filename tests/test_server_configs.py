"""The server configurations the build ships, run by the real servers an operator will use.

nginx: `nginx -t` on the generated block exactly as shipped (TLS lines included, with a throwaway
certificate), and the served site answers with the shipped headers. Apache: `apache2 -t` on the
generated .htaccess in the context AllowOverride reads it in.
"""

from __future__ import annotations

import gzip
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.kiksite import BuiltSite, session_site
from tests.servers import apache_test, nginx_test


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> BuiltSite:
    return session_site(tmp_path_factory)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=kik.test"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


def shipped_block(site: BuiltSite) -> str:
    assert site.nginx_conf is not None
    return site.nginx_conf.read_text(encoding="utf-8")


def test_nginx_accepts_the_shipped_server_block(site: BuiltSite, certificate, tmp_path: Path):
    cert, key = certificate
    block = shipped_block(site)
    # The operator's one edit: uncomment the certificate lines and point them at their files.
    assert "# ssl_certificate     " in block and "# ssl_certificate_key " in block
    block = block.replace("# ssl_certificate     /etc/ssl/kik/fullchain.pem;", f"ssl_certificate {cert};")
    block = block.replace("# ssl_certificate_key /etc/ssl/kik/privkey.pem;", f"ssl_certificate_key {key};")
    result = nginx_test(block, tmp_path / "nginx-t")
    assert result.returncode == 0, result.stderr
    assert "[emerg]" not in result.stderr and "[warn]" not in result.stderr, result.stderr


def test_nginx_refuses_a_broken_block(tmp_path: Path):
    """Guards the test above: the harness really asks nginx."""
    result = nginx_test("server {\n    listen 127.0.0.1:1;\n    no_such_directive on;\n}\n", tmp_path)
    assert result.returncode != 0
    assert "no_such_directive" in result.stderr


def test_apache_accepts_the_shipped_htaccess(site: BuiltSite, tmp_path: Path):
    result = apache_test(site.root, tmp_path / "apache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Syntax OK" in result.stdout + result.stderr


def test_apache_refuses_a_broken_htaccess(site: BuiltSite, tmp_path: Path):
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    (copy / ".htaccess").write_text("Header always sett X-Test yes\n", encoding="utf-8")
    result = apache_test(copy, tmp_path / "apache")
    assert result.returncode != 0


def fetch(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=20)
    except urllib.error.HTTPError as err:
        return err


def test_nginx_sends_the_shipped_headers_and_types(site: BuiltSite):
    page = fetch(site.base_url + "handlungsfelder/sprache-und-bildung/")
    assert page.status == 200
    for name, value in site.headers.items():
        assert page.headers[name] == value, name
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Server" not in page.headers or "nginx/" not in page.headers["Server"]  # server_tokens off
    styles = fetch(site.url(site.theme_bundles[0]))
    assert styles.headers["Content-Type"].startswith("text/css")
    assert "immutable" in styles.headers["Cache-Control"]


@pytest.mark.parametrize("path", ["index.html", "en/handlungsfelder/sprache-und-bildung/index.html", "css"])
def test_nginx_sends_the_twin_the_build_compressed(site: BuiltSite, path: str):
    if path == "css":
        path = site.theme_bundles[0].as_posix()
    twin = (site.root / (path + ".gz")).read_bytes()
    compressed = fetch(site.url(path), **{"Accept-Encoding": "gzip"})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert compressed.headers["Vary"] == "Accept-Encoding"  # caches keep both versions apart
    # The very bytes of the build's twin (nginx compressing on the fly gives other bytes).
    assert compressed.read() == twin
    assert gzip.decompress(twin) == (site.root / path).read_bytes()
    plain = fetch(site.url(path))
    assert "Content-Encoding" not in plain.headers
    assert plain.read() == (site.root / path).read_bytes()


def test_nginx_answers_unknown_paths_with_the_languages_404_page(site: BuiltSite):
    for lang in site.languages:
        prefix = site.prefix(lang)
        missing = fetch(site.base_url + prefix + "gibt-es-nicht/")
        assert missing.status == 404
        body = missing.read().decode("utf-8")
        assert f'<html lang="{lang}"' in body, lang
        assert missing.headers["Content-Security-Policy"] == site.headers["Content-Security-Policy"]
