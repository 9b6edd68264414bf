"""The importer's walk state: where the walk stands in the checklist it drafts, and the text helpers every rule uses.

markdown-it's own shape is the model: one state object that the rules (``importer.RULES``) read and change, and
rules that are plain functions of (state, node).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from markdown_it.tree import SyntaxTreeNode

from ..format.fold import DEVICE_IDS
from ..format.model import Priority
from ..format.types import in_calendar
from ..site.layout import RESERVED_PAGES, data_link, section_page, taken_anchors
from .drafts import ChecklistDraft, GroupDraft, ItemDraft, SectionDraft
from .marks import Ids, Level, Markers, calm, shouting, slug, split_icon, squeezed, strongest
from .source import Kind, Source, one_line

# A box: '[ ]', '[x]', '[X]'; the other one-character states of Obsidian's task lists ('[/]' in progress, '[-]'
# cancelled, '[>]' deferred …), which show as boxes there; and the ballot boxes ☐ ☑ ☒. Group 1 is the mark.
_MARKS = r"(?:\[(?=[ xX/\-><!?*]\])|(?=[☐☑☒]))([ xX/\-><!?*☐☑☒])\]?"
BOX = re.compile(rf"^{_MARKS}(?:[ \t]+(.*))?$", re.DOTALL)
CELL_BOX = re.compile(rf"^\s*{_MARKS}(?:\s+(.*?))?\s*$", re.DOTALL)
TICKED = "xX☑☒"
BLANK = "blank box"  # what a box with nothing after it nor under it became (``Walk.place``): nothing, it was '(no text)'
_WHOLLY_BOLD = re.compile(r"(\*\*|__)((?:(?!\1).)+)\1(\s*\{#(?:[a-z0-9-]|&#8288;)+\})?")
# Where a cell's next box starts: from a blank run's start only, each run read once (tried at each blank, a cell of
# blanks took time growing with its square).
BOXES_IN_CELL = re.compile(r"(?<!\s)(?:\s*+<br\s*+/?>\s*+|\s++)(?=(?:\[[ xX]\]|[☐☑☒])\s)", re.I)
# An id as the Markdown export writes it, '{#id}': a word joiner's reference may follow its '#' or a dash, where digits
# follow ('{#&#8288;12}', 'gh-&#8288;7': escape.gfm_anchor), which is no character of the id.
JOINER_REF = "&#8288;"
# (no '\s*' before it: searched through a line of spaces, each start read them all to its end, in time the line's square)
_EXPLICIT_ID = re.compile(rf"\{{#((?:{JOINER_REF})?[a-z0-9]+(?:-(?:{JOINER_REF})?[a-z0-9]+)*)\}}\s*$")
_NUMBERED = re.compile(r"^(?:\d+(?:\.\d+)*[.):]?|[A-Z][.)]|[IVX]+\.)\s+(?:[-–—:|·]\s+)?(?=\S)")  # '1.2 - Grid': the dash goes too
_BARE_NUMBER = re.compile(r"\d+\s+")  # '## 2 Working Days Before': a number, or numbering only where the headings count


def bare_numbering(headings: list[tuple[int, int, str]]) -> set[int]:
    """The lines of headings (line, level, text) whose bare leading number ('## 1 Setup', no '.' after it) numbers
    them: where the headings of a level so numbered count 1, 2, 3 (from 0 or 1, again from 1 under another heading).
    A number alone is a quantity ('## 2 Working Days Before the Deadline', '## 24 Hours Before Launch'), kept.

    >>> sorted(bare_numbering([(1, 2, "1 Setup"), (5, 2, "2 Deploy"), (9, 2, "3 Verify")]))
    [1, 5, 9]
    >>> bare_numbering([(3, 2, "2 Working Days Before"), (9, 2, "Before the Deadline")])
    set()
    >>> bare_numbering([(1, 2, "2 Weeks Before"), (4, 2, "1 Week Before"), (7, 2, "1 Day Before")])
    set()
    >>> sorted(bare_numbering([(1, 2, "1 Plan"), (2, 3, "1 Scope"), (3, 3, "2 Risks"), (4, 2, "2 Build"), (5, 3, "1 Code")]))
    [1, 2, 3, 4, 5]
    """
    last: dict[int, int] = {}  # each level's last bare number, since the heading above it
    found: list[int] = []
    counting = True
    for line, level, text in headings:
        last = {k: v for k, v in last.items() if k <= level}  # a heading starts its sub-headings' count again
        number = re.match(r"(\d+)\s+(?![-–—:|·])\S", text)
        if number is None:
            continue
        value = int(number.group(1))
        counting = counting and (value == last[level] + 1 if level in last else value in (0, 1))
        last[level] = value
        found.append(line)
    return set(found) if counting and len(found) >= 2 else set()


# A value that names no one: a template's blank ('[Name]', '<owner>', '____', 'TBD').
PLACEHOLDER = re.compile(r"^(?:\[[^\]]*\]|\{[^}]*\}|<[^>]*>|_+|-+|tbd|tba|n/a|\?+)$", re.I)
# An item's owner said in it: a line of its details ('Owner: Ann Lee', '- **Assignee:** Bo', as a tracker's export or a
# template writes one under each task), or its text's end in brackets ('Back up the database (owner: Ann)').
OWNER_DETAIL = re.compile(
    r"^(?:[-*+][ \t]+)?(?:\*\*|__)?(?:owner|owned by|responsible|assignee|assigned to|dri|accountable)(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(.+?)[ \t]*$",
    re.I,
)
# An item's due date said in it, a line of its details ('- Due: 2026-12-10': Obsidian Tasks' '📅', todo.txt's 'due:',
# a Confluence task's date, as the dialects write them).
DUE_DETAIL = re.compile(r"^[-*+][ \t]+Due:[ \t]*([0-9]{4}-[0-9]{2}-[0-9]{2})$")
OWNER_END = re.compile(r"[ \t]*\((?:owner|owned by|responsible|assignee|assigned to|dri)[ \t]*:[ \t]*([^()]+?)[ \t]*\)$", re.I)
# An item's doer tagged at its start, as owner-tagged plans write it ('- [ ] [Release Lead] Announce the freeze', '**[Dev B +
# QA]** Validate …', '[SRE][DBA] …'): tags of people's roles (a word below in each, or an @handle), not a link's label nor a
# category ('[Backend]', '[Optional]', '[WIP]' stay words of the text); a template's blank ('[Owner]', '[Name]') names no one.
ROLE_TAGS = re.compile(r"^(\*\*|__)?((?:\[[^\[\]\n^]{1,60}\][ \t]*)+)(\*\*|__)?[ \t]*(?:[-–—:][ \t]*)?(?=[^\s(\[:])")
ROLE_WORD = re.compile(
    r"(?<![\w-])(?:@[\w-]+|(?:release |tech |team |test |eng(?:ineering)? |product |project |program |delivery |change )?"
    r"(?:leads?|managers?|mgr|owners?|sre|devs?|developers?|engineers?|eng|qa|devops|ops|dba|sysadmins?|admins?|pm|po|tpm|em|"
    r"cto|ciso|architects?|analysts?|reviewers?|maintainers?|testers?|operators?|on-?call|captain|commander|coordinators?|"
    r"approvers?|champions?|stewards?|designers?|stakeholders?)|"
    # the same in German, French, Spanish, Portuguese, Italian, Dutch, Arabic, Persian, Hebrew, Japanese, Chinese, Korean
    r"verantwortliche[rn]?|chef|responsable|jefe|líder|gerente|gestor|responsável|responsabile|beheerder|"
    r"مدير|مسؤول|مدیر|مسئول|מנהל|אחראי)(?![\w-])|(?<!\w)\w*leiter(?:in)?(?![\w-])|担当|责任人|负责人|담당|책임자",  # German's and CJK's stand in longer words
    re.I,
)
# Role tags before a template's bracketed blank for the action ('[Release Lead] [Finalize release schedule]', a
# tracking issue's '[role] [action]' lines): the tags are the owner, the blank the text.
_TAGS_OVER_BLANK = re.compile(r"^(\*\*|__)?((?:\[[^\[\]\n^]{1,60}\][ \t]*)+?)(\*\*|__)?[ \t]*(?=\[[^\[\]\n^]+\][ \t]*$)")
ROLE_BLANK = re.compile(r"^(?:owner|owners|name|names|assignee|person|who|role|responsible|lead|team|initials)$", re.I)


def role_tags(raw: str, refs: dict[str, str]) -> tuple[str, str]:
    """(the roles a text's leading tags name, joined by ', '; the text without them), or ('', raw) where a tag is no role.

    >>> role_tags("[Release Lead] Announce the freeze", {})
    ('Release Lead', 'Announce the freeze')
    >>> role_tags("**[Dev B + QA]** Validate the rate limits", {})
    ('Dev B + QA', 'Validate the rate limits')
    >>> role_tags("[SRE][DBA] Confirm the rollback plan", {})
    ('SRE, DBA', 'Confirm the rollback plan')
    >>> [role_tags(t, {"release lead": "https://x.test"})[0] for t in ("[Release Lead] assigned", "[Backend] Add the route")]
    ['', '']
    >>> [role_tags(t, {})[0] for t in ("[Owner] Check backups", "[QA](https://x.test) signs", "[QA]", "[WIP] Tag it")]
    ['', '', '', '']
    >>> role_tags("[Release Lead] [Finalize release schedule]", {})
    ('Release Lead', '[Finalize release schedule]')
    >>> [role_tags(t, {})[0] for t in ("[مدير الإصدار] تجميد الشيفرة", "[Chef de projet] Annoncer", "[リリース担当] タグを付ける", "[Projektleiter] Go")]
    ['مدير الإصدار', 'Chef de projet', 'リリース担当', 'Projektleiter']
    """
    found = ROLE_TAGS.match(raw) or _TAGS_OVER_BLANK.match(raw)
    if found is None or bool(found.group(1)) != bool(found.group(3)):
        return "", raw
    tags = [" ".join(t.split()) for t in re.findall(r"\[([^\[\]]*)\]", found.group(2))]  # (no '[' inside: linear)
    if not all(ROLE_WORD.search(t) and not ROLE_BLANK.match(t) and t.lower() not in refs for t in tags):
        return "", raw
    return ", ".join(tags), raw[found.end() :]



class Block(Enum):
    """What the text under the current top heading becomes."""

    PREAMBLE = "before the first section"
    SECTION = "a section"
    PART = "a metrics or post-launch page"
    INSTRUCTIONS = "how to use the checklist"
    FINAL = "the final sign-off"
    ROLLBACK = "the rollback procedure"
    SKIPPED = "a table of contents"


class Heading(Enum):
    """What a top heading announces, by its words or by the export's hint comment before it."""

    SECTION = "section"
    INSTRUCTIONS = "instructions"
    CONTENTS = "contents"
    FINAL = "final"
    ROLLBACK = "rollback"
    METRICS = "metrics"
    POST_LAUNCH = "post-launch"

    @classmethod
    def of(cls, text: str) -> Heading:
        low = re.sub(r"\s*\([^)]*\)$", "", text.lower())
        if "how to use" in low:
            return cls.INSTRUCTIONS
        if low.strip(" :") in ("table of contents", "contents", "toc", "index"):
            return cls.CONTENTS
        if is_signoff(low):
            return cls.FINAL
        if "rollback" in low:
            return cls.ROLLBACK
        if re.match(r"metrics\s+to\s+track", low):
            return cls.METRICS
        if re.match(r"post[- ]launch", low):
            return cls.POST_LAUNCH
        return cls.SECTION

    @classmethod
    def hinted(cls, word: str) -> Heading | None:
        """The kind an export comment (<!-- checklist-site: final -->) names; None for an unknown one."""
        return next((kind for kind in cls if kind.value == word and kind is not cls.CONTENTS), None)


def is_signoff(text: str) -> bool:
    """A heading that announces signatures: 'Sign-off', 'Approvals', 'Signatures', 'Sign off and approval'."""
    return re.search(r"sign[- ]?offs?\b|approvals?\b|signatures?\b|\bsigned\b", text, re.I) is not None


@dataclass(frozen=True)
class Options:
    checklist_id: str = ""  # --id: wins over everything
    default_id: str = ""  # from -o NAME.yaml: used when the file names no id
    markers: Markers = field(default_factory=Markers.default)
    today: datetime.date = field(default_factory=datetime.date.today)
    # Tables exported beside the file and linked from a line of it (a Notion page's databases as CSV files): the
    # line's number (from 0) and the Markdown of the table's rows, read after that line (importing.tables_beside)
    beside: tuple[tuple[int, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Box:
    line: int
    text: str


@dataclass(frozen=True)
class Title:
    """A heading below the section level, waiting for the boxes that make it a group."""

    level: int
    text: str
    ident: str
    priority: Level | None
    line: int


@dataclass
class Imported:
    draft: ChecklistDraft
    source: Source
    boxes: list[Box]
    placed: dict[int, str]  # the line of each box written, and what it became
    pages: dict[str, str]
    fates: Counter[str]
    about: tuple[int, str, str] | None = None  # an article about checklists, no checklist: the line to name, why, what to do

    @property
    def missing(self) -> list[Box]:
        return [b for b in self.boxes if b.line not in self.placed]

    @property
    def ticked(self) -> list[ItemDraft]:
        return [i for i in self.draft.all_items() if i.ticked]


def line_of(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def cell(node: SyntaxTreeNode) -> str:
    return node.children[0].content.strip() if node.children else ""


def first_inline(li: SyntaxTreeNode) -> str | None:
    """The text of a list item's first paragraph, or None when it starts otherwise."""
    first = li.children[0] if li.children else None
    if first is None or first.type != "paragraph" or not first.children:
        return None
    return first.children[0].content


def has_boxes(node: SyntaxTreeNode) -> bool:
    return any(n.type == "list_item" and BOX.match(first_inline(n) or "") for n in node.walk())


def unquoted(children: list[SyntaxTreeNode]) -> Iterator[SyntaxTreeNode]:
    """An item's blocks, those of a quote that holds boxes ('  > - [ ] step') in its place."""
    for child in children:
        if child.type == "blockquote" and has_boxes(child):
            yield from unquoted(child.children)
        else:
            yield child


def table_parts(head: list[str], rows: list[list[str]]) -> list[list[int]]:
    """The columns of each table side by side in one (a form printed in two halves: '# | Item | Done | | # | Item |
    Done', the second half's rows after the first's): the head repeated, empty columns between; else all columns.

    >>> table_parts(["#", "Item", "Done", "", "#", "Item", "Done"], [["1", "Ovens", "[ ]", "", "4", "Fans", "[x]"]])
    [[0, 1, 2], [4, 5, 6]]
    >>> table_parts(["Item", "Done", "Done"], [["Ovens", "[ ]", "[x]"]])
    [[0, 1, 2]]
    """
    spare = {n for n, h in enumerate(head) if not h.strip() and all(n >= len(r) or not re.search(r"\w", r[n]) for r in rows)}
    columns = [n for n in range(len(head)) if n not in spare]
    names = [head[n].strip().lower() for n in columns]
    for period in range(2, len(columns) // 2 + 1):
        if len(columns) % period == 0 and all(names[k] == names[k % period] for k in range(len(columns))):
            parts = [columns[k : k + period] for k in range(0, len(columns), period)]
            if all(any(n < len(r) and CELL_BOX.match(r[n]) for r in rows for n in part) for part in parts):
                return parts
    return [list(range(len(head)))]


def _row_boxes(tr: SyntaxTreeNode) -> int:
    """How many boxes a table row holds: one, or one in each of the tables side by side (:func:`table_parts`)."""
    cells = [cell(c) for c in tr.children]
    if not any(CELL_BOX.match(c) for c in cells):
        return 0
    table = tr.parent.parent if tr.parent is not None and tr.parent.type == "tbody" else None
    head = [cell(c) for c in table.children[0].children[0].children] if table is not None and table.children and table.children[0].children else []
    rows = [[cell(c) for c in r.children] for b in (table.children[1:] if table is not None else []) for r in b.children]
    count = 0
    for part in table_parts(head, rows):
        boxed = [cells[n] for n in part if n < len(cells) and CELL_BOX.match(cells[n])]
        count += max([1] + [len(BOXES_IN_CELL.split(c)) for c in boxed]) if boxed else 0  # several boxes in a cell: each
    return count or 1


def find_boxes(source: Source) -> list[Box]:
    """Every check box of the source, by line: task list items and box cells of tables (one a row, or one in each of
    tables side by side)."""
    boxes: list[Box] = []
    for node in source.tree.walk():
        if node.type == "list_item" and node.map:
            match = BOX.match(first_inline(node) or "")
            if match:
                boxes.append(Box(node.map[0] + 1, (match.group(2) or "").split("\n")[0]))
        elif node.type == "tr" and node.map:
            boxes += [Box(node.map[0] + 1, " | ".join(cell(c) for c in node.children))] * _row_boxes(node)
    return sorted(boxes, key=lambda b: b.line)


def explicit_id(text: str) -> tuple[str, str]:
    """('Title', 'the-id') from 'Title {#the-id}', as the Markdown export writes ids."""
    match = _EXPLICIT_ID.search(text)
    return (text[: match.start()].rstrip(), match.group(1).replace(JOINER_REF, "")) if match else (text, "")


@dataclass
class Walk:
    """Where the walk is: the draft, the open section and group, the headings above, what waits for the next block."""

    src: Source
    options: Options
    draft: ChecklistDraft = field(default_factory=ChecklistDraft)
    ids: Ids = field(default_factory=lambda: Ids({*RESERVED_PAGES, *taken_anchors(), *DEVICE_IDS}))  # no id a page takes, nor Windows
    block: Block = Block.PREAMBLE
    section: SectionDraft | None = None
    group: GroupDraft | None = None  # the group boxes go into; None until the next box
    path: list[Title] = field(default_factory=list)  # headings between the section and here
    label: tuple[str, str, int, str] | None = None  # a label waiting for its list: text, id, line, the text kept if none comes
    colon_labels: set[int] = field(default_factory=set)  # lines of the file's plain 'Devices:' labels over lists of boxes
    named: int = 0  # the line of the paragraph under a POD page's 'NAME' title heading: the title itself
    numbering: set[int] = field(default_factory=set)  # lines of headings whose bare leading number numbers them ('## 1 Setup')
    hint: Heading | None = None  # a kind announced by the export's comment before the heading
    record_at: int = -1  # the line after an export's record hint (<!-- checklist-site: record -->): its fields start there
    last_item: ItemDraft | None = None  # code or a quote right after a task list belongs to its last item
    final_heading: tuple[str, str] = ("", "")  # the title and id of the heading under the sign-off
    opened: list[Title] = field(default_factory=list)  # the groups '<details><summary>' opened, innermost last (level 0: a section)
    closed_section: SectionDraft | None = None  # the section a '<details>' opened and its '</details>' closed
    signing: bool = False  # under a sign-off heading below a section: signature lines sign the group
    preamble: list[str] = field(default_factory=list)
    instructions_title: str = ""  # the heading of the instructions ('How to use this checklist')
    placed: dict[int, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)
    titled: set[str] = field(default_factory=set)  # group titles already written into the notes
    fates: Counter[str] = field(default_factory=Counter)
    loud: bool = False
    top: int = 2
    title_node: SyntaxTreeNode | None = None
    choosing: bool = False  # reading a list of levels to choose from ('**Urgency Level**:' over '- [ ] **Critical** …')
    ruled: bool = False  # a thematic break closed the group: the next group is one more of the same heading's

    # ---- text

    def heading_text(self, node: SyntaxTreeNode) -> str:
        """A heading's text; bold over all of it ('## **Steps**', as Google Docs exports every heading; '## 📋 **Steps:**'
        beside an icon) left out: a heading is bold already, and a title is shown as text in places."""
        inline = node.children[0].content if node.children else ""
        text = squeezed(self.src.clean(inline, line_of(node), tags=True))
        whole = _WHOLLY_BOLD.fullmatch(text)
        if whole is None:  # '## 📋 **Checklist:**': the icon beside it, the bold all of the title still
            icon, rest = split_icon(text)
            inner = _WHOLLY_BOLD.fullmatch(rest) if icon else None
            if inner is not None and inner.group(2).strip():
                return text.replace(inner.group(0), inner.group(2).strip() + (inner.group(3) or ""), 1)
        return whole.group(2).strip() + (whole.group(3) or "") if whole and whole.group(2).strip() else text

    def title(self, text: str, line: int = 0) -> str:
        """A heading as a title: numbering the site adds itself left out, shouting calmed when the whole file shouts."""
        number = _NUMBERED.match(text)
        bare = text[number.end() :] if number and (line in self.numbering or not _BARE_NUMBER.fullmatch(number.group(0))) else text
        if bare != text and line:
            self.src.note(Kind.NUMBER, line, text)
        text = bare or text
        return calm(text) if self.loud and shouting(text) else text

    def top_title(self, text: str, line: int = 0) -> str:
        """A top heading as a title: 'Section 8: ' before it left out too (as the Markdown export writes it), whatever
        it heads ('## Section 8: Stakeholder Sign-offs')."""
        return self.title(re.sub(r"^section\s+\d+\s*[:.]\s*", "", text, flags=re.I), line)

    def inline(self, text: str, line: int) -> str:
        return one_line(self.src.clean(text, line, self.anchors))

    def prose(self, node: SyntaxTreeNode) -> str:
        return self.src.clean(self.src.block(node), line_of(node), self.anchors)

    def claim(self, ident: str, text: str, words: int, context: str = "", prefix: str = "") -> str:
        """The id the file gives (made unique), else one made from the text."""
        return self.ids.claim(ident) if ident else self.ids.make(text, words, context, prefix)

    # ---- where prose and boxes go

    def keep(self, text: str) -> None:
        """Prose under the current heading: the section's notes (after its heading's title), or the preamble."""
        if not text:
            return
        self.fates["notes"] += 1
        if self.block is Block.INSTRUCTIONS and self.draft.sections:  # how to use it, after a section: that section's, in place
            if self.instructions_title and self.instructions_title not in self.titled:
                self.titled.add(self.instructions_title)
                text = f"**{self.instructions_title}**\n\n{text}"
            self.draft.sections[-1].notes.append(text)
            return
        if self.section is None or self.block not in (Block.SECTION, Block.PART):
            self.preamble.append(text)
            return
        heading = self.path_title()
        if heading and heading not in self.titled and heading != self.section.title:
            self.titled.add(heading)
            text = f"**{heading}**\n\n{text}"
        self.section.notes.append(text)

    def flush_label(self) -> None:
        """A '**Label**' with no boxes after it is text, where it stood (a plain 'Label:' as it was written)."""
        if self.label is not None:
            text, _, line, kept = self.label
            self.label = None
            if not kept:
                self.src.note(Kind.LABEL, line, text)
            self.keep(kept or f"**{text}**")

    def path_title(self) -> str:
        return " › ".join(t.text for t in self.path)

    def current_group(self, line: int) -> GroupDraft:
        """The group boxes go into: made from the headings above on the first box under them."""
        if self.section is None or self.block not in (Block.SECTION, Block.PART):
            self.start_section(line, "", self.draft.title or "Checklist", "")
        assert self.section is not None
        if self.group is None:
            self.group = self._new_group()
            if self.ruled:  # a rule set these boxes apart from the heading's boxes above: its next part
                same = sum(1 for g in self.section.groups if g.title == self.group.title)
                self.group.part = same + 1 if same else 0
            self.section.groups.append(self.group)
        self.ruled = False
        return self.group

    def _new_group(self) -> GroupDraft:
        assert self.section is not None
        part = self.block is Block.PART
        if not self.path:
            ident = self.ids.make(self.section.title + " items", 3)
            return GroupDraft(ident, self.section.title, signoff=None if part else False)
        last = self.path[-1]
        if len(self.path) > 1:
            self.src.note(Kind.DEEP, last.line, self.path_title())
        context = self.path[-2].text if len(self.path) > 1 else self.section.title
        level = strongest([t.priority for t in self.path if t.priority is not None])
        group = GroupDraft(self.claim(last.ident, last.text, 3, context), self.path_title(), signoff=None if part else False)
        group.priority = None if part or level is None else Priority.CRITICAL if level is Level.CRITICAL else level.priority
        self.remember_anchor(last.text, group.id)
        return group

    def start_section(self, line: int, icon: str, text: str, ident: str, level: Level | None = None) -> None:
        title = self.top_title(text, line)
        title = title or self.draft.title  # a heading of no words (org's '* TODO [0/10]', a keyword and a cookie): the checklist's
        ident = self.claim(ident, title, 2)  # from the title without its number: '## 1. Preparation' is 'preparation', as 'SECTION 1: …' is
        priority = Priority.CRITICAL if level is Level.CRITICAL else level.priority if level else None
        self.section = SectionDraft(ident, title or "Section", line, priority, icon)
        self.draft.sections.append(self.section)
        self.block, self.group, self.path = Block.SECTION, None, []
        self.remember_anchor(text, ident)

    def remember_anchor(self, heading: str, ident: str) -> None:
        """An in-page link to this heading ('#security') becomes a link to its place on the site."""
        github = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        if self.section is not None and self.block is Block.SECTION:
            target = data_link(self.draft.id, section_page(self.draft.id, self.section), ident if ident != self.section.id else "")
            self.anchors.setdefault(github, target)

    def place(self, line: int, what: str) -> None:
        self.placed[line] = what


META = {
    "version": "version",
    "checklist version": "version",
    "last updated": "updated",
    "updated": "updated",
    "date": "updated",
    "owner": "owner",
    "author": "owner",
    "next review": "next_review",
    "title": "title",
    "id": "id",
    "created": "created",
}


def set_meta(w: Walk, key: str, value: str, line: int) -> None:
    """One metadata value (front matter or a '**Key**: value' line); the first of each wins."""
    value = " ".join(str(value).split())
    draft = w.draft
    if key in ("updated", "created"):
        date = _date(value)
        if date is None:
            w.src.note(Kind.DATE, line, value)
        elif key == "updated":
            draft.updated = draft.updated or date
        else:
            draft.created = draft.created or date
    elif key == "title":
        draft.title = draft.title or value
    elif key == "id":
        draft.id = draft.id or slug(value, 8)
    elif key == "version":
        draft.version = draft.version or value
    elif key == "owner":
        draft.owner = draft.owner or value
    elif key == "next_review":
        draft.next_review = draft.next_review or value


def _date(value: str) -> datetime.date | None:
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def parenthesized_end(text: str) -> tuple[str, str | None]:
    """A heading and the words in parentheses that end it ('Post-launch (first 30 days)', 'Back up (critical)'): from
    the first '(' after the last ')' before the end's. (An expression, '^(.*?)\\s*(?:\\(([^)]*)\\))?$', read on from
    each '(' to the end: a heading of '(' run long took time growing with its square.)

    >>> parenthesized_end("Post-launch (first 30 days)"), parenthesized_end("Week 1 (a (b))"), parenthesized_end("x (a(b)"), parenthesized_end("Later (soon) ")
    (('Post-launch', 'first 30 days'), ('Week 1 (a (b))', None), ('x', 'a(b'), ('Later (soon)', None))
    """
    if text.endswith(")") and (start := text.find("(", text.rfind(")", 0, -1) + 1, -1)) >= 0:
        return text[:start].rstrip(), text[start + 1 : -1]
    return text.rstrip(), None


def heading_marks(markers: Markers, text: str) -> tuple[str, str, Level | None]:
    """(icon, title, level) of a heading: markers at either end and emoji that are markers read, other emoji as its icon."""
    title, level = markers.read(text)
    icon, title = split_icon(title)
    if level is None:
        before, words = parenthesized_end(title)
        if words is not None and markers.word(words) is not None:
            title, level = before, markers.word(words)
    return icon, title, level


def iso_date(text: str) -> datetime.date | None:
    """A day written as ISO 8601 writes it ('2026-12-10'), one a check takes; else None.

    >>> iso_date(" 2026-12-10 "), iso_date("2026-02-30"), iso_date("10 Dec 2026")
    (datetime.date(2026, 12, 10), None, None)
    """
    try:
        day = datetime.date.fromisoformat(text.strip()) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()) else None
    except ValueError:
        return None
    return day if day is not None and in_calendar(day) else None  # a date no check would take (9999-12-31): none
