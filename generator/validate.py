"""Turn data files into checked Checklists: every problem is reported, nothing is changed."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterator

from .errors import Issue, Loc
from .load import load_file
from .model import Checklist
from .schema import CHECKLIST, Converter

# Page names the generator uses for its own pages inside a checklist's folder.
RESERVED_PAGES = {"index", "critical", "final-signoff", "sheets", "packet"}
_LINK_SCHEME = re.compile(r"\]\(\s*<?\s*([A-Za-z][A-Za-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def data_files(path: Path) -> list[Path]:
    """The checklist files at ``path``: the file itself, or the *.yaml/*.yml files in the folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def load_checklist(path: Path, display: str) -> tuple[Checklist | None, list[Issue]]:
    tree, issues = load_file(path, display)
    if tree is None or issues:
        return None, issues
    converter = Converter()
    checklist = converter.build(CHECKLIST, tree, "the checklist")
    if checklist is None or converter.issues:
        return None, converter.issues
    sections = tuple(dataclasses.replace(s, number=n) for n, s in enumerate(checklist.sections, 1))
    checklist = dataclasses.replace(checklist, sections=sections, source=display)
    return checklist, list(check(checklist))


def _anchors(c: Checklist) -> Iterator[tuple[str, str, Loc]]:
    """Every id of a checklist with what it names; they share one namespace of URL anchors."""
    for item in c.instructions:
        for sub in item.walk():
            yield sub.id, "item", sub.loc
    for block in (*c.sections, *c.parts):
        yield block.id, "section" if block in c.sections else "page", block.loc
        for group in block.groups:
            yield group.id, "group", group.loc
            for sub in group.lists:
                yield sub.id, "list", sub.loc
            for item in group.all_items():
                yield item.id, "item", item.loc
    if c.final_signoff:
        yield c.final_signoff.approval.id, "approval table", c.final_signoff.approval.loc
        for role in c.final_signoff.approval.roles:
            yield role.id, "role", role.loc
        yield c.final_signoff.decision.id, "decision", c.final_signoff.decision.loc
        for option in c.final_signoff.decision.options:
            yield option.id, "option", option.loc
    if c.rollback:
        yield c.rollback.id, "page", c.rollback.loc
        for step in c.rollback.steps:
            yield step.id, "step", step.loc


def _texts(c: Checklist) -> Iterator[tuple[str, Loc]]:
    for item in c.instructions:
        for sub in item.walk():
            yield sub.text, sub.loc
    for block in (*c.sections, *c.parts):
        for group in block.groups:
            for item in group.all_items():
                yield item.text, item.loc
    if c.rollback:
        for step in c.rollback.steps:
            yield step.text, step.loc


def check(c: Checklist) -> Iterator[Issue]:
    """Rules across the whole checklist: unique ids, reserved names, safe links."""
    first: dict[str, tuple[str, Loc]] = {}
    for ident, kind, loc in _anchors(c):
        if ident in first:
            other_kind, other = first[ident]
            yield Issue(loc, f"duplicate id '{ident}': the {other_kind} at {other} has it too", "ids are URL anchors and must be unique in a checklist; rename this one")
        else:
            first[ident] = (kind, loc)
    pages = [(s.id, s.loc) for s in c.sections] + [(p.id, p.loc) for p in c.parts] + ([(c.rollback.id, c.rollback.loc)] if c.rollback else [])
    for ident, loc in pages:
        if ident in RESERVED_PAGES:
            yield Issue(loc, f"id '{ident}' is reserved for a page the generator makes", f"choose another id than {', '.join(sorted(RESERVED_PAGES))}")
    for text, loc in _texts(c):
        for scheme in _LINK_SCHEME.findall(text):
            if scheme.lower() not in _SAFE_SCHEMES:
                yield Issue(loc, f"links to '{scheme}:' addresses are not allowed", "links may point to http(s):, mailto: or relative addresses only")


def load_all(paths: list[tuple[Path, str]]) -> tuple[list[Checklist], list[Issue]]:
    """Load and check every file; checklist ids must be unique across files."""
    checklists: list[Checklist] = []
    issues: list[Issue] = []
    for path, display in paths:
        checklist, found = load_checklist(path, display)
        issues += found
        if checklist is not None:
            checklists.append(checklist)
    seen: dict[str, Checklist] = {}
    for c in checklists:
        if c.id in seen:
            issues.append(Issue(c.loc, f"duplicate checklist id '{c.id}': {seen[c.id].source} uses it too", "each checklist needs its own id; it names the checklist's folder in URLs"))
        seen[c.id] = c
    if not paths:
        issues.append(Issue(Loc("data"), "no checklist files (*.yaml) found", "add a checklist file, e.g. data/launch.yaml"))
    return checklists, issues
