"""After the build: put each pre-rendered block (generator/site/paper.py) into the slot its page holds.

Sheets, the packet and the critical-items lists are finished HTML; their Markdown pages carry a
slot (``layout.slot``: a ``<div>`` naming its block), which MkDocs and Zensical pass through
as raw HTML. This step replaces every slot in the built site with its block, adjusting the block's
relative links (written from the checklist's folder) to the page. Plain file work on the built
site, so it runs the same after either engine.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Sequence
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


def fill_blocks(
    site_dir: Path, blocks: dict[str, str], pages: list[str] | None = None, rewrite: Callable[[str, str], str] | None = None, also: Sequence[str] = ()
) -> int:
    """Fill every slot of the built ``pages`` (paths inside ``site_dir``; default: every generated
    page, which means reading all of them); returns how many slots were filled. ``rewrite(text, page)``: applied to
    each of those pages and the pages ``also`` (paths inside the site; one missing is skipped) in the same pass
    (Zensical's: the navigation's windows, ``navwindow.py``)."""
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
        if has_slot(text):
            page_dir = page.parent.relative_to(site_dir).as_posix()
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
    return filled
