"""Checklist data out: JSON (versioned, with URLs and status), CSV for spreadsheets, Markdown task lists."""

from __future__ import annotations

import functools
import json
import re
from typing import Any, Iterator, Mapping

from ..format.fold import run_name
from ..format.history import history
from ..format.model import Block, Checklist, Data, Group, Item, ItemState, Signoff, State, Status, Vote, priority_of
from ..format.oncall import launch_readiness
from ..format.readiness import Progress
from ..format.types import Text
from ..site.escape import csv_table, fence, gfm, gfm_anchor, gfm_cell, json_inert
from ..site.layout import item_page, page_of
from ..site.memo import NONE, Memo
from .recorded import APPROVAL_FIELDS, ATTENDEE_FIELDS, DECISION_FIELDS, RECORD_FIELDS, RECORD_HINT, SIGNOFF_FIELDS

EXPORT_VERSION = 1
COUNTED = ("total", "resolved", "percent", "done", "waived", "n/a", "open", "critical_open", "signed", "signoffs", "blockers")  # the export's progress numbers


def signoffs(overall: Progress) -> dict[str, int]:
    """The groups signed off of those with a sign-off, as `status` ('2/34'), the pages and the meeting's line ('sign-offs 2
    of 34') count them: the export gave no sign-off at all, so a dashboard made from it could not say what every screen says."""
    return {"signed": overall.signed, "signoffs": overall.signoffs}


def _walk(items: tuple[Item, ...], ordered: bool, path: tuple[str, ...] = ()) -> Iterator[tuple[Item, tuple[str, ...], int]]:
    """Each item with the ids it is nested under and its number in a numbered (``ordered``) list, 0 in another."""
    for n, item in enumerate(items, 1):
        yield item, path, n if ordered else 0
        yield from _walk(item.items, item.ordered, path + (item.id,))


def rows(c: Checklist, site_url: str, status: Status | None) -> Iterator[dict[str, Any]]:
    """One row per check box of the sections and the metrics and post-launch pages."""
    for block in c.blocks:
        yield from block_rows(c, block, site_url, status)


def block_rows(c: Checklist, block: Block, site_url: str, status: Status | None) -> Iterator[dict[str, Any]]:
    """:func:`rows` of one section or page: what a row reads of the checklist is its id (in the item's URL)."""
    groups: list[tuple[Group, str, tuple[Item, ...], bool]] = []
    for group in block.groups:
        groups.append((group, "", group.items, group.ordered))
        groups += [(group, sub.label, sub.items, sub.ordered) for sub in group.lists]
    page_url = item_page(c, block).absolute_url(site_url)  # an item's URL is its page's with its id as the anchor
    for group, label, items, ordered in groups:
        for item, parents, number in _walk(items, ordered):
            entry = status.item(item.id) if status else None
            row: dict[str, Any] = {
                "id": item.id,
                "text": item.text,
                "critical": item.critical,
                "priority": priority.value if (priority := priority_of(block, group, item)) else None,
                "section": block.id,
                "section_title": block.title,
                "group": group.id,
                "group_title": group.title,
                "list": label or None,
                "parents": list(parents),
                "url": f"{page_url}#{item.id}",
                "details": item.details or None,
            }
            if item.target:
                row["target"] = item.target
            if number:
                row["number"] = number
            if status is not None:
                row["status"] = (
                    {"state": entry.state.value, "by": entry.by, "date": str(entry.date) if entry.date else None, "note": entry.note or None}
                    if entry
                    else {"state": "open"}
                )
            yield row


def progress_of(data: Data, c: Checklist, status: Status | None) -> dict[str, Any]:
    """Where the launch stands, as every screen counts it (``launch_readiness``): present when progress is recorded."""
    if status is None:
        return {}
    r = launch_readiness(data, c, status)
    return {"progress": {**r.counts.as_dict(), **signoffs(r.overall), "go": r.go, "blockers": r.blocker_count, "decision": r.decision.value}}


def runs_of(c: Checklist, data: Data) -> dict[str, Any]:
    """Every run of the checklist, when runs were started: name, state, dates, revision and its own progress."""
    runs = data.runs_of(c.id)
    if not runs:
        return {}
    out = []
    for s in history(c, runs).runs:
        moments = {"started": s.started.isoformat() if s.started else None, "closed": s.closed.isoformat() if s.closed else None}
        row = {"name": s.name, "state": s.state, **moments, "revision": s.status.revision or None, "progress": {**s.counts.as_dict(), **signoffs(s.overall)}}
        again = [  # each close undone (`run reopen`): who re-opened it, when and why, and the close it undid (the state said 're-opened' alone)
            {"by": r.by, "at": r.at.isoformat(), "reason": r.note, "closed": r.closed.isoformat(), "closed_by": r.closed_by or None} for r in s.status.reopened
        ]
        out.append({**row, "changed_since": s.changed_since, "reopened": again})  # a closed run's progress is as at close, and the checklist changed since
    current = data.status(c.id)
    return {"current_run": run_name(current.run) if current else None, "runs": out}


_ROW = json.JSONEncoder(ensure_ascii=False)  # a row's line: json.dumps(row, ensure_ascii=False), its encoder made once


def _lines(c: Checklist, site_url: str, status: Status | None, memo: Memo) -> str:
    """The items of the export document, one line each (``memo``: a section's lines kept while it and the record are as they were)."""
    chunks = []
    for block in c.blocks:

        def make(block: Block = block) -> str:
            return ",\n".join(f"        {_ROW.encode(row)}" for row in block_rows(c, block, site_url, status))

        chunks.append(memo(("export", c.id, block.id), (block, c.id, site_url, status), make))
    return ",\n".join(chunk for chunk in chunks if chunk)


def as_json(data: Data, site_url: str, memo: Memo = NONE) -> str:
    """The export document: indented, with one line per item (json's C encoder only runs without indent)."""
    items = [_lines(c, site_url, data.status(c.id), memo) for c in data.checklists]
    doc = {
        "format": "checklist-site export",
        "version": EXPORT_VERSION,
        "schema": f"{site_url.rstrip('/')}/schema/export.schema.json",
        "checklists": [
            {
                "id": c.id,
                "title": c.title,
                "version": c.version or None,
                "updated": str(c.updated) if c.updated else None,
                "owner": c.owner or None,
                "url": page_of(c, "overview").absolute_url(site_url),
                **progress_of(data, c, data.status(c.id)),
                **runs_of(c, data),
                "items": f"\0items-{n}\0",
            }
            for n, c in enumerate(data.checklists)
        ],
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    for n, lines in enumerate(items):
        text = text.replace(json.dumps(f"\0items-{n}\0"), f"[\n{lines}\n      ]" if lines else "[]", 1)
    return json_inert(text) + "\n"


def as_csv(data: Data, site_url: str) -> str:
    table: list[list[object]] = [["checklist", "section", "group", "id", "text", "critical", "url", "state"]]
    for c in data.checklists:
        status = data.status(c.id)
        for row in rows(c, site_url, status):
            state = row.get("status", {}).get("state", "")
            table.append([c.id, row["section_title"], row["group_title"], row["id"], row["text"], "yes" if row["critical"] else "", row["url"], state])
    return csv_table(table)  # no cell can start a spreadsheet formula, nor a separator in it another cell


@functools.cache
def _markers() -> Any:
    """What import reads an item's priority from, unless told otherwise (--marker); imported when a Markdown export asks."""
    from .marks import Markers

    return Markers.default()


_KEPT = re.compile(r"`+[^`]*`+|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # code spans, references: left as written


def as_text(body: str, mark: str = "", target: str = "") -> str:
    """An item's text as :func:`gfm` writes it (``body``), such that import reads back the line it is on (``mark``, the
    marks of the item's own flags before it; ``target``, its target after it) as that text and those flags, no more:
    the characters its markers or a target would be read from (``Markers.read`` and ``TARGET``, which import applies to
    the line as written) written as character references, which import then reads as the characters they stand for. So
    a text that opens with 🔴 or '[High]', shouts 'MUST' or ends with '(target: 5 ms)' comes back as itself, not critical,
    of that priority or with a target.

    >>> as_text("🔴 Not critical (target: 5 ms)")
    '&#128308; Not critical &#40;target: 5 ms)'
    >>> as_text("[High]", target="5 ms")
    '&#91;High]'
    """
    if _reads_back(mark, body, target):
        return body
    kept = {n for m in _KEPT.finditer(body) for n in range(m.start(), m.end())}
    for positions in (_markers().where(body) - kept, _all_marks(body) - kept):
        if _reads_back(mark, _escaped(body, positions), target):
            for n in sorted(positions):  # as few as will do: each left as written where the line still reads back
                if _reads_back(mark, _escaped(body, positions - {n}), target):
                    positions = positions - {n}
            return _escaped(body, positions)
    return body


def _escaped(body: str, positions: set[int]) -> str:
    return "".join(f"&#{ord(ch)};" if n in positions else ch for n, ch in enumerate(body))


def _reads_back(mark: str, body: str, target: str) -> bool:
    """Whether import reads the line of ``mark``, ``body`` and ``target`` as the marks' level, that body and that target."""
    from .marks import TARGET

    text, level = _markers().read(f"{mark}{body}" + (f" (target: {target})" if target else ""))
    found = TARGET.match(text)
    read_body, read_target = (found.group(1), found.group(2)) if found else (text, "")
    return level == (_markers().read(f"{mark}x")[1] if mark else None) and read_body == " ".join(body.split()) and read_target == target


def _all_marks(body: str) -> set[int]:
    """Every character that is not a letter, a digit or a space, and the first letter of each word."""
    return {n for n, ch in enumerate(body) if not (ch.isalnum() or ch.isspace()) or ch.isalpha() and (n == 0 or not body[n - 1].isalnum())}


def _md_items(items: tuple[Item, ...], indent: str, ordered: bool, out: list[str], status: Status | None) -> None:
    """Task list items; ``{#id}`` after the text carries the id back through `import`, ``[x]`` a done item, ``[-]`` one
    n/a or waived, and its record under it (:func:`_record_lines`)."""
    for n, item in enumerate(items, 1):
        marker = f"{n}." if ordered else "-"
        mark = ("🔴 " if item.critical else "") + (f"**[{item.priority.value.title()}]** " if item.priority else "")
        goal = gfm(item.target) if item.target else ""
        target = f" (target: {goal})" if goal else ""
        entry = status.item(item.id) if status else None
        box = _BOX[entry.state] if entry is not None else " "
        out.append(f"{indent}{marker} [{box}] {mark}{as_text(gfm(item.text), mark, goal)}{target} {gfm_anchor(item.id)}")
        pad = indent + " " * (len(marker) + 1)  # the item's content column: details and sub-items stay inside it
        if entry is not None and (entry.state is not State.OPEN or entry.by or entry.note or entry.owner):  # an owner alone: no 'open'
            out += ["", *(f"{pad}{line}" for line in _record_lines(entry)), ""]
        if item.details:
            out.append("")
            out += [f"{pad}{line}" if line else "" for line in gfm(item.details).splitlines()]
            out.append("")
        _md_items(item.items, pad, item.ordered, out, status)


_BOX = {State.DONE: "x", State.NOT_APPLICABLE: "-", State.WAIVED: "-", State.OPEN: " "}  # '[-]': Obsidian's cancelled, import's n/a


def _record_lines(entry: ItemState) -> list[str]:
    """An item's record under it, every state with who, when and why, each field a line (``recorded.RECORD_FIELDS``), after
    the hint import reads it back by: the task list's box alone said done or open, so an item recorded n/a or waived
    was exported (and imported back) as open, and who did it as 'imported'."""
    values = {"state": entry.state.value, "by": gfm(entry.by) if entry.by else "", "date": entry.date.isoformat() if entry.date else ""}
    values |= {key: gfm(getattr(entry, key)) for key in ("reason", "approver", "note", "owner") if getattr(entry, key)}
    values |= {"due": entry.due.isoformat()} if entry.due else {}  # `assign`'s owner and due date, which import records again
    if entry.state is State.OPEN and not entry.by and not entry.note:
        del values["state"]  # assigned, nothing recorded of its state
    fields = [f"**{label}**: {values[key]}" for label, key in RECORD_FIELDS if values.get(key)]
    return [RECORD_HINT, *(f"{line}  " for line in fields[:-1]), fields[-1]]  # a hard break after each line but the last


def _md_groups(groups: tuple[Group, ...], out: list[str], status: Status | None, signoffs: bool) -> None:
    for g in groups:
        priority = f" ({g.priority.label})" if g.priority else ""
        out += [f"### {gfm(g.title)}{priority} {gfm_anchor(g.id)}", ""]
        _md_items(g.items, "", g.ordered, out, status)
        for sub in g.lists:
            out += ["", f"**{gfm(sub.label)}** {gfm_anchor(sub.id)}:", ""]
            _md_items(sub.items, "", sub.ordered, out, status)
        if signoffs and g.signoff:
            out += ["", _signoff_line(status.signoff(g.id) if status else None)]
        out.append("")


def _signoff_line(signed: Signoff | None) -> str:
    """A group's sign-off: a blank line to sign by hand, or who signed it, when, with items open and the note, as the record
    holds it, one field a line after the record's hint (the line 'Priya (signed with items open) Date: 2026-01-10 — note'
    was read back by import as the group's sign-off field only, the record's sign-off lost: a name may hold ' Date: ')."""
    if signed is None:
        return "**Sign-off**: _________________ Date: _______"
    values = {"name": gfm(signed.name), "date": signed.date.isoformat() if signed.date else "", "with_open": "yes" if signed.with_open else ""}
    return _fields(SIGNOFF_FIELDS, values | {"note": gfm(signed.note) if signed.note else ""})


def _fields(fields: tuple[tuple[str, str], ...], values: Mapping[str, str | list[str]]) -> str:
    """A record's fields after its hint, one a line (a hard break after each but the last), those with a value; a list's
    each value a line of its own under the same label."""
    lines = [f"**{label}**: {value}" for label, key in fields for value in _each(values.get(key)) if value]
    return "\n".join([RECORD_HINT, *(f"{line}  " for line in lines[:-1]), lines[-1]])


def _each(value: str | list[str] | None) -> list[str]:
    return value if isinstance(value, list) else [value or ""]


def _decided(status: Status | None) -> list[str]:
    """The Go / No-Go decision the record holds, after its boxes: who announced it, when and its blockers, which import
    reads back as the record's (the box alone came back by 'imported', and the blockers were not in the export)."""
    d = status.decision if status else None
    if d is None:
        return []
    values: dict[str, str | list[str]] = {"decision": d.decision.value, "by": gfm(d.by) if d.by else "", "date": d.date.isoformat() if d.date else ""}
    return ["", _fields(DECISION_FIELDS, values | {"blockers": [gfm(b) for b in d.blockers]})]


def _attended(status: Status | None) -> list[str]:
    """The attendees of the minutes the record holds (not those withdrawn), each a record after the decision: name, role,
    who recorded them and when (the export had none: the minutes of a run imported back were empty)."""
    out = []
    for a in status.attendees if status else ():
        values = {"name": gfm(a.name), "role": gfm(a.role) if a.role else "", "by": gfm(a.by) if a.by else "", "date": a.at.date().isoformat() if a.at else ""}
        out += ["", _fields(ATTENDEE_FIELDS, values)]
    return out


def _approved(status: Status | None, role: str) -> str:
    """An approver's Name, Signature and Date cells: blank, or who approved and their decision, and when, as recorded."""
    given = status.approval(role) if status else None
    if given is None or given.decision is Vote.PENDING:
        return "| |"
    return f"{gfm_cell(given.name)} ({given.decision.value.upper()}) | | {given.date or ''}"


def _approvals(c: Checklist, status: Status | None) -> list[str]:
    """Each approval the record holds (a pending one too), after the table: the role, who, the decision and when, one field
    a line, which import reads back as the record's approvals (the table's cells are for a reader and a pen)."""
    f = c.final_signoff
    given = [(r.id, a) for r in (f.approval.roles if f else ()) if status and (a := status.approval(r.id)) is not None]
    values = [{"approval": role, "name": gfm(a.name), "decision": a.decision.value, "date": a.date.isoformat() if a.date else ""} for role, a in given]
    return [line for v in values for line in (_fields(APPROVAL_FIELDS, v), "")]


def _md_final(c: Checklist, out: list[str], status: Status | None) -> None:
    f = c.final_signoff
    if f is None:
        return
    out += ["<!-- checklist-site: final -->", f"## {gfm(f.title)}", "", f"### {gfm(f.approval.title)} {gfm_anchor(f.approval.id)}", ""]
    out += ["| Role | Name | Signature | Date |", "|------|------|-----------|------|"]
    out += [f"| **{gfm_cell(r.title)}** {gfm_anchor(r.id)} | {_approved(status, r.id)} |" for r in f.approval.roles]
    out += ["", *_approvals(c, status)]
    out += [f"### {gfm(f.decision.title)} {gfm_anchor(f.decision.id)}", ""]
    chosen = status.decision.decision.value if status and status.decision else ""
    for o in f.decision.options:
        out.append(f"- [{'x' if o.id == chosen else ' '}] {gfm(o.icon) + ' ' if o.icon else ''}**{gfm(o.label)}** - {gfm(o.text)} {gfm_anchor(o.id)}")
    out += _decided(status) + _attended(status)
    hint = f"[{f.decision.notes_hint}]" if f.decision.notes_hint else ""  # in a code block, shown as it is: one it cannot close
    out += ["", f"**{gfm(f.decision.notes)}**:", fence(hint, ""), ""]


def _md_checklist(c: Checklist, status: Status | None, out: list[str]) -> None:
    out += [f"# {gfm(c.title)} {gfm_anchor(c.id)}", ""]
    meta = [
        ("Version", c.version),
        ("Created", c.created.isoformat() if c.created else ""),
        ("Last Updated", c.updated.isoformat() if c.updated else ""),
        ("Owner", c.owner),
        ("Next Review", c.next_review),
    ]
    lines = [f"**{k}**: {gfm(v) if isinstance(v, Text) else v}" for k, v in meta if v]
    if lines:
        out += ["  \n".join(lines), ""]
    if c.instructions:
        out += ["<!-- checklist-site: instructions -->", "## How to use this checklist", ""]
        _md_items(c.instructions, "", False, out, status)
        out.append("")
    for s in c.sections:
        priority = f" ({s.priority.label})" if s.priority else ""
        heading = f"## {gfm(s.icon) + ' ' if s.icon else ''}Section {s.number}: {gfm(s.title)}{priority} {gfm_anchor(s.id)}"
        out += ["<!-- checklist-site: section -->", heading, ""]  # the kind, whatever words the title holds
        if s.notes:
            out += [gfm(s.notes), ""]
        _md_groups(s.groups, out, status, True)
    _md_final(c, out, status)
    for part in c.parts:
        kind = "metrics" if part is c.metrics else "post-launch"
        out += [f"<!-- checklist-site: {kind} -->", f"## {gfm(part.title)}{f' ({gfm(part.period)})' if part.period else ''} {gfm_anchor(part.id)}", ""]
        _md_groups(part.groups, out, status, False)
    if c.rollback:
        r = c.rollback
        out += ["<!-- checklist-site: rollback -->", f"## {gfm(r.title)} {gfm_anchor(r.id)}", ""]
        if r.when:
            out += [f"{gfm(r.when)}:", ""]
        out += [f"{n}. **{gfm(st.title)}**: {gfm(st.text)}{f' ({gfm(st.who)})' if st.who else ''} {gfm_anchor(st.id)}" for n, st in enumerate(r.steps, 1)]
        out.append("")


def as_markdown(data: Data) -> str:
    """GitHub/GitLab task lists, one checklist after another; `import` reads them back, ids and ticks included."""
    out: list[str] = []
    for c in data.checklists:
        _md_checklist(c, data.status(c.id), out)
    return "\n".join(out).rstrip("\n") + "\n"


PROGRESS_SCHEMA = {
    "type": "object",
    "description": "Present when progress is recorded: the counts every page shows (resolved = done + waived + n/a).",
    "properties": {**{k: {"type": "integer"} for k in COUNTED}, "go": {"type": "boolean"}, "decision": {"enum": ["go", "no-go", "pending"]}},
}


RUNS_SCHEMA = {
    "type": "array",
    "description": "Present when runs were started: every run, the default one first.",
    "items": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "state": {
                "type": "string",
                "description": "open, GO or NO-GO (the decision recorded); a closed run: 'closed', 'GO, closed' or 'NO-GO, closed'; a run"
                " re-opened (run reopen) and not closed since: 'open, re-opened', 'GO, re-opened' or 'NO-GO, re-opened'.",
            },
            "started": {"type": ["string", "null"], "format": "date-time"},
            "closed": {"type": ["string", "null"], "format": "date-time"},
            "revision": {"type": ["string", "null"]},
            "progress": {"type": "object", "properties": {k: {"type": "integer"} for k in COUNTED if k != "blockers"}},
            "changed_since": {
                "type": "boolean",
                "description": "A closed run: the checklist changed since it was closed in what its numbers were made of; its progress is as at close.",
            },
            "reopened": {
                "type": "array",
                "description": "Each close of the run undone (run reopen), first first: who re-opened it, when and why, and the close it undid.",
                "items": {
                    "type": "object",
                    "properties": {
                        "by": {"type": "string"},
                        "at": {"type": "string", "format": "date-time"},
                        "reason": {"type": "string"},
                        "closed": {"type": "string", "format": "date-time"},
                        "closed_by": {"type": ["string", "null"]},
                    },
                },
            },
        },
    },
}


def export_schema() -> dict[str, Any]:
    """The JSON export's schema, published at /schema/export.schema.json."""
    text = {"type": "string"}
    nullable = {"type": ["string", "null"]}
    item = {
        "type": "object",
        "required": ["id", "text", "critical", "section", "group", "url", "parents"],
        "properties": {
            "id": {**text, "description": "The item's id: its anchor on the runbook page."},
            "text": {**text, "description": "What to check (inline Markdown)."},
            "critical": {"type": "boolean"},
            "priority": {**nullable, "description": "The item's priority, or its section's."},
            "section": text,
            "section_title": text,
            "group": text,
            "group_title": text,
            "list": {**nullable, "description": "The label of the labelled list holding the item."},
            "parents": {"type": "array", "items": text, "description": "Ids of the items this one is nested under."},
            "url": {**text, "format": "uri", "description": "Absolute URL of the item on the site."},
            "details": nullable,
            "target": text,
            "number": {"type": "integer", "minimum": 1, "description": "The item's number where its list is numbered (an `ordered` group, list or item)."},
            "status": {
                "type": "object",
                "description": "Present when a status file exists.",
                "properties": {"state": {"enum": ["open", "done", "n/a", "waived"]}, "by": text, "date": nullable, "note": nullable},
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "export.schema.json",
        "title": "checklist-site export",
        "type": "object",
        "required": ["format", "version", "checklists"],
        "properties": {
            "format": {"const": "checklist-site export"},
            "version": {"const": EXPORT_VERSION, "description": "Bumped on any incompatible change."},
            "schema": text,
            "checklists": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "url", "items"],
                    "properties": {
                        "id": text,
                        "title": text,
                        "version": nullable,
                        "updated": nullable,
                        "owner": nullable,
                        "url": text,
                        "progress": PROGRESS_SCHEMA,
                        "current_run": {**text, "description": "Present when runs were started: the run the pages and progress show."},
                        "runs": RUNS_SCHEMA,
                        "items": {"type": "array", "items": item},
                    },
                },
            },
        },
    }


CSV_HEAD = "checklist,section,group,id,text,"  # how every CSV export starts (its quotes aside: every field is quoted)


def is_export(text: str) -> bool:
    r"""Whether ``text`` is an export this tool wrote (JSON, CSV or Markdown), which `export -o` may replace.

    >>> is_export('{\n  "format": "checklist-site export",'), is_export("id: launch\ntitle: Launch\n"), is_export("# Notes\n")
    (True, False, False)
    """
    head = text[:200]
    return '"format": "checklist-site export"' in head or head.replace('"', "").startswith(CSV_HEAD) or "\n<!-- checklist-site: " in text
