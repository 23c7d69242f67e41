"""Helpers shared by the tests: fixture data folders, mini-site projects and subprocess runs.

Everything is written below a pytest tmp_path; nothing here writes into the repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from macros.data.loader import dump_yaml

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
VALID_FIXTURE = FIXTURES / "valid"
INVALID_FIXTURES = FIXTURES / "invalid"
ACCEPTED_FIXTURES = FIXTURES / "accepted"

# `file:line:col: path: message`; problems about a whole file or folder have no line and column.
PROBLEM_LINE = re.compile(
    r"^(?P<file>data/[^\s:]+)(?::(?P<line>\d+):(?P<column>\d+))?: (?:(?P<path>[^\s:]+): )?(?P<message>\S.*)$"
)
SUMMARY_LINE = re.compile(
    r"^\d+ (Problem|Probleme) (in den Daten )?gefunden – es wurde nichts veröffentlicht\.$"
)


def compose_fixture(rule_dir: Path, target: Path) -> Path:
    """Copy the valid base fixture to target, then the rule's changed files over it.

    Returns the data folder (target/data), ready for `python -m macros check --data`.
    """
    shutil.copytree(VALID_FIXTURE / "data", target / "data")
    overlay = rule_dir / "data"
    if overlay.is_dir():
        shutil.copytree(overlay, target / "data", dirs_exist_ok=True)
    _complete_german_labels(target / "data")
    return target / "data"


def _complete_german_labels(data_dir: Path) -> None:
    """Append the labels the site needs that the base fixture does not have.

    The check requires every label key the code uses (`validate.used_label_keys`), and that set
    grows with the site. The fixtures keep only a few labels of their own; the rest is appended
    from the repository's German labels, *after* the fixture's lines (golden line numbers stay)
    and only for keys the base lacks (a fixture that deletes a base key keeps it deleted).
    """
    target = data_dir / "i18n" / "de" / "labels.yml"
    if not target.is_file():
        return
    base = yaml.safe_load((VALID_FIXTURE / "data" / "i18n" / "de" / "labels.yml").read_text(encoding="utf-8"))
    real = yaml.safe_load((REPO / "data" / "i18n" / "de" / "labels.yml").read_text(encoding="utf-8"))
    missing = {key: value for key, value in real.items() if key not in base}
    if missing:
        with target.open("a", encoding="utf-8") as out:
            out.write("\n# Ergänzt aus data/i18n/de/labels.yml (tests/support.py)\n")
            out.write(dump_yaml(missing, allow_unicode=True, sort_keys=False, width=1000))


def subprocess_env(**extra: str) -> dict[str, str]:
    """The caller's environment without its language choice, plus extra."""
    env = dict(os.environ)
    for name in ("KIK_LANG", "KIK_SITE_URL"):
        env.pop(name, None)
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_macros(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """`python -m macros ARGS` run inside project, which imports its own macros/ package."""
    return subprocess.run(
        [sys.executable, "-m", "macros", *args],
        cwd=project,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`python -m macros check --data data_dir`, run from the repository like an editor would."""
    return run_macros(REPO, "check", "--data", str(data_dir), timeout=120)


# -- mini-site projects -----------------------------------------------------------------------

# A small page tree: every page the macros link to exists (the six field pages), one page per
# macro, and an English tree with only some pages, so the others become German fallbacks.
MINI_NAV = """nav:
  - index.md
  - nav_fields:
      - handlungsfelder/index.md
      - handlungsfelder/sprache-und-bildung.md
      - handlungsfelder/arbeit-und-ausbildung.md
      - handlungsfelder/gesundheit-und-pflege.md
      - handlungsfelder/buergerschaftliches-engagement.md
      - handlungsfelder/gesellschaftliche-teilhabe.md
      - handlungsfelder/interkulturelle-oeffnung.md
  - nav_implementation:
      - umsetzung/index.md
      - umsetzung/massnahmen.md
      - umsetzung/neu.md
      - umsetzung/akteure.md
      - umsetzung/kennzahlen.md
      - kennzahlen/index.md
  - daten.md
"""

FIELD_SLUGS = {
    "sb": "sprache-und-bildung",
    "aa": "arbeit-und-ausbildung",
    "gp": "gesundheit-und-pflege",
    "be": "buergerschaftliches-engagement",
    "gt": "gesellschaftliche-teilhabe",
    "io": "interkulturelle-oeffnung",
}


def mini_docs() -> dict[str, str]:
    """Relative path below docs/ -> Markdown text."""
    docs = {
        "de/index.md": "# Start\n\n{{ progress_overview() }}\n\n{{ field_cards() }}\n",
        "de/umsetzung/index.md": "# Umsetzung\n\n{{ progress_overview() }}\n",
        "de/umsetzung/massnahmen.md": "# Alle Maßnahmen\n\n{{ measure_explorer() }}\n",
        "de/umsetzung/neu.md": "# Was ist neu?\n\n{{ whats_new() }}\n",
        "de/_snippets/glossar.md": "*[KIK]: Kommunales Integrationskonzept Kempten\n",
        "de/handlungsfelder/index.md": (
            "# Handlungsfelder\n\n{{ fields_overview() }}\n\n{{ status_legend() }}\n"
        ),
        "de/umsetzung/akteure.md": "# Wer macht mit?\n\n{{ actors_index() }}\n",
        "de/umsetzung/kennzahlen.md": '# Kennzahlen\n\n{{ indicator_table("kennzahl-01") }}\n',
        # Pages every project has: generated indicator pages link to both.
        "de/kennzahlen/index.md": "# Alle Kennzahlen\n\n{{ indicators_overview() }}\n",
        "de/daten.md": "# Offene Daten\n\n{{ data_downloads() }}\n\n{{ data_licence() }}\n",
        "en/index.md": "# Home\n\n{{ progress_overview() }}\n\n{{ field_cards() }}\n",
        "en/umsetzung/index.md": "# Implementation\n\n{{ progress_overview() }}\n",
        "en/umsetzung/massnahmen.md": "# All measures\n\n{{ measure_explorer() }}\n",
        "en/umsetzung/neu.md": "# What is new?\n\n{{ whats_new() }}\n",
        "en/handlungsfelder/index.md": (
            "# Action fields\n\n{{ fields_overview() }}\n\n{{ status_legend() }}\n"
        ),
        "en/umsetzung/akteure.md": "# Who takes part\n\n{{ actors_index() }}\n",
    }
    for field_id, slug in FIELD_SLUGS.items():
        docs[f"de/handlungsfelder/{slug}.md"] = (
            f'# {{{{ field_title("{field_id}") }}}}\n\n{{{{ completeness("{field_id}") }}}}\n\n'
            f'## Ziele\n\n{{{{ goals_table("{field_id}") }}}}\n\n'
            f'## Maßnahmen\n\n{{{{ measures_by_goal("{field_id}") }}}}\n'
        )
    return docs


def replace_nav(config_text: str, nav: str) -> str:
    """The project's mkdocs.yml with its top-level `nav:` block replaced (kept as text: the file
    uses !ENV and python tags that a YAML round trip would lose)."""
    lines = config_text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t"):
        end += 1
    return "".join(lines[:start]) + nav + "".join(lines[end:])


def make_project(root: Path, docs: dict[str, str] | None = None) -> Path:
    """A copy of the site's machinery (mkdocs.yml, macros/, overrides/) with a small page tree.

    The caller writes root/data. Returns root.
    """
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(replace_nav(config, MINI_NAV), encoding="utf-8")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "macros", root / "macros", ignore=ignore)
    shutil.copytree(REPO / "overrides", root / "overrides", ignore=ignore)
    for rel, text in (mini_docs() if docs is None else docs).items():
        path = root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def stamp_translations(project: Path, lang: str = "en") -> None:
    """Mark the project's translations as current (`python -m macros i18n stamp`), as a
    translator does after translating; the build refuses pages without that provenance."""
    result = run_macros(project, "i18n", "stamp", lang, "--method", "human", timeout=120)
    assert result.returncode == 0, result.stderr


def mkdocs_build(project: Path, lang: str, dest: Path) -> subprocess.CompletedProcess[str]:
    """One strict build of one language, in a subprocess like `make build` runs it."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "-d",
            str(dest),
        ],
        cwd=project,
        env=subprocess_env(KIK_LANG=lang),
        capture_output=True,
        text=True,
        timeout=300,
    )


def macros_build(project: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python -m macros build --out out ARGS`, run inside project (which imports its own macros/)."""
    return run_macros(project, "build", "--out", str(out), *args)


# The address test builds are given when they need absolute URLs (hreflang, sitemap); with it a
# build is a production build, so the operator placeholders of mkdocs.yml must be allowed.
TEST_SITE_URL = "http://127.0.0.1:8000/"
PUBLIC_TEST_BUILD = ("--site-url", TEST_SITE_URL, "--allow-placeholders")


def set_text(data_dir: Path, lang: str, collection: str, item_id: str, key: str, value: str) -> None:
    """Change one translatable text of a data folder (used to put special characters into a title)."""
    path = data_dir / "i18n" / lang / "texts.yml"
    texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts[collection][item_id][key] = value
    path.write_text(dump_yaml(texts, allow_unicode=True, sort_keys=False), encoding="utf-8")


def break_first(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of old in a data file; return its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(old)
    path.write_text(text[:offset] + new + text[offset + len(old) :], encoding="utf-8")
    return text.count("\n", 0, offset) + 1


_CELL_LABEL = re.compile(r'<span class="kik-cell-label">(?:[^<]|<span[^>]*>[^<]*</span>)*</span>')


def without_cell_labels(html: str) -> str:
    """Built HTML without the column labels each table cell carries for phones (render/stacking.py)."""
    return _CELL_LABEL.sub("", html)
