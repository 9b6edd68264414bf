"""Sheets, the packet and the critical lists are pre-rendered blocks, put into their slots after the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.format.types import InlineMarkdown, PlainText
from generator.publish.assemble import MissingBlock, fill_blocks
from generator.site.items import text_html
from generator.site.layout import DIRECTORY_URLS, Urls, block_key, slot
from generator.site.paper import render_paper
from tests.htmltree import parse

BASE = "checklists/realserv-launch"


def test_fill_blocks_fills_slots_and_moves_relative_links(tmp_path: Path) -> None:
    sheet = tmp_path / "checklists" / "c" / "sheets" / "s1" / "index.html"
    sheet.parent.mkdir(parents=True)
    key = block_key("c", "sheet-s1")
    sheet.write_text(f"<main>{slot(key, PlainText('Sheet <1>'))}</main>", encoding="utf-8")
    block = '<div class="cl-sheet"><a href="s1/#a">x</a><a href="https://e.org/">y</a><a href="#top">t</a></div>'
    assert fill_blocks(tmp_path, {key: block}) == 1
    assert (
        sheet.read_text(encoding="utf-8")
        == '<main><div class="cl-sheet"><a href="../../s1/#a">x</a><a href="https://e.org/">y</a><a href="#top">t</a></div></main>'
    )
    # Told where the slots are, it reads only those pages; told wrongly, it looks at every page.
    sheet.write_text(f"<main>{slot(key)}</main>", encoding="utf-8")
    assert fill_blocks(tmp_path, {key: block}, ["checklists/c/sheets/s1/index.html"]) == 1
    sheet.write_text(f"<main>{slot(key)}</main>", encoding="utf-8")
    assert fill_blocks(tmp_path, {key: block}, ["checklists/c/sheets/s1.html"]) == 1 and "cl-slot" not in sheet.read_text(encoding="utf-8")
    sheet.write_text(slot(block_key("c", "sheet-zz")), encoding="utf-8")
    with pytest.raises(MissingBlock, match="checklists/c/sheets/s1/index.html: no block 'checklists/c:sheet-zz'"):
        fill_blocks(tmp_path, {key: block})


def test_text_html_matches_the_runbook_page_conversion() -> None:
    import markdown

    from generator.site.escape import md

    for text in [
        "Plain text (60 min)",
        "Use `kubectl` **now**",
        "a < b & c > d",
        "x_y_z and *one*",
        "See [docs](guide.md#x)",
        "{: onclick=x} braces",
        "<script>alert(1)</script>",
    ]:
        full = markdown.Markdown().convert(md(text))
        expected = full[3:-4].replace('href="guide.md#x"', 'href="guide/#x"')
        expected = expected.replace("&#95;", "_").replace("&#42;", "*")  # a lone delimiter's reference (md), which the sanitizer writes as the character
        assert text_html(InlineMarkdown(text)) == expected, text
    assert Urls(directory=False).href("sub/index.md") == "sub/index.html"


def test_built_sheet_pages_hold_their_items(site: Path) -> None:
    html = (site / BASE / "sheets" / "security" / "index.html").read_text(encoding="utf-8")
    assert "cl-slot" not in html
    assert html.count('class="task-list-item"') == 31 and "Firebase Authentication configured (prod project)" in html
    assert html.count("<h1") == 1 and '<h1 class="cl-sheet-title"' in html  # no title of Material's own above the sheet


def test_no_slot_is_left_and_the_packet_holds_every_sheet(site: Path) -> None:
    for page in (site / "checklists").rglob("*.html"):
        assert "cl-slot" not in page.read_text(encoding="utf-8"), page
    packet = (site / BASE / "packet" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<div class="cl-sheet[^"]*" id="([^"]+)"', packet)
    assert ids == [
        "sheet-cover",
        *(f"sheet-{s}" for s in ("security", "infrastructure", "observability", "testing", "configuration", "documentation", "deployment", "operations")),
        "sheet-critical-items",
        "sheet-final-signoff",
        "sheet-metrics",
        "sheet-post-launch",
        "sheet-rollback",
    ]
    # The whole checklist: how to use, every section item, the critical summary, Go and No-Go, metrics, post-launch tasks.
    assert packet.count('class="task-list-item') == 4 + 243 + 57 + 2 + 12 + 8


def test_critical_and_blocker_links_reach_their_items(site: Path) -> None:
    for name in ("critical", "readiness"):
        page = site / BASE / name / "index.html"
        links = [a.attrs["href"] for a in parse(page.read_text(encoding="utf-8")).find_all("a") if re.match(r"^\.\./[a-z-]+/#", a.attrs.get("href", ""))]
        assert len(links) >= 57, name
        for href in links:
            path, anchor = href.split("#")
            target = (page.parent / path / "index.html").resolve()
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href


def test_blocks_follow_the_url_style() -> None:
    from generator.build import Project, check

    data = check(Project.at(Path(__file__).resolve().parent.parent))
    with_dirs, flat = render_paper(data, DIRECTORY_URLS), render_paper(data, Urls(directory=False))
    assert with_dirs.keys() == flat.keys()
    assert 'href="security/#firebase-authentication-configured-prod"' in with_dirs[block_key("realserv-launch", "critical-security")]
    assert 'href="security.html#firebase-authentication-configured-prod"' in flat[block_key("realserv-launch", "critical-security")]


def test_the_rollback_sheet_prints_a_steps_markdown_as_the_page_shows_it(tmp_path: Path) -> None:
    """A step's text is inline Markdown: on paper its code is code, not backticks to read around (it printed `raw`)."""
    from generator.build import Project, check

    from .conftest import make_project

    root = make_project(tmp_path / "p")
    seed = root / "data" / "realserv-launch.yaml"
    step = "text: Restore with `pg_restore -d app` **first**"
    seed.write_text(seed.read_text(encoding="utf-8").replace("text: Restore from backup (if schema changed)", step), encoding="utf-8")
    sheet = render_paper(check(Project.at(root)))[block_key("realserv-launch", "sheet-rollback")]
    command = " ".join(f'<span class="cl-word">{w}</span>' for w in ("pg_restore", "-d", "app"))  # its words kept whole
    assert f"Restore with <code>{command}</code> <strong>first</strong>" in sheet and "`" not in sheet


def test_a_page_being_filled_is_never_read_half_written(tmp_path: Path) -> None:
    """`build`'s frames process reads built pages (the footer's sample, a page's title) while this one fills their
    slots: a reader sees the page before or after, never an emptied or half-written one."""
    import os
    import time

    page = tmp_path / "index.html"
    key = block_key("c", "sections-table")
    body = "<p>" + "x" * 8_000_000 + "</p>"
    end = '<nav class="md-footer__inner">footer</nav></html>'
    pid = os.fork()
    if pid == 0:  # the reader: any read without the page's end is a cut one
        code = 0
        try:
            stop = time.monotonic() + 10
            while time.monotonic() < stop and not (tmp_path / "done").exists():
                if page.exists() and not page.read_text(encoding="utf-8").endswith(end):
                    code = 1
                    break
        finally:
            os._exit(code)
    try:
        for _ in range(12):
            tmp = page.with_name("staged")
            tmp.write_text(f"<html>{slot(key)}{body}{end}", encoding="utf-8")
            os.replace(tmp, page)  # the engine's page, whole
            fill_blocks(tmp_path, {key: "<table></table>"}, ["index.html"])
    finally:
        (tmp_path / "done").touch()
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "another process read a page half written by fill_blocks"
