"""One error vocabulary: an Issue knows where it is, what was expected and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class Loc(NamedTuple):
    """A place in a source file; line and column count from 1.

    A named tuple rather than a frozen dataclass: every YAML node gets one, and a tuple is built
    several times faster (a tenth of loading a 10,000-item checklist).
    """

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Issue:
    loc: Loc
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR)

    def format(self) -> str:
        text = f"{self.loc}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class CheckFailed(Exception):
    """Raised when input has errors; carries every issue found, not just the first."""

    exit_code = 1

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(f"{len(issues)} problem(s)")
        self.issues = issues


class BuildError(Exception):
    """A failure outside the input data (mkdocs, the file system, a missing tool)."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def format(self) -> str:
        text = f"error: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class UsageError(BuildError):
    """A wrong argument or option value: exit status 2, as for any other wrong usage."""

    exit_code = 2
