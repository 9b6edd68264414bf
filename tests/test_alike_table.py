"""The look-alike letters' table computed ahead (generator/format/alike_table.py) is the one read_alike computes."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from generator.format import alike_table, types


def test_the_table_shipped_is_the_one_computed_from_the_installed_data() -> None:
    shipped = alike_table.shipped()
    assert shipped is not None, "the installed confusables data or Unicode database changed: python -m generator.format.alike_table > it"
    assert shipped == alike_table.computed()
    assert shipped["p"].startswith("\u03a1") and "\u0420" in shipped["p"]  # the Cyrillic capital Er reads as p


@pytest.mark.parametrize("field", ["CONFUSABLES", "UNICODE"])
def test_other_data_is_computed_not_taken_from_the_table(field: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alike_table, field, "another")
    monkeypatch.setitem(alike_table.TABLE, "p", "\u0440")  # what the table would say: not taken
    assert alike_table.shipped() is None
    types.read_alike.cache_clear()
    try:
        assert types.read_alike() == alike_table.computed() and "\u0420" in types.read_alike()["p"]
    finally:
        types.read_alike.cache_clear()


def test_the_module_writes_itself_again_as_it_is() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        alike_table.main()
    assert out.getvalue() == Path(alike_table.__file__).read_text(encoding="utf-8")


def test_the_viramas_written_out_are_the_unicode_databases() -> None:
    """types.VIRAMAS (the code rule's, sent to the Record panel) is every character of combining class 9 of the installed
    Unicode database, the one it names."""
    import unicodedata

    assert unicodedata.unidata_version == types.UNICODE_VERSION, "the Unicode database changed: write types.VIRAMAS again"
    assert types.VIRAMAS == "".join(chr(c) for c in range(0x110000) if unicodedata.combining(chr(c)) == 9)
