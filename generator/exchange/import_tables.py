"""The importer's rule for tables: rows with a box cell are items (their other columns details, a priority column
their priority); a table under a sign-off gives the approver roles; a signature table under a group signs it."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from .drafts import ItemDraft
from .import_final import roles_from_table
from .marks import Level, strongest
from .walk import BOXES_IN_CELL, CELL_BOX, TICKED, Block, Walk, cell, explicit_id, is_signoff, iso_date, line_of, table_parts

# Column names, in the languages checklists come in most (English, Chinese, Russian, Portuguese and Spanish, German, French).
_TEXT_COLUMN = re.compile(
    r"item|task|check|description|step|what|action|requirement|control|test|criteri|项目|事项|任务|检查|内容|задача|пункт|проверка|действие"
    r"|tarefa|verifica|descri|tarea|aufgabe|prüf|tâche|contrôle",
    re.IGNORECASE,
)
_OWNER_COLUMN = re.compile(
    r"^\W*(owner|assignee|assigned to|responsible|who|dri|责任人|负责人|ответственный|исполнитель|responsável|responsable|verantwortlich)\W*$", re.IGNORECASE
)
_DUE_COLUMN = re.compile(r"^\W*(due|due date|deadline|by when|target date|截止日期|期限|срок|prazo|fecha límite|frist|échéance)\W*$", re.IGNORECASE)
_EMPTY_ROW = re.compile(r"^\|(?:[ \t]*\|)+[ \t]*\n?", re.M)
_NUMBER_COLUMN = re.compile(r"#|i|no\.?|nr\.?|n[º°]|№|step|schritt|étape|paso|шаг|步骤|", re.IGNORECASE)  # a row number, as a list's numbering
_NUMBER = re.compile(r"([*_]{0,2})[\d.#]*\1")  # a count or a row's number, bold or not ('**69**' in a Total row): no item's text
# A cell's boxes that answer its column's question ('[ ] Yes [ ] No', '[x] Pass [ ] Fail'): the row's own box.
_YES = {"yes", "y", "pass", "passed", "ok", "done", "met", "compliant"}
_NA = {"n/a", "na", "not applicable"}
_ANSWERS = _YES | _NA | {"no", "n", "fail", "failed", "not met", "non-compliant", "partial"}
_REMARKS_COLUMN = re.compile(r"\b(?:notes?|comments?|remarks?|location|evidence|observations?|link|url)\b", re.I)
_PRIORITY_COLUMN = re.compile(r"priority|criticality|severity|importance|level|weight|moscow", re.I)  # MoSCoW: Must have …


def a_table(w: Walk, node: SyntaxTreeNode) -> None:
    head = [cell(c) for c in node.children[0].children[0].children] if node.children and node.children[0].children else []
    rows = [row for body in node.children[1:] for row in body.children]
    if any(CELL_BOX.match(h) for h in head):  # a first row to tick written as the head ('| [ ] | Backups |' then '|---|---|')
        rows, head = [node.children[0].children[0], *rows], ["" for _ in head]
    box_column = next((n for n in range(len(head)) if any(n < len(r.children) and CELL_BOX.match(cell(r.children[n])) for r in rows)), None)
    if box_column is None:
        box_column = next((n for r in rows for n, c in enumerate(r.children) if CELL_BOX.match(cell(c))), None)
    if w.block is Block.FINAL and w.draft.final_signoff is not None:
        roles_from_table(w, head, rows)
    elif box_column is None and _signs(w, head):
        w.fates["group sign-off"] += 1
    elif box_column is None:
        head_row, _, body = w.prose(node).partition("\n")  # a table as prose: its empty rows (a dialect's spare lines) left out,
        w.keep(f"{head_row}\n{_EMPTY_ROW.sub('', body)}")  # its head kept, empty or not ('|  |  |' over a form's rows)
    else:
        cells = [[cell(c) for c in r.children] for r in rows]
        for part in table_parts(head, cells):  # tables side by side: the first's rows, then the next's

            def picked(values: list[str], part: list[int] = part) -> list[str]:
                return [values[n] if n < len(values) else "" for n in part]

            table_items(w, picked(head), [(line_of(r), picked(c)) for r, c in zip(rows, cells, strict=True)])


def _signs(w: Walk, head: list[str]) -> bool:
    """A table with a Sign-off, Signature or Approved column (or any table under a sign-off heading) signs its group."""
    if w.block is not Block.SECTION or w.section is None or not (w.signing or any(is_signoff(h) for h in head)):
        return False
    group = w.group or (w.section.groups[-1] if w.section.groups else None)
    if group is None or group.signoff is None:
        return False
    group.signoff = True
    return True


def table_items(w: Walk, head: list[str], rows: list[tuple[int, list[str]]]) -> None:
    """Rows (line, cells) with a box: the named or widest text cell is the item, the other cells its details (a
    priority column its priority)."""
    box_column = next((n for n in range(len(head)) if any(n < len(r) and CELL_BOX.match(r[n]) for _, r in rows)), None)
    if box_column is None:
        box_column = next((n for _, r in rows for n, c in enumerate(r) if CELL_BOX.match(c)), 0)
    group = w.current_group(rows[0][0])
    if group.lists:  # rows after a labelled list: the group goes on as a new one (it shows its items first)
        w.group = None
        group = w.current_group(rows[0][0])
    widest = _widest([r for _, r in rows], box_column, head)
    labels = _labels([r for _, r in rows])
    for line, raw in rows:
        cells = [w.inline(c, line) for c in raw]
        box = CELL_BOX.match(cells[box_column]) if box_column < len(cells) else None
        if box is None:
            box_cell = next((n for n, c in enumerate(cells) if CELL_BOX.match(c)), None)
            box = CELL_BOX.match(cells[box_cell]) if box_cell is not None else None
        if box is None:
            if any(cells):
                w.keep(" | ".join(c for c in cells if c))
            continue
        group.items.append(_row_item(w, head, cells, box, group.title, line, widest, labels))
        group.ordered = False  # a table's rows are not numbered: nor is a group they join
    w.fates["items"] += 1


def _widest(rows: list[list[str]], box_column: int, head: list[str] | None = None) -> int | None:
    """The column whose words are the most, over the whole table, as many as its values differ: the items' texts
    where no column is named for them (each row's own longest cell gave one row its Notes, the next its Upstream; a
    Status column of '🟡 In Progress' in every row gave every item that text), and the one of the columns named for
    them that is ('Criteria' beside 'Check ID', 'Item Description' beside 'Item').

    >>> _widest([["Pre-Development", "[ ]", "🟡 In Progress"], ["Development & Testing", "[ ]", "🟡 In Progress"]], 1)
    0
    """
    scores = _scores(rows, box_column, head)
    return max(scores, key=lambda n: (scores[n], -n)) if scores else None


_CODE = re.compile(r"[A-Za-z]{0,12}[-_.]?(?:[A-Za-z0-9]+[-_.])*\d[\w.-]*")  # 'AUTH-DR-001', 'CHK-7', 'A.5.1': a check's code


def _labels(rows: list[list[str]]) -> set[int]:
    """The columns that label rows rather than name them: codes ('AUTH-DR-001' in a 'Check ID' column) or kinds, the
    same value in several rows ('Monitoring' in an 'Item' column beside its 'Item Description').

    >>> sorted(_labels([["AUTH-1", "Hash passwords", "Auth"], ["AUTH-2", "Use MFA", "Auth"]]))
    [0, 2]
    """
    found = set()
    for n in range(max((len(r) for r in rows), default=0)):
        values = [r[n].strip() for r in rows if n < len(r) and r[n].strip()]
        if values and (all(_CODE.fullmatch(v) for v in values) or (len(rows) > 1 and len(set(values)) < len(values))):
            found.add(n)
    return found


def _scores(rows: list[list[str]], box_column: int, head: list[str] | None = None) -> dict[int, float]:
    """Each text column's words over the whole table, times the number of its values that differ, for a row; a
    column of remarks on the rows ('Notes', 'Location') only where no other column has words."""
    width: dict[int, float] = {}
    values: dict[int, set[str]] = {}
    for cells in rows:
        for n, text in enumerate(cells):
            if n != box_column and not CELL_BOX.match(text) and not _NUMBER.fullmatch(text.strip()):
                width[n] = width.get(n, 0) + len(text.split())
                values.setdefault(n, set()).add(text.strip())
    scores = {n: width[n] * len(values[n]) / len(rows) for n in width}
    remarks = {n for n in scores if head and n < len(head) and _REMARKS_COLUMN.search(head[n])}
    return {n: v for n, v in scores.items() if n not in remarks} or scores


def _sub_boxes(w: Walk, item: ItemDraft, columns: list[tuple[str, str]], line: int) -> set[str]:
    """A cell of several boxes ('[ ] desktop<br>[ ] mobile'): each the row's item's sub-item, the item done when they
    all are; boxes answering the column's question ('[ ] Yes [ ] No' under 'Verified') are the row's one box, ticked
    by its yes, n/a by its N/A, another answer ticked said in the details (they were sub-items 'Yes' and 'No'). The
    cells read so."""
    several: set[str] = set()
    for head, text in columns:
        pieces = BOXES_IN_CELL.split(text) if CELL_BOX.match(text) else []
        if len(pieces) < 2:
            continue
        several.add(text)
        answers = [(box.group(1) in TICKED, (box.group(2) or "").strip().lower()) for piece in pieces if (box := CELL_BOX.match(piece))]
        if len(answers) == len(pieces) and {w for _, w in answers} <= _ANSWERS and any(w in _YES for _, w in answers):
            item.ticked = any(t and w in _YES for t, w in answers)  # '[ ] Yes [ ] No' in a Verified column: the row's one box
            item.cancelled = any(t and w in _NA for t, w in answers) and not item.ticked
            said = [w for t, w in answers if t and w not in _YES | _NA]
            if said and not item.ticked:
                item.details.append(f"{head or 'Answer'}: {', '.join(said)}")
            continue
        for piece in pieces:
            box = CELL_BOX.match(piece)
            words = (box.group(2) if box else piece) or ""
            item.items.append(ItemDraft(w.claim("", words, 3, item.text), words or "(no text)", line, ticked=box is not None and box.group(1) in TICKED))
    if item.items:
        item.ticked = all(sub.ticked for sub in item.items)
    return several


def _row_item(
    w: Walk, head: list[str], cells: list[str], box: re.Match[str], context: str, line: int, widest: int | None = None, labels: set[int] | None = None
) -> ItemDraft:
    columns = [(head[n] if n < len(head) else "", c) for n, c in enumerate(cells)]
    others = [(h, c) for h, c in columns if c and not CELL_BOX.match(c) and not (_NUMBER_COLUMN.fullmatch(h) and c.rstrip(".").isdigit())]
    texts = [(h, c) for h, c in others if not _NUMBER.fullmatch(c) or set(c) <= {"#"}]  # a "#" alone is words
    named_all = [p for p in texts if _TEXT_COLUMN.search(p[0])]  # the first column named for it, but one of codes or kinds
    named = next((p for p in named_all if columns.index(p) not in (labels or set())), named_all[0] if named_all else None)
    column = columns[widest] if widest is not None and widest < len(columns) and columns[widest] in texts else None
    boxed = next(((h, c) for h, c in columns if c == box.string), ("", ""))  # the box's own cell: '[ ] All code reviewed'
    single = len(BOXES_IN_CELL.split(box.string)) < 2  # a cell of several boxes gives sub-items, never the text
    if box.group(2) and single and not named and (not texts or _TEXT_COLUMN.search(boxed[0])):
        texts, named = [(boxed[0], box.group(2))], (boxed[0], box.group(2))  # the words after the box are the item
    chosen = named or column or max(texts, key=lambda p: len(p[1]), default=("", ""))
    text, ident = explicit_id(chosen[1])
    text, levels = w.options.markers.levels(text)
    fields = [(h, c) for h, c in others if (h, c) != chosen]
    column_levels = [(c, found) for h, c in fields if _PRIORITY_COLUMN.search(h) and (found := w.options.markers.word(c)) is not None]
    for said_so, found in column_levels:
        w.options.markers.said(said_so, found)
    levels += [found for _, found in column_levels]
    level = strongest([x for x in levels if x is not Level.CRITICAL])
    item = ItemDraft(w.claim(ident, text, 4, context), text or "(no text)", line, Level.CRITICAL in levels, level.priority if level else None)
    item.ticked = box.group(1) in TICKED
    item.cancelled = box.group(1) == "-"  # '[-]': the row does not apply (a Status cell or an outcome of 'N/A')
    several = _sub_boxes(w, item, columns, line)
    owner = next(((h, c) for h, c in fields if _OWNER_COLUMN.search(h)), None)
    due = next(((h, c) for h, c in fields if _DUE_COLUMN.search(h) and iso_date(c) is not None), None)
    item.owner = " ".join(owner[1].split())[:200] if owner else ""
    item.due = iso_date(due[1]) if due else None
    recorded = [p for p in (owner, due) if p is not None]  # the record's `assign` holds them: the owner badge shows them, not the details
    details = [f"{h}: {c}" if h else c for h, c in fields if (h, c) not in recorded and not (_PRIORITY_COLUMN.search(h) and w.options.markers.word(c))]
    said = {box.string} if chosen == (boxed[0], box.group(2)) else set()  # the text: not again as a state
    state = [f"{h or 'State'}: {b.group(2)}" for h, c in columns if c not in several | said and (b := CELL_BOX.match(c)) is not None and b.group(2)]
    if details or state:
        item.details.append("  \n".join(details + state))
    w.place(line, "item")
    return item
