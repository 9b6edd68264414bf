"""Repair text whose UTF-8 bytes were once decoded as a single-byte code page ("ðŸ”´" -> "🔴")."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Windows-1252 first (any run of it); then the code pages of a Mac (Mac Roman: "‚úÖ"), a Turkish Windows
# ("ğŸ“…") and a Russian one ("вњ…"), for runs that give symbols and emoji alone (three bytes or more a character):
# their letters (é is 0x8E on a Mac) make valid UTF-8 of real words too often to trust for accented letters.
_CODECS = ("cp1252", "mac_roman", "cp1254", "cp1251")


@cache
def _table(codec: str) -> tuple[dict[str, int], tuple[int, ...], re.Pattern[str]]:
    """What each character of the code page's upper half was as a byte; the bytes it leaves undefined (a decoder
    drops them, so a repair may need them back); a run of its characters."""
    chars: dict[str, int] = {}
    undefined: list[int] = []
    for byte in range(0x80, 0x100):
        try:
            chars[bytes([byte]).decode(codec)] = byte
        except UnicodeDecodeError:
            undefined.append(byte)
    if codec == "mac_roman":  # its 0xF0 is the Apple logo, a private character that other systems drop
        undefined.append(0xF0)
    if codec == "cp1252":  # a lenient decoder passes the undefined bytes through as C1 controls
        chars.update({chr(byte): byte for byte in range(0x80, 0x100) if chr(byte) not in chars})
    return chars, tuple(undefined), re.compile("[" + re.escape("".join(sorted(chars))) + "]+")


def _plausible(text: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cn", "Co", "Cs", "Cc") for ch in text)


def _decode(raw: bytes, undefined: tuple[int, ...], budget: int = 2) -> list[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if budget == 0:
            return []
        # A sequence one byte short lost an undefined byte on the way (its first one, too): try putting it back.
        found: list[str] = []
        for pos in range(exc.start, min(exc.start + 4, len(raw)) + 1):
            for byte in undefined:
                found += _decode(raw[:pos] + bytes([byte]) + raw[pos:], undefined, budget - 1)
        return found
    return [text] if _plausible(text) else []


def _repair_as(text: str, codec: str) -> str:
    chars, undefined, run = _table(codec)

    def fix(match: re.Match[str]) -> str:
        found = match.group(0)
        if len(found) < 2:
            return found
        candidates = set(_decode(bytes(chars[ch] for ch in found), undefined))
        # Where a dropped byte could have been any of several, the original is lost: keep the run.
        if len(candidates) != 1:
            return found
        fixed = candidates.pop()
        return fixed if codec == "cp1252" or all(ord(ch) >= 0x800 for ch in fixed) else found

    return run.sub(fix, text)


def repair(text: str) -> str:
    """Return ``text`` with mojibake runs decoded back to what they were.

    >>> repair("ðŸ”´ Firebase")
    '🔴 Firebase'
    >>> repair("café")  # a lone accented letter is not mojibake and stays
    'café'
    >>> repair("‚úÖ Backups, üìÖ 2025-01-05, ğŸ“… 2025-01-07, вњ… Готово")  # Mac Roman, Turkish, Russian code pages
    '✅ Backups, 📅 2025-01-05, 📅 2025-01-07, ✅ Готово'
    >>> repair("«été», Caf√©, Größe, Привет")  # their letters stay as written
    '«été», Caf√©, Größe, Привет'

    Windows-1252 leaves five bytes undefined and decoders drop them; where a run lost one,
    the repair succeeds only when a single byte makes it valid UTF-8 again.
    """
    for codec in _CODECS:
        text = _repair_as(text, codec)
    return text
