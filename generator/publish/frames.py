"""After the engine: the pages of paper (sign-off sheets, packets) written by the generator into the theme's frame.

A sheet or a packet is paper: its page needs the theme's look (header, styles, scripts, the paper layout of
``overrides/main.html``), not the engine's Markdown or search. So the engine builds one page of them per
checklist, the frame (``layout.frame_of``: ``sheets/_frame``), whose content is a marker. This step writes
every framed page (``layout.PageType.framed``) as a copy of the frame with its title, its URL and its
content (blocks of ``paper.py``, their links adjusted to the page) put in, enters it in the sitemap in the
frame's place, and removes the frame. A page in another folder than the frame's (a packet) gets the frame
with its relative addresses made from its own folder (:func:`rebase`). A page in the navigation (a packet)
keeps its entry there, which the engines show like any other (MkDocs: an excluded page; Zensical: its URL),
and gets its previous and next pages in the navigation: ``<link rel>`` in the head, and the theme's footer
links, taken from a page the engine built and given the packet's neighbours (:func:`_footer`). Plain file
work on the built site, after MkDocs or Zensical alike.
"""

from __future__ import annotations

import gzip
import html
import posixpath
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape

from ..site.layout import FRAME_CONTENT as CONTENT
from ..site.layout import FRAME_TITLE as TITLE
from ..site.layout import Page, Urls, block_base, frame_of, frame_title, nested, relative_path, relocate, under_cover
from .write import anew


class FrameError(ValueError):
    """The engine built the frame otherwise than this module expects (a theme that rewrites the content, say)."""


@dataclass(frozen=True)
class Step:
    """A page of the navigation's sequence of pages (the engines' previous and next): its source, its title there (None: the engine's)."""

    src: str
    title: str | None


def sequence(nav: list[Any]) -> list[Step]:
    """The pages of a MkDocs navigation in order, as the engines link each to the previous and the next: Markdown sources
    only (a link to elsewhere is no page).

    >>> sequence([{"Home": "index.md"}, "how.md", {"C": [{"Overview": "c/index.md"}, {"Out": "https://x.org/"}]}])
    [Step(src='index.md', title='Home'), Step(src='how.md', title=None), Step(src='c/index.md', title='Overview')]
    """
    out: list[Step] = []
    for entry in nav:
        if isinstance(entry, str):
            out += [Step(entry, None)] if entry.endswith(".md") else []
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                out += sequence(value)
            elif isinstance(value, str) and value.endswith(".md"):
                out.append(Step(value, title))
    return out


def write_frames(site_dir: Path, framed: dict[str, tuple[str, ...]], blocks: dict[str, str], urls: Urls, nav: list[Any] | None = None) -> list[str]:
    """Write every framed page (its source inside docs/ -> its blocks) into a copy of its checklist's frame,
    then take the frames out of the site; returns the pages written (paths inside the site), which are
    those whose file did not hold that text already (in a build, all of them). ``nav``: the navigation the
    engine built with, whose framed pages get their previous and next pages."""
    by_frame: dict[Page, list[tuple[Page, tuple[str, ...]]]] = {}
    for src, keys in framed.items():
        page = Page(src)
        by_frame.setdefault(frame_of(page), []).append((page, keys))
    steps = sequence(nav or [])
    at = {step.src: n for n, step in enumerate(steps)}
    footer = _Footer(site_dir, urls, steps, set(framed)) if any(src in at for src in framed) else None
    written: list[str] = []
    sitemap: dict[str, list[str]] = {}
    for frame, pages in by_frame.items():
        text = _read_frame(site_dir / urls.dest(frame), frame)
        rebased = {_above(urls, frame): text}  # the frame for the pages whose addresses lead from where the frame's do
        for page, keys in pages:
            dest = urls.dest(page)
            folder = dest.rpartition("/")[0]
            if _above(urls, page) not in rebased:
                rebased[_above(urls, page)] = rebase(text, posixpath.dirname(urls.dest(frame)), folder)
            title = steps[at[page.src]].title if page.src in at else None
            shell = _shell(rebased[_above(urls, page)], frame, page, urls, title)
            if footer is not None and page.src in at:
                shell = footer.put(shell, page, at[page.src])
            before, after = _split(shell, frame)
            parts = [before]
            for key, down in zip(keys, under_cover(keys), strict=True):  # the page's text made once (a packet at 10,000 items is 3.5 MB)
                block = relocate(blocks[key], block_base(key), folder)
                parts += [nested(block) if down else block, "\n"]
            text_out = "".join([*parts[:-1], after])
            target = site_dir / dest
            if _holds(target, text_out):
                continue  # serve's rebuild: the page as the last rebuild wrote (and scanned) it
            target.parent.mkdir(parents=True, exist_ok=True)
            anew(target).write_text(text_out, encoding="utf-8")
            written.append(dest)
        sitemap[urls.url(frame)] = [urls.url(page) for page, _ in pages]
        _remove(site_dir, frame, urls)
    _sitemap(site_dir, sitemap)
    return written


def _above(urls: Urls, page: Page) -> str:
    """The folder the theme's relative addresses in a built page lead from: its folder, or above the folder of its own
    (``sheets/security/`` and ``sheets/_frame/`` lead alike to the rest of the site, so the frame serves both as it is).

    >>> _above(Urls(), Page("c/l/sheets/s.md")), _above(Urls(directory=False), Page("c/l/sheets/s.md"))
    ('c/l/sheets', 'c/l/sheets')
    """
    own = urls.own_folder(page)
    return posixpath.dirname(own) if own is not None else posixpath.dirname(urls.dest(page))


# Relative addresses in a page as the engine wrote it: in attributes, and in the theme's scripts and JSON
# (its base folder, the search worker's address), which start with '../'.
_ADDRESS = re.compile(r' (href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]*)"|"((?:\.\./)+[^"]*|\.\.)"')


def rebase(text: str, start: str, folder: str) -> str:
    """A page the engine wrote in folder ``start`` (inside the site) with its relative addresses made from ``folder``,
    as the engine writes them there (MkDocs' ``get_relative_url``: the shortest path, with a trailing '/' kept).

    >>> rebase('<a href="../../x/">x</a><script>u=new URL("../../..",location)</script>', "c/l/sheets/_frame", "c/l/packet")
    '<a href="../x/">x</a><script>u=new URL("../..",location)</script>'
    """
    if start == folder:
        return text

    def move(address: str) -> str:
        path, hash_, anchor = address.partition("#")
        if not path:
            return address
        target = posixpath.normpath(posixpath.join(start, path))
        moved = relative_path(target, folder)
        return moved + ("/" if path.endswith("/") and not moved.endswith("/") else "") + hash_ + anchor

    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return f' {m.group(1)}="{move(m.group(2))}"'
        return f'"{move(m.group(3))}"'

    return _ADDRESS.sub(one, text)


class _Footer:
    """The theme's footer links to the previous and next pages, for a framed page in the navigation: taken from a page the
    engine built with both (``sample``), its neighbours' addresses and titles put in place of the sample's."""

    def __init__(self, site_dir: Path, urls: Urls, steps: list[Step], framed: set[str]) -> None:
        self.site_dir, self.urls, self.steps = site_dir, urls, steps
        sample = next(
            (n for n in range(1, len(steps) - 1) if steps[n].src not in framed and steps[n - 1].title is not None and steps[n + 1].title is not None), None
        )
        if sample is None:
            raise FrameError("no page of the navigation has a previous and a next page to take the theme's footer links from")
        self.sample: int = sample
        page = Page(steps[self.sample].src)
        built = _read(site_dir / urls.dest(page), page)
        start = built.find('<nav class="md-footer__inner')
        end = built.find("</nav>", start)
        if start < 0 or end < 0:
            raise FrameError(f"the page built from {page.src} has no footer links of the theme's (<nav class=\"md-footer__inner ...\">)")
        self.links = built[start : end + len("</nav>")]

    def _side(self, direction: str) -> tuple[int, int]:
        """Where the sample's link to its previous or next page stands in :attr:`links`."""
        at = self.links.find(f"md-footer__link--{direction}")
        start, end = self.links.rfind("<a ", 0, at), self.links.find("</a>", at)
        if at < 0 or start < 0 or end < 0:
            raise FrameError(f"the theme's footer links have no link to the {'previous' if direction == 'prev' else 'next'} page")
        return start, end + len("</a>")

    def _link(self, direction: str, page: Page, to: Step) -> str:
        """The sample's link in ``direction`` made the link from ``page`` to ``to``."""
        start, end = self._side(direction)
        neighbour = self.steps[self.sample + (-1 if direction == "prev" else 1)]
        title, new = str(neighbour.title), self._title(to)
        swaps = {": " + escape(title) + '"': ": " + escape(new) + '"', title: new}  # the title in the label (escaped again by the theme), and shown
        pattern = re.compile("|".join(re.escape(old) for old in sorted(swaps, key=len, reverse=True)))
        link = pattern.sub(lambda m: swaps[m.group(0)], self.links[start:end])
        return re.sub(r'href="[^"]*"', lambda _: f'href="{self.urls.relative(page, Page(to.src))}"', link, count=1)  # the link's own address

    def _title(self, step: Step) -> str:
        """A page's title as the theme prints it: the navigation's, or (a page the navigation names without one) the built page's."""
        if step.title is not None:
            return step.title
        page = Page(step.src)
        built = _read(self.site_dir / self.urls.dest(page), page)
        found = re.search(r'data-md-component="header-topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', built, re.S)
        if found is None:
            raise FrameError(f"the page built from {step.src} does not show its title where the theme's header does")
        return found.group(1)

    def put(self, shell: str, page: Page, n: int) -> str:
        """``shell`` (the frame made ``page``'s) with the links to ``page``'s previous and next pages, in the head and the footer."""
        before = self.steps[n - 1] if n > 0 else None
        after = self.steps[n + 1] if n + 1 < len(self.steps) else None
        head = "".join(f'<link rel="{rel}" href="{self.urls.relative(page, Page(to.src))}">\n      ' for rel, to in (("prev", before), ("next", after)) if to)
        icon = shell.find('<link rel="icon"')
        footer = shell.find('<footer class="md-footer">')
        if icon < 0 or footer < 0:
            raise FrameError('the sheets\' frame as built has no <link rel="icon"> or <footer class="md-footer">: is the theme Material?')
        (p_start, p_end), (n_start, n_end) = self._side("prev"), self._side("next")
        links = self.links[:p_start] + (self._link("prev", page, before) if before else "") + self.links[p_end:n_start]
        links += (self._link("next", page, after) if after else "") + self.links[n_end:]
        footer += len('<footer class="md-footer">')
        return shell[:icon] + head + shell[icon:footer] + "\n      " + links + shell[footer:]


def _holds(path: Path, text: str) -> bool:
    """Whether the file at ``path`` holds exactly ``text`` (False when there is none)."""
    try:
        return path.stat().st_size == len(text.encode("utf-8")) and path.read_text(encoding="utf-8") == text
    except OSError:
        return False


def _read(path: Path, page: Page) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise FrameError(f"the engine did not build {page.src} (expected {path})") from None


def _read_frame(path: Path, frame: Page) -> str:
    """The frame as built."""
    text = _read(path, frame)
    if text.count(CONTENT) != 1:
        raise FrameError(f"the sheets' frame {frame.src} as built does not hold its content marker once: does the theme rewrite page content?")
    return text


def _split(text: str, frame: Page) -> tuple[str, str]:
    """A page made from the frame, split around its content marker."""
    before, found, after = text.partition(CONTENT)
    if not found:
        raise FrameError(f"the sheets' frame {frame.src} lost its content marker")
    return before, after


def _shell(text: str, frame: Page, page: Page, urls: Urls, title: str | None) -> str:
    """The frame made the page's: its title (the navigation's, already as the engine prints it; else by MkDocs' rule for a
    page without one), its URL (the canonical link) and its source."""
    shown = title if title is not None else html.escape(frame_title(page))
    for old, new in [(TITLE, shown), (urls.url(frame), urls.url(page)), (frame.src, page.src)]:
        text = text.replace(old, new)
    return text


def _remove(site_dir: Path, frame: Page, urls: Urls) -> None:
    """Take the built frame out of the site (with its own folder, in the directory URL style)."""
    folder = urls.own_folder(frame)
    if folder is not None:
        shutil.rmtree(site_dir / folder)
    else:
        (site_dir / urls.dest(frame)).unlink()


def _sitemap(site_dir: Path, framed: dict[str, list[str]]) -> None:
    """Each frame's sitemap entry replaced by one for each of its pages (sitemap.xml and its .gz, when the engine wrote them)."""
    path = site_dir / "sitemap.xml"
    if not framed or not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    for frame_url, pages in framed.items():
        entry = re.search(rf"<url>\s*<loc>[^<]*{re.escape(html.escape(frame_url))}</loc>.*?</url>", text, re.DOTALL)
        if entry:
            entries = "\n    ".join(entry.group(0).replace(frame_url, url) for url in pages)
            text = text[: entry.start()] + entries + text[entry.end() :]
    anew(path).write_text(text, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")  # the engine's build time, kept
        with anew(packed).open("wb") as raw, gzip.GzipFile(fileobj=raw, filename="", mode="wb", mtime=mtime) as out:
            out.write(text.encode("utf-8"))
