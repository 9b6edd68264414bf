"""`mark`, `signoff`, `approve`: record progress in a status file, validated before and after."""

from __future__ import annotations

import argparse
import datetime
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import BuildError, CheckFailed
from ..format.model import Checklist, Data
from .edit import set_entry, today

if TYPE_CHECKING:
    from ..build import Project


def _checklist_for(data: Data, ident: str, kind: str, explicit: str | None, ids_of: Any) -> Checklist:
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
    if not value:
        return today()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise BuildError(f"--date '{value}' is not a date", "write it as YYYY-MM-DD") from None


def record(project: Project, args: argparse.Namespace, check: Callable[[Project], Data]) -> str:
    """Record what ``args`` says; ``check`` loads and validates the project's data (``build.check``)."""
    data = check(project)
    if args.command == "mark":
        checklist = _checklist_for(data, args.item, "item", args.checklist, lambda c: c.item_pages())
        if args.state == "waived" and not args.reason:
            raise BuildError("a waived item needs a reason", "add --reason '...'")
        section, key = "items", args.item
        values: dict[str, Any] = {
            "state": args.state,
            "by": args.by,
            "date": _date(args.date),
            "note": args.note,
            "reason": args.reason,
            "approver": args.approver,
        }
        done = f"{args.item}: {args.state} by {args.by}"
    elif args.command == "signoff":
        checklist = _checklist_for(data, args.group, "group", args.checklist, lambda c: {g.id for s in c.sections for g in s.groups if g.signoff})
        section, key = "signoffs", args.group
        values = {"name": args.by, "date": _date(args.date), "note": args.note}
        done = f"{args.group}: signed off by {args.by}"
    else:
        checklist = _checklist_for(
            data, args.role, "role", args.checklist, lambda c: {r.id for r in c.final_signoff.approval.roles} if c.final_signoff else set()
        )
        section, key = "approvals", args.role
        values = {"name": args.by, "decision": args.decision, "date": _date(args.date)}
        done = f"{args.role}: {args.decision} from {args.by}"
    existing = data.status(checklist.id)
    path = project.root / existing.source if existing else project.data / f"{checklist.id}.status.yaml"
    before = path.read_text(encoding="utf-8") if path.exists() else None
    created = set_entry(Path(path), checklist.id, section, key, values)
    try:
        check(project)  # the edited file must still be valid; if not, put it back
    except CheckFailed:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        raise
    return f"{'created' if created else 'updated'} {project.display(path)}: {done}"
