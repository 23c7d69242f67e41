"""Search weight: the bytes a reader's browser fetches for a first query, per language.

Pagefind loads nothing until the search is opened; then its script, worker, WebAssembly, the
language's index metadata and the chunks the query needs. This counts every request made after
the page view was complete (so: caused by opening the search and the query), by file size and
gzip size, served with the production headers.

    .venv/bin/python bench/search.py SITE_DIR [--query 2.4]   (also called by benchmark.py)
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

from common import CHROMIUM, CHROMIUM_FLAGS
from weight import serve


def first_measure_number(data_dir: Path) -> str:
    """A measure number of this data set ("2.4" in the real data, "1.1" in synthetic data)."""
    text = (data_dir / "measures.yml").read_text(encoding="utf-8")
    match = re.search(r"^\s*number:\s*['\"]?([\d.]+)", text, re.M)
    return match.group(1) if match else "KIK"


def site_languages(site: Path) -> list[str]:
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sorted(entry["languages"], key=lambda lang: lang != "de")


def first_query_bytes(site: Path, query: str, languages: list[str] | None = None) -> dict[str, dict]:
    """Per language: requests, bytes and gzip bytes for opening the search and one query."""
    from playwright.sync_api import sync_playwright

    server, base_url = serve(site)
    rows: dict[str, dict] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
            for lang in languages or site_languages(site):
                context = browser.new_context()
                page = context.new_page()
                page.goto(base_url + ("" if lang == "de" else f"{lang}/"), wait_until="networkidle")
                before = []
                page.on("requestfinished", lambda req, seen=before: seen.append(req.url))
                page.keyboard.press("/")
                page.locator("#kik-search-input").fill(query)
                page.wait_for_function(
                    "(q) => document.querySelector('.kik-search__results')?.dataset.query === q",
                    arg=query,
                    timeout=30_000,
                )
                page.wait_for_load_state("networkidle")
                results = page.locator(".kik-search__result").count()
                raw = packed = 0
                for url in before:
                    local = url[len(base_url) :].split("?")[0] if url.startswith(base_url) else ""
                    file = site / local
                    if local and file.is_file():
                        data = file.read_bytes()
                        raw += len(data)
                        packed += len(gzip.compress(data, 6))
                rows[lang] = {"requests": len(before), "bytes": raw, "gzip": packed, "results": results}
                context.close()
            browser.close()
    finally:
        server.stop()
    return rows


def markdown_table(title: str, query: str, rows: dict[str, dict]) -> list[str]:
    lines = [
        f"### {title} (query “{query}”)",
        "",
        "| language | requests | KiB raw | KiB gzip | results shown |",
        "|---|---:|---:|---:|---:|",
    ]
    for lang, r in rows.items():
        lines.append(
            f"| {lang} | {r['requests']} | {r['bytes'] / 1024:,.1f} | {r['gzip'] / 1024:,.1f} | {r['results']} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="2.4")
    parser.add_argument("--lang", nargs="*")
    args = parser.parse_args(argv)
    rows = first_query_bytes(args.site, args.query, args.lang)
    print("\n".join(markdown_table(str(args.site), args.query, rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
