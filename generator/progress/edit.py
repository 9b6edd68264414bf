"""Edits a status file for `mark`, `signoff` and `approve`: only the entry it sets changes.

Every other byte stays as it was (comments, order, quoting, CRLF line ends, a byte-order mark):
the entry is found with PyYAML's marks and its text replaced or inserted, the rest is copied.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..errors import BuildError, Loc

HEADER = """\
# yaml-language-server: $schema=../docs/schema/status.schema.json
# Launch progress of checklist '{id}', kept next to the checklist and reviewed in git.
checklist: {id}

# item id: {{state: open | done | n/a | waived, by, date, note, reason, approver}}
items: {{}}

# group id: {{name, date, note}}
signoffs: {{}}

# approver role id: {{name, decision: go | no-go | pending, date}}
approvals: {{}}
"""
BOM = "\ufeff"
_PLAIN = re.compile(r"[A-Za-z0-9_./@()'+-]([A-Za-z0-9_ ./@()'+-]*[A-Za-z0-9_./@()'+-])?")


def scalar(value: Any) -> str:
    """A value as YAML flow text that reads back as exactly this value: plain where safe, else quoted.

    >>> scalar("all 7 services"), scalar("no"), scalar("a: b"), scalar(datetime.date(2026, 1, 10))
    ('all 7 services', '"no"', '"a: b"', '2026-01-10')
    """
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text):
        try:
            if yaml.safe_load(f"{{k: {text}}}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def entry_text(key: str, values: dict[str, Any]) -> str:
    fields = ", ".join(f"{name}: {scalar(value)}" for name, value in values.items() if value not in (None, ""))
    return f"{scalar(key)}: {{{fields}}}"


def _end(node: yaml.Node) -> int:
    """Where a node's own text ends (a block collection ends with its last value, not at the next key)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(node.value[-1])
    return node.end_mark.index


def _after_line(text: str, index: int, nl: str) -> tuple[str, int]:
    """(text with a final line break, the index where the line holding ``index`` ends)."""
    end = text.find("\n", index)
    if end == -1:
        return text + nl, len(text) + len(nl)
    return text, end + 1


def _with_entry(text: str, root: yaml.MappingNode, section: str, key: str, entry: str, nl: str) -> str:
    """``text`` with ``section``[``key``] set to ``entry``, everything else as it was."""
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == section]
    if not found:
        if text and not text.endswith("\n"):
            text += nl
        return text + f"{section}:{nl}  {entry}{nl}"
    key_node, value = found[0]
    if isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null"):  # `items:` with nothing under it
        text, at = _after_line(text, key_node.end_mark.index, nl)
        return text[:at] + f"  {entry}{nl}" + text[at:]
    if not isinstance(value, yaml.MappingNode):
        where = Loc(value.start_mark.name, value.start_mark.line + 1, value.start_mark.column + 1)
        raise BuildError(f"'{section}' is not a mapping of id: entry", f"write it as '{section}: {{}}' or as one entry per line", where)
    for k, v in value.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return text[: k.start_mark.index] + entry + text[_end(v) :]
    if value.flow_style and not value.value:  # `items: {}`
        return text[: value.start_mark.index].rstrip(" ") + f"{nl}  {entry}" + text[value.end_mark.index :]
    if value.flow_style:  # `items: {a: {...}}`
        close = value.end_mark.index - 1
        return text[:close] + f", {entry}" + text[close:]
    indent = " " * value.value[0][0].start_mark.column
    text, at = _after_line(text, _end(value.value[-1][1]), nl)
    return text[:at] + f"{indent}{entry}{nl}" + text[at:]


def set_entry(path: Path, checklist_id: str, section: str, key: str, values: dict[str, Any]) -> bool:
    """Set ``section``[``key``] to ``values`` (a one-line mapping); create the file if needed.

    Returns True when the file was created. The caller holds the project lock.
    """
    created = not path.exists()
    raw = HEADER.format(id=checklist_id) if created else path.read_bytes().decode("utf-8")
    bom, text = (BOM, raw[1:]) if raw.startswith(BOM) else ("", raw)
    nl = "\r\n" if "\r\n" in text else "\n"
    try:
        loader = yaml.SafeLoader(text)  # the pure-Python parser: its marks count characters
        loader.name = str(path)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise BuildError(f"{path} is not valid YAML: {exc}", "fix it (checklist-site check names the place), then record again") from None
    checklist = [v for k, v in root.value if k.value == "checklist"] if isinstance(root, yaml.MappingNode) else []
    if not checklist or getattr(checklist[0], "value", None) != checklist_id:
        raise BuildError(
            f"{path} is not the status file of checklist '{checklist_id}'",
            "fix its 'checklist:' line, or choose the checklist with --checklist ID",
        )
    updated = bom + _with_entry(text, root, section, key, entry_text(key, values), nl)
    write_atomically(path, updated.encode("utf-8"))
    return created


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename; a stop midway leaves the old file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def today() -> datetime.date:
    return datetime.date.today()
