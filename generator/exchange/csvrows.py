"""A checklist kept as a CSV file (a to-do app's export, a spreadsheet saved as CSV, this tool's own export) written
again as the Markdown the walk reads: a task item for each row, headings where its section or group changes."""

from __future__ import annotations

import csv
import io
import re

from ..format.types import whole_number
from .marks import squeezed

# What a column holds, by its head (lower case, letters and digits alone): Todoist's, Asana's, Trello's, Jira's and
# Microsoft To Do's exports, a spreadsheet's, and `export --format csv`'s (checklist, section, group, id, text,
# critical, url, state); a spreadsheet's in German, French, Spanish, Portuguese, Italian, Dutch, Russian, Japanese,
# Chinese or Korean ('Aufgabe;Verantwortlich;Status', as Excel saves it where ';' separates).
_TEXT = (
    "text", "content", "name", "taskname", "task", "title", "summary", "item", "checklistitem", "cardname", "todo", "action", "subject", "check",
    "testname", "checkname", "controlname", "requirementname", "itemname", "stepname",  # a testing guide's 'Test Name'
    "aufgabe", "tätigkeit", "maßnahme", "massnahme", "prüfpunkt", "tâche", "tache", "contrôle", "tarea", "tarefa", "attività", "compito",
    "taak", "controle", "задача", "пункт", "タスク", "作業", "項目", "任务", "任務", "检查项", "작업", "항목", "할일",
)
_DONE = (
    "state", "status", "done", "completed", "complete", "checked", "iscompleted", "duecomplete", "completedat", "completedon", "resolved",
    "erledigt", "statut", "état", "etat", "fait", "estado", "hecho", "situação", "stato", "fatto", "gedaan", "статус", "выполнено",
    "状態", "状态", "完了", "상태", "완료",
)
_SECTION = (
    "section", "sectioncolumn", "listname", "list", "column", "category", "phase", "stage", "area", "chapter",
    "abschnitt", "bereich", "kategorie", "catégorie", "categoría", "categoria", "fase", "categorie", "раздел", "категория", "分類", "分类", "카테고리",
)
_GROUP = ("group", "subsection", "subcategory", "gruppe", "groupe", "grupo", "gruppo", "groep", "группа")
_PRIORITY = (
    "priority", "severity", "importance", "criticality", "moscow", "priorität", "priorité", "prioridad", "prioridade", "priorità", "prioriteit",
    "приоритет", "優先度", "优先级",
    "우선순위",
)
_OWNER = (  # the item's owner: an 'Owner:' line under it
    "owner", "assignee", "assignedto", "responsible", "who", "dri", "assignees", "assign",  # GitHub Projects', Notion's
    "verantwortlich", "zuständig", "responsable", "responsável", "responsabile", "verantwoordelijk", "ответственный",
    "担当", "担当者", "负责人", "담당자",
)
_DONE_WORDS = {
    "true", "yes", "y", "x", "1", "done", "completed", "complete", "closed", "resolved", "fixed", "checked", "✓", "✔", "✅", "☑",
    "erledigt", "fertig", "ja", "abgeschlossen", "fait", "terminé", "oui", "hecho", "sí", "completado", "feito", "concluído", "sim",
    "fatto", "sì", "completato", "klaar", "gereed", "да", "готово", "выполнено", "完了", "済", "完成", "已完成", "是", "완료", "예",
}
# A review's outcome of a gate or a check, as readiness reviews and audits record it ('status: pass', 'Approved').
_DONE_WORDS |= {"pass", "passed", "met", "approved", "verified", "implemented", "signed off", "accepted", "shipped", "deployed", "released", "ok"}
_NA_WORDS = {
    "n/a", "na", "n.a.", "skipped", "waived", "exempt", "exempted", "cancelled", "canceled", "wontfix", "won't do", "not applicable",
    "entfällt", "nicht zutreffend", "sans objet", "no aplica", "não se aplica", "non applicabile", "не применимо",
}
_DATED = ("completedat", "completedon", "resolved")  # a date there: done then


def _key(head: str) -> str:
    """A head in lower case, its letters and digits alone (any script's: 'Verantwortlich', 'Tâche', '担当者')."""
    return re.sub(r"[\W_]", "", head.lower())


def _column(heads: list[str], names: tuple[str, ...]) -> int | None:
    """The column whose head is one of ``names``, else one of them and 'name' or 'title' ('chapter_name', a
    standard's export: its chapter's name, not the checks' text; 'Category Title')."""
    keys = [_key(h) for h in heads]
    found = next((keys.index(name) for name in names if name in keys), None)
    if found is None and names is not _TEXT:
        found = next((keys.index(name + end) for name in names for end in ("name", "title") if name + end in keys), None)
    return found


# A column of the items' ids: 'id', or a requirement's, a control's, a check's ('req_id' V1.1.1, as ASVS' CSV writes it).
_ID = ("id", "reqid", "requirementid", "itemid", "checkid", "controlid", "testid", "ruleid", "shortcode")
# A reference code: a number in it ('WSTG-INFO-02', 'V1.1.1', 'A.1') or capitals joined by dashes ('WSTG-INFO').
_REFERENCE = re.compile(r"(?=[^0-9]*[0-9]|[A-Z0-9]+(?:[-_.][A-Z0-9]+)+$)[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*")


def names_id(head: str) -> bool:
    """Whether a column's head (or an entry's key) names the items' ids ('id', 'req_id', 'Shortcode')."""
    return _key(head) in _ID


def reference_id(value: str) -> str:
    """A reference code an entry or a row names ('WSTG-INFO-02', 'V1.1.1') as an item's id: in lower case, its '.'
    and '_' dashes; '' for anything else (a program's name for a step, 'versions', 'release-type', is no reference
    a reader uses).

    >>> [reference_id(v) for v in ("WSTG-INFO-02", "V1.1.1", "WSTG-INFO", "v1-2", "versions", "release-type", "a b")]
    ['wstg-info-02', 'v1-1-1', 'wstg-info', 'v1-2', '', '', '']
    """
    value = value.strip()
    return re.sub(r"[-_.]", "-", value.lower()) if _REFERENCE.fullmatch(value) else ""


def role_of(head: str) -> str:
    """The role a column's head, or a key of an entry kept as data, names: 'done', 'section', 'group', 'priority',
    'owner' or '' (the same words in every reader: a CSV file's head, a readiness review's JSON keys).

    >>> [role_of(k) for k in ("Status", "category", "Severity", "Assigned To", "evidence")]
    ['done', 'section', 'priority', 'owner', '']
    """
    key = _key(head)
    roles = (("done", _DONE), ("section", _SECTION), ("group", _GROUP), ("priority", _PRIORITY), ("owner", _OWNER))
    return next((role for role, names in roles if key in names), "")


def box_of(value: str) -> str:
    """The box a state's word gives: '[x]' done, '[-]' not applicable (waived, skipped), '[ ]' else."""
    return _box(value, False)


def _box(value: str, dated: bool) -> str:
    word = value.strip().lower()
    if word in _NA_WORDS:
        return "[-]"
    return "[x]" if word in _DONE_WORDS or (dated and word and word not in ("false", "no", "0")) else "[ ]"


def _records(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Each record of the file with the number (from 0) of the line it starts on; the dialect sniffed from its head."""
    text = "\n".join(lines)
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0] if lines else "", delimiters=",;\t|")
        dialect.doublequote = True  # a quote doubled in a quoted cell is one (RFC 4180, Excel): a head of no quote said not
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    found, start = [], 0
    try:
        for record in reader:
            found.append((start, record))
            start = reader.line_num
    except csv.Error:
        pass  # a broken quote: the records before it
    return _from_head(found)


def _from_head(records: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The records from the head row on: rows of one cell or none before it (a spreadsheet's title or link rows, as
    Asana's export to Google Sheets opens with ',,' and ',,https://app.asana.com/…') are no head.

    >>> _from_head([(0, ["", ""]), (1, ["", "https://x"]), (2, ["Task ID", "Name"]), (3, ["1", "Back up"])])
    [(2, ['Task ID', 'Name']), (3, ['1', 'Back up'])]
    """
    widest = max((sum(1 for c in r if c.strip()) for _, r in records), default=0)
    start = next((k for k, (_, r) in enumerate(records) if sum(1 for c in r if c.strip()) >= min(2, widest)), 0)
    return records[start:]


def unread_columns(lines: list[str]) -> list[str]:
    """The heads of the columns a CSV file's rows give no text, state, section, group, priority, owner or id from
    (notes, dates, a standard's numbers and levels): their values are lines of each item's details (a tracker's
    bookkeeping, when and by whom a row was made or changed, none).

    >>> unread_columns(["Name,Completed At,Notes,Assignee,Due Date", "a,,b,c,d"])
    ['Notes', 'Due Date']
    """
    records = _records(lines)
    if len(records) < 2 or _MARKER_ROW.match((records[0][1] or [""])[0].strip()):
        return []
    heads = records[0][1]
    return [heads[k] for k in _columns(records)[1]]


# `export --format csv`'s columns made from the others (the checklist's id, the item's address): read from none.
_DERIVED = ("checklist", "url")
# A tracker's bookkeeping of its rows (when and by whom each was made or changed, its own row id): none of the list.
_BOOKKEEPING = (
    "created", "createdat", "createdon", "createddate", "createdby", "creator", "modified", "modifiedat", "modifiedon", "modifiedby",
    "lastmodified", "updated", "updatedat", "updatedon", "lastupdated", "lastupdate", "taskid", "issueid", "rowid", "gid",
    "datecreated", "datecreatedtext", "dateupdated", "dateupdatedtext", "assigneeemail",  # ClickUp's, Asana's
)


def _columns(records: list[tuple[int, list[str]]]) -> tuple[dict[str, int | None], list[int]]:
    """What each role's column is (text, done, section, group, priority, owner, id, type, indent, critical), and the
    other columns (with a head), whose values are the item's details."""
    heads = records[0][1]
    cols = {role: _column(heads, names) for role, names in (("text", _TEXT), ("done", _DONE), ("section", _SECTION), ("group", _GROUP))}
    for role, names in (("priority", _PRIORITY), ("owner", _OWNER), ("id", _ID), ("type", ("type",)), ("indent", ("indent",)), ("critical", ("critical",))):
        cols[role] = _column(heads, names)
    cols |= placed(heads, cols["section"], cols["group"])
    named = cols["text"]
    if named is not None and len(records) > 4 and len({_cell(r, named) for _, r in records[1:]}) * 2 < len(records) - 1:
        cols["text"] = None  # a 'Name' of a few values over many rows (ASVS' chapter name): a group, not the checks
        cols["group"] = named if cols["group"] is None else cols["group"]
    if cols["text"] is None:  # the column of the most words, as many as its values differ
        taken = {k for k in cols.values() if k is not None}
        width = [
            sum(len(r[k].split()) for _, r in records[1:] if k < len(r)) * len({_cell(r, k) for _, r in records[1:]}) if k not in taken else -1
            for k in range(len(heads))
        ]
        cols["text"] = max(range(len(heads)), key=width.__getitem__)
    own = {_key(h) for h in heads} >= {"checklist", "section", "group", "id", "text", "url"}
    read = {k for k in cols.values() if k is not None}
    left = {k for k, h in enumerate(heads) if (own and _key(h) in _DERIVED) or _key(h) in _BOOKKEEPING or _counting(records, k)}
    others = [k for k, h in enumerate(heads) if k not in read | left and " ".join(h.split())]
    return cols, others


def placed(heads: list[str], section: int | None = -1, group: int | None = -1) -> dict[str, int | None]:
    """The columns (or an entry's keys) naming the section and the group a row is in, chapters over sections
    ('chapter_name' and 'section_name', a standard's export: ASVS'), and the columns of their ids ('chapter_id' V1,
    'section_id' V1.1).

    >>> placed(["chapter_id", "chapter_name", "section_id", "section_name", "req_description"])
    {'section': 1, 'group': 3, 'section id': 0, 'group id': 2}
    """
    section = _column(heads, _SECTION) if section == -1 else section
    group = _column(heads, _GROUP) if group == -1 else group
    chapter = _column(heads, ("chapter",))
    if chapter is not None and section not in (None, chapter) and group is None:
        section, group = chapter, section
    found: dict[str, int | None] = {"section": section, "group": group}
    for role, at in (("section", section), ("group", group)):
        found[f"{role} id"] = _column(heads, (_key(heads[at]).removesuffix("name").removesuffix("title") + "id",)) if at is not None else None
    return found


def _counting(records: list[tuple[int, list[str]]], column: int) -> bool:
    """Whether a column only counts the rows ('Nr.' 1, 2, 3, …): the items' order, which the site numbers itself."""
    values = [_cell(r, column) for _, r in records[1:] if any(c.strip() for c in r)]
    return len(values) >= 2 and values == [str(n) for n in range(1, len(values) + 1)]


def csv_rows(lines: list[str]) -> list[str]:
    """A CSV file: its first record the columns' heads; each other record a task item on the line it starts on where
    it can (a heading needs a line of its own: the rows after one move down a line), its text from the Text, Content,
    Name, Task or Summary column (else the one of the most words), ticked where a Done, Completed, State or Status
    column says so (a date in a Completed At one too; n/a where it says skipped or n/a), a Priority column's word
    after it, an id column's id as '{#id}', a Critical one's yes a 🔴; a Section (List Name, Section/Column) and a Group column headings where
    they change, Todoist's section rows headings and its Indent nesting. Each other column's value is a line of the
    item's details, after its head ('- CWE: 1053'; they were left out: ASVS' requirement numbers and levels, a
    tracker's notes).

    >>> csv_rows(["section,text,state,priority", "Prep,Back up,done,High", 'Prep,"Say hi, then go",,', "Go,Deploy,open,"])
    ['## Prep', '- [x] Back up (High)', '- [ ] Say hi, then go', '## Go', '- [ ] Deploy']
    >>> csv_rows(["Req,Description,L1,L2,CWE", "1.1.1,Verify the lifecycle,,X,", "1.1.2,Verify the threat model,X,X,1053"])[1:]
    ['- [ ] Verify the lifecycle', '  - Req: 1.1.1', '  - L2: X', '- [ ] Verify the threat model', '  - Req: 1.1.2', '  - L1: X', '  - L2: X', '  - CWE: 1053']
    """
    records = _records(lines)
    if records and records[0][1] and _MARKER_ROW.match(records[0][1][0].strip()):
        return _challenge_rows(records, len(lines))
    records = _heads_again(records)
    if len(records) < 2:
        return [""] * len(lines)
    heads = records[0][1]
    cols, others = _columns(records)
    rows, depths = _nested(records, heads, cols)
    others = [k for k in others if not (any(depths) and _key(heads[k]) in (*_CHILDREN, *_PARENT))]  # said by the nesting
    out: list[str] = []
    where: dict[str, str] = {}
    for (number, record), depth in zip(rows, depths, strict=True):
        given = _row_lines(record, cols, heads, where, others, depth)
        headings = len([g for g in given if g.startswith("#")])
        out += [""] * max(number - len(out) - headings, 0) + given  # headings in the blank lines above where they can
    return out + [""] * max(len(lines) - len(out), 0)


def _heads_again(records: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A sheet of categories, each under a head row of its own that names it in its first cell ('Information
    Gathering,Test Name,Objectives,Status' then 'Configuration Management,Test Name,Objectives,Status', a testing
    guide's): the first cell of each head its rows' section, a 'Section' column first; the first column, which
    holds the rows' codes under the category's name, an 'ID' (a 'Ref' where its values are no codes). The records as
    they are where no head repeats so.

    >>> _heads_again([(0, ["Gathering", "Test", "Done"]), (1, ["W-1", "Probe", ""]), (2, ["Config", "Test", "Done"]), (3, ["W-2", "Tune", "x"])])
    [(0, ['Section', 'ID', 'Test', 'Done']), (1, ['Gathering', 'W-1', 'Probe', '']), (3, ['Config', 'W-2', 'Tune', 'x'])]
    """
    blank = 0  # the columns before the first one anything is written in (a sheet that starts at column B)
    while records and all(not _cell(r, blank) for _, r in records) and blank < max(len(r) for _, r in records):
        blank += 1
    records = [(n, r[blank:]) for n, r in records] if blank else records
    if not records or len(records[0][1]) < 3:
        return records
    def named(record: list[str]) -> list[str]:  # its heads but the first, up to its last one written
        keys = [_key(c) for c in record[1:]]
        while keys and not keys[-1]:
            keys.pop()
        return keys

    head = [_key(records[0][1][0]), *named(records[0][1])]
    again = [n for n, (_, r) in enumerate(records) if n and named(r) == head[1:] and _cell(r, 0) and _key(r[0]) != head[0]]
    if not again or not records[0][1][0].strip() or _key(records[0][1][0]) in (*_TEXT, *_ID, *_SECTION):
        return records
    body = [(n, r) for k, (n, r) in enumerate(records) if k and k not in again and any(c.strip() for c in r[1:])]  # a legend's cell alone: none
    codes = all(_REFERENCE.fullmatch(_cell(r, 0)) for _, r in body if _cell(r, 0))
    out = [(records[0][0], ["Section", "ID" if codes else "Ref", *records[0][1][1:]])]
    section = " ".join(records[0][1][0].split())
    for k, (number, record) in enumerate(records[1:], 1):
        if k in again:
            section = " ".join(record[0].split())
        elif any(c.strip() for c in record):
            out.append((number, [section, *record]))
    return out


# A tracker's link from a row to the row it is a sub-task of (Jira's 'Parent id' or 'Parent' to an 'Issue id' or
# 'Issue key'), and its list of a row's sub-tasks (said by the nesting, no detail then).
_PARENT = ("parentid", "parent", "parentkey", "parentissuekey", "parentissueid", "parentissue", "parenttask")  # Linear's, Asana's
_ROW_KEYS = ("issueid", "issuekey", "key", "taskid", "id")
_CHILDREN = ("subtasks", "subtask", "childissues", "children")


def _nested(records: list[tuple[int, list[str]]], heads: list[str], cols: dict[str, int | None]) -> tuple[list[tuple[int, list[str]]], list[int]]:
    """The rows in the order to write them, and each one's depth: a row whose Parent column names another row's
    id or key (a Jira export's sub-tasks, 'Parent id' 10010 under the story of 'Issue id' 10010) right after that
    row and its other sub-tasks, one deeper; the rows as they stand where there is none such.

    >>> rows = [(1, ["Story", "1", ""]), (2, ["Other", "3", ""]), (3, ["Sub", "2", "1"])]
    >>> _nested([(0, ["Summary", "Issue id", "Parent id"]), *rows], ["Summary", "Issue id", "Parent id"], {"indent": None})
    ([(1, ['Story', '1', '']), (3, ['Sub', '2', '1']), (2, ['Other', '3', ''])], [0, 1, 0])
    """
    body = records[1:]
    parent = _column(heads, _PARENT)
    keys = [k for k in (_column(heads, (name,)) for name in _ROW_KEYS) if k is not None and k != parent]
    if parent is None or not (keys or cols.get("text") is not None) or cols.get("indent") is not None:
        return body, [0] * len(body)
    index = {_cell(r, k): n for k in keys for n, (_, r) in enumerate(body) if _cell(r, k)}
    if cols.get("text") is not None:  # Asana's 'Parent task' names its parent's task, not an id
        index = {_cell(r, cols["text"]): n for n, (_, r) in enumerate(body) if _cell(r, cols["text"])} | index
    up = {n: index[_cell(r, parent)] for n, (_, r) in enumerate(body) if _cell(r, parent) in index and index[_cell(r, parent)] != n}
    if not up:
        return body, [0] * len(body)
    under: dict[int, list[int]] = {}
    for n, p in up.items():
        under.setdefault(p, []).append(n)
    order: list[tuple[int, int]] = []
    seen: set[int] = set()

    def put(n: int, depth: int) -> None:
        if n in seen:
            return  # a loop of parents: each row once
        seen.add(n)
        order.append((n, depth))
        for child in under.get(n, []):
            put(child, depth + 1)

    for n in range(len(body)):
        if n not in up:
            put(n, 0)
    for n in range(len(body)):
        put(n, 0)  # rows in a loop of parents: at the top
    return [body[n] for n, _ in order], [min(depth, 5) for _, depth in order]


# A row that marks what follows instead of being a check ('-GROUP-,Before Start', '-INFO-,Wait until NG is 90%'), as
# flight simulators' checklist files write them: a file that opens with one has no head row.
_MARKER_ROW = re.compile(r"^-([A-Z]+)-$")
_HEADING_MARKS = {"GROUP", "SECTION", "PHASE", "CHECKLIST", "TITLE", "LIST"}


def _challenge_rows(records: list[tuple[int, list[str]]], count: int) -> list[str]:
    """A file of rows of a challenge and its response ('PARKING BRAKE,SET') under marker rows ('-GROUP-,Before
    Start' a heading, '-INFO-,Wait until NG is 90%' a note): each other row an item, its cells joined by ' — '.

    >>> _challenge_rows([(0, ["-GROUP-", "Before Start"]), (1, ["BEACON", " ON"]), (2, ["-INFO-", "Wait"]), (3, ["FLAPS"])], 4)
    ['## Before Start', '- [ ] BEACON — ON', '> Wait', '- [ ] FLAPS']
    """
    out: list[str] = []
    for number, record in records:
        cells = [" ".join(c.split()) for c in record if c.strip()]
        mark = _MARKER_ROW.match(cells[0]) if cells else None
        if not cells:
            given = []
        elif mark and mark.group(1) in _HEADING_MARKS:
            given = [f"## {' '.join(cells[1:])}"] if cells[1:] else []
        elif mark:
            given = [f"> {' — '.join(cells[1:])}"] if cells[1:] else []
        else:
            given = [f"- [ ] {' — '.join(cells)}"]
        out += [""] * max(number - len(out), 0) + given
    return out + [""] * max(count - len(out), 0)


def _cell(record: list[str], column: int | None) -> str:
    """A cell's text on one line; a list a tracker writes in brackets ('[Ana Ruiz, Bo Chen]', '[]': ClickUp's
    assignees and tags) its items.

    >>> _cell(["[Ana Ruiz, Bo Chen]", "[]", "[P0] Backups"], 0), _cell(["[]"], 0), _cell(["[P0] Backups"], 0)
    ('Ana Ruiz, Bo Chen', '', '[P0] Backups')
    """
    text = squeezed(record[column]) if column is not None and column < len(record) else ""
    listed = re.fullmatch(r"\[([^\[\]]*)\]", text)
    return listed.group(1).strip() if listed and listed.group(1) not in (" ", "x", "X") else text  # '[ ]', '[x]': a box


def _row_lines(record: list[str], cols: dict[str, int | None], heads: list[str], where: dict[str, str], others: list[int], nested: int = 0) -> list[str]:
    """The lines a record gives: headings where its section or group changes, then its task item (none for a record
    without a text)."""
    text = _cell(record, cols["text"])
    if _cell(record, cols["type"]).lower() == "section":  # Todoist: a row that opens a section
        where.clear()
        return [f"## {text}"] if text else []
    lines = []
    for role, mark in (("section", "##"), ("group", "###")):
        value = _cell(record, cols[role])
        if value and value != where.get(role):
            where[role] = value
            where.pop("group", None) if role == "section" else None
            ident = reference_id(_cell(record, cols.get(f"{role} id")))
            lines.append(f"{mark} {value}{f' {{#{ident}}}' if ident else ''}")
    if not text:
        return lines
    done = cols["done"]
    box = _box(_cell(record, done), done is not None and _key(heads[done]) in _DATED)
    priority = _cell(record, cols["priority"])
    priority = f" ({priority})" if priority and not priority.isdigit() and priority.lower() not in _NO_PRIORITY else ""
    ident = _cell(record, cols["id"])
    ident = f" {{#{ident}}}" if re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident) else f" {{#{reference_id(ident)}}}" if reference_id(ident) else ""
    depth = nested or max((whole_number(_cell(record, cols["indent"]), 99) or 1) - 1, 0)  # '²' or 5,000 digits: no indent
    critical = "🔴 " if _cell(record, cols["critical"]).lower() in _DONE_WORDS else ""  # export's 'critical: yes'
    item = "  " * min(depth, 5) + f"- {box} {critical}{text}{priority}{ident}"
    owner = re.sub(r"(?<!\s)\s*<[^<>@\s]+@[^<>\s]+>$", "", _cell(record, cols["owner"]))  # 'Ann Lee <ann@x.com>': Azure DevOps' Assigned To
    margin = " " * (len(item) - len(item.lstrip()) + 2)
    fields = [(" ".join(heads[k].split()), _cell(record, k)) for k in others]
    steps = [(head, _listed_steps(value)) for head, value in fields if _key(head) in _CHECKLIST_COLUMNS]
    said = [f"{margin}- {head}: {value}" for head, value in fields if value and not any(h == head and found for h, found in steps)]
    boxes = [f"{margin}- [ ] {step}" for _, found in steps for step in found]
    return [*lines, item, *([f"{margin}- Owner: {owner}"] if owner else []), *said, *boxes]


_NO_PRIORITY = ("no priority", "none")  # Linear's word for no level: none said


# A column of a row's own checklists, as a tracker writes them in one cell ('{"Cutover":["Lower the TTL","Switch"]}',
# ClickUp's; a JSON list of steps): their steps are the row's sub-items.
_CHECKLIST_COLUMNS = ("checklists", "checklist", "checklistitems", "subtasks")


def _listed_steps(value: str) -> list[str]:
    """The steps a checklists cell holds as JSON (an object of lists of steps, or a list of them); none else.

    >>> _listed_steps('{"Cutover": ["Lower the TTL", "Switch the record"]}'), _listed_steps("REL-13, REL-14")
    (['Lower the TTL', 'Switch the record'], [])
    """
    import json

    try:
        found = json.loads(value)
    except (ValueError, RecursionError):
        return []
    lists = list(found.values()) if isinstance(found, dict) else [found]
    steps = [" ".join(str(x).split()) for listed in lists if isinstance(listed, list) for x in listed if isinstance(x, (str, int, float))]
    return [x for x in steps if x]
