"""A checklist checked again after an edit inside one section: that section's lines parsed again, the rest reused.

`serve` checks data/ on every edit, and an edit usually changes one item: at 10,000 items the
checklist is 1 MB of YAML and 0.45 s to load. When the last load of the file was clean and the
bytes that changed lie inside one section's entry of the ``sections:`` list, only that entry is
parsed and converted, at its own lines; what follows it in the file moves by the lines the edit
added or removed (its locations only); the checklist-wide rule (unique ids) then runs on the whole
checklist as the full load runs it. Everything else is the full load: an edit elsewhere, and every
edit whose entry does not load cleanly, so an error is always reported by the full loader, in its
words and at its place. The sections above the edit are the very objects of the last load (and
those below it too, when no line was added or removed), which lets `serve` keep what it made of
them (``site/memo.py``).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any, Mapping, TypeVar

import yaml

from ..errors import Issue, Loc
from .load import MAX_BYTES, Loader, _convert, _TooDeep, conflict, has_anchor
from .model import Checklist, Section
from .schema import CHECKLIST, Converter
from .validate import FileCache, Loaded, check

_SECTION = CHECKLIST.field("sections").type.spec  # type: ignore[union-attr]
_ENTRY = re.compile(rb"( *)-( +)")  # a section's first line: the list's dash, then its first key
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks YAML counts besides \n: lines would be numbered otherwise here
_STEP = 1 << 16
T = TypeVar("T")


def common_prefix(a: bytes, b: bytes) -> int:
    """How many bytes ``a`` and ``b`` share at their start (compared a block at a time, in C).

    >>> common_prefix(b"abcdef", b"abcxef"), common_prefix(b"ab", b"abc"), common_prefix(b"", b"x")
    (3, 2, 0)
    """
    n, at = min(len(a), len(b)), 0
    while at < n and a[at : at + _STEP] == b[at : at + _STEP]:
        at += _STEP
    if at >= n:
        return n
    lo, hi = at, min(at + _STEP, n)  # a[:lo] == b[:lo]; they differ before hi
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid
    return lo if a[lo : lo + 1] != b[lo : lo + 1] else hi


class Incremental(FileCache):
    """:class:`validate.FileCache` that checks a changed checklist again by :func:`reparse` where it can."""

    def __init__(self) -> None:
        super().__init__()
        self.reparsed = 0  # edits checked by parsing one section again (tests and benchmarks read it)

    def load(self, path: Path, display: str) -> Loaded:
        kept = self.kept.get((path, display))
        if kept is not None and isinstance(kept[1][0], Checklist):  # it loaded and converted cleanly (its issues, if any, are check()'s)
            try:
                now = path.read_bytes()
            except OSError:
                return super().load(path, display)
            found = reparse(kept[0], now, kept[1][0]) if now != kept[0] else None
            if found is not None:
                self.reparsed += 1
                self.kept[(path, display)] = (now, (found[0], list(found[1])))
                return found
        return super().load(path, display)


def reparse(before: bytes, after: bytes, c: Checklist) -> Loaded | None:
    """``c`` (loaded cleanly from ``before``) as the full load of ``after`` gives it, parsing only the section the edit is in;
    None when the edit is not one such section's alone, or that section does not load cleanly (then the full load tells why)."""
    if len(after) > MAX_BYTES or not c.sections:
        return None
    try:
        text = after.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if any(mark in text for mark in _OTHER_BREAKS):
        return None
    start = common_prefix(before, after)
    tail = common_prefix(before[::-1], after[::-1])
    tail = min(tail, len(before) - start, len(after) - start)  # the changed bytes: before[start:len(before)-tail], after[start:len(after)-tail]
    moved = after.count(b"\n", start, len(after) - tail) - before.count(b"\n", start, len(before) - tail)  # lines added (removed: < 0)
    lines = [s.loc.line for s in c.sections]
    k = bisect_right(lines, after.count(b"\n", 0, start) + 1) - 1  # the last section starting at or above the edit's line
    if k < 0:
        return None
    span = _entry(after, lines[k], c.sections[k].loc.column, lines[k + 1] + moved if k + 1 < len(lines) else None)
    if span is None or span[1] < len(after) - tail:
        return None
    if k + 1 < len(lines) and not _kept_from(before, after, span[1], tail):
        return None
    if k + 1 == len(lines):  # the last section: it ended at the same line of the unchanged end before (not at a line the edit indented)
        was = _entry(before, lines[k], c.sections[k].loc.column, None)
        if was is None or was[1] + len(after) - len(before) != span[1]:
            return None
    section = _section(after[span[0] : span[1]].decode("utf-8"), lines[k], c.source)
    if section is None:
        return None
    below = after.count(b"\n", 0, span[1]) + 1 - moved  # the first line after the entry, as the last load numbered it
    sections = (*c.sections[:k], dataclasses.replace(section, number=k + 1), *(_shifted(s, below, moved) for s in c.sections[k + 1 :]))
    rest = {f.name: _shifted(getattr(c, f.name), below, moved) for f in dataclasses.fields(c) if f.name not in ("sections", "loc", "places")}
    rest["places"] = _moved(c.places, below, moved)
    checklist = dataclasses.replace(c, **rest, sections=sections)
    return checklist, list(check(checklist))


def _kept_from(before: bytes, after: bytes, at: int, tail: int) -> bool:
    """Whether ``after`` from ``at`` (the line of the next entry) is ``before`` from the same line: the same bytes, and
    starting a line there too. An edit that removed the line break and a space before the next entry left its bytes
    the same but its dash one column to the left, which the full load refuses (the entries no longer line up) and the
    section parsed alone did not see.

    >>> _kept_from(b"a\\n\\n  - b", b"a\\n - b", 2, 4), _kept_from(b"a\\n  - b", b"ax\\n  - b", 3, 6)
    (False, True)
    """
    old = at + len(before) - len(after)
    return len(after) - at <= tail and (old == 0 or before[old - 1 : old] == b"\n")


def _shifted(value: T, below: int, by: int) -> T:
    """``value`` (a model object, a tuple of them, or a plain value) with every location from line ``below`` on moved ``by``
    lines, as the lines added or removed above it move it; what does not move is given back as it was, the same object."""
    if not by:
        return value
    if isinstance(value, tuple) and type(value) is tuple:
        moved = tuple(_shifted(x, below, by) for x in value)
        return value if all(a is b for a, b in zip(moved, value, strict=True)) else moved  # type: ignore[return-value]
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        old = getattr(value, f.name)
        new: Any
        if f.name == "loc" and isinstance(old, Loc):
            new = old._replace(line=old.line + by) if old.line >= below else old
        elif f.name == "places":
            new = _moved(old, below, by)
        else:
            new = _shifted(old, below, by)
        if new is not old:
            changes[f.name] = new
    return dataclasses.replace(value, **changes) if changes else value


def _moved(places: Mapping[str, Loc], below: int, by: int) -> Mapping[str, Loc]:
    """An object's ``places`` with those from line ``below`` on moved ``by`` lines (the same mapping when none moves)."""
    if all(at.line < below for at in places.values()):
        return places
    return {key: at._replace(line=at.line + by) if at.line >= below else at for key, at in places.items()}


def _entry(text: bytes, line: int, column: int, following: int | None) -> tuple[int, int] | None:
    """Where the ``sections:`` entry whose mapping starts at ``line``:``column`` lies in ``text``: (first byte, end), its
    lines from its dash to the first line after it that is not blank, not a comment and indented no more than the dash
    (the next entry, which must be at line ``following`` when there is one, or the next top-level key)."""
    at = 0
    for _ in range(line - 1):
        at = text.index(b"\n", at) + 1
    first = _ENTRY.match(text, at)
    if first is None or first.end() - at != column - 1:
        return None
    dash, end, number = len(first.group(1)), text.find(b"\n", at) + 1, line + 1
    while end and end < len(text):
        nxt = text.find(b"\n", end) + 1 or len(text)
        row = text[end:nxt].rstrip(b"\n")
        body = row.lstrip(b" ")
        if body and not body.startswith(b"#") and len(row) - len(body) <= dash:
            return (at, end) if following is None or number == following else None
        end, number = nxt, number + 1
    return (at, len(text)) if following is None else None


def _section(entry: str, line: int, source: str) -> Section | None:
    """The section of one ``sections:`` entry (its lines, the first at ``line``), as the full load builds it; None on any problem."""
    if has_anchor(entry) or conflict(entry, source) is not None:
        return None  # anchors and aliases, a merge conflict: the full load refuses them, with its own message
    try:
        root = yaml.compose("\n" * (line - 1) + entry, Loader=Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
        return None
    issues: list[Issue] = []
    try:
        node = _convert(root.value[0], source, set(), issues, 2)  # at the depth of the full tree: checklist, sections, entry
    except _TooDeep:
        return None
    if issues:
        return None
    converter = Converter()
    built = converter.build(_SECTION, node, _SECTION.name)
    return None if built is None or converter.issues else built
