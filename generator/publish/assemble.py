"""After the build: put each pre-rendered block (generator/site/paper.py) into the slot its page holds.

Sheets, the packet and the critical-items lists are finished HTML; their Markdown pages carry a
slot (``layout.slot``: a ``<div>`` naming its block), which MkDocs and Zensical pass through
as raw HTML. This step replaces every slot in the built site with its block, adjusting the block's
relative links (written from the checklist's folder) to the page. Plain file work on the built
site, so it runs the same after either engine.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..site.layout import CHECKLISTS, SLOT, Page, Urls, block_base, has_slot, relocate


class MissingBlock(ValueError):
    def __init__(self, message: str, key: str) -> None:
        super().__init__(message)
        self.key = key  # the block the slot names


def fill_page(text: str, page_dir: str, blocks: dict[str, str]) -> tuple[str, int]:
    """``text`` with every slot filled; ``page_dir`` is the page's folder inside the site."""
    count = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal count
        key = html.unescape(match.group(1))
        if key not in blocks:
            raise MissingBlock(f"no block '{key}'", key)
        count += 1
        return relocate(blocks[key], block_base(key), page_dir)

    return SLOT.sub(fill, text), count


def slotted_pages(pages: dict[str, str], urls: Urls) -> list[str]:
    """The built pages (paths inside the site) whose generated Markdown holds a slot."""
    return [urls.dest(Page(path)) for path, text in pages.items() if has_slot(text)]


@dataclass
class Filled:
    """The pages :func:`fill_blocks` wrote in the last build with this engine, each by the digest of what it was filled
    from (the engine's page, the blocks its slots name, the rewrite's inputs) and of what was written; a page of this build
    filled from the same is the last build's file, taken from :attr:`store` (a hard link), where that file is still those
    bytes. After an edit of one item the other pages are filled from what they were (0.15-0.3 s of a build at 10,000
    items, most of it the navigation's windows), and their bytes are the scan memo's, which does not read them again.

    The store is a folder of the work folder per engine (and cache folder), one file per digest of what was written: hard
    links to the pages published, linked by :meth:`save`. So a build with the other engine in between (a project built
    with both: its published site is the other's) takes them as well; a page changed by hand in the published site
    (the same file) is not those bytes any more, and is filled again and linked anew."""

    store: Path | None  # the folder of the pages this engine filled last, by the digest of their bytes
    known: dict[str, tuple[str, str]]  # page -> (digest of its inputs, digest of what was written), the last build's
    context: str = ""  # the digest of what the rewrite reads besides the page (the runs, the site's addresses)
    made: dict[str, tuple[str, str]] = field(default_factory=dict)  # this build's
    taken: int = 0  # pages taken from the store
    keep: Callable[[dict[str, tuple[str, str]]], None] | None = None  # keeps :attr:`made` for the next build (`build`)
    _digests: dict[str, bytes] = field(default_factory=dict)  # a block's digest, by its key

    def inputs(self, text: str, page_dir: str, blocks: dict[str, str]) -> str:
        digest = hashlib.sha256(self.context.encode() + b"\0" + page_dir.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(text.encode("utf-8", "surrogatepass"))
        for found in SLOT.finditer(text):
            key = html.unescape(found.group(1))
            if key not in self._digests:
                self._digests[key] = hashlib.sha256(blocks[key].encode("utf-8", "surrogatepass")).digest() if key in blocks else b"-"
            digest.update(b"\0" + self._digests[key])
        return digest.hexdigest()

    def take(self, name: str, inputs: str, page: Path) -> bool:
        """Whether the page ``name`` (at ``page`` in the staged site) of these ``inputs`` was put there as the last build
        with this engine wrote it."""
        known = self.known.get(name)
        if known is None or known[0] != inputs or self.store is None:
            return False
        old = self.store / known[1]
        try:
            if _digest(old) != known[1]:
                return False  # changed since (by hand, in the published site): filled again
            tmp = page.with_name(f".{page.name}.tmp")
            tmp.unlink(missing_ok=True)
            os.link(old, tmp)  # (another file system: filled again)
            os.replace(tmp, page)
        except OSError:
            return False
        self.made[name] = known
        self.taken += 1
        return True

    def save(self, site: Path) -> None:
        """This build's pages (in ``site``) linked into the store under the digests of their bytes, the store's other files
        removed; then :attr:`made` kept (:attr:`keep`) for the next build. A file the store cannot hold is filled again then."""
        if self.store is not None:
            with contextlib.suppress(OSError):
                self._link(site, self.store)
        if self.keep is not None:
            self.keep(self.made)

    def _link(self, site: Path, store: Path) -> None:
        if os.path.lexists(store.parent) and not _real_folder(store.parent):
            return  # a link put there (the work folder came with the project): nothing is made, linked or removed through it
        store.mkdir(parents=True, exist_ok=True)
        if not all(_real_folder(folder) for folder in (store.parent, store)):
            return  # a link put there (the work folder came with the project): nothing is linked or removed through it
        os.utime(store)  # used now: the last of the project's stores to go (``prune_stores``)
        wanted = {written for _, written in self.made.values()}
        for name, (_, written) in sorted(self.made.items()):
            target, page = store / written, site / name
            with contextlib.suppress(FileNotFoundError):
                if os.path.samestat(target.stat(), page.stat()):
                    continue
            tmp = store / f".{written}.tmp"
            tmp.unlink(missing_ok=True)
            os.link(page, tmp)
            os.replace(tmp, target)  # in place of a file of these bytes once, changed since (by hand)
        for old in os.listdir(store):
            if old not in wanted:
                with contextlib.suppress(OSError):
                    os.unlink(store / old)


def _digest(path: Path) -> str | None:
    """The SHA-256 of the regular file at ``path`` (a link is not followed: None), read as it is."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None  # a FIFO or device put there is not read
        digest = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return digest.hexdigest()
    finally:
        os.close(fd)


def _real_folder(path: Path) -> bool:
    """Whether ``path`` is a folder itself, not a link to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


STORES = 6  # stores of filled pages per project: an engine's per cache folder (a user's, CI's, a benchmark's empty one)


def prune_stores(folder: Path, keep: int = STORES, spare: Path | None = None) -> None:
    """No more than ``keep`` stores in ``folder``: the ones used last stay, and ``spare`` (the store of the build that
    prunes, whichever its age). `build` prunes in a child process beside it (a store of 10,000 items is 700 files)."""
    import shutil

    if not _real_folder(folder):
        return  # none yet, or a link put there: nothing is removed through it
    with contextlib.suppress(OSError):
        stores = sorted((p for p in folder.iterdir() if p != spare), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in stores[keep - (spare is not None) :]:
            shutil.rmtree(old, ignore_errors=True)


def fill_blocks(
    site_dir: Path,
    blocks: dict[str, str],
    pages: list[str] | None = None,
    rewrite: Callable[[str, str], str] | None = None,
    also: Sequence[str] = (),
    kept: Filled | None = None,
) -> int:
    """Fill every slot of the built ``pages`` (paths inside ``site_dir``; default: every generated
    page, which means reading all of them); returns how many slots were filled. ``rewrite(text, page)``: applied to
    each of those pages and the pages ``also`` (paths inside the site; one missing is skipped) in the same pass
    (Zensical's: the navigation's windows, ``navwindow.py``). ``kept``: the last build's pages taken where they were
    filled from the same (:class:`Filled`)."""
    filled = 0
    paths = [site_dir / p for p in pages] if pages is not None else []
    if pages is None or not all(p.is_file() for p in paths):  # an engine that lays pages out otherwise
        paths = sorted((site_dir / CHECKLISTS).rglob("*.html"))
    if rewrite is not None:
        listed = set(paths)
        paths += [path for path in (site_dir / p for p in also) if path not in listed and path.is_file()]
    for page in paths:
        text = page.read_text(encoding="utf-8")
        name = page.relative_to(site_dir).as_posix()
        new = text
        page_dir = page.parent.relative_to(site_dir).as_posix()
        inputs = kept.inputs(text, page_dir, blocks) if kept is not None else ""
        if kept is not None and kept.take(name, inputs, page):
            filled += len(SLOT.findall(text))
            continue
        if has_slot(text):
            try:
                new, count = fill_page(text, "" if page_dir == "." else page_dir, blocks)
            except MissingBlock as exc:
                raise MissingBlock(f"{name}: {exc}", exc.key) from None
            filled += count
        if rewrite is not None:
            new = rewrite(new, name)
        if new == text:
            continue
        tmp = page.with_name(f".{page.name}.tmp")  # written whole beside, then renamed: another process reading the page
        tmp.write_text(new, encoding="utf-8")  # (build's frames process: the footer's sample) sees it before or after
        os.replace(tmp, page)
        if kept is not None:
            kept.made[name] = (inputs, hashlib.sha256(new.encode("utf-8", "surrogatepass")).hexdigest())
    return filled
