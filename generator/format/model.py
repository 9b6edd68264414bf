"""The format as frozen, typed objects: each key of a file declared once, on the attribute that holds it; no I/O, no templates.

An attribute declared with ``declared`` is a key of the file: its type reads it (``types.py``), its
annotation says what it holds (which kind of text: ``InlineMarkdown``, ``PlainText``...), its text is
the meaning the reference and the JSON Schema show (``schema.py`` derives both, and the loader's
``Spec``, from these classes). Other attributes (``loc``, ``source``, what the record folds in) are
not keys of any file.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, Iterator, Mapping

from ..errors import Loc
from .bidi import numbered
from .types import (
    Address,
    AddressType,
    Bool,
    Choice,
    Code,
    Command,
    Date,
    DateTime,
    FilePath,
    Id,
    Ident,
    IdMap,
    Ids,
    InlineMarkdown,
    Line,
    Lines,
    List,
    Markdown,
    MarkdownBlock,
    Name,
    Object,
    Period,
    PeriodType,
    PlainText,
    Spec,
    Url,
    UrlType,
    VarName,
    declare,
    declared,
    same_person,
    view,
)

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


def _places() -> Mapping[str, Loc]:
    """Where each key's value is written (``Converter.build`` gives every object its own): see :func:`place`."""
    return field(default_factory=dict, compare=False, repr=False)


def place(obj: Any, key: str) -> Loc:
    """Where ``obj``'s key ``key`` has its value: a problem with that value is said there (a runbook's ``item:`` naming a
    removed item at that line, not at the runbook's ``- id:``); the object's own place when it was not written there (a
    default, an object made by code)."""
    return obj.places.get(key, obj.loc)


@declare
class Item:
    """A check box."""

    id: Ident = declared(Id(), "Stable id: the item's URL anchor. Lowercase letters, digits and hyphens.", required=True, example="firebase-auth-prod")
    text: InlineMarkdown = declared(Line(), "What to check, in one line. Inline Markdown (emphasis, `code`, links) is allowed.", required=True)
    critical: bool = declared(Bool(), "A critical item must not be skipped; it carries a Critical badge.", example=True, default=False)
    target: InlineMarkdown | None = declared(Line(), "A target value for a metric, shown after the text.", example="<1%", default=None)
    ordered: bool = declared(Bool(), "Number the sub-items (a sequence that must be followed in order).", default=False)
    alarm: bool = declared(Bool(), "The item is a monitoring alarm: a runbook must answer it (see runbooks.yaml).", default=False)
    priority: Priority | None = declared(Choice(), "The item's own priority, where it differs from its section's.", default=None)
    details: MarkdownBlock = declared(
        Markdown(), "More about the item: paragraphs, notes, code blocks, links. Shown under it on the runbook page.", default=MarkdownBlock()
    )
    former_ids: tuple[Ident, ...] = declared(Ids(), "Ids this item had before: links to them keep landing here.", example=["old-item-id"], default=())
    items: tuple[Item, ...] = declared(List(), "Sub-items, indented under this one.", default=())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.items:
            yield from child.walk()


@declare
class ItemList:
    """A labelled list of check boxes inside a group, such as 'Database List'."""

    id: Ident = declared(Id(), "Stable id: the list's URL anchor.", required=True)
    label: InlineMarkdown = declared(Line(), "The list's label.", required=True, example="Database List")
    ordered: bool = declared(Bool(), "Number the list's check boxes (a sequence that must be followed in order).", default=False)
    items: tuple[Item, ...] = declared(List(), "The list's check boxes.", required=True)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Group:
    """A group of items that is signed off together."""

    id: Ident = declared(Id(), "Stable id: the group's URL anchor.", required=True, example="authentication")
    title: InlineMarkdown = declared(Line(), "The group's heading.", required=True, example="Authentication & Authorization")
    ordered: bool = declared(Bool(), "Number the group's check boxes (a sequence that must be followed in order).", default=False)
    items: tuple[Item, ...] = declared(List(), "The group's check boxes.", required=True, default=())
    lists: tuple[ItemList, ...] = declared(List(), "Labelled lists of check boxes after the items.", default=())
    former_ids: tuple[Ident, ...] = declared(Ids(), "Ids this group had before: links to them keep landing here.", default=())
    signoff: bool = declared(Bool(), "Whether the group has a sign-off block (name, date). Default: true.", default=True)
    priority: Priority | None = declared(
        Choice(), "The group's own priority, where it differs from its section's: post-launch work never blocks the launch.", default=None
    )
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    def all_items(self) -> Iterator[Item]:
        return iter(self._all_items)

    @cached_property
    def _all_items(self) -> tuple[Item, ...]:
        """Every check box of the group in order, sub-items after their item: made once (the group is frozen), as pages,
        sheets, exports and counts each walk them."""
        found = [sub for item in self.items for sub in item.walk()]
        return tuple(found + [sub for part in self.lists for item in part.items for sub in item.walk()])

    def numbered(self) -> Iterator[tuple[Item, str]]:
        """:meth:`all_items`, each with its number where its list is numbered (``ordered``), else '': a numbered
        sub-item's after its numbered parent's ('3.1'), as a flat table (a part's sheet) must say which item it is under."""
        for items, ordered in ((self.items, self.ordered), *((sub.items, sub.ordered) for sub in self.lists)):
            yield from _numbered(items, ordered, "")


def _numbered(items: tuple[Item, ...], ordered: bool, parent: str) -> Iterator[tuple[Item, str]]:
    for n, item in enumerate(items, 1):
        number = f"{parent}.{n}" if ordered and parent else str(n) if ordered else ""
        yield item, number
        yield from _numbered(item.items, item.ordered, number)


def part_group() -> Spec:
    """A part's group, in the file: a group's keys but its sign-off and priority; built without a sign-off."""
    return view(Group, "part_group", "A group of items without a sign-off.", ("signoff", "priority"), signoff=False)


class Block:
    """What sections and parts share: a page of groups (its runbook page and its sheet).

    A part (metrics, post-launch tasks) is not numbered and has no priority and no former ids of
    its own: it has the defaults below, so code walks ``c.blocks`` without telling the two apart.
    """

    id: Ident
    title: InlineMarkdown
    groups: tuple[Group, ...]
    loc: Loc
    number: int = 0
    priority: Priority | None = None
    former_ids: tuple[Ident, ...] = ()

    @property
    def heading(self) -> InlineMarkdown:
        """The title as the navigation, the search and the page show it: "3. Testing" for a section, the title
        isolated (``bidi.numbered``: a Hebrew title ending in a number keeps its number at its end)."""
        return numbered(self.number, self.title) if self.number else self.title

    def all_items(self) -> Iterator[Item]:
        return iter(self._all_items)

    @cached_property
    def _all_items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group._all_items)


def priority_of(block: Block, group: Group | None = None, item: Item | None = None) -> Priority | None:
    """The priority work has: post-launch when its block, group or item says so (post-launch work
    never blocks the launch, whatever else is said), else the closest one given (item, group, block)."""
    given = [x.priority for x in (item, group, block) if x is not None and x.priority is not None]
    return Priority.POST_LAUNCH if Priority.POST_LAUNCH in given else next(iter(given), None)


@declare
class Section(Block):
    """A numbered section: one runbook page and one sign-off sheet."""

    id: Ident = declared(Id(), "Stable id: the section's page name in URLs.", required=True, example="security")
    title: InlineMarkdown = declared(Line(), "The section's title.", required=True, example="Security")
    priority: Priority | None = declared(Choice(), "How urgent the section is.", required=True, default=None)
    icon: PlainText = declared(Line(), "An emoji shown before the title.", example="🔐", default=PlainText())
    notes: MarkdownBlock = declared(
        Markdown(), "Text shown under the section's title (the importer keeps prose it could not place here).", default=MarkdownBlock()
    )
    groups: tuple[Group, ...] = declared(List(), "The section's groups.", required=True)
    former_ids: tuple[Ident, ...] = declared(Ids(), "Ids this section had before: its old page URL redirects here.", default=())
    number: int = 0  # its place among the sections, from 1: set when the checklist is read
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Part(Block):
    """A page of groups outside the numbered sections.

    The metrics to track and the tasks after launch.
    """

    id: Ident = declared(Id(), "Stable id: the page name in URLs.", required=True)
    title: InlineMarkdown = declared(Line(), "The page title.", required=True)
    period: InlineMarkdown = declared(Line(), "When it applies, shown after the title.", example="First 30 Days", default=InlineMarkdown())
    groups: tuple[Group, ...] = declared(List(part_group), "The groups.", required=True)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Role:
    """An approver role."""

    id: Ident = declared(Id(), "Stable id.", required=True)
    title: InlineMarkdown = declared(Line(), "The role's name.", required=True, example="Tech Lead")
    former_ids: tuple[Ident, ...] = declared(Ids(), "Ids this role had before: its approvals and links to them follow it.", default=())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Approval:
    """The approval table: each role signs with name, signature and date."""

    id: Ident = declared(Id(), "Stable id: the table's anchor.", required=True)
    title: InlineMarkdown = declared(Line(), "Heading.", required=True)
    roles: tuple[Role, ...] = declared(List(), "The approver roles.", required=True)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Option:
    """One box of the Go / No-Go decision."""

    id: Ident = declared(Id(), "Stable id: the box's anchor.", required=True)
    label: InlineMarkdown = declared(Line(), "Short label.", required=True, example="GO")
    text: InlineMarkdown = declared(Line(), "What choosing it means.", required=True)
    icon: PlainText = declared(Line(), "An emoji shown before the label.", default=PlainText())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Decision:
    """The Go / No-Go decision."""

    id: Ident = declared(Id(), "Stable id: the decision's anchor.", required=True)
    title: InlineMarkdown = declared(Line(), "Heading.", required=True)
    options: tuple[Option, ...] = declared(List(), "The boxes to tick.", required=True)
    notes: InlineMarkdown = declared(Line(), "Label of the notes box.", example="Notes / Blockers", default=InlineMarkdown("Notes / Blockers"))
    notes_hint: PlainText = declared(Line(), "What to write in the notes box.", default=PlainText())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class FinalSignoff:
    """The final sign-off page: approvals and the Go / No-Go decision."""

    title: InlineMarkdown = declared(Line(), "Page title.", default=InlineMarkdown("Final Sign-off"))
    approval: Approval = declared(Object(), "The approval table.", required=True)
    decision: Decision = declared(Object(), "The decision.", required=True)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


EXAMPLE = "The command (or contact) is an example to adapt: names the checklist does not give (a cluster, a log group, a channel) are guesses."


@declare
class Variable:
    """A value the commands use as $NAME, with how to find it; shown above the commands."""

    name: PlainText = declared(VarName(), "The variable's name, as the commands write it after '$'.", required=True, example="SERVICE")
    find: InlineMarkdown = declared(
        Line(), "How to find the value, in a sentence.", required=True, example="The ECS service named in the alarm, e.g. identity-service."
    )
    example: PlainText = declared(Line(), "A value it may take.", example="identity-service", default=PlainText())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Step:
    """One step of the rollback procedure."""

    id: Ident = declared(Id(), "Stable id: the step's anchor.", required=True)
    title: InlineMarkdown = declared(Line(), "Short name of the step.", required=True, example="Decision")
    text: InlineMarkdown = declared(Line(), "What to do.", required=True)
    who: PlainText = declared(Line(), "Who acts or decides.", example="Tech Lead + Product Manager", default=PlainText())
    command: Command | None = declared(
        Line(), "A command to run for the step, shown as a copyable code block.", example="aws ecs update-service --cluster prod", default=None
    )
    example: bool = declared(Bool(), EXAMPLE, default=False)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Rollback:
    """The rollback procedure: ordered steps."""

    id: Ident = declared(Id(), "Stable id: the page name in URLs.", required=True)
    title: InlineMarkdown = declared(Line(), "Page title.", required=True)
    when: InlineMarkdown = declared(Line(), "When to roll back.", default=InlineMarkdown())
    steps: tuple[Step, ...] = declared(List(), "The steps, in order.", required=True)
    variables: tuple[Variable, ...] = declared(List(), "The variables the steps' commands use ($NAME), with how to find each.", default=())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Legend:
    """What the marks mean."""

    critical: InlineMarkdown = declared(Line(), "What the Critical badge means.", default=InlineMarkdown("Critical item: don't skip it."))
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Checklist:
    """A launch checklist."""

    id: Ident = declared(Id(), "Stable id: the checklist's folder in URLs.", required=True, example="realserv-launch")
    title: InlineMarkdown = declared(Line(), "The checklist's title.", required=True)
    version: PlainText = declared(Line(), "Version, quoted so YAML keeps it as text.", example="1.0", default=PlainText())
    created: datetime.date | None = declared(Date(), "When the checklist was created, as YYYY-MM-DD.", example="2026-01-12", default=None)
    updated: datetime.date | None = declared(Date(), "Last updated, as YYYY-MM-DD.", example="2026-01-12", default=None)
    owner: PlainText = declared(Line(), "Who owns the checklist.", default=PlainText())
    next_review: PlainText = declared(Line(), "When it is reviewed next.", default=PlainText())
    legend: Legend = declared(Object(), "What the marks mean.", default=Legend())
    instructions: tuple[Item, ...] = declared(List(), "How to use the checklist, as check boxes.", default=())
    sections: tuple[Section, ...] = declared(List(), "The numbered sections.", required=True)
    final_signoff: FinalSignoff | None = declared(Object(), "Approvals and the Go / No-Go decision.", default=None)
    metrics: Part | None = declared(Object(), "Metrics to track after launch.", default=None)
    post_launch: Part | None = declared(Object(), "Tasks after launch.", default=None)
    rollback: Rollback | None = declared(Object(), "The rollback procedure.", default=None)
    source: FilePath = FilePath()  # the file it was read from, as messages show it
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

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


@declare
class Contact:
    """Whom to reach, and how: at least one of phone, pager, chat or email.

    An escalation step's contact.
    """

    role: PlainText = declared(Line(), "The role to reach.", required=True, example="Tech Lead")
    name: PlainText = declared(Line(), "The person's name, where there is one.", example="Priya", default=PlainText())
    phone: Address = declared(AddressType("tel", "tel:+919812345678"), "A phone number, as a tel: address.", example="tel:+919812345678", default=Address())
    pager: Address = declared(
        AddressType("https", "https://realserv.pagerduty.com/escalation_policies/P1"), "A paging link (PagerDuty, Opsgenie), https.", default=Address()
    )
    chat: Address = declared(
        AddressType("https", "https://realserv.slack.com/archives/C01"),
        "A chat channel or conversation, https.",
        example="https://realserv.slack.com/archives/C01",
        default=Address(),
    )
    email: Address = declared(AddressType("mailto", "mailto:oncall@realserv.com"), "An e-mail address, as a mailto: address.", default=Address())
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    def ways(self) -> tuple[tuple[str, Address], ...]:
        """(how, address) for each way to reach the contact, in the order to try them."""
        return tuple((how, address) for how, address in (("Call", self.phone), ("Page", self.pager), ("Chat", self.chat), ("E-mail", self.email)) if address)


@declare(shorthand="text")
class Action:
    """A step to take: plain text, or text with a shell command.

    One step of a runbook's diagnosis, mitigation or escalation (to escalate, with a contact).
    """

    text: InlineMarkdown = declared(Line(), "What to do.", required=True)
    command: Command | None = declared(
        Line(), "A command to run, shown as a copyable code block.", example="aws ecs describe-services --cluster prod", default=None
    )
    example: bool = declared(Bool(), EXAMPLE, default=False)
    contact: Contact | None = declared(Object(), "Whom to reach (escalation), with a phone, chat, pager or e-mail address.", default=None)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Link:
    """A link to a dashboard or document."""

    title: InlineMarkdown = declared(Line(), "What the link shows.", required=True)
    url: Url = declared(UrlType(), "An http(s) address.", required=True, example="https://console.aws.amazon.com/cloudwatch/")
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


_ALERTS = "Names of the alerts (Prometheus, Grafana) this runbook answers, for `links --check` and `--fix`. Default: the alarm_name (or the id)."


@declare
class Runbook:
    """What the on-call engineer does when an alarm fires.

    Served at /runbooks/<id>/.
    """

    id: Ident = declared(
        Id(), "The alarm id: the runbook's URL is /runbooks/<id>/. Never reuse or change it without former_ids.", required=True, example="service-down"
    )
    title: InlineMarkdown = declared(Line(), "The alarm, as people name it.", required=True, example="Service down (health check fails)")
    item: Ident = declared(Id(), "Id of the checklist item (marked alarm: true) this runbook answers.", required=True)
    severity: Severity = declared(Choice(), "How urgent the alarm is.", required=True)
    owner: PlainText = declared(Line(), "Who owns the runbook and acts first.", required=True, example="DevOps Lead (on-call)")
    alarm_name: Code = declared(Line(), "The CloudWatch alarm's name. Default: the id.", default=Code())
    alerts: tuple[Code, ...] = declared(Lines(), _ALERTS, example=["HighErrorRate"], default=())
    metric: InlineMarkdown = declared(Line(), "The metric the alarm watches.", default=InlineMarkdown())
    threshold: InlineMarkdown = declared(Line(), "When the alarm fires.", default=InlineMarkdown())
    meaning: MarkdownBlock = declared(Markdown(), "What the alarm means: condition, metric and threshold in words.", required=True)
    impact: MarkdownBlock = declared(Markdown(), "What users and the business feel.", required=True)
    diagnosis: tuple[Action, ...] = declared(List(), "Steps to find the cause.", required=True)
    mitigation: tuple[Action, ...] = declared(List(), "Steps to stop the harm.", required=True)
    escalation: tuple[Action, ...] = declared(List(), "Whom to call, and when.", required=True)
    related: tuple[Ident, ...] = declared(Ids(), "Ids of related checklist items.", default=())
    dashboards: tuple[Link, ...] = declared(List(), "Dashboards to open.", default=())
    former_ids: tuple[Ident, ...] = declared(Ids(), "Ids this runbook had before: their URLs redirect here.", default=())
    variables: tuple[Variable, ...] = declared(
        List(), "The variables its commands use ($NAME), with how to find each; `check` reports one not declared.", default=()
    )
    last_reviewed: datetime.date | None = declared(
        Date(), "When the owner last read it through and corrected it, as YYYY-MM-DD.", example="2026-01-12", default=None
    )
    review_every: Period = declared(
        PeriodType(),
        "How often it must be reviewed; past due, the page says so and `check` warns. Default: 3 months.",
        example="3m",
        default=Period(3, "month"),
    )
    last_exercised: datetime.date | None = declared(Date(), "When it was last followed in a game day or drill, as YYYY-MM-DD.", default=None)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    @property
    def review_due(self) -> datetime.date | None:
        """When the runbook is due for review: a period after its last review (None: no review recorded)."""
        return self.review_every.after(self.last_reviewed) if self.last_reviewed else None


_STALE = "Critical runbooks past their review date block `gate` and show as blockers on the readiness page. Default: false (they are listed)."


@declare(name="runbooks")
class RunbookSet:
    """Alarm runbooks."""

    checklist: Ident = declared(Id(), "Id of the checklist whose items the runbooks link to.", required=True, example="realserv-launch")
    runbooks: tuple[Runbook, ...] = declared(List(), "The runbooks.", required=True)
    stale_blocks_gate: bool = declared(Bool(), _STALE, default=False)
    source: FilePath = FilePath()
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


class State(str, Enum):
    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "n/a"
    WAIVED = "waived"


class RunEvent(str, Enum):
    START = "start"
    CLOSE = "close"
    REOPEN = "reopen"


class Vote(str, Enum):
    GO = "go"
    NO_GO = "no-go"
    PENDING = "pending"


# The attributes below a status mapping's keys are folded in from the record (``fold.py``): not keys of the status file.


def _with_history(self: Any) -> str:
    """``repr`` of a recorded state and the states it replaced, written one after the other, not nested: what the
    dataclass writes nests them, which a record with a thousand changes of one item took past Python's recursion limit
    (a build's page digests write every state so: an internal error)."""
    written, node = [], self
    while node is not None:
        own = ", ".join(f"{f.name}={getattr(node, f.name)!r}" for f in dataclasses.fields(node) if f.repr and f.name != "previous")
        written.append(f"{type(node).__name__}({own})")
        node = node.previous
    return " <- ".join(written)


@declare
class ItemState:
    """Where an item stands.

    Who did (or waived) it, and when.
    """

    id: Ident  # its key in the status file's id map
    state: State = declared(Choice(), "open, done, n/a (not applicable) or waived.", required=True)
    by: Name = declared(Line(), "Who did it, or decided it doesn't apply or may be skipped.", example="Priya", default=Name())
    date: datetime.date | None = declared(Date(), "When, as YYYY-MM-DD.", example="2026-01-10", default=None)
    note: InlineMarkdown = declared(Line(), "A deviation or remark; shown on the readiness page.", default=InlineMarkdown())
    reason: InlineMarkdown = declared(Line(), "Why a waived item may be skipped (required for a waived item).", default=InlineMarkdown())
    approver: Name = declared(Line(), "Who accepted the risk of skipping (required for a waived critical item).", default=Name())
    at: datetime.datetime | None = None  # from a record entry: when, with its zone
    previous: ItemState | None = field(default=None, compare=False)  # the state this one replaced (history)
    owner: PlainText = PlainText()  # from `assign`: who owns the item, and when it is due
    due: datetime.date | None = None
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    __repr__ = _with_history

    def replaced(self) -> ItemState | None:
        """The state by someone else that this one changed (for "changed from Priya's done"), or None."""
        earlier = self.previous
        return earlier if earlier is not None and earlier.by and not same_person(earlier.by, self.by) else None

    def history(self) -> Iterator[ItemState]:
        """The states this one replaced, latest first."""
        earlier = self.previous
        while earlier is not None:
            yield earlier
            earlier = earlier.previous


@declare
class Signoff:
    """A group's sign-off.

    Who signed, and when.
    """

    id: Ident
    name: Name = declared(Line(), "Who signed.", required=True)
    date: datetime.date | None = declared(Date(), "When, as YYYY-MM-DD.", default=None)
    note: InlineMarkdown = declared(Line(), "Deviations noted at sign-off.", default=InlineMarkdown())
    with_open: bool = False  # signed although items were open, and said so (an entry's `with_open`)
    at: datetime.datetime | None = None
    previous: Signoff | None = field(default=None, compare=False)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    __repr__ = _with_history


@declare
class RoleApproval:
    """One approver's entry in the final sign-off."""

    id: Ident
    name: Name = declared(Line(), "The approver's name.", required=True)
    decision: Vote = declared(Choice(), "go, no-go or pending. Default: go.", default=Vote.GO)
    date: datetime.date | None = declared(Date(), "When, as YYYY-MM-DD.", default=None)
    at: datetime.datetime | None = None
    previous: RoleApproval | None = field(default=None, compare=False)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    __repr__ = _with_history


@declare
class DecisionRecord:
    """The Go / No-Go decision as taken at the launch meeting."""

    decision: Vote = declared(Choice(), "go, no-go or pending.", required=True, default=Vote.PENDING)
    by: Name = declared(Line(), "Who announced it.", default=Name())
    date: datetime.date | None = declared(Date(), "When, as YYYY-MM-DD.", default=None)
    blockers: tuple[InlineMarkdown, ...] = declared(Lines(), "What blocks the launch (for no-go).", default=())
    at: datetime.datetime | None = None
    previous: DecisionRecord | None = field(default=None, compare=False)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    __repr__ = _with_history


@declare
class Change:
    """One change: an item's state or note (item), a group's sign-off (signoff), an approver's decision (approval),
    the Go / No-Go decision (decision alone), an owner (assign), an attendee (attendee) or a run's start or close (run).
    """

    item: Ident = declared(Id(), "The item whose state or note this records.", example="jwt-token-validation-working", default=Ident())
    state: State | None = declared(Choice(), "The item's new state: open (reopen), done, n/a or waived. Without it, a note only.", default=None)
    note: InlineMarkdown = declared(
        Line(),
        "A remark (on an item, a sign-off or an approval; with run: reopen, why); shown on the readiness page and in the minutes.",
        default=InlineMarkdown(),
    )
    reason: InlineMarkdown = declared(Line(), "Why a waived item may be skipped (required for waived).", default=InlineMarkdown())
    approver: Name = declared(Line(), "Who accepted the risk of skipping (required to waive a critical item).", default=Name())
    signoff: Ident = declared(Id(), "The group signed off.", default=Ident())
    with_open: bool = declared(Bool(), "The group is signed off although items are open (printed on its sheet).", default=False)
    withdrawn: bool = declared(
        Bool(),
        "The group's sign-off (with signoff), or the attendee (with attendee), is withdrawn (recorded by mistake, or no longer so): "
        "the group is not signed off; the attendee is not among those at the meeting, and the minutes say who withdrew it.",
        default=False,
    )
    approval: Ident = declared(Id(), "The approver role whose decision this records (with decision; default go).", default=Ident())
    decision: Vote | None = declared(
        Choice(), "go, no-go or pending: an approver's (with approval), or alone the meeting's Go / No-Go.", default=None
    )
    name: Name = declared(Line(), "Who signed or approved, where not the recorder (default: by).", default=Name())
    blockers: tuple[InlineMarkdown, ...] = declared(Lines(), "What blocks the launch (with the Go / No-Go decision).", default=())
    assign: Ident = declared(Id(), "The item that gets an owner (with to, and due).", default=Ident())
    to: Name = declared(Line(), "The owner of the item.", default=Name())
    due: datetime.date | None = declared(Date(), "When the item is due, as YYYY-MM-DD.", default=None)
    attendee: Name = declared(Line(), "Someone at the launch meeting (for the minutes).", default=Name())
    role: PlainText = declared(Line(), "The attendee's role.", default=PlainText())
    run: RunEvent | None = declared(
        Choice(),
        "start, close or reopen: `run start` opens the run this entry's folder holds, `run close` freezes it, `run reopen` undoes "
        "its close (closed by mistake: the close stays in the record, the re-opening says who and why).",
        default=None,
    )
    revision: PlainText = declared(Line(), "With run start: the commit of data/ the run uses (when data/ is in git).", default=PlainText())
    items: tuple[Ident, ...] = declared(
        Ids(), "With run close: the checklist's item ids as the run ended (items added later are not in it).", default=()
    )
    verdict: Vote | None = declared(
        Choice(), "With run close: the launch's verdict as the run ended (go or no-go); with it, what follows freezes its numbers.", default=None
    )
    critical: tuple[Ident, ...] = declared(Ids(), "With run close and verdict: the items that were critical as the run ended.", default=())
    later: tuple[Ident, ...] = declared(Ids(), "With run close and verdict: the items and groups whose work was after launch as the run ended.", default=())
    groups: tuple[Ident, ...] = declared(Ids(), "With run close and verdict: the groups with a sign-off as the run ended.", default=())
    roles: tuple[Ident, ...] = declared(Ids(), "With run close and verdict: the final sign-off's approver roles as the run ended.", default=())
    runbooks: tuple[Ident, ...] = declared(
        Ids(), "With run close and verdict: the runbooks past their review date that blocked the launch as the run ended.", default=()
    )
    sections: tuple[Ident, ...] = declared(
        Ids(), "With run close and verdict: the section each of `items` was in as the run ended, in the same order.", default=()
    )
    group_sections: tuple[Ident, ...] = declared(
        Ids(), "With run close and verdict: the section each of `groups` was in as the run ended, in the same order.", default=()
    )
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

    @property
    def kind(self) -> str:
        """Which of item, signoff, approval, assign, attendee, run this change records ('decision' when none)."""
        return next((k for k in ("item", "signoff", "approval", "assign", "attendee", "run") if getattr(self, k)), "decision")


@declare
class Entry:
    """A record entry: one file in data/<checklist>.record/ (a run's in data/<checklist>.record/<run>/), never changed once written.

    Who recorded what, and when.
    """

    checklist: Ident = declared(Id(), "Id of the checklist this entry records.", required=True, example="realserv-launch")
    by: Name = declared(Line(), "Who recorded.", required=True, example="Priya Sharma")
    at: datetime.datetime = declared(DateTime(), "When, as a date and time with its zone.", required=True, example="2026-01-10T14:03:22+01:00")
    after: PlainText = declared(
        Line(),
        "The file name of the run's latest entry its writer had (the commands write it): one the record lacks was dropped; "
        "'-': its writer had none (the first recording of a record).",
        example="20260110T130102Z-arun-5e1f0c2a.yaml",
        default=PlainText(),
    )
    also_after: tuple[PlainText, ...] = declared(
        Lines(),
        "The file names of the run's other entries its writer had that no entry names (the latest of each branch merged; the commands write them).",
        example=["20260110T125930Z-chen-0b7d9e11.yaml"],
        default=(),
    )
    recording: PlainText = declared(
        Line(),
        "The meeting that recorded it (a digest of its token), the page that sent it and the number the page gave it (the "
        "meeting writes it): sent again, even to a meeting started again, it is answered, not written twice.",
        example="3f9a0c1b7e2d/phone-tab-1a2b3c4d/14",
        default=PlainText(),
    )
    changes: tuple[Change, ...] = declared(List(), "What was recorded, applied in order.", required=True, default=())
    run: str = ""  # the run it belongs to (its folder), '' for the default run
    source: FilePath = FilePath()
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@dataclass(frozen=True)
class Frozen:
    """What a closed run's verdict was made from, as `run close` recorded it: the run is counted so on every screen,
    however the checklist is edited later (its items are in ``Status.scope``)."""

    verdict: Vote
    critical: frozenset[str] = frozenset()  # the items critical as the run ended
    later: frozenset[str] = frozenset()  # the items and groups whose work was after launch
    runbooks: tuple[str, ...] = ()  # the stale runbooks that blocked the launch
    groups: tuple[str, ...] = ()  # the groups with a sign-off, in order
    roles: tuple[str, ...] = ()  # the approver roles, in order
    sections: tuple[tuple[str, str], ...] = ()  # (item, the section it was in), for every item of the run; () from a close of before
    group_sections: tuple[tuple[str, str], ...] = ()  # (group with a sign-off, the section it was in)


@dataclass(frozen=True)
class Assignment:
    """An item's owner and due date, as recorded by `assign`."""

    item: Ident
    to: PlainText
    due: datetime.date | None = None
    by: PlainText = PlainText()
    at: datetime.datetime | None = None
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@dataclass(frozen=True)
class Reopened:
    """A closed run re-opened (`run reopen`): who, when, why, and the close it undid (which stays in the record)."""

    by: PlainText
    at: datetime.datetime
    closed: datetime.datetime
    closed_by: PlainText = PlainText()
    note: InlineMarkdown = InlineMarkdown()


@dataclass(frozen=True)
class Attendee:
    """Someone at the launch meeting, for the minutes; among ``Status.withdrawn`` one withdrawn (recorded by mistake),
    with who withdrew it and when (``by``, ``at``)."""

    name: PlainText
    role: PlainText = PlainText()
    by: PlainText = PlainText()
    at: datetime.datetime | None = None
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()


@declare
class Status:
    """The recorded progress of a checklist.

    Kept in its own file next to the checklist; the record's entries are folded into it (``fold``).
    """

    checklist: Ident = declared(Id(), "Id of the checklist this file records.", required=True, example="realserv-launch")
    items: tuple[ItemState, ...] = declared(IdMap(), "Item id -> its state.", default=())
    signoffs: tuple[Signoff, ...] = declared(IdMap(), "Group id -> its sign-off.", default=())
    approvals: tuple[RoleApproval, ...] = declared(IdMap(), "Approver role id -> the approval.", default=())
    decision: DecisionRecord | None = declared(Object(), "The Go / No-Go decision.", default=None)
    source: FilePath = FilePath()
    # Not keys of the status file: the record's entries folded into this state (``fold``), and the run it is of.
    entries: tuple[Entry, ...] = ()  # in time order
    assignments: tuple[Assignment, ...] = ()
    attendees: tuple[Attendee, ...] = ()
    withdrawn: tuple[Attendee, ...] = ()  # attendees recorded, then withdrawn (by whom, when): the minutes say so
    run: str = ""  # '' for the default run (the record's top folder), else the run's name
    started: datetime.datetime | None = None  # `run start`: when, from which revision of data/, with which items
    closed: datetime.datetime | None = None  # `run close`: no entry after it
    closed_by: PlainText = PlainText()  # who closed it (the close in effect)
    reopened: tuple[Reopened, ...] = ()  # each close undone by `run reopen` (the run is open again unless closed since)
    revision: PlainText = PlainText()
    scope: tuple[Ident, ...] = ()  # a closed run's item ids as it ended (empty: an open run, on the checklist as it is)
    frozen: Frozen | None = None  # what a closed run's verdict was made from (a close entry written before it: None)
    loc: Loc = _loc()
    places: Mapping[str, Loc] = _places()

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
