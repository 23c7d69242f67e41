"""The command line as an editor uses it: piping into `head` or `less` and quitting early."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_closing_the_pipe_early_prints_no_traceback():
    # The reader's end is closed before the command writes, as when `| head` has had enough.
    proc = subprocess.Popen(
        [sys.executable, "-m", "macros", "i18n", "report"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=120)
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr
