"""A large checklist's sections converted in two processes: the same load, its second half done beside.

Loading a checklist is composing its YAML (a tenth of the time, in C), converting the composed
nodes into the data's tree with their locations, building the model, and checking it. At 10,000
items that is 0.35 s, on the critical path of a first build. Each entry of ``sections:`` converts
and builds alone (``incremental.py`` relies on it: an edited section is converted at its depth, by
the same code, and the result is the full load's), so once the file is composed, the entries of
its second half can be converted and built by another process while this one does the rest.

Correct by construction: both processes work on the very nodes the full load composes (the other
process is forked after composing, and gets them by fork), with the full load's functions; only
where each entry is converted differs. Whatever is unusual falls back to the full load, which then
reports what is wrong in its own words: a file with anchors, a root that is not a mapping or has
no ``sections:`` list, too few sections to be worth it, and any issue at all in either half.

Composing is split too where the text allows (:func:`halves`): composing the whole file took 0.13-0.2 s at 10,000
items, before the other process could start. Where the ``sections:`` list is the file's last top-level key, written
as a block sequence, and the file's only line breaks are ``\n`` (YAML counts others, and Python others still), the
text is cut before one of its entries, at the start of a line: this process composes the head (the file up to that
entry) while the other composes the tail (the entries from it, after a ``sections:`` line on the line before, and
as many line breaks before that as the file has before it, so that every node is composed at its line and column in
the file). An entry's line starting at the list's indentation ends whatever the entry before it holds (a block scalar,
a plain scalar, a nested collection); a quoted scalar or a flow collection still open there (YAML's reader is lenient
with their lines' indentation) leaves the head unclosed, which does not compose. So each half composes exactly the
entries it holds, or fails; each half must hold as many entries as the text has entry lines on its side, or the file
is composed whole as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import Issue
from .load import Loader, _convert, _TooDeep, conflict, has_anchor
from .model import Checklist, Section
from .schema import CHECKLIST, Converter
from .types import FilePath
from .validate import Loaded, _kind, check

_SECTION = CHECKLIST.field("sections").type.spec  # type: ignore[union-attr]
MIN_SECTIONS = 8  # fewer: not worth a second process
THEIRS = 0.45  # the share of the sections converted beside (this process also checks it all; the other goes on with the caller's work)


def _text(raw: bytes) -> str | None:
    """The file's text, where it is one to split: UTF-8 (a byte-order mark dropped), without anchors and aliases (an
    alias may join the halves) or a merge conflict, which the full load refuses; else None."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    return None if has_anchor(text) or conflict(text, "") is not None else text


def _sections(text: str, entries: Callable[[int], bool]) -> tuple[yaml.MappingNode, yaml.SequenceNode] | None:
    """``text`` composed, and its one ``sections:`` list, whose number of entries ``entries`` accepts; else None."""
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [value for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == "sections"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or not entries(len(found[0].value)):
        return None
    return root, found[0]


def compose(raw: bytes) -> tuple[yaml.MappingNode, yaml.SequenceNode] | None:
    """The composed file and its ``sections:`` list, or None when the file is not one to split (the full load then reads it)."""
    text = _text(raw)
    return None if text is None else _sections(text, lambda n: n >= MIN_SECTIONS)


def split_at(sections: yaml.SequenceNode) -> int:
    """Where the sections this process converts end (the rest are converted beside)."""
    return max(1, round(len(sections.value) * (1 - THEIRS)))


_OTHER_BREAKS = "\r\x85\u2028\u2029\x0b\x0c\x1c\x1d\x1e"  # line breaks to YAML or to Python besides '\n'
_SECTIONS_LINE = re.compile(r"\nsections:[ ]*(?:#[^\n]*)?\n")  # the key at no indentation, with nothing after it on its line
_FIRST_ENTRY = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*( *)-(?=[ \n])")  # blank and comment lines, then the first entry's dash


def halves(text: str) -> tuple[str, str, int, int] | None:
    r"""``text`` cut between two entries of its ``sections:`` list, where that list is its last top-level key: (the head,
    up to the entry; the tail, composed at the lines and columns of the file; the entries in each); None where it is not
    cut so (the file is composed whole).

    >>> text = "title: T\nsections:\n" + "".join(f"  - id: s{n}\n    title: S\n" for n in range(10))
    >>> head, tail, mine, theirs = halves(text)
    >>> (mine, theirs, head.count("\n"), tail.startswith("\n" * 13 + "sections:\n  - id: s6\n"))
    (6, 4, 14, True)
    >>> halves(text + "runs: []\n") is None, halves(text.replace("\n", "\r\n")) is None
    (True, True)
    """
    if any(other in text for other in _OTHER_BREAKS) or text.startswith("sections:"):
        return None
    keys = list(_SECTIONS_LINE.finditer(text))  # (every expression here starts with a line break: found fast, as a string)
    if len(keys) != 1:
        return None
    start = keys[0].end()
    first = _FIRST_ENTRY.match(text, start)
    if first is None:
        return None
    indent = len(first.group(1))
    # a line less indented than the entries (or, at no indentation, one not an entry) that is no blank or comment line:
    # another key after the list, a document's end, a tab: not cut
    after = re.compile(rf"\n {{0,{indent - 1}}}(?=[^ \n#])" if indent else r"\n(?=[^ \n#-])|\n-(?=[^ \n])")
    if after.search(text, first.start(1)):
        return None
    entries = [m.start() + 1 for m in re.compile(rf"\n {{{indent}}}-(?=[ \n])").finditer(text, start - 1)]  # their lines' starts
    if len(entries) < MIN_SECTIONS:
        return None
    at = max(1, round(len(entries) * (1 - THEIRS)))
    cut = entries[at]
    head = text[:cut]
    lines = head.count("\n")  # the entry's line (0-based): the tail's ``sections:`` line is the one before it
    return head, "\n" * (lines - 1) + "sections:\n" + text[cut:], at, len(entries) - at


def compose_sections(tail: str, count: int, source: str) -> list[Section] | None:
    """The sections of ``tail`` (:func:`halves`) as the full load builds them, composed here; None unless it composes to
    a ``sections:`` list of ``count`` entries and nothing else, or on any issue."""
    composed = _sections(tail, lambda n: n == count)
    if composed is None or len(composed[0].value) != 1:
        return None
    return convert_sections(list(composed[1].value), source)


def convert_sections(entries: list[yaml.Node], source: str) -> list[Section] | None:
    """The sections of ``entries`` (nodes of the ``sections:`` list) as the full load builds them; None on any issue."""
    built: list[Section] = []
    for entry in entries:
        issues: list[Issue] = []
        try:
            node = _convert(entry, source, set(), issues, 2)  # at the depth of the full tree: checklist, sections, entry
        except _TooDeep:
            return None
        if issues:
            return None
        converter = Converter()
        section = converter.build(_SECTION, node, _SECTION.name)
        if section is None or converter.issues:
            return None
        built.append(section)
    return built


def load_split(path: Path, raw: bytes, display: str, beside: Callable[..., Any], first: Callable[[], object] = lambda: None) -> Loaded | None:
    """The checklist of ``raw`` (a file whose kind is the checklist's) as :func:`validate.load_data_file` loads it, the second
    half of its sections converted by ``beside(convert_sections, entries, display)`` (an object whose ``result()`` gives them:
    ``beside.Beside``), ``first()`` run before that process starts (work of the caller's that the other process then
    finds done, such as imports); None when it is not one to split or anything is unusual (load it whole then)."""
    cut = _cut(raw)
    if cut is not None:
        return _load_halves(path, display, cut, beside, first)
    composed = compose(raw)
    if composed is None:
        return None
    root, sections = composed
    if _kind(path, {key.value for key, _ in root.value if isinstance(key, yaml.ScalarNode)})[0] is not CHECKLIST:
        return None  # a runbook or status file, or a record entry
    entries = list(sections.value)
    at = split_at(sections)
    first()
    other = beside(convert_sections, entries[at:], display)
    try:
        sections.value = entries[:at]  # this process's copy of the nodes: the other has its own, from before
        mine = _checklist(root, display)
    finally:
        sections.value = entries
    theirs = other.result()
    return _joined(mine, theirs, display)


def _cut(raw: bytes) -> tuple[str, str, int, int] | None:
    """:func:`halves` of the file's text, where :func:`compose` would compose it (UTF-8, no anchor, no conflict)."""
    text = _text(raw)
    return None if text is None else halves(text)


def _load_halves(path: Path, display: str, cut: tuple[str, str, int, int], beside: Callable[..., Any], first: Callable[[], object]) -> Loaded | None:
    """:func:`load_split` of a file cut in two (:func:`halves`): the tail composed and converted by the other process,
    the head here."""
    head, tail, mine_count, theirs_count = cut
    first()
    other = beside(compose_sections, tail, theirs_count, display)
    try:
        composed = _sections(head, lambda n: n == mine_count)
        if composed is None:
            return None
        root = composed[0]
        if _kind(path, {key.value for key, _ in root.value if isinstance(key, yaml.ScalarNode)})[0] is not CHECKLIST:
            return None
        mine = _checklist(root, display)
        theirs = other.result()
    finally:
        cancel = getattr(other, "cancel", None)
        if cancel is not None:
            cancel()  # (once its value is taken: nothing to stop)
    return _joined(mine, theirs, display)


def _joined(mine: Checklist | None, theirs: list[Section] | None, display: str) -> Loaded | None:
    """The checklist of this process's sections and the other's, numbered in order, and its issues; None if either failed."""
    if mine is None or theirs is None:
        return None
    numbered = tuple(dataclasses.replace(s, number=n) for n, s in enumerate((*mine.sections, *theirs), 1))
    checklist = dataclasses.replace(mine, sections=numbered, source=FilePath(display))
    return checklist, list(check(checklist))


def _checklist(root: yaml.MappingNode, display: str) -> Checklist | None:
    issues: list[Issue] = []
    try:
        tree = _convert(root, display, set(), issues, 0)
    except _TooDeep:
        return None
    if issues:
        return None
    converter = Converter()
    loaded = converter.build(CHECKLIST, tree, "the checklist")
    return loaded if isinstance(loaded, Checklist) and not converter.issues else None
