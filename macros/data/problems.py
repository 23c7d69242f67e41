"""Problems found in the data, reported compiler-style so editors can jump to the spot."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1 like editors do."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix: where, which data path, and what to do."""

    position: Position
    path: str
    message: str
    # The rule's ID (macros/data/rules.py); not shown to editors and not part of equality.
    rule: str = field(default="", compare=False)

    def __str__(self) -> str:
        path = f" {self.path}:" if self.path else ""
        return f"{self.position}:{path} {self.message}"


@dataclass
class ProblemList:
    """Collects problems instead of stopping at the first, so one run shows all of them."""

    items: list[Problem] = field(default_factory=list)

    def add(self, position: Position, path: str, message: str, rule: str = "") -> None:
        self.items.append(Problem(position, path, message, rule))

    def extend(self, problems: list[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


class DataError(Exception):
    """Raised when the data cannot be published; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    """Render problems one per line, followed by a German summary for editors."""
    lines = [str(p) for p in problems]
    count = len(problems)
    noun = "Problem" if count == 1 else "Probleme"
    lines.append(f"{count} {noun} gefunden – es wurde nichts veröffentlicht.")
    return "\n".join(lines)
