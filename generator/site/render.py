"""Model -> Markdown pages: {path inside the generated folder: text}. No file I/O."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jinja2

from ..format.model import Checklist, Data, Item, ItemState, Runbook, State, Status
from ..format.readiness import group_signoff, readiness

GENERATED_DIR = "checklists"  # inside docs/, owned by the generator
RUNBOOK_DIR = "runbooks"  # inside docs/, owned by the generator too: /runbooks/<alarm-id>/
GENERATED_DIRS = (GENERATED_DIR, RUNBOOK_DIR)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

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


def slot(key: str, title: str = "") -> str:
    """The raw-HTML slot a Markdown page holds for a block. A title keeps the theme from adding one."""
    heading = f"<h1>{attr(title)}</h1>" if title else ""
    return f'{SLOT_MARK} data-block="{html.escape(key)}">{heading}</div>'


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path relative to docs/ (inside a generated folder) -> Markdown
    nav: list[NavEntry]  # MkDocs nav entries, paths relative to docs/
    redirects: dict[str, str] = field(default_factory=dict)  # old page -> new page, for mkdocs-redirects


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


def nav_title(text: str) -> str:
    """A navigation title: MkDocs themes print it as HTML unescaped, so escape it here.

    >>> nav_title("<b>Deploy</b> & [run](x)")
    '&lt;b&gt;Deploy&lt;/b&gt; &amp; run'
    """
    return html.escape(_LINK.sub(r"\1", text), quote=False)


def attr(text: str) -> str:
    """Text for an HTML attribute or raw HTML block."""
    return html.escape(_LINK.sub(r"\1", text), quote=True)


def state_note(entry: ItemState | None) -> str:
    """The recorded state of an item as a short inline label ('' for open items)."""
    if entry is None or entry.state is State.OPEN:
        return ""
    parts = [entry.state.value]
    if entry.state is State.WAIVED:
        parts.append(f"reason: {entry.reason}" + (f", accepted by {entry.approver}" if entry.approver else ""))
    parts += [p for p in (entry.by, str(entry.date) if entry.date else "") if p]
    return f' <span class="cl-state cl-state--{entry.state.name.lower()}">{attr(" · ".join(parts))}</span>'


def anchor(ident: str) -> str:
    """An empty target for a former or secondary id: a span, so it is no empty link for screen readers.

    >>> anchor("jwt-check")
    '<span class="cl-anchor" id="jwt-check"></span>'
    """
    return f'<span class="cl-anchor" id="{attr(ident)}"></span>'


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
        target = f" (target: {md(item.target)})" if item.target else ""
        if item.priority:
            badge += f'<span class="cl-item-priority">{item.priority.label}</span> '
        entry = states.get(item.id) if states else None
        box = "[x]" if entry is not None and entry.state is State.DONE else "[ ]"
        target += state_note(entry)
        aliases = "".join(anchor(former) for former in item.former_ids)
        runbook = f" [Runbook]({runbooks[item.id]}){{.cl-runbook-link}}" if runbooks and item.id in runbooks else ""
        inner = indent + "    "
        lines.append(f"{indent}{marker} {box} {aliases}{badge}{md(item.text)}{target}{runbook}\n{inner}{{: #{item.id} }}")
        if item.details:
            lines.append("\n" + "\n".join(inner + line if line.strip() else "" for line in md_block(item.details).splitlines()) + "\n")
        if item.items:
            lines.append(item_lines(item.items, item.ordered, inner, runbooks, states))
    return "\n".join(lines)


def md_block(text: str) -> str:
    """Multi-line Markdown from the data: paragraphs and emphasis, no raw HTML, no headings.

    >>> md_block("# Not a heading\\n<b>x</b>")
    '\\\\# Not a heading\\n&lt;b&gt;x&lt;/b&gt;'
    """
    out, fence_mark = [], ""
    for line in text.strip().splitlines():
        opener = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence_mark:
            out.append(line)  # code is shown literally by the fence itself
            if opener and opener.group(1).startswith(fence_mark):
                fence_mark = ""
        elif opener:
            fence_mark = opener.group(1)
            out.append(line)
        else:
            out.append(re.sub(r"^(\s*)#", r"\1\\#", md(line)))
    if fence_mark:
        out.append(fence_mark)  # close a fence the text left open, so it cannot swallow the page
    return "\n".join(out)


def fence(code: str, lang: str = "sh") -> str:
    """A fenced code block that the code itself cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


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
    env.filters.update(md=md, md_block=md_block, plain=plain, attr=attr, css=css_string, fence=fence, format_alias=anchor, indent4=lambda t: t.replace("\n", "\n    "))
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

    def page(name: str, template: str, title: str, **context: Any) -> None:
        path = f"{base}/{name}.md"
        pages[path] = env.get_template(template).render(**shared, **context)
        nav.append({nav_title(title): path})

    page("index", "overview.md.jinja", "Overview")
    for section in c.sections:
        page(section.id, "section.md.jinja", f"{section.number}. {section.title}", section=section)
    page("critical", "critical.md.jinja", "Critical items")
    page("readiness", "readiness.md.jinja", "Launch readiness", r=readiness(c, status))
    if c.final_signoff:
        page("final-signoff", "final-signoff.md.jinja", c.final_signoff.title, final=c.final_signoff)
    for part in c.parts:
        page(part.id, "part.md.jinja", part.title, part=part)
    if c.rollback:
        page(c.rollback.id, "rollback.md.jinja", c.rollback.title, rollback=c.rollback)

    # Paper: a sheet per section, the final sign-off and rollback sheets, and the packet of all.
    runbook = nav
    nav = []
    page("packet", "packet.md.jinja", "Launch-meeting packet", fill=None)
    if has_progress(status):  # a filled packet of an empty status would be the blank one again
        page("packet-filled", "packet.md.jinja", "Packet, filled in", fill=status)
    packets = list(nav)
    for section in c.sections:
        page(f"sheets/{section.id}", "sheet-section.md.jinja", f"Sheet {section.number}. {section.title}", section=section)
    if c.final_signoff:
        page("sheets/final-signoff", "sheet-final.md.jinja", f"Sheet: {c.final_signoff.title}", final=c.final_signoff)
    if c.rollback:
        page(f"sheets/{c.rollback.id}", "sheet-rollback.md.jinja", f"Sheet: {c.rollback.title}", rollback=c.rollback)

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

    pages[f"{RUNBOOK_DIR}/index.md"] = env.get_template("runbooks-index.md.jinja").render(runbooks=runbooks, item_link=item_link, sources=sorted({s.source for s in data.runbook_sets}))
    nav.append({"All alarms": f"{RUNBOOK_DIR}/index.md"})
    for runbook in runbooks:
        path = f"{RUNBOOK_DIR}/{runbook.id}.md"
        owner = next(s for s in data.runbook_sets if runbook in s.runbooks)
        checklist = links[runbook.id]
        rollback = (checklist.rollback.title, f"../{GENERATED_DIR}/{checklist.id}/{checklist.rollback.id}.md") if checklist.rollback else None
        pages[path] = env.get_template("runbook.md.jinja").render(
            r=runbook, item_link=item_link, source=owner.source, site_url=site_url, runbook_url=runbook_url, rollback=rollback
        )
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
