"""A checklist being imported, as plain dataclasses named as the format's keys, and the one YAML writer for them.

A draft's attributes that the format declares (``generator/format/model.py``) are written by the
declaration: ``data`` walks the Spec (``mapping_of``), so a key the model declares is written once a draft has an
attribute of its name, in the declaration's order; the other attributes (``line``, ``ticked``, an
item's owner) are the importer's own.
"""

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
from ..format.schema import CHECKLIST
from ..format.types import cleared, code_shown, mapping_of
from ..site.escape import ci_command, ci_yaml, yaml_comment


@dataclass(frozen=True)
class Recorded:
    """An item's state as an exported record gives it (the box agrees: [x] done, [-] n/a or waived, [ ] open)."""

    state: str
    by: str = ""
    date: datetime.date | None = None
    reason: str = ""
    approver: str = ""
    note: str = ""


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
    recorded: Recorded | None = None  # an export's record of it: who, when, why (``RECORD_HINT``)
    owner: str = ""  # from an Owner column: recorded with the team record's 'assign', not in the checklist
    due: datetime.date | None = None
    details: list[str] = field(default_factory=list)  # paragraphs: written as one Markdown block
    items: list[ItemDraft] = field(default_factory=list)

    def walk(self) -> list[ItemDraft]:
        return [self, *(sub for item in self.items for sub in item.walk())]


@dataclass(frozen=True)
class Signed:
    """A group's sign-off as an exported record gives it: who signed, when, with items open, the note."""

    name: str
    date: datetime.date | None = None
    with_open: bool = False
    note: str = ""


@dataclass(frozen=True)
class Approved:
    """An approver's decision as an exported record gives it: who, go / no-go / pending, when."""

    name: str
    decision: str
    date: datetime.date | None = None


@dataclass(frozen=True)
class Decided:
    """The Go / No-Go decision as an exported record gives it: go / no-go / pending, who announced it, when, the blockers."""

    decision: str
    by: str = ""
    date: datetime.date | None = None
    blockers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attending:
    """An attendee of the minutes as an exported record gives one: name, role, who recorded them, when."""

    name: str
    role: str = ""
    by: str = ""
    date: datetime.date | None = None


@dataclass
class ListDraft:
    id: str
    label: str
    items: list[ItemDraft] = field(default_factory=list)
    ordered: bool = False  # its boxes came from a numbered list


@dataclass
class GroupDraft:
    id: str
    title: str
    items: list[ItemDraft] = field(default_factory=list)
    lists: list[ListDraft] = field(default_factory=list)
    signoff: bool | None = False  # None: a part's group, which has no sign-off (a part's groups are written without one)
    priority: Priority | None = None
    ordered: bool = False  # every top-level box came from a numbered list
    part: int = 0  # the heading's boxes a rule ('---') set apart, after its first: 2, 3, …; its title numbered so
    signed: Signed | None = None  # an export's record of its sign-off (``recorded.SIGNOFF_FIELDS``)

    def all_items(self) -> list[ItemDraft]:
        return [sub for item in (*self.items, *(i for lst in self.lists for i in lst.items)) for sub in item.walk()]


@dataclass
class SectionDraft:
    """A section, or a part (metrics, post-launch): written by the declaration of the one it is."""

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


@dataclass
class OptionDraft:
    id: str
    label: str
    text: str
    line: int
    icon: str = ""
    ticked: bool = False


@dataclass
class RoleDraft:
    id: str
    title: str


@dataclass
class ApprovalDraft:
    id: str = ""
    title: str = "Approval"
    roles: list[RoleDraft] = field(default_factory=list)


@dataclass
class DecisionDraft:
    id: str = ""
    title: str = "Go / No-Go Decision"
    options: list[OptionDraft] = field(default_factory=list)
    notes: str = ""
    notes_hint: str = ""


@dataclass
class FinalDraft:
    title: str
    approval: ApprovalDraft = field(default_factory=ApprovalDraft)
    decision: DecisionDraft = field(default_factory=DecisionDraft)
    approved: dict[str, str] = field(default_factory=dict)  # role id -> who approved (a ticked box of a sign-off table)
    recorded: dict[str, Approved] = field(default_factory=dict)  # role id -> an export's record of its approval
    decided: Decided | None = None  # an export's record of the Go / No-Go decision
    attendees: list[Attending] = field(default_factory=list)  # an export's record of the minutes' attendees


@dataclass
class StepDraft:
    id: str
    title: str
    text: str
    who: str = ""


@dataclass
class RollbackDraft:
    id: str
    title: str
    when: str = ""
    steps: list[StepDraft] = field(default_factory=list)


@dataclass
class LegendDraft:
    critical: str


@dataclass
class ChecklistDraft:
    id: str = ""
    title: str = ""
    version: str = ""
    created: datetime.date | None = None
    updated: datetime.date | None = None
    owner: str = ""
    next_review: str = ""
    legend: LegendDraft | None = None
    instructions: list[ItemDraft] = field(default_factory=list)
    sections: list[SectionDraft] = field(default_factory=list)
    final_signoff: FinalDraft | None = None
    metrics: SectionDraft | None = None
    post_launch: SectionDraft | None = None
    rollback: RollbackDraft | None = None

    def all_items(self) -> list[ItemDraft]:
        blocks = [*self.sections, *(p for p in (self.metrics, self.post_launch) if p)]
        return [sub for i in self.instructions for sub in i.walk()] + [item for b in blocks for item in b.all_items()]

    def data(self) -> dict[str, Any]:
        return mapping_of(self, CHECKLIST)


# ---- the YAML writer: block style, a simple entry on one line, multi-line text as literal blocks


def _node(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        out = CommentedMap((_key(k), _node(v, k)) for k, v in value.items())
        if value and key != "<root>" and all(not isinstance(v, (dict, list)) and "\n" not in str(v) for v in value.values()):
            out.fa.set_flow_style()
        return out
    if isinstance(value, list):
        return CommentedSeq(_node(v) for v in value)
    if isinstance(value, str):  # the one gate of every text import writes: whatever reader or repair made it, none holds
        value = cleared(value)  # a character no text may hold (a file's own clearing, ``Source._visible``, says where)
        value = code_shown(value, command=key == "command")  # nor its code one the page would not show (a copy holds it)
    if isinstance(value, str) and "\n" in value and not ci_command(value):  # a literal block has no escape: see dump
        return LiteralScalarString(value)
    if isinstance(value, str) and (key == "version" or not plain(value) or "\n" in value):
        return DoubleQuotedScalarString(value)
    return value


def _key(key: Any) -> Any:
    """A mapping's key, quoted where YAML would read it as something else: an item id 'no' keys the status file's items."""
    return DoubleQuotedScalarString(key) if isinstance(key, str) and not plain(key) else key


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
    # Printed on standard output (import without -o), the YAML may be in a CI job's log: a text holding a command of its
    # runner is double-quoted (_node), where escape.ci_yaml writes its first character as an escape (and so a line the
    # writer folded that would open with '::'); no other scalar can hold one (plain ones hold no '#' or ':').
    return "".join(f"# {yaml_comment(line)}\n" for line in header) + "\n" + ci_yaml(out.getvalue())
