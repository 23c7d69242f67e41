"""Translation state: which pages and data texts are translated, missing or outdated.

A translation records the version of the German source it was made from as a short checksum
(`translation: source:` in a page's front matter, `source_hash:` in a data text). When the German
changes, the checksum no longer matches and the translation is reported as outdated — in the
report, on the translators' status page, and to readers of the page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.editor_files import EditorFileError, read_editor_file
from ..data.loader import load_yaml_text
from ..data.model import SOURCE_LANGUAGE, Dataset
from ..data.problems import Position, Problem, ProblemList

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*\n", re.S)
_MACRO_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
METHODS = ("machine", "human")

TRANSLATED, MISSING, OUTDATED = "translated", "missing", "outdated"
# Pages marked `translate: false` (Leichte Sprache is a form of German) are German by design.
GERMAN_ONLY = "german_only"


def split_front_matter(text: str, shown: str = "Seite") -> tuple[dict[str, Any], str]:
    """(front matter, body) of a Markdown page; malformed front matter raises ValueError."""
    meta, body, problems = parse_page(text, shown)
    if problems:
        raise ValueError(str(problems[0]))
    return meta, body


def parse_page(text: str, shown: str) -> tuple[dict[str, Any], str, list[Problem]]:
    """(front matter, body, problems) of a page. The front matter is read by the data loader, so
    its problems name the line in the page file (not in the YAML snippet) in plain German."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    problems = ProblemList()
    doc = load_yaml_text(match.group(1) or "", shown, problems, first_line=2)
    meta = doc.value if doc is not None else None
    if doc is not None and not isinstance(meta, dict):
        problems.add(
            Position(shown, 2, 1),
            "",
            "Kopfbereich (zwischen ---) muss Einträge der Form 'schluessel: wert' haben",
        )
    return (meta if isinstance(meta, dict) else {}), text[match.end() :], problems.sorted()


def body_line_offset(text: str) -> int:
    """Lines of the front matter (with its --- lines) above a page's body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return 0
    rest = text[match.end() :]
    # MkDocs also drops the blank lines between the front matter and the body.
    return text[: match.end()].count("\n") + len(rest) - len(rest.lstrip("\n"))


def read_page(path: Path) -> str | None:
    """A page's text, or None if it cannot be read (pagecheck reports why, at the file)."""
    try:
        return read_editor_file(path, path.name)
    except EditorFileError:
        return None


def checksum(value: Any) -> str:
    """Short, stable checksum of a page body or a data text (whitespace-insensitive for pages)."""
    if isinstance(value, str):
        raw = " ".join(value.split())
    else:
        raw = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:12]


def page_checksum(path: Path) -> str:
    """Checksum of a page's body ('' when the page cannot be read: it is reported elsewhere)."""
    text = read_page(path)
    if text is None:
        return ""
    _, body, _ = parse_page(text, path.name)
    return checksum(body)


def is_german_only(source: Path) -> bool:
    text = read_page(source)
    if text is None:
        return False
    meta, _, problems = parse_page(text, source.name)
    return not problems and meta.get("translate") is False


def macro_calls(body: str) -> list[str]:
    """The macro calls of a page, normalised, in order: they must be identical in translations."""
    return [" ".join(call.split()) for call in _MACRO_CALL.findall(body)]


def source_pages(root: Path) -> list[str]:
    """Docs-relative paths of every German page (snippet folders starting with '_' excluded)."""
    docs = root / "docs" / SOURCE_LANGUAGE
    return sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*.md")
        if not p.relative_to(docs).as_posix().startswith("_")
    )


@dataclass(frozen=True)
class PageState:
    path: str
    state: str  # translated | missing | outdated
    method: str | None = None
    reviewed: dt.date | None = None


@dataclass(frozen=True)
class TextState:
    collection: str
    item_id: str
    state: str


@dataclass
class LanguageReport:
    lang: str
    pages: list[PageState] = field(default_factory=list)
    texts: list[TextState] = field(default_factory=list)
    missing_labels: list[str] = field(default_factory=list)

    def count(self, kind: str, state: str) -> int:
        items = self.pages if kind == "pages" else self.texts
        return sum(1 for i in items if i.state == state)


def page_state(root: Path, lang: str, path: str) -> PageState:
    """State of one page in one language (never raises; malformed pages count as outdated)."""
    translated = root / "docs" / lang / path
    if not translated.is_file():
        if is_german_only(root / "docs" / SOURCE_LANGUAGE / path):
            return PageState(path, GERMAN_ONLY)
        return PageState(path, MISSING)
    text = read_page(translated)
    meta, _, problems = parse_page(text, path) if text is not None else ({}, "", [True])
    if problems:
        return PageState(path, OUTDATED)
    info = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    current = page_checksum(root / "docs" / SOURCE_LANGUAGE / path)
    state = TRANSLATED if info.get("source") == current else OUTDATED
    reviewed = info.get("reviewed") if isinstance(info.get("reviewed"), dt.date) else None
    return PageState(path, state, info.get("method"), reviewed)


def text_states(data: Dataset, lang: str) -> list[TextState]:
    """Every data text of the German source, and whether lang has it, and for which version."""
    source = data.texts.get(SOURCE_LANGUAGE, {})
    target = data.texts.get(lang, {})
    states = []
    for collection, items in source.items():
        for item_id, item in (items or {}).items():
            translated = (target.get(collection) or {}).get(item_id)
            if not translated:
                state = MISSING
            elif translated.get("source_hash") == text_checksum(item):
                state = TRANSLATED
            else:
                state = OUTDATED
            states.append(TextState(collection, item_id, state))
    return states


def text_checksum(item: dict[str, Any]) -> str:
    return checksum({k: v for k, v in item.items() if k != "source_hash"})


def build_report(root: Path, data: Dataset, languages: list[str] | None = None) -> list[LanguageReport]:
    reports = []
    pages = source_pages(root)
    for lang in languages or [lg.id for lg in data.languages if lg.id != SOURCE_LANGUAGE]:
        report = LanguageReport(lang)
        report.pages = [page_state(root, lang, p) for p in pages]
        report.texts = text_states(data, lang)
        labels = data.labels.get(lang, {})
        report.missing_labels = [k for k in data.labels.get(SOURCE_LANGUAGE, {}) if k not in labels]
        reports.append(report)
    return reports


def check_pages(root: Path, lang: str, broken_sources: frozenset[str] = frozenset()) -> list[Problem]:
    """Problems of one language's translated pages: provenance, and macro calls equal to German.

    Pages that cannot be read, and translations of German pages that have problems themselves
    (broken_sources: docs-relative paths), are left to the page check: it reports the problem
    once, where it is, instead of telling every translation to copy a typo.
    """
    problems: list[Problem] = []
    docs = root / "docs" / lang
    if lang == SOURCE_LANGUAGE or not docs.is_dir():
        return problems
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        if rel.startswith("_"):
            continue
        shown = f"docs/{lang}/{rel}"
        source = root / "docs" / SOURCE_LANGUAGE / rel
        if not source.is_file():
            problems.append(
                Problem(
                    Position(shown, 1, 1),
                    "",
                    f"es gibt keine deutsche Seite docs/{SOURCE_LANGUAGE}/{rel}; Datei umbenennen oder löschen",
                )
            )
            continue
        text = read_page(page)
        if text is None:
            continue
        meta, body, front_problems = parse_page(text, shown)
        if front_problems:
            continue  # reported by the page check
        info = meta.get("translation")
        if not isinstance(info, dict):
            problems.append(
                Problem(
                    Position(shown, 1, 1),
                    "translation",
                    "Herkunftsangabe fehlt: im Kopfbereich 'translation:' mit 'source', 'method' ergänzen (python -m macros i18n stamp)",
                )
            )
        else:
            if info.get("method") not in METHODS:
                problems.append(
                    Problem(
                        Position(shown, 1, 1),
                        "translation.method",
                        f"'method' muss {' oder '.join(METHODS)} sein, gefunden {info.get('method')!r}",
                    )
                )
            if not isinstance(info.get("source"), str):
                problems.append(
                    Problem(
                        Position(shown, 1, 1),
                        "translation.source",
                        "'source' (Prüfsumme der deutschen Fassung) fehlt; python -m macros i18n stamp ausführen",
                    )
                )
            reviewed = info.get("reviewed")
            if reviewed is not None and not isinstance(reviewed, dt.date):
                problems.append(
                    Problem(
                        Position(shown, 1, 1),
                        "translation.reviewed",
                        "'reviewed' muss ein Datum JJJJ-MM-TT sein",
                    )
                )
        source_text = read_page(source)
        if source_text is None or rel in broken_sources:
            continue
        _, source_body, source_problems = parse_page(source_text, rel)
        if source_problems:
            continue
        expected, found = macro_calls(source_body), macro_calls(body)
        if expected != found:
            line = _first_difference_line(text, expected)
            problems.append(
                Problem(
                    Position(shown, line, 1),
                    "",
                    "Makro-Aufrufe weichen von der deutschen Seite ab: erwartet "
                    f"{expected or 'keine'}, gefunden {found or 'keine'}; Aufrufe unverändert übernehmen",
                )
            )
    return problems


def _first_difference_line(text: str, expected: list[str]) -> int:
    """Line of the first macro call that differs from the German page (or the last line)."""
    for i, match in enumerate(_MACRO_CALL.finditer(text)):
        if i >= len(expected) or " ".join(match.group().split()) != expected[i]:
            return text.count("\n", 0, match.start()) + 1
    return text.count("\n") + 1
