"""After the engine: one pipeline that `build` and `serve` both run on the site the engine wrote.

The engine (MkDocs or Zensical) builds the pages; :func:`publish` then brings the built site up
to date with what the checked data gives besides its pages, in one order: the redirect pages of
renamed ids, the JSON files (``checklist.json``, ``runbook-links.json``), the finished blocks in
the pages' slots, the pages of paper (sheets, packets) in their frames, the item entries of the search index, and the safety scan of the pages and the
search index (markup that could run script fails the run). `build` publishes into its staging folder, so a
failure leaves the published site as it was; `serve` publishes into the folder it serves, naming
the pages its (dirty) rebuild wrote, so that only they are scanned.

Its modules are the file work after the engine: ``write`` (the only writer of docs/ and site/),
``assemble`` (slots), ``frames`` (the sheets' and packets' pages, written into the theme's frame),
``scan``, ``redirects`` and ``search``.
"""

from __future__ import annotations

import itertools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..errors import BuildError
from ..exchange.export import as_json as export_json
from ..exchange.links import alarm_links, as_json
from ..format.model import Data
from ..site import memo as parts
from ..site.layout import Page, Urls, checklist_folder, frame_of
from ..site.lists import RECORD_SCRIPT, record_script
from ..site.paper import render_paper
from .assemble import Filled, fill_blocks
from .frames import FrameError, write_frames
from .navwindow import Windows
from .redirects import write_redirects
from .scan import Hit, Memo, html_files, in_order, origin, scan, scan_files, scan_pages, scan_search
from .search import Additions, additions, merge_search
from .write import anew

log = logging.getLogger("checklist_site")


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time one stage: `checklist-site build -v` prints where the time goes (wall time, and this process's processor
    time, which a busy machine stretches less)."""
    start, cpu = time.perf_counter(), time.process_time()
    yield
    log.debug("  %-26s %6.2f s  (processor %.2f s)", name, time.perf_counter() - start, time.process_time() - cpu)


@dataclass(frozen=True)
class Outputs:
    """What the site gets from the checked data besides its pages: the blocks for the slots, the JSON files, the search entries."""

    blocks: dict[str, str]
    files: dict[str, str]  # name inside the site -> text
    search: Additions


def outputs(data: Data, urls: Urls, revision: str, memo: parts.Memo = parts.NONE) -> Outputs:
    """:class:`Outputs` of ``data``: a function of the data alone, so `build` can compute it beside the engine
    (``memo``: the parts `serve` kept from its last rebuild, made again where their inputs changed)."""
    return Outputs(render_paper(data, urls, revision, memo), *exports(data, urls, memo))


EXPORT_JSON, ALARM_MAP = "checklist.json", "runbook-links.json"  # at the site's top, beside the engine's files


def site_files(data: Data) -> list[str]:
    """The files the build writes into the site outside the generated folders (:data:`EXPORT_JSON`, :data:`ALARM_MAP`):
    a file of docs/ at one of these places would be copied there by the engine and replaced (``write.check_site_files``)."""
    return [EXPORT_JSON, *([ALARM_MAP] if data.runbooks else [])]


def exports(data: Data, urls: Urls, memo: parts.Memo = parts.NONE) -> tuple[dict[str, str], Additions]:
    """The JSON files and the search entries of :class:`Outputs` (its blocks are ``render_paper``'s)."""
    files = {EXPORT_JSON: export_json(data, urls.site_url, memo)}
    for c in data.checklists:
        files[f"{checklist_folder(c.id)}/{RECORD_SCRIPT}"] = record_script(c, data.status(c.id), memo)
    if data.runbooks:
        files[ALARM_MAP] = as_json(alarm_links(data, urls.site_url))
    return files, additions(data, urls, memo)


@dataclass(frozen=True)
class Publication:
    """A site the engine has just written, and what :func:`publish` needs to finish it."""

    site_dir: Path
    data: Data
    outputs: Outputs
    redirects: dict[str, str]  # old page -> new page (sources inside docs/), from the rendered site
    slotted: list[str]  # built pages (inside ``site_dir``) whose slots to fill
    urls: Urls
    written: list[str] | None = field(default=None)  # the built pages this run wrote (serve's dirty rebuild); None: all of them
    framed: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the pages of paper to write into their frames (source inside docs/ -> blocks)
    nav: list[Any] | None = None  # the navigation the engine built with: a framed page in it gets its previous and next pages
    scan_files: Callable[[Path, list[str]], list[Hit]] = scan_files  # how a full scan reads its files (`build`: in two processes)
    memo: Memo | None = None  # what the last build found clean, by content (`build`: scan.Memo in the work folder)
    beside: Callable[..., Started] | None = None  # fn(*args) started in another process, its value asked later (`build`: beside.Beside)
    windows: Windows | None = None  # Zensical's pages: their navigation's long runs cut to windows (navwindow.py) as the slots are filled
    searched: bool = False  # the search entries merged already (`build` under Zensical: while the worker made the blocks)
    filled: Filled | None = None  # the last build's filled pages, taken where filled from the same (`build`)


class Started(Protocol):
    """Work started in another process (``beside.Beside``): its value, or stopped."""

    @property
    def running(self) -> bool: ...

    def result(self) -> Any: ...

    def cancel(self) -> None: ...


class ScriptFound(BuildError):
    """The safety scan found markup that could run script; ``pages`` hold it (paths inside the site)."""

    def __init__(self, hits: list[Hit], data: Data) -> None:
        lines, found = [], False
        for hit in hits[:20]:
            came = origin(data, hit.evidence)
            found |= bool(came)
            lines.append(f"{hit.page}: {hit.what}" + (f", from {came}" if came else ""))
        more = f"\n  (and {len(hits) - 20} more)" if len(hits) > 20 else ""
        super().__init__("the built pages hold markup that could run script:\n  " + "\n  ".join(lines) + more, _SCRIPT_HINT[found])
        self.pages = sorted({hit.page for hit in hits})


_SCRIPT_HINT = {  # whether a text of data/ holds the markup: checklist-site's escaping let it through; else it came from elsewhere
    True: "nothing was published and the previous site is unchanged; this is a bug in checklist-site's escaping: report it with the data text named above",
    False: "nothing was published and the previous site is unchanged; no text of data/ holds it: look in mkdocs.yml (copyright, extra, "
    "the theme's settings), the hand-written pages in docs/ and overrides/; if none of them does, it is a bug in checklist-site: report it",
}


def publish(p: Publication) -> list[str]:
    """Redirects, JSON files, blocks, search entries and the safety scan, in ``p.site_dir``; returns the redirect pages written.

    Raises :class:`ScriptFound` when a page or the search index holds markup that could run script.
    """
    if p.beside is not None and p.written is None:
        return _publish_beside(p, p.beside)
    with stage("redirects, json, fill slots, frames"):
        redirects = _write(p)
        framed = _frames(p)
    if not p.searched:
        with stage("search entries"):
            merge_search(p.site_dir, p.outputs.search)
    with stage("safety scan"):
        pages = [page for page in (*(p.written or []), *p.slotted, *redirects, *framed) if (p.site_dir / page).is_file()]  # not the frames, gone
        hits = scan(p.site_dir, p.scan_files, p.memo) if p.written is None else scan_pages(p.site_dir, pages)
        _passed(p, hits)
    return redirects


def _write(p: Publication) -> list[str]:
    """The redirect pages, the JSON files and the slots filled; returns the redirect pages written."""
    redirects = write_redirects(p.site_dir, p.redirects, p.urls)
    for name, text in p.outputs.files.items():
        anew(p.site_dir / name).write_text(text, encoding="utf-8")
    fill_blocks(p.site_dir, p.outputs.blocks, p.slotted, p.windows, list(p.windows.built) if p.windows else [], p.filled)
    if p.filled is not None and p.filled.taken:
        log.debug("  %d page(s) taken as the last build with this engine filled them from the same", p.filled.taken)
    return redirects


def _passed(p: Publication, hits: list[Hit]) -> None:
    if hits:
        raise ScriptFound(hits, p.data)
    if p.memo is not None:
        p.memo.save()


def _publish_beside(p: Publication, beside: Callable[..., Started]) -> list[str]:
    """:func:`publish` of a whole build with a second process: it writes the pages of paper into their frames (about half
    of the site's bytes: the sheets and the packets), while this one fills the slots and scans every other page; then
    both scan the pages of paper, each taking the next from a :class:`_Queue` until none is left. Then any HTML file
    neither scanned (none, unless the engine or a frame wrote one unforeseen) is scanned here, and the hits are
    reported in the order one scan of the whole site reports them."""
    paper = {p.urls.dest(page) for src in p.framed for page in (Page(src), frame_of(Page(src)))}  # theirs, and the frames they remove
    queue = _Queue(sorted(p.urls.dest(Page(src)) for src in p.framed))
    theirs = beside(_frames_scanned, p, queue)
    try:  # a failure here stops the other process: the build clears its staging next, which nothing may write into then
        if theirs.running:
            queue.done_writing()  # only the other process puts pages in: the queue ends when it has
        with stage("redirects, json, fill slots"):
            redirects = _write(p)
        if not p.searched:
            with stage("search entries"):
                merge_search(p.site_dir, p.outputs.search)
        with stage("safety scan (paper beside)"):
            mine = [page for page in html_files(p.site_dir) if page not in paper]
            hits = scan_files(p.site_dir, p.memo.unseen(p.site_dir, mine) if p.memo else mine)
            searched = scan_search(p.site_dir, p.memo)  # before the pages of paper: the other process takes more of them meanwhile
            if theirs.running:  # the pages of paper the other process has not taken, one at a time as it takes them too
                hits += scan_files(p.site_dir, queue.take())
            framed, found, seen, failed = theirs.result()
            if failed is not None:
                raise BuildError(*failed)
            if p.memo is not None:
                p.memo.seen |= seen
            after = html_files(p.site_dir)
            covered = {*mine, *framed}
            missed = [page for page in after if page not in covered]
            hits = in_order(after, hits, found, scan_files(p.site_dir, p.memo.unseen(p.site_dir, missed) if p.memo else missed))
            _passed(p, hits + searched)
    finally:
        theirs.cancel()  # once its value is taken: nothing to stop
        queue.close()
    return redirects


class _Queue:
    """The pages of paper to scan, shared by two processes: a pipe of 4-byte indices into :attr:`pages`, put in once the
    pages are written (a reader never gets a page before it is whole), each read by exactly one process. Indices go in
    whole writes of at most 4096 bytes, which a pipe delivers whole, so every read of 4 bytes is one index."""

    def __init__(self, pages: list[str]) -> None:
        self.pages = pages
        self._read, self._write = os.pipe()

    def put(self, pages: list[str]) -> list[str] | None:
        """Put ``pages`` (of :attr:`pages`) in, and end the queue (:meth:`take` then stops once they are taken); returns
        those the pipe had no room for (this process's to scan), or None when this process had ended the queue already
        (the work computed here after the other process failed: it scans them all)."""
        if self._write < 0:
            return None
        at = {page: n for n, page in enumerate(self.pages)}
        os.set_blocking(self._write, False)  # a full pipe leaves the rest here, never waiting on a reader that may be this process
        for start in range(0, len(pages), 1024):  # 4096 bytes a write: whole or not at all
            try:
                os.write(self._write, b"".join(at[page].to_bytes(4, "big") for page in pages[start : start + 1024]))
            except BlockingIOError:
                self.done_writing()
                return pages[start:]
        self.done_writing()
        return []

    def done_writing(self) -> None:
        if self._write >= 0:
            os.close(self._write)
            self._write = -1

    def take(self) -> Iterator[str]:
        """The pages put in that no other process has taken, one at a time, until the queue has ended and is empty."""
        while len(index := os.read(self._read, 4)) == 4:
            yield self.pages[int.from_bytes(index, "big")]

    def close(self) -> None:
        self.done_writing()
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def _frames_scanned(p: Publication, queue: _Queue) -> tuple[list[str], list[Hit], set[str], tuple[str, str] | None]:
    """The pages of paper written into their frames (:func:`_frames`), and those of them whose bytes the memo has not seen
    clean put in ``queue`` and scanned, as many as this process takes: the pages, their hits, the digests the memo saw
    (this process's copy of it: the caller adds them to its own), and the error met (message, hint) if any: returned,
    not raised, so that the caller reports it instead of writing the pages again into frames taken out."""
    try:
        framed = _frames(p)
    except BuildError as exc:
        queue.done_writing()
        return [], [], set(), (exc.message, exc.hint)
    todo: Iterable[str] = [page for page in framed if p.memo is None or p.memo.fresh((p.site_dir / page).read_bytes())]
    known = set(queue.pages)
    size = {page: (p.site_dir / page).stat().st_size for page in todo if page in known}  # the largest first: the two end together
    left = queue.put(sorted(size, key=lambda page: -size[page]))
    if left is not None:  # a page not foreseen, or with no room in the queue: this process's own; then one at a time, as the other takes them
        todo = itertools.chain([page for page in todo if page not in known], left, queue.take())
    return framed, scan_files(p.site_dir, todo), set(p.memo.seen) if p.memo else set(), None


def _frames(p: Publication) -> list[str]:
    """The pages of paper (sheets, packets), written into their frames (frames.py); a frame the engine built otherwise fails the run."""
    try:
        return write_frames(p.site_dir, p.framed, p.outputs.blocks, p.urls, p.nav)
    except FrameError as exc:
        raise BuildError(str(exc), "build with the theme as mkdocs.yml ships it (Material, overrides/main.html); nothing was published") from None
