"""The benchmark keeps working: a smoke run at the smallest size (no assertion on time)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from benchmarks.synth import baseline_project, checklist_yaml, sections, sphinx_needs_project

from .conftest import ROOT


def test_synthetic_checklists_have_the_stated_shape() -> None:
    doc = yaml.safe_load(checklist_yaml(1000))
    items = [i for s in doc["sections"] for g in s["groups"] for top in g["items"] for i in [top, *top.get("items", [])]]
    assert len(items) == 1000 and len({i["id"] for i in items}) == 1000
    assert len(doc["sections"]) == 10
    assert 0.25 < sum(1 for i in items if i.get("critical")) / 1000 < 0.4
    assert any("items" in i for s in doc["sections"] for g in s["groups"] for i in g["items"])


def test_baseline_holds_the_same_items(tmp_path: Path) -> None:
    project = baseline_project(tmp_path / "base", 1000)
    text = "".join(p.read_text(encoding="utf-8") for p in (project / "docs").glob("section-*.md"))
    assert len(re.findall(r"^\s*- \[ \] ", text, re.M)) == 1000
    assert len(sections(1000)) == len(list((project / "docs").glob("section-*.md")))


def test_sphinx_needs_project_holds_the_same_items(tmp_path: Path) -> None:
    project = sphinx_needs_project(tmp_path / "sphinx", 1000)
    text = "".join(p.read_text(encoding="utf-8") for p in project.glob("section-*.rst"))
    ids = re.findall(r"^   :id: (\S+)$", text, re.M)
    assert len(re.findall(r"^\.\. req:: ", text, re.M)) == 1000 == len(set(ids))
    assert text.count(":tags: critical") == sum(
        1 for s in sections(1000) for g in s["groups"] for top in g["items"] for i in [top, *top.get("items", [])] if i.get("critical")
    )


def test_benchmark_smoke_run(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    out.write_text("# Benchmarks\n\n<!-- results:start -->\nold\n<!-- results:end -->\n\nkept\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "150", "--runs", "1", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    s, optional = r"[\d.]+ s", r"([\d.]+ s|not run)"  # Zensical and sphinx-needs run when installed
    ratio, maybe = r"[\d.]+×", r"([\d.]+×|–)"
    scenarios = ("nothing changed since the last build", "one item edited since the last build", "first build: nothing kept")
    for scenario in (*scenarios, "first build of a new clone: no generated pages or site either"):
        row = rf"^\| 150 \| 1 \| {scenario} \| {s} \| {s} \| {ratio} \| {ratio} \| {optional} \| {optional} \| {maybe} \| {maybe} \|$"
        assert re.search(row, page, re.M), (scenario, page)
    # Markdown pages, pages MkDocs builds, pages MkDocs' Markdown converts, pages the theme renders, pages Zensical
    # renders, a section page's weight (MkDocs, Zensical)
    pages = r"\d+ / \d+ \| \d+ / \d+ \| \d+ / \d+ \| \d+ / \d+ \| (\d+ / \d+|not run) \| \d+ KB / \d+ KB \| (\d+ KB / \d+ KB|not run)"
    assert re.search(rf"^\| 150 \| {s} \| {optional} \| \d+ MB \| {pages} \|$", page, re.M), page
    assert "| full build ≤ 1.0× plain mkdocs-material at 10,000 items" not in page  # targets only for the sizes measured
    assert "old" not in page and page.endswith("kept\n") and "Measured on " in page


def test_serve_benchmark_smoke_run() -> None:
    """An edited item's text and an added item, each timed once; the two runs at once (each mostly waits on its server)."""
    command = [sys.executable, "-m", "benchmarks.serve", "--edits", "1"]
    runs = [subprocess.Popen(command + more, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for more in ([], ["--edit", "add"])]
    (edited, edited_err), (added, added_err) = (run.communicate(timeout=300) for run in runs)
    assert runs[0].returncode == 0, edited_err
    assert re.search(r"^serve, RealServ: an edit shows in [\d.]+ s \(median of 1; ", edited, re.M), edited
    assert runs[1].returncode == 0, added_err
    assert re.search(r"^serve, RealServ: an item added shows in [\d.]+ s \(median of 1; ", added, re.M), added + added_err


def test_the_linear_target_is_stated_for_zensical_too() -> None:
    """Zensical's growth to 50,000 items is a target of its own, beside plain Zensical's growth, met or missed by it."""
    from benchmarks.run import _zensical_scaling

    small = {"build-zensical_s": 1.0, "build-zensical-edited_s": 1.0, "build-zensical-cold_s": 2.0, "zensical-cold_s": 2.0}
    grew = {"build-zensical_s": 5.0, "build-zensical-edited_s": 5.2, "build-zensical-cold_s": 13.0, "zensical-cold_s": 12.0}
    (line,) = _zensical_scaling(small, grew)
    assert "first build: nothing kept: 6.50×" in line and "plain Zensical's first build 6.00×" in line and line.endswith("**missed** |")
    (line,) = _zensical_scaling(small, {**grew, "build-zensical-cold_s": 10.0})
    assert line.endswith("**met** |")
    assert _zensical_scaling(small, {}) == []
