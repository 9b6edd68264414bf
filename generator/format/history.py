"""Launch after launch: each run of a checklist summed up (dates, decision, waivers, late items), and the runs compared."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from .fold import run_name
from .model import Checklist, Item, Reopened, State, Status, Vote
from .readiness import RESOLVED, Counts, Progress, changed_since, in_scope, latest_date, readiness


def stamp(at: datetime.datetime | None) -> str:
    """A run's start or close as `run list` and its page say it: the minute in the zone it was recorded in, with that zone
    (two laptops in two zones: each time says which, and they compare); '-' when there is none.

    >>> stamp(datetime.datetime(2026, 1, 10, 14, 3, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=5, minutes=30))))
    '2026-01-10 14:03 +05:30'
    >>> stamp(None)
    '-'
    """
    if at is None:
        return "-"
    zone = at.strftime("%z")
    return at.strftime("%Y-%m-%d %H:%M ") + (zone[:3] + ":" + zone[3:5] if zone else "UTC")


def reopened(status: Status) -> str:
    """'  (re-opened 2026-01-12 09:10 +01:00 by Meera, closed ... by Arun: why)' for a run whose close was undone last, else ''."""
    if not status.reopened:
        return ""
    last = status.reopened[-1]
    return f"  (re-opened {stamp(last.at)} by {last.by}, closed {stamp(last.closed)} by {last.closed_by}: {last.note})"


def closing(status: Status) -> str:
    """'closed 2026-01-12 09:10 +01:00 by Meera' for a closed run, else '': what `status` and the meeting's line say of the
    run they show once it is closed (they said 'run v2' alone, as if it were open, where `run list` and its pages said
    closed; the meeting's room went on ticking, each tick refused)."""
    if status.closed is None:
        return ""
    return f"closed {stamp(status.closed)}" + (f" by {status.closed_by}" if status.closed_by else "")


def undone(status: Status) -> Reopened | None:
    """The close undone last, while the run is open (re-opened and not closed since), else None: what every screen that
    shows a run's state says with 'open, re-opened' (a run's readiness page and filled packet, as `run list`, `status`, the
    history, the export and the meeting's line say it)."""
    return status.reopened[-1] if status.reopened and status.closed is None else None


def not_in_run(checklist: Checklist, scope: tuple[str, ...]) -> tuple[Item, ...]:
    """The section items added after a closed run ended: not in the run."""
    if not scope:
        return ()
    keep = set(scope)
    return tuple(i for i in checklist.section_items() if i.id not in keep and not any(f in keep for f in i.former_ids))


@dataclass(frozen=True)
class RunSummary:
    name: str  # as URLs and `run list` name it ('default' for the default run)
    status: Status
    counts: Counts
    decision: Vote
    started: datetime.datetime | None
    closed: datetime.datetime | None
    go_at: datetime.datetime | None  # when GO was first decided
    waived: tuple[str, ...]
    not_applicable: tuple[str, ...]
    late: tuple[str, ...]  # items resolved after their due date, or open past it
    changed_since: bool = False  # closed, and the checklist changed since in what its numbers were made of (they are as at close)
    overall: Progress = Progress()  # its overall progress, sign-offs too, as its readiness page counts it

    @property
    def state(self) -> str:
        """open, GO or NO-GO (the decision recorded), and whether the run is closed (a closed run is never "open") or
        re-opened (its close undone: `run reopen`)."""
        word = {Vote.GO: "GO", Vote.NO_GO: "NO-GO"}.get(self.decision)
        if self.closed:
            return f"{word}, closed" if word else "closed"
        return f"{word or 'open'}, re-opened" if self.status.reopened else word or "open"

    @property
    def days_to_go(self) -> float | None:
        if self.go_at is None or self.started is None:
            return None
        return round((self.go_at - self.started).total_seconds() / 86400, 1)


def _first_go(status: Status) -> datetime.datetime | None:
    found = None
    decision = status.decision
    while decision is not None:
        if decision.decision is Vote.GO and decision.at is not None:
            found = decision.at
        decision = decision.previous
    return found


def _late(status: Status, items: set[str]) -> tuple[str, ...]:
    """The ``items`` resolved after their due date, or open past it as of the record's latest date (the readiness page's "overdue")."""
    latest = latest_date(status)
    out = []
    for entry in status.items:
        if entry.due is None or entry.id not in items:
            continue
        done_on = entry.date if entry.state in RESOLVED else None
        if (done_on and done_on > entry.due) or (done_on is None and latest is not None and latest > entry.due):
            out.append(entry.id)
    return tuple(out)


def summarize(checklist: Checklist, status: Status) -> RunSummary:
    """A run summed up. Its waived and n/a items are those its counts count (the items of the numbered sections the run
    has), as every screen counts them: a metric or a task after launch marked n/a, or an item removed from the checklist
    since, made the history's columns say 'waived 1, n/a 2' beside '1 / 9 resolved'."""
    seen = in_scope(checklist, status)
    r = readiness(seen, status)
    counted = {i.id for i in seen.section_items()}
    started = status.started or (status.entries[0].at if status.entries else None)
    return RunSummary(
        run_name(status.run),
        status,
        r.counts,
        r.decision,
        started,
        status.closed,
        _first_go(status),
        tuple(s.id for s in status.items if s.state is State.WAIVED and s.id in counted),
        tuple(s.id for s in status.items if s.state is State.NOT_APPLICABLE and s.id in counted),
        _late(status, {i.id for block in seen.blocks for i in block.all_items()}),
        changed_since(checklist, status),
        r.overall,
    )


@dataclass(frozen=True)
class History:
    runs: tuple[RunSummary, ...]
    often_waived: tuple[tuple[str, int], ...]  # item id, in how many runs (most first)
    often_na: tuple[tuple[str, int], ...]
    often_late: tuple[tuple[str, int], ...]


def history(checklist: Checklist, runs: tuple[Status, ...]) -> History:
    """The runs of a checklist side by side, and the items most often waived, n/a or late across them."""
    summaries = tuple(summarize(checklist, s) for s in runs)

    def most(ids: list[str]) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(Counter(ids).items(), key=lambda kv: (-kv[1], kv[0]))[:10])

    return History(
        summaries,
        most([i for s in summaries for i in s.waived]),
        most([i for s in summaries for i in s.not_applicable]),
        most([i for s in summaries for i in s.late]),
    )
