"""After the build: one search entry per checklist item, merged into the engine's index, and paper pages taken out.

MkDocs (Material) and Zensical index a page by its headings, and the item lists under them are
filled in after the build (``lists.py``), so the engine's index does not hold the items. This step adds an entry for every item, at ``page/#item-id``
with the item's text as title and its details as text, to the index the engine wrote:
Material's ``search/search_index.json`` (and the ``search_index.js`` copy of ``--offline``
builds), Zensical's ``search.json``. Sheets and packets, which repeat every item, leave the index.

What the on-call engineer types (a command from the terminal, a variable) is found too: every variable of a runbook
or rollback page has its entry at its line (``#var-name``), every rollback step at its anchor, and the entries of the
headings a runbook's commands are under (``#diagnosis``, ``#mitigation``) carry the commands' names in their titles.
Material weighs a title a thousand times a text and splits words at hyphens, so ``describe-replication-groups`` in a
text alone came after every item titled with 'groups'; in the title it finds its runbook first.
Plain file work on the built site, like filling the slots.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ..format.bidi import plain
from ..format.model import Block, Checklist, Data, Item, Rollback, Runbook, Variable
from ..format.oncall import command_lists
from ..format.types import InlineMarkdown, PlainText, Text
from ..site import escape, layout
from ..site import memo as parts
from .write import anew

MATERIAL_INDEX = "search/search_index.json"
MATERIAL_OFFLINE = "search/search_index.js"  # Material's offline plugin: `var __index = {...}`
ZENSICAL_INDEX = "search.json"


@dataclass(frozen=True)
class Entry:
    """One search entry: where it lands, what it is called, what it says, and its breadcrumb (empty: its page's, as the engine gave it)."""

    location: str
    title: str
    text: str
    path: tuple[str, ...] = ()


def inline(text: str) -> str:
    """Item text as the HTML a search result shows (``escape.search``): link syntax dropped, code kept, the rest escaped.

    >>> inline("Call `/health` <b>now</b>, see [the guide](https://x.test)")
    'Call <code>/health</code> &lt;b&gt;now&lt;/b&gt;, see the guide'
    """
    return escape.search(text if isinstance(text, Text) else InlineMarkdown(text))


def details_html(text: str) -> str:
    """Details as paragraphs of escaped text.

    >>> details_html("First line\\nsame paragraph\\n\\nSecond")
    '<p>First line same paragraph</p> <p>Second</p>'
    """
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return " ".join(f"<p>{inline(p)}</p>" for p in paragraphs)


def item_entries(c: Checklist, urls: layout.Urls, memo: parts.Memo = parts.NONE) -> list[Entry]:
    """An entry for every item of the checklist's runbook pages, in page order (``memo``: a section's entries kept while it is as it was)."""
    out = _entries(c, None, layout.PAGE_TYPES["overview"].title, [c.instructions], urls)
    for block in c.blocks:
        lists = [items for group in block.groups for items in (group.items, *(sub.items for sub in group.lists))]
        out += memo(("search", c.id, block.id), (block, c.id, c.title, urls), partial(_entries, c, block, block.heading, lists, urls))
    return out


def _entries(c: Checklist, block: Block | None, page_title: str, lists: list[tuple[Item, ...]], urls: layout.Urls) -> list[Entry]:
    """The entries of the items of ``lists`` on ``block``'s page (None: the overview), titled ``page_title``."""
    where = urls.url(layout.item_page(c, block))
    path = (escape.search(c.title), escape.search(InlineMarkdown(page_title)))  # the same for every item of the page
    out: list[Entry] = []
    for items in lists:
        for top in items:
            for item in top.walk():
                text = details_html(item.details) if item.details else ""
                out.append(Entry(f"{where}#{item.id}", inline(item.text), text, path))
    return out


def with_commands(title: str, names: tuple[str, ...]) -> str:
    """A title (search HTML) followed by the names of the commands run there, as code.

    >>> with_commands("Diagnosis", ("aws ecs describe-services", "aws logs tail"))
    'Diagnosis · <code>aws ecs describe-services</code> · <code>aws logs tail</code>'
    """
    return " · ".join((title, *(f"<code>{escape.search(PlainText(name))}</code>" for name in names)))


def variable_entry(where: str, v: Variable) -> Entry:
    """A variable's entry, at its line under "Set first": titled ``$NAME`` (as the commands write it) and the line that
    sets it (``export NAME=…``: the bare name is found in the title too, before a page that mentions it in its text),
    its text how to find the value and an example."""
    name = escape.search(v.name)
    example = f" e.g. <code>{escape.search(v.example)}</code>" if v.example else ""
    title = f"<code>${name}</code> · <code>export {name}=…</code>"
    return Entry(f"{where}#{layout.variable_anchor(v.name)}", title, f"<p>{inline(v.find)}{example}</p>")


def oncall_additions(data: Data, urls: layout.Urls) -> tuple[list[Entry], dict[str, tuple[str, ...]]]:
    """The entries of the variables and rollback steps of every runbook and rollback page, and the engine's entries
    (by location) whose titles gain the names of the commands run under them (a runbook's diagnosis and mitigation)."""
    pages: list[tuple[str, Runbook | Rollback]] = [(urls.url(layout.runbook_page(r.id)), r) for r in sorted(data.runbooks, key=lambda r: r.id)]
    for c in sorted(data.checklists, key=lambda c: c.id):
        pages += [(urls.url(page), rollback) for rollback, page in layout.PAGE_TYPES["rollback"].pages(c)]
    entries: list[Entry] = []
    retitled: dict[str, tuple[str, ...]] = {}
    for where, page in pages:
        entries += [variable_entry(where, v) for v in page.variables]
        commands = dict(command_lists(page))
        if isinstance(page, Rollback):
            for step in page.steps:
                title = with_commands(f"{inline(step.title)}: {inline(step.text)}", commands.get(step.id, ()))
                who = f"<p>{escape.search(step.who)}</p>" if step.who else ""
                text = " ".join(filter(None, (who, f"<pre><code>{escape.search(step.command)}</code></pre>" if step.command else "")))
                entries.append(Entry(f"{where}#{step.id}", title, text))
        else:
            retitled.update((f"{where}#{anchor}", names) for anchor, names in commands.items())
    return entries, retitled


def paper_locations(c: Checklist, urls: layout.Urls) -> set[str]:
    """Locations of the checklist's paper pages (packets and sheets, which repeat every item, and the sheets' frame)."""
    paper = [page for kind in layout.CHECKLIST_PAGES if kind.nav != "pages" for _, page in kind.pages(c)]
    frames = {layout.frame_of(page) for kind in layout.CHECKLIST_PAGES if kind.framed for _, page in kind.pages(c)}
    return {urls.url(page) for page in (*paper, *frames)}


def merge(
    docs: list[dict[str, Any]], entries: list[Entry], paper: set[str], zensical: bool, commands: dict[str, tuple[str, ...]] | None = None
) -> list[dict[str, Any]]:
    """The engine's entries with paper pages dropped and each page's item entries after its own; the isolates of
    numbered titles (``bidi``) left out of every entry: the search's separator is whitespace and '-', so an isolate
    would glue itself to the first word of a title ('\u2068Deployment' is not found as 'deployment'). ``commands``:
    the engine's entries (by location) whose titles gain the names of the commands under them (:func:`with_commands`)."""
    commands = commands or {}
    by_page: dict[str, list[Entry]] = {}
    for entry in entries:
        by_page.setdefault(entry.location.split("#", 1)[0], []).append(entry)
    out: list[dict[str, Any]] = []
    pending: dict[str, list[Entry]] = dict(by_page)
    paths: dict[str, list[str]] = {}  # each page's breadcrumb, as the engine gave it (Zensical)

    def flush(page: str) -> None:
        for entry in pending.pop(page, []):
            doc: dict[str, Any] = {"location": entry.location, "title": plain(entry.title), "text": plain(entry.text)}
            if zensical:
                doc.update(level=3, path=[plain(p) for p in entry.path] if entry.path else paths.get(page, []), tags=[])
            out.append(doc)

    for i, doc in enumerate(docs):
        page = doc.get("location", "").split("#", 1)[0]
        if page in paper:
            continue
        kept = {key: _plain(value) if key in ("title", "text", "path") else value for key, value in doc.items()}
        if doc.get("location") in commands and isinstance(kept.get("title"), str):
            kept["title"] = with_commands(kept["title"], commands[doc["location"]])
        paths.setdefault(page, kept.get("path", []))
        out.append(kept)
        following = docs[i + 1].get("location", "").split("#", 1)[0] if i + 1 < len(docs) else None
        if following != page:
            flush(page)
    for page in sorted(pending):
        flush(page)
    return out


def _plain(value: Any) -> Any:
    """A title, text or breadcrumb (a list of titles) of an entry without the isolates of numbered titles."""
    return plain(value) if isinstance(value, str) else [_plain(v) for v in value] if isinstance(value, list) else value


@dataclass(frozen=True)
class Additions:
    """What the index gains and loses: an entry per item, variable and rollback step, the paper pages dropped, and the
    engine's entries whose titles gain the names of the commands under them (location, names)."""

    entries: tuple[Entry, ...]
    paper: frozenset[str]
    commands: tuple[tuple[str, tuple[str, ...]], ...] = ()


def additions(data: Data, urls: layout.Urls, memo: parts.Memo = parts.NONE) -> Additions:
    """The item entries and the paper pages, for every checklist (depends on the data only)."""
    entries: list[Entry] = []
    paper: set[str] = set()
    for c in sorted(data.checklists, key=lambda c: c.id):
        entries += item_entries(c, urls, memo)
        paper |= paper_locations(c, urls)
    oncall, commands = oncall_additions(data, urls)
    return Additions(tuple(entries + oncall), frozenset(paper), tuple(sorted(commands.items())))


def write_search(site_dir: Path, data: Data, urls: layout.Urls) -> int:
    """Merge item entries into every index the engine wrote in ``site_dir``; returns how many entries were added."""
    return merge_search(site_dir, additions(data, urls))


def merge_search(site_dir: Path, found: Additions) -> int:
    """Merge :func:`additions` into every index the engine wrote in ``site_dir``; returns how many entries were added."""
    written = 0
    for name, key, zensical in ((MATERIAL_INDEX, "docs", False), (ZENSICAL_INDEX, "items", True)):
        path = site_dir / name
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        index[key] = merge(index.get(key, []), list(found.entries), set(found.paper), zensical, dict(found.commands))
        text = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
        anew(path).write_text(text, encoding="utf-8")
        if not zensical and (site_dir / MATERIAL_OFFLINE).is_file():
            anew(site_dir / MATERIAL_OFFLINE).write_text(f"var __index = {text}", encoding="utf-8")
        written += len(found.entries)
    return written
