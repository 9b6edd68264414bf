"""A checklist being imported, as plain dataclasses mirroring the format, and the one YAML writer for them."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..format.model import Priority


@dataclass
class ItemDraft:
    id: str
    text: str
    line: int
    critical: bool = False
    priority: Priority | None = None
    target: str = ""
    ordered: bool = False
    ticked: bool = False
    cancelled: bool = False  # '[-]', Obsidian's cancelled task: recorded as n/a
    owner: str = ""  # from an Owner column: recorded with the team record's 'assign', not in the checklist
    due: datetime.date | None = None
    details: list[str] = field(default_factory=list)
    items: list[ItemDraft] = field(default_factory=list)

    def walk(self) -> list[ItemDraft]:
        return [self, *(sub for item in self.items for sub in item.walk())]

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.critical:
            out["critical"] = True
        if self.priority is not None:
            out["priority"] = self.priority.value
        if self.target:
            out["target"] = self.target
        if self.ordered:
            out["ordered"] = True
        if self.details:
            out["details"] = "\n\n".join(self.details)
        if self.items:
            out["items"] = [i.data() for i in self.items]
        return out


@dataclass
class ListDraft:
    id: str
    label: str
    items: list[ItemDraft] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "items": [i.data() for i in self.items]}


@dataclass
class GroupDraft:
    id: str
    title: str
    items: list[ItemDraft] = field(default_factory=list)
    lists: list[ListDraft] = field(default_factory=list)
    signoff: bool | None = False  # None: a part's group, which has no sign-off
    priority: Priority | None = None

    def all_items(self) -> list[ItemDraft]:
        return [sub for item in (*self.items, *(i for lst in self.lists for i in lst.items)) for sub in item.walk()]

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title, "items": [i.data() for i in self.items]}
        if self.lists:
            out["lists"] = [lst.data() for lst in self.lists]
        if self.signoff is not None:
            out["signoff"] = self.signoff
            if self.priority is not None:
                out["priority"] = self.priority.value
        return out


@dataclass
class SectionDraft:
    id: str
    title: str
    line: int
    priority: Priority | None = None
    icon: str = ""
    notes: list[str] = field(default_factory=list)
    groups: list[GroupDraft] = field(default_factory=list)
    period: str = ""  # parts only

    def all_items(self) -> list[ItemDraft]:
        return [item for group in self.groups for item in group.all_items()]

    def data(self, part: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        if part:
            if self.period:
                out["period"] = self.period
        else:
            if self.icon:
                out["icon"] = self.icon
            out["priority"] = (self.priority or Priority.MEDIUM).value
            if self.notes:
                out["notes"] = "\n\n".join(self.notes)
        out["groups"] = [g.data() for g in self.groups if g.items or g.lists]
        return out


@dataclass
class OptionDraft:
    id: str
    label: str
    text: str
    line: int
    icon: str = ""
    ticked: bool = False

    def data(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "text": self.text, **({"icon": self.icon} if self.icon else {})}


@dataclass
class FinalDraft:
    title: str
    approval_id: str = ""
    approval_title: str = "Approval"
    roles: list[tuple[str, str]] = field(default_factory=list)
    decision_id: str = ""
    decision_title: str = "Go / No-Go Decision"
    options: list[OptionDraft] = field(default_factory=list)
    notes: str = ""
    notes_hint: str = ""
    approved: dict[str, str] = field(default_factory=dict)  # role id -> who approved (a ticked box of a sign-off table)

    def data(self) -> dict[str, Any]:
        decision: dict[str, Any] = {"id": self.decision_id, "title": self.decision_title, "options": [o.data() for o in self.options]}
        if self.notes:
            decision["notes"] = self.notes
        if self.notes_hint:
            decision["notes_hint"] = self.notes_hint
        approval = {"id": self.approval_id, "title": self.approval_title, "roles": [{"id": i, "title": t} for i, t in self.roles]}
        return {"title": self.title, "approval": approval, "decision": decision}


@dataclass
class StepDraft:
    id: str
    title: str
    text: str
    who: str = ""

    def data(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "text": self.text, **({"who": self.who} if self.who else {})}


@dataclass
class RollbackDraft:
    id: str
    title: str
    when: str = ""
    steps: list[StepDraft] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, **({"when": self.when} if self.when else {}), "steps": [s.data() for s in self.steps]}


@dataclass
class ChecklistDraft:
    id: str = ""
    title: str = ""
    version: str = ""
    created: datetime.date | None = None
    updated: datetime.date | None = None
    owner: str = ""
    next_review: str = ""
    legend: str = ""
    instructions: list[ItemDraft] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    final: FinalDraft | None = None
    metrics: SectionDraft | None = None
    post_launch: SectionDraft | None = None
    rollback: RollbackDraft | None = None

    def all_items(self) -> list[ItemDraft]:
        blocks = [*self.sections, *(p for p in (self.metrics, self.post_launch) if p)]
        return [sub for i in self.instructions for sub in i.walk()] + [item for b in blocks for item in b.all_items()]

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "title": self.title}
        meta = {"version": self.version, "created": self.created, "updated": self.updated, "owner": self.owner, "next_review": self.next_review}
        out |= {key: value for key, value in meta.items() if value}
        if self.legend:
            out["legend"] = {"critical": self.legend}
        if self.instructions:
            out["instructions"] = [i.data() for i in self.instructions]
        out["sections"] = [s.data() for s in self.sections]
        if self.final is not None:
            out["final_signoff"] = self.final.data()
        if self.metrics is not None:
            out["metrics"] = self.metrics.data(part=True)
        if self.post_launch is not None:
            out["post_launch"] = self.post_launch.data(part=True)
        if self.rollback is not None:
            out["rollback"] = self.rollback.data()
        return out


# ---- the YAML writer: block style, a simple entry on one line, multi-line text as literal blocks


def _node(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = CommentedMap((k, _node(v, k)) for k, v in value.items())
        if value and key != "<root>" and all(not isinstance(v, (dict, list)) and "\n" not in str(v) for v in value.values()):
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, str) and (key == "version" or not plain(value)):
        return DoubleQuotedScalarString(value)
    return value


# Written without quotes only where every YAML 1.1 and 1.2 reader (libyaml, PyYAML's pure parser, ruamel), in block
# and in flow context, reads the same string: letters first, no indicator or flow character, no word YAML 1.1 reads.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.'/()+-]*")
_YAML11 = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def plain(text: str) -> bool:
    """Whether ``text`` can be written unquoted.

    >>> plain("All packages to release listed"), plain("All packages to release listed?"), plain("on"), plain("a-b (c)")
    (True, False, False, True)
    """
    return _PLAIN.fullmatch(text) is not None and text.lower() not in _YAML11 and not text.endswith(" ") and "  " not in text


def dump(data: dict[str, Any], header: list[str]) -> str:
    """YAML text for ``data`` (keys in the order given), after comment lines ``header``."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    yaml.representer.ignore_aliases = lambda *_: True
    out = io.StringIO()
    yaml.dump(_node(data, "<root>"), out)
    return "".join(f"# {line}\n" for line in header) + "\n" + out.getvalue()
