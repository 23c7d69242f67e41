"""Lighthouse scores (npm `lighthouse`, pinned in bench/package.json) with Debian's chromium."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from common import CHROMIUM, CHROMIUM_FLAGS, LIGHTHOUSE


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


def lighthouse_median(url: str, preset: str, out: Path, runs: int) -> dict:
    """Scores of the run with the median performance (Lighthouse varies from run to run)."""
    results = [lighthouse(url, preset, out.with_name(f"{out.stem}-{i}.json")) for i in range(runs)]
    good = [r for r in results if "error" not in r and r.get("performance") is not None]
    if not good:
        return {"scores": results[-1], "runs": []}
    good.sort(key=lambda r: r["performance"])
    return {"scores": good[len(good) // 2], "runs": [r["performance"] for r in good]}
