"""The one guarded way to read a file an editor wrote (YAML or Markdown, data or pages).

Whatever is wrong with the file — missing, a folder where a file should be, a dangling symlink or
a symlink loop, no read permission, not UTF-8, invisible control characters pasted from Word —
becomes one `Problem` with file, line and column. Nothing an editor can put into `data/` or
`docs/` reaches the tools as a Python exception.
"""

from __future__ import annotations

import errno
import re
import unicodedata
from pathlib import Path

from . import rules
from .problems import Position, Problem, ProblemList

# Characters no editor means to type and that break YAML (libyaml refuses them) or turn into
# invisible garbage on a page: C0 controls except tab and line breaks, DEL, C1 controls, the
# Unicode line/paragraph separators, a byte order mark inside the text and the noncharacters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")

_CONTROL_NAMES = {
    "\x00": "NUL-Byte",
    "\x0b": "vertikaler Tabulator, entsteht z. B. durch Umschalt+Eingabe in Word",
    "\x0c": "Seitenumbruch",
    "\x1b": "Escape-Zeichen",
    "\x7f": "Löschzeichen",
    "\u2028": "Zeilentrenner, entsteht z. B. beim Einfügen aus Word oder PDF",
    "\u2029": "Absatztrenner, entsteht z. B. beim Einfügen aus Word oder PDF",
    "\ufeff": "Byte-Order-Mark mitten im Text",
}


class EditorFileError(Exception):
    """A file an editor wrote cannot be used; carries the problem to report."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_editor_file(path: Path, shown: str) -> str:
    """The text of an editor's file (UTF-8, an optional byte order mark removed).

    Raises EditorFileError with a German, positioned message for every way the file can be
    unusable; never any other exception.
    """
    raw = _read_bytes(path, shown)
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte order mark at the start is harmless
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        # Point at the first byte that is not UTF-8 (typically an umlaut saved as Latin-1).
        offset = err.start
        line = raw.count(b"\n", 0, offset) + 1
        column = len(raw[raw.rfind(b"\n", 0, offset) + 1 : offset].decode("utf-8", "replace")) + 1
        raise EditorFileError(
            Problem(
                Position(shown, line, column),
                "",
                f"Datei ist nicht in UTF-8 gespeichert ({err.reason}); bitte als UTF-8 speichern",
                rules.NOT_UTF8,
            )
        ) from None
    match = _CONTROL.search(text)
    if match:
        char = match.group()
        line, column = line_column(text, match.start())
        name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "Steuerzeichen")
        raise EditorFileError(
            Problem(
                Position(shown, line, column),
                "",
                f"unsichtbares Steuerzeichen U+{ord(char):04X} ({name}); Zeichen löschen "
                "oder durch ein Leerzeichen bzw. einen Zeilenumbruch ersetzen",
                rules.CONTROL_CHARACTER,
            )
        )
    return text


def read_into(path: Path, shown: str, problems: ProblemList | list[Problem]) -> str | None:
    """read_editor_file, with the problem added to problems instead of raised (None then)."""
    try:
        return read_editor_file(path, shown)
    except EditorFileError as err:
        if isinstance(problems, ProblemList):
            problems.extend([err.problem])
        else:
            problems.append(err.problem)
        return None


def present(path: Path) -> bool:
    """True when something (file, folder, symlink — even a broken one) stands at path.

    `Path.is_file()` answers False for a folder, a dangling symlink or a symlink loop, which would
    make such a mistake look like a missing file or, worse, be skipped silently.
    """
    try:
        return path.is_symlink() or path.exists()
    except OSError:
        return True


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, as editors count them."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _read_bytes(path: Path, shown: str) -> bytes:
    where = Position(shown)
    try:
        if path.is_dir():
            raise EditorFileError(
                Problem(
                    where,
                    "",
                    "hier steht ein Ordner, erwartet wird eine Datei; Ordner umbenennen oder entfernen",
                    rules.FILE_UNREADABLE,
                )
            )
        return path.read_bytes()
    except EditorFileError:
        raise
    except FileNotFoundError:
        if path.is_symlink():
            message = "Verknüpfung (Symlink) zeigt auf eine Datei, die es nicht gibt"
        else:
            message = "Datei fehlt"
        raise EditorFileError(Problem(where, "", message, _file_rule(message))) from None
    except IsADirectoryError:
        raise EditorFileError(
            Problem(
                where,
                "",
                "hier steht ein Ordner, erwartet wird eine Datei; Ordner umbenennen oder entfernen",
                rules.FILE_UNREADABLE,
            )
        ) from None
    except PermissionError:
        raise EditorFileError(
            Problem(where, "", "Datei kann nicht gelesen werden (keine Leserechte)", rules.FILE_UNREADABLE)
        ) from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            message = "Verknüpfung (Symlink) zeigt im Kreis auf sich selbst; durch die echte Datei ersetzen"
        else:
            message = f"Datei kann nicht gelesen werden ({err.strerror or err})"
        raise EditorFileError(Problem(where, "", message, _file_rule(message))) from None


def _file_rule(message: str) -> str:
    return rules.FILE_MISSING if message == "Datei fehlt" else rules.FILE_UNREADABLE
