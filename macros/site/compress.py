"""Precompressed twins of the built text files, so the server never compresses on a request.

For every text file of the built site the build writes `<file>.gz` (gzip) and `<file>.br`
(Brotli) beside it. nginx serves the `.gz` twin with `gzip_static on` (and the `.br` twin with
`brotli_static on` where the Brotli module is installed, see BETRIEB.md): the strongest
compression, paid once at build time instead of on every page view, and byte-identical between
two builds of the same content (no timestamps, no file names in the archives).

`stale_twins` finds twins that no longer match their file (a page edited after the build would
otherwise be served in its old version to every browser that accepts compression); the deploy
check refuses such a folder.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

# Text formats the site ships (see MIME_TYPES in deploy.py). Images other than SVG, PDFs, the
# zip archives, sitemap.xml.gz and Pagefind's index chunks are compressed already.
COMPRESSIBLE = frozenset(
    {".html", ".css", ".js", ".json", ".map", ".xml", ".svg", ".txt", ".csv", ".rdf", ".ttl", ".webmanifest"}
)
# Below this size a compressed response saves less than its own header overhead.
MIN_BYTES = 512

GZIP_SUFFIX = ".gz"
BROTLI_SUFFIX = ".br"
# Brotli's densest setting costs about 1 s per MB; the theme's style sheets and scripts are read
# on every first visit and cached for a year, so they get it. Pages and data files are many and
# each is read a few times: quality 6 already beats gzip -9 at a fraction of the time.
_BROTLI_DENSEST = frozenset({".css", ".js"})


def compressible(site: Path) -> Iterator[Path]:
    """The files that get compressed twins, in a stable order."""
    for path in sorted(site.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_BYTES:
            yield path


def gzip_bytes(data: bytes) -> bytes:
    # mtime=0 and no file name in the header: the same input gives the same bytes in every build.
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_bytes(data: bytes, suffix: str) -> bytes:
    quality = 11 if suffix in _BROTLI_DENSEST else 6
    return brotli.compress(data, quality=quality)


def _write_twins(path: Path) -> int:
    data = path.read_bytes()
    written = 0
    for suffix, packed in ((GZIP_SUFFIX, gzip_bytes(data)), (BROTLI_SUFFIX, brotli_bytes(data, path.suffix))):
        # A twin that is not smaller than its file would only cost the reader time to unpack.
        if len(packed) < len(data):
            path.with_name(path.name + suffix).write_bytes(packed)
            written += 1
    return written


def precompress(site: Path, jobs: int | None = None) -> int:
    """Write the .gz and .br twins of every compressible file below site; returns how many."""
    # zlib and Brotli release the GIL while they work, so threads use every core.
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 2) as pool:
        return sum(pool.map(_write_twins, list(compressible(site))))


def _unpacked(twin: Path) -> bytes | None:
    try:
        packed = twin.read_bytes()
        return gzip.decompress(packed) if twin.suffix == GZIP_SUFFIX else brotli.decompress(packed)
    except (OSError, EOFError, gzip.BadGzipFile, brotli.error):
        return None


def stale_twins(site: Path) -> list[Path]:
    """Twins whose content is not exactly their file's content (or that have no file any more)."""
    stale = []
    for twin in sorted([*site.rglob("*" + GZIP_SUFFIX), *site.rglob("*" + BROTLI_SUFFIX)]):
        original = twin.with_name(twin.name[: -len(twin.suffix)])
        if original.suffix not in COMPRESSIBLE:
            continue  # a file that is compressed in its own right, e.g. sitemap.xml.gz
        if not original.is_file() or _unpacked(twin) != original.read_bytes():
            stale.append(twin)
    return stale
