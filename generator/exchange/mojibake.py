"""Repair text whose UTF-8 bytes were once decoded as Windows-1252 ("ðŸ”´" -> "🔴")."""

from __future__ import annotations

import re
import unicodedata

# Bytes that Windows-1252 leaves undefined: a decoder drops them, so a repair may need them back.
_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
_RUN = re.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]+")


def _to_bytes(run: str) -> bytes | None:
    out = bytearray()
    for ch in run:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) > 0xFF:
                return None
            out.append(ord(ch))
    return bytes(out)


def _plausible(text: str) -> bool:
    return all(unicodedata.category(ch) not in ("Cn", "Co", "Cs", "Cc") for ch in text)


def _decode(raw: bytes, budget: int = 2) -> list[str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        if budget == 0:
            return []
        # A sequence one byte short lost an undefined cp1252 byte on the way: try putting it back.
        found: list[str] = []
        for pos in range(exc.start + 1, min(exc.start + 4, len(raw)) + 1):
            for byte in _UNDEFINED:
                found += _decode(raw[:pos] + bytes([byte]) + raw[pos:], budget - 1)
        return found
    return [text] if _plausible(text) else []


def repair(text: str) -> str:
    """Return ``text`` with mojibake runs decoded back to what they were.

    >>> repair("ðŸ”´ Firebase")
    '🔴 Firebase'
    >>> repair("café")  # a lone accented letter is not mojibake and stays
    'café'

    Windows-1252 leaves five bytes undefined and decoders drop them; where a run lost one,
    the repair succeeds only when a single byte makes it valid UTF-8 again.
    """

    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        raw = _to_bytes(run)
        if raw is None or len(run) < 2:
            return run
        candidates = set(_decode(raw))
        # Where a dropped byte could have been any of several, the original is lost: keep the run.
        return candidates.pop() if len(candidates) == 1 else run

    return _RUN.sub(fix, text)
