"""Edits a status file in place for `mark`, `signoff` and `approve`, keeping its comments and order.

The only module that imports ruamel.yaml: a round-trip load and dump leaves everything it does
not change as it was.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

from ..errors import BuildError

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


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def set_entry(path: Path, checklist_id: str, section: str, key: str, values: dict[str, Any]) -> bool:
    """Set ``section``[``key``] to ``values`` (a one-line mapping); create the file if needed.

    Returns True when the file was created.
    """
    from ruamel.yaml.comments import CommentedMap

    created = not path.exists()
    text = HEADER.format(id=checklist_id) if created else path.read_text(encoding="utf-8")
    yaml = _yaml()
    doc = yaml.load(text)
    if not isinstance(doc, dict) or doc.get("checklist") != checklist_id:
        raise BuildError(f"{path} is not the status file of checklist '{checklist_id}'", "pass --status FILE, or fix its 'checklist:' line")
    entries = doc.get(section)
    if not isinstance(entries, dict):
        entries = CommentedMap()
        doc[section] = entries
    entry = CommentedMap((k, v) for k, v in values.items() if v not in (None, ""))
    entry.fa.set_flow_style()
    entries[key] = entry
    if len(entries) and hasattr(entries, "fa"):
        entries.fa.set_block_style()
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        yaml.dump(doc, out)
    os.replace(tmp, path)
    return created


def today() -> datetime.date:
    return datetime.date.today()
