"""Which state of the content a printed edition (print page, PDF) was made from: a date and a version.

Both must be the same for the same content, so two builds of the same data give the same PDF
bytes: the version is a checksum of every file under data/ and docs/ (names and contents), never
the clock. The date is the day the content last changed according to git (the last commit that
touched data/ or docs/); without a git history (e.g. an unpacked archive) it is the newest date
the data itself names (status dates, sources, indicator values).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Dataset

# What a printed edition is made of: the facts and the page texts.
CONTENT_FOLDERS = ("data", "docs")


@dataclass(frozen=True)
class Edition:
    date: dt.date | None
    version: str  # 12 hex digits of a SHA-256 over CONTENT_FOLDERS


def content_checksum(root: Path) -> str:
    """SHA-256 over the relative path and bytes of every file below data/ and docs/."""
    digest = hashlib.sha256()
    for folder in CONTENT_FOLDERS:
        for path in sorted(p for p in (root / folder).rglob("*") if p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:12]


def last_commit_date(root: Path) -> dt.date | None:
    """Committer date of the last commit that changed data/ or docs/, or None without git."""
    try:
        proc = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", *CONTENT_FOLDERS],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    try:
        return dt.date.fromisoformat(proc.stdout.strip()) if proc.returncode == 0 else None
    except ValueError:  # no commit touches the folders (a fresh project): no date from git
        return None


def newest_data_date(data: Dataset) -> dt.date | None:
    """The latest date the data names: status dates, source dates, indicator values."""
    dates = [m.status_date for m in data.measures if m.status_date]
    dates += [s.date for s in data.sources if s.date]
    dates += [v.date for i in data.indicators for v in i.values]
    return max(dates, default=None)


_CACHE: dict[tuple[Path, int], Edition] = {}


def content_edition(root: Path, data: Dataset) -> Edition:
    """The edition of the project at root; computed once per process and dataset."""
    key = (root.resolve(), id(data))
    if key not in _CACHE:
        _CACHE[key] = Edition(last_commit_date(root) or newest_data_date(data), content_checksum(root))
    return _CACHE[key]
