"""After a build, read the generated pages with a browser's HTML parser and refuse any markup that could run script.

Defence in depth: escaping (``escape.py``) and the link check already keep data text inert; this
scan proves it on the built HTML, whatever the engine (MkDocs or Zensical). In the page content
and the navigation (where data text lands) it refuses ``<script>`` (but our JSON), ``<iframe>``,
``<object>``, ``<embed>``, ``<frame>``, ``<base>``, ``<meta http-equiv>``, and anywhere on the page
event-handler attributes, ``srcdoc`` and addresses with a scheme other than http, https, mailto, tel
(or the theme's ``data:`` images), written or set by an SVG animation (``<animate>``, ``<set>``), and a title attribute
holding such markup once read (the theme's tooltips write an element's title into the page as HTML). Such a tag
written in the content but placed outside it by the
browser (content that closes its ``<article>`` early, or a tag read as text) is refused too. A hit
names the page and, when the data holds the offending text, the field it came from.

The pages are parsed by lexbor (through selectolax) into the tree a browser with scripting on
builds: what a browser reads as text (``<title>``, ``<textarea>``, comments, ``<noscript>``) is
text here too, a tag ends where a browser ends it, and the content of ``<template>`` elements is
scanned as well. Little is done in Python: one pass over the page's text finds the tags the scan
reads (which of the listed elements it has tags of, where raw text and the content are, the end
tags counted), one walk of the tree collects the attribute names it uses, and one search with
lexbor's selectors picks the elements that can hold a hit (those elements, and the ones with an
address attribute holding a ``:``, written or as a character reference) and counts the elements of
the end tags counted; only these are looked at. A page with an event-handler or ``srcdoc``
attribute anywhere (it fails the build) is looked at element by element.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..format.markup import allowed, scheme
from ..format.model import Data
from ..format.schema import fields_of
from ..format.types import Text
from ..kept import mine, prune

_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "ping", "cite", "codebase", "manifest", "lowsrc", "dynsrc"}
_NEVER_IN_CONTENT = ("script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal")
_LISTED = {*_NEVER_IN_CONTENT, "meta"}
# SVG animations that can set an element's address: <animate attributeName="href" values="javascript:...">.
_ANIMATIONS = ("animate", "set")
_ANIMATED_VALUES = ("values", "to", "from", "by")
# Elements whose content a browser reads as text up to their end tag: a tag written inside one is text.
RAW_TEXT = ("title", "textarea", "style", "script", "xmp", "noembed", "noframes", "iframe", "noscript")
# Raw-text elements that no data-free markup of ours ends but their own end tag: one end tag too many is text ending one early.
_COUNTED_ENDS = ("title", "textarea", "style")
# The start tags of a listed element, an animation or a template that the scan looks for in the page's text.
_WATCHED = {*_LISTED, *_ANIMATIONS, "template"}
# The tags the page's (lowercased) text is read for, in one pass: those, the raw-text elements' and <nav>; each name ends where
# a browser ends it. The parser makes these elements from their start tags only, so a page without one has none of them.
_TAGS = re.compile(
    rb"<(?:/(" + b"|".join(name.encode() for name in _COUNTED_ENDS) + rb")"
    rb"|(" + b"|".join(name.encode() for name in sorted({*_WATCHED, *RAW_TEXT, "nav"})) + rb"))(?=[\t\n\f\r />])"
)
_RAW_OPEN = re.compile(rb"<(" + b"|".join(name.encode() for name in RAW_TEXT) + rb")(?=[\t\n\f\r />])[^>]*>")


@dataclass(frozen=True)
class Hit:
    page: str
    what: str  # what was found, in words
    evidence: str  # the text to look for in the data


# Attributes a selector of their name matches by their local name too, whatever their prefix: lexbor's [title*="<"]
# tests an element's xlink:title (and misses its title) where it has both, so such a page is looked at element by element.
_PREFIXED = {"title", *_URL_ATTRS}


def _selector(names: set[str], elements: set[str]) -> str | None:
    """The elements that can hold a hit, given every attribute name of the tree and the listed elements and templates the
    page has tags of; None: every element can.

    >>> _selector({"class", "href"}, {"script", "meta"})
    'meta, script, [href*=":"], [href*="&"]'
    >>> _selector({"class", "onclick"}, set()) is None, _selector({"srcdoc"}, set()) is None, _selector({"xlink:href"}, set()) is None
    (True, True, True)
    >>> _selector({"title", "xlink:title"}, set()) is None  # lexbor's [title*=...] reads the prefixed one first
    True
    """
    if any(name.startswith("on") or name == "srcdoc" or (":" in name and (name in _URL_ATTRS or name.rsplit(":", 1)[1] in _PREFIXED)) for name in names):
        return None
    # An address has a scheme only if it holds a ':' once character references are read ('&colon;', '&#58;'); a title
    # is markup to the theme's tooltips only if it holds a '<' once read.
    titled = ['[title*="<"]'] if "title" in names else []
    return ", ".join([*sorted(elements), *(f'[{name}*=":"], [{name}*="&"]' for name in sorted(names & _URL_ATTRS)), *titled])


class _Page:
    """One page: its hits, and the listed elements that the browser's tree holds in the content or navigation."""

    def __init__(self, text: bytes) -> None:
        self.low = low = text.lower()
        written = tags_of(low)
        self.raw = raw_spans(low, written)  # a tag written inside a raw-text element is text
        self.tags = [(where, name) for where, end, name in written if not end and name in _WATCHED and not _within(where, self.raw)]  # (where, name)
        self.ends = Counter(name for where, end, name in written if end and name in _COUNTED_ENDS and not _within(where, self.raw))
        # A template anywhere in the tree has its start tag in the text (even where the text is read as raw text here).
        self.templates = any(name == "template" and not end for _, end, name in written)
        self.content = _content_spans(low, [where for where, end, name in written if name == "nav" and not end])
        self.found: list[tuple[str, str]] = []  # (what, evidence)
        self.in_content: Counter[str] = Counter()
        self.held: Counter[str] | None = None  # the elements of the counted end tags' names in the tree, when the walk counted them

    def walk(self, root: LexborNode, hosts: tuple[LexborNode, ...] = ()) -> None:
        """Every element of ``root`` (a page's root element, or the content of the templates ``hosts``,
        innermost first) that can hold a hit, in document order. On a page without templates, the page's walk also
        counts the elements of the names of its counted end tags (for :func:`_ended_early`): they are selected
        with the rest, and looked at too, which finds nothing in them that the selector does not select them for."""
        names: set[str] = set()
        for node in root.traverse():
            names.update(node.attributes)
        selector = _selector(names, {name for _, name in self.tags})
        # Counted here unless a template's content holds more of them, or an attribute has a prefix (xlink:title): lexbor
        # selects an attribute by its local name too, so an element that only the count selects could match another way.
        counted = set(self.ends) if not hosts and not self.templates and (selector is None or not any(":" in name for name in names)) else set()
        if selector is None:
            nodes: Iterable[LexborNode] = root.traverse()
        else:  # lexbor gives an element once for each part of the selector it matches: each looked at once
            selector = ", ".join([*([selector] if selector else []), *sorted(counted)])
            nodes = list({node.mem_id: node for node in root.css(selector)}.values()) if selector else []
        held: Counter[str] = Counter()
        for node in nodes:
            tag = (node.tag or "").lower()
            if tag in counted:
                held[tag] += 1
            inside = tag in _LISTED and _inside(node, hosts)
            self.in_content[tag] += inside
            self.found += _check(node, tag, inside)
            if tag == "template":
                for content in node.template_fragments():
                    self.walk(content, (node, *hosts))
        if counted:
            self.held = held

    def moved_out(self) -> None:
        """Listed tags written where data text lands that the tree does not hold there: the data closes its
        element early (``</nav><script>``), or the tag is text (in an attribute, a comment)."""
        written = Counter(name for where, name in self.tags if name in _LISTED and any(start <= where < end for start, end in self.content))
        for tag in sorted(written - self.in_content):
            what = f"a <{tag}> tag in the content that a browser does not read as part of it (the content closes early, or the tag is text)"
            self.found.append((what, f"<{tag}"))


def tags_of(low: bytes) -> list[tuple[int, bool, str]]:
    """The tags of the page's (lowercased) text that the scan reads, as (where, an end tag, name), in order: start tags of
    the listed elements, animations, templates, raw-text elements and ``<nav>``, and the counted end tags.

    >>> tags_of(b"<p><script src=x><nav></title ><scripts></xmp></style>")
    [(3, False, 'script'), (17, False, 'nav'), (22, True, 'title'), (46, True, 'style')]
    """
    return [(found.start(), found.group(2) is None, (found.group(1) or found.group(2)).decode()) for found in _TAGS.finditer(low)]


def _content_spans(low: bytes, navs: list[int]) -> list[tuple[int, int]]:
    """Where data text lands in a page's (lowercased) text, given where its <nav> tags start: from the first <nav>
    after the header bar to the article, the article (from the first <article> to the last </article>) and the
    footer's navigation (from the first <nav> after the article to the last </nav>); between the article and the
    footer is a script of the theme's own. A tag the data writes there lies inside, whatever end tags the data writes
    before it.

    >>> page = b"<header><nav><script></nav></header><nav>n</nav><article>a</article><script><nav>f</nav><script>"
    >>> [page[start:end] for start, end in _content_spans(page, [8, 36, 76])]
    [b'<article>a', b'<nav>n</nav>', b'<nav>f']
    """
    start, end = low.find(b"<article"), low.rfind(b"</article")
    header = max(low.find(b"</header"), 0)
    navs = [at for at in navs if at >= header]
    last_nav = low.rfind(b"</nav")
    if not 0 <= start < end:
        return [(navs[0], last_nav)] if navs else []
    before, after = [at for at in navs if at < start], [at for at in navs if at > end]
    return [(start, end), *([(before[0], start)] if before else []), *([(after[0], last_nav)] if after else [])]


def _inside(node: LexborNode, hosts: tuple[LexborNode, ...]) -> bool:
    """Whether the element is in the content or the navigation, where data text lands (not the theme's
    header bar, whose palette switch is a script of the theme's own)."""
    for parent in _ancestors(node, hosts):
        if parent.tag == "article" or (parent.tag == "nav" and "md-header" not in (parent.attributes.get("class") or "")):
            return True
    return False


def _ancestors(node: LexborNode, hosts: tuple[LexborNode, ...]) -> Iterator[LexborNode]:
    """The element's ancestors, through the templates holding it (a template content's parents end at the content)."""
    for start in (node.parent, *hosts):
        while start is not None:
            yield start
            start = start.parent


def _check(node: LexborNode, tag: str, inside: bool) -> list[tuple[str, str]]:
    values = {name: value or "" for name, value in node.attributes.items()}
    found: list[tuple[str, str]] = []
    ours = tag == "script" and values.get("type") == "application/json"
    if inside and (tag in _NEVER_IN_CONTENT or (tag == "meta" and "http-equiv" in values)) and not ours:
        shown = " ".join(f"{name}={value!r}" for name, value in values.items())[:120]
        found.append((f"a <{tag}> element in the content ({shown or 'no attributes'})", f"<{tag}"))
    for name, value in values.items():
        if name.startswith("on"):
            found.append((f"an event-handler attribute {name}={value!r} on <{tag}>", value or name))
        elif name == "srcdoc":
            found.append((f"a srcdoc attribute on <{tag}>", value))
        elif name in _URL_ATTRS and not allowed(value) and not _theme_data(tag, name, value):
            found.append((f"a {scheme(value)}: address in {name} of <{tag}>", value))
    if "<" in values.get("title", ""):  # Material's and Zensical's tooltips (content.tooltips) write it into the page as HTML
        found += [(f"a title on <{tag}> that the theme's tooltip shows as HTML, holding {what}", values["title"]) for what, _ in fragment_hits(values["title"])]
    if tag in _ANIMATIONS and _animated(values) in _URL_ATTRS:
        for name, value in values.items():
            if name.lower() in _ANIMATED_VALUES and not all(allowed(part) for part in value.split(";")):
                bad = next(part for part in value.split(";") if not allowed(part))
                found.append((f"a {scheme(bad)}: address animated into {_animated(values)} by <{tag}>", value))
    return found


def _animated(values: dict[str, str]) -> str:
    """The attribute an SVG animation sets (its attributeName, whatever case the page writes it in)."""
    return next((value.strip().lower() for name, value in values.items() if name.lower() == "attributename"), "")


def _theme_data(tag: str, name: str, value: str) -> bool:
    """The theme's own inline images and icons (data:image/svg+xml, ...) are not links."""
    return tag in ("img", "link", "source") and name in ("src", "href") and scheme(value).lower() == "data" and value[5:].lower().startswith("image/")


def raw_spans(low: bytes, written: list[tuple[int, bool, str]]) -> list[tuple[int, int]]:
    """Where a page's (lowercased) text is the content of a raw-text element, as a browser's tokenizer reads it, given
    its tags (:func:`tags_of`): from the end of ``<title>``, ``<textarea>``, ``<style>``, ``<script>``, ... to the first
    end tag of its name; a tag inside one opens none.

    >>> low = b"<title>a <script> b</title><p><script>x('<iframe>')</script>"
    >>> [low[start:end] for start, end in raw_spans(low, tags_of(low))]
    [b'a <script> b', b"x('<iframe>')"]
    """
    spans: list[tuple[int, int]] = []
    at = 0
    for where, end, name in written:
        if end or where < at or name not in RAW_TEXT or (found := _RAW_OPEN.match(low, where)) is None:
            continue
        close = low.find(b"</" + found.group(1), found.end())
        close = len(low) if close < 0 else close
        spans.append((found.end(), close))
        at = close + 1
    return spans


def _ended_early(page: _Page, root: LexborNode) -> list[tuple[str, str]]:
    """End tags of ``<title>``, ``<textarea>`` or ``<style>`` (outside the text of other raw-text elements) that
    outnumber those elements in the browser's tree: text ended one early (data holding ``</title><script>``
    in the head), and what follows it is markup. Counted over the whole page, head included (by the page's walk,
    or here through the templates' contents)."""
    written = page.ends
    if not written:
        return []
    held = page.held
    if held is None:
        held = Counter()
        roots = [root]
        while roots:
            here = roots.pop()
            for node in here.css(", ".join(sorted(written))):
                held[(node.tag or "").lower()] += 1
            roots += [content for template in here.css("template") for content in template.template_fragments()]
    what = "a </{0}> end tag with no <{0}> to end: text ended a <{0}> early, so what follows it is markup"
    return [(what.format(name), f"</{name}") for name in sorted(written) if written[name] > held[name]]


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= at < end for start, end in spans)


def _utf8(text: bytes) -> bytes:
    """A page's bytes as UTF-8, which lexbor reads: a page starting with a UTF-16 byte order mark (a hand-written page
    saved so, copied into the site as it is) is read by a browser as UTF-16, whatever its <meta charset> says, and was
    read here as bytes that hold no tag.

    >>> _utf8("\ufeff<p onclick=x>".encode("utf-16-le")), _utf8(b"<p>")
    (b'<p onclick=x>', b'<p>')
    """
    if text[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return text.decode("utf-16", errors="replace").encode("utf-8")
    return text


def scan_page(path: Path, page: str) -> list[Hit]:
    """Every hit in one built HTML file, read whole: head, navigation, content and templates."""
    text = path.read_bytes()  # read as UTF-8, as the theme's <meta charset> says
    return scan_html(text, page)


def scan_html(text: bytes, page: str) -> list[Hit]:
    text = _utf8(text)
    root = LexborHTMLParser(text, scripting=True).root
    found = _Page(text)
    if root is not None:
        found.walk(root)
        found.found += _ended_early(found, root)
    found.moved_out()
    return [Hit(page, what, evidence) for what, evidence in found.found]


def scan(site: Path, files: Callable[[Path, list[str]], list[Hit]] | None = None, memo: Memo | None = None) -> list[Hit]:
    """Every hit in every HTML file of the built ``site`` (generated, hand-written and imported pages, the theme's
    own) and in every search index the engine wrote, which the theme shows as HTML. ``files`` scans a list of
    them (default :func:`scan_files`; `build` passes one that shares them with a second process). With a ``memo``,
    a file whose exact bytes this scanner found clean before is clean again without being parsed again."""
    pages = html_files(site)
    return (files or scan_files)(site, memo.unseen(site, pages) if memo else pages) + scan_search(site, memo)


def _scanner() -> str:
    """What a clean result depends on besides the bytes: this scanner's rules (its code and the address rules), lexbor's
    version and Python's (whose ``html`` module reads the character references of an address)."""
    import selectolax

    from ..format import markup

    digest = hashlib.sha256(Path(__file__).read_bytes() + Path(markup.__file__).read_bytes())
    digest.update(str(getattr(selectolax, "__version__", "?")).encode() + b"\0" + sys.version.encode())
    return "scanner " + digest.hexdigest()


EARLIER = 3  # the memo holds the digests of the last build and of earlier ones up to three times as many


@dataclass
class Memo:
    """The digests (SHA-256) of the files this scanner found clean in the last builds that scanned clean, like
    ``make``'s timestamps but by content: the scan is a function of a file's bytes, so a file with the same bytes
    (the theme's pages, the sections an edit did not touch) is clean without being parsed again, and any change to a
    byte, to the scanner's code or to lexbor's version scans it again. A file is remembered with the rules it was read by
    (a page's, or a search index's of its name, which reads its entries only): bytes clean as one are not clean as the
    other. The last builds' worth per project (:meth:`kept`), kept in the user's
    cache folder (``generator.kept``), never in the project, whose files may come from anyone (a memo there could name
    the digest of a page its data was made to produce), and written again by each build that scanned clean; a file that
    cannot be read is an empty memo, which scans everything."""

    path: Path
    known: frozenset[str]
    scanner: str
    seen: set[str]

    @classmethod
    def load(cls, path: Path) -> Memo:
        scanner = _scanner()
        try:
            with path.open("rb") as f:
                lines = f.read().decode("ascii").splitlines() if mine(f.fileno()) else []  # another user's memo is not trusted
        except (OSError, ValueError):
            lines = []
        known = frozenset(lines[1:]) if lines[:1] == [scanner] else frozenset()
        return cls(path, known, scanner, set())

    def fresh(self, content: bytes, read_as: str = "page") -> bool:
        """Whether ``content`` needs scanning (it was not found clean before when read as ``read_as``: a page, or the
        search index of that name); it is remembered for :meth:`save`."""
        digest = hashlib.sha256(read_as.encode() + b"\0" + content).hexdigest()
        self.seen.add(digest)
        return digest not in self.known

    def unseen(self, site: Path, pages: list[str]) -> list[str]:
        """Of ``pages`` (paths inside ``site``), those to scan, in their order."""
        return [page for page in pages if self.fresh((site / page).read_bytes())]

    def kept(self) -> set[str]:
        """What :meth:`save` keeps: what this run saw, and what earlier runs saw while that is no more than :data:`EARLIER`
        times as much (a digest stays true for as long as the scanner is the same: a project built by turns with both
        engines, or an edit undone, finds its pages clean)."""
        return self.seen | self.known if len(self.known) <= EARLIER * len(self.seen) else set(self.seen)

    def save(self) -> None:
        """Keep what this run saw, to be called once its scan found nothing: written whole, then renamed into place (a
        memo that cannot be written is a full scan next time, never an error)."""
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text("\n".join([self.scanner, *sorted(self.kept())]) + "\n", encoding="ascii")
            os.replace(tmp, self.path)
            prune(self.path.parent)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()


def html_files(site: Path) -> list[str]:
    """Every HTML file of the built ``site`` (paths inside it), in the order the hits are reported. A folder removed while
    it is listed (the frames' process removes the frame's, `publish`) is left out, not an error."""
    found = []
    for folder, _, names in os.walk(site):  # os.walk passes over a folder it cannot list, as rglob does not
        found += [Path(folder, name) for name in names if name.endswith(".html")]
    return [path.relative_to(site).as_posix() for path in sorted(found) if path.is_file()]


def scan_files(site: Path, pages: Iterable[str]) -> list[Hit]:
    """Every hit in the HTML files ``pages`` (paths inside ``site``), each read whole, in that order (taken one at a time)."""
    hits: list[Hit] = []
    for page in pages:
        hits += scan_page(site / page, page)
    return hits


def halves(site: Path, pages: list[str]) -> tuple[list[str], list[str]]:
    """``pages`` in two lists of about the same bytes (the largest first, each to the lighter list), each in the given order."""
    sizes = {page: (site / page).stat().st_size for page in pages}
    weight, out = [0, 0], ([], [])  # type: tuple[list[int], tuple[list[str], list[str]]]
    for page in sorted(pages, key=lambda p: -sizes[p]):
        lighter = 0 if weight[0] <= weight[1] else 1
        weight[lighter] += sizes[page]
        out[lighter].append(page)
    order = {page: n for n, page in enumerate(pages)}
    return sorted(out[0], key=order.__getitem__), sorted(out[1], key=order.__getitem__)


def in_order(pages: list[str], *found: list[Hit]) -> list[Hit]:
    """The hits of several scans of parts of ``pages`` as one scan of all of them reports them: page by page, in order."""
    by_page: dict[str, list[Hit]] = {}
    for hits in found:
        for hit in hits:
            by_page.setdefault(hit.page, []).append(hit)
    return [hit for page in pages for hit in by_page.get(page, [])]


def scan_pages(site: Path, pages: Iterable[str]) -> list[Hit]:
    """:func:`scan` of some built pages only (paths inside ``site``: those a rebuild of `serve` wrote) and of the search indexes."""
    hits: list[Hit] = []
    for page in sorted(set(pages)):
        if (site / page).is_file():
            hits += scan_page(site / page, page)
    return hits + scan_search(site)


SEARCH_INDEXES = ("search/search_index.json", "search/search_index.js", "search.json")  # Material, its offline copy, Zensical


def scan_search(site: Path, memo: Memo | None = None) -> list[Hit]:
    """Every hit in the search indexes: each entry's title, text and breadcrumb (path) parsed as the HTML the theme makes
    of them (any listed element is a hit: nothing of the theme's own lives there), and its location as an address."""
    hits: list[Hit] = []
    for name in SEARCH_INDEXES:
        path = site / name
        if not path.is_file():
            continue
        content = path.read_bytes()
        if memo is not None and not memo.fresh(content, name):
            continue
        raw = content.decode("utf-8")
        try:
            index = json.loads(raw[raw.index("{"):] if name.endswith(".js") else raw)
        except ValueError:
            hits.append(Hit(name, "a search index that is not JSON", ""))
            continue
        for entry in index.get("docs", []) + index.get("items", []) if isinstance(index, dict) else []:
            hits += _search_entry(name, entry)
    return hits


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for part in value:
            yield from _strings(part)
    elif isinstance(value, dict):
        for part in value.values():
            yield from _strings(part)


def _search_entry(name: str, entry: object) -> list[Hit]:
    """The hits of one search entry (tens of thousands at 50,000 items, nearly all plain text: each string without a
    ``<`` is passed by one test, and the entry is named only for a hit)."""
    if not isinstance(entry, dict):
        return []
    location = entry.get("location", "")
    found = [] if not isinstance(location, str) or allowed(location) else [(f"a {scheme(location)}: location", location)]
    for key, value in entry.items():
        if key == "location":
            continue
        for text in (value,) if isinstance(value, str) else _strings(value):
            if "<" in text:
                found += [(f"{what} in the entry's {key}", evidence) for what, evidence in fragment_hits(text)]
    if not found:
        return []
    where = f"{name} ({str(location)[:80]})"
    return [Hit(where, what, evidence) for what, evidence in found]


def fragment_hits(text: str) -> list[tuple[str, str]]:
    """What ``text``, printed as HTML inside a page's body (a search entry, the theme's footer), holds that could run
    script or swallow what follows it: an element that runs or loads script, a raw-text element (``<textarea>``,
    ``<style>``...), a ``<template>``, an event handler, an address of another scheme than http(s) or mailto; as
    (what, evidence) pairs, none for plain text and safe markup (``&copy; <a href="https://...">R&D</a>``).
    """
    if "<" not in text:
        return []  # no element without a tag
    root = LexborHTMLParser(f"<body>{text}</body>", scripting=True).root
    found: list[tuple[str, str]] = []
    for node in root.traverse() if root is not None else ():
        tag = (node.tag or "").lower()
        if tag in _LISTED or tag in RAW_TEXT or tag == "template":
            found.append((f"a <{tag}> element", f"<{tag}"))
        found += _check(node, tag, False)
    return found


def _texts(data: Data) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the data, found by walking the format declaration."""
    roots: list[Any] = [*data.checklists, *data.runbook_sets, *data.statuses]
    for root in roots:
        for field, value, owner in fields_of(root):
            if isinstance(value, Text):
                yield f"'{field}' at {owner.loc}", value
        yield "the file name", root.source


def origin(data: Data, evidence: str) -> str:
    """Where in the data a piece of the page came from, when a text holds it; '' when none does."""
    needle = evidence.strip().lower()
    if len(needle) < 3:
        return ""
    for where, text in _texts(data):
        if needle in text.lower():
            return where
    return ""
