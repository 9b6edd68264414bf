"""Field types as small objects: each converts a located YAML node, describes itself as JSON Schema and in words.

A key of the format is declared once, on the model attribute that holds it (``declared`` on a class
made with ``@declare``, in ``model.py``): its ``FieldType``, meaning, whether it is required, an
example, and its default; the annotation says what it holds. ``spec_of`` derives the class's
``Spec`` (its ``Field``s, each type bound to its annotation), which ``Converter`` walks the nodes
with. Every text a type produces is a ``Text`` of a declared kind, so the site knows how to make it
safe wherever it lands (``generator/site/escape.py``).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import hashlib
import inspect
import re
import typing
import unicodedata
from dataclasses import MISSING, dataclass
from enum import Enum
from functools import cached_property
from types import UnionType
from typing import Any, Callable, ClassVar, Iterable, Iterator, Protocol, TypeVar, Union, overload

from typing_extensions import dataclass_transform, override

from ..errors import SAID_PER_FILE, Issue, Loc
from .alike_table import computed as computed_alike
from .alike_table import lookalikes as _lookalikes
from .alike_table import shipped
from .load import Mapping, Node, Scalar, Sequence
from .markup import bad_links, code_blocks, code_in, code_span_rule, link_count, scheme

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
MAX_ID = 64
MAX_TEXT = 500
MAX_MARKDOWN = 4000
MAX_LINKS = 100  # in one Markdown block: each is read in time growing with their number (markup.link_count)
MAX_DEPTH = 3  # an item, its sub-items and theirs

# Characters no text may hold: C0 and C1 controls (but a Markdown block's newlines and tabs),
# and the bidirectional embeddings, overrides and isolates that make a line read otherwise;
# nor one line of text the line and paragraph separators (a line break to YAML and to JavaScript before ES2019).
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SEPARATORS = "\u2028\u2029"
# Nor one line of text the characters that show as nothing where they stand (zero width space, word joiner, the invisible
# operators, byte order mark, Hangul fillers, Khmer inherent vowels, the Mongolian vowel separator, interlinear
# annotation, the deprecated format characters): a name holding one looks like another ('Pri\u200bya' is not 'Priya':
# someone else's entry, another owner) or like none (U+3164 alone). The joiners U+200C and U+200D and the variation
# selectors stay: emoji and scripts need them.
ZERO_WIDTH = "\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"  # a class's ranges
# Nor any text a lone surrogate: half of a character written in UTF-16, no character (JSON's "\ud800" reads as one, a
# recording of the meeting or an alarm file; no file can be written of it).
SURROGATES = "\ud800-\udfff"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{SURROGATES}]")
# What no text written from another file's (``import``) may hold: each of the above, and the noncharacters U+FFFE, U+FFFF.
UNHELD = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}{SEPARATORS}{ZERO_WIDTH}\ufffe\uffff{SURROGATES}]")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")


def cleared(text: str) -> str:
    """``text`` without a character no text may hold (:data:`UNHELD`): a zero-width one left out ('Pri\\u200bya' is
    'Priya'), any other a space; newlines and tabs kept.

    >>> cleared("Pri\\u200bya \\u202eok\\x1b[31m \\ud800\\nnext")
    'Priya  ok [31m  \\nnext'
    """
    return UNHELD.sub(" ", _ZERO_WIDTH.sub("", text)) if UNHELD.search(text) else text

_CONTROL_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI}{SEPARATORS}{ZERO_WIDTH}{SURROGATES}]")


class Text(str):
    """Text from the data, of one declared kind; ``generator/site/escape.py`` makes each kind safe per place."""

    kind: ClassVar[str] = ""
    markdown: ClassVar[bool] = False  # read as Markdown: its links are checked


class InlineMarkdown(Text):
    """One line of inline Markdown: emphasis, `code` and links to http(s), mailto or relative addresses."""

    kind = "one line, inline Markdown"
    markdown = True


class MarkdownBlock(Text):
    """Several lines of Markdown: paragraphs, lists, code blocks, links; no raw HTML, no headings."""

    kind = "Markdown, several lines"
    markdown = True


class PlainText(Text):
    """One line shown exactly as written: no Markdown."""

    kind = "one line, plain"


class Code(PlainText):
    """One line shown as code: a name another system knows (an alarm's, an alert's), copied as the page shows it, so it
    holds only what the page shows (:func:`hidden_in_code`)."""

    kind = "one line, a name shown as code"


class Command(Code):
    """A command: one line shown as a copyable code block, as written (no notation of the site's extensions in it)."""

    kind = "one line, a command shown as code"


class Name(PlainText):
    """A person's name: one line shown exactly as read, and read as people read it (:func:`person`)."""

    kind = "one line, a person's name"


def whole_number(text: str, most: int) -> int | None:
    """A count or a time read from outside text (a file to import, a header, an environment variable): ASCII digits
    only, at most ``most``; None for anything else. ``str.isdigit`` lets '²' and '٣' through, which ``int`` refuses or
    reads, and ``int`` refuses a number over 4,300 digits: either was an internal error where input was only wrong.

    >>> whole_number("12", 99), whole_number("100", 99), whole_number("\u00b2", 99), whole_number("9" * 5000, 99), whole_number("", 9)
    (12, None, None, None, None)
    """
    if not 0 < len(text) <= len(str(most)) or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number <= most else None


def person(text: str) -> str:
    """A name as the record keeps and compares it: one person however it was typed or pasted. Compatibility forms are
    folded (NFKC: a combining accent, full-width letters, a no-break or thin space), every run of spaces is one, and the
    characters that show as nothing there are left out (:func:`shown`: a direction mark 'Priya\u200e', a soft hyphen,
    a Hangul filler is the same Priya).

    >>> person("Jose\u0301  Mu\u0308ller"), person("Priya\u00a0Sharma"), person("\uff30riya"), person("\u200fPri\u00adya\u2800")
    ('José Müller', 'Priya Sharma', 'Priya', 'Priya')
    """
    return " ".join(shown(unicodedata.normalize("NFKC", shown(text))).split())


class People(Protocol):
    """Who is who across spellings (``mailmap.Mailmap``: the project's .mailmap)."""

    def proper(self, name: str) -> str: ...

    def shown(self, name: str) -> str: ...

    def alone(self) -> tuple[str, ...]: ...

    def addresses(self) -> tuple[str, ...]: ...


_PEOPLE: list[People] = []  # the map of the project the last check read (one project a process: a command, the meeting)
_KNOWN: list[str] = [""]  # its repr (``people_known``), made once per map


def known_as(people: People) -> None:
    """Read names by ``people`` from now on (``project.check`` sets the project's .mailmap at each check)."""
    if _PEOPLE != [people]:
        _PEOPLE[:] = [people]
        _KNOWN[0] = repr(people)
        identity.cache_clear()
        known.cache_clear()


def people_known() -> str:
    """What the map names are read by holds (``repr`` of the project's .mailmap as read), '' before a check read one: a
    part of the site made from names (who changed whose entry, open work by owner, the Record panel's comparisons) is
    made again when it changes, as when the record does."""
    return _KNOWN[0]


@functools.lru_cache(maxsize=4096)
def known(name: str) -> str:
    """``name`` as the project's .mailmap says who it is (its proper name), else as :func:`person` reads it: the name a
    person's recordings are counted and listed under, however each was typed ('priya@realserv.example' is Priya Sharma)."""
    name = person(name)
    return person(_mapped(name, "shown")) or name if _PEOPLE else name


def _mapped(name: str, how: str) -> str:
    """What the project's .mailmap gives ``name`` (its ``proper`` or ``shown`` name), read as :func:`identity` reads
    letters: where the map names it not as typed, by its look-alike letters read as the Latin ones ('Р. Sharma',
    with a Cyrillic 'Р', is the map's 'P. Sharma <>' as 'Рriya' is 'Priya'); ``name`` where the map names neither."""
    found = getattr(_PEOPLE[0], how)(name)
    if found == name and not name.isascii():
        latin = _read_alike(name)
        if latin != name.casefold() and (other := getattr(_PEOPLE[0], how)(latin)) != latin:
            return str(other)
    return str(found)


def _read_alike(name: str) -> str:
    """``name`` with each letter of another script that looks like a Latin letter or digit read as that one, letter case
    aside (the reading :func:`identity` compares)."""
    if name.isascii():
        return name.casefold()
    look = _lookalikes()
    return "".join(look.get(ch) or look.get(ch.casefold()) or ch.casefold() for ch in name)


@functools.lru_cache(maxsize=4096)  # a record names a few dozen people; its check compares them thousands of times
def identity(name: str) -> str:
    """Who ``name`` is, as the record tells people apart: as the project's .mailmap says (its proper name, or e-mail),
    else as :func:`person` reads it, letter case aside, and each letter of another script that looks like a Latin letter or digit read as that one
    (Unicode's confusables, UTS #39: a Cyrillic 'Р' typed with the keyboard in another layout, a Greek 'Α'). Only
    compared, never shown: a name is shown as it was typed.

    >>> identity("Priya"), identity("PRIYA"), identity("\u0420riya"), identity("\u0391\u039d\u039d\u0391"), identity("Jos\u00e9")
    ('priya', 'priya', 'priya', 'anna', 'josé')
    """
    name = person(name)
    name = person(_mapped(name, "proper")) or name if _PEOPLE else name
    return _read_alike(name)


def _typed(name: str) -> str:
    """``name`` as the browser's Record panel reads a name typed (checklist.js's typed()): NFKC, its spaces one, lower case."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).lower()


def compared(names: Iterable[str]) -> dict[str, str]:
    """Who each of ``names`` (the record's: who recorded each entry) is, as the browser's Record panel compares the name
    typed in it with them (:func:`identity`, the project's .mailmap read): by each name as the panel reads it, and by
    each name the map gives to one of them typed alone ('P. Sharma' for Priya Sharma), so that Priya changing her own
    entry under another spelling is not asked to confirm a change of someone else's, nor her sign-off written twice.
    Who is a proper e-mail address (the map gives no name) is its digest: the panel compares, never shows it, and the
    built site publishes no address the record does not hold. So is each e-mail the map names typed alone, of one of
    them, as a key (:func:`address_key`): Priya typing 'priya@realserv.example' in the panel, where the record holds
    'Priya Sharma', is Priya to it, and her address is not published.

    >>> from generator.format import mailmap
    >>> known_as(mailmap.read("Priya Sharma <priya@realserv.example>\\nPriya Sharma <priya@realserv.example> P. Sharma <>\\n"
    ...                       "<arun@realserv.example> <arun.k@old.example>\\n", "m")[0])
    >>> found = compared(["priya@realserv.example", "Arun <arun.k@old.example>"])
    >>> found["priya@realserv.example"], found["p. sharma"], found["arun <arun.k@old.example>"].startswith("#")
    ('priya sharma', 'priya sharma', True)
    >>> found = compared(["Priya Sharma"])
    >>> found[address_key("priya@realserv.example")], any("@" in key for key in found)
    ('priya sharma', False)
    >>> known_as(mailmap.Mailmap())
    """

    def who(name: str) -> str:
        found = identity(name)
        return "#" + hashlib.sha256(found.encode("utf-8", "surrogatepass")).hexdigest()[:16] if "@" in found else found

    found = {_typed(name): who(name) for name in names if name}
    people = set(found.values())
    for name in _PEOPLE[0].alone() if _PEOPLE else ():
        if who(name) in people:
            found.setdefault(_typed(name), who(name))
    for email in _PEOPLE[0].addresses() if _PEOPLE else ():
        if who(email) in people:
            found.setdefault(address_key(email), who(email))
    return dict(sorted(found.items()))


def address_key(email: str) -> str:
    """An e-mail address typed alone, as the Record panel looks it up in the site's people without the site publishing
    it: the digest of its reading (:func:`_typed`), as checklist.js's addressKey() makes it.

    >>> address_key("Priya@RealServ.example") == address_key("priya@realserv.example"), address_key("priya@realserv.example")
    (True, '#beafd07b66235a92')
    """
    return "#" + hashlib.sha256(_typed(email).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def same_person(one: str, other: str) -> bool:
    """Whether two names are one person to the record (:func:`identity`): 'Priya', 'priya' and 'Рriya' are."""
    return one == other or identity(one) == identity(other)


@functools.cache
def read_alike() -> dict[str, str]:
    """How the browser's Record panel reads a name's look-alike letters as :func:`identity` does (checklist.js's latin()):
    each ASCII letter or digit, and the characters a name can hold (NFKC leaves them as they are) read as it, directly
    or once case-folded (a Cherokee small letter as its capital). A name the record does not hold, typed with a Cyrillic
    'Р' in the panel, is then the same person to the panel as to the record.

    >>> alike = read_alike()
    >>> "\u0420" in alike["p"], "\u0440" in alike["p"], "\u0391" in alike["a"], "\uff30" in alike["p"]
    (True, True, True, False)

    Taken from the table computed ahead (``alike_table``) while the installed confusables data and Unicode database are
    the ones it was computed from: the data's import and reading cost each process of a build 0.04-0.07 s.
    """
    return shipped() or computed_alike()


# Unicode's Default_Ignorable_Code_Point characters (DerivedCoreProperties.txt): a text shows them as nothing. Free text
# keeps the direction marks (U+200E, U+200F, U+061C: right-to-left text needs them); a name drops them (:func:`shown`).
IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff\u2800]"  # and the blank braille cell
)
_CONTEXTUAL = "\u200c\u200d\ufe00-\ufe0f\U000e0020-\U000e007f\U000e0100-\U000e01ef"  # joiners, selectors, tags
_INERT = re.compile(f"(?![{_CONTEXTUAL}]){IGNORABLE.pattern}")
_FLAG = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")  # a subdivision's flag: the black flag, then tags
# The scripts whose letters join their neighbours (Arabic and Persian, Syriac, N'Ko, Mongolian, Phags-pa, Adlam, ...):
# a zero width non-joiner between two of their letters shows (the letters stay apart), elsewhere it does not (RFC 5892's
# CONTEXTJ rule, with these blocks for its joining types).
_JOINING = re.compile(
    "[\u0600-\u08ff\u1800-\u18af\ua840-\ua87f\ufb50-\ufdff\ufe70-\ufeff\U00010ac0-\U00010aff\U00010b80-\U00010baf"
    "\U00010d00-\U00010d3f\U00010f30-\U00010f6f\U0001e900-\U0001e95f]"
)


# The characters of canonical combining class 9 (a virama: unicodedata.combining(ch) == 9) of the Unicode database
# UNICODE_VERSION, written out: the Record panel applies the code rule with them (:func:`code_rule`), and computing them
# reads all of Unicode (0.1 s). ``tests/test_hostile_input.py`` computes them and compares.
VIRAMAS = (
    "\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d3b\u0d3c\u0d4d\u0dca\u0e3a\u0eba\u0f84\u1039\u103a\u1714\u1715"
    "\u1734\u17d2\u1a60\u1b44\u1baa\u1bab\u1bf2\u1bf3\u2d7f\ua806\ua82c\ua8c4\ua953\ua9c0\uaaf6\uabed\U00010a3f"
    "\U00011046\U00011070\U0001107f\U000110b9\U00011133\U00011134\U000111c0\U00011235\U000112ea\U0001134d\U00011442"
    "\U000114c2\U000115bf\U0001163f\U000116b6\U0001172b\U00011839\U0001193d\U0001193e\U000119e0\U00011a34\U00011a47"
    "\U00011a99\U00011c3f\U00011d44\U00011d45\U00011d97"
)
UNICODE_VERSION = "14.0.0"


def _does_something(text: str, i: int) -> bool:
    """Whether the ignorable character at ``text[i]`` changes how its neighbours look: a joiner after a virama (the
    Indic scripts), a non-joiner between letters of a joining script, a joiner in an emoji sequence, a variation
    selector after a symbol or a CJK ideograph, or before a keycap."""
    ch, before, after = text[i], text[i - 1] if i else " ", text[i + 1] if i + 1 < len(text) else " "
    cat_before, cat_after = unicodedata.category(before), unicodedata.category(after)
    if ch in "\u200c\u200d":
        if before in VIRAMAS:  # after a virama: a half form, or none
            return True
        if ch == "\u200c":
            return bool(_JOINING.match(before) and _JOINING.match(after))
        return (cat_before in ("So", "Sk") or before == "\ufe0f") and cat_after == "So"  # an emoji sequence
    if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef":
        return cat_before in ("So", "Sk", "Sm", "Lo") or after == "\u20e3"
    return False


def shown(text: str) -> str:
    """``text`` without the characters that show as nothing in it (:data:`IGNORABLE`): first every one that never does
    anything, then, to a fixed point, the joiners and variation selectors that do not change how their neighbours look
    (those of emoji, Persian, Devanagari stay) and tags outside a flag."""
    text = _INERT.sub("", text)
    while IGNORABLE.search(text):
        flags = {i for found in _FLAG.finditer(text) for i in range(*found.span())}
        kept = "".join(ch for i, ch in enumerate(text) if not IGNORABLE.match(ch) or i in flags or _does_something(text, i))
        if kept == text:
            break
        text = kept
    return text


# In code, what a page shows as a blank but is none: the no-break and the typographic spaces. A shell reads
# 'rm -rf /tmp/x\u00a0/' as one word, where the page shows two.
_NOT_A_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
CODE_HINT = "remove it, or write a plain space for a blank: code is copied as written (the copy button, a selection), so it holds only what the page shows"


def hidden_in_code(code: str) -> str:
    """The first character of ``code`` (a command, a code span or block) that the page does not show as what it is, named,
    or '': one that shows as nothing (what :func:`shown` drops: a soft hyphen, a direction mark, a tag character...) or a
    blank that is no space. The copy button copies it, and the command run is not the command read.

    >>> hidden_in_code("ls -l"), hidden_in_code("echo 👍🏽 \u0915\u094d\u200d")
    ('', '')
    >>> hidden_in_code("aws logs tail x --since 15m\u00ad"), hidden_in_code("rm -rf /tmp/x\u00a0/")
    ('U+00AD (soft hyphen)', 'U+00A0 (no-break space)')
    """
    at = hidden_at(code)
    return f"U+{ord(code[at]):04X} ({unicodedata.name(code[at], '').lower() or 'unnamed'})" if at >= 0 else ""


def hidden_at(code: str) -> int:
    """The index in ``code`` of the character :func:`hidden_in_code` names, or -1.

    >>> hidden_at("ls -l"), hidden_at("ls\u00a0-l")
    (-1, 2)
    """
    if not IGNORABLE.search(code) and not _NOT_A_SPACE.search(code):
        return -1
    seen, at = shown(code), 0
    for index, ch in enumerate(code):
        if at < len(seen) and seen[at] == ch and not _NOT_A_SPACE.match(ch):
            at += 1
        else:
            return index
    return -1


@functools.cache
def code_rule() -> dict[str, str]:
    """The rule of :func:`hidden_in_code` as the browser's Record panel applies it to the code spans of a note, a reason
    or a blocker typed there (checklist.js's CodeRule), from these definitions: the characters that show as nothing
    (:data:`IGNORABLE`), those that may do something where they stand, the flags, the joining scripts, the viramas,
    the blanks that are no space, and how markdown-it reads a '<' (:func:`markup.code_span_rule`).

    >>> rule = code_rule()
    >>> "\u00ad" in rule["ignorable"], "\u094d" in rule["virama"], sorted(rule)[:3]
    (True, True, ['autolink', 'contextual', 'email'])
    """
    return {
        "ignorable": IGNORABLE.pattern,
        "contextual": f"[{_CONTEXTUAL}]",
        "flag": _FLAG.pattern,
        "joining": _JOINING.pattern,
        "virama": VIRAMAS,
        "not_a_space": _NOT_A_SPACE.pattern,
        **code_span_rule(),
    }


def code_shown(text: str, command: bool) -> str:
    """``text`` (a ``command``, or a Markdown text) with each character :func:`hidden_in_code` finds in its code left out,
    a blank that is no space made a space: how import writes the code of another file (which a check then takes).

    >>> code_shown("Run `ls\u00a0-l\u200f` now\u200f", command=False), code_shown("ls\u00ad -l", command=True)
    ('Run `ls -l` now\u200f', 'ls -l')
    """
    if not IGNORABLE.search(text) and not _NOT_A_SPACE.search(text):
        return text
    codes = [text] if command else [code for code in code_in(text, block=True) if hidden_in_code(code)]
    for code in codes:
        text = text.replace(code.rstrip("\n"), _NOT_A_SPACE.sub(" ", shown(code.rstrip("\n"))))
    if not command and any(hidden_in_code(code) for code in code_in(text, block=True)):  # code not found as written (a list's indent)
        text = _NOT_A_SPACE.sub(" ", shown(text))
    return text


def _code_of(text: str, kind: type[Text] | None) -> list[str]:
    """The code of a text of ``kind`` (None: a Markdown block) that may hide a character: a command whole, the code of
    Markdown (none of plain text)."""
    if not IGNORABLE.search(text) and not _NOT_A_SPACE.search(text):
        return []
    if kind is not None and issubclass(kind, Code):
        return [text]
    if kind is not None and not kind.markdown:
        return []
    return code_in(text, block=kind is None)


class Url(Text):
    """An http(s) address."""

    kind = "http(s) URL"


class Ident(Text):
    """An id: lowercase letters, digits and single hyphens; a URL anchor or page name."""

    kind = "id"


class FilePath(Text):
    """The path of a data file, as messages show it."""

    kind = "file path"


NEWER = "if a newer checklist-site wrote it, upgrade this one (checklist-site --version says which it is)"
INVALID: Any = object()  # a value that failed to convert; its issue is already recorded
_KIND_NAMES = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "an empty value",
    "timestamp": "a date",
    "map": "a mapping",
    "seq": "a list",
}


def describe(node: Node) -> str:
    """What a node holds, in words: 'a mapping', 'a list', 'a number'..."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return _KIND_NAMES.get(node.kind, node.kind)


class FieldType:
    """The type of a field: ``convert`` a node, ``schema`` for JSON Schema, ``word`` and ``hint`` for people."""

    expected = ""  # in messages: "expected 'x' of item to be {expected}"
    produces: tuple[type, ...] = ()  # what it reads: the model attribute's annotation (``bind``)
    hint = ""  # how to write a value of this type
    word = ""  # the type column of the format reference

    def convert(self, conv: Converter, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:  # noqa: ARG002 (nested types use them)
        where = f"'{field.name}' of {owner}"
        if not isinstance(node, Scalar):
            conv.error(node.loc, f"expected {where} to be {self.expected}, but got {describe(node)}", self.hint)
            return INVALID
        if field.required and (node.kind == "null" or (node.kind == "str" and not node.value.strip())):  # 'or remove the key' would not do
            conv.error(node.loc, f"{where} is empty", f"give it a value, {self.expected or self.word}, after '{field.name}:' (the key is required)")
            return INVALID
        return self.scalar(conv, node, where)

    def scalar(self, conv: Converter, node: Scalar, where: str) -> Any:
        raise NotImplementedError

    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        raise NotImplementedError

    def reference(self) -> str:
        return self.word

    def specs(self) -> tuple[Spec, ...]:
        """The mappings this type holds, for walking the format."""
        return ()

    def bind(self, hint: Any, where: str) -> FieldType:
        """This type for a model attribute annotated ``hint`` (its kind of text, its class): the annotation must be what it reads."""
        if _optional(hint) not in self.produces:
            raise TypeError(f"{where} is annotated {hint!r}, but {type(self).__name__} reads {' or '.join(t.__name__ for t in self.produces)}")
        return self


class Bool(FieldType):
    expected, hint, word = "true or false", "write true or false", "true/false"
    produces = (bool,)

    def scalar(self, conv: Converter, node: Scalar, where: str) -> Any:
        if node.kind != "bool":
            conv.error(node.loc, f"expected {where} to be true or false, but got {describe(node)} '{node.value}'", "write true or false without quotes")
            return INVALID
        return node.value.lower() in ("true", "yes", "on")

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "boolean"}


DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # the only date form: YYYY-MM-DD
# The dates the tool counts with: a review period is added to one, a zone moves a day's time across midnight. Python's
# dates end at 0001-01-01 and 9999-12-31: 'last_reviewed: 9999-12-31' (plus 3 months) was an internal error in every
# command, and so was 'mark --date 0001-01-01' (its time moved to UTC).
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(9000, 12, 31)
CALENDAR_HINT = f"give a date from {FIRST_DAY} to {LAST_DAY}"


def in_calendar(day: datetime.date) -> bool:
    """Whether ``day`` is one the tool counts with (:data:`FIRST_DAY` to :data:`LAST_DAY`).

    >>> in_calendar(datetime.date(2026, 1, 12)), in_calendar(datetime.date(9999, 12, 31)), in_calendar(datetime.date(1, 1, 1))
    (True, False, False)
    """
    return FIRST_DAY <= day <= LAST_DAY


class Date(FieldType):
    expected, hint, word = "a date (YYYY-MM-DD)", "write the date as 2026-01-12", "date YYYY-MM-DD"
    produces = (datetime.date,)

    def scalar(self, conv: Converter, node: Scalar, where: str) -> Any:
        try:
            if not DATE.fullmatch(node.value):
                raise ValueError  # fromisoformat takes 20260112 and 2026-W05-3 too: exactly YYYY-MM-DD here
            day = datetime.date.fromisoformat(node.value)
        except ValueError:
            conv.error(node.loc, f"expected {where} to be a date (YYYY-MM-DD), but got '{node.value}'", "write the date as 2026-01-12")
            return INVALID
        if not in_calendar(day):
            conv.error(node.loc, f"expected {where} to be a date from {FIRST_DAY} to {LAST_DAY}, but got '{node.value}'", CALENDAR_HINT)
            return INVALID
        return day

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


ZONE_FIRST, ZONE_LAST = datetime.timedelta(hours=-12), datetime.timedelta(hours=14)  # the offsets of the world's zones (Baker Island, Line Islands)


class DateTime(FieldType):
    """A date and time with its zone, as record entries hold it: 2026-01-10T14:03:22+01:00."""

    expected, hint, word = "a date and time with its zone", "write it as 2026-01-10T14:03:22+01:00", "date-time with zone"
    produces = (datetime.datetime,)

    def scalar(self, conv: Converter, node: Scalar, where: str) -> Any:
        try:
            value = datetime.datetime.fromisoformat(node.value.strip())
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            got = "no zone" if value is not None else f"'{node.value}'"
            conv.error(node.loc, f"expected {where} to be a date and time with its zone, but got {got}", f"{self.hint} (or Z for UTC)")
            return INVALID
        if not in_calendar(value.date()):
            conv.error(node.loc, f"expected {where} to be a time from {FIRST_DAY} to {LAST_DAY}, but got '{node.value}'", CALENDAR_HINT)
            return INVALID
        offset = value.utcoffset() or datetime.timedelta(0)
        if not ZONE_FIRST <= offset <= ZONE_LAST or offset % datetime.timedelta(minutes=1):
            conv.error(node.loc, f"expected {where} to have a zone offset the world uses (-12:00 to +14:00, whole minutes), but got '{node.value}'",
                       f"{self.hint}: the offset from UTC of the zone the time was written in (Z for UTC)")
            return INVALID
        return value

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}


class _Textual(FieldType):
    """A scalar read as text: empty values refused, then checked by ``check``."""

    def scalar(self, conv: Converter, node: Scalar, where: str) -> Any:
        if node.kind == "null":
            conv.error(node.loc, f"{where} is empty", f"give it a value ({self.expected}), or remove the key")
            return INVALID
        if node.kind != "str":
            kept = self.not_text(conv, node, where)
            if kept is not None:
                return kept
        text = node.value.strip()
        if not text:
            conv.error(node.loc, f"{where} is empty", "write the text, or remove the key")
            return INVALID
        return self.check(conv, node, where, text)

    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:  # noqa: ARG002 (the types that read numbers use them)
        """A number, date or boolean where text is expected: None reads it as text anyway."""
        return None

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        raise NotImplementedError


class Id(_Textual):
    expected, hint, word = "an id", "write a single id such as 'jwt-validation'", "id"
    produces = (Ident,)

    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:
        text = node.value
        conv.error(
            node.loc,
            f"expected {where} to be an id made of lowercase letters, digits and hyphens, but got {describe(node)} '{text}'",
            f"start it with a letter, e.g. 'item-{text.lower()}'",
        )
        return INVALID

    @override
    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        if len(text) > MAX_ID or not ID_RE.match(text):
            fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID] or "item"
            conv.error(
                node.loc,
                f"invalid id '{text}': ids are URL anchors made of lowercase letters, digits and single hyphens (at most {MAX_ID} characters)",
                f"use '{fixed}'",
            )
            return INVALID
        return Ident(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID}


def _links(conv: Converter, node: Scalar, where: str, text: str, block: bool) -> bool:
    """Whether every link of a Markdown text is allowed, and they are no more than :data:`MAX_LINKS` (counted before they
    are read: a block of 4,000 characters of links took 8 s to check and as long again to build); an error if not."""
    count = link_count(text) if block and ("[" in text or "<" in text) else 0  # a line of 500 characters holds few
    if count > MAX_LINKS:
        hint = "link to a page that lists them: Markdown reads a text's links in time that grows with the square of their number"
        conv.error(node.loc, f"{where} holds {count} links, over the limit of {MAX_LINKS}", hint)
        return False
    bad = bad_links(text, block)
    if bad:
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        conv.error(
            node.loc,
            f"links to '{scheme(bad[0])}:' addresses are not allowed in {where}{more}",
            "links may point to http(s):, mailto: or relative addresses only",
        )
    return not bad


# The notation of pymdownx.snippets, an extension many MkDocs sites enable: a line '--8<-- "FILE"' (or a block of file
# names between two '--8<--' lines) is replaced by that file of the machine that builds, before Markdown is read, so
# even inside a code block (a runbook's command): '--8<-- ".env"' published the build's secrets. A section marker
# ('--8<-- [start:name]', anywhere in a line) removes its line, and a ';' before the scissors is taken away: a
# command would show otherwise than written. Code holds none (a Command, a Markdown block's code blocks); everywhere
# else the escaping makes them inert ('<' as '&lt;').
_SNIPPET = re.compile(
    r"""^[ \t]*;*-+8<-+(?:[ \t]+(?:"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?'))?[ \t]*\r?$"""
    r"|-+8<-+[ \t]+\[[ \t]*(?:start|end)[ \t]*:[ \t]*[a-z][-_0-9a-z]*[ \t]*\]",
    re.MULTILINE | re.IGNORECASE,
)
SNIPPET_HINT = "write the scissors otherwise ('--8 <--', or in words): a site with the pymdownx.snippets extension would act on them"


def snippet_notation(text: str) -> str:
    """The first piece of ``text`` that pymdownx.snippets reads as its notation, or ''.

    >>> snippet_notation('--8<-- ".env"'), snippet_notation("echo 8<- cut here"), snippet_notation("x --8<-- [start:a] y")
    ('--8<-- ".env"', '', '--8<-- [start:a]')
    """
    found = "8<-" in text and _SNIPPET.search(text)
    return found.group().strip() if found else ""


def snippet_free(text: str) -> str:
    """``text`` with the scissors of every piece of snippets notation written '8 <' (what the importer writes in code).

    >>> snippet_free('--8<-- ".env"')
    '--8 <-- ".env"'
    """
    return _SNIPPET.sub(lambda found: found.group().replace("8<", "8 <"), text) if "8<-" in text else text


def refused_in_line(text: str) -> str:
    """The first character ``text`` may not hold as one line of text, named ('U+200B (zero width space)'), or '': the
    rule of every writer (a data file, `mark` and the other recording commands, the meeting; the Record panel's copy of it
    is checklist.js's CONTROL)."""
    return _control(text, _CONTROL_LINE)


def _control(text: str, pattern: re.Pattern[str]) -> str:
    """The first forbidden character of ``text``, named, or ''."""
    found = pattern.search(text)
    if found is None:
        return ""
    ch = found.group()
    unnamed = "a surrogate, half of a character written in UTF-16" if "\ud800" <= ch <= "\udfff" else "a control character"
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, '').lower() or unnamed})"


class Line(_Textual):
    """One line of text of a kind: inline Markdown (the default) or plain text."""

    expected, hint = "text", "write the text on one line after the key"

    def __init__(self, kind: type[Text] = InlineMarkdown) -> None:
        self.kind = kind

    @property
    def word(self) -> str:  # type: ignore[override]
        return f"text ({self.kind.kind})"

    @override
    def bind(self, hint: Any, where: str) -> FieldType:
        return Line(_text_kind(_optional(hint), where))

    @override
    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:
        return self.kind(node.value)  # numbers, dates and booleans are kept as the text written

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        if "\n" in text:
            conv.error(node.loc, f"{where} spans several lines; expected one line", "join the lines, or split the item into sub-items")
            return INVALID
        bad = _control(text, _CONTROL_LINE)
        if bad:
            hint = "remove it: one-line texts hold no control, zero-width or direction characters"
            conv.error(node.loc, f"{where} holds the invisible character {bad}", hint)
            return INVALID
        if len(text) > MAX_TEXT:
            conv.error(node.loc, f"{where} is {len(text)} characters long, over the limit of {MAX_TEXT}", "shorten it, or split it into sub-items")
            return INVALID
        if hidden := next((found for code in _code_of(text, self.kind) if (found := hidden_in_code(code))), ""):
            conv.error(node.loc, f"{where} holds the character {hidden} in its code, which the page does not show but a copy of it holds", CODE_HINT)
            return INVALID
        if issubclass(self.kind, Command) and (snipped := snippet_notation(text)):
            conv.error(node.loc, f"{where} holds {snipped!r}, which the pymdownx.snippets extension replaces by a file", SNIPPET_HINT)
            return INVALID
        if self.kind.markdown and not _links(conv, node, where, text, block=False):
            return INVALID
        if issubclass(self.kind, Name):
            shown_as, text = text, person(text)  # the same person however the name was typed: someone else's entry, open work by person
            if shown_as and not text:
                conv.error(node.loc, f"{where} shows as no name: it holds only characters that show as nothing", "write the person's name")
                return INVALID
            if len(text) > MAX_TEXT:  # NFKC may lengthen it ('\ufdfa' is 18 letters)
                conv.error(node.loc, f"{where} is {len(text)} characters long as a name (NFKC), over the limit of {MAX_TEXT}", "shorten it")
                return INVALID
        elif self.kind in (PlainText, Code) and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)  # a name typed on one machine and pasted on another is one person: 'é' either way
        return self.kind(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": "^[^\\n]*$"}


class Markdown(_Textual):
    expected, hint, word = "text", "write the text after the key; use '|' for several lines", "Markdown (several lines)"
    produces = (MarkdownBlock,)

    @override
    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:
        return MarkdownBlock(node.value)

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        if len(text) > MAX_MARKDOWN:
            conv.error(node.loc, f"{where} is {len(text)} characters long, over the limit of {MAX_MARKDOWN}", "shorten it; link to longer documents")
            return INVALID
        bad = _control(text, _CONTROL)
        if bad:
            conv.error(node.loc, f"{where} holds the invisible character {bad}", "remove it: texts hold no control characters or direction overrides")
            return INVALID
        if hidden := next((found for code in _code_of(text, None) if (found := hidden_in_code(code))), ""):
            conv.error(node.loc, f"{where} holds the character {hidden} in its code, which the page does not show but a copy of it holds", CODE_HINT)
            return INVALID
        if "8<-" in text and (snipped := snippet_notation("\n".join(code_blocks(text)))):
            conv.error(node.loc, f"{where} holds {snipped!r} in code, which the pymdownx.snippets extension replaces by a file", SNIPPET_HINT)
            return INVALID
        if not _links(conv, node, where, text, block=True):
            return INVALID
        return MarkdownBlock(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": MAX_MARKDOWN}


class UrlType(_Textual):
    expected, hint, word = "an http(s) address", "write a full address starting with https://", "http(s) URL"
    produces = (Url,)

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        if not re.match(r"^https?://[^\s<>\"\x00-\x1f\x7f-\x9f]+$", text) or _control(text, _CONTROL_LINE):
            conv.error(node.loc, f"expected {where} to be an http(s) address, but got '{text}'", "write a full address starting with https://")
            return INVALID
        return Url(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


class Address(Text):
    """A way to reach someone: a tel:, mailto: or https: address."""

    kind = "contact address"


class AddressType(_Textual):
    """An address of one scheme (tel:, mailto:, https:), for a contact's phone, e-mail, chat or pager."""

    produces = (Address,)

    def __init__(self, scheme: str, example: str) -> None:
        self.scheme, self.example = scheme, example
        self.expected = f"a {scheme}: address"
        self.hint = f"write it as {example}"
        self.word = f"{scheme}: address"

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        body = r"\+?[0-9][0-9()./ -]{2,30}" if self.scheme == "tel" else r"[^\s<>\"'`\\]+"
        if not re.fullmatch(rf"{self.scheme}:{'//' if self.scheme == 'https' else ''}{body}", text) or _control(text, _CONTROL_LINE):
            conv.error(node.loc, f"expected {where} to be {self.expected}, but got '{text}'", self.hint)
            return INVALID
        return Address(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^{self.scheme}:", "maxLength": MAX_TEXT}


VAR_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


class VarName(_Textual):
    """The name of a shell variable a command uses, as written after '$'."""

    expected, hint, word = "a variable name", "write the name without '$', e.g. SERVICE", "variable name"
    produces = (PlainText,)

    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:
        conv.error(node.loc, f"expected {where} to be a variable name, but got {describe(node)} '{node.value}'", self.hint)
        return INVALID

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        name = text[1:] if text.startswith("$") else text
        if not re.match(VAR_PATTERN, name) or len(name) > MAX_ID:
            fixed = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_").upper() or "VALUE"
            conv.error(node.loc, f"invalid variable name '{text}' in {where}: letters, digits and '_', not starting with a digit", f"use '{fixed}'")
            return INVALID
        return PlainText(name)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": VAR_PATTERN, "maxLength": MAX_ID}


@dataclass(frozen=True)
class Period:
    """A length of time in days, weeks, months or years: how often a runbook is reviewed."""

    count: int
    unit: str  # "day", "week", "month" or "year"

    def __str__(self) -> str:
        return f"{self.count} {self.unit}{'' if self.count == 1 else 's'}"

    def after(self, start: datetime.date) -> datetime.date:
        """The date one period after ``start`` (a month later than the 31st is the month's last day); the last date there
        is when that is past it ('9999 years' after 2026: a review that never falls due).

        >>> Period(1, "month").after(datetime.date(2026, 1, 31)), Period(9999, "year").after(datetime.date(2026, 1, 12))
        (datetime.date(2026, 2, 28), datetime.date(9999, 12, 31))
        """
        try:
            if self.unit in ("day", "week"):
                return start + datetime.timedelta(days=self.count * (7 if self.unit == "week" else 1))
            months = start.month - 1 + self.count * (12 if self.unit == "year" else 1)
            year, month = start.year + months // 12, months % 12 + 1
            last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
            return datetime.date(year, month, min(start.day, last))
        except (OverflowError, ValueError):  # past 9999-12-31
            return datetime.date.max


_PERIOD = re.compile(r"^([1-9][0-9]{0,3}) ?(d|days?|w|weeks?|m|months?|y|years?)$")


class PeriodType(_Textual):
    expected, hint, word = "a period such as 90d, 6w, 3m or 1y", "write a number and a unit: 90d, 6 weeks, 3 months, 1 year", "period (90d, 6w, 3m, 1y)"
    produces = (Period,)

    def not_text(self, conv: Converter, node: Scalar, where: str) -> Any:
        conv.error(node.loc, f"expected {where} to be {self.expected}, but got {describe(node)} '{node.value}'", f"add a unit: '{node.value}d' for days")
        return INVALID

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        found = _PERIOD.match(text.lower())
        if found is None:
            conv.error(node.loc, f"expected {where} to be {self.expected}, but got '{text}'", self.hint)
            return INVALID
        unit = {"d": "day", "w": "week", "m": "month", "y": "year"}[found.group(2)[0]]
        return Period(int(found.group(1)), unit)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "string", "pattern": _PERIOD.pattern}


class Choice(_Textual):
    """One value of an Enum; the field's value becomes the Enum member."""

    expected, hint = "one of the listed values", "write one value"

    def __init__(self, enum: type[Enum] | None = None) -> None:
        self._enum = enum
        if enum is not None:  # bound: the values named wherever the type says what it expects (a list, an empty key)
            values = [str(member.value) for member in enum]
            self.expected, self.hint = f"one of {', '.join(values)}", f"write one of them, e.g. '{values[0]}'"

    @property
    def enum(self) -> type[Enum]:
        assert self._enum is not None, "a Choice is bound to its attribute's Enum (bind)"
        return self._enum

    @override
    def bind(self, hint: Any, where: str) -> FieldType:
        enum = _optional(hint)
        if not (isinstance(enum, type) and issubclass(enum, Enum)):
            raise TypeError(f"{where} is annotated {hint!r}: a Choice is annotated with its Enum")
        return Choice(enum)

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(member.value for member in self.enum)

    def check(self, conv: Converter, node: Scalar, where: str, text: str) -> Any:
        if text not in self.choices:
            close = difflib.get_close_matches(text.lower(), self.choices, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(self.choices)}; {NEWER}"  # a later version's word
            conv.error(node.loc, f"expected {where} to be one of {', '.join(self.choices)}, but got '{text}'", hint)
            return INVALID
        return self.enum(text)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"enum": list(self.choices)}

    def reference(self) -> str:
        return " \\| ".join(f"`{c}`" for c in self.choices)


class _ListOf(FieldType):
    """A list of scalars, each converted by ``element``."""

    def __init__(self, element: FieldType, expected: str, hint: str, entry: str, word: str) -> None:
        self.element, self.expected, self.hint, self.entry, self.word = element, expected, hint, entry, word

    @override
    def convert(self, conv: Converter, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:
        where = f"'{field.name}' of {owner}"
        if not isinstance(node, Sequence):
            conv.error(node.loc, f"expected {where} to be {self.expected}, but got {describe(node)}", self.hint)
            return INVALID
        values = []
        for child in node.items:
            if not isinstance(child, Scalar):
                conv.error(
                    child.loc,
                    f"expected {self.entry} in {where}, but got {describe(child)}",
                    f"write plain {'ids' if isinstance(self.element, Id) else 'text'}",
                )
                return INVALID
            value = self.element.scalar(conv, child, where)
            if value is INVALID:
                return INVALID
            values.append(value)
        return tuple(values)


class Ids(_ListOf):
    def __init__(self) -> None:
        super().__init__(Id(), "a list of ids", "write it as [old-id, older-id]", "an id", "list of ids")

    @override
    def bind(self, hint: Any, where: str) -> FieldType:
        if _element(hint) is not Ident:
            raise TypeError(f"{where} is annotated {hint!r}: a list of ids is a tuple[Ident, ...]")
        return self

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID}}


class Lines(_ListOf):
    def __init__(self, kind: type[Text] = InlineMarkdown) -> None:
        super().__init__(Line(kind), "a list of texts", "write each entry on its own line starting with '- '", "text", f"list of texts ({kind.kind})")

    @override
    def bind(self, hint: Any, where: str) -> FieldType:
        return Lines(_text_kind(_element(hint), where))

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}}


SpecRef = Union["Spec", type, Callable[[], "Spec"], None]


class _Nested(FieldType):
    """A type holding mappings of one model class: the attribute's (``bind``), or a Spec given (a part's groups).

    The Spec is found when first asked for: a class may hold its own kind (an item holds items).
    """

    def __init__(self, spec: SpecRef = None) -> None:
        self._spec = spec

    @property
    def spec(self) -> Spec:
        target = self._spec
        assert target is not None, "a nested type is bound to its attribute's class (bind)"
        if isinstance(target, Spec):
            return target
        return spec_of(target) if isinstance(target, type) else target()

    @override
    def bind(self, hint: Any, where: str) -> FieldType:
        if self._spec is not None:
            return self
        cls = _optional(hint) if isinstance(self, Object) else _element(hint)
        if not (isinstance(cls, type) and DECLARED in cls.__dict__):
            raise TypeError(f"{where} is annotated {hint!r}: {type(self).__name__} holds a class declared with @declare")
        return type(self)(cls)

    def specs(self) -> tuple[Spec, ...]:
        return (self.spec,)


class Object(_Nested):
    @override
    def convert(self, conv: Converter, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:
        built = conv.build(self.spec, node, field.name, depth)
        return INVALID if built is None else built

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{ref(self.spec)}"}

    def reference(self) -> str:
        return f"`{self.spec.name}`"


class List(_Nested):
    expected, hint = "a list", "write each entry on its own line starting with '- '"

    def convert(self, conv: Converter, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:
        where = f"'{field.name}' of {owner}"
        if not isinstance(node, Sequence):
            conv.error(node.loc, f"expected {where} to be a list, but got {describe(node)}", self.hint)
            return INVALID
        spec = self.spec
        nested = spec is parent  # a mapping holding its own kind (items of items) counts depth
        if nested and depth + 1 >= MAX_DEPTH:
            conv.error(
                node.loc,
                f"items are nested more than {MAX_DEPTH} levels deep in {owner}",
                "flatten the list: a check box may have sub-items, and those their own, but no deeper",
            )
            return INVALID
        built = [conv.build(spec, child, spec.name, depth + 1 if nested else depth) for child in node.items]
        if any(b is None for b in built):
            return INVALID
        if field.required and not built:
            # 'or remove it' was said too, of a key that is required: followed, it was the next error ('missing required key')
            conv.error(node.loc, f"{where} is empty", f"add at least one {spec.name} under '{field.name}:', each on its own line starting with '- '")
            return INVALID
        return tuple(built)

    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{ref(self.spec)}"}}
        if required:
            out["minItems"] = 1
        return out

    def reference(self) -> str:
        return f"list of `{self.spec.name}`"


class IdMap(_Nested):
    """A mapping of id: entry; each entry is built with its key as its id."""

    expected, hint = "a mapping of id: value", "write one 'id: {...}' line per entry"

    @override
    def convert(self, conv: Converter, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:
        where = f"'{field.name}' of {owner}"
        if isinstance(node, Scalar) and node.kind == "null":
            return ()
        if not isinstance(node, Mapping):
            conv.error(node.loc, f"expected {where} to be a mapping of id: value, but got {describe(node)}", self.hint)
            return INVALID
        spec, built = self.spec, list[Any]()
        for key, value in node.entries:
            ident = Id().scalar(conv, key, f"a key of {where}")
            if ident is INVALID:
                built.append(None)
                continue
            built.append(conv.build(spec, value, f"{spec.name.replace('_', ' ')} '{ident}'", depth, extra={"id": ident}, at={"id": key.loc}))
        return INVALID if any(b is None for b in built) else tuple(built)

    @override
    def schema(self, ref: Callable[[Spec], str], required: bool) -> dict[str, Any]:
        return {
            "type": ["object", "null"],
            "propertyNames": {"pattern": ID_PATTERN, "maxLength": MAX_ID},
            "additionalProperties": {"$ref": f"#/$defs/{ref(self.spec)}"},
        }

    def reference(self) -> str:
        return f"id: `{self.spec.name}`"


@dataclass(frozen=True)
class Field:
    """One key of a mapping in the format, as a model attribute declares it (``declared``): its type, meaning and example.

    Its type is bound to the attribute's annotation (the kind of text, the class held); its default
    is the attribute's default (None where it has none, or one made by a factory).
    """

    name: str
    type: FieldType
    doc: str
    required: bool = False
    example: Any = None
    default: Any = None


@dataclass(frozen=True)
class Spec:
    """A kind of mapping in the format, derived from the model class it builds (``spec_of``)."""

    name: str
    cls: Callable[..., Any]  # builds the model object: its class, or a function (a group without sign-off)
    doc: str
    fields: tuple[Field, ...]
    shorthand: str | None = None  # a plain text in place of the mapping sets this field

    def field(self, name: str) -> Field | None:
        return self._by_name.get(name)

    @cached_property
    def _by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}


# ---- the declaration: a model attribute that is a key of the format --------------------------------

DECLARED = "__format__"  # the metadata key of a declared attribute, and the class attribute @declare sets


@dataclass(frozen=True)
class Declared:
    """What ``declared`` records on an attribute: how the key is read, what it means, whether it must be given."""

    type: FieldType
    doc: str
    required: bool
    example: Any


def declared(
    type: FieldType, doc: str, *, required: bool = False, example: Any = None, default: Any = MISSING, default_factory: Any = MISSING, compare: bool = True
) -> Any:
    """A model attribute that is a key of the format: the reader (``type``), the meaning (``doc``, the reference's and the
    JSON Schema's description), whether the file must give it, an example, and the attribute's default.

    The annotation says what the attribute holds (``InlineMarkdown``, ``tuple[Item, ...]``, ``Priority | None``) and
    so which kind of text it is; ``Line()``, ``Choice()``, ``List()`` take their kind, Enum or class from it.
    """
    meta = {DECLARED: Declared(type, doc, required, example)}
    return dataclasses.field(default=default, default_factory=default_factory, compare=compare, metadata=meta)


_C = TypeVar("_C")


@overload
def declare(cls: type[_C], /) -> type[_C]: ...
@overload
def declare(*, name: str | None = None, shorthand: str | None = None) -> Callable[[type[_C]], type[_C]]: ...
@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(dataclasses.field, declared))
def declare(cls: Any = None, /, *, name: str | None = None, shorthand: str | None = None) -> Any:
    """A model class of the format: frozen, built by keyword, its ``declared`` attributes the keys of its mapping.

    The first paragraph of its docstring is the mapping's meaning; its name is the class's in snake case
    (or ``name``); ``shorthand``: a plain text in place of the mapping sets this attribute.
    """

    def wrap(cls: Any) -> Any:
        doc = cls.__dict__.get("__doc__")
        if not doc:
            raise TypeError(f"{cls.__name__}: a declared class says what it is in its docstring (the reference's text)")
        missing = [name for name in ("loc", "places") if name not in cls.__dict__.get("__annotations__", {})]
        if missing:  # Converter.build gives every object both: its own place and each of its keys' values' places
            raise TypeError(f"{cls.__name__}: a declared class keeps where it was written: add {' and '.join(missing)} (see model._loc, model._places)")
        summary = " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())
        setattr(cls, DECLARED, (name or re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower(), summary, shorthand))
        return dataclasses.dataclass(frozen=True, kw_only=True)(cls)

    return wrap if cls is None else wrap(cls)


_SPECS: dict[Any, Spec] = {}


def spec_of(cls: type) -> Spec:
    """The Spec of a class declared with ``@declare``: its declared attributes, in order, bound to their annotations."""
    spec = _SPECS.get(cls)
    if spec is None:
        name, doc, shorthand = cls.__dict__[DECLARED]
        hints = typing.get_type_hints(cls)
        fields = []
        for f in dataclasses.fields(cls):
            d = f.metadata.get(DECLARED)
            given = d is not None and d.required or f.name == "id"  # an id map gives its entries their id
            if f.default is MISSING and f.default_factory is MISSING and not given:
                raise TypeError(f"{cls.__name__}.{f.name} has no default: declare it required=True, or give it a default")
            if d is not None:
                kind = d.type.bind(hints[f.name], f"{cls.__name__}.{f.name}")
                fields.append(Field(f.name, kind, d.doc, d.required, d.example, None if f.default is MISSING else f.default))
        spec = _SPECS[cls] = Spec(name, cls, doc, tuple(fields), shorthand)
    return spec


def view(cls: type, name: str, doc: str, leave_out: tuple[str, ...], **fixed: Any) -> Spec:
    """Another mapping building ``cls``: its declared keys but ``leave_out``, the attributes ``fixed`` set (a part's groups)."""
    spec = _SPECS.get(name)
    if spec is None:
        whole = spec_of(cls)
        spec = _SPECS[name] = Spec(name, functools.partial(cls, **fixed), doc, tuple(f for f in whole.fields if f.name not in leave_out))
    return spec


def _optional(hint: Any) -> Any:
    """``X`` of an annotation ``X | None`` (or ``X``)."""
    if typing.get_origin(hint) in (Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _element(hint: Any) -> Any:
    """``X`` of an annotation ``tuple[X, ...]``."""
    args = typing.get_args(hint)
    return args[0] if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis else None


def _text_kind(kind: Any, where: str) -> type[Text]:
    if not (isinstance(kind, type) and issubclass(kind, Text)):
        raise TypeError(f"{where} is annotated {kind!r}: a text is annotated with its kind (InlineMarkdown, PlainText, ...)")
    return kind


class Converter:
    """Builds model objects from nodes, collecting an Issue for every problem instead of stopping."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self.issues.append(Issue(loc, message, hint))

    def build(self, spec: Spec, node: Node, where: str, depth: int = 0, extra: dict[str, Any] | None = None, at: dict[str, Loc] | None = None) -> Any:
        """The model object ``node`` writes as ``spec`` (None where it has errors, each collected): ``extra`` values its
        mapping does not hold (an id map's entry its id), ``at`` their places; every object keeps the place of each of its
        keys' values (``places``: a problem with one value is said at it, not at the mapping's first line)."""
        if spec.shorthand and isinstance(node, Scalar) and node.kind == "str":
            field = spec.field(spec.shorthand)
            assert field is not None
            value = field.type.scalar(self, node, f"{where} text")
            return None if value is INVALID else spec.cls(**{spec.shorthand: value}, loc=node.loc, places={spec.shorthand: node.loc})
        if spec.shorthand and isinstance(node, Mapping) and len(node.entries) == 1 and spec.field(node.entries[0][0].value) is None:
            key = node.entries[0][0]
            self.error(
                key.loc, f"'{key.value}: ...' reads as a key, not as the text of {where}", "quote a text that contains ': ', e.g. - \"Check this: that\""
            )
            return None
        if not isinstance(node, Mapping):
            self.error(
                node.loc,
                f"expected {where} to be a mapping of keys, but got {describe(node)}",
                f"write it as 'key: value' lines ({', '.join(f.name for f in spec.fields[:3])}, ...)",
            )
            return None
        return self._mapping(spec, node, where, depth, extra, at)

    def _mapping(self, spec: Spec, node: Mapping, where: str, depth: int, extra: dict[str, Any] | None, at: dict[str, Loc] | None) -> Any:
        values: dict[str, Any] = {}
        names = [f.name for f in spec.fields]
        label = where
        id_node = next((v for k, v in node.entries if k.value == "id"), None)
        if isinstance(id_node, Scalar) and id_node.kind == "str" and id_node.value:
            label = f"{where} '{id_node.value}'"
        ok = True
        places: dict[str, Loc] = dict(at or {})
        present = {k.value for k, _ in node.entries}
        meant: set[str] = set()  # required keys a misspelled one stands for: said with it, not again as missing
        for key, value in node.entries:
            field = spec.field(key.value)
            if field is None:
                # past what is said of a file (errors.capped) no hint is looked for: 50,000 unknown keys took 47 s of difflib
                close = difflib.get_close_matches(key.value, names, n=1, cutoff=0.6) if len(self.issues) < SAID_PER_FILE else []
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(names)}; {NEWER}"
                wanted = spec.field(close[0]) if close else None
                missing = wanted is not None and wanted.required and wanted.name not in present and wanted.name not in meant
                if missing:
                    meant.add(close[0])
                    hint = f"did you mean '{close[0]}'? write '{close[0]}:' for '{key.value}:'"
                said = f" (and its required key '{close[0]}' is missing)" if missing else ""
                self.error(key.loc, f"unknown key '{key.value}' in {label}{said}", hint)
                ok = False
                continue
            places[field.name] = value.loc
            converted = field.type.convert(self, field, value, label, depth, spec)
            if converted is INVALID:
                ok = False
            else:
                values[field.name] = converted
        for field in spec.fields:
            if field.required and field.name not in present and field.name not in meant:
                self.error(node.loc, f"missing required key '{field.name}' in {label}", f"add '{field.name}:' ({field.doc.rstrip('.').lower()})")
                ok = False
        if not ok:
            return None
        return spec.cls(**values, **(extra or {}), loc=node.loc, places=places)


def walk(root: Spec) -> list[Spec]:
    """Every Spec reachable from ``root``, each once, in declaration order."""
    seen: list[Spec] = []

    def visit(spec: Spec) -> None:
        if spec in seen:
            return
        seen.append(spec)
        for f in spec.fields:
            for inner in f.type.specs():
                visit(inner)

    visit(root)
    return seen


def values(obj: Any, spec: Spec) -> Iterator[tuple[str, Any, Any]]:
    """(field name, value, owner object) for every scalar value of a model object, walked by its declaration."""
    for f in spec.fields:
        value = getattr(obj, f.name, None)
        inner = f.type.specs()
        many = value if isinstance(value, tuple) else () if value is None else (value,)
        if inner:
            for child in many:
                yield from values(child, inner[0])
        else:
            for one in many:
                yield f.name, one, obj


def mapping_of(obj: Any, spec: Spec) -> dict[str, Any]:
    """The mapping ``obj`` writes as ``spec``: each key it declares that ``obj`` has and gives, in the declaration's order.

    ``obj`` is a model object, or any object with attributes named as the keys (the importer's drafts).
    A key is given unless empty (None, '', no entries) or false where the format's default is true;
    a required key is always written. Nested objects are written by their own field's Spec (an id map
    as id: mapping), choices as their text, paragraphs (a list) of a Markdown key as one block.

    >>> from .model import Change, State
    >>> mapping_of(Change(item=Ident("db-backup"), state=State.DONE, with_open=False), spec_of(Change))
    {'item': 'db-backup', 'state': 'done'}
    """
    out: dict[str, Any] = {}
    for f in spec.fields:
        value = getattr(obj, f.name, None)
        if f.required or value or (value is False and f.default is True):
            out[f.name] = _plain(value, f)
    return out


def _plain(value: Any, f: Field) -> Any:
    if isinstance(value, list) and isinstance(f.type, Markdown):
        return "\n\n".join(value)
    inner = f.type.specs()
    if isinstance(value, (list, tuple)):
        if inner and isinstance(f.type, IdMap):
            return {str(v.id): mapping_of(v, inner[0]) for v in value}
        return [mapping_of(v, inner[0]) if inner else _scalar(v) for v in value]
    if inner and value is not None:
        return mapping_of(value, inner[0])
    return _scalar(value)


def _scalar(value: Any) -> Any:
    """A value as plain data: a choice as its text, a text of a kind as a str."""
    if isinstance(value, Enum):
        return value.value
    return str(value) if isinstance(value, str) else value
