"""Readiness: progress, blockers and the Go/No-Go state, computed from a checklist and its status."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Checklist, Group, Item, ItemState, Section, State, Status, Vote
from .types import PlainText, Text

RESOLVED = (State.DONE, State.NOT_APPLICABLE, State.WAIVED)


@dataclass(frozen=True)
class Progress:
    total: int = 0
    resolved: int = 0
    critical: int = 0
    critical_done: int = 0
    signoffs: int = 0
    signed: int = 0

    def __add__(self, other: Progress) -> Progress:
        return Progress(*(a + b for a, b in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[int, ...]:
        return (self.total, self.resolved, self.critical, self.critical_done, self.signoffs, self.signed)

    @property
    def percent(self) -> int:
        return round(100 * self.resolved / self.total) if self.total else 100


@dataclass(frozen=True)
class Blocker:
    parts: tuple[Text, ...]  # our words and the data's texts, each of its kind: the site escapes each for its place
    page: str  # page id inside the checklist folder
    anchor: str

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _say(*parts: str) -> tuple[Text, ...]:
    """A sentence of our words (plain text) and data texts (of their declared kinds)."""
    return tuple(p if isinstance(p, Text) else PlainText(p) for p in parts if p)


@dataclass(frozen=True)
class Readiness:
    checklist: Checklist
    status: Status
    sections: tuple[tuple[Section, Progress], ...]
    blockers: tuple[Blocker, ...]
    waivers: tuple[tuple[Item, ItemState], ...] = field(default=())
    notes: tuple[tuple[Item, ItemState], ...] = field(default=())

    @property
    def overall(self) -> Progress:
        total = Progress()
        for _, progress in self.sections:
            total = total + progress
        return total

    @property
    def go(self) -> bool:
        return not self.blockers


def critical_ok(entry: ItemState | None) -> bool:
    """A critical item counts as done when done, or waived with a reason and an approver."""
    if entry is None:
        return False
    return entry.state is State.DONE or (entry.state is State.WAIVED and bool(entry.reason and entry.approver))


def _section_progress(section: Section, status: Status) -> Progress:
    items = list(section.all_items())
    states = [status.item(i.id) for i in items]
    groups = [g for g in section.groups if g.signoff]
    return Progress(
        total=len(items),
        resolved=sum(1 for s in states if s is not None and s.state in RESOLVED),
        critical=sum(1 for i in items if i.critical),
        critical_done=sum(1 for i, s in zip(items, states, strict=True) if i.critical and critical_ok(s)),
        signoffs=len(groups),
        signed=sum(1 for g in groups if status.signoff(g.id)),
    )


def readiness(checklist: Checklist, status: Status | None) -> Readiness:
    status = status or Status(checklist.id)
    blockers: list[Blocker] = []
    for section in checklist.sections:
        for group in section.groups:
            for item in group.all_items():
                entry = status.item(item.id)
                if item.critical and not critical_ok(entry):
                    why = "marked n/a; waive it with a reason and an approver" if entry and entry.state is State.NOT_APPLICABLE else "not done"
                    blockers.append(Blocker(_say(f"Critical item {why}: ", item.text), section.id, item.id))
            if group.signoff and not status.signoff(group.id):
                blockers.append(Blocker(_say(f"No sign-off for {section.number}. ", section.title, " › ", group.title), section.id, group.id))
    if checklist.final_signoff:
        for role in checklist.final_signoff.approval.roles:
            approval = status.approval(role.id)
            if approval is None:
                blockers.append(Blocker(_say("No approval from the ", role.title), "final-signoff", role.id))
            elif approval.decision is not Vote.GO:
                blockers.append(Blocker(_say("The ", role.title, " (", approval.name, f") voted {approval.decision.value.upper()}"), "final-signoff", role.id))
        if status.decision and status.decision.decision is Vote.NO_GO:
            for text in status.decision.blockers or ("the launch meeting decided NO-GO",):
                blockers.append(Blocker(_say("Recorded NO-GO: ", text), "final-signoff", checklist.final_signoff.decision.id))
    items = {i.id: i for section in checklist.sections for i in section.all_items()}
    waivers = tuple((items[s.id], s) for s in status.items if s.state is State.WAIVED and s.id in items)
    notes = tuple((items[s.id], s) for s in status.items if s.note and s.id in items)
    sections = tuple((s, _section_progress(s, status)) for s in checklist.sections)
    return Readiness(checklist, status, sections, tuple(blockers), waivers, notes)


def group_signoff(status: Status | None, group: Group) -> PlainText:
    """'Signed by NAME on DATE' for a group, or '' when it is not signed."""
    signoff = status.signoff(group.id) if status else None
    if signoff is None:
        return PlainText("")
    return PlainText(f"Signed by {signoff.name}" + (f" on {signoff.date}" if signoff.date else ""))
