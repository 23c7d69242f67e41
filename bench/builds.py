"""Build measurements: our pipeline and a plain Material build of the same content, side by side."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from common import PROJECT_PARTS, ROOT

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
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # Our build logs the wall time of each of its steps last ("Schritte: Daten 0.4 s · …").
    steps = [ln for ln in result["log"].splitlines() if ln.startswith("Schritte:")]
    if steps:
        result["steps"] = steps[-1].removeprefix("Schritte:").strip()
    if result["ok"]:
        # A successful build's log only names temporary paths of this machine: not worth keeping.
        result.pop("log")
    return result


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

        write_dataset(dest / "data", scale=scale, seed=1, all_languages=True)
        drop_unknown_indicator_calls(dest)
        drop_unknown_measure_anchors(dest)


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


def drop_unknown_measure_anchors(project: Path) -> None:
    """Links of the prose to real measures (…/sprache-und-bildung.md#sb-m2-4) lose the anchor when
    the synthetic data has no such measure: the strict build would rightly reject them."""
    text = (project / "data" / "measures.yml").read_text(encoding="utf-8")
    known = set(re.findall(r"^\s*-\s*id:\s*['\"]?([\w.-]+)", text, re.M))
    link = re.compile(r"(\.md)#([a-z]+-m\d+-\d+)\)")  # measure IDs only; heading anchors stay
    for md in (project / "docs").rglob("*.md"):
        source = md.read_text(encoding="utf-8")
        new = link.sub(lambda m: m.group(0) if m.group(2) in known else m.group(1) + ")", source)
        if new != source:
            md.write_text(new, encoding="utf-8")


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
