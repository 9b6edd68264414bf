"""The checklist as frozen, typed objects: no I/O, no templates."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Iterator

from ..errors import Loc
from .types import InlineMarkdown, Period

NOWHERE = Loc("<unknown>")


class Priority(str, Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    POST_LAUNCH = "post-launch"

    @property
    def label(self) -> str:
        return {
            "critical": "Critical",
            "high": "High Priority",
            "medium": "Medium Priority",
            "low": "Low Priority",
            "post-launch": "Post-Launch",
        }[self.value]


def _loc() -> Loc:
    return field(default=NOWHERE, compare=False, repr=False)


FOLDED = {"folded": True}  # a model field computed from the record, not a key of the file: the declaration test leaves it out


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    critical: bool = False
    target: str | None = None
    ordered: bool = False
    alarm: bool = False
    priority: Priority | None = None
    details: str = ""
    former_ids: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()
    loc: Loc = _loc()

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.items:
            yield from child.walk()


@dataclass(frozen=True)
class ItemList:
    """A labelled list inside a group ("Database List", "Service List")."""

    id: str
    label: str
    items: tuple[Item, ...]
    loc: Loc = _loc()


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    items: tuple[Item, ...] = ()
    lists: tuple[ItemList, ...] = ()
    signoff: bool = True
    former_ids: tuple[str, ...] = ()
    priority: Priority | None = None  # a group's own priority, where it differs from its section's
    loc: Loc = _loc()

    def all_items(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()
        for sub in self.lists:
            for item in sub.items:
                yield from item.walk()


class Block:
    """What sections and parts share: a page of groups (its runbook page and its sheet).

    A part (metrics, post-launch tasks) is not numbered and has no priority and no former ids of
    its own: it has the defaults below, so code walks ``c.blocks`` without telling the two apart.
    """

    id: str
    title: str
    groups: tuple[Group, ...]
    loc: Loc
    number: int = 0
    priority: Priority | None = None
    former_ids: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The title as the navigation and the search show it: "3. Testing" for a section."""
        return f"{self.number}. {self.title}" if self.number else self.title

    def all_items(self) -> Iterator[Item]:
        for group in self.groups:
            yield from group.all_items()


def priority_of(block: Block, group: Group | None = None, item: Item | None = None) -> Priority | None:
    """The priority work has: post-launch when its block, group or item says so (post-launch work
    never blocks the launch, whatever else is said), else the closest one given (item, group, block)."""
    given = [x.priority for x in (item, group, block) if x is not None and x.priority is not None]
    return Priority.POST_LAUNCH if Priority.POST_LAUNCH in given else next(iter(given), None)


@dataclass(frozen=True)
class Section(Block):
    id: str
    title: str
    groups: tuple[Group, ...]
    priority: Priority | None = None
    icon: str = ""
    number: int = 0
    notes: str = ""
    former_ids: tuple[str, ...] = ()
    loc: Loc = _loc()


@dataclass(frozen=True)
class Part(Block):
    """A titled block of groups outside the numbered sections (metrics, post-launch tasks)."""

    id: str
    title: str
    groups: tuple[Group, ...]
    period: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Approval:
    id: str
    title: str
    roles: tuple[Role, ...]
    loc: Loc = _loc()


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    text: str
    icon: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Decision:
    id: str
    title: str
    options: tuple[Option, ...]
    notes: str = InlineMarkdown("Notes / Blockers")
    notes_hint: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class FinalSignoff:
    approval: Approval
    decision: Decision
    title: str = InlineMarkdown("Final Sign-off")
    loc: Loc = _loc()


@dataclass(frozen=True)
class Variable:
    """A value a command needs ($NAME): what it is and how to find it."""

    name: str
    find: str
    example: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    text: str
    who: str = ""
    command: str | None = None
    example: bool = False
    loc: Loc = _loc()


@dataclass(frozen=True)
class Rollback:
    id: str
    title: str
    steps: tuple[Step, ...]
    when: str = ""
    variables: tuple[Variable, ...] = ()
    loc: Loc = _loc()


@dataclass(frozen=True)
class Legend:
    critical: str = InlineMarkdown("Critical item: don't skip it.")
    loc: Loc = _loc()


@dataclass(frozen=True)
class Checklist:
    id: str
    title: str
    sections: tuple[Section, ...]
    version: str = ""
    created: datetime.date | None = None
    updated: datetime.date | None = None
    owner: str = ""
    next_review: str = ""
    legend: Legend = Legend()
    instructions: tuple[Item, ...] = ()
    final_signoff: FinalSignoff | None = None
    metrics: Part | None = None
    post_launch: Part | None = None
    rollback: Rollback | None = None
    source: str = ""
    loc: Loc = _loc()

    @property
    def parts(self) -> tuple[Part, ...]:
        return tuple(p for p in (self.metrics, self.post_launch) if p is not None)

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The sections, then the parts: every page of groups."""
        return (*self.sections, *self.parts)

    def item_blocks(self) -> dict[str, tuple[Block | None, Item]]:
        """Every item by id, with the section or part it is in (None: an instruction); computed once (the record checks every change against it)."""
        return self._item_blocks

    def items_by_id(self) -> dict[str, Item]:
        return self._items_by_id

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {ident: item for ident, (_, item) in self.item_blocks().items()}

    @cached_property
    def _item_blocks(self) -> dict[str, tuple[Block | None, Item]]:
        out: dict[str, tuple[Block | None, Item]] = {}
        for item in self.instructions:
            for sub in item.walk():
                out[sub.id] = (None, sub)
        for block in self.blocks:
            for item in block.all_items():
                out[item.id] = (block, item)
        return out

    def section_items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.all_items()

    def critical_items(self) -> Iterator[tuple[Section, Group, Item]]:
        for section in self.sections:
            for group in section.groups:
                for item in group.all_items():
                    if item.critical:
                        yield section, group, item


class Severity(str, Enum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True)
class Contact:
    """Whom an escalation step reaches, and how: a phone, chat, pager or e-mail address."""

    role: str
    name: str = ""
    phone: str = ""
    chat: str = ""
    pager: str = ""
    email: str = ""
    loc: Loc = _loc()

    def ways(self) -> tuple[tuple[str, str], ...]:
        """(how, address) for each way to reach the contact, in the order to try them."""
        return tuple((how, address) for how, address in (("Call", self.phone), ("Page", self.pager), ("Chat", self.chat), ("E-mail", self.email)) if address)


@dataclass(frozen=True)
class Action:
    """One step of a runbook's diagnosis, mitigation or escalation, with an optional command (and, to escalate, a contact)."""

    text: str
    command: str | None = None
    example: bool = False
    contact: Contact | None = None
    loc: Loc = _loc()


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    loc: Loc = _loc()


@dataclass(frozen=True)
class Runbook:
    """What the on-call engineer does when an alarm fires; served at /runbooks/<id>/."""

    id: str
    title: str
    item: str
    severity: Severity
    owner: str
    meaning: str
    impact: str
    diagnosis: tuple[Action, ...]
    mitigation: tuple[Action, ...]
    escalation: tuple[Action, ...]
    alarm_name: str = ""
    alerts: tuple[str, ...] = ()
    metric: str = ""
    threshold: str = ""
    related: tuple[str, ...] = ()
    dashboards: tuple[Link, ...] = ()
    former_ids: tuple[str, ...] = ()
    variables: tuple[Variable, ...] = ()
    last_reviewed: datetime.date | None = None
    review_every: Period = Period(3, "month")
    last_exercised: datetime.date | None = None
    loc: Loc = _loc()

    @property
    def review_due(self) -> datetime.date | None:
        """When the runbook is due for review: a period after its last review (None: no review recorded)."""
        return self.review_every.after(self.last_reviewed) if self.last_reviewed else None


@dataclass(frozen=True)
class RunbookSet:
    checklist: str
    runbooks: tuple[Runbook, ...]
    stale_blocks_gate: bool = False
    source: str = ""
    loc: Loc = _loc()


class State(str, Enum):
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "n/a"
    WAIVED = "waived"


class RunEvent(str, Enum):
    START = "start"
    CLOSE = "close"


class Vote(str, Enum):
    GO = "go"
    NO_GO = "no-go"
    PENDING = "pending"


@dataclass(frozen=True)
class ItemState:
    """Where one item stands: who did (or waived) it, and when."""

    id: str
    state: State
    by: str = ""
    date: datetime.date | None = None
    note: str = ""
    reason: str = ""
    approver: str = ""
    at: datetime.datetime | None = field(default=None, metadata=FOLDED)  # from a record entry: when, with its zone
    previous: ItemState | None = field(default=None, compare=False, metadata=FOLDED)  # the state this one replaced (history)
    owner: str = field(default="", metadata=FOLDED)  # from `assign`: who owns the item, and when it is due
    due: datetime.date | None = field(default=None, metadata=FOLDED)
    loc: Loc = _loc()

    def replaced(self) -> ItemState | None:
        """The state by someone else that this one changed (for "changed from Priya's done"), or None."""
        earlier = self.previous
        return earlier if earlier is not None and earlier.by and earlier.by != self.by else None

    def history(self) -> Iterator[ItemState]:
        """The states this one replaced, latest first."""
        earlier = self.previous
        while earlier is not None:
            yield earlier
            earlier = earlier.previous


@dataclass(frozen=True)
class Signoff:
    """A group's sign-off: who signed, and when."""

    id: str
    name: str
    date: datetime.date | None = None
    note: str = ""
    with_open: bool = field(default=False, metadata=FOLDED)  # signed although items were open, and said so (an entry's `with_open`)
    at: datetime.datetime | None = field(default=None, metadata=FOLDED)
    previous: Signoff | None = field(default=None, compare=False, metadata=FOLDED)
    loc: Loc = _loc()


@dataclass(frozen=True)
class RoleApproval:
    """One approver's entry in the final sign-off."""

    id: str
    name: str
    decision: Vote = Vote.GO
    date: datetime.date | None = None
    at: datetime.datetime | None = field(default=None, metadata=FOLDED)
    previous: RoleApproval | None = field(default=None, compare=False, metadata=FOLDED)
    loc: Loc = _loc()


@dataclass(frozen=True)
class DecisionRecord:
    decision: Vote = Vote.PENDING
    by: str = ""
    date: datetime.date | None = None
    blockers: tuple[str, ...] = ()
    at: datetime.datetime | None = field(default=None, metadata=FOLDED)
    previous: DecisionRecord | None = field(default=None, compare=False, metadata=FOLDED)
    loc: Loc = _loc()


@dataclass(frozen=True)
class Change:
    """One change in a record entry: an item's state or note, a sign-off, an approval, the decision, an owner or an attendee."""

    item: str = ""
    state: State | None = None
    note: str = ""
    reason: str = ""
    approver: str = ""
    signoff: str = ""
    with_open: bool = False
    name: str = ""
    approval: str = ""
    decision: Vote | None = None
    blockers: tuple[str, ...] = ()
    assign: str = ""
    to: str = ""
    due: datetime.date | None = None
    attendee: str = ""
    role: str = ""
    run: RunEvent | None = None
    revision: str = ""
    items: tuple[str, ...] = ()
    loc: Loc = _loc()

    @property
    def kind(self) -> str:
        """Which of item, signoff, approval, assign, attendee, run this change records ('decision' when none)."""
        return next((k for k in ("item", "signoff", "approval", "assign", "attendee", "run") if getattr(self, k)), "decision")


@dataclass(frozen=True)
class Entry:
    """One record entry file: who recorded what, and when; never changed once written."""

    checklist: str
    by: str
    at: datetime.datetime
    changes: tuple[Change, ...] = ()
    run: str = ""  # the run it belongs to (its folder), '' for the default run
    source: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Assignment:
    """An item's owner and due date, as recorded by `assign`."""

    item: str
    to: str
    due: datetime.date | None = None
    by: str = ""
    at: datetime.datetime | None = field(default=None, metadata=FOLDED)
    loc: Loc = _loc()


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str = ""
    loc: Loc = _loc()


@dataclass(frozen=True)
class Status:
    """The recorded progress of one checklist, kept in its own file next to it."""

    checklist: str
    items: tuple[ItemState, ...] = ()
    signoffs: tuple[Signoff, ...] = ()
    approvals: tuple[RoleApproval, ...] = ()
    decision: DecisionRecord | None = None
    source: str = ""
    # Not keys of the status file: the record's entries folded into this state (``fold``), and the run it is of.
    entries: tuple[Entry, ...] = field(default=(), metadata=FOLDED)  # in time order
    assignments: tuple[Assignment, ...] = field(default=(), metadata=FOLDED)
    attendees: tuple[Attendee, ...] = field(default=(), metadata=FOLDED)
    run: str = field(default="", metadata=FOLDED)  # '' for the default run (the record's top folder), else the run's name
    started: datetime.datetime | None = field(default=None, metadata=FOLDED)  # `run start`: when, from which revision of data/, with which items
    closed: datetime.datetime | None = field(default=None, metadata=FOLDED)  # `run close`: no entry after it
    revision: str = field(default="", metadata=FOLDED)
    scope: tuple[str, ...] = field(default=(), metadata=FOLDED)  # a closed run's item ids as it ended (empty: an open run, on the checklist as it is)
    loc: Loc = _loc()

    @cached_property
    def _by_id(self) -> tuple[dict[str, ItemState], dict[str, Signoff], dict[str, RoleApproval]]:
        """Lookups by id, built once: readiness and exports ask for every item of a checklist."""
        return {i.id: i for i in self.items}, {s.id: s for s in self.signoffs}, {a.id: a for a in self.approvals}

    @cached_property
    def _owners(self) -> dict[str, Assignment]:
        return {a.item: a for a in self.assignments}

    def assignment(self, ident: str) -> Assignment | None:
        return self._owners.get(ident)

    def item(self, ident: str) -> ItemState | None:
        return self._by_id[0].get(ident)

    def signoff(self, ident: str) -> Signoff | None:
        return self._by_id[1].get(ident)

    def approval(self, ident: str) -> RoleApproval | None:
        return self._by_id[2].get(ident)


@dataclass(frozen=True)
class Data:
    """Everything in data/: the checklists and the runbooks that answer their alarms."""

    checklists: tuple[Checklist, ...]
    runbooks: tuple[Runbook, ...] = ()
    runbook_sets: tuple[RunbookSet, ...] = ()
    statuses: tuple[Status, ...] = ()  # each checklist's default run: its status file with its record folded in
    runs: tuple[Status, ...] = ()  # with named runs (data/<id>.record/<run>/): every run, the default one ('') first

    def status(self, checklist_id: str, run: str | None = None) -> Status | None:
        """The current run's state (the latest named run started, else the default run), or run ``run``'s."""
        if run is not None and (run or self.runs_of(checklist_id)):
            return next((s for s in self.runs_of(checklist_id) if s.run == run), None)
        return next((s for s in self.statuses if s.checklist == checklist_id), None)

    def runs_of(self, checklist_id: str) -> tuple[Status, ...]:
        return tuple(s for s in self.runs if s.checklist == checklist_id)

    def checklist(self, ident: str) -> Checklist | None:
        return next((c for c in self.checklists if c.id == ident), None)

    def runbook_checklist(self, runbook: Runbook) -> Checklist:
        owner = next(s for s in self.runbook_sets if runbook in s.runbooks)
        found = self.checklist(owner.checklist)
        assert found is not None
        return found
