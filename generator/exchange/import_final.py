"""The importer's rules for the final sign-off (approver roles from tables, signature lines or lists; the Go/No-Go
boxes) and for the rollback procedure."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from ..format.model import Decision, Priority
from .drafts import FinalDraft, GroupDraft, OptionDraft, RoleDraft, RollbackDraft, SectionDraft, StepDraft
from .marks import split_icon
from .source import Kind
from .walk import BLANK, BOX, CELL_BOX, TICKED, Block, Walk, cell, explicit_id, first_inline, has_boxes, line_of, unquoted

_GO = re.compile(r"^(?:\*\*)?(GO|NO[- ]GO)\b(?:\*\*)?\s*(?:[-–—:]\s*)?(.*)$", re.I)
_BLANK = re.compile(r"_{3,}|\.{5,}|\[\s*\]|…{2,}")
_SIGN_LABEL = re.compile(r"^(?:\*\*|__)?\s*+([^:_*|\[\]]{1,40}?)\s*+(?:\*\*|__)?\s*+:", re.I)  # each blank run read once
_GENERIC = re.compile(r"^(name|signature|signed|sign|sign[- ]?off|signed off by|approved by|approver|approval|by|initials)$", re.I)
_DATE = re.compile(r"^(date|time|date and time|when)$", re.I)
ROLE_WORDS = re.compile(r"\b(lead|manager|cto|eng|owner|team|on-call|oncall|sre|admin)\b", re.I)


def start_final(w: Walk, text: str) -> None:
    w.block, w.section = Block.FINAL, None
    w.final_heading = ("", "")
    w.draft.final_signoff = w.draft.final_signoff or FinalDraft(w.top_title(text) or "Sign-off")


def start_rollback(w: Walk, text: str, ident: str) -> None:
    title = re.sub(r"^appendix\s*[:.-]\s*", "", text, flags=re.I)
    if w.draft.rollback is not None:  # a second one: an ordinary section
        w.start_section(0, "", title, "")
        return
    w.draft.rollback = RollbackDraft(w.claim(ident, title, 1), w.title(title) or "Rollback")
    w.block, w.section = Block.ROLLBACK, None


# ---- signature lines


def signature_lines(text: str) -> list[str] | None:
    """The roles that signature lines name ('QA Lead: ______ Date: ____' -> QA Lead; 'Name: ___' -> Approver); None for other text."""
    roles: list[str] = []
    lines = [line.strip().strip("|").strip() for line in text.split("\n") if line.strip().strip("`")]
    if not lines:
        return None
    for line in lines:
        line = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", line)
        label = _SIGN_LABEL.match(line)
        name = label.group(1).strip() if label else ""
        if not _BLANK.search(line) and not (label and line[label.end() :].strip() == "" and (_GENERIC.match(name) or _DATE.match(name))):
            return None
        if name and _DATE.match(name):
            continue
        if not name:
            name = _BLANK.split(line)[0].strip(" :*_")
        roles.append("Approver" if not name or _GENERIC.match(name) or len(name) > 40 else name)
    return roles


def add_roles(w: Walk, names: list[str]) -> list[str]:
    """The roles named (blank names skipped); their ids, '' for a blank."""
    final = w.draft.final_signoff
    assert final is not None
    final.approval.title = w.final_heading[0] or final.approval.title
    final.approval.id = final.approval.id or w.final_heading[1]
    made = []
    for name in names:
        name, ident = explicit_id(name)
        name = name.strip("* ")
        made.append("")
        if name and not re.fullmatch(r"[_\s.-]*", name):
            made[-1] = w.claim(ident, re.split(r"\s*/\s*", name)[0], 2)
            final.approval.roles.append(RoleDraft(made[-1], name))
    w.fates["sign-off roles"] += 1
    return made


def lines_in_final(w: Walk, text: str, line: int) -> bool:
    """A paragraph under the sign-off: signature lines give roles, a bold label the notes box's label."""
    final = w.draft.final_signoff
    if w.block is not Block.FINAL or final is None:
        return False
    label = re.match(r"^\*\*([^*]+?)\*\*\s*(?:\{#(?:[a-z0-9-]|&#8288;)+\})?\s*:?\s*$", text)
    if label:
        notes = label.group(1).strip().rstrip(":")
        final.decision.notes = "" if notes == Decision.notes else notes  # the format's default label (what export prints): not written
        w.fates["sign-off"] += 1
        return True
    roles = signature_lines(text)
    if roles is None:
        return False
    w.src.note(Kind.SIGNATURES, line)
    add_roles(w, roles)
    return True


def code_in_final(w: Walk, node: SyntaxTreeNode) -> bool:
    """A code block under the sign-off: signature lines (roles), else the hint of the notes box."""
    final = w.draft.final_signoff
    if w.block is not Block.FINAL or final is None:
        return False
    roles = signature_lines(node.content)
    if roles:
        w.src.note(Kind.SIGNATURES, line_of(node))
        add_roles(w, roles)
    else:
        final.decision.notes_hint = " ".join(node.content.split()).strip("[] ")
        w.fates["sign-off"] += 1
    return True


def roles_from_list(w: Walk, node: SyntaxTreeNode, sign_group: bool) -> bool:
    """A list without boxes whose items are signature lines: approver roles (or, under a group, its sign-off)."""
    roles = signature_lines("\n".join(w.prose(li) for li in node.children))
    if roles is None:
        return False
    if sign_group:
        group = w.group or (w.section.groups[-1] if w.section is not None and w.section.groups else None)
        if group is None or group.signoff is None:
            return False
        group.signoff = True
        w.src.note(Kind.GROUP_SIGNOFF, line_of(node))
        w.fates["group sign-off"] += 1
        return True
    w.src.note(Kind.SIGNATURES, line_of(node))
    add_roles(w, roles)
    return True


def roles_from_table(w: Walk, head: list[str], rows: list[SyntaxTreeNode]) -> None:
    """A table under the sign-off: its Role (or Approver, Team, first) column gives the roles; its box cells are theirs."""
    column = next((n for n, h in enumerate(head) if re.search(r"role|approver|team|function|area|department|sign", h, re.IGNORECASE)), 0)
    person = next((n for n, h in enumerate(head) if n != column and re.fullmatch(r"\W*(name|who|signed by)\W*", h, re.IGNORECASE)), None)
    cells = [[w.inline(cell(c), line_of(row)) for c in row.children] for row in rows]
    ids = add_roles(w, [c[column] if column < len(c) else "" for c in cells])
    final = w.draft.final_signoff
    assert final is not None
    for row, found, ident in zip(rows, cells, ids, strict=True):
        boxes = [b for c in found if (b := CELL_BOX.match(c)) is not None]
        if boxes:
            w.place(line_of(row), "sign-off role")
        if ident and any(b.group(1) in TICKED for b in boxes):  # an approval given: recorded, by the name beside it
            final.approved[ident] = (found[person] if person is not None and person < len(found) else "") or "imported"


# ---- the Go/No-Go decision, and boxes under the sign-off


def decision(w: Walk, node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    """Go/No-Go boxes become the decision, signature lines roles; returns the other items (boxes stay items, see import_lists)."""
    final = w.draft.final_signoff
    assert final is not None
    if not has_boxes(node) and roles_from_list(w, node, sign_group=False):
        return []
    leftover: list[SyntaxTreeNode] = []
    for li in node.children:
        option = _option(w, li)
        if option is not None:
            final.decision.options.append(option)
            if w.final_heading[0]:
                final.decision.title, final.decision.id = w.final_heading
            # boxes under an option ('- [ ] GO' then '  - [x] Smoke tests green'): items of the sign-off, as other boxes
            leftover += [sub for child in unquoted(li.children[1:]) if child.type.endswith("_list") and has_boxes(child) for sub in child.children]
        else:
            leftover.append(li)
    w.fates["sign-off"] += 1
    return leftover


def signoff_section(w: Walk, final: FinalDraft) -> tuple[SectionDraft, GroupDraft]:
    """The section of the boxes under the sign-off, and the group of those under its current heading: one group
    for each heading under it ('### 8.1 Technical Sign-offs', '### 8.2 Operations Sign-offs')."""
    section = next((s for s in w.draft.sections if s.title == final.title and s.line == -1), None)
    if section is None:
        section = SectionDraft(w.ids.make(final.title, 2), final.title, -1, Priority.CRITICAL)
        w.draft.sections.append(section)
    title = w.final_heading[0] or (section.groups[-1].title if section.groups else final.title)
    if not section.groups or section.groups[-1].title != title:
        section.groups.append(GroupDraft(w.ids.make(title, 3, "checks"), title, signoff=True))
    return section, section.groups[-1]


def is_option(li: SyntaxTreeNode) -> bool:
    box = BOX.match(first_inline(li) or "")
    return box is not None and _GO.match(split_icon(explicit_id(box.group(2) or "")[0])[1]) is not None


def _option(w: Walk, li: SyntaxTreeNode) -> OptionDraft | None:
    box = BOX.match(first_inline(li) or "")
    if box is None:
        return None
    text, ident = explicit_id(w.inline(box.group(2) or "", line_of(li)))
    icon, rest = split_icon(text)
    go = _GO.match(rest)
    if go is None:
        return None
    label = go.group(1).upper().replace(" ", "-")
    w.place(line_of(li), "decision box")
    return OptionDraft(w.claim(ident, label, 2), label, go.group(2) or label, line_of(li), icon if icon != "\ufffd" else "", box.group(1) in TICKED)


# ---- rollback


def rollback_steps(w: Walk, node: SyntaxTreeNode) -> None:
    """Numbered '**Step**: what to do (who)' items; a step without a bold title takes its first words (a code span whole)."""
    rollback = w.draft.rollback
    assert rollback is not None
    for li in node.children:
        content = w.inline(first_inline(li) or "", line_of(li)) or w.inline(w.prose(li), line_of(li))
        box = BOX.match(content)
        if box and not (box.group(2) or "").strip() and len(li.children) < 2:  # '- [ ] ' alone: a blank, no step
            w.src.note(Kind.BLANK_BOX, line_of(li))
            w.place(line_of(li), BLANK)
            continue
        if box:
            w.place(line_of(li), "rollback step")
            content = box.group(2) or ""
        content, ident = explicit_id(content)
        who = _trailing_paren(content)
        content, person = who if who and ROLE_WORDS.search(who[1]) else (content, "")
        m = re.match(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$", content)
        title, text = (m.group(1).rstrip(":"), m.group(2)) if m else (_short_title(content), content)
        step = StepDraft(w.claim(ident, title, 2, prefix="rollback"), title or "Step", text or title or "Step", person)
        rollback.steps.append(step)
        for child in unquoted(li.children[1 if first_inline(li) is not None else 0 :]):  # a step of a list alone: that list
            if child.type.endswith("_list") and has_boxes(child):
                rollback_steps(w, child)
            elif w.prose(child):  # what the step holds besides: its text goes on (one line; cut, with a warning, if too long)
                step.text = f"{step.text} — {' '.join(w.prose(child).split())}"
    w.fates["rollback"] += 1


def _short_title(text: str) -> str:
    """The words before a colon (outside code), at most about 60 characters, a code span never cut nor spaced from
    what it is written against.

    >>> _short_title("Push the annotated tag (`git push origin YYYY.0M.R`) – this triggers the deployment")
    'Push the annotated tag (`git push origin YYYY.0M.R`) – this'
    >>> _short_title("Run `make dist`: then upload")
    'Run `make dist`'
    """
    words: list[str] = []
    for token in re.findall(r"(?:`[^`]*`|[^\s`])+|`", text):
        if len(" ".join([*words, token])) > 60 and words:
            break
        words.append(token)
        if re.sub(r"`[^`]*`", "", token).endswith(":"):
            break
    return " ".join(words).rstrip(":")


def _trailing_paren(text: str) -> tuple[str, str] | None:
    """('Watch dashboards', 'DevOps Lead (on-call)') from 'Watch dashboards (DevOps Lead (on-call))'."""
    if not text.endswith(")"):
        return None
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[pos], 0)
        if depth == 0:
            return (text[:pos].rstrip(), text[pos + 1 : -1]) if pos > 0 and text[pos - 1] == " " else None
    return None
