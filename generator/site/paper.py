"""Model -> finished HTML blocks: the sign-off sheets, the packet and the critical-items lists.

These parts of the site are paper, or lists of links into the runbook pages: nothing in them needs
MkDocs. Rendering them here, once, keeps every item from going through Python-Markdown a second and
third time (the runbook page is its one Markdown conversion). Their Markdown pages hold a slot,
``<div class="cl-slot" data-block="KEY">``, and ``assemble.fill_blocks`` puts the block there after
the build, with MkDocs or with Zensical alike.

Links inside a block are written relative to the checklist's folder (``checklists/<id>/``) in URL
form; filling a slot adjusts them to the page that receives the block.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache

import jinja2
from markupsafe import Markup

from ..format.model import Checklist, Data, Item, ItemState, State, Status
from ..format.readiness import readiness
from ..format.types import InlineMarkdown, Text  # noqa: F401 (InlineMarkdown: doctests)
from . import escape
from .render import block_key, critical_by_section, has_progress, state_note, templates

_HREF = re.compile(r'\b(href|src)="([^"]*)"')


def page_href(target: str, directory_urls: bool) -> str:
    """A link to a generated page (``name.md#anchor``), as the built site spells it.

    >>> page_href("security.md#jwt", True), page_href("security.md#jwt", False)
    ('security/#jwt', 'security.html#jwt')
    >>> page_href("index.md", True), page_href("index.md", False), page_href("../x/index.md", True), page_href("img.png", True)
    ('./', 'index.html', '../x/', 'img.png')
    """
    path, hash_, anchor = target.partition("#")
    if path.endswith(".md"):
        stem = path[:-3]
        if posixpath.basename(stem) == "index":
            folder = posixpath.dirname(stem)
            path = (f"{folder}/" if folder else "./") if directory_urls else posixpath.join(folder, "index.html")
        else:
            path = f"{stem}/" if directory_urls else f"{stem}.html"
    return path + hash_ + anchor


def inline_html(text: Text, directory_urls: bool = True) -> Markup:
    """One line of inline Markdown from the data as HTML, as it reads on the runbook page.

    >>> inline_html(InlineMarkdown("Rate limit < 100 req/s")), inline_html(InlineMarkdown("Run `make` **now**"))
    (Markup('Rate limit &lt; 100 req/s'), Markup('Run <code>make</code> <strong>now</strong>'))
    >>> inline_html(InlineMarkdown("See [the guide](guide.md#setup) and [x](https://x.test)"))
    Markup('See <a href="guide/#setup">the guide</a> and <a href="https://x.test">x</a>')
    """
    out = escape.html(text)
    if 'href="' in out or 'src="' in out:
        out = _HREF.sub(lambda m: f'{m.group(1)}="{_relative_link(m.group(2), directory_urls)}"', out)
    return Markup(out)


def _relative_link(url: str, directory_urls: bool) -> str:
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", url, re.IGNORECASE):
        return url
    return page_href(html.unescape(url), directory_urls).replace('"', "%22")


def task_list(items: Iterable[Item], states: dict[str, ItemState] | None = None, ordered: bool = False, directory_urls: bool = True) -> Markup:
    """Items as the task list Python-Markdown's tasklist extension makes, without anchors: for paper."""
    tag = "ol" if ordered else "ul"
    out = [f'<{tag} class="task-list">']
    for item in items:
        entry = states.get(item.id) if states else None
        checked = " checked" if entry is not None and entry.state is State.DONE else ""
        badge = '<span class="cl-badge">Critical</span> ' if item.critical else ""
        if item.priority:
            badge += f'<span class="cl-item-priority">{item.priority.label}</span> '
        target = f" (target: {inline_html(item.target, directory_urls)})" if item.target else ""
        nested = task_list(item.items, states, item.ordered, directory_urls) if item.items else ""
        out.append(
            f'<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled{checked}/>'
            f'<span class="task-list-indicator"></span></label> {badge}{inline_html(item.text, directory_urls)}{target}{state_note(entry, escape.attr)}{nested}</li>'
        )
    out.append(f"</{tag}>")
    return Markup("\n".join(out))


@lru_cache(maxsize=None)  # compiled templates are reused: `serve` renders on every edit
def environment(directory_urls: bool) -> jinja2.Environment:
    """HTML templates: autoescaped; data text goes in as text, item text as the HTML made above."""
    env = templates(autoescape=True)
    # A data text printed without a filter goes in through its kind's HTML function (escape.py).
    env.finalize = lambda value: Markup(escape.html(value)) if isinstance(value, Text) else value
    env.filters.update(
        text=lambda t: Markup(escape.attr(t)),  # titles: link syntax dropped, then escaped
        inline=lambda t: inline_html(t, directory_urls),
        inline_text=lambda t: inline_html(type(t)(escape.LINK.sub(r"\1", t)), directory_urls),  # inside a link of our own
        href=lambda target: page_href(target, directory_urls),
    )
    env.globals.update(task_list=lambda items, states=None, ordered=False: task_list(items, states, ordered, directory_urls))
    return env


def render_paper(data: Data, directory_urls: bool = True) -> dict[str, str]:
    """The blocks of every checklist: {key: HTML}, for ``assemble.fill_blocks``."""
    env = environment(directory_urls)
    blocks: dict[str, str] = {}
    for c in sorted(data.checklists, key=lambda c: c.id):
        blocks.update(checklist_blocks(env, c, data.status(c.id)))
    return blocks


def checklist_blocks(env: jinja2.Environment, c: Checklist, status: Status | None) -> dict[str, str]:
    """Cover and sheets (blank, and filled in when progress is recorded) and the critical lists."""
    sheets = env.get_template("_sheets.html.jinja").module
    blocks: dict[str, str] = {}
    fills: list[tuple[str, Status | None]] = [("", None)] + ([("filled-", status)] if has_progress(status) else [])
    for prefix, fill in fills:
        states = {s.id: s for s in fill.items} if fill else None
        blocks[block_key(c.id, f"{prefix}cover")] = str(sheets.cover(c, fill))
        for section in c.sections:
            blocks[block_key(c.id, f"{prefix}sheet-{section.id}")] = str(sheets.section_sheet(c, section, fill, states))
        if c.final_signoff:
            blocks[block_key(c.id, f"{prefix}sheet-final-signoff")] = str(sheets.final_sheet(c, c.final_signoff, fill))
        if c.rollback:
            blocks[block_key(c.id, f"{prefix}sheet-{c.rollback.id}")] = str(sheets.rollback_sheet(c, c.rollback))
    blockers = readiness(c, status).blockers
    if blockers:
        blocks[block_key(c.id, "blockers")] = env.get_template("blockers-list.html.jinja").render(blockers=blockers)
    critical = env.get_template("critical-list.html.jinja")
    for section_id, mine in critical_by_section(c).items():
        if mine:
            blocks[block_key(c.id, f"critical-{section_id}")] = critical.render(items=mine)
    return blocks
