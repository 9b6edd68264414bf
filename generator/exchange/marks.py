"""What the importer reads out of one line of Markdown: priority markers, titles, and ids made from text."""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

from anyascii import anyascii

from ..format.model import Priority


class Level(str, Enum):
    """What a marker means: critical (must not be skipped), a priority, or nothing."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    POST_LAUNCH = "post-launch"
    NONE = "none"

    @property
    def priority(self) -> Priority | None:
        return None if self in (Level.CRITICAL, Level.NONE) else Priority(self.value)


# The documented default mapping (README, "Bring your own checklist"); `import --marker MARK=LEVEL` changes it.
# Emoji and "(R)" may stand anywhere; words count as markers in **bold**, [brackets], (parentheses),
# as a leading "Word:" or as a badge's alt text; MUST and REQUIRED count in capitals anywhere.
DEFAULT_MARKERS: dict[str, Level] = {
    "🔴": Level.CRITICAL,
    ":red_circle:": Level.CRITICAL,
    "❗": Level.CRITICAL,
    "(!)": Level.CRITICAL,
    "(R)": Level.CRITICAL,
    "🟠": Level.HIGH,
    "🟡": Level.MEDIUM,
    "🟢": Level.LOW,
    "🔺": Level.HIGH,  # Obsidian Tasks' priorities: highest, high, medium, low, lowest
    "⏫": Level.HIGH,
    "🔼": Level.MEDIUM,
    "🔽": Level.LOW,
    "⏬": Level.LOW,
    "critical": Level.CRITICAL,
    "must": Level.CRITICAL,
    "required": Level.CRITICAL,
    "blocker": Level.CRITICAL,
    "high": Level.HIGH,
    "high priority": Level.HIGH,
    "medium": Level.MEDIUM,
    "medium priority": Level.MEDIUM,
    "low": Level.LOW,
    "low priority": Level.LOW,
    "highest": Level.HIGH,
    "lowest": Level.LOW,
    "optional": Level.LOW,
    "nice to have": Level.LOW,
    "post-launch": Level.POST_LAUNCH,
    "post launch": Level.POST_LAUNCH,
    # A tracker's scales, as a launch team reads them: P0 and a blocker critical (P1 the highest priority short of it:
    # where P1 is a file's top, --marker 'P1=critical'), SEV0/SEV1 critical, Linear's Urgent high;
    # MoSCoW's must have critical, should high, could low, won't have (this time) after the launch.
    **{f"p{sep}{n}": level for n, level in enumerate((Level.CRITICAL, Level.HIGH, Level.MEDIUM, Level.LOW, Level.LOW)) for sep in ("", "-")},
    **{f"sev{sep}{n}": level for n, level in enumerate((Level.CRITICAL, Level.CRITICAL, Level.HIGH, Level.MEDIUM, Level.LOW)) for sep in ("", "-", " ")},
    "showstopper": Level.CRITICAL,
    "launch blocker": Level.CRITICAL,
    "release blocker": Level.CRITICAL,
    "urgent": Level.HIGH,
    "normal": Level.MEDIUM,  # ClickUp's urgent, high, normal, low
    "must have": Level.CRITICAL,
    "must-have": Level.CRITICAL,
    "should have": Level.HIGH,
    "should-have": Level.HIGH,
    "should": Level.HIGH,
    "could have": Level.LOW,
    "could-have": Level.LOW,
    "could": Level.LOW,
    "won't have": Level.POST_LAUNCH,
    "won't": Level.POST_LAUNCH,
    "wont have": Level.POST_LAUNCH,
}
# The same levels as checklists in other languages write them: German, French, Spanish, Portuguese, Italian, Dutch,
# Polish, the Scandinavian languages, Russian, Japanese, Chinese, Korean, Arabic, Persian, Hebrew and Turkish. Counted
# where English words count (framed: bold, brackets, parentheses, a leading "Word:"), and CJK's 【】 and （）. Words that are common English, or a
# common word in a sentence where they frame no level ("media", "alta"), are left out: a word of these lists is rare in
# English (wordfreq's Zipf frequency under 3; "critique" 3.8, "haute" 3.2, "baja" 3.1 are out, written as phrases).
DEFAULT_MARKERS |= {
    **dict.fromkeys(
        (
            "kritisch", "pflicht", "erforderlich", "zwingend",  # de
            "obligatoire", "bloquant",  # fr
            "crítico", "crítica", "obligatorio", "obligatoria", "bloqueante",  # es
            "obrigatório", "obrigatória", "bloqueador",  # pt (and crítico)
            "critico", "obbligatorio", "obbligatoria", "bloccante",  # it
            "kritiek", "verplicht", "blokkerend",  # nl
            "krytyczne", "krytyczny", "wymagane", "obowiązkowe",  # pl
            "kritisk", "obligatorisk",  # sv, da, no
            "критично", "критический", "критическая", "обязательно",  # ru
            "必須", "必须", "必需", "关键", "關鍵", "重大", "필수",  # ja, zh, ko
            "حرج", "حرجة", "إلزامي", "بحرانی", "حیاتی", "الزامی", "קריטי", "חובה", "kritik", "zorunlu",  # ar, fa, he, tr
        ),
        Level.CRITICAL,
    ),
    **dict.fromkeys(("hoch", "hohe priorität", "wichtig", "haute priorité", "priorité haute", "élevée", "alta prioridad", "alta prioridade",
                     "alta priorità", "hoog", "wysoki", "высокий", "重要", "最優先", "最优先", "高", "높음",
                     "مهم", "أولوية عالية", "اولویت بالا", "חשוב", "עדיפות גבוהה", "önemli", "yüksek öncelik"), Level.HIGH),
    **dict.fromkeys(("mittel", "moyenne", "prioridad media", "prioridade média", "priorità media", "gemiddeld", "średni", "средний", "中",
                     "متوسط", "בינוני"), Level.MEDIUM),
    **dict.fromkeys(
        ("niedrig", "facultatif", "optionnel", "baja prioridad", "prioridad baja", "opcional", "facoltativo", "laag", "niski", "низкий",
         "任意", "低", "推奨", "推荐", "낮음", "اختياري", "اختیاری", "אופציונלי", "isteğe bağlı", "opsiyonel"),
        Level.LOW,
    ),
}
_SYMBOLIC = re.compile(r"^\(.\)$|^:[a-z_]+:$")  # "(R)", ":red_circle:"; and a mark of no letter or digit (:func:`symbolic`)


def symbolic(mark: str) -> bool:
    """Whether ``mark`` is a symbol, matched anywhere in a text: no letter and no digit of any script (an emoji, "(!)",
    "①", "★★"), or one of the forms of :data:`_SYMBOLIC`; else a word, matched where words count.

    >>> [symbolic(m) for m in ("🔴", "(!)", "①", "⚠️", "(R)", ":red_circle:", "P1", "#1", "必須", "ВАЖНО", "Ⅳ")]
    [True, True, True, True, True, True, False, False, False, False, False]
    """
    return bool(_SYMBOLIC.match(mark)) or not any(unicodedata.category(ch) in _WORDLIKE for ch in mark)


_WORDLIKE = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl"}  # letters, decimal digits, letter numbers (Ⅳ): not "①" (No)
# A badge: an image inline, by reference (full, '![High][high_img]', or shortcut, '![high]') or as an <img> tag; its
# alt text may name a level. The blanks before it from their run's start only (tried at each, each read to the run's end).
_BADGE = re.compile(r"(?<!\s)\s*+(?:!\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\]|(?![(\[]))|<img\b[^<>]*?\balt=[\"']([^\"']*)[\"'][^<>]*>)", re.I)
TARGET = re.compile(r"^(.*) \(target: (.+)\)$")  # an item's target after its text, as export writes it and import reads it
_STRONG_CAPS = re.compile(r"\b(MUST|REQUIRED)\b")
# Where a word is a marker (its group 1): framed at the start of the text, then at its end. After a leading frame, white
# space or a colon (French typography puts a space before it; CJK's full-width one needs none after it).
_LEAD = r"(?:\s*[:：]\s*|\s+)"
_FRAMES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"^\s*\*\*[\[(]?([^*\])]{{1,30}}?)[\])]?[:：]?\*\*{_LEAD}",  # **High** text, **High:** text, **High** : text, **(High)** text
        rf"^\s*\[([^\]]{{1,30}})\]{_LEAD}",
        rf"^\s*\(([^)]{{1,30}})\){_LEAD}",
        rf"^\s*_([^_]{{1,30}})_{_LEAD}",
        r"^\s*((?:[^\W_]|[ '’-]){1,20})(?::\s+|\s*：\s*)",  # High: text, 必須：テキスト, P0: text, Won't have: text
        r"^\s*【([^】]{1,30})】\s*[:：]?\s*",  # CJK's brackets and full-width parentheses need no space
        r"^\s*（([^）]{1,30})）\s*[:：]?\s*",
        r"\s+_([^_]{1,30})_\s*$",
        r"\s+[-–—]\s+((?:[^\W_]|[ '’-]){1,20})\s*$",
        r"\s*【([^】]{1,30})】\s*$",
        r"\s*（([^）]{1,30})）\s*$",
        r"\s+\(([^)]{1,30})\)\s*$",
        r"\s+(?:[-–—]\s+)?\*\*[\[(]?([^*\])]{1,30})[\])]?\*\*\s*$",  # text **High**, text **(Required)**, text — **Blocker**
        r"\s+\[([^\]]{1,30})\]\s*$",
    )
)


@dataclass(frozen=True)
class Markers:
    """A mapping of markers to levels; symbols match anywhere, words only where they stand out."""

    table: dict[str, Level]
    # The markers read, as written, and the level each gave: import's report says them (a run's own record, kept
    # apart from the mapping: a new Markers for each import)
    read_so: dict[str, Level] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def default(cls, overrides: dict[str, Level] | None = None) -> Markers:
        table = {k if symbolic(k) else k.lower(): v for k, v in {**DEFAULT_MARKERS, **(overrides or {})}.items()}
        return cls(table)

    def word(self, text: str) -> Level | None:
        """The level a word or phrase names ('High Priority', 'priority: high', '**CRITICAL**', 'P1' when mapped)."""
        key = " ".join(re.sub(r"^priority\s*[:=-]*\s*|\s*priority$", "", text.strip().strip("*_").strip().lower().replace("’", "'")).split())
        return self.table.get(key) or self.table.get(f"{key} priority")

    def said(self, mark: str, level: Level) -> None:
        """Keep that ``mark`` was read as ``level`` (one spelling of a marker: 'P0' and 'p0' are one)."""
        mark = " ".join(mark.strip().strip("*_[]()").split())
        if mark and not any(k.lower() == mark.lower() for k in self.read_so):
            self.read_so[mark] = level

    def report(self) -> str:
        """What the markers read were taken to mean, for import's report ('' when none was read).

        >>> m = Markers.default()
        >>> [m.flags(t)[1:] for t in ("[P0] Backups", "**P1:** Alerts", "Sev1: runbook", "Docs (Won’t have)")]
        [(True, None), (False, <Priority.HIGH: 'high'>), (True, None), (False, <Priority.POST_LAUNCH: 'post-launch'>)]
        >>> m.report()
        "markers read: P0 → critical, P1 → high, Sev1 → critical, Won’t have → post-launch (another meaning: --marker 'P1=critical')"
        """
        if not self.read_so:
            return ""
        said = ", ".join(f"{mark} → {level.value}" for mark, level in self.read_so.items())
        example = next((m for m, level in self.read_so.items() if level is not Level.CRITICAL), next(iter(self.read_so)))
        other = "none" if self.read_so[example] is Level.CRITICAL else "critical"
        return f"markers read: {said} (another meaning: --marker '{example}={other}')"

    def read(self, text: str) -> tuple[str, Level | None]:
        """The text without its decorative markers, and the strongest level they name; code spans are code, read as
        written ('Replace the `🔴` badge' is no critical item, its emoji stays).

        >>> Markers.default().read("Replace the `🔴` badge 🔴")
        ('Replace the `🔴` badge', <Level.CRITICAL: 'critical'>)
        >>> Markers.default().read("Grep for `MUST` and `(Critical)`")
        ('Grep for `MUST` and `(Critical)`', None)
        """
        words, found = self.levels(text)
        return words, strongest(found)

    def flags(self, text: str) -> tuple[str, bool, Priority | None]:
        """The text without its markers, whether they make it critical, and the strongest priority they name besides:
        an item both critical and of its own priority ('🔴 **[High]** Rotate the keys', as the export writes one)
        keeps both.

        >>> Markers.default().flags("🔴 **[High]** Rotate the keys")
        ('Rotate the keys', True, <Priority.HIGH: 'high'>)
        """
        words, found = self.levels(text)
        level = strongest([x for x in found if x is not Level.CRITICAL])
        return words, Level.CRITICAL in found, level.priority if level else None

    def levels(self, text: str) -> tuple[str, list[Level]]:
        """The text without its decorative markers, and every level they name (code spans held aside, as written)."""
        held, back = held_aside(text, CODE_SPAN)
        words, found = self._read(held)
        return back(words), found

    def _read(self, text: str) -> tuple[str, list[Level]]:
        found: list[Level] = []

        def badge(match: re.Match[str]) -> str:
            level = self._alt(match.group(1) or match.group(2) or "")
            if level is None:
                return match.group(0)  # an image that names no level stays
            found.append(level)
            self.said(match.group(1) or match.group(2) or "", level)
            return ""

        text = _BADGE.sub(badge, text)
        for mark, level in self.table.items():
            if symbolic(mark) and mark in text:
                found.append(level)
                self.said(mark, level)
                text = text.replace(mark, " ")
        text, words = self._framed(text)
        found += words
        if (caps := _STRONG_CAPS.search(text)) and "must" in self.table:
            found.append(self.table["must"])
            self.said(caps.group(1), self.table["must"])
        return squeezed(text), found

    def where(self, text: str) -> set[int]:
        """Where :meth:`read` may read a marker in ``text`` (and ``TARGET`` a target): its first character, each symbolic
        mark, the first character of a frame at either end, of a shouted word and of a badge, the parenthesis of a target."""
        found = {len(text) - len(text.lstrip())}
        found |= {m.start() for mark in self.table if symbolic(mark) for m in re.finditer(re.escape(mark), text)}
        for pattern in (*_FRAMES, _STRONG_CAPS, _BADGE):
            found |= {m.start() + len(m.group(0)) - len(m.group(0).lstrip()) for m in pattern.finditer(text)}
        found |= {start for start, _ in _trailing_groups(text)[:-1]}
        target = TARGET.match(text)
        found |= {target.start(2) - len("(target: ")} if target else set()
        code = [range(m.start(), m.end()) for m in CODE_SPAN.finditer(text)]
        return {n for n in found if not any(n in span for span in code)}  # code is read as written

    def _alt(self, alt: str) -> Level | None:
        for piece in re.split(r"[-_:|/ ]+", alt.lower()):
            if piece and piece != "priority" and self.word(piece) is not None:
                return self.word(piece)
        return self.word(alt)

    def _framed(self, text: str) -> tuple[str, list[Level]]:
        """Words in **bold**, _italics_, [brackets], (parentheses), 【】 or （） at either end, a leading 'Word:' or a
        trailing '- Word' (:data:`_FRAMES`); a marker that is all the text is the text."""
        found: list[Level] = []
        changed = True
        while changed:
            changed = False
            for pattern in _FRAMES:
                match = pattern.search(text)
                level = self.word(match.group(1)) if match else None
                if match and level is not None and (text[: match.start()] + text[match.end() :]).strip():  # never the whole title
                    found.append(level)
                    self.said(match.group(1), level)
                    text = text[: match.start()] + " " + text[match.end() :]
                    changed = True
        for start, end in reversed(_trailing_groups(text)[:-1]):  # '(optional) (e.g. StatusCake)': a level before an aside
            level = self.word(text[start + 1 : end - 1].strip())
            if level is not None and text[:start].strip():
                found.append(level)
                self.said(text[start + 1 : end - 1].strip(), level)
                text = text[:start].rstrip() + " " + text[end:].lstrip()
        return text, found


def _trailing_groups(text: str) -> list[tuple[int, int]]:
    """The spans of the parenthesized words that end a text, one after another, in order (none nested): a level among
    them ('SSL monitoring (optional) (e.g. StatusCake)') is read as one at the end is. Read from the end, once.

    >>> _trailing_groups("SSL monitoring (optional) (e.g. StatusCake)")
    [(15, 25), (26, 43)]
    >>> _trailing_groups("Back up (the db) now"), _trailing_groups("f(x) (a)")
    ([], [(5, 8)])
    """
    found: list[tuple[int, int]] = []
    end = len(text.rstrip())
    while end and text[end - 1] == ")":
        start = text.rfind("(", 0, end - 1)
        if start <= 0 or ")" in text[start + 1 : end - 1] or not text[start - 1].isspace():
            break
        found.append((start, end))
        end = len(text[:start].rstrip())
    return found[::-1]


def held_aside(text: str, pattern: re.Pattern[str]) -> tuple[str, Callable[[str], str]]:
    """``text`` with each match of ``pattern`` (a code span) held aside, a stand-in in its place, and the function that
    puts the matches back into a text made of it: so a change of the prose leaves code as written. The stand-in is a
    private-use character the text does not hold, around the match's number: a stand-in of a fixed character was read
    back from a text that held one ('\ue0005\ue001' pasted from a private-use font), an index no match had.

    >>> held, back = held_aside("Run `a` now \ue0000\ue001", CODE_SPAN)
    >>> held == "Run \ue0020\ue002 now \ue0000\ue001", back(held.replace("now", "then"))
    (True, 'Run `a` then \ue0000\ue001')
    """
    spans: list[str] = []
    if pattern.search(text) is None:
        return text, lambda changed: changed
    held = set(text)
    mark = next(chr(c) for c in itertools.chain(range(0xE000, 0xF900), range(0xF0000, 0x10FFFE)) if chr(c) not in held)

    def hold(found: re.Match[str]) -> str:
        spans.append(found.group(0))
        return f"{mark}{len(spans) - 1}{mark}"

    def back(changed: str) -> str:
        return re.sub(f"{mark}([0-9]+){mark}", lambda m: spans[int(m.group(1))] if int(m.group(1)) < len(spans) else m.group(0), changed)

    return pattern.sub(hold, text), back


CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # a code span, as CommonMark reads one: closed by as many backticks
_CODE_SPAN_LINES = re.compile(CODE_SPAN.pattern, re.DOTALL)  # one of a paragraph's, over its lines


def squeezed(text: str) -> str:
    r"""Text on one line, each run of white space a space, but inside a code span: a command's spaces are its own
    ('`ls  -la`', a column of 'printf "%-8s  %s"'); a line end there is a space, the next line's indent
    left out, as CommonMark reads it.

    >>> squeezed("  Run   `ls  -la`\n  then `a\n  b`  ")
    'Run `ls  -la` then `a b`'
    """
    out, at = [], 0
    for span in _CODE_SPAN_LINES.finditer(text):
        out += [re.sub(r"\s+", " ", text[at : span.start()]), re.sub(r"\r?\n[ \t]*", " ", span.group(0))]
        at = span.end()
    return "".join([*out, re.sub(r"\s+", " ", text[at:])]).strip()


_RANK = [Level.CRITICAL, Level.HIGH, Level.MEDIUM, Level.LOW, Level.POST_LAUNCH, Level.NONE]


def strongest(levels: list[Level]) -> Level | None:
    return min(levels, key=_RANK.index) if levels else None


def parse_marker(spec: str) -> tuple[str, Level]:
    """'P1=critical' -> ('P1', Level.CRITICAL); ValueError with a readable message otherwise."""
    mark, sep, level = spec.rpartition("=")
    if not sep or not mark.strip():
        raise ValueError(f"expected MARK=LEVEL, got {spec!r}")
    try:
        return mark.strip(), Level(level.strip().lower())
    except ValueError:
        raise ValueError(f"unknown level {level!r} in {spec!r}; expected one of {', '.join(v.value for v in Level)}") from None


# ---- titles

_SMALL = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "off", "on", "or", "the", "to", "up", "via", "vs"}


def calm(text: str) -> str:
    """An ALL-CAPS title in title case, small words lowered ('FINAL SIGN-OFF' -> 'Final Sign-off').

    >>> calm("METRICS TO TRACK"), calm("POST-LAUNCH TASKS")
    ('Metrics to Track', 'Post-Launch Tasks')
    """
    words = []
    for n, word in enumerate(text.split(" ")):
        parts = word.lower().split("-")
        parts = [p if (m or n) and p in _SMALL else p[:1].upper() + p[1:] for m, p in enumerate(parts)]
        words.append("-".join(parts))
    return " ".join(words)


def shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def split_icon(text: str) -> tuple[str, str]:
    """('🔐', 'SECTION 1: ...') from '🔐 SECTION 1: ...' or 'SECTION 1: ... 🔐'; an icon still garbled comes back as U+FFFD.

    A word is no icon, Latin-1 letters included: 'É preciso testar' keeps its 'É'.
    """
    match = re.match(r"^([^A-Za-z0-9\s(\[*`\"'_<]+)\s+(.*)$", text)
    if not match or match.group(1).isalpha():
        trailing = re.match(r"^(.*?\S)\s+([^\w\s()\[\]*`\"'<>.,:;!?-]+)$", text)
        if trailing and any(unicodedata.category(ch) == "So" for ch in trailing.group(2)):
            return trailing.group(2), trailing.group(1)
        return "", text
    icon = match.group(1).strip()
    if any(0x80 <= ord(ch) <= 0xFF for ch in icon):
        icon = "\ufffd"
    if not any(unicodedata.category(ch).startswith("S") for ch in icon):
        return "", text
    return icon, match.group(2)


# ---- ids

# Words that carry no meaning in an id. Negations (not, no, never, without) are never dropped.
STOP = {
    "the",
    "a",
    "an",
    "and",
    "or",
    "of",
    "in",
    "for",
    "all",
    "with",
    "is",
    "are",
    "be",
    "at",
    "as",
    "by",
    "just",
    "if",
    "per",
    "least",
    "once",
    "e",
    "g",
    "etc",
    "via",
    "from",
}
_PAREN = re.compile(r"\((?:[^()]|\([^()]*\))*\)")


def words_of(text: str) -> list[str]:
    """The meaning words of a text, lowercased; long parentheses and link targets left out.

    >>> words_of("Do not forget to turn the DEBUG mode OFF.")
    ['do', 'not', 'forget', 'to', 'turn', 'debug', 'mode', 'off']
    >>> words_of("Phone number validation (E.164 format)")
    ['phone', 'number', 'validation', 'e164', 'format']
    >>> words_of("**Charset:** The charset (UTF-8) is declared")
    ['charset', 'utf', '8', 'declared']
    """
    t = re.sub(r"\]\([^)]*\)", "]", text)
    t = t.lower().replace("'", "").replace("’", "").replace("&", " and ").replace("₹", "inr ").replace("→", " to ")
    t = _PAREN.sub(lambda m: m.group(0) if len(m.group(0)) < 18 else " ", t)
    t = re.sub(r"(?<=[a-z])\.(?=[0-9])|(?<=[0-9])\.(?=[a-z0-9])", "", t)
    t = latin(t).lower()
    words = [w for w in re.findall(r"[a-z0-9]+", t) if w not in STOP]
    return [w for n, w in enumerate(words) if n == 0 or w != words[n - 1]]  # '**Charset:** The charset ...': once


_SYLLABIC = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "YI ", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN")


def latin(text: str) -> str:
    """Letters and digits of every script in Latin (anyascii); a syllable of a script without spaces is a word of its own.

    >>> latin("Проверка бэкапов"), latin("数据库备份"), latin("Ελέγχος ✅")
    ('Proverka bekapov', ' Shu  Ju  Ku  Bei  Fen ', 'Elegchos  ')
    """
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch)[0] in "LMN":
            spell = anyascii(ch)
            out.append(f" {spell} " if unicodedata.name(ch, "").startswith(_SYLLABIC) else spell)
        else:
            out.append(" ")  # symbols and emoji are decoration, not words
    return "".join(out)


def slug(text: str, words: int, prefix: str = "") -> str:
    """An id from the first ``words`` meaning words, at most 56 characters; a text without any: a hash of the text.

    >>> slug("✅ 🚀", 3)
    't-803c77d7'
    """
    kept = ([prefix] if prefix else []) + words_of(text)[:words]
    found = "-".join(kept)[:56].strip("-")
    if found:
        return found
    visible = " ".join(text.split())
    return f"t-{hashlib.sha256(visible.encode('utf-8')).hexdigest()[:8]}" if visible else "item"


class Ids:
    """Unique ids for one checklist, settled by the texts and their containers rather than by position.

    When a text's id is taken by a different text, more of its words are used; when it is taken by the
    same text (the same check in two groups), a word of the container's title goes in front.

    >>> ids = Ids(set())
    >>> ids.make("I can add a new node without downtime", 4), ids.make("I can add a new node without stopping", 4)
    ('i-can-add-new', 'i-can-add-new-node-without-stopping')
    >>> ids.make("Run smoke tests", 4, "Staging"), ids.make("Run smoke tests", 4, "Deployment to Production")
    ('run-smoke-tests', 'production-run-smoke-tests')
    """

    def __init__(self, reserved: set[str]) -> None:
        self.used: dict[str, tuple[str, ...]] = {ident: () for ident in reserved}

    def claim(self, ident: str, words: tuple[str, ...] = ()) -> str:
        """``ident`` (an id the file gives) if it is free, else it with a number: a duplicate never reaches the checklist."""
        base = ident[:56].strip("-") or "item"
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used[ident] = words
        return ident

    def make(self, text: str, words: int, context: str = "", prefix: str = "") -> str:
        meaning = tuple(words_of(text))
        base = slug(text, words, prefix)
        candidates = [base]
        other = self.used.get(base)
        if other and other != meaning:  # a different text: up to the first word where the two differ
            differ = next((n for n, (a, b) in enumerate(zip(meaning, other, strict=False)) if a != b), min(len(meaning), len(other)))
            candidates += [slug(text, n, prefix) for n in range(max(words + 1, differ + 1), len(meaning) + 1)]
        candidates += [f"{word}-{base}"[:56].strip("-") for word in reversed(words_of(context))]
        for candidate in candidates:
            if candidate not in self.used:
                self.used[candidate] = meaning
                return candidate
        return self.claim(base, meaning)
