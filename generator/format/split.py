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
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import Issue
from .load import _ANCHOR, Loader, _convert, _TooDeep, conflict
from .model import Checklist, Section
from .schema import CHECKLIST, Converter
from .types import FilePath
from .validate import Loaded, _kind, check

_SECTION = CHECKLIST.field("sections").type.spec  # type: ignore[union-attr]
MIN_SECTIONS = 8  # fewer: not worth a second process
THEIRS = 0.45  # the share of the sections converted beside (this process also checks it all; the other goes on with the caller's work)


def compose(raw: bytes) -> tuple[yaml.MappingNode, yaml.SequenceNode] | None:
    """The composed file and its ``sections:`` list, or None when the file is not one to split (the full load then reads it)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    if _ANCHOR.search(text) or conflict(text, "") is not None:
        return None  # anchors and aliases (an alias may join the halves), a merge conflict: the full load refuses them
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    found = [value for key, value in root.value if isinstance(key, yaml.ScalarNode) and key.value == "sections"]
    if len(found) != 1 or not isinstance(found[0], yaml.SequenceNode) or len(found[0].value) < MIN_SECTIONS:
        return None
    return root, found[0]


def split_at(sections: yaml.SequenceNode) -> int:
    """Where the sections this process converts end (the rest are converted beside)."""
    return max(1, round(len(sections.value) * (1 - THEIRS)))


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
