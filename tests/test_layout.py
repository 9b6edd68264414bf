"""The layout decides every generated path and URL: pages, reserved names, slots and the two URL styles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build import check_files
from generator.site import layout
from generator.site.render import render

from .conftest import ROOT, data_files, make_project, run_cli


def _data(folder: Path):  # type: ignore[no-untyped-def]
    data, issues = check_files([(p, p.name) for p in data_files(folder)])
    assert issues == []
    return data


def test_every_generated_page_is_one_the_layout_declares() -> None:
    data = _data(ROOT / "data")
    site = render(data)
    declared = {page.src for c in data.checklists for kind in layout.CHECKLIST_PAGES if kind.when(data.status(c.id)) for _, page in kind.pages(c)}
    declared |= {layout.runbook_page(r.id).src for r in data.runbooks} | {layout.runbook_page(layout.RUNBOOK_INDEX).src}
    declared |= {layout.checklists_index().src}  # the list of all checklists
    framed = set(site.framed)
    frames = {layout.frame_of(layout.Page(src)).src for src in framed}
    assert frames == {layout.checklist_page(c.id, layout.FRAME_NAME).src for c in data.checklists}  # one frame per checklist
    assert set(site.pages) | framed == declared | frames and not set(site.pages) & framed  # a framed page has no Markdown page
    status = {c.id: data.status(c.id) for c in data.checklists}
    kinds = [(c, kind) for c in data.checklists for kind in layout.CHECKLIST_PAGES if kind.framed and kind.when(status[c.id])]
    assert framed == {page.src for c, kind in kinds for _, page in kind.pages(c)}
    # the packet is out of the engine too (the filled packet is made only with progress)
    assert {src.rsplit("/", 1)[-1] for src in framed if src.split("/")[2] != "sheets"} == {"packet.md"}
    assert all(path.split("/")[0] in layout.GENERATED_DIRS for path in site.pages)


def _block_kind(key: str) -> str:
    """The kind of block (layout.BLOCKS) a key names, read back from its declared name."""
    name = key.split(":", 1)[1].rsplit("/", 1)[-1].removeprefix(layout.FILLED)
    kinds = [kind for kind, block in layout.BLOCKS.items() if re.fullmatch(re.sub(r"\\\{s[^}]*\\\}", ".+", re.escape(block.name)), name)]
    return min(kinds, key=lambda kind: "{" in layout.BLOCKS[kind].name)  # a fixed name before a pattern that also matches it


def _with_progress_and_a_run(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The RealServ data with progress recorded in the default run, then in a second run (its own pages and packet)."""
    import datetime

    from generator.build import Project, check
    from generator.progress import runs
    from generator.progress.record import append

    project = Project.at(make_project(tmp_path / "p"))
    append(project, check, None, "Priya", [{"item": "jwt-token-validation-working", "state": "done"}], at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC))
    runs.start(project, check, "second", checklist=None, by="Meera")
    append(project, check, None, "Arun", [{"item": "twilio-sms-used", "state": "n/a"}], at=datetime.datetime.now(datetime.UTC))
    return check(project)


@pytest.mark.parametrize("progress", [False, True], ids=["blank", "progress-and-a-run"])
def test_every_block_is_declared_with_the_page_types_that_hold_it(tmp_path: Path, progress: bool) -> None:
    from generator.site.paper import render_paper

    data = _with_progress_and_a_run(tmp_path) if progress else _data(ROOT / "data")
    site, blocks = render(data), render_paper(data)
    held: set[str] = set()
    for c in data.checklists:
        for kind in layout.CHECKLIST_PAGES:
            for _, page in kind.pages(c) if kind.when(data.status(c.id)) else ():
                # a framed page's blocks follow its own (a packet's), a Markdown page's are in its slots
                keys = list(site.framed[page.src][1:]) if kind.framed else re.findall(r'data-block="([^"]+)"', site.pages[page.src])
                assert {_block_kind(key) for key in keys} == set(kind.holds) - ({"minutes"} if not kind.filled else set()), page.src
                held |= set(keys)
        for run in data.runs_of(c.id) if progress else ():
            name = run.run or "default"
            for kind in (layout.PAGE_TYPES[key] for key in layout.RUN_PAGES):
                src = layout.run_page(c.id, name, kind.key).src
                keys = list(site.framed[src][1:]) if src in site.framed else re.findall(r'data-block="([^"]+)"', site.pages.get(src, ""))
                assert {_block_kind(key) for key in keys} <= set(kind.holds) and all(k.startswith(f"{layout.checklist_folder(c.id)}:runs/{name}/")
                                                                                    for k in keys if layout.BLOCKS[_block_kind(k)].of_run)
                held |= set(keys)
    assert progress == any(key.startswith(f"{layout.checklist_folder(c.id)}:runs/") for key in held)
    # Every block rendered is held by a page's slot, or is a framed page's content, or the home page's list; and no slot waits in vain.
    assert set(blocks) == held | {keys[0] for keys in site.framed.values()} | {layout.HOME_LIST}


def test_reserved_names_are_the_fixed_names_of_the_declared_pages() -> None:
    assert layout.RESERVED_PAGES == {"index", "critical", "readiness", "final-signoff", "packet", "packet-filled", "sheets"}
    data = _data(ROOT / "data")
    site = render(data)
    pages = [page for page in map(layout.Page, [*site.pages, *site.framed]) if page.src.startswith(f"{layout.CHECKLISTS}/")]
    pages = [page for page in pages if page != layout.checklists_index()]
    taken = {page.src.split("/")[2].removesuffix(".md") for page in pages}
    ids = {s.id for c in data.checklists for s in (*c.sections, *c.parts, *([c.rollback] if c.rollback else []))}
    assert taken - ids <= layout.RESERVED_PAGES and taken - ids >= layout.RESERVED_PAGES - {"packet-filled"}  # filled: only with progress


@pytest.mark.parametrize("directory_urls", [True, False], ids=["directory-urls", "flat"])
def test_a_page_knows_its_built_file_and_url(directory_urls: bool) -> None:
    urls = layout.Urls("https://ops.example.com/", directory=directory_urls)
    section = layout.checklist_page("c", "security")
    sheet = layout.checklist_page("c", "sheets/security")
    index = layout.checklist_page("c", "index")
    if directory_urls:
        assert (urls.dest(section), urls.url(section), urls.url(index)) == ("checklists/c/security/index.html", "checklists/c/security/", "checklists/c/")
    else:
        assert (urls.dest(section), urls.url(section), urls.url(index)) == (
            "checklists/c/security.html",
            "checklists/c/security.html",
            "checklists/c/index.html",
        )
    assert sheet.link_from(section) == "sheets/security.md" and section.link_from(sheet, "jwt") == "../security.md#jwt"
    # A link written in a block from the checklist's folder, moved to the sheet's folder, reaches the same file.
    href = urls.href(section.link_from(index, "jwt"))
    moved = layout.relocate(f'<a href="{href}">x</a>', layout.block_base(layout.block_key("c", "k")), str(Path(urls.dest(sheet)).parent))
    target = re.search(r'href="([^"#]*)#jwt"', moved).group(1)  # type: ignore[union-attr]
    resolved = (Path("/site") / Path(urls.dest(sheet)).parent / target).resolve()
    assert resolved in {Path("/site") / urls.dest(section), (Path("/site") / urls.dest(section)).parent}


def test_published_urls_follow_the_contract() -> None:
    assert layout.checklist_page("launch", "security").absolute_url("https://ops.example.com/x/", "jwt") == "https://ops.example.com/x/checklists/launch/security/#jwt"
    assert layout.checklist_page("launch", "index").absolute_url("") == "/checklists/launch/"
    assert layout.runbook_url("", "redis-down") == "/runbooks/redis-down/"


def test_a_slot_is_found_by_the_pattern_that_fills_it() -> None:
    markup = layout.slot(layout.block_key("c", "sheet-s1"), 'Sheet <1> "x"')
    assert layout.has_slot(markup)
    match = layout.SLOT.fullmatch(markup)
    assert match and match.group(1) == "checklists/c:sheet-s1"


def test_pdf_prints_the_declared_paper() -> None:
    data = _data(ROOT / "data")
    c = data.checklists[0]
    blank = [name for _, name, _ in layout.printed_pages(c)]
    # the packet, each section sheet, the final sign-off, the rollback, the critical items, the metrics and post-launch sheets
    assert blank[0] == f"{c.id}-packet" and len(blank) == 1 + len(c.sections) + bool(c.final_signoff) + bool(c.rollback) + 1 + len(c.parts)
    assert [name for _, name, _ in layout.printed_pages(c, filled=True)] == [f"{c.id}-packet-filled"]


RUNBOOK_CASES = {
    "id": ("  - id: redis-down\n", "  - id: index\n    former_ids: [redis-down]\n", "runbook id 'index' is reserved"),
    "former-id": ("  - id: redis-down\n", "  - id: redis-unavailable\n    former_ids: [redis-down, index]\n", "runbook former id 'index' is reserved"),
}


@pytest.mark.parametrize("case", RUNBOOK_CASES, ids=list(RUNBOOK_CASES))
def test_a_runbook_cannot_take_the_alarm_list_url(tmp_path: Path, case: str) -> None:
    """Id `index` would replace /runbooks/ (the alarm map would publish a URL that 404s); former id `index` would redirect it."""
    old, new, message = RUNBOOK_CASES[case]
    project = make_project(tmp_path / "p")
    path = project / "data" / "runbooks.yaml"
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = _snapshot(project)
    for command in ("check", "build"):
        result = run_cli("-C", str(project), command)
        assert result.returncode == 1, result.stderr
        assert re.search(
            rf"data/runbooks\.yaml:{line}:5: error: {message} for the list of all alarms \(/runbooks/\)\n    hint: choose another id", result.stderr
        ), result.stderr
        assert "Traceback" not in result.stderr
    assert _snapshot(project) == before and not (project / "site").exists()


def _snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}


_SEGMENT = st.sampled_from(["checklists", "c", "sheets", "s1", "index.md", "runbooks", "r.md", "a-b", "x.html"])


@given(st.lists(_SEGMENT, min_size=1, max_size=5), st.lists(_SEGMENT, max_size=5))
def test_relative_paths_are_the_standard_ones(path: list[str], start: list[str]) -> None:
    """The layout works out relative links on the strings alone; they are posixpath.relpath's, for paths inside one tree."""
    import posixpath

    assert layout.relative_path("/".join(path), "/".join(start)) == posixpath.relpath("/".join(path), "/".join(start) or ".")
