"""Precompressed twins (.gz, .br) of the built text files, and the deploy check's view of them."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.site.compress import MIN_BYTES, precompress, stale_twins

PAGE = ("<!doctype html><html lang=de><p>" + "Sprache und Bildung für alle. " * 60 + "</p></html>").encode()


def _site(root: Path) -> Path:
    (root / "konzept").mkdir(parents=True)
    (root / "index.html").write_bytes(PAGE)
    (root / "konzept" / "index.html").write_bytes(PAGE.replace(b"Bildung", b"Arbeit"))
    (root / "logo.png").write_bytes(b"\x89PNG" + bytes(4000))
    # Compresses well, but below 512 bytes (the threshold BETRIEB.md promises): no twin.
    (root / "klein.css").write_bytes(b"a" * 511)
    (root / "genau.css").write_bytes(b"a" * 512)
    return root


def test_every_text_file_gets_both_twins_that_unpack_to_it(tmp_path: Path):
    site = _site(tmp_path / "site")
    assert precompress(site) == 6
    assert sorted(p.name for p in site.glob("genau.css.*")) == ["genau.css.br", "genau.css.gz"]
    for page in (site / "index.html", site / "konzept" / "index.html"):
        assert gzip.decompress(page.with_name("index.html.gz").read_bytes()) == page.read_bytes()
        assert brotli.decompress(page.with_name("index.html.br").read_bytes()) == page.read_bytes()
    # Images are compressed in their own format; tiny files are not worth a twin.
    assert not list(site.glob("logo.png.*")) and not list(site.glob("klein.css.*"))
    assert stale_twins(site) == []


def test_gzip_twins_carry_no_timestamp_and_no_file_name(tmp_path: Path):
    site = _site(tmp_path / "site")
    precompress(site)
    header = (site / "index.html.gz").read_bytes()[:10]
    assert header[4:8] == bytes(4)  # MTIME 0: rebuilding the same content changes no byte
    assert header[3] & 0x08 == 0  # no FNAME field


def test_two_builds_of_the_same_content_give_the_same_bytes(tmp_path: Path):
    first, second = _site(tmp_path / "a"), _site(tmp_path / "b")
    precompress(first)
    precompress(second)
    for twin in ("index.html.gz", "index.html.br", "konzept/index.html.gz"):
        assert (first / twin).read_bytes() == (second / twin).read_bytes(), twin


def test_a_page_changed_after_the_build_makes_its_twins_stale(tmp_path: Path):
    site = _site(tmp_path / "site")
    precompress(site)
    (site / "konzept" / "index.html").write_bytes(PAGE.replace(b"Bildung", b"Gesundheit"))
    (site / "index.html").unlink()
    # Compressed in its own right (not a twin): never reported, and it does not end the search.
    (site / "archiv.tar.gz").write_bytes(gzip.compress(b"tar"))
    assert [p.relative_to(site).as_posix() for p in stale_twins(site)] == [
        "index.html.br",
        "index.html.gz",
        "konzept/index.html.br",
        "konzept/index.html.gz",
    ]


def test_a_damaged_twin_is_stale_not_a_crash(tmp_path: Path):
    site = _site(tmp_path / "site")
    precompress(site)
    (site / "index.html.gz").write_bytes(b"kein gzip")
    (site / "index.html.br").write_bytes(b"")
    assert {p.name for p in stale_twins(site)} == {"index.html.gz", "index.html.br"}


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=MIN_BYTES, max_size=4 * MIN_BYTES))
def test_any_content_round_trips_or_stays_without_twin(tmp_path_factory, data: bytes):
    site = tmp_path_factory.mktemp("any")
    (site / "data.json").write_bytes(data)
    precompress(site, jobs=1)
    for twin in site.glob("data.json.*"):
        unpack = gzip.decompress if twin.suffix == ".gz" else brotli.decompress
        assert unpack(twin.read_bytes()) == data
        assert twin.stat().st_size < len(data)  # a twin is only written when it is smaller
    assert stale_twins(site) == []
