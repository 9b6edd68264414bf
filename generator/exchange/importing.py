"""The import command: Markdown in, a checked checklist (and its status file and note pages) out, or nothing at all."""

from __future__ import annotations

import codecs
import datetime
import functools
import math
import re
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError, CheckFailed, Issue, Loc, UsageError
from ..files import NAME_MAX, write_new
from ..format.fold import DEVICE_HINT, DEVICE_IDS, RECORD_SUFFIX, STATUS_SUFFIX, entry_name, record_name, refused_run, status_name
from ..format.load import MAX_BYTES, Mapping, load_text, size_issue
from ..format.model import Attendee, Change, Checklist, DecisionRecord, Entry, ItemState, RoleApproval, RunEvent, Signoff, State, Status, Vote
from ..format.schema import STATUS
from ..format.types import Ident, InlineMarkdown, Name, PlainText, mapping_of
from ..format.validate import load_all, load_data_file
from ..progress.record import entry_text, slug
from .csvrows import csv_rows
from .dialects import is_prose
from .docx import docx_text
from .drafts import Recorded, dump
from .importer import Imported, Options, import_markdown
from .marks import Level, Markers, parse_marker
from .walk import BLANK
from .xmlfiles import zipped_text


@dataclass(frozen=True)
class Written:
    """What an import produced: file name -> text, and the lines of its summary."""

    files: dict[Path, str]
    summary: list[str]
    warnings: list[str] = field(default_factory=list)


# A line that is a link to a CSV file alone: a Notion page's database where it stands on the page, exported beside it
# ('[Launch tasks](Launch%20plan%20d1e2…/Launch%20tasks%209f8e….csv)').
_TABLE_LINK = re.compile(r"^[ \t]*\[([^\[\]]+)\]\(<?([^()<>\s]+\.csv)>?\)[ \t]*$", re.I)


def tables_beside(source: Path, text: str) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The tables a Markdown file links from lines of their own and that are exported beside it, in its folder or one
    under it (a Notion page's databases: a CSV file each): each line's number (from 0) and the Markdown of the table's
    rows (csvrows.csv_rows, as a CSV file is imported; its headings a level under the page's). A link to an address,
    to a file outside the page's folder or to none stays a link.
    """
    if str(source) == "-" or source.suffix.lower() not in (".md", ".markdown"):
        return ()
    base = source.parent.resolve()
    found: list[tuple[int, tuple[str, ...]]] = []
    for number, line in enumerate(text.split("\n")):
        link = _TABLE_LINK.match(line)
        target = urllib.parse.unquote(link.group(2)) if link else ""
        if not target or re.match(r"^[A-Za-z][\w+.-]*:", target) or target.startswith(("/", "\\")):
            continue
        path = (base / target).resolve()
        if not path.is_relative_to(base) or not path.is_file():
            continue
        rows = csv_rows(read_source(path).split("\n"))
        found.append((number, tuple("#" + row if row.startswith("#") else row for row in rows)))
    return tuple(found)


def read_source(path: Path) -> str:
    """The Markdown file (or standard input, '-'), at most the size limit even through a pipe, decoded (decode_source)."""
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with path.open("rb") as stream:
                data = stream.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise BuildError(f"{path} is a folder: import reads one file", f"pass the file that holds the checklist, e.g. {path}/README.md") from None
    except FileNotFoundError:
        raise BuildError(f"{path} does not exist", "pass the path of the file to import (or - to read standard input)") from None
    except OSError as exc:
        raise BuildError(f"cannot read {path}: {exc.strerror}", "check the path and its permissions") from None
    if len(data) > MAX_BYTES:
        raise CheckFailed([size_issue(Loc("<stdin>" if str(path) == "-" else str(path)), len(data))])
    if data.startswith(b"PK\x03\x04") and (words := docx_text(data)) is not None:
        return words  # a Word document: the lines of text it shows
    if data.startswith(b"PK\x03\x04") and path.suffix.lower() in _ZIPPED and (found := zipped_text(data)) is not None:
        return found[0]  # a spreadsheet's rows as CSV, an OpenDocument text's lines
    if path.suffix.lower() in (".docx", *_ZIPPED):  # damaged, or not what it is named: refused, its bytes read as no text
        raise CheckFailed([Issue(Loc(str(path), 1, 1), "no check boxes found, so there is no checklist to import", _no_boxes_hint(path, "\x00"))])
    return decode_source(data)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16's, which it starts with
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _wide(data: bytes) -> str:
    """The UTF-16 encoding a file without a byte order mark is written in, told by its zero bytes: every character
    of Latin-1 (the spaces, digits and brackets of any checklist) has one, the second byte of its pair in
    little-endian, the first in big-endian; UTF-8 text has none. '' if it is not UTF-16.

    >>> _wide("- [ ] Backups".encode("utf-16-le")), _wide("- [ ] Backups".encode("utf-16-be")), _wide(b"- [ ] Backups")
    ('utf-16-le', 'utf-16-be', '')
    """
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 2 or len(data) % 2:
        return ""
    even, odd = head[0 : pairs * 2 : 2].count(0), head[1 : pairs * 2 : 2].count(0)
    if odd >= pairs * 0.1 and odd > even:
        return "utf-16-le"
    if even >= pairs * 0.1 and even > odd:
        return "utf-16-be"
    return ""


_ZIPPED = (".xlsx", ".ods", ".odt")  # zipped XML read (xmlfiles.zipped_text), as a Word document is
_OTHER_FORMATS = {".json": "JSON", ".xlsx": "a spreadsheet it cannot open (damaged, or not one)", ".xls": "an old Excel spreadsheet (.xls)",
                  ".ods": "a spreadsheet it cannot open (damaged, or not one)", ".docx": "a Word document", ".doc": "a Word document",
                  ".odt": "a document it cannot open (damaged, or not one)", ".pdf": "a PDF", ".pptx": "a presentation",
                  ".xml": "XML that holds no checklist import reads (DocBook, DITA, OPML, Confluence's storage format, Jira's XML export,"
                          " XML data listing tasks as its JSON would; an entity declared is never read): its JSON, CSV or YAML export may"}  # fmt: skip
READS = (
    "Markdown, org-mode, AsciiDoc, reStructuredText, MediaWiki, Jira wiki markup, Textile, HTML, POD, a Jupyter notebook, a GitHub issue form"
    ", an Evernote export, an OPML outline, TaskPaper, iCalendar to-dos, YAML or JSON lists of tasks (a text and a state each)"
    ", CSV rows, spreadsheets (.xlsx, .ods), a Word document's lines (.docx), an OpenDocument text (.odt), DocBook and DITA, Jira's XML"
    " export, XML data listing tasks, or plain text lines (.txt)"
)


def _not_a_checklist_already(source: Path, text: str) -> None:
    """A file that is checklist YAML already (an id and sections, as data/*.yaml) is refused: importing it read its
    YAML lines as Markdown, 291 items of the shipped checklist's keys."""
    if source.suffix.lower() not in (".yaml", ".yml") or not re.search(r"^sections:", text, re.M):
        return
    tree, _ = load_text(text, str(source))
    if isinstance(tree, Mapping) and {"id", "sections"} <= {k.value for k, _ in tree.entries}:
        message = "this is checklist YAML already (it has an id and sections): there is nothing to import"
        raise CheckFailed([Issue(Loc(str(source), 1, 1), message, "copy it into data/ and run 'checklist-site check'")])


def _not_an_article(source: Path, imported: Imported) -> None:
    """An article about checklists (its boxes examples it shows, or advice among prose) is refused, saying so at its
    first example: it was read as a checklist of its examples."""
    if imported.about is not None:
        line, said, hint = imported.about
        message = f"this reads as an article about checklists, not a checklist: {said}, so there is no checklist to import"
        raise CheckFailed([Issue(Loc(str(source), *imported.source.place(line)), message, hint)])


_README = (
    "the file is a project's README (its headings are a README's sections: features, installation, usage): its lists"
    " describe the project, not checks to do; import the release checklist itself, or write its steps as '- [ ] Do this' lines"
)


def _no_boxes_hint(source: Path, text: str, versions: str = "") -> str:
    """What to do about a file without a box: write them, or (a file of a format import does not read, a binary
    file) save it as one it reads."""
    read = source.suffix.lower() in (".docx", *_ZIPPED) and "\x00" not in text  # a Word document, a spreadsheet read as its text
    kind = ("" if read else _OTHER_FORMATS.get(source.suffix.lower())) or ("binary" if "\x00" in text else "")
    if kind:
        return f"the file is {kind}: import reads {READS}; save the checklist as one of them (in Markdown, '- [ ] Do this' lines)"
    if source.suffix.lower() in (".csv", ".tsv"):
        return "a CSV file's rows after its head are items: give it a head ('Task,Done') and a row for each check"
    if source.suffix.lower() in (".yml", ".yaml") and re.search(r"^body:\s*$", text, re.M):
        return (
            "the issue form has no checkboxes element: its fields (inputs, text areas, dropdowns) are filled in, not ticked;"
            " import a form with a 'type: checkboxes' element, or write its checks as '- [ ] Do this' lines"
        )
    if source.suffix.lower() in (".txt", ".text", ".docx") and is_prose(text.split("\n")):
        return (
            "the text is prose, paragraphs of sentences wrapped over lines (an e-mail, a note), not a list: a text file's"
            " checklist has an item on each line; put each check on a line of its own ('- [ ] Do this' lines work too)"
        )
    if re.search(r"<script\b", text, re.I) and re.search(r"<(?:html|body|div)\b", text, re.I):
        return (
            "the page builds its list with a script (React, document.write), which import does not run: save the page as"
            " the browser shows it (Save Page As…, 'Web Page, complete') and import that, or export the list the script reads"
        )
    if versions:
        return (
            f"the file is a changelog (its headings are versions: '{versions[:60]}'): its list items are changes made, not"
            " checks to do; import the release checklist itself, or write its steps as '- [ ] Do this' lines"
        )
    if re.search(r"^\s*\|.*\|\s*$\n^\s*\|?\s*:?-{3,}", text, re.M):  # tables, none with a box or a column to tick
        return "items are task list lines ('- [ ] Do this') or table rows with a '[ ]' cell: give a table of checks a 'Done' column left empty"
    return "items are task list lines ('- [ ] Do this'), list items, 'Step 1: …' lines or table rows with a '[ ]' cell"


def decode_source(data: bytes) -> str:
    """A file's text as its editor saved it: by its byte order mark (UTF-8, UTF-16 or UTF-32, as Windows editors and
    PowerShell write them), else UTF-16 told by its zero bytes, else UTF-8, else the encoding the file declares, else an
    East Asian one its characters read well in, else a Cyrillic one its words read in, else Windows-1252; the mark
    left out."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(encoding, errors="replace")
    wide = _wide(data)
    if wide:
        return data.decode(wide, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in (_declared(data), _east_asian(data), _cyrillic(data)):
        if encoding:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:  # the declaration is wrong: the bytes are read as below
                continue
    return data.decode("cp1252", errors="replace")


# A file's own word on its encoding: HTML's '<meta charset="gbk">', XML's 'encoding="Shift_JIS"', an editor's '-*- coding: big5 -*-'.
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z][\w.:-]{1,30})|-\*-.*?coding:\s*([A-Za-z][\w.-]{1,30})""", re.I)


def _declared(data: bytes) -> str:
    """The encoding a file that is no UTF-8 declares in its first 2 KB, where Python knows it (and it is no
    Unicode encoding, which the bytes are not), else ''.

    >>> _declared(b'<meta charset="GB2312">'), _declared(b"# -*- coding: big5 -*-"), _declared(b"charset=utf-8"), _declared(b"x")
    ('gb2312', 'big5', '', '')
    """
    found = _DECLARED.search(data[:2048])
    name = (found.group(1) or found.group(2)).decode("ascii").lower() if found else ""
    try:
        known = codecs.lookup(name).name if name else ""
    except LookupError:
        return ""
    return "" if known.startswith(("utf", "mbcs")) else name


_EAST_ASIAN = ("gb18030", "big5", "shift_jis", "euc_jp", "euc_kr")

# What a text in each encoding's language is made of, per character beyond ASCII: the share of each class of
# characters (its script's common ones: first-level ideographs, kana, Hangul; CJK punctuation and full-width forms;
# the rest) and how many characters the class holds. A reading's chance is the product of its characters' chances.
_PUNCTUATION = 64 + 240  # U+3000-303F, U+FF00-FFEF
_MAKEUP: dict[str, dict[str, tuple[float, int]]] = {
    "chinese-simplified": {"ideograph": (0.85, 3755), "punctuation": (0.12, _PUNCTUATION), "other": (0.03, 20000)},
    "chinese-traditional": {"ideograph": (0.85, 5401), "punctuation": (0.12, _PUNCTUATION), "other": (0.03, 8000)},
    "japanese": {"kana": (0.4, 191), "ideograph": (0.45, 2965), "punctuation": (0.12, _PUNCTUATION), "other": (0.03, 6000)},
    "korean": {"hangul": (0.85, 2350), "punctuation": (0.12, _PUNCTUATION), "other": (0.03, 6000)},
}
_LANGUAGE = {"gb18030": "chinese-simplified", "big5": "chinese-traditional", "shift_jis": "japanese", "euc_jp": "japanese", "euc_kr": "korean"}


def _east_asian(data: bytes) -> str:
    """The East Asian encoding of a file that is no UTF-8 (GB18030, Big5, Shift_JIS, EUC-JP or EUC-KR: Chinese,
    Japanese and Korean editors' defaults), else '' (it is read as Windows-1252). Each reads the bytes as its
    characters; one whose characters are its script's common ones (its first level of ideographs, kana for
    Japanese, Hangul for Korean) nine in ten, standing in runs as words do, may be the file's, and of those the
    reading most likely as a text of its language is (``_likelihood``: EUC-JP's kana read as Big5 are common
    ideographs too, but a Japanese text is made of kana more than a Chinese one of any few hundred ideographs).
    Latin text in Windows-1252 decodes as lone rare ideographs between ASCII letters ('ção' is one), which none is.

    >>> [_east_asian(t.encode(e)) for t, e in (("- [ ] 所有测试通过", "gbk"), ("- [ ] 程式碼審查完成", "big5"), ("- [ ] テストを実行する", "shift_jis"))]
    ['gb18030', 'big5', 'shift_jis']
    >>> [_east_asian(t.encode(e)) for t, e in (("- [ ] タグを付ける", "euc_jp"), ("- [ ] テストを実行する", "euc_jp"), ("- [ ] 코드 검토 완료", "euc_kr"))]
    ['euc_jp', 'euc_jp', 'euc_kr']
    >>> _east_asian("- [ ] Verificar a configuração do coração".encode("cp1252"))
    ''
    """
    best, likeliest = "", -math.inf
    for encoding in _EAST_ASIAN:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        wide = [n for n, c in enumerate(text) if ord(c) > 0x7F]
        if len(wide) < 2:
            continue
        kinds = [_kind(text[n], encoding) for n in wide]
        common = sum(kind != "other" for kind in kinds) / len(wide)
        together = sum(1 for n in wide if ord(text[n - 1]) > 0x7F or (n + 1 < len(text) and ord(text[n + 1]) > 0x7F)) / len(wide)
        chance = _likelihood(kinds, _LANGUAGE[encoding], [text[n] for n in wide])
        if together >= 0.5 and common >= 0.9 and chance > likeliest:
            best, likeliest = encoding, chance
    return best


def _likelihood(kinds: list[str], language: str, chars: list[str] | None = None) -> float:
    """The log of the chance that a text of ``language`` is made of characters of these kinds, each one of its class
    (``_MAKEUP``): a Hangul syllable (of ``chars``) as likely as its letters are in Korean (``_hangul``), any other
    character as any of its class.

    >>> _likelihood(["kana"], "japanese") > _likelihood(["ideograph"], "chinese-traditional") > _likelihood(["ideograph"], "japanese")
    True
    >>> _likelihood(["hangul"], "korean", ["이"]) > _likelihood(["ideograph"], "chinese-simplified") > _likelihood(["hangul"], "korean", ["쀼"])
    True
    """
    makeup = _MAKEUP[language]
    total = 0.0
    for k, kind in enumerate(kinds):
        share, size = makeup[kind] if kind in makeup else makeup["other"]
        total += math.log(share * _hangul(chars[k])) if kind == "hangul" and chars else math.log(share / size)
    return total


# How often each letter of a Hangul syllable is in Korean text, roughly: its initial consonant (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ
# ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ), its vowel (ㅏ ㅐ ㅑ ㅒ ㅓ ㅔ ㅕ ㅖ ㅗ ㅘ ㅙ ㅚ ㅛ ㅜ ㅝ ㅞ ㅟ ㅠ ㅡ ㅢ ㅣ) and its final consonant (none, ㄱ ㄲ ㄳ ㄴ ㄵ ㄶ ㄷ
# ㄹ ㄺ ㄻ ㄼ ㄽ ㄾ ㄿ ㅀ ㅁ ㅂ ㅄ ㅅ ㅆ ㅇ ㅈ ㅊ ㅋ ㅌ ㅍ ㅎ), in Unicode's order. A word of rare syllables ('랙꼈', GBK's '发布' read as
# EUC-KR) is unlikely Korean: every one of the 2,350 syllables EUC-KR holds was as likely as any other.
_INITIAL = (12, 1, 7, 9, 1, 6, 5, 5, 0.2, 8, 0.5, 22, 9, 0.3, 2, 1, 2, 2, 6)
_VOWEL = (20, 4, 1, 0.1, 10, 3, 5, 0.5, 9, 2, 0.2, 1, 2, 7, 1, 0.1, 0.5, 1, 12, 2, 17)
_FINAL = (55, 6, 0.2, 0.05, 12, 0.1, 0.2, 0.3, 8, 0.2, 0.1, 0.2, 0.02, 0.02, 0.02, 0.1, 3, 1.5, 0.3, 1, 2, 6, 0.3, 0.2, 0.05, 0.2, 0.2, 0.2)


def _hangul(char: str) -> float:
    """The chance that a Hangul syllable of Korean text is ``char``, of the syllables EUC-KR holds."""
    return _syllable_weight(ord(char) - 0xAC00) / _euc_kr_weight()


def _syllable_weight(code: int) -> float:
    return _INITIAL[code // 588] * _VOWEL[code // 28 % 21] * _FINAL[code % 28]


@functools.cache
def _euc_kr_weight() -> float:
    total = 0.0
    for code in range(11172):
        try:
            chr(0xAC00 + code).encode("euc_kr")
        except UnicodeEncodeError:
            continue
        total += _syllable_weight(code)
    return total


def _cyrillic(data: bytes) -> str:
    """The Cyrillic encoding of a file that is no UTF-8 (Windows-1251, KOI8-R: Russian, Ukrainian, Bulgarian and
    Serbian Windows' and Unix's defaults), else ''. Its letters are all Cyrillic there, three in four of them standing
    in words of none but them ('legal‑страницы' mixes); Latin text in Windows-1252 has its accented letters inside
    words of ASCII ones ('ção'), which none is. Of the two, the one reading most of the letters in lower case.

    >>> [_cyrillic(t.encode(e)) for t, e in (("- [ ] Все тесты прошли", "cp1251"), ("- [ ] Миграции применены", "koi8_r"))]
    ['cp1251', 'koi8_r']
    >>> _cyrillic("- [ ] Verificar a configuração do coração".encode("cp1252")), _cyrillic("Größe prüfen".encode("cp1252"))
    ('', '')
    """
    high = [n for n, byte in enumerate(data) if byte > 0x7F]
    if len(high) < 4:
        return ""
    best, lowest = "", 0.5
    for encoding in ("cp1251", "koi8_r"):
        text = data.decode(encoding, errors="replace")
        if len(text) != len(data) or not all(0x400 <= ord(text[n]) <= 0x4FF or not text[n].isalpha() for n in high):
            continue
        letters = [n for n in high if text[n].isalpha()]
        words = [word for word in re.findall(r"[^\W\d_]+", text) if any(ord(c) > 0x7F for c in word)]
        pure = sum(len(w) for w in words if all(ord(c) > 0x7F for c in w)) / max(1, sum(len(w) for w in words))
        lower = sum(1 for n in letters if text[n].islower()) / max(1, len(letters))
        if len(letters) >= 4 and pure >= 0.75 and lower > lowest:
            best, lowest = encoding, lower
    return best


def _kind(char: str, encoding: str) -> str:
    """The class of a character read through ``encoding``: 'punctuation' (CJK punctuation and full-width forms),
    'kana' (Japanese encodings), 'hangul' (Korean), 'ideograph' of the encoding's first, most used level, or 'other'
    (half-width katakana, which Japanese rarely writes and KOI8-R's lower case reads as, among them)."""
    code = ord(char)
    if 0xFF61 <= code <= 0xFF9F:
        return "other"
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF:
        return "punctuation"
    if 0x3040 <= code <= 0x30FF:
        return "kana" if encoding in ("shift_jis", "euc_jp") else "other"
    if 0xAC00 <= code <= 0xD7A3:
        return "hangul" if encoding == "euc_kr" else "other"
    if not 0x4E00 <= code <= 0x9FFF or encoding == "euc_kr":
        return "other"
    levels = {"gb18030": ("gb2312", 0xB0A1, 0xD7FE), "big5": ("big5", 0xA440, 0xC67E)}
    family, low, high = levels.get(encoding, ("euc_jp", 0xB0A1, 0xCFFE))
    try:
        pair = char.encode(family)
    except UnicodeEncodeError:
        return "other"
    return "ideograph" if len(pair) == 2 and low <= int.from_bytes(pair, "big") <= high else "other"


def write_all(files: dict[Path, str]) -> None:
    """Write new files as one: all of them, or (on any error, a full disk, an interrupt) none, and no folder made for them;
    never over a file (``files.write_new``)."""
    write_new(files, again="nothing was written: import again once that is done")


def markers_from(specs: list[str]) -> Markers:
    """The default marker mapping with ``--marker MARK=LEVEL`` options applied."""
    overrides: dict[str, Level] = {}
    for spec in specs:
        try:
            mark, level = parse_marker(spec)
        except ValueError as exc:
            raise UsageError(f"--marker: {exc}", "write e.g. --marker 'P1=critical' or --marker 'Nice to have=none'") from None
        overrides[mark] = level
    return Markers.default(overrides)


def ticks(imported: Imported, today: datetime.date) -> Status | None:
    """The source's ticks as a status file holds them: done (or n/a), by "imported", on ``today``; None when nothing is ticked."""
    by = Name("imported")
    items = {i.id: ItemState(id=Ident(i.id), state=State.DONE, by=by, date=today) for i in imported.ticked}
    items |= {i.id: ItemState(id=Ident(i.id), state=State.NOT_APPLICABLE, by=by, date=today) for i in imported.draft.all_items() if i.cancelled}
    items |= {i.id: _as_recorded(i.id, i.recorded) for i in imported.draft.all_items() if i.recorded is not None}  # an export's, as it was
    final = imported.draft.final_signoff
    chosen = [o for o in final.decision.options if o.ticked] if final else []
    approvals = {role: RoleApproval(id=Ident(role), name=Name(name), decision=Vote.GO, date=today) for role, name in final.approved.items()} if final else {}
    roles = {r.id for r in final.approval.roles} if final else set()
    recorded = final.recorded.items() if final else ()
    approvals |= {  # an export's record of an approval: who, the decision and when, as it was
        role: RoleApproval(id=Ident(role), name=Name(a.name), decision=Vote(a.decision), date=a.date) for role, a in recorded if role in roles
    }  # fmt: skip
    signoffs = [  # an export's record of a group's sign-off: who, when, with items open, the note
        Signoff(id=Ident(g.id), name=Name(g.signed.name), date=g.signed.date, note=InlineMarkdown(g.signed.note), with_open=g.signed.with_open)
        for s in imported.draft.sections for g in s.groups if g.signed is not None and g.signoff
    ]  # fmt: skip
    decision = DecisionRecord(decision=Vote.GO if chosen[0].label == "GO" else Vote.NO_GO, by=by, date=today) if len(chosen) == 1 else None
    decided = final.decided if final else None
    if decided is not None and decided.decision == (decision.decision.value if decision else Vote.PENDING.value):  # a box changed by hand since wins
        blockers = tuple(InlineMarkdown(b) for b in decided.blockers)
        decision = DecisionRecord(decision=Vote(decided.decision), by=Name(decided.by or by), date=decided.date, blockers=blockers)
    attendees = tuple(Attendee(name=PlainText(a.name), role=PlainText(a.role), by=PlainText(a.by)) for a in (final.attendees if final else ()))
    if not items and decision is None and not approvals and not signoffs and not attendees:
        return None
    return Status(
        checklist=Ident(imported.draft.id), items=tuple(items.values()), signoffs=tuple(signoffs), approvals=tuple(approvals.values()), decision=decision,
        attendees=attendees,  # the minutes' (a status file holds none: --run records each again)
    )  # fmt: skip


def _as_recorded(ident: str, r: Recorded) -> ItemState:
    return ItemState(
        id=Ident(ident), state=State(r.state), by=Name(r.by), date=r.date, note=InlineMarkdown(r.note),
        reason=InlineMarkdown(r.reason), approver=Name(r.approver),
    )


def status_text(imported: Imported, today: datetime.date) -> str | None:
    """The status file recording the source's ticks."""
    status = ticks(imported, today)
    if status is None or not (status.items or status.signoffs or status.approvals or status.decision):  # attendees alone: the file holds none
        return None
    header = [
        f"Progress imported from the ticked boxes of {imported.source.name} on {today.isoformat()}.",
        "Record more with checklist-site mark; see the README.",
    ]
    return dump(mapping_of(status, STATUS), header)


def run_entries(imported: Imported, folder: Path, today: datetime.date, ident: str = "", after: datetime.datetime | None = None) -> dict[Path, str]:
    """With --run: the run's start, then the source's ticks as one entry by "imported" (in place of a status file).

    ``ident``: the checklist's id (default: the imported one's). ``after``: the latest entry of the checklist's record,
    which the start comes after (as `run start` dates it), so the run is the current one: the start at midnight left a
    run started earlier that day current, and the record commands recording there.
    """
    start = datetime.datetime.combine(today, datetime.time(), datetime.UTC)
    if after is not None and after >= start:
        start = (after + datetime.timedelta(milliseconds=1)).astimezone(datetime.UTC)
    ident = ident or imported.draft.id
    first = folder / entry_name(start, "imported")
    files = {first: entry_text(ident, "imported", start, [Change(run=RunEvent.START)])}
    status = ticks(imported, today) or Status(checklist=Ident(ident))
    by_whom: dict[str, list[Change]] = {"imported": []}  # each recorder's changes an entry of their own (an export's record names them)
    for i in status.items:
        change = Change(item=i.id, state=i.state, note=i.note, reason=i.reason, approver=i.approver)
        by_whom.setdefault(i.by or "imported", []).append(change)
    for g in status.signoffs:  # a sign-off and an approval by who gave it, as `signoff` and `approve --by` record them
        by_whom.setdefault(g.name, []).append(Change(signoff=g.id, with_open=g.with_open, note=g.note))
    for a in status.approvals:
        by_whom.setdefault(a.name or "imported", []).append(Change(approval=a.id, decision=a.decision))
    if status.decision is not None:  # by who announced it, with its blockers (an export's record says them)
        by_whom.setdefault(status.decision.by or "imported", []).append(Change(decision=status.decision.decision, blockers=status.decision.blockers))
    for came in status.attendees:  # the minutes' attendees, by who recorded them
        by_whom.setdefault(came.by or "imported", []).append(Change(attendee=Name(came.name), role=came.role))
    previous = first.name
    for n, (who, changes) in enumerate((who, changes) for who, changes in by_whom.items() if changes):
        at = start + datetime.timedelta(seconds=1 + n)  # written after the start, one after the other
        path = folder / entry_name(at, slug(who))
        files[path] = entry_text(ident, who, at, changes, previous)
        previous = path.name
    return files


def outputs(imported: Imported, output: Path, docs: Path, today: datetime.date, run: str = "") -> dict[Path, str]:
    header = [
        "yaml-language-server: $schema=../docs/schema/checklist.schema.json",
        f"Imported from {Path(imported.source.name).name} by checklist-site import. Ids are URL anchors: keep them stable.",
    ]
    files = {output: dump(imported.draft.data(), header)}
    status = None if run else status_text(imported, today)
    if run:
        files |= run_entries(imported, output.parent / record_name(imported.draft.id) / run, today)
    elif status is not None:
        files[output.with_name(status_name(output.name.rsplit(".", 1)[0]))] = status
    files |= assignments(imported, output.parent / record_name(imported.draft.id) / run, imported.draft.id, today)
    for rel, text in imported.pages.items():
        files[docs / rel] = text
    return files


def assignments(imported: Imported, folder: Path, ident: str, today: datetime.date) -> dict[Path, str]:
    """Owner and due-date columns: the team record's 'assign', one entry by "imported" in ``folder``."""
    assigned = [i for i in imported.draft.all_items() if i.owner]
    if not assigned:
        return {}
    at = datetime.datetime.combine(today, datetime.time(), datetime.UTC)
    changes = [Change(assign=Ident(i.id), to=Name(i.owner), due=i.due) for i in assigned]
    return {folder / entry_name(at, "imported"): entry_text(ident, "imported", at, changes)}


def validate(files: dict[Path, str]) -> list[Issue]:
    """Check the checklist and status file in memory (a scratch folder), as `check` would."""
    with tempfile.TemporaryDirectory(prefix="checklist-import-") as scratch:
        paths = []
        for path, text in files.items():
            if path.suffix == ".yaml":
                folders = [parent.name for parent in path.parents][:2]
                record = next((n for n, name in enumerate(folders, 1) if name.endswith(RECORD_SUFFIX)), 0)  # an entry (1), or a run's (2)
                copy = Path(scratch, *path.parts[len(path.parts) - record - 1 :])
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(text, encoding="utf-8")  # scratch: a copy checked in a temporary folder
                paths.append((copy, str(path)))
        _, issues = load_all(paths)
    return issues


def _check_output(source: Path, output: Path | None, checklist_id: str) -> None:
    """-o names a .yaml file whose status file beside it can be named: a UsageError saying what to give otherwise."""
    if output is not None and output.suffix != ".yaml":
        if output.is_dir():  # 'data/': the hint was '-o data.yaml', a file outside data/ that check does not read
            name = checklist_id or (re.sub(r"[^a-z0-9]+", "-", source.stem.lower()).strip("-") if str(source) != "-" else "") or "NAME"
            raise UsageError(f"-o {output}: a folder; -o names the checklist file to write", f"give the file's name in it, e.g. -o {output / name}.yaml")
        example = output.with_suffix(".yaml") if output.name else Path("data/NAME.yaml")  # '' or '.' has no name to keep
        raise UsageError(f"-o {output}: the checklist file must end in .yaml", f"write e.g. -o {example}; check reads data/*.yaml only")
    if output is not None and len(status_name(output.stem).encode("utf-8", "surrogateescape")) > NAME_MAX:  # the copy checked first failed
        most = NAME_MAX - len(STATUS_SUFFIX)  # the status file of its ticks, beside it, is named longer still
        said = f"-o: the file name '{output.stem[:24]}….yaml' is {len(output.name.encode('utf-8', 'surrogateescape'))} bytes long"
        raise UsageError(f"{said}; its status file beside it could not be named", f"name it with at most {most} bytes before .yaml")


def run_import(
    source: Path,
    output: Path | None,
    docs: Path,
    *,
    checklist_id: str = "",
    markers: list[str] | None = None,
    today: datetime.date | None = None,
    verbose: bool = False,
    run: str = "",
) -> Written:
    """Import ``source``; the files to write (none exists yet, all valid) and the summary. Raises CheckFailed or BuildError."""
    today = today or datetime.date.today()
    _check_output(source, output, checklist_id)
    default_id = output.name.rsplit(".", 1)[0].lower() if output is not None else ""
    if checklist_id and not _valid_id(checklist_id):
        said = f": it is {DEVICE_HINT}" if checklist_id in DEVICE_IDS else ""
        raise UsageError(f"--id {checklist_id!r} is not a valid id{said}", "use lowercase letters, digits and hyphens, e.g. --id web-launch")
    text = read_source(source)
    beside = tables_beside(source, text)
    options = Options(
        checklist_id=checklist_id, default_id=default_id if _valid_id(default_id) else "", markers=markers_from(markers or []), today=today, beside=beside
    )
    _not_a_checklist_already(source, text)
    imported = import_markdown(text, "<stdin>" if str(source) == "-" else str(source), options)
    _not_an_article(source, imported)
    if not imported.boxes:
        versions = imported.source.changelog()  # said at its first version's line, a README at its first section's
        readme = imported.source.readme()
        hint = _README if readme else _no_boxes_hint(source, text, versions[1] if versions else "")
        found = readme or versions
        place = imported.source.place(*found) if found else (1, 1)
        raise CheckFailed([Issue(Loc(str(source), *place), "no check boxes found, so there is no checklist to import", hint)])
    if all(imported.placed.get(b.line) == BLANK for b in imported.boxes):
        first = imported.boxes[0].line
        said = "every check box in the file has nothing after it ('- [ ] ' alone), so there is no checklist to import"
        raise CheckFailed([Issue(Loc(str(source), *imported.source.place(first)), said, "write each step after its box: '- [ ] Back up the database'")])
    target = output or Path(f"{imported.draft.id}.yaml")
    if run and (refused := refused_run(run, "--run")):
        raise refused
    if run and output is not None and output.exists():
        return run_of_existing(imported, source, output, today, run)
    files = outputs(imported, target, docs, today, run)
    issues = validate(files)
    if issues:
        raise CheckFailed(
            [
                *issues,
                Issue(
                    Loc(str(source)), "the import would not pass check, so nothing was written", "this is a bug in the importer: please report it with the file"
                ),
            ]
        )
    taken = [p for p in files if p.exists()] if output is not None else []
    if taken:
        raise BuildError(f"{taken[0]} exists; import never overwrites a file", "choose another -o, or move the file away yourself; nothing was written")
    lines = summary(imported, target, files, output is not None, options.markers.report())
    return Written(files if output is not None else {target: files[target]}, lines, imported.source.summary(verbose))


def run_of_existing(imported: Imported, source: Path, output: Path, today: datetime.date, run: str) -> Written:
    """--run with a checklist file that exists: the source's ticks start run ``run`` of that checklist, which is not written again."""
    existing, issues = load_data_file(output, str(output))
    if issues or not isinstance(existing, Checklist):
        raise CheckFailed(issues or [Issue(Loc(str(output), 1, 1), "not a checklist file", "give -o the checklist the run is of (data/ID.yaml)")])
    known = existing.items_by_id()
    stray = [i for i in imported.draft.all_items() if (i.ticked or i.cancelled) and i.id not in known]
    if stray:
        hint = "tick the checklist's own items: import its export (checklist-site export --format markdown), or record others with mark"
        stray_said = "ticked item '{}' ({}) is not in {}: nothing was written"
        raise CheckFailed([Issue(Loc(str(source), *imported.source.place(i.line, i.text)), stray_said.format(i.id, i.text, output), hint) for i in stray])
    folder = output.parent / record_name(existing.id) / run
    if folder.exists():
        raise BuildError(f"run '{run}' of checklist '{existing.id}' exists already ({folder}/)", "choose another --run name (see checklist-site run list)")
    files = run_entries(imported, folder, today, existing.id, latest_entry(folder.parent)) | assignments(imported, folder, existing.id, today)
    beside = {p: p.read_text(encoding="utf-8") for p in sorted(output.parent.glob("*.yaml"))}  # the checklist, the runbooks it needs
    issues = validate(beside | files)
    if issues:
        hint = "record them with checklist-site mark after run start instead"
        raise CheckFailed([*issues, Issue(Loc(str(source)), f"the ticks would not pass check against {output}, so nothing was written", hint)])
    said = {"{run: start}": "started", "{assign: ": "owners from an Owner column or line, by 'imported'"}
    lines = [f"{output} exists (checklist '{existing.id}'): not written; the item states of {imported.source.name} go into run {run}"]
    for path, text in files.items():
        what = next((w for key, w in said.items() if key in text), _entry_said(text))
        lines.append(f"wrote {path}: run {run} {what}")
    return Written(files, lines, imported.source.summary(False))


def _entry_said(text: str) -> str:
    """What an entry import wrote records, and by whom (an export's record names who recorded each item)."""
    changes = [line.removeprefix("  - {").split(":", 1)[0] for line in text.splitlines() if line.startswith("  - {")]
    who = next((line.removeprefix("by: ").strip('"') for line in text.splitlines() if line.startswith("by: ")), "imported")
    kinds = {"item": "item", "signoff": "sign-off", "approval": "approval", "decision": "decision", "attendee": "attendee"}
    said = [f"{changes.count(kind)} {word}(s)" for kind, word in kinds.items() if kind in changes]
    return f"with {', '.join(said)}, by '{who}'"


def _states_said(imported: Imported) -> str:
    """The item states a status file import wrote holds: ticked boxes done and '[-]' n/a by 'imported', unless an export's
    record under the item says who recorded which state."""
    kept = ticks(imported, datetime.date.today())
    states = [e.state.value for e in kept.items] if kept else []
    counts = ", ".join(f"{states.count(s.value)} {s.value}" for s in State if s.value in states) or "no item"
    recorded = sum(1 for i in imported.draft.all_items() if i.recorded is not None)
    by = f" ({recorded} as the export's record says who and why, the rest by 'imported')" if recorded else ", by 'imported'"
    return f"item states recorded: {counts}{by}"


def latest_entry(record: Path) -> datetime.datetime | None:
    """When the latest entry of a checklist's record folder (every run of it) was recorded; None when it holds none."""
    found = (load_data_file(path, str(path))[0] for path in sorted(record.rglob("*.yaml"))) if record.is_dir() else ()
    return max((entry.at for entry in found if isinstance(entry, Entry)), default=None)


def _valid_id(ident: str) -> bool:
    """An id a checklist may have: its record folder and its pages are named by it, so no name Windows keeps either."""
    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) is not None and len(ident) <= 64 and ident not in DEVICE_IDS


def summary(imported: Imported, target: Path, files: dict[Path, str], writing: bool, markers: str = "") -> list[str]:
    """What became of every box and every block of the source, and what was written."""
    d = imported.draft
    name = imported.source.name
    items = len(d.all_items())
    kinds: dict[str, int] = {}
    for what in imported.placed.values():
        kinds[what] = kinds.get(what, 0) + 1
    blank = kinds.pop(BLANK, 0)
    placed = len(imported.boxes) - len(imported.missing) - blank
    extra = "".join(f", {count} {what}(s)" for what, count in kinds.items() if what not in ("item", "decision box"))
    extra += f"; {blank} with nothing after it, left out" if blank else ""
    lines = [f"{name}: {len(imported.boxes)} check box(es); {placed} written ({items} item(s), {kinds.get('decision box', 0)} decision box(es){extra})"]
    lines += [f"    not written: {name}:{b.line}: {b.text}" for b in imported.missing]
    lines += [f"{name}: {markers}"] if markers else []
    fates = imported.fates
    lines.append(f"{name}: {sum(fates.values())} block(s) read: " + ", ".join(f"{count} → {what}" for what, count in sorted(fates.items())))
    where = f"wrote {target}" if writing else "checklist YAML on standard output"
    lines.append(f"{where}: id '{d.id}', {len(d.sections)} section(s), {items} item(s); it passes check")
    ticked = len(imported.ticked)
    chosen = next((o.label for o in d.final_signoff.decision.options if o.ticked), "") if d.final_signoff else ""
    assigned = sum(1 for i in d.all_items() if i.owner)
    for path in files:
        if path == target or not writing:
            continue
        if path.name.endswith(STATUS_SUFFIX):
            kept = ticks(imported, datetime.date.today())
            approvals, signed = (len(kept.approvals), len(kept.signoffs)) if kept else (0, 0)
            said = _states_said(imported) + (f", {signed} sign-off(s) as recorded" if signed else "")
            said += f", {approvals} approval(s) given" if approvals else ""
            came = len(kept.attendees) if kept else 0  # a status file holds no minutes
            said += f"; {came} attendee(s) of the minutes not written: a status file holds none (import -o CHECKLIST --run NAME records them)" if came else ""
            lines.append(f"wrote {path}: {said}" + (f"; the decision: {chosen}" if chosen else ""))
        elif path.parent.parent.name.endswith(RECORD_SUFFIX):
            what = "started" if "{run: start}" in files[path] else _entry_said(files[path])
            lines.append(f"wrote {path}: run {path.parent.name} {what}")
        elif path.parent.name.endswith(RECORD_SUFFIX):
            lines.append(f"wrote {path}: {assigned} owner(s) from an Owner column or line recorded with 'assign', by 'imported'")
        else:
            lines.append(f"wrote {path}: prose too long for the section notes")
    if (ticked or assigned) and not writing:
        lines.append(f"{ticked} ticked item(s) and {assigned} owner(s) not recorded: import with -o FILE to write the record beside it")
    return lines
