"""Benchmark of KIK online (not a test): build time, peak memory, page weight, Lighthouse.

    .venv/bin/python bench/benchmark.py [--quick] [--no-lighthouse]   (or: make bench)

Prints Markdown tables and writes bench/results/latest.json and bench/results/latest.md.
One entry point; each measurement is its own module: builds.py, weight.py, lighthouse.py,
report.py (common.py holds the shared paths).

* Builds: our pipeline (`python -m macros build`, all languages in parallel) for 1 language and
  all languages, with the real data/ and the synthetic data set (tests/synthetic.py) ×1, ×10,
  ×35 – each in a copy of the project in a temporary folder. Side by side, in the same run, a
  plain Material build of the same content without our macros, hooks and overrides: every page's
  rendered article (from our build) as its Markdown, one `mkdocs build` per language, also in
  parallel. Peak memory is the largest resident set of any single process of the build
  (getrusage of the children, measured in a fresh wrapper process per build).
* Page weight per page type, as a browser loads it (HTML, CSS, JS, fonts, search index; bytes
  and gzip), served with the production headers.
* Search (search.py): the bytes of a first query in every language, with the real data and the
  largest synthetic scale (×35: about 5,000 measures).
* Page views (views.py): bytes and requests of a first view and of a second view per page type.
* Lighthouse (npm `lighthouse`, pinned in bench/package.json) with Debian's chromium: start
  page, a field page, a measure page, an indicator page and the Arabic start page; mobile as the
  median of three runs, desktop once.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from builds import DROPPED_CALLS, bench_builds
from common import LIGHTHOUSE, RESULTS
from lighthouse import lighthouse_median
from report import markdown
from search import first_measure_number, first_query_bytes
from views import page_views
from weight import free_port, page_weights, serve

# Lighthouse on a throttled phone varies from run to run: the median of three.
MOBILE_RUNS = 3


def bench_search(scales: list[int | None], work: Path) -> list[dict]:
    """Bytes of a first query in every language: real data and the largest synthetic scale."""
    rows = []
    largest = max((s for s in scales if s), default=None)
    for scale in dict.fromkeys([None, largest]):
        tag = scale or "real"
        # Only the build folders: the nginx block of each build lies beside it (out-…-8.nginx.conf).
        folders = [p for p in work.glob(f"out-{tag}-*") if p.is_dir() and p.name.rsplit("-", 1)[1].isdigit()]
        builds = sorted(folders, key=lambda p: int(p.name.rsplit("-", 1)[1]))
        if not builds or not (builds[-1] / "pagefind").is_dir():
            continue
        query = first_measure_number(work / f"proj-{tag}" / "data")
        name = "real" if scale is None else f"synthetic ×{scale}"
        try:
            rows.append({"data": name, "query": query, "languages": first_query_bytes(builds[-1], query)})
        except Exception as err:  # one failing measurement must not cost the whole run
            print(f"Search measurement failed ({name}): {str(err).splitlines()[0]}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="real data and synthetic ×1 only")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--scales",
        default="real,1,10,35",
        help="synthetic scales to build (real = the real data), e.g. real,1,10",
    )
    args = parser.parse_args(argv)
    chosen = [None if s == "real" else int(s) for s in args.scales.split(",") if s]
    scales: list[int | None] = [None, 1] if args.quick else chosen
    started = time.perf_counter()
    result: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}",
        "notes": [],
    }
    with tempfile.TemporaryDirectory(prefix="kik-bench-") as tmp:
        work = Path(tmp)
        print("Builds:")
        result["builds"] = bench_builds(scales, work, print)
        # Kept at once: a later step failing must not cost the (long) build measurements.
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "builds-partial.json").write_text(json.dumps(result["builds"], indent=1), encoding="utf-8")
        print("Search, first query per language …")
        result["search"] = bench_search(scales, work)
        # Weigh and audit a build whose public address is the local server: its hreflang links
        # (and Material's sitemap fetches along them) must stay on this host, as in production.
        port = free_port()
        real_all = work / "out-real-served"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "macros",
                "build",
                "--out",
                str(real_all),
                "--site-url",
                f"http://127.0.0.1:{port}/",
                "--allow-placeholders",
            ],
            cwd=work / "proj-real",
            check=True,
            capture_output=True,
        )
        types = {
            "start": "",
            "field": "handlungsfelder/sprache-und-bildung/",
            "actors": "umsetzung/akteure/",
            "content": "datenschutz/",
        }
        for kind, folder in (("measure", "massnahmen"), ("indicator", "kennzahlen")):
            first = sorted(p.parent.name for p in (real_all / folder).glob("*/index.html"))
            if first:
                types[kind] = f"{folder}/{first[0]}/"
        if (real_all / "ar" / "index.html").is_file():
            types["start (ar)"] = "ar/"
            types["field (ar)"] = "ar/handlungsfelder/sprache-und-bildung/"
        server, base_url = serve(real_all, port)
        try:
            print("Page weight …")
            result["page_weight"] = page_weights(base_url, types, real_all)
            print("Page views (first and second) …")
            before = {
                t: ("handlungsfelder/sprache-und-bildung/" if p == "" else "") for t, p in types.items()
            }
            before["start (ar)"] = "ar/handlungsfelder/sprache-und-bildung/"
            before["field (ar)"] = "ar/"
            result["views"] = page_views(base_url, types, before)
            result["lighthouse"] = []
            if args.no_lighthouse:
                result["lighthouse_note"] = "skipped (--no-lighthouse)"
            elif not LIGHTHOUSE.exists():
                result["lighthouse_note"] = "skipped: run `npm ci --prefix bench` (make bench does it)"
            else:
                pages = {t: types[t] for t in ("start", "field", "measure", "indicator") if t in types}
                if (real_all / "ar" / "index.html").is_file():
                    pages["arabic start"] = "ar/"
                else:
                    print("Note: no Arabic build (ar/) – Lighthouse for an Arabic page skipped.")
                    result["notes"].append("no Arabic build: Lighthouse for ar skipped")
                for name, path in pages.items():
                    for preset, runs in (("mobile", MOBILE_RUNS), ("desktop", 1)):
                        print(f"Lighthouse {name} {preset} ×{runs} …")
                        measured = lighthouse_median(
                            base_url + path, preset, work / f"lh-{len(result['lighthouse'])}.json", runs
                        )
                        result["lighthouse"].append(
                            {"page": name, "path": path, "preset": preset, **measured}
                        )
        finally:
            server.stop()
    for project, dropped in DROPPED_CALLS.items():
        if dropped:
            result["notes"].append(
                f"{project}: {dropped} prose calls of real indicators missing from "
                "the synthetic data were left out"
            )
    result["bench_seconds"] = round(time.perf_counter() - started, 1)
    result["notes"].append(
        "peak MiB = largest single process (mkdocs runs one process per language, in parallel)"
    )
    text = markdown(result)
    print()
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(f"Written: {RESULTS / 'latest.json'}, {RESULTS / 'latest.md'} ({result['bench_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
