"""The stage layout of macros/ is a contract: import-linter keeps it, and breaks on a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def copy_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_the_real_package_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_a_data_module_importing_a_renderer_breaks_the_contract(tmp_path):
    project = copy_package(tmp_path)
    model = project / "macros" / "data" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom ..render import renderers  # noqa\n")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "macros.data.model -> macros.render.renderers" in result.stdout


def test_mkdocs_outside_the_adapters_breaks_the_contract(tmp_path):
    project = copy_package(tmp_path)
    build = project / "macros" / "site" / "build.py"
    build.write_text(build.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "MkDocs only in the adapters BROKEN" in result.stdout
