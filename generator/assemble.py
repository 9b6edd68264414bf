"""After the build: fill each section's sign-off sheet page with its sheet from the built packet.

The packet holds every sheet, so the section sheet pages need not carry their items through
Markdown a second time: each is generated with an empty slot, and this step copies the finished
sheet HTML into it. Plain file work on the built site; it runs after MkDocs and after Zensical.
"""

from __future__ import annotations

import re
from pathlib import Path

SLOT = re.compile(r'<div class="cl-sheet-slot" data-sheet="([a-z0-9-]+)">.*?</div>', re.S)
_TAG = re.compile(r"<(/?)div\b[^>]*>")
_RELATIVE = re.compile(r'\b(href|src)="(?!https?:|mailto:|#|/|data:)([^"]*)"')


def extract_div(html: str, element_id: str) -> str | None:
    """The whole <div id="element_id">...</div>, nested divs included, or None."""
    start = html.find(f'<div class="cl-sheet" id="{element_id}"')
    if start < 0:
        return None
    depth = 0
    for tag in _TAG.finditer(html, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return html[start : tag.end()]
    return None


def assemble_sheets(site_dir: Path) -> int:
    """Fill every sheet slot under ``site_dir``; returns how many were filled."""
    filled = 0
    for page in sorted(site_dir.glob("checklists/*/sheets/*/index.html")) + sorted(site_dir.glob("checklists/*/sheets/*.html")):
        html = page.read_text(encoding="utf-8")
        slots = [(m.group(0), m.group(1)) for m in SLOT.finditer(html)]
        if not slots:
            continue
        checklist_dir = page.parents[2] if page.name == "index.html" else page.parents[1]
        packet = checklist_dir / "packet" / "index.html"
        if not packet.exists():
            packet = checklist_dir / "packet.html"
        source = packet.read_text(encoding="utf-8")
        for slot, element_id in slots:
            sheet = extract_div(source, element_id)
            if sheet is None:
                raise ValueError(f"{packet} has no sheet '{element_id}' for {page}")
            # The sheet page sits one folder deeper than the packet: relative links need one more '../'.
            sheet = _RELATIVE.sub(lambda m: f'{m.group(1)}="../{m.group(2)}"', sheet)
            html = html.replace(slot, sheet)
            filled += 1
        page.write_text(html, encoding="utf-8")
    return filled
