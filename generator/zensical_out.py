"""The site Zensical built last, kept as it wrote it, and used again when it would build the same.

After an edit of an item, or with nothing changed, Zensical is given the very pages and configuration it was
given the last time: the items are not in the Markdown (the generator fills them into the built pages). Zensical's
own cache then makes every page from its cache, but its run still takes 0.6-0.9 s of processor time at 10,000
items (starting Python, reading the theme, writing the site and its search index), beside the build's own work
on a 2-core machine. So the build keeps the site Zensical wrote, before anything is filled into it, with a
digest of everything Zensical read to make it (:func:`inputs`): its configuration's text, every file of the
staged docs/, the theme's custom folder and the versions of Zensical and of the Markdown libraries it renders
with. A build whose inputs have that digest takes
the kept site (hard links: no byte is copied) and does not run Zensical. Where Zensical may read anything
else (environment variables through ``!ENV``, another configuration through ``INHERIT``, files named from
the pages through snippets, the project's files its macros, data and API plugins read), or where the Zensical that
runs is another environment's (whose version is not known here), nothing is kept or taken: a run is the only way to
know what it makes.

The kept files are hard links to the staged site's, so nothing may write into a staged file in place: the
publishing steps write every file anew (``publish.write.anew``, or a rename), which leaves the kept file
as Zensical wrote it. As a net, the list of the kept files, in the user's cache folder (never in the project,
whose files may come from anyone), names each file's inode, size and modification time; a file that differs
(written in place, by a bug or by hand in site/, or a folder put there by someone else) and the kept site is
not taken. The folder is replaced whole by a rename, under the project lock, so a killed build leaves the old
one or the new one, and its list is written after it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
import time
from pathlib import Path

from . import kept
from .ahead import importable_here
from .mkdocs_yml import custom_dir, named
from .programs import find_program, installed_version
from .project import Project
from .publish.write import DISCARDED, MANIFEST, manifest_text

OUT = "zensical.out"  # in the work folder: a kept site (<cache>/site/) per cache folder; its list is in that cache folder
SITES = 3  # kept sites per project (one per cache folder that built it last: a user's, CI's): the oldest taken goes
# What makes Zensical read more than the configuration, the pages and the theme: no site is kept or taken then (besides a
# Markdown extension or plugin not in _KNOWN). Searched in the generated configuration, whose navigation holds the data's
# titles: only tags, top-level keys and option names, never a word a title may hold.
_ELSEWHERE = re.compile(r"!ENV\b|^INHERIT\s*:|^watch\s*:|!relative|custom_icons", re.MULTILINE)
_MIKE = "MIKE_DOCS_VERSION"  # read by Zensical from the environment: a versioned site's URLs
# The Markdown extensions (any Python module, which may read any file) and plugins known to read nothing but the page, the
# pages and the configuration: with any other, no site is kept or taken.
_KNOWN = {
    *(f"md:{name}" for name in ("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs")),
    *(f"md:{name}" for name in ("legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks")),
    *(f"md:pymdownx.{name}" for name in ("arithmatex", "betterem", "caret", "critic", "details", "emoji", "escapeall", "extra", "fancylists")),
    *(f"md:pymdownx.{name}" for name in ("highlight", "inlinehilite", "keys", "magiclink", "mark", "progressbar", "saneheaders", "smartsymbols")),
    *(f"md:pymdownx.{name}" for name in ("striphtml", "superfences", "tabbed", "tasklist", "tilde")),
    *(f"md:pymdownx.blocks.{name}" for name in ("admonition", "caption", "definition", "details", "html", "tab")),
    *(f"plugin:{name}" for name in ("search", "offline", "tags", "blog", "meta", "exclude", "glightbox", "redirects", "literate-nav")),
    *(f"plugin:{name}" for name in ("awesome-nav", "mkdocs-nav-weight", "callouts", "gh-admonitions", "autorefs", "llmstxt", "minify")),
}


def inputs(project: Project, docs: Path, text: str, generated: dict[str, dict[str, str]] | None = None) -> str | None:
    """The digest of what Zensical reads to build ``docs`` (staged, with the ``generated`` folders' pages not written there
    yet, folder -> {path: text}) with the configuration ``text``; None where it may read anything else."""
    theme, version, names = custom_dir(project), _version(), named(project)
    if _ELSEWHERE.search(text) or theme is False or version is None or _MIKE in os.environ or names is None or not names <= _KNOWN:
        return None
    digest = hashlib.sha256(b"zensical " + version.encode() + b"\0" + text.encode())
    written = {  # as write_pages writes them: the pages and their manifest
        f"{folder}/{path}": page.encode() for folder, pages in (generated or {}).items() for path, page in {**pages, MANIFEST: manifest_text(pages)}.items()
    }
    skip = set(generated or ())
    for where, root in [("docs", docs), *([("theme", theme)] if isinstance(theme, Path) else [])]:
        files: dict[str, Path | bytes] = {**_files(root, skip if where == "docs" else set()), **(written if where == "docs" else {})}
        for name in sorted(files):
            content = files[name]
            data = content if isinstance(content, bytes) else content.read_bytes()
            digest.update(f"\0{where}\0{name}\0{len(data)}\0".encode("utf-8", "surrogateescape") + data)  # a name by its bytes
    return digest.hexdigest()


# Besides Zensical, the libraries its Markdown goes through (their upgrade changes the pages without a new Zensical).
_RENDERERS = ("zensical", "markdown", "pymdown-extensions", "pygments")


def _version() -> str | None:
    """The versions of the Zensical that builds and of the libraries it renders the pages with; None where it is not this
    interpreter's (another environment's versions, and an upgrade there, cannot be told here)."""
    exe = find_program("zensical")
    if exe is None or not importable_here(exe):
        return None
    return _installed()


@functools.lru_cache(maxsize=1)
def _installed() -> str:
    """The installed versions of :data:`_RENDERERS` (read once a process: 4 ms)."""
    return ", ".join(f"{name} {installed_version(name) or 'none'}" for name in _RENDERERS)


def _files(root: Path, skip: set[str]) -> dict[str, Path]:
    """The files under ``root`` by their path inside it (the top-level folders ``skip`` left out)."""
    found: dict[str, Path] = {}
    for folder, dirs, names in os.walk(root):
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        if inside == ".":
            dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            found[name if inside == "." else f"{inside}/{name}"] = Path(folder, name)
    return found


def _list(project: Project) -> Path | None:
    """Where the kept site's list is: in the user's cache folder (``kept.place``), never in the project, whose files may come
    from anyone; None when caching is off (nothing is kept)."""
    return kept.place("zensical", str(project.root))


def _folder(project: Project) -> Path | None:
    """The folder of the site kept for this cache folder: each cache folder building the project (a user's, another's, the
    first build of a benchmark with an empty one) keeps its own, so that none replaces the site another one's list names."""
    listing = _list(project)
    return None if listing is None else project.work / OUT / hashlib.sha256(str(listing).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def kept_key(project: Project) -> str | None:
    """The digest the site kept was kept under, if one is kept and is there as it was."""
    path = _list(project)
    if path is None:
        return None
    try:
        with path.open("rb") as f:
            first = f.readline().decode("ascii").rstrip("\n") if kept.mine(f.fileno()) else ""  # another user's list is not trusted
    except (OSError, UnicodeDecodeError):
        return None
    return first if first and _listed(project, first) is not None else None  # and the site is there, as it was kept


def taken(project: Project, key: str | None, site: Path) -> bool:
    """Whether the site kept under ``key`` was put at ``site`` (hard links to it); False when none is kept under that key,
    or a kept file is not the file that was kept, as it was (``site`` is then left as it was: not there)."""
    listed = _listed(project, key) if key else None
    if listed is None:
        return False
    folder = _folder(project)
    assert folder is not None, "a list is kept only with a cache folder"
    kept_site = folder / "site"
    _remove(site)  # a build's staging: none, unless a run of Zensical began writing there (stopped before)
    try:
        folders: set[Path] = set()
        for number, name in enumerate(listed, 1):
            target = site / name
            _folder_made(target.parent, folders)
            os.link(kept_site / str(number), target)
    except OSError:
        _remove(site)
        return False
    with contextlib.suppress(OSError):
        os.utime(folder)  # taken now: the last of the project's kept sites to go (keep)
    return True


def kept_files(project: Project) -> dict[str, Path]:
    """The kept site's files by their path inside the site (empty when none is kept as it was)."""
    key, folder = kept_key(project), _folder(project)
    listed = _listed(project, key) if key and folder else None
    return {name: folder / "site" / str(number) for number, name in enumerate(listed or (), 1)} if folder else {}


def _listed(project: Project, key: str) -> list[str] | None:
    """The files of the kept site when it was kept under ``key`` and each is the very file that was kept, as it was (its
    inode, size and modification time, which the list in the user's cache holds: a folder put in the project by anyone
    else, or a file changed since, does not match); else None."""
    path, kept_folder = _list(project), _folder(project)
    if path is None or kept_folder is None:
        return None
    try:
        with path.open("rb") as f:
            lines = f.read().decode("utf-8", "surrogateescape").split("\n") if kept.mine(f.fileno()) else []  # names by their bytes
    except (OSError, UnicodeDecodeError):
        return None
    if lines[:1] != [key]:
        return None
    names: list[str] = []
    folder = kept_folder / "site"
    for line in lines[1:]:
        if not line:
            continue
        inode, size, mtime, name = line.split(" ", 3)
        try:
            found = (folder / str(len(names) + 1)).stat()  # the file of the list's n-th name is site/<n> (keep)
        except OSError:
            return None
        if (found.st_ino, found.st_size, found.st_mtime_ns) != (int(inode), int(size), int(mtime)):
            return None
        names.append(name)
    return names


def keep(project: Project, key: str | None, site: Path) -> None:
    """Keep the site Zensical just wrote at ``site`` under ``key`` (hard links), in place of the one kept before; without a
    key (or a cache folder) nothing is kept and the one kept before goes; a site that cannot be kept is not (the next build
    runs Zensical).

    The links are made in one folder, named by their place in the list (the n-th name's file is ``site/<n>``), not in a
    copy of the site's folders: a folder made per page cost the first build at 10,000 items 0.04-0.11 s of processor time
    (112 folders; this file system makes a folder in 0.4-1 ms under load), on its critical path. :func:`taken` makes the
    site's folders when it takes the site, as it did."""
    work, listing, folder = project.work, _list(project), _folder(project)
    if listing is None or folder is None:
        return
    new = folder.with_name(folder.name + ".new")  # one left by a killed build is removed here
    if key is None:
        _set_aside(work, folder)
        return
    _remove(new)
    try:
        lines = [key]
        (new / "site").mkdir(parents=True)
        for number, (name, path) in enumerate(sorted(_files(site, set()).items()), 1):
            if "\n" in name:
                raise OSError(f"a file name with a line break: {name!r}")
            target = new / "site" / str(number)  # one folder, the files by their place in the list: no folder per page
            os.link(path, target)
            found = target.stat()
            lines.append(f"{found.st_ino} {found.st_size} {found.st_mtime_ns} {name}")
        _set_aside(work, folder)
        os.rename(new, folder)
        listing.parent.mkdir(parents=True, exist_ok=True)
        tmp = listing.with_name(f"{listing.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogateescape")
        os.replace(tmp, listing)
        kept.prune(listing.parent)
    except OSError:
        _remove(new)
    _prune(work)


def _folder_made(folder: Path, made: set[Path]) -> None:
    """``folder`` made (with its parents) unless ``made`` holds it: once per folder, not once per file (a ``mkdir`` of a
    folder that is there costs an error and a ``stat``: a tenth of a second over a site's files)."""
    if folder not in made:
        folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)


def _prune(work: Path) -> None:
    """No more than :data:`SITES` kept sites: the ones taken or kept last stay."""
    with contextlib.suppress(OSError):
        sites = sorted((p for p in (work / OUT).iterdir() if not p.name.endswith(".new")), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in sites[SITES:]:
            _set_aside(work, old)


def _set_aside(work: Path, folder: Path) -> None:
    """The kept folder set aside for the next build to remove, beside its own work (``publish.write.discard``)."""
    with contextlib.suppress(OSError):  # left where it is: a site kept under another key is never taken
        if folder.exists():
            (work / DISCARDED).mkdir(exist_ok=True)
            os.rename(folder, work / DISCARDED / f"{OUT}-{folder.name}-{time.time_ns()}")


def _remove(path: Path) -> None:
    import shutil

    with contextlib.suppress(OSError):
        shutil.rmtree(path)
