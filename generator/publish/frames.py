"""After the engine: the sign-off sheets' pages written by the generator into the theme's frame.

A sheet is paper: its page needs the theme's look (header, styles, scripts, the paper layout of
``overrides/main.html``), not the engine's Markdown, navigation or search. So the engine builds one
page of them per checklist, the frame (``layout.frame_of``: ``sheets/_frame``, at the sheets' folder
depth, hence with their relative paths), whose content is a marker. This step writes every framed
page (``layout.PageType.framed``) as a copy of the frame with its title, its URL and its content
(a block of ``paper.py``, its links adjusted to the page) put in, enters it in the sitemap in the
frame's place, and removes the frame. Plain file work on the built site, after MkDocs or Zensical alike.
"""

from __future__ import annotations

import gzip
import html
import re
import shutil
from pathlib import Path

from ..site.layout import FRAME_CONTENT as CONTENT
from ..site.layout import FRAME_TITLE as TITLE
from ..site.layout import Page, Urls, block_base, frame_of, frame_title, relocate


class FrameError(ValueError):
    """The engine built the frame otherwise than this module expects (a theme that rewrites the content, say)."""


def write_frames(site_dir: Path, framed: dict[str, str], blocks: dict[str, str], urls: Urls) -> list[str]:
    """Write every framed page (its source inside docs/ -> its block) into a copy of its checklist's frame,
    then take the frames out of the site; returns the pages written (paths inside the site), which are
    those whose file did not hold that text already (in a build, all of them)."""
    by_frame: dict[Page, list[tuple[Page, str]]] = {}
    for src, key in framed.items():
        page = Page(src)
        by_frame.setdefault(frame_of(page), []).append((page, key))
    written: list[str] = []
    sitemap: dict[str, list[str]] = {}
    for frame, pages in by_frame.items():
        path = site_dir / urls.dest(frame)
        shell = _read_frame(path, frame)
        for page, key in pages:
            dest = urls.dest(page)
            folder = dest.rpartition("/")[0]
            content = relocate(blocks[key], block_base(key), folder)
            target = site_dir / dest
            text = content.join(_shell(shell, frame, page, urls))
            if _holds(target, text):
                continue  # serve's rebuild: the page as the last rebuild wrote (and scanned) it
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            written.append(dest)
        sitemap[urls.url(frame)] = [urls.url(page) for page, _ in pages]
        _remove(site_dir, frame, urls)
    _sitemap(site_dir, sitemap)
    return written


def _holds(path: Path, text: str) -> bool:
    """Whether the file at ``path`` holds exactly ``text`` (False when there is none)."""
    try:
        return path.stat().st_size == len(text.encode("utf-8")) and path.read_text(encoding="utf-8") == text
    except OSError:
        return False


def _read_frame(path: Path, frame: Page) -> tuple[str, str]:
    """The frame as built, split around its content marker."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise FrameError(f"the engine did not build the sheets' frame {frame.src} (expected {path})") from None
    if text.count(CONTENT) != 1:
        raise FrameError(f"the sheets' frame {frame.src} as built does not hold its content marker once: does the theme rewrite page content?")
    before, _, after = text.partition(CONTENT)
    return before, after


def _shell(shell: tuple[str, str], frame: Page, page: Page, urls: Urls) -> tuple[str, str]:
    """The frame around the content, made the page's: its title, its URL (the canonical link) and its source."""
    swaps = [(TITLE, html.escape(frame_title(page))), (urls.url(frame), urls.url(page)), (frame.src, page.src)]
    out = []
    for part in shell:
        for old, new in swaps:
            part = part.replace(old, new)
        out.append(part)
    return out[0], out[1]


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
    path.write_text(text, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    if packed.is_file():
        mtime = int.from_bytes(packed.read_bytes()[4:8], "little")  # the engine's build time, kept
        with packed.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename="", mode="wb", mtime=mtime) as out:
            out.write(text.encode("utf-8"))
