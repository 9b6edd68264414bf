"""Model -> Markdown pages: {path inside the generated folder: text}. No file I/O."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2

from ..format.model import Checklist, Data, Item, ItemState, Runbook, State, Status
from ..format.readiness import group_signoff, readiness
from ..format.types import FilePath, InlineMarkdown, PlainText, Text
from . import escape
from .escape import fence, md, md_block, strip_links

GENERATED_DIR = "checklists"  # inside docs/, owned by the generator
RUNBOOK_DIR = "runbooks"  # inside docs/, owned by the generator too: /runbooks/<alarm-id>/
GENERATED_DIRS = (GENERATED_DIR, RUNBOOK_DIR)

NavEntry = dict[str, Any]


def page_url(site_url: str, checklist_id: str, page: str, anchor: str = "") -> str:
    """A checklist page's URL under ``site_url`` (or from the site root when there is none).

    >>> page_url("https://ops.example.com/", "launch", "security", "jwt")
    'https://ops.example.com/checklists/launch/security/#jwt'
    """
    url = f"{site_url.rstrip('/')}/{GENERATED_DIR}/{checklist_id}/{page}/" if page != "index" else f"{site_url.rstrip('/')}/{GENERATED_DIR}/{checklist_id}/"
    return url + (f"#{anchor}" if anchor else "")


def block_key(checklist_id: str, name: str) -> str:
    """The key of a block; the part before ':' is the folder its relative links start from.

    >>> block_key("launch", "sheet-security")
    'checklists/launch:sheet-security'
    """
    return f"{GENERATED_DIR}/{checklist_id}:{name}"


SLOT_MARK = '<div class="cl-slot"'


def slot(key: str, title: Text | None = None, prefix: str = "") -> str:
    """The raw-HTML slot a Markdown page holds for a block. A title (after our ``prefix``) keeps the theme from adding one."""
    heading = f"<h1>{html.escape(prefix)}{escape.attr(title)}</h1>" if title else ""
    return f'{SLOT_MARK} data-block="{html.escape(key)}">{heading}</div>'


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path relative to docs/ (inside a generated folder) -> Markdown
    nav: list[NavEntry]  # MkDocs nav entries, paths relative to docs/
    redirects: dict[str, str] = field(default_factory=dict)  # old page -> new page, for mkdocs-redirects


def plain(text: str) -> str:
    """Inline Markdown for places where links can't nest (link texts): the rule of ``escape.link_text``.

    >>> plain("See [the guide](https://x.test) *now*")
    'See the guide *now*'
    """
    return strip_links(text)


def nav_title(value: Text, prefix: str = "") -> str:
    """A navigation title: MkDocs themes print it as HTML unescaped, so it is escaped here (``prefix`` is ours).

    >>> nav_title(InlineMarkdown("<b>Deploy</b> & [run](x)"), "1. ")
    '1. &lt;b&gt;Deploy&lt;/b&gt; &amp; run'
    """
    return html.escape(prefix, quote=False) + escape.attr(value)


def state_note(entry: ItemState | None, place: Callable[[Text], str] = escape.markdown) -> str:
    """The recorded state of an item as a short inline label ('' for open items); ``place`` escapes its texts.

    The label is a raw-HTML span inside a Markdown list item, whose text Markdown still reads: on a
    Markdown page its texts are escaped as Markdown (``escape.markdown``), in an HTML block as HTML.
    """
    if entry is None or entry.state is State.OPEN:
        return ""
    parts = [entry.state.value]
    if entry.state is State.WAIVED:
        parts.append(f"reason: {place(entry.reason)}" + (f", accepted by {place(entry.approver)}" if entry.approver else ""))
    parts += [p for p in (place(entry.by) if entry.by else "", str(entry.date) if entry.date else "") if p]
    return f' <span class="cl-state cl-state--{entry.state.name.lower()}">{" · ".join(parts)}</span>'


def item_lines(
    items: Iterable[Item],
    ordered: bool = False,
    indent: str = "",
    runbooks: dict[str, str] | None = None,
    states: dict[str, ItemState] | None = None,
) -> str:
    """A Markdown task list for a runbook page: one line per item, sub-lists indented.

    Each item's id goes on its list item with an attribute list on the line below (a lazy
    continuation, so the text itself can't carry one): the stable anchor costs no extra element,
    and the browser adds the ¶ permalink (overrides/main.html). Former ids stay as empty anchors.
    ``runbooks`` maps alarm item ids to their runbook pages; ``states`` holds recorded progress:
    done items are ticked and every state is labelled.
    """
    lines: list[str] = []
    for number, item in enumerate(items, 1):
        marker = f"{number}." if ordered else "-"
        badge = '<span class="cl-badge">Critical</span> ' if item.critical else ""
        target = f" (target: {escape.markdown(item.target)})" if item.target else ""
        if item.priority:
            badge += f'<span class="cl-item-priority">{item.priority.label}</span> '
        entry = states.get(item.id) if states else None
        box = "[x]" if entry is not None and entry.state is State.DONE else "[ ]"
        target += state_note(entry)
        aliases = "".join(f"[](){{#{former} .cl-anchor}}" for former in item.former_ids)
        runbook = f" [Runbook]({runbooks[item.id]}){{.cl-runbook-link}}" if runbooks and item.id in runbooks else ""
        inner = indent + "    "
        lines.append(f"{indent}{marker} {box} {aliases}{badge}{escape.markdown(item.text)}{target}{runbook}\n{inner}{{: #{item.id} }}")
        if item.details:
            lines.append("\n" + "\n".join(inner + line if line.strip() else "" for line in escape.markdown(item.details).splitlines()) + "\n")
        if item.items:
            lines.append(item_lines(item.items, item.ordered, inner, runbooks, states))
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


def has_progress(status: Status | None) -> bool:
    return status is not None and bool(status.items or status.signoffs or status.approvals or status.decision)


def critical_by_section(c: Checklist) -> dict[str, list[tuple[Any, Any, Item]]]:
    out: dict[str, list[tuple[Any, Any, Item]]] = {s.id: [] for s in c.sections}
    for section, group, item in c.critical_items():
        out[section.id].append((section, group, item))
    return out


def templates(autoescape: bool) -> jinja2.Environment:
    """The package's templates: Markdown ones (``*.md.jinja``) unescaped, HTML ones autoescaped."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown attribute lists are written {#id}: keep Jinja comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )


@lru_cache(maxsize=None)  # compiled templates are reused: `serve` renders on every edit
def environment() -> jinja2.Environment:
    env = templates(autoescape=False)
    # Every data text reaches the page through the function of its kind for its place (escape.py);
    # one printed without a filter is escaped for the Markdown page by its kind.
    env.finalize = lambda value: escape.markdown(value) if isinstance(value, Text) else value
    env.filters.update(
        md=escape.markdown,
        md_block=escape.markdown,
        plain=escape.link_text,
        attr=escape.attr,
        comment=escape.comment,
        front=escape.front_matter,
        lcfirst=lambda value: type(value)(value[:1].lower() + value[1:]),
        css=css_string,
        fence=fence,
        format_alias=lambda ident: f"[](){{#{ident} .cl-anchor}}",
        indent4=lambda t: t.replace("\n", "\n    "),
    )
    env.globals.update(slot=slot, block_key=block_key, critical_by_section=critical_by_section, item_lines=item_lines)
    return env


def moved_anchors(c: Checklist) -> dict[str, str]:
    """Former item and group ids -> where they live now, from the site root (for pages that lost them)."""
    moved: dict[str, str] = {}
    for block in (*c.sections, *c.parts):
        for group in block.groups:
            for former in group.former_ids:
                moved[former] = f"{GENERATED_DIR}/{c.id}/{block.id}/#{group.id}"
            for item in group.all_items():
                for former in item.former_ids:
                    moved[former] = f"{GENERATED_DIR}/{c.id}/{block.id}/#{item.id}"
    return dict(sorted(moved.items()))


def render_checklist(env: jinja2.Environment, c: Checklist, data: Data) -> tuple[dict[str, str], NavEntry, dict[str, str]]:
    base = f"{GENERATED_DIR}/{c.id}"
    runbook_of = {r.item: f"../../{RUNBOOK_DIR}/{r.id}.md" for r in data.runbooks if data.runbook_checklist(r) is c}
    pages: dict[str, str] = {}
    nav: list[Any] = []
    moved = moved_anchors(c)
    moved_json = json.dumps(moved, sort_keys=True) if moved else ""
    status = data.status(c.id)
    states = {s.id: s for s in status.items} if status else {}
    shared = dict(c=c, moved_json=moved_json, runbook_of=runbook_of, status=status, states=states, signed=lambda g: group_signoff(status, g))

    def page(name: str, template: str, title: Text, prefix: str = "", **context: Any) -> None:
        path = f"{base}/{name}.md"
        pages[path] = env.get_template(template).render(**shared, **context)
        nav.append({nav_title(title, prefix): path})

    page("index", "overview.md.jinja", PlainText("Overview"))
    for section in c.sections:
        page(section.id, "section.md.jinja", section.title, f"{section.number}. ", section=section)
    page("critical", "critical.md.jinja", PlainText("Critical items"))
    page("readiness", "readiness.md.jinja", PlainText("Launch readiness"), r=readiness(c, status))
    if c.final_signoff:
        page("final-signoff", "final-signoff.md.jinja", c.final_signoff.title, final=c.final_signoff)
    for part in c.parts:
        page(part.id, "part.md.jinja", part.title, part=part)
    if c.rollback:
        page(c.rollback.id, "rollback.md.jinja", c.rollback.title, rollback=c.rollback)

    # Paper: a sheet per section, the final sign-off and rollback sheets, and the packet of all.
    runbook = nav
    nav = []
    page("packet", "packet.md.jinja", PlainText("Launch-meeting packet"), fill=None)
    if has_progress(status):  # a filled packet of an empty status would be the blank one again
        page("packet-filled", "packet.md.jinja", PlainText("Packet, filled in"), fill=status)
    packets = list(nav)
    for section in c.sections:
        page(f"sheets/{section.id}", "sheet-section.md.jinja", section.title, f"Sheet {section.number}. ", section=section)
    if c.final_signoff:
        page("sheets/final-signoff", "sheet-final.md.jinja", c.final_signoff.title, "Sheet: ", final=c.final_signoff)
    if c.rollback:
        page(f"sheets/{c.rollback.id}", "sheet-rollback.md.jinja", c.rollback.title, "Sheet: ", rollback=c.rollback)

    # A renamed section's old pages redirect to the new ones (mkdocs-redirects keeps the #anchor).
    redirects: dict[str, str] = {}
    for section in c.sections:
        for former in section.former_ids:
            redirects[f"{base}/{former}.md"] = f"{base}/{section.id}.md"
            redirects[f"{base}/sheets/{former}.md"] = f"{base}/sheets/{section.id}.md"
    # Sheets stay out of the navigation (mkdocs.yml: not_in_nav): each runbook page links its own.
    return pages, {nav_title(c.title): [*runbook, *packets]}, redirects


def render_runbooks(env: jinja2.Environment, data: Data, site_url: str) -> tuple[dict[str, str], NavEntry, dict[str, str]]:
    from ..exchange.links import runbook_url

    pages: dict[str, str] = {}
    nav: list[Any] = []
    redirects: dict[str, str] = {}
    runbooks = sorted(data.runbooks, key=lambda r: r.id)
    links = {r.id: data.runbook_checklist(r) for r in runbooks}
    item_pages = {c.id: c.item_pages() for c in data.checklists}

    def item_link(runbook: Runbook, ident: str) -> tuple[str, str]:
        checklist = links[runbook.id]
        page, item = item_pages[checklist.id][ident]
        return item.text, f"../{GENERATED_DIR}/{checklist.id}/{page}.md#{ident}"

    pages[f"{RUNBOOK_DIR}/index.md"] = env.get_template("runbooks-index.md.jinja").render(runbooks=runbooks, item_link=item_link, sources=FilePath(", ".join(sorted({s.source for s in data.runbook_sets}))))
    nav.append({"All alarms": f"{RUNBOOK_DIR}/index.md"})
    for runbook in runbooks:
        path = f"{RUNBOOK_DIR}/{runbook.id}.md"
        owner = next(s for s in data.runbook_sets if runbook in s.runbooks)
        pages[path] = env.get_template("runbook.md.jinja").render(r=runbook, item_link=item_link, source=owner.source, site_url=site_url, runbook_url=runbook_url)
        nav.append({nav_title(runbook.title): path})
        for former in runbook.former_ids:
            redirects[f"{RUNBOOK_DIR}/{former}.md"] = path
    return pages, {"Runbooks": nav}, redirects


def render(data: Data | Iterable[Checklist], site_url: str = "") -> Site:
    """All generated pages; ``site_url`` makes the runbook URLs shown on their pages absolute."""
    if not isinstance(data, Data):
        data = Data(tuple(data))
    env = environment()
    pages: dict[str, str] = {}
    nav: list[NavEntry] = []
    redirects: dict[str, str] = {}
    for c in sorted(data.checklists, key=lambda c: c.id):
        more, entry, moved = render_checklist(env, c, data)
        pages.update(more)
        nav.append(entry)
        redirects.update(moved)
    if data.runbooks:
        more, entry, moved = render_runbooks(env, data, site_url)
        pages.update(more)
        nav.append(entry)
        redirects.update(moved)
    return Site(pages, nav, dict(sorted(redirects.items())))
