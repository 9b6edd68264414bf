"""Model -> finished HTML blocks: the sign-off sheets, the packet, the critical-items lists (and, from lists.py, the runbook pages' item lists).

These parts of the site are paper, or lists of links into the runbook pages: nothing in them needs
MkDocs. Rendering them here, once, keeps every item from going through Python-Markdown a second and
third time (the runbook page is its one Markdown conversion). Their Markdown pages hold a slot
(``layout.slot``), and ``assemble.fill_blocks`` puts the block there after the build, with MkDocs
or with Zensical alike.

Links inside a block are written relative to the checklist's folder (``layout.block_key``) in the
built site's URL style; filling a slot adjusts them to the page that receives the block.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import jinja2
from markupsafe import Markup

from ..format.bidi import isolated, numbered
from ..format.fold import run_name
from ..format.history import in_scope
from ..format.model import Checklist, Data, FinalSignoff, Group, Item, Section, State, Status
from ..format.oncall import blocking
from ..format.readiness import CHANGED_SINCE, RESOLVED, Readiness, after_launch, changed_since, latest_date, readiness
from . import escape, layout
from .environment import environment, plural
from .items import critical_by_section
from .layout import blocker_link, has_progress
from .lists import list_blocks
from .memo import NONE, Memo


def facts(c: Checklist) -> list[str]:
    """The checklist's own facts for the cover: version, dates, owner, next review (those the data gives)."""
    pairs = [("Version ", c.version), ("Created ", c.created), ("Updated ", c.updated), ("Owner: ", c.owner), ("Next review: ", c.next_review)]
    return [label + escape.strip_links(str(value)) for label, value in pairs if value]


# The ids of the sheets that are not a section's, part's or rollback's (those take its id): each
# sheet's anchor in the packet (#sheet-<id>), which the cover's contents link to; _sheets.html.jinja opens them.
# Decided in layout, which refuses a section, part or rollback id that is one of them.
SHEET_IDS = layout.SHEET_IDS


def contents(c: Checklist, filled: bool = False) -> list[tuple[str, str]]:
    """The packet's sheets in order, as (sheet id, title): the cover's contents (the filled packet opens with the minutes)."""
    out = [(SHEET_IDS["minutes"], "Minutes of the launch meeting")] if filled else []
    out.append((SHEET_IDS["cover"], "Cover, how to use, meeting and attendees"))
    out += [(s.id, numbered(f"Section {s.number}", s.title, ": ") + (f" ({s.priority.label})" if s.priority else "")) for s in c.sections]
    out.append((SHEET_IDS["critical"], "Critical items"))
    if c.final_signoff:
        out.append((SHEET_IDS["final"], c.final_signoff.title))
    out += [(p.id, f"{isolated(p.title)} (after launch)") for p in c.parts]
    if c.rollback:
        out.append((c.rollback.id, c.rollback.title))
    return out


def as_of(status: Status) -> str:
    """The latest date in the record (``readiness.latest_date``: every entry, an assignment too), or ''."""
    latest = latest_date(status)
    return str(latest) if latest else ""


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
                said = item.text + (" (marked n/a: waive it with a reason and an approver)" if na else "")
                refs[item.id] = (f"{section.number}.{n}", type(item.text)(said))  # still its kind: the sheet renders its Markdown
    out: dict[str, list[tuple[str, str]]] = {"items": [], "signoffs": [], "other": []}
    groups = {g.id for s in c.sections for g in s.groups}
    for b in r.blockers:
        if not isinstance(b.subject, Section) or b.anchor not in refs:
            out["other"].append(("", b.text))
        else:
            out["signoffs" if b.anchor in groups else "items"].append(refs[b.anchor])
    return out


def blocker_kinds(c: Checklist, r: Readiness) -> list[str]:
    """The blockers counted by kind, for the cover: '52 critical items not done', ..."""
    found = blocker_summary(c, r)
    counts = [(len(found["items"]), "critical item", " not done"), (len(found["signoffs"]), "group sign-off", " missing")]
    out = [plural(n, word) + tail for n, word, tail in counts if n]
    stale = [plural(r.stale_blocking, "runbook") + " of critical alarms past the review date (stale_blocks_gate)"] if r.stale_blocking else []
    return out + [text for _, text in found["other"]] + stale


def clock(entry: Any) -> str:
    """The time of day a recorded thing happened, with its zone: '14:03 +01:00', or '' when only its date is known.

    >>> import datetime, types
    >>> clock(types.SimpleNamespace(at=datetime.datetime(2026, 1, 10, 14, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))))
    '14:03 +01:00'
    >>> clock(types.SimpleNamespace(date=datetime.date(2026, 1, 10)))
    ''
    """
    at = getattr(entry, "at", None)
    if at is None:
        return ""
    zone = at.strftime("%z")
    return at.strftime("%H:%M ") + zone[:3] + ":" + zone[3:]


def moment(entry: Any) -> str:
    """When a recorded thing happened, as the minutes print it: '2026-01-10 14:03 +01:00', or its date, or ''."""
    at = getattr(entry, "at", None)
    if at is not None:
        return at.strftime("%Y-%m-%d ") + clock(entry)
    date = getattr(entry, "date", None)
    return str(date) if date else ""


def signed_groups(c: Checklist, status: Status) -> list[tuple[str, Group, Any, int]]:
    """(number, group, sign-off, items still open) for every signed group, in checklist order."""
    out = []
    for section in c.sections:
        for n, group in enumerate(section.groups, 1):
            signed = status.signoff(group.id)
            if signed is not None:
                still = sum(1 for i in group.all_items() if (e := status.item(i.id)) is None or e.state not in RESOLVED)
                out.append((f"{section.number}.{n}", group, signed, still))
    return out


@lru_cache(maxsize=None)
def paper_environment(urls: layout.Urls) -> jinja2.Environment:
    """The HTML templates' environment with what the sheets ask of the model: facts, contents, the record."""
    env = environment(autoescape=True, urls=urls)
    env.globals.update(
        facts=facts, contents=contents, later=after_launch, as_of=as_of, blocker_kinds=blocker_kinds, blocker_summary=blocker_summary, plural=plural
    )
    env.globals.update(moment=moment, clock=clock, signed_groups=signed_groups, sheet_ids=SHEET_IDS)
    return env


def render_paper(data: Data, urls: layout.Urls = layout.DIRECTORY_URLS, revision: str = "", memo: Memo = NONE) -> dict[str, str]:
    """The blocks of every checklist: {key: HTML}, for ``assemble.fill_blocks``; ``revision`` is the
    commit of data/ that the filled packet says it was printed from ('' when data/ is not in git).
    ``memo``: the parts of each section kept from an earlier render (`serve`), made again only where their inputs changed."""
    env = paper_environment(urls)
    blocks: dict[str, str] = {}
    for c in sorted(data.checklists, key=lambda c: c.id):
        blocks.update(checklist_blocks(env, c, data.status(c.id), revision, memo, len(blocking(data, c.id, data.status(c.id)))))
        blocks.update(framed_pages(env, c, data.status(c.id), memo))
        for run in data.runs_of(c.id):
            blocks.update(run_blocks(env, c, run, revision, memo))
        blocks.update(list_blocks(c, data, urls, memo))
    checklists = sorted(data.checklists, key=lambda c: (c.title.lower(), c.id))
    overview = {c.id: layout.page_of(c, "overview").link_from(layout.checklists_index()) for c in checklists}  # from the block's base, checklists/
    blocks[layout.HOME_LIST] = env.get_template("checklists-list.html.jinja").render(
        checklists=checklists, counts={c.id: layout.counts(c) for c in checklists}, overview=overview
    )
    return blocks


def _hrefs(env: jinja2.Environment, c: Checklist) -> Callable[[Section | FinalSignoff, str], str]:
    """``fn(subject, anchor)``: :func:`layout.blocker_link` as the built site spells it (the templates' ``href``), each
    page's link made once (a list of 4,000 critical items or blockers links to 100 pages: their links were 0.04 s)."""
    href = env.filters["href"]
    made: dict[int, tuple[Section | FinalSignoff, str]] = {}  # id(subject) -> (subject, its page's link): the subject kept, its id not reused

    def where(subject: Section | FinalSignoff, anchor: str) -> str:
        kept = made.get(id(subject))
        if kept is None:
            kept = made[id(subject)] = (subject, href(blocker_link(c, subject, "")))
        return f"{kept[1]}#{anchor}" if anchor else kept[1]  # an id holds no '#': its page's link, then the anchor

    return where


def _blockers(env: jinja2.Environment, c: Checklist, r: Readiness) -> str:
    """The readiness page's list of blockers, each linking to the page (the layout's) where it is resolved. Its rows are
    made here in one pass, each part of a blocker's words through the templates' ``inline_text`` (its kind's HTML, link
    syntax dropped): a row's expressions, filters and inner loop in the template were 0.03 s at 4,000 blockers."""
    where, shown = _hrefs(env, c), env.filters["inline_text"]
    rows = [(where(b.subject, b.anchor), Markup("").join(shown(part) for part in b.parts)) for b in r.blockers]
    return env.get_template("blockers-list.html.jinja").render(rows=rows)


def _critical_list(env: jinja2.Environment, section: Section, items: list[tuple[Section, Group, Item]], where: Callable[..., str]) -> str:
    """A section's critical items on the critical-items page, each linking to its runbook anchor: rows made here in one
    pass (as :func:`_blockers`), the item's text through ``inline_text``, its group's title through ``inline``."""
    text, title = env.filters["inline_text"], env.filters["inline"]
    rows = [(where(section, item.id), text(item.text), title(group.title)) for _, group, item in items]
    return env.get_template("critical-list.html.jinja").render(rows=rows)


def _tables(env: jinja2.Environment, c: Checklist, status: Status | None, r: Readiness, block: layout.Blocks) -> dict[str, str]:
    """The overview's table of sections and the readiness page's progress by section: a row per section each, as HTML
    (the engine would convert them from Markdown tables, 0.02-0.03 s each at 100 sections)."""
    link = layout.linker(c, layout.page_of(c, "overview"))  # like every block, links are written from the checklist's folder
    done = {state.id for state in status.items if state.state in RESOLVED} if status else set()
    rows = []  # each section with its counts, worked out once here (the template filtering the items took 0.04 s)
    for s in c.sections:
        items = list(s.all_items())
        counts = (len(items), sum(1 for i in items if i.critical), sum(1 for g in s.groups if g.signoff), sum(1 for i in items if i.id in done))
        rows.append((s, *counts))
    return {
        block("sections-table"): env.get_template("sections-table.html.jinja").render(rows=rows, link=link),
        block("progress-table"): env.get_template("progress-table.html.jinja").render(r=r, link=link),
    }


def checklist_blocks(
    env: jinja2.Environment, c: Checklist, status: Status | None, revision: str = "", memo: Memo = NONE, stale_blocking: int = 0
) -> dict[str, str]:
    """Cover and sheets (blank, and filled in when progress is recorded) and the critical lists; ``stale_blocking``: the
    runbooks that block (``oncall.blocking_runbooks``), which the filled packet's verdict counts as every screen does."""
    sheets: Any = env.get_template("_sheets.html.jinja").module  # the template's macros
    blocks: dict[str, str] = {}
    r = dataclasses.replace(readiness(c, status), stale_blocking=stale_blocking)
    block = layout.Blocks(c.id)
    for fill in [None] + ([status] if has_progress(status) else []):
        blocks.update(_paper(sheets, c, fill, r, revision, block, memo))
    if r.blockers:  # what the list shows of each blocker: its words, and where it is resolved (a section's page, or the final sign-off)
        shown = tuple((b.parts, b.anchor, b.subject.id if isinstance(b.subject, Section) else None) for b in r.blockers)
        blocks[block("blockers")] = memo(block("blockers"), (c.id, shown, env), partial(_blockers, env, c, r))
    blocks.update(_tables(env, c, status, r, block))
    by_section, where = critical_by_section(c), _hrefs(env, c)
    for section in c.sections:
        if by_section[section.id]:
            make = partial(_critical_list, env, section, by_section[section.id], where)
            blocks[block("critical", section)] = memo(block("critical", section), (section, c.id, env), make)  # the list reads the section alone
    return blocks


def framed_pages(env: jinja2.Environment, c: Checklist, status: Status | None, memo: Memo = NONE) -> dict[str, str]:
    """The own block of each framed page: its print hint (the page's sheet, or the packet's blocks, follow it on the
    page: ``layout.framed_content``).

    The engine never builds these pages; ``publish.frames.write_frames`` writes each into the frame of its checklist.
    """
    here = layout.page_of(c, "overview")  # like every block, links are written from the checklist's folder
    link = layout.linker(c, here)
    out: dict[str, str] = {}
    for kind in layout.CHECKLIST_PAGES:
        if not kind.framed or not kind.when(status):
            continue
        template = env.get_template(kind.template)
        for subject, _ in kind.pages(c):
            context = {kind.subject: subject} if kind.subject else {}
            name = layout.page_block(c, kind, subject)
            # the page's own words: its subject, the checklist's title and version (a packet: what its hint reads)
            key = (subject, c.id, c.title, c.version, env) if kind.sheet else _packet_key(c, env)
            out[name] = memo(name, key, partial(template.render, c=c, link=link, **context))
    return out


def _packet_key(c: Checklist, env: jinja2.Environment) -> tuple[Any, ...]:
    """What a packet's print hint reads (packet.html.jinja): the checklist's title and version, and which sheets it has."""
    return (c.id, c.title, c.version, c.final_signoff is not None, tuple(p.title for p in c.parts), c.rollback is not None, env)


def run_blocks(env: jinja2.Environment, c: Checklist, status: Status, revision: str = "", memo: Memo = NONE) -> dict[str, str]:
    """A run's own blocks (its readiness page's blockers, its filled packet) under runs/<run>/."""
    block = layout.Blocks(c.id, run_name(status.run))
    scoped = in_scope(c, status)
    stale, changed = len(status.frozen.runbooks) if status.frozen else 0, CHANGED_SINCE if changed_since(c, status) else ""
    r = dataclasses.replace(readiness(scoped, status), stale_blocking=stale, changed_since=changed)  # as the run was closed
    blocks: dict[str, str] = {}
    if has_progress(status):
        blocks = _paper(env.get_template("_sheets.html.jinja").module, scoped, status, r, status.revision or revision, block, memo)
        packet = layout.PAGE_TYPES["packet-filled"]  # its framed page's own block: the print hint; its blocks follow it
        link = layout.linker(c, layout.page_of(c, "overview"))
        blocks[layout.page_block(scoped, packet, scoped, block.run)] = env.get_template(packet.template).render(c=scoped, link=link)
    if r.blockers:
        blocks[block("blockers")] = _blockers(env, c, r)
    link = layout.linker(c, layout.page_of(c, "overview"))
    blocks[block("progress-table")] = env.get_template("progress-table.html.jinja").render(r=r, link=link)
    return blocks


def _paper(sheets: Any, c: Checklist, fill: Status | None, r: Readiness, revision: str, block: layout.Blocks, memo: Memo = NONE) -> dict[str, str]:
    """The cover and every sheet (:meth:`layout.Blocks.packet`), blank (``fill`` None) or filled in, with the minutes first when filled."""
    blocks: dict[str, str] = {}
    states = {s.id: s for s in fill.items} if fill else None
    filled = fill is not None
    named = bool(block.run)  # a run's own packet names its run, the default run's too, as its readiness page does
    blocks[block("cover", filled=filled)] = str(sheets.cover(c, fill, states, r, revision, named))
    if fill:
        blocks[block("minutes", filled=filled)] = str(sheets.minutes(c, fill, r, revision, named))
    for section in c.sections:
        name = block("sheet", section, filled)
        key = (section, c.title, c.version, c.updated, fill, sheets)  # what a section's sheet reads besides the section: the meta line, the record
        blocks[name] = memo(name, key, partial(_section_sheet, sheets, c, section, fill, states))
    critical = tuple(memo(("critical", c.id, section.id), (section,), partial(_critical_of, section)) for section in c.sections)
    name = block("critical-summary", filled=filled)  # the sheet reads the critical items of each section and the meta line
    blocks[name] = memo(name, (critical, c.title, c.version, c.updated, fill, sheets), partial(_critical_sheet, sheets, c, states))
    if c.final_signoff:
        blocks[block("sheet-final", filled=filled)] = str(sheets.final_sheet(c, c.final_signoff, fill, r))
    if c.metrics:
        columns = ("Target", "Measured value", "By / date")
        blocks[block("sheet", c.metrics, filled)] = str(sheets.part_sheet(c, c.metrics, "Metric", columns, states))
    if c.post_launch:
        blocks[block("sheet", c.post_launch, filled)] = str(sheets.part_sheet(c, c.post_launch, "Task", ("Owner", "Due date"), states))
    if c.rollback:
        blocks[block("sheet", c.rollback, filled)] = str(sheets.rollback_sheet(c, c.rollback))
    return blocks


def _section_sheet(sheets: Any, c: Checklist, section: Section, fill: Status | None, states: Any) -> str:
    return str(sheets.section_sheet(c, section, fill, states))


def _critical_of(section: Section) -> tuple[Any, ...]:
    """What the critical-items sheet shows of a section: its number and title, and each critical item with its group's number."""
    found = tuple((item.id, item.text, n) for n, group in enumerate(section.groups, 1) for item in group.all_items() if item.critical)
    return section.number, section.title, found


def _critical_sheet(sheets: Any, c: Checklist, states: Any) -> str:
    return str(sheets.critical_sheet(c, states))
