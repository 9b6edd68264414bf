"""The site's layout, decided here only: generated folders, the pages of a checklist and their blocks, reserved names, slots and URLs.

A :class:`Page` is one page by its Markdown source inside ``docs/``; :class:`Urls` (the site's URL
and URL style, bound once where the configuration is read, as MkDocs' ``structure/files.py``
``File`` binds ``use_directory_urls``) says which file the engine builds from it and its URL.
:data:`CHECKLIST_PAGES` declares every kind of page a checklist gets, with the kinds of block its
slots hold (:data:`BLOCKS`; :class:`Blocks` gives their keys); rendering (``render.py``), the page
names ids may not take, the PDFs ``pdf`` prints, a run's pages (:data:`RUN_PAGES`) and the redirects
of renamed sections all follow from it. The importer's pages (:func:`imported_page`) and the home
page (:data:`HOME`) are named here too. Nothing else spells a generated path, URL or block key, and
templates receive them (``link``, ``block``) rather than compose them; the record's file names are
``format/fold.py``'s. ``tests/test_architecture.py`` checks both.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import Issue, Loc
from ..format.fold import DEVICE_HINT, DEVICE_NAME, record_name
from ..format.model import Block, Checklist, Data, FinalSignoff, Rollback, Section, Status, place
from ..format.types import Url
from . import escape

CHECKLISTS = "checklists"  # docs/checklists/<checklist-id>/: generated, owned by the generator
RUNBOOKS = "runbooks"  # docs/runbooks/<alarm-id>.md: generated too
GENERATED_DIRS = (CHECKLISTS, RUNBOOKS)
RUNBOOK_INDEX = "index"  # docs/runbooks/index.md, the list of all alarms


@functools.lru_cache(maxsize=4096)  # pure, and asked for the same pair of pages by each of their links
def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath`` for two paths inside the same tree (docs/ or the site), worked out on the strings alone:
    the standard function asks the OS for the working folder on every call, and links are made by the ten thousand.

    >>> relative_path("checklists/c/sheets/s.md", "checklists/c"), relative_path("runbooks/r.md", "checklists/c/"), relative_path("a/b", "a/b")
    ('sheets/s.md', '../../runbooks/r.md', '.')
    >>> relative_path("index.md", ""), relative_path("checklists//c/./x.md", ".")
    ('index.md', 'checklists/c/x.md')
    """
    to = [part for part in posixpath.normpath(path).split("/") if part not in ("", ".")]
    here = [part for part in posixpath.normpath(start).split("/") if part not in ("", ".")] if start else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


@dataclass(frozen=True)
class Page:
    """One generated page; ``src`` is its Markdown source inside docs/, e.g. ``checklists/c/sheets/s.md``.

    Where the engine writes it and its URL depend on the site's URL style: ask :class:`Urls`.
    """

    src: str

    @property
    def stem(self) -> str:
        return self.src.removesuffix(".md")

    @property
    def folder(self) -> str:
        """The page's folder inside docs/ (its source's), which its relative source links start from."""
        return posixpath.dirname(self.src)

    @property
    def is_index(self) -> bool:
        return posixpath.basename(self.stem) == "index"

    def absolute_url(self, site_url: str, anchor: str = "") -> str:
        """The published URL (the URL contract uses directory URLs): under ``site_url``, or from '/'.

        >>> checklist_page("launch", "security").absolute_url("https://ops.example.com/", "jwt")
        'https://ops.example.com/checklists/launch/security/#jwt'
        """
        return f"{site_url.rstrip('/')}/{DIRECTORY_URLS.url(self)}" + (f"#{anchor}" if anchor else "")

    def link_from(self, other: Page, anchor: str = "") -> str:
        """A relative Markdown link from page ``other`` to this one, which MkDocs resolves and checks.

        >>> runbook_page("redis-down").link_from(checklist_page("launch", "security"))
        '../../runbooks/redis-down.md'
        """
        return relative_path(self.src, other.folder) + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Urls:
    """The built site's addresses: its ``site_url`` and URL style, bound once where the configuration is read.

    After MkDocs' ``File``, which binds ``use_directory_urls``: every built file and link is asked
    of this object, so the style is never passed around on its own.

    >>> p, flat = Page("checklists/c/sheets/s1.md"), Urls(directory=False)
    >>> DIRECTORY_URLS.dest(p), flat.dest(p), DIRECTORY_URLS.url(p), flat.url(p)
    ('checklists/c/sheets/s1/index.html', 'checklists/c/sheets/s1.html', 'checklists/c/sheets/s1/', 'checklists/c/sheets/s1.html')
    >>> DIRECTORY_URLS.dest(Page("checklists/c/index.md")), DIRECTORY_URLS.url(Page("checklists/c/index.md"))
    ('checklists/c/index.html', 'checklists/c/')
    """

    site_url: str = ""  # the site's absolute address ('' when mkdocs.yml has none)
    directory: bool = True  # use_directory_urls: a page is built as <name>/index.html and linked as <name>/

    @classmethod
    def of(cls, config: Any, offline: bool = False) -> Urls:
        """The addresses of a site built with the (MkDocs) ``config``; an offline site has .html URLs."""
        return cls(config["site_url"] or "", bool(config["use_directory_urls"]) and not offline)

    def dest(self, page: Page) -> str:
        """Where MkDocs (and Zensical) writes the built page, inside the site folder."""
        if not self.directory or page.is_index:
            return page.stem + ".html"
        return page.stem + "/index.html"

    def url(self, page: Page) -> str:
        """The page's URL from the site root, without the leading '/' ('' for the home page)."""
        if not self.directory:
            return self.dest(page)
        folder = posixpath.dirname(page.stem) if page.is_index else page.stem
        return f"{folder}/" if folder else ""

    def relative(self, page: Page, target: Page) -> str:
        """The URL of ``target`` relative to the built ``page``, as the browser resolves it.

        >>> old, new = Page("checklists/launch/observability.md"), Page("checklists/launch/alerting.md")
        >>> DIRECTORY_URLS.relative(old, new), Urls(directory=False).relative(old, new), DIRECTORY_URLS.relative(old, Page("checklists/launch/index.md"))
        ('../alerting/', 'alerting.html', '../')
        """
        rel = relative_path(self.dest(target), posixpath.dirname(self.dest(page)))
        if self.directory and posixpath.basename(rel) == "index.html":
            rel = posixpath.dirname(rel)
            rel = "./" if rel in ("", ".") else rel + "/"
        return rel

    def own_folder(self, page: Page) -> str | None:
        """The folder the engine makes for the built page alone (a page not named index, in directory URLs), else None."""
        return None if not self.directory or page.is_index else page.stem

    def href(self, target: str) -> str:
        """A relative source link (``name.md#anchor``) as the built site spells it.

        >>> DIRECTORY_URLS.href("security.md#jwt"), Urls(directory=False).href("security.md#jwt")
        ('security/#jwt', 'security.html#jwt')
        >>> DIRECTORY_URLS.href("index.md"), Urls(directory=False).href("index.md"), DIRECTORY_URLS.href("../x/index.md"), DIRECTORY_URLS.href("img.png")
        ('./', 'index.html', '../x/', 'img.png')
        """
        path, hash_, anchor = target.partition("#")
        if path.endswith(".md"):
            path = self.url(Page(path)) or "./"
        return path + hash_ + anchor


DIRECTORY_URLS = Urls()  # the URL contract (published URLs, exports, alarm links) and the site `pdf` prints use directory URLs


HOME = Page("index.md")  # docs/index.md: the site's home page, hand-written (init writes one), with the list of checklists


def checklist_folder(checklist_id: str) -> str:
    return f"{CHECKLISTS}/{checklist_id}"


def checklist_page(checklist_id: str, name: str) -> Page:
    """A page of a checklist by its name in the checklist's folder ('index', a section id, 'sheets/<id>', ...)."""
    return Page(f"{checklist_folder(checklist_id)}/{name}.md")


IMPORTED = "imported"  # docs/imported/<checklist-id>/<section-id>.md: prose `import` moved out of the data (hand-written pages)


def imported_page(checklist_id: str, section_id: str) -> Page:
    """Where `import` moves a section's prose over the format's limit: a page of docs/ that is the user's once written."""
    return Page(f"{IMPORTED}/{checklist_id}/{section_id}.md")


def section_page(checklist_id: str, section: Any) -> Page:
    """A section's runbook page, for code that has a section's draft (the importer) rather than the checklist."""
    return checklist_page(checklist_id, PAGE_TYPES["section"].path.format(s=section))


def data_link(checklist_id: str, page: Page, anchor: str = "") -> str:
    """A relative link to ``page`` as a checklist's data text writes it: from the checklist's folder, where its pages and blocks start.

    >>> data_link("launch", imported_page("launch", "security"), "jwt"), data_link("launch", checklist_page("launch", "security"))
    ('../../imported/launch/security.md#jwt', 'security.md')
    """
    return relative_path(page.src, checklist_folder(checklist_id)) + (f"#{anchor}" if anchor else "")


def checklists_index() -> Page:
    """The list of every checklist in data/, which hand-written pages (the home page) link to: it always exists."""
    return Page(f"{CHECKLISTS}/index.md")


def counts(c: Checklist) -> str:
    """A checklist's size in words, as the lists of all checklists show it."""
    items = list(c.section_items())
    return f"{len(c.sections)} section(s), {len(items)} item(s), {sum(1 for i in items if i.critical)} critical"


def runbook_page(runbook_id: str) -> Page:
    """An alarm's runbook page; :data:`RUNBOOK_INDEX` names the list of all of them."""
    return Page(f"{RUNBOOKS}/{runbook_id}.md")


def runbook_url(site_url: str, runbook_id: str) -> str:
    """The runbook's URL: absolute under ``site_url``, or from the site root when there is none.

    >>> runbook_url("https://ops.example.com/docs", "redis-down"), runbook_url("", "redis-down")
    ('https://ops.example.com/docs/runbooks/redis-down/', '/runbooks/redis-down/')
    """
    return runbook_page(runbook_id).absolute_url(site_url)


def variable_anchor(name: str) -> str:
    """The anchor of a variable's line under "Set first" on a runbook or rollback page (runbook pages link to it from
    the command to run first, search entries lead to it): stable as long as the commands use the name.

    >>> variable_anchor("REPLICA_ID")
    'var-replica_id'
    """
    return f"var-{name.lower()}"


# Blocks are written by our templates and nh3, which put one space before each attribute; a pattern
# that starts with that space is searched for ten times faster than one that starts with \b.
_RELATIVE = re.compile(r' (href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^"]*)"')


def relocate(block: str, base: str, page_dir: str) -> str:
    """Relative links of ``block``, written from folder ``base``, as seen from folder ``page_dir``.

    >>> relocate('<a href="security/#jwt">x</a><a href="#top">t</a>', "checklists/c", "checklists/c/sheets/security")
    '<a href="../../security/#jwt">x</a><a href="#top">t</a>'
    >>> relocate('<a href="security.html#jwt">x</a>', "checklists/c", "checklists/c")
    '<a href="security.html#jwt">x</a>'
    >>> relocate('<a href="./">overview</a>', "checklists/c", "checklists/c/packet")
    '<a href="../">overview</a>'
    """
    prefix = relative_path(base, page_dir)
    if prefix == ".":
        return block
    return _RELATIVE.sub(lambda m: f' {m.group(1)}="{prefix}/{m.group(2).removeprefix("./")}"', block)


# A heading's opening or closing tag in a block, h1 to h5. Every '<' of a block is our markup: data text is escaped as its
# kind says (escape.py), and the HTML an item's text or details become is cleaned to a few tags, no heading among them.
_HEADING = re.compile(r"<(/?)h([1-5])(?=[\s>])")


def nested(block: str) -> str:
    """``block`` with its headings one level down (<h1> an <h2>, <h2> an <h3> ...): a sheet in the packet, under the
    cover's title, the page's one <h1> (screen readers' list of headings, a PDF's outline). A sheet's own page holds
    the same block as it is: its title is that page's <h1>. The look does not change with the level (checklist.css and
    paper.css style a sheet's headings by their class).

    >>> nested('<h1 class="cl-sheet-title">Section 1</h1><h2 class="g">1.1 <code>h1</code></h2>')
    '<h2 class="cl-sheet-title">Section 1</h2><h3 class="g">1.1 <code>h1</code></h3>'
    """
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", block)


def under_cover(keys: tuple[str, ...]) -> list[bool]:
    """Which blocks of a framed page go a heading level down (:func:`nested`): on a page that holds a cover (a packet),
    every block but those that open the packet at its own levels: the cover, whose title is the blank packet's <h1>, and
    the filled packet's minutes, before its cover, which write that <h1> first (the same words; the cover's title is then
    no heading) and their own title an <h2>; on a sheet's page, none.

    >>> under_cover(("checklists/c:page-packet", "checklists/c:filled-minutes", "checklists/c:filled-cover", "checklists/c:sheet-s"))
    [True, False, False, True]
    >>> under_cover(("checklists/c:page-sheets/s", "checklists/c:sheet-s"))
    [False, False]
    """
    names = [key.partition(":")[2].rpartition("/")[2].removeprefix(FILLED) for key in keys]
    opening = (BLOCKS["cover"].name, BLOCKS["minutes"].name)  # the blocks that write their headings at the packet's levels
    return [BLOCKS["cover"].name in names and name not in opening for name in names]


# Slots: a Markdown page holds one for each finished HTML block (paper.py); assemble.py fills it.
SLOT_MARK = '<div class="cl-slot"'
SLOT = re.compile(r'<div class="cl-slot" data-block="([^"]+)">.*?</div>', re.DOTALL)


HOME_LIST = f"{CHECKLISTS}:all-checklists"  # the block of every checklist, for a slot in a hand-written page


def block_key(checklist_id: str, name: str) -> str:
    """The key of a block; the part before ':' is the folder its relative links start from.

    >>> block_key("launch", "sheet-security")
    'checklists/launch:sheet-security'
    """
    return f"{checklist_folder(checklist_id)}:{name}"


# The kinds of block a checklist has (finished HTML: paper.py, lists.py), each named by a format over its
# subject ``s``; a page type says which it holds (``PageType.holds``) and :class:`Blocks` gives their keys.
@dataclass(frozen=True)
class BlockType:
    name: str  # "sheet-{s.id}": inside the checklist's part of the key
    of_run: bool = False  # a run's own pages (runs/<run>/) hold their own, else every page holds the checklist's


BLOCKS: dict[str, BlockType] = {
    "cover": BlockType("cover", of_run=True),  # the packet's cover
    "minutes": BlockType("minutes", of_run=True),  # the filled packet's first sheet: the meeting's minutes
    "sheet": BlockType("sheet-{s.id}", of_run=True),  # a section's, part's or rollback's sheet: in the packet and on its sheet page
    "sheet-final": BlockType("sheet-final-signoff", of_run=True),  # the final sign-off's sheet
    "critical-summary": BlockType("critical-summary", of_run=True),  # the critical items' sheet
    "blockers": BlockType("blockers", of_run=True),  # the readiness page's list of what blocks the launch
    "progress-table": BlockType("progress-table", of_run=True),  # the readiness page's progress by section
    "sections-table": BlockType("sections-table"),  # the overview's table of sections
    "critical": BlockType("critical-{s.id}"),  # a section's critical items, on the critical items page
    "items": BlockType("items-{s}"),  # a group's lists under its heading (s: the group's id), or the overview's instructions
    "sections-json": BlockType("sections-json"),  # the sections' item ids for the ticking script, on the overview
    "record-json": BlockType("record-json"),  # what the Record panel checks its entries against, on every page with tick boxes
    "page": BlockType("page-{s}"),  # a framed page's own content (s: its name), written into its frame
}
FILLED = "filled-"  # before the name of a filled packet's block


@dataclass(frozen=True)
class Blocks:
    """The keys of a checklist's blocks, as code and templates ask for them: ``block("sheet", section)``;
    with ``run``, as a run's own pages (runs/<run>/) hold them.

    >>> from types import SimpleNamespace
    >>> block = Blocks("launch", run="second")
    >>> block("blockers"), block("sheet", SimpleNamespace(id="auth"), filled=True), block("record-json")
    ('checklists/launch:runs/second/blockers', 'checklists/launch:runs/second/filled-sheet-auth', 'checklists/launch:record-json')
    """

    checklist_id: str
    run: str = ""

    def __call__(self, kind: str, subject: Any = None, filled: bool = False) -> str:
        block = BLOCKS[kind]
        where = f"{RUNS_FOLDER}/{self.run}/" if self.run and block.of_run else ""
        return block_key(self.checklist_id, where + (FILLED if filled else "") + block.name.format(s=subject))

    def packet(self, c: Checklist, filled: bool) -> list[tuple[str, str]]:
        """The packet's blocks in order, each with the title a slot gives it ('' for a sheet, which has its own):
        the minutes (filled in only), the cover, then the sheet of every page of :data:`PACKET`'s types."""
        out = [(self("minutes", filled=True), "Minutes of the launch meeting")] if filled else []
        out.append((self("cover", filled=filled), c.title))
        for kind in (PAGE_TYPES[key] for key in PACKET):
            out += [(self(kind.sheet, subject, filled=filled), "") for subject, _ in kind.pages(c)]
        return out


def block_base(key: str) -> str:
    """The folder a block's relative links are written from."""
    return key.split(":", 1)[0]


_STAND_IN = '<span id="{}"></span>'  # an anchor standing in for its block
STAND_IN = re.compile(_STAND_IN.format('([^"]+)'))


def slot(key: str, title: str = "", anchors: Iterable[str] = (), links: Iterable[str] = ()) -> str:
    """The raw-HTML slot a Markdown page holds for a block. A title keeps the theme from adding one.

    ``anchors`` and ``links`` stand in for the block while the engine builds: its ids as empty
    spans, and its relative source links (``guide.md#x``, from the page's folder) as empty
    Markdown links inside the slot, so the engine checks links to and from the block as it
    checks the page's own. Filling the slot replaces them all.

    >>> slot("checklists/c:items-auth", anchors=["jwt"])
    '<div class="cl-slot" data-block="checklists/c:items-auth"><span id="jwt"></span></div>'
    >>> slot("checklists/c:items-auth", links=["guide.md#x y"])
    '<div class="cl-slot" data-block="checklists/c:items-auth" markdown>\\n\\n[](<guide.md#x%20y>)\\n\\n</div>'
    """
    heading = f"<h1>{escape.attr_text(title)}</h1>" if title else ""
    spans = "".join(_STAND_IN.format(html.escape(a)) for a in anchors)
    links = list(links)
    if not links:
        return f'{SLOT_MARK} data-block="{html.escape(key)}">{heading}{spans}</div>'
    targets = " ".join(f"[](<{escape.markdown(Url(url))}>)" for url in links)
    return f'{SLOT_MARK} data-block="{html.escape(key)}" markdown>\n\n{heading}{spans}{targets}\n\n</div>'


def has_slot(text: str) -> bool:
    return SLOT_MARK in text


def markdown_slots(text: str) -> Iterator[tuple[str | None, int, int]]:
    r"""The slots a hand-written page's Markdown holds as HTML: (the block it names, its line, its column); the block is
    None for a ``<div>`` of class cl-slot written otherwise than :data:`SLOT` reads it (other quotes, another order of
    attributes), which the build would leave empty. A slot shown as code (a fenced or indented block, inline code: a
    page telling how to write one) is none, as the built page shows it as text; in an HTML block or inline HTML, it is.

    >>> list(markdown_slots('Write `<div class="cl-slot" data-block="x"></div>`:\n\n<div class="cl-slot" data-block="a&#58;b"></div>\n'))
    [('a:b', 3, 1)]
    >>> list(markdown_slots("Here: <div data-block='a:b' class='cl-slot'></div>"))
    [(None, 1, 7)]
    """
    if "cl-slot" not in text:
        return
    html_lines: set[int] = set()
    inline: dict[int, set[str]] = {}  # a paragraph's lines -> the HTML tags written in it
    for token in _commonmark().parse(_containers_opened(text)):
        if token.map is None:
            continue
        if token.type == "html_block":
            html_lines.update(range(*token.map))
        elif token.type == "inline":
            tags = {child.content for child in token.children or [] if child.type == "html_inline"}
            inline.update(dict.fromkeys(range(*token.map), tags))
    for tag in _SLOT_LIKE.finditer(text):
        at = tag.start()
        line = text.count("\n", 0, at)
        if line in html_lines or tag.group(0) in inline.get(line, ()):
            slot = SLOT.match(text, at)
            yield html.unescape(slot.group(1)) if slot else None, line + 1, at - text.rfind("\n", 0, at)


def _containers_opened(text: str) -> str:
    r"""``text`` with the bodies of Material's containers (admonitions ``!!!``, details ``???``, content tabs ``===``, whose
    bodies are indented by four spaces) taken back to their container's margin, line for line, so that CommonMark reads
    them as Python-Markdown does: as Markdown, not as indented code.

    >>> _containers_opened('!!! note\n\n    <div class="x"></div>\n\n    ```html\n    code\n    ```\nafter')
    '!!! note\n\n<div class="x"></div>\n\n```html\ncode\n```\nafter'
    """
    out: list[str] = []
    margins: list[int] = []  # the indentation of the open containers' bodies
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        if line.strip():
            while margins and indent < margins[-1]:
                margins.pop()
        cut = min(indent, margins[-1]) if margins else 0
        out.append(line[cut:])
        opener = _CONTAINER.match(line)
        if opener:
            margins.append(len(opener.group(1)) + 4)
    return "\n".join(out)


_CONTAINER = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===)\s")  # pymdownx: admonition, details, tabbed
_SLOT_LIKE = re.compile(r"<div\b[^>]*\bcl-slot\b[^>]*>", re.IGNORECASE)  # any <div> of the slot's class, however written


@functools.lru_cache(maxsize=1)
def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


# The pages of a checklist.
Subjects = Callable[[Checklist], Iterable[Any]]


def _once(c: Checklist) -> tuple[Checklist]:
    return (c,)


def _always(_: Status | None) -> bool:
    return True


def has_progress(status: Status | None) -> bool:
    """Whether anything is recorded: a filled packet of an empty status would be the blank one again."""
    return status is not None and bool(status.items or status.signoffs or status.approvals or status.decision)


@dataclass(frozen=True)
class PageType:
    """A kind of page in a checklist's folder, rendered by its template once per subject.

    ``path``, ``title`` and ``pdf`` are format strings over ``c`` (the checklist) and ``s`` (the
    subject): a section, a part, the checklist itself, ...
    """

    key: str  # how templates link to it: link("sheet-section", section)
    path: str  # inside the checklist's folder, without .md: "index", "{s.id}", "sheets/{s.id}"
    template: str  # in generator/site/templates/
    title: str = ""  # in the navigation
    each: Subjects = _once  # the subjects: one page for each
    subject: str = ""  # the name the template knows the subject by
    nav: Literal["pages", "paper", ""] = "pages"  # the checklist's pages, the paper after them, or none (linked from its page)
    when: Callable[[Status | None], bool] = _always  # made only when the checklist's status says so
    filled: bool = False  # paper filled in from the status (the template's ``fill``)
    pdf: str = ""  # the PDF's name when `pdf` prints this page ('' for none)
    renamed: bool = False  # the subject's former_ids redirect here
    framed: bool = False  # paper the engine never builds: the generator writes it into the theme's frame (publish/frames.py);
    # one in the navigation (the packets) keeps its entry there, and its previous and next pages, as the engines give them
    sheet: str = ""  # the kind of block (:data:`BLOCKS`) that is the page's sheet, which the packet holds too
    holds: tuple[str, ...] = ()  # the kinds of block its page's slots hold (a framed page: the blocks its content is made of)
    anchors: tuple[str, ...] = ()  # the anchors its template gives its own headings ({#legend}), which no id shown on it may take

    def name(self, c: Checklist, subject: Any) -> str:
        return self.path.format(c=c, s=subject)

    def pages(self, c: Checklist) -> Iterator[tuple[Any, Page]]:
        for subject in self.each(c):
            yield subject, checklist_page(c.id, self.name(c, subject))


def _sections(c: Checklist) -> Iterable[Any]:
    return c.sections


def _parts(c: Checklist) -> Iterable[Any]:
    return c.parts


def _final(c: Checklist) -> Iterable[Any]:
    return (c.final_signoff,) if c.final_signoff else ()


def _rollback(c: Checklist) -> Iterable[Any]:
    return (c.rollback,) if c.rollback else ()


_TICKS = ("record-json",)  # a page with tick boxes (templates/_tick.md.jinja)
_PACKET = ("minutes", "cover", "sheet", "critical-summary", "sheet-final")
CHECKLIST_PAGES: tuple[PageType, ...] = (
    PageType("overview", "index", "overview.md.jinja", "Overview", holds=("items", "sections-json", "sections-table", *_TICKS),
             anchors=("how-to-use", "legend", "sections", "more")),
    PageType("section", "{s.id}", "section.md.jinja", "{s.heading}", each=_sections, subject="section", renamed=True, holds=("items", *_TICKS)),
    PageType("critical", "critical", "critical.md.jinja", "Critical items", holds=("critical",)),
    PageType("readiness", "readiness", "readiness.md.jinja", "Launch readiness", holds=("blockers", "progress-table", *_TICKS)),
    PageType("final-signoff", "final-signoff", "final-signoff.md.jinja", "{s.title}", each=_final, subject="final", holds=_TICKS),
    PageType("part", "{s.id}", "part.md.jinja", "{s.title}", each=_parts, subject="part", holds=("items", *_TICKS)),
    PageType("rollback", "{s.id}", "rollback.md.jinja", "{s.title}", each=_rollback, subject="rollback", anchors=("steps", "variables")),
    PageType("packet", "packet", "packet.html.jinja", "Launch-meeting packet", nav="paper", pdf="{c.id}-packet", framed=True, holds=_PACKET),
    PageType("packet-filled", "packet-filled", "packet.html.jinja", "Packet, filled in", nav="paper", when=has_progress, filled=True,
             pdf="{c.id}-packet-filled", framed=True, holds=_PACKET),
    PageType("sheet-section", "sheets/{s.id}", "sheet-section.html.jinja", each=_sections, subject="section", nav="", renamed=True,
             pdf="{c.id}-{s.number:02d}-{s.id}", framed=True, sheet="sheet", holds=("sheet",)),
    PageType("sheet-final", "sheets/final-signoff", "sheet-final.html.jinja", each=_final, subject="final", nav="", pdf="{c.id}-final-signoff", framed=True,
             sheet="sheet-final", holds=("sheet-final",)),
    PageType("sheet-rollback", "sheets/{s.id}", "sheet-rollback.html.jinja", each=_rollback, subject="rollback", nav="", pdf="{c.id}-{s.id}", framed=True,
             sheet="sheet", holds=("sheet",)),
    PageType("sheet-critical", "sheets/critical", "sheet-critical.html.jinja", nav="", pdf="{c.id}-critical-items", framed=True, sheet="critical-summary",
             holds=("critical-summary",)),
    PageType("sheet-part", "sheets/{s.id}", "sheet-part.html.jinja", each=_parts, subject="part", nav="", pdf="{c.id}-{s.id}", framed=True, sheet="sheet",
             holds=("sheet",)),
)
PAGE_TYPES = {kind.key: kind for kind in CHECKLIST_PAGES}
PACKET = ("sheet-section", "sheet-critical", "sheet-final", "sheet-part", "sheet-rollback")  # the packet's sheets after its cover, in order
FRAME_NAME = "sheets/_frame"  # the one page of paper the engine builds: the framed kinds' frame ('_' is never in an id)
FRAME_TITLE = "clframetitle"  # the frame's title: letters only, so every engine and filter keeps it as it is
FRAME_CONTENT = '<div class="cl-frame-content"><h1></h1></div>'  # the frame's content; its <h1> keeps the theme from adding one


def frame_of(page: Page) -> Page:
    """The frame page the engine builds for a framed page: its checklist's, in the sheets' folder (a page elsewhere,
    a packet, gets it with its relative addresses moved: ``publish.frames.rebase``).

    >>> frame_of(checklist_page("launch", "sheets/security")).src
    'checklists/launch/sheets/_frame.md'
    """
    return checklist_page(page.src.split("/")[1], FRAME_NAME)


def frame_title(page: Page) -> str:
    """A framed page's title, by MkDocs' rule for a page without one (``structure/pages.py``): from its file name.

    >>> frame_title(checklist_page("launch", "sheets/final-signoff"))
    'Final signoff'
    """
    title = posixpath.basename(page.stem).replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def page_block(c: Checklist, kind: PageType, subject: Any, run: str = "") -> str:
    """The key of a framed page's own block (its print hint and, for a sheet, its sheet), filled into its frame after the build;
    ``run``: a run's own page (runs/<run>/)."""
    return Blocks(c.id, run)("page", f"{RUNS_FOLDER}/{run}/{kind.path}" if run else kind.name(c, subject))


def framed_content(c: Checklist, kind: PageType, subject: Any, run: str = "") -> tuple[str, ...]:
    """The blocks a framed page's content is made of, in order: its own block (the print hint), then its sheet (a sheet's
    page) or the packet's blocks (a packet). The sheet is the packet's block, not a copy of it in the page's own block:
    at 10,000 items the copies were a third of all the blocks' bytes, made, sent, kept and read again with them."""
    own = page_block(c, kind, subject, run)
    if kind.sheet:
        return (own, Blocks(c.id, run)(kind.sheet, subject))
    return (own, *(key for key, _ in Blocks(c.id, run).packet(c, kind.filled)))


def page_of(c: Checklist, key: str, subject: Any = None) -> Page:
    """The page of kind ``key`` (see :data:`CHECKLIST_PAGES`) for ``subject`` (default: the checklist)."""
    kind = PAGE_TYPES[key]
    return checklist_page(c.id, kind.name(c, c if subject is None else subject))


def item_page_name(c: Checklist, block: Block | None) -> str:
    """The name of the page an item is on (see :func:`item_page`), as the Record panel's manifest gives it."""
    if block is None:
        return PAGE_TYPES["overview"].name(c, c)
    return PAGE_TYPES["section" if isinstance(block, Section) else "part"].name(c, block)


def item_page(c: Checklist, block: Block | None) -> Page:
    """The page an item is on: its section's or part's runbook page, or (``None``: an instruction) the overview."""
    return checklist_page(c.id, item_page_name(c, block))


def blocker_page(c: Checklist, subject: Section | FinalSignoff) -> Page:
    """The page where a blocker of the launch is resolved: its section's page, or the final sign-off."""
    return page_of(c, "section" if isinstance(subject, Section) else "final-signoff", subject)


def blocker_link(c: Checklist, subject: Section | FinalSignoff, anchor: str) -> str:
    """:func:`blocker_page` as a source link from the checklist's folder, where blocks' links start (a critical item's, too)."""
    return blocker_page(c, subject).link_from(page_of(c, "overview"), anchor)


def blocker_href(c: Checklist, subject: Section | FinalSignoff, anchor: str, urls: Urls) -> str:
    """:func:`blocker_page` as the built readiness page links it (the live meeting's list of blockers, set by its script).

    >>> from types import SimpleNamespace
    >>> from generator.format.model import Section
    >>> c, s = SimpleNamespace(id="launch"), Section(id="security", title="Security", groups=())
    >>> blocker_href(c, s, "jwt", DIRECTORY_URLS), blocker_href(c, s, "jwt", Urls(directory=False)), blocker_href(c, s, "", DIRECTORY_URLS)
    ('../security/#jwt', 'security.html#jwt', '../security/')
    """
    return urls.relative(page_of(c, "readiness"), blocker_page(c, subject)) + (f"#{anchor}" if anchor else "")


def linker(c: Checklist, here: Page) -> Callable[..., str]:
    """The templates' ``link(key, subject=None, anchor="")``: a relative link from ``here`` to a page of ``c``.

    >>> from types import SimpleNamespace
    >>> link = linker(SimpleNamespace(id="c"), checklist_page("c", "sheets/s1"))
    >>> link("packet"), link("overview", anchor="top")
    ('../packet.md', '../index.md#top')
    """

    def link(key: str, subject: Any = None, anchor: str = "") -> str:
        return page_of(c, key, subject).link_from(here, anchor)

    return link

RUNS_FOLDER = "runs"  # a checklist's folder of launch history and run pages, made once a run is started
RUN_PAGES = ("readiness", "packet-filled")  # the page types a run gets its own of, in runs/<run>/


def runs_index(checklist_id: str) -> Page:
    """The launch history: the page comparing a checklist's runs."""
    return checklist_page(checklist_id, f"{RUNS_FOLDER}/index")


def run_page(checklist_id: str, run: str, key: str) -> Page:
    """A run's own page of kind ``key`` (one of :data:`RUN_PAGES`), by the run's name in URLs.

    >>> run_page("launch", "second", "packet-filled").src
    'checklists/launch/runs/second/packet-filled.md'
    """
    return checklist_page(checklist_id, f"{RUNS_FOLDER}/{run}/{PAGE_TYPES[key].path}")

# Names in a checklist's folder that its pages take whatever the data says; ids may not take them.
RESERVED_PAGES: frozenset[str] = frozenset(t.path.split("/")[0] for t in CHECKLIST_PAGES if not t.path.split("/")[0].startswith("{"))
# Names in runbooks/ the generator takes for itself.
RESERVED_RUNBOOKS: frozenset[str] = frozenset({RUNBOOK_INDEX})


def printed_pages(c: Checklist, filled: bool = False) -> list[tuple[Page, str, str]]:
    """What `pdf` prints of a checklist, with each PDF's name and the id of the page's sheet in the packet (:func:`sheet_id`;
    '' for a packet): the blank packet and every sheet, or the filled-in packet."""
    return [
        (page, t.pdf.format(c=c, s=subject), sheet_id(t, subject)) for t in CHECKLIST_PAGES if t.pdf and t.filled == filled for subject, page in t.pages(c)
    ]


def sheet_id(kind: PageType, subject: Any) -> str:
    """The id of the sheet on a sheet's page, as the packet holds it too (``#sheet-<id>``: _sheets.html.jinja's sheet_open):
    its subject's id (a section's, a part's, the rollback's), or the critical items' and the final sign-off's own (:data:`SHEET_IDS`);
    '' for a page that is no sheet (a packet).

    >>> sheet_id(PAGE_TYPES["sheet-critical"], None), sheet_id(PAGE_TYPES["packet"], None)
    ('critical-items', '')
    """
    if not kind.sheet:
        return ""
    own = {"critical-summary": SHEET_IDS["critical"], "sheet-final": SHEET_IDS["final"]}
    return own.get(kind.sheet) or str(subject.id)


def renamed_pages(c: Checklist) -> dict[str, str]:
    """Old page -> new page (sources inside docs/) for each former id of a renamed page's subject, for mkdocs-redirects.

    The paths of page types marked ``renamed`` name their subject by ``{s.id}`` only.
    """
    redirects: dict[str, str] = {}
    for t in CHECKLIST_PAGES:
        for subject, page in t.pages(c) if t.renamed else ():
            for former in subject.former_ids:
                redirects[checklist_page(c.id, t.name(c, _Former(former))).src] = page.src
    return redirects


@dataclass(frozen=True)
class _Former:
    id: str


def check(data: Data) -> Iterator[Issue]:
    """Ids that would take the name of a page the generator makes (in a checklist's folder, or in runbooks/); ids that
    name a page or folder Windows cannot make (a warning: a build there fails)."""
    for c in data.checklists:
        named = [(s.id, s.loc) for s in c.sections] + [(f, s.loc) for s in c.sections for f in s.former_ids]
        named += [(p.id, p.loc) for p in c.parts] + ([(c.rollback.id, c.rollback.loc)] if c.rollback else [])
        reserved = RESERVED_PAGES | ({RUNS_FOLDER} if data.runs_of(c.id) else set())  # runs/: the history and each run's pages
        for ident, loc in named:
            if ident in reserved:
                yield Issue(loc, f"id '{ident}' is reserved for a page the generator makes", f"choose another id than {', '.join(sorted(reserved))}")
        pages = "a page and its folder of the site"
        own = f"its record folder ({record_name(c.id)}/), its status file and its folder of the site"
        yield from _devices([(c.id, c.loc, own), *((i, loc, pages) for i, loc in named)])
        yield from anchors_taken(c)
    for runbook in data.runbooks:
        for ident in (runbook.id, *runbook.former_ids):
            if ident in RESERVED_RUNBOOKS:
                what = f"runbook {'id' if ident == runbook.id else 'former id'} '{ident}'"
                hint = "choose another id; every runbook id names a page under runbooks/"
                yield Issue(runbook.loc, f"{what} is reserved for the list of all alarms (/{RUNBOOKS}/)", hint)
        yield from _devices([(ident, runbook.loc, "a page and its folder of the site") for ident in (runbook.id, *runbook.former_ids)])
        yield from _variable_anchors(runbook.variables, (), f"runbook '{runbook.id}'")


# The packet's own sheets (sheet-cover...; a section's, a part's and the rollback's are sheet-<id>), by what templates call them.
SHEET_IDS = {"minutes": "minutes", "cover": "cover", "critical": "critical-items", "final": "final-signoff"}
PAPER_IDS = {ident: what.replace("final", "final sign-off") for what, ident in SHEET_IDS.items()}

# The ids every generated page may hold of its own: the map of moved ids (templates/_header.md.jinja), which the landing
# script finds by its id, and the overview's ids of the sections (lists.py).
PAGE_IDS = ("cl-moved", "cl-sections")


def taken_anchors() -> frozenset[str]:
    """Every anchor some page takes for itself, whichever page an id lands on: what ``import`` never makes an id of."""
    return frozenset({*PAGE_IDS, *PAPER_IDS, *(a for kind in CHECKLIST_PAGES for a in kind.anchors)})


def _ids(obj: Any, what: str) -> list[tuple[str, str, Loc]]:
    """An object's id and former ids, each at its place: (id, what it names, where)."""
    former = getattr(obj, "former_ids", ())
    return [(obj.id, what, place(obj, "id")), *((f, f"former id of {what}", place(obj, "former_ids")) for f in former)]


def _shown(c: Checklist) -> Iterator[tuple[str, list[tuple[str, str, Loc]]]]:
    """The key of each page type ids of the data are shown on, with those ids: (id, what it names, where)."""
    yield "overview", [x for item in c.instructions for sub in item.walk() for x in _ids(sub, "an item")]
    for block in c.blocks:
        ids: list[tuple[str, str, Loc]] = []
        for group in block.groups:
            ids += _ids(group, "a group") + [x for listed in group.lists for x in _ids(listed, "a list")]
            ids += [x for item in group.all_items() for x in _ids(item, "an item")]
        yield ("section" if isinstance(block, Section) else "part"), ids
    if c.final_signoff:
        final = c.final_signoff
        ids = _ids(final.approval, "the approval table") + _ids(final.decision, "the decision")
        ids += [x for role in final.approval.roles for x in _ids(role, "a role")] + [x for o in final.decision.options for x in _ids(o, "an option")]
        yield "final-signoff", ids
    if c.rollback:
        yield "rollback", [x for step in c.rollback.steps for x in _ids(step, "a step")]


def anchors_taken(c: Checklist) -> Iterator[Issue]:
    """An id of the data that takes an anchor its page gives something else: a heading of the page's own ({#legend} on the
    overview, {#steps} on the rollback page), the map of moved ids, a variable's line (#var-service), a sheet of the packet
    (sheet-cover): the page held that id twice, and a link to the item landed on the first (the packet printed the section
    'cover' in the cover's page style). Two variables whose names differ in letter case only share their line's anchor."""
    for key, ids in _shown(c):
        headings = PAGE_TYPES[key].anchors
        own = {*headings, *PAGE_IDS}
        for ident, what, loc in ids:
            if ident in own:
                mine = "a heading of the page's own" if ident in headings else "the page's own script"
                hint = f"choose another id than {', '.join(sorted(own))}: a link to '#{ident}' lands on the first element of that id"
                yield Issue(loc, f"id '{ident}' of {what} is the anchor of {mine} (#{ident})", hint)
    sheeted: list[Block | Rollback] = [*c.blocks, *([c.rollback] if c.rollback else [])]  # each has a sheet, #sheet-<id>
    for block in sheeted:
        if block.id in PAPER_IDS:
            hint = f"choose another id than {', '.join(sorted(PAPER_IDS))}: the packet would print this page in that sheet's page style"
            yield Issue(place(block, "id"), f"id '{block.id}' is the anchor of the packet's {PAPER_IDS[block.id]} sheet (#sheet-{block.id})", hint)
    if c.rollback:
        yield from _variable_anchors(c.rollback.variables, c.rollback.steps, f"the rollback procedure of '{c.id}'")


def _variable_anchors(variables: Iterable[Any], steps: Iterable[Any], what: str) -> Iterator[Issue]:
    """Variables of one page whose lines would take one anchor (names in another letter case), or that a step's id takes."""
    seen: dict[str, Any] = {}
    for variable in variables:
        anchor = variable_anchor(variable.name)
        if anchor in seen and seen[anchor].name != variable.name:
            yield Issue(place(variable, "name"), f"variables '{seen[anchor].name}' and '{variable.name}' of {what} would share one anchor (#{anchor})",
                        f"the first is at {place(seen[anchor], 'name')}; name them apart by more than letter case")
        seen.setdefault(anchor, variable)
    for step in steps:
        if step.id in seen:
            yield Issue(place(step, "id"), f"step id '{step.id}' is the anchor of variable '{seen[step.id].name}' of {what}", "choose another id for the step")


def _devices(named: list[tuple[str, Any, str]]) -> Iterator[Issue]:
    """An error for each id that names a page, a folder or a file (a checklist's record folder, 'data/aux.record/',
    committed to git) that Windows keeps for a device (con, aux, nul...): a teammate's checkout there fails (git:
    invalid path), as a build there does. Ids import makes are never such names (``exchange.walk``)."""
    for ident, loc, names in named:
        if DEVICE_NAME.fullmatch(ident):
            yield Issue(loc, f"id '{ident}' names {names}, {DEVICE_HINT}", f"choose another id, e.g. '{ident}-1' or a word for what it holds")
