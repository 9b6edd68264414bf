"""Results of the build's pure stages, kept between runs by the digest of everything they depend on.

`build` checks a data file, renders the pages and renders the blocks from the same bytes again and
again: most builds follow an edit of one file, or none (a CI run, a rebuild after a theme change).
Each of those stages is a function of its inputs alone, so its result is kept, like ``make`` keeps
its targets, but by content: under a key that digests the inputs' bytes, this package's code (every
module and template), the versions of the libraries whose output the result holds, and whatever
else the stage reads (the site's addresses, the data's revision, today's date). Any change to any of
them is another key, and the stage runs again; the same key gives the result the stage gave, byte
for byte (``tests/test_kept.py`` builds with and without it and compares every file).

Where: the user's cache folder, next to the compiled templates (``$CHECKLIST_SITE_CACHE``, else
``$XDG_CACHE_HOME/checklist-site``, else ``~/.cache/checklist-site``; ``off`` keeps nothing), never in
the project: a result is read back with :mod:`pickle`, which may only read what this user's own runs
wrote, never a file that came with a project (nor one another user put in a shared cache folder:
:func:`mine`). One file per stage and project (or data file), replaced by the next run with other
inputs, and only the results of the projects built last are kept (:data:`KEEP` per stage), so the
folder does not grow with the number of builds or projects.
A file that cannot be read or written is a stage run as before, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_VARIABLE = "CHECKLIST_SITE_CACHE"  # where compiled templates and kept results live ("" or "off": nowhere)
# Every library whose output a kept result holds (tests/test_kept.py runs the stages and finds any one missing): the
# sanitizer (nh3), both Markdown readers and what they call (mdurl, and Pygments for a runbook's code blocks).
_LIBRARIES = (
    *("pyyaml", "jinja2", "markupsafe", "markdown", "pymdown-extensions", "pygments", "markdown-it-py", "mdurl", "nh3"),
    *("anyascii", "mkdocs", "mkdocs-material"),
    "confusable-homoglyphs",  # who is one person (types.identity): the open work per person, under one name
)
_SOURCES = (".py", ".jinja", ".html", ".css", ".js", ".json", ".yml", ".yaml")


def cache_folder() -> Path | None:
    """The user's cache folder for checklist-site, or None when caching is off."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen in ("", "off"):
        return None
    if chosen:
        return Path(chosen)
    try:
        if os.path.isabs(os.environ.get("XDG_CACHE_HOME", "")):  # a relative one is no cache home (the XDG base directory
            return Path(os.environ["XDG_CACHE_HOME"]) / "checklist-site"  # specification): it put the cache in the project
        home = Path.home()
    except (RuntimeError, KeyError):  # no home folder to be found (HOME unset, no entry in the password database)
        return None
    # A home that does not exist (HOME=/nonexistent, a service account's) is not made to hold a cache: nothing is kept.
    return home / ".cache" / "checklist-site" if home.is_dir() else None


@lru_cache(maxsize=None)
def code() -> str:
    """The digest of this package's files (code, templates, assets) and of the libraries' versions its results depend on."""
    from .programs import installed_version  # not importlib.metadata's: 0.04-0.06 s to import

    digest = hashlib.sha256(sys.version.encode() + b"\0" + sources(Path(__file__).parent).encode())
    for name in _LIBRARIES:
        digest.update(f"{name}={installed_version(name) or 'none'}\0".encode())
    return digest.hexdigest()


def sources(package: Path) -> str:
    """The digest of the files of ``package`` (code, templates, assets) by their names and bytes; a file that cannot be
    read (a link left dangling where the package was copied without its links' targets) by its name alone."""
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _SOURCES and "__pycache__" not in p.parts):
        try:
            content = path.read_bytes()
        except OSError:
            content = b"\0unreadable"
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()


def mine(fd: int) -> bool:
    """Whether the open file ``fd`` was written by this user: a cache folder others can write to (an XDG_CACHE_HOME on a
    shared machine) may hold files this user's runs never wrote, and those are never read."""
    return not hasattr(os, "getuid") or os.fstat(fd).st_uid == os.getuid()


def key(*parts: str | bytes) -> str:
    """A key of the inputs ``parts`` (each one delimited, so that no two lists of parts share a key) and of :func:`code`."""
    digest = hashlib.sha256(code().encode())
    for part in parts:
        raw = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(raw).to_bytes(8, "big") + raw)
    return digest.hexdigest()


def place(stage: str, name: str) -> Path | None:
    """The file in the cache folder for ``stage`` and ``name`` (a project's folder, a data file), or None when caching is off."""
    folder = cache_folder()
    return None if folder is None else folder / "kept" / stage / hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def sealed(data: bytes) -> bytes:
    """``data`` after the digest of its bytes, as a cache file holds it: what is read back is used only where it is still
    those bytes (:func:`unsealed`). A cache file changed since it was written (a disk's error, a write cut short or made
    over it by something else, a byte changed by hand) was used as it read: a changed text in a kept page was published,
    and a changed compiled template ran (the site said 'for phishing' where the template says 'for printing', or the
    build stopped at an internal error)."""
    return hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data


def unsealed(stored: bytes) -> bytes | None:
    """The bytes :func:`sealed` kept, or None where they are not the bytes it sealed.

    >>> unsealed(sealed(b"page")), unsealed(sealed(b"page").replace(b"page", b"pagf")), unsealed(b"page")
    (b'page', None, None)
    """
    digest, _, data = stored.partition(b"\n")
    return data if digest == hashlib.sha256(data).hexdigest().encode("ascii") else None


class Kept:
    """One kept result: the file ``<cache>/kept/<stage>/<name digest>``, holding the key it was made for and the result."""

    def __init__(self, stage: str, name: str) -> None:
        self.path = place(stage, name)

    def get(self, wanted: str) -> Any:
        """The result kept under the key ``wanted``, or None (none kept, another key, a file that cannot be read, or whose
        result is not the bytes written: :func:`sealed`)."""
        if self.path is None:
            return None
        try:
            with self.path.open("rb") as f:
                if not mine(f.fileno()) or f.readline().rstrip(b"\n") != wanted.encode("ascii"):
                    return None
                pickled = unsealed(f.read())
                return None if pickled is None else pickle.loads(pickled)
        except Exception:  # noqa: BLE001 - anything wrong with a cache file is a stage run again
            return None

    def put(self, made: str, result: Any) -> None:
        """Keep ``result`` under the key ``made``: written whole beside, then renamed into place (a reader sees old or new)."""
        if self.path is None:
            return
        try:
            pickled = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a result that cannot be kept is made again next time
            return
        self.put_pickled(made, pickled)

    def put_pickled(self, made: str, pickled: bytes) -> None:
        """:meth:`put` of a result already pickled (the bytes a worker sent: not pickled twice)."""
        if self.path is None:
            return
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as f:
                f.write(made.encode("ascii") + b"\n")
                f.write(sealed(pickled))
            os.replace(tmp, self.path)
            prune(self.path.parent, KEEP_FILES if self.path.parent.name == "check" else KEEP)
        except Exception:  # noqa: BLE001 - a result that cannot be kept is made again next time
            with contextlib.suppress(OSError):  # not there, or its folder is not one (a cache folder under a file)
                tmp.unlink()


KEEP = 8  # results kept per stage: the projects built last; the cache folder does not grow with more
KEEP_FILES = 32  # the checks kept: one per large data file (a project may have several)


def prune(folder: Path, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` files of ``folder`` written last (a result, or what a stopped writer left half written)."""
    try:
        found = sorted(((p.stat().st_mtime, p) for p in folder.iterdir() if p.is_file()), reverse=True)
    except OSError:
        return
    for _, path in found[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
