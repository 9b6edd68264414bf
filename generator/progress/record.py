"""`mark`, `signoff`, `approve`: record progress in a status file, under the project lock, validated before and after."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..errors import BuildError, CheckFailed, UsageError
from ..format.model import Checklist, Data
from ..format.schema import MAX_TEXT
from .edit import set_entry, today, write_atomically

if TYPE_CHECKING:
    from ..project import Project

Check = Callable[["Project"], Data]  # loads and validates the project's data (``project.check``)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
        f"did you mean '{close[0]}'?" if close else f"use the id of a {kind} that the checklist has",
    )


def _date(value: str | None) -> datetime.date:
    """--date as the status file holds it: YYYY-MM-DD only (not 2026-W05-3 or 20260110)."""
    if not value:
        return today()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date '{value}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-12") from None


def _line(option: str, value: str | None) -> str | None:
    """A one-line text option (--by, --note, ...): no line breaks or control characters (terminal escapes), within the length limit."""
    if value is None:
        return None
    bad = next((c for c in value if unicodedata.category(c) == "Cc" or c in "\u2028\u2029"), None)
    if bad is not None:
        raise UsageError(f"{option} contains the control character U+{ord(bad):04X}", "give one line of plain text (no line breaks or terminal escapes)")
    if not value.strip():
        raise UsageError(f"{option} is empty", f"give {option} a value")
    if len(value) > MAX_TEXT:
        raise UsageError(f"{option} is {len(value)} characters long, over the limit of {MAX_TEXT}", "shorten it")
    return value.strip()


def _record(project: Project, check: Check, find: Callable[[Data], Checklist], section: str, key: str, values: dict[str, Any]) -> str:
    """Read, change one entry, write and re-check, all under the lock: no update is lost, a bad one is put back."""
    with project.lock():
        data = check(project)
        checklist = find(data)
        existing = data.status(checklist.id)
        path = project.root / existing.source if existing else project.data / f"{checklist.id}.status.yaml"
        before = path.read_bytes() if path.exists() else None
        created = set_entry(Path(path), checklist.id, section, key, values)
        try:
            check(project)  # the edited file must still be valid; if not, put it back
        except CheckFailed:
            if before is None:
                path.unlink()
            else:
                write_atomically(path, before)
            raise
    return f"{'created' if created else 'updated'} {project.display(path)}"


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
) -> str:
    """Record an item's state (`mark`)."""
    if state == "waived" and not reason:
        raise BuildError("a waived item needs a reason", "add --reason '...'")
    values = {
        "state": state,
        "by": _line("--by", by),
        "date": _date(date),
        "note": _line("--note", note),
        "reason": _line("--reason", reason),
        "approver": _line("--approver", approver),
    }
    done = _record(project, check, lambda data: _checklist_for(data, item, "item", checklist, lambda c: c.item_pages()), "items", item, values)
    return f"{done}: {item}: {state} by {values['by']}"


def signoff(project: Project, check: Check, group: str, *, by: str, note: str | None, date: str | None, checklist: str | None) -> str:
    values = {"name": _line("--by", by), "date": _date(date), "note": _line("--note", note)}

    def groups(c: Checklist) -> set[str]:
        return {g.id for s in c.sections for g in s.groups if g.signoff}

    done = _record(project, check, lambda data: _checklist_for(data, group, "group", checklist, groups), "signoffs", group, values)
    return f"{done}: {group}: signed off by {values['name']}"


def approve(project: Project, check: Check, role: str, *, by: str, decision: str, date: str | None, checklist: str | None) -> str:
    values = {"name": _line("--by", by), "decision": decision, "date": _date(date)}

    def roles(c: Checklist) -> set[str]:
        return {r.id for r in c.final_signoff.approval.roles} if c.final_signoff else set()

    done = _record(project, check, lambda data: _checklist_for(data, role, "role", checklist, roles), "approvals", role, values)
    return f"{done}: {role}: {decision} from {values['name']}"
