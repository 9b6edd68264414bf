"""The importer's rules for lists: task items at any depth, plain items holding boxes, labelled lists, instructions."""

from __future__ import annotations

import datetime
import re
import textwrap

from markdown_it.tree import SyntaxTreeNode

from .drafts import Approved, Attending, Decided, FinalDraft, GroupDraft, ItemDraft, ListDraft, Recorded, Signed
from .import_final import decision, is_option, roles_from_list, rollback_steps, signoff_section
from .marks import TARGET, words_of
from .recorded import APPROVAL_FIELDS, ATTENDEE_FIELDS, DECISION_FIELDS, RECORD_FIELDS, RECORD_HINT, SIGNOFF_FIELDS
from .source import decoded, one_line
from .walk import (
    BOX,
    DUE_DETAIL,
    OWNER_DETAIL,
    OWNER_END,
    PLACEHOLDER,
    TICKED,
    Block,
    Walk,
    explicit_id,
    first_inline,
    has_boxes,
    iso_date,
    line_of,
    role_tags,
    unquoted,
)


def a_list(w: Walk, node: SyntaxTreeNode) -> None:
    if w.block is Block.SKIPPED and not has_boxes(node):
        w.fates["dropped"] += 1  # the table of contents, counted with its heading
        return
    if w.block is Block.ROLLBACK and w.draft.rollback is not None:
        rollback_steps(w, node)
    elif w.block is Block.FINAL:
        final_list(w, node)
    elif w.block is Block.INSTRUCTIONS:
        items, rest = items_of(w, node, 3, "", None)
        w.draft.instructions += items
        if rest and w.draft.sections:  # after a section: its notes, where it stood (Walk.keep)
            w.keep("\n".join(rest))
        else:
            w.preamble += rest
        w.fates["instructions"] += 1
    else:
        group_list(w, node)


def group_list(w: Walk, node: SyntaxTreeNode) -> None:
    """A list under a section: its boxes go to the group (or a labelled list); its plain items to the notes."""
    if node.children and all(is_option(li) for li in node.children):
        w.draft.final_signoff = w.draft.final_signoff or FinalDraft("Final Sign-off")
        group = w.group if w.group is not None and not w.group.items else None
        w.final_heading = (w.path_title(), w.path[-1].ident) if group is None and w.path else ("", "")
        final_list(w, node)  # Go/No-Go boxes anywhere: the decision
        return
    if not has_boxes(node):
        if w.signing and roles_from_list(w, node, sign_group=True):
            return
        w.flush_label()
        w.keep(w.prose(node))
        return
    group = w.current_group(line_of(node))
    budget = 3 if w.block is Block.PART else 4
    if w.label is not None and node.children and not has_boxes(node.children[0]):
        w.flush_label()  # '**Notes**:' over plain items, then the boxes: it names the notes, not the boxes
    if w.label is not None:
        label, explicit, *_ = w.label
        w.label = None
        target = ListDraft(w.claim(explicit, label, 3, group.title), label)
        group.lists.append(target)
        w.choosing = bool(_LEVEL_CHOICE.search(label))
        items, rest = items_of(w, node, budget, group.title, group)
        w.choosing = False
        add_boxes(target, items, node)
    else:
        items, rest = boxes_in_order(w, node, budget)
    for text in rest:
        w.keep(text)
    w.last_item = items[-1] if items and not rest else None
    w.fates["items"] += 1


def boxes_in_order(w: Walk, node: SyntaxTreeNode, budget: int) -> tuple[list[ItemDraft], list[str]]:
    """A list's boxes into the open group, in the source's order: boxes after a labelled list (a plain item holding
    boxes, in this list or before it) go on in a new group of the same title, since a group shows its items first.
    Returns the boxes of the last run and the prose of the items without a box."""
    items: list[ItemDraft] = []
    rest: list[str] = []
    group = w.current_group(line_of(node))
    for li in node.children:
        item = an_item(w, li, budget, group.title, "")
        if item is not None:
            if group.lists:  # boxes after a labelled list: the group goes on as a new one
                w.group = None
                group = w.current_group(item.line)
            add_boxes(group, [item], node)
            items.append(item)
        elif has_boxes(li):
            plain_with_boxes(w, li, budget, group)
            items = []
        elif w.prose(li):
            rest.append(w.prose(li))
    return items, rest


def add_boxes(target: GroupDraft | ListDraft, items: list[ItemDraft], node: SyntaxTreeNode) -> None:
    """A list's boxes join a group or a labelled list, which is numbered (``ordered``) while every box it holds
    came from a numbered list: ``1.`` or ``1)``, from any number, the numbers going on after a paragraph or not."""
    if items:
        target.ordered = node.type == "ordered_list" and (target.ordered or not target.items)
        target.items += items


def final_list(w: Walk, node: SyntaxTreeNode) -> None:
    """A list under the sign-off: the decision and roles; other boxes stay items, in a 'Sign-off' section."""
    leftover = decision(w, node)
    if not leftover:
        return
    assert w.draft.final_signoff is not None
    section, group = signoff_section(w, w.draft.final_signoff)
    for li in leftover:
        item = an_item(w, li, 4, group.title, "")
        if item is not None:
            group.items.append(item)
        elif has_boxes(li):
            plain_with_boxes(w, li, 4, group)
        elif w.prose(li):
            section.notes.append(w.prose(li))


def items_of(w: Walk, node: SyntaxTreeNode, budget: int, context: str, group: GroupDraft | None) -> tuple[list[ItemDraft], list[str]]:
    """The boxes of a list, and the prose of its items without a box (a plain item holding boxes becomes a labelled list)."""
    found: list[ItemDraft] = []
    rest: list[str] = []
    for li in node.children:
        item = an_item(w, li, budget, context, "")
        if item is not None:
            found.append(item)
        elif has_boxes(li):
            if group is not None:
                plain_with_boxes(w, li, budget, group)
            else:  # instructions: the boxes under a plain item join the list
                children = list(unquoted(li.children))
                found += [sub for child in children if child.type.endswith("_list") for sub in items_of(w, child, budget, context, None)[0]]
                rest += [w.prose(child) for child in children if not child.type.endswith("_list") and w.prose(child)]
        else:
            text = w.prose(li)
            if text:
                rest.append(text)
    return found, rest


# A sentence ending at a hard line break ('<br />', two spaces or a backslash at the line's end), more sentences after
# it opening in a capital: a check over its explanation, as a checklist page writes them ('Tag\' then 'with signature'
# is one sentence broken, and stays one line of text).
_DESCRIBED = re.compile(r"^([^\n]*?[.!?:])(?:[ \t]*<br\s*/?>[ \t]*|[ \t]{2,}|\\)\n((?:[ \t]*)[A-Z\"'“‘(\[*_].*)$", re.S)


def _bare_label(label: str) -> str:
    """A list's label without the bold and the colon that make it one ('1. **Situation assessment:**' over its boxes,
    as a checklist's numbered phases are written; they were its group's title, stars and all).

    >>> _bare_label("**Situation assessment:**"), _bare_label("**Backups**:"), _bare_label("Frontend:"), _bare_label("**a** and **b**")
    ('Situation assessment', 'Backups', 'Frontend', '**a** and **b**')
    """
    whole = re.fullmatch(r"(\*\*|__)(.+?)\1\s*[:：]?", label)
    return (whole.group(2) if whole and "*" not in whole.group(2) else label).strip().rstrip(":：").strip()


def plain_with_boxes(w: Walk, li: SyntaxTreeNode, budget: int, group: GroupDraft) -> None:
    """'- Frontend' with boxes under it: a labelled list 'Frontend'; what it holds besides lists goes to the notes."""
    content = first_inline(li)
    label = w.inline(content, line_of(li)) if content is not None else ""
    label, ident = explicit_id(label)
    label = _bare_label(" ".join(label.split())) or "Items"
    target = ListDraft(w.claim(ident, label, 3, group.title), label)
    group.lists.append(target)
    for child in unquoted(li.children[1 if content is not None else 0 :]):
        if child.type in ("bullet_list", "ordered_list"):
            items, rest = items_of(w, child, budget, label, group)
            add_boxes(target, items, child)
            for text in rest:
                w.keep(text)
        elif w.prose(child):
            w.keep(w.prose(child))


# A list under a label naming a level to choose ('**Urgency Level**:' over '- [ ] **Critical** (<24 hours)', '- [ ] **High**
# (1-2 days)'): its items are the levels, their words no marker of their own.
_LEVEL_CHOICE = re.compile(r"\b(?:urgency|priority|severity|criticality|risk|impact)(?: level)?\s*$|\blevels?\s*$", re.I)


def an_item(w: Walk, li: SyntaxTreeNode, budget: int, context: str, parent: str) -> ItemDraft | None:
    """A task list item with its sub-items and details, or None when it has no box."""
    content = first_inline(li)
    match = BOX.match(content) if content is not None else None
    if match is None:
        return None
    line = line_of(li)
    raw, _, below = (match.group(2) or "").partition("\n") if line in w.src.headed else (match.group(2) or "", "", "")
    described = _DESCRIBED.match(raw) if not below else None
    if described:  # 'Run the full test suite.<br />' over 'Check unit tests, lint and build.': the check, then its explanation
        raw, below = described.group(1), textwrap.dedent(described.group(2))
    said = [m for part in raw.split("\n")[1:] if (m := OWNER_DETAIL.match(part.strip())) and not PLACEHOLDER.match(m.group(1))]
    if said:  # 'Owner: Ann Lee' on a line of its own under the text, no blank line between: the item's owner, no words of it
        raw = "\n".join(part for part in raw.split("\n") if not OWNER_DETAIL.match(part.strip()))
    raw, ident = explicit_id(one_line(raw))
    levels = w.block is not Block.INSTRUCTIONS and not w.choosing and not _LEVEL_CHOICE.search(context)  # a choice of levels: words
    raw, critical, priority = w.options.markers.flags(raw) if levels else (raw, False, None)
    target = TARGET.match(raw)  # read as written, as the markers are: a character reference is a character of the text
    raw, goal = (target.group(1), w.inline(target.group(2), line)) if target else (raw, "")
    role, rest = role_tags(raw, w.src.refs)
    if role and not said and not OWNER_END.search(raw):  # '[Release Lead] Announce the freeze': its owner, no words of it
        raw = rest
    else:
        role = ""
    text = w.inline(raw, line)
    struck = re.fullmatch(r"~~((?:(?!~~).)+)~~", text)
    if struck and match.group(1) in TICKED:  # '- [x] ~~Freeze main~~': the strike is how the app showed it done
        text = struck.group(1).strip()
    few = 0 < len(words_of(text)) < 2
    item = ItemDraft(
        w.claim(ident, text or raw, budget, context, prefix=parent if few else ""),
        text,  # '' for a box with nothing after it: left out after the walk where nothing is under it either
        line,
        critical,
        priority,
        goal,
        ticked=match.group(1) in TICKED,
        cancelled=match.group(1) == "-",
    )
    item.owner = said[0].group(1)[:200] if said else ""
    w.place(line, "item")
    if below.strip():  # a heading's body without a blank line before it: the details, not more of the text
        item.details.append(w.src.clean(below, line + 1, w.anchors))
    children = li.children[1:]
    hinted = {n for n, child in enumerate(children[:-1]) if _record_hint(child) and _record_values(children[n + 1]) is not None}
    for n, child in enumerate(children):
        if n in hinted:  # an export's record of the item, its hint then its lines: not its details, whether it holds or not
            values = _record_values(children[n + 1]) or {}
            w.place(line_of(child), "record")
            item.recorded = _recorded(values, item)
        elif n - 1 not in hinted:
            item_child(w, item, child, context)
    _owner_in(w, item)
    if role and not item.owner:
        item.owner = role
        w.fates["owners"] += 1
    return item


_RECORD_LINE = re.compile(r"\*\*([A-Za-z][A-Za-z /-]*)\*\*: (.*)")
_BOX_STATES = {"done": "x", "n/a": "-", "waived": "-", "open": " "}


def _record_hint(node: SyntaxTreeNode) -> bool:
    return node.type == "html_block" and node.content.strip() == RECORD_HINT


def _record_values(paragraph: SyntaxTreeNode, fields: tuple[tuple[str, str], ...] = RECORD_FIELDS) -> dict[str, str] | None:
    """The fields of the record an export wrote under an item (``drafts.RECORD_HINT``, one field a line), or None for a
    paragraph of other lines (the item's details, as before). ``fields``: a sign-off's or an approval's instead, whose
    first field must be there (``recorded.SIGNOFF_FIELDS``, ``APPROVAL_FIELDS``)."""
    if paragraph.type != "paragraph" or not paragraph.children:
        return None
    keys = dict(fields)
    found = [_RECORD_LINE.fullmatch(part.strip()) for part in paragraph.children[0].content.split("\n")]
    if any(m is None or m.group(1) not in keys for m in found):
        return None
    values: dict[str, str] = {}
    for m in found:
        if m is not None:  # a label again (a decision's blockers, one a line): its values one a line
            key = keys[m.group(1)]
            values[key] = f"{values[key]}\n{m.group(2)}" if key in values else m.group(2)
    return values if fields is RECORD_FIELDS or fields[0][1] in values else None


def record_of(w: Walk, paragraph: SyntaxTreeNode) -> bool:
    """A paragraph right after an export's record hint outside an item: a group's sign-off (under its items) or an
    approver's decision (under the sign-off's table) as the record held them, read back as the record's, with who and
    when (import read the sign-off line as the group's sign-off field and the table as the roles, the record lost)."""
    if paragraph.map is None or paragraph.map[0] != w.record_at:
        return False
    signed = _record_values(paragraph, SIGNOFF_FIELDS) if w.block is Block.SECTION and w.section is not None else None
    group = w.group or (w.section.groups[-1] if w.section is not None and w.section.groups else None)
    if signed is not None and group is not None and group.signoff is not None:
        group.signoff = True
        note = decoded(signed.get("note", ""))
        group.signed = Signed(decoded(signed["name"]), _day(signed.get("date", "")), signed.get("with_open") == "yes", note)
        w.place(line_of(paragraph), "sign-off record")
        w.fates["group sign-off"] += 1
        return True
    final = w.draft.final_signoff
    decided = _record_values(paragraph, DECISION_FIELDS) if w.block is Block.FINAL and final is not None else None
    if decided is not None and final is not None and decided.get("decision") in _VOTES:
        blockers = tuple(decoded(b) for b in decided.get("blockers", "").split("\n") if b)
        final.decided = Decided(decided["decision"], decoded(decided.get("by", "")), _day(decided.get("date", "")), blockers)
        w.place(line_of(paragraph), "decision record")
        w.fates["sign-off"] += 1
        return True
    came = _record_values(paragraph, ATTENDEE_FIELDS) if w.block is Block.FINAL and final is not None else None
    if came is not None and final is not None:
        final.attendees.append(Attending(decoded(came["name"]), decoded(came.get("role", "")), decoded(came.get("by", "")), _day(came.get("date", ""))))
        w.place(line_of(paragraph), "attendee record")
        w.fates["sign-off"] += 1
        return True
    given = _record_values(paragraph, APPROVAL_FIELDS) if w.block is Block.FINAL and w.draft.final_signoff is not None else None
    if given is None or w.draft.final_signoff is None or given.get("decision") not in _VOTES or not given.get("name"):
        return False
    role = given["approval"]
    w.draft.final_signoff.recorded[role] = Approved(decoded(given["name"]), given["decision"], _day(given.get("date", "")))
    w.place(line_of(paragraph), "approval record")
    w.fates["sign-off"] += 1
    return True


_VOTES = ("go", "no-go", "pending")


def _recorded(values: dict[str, str], item: ItemDraft) -> Recorded | None:
    """The record, each value read back as :func:`escape.gfm` wrote it (character references as their characters), when its state is
    the box's: a box ticked or unticked by hand since is what the file says now (it counts as before, by 'imported')."""
    values = dict(values)
    owner, due = decoded(values.pop("owner", "")), values.pop("due", "")
    if owner and not item.owner:  # `assign`'s owner and due date: recorded again as an Owner column's are
        item.owner, item.due = owner[:200], _day(due)
    state = values.get("state", "")
    box = "x" if item.ticked else "-" if item.cancelled else " "
    if _BOX_STATES.get(state) != box:
        return None
    day = _day(values.get("date", ""))
    read = {key: decoded(value) for key, value in values.items() if key not in ("state", "date")}  # gfm's inverse, as written else
    return Recorded(state, date=day, **read)


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _owner_in(w: Walk, item: ItemDraft) -> None:
    """An item's owner said in it ('Owner: Ann Lee' a line of its details, '(owner: Ann)' its text's end): recorded with
    'assign', as an Owner column's is, the line left out of the details (the owner badge shows it); a placeholder
    ('[Name]', 'TBD') names no one and stays."""
    end = OWNER_END.search(item.text)
    if end and not PLACEHOLDER.match(end.group(1)):
        item.owner, item.text = end.group(1), item.text[: end.start()]
    for k, detail in enumerate(item.details):
        lines = detail.split("\n")
        found = next(((n, m) for n, line in enumerate(lines) if (m := OWNER_DETAIL.match(line.strip())) and not PLACEHOLDER.match(m.group(1))), None)
        if found is None or item.owner:
            continue
        item.owner = found[1].group(1)[:200]
        item.details[k] = "\n".join(lines[: found[0]] + lines[found[0] + 1 :]).strip()
    item.details = [d for d in item.details if d]
    if item.owner:
        w.fates["owners"] += 1
        _due_in(item)


def _due_in(item: ItemDraft) -> None:
    """An owned item's due date said in it ('- Due: 2026-12-10', a line of its details as the dialects write a
    Confluence task's date, Obsidian Tasks' '📅', todo.txt's 'due:'): its due date, recorded with its owner's 'assign'
    as a Due column's is, the line left out of the details. An item without an owner keeps the line (no 'assign' holds it)."""
    for k, detail in enumerate(item.details):
        lines = detail.split("\n")
        found = next(((n, day) for n, line in enumerate(lines) if (m := DUE_DETAIL.match(line.strip())) and (day := iso_date(m.group(1)))), None)
        if found is not None:
            item.due = found[1]
            item.details[k] = "\n".join(lines[: found[0]] + lines[found[0] + 1 :]).strip()
            item.details = [d for d in item.details if d]
            return


def item_child(w: Walk, item: ItemDraft, child: SyntaxTreeNode, context: str) -> None:
    """What an item holds: boxes are its sub-items (numbered ones `ordered`, quoted ones too: '  > - [ ] step'),
    everything else its details."""
    if child.type == "blockquote" and has_boxes(child):
        for part in child.children:
            item_child(w, item, part, context)
        return
    if child.type not in ("bullet_list", "ordered_list") or not has_boxes(child):
        text = w.prose(child)
        if text:
            item.details.append(text)
        return
    parent = words_of(item.text)[0] if words_of(item.text) else ""
    for li in child.children:
        sub = an_item(w, li, 3, context, parent)
        if sub is None:
            text = w.prose(li)
            if has_boxes(li):
                _boxes_in_plain(w, item, li, context)
            elif text:
                item.details.append(text)
            continue
        item.items.append(sub)
        item.ordered = item.ordered or child.type == "ordered_list"


def _boxes_in_plain(w: Walk, item: ItemDraft, li: SyntaxTreeNode, context: str) -> None:
    """A plain sub-item holding boxes: its text is a detail, its boxes the item's sub-items."""
    content = first_inline(li)
    if content is not None and w.inline(content, line_of(li)):
        item.details.append(w.inline(content, line_of(li)))
    for child in li.children[1 if content is not None else 0 :]:
        item_child(w, item, child, context)
