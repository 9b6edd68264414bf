"""Sheet pages are filled from the built packet after the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.assemble import assemble_sheets, extract_div


def test_extract_div_keeps_nested_divs() -> None:
    html = '<p>x</p><div class="cl-sheet" id="sheet-a"><div class="g"><div>1</div></div><p>2</p></div><div class="cl-sheet" id="sheet-b">b</div>'
    assert extract_div(html, "sheet-a") == '<div class="cl-sheet" id="sheet-a"><div class="g"><div>1</div></div><p>2</p></div>'
    assert extract_div(html, "sheet-b") == '<div class="cl-sheet" id="sheet-b">b</div>'
    assert extract_div(html, "sheet-c") is None


def test_assemble_fills_slots_and_fixes_relative_links(tmp_path: Path) -> None:
    base = tmp_path / "checklists" / "c"
    (base / "packet").mkdir(parents=True)
    (base / "sheets" / "s1").mkdir(parents=True)
    (base / "packet" / "index.html").write_text('<div class="cl-sheet" id="sheet-s1"><a href="../s1/">x</a><a href="https://e.org/">y</a></div>', encoding="utf-8")
    page = base / "sheets" / "s1" / "index.html"
    page.write_text('<main><div class="cl-sheet-slot" data-sheet="sheet-s1"></div></main>', encoding="utf-8")
    assert assemble_sheets(tmp_path) == 1
    assert page.read_text(encoding="utf-8") == '<main><div class="cl-sheet" id="sheet-s1"><a href="../../s1/">x</a><a href="https://e.org/">y</a></div></main>'
    page.write_text('<div class="cl-sheet-slot" data-sheet="sheet-zz"></div>', encoding="utf-8")
    with pytest.raises(ValueError, match="no sheet 'sheet-zz'"):
        assemble_sheets(tmp_path)


def test_built_sheet_pages_hold_their_items(site: Path) -> None:
    html = (site / "checklists" / "realserv-launch" / "sheets" / "security" / "index.html").read_text(encoding="utf-8")
    assert "cl-sheet-slot" not in html
    assert html.count('class="task-list-item"') == 31 and "Firebase Authentication configured (prod project)" in html
    assert html.count("<h1") == 1 and '<h1 class="cl-sheet-title"' in html  # no title of Material's own above the sheet
