"""Read JSON into the same located node tree that format/load.py makes of YAML, so readers walk one shape."""

from __future__ import annotations

import bisect
import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]  # in CPython's json.decoder, not in typeshed

from ..errors import Issue, Loc
from ..format.load import Mapping, Node, Scalar, Sequence

_SPACE = re.compile(r"[ \t\r\n]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_WORDS = {"true": "bool", "false": "bool", "null": "null"}
MAX_DEPTH = 200


class _Reader:
    """A recursive-descent walk over text that json.loads has already accepted."""

    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]

    def loc(self, at: int) -> Loc:
        line = bisect.bisect_right(self.starts, at) - 1
        return Loc(self.file, line + 1, at - self.starts[line] + 1)

    def skip(self, at: int) -> int:
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]

    def value(self, at: int, depth: int) -> tuple[Node, int]:
        at = self.skip(at)
        if depth > MAX_DEPTH:
            raise ValueError(f"JSON nested more than {MAX_DEPTH} levels deep", "this is not an alarm definition file", at)
        char = self.text[at]
        if char == "{":
            return self.mapping(at, depth)
        if char == "[":
            return self.sequence(at, depth)
        if char == '"':
            text, end = scanstring(self.text, at + 1)
            return Scalar(text, "str", self.loc(at)), end
        for word, kind in _WORDS.items():
            if self.text.startswith(word, at):
                return Scalar(word, kind, self.loc(at)), at + len(word)
        number = _NUMBER.match(self.text, at)
        if number is None:  # json.loads takes NaN, Infinity and -Infinity, which JSON does not have
            raise ValueError("NaN and Infinity are not JSON numbers", "write a number, or null, in their place", at)
        kind = "float" if number.group(1) or number.group(2) else "int"
        return Scalar(number.group(0), kind, self.loc(at)), number.end()

    def mapping(self, at: int, depth: int) -> tuple[Node, int]:
        start, at = at, self.skip(at + 1)
        entries: list[tuple[Scalar, Node]] = []
        while self.text[at] != "}":
            key_at = at
            key_text, at = scanstring(self.text, at + 1)
            key = Scalar(key_text, "str", self.loc(key_at))
            at = self.skip(self.skip(at) + 1)  # past ':'
            value, at = self.value(at, depth + 1)
            entries.append((key, value))
            at = self.skip(at)
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return Mapping(tuple(entries), self.loc(start)), at + 1

    def sequence(self, at: int, depth: int) -> tuple[Node, int]:
        start, at = at, self.skip(at + 1)
        items: list[Node] = []
        while self.text[at] != "]":
            value, at = self.value(at, depth + 1)
            items.append(value)
            at = self.skip(at)
            if self.text[at] == ",":
                at = self.skip(at + 1)
        return Sequence(tuple(items), self.loc(start)), at + 1


def load_json(text: str, file: str) -> tuple[Node | None, list[Issue]]:
    """Parse JSON; return its node tree with line and column for every value, or the located syntax error.

    >>> node, _ = load_json('{"a": [1, "x"]}', "f.json")
    >>> node.entries[0][1].items[1]
    Scalar(value='x', kind='str', loc=Loc(file='f.json', line=1, column=11))
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        json.loads(text, parse_int=str)  # the syntax only: numbers stay text (Python reads no int of over 4,300 digits)
    except json.JSONDecodeError as exc:
        hint = "check the commas, quotes and brackets on this line and the one above"
        return None, [Issue(Loc(file, exc.lineno, exc.colno), f"JSON syntax error: {exc.msg}", hint)]
    except RecursionError:
        return None, [Issue(Loc(file, 1, 1), "JSON nested too deeply", "this is not an alarm definition file")]
    reader = _Reader(text, file)
    try:
        node, _ = reader.value(0, 0)
    except ValueError as exc:
        message, hint, at = exc.args
        return None, [Issue(reader.loc(at), message, hint)]
    return node, []
