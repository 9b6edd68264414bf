"""Reading printed PDFs back with poppler: each page's words with their boxes, its running header and how full it is."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.exchange.pdf import MARGINS_MM
from generator.format.bidi import plain  # top, right, bottom, left: paper.css's @page

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Page:
    number: int
    width: float  # points
    height: float
    words: tuple[Word, ...]

    @property
    def header(self) -> str:
        """The running header: the words in the top margin."""
        return " ".join(w.text for w in self.words if w.y1 <= MARGINS_MM[0] * PT_PER_MM)

    @property
    def footer(self) -> str:
        return " ".join(w.text for w in self.words if w.y0 >= self.height - MARGINS_MM[2] * PT_PER_MM)

    @property
    def body(self) -> tuple[Word, ...]:
        top, bottom = MARGINS_MM[0] * PT_PER_MM, self.height - MARGINS_MM[2] * PT_PER_MM
        return tuple(w for w in self.words if w.y0 > top and w.y1 < bottom)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.body)

    @property
    def fill(self) -> float:
        """How much of the printable height the body's words reach down to (0..1)."""
        top, bottom = MARGINS_MM[0] * PT_PER_MM, self.height - MARGINS_MM[2] * PT_PER_MM
        lowest = max((w.y1 for w in self.body), default=top)
        return (lowest - top) / (bottom - top)


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF with its words, as ``pdftotext -bbox`` gives them, without the isolates around numbered
    titles (``generator/format/bidi.py``: invisible, they keep a title's letters in its own direction)."""
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for n, (width, height, body) in enumerate(_PAGE.findall(out), 1):
        found = [(a, b, c, d, plain(html.unescape(t))) for a, b, c, d, t in _WORD.findall(body)]
        words = tuple(Word(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in found if t)
        pages.append(Page(n, float(width), float(height), words))
    return pages
