"""The build's pure stages with what earlier builds kept (``generator.kept``): a build after no change or after one edit
redoes only what changed.

- **The check** of a large data file: its result kept with the file's bytes. The same bytes are the same result; bytes
  changed inside one section (lines added or removed there included) are checked by parsing that section again
  (``format.incremental.reparse``, which `serve` uses); anything else is the full load.
- **The generated pages** and **the outputs** (blocks, JSON files, search entries): kept whole under the digest of every
  input (:func:`inputs`); when that differs, made again. (Keeping `serve`'s memo of each section's parts between builds
  was measured and dropped: at 10,000 items reading and writing it, with the model objects its keys hold, took 0.4 s
  more than it saved.)

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
from .beside import Beside, later
from .format.incremental import reparse
from .format.load import read_outside
from .format.model import Checklist, Entry, RunbookSet, Status
from .format.oncall import today
from .format.split import load_split
from .format.validate import FileCache, Loaded, load_data_file
from .project import Project
from .publish import Outputs
from .site.layout import Urls
from .site.render import Site

SMALL = 64 * 1024  # a data file smaller than this is loaded and checked in less time than its kept result takes to read


class KeptChecks(FileCache):
    """``load_data_file``'s results kept between runs, for files of :data:`SMALL` bytes or more: the result of the same
    bytes read back (10,000 items: 0.05 s against 0.35 s), an edit inside one section parsed there alone.

    It also notes the bytes each file's result was made from (:attr:`read`): the key of what is made from the checked
    data (:func:`inputs`) digests these, not the files as they are a moment later, when an editor may have saved one."""

    def __init__(self) -> None:
        super().__init__()
        self.read: dict[str, bytes | None] = {}  # display name -> the bytes its result is of (None: changed while read)

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
            result = load_split(path, now, display, Beside)
        if result is None:
            result = load_data_file(path, display)
            if not _still(path, now):  # not kept, nor keyed, if the file changed while it was read
                self.read[display] = None
                return result
        later(store.put, wanted, (now, result))  # written by a child while the build goes on
        return result


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
    zone (dates and times are shown in it). None when a file changed while the check read it: nothing is kept then."""
    if any(read is None for read in checks.read.values()):
        return None
    parts: list[str | bytes] = [urls.site_url, str(urls.directory), today().isoformat(), os.environ.get("TZ", ""), *time.tzname]
    for display, read in checks.read.items():
        parts += [display, read or b""]
    return kept.key("inputs", *parts)


def site_of(project: Project, wanted: str | None, make: Any, *args: Any) -> Site:
    """The generated pages: kept whole under ``wanted``, else ``make(*args)``, kept for the next build (None: neither)."""
    whole = kept.Kept("site", str(project.root))
    found = whole.get(wanted) if wanted else None
    if isinstance(found, Site):
        return found
    site: Site = make(*args)
    if wanted:
        later(whole.put, wanted, site)
    return site


def kept_outputs(project: Project, wanted: str | None) -> Outputs | None:
    found = kept.Kept("outputs", str(project.root)).get(wanted) if wanted else None
    return found if isinstance(found, Outputs) else None


def outputs_keeper(project: Project, wanted: str | None) -> Callable[[bytes], None] | None:
    """What keeps the outputs from their pickled bytes (a worker's, sent already): :func:`keep_outputs` without pickling."""
    if not wanted:
        return None
    store = kept.Kept("outputs", str(project.root))
    return lambda pickled: store.put_pickled(wanted, pickled)


def keep_outputs(project: Project, wanted: str | None, found: Outputs) -> None:
    if wanted:
        later(kept.Kept("outputs", str(project.root)).put, wanted, found)
