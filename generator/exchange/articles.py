"""Articles about checklists: a post or a guide that explains how to write one, its boxes examples set in code or in
quotes, or its bullets advice among paragraphs of prose. Such a file holds no checklist of its own: import says so
(at the first example) rather than make items of its examples or its advice."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.tree import SyntaxTreeNode

from .dialects import example_fences, is_task_line, lead_before, leads_into_example
from .source import Source
from .walk import Box, has_boxes, line_of

# A title about checklists rather than one: 'How to write a good release checklist', 'Why every team needs a launch
# checklist', 'The anatomy of a checklist', 'Do you need a checklist?'.
_ABOUT = re.compile(
    r"\b(?:how|why|what|when|writing|write|tips?|lessons?|guide|art|anatomy|power|benefits?|importance|case for|in praise|"
    r"mistakes|myths?|secrets?|reasons?|ways?)\b.*\bcheck-?lists?\b|\bcheck-?lists?\b.*\?\s*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?](?:[\"')\]]*)(?:\s|$)")


@dataclass(frozen=True)
class Article:
    """Why the file reads as an article: the line of its first example (or its title) and what it holds."""

    line: int
    said: str
    hint: str


def led_example(src: Source, node: SyntaxTreeNode) -> bool:
    """Whether a quote or a list is shown as an example: the paragraph or heading right before it leads into one ('For
    example:', 'The result looks like this:', '## Examples'), or it stands in a section showing the syntax of task
    lists (dialects.syntax_sections: 'Task lists' over 'To create a task list, preface list items with … `[ ]`')."""
    start = node.map[0] if node.map else 0
    return bool(node.map) and (start in src.syntax or leads_into_example(lead_before(src.lines, start)))


def _examples(src: Source) -> list[int]:
    """The lines (from 1) of the boxes the file shows as examples: in code blocks, and in quotes and lists led into as
    examples."""
    lines = [n + 1 for n in example_fences(src.lines)]
    lines += [n + 1 for n in src.syntax if is_task_line(src.lines[n])]
    for node in src.tree.children:
        if node.type in ("blockquote", "bullet_list", "ordered_list") and has_boxes(node) and led_example(src, node):
            span = node.map or (0, 0)
            lines += [n + 1 for n in range(span[0], span[1]) if is_task_line(src.lines[n])]
    return sorted(set(lines))


def _prose(src: Source) -> tuple[int, int]:
    """How many paragraphs of two sentences or more the file has outside lists and quotes, and their words."""
    paragraphs = words = 0
    for node in src.tree.children:
        if node.type != "paragraph" or not node.children:
            continue
        text = node.children[0].content
        if len(_SENTENCE_END.findall(text)) >= 2:
            paragraphs += 1
            words += len(text.split())
    return paragraphs, words


def _list_words(src: Source) -> int:
    return sum(len((n.children[0].children[0].content if n.children and n.children[0].children else "").split())
               for n in src.tree.walk() if n.type == "list_item")


def _title_line(src: Source) -> int:
    heading = next((n for n in src.tree.children if n.type == "heading"), None)
    return src.front.get("title", ("", 0))[1] or (line_of(heading) if heading is not None else 1)


def article(src: Source, boxes: list[Box], title: str) -> Article | None:
    """The file is an article about checklists, not one: every box it has is an example (in code, or in a quote or a
    list an example leads into), or it has no box and its title is about checklists, its few bullets set among more
    prose than they hold (three paragraphs of sentences or more, three times their words)."""
    examples = _examples(src)
    if examples and all(b.line in examples for b in boxes):
        places = list(dict.fromkeys(src.place(n)[0] for n in examples))  # the file's own lines (an HTML page's may be one)
        shown = ", ".join(str(n) for n in places[:6]) + (", …" if len(places) > 6 else "")
        said = f"its {len(examples)} check box{'es are' if len(examples) != 1 else ' is'} examples it shows (line{'s' if len(places) != 1 else ''} {shown})"
        hint = (
            "to import an example it shows, save its lines in a file of their own and import that; to make this file a"
            " checklist, write its checks as task items ('- [ ] Tag the release') outside code, quotes and examples"
        )
        where = "in code or after 'for example'" if not any(n - 1 in src.syntax for n in examples) else "showing the syntax of task lists"
        return Article(examples[0], f"{said}, {where}", hint)
    if boxes or not _ABOUT.search(title):
        return None
    paragraphs, words = _prose(src)
    listed = _list_words(src)
    if paragraphs >= 3 and words >= 3 * listed:
        hint = "to import its bullets as the checks they suggest, write them as task items ('- [ ] Rollback plan written down')"
        said = f"its title ('{title[:60]}') is about checklists, and its {paragraphs} paragraphs of prose say more than its lists"
        return Article(_title_line(src), said, hint)
    return None
