"""After the walk: the importer repairs its own draft so that it passes check, and says what it changed.

Empty containers give their prose to a neighbour, groups of labelled lists only become one group per list, nesting
deeper than the format holds is lifted, texts over a limit are cut (the whole kept) or moved to a page, links to
addresses the format refuses become text, and every text is of its field's kind (one line where one line is due).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from typing import Any

from ..format.fold import DEVICE_IDS
from ..format.markup import bad_links, code_blocks, code_lines, link_count, link_targets, scheme
from ..format.model import Priority
from ..format.schema import CHECKLIST, MAX_MARKDOWN, MAX_TEXT, Spec
from ..format.types import (
    MAX_LINKS,
    Code,
    InlineMarkdown,
    Line,
    Markdown,
    MarkdownBlock,
    code_in,
    code_shown,
    hidden_at,
    hidden_in_code,
    snippet_free,
    snippet_notation,
)
from ..site.escape import markdown, strip_links
from ..site.layout import checklist_page, data_link, imported_page, relative_path
from .drafts import ChecklistDraft, GroupDraft, ItemDraft, LegendDraft, OptionDraft, RoleDraft, SectionDraft
from .marks import Level, slug, squeezed, strongest
from .source import SECTION_LINK, Kind, Source
from .walk import BLANK, Walk

_NOTES_ROOM = MAX_MARKDOWN - 200


def _fits(blocks: list[str]) -> bool:
    """Whether prose of these blocks fits a Markdown block of the data: its length, and its links (``MAX_LINKS``)."""
    text = "\n\n".join(blocks)
    return len(text) <= _NOTES_ROOM and link_count(text) <= MAX_LINKS
# The front matter of a page of prose moved out of the data: a file's third-party text, whose code blocks are as written,
# which a macros extension (Zensical's, mkdocs-macros) must not run as a template.
_NOT_A_TEMPLATE = ["---", "render_macros: false  # prose imported from another file: not a template", "---", ""]
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]+`)", re.DOTALL)
_LOCAL = re.compile(rf"(?<!!)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\({SECTION_LINK}\)")


_FILE_TITLE = re.compile(r"[`*]*(?:[\w.-]+/)*([\w-]+)\.(?:md|markdown|mdx|txt|rst|adoc|org|ya?ml|html?)[`*]*", re.I)


def _named_file(title: str) -> str:
    """A title that is the path of the file the text is ('# .github/pull_request_template.md' over a template pasted as
    it is kept): the file's name in words, as a title of its own names it ('Pull request template').

    >>> [_named_file(t) for t in [".github/pull_request_template.md", "`docs/RELEASE-CHECKLIST.md`", "Release v1.2.md notes"]]
    ['Pull request template', 'RELEASE CHECKLIST', 'Release v1.2.md notes']
    """
    found = _FILE_TITLE.fullmatch(title)
    words = re.sub(r"[-_]+", " ", found.group(1)).strip() if found else ""
    return (words[:1].upper() + words[1:] if words else title) if found else title


def finish(w: Walk) -> dict[str, str]:
    """Complete the draft so that it passes check; returns the hand-written pages long prose moved to."""
    draft, src = w.draft, w.src
    draft.title = _named_file(" ".join(draft.title.split())) or re.sub(r"[-_]+", " ", src.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]).strip() or "Checklist"
    draft.id = (w.options.checklist_id or draft.id or w.options.default_id or slug(draft.title, 3))[:56].strip("-") or "checklist"
    if draft.id in DEVICE_IDS:  # --id refuses such a name; its record folder 'aux.record': not on Windows (check refuses it)
        draft.id += "-1"
    if w.preamble:
        first = draft.sections[0] if draft.sections else None
        if first is not None:
            first.notes[:0] = w.preamble
        else:
            w.draft.sections.append(SectionDraft(w.ids.make("about", 1), "About", 0, notes=list(w.preamble)))
    _drop_blank_boxes(w)
    _settle_groups(draft, src)
    orphans = _drop_empty(draft, src)
    if not draft.sections:
        _fallback_section(w, orphans)
    for section in draft.sections:
        levels = [Level.CRITICAL if i.critical or i.priority is None else Level(i.priority.value) for i in section.all_items() if i.critical or i.priority]
        if levels and any(not i.critical and i.priority is None for i in section.all_items()):
            levels.append(Level.MEDIUM)  # an item of no level is medium: one '(optional)' step made its section's others low
        top = strongest(levels)
        section.priority = section.priority or (Priority.CRITICAL if top is Level.CRITICAL else top.priority if top else None) or Priority.MEDIUM
    _complete_final(w)
    if any(i.critical for i in draft.all_items()) and any("🔴" in i.text for i in draft.instructions):
        draft.legend = LegendDraft("Critical item: don't skip it (marked 🔴 in the original checklist).")
    draft.instructions = _lift(draft.instructions, 1, src)
    for block in (*draft.sections, *(p for p in (draft.metrics, draft.post_launch) if p)):
        for group in block.groups:
            group.items = _lift(group.items, 1, src)
            for lst in group.lists:
                lst.items = _lift(lst.items, 1, src)
    pages = {s.id: {g.id for g in s.groups} | {x.id for g in s.groups for x in g.lists} | {i.id for i in s.all_items()} for s in draft.sections}
    _settle_texts(draft, CHECKLIST, src, 0, lambda text, line: _local_links(text, pages, src, line))
    return _fit(draft, src)


def _drop_blank_boxes(w: Walk) -> None:
    """A box with nothing after it and nothing under it ('- [ ] ', a template's blank line to write a step on, ticked
    or not) is no item: it was '(no text)'. One with sub-items or details keeps its place, as '(no text)'."""
    draft = w.draft

    def kept(items: list[ItemDraft]) -> list[ItemDraft]:
        out = []
        for item in items:
            item.items = kept(item.items)
            if item.text.strip() or item.items or item.details:
                item.text = item.text if item.text.strip() else "(no text)"  # no text may be empty: check refuses it
                out.append(item)
            else:
                w.src.note(Kind.BLANK_BOX, item.line)
                w.place(item.line, BLANK)
        return out

    draft.instructions = kept(draft.instructions)
    for block in (*draft.sections, *(p for p in (draft.metrics, draft.post_launch) if p)):
        for group in block.groups:
            group.items = kept(group.items)
            for lst in group.lists:
                lst.items = kept(lst.items)


def _settle_groups(draft: ChecklistDraft, src: Source) -> None:
    """Labelled lists without boxes are gone (their label was prose); a group of labelled lists only: one group per list."""
    for block in (*draft.sections, *(p for p in (draft.metrics, draft.post_launch) if p)):
        groups: list[GroupDraft] = []
        for group in block.groups:
            group.lists = [lst for lst in group.lists if lst.items]
            if group.items or not group.lists:
                group.title += f" ({group.part})" if group.part else ""  # a rule's part of its heading's boxes
                groups.append(group)
                continue
            src.note(Kind.SPLIT, group.lists[0].items[0].line, group.title)
            for lst in group.lists:
                title = lst.label if group.title == block.title else f"{group.title} › {lst.label}"
                groups.append(GroupDraft(lst.id, title, lst.items, signoff=group.signoff, priority=group.priority, ordered=lst.ordered))
        block.groups = [g for g in groups if g.items]


def _drop_empty(draft: ChecklistDraft, src: Source) -> list[str]:
    """A section without boxes is no page: its prose joins the section before it (or after it); so does a part's."""
    kept: list[SectionDraft] = []
    orphans: list[str] = []
    for section in draft.sections:
        if section.groups:
            section.notes[:0] = orphans
            orphans = []
            kept.append(section)
            continue
        if section.notes:
            src.note(Kind.MOVED, max(section.line, 1), section.title)
            moved = [f"**{section.title}**", *section.notes]
            if kept:
                kept[-1].notes += moved
            else:
                orphans += moved
    for name in ("metrics", "post_launch"):
        part = getattr(draft, name)
        if part is not None and part.notes:
            src.note(Kind.MOVED, 1, part.title)
            (kept[-1].notes if kept else orphans).extend([f"**{part.title}**", *part.notes])
            part.notes = []
        if part is not None and not part.groups:
            setattr(draft, name, None)
    if draft.rollback is not None and not draft.rollback.steps:
        if draft.rollback.when:
            orphans += [f"**{draft.rollback.title}**", draft.rollback.when]
        draft.rollback = None
    if orphans and kept:
        kept[-1].notes += orphans
        orphans = []
    draft.sections = kept
    return orphans


def _fallback_section(w: Walk, notes: list[str]) -> None:
    """No box stood under a section: the instructions (or, failing them, the Go/No-Go boxes) make one."""
    draft = w.draft
    section = SectionDraft(w.ids.make(draft.title, 2), draft.title, 0, notes=notes)
    items = list(draft.instructions)
    draft.instructions = []
    if not items and draft.final_signoff is not None:
        options = draft.final_signoff.decision.options
        items = [ItemDraft(o.id, f"{o.label}: {o.text}" if o.text != o.label else o.label, o.line, ticked=o.ticked) for o in options]
        draft.final_signoff.decision.options = []
    if not items:  # only boxes the walk gave to the sign-off or the rollback: each an item, as written
        items = [ItemDraft(w.ids.make(b.text, 4), b.text, b.line) for b in _boxes(w) if b.text.strip()]  # a blank box: none
    if not items:
        return  # blank boxes alone: the import is refused, saying so
    section.groups.append(GroupDraft(w.ids.make(draft.title + " items", 3), draft.title, items))
    draft.sections = [section]
    for item in items:
        w.place(item.line, "item")


def _boxes(w: Walk) -> list[Any]:
    from .walk import find_boxes

    return find_boxes(w.src)


def _complete_final(w: Walk) -> None:
    """A final sign-off needs approvers and Go/No-Go boxes: what the file lacks is filled with defaults."""
    draft, ids, final = w.draft, w.ids, w.draft.final_signoff
    if final is None:
        return
    approval, decision = final.approval, final.decision
    if not approval.roles and not decision.options:
        draft.final_signoff = None
        return
    if not approval.roles or not decision.options:
        w.src.note(Kind.FINAL, decision.options[0].line if decision.options else 1, final.title)
    if not approval.roles:
        approval.roles.append(RoleDraft(ids.make("approver", 1), "Approver"))
    if not decision.options:
        decision.options += [
            OptionDraft(ids.make("go", 1), "GO", "Ready to launch", 0),
            OptionDraft(ids.make("no go", 2), "NO-GO", "Not ready, see the notes", 0),
        ]
    approval.id = ids.claim(approval.id) if approval.id else ids.make(approval.title, 3)
    decision.id = ids.claim(decision.id) if decision.id else ids.make(decision.title, 3)


def _lift(items: list[ItemDraft], depth: int, src: Source) -> list[ItemDraft]:
    """Boxes nested deeper than the format's three levels follow their parent at the third level, in order."""
    out: list[ItemDraft] = []
    for item in items:
        out.append(item)
        if depth < 3:
            item.items = _lift(item.items, depth + 1, src)
            continue
        deeper = [sub for child in item.items for sub in child.walk()]
        item.items, item.ordered = [], False  # nothing left under it to number
        for sub in deeper:
            src.note(Kind.NESTED, sub.line, sub.text)
            sub.items, sub.ordered = [], False
        out += deeper
    return out


# ---- texts: each of its field's kind, within the format's limits


def _strays(text: str, pages: dict[str, set[str]]) -> list[str]:
    """Relative addresses a text still links to (as the site's Markdown reads it) that lead to no page of this
    checklist: a template's '[the issue]({LINK HERE})', a destination with a space the cleaner's pattern did not see."""
    if "](" not in text or link_count(text) > MAX_LINKS:
        return []  # past the limit: defuse makes every link text, without reading them
    known = re.compile(rf"(?:{'|'.join(map(re.escape, pages))})\.md(?:#[a-z0-9-]+)?") if pages else None
    return [url for url in link_targets(text, block=True) if not scheme(url) and not (known and known.fullmatch(url))]


def _local_links(text: str, pages: dict[str, set[str]], src: Source, line: int) -> str:
    """Links to 'SECTION.md#anchor' stay where that section holds that anchor (a group, labelled list or item: one
    made while the walk went may have been merged or split since); to the page alone where only the anchor is gone;
    others become their text."""

    def one(match: re.Match[str]) -> str:
        anchor = (match.group(3) or "#")[1:]
        if match.group(2) in pages and (not anchor or anchor in pages[match.group(2)]):
            return match.group(0)
        src.note(Kind.LINK, line, match.group(2) + ".md" + (match.group(3) or ""))
        return f"[{match.group(1)}]({match.group(2)}.md)" if match.group(2) in pages else match.group(1)

    text = _LOCAL.sub(one, text) if ".md" in text else text
    strays = _strays(text, pages)
    if not strays:
        return text
    src.note(Kind.LINK, line, strays[0][:60])
    parts = _CODE.split(text)  # each link's syntax written as text: '[the issue]({LINK HERE})' reads as written
    return "".join(part if n % 2 else part.replace("[", "\\[").replace("]", "\\]") for n, part in enumerate(parts))


def _settle_texts(node: Any, spec: Spec, src: Source, line: int, links: Callable[[str, int], str]) -> None:
    """Every text of the draft, by the kind its key is declared with: one line where one line is due (``Line``), a
    Markdown block's paragraphs defused (``Markdown``), links the format allows, never empty."""
    line = getattr(node, "line", line) or line
    for f in spec.fields:
        value = getattr(node, f.name, None)
        inner = f.type.specs()
        if inner:
            for child in value if isinstance(value, list) else [] if value is None else [value]:
                _settle_texts(child, inner[0], src, line, links)
        elif isinstance(f.type, Line) and isinstance(value, str) and value:
            text = _code_cleared(_one_line(links(value, line), src, line), src, line, command=issubclass(f.type.kind, Code))
            if isinstance(node, ItemDraft) and f.name == "text" and len(text) > MAX_TEXT:
                node.details.insert(0, text)
            setattr(node, f.name, _cut(text, src, line) or "(no text)")
        elif isinstance(f.type, Markdown) and isinstance(value, list):
            setattr(node, f.name, [t for t in (_code_cleared(defuse(links(v, line), src, line), src, line) for v in value) if t.strip()])
    if isinstance(node, ItemDraft) and node.owner:  # an Owner column: the record's 'assign ... to', one line of plain text
        node.owner = _cut(_one_line(links(node.owner, line), src, line), src, line)


def _code_cleared(text: str, src: Source, line: int, command: bool = False) -> str:
    """``text`` (a ``command``, or Markdown) with each character of its code that the page does not show left out, a
    blank that is no space made a space (:func:`types.code_shown`, which the writer's gate applies again), each noted
    where it stands in the file: the code as the file holds it is looked for on the text's lines."""
    cleared_text = code_shown(text, command)
    if cleared_text == text:
        return text
    codes = [text] if command else [code for code in code_in(text, block=True) if hidden_in_code(code)]
    for code in codes:
        said = code[: hidden_at(code) + 1].split("\n")[-1]
        number, column = src.place(line, said)
        held = src.source_lines[number - 1] if 0 < number <= len(src.source_lines) else ""
        column += len(said) - 1 if held[column - 1 :].startswith(said) else 0
        src.note(Kind.HIDDEN_CODE, line, f"{hidden_in_code(code)} in {code_shown(code, True).strip()[:40]!r}", at=(number, column))
    return cleared_text


def _one_line(text: str, src: Source, line: int) -> str:
    return defuse(squeezed(text), src, line)


def _cut(text: str, src: Source, line: int) -> str:
    if len(text) <= MAX_TEXT:
        return text
    src.note(Kind.CUT, line, text[:40])
    return text[: MAX_TEXT - 20].rsplit(" ", 1)[0] + " …"


def defuse(text: str, src: Source, line: int) -> str:
    """Links to addresses the format refuses (javascript:, data:, …) become text: their brackets written as text; the
    notation of pymdownx.snippets in code, which the format refuses there, gets its scissors broken ('8 <')."""
    if "8<-" in text and (found := snippet_notation("\n".join(code_blocks(text)))):
        src.note(Kind.SNIPPET, line, found[:60])
        lines, code = text.split("\n"), set(code_lines(text))
        text = "\n".join(snippet_free(ln) if n in code else ln for n, ln in enumerate(lines))
    if link_count(text) > MAX_LINKS:  # reading them would take time growing with the square of their number
        src.note(Kind.LINKS, line)
        return _as_text(text)
    if not bad_links(text, block=True) and not bad_links(" ".join(text.split())):
        return text
    src.note(Kind.UNSAFE, line, bad_links(text, block=True)[:1] and bad_links(text, block=True)[0][:60] or "")
    text = _as_text(text)
    for url in bad_links(text, block=True) + bad_links(" ".join(text.split())):
        text = text.replace(url, "")  # a last resort: nothing of the address is left to link
    return text


def _as_text(text: str) -> str:
    """Every link's syntax outside code written as text: brackets escaped, angle brackets as references."""
    parts = _CODE.split(text)
    for n in range(0, len(parts), 2):
        parts[n] = parts[n].replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(parts)


# ---- prose over the notes limit: a page of its own


def _fit(draft: ChecklistDraft, src: Source) -> dict[str, str]:
    """Notes and details over the format's limit move to a page (``layout.imported_page``), linked from the section."""
    pages: dict[str, str] = {}
    for section in draft.sections:
        notes = "\n\n".join(section.notes)
        details = [i for i in section.all_items() if not _fits(i.details)]
        if _fits(section.notes) and not details:
            continue
        page_of_notes = imported_page(draft.id, section.id)
        moved = _rebased(draft.id, posixpath.dirname(page_of_notes.src))
        page = [*_NOT_A_TEMPLATE, f"# {markdown(InlineMarkdown(section.title))}: notes", "", markdown(MarkdownBlock(moved(notes))) if notes else ""]
        for item in details:
            page += ["", f"## {markdown(InlineMarkdown(item.text))} {{#{item.id}}}", "", markdown(MarkdownBlock(moved("\n\n".join(item.details))))]
            item.details = [f"More in [the notes of this section]({data_link(draft.id, page_of_notes, item.id)})."]
        if not _fits(section.notes):
            src.note(Kind.LONG, max(section.line, 1), section.title)
            first = _first_blocks(section.notes, 1000)
            section.notes = [*(first if _fits(first) else []), f"More in [the notes of this section]({data_link(draft.id, page_of_notes)})."]
        pages[page_of_notes.src] = "\n".join(page).strip() + "\n"
    others = [i for i in draft.instructions for i in i.walk()] + [i for p in (draft.metrics, draft.post_launch) if p for i in p.all_items()]
    for item in others:
        if not _fits(item.details):
            src.note(Kind.CUT, item.line, item.text[:40])
            item.details = _first_blocks(item.details, _NOTES_ROOM) or [item.details[0][: _NOTES_ROOM - 2] + " …"]
            item.details = item.details if _fits(item.details) else [strip_links(d) for d in item.details]  # their words, not links
    return pages


def _rebased(checklist_id: str, folder: str) -> Callable[[str], str]:
    """Links to the checklist's pages ('security.md#jwt', written from its folder) as written from ``folder``, where
    prose over the limit moves: they led to pages of that folder, which has none."""

    def one(match: re.Match[str]) -> str:
        target = relative_path(checklist_page(checklist_id, match.group(2)).src, folder)
        return f"[{match.group(1)}]({target}{match.group(3) or ''})"

    def rebase(text: str) -> str:
        parts = _CODE.split(text)
        return "".join(part if n % 2 else _LOCAL.sub(one, part) for n, part in enumerate(parts))

    return rebase


def _first_blocks(blocks: list[str], room: int) -> list[str]:
    """Whole blocks from the start while they fit: a cut never leaves a fence or a list open."""
    kept: list[str] = []
    for block in blocks:
        if sum(len(b) + 2 for b in kept) + len(block) > room:
            break
        kept.append(block)
    return kept
