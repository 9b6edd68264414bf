"""One error vocabulary: every error knows its exit status, where it is, and how to fix it."""

from __future__ import annotations

import contextlib
import errno
import os
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from typing import Callable, Iterable, Iterator, NamedTuple

# Said after every failure that left the previous state in place (one wording, one place).
UNCHANGED = "the previous pages and site are unchanged"
# What a command stopped by the system's refusal (a full disk) or by Ctrl+C leaves, by the command: each writes its files
# whole or not at all. Said after such a stop ('interrupted; ...'); `export` and `mark` were said to leave 'the previous
# pages and site' unchanged, which they never touch.
_LEFT = {
    **dict.fromkeys(("build", "serve"), UNCHANGED),
    **dict.fromkeys(("mark", "signoff", "approve", "decide", "assign", "attend", "run", "meeting"), "the record holds only whole entries"),
    **dict.fromkeys(("export", "import", "new", "links"), "no file was left half written"),
    "pdf": "each PDF in the folder is whole (the one being printed was not written)",
    "init": "every file of the project is whole (those it had are as they were)",
}

def left_by(command: str | None) -> str:
    """What ``command`` leaves when stopped (``_LEFT``); read-only commands and no command change nothing.

    >>> left_by("export"), left_by("status")
    ('no file was left half written', 'nothing was changed')
    """
    return _LEFT.get(command or "", "nothing was changed")


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
        file = self.file if self.file.isprintable() else one_line(self.file)
        if not self.line:
            return file
        return f"{file}:{self.line}:{self.column}"


def one_line(name: str) -> str:
    r"""A file name as a message's location shows it: on one line, every character that is not printable an escape (a
    name holding a line break would print a line of its own, such as a forged 'ok'); the terminal's escaping keeps line
    breaks, which messages are made of. So is any text printed as one line that names a file (an import's summary).

    >>> str(Loc("data/a\nok: 0 problems.yaml", 3, 1))
    'data/a\\x0aok: 0 problems.yaml:3:1'
    """
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}" for ch in name)


def _formatted(loc: Loc | None, severity: str, message: str, hint: str) -> str:
    r"""A problem is two lines, its message and its hint: a line break or other control character in them (a folder's or
    a key's name quoted from the data, a file name given on the command line: 'error: data/x' then 'ok: 1 checklist(s),
    no problems does not exist') is an escape, so no name can print a line of its own, such as a forged 'ok' or another
    file's error.

    >>> print(_formatted(None, "error", "data/x\nok: fine does not exist", "pass a file"))
    error: data/x\x0aok: fine does not exist
        hint: pass a file
    """
    message, hint = one_line(message), one_line(hint)
    text = f"{loc}: {severity}: {message}" if loc is not None else f"{severity}: {message}"
    return text + (f"\n    hint: {hint}" if hint else "")


@dataclass(frozen=True)
class Issue:
    """One problem found in the input; validation yields these and changes nothing."""

    loc: Loc
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR)
    count: int = 1  # the problems it stands for: more than one where it says those of a file not shown (``capped``)

    def format(self) -> str:
        return _formatted(self.loc, self.severity.value, self.message, self.hint)


# The problems said of one file: past these, a count of the rest. A file of 50,000 unknown keys printed 100,000 lines
# (and took half a minute to say them); the first ones show what is wrong, and fixing them shows the next.
SAID_PER_FILE = 25


class Hinted:
    """Counts the problems of each file as they are found, so that a hint that costs (a 'did you mean' difflib looks for
    among thousands of ids) is made only for the ones ``capped`` shows: 20,000 unknown item ids in a status file took
    33 s of difflib for hints no one saw.

    >>> hinted = Hinted()
    >>> [hinted(Loc("a.yaml", n)) for n in range(SAID_PER_FILE + 1)][-2:], hinted(Loc("b.yaml", 1))
    ([True, False], True)
    """

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def __call__(self, loc: Loc) -> bool:
        """Whether the problem at ``loc`` is among those said of its file (counted as found)."""
        self.counts[loc.file] = self.counts.get(loc.file, 0) + 1
        return self.counts[loc.file] <= SAID_PER_FILE


def more(file: str, count: int, severity: Severity = Severity.ERROR) -> Issue:
    """The one issue standing for ``count`` problems of ``file`` not said."""
    return Issue(Loc(file), f"{count:,} more problem(s) in this file, not shown", "fix the ones above and check again to see the rest", severity, count)


def capped(issues: Iterable[Issue]) -> list[Issue]:
    """``issues`` with at most SAID_PER_FILE said of each file, in their order, and then for each file with more one issue
    counting the rest (one for its errors, one for its warnings); a count an earlier cap made is added in, not said again.

    >>> said = capped([Issue(Loc("a.yaml", n, 1), f"bad {n}") for n in range(1, 101)])
    >>> len(said), said[-1].message
    (26, '75 more problem(s) in this file, not shown')
    >>> sum(i.count for i in said)
    100
    """
    kept: list[Issue] = []
    said: dict[str, int] = {}
    rest: dict[tuple[str, Severity], int] = {}
    for issue in issues:
        file = issue.loc.file
        if issue.count == 1 and said.get(file, 0) < SAID_PER_FILE:
            said[file] = said.get(file, 0) + 1
            kept.append(issue)
        else:
            rest[file, issue.severity] = rest.get((file, issue.severity), 0) + issue.count
    return kept + [more(file, count, severity) for (file, severity), count in rest.items()]


class SiteError(Exception):
    """The base of every error checklist-site reports: it carries its exit status, location and hint.

    The command line prints ``format()`` and exits with ``exit_code``; nothing else decides either.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str = "", loc: Loc | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.loc = loc

    def format(self) -> str:
        return _formatted(self.loc, "error", self.message, self.hint)


class CheckFailed(SiteError):
    """Input has errors; carries every issue found, not just the first."""

    def __init__(self, issues: list[Issue]) -> None:
        issues = capped(issues)  # what is said of each file is capped wherever it is said (the terminal, serve's page)
        super().__init__(f"{sum(i.count for i in issues)} problem(s)")
        self.issues = issues

    def format(self) -> str:
        errors = sum(i.count for i in self.issues if i.severity is Severity.ERROR)
        files = len({i.loc.file for i in self.issues})
        lines = [issue.format() for issue in self.issues]
        return "\n".join([*lines, f"{errors} error(s) in {files} file(s); nothing was built or changed"])


class BuildError(SiteError):
    """A failure outside the input data (mkdocs, the file system, a missing tool)."""


class UsageError(BuildError):
    """The command was called wrongly, or the project's configuration is wrong: exit status 2."""

    exit_code = 2


class Interrupted(KeyboardInterrupt):
    """SIGINT, SIGTERM or SIGHUP arrived; the run stops as after Ctrl+C, with status 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.state = UNCHANGED  # what the stopped run left in place


NAME_MAX = 255  # bytes of one name, on every file system the tool writes to (ext4, APFS, NTFS as UTF-16 units or fewer)
_OS_HINT = "check free disk space and permissions"
# What to do about an error of the file system, by its kind: a name too long was told to check disk space and permissions.
_OS_HINTS = {
    errno.ENAMETOOLONG: f"use a shorter name: a file system takes names of up to {NAME_MAX} bytes",
    errno.ENOSPC: "free some disk space",
    errno.EFBIG: "the file is larger than the system lets this program write (ulimit -f, or the file system's limit): raise the limit",
    errno.EDQUOT: "free some disk space (your quota is used up)",
    errno.EROFS: "the file system is read-only: work on a copy that can be written",
    errno.EACCES: "check the permissions of the file and its folder",
    # root is refused only by a file's or folder's attribute (chattr +i, +a), which its permissions do not show
    errno.EPERM: "check the permissions of the file and its folder, and their attributes (lsattr -d: immutable 'i' or append-only 'a')",
}


# The folder messages name a path from: the project's, which the command line gives for the command it runs (-C, read
# before or after the command's name: asked when a path is named, :func:`paths_from`); the working folder where none is.
_SHOWN_FROM: ContextVar[Callable[[], str | os.PathLike[str]] | None] = ContextVar("shown_from", default=None)


@contextlib.contextmanager
def paths_from(root: Callable[[], str | os.PathLike[str]]) -> Iterator[None]:
    """Every path a message names (:func:`shown_path`) relative to the folder ``root()`` gives (the project) while inside it."""
    token = _SHOWN_FROM.set(root)
    try:
        yield
    finally:
        _SHOWN_FROM.reset(token)


def shown_path(path: str | bytes | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """``path`` as every message names it (the one place): relative to the project (``root``, else the one the command
    runs in, :func:`paths_from`) where it is inside, as a problem's file is ('data/x.yaml'; a link named as itself), else
    as it was given. A file system's error named its absolute path ('Operation not permitted (/home/me/site/data/x.record)').

    >>> shown_path("/p/data/x.yaml", "/p"), shown_path("/elsewhere/x.md", "/p"), shown_path("/p", "/p")
    ('data/x.yaml', '/elsewhere/x.md', '.')
    """
    text = os.fsdecode(path)
    given = _SHOWN_FROM.get()
    base = os.path.abspath(root if root is not None else given() if given is not None else os.curdir)
    whole = os.path.abspath(text)
    if whole == base:
        return "."
    inside = os.path.join(base, "")
    if whole.startswith(inside):  # the text alone: every file of data/ is named so for a check (10,000 entries)
        return whole[len(inside) :].replace(os.sep, "/")
    real, real_base = os.path.realpath(whole), os.path.realpath(base)  # asks the disk: only where the text is not inside
    if real == real_base or real.startswith(os.path.join(real_base, "")):
        return os.path.relpath(real, real_base).replace(os.sep, "/")
    return text


def os_error(exc: OSError) -> tuple[str, str]:
    """What the system refused, in the user's terms, and what to do (each was 'No such file or directory (x)' with the hint
    to check disk and permissions): a path's missing folder, a folder where a file was meant, else by its kind (``_OS_HINTS``);
    the path named as every message names one (:func:`shown_path`)."""
    name = os.fsdecode(exc.filename) if exc.filename is not None else ""
    shown = shown_path(name) if name else ""
    said = f"{exc.strerror or exc}" + (f" ({shown})" if name else "")
    folder = os.path.dirname(name) or "."
    if name and exc.errno == errno.ENOENT and not os.path.isdir(folder):
        return f"cannot write {shown}: the folder {shown_path(folder)}/ does not exist", "create the folder first, or give a path in a folder that exists"
    if name and exc.errno == errno.EISDIR:
        return f"{shown} is a folder, not a file", "give a file's name (e.g. inside that folder)"
    if name and exc.errno == errno.ENOTDIR:
        return f"cannot use {shown}: a part of the path is a file, not a folder", "check the path"
    if name and exc.errno == errno.EEXIST and os.path.lexists(name) and not os.path.isdir(name):
        # a folder to make (a record folder, data/) where a file of its name is: 'File exists' with the hint to check disk space
        return f"cannot make the folder {shown}: a file of that name is there", "move the file away or rename it (a folder is needed there)"
    return said, _OS_HINTS.get(exc.errno or 0, _OS_HINT)
