"""Where each line of an import's text as read (the Markdown a reader wrote from a CSV, HTML, OPML, notebook, Word or
wiki file) came from in the file itself: the line and column its messages name."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

Place = tuple[int, int]  # a line and a column of the source file, from 1

_WORD = re.compile(r"[^\W_]+")
_WINDOW = 400  # how many source lines past the last one found a read line's text is looked for
CONTINUED = 3  # how many lines after one holding a read line's first words may hold the rest
_LEADING = 4  # a line holding the rest holds them from its first few words on
_REACH = 200  # how many words of a line past the last one found the next is looked for in (a page written on one line)


def _words(line: str) -> list[tuple[str, int]]:
    """The words of a line (letters and digits, in any script; a lone ASCII letter or digit, a box's 'x' or a list's
    '1', is none) in lower case, with where each starts.

    >>> _words("- [x] Back up the DB (1)")
    [('back', 6), ('up', 11), ('the', 14), ('db', 18)]
    """
    return [(m.group(0).lower(), m.start()) for m in _WORD.finditer(line) if len(m.group(0)) > 1 or not m.group(0).isascii()]


def identity(source: Sequence[str], read: Sequence[str]) -> tuple[Place, ...]:
    """A text read line for line: each line its own, at its first word (else its first character that is no space).

    >>> identity(["- [ ] Back up", ""], ["- [ ] Back up", ""])
    ((1, 7), (2, 1))
    """
    out = []
    for number, line in enumerate(read):
        held = source[number] if number < len(source) else line
        words = _words(line)
        at = held.lower().find(words[0][0]) if words else -1
        out.append((number + 1, at + 1 if at >= 0 else len(held) - len(held.lstrip()) + 1))
    return tuple(out)


def line_map(source: Sequence[str], read: Sequence[str]) -> tuple[Place, ...]:
    """For each line of ``read`` (the text a reader wrote from ``source``, in the same order), the line and column of
    ``source`` holding its text: the source line at or after the last one found, within a window, that holds most of
    its words (the first that holds them all), at the first of them there; a line of no word of the source (a
    heading or detail line the reader made, a blank) is placed where the last one found was.

    >>> source = ["Section,Task,Notes", "Prep,Back up the db,soon", 'Go,"Deploy', 'it",ok now']
    >>> line_map(source, ["", "## Prep", "- [ ] Back up the db", "  - Notes: soon", "## Go", "- [ ] Deploy it", "  - Notes: ok now"])
    ((1, 1), (2, 1), (2, 6), (2, 21), (3, 1), (3, 5), (4, 5))
    """
    words = [_words(line) for line in source]
    postings: dict[str, list[int]] = {}
    for number, held in enumerate(words):
        for w in dict.fromkeys(w for w, _ in held):
            postings.setdefault(w, []).append(number)
    line, column, end = 0, 0, 0  # the last place found (from 0), and where its words end
    out: list[Place] = []
    for text in read:
        sequence = [w for w, _ in _words(text)]
        wanted = set(sequence)
        near = sorted({n for w in wanted for n in _after(postings.get(w, []), line)})
        best: tuple[int, int, int, int, int, int] | None = None  # words found (on the line, and on it alone), where, and where they end
        for number in near:
            found, used = _in_order(sequence, words[number], end if number == line else 0)
            if not found:
                continue
            own, rest, last = len(found), sequence[used:], (number, found[-1])
            for more in range(number + 1, min(number + CONTINUED + 1, len(words))):  # a record or element broken over lines
                further, used = _in_order(rest, words[more], 0) if rest else ([], 0)
                if not further or words[more].index(further[0]) >= _LEADING:
                    break
                found += further
                rest, last = rest[used:], (more, further[-1])
            if best is None or len(found) > best[0]:
                best = (len(found), own, number, found[0][1], last[0], last[1][1] + len(last[1][0]))
                if own == len(sequence):
                    break
        if best is not None:
            out.append((best[2] + 1, best[3] + 1))
            line, end = best[4], best[5]
        else:
            out.append((line + 1, column + 1))
        column = out[-1][1] - 1 if out[-1][0] == line + 1 else 0
    return tuple(out)


def _in_order(sequence: list[str], held: list[tuple[str, int]], start: int) -> tuple[list[tuple[str, int]], int]:
    """The words of ``sequence`` found in a line's words from column ``start`` on, in order, each past the one before
    (a word not there passed over); and how many of ``sequence`` that took.

    >>> _in_order(["backup", "backup", "see"], [("prep", 0), ("backup", 5), ("backup", 12), ("soon", 19)], 0)
    ([('backup', 5), ('backup', 12)], 2)
    """
    found: list[tuple[str, int]] = []
    at, used = bisect.bisect_left(held, start, key=lambda w: w[1]), 0
    for n, word in enumerate(sequence):
        k = next((k for k in range(at, min(at + _REACH, len(held))) if held[k][0] == word), None)
        if k is not None:
            found.append(held[k])
            at, used = k + 1, n + 1
    return found, used


def _after(lines: list[int], line: int) -> list[int]:
    """The first few of a word's lines at or after ``line``, within the window."""
    start = bisect.bisect_left(lines, line)
    return [n for n in lines[start : start + 32] if n < line + _WINDOW]


__all__ = ["CONTINUED", "Place", "identity", "line_map"]
