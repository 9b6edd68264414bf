"""Markdown checklist -> checklist drafts: a walk over markdown-it's token tree.

Headings give the title, sections and groups (at whatever levels the file uses); task items with
any marker, at any depth, and table rows with a box column give items; front matter and bold
"**Key**: value" lines give the metadata; sign-off headings give approval roles and the Go/No-Go
decision; "how to use", metrics, post-launch and rollback headings their own pages. Prose goes to
the item, group or section it stands under. Every box of the source is accounted for.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from enum import Enum

from markdown_it.tree import SyntaxTreeNode

from ..format.model import Priority
from ..format.schema import MAX_MARKDOWN, MAX_TEXT
from ..site.layout import RESERVED_PAGES
from .drafts import ChecklistDraft, FinalDraft, GroupDraft, ItemDraft, ListDraft, OptionDraft, RollbackDraft, SectionDraft, StepDraft
from .marks import Ids, Level, Markers, calm, shouting, slug, split_icon, strongest, words_of
from .source import Kind, Source

_BOX = re.compile(r"^\[([ xX])\][ \t]+(.*)$", re.DOTALL)
_CELL_BOX = re.compile(r"^\s*\[([ xX])\]\s*$")
_EXPLICIT_ID = re.compile(r"\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$")
_GO = re.compile(r"^(?:\*\*)?(GO|NO[- ]GO)\b(?:\*\*)?\s*(?:[-–—:]\s*)?(.*)$", re.I)
_SIGNOFF_LINE = re.compile(r"^(?:\*\*)?(?:sign[- ]?off|signed off by|approved by|signature)(?:\*\*)?\s*:", re.I)
_SIGNOFF_HEAD = re.compile(r"sign[- ]?off|signature|signed|approved", re.I)
_NAV = re.compile(r"back to top|\]\(#(top|table-of-contents|contents)\)", re.I)
META = {
    "version": "version",
    "checklist version": "version",
    "last updated": "updated",
    "updated": "updated",
    "date": "updated",
    "owner": "owner",
    "author": "owner",
}
META |= {"next review": "next_review", "next_review": "next_review", "last_updated": "updated", "title": "title", "id": "id", "created": "created"}
ROLE_WORDS = re.compile(r"\b(lead|manager|cto|eng|owner|team|on-call|oncall|sre|admin)\b", re.I)
_NOTES_ROOM = MAX_MARKDOWN - 200


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
        if re.search(r"sign[- ]?off|approvals?\b", low):
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


@dataclass(frozen=True)
class Options:
    checklist_id: str = ""  # --id: wins over everything
    default_id: str = ""  # from -o NAME.yaml: used when the file names no id
    markers: Markers = field(default_factory=Markers.default)
    today: datetime.date = field(default_factory=datetime.date.today)


@dataclass(frozen=True)
class Box:
    line: int
    text: str


@dataclass
class Imported:
    draft: ChecklistDraft
    source: Source
    boxes: list[Box]
    placed: set[int]
    pages: dict[str, str]

    @property
    def missing(self) -> list[Box]:
        return [b for b in self.boxes if b.line not in self.placed]

    @property
    def ticked(self) -> list[ItemDraft]:
        return [i for i in self.draft.all_items() if i.ticked]


def find_boxes(source: Source) -> list[Box]:
    """Every check box of the source, by line: task list items and box cells of tables."""
    boxes: list[Box] = []
    for node in source.tree.walk():
        if node.type == "list_item" and node.children and node.children[0].type == "paragraph":
            inline = node.children[0].children[0] if node.children[0].children else None
            match = _BOX.match(inline.content) if inline is not None else None
            if match and node.map:
                boxes.append(Box(node.map[0] + 1, match.group(2).split("\n")[0]))
        elif node.type == "tr" and node.map and any(_CELL_BOX.match(_cell(c)) for c in node.children):
            boxes.append(Box(node.map[0] + 1, " | ".join(_cell(c) for c in node.children)))
    return sorted(boxes, key=lambda b: b.line)


def _cell(node: SyntaxTreeNode) -> str:
    return node.children[0].content.strip() if node.children else ""


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def explicit_id(text: str) -> tuple[str, str]:
    """('Title', 'the-id') from 'Title {#the-id}', as the Markdown export writes ids."""
    match = _EXPLICIT_ID.search(text)
    return (text[: match.start()], match.group(1)) if match else (text, "")


class Importer:
    """Walks the top-level blocks in order, keeping where it is in the checklist."""

    def __init__(self, source: Source, options: Options) -> None:
        self.src = source
        self.options = options
        self.markers = options.markers
        self.draft = ChecklistDraft()
        self.ids = Ids(set(RESERVED_PAGES))
        self.block = Block.PREAMBLE
        self.section: SectionDraft | None = None
        self.group: GroupDraft | None = None
        self.label: tuple[str, str] | None = None  # a '**Label**:' paragraph waiting for its list, and its id if given
        self.final_heading = ""
        self.final_heading_id = ""
        self.hint: Heading | None = None  # a kind announced by the export's comment before the heading
        self.last_item: ItemDraft | None = None  # code or a quote right after a task list belongs to its last item
        self.preamble: list[str] = []
        self.placed: set[int] = set()
        self.anchors: dict[str, str] = {}
        headings = [n for n in source.tree.children if n.type == "heading"]
        self.loud = sum(shouting(self.heading_text(n)) for n in headings) >= 3
        self.title_node, self.top = _outline(headings, [b.line for b in find_boxes(source)])

    # ---- text

    def heading_text(self, node: SyntaxTreeNode) -> str:
        inline = node.children[0].content if node.children else ""
        return " ".join(self.src.clean(inline, _line(node), tags=True).split())

    def title(self, text: str) -> str:
        return calm(text) if self.loud and shouting(text) else text

    def inline(self, text: str, line: int) -> str:
        return " ".join(self.src.clean(text, line, self.anchors).split())

    def prose(self, node: SyntaxTreeNode) -> str:
        return self.src.clean(self.src.block(node), _line(node), self.anchors)

    # ---- the walk

    def run(self) -> Imported:
        self.metadata_from_front_matter()
        for node in self.src.tree.children:
            self.visit(node)
        pages = finish(self.draft, self.src, self.ids, self.preamble, self.options)
        return Imported(self.draft, self.src, find_boxes(self.src), self.placed, pages)

    def visit(self, node: SyntaxTreeNode) -> None:
        last, self.last_item = self.last_item, None
        if node.type in ("fence", "code_block", "blockquote") and last is not None:
            last.details.append(self.prose(node))
            self.last_item = last
        elif node.type == "heading":
            self.on_heading(node)
        elif node.type in ("bullet_list", "ordered_list"):
            self.on_list(node)
        elif node.type == "paragraph":
            self.on_paragraph(node)
        elif node.type == "table":
            self.on_table(node)
        elif node.type == "html_block":
            self.on_html(node)
        elif node.type in ("fence", "code_block") and self.block is Block.FINAL and self.draft.final is not None:
            self.draft.final.notes_hint = " ".join(node.content.split()).strip("[] ")
        elif node.type != "hr":
            self.keep(self.prose(node))

    def keep(self, text: str) -> None:
        """Prose under the current heading: the section's notes (after its group's title), or the preamble."""
        if not text:
            return
        if self.section is None or self.block is not Block.SECTION:
            target = self.section.notes if self.section is not None and self.block is Block.PART else self.preamble
            target.append(text)
            return
        if self.group is not None and not any(n.startswith(f"**{self.group.title}**") for n in self.section.notes) and self.group.title != self.section.title:
            text = f"**{self.group.title}**\n\n{text}"
        self.section.notes.append(text)

    def metadata_from_front_matter(self) -> None:
        for key, (value, line) in self.src.front.items():
            field_name = META.get(key.replace("-", " "), "")
            if field_name:
                self.set_meta(field_name, value, line)
            else:
                self.src.note(Kind.FRONT, line, key)

    def set_meta(self, key: str, value: str, line: int) -> None:
        value = value.strip()
        if key in ("updated", "created"):
            date = _date(value)
            if date is None:
                self.src.note(Kind.DATE, line, value)
            elif key == "updated" and self.draft.updated is None:
                self.draft.updated = date
            elif key == "created" and self.draft.created is None:
                self.draft.created = date
        elif key == "title" and not self.draft.title:
            self.draft.title = value
        elif key == "id" and not self.draft.id:
            self.draft.id = slug(value, 8)
        elif key in ("version", "owner", "next_review"):
            self.draft.version = self.draft.version or (value if key == "version" else "")
            self.draft.owner = self.draft.owner or (value if key == "owner" else "")
            self.draft.next_review = self.draft.next_review or (value if key == "next_review" else "")

    # ---- headings

    def on_heading(self, node: SyntaxTreeNode) -> None:
        text, ident = explicit_id(self.heading_text(node))
        if node is self.title_node:
            text = split_icon(re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text).strip())[1]
            self.draft.title = self.draft.title or text
            self.draft.id = self.draft.id or ident
            return
        level = int(node.tag[1])
        if level <= self.top:
            self.start_block(node, text, ident)
        else:
            self.start_group(node, text, ident)

    def start_group(self, node: SyntaxTreeNode, text: str, ident: str) -> None:
        self.label = None
        if self.block is Block.FINAL:
            self.final_heading, self.final_heading_id = text, ident
            return
        if self.block not in (Block.SECTION, Block.PART) or self.section is None:
            if self.block is Block.SKIPPED:
                return
            self.start_block(node, text, ident)
            return
        icon, title = split_icon(text)
        title, level = self.markers.read(title)
        ident = self.ids.claim(ident) if ident else self.ids.make(title, 3, self.section.title)
        self.group = GroupDraft(ident, self.title(title), signoff=None if self.block is Block.PART else False)
        self.section.groups.append(self.group)
        self.remember_anchor(text, ident)

    def remember_anchor(self, heading: str, ident: str) -> None:
        """An in-page link to this heading ('#security') becomes a link to its place on the site."""
        github = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        if self.section is not None and self.block is Block.SECTION:
            target = f"{self.section.id}.md" + (f"#{ident}" if ident != self.section.id else "")
            self.anchors.setdefault(github, target)

    def start_block(self, node: SyntaxTreeNode, text: str, ident: str) -> None:
        if self.label:
            self.keep(self.label[0])
            self.label = None
        self.group = None
        hint, self.hint = self.hint, None
        icon, text = split_icon(text)
        if icon == "\ufffd":
            self.src.note(Kind.GARBLED, _line(node), text)
            icon = ""
        kind = hint or Heading.of(text)
        if kind is Heading.INSTRUCTIONS:
            self.block, self.section = Block.INSTRUCTIONS, None
        elif kind is Heading.CONTENTS:
            self.block, self.section = Block.SKIPPED, None
            self.src.note(Kind.TOC, _line(node))
        elif kind is Heading.FINAL:
            self.block, self.section = Block.FINAL, None
            self.final_heading = ""
            self.draft.final = self.draft.final or FinalDraft(self.title(text))
        elif kind is Heading.ROLLBACK:
            self.start_rollback(text, ident)
        elif kind in (Heading.METRICS, Heading.POST_LAUNCH):
            self.start_part(text, ident, kind)
        else:
            self.start_section(node, icon, text, ident)

    def start_section(self, node: SyntaxTreeNode, icon: str, text: str, ident: str) -> None:
        text = re.sub(r"^section\s+\d+\s*[:.]\s*", "", text, flags=re.I)
        title, level = self.markers.read(text)
        if level is None:
            match = re.match(r"^(.*?)\s*\(([^)]*)\)$", title)
            if match and self.markers.word(match.group(2)) is not None:
                title, level = match.group(1), self.markers.word(match.group(2))
        ident = self.ids.claim(ident) if ident else self.ids.make(title, 2)
        priority = Priority.CRITICAL if level is Level.CRITICAL else level.priority if level else None
        self.section = SectionDraft(ident, self.title(title), _line(node), priority, icon)
        self.draft.sections.append(self.section)
        self.block = Block.SECTION
        self.remember_anchor(text, ident)

    def start_part(self, text: str, ident: str, kind: Heading) -> None:
        title, period = re.match(r"^(.*?)\s*(?:\(([^)]*)\))?$", text).groups()  # type: ignore[union-attr]
        if not ident:
            usual = kind is Heading.POST_LAUNCH and "post-launch" not in self.ids.used
            ident = "post-launch" if usual else self.ids.make(title, 1)
        self.ids.claim(ident)
        part = SectionDraft(ident, self.title(title), 0, period=self.title(period or ""))
        if kind is Heading.METRICS and self.draft.metrics is None:
            self.draft.metrics = part
        elif kind is Heading.POST_LAUNCH and self.draft.post_launch is None:
            self.draft.post_launch = part
        else:
            self.start_section_from(part)
            return
        self.block, self.section = Block.PART, part

    def start_section_from(self, part: SectionDraft) -> None:
        """A second metrics or post-launch heading: an ordinary section."""
        self.section = part
        self.draft.sections.append(part)
        self.block = Block.SECTION

    def start_rollback(self, text: str, ident: str) -> None:
        title = re.sub(r"^appendix\s*[:.-]\s*", "", text, flags=re.I)
        if self.draft.rollback is not None:
            self.start_section_from(SectionDraft(self.ids.make(title, 2), self.title(title), 0))
            return
        self.draft.rollback = RollbackDraft(self.ids.claim(ident) if ident else self.ids.make(title, 1), self.title(title))
        self.block, self.section = Block.ROLLBACK, None

    # ---- paragraphs and HTML

    def on_paragraph(self, node: SyntaxTreeNode) -> None:
        raw = node.children[0].content if node.children else ""
        if _NAV.search(raw) and len(raw) < 120:
            self.src.note(Kind.NAV, _line(node))
            return
        text = self.inline(raw, _line(node)) if "\n" not in raw else self.prose(node)
        if self.metadata(raw, node):
            return
        if _SIGNOFF_LINE.match(text) and self.group is not None and self.group.signoff is not None:
            self.group.signoff = True
            return
        label = re.match(r"^\*\*([^*]+?)\*\*\s*(?:\{#([a-z0-9-]+)\})?\s*:?\s*(?:\{#([a-z0-9-]+)\})?\s*$", text)
        if label and self.block is Block.FINAL and self.draft.final is not None:
            self.draft.final.notes = label.group(1).strip().rstrip(":")
            return
        if label and self.block in (Block.SECTION, Block.PART):
            self.label = (label.group(1).strip().rstrip(":"), label.group(2) or label.group(3) or "")
            return
        if self.block is Block.ROLLBACK and self.draft.rollback is not None and not self.draft.rollback.steps and not self.draft.rollback.when:
            self.draft.rollback.when = text.strip().rstrip(":")
            return
        self.keep(text)

    def metadata(self, raw: str, node: SyntaxTreeNode) -> bool:
        """'**Version**: 1.0' lines (all of the paragraph's lines) as the checklist's metadata."""
        pairs = [re.match(r"^\*\*([^*]+?)\*\*\s*:?\s*:?\s*(.*?)\s*$", line.strip()) for line in raw.split("\n")]
        if not pairs or not all(p and p.group(1).strip(": ").lower() in META for p in pairs):
            return False
        for p in pairs:
            assert p is not None
            self.set_meta(META[p.group(1).strip(": ").lower()], p.group(2), _line(node))
        return True

    def on_html(self, node: SyntaxTreeNode) -> None:
        content = node.content.strip()
        hint = re.match(r"^<!--\s*checklist-site:\s*([a-z-]+)\s*-->$", content)
        if hint:
            self.hint = Heading.hinted(hint.group(1))
            if self.hint is None:
                self.src.note(Kind.HINT, _line(node), hint.group(1))
            return
        heading = re.fullmatch(r"<h1\b[^>]*>(.*?)</h1>", content, re.I | re.DOTALL)
        if heading and not self.draft.title:
            self.draft.title = " ".join(self.src.clean(heading.group(1), _line(node), tags=True).split())
            return
        summary = re.search(r"<summary>(.*?)</summary>", content, re.I | re.DOTALL)
        if summary and self.block in (Block.SECTION, Block.PART):
            self.src.note(Kind.HTML, _line(node), "<details>")
            self.start_group(node, self.inline(summary.group(1), _line(node)), "")
            return
        if _NAV.search(content) or re.search(r"href=\"#", content):
            self.src.note(Kind.NAV, _line(node))
            return
        self.keep(self.src.clean(content, _line(node), self.anchors, tags=True))

    # ---- lists

    def on_list(self, node: SyntaxTreeNode) -> None:
        if self.block is Block.SKIPPED and not self.has_boxes(node):
            return
        if self.block is Block.ROLLBACK and self.draft.rollback is not None:
            self.rollback_steps(node)
            return
        if self.block is Block.FINAL:
            self.final_list(node)
            return
        if self.block is Block.INSTRUCTIONS:
            items, rest = self.items(node, 3, "")
            self.draft.instructions += items
            for text in rest:
                self.preamble.append(text)
            return
        self.group_list(node)

    def has_boxes(self, node: SyntaxTreeNode) -> bool:
        return any(_BOX.match(n.content) for n in node.walk() if n.type == "inline")

    def group_list(self, node: SyntaxTreeNode) -> None:
        if node.children and all(self.is_option(li) for li in node.children):
            self.draft.final = self.draft.final or FinalDraft("Final Sign-off")
            self.final_heading, self.final_heading_id = (self.group.title, self.group.id) if self.group is not None and not self.group.items else ("", "")
            self.final_list(node)  # Go/No-Go boxes anywhere: the decision
            return
        if self.section is None or self.block not in (Block.SECTION, Block.PART):
            if not self.has_boxes(node):
                self.keep(self.prose(node))
                return
            self.start_section(node, "", self.draft.title or "Checklist", "")
        group = self.current_group()
        budget = 3 if self.block is Block.PART else 4
        if self.label is not None:
            label, explicit = self.label
            ident = self.ids.claim(explicit) if explicit else self.ids.make(label, 3, group.title)
            target = ListDraft(ident, label)
            group.lists.append(target)
            self.label = None
            target.items += self.labelled(node, budget, group, target)
            return
        items, rest = self.items(node, budget, group.title, group)
        (group.lists[-1].items if group.lists else group.items).extend(items)
        for text in rest:
            self.keep(text)
        self.last_item = items[-1] if items and not rest else None

    def labelled(self, node: SyntaxTreeNode, budget: int, group: GroupDraft, target: ListDraft) -> list[ItemDraft]:
        items, rest = self.items(node, budget, group.title, group)
        for text in rest:
            self.keep(text)
        return items

    def current_group(self) -> GroupDraft:
        assert self.section is not None
        if self.group is None:
            ident = self.ids.make(self.section.title + " items", 3)
            self.group = GroupDraft(ident, self.section.title, signoff=None if self.block is Block.PART else False)
            self.section.groups.append(self.group)
        return self.group

    def items(self, node: SyntaxTreeNode, budget: int, context: str, group: GroupDraft | None = None) -> tuple[list[ItemDraft], list[str]]:
        """The boxes of a list, and the prose of its items without a box (a plain item holding boxes becomes a labelled list)."""
        found: list[ItemDraft] = []
        rest: list[str] = []
        for li in node.children:
            item = self.item(li, budget, context, node.type == "ordered_list")
            if item is not None:
                found.append(item)
            elif group is not None and self.has_boxes(li):
                self.plain_with_boxes(li, budget, group)
            else:
                rest.append(self.prose(li))
        return found, rest

    def plain_with_boxes(self, li: SyntaxTreeNode, budget: int, group: GroupDraft) -> None:
        """'- Frontend' with boxes under it: a labelled list 'Frontend' (deeper labels joined with ' › ')."""
        first = li.children[0] if li.children and li.children[0].type == "paragraph" else None
        label = self.inline(first.children[0].content, _line(li)) if first is not None and first.children else "Items"
        label, ident = explicit_id(label)
        target = ListDraft(self.ids.claim(ident) if ident else self.ids.make(label, 3, group.title), label)
        group.lists.append(target)
        for child in li.children[1 if first is not None else 0 :]:
            if child.type in ("bullet_list", "ordered_list"):
                items, rest = self.items(child, budget, label, group)
                target.items += items
                for text in rest:
                    self.keep(text)
            else:
                self.keep(self.prose(child))

    def item(self, li: SyntaxTreeNode, budget: int, context: str, ordered: bool, parent: str = "") -> ItemDraft | None:
        """A task list item with its sub-items and details, or None when it has no box."""
        first = li.children[0] if li.children else None
        if first is None or first.type != "paragraph" or not first.children:
            return None
        match = _BOX.match(first.children[0].content)
        if match is None:
            return None
        line = _line(li)
        raw, ident = explicit_id(match.group(2))
        raw, level = self.markers.read(raw) if self.block is not Block.INSTRUCTIONS else (raw, None)
        text = self.inline(raw, line)
        target = re.match(r"^(.*) \(target: (.+)\)$", text)
        text, goal = (target.group(1), target.group(2)) if target else (text, "")
        if not ident:
            ident = self.ids.make(text, budget, context, prefix=parent if len(words_of(text)) < 2 and len(words_of(text)) > 0 else "")
        else:
            self.ids.claim(ident)
        item = ItemDraft(ident, text or "(no text)", line, level is Level.CRITICAL, level.priority if level else None, goal, ticked=match.group(1) in "xX")
        self.placed.add(line)
        for child in li.children[1:]:
            self.item_child(item, child, context)
        return item

    def item_child(self, item: ItemDraft, child: SyntaxTreeNode, context: str) -> None:
        if child.type in ("bullet_list", "ordered_list") and self.has_boxes(child):
            parent = words_of(item.text)[0] if words_of(item.text) else ""
            for li in child.children:
                sub = self.item(li, 3, context, child.type == "ordered_list", parent)
                if sub is not None:
                    item.items.append(sub)
                    item.ordered = item.ordered or child.type == "ordered_list"
                else:
                    item.details.append(self.prose(li))
            return
        text = self.prose(child)
        if text:
            item.details.append(text)

    def rollback_steps(self, node: SyntaxTreeNode) -> None:
        rollback = self.draft.rollback
        assert rollback is not None
        for li in node.children:
            first = li.children[0] if li.children and li.children[0].type == "paragraph" and li.children[0].children else None
            content = self.inline(first.children[0].content, _line(li)) if first is not None else ""
            if _BOX.match(content):
                self.placed.add(_line(li))
                content = _BOX.match(content).group(2)  # type: ignore[union-attr]
            content, ident = explicit_id(content)
            m = re.match(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$", content)
            title, text = (m.group(1).rstrip(":"), m.group(2)) if m else (content.split(":")[0][:60], content)
            step = StepDraft(self.ids.claim(ident) if ident else self.ids.make(title, 2, prefix="rollback"), title, text or title)
            who = _trailing_paren(step.text)
            if who and ROLE_WORDS.search(who[1]):
                step.text, step.who = who
            rollback.steps.append(step)

    def final_list(self, node: SyntaxTreeNode) -> None:
        """Go/No-Go boxes become the decision; other boxes stay items, in a 'Sign-off' section."""
        final = self.draft.final
        assert final is not None
        leftover: list[SyntaxTreeNode] = []
        for li in node.children:
            option = self.option(li)
            if option is not None:
                final.options.append(option)
                if self.final_heading:
                    final.decision_title, final.decision_id = self.final_heading, self.final_heading_id
            else:
                leftover.append(li)
        if not leftover:
            return
        section = self.signoff_section(final)
        group = section.groups[0]
        for li in leftover:
            item = self.item(li, 4, group.title, False)
            if item is not None:
                group.items.append(item)
            elif self.has_boxes(li):
                self.plain_with_boxes(li, 4, group)
            else:
                section.notes.append(self.prose(li))

    def signoff_section(self, final: FinalDraft) -> SectionDraft:
        existing = next((s for s in self.draft.sections if s.title == final.title and s.line == -1), None)
        if existing is not None:
            return existing
        section = SectionDraft(self.ids.make(final.title, 2), final.title, -1, Priority.CRITICAL)
        section.groups.append(GroupDraft(self.ids.make(self.final_heading or final.title, 3, "checks"), self.final_heading or final.title, signoff=True))
        self.draft.sections.append(section)
        return section

    def is_option(self, li: SyntaxTreeNode) -> bool:
        first = li.children[0] if li.children and li.children[0].type == "paragraph" and li.children[0].children else None
        box = _BOX.match(first.children[0].content) if first is not None else None
        return box is not None and _GO.match(split_icon(explicit_id(box.group(2))[0])[1]) is not None

    def option(self, li: SyntaxTreeNode) -> OptionDraft | None:
        first = li.children[0] if li.children and li.children[0].type == "paragraph" and li.children[0].children else None
        box = _BOX.match(first.children[0].content) if first is not None else None
        if box is None:
            return None
        text, ident = explicit_id(self.inline(box.group(2), _line(li)))
        icon, rest = split_icon(text)
        go = _GO.match(rest)
        if go is None:
            return None
        label = go.group(1).upper().replace(" ", "-")
        self.placed.add(_line(li))
        return OptionDraft(
            self.ids.claim(ident) if ident else self.ids.make(label, 2),
            label,
            go.group(2) or label,
            _line(li),
            icon if icon != "\ufffd" else "",
            box.group(1) in "xX",
        )

    # ---- tables

    def on_table(self, node: SyntaxTreeNode) -> None:
        head = [_cell(c) for c in node.children[0].children[0].children] if node.children and node.children[0].children else []
        rows = [row for body in node.children[1:] for row in body.children]
        box_column = next((n for n in range(len(head)) if any(n < len(r.children) and _CELL_BOX.match(_cell(r.children[n])) for r in rows)), None)
        if box_column is None and self.block is Block.FINAL and self.draft.final is not None:
            self.roles(head, rows)
        elif box_column is None and self.group is not None and self.group.signoff is False and any(_SIGNOFF_HEAD.search(h) for h in head):
            self.group.signoff = True  # a sign-off table under a group: the group's sign-off block
        elif box_column is None:
            self.keep(self.prose(node))
        else:
            self.table_items(head, rows, box_column)

    def roles(self, head: list[str], rows: list[SyntaxTreeNode]) -> None:
        final = self.draft.final
        assert final is not None
        column = next((n for n, h in enumerate(head) if re.search(r"role|approver|team|function", h, re.I)), 0)
        final.approval_title = self.final_heading or final.approval_title
        final.approval_id = self.final_heading_id
        for row in rows:
            name, ident = explicit_id(self.inline(_cell(row.children[column]), _line(row)))
            name = name.strip("* ")
            if name and not re.fullmatch(r"[_\s-]*", name):
                first = re.split(r"\s*/\s*", name)[0]
                final.roles.append((self.ids.claim(ident) if ident else self.ids.make(first, 2), name))

    def table_items(self, head: list[str], rows: list[SyntaxTreeNode], box_column: int) -> None:
        """Rows with a box: the widest text cell is the item, the other cells become fields or details."""
        if self.section is None or self.block not in (Block.SECTION, Block.PART):
            self.start_section(rows[0], "", self.draft.title or "Checklist", "")
        group = self.current_group()
        for row in rows:
            cells = [self.inline(_cell(c), _line(row)) for c in row.children]
            box = _CELL_BOX.match(cells[box_column]) if box_column < len(cells) else None
            if box is None:
                self.keep(" | ".join(c for c in cells if c))
                continue
            others = [(head[n] if n < len(head) else "", c) for n, c in enumerate(cells) if n != box_column and c]
            texts = [(h, c) for h, c in others if not re.fullmatch(r"[\d.]+", c)]
            named = next((p for p in texts if re.search(r"item|task|check|description|step|what", p[0], re.I)), None)
            header, text = named or max(texts, key=lambda p: len(p[1]), default=("", "(no text)"))
            text, ident = explicit_id(text)
            text, level = self.markers.read(text)
            fields = [(h, c) for h, c in others if (h, c) != (header, named[1] if named else text) and c != text]
            for h, c in fields:
                found = self.markers.word(c) if re.search(r"priority|criticality|severity|importance|level", h, re.I) else None
                level = strongest([x for x in (level, found) if x is not None])
            item = ItemDraft(
                self.ids.claim(ident) if ident else self.ids.make(text, 4, group.title),
                text,
                _line(row),
                level is Level.CRITICAL,
                level.priority if level else None,
            )
            item.ticked = box.group(1) in "xX"
            details = [f"{h}: {c}" if h else c for h, c in fields if not (re.search(r"priority|criticality|severity", h, re.I) and self.markers.word(c))]
            if details:
                item.details.append("  \n".join(details))
            self.placed.add(_line(row))
            group.items.append(item)


def _outline(headings: list[SyntaxTreeNode], boxes: list[int]) -> tuple[SyntaxTreeNode | None, int]:
    """The title heading (a first '#' with no box before the next heading) and the level of sections.

    Sections are at the highest level among the headings that come before a box: a '# Contributing'
    after the last box does not make the checklist's '##' headings into groups.
    """
    first = headings[0] if headings and headings[0].tag == "h1" else None
    if first is not None and len(headings) > 1:
        start, end = _line(first), _line(headings[1])
        first = None if any(start < b < end for b in boxes) else first
    last_box = max(boxes, default=0)
    levels = sorted({int(n.tag[1]) for n in headings if n is not first and _line(n) < last_box})
    return first, levels[0] if levels else 2


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


def _date(value: str) -> datetime.date | None:
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d.%m.%Y", "%Y/%m/%d"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


# ---- after the walk: fallbacks, sections without boxes, texts over the format's limits


def finish(draft: ChecklistDraft, src: Source, ids: Ids, preamble: list[str], options: Options) -> dict[str, str]:
    """Complete the draft so that it passes check; returns the hand-written pages long prose moved to."""
    draft.title = (
        draft.title or src.front.get("title", ("", 0))[0] or re.sub(r"[-_]+", " ", src.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip() or "Checklist"
    )
    draft.id = options.checklist_id or draft.id or options.default_id or slug(draft.title, 3)
    if preamble:
        if not draft.sections:
            draft.sections.append(SectionDraft(ids.make("about", 1), "About", 0))
        draft.sections[0].notes[:0] = preamble
    _drop_empty_sections(draft, src)
    for section in draft.sections:
        levels = [Level.CRITICAL if i.critical else Level(i.priority.value) for i in section.all_items() if i.critical or i.priority]
        top = strongest(levels)
        section.priority = section.priority or (Priority.CRITICAL if top is Level.CRITICAL else top.priority if top else None) or Priority.MEDIUM
    _complete_final(draft, ids, src)
    if any("🔴" in i.text for i in draft.instructions) or any(i.critical for i in draft.all_items()):
        draft.legend = "Critical item: don't skip it (marked 🔴 in the original checklist)." if any("🔴" in i.text for i in draft.instructions) else ""
    return _fit(draft, src)


def _drop_empty_sections(draft: ChecklistDraft, src: Source) -> None:
    """A section without boxes is no page: its prose joins the section before it (or after it)."""
    kept: list[SectionDraft] = []
    orphans: list[str] = []
    for section in draft.sections:
        section.groups = [g for g in section.groups if g.items or g.lists]
        if section.groups:
            section.notes[:0] = orphans
            orphans = []
            kept.append(section)
            continue
        if section.notes:
            src.note(Kind.MOVED, section.line, section.title)
            moved = [f"**{section.title}**", *section.notes]
            if kept:
                kept[-1].notes += moved
            else:
                orphans += moved
    if orphans and kept:
        kept[-1].notes += orphans
    for part in (draft.metrics, draft.post_launch):
        if part is not None:
            part.groups = [g for g in part.groups if g.items or g.lists]
    draft.metrics = draft.metrics if draft.metrics and draft.metrics.groups else None
    draft.post_launch = draft.post_launch if draft.post_launch and draft.post_launch.groups else None
    if draft.rollback is not None and not draft.rollback.steps:
        draft.rollback = None
    draft.sections = kept


def _complete_final(draft: ChecklistDraft, ids: Ids, src: Source) -> None:
    """A final sign-off needs approvers and Go/No-Go boxes: what the file lacks is filled with defaults."""
    final = draft.final
    if final is None:
        return
    if not final.roles and not final.options:
        draft.final = None
        return
    if not final.roles or not final.options:
        src.note(Kind.FINAL, final.options[0].line if final.options else 1, final.title)
    if not final.roles:
        final.roles.append((ids.make("approver", 1), "Approver"))
    if not final.options:
        final.options += [OptionDraft(ids.make("go", 1), "GO", "Ready to launch", 0), OptionDraft(ids.make("no go", 2), "NO-GO", "Not ready, see the notes", 0)]
    final.approval_id = ids.claim(final.approval_id) if final.approval_id else ids.make(final.approval_title, 3)
    final.decision_id = ids.claim(final.decision_id) if final.decision_id else ids.make(final.decision_title, 3)


def _fit(draft: ChecklistDraft, src: Source) -> dict[str, str]:
    """Texts over the format's limits: long item texts keep their first sentence, long prose moves to a page."""
    pages: dict[str, str] = {}
    for item in draft.all_items():
        if len(item.text) > MAX_TEXT:
            cut = item.text[: MAX_TEXT - 20].rsplit(" ", 1)[0]
            item.details.insert(0, item.text)
            item.text = cut + " …"
    for section in draft.sections:
        notes = "\n\n".join(section.notes)
        details = [i for i in section.all_items() if len("\n\n".join(i.details)) > _NOTES_ROOM]
        if len(notes) <= _NOTES_ROOM and not details:
            continue
        path = f"imported/{draft.id}/{section.id}.md"
        page = [f"# {section.title}: notes", "", notes]
        for item in details:
            page += ["", f"## {item.text} {{#{item.id}}}", "", "\n\n".join(item.details)]
            item.details = [f"More in [the notes of this section](../../{path}#{item.id})."]
        if len(notes) > _NOTES_ROOM:
            src.note(Kind.LONG, section.line, section.title)
            section.notes = [notes[:1000].rsplit("\n\n", 1)[0] if "\n\n" in notes[:1000] else "", f"More in [the notes of this section](../../{path})."]
            section.notes = [n for n in section.notes if n]
        pages[path] = "\n".join(page).strip() + "\n"
    return pages


def import_markdown(text: str, name: str, options: Options | None = None) -> Imported:
    """Read Markdown ``text`` (named ``name`` in messages) into a checklist draft."""
    return Importer(Source(text, name), options or Options()).run()
