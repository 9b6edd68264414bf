"""Links of the hand-written pages of docs/ to pages that are not there: said at the link, with the page meant.

MkDocs' strict build says such a link ('the target is not found among documentation files'); Zensical's link check
is off in the build (it would report every sign-off sheet, written after it), so under ``--engine zensical`` a
hand-written page linking to a checklist that was removed, or to a section by the id it had before, built a site with
a dead link without a word. :func:`broken` finds them before the engine runs; :meth:`Pages.hint` says what to link
instead, for both engines: the page a renamed one is now (its redirect only moves readers on), or the generated page
meant (the generated folders' pages are made from data/, and change with it).
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import Issue, Loc
from .site.layout import GENERATED_DIRS

GENERIC_HINT = "correct the link: it names a page's .md file relative to this page, and a heading's anchor after '#', e.g. how-to-use.md#linking"


@dataclass(frozen=True)
class Pages:
    """The pages of the site as paths inside docs/ (hand-written, generated, framed), and the generated pages renamed
    (old path -> new path: a section, a runbook or a list given another id, its old id in ``former_ids``)."""

    all: frozenset[str]
    renamed: dict[str, str] = field(default_factory=dict)

    def hint(self, target: str, page: str) -> str:
        """What to write for the link of ``page`` to ``target`` (both paths inside docs/), which is no page."""
        if target in self.renamed:
            new = self.renamed[target]
            return f"the page was renamed (its old id is a former id): link '{relative(new, page)}'; the old address only redirects readers"
        top, _, rest = target.partition("/")
        if top not in GENERATED_DIRS:
            return GENERIC_HINT
        made = sorted(p for p in self.all if p.startswith(f"{top}/"))
        why = f"the pages of {top}/ are made from data/: a page goes when what it shows is removed or renamed there"
        folder = rest.split("/")[0] if "/" in rest else ""
        if folder and not any(p.startswith(f"{top}/{folder}/") for p in made):  # a checklist's folder: its id
            ids = sorted({p.split("/")[1] for p in made if p.count("/") >= 2})
            close = difflib.get_close_matches(folder, ids, n=1, cutoff=0.6)
            meant = f"did you mean '{close[0]}'? " if close else ""
            return f"{meant}no checklist of data/ has the id '{folder}' (they are: {', '.join(ids) or 'none'}); {why}"
        close = difflib.get_close_matches(target, made, n=1, cutoff=0.6)
        return f"did you mean '{relative(close[0], page)}'? {why}" if close else f"link one of its pages instead; {why}"


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target`` (paths inside docs/): 'security.md' from 'checklists/mini/index.md'."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")


def target_of(href: str, page: str) -> str | None:
    """The page (a path inside docs/) a link of ``page`` names, None for a link that names none: an address with a
    scheme or a host, one from the site's root, an anchor of the page itself, a file that is not a page (.md), or a
    path out of docs/."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    path = unquote(parts.path)
    if parts.scheme or parts.netloc or not path or path.startswith("/") or not path.endswith(".md"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return None if target.startswith("../") or target == ".." else target


# What could be a link's target naming a page: after '](' (or '](<'), or a reference's definition. A pass of this over a
# page finds whether any could be broken; only a page with one is parsed (the hand-written pages of this project, 84 kB,
# took 0.2 s to parse, and a build with Zensical read them all).
_CANDIDATE = re.compile(r"\]\(\s*<?([^)\s>]+\.md)(?=[#)\s>])|^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+\.md)(?=[#\s>]|$)", re.M)


def _suspect(text: str, page: str, pages: Pages, docs: Path) -> bool:
    """Whether a target that could be a link's in ``text`` names no page (the page is then parsed, to be sure)."""
    for found in _CANDIDATE.finditer(text):
        target = target_of(found.group(1) or found.group(2), page)
        if target is not None and target not in pages.all and not (docs / target).is_file():
            return True
    return False


def broken(texts: dict[str, str], pages: Pages, docs: Path, display: Callable[[Path], str]) -> list[Issue]:
    """Each link of the hand-written pages ``texts`` ({path inside docs/: Markdown}) to a page that is not there."""
    found: list[Issue] = []
    for page, text in sorted(texts.items()):
        if not _suspect(text, page, pages, docs):
            continue
        for href, line, column in links(text):
            target = target_of(href, page)
            if target is not None and target not in pages.all and not (docs / target).is_file():
                said = f"the link '{href}' leads nowhere: there is no page {target} in docs/ nor among the generated pages"
                found.append(Issue(Loc(display(docs / page), line, column), said, pages.hint(target, page)))
    return found


def links(text: str) -> Iterator[tuple[str, int, int]]:
    """Each link of a page's Markdown (inline, or by a reference) with the line and column of its target (of the link's
    text, where the target is not written there); a front matter is no Markdown."""
    lines = text.split("\n")
    if lines and lines[0].rstrip() == "---":  # front matter: blanked, so that lines keep their numbers
        end = next((n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), 0)
        lines[: end + 1] = [""] * (end + 1)
    for token in _parser().parse("\n".join(lines)):
        if token.type != "inline" or not token.map:
            continue
        first, last = token.map
        for child in token.children or []:
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str):
                yield (href, *_place(lines, first, last, href))


def _place(lines: list[str], first: int, last: int, href: str) -> tuple[int, int]:
    """The line and column of ``href`` written as a link's target in lines ``first`` to ``last`` (from 0), else of the
    block's first line."""
    for written in dict.fromkeys((href, unquote(href))):
        for needle, among in ((f"({written}", range(first, last)), (f"(<{written}>", range(first, last)), (f"]: {written}", range(len(lines)))):
            for n in among:  # an inline link's target, else a reference's definition
                if (at := lines[n].find(needle)) >= 0:
                    return n + 1, at + len(needle) - len(written) - (needle.endswith(">")) + 1
    return first + 1, len(lines[first]) - len(lines[first].lstrip()) + 1


def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")
