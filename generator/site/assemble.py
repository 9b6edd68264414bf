"""After the build: put each pre-rendered block (generator/site/paper.py) into the slot its page holds.

Sheets, the packet and the critical-items lists are finished HTML; their Markdown pages carry a
slot, ``<div class="cl-slot" data-block="KEY">...</div>``, which MkDocs and Zensical pass through
as raw HTML. This step replaces every slot in the built site with its block, adjusting the block's
relative links (written from the checklist's folder) to the page. Plain file work on the built
site, so it runs the same after either engine.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

from .render import GENERATED_DIR, SLOT_MARK

SLOT = re.compile(r'<div class="cl-slot" data-block="([^"]+)">.*?</div>', re.DOTALL)
_RELATIVE = re.compile(r'\b(href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]*)"')


class MissingBlock(ValueError):
    pass


def relocate(block: str, base: str, page_dir: str) -> str:
    """Relative links of ``block``, written from folder ``base``, as seen from folder ``page_dir``.

    >>> relocate('<a href="security/#jwt">x</a><a href="#top">t</a>', "checklists/c", "checklists/c/sheets/security")
    '<a href="../../security/#jwt">x</a><a href="#top">t</a>'
    >>> relocate('<a href="security.html#jwt">x</a>', "checklists/c", "checklists/c")
    '<a href="security.html#jwt">x</a>'
    """
    prefix = posixpath.relpath(base, page_dir or ".")
    if prefix == ".":
        return block
    return _RELATIVE.sub(lambda m: f'{m.group(1)}="{prefix}/{m.group(2)}"', block)


def fill_page(text: str, page_dir: str, blocks: dict[str, str]) -> tuple[str, int]:
    """``text`` with every slot filled; ``page_dir`` is the page's folder inside the site."""
    count = 0

    def fill(match: re.Match[str]) -> str:
        nonlocal count
        key = html.unescape(match.group(1))
        if key not in blocks:
            raise MissingBlock(f"no block '{key}'")
        count += 1
        base = key.split(":", 1)[0]
        return relocate(blocks[key], base, page_dir)

    return SLOT.sub(fill, text), count


def built_page(source: str, directory_urls: bool) -> str:
    """Where MkDocs (and Zensical) writes the page built from ``source`` (a path inside docs/).

    >>> built_page("checklists/c/sheets/s1.md", True), built_page("checklists/c/index.md", True), built_page("checklists/c/packet.md", False)
    ('checklists/c/sheets/s1/index.html', 'checklists/c/index.html', 'checklists/c/packet.html')
    """
    stem = source.removesuffix(".md")
    if not directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def slotted_pages(pages: dict[str, str], directory_urls: bool) -> list[str]:
    """The built pages (paths inside the site) whose generated Markdown holds a slot."""
    return [built_page(path, directory_urls) for path, text in pages.items() if SLOT_MARK in text]


def fill_blocks(site_dir: Path, blocks: dict[str, str], pages: list[str] | None = None) -> int:
    """Fill every slot of the built ``pages`` (paths inside ``site_dir``; default: every generated
    page, which means reading all of them); returns how many slots were filled."""
    filled = 0
    paths = [site_dir / p for p in pages] if pages is not None else []
    if pages is None or not all(p.is_file() for p in paths):  # an engine that lays pages out otherwise
        paths = sorted((site_dir / GENERATED_DIR).rglob("*.html"))
    for page in paths:
        text = page.read_text(encoding="utf-8")
        if 'class="cl-slot"' not in text:
            continue
        page_dir = page.parent.relative_to(site_dir).as_posix()
        try:
            new, count = fill_page(text, "" if page_dir == "." else page_dir, blocks)
        except MissingBlock as exc:
            raise MissingBlock(f"{page.relative_to(site_dir).as_posix()}: {exc}") from None
        page.write_text(new, encoding="utf-8")
        filled += count
    return filled
