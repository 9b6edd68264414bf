"""Who is who across spellings: the project's ``.mailmap``, git's own file and format (``git help mailmap``), read as git
reads it, so one reviewed file says that 'priya@realserv.example' and 'P. Sharma' are Priya Sharma for the record as
for ``git shortlog``, without a list of people of its own.

A name in the record is read as git reads an author: 'Name <email>', an e-mail address alone, or a name alone (an
author whose e-mail is empty, which a line of the map names as ``Other Name <>``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Issue, Loc, Severity
from .types import MAX_TEXT, person

MAILMAP = ".mailmap"
_IDENT = re.compile(r"([^<>]*?)\s*<([^<>]*)>\s*")  # 'Name <email>' as git's parse_name_and_email reads it: the name may be empty
_EMAIL = re.compile(r"[^\s@<>]+@[^\s@<>]+")


def has_address(name: str) -> bool:
    """Whether ``name`` holds an e-mail address ('priya@realserv.example', 'Priya <priya@realserv.example>').

    >>> has_address("priya@realserv.example"), has_address("Priya <p@x.example>"), has_address("@priya"), has_address("Priya")
    (True, True, False, False)
    """
    return _EMAIL.search(name) is not None
HINT = (
    "write 'Proper Name <proper@email> Other Name <other@email>' (or 'Proper Name <other@email>', or 'Proper Name"
    " <proper@email> Other Name <>' for a name typed without an e-mail): see git help mailmap"
)


@dataclass(frozen=True)
class Mailmap:
    """Each e-mail (case aside) the map names: the proper name and e-mail of the author who wrote it, by the name written
    with it (case aside; '' for any name), as git's map_user looks them up."""

    emails: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = ()
    _index: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        for email, names in self.emails:
            self._index[email] = {name: (proper, mail) for name, proper, mail in names}

    def _found(self, name: str) -> tuple[str, str]:
        """The proper name and e-mail the map gives ``name`` (a person's name as the record keeps it), as git's map_user
        finds them: by its e-mail, then by the name written with it; ('', '') where the map names it not."""
        if not self._index:
            return "", ""
        ident = _IDENT.fullmatch(name)
        written, email = (ident[1], ident[2]) if ident else ("", name) if _EMAIL.fullmatch(name) else (name, "")
        found = self._index.get(email.casefold(), {})
        return found.get(person(written).casefold()) or found.get("") or ("", "")

    def proper(self, name: str) -> str:
        """Who ``name`` is by the map, to compare: its proper name, else its proper e-mail where the map gives only that;
        ``name`` itself where the map names it not.

        >>> m = read("Priya Sharma <priya@realserv.example>\\nPriya Sharma <priya@realserv.example> P. Sharma <>\\n"
        ...          "<arun@realserv.example> <arun.k@old.example>\\n", ".mailmap")[0]
        >>> m.proper("priya@realserv.example"), m.proper("P. SHARMA"), m.proper("Priya <PRIYA@realserv.example>"), m.proper("Priya")
        ('Priya Sharma', 'Priya Sharma', 'Priya Sharma', 'Priya')
        >>> m.proper("arun.k@old.example"), m.proper("Arun <arun.k@old.example>"), m.shown("Arun <arun.k@old.example>")
        ('arun@realserv.example', 'arun@realserv.example', 'Arun <arun.k@old.example>')
        """
        proper, mail = self._found(name)
        return proper or mail or name

    def alone(self) -> tuple[str, ...]:
        """Each name the map names typed without an e-mail ('Other Name <>'), case aside."""
        return tuple(name for name in self._index.get("", {}) if name)

    def addresses(self) -> tuple[str, ...]:
        """Each e-mail the map names whoever writes it, typed alone too ('Proper Name <email>', '<proper> <email>'), case aside."""
        return tuple(email for email, names in self._index.items() if email and "" in names)

    def shown(self, name: str) -> str:
        """``name`` as a person's recordings are listed under it: the proper name the map gives, else as it was typed
        (a proper e-mail is compared, never shown where it was not typed)."""
        return self._found(name)[0] or name


def read(text: str, file: str) -> tuple[Mailmap, list[Issue]]:
    r"""The map a .mailmap's ``text`` says, and a warning at each line git would skip (a map that says less than its
    writer meant is said, not silent). Lines starting with '#' are comments, as for git. Lines end at each line feed,
    as git reads the file (str.splitlines ended them at a return, a form feed, U+0085, U+2028 and U+2029 too: a comment
    '# old\u2028Priya <p@x> <x@y>' mapped x@y here, nothing for git); a line that holds another line break (a lone
    return, U+2028), which an editor may show as two, is said and skipped, as one with a control character is.

    >>> m, said = read("# old\u2028P <p@x> <x@y>\r\nA <a@x> <b@y>\r\n", ".mailmap")
    >>> m.proper("x@y"), m.proper("b@y"), [issue.loc.line for issue in said]
    ('x@y', 'A', [])
    """
    found: dict[str, dict[str, tuple[str, str]]] = {}
    issues: list[Issue] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")  # a file saved with CRLF endings: the return is blank after the last '>' to git
        if not line.strip() or line.startswith("#"):
            continue
        first = _IDENT.match(line.strip())
        if first is None or not first[2]:
            issues.append(Issue(Loc(file, number, 1), "this line of the mailmap maps no one: it names no '<email>' first", HINT, Severity.WARNING))
            continue
        if any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in line) or len(line) > 2 * MAX_TEXT:  # names the pages show
            said = "this line of the mailmap holds a control character or a line break that git reads as part of the line, or is too long"
            issues.append(Issue(Loc(file, number, 1), said, HINT, Severity.WARNING))
            continue
        rest = line.strip()[first.end() :]
        second = _IDENT.match(rest)
        name, email = first[1], first[2]
        if second is None:  # 'Proper Name <email>': every author with this e-mail is Proper Name
            if rest.strip():
                issues.append(Issue(Loc(file, number, 1), "this line of the mailmap has text after its e-mail that is no '<email>'", HINT, Severity.WARNING))
            found.setdefault(email.casefold(), {})[""] = (name, "")
            continue
        found.setdefault(second[2].casefold(), {})[person(second[1]).casefold()] = (name, email)
    emails = tuple(sorted((email, tuple(sorted((n, *proper) for n, proper in names.items()))) for email, names in found.items()))
    return Mailmap(emails), issues


def path_of(root: Path) -> tuple[Path, str]:
    """Where the project's .mailmap is, and its name in messages: beside mkdocs.yml, else in a folder above it up to the
    top of the git work tree holding the project (where git reads it: a project in a folder of a larger repository
    shares its map); never above that, nor above the project outside git."""
    top = _top(root)
    for folder in (root, *root.parents):
        if (folder / MAILMAP).is_file():
            return folder / MAILMAP, os.path.relpath(folder / MAILMAP, root)
        if folder == top:
            break
    return root / MAILMAP, MAILMAP


def _top(root: Path) -> Path:
    """The top of the git work tree holding the project, else the project: the folders a .mailmap may be read from."""
    return next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), root)


def _resolved(path: Path) -> Path | None:
    """Where ``path`` leads, or None where it cannot be followed (a loop of links: read_outside says so)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def of_project(root: Path) -> tuple[Mailmap, list[Issue]]:
    """The project's .mailmap (:func:`path_of`), else an empty map. One that is a symbolic link leading out of the
    folders it may be in (git keeps a link as it is: a project fetched from others may link it to ~/.aws/credentials,
    whose lines a warning would quote) is not read, as a data file linked so is not."""
    from .load import read_outside

    path, shown = path_of(root)
    if not os.path.lexists(path):
        return Mailmap(), []
    top, target = _top(root).resolve(), _resolved(path)
    if target is not None and target != top and top not in target.parents:
        hint = "make it a file of the project (git keeps a link as it is: a link in a project fetched from others may name any file)"
        return Mailmap(), [Issue(Loc(shown), f"skipped: a symbolic link to {target}, outside the project: not read", hint, Severity.WARNING)]
    raw, issue = read_outside(path, shown)  # a regular file only, within the size limit: a FIFO waited for ever, /dev/zero never ended
    try:
        text = raw.decode("utf-8") if raw is not None else ""
    except UnicodeDecodeError as e:
        issue = Issue(Loc(shown), f"not UTF-8: {e}")
    if issue is not None:
        return Mailmap(), [Issue(issue.loc, f"not read: {issue.message}", "make it a readable UTF-8 text file, or remove it", Severity.WARNING)]
    return read(text, shown)
