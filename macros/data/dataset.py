"""Read `data/`, validate everything, and build the Dataset — once per process.

MkDocs runs one build per language; every build asks for the dataset, so the result is cached
by data folder and file modification times (the preview server must still see edits). The site
build validates once and hands the result to its language builds through a private folder
(`share_dataset`, KIK_DATASET_CACHE): with 5,000 measures validation takes seconds, reading the
shared copy a tenth of one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

from . import rules, validate
from .editor_files import present
from .label_uses import label_uses
from .loader import Document, load_yaml
from .model import (
    SOURCE_LANGUAGE,
    ActionField,
    Actor,
    Dataset,
    Goal,
    HistoryEntry,
    Indicator,
    IndicatorValue,
    Language,
    Measure,
    Pages,
    Source,
    Status,
    Theme,
)
from .problems import DataError, Position, ProblemList
from .schema import Checker, ListOf
from .specs import COLLECTIONS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"

_cache: dict[tuple[Any, ...], Dataset] = {}


def load_dataset(data_dir: Path = DEFAULT_DATA_DIR, today: dt.date | None = None) -> Dataset:
    """The validated dataset; raises DataError listing every problem if anything is wrong."""
    data_dir = data_dir.resolve()
    key = _cache_key(data_dir, today)
    if key not in _cache:
        _cache.clear()  # only the newest state of the data is ever needed
        _cache[key] = _shared_copy(key) or _load_uncached(data_dir, today or dt.date.today())
    return _cache[key]


def _cache_key(data_dir: Path, today: dt.date | None) -> tuple[Any, ...]:
    stamp = tuple((str(p), *_stat(p)) for p in data_files(data_dir))
    return (str(data_dir), stamp, today)


# Set by the site build for its language builds: a folder only that build writes to.
CACHE_ENV = "KIK_DATASET_CACHE"


def _cache_file(folder: Path, key: tuple[Any, ...]) -> Path:
    # The key holds every data file's modification time and size: an edit made while the site
    # builds gives another file name, and the language build validates the data itself.
    return folder / (hashlib.sha256(repr(key).encode()).hexdigest() + ".pickle")


def _shared_copy(key: tuple[Any, ...]) -> Dataset | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    try:
        # Only ever a file this build wrote itself into its own staging folder (share_dataset).
        return pickle.loads(_cache_file(Path(folder), key).read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


def share_dataset(data_dir: Path, folder: Path) -> Dataset:
    """Validate data_dir once and leave the result in folder for the builds that set CACHE_ENV."""
    data = load_dataset(data_dir)
    target = _cache_file(folder, _cache_key(data_dir.resolve(), None))
    partial = target.with_suffix(".part")
    partial.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(target)
    return data


def _stat(path: Path) -> tuple[int, int]:
    """Modification time and size for the cache key; a broken file gets a key that never matches
    a readable one (its problem is reported when it is read)."""
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_mtime_ns, info.st_size)


def check(data_dir: Path = DEFAULT_DATA_DIR, today: dt.date | None = None) -> list:
    """All problems in data_dir, sorted; empty when the data can be published."""
    try:
        load_dataset(data_dir, today)
    except DataError as err:
        return err.problems
    return []


def data_files(data_dir: Path) -> list[Path]:
    """Every YAML file the dataset is made of, in a stable order."""
    files: list[Path] = []
    for name in COLLECTIONS:
        files += collection_files(data_dir, name)
    i18n = data_dir / "i18n"
    if i18n.is_dir():
        files += sorted(i18n.glob("*/*.yml"))
    return files


def collection_files(data_dir: Path, name: str) -> list[Path]:
    """data/<name>.yml and data/<name>/*.yml. Whatever stands there is returned — also a folder
    named like a file or a broken symlink — so that reading it reports the mistake."""
    single = data_dir / f"{name}.yml"
    folder = data_dir / name
    split = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    return ([single] if present(single) else []) + split


def _display(path: Path, data_dir: Path) -> str:
    """File names as editors see them: relative to the project, with forward slashes."""
    try:
        return path.relative_to(data_dir.parent).as_posix()
    except ValueError:  # pragma: no cover - data outside a project folder
        return path.as_posix()


def _load_uncached(data_dir: Path, today: dt.date) -> Dataset:
    problems = ProblemList()
    entries: dict[str, list[validate.Entry]] = {name: [] for name in COLLECTIONS}
    # Collections with a file that could not be read: references into them are not reported as
    # unknown, or one syntax error would bury the editor under follow-up errors.
    unreadable: set[str] = set()
    for name, spec in COLLECTIONS.items():
        files = collection_files(data_dir, name)
        if not files:
            problems.add(
                Position(_display(data_dir / f"{name}.yml", data_dir)), "", "Datei fehlt", rules.FILE_MISSING
            )
        for path in files:
            doc = load_yaml(path, _display(path, data_dir), problems)
            found = _entries_of(doc, name, spec, today, problems) if doc is not None else None
            if found is None:
                unreadable.add(name)
                continue
            entries[name] += found

    broken_texts: set[str] = set()
    broken_labels: set[str] = set()
    texts = _load_per_language(data_dir, "texts.yml", problems, broken_texts)
    labels = _load_per_language(data_dir, "labels.yml", problems, broken_labels)

    index = validate.check_ids(entries, problems)
    validate.check_references(entries, index, problems, unreadable)
    validate.check_numbering(index, problems)
    validate.check_vote_ranks(index, problems)
    validate.check_declared_counts(index, problems)
    validate.check_texts(texts, index, today, problems, unreadable)
    validate.check_histories(index, texts, problems)
    uses = label_uses(data_dir.parent)
    validate.check_labels(labels, today, problems, uses)
    validate.check_required_labels(labels, set(uses.keys), problems)
    _check_language_folders(data_dir, index, problems)
    if problems:
        raise DataError(problems.items)
    return _build(index, texts, labels)


def _entries_of(doc: Document, name: str, spec: Any, today: dt.date, problems: ProblemList) -> list | None:
    """Check one collection file and return its well-shaped entries (None: file unusable)."""
    checker = Checker(doc, problems, today)
    value = doc.value
    if not isinstance(value, dict) or list(value) != [name]:
        found = ", ".join(map(str, value)) if isinstance(value, dict) else "keine Schlüssel"
        problems.add(
            doc.at(()),
            "",
            f"die Datei muss genau einen obersten Schlüssel '{name}:' mit einer Liste haben (gefunden: {found})",
            rules.WRONG_TOP_LEVEL_KEY,
        )
        return None
    items = value[name] or []
    if not ListOf(spec, unique=False).check(items, (name,), checker):
        # Keep the well-shaped items so reference checks still run on them.
        pass
    if not isinstance(items, list):
        return None
    return [validate.Entry(name, i, item, doc) for i, item in enumerate(items) if isinstance(item, dict)]


def _load_per_language(
    data_dir: Path, filename: str, problems: ProblemList, unreadable: set[str] | None = None
) -> dict[str, Document]:
    """Every language's copy of filename; languages whose copy is unusable go into unreadable."""
    unreadable = set() if unreadable is None else unreadable
    result: dict[str, Document] = {}
    i18n = data_dir / "i18n"
    for folder in sorted(p for p in i18n.glob("*") if p.is_dir()) if i18n.is_dir() else []:
        path = folder / filename
        if not present(path):
            continue  # a language may leave its texts or labels out: German is shown instead
        doc = load_yaml(path, _display(path, data_dir), problems)
        if doc is None:
            unreadable.add(folder.name)
            continue
        if folder.name == SOURCE_LANGUAGE and (doc.empty or doc.value == {}):
            # An emptied German file is one mistake, not one per text or label it lacked.
            # (A new language starts with empty files: its texts fall back to German.)
            problems.add(
                doc.at(()),
                "",
                "die Datei ist leer; die deutschen Texte und Beschriftungen braucht die Website "
                "(und jede Übersetzung als Grundlage)",
                rules.EMPTY_GERMAN_FILE,
            )
            unreadable.add(folder.name)
            continue
        result[folder.name] = doc
    source = i18n / SOURCE_LANGUAGE / filename
    if SOURCE_LANGUAGE not in result and SOURCE_LANGUAGE not in unreadable:
        problems.add(Position(_display(source, data_dir)), "", "Datei fehlt", rules.FILE_MISSING)
    return result


def _check_language_folders(data_dir: Path, index: dict, problems: ProblemList) -> None:
    """A folder in data/i18n/ must belong to a configured language, so typos do not vanish."""
    i18n = data_dir / "i18n"
    if not i18n.is_dir():
        return
    for folder in sorted(p for p in i18n.iterdir() if p.is_dir()):
        if folder.name not in index["languages"]:
            problems.add(
                Position(_display(folder, data_dir)),
                "",
                f"Ordner für Sprache '{folder.name}', die in data/languages.yml nicht eingetragen ist",
                rules.UNKNOWN_LANGUAGE_FOLDER,
            )


def _pages(value: dict | None) -> Pages | None:
    return Pages(value["from"], value["to"]) if value else None


def _build(index: dict, texts: dict[str, Document], labels: dict[str, Document]) -> Dataset:
    def values(name: str) -> list[dict[str, Any]]:
        return [e.value for e in index[name].values()]

    return Dataset(
        languages=tuple(Language(v["id"], v["name"], v["dir"]) for v in values("languages")),
        statuses=tuple(Status(v["id"], v["icon"], v["reported"]) for v in values("statuses")),
        fields=tuple(
            sorted(
                (
                    ActionField(
                        v["id"],
                        v["slug"],
                        v["number"],
                        _pages(v["pages"]),
                        v.get("declared_goals"),
                        v.get("declared_measures"),
                    )
                    for v in values("fields")
                ),
                key=lambda f: f.number,
            )
        ),
        themes=tuple(
            sorted(
                (Theme(v["id"], v["number"], _pages(v.get("pages"))) for v in values("themes")),
                key=lambda t: t.number,
            )
        ),
        goals=tuple(Goal(v["id"], v["number"], v["field"]) for v in values("goals")),
        measures=tuple(
            Measure(
                id=v["id"],
                number=v["number"],
                goal=v["goal"],
                history=tuple(
                    HistoryEntry(v["id"], h["date"], h.get("status")) for h in v.get("history") or ()
                ),
                lead=tuple(v.get("lead", ())),
                partners=tuple(v.get("partners", ())),
                indicators=tuple(v.get("indicators", ())),
                themes=tuple(v.get("themes", ())),
                pages=_pages(v.get("pages")),
                vote_rank=v.get("vote_rank"),
            )
            for v in values("measures")
        ),
        actors=tuple(Actor(v["id"], v["kind"]) for v in values("actors")),
        sources=tuple(Source(v["id"], v["kik"], v.get("date")) for v in values("sources")),
        indicators=tuple(
            Indicator(
                v["id"],
                v["unit"],
                tuple(
                    sorted(
                        (
                            IndicatorValue(x["date"], x["value"], x["source"], x.get("approximate", False))
                            for x in v["values"]
                        ),
                        key=lambda x: x.date,
                    )
                ),
            )
            for v in values("indicators")
        ),
        texts={lang: doc.value for lang, doc in texts.items()},
        labels={lang: {k: str(v) for k, v in doc.value.items()} for lang, doc in labels.items()},
    )
