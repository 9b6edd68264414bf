"""A checklist a program keeps as a literal: an array of objects with a text ('const DEFAULT_CHECKLIST = [{ id:
"sanitation", label: "Sanitation and cleanliness standards", defaultSeverity: "high" }, …]' in JavaScript, a list of
dicts in Python), written as the Markdown its entries mean, each at the line it starts on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .marks import DEFAULT_MARKERS

# A program's tokens: space and comments (skipped), strings, punctuation, and words (names, numbers, true, None).
_TOKEN = re.compile(
    r"""(?P<skip>\s+|//[^\n]*|/\*.*?\*/|\#[^\n]*)|(?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`)"""
    r"""|(?P<mark>[{}\[\]:,=()])|(?P<word>[^\s{}\[\]:,=()"'`]+)""",
    re.S,
)
_TEXT_KEYS = ("label", "title", "text", "name", "task", "item", "description", "summary", "content", "check", "step")
_DONE_KEYS = ("done", "checked", "completed", "complete", "isdone", "iscompleted", "ischecked")
_LEVEL_KEYS = ("priority", "severity", "defaultseverity", "level", "importance", "criticality")
_STEP_KEYS = ("items", "steps", "subtasks", "children", "checks", "tasks", "checklist")


@dataclass
class _Object:
    line: int
    entries: dict[str, object] = field(default_factory=dict)


@dataclass
class _Parser:
    tokens: list[tuple[str, str, int]]  # (kind, text, line)
    at: int = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "", 0)

    def value(self, depth: int = 0) -> object:
        """A literal's value: an object, an array, a string, or a word (a number, true, None); None where the tokens
        make none (code, not data)."""
        kind, text, line = self.peek()
        if depth > 20:
            return None
        self.at += 1
        if kind == "string":
            return _unquoted(text)
        if kind == "word":
            return text
        if text == "[":
            return self.array(depth)
        if text == "{":
            return self.mapping(line, depth)
        return None

    def array(self, depth: int) -> list[object] | None:
        found: list[object] = []
        while self.peek()[1] != "]":
            if self.peek()[0] == "end":
                return None
            item = self.value(depth + 1)
            if item is None:
                return None
            found.append(item)
            if self.peek()[1] == ",":
                self.at += 1
            elif self.peek()[1] != "]":
                return None
        self.at += 1
        return found

    def mapping(self, line: int, depth: int) -> _Object | None:
        found = _Object(line)
        while self.peek()[1] != "}":
            kind, key, _ = self.peek()
            if kind not in ("string", "word"):
                return None
            self.at += 1
            if self.peek()[1] != ":":
                return None
            self.at += 1
            value = self.value(depth + 1)
            if value is None:
                return None
            found.entries[(_unquoted(key) if kind == "string" else key).lower().replace("_", "")] = value
            if self.peek()[1] == ",":
                self.at += 1
            elif self.peek()[1] != "}":
                return None
        self.at += 1
        return found


def _unquoted(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out, line = [], 1
    for found in _TOKEN.finditer(text):
        kind = found.lastgroup or "skip"
        if kind != "skip":
            out.append((kind, found.group(0), line))
        line += found.group(0).count("\n")
    return out


def _text_key(entries: list[_Object]) -> str:
    """The key of an array's objects that holds their text: of the text keys present, the one of the most words."""
    words = {k: sum(len(str(o.entries.get(k, "")).split()) for o in entries) for k in _TEXT_KEYS}
    best = max(words, key=lambda k: (words[k], -_TEXT_KEYS.index(k)))
    return best if words[best] else ""


def _item_lines(objects: list[_Object], depth: int, out: list[tuple[int, str]]) -> None:
    key = _text_key(objects)
    for entry in objects:
        text = entry.entries.get(key)
        if not isinstance(text, str) or not text.strip():
            continue
        done = any(str(entry.entries.get(k, "")).lower() in ("true", "yes", "done", "1") for k in _DONE_KEYS)
        level = next((str(entry.entries[k]) for k in _LEVEL_KEYS if str(entry.entries.get(k, "")).lower() in DEFAULT_MARKERS), "")
        out.append((entry.line, "  " * depth + f"- [{'x' if done else ' '}] {' '.join(text.split())}{f' ({level})' if level else ''}"))
        for name in _STEP_KEYS:
            inner = entry.entries.get(name)
            if isinstance(inner, list) and inner and all(isinstance(x, _Object) for x in inner):
                _item_lines([x for x in inner if isinstance(x, _Object)], min(depth + 1, 3), out)
            elif isinstance(inner, list):
                out += [(entry.line, "  " * min(depth + 1, 3) + f"- [ ] {' '.join(x.split())}") for x in inner if isinstance(x, str) and x.strip()]


def literal_lists(lines: list[str]) -> list[str]:
    """A program's arrays of two objects or more, each with a text ('label', 'title', 'text', 'name'… the one of the
    most words), as task lists: each object a task item at the line it starts on, ticked where a done key says so, a
    level its severity or priority names ('critical', 'high') after its text, a list of objects or strings under its
    steps key its sub-items; an array named by a variable a heading of its name where there are several. None (no
    line) where the program holds no such array.

    >>> literal_lists(['const LIST = [', '  { id: "a", label: "Fire exits clear", severity: "critical" },', "  {label: 'Permits shown',},", '];'])
    ['', '- [ ] Fire exits clear (critical)', '- [ ] Permits shown', '']
    """
    tokens = _tokens("\n".join(lines))
    found: list[tuple[str, int, list[_Object]]] = []
    k = 0
    while k < len(tokens):
        if tokens[k][1] != "[" or k + 1 >= len(tokens) or tokens[k + 1][1] != "{":
            k += 1
            continue
        parser = _Parser(tokens, k + 1)
        value = parser.array(0)
        objects = [x for x in value if isinstance(x, _Object)] if value is not None else []
        if value is not None and len(objects) >= 2 and len(objects) == len(value) and _text_key(objects):
            name = tokens[k - 2][1] if k >= 2 and tokens[k - 1][1] in ("=", ":") and tokens[k - 2][0] in ("word", "string") else ""
            found.append((name, tokens[k][2], objects))
            k = parser.at
        else:
            k += 1
    if not found:
        return []
    placed: list[tuple[int, str]] = []
    for name, line, objects in found:
        if len(found) > 1 and name:
            placed.append((line, "## " + re.sub(r"[_\s]+", " ", re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name.strip("'\""))).strip().capitalize()))
        _item_lines(objects, 0, placed)
    out: list[str] = []
    for line, text in placed:
        out += [""] * max(line - 1 - len(out), 1 if out and (text.startswith("#") or out[-1].startswith("#")) else 0)
        out.append(text)
    return out + [""] * (len(lines) - len(out))
