"""A data text of any direction inside a line of our words, isolated: the one place numbered titles are made.

The Unicode bidirectional algorithm lets a right-to-left text take the neutral characters and numbers next to it: a
Hebrew title ending in a number, numbered '3. ' in a left-to-right line, reads '3. 3 ...' (the title's own number
runs to the front), and an Arabic title pulls the '. ' after it. Isolated (FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE), the title is laid out in the direction of its first letter, as one unit, and the line around it in its own.
The two characters are plain text: they keep their meaning in HTML, Markdown, a ``<title>``, the navigation, a CSS
print header, a PDF's outline, JSON and a terminal; the data itself may hold none (``types.BIDI``), so an isolate
always comes from here and is always closed.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, TypeVar

FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE, POP DIRECTIONAL ISOLATE
# The blocks of the scripts written right to left (bidirectional class R or AL): Hebrew, Arabic, Syriac, Thaana, N'Ko,
# Samaritan, Mandaic, their presentation forms, and the historic and Adlam blocks of the supplementary planes.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")

T = TypeVar("T", bound=str)


def isolated(text: T) -> T:
    """``text`` laid out in its own direction, apart from the words around it; of its own type (a data text's kind,
    an escaped ``Markup``), which the two characters leave as safe as it was.

    >>> isolated("שלב 3")
    '\\u2068שלב 3\\u2069'
    """
    return type(text)(FSI + text + PDI) if text else text


def numbered(number: int | str, title: T, between: str = ". ") -> T:
    """A numbered title, '3. Testing', with the title isolated (of the title's type): the number stays before it
    whatever the title's script. ``between``: what stands between them ('. ', ' ' after '3.1', ': ' after 'Section 3').

    >>> numbered(3, "בדיקות שלב 3"), numbered("Section 2", "Testing", ": ")
    ('3. \\u2068בדיקות שלב 3\\u2069', 'Section 2: \\u2068Testing\\u2069')
    """
    return type(title)(f"{number}{between}{FSI}{title}{PDI}")


def right_to_left(text: str) -> bool:
    """Whether ``text``, shown among our words, must be isolated: it holds a letter of a right-to-left script (which
    can reorder our words around it: ours are English, left to right; a text of left-to-right scripts alone reads in
    their order, whatever its digits and punctuation), and is not a numbered title, isolated already ('3. ' then the
    title: isolated again as a whole, a browser's ``dir=auto`` would take the title's direction for the number too).

    >>> right_to_left("Deploy 3"), right_to_left("上线 3"), right_to_left("בדיקות 3"), right_to_left("اختبار")
    (False, False, True, True)
    >>> right_to_left(numbered(3, "בדיקות 3"))
    False
    """
    return FSI not in text and _RIGHT_TO_LEFT.search(text) is not None


def embedded(text: T) -> T:
    """A data text among our words in plain text (a terminal, a script's text node, Markdown, a CSS string): isolated
    when it must be (:func:`right_to_left`), else as it is; of its own type.

    >>> embedded("Critical item not done: "), embedded("לפרוס 2."), embedded(numbered(1, "שלב"))
    ('Critical item not done: ', '\u2068לפרוס 2.\u2069', '1. \u2068שלב\u2069')
    """
    return isolated(text) if right_to_left(text) else text


def direction(text: str) -> Literal["ltr", "rtl"]:
    """The direction a block holding ``text`` alone is laid out in: that of its first letter of a direction, looked for
    inside the isolates of this module too (a numbered title's direction is its title's) and past digits, punctuation
    and emoji; 'ltr' without one. A heading of its own (``dir="rtl"``) starts at the right: the isolates keep a
    browser's ``dir=auto`` and ``unicode-bidi: plaintext`` from seeing the title, so the page's left was its start.

    A direction mark counts for nothing (:func:`unmarked`: the title is shown without it): '\u200fSection 1' was laid
    out right to left, and read so in the PDF's bookmarks, ': Section 1' after the title.

    >>> direction("🔐 " + numbered(1, "אבטחה 2")), direction("Redis לא זמין"), direction("3. 上线"), direction("42")
    ('rtl', 'ltr', 'ltr', 'ltr')
    >>> direction("\u200fSecurity"), direction("\u200eאבטחה")
    ('ltr', 'rtl')
    """
    for character in unmarked(text):
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "ltr"


def plain(text: str) -> str:
    """``text`` without the isolates of this module: what a reader types to find it (a search), or compares.

    >>> plain(numbered(3, "Testing"))
    '3. Testing'
    """
    return text.replace(FSI, "").replace(PDI, "")


# The invisible characters that set a direction: the marks (LEFT-TO-RIGHT, RIGHT-TO-LEFT, ARABIC LETTER), the embeddings
# and overrides with their POP, and the isolates. A one-line text may hold the marks (a right-to-left title's '!' placed
# by one), none of the others (``types.BIDI``); the isolates of this module are the only others a title holds.
MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_MARK = re.compile(f"[{MARKS}]")


def unmarked(text: T) -> T:
    """A title for a place that shows it as one line of plain text, a reader's list of titles: a page's ``<title>`` (a
    browser's tab and history, a bookmark, the PDF's title) and the navigation, a heading of paper (the PDF's bookmarks).
    There a mark of the data set the direction of the whole line ('\\u200fRedis down - Site' read right to left, the site's
    name first) and shows as a box where the viewer draws it; so every direction character goes but the isolates this
    module made, each FIRST STRONG ISOLATE with its POP (the data holds neither: ``types.BIDI``); of its own type.

    >>> unmarked("\\u200fRedis down\\u200e"), unmarked(numbered(3, "שלב\\u200f!")), unmarked("a\\u2069\\u2068b\\u202e")
    ('Redis down', '3. \\u2068שלב!\\u2069', 'ab')
    """
    if not _MARK.search(text):
        return text
    out: list[str] = []
    opened: list[int] = []  # where each FIRST STRONG ISOLATE still open stands in out
    for character in text:
        if character == FSI:
            opened.append(len(out))
            out.append(character)
        elif character == PDI and opened:
            opened.pop()
            out.append(character)
        elif character not in MARKS:
            out.append(character)
    for at in reversed(opened):  # never closed: no isolate
        del out[at]
    return type(text)("".join(out))
