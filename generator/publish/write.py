"""The only module that replaces generated folders: staged whole, swapped in together, recovered after a crash.

A build stages every generated folder of docs/ and the new site, writes a journal, then moves
them in; a failure or signal before the journal is gone puts every folder back as it was, and a
run killed outright (SIGKILL, power loss) is put back by the next run from the journal.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import BuildError, Interrupted, Loc
from ..files import journal_moves, journal_text
from ..signals import deferred, pause

MANIFEST = ".checklist-site.json"  # in the generated folder: the files the generator wrote
SITE_MARK = ".checklist-site-build"  # in site/: this folder was built by checklist-site (and how)
JOURNAL = "swap.json"  # in the work folder while a swap is under way
DISCARDED = "discarded"  # in the work folder: old folders of finished swaps, removed by the next build (discard)
STAGED = ".checklist-site.new"  # inside a site swapped by contents: the new site, staged on its file system
KEPT = ".checklist-site.old"  # inside a site swapped by contents: the old entries until the swap is done


def _owned_files(folder: Path) -> set[str]:
    manifest = folder / MANIFEST
    try:
        return set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _write_manifest(folder: Path, pages: dict[str, str]) -> None:
    (folder / MANIFEST).write_text(manifest_text(pages), encoding="utf-8")


def manifest_text(pages: dict[str, str]) -> str:
    """The manifest :func:`write_pages` writes beside ``pages``."""
    return json.dumps({"generator": "checklist-site", "files": sorted(pages)}, indent=1) + "\n"


def holds_pages(folder: Path, pages: dict[str, str]) -> bool:
    """Whether ``folder`` holds what :func:`write_pages` would write of ``pages``, and nothing else: the same folders and
    files, each with the same bytes (read, never written: staging the same pages again costs a file and a folder each)."""
    wanted = {**{rel: text.encode("utf-8") for rel, text in pages.items()}, MANIFEST: manifest_text(pages).encode("utf-8")}
    folders = {parent.as_posix() for rel in wanted for parent in Path(rel).parents if parent.as_posix() != "."}
    found_files: list[str] = []
    found_folders: set[str] = set()
    for inside, dirs, files in os.walk(folder):
        here = Path(inside).relative_to(folder)
        found_folders.update((here / d).as_posix() for d in dirs)
        found_files += [(here / f).as_posix() for f in files]
    if not folder.is_dir() or found_folders != folders or sorted(found_files) != sorted(wanted):
        return False
    try:
        return all((folder / rel).read_bytes() == data for rel, data in wanted.items())
    except OSError:
        return False


def _refuse(path: Path, folder: Path, what: str, shown: Callable[[Path], str] = str) -> BuildError:
    return BuildError(
        f"{shown(path)} was not written by checklist-site ({what}); the generated folder {shown(folder)}/ is the generator's own",
        f"move {path.name} out of {shown(folder)}/ (hand-written pages belong elsewhere in docs/); nothing was changed",
        Loc(shown(path)),
    )


def _headed_as_generated(path: Path) -> bool:
    """Whether a page starts with the header the generator writes ('---', 'generator: checklist-site')."""
    try:
        with path.open("rb") as f:
            return f.read(64).startswith(b"---\ngenerator: checklist-site\n")
    except OSError:
        return False


def _lost_list(path: Path, folder: Path, shown: Callable[[Path], str] = str) -> BuildError:
    """A generated page in a folder whose list of generated files is gone (a folder from a version that kept none, a copy
    without dot-files, the list deleted): it was said as a page to move out, one by one, as if hand-written."""
    return BuildError(
        f"{shown(folder)}/ has lost its list of generated files ({MANIFEST}: missing or unreadable), so {path.name} cannot be told from a"
        " hand-written page, though it is headed as generated",
        f"if nothing in {shown(folder)}/ is yours, delete the folder: the build writes its pages again; nothing was changed",
        Loc(shown(path)),
    )


def check_owned(folder: Path, shown: Callable[[Path], str] = str) -> None:
    """Refuse to touch ``folder`` if it holds a file, folder or link the generator did not write (``shown``: how the
    project names a path: relative to where the command runs)."""
    if folder.is_symlink():
        raise BuildError(
            f"{shown(folder)} is a symbolic link, but checklist-site generates pages into a folder there",
            f"remove the link {shown(folder)}; nothing was changed",
            Loc(shown(folder)),
        )
    if not folder.exists():
        return
    if not folder.is_dir():
        where = shown(folder)
        raise BuildError(f"{where} is a file, but checklist-site generates pages into a folder there", f"move {where} away; nothing was changed", Loc(where))
    owned = _owned_files(folder)
    made = {str(Path(rel).parent) for rel in owned} | {str(p) for rel in owned for p in Path(rel).parents}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = here / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                raise _refuse(path, folder, "a symbolic link", shown)
            if name in dirnames and rel not in made:
                raise _refuse(path, folder, "a folder", shown)
            if name in filenames and rel != MANIFEST and rel not in owned:
                raise _lost_list(path, folder, shown) if not owned and _headed_as_generated(path) else _refuse(path, folder, "a file", shown)


def check_site_files(docs_dir: Path, names: list[str], shown: Callable[[Path], str]) -> None:
    """Refuse a file (or folder, or link) of ``docs_dir`` at one of the ``names`` the build writes into the site itself
    (``publish.site_files``): the engine would copy it there and the build replace it, without a word."""
    for name in names:
        path = docs_dir / name
        if path.exists() or path.is_symlink():
            hint = f"rename or move {shown(path)}: the site's {name} is the build's (see the README); nothing was changed"
            raise BuildError(f"the build writes the site's {name} itself: this file would not be published", hint, Loc(shown(path)))


def check_site(site_dir: Path, shown: Callable[[Path], str] = str, docs_dir: Path | None = None) -> None:
    """Refuse to replace a site folder that checklist-site did not build, or one holding a file its last build did not
    write (its mark lists them: :func:`mark_site`): a CNAME, a search engine's verification page or PDFs put there by
    hand would go with the old site, without a word (``docs_dir``: where the hint says to put such a file)."""
    if site_dir.exists() and any(site_dir.iterdir()) and not (site_dir / SITE_MARK).exists():
        where = shown(site_dir)
        raise BuildError(f"{where}/ exists and was not built by checklist-site", f"move {where}/ away or delete it yourself; nothing was changed")
    options = site_options(site_dir) or {}
    written = options.get("files")
    if not isinstance(written, list):
        return  # no site, or one an older version built: which files it wrote is not known
    known = {name for name in written if isinstance(name, str)}
    others = [name for name in site_listing(site_dir) if name not in known]
    if others:
        docs = shown(docs_dir) if docs_dir is not None else "docs"
        named = ", ".join(shown(site_dir / name) for name in others[:5]) + (f" (and {len(others) - 5} more)" if len(others) > 5 else "")
        raise BuildError(
            f"{named}: not written by checklist-site, and the build replaces {shown(site_dir)}/ whole: it would be deleted",
            f"to publish it with every build, move it into {docs}/ at the same place (the engine copies it into the site: "
            f"{shown(site_dir)}/{others[0]} -> {docs}/{others[0]}); else move it out of {shown(site_dir)}/; nothing was changed",
            Loc(shown(site_dir / others[0])),
        )


def site_listing(folder: Path) -> list[str]:
    """Every file and symbolic link inside ``folder`` (paths inside it, sorted), but the site's mark."""
    found = []
    for top, dirs, names in os.walk(folder):
        found += [os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/") for name in names]
        found += [os.path.relpath(os.path.join(top, name), folder).replace(os.sep, "/") for name in dirs if os.path.islink(os.path.join(top, name))]
    return sorted(name for name in found if name != SITE_MARK)


def anew(path: Path) -> Path:
    """``path``, its file removed first if there is one: what is written there next is a new file, never a change to a file
    that another name may share (a staged site's files may be hard links to Zensical's kept site: ``zensical_out``)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    return path


def mark_site(folder: Path, **options: object) -> None:
    """Sign the built site, with the options it was built with (``pdf --no-build`` reads them) and the files it holds (the
    next build refuses to replace a site holding others: :func:`check_site`)."""
    mark = {"generator": "checklist-site", **options, "files": site_listing(folder)}
    anew(folder / SITE_MARK).write_text(json.dumps(mark, sort_keys=True) + "\n", encoding="utf-8")


def site_options(site_dir: Path) -> dict[str, object] | None:
    """How ``site_dir`` was built, or None when checklist-site did not build it."""
    try:
        text = (site_dir / SITE_MARK).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        options = json.loads(text)
    except ValueError:
        return {}  # signed by an older version: built, options unknown
    return options if isinstance(options, dict) else {}


def _device(path: Path) -> int:
    while not path.exists():
        path = path.parent
    return path.stat().st_dev


@dataclass
class Move:
    """One folder to replace: ``target`` gets ``new``; the old one waits at ``old`` until the swap is done.

    ``contents``: the entries inside ``target`` are swapped rather than ``target`` itself, for a site
    that is a symbolic link (the link stays) or on another file system than the project.
    """

    target: str
    new: str
    old: str
    contents: bool = False
    existed: bool = True
    names: list[str] = field(default_factory=list)
    aside: str = ""  # where finish() sets the old folder aside (the work folder's DISCARDED), '' to remove it there and then

    def commit(self) -> None:
        target, new, old = Path(self.target), Path(self.new), Path(self.old)
        if not self.contents:
            if self.existed:
                os.rename(target, old)
            os.rename(new, target)
            return
        old.mkdir(exist_ok=True)
        for entry in sorted(os.listdir(target)):
            if entry not in (STAGED, KEPT):
                os.rename(target / entry, old / entry)
        for entry in self.names:
            os.rename(new / entry, target / entry)
        new.rmdir()

    def rollback(self) -> None:
        """Put the old folder back from any point of commit() (also after a crash)."""
        target, new, old = Path(self.target), Path(self.new), Path(self.old)
        if not self.contents:
            if old.exists():
                _remove(target)
                os.rename(old, target)
            elif not self.existed and not new.exists():
                _remove(target)  # the first build's new folder, moved in before the stop
            _remove(new)
            return
        staged = set(os.listdir(new)) if new.exists() else set()
        for entry in sorted(os.listdir(target)) if target.exists() else []:
            if entry in self.names and entry not in staged:  # moved in from the staged site
                _remove(target / entry)
        for entry in sorted(os.listdir(old)) if old.exists() else []:
            os.rename(old / entry, target / entry)
        _remove(old)
        _remove(new)

    def finish(self) -> None:
        """Set the old folder aside in the work folder's :data:`DISCARDED` (a rename), for the next build to remove beside
        its own work (:func:`discard`): removing a site of 10,000 items file by file took 0.1-0.8 s at the end of every
        build. An old folder elsewhere (a site on another file system) is removed now; what cannot be is removed by the
        next run (recover, stage_site)."""
        old = Path(self.old)
        try:
            if self.aside and old.exists():
                Path(self.aside).mkdir(exist_ok=True)
                os.rename(old, Path(self.aside) / f"{old.name}-{time.time_ns()}")
            else:
                _remove(old)
        except OSError:
            pass


def discarded(work: Path) -> list[Path]:
    """What finished swaps set aside in ``work`` (:meth:`Move.finish`), as it is now."""
    try:
        return sorted((work / DISCARDED).iterdir())
    except OSError:
        return []


def discard(work: Path, entries: list[Path]) -> None:
    """Remove ``entries``, what finished swaps had set aside in ``work`` when this build started (`build` does it in a
    child, beside its own work, which may run late: never what this build's swap sets aside meanwhile); what cannot be
    removed stays for the next time."""
    folder = work / DISCARDED
    for entry in entries:
        shutil.rmtree(entry, ignore_errors=True)
    with contextlib.suppress(OSError):  # emptied: the work folder holds no more than before (a swap setting aside now fails quietly)
        folder.rmdir()


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def stage_site(built: Path, site_dir: Path, work: Path) -> Move:
    """Prepare ``built`` (in the work folder) to replace ``site_dir``, on the site's own file system."""
    real = site_dir.resolve() if site_dir.is_symlink() else site_dir
    if site_dir.is_symlink() or _device(real) != _device(work):
        real.mkdir(parents=True, exist_ok=True)
        staged = real / STAGED
        _remove(staged)
        _remove(real / KEPT)  # a stale one: recover() has run, so no swap is under way
        try:
            shutil.copytree(built, staged, symlinks=True)
        except BaseException:
            _remove(staged)  # nothing half-copied stays inside the published site
            raise
        shutil.rmtree(built)
        return Move(str(real), str(staged), str(real / KEPT), contents=True, names=sorted(os.listdir(staged)))
    return Move(str(site_dir), str(built), str(work / (site_dir.name + ".old")), existed=site_dir.exists(), aside=str(work / DISCARDED))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)  # the same file, at no cost, where the file system allows
    except OSError:
        shutil.copy2(src, dst)


def looping_link(docs_dir: Path, skipped: tuple[str, ...] = ()) -> tuple[Path, Path] | None:
    """A symbolic link in ``docs_dir`` (but its top-level folders ``skipped``) to a folder that holds it, with that
    folder (``docs/up`` -> ``..``, a link to /tmp that holds the project): a copy that follows links, as staging docs/
    does and MkDocs reads them, would copy it into itself without end. None when there is none."""
    todo: list[tuple[Path, tuple[str, ...]]] = [(docs_dir, (os.path.realpath(docs_dir),))]
    while todo:
        folder, above = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if folder == docs_dir and entry.name in skipped or not entry.is_dir():  # is_dir follows the link
                    continue
                real = os.path.realpath(entry.path)
                if real in above or any(inner.startswith(real.rstrip(os.sep) + os.sep) for inner in above):
                    return Path(entry.path), Path(real)
                todo.append((Path(entry.path), (*above, real)))
    return None


def escaping_link(docs_dir: Path, skipped: tuple[str, ...] = ()) -> tuple[Path, str] | None:
    """A symbolic link in ``docs_dir`` (but its top-level folders ``skipped``) to a file or folder outside the project
    (the folder holding ``docs_dir``), with where it leads; None when there is none. MkDocs follows links: a page or a
    file planted as a link (git keeps one as it is) to ~/.aws/credentials or /etc/shadow was published in site/."""
    homes = (os.path.realpath(docs_dir), os.path.realpath(docs_dir.parent))
    todo = [docs_dir]
    while todo:
        folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if folder == docs_dir and entry.name in skipped:
                    continue
                if entry.is_symlink():
                    real = os.path.realpath(entry.path)
                    if not any(real == home or real.startswith(home.rstrip(os.sep) + os.sep) for home in homes):
                        return Path(entry.path), os.readlink(entry.path)
                elif entry.is_dir():
                    todo.append(Path(entry.path))
    return None


def refuse_looping_link(docs_dir: Path, skipped: tuple[str, ...]) -> None:
    """Raise a located BuildError for the :func:`looping_link` of ``docs_dir``, or for its :func:`escaping_link`."""
    if found := looping_link(docs_dir, skipped):
        link, target = found
        where = Loc(f"{docs_dir.name}/{link.relative_to(docs_dir).as_posix()}")
        hint = "link to the files it should publish, or to a folder that does not hold docs/ (copy them in otherwise)"
        raise BuildError(f"a symbolic link to {target}, a folder that holds it: {docs_dir.name}/ would be copied into itself without end", hint, where)
    refuse_escaping_link(docs_dir, skipped)


def refuse_escaping_link(folder: Path, skipped: tuple[str, ...] = ()) -> None:
    """Raise a located BuildError for the :func:`escaping_link` of ``folder`` (docs/, the theme's custom folder, whose
    files MkDocs copies into the site too), if it has one."""
    if escaped := escaping_link(folder, skipped):
        link, leads = escaped
        where = Loc(f"{folder.name}/{link.relative_to(folder).as_posix()}")
        hint = "copy what it should publish into the project (git keeps a link as it is: one fetched from others may name any file)"
        raise BuildError(f"a symbolic link to {leads}, outside the project: the build would publish it; nothing was built", hint, where)


def stage_docs(docs_dir: Path, staged: Path) -> Path:
    """A copy of docs/ without the generated folders, for MkDocs to build from while docs/ stays as it is; a symbolic
    link in it to a folder that holds it (:func:`looping_link`) is refused before anything is copied."""
    from ..site.layout import GENERATED_DIRS

    refuse_looping_link(docs_dir, GENERATED_DIRS)
    _remove(staged)
    shutil.copytree(docs_dir, staged, copy_function=_link_or_copy, ignore=lambda d, names: [n for n in names if Path(d) == docs_dir and n in GENERATED_DIRS])
    return staged


def write_pages(pages: dict[str, str], folder: Path, like: Path | None = None) -> None:
    """Write ``pages`` and their manifest into the new folder ``folder``; a page whose file in the folder ``like`` (the
    published one, which the build replaces) holds the same bytes is that file (a hard link: no new file, no bytes
    written; 103 pages of 10,000 items after an item's edit, whose text is not in the Markdown)."""
    folder.mkdir(parents=True)
    made: set[Path] = {folder}
    for rel, text in sorted(pages.items()):
        path = folder / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        if like is None or not _linked_if_same(like / rel, path, data):
            try:
                path.write_bytes(data)
            except OSError as exc:  # a full disk is said at the write or the close, which name no file: this one
                exc.filename = exc.filename or str(path)
                raise
    _write_manifest(folder, pages)


def _linked_if_same(old: Path, new: Path, data: bytes) -> bool:
    """Whether ``new`` was made a hard link to ``old``, a regular file (a link is not followed) holding ``data``."""
    try:
        fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data) or os.read(fd, len(data) + 1) != data:
            return False
        os.link(old, new, follow_symlinks=False)
    except OSError:
        return False
    finally:
        os.close(fd)
    if os.path.samestat(os.lstat(new), found):
        return True
    new.unlink()  # ``old`` was replaced meanwhile: the page is written (an error here stops the build, never writes into it)
    return False


def stage_folder(staged: Path, target: Path, work: Path) -> Move:
    """Prepare the generated folder ``staged`` to replace ``target`` (checked by check_owned) by a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if _device(target.parent) == _device(work):
        return Move(str(target), str(staged), str(work / (target.name + ".old")), existed=target.exists(), aside=str(work / DISCARDED))
    new, old = target.parent / f".{target.name}.new", target.parent / f".{target.name}.old"  # docs/ on another file system
    _remove(new)
    _remove(old)
    try:
        shutil.copytree(staged, new)
    except BaseException:
        _remove(new)
        raise
    return Move(str(target), str(new), str(old), existed=target.exists())


def split_pages(pages: dict[str, str], folders: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Pages keyed by path under docs/ -> {folder: {path inside the folder: text}}."""
    out: dict[str, dict[str, str]] = {folder: {} for folder in folders}
    for rel, text in pages.items():
        folder, _, inside = rel.partition("/")
        assert folder in out, f"{rel} is outside the generated folders"
        out[folder][inside] = text
    return out


def replace_generated(pages: dict[str, str], docs_dir: Path, folders: tuple[str, ...], work: Path) -> None:
    """Write the generated folders of docs/ anew, all or none (what a build does, without MkDocs)."""
    for folder in folders:
        check_owned(docs_dir / folder)
    moves = []
    for folder, inside in split_pages(pages, folders).items():
        staged = work / (folder + ".new")
        _remove(staged)
        write_pages(inside, staged)
        moves.append(stage_folder(staged, docs_dir / folder, work))
    swap(moves, work)


def swap(moves: list[Move], work: Path) -> None:
    """Move every staged folder in, all or none: signals wait, a failure puts the old ones back.

    The journal is written first and removed last; a run killed in between is rolled back by recover().
    """
    journal = work / JOURNAL
    tmp = work / (JOURNAL + ".tmp")
    try:
        _swap(moves, journal, tmp)
        pause("swapped")
    except Interrupted as exc:
        if not journal.exists():  # the signal came during the swap, which finished first
            exc.state = "the new pages and site are in place"
        raise


def _swap(moves: list[Move], journal: Path, tmp: Path) -> None:
    with deferred():
        with tmp.open("w", encoding="utf-8") as f:
            f.write(journal_text(journal.parent, [asdict(m) for m in moves]))  # bound to this work folder: recover() trusts no other
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, journal)
        try:
            for n, move in enumerate(moves):
                move.commit()
                if n == 0:
                    pause("swapping")
        except BaseException:
            for move in reversed(moves):
                move.rollback()
            journal.unlink()
            raise
        journal.unlink()
        for move in moves:  # still with signals held: a site swapped by contents keeps no old entries
            move.finish()


def recover(work: Path) -> list[str]:
    """Undo a swap that a killed run left half done, and clear its staging; returns what was put back."""
    journal = work / JOURNAL
    restored: list[str] = []
    if journal.exists():
        try:
            moves = [Move(**m) for m in journal_moves(journal) or []]  # a journal of another folder (planted): none
        except TypeError:
            moves = []  # not a swap's moves: the swap had not begun
        for move in reversed(moves):
            move.rollback()
            restored.append(move.target)
        journal.unlink()
    (work / (JOURNAL + ".tmp")).unlink(missing_ok=True)
    for leftover in sorted(work.glob("*.new")) + sorted(work.glob("*.old")):
        _remove(leftover)  # without a journal: staging of a stopped build, or old folders of a finished swap
    return restored


def sync_all(pages: dict[str, str], docs_dir: Path, folders: tuple[str, ...], shown: Callable[[Path], str] = str) -> list[str]:
    for folder in folders:
        check_owned(docs_dir / folder, shown)
    changed: list[str] = []
    for folder, inside in split_pages(pages, folders).items():
        changed += [f"{folder}/{rel}" for rel in sync_pages(inside, docs_dir / folder)]
    return changed


def sync_pages(pages: dict[str, str], target: Path) -> list[str]:
    """Bring ``target`` in line with ``pages`` touching only files whose content changed.

    Used by serve, where every write wakes the file watcher: an unchanged page is not rewritten.
    Returns the paths written or removed. The caller (sync_all) has checked ownership.
    """
    owned = _owned_files(target)
    changed: list[str] = []
    for rel, text in sorted(pages.items()):
        path = target / rel
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        changed.append(rel)
    for rel in sorted(owned - set(pages)):
        (target / rel).unlink(missing_ok=True)
        changed.append(rel)
    if changed or not (target / MANIFEST).exists():
        target.mkdir(parents=True, exist_ok=True)  # a folder with no pages (a project without runbooks) still gets its manifest
        _write_manifest(target, pages)
    return changed


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def mirror(source: Path, target: Path, skip: tuple[str, ...]) -> list[str]:
    """Make ``target`` a copy of ``source`` without the top-level folders ``skip`` (which stay in
    ``target`` as they are), copying only the files whose size or modification time differ and
    removing what ``source`` no longer has; returns the paths (inside ``target``) copied or removed.

    Used by serve for its staged docs/: a file copied keeps its modification time, so the next
    comparison finds it unchanged.
    """
    refuse_looping_link(source, skip)
    copied: list[str] = []
    present: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(source, followlinks=True):  # as MkDocs reads docs/
        here = Path(dirpath)
        if here == source:
            dirnames[:] = [d for d in dirnames if d not in skip]
        for name in sorted(filenames):
            rel = (here / name).relative_to(source).as_posix()
            present.add(rel)
            src, dst = here / name, target / rel
            try:
                if dst.is_file() and not dst.is_symlink() and _same_file(src.stat(), dst.stat()):
                    continue
                _remove(dst)
                _make_folder(dst.parent, target)
                shutil.copy2(src, dst)
            except FileNotFoundError:  # removed (or a dangling link) while being copied
                present.discard(rel)
                continue
            copied.append(rel)
    return sorted(copied) + _prune(target, present, skip)


def _make_folder(folder: Path, root: Path) -> None:
    """``folder`` (inside ``root``) as a folder, a file in its way removed (a file of docs/ that became a folder)."""
    for parent in [*reversed(folder.relative_to(root).parents), folder.relative_to(root)]:
        if (root / parent).is_file() or (root / parent).is_symlink():
            (root / parent).unlink()
    folder.mkdir(parents=True, exist_ok=True)


def _prune(target: Path, keep: set[str], skip: tuple[str, ...]) -> list[str]:
    """Remove the files of ``target`` outside ``keep`` and the folders left empty, the top-level ``skip`` ones aside."""
    removed: list[str] = []
    for dirpath, _, filenames in os.walk(target, topdown=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(target).as_posix()
        if rel_dir.split("/")[0] in skip:
            continue
        for name in filenames:
            rel = (here / name).relative_to(target).as_posix()
            if rel not in keep:
                (here / name).unlink()
                removed.append(rel)
        if here != target and not any(here.iterdir()):
            here.rmdir()
    return sorted(removed)
