# ruff: noqa: E501 - a table of characters written as escapes: some rows are longer than a line
"""The table :func:`generator.format.types.read_alike` computes, computed ahead: what the Record panel reads a typed name's
look-alike letters as (each ASCII letter or digit, and the characters that look like it).

Computing it imports the confusables data of the confusable-homoglyphs package (Unicode's confusables.txt, 900 KB of
JSON) and reads all of it: 0.04-0.07 s in each process of a build that writes a checklist's Record panel manifest, on
the critical path of a first build. The table is a function of that file's bytes and of Python's Unicode database
alone (``NFKC`` and case folding), so it is taken from here while both are the ones it was computed from
(:data:`CONFUSABLES`, :data:`UNICODE`), and computed as before otherwise. ``tests/test_alike_table.py`` computes it and
compares; to write this file again: ``python -m generator.format.alike_table``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import unicodedata
from pathlib import Path

CONFUSABLES = "2d8b4774cd9dc6f233a18681bc00423ae270037437f276fc6a8b80630941fe7d"  # SHA-256 of confusable_homoglyphs/confusables.json
UNICODE = "14.0.0"  # unicodedata.unidata_version
TABLE = {
    "'": "\u02b9\u02bb\u02bc\u02bd\u02be\u02c8\u02ca\u02cb\u02f4\u055a\u055d\u144a\u16cc\u2018\u2019\u201b\u2032\u2035\ua78b\ua78c\U00016f51\U00016f52",
    "-": "\u02d7\u2010\u2012\u2013\u2043\u2212\u2796\u2cba",
    "2": "\u01a7\u03e8\u14bf\ua644\ua6ef\ua75a",
    "3": "\u01b7\u021c\u0417\u04e0\u2ccc\ua76a\ua7ab\U000118aa\U000118ca\U00016f3b\U0001d206",
    "4": "\u13ce\uab9e\U000118af",
    "5": "\u01bc\U000118bb",
    "6": "\u0411\u0431\u13ee\u2cd2\uabbe\U000118d5",
    "7": "\U000104d2\U000118c6\U0001d212",
    "8": "\u0222\u0223\u09ea\u0a6a\u0b03\U0001031a",
    "9": "\u09ed\u0a67\u0b68\u0d6d\u2cca\ua76e\U000118ac\U000118b6\U000118cc\U000118d6",
    "a": "\u0251\u0391\u03b1\u0410\u0430\u13aa\u15c5\u237a\u2c6d\ua4ee\uab7a\U000102a0\U00016f40",
    "b": "\u0184\u0392\u0412\u042c\u13cf\u13f4\u13fc\u1472\u15af\u15f7\ua4d0\ua7b4\uab9f\U00010282\U000102a1\U00010301",
    "c": "\u0421\u0441\u13df\u1d04\u2ca4\u2ca5\ua4da\uabaf\U000102a2\U00010302\U00010415\U0001043d\U0001051c\U000118e9\U000118f2\U0001f74c",
    "d": "\u0500\u0501\u13a0\u13e7\u146f\u15de\u15ea\ua4d2\ua4d3\uab70\uabb7",
    "e": "\u0395\u0415\u0435\u04bc\u04bd\u13ac\u212e\u22ff\u2d39\ua4f0\uab32\uab7c\U00010286\U000118a6\U000118ae",
    "f": "\u03dc\u0554\u0584\u15b4\u1e9d\ua4dd\ua798\ua799\uab35\U00010287\U000102a5\U00010525\U000118a2\U000118c2\U0001d213",
    "g": "\u018d\u0261\u050c\u0551\u0581\u13c0\u13f3\u13fb\u1d83\ua4d6\ua7ac\uab90",
    "h": "\u0397\u041d\u04ba\u04bb\u0540\u0570\u13bb\u13c2\u157c\u2c8e\ua4e7\uab8b\uab92\U000102cf",
    "i": "\u0131\u0196\u0269\u026a\u0399\u03b9\u0406\u0456\u04c0\u04cf\u13a5\u13de\u2373\u2c92\u2cd0\ua646\ua647\ua7ae\uab75\uabae\U0001041b\U000118a3\U000118b2\U000118c3",
    "j": "\u037f\u03f3\u0408\u0458\u13ab\u148d\ua4d9\ua7b2\uab7b",
    "k": "\u039a\u041a\u13e6\u16d5\u2c94\ua4d7\uabb6\U00010518",
    "l": "\u01c0\u06f1\u14aa\u16c1\u2223\u23fd\u2d4f\ua4e1\ua4f2\U0001028a\U00010309\U00010320\U00010526\U00016f16\U00016f28\U0001d22a",
    "m": "\u039c\u03fa\u041c\u13b7\u15f0\u16d6\u2c98\ua4df\uab87\U000102b0\U00010311",
    "n": "\u039d\u0548\u054c\u0578\u057c\u2c9a\ua4e0\U00010513",
    "o": "\u039f\u03a3\u03bf\u03c3\u041e\u043e\u0555\u0585\u06f5\u0966\u09e6\u0a66\u0ae6\u0b20\u0b66\u0be6\u0c02\u0c66\u0c82\u0ce6\u0d02\u0d20\u0d66\u0d82\u0e50\u0ed0\u101d\u1040\u10ff\u12d0\u1cbf\u1d0f\u1d11\u2c9e\u2c9f\u2d54\u3007\ua4f3\uab3d\U00010292\U000102ab\U00010404\U0001042c\U000104c2\U000104ea\U00010516\U000114d0\U000118a8\U000118b5\U000118b7\U000118c8\U000118d7\U000118e0",
    "p": "\u03a1\u03c1\u0420\u0440\u13e2\u146d\u2374\u2ca2\u2ca3\ua4d1\uabb2\U00010295",
    "q": "\u051a\u051b\u0533\u0536\u0563\u0566\u2d55",
    "r": "\u01a6\u0413\u0433\u13a1\u13d2\u1587\u1d26\u2c84\u2c85\ua4e3\uab47\uab48\uab71\uab81\uaba2\U000104b4\U00016f35\U0001d216",
    "s": "\u01bd\u0405\u0455\u054f\u13d5\u13da\ua4e2\ua731\uaba5\uabaa\U00010296\U00010420\U00010448\U000118a1\U000118c1\U00016f3a",
    "t": "\u03a4\u0422\u13a2\u22a4\u27d9\u2ca6\ua4d4\uab72\U00010297\U000102b1\U00010315\U000118bc\U00016f0a\U0001f768",
    "u": "\u01b2\u028b\u03c5\u054d\u057d\u1200\u144c\u1d1c\u222a\u22c3\ua4f4\ua79e\ua79f\uab4e\uab52\U000104ce\U000104f6\U000118b8\U000118d8\U00016f42",
    "v": "\u03bd\u0474\u0475\u06f7\u13d9\u142f\u1d20\u2228\u22c1\u2d38\ua4e6\ua6df\uaba9\U0001051d\U00011706\U000118a0\U000118c0\U00016f08\U0001d20d",
    "w": "\u019c\u026f\u0460\u0461\u051c\u051d\u0531\u0561\u13b3\u13d4\u1d21\ua4ea\uab83\uaba4\U0001170a\U0001170e\U0001170f\U000118e6\U000118ef",
    "x": "\xd7\u03a7\u0425\u0445\u1541\u157d\u166d\u166e\u16b7\u2573\u292b\u292c\u2a2f\u2cac\u2d5d\ua4eb\ua7b3\U00010290\U000102b4\U00010317\U00010322\U00010527\U000118ec",
    "y": "\u0194\u0263\u028f\u0393\u03a5\u03b3\u0423\u0443\u04ae\u04af\u10e7\u13a9\u13bd\u1ca7\u1d8c\u1efe\u1eff\u2ca8\ua4ec\uab5a\uab79\uab8d\U000102b2\U000118a4\U000118dc\U00016f43",
    "z": "\u0396\u13c3\u1d22\ua4dc\uab93\U000102f5\U000118a9\U000118c4\U000118e5",
}


def confusables_file() -> Path | None:
    """The installed confusables data, found without importing it; None when the package is not installed."""
    spec = importlib.util.find_spec("confusable_homoglyphs")
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(folders[0]) / "confusables.json" if folders else None


def shipped() -> dict[str, str] | None:
    """:data:`TABLE` where the installed confusables data and Unicode database are the ones it was computed from, else None."""
    path = confusables_file()
    try:
        same = path is not None and hashlib.sha256(path.read_bytes()).hexdigest() == CONFUSABLES
    except OSError:
        return None
    return dict(TABLE) if same and unicodedata.unidata_version == UNICODE else None


def computed() -> dict[str, str]:
    """``types.read_alike``'s table, computed from the installed confusables data (:func:`lookalikes`)."""
    look = lookalikes()
    found: dict[str, list[str]] = {}
    for ch in sorted({c for k in look for c in (k, k.lower(), k.upper()) if len(c) == 1 and not c.isascii()}):
        latin = look.get(ch) or look.get(ch.casefold())
        if latin and unicodedata.normalize("NFKC", ch) == ch:
            found.setdefault(latin, []).append(ch)
    return {latin: "".join(chars) for latin, chars in sorted(found.items())}


NAME_MARKS = "'-"  # the ASCII marks inside names (O'Neil, Jean-Luc), read alike too


@functools.cache
def lookalikes() -> dict[str, str]:
    """Each character that is not ASCII but looks like an ASCII letter or digit, or like a mark inside names (an apostrophe,
    a hyphen: :data:`NAME_MARKS`), and that one (lower case): read from the confusables data of the confusable-homoglyphs
    package (Unicode's confusables.txt), once, when a name needs it. A capital that is a stroke (Cyrillic 'І', Greek 'Ι')
    looks like 'l' there, as 'I' does: it reads as 'I', case aside. A phone's keyboard types O’Neil (its smart punctuation
    makes the apostrophe a right single quotation mark) where a laptop types O'Neil: two people to the record, each
    asked to confirm a change of the other's entry, and counted twice in who recorded how many."""
    from confusable_homoglyphs.confusables import confusables_data  # type: ignore[import-untyped]

    found: dict[str, str] = {}
    for ch, glyphs in confusables_data.items():
        ascii_ = sorted({g["c"].casefold() for g in glyphs if len(g["c"]) == 1 and g["c"].isascii() and (g["c"].isalnum() or g["c"] in NAME_MARKS)})
        if len(ch) == 1 and not ch.isascii() and ascii_:
            found[ch] = "i" if ascii_[0] == "l" and ch.isupper() else ascii_[0]
    return found


def main() -> None:
    """Print this module again, with the table computed from the installed data (redirect it into this file)."""
    path = confusables_file()
    assert path is not None, "confusable-homoglyphs is not installed"
    text = Path(__file__).read_text(encoding="utf-8")
    head, _, rest = text.partition("CONFUSABLES = ")
    _, _, tail = rest.partition("\n}\n")
    rows = "".join(f"    \"{k}\": \"{v.encode('unicode_escape').decode('ascii')}\",\n" for k, v in computed().items())
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f'{head}CONFUSABLES = "{digest}"  # SHA-256 of confusable_homoglyphs/confusables.json\n'
          f'UNICODE = "{unicodedata.unidata_version}"  # unicodedata.unidata_version\nTABLE = {{\n{rows}}}\n{tail}', end="")


if __name__ == "__main__":
    main()
