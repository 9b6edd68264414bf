"""Results kept between builds (generator/kept.py): the same site byte for byte, never a stale one."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from benchmarks.synth import our_project
from generator.build import Project, build
from generator.site.layout import Urls
from generator.warm import inputs as _inputs

from .conftest import ROOT

ITEMS = 1_000  # a data file of about 95 KB: over KeptFiles.SMALL, so its check is kept too


def _files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for folder in ("site", "docs") for p in sorted((project / folder).rglob("*")) if p.is_file()}


def _built(project: Path) -> dict[str, bytes]:
    build(Project.at(project))
    return _files(project)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the kept stages ran: the data file's load and check, the pages' render, the blocks' render."""
    from generator import build as build_module
    from generator import warm

    publish = importlib.import_module("generator.publish")
    calls = {"check": 0, "section": 0, "site": 0, "blocks": 0}

    def counting(name: str, real):  # noqa: ANN001, ANN202 - a wrapper of any stage
        def stage(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls[name] += 1
            return real(*args, **kwargs)

        return stage

    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")  # the blocks rendered in this process, where they are counted
    monkeypatch.setattr(warm, "load_data_file", counting("check", warm.load_data_file))
    monkeypatch.setattr(warm, "reparse", counting("section", warm.reparse))  # an edit inside one section: that section parsed alone
    monkeypatch.setattr(build_module, "site_pages", counting("site", build_module.site_pages))
    monkeypatch.setattr(publish, "render_paper", counting("blocks", publish.render_paper))
    return calls


def test_a_kept_build_is_byte_identical_and_an_edit_is_never_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: dict[str, int]) -> None:
    project = our_project(tmp_path / "p", ITEMS, ROOT)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    nothing_kept = _built(project)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    assert _built(project) == nothing_kept  # kept as it ran
    before = dict(counted)
    assert _built(project) == nothing_kept  # read back
    assert counted == before, "a build with nothing changed ran a kept stage again"
    data = project / "data" / "bench.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("component 500 of", "component five hundred of"), encoding="utf-8")
    edited = _built(project)
    assert counted == {**{name: n + 1 for name, n in before.items()}, "check": before["check"]}  # the edited section parsed alone
    assert any(b"component five hundred of" in text for text in edited.values())
    assert not any(b"component 500 of" in text for text in edited.values())
    data.write_text(data.read_text(encoding="utf-8").replace("sections:\n", "sections:\n  # a line more\n"), encoding="utf-8")
    _built(project)  # every section one line lower: the whole file loaded again
    assert counted["check"] == before["check"] + 1 and counted["section"] == before["section"] + 2
    text = data.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.lstrip().startswith("- {id: i25") and "component" in x)  # an item of section 3, on one line
    added = re.sub(r"id: i\d+, text: \"[^\"]*\"", 'id: new-item, text: "a new component"', line)
    data.write_text(text.replace(line, line + "\n" + added, 1), encoding="utf-8")
    grown = _built(project)  # an item added inside one section: that section parsed alone, the sections below it moved a line
    assert counted["check"] == before["check"] + 1 and counted["section"] == before["section"] + 3
    assert any(b"a new component" in text for text in grown.values())
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    assert _built(project) == grown


def test_a_broken_or_foreign_kept_file_is_a_stage_run_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: dict[str, int]) -> None:
    from generator import kept

    project = our_project(tmp_path / "p", ITEMS, ROOT)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    first = _built(project)
    files = sorted((tmp_path / "cache" / "kept").rglob("*"))
    files = [f for f in files if f.is_file()]
    assert {f.parent.name for f in files} == {"check", "site", "outputs", "scanned"}
    for f in files:
        f.write_bytes(f.read_bytes()[: len(f.read_bytes()) // 2])  # cut short
    before = dict(counted)
    assert _built(project) == first
    assert counted == {**{name: n + 1 for name, n in before.items()}, "section": 0}
    monkeypatch.setattr(kept, "code", lambda: "another version of checklist-site")  # what the code changed gives
    assert _built(project) == first
    assert counted == {**{name: n + 2 for name, n in before.items()}, "section": 0}


def test_the_key_holds_every_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import warm

    project_dir = our_project(tmp_path / "p", 50, ROOT)
    project, urls = Project.at(project_dir), Urls("https://example.org/", True)
    keys = {_inputs(project, urls)}
    keys.add(_inputs(project, Urls("https://example.org/", False)))
    keys.add(_inputs(project, Urls("https://example.com/", True)))
    monkeypatch.setenv("TZ", "Pacific/Auckland")
    keys.add(_inputs(project, urls))
    monkeypatch.setattr(warm, "today", lambda: __import__("datetime").date(2031, 1, 2))
    keys.add(_inputs(project, urls))
    (project_dir / "data" / "bench.yaml").rename(project_dir / "data" / "other.yaml")
    keys.add(_inputs(project, urls))
    (project_dir / "data" / "other.yaml").write_bytes((project_dir / "data" / "other.yaml").read_bytes() + b"# one more byte\n")
    keys.add(_inputs(project, urls))
    assert len(keys) == 7
