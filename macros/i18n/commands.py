"""Translators' commands: add a language, stamp translations with their source version, report.

Plain file operations on docs/ and data/; MkDocs is not involved.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

import yaml

from ..data.dataset import load_dataset
from ..data.editor_files import EditorFileError, read_editor_file
from ..data.loader import dump_yaml
from ..data.model import SOURCE_LANGUAGE
from ..data.schema import LanguageCode
from .translations import (
    GERMAN_ONLY,
    MISSING,
    OUTDATED,
    TRANSLATED,
    LanguageReport,
    build_report,
    page_checksum,
    source_pages,
    split_front_matter,
    text_checksum,
)


class ToolError(Exception):
    """A mistake in how a command was called; printed without traceback."""


def material_knows(code: str) -> bool:
    """Material needs a language partial for the UI strings (search, buttons)."""
    # Located, not imported: only the adapters may load MkDocs or its theme (import-linter contract).
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return False
    return (Path(spec.origin).parent / "templates" / "partials" / "languages" / f"{code}.html").is_file()


def add_language(root: Path, code: str, name: str, direction: str = "ltr") -> list[Path]:
    """Register a language and create its folders; every page starts as a marked German fallback."""
    if not LanguageCode.pattern.match(code):
        raise ToolError(f"ungültiger Sprachcode {code!r}: zwei Kleinbuchstaben nach ISO 639-1, z. B. 'tr'")
    if direction not in ("ltr", "rtl"):
        raise ToolError("Schreibrichtung muss ltr oder rtl sein")
    data = load_dataset(root / "data")
    if code in [lg.id for lg in data.languages]:
        raise ToolError(f"Sprache {code!r} ist schon eingetragen")
    if not material_knows(code):
        raise ToolError(f"das Theme Material kennt die Sprache {code!r} nicht (keine Oberflächentexte)")

    created: list[Path] = []
    languages = root / "data" / "languages.yml"
    text = languages.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    # Append as text so the editors' comments in the file survive; follow the file's indentation.
    item = re.search(r"^( *)- id:", text, re.M)
    indent = item.group(1) if item else "  "
    languages.write_text(
        text + f"{indent}- id: {code}\n{indent}  name: {_quote(name)}\n{indent}  dir: {direction}\n",
        encoding="utf-8",
    )
    created.append(languages)

    docs = root / "docs" / code
    docs.mkdir(parents=True, exist_ok=True)
    keep = docs / ".gitkeep"  # git keeps no empty folders; MkDocs ignores dot files
    keep.touch()
    created.append(keep)

    i18n = root / "data" / "i18n" / code
    i18n.mkdir(parents=True, exist_ok=True)
    labels = i18n / "labels.yml"
    lines = [
        f"# Beschriftungen der Website – Sprache {code} ({name}).",
        "# Zeile für Zeile übersetzen: '# ' am Zeilenanfang entfernen und den deutschen Text ersetzen.",
        "# Wörter in geschweiften Klammern wie {shown} unverändert lassen. Fehlende Zeilen erscheinen deutsch.",
    ]
    for key, value in data.labels[SOURCE_LANGUAGE].items():
        lines.append(f"# {key}: {_quote(value)}")
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")
    texts = i18n / "texts.yml"
    texts.write_text(
        f"# Übersetzte Datentexte – Sprache {code}. Aufbau wie data/i18n/de/texts.yml;\n"
        "# nach dem Übersetzen 'python -m macros i18n stamp " + code + "' ausführen.\n",
        encoding="utf-8",
    )
    created += [labels, texts]
    return created


def stamp(root: Path, lang: str, method: str | None = None, reviewed: dt.date | None = None) -> list[str]:
    """Record the current German version in every translated page and data text of lang.

    Run it after translating or updating; it is what tells the site that a translation is current.
    """
    if lang == SOURCE_LANGUAGE:
        raise ToolError("Deutsch ist das Original und wird nicht gestempelt")
    changed: list[str] = []
    docs = root / "docs" / lang
    for rel in source_pages(root):
        page = docs / rel
        if not page.is_file():
            continue
        try:
            text = read_editor_file(page, f"docs/{lang}/{rel}")
            meta, body = split_front_matter(text, f"docs/{lang}/{rel}")
        except (EditorFileError, ValueError) as err:
            raise ToolError(str(err)) from None
        info = dict(meta.get("translation") or {}) if isinstance(meta.get("translation"), dict) else {}
        info["source"] = page_checksum(root / "docs" / SOURCE_LANGUAGE / rel)
        info["method"] = method or info.get("method") or "machine"
        if reviewed:
            info["reviewed"] = reviewed
        meta["translation"] = info
        front = dump_yaml(meta, allow_unicode=True, sort_keys=False).strip()
        new = f"---\n{front}\n---\n\n{body.lstrip()}"
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed.append(f"docs/{lang}/{rel}")
    texts_file = root / "data" / "i18n" / lang / "texts.yml"
    if texts_file.is_file():
        texts = yaml.safe_load(texts_file.read_text(encoding="utf-8-sig")) or {}
        source = yaml.safe_load(
            (root / "data" / "i18n" / SOURCE_LANGUAGE / "texts.yml").read_text(encoding="utf-8-sig")
        )
        touched = False
        for collection, items in texts.items():
            for item_id, item in (items or {}).items():
                original = (source.get(collection) or {}).get(item_id)
                if isinstance(item, dict) and isinstance(original, dict):
                    new_hash = text_checksum(original)
                    if item.get("source_hash") != new_hash:
                        item["source_hash"] = new_hash
                        touched = True
        if touched:
            header = "".join(
                line
                for line in texts_file.read_text(encoding="utf-8-sig").splitlines(keepends=True)
                if line.startswith("#")
            )
            body = dump_yaml(texts, allow_unicode=True, sort_keys=False, width=100)
            texts_file.write_text(header + body, encoding="utf-8")
            changed.append(texts_file.relative_to(root).as_posix())
    return changed


def format_report(reports: list[LanguageReport], verbose: bool = True) -> str:
    """The translation report as plain text, one block per language, naming the files."""
    out: list[str] = []
    for r in reports:
        out.append(
            f"{r.lang}: Seiten {r.count('pages', TRANSLATED)} übersetzt, {r.count('pages', OUTDATED)} veraltet, "
            f"{r.count('pages', MISSING)} fehlen, {r.count('pages', GERMAN_ONLY)} nur deutsch (Leichte Sprache) · Datentexte {r.count('texts', TRANSLATED)} übersetzt, "
            f"{r.count('texts', OUTDATED)} veraltet, {r.count('texts', MISSING)} fehlen · "
            f"Beschriftungen {len(r.missing_labels)} fehlen"
        )
        if verbose:
            for p in r.pages:
                if p.state not in (TRANSLATED, GERMAN_ONLY):
                    out.append(f"  {_STATE_DE[p.state]:8} docs/{r.lang}/{p.path}")
            for t in r.texts:
                if t.state != TRANSLATED:
                    out.append(
                        f"  {_STATE_DE[t.state]:8} data/i18n/{r.lang}/texts.yml {t.collection}.{t.item_id}"
                    )
            for key in r.missing_labels:
                out.append(f"  {'fehlt':8} data/i18n/{r.lang}/labels.yml {key}")
    return "\n".join(out)


_STATE_DE = {MISSING: "fehlt", OUTDATED: "veraltet", TRANSLATED: "aktuell"}


def report(root: Path, languages: list[str] | None = None) -> list[LanguageReport]:
    return build_report(root, load_dataset(root / "data"), languages)


def _quote(value: str) -> str:
    return dump_yaml(value, allow_unicode=True, width=10_000).strip().removesuffix("\n...").strip()
