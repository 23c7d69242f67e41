"""Shared fixtures. Builds are expensive, so each site is built once per test session.

Helpers that are not fixtures live in `tests/support.py`.
"""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import (
    PUBLIC_TEST_BUILD,
    REPO,
    macros_build,
    make_project,
    mkdocs_build,
    set_text,
    stamp_translations,
)
from tests.synthetic import write_dataset

# A title with every character HTML must escape; plain text as far as the validator is concerned.
SPECIAL_TITLE = "Kosten < 5 € & „Zitat“ \"gerade\" 'einfach'"
SPECIAL_MEASURE = "sb-m1-1"


@dataclass(frozen=True)
class MiniSite:
    """A mini project (synthetic data, small page tree) built in German and English."""

    project: Path
    out: Path  # out/<lang>/ is the build of one language

    def html(self, lang: str, page: str) -> str:
        """Built HTML of a page, e.g. html('de', 'handlungsfelder/sprache-und-bildung/')."""
        return (self.out / lang / page / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> MiniSite:
    project = make_project(tmp_path_factory.mktemp("mini") / "project")
    write_dataset(project / "data", scale=1, seed=1)
    set_text(project / "data", "de", "measures", SPECIAL_MEASURE, "title", SPECIAL_TITLE)
    stamp_translations(project)
    out = project.parent / "out"
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two languages build side by side
        builds = {lang: pool.submit(mkdocs_build, project, lang, out / lang) for lang in ("de", "en")}
        results = {lang: build.result() for lang, build in builds.items()}
    for lang, result in results.items():
        assert result.returncode == 0, f"mini site ({lang}) did not build:\n{result.stderr}"
    return MiniSite(project, out)


@dataclass(frozen=True)
class RealSite:
    """The real site (real data/ and docs/) built with `python -m macros build`."""

    out: Path
    result: subprocess.CompletedProcess[str]


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> RealSite:
    out = tmp_path_factory.mktemp("real") / "site"
    return RealSite(out, macros_build(REPO, out, *PUBLIC_TEST_BUILD))
