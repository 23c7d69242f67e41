"""URL arithmetic between pages, the way MkDocs lays out a site, without importing MkDocs."""

from __future__ import annotations

import posixpath


def page_url(src_path: str, use_directory_urls: bool = True) -> str:
    """Site-relative URL of a Markdown page: 'a/b.md' -> 'a/b/' (or 'a/b.html')."""
    stem, _ = posixpath.splitext(src_path)
    if posixpath.basename(stem) in ("index", "README"):
        folder = posixpath.dirname(stem)
        return f"{folder}/" if folder else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from the page at from_url to to_url, both site-relative, as a relative URL."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    path, _, anchor = to_url.partition("#")
    rel = posixpath.relpath(path or ".", base or ".")
    # Directory URLs keep their slash; '' is the site root, a directory as well.
    if (path.endswith("/") or not path) and not rel.endswith("/"):
        rel += "/"
    if rel == "./":
        rel = "./"
    return f"{rel}#{anchor}" if anchor else rel
