"""Results kept between builds (generator/kept.py): the same site byte for byte, never a stale one."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synth import checklist_yaml, our_project
from generator.beside import can_fork, settle
from generator.build import Project, build, check
from generator.format.validate import load_data_file
from generator.site.layout import Urls
from generator.warm import KeptChecks, inputs

from .conftest import FIXTURES, ROOT
from .test_incremental import _locs

ITEMS = 300  # three sections; the `counted` fixture keeps the check of a file of any size (warm.SMALL = 0)
LARGE = checklist_yaml(750)  # 68 KB: over SMALL too


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

    calls = {"check": 0, "section": 0, "site": 0, "blocks": 0}

    def counting(name: str, real):
        def stage(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return stage

    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")  # the blocks rendered in this process, where they are counted
    monkeypatch.setattr(warm, "SMALL", 0)  # the check of a small file kept too: the builds are quicker, the stages the same
    monkeypatch.setattr(warm, "load_data_file", counting("check", warm.load_data_file))
    monkeypatch.setattr(warm, "reparse", counting("section", warm.reparse))  # an edit inside one section: that section parsed alone
    monkeypatch.setattr(build_module, "site_pages", counting("site", build_module.site_pages))
    monkeypatch.setattr(warm, "render_paper", counting("blocks", warm.render_paper))  # as the build calls it, with the kept blocks
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
    data.write_text(data.read_text(encoding="utf-8").replace("component 150 of", "component one hundred fifty of"), encoding="utf-8")
    edited = _built(project)
    assert counted == {**{name: n + 1 for name, n in before.items()}, "check": before["check"]}  # the edited section parsed alone
    assert any(b"component one hundred fifty of" in text for text in edited.values())
    assert not any(b"component 150 of" in text for text in edited.values())
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
    assert {f.parent.name for f in files} == {"check", "site", "outputs", "scanned", "pages", "blocks", "exports", "compiled", "extension-options", "filled"}
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
    parts = warm.context(urls, "")
    (project_dir / ".mailmap").write_text("Priya Sharma <priya@realserv.example> P. Sharma <>\n", encoding="utf-8")  # who is who, alone
    keys.add(_inputs(project, urls))
    assert len(keys) == 8 and warm.context(urls, "") != parts  # the pages kept whole, and their parts kept (an edit of it alone left both)


def test_a_part_kept_in_serve_is_made_again_when_the_mailmap_changes() -> None:
    """`serve` keeps each part with the inputs it was made from; who is who (the .mailmap) is one of them: a part listing
    who changed whose entry was kept as made before Priya's two spellings were one person."""
    from generator.format import mailmap, types
    from generator.site.memo import Memo

    memo, made = Memo(), []
    types.known_as(mailmap.Mailmap())
    assert memo("readiness", (1,), lambda: made.append(1)) is None and memo("readiness", (1,), lambda: made.append(1)) is None and len(made) == 1
    types.known_as(mailmap.read("Priya Sharma <priya@realserv.example> P. Sharma <>\n", ".mailmap")[0])
    memo("readiness", (1,), lambda: made.append(1))
    types.known_as(mailmap.Mailmap())
    assert len(made) == 2


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

started = set(sys.modules)  # what the interpreter loaded before (site hooks: setuptools', coverage's) is not the stages'
from generator.build import Project, check, site_pages
from generator.publish import outputs
from generator.site.layout import Urls

data = check(Project.at(Path(sys.argv[1])))
site_pages(data, Urls("https://example.org/"), {})
outputs(data, Urls("https://example.org/"), "abc1234")
found = metadata.packages_distributions()
print("\\n".join(sorted({d.lower().replace("_", "-") for m in set(sys.modules) - started for d in found.get(m.split(".")[0], [])})))
"""
NO_OUTPUT = {"checklist-site", "selectolax", "typing-extensions"}  # ours; the scan's (its memo keys it); type hints


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


PIECES = ["a", " ", "\n", ":", "- ", "  - id: x\n", "      - {id: i7, text: again}\n", "#", "'", '"', "{", "}", "&a", "\t", "é", ", critical: true"]


_ITEM_LINE = re.compile(r"(?m)^( +- \{id: )(i\d+)(, text: \")([^\"]*)(\".*\n)")
_LINE_EDITS = [  # what a writer does to an item's line: its text, its id (to another item's: a duplicate), the line doubled or removed
    lambda m: m.expand(r"\1\2\3\4 edited\5"),
    lambda m: m.expand(r"\1\2-b\3\4\5"),
    lambda m: m.expand(r"\1i7\3\4\5"),
    lambda m: m.group(0) + m.expand(r"\1\2-new\3a new item\5"),
    lambda _: "",
    lambda m: m.expand(r"\1\2\3\4\5").replace("{id:", "{id: [", 1),  # broken YAML
]


def _item_edited(text: str, n: int, how: int) -> str:
    found = list(_ITEM_LINE.finditer(text))
    at = found[n % len(found)]
    return text[: at.start()] + _LINE_EDITS[how % len(_LINE_EDITS)](at) + text[at.end() :]


def _moved_section(text: str, n: int) -> str:
    """``text`` with its n-th section (of the ``sections:`` list) cut and put back one place higher."""
    starts = [m.start() for m in re.finditer(r"(?m)^  - id: ", text)]
    if len(starts) < 2:
        return text
    k = 1 + n % (len(starts) - 1)
    end = starts[k + 1] if k + 1 < len(starts) else len(text)
    return text[: starts[k - 1]] + text[starts[k] : end] + text[starts[k - 1] : starts[k]] + text[end:]


_KINDS = ["edit", "move", "item", "item", "item", "item"]  # mostly what a writer does: an item's line edited


@pytest.mark.parametrize("blocks_only", [False, True], ids=["mkdocs", "zensical"])
def test_the_outputs_kept_whole_leave_the_parts_kept_beside_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocks_only: bool) -> None:
    """The worker keeps its blocks by their parts (for a build after an edit) and whole (for a build with nothing changed):
    both are there after it, under either engine; the next worker makes no part again. The whole once replaced the
    parts, kept under the same name, so that every build after an edit made every block again."""
    from generator import kept, warm

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    project = Project.at(our_project(tmp_path / "p", 120, ROOT))
    data, urls = check(project), Urls("https://example.org/")
    wanted = kept.key("outputs", "the inputs", "r1")

    def worker() -> warm.Worker:
        return warm.Worker(project, warm.context(urls, "r1"), data, urls, "r1", wanted, blocks_only=blocks_only)

    first = worker()
    first.keep(first())
    again = worker()
    made = again()
    assert again.memos[0].made == 0 and made.blocks == first().blocks
    assert warm.kept_outputs(project, wanted, blocks_only=blocks_only) == made


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_KINDS), st.floats(0, 1), st.integers(0, 40), st.lists(st.sampled_from(PIECES), max_size=3)), min_size=1, max_size=5))
def test_a_kept_check_after_any_edits_is_the_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, float, int, list[str]]]
) -> None:
    """Build after build (each a new process's KeptChecks reading what the one before kept), edits anywhere in a large
    checklist (lines added and removed, ids changed and duplicated, YAML broken and mended, a section moved): the result
    is the full load's, its locations and its issues (file:line:column) included."""
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "bench.yaml"  # one file per example: its own kept result
    text = LARGE
    path.write_text(text, encoding="utf-8")
    KeptChecks().load(path, "data/bench.yaml")
    for kind, where, removed, inserted in edits:
        if kind == "move":
            text = _moved_section(text, int(where * 100))
        elif kind == "item":
            text = _item_edited(text, int(where * 1000), removed)
        else:
            at = int(where * len(text))
            text = text[:at] + "".join(inserted) + text[at + removed :]
        path.write_text(text, encoding="utf-8")
        got, got_issues = KeptChecks().load(path, "data/bench.yaml")
        full, full_issues = load_data_file(path, "data/bench.yaml")
        assert got == full and list(_locs(got)) == list(_locs(full))
        assert [i.format() for i in got_issues] == [i.format() for i in full_issues]


def test_records_runs_runbooks_and_linking_pages_build_as_with_nothing_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept stages on a project with every input they read: runbooks, a record with two runs, a hand-written page
    linking to a generated anchor; then a new entry in the record, and the link removed: each build is the one with
    nothing kept."""
    import datetime

    from generator.progress import runs
    from generator.progress.record import append

    from .conftest import make_project

    root = make_project(tmp_path / "p", data=FIXTURES / "mini")
    project = Project.at(root)
    zone, page = datetime.timezone.utc, root / "docs" / "linking.md"
    append(project, check, None, "Priya", [{"item": "jwt-validation", "state": "done"}], at=datetime.datetime(2026, 1, 5, 9, tzinfo=zone))
    runs.start(project, check, "v2", checklist=None, by="Meera")
    page.write_text("# Links\n\n[the latency dashboard](checklists/mini/security.md#dash-latency)\n", encoding="utf-8")

    def same() -> None:
        monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
        kept_build = _built(root)
        monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
        assert kept_build == _built(root)

    same()
    same()  # every stage read back
    append(project, check, None, "Arun", [{"item": "dash-latency", "state": "done"}], at=datetime.datetime(2026, 1, 6, 9, tzinfo=zone))
    same()
    page.write_text("# Links\n\nNone.\n", encoding="utf-8")
    same()


def test_a_data_file_over_the_size_limit_is_not_read_whole_nor_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file of data/ larger than the format allows (a dump saved there by mistake) is refused as without the cache,
    having read no more than the limit, and nothing of it lands in the cache folder."""
    from generator.errors import CheckFailed
    from generator.format.load import MAX_BYTES

    project = Project.at(our_project(tmp_path / "p", 50, ROOT))
    (project.data / "dump.yaml").write_bytes(b"# " + b"x" * (MAX_BYTES + 1024) + b"\n")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    with pytest.raises(CheckFailed) as off:
        build(project)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    with pytest.raises(CheckFailed) as kept_build:
        build(project)
    assert kept_build.value.format() == off.value.format() and "dump.yaml:1:1" in off.value.format()
    assert sum(f.stat().st_size for f in (tmp_path / "cache").rglob("*") if f.is_file()) < MAX_BYTES


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file to another user takes root")
def test_a_cache_file_another_user_wrote_is_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder others can write to (an XDG_CACHE_HOME on a shared machine): a kept result or a scan memo another
    user put there is not read (a pickle runs code as it loads; a memo names pages the scan would skip)."""
    from generator import kept
    from generator.publish.scan import Memo

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    store = kept.Kept("site", "/a/project")
    store.put("k", {"a": 1})
    assert store.get("k") == {"a": 1}
    memo = Memo.load(tmp_path / "cache" / "memo")
    assert memo.fresh(b"<p>a page</p>")
    memo.save()
    assert not Memo.load(memo.path).fresh(b"<p>a page</p>")
    for planted in (store.path, memo.path):
        assert planted is not None
        os.chown(planted, 65534, 65534)  # nobody's
    assert store.get("k") is None
    assert Memo.load(memo.path).fresh(b"<p>a page</p>")


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


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_KINDS), st.floats(0, 1), st.integers(0, 40), st.lists(st.sampled_from(PIECES), max_size=3)), min_size=1, max_size=3))
def test_the_kept_stages_after_any_edits_make_what_nothing_kept_makes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, float, int, list[str]]]
) -> None:
    """Build after build of a generated checklist (its check kept whatever its size, read back by the next build), with
    the stages composed as `build` composes them: the pages and the blocks, JSON files and search entries made with
    what was kept are those made with nothing kept, and an edit that breaks the data fails as it fails without."""
    from generator import kept, warm
    from generator.build import site_pages
    from generator.errors import CheckFailed
    from generator.publish import Outputs, outputs

    monkeypatch.setattr(warm, "SMALL", 0)  # a small checklist's check kept too: fast, and every edit goes through it
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    project = Project.at(our_project(Path(tempfile.mkdtemp(dir=tmp_path)) / "p", 120, ROOT))
    data, urls, hand_written = project.data / "bench.yaml", Urls("https://example.org/"), {"index.md": "[x](checklists/bench-120/section-1.md#i3)"}
    text = data.read_text(encoding="utf-8")
    for n, (kind, where, removed, inserted) in enumerate([("none", 0.0, 0, []), *edits]):
        if kind == "move":
            text = _moved_section(text, int(where * 100))
        elif kind == "item":
            text = _item_edited(text, int(where * 1000), removed)
        elif kind == "edit":
            at = int(where * len(text))
            text = text[:at] + "".join(inserted) + text[at + removed :]
        data.write_text(text, encoding="utf-8")
        try:
            fresh = check(project)
        except CheckFailed as failed:
            for _ in range(2):  # as the next build, which reads what this one kept
                with pytest.raises(CheckFailed) as kept_failed:
                    check(project, cache=KeptChecks())
                assert kept_failed.value.format() == failed.format(), n
            continue
        for _ in range(2):
            checks = KeptChecks()
            made = check(project, cache=checks)
            wanted = inputs(checks, urls)
            assert wanted is not None
            linking = sorted(f"{page}\0{text}" for page, text in hand_written.items())
            pages = warm.memo(project, "pages", warm.context(urls, "r1"))
            site = warm.site_of(project, kept.key("site", wanted, *linking), site_pages, made, urls, hand_written, memo=pages)
            for blocks_only in (False, True):  # as under MkDocs (the outputs kept whole), and under Zensical (blocks whole, exports by parts)
                worker = warm.Worker(project, warm.context(urls, "r1"), made, urls, "r1", kept.key("outputs", wanted, "r1"), blocks_only=blocks_only)
                found = warm.kept_outputs(project, kept.key("outputs", wanted, "r1"), blocks_only=blocks_only)
                if found is None:
                    found = worker()
                    worker.keep(found)
                if blocks_only:
                    found = Outputs(found.blocks, *worker.exports())
                    worker.keep_exports()
                settle()  # the children keeping the check and the pages
                assert found == outputs(fresh, urls, "r1"), (n, blocks_only)
            assert site == site_pages(fresh, urls, hand_written), n


def test_the_code_digest_of_a_package_with_a_dangling_link_is_made(tmp_path: Path) -> None:
    """The package's skeleton links to the repository's files (skeleton/data/*.yaml): a copy of the package without
    them (a link left dangling) still gets its code digest, and a build its kept results, never a traceback."""
    from generator import kept

    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    first = kept.sources(tmp_path)
    (tmp_path / "a.py").write_text("x = 2\n", encoding="utf-8")
    assert kept.sources(tmp_path) != first


def test_a_kept_check_of_another_shape_is_a_full_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept file under the right key holding something else than (bytes, (result, issues)) (written by a version of the
    code with the same digest but another format, or by hand) is the file loaded again, never a traceback."""
    from generator import kept

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "bench.yaml"
    path.write_text(LARGE, encoding="utf-8")
    store = kept.Kept("check", f"{path.absolute()}\0data/bench.yaml")
    for odd in ((b"x", 5), (b"x", (None,)), (LARGE.encode(), ("not a result", "not a list")), (LARGE.encode(), ("not a result", [])), "text", None):
        store.put(kept.key("check", "data/bench.yaml"), odd)
        got, issues = KeptChecks().load(path, "data/bench.yaml")
        assert got == load_data_file(path, "data/bench.yaml")[0] and issues == []


def test_two_projects_and_a_moved_one_share_a_cache_folder_and_get_their_own_sites(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two projects built one after the other with one cache folder, then the first moved to another folder and edited
    there: each build is the build with nothing kept of that project where it is."""
    first, second = our_project(tmp_path / "a", 20, ROOT), our_project(tmp_path / "b", 30, ROOT)

    def same(project: Path) -> None:
        monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
        kept_build = _built(project)
        monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
        assert kept_build == _built(project)

    same(first)
    same(second)
    moved = tmp_path / "moved"
    shutil.move(first, moved)
    data = moved / "data" / "bench.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("component 3 of", "component three of"), encoding="utf-8")
    same(moved)


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_KINDS), st.floats(0, 1), st.integers(0, 40), st.lists(st.sampled_from(PIECES), max_size=3)), min_size=1, max_size=2))
def test_a_kept_build_after_any_edits_is_the_build_with_nothing_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, float, int, list[str]]]
) -> None:
    """The whole build (check, pages, blocks, engine, publish, scan), build after build with random edits of a generated
    checklist whose check is kept whatever its size: every file of site/ and docs/ is the build with nothing kept's,
    and an edit that breaks the data fails with the same message."""
    from generator import warm
    from generator.errors import CheckFailed

    monkeypatch.setattr(warm, "SMALL", 0)
    root = our_project(Path(tempfile.mkdtemp(dir=tmp_path)) / "p", 250, ROOT)  # three sections
    data = root / "data" / "bench.yaml"
    text = data.read_text(encoding="utf-8")
    for kind, where, removed, inserted in [("none", 0.0, 0, []), *edits]:
        if kind == "move":
            text = _moved_section(text, int(where * 100))
        elif kind == "item":
            text = _item_edited(text, int(where * 1000), removed)
        elif kind == "edit":
            at = int(where * len(text))
            text = text[:at] + "".join(inserted) + text[at + removed :]
        data.write_text(text, encoding="utf-8")
        results = []
        for cache in (str(tmp_path / "cache"), "off"):
            monkeypatch.setenv("CHECKLIST_SITE_CACHE", cache)
            try:
                results.append(_built(root))
            except CheckFailed as failed:
                results.append({"failed": failed.format().encode()})
        assert results[0] == results[1]


def _meta_edited(text: str, n: int) -> str:
    """``text`` with what every sheet, page or list reads besides its section changed: the checklist's title, version or
    date, or a section's title (the cover's contents, the critical items' sheet)."""
    how = n % 4
    if how == 0:
        return re.sub(r"(?m)^title: (.*)$", lambda m: f"title: {m.group(1)} again", text, count=1)
    if how == 1:
        return re.sub(r'(?m)^version: "([^"]*)"$', lambda m: f'version: "{m.group(1)}.1"', text, count=1)
    if how == 2:
        return text.replace("version:", "updated: 2026-02-03\nversion:", 1) if "updated:" not in text else text.replace("updated: 2026-02-03\n", "")
    return re.sub(r"(?m)^(    title: Section \d+)$", r"\1 renamed", text, count=1)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([*_KINDS, "meta", "meta"]), st.floats(0, 1), st.integers(0, 40)), min_size=1, max_size=4))
def test_the_kept_parts_after_any_edits_are_the_parts_made_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, float, int]]
) -> None:
    """Build after build (each with new memos reading what the last one kept, as a new process does), edits of items,
    sections moved, the checklist's title, version and date changed: the pages, blocks, JSON files and search entries
    made with the kept parts (``site.memo.Kept``) are, byte for byte, those made with nothing kept."""
    from generator import warm
    from generator.build import site_pages
    from generator.publish import outputs

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    project = Project.at(our_project(Path(tempfile.mkdtemp(dir=tmp_path)) / "p", 250, ROOT))  # three sections
    data, urls, hand_written = project.data / "bench.yaml", Urls("https://example.org/"), {"index.md": "[x](checklists/bench-250/section-2.md#i103)"}
    text = data.read_text(encoding="utf-8")
    context = warm.context(urls, "r1")
    for n, (kind, where, how) in enumerate([("none", 0.0, 0), *edits]):
        if kind == "move":
            text = _moved_section(text, int(where * 100))
        elif kind in ("item", "edit"):
            text = _item_edited(text, int(where * 1000), how % 4)  # text, id, duplicate id, a line more (not broken)
        elif kind == "meta":
            text = _meta_edited(text, how)
        data.write_text(text, encoding="utf-8")
        try:
            fresh = check(project)
        except Exception:  # noqa: BLE001 - a duplicate id: the check fails with and without kept results alike (tested above)
            continue
        for _ in range(2):  # made (and kept), then read back
            memo = warm.memo(project, "pages", context)
            assert warm.site_of(project, None, site_pages, fresh, urls, hand_written, memo=memo) == site_pages(fresh, urls, hand_written), n
            worker = warm.Worker(project, context, fresh, urls, "r1")  # as the build's worker makes them, then keeps them
            if n % 2:
                worker.prime()  # the digests and readiness made before it forks
            made = worker()
            assert made == outputs(fresh, urls, "r1"), n
            worker.keep(made)
            settle()  # the children keeping the pages (warm.site_of)


def test_an_edited_item_renders_its_section_again_and_the_other_sections_are_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the kept parts spare: after one item's text changed, only the parts of its section and those that read every
    section (the critical items' sheet) are made again; the same data again makes none."""
    from generator import warm
    from generator.build import site_pages
    from generator.site import memo as parts

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    project = Project.at(our_project(tmp_path / "p", 1000, ROOT))  # ten sections
    urls, context = Urls("https://example.org/"), warm.context(Urls("https://example.org/"), "")

    def kept_build() -> dict[str, int]:
        """How many parts each stage made (the rest read back), as a build makes and keeps them."""
        data = check(project)
        pages, worker = warm.memo(project, "pages", context), warm.Worker(project, context, data, urls, "")
        warm.site_of(project, None, site_pages, data, urls, {}, memo=pages)
        worker.keep(worker())
        settle()
        assert all(isinstance(memo, parts.Kept) for memo in (pages, *worker.memos))
        return {"pages": pages.made, "blocks": worker.memos[0].made, "exports": worker.memos[1].made}

    first = kept_build()
    assert first["blocks"] > 100 and first["exports"] > 20 and first["pages"] > 10, first
    assert kept_build() == {"pages": 0, "blocks": 0, "exports": 0}
    data = project.data / "bench.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("component 450 of", "component four hundred fifty of"), encoding="utf-8")
    again = kept_build()
    # its section's page; its group's list, its sheet and the sheet's page, the section's critical items (the item is
    # critical: its list, the readiness page's blockers, the critical items' sheet and its page, and what that sheet reads
    # of the section); its section's search entries and export lines; the Record panel's script (it lists every item)
    assert again == {"pages": 1, "blocks": 9, "exports": 3}, again


def test_a_key_digest_is_its_content_not_its_objects_nor_their_places() -> None:
    """``site.memo.Digests``: the same content read twice (other objects, other lines) is one digest; another text, type
    or value is another; an object written with its address is never found again."""
    import dataclasses

    from markupsafe import Markup

    from generator.errors import Loc
    from generator.site.memo import Digests

    text = checklist_yaml(120)
    path = Path(tempfile.mkdtemp()) / "bench.yaml"
    path.write_text(text, encoding="utf-8")
    first = load_data_file(path, "data/bench.yaml")[0]
    path.write_text("# a line more\n" + text, encoding="utf-8")
    again = load_data_file(path, "data/bench.yaml")[0]
    assert first.sections[1] is not again.sections[1] and first.sections[1].loc != again.sections[1].loc
    one, other = Digests(), Digests()
    assert one((first.sections[1], "x")) == other((again.sections[1], "x")) and one((first,)) == other((again,))
    group = first.sections[1].groups[0]
    changed = dataclasses.replace(group, items=(dataclasses.replace(group.items[0], text=group.items[0].text + "!"), *group.items[1:]))
    assert one((group,)) != other((changed,)) and one((group,)) == other((dataclasses.replace(group, loc=Loc("elsewhere", 9, 9)),))
    values = [("1",), (1,), (True,), (1.0,), (None,), ("None",), (Markup("x"),), ("x",), (("x",),), (["x"],)]
    assert len({one(v) for v in values}) == len(values)
    anything = object()
    assert one((anything,)) != one((anything,))


_PAGE = {"page": "Read every section before the meeting", "n": 7}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_cache_file_changed_since_it_was_written_is_never_used(data: st.DataObject) -> None:
    """A kept result or a compiled template whose file in the cache changed since it was written (a disk's error, a
    write cut short or made over it by another program, a byte changed by hand) was used as it read: a kept page's text
    changed in the cache was published ('Skip every section' for the data's 'Read every section'), and a compiled
    template changed there ran (the sheets said 'for phishing' where the template says 'for printing'; a byte flipped
    elsewhere stopped the build at 'internal error: UnboundLocalError'). Whatever byte is changed, the result kept is
    the one written or none (made again: kept.sealed), the template's output the template's own."""
    from unittest import mock

    import jinja2

    from generator import kept
    from generator.site.environment import _Compiled

    with tempfile.TemporaryDirectory() as scratch, mock.patch.dict(os.environ, {"CHECKLIST_SITE_CACHE": f"{scratch}/cache"}):
        cache = Path(scratch) / "cache"
        store = kept.Kept("pages", f"{scratch}/project")
        store.put("key", _PAGE)
        assert store.path is not None and store.get("key") == _PAGE
        (cache / "templates").mkdir()
        loader = jinja2.DictLoader({"sheet.html": "Sign-off sheet for printing: {{ title }}"})
        assert jinja2.Environment(loader=loader, bytecode_cache=_Compiled(str(cache / "templates"))).get_template("sheet.html").render(title="S")
        [compiled] = (cache / "templates").iterdir()
        for path in (store.path, compiled):
            stored = path.read_bytes()
            words = [stored.find(b"every"), stored.find(b"printing")]
            at = data.draw(st.sampled_from([w for w in words if w >= 0]) | st.integers(0, len(stored) - 1), label="at")
            changed = stored[:at] + bytes([stored[at] ^ data.draw(st.integers(1, 255), label="xor")]) + stored[at + 1 :]
            path.write_bytes(changed)
        assert store.get("key") in (_PAGE, None)
        fresh = jinja2.Environment(loader=loader, bytecode_cache=_Compiled(str(cache / "templates")))
        assert fresh.get_template("sheet.html").render(title="S") == "Sign-off sheet for printing: S"


def test_the_found_cache_changes_are_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases found (the property's random draws aside): a kept page's words and a compiled template's words changed
    in place, the file otherwise whole."""
    import jinja2

    from generator import kept
    from generator.site.environment import _Compiled

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    store = kept.Kept("pages", str(tmp_path / "project"))
    store.put("key", _PAGE)
    assert store.path is not None
    store.path.write_bytes(store.path.read_bytes().replace(b"Read every", b"Skip every"))
    assert store.get("key") is None
    (tmp_path / "cache" / "templates").mkdir()
    loader = jinja2.DictLoader({"sheet.html": "Sign-off sheet for printing: {{ title }}"})
    jinja2.Environment(loader=loader, bytecode_cache=_Compiled(str(tmp_path / "cache" / "templates"))).get_template("sheet.html")
    [compiled] = (tmp_path / "cache" / "templates").iterdir()
    compiled.write_bytes(compiled.read_bytes().replace(b"for printing", b"for phishing"))
    fresh = jinja2.Environment(loader=loader, bytecode_cache=_Compiled(str(tmp_path / "cache" / "templates")))
    assert fresh.get_template("sheet.html").render(title="S") == "Sign-off sheet for printing: S"


def test_the_versions_read_from_folder_names_are_importlib_metadatas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The libraries' versions that key what is kept (kept.code, zensical_out, zensical_copies) are read from the names of
    their dist-info folders (programs.installed_version), without importing importlib.metadata: the same as it gives,
    for every library named, in any spelling, and None for one not installed; a folder of another form (an egg's, an
    editable install's) is read by importlib.metadata, as before."""
    import importlib.metadata

    from generator import kept, programs, zensical_out

    for name in (*kept._LIBRARIES, *zensical_out._RENDERERS, "mkdocs-material", "Markdown", "pymdown_extensions", "PyYAML", "no-such-library-here"):
        try:
            expected: str | None = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            expected = None
        assert programs.installed_version(name) == expected, name
    (tmp_path / "Some.Thing-2.0.egg-info").mkdir()  # not a wheel's folder: left to importlib.metadata
    (tmp_path / "some_thing-1.5.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    programs._dist_infos.cache_clear()
    try:
        assert programs.installed_version("some-thing") == "1.5" and programs.installed_version("Some.Thing") == "1.5"
    finally:
        programs._dist_infos.cache_clear()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_page_filled_from_the_same_is_the_last_builds_and_one_changed_since_is_filled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """After an edit of one item, the pages filled from the same as in the last build with this engine (the engine's page,
    its blocks, the navigation's windows) are that build's files, taken as they are (``assemble.Filled``: the same file,
    not filled again), though a build with the other engine published its site in between; the edited section's page is
    filled anew; a published page changed since (by hand) is filled again; and the site is, byte for byte, the one a build
    keeping nothing makes."""
    from .test_ecosystem import _zensical

    _zensical()
    project = our_project(tmp_path / "p", 1000, ROOT)  # ten sections, the middle ones a long run: windows cut (Zensical)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    built = lambda engine=engine: build(Project.at(project), engine=engine)  # noqa: E731
    built()
    site = project / "site" / "checklists" / "bench-1000"
    pages = sorted(site.glob("section-*/index.html"))
    inode = {page: page.stat().st_ino for page in pages}
    built("zensical" if engine == "mkdocs" else "mkdocs")  # the other engine's site published in between
    assert not any(page.stat().st_ino == inode[page] for page in pages)
    data = project / "data" / "bench.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("component 150 of", "component one hundred fifty of"), encoding="utf-8")
    built()
    same = [page for page in pages if page.stat().st_ino == inode[page]]
    edited = [page for page in pages if b"component one hundred fifty of" in page.read_bytes()]
    assert len(edited) == 1 and edited[0] not in same and len(same) == len(pages) - 1, (edited, len(same), len(pages))
    by_hand = same[-1]
    by_hand.write_bytes(by_hand.read_bytes().replace(b"</body>", b"<!-- changed by hand --></body>"))
    data.write_text(data.read_text(encoding="utf-8").replace("component one hundred fifty of", "component 150 of"), encoding="utf-8")
    built()
    assert b"changed by hand" not in by_hand.read_bytes()
    kept_site = _files(project)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    built()
    assert _files(project) == kept_site


def test_a_store_of_filled_pages_that_is_a_link_is_never_written_or_removed_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stores of filled pages (``assemble.Filled``) are in the work folder, which may come with the project (git keeps
    a folder added by force, and a pull request can carry one): a link there to a folder elsewhere is never written into,
    pruned or read through, and the build goes on as if nothing were kept."""
    from .conftest import make_project

    project = make_project(tmp_path / "p")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    outside = tmp_path / "outside"
    for name in "abcdefgh":  # more folders than the stores kept: pruning them would remove some
        (outside / name).mkdir(parents=True)
        (outside / name / "keep.txt").write_text("not the generator's", encoding="utf-8")
    before = sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*"))
    (project / ".checklist-site").mkdir(exist_ok=True)
    (project / ".checklist-site" / "filled").symlink_to(outside, target_is_directory=True)
    for _ in range(2):
        build(Project.at(project))
        settle()
    assert sorted(p.relative_to(outside).as_posix() for p in outside.rglob("*")) == before
    assert (project / "site" / "index.html").is_file()


def test_a_generated_page_the_same_as_published_is_staged_as_that_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit of an item (whose text is not in the Markdown), the generated pages are the published files, staged
    as hard links (``write.write_pages``: no file made, no byte written); a page whose Markdown changed (a section's
    title) is a new file; the pages are byte for byte what a build keeping nothing writes."""
    from .conftest import make_project

    project = make_project(tmp_path / "p")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    build(Project.at(project))
    pages = sorted((project / "docs" / "checklists").rglob("*.md"))
    inode = {page: page.stat().st_ino for page in pages}
    data = project / "data" / "realserv-launch.yaml"
    text = data.read_text(encoding="utf-8")
    item = re.search(r"text: (\w+)", text)
    assert item is not None
    data.write_text(text.replace(item.group(0), f"{item.group(0)} again", 1), encoding="utf-8")
    build(Project.at(project))
    assert [page for page in pages if page.stat().st_ino != inode[page]] == []
    data.write_text(data.read_text(encoding="utf-8").replace("    title: Security\n", "    title: Security review\n", 1), encoding="utf-8")
    build(Project.at(project))
    changed = [page.relative_to(project / "docs").as_posix() for page in pages if page.stat().st_ino != inode[page]]
    assert "checklists/realserv-launch/security.md" in changed and len(changed) < len(pages) // 2, changed
    written = {p: p.read_bytes() for p in pages}
    shutil.rmtree(project / "docs" / "checklists")
    build(Project.at(project))
    assert {p: p.read_bytes() for p in pages} == written


@pytest.mark.skipif(not can_fork(), reason="no fork here: the worker's work is done in place")
@pytest.mark.parametrize("slow", ["worker", "mkdocs"])
def test_the_exports_are_made_by_whichever_process_is_free_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, slow: str
) -> None:
    """Under MkDocs the build's own process, once MkDocs has built, makes the JSON files and search entries itself if
    the worker is still at the blocks (``warm.Worker.claim``), else the worker makes them after the blocks: either way
    the site is the one built with nothing forked, and the next build with nothing changed makes no block again (the
    blocks kept whole alone, the JSON files and search entries from their parts)."""
    import logging
    import time

    from generator import build as build_module
    from generator import warm

    project = our_project(tmp_path / "p", 120, ROOT)
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")
    alone = _built(project)
    monkeypatch.delenv("CHECKLIST_SITE_NO_FORK")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    home = os.getpid()

    def late(real):
        def slowed(*args, **kwargs):
            if slow == "mkdocs" or os.getpid() != home:  # the worker's blocks, or MkDocs in this process
                time.sleep(1.5)
            return real(*args, **kwargs)

        return slowed

    if slow == "worker":
        monkeypatch.setattr(warm, "render_paper", late(warm.render_paper))
    else:
        monkeypatch.setattr(build_module, "_mkdocs_once", late(build_module._mkdocs_once))
    with caplog.at_level(logging.DEBUG, logger="checklist_site"):
        assert _built(project) == alone
    assert any("exports, search (here, claimed)" in r.getMessage() for r in caplog.records) == (slow == "worker")

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a block made again with nothing changed")

    monkeypatch.setattr(warm, "render_paper", never)
    assert _built(project) == alone


def test_a_store_pruned_beside_the_build_is_never_the_one_it_fills_from(tmp_path: Path) -> None:
    """No more than ``STORES`` stores of filled pages stay, the ones used last; the store of the build that prunes stays
    whatever its age (the build prunes in a child process while it fills from it)."""
    from generator.publish.assemble import STORES, prune_stores

    folder = tmp_path / "filled"
    stores = [folder / f"s{n}" for n in range(STORES + 3)]
    for n, store in enumerate(stores):
        store.mkdir(parents=True)
        (store / "page").write_text("x", encoding="utf-8")
        os.utime(store, (1_000_000 + n, 1_000_000 + n))  # s0 the oldest
    prune_stores(folder, STORES, spare=stores[0])
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.name for s in [stores[0], *stores[-(STORES - 1) :]])
    prune_stores(folder, STORES)
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.name for s in [stores[0], *stores[-(STORES - 1) :]])
    prune_stores(folder, 2)
    assert sorted(p.name for p in folder.iterdir()) == sorted(s.name for s in stores[-2:])
