"""The team record: append-only entry files folded, in time order, into the state of a checklist (a ``Status``).

Each recording is one file in ``data/<checklist>.record/`` (a run's in ``data/<checklist>.record/<run>/``), so
recordings on different branches never touch the same file and git merges them without a conflict. The legacy
status file, where there is one, is the starting point of the default run; a change never forgets what it
replaced (``previous``), so the readiness page and the minutes can say "changed from Priya's done".
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import secrets
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Hinted, Issue, Loc, Severity, UsageError
from .load import EMPTY_CHECKLIST, EMPTY_ENTRY, EMPTY_STATUS
from .mailmap import has_address
from .model import (
    Assignment,
    Attendee,
    Change,
    Checklist,
    Data,
    DecisionRecord,
    Entry,
    Frozen,
    Item,
    ItemState,
    Reopened,
    RoleApproval,
    RunEvent,
    Signoff,
    State,
    Status,
    Vote,
    place,
)
from .types import FilePath, Ident, PlainText, identity, same_person

RECORD_SUFFIX = ".record"
STATUS_SUFFIX = ".status.yaml"


def empty_hint(path: Path) -> str:
    """What an empty data file is told, by its place: a record entry, a status file, else a checklist (or runbooks)."""
    if path.parent.name.endswith(RECORD_SUFFIX) or path.parent.parent.name.endswith(RECORD_SUFFIX):
        return EMPTY_ENTRY
    return EMPTY_STATUS if path.name.endswith(STATUS_SUFFIX) else EMPTY_CHECKLIST


def record_name(checklist_id: str) -> str:
    """The name of a checklist's record folder, in data/ beside its file; every file name of the record is made here.

    >>> record_name("launch"), status_name("launch"), entry_name(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.timezone.utc), "priya")[:23]
    ('launch.record', 'launch.status.yaml', '20260105T090000Z-priya-')
    """
    return checklist_id + RECORD_SUFFIX


def status_name(stem: str) -> str:
    """The name of the status file of the checklist ``stem`` (or of the checklist file ``stem``.yaml)."""
    return stem + STATUS_SUFFIX


def entry_name(at: datetime.datetime, who: str) -> str:
    """A new entry file's name: its moment in UTC, who recorded it (a slug) and a random part, so names sort by time and never clash."""
    return f"{at.astimezone(datetime.timezone.utc):%Y%m%dT%H%M%SZ}-{who}-{secrets.token_hex(4)}.yaml"


def _beside(c: Checklist) -> str:
    """The folder of the checklist's file inside the project, with its '/' ('' at the top)."""
    return c.source.rsplit("/", 1)[0] + "/" if "/" in c.source else ""


def status_file(c: Checklist, status: Status | None = None) -> str:
    """The checklist's status file, as the project names it: the one its status was read from, else <id>.status.yaml beside the checklist.

    >>> status_file(Checklist(id="launch", title="Launch", sections=(), source=FilePath("data/launch.yaml")))
    'data/launch.status.yaml'
    """
    return status.source if status is not None else _beside(c) + status_name(c.id)


def record_folder(c: Checklist, run: str = "") -> str:
    """The folder of the checklist's record entries (a run's: its subfolder), beside the checklist.

    >>> record_folder(Checklist(id="launch", title="Launch", sections=(), source=FilePath("data/launch.yaml")), "second")
    'data/launch.record/second'
    """
    return _beside(c) + record_name(c.id) + (f"/{run}" if run else "")
# Names Windows keeps for devices, whatever follows a dot: no file or folder can be named so there, so a teammate's
# checkout of a record folder named so fails, as a build of pages named so does. Nor may a name end in a dot there.
DEVICE_NAMES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
DEVICE_NAME = re.compile(rf"{DEVICE_NAMES}(?:\..*)?", re.IGNORECASE)
DEVICE_IDS = frozenset({"con", "prn", "aux", "nul", *(f"{kind}{n}" for kind in ("com", "lpt") for n in range(10))})  # the ids among them
DEVICE_HINT = "a name Windows keeps for a device (con, prn, aux, nul, com1-9, lpt1-9): no file or folder there can have it"
# A run's folder: lowercase letters, digits, dots, hyphens; not ending in a dot, not a device name of Windows.
RUN_NAME = re.compile(rf"(?!{DEVICE_NAMES}(?:\.|$))[a-z0-9](?:[a-z0-9.-]{{0,38}}[a-z0-9-])?")
RUN_NAME_HINT = "lowercase letters, digits, dots and hyphens, not ending in a dot nor a name Windows keeps (con, aux, nul, ...)"
DEFAULT_RUN = "default"  # how the default run (the record's top folder) is named in URLs, `run list` and --run


def refused_run(name: str, option: str = "", *, default: bool = False) -> UsageError | None:
    """Why ``name`` (given as ``option``, e.g. '--run') names no run, or no new run (``default``: the default run may be
    named, to record into it); None when it does. One wording for `run start`, the record commands and `import --run`:
    'default' was refused with the rule of run names, which it keeps ('use lowercase letters, ...').

    >>> print(refused_run("default", "--run").format())
    error: --run 'default' is the run the record holds before any run is started, not a run to start
        hint: give the new run a name of its own, e.g. --run v1.1
    >>> refused_run("default", default=True) is None, refused_run("v1.1") is None
    (True, True)
    """
    said, example = (f"{option} {name!r}", f"{option} v1.1") if option else (f"'{name}'", "v1.1 or 2026-03-launch")
    if name == DEFAULT_RUN and not default:
        said += " is the run the record holds before any run is started, not a run to start"
        return UsageError(said, f"give the new run a name of its own, e.g. {example}")
    if name != DEFAULT_RUN and not RUN_NAME.fullmatch(name):
        return UsageError(f"{said} is not a run name", f"use {RUN_NAME_HINT}, e.g. {example}")
    return None
KINDS = ("item", "signoff", "approval", "assign", "attendee", "run")
# What each kind of change may hold besides its own key ('decision' alone is the meeting's Go / No-Go).
ALLOWED = {
    "item": {"state", "note", "reason", "approver"},
    "signoff": {"note", "with_open", "name", "withdrawn"},
    "approval": {"decision", "name"},
    "assign": {"to", "due"},
    "attendee": {"role", "withdrawn"},
    "run": {"note", "revision", "items", "verdict", "critical", "later", "runbooks", "groups", "roles", "sections", "group_sections"},
    "decision": {"decision", "blockers"},
}
FROZEN = {"verdict", "critical", "later", "runbooks", "groups", "roles", "sections", "group_sections"}  # what a run close records its verdict was made of
_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Change) if f.compare}  # its keys (not its places)


def present(change: Change) -> set[str]:
    """The keys a change holds (those not at their default)."""
    return {name for name, default in _DEFAULTS.items() if getattr(change, name) != default}


def _change_issues(change: Change) -> Iterator[tuple[str, str]]:
    """What is wrong with one change alone: (the key it is said at, or '' for the change, the message)."""
    keys = present(change)
    kinds = [k for k in KINDS if k in keys]
    if len(kinds) > 1:
        yield kinds[1], f"a change records one thing, but this one holds {' and '.join(kinds)}"
        return
    kind = change.kind
    if kind == "decision" and change.decision is None:
        yield "", "a change needs one of: item, signoff, approval, decision, assign, attendee"
        return
    extra = sorted(keys - ALLOWED[kind] - {kind})
    if extra:
        yield extra[0], f"'{extra[0]}' does not go with '{kind}' (a {kind} change holds {', '.join(sorted(ALLOWED[kind]))})"
    elif kind == "signoff" and change.withdrawn and (change.with_open or change.name):
        yield "with_open" if change.with_open else "name", "a sign-off withdrawn holds no 'with_open' nor 'name': it undoes the group's sign-off"
    elif kind == "attendee" and change.withdrawn and change.role:
        yield "role", "an attendee withdrawn holds no 'role': it takes the attendee off the minutes"
    elif kind == "item" and change.state is None and not change.note:
        yield "", "an item change needs a state (open, done, n/a, waived) or a note"
    elif kind == "item" and (change.reason or change.approver) and change.state is not State.WAIVED:
        yield "reason" if change.reason else "approver", "reason and approver go with state: waived"
    elif kind == "item" and change.state is State.WAIVED and not change.reason:
        yield "state", f"item '{change.item}' is waived without a reason"
    elif kind == "run" and change.run is not RunEvent.CLOSE and keys & {"items", *FROZEN}:
        yield min(keys & {"items", *FROZEN}), "items, verdict, critical, later, runbooks, groups, roles, sections and group_sections go with run: close"
    elif kind == "run" and change.run is not RunEvent.START and change.revision:
        yield "revision", "revision goes with run: start (the commit of data/ the run uses)"
    elif kind == "run" and change.run is not RunEvent.REOPEN and change.note:
        yield "note", "a note goes with run: reopen (why the run is re-opened)"
    elif kind == "run" and keys & FROZEN - {"verdict"} and change.verdict not in (Vote.GO, Vote.NO_GO):
        yield "verdict", "a run close's critical, later, runbooks, groups, roles, sections and group_sections go with its verdict (go or no-go)"
    elif kind == "run" and change.sections and len(change.sections) != len(change.items):
        yield "sections", f"a run close's sections name the section of each of its items: {len(change.items)} item(s), {len(change.sections)} section(s)"
    elif kind == "run" and change.group_sections and len(change.group_sections) != len(change.groups):
        n, m = len(change.groups), len(change.group_sections)
        yield "group_sections", f"a run close's group_sections name the section of each of its groups: {n} group(s), {m} section(s)"
    elif kind == "run" and change.verdict is Vote.PENDING:
        yield "verdict", "a run close's verdict is go or no-go, not pending"
    elif kind == "assign" and not change.to:
        yield "assign", f"assign '{change.assign}' does not say to whom"


_HINTS = {
    "waived": "add reason: ... saying why it may be skipped",
    "to whom": "add to: NAME",
}


def check_entry(entry: Entry, path: Path) -> Iterator[Issue]:
    """Rules of one entry file alone: it sits in its checklist's record folder; each change records one thing, completely."""
    folder = path.parent if path.parent.name.endswith(RECORD_SUFFIX) else path.parent.parent
    if folder.name != record_name(entry.checklist):
        owner = folder.name.removesuffix(RECORD_SUFFIX)  # the checklist whose record the folder is
        close = difflib.SequenceMatcher(None, owner, entry.checklist).ratio() >= 0.8  # a typo of it ('realserv-launh')
        hint = f"move it to data/{record_name(entry.checklist)}/, or fix its 'checklist:'"
        if close:  # the hint was to move it to a folder of a checklist that does not exist
            hint = f"did you mean '{owner}'? fix its 'checklist:' (the checklist of {folder.name}/)"
        yield Issue(place(entry, "checklist"), f"an entry for checklist '{entry.checklist}' in the record folder {folder.name}/", hint)
    run = path.parent.name if folder != path.parent else ""
    if run and (not RUN_NAME.fullmatch(run) or run == DEFAULT_RUN):
        hint = f"rename the folder: a run's name is {RUN_NAME_HINT} (not 'default'), e.g. v1.1"
        yield Issue(entry.loc, f"'{run}' is not a run name (the folder holding this entry)", hint)
    for change in entry.changes:
        for key, message in _change_issues(change):
            hint = next((h for word, h in _HINTS.items() if word in message), "see the format reference: checklist-site schema --reference")
            yield Issue(place(change, key), message, hint)


NAMED = ("approver", "name", "to", "attendee")  # a change's keys that name a person (besides the entry's 'by')


def _addresses(entry: Entry) -> Iterator[Issue]:
    """A warning at each name of ``entry`` that holds an e-mail address: the pages, the packet and the meeting show a
    name as written, so the address is published. The commands and the meeting write the name the project's .mailmap
    gives it (``record.as_recorded``); an entry written by hand, by a script or by an earlier version may hold one
    (:func:`check_entries`: the record as read, not an entry being written, which ``as_recorded`` names already)."""
    found = [("by", entry.by, entry)] + [(k, getattr(c, k), c) for c in entry.changes for k in NAMED if has_address(getattr(c, k))]
    for key, name, where in found:
        if has_address(name):
            message = f"{key} {name!r} is an e-mail address: the pages, the packet and the meeting show it as written"
            hint = "write the person's name; the project's .mailmap ('Name <address>') says who an address is, and the commands write that name"
            yield Issue(place(where, key), message, hint, Severity.WARNING)


def _closest(ident: str, known: Iterable[str], what: str, look: bool = True) -> str:
    """'did you mean' the known id closest to ``ident``; ``look`` false (a problem past those said of its file): not looked for."""
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=1) if look else []
    return f"did you mean '{close[0]}'?" if close else f"use the id of {what}"


def aliases(checklist: Checklist) -> dict[Ident, Ident]:
    """Former item ids -> the item's id now: a renamed item's entries follow it."""
    return {former: item.id for item in checklist.items_by_id().values() for former in item.former_ids}


def signed_groups(checklist: Checklist) -> dict[Ident, Ident]:
    """The groups with a sign-off, by their id and by their former ids (a renamed group's sign-offs follow it) -> the id now."""
    groups = [g for block in checklist.sections for g in block.groups if g.signoff]
    return {**{former: g.id for g in groups for former in g.former_ids}, **{g.id: g.id for g in groups}}


def approver_roles(checklist: Checklist) -> dict[Ident, Ident]:
    """The final sign-off's approver roles, by their id and by their former ids (a renamed role's approvals follow it) -> the id now."""
    roles = checklist.final_signoff.approval.roles if checklist.final_signoff else ()
    return {**{former: r.id for r in roles for former in r.former_ids}, **{r.id: r.id for r in roles}}


def known_items(checklist: Checklist) -> dict[str, Item]:
    """Every item by its id and by its former ids."""
    now = checklist.items_by_id()
    return {**{former: now[ident] for former, ident in aliases(checklist).items()}, **now}


Known = tuple[dict[str, Item], dict[Ident, Ident], dict[Ident, Ident]]  # items, groups with a sign-off, approver roles


def known_ids(checklist: Checklist) -> Known:
    """What a change may name in ``checklist``, former ids too: :func:`known_items`, :func:`signed_groups`, :func:`approver_roles`."""
    return known_items(checklist), signed_groups(checklist), approver_roles(checklist)


def _until_closed(run: str) -> str:
    """Until when a removed subject of an entry of ``run`` goes back in the checklist: that run's close, named (it said
    'run close NAME; run list names it', though `run list` checks data/ first, and a first launch's entries are in the
    default run, which a run started later leaves open)."""
    return f"until the run is closed (checklist-site run close {run_name(run)})"


def _gone(checklist: Checklist, ident: str, items: dict[str, Item], look: bool = True, run: str = "") -> str:
    """The hint for an entry file naming an item the checklist no longer has: the entry stays; the checklist says where it went."""
    close = _closest(ident, items, "", look)
    return (close + " " if close.startswith("did") else "") + (
        f"an entry is never edited: if the item was renamed, add former_ids: [{ident}] to it in {checklist.source}; "
        f"if it was removed, put it back {_until_closed(run)}"
    )


def change_issues(
    checklist: Checklist,
    change: Change,
    frozen: bool = False,
    known: Known | None = None,
    written: bool = False,
    hinted: Hinted | None = None,
    run: str = "",
) -> Iterator[Issue]:
    """A change against its checklist: known ids, an approver for a waived critical item.

    ``frozen``: the change is in a closed run, whose items may since have been removed from the checklist.
    ``known``: :func:`known_ids` of the checklist, when the caller has them (a check of the record asks for every change).
    ``written``: the change is in an entry file of the record (not one being recorded).
    ``hinted``: counts the problems of each file, a 'did you mean' looked for only for those said (a whole record's check).
    ``run``: the run of the entry file (``written``), named in the hint for a subject removed from the checklist.
    """
    looks = hinted or (lambda _loc: True)
    items, groups, roles = known if known is not None else known_ids(checklist)
    ident = change.item or change.assign
    if frozen and ((ident and ident not in items) or (change.signoff and change.signoff not in groups) or (change.approval and change.approval not in roles)):
        return  # a closed run keeps what it recorded of items, sign-offs and roles the checklist has dropped since
    if ident and ident not in items:
        look = looks(change.loc)
        hint = _gone(checklist, ident, items, look, run) if written else _closest(ident, items, "an item in that checklist", look)
        yield Issue(place(change, "item" if change.item else "assign"), f"unknown item '{ident}' in checklist '{checklist.id}'", hint)
    elif change.item and change.state is State.WAIVED and items[ident].critical and not change.approver and not written:
        yield Issue(change.loc, f"critical item '{ident}' is waived without an approver", "add approver: NAME of who accepted the risk")
    if change.signoff and change.signoff not in groups:
        message = f"sign-off for '{change.signoff}', which is not a group with a sign-off in '{checklist.id}'"
        look = looks(change.loc)
        hint = _gone_group(checklist, change.signoff, groups, look, run) if written else _closest(change.signoff, groups, "a group", look)
        yield Issue(place(change, "signoff"), message, hint)
    if change.approval and change.approval not in roles:
        message = f"approval by role '{change.approval}', which the final sign-off of '{checklist.id}' does not have"
        look = looks(change.loc)
        hint = _gone_role(checklist, change.approval, roles, look, run) if written else _closest(change.approval, roles, "a role", look)
        yield Issue(place(change, "approval"), message, hint)


def _gone_group(checklist: Checklist, ident: str, groups: dict[Ident, Ident], look: bool = True, run: str = "") -> str:
    """The hint for an entry file signing off a group the checklist no longer has (with a sign-off)."""
    close = _closest(ident, groups, "", look)
    return (close + " " if close.startswith("did") else "") + (
        f"an entry is never edited: if the group was renamed, add former_ids: [{ident}] to it in {checklist.source}; "
        f"if it was removed or lost its sign-off, put it back {_until_closed(run)}"
    )


def _gone_role(checklist: Checklist, ident: str, roles: dict[Ident, Ident], look: bool = True, run: str = "") -> str:
    """The hint for an entry file recording an approval by a role the final sign-off no longer has."""
    close = _closest(ident, roles, "", look)
    return (close + " " if close.startswith("did") else "") + (
        f"an entry is never edited: if the role was renamed, add former_ids: [{ident}] to it in {checklist.source}; "
        f"if it was removed, put the role '{ident}' back into the final sign-off {_until_closed(run)}"
    )


def closings(entries: Iterable[Entry]) -> dict[tuple[str, str], Entry]:
    """(checklist, run) -> the entry that closed the run (the first one, in time order, since it was last re-opened: a
    run re-opened and not closed since is open)."""
    closed: dict[tuple[str, str], Entry] = {}
    for entry in ordered(entries):
        for change in entry.changes:
            if change.run is RunEvent.CLOSE:
                closed.setdefault((entry.checklist, entry.run), entry)
            elif change.run is RunEvent.REOPEN:
                closed.pop((entry.checklist, entry.run), None)
    return closed


def run_name(run: str) -> str:
    return run or DEFAULT_RUN


def written(at: datetime.datetime) -> str:
    """An entry's time as its file writes it (milliseconds where it has them).

    >>> written(datetime.datetime(2026, 12, 7, 14, 51, 48, 169000, datetime.timezone(datetime.timedelta(hours=5, minutes=30))))
    '2026-12-07T14:51:48.169+05:30'
    """
    return at.isoformat(timespec="milliseconds") if at.microsecond else at.isoformat()


def had_by(close: Entry, index: dict[tuple[str, str], Entry]) -> set[str] | None:
    """The file names of the entries of its checklist that the writer of ``close`` (a run's close) had: what it names
    (``after``, ``also_after``), what those name, and so on, found in ``index`` ((checklist, file name) -> entry); None
    for a close that names none (written by an earlier version, or closing a run that held nothing), judged by its date."""
    if not close.after and not close.also_after:
        return None
    had: set[str] = set()
    todo = [close.after, *close.also_after]
    while todo:
        name = todo.pop()
        if name and name not in had:
            had.add(name)
            found = index.get((close.checklist, name))
            todo += [found.after, *found.also_after] if found is not None else []
    return had


def _late(entry: Entry, close: Entry, had: set[str] | None) -> str:
    """How ``entry`` of a closed run came after its close ('' when it did not): dated after it, or dated before it and
    not had by the close's writer (recorded on another branch, or in a clone not pulled, merged once the run was closed:
    its numbers and verdict were frozen without it). An entry that names none (written by an earlier version) is judged
    by its date alone, as is every entry against a close that names none."""
    name, closed = entry.source.rpartition("/")[2], written(close.at)
    if (entry.at, name) > (close.at, close.source.rpartition("/")[2]):
        return f"entry recorded after run '{run_name(entry.run)}' was closed ({closed}, {close.source})"
    if had is not None and (entry.after or entry.also_after) and name not in had and entry is not close:
        return (
            f"entry of run '{run_name(entry.run)}' that its close ({closed}, {close.source}) did not have: recorded on "
            "another branch or in a clone not pulled, and merged after the run was closed, whose numbers and verdict were frozen without it"
        )
    return ""


def _closed_again(entry: Entry, late: str, others: list[tuple[Entry, set[str] | None]]) -> Entry | None:
    """The later close of ``entry``'s run that had it, when ``entry`` is late to the first (''``late``'' says how): the
    run closed on two branches, each by someone who had recorded on it (Arun closed v2 on his branch, Meera recorded and
    closed v2 on hers, both merged). Her entry was refused as late to his close, and every command refused data/, the
    hint saying to move or remove it, though she closed the run with it: the run holds what each of its closes had."""
    if not late or not (entry.after or entry.also_after):
        return None
    return next((close for close, had in others if had is not None and not _late(entry, close, had)), None)


def check_entries(data: Data, entries: list[Entry]) -> Iterator[Issue]:
    closed = closings(entries)
    index: dict[tuple[str, str], Entry] = {(e.checklist, e.source.rpartition("/")[2]): e for e in entries} if closed else {}
    had = {key: had_by(close, index) for key, close in closed.items()}  # what each close's writer had (an entry merged since was not)
    again: dict[tuple[str, str], list[tuple[Entry, set[str] | None]]] = {}  # each later close of a closed run, with what its writer had
    for entry in ordered(entries) if closed else ():
        if entry is not closed.get((entry.checklist, entry.run), entry) and any(c.run is RunEvent.CLOSE for c in entry.changes):
            again.setdefault((entry.checklist, entry.run), []).append((entry, had_by(entry, index)))
    known = {c.id: known_ids(c) for c in data.checklists}  # once per checklist, not once per change (10,000 entries: 0.4 s a check)
    hinted = Hinted()
    seen: dict[tuple[object, ...], Entry] = {}
    for entry in entries:
        first = seen.setdefault((entry.checklist, entry.run, entry.by, entry.at, entry.changes), entry)
        if first is not entry:  # a copy made by hand ('x (copy).yaml'), or one committed twice: the history would list it twice
            message = f"the same entry as {first.source} (the same changes, by the same person, at the same time)"
            yield Issue(entry.loc, message, "remove one of the two files: an entry is recorded once", Severity.WARNING)
        checklist = data.checklist(entry.checklist)
        if checklist is None:
            ids = ", ".join(sorted(c.id for c in data.checklists)) or "none"
            message = f"record entry for checklist '{entry.checklist}', which does not exist"
            yield Issue(place(entry, "checklist"), message, f"use the id of a checklist in data/ (known: {ids})")
            continue
        close = closed.get((entry.checklist, entry.run))
        late = _late(entry, close, had[entry.checklist, entry.run]) if close is not None and not _run_only(entry) else ""
        other = _closed_again(entry, late, again.get((entry.checklist, entry.run), []))
        if other is not None and close is not None:
            message = (f"run '{run_name(entry.run)}' was closed twice, on two branches merged ({written(close.at)}, {close.source}; "
                       f"{written(other.at)}, {other.source}): this entry, which the first close did not have, is in the run as the second close had it")
            said = "nothing to do: the run holds what each of its closes had (run list, status --run and the pages count it)"
            yield Issue(entry.loc, message, said, Severity.WARNING)
        elif late:
            yield Issue(entry.loc, late, _after_close_hint(checklist, entry, entries, closed))
        for change in entry.changes:
            yield from change_issues(checklist, change, frozen=close is not None, known=known[checklist.id], written=True, hinted=hinted, run=entry.run)
        yield from _addresses(entry)


def _run_only(entry: Entry) -> bool:
    """Whether ``entry`` only starts or closes its run: after the run was closed it changes nothing (the first start and
    the first close count), as when two people ran `run close v1` on two branches that were merged; refused, it made
    every command refuse data/, and the hint said to move that close into the run going on, which would have closed it."""
    return all(change.kind == "run" for change in entry.changes)


def _after_close_hint(c: Checklist, entry: Entry, entries: list[Entry], closed: dict[tuple[str, str], Entry]) -> str:
    """Where an entry written after its run was closed can go (a branch that recorded while another closed the run, then
    merged): the folder of a run of its checklist still open, the one started last; else a new run's. Else out of the
    record: its commit keeps who recorded it ('else remove it' left a team to think it lost)."""
    starts = {e.run: e.at for e in entries if e.checklist == c.id and any(ch.run is RunEvent.START for ch in e.changes)}
    open_runs = sorted((at, run) for run, at in starts.items() if (c.id, run) not in closed)
    if not open_runs and (c.id, "") not in closed and not starts:
        open_runs = [(entry.at, "")]  # no runs started: the default run is the record
    if open_runs:
        move = f"git mv {entry.source} {record_folder(c, open_runs[-1][1])}/"
    else:  # every command checks data/ first: the file goes out while the run starts
        move = f"move it out of data/, run checklist-site run start NAME, then move it into {record_folder(c, 'NAME')}/"
    keep = f"git log --all -- {entry.source} keeps who recorded what"
    again = f"move it out of data/, run checklist-site run reopen {run_name(entry.run)} --reason TEXT, then move it back"
    return f"a closed run takes no more entries: if it belongs to the launch going on, {move}; the run closed too early: {again}; " \
        f"else git rm {entry.source} ({keep})"


def frozen_of(change: Change) -> Frozen | None:
    """What a run close recorded its verdict from; None for a close entry written before `run close` recorded it."""
    if change.verdict is None:
        return None
    placed = tuple(zip(change.items, change.sections, strict=True)) if len(change.sections) == len(change.items) else ()
    groups = tuple(zip(change.groups, change.group_sections, strict=True)) if len(change.group_sections) == len(change.groups) else ()
    return Frozen(change.verdict, frozenset(change.critical), frozenset(change.later), change.runbooks, change.groups, change.roles, placed, groups)


def _subjects(entry: Entry) -> set[tuple[str, str]]:
    """What an entry records: each item, sign-off, approval, owner and attendee, the decision, and ('run', '') for a
    run's start, close or re-opening (which every entry of the run is judged against: :func:`causal`)."""
    return {(c.kind, "" if c.kind in ("run", "decision") else str(getattr(c, c.kind))) for c in entry.changes}


def causal(entries: list[Entry]) -> list[Entry]:
    """Each entry dated a millisecond after the latest recording of what it records (an item, a sign-off, an approval,
    the decision; a run's start or close) among the entries its writer had (``after``, ``also_after``, and what those
    name), in its own zone, as the commands date one written on a machine whose clock is behind the latest. The Record
    panel's file is dated by the browser's clock: made from a site built after Priya's done, on a laptop three hours
    behind, Chen's n/a of the same item was folded before her done, so the record kept her done and every screen said her
    done was 'recorded without Chen's n/a', which she could not have had. Its other recordings keep their time (a
    `mark --date` of another item, a day back, stays that day); an entry whose writer had nothing later of what it records,
    or that names none, is as written; a name in a loop (written by hand) lifts nothing."""
    index = {(e.checklist, e.source.rpartition("/")[2]): e for e in entries}
    moments: dict[int, datetime.datetime] = {}
    latest: dict[int, dict[tuple[str, str], datetime.datetime]] = {}  # what each writer had: subject -> its latest recording

    def named(entry: Entry) -> list[Entry]:
        found = (index.get((entry.checklist, name)) for name in (entry.after, *entry.also_after) if name)
        return [e for e in found if e is not None and e is not entry]

    if all(e.at < entry.at for entry in entries for e in named(entry)):  # every one after what it names: so after all it had
        return entries
    for first in entries:  # depth first, without recursion: a record of thousands of entries, each naming the one before
        stack, path = [(first, False)], set()
        while stack:
            entry, ready = stack.pop()
            if id(entry) in moments:
                continue
            if not ready:
                path.add(id(entry))
                stack.append((entry, True))
                stack += [(e, False) for e in named(entry) if id(e) not in moments and id(e) not in path]
                continue
            had: dict[tuple[str, str], datetime.datetime] = {}
            for before in (latest[id(e)] for e in named(entry) if id(e) in latest):
                for subject, when in before.items():
                    if subject not in had or when > had[subject]:
                        had[subject] = when
            own, at = _subjects(entry), entry.at
            later = [had[subject] for subject in own | {("run", "")} if subject in had and had[subject] >= at]
            if later:
                at = (max(later) + datetime.timedelta(milliseconds=1)).astimezone(entry.at.tzinfo)
            moments[id(entry)] = at
            latest[id(entry)] = had | {subject: at for subject in own if subject not in had or at > had[subject]}
            path.discard(id(entry))
    return [e if moments[id(e)] == e.at else dataclasses.replace(e, at=moments[id(e)]) for e in entries]


def ordered(entries: Iterable[Entry]) -> list[Entry]:
    """Entries in the order they are applied: by time (zones compared as instants), then by file name."""
    return sorted(entries, key=lambda e: (e.at, e.source.rpartition("/")[2]))  # the file's name (a source is data/.../name.yaml)


class _State:
    """The state being folded: one mapping per kind, in first-recorded order."""

    def __init__(self, base: Status | None) -> None:
        self.items: dict[str, ItemState] = {i.id: i for i in base.items} if base else {}
        self.signoffs: dict[str, Signoff] = {s.id: s for s in base.signoffs} if base else {}
        self.approvals: dict[str, RoleApproval] = {a.id: a for a in base.approvals} if base else {}
        self.decision: DecisionRecord | None = base.decision if base else None
        self.assignments: dict[str, Assignment] = {}
        self.attendees: dict[str, Attendee] = {}
        self.withdrawn: dict[str, Attendee] = {}
        self.run: dict[str, object] = {}  # started, closed, revision, scope

    def apply(self, entry: Entry, change: Change) -> None:
        by, at, loc = entry.by, entry.at, change.loc
        kind = change.kind
        if kind == "item":
            self._item(entry, change)
        elif kind == "signoff" and change.withdrawn:  # undone: not signed off, as before it (the entries stay in the history)
            self.signoffs.pop(change.signoff, None)
        elif kind == "signoff":
            before = self.signoffs.get(change.signoff)
            self.signoffs[change.signoff] = Signoff(
                id=change.signoff, name=change.name or by, date=at.date(), note=change.note, with_open=change.with_open, at=at, previous=before, loc=loc
            )
        elif kind == "approval":
            before_a = self.approvals.get(change.approval)
            decision = change.decision or Vote.GO
            self.approvals[change.approval] = RoleApproval(
                id=change.approval, name=change.name or by, decision=decision, date=at.date(), at=at, previous=before_a, loc=loc
            )
        elif kind == "assign":
            self.assignments[change.assign] = Assignment(change.assign, change.to, change.due, by, at, loc)
            owned = self.items.get(change.assign) or ItemState(id=change.assign, state=State.OPEN)
            self.items[change.assign] = dataclasses.replace(owned, owner=change.to, due=change.due)
        elif kind == "attendee" and change.withdrawn:  # recorded by mistake: off the minutes, which say who withdrew it
            key = identity(change.attendee)
            gone = self.attendees.pop(key, None)
            self.withdrawn[key] = Attendee(gone.name if gone else change.attendee, gone.role if gone else PlainText(), by, at, loc)
        elif kind == "attendee":
            key, before_t = identity(change.attendee), self.attendees.get(identity(change.attendee))  # 'Meera' and 'meera': one attendee
            self.withdrawn.pop(key, None)  # recorded again: at the meeting after all
            self.attendees[key] = Attendee(change.attendee, change.role or (before_t.role if before_t else change.role), by, at, loc)
        elif kind == "run" and change.run is RunEvent.START:
            self.run.setdefault("started", at)  # started on two branches, merged: the run started with the first
            self.run.setdefault("revision", change.revision)
        elif kind == "run" and change.run is RunEvent.REOPEN:  # the close undone: open again, on the checklist as it is
            if "closed" in self.run:
                undone = Reopened(PlainText(by), at, self.run["closed"], self.run.pop("closed_by"), change.note)  # type: ignore[arg-type]
                self.run["reopened"] = (*self.run.get("reopened", ()), undone)  # type: ignore[misc]
                for key in ("closed", "scope", "frozen"):
                    self.run.pop(key, None)
        elif kind == "run":
            self.run.setdefault("closed_by", PlainText(by))
            self.run.setdefault("closed", at)  # closed on two branches, merged: the run closed with the first, its items as they were then
            self.run.setdefault("scope", change.items)  # frozen: the checklist's items as the run ended
            self.run.setdefault("frozen", frozen_of(change))  # and what its verdict was made from (None: an older close entry)
        else:
            assert change.decision is not None
            self.decision = DecisionRecord(decision=change.decision, by=by, date=at.date(), blockers=change.blockers, at=at, previous=self.decision, loc=loc)

    def _item(self, entry: Entry, change: Change) -> None:
        before = self.items.get(change.item)
        if change.state is None:  # a note only: the state and who recorded it stay
            base = before or ItemState(id=change.item, state=State.OPEN)
            self.items[change.item] = dataclasses.replace(base, note=change.note, loc=change.loc, places=change.places)
            return
        self.items[change.item] = ItemState(
            id=change.item,
            state=change.state,
            by=entry.by,
            date=entry.at.date(),
            note=change.note,
            reason=change.reason,
            approver=change.approver,
            at=entry.at,
            previous=before,
            owner=before.owner if before else PlainText(),
            due=before.due if before else None,
            loc=change.loc,
        )

    def status(self, checklist: Ident, source: FilePath, entries: tuple[Entry, ...], run: str) -> Status:
        return Status(
            checklist=checklist,
            items=tuple(self.items.values()),
            signoffs=tuple(self.signoffs.values()),
            approvals=tuple(self.approvals.values()),
            decision=self.decision,
            source=source,
            entries=entries,
            assignments=tuple(self.assignments.values()),
            attendees=tuple(self.attendees.values()),
            withdrawn=tuple(self.withdrawn.values()),
            run=run,
            **self.run,  # type: ignore[arg-type]
        )


def fold(
    checklist: Ident,
    base: Status | None,
    entries: Iterable[Entry],
    run: str = "",
    renamed: dict[Ident, Ident] | None = None,
    groups: dict[Ident, Ident] | None = None,
    roles: dict[Ident, Ident] | None = None,
) -> Status:
    """The state after ``entries`` (any order: they are sorted by time) on top of ``base`` (the legacy status file);
    ``renamed``: former item ids -> ids now; ``groups``: group ids, former ones too -> ids now (:func:`signed_groups`);
    ``roles``: approver role ids, former ones too -> ids now (:func:`approver_roles`)."""
    state = _State(base)
    applied = tuple(ordered(entries))
    renamed = renamed or {}
    groups = groups or {}
    roles = roles or {}
    for entry in applied:
        for change in entry.changes:
            if renamed and (change.item in renamed or change.assign in renamed):
                change = dataclasses.replace(change, item=renamed.get(change.item, change.item), assign=renamed.get(change.assign, change.assign))
            if change.signoff and groups.get(change.signoff, change.signoff) != change.signoff:
                change = dataclasses.replace(change, signoff=groups[change.signoff])
            if change.approval and roles.get(change.approval, change.approval) != change.approval:
                change = dataclasses.replace(change, approval=roles[change.approval])
            state.apply(entry, change)
    source = FilePath(Path(applied[0].source).parent.as_posix() + "/") if applied else base.source if base else FilePath()
    return state.status(checklist, source, applied, run)


NONE_HAD = "-"  # an entry's ``after`` where its writer had no entry of its run (no file is so named)


def latest_name(status: Status | None) -> str:
    """The file name of the latest entry of a run (its last in folding order; '' when it has none): a new entry of the run
    names it (``after:``), so an entry dropped later (a force-push, a reset, a rebase that left it out) is found missing
    (:func:`dropped`) wherever one recorded after it is kept. A file name, not a path: an entry moved to another run's
    folder (as `check` says to, for one recorded in a run the other branch closed) is still found. A run's start names
    none; its close names what it had (:func:`had_by`), which :func:`dropped` does not judge: a second close, merged from
    another branch, may name an entry recorded in the run after the first close, removed as `check` says."""
    last = max(status.entries, key=lambda e: (e.at, e.source.rpartition("/")[2]), default=None) if status is not None else None
    return last.source.rpartition("/")[2] if last is not None else ""


def heads(status: Status | None) -> list[str]:
    """The file names of the run's entries that no entry names (``after``, ``also_after``): the latest of each branch
    merged into the writer's record (one, the latest, where nothing was recorded on two branches at once). A new entry
    names them all, so what its writer had is known (:func:`unseen`: a recording made without another one of the same
    item). Entries that name none (written before entries named any, a run's start) count only as the latest, or as the
    first: :func:`unseen` judges the first entry as one someone had (the first of two branches begun on an empty record,
    folded first, was judged but named by no later entry, so a warning about it never went)."""
    if status is None or not status.entries:
        return []
    named = {name for e in status.entries for name in (e.after, *e.also_after)}
    first, last = status.entries[0], status.entries[-1]  # in folding order
    return sorted(n for e in status.entries if (n := e.source.rpartition("/")[2]) not in named and (e.after or e.also_after or e is last or e is first))


def fold_all(data: Data, entries: list[Entry]) -> Data:
    """``data`` with each checklist's runs folded: the default run onto its status file, every named run on its own.

    Where a checklist has named runs, its current state (``Data.statuses``) is the run going on: the open run started
    last, else (every named run closed) the run closed last. A release branch merged back after a hotfix was recorded
    on it (run v1.0.1 started there after v2 was started on main, and closed) made the closed hotfix the current run:
    status, gate, the pages and the meeting showed it, and every recording on main was refused ('start the next run')
    while v2 went on. The default run is not preferred so (a first launch recorded before runs is never closed). And
    ``Data.runs`` holds every run, the default one first when it holds anything (a status file, an entry): a first
    launch recorded in `run start v1` had an empty default run listed beside it as "open", 0 resolved, with its pages,
    its row in the history and the export; without named runs nothing else changes.
    """
    by_run: dict[tuple[Ident, str], list[Entry]] = {}
    for entry in entries:
        by_run.setdefault((entry.checklist, entry.run), []).append(entry)
    statuses = {s.checklist: s for s in data.statuses}
    named: dict[Ident, list[Status]] = {}
    for (checklist, run), found in sorted(by_run.items()):
        c = data.checklist(checklist)
        renamed, groups, roles = (aliases(c), signed_groups(c), approver_roles(c)) if c else ({}, {}, {})
        if run:
            named.setdefault(checklist, []).append(fold(checklist, None, found, run, renamed, groups, roles))
        else:
            statuses[checklist] = fold(checklist, statuses.get(checklist), found, "", renamed, groups, roles)
    runs: list[Status] = []
    for checklist, mine in sorted(named.items()):
        mine.sort(key=lambda s: (s.started or s.entries[0].at, s.run))
        default = statuses.get(checklist)
        runs += [default, *mine] if default is not None else mine
        going = [s for s in mine if s.closed is None]
        statuses[checklist] = going[-1] if going else max(mine, key=lambda s: s.closed or s.started or s.entries[0].at)  # stable: the first of equals
    return dataclasses.replace(data, statuses=tuple(statuses.values()), runs=tuple(runs))


def now() -> datetime.datetime:
    """The time now, in the local zone (what an entry's 'at' records)."""
    return datetime.datetime.now().astimezone()


FUTURE_SLACK = datetime.timedelta(days=1)  # clocks differ, and so do zones set wrong: only beyond a day is an entry "in the future"


def ahead(at: datetime.datetime, moment: datetime.datetime) -> str:
    """How far ``at`` is after ``moment`` in words, when beyond FUTURE_SLACK ('' when not).

    >>> ahead(datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc), datetime.datetime(2026, 12, 6, tzinfo=datetime.timezone.utc))
    '26324 day(s)'
    """
    return f"{(at - moment).days} day(s)" if at - moment > FUTURE_SLACK else ""


def future_warnings(data: Data, moment: datetime.datetime) -> Iterator[Issue]:
    """A warning for every record entry (and status file date) dated more than a day after ``moment``, this machine's clock.

    One entry written on a clock set years ahead (or with a mistyped date) would be the record's latest for good: every
    later entry is dated after it (``after_the_record``), and 'overdue' and the packet's 'as of' go by its date."""
    seen: set[str] = set()
    for status in (*data.statuses, *data.runs):
        for entry in status.entries:
            if entry.source not in seen and (far := ahead(entry.at, moment)):
                seen.add(entry.source)
                message = f"entry dated {entry.at.isoformat()}, {far} after this machine's clock ({moment:%Y-%m-%d %H:%M %z})"
                yield Issue(place(entry, "at"), message, _FUTURE_HINT, Severity.WARNING)
        dated: list[ItemState | Signoff | RoleApproval | DecisionRecord] = [*status.items, *status.signoffs, *status.approvals]
        dated += [status.decision] if status.decision else []
        for state in dated:  # a status file's states (a record entry's have their 'at')
            if state.at is None and state.date is not None and state.date > (moment + FUTURE_SLACK).date() and str(state.loc) not in seen:
                seen.add(str(state.loc))
                yield Issue(place(state, "date"), f"dated {state.date}, after this machine's clock ({moment:%Y-%m-%d})", _FUTURE_HINT, Severity.WARNING)


def dropped(data: Data) -> Iterator[Issue]:
    """A warning for every entry whose writer had an entry of its run that the record no longer has (its ``after``): an
    entry is never removed, so a force-push, a reset or a rebase that left a commit out dropped someone's recording. Found
    wherever an entry recorded after it is kept; the entry is by file name in any run of its checklist (one moved to
    another run's folder is not missing)."""
    names: dict[str, set[str]] = {}
    for status in (*data.statuses, *data.runs):
        names.setdefault(status.checklist, set()).update(e.source.rpartition("/")[2] for e in status.entries)
    seen: set[str] = set()
    for status in (*data.statuses, *data.runs):
        for entry in status.entries:
            if _run_only(entry):  # a close names what it had for check's sake (``had_by``); a second close's may since be removed
                continue
            named = (("after", entry.after), *(("also_after", n) for n in entry.also_after))
            missing = [(key, name) for key, name in named if name and name != NONE_HAD and name not in names[status.checklist]]
            if missing and entry.source not in seen:
                seen.add(entry.source)
                key, name = missing[0]
                folder = entry.source.rsplit("/", 1)[0]
                message = f"this entry was recorded after {name}, which the record does not have: "
                message += "dropped by a force-push, a reset or a rebase, or left behind by a cherry-pick?"
                hint = f"an entry is never removed: find it with git log --all --reflog -- '{folder}/{name}' then git checkout COMMIT -- PATH"
                hint += " (on a branch that cherry-picked entries, cherry-pick that one too, or merge the branch that has it)"
                yield Issue(entry.places.get(key, entry.loc), message, hint, Severity.WARNING)


Recorded = tuple[int, str, str, Change]  # (the entry's place in its run's folding order, what it recorded, who, the change)


def _recordings(entries: tuple[Entry, ...], c: Checklist | None) -> dict[tuple[str, str], list[Recorded]]:
    """Each subject's recordings that set a value, in folding order: an item's state, a group's sign-off (signed, or
    withdrawn), an approval, the Go / No-Go decision (a note changes no state), by ids now (a renamed item's follow it)."""
    items, roles, groups = (aliases(c), approver_roles(c), signed_groups(c)) if c is not None else ({}, {}, {})
    found: dict[tuple[str, str], list[Recorded]] = {}
    for n, entry in enumerate(entries):
        for change in entry.changes:
            if change.kind == "signoff":
                said = "withdrawal" if change.withdrawn else "sign-off"
                found.setdefault(("signoff", groups.get(change.signoff, change.signoff)), []).append((n, said, change.name or entry.by, change))
            elif change.kind == "item" and change.state is not None:
                found.setdefault(("item", items.get(change.item, change.item)), []).append((n, change.state.value, entry.by, change))
            elif change.kind == "approval":
                said = (change.decision or Vote.GO).value
                found.setdefault(("approval", roles.get(change.approval, change.approval)), []).append((n, said, change.name or entry.by, change))
            elif change.kind == "decision" and change.decision is not None:
                found.setdefault(("decision", ""), []).append((n, change.decision.value, entry.by, change))
    return found


def unseen(data: Data) -> Iterator[Issue]:
    """A warning where what a run holds of an item, an approval or the decision was recorded without another person's
    recording of it, of another value, that the record folds before it: recorded on two branches at once, or in a clone
    not pulled since (and then pushed after the other), each writer unaware of the other; the record keeps the later by
    the clocks' dates (set wrong on one machine, the wrong one), and nobody was asked to replace the other's, as when
    both record on one record. What a writer had is what its entry names (``after``, ``also_after``), and what those
    name, and so on; an entry of before names none, and is judged by no one. Recorded again by someone who has both,
    the warning goes. An open run only: a closed run's numbers are as it was closed.

    One whose writer had an entry the record lacks (named, or named by what it names: a commit a rebase dropped, which
    ``dropped`` says at that entry) is judged by no one either: what that one had is not known, and Olu's tick after a
    dropped entry of his, on a branch that had Priya's n/a, was said to be recorded without it."""
    known: dict[str, set[str]] = {}  # each checklist's entries by file name, in any run (as ``dropped`` finds them)
    for status in (*data.statuses, *data.runs):
        known.setdefault(status.checklist, set()).update(e.source.rpartition("/")[2] for e in status.entries)
    for status in {(s.checklist, s.run): s for s in (*data.statuses, *data.runs)}.values():
        if status.closed is not None or not status.entries:
            continue
        entries = status.entries
        found = _recordings(entries, data.checklist(status.checklist))
        pairs = []  # (the subject's last recording, an earlier one by someone else of another value)
        for recordings in found.values():
            last = recordings[-1]
            latest = entries[last[0]]
            if latest.after or latest.also_after:
                judged = (r for r in recordings[:-1] if entries[r[0]].after or r[0] == 0)  # an entry of before: no one knows who had it
                pairs += [(last, r) for r in judged if r[1] != last[1] and not same_person(r[2], last[2])]
        if not pairs:
            continue
        bits = {r[0]: 1 << k for k, r in enumerate({r[0]: r for _, r in pairs}.values())}
        unknown = 1 << len(bits)  # the writer had an entry the record lacks: it may have had any (-1: every bit)
        had = [-1 if n & unknown else n for n in _had(entries, bits, known[status.checklist], unknown)]
        yield from _unseen_issues(entries, pairs, bits, had)


def _had(entries: tuple[Entry, ...], bits: dict[int, int], known: set[str], unknown: int) -> list[int]:
    """For each entry (by its place in ``entries``), the ``bits`` of the entries its writer had, itself included: what it
    names, what those name, and so on; worked out in an order where what an entry names comes first (an entry dated back
    with --date folds before the one it names). ``unknown`` too where it names, or what it names names, an entry that
    is not ``known`` (the record lacks it)."""
    index = {e.source.rpartition("/")[2]: n for n, e in enumerate(entries)}
    parents = [[index[name] for name in (e.after, *e.also_after) if name in index] for e in entries]
    lacks = [any(name and name != NONE_HAD and name not in known for name in (e.after, *e.also_after)) for e in entries]
    had, state = [0] * len(entries), [0] * len(entries)  # state: 0 not seen, 1 on the way, 2 done
    for root in range(len(entries)):
        if state[root]:
            continue
        state[root], stack = 1, [(root, iter(parents[root]))]
        while stack:
            node, rest = stack[-1]
            following = next((p for p in rest if not state[p]), None)
            if following is None:  # every entry it names is done (or names it back: a file edited by hand)
                stack.pop()
                had[node] = bits.get(node, 0) | (unknown if lacks[node] else 0)
                for p in parents[node]:
                    had[node] |= had[p]
                state[node] = 2
            else:
                state[following] = 1
                stack.append((following, iter(parents[following])))
    return had


def _unseen_issues(entries: tuple[Entry, ...], pairs: list[tuple[Recorded, Recorded]], bits: dict[int, int], had: list[int]) -> Iterator[Issue]:
    said: set[int] = set()
    for last, earlier in pairs:
        other = entries[earlier[0]]
        if had[last[0]] & bits[earlier[0]] or id(last[3]) in said:
            continue
        said.add(id(last[3]))
        change = last[3]
        what = {"item": f"item '{change.item}'", "approval": f"approval '{change.approval}'", "signoff": f"group '{change.signoff}'"}.get(
            change.kind, "the Go / No-Go decision"
        )
        message = (
            f"{what}: {last[2]}'s {last[1]} was recorded without {earlier[2]}'s {earlier[1]} ({other.source.rpartition('/')[2]}), "
            f"recorded at once on another branch or in a clone not pulled: the record keeps {last[2]}'s, the later by its clock's date"
        )
        hint = "look at both (its history on the readiness page), then record what holds now (--replace): recorded by someone who has both, the warning goes"
        yield Issue(change.loc, message, hint, Severity.WARNING)


def unapproved_waivers(data: Data) -> Iterator[Issue]:
    """A warning for each critical item whose record ends waived without an approver: an entry written while the item
    was not critical (the checklist changed since). An entry is never edited, so the record stays valid; the item counts
    as critical open, a blocker, on every screen until it is waived again with an approver (or done)."""
    seen: set[Loc] = set()  # the current run is in data.runs too
    for status in (*data.statuses, *data.runs):
        c = data.checklist(status.checklist)
        if c is None or status.closed is not None:
            continue
        critical = {i.id for i in c.section_items() if i.critical}
        for state in status.items:
            if state.at is not None and state.state is State.WAIVED and state.id in critical and not state.approver and state.loc not in seen:
                seen.add(state.loc)
                message = f"critical item '{state.id}' is waived without an approver (it was not critical then?): it blocks the launch until it has one"
                hint = f"record who accepted the risk: checklist-site mark {state.id} --waived --reason '...' --approver NAME (or mark it --done)"
                yield Issue(state.loc, message, hint, Severity.WARNING)


_FUTURE_HINT = "if the clock (or --date) that wrote it was wrong, correct the date in a commit; if this machine's clock is behind, set it right"

