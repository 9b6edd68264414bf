"""`run start`, `run close`, `run list`: one record per launch of a checklist, each in its own folder of the record."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

from ..errors import BuildError, UsageError
from ..format.fold import DEFAULT_RUN, refused_run, run_name
from ..format.history import history, reopened, stamp
from ..format.model import Change, RunEvent
from ..format.readiness import CHANGED_SINCE
from ..format.types import InlineMarkdown, PlainText
from ..programs import data_revision
from .record import Check, append, choose_checklist, line, name_line

if TYPE_CHECKING:
    from ..project import Project


def _who(by: str | None) -> str:
    if by:
        return name_line("--by", by) or ""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise UsageError("who starts the run?", "say it with --by NAME") from None


def start(project: Project, check: Check, name: str, *, checklist: str | None, by: str | None) -> str:
    """Open run ``name``: an empty record in data/<id>.record/<name>/, noting the revision of data/ it starts from."""
    if refused := refused_run(name):
        raise refused
    data = check(project)
    chosen = choose_checklist(data, checklist)
    change = Change(run=RunEvent.START, revision=PlainText(data_revision(project.data) or ""))
    # the runs `run list` lists as not closed (a first launch kept in a status file too: it was left out, having no entry)
    still = [run_name(s.run) for s in (data.runs_of(chosen.id) or (data.status(chosen.id),)) if s is not None and s.closed is None]
    path = append(project, check, chosen.id, _who(by), [change], run=name)
    said = f"started run {name} of {chosen.id}: {project.display(path.parent)}/ (record commands now record into it)"
    if still:  # a launch going on: its team records into the new run now unless it says --run
        said += f"; still open: run {', '.join(still)} (record into it with --run {still[-1]}, close it with checklist-site run close {still[-1]})"
    return said


def close(project: Project, check: Check, name: str, *, checklist: str | None, by: str | None) -> str:
    """Freeze run ``name``: later entries in it are refused."""
    from .lost import warn_lost

    data = check(project)
    chosen = choose_checklist(data, checklist)
    if name == DEFAULT_RUN and data.status(chosen.id, "") is None:  # closed, it became a run of its own: 'closed, 0 resolved'
        current = data.status(chosen.id)
        going = current.run if current is not None else ""
        hint = f"the run going on is {going}: checklist-site run close {going}" if going else "see checklist-site run list"
        raise BuildError(f"nothing was recorded in run 'default' of checklist '{chosen.id}': there is no run to close", hint)
    warn_lost(project, data)  # a recording a force-push dropped would be left out of the numbers the run is frozen with
    change = Change(run=RunEvent.CLOSE)  # the items it ends with and what its verdict is made of: read by ``append``, under the lock
    path = append(project, check, chosen.id, _who(by), [change], run=name)
    return f"closed run {name} of {chosen.id} ({project.display(path)})"


def reopen(project: Project, check: Check, name: str, *, checklist: str | None, by: str | None, reason: str | None) -> str:
    """Undo run ``name``'s close (closed by mistake, or a release held back after all): one entry ``{run: reopen}`` by
    ``by``, with ``reason``. The close stays in the record; the run is open again on every screen, counted on the
    checklist as it is, until it is closed again; `run list`, `status` and the history say who re-opened it and when."""
    if not reason:
        raise UsageError("run reopen needs --reason: why the run is re-opened", "say it, e.g. --reason 'closed by mistake: hotfix still going'")
    data = check(project)
    chosen = choose_checklist(data, checklist)
    change = Change(run=RunEvent.REOPEN, note=InlineMarkdown(line("--reason", reason) or ""))
    path = append(project, check, chosen.id, _who(by), [change], run=name)
    current = check(project).status(chosen.id)
    said = f"re-opened run {name} of {chosen.id} ({project.display(path)}; its close stays in the record)"
    if current is not None and run_name(current.run) != name:  # a run started since is the current one: say how to record here
        said += f"; the current run is {run_name(current.run)}: record into {name} with --run {name}"
    return said


def listing(project: Project, check: Check, checklist: str | None) -> list[str]:
    """A line per run: name, state (open, GO, NO-GO; closed), started, closed, progress, revision; the current one marked."""
    data = check(project)
    lines = []
    for c in data.checklists if checklist is None else [choose_checklist(data, checklist)]:
        runs = data.runs_of(c.id) or tuple(s for s in (data.status(c.id),) if s is not None)
        current = data.status(c.id)
        lines.append(f"{c.id}:")
        if not runs:
            lines.append("  no run recorded yet (the default run starts with the first mark)")
        for s in history(c, runs).runs:
            mark = "*" if current is not None and s.status.run == current.run else " "
            started, closed = stamp(s.started), stamp(s.closed)
            revision = f"  data/ at {s.status.revision}" if s.status.revision else ""
            progress = f"{s.counts.resolved}/{s.counts.total} resolved"
            changed = f"  ({CHANGED_SINCE})" if s.changed_since else ""
            lines.append(f" {mark}{s.name:<16} {s.state:<14} started {started:<23}  closed {closed:<23}  {progress}{revision}{changed}{reopened(s.status)}")
    if not data.checklists:
        raise BuildError("no checklist in data/", "add one first")
    return lines
