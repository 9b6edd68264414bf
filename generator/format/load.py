"""Read YAML safely into a tree of nodes that remember their line and column, within size and depth limits.

Data files are parsed here for checking and building, record entries too (``progress/record.py``
parses each entry it writes here before writing it). Nothing is constructed from tags: the tree
holds plain scalars, mappings and sequences, and every problem becomes an Issue instead of an exception.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, NamedTuple, Union

import yaml
import yaml.composer

from ..errors import Issue, Loc

_YAML = "tag:yaml.org,2002:"
# libyaml's parser when PyYAML has it (its wheels do): ten times faster, same marks and errors.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_AMPERSAND = re.compile(r"&[^\s,\[\]{}]")  # an '&' with a name after it: an anchor, where a blank or one of '[{,:-' is before it


def has_anchor(text: str) -> bool:
    r"""Whether ``text`` may hold a YAML anchor: an '&' with a name after it, at the start or after a blank or one of
    '[{,:-' (the regular expression ``(^|[\s\[{,:-])&[^\s,\[\]{}]``, found by its '&' first: 0.3 ms on a 10,000-item
    file, against 20 ms for the expression, which tries each character).

    >>> has_anchor("a: &x 1"), has_anchor("&x"), has_anchor("- [&y]"), has_anchor("Auth & Z"), has_anchor("a&b")
    (True, True, True, False, False)
    """
    return any(m.start() == 0 or text[m.start() - 1] in "[{,:-" or text[m.start() - 1].isspace() for m in _AMPERSAND.finditer(text))
SAFE_TAGS = {_YAML + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
MAX_BYTES = 5 * 1024 * 1024  # a data file's size limit: ten times the largest real checklist
MAX_DEPTH = 50  # YAML nesting limit: a checklist needs about fifteen levels


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


def _loc(file: str, mark: Any) -> Loc:  # a yaml.Mark (of the pure-Python or the C reader), or None
    if mark is None:
        return Loc(file)
    return Loc(file, mark.line + 1, mark.column + 1)


# PyYAML's problems in the user's terms: (its fixed wording begins with, what we say, hint). One table, one place;
# a tab is recognised by the character at the mark, several documents by the error's class.
_INDENTATION = (
    "this line's indentation does not line up with the lines above",
    "indent the keys of one mapping, and the '- ' of one list, by the same number of spaces",
)
_SAYINGS = (
    ("expected <block end>", *_INDENTATION),
    ("did not find expected '-' indicator", *_INDENTATION),
    ("did not find expected key", *_INDENTATION),
    ("mapping values are not allowed", "", "a text containing ': ' must be quoted, e.g. text: \"Step: do this\""),
    ("exceeded maximum nesting depth", f"nesting deeper than YAML's limit (checklist files allow {MAX_DEPTH} levels)", "flatten the structure"),
)
_TAB = ("a tab character, which YAML does not allow for indentation", "YAML does not allow tabs for indentation; indent with spaces")
_DOCUMENTS = ("the file holds more than one document ('---')", "keep one checklist per file, without '---' separators")


def _syntax_issue(exc: yaml.MarkedYAMLError, text: str, file: str) -> Issue:
    """A located Issue for a YAML syntax error: at the mistake (a line without its colon, a quote or bracket left open, an
    entry indented unlike its neighbours), which PyYAML often finds only a line or more after it, said in the user's terms."""
    mark = exc.problem_mark or exc.context_mark
    problem, context = exc.problem or "invalid YAML", f" ({exc.context})" if exc.context else ""
    if exc.context_mark is not None and (exc.problem or "").startswith("found unexpected end of stream"):
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    hint = "check quotes, colons and indentation on this line and the one above"
    if (exc.context or "").startswith("while scanning a quoted scalar"):
        hint = "close the quote that opens here"
    lines = text.splitlines()
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    said: tuple[str, str] | None = None
    if mark is not None and ("\t" in line[mark.column : mark.column + 1] or "\t" in line[: len(line) - len(line.lstrip())]):
        said = _TAB
    elif isinstance(exc, yaml.composer.ComposerError) and exc.context_mark is not None and exc.context == "expected a single document in the stream":
        said = _DOCUMENTS
    elif mark is not None and (placed := _placed(exc, mark.line, mark.column, text, lines)) is not None:
        at, message, better = placed
        return Issue(Loc(file, at[0] + 1, at[1] + 1), f"YAML syntax error: {message}", better)
    else:
        for start, message, better in _SAYINGS:
            if problem.startswith(start) or (exc.context or "").startswith(start):
                said = (message or problem + context, better)
                break
    if said is not None:
        problem, context, hint = said[0], "", said[1]
    return Issue(_loc(file, mark), f"YAML syntax error: {problem}{context}", hint)


_QUOTE_HINT = 'put the text in double quotes, e.g. text: "Daily: review logs, then alerts"'
_NO_COLON = ("this line has no ': ' after its key", "write it as 'key: value', with a colon and a space after the key (a comment starts with '#')")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where a line's key starts: after its indentation and any '- ' of list entries it opens."""
    found = re.match(r"(?:\s*- )*\s*", line)
    return found.end() if found else 0


def _content(lines: list[str], at: int, step: int) -> int:
    """The index of the next line from ``at`` (exclusive) in direction ``step`` holding more than a comment; -1 if none."""
    at += step
    while 0 <= at < len(lines):
        bare = lines[at].strip()
        if bare and not bare.startswith("#"):
            return at
        at += step
    return -1


def _quoted_before(text: str, row: int, col: int) -> Any:
    """The last quoted text that ends at or before (row, col), when it runs over several lines: a quote left open runs on
    to the next quote of the file, and PyYAML stops only after it."""
    last = None
    try:
        for token in yaml.scan(text, Loader=Loader):
            if (token.start_mark.line, token.start_mark.column) >= (row, col):
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style in ("'", '"') and last.end_mark.line > last.start_mark.line:
        return last
    return None


Placed = tuple[tuple[int, int], str, str]  # (0-based line and column of the mistake, message, hint)


def _placed(exc: yaml.MarkedYAMLError, row: int, col: int, text: str, lines: list[str]) -> Placed | None:
    """Where a syntax error's mistake is and what to say of it, for the mistakes people make editing by hand; None for
    the others (said from _SAYINGS at PyYAML's mark)."""
    problem = exc.problem or ""
    if problem.startswith("did not find expected <document start>") and (first := _content(lines, -1, 1)) >= 0 and first < row:
        hint = "start a comment with '#', or write it as 'key: value'"
        return (first, _indent(lines[first])), "this line is neither 'key: value' nor a comment", hint
    quoted = _quoted_before(text, row, col)
    if quoted is not None and not problem.startswith("found unexpected end of stream"):
        start = quoted.start_mark
        return (
            (start.line, start.column),
            f"the quote opened here is closed only on line {quoted.end_mark.line + 1}",
            "close the quote on this line (in double quotes write a quote as \\\", in single quotes an apostrophe as \'\')",
        )
    return _in_brackets(exc, row, col, lines) or _without_colon(exc, row, col, lines) or _indented(problem, row, lines)


def _in_brackets(exc: yaml.MarkedYAMLError, row: int, col: int, lines: list[str]) -> Placed | None:
    """A '{' or '[' left open, a text in one that ends it early, a text starting with a character YAML reserves."""
    problem, opened = exc.problem or "", exc.context_mark
    if problem.startswith("did not find expected ',' or") and opened is not None:
        bracket = "{" if "}" in problem else "["
        if opened.line < row:
            close = "}" if bracket == "{" else "]"
            return (opened.line, opened.column), f"the '{bracket}' opened here is not closed", f"end it with '{close}' on this line"
        before = lines[row][:col].rstrip() if row < len(lines) else ""
        if before.endswith("'"):
            hint = "in single quotes write an apostrophe twice ('Don''t'), or use double quotes"
            return (row, col), "a text in single quotes ends at the quote before this", hint
        close = "}" if bracket == "{" else "]"
        return (row, col), f"'{bracket} ... {close}' holds entries separated by commas: a text in it holding ': ' or ', ' must be quoted", _QUOTE_HINT
    if problem.startswith("block sequence entries are not allowed"):
        return (row, col), "a list's '- ' cannot follow a key on its line", "put the text in double quotes, or start the list on the next line"
    scalar = exc.context_mark if (exc.context or "").startswith("while scanning a block scalar") else None
    if scalar is not None and scalar.line == row and problem.startswith("did not find expected comment or line break"):
        row, col = scalar.line, scalar.column  # '|' or '>' followed by text: read as the start of a block of lines
    if problem.startswith(("found character that cannot start any token", "did not find expected comment")) and row < len(lines) and col < len(lines[row]):
        char = lines[row][col]
        if char != "\t":
            text = lines[row][col:].strip()
            quoted = json.dumps(text, ensure_ascii=False)
            return (row, col), f"a text cannot start with '{char}' unless it is quoted", f"put the text in double quotes: {quoted}"
    return None


_VALUED = re.compile(r"\s*(?:- )?([^-\s:#{\[][^:#]*?):\s+(\S.*)$")  # 'key: value' on one line (in a list's entry too)


def _given_twice(lines: list[str], above: int, row: int) -> Placed | None:
    """'key: value' on line ``above``, and below it a block (lined up with the lines after it) indented under the key."""
    key = _VALUED.match(lines[above])
    if key is None or key.group(2).startswith(("|", ">", "#")) or _indent(lines[row]) <= key.start(1) or not lines[row].lstrip().startswith("- "):
        return None
    below = _content(lines, row, 1)
    if below >= 0 and _indent(lines[below]) > _indent(lines[above]) and _indent(lines[below]) != _indent(lines[row]):
        return None
    name = key.group(1)
    return (
        (above, key.start(2)),
        f"'{name}' has a value on its own line and lines indented below it too",
        f"keep one: remove what follows '{name}:' on this line, or indent the lines below like '{name}'",
    )


def _without_colon(exc: yaml.MarkedYAMLError, row: int, col: int, lines: list[str]) -> Placed | None:
    """A key written without its ':' (PyYAML stops at the next line's colon), a value given twice."""
    problem, context, opened = exc.problem or "", exc.context or "", exc.context_mark
    if problem.startswith("could not find expected ':'") and context.startswith("while scanning a simple key") and opened is not None:
        return (opened.line, opened.column), *_NO_COLON
    above = _content(lines, row, -1)
    if not problem.startswith("mapping values are not allowed") or above < 0 or row >= len(lines):
        return None
    prev = lines[above]
    if re.match(r"\s*-[^\s-]", prev) and not prev.lstrip().startswith("---"):
        return (above, _indent(prev)), "a list's '-' needs a space after it", "write '- ' (a dash and a space) before the entry"
    body = prev.strip().removeprefix("- ").strip()
    if not re.search(r":(\s|$)", body) and not body.startswith(("{", "[", '"', "'", "|", ">")) and _indent(prev) <= _indent(lines[row]):
        return (above, _indent(prev)), *_NO_COLON
    if _indent(lines[row]) > _indent(prev) and col > _indent(lines[row]):
        if (twice := _given_twice(lines, above, row)) is not None:
            return twice
        key = _VALUED.match(prev)
        below = _content(lines, row, 1)
        if key is None or below < 0 or not re.match(r"\s*[\w-]+:(\s|$)", lines[row]) or _indent(lines[row]) <= key.start(1):
            return None
        name = key.group(1)
        while below >= 0 and _indent(lines[below]) > _indent(lines[row]):  # this line's own block
            below = _content(lines, below, 1)
        if below >= 0 and _indent(lines[below]) == _indent(lines[row]) and not lines[below].lstrip().startswith("- "):  # lined up: the one above is odd
            message = f"'{name}' is at column {key.start(1) + 1}, the keys below it at column {_indent(lines[row]) + 1}"
            return (above, key.start(1)), message, _INDENTATION[1]
        message = f"this line is indented more than '{name}' above it, so YAML reads it as more of that value"
        return (row, _indent(lines[row])), message, f"indent it as '{name}' ({key.start(1)} spaces)"
    return None


def _indented(problem: str, row: int, lines: list[str]) -> Placed | None:
    """An entry indented unlike the ones around it, a list's entry without its '- ', a value given twice."""
    above = _content(lines, row, -1)
    if not problem.startswith(("expected <block end>", "did not find expected '-' indicator", "did not find expected key", "mapping values are not")):
        return None
    if above < 0 or row >= len(lines):
        return None
    prev, here = lines[above], lines[row]
    below = _content(lines, row, 1)
    while below >= 0 and _indent(lines[below]) > _indent(here):  # the next line lined up with this one, or less indented
        below = _content(lines, below, 1)
    if _indent(here) > _indent(prev) and (twice := _given_twice(lines, above, row)) is not None:
        return twice
    before = _content(lines, above, -1)
    entries = prev.lstrip().startswith("- ") and here.lstrip().startswith("- ")  # both a list's entries
    keys = not {prev[_indent(prev)], here[_indent(here)]} & set("-{[")  # both keys of a mapping
    alone = before < 0 or (_indent(lines[before]) if entries else _key_column(lines[before])) != _indent(prev)  # none above lines up with it
    if entries and not alone and lines[before].rstrip().endswith(":") and _indent(here) > _indent(prev):
        alone = True  # 'key:' then its list's first entry at the key's column, the next ones indented more
    child = _indent(prev) > _indent(here) and before >= 0 and lines[before].rstrip().endswith(":")  # the block of the key above
    if _indent(prev) != _indent(here) and below >= 0 and _indent(lines[below]) == _indent(here) and (entries or keys) and alone and not child:
        return (above, _indent(prev)), f"this line is indented {_indent(prev)} spaces, the lines around it {_indent(here)}", _INDENTATION[1]
    if here.lstrip().startswith("- ") and problem.startswith("did not find expected key"):
        opener = above
        while opener >= 0 and _indent(lines[opener]) >= _indent(here):
            opener = _content(lines, opener, -1)
        first = _content(lines, opener, 1) if opener >= 0 else -1
        if 0 <= first < row and not lines[first].lstrip().startswith("- ") and _indent(lines[first]) > _indent(here):
            return (
                (first, _indent(lines[first])),
                f"this entry of the list has no '- ' before it, while the one on line {row + 1} has",
                f"start it with '- ' at column {_indent(here) + 1}, as the list's other entries",
            )
    return None


# The lines git writes into a file it could not merge (two branches of the record, of a checklist): YAML may read them
# as text (inside a '|' block they were published as such), or fail with a message about colons on another line.
_CONFLICT = re.compile(r"^(?:<{7}|>{7}|\|{7})(?: |$)|^={7}$", re.MULTILINE)


def conflict(text: str, file: str) -> Issue | None:
    r"""The first line of an unresolved git merge conflict in ``text``, as an issue; None when it has none.

    >>> print(conflict("a: 1\n<<<<<<< HEAD\na: 2\n=======\na: 3\n>>>>>>> other\n", "data/x.yaml").format())
    data/x.yaml:2:1: error: an unresolved git merge conflict ('<<<<<<< HEAD')
        hint: keep what both sides should say (for a record, both entries), remove the lines '<<<<<<<', '=======' and '>>>>>>>', and commit the merge
    """
    if "<<<<<<<" not in text and ">>>>>>>" not in text and "=======" not in text:
        return None
    found = _CONFLICT.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    end = text.find("\n", found.start())
    shown = text[found.start() : end if end >= 0 else len(text)]
    hint = "keep what both sides should say (for a record, both entries), remove the lines '<<<<<<<', '=======' and '>>>>>>>', and commit the merge"
    return Issue(Loc(file, line, 1), f"an unresolved git merge conflict ({shown[:40]!r})", hint)


# What YAML allows in a file (YAML 1.1's printable set): every other character is a reader error, which PyYAML words
# with its position (libyaml's counts UTF-8 bytes, the Python reader's characters), not with a line and column.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")  # a line break, as YAML counts lines


_OTHER_BREAK = re.compile("[\x85\u2028\u2029]")
_BREAK_NAME = {"\x85": "U+0085 (next line)", "\u2028": "U+2028 (line separator)", "\u2029": "U+2029 (paragraph separator)"}


def other_break(text: str, file: str) -> Issue | None:
    r"""A line break of Unicode's that git, a diff, an editor and a YAML 1.2 reader take for a character of the line, and
    this reader (YAML 1.1's: PyYAML, as MkDocs reads mkdocs.yml) for the end of it: what follows it on the line a reviewer
    reads (the rest of a comment, '# ok\u2028    critical: true') is data to the tool. At its line and column as git counts
    lines (at each line feed); None where it holds none.

    >>> found = other_break("id: x\ntext: y  # ok\u2028  critical: true\n", "data/x.yaml")
    >>> found.loc, found.message[:56] if found else None
    (Loc(file='data/x.yaml', line=2, column=14), 'the file holds U+2028 (line separator): a line break to ')
    """
    found = _OTHER_BREAK.search(text) if "\u2028" in text or "\u2029" in text or "\x85" in text else None
    if found is None:
        return None
    at = found.start()
    line, start = text.count("\n", 0, at) + 1, text.rfind("\n", 0, at) + 1
    said = (
        f"the file holds {_BREAK_NAME[found.group()]}: a line break to this YAML reader, not to git, a diff"
        " or an editor, so what follows it on the line (the rest of a comment too) would be read as data"
    )
    return Issue(Loc(file, line, at - start + 1), said, "remove it (in a text, write the text on one line; a Markdown block's lines end with line feeds)")


def _reader_issue(exc: yaml.YAMLError, text: str, file: str) -> Issue:
    r"""A character YAML does not allow (a NUL, an escape, a bell), at its line and column, named.

    >>> print(_reader_issue(yaml.YAMLError(), "id: x\r\ntitle: a\x00b\n", "data/x.yaml").format())
    data/x.yaml:2:9: error: the file holds the control character U+0000 (NUL), which YAML does not allow
        hint: remove it: a text file holds none (a NUL byte: was the file saved as UTF-16, or is it not text?)
    """
    found = _NOT_YAML.search(text)
    if found is None:
        return Issue(Loc(file, 1, 1), f"YAML error: {exc}", "remove control characters from the file")
    at = found.start()
    breaks = list(_BREAK.finditer(text, 0, at))
    line, start = len(breaks) + 1, breaks[-1].end() if breaks else 0
    code = ord(found.group())
    name = {0: " (NUL)", 0x1B: " (ESC, which opens a terminal's escape sequence)", 0x7: " (BEL)", 0x8: " (backspace)", 0xC: " (form feed)"}
    hint = "remove it: a text file holds none" + (" (a NUL byte: was the file saved as UTF-16, or is it not text?)" if code == 0 else "")
    return Issue(Loc(file, line, at - start + 1), f"the file holds the control character U+{code:04X}{name.get(code, '')}, which YAML does not allow", hint)


def unreadable(text: str) -> tuple[int, int, str] | None:
    """The first value of a YAML text (mkdocs.yml, a rule file) that YAML reads as a number or a date Python cannot make (an int of over 4,300 digits,
    ``2026-02-30``): its line, column and text; None when there is none. A loader that makes values (MkDocs', ruamel's) raised ValueError on it.

    >>> unreadable("site_name: x\\nextra:\\n  day: 2026-02-30\\n"), unreadable("a: '2026-02-30'")
    ((3, 8, '2026-02-30'), None)
    """
    try:
        root = yaml.compose(text, Loader=Loader)
    except (yaml.YAMLError, RecursionError):
        return None
    constructor = yaml.SafeLoader("")
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop(0)
        if isinstance(node, yaml.ScalarNode) and node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp"):
            try:
                constructor.construct_object(node, deep=True)
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1, node.value[:40]
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in node.value for part in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return None


EMPTY_CHECKLIST = "start it with 'id:', 'title:' and 'sections:'"  # what an empty file is told, by kind of file
EMPTY_ENTRY = "the record commands write entries (checklist-site mark, signoff, ...): restore it from git, or remove the file"
EMPTY_STATUS = "start it with 'checklist: ID' and 'items:' (or remove it: the record commands write entries instead)"


def load_text(text: str, file: str, empty: str = EMPTY_CHECKLIST) -> tuple[Node | None, list[Issue]]:
    """Parse one YAML document; return its node tree (None when unusable) and the issues found (``empty``: the hint for
    a file that holds nothing)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if (merged := conflict(text, file)) is not None:
        return None, [merged]
    if (split := other_break(text, file)) is not None:
        return None, [split]
    issues: list[Issue] = []
    try:
        # Aliases are refused before anything is composed, so an alias bomb never expands.
        # An alias needs an anchor: only a file with one is scanned for aliases first.
        aliases = [e for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.AliasEvent)] if has_anchor(text) else []
        if aliases:
            more = f" (and {len(aliases) - 1} more)" if len(aliases) > 1 else ""
            first = aliases[0]
            return None, [Issue(
                _loc(file, first.start_mark),
                f"YAML alias '*{first.anchor}' is not supported{more}",
                "write the value out in full instead of referring to an anchor",
            )]
        root = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_issue(exc, text, file)]
    except yaml.YAMLError as exc:  # reader errors (control characters) have no problem_mark
        return None, [_reader_issue(exc, text, file)]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag == _YAML + "null" and not root.value):
        return None, [Issue(Loc(file, 1, 1), "the file is empty", empty)]
    seen: set[int] = set()
    try:
        tree = _convert(root, file, seen, issues, 0)
    except _TooDeep as deep:
        return None, [Issue(
            deep.loc,
            f"the YAML is nested deeper than {MAX_DEPTH} levels",
            "flatten the structure: checklists nest sections, groups and three levels of items",
        )]
    return tree, issues


class _TooDeep(Exception):
    def __init__(self, loc: Loc) -> None:
        self.loc = loc


_new = tuple.__new__  # a named tuple built without its Python-level __new__: one per YAML node (68,000 at 10,000 items)
_SCALAR, _MAPPING, _SEQUENCE = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_KINDS = {tag: tag[len(_YAML) :] for tag in SAFE_TAGS}  # a safe tag -> the Scalar's kind


def _convert(node: yaml.Node, file: str, seen: set[int], issues: list[Issue], depth: int) -> Node:
    mark = node.start_mark
    loc: Loc = _new(Loc, (file, mark.line + 1, mark.column + 1))
    if depth > MAX_DEPTH:
        raise _TooDeep(loc)
    if id(node) in seen:
        issues.append(Issue(loc, "YAML aliases (*name) are not supported", "write the value out in full instead of referring to an anchor"))
        return Scalar("", "null", loc)
    seen.add(id(node))
    kind = _KINDS.get(node.tag)
    if kind is None:
        if node.tag == _YAML + "merge":
            issues.append(Issue(loc, "YAML merge keys ('<<') are not supported", "write the keys out in full"))
        else:
            issues.append(
                Issue(
                    loc,
                    f"unsafe or unknown YAML tag '{node.tag}' is not allowed",
                    "remove the tag: checklist files hold plain text, numbers, lists and mappings only",
                )
            )
        return Scalar("", "null", loc)
    cls = type(node)
    if cls is _SCALAR or not (cls is _MAPPING or cls is _SEQUENCE or isinstance(node, (_MAPPING, _SEQUENCE))):
        return _new(Scalar, (str(node.value), kind, loc))
    if isinstance(node, _MAPPING):
        entries: list[tuple[Scalar, Node]] = []
        first: dict[str, Loc] = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, file, seen, issues, depth + 1)
            value = _convert(value_node, file, seen, issues, depth + 1)
            if not isinstance(key, Scalar):
                issues.append(Issue(key.loc, "a key must be plain text", "use 'name: value' pairs"))
                continue
            if key.value in first:
                issues.append(duplicate_key(key.value, key.loc, first[key.value].line))
                continue
            first[key.value] = key.loc
            entries.append((key, value))
        return _new(Mapping, (tuple(entries), loc))
    return _new(Sequence, (tuple([_convert(child, file, seen, issues, depth + 1) for child in node.value]), loc))


def duplicate_key(key: str, loc: Loc, first: int) -> Issue:
    """A key set twice in one mapping, at its second place (YAML keeps the last without a word): every YAML file's."""
    return Issue(loc, f"duplicate key '{key}' (first set at line {first})", "remove one of them: YAML would silently keep only the last")


def duplicate_keys(root: yaml.Node | None, where: str, lines: int = 0) -> list[Issue]:
    """Each key set twice in one mapping of the composed YAML ``root``, at its second place (``lines``: added to the
    line numbers, for YAML that starts further down its file), in the file's order. A mapping YAML aliases is looked at
    once; a merge key ('<<') is no key set twice."""
    found: list[Issue] = []
    todo, seen = [(root, 0)], set()
    while todo:
        node, depth = todo.pop()
        if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) or id(node) in seen or depth > 50:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            todo += [(child, depth + 1) for child in node.value]
            continue
        first: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                if key.value in first:
                    found.append(duplicate_key(key.value, Loc(where, key.start_mark.line + 1 + lines, key.start_mark.column + 1), first[key.value]))
                first.setdefault(key.value, key.start_mark.line + 1 + lines)
            todo.append((value, depth + 1))
    return sorted(found, key=lambda issue: issue.loc[1:])


def size_issue(loc: Loc, size: int, limit: int = MAX_BYTES) -> Issue:
    """The file is over the size limit (MAX_BYTES, or ``limit``), with the limit named."""
    return Issue(loc, f"the file is {size:,} bytes, over the size limit of {limit:,} bytes ({limit // 1024 // 1024} MB)", "split it into several files")


def read_outside(path: Path, display: str, limit: int = MAX_BYTES) -> tuple[bytes | None, Issue | None]:
    """The bytes of a file from outside data/ (alarm definitions, rule files), or the located reason it was not read:
    only a regular file is opened (a device such as /dev/zero, a FIFO or a socket could be endless or block), and no
    more than ``limit`` bytes are ever read."""
    import stat

    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
            return None, Issue(Loc(display), f"not a regular file ({what}): nothing was read", "pass a JSON or YAML file")
        with path.open("rb") as f:
            raw = f.read(limit + 1)
            if len(raw) > limit:
                return None, size_issue(Loc(display, 1, 1), os.fstat(f.fileno()).st_size, limit)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():  # was 'No such file or directory' of a file a folder's listing shows
            said = f"a symbolic link to {os.readlink(path)!r}, which does not exist: nothing was read"
            return None, Issue(Loc(display), said, "point the link at the file, or remove it")
        return None, Issue(Loc(display), f"cannot read the file: {exc.strerror or exc}", "check the path and its permissions")
    return raw, None


def load_file(path: Path, display: str | None = None, empty: str = EMPTY_CHECKLIST) -> tuple[Node | None, list[Issue]]:
    """Read ``path`` as UTF-8 YAML; ``display`` is how the path appears in messages (``empty``: what an empty file is told)."""
    name = display or str(path)
    raw, problem = read_outside(path, name)  # a regular file only (a FIFO would block), no more than the limit read
    if raw is None:
        return None, [problem] if problem else []
    problem = not_utf8(raw, name)
    if problem is not None:
        return None, [problem]
    return load_text(raw.decode("utf-8"), name, empty)


def not_utf8(raw: bytes, file: str) -> Issue | None:
    """Where the bytes of a file are not UTF-8, as a located issue; None when they are."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:2]:
        hint = "re-save the file with UTF-8 encoding (in the editor's 'Save with encoding')"
        return Issue(Loc(file, 1, 1), "the file is saved as UTF-16, not UTF-8", hint)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Issue(Loc(file, line, column), f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "re-save the file with UTF-8 encoding")
    return None


def unreadable_text(raw: bytes, file: str) -> Issue | None:
    """Why a YAML file cannot be read as text (not UTF-8, a character YAML refuses), located; None when it can be."""
    problem = not_utf8(raw, file)
    if problem is not None:
        return problem
    text = raw.decode("utf-8").removeprefix("\ufeff")
    if (merged := conflict(text, file)) is not None:
        return merged
    if (split := other_break(text, file)) is not None:  # a key in a comment's rest to this reader (an INHERIT's file too)
        return split
    if _NOT_YAML.search(text):
        return _reader_issue(yaml.YAMLError(), text, file)
    try:  # a syntax error, as checklist files' are said (MkDocs' message names the line, its location the file only)
        list(yaml.parse(text, Loader=Loader))
    except yaml.MarkedYAMLError as exc:
        return _syntax_issue(exc, text, file)
    except (yaml.YAMLError, RecursionError):
        return None
    return None


def load_documents(text: str, file: str, empty: str = EMPTY_CHECKLIST) -> tuple[list[Node], list[Issue]]:
    """Parse a stream of '---'-separated documents (as Kubernetes manifests come); empty ones are skipped.

    Each document is parsed by load_text on its own lines, the others blanked, so every location
    stays the line and column in the whole file.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        starts = [e.start_mark.line for e in yaml.parse(text, Loader=Loader) if isinstance(e, yaml.DocumentStartEvent) and e.start_mark is not None]
    except yaml.YAMLError:
        starts = []
    if len(starts) < 2:  # one document, or a syntax error that load_text reports with its location
        node, found = load_text(text, file, empty)
        return ([node] if node is not None else []), found
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


# A Markdown page's front matter as MkDocs reads it (mkdocs.utils.meta.YAML_RE): '---', YAML, then '---' or '...'.
_FRONT = re.compile(r"-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
_FRONT_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(\s|$)")


def front_matter_issue(text: str, file: str) -> Issue | None:
    """Why a Markdown page's front matter (the '---' block of YAML at its top) would not be read, located; None when it
    would be, or the page has none. MkDocs shows a front matter it cannot read (a syntax error, a tab, a list, no closing
    '---') as the page's text, and builds without a word: the title and the hidden navigation are lost unseen."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not re.match(r"-{3}[ \t]*\n", text):
        return None
    found = _FRONT.match(text)
    if found is None:  # opened, never closed: said only where a key follows (a page may start with a rule, '---')
        second = text.split("\n", 2)[1] if text.count("\n") >= 1 else ""
        if not _FRONT_KEY.match(second):
            return None
        return Issue(Loc(file, 1, 1), "the front matter opened here is not closed", "end it with a line '---' after its last key")
    body = "\n" + found.group(1)  # at its lines in the page: the first '---' is line 1
    problem = unreadable_text(body.encode("utf-8"), file)
    if problem is not None:
        return Issue(problem.loc, f"in the front matter: {problem.message}", problem.hint)
    try:
        value = yaml.load(body, Loader=Loader)  # noqa: S506 - the safe loader (of the C library where there is one)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return Issue(Loc(file, 2, 1), f"the front matter cannot be read: {' '.join(str(exc).split())}", "write it as 'key: value' lines")
    if isinstance(value, dict):  # MkDocs keeps the last of a key set twice: the first title, say, lost unseen
        twice = duplicate_keys(yaml.compose(body, Loader=Loader), file)  # noqa: S506 - the safe loader
        return Issue(twice[0].loc, f"in the front matter: {twice[0].message}", twice[0].hint) if twice else None
    if value is None:
        return None
    kind = "a list" if isinstance(value, list) else "a text"
    return Issue(Loc(file, 2, 1), f"the front matter is {kind}, not 'key: value' lines", "write it as 'key: value' lines, e.g. title: Guide")
