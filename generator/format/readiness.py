"""Readiness: progress, blockers and the Go/No-Go state, computed from a checklist and its status."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Collection, Iterable, Iterator

from .bidi import embedded
from .model import Block, Checklist, FinalSignoff, Group, Item, ItemState, Part, Priority, Role, Section, State, Status, Vote, priority_of
from .types import Ident, InlineMarkdown, PlainText, Text, identity, known, same_person

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
    subject: Section | FinalSignoff  # where it is resolved: its page is the layout's to name (layout.blocker_page)
    anchor: str

    @property
    def text(self) -> str:
        """The sentence as plain text (`status`, the meeting's list): a part written right to left isolated (``bidi``)."""
        return "".join(embedded(part) for part in self.parts)


def _say(*parts: str) -> tuple[Text, ...]:
    """A sentence of our words (plain text) and data texts (of their declared kinds)."""
    return tuple(p if isinstance(p, Text) else PlainText(p) for p in parts if p)


@dataclass(frozen=True)
class Counts:
    """Where items stand, by state: the one tally behind every number the site, `status`, the packet and the export show.

    An item counts as resolved when it is done, n/a or waived (nothing more is to be done about it);
    the percentage is resolved / total. A critical item is open until it is done, or waived with a
    reason and an approver (n/a does not settle a critical item: it blocks until waived).
    """

    done: int = 0
    waived: int = 0
    not_applicable: int = 0
    open: int = 0
    critical_open: int = 0

    @property
    def total(self) -> int:
        return self.done + self.waived + self.not_applicable + self.open

    @property
    def resolved(self) -> int:
        return self.done + self.waived + self.not_applicable

    @property
    def percent(self) -> int:
        return round(100 * self.resolved / self.total) if self.total else 100

    def as_dict(self) -> dict[str, int]:
        """The numbers as the JSON export and the meeting's live numbers give them."""
        return {
            "total": self.total,
            "resolved": self.resolved,
            "percent": self.percent,
            "done": self.done,
            "waived": self.waived,
            "n/a": self.not_applicable,
            "open": self.open,
            "critical_open": self.critical_open,
        }


@dataclass(frozen=True)
class Later:
    """Work after launch, listed apart: it never blocks the launch."""

    title: str
    subject: Block  # the section (or the section of the group) or the part the work is on
    anchor: str  # the group's id, or ''
    progress: Progress

    @property
    def is_part(self) -> bool:
        return isinstance(self.subject, Part)

    @property
    def key(self) -> str:
        """Which row this is, by what it is on (the live meeting's numbers are found by it, not by the row's place)."""
        return f"{self.subject.id}/{self.anchor}" if self.anchor else self.subject.id


Placed = tuple[Block, Item, ItemState]  # an item with its page (a section or a part) and its state


@dataclass(frozen=True)
class Replaced:
    """A sign-off, an approval or the Go / No-Go decision recorded over someone else's (as ``ItemState.replaced`` for items)."""

    what: InlineMarkdown  # what it is: 'Sign-off of 1. Security › Auth', 'Approval of the CTO', 'Go / No-Go'
    state: str  # signed, go, no-go or pending
    by: str
    date: datetime.date | None
    old_state: str  # 'sign-off' for a sign-off (changed from Priya's sign-off)
    old_by: str
    old_date: datetime.date | None


@dataclass(frozen=True)
class Readiness:
    checklist: Checklist
    status: Status
    sections: tuple[tuple[Section, Progress], ...]
    blockers: tuple[Blocker, ...]
    waivers: tuple[tuple[Item, ItemState], ...] = field(default=())
    notes: tuple[tuple[Item, ItemState], ...] = field(default=())
    counts: Counts = Counts()
    later: tuple[Later, ...] = field(default=())
    work: tuple[tuple[str, tuple[Placed, ...]], ...] = field(default=())  # owner -> their open items, by due date
    overdue: tuple[Placed, ...] = field(default=())  # open items due before the record's latest date
    changed: tuple[Placed, ...] = field(default=())  # items whose state changed what someone else recorded
    replaced: tuple[Replaced, ...] = field(default=())  # sign-offs, approvals and the decision recorded over someone else's
    stale_blocking: int = 0  # runbooks past their review date that block the launch (oncall.launch_readiness): every verdict counts them
    changed_since: str = ""  # a closed run's: :data:`CHANGED_SINCE` when the checklist changed since (its filled packet says so)

    @property
    def overall(self) -> Progress:
        total = Progress()
        for _, progress in self.sections:
            total = total + progress
        return total

    @property
    def go(self) -> bool:
        return not self.blockers and not self.stale_blocking

    @property
    def blocker_count(self) -> int:
        """The blockers the verdict counts: the record's (listed in ``blockers``) and the stale runbooks that block."""
        return len(self.blockers) + self.stale_blocking

    @property
    def decision(self) -> Vote:
        """The decision recorded at the meeting; pending until one is recorded."""
        return self.status.decision.decision if self.status.decision else Vote.PENDING


def after_launch(section: Section, group: Group | None = None, item: Item | None = None) -> bool:
    """Whether work belongs after launch: its section, group or item has priority post-launch."""
    return priority_of(section, group, item) is Priority.POST_LAUNCH


def critical_ok(entry: ItemState | None) -> bool:
    """A critical item counts as done when done, or waived with a reason and an approver."""
    if entry is None:
        return False
    return entry.state is State.DONE or (entry.state is State.WAIVED and bool(entry.reason and entry.approver))


def tally(items: Iterable[Item], status: Status) -> Counts:
    """How many of ``items`` are done, waived, n/a and open, and how many critical ones are not settled."""
    found = {state: 0 for state in State}
    critical_open = 0
    for item in items:
        entry = status.item(item.id)
        found[entry.state if entry else State.OPEN] += 1
        critical_open += item.critical and not critical_ok(entry)
    return Counts(found[State.DONE], found[State.WAIVED], found[State.NOT_APPLICABLE], found[State.OPEN], critical_open)


def _section_progress(section: Section, status: Status) -> Progress:
    items = list(section.all_items())
    counts = tally(items, status)
    critical = sum(1 for i in items if i.critical)
    groups = [g for g in section.groups if g.signoff]
    return Progress(
        total=counts.total,
        resolved=counts.resolved,
        critical=critical,
        critical_done=critical - counts.critical_open,
        signoffs=len(groups),
        signed=sum(1 for g in groups if status.signoff(g.id)),
    )


def _blockers(checklist: Checklist, status: Status) -> list[Blocker]:
    """What stops the launch: work before launch that is not done, missing approvals, a NO-GO."""
    blockers: list[Blocker] = []
    for section in checklist.sections:
        for group in section.groups:
            if after_launch(section, group):
                continue
            for item in group.all_items():
                entry = status.item(item.id)
                if item.critical and not after_launch(section, group, item) and not critical_ok(entry):
                    why = (
                        "marked n/a; waive it with a reason and an approver"
                        if entry and entry.state is State.NOT_APPLICABLE
                        else "waived without an approver"
                        if entry and entry.state is State.WAIVED
                        else "not done"
                    )
                    blockers.append(Blocker(_say(f"Critical item {why}: ", item.text), section, item.id))
            if group.signoff and not status.signoff(group.id):
                blockers.append(Blocker(_say("No sign-off for ", section.heading, " › ", group.title), section, group.id))
    final = checklist.final_signoff
    if final:
        for role in final.approval.roles:
            approval = status.approval(role.id)
            if approval is None:
                blockers.append(Blocker(_say("No approval from the ", role.title), final, role.id))
            elif approval.decision is not Vote.GO:
                blockers.append(Blocker(_say("The ", role.title, " (", approval.name, f") voted {approval.decision.value.upper()}"), final, role.id))
        if status.decision and status.decision.decision is Vote.NO_GO:
            for text in status.decision.blockers or ("the launch meeting decided NO-GO",):
                blockers.append(Blocker(_say("Recorded NO-GO: ", text), final, final.decision.id))
    return blockers


def _part_progress(part: Part, status: Status) -> Progress:
    states = [status.item(i.id) for i in part.all_items()]
    return Progress(total=len(states), resolved=sum(1 for s in states if s is not None and s.state in RESOLVED))


def _later(checklist: Checklist, status: Status) -> list[Later]:
    later: list[Later] = []
    for section in checklist.sections:
        if after_launch(section):
            later.append(Later(InlineMarkdown(section.heading), section, "", _section_progress(section, status)))
            continue
        for group in section.groups:
            if after_launch(section, group):
                progress = _section_progress(Section(id=section.id, title=section.title, groups=(group,)), status)
                later.append(Later(InlineMarkdown(f"{section.heading} › {group.title}"), section, group.id, progress))
    for part in checklist.parts:
        later.append(Later(InlineMarkdown(part.title + (f" ({part.period})" if part.period else "")), part, "", _part_progress(part, status)))
    return later


CHANGED_SINCE = "checklist changed since this run was closed: numbers as at close"


def _closed_id(thing: Item | Group | Role, keep: Collection[str]) -> str:
    """The id an item, group or role had in a closed run: its id, or the former id the run ended with ('' when not in it)."""
    return thing.id if thing.id in keep else next((f for f in thing.former_ids if f in keep), "")


def _back(ids: Iterable[str], present: Collection[str], home: dict[str, str]) -> dict[str, list[str]]:
    """The ids of a closed run no longer present, each after the one present it followed in the section it was in (``home``,
    as the run closed: '' when not recorded); '§' and its section when it followed none there ('': before the first)."""
    after: dict[str, list[str]] = {}
    previous: dict[str, str] = {}
    for ident in ids:
        where = home.get(ident, "")
        if ident in present:
            previous[where] = ident
        else:
            after.setdefault(previous.get(where) or (f"§{where}" if where else ""), []).append(ident)
    return after


def _gone(ident: str) -> InlineMarkdown:
    return InlineMarkdown(f"{ident} (removed from the checklist since the run closed)")


def _priority(own: Priority | None, later: bool, now: bool) -> Priority | None:
    """A priority that makes work after launch (``later``) or not, as at a run's close; as it is where it already does (``now``)."""
    return own if later == now else Priority.POST_LAUNCH if later else None if own is Priority.POST_LAUNCH else own


def in_scope(checklist: Checklist, status: Status | None) -> Checklist:
    """The checklist as a run sees it: an open run, the checklist as it is; a closed run, the items it ended with (items
    added since are not in it). Where its close recorded what its verdict was made of (``Status.frozen``), the run is
    as it was then: its items critical or not, its items and groups after launch or not, its groups with a sign-off and
    its approver roles; those removed since are back by id, after the one they followed. So every screen counts the run
    as it was closed, however the checklist is edited later. A close entry of before (no ``frozen``): as before."""
    if status is None or not status.scope:
        return checklist
    keep: set[str] = set(status.scope)
    frozen = status.frozen
    if frozen is None:
        return _items_kept(checklist, keep)
    later, signed = frozen.later, frozen.groups
    placed, placed_groups = dict(frozen.sections), dict(frozen.group_sections)
    checklist = _moved_back(checklist, status.scope, placed, signed, placed_groups) if placed or placed_groups else checklist
    present = {ident for item in checklist.section_items() for ident in (item.id, *item.former_ids) if ident in keep}
    items_back = {k: [Item(id=Ident(i), text=_gone(i)) for i in v] for k, v in _back(status.scope, present, placed).items()}
    groups_now = {_closed_id(g, signed) for s in checklist.sections for g in s.groups} - {""}
    groups_back = {k: [Group(id=Ident(i), title=_gone(i)) for i in v] for k, v in _back(signed, groups_now, placed_groups).items()}

    def one(item: Item, block: Section, g: Group) -> Item:
        was = _closed_id(item, keep)
        mine = _priority(item.priority, was in later, after_launch(block, g, item))
        return dataclasses.replace(item, items=items(item.items, block, g), critical=was in frozen.critical, priority=mine)

    def items(found: tuple[Item, ...], block: Section, g: Group, starts: tuple[str, ...] = ()) -> tuple[Item, ...]:
        out = [one(i, block, g) for key in starts for i in items_back.pop(key, ())]
        for i in found:
            if was := _closed_id(i, keep):
                out += [one(i, block, g), *(one(gone, block, g) for gone in items_back.pop(was, ()))]
        return tuple(out)

    def group(block: Section, g: Group, starts: tuple[str, ...] = ()) -> Group:
        was = _closed_id(g, signed) or _closed_id(g, later)
        g = dataclasses.replace(g, signoff=was in signed, priority=_priority(g.priority, was in later, after_launch(block, g)))
        lists = tuple(dataclasses.replace(sub, items=items(sub.items, block, g)) for sub in g.lists)
        return dataclasses.replace(g, items=items(g.items, block, g, starts), lists=lists)

    def in_run(g: Group) -> bool:
        return bool(_closed_id(g, signed) or _closed_id(g, later) or any(_closed_id(i, keep) for i in g.all_items()))

    def section(s: Section, first: bool) -> Section:
        if s.priority is Priority.POST_LAUNCH and any(in_run(g) and _closed_id(g, later) not in later for g in s.groups):
            s = dataclasses.replace(s, priority=Priority.LOW)  # not all after launch as the run closed: each group says which is
        starts = ("",) * first + tuple(f"§{ident}" for ident in (s.id, *s.former_ids))  # what followed nothing there goes first
        order = [g for key in starts for g in groups_back.pop(key, ())]
        for g in s.groups:
            order += [g, *groups_back.pop(_closed_id(g, signed), ())]
        return dataclasses.replace(s, groups=tuple(group(s, g, starts if n == 0 else ()) for n, g in enumerate(order)))

    sections = [section(s, n == 0) for n, s in enumerate(checklist.sections)]
    if sections and sections[-1].groups:  # what is left had nothing of the run left to follow: the last group takes it
        *head, tail = sections
        last = tail.groups[-1]
        rest = tuple(one(gone, tail, last) for found in items_back.values() for gone in found)
        more = tuple(group(tail, gone) for found in groups_back.values() for gone in found)
        sections = [*head, dataclasses.replace(tail, groups=(*tail.groups[:-1], dataclasses.replace(last, items=last.items + rest), *more))]
    return dataclasses.replace(checklist, sections=tuple(sections), final_signoff=_final_as_closed(checklist.final_signoff, frozen.roles))


def _moved_back(checklist: Checklist, scope: tuple[str, ...], placed: dict[str, str], signed: tuple[str, ...], placed_groups: dict[str, str]) -> Checklist:
    """The checklist with what a closed run counted in one section and was moved to another since back where it was as
    the run closed (``placed``: item -> section; ``placed_groups``: group with a sign-off -> section): a group goes back
    whole, after the group of the run it followed there; an item alone (a sub-item too, from under an item of another
    section) after the item of the run it followed there (into the section's first group when none). So the run's
    numbers by section stay as at close. A section removed since: as it is."""
    keep, rank, ranked = set(scope), {ident: n for n, ident in enumerate(scope)}, {ident: n for n, ident in enumerate(signed)}
    where: dict[str, int] = {ident: n for n, s in enumerate(checklist.sections) for ident in (*s.former_ids, s.id)}

    def home(item: Item) -> int | None:
        return where.get(placed.get(_closed_id(item, keep), ""))

    def first(items: Iterable[Item]) -> int:
        return min((rank[was] for i in items if (was := _closed_id(i, keep))), default=-1)

    groups = [list(s.groups) for s in checklist.sections]
    moved = False
    for n, section in enumerate(checklist.sections):  # a group with a sign-off: back into its section, after the one it followed
        for g in section.groups:
            was = _closed_id(g, ranked)
            m = where.get(placed_groups.get(was, ""))
            if m is not None and m != n:
                groups[n].remove(g)
                after = [k for k, other in enumerate(groups[m]) if (o := _closed_id(other, ranked)) and ranked[o] < ranked[was]]
                groups[m].insert(after[-1] + 1 if after else 0, g)
                moved = True
    tops = [[(g, [list(g.items), *(list(x.items) for x in g.lists)]) for g in found] for found in groups]
    moving: list[tuple[int, Item]] = []
    for n, found in enumerate(tops):  # an item alone: out of the section it is in now
        for _, lists in found:
            for top in lists:
                top[:] = _sort_out(top, n, lambda item: (m if (m := home(item)) is not None and tops[m] else None), moving)
    for m, item in sorted(moving, key=lambda pair: rank[_closed_id(pair[1], keep)]):  # back after the item of the run it followed
        mine = rank[_closed_id(item, keep)]
        spots = [(first(top[k].walk()), k + 1, top) for _, lists in tops[m] for top in lists for k in range(len(top))]
        _, at, top = max((spot for spot in spots if 0 <= spot[0] < mine), key=lambda spot: spot[0], default=(0, 0, tops[m][0][1][0]))
        top.insert(at, item)
    if not moved and not moving:
        return checklist

    def made(g: Group, lists: list[list[Item]]) -> Group:
        kept = tuple(dataclasses.replace(x, items=tuple(top)) for x, top in zip(g.lists, lists[1:], strict=True))
        return dataclasses.replace(g, items=tuple(lists[0]), lists=kept)

    sections = (dataclasses.replace(s, groups=tuple(made(g, lists) for g, lists in found)) for s, found in zip(checklist.sections, tops, strict=True))
    return dataclasses.replace(checklist, sections=tuple(sections))


def _sort_out(items: Iterable[Item], n: int, home: Callable[[Item], int | None], moving: list[tuple[int, Item]]) -> list[Item]:
    """``items`` as they stay in section ``n``: an item the run counted in another section (``home``: None for one that
    stays where it is) goes out into ``moving``, at any depth (a sub-item moved alone under an item of another section
    counted there); the sub-items of each, kept or moving, are sorted out against the section it ends up in."""
    stay = []
    for item in items:
        m = home(item)
        at = n if m is None else m
        subs = _sort_out(item.items, at, home, moving)
        if len(subs) != len(item.items) or any(a is not b for a, b in zip(subs, item.items, strict=True)):
            item = dataclasses.replace(item, items=tuple(subs))
        if at != n:
            moving.append((at, item))
        else:
            stay.append(item)
    return stay


def _final_as_closed(final: FinalSignoff | None, roles: tuple[str, ...]) -> FinalSignoff | None:
    """The final sign-off with the approver ``roles`` a closed run ended with (one removed since: back by its id)."""
    if final is None:
        return None
    now = {_closed_id(r, roles): r for r in final.approval.roles}
    kept = tuple(now.get(i) or Role(id=Ident(i), title=_gone(i)) for i in roles)
    return dataclasses.replace(final, approval=dataclasses.replace(final.approval, roles=kept))


def _items_kept(checklist: Checklist, keep: set[str]) -> Checklist:
    """The checklist with only the items a closed run ended with (a close entry that recorded no more)."""

    def items(found: tuple[Item, ...]) -> tuple[Item, ...]:
        return tuple(dataclasses.replace(i, items=items(i.items)) for i in found if _closed_id(i, keep))

    def group(g: Group) -> Group:
        return dataclasses.replace(g, items=items(g.items), lists=tuple(dataclasses.replace(sub, items=items(sub.items)) for sub in g.lists))

    return dataclasses.replace(checklist, sections=tuple(dataclasses.replace(s, groups=tuple(group(g) for g in s.groups)) for s in checklist.sections))


def changed_since(checklist: Checklist, status: Status | None) -> bool:
    """Whether the checklist changed, since ``status``'s run was closed, in what its numbers were made of: an item, a
    group's sign-off or an approver role of the run removed, an item made critical or not, an item or a group moved after
    launch or back, an item moved to another section, or anything else that makes its verdict another than its close recorded (the screens then say
    :data:`CHANGED_SINCE`)."""
    frozen = status.frozen if status is not None else None
    if frozen is None or status is None:
        return False
    keep: set[str] = set(status.scope)
    items: dict[str, tuple[bool, bool]] = {}
    groups: dict[str, bool] = {}
    placed, placed_groups, moved = dict(frozen.sections), dict(frozen.group_sections), False
    for block in checklist.sections:
        for g in block.groups:
            if g.signoff:
                groups[was_g := _closed_id(g, frozen.groups) or g.id] = after_launch(block, g)
                moved = moved or (was_g in placed_groups and placed_groups[was_g] not in (block.id, *block.former_ids))
            for item in g.all_items():
                if was := _closed_id(item, keep):
                    items[was] = (item.critical, after_launch(block, g, item))
                    moved = moved or (was in placed and placed[was] not in (block.id, *block.former_ids))  # in another section now
    roles = tuple(_closed_id(r, frozen.roles) or r.id for r in checklist.final_signoff.approval.roles) if checklist.final_signoff else ()
    if (
        moved
        or items != {ident: (ident in frozen.critical, ident in frozen.later) for ident in status.scope}
        or groups != {ident: ident in frozen.later for ident in frozen.groups}
        or sorted(roles) != sorted(frozen.roles)
    ):
        return True
    r = readiness(checklist, status)  # anything else: the verdict is not the one its close recorded
    return (not r.blockers and not frozen.runbooks) != (frozen.verdict is Vote.GO)


_last: list[tuple[Checklist, Status | None, Readiness]] = []  # the last one computed: a render asks for it several times


def readiness(checklist: Checklist, status: Status | None) -> Readiness:
    """Progress of every section, and what blocks the launch; post-launch work is listed apart, never a blocker.

    The model is frozen, so the readiness of the very objects asked for last is given again (the blocks,
    the readiness page and the export each ask; at 10,000 items it takes 0.03 s)."""
    if _last and _last[0][0] is checklist and _last[0][1] is status:
        return _last[0][2]
    found = _readiness(checklist, status)
    _last[:] = [(checklist, status, found)]
    return found


def _readiness(checklist: Checklist, status: Status | None) -> Readiness:
    status = status or Status(checklist=checklist.id)
    checklist = in_scope(checklist, status)  # a closed run counts the items it ended with, wherever it is shown
    items = {i.id: i for i in checklist.items_by_id().values()}
    waivers = tuple((items[s.id], s) for s in status.items if s.state is State.WAIVED and s.id in items)
    notes = tuple((items[s.id], s) for s in status.items if s.note and s.id in items)
    sections = tuple((s, _section_progress(s, status)) for s in checklist.sections)
    blockers, later = tuple(_blockers(checklist, status)), tuple(_later(checklist, status))
    counts = tally((i for s in checklist.sections for i in s.all_items()), status)  # the same items as ``overall``
    where: dict[str, tuple[Block, Item]] = {i.id: (block, i) for block in checklist.blocks for i in block.all_items()}
    work, overdue = _work(where, status)
    changed = tuple((*where[s.id], s) for s in status.items if s.replaced() is not None and s.id in where)
    return Readiness(checklist, status, sections, blockers, waivers, notes, counts, later, work, overdue, changed, tuple(_replaced(checklist, status)))


def _replaced(checklist: Checklist, status: Status) -> Iterator[Replaced]:
    """The sign-offs, approvals and decision that a later entry recorded over someone else's: the readiness page and the
    minutes say so, as they say it of items (a sign-off or a GO given again by another person hid who gave the first)."""
    for section in checklist.sections:
        for group in section.groups:
            s = status.signoff(group.id) if group.signoff else None
            if s is not None and s.previous is not None and not same_person(s.previous.name, s.name):
                what = InlineMarkdown(f"Sign-off of {section.number}. {section.title} › {group.title}")
                yield Replaced(what, "signed", s.name, s.date, "sign-off", s.previous.name, s.previous.date)
    for role in checklist.final_signoff.approval.roles if checklist.final_signoff else ():
        a = status.approval(role.id)
        if a is not None and a.previous is not None and not same_person(a.previous.name, a.name):
            old = a.previous
            yield Replaced(InlineMarkdown(f"Approval of the {role.title}"), a.decision.value, a.name, a.date, old.decision.value, old.name, old.date)
    d = status.decision
    if d is not None and d.previous is not None and d.previous.by and not same_person(d.previous.by, d.by):
        yield Replaced(InlineMarkdown("Go / No-Go"), d.decision.value, d.by, d.date, d.previous.decision.value, d.previous.by, d.previous.date)


def latest_date(status: Status) -> datetime.date | None:
    """The latest date in the record (items, sign-offs, approvals, decision, and every entry: an owner assigned is
    recorded too): what "as of", "overdue" and the history's "late" refer to."""
    dates = [e.date for e in (*status.items, *status.signoffs, *status.approvals, status.decision) if e is not None and e.date]
    dates += [entry.at.date() for entry in status.entries]
    return max(dates) if dates else None


def _spelling(placed: list[Placed]) -> PlainText:
    """The name a person's open work is listed under: as most of it was assigned (as the project's .mailmap names the
    person: 'arun@realserv.example' and 'Arun Kumar' are one), the first in order when as many."""
    names = Counter(known(entry.owner) for *_, entry in placed)
    return PlainText(min(names, key=lambda name: (-names[name], name)))


def _work(where: dict[str, tuple[Block, Item]], status: Status) -> tuple[tuple[tuple[str, tuple[Placed, ...]], ...], tuple[Placed, ...]]:
    """Open items with an owner, per owner (by due date), and those overdue as of the record's latest date."""
    far = datetime.date.max
    owned = sorted((s for s in status.items if s.owner and s.state not in RESOLVED and s.id in where), key=lambda s: (identity(s.owner), s.due or far, s.id))
    people: dict[str, list[Placed]] = {}  # one person however the name was typed ('Arun', 'arun', a Cyrillic 'А'), by identity
    for entry in owned:
        people.setdefault(identity(entry.owner), []).append((*where[entry.id], entry))
    today = latest_date(status)
    overdue = tuple((*where[s.id], s) for s in sorted(owned, key=lambda s: (s.due or far, s.id)) if s.due and today and s.due < today)
    return tuple((_spelling(mine), tuple(mine)) for mine in people.values()), overdue


def group_signoff(status: Status | None, group: Group) -> PlainText:
    """'Signed by NAME on DATE' for a group, or '' when it is not signed."""
    signoff = status.signoff(group.id) if status else None
    if signoff is None:
        return PlainText("")
    return PlainText(f"Signed by {signoff.name}" + (f" on {signoff.date}" if signoff.date else ""))
