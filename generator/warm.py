"""The build's pure stages with what earlier builds kept (``generator.kept``): a build after no change or after one edit
redoes only what changed.

- **The check** of a large data file: its result kept with the file's bytes. The same bytes are the same result; bytes
  changed inside one section (lines added or removed there included) are checked by parsing that section again
  (``format.incremental.reparse``, which `serve` uses); anything else is the full load.
- **The generated pages** and **the outputs** (blocks, JSON files, search entries): kept whole under the digest of every
  input (:func:`inputs`); when that differs, made again, part by part: each section's page, sheet, lists, search
  entries and export lines are kept with the digest of what they were made from (``site.memo.Kept``, the parts
  `serve` keeps in memory, keyed by content instead of by the model objects, whose pickling cost more than it saved),
  so an edit of one item renders that section's parts and the checklist-wide ones again, and reads the others back.

Every kept result is keyed by this package's code too, so nothing made by other code is ever read back, and
``tests/test_kept.py`` compares builds with and without it byte for byte.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import kept
from .beside import Beside, Claim, later
from .format.incremental import reparse
from .format.load import read_outside
from .format.model import Checklist, Entry, RunbookSet, Status
from .format.oncall import today
from .format.readiness import readiness
from .format.split import load_split
from .format.types import people_known
from .format.validate import FileCache, Loaded, load_data_file
from .project import Project
from .publish import Outputs, exports
from .publish.search import Additions
from .site import memo as parts
from .site.layout import Urls
from .site.paper import render_paper
from .site.render import Site

SMALL = 64 * 1024  # a data file smaller than this is loaded and checked in less time than its kept result takes to read


class KeptChecks(FileCache):
    """``load_data_file``'s results kept between runs, for files of :data:`SMALL` bytes or more: the result of the same
    bytes read back (10,000 items: 0.05 s against 0.35 s), an edit inside one section parsed there alone.

    It also notes the bytes each file's result was made from (:attr:`read`): the key of what is made from the checked
    data (:func:`inputs`) digests these, not the files as they are a moment later, when an editor may have saved one."""

    def __init__(self, first: Callable[[], object] | None = None, then: Callable[[bytes], object] | None = None) -> None:
        super().__init__()
        self.read: dict[str, bytes | None] = {}  # display name -> the bytes its result is of (None: changed while read)
        self.first, self.then = first, then  # the build's work before a split, and after it in the other process (once)
        self.split = False  # a file was split: ``then`` went with it

    def load(self, path: Path, display: str) -> Loaded:
        now = _bytes(path, display)
        self.read[display] = now
        if now is None:
            return load_data_file(path, display)  # reports why it cannot be read, or is too large to
        if len(now) < SMALL:
            result = load_data_file(path, display)
            if not _still(path, now):
                self.read[display] = None
            return result
        return self._large(path, display, now)

    def _large(self, path: Path, display: str, now: bytes) -> Loaded:
        store, wanted = kept.Kept("check", f"{path.absolute()}\0{display}"), kept.key("check", display)
        before = store.get(wanted)
        result: Loaded | None = None
        if _shaped(before):
            if before[0] == now:
                return before[1][0], list(before[1][1])
            if isinstance(before[1][0], Checklist):  # it loaded and converted cleanly: an edit of one section is parsed alone
                result = reparse(before[0], now, before[1][0])
        if result is None:  # nothing kept (a first build), or an edit across sections: the sections converted in two processes
            result = load_split(path, now, display, self._beside, self._first)
        if result is None:
            result = load_data_file(path, display)
            if not _still(path, now):  # not kept, nor keyed, if the file changed while it was read
                self.read[display] = None
                return result
        later(store.put, wanted, (now, result))  # written by a child while the build goes on
        return result


    def _first(self) -> None:
        first, self.first = self.first, None
        if first is not None:
            first()

    def _beside(self, fn: Callable[..., Any], *args: Any) -> Beside[Any]:
        """The other process of a split, which goes on with the build's ``then`` once it has sent its sections."""
        then, self.then = self.then, None
        self.split = self.split or then is not None
        return Beside(fn, *args, then=then, urgent=True)  # the theme's templates: MkDocs is about to need them


def _bytes(path: Path, display: str) -> bytes | None:
    """The bytes of a data file, read as the loader reads them (a regular file, no more than its size limit); None when
    the loader refuses the file (it then says why), so that a dump saved in data/ by mistake is never read whole."""
    return read_outside(path, display)[0]


def _still(path: Path, read: bytes) -> bool:
    """Whether ``path`` still holds the bytes ``read`` (the load that read it again in between read these)."""
    return _bytes(path, "") == read


def _shaped(before: Any) -> bool:
    """Whether a kept check result has the shape :class:`KeptChecks` keeps: (bytes, (result, [issues]))."""
    return (
        isinstance(before, tuple)
        and len(before) == 2
        and isinstance(before[0], bytes)
        and isinstance(before[1], tuple)
        and len(before[1]) == 2
        and isinstance(before[1][0], (Checklist, RunbookSet, Status, Entry, type(None)))
        and isinstance(before[1][1], list)
    )


def inputs(checks: KeptChecks, urls: Urls) -> str | None:
    """What the generated pages and blocks depend on besides the code: every data file's name and the bytes the check
    read of it (``checks``: the cache the check loaded them with), the site's addresses, today's date and the time
    zone (dates and times are shown in it), and the project's .mailmap as the check read it (who is who: an edit of it
    alone left the last build's pages, where Priya's change of her own entry was still someone else's). None when a
    file changed while the check read it: nothing is kept then."""
    if any(read is None for read in checks.read.values()):
        return None
    parts: list[str | bytes] = [urls.site_url, str(urls.directory), today().isoformat(), os.environ.get("TZ", ""), *time.tzname, people_known()]
    for display, read in checks.read.items():
        parts += [display, read or b""]
    return kept.key("inputs", *parts)


def context(urls: Urls, revision: str) -> str:
    """The key of what the kept parts (``site.memo.Kept``) read besides their own keys: the code (in every key), the
    site's addresses, the data's revision (the filled packet prints it), today's date and the time zone, the .mailmap."""
    return kept.key("parts", urls.site_url, str(urls.directory), revision, today().isoformat(), os.environ.get("TZ", ""), *time.tzname, people_known())


def memo(project: Project, stage: str, where: str, digests: parts.Digests | None = None) -> parts.Memo:
    """The parts of ``stage`` that the last build of ``project`` kept under the context ``where`` (:func:`context`);
    none when nothing is kept (:data:`site.memo.NONE`: no digest made for nothing)."""
    if kept.cache_folder() is None:
        return parts.NONE
    return parts.Kept(kept.Kept(stage, str(project.root)), where, digests)


def saved(found: parts.Memo) -> None:
    if isinstance(found, parts.Kept):
        found.save()


def site_of(project: Project, wanted: str | None, make: Any, *args: Any, memo: parts.Memo = parts.NONE) -> Site:
    """The generated pages: kept whole under ``wanted``, else ``make(*args, memo)`` (made again where ``memo``'s parts
    changed), kept for the next build (None: neither)."""
    whole = kept.Kept("site", str(project.root))
    found = whole.get(wanted) if wanted else None
    if isinstance(found, Site):
        return found
    site: Site = make(*args, memo)
    later(_keep_site, memo, whole, wanted, site)
    return site


def _keep_site(memo: parts.Memo, whole: kept.Kept, wanted: str | None, site: Site) -> None:
    saved(memo)
    if wanted:
        whole.put(wanted, site)


class Worker:
    """The blocks, JSON files and search entries (``publish.outputs``) made with the parts the last build kept, as
    `build`'s worker makes them beside the engine; :meth:`keep` then writes what is to be kept for the next build:
    those parts, and the outputs whole under ``wanted`` (from the bytes the worker sent, or pickled).

    ``blocks_only``: the worker makes the blocks alone, and the build's own process the JSON files and search entries
    (:meth:`exports`) while it waits for them: under Zensical, whose process builds beside, the build's own process has
    nothing else to do by then (0.05-0.15 s at 10,000 items). Under MkDocs the build's own process builds the site
    meanwhile, and the exports are made by whichever process asks for the :attr:`claim` first: the worker once it has
    made the blocks, or the build's own process once MkDocs has built (it waited 0.1-0.5 s for the worker there, at
    10,000 items, once no template was compiled on a first build). The blocks alone are then kept whole (from the
    bytes the worker sent: never pickled again), the JSON files and
    search entries by their parts (:meth:`keep_exports`), which a build with nothing changed joins again (:meth:`exports`)
    in a few hundredths of a second: kept whole as well, they cost the first build and every build after an edit a
    process pickling and writing the 10 MB of blocks again at 10,000 items."""

    def __init__(
        self, project: Project, where: str, data: Any, urls: Urls, revision: str, wanted: str | None = None, blocks_only: bool = False
    ) -> None:
        self.project, self.where, self.data, self.urls, self.revision, self.wanted = project, where, data, urls, revision, wanted
        self.blocks_only = blocks_only
        self.digests = parts.Digests()
        self.memos: list[parts.Memo] = []
        self.here: parts.Memo = parts.NONE  # the exports' parts, made in the build's own process (blocks_only)
        self.claim: Claim | None = None  # (MkDocs) the exports: made by whichever process asks first, the worker or the build's
        self.home = os.getpid()  # the build's own process
        self.exported_here = False  # the build's own process made the exports (:meth:`exports`)
        self.sent_exports = False  # this call made them with the blocks

    def prime(self) -> None:
        """Make, before the worker forks, what both processes would make: each checklist's readiness (kept for the same
        objects: ``format.readiness``) and the digests of its sections and groups (:attr:`digests`, which the pages'
        memo shares), so the worker starts with them."""
        if kept.cache_folder() is None:
            return
        for c in self.data.checklists:
            readiness(c, self.data.status(c.id))
            self.digests((*c.blocks, *(g for block in c.blocks for g in block.groups)))

    def __call__(self) -> Outputs:
        blocks = memo(self.project, "blocks", self.where, self.digests)
        self.memos = [blocks]
        made = render_paper(self.data, self.urls, self.revision, blocks)
        if not self._exports_too():
            return Outputs(made, {}, Additions((), frozenset()))
        self.sent_exports = True
        more = memo(self.project, "exports", self.where, self.digests)
        self.memos.append(more)
        return Outputs(made, *exports(self.data, self.urls, more))

    def _exports_too(self) -> bool:
        """Whether the worker makes the JSON files and search entries after the blocks: never with ``blocks_only``; in
        the worker, only if it takes the :attr:`claim` before the build's own process does (under MkDocs: that process
        asks once MkDocs has built, and makes them itself while the worker still makes the blocks, 0.1-0.2 s at 10,000
        items it would otherwise wait); in the build's own process (no fork, or the worker failed) unless it made them."""
        if self.blocks_only:
            return False
        if os.getpid() == self.home:
            return not self.exported_here
        return self.claim is None or self.claim.take()

    def exports(self) -> tuple[dict[str, str], Additions]:
        """The JSON files and search entries made by the build's own process (``blocks_only``, or the :attr:`claim`
        taken), with the parts kept."""
        self.exported_here = True
        self.here = memo(self.project, "exports", self.where, self.digests)
        return exports(self.data, self.urls, self.here)

    def keep(self, pickled: bytes | Outputs) -> None:
        """Keep the parts made, and the outputs whole (``pickled``: as the worker sent them, or as made here); with
        ``blocks_only``, the blocks whole (the JSON files and search entries are kept by their parts: :meth:`keep_exports`)."""
        for made in self.memos:
            saved(made)
        if self.wanted:
            store = kept.Kept(_whole(self.blocks_only or not self.sent_exports), str(self.project.root))
            store.put_pickled(self.wanted, pickled) if isinstance(pickled, bytes) else store.put(self.wanted, pickled)

    @property
    def exports_made(self) -> bool:
        """(``blocks_only``) Whether :meth:`exports` made a part its memo had not kept (:meth:`keep_exports` keeps it)."""
        return bool(getattr(self.here, "made", 0))

    def keep_exports(self) -> None:
        """(``blocks_only``) Keep the parts of the JSON files and search entries made here."""
        saved(self.here)


def _whole(blocks_only: bool) -> str:
    """The stage under which the outputs are kept whole: the worker's blocks alone (Zensical), or all of them (MkDocs);
    never a stage whose parts a memo keeps (:func:`memo`: "blocks", "exports"), whose file it would replace."""
    return "blocks.whole" if blocks_only else "outputs"


def kept_outputs(project: Project, wanted: str | None, blocks_only: bool = False) -> Outputs | None:
    """The outputs kept whole under ``wanted`` (``blocks_only``: the blocks, without the JSON files and search entries)."""
    found = kept.Kept(_whole(blocks_only), str(project.root)).get(wanted) if wanted else None
    return found if isinstance(found, Outputs) else None
