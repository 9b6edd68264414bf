"""PDFs of the printable sheets, rendered from the built site by headless Chromium, pages broken by measure."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import files
from ..errors import BuildError
from ..format.model import Checklist
from ..programs import find_program
from ..site.layout import DIRECTORY_URLS, printed_pages

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
PAPER = {"a4": "A4", "letter": "Letter"}
PAPER_MM = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
# The page margins of overrides/assets/stylesheets/paper.css (@page), top, right, bottom, left.
MARGINS_MM = (17.0, 14.0, 16.0, 14.0)
SLACK_MM = 4.0  # kept free at the foot of each page: measured layout and printed layout differ by a line at most
PX_PER_MM = 96 / 25.4


@dataclass(frozen=True)
class Job:
    url_path: str  # inside the site, e.g. checklists/realserv-launch/packet/index.html
    out_name: str
    filled: bool = False
    sheet: str = ""  # a sheet's page: the id of its sheet (data-sheet), which the packet holds too
    packet: str = ""  # ... and the packet that holds it (url_path): printed from there when that packet is printed first


@dataclass(frozen=True)
class Unit:
    """A piece of a sheet that must not split, as laid out on one endless page (CSS px)."""

    top: float  # including its top margin
    bottom: float
    kind: str = ""  # "keep": stays with the next unit; "tail": stays with the previous one
    group: str = ""  # the title of the group it belongs to ('' outside groups)
    head: float = 0.0  # height of the table head a split table repeats before it (rows only)


@dataclass(frozen=True)
class Break:
    unit: int  # a new page starts at this unit
    continued: str  # the group title to repeat under "(continued)", or ''
    inside: bool = field(default=False, repr=False)  # a page ends inside this unit, taller than a page, where Chromium splits it: counted, not applied


# The page breaks inside a unit taller than a page, and the height it takes on its last page, given its index and the room
# left for it on its first page (paginate's ``flow``).
Flow = Callable[[int, float], tuple[int, float]]


def content_size(paper: str) -> tuple[float, float]:
    """Width and height of a page's printable area in CSS px.

    >>> [round(x) for x in content_size("a4")]
    [688, 998]
    """
    width, height = PAPER_MM[paper]
    top, right, bottom, left = MARGINS_MM
    return (width - left - right) * PX_PER_MM, (height - top - bottom) * PX_PER_MM


def paginate(units: list[Unit], height: float, heading: float, flow: Flow | None = None) -> list[Break]:
    """Where pages break inside one sheet: before the first unit that would pass the foot of the page,
    moved back so a "keep" unit stays with its next and a "tail" unit with its previous one. A group
    splits between items under a "(continued)" title of ``heading`` height, unless it is short (a
    third of a page at most) and the page is half full: then it starts the next page whole. A unit taller
    than a page (the critical items' columns) flows on from where it stands: a page of its own would leave
    the one before it empty; the pages it spans are counted (``inside``), for the contents' page numbers:
    by ``flow`` where given (the unit's index and the room left for it on its first page: the page breaks
    inside it and the height it takes on its last page), else by its height.

    >>> units = [Unit(0, 10, "keep", "g"), *(Unit(10 * i, 10 * i + 10, "", "g") for i in range(1, 9)), Unit(90, 110, "tail", "g")]
    >>> paginate(units, 50, 5)
    [Break(unit=5, continued='g'), Break(unit=8, continued='g')]
    >>> big = [Unit(0, 10, "keep", "a"), *(Unit(10 * i, 10 * i + 10, "", "a") for i in range(1, 14)), Unit(140, 150, "tail", "a")]
    >>> short = [Unit(150, 160, "keep", "b"), Unit(160, 170, "", "b"), Unit(170, 180, "", "b"), Unit(180, 190, "", "b"), Unit(190, 210, "tail", "b")]
    >>> paginate(big + short, 200, 5)
    [Break(unit=15, continued='')]
    >>> [(b.unit, b.inside) for b in paginate([Unit(0, 30, "keep"), Unit(30, 250), Unit(250, 270)], 100, 5)]
    [(1, True), (1, True)]
    """
    breaks: list[Break] = []
    if not units:
        return breaks
    page_top, first = units[0].top, 0
    for i, unit in enumerate(units):
        if unit.bottom - page_top <= height:
            continue
        if unit.bottom - unit.top > height:
            if flow is None:
                spans = int((unit.bottom - page_top) // height)
                page_top += spans * height
            else:
                spans, last = flow(i, height - (unit.top - page_top))
                page_top = unit.bottom - last
            breaks += [Break(i, "", inside=True)] * spans
            first = i
            continue
        j = i
        while j > first and (units[j].kind == "tail" or units[j - 1].kind == "keep"):
            j -= 1
        if j == first:  # the chain is longer than a page: break where it overflows
            j = i
            if j == first:
                continue
        continued = units[j].group if units[j].group and units[j].group == units[j - 1].group else ""
        if continued:  # a short group moves whole to the next page, if this one is half full already
            start = next(k for k in range(j, first - 1, -1) if k == first or units[k - 1].group != continued)
            end = next(k for k in range(j, len(units)) if k == len(units) - 1 or units[k + 1].group != continued)
            if start > first and units[start].top - page_top >= height / 2 and units[end].bottom - units[start].top <= height / 3:
                j, continued = start, ""
        breaks.append(Break(j, continued))
        page_top, first = units[j].top - (heading if continued else 0.0) - units[j].head, j
    return breaks


# Reads the sheets' units in print layout: the outermost [data-u] elements of each .cl-sheet.
_MEASURE = """() => {
  const units = sheet => [...sheet.querySelectorAll('[data-u]')].filter(u => !u.parentElement.closest('[data-u]'));
  const probe = document.querySelector('.cl-sheet-group-title');
  let heading = 0;
  if (probe) {
    const h = document.createElement(probe.tagName);  // an h2 or an h3 (a sheet's in the packet: layout.nested), alike
    h.className = 'cl-sheet-group-title cl-continued';
    h.textContent = 'Probe (continued)';
    probe.before(h);
    const s = getComputedStyle(h);
    heading = h.getBoundingClientRect().height + parseFloat(s.marginBottom);
    h.remove();
  }
  return {heading, sheets: [...document.querySelectorAll('.cl-sheet')].map(sheet => ({
    id: sheet.dataset.sheet || '',
    units: units(sheet).map(u => {
      const r = u.getBoundingClientRect(), s = getComputedStyle(u), group = u.closest('[data-group]');
      const table = u.tagName === 'TR' ? u.closest('table') : null;
      const split = table && u.parentElement.firstElementChild !== u;
      return {top: r.top + scrollY - parseFloat(s.marginTop), bottom: r.bottom + scrollY, kind: u.dataset.u || '',
              group: group ? group.dataset.group : '', head: split && table.tHead ? table.tHead.getBoundingClientRect().height : 0};
    }),
  }))};
}"""

# The pages a unit taller than a page spans on paper, laid out as Chromium prints it: [page breaks inside it, the height
# it takes on its last page]. Text in columns (the critical items, two columns a page) fills the columns of each page
# before the next page, so its height on one endless page (its columns balanced) says little of its pages: 667 critical
# items were counted 7 pages where they print on 6, and every page number of the contents after them was one too many.
# Its columns are laid out at the room left on the first page (the ones past a page's columns are the following pages'),
# then at a page's height for what follows, and what the last page holds balanced again. Other units: by their height.
_FLOWED = """([sheet, unit, room, full]) => {
  const units = sheet => [...sheet.querySelectorAll('[data-u]')].filter(u => !u.parentElement.closest('[data-u]'));
  const u = units(document.querySelectorAll('.cl-sheet')[sheet])[unit];
  const height = u.getBoundingClientRect().height;
  const box = [u, ...u.querySelectorAll('*')].find(e => getComputedStyle(e).columnCount !== 'auto');
  if (!box) { const spans = Math.max(0, Math.ceil((height - room) / full)); return [spans, height - room - (spans - 1) * full]; }
  const count = parseInt(getComputedStyle(box).columnCount, 10), gap = parseFloat(getComputedStyle(box).columnGap) || 0;
  const saved = box.getAttribute('style'), pieces = [...box.querySelectorAll('li, h2, h3, h4, p')].filter(e => !e.parentElement.closest('li, p'));
  const pitch = (box.clientWidth + gap) / count, left = box.getBoundingClientRect().left;
  const column = e => Math.round((e.getBoundingClientRect().left - left) / pitch);
  const laid = (h) => { box.style.height = h; box.style.columnFill = 'auto'; box.style.overflow = 'visible'; };
  let spans = 0, rest = pieces;
  laid(Math.max(room, 1) + 'px');
  let past = rest.filter(e => column(e) >= count);
  while (past.length && (spans === 0 || past.length < rest.length)) {  // a page holding nothing is its first only
    spans += 1;
    for (const e of rest) if (!past.includes(e)) e.style.display = 'none';
    rest = past;
    laid(full + 'px');
    past = rest.filter(e => column(e) >= count);
  }
  box.style.height = 'auto'; box.style.columnFill = 'balance';
  const last = box.getBoundingClientRect().height;
  for (const e of pieces) e.style.removeProperty('display');
  if (saved === null) box.removeAttribute('style'); else box.setAttribute('style', saved);
  return [spans, Math.min(last + (u.getBoundingClientRect().height - box.getBoundingClientRect().height), full)];
}"""

# Shows one sheet of a packet laid out already, as the sheet's own page prints it: that page holds the same block
# (layout.framed_content) after a print hint that paper does not show, so the sheet, broken into pages as the packet
# broke it, prints alike (its break before it opens no empty page: Chromium starts no page before the first box shown).
# The document's title is the sheet page's (the PDF's title).
_ONLY = """([id, title]) => {
  for (const sheet of document.querySelectorAll('.cl-sheet')) sheet.style.display = sheet.dataset.sheet === id ? '' : 'none';
  document.title = title;
  return [...document.querySelectorAll('.cl-sheet')].filter(sheet => sheet.style.display !== 'none').length;
}"""

# Breaks the pages: splits a list or table at the unit, heads the rest "(continued)"; numbers the contents.
_APPLY = """([breaks, pages]) => {
  const units = sheet => [...sheet.querySelectorAll('[data-u]')].filter(u => !u.parentElement.closest('[data-u]'));
  const sheets = [...document.querySelectorAll('.cl-sheet')].map(units);
  const split = u => {
    const parent = u.parentElement, tag = parent.tagName;
    if (!['UL', 'OL', 'TBODY'].includes(tag)) return u;
    const host = tag === 'TBODY' ? parent.parentElement : parent;
    if (parent.firstElementChild === u) return host;
    const copy = host.cloneNode(false);
    let into = copy;
    if (tag === 'TBODY') {
      for (const child of host.children) if (child.tagName === 'COLGROUP' || child.tagName === 'THEAD') copy.appendChild(child.cloneNode(true));
      into = copy.appendChild(document.createElement('tbody'));
    } else if (tag === 'OL') {
      copy.start = (host.start || 1) + [...host.children].indexOf(u);
    }
    for (let n = u; n; ) { const next = n.nextElementSibling; into.appendChild(n); n = next; }
    host.after(copy);
    return copy;
  };
  for (const [sheet, unit, continued] of breaks) {
    const start = split(sheets[sheet][unit]);
    if (continued) {
      const title = sheets[sheet][unit].closest('[data-group]')?.querySelector('.cl-sheet-group-title');
      const h = document.createElement(title ? title.tagName : 'h2');  // at its group's heading's level
      h.className = 'cl-sheet-group-title cl-continued cl-page-break';
      h.textContent = continued + ' (continued)';
      start.before(h);
    } else {
      start.classList.add('cl-page-break');
    }
  }
  for (const [id, page] of Object.entries(pages)) {
    for (const slot of document.querySelectorAll('[data-page-of="' + id + '"]')) slot.textContent = String(page);
  }
}"""


def lay_out(page: Any, paper: str) -> dict[str, int]:
    """Break the loaded page's sheets into pages for ``paper``; returns the first page of each sheet."""
    width, height = content_size(paper)
    page.set_viewport_size({"width": round(width), "height": round(height)})
    page.emulate_media(media="print")
    measured = page.evaluate(_MEASURE)
    usable = height - SLACK_MM * PX_PER_MM
    breaks: list[tuple[int, int, str]] = []
    starts: dict[str, int] = {}
    next_page = 1
    slack = height - usable
    for n, sheet in enumerate(measured["sheets"]):
        units = [Unit(u["top"], u["bottom"], u["kind"], u["group"], u["head"]) for u in sheet["units"]]

        def flow(unit: int, room: float, n: int = n) -> tuple[int, float]:
            spans, last = page.evaluate(_FLOWED, [n, unit, room + slack, height])
            return int(spans), float(last)

        found = paginate(units, usable, measured["heading"], flow)
        if sheet["id"]:
            starts.setdefault(sheet["id"], next_page)
        next_page += 1 + len(found)
        breaks += [(n, b.unit, b.continued) for b in found if not b.inside]
    page.evaluate(_APPLY, [breaks, starts])
    return starts


def find_chromium() -> str:
    """Debian's chromium (or $CHECKLIST_SITE_CHROMIUM): Playwright's own browser download is not used."""
    explicit = os.environ.get("CHECKLIST_SITE_CHROMIUM")
    if explicit:
        if Path(explicit).is_file():
            return explicit
        what = "a folder" if Path(explicit).is_dir() else "not a file" if Path(explicit).exists() else "a path that does not exist"
        raise BuildError(f"CHECKLIST_SITE_CHROMIUM points to {explicit}, {what}", "unset it, or point it at the Chromium program (e.g. /usr/bin/chromium)")
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = find_program(name)
        if found:
            return found
    raise BuildError(
        "Chromium was not found; PDFs are rendered by headless Chromium",
        "install it: sudo apt-get install chromium (or set CHECKLIST_SITE_CHROMIUM to its path)",
    )


def jobs(checklists: list[Checklist], filled: bool = False) -> list[Job]:
    """What to print: the blank packet and then every sheet, or (``filled``) the filled-in packet."""
    out: list[Job] = []
    for c in checklists:
        packet = ""
        for page, name, sheet in printed_pages(c, filled):
            out.append(Job(DIRECTORY_URLS.dest(page), name, filled, sheet, packet if sheet else ""))
            packet = packet or ("" if sheet else DIRECTORY_URLS.dest(page))
    return out


def _unrecorded(site_dir: Path, todo: list[Job], quiet: bool) -> list[Job]:
    """The jobs that can print: a filled packet exists only where progress is recorded; say so plainly."""
    missing = [job for job in todo if job.filled and not (site_dir / job.url_path).exists()]
    if missing and len(missing) == len(todo):
        names = ", ".join(job.out_name.removesuffix("-packet-filled") for job in missing)
        raise BuildError(
            f"nothing is recorded yet for {names}, so there is no filled packet to print",
            "record progress first (checklist-site mark ITEM --done --by NAME, signoff, approve), or print the blank packet: checklist-site pdf",
        )
    if not quiet:
        for job in missing:
            print(f"skipped {job.out_name}: nothing is recorded for it yet", file=sys.stderr)
    return [job for job in todo if job not in missing]


class _Title(HTMLParser):
    """The text of a page's <title>."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.text = False, ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002 - the parser's signature
        self.inside = tag == "title"

    def handle_endtag(self, tag: str) -> None:  # noqa: ARG002 - the parser's signature
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.text += data


def title_of(page: Path) -> str:
    """The title of a built page (its head's <title>), which Chromium gives the PDF printed from it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     _ = (Path(d) / "p.html").write_text("<html><head><title>Section 1 &amp; 2 - Site</title></head><body><h1>x</h1>", encoding="utf-8")  # scratch
    ...     title_of(Path(d) / "p.html")
    'Section 1 & 2 - Site'
    """
    head = page.read_text(encoding="utf-8").partition("</head>")[0]
    parser = _Title()
    parser.feed(head)
    parser.close()
    return parser.text


def _replace(target: Path, pdf: bytes) -> None:
    """``target`` holds ``pdf`` whole, in one step: a `pdf` stopped mid-write leaves the earlier file (or none), never half
    of one under the sheet's name (Chromium's own writing of ``path=`` is not atomic)."""
    files.replace(target, pdf)


def render_pdfs(site_dir: Path, todo: list[Job], out_dir: Path, paper: str, quiet: bool = False, work: Path | None = None) -> list[Path]:
    """Print each page of ``todo`` to ``out_dir``; progress goes to stderr. With the project's ``work`` folder, the PDFs
    are put in place as one, once all are printed (``files.Replacing``): a `pdf` stopped or failed midway leaves the
    earlier PDFs, never some of each."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        hint = "install checklist-site again (make site), or: pip install playwright"
        raise BuildError("Playwright is not installed; it drives Chromium to print PDFs", hint) from None
    todo = _unrecorded(site_dir, todo, quiet)
    executable = find_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    out = files.Replacing(work) if work is not None else None
    try:
        with sync_playwright() as p, out or contextlib.nullcontext():
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            loaded = ""  # the page loaded and laid out, in the site
            for n, job in enumerate(todo, 1):
                source = site_dir / job.url_path
                if not source.exists():
                    raise BuildError(f"{source} is missing from the built site", "run checklist-site build first")
                target = out_dir / f"{job.out_name}-{paper}.pdf"
                if not quiet:
                    print(f"[{n}/{len(todo)}] {target.name}", file=sys.stderr, flush=True)
                # a sheet is printed from its packet, loaded and laid out: no page load and layout of its own (half of `pdf`'s time)
                in_packet = bool(job.packet) and job.packet == loaded and page.evaluate(_ONLY, [job.sheet, title_of(source)]) == 1
                if not in_packet:
                    page.goto(source.as_uri(), wait_until="load")
                    lay_out(page, paper)
                    loaded = job.url_path
                # a packet's PDF is tagged, with its outline (bookmarks: the cover's title, each sheet under it, each group under
                # its sheet); a sheet's, of a few pages, is not: at 2,000 items, `pdf` took 16.5 s of processor time with every
                # PDF tagged, 10-12 s with the packet's alone, 10 s with none
                tagged = not job.sheet
                printed = page.pdf(format=PAPER[paper], print_background=False, prefer_css_page_size=False, tagged=tagged, outline=tagged)
                if out is not None:
                    out.put(target, printed)
                else:
                    _replace(target, printed)
                written.append(target)
            browser.close()
    except PlaywrightError as exc:
        raise BuildError(f"Chromium failed: {exc.message.splitlines()[0]}", "check that Chromium starts: chromium --headless --no-sandbox --version") from None
    return written
