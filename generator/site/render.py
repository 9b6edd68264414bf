"""Model -> Markdown pages: {path inside docs/: text}, the navigation and the redirects. No file I/O.

Which pages there are and where they go is the layout's (``layout.py``); each page is its template
(``templates/*.md.jinja``) rendered with the page's subject.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import jinja2

from ..format.fold import run_name
from ..format.history import history, in_scope, not_in_run
from ..format.model import Checklist, Data, Runbook
from ..format.oncall import blocking, freshness, stale_runbooks, today
from ..format.readiness import CHANGED_SINCE, changed_since, readiness
from ..format.types import FilePath, InlineMarkdown
from . import escape, layout
from .charts import history_chart
from .environment import environment
from .memo import NONE, Memo

NavEntry = dict[str, Any]
Rendered = tuple[dict[str, str], NavEntry, dict[str, str], dict[str, tuple[str, ...]]]  # pages, navigation entry, redirects, framed pages


@dataclass(frozen=True)
class PageRun:
    """Pages of one kind side by side in the navigation (a checklist's sections, the runbooks), and their list page.

    A run of more than :data:`WINDOW_LIMIT` pages shows in each page's navigation as a window (:meth:`shown`), the
    pages left out standing as a link to the list page (:meth:`more`): under MkDocs by ``engine.NavWindow``, under
    Zensical by ``publish/navwindow.py``, the same window either way."""

    home: str  # the list page's source inside docs/
    noun: str  # what the pages are, in the plural
    members: tuple[str, ...]

    @property
    def windowed(self) -> bool:
        return len(self.members) > WINDOW_LIMIT

    def shown(self, at: int | None) -> range:
        """The positions of the members shown in the navigation of the page at position ``at`` (None: a page outside the run).

        >>> run = PageRun("i.md", "pages", tuple(f"{n}.md" for n in range(20)))
        >>> run.shown(None), run.shown(0), run.shown(9), run.shown(19)
        (range(0, 11), range(0, 11), range(4, 15), range(9, 20))
        """
        width = 2 * WINDOW_REACH + 1
        start = 0 if at is None else min(max(at - WINDOW_REACH, 0), max(len(self.members) - width, 0))
        return range(start, min(start + width, len(self.members)))

    def more(self, count: int) -> str:
        """The title of the link standing for ``count`` members left out."""
        return f"\u22ef {count} more {self.noun}"


WINDOW_LIMIT = 15  # a run of more pages than this is windowed
WINDOW_REACH = 5  # pages shown either side of the current one


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path relative to docs/ (inside a generated folder) -> Markdown
    nav: list[NavEntry]  # MkDocs nav entries, paths relative to docs/
    redirects: dict[str, str] = field(default_factory=dict)  # old page -> new page, for the redirect pages (publish/redirects.py)
    framed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # framed page (its would-be source inside docs/) -> its blocks (publish/frames.py)
    runs: tuple[PageRun, ...] = ()  # long runs of them are windowed in each page's navigation (engine.py)


def moved_anchors(c: Checklist, urls: layout.Urls = layout.DIRECTORY_URLS) -> dict[str, str]:
    """Former item and group ids -> where they live now, from the site root in the site's URL style (for pages that lost them)."""
    moved: dict[str, str] = {}
    for block in c.blocks:
        url = urls.url(layout.item_page(c, block))
        for group in block.groups:
            for former in group.former_ids:
                moved[former] = f"{url}#{group.id}"
            for item in group.all_items():
                for former in item.former_ids:
                    moved[former] = f"{url}#{item.id}"
    return dict(sorted(moved.items()))


def _runbook_link(page: layout.Page, ident: str) -> str:
    """The relative link from a page of a checklist to a runbook's page."""
    return layout.runbook_page(ident).link_from(page)


def render_checklist(env: jinja2.Environment, c: Checklist, data: Data, urls: layout.Urls = layout.DIRECTORY_URLS, memo: Memo = NONE) -> Rendered:
    """Every page of :data:`layout.CHECKLIST_PAGES` for ``c``; the runbook pages then the paper in its navigation.

    A framed kind (the sign-off sheets, the packets) gets no Markdown page: the generator writes it into the frame,
    the one page of them the engine builds (``publish/frames.py``); a packet keeps its entry in the navigation.
    ``memo``: section pages kept from an earlier render (`serve`), rendered again only when what they show changed."""
    moved = moved_anchors(c, urls)
    status = data.status(c.id)
    stale = stale_runbooks(data, today(), c.id)
    shared = dict(
        stale_runbooks=stale,
        stale_blocking=blocking(data, c.id, status),
        c=c,
        moved_json=escape.script_json(moved, sort_keys=True) if moved else "",
        status=status,
        states={s.id: s for s in status.items} if status else {},
        block=layout.Blocks(c.id),
        run=None,
        current_run=status if status is not None and data.runs_of(c.id) else None,  # its readiness page names it and its state
        changed_since=CHANGED_SINCE if changed_since(c, status) else "",  # the current run is closed, and the checklist changed since
    )
    pages: dict[str, str] = {}
    framed: dict[str, tuple[str, ...]] = {}
    nav: dict[str, list[Any]] = {"pages": [], "paper": [], "": []}
    for kind in layout.CHECKLIST_PAGES:
        if not kind.when(status):
            continue
        template = None if kind.framed else env.get_template(kind.template)
        for subject, page in kind.pages(c):
            context = {kind.subject: subject} if kind.subject else {}
            title = InlineMarkdown(kind.title.format(c=c, s=subject)) if kind.title else None  # our words and the data's inline text
            if template is None:
                framed[page.src] = layout.framed_content(c, kind, subject)
                if title is not None:
                    nav[kind.nav].append({escape.title(title): page.src})
                continue
            runbook_link = functools.partial(_runbook_link, page)
            make = functools.partial(
                template.render,
                **shared, **context, fill=status if kind.filled else None, link=layout.linker(c, page), page_title=title, runbook_link=runbook_link,
                all_runs=layout.runs_index(c.id).link_from(page),
            )
            key = _page_key(kind.key, subject, shared)
            pages[page.src] = make() if key is None else memo(page.src, (*key, title), make)
            if title is not None:
                nav[kind.nav].append({escape.title(title): page.src})
    if framed:
        frame = layout.frame_of(layout.Page(next(iter(framed))))  # the checklist's, for every framed page of it (runs' too)
        pages[frame.src] = env.get_template("frame.md.jinja").render(c=c, title=layout.FRAME_TITLE, content=layout.FRAME_CONTENT)
    if data.runs_of(c.id):
        history, titles, paper = render_runs(env, c, data, shared)
        pages.update(history)
        framed.update(paper)
        nav["pages"].append({"Launch history": [{escape.title(InlineMarkdown(title)): src} for src, title in titles.items()]})
    # Sheets stay out of the navigation (mkdocs.yml: not_in_nav): each runbook page links its own.
    return pages, {escape.title(c.title): nav["pages"] + nav["paper"]}, layout.renamed_pages(c), framed


def _page_key(kind: str, subject: Any, shared: dict[str, Any]) -> tuple[Any, ...] | None:
    """What a page of ``kind`` reads, for :class:`memo.Memo` (None: the page reads the whole checklist, so it is rendered
    on every edit). Found by reading its template and includes: a test renders with and without the memo after edits."""
    c = shared["c"]
    page = (c.id, c.source, shared["moved_json"], shared["status"], shared["stale_runbooks"], shared["stale_blocking"], shared["changed_since"],
            shared["current_run"] is not None)
    if kind == "section":  # section.md.jinja: its section, the checklist's title and version, the number of sections
        return (*page, subject, c.title, c.version, len(c.sections))
    if kind == "readiness":  # readiness.md.jinja: the readiness, without the sections' items (the blockers are a block)
        r = readiness(c, shared["status"])
        progress = tuple((s.id, s.number, s.title, p) for s, p in r.sections)
        return (*page, c.parts, progress, len(r.blockers), r.work, r.overdue, r.changed, r.later, r.waivers, r.notes)
    return None


def render_runs(
    env: jinja2.Environment, c: Checklist, data: Data, shared: dict[str, Any]
) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    """The history page comparing the runs (first), and each run's readiness page and filled packet (``layout.run_page``),
    with each page's title in the navigation, in its order; a filled packet is framed (its blocks, as ``Site.framed``)."""
    runs = data.runs_of(c.id)
    found = history(c, runs)
    index = layout.runs_index(c.id)
    titles = {index.src: "All runs"}
    current = data.status(c.id)

    def run_link(row: Any, key: str) -> str:
        """A link from the history to a run's page of kind ``key`` (layout.RUN_PAGES), '' when the run has none."""
        return layout.run_page(c.id, row.name, key).link_from(index) if layout.PAGE_TYPES[key].when(row.status) else ""

    pages = {
        index.src: env.get_template("runs.md.jinja").render(
            **shared, h=found, current=current, chart=history_chart(found), link=layout.linker(c, index), run_link=run_link,
            page_title=InlineMarkdown("Launch history"),
        )
    }
    framed: dict[str, tuple[str, ...]] = {}
    for status in runs:
        name = run_name(status.run)
        scoped = in_scope(c, status)
        context = {**shared, "c": scoped, "status": status, "block": layout.Blocks(c.id, name), "run": status, "added": not_in_run(c, status.scope)}
        context["changed_since"] = CHANGED_SINCE if changed_since(c, status) else ""  # numbers as it was closed (``readiness.in_scope``)
        if status.frozen is not None:  # a closed run: the runbooks that blocked it then
            context["stale_blocking"] = status.frozen.runbooks
        for kind in (layout.PAGE_TYPES[key] for key in layout.RUN_PAGES):
            if not kind.when(status):
                continue
            page = layout.run_page(c.id, name, kind.key)
            titles[page.src] = f"Run {name}" + (": packet, filled in" if kind.filled else "")
            if kind.framed:
                framed[page.src] = layout.framed_content(scoped, kind, scoped, name)
                continue
            title = InlineMarkdown(f"Run {name}: launch readiness")
            links = {"link": layout.linker(c, page), "all_runs": index.link_from(page)}
            pages[page.src] = env.get_template(kind.template).render(**context, **links, fill=None, page_title=title)
    return pages, titles, framed


def render_runbooks(env: jinja2.Environment, data: Data, site_url: str) -> Rendered:
    """The list of all alarms and a page per runbook; a runbook's former ids redirect to its page."""
    pages: dict[str, str] = {}
    nav: list[Any] = []
    redirects: dict[str, str] = {}
    runbooks = sorted(data.runbooks, key=lambda r: r.id)
    links = {r.id: data.runbook_checklist(r) for r in runbooks}
    item_blocks = {c.id: c.item_blocks() for c in data.checklists}
    index = layout.runbook_page(layout.RUNBOOK_INDEX)
    on = today()
    fresh = {r.id: freshness(r, on) for r in runbooks}

    def item_link(runbook: Runbook, ident: str) -> tuple[str, str]:
        checklist = links[runbook.id]
        block, item = item_blocks[checklist.id][ident]
        return item.text, layout.item_page(checklist, block).link_from(index, ident)

    pages[index.src] = env.get_template("runbooks-index.md.jinja").render(
        runbooks=runbooks, item_link=item_link, fresh=fresh, sources=FilePath(", ".join(sorted({s.source for s in data.runbook_sets}))),
        page_link={r.id: layout.runbook_page(r.id).link_from(index) for r in runbooks},
    )
    nav.append({"All alarms": index.src})
    for runbook in runbooks:
        page = layout.runbook_page(runbook.id)
        owner = next(s for s in data.runbook_sets if runbook in s.runbooks)
        checklist = links[runbook.id]
        rollback = (checklist.rollback.title, layout.page_of(checklist, "rollback", checklist.rollback).link_from(page)) if checklist.rollback else None
        pages[page.src] = env.get_template("runbook.md.jinja").render(
            r=runbook, item_link=item_link, source=owner.source, site_url=site_url, rollback=rollback, fresh=fresh[runbook.id]
        )
        nav.append({escape.title(runbook.title): page.src})
        for former in runbook.former_ids:
            redirects[layout.runbook_page(former).src] = page.src
    return pages, {"Runbooks": nav}, redirects, {}


def render_index(env: jinja2.Environment, data: Data) -> Rendered:
    """The list of all checklists, with their counts and main pages, and the runbooks when there are any."""
    here = layout.checklists_index()
    checklists = sorted(data.checklists, key=lambda c: (c.title.lower(), c.id))
    counts = {c.id: layout.counts(c) for c in checklists}

    def link(c: Checklist, key: str, subject: Any = None) -> str:
        return layout.page_of(c, key, subject).link_from(here)

    runbooks = layout.runbook_page(layout.RUNBOOK_INDEX).link_from(here) if data.runbooks else ""
    text = env.get_template("checklists-index.md.jinja").render(
        checklists=checklists, counts=counts, link=link, runbooks=runbooks, runbook_count=len(data.runbooks),
        sources=FilePath(", ".join(sorted(c.source for c in checklists))),
    )
    return {here.src: text}, {"All checklists": here.src}, {}, {}


def render(data: Data | Iterable[Checklist], urls: layout.Urls = layout.DIRECTORY_URLS, memo: Memo = NONE) -> Site:
    """All generated pages, for a site at ``urls`` (its site URL makes the runbook URLs shown on their pages absolute);
    ``memo``: pages kept from an earlier render, as `serve` keeps them."""
    if not isinstance(data, Data):
        data = Data(tuple(data))
    env = environment()
    pages: dict[str, str] = {}
    nav: list[NavEntry] = []
    redirects: dict[str, str] = {}
    framed: dict[str, tuple[str, ...]] = {}
    parts = [render_index(env, data)] + [render_checklist(env, c, data, urls, memo) for c in sorted(data.checklists, key=lambda c: c.id)]
    if data.runbooks:
        parts.append(render_runbooks(env, data, urls.site_url))
    for more, entry, moved, paper in parts:
        pages.update(more)
        nav.append(entry)
        redirects.update(moved)
        framed.update(paper)
    return Site(pages, nav, dict(sorted(redirects.items())), framed, page_runs(data))


def page_runs(data: Data) -> tuple[PageRun, ...]:
    """Each checklist's section pages, and the runbook pages: the runs of pages the navigation may window."""
    out = [
        PageRun(layout.page_of(c, "overview").src, "sections", tuple(layout.page_of(c, "section", s).src for s in c.sections))
        for c in sorted(data.checklists, key=lambda c: c.id)
    ]
    if data.runbooks:
        members = tuple(layout.runbook_page(r.id).src for r in sorted(data.runbooks, key=lambda r: r.id))
        out.append(PageRun(layout.runbook_page(layout.RUNBOOK_INDEX).src, "runbooks", members))
    return tuple(out)
