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
pass in C over the page's text (a stretch's entries checked by one match of a pattern of plain entries, the addresses
looked up by their text), and each address worked out once for all the pages beside each other. At 10,000 items
0.03-0.05 s; at 50,000, where Zensical's 505 pages list all 500 sections (103 MB), 0.47-0.53 s of processor time
(0.85 s when each stretch's tags and each address were gone through in Python; the same pages cut, byte for byte).
"""

from __future__ import annotations

import contextlib
import functools
import html
import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
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
_OPENING = '<li class="md-nav__item">'
# Plain entries side by side, nothing but white space between them: each an item holding one link, with no other entry,
# list or link inside (so each holds one opening, and the count of openings is the count of entries).
_PLAIN = _ENTRY.pattern.replace("(?P<body>", "(?:").replace('"([^"<>]*)"', '"[^"<>]*"')
_PLAIN_RUN = re.compile(rf"{_PLAIN}(?:\s*+{_PLAIN})*+")
_UNSEEN = object()
_TITLE = re.compile(r'<span class="md-ellipsis">([^<]*)</span>')
_PRIMARY = re.compile(r'<nav class="md-nav md-nav--primary[ "]')  # the site's navigation, as the theme opens it (once a page;
# "md-nav--lifted" follows under navigation.tabs)
_NAV_TAG = re.compile(r"<(/?)nav[\s>]")
_PRIMARY_OPENING = '<nav class="md-nav md-nav--primary'  # where _PRIMARY can match


@dataclass(frozen=True)
class Windows:
    """The long runs of a site, and its pages: :meth:`__call__` cuts one built page's navigation."""

    runs: tuple[PageRun, ...]
    urls: Urls
    built: dict[str, str]  # the pages to cut (paths inside the site) -> their source inside docs/
    where: dict[str, tuple[int, int]]  # a member's address from the site's root (:func:`_key`) -> (its run, its place there)
    _seen: dict[tuple[str, str], tuple[int, int] | None] = field(default_factory=dict, compare=False)  # (folder, address) -> member
    _up: dict[str, dict[str, tuple[int, int] | None]] = field(default_factory=dict, compare=False)  # above -> ../address -> member

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
        named = self._names(folder, above, raw)
        counts = Counter(named)
        cuts: list[tuple[int, int, str]] = []
        for r, run in enumerate(self.runs):
            at = run.members.index(src) if src in run.members else None
            shown = run.shown(at)
            stretches = [range(0, shown.start), range(shown.stop, len(run.members))]
            if not any(map(counts.__contains__, zip(repeat(r), chain(*stretches)))):
                continue  # the run is not in this page's navigation
            for stretch in stretches:
                if not stretch:
                    continue
                cut = self._stretch(text, span, raw, named, counts, Page(src), r, stretch)
                if cut is None:
                    return text
                cuts.append(cut)
        return _spliced(text, cuts)

    def _names(self, folder: str, above: str, raw: list[str]) -> list[Any]:
        """:meth:`_named` of every address of ``raw``. An address up a folder (``../s2/``) names the same member from
        every page beside this one: looked up by its text in one pass in C, and only those not seen yet worked out."""
        up = self._up.setdefault(above, {})
        named: list[Any] = list(map(up.get, raw, repeat(_UNSEEN)))
        at = -1
        with contextlib.suppress(ValueError):  # no more to work out
            while True:
                at = named.index(_UNSEEN, at + 1)
                href = raw[at]
                named[at] = found = self._named(folder, above, href)
                if href.startswith("../"):
                    up[href] = found
        return named

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
        wanted = list(zip(repeat(r), stretch))
        k = len(wanted)
        if wanted[0] not in counts:
            return None  # missing
        first = named.index(wanted[0])
        if named[first : first + k] != wanted or sum(map(counts.__getitem__, wanted)) != k:
            return None  # not in order, another entry between, or one twice
        # The stretch's entries, from the opening of the first to the end of the last: each address is the page's once, so
        # plain entries side by side there, as many as the stretch has, are the stretch's (raw[first : first + k]).
        start = text.rfind(_OPENING, span[0], text.find(f'<a href="{raw[first]}" class="md-nav__link">', *span))
        last = text.find(f'<a href="{raw[first + k - 1]}" class="md-nav__link">', start, span[1])
        end = text.find("</li>", last, span[1]) + len("</li>")
        entry = _ENTRY.match(text, start)
        if (
            min(start, last, end - len("</li>")) < 0
            or entry is None
            or _PLAIN_RUN.fullmatch(text, start, end) is None
            or text.count(_OPENING, start, end) != k
        ):
            return None  # not plain entries side by side
        title = _TITLE.search(entry.group("body"))
        if title is None:
            return None
        run = self.runs[r]
        home = html.escape(self.urls.relative(page, Page(run.home)))
        body = entry.group("body")
        words = title[1].strip()  # the title, put in the white space the theme writes around it (as MkDocs' plugin's entry has it)
        at = title.start(1) + title[1].find(words) if words else title.start(1)
        body = body[:at] + html.escape(run.more(k), quote=False) + body[at + len(words) if words else title.end(1) :]
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
    >>> _primary(page + page) is None, _primary('<nav class="md-nav md-nav--primaryx"></nav>') is None
    (True, True)
    """
    found = [at for at in _found(text, _PRIMARY_OPENING) if _PRIMARY.match(text, at)]
    if len(found) != 1:
        return None
    start, depth = found[0], 0
    opening, closing = text.find("<nav", start), text.find("</nav", start)
    while closing >= 0:  # the nav tags from its opening on, each found by a search in C, and read as _NAV_TAG reads it
        at = opening if 0 <= opening < closing else closing
        tag = _NAV_TAG.match(text, at)
        if tag is not None:
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                return start, tag.end()
        if at == opening:
            opening = text.find("<nav", at + 1)
        else:
            closing = text.find("</nav", at + 1)
    return None


def _found(text: str, what: str) -> Iterator[int]:
    """Where ``what`` is in ``text``, each place."""
    at = text.find(what)
    while at >= 0:
        yield at
        at = text.find(what, at + 1)


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
