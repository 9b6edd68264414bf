"""Shapes a ninth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.exchange.importing import decode_source

from .test_import_sweep5 import _import
from .test_import_sweep7 import _EAST_ASIAN


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["euc_jp", "shift_jis"]).flatmap(
        lambda e: st.tuples(st.just(e), st.lists(st.sampled_from(_EAST_ASIAN[e]), min_size=2, max_size=4))
    )
)
def test_a_short_checklist_in_an_east_asian_encoding_reads_back(case: tuple[str, list[str]]) -> None:
    """One box of a few Japanese words (Shift_JIS, EUC-JP), kana among them as a Japanese sentence has: a short
    EUC-JP file ('- [ ] テストを実行する') was read as Big5 ('氾旦玄毛撢墊允月'), its kana common ideographs there and
    the first encoding of the tie taken. The likeliest reading as a text of its language is the file's. (Four
    ideographs alone, '実行確認', read as well as Hangul: too few to tell.)"""
    encoding, words = case
    text = "- [ ] " + "".join(words) + "\n"
    assume(sum(ord(c) > 0x7F for c in text) >= 4 and any(0x3040 <= ord(c) <= 0x30FF for c in text))
    assert decode_source(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("suffix", "opening", "closing"),
    [(".ps1", '$body = @"', '"@'), (".sh", "cat > checklist.md <<-'EOF'", "\tEOF"), (".py", 'BODY = """', '"""')],
)
def test_a_program_writing_a_checklist_is_read_as_the_checklist_it_writes(tmp_path: Path, suffix: str, opening: str, closing: str) -> None:
    """A script that writes a release checklist out of a here-string (PowerShell's '@"' … '"@', a shell's '<<-EOF',
    Python's triple quotes) and holds no box in its comments: it was read as Markdown whole, its code the notes, its
    first comment the title, and the closing '"@' ended the last item's text ('Release notes link: TODO "@')."""
    margin = "\t" if suffix == ".sh" else ""
    body = ["# Release Readiness", "", "- Service: $Name", "- SBOM: TODO", "- Release notes link: TODO"]
    code = ["# Builds the release checklist.", "param([string]$Name)", opening, *(margin + line for line in body), closing, "Write-Output done"]
    source = "\n".join([*code, ""])
    checklist, _ = _import(tmp_path, source, suffix)
    assert checklist.title == "Release Readiness"
    items = [i.text for s in checklist.sections for g in s.groups for i in g.items]
    assert items == ["Service: $Name", "SBOM: TODO", "Release notes link: TODO"]
    assert not any(s.notes for s in checklist.sections)
