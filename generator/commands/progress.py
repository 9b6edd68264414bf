"""`status` and `gate`: where each launch stands, as a table or as an exit status."""

from __future__ import annotations

from pathlib import Path

import click

from ..build import site_url_of
from ..errors import BuildError
from ..format.bidi import embedded, isolated
from ..format.fold import DEFAULT_RUN, run_name
from ..format.history import closing, reopened, summarize
from ..format.model import Checklist, Section, Status
from ..format.oncall import Freshness, launch_readiness, stale_runbooks, today
from ..format.readiness import CHANGED_SINCE, Readiness, changed_since
from ..project import Project, check
from ..site.escape import columns, terminal
from ..site.layout import blocker_page, runbook_url

SHOWN = 10  # blockers printed without --all: the shipped checklist has over 90


def report(
    root: Path, *, site_url: str | None, gate: bool, checklist: str | None, quiet: bool, run: str | None = None, every: bool = False
) -> int:
    """Print each launch's verdict (and, for status, its table) and its first blockers (``every``: all); 1 when ``gate`` and a launch is blocked."""
    project = Project.at(root)
    data = check(project)
    base = site_url_of(project, site_url)
    chosen = [c for c in data.checklists if checklist in (None, c.id)]
    if not chosen:
        raise BuildError(f"no checklist '{checklist}'", f"use one of: {', '.join(c.id for c in data.checklists)}")
    blocked = False
    for c in chosen:
        status = data.status(c.id, None if run is None else "" if run == DEFAULT_RUN else run)
        if run is not None and status is None and run != DEFAULT_RUN:
            raise BuildError(f"checklist '{c.id}' has no run '{run}'", "see checklist-site run list")
        r = launch_readiness(data, c, status)
        stale = stale_runbooks(data, today(), c.id)
        blocked |= not r.go
        verdict = "GO" if r.go else f"NO-GO, {r.blocker_count} blocker(s)"
        if not gate or not quiet:
            shown = status.run if status is not None else ""  # --run default of a record whose default run holds nothing
            label = f", run {run_name(shown)}" if run is not None or (status is not None and data.runs_of(c.id)) else ""
            click.echo(terminal(f"{embedded(c.title)} ({c.id}{label}): {verdict}"))
            if status is not None and changed_since(c, status):
                click.echo(f"  run {run_name(status.run)}: {CHANGED_SINCE}")
            if status is not None and status.closed is not None and data.runs_of(c.id):  # closed: said, as run list and its pages say it
                name = run_name(status.run)
                click.echo(terminal(f"  run {name}: {closing(status)}: nothing more is recorded into it (the next launch: checklist-site run start "
                                    f"NAME; closed by mistake: checklist-site run reopen {name})"))
            if status is not None and status.reopened and status.closed is None:  # open again: who undid the close, and why
                click.echo(terminal(f"  run {run_name(status.run)}: {reopened(status).strip()}"))  # (one space after the colon)
            if run is None and not gate:
                _also_open(c, data.runs_of(c.id), status)
        if not gate:
            _table(r)
        if r.blockers and (gate or not quiet):
            _blockers(c, r, base, "gate" if gate else "status", every)
        if stale and (gate or not quiet):
            closed = f"run {run_name(status.run)}" if status is not None and status.frozen is not None and not r.stale_blocking else ""
            _stale(stale, bool(r.stale_blocking), base, closed)
    return 1 if (blocked and gate) else 0


def _also_open(c: Checklist, runs: tuple[Status, ...], current: Status | None) -> None:
    """Each run open besides the current one, with its count: two people who started the launch's run under two names
    on two branches (v2, v2.0), then merged, had the record split in two without a word: status showed the run started
    last, 1/9 resolved, and the other's recordings nowhere but in `run list`."""
    for other in runs:
        if other is not current and other.closed is None:
            name, n = run_name(other.run), summarize(c, other).counts
            again = reopened(other).rstrip()  # re-opened: who, when, why, as `run list` and its pages say it
            click.echo(terminal(f"  run {name} is open too ({n.resolved}/{n.total} resolved){again}, its record apart from this one: see it with "
                                f"checklist-site status --run {name}; once its launch is over, checklist-site run close {name}"))


def _table(r: Readiness) -> None:
    rows = [("#", "Section", "Resolved", "Critical", "Sign-offs")]
    for section, p in r.sections:
        rows.append((str(section.number), isolated(section.title), f"{p.resolved}/{p.total}", f"{p.critical_done}/{p.critical}", f"{p.signed}/{p.signoffs}"))
    o = r.overall
    rows.append(("", "All sections", f"{o.resolved}/{o.total} ({o.percent}%)", f"{o.critical_done}/{o.critical}", f"{o.signed}/{o.signoffs}"))
    widths = [max(columns(row[i]) for row in rows) for i in range(5)]  # as the terminal shows them (CJK wide, isolates none)
    for row in rows:
        pads = [" " * (w - columns(cell)) for cell, w in zip(row, widths, strict=True)]
        line = "  " + "  ".join(pad + cell if i in (0, 2, 3, 4) else cell + pad for i, (cell, pad) in enumerate(zip(row, pads, strict=True)))
        click.echo(terminal(line))
    n = r.counts
    click.echo(
        f"Resolved {n.resolved} of {n.total} ({n.percent}%): done {n.done}, waived {n.waived}, n/a {n.not_applicable}; "
        f"open {n.open}, critical open {n.critical_open}"
    )


def _blockers(c: Checklist, r: Readiness, base: str, command: str, every: bool) -> None:
    """The blockers grouped by where they are resolved (a section, the final sign-off): the first ``SHOWN``, or ``every`` one."""
    listed = r.blockers if every else r.blockers[:SHOWN]
    click.echo("Blockers:")
    for subject in {id(b.subject): b.subject for b in listed}.values():
        title = subject.heading if isinstance(subject, Section) else embedded(subject.title)
        click.echo(terminal(f"  {title}:"))
        for b in (b for b in listed if b.subject is subject):
            click.echo(terminal(f"    - {b.text}\n      {blocker_page(c, b.subject).absolute_url(base, b.anchor)}"))
    if len(listed) < len(r.blockers):
        click.echo(f"  … and {len(r.blockers) - len(listed)} more (checklist-site {command} --all)")


def _stale(stale: list[Freshness], blocking: bool, base: str, closed: str = "") -> None:
    """The runbooks past their review date; ``closed``: the closed run they did not block (``oncall.blocking``)."""
    what = "block the launch (stale_blocks_gate: true)" if blocking else "(they do not block: stale_blocks_gate is off)"
    what = f"(none blocked {closed} as it was closed)" if closed else what
    click.echo(f"Runbooks of critical alarms past their review date {what}:")
    for f in stale:
        click.echo(terminal(f"  - {embedded(f.runbook.title)}: {f.words}\n    {runbook_url(base, f.runbook.id)}"))
