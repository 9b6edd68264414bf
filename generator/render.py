"""Model -> Markdown pages: {path inside the generated folder: text}. No file I/O."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, Iterable

import jinja2

from .model import Checklist, Item

GENERATED_DIR = "checklists"  # inside docs/, owned by the generator
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

NavEntry = dict[str, Any]


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path relative to the generated folder -> Markdown
    nav: list[NavEntry]  # MkDocs nav entries, paths relative to docs/


def md(text: str) -> str:
    """Inline Markdown from the data, made inert: raw HTML shows as text, '{' opens no attribute list.

    >>> md("Response time < 500ms {: onclick=x}")
    'Response time &lt; 500ms \\\\{: onclick=x\\\\}'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("{", "\\{").replace("}", "\\}")


def plain(text: str) -> str:
    """Text for places where Markdown links can't nest (link texts, nav titles).

    >>> plain("See [the guide](https://x.test) *now*")
    'See the guide *now*'
    """
    return md(_LINK.sub(r"\1", text)).replace("[", "\\[").replace("]", "\\]")


def attr(text: str) -> str:
    """Text for an HTML attribute or raw HTML block."""
    return html.escape(_LINK.sub(r"\1", text), quote=True)


def item_lines(items: Iterable[Item], ordered: bool = False, indent: str = "", anchors: bool = True) -> str:
    """A Markdown task list: one line per item, sub-lists indented.

    On runbook pages (``anchors``) each item carries an anchor equal to its id and a permalink;
    on paper neither is wanted.
    """
    lines: list[str] = []
    for number, item in enumerate(items, 1):
        marker = f"{number}." if ordered else "-"
        badge = '<span class="cl-badge">Critical</span> ' if item.critical else ""
        target = f" (target: {md(item.target)})" if item.target else ""
        if anchors:
            lines.append(
                f"{indent}{marker} [ ] [](){{#{item.id} .cl-anchor}}{badge}{md(item.text)}{target} "
                f'[¶](#{item.id}){{.cl-permalink title="Link to this item" data-search-exclude=""}}'
            )
        else:
            lines.append(f"{indent}{marker} [ ] {badge}{md(item.text)}{target}")
        if item.items:
            lines.append(item_lines(item.items, item.ordered, indent + "    ", anchors))
    return "\n".join(lines)


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a <style> element.

    >>> css_string('Say "hi" </style>')
    '"Say \\\\22 hi\\\\22  \\\\3c /style\\\\3e "'
    """
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown attribute lists are written {#id}: keep Jinja comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(md=md, plain=plain, attr=attr, css=css_string)
    env.globals.update(item_lines=item_lines)
    return env


def render_checklist(env: jinja2.Environment, c: Checklist) -> tuple[dict[str, str], NavEntry]:
    base = f"{GENERATED_DIR}/{c.id}"
    pages: dict[str, str] = {}
    nav: list[Any] = []

    def page(name: str, template: str, title: str, **context: Any) -> None:
        path = f"{c.id}/{name}.md"
        pages[path] = env.get_template(template).render(c=c, **context)
        nav.append({title: f"{base}/{name}.md"})

    page("index", "overview.md.jinja", "Overview")
    for section in c.sections:
        page(section.id, "section.md.jinja", f"{section.number}. {section.title}", section=section)
    page("critical", "critical.md.jinja", "Critical items")
    if c.final_signoff:
        page("final-signoff", "final-signoff.md.jinja", c.final_signoff.title, final=c.final_signoff)
    for part in c.parts:
        page(part.id, "part.md.jinja", part.title, part=part)
    if c.rollback:
        page(c.rollback.id, "rollback.md.jinja", c.rollback.title, rollback=c.rollback)

    # Paper: a sheet per section, the final sign-off and rollback sheets, and the packet of all.
    runbook = nav
    nav = []
    page("packet", "packet.md.jinja", "Launch-meeting packet")
    for section in c.sections:
        page(f"sheets/{section.id}", "sheet-section.md.jinja", f"Sheet {section.number}. {section.title}", section=section)
    if c.final_signoff:
        page("sheets/final-signoff", "sheet-final.md.jinja", f"Sheet: {c.final_signoff.title}", final=c.final_signoff)
    if c.rollback:
        page(f"sheets/{c.rollback.id}", "sheet-rollback.md.jinja", f"Sheet: {c.rollback.title}", rollback=c.rollback)
    return pages, {c.title: [*runbook, {"Print": nav}]}


def render(checklists: Iterable[Checklist]) -> Site:
    env = environment()
    pages: dict[str, str] = {}
    nav: list[NavEntry] = []
    for c in sorted(checklists, key=lambda c: c.id):
        more, entry = render_checklist(env, c)
        pages.update(more)
        nav.append(entry)
    return Site(pages, nav)
