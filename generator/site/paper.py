"""Model -> finished HTML blocks: the sign-off sheets, the packet and the critical-items lists.

These parts of the site are paper, or lists of links into the runbook pages: nothing in them needs
MkDocs. Rendering them here, once, keeps every item from going through Python-Markdown a second and
third time (the runbook page is its one Markdown conversion). Their Markdown pages hold a slot
(``layout.slot``), and ``assemble.fill_blocks`` puts the block there after the build, with MkDocs
or with Zensical alike.

Links inside a block are written relative to the checklist's folder (``layout.block_key``) in the
built site's URL style; filling a slot adjusts them to the page that receives the block.
"""

from __future__ import annotations

import jinja2

from ..format.model import Checklist, Data, Status
from ..format.readiness import readiness
from .environment import environment
from .items import critical_by_section
from .layout import block_key, has_progress


def render_paper(data: Data, directory_urls: bool = True) -> dict[str, str]:
    """The blocks of every checklist: {key: HTML}, for ``assemble.fill_blocks``."""
    env = environment(autoescape=True, directory_urls=directory_urls)
    blocks: dict[str, str] = {}
    for c in sorted(data.checklists, key=lambda c: c.id):
        blocks.update(checklist_blocks(env, c, data.status(c.id)))
    return blocks


def checklist_blocks(env: jinja2.Environment, c: Checklist, status: Status | None) -> dict[str, str]:
    """Cover and sheets (blank, and filled in when progress is recorded) and the critical lists."""
    sheets = env.get_template("_sheets.html.jinja").module
    blocks: dict[str, str] = {}
    fills: list[tuple[str, Status | None]] = [("", None)] + ([("filled-", status)] if has_progress(status) else [])
    for prefix, fill in fills:
        states = {s.id: s for s in fill.items} if fill else None
        blocks[block_key(c.id, f"{prefix}cover")] = str(sheets.cover(c, fill))
        for section in c.sections:
            blocks[block_key(c.id, f"{prefix}sheet-{section.id}")] = str(sheets.section_sheet(c, section, fill, states))
        if c.final_signoff:
            blocks[block_key(c.id, f"{prefix}sheet-final-signoff")] = str(sheets.final_sheet(c, c.final_signoff, fill))
        if c.rollback:
            blocks[block_key(c.id, f"{prefix}sheet-{c.rollback.id}")] = str(sheets.rollback_sheet(c, c.rollback))
    blockers = readiness(c, status).blockers
    if blockers:
        blocks[block_key(c.id, "blockers")] = env.get_template("blockers-list.html.jinja").render(blockers=blockers)
    critical = env.get_template("critical-list.html.jinja")
    for section_id, mine in critical_by_section(c).items():
        if mine:
            blocks[block_key(c.id, f"critical-{section_id}")] = critical.render(items=mine)
    return blocks
