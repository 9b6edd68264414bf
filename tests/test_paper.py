"""The packet's content and its sizes on paper: facts only from the data, rows to sign on, type to read."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.exchange.pdf import lay_out

from .conftest import FIXTURES, make_project, run_cli
from .htmltree import article, parse

BASE = Path("checklists") / "realserv-launch"
MM = 96 / 25.4  # CSS px per millimetre


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_sizes_for_pen_and_ink(browser, site: Path, paper: str) -> None:
    """In Chromium's print layout: text at least 9 pt, rows to write and sign on at least 10 mm,
    a final sign-off with room for signatures and a rollback sheet with room for the time."""
    tab = browser.new_page()
    tab.goto((site / BASE / "packet" / "index.html").as_uri())
    lay_out(tab, paper)
    smallest = tab.evaluate(
        """() => {
          let least = [99, ''];
          for (const el of document.querySelectorAll('.cl-sheet *')) {
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own || !el.getClientRects().length) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            if (size < least[0]) least = [size, el.className + ': ' + el.textContent.trim().slice(0, 30)];
          }
          return least;
        }"""
    )
    assert smallest[0] >= 12, smallest  # 9 pt is 12 CSS px
    rows = tab.evaluate(
        """() => Object.fromEntries(['table.cl-sign-table tr', 'table.cl-attendees-table tbody tr', 'table.cl-approval-table tbody tr',
                 'table.cl-form-table tr', 'table.cl-announce-table tr', 'table.cl-part-table tbody tr', 'table.cl-steps-table tbody tr']
           .map(s => [s, Math.min(...[...document.querySelectorAll(s)].map(r => r.getBoundingClientRect().height))]))"""
    )
    for selector, height in rows.items():
        assert height >= 10 * MM, f"{selector}: {height / MM:.1f} mm"
    widths = tab.evaluate(
        """() => { const w = s => [...document.querySelectorAll(s + ' thead th')].map(th => th.getBoundingClientRect().width);
                   return {approval: w('table.cl-approval-table'), steps: w('table.cl-steps-table')}; }"""
    )
    role, name, signature, date = widths["approval"]
    total = role + name + signature + date
    assert signature >= 0.33 * total and signature > name > role and role <= 0.2 * total and date >= 30 * MM, widths
    number, step, who, done, time = widths["steps"]
    assert time >= 25 * MM and who >= 35 * MM, widths
    announce = tab.locator("table.cl-announce-table").inner_text().split()
    assert announce == ["Announced", "by", "Date", "Time"]
    tab.close()


def test_rollback_owners_only_where_the_seed_names_them(site: Path) -> None:
    sheet = article(parse(site / BASE / "sheets" / "rollback" / "index.html"))
    who = [tr.find_all("td")[2].text().strip() for tr in sheet.find_all("tr") if tr.find_all("td")]
    assert who == ["Tech Lead + Product Manager"] + [""] * 6  # a blank cell: named at the meeting
    page = article(parse(site / BASE / "rollback" / "index.html"))
    assert len(page.find_all("span", "cl-who")) == 1


def test_created_and_updated_dates_on_cover_and_overview(site: Path) -> None:
    overview = article(parse(site / BASE / "index.html"))
    header = [th.text() for th in overview.find_all("th")][:5]
    cells = [td.text() for td in overview.find_all("td")][:5]
    expected = {"Version": "1.0", "Created": "2026-01-12", "Last updated": "2026-01-12", "Owner": "RealServ Tech Team", "Next review": "After MVP launch"}
    assert dict(zip(header, cells, strict=True)) == expected
    cover = article(parse(site / BASE / "packet" / "index.html")).find_all("p", "cl-cover-meta")[0].text()
    assert cover == "Version 1.0 · Created 2026-01-12 · Updated 2026-01-12 · Owner: RealServ Tech Team · Next review: After MVP launch"


def _git(project: Path, *args: str) -> str:
    command = ["git", "-C", str(project), "-c", "user.name=Test", "-c", "user.email=test@example.com", *args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_filled_cover_says_which_commit_of_data_it_shows(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    _git(project, "init", "-q")
    _git(project, "add", "data")
    _git(project, "commit", "-q", "-m", "data")
    commit = _git(project, "log", "-1", "--format=%h", "--", "data")

    def cover() -> str:
        assert run_cli("-C", str(project), "build").returncode == 0
        return article(parse(project / "site" / BASE / "packet-filled" / "index.html")).find_all("p", "cl-record-asof")[0].text()

    assert cover() == f"As of 2026-01-11 (the latest date in the record) · data/ at commit {commit} · recorded in data/realserv-launch.status.yaml"
    status = project / "data" / "realserv-launch.status.yaml"
    status.write_text(status.read_text(encoding="utf-8") + "# edited after the commit\n", encoding="utf-8")
    assert f"data/ at commit {commit} + uncommitted changes ·" in cover()


def test_pdf_lays_pages_out_for_the_margins_paper_css_gives() -> None:
    from generator.exchange.pdf import MARGINS_MM

    from .conftest import ROOT

    css = (ROOT / "overrides" / "assets" / "stylesheets" / "paper.css").read_text(encoding="utf-8")
    top, sides, bottom = (float(x) for x in re.search(r"@page \{ margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm; \}", css).groups())  # type: ignore[union-attr]
    assert MARGINS_MM == (top, sides, bottom, sides)
    page_number = re.search(r"@bottom-right \{([^}]*)\}", css)
    assert page_number and "white-space: nowrap" in page_number.group(1)  # beside a long title it broke as "Page 1 of" / "50"
