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
import markdown
from markupsafe import Markup

from ..format.model import Checklist, Data, Item, ItemState, State, Status
from ..format.readiness import Readiness, after_launch, readiness
from .render import _LINK, block_key, critical_by_section, css_string, has_progress, md, templates

# Characters that make Python-Markdown change one line of inline text; text without them is itself.
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&{}]|  ")
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


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    return markdown.Markdown()


def inline_html(text: str, directory_urls: bool = True) -> Markup:
    """One line of inline Markdown from the data as HTML, as it reads on the runbook page.

    >>> inline_html("Rate limit < 100 req/s"), inline_html("Run `make` **now**")
    (Markup('Rate limit &lt; 100 req/s'), Markup('Run <code>make</code> <strong>now</strong>'))
    >>> inline_html("See [the guide](guide.md#setup) and [x](https://x.test)")
    Markup('See <a href="guide/#setup">the guide</a> and <a href="https://x.test">x</a>')
    """
    text = text.strip()
    if not _INLINE_SYNTAX.search(text):
        return Markup(text)  # nothing Markdown would change (most item texts)
    converter = _markdown()
    converter.reset()
    out = converter.convert(md(text))  # escaped as on the Markdown pages: raw HTML shows as text
    if not (out.startswith("<p>") and out.endswith("</p>")) or "\n" in out:
        return Markup(html.escape(text, quote=False))  # not one paragraph: show the text as written
    out = out[3:-4]
    if 'href="' in out or 'src="' in out:
        out = _HREF.sub(lambda m: f'{m.group(1)}="{_relative_link(m.group(2), directory_urls)}"', out)
    return Markup(out)


def _relative_link(url: str, directory_urls: bool) -> str:
    if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", url, re.IGNORECASE):
        return url
    return page_href(html.unescape(url), directory_urls).replace('"', "%22")


def record_line(entry: ItemState | None) -> Markup:
    """What the record says of an item, printed under it: state, reason and approver, who, when, note.

    >>> record_line(ItemState("x", State.WAIVED, by="Arun", reason="ships in 1.1", approver="Meera"))
    Markup('<span class="cl-record-line">Waived: ships in 1.1 · accepted by Meera · recorded by Arun</span>')
    >>> record_line(None), record_line(ItemState("x", State.OPEN))
    (Markup(''), Markup(''))
    """
    if entry is None or (entry.state is State.OPEN and not entry.note):
        return Markup("")
    label = {State.DONE: "Done", State.NOT_APPLICABLE: "N/A", State.WAIVED: "Waived", State.OPEN: "Open"}[entry.state]
    parts = [f"{label}: {entry.reason}" if entry.state is State.WAIVED and entry.reason else label]
    if entry.approver:
        parts.append(f"accepted by {entry.approver}")
    who = ("recorded by " if entry.state is State.WAIVED else "by ") + entry.by if entry.by else ""
    parts += [p for p in (who, f"on {entry.date}" if entry.date else "") if p]
    note = f" — note: {entry.note}" if entry.note else ""
    return Markup('<span class="cl-record-line">{}</span>').format(" · ".join(parts) + note)


def task_list(
    items: Iterable[Item], states: dict[str, ItemState] | None = None, ordered: bool = False, directory_urls: bool = True, top: bool = True
) -> Markup:
    """Items as the task list Python-Markdown's tasklist extension makes, without anchors: for paper.

    Top-level items carry ``data-u``: a page may break between them, never inside one.
    """
    tag = "ol" if ordered else "ul"
    out = [f'<{tag} class="task-list">']
    unit = " data-u" if top else ""
    for item in items:
        entry = states.get(item.id) if states else None
        checked = " checked" if entry is not None and entry.state is State.DONE else ""
        badge = '<span class="cl-badge">Critical</span> ' if item.critical else ""
        if item.priority:
            badge += f'<span class="cl-item-priority">{item.priority.label}</span> '
        target = f" (target: {inline_html(item.target, directory_urls)})" if item.target else ""
        nested = task_list(item.items, states, item.ordered, directory_urls, top=False) if item.items else ""
        out.append(
            f'<li class="task-list-item"{unit}><label class="task-list-control"><input type="checkbox" disabled{checked}/>'
            f'<span class="task-list-indicator"></span></label> {badge}{inline_html(item.text, directory_urls)}{target}{record_line(entry)}{nested}</li>'
        )
    out.append(f"</{tag}>")
    return Markup("\n".join(out))


def facts(c: Checklist) -> list[str]:
    """The checklist's own facts for the cover: version, dates, owner, next review (those the data gives)."""
    pairs = [("Version ", c.version), ("Created ", c.created), ("Updated ", c.updated), ("Owner: ", c.owner), ("Next review: ", c.next_review)]
    return [label + _LINK.sub(r"\1", str(value)) for label, value in pairs if value]


def contents(c: Checklist) -> list[tuple[str, str]]:
    """The packet's sheets in order, as (sheet id, title): the cover's contents."""
    out = [("cover", "Cover, how to use, meeting and attendees")]
    out += [(s.id, f"Section {s.number}: {s.title} ({s.priority.label})") for s in c.sections]
    out.append(("critical-items", "Critical items"))
    if c.final_signoff:
        out.append(("final-signoff", c.final_signoff.title))
    out += [(p.id, f"{p.title} (after launch)") for p in c.parts]
    if c.rollback:
        out.append((c.rollback.id, c.rollback.title))
    return out


def as_of(status: Status) -> str:
    """The latest date in the record (items, sign-offs, approvals, decision), or ''."""
    dates = [e.date for e in (*status.items, *status.signoffs, *status.approvals, status.decision) if e is not None and e.date]
    return str(max(dates)) if dates else ""


def _plural(n: int, word: str) -> str:
    """
    >>> _plural(1, "blocker"), _plural(2, "blocker")
    ('1 blocker', '2 blockers')
    """
    return f"{n} {word}" + ("" if n == 1 else "s")


def blocker_summary(c: Checklist, r: Readiness) -> dict[str, list[tuple[str, str]]]:
    """The blockers sorted by kind, each as (group number, text): critical items open, sign-offs
    missing, and the rest (approvals, a recorded NO-GO) as they are worded."""
    refs: dict[str, tuple[str, str]] = {}
    for section in c.sections:
        for n, group in enumerate(section.groups, 1):
            refs[group.id] = (f"{section.number}.{n}", group.title)
            for item in group.all_items():
                entry = r.status.item(item.id)
                na = entry is not None and entry.state is State.NOT_APPLICABLE
                refs[item.id] = (f"{section.number}.{n}", item.text + (" (marked n/a: waive it with a reason and an approver)" if na else ""))
    out: dict[str, list[tuple[str, str]]] = {"items": [], "signoffs": [], "other": []}
    groups = {g.id for s in c.sections for g in s.groups}
    for b in r.blockers:
        if b.page == "final-signoff" or b.anchor not in refs:
            out["other"].append(("", b.text))
        else:
            out["signoffs" if b.anchor in groups else "items"].append(refs[b.anchor])
    return out


def blocker_kinds(c: Checklist, r: Readiness) -> list[str]:
    """The blockers counted by kind, for the cover: '52 critical items not done', ..."""
    found = blocker_summary(c, r)
    counts = [(len(found["items"]), "critical item", " not done"), (len(found["signoffs"]), "group sign-off", " missing")]
    out = [_plural(n, word) + tail for n, word, tail in counts if n]
    return out + [text for _, text in found["other"]]


@lru_cache(maxsize=None)  # compiled templates are reused: `serve` renders on every edit
def environment(directory_urls: bool) -> jinja2.Environment:
    """HTML templates: autoescaped; data text goes in as text, item text as the HTML made above."""
    env = templates(autoescape=True)
    env.filters.update(
        text=lambda t: _LINK.sub(r"\1", t),  # titles: link syntax dropped, then escaped
        inline=lambda t: inline_html(t, directory_urls),
        inline_text=lambda t: inline_html(_LINK.sub(r"\1", t), directory_urls),  # inside a link of our own
        href=lambda target: page_href(target, directory_urls),
        css=lambda t: Markup(css_string(str(t))),  # escapes what could end <style>: safe as it is
    )
    env.globals.update(
        task_list=lambda items, states=None, ordered=False: task_list(items, states, ordered, directory_urls),
        record_line=record_line,
        facts=facts,
        contents=contents,
        later=after_launch,
        as_of=as_of,
        blocker_kinds=blocker_kinds,
        blocker_summary=blocker_summary,
        plural=_plural,
        critical_by_section=critical_by_section,
    )
    return env


def render_paper(data: Data, directory_urls: bool = True, revision: str = "") -> dict[str, str]:
    """The blocks of every checklist: {key: HTML}, for ``assemble.fill_blocks``; ``revision`` is the
    commit of data/ that the filled packet says it was printed from ('' when data/ is not in git)."""
    env = environment(directory_urls)
    blocks: dict[str, str] = {}
    for c in sorted(data.checklists, key=lambda c: c.id):
        blocks.update(checklist_blocks(env, c, data.status(c.id), revision))
    return blocks


def checklist_blocks(env: jinja2.Environment, c: Checklist, status: Status | None, revision: str = "") -> dict[str, str]:
    """Cover and sheets (blank, and filled in when progress is recorded) and the critical lists."""
    sheets = env.get_template("_sheets.html.jinja").module
    blocks: dict[str, str] = {}
    r = readiness(c, status)
    fills: list[tuple[str, Status | None]] = [("", None)] + ([("filled-", status)] if has_progress(status) else [])
    for prefix, fill in fills:
        states = {s.id: s for s in fill.items} if fill else None
        blocks[block_key(c.id, f"{prefix}cover")] = str(sheets.cover(c, fill, states, r, revision))
        for section in c.sections:
            blocks[block_key(c.id, f"{prefix}sheet-{section.id}")] = str(sheets.section_sheet(c, section, fill, states))
        blocks[block_key(c.id, f"{prefix}critical-summary")] = str(sheets.critical_sheet(c, states))
        if c.final_signoff:
            blocks[block_key(c.id, f"{prefix}sheet-final-signoff")] = str(sheets.final_sheet(c, c.final_signoff, fill, r))
        if c.metrics:
            columns = ("Target", "Measured value", "By / date")
            blocks[block_key(c.id, f"{prefix}sheet-{c.metrics.id}")] = str(sheets.part_sheet(c, c.metrics, "Metric", columns, states))
        if c.post_launch:
            blocks[block_key(c.id, f"{prefix}sheet-{c.post_launch.id}")] = str(sheets.part_sheet(c, c.post_launch, "Task", ("Owner", "Due date"), states))
        if c.rollback:
            blocks[block_key(c.id, f"{prefix}sheet-{c.rollback.id}")] = str(sheets.rollback_sheet(c, c.rollback))
    if r.blockers:
        blocks[block_key(c.id, "blockers")] = env.get_template("blockers-list.html.jinja").render(blockers=r.blockers)
    critical = env.get_template("critical-list.html.jinja")
    for section_id, mine in critical_by_section(c).items():
        if mine:
            blocks[block_key(c.id, f"critical-{section_id}")] = critical.render(items=mine)
    return blocks
