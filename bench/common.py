"""Shared paths and browser flags of the benchmark scripts (bench/ is not a test suite)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
PROJECT_PARTS = ["mkdocs.yml", "macros", "overrides", "docs"]

# The project root on sys.path: the scripts reuse the project's own server and synthetic data.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.kiksite import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

__all__ = ["BENCH", "CHROMIUM", "CHROMIUM_FLAGS", "LIGHTHOUSE", "PROJECT_PARTS", "RESULTS", "ROOT"]

CHROMIUM_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
