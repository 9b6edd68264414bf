"""The overview's table of sections and the readiness page's progress table: blocks the generator renders, not Markdown tables."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from generator.build import Project, check
from generator.format.readiness import readiness

from .htmltree import article, parse


def _rows(page: Path, header: str) -> list[list[str]]:
    """The rows (their cells' text) of the table of ``page``'s content whose first header cell is ``header``; each row's
    first link checked to lead to a built page."""
    for table in article(parse(page)).find_all("table"):
        heads = [th.text().strip() for th in table.find_all("th")]
        if heads and heads[0] == header:
            rows = []
            for tr in table.find_all("tr")[1:]:
                for a in tr.find_all("a")[:1]:
                    target = (page.parent / urlsplit(a.attrs["href"]).path).resolve()
                    assert (target / "index.html").is_file() or target.is_file(), a.attrs["href"]
                rows.append([td.text().strip() for td in tr.find_all("td")])
            return rows
    raise AssertionError(f"no table headed {header!r} in {page}")


def test_the_overview_lists_every_section_with_its_counts(built_project: Path) -> None:
    c = check(Project.at(built_project)).checklists[0]
    rows = _rows(built_project / "site" / "checklists" / c.id / "index.html", "#")
    assert [row[0] for row in rows] == [str(s.number) for s in c.sections]
    for row, s in zip(rows, c.sections, strict=True):
        items = list(s.all_items())
        assert row[1].endswith(s.title) and row[2] == s.priority.label
        assert row[3:6] == [str(len(items)), str(sum(i.critical for i in items)), str(sum(bool(g.signoff) for g in s.groups))]
        assert row[6].endswith(f"of {len(items)} recorded")


def test_the_readiness_page_shows_each_section_and_the_total(built_project: Path) -> None:
    data = check(Project.at(built_project))
    c = data.checklists[0]
    r = readiness(c, data.status(c.id))
    rows = _rows(built_project / "site" / "checklists" / c.id / "readiness" / "index.html", "Section")
    assert [row[0] for row in rows[:-1]] == [s.heading for s, _ in r.sections]
    assert [row[1] for row in rows[:-1]] == [f"{p.resolved} / {p.total}" for _, p in r.sections]
    assert rows[-1][0] == "All sections" and rows[-1][1] == f"{r.overall.resolved} / {r.overall.total}"


def test_the_engine_converts_no_table_of_sections(built_project: Path) -> None:
    folder = built_project / "docs" / "checklists" / check(Project.at(built_project)).checklists[0].id
    for page in ("index.md", "readiness.md"):
        text = (folder / page).read_text(encoding="utf-8")
        assert "| Section" not in text and "| # |" not in text, page
