"""After Zensical: every long run of pages cut to a window in each page's navigation, as MkDocs' pages have it.

Material repeats the whole navigation in every page: at 10,000 items a section page lists the checklist's 100
sections, most of its weight, and more with every section. Under MkDocs the plugin ``engine.NavWindow`` gives each
page a window of its run (``site.render.PageRun``); Zensical runs no plugin, so its pages carried the whole run
(78 KB against MkDocs' 53 KB at 10,000 items, growing with the number of sections). This step makes the same cut in
the pages Zensical wrote: the members of a run outside the page's window (:meth:`PageRun.shown`) are taken out of
its navigation, and each stretch of them is replaced by one entry linking to the run's list page, titled as
MkDocs' (:meth:`PageRun.more`) and written in the markup of the first entry it replaces (the theme's own).

Only what is certain is cut. An entry is found as the theme writes a plain link in the navigation (inside the page's
one ``<nav class="md-nav md-nav--primary">``, never in its content): an ``<li class="md-nav__item">`` holding one
``<a class="md-nav__link">`` to the member's address, with no list inside, the entries of a stretch side by side
with nothing but white space between them. A run none of whose members left out is found is not in the page's
navigation (pruned): the page keeps it as it is. A page where a member to leave out is missing, found twice, or apart
from the rest of its stretch keeps its whole navigation, and so does a page without one navigation: heavier, never
wrong.
Plain text work on the built page, in the pass that fills its slots (``assemble.fill_blocks``): the addresses of the
navigation listed, then each stretch's tags and addresses compared with what a stretch of plain entries holds, each a
pass in C over the page's text, and each address worked out once for all the pages beside each other. At 10,000 items
0.03-0.05 s; at 50,000, where Zensical's 505 pages list all 500 sections (85 MB), 0.7 s.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..site.layout import Page, Urls
from ..site.render import PageRun

# A plain entry of the navigation, as Material's and Zensical's templates write a link to a page: its address, and
# the title's <span class="md-ellipsis"> (whose text the entry standing for the rest replaces).
_ENTRY = re.compile(
    r'<li class="md-nav__item">\s*<a href="([^"<>]*)" class="md-nav__link">'
    r"(?P<body>[^<]*(?:<(?!/?(?:li|ul|ol|a|nav)[\s/>])[^<]*)*)</a>\s*</li>"  # no other entry, list or link inside
)
_LINK = re.compile(r'<li class="md-nav__item">\s*<a href="([^"<>]*)" class="md-nav__link">')  # an entry's opening, its address
_TAGS = re.compile(r"<(/?)(li|a|ul|ol|nav)(?=[\s/>])")  # the tags that make an entry, or more than one
_PLAIN = [("", "li"), ("", "a"), ("/", "a"), ("/", "li")]  # a plain entry's
_APART = re.compile(r"</li>\s*+(?!<li[\s>])(?=.)", re.DOTALL)  # an entry followed by something else than white space and an entry
_UNSEEN = object()
_TITLE = re.compile(r'<span class="md-ellipsis">([^<]*)</span>')
_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary[ "]')  # the site's navigation, as the theme opens it (once a page;
# "md-nav--lifted" follows under navigation.tabs)
_NAV_TAG = re.compile(r"<(/?)nav[\s>]")


@dataclass(frozen=True)
class Windows:
    """The long runs of a site, and its pages: :meth:`__call__` cuts one built page's navigation."""

    runs: tuple[PageRun, ...]
    urls: Urls
    built: dict[str, str]  # the pages to cut (paths inside the site) -> their source inside docs/
    where: dict[str, tuple[int, int]]  # a member's address from the site's root (:func:`_key`) -> (its run, its place there)
    _seen: dict[tuple[str, str], tuple[int, int] | None] = field(default_factory=dict, compare=False)  # (folder, address) -> member

    @classmethod
    def of(cls, runs: tuple[PageRun, ...], urls: Urls, sources: list[str]) -> Windows | None:
        """The windows of the long ``runs``, for the pages of ``sources`` (inside docs/); None when no run is long."""
        long = tuple(run for run in runs if run.windowed)
        if not long:
            return None
        where = {_key(urls.url(Page(src))): (r, n) for r, run in enumerate(long) for n, src in enumerate(run.members)}
        return cls(long, urls, {urls.dest(Page(src)): src for src in sorted(sources)}, where)

    def __call__(self, text: str, built: str) -> str:
        """The ``built`` page (its path inside the site, its HTML ``text``) with every long run cut to its window;
        ``text`` unchanged where a cut is not certain, and for a page not of :attr:`built`."""
        src = self.built.get(built)
        if src is None:
            return text
        span = _primary(text)
        if span is None:
            return text
        folder = posixpath.dirname(built)
        above = posixpath.dirname(folder)
        raw = _LINK.findall(text, *span)  # every entry's address, in order (the theme's text: lists are made once, in C)
        named = [self._named(folder, above, href) for href in raw]
        counts = Counter(named)
        cuts: list[tuple[int, int, str]] = []
        for r, run in enumerate(self.runs):
            at = run.members.index(src) if src in run.members else None
            shown = run.shown(at)
            stretches = [range(0, shown.start), range(shown.stop, len(run.members))]
            if not any(counts[(r, n)] for stretch in stretches for n in stretch):
                continue  # the run is not in this page's navigation
            for stretch in stretches:
                if not stretch:
                    continue
                cut = self._stretch(text, span, raw, named, counts, Page(src), r, stretch)
                if cut is None:
                    return text
                cuts.append(cut)
        return _spliced(text, cuts)

    def _named(self, folder: str, above: str, href: str) -> tuple[int, int] | None:
        """The member (run, place) the address ``href`` (as the page writes it) names from a page in ``folder`` (under
        ``above``), or None. Each page of a run names its neighbours as the others do (``../s2/``): worked out once."""
        key = (above, href[3:]) if href.startswith("../") else (folder, href)
        found = self._seen.get(key, _UNSEEN)
        if found is _UNSEEN:
            plain = html.unescape(href)
            if plain.startswith(("/", "#")) or ":" in plain.partition("/")[0]:
                found = None  # from the root, in the page, or elsewhere: no member as a relative address writes it
            else:
                found = self.where.get(_resolved(folder, plain.partition("#")[0].partition("?")[0]))
            self._seen[key] = found
        return found  # type: ignore[return-value]

    def _stretch(
        self, text: str, span: tuple[int, int], raw: list[str], named: list[Any], counts: Counter[Any], page: Page, r: int, stretch: range
    ) -> tuple[int, int, str] | None:
        """The cut of one stretch of run ``r`` left out: (start, end, the entry standing for it); None when the page's
        navigation does not hold exactly the stretch's entries, each once, side by side, as plain entries."""
        wanted = [(r, n) for n in stretch]
        if any(counts[member] != 1 for member in wanted):
            return None  # missing or twice
        first = named.index(wanted[0])
        if named[first : first + len(wanted)] != wanted:
            return None  # not in order, or another entry between
        start = text.rfind('<li class="md-nav__item">', span[0], text.find(f'<a href="{raw[first]}" class="md-nav__link">', *span))
        last = text.find(f'<a href="{raw[first + len(wanted) - 1]}" class="md-nav__link">', start, span[1])
        end = text.find("</li>", last, span[1]) + len("</li>")
        entry = _ENTRY.match(text, start)
        k = len(wanted)
        if (
            min(start, last, end - len("</li>")) < 0
            or entry is None
            or _LINK.findall(text, start, end) != raw[first : first + k]
            or _TAGS.findall(text, start, end) != _PLAIN * k  # each an item holding one link, no list, item or link inside
            or _APART.search(text, start, end) is not None
        ):
            return None  # not plain entries side by side
        title = _TITLE.search(entry.group("body"))
        if title is None:
            return None
        run = self.runs[r]
        home = html.escape(self.urls.relative(page, Page(run.home)))
        body = entry.group("body")
        body = body[: title.start(1)] + html.escape(run.more(k), quote=False) + body[title.end(1) :]
        opening = text[start : entry.start("body")].replace(f'href="{entry.group(1)}"', f'href="{home}"', 1)
        return start, end, opening + body + text[entry.end("body") : entry.end()]


def _spliced(text: str, cuts: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span of ``cuts`` replaced by its entry; unchanged when two overlap."""
    if not cuts:
        return text
    cuts.sort()
    if any(a[1] > b[0] for a, b in zip(cuts, cuts[1:], strict=False)):
        return text
    out: list[str] = []
    last = 0
    for start, end, entry in cuts:
        out += [text[last:start], entry]
        last = end
    return "".join(out) + text[last:]


def _primary(text: str) -> tuple[int, int] | None:
    """Where the page's navigation is in ``text``: from its opening to the end of its closing tag (the lists of its
    sections and the table of contents nested in it); None where the page has none, or more than one.

    >>> page = '<p><nav class="md-nav md-nav--primary"><nav class="md-nav"></nav>x</nav><nav>toc</nav>'
    >>> page[slice(*_primary(page))]
    '<nav class="md-nav md-nav--primary"><nav class="md-nav"></nav>x</nav>'
    """
    found = list(_PRIMARY.finditer(text))
    if len(found) != 1:
        return None
    start = found[0].start()
    depth = 0
    for tag in _NAV_TAG.finditer(text, start):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start, tag.end()
    return None


def _key(address: str) -> str:
    """A page's address from the site's root, as one form whichever way it is written: ``a/b/``, ``a/b`` and
    ``x/../a/b/`` alike (the home page: ``.``).

    >>> _key("checklists/c/s1/"), _key("checklists/c/sheets/../s1"), _key(""), _key("checklists/c/s1.html")
    ('checklists/c/s1', 'checklists/c/s1', '.', 'checklists/c/s1.html')
    """
    return posixpath.normpath(address or ".")


def _resolved(folder: str, href: str) -> str:
    """:func:`_key` of the relative address ``href`` written in a page of ``folder`` (inside the site). Pages side by
    side write the same address of a neighbour (``../s2/``): from the folder above, it is worked out once.

    >>> _resolved("c/s5", "../s2/"), _resolved("c/s5", "./"), _resolved("c", "s2/"), _resolved("c/s5", "../../../x/")
    ('c/s2', 'c/s5', 'c/s2', '../x')
    """
    while href.startswith("../") and folder not in ("", "."):
        folder, href = posixpath.dirname(folder), href[3:]
    return _joined(folder, href)


@functools.lru_cache(maxsize=4096)
def _joined(folder: str, href: str) -> str:
    return _key(posixpath.join(folder, href))
