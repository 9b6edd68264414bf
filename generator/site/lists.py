"""Model -> the runbook pages' item lists as finished HTML blocks, one per group.

A runbook page keeps its headings in Markdown (the engine makes the table of contents and the
heading permalinks from them) and holds a slot under each group's heading (``group_slot``): the
generator renders the group's lists and sign-off line here, once, in the safe rendering of
``items.runbook_list``, and
``assemble.fill_blocks`` puts it in after the build, as it does for the sheets. The slot carries
the list's anchors and relative links while the engine builds, so links to and from items check as before.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import partial

from ..format.fold import aliases, approver_roles, heads, latest_name, signed_groups
from ..format.model import Checklist, Data, Group, ItemState, State, Status
from ..format.readiness import RESOLVED, group_signoff
from ..format.types import MAX_TEXT, Ident, code_rule, compared, people_known, read_alike
from . import escape, layout
from .items import item_ids, item_links, runbook_list, text_html, text_links
from .memo import NONE, Memo


def list_key(checklist_id: str, list_id: str) -> str:
    """The block of a group's lists (its items, its labelled sub-lists, its sign-off line) or of the instructions.

    >>> list_key("launch", "auth")
    'checklists/launch:items-auth'
    """
    return layout.Blocks(checklist_id)("items", list_id)


INSTRUCTIONS = "how-to-use"  # the overview's list of instructions (its heading's id too)


def group_slot(checklist_id: str, group: Group) -> str:
    """The slot a runbook page's Markdown holds under a group's heading, with the group's anchors and links standing in for it."""
    anchors = [*item_ids(group.items), *(ident for sub in group.lists for ident in (sub.id, *item_ids(sub.items)))]
    links = [*item_links(group.items), *(url for sub in group.lists for url in (*text_links([sub.label]), *item_links(sub.items)))]
    return layout.slot(list_key(checklist_id, group.id), anchors=anchors, links=links)


def instructions_slot(c: Checklist) -> str:
    """The slot of the overview's instructions."""
    return layout.slot(list_key(c.id, INSTRUCTIONS), anchors=item_ids(c.instructions), links=item_links(c.instructions))


def runbook_links(c: Checklist, data: Data) -> dict[str, str]:
    """Alarm item id -> its runbook page, as a source link from the checklist's folder."""
    here = layout.page_of(c, "overview")
    return {r.item: layout.runbook_page(r.id).link_from(here) for r in data.runbooks if data.runbook_checklist(r) is c}


_FIELD = '<span class="cl-field">{} <span class="cl-blank"></span></span>'
_BLANK_SIGNOFF = f'<p class="cl-signoff"><strong>Sign-off</strong> {_FIELD.format("Name")} {_FIELD.format("Date")}</p>'


def group_html(group: Group, runbooks: dict[str, str], states: dict[str, ItemState], status: Status | None, signoff: bool, urls: layout.Urls) -> str:
    """A group's lists as the runbook page shows them under its heading, then its sign-off line (sections only)."""
    out: list[str] = [runbook_list(group.items, group.ordered, runbooks, states, urls)] if group.items else []
    for sub in group.lists:
        out.append(f'<p class="cl-list-label" id="{escape.attr(Ident(sub.id))}"><strong>{text_html(sub.label, urls)}</strong></p>')
        out.append(runbook_list(sub.items, sub.ordered, runbooks, states, urls))
    if signoff and group.signoff:
        signed = group_signoff(status, group)
        out.append(f'<p class="cl-signoff cl-signoff--signed"><strong>Sign-off</strong> {escape.html(signed)}</p>' if signed else _BLANK_SIGNOFF)
    return "\n".join(out)


def section_items(c: Checklist, states: dict[str, ItemState]) -> dict[str, dict[str, list[str]]]:
    """Each section's item ids and those recorded resolved (done, n/a, waived: as every count), for the overview and its script."""
    done = {ident for ident, entry in states.items() if entry.state in RESOLVED}
    out: dict[str, dict[str, list[str]]] = {}
    for s in c.sections:
        ids: list[str] = [item.id for item in s.all_items()]
        out[s.id] = {"items": ids, "recorded": [i for i in ids if i in done]}
    return out


def sections_json(c: Checklist, states: dict[str, ItemState]) -> str:
    """The overview's block: :func:`section_items` as JSON in a script element (``<``, ``>``, ``&`` and ``'`` escaped)."""
    return f'<script type="application/json" id="cl-sections">{escape.script_json(section_items(c, states), sort_keys=True)}</script>'


def _day(value: object) -> str:
    """A recorded date (or date and time) as its day, YYYY-MM-DD ('' for none)."""
    return str(value)[:10] if value else ""


def recorded(status: Status | None) -> dict[str, object]:
    """What the record holds, as the browser's Record panel and the live meeting read it (JSON-able).

    ``items``: id -> [state, by, date, note, reason, approver] for every item recorded other than plain open;
    ``signoffs``: group id -> [name, date]; ``approvals``: role id -> [name, decision, date];
    ``decision``: [decision, by, date] or None; ``people``: who each name recorded is, by the name as the panel reads
    one typed (:func:`types.compared`: the .mailmap read, no address it does not hold).
    """
    if status is None:
        return {"items": {}, "signoffs": {}, "approvals": {}, "decision": None, "people": {}}
    items = {
        e.id: [e.state.value, str(e.by or ""), _day(getattr(e, "at", None) or e.date), str(e.note or ""), str(e.reason or ""), str(e.approver or "")]
        for e in status.items
        if e.state is not State.OPEN or e.note
    }
    d = status.decision
    names = [str(e.by or "") for e in status.items] + [str(s.name) for s in status.signoffs] + [str(a.name) for a in status.approvals]
    return {
        "people": compared([*names, str(d.by or "") if d else ""]),
        "items": items,
        "signoffs": {s.id: [str(s.name), _day(getattr(s, "at", None) or s.date)] for s in status.signoffs},
        "approvals": {a.id: [str(a.name), a.decision.value, _day(getattr(a, "at", None) or a.date)] for a in status.approvals},
        "decision": [d.decision.value, str(d.by or ""), _day(getattr(d, "at", None) or d.date)] if d else None,
    }


def record_manifest(c: Checklist, status: Status | None) -> dict[str, object]:
    """The checklist as the Record panel checks what it finds in the browser's storage against it:
    every id it may record (items with their page and whether critical, groups that are signed off
    with their items, approver roles, whether there is a Go/No-Go), the former ids of each kind (a change stored
    before a rename follows it), the text limit, and the record."""
    groups = {g.id: [s.id, [i.id for i in g.all_items()]] for s in c.sections for g in s.groups if g.signoff}
    roles = {r.id: escape.LINK.sub(r"\1", r.title) for r in c.final_signoff.approval.roles} if c.final_signoff else {}
    renamed = {"items": aliases(c), "groups": signed_groups(c), "roles": approver_roles(c)}  # a change stored before a rename follows it
    pages = {id(block): layout.item_page_name(c, block) for block in (None, *c.blocks)}  # each block's page named once, not per item
    return {
        "checklist": c.id,
        "items": {ident: [pages[id(block)], 1 if item.critical else 0] for ident, (block, item) in c.item_blocks().items()},
        "groups": groups,
        "roles": roles,
        "former": {kind: {old: new for old, new in found.items() if old != new} for kind, found in renamed.items()},
        "decision": c.final_signoff is not None,
        "max_text": MAX_TEXT,
        "alike": read_alike(),  # look-alike letters of a name typed in the panel, read as the record reads them
        "code": code_rule(),  # what code in a note typed in the panel may not hold, as the record reads it
        "recorded": recorded(status),
        **_had(status),
    }


def _had(status: Status | None) -> dict[str, object]:
    """What an entry made in the Record panel names of the record as built, as `mark` names what it had (``after``, the
    latest entry; ``also_after``, the latest of each other branch merged): one made from a page built before someone
    else recorded the same item is then told apart from one made with it (``fold.unseen``). Nothing for an empty record."""
    after = latest_name(status)
    return {"after": after, "also_after": [name for name in heads(status) if name != after]} if after else {}


RECORD_SCRIPT = "record-data.js"  # in the checklist's folder of the built site


def record_script(c: Checklist, status: Status | None, memo: Memo = NONE) -> str:
    """The file a checklist's pages load for their Record panel: :func:`record_manifest`, once per checklist
    (not in every page: a checklist of 10,000 items would add its ids to each of its pages)."""

    def make() -> str:
        # Asked twice all the same where nothing is kept, or each output keeps its own (a build: the blocks' link version,
        # then the exports' file, 0.05 s each at 10,000 items): the last one made of each checklist is kept with the very
        # objects it was made of (``is``: nothing compared field by field), and given again for them.
        last = _LAST_RECORD.get(c.id)
        if last is not None and last[0] is c and last[1] is status and last[2] == people_known():
            return last[3]
        key, value = escape.script_json(c.id), escape.script_json(record_manifest(c, status), sort_keys=True)
        text = f"(window.checklistSiteRecord = window.checklistSiteRecord || {{}})[{key}] = {value};\n"
        _LAST_RECORD[c.id] = (c, status, people_known(), text)
        return text

    return memo(("record-script", c.id), (c, status, people_known()), make)  # asked twice per render: for the file and for its link's version


_LAST_RECORD: dict[str, tuple[Checklist, Status | None, str, str]] = {}  # checklist id -> what record_script made of it last


def record_json(c: Checklist, status: Status | None, memo: Memo = NONE) -> str:
    """The block every page with a Record panel holds: a link to :func:`record_script`, named by its content
    (a browser never keeps an older build's copy)."""
    version = hashlib.sha256(record_script(c, status, memo).encode()).hexdigest()[:12]
    return f'<a class="cl-record-data" href="{RECORD_SCRIPT}?v={version}" hidden></a>'


def list_blocks(c: Checklist, data: Data, urls: layout.Urls = layout.DIRECTORY_URLS, memo: Memo = NONE) -> dict[str, str]:
    """{block key: HTML} for every group of the checklist's runbook pages and its instructions, with the recorded progress
    (``memo``: a group's list kept from an earlier render while the group, the runbooks and the record are as they were)."""
    status = data.status(c.id)
    states: dict[str, ItemState] = {s.id: s for s in status.items} if status else {}
    runbooks = runbook_links(c, data)
    key = layout.Blocks(c.id)
    blocks = {key("sections-json"): sections_json(c, states), key("record-json"): record_json(c, status, memo)}
    if c.instructions:
        blocks[list_key(c.id, INSTRUCTIONS)] = str(runbook_list(c.instructions, False, runbooks, states, urls))
    for block in c.blocks:
        signoff = block in c.sections
        for group in block.groups:
            name = list_key(c.id, group.id)
            blocks[name] = memo(name, (group, runbooks, status, signoff, urls), partial(group_html, group, runbooks, states, status, signoff, urls))
    return blocks


_FRAGMENT = re.compile(r"#([A-Za-z0-9_][A-Za-z0-9_.:-]*)")


def keep_linked_anchors(pages: dict[str, str], hand_written: Iterable[str] = ()) -> dict[str, str]:
    """The generated pages with only the stand-in anchors that some page links to (``#id`` in its Markdown).

    The engine reads every stand-in with its HTML parsers (Python-Markdown's raw-HTML pass and
    MkDocs' anchor collection), which cost more than the rest of a runbook page; the stand-ins are
    there only for the engine's check of links to items, so an id no page links to needs none.
    ``hand_written`` are the texts of the hand-written pages, whose links are checked too.

    >>> page = '<div class="cl-slot" data-block="c:items-g"><span id="a"></span><span id="b"></span></div>'
    >>> keep_linked_anchors({"c/s.md": page, "runbooks/r.md": "[x](../c/s.md#b)"})["c/s.md"]
    '<div class="cl-slot" data-block="c:items-g"><span id="b"></span></div>'
    """
    linked = {found.group(1) for text in (*pages.values(), *hand_written) for found in _FRAGMENT.finditer(text)}

    def keep(span: re.Match[str]) -> str:
        return span.group(0) if span.group(1) in linked else ""

    return {path: layout.SLOT.sub(lambda s: layout.STAND_IN.sub(keep, s.group(0)), text) if layout.has_slot(text) else text for path, text in pages.items()}
