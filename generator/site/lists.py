"""Model -> the runbook pages' item lists as finished HTML blocks, one per list.

A runbook page keeps its headings in Markdown (the engine makes the table of contents and the
heading permalinks from them) and holds a slot for each list of items under them (``list_slot``):
the generator renders the list here, once, in the safe rendering of ``items.runbook_list``, and
``assemble.fill_blocks`` puts it in after the build, as it does for the sheets. The slot carries
the list's anchors and relative links while the engine builds, so links to and from items check as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..format.model import Checklist, Data, Item
from . import layout
from .items import item_ids, item_links, runbook_list


def list_key(checklist_id: str, list_id: str) -> str:
    """The block of one list: a group's items, a labelled sub-list's, or the instructions' (``how-to-use``).

    >>> list_key("launch", "auth")
    'checklists/launch:items-auth'
    """
    return layout.block_key(checklist_id, f"items-{list_id}")


def list_slot(checklist_id: str, list_id: str, items: Iterable[Item]) -> str:
    """The slot a runbook page's Markdown holds for a list, with the list's anchors and links standing in for it."""
    items = tuple(items)
    return layout.slot(list_key(checklist_id, list_id), anchors=item_ids(items), links=item_links(items))


INSTRUCTIONS = "how-to-use"  # the overview's list of instructions (its heading's id too)


def lists_of(c: Checklist) -> Iterator[tuple[str, tuple[Item, ...]]]:
    """Every item list on the checklist's runbook pages, as (list id, items)."""
    if c.instructions:
        yield INSTRUCTIONS, c.instructions
    for block in (*c.sections, *c.parts):
        for group in block.groups:
            yield group.id, group.items
            for sub in group.lists:
                yield sub.id, sub.items


def runbook_links(c: Checklist, data: Data) -> dict[str, str]:
    """Alarm item id -> its runbook page, as a source link from the checklist's folder."""
    here = layout.checklist_page(c.id, "index")
    return {r.item: layout.runbook_page(r.id).link_from(here) for r in data.runbooks if data.runbook_checklist(r) is c}


def list_blocks(c: Checklist, data: Data, directory_urls: bool = True) -> dict[str, str]:
    """{block key: HTML} for every item list of the checklist's runbook pages, with the recorded progress."""
    status = data.status(c.id)
    states = {s.id: s for s in status.items} if status else {}
    runbooks = runbook_links(c, data)
    return {list_key(c.id, ident): str(runbook_list(items, False, runbooks, states, directory_urls)) for ident, items in lists_of(c)}


_FRAGMENT = re.compile(r"#([A-Za-z0-9_][A-Za-z0-9_.:-]*)")
_STAND_IN = re.compile(r'<span id="([^"]+)"></span>')


def keep_linked_anchors(pages: dict[str, str], hand_written: Iterable[str] = ()) -> dict[str, str]:
    """The generated pages with only the stand-in anchors that some page links to (``#id`` in its Markdown).

    The engine reads every stand-in with its HTML parsers (Python-Markdown's raw-HTML pass and
    MkDocs' anchor collection), which cost more than the rest of a runbook page; the stand-ins are
    there only for the engine's check of links to items, so an id no page links to needs none.
    ``hand_written`` are the texts of the hand-written pages, whose links are checked too.

    >>> page = '<div class="cl-slot" data-block="c:items-g"><span id="a"></span><span id="b"></span></div>'
    >>> keep_linked_anchors({"c/s.md": page, "runbooks/r.md": "[x](../c/s.md#b)"})["c/s.md"]
    '<div class="cl-slot" data-block="c:items-g"><span id="b"></span></div>'
    """
    linked = {found.group(1) for text in (*pages.values(), *hand_written) for found in _FRAGMENT.finditer(text)}

    def keep(span: re.Match[str]) -> str:
        return span.group(0) if span.group(1) in linked else ""

    return {path: layout.SLOT.sub(lambda s: _STAND_IN.sub(keep, s.group(0)), text) if layout.has_slot(text) else text for path, text in pages.items()}
