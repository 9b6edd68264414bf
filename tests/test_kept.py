"""Results kept between builds (generator/kept.py): the same site byte for byte, never a stale one."""

from __future__ import annotations

import importlib
import os
import re
import shutil
from pathlib import Path

import pytest

from benchmarks.synth import our_project
from generator.build import Project, build, check
from generator.site.layout import Urls
from generator.warm import KeptChecks, inputs

from .conftest import FIXTURES, ROOT

ITEMS = 1_000  # a data file of about 95 KB: over KeptFiles.SMALL, so its check is kept too


def _files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for folder in ("site", "docs") for p in sorted((project / folder).rglob("*")) if p.is_file()}


def _inputs(project: Project, urls: Urls) -> str | None:
    """The key of what is made from the checked data of ``project``, as a build with ``urls`` makes it."""
    checks = KeptChecks()
    check(project, cache=checks)
    return inputs(checks, urls)


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

    def counting(name: str, real):
        def stage(*args, **kwargs):
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


def test_a_file_saved_while_the_build_runs_is_not_kept_for_the_bytes_it_did_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor saves a data file after the check read it and before the build keyed its pages: what the build made
    from the old bytes must not come back in the next build as what the new bytes make."""
    from generator import build as build_module

    project = our_project(tmp_path / "p", 50, ROOT)
    data = project / "data" / "bench.yaml"
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    real, saved = build_module.mkdocs_config, []

    def saving(*args, **kwargs):
        if not saved:
            saved.append(data.write_text(data.read_text(encoding="utf-8").replace("component 25 of", "component saved late of"), encoding="utf-8"))
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "mkdocs_config", saving)
    _built(project)
    monkeypatch.setattr(build_module, "mkdocs_config", real)
    kept_build = _built(project)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    assert kept_build == _built(project)
    assert any(b"component saved late of" in text for text in kept_build.values())


def test_a_file_changed_while_it_is_checked_keys_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import warm

    project = Project.at(our_project(tmp_path / "p", 50, ROOT))
    data = project.data / "bench.yaml"
    real = warm.load_data_file

    def saving_meanwhile(path: Path, display: str):
        found = real(path, display)
        data.write_bytes(data.read_bytes() + b"# saved meanwhile\n")
        return found

    monkeypatch.setattr(warm, "load_data_file", saving_meanwhile)
    assert _inputs(project, Urls()) is None


STAGES = """
import sys
from importlib import metadata
from pathlib import Path

from generator.build import Project, check, site_pages
from generator.publish import outputs
from generator.site.layout import Urls

data = check(Project.at(Path(sys.argv[1])))
site_pages(data, Urls("https://example.org/"), {})
outputs(data, Urls("https://example.org/"), "abc1234")
found = metadata.packages_distributions()
print("\\n".join(sorted({d.lower().replace("_", "-") for m in list(sys.modules) for d in found.get(m.split(".")[0], [])})))
"""
NO_OUTPUT = {"checklist-site", "selectolax", "setuptools", "typing-extensions"}  # ours; the scan's (its memo keys it); Python's own hooks; type hints


def test_every_library_the_kept_stages_run_is_in_the_key(tmp_path: Path) -> None:
    """A library whose output a kept result holds (the Markdown of a runbook's code block goes through pymdownx, Pygments,
    markdown-it and nh3) is in the key by its version: an upgrade of it is never served the old library's pages."""
    import subprocess
    import sys

    from generator import kept

    project = tmp_path / "p"
    shutil.copytree(FIXTURES / "mini", project / "data")  # a runbook with a code block, Markdown of every kind
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKLIST_SITE_CACHE": "off"}
    ran = subprocess.run([sys.executable, "-c", STAGES, str(project)], env=env, capture_output=True, text=True, timeout=120, check=True)
    used = set(ran.stdout.split())
    assert {"pygments", "nh3", "markdown-it-py", "pymdown-extensions"} <= used  # the fixture reaches them
    assert used - NO_OUTPUT <= set(kept._LIBRARIES)


def test_a_cache_folder_that_cannot_be_written_is_a_build_as_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = our_project(tmp_path / "p", 50, ROOT)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    nothing_kept = _built(project)
    (tmp_path / "a file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "a file" / "cache"))  # a read-only home does the same
    assert _built(project) == nothing_kept
    assert _built(project) == nothing_kept


def test_the_cache_keeps_the_projects_built_last_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One result per stage and project, and only the results of the KEEP projects built last: the folder does not grow."""
    from generator import kept

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    stores = [kept.Kept("outputs", f"/projects/{n}") for n in range(kept.KEEP + 3)]
    for n, store in enumerate(stores):
        store.put(kept.key("first"), n)
        store.put(kept.key("again"), n)  # a project built again replaces its own result
    assert len(list((tmp_path / "cache" / "kept" / "outputs").iterdir())) == kept.KEEP
    assert [store.get(kept.key("again")) for store in stores] == [None] * 3 + list(range(3, kept.KEEP + 3))


def test_without_a_home_folder_nothing_is_kept_and_the_build_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import kept

    for name in ("CHECKLIST_SITE_CACHE", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")  # as pathlib says it

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert kept.cache_folder() is None
    project = our_project(tmp_path / "p", 50, ROOT)
    assert _built(project)["site/index.html"]
