"""Benchmark of KIK online (not a test): build time, peak memory, page weight, Lighthouse.

    .venv/bin/python bench/benchmark.py [--quick] [--no-lighthouse]   (or: make bench)

Prints Markdown tables and writes bench/results/latest.json and bench/results/latest.md.

* Builds: our pipeline (`python -m macros build`, all languages in parallel) for 1 language and
  all languages, with the real data/ and the synthetic data set (tests/synthetic.py) ×1, ×10,
  ×35 – each in a copy of the project in a temporary folder. Side by side, in the same run, a
  plain Material build of the same content without our macros, hooks and overrides: every page's
  rendered article (from our build) as its Markdown, one `mkdocs build` per language, also in
  parallel. Peak memory is the largest resident set of any single process of the build
  (getrusage of the children, measured in a fresh wrapper process per build).
* Page weight per page type, as a browser loads it (HTML, CSS, JS, fonts, search index; bytes
  and gzip), served with the production headers.
* Lighthouse (npm `lighthouse`, pinned in bench/package.json) with Debian's chromium: start
  page, a field page and an Arabic page, mobile and desktop.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PROJECT_PARTS = ["mkdocs.yml", "macros", "overrides", "docs"]

sys.path.insert(0, str(ROOT))

from tests.browser.kiksite import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

CHROMIUM_FLAGS = ["--headless=new", *CHROMIUM_ARGS]


# --------------------------------------------------------------------------- measuring builds


def measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict:
    """Run cmd in a fresh wrapper process; wall time and the peak RSS of its biggest descendant."""
    wrapper = (
        "import json,resource,subprocess,sys,time\n"
        "t=time.perf_counter();p=subprocess.run(sys.argv[1:],capture_output=True,text=True)\n"
        "s=time.perf_counter()-t;r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps({'ok':p.returncode==0,'seconds':s,'peak_mib':r.ru_maxrss/1024,"
        "'cpu_seconds':r.ru_utime+r.ru_stime,'log':(p.stdout+p.stderr)[-1500:]}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})),
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def copy_project(dest: Path, scale: int | None) -> None:
    """The project (config, macros, overrides, docs) with real data (scale None) or synthetic data."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    if scale is None:
        shutil.copytree(ROOT / "data", dest / "data")
    else:
        from tests.synthetic import write_dataset

        write_dataset(dest / "data", scale=scale, seed=1)
        drop_unknown_indicator_calls(dest)


def drop_unknown_indicator_calls(project: Path) -> int:
    """Remove prose calls of real statistics (indicator_table("einwohner")) the synthetic data lacks.

    The prose pages cite a few real indicators by ID; the synthetic catalogue has its own. Those
    few calls are dropped (counted in the report), everything else is built as it is.
    """
    text = (project / "data" / "indicators.yml").read_text(encoding="utf-8")
    known = set(re.findall(r"^\s*-\s*id:\s*['\"]?([\w-]+)", text, re.M))
    call = re.compile(r"\{\{\s*indicator_\w+\(\s*['\"]([\w-]+)['\"][^}]*\}\}")
    dropped = 0
    for md in (project / "docs").rglob("*.md"):
        source = md.read_text(encoding="utf-8")
        new, n = call.subn(lambda m: m.group(0) if m.group(1) in known else "", source)
        dropped += sum(1 for m in call.finditer(source) if m.group(1) not in known)
        if n and new != source:
            md.write_text(new, encoding="utf-8")
    DROPPED_CALLS[project.name] = dropped
    return dropped


DROPPED_CALLS: dict[str, int] = {}


def languages_of(project: Path) -> list[str]:
    """Language codes of a project's data (data/languages.yml), German first."""
    text = (project / "data" / "languages.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s*-\s*id:\s*['\"]?([a-zA-Z-]+)", text, re.M) or ["de"]


def our_build(project: Path, out: Path, langs: list[str] | None) -> dict:
    cmd = [sys.executable, "-m", "macros", "build", "--out", str(out)]
    if langs:
        cmd += ["--lang", *langs]
    return measured(cmd, cwd=project)


PLAIN_DRIVER = """
import os, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
langs = sys.argv[1:]
def build(lang):
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", f"mkdocs-{lang}.yml"],
                          capture_output=True, text=True)
with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    results = list(pool.map(build, langs))
bad = [r for r in results if r.returncode]
print("".join(r.stderr for r in bad)[-1500:])
sys.exit(1 if bad else 0)
"""

PLAIN_CONFIG = """site_name: KIK (plain Material)
docs_dir: docs/{lang}
site_dir: out/{dest}
use_directory_urls: true
theme:
  name: material
  language: {lang}
  font: false
plugins:
  - search
markdown_extensions: [abbr, admonition, attr_list, def_list, footnotes, tables, toc, md_in_html]
"""


def plain_project(ours: Path, dest: Path, langs: list[str]) -> None:
    """Same content as our build, as plain Markdown: each page's rendered article, no macros."""
    dest.mkdir(parents=True)
    article = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
    for lang in langs:
        lang_root = ours if lang == "de" else ours / lang
        for html in lang_root.rglob("index.html"):
            rel = html.relative_to(lang_root)
            if lang == "de" and rel.parts and rel.parts[0] in langs:
                continue  # another language's folder below the German root
            match = article.search(html.read_text(encoding="utf-8"))
            if not match:
                continue
            md = dest / "docs" / lang / (rel.parent.as_posix() + ".md" if rel.parent.parts else "index.md")
            md.parent.mkdir(parents=True, exist_ok=True)
            md.write_text(match.group(1), encoding="utf-8")
        (dest / f"mkdocs-{lang}.yml").write_text(
            PLAIN_CONFIG.format(lang=lang, dest="" if lang == "de" else lang), encoding="utf-8"
        )
    (dest / "driver.py").write_text(PLAIN_DRIVER, encoding="utf-8")


def plain_build(project: Path, langs: list[str]) -> dict:
    shutil.rmtree(project / "out", ignore_errors=True)
    return measured([sys.executable, "driver.py", *langs], cwd=project)


def count_measures(project: Path) -> int:
    text = (project / "data" / "measures.yml").read_text(encoding="utf-8")
    return len(re.findall(r"^\s*-\s*id:", text, re.M))


def bench_builds(scales: list[int | None], work: Path, log) -> list[dict]:
    rows = []
    for scale in scales:
        name = "real" if scale is None else f"synthetic ×{scale}"
        project = work / (f"proj-{scale or 'real'}")
        copy_project(project, scale)
        all_langs = languages_of(project)
        measures = count_measures(project)
        for langs in (["de"], all_langs):
            label = "1 (de)" if len(langs) == 1 else f"{len(langs)} (all)"
            out = work / f"out-{scale or 'real'}-{len(langs)}"
            ours = our_build(project, out, langs if len(langs) == 1 else None)
            row = {"data": name, "measures": measures, "languages": label, "ours": ours}
            if ours["ok"]:
                plain = work / f"plain-{scale or 'real'}-{len(langs)}"
                plain_project(out, plain, langs)
                row["plain"] = plain_build(plain, langs)
                row["pages"] = sum(1 for _ in out.rglob("index.html"))
            rows.append(row)
            log(
                f"  {name:15} {label:8} ours {ours['seconds']:6.1f} s "
                f"{'ok' if ours['ok'] else 'FAILED: ' + ours['log'][-300:]}"
                + (f" | plain {row['plain']['seconds']:6.1f} s" if "plain" in row else "")
            )
    return rows


# --------------------------------------------------------------------------- page weight


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(site: Path, port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    from macros.deploy import security_headers
    from tests.browser.kiksite import make_handler

    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(site, security_headers(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _kind(url: str, resource_type: str) -> str:
    path = url.split("?")[0]
    if path.endswith("search_index.json"):
        return "search index"
    if resource_type == "document":
        return "HTML"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith(".js"):
        return "JS"
    if re.search(r"\.(woff2?|ttf|otf)$", path):
        return "fonts"
    return "images/other"


def page_weights(base_url: str, pages: dict[str, str]) -> dict[str, dict]:
    """Bytes (and gzip bytes) by kind for each page, as loaded by chromium, search opened."""
    from playwright.sync_api import sync_playwright

    weights = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS[1:])
        for page_type, path in pages.items():
            context = browser.new_context()
            page = context.new_page()
            bodies: list[tuple[str, str]] = []
            page.on("requestfinished", lambda req, bodies=bodies: bodies.append((req.url, req.resource_type)))
            page.goto(base_url + path, wait_until="networkidle")
            page.keyboard.press("/")  # the search index is part of every page view
            page.wait_for_load_state("networkidle")
            totals: dict[str, dict[str, int]] = {}
            for url, rtype in bodies:
                if not url.startswith(base_url):
                    continue
                local = url[len(base_url) :].split("?")[0].split("#")[0]
                file = SITE_ROOT / local
                if file.is_dir() or local == "" or local.endswith("/"):
                    file = file / "index.html"
                if not file.is_file():
                    continue
                data = file.read_bytes()
                kind = _kind(url, rtype)
                entry = totals.setdefault(kind, {"bytes": 0, "gzip": 0})
                entry["bytes"] += len(data)
                entry["gzip"] += len(gzip.compress(data, 6))
            weights[page_type] = {"path": path, **totals}
            context.close()
        browser.close()
    return weights


SITE_ROOT = Path()


# --------------------------------------------------------------------------- lighthouse


def lighthouse(url: str, preset: str, out: Path) -> dict:
    cmd = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    for _attempt in range(3):  # chromium sometimes loses the trace (NO_NAVSTART): run again
        out.unlink(missing_ok=True)
        proc = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, CHROME_PATH=CHROMIUM))
        if proc.returncode == 0 and out.is_file():
            break
    else:
        return {"error": (proc.stderr or proc.stdout)[-400:]}
    report = json.loads(out.read_text(encoding="utf-8"))
    return {
        key: round(cat["score"] * 100) if cat["score"] is not None else None
        for key, cat in report["categories"].items()
    }


# --------------------------------------------------------------------------- report


def _fmt_kib(n: int) -> str:
    return f"{n / 1024:,.1f}"


def markdown(result: dict) -> str:
    lines = [
        f"# KIK online – Benchmark {result['date']}",
        "",
        f"Machine: {result['machine']}",
        "",
        "## Build",
        "",
        "| data | measures | languages | pages | ours s | ours peak MiB | plain Material s "
        "| plain peak MiB | ratio ours/plain |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["builds"]:
        ours, plain = row["ours"], row.get("plain")
        if not ours["ok"]:
            reason = [ln for ln in ours["log"].splitlines() if ": " in ln][-1:] or ["see latest.json"]
            lines.append(
                f"| {row['data']} | {row['measures']} | {row['languages']} | – "
                f"| FAILED: {reason[0][:90]} | | | | |"
            )
            continue
        ratio = f"{ours['seconds'] / plain['seconds']:.2f}" if plain and plain["ok"] else "–"
        lines.append(
            f"| {row['data']} | {row['measures']} | {row['languages']} | {row.get('pages', '–')} "
            f"| {ours['seconds']:.2f} | {ours['peak_mib']:.0f} "
            f"| {plain['seconds']:.2f} | {plain['peak_mib']:.0f} | {ratio} |"
            if plain and plain["ok"]
            else f"| {row['data']} | {row['measures']} | {row['languages']} | {row.get('pages', '–')} "
            f"| {ours['seconds']:.2f} | {ours['peak_mib']:.0f} | failed | | – |"
        )
    kinds = ["HTML", "CSS", "JS", "fonts", "search index", "images/other"]
    lines += [
        "",
        "## Page weight (KiB, raw / gzip; one page view with search opened)",
        "",
        "| page type | path | " + " | ".join(kinds) + " | total |",
        "|---|---|" + "---:|" * (len(kinds) + 1),
    ]
    for page_type, w in result["page_weight"].items():
        cells = []
        for kind in kinds:
            e = w.get(kind)
            cells.append(f"{_fmt_kib(e['bytes'])} / {_fmt_kib(e['gzip'])}" if e else "0")
        total = sum(w[k]["bytes"] for k in kinds if k in w)
        total_gz = sum(w[k]["gzip"] for k in kinds if k in w)
        lines.append(
            f"| {page_type} | /{w['path']} | "
            + " | ".join(cells)
            + f" | {_fmt_kib(total)} / {_fmt_kib(total_gz)} |"
        )
    lines += ["", "## Lighthouse", ""]
    if not result["lighthouse"]:
        lines.append(result.get("lighthouse_note", "not run"))
    else:
        lines += [
            "| page | form factor | performance | accessibility | best practices | SEO |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for entry in result["lighthouse"]:
            s = entry["scores"]
            if "error" in s:
                lines.append(f"| {entry['page']} | {entry['preset']} | error: {s['error'][:80]} | | | |")
            else:
                lines.append(
                    f"| {entry['page']} | {entry['preset']} | {s.get('performance')} "
                    f"| {s.get('accessibility')} | {s.get('best-practices')} | {s.get('seo')} |"
                )
    for note in result.get("notes", []):
        lines += ["", f"Note: {note}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    global SITE_ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="real data and synthetic ×1 only")
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args(argv)
    scales: list[int | None] = [None, 1] if args.quick else [None, 1, 10, 35]
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
            ],
            cwd=work / "proj-real",
            check=True,
            capture_output=True,
        )
        SITE_ROOT = real_all
        types = {
            "start": "",
            "field": "handlungsfelder/sprache-und-bildung/",
            "actors": "umsetzung/akteure/",
            "content": "datenschutz/",
        }
        if (real_all / "ar" / "index.html").is_file():
            types["start (ar)"] = "ar/"
            types["field (ar)"] = "ar/handlungsfelder/sprache-und-bildung/"
        server, base_url = serve(real_all, port)
        try:
            print("Page weight …")
            result["page_weight"] = page_weights(base_url, types)
            result["lighthouse"] = []
            if args.no_lighthouse:
                result["lighthouse_note"] = "skipped (--no-lighthouse)"
            elif not LIGHTHOUSE.exists():
                result["lighthouse_note"] = "skipped: run `npm ci --prefix bench` (make bench does it)"
            else:
                pages = {"start": "", "field": "handlungsfelder/sprache-und-bildung/"}
                if (real_all / "ar" / "index.html").is_file():
                    pages["arabic start"] = "ar/"
                else:
                    print("Note: no Arabic build (ar/) – Lighthouse for an Arabic page skipped.")
                    result["notes"].append("no Arabic build: Lighthouse for ar skipped")
                for name, path in pages.items():
                    for preset in ("mobile", "desktop"):
                        print(f"Lighthouse {name} {preset} …")
                        scores = lighthouse(
                            base_url + path, preset, work / f"lh-{len(result['lighthouse'])}.json"
                        )
                        result["lighthouse"].append(
                            {"page": name, "path": path, "preset": preset, "scores": scores}
                        )
        finally:
            server.shutdown()
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
