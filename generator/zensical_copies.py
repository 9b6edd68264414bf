"""The pages of a long run left out of the engine's build and written from its rendering of a prototype: Zensical's, and
MkDocs' (``plan(mkdocs=config)``: the pages left out are excluded files of its build, ``engine.SitePlugin``; its search
index is ``search/search_index.json``, its sitemap in the order of files; only where no plugin but search and a switched-off
offline would see the pages it builds). Under MkDocs, ``copies.py`` writes pages from prototypes inside its build where
none is left out.

Zensical renders every page in full, its Markdown converted by a Python-Markdown made for the page and the theme with
the whole navigation: about 8 ms a page, 0.8 s of a first build at 10,000 items, though the middle pages of a run (a
checklist's sections, each with the one before and after it in the same run) differ only in their own values: title,
address, content, table of contents, previous and next page, and which entry of the navigation is open. So the
generator hands Zensical, for each *shape* of such page (the run, the page's blocks as ``converted.py`` reads them, its
front matter but for its title), a few pages only (the prototype and its proofs, none beside it) and lists the others
in ``exclude_docs``: Zensical keeps them in the navigation (linked as ``section-7.md``: their addresses are put right
after), and builds nothing for them. After Zensical, each left-out page is the prototype's page with:

- the navigation's entries swapped: the prototype's open entry (with its table of contents) for its closed one, as the
  proof page shows it, and the page's own closed entry for the open one, filled with its title and table of contents;
- the table of contents beside the page, and the content, converted as Zensical's Markdown converts each form of
  block (a heading, a button link, raw HTML: ``converted.py``'s forms, converted once with markers), in place of the
  prototype's;
- the prototype's title, address and previous and next pages replaced by the page's, outside those parts;

and its search entries and sitemap entry are the prototype's, so replaced. Only texts that every template prints as
they are (plain, ``converted.plain``, with none of ``'`` and ``/``, which Zensical's templates escape) are put in this way;
a page with any other is rendered by Zensical.

Trusted only once proved: each proof page, made the same way from the prototype, must be what Zensical wrote for it,
byte for byte, and its search entries too; the proofs are the pages least like the prototype (:func:`_proofs`: the
longest title, neighbour's title and address, the last), as a page one like it proves nothing of a value a theme prints
otherwise (``page.title[:20]`` cuts a title of two digits, not one of one). When a proof fails (a theme or a Markdown extension prints a value
otherwise), nothing is written from a prototype: Zensical builds the site again with every page
(:meth:`Zensical.finish`), and the shape is remembered (:meth:`Plan.failed`): under the same theme and settings, later
builds give Zensical every page of that shape, and write the pages of the other shapes from their prototypes.
``CHECKLIST_SITE_NO_COPIES`` turns it off, as for MkDocs (the tests compare the two).

A search entry's text (a paragraph under a heading, which search reads) is made as the page's content is: each of the
prototype's texts there replaced by the page's, in turn (:func:`_text_of`), and proved on the proof pages.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import os
import posixpath
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from . import converted
from .copies import OFF
from .publish.navwindow import _primary
from .site.layout import Page, Urls
from .site.render import Site

log = logging.getLogger("checklist_site")
FAILED = "zensical-copies.failed"  # in the work folder: the digest (theme_key) of the theme and settings whose proof failed last
MKDOCS_FAILED = "mkdocs-copies.failed"  # the same, of the pages MkDocs leaves to prototypes
MIN_GROUP = 4  # a shape of fewer pages is rendered whole: the prototype and a proof are two of them
_FRONT = re.compile(r"\A---\n(?P<meta>.*?\n)---\n", re.S)
_TITLE_LINE = re.compile(r"^title: .*$", re.M)
_ACTIVE = '<li class="md-nav__item md-nav__item--active">'
_SECONDARY = '<nav class="md-nav md-nav--secondary"'
_LI = re.compile(r"<(/?)li[\s>]")
_MD_HREF = re.compile(r'href="([^"#?]*\.md)(#[^"]*)?"')
_UNSAFE = frozenset("'/")  # plain to Markdown, yet escaped by Zensical's templates
# Zensical takes this attribute out of the page once its search index has left the element out (in its Rust code)
_SEARCH_EXCLUDE = re.compile(r' data-search-exclude(?:="[^"<>]*")?(?=[\s/>])')
_HEADING_FORM = "h"
# A search entry's keys: Zensical's (search.json), and MkDocs' search plugin's, Material's (search/search_index.json)
_ENTRY_KEYS = ({"location", "level", "title", "text", "path", "tags"}, {"location", "title", "text"})
_MD_NAME = re.compile(r"[^/\s()\[\]<>\"'`]+\.md\b")  # a file's name as a link gives it
_MD_ADDRESS = re.compile(r"[^\s()\[\]<>\"'`]+\.md\b")  # a file's address as a link gives it, its folders too
_PLAIN_ADDRESS = re.compile(r"/?(?:[A-Za-z0-9_.-]+/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.md")  # read as it is written
_PATH = re.compile(r"[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.md")  # a path exclude_docs reads as it is (no pattern, no space)
# A template's tag naming the list of pages (Zensical's holds none of those left out), and the one sitemap.xml may hold
_PAGES = re.compile(r"\{[{%](?:(?![}%]\}).)*?\bpages\b(?:(?![}%]\}).)*?[}%]\}", re.S)
_SITEMAP_LOOP = re.compile(r"\{%-?\s*for\s+\w+\s+in\s+pages\s*-?%\}")
_SITEMAP_ENTRY = re.compile(r"\n[ \t]*<url>\s*<loc>([^<]*)</loc>.*?</url>", re.S)


@dataclass(frozen=True)
class _Member:
    src: str
    title: str  # as the navigation names it
    blocks: tuple[converted._Block, ...]


@dataclass(frozen=True)
class _Group:
    members: tuple[str, ...]  # the run's members of one shape, in the run's order
    prototype: str
    proofs: tuple[str, ...]  # made from the prototype and compared with Zensical's pages (the first shows its closed entry)
    shape: str = ""  # a digest of the shape: a shape whose proof failed is remembered by it (Plan.failed)

    @property
    def proof(self) -> str:
        return self.proofs[0]

    @property
    def copies(self) -> tuple[str, ...]:
        return tuple(m for m in self.members if m != self.prototype and m not in self.proofs)


@dataclass
class Plan:
    """What Zensical builds of the long runs and what is written from prototypes (:meth:`write`) after it."""

    urls: Urls
    site_url: str
    pages: dict[str, _Member]  # the members to write or prove, and the prototypes' neighbours (their titles)
    neighbours: dict[str, tuple[str, str]]  # member -> (previous, next) page source
    groups: tuple[_Group, ...]
    md_config: tuple[list[Any], dict[str, Any]]
    key: str = ""  # theme_key: what decides whether a prototype proves
    sources: dict[str, str] = field(default_factory=dict)  # a page's URL -> its source, of every Markdown page (the search index's order)
    nonce: str = field(default_factory=lambda: secrets.token_hex(6))
    written: int = 0
    mkdocs: bool = False  # the pages MkDocs leaves out of its build (else Zensical)
    failing: str = "*"  # what the last failed proof was of: a shape's digest, or '*' (the site's: its sitemap, its search index)
    _made: dict[str, _Converted | None] = field(default_factory=dict)
    _relative: dict[str, str] = field(default_factory=dict)

    @property
    def memo(self) -> str:
        """The work folder's file of the shapes whose proof failed."""
        return MKDOCS_FAILED if self.mkdocs else FAILED

    @property
    def index(self) -> tuple[str, str]:
        """The engine's search index in the site, and its list of entries."""
        return ("search/search_index.json", "docs") if self.mkdocs else ("search.json", "items")

    @property
    def omitted(self) -> list[str]:
        return sorted(src for g in self.groups for src in g.copies)

    def exclude_docs(self) -> str:
        """The ``exclude_docs`` setting of the generated configuration: the pages written from prototypes."""
        return "exclude_docs: |\n" + "".join(f"  /{src}\n" for src in self.omitted)  # each a plain path (_PATH)

    def prepare(self) -> None:
        """Convert each member's Markdown by its forms (content, table of contents, headings): done while Zensical builds."""
        if self._made:
            return
        forms = _Forms(self.md_config, self.nonce, keeps_exclude=self.mkdocs)
        for group in self.groups:
            for src in group.members:
                self._made[src] = forms.converted(self.pages[src], self.urls)

    def failed(self, work: Path) -> None:
        """Remember that a proof failed under this theme and these settings, and of which shape (each the digest of one
        line after the key's; ``*``: of the whole site): the next builds give Zensical every page of that shape (of
        every shape: ``*``) at once, until the theme or a setting changes (else each would build the site twice). Other
        shapes, and the same pages once their shape changes, are written from prototypes again."""
        work.mkdir(parents=True, exist_ok=True)
        tmp = work / (self.memo + ".tmp")
        tmp.write_text("\n".join([self.key, *sorted(_failed_shapes(work, self.key, self.memo) | {self.failing})]) + "\n", encoding="utf-8")
        tmp.replace(work / self.memo)

    def sibling(self, src: str) -> str:
        """``src``'s address from a page beside it (in the same folder)."""
        found = self._relative.get(src)
        if found is None:
            found = self._relative[src] = self.urls.relative(Page(posixpath.join(posixpath.dirname(src), "x-beside.md")), Page(src))
        return found

    # -- after Zensical -------------------------------------------------------------------------------------------

    def write(self, site: Path) -> bool:
        """Write every left-out page into ``site`` (Zensical's output) from its prototype, with its search and sitemap
        entries, the addresses Zensical gave as ``.md`` put right in every page; False (nothing written) unless every
        shape is proved."""
        try:
            return self._write(site)
        except (OSError, UnicodeDecodeError, ValueError, KeyError):
            return _failed("a file not as expected", str(site))

    def _fixed(self, site: Path) -> dict[str, str]:
        """The pages Zensical wrote whose addresses of left-out pages (``.md``) were put right, with their new text."""
        omitted = set(self.omitted)
        texts: dict[str, str] = {}
        for path in site.rglob("*.html"):
            rel = path.relative_to(site).as_posix()
            text = path.read_text(encoding="utf-8")
            if ".md" in text:
                fixed = self._addresses(text, rel, omitted)
                if fixed != text:
                    texts[rel] = fixed
        return texts

    def _write(self, site: Path) -> bool:
        self.prepare()
        texts = self._fixed(site)  # the pages Zensical wrote whose addresses were put right
        index_path, key = site / self.index[0], self.index[1]
        index = json.loads(index_path.read_text(encoding="utf-8")) if index_path.exists() else None
        by_page: dict[str, list[dict[str, Any]]] = {}
        for item in index[key] if index is not None else ():
            by_page.setdefault(item.get("location", "").partition("#")[0], []).append(item)
        made: dict[str, str] = {}
        entries: list[dict[str, Any]] = []
        for group in self.groups:
            self.failing = group.shape  # a failure from here on is this shape's
            dest = {src: self.urls.dest(Page(src)) for src in (group.prototype, *group.proofs)}
            read = {src: texts.get(rel) or (site / rel).read_text(encoding="utf-8") for src, rel in dest.items()}
            proto = _Proto.of(self, group.prototype, read[group.prototype], read[group.proof])
            if proto is None:
                return _failed("the prototype's page is not as expected", group.prototype)
            for src in (*group.proofs, *group.copies):
                page = proto.page(src)
                if page is None:
                    return _failed("not made", src)
                if src not in group.proofs:
                    made[self.urls.dest(Page(src))] = page
                elif page != read[src]:
                    _dump(page, read[src])
                    return _failed("not as Zensical wrote it", src)
            if index is not None:
                mine = by_page.get(self.urls.url(Page(group.prototype)), [])
                for src in (*group.proofs, *group.copies):
                    found = self._entries(mine, group.prototype, src)
                    if found is None:
                        return _failed("search entries not made", src)
                    if src not in group.proofs:
                        entries += found
                    elif found != by_page.get(self.urls.url(Page(src)), []):
                        return _failed("search entries not as Zensical wrote them", src)
        self.failing = "*"
        sitemap = site / "sitemap.xml"
        map_text = self._sitemap(sitemap.read_text(encoding="utf-8")) if sitemap.exists() else ""
        if map_text is None:
            return _failed("its entries not as expected", "sitemap.xml")
        written({**texts, **made}, site)  # all proved: written
        if index is not None:
            if (merged := _merged(index[key], entries, self.sources)) is None:
                return _failed("its pages not in the order of their files", self.index[0])
            index[key] = merged
            index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        if map_text:
            sitemap.write_text(map_text, encoding="utf-8", newline="")
        self.written = len(made)
        return True

    def _addresses(self, text: str, rel: str, omitted: set[str]) -> str:
        """``text`` with each address Zensical wrote as a left-out page's Markdown file (``../section-7.md``) written as
        that page's address (``../section-7/``), whether relative to the page or from the site's root."""
        folder = posixpath.dirname(rel)

        def fixed(m: re.Match[str]) -> str:
            href = m[1]
            if href.startswith("/"):
                src = next((s for s in omitted if href.endswith("/" + s)), "")
            else:
                src = posixpath.normpath(posixpath.join(folder, href))
            return f'href="{href[: -len(".md")]}/{m[2] or ""}"' if src in omitted else m[0]

        return _MD_HREF.sub(fixed, text)

    def closed(self, text: str, span: tuple[int, int], src: str) -> tuple[int, int] | None:
        """Where the closed entry of ``src`` is in the navigation (``span``) of ``text``: from the end of the entry
        before it to the end of its own; None unless it is there once."""
        link = f'<a href="{self.sibling(src)}" class="md-nav__link">'
        at = text.find(link, *span)
        if at < 0 or text.find(link, at + 1, span[1]) >= 0:
            return None
        opening = text.rfind('<li class="md-nav__item">', span[0], at)
        start = text.rfind("</li>", span[0], opening)
        end = _closing(text, opening)
        if opening < 0 or start < 0 or end is None or end > span[1]:
            return None
        return start + len("</li>"), end

    def values(self, p: str, j: str) -> dict[str, str] | None:
        """What page ``p`` holds of itself and its neighbours outside its navigation, table of contents and content, and
        what ``j`` holds in their place: titles, addresses (in quotes: relative from a page beside, and in full), and its
        source file at the end of an address in quotes (the theme's edit and view buttons: ``…/docs/c/s7.md"``)."""
        (pp, pn), (jp, jn) = self.neighbours[p], self.neighbours[j]
        out: dict[str, str] = {}
        for a, b in ((p, j), (pp, jp), (pn, jn)):
            out[self.pages[a].title] = self.pages[b].title
            out[f'"{self.sibling(a)}"'] = f'"{self.sibling(b)}"'
        out[f'/{p}"'] = f'/{j}"'
        if self.site_url:
            out[f'"{self.site_url}{self.urls.url(Page(p))}"'] = f'"{self.site_url}{self.urls.url(Page(j))}"'
        made_p, made_j = self._made.get(p), self._made.get(j)
        skip = bool(made_p and made_j and made_p.headings and made_j.headings)
        if made_p and made_j and skip:  # Material's link past the header to the first heading (MkDocs' pages: Zensical prints none)
            out[f'<a href="#{made_p.headings[0][0]}" class="md-skip">'] = f'<a href="#{made_j.headings[0][0]}" class="md-skip">'
        return out if len(out) == 2 * 3 + 1 + bool(self.site_url) + skip else None

    def _entries(self, items: list[dict[str, Any]], p: str, j: str) -> list[dict[str, Any]] | None:
        """Page ``j``'s search entries, made from ``p``'s (``items``)."""
        made_p, made_j = self._made.get(p), self._made.get(j)
        if made_p is None or made_j is None or len(made_p.headings) != len(made_j.headings):
            return None
        ids = {a[0]: b[0] for a, b in zip(made_p.headings, made_j.headings, strict=True)}
        titles = {self.pages[p].title: self.pages[j].title, **{a[1]: b[1] for a, b in zip(made_p.headings, made_j.headings, strict=True)}}
        url_j = self.urls.url(Page(j))
        out = []
        for item in items:
            if set(item) not in _ENTRY_KEYS or item.get("tags") or not isinstance(item["text"], str):
                return None
            _, _, anchor = item["location"].partition("#")
            if anchor and anchor not in ids or item["title"] not in titles:
                return None
            if (text := _text_of(item["text"], anchor, made_p, made_j)) is None:
                return None
            location = url_j + ("#" + ids[anchor] if anchor else "")
            made = {**item, "location": location, "title": titles[item["title"]], "text": text}
            out.append({**made, "path": [titles.get(t, t) for t in item["path"]]} if "path" in item else made)
        return out

    def _in_sitemap(self, loc: str) -> Any:
        """Where a page's entry is in the sitemap: Zensical's in the order of addresses, MkDocs' in the order of files."""
        return file_order(self.sources[loc.removeprefix(self.site_url)]) if self.mkdocs else loc

    def _sitemap(self, text: str) -> str | None:
        """The sitemap with an entry for each left-out page, made from its prototype's as a page is (its address and
        values put in), in the order of addresses; None unless each proof page's, made so, is Zensical's (the theme's
        ``sitemap.xml`` may print more of a page than its address). A sitemap of no page (no site_url) is as it was."""
        found = list(_SITEMAP_ENTRY.finditer(text))
        locs = [m[1] for m in found]
        if not found:
            return text if "<loc>" not in text else None
        if locs != sorted(locs, key=self._in_sitemap):
            return None
        by_loc = {m[1]: m[0] for m in found}
        added: dict[str, str] = {}
        for group in self.groups:
            loc_p = self.site_url + self.urls.url(Page(group.prototype))
            if loc_p not in by_loc:
                return None
            for src in (*group.proofs, *group.copies):
                loc, values = self.site_url + self.urls.url(Page(src)), self.values(group.prototype, src)
                if values is None:
                    return None
                entry = _swapped(by_loc[loc_p].replace(f"<loc>{loc_p}</loc>", f"<loc>{loc}</loc>"), values)
                if src not in group.proofs:
                    added[loc] = entry
                elif by_loc.get(loc) != entry:
                    return None
        body = "".join(by_loc.get(loc) or added[loc] for loc in sorted({*locs, *added}, key=self._in_sitemap))
        return text[: found[0].start()] + body + text[found[-1].end() :]


@dataclass(frozen=True)
class _Proto:
    """A prototype's page cut where other pages of its shape differ from it."""

    plan: Plan
    src: str
    text: str
    span: tuple[int, int]  # its navigation
    active: tuple[int, int]  # its open entry there (from the end of the entry before it)
    closed: str  # its closed entry, as the proof page has it
    opened: tuple[str, str]  # its open entry but for the table of contents: before it, after it
    toc: str  # its table of contents (in the open entry and beside the content)
    after: tuple[str, str, str]  # after the navigation: up to the table of contents, up to the content, after it
    swap: re.Pattern[str]  # its values outside those parts

    @classmethod
    def of(cls, plan: Plan, src: str, text: str, proof: str) -> _Proto | None:
        span, proof_span = _primary(text), _primary(proof)
        made = plan._made.get(src)
        if span is None or proof_span is None or made is None:
            return None
        at = text.find(_ACTIVE, *span)
        if at < 0 or text.find(_ACTIVE, at + 1, span[1]) >= 0:
            return None
        start, end = text.rfind("</li>", span[0], at) + len("</li>"), _closing(text, at)
        closed = plan.closed(proof, proof_span, src)
        if start < len("</li>") or end is None or closed is None:
            return None
        active = text[start:end]
        t_at = active.find(_SECONDARY)
        t_end = _nav_end(active, t_at) if t_at >= 0 else None
        if t_end is None:
            return None
        toc = active[t_at:t_end]
        rest = text[span[1] :]
        t2 = rest.find(toc)
        c2 = rest.find(made.content, t2 + len(toc)) if t2 >= 0 else -1
        if t2 < 0 or c2 < 0 or rest.find(toc, t2 + 1) >= 0 or rest.find(made.content, c2 + 1) >= 0:
            return None
        values = plan.values(src, src)
        if values is None:
            return None
        after = (rest[:t2], rest[t2 + len(toc) : c2], rest[c2 + len(made.content) :])
        swap = re.compile("|".join(re.escape(k) for k in sorted(values, key=len, reverse=True)))
        return cls(plan, src, text, span, (start, end), proof[closed[0] : closed[1]], (active[:t_at], active[t_end:]), toc, after, swap)

    def page(self, j: str) -> str | None:
        """Page ``j`` of the prototype's shape."""
        plan, p = self.plan, self.src
        made_p, made_j = plan._made.get(p), plan._made.get(j)
        region = plan.closed(self.text, self.span, j)
        values = plan.values(p, j)
        if made_p is None or made_j is None or region is None or values is None:
            return None
        toc = _toc_html(self.toc, made_p.toc, made_j.toc)
        title_p, title_j = plan.pages[p].title, plan.pages[j].title
        if toc is None or title_p not in self.opened[0]:
            return None
        opened = self.opened[0].replace(title_p, title_j) + toc + self.opened[1].replace(title_p, title_j)
        cuts = sorted([(*self.active, self.closed), (*region, opened)])
        if cuts[0][1] > cuts[1][0]:
            return None

        def swap(text: str) -> str:
            return self.swap.sub(lambda m: values[m[0]], text)

        before, between, last = self.after
        text = self.text
        nav = [text[self.span[0] : cuts[0][0]], cuts[0][2], text[cuts[0][1] : cuts[1][0]], cuts[1][2], text[cuts[1][1] : self.span[1]]]
        return "".join([swap(text[: self.span[0]]), *nav, swap(before), toc, swap(between), made_j.content, swap(last)])


def _swapped(text: str, values: dict[str, str]) -> str:
    """``text`` with each of the keys of ``values`` (the longest first) put as its value."""
    swap = re.compile("|".join(re.escape(k) for k in sorted(values, key=len, reverse=True)))
    return swap.sub(lambda m: values[m[0]], text)


def _failed_shapes(work: Path | None, key: str, memo: str = FAILED) -> set[str]:
    """The shapes whose proof failed under the theme and settings of ``key`` (``Plan.failed``); none under others."""
    try:
        lines = (work / memo).read_text(encoding="utf-8").splitlines() if work is not None else []
    except (OSError, UnicodeDecodeError):
        return set()
    return set(lines[1:]) if lines[:1] == [key] else set()


def _write_pages(site: Path, pages: list[tuple[str, str]]) -> bool:
    for rel, text in pages:
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    return True


BESIDE = 16  # pages from which half are written by a second process


def written(pages: dict[str, str], site: Path) -> None:
    """Write ``pages`` (paths inside ``site`` -> text) into ``site``: every other one by a process forked beside this one
    where the system forks (``beside.Beside``), the rest here. Making each page's folder and writing it is most of this
    step's time (0.13-0.25 s of processor time for 93 pages at 10,000 items), on the first build's critical path, while
    the other processor has finished its own work (the blocks) and waits; what the other process did not write (it
    failed) is written here. Every page has its own folder: the two never write the same file."""
    from .beside import Beside

    ordered = sorted(pages.items())
    if len(ordered) < BESIDE:
        _write_pages(site, ordered)
        return
    other = Beside(_write_pages, site, ordered[1::2])
    try:
        _write_pages(site, ordered[::2])
        other.result()  # the other process's half, or (it failed, or there is none) written here now
    finally:
        other.cancel()


def _failed(why: str, where: str) -> bool:
    log.debug("  pages written from prototypes: none (%s: %s)", where, why)
    return False


def _dump(made: str, wrote: str) -> None:
    """(Debugging a failed proof) the page made and the page Zensical wrote, into ``CHECKLIST_SITE_COPIES_DUMP``."""
    folder = os.environ.get("CHECKLIST_SITE_COPIES_DUMP")
    if folder:
        Path(folder, "made.html").write_text(made, encoding="utf-8")
        Path(folder, "wrote.html").write_text(wrote, encoding="utf-8")


def file_order(src: str) -> tuple[tuple[str, ...], bool, str]:
    """Where Zensical puts a page's search entries (as MkDocs orders its files): a folder's index page first, then its other
    pages by name, then its folders'; not the order of addresses ('checklists/long-x/' is before 'checklists/long/').

    >>> sorted(["c/long-x/a.md", "c/long/b.md", "c/long/index.md", "how-to.md", "index.md", "c/index.md"], key=file_order)
    ['index.md', 'how-to.md', 'c/index.md', 'c/long/index.md', 'c/long/b.md', 'c/long-x/a.md']
    """
    *folder, name = src.split("/")
    return tuple(folder), not Page(src).is_index, name


def _merged(items: list[dict[str, Any]], more: list[dict[str, Any]], sources: dict[str, str]) -> list[dict[str, Any]] | None:
    """``items`` with ``more`` put in the order of their pages' files (:func:`file_order`); None unless ``items`` are in
    that order, each of a page whose source is known (``sources``: URL -> source)."""
    out = list(items)
    try:
        keys = [file_order(sources[i["location"].partition("#")[0]]) for i in out]
        added = [file_order(sources[i["location"].partition("#")[0]]) for i in more]
    except KeyError:
        return None
    if keys != sorted(keys):
        return None
    for item, key in zip(more, added, strict=True):
        at = bisect.bisect_right(keys, key)
        out.insert(at, item)
        keys.insert(at, key)
    return out


def _closing(text: str, opening: int) -> int | None:
    """The end of the ``</li>`` that closes the ``<li`` at ``opening``."""
    depth = 0
    for m in _LI.finditer(text, opening):
        depth += -1 if m[1] else 1
        if depth == 0:
            return m.start() + len("</li>")
    return None


def _nav_end(text: str, opening: int) -> int | None:
    depth = 0
    for m in re.finditer(r"<(/?)nav[\s>]", text[opening:]):
        depth += -1 if m[1] else 1
        if depth == 0:
            return opening + m.start() + len("</nav>")
    return None


def _toc_html(toc: str, p: list[tuple[str, str]], j: list[tuple[str, str]]) -> str | None:
    """The table of contents ``toc`` (page p's, entries ``p``) with ``j``'s entries in their place, in order."""
    if len(p) != len(j):
        return None
    out, at = [], 0
    for (id_p, label_p), (id_j, label_j) in zip(p, j, strict=True):
        href = f'href="#{id_p}"'
        h = toc.find(href, at)
        lab = toc.find(label_p, h + len(href)) if h >= 0 else -1
        if lab < 0:
            return None
        out += [toc[at:h], f'href="#{id_j}"', toc[h + len(href) : lab], label_j]
        at = lab + len(label_p)
    out.append(toc[at:])
    return "".join(out)


class _Forms:
    """The forms of block converted once by a Python-Markdown configured as Zensical configures it (``converted.py``)."""

    def __init__(self, md_config: tuple[list[Any], dict[str, Any]], nonce: str, keeps_exclude: bool = False) -> None:
        import markdown

        self.keeps_exclude = keeps_exclude  # MkDocs' search plugin leaves data-search-exclude in the page; Zensical takes it out
        self.md = markdown.Markdown(extensions=md_config[0], extension_configs=md_config[1])
        self.nonce = nonce
        self.forms: dict[tuple[str, ...], str | None] = {}

    def _mark(self, what: str) -> str:
        return f"clsite{what}{self.nonce}" + (".md" if what == "href" else "")

    def _form(self, form: tuple[str, ...]) -> str | None:
        """The form's conversion, with markers for its text, id and address; None unless it is one line of one block."""
        if form not in self.forms:
            text, ident, href = self._mark("text"), self._mark("id"), self._mark("href")
            source = {"h": lambda: f"{'#' * int(form[1])} {text} {{#{ident}}}", "a": lambda: f"[{text}]({href}){form[-1]}", "p": lambda: text}[form[0]]()
            self.md.reset()
            out = self.md.convert(source)
            tokens = list(getattr(self.md, "toc_tokens", []))
            self.forms[form] = out if "\n" not in out and out.count(text) == 1 and len(tokens) <= 1 else None
        return self.forms[form]

    def _identified(self, member: _Member) -> list[converted._Block] | None:
        """The page's blocks, each heading without an id given the one toc gives it (``converted.py``)."""
        found = list(member.blocks)
        if not any(b.form[-1:] == ("auto",) for b in found):
            return found
        if "toc" not in self.md.treeprocessors:
            return None
        from markdown.extensions.toc import unique

        toc: Any = self.md.treeprocessors["toc"]
        used = {b.id for b in found if b.id}
        return [replace(b, id=unique(toc.slugify(b.text, toc.sep), used)) if b.form[-1:] == ("auto",) else b for b in found]

    def converted(self, member: _Member, urls: Urls) -> _Converted | None:
        """The page's content as Zensical gives it, and its headings; None where a form does not convert plainly."""
        found = self._identified(member)
        if found is None:
            return None
        parts = []
        for n, block in enumerate(found):
            if block.form == ("raw",):
                parts.append(block.text if n == len(found) - 1 else block.text + "\n")
                continue
            form = self._form(block.form)
            if form is None:
                return None
            href = _link(urls, member.src, block.href) if block.href else ""
            parts.append(form.replace(self._mark("text"), block.text).replace(self._mark("id"), block.id).replace(self._mark("href"), href))
        headings = tuple((b.id, b.text, int(b.form[1])) for b in found if b.form[0] == _HEADING_FORM)
        content = "\n".join(parts)
        return _Converted(content if self.keeps_exclude else _SEARCH_EXCLUDE.sub("", content), headings, _texts(found))


@dataclass(frozen=True)
class _Converted:
    content: str
    headings: tuple[tuple[str, str, int], ...]  # (id, text, level)
    texts: tuple[tuple[int, str], ...] = ()  # (the heading whose search entry holds it, by its place: -1 before the first; its text)

    @property
    def toc(self) -> list[tuple[str, str]]:
        """The entries of the table of contents the theme shows: the headings under the page's title."""
        return [(i, t) for i, t, level in self.headings if level > 1]


def _texts(blocks: list[converted._Block]) -> tuple[tuple[int, str], ...]:
    """The text of each paragraph and link of a page that search reads (not one marked ``data-search-exclude``), with the
    heading whose search entry's text holds it, by its place among the page's headings (the title's included; -1 before
    the first)."""
    out, heading = [], -1
    for b in blocks:
        if b.form[0] == _HEADING_FORM:
            heading += 1
        elif b.form != ("raw",) and "data-search-exclude" not in b.form[-1]:
            out.append((heading, b.text))
    return tuple(out)


def _text_of(text: str, anchor: str, made_p: _Converted, made_j: _Converted) -> str | None:
    """A search entry's ``text`` for page j, made from page p's entry (under the heading ``anchor``, or the page's: ''):
    each of p's paragraph and link texts there, found in turn, replaced by j's (both pages of one shape: the same blocks
    in the same order); None where one is not found. Made alike for the proof pages, and compared with Zensical's
    entries there."""
    if not text:
        return text  # nothing of the page's text in it (the proof pages' entries show whether j's has none either)
    ids = [h[0] for h in made_p.headings]
    if anchor and anchor not in ids:
        return None
    heading = ids.index(anchor) if anchor else -1
    mine = [x for n, x in made_p.texts if n == heading]
    theirs = [x for n, x in made_j.texts if n == heading]
    if not mine or len(mine) != len(theirs):
        return None
    out, at = [], 0
    for old, new in zip(mine, theirs, strict=True):
        found = text.find(old, at)
        if found < 0:
            return None
        out += [text[at:found], new]
        at = found + len(old)
    return "".join(out) + text[at:]


def _link(urls: Urls, src: str, href: str) -> str:
    path, _, anchor = href.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
    return urls.relative(Page(src), Page(target)) + (f"#{anchor}" if anchor else "")


def _inert(text: str) -> bool:
    return converted.plain(text) and not (_UNSAFE & set(text))


def _titles(nav: list[Any]) -> dict[str, str]:
    out: dict[str, str] = {}

    def walk(value: Any, title: str | None) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item, None)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, key)
        elif isinstance(value, str) and title is not None:
            out[value] = title

    walk(nav, None)
    return out


def _extensions(config_text: str) -> tuple[list[Any], dict[str, Any]] | None:
    """The Markdown extensions and their options the generated configuration gives Zensical; None where they are not
    plainly written (Zensical's defaults, a tagged value): then nothing is written from a prototype."""
    from .mkdocs_yml import _Loader, _Tagged

    raw = yaml.load(config_text, Loader=_Loader)  # noqa: S506 - a safe loader: plain values, tags read as _Tagged
    if not isinstance(raw, dict) or "exclude_docs" in raw or "draft_docs" in raw:
        return None
    value = raw.get("markdown_extensions")
    names: list[Any] = []
    options: dict[str, Any] = {}
    if not isinstance(value, list):
        return None
    for entry in value:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, dict) and len(entry) == 1:
            (name, opts), = entry.items()
            if not isinstance(name, str) or not isinstance(opts, (dict, type(None))):
                return None
            names.append(name)
            options[name] = opts or {}
        else:
            return None
    if any(isinstance(v, _Tagged) for v in _values(options)):
        return None
    if not all(n.removeprefix("markdown.extensions.") in converted.KNOWN for n in names):
        return None
    return names, options


# MkDocs' plugins that see the pages left out of its build as the pages it builds: the search plugin (whose entries of
# them are made and proved) and the offline plugin switched off. Any other (a plugin writing a file for each page it
# builds, a hook) could miss them: none is left out then.
_SEEN_ALIKE = frozenset({"search", "material/search", "offline", "material/offline"})


def _mkdocs_extensions(config: Any) -> tuple[list[Any], dict[str, Any]] | None:
    """The Markdown extensions and their options of MkDocs' configuration (its own three among them); None where one is
    not named plainly, the configuration leaves files out (``exclude_docs``, ``draft_docs``), or a plugin other than
    :data:`_SEEN_ALIKE` (or the offline plugin switched on) would see the pages MkDocs builds."""
    names = list(config["markdown_extensions"])
    options = dict(config["mdx_configs"])
    if config.get("exclude_docs") is not None or config.get("draft_docs") is not None:
        return None
    plugins = config["plugins"]
    if any(name not in _SEEN_ALIKE or (name.endswith("offline") and plugin.config.get("enabled", True)) for name, plugin in plugins.items()):
        log.debug("  pages written from prototypes: none (a plugin of mkdocs.yml's may want every page built: %s)", ", ".join(plugins))
        return None
    if not all(isinstance(n, str) and n.removeprefix("markdown.extensions.") in converted.KNOWN for n in names):
        return None
    if not all(isinstance(v, dict) for v in options.values()):
        return None
    return names, options


def _mkdocs_version() -> str:
    from .programs import installed_version

    return f"mkdocs {installed_version('mkdocs')}, mkdocs-material {installed_version('mkdocs-material')}"


def _values(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _values(v)]
    if isinstance(value, list):
        return [x for v in value for x in _values(v)]
    return [value]


def theme_key(config_text: str, theme: Path | None, mkdocs: bool = False) -> str:
    """A digest of what decides whether a prototype proves: the generated configuration but its navigation, the files of
    the theme's custom folder (their names, sizes and times) and Zensical's version (MkDocs' and Material's)."""
    from .zensical_out import _version

    digest = hashlib.sha256(config_text.partition("\nnav:\n")[0].encode("utf-8"))
    digest.update(f"\0{_mkdocs_version() if mkdocs else _version()}\0".encode())
    if theme is not None and theme.is_dir():
        for path in sorted(theme.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.relative_to(theme).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def plan(
    site: Site, nav: list[Any], urls: Urls, site_url: str | None, config_text: str, hand_written: dict[str, str], mkdocs: Any = None, **folders: Any
) -> Plan | None:
    """Which pages of the long runs Zensical renders, and which the generator writes from their prototypes; None when
    none is written so (no long run, URLs not of folders, Markdown not plainly configured, turned off, or a proof failed
    under the same theme and settings: ``folders`` gives the ``work`` folder and the ``theme``'s custom folder). A page
    another page's Markdown may link to (its file's name is in that page's text) is rendered by Zensical: a link to a page
    left out would stay as it was written. ``mkdocs``: MkDocs' configuration, for the pages MkDocs leaves out of its build
    (``config_text`` then mkdocs.yml's text); else Zensical's (``config_text`` the configuration generated for it)."""
    allowed = _allowed(site, urls, config_text, mkdocs, folders.get("theme"), folders.get("work"))
    if allowed is None:
        return None
    md_config, key, failed = allowed
    titles = _titles(nav)
    named = _named(site, hand_written)
    order = [src for src in _order(nav)]
    place = {src: n for n, src in enumerate(order)}
    pages: dict[str, _Member] = {}
    neighbours: dict[str, tuple[str, str]] = {}
    groups: list[_Group] = []
    for run in site.runs:
        if not run.windowed:
            continue
        shapes: dict[Any, list[str]] = {}
        for src in run.members[1:-1]:
            at = place.get(src)
            if at is None or at == 0 or at + 1 >= len(order):
                continue
            before, after = order[at - 1], order[at + 1]
            member = _member(site, src, titles)
            if member is None or named(src) or before not in run.members or after not in run.members:
                continue
            if any(posixpath.dirname(s) != posixpath.dirname(src) or not _inert(titles.get(s, "")) for s in (before, after)):
                continue
            pages[src] = member
            neighbours[src] = (before, after)
            shapes.setdefault(_shape(site.pages[src], member), []).append(src)
        for shape, members in shapes.items():
            digest = hashlib.sha256(repr(shape).encode("utf-8", "surrogatepass")).hexdigest()[:32]
            if len(members) >= MIN_GROUP and digest not in failed:
                groups.append(_Group(tuple(members), members[0], _proofs(members, neighbours, titles, urls), digest))
    for src in {s for pair in neighbours.values() for s in pair} - set(pages):
        pages[src] = _Member(src, titles[src], ())
    if not groups:
        if failed:
            log.debug("  pages written from prototypes: none (a proof failed under this theme and these settings before)")
        return None
    sources = {urls.url(Page(src)): src for src in (*site.pages, *hand_written)}
    base = (site_url or "").rstrip("/") + "/" if site_url else ""
    return Plan(urls, base, pages, neighbours, tuple(groups), md_config, key, sources, mkdocs=mkdocs is not None)


def plan_key(site: Site, nav: list[Any], urls: Urls, site_url: str | None, config_text: str, hand_written: dict[str, str], **folders: Any) -> str | None:
    """A digest of everything :func:`plan` (Zensical's) reads, under which what it left out of Zensical's build (its
    ``exclude_docs``) is kept: the build whose Zensical site is kept for the same inputs (``zensical_out``) needs only
    that, not the plan (0.09 s at 10,000 items). None where no page may be written from a prototype."""
    allowed = _allowed(site, urls, config_text, None, folders.get("theme"), folders.get("work"))
    if allowed is None:
        return None
    md_config, key, failed = allowed
    digest = hashlib.sha256(repr((config_text, md_config, key, sorted(failed), nav, urls, site_url, site.runs)).encode("utf-8", "surrogatepass"))
    for pages in (site.pages, hand_written):
        for src, text in sorted(pages.items()):
            digest.update(f"\0{len(src)}:{src}\0{len(text)}:".encode("utf-8", "surrogatepass") + text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0\0")
    return digest.hexdigest()


def _allowed(site: Site, urls: Urls, config_text: str, mkdocs: Any, theme: Path | None, work: Path | None) -> tuple[Any, str, set[str]] | None:
    """The Markdown configuration, the theme's key and the shapes whose proof failed under it, where pages may be written
    from prototypes at all (:func:`plan`); None where none may."""
    if os.environ.get(OFF) or not urls.directory or not any(run.windowed for run in site.runs):
        return None
    md_config = _extensions(config_text) if mkdocs is None else _mkdocs_extensions(mkdocs)
    if md_config is None:
        return None
    key = theme_key(config_text, theme, mkdocs is not None)
    failed = _failed_shapes(work, key, FAILED if mkdocs is None else MKDOCS_FAILED)
    if "*" in failed:
        log.debug("  pages written from prototypes: none (a proof failed under this theme and these settings before)")
        return None
    listing = _lists_pages(theme, config_text)
    if listing:
        log.debug("  pages written from prototypes: none (%s prints the list of pages, which holds none left out)", listing)
        return None
    return md_config, key, failed


def _named(site: Site, hand_written: dict[str, str]) -> Callable[[str], bool]:
    """Whether another page's Markdown may link to a generated page: a generated page's text by each address it holds
    plainly written, read from its folder as a link is (from docs/ when it starts with '/'); a hand-written page's, or an
    address not plainly written (an escape, a scheme, a space), by the file's name alone. By name alone, a checklist's
    sections were each named by another checklist's of the same id (its sign-off sheet's link, 'sheets/security.md')."""
    by_name: dict[str, set[str]] = {}  # a file's name -> the pages whose text has it
    linked: set[str] = set()  # the generated pages another generated page links to, by address
    for where, text in hand_written.items():
        for name in set(_MD_NAME.findall(text)):
            by_name.setdefault(name, set()).add(where)
    for where, text in site.pages.items():
        for found in set(_MD_ADDRESS.findall(text)):
            if not _PLAIN_ADDRESS.fullmatch(found):
                for name in _MD_NAME.findall(found):
                    by_name.setdefault(name, set()).add(where)
                continue
            target = posixpath.normpath(found[1:] if found.startswith("/") else posixpath.join(posixpath.dirname(where), found))
            if target != where:
                linked.add(target)
    return lambda src: src in linked or bool(by_name.get(posixpath.basename(src), set()) - {src})


def _proofs(members: list[str], neighbours: dict[str, tuple[str, str]], titles: dict[str, str], urls: Urls) -> tuple[str, ...]:
    """The members of a shape that prove its prototype (``members[0]``): the third, never beside it, as well as those
    least like it, whose title, neighbour's title or address is the longest and the last. A proof can only catch what
    a theme prints of a page differently from the prototype: printed cut short (``page.title[:20]``), a title of two
    digits is, one of one digit is not, so one proof like the prototype (the third) proves nothing of the others."""
    beside = set(neighbours[members[0]])
    far = [m for m in members[2:] if m not in beside]
    picks = [
        far[0],
        max(far, key=lambda m: len(titles[m])),
        max(far, key=lambda m: len(titles[neighbours[m][0]])),
        max(far, key=lambda m: len(titles[neighbours[m][1]])),
        max(far, key=lambda m: len(urls.url(Page(m)))),
        far[-1],
    ]
    return tuple(dict.fromkeys(picks))


def _lists_pages(theme: Path | None, config_text: str) -> str:
    """The template that prints the list of the site's pages (``pages``), in which Zensical has none of the pages left out of
    its build: the theme's custom folder's (but a loop of sitemap.xml's, whose entries are made and proved), or the
    configuration's extra templates (not looked into); '' if none."""
    if re.search(r"^extra_templates:", config_text, re.M):
        return "extra_templates"
    if theme is None or not theme.is_dir():
        return ""
    for path in sorted(theme.rglob("*")):
        if not path.is_file() or path.stat().st_size > 1 << 20:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        rel = path.relative_to(theme).as_posix()
        if any(not (rel == "sitemap.xml" and _SITEMAP_LOOP.fullmatch(m[0])) for m in _PAGES.finditer(text)):
            return rel
    return ""


def _order(nav: list[Any]) -> list[str]:
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, str):
            out.append(value)

    walk(nav)
    return out


def _member(site: Site, src: str, titles: dict[str, str]) -> _Member | None:
    text = site.pages.get(src)
    title = titles.get(src)
    if text is None or title is None or not _inert(title) or not _PATH.fullmatch(src):
        return None
    front = _FRONT.match(text)
    body = text[front.end() :] if front else text
    found = converted.blocks(body)
    if found is None:
        return None
    for b in found:
        if b.form != ("raw",) and not _inert(b.text):
            return None
        if b.form[0] == "h" and int(b.form[1]) == 1 and b.text != title:
            return None
    return _Member(src, title, tuple(found))


def _shape(text: str, member: _Member) -> Any:
    front = _FRONT.match(text)
    meta = _TITLE_LINE.sub("title: -", front["meta"]) if front else ""
    return (meta, tuple(b.form for b in member.blocks))
