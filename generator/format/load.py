"""Read YAML safely into a tree of nodes that remember their line and column.

Data files are parsed here only, for checking and building (``progress/edit.py`` round-trips a
status file with ruamel.yaml to edit it in place). Nothing is constructed from tags: the tree holds
plain scalars, mappings and sequences, and every problem becomes an Issue instead of an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple, Union
import re

import yaml

from ..errors import Issue, Loc

_YAML = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML has it (its wheels do): ten times faster, same marks and errors.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ANCHOR = re.compile(r"(^|[\s\[{,:-])&[^\s,\[\]{}]")
SAFE_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
MAX_BYTES = 5 * 1024 * 1024


# Named tuples, not frozen dataclasses: one per YAML node, and a tuple is built several times faster.
class Scalar(NamedTuple):
    value: str
    kind: str  # str, int, float, bool, null, timestamp
    loc: Loc


class Mapping(NamedTuple):
    entries: tuple[tuple[Scalar, "Node"], ...]
    loc: Loc


class Sequence(NamedTuple):
    items: tuple["Node", ...]
    loc: Loc


Node = Union[Scalar, Mapping, Sequence]


def _loc(file: str, mark: yaml.Mark | None) -> Loc:
    if mark is None:
        return Loc(file)
    return Loc(file, mark.line + 1, mark.column + 1)


def load_text(text: str, file: str) -> tuple[Node | None, list[Issue]]:
    """Parse one YAML document; return its node tree (None when unusable) and the issues found."""
    if text.startswith("\ufeff"):
        text = text[1:]
    issues: list[Issue] = []
    try:
        # Aliases are refused before anything is composed, so an alias bomb never expands.
        # An alias needs an anchor: only a file with one is scanned for aliases first.
        aliases = [e for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.AliasEvent)] if _ANCHOR.search(text) else []
        if aliases:
            more = f" (and {len(aliases) - 1} more)" if len(aliases) > 1 else ""
            first = aliases[0]
            return None, [Issue(_loc(file, first.start_mark), f"YAML alias '*{first.anchor}' is not supported{more}", "write the value out in full instead of referring to an anchor")]
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        at = ""
        if mark is not None:
            lines = text.splitlines()
            if mark.line < len(lines):
                at = lines[mark.line][mark.column : mark.column + 1]
        if at == "\t" or "'\\t'" in problem:
            problem, context = "a tab character, which YAML does not allow for indentation", ""
        elif any(m in problem for m in ("expected <block end>", "did not find expected '-' indicator", "did not find expected key")) or "expected <block end>" in (exc.context or ""):
            problem, context = "this line's indentation does not line up with the lines above", ""
        elif "expected a single document" in (exc.context or ""):
            problem, context = "the file holds more than one document ('---')", ""
        hint = "check quotes, colons and indentation on this line and the one above"
        if "indentation does not line up" in problem:
            hint = "indent the keys of one mapping, and the '- ' of one list, by the same number of spaces"
        elif "tab character" in problem:
            hint = "YAML does not allow tabs for indentation; indent with spaces"
        elif "more than one document" in problem:
            hint = "keep one checklist per file, without '---' separators"
        elif "quoted scalar" in (exc.context or ""):
            hint = "close the quote that opens here"
        elif "mapping values are not allowed" in problem:
            hint = "a text containing ': ' must be quoted, e.g. text: \"Step: do this\""
        return None, [Issue(_loc(file, mark), f"YAML syntax error: {problem}{context}", hint)]
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        return None, [Issue(Loc(file, 1, 1), f"YAML error: {exc}", "remove control characters from the file")]
    if root is None:
        return None, [Issue(Loc(file, 1, 1), "the file is empty", "start it with 'id:', 'title:' and 'sections:'")]
    seen: set[int] = set()
    tree = _convert(root, file, seen, issues)
    return tree, issues


def _convert(node: yaml.Node, file: str, seen: set[int], issues: list[Issue]) -> Node:
    mark = node.start_mark
    loc = Loc(file, mark.line + 1, mark.column + 1)
    if id(node) in seen:
        issues.append(Issue(loc, "YAML aliases (*name) are not supported", "write the value out in full instead of referring to an anchor"))
        return Scalar("", "null", loc)
    seen.add(id(node))
    if node.tag not in SAFE_TAGS:
        if node.tag == _YAML + "merge":
            issues.append(Issue(loc, "YAML merge keys ('<<') are not supported", "write the keys out in full"))
        else:
            issues.append(
                Issue(loc, f"unsafe or unknown YAML tag '{node.tag}' is not allowed", "remove the tag: checklist files hold plain text, numbers, lists and mappings only")
            )
        return Scalar("", "null", loc)
    if isinstance(node, yaml.MappingNode):
        entries: list[tuple[Scalar, Node]] = []
        first: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, file, seen, issues)
            value = _convert(value_node, file, seen, issues)
            if not isinstance(key, Scalar):
                issues.append(Issue(key.loc, "a key must be plain text", "use 'name: value' pairs"))
                continue
            if key.value in first:
                issues.append(
                    Issue(key.loc, f"duplicate key '{key.value}' (first set at line {first[key.value].line})", "remove one of them: YAML would silently keep only the last")
                )
                continue
            first[key.value] = key.loc
            entries.append((key, value))
        return Mapping(tuple(entries), loc)
    if isinstance(node, yaml.SequenceNode):
        return Sequence(tuple(_convert(child, file, seen, issues) for child in node.value), loc)
    kind = node.tag[len(_YAML):]
    return Scalar(str(node.value), kind, loc)


def load_file(path: Path, display: str | None = None) -> tuple[Node | None, list[Issue]]:
    """Read ``path`` as UTF-8 YAML; ``display`` is how the path appears in messages."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Issue(Loc(name), f"cannot read the file: {exc.strerror}", "check the path and its permissions")]
    if len(raw) > MAX_BYTES:
        return None, [Issue(Loc(name, 1, 1), f"the file is {len(raw)} bytes, over the {MAX_BYTES}-byte limit", "split the checklist into several files")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Issue(Loc(name, line, column), f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "re-save the file with UTF-8 encoding")]
    return load_text(text, name)


def load_documents(text: str, file: str) -> tuple[list[Node], list[Issue]]:
    """Parse a stream of '---'-separated documents (as Kubernetes manifests come); empty ones are skipped.

    Each document is parsed by load_text on its own lines, the others blanked, so every location
    stays the line and column in the whole file.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        starts = [e.start_mark.line for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.DocumentStartEvent)]
    except yaml.YAMLError:
        starts = []
    if len(starts) < 2:  # one document, or a syntax error that load_text reports with its location
        node, issues = load_text(text, file)
        return ([node] if node is not None else []), issues
    lines = text.splitlines(keepends=True)
    nodes: list[Node] = []
    issues: list[Issue] = []
    for first, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        part = "".join(lines[first:end])
        if not part.strip() or part.strip() in ("---", "..."):
            continue
        node, found = load_text("\n" * first + part, file)
        if node is None and found and found[0].message == "the file is empty":
            continue
        issues += found
        if node is not None:
            nodes.append(node)
    return nodes, issues
