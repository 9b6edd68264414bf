"""The build's pure stages with what earlier builds kept (``generator.kept``): a build after no change or after one edit
redoes only what changed.

- **The check** of a large data file: its result kept with the file's bytes. The same bytes are the same result; bytes
  changed inside one section, with as many lines as before, are checked by parsing that section again
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
from pathlib import Path
from typing import Any

from . import kept
from .format.incremental import reparse
from .format.model import Checklist
from .format.oncall import today
from .format.validate import FileCache, Loaded, load_data_file
from .project import Project, data_files
from .publish import Outputs
from .site.layout import Urls
from .site.render import Site

SMALL = 64 * 1024  # a data file smaller than this is loaded and checked in less time than its kept result takes to read


class KeptChecks(FileCache):
    """``load_data_file``'s results kept between runs, for files of :data:`SMALL` bytes or more: the result of the same
    bytes read back (10,000 items: 0.05 s against 0.35 s), an edit inside one section parsed there alone."""

    def load(self, path: Path, display: str) -> Loaded:
        try:
            now = path.read_bytes()
        except OSError:
            return load_data_file(path, display)  # reports why it cannot be read
        if len(now) < SMALL:
            return load_data_file(path, display)
        store, wanted = kept.Kept("check", f"{path.absolute()}\0{display}"), kept.key("check", display)
        before = store.get(wanted)
        result: Loaded | None = None
        if isinstance(before, tuple) and len(before) == 2 and isinstance(before[0], bytes):
            if before[0] == now:
                return before[1][0], list(before[1][1])
            if isinstance(before[1][0], Checklist):  # it loaded and converted cleanly: an edit of one section is parsed alone
                result = reparse(before[0], now, before[1][0])
        if result is None:
            result = load_data_file(path, display)
        try:
            if path.read_bytes() == now:  # not kept if the file changed while it was read
                store.put(wanted, (now, result))
        except OSError:
            pass
        return result


def inputs(project: Project, urls: Urls) -> str:
    """What the generated pages and blocks depend on besides the code: every data file's name and bytes (as `check`
    lists them), the site's addresses, today's date and the time zone (dates and times are shown in it)."""
    files, _ = data_files(project.data, project)
    parts: list[str | bytes] = [urls.site_url, str(urls.directory), today().isoformat(), os.environ.get("TZ", ""), *time.tzname]
    for path in files:
        try:
            parts += [project.display(path), path.read_bytes()]
        except OSError:
            parts += [project.display(path), "unreadable"]
    return kept.key("inputs", *parts)


def site_of(project: Project, wanted: str, make: Any, *args: Any) -> Site:
    """The generated pages: kept whole under ``wanted``, else ``make(*args)``, kept for the next build."""
    whole = kept.Kept("site", str(project.root))
    found = whole.get(wanted)
    if isinstance(found, Site):
        return found
    site: Site = make(*args)
    whole.put(wanted, site)
    return site


def kept_outputs(project: Project, wanted: str) -> Outputs | None:
    found = kept.Kept("outputs", str(project.root)).get(wanted)
    return found if isinstance(found, Outputs) else None


def keep_outputs(project: Project, wanted: str, found: Outputs) -> None:
    kept.Kept("outputs", str(project.root)).put(wanted, found)
