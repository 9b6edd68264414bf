"""Markdown checklist -> checklist draft: markdown-it's token tree walked by a table of rules over one walk state.

Headings give the title, sections and groups (at whatever levels and depth the file uses); task items with any
marker, at any depth, and table rows with a box cell give items; front matter and bold "**Key**: value" lines give
the metadata; sign-off headings give approval roles (from tables, signature lines or lists) and the Go/No-Go
decision; "how to use", metrics, post-launch and rollback headings their own pages. Prose goes to the item, group
or section it stands under. Every box of the source is accounted for, and so is every block.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable

from markdown_it.tree import SyntaxTreeNode

from ..format.types import whole_number
from .articles import article, led_example
from .import_final import code_in_final, lines_in_final, signature_lines, start_final, start_rollback
from .import_lists import a_list, record_of
from .import_tables import a_table
from .marks import shouting, split_icon
from .recorded import RECORD_HINT
from .repair import finish
from .source import Kind, Source, decoded
from .walk import (
    BOX,
    JOINER_REF,
    META,
    PLACEHOLDER,
    Block,
    Heading,
    Imported,
    Options,
    SectionDraft,
    Title,
    Walk,
    bare_numbering,
    explicit_id,
    find_boxes,
    has_boxes,
    heading_marks,
    is_signoff,
    line_of,
    parenthesized_end,
    set_meta,
)

_NAV = re.compile(r"back to top|\]\(#(top|table-of-contents|contents)\)", re.I)
_SIGNOFF_LINE = re.compile(r"^(?:\*\*)?(?:sign[- ]?off|signed off by|approved by|signature)(?:\*\*)?\s*:", re.I)
_LABEL = re.compile(r"^\*\*([^*]+?)\*\*\s*(?:\{#((?:[a-z0-9-]|&#8288;)+)\})?\s*:?\s*(?:\{#((?:[a-z0-9-]|&#8288;)+)\})?\s*$")

Rule = Callable[[Walk, SyntaxTreeNode], None]


# ---- headings


def heading(w: Walk, node: SyntaxTreeNode) -> None:
    text, ident = explicit_id(w.heading_text(node))
    if node is w.title_node:
        text = split_icon(re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text).strip())[1]
        text = _named(w, node) or text.rstrip(":：").strip() or text  # '# Release checklist:' over its steps
        w.draft.title = w.draft.title or text or "Checklist"
        w.draft.id = w.draft.id or ident
        w.fates["title"] += 1
        return
    w.fates["headings"] += 1
    level = whole_number(node.tag[1:], 6) or w.top + 1
    if level <= w.top:
        start_block(w, node, text, ident)
    else:
        sub_heading(w, node, level, text, ident)


def _named(w: Walk, node: SyntaxTreeNode) -> str:
    """A POD page made Markdown or HTML (pod2markdown, pod2html): its title heading 'NAME' over the line that names it
    ('Release::Checklist - A QA checklist for CPAN releases'), which is the title. '' for any other heading."""
    kids = w.src.tree.children
    after = kids[kids.index(node) + 1] if node in kids and kids.index(node) + 1 < len(kids) else None
    if w.heading_text(node).strip() != "NAME" or after is None or after.type != "paragraph" or not after.children:
        return ""
    if "\n" in after.children[0].content.strip():
        return ""
    w.named = line_of(after)
    return w.inline(after.children[0].content, line_of(after))


def sub_heading(w: Walk, node: SyntaxTreeNode, level: int, text: str, ident: str) -> None:
    """A heading below the sections: a group (its title joined with the headings between it and its section)."""
    if w.block is Block.FINAL:
        w.final_heading = (w.title(text, line_of(node)), ident)
        return
    if w.block not in (Block.SECTION, Block.PART) or w.section is None:  # under a table of contents too: it ends there
        start_block(w, node, text, ident)
        return
    _, title, priority = heading_marks(w.options.markers, text)
    w.signing = w.block is Block.SECTION and is_signoff(text)
    w.path = [t for t in w.path if t.level < level] + [Title(level, w.title(title, line_of(node)) or "Group", ident, priority, line_of(node))]
    w.group, w.ruled = None, False


def start_block(w: Walk, node: SyntaxTreeNode, text: str, ident: str) -> None:
    """A top heading: a section, or the instructions, the sign-off, a part, the rollback or a table of contents."""
    w.group, w.path, w.signing, w.ruled = None, [], False, False
    hint, w.hint = w.hint, None
    kind = hint or Heading.of(split_icon(text)[1])
    if kind is Heading.INSTRUCTIONS:
        w.block, w.section, w.instructions_title = Block.INSTRUCTIONS, None, w.title(split_icon(text)[1])
    elif kind is Heading.CONTENTS:
        w.block, w.section = Block.SKIPPED, None
        w.src.note(Kind.TOC, line_of(node))
    elif kind is Heading.FINAL:
        start_final(w, split_icon(text)[1])
    elif kind is Heading.ROLLBACK:
        start_rollback(w, split_icon(text)[1], ident)
    elif kind in (Heading.METRICS, Heading.POST_LAUNCH):
        start_part(w, split_icon(text)[1], ident, kind)
    else:
        icon, title, level = heading_marks(w.options.markers, text)
        if icon == "\ufffd":
            w.src.note(Kind.GARBLED, line_of(node), title)
            icon = ""
        w.start_section(line_of(node), icon, title, ident, level)


def start_part(w: Walk, text: str, ident: str, kind: Heading) -> None:
    title, period = parenthesized_end(text)
    usual = not ident and kind is Heading.POST_LAUNCH and "post-launch" not in w.ids.used
    ident = w.claim("post-launch" if usual else ident, title, 1)
    part = SectionDraft(ident, w.title(title) or "Part", 0, period=w.title(period or ""))
    if kind is Heading.METRICS and w.draft.metrics is None:
        w.draft.metrics = part
    elif kind is Heading.POST_LAUNCH and w.draft.post_launch is None:
        w.draft.post_launch = part
    else:  # a second metrics or post-launch heading: an ordinary section
        w.draft.sections.append(part)
        w.section, w.block = part, Block.SECTION
        return
    w.block, w.section = Block.PART, part


# ---- paragraphs, HTML, code and quotes


def paragraph(w: Walk, node: SyntaxTreeNode) -> None:
    raw = node.children[0].content if node.children else ""
    if w.src.footnote(node):
        w.fates["footnotes"] += 1
        return
    if line_of(node) == w.named:  # a POD page's name line: the title
        return
    if _NAV.search(raw) and len(raw) < 120:
        w.src.note(Kind.NAV, line_of(node))
        w.fates["dropped"] += 1
        return
    if record_of(w, node):  # an export's record of a group's sign-off or of an approval, after its hint
        return
    text = w.inline(raw, line_of(node)) if "\n" not in raw else w.prose(node)
    if not text:
        w.fates["dropped"] += 1  # a comment or tags only: counted where they were dropped
        return
    if _group_owner(w, raw, text) or metadata(w, raw, node) or lines_in_final(w, text, line_of(node)) or _signs_group(w, text, line_of(node)):
        return
    label = _LABEL.match(text)
    if label and w.block in (Block.SECTION, Block.PART, Block.PREAMBLE):
        w.label = (label.group(1).strip().rstrip(":"), (label.group(2) or label.group(3) or "").replace(JOINER_REF, ""), line_of(node), "")
        return
    if line_of(node) in w.colon_labels and w.block in (Block.SECTION, Block.PART, Block.PREAMBLE):
        w.label = (_colon_label(text), "", line_of(node), text)
        return
    rollback = w.draft.rollback
    if w.block is Block.ROLLBACK and rollback is not None and not rollback.steps and not rollback.when and "\n" not in text:
        rollback.when = text.strip().rstrip(":")
        w.fates["rollback"] += 1
        return
    w.keep(text)


# A line naming who owns what stands above it ('**Owner**: QA Lead', 'Owner: DevOps', 'Responsible: PM').
_OWNER_LINE = re.compile(r"^(?:\*\*|__)?(?:owner|owned by|responsible|assignee|assigned to|dri|accountable)\s*:?(?:\*\*|__)?\s*:?\s*(.+?)\s*$", re.I)


def _group_owner(w: Walk, raw: str, text: str) -> bool:
    """A line under a group's boxes naming their owner ('**Owner**: QA Lead', a readiness checklist's under each of its
    phases, a due date's line beside it): each of those boxes without an owner gets it (recorded with 'assign', as an
    Owner column's), the lines kept in the notes. It named the whole checklist's owner (the first), or went unread.
    A placeholder ('[Name]') names no one."""
    group = w.group
    if w.block is not Block.SECTION or group is None or not group.items:
        return False
    owners = [found.group(1) for line in raw.split("\n") if (found := _OWNER_LINE.match(line.strip()))]
    owner = decoded(owners[0]).strip() if owners else ""
    if not owner:
        return False
    if not PLACEHOLDER.match(owner) and len(owner) <= 80:
        for item in group.all_items():
            item.owner = item.owner or owner
        w.fates["owners"] += 1
    w.keep(text)
    return True


def _signs_group(w: Walk, text: str, line: int) -> bool:
    """Signature lines under a group ('**Sign-off**: ____', 'Name: ___ Date: ___' under a sign-off heading): its sign-off."""
    if w.block is not Block.SECTION or w.section is None or not (_SIGNOFF_LINE.match(text) or (w.signing and signature_lines(text))):
        return False
    group = w.group or (w.section.groups[-1] if w.section.groups else None)
    if group is None or group.signoff is None:
        return False
    group.signoff = True
    if not _SIGNOFF_LINE.match(text) or w.signing:
        w.src.note(Kind.GROUP_SIGNOFF, line)
    w.fates["group sign-off"] += 1
    return True


def metadata(w: Walk, raw: str, node: SyntaxTreeNode) -> bool:
    """'**Version**: 1.0' lines (all of the paragraph's lines) as the checklist's metadata."""
    pairs = [re.match(r"^\*\*([^*]+?)\*\*\s*:?\s*:?\s*(.*?)\s*$", line.strip()) for line in raw.split("\n")]
    if not pairs or not all(p and p.group(1).strip(": ").lower() in META for p in pairs):
        return False
    for p in pairs:
        assert p is not None
        set_meta(w, META[p.group(1).strip(": ").lower()], decoded(p.group(2)), line_of(node))
    w.fates["metadata"] += 1
    return True


def html_block(w: Walk, node: SyntaxTreeNode) -> None:
    content = node.content.strip()
    if content == RECORD_HINT and node.map:  # a record's fields follow (a group's sign-off, an approval): ``record_of``
        w.record_at = node.map[1]
        w.fates["dropped"] += 1
        return
    hint = re.match(r"^<!--\s*checklist-site:\s*([a-z-]+)\s*-->$", content)
    if hint:
        w.hint = Heading.hinted(hint.group(1))
        if w.hint is None:
            w.src.note(Kind.HINT, line_of(node), hint.group(1))
        w.fates["dropped"] += 1
        return
    heading_tag = re.fullmatch(r"<h1\b[^>]*>(.*?)</h1>", content, re.I | re.DOTALL)
    if heading_tag and not w.draft.title:
        w.draft.title = " ".join(w.src.clean(heading_tag.group(1), line_of(node), tags=True).split())
        w.fates["title"] += 1
        return
    summary = re.search(r"<summary>(.*?)</summary>", content, re.I | re.DOTALL)
    if summary and w.block in (Block.SECTION, Block.PART, Block.PREAMBLE):  # before any section: one of its own
        w.src.note(Kind.HTML, line_of(node), "<details>")
        title = w.inline(summary.group(1), line_of(node)) or "Details"
        inside = w.opened[-1].level + 1 if w.opened and w.opened[-1] in w.path else w.top + 1  # one opened in another: under it
        section = w.section
        if not w.opened and section is not None and section is w.closed_section:  # beside the one that made a section
            start_block(w, node, title, "")
        else:
            sub_heading(w, node, inside, title, "")
        made = w.section is not section and w.block is Block.SECTION  # before any section: one of its own
        w.opened += [Title(0, title, "", None, line_of(node))] if made else w.path[-1:]
        return
    if re.fullmatch(r"(?:</details>\s*)+", content, re.I) and w.opened:  # the boxes after it are the enclosing heading's again
        for _ in range(min(content.lower().count("</details>"), len(w.opened))):
            closed = w.opened.pop()
            if closed.level == 0:
                w.closed_section = w.section
            elif closed in w.path:
                w.path, w.group = w.path[: w.path.index(closed)], None
        w.fates["dropped"] += 1
        return
    if _NAV.search(content) or re.search(r"href=\"#", content):
        w.src.note(Kind.NAV, line_of(node))
        w.fates["dropped"] += 1
        return
    text = w.src.clean(content, line_of(node), w.anchors, tags=True)
    if text:
        w.keep(text)
    else:
        w.fates["dropped"] += 1


def code(w: Walk, node: SyntaxTreeNode) -> None:
    if code_in_final(w, node) or _signs_group(w, node.content, line_of(node)):
        return
    w.keep(w.prose(node))


def quote(w: Walk, node: SyntaxTreeNode) -> None:
    """A quote (a GitHub alert '> [!NOTE]' too): prose; one that holds boxes is read block by block, as if unquoted,
    unless it is shown as an example ('For example:' before it): prose then, as an example in code is."""
    if not has_boxes(node) or led_example(w.src, node):
        other(w, node)
        return
    for child in node.children:
        visit(w, child)


def rule(w: Walk, _node: SyntaxTreeNode) -> None:
    """A thematic break ('---', '***'; HTML's '<hr>', reStructuredText's transition, AsciiDoc's three quotes, org's
    '-----'): no content, but the boxes after it are a group of their own, as the line sets them apart from those above
    (they were one group); before a heading or between paragraphs it changes nothing."""
    w.fates["rules"] += 1
    if w.group is not None and w.group.items:
        w.group, w.last_item, w.ruled = None, None, True


def other(w: Walk, node: SyntaxTreeNode) -> None:
    text = w.prose(node)
    if text:
        w.keep(text)
    else:
        w.fates["dropped"] += 1


RULES: dict[str, Rule] = {
    "heading": heading,
    "paragraph": paragraph,
    "bullet_list": a_list,
    "ordered_list": a_list,
    "table": a_table,
    "html_block": html_block,
    "fence": code,
    "code_block": code,
    "hr": rule,
    "blockquote": quote,
}


# ---- the walk


def visit(w: Walk, node: SyntaxTreeNode) -> None:
    """One top-level block: a pending label or a task list's last item may claim it first, then its rule."""
    last, w.last_item = w.last_item, None
    if w.label is not None and node.type not in ("bullet_list", "ordered_list"):
        w.flush_label()
    if node.type in ("fence", "code_block", "blockquote") and last is not None and not has_boxes(node):
        last.details.append(w.prose(node))
        w.last_item = last
        w.fates["details"] += 1
        return
    RULES.get(node.type, other)(w, node)


def _outline(headings: list[SyntaxTreeNode], boxes: list[int], chapters: bool = False, declared: bool = False) -> tuple[SyntaxTreeNode | None, int]:
    """The title heading (a first '#' with no box before the next heading, unless the '#' headings are ``chapters``;
    the only '#' of a dialect that ``declared`` its title, org's '#+TITLE:', AsciiDoc's '= Title', boxes under it or
    not) and the level of sections.

    Sections are at the highest level among the headings that come before a box: a '# Contributing'
    after the last box does not make the checklist's '##' headings into groups.
    """
    first = headings[0] if headings and headings[0].tag == "h1" and not chapters else None
    declared = declared and first is not None and not any(n.tag == "h1" for n in headings[1:])
    if first is not None and len(headings) > 1 and not declared:
        start, end = line_of(first), line_of(headings[1])
        first = None if any(start < b < end for b in boxes) else first
    last_box = max(boxes, default=0)
    levels = sorted({int(n.tag[1]) for n in headings if n is not first and line_of(n) < last_box})
    return first, _holding_level([n for n in headings if n is not first], boxes, levels)


def _page_title(w: Walk, headings: list[SyntaxTreeNode], boxes: list[int]) -> None:
    """A page's one '#' heading, first of its headings with no box before it, over its boxes and then a heading of
    prose ('# Rotate the signing key' over its steps, then '## Further reading'): a section for its boxes, and the
    checklist's title still. The title was the file's name ('govuk steps'), though the same page without its last
    heading was titled by its '#'."""
    tops = [n for n in headings if n.tag == "h1"]
    if w.draft.title or w.title_node is not None or len(tops) != 1 or headings[0] is not tops[0] or any(b < line_of(tops[0]) for b in boxes):
        return
    text = explicit_id(w.heading_text(tops[0]))[0]
    title = split_icon(re.sub(r"!\[[^\[\]]*\]\([^()]*\)", "", text).strip())[1]
    w.draft.title = title.rstrip(":：").strip() or title


def _holding_level(headings: list[SyntaxTreeNode], boxes: list[int], levels: list[int]) -> int:
    """The level of sections: the highest of ``levels``, unless one heading of it holds every box, chapters of prose
    come before it, and two or more headings below it hold boxes, with headings under them ('=head1 DETAILS' after
    NAME and SYNOPSIS, over '=head2 Building a release - on the day' and the other stages, over their steps: a guide's
    one chapter of steps): those headings are the sections."""
    for top, below in itertools.pairwise(levels):
        spans = [(start, end) for level, start, end in _spans(headings, top) if level == top]
        holding = [(start, end) for start, end in spans if any(start < b < end for b in boxes)]
        if len(holding) != 1 or spans[0] == holding[0]:
            break
        start, end = holding[0]
        inner = [(s, e) for level, s, e in _spans(headings, below) if level == below and start < s < end and any(s < b < e for b in boxes)]
        deeper = {int(n.tag[1]) for n in headings if start < line_of(n) < end and int(n.tag[1]) > below}
        if len(inner) < 2 or not deeper:  # one level of groups under it ('## Post-Merge Actions' over two): its groups
            break
        levels = levels[1:]
    return levels[0] if levels else 2


def _spans(headings: list[SyntaxTreeNode], level: int) -> list[tuple[int, int, int]]:
    """(level, first line, line of the next heading of that level or higher) of each heading of ``level`` or higher."""
    marks = [(int(n.tag[1]), line_of(n)) for n in headings if int(n.tag[1]) <= level]
    return [(lv, start, marks[k + 1][1] if k + 1 < len(marks) else 10**9) for k, (lv, start) in enumerate(marks)]


# Words a checklist's title has ('Machine Learning Project Checklist', 'Release Runbook'), which a chapter's lacks.
_TITLE_WORDS = re.compile(
    r"checklist|check list|runbook|playbook|guide|handbook|procedure|plan\b|process|template|list\b|steps|release|lesson|project"
    r"|course|tutorial|notebook|workbook|assignment|homework|lab\b|exercise",
    re.I,
)


def _chapters(w: Walk, headings: list[SyntaxTreeNode]) -> bool:
    """Whether a notebook's '#' headings are its chapters, the first no title: three or more of them, the first of
    no word a title has ('# Motivation' over a blurb, then '# Outline', '# Notebook', '# Slideshow', one a cell).
    The title is then the notebook's name."""
    tops = [n for n in headings if n.tag == "h1"]
    return w.src.dialect == "notebook" and len(tops) >= 3 and not _TITLE_WORDS.search(w.heading_text(tops[0]))


_IN_LINE = re.compile(r"(?<=\S)[ \t]+(?:\[[ xX]\]|[☐☑☒])(?=[ \t]|$)")


def _boxes_in_lines(src: Source) -> None:
    """Boxes inside a line of prose are not items (a choice between options, a field of a form): each is said, with its line."""
    for node in src.tree.walk():
        if node.type == "paragraph" and node.map and node.children:
            for offset, line in enumerate(node.children[0].content.split("\n")):
                for _ in _IN_LINE.findall(re.sub(r"`[^`]*`", "", line)):
                    src.note(Kind.INLINE_BOX, node.map[0] + 1 + offset)


def _colon_labels(src: Source) -> set[int]:
    """The lines of short paragraphs ending with a colon right over a list of boxes ('Devices:' then '* [ ] FP5',
    'Release:' then '* [ ] Tag', as issue templates name their runs of steps), or a bold label with a few words after
    it ('**Engineering:** (Priya owns)', an onboarding list's department and its owner), where a file has two or more:
    each labels the list under it, as a '**Label**' does. One such line alone ('Complete the following:') stays text,
    and so do those of a file whose plain bullets are read as its boxes ('This tool will:' over what it does)."""
    found = []
    children = src.tree.children
    for node, after in itertools.pairwise(children):
        raw = node.children[0].content.strip() if node.type == "paragraph" and node.children else ""
        plain = raw.endswith((":", "：")) and raw[:-1].strip() and not raw.startswith("**")
        if raw and "\n" not in raw and len(raw) <= 80 and (plain or _BOLD_LABEL.match(raw)):
            if after.type in ("bullet_list", "ordered_list") and has_boxes(after):
                found.append(line_of(node))
    return set(found) if len(found) >= 2 else set()


# A bold label and a few words after it ('**Engineering:** (Priya owns)', '**Sales**: David'): a label naming its owner.
_BOLD_LABEL = re.compile(r"^\*\*([^*]+?)(?::\*\*|\*\*\s*:)\s*(\S.{0,39})$")


def _colon_label(text: str) -> str:
    """A label's words: 'Devices' from 'Devices:', 'Engineering (Priya owns)' from '**Engineering:** (Priya owns)'.

    >>> _colon_label("Devices:"), _colon_label("**Engineering:** (Priya owns)"), _colon_label("**Sales**: David")
    ('Devices', 'Engineering (Priya owns)', 'Sales David')
    """
    bold = _BOLD_LABEL.match(text)
    return f"{bold.group(1).strip()} {bold.group(2).strip()}" if bold else text.strip().rstrip(":：").strip()


def _trailing(blocks: list[SyntaxTreeNode]) -> int:
    """How many headings end the file with nothing under them ('# End RELEASE_CHECKLIST.txt' after the last step):
    they title no part of it, so they make no second top heading beside its title."""
    count = 0
    while count < len(blocks) and blocks[len(blocks) - 1 - count].type == "heading":
        count += 1
    return count if count < len(blocks) else 0


def _template_named(front: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """An issue template's front matter (its 'name' and 'about') whose 'title' is only the tag its issues' titles open
    with ('[DEPLOY] ', '[Bug]: ', or none): its name is the checklist's title ('🚀 Deploy'), as the template picker
    shows it.

    >>> _template_named({"name": ("🚀 Deploy", 2), "about": ("Ship it", 3), "title": ("[DEPLOY] ", 4)})["title"]
    ('🚀 Deploy', 2)
    >>> _template_named({"name": ("Release", 2), "about": ("x", 3), "title": ("[1.XX] Release cycle", 4)})["title"]
    ('[1.XX] Release cycle', 4)
    """
    if "name" not in front or "about" not in front or not re.fullmatch(r"(?:\s*\[[^\]]*\]\s*:?)*\s*", front.get("title", ("", 0))[0]):
        return front
    named = {k: v for k, v in front.items() if k not in ("name", "title")}
    return {"title": front["name"], **named}


def _first_title(src: Source) -> str:
    """The title the file gives before it is read: its front matter's, else its first heading's."""
    said = src.front.get("title", ("", 0))[0]
    heading = next((n for n in src.tree.children if n.type == "heading"), None)
    return said or (heading.children[0].content if heading is not None and heading.children else "")


def import_markdown(text: str, name: str, options: Options | None = None) -> Imported:
    """Read Markdown ``text`` (named ``name`` in messages) into a checklist draft that passes check."""
    src = Source(text, name, (options or Options()).beside)
    _boxes_in_lines(src)
    boxes = find_boxes(src)
    about = article(src, boxes, _first_title(src))
    if about is not None:  # boxes shown as examples, or advice among prose: no checklist to read (importing says so)
        return Imported(Walk(src, options or Options()).draft, src, [], {}, {}, Counter(), (about.line, about.said, about.hint))
    own = bool(boxes)  # boxes the file wrote (else its bullets, steps or rows are read as boxes: their lead-in lines are prose)
    readings = (src.step_headings_as_boxes, src.prose_headings_as_boxes, src.tables_over_bullets, src.plain_lists_as_boxes, src.lines_as_boxes,
                src.tables_as_boxes)
    if not boxes and not src.readme() and any(read() for read in readings):
        # no box: step headings, else headings of steps over prose, else plain bullets, else step lines or a text's lines, else tables
        boxes = find_boxes(src)
    w = Walk(src, options or Options())
    headings = [n for n in src.tree.children if n.type == "heading"]
    w.loud = sum(shouting(w.heading_text(n)) for n in headings) >= 3
    declared = src.dialect in ("org", "asciidoc")  # their '#' is the document's title line, a heading of none else
    outline = headings[: len(headings) - _trailing(src.tree.children)]  # '# End RELEASE_CHECKLIST.txt' closing the file: no chapter
    w.title_node, w.top = _outline(outline, [b.line for b in boxes], _chapters(w, outline), declared)
    w.colon_labels = _colon_labels(src) if own else set()
    w.numbering = bare_numbering([(line_of(n), int(n.tag[1]), w.heading_text(n)) for n in headings])
    for key, (value, line) in _template_named(src.front).items():
        field_name = META.get(key.replace("-", " ").replace("_", " "), "")
        if field_name:
            set_meta(w, field_name, value, line)
        else:
            src.note(Kind.FRONT, line, key)
    for node in src.tree.children:
        visit(w, node)
    w.flush_label()
    _page_title(w, headings, [b.line for b in boxes])
    pages = finish(w)
    return Imported(w.draft, src, boxes, w.placed, pages, w.fates)


__all__ = ["BOX", "RULES", "Imported", "Options", "import_markdown"]
