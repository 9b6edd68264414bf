"""Write runbook_url annotations into Prometheus (and Grafana) rule files in place, changing nothing else.

ruamel.yaml loads and dumps the file round-trip; a file it cannot dump back byte for byte as it was
(an indentation it does not reproduce) is left alone and said so, so no line but the annotations changes.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Iterator

from .. import files
from ..errors import Issue, Loc
from ..format.load import unreadable
from .templated import expands_to

# (mapping, sequence, offset) indentations, most common first: kube-prometheus and Grafana write (2, 4, 2).
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0), (4, 6, 2), (3, 5, 3))
KEY = "runbook_url"


@dataclass(frozen=True)
class Fixed:
    """What --fix did to one file."""

    file: str
    written: tuple[str, ...]  # alerts whose annotation was added or corrected
    issues: tuple[Issue, ...]  # alerts without a runbook, or why the file was left alone


def _yaml(indent: tuple[int, int, int], explicit_start: bool) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip: comments, quotes, flow style and key order are kept
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    yaml.explicit_start = explicit_start
    return yaml


def _dump(yaml: Any, docs: list[Any]) -> str:
    out = io.StringIO()
    yaml.dump_all(docs, out)
    return out.getvalue()


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def _lines(text: str) -> list[tuple[str, str]]:
    """(line, its ending) of each line of ``text``: '\\n', '\\r\\n', '\\r' (a file saved on an old Mac) or '' (the last)."""
    found = [(m.group().rstrip("\r\n"), m.group()[len(m.group().rstrip("\r\n")) :]) for m in _LINE.finditer(text)]
    return found[:-1] if found and found[-1] == ("", "") else found


def plain(raw: str) -> str:
    """A rule file's text as YAML reads it and ruamel.yaml writes it: no byte order mark, every line ended by '\\n'.

    >>> plain("\\ufeffa: 1\\r\\nb: 2\\rc: 3")
    'a: 1\\nb: 2\\nc: 3\\n'
    """
    return "".join(line + "\n" for line, _ in _lines(raw.removeprefix("\ufeff")))


def in_form_of(raw: str, new: str) -> str:
    """``new`` (:func:`plain` text, the file with lines added or changed) written as the file ``raw`` is: its byte order
    mark, each line it kept with the ending it had, each new line with the file's most common ending, and the last line
    ended only if the file's was. A file saved with a BOM, on Windows (CRLF), on an old Mac (CR), or with endings mixed,
    changes by the lines --fix writes and nothing else.

    >>> in_form_of("\\ufeffa: 1\\r\\nb: 2\\nc: 3\\r\\n", "a: 1\\nb: 2\\nx: 9\\nc: 3\\n"), in_form_of("a: 1\\rb: 2", "a: 1\\nb: 2\\nx: 9\\n")
    ('\\ufeffa: 1\\r\\nb: 2\\nx: 9\\r\\nc: 3\\r\\n', 'a: 1\\rb: 2\\rx: 9')
    """
    old = _lines(raw.removeprefix("\ufeff"))
    lines = [line for line, _ in _lines(new)]
    common = Counter(end for _, end in old if end).most_common(1)
    usual = common[0][0] if common else "\n"
    endings = [usual] * len(lines)
    for tag, i1, i2, j1, _ in SequenceMatcher(None, [line for line, _ in old], lines, autojunk=False).get_opcodes():
        if tag == "equal":
            endings[j1 : j1 + i2 - i1] = [end or usual for _, end in old[i1:i2]]
    if lines:
        endings[-1] = usual if old and old[-1][1] else ""
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    return bom + "".join(line + end for line, end in zip(lines, endings, strict=True))


def _faithful(text: str) -> tuple[Any, list[Any]] | None:
    """A round-trip YAML and the file's documents, when dumping them unchanged gives the same bytes."""
    explicit = text.lstrip().startswith("---")
    for indent in _INDENTS:
        yaml = _yaml(indent, explicit)
        docs = list(yaml.load_all(text))
        if _dump(yaml, docs) == text:
            return yaml, docs
    return None


def rules(doc: Any) -> Iterator[tuple[str, Any]]:
    """(name, rule mapping) of each alerting rule: Prometheus, Thanos, Mimir, PrometheusRule, Grafana."""
    if not isinstance(doc, dict):
        return
    if doc.get("kind") == "List":
        for item in doc.get("items") or ():
            yield from rules(item)
        return
    groups = (doc.get("spec") or {}).get("groups") if doc.get("kind") == "PrometheusRule" else doc.get("groups")
    all_rules = [r for g in groups or () if isinstance(g, dict) for r in g.get("rules") or () if isinstance(r, dict)]
    grafana = "apiVersion" in doc and not any("alert" in r for r in all_rules)
    for rule in all_rules:
        name = rule.get("title" if grafana else "alert")
        if isinstance(name, str):
            yield name, rule


def _last_comment(node: Any) -> tuple[Any, Any, int] | None:
    """The comment slot after the deepest last entry of ``node``: where ruamel keeps the blank lines
    and comments that follow it in the file."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
    while isinstance(node, (CommentedMap, CommentedSeq)) and len(node):
        key = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        slot = 2 if isinstance(node, CommentedMap) else 0
        entry = node.ca.items.get(key)
        if entry and len(entry) > slot and entry[slot] is not None:
            found = (node.ca.items, key, slot)
        node = node[key]
    return found


def _append(mapping: Any, key: str, value: Any) -> None:
    """Add ``key`` at the end of ``mapping``, moving the blank lines and comments that followed the
    old last entry behind the new one, where they were in the file."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.tokens import CommentToken

    slot = _last_comment(mapping)
    mapping[key] = value
    if slot is None:
        return
    items, old_key, index = slot
    token = items[old_key][index]
    head, newline, rest = token.value.partition("\n")
    if not rest:
        return
    token.value = head + newline
    if not head.strip():
        items[old_key][index] = None
    host, host_key = (value, list(value)[-1]) if isinstance(value, CommentedMap) and len(value) else (mapping, key)
    host.ca.items[host_key] = [None, None, CommentToken("\n" + rest, token.start_mark, None), None]


def _shift_comment(mapping: Any, key: str, by: int) -> None:
    """Keep a comment after ``key``'s value as far from the value as it was, when the value changes length."""
    entry = mapping.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is not None and token.value.lstrip(" ").startswith("#") and token.start_mark is not None:
        token.column = max(token.column + by, 0)


def _set_url(rule: Any, url: str) -> bool:
    """Give the rule's annotations runbook_url: ``url``; True when that changed the rule."""
    from ruamel.yaml.comments import CommentedMap

    annotations = rule.get("annotations")
    if not isinstance(annotations, CommentedMap):
        annotations = CommentedMap([(KEY, url)])
        if "annotations" in rule:
            rule["annotations"] = annotations  # it was empty (annotations: with no value)
        else:
            _append(rule, "annotations", annotations)
        return True
    current = annotations.get(KEY)
    if current == url or (isinstance(current, str) and expands_to(current, rule, url)):
        return False  # the URL, or a template that expands to it (kept as written)
    if KEY in annotations:
        annotations[KEY] = type(current)(url) if isinstance(current, str) and type(current) is not str else url  # keeps its quotes
        _shift_comment(annotations, KEY, len(url) - len(str(current or "")))
    else:
        _append(annotations, KEY, url)
    return True


def _read(path: Path, display: str) -> tuple[str | None, Issue | None]:
    """The rule file's text, read as ``links --check`` reads it: a regular file (no device or FIFO), within the size
    limit, UTF-8, and YAML that the located reader accepts (nesting limit, no aliases, anchors or merge keys, which
    would make one edit change several alerts); or the located reason it is left alone."""
    from ..format.load import load_documents, not_utf8, read_outside
    from .alarms import unknown_rule_keys

    raw, problem = read_outside(path, display)
    if raw is None:
        return None, problem
    unread = not_utf8(raw, display)  # at the byte's line and column, UTF-16 said so: as every file's
    if unread is not None:
        return None, Issue(unread.loc, f"left unchanged: {unread.message}", unread.hint)
    text = raw.decode("utf-8")
    roots, issues = load_documents(plain(text), display)
    issues = issues or [issue for root in roots for issue in unknown_rule_keys(root)]  # 'anotations:': a second one written beside it
    if issues:
        first = issues[0]
        return None, Issue(first.loc, f"left unchanged: {first.message}", first.hint)
    return text, None


def fix_file(path: Path, display: str, urls: dict[str, str], out: files.Replacing | None = None) -> Fixed:
    """Set the runbook_url annotation of every alert in ``urls`` (alert name -> URL); write only on change, atomically
    (with ``out``: put in place with the other files of ``out``, as one)."""
    from ruamel.yaml.error import YAMLError

    raw, problem = _read(path, display)
    if raw is None:
        return Fixed(display, (), (problem,) if problem else ())
    text = plain(raw)  # a BOM, CRLF or CR endings: put back as they were (in_form_of)
    try:
        faithful = _faithful(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = Loc(display, mark.line + 1, mark.column + 1) if mark is not None else Loc(display, 1, 1)
        reason = getattr(exc, "problem", None) or exc
        return Fixed(display, (), (Issue(loc, f"YAML syntax error: {reason}", "fix the file first: `checklist-site links --check` says more"),))
    except RecursionError:
        return Fixed(display, (), (Issue(Loc(display, 1, 1), "the YAML is nested too deeply to edit", "this is not a rule file"),))
    except ValueError as exc:  # ruamel makes the values: an int of over 4,300 digits, a date no calendar has
        line, column, value = unreadable(text) or (1, 1, "")
        said = f"left unchanged: '{value}' is read by YAML as a number or a date, which Python cannot make ({str(exc).split(':')[0]})"
        return Fixed(display, (), (Issue(Loc(display, line, column), said, "quote it, if it is text; else write a number or a date that exists"),))
    if faithful is None and not any(True for doc in _yaml(_INDENTS[0], False).load_all(text) for _ in rules(doc)):
        faithful = (None, [])  # nothing to fix: said below, whatever its indentation
    if faithful is None:
        hint = "indent it consistently (e.g. 2 spaces, list dashes indented by 2), or set the annotations by hand"
        message = "left unchanged: ruamel.yaml cannot write this file back as it is, so --fix would reformat it"
        return Fixed(display, (), (Issue(Loc(display, 1, 1), message, hint),))
    yaml, docs = faithful
    written: list[str] = []
    issues: list[Issue] = []
    found = False
    for doc in docs:
        for name, rule in rules(doc):
            found = True
            if name not in urls:
                line = rule.lc.line + 1 if hasattr(rule, "lc") else 0
                where = Loc(display, line, rule.lc.col + 1 if line else 0)
                issues.append(Issue(where, f"alert '{name}' has no runbook; its annotations are left as they are", f"list it in a runbook's alerts: [{name}]"))
            elif _set_url(rule, urls[name]):
                written.append(name)
    if not found:
        hint = "pass a Prometheus rule file (groups: [{rules: [{alert: ...}]}]), a PrometheusRule or Grafana alert rules"
        issues.append(Issue(Loc(display, 1, 1), "no alerting rules found", hint))
    if written:
        new = in_form_of(raw, _dump(yaml, docs))
        if out is not None:
            out.put(path, new)
        else:
            _replace(path, new)
    return Fixed(display, tuple(written), tuple(issues))


def _replace(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step, keeping the file's mode; a symbolic link is written through: its target
    gets the new text and the link stays a link (``files.replace``)."""
    files.replace(path, text)
