"""What the on-call engineer relies on: commands that use only declared variables, contacts that can be reached, runbooks reviewed in time."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from dataclasses import dataclass
from typing import Iterator

from ..errors import Issue, Loc, Severity
from .model import Action, Checklist, Data, Rollback, Runbook, Status, Step, Variable
from .model import Severity as Urgency
from .readiness import Readiness, readiness
from .types import LAST_DAY, PlainText, whole_number


@dataclass(frozen=True)
class FirstCommand:
    """The command the on-call engineer runs first, repeated on the page's first screen (a phone's too): the first step
    that has a command, of a runbook's mitigation (else its diagnosis) or of the rollback procedure."""

    number: int  # the step's number in its list
    step: Action | Step
    variables: tuple[PlainText, ...]  # the declared $NAMEs its command uses, in the order it uses them
    anchor: str  # where its list is on the page
    words: str  # what its list's steps are called: "mitigation step", "diagnosis step", "step"


def first_command(page: Runbook | Rollback) -> FirstCommand | None:
    """The first step of ``page`` with a command; None when no step has one.

    >>> from .model import Rollback, Step
    >>> found = first_command(Rollback(id="r", title="R", steps=(Step(id="a", title="A", text="x"), Step(id="b", title="B", text="y", command="undo $X"))))
    >>> (found.number, found.anchor, found.words, found.variables) if found else None
    (2, 'b', 'step', ())
    """
    declared: dict[str, PlainText] = {v.name: v.name for v in page.variables}  # `check`: each one used is declared

    def found(number: int, step: Action | Step, anchor: str, words: str) -> FirstCommand:
        names = tuple(dict.fromkeys(declared[name] for name, _ in shell_variables(step.command or "") if name in declared))
        return FirstCommand(number, step, names, anchor, words)

    if isinstance(page, Rollback):
        return next((found(n, s, s.id, "step") for n, s in enumerate(page.steps, 1) if s.command), None)
    mitigation = (found(n, a, "mitigation", "mitigation step") for n, a in enumerate(page.mitigation, 1) if a.command)
    diagnosis = (found(n, a, "diagnosis", "diagnosis step") for n, a in enumerate(page.diagnosis, 1) if a.command)
    return next(mitigation, None) or next(diagnosis, None)


def command_lists(page: Runbook | Rollback) -> list[tuple[str, tuple[str, ...]]]:
    """Where the commands of ``page`` are, by anchor: a rollback's steps each at its own id, a runbook's steps at their
    list's heading (``#diagnosis``, ``#mitigation``, ``#escalation``: its steps have no anchors of their own); the
    names of the commands (:func:`command_name`) in order, each once. Anchors without a command are left out.

    >>> from .model import Rollback, Step
    >>> steps = (Step(id="a", title="A", text="x"), Step(id="b", title="B", text="y", command="aws ecs update-service --force"))
    >>> command_lists(Rollback(id="r", title="R", steps=steps))
    [('b', ('aws ecs update-service',))]
    """
    lists: list[tuple[str, tuple[Action | Step, ...]]]
    if isinstance(page, Rollback):
        lists = [(step.id, (step,)) for step in page.steps]
    else:
        lists = [("diagnosis", page.diagnosis), ("mitigation", page.mitigation), ("escalation", page.escalation)]
    found = [(anchor, tuple(dict.fromkeys(command_name(s.command) for s in steps if s.command))) for anchor, steps in lists]
    return [(anchor, names) for anchor, names in found if names]


def command_name(command: str) -> str:
    """What a command is called: its program and subcommands, the words before its first option, quoted argument,
    variable or path (what an engineer types into the search, from memory or from the terminal).

    >>> command_name("aws elasticache describe-replication-groups --replication-group-id x")
    'aws elasticache describe-replication-groups'
    >>> command_name('psql "$DATABASE_URL" -c "select 1"'), command_name("aws s3 cp ./probe.txt s3://bucket/x")
    ('psql', 'aws s3 cp')
    """
    words: list[str] = []
    for word in command.split():
        if not _COMMAND_WORD.fullmatch(word):
            break
        words.append(word)
    return " ".join(words) or command.split(maxsplit=1)[0]


_COMMAND_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")


def shell_variables(command: str) -> list[tuple[str, int]]:
    """The variables a shell command expands ($NAME, ${NAME}), with their offsets; none inside single quotes.

    ``$(...)``, ``$1``, ``$?`` and ``$$`` are not named variables; a backslash escapes the next character
    (outside single quotes), as in the shell.

    >>> shell_variables('aws logs tail "/ecs/$SERVICE" --since ${SINCE:-15m} --query \\'x[$y]\\' \\\\$HOME $(date +%s)')
    [('SERVICE', 20), ('SINCE', 38)]
    """
    found: list[tuple[str, int]] = []
    single = double = False
    i = 0
    while i < len(command):
        ch = command[i]
        if ch == "\\" and not single:
            i += 2
            continue
        if ch == "'" and not double:
            single = not single
        elif ch == '"' and not single:
            double = not double
        elif ch == "$" and not single:
            start = i + 2 if command[i + 1 : i + 2] == "{" else i + 1
            end = start
            while end < len(command) and (command[end].isalnum() or command[end] == "_") and command[end].isascii():
                end += 1
            name = command[start:end]
            if name and not name[0].isdigit():
                found.append((name, i))
                i = end
                continue
        i += 1
    return found


def _commands(owner: Runbook | Rollback) -> Iterator[tuple[str, Action | Step, str]]:
    """(where, the step, its command) for every command of a runbook or the rollback procedure."""
    if isinstance(owner, Rollback):
        for number, step in enumerate(owner.steps, 1):
            if step.command:
                yield f"step {number} ('{step.id}')", step, step.command
        return
    for part in ("diagnosis", "mitigation", "escalation"):
        for number, action in enumerate(getattr(owner, part), 1):
            if action.command:
                yield f"{part} step {number}", action, action.command


def undeclared(owner: Runbook | Rollback, what: str) -> Iterator[Issue]:
    """A command's $NAME that its runbook (or rollback procedure) does not declare under ``variables``; a variable declared twice."""
    declared: dict[str, Variable] = {}
    for variable in owner.variables:
        if variable.name in declared:
            yield Issue(variable.loc, f"variable '{variable.name}' is declared twice in {what}", f"the first is at {declared[variable.name].loc}; remove one")
        declared.setdefault(variable.name, variable)
    for where, step, command in _commands(owner):
        for name, offset in shell_variables(command):
            if name not in declared:
                yield Issue(
                    step.loc,
                    f"the command of {where} of {what} uses ${name}, which is not declared (at character {offset + 1} of the command)",
                    f"add to the variables of {what}: - {{name: {name}, find: how to find its value}}",
                )


def unreachable(runbook: Runbook) -> Iterator[Issue]:
    """An escalation contact with no address to reach them by."""
    for action in (*runbook.diagnosis, *runbook.mitigation, *runbook.escalation):
        if action.contact is not None and not action.contact.ways():
            yield Issue(
                action.contact.loc,
                f"contact '{action.contact.role}' in runbook '{runbook.id}' has no way to reach them",
                "add a phone (tel:), pager (https:), chat (https:) or email (mailto:) address",
            )


def check_commands(data: Data) -> Iterator[Issue]:
    """Every runbook's and rollback procedure's commands against their declared variables; every contact reachable."""
    for runbook in data.runbooks:
        yield from undeclared(runbook, f"runbook '{runbook.id}'")
        yield from unreachable(runbook)
    for checklist in data.checklists:
        if checklist.rollback is not None:
            yield from undeclared(checklist.rollback, f"the rollback procedure of '{checklist.id}'")


# ---- freshness ---------------------------------------------------------------------------------


def today() -> datetime.date:
    """The date runbooks are judged on: SOURCE_DATE_EPOCH's (for reproducible builds) when set, else today's (UTC)."""
    stamp = _epoch()
    now = datetime.datetime.now(datetime.timezone.utc) if stamp is None else datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)
    return now.date()


LAST_EPOCH = int(datetime.datetime.combine(LAST_DAY, datetime.time(23, 59, 59), datetime.timezone.utc).timestamp())  # the calendar's last second


def _epoch() -> int | None:
    """SOURCE_DATE_EPOCH's seconds, or None when it is unset or no time ('²', 5,000 digits, a year past 9999: each was an
    internal error; :func:`epoch_warnings` says so, and today is used). Its last day is the calendar's (``types.LAST_DAY``)."""
    return whole_number(os.environ.get("SOURCE_DATE_EPOCH", "").strip(), LAST_EPOCH)


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH's seconds, or None when it is unset or no time (see :func:`epoch_warnings`)."""
    return _epoch()


def epoch_warnings() -> list[Issue]:
    """A warning when SOURCE_DATE_EPOCH is set to something that is no time (`check` and `build` print it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.strip() or _epoch() is not None:
        return []
    return [Issue(
        Loc("SOURCE_DATE_EPOCH"),
        f"the environment variable SOURCE_DATE_EPOCH is {epoch[:40]!r}, not a time: runbooks are judged on today's date",
        f"set it to seconds since 1970-01-01 UTC, at most {LAST_EPOCH} (git log -1 --format=%ct), or unset it",
        Severity.WARNING,
    )]


# A POSIX TZ rule ('UTC0', 'CET-1CEST,M3.5.0,M10.5.0/3', '<+0530>-5:30'): a zone's name, then its offset from UTC.
_POSIX_TZ = re.compile(r"(?:<[^>]+>|[A-Za-z]{3,})[+-]?\d")


def zone_warnings() -> list[Issue]:
    """A warning when TZ names no time zone ('Europe/Berln', 'IST' without an offset): the C library takes it for UTC
    without a word, and every recording's time ('at') was stamped and shown in UTC, not the zone the user meant."""
    value = os.environ.get("TZ", "")
    name = value.removeprefix(":")
    if not name or _zone_known(name):
        return []
    import difflib
    import zoneinfo

    close = difflib.get_close_matches(name, sorted(zoneinfo.available_timezones()), n=1, cutoff=0.7)
    meant = f"did you mean {close[0]!r}? " if close else ""
    return [Issue(
        Loc("TZ"),
        f"the environment variable TZ is {value[:60]!r}, which names no time zone: times are recorded and shown in UTC",
        f"{meant}set it to a zone of the tz database, such as Europe/Berlin or America/New_York (or a rule such as UTC0), or unset it",
        Severity.WARNING,
    )]


def _zone_known(name: str) -> bool:
    """Whether the C library reads ``name`` (TZ without its ':') as a zone: a zone file, or a POSIX rule."""
    import zoneinfo

    if os.path.isabs(name):
        return os.path.isfile(name)
    if ".." not in name.split("/") and any(os.path.isfile(os.path.join(base, name)) for base in zoneinfo.TZPATH):
        return True
    return _POSIX_TZ.match(name) is not None


@dataclass(frozen=True)
class Freshness:
    """Where a runbook's review stands on a given day, in words for the page, the terminal and the readiness page."""

    runbook: Runbook
    due: datetime.date | None  # None: no review recorded
    overdue_days: int  # > 0: past due

    @property
    def stale(self) -> bool:
        return self.overdue_days > 0

    @property
    def words(self) -> str:
        r = self.runbook
        if self.due is None:
            return "No review recorded: nobody has said this runbook is still right."
        days = "1 day" if self.overdue_days == 1 else f"{self.overdue_days} days"
        if self.stale:
            return f"Review past due by {days}: last reviewed {r.last_reviewed}, due every {r.review_every}, so by {self.due}."
        return f"Reviewed {r.last_reviewed}; next review due by {self.due} (every {r.review_every})."


def freshness(runbook: Runbook, on: datetime.date) -> Freshness:
    due = runbook.review_due
    return Freshness(runbook, due, (on - due).days if due is not None else 0)


def stale_runbooks(data: Data, on: datetime.date, checklist: str | None = None, severity: Urgency | None = Urgency.CRITICAL) -> list[Freshness]:
    """The runbooks past their review date (of alarms of ``severity``, of ``checklist``), most overdue first."""
    found = []
    for rset in data.runbook_sets:
        if checklist not in (None, rset.checklist):
            continue
        for runbook in rset.runbooks:
            state = freshness(runbook, on)
            if state.stale and severity in (None, runbook.severity):
                found.append(state)
    return sorted(found, key=lambda f: (-f.overdue_days, f.runbook.id))


def stale_blocks_gate(data: Data, checklist: str) -> bool:
    """Whether a runbook file of ``checklist`` says that its stale critical runbooks block the launch."""
    return any(s.stale_blocks_gate for s in data.runbook_sets if s.checklist == checklist)


def blocking_runbooks(data: Data, checklist: str) -> list[Freshness]:
    """The runbooks that block ``checklist``'s launch today: its critical ones past their review date, where its runbook
    file says they block (``stale_blocks_gate``)."""
    return stale_runbooks(data, today(), checklist) if stale_blocks_gate(data, checklist) else []


def launch_readiness(data: Data, c: Checklist, status: Status | None) -> Readiness:
    """:func:`readiness` with the runbooks that block counted in its verdict (``go``, ``blocker_count``), as every screen
    gives it: `status`, `gate`, the readiness page, the filled packet, the export's progress and the meeting. The export
    and the packet counted the record's blockers alone (93 where the others said 94, and GO where `gate` said no)."""
    return dataclasses.replace(readiness(c, status), stale_blocking=len(blocking(data, c.id, status)))


def blocking(data: Data, checklist: str, status: Status | None) -> tuple[str, ...]:
    """The ids of the runbooks that block the launch of ``status``'s run: a closed run's as they were when it was closed
    (``Frozen``), else those past their review date today (:func:`blocking_runbooks`)."""
    frozen = status.frozen if status is not None else None
    return frozen.runbooks if frozen is not None else tuple(f.runbook.id for f in blocking_runbooks(data, checklist))


def freshness_warnings(data: Data, on: datetime.date) -> Iterator[Issue]:
    """A warning for every runbook past its review date (`check` and `build` print them)."""
    for state in stale_runbooks(data, on, severity=None):
        r = state.runbook
        yield Issue(
            r.loc,
            f"runbook '{r.id}' ({r.severity.value}) is past its review date by {state.overdue_days} day(s): last reviewed {r.last_reviewed}, due {state.due}",
            f"have its owner ({r.owner}) read it through, then set last_reviewed: {on}",
            Severity.WARNING,
        )


__all__ = [
    "Freshness",
    "blocking_runbooks",
    "check_commands",
    "epoch_warnings",
    "zone_warnings",
    "source_date_epoch",
    "freshness",
    "freshness_warnings",
    "launch_readiness",
    "shell_variables",
    "stale_runbooks",
    "today",
]
