"""`checklist-site pdf`: the packet and sheets as PDF, checked in their text and page layout."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.format.model import Checklist

from .conftest import ROOT, run_cli

pytestmark = pytest.mark.browser
PAGES = {"a4": (15, 24), "letter": (19, 28)}  # measured 19 and 24; room for font differences


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    (c,) = check(Project.at(ROOT)).checklists
    return c


@pytest.fixture(scope="module", params=["a4", "letter"])
def packet(request: pytest.FixtureRequest, built_project: Path, chromium: str) -> tuple[str, list[str]]:
    paper = request.param
    result = run_cli("-C", str(built_project), "pdf", "--no-build", "--paper", paper)
    assert result.returncode == 0, result.stderr
    assert re.search(r"\[1/11\] realserv-launch-packet-" + paper, result.stderr), "progress is shown"
    return paper, [" ".join(page.split()) for page in pdf_pages(built_project / "pdf" / f"realserv-launch-packet-{paper}.pdf")]


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, in reading order (poppler's pdftotext separates pages with form feeds)."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _lines(built_project: Path, paper: str) -> list[list[str]]:
    pages = pdf_pages(built_project / "pdf" / f"realserv-launch-packet-{paper}.pdf")
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in pages]


def test_page_count_in_range(packet: tuple[str, list[str]]) -> None:
    paper, pages = packet
    low, high = PAGES[paper]
    assert low <= len(pages) <= high


def test_every_page_has_a_footer_with_page_numbers(packet: tuple[str, list[str]]) -> None:
    _, pages = packet
    for n, text in enumerate(pages, 1):
        assert f"Page {n} of {len(pages)}" in text
        assert "RealServ MVP – Production Launch Checklist · v1.0" in text


def test_each_section_sheet_starts_a_page(packet: tuple[str, list[str]], built_project: Path, checklist: Checklist) -> None:
    paper, _ = packet
    pages = _lines(built_project, paper)
    for section in checklist.sections:
        title = f"Section {section.number}: {section.title}"
        starts = [n for n, lines in enumerate(pages) if title in lines[:3]]
        assert len(starts) == 1, title
    assert any(lines[:3] and "Final Sign-off" in lines[:3] for lines in pages)
    assert any(lines[:3] and "Rollback Procedure" in lines[:3] for lines in pages)


def test_every_item_text_is_printed_and_critical_ones_are_marked(packet: tuple[str, list[str]], checklist: Checklist) -> None:
    _, pages = packet
    text = " ".join(pages)
    critical: Counter[str] = Counter()
    for section in checklist.sections:
        for item in section.all_items():
            printed = " ".join(item.text.replace("`", "").split())
            assert printed in text, printed
            critical[printed] += item.critical
    for printed, count in critical.items():
        assert len(re.findall(r"CRITICAL\s+" + re.escape(printed) + r"(?=\s|$)", text)) == count, printed
    assert text.count("CRITICAL") == 57 + 8 + 1  # items, each sheet's summary line, the cover's legend


def test_no_group_is_split_from_its_signoff(packet: tuple[str, list[str]], checklist: Checklist) -> None:
    _, pages = packet
    for section in checklist.sections:
        for n, group in enumerate(section.groups, 1):
            label = f"{section.number}.{n} {group.title}"
            on = [i for i, t in enumerate(pages) if label in t]
            sign = [i for i, t in enumerate(pages) if f"Sign-off {section.number}.{n} " in t + " "]
            assert len(on) == 1 and on == sign, (label, on, sign)


def test_one_pdf_per_sheet(packet: tuple[str, list[str]], built_project: Path) -> None:
    paper, _ = packet
    names = sorted(p.name for p in (built_project / "pdf").glob(f"*-{paper}.pdf"))
    assert len(names) == 11
    assert f"realserv-launch-01-security-{paper}.pdf" in names
    security = pdf_pages(built_project / "pdf" / f"realserv-launch-01-security-{paper}.pdf")
    assert "Section 1: Security" in security[0]
    assert all("Sign-off 2." not in page for page in security)


def test_pdf_without_chromium_says_how_to_install(tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path), "CHECKLIST_SITE_CHROMIUM": ""}
    result = subprocess.run([sys.executable, "-m", "generator", "pdf"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Chromium was not found" in result.stderr and "apt-get install chromium" in result.stderr
