"""Mutation testing of macros/ with cosmic-ray: how many injected defects do the tests notice?

Each module is mutated in a throw-away copy of the repository (cosmic-ray edits files in place,
so the working tree is never touched) and its mutants are run against the fast tests that
exercise that stage. Mutants listed in bench/mutation-accepted.toml (equivalent mutants, logging
wording, …) count as accepted, each with its reason. The report goes to bench/results/mutation.md.

    python bench/mutation.py macros/data/validate.py --sample 50
    python bench/mutation.py --all --sample 30
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from common import RESULTS, ROOT

ACCEPTED = ROOT / "bench" / "mutation-accepted.toml"
REPORT = RESULTS / "mutation.md"

# The fast tests that witness each stage (browser tests are not run per mutant: too slow on 2 cores).
STAGE_TESTS = {
    "macros/data": [
        "tests/test_schema.py",
        "tests/test_check_fixtures.py",
        "tests/test_dataset.py",
        "tests/test_editor_mistakes.py",
        "tests/test_loader.py",
        "tests/test_model.py",
    ],
    "macros/render": [
        "tests/test_render.py",
        "tests/test_charts.py",
        "tests/test_escaping.py",
        "tests/test_indicators.py",
        "tests/test_stacking.py",
    ],
    "macros/i18n": ["tests/test_i18n.py", "tests/test_urls.py"],
    "macros/importer": ["tests/test_import.py", "tests/test_import_cells.py"],
    "macros/publish": ["tests/test_dcat.py", "tests/test_opendata.py", "tests/test_print_article.py"],
    "macros/site": [
        "tests/test_server_configs.py",
        "tests/test_publishing.py",
        "tests/test_search_index.py",
        "tests/test_assets.py",
        "tests/test_compress.py",
    ],
}
# Modules whose own fast tests witness them fully: the stage's tests would build whole sites per
# mutant. (Their behaviour on the served site is checked by the stage's tests in `make test`.)
MODULE_TESTS = {
    "macros/site/assets.py": ["tests/test_assets.py"],
    "macros/site/compress.py": ["tests/test_compress.py"],
}


@dataclass
class ModuleResult:
    module: str
    total: int = 0
    killed: int = 0
    survived: int = 0
    timeout: int = 0
    incompetent: int = 0
    accepted: int = 0
    survivors: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        counted = self.total - self.incompetent
        return 100.0 * (self.killed + self.timeout + self.accepted) / counted if counted else 100.0


def tests_for(module: str) -> list[str]:
    if module in MODULE_TESTS:
        return MODULE_TESTS[module]
    for stage, tests in STAGE_TESTS.items():
        if module.startswith(stage + "/"):
            return [t for t in tests if (ROOT / t).exists()]
    raise SystemExit(f"{module}: keine Tests für diese Stufe in STAGE_TESTS")


def accepted_mutants() -> dict[tuple[str, int, str], str]:
    """(module, line, operator) → reason, from bench/mutation-accepted.toml."""
    if not ACCEPTED.exists():
        return {}
    entries = tomllib.loads(ACCEPTED.read_text(encoding="utf-8")).get("accepted", [])
    return {(e["module"], int(e["line"]), e["operator"]): e["reason"] for e in entries}


def copy_repo(dest: Path) -> None:
    """The tracked files only (no .venv, no build output)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        if not name or not (ROOT / name).is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    node_modules = ROOT / "tests" / "browser" / "node_modules"
    if node_modules.exists():
        (dest / "tests" / "browser" / "node_modules").symlink_to(node_modules)


def sample_out(session: Path, keep: int | None, seed: int) -> None:
    """Mark all but `keep` randomly chosen mutants as skipped (cosmic-ray then does not run them)."""
    if keep is None:
        return
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    with use_db(str(session), WorkDB.Mode.open) as db:
        ids = sorted(item.job_id for item in db.pending_work_items)
        random.Random(seed).shuffle(ids)
        skipped = ids[keep:]
        if skipped:
            db.set_multiple_results(skipped, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))


def run_module(module: str, work: Path, sample: int | None, seed: int, timeout: float) -> ModuleResult:
    tests = " ".join(tests_for(module))
    config = work / "cosmic-ray.toml"
    python = sys.executable
    # The project is installed editable from ROOT: PYTHONPATH makes the tests import the mutated copy.
    env = dict(os.environ, PYTHONPATH=str(work))
    # Baseline: unmutated, the tests must pass, or every mutant would count as killed.
    command = [python, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests_for(module)]
    if subprocess.run(command, cwd=work, env=env, capture_output=True).returncode != 0:
        raise SystemExit(f"{module}: die Tests scheitern schon ohne Mutation: {' '.join(command)}")
    config.write_text(
        "[cosmic-ray]\n"
        f'module-path = "{module}"\n'
        f"timeout = {timeout}\n"
        "excluded-modules = []\n"
        f'test-command = "{python} -m pytest -x -q -p no:cacheprovider {tests}"\n'
        '[cosmic-ray.distributor]\nname = "local"\n',
        encoding="utf-8",
    )
    session = work / "session.sqlite"
    session.unlink(missing_ok=True)
    cosmic = Path(python).with_name("cosmic-ray")
    subprocess.run([cosmic, "init", config, session], cwd=work, env=env, check=True)
    sample_out(session, sample, seed)
    subprocess.run([cosmic, "exec", config, session], cwd=work, env=env, check=True)
    dump = subprocess.run([cosmic, "dump", session], cwd=work, capture_output=True, text=True, check=True)
    return summarise(module, dump.stdout, accepted_mutants())


@functools.cache
def _source_lines(module: str) -> list[str]:
    return (ROOT / module).read_text(encoding="utf-8").splitlines()


def in_signature_annotation(module: str, spec: dict) -> bool:
    """A `|` turned into another operator in a function signature (`jobs: int | None`): every
    module starts with `from __future__ import annotations`, so annotations are never evaluated
    and such a mutant is equivalent by construction."""
    if not spec["operator_name"].startswith("core/ReplaceBinaryOperator_BitOr_"):
        return False
    source = _source_lines(module)
    if "from __future__ import annotations" not in source:
        return False
    line = source[spec["start_pos"][0] - 1].strip()
    # One-line signatures only; the code base writes no `|` into default values.
    return line.startswith(("def ", "async def "))


def summarise(module: str, dump: str, accepted: dict[tuple[str, int, str], str]) -> ModuleResult:
    result = ModuleResult(module)
    for line in dump.splitlines():
        item, outcome = json.loads(line)
        if not outcome or outcome.get("worker_outcome") == "skipped":
            continue
        spec = item["mutations"][0]
        where = (module, spec["start_pos"][0], spec["operator_name"])
        result.total += 1
        if outcome["worker_outcome"] == "timeout":
            result.timeout += 1
        elif outcome["test_outcome"] == "killed":
            result.killed += 1
        elif outcome["test_outcome"] == "incompetent":
            result.incompetent += 1
        elif where in accepted or in_signature_annotation(module, spec):
            result.accepted += 1
        else:
            result.survived += 1
            result.survivors.append(f"{module}:{where[1]} {where[2]}")
    return result


def write_report(results: list[ModuleResult], sample: int | None) -> str:
    lines = [
        "# Mutation testing (cosmic-ray)",
        "",
        f"Stichprobe: {sample} Mutanten je Modul" if sample else "Alle Mutanten je Modul",
        "",
        "| module | mutants | killed | timeout | accepted | survived | incompetent | score % |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.module} | {r.total} | {r.killed} | {r.timeout} | {r.accepted} | {r.survived} "
            f"| {r.incompetent} | {r.score:.1f} |"
        )
    survivors = [s for r in results for s in r.survivors]
    if survivors:
        lines += ["", "## Survivors (not accepted)", "", *[f"- `{s}`" for s in survivors]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("modules", nargs="*", help="z. B. macros/data/validate.py")
    parser.add_argument("--all", action="store_true", help="alle Module unter macros/")
    parser.add_argument("--sample", type=int, help="nur N zufällige Mutanten je Modul")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="Sekunden je Mutant")
    args = parser.parse_args()
    modules = args.modules
    if args.all:
        modules = sorted(
            str(p.relative_to(ROOT)) for p in (ROOT / "macros").rglob("*.py") if p.name != "__init__.py"
        )
        modules = [m for m in modules if any(m.startswith(stage + "/") for stage in STAGE_TESTS)]
    if not modules:
        parser.error("Modul angeben (MODULE=macros/…) oder --all")
    results = []
    with tempfile.TemporaryDirectory(prefix="kik-mutation-") as tmp:
        work = Path(tmp)
        copy_repo(work)
        for module in modules:
            print(f"== {module}", flush=True)
            results.append(run_module(module, work, args.sample, args.seed, args.timeout))
    report = write_report(results, args.sample)
    RESULTS.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
