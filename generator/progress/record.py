"""The team record's writer: every recording (`mark`, `signoff`, `approve`, `decide`, `assign`, the meeting) is one new entry file.

``append`` validates the changes with the same code that reads entry files, under the project lock, and
writes one new file that can never replace another (its name holds the time, the person and random hex);
git merges such files without a conflict. ``snapshot`` gives the folded state and the readiness numbers
as JSON-able data, computed as every page computes them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import difflib
import itertools
import re
import time
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

from .. import files
from ..errors import BuildError, CheckFailed, Loc, UsageError
from ..format import mailmap
from ..format.fold import (
    DEFAULT_RUN,
    NAMED,
    RECORD_SUFFIX,
    ahead,
    aliases,
    approver_roles,
    change_issues,
    check_entry,
    entry_name,
    fold,
    heads,
    known_ids,
    latest_name,
    now,
    record_name,
    refused_run,
    run_name,
    signed_groups,
    written,
)
from ..format.load import Mapping, Node, Scalar, load_text
from ..format.load import Sequence as SequenceNode
from ..format.model import Change, Checklist, Data, Entry, RunEvent, State, Status, Vote
from ..format.readiness import RESOLVED, after_launch
from ..format.schema import ENTRY, MAX_TEXT, Converter
from ..format.types import (
    CALENDAR_HINT,
    FIRST_DAY,
    LAST_DAY,
    Ident,
    InlineMarkdown,
    Name,
    PlainText,
    identity,
    in_calendar,
    known,
    mapping_of,
    person,
    refused_in_line,
    same_person,
    spec_of,
)
from ..programs import git_updating
from .edit import scalar

if TYPE_CHECKING:
    from ..project import Project

Check = Callable[["Project"], Data]  # loads and validates the project's data (``project.check``)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_CHANGES = 1000  # changes in one entry: a whole checklist's items at once, and no more
CHANGE = spec_of(Change)
HEADER = "# checklist-site record entry: append-only; to change something, add a new entry\n"


class ReplaceRefused(BuildError):
    """A change would replace what someone else recorded; ``conflicts`` says what, by whom and when."""

    def __init__(self, message: str, hint: str, conflicts: list[dict[str, str]]) -> None:
        super().__init__(message, hint)
        self.conflicts = conflicts


def _checklist_for(data: Data, ident: str, kind: str, explicit: str | None, ids_of: Callable[[Checklist], Any]) -> Checklist:
    if explicit:
        found = data.checklist(explicit)
        if found is None:
            raise BuildError(f"no checklist '{explicit}'", f"use one of: {', '.join(c.id for c in data.checklists)}")
        candidates = [found]
    else:
        candidates = [c for c in data.checklists if ident in ids_of(c)]
    if len(candidates) == 1 and ident in ids_of(candidates[0]):
        return candidates[0]
    if len(candidates) > 1:
        raise BuildError(f"{kind} '{ident}' is in several checklists", "say which with --checklist ID")
    known = [i for c in (candidates or data.checklists) for i in ids_of(c)]
    close = difflib.get_close_matches(ident, known, n=1)
    raise BuildError(
        f"no {kind} '{ident}'" + (f" in checklist '{explicit}'" if explicit else ""),
        f"did you mean '{close[0]}'?"
        if close
        else f"use the id of {'an' if kind[0] in 'aeiou' else 'a'} {kind} that the checklist has"
        + (f": {', '.join(sorted(known))}" if len(known) <= 12 else ""),
    )


def when(value: str | None) -> datetime.datetime | None:
    """--date as an entry's time: that day (YYYY-MM-DD only) at the time of day now, in the local zone; None without it (now)."""
    if not value:
        return None
    moment = now()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-12") from None
    if not in_calendar(day):
        raise UsageError(f"--date '{value}' is not a date from {FIRST_DAY} to {LAST_DAY}", CALENDAR_HINT)
    if day > moment.date():  # an entry in the future would be the record's latest for good (fold.future_warnings)
        raise UsageError(f"--date '{value}' is in the future (today is {moment.date()})", "record what has happened: give today's date or an earlier one")
    return on_day(day, moment.time())


def on_day(day: datetime.date, time_of_day: datetime.time) -> datetime.datetime:
    """``day`` at ``time_of_day`` in the local zone, with that day's own offset (in a zone with summer time, a summer day
    given in winter is +02:00, not now's +01:00), and on that day where the zone skips the time: a day whose clocks go
    forward at midnight (Chile, Cuba, Paraguay, Lebanon) has no 00:30, which Python's reading gave as the day before's
    23:30, so `mark --date 2026-09-06` made at half past midnight in Santiago recorded 5 September, and the item's
    date, the readiness page's 'overdue', the history's 'late' and the packet's 'as of' went by that day. The time is
    then read past the jump, on the clock after it (00:30 is 01:30).
    """
    found = datetime.datetime.combine(day, time_of_day).astimezone()
    if found.date() == day:
        return found
    later = datetime.datetime.combine(day, time_of_day).replace(fold=1).astimezone()  # the zone's reading after the jump
    if later.date() == day:
        return later
    # a gap's reading fell on the day before: step over it, an hour at a time, to the first instant of ``day``
    step = found
    while step.date() < day:
        step = (step + datetime.timedelta(hours=1)).astimezone()
    return step


def due_date(value: str | None) -> datetime.date | None:
    if value is None:
        return None
    if not _DATE.fullmatch(value):
        raise UsageError(f"--due '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-15")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--due '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-15") from None
    if not in_calendar(day):
        raise UsageError(f"--due '{value}' is not a date from {FIRST_DAY} to {LAST_DAY}", CALENDAR_HINT)
    return day


def line(option: str, value: str | None) -> str | None:
    """A one-line text option (--by, --note, ...): no line breaks or control characters (terminal escapes), within the length limit."""
    if value is None:
        return None
    bad = refused_in_line(value)  # what a one-line text refuses, wherever it is written
    if bad:
        hint = "give one line of plain text (no line breaks, terminal escapes or zero-width characters)"
        raise UsageError(f"{option} contains the invisible character {bad}", hint)
    if not value.strip():
        raise UsageError(f"{option} is empty", f"give {option} a value")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{option} is {len(value)} characters long, over the limit of {MAX_TEXT}", "shorten it")
    return unicodedata.normalize("NFC", value.strip())  # as the record reads names: one person, however the accents were typed


def name_line(option: str, value: str | None) -> str | None:
    """A person's name option (--by, --to, --approver): :func:`line`, then read as the record reads names (``types.person``)."""
    found = line(option, value)
    if found is not None and not person(found):
        raise UsageError(f"{option} shows as no name: it holds only characters that show as nothing", f"give {option} the person's name")
    return None if found is None else person(found)




@dataclasses.dataclass(frozen=True)
class Naming:
    """How a caller of :func:`append` calls the names it gives (a terminal's options, the meeting's Record panel), and
    what to do instead of giving an e-mail address: said in its refusal (:func:`as_recorded`)."""

    said: dict[str, str]
    fix: str


TERMINAL = Naming(
    {"by": "--by", "approver": "--approver", "to": "--to", "name": "the name", "attendee": "the attendee's NAME"},
    "give the person's name instead",
)


def as_recorded(name: str, what: str, naming: Naming = TERMINAL) -> str:
    """A person's name as the record writes it, wherever a name enters the record (who recorded, an approver, an owner,
    an attendee; from a terminal, the meeting or ``append``'s other callers): one holding an e-mail address is written
    as the name the project's .mailmap gives it (read by the last check), and refused where the map gives none. The
    record is published (the pages, the packet, the meeting's room show each name as written) and kept in git for
    good: `mark --by priya@realserv.example` wrote her address there, where the meeting already recorded her name.
    ``what``: the key or option the name was given as, said in the refusal as ``naming`` says it."""
    if not name or not mailmap.has_address(name):
        return name
    found = known(name)
    if mailmap.has_address(found):
        said = naming.said.get(what, what)
        raise UsageError(
            f"nothing recorded: {said} {name!r} is an e-mail address, which the room and the site's pages would show (and git keep for good)",
            f"{naming.fix}; or add 'Their Name <address>' to the project's .mailmap (git's file: git help mailmap), which records it under that name",
        )
    return found


def _names_recorded(by: str, changes: Sequence[Change], naming: Naming) -> tuple[str, list[Change]]:
    """``by`` and every name ``changes`` give (:data:`NAMED`) as the record writes them (:func:`as_recorded`)."""

    def named(c: Change) -> Change:
        return dataclasses.replace(
            c,
            approver=Name(as_recorded(c.approver, "approver", naming)),
            name=Name(as_recorded(c.name, "name", naming)),
            to=Name(as_recorded(c.to, "to", naming)),
            attendee=Name(as_recorded(c.attendee, "attendee", naming)),
        )

    return as_recorded(by, "by", naming), [named(c) if any(mailmap.has_address(getattr(c, k)) for k in NAMED) else c for c in changes]


def slug(name: str) -> str:
    """A person's name as a file-name part: 'Priya Sharma' -> 'priya-sharma' (ASCII letters and digits)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:40].strip("-") or "someone"


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    return scalar(value)


def change_text(change: Change) -> str:
    """One change as a flow mapping: its subject's key first (item, signoff, approval, ...), then the keys it gives as declared."""
    fields = mapping_of(change, CHANGE)
    subject = change.kind
    ordered = {subject: fields.pop(subject)} | fields if subject in fields else fields
    return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in ordered.items()) + "}"


def entry_text(
    checklist_id: str, by: str, at: datetime.datetime, changes: Sequence[Change], after: str = "", recording: str = "", also: Sequence[str] = ()
) -> str:
    """An entry file's text: one flow mapping per change, values quoted where YAML would read them otherwise; ``after``:
    the file name of the run's latest entry its writer had (:func:`latest_name`), ``also``: those of its other heads (the
    latest of each branch merged, :func:`heads`); ``recording``: the meeting page that sent it and its number
    ('PAGE/NUMBER'), by which a meeting started again knows it (``meeting.Room.recall``)."""
    lines = [HEADER.rstrip("\n"), f"checklist: {checklist_id}", f"by: {scalar(by)}", f"at: {written(at)}"]
    lines += [f"after: {scalar(after)}"] * bool(after) + [f"also_after: {_yaml_value(list(also))}"] * bool(also)
    lines += [f"recording: {scalar(recording)}"] * bool(recording) + ["changes:"]
    lines += [f"  - {change_text(change)}" for change in changes]
    return "\n".join(lines) + "\n"


def _node(value: Any, loc: Loc) -> Node:
    """A JSON value as the node of its kind: true/false, a number, null, a list, an object, a text; the declaration
    then refuses what a field does not take. Every value but a list was a text before: the meeting recorded the blockers
    '[{"x": 1}, 5, null]' as the texts "{'x': 1}", "5" and "None"."""
    if isinstance(value, bool):
        return Scalar("true" if value else "false", "bool", loc)
    if isinstance(value, list):
        return SequenceNode(tuple(_node(v, loc) for v in value), loc)
    if isinstance(value, dict):
        return Mapping(tuple((Scalar(str(k), "str", loc), _node(v, loc)) for k, v in value.items()), loc)
    if value is None:
        return Scalar("null", "null", loc)
    if isinstance(value, (int, float)):
        return Scalar(str(value), "int" if isinstance(value, int) else "float", loc)
    return Scalar(str(value), "str", loc)


def read_changes(raw: list[dict[str, Any]], where: str) -> list[Change]:
    """Changes given as JSON objects (the meeting's recordings), read by the declaration; a BuildError names the first problem."""
    converter = Converter()
    changes = []
    for n, obj in enumerate(raw, 1):
        loc = Loc(where, n, 1)
        node = Mapping(tuple((Scalar(str(k), "str", loc), _node(v, loc)) for k, v in obj.items() if v is not None and v != ""), loc)
        changes.append(converter.build(CHANGE, node, f"change {n}"))
    if converter.issues:
        first, more = converter.issues[0], len(converter.issues) - 1
        raise BuildError(f"nothing recorded: {first.message}" + (f" (and {more} more problem(s))" if more else ""), first.hint)
    return changes


def _parse(text: str, name: str, checklist: Checklist) -> Entry:
    """The entry as the loader will read it, with every rule applied: what is written is what is read back."""
    tree, issues = load_text(text, name)
    converter = Converter()
    entry = converter.build(ENTRY, tree, "the record entry") if tree is not None else None
    issues += converter.issues
    if entry is not None and not issues:
        issues += check_entry(entry, Path(name))
        known = known_ids(checklist)
        for change in entry.changes:
            issues += change_issues(checklist, change, known=known)
    if issues or entry is None:
        first = issues[0] if issues else None
        more = f" (and {len(issues) - 1} more problem(s))" if len(issues) > 1 else ""
        raise BuildError(f"nothing recorded: {first.message if first else 'the entry could not be read'}{more}", first.hint if first else "")
    return entry


def _who(change: Change, by: str) -> str:
    return change.name or by


def _recorded(status: Status, entry: Entry) -> Iterator[tuple[dict[str, str], datetime.datetime | None, bool]]:
    """What each change of ``entry`` would change that the record holds: (its subject, state, by, at; when; by someone else)."""
    for change in entry.changes:
        kind = change.kind
        if kind == "item" and change.state is not None and (old := status.item(change.item)) is not None and old.by:
            yield {"item": change.item, "state": old.state.value, "by": old.by, "at": _moment(old.at, old.date)}, old.at, not same_person(old.by, entry.by)
        elif kind == "signoff" and (old_s := status.signoff(change.signoff)) is not None:
            said = {"signoff": change.signoff, "state": "signed", "by": old_s.name, "at": _moment(old_s.at, old_s.date)}
            yield said, old_s.at, not same_person(old_s.name, _who(change, entry.by))
        elif kind == "approval" and (old_a := status.approval(change.approval)) is not None:
            said = {"approval": change.approval, "state": old_a.decision.value, "by": old_a.name, "at": _moment(old_a.at, old_a.date)}
            yield said, old_a.at, not same_person(old_a.name, _who(change, entry.by))
        elif kind == "decision" and (old_d := status.decision) is not None and old_d.by:
            said = {"decision": "", "state": old_d.decision.value, "by": old_d.by, "at": _moment(old_d.at, old_d.date)}
            yield said, old_d.at, not same_person(old_d.by, entry.by)


def conflicts(status: Status | None, entry: Entry) -> list[dict[str, str]]:
    """What ``entry`` would change that someone else recorded: item states, sign-offs, approvals, the decision."""
    return [said for said, _, other in _recorded(status, entry) if other] if status is not None else []


def _what(said: dict[str, str]) -> str:
    return next(f"{k} '{said[k]}'" if said[k] else "the Go / No-Go decision" for k in ("item", "signoff", "approval", "decision") if k in said)


def _refuse_hidden(status: Status | None, entry: Entry) -> None:
    """An entry dated before a later recording of what it changes would, folded in time order, change nothing: refused."""
    later = [said for said, at, _ in _recorded(status, entry) if at is not None and at > entry.at] if status is not None else []
    if later:
        first = later[0]
        raise BuildError(
            f"{_what(first)} was recorded {first['state']} by {first['by']} at {first['at']}, after this entry's {entry.at.isoformat()}: "
            "folded in time order, the entry would change nothing",
            "leave out --date to record it as of now (an entry then comes after every entry of the record), or give a later date",
        )


def _after_the_record(moment: datetime.datetime, read: Iterable[Status | None]) -> datetime.datetime:
    """``moment`` (now), or just after the latest entry of the runs ``read`` (the entry's own; for a run's start, every
    run of the checklist) when this machine's clock is behind it: an entry is written on top of every entry its writer has
    read, so it is folded after them (the latest recording counts), and a run started is the one started last (the
    current run: a start dated before the current run's, on a clock behind, left the record commands recording there).

    Not after an entry dated more than a day ahead of this clock: one of the two clocks is wrong, and every entry dated
    after it would carry the wrong date on (the readiness page's 'overdue' and the packet's 'as of' go by the latest)."""
    latest = max((e for status in read if status is not None for e in status.entries), key=lambda e: e.at, default=None)
    if latest is None or moment > latest.at:
        return moment
    if far := ahead(latest.at, moment):
        raise BuildError(
            f"nothing recorded: the record's latest entry, {latest.source}, is dated {latest.at.isoformat()}, {far} after this machine's "
            f"clock ({moment.isoformat(timespec='seconds')}); a new entry would have to be dated after it",
            "one of the two clocks is wrong: set this machine's clock right, or correct that entry's 'at:' in a commit",
        )
    return (latest.at + datetime.timedelta(milliseconds=1)).astimezone(moment.tzinfo)


def _moment(at: datetime.datetime | None, date: datetime.date | None) -> str:
    """A recording's time as its entry file writes it ('14:41:47.143+00:00': the refusal of a change of someone else's
    entry said '14:41:47.143000+00:00', which is in no file), else its day."""
    return written(at) if at else date.isoformat() if date else ""


def open_items(checklist: Checklist, status: Status | None, group_id: str) -> list[tuple[str, bool]]:
    """The items of a group that are not done, n/a or waived: (id, critical)."""
    group = next(g for s in checklist.sections for g in s.groups if g.id == group_id)
    out: list[tuple[str, bool]] = []
    for item in group.all_items():
        entry = status.item(item.id) if status else None
        if entry is None or entry.state not in RESOLVED:
            out.append((item.id, item.critical))
    return out


def _check_withdrawn(status: Status | None, entry: Entry) -> None:
    """A sign-off or an attendee withdrawn where the record holds none (``status``: before ``entry``) would change
    nothing: refused."""
    for change in entry.changes:
        if change.kind == "signoff" and change.withdrawn and (status is None or status.signoff(change.signoff) is None):
            raise BuildError(f"nothing recorded: group '{change.signoff}' is not signed off: there is no sign-off to withdraw",
                             "see who signed what with checklist-site status")
        if change.kind == "attendee" and change.withdrawn and not any(same_person(a.name, change.attendee) for a in (status.attendees if status else ())):
            present = ", ".join(a.name for a in status.attendees) if status and status.attendees else "none"
            raise BuildError(f"nothing recorded: {change.attendee!r} is not among the attendees recorded: there is no attendee to withdraw",
                             f"the attendees recorded: {present} (give the name as one of them)")


def _check_signoffs(checklist: Checklist, status: Status | None, entry: Entry) -> None:
    for change in entry.changes:
        if change.kind != "signoff" or change.with_open or change.withdrawn:
            continue
        still = open_items(checklist, status, change.signoff)
        if still:
            critical = sum(1 for _, c in still if c)
            named = ", ".join(i for i, _ in still[:3]) + (", ..." if len(still) > 3 else "")
            raise BuildError(
                f"group '{change.signoff}' has {len(still)} open item(s), {critical} of them critical ({named}): not signed off",
                "record them first, or sign off anyway with --with-open (recorded, and printed on the group's sheet)",
            )


def _refuse_replacing(found: list[dict[str, str]], since: bool = False) -> None:
    first = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    hint = "to change what someone else recorded, say so with --replace (their entry stays in the history)"
    raise ReplaceRefused(
        f"{_what(first)} was recorded {first['state']} by {first['by']}" + (f" at {first['at']}" if first["at"] else "") + more,
        "that is not the entry you agreed to change (it was recorded since, or your page had not caught up): look, then change it anyway"
        if since
        else hint,
        found,
    )


_SUBJECTS = ("item", "signoff", "approval", "decision")


def unagreed(found: list[dict[str, str]], replace: bool | Sequence[Any]) -> list[dict[str, str]]:
    """The entries of others ``found`` that ``replace`` does not agree to change: none for True, all for False; given as
    the entries a person was shown ({item|signoff|approval|decision, by, state}), those that are not one of them."""
    if isinstance(replace, bool):
        return [] if replace else found
    agreed: set[tuple[str, str, str, str]] = set()  # (subject, its id, who, state or '' for any): each looked up once
    for shown in replace:
        subject = next((k for k in _SUBJECTS if isinstance(shown, dict) and k in shown), None)
        if subject is not None:
            agreed.add((subject, str(shown[subject] or ""), identity(str(shown.get("by") or "")), str(shown.get("state") or "")))

    def seen(said: dict[str, str]) -> bool:
        subject = next(k for k in _SUBJECTS if k in said)
        who = identity(said["by"])
        return (subject, said[subject], who, said["state"]) in agreed or (subject, said[subject], who, "") in agreed

    return [said for said in found if not seen(said)]


def write_new(path: Path, text: str) -> None:
    """Write a new file in one step; it never replaces one that exists (the name is taken: an error)."""
    files.create(path, text)


def clear_orphans(folder: Path) -> None:
    """Remove the temporary files of writers killed before their entry was put in place (under the lock, no writer is
    at work): hidden, they never counted, but a `git add` of the folder (`meeting --commit`) would commit them."""
    for orphan in folder.glob(".*.yaml.*.tmp"):
        orphan.unlink(missing_ok=True)


def record_folder(project: Project, checklist_id: str, run: str) -> Path:
    folder = project.data / record_name(checklist_id)
    return folder / run if run else folder


def choose_checklist(data: Data, checklist_id: str | None) -> Checklist:
    if checklist_id:
        found = data.checklist(checklist_id)
        if found is None:
            raise BuildError(f"no checklist '{checklist_id}'", f"use one of: {', '.join(c.id for c in data.checklists)}")
        return found
    if len(data.checklists) != 1:
        raise UsageError("which checklist?", f"say which with --checklist ID (one of: {', '.join(c.id for c in data.checklists)})")
    return data.checklists[0]


def run_for(data: Data, checklist_id: str, run: str | None, starting: bool = False, reopening: bool = False) -> tuple[str, Status | None]:
    """The run an entry goes into ('' for the default run) and its state: ``run`` by name, else the current run.

    A closed run takes no entry but its re-opening (``reopening``), which an open run does not take; a run that is not
    started takes only its start (``starting``).
    """
    if run is None:
        status = data.status(checklist_id)
        name = status.run if status else ""
    else:
        name = "" if run == DEFAULT_RUN else run
        if refused := refused_run(run, default=True):
            raise refused
        status = data.status(checklist_id, name)
        if starting and status is not None and status.closed is not None:  # a release re-opened: its close stays what it was
            raise BuildError(
                f"run '{run}' of checklist '{checklist_id}' was closed at {written(status.closed)}: a run is started once",
                f"closed by mistake: checklist-site run reopen {run} --by YOU --reason '...' (the close stays in the record); a hotfix or a"
                f" launch again: a run of its own, checklist-site run start {run}-2 (checklist-site run list shows the runs)",
            )
        if starting and (status is not None or not name):
            raise BuildError(f"run '{run}' of checklist '{checklist_id}' exists already", "choose another name (checklist-site run list shows them)")
        if name and status is None and not starting:  # 'start it' alone sent 'run close v1.10' (meant: v1.1) to start one
            known = sorted({run_name(s.run) for s in data.runs_of(checklist_id)})
            meant = difflib.get_close_matches(run, known, n=1, cutoff=0.6)
            hint = f"did you mean '{meant[0]}'? " if meant else ""
            hint += f"its runs: {', '.join(known) or 'default only'}; to record into a new run, start it: checklist-site run start {run}"
            raise BuildError(f"checklist '{checklist_id}' has no run '{run}'", hint)
    if reopening and (status is None or status.closed is None):
        raise BuildError(f"run '{run_name(name)}' of checklist '{checklist_id}' is not closed: there is no close to undo", "see checklist-site run list")
    if status is not None and status.closed is not None and not reopening:
        when = status.closed.isoformat(timespec="seconds")
        message = f"run '{run_name(name)}' of checklist '{checklist_id}' was closed at {when}: nothing more is recorded in it"
        raise BuildError(message, closed_hint(data, checklist_id, "leave out --run to record into it"))
    return name, status


def closed_hint(data: Data, checklist_id: str, then: str) -> str:
    """What to do instead of recording into a closed run: into the run going on, the one started last, if it is open
    (``then``: how, in the caller's terms); else start the next run. It said to start a run where one was going on: in a
    meeting of release 2 that went on after run v2 was closed and v3 started, each recording was told to start another."""
    current = data.status(checklist_id)
    if current is not None and current.closed is None and current.run:
        return f"run {current.run} is the run going on: {then}"
    return "start the next run: checklist-site run start NAME (a run closed by mistake: checklist-site run reopen NAME --by YOU)"


def append(
    project: Project,
    check: Check,
    checklist_id: str | None,
    by: str,
    changes: Sequence[Change] | Sequence[dict[str, Any]],
    *,
    run: str | None = None,
    at: datetime.datetime | None = None,
    replace: bool | Sequence[Any] = False,
    wait: float | None = None,
    recording: str = "",
    naming: Naming = TERMINAL,  # how the caller calls the names it gives (its refusal of an e-mail address says so)
) -> Path:
    """Record ``changes`` by ``by`` as one new entry file, under the lock, validated before and after; returns its path.
    ``changes`` are Change objects, or JSON objects (the meeting's recordings), read by the declaration first.
    ``replace``: True, or the entries of others the person agreed to change as they were shown (:func:`unagreed`).
    ``wait``: at most so many seconds for the project's lock, then ``LockBusy`` (None: as long as it takes). ``recording``:
    the meeting page that sent it and its number ('PAGE/NUMBER'), written in the entry; ``naming``: :class:`Naming`."""
    by = name_line("by", by) or ""
    if not changes or len(changes) > MAX_CHANGES:
        raise UsageError(f"an entry holds 1 to {MAX_CHANGES} changes, not {len(changes)}", "record fewer changes at once")
    typed = [c for c in changes if isinstance(c, Change)]
    if len(typed) < len(changes):
        typed = read_changes([c for c in changes if isinstance(c, dict)], "the recording")
    moment = at or now()
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)  # milliseconds: one person's quick changes keep their order
    if moment.tzinfo is None:
        raise UsageError("the time of an entry needs its zone", "pass an aware datetime")
    with project.lock(wait):
        data = settled(project, check)
        by, typed = _names_recorded(by, typed, naming)  # the project's .mailmap as this check read it
        checklist = choose_checklist(data, checklist_id)
        typed = _current_ids(checklist, typed)
        starting = any(c.run is RunEvent.START for c in typed)
        run_name, status = run_for(data, checklist.id, run, starting=starting, reopening=any(c.run is RunEvent.REOPEN for c in typed))
        typed = [_closing(data, checklist, status, c) if c.run is RunEvent.CLOSE else c for c in typed]
        read = (*data.runs_of(checklist.id), data.status(checklist.id)) if starting else (status,)
        moment = moment if at else _after_the_record(moment, read)
        folder = record_folder(project, checklist.id, run_name)
        path = folder / entry_name(moment, slug(by))
        after = "" if starting else latest_name(status)  # what its writer had (a close's: what it froze the run with, ``fold.had_by``)
        also = [name for name in heads(status) if name != after] if after else []
        text = entry_text(checklist.id, by, moment, typed, after, recording, also)
        entry = _parse(text, project.display(path), checklist)
        _refuse_hidden(status, entry)
        found = unagreed(conflicts(status, entry), replace)
        if found:
            _refuse_replacing(found, since=not isinstance(replace, bool))
        _check_withdrawn(status, entry)
        _check_signoffs(checklist, fold(checklist.id, status, [entry], run_name), entry)
        with _folder_for(folder):
            clear_orphans(folder)
            write_new(path, text)
            try:
                settled(project, check)  # the record with it must still be valid; if not, it goes
            except CheckFailed:
                path.unlink()
                raise
    return path


@contextlib.contextmanager
def _folder_for(folder: Path) -> Iterator[None]:
    """``folder`` made (with the folders above it that are missing) for the block's entry, and removed again if the block
    fails: the first recording on a full disk left an empty record folder behind ('nothing was written')."""
    made = list(itertools.takewhile(lambda p: not p.exists(), (folder, *folder.parents)))  # the deepest first
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield
    except BaseException:
        for each in made:
            with contextlib.suppress(OSError):  # one another recording wrote into meanwhile stays
                each.rmdir()
        raise


GIT_WAIT = 3.0  # seconds a recording waits for a git command writing the project's files (a pull) to finish


def settled(project: Project, check: Check) -> Data:
    """``check``, and where it fails while a git command writes the project's files (a `git pull` bringing entries while a
    recording is made: a file half written for a moment), once more when git has finished, GIT_WAIT seconds at most. The
    recording was refused with another person's entry as 'not valid YAML', and the room told to fix what was not broken."""
    try:
        return check(project)
    except CheckFailed:
        if git_updating(project.root) is None:
            raise
    deadline = time.monotonic() + GIT_WAIT
    while (held := git_updating(project.root)) is not None:
        if time.monotonic() > deadline:
            raise BuildError(
                f"nothing recorded: a git command (a pull, a checkout, a merge) is writing the project's files ({held} is held)",
                "record again once it has finished; if no git command runs, one that was stopped left the lock file: remove it",
            )
        time.sleep(0.05)
    return check(project)


def _closing(data: Data, checklist: Checklist, status: Status | None, change: Change) -> Change:
    """A run's close as it is written, read under the lock: the items the run ends with and what its verdict is made of
    (critical items, work after launch, stale runbooks that block, the verdict), so every screen counts the closed run
    as it was closed, whatever is edited in the checklist later (``readiness.in_scope``)."""
    from ..format.oncall import blocking_runbooks, launch_readiness

    groups = [(s, g) for s in checklist.sections for g in s.groups]
    later = [g.id for s, g in groups if after_launch(s, g)] + [i.id for s, g in groups for i in g.all_items() if after_launch(s, g, i)]
    return dataclasses.replace(
        change,
        items=tuple(i.id for i in checklist.section_items()),
        verdict=Vote.GO if launch_readiness(data, checklist, status).go else Vote.NO_GO,
        critical=tuple(i.id for i in checklist.section_items() if i.critical),
        later=tuple(later),
        runbooks=tuple(Ident(f.runbook.id) for f in blocking_runbooks(data, checklist.id)),
        groups=tuple(g.id for _, g in groups if g.signoff),
        roles=tuple(r.id for r in checklist.final_signoff.approval.roles) if checklist.final_signoff else (),
        sections=tuple(s.id for s in checklist.sections for _ in s.all_items()),
        group_sections=tuple(s.id for s, g in groups if g.signoff),
    )


def _current_ids(checklist: Checklist, changes: list[Change]) -> list[Change]:
    """Changes naming an item, a group or an approver role by a former id (a page built before the rename, still open)
    name it by its id now: the entry is written as the record reads it, and what it replaces is found (someone else's
    entry, a later one)."""
    items, groups, roles = aliases(checklist), signed_groups(checklist), approver_roles(checklist)
    return [
        dataclasses.replace(
            c,
            item=items.get(c.item, c.item),
            assign=items.get(c.assign, c.assign),
            signoff=groups.get(c.signoff, c.signoff),
            approval=roles.get(c.approval, c.approval),
        )
        if (c.item in items or c.assign in items or (c.signoff and groups.get(c.signoff, c.signoff) != c.signoff))
        or (c.approval and roles.get(c.approval, c.approval) != c.approval)
        else c
        for c in changes
    ]


def _said(project: Project, path: Path, what: str, replaced: str = "", into: str = "") -> str:
    return f"recorded {project.display(path)}: {what}" + (f" (changed from {replaced})" if replaced else "") + into


def _into(project: Project, check: Check, path: Path, run: str | None) -> str:
    """Where a recording made without --run went, when the checklist has another run open too: '; into run v2.0.1, the
    current one (run v2 is open too: --run v2 records there)'. A hotfix's run started while the release's run is open
    takes every recording made without --run, on every laptop: the one who started it was told, the others were not."""
    if run is not None:
        return ""
    folder = path.parent if path.parent.name.endswith(RECORD_SUFFIX) else path.parent.parent
    data = check(project)  # each file read, loaded once (the command's cache)
    checklist_id = folder.name.removesuffix(RECORD_SUFFIX)
    current = data.status(checklist_id)
    others = [run_name(s.run) for s in data.runs_of(checklist_id) if s is not current and s.closed is None]
    if current is None or not others:
        return ""
    also = f"run {', '.join(others)} {'is' if len(others) == 1 else 'are'} open too: --run {others[-1]} records there"
    return f"; into run {run_name(current.run)}, the current one ({also})"


def _earlier(status: Status | None, item: str, by: str) -> str:
    old = status.item(item) if status else None
    return f"{old.by}'s {old.state.value}" if old is not None and old.by and not same_person(old.by, by) else ""


def mark(
    project: Project,
    check: Check,
    item: str,
    state: str,
    *,
    by: str,
    note: str | None,
    reason: str | None,
    approver: str | None,
    date: str | None,
    checklist: str | None,
    replace: bool = False,
    run: str | None = None,
) -> str:
    """Record an item's state (`mark`)."""
    if state == "waived" and not reason:
        raise BuildError("a waived item needs a reason", "add --reason '...'")
    who = name_line("--by", by) or ""
    change = Change(
        item=Ident(item),
        state=State(state),
        note=InlineMarkdown(line("--note", note) or ""),
        reason=InlineMarkdown(line("--reason", reason) or ""),
        approver=Name(name_line("--approver", approver) or ""),
    )
    data = check(project)
    who = as_recorded(who, "by")  # as the entry writes it (``append``): the message and 'changed from' name that one
    found = _checklist_for(data, item, "item", checklist, lambda c: c.items_by_id())
    replaced = _earlier(data.status(found.id, run), item, who)
    path = append(project, check, found.id, who, [change], at=when(date), replace=replace, run=run)
    return _said(project, path, f"{item}: {state} by {who}", replaced, _into(project, check, path, run))


def signoff(
    project: Project,
    check: Check,
    group: str,
    *,
    by: str,
    note: str | None,
    date: str | None,
    checklist: str | None,
    with_open: bool = False,
    replace: bool = False,
    run: str | None = None,
    withdraw: bool = False,
) -> str:
    who = name_line("--by", by) or ""

    def groups(c: Checklist) -> set[str]:
        return {g.id for s in c.sections for g in s.groups if g.signoff}

    if withdraw and with_open:
        raise UsageError("--withdraw and --with-open do not go together", "withdraw the sign-off, then sign off again with --with-open")
    found = _checklist_for(check(project), group, "group", checklist, groups)
    who = as_recorded(who, "by")
    change = Change(signoff=Ident(group), note=InlineMarkdown(line("--note", note) or ""), with_open=with_open, withdrawn=withdraw)
    path = append(project, check, found.id, who, [change], at=when(date), replace=replace, run=run)
    if withdraw:
        return _said(project, path, f"{group}: sign-off withdrawn by {who}", into=_into(project, check, path, run))
    what = f"{group}: signed off by {who}" + (" with open items" if with_open else "")
    return _said(project, path, what, into=_into(project, check, path, run))


def approve(
    project: Project,
    check: Check,
    role: str,
    *,
    by: str,
    decision: str,
    date: str | None,
    checklist: str | None,
    replace: bool = False,
    run: str | None = None,
) -> str:
    who = name_line("--by", by) or ""

    def roles(c: Checklist) -> set[str]:
        return set(approver_roles(c))

    found = _checklist_for(check(project), role, "role", checklist, roles)
    who = as_recorded(who, "by")
    path = append(project, check, found.id, who, [Change(approval=Ident(role), decision=Vote(decision))], at=when(date), replace=replace, run=run)
    return _said(project, path, f"{role}: {decision} from {who}", into=_into(project, check, path, run))


def decide(
    project: Project,
    check: Check,
    decision: str,
    *,
    by: str,
    blockers: tuple[str, ...],
    date: str | None,
    checklist: str | None,
    replace: bool = False,
    run: str | None = None,
) -> str:
    """Record the Go / No-Go decision (`decide`)."""
    who = name_line("--by", by) or ""
    texts = [InlineMarkdown(line("--blocker", b) or "") for b in blockers]
    if decision == "go" and texts:
        raise UsageError("a GO decision has no blockers", "drop --blocker, or decide no-go")
    check(project)  # the project's .mailmap, by which the name is written
    who = as_recorded(who, "by")
    path = append(project, check, checklist, who, [Change(decision=Vote(decision), blockers=tuple(texts))], at=when(date), replace=replace, run=run)
    what = f"decision {decision.upper()} by {who}" + (f", {len(texts)} blocker(s)" if texts else "")
    return _said(project, path, what, into=_into(project, check, path, run))


def assign(project: Project, check: Check, item: str, *, to: str, by: str, due: str | None, checklist: str | None, run: str | None = None) -> str:
    """Record an item's owner and due date (`assign`)."""
    who, owner = name_line("--by", by) or "", name_line("--to", to) or ""
    found = _checklist_for(check(project), item, "item", checklist, lambda c: c.items_by_id())
    who, owner = as_recorded(who, "by"), as_recorded(owner, "to")
    path = append(project, check, found.id, who, [Change(assign=Ident(item), to=Name(owner), due=due_date(due))], run=run)
    return _said(project, path, f"{item}: assigned to {owner}" + (f", due {due}" if due else ""), into=_into(project, check, path, run))


def attend(
    project: Project,
    check: Check,
    name: str,
    *,
    by: str,
    role: str | None,
    withdraw: bool,
    checklist: str | None,
    run: str | None = None,
) -> str:
    """Record someone at the launch meeting, for the minutes (`attend`), or with ``withdraw`` take off one recorded by
    mistake: the minutes then say who withdrew it and when, and the entries stay in the record."""
    who, attendee = name_line("--by", by) or "", name_line("NAME", name) or ""
    if withdraw and role:
        raise UsageError("--withdraw and --role do not go together", "withdraw the attendee alone: checklist-site attend NAME --withdraw --by YOU")
    check(project)
    who, attendee = as_recorded(who, "by"), as_recorded(attendee, "attendee")
    change = Change(attendee=Name(attendee), role=PlainText(line("--role", role) or ""), withdrawn=withdraw)
    path = append(project, check, checklist, who, [change], run=run)
    if withdraw:
        return _said(project, path, f"attendee {attendee} withdrawn by {who}", into=_into(project, check, path, run))
    what = f"attendee {attendee}" + (f" ({change.role})" if change.role else "") + f", recorded by {who}"
    return _said(project, path, what, into=_into(project, check, path, run))


def _moment_of(at: datetime.datetime | None, date: datetime.date | None) -> str | None:
    return _moment(at, date) or None


def state_json(status: Status | None) -> dict[str, Any]:
    """The folded state as JSON-able data: items, sign-offs, approvals, the decision, owners."""
    if status is None:
        status = Status(checklist=Ident(""))
    items: dict[str, dict[str, Any]] = {}
    for i in status.items:
        items[i.id] = {"state": i.state.value, "by": i.by, "at": _moment_of(i.at, i.date), "note": i.note, "reason": i.reason, "approver": i.approver}
    for a in status.assignments:
        items.setdefault(a.item, {"state": "open"}).update(owner=a.to, due=a.due.isoformat() if a.due else None)
    decision = status.decision
    return {
        "items": items,
        "signoffs": {s.id: {"name": s.name, "at": _moment_of(s.at, s.date), "note": s.note, "with_open": s.with_open} for s in status.signoffs},
        "approvals": {a.id: {"name": a.name, "decision": a.decision.value, "at": _moment_of(a.at, a.date)} for a in status.approvals},
        "decision": {"decision": decision.decision.value, "by": decision.by, "at": _moment_of(decision.at, decision.date), "blockers": list(decision.blockers)}
        if decision
        else None,
        "attendees": [{"name": a.name, "role": a.role} for a in status.attendees],
        "withdrawn_attendees": [{"name": a.name, "by": a.by, "at": _moment_of(a.at, None)} for a in status.withdrawn],
    }


def snapshot(project: Project, check: Check, checklist_id: str | None = None, run: str | None = None) -> dict[str, Any]:
    """The record's current state and readiness numbers, as every page shows them (the meeting's live numbers)."""
    from ..format.history import in_scope
    from ..format.readiness import readiness

    data = check(project)
    checklist = choose_checklist(data, checklist_id)
    status = data.status(checklist.id, None if run is None else "" if run == DEFAULT_RUN else run)
    r = readiness(in_scope(checklist, status), status)
    return {
        "checklist": checklist.id,
        "run": run_name(status.run) if status else DEFAULT_RUN,
        "counts": r.counts.as_dict(),
        "go": r.go,
        "blockers": [b.text for b in r.blockers],
        **state_json(status),
    }
