"""Import Markdown checklists; export JSON, CSV and Markdown; round trips lose nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.build import Project, check
from generator.exchange.export import as_markdown, export_schema
from generator.format.model import Checklist, Data, Item, State, Status
from generator.format.validate import _anchors, load_data_file

from .conftest import FIXTURES, ROOT, SEED, load_checklist, make_project, run_cli


def _items(items: tuple[Item, ...]) -> list[Any]:
    def details(text: str) -> str:  # blank lines between blocks are not content
        return "\n".join(line for line in text.splitlines() if line.strip())

    return [(i.text, i.critical, i.priority, i.target, i.ordered, details(i.details), _items(i.items)) for i in items]


def shape(c: Checklist, who: bool = True, icons: bool = True) -> dict[str, Any]:
    """Everything a reader sees, without ids (which the importer derives from texts)."""
    f = c.final_signoff
    return {
        "meta": (c.version, c.created, c.updated, c.owner, c.next_review),
        "instructions": _items(c.instructions),
        "sections": [
            (
                s.title,
                s.priority,
                s.icon if icons else None,
                [(g.title, g.signoff, g.ordered, _items(g.items), [(sub.label, sub.ordered, _items(sub.items)) for sub in g.lists]) for g in s.groups],
            )
            for s in c.sections
        ],
        "final": f and ([r.title for r in f.approval.roles], [(o.icon, o.label, o.text) for o in f.decision.options], f.decision.notes, f.decision.notes_hint),
        "parts": [(p.title, p.period, [(g.title, g.ordered, _items(g.items)) for g in p.groups]) for p in c.parts],
        "rollback": c.rollback and (c.rollback.title, c.rollback.when, [(s.title, s.text, s.who if who else None) for s in c.rollback.steps]),
    }


SHAPES = sorted((FIXTURES / "import").glob("*.md"))
_LIST_BOX = re.compile(r"^(?:\s*(?:[-*+]|\d+[.)])\s+| {0,3})(?:\[([ xX/><-])\]|([☐☑☒]))\s", re.M)  # a bare '[ ] text' line too
_CELL_BOX = re.compile(r"\|\s*(?:\[([ xX])\]|([☐☑☒]))[^|\[\]]*(?=\|)")


def count_boxes(source: str) -> tuple[int, int]:
    """Boxes and ticked boxes, counted from the text alone: task list lines and table cells, outside code."""
    text = re.sub(r"^```.*?^```", "", source, flags=re.M | re.S)
    found = _LIST_BOX.findall(text) + [m for line in text.splitlines() if line.lstrip().startswith("|") for m in _CELL_BOX.findall(line)]
    marks = ["".join(m) for m in found]
    marks += ["x" if re.search(r"\bchecked\b", tag) else " " for tag in re.findall(r"<input\b[^>]*checkbox[^>]*>", text)]  # HTML lists
    marks += [" " if state == "incomplete" else "x" for state in re.findall(r"<ac:task-status>(\w+)<", text)]  # Confluence's tasks
    marks += re.findall(r"^#{1,6}[ \t]+([☐☑☒])", text, re.M)  # a heading that starts with a box
    if not marks:  # no box at all: each list item that is more than a link is an open one
        marks = [" " for _ in re.findall(r"^\s*(?:[-*+]|\d+[.)])\s+(?!\[[^\]]*\]\([^)]*\)\s*$)\S", text, re.M)]
    return len(marks), sum(1 for m in marks if m in "xX☑☒-")  # done, or cancelled (n/a)


def _import(source: str, tmp_path: Path, name: str = "imported", *args: str) -> tuple[Checklist, str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    md = tmp_path / f"{name}.md"
    md.write_text(source, encoding="utf-8")
    out = tmp_path / "data" / f"{name}.yaml"
    result = run_cli("import", str(md), "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    checklist, issues = load_checklist(out, out.name)
    assert checklist is not None and not issues, [i.format() for i in issues]
    return checklist, result.stdout + result.stderr


def _all_items(c: Checklist) -> list[Item]:
    return [i for top in c.instructions for i in top.walk()] + [i for b in (*c.sections, *c.parts) for i in b.all_items()]


def _ids(c: Checklist) -> list[tuple[str, str]]:
    return [(ident, kind) for ident, kind, _ in _anchors(c) if not kind.startswith("former")]


def test_importing_the_seed_gives_the_shipped_ids_and_checklist(tmp_path: Path) -> None:
    imported, output = _import(SEED.read_text(encoding="utf-8"), tmp_path, "realserv-launch")
    shipped = check(Project.at(ROOT)).checklists[0]
    assert imported.id == shipped.id == "realserv-launch"  # from -o NAME.yaml
    assert _ids(imported) == _ids(shipped)
    # Two section emoji arrive garbled beyond repair (a dropped byte leaves several candidates).
    # Everything else must match, rollback owners and the created date included.
    assert shape(imported, icons=False) == shape(shipped, icons=False)
    assert imported.created == shipped.created and str(imported.created) == "2026-01-12"
    assert [s.icon for s in imported.sections] == ["", "", "📊", "✅", "🔧", "📚", "🚀", "📞"]
    assert imported.rollback and imported.rollback.steps[0].who == "Tech Lead + Product Manager"
    assert sum(1 for _ in imported.critical_items()) == 57
    assert "269 check box(es); 269 written (267 item(s), 2 decision box(es))" in output
    assert "2 × emoji garbled beyond repair" in output


def test_export_markdown_then_import_is_the_identity_on_ids_texts_criticality_and_ticks(tmp_path: Path) -> None:
    import shutil

    from .conftest import make_project

    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    data = check(Project.at(project))
    markdown = run_cli("-C", str(project), "export", "--format", "markdown").stdout
    again, output = _import(markdown, tmp_path, "again", "--id", "realserv-launch")
    original = data.checklists[0]
    assert _ids(again) == _ids(original)
    assert shape(again) == shape(original)
    assert [(i.id, i.text, i.critical, i.priority) for i in _all_items(again)] == [(i.id, i.text, i.critical, i.priority) for i in _all_items(original)]
    status, issues = load_data_file(tmp_path / "data" / "again.status.yaml", "again.status.yaml")
    assert not issues and isinstance(status, Status)
    # The record as it was: done, n/a and waived, with who, when and why (the export said done or open, by 'imported')
    assert _record(status) == _record(data.statuses[0]) and {e.state for e in status.items} == {State.DONE, State.NOT_APPLICABLE, State.WAIVED}
    # and its sign-offs and approvals as the record's, who and when (they were read as groups and roles only)
    assert _signed(status) == _signed(data.statuses[0]) and len(status.signoffs) == 2 and len(status.approvals) == 1 and status.decision is not None
    assert "warning" not in output


def test_the_export_of_a_run_imported_into_a_new_run_keeps_who_recorded_what(tmp_path: Path) -> None:
    """`import EXPORT -o CHECKLIST --run NAME`: each recorder's states an entry by them (their n/a and waivers with the
    reasons and approvers), not every tick done by 'imported'; the numbers are the exported run's on `status`."""
    import shutil

    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    for item, who in (("rbac-enforced-services", "Arun"), ("xss-protection", "Chen")):  # owners too: one of a waived item, one alone
        assert run_cli("-C", str(project), "assign", item, "--to", who, "--due", "2026-01-20", "--by", "Meera").returncode == 0
    before = check(Project.at(project)).statuses[0]
    (tmp_path / "x.md").write_text(run_cli("-C", str(project), "export", "--format", "markdown").stdout, encoding="utf-8")
    result = run_cli("-C", str(project), "import", str(tmp_path / "x.md"), "-o", str(project / "data" / "realserv-launch.yaml"), "--run", "v2")
    assert result.returncode == 0, result.stderr
    assert "run v2 with 1 item(s), 1 sign-off(s), by 'Dev'" in result.stdout
    assert "run v2 with 1 approval(s), 1 decision(s), by 'Meera'" in result.stdout  # the sign-offs, approvals and decision by who gave them
    after = check(Project.at(project)).status("realserv-launch")
    assert after is not None and after.run == "v2"

    def who_what(s: Status) -> list[tuple[Any, ...]]:  # the dates are the import's: the run starts then
        return sorted((e.id, e.state.value, e.by, e.note, e.reason, e.approver, e.owner, e.due) for e in s.items)

    assert who_what(after) == who_what(before)
    assert [sorted((g.id, g.name, g.note) for g in s.signoffs) for s in (after, before)] == [[("authentication-authorization", "Priya", ""),
            ("compute-ecs", "Dev", "autoscaling max raised to 12")]] * 2  # fmt: skip
    assert [[(a.id, a.name, a.decision.value) for a in s.approvals] for s in (after, before)] == [[("cto", "Meera", "no-go")]] * 2
    decided = [s.decision and (s.decision.decision.value, s.decision.by, s.decision.blockers) for s in (after, before)]
    assert decided == [("no-go", "Meera", ("Payment load test not run yet",))] * 2  # who announced it and its blockers


def test_a_closed_run_exported_with_run_is_recreated_by_import_as_it_ended(tmp_path: Path) -> None:
    """`export --run NAME`: the Markdown export gave the current run only, so a closed release's run (or one open beside a
    hotfix's) could not be exported, nor recreated by `import --run`. Run v1 closed, v2 current: v1's export imported as
    run v1-copy folds to the same record (who did, signed and approved what, with items open) and the same numbers and
    blockers on `status`; without --run the export is v2's; JSON, which lists every run's progress, refuses it."""
    project = make_project(tmp_path / "p")

    def cli(*args: str) -> str:
        result = run_cli("-C", str(project), *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    cli("run", "start", "v1", "--by", "Meera")
    cli("mark", "jwt-token-validation-working", "--done", "--by", "Priya", "--note", "all 7 services")
    cli("mark", "rbac-enforced-services", "--waived", "--by", "Arun", "--reason", "ships in 1.1", "--approver", "Meera")
    cli("signoff", "authentication-authorization", "--with-open", "--by", "Priya")
    cli("signoff", "input-validation", "--with-open", "--by", "Chen")
    cli("signoff", "input-validation", "--withdraw", "--by", "Chen")  # withdrawn: not signed in the run
    cli("approve", "cto", "--by", "Meera", "--decision", "no-go")
    cli("attend", "Meera", "--role", "CTO", "--by", "Priya")
    cli("attend", "Olu", "--by", "Priya")
    cli("attend", "Olu", "--withdraw", "--by", "Priya")  # recorded by mistake: not among the minutes' attendees
    cli("run", "close", "v1", "--by", "Meera")
    cli("run", "start", "v2", "--by", "Meera")
    cli("mark", "xss-protection", "--done", "--by", "Dev")
    assert "{#xss-protection}" in (current := cli("export", "--format", "markdown")) and "**By**: Dev" in current and "**By**: Priya" not in current
    exported = tmp_path / "v1.md"
    cli("export", "--format", "markdown", "--run", "v1", "-o", str(exported))
    said = cli("import", str(exported), "-o", str(project / "data" / "realserv-launch.yaml"), "--run", "v1-copy")
    assert "run v1-copy with 1 item(s), 1 sign-off(s), 1 attendee(s), by 'Priya'" in said and "run v1-copy with 1 approval(s), by 'Meera'" in said
    data = check(Project.at(project))
    v1, copy = data.status("realserv-launch", "v1"), data.status("realserv-launch", "v1-copy")
    assert v1 is not None and copy is not None

    def record(s: Status) -> list[Any]:
        return [
            sorted((i.id, i.state.value, i.by, i.note, i.reason, i.approver) for i in s.items),
            sorted((g.id, g.name, g.with_open, g.note) for g in s.signoffs),
            sorted((a.id, a.name, a.decision.value) for a in s.approvals),
            sorted((a.name, a.role, a.by) for a in s.attendees),
        ]

    assert record(copy) == record(v1) and record(v1)[3] == [("Meera", "CTO", "Priya")] and [g.id for g in v1.signoffs] == ["authentication-authorization"]
    shown = [cli("status", "--run", run).splitlines() for run in ("v1", "v1-copy")]
    assert [line for line in shown[0] if not line.startswith(("RealServ", "  run v1"))] == shown[1][1:]  # every number and blocker
    refused = run_cli("-C", str(project), "export", "--run", "v1")
    assert refused.returncode == 2 and "export --run: the JSON export gives the current run's items and every run's progress" in refused.stderr
    unknown = run_cli("-C", str(project), "export", "--format", "markdown", "--run", "v9")
    assert unknown.returncode == 1 and "checklist 'realserv-launch' has no run 'v9' (its runs: default, v1, v2, v1-copy)" in unknown.stderr


def _signed(status: Status) -> list[Any]:
    decided = status.decision and (status.decision.decision, status.decision.by, status.decision.date, status.decision.blockers)
    return [sorted((g.id, g.name, g.date, g.note) for g in status.signoffs), sorted((a.id, a.name, a.decision, a.date) for a in status.approvals), decided]


def _record(status: Status) -> list[tuple[Any, ...]]:
    return sorted((e.id, e.state.value, e.by, e.date, e.note, e.reason, e.approver) for e in status.items)


def test_mini_round_trip_keeps_details_nesting_labels_and_ids(tmp_path: Path) -> None:
    mini, _ = load_checklist(FIXTURES / "mini" / "mini.yaml", "mini.yaml")
    assert mini is not None
    again, _ = _import(as_markdown(Data((mini,))), tmp_path)
    assert shape(again) == shape(mini) and _ids(again) == _ids(mini) and again.id == mini.id


@pytest.mark.parametrize("path", SHAPES, ids=[p.stem for p in SHAPES])
def test_every_shape_imports_every_box_and_records_every_tick(tmp_path: Path, path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    boxes, ticked = count_boxes(source)
    checklist, output = _import(source, tmp_path, path.stem)
    options = int(re.search(r"(\d+) decision box", output).group(1))  # type: ignore[union-attr]
    roles = re.search(r"(\d+) sign-off role\(s\)", output)
    assert len(_all_items(checklist)) + options + (int(roles.group(1)) if roles else 0) == boxes > 0
    assert f"{boxes} check box(es); {boxes} written" in output and "not written" not in output
    status_file = tmp_path / "data" / f"{path.stem}.status.yaml"
    assert status_file.exists() == (ticked > 0)
    if ticked:
        status, issues = load_data_file(status_file, status_file.name)
        assert not issues and isinstance(status, Status) and len(status.items) + len(status.approvals) == ticked
    text = (tmp_path / "data" / f"{path.stem}.yaml").read_text(encoding="utf-8")
    assert "<!--" not in text and "title: 'title:" not in text and "][" not in text


def test_imported_checklists_alone_build_in_strict_mode(tmp_path: Path) -> None:
    project = tmp_path / "site"
    assert run_cli("init", str(project), "--empty").returncode == 0
    (project / "data" / "checklist.yaml").unlink()
    for path in SHAPES:
        assert run_cli("import", str(path), "-o", str(project / "data" / f"{path.stem}.yaml")).returncode == 0
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    listing = (project / "site" / "checklists" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.stem}/"' in listing for p in SHAPES)
    # The home page (hand-written, from init) lists the imported checklists, and no sample one.
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "cl-slot" not in home and "realserv" not in home.lower()
    assert all(f'href="checklists/{p.stem}/"' in home for p in SHAPES)
    # An imported owner and due date are the record's assignment, shown once (the owner badge), not again in the details.
    page = (project / "site" / "checklists" / "signoff-table-boxes" / "review" / "index.html").read_text(encoding="utf-8")
    item = page.split('id="remove-leavers-vpn"', 1)[1].split('id="rotate-shared-passwords"', 1)[0]
    assert "owner Dana, due 2026-02-01" in item and item.count("Dana") == 1 and item.count("2026-02-01") == 1, item
    assert "Done: done" in item  # the other columns stay in the details


def test_one_checklist_of_several_exports_alone_and_imports_back_as_itself(tmp_path: Path) -> None:
    """With two checklists in data/, `export --format markdown` wrote both into one file, which `import` read as one."""
    project = tmp_path / "site"
    assert run_cli("init", str(project)).returncode == 0  # the sample checklist, and one of ours beside it
    source = tmp_path / "release.md"
    source.write_text("# Release\n\n## Preparation\n\n- [x] Freeze main\n- [ ] Write the changelog\n", encoding="utf-8")
    assert run_cli("import", str(source), "-o", str(project / "data" / "release.yaml")).returncode == 0
    out = tmp_path / "release-export.md"
    assert run_cli("-C", str(project), "export", "--format", "markdown", "--checklist", "release", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Release {#release}") and "realserv" not in text.lower() and "- [x] Freeze main {#freeze-main}" in text
    again = tmp_path / "again"
    assert run_cli("import", str(out), "-o", str(again / "release.yaml")).returncode == 0
    assert (again / "release.yaml").read_text(encoding="utf-8").split("\nid:")[1] == (project / "data" / "release.yaml").read_text(encoding="utf-8").split(
        "\nid:"
    )[1]
    wrong = run_cli("-C", str(project), "export", "--checklist", "nope")
    assert wrong.returncode == 1 and "no checklist 'nope'" in wrong.stderr and "release" in wrong.stderr and "Traceback" not in wrong.stderr


def test_ids_keep_negations_titles_keep_case_markers_give_priority(tmp_path: Path) -> None:
    c, _ = _import((FIXTURES / "import" / "security-list.md").read_text(encoding="utf-8"), tmp_path, "sec")
    items = {i.text: i for i in _all_items(c)}
    assert items["Do not forget to turn the DEBUG mode OFF."].id == "do-not-forget-to"
    assert items["Never log tokens or passwords"].id.startswith("never-")
    assert [s.title for s in c.sections] == ["Authentication", "Data", "HTML and SEO"]
    assert c.title == "Web Service Security Checklist" and "Pull requests are welcome" in c.sections[-1].notes  # a '#' after the boxes
    levels = [(i.critical, i.priority and i.priority.value) for i in c.sections[0].all_items()]
    assert levels == [(True, None), (True, None), (False, "high"), (False, "medium"), (False, "low")]
    assert "[bcrypt](https://example.org/bcrypt)" in c.sections[0].groups[0].items[0].text
    assert c.sections[0].priority.value == "critical"  # type: ignore[union-attr]


def test_ids_do_not_depend_on_neighbours(tmp_path: Path) -> None:
    lines = ["# T", "", "## S", "", "- [ ] Alpha check one", "- [ ] Beta check two", "- [ ] Gamma check three"]
    a, _ = _import("\n".join(lines) + "\n", tmp_path / "a")
    b, _ = _import("\n".join([*lines[:4], lines[6], lines[4]]) + "\n", tmp_path / "b")
    assert {i.text: i.id for i in _all_items(a) if i.text != "Beta check two"} == {i.text: i.id for i in _all_items(b)}


def test_markers_mapping_is_overridable(tmp_path: Path) -> None:
    source = (FIXTURES / "import" / "mixed-markers.md").read_text(encoding="utf-8")
    default, _ = _import(source, tmp_path / "a")
    by_text = {i.text: i for i in _all_items(default)}
    assert by_text["Warm the caches"].priority.value == "high" and by_text["Tag the release (MUST be signed)"].critical  # type: ignore[union-attr]
    assert by_text["Clean up"].priority.value == "low"  # type: ignore[union-attr]
    changed, _ = _import(source, tmp_path / "b", "imported", "--marker", "high=low", "--marker", "must=none")
    by_text = {i.text: i for i in _all_items(changed)}
    assert by_text["Warm the caches"].priority.value == "low" and not by_text["Tag the release (MUST be signed)"].critical  # type: ignore[union-attr]
    bad = run_cli("import", str(FIXTURES / "import" / "mixed-markers.md"), "--marker", "P1=urgent")
    assert bad.returncode == 2 and "unknown level 'urgent'" in bad.stderr


def test_front_matter_comments_signoff_tables(tmp_path: Path) -> None:
    release, output = _import((FIXTURES / "import" / "release-template.md").read_text(encoding="utf-8"), tmp_path / "r")
    assert (release.title, release.owner, release.version, str(release.updated)) == ("Release Checklist", "Release Crew", "4.2", "2025-10-01")
    assert "5 × HTML comment dropped" in output
    assert [i.text for i in _all_items(release)][0] == "Create the release branch `release/x.y`"
    deploy, _ = _import((FIXTURES / "import" / "deployment-signoff.md").read_text(encoding="utf-8"), tmp_path / "d")
    final = deploy.final_signoff
    assert final is not None and [r.title for r in final.approval.roles] == ["Release Manager", "QA Lead", "Product Owner"]
    assert [o.label for o in final.decision.options] == ["GO", "NO-GO"]
    assert [i.text for i in deploy.sections[-1].all_items()] == ["Operations confirmed the monitoring is green", "Support was told about the release"]
    table, _ = _import((FIXTURES / "import" / "table-release.md").read_text(encoding="utf-8"), tmp_path / "t")
    first = table.sections[0].groups[0].items[0]
    assert first.text == "Intent file created?" and "PM" not in first.details  # the owner is the record's assignment, not a detail
    entry = next((tmp_path / "t" / "data" / "imported.record").glob("*-imported-*.yaml")).read_text(encoding="utf-8")
    assert "{assign: intent-file-created, to: PM}" in entry
    assert [i.critical for i in table.sections[1].all_items()] == [False, True, False]


def test_verbose_lists_every_warning() -> None:
    path = str(FIXTURES / "import" / "release-template.md")
    quiet = run_cli("import", path)
    loud = run_cli("import", path, "-v")
    assert quiet.stderr.count("HTML comment dropped") == 1 and loud.stderr.count("HTML comment dropped") == 5
    assert quiet.stdout.startswith("# yaml-language-server")


def test_import_writes_nothing_when_the_result_would_fail_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli
    from generator.exchange import importing

    monkeypatch.setattr(importing, "dump", lambda *_: "id: Not An Id\ntitle: x\nsections: []\n")
    out = tmp_path / "data" / "x.yaml"
    assert cli.main(["import", str(FIXTURES / "import" / "ticked-deep.md"), "-o", str(out)]) == 1
    assert not (tmp_path / "data").exists()
    assert "x.yaml:1:5: error" in capsys.readouterr().err


def test_import_cli_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "data" / "readme.yaml"
    result = run_cli("import", str(FIXTURES / "import" / "github-readme.md"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "12 check box(es); 12 written" in result.stdout and "warning:" in result.stderr
    assert run_cli("check", str(out)).returncode == 0
    again = run_cli("import", str(FIXTURES / "import" / "github-readme.md"), "-o", str(out))
    assert again.returncode == 1 and "import never overwrites" in again.stderr


def test_new_adds_a_checklist_and_init_keeps_existing_files(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run_cli("init", str(project)).returncode == 0
    (project / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    again = run_cli("init", str(project))
    assert again.returncode == 0 and "kept" in again.stdout and (project / "docs" / "index.md").read_text(encoding="utf-8") == "# Mine\n"
    assert run_cli("-C", str(project), "new", "web-launch").returncode == 0
    assert run_cli("-C", str(project), "new", "web-launch").returncode == 1
    assert run_cli("-C", str(project), "new", "Bad Id").returncode == 2
    assert run_cli("-C", str(project), "check").returncode == 0


def test_export_replaces_an_earlier_export_only(tmp_path: Path) -> None:
    """`export -o` wrote over whatever was there: `-o data/launch.yaml` turned the checklist into CSV (check then failed on
    it), `-o docs/index.md` replaced the hand-written home page. It replaces an earlier export (any format) or an empty
    file now, in one step, and refuses anything else, and a .yaml in data/ (read as data)."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    checklist, home = project / "data" / "mini.yaml", project / "docs" / "index.md"
    before = {p: p.read_bytes() for p in (checklist, home)}
    for target in (checklist, home, project / "data" / "new.yaml"):
        result = run_cli("-C", str(project), "export", "--format", "csv", "-o", str(target))
        assert result.returncode == 1 and f"error: export -o {target.relative_to(project).as_posix()}: " in result.stderr, result.stderr
    assert {p: p.read_bytes() for p in (checklist, home)} == before and not (project / "data" / "new.yaml").exists()
    out = tmp_path / "out.txt"
    out.write_text("", encoding="utf-8")
    for fmt in ("markdown", "csv", "json", "markdown"):  # each replaces the export before it
        assert run_cli("-C", str(project), "export", "--format", fmt, "-o", str(out)).returncode == 0
    assert "<!-- checklist-site: " in out.read_text(encoding="utf-8") and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_shipped_scaffolding_matches_the_repository() -> None:
    skeleton = ROOT / "generator" / "skeleton"
    for path in [
        *(ROOT / "overrides").rglob("*"),
        *(ROOT / "data").glob("realserv-launch.yaml"),
        ROOT / "data" / "runbooks.yaml",
        *(ROOT / "docs").glob("*.md"),
    ]:
        if path.is_file():
            assert (skeleton / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), f"{path} changed: run `make skeleton`"
    # mkdocs.yml: the same configuration, with a neutral name and address
    mine = [line for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if not line.startswith(("site_name:", "site_url:"))]
    shipped = [
        line for line in (skeleton / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if not line.startswith(("site_name:", "site_url:", "# The address"))
    ]
    assert shipped == mine, "mkdocs.yml changed: run `make skeleton`"


def test_init_works_from_an_installed_wheel_outside_the_repository(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys
    import sysconfig

    source = tmp_path / "source"  # a copy, so that building leaves no build/ or egg-info in the repository
    top = {".git", ".venv", "site", "build", "pdf", "test-artifacts", ".checklist-site"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        here = Path(folder)
        skipped = top if here == ROOT else {"checklists", "runbooks"} if here == ROOT / "docs" else set()
        return {n for n in names if n in skipped or n == "__pycache__" or n.endswith(".egg-info")}

    shutil.copytree(ROOT, source, ignore=ignore)
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)], check=True, capture_output=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site_packages = next((venv / "lib").glob("python*/site-packages"))
    # The dependencies come from this environment's site-packages (a path line: its own .pth files, and so
    # the repository's editable install, are not read); the package itself only from the wheel.
    (site_packages / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next(wheels.glob("*.whl"))
    import zipfile

    zipfile.ZipFile(wheel).extractall(site_packages)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([python, "-c", "import generator; print(generator.__file__)"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(site_packages)), where
    project = tmp_path / "mine"
    init = subprocess.run([python, "-m", "generator", "init", str(project)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    build = subprocess.run([python, "-m", "generator", "-C", str(project), "build"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    assert (project / "site" / "checklists" / "realserv-launch" / "security" / "index.html").exists()
    assert (project / "site" / "checklist-sw.js").is_file()  # the worker keeping runbooks read offline, at the site's root


def test_export_json_csv_and_the_site_copy(built_project: Path, site: Path) -> None:
    doc = json.loads(run_cli("-C", str(built_project), "export").stdout)
    jsonschema.validate(doc, export_schema())
    items = doc["checklists"][0]["items"]
    assert len(items) == 243 + 12 + 8
    first = items[0]
    assert first["url"] == "https://checklists.realserv.example/checklists/realserv-launch/security/#firebase-authentication-configured-prod"
    assert (first["section"], first["group"], first["critical"], first["priority"]) == ("security", "authentication-authorization", True, "critical")
    nested = next(i for i in items if i["id"] == "deploy-identityservice")
    assert nested["parents"] == ["deploy-services-correct-order"]
    assert json.loads((site / "checklist.json").read_text(encoding="utf-8")) == doc
    assert json.loads((ROOT / "docs" / "schema" / "export.schema.json").read_text(encoding="utf-8")) == export_schema()
    rows = list(csv.DictReader(io.StringIO(run_cli("-C", str(built_project), "export", "--format", "csv").stdout)))
    assert len(rows) == 263
    assert rows[0]["section"] == "Security" and rows[0]["critical"] == "yes" and rows[0]["url"].endswith("#firebase-authentication-configured-prod")


def test_export_carries_the_status(tmp_path: Path) -> None:
    import shutil

    from .conftest import make_project

    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    doc = json.loads(run_cli("-C", str(project), "export").stdout)
    states = {i["id"]: i["status"]["state"] for i in doc["checklists"][0]["items"]}
    assert states["jwt-token-validation-working"] == "done" and states["rbac-enforced-services"] == "waived"
    markdown = run_cli("-C", str(project), "export", "--format", "markdown").stdout
    assert "- [x] 🔴 Firebase Authentication configured (prod project) {#firebase-authentication-configured-prod}" in markdown
    # Every state the record holds, with who, when and why under the item (the box alone said done or open)
    waived = "- [-] 🔴 RBAC enforced in all services (not just IdentityService) {#rbac-enforced-services}\n\n  <!-- checklist-site: record -->\n"
    waived += "  **Recorded**: waived  \n  **By**: Arun  \n  **Date**: 2026-01-09  \n"
    waived += "  **Reason**: VendorService RBAC ships in 1.1  \n  **Approver**: Meera (CTO)\n"
    assert waived in markdown
    # The sign-offs and the approval the record holds, as the decision's box is ticked (they were left blank lines)
    # (each a record after its hint, which import reads back as the record's sign-off and approval, with who and when)
    assert "\n<!-- checklist-site: record -->\n**Sign-off**: Priya  \n**Date**: 2026-01-10\n" in markdown
    assert "\n<!-- checklist-site: record -->\n**Sign-off**: Dev  \n**Date**: 2026-01-11  \n**Note**: autoscaling max raised to 12\n" in markdown
    assert "\n| **CTO/VP Eng** {#cto} | Meera (NO-GO) | | 2026-01-11 |\n" in markdown and "\n| **QA Lead** {#qa-lead} | | | |\n" in markdown
    assert "\n<!-- checklist-site: record -->\n**Approval**: cto  \n**Name**: Meera  \n**Decision**: no-go  \n**Date**: 2026-01-11\n" in markdown
    # the decision with who announced it, when and its blockers (the blockers were not in the export)
    decided = "\n<!-- checklist-site: record -->\n**Go / No-Go**: no-go  \n**By**: Meera  \n**Date**: 2026-01-11  \n"
    assert decided + "**Blocker**: Payment load test not run yet\n" in markdown
    assert markdown.count("**Sign-off**: _________________ Date: _______") == 32  # each group not signed: a line to sign by hand


def test_long_prose_moves_to_a_page_linked_from_its_section_and_builds(tmp_path: Path) -> None:
    project = tmp_path / "site"
    assert run_cli("init", str(project), "--empty").returncode == 0
    (project / "data" / "checklist.yaml").unlink()
    paragraphs = [f"Paragraph {n} explains step {n} of the rollout in some detail, so that nobody has to guess what it means." for n in range(60)]
    source = "# Rollout\n\n## Preparation\n\n" + "\n\n".join(paragraphs) + "\n\n- [ ] Read the paragraphs above\n"
    (tmp_path / "rollout.md").write_text(source, encoding="utf-8")
    result = run_cli("-C", str(project), "import", str(tmp_path / "rollout.md"), "-o", str(project / "data" / "rollout.yaml"))
    assert result.returncode == 0, result.stderr
    assert "prose over the notes limit" in result.stderr
    page = project / "docs" / "imported" / "rollout" / "preparation.md"
    assert all(p in page.read_text(encoding="utf-8") for p in paragraphs)
    c, _ = load_checklist(project / "data" / "rollout.yaml", "rollout.yaml")
    assert c is not None and "(../../imported/rollout/preparation.md)" in c.sections[0].notes
    build = run_cli("-C", str(project), "build")
    assert build.returncode == 0, build.stderr
    assert "Paragraph 59 explains" in (project / "site" / "imported" / "rollout" / "preparation" / "index.html").read_text(encoding="utf-8")


def test_go_no_go_boxes_anywhere_are_the_decision_and_a_sign_off_table_signs_the_group(tmp_path: Path) -> None:
    source = "# Cutover\n\n## Steps\n\n- [ ] Stop writes\n\n| Signed off by | Date |\n|---|---|\n| | |\n\n"
    source += "### Decision\n\n- [ ] ✅ GO: data verified\n- [x] ⛔ NO-GO: counts differ\n"
    c, output = _import(source, tmp_path, "cutover")
    assert c.final_signoff is not None and [(o.label, o.text) for o in c.final_signoff.decision.options] == [
        ("GO", "data verified"),
        ("NO-GO", "counts differ"),
    ]
    assert c.sections[0].groups[0].signoff is True
    status, issues = load_data_file(tmp_path / "data" / "cutover.status.yaml", "cutover.status.yaml")
    assert not issues and isinstance(status, Status) and status.decision is not None and status.decision.decision.value == "no-go"
    assert "3 check box(es); 3 written (1 item(s), 2 decision box(es))" in output and "the decision: NO-GO" in output
    assert "completed with defaults (first at" in output


def test_a_file_without_boxes_is_refused_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "prose.md").write_text("# Notes\n\nJust prose.\n", encoding="utf-8")
    result = run_cli("import", str(tmp_path / "prose.md"), "-o", str(tmp_path / "data" / "notes.yaml"))
    assert result.returncode == 1 and "prose.md:1:1: error: no check boxes found" in result.stderr and "hint:" in result.stderr
    assert not (tmp_path / "data").exists()


def test_numbered_groups_export_numbered_and_json_rows_carry_their_number(tmp_path: Path) -> None:
    """An ordered group or list is written back as `1.`, `2.` (import reads it back ordered); a JSON row has its item's number in a numbered list."""
    from generator.exchange.export import as_json

    c, _ = _import((FIXTURES / "import" / "numbered-groups.md").read_text(encoding="utf-8"), tmp_path)
    markdown = as_markdown(Data((c,)))
    assert "\n3. [ ] 🔴 Take a final snapshot of the primary {#take-final-snapshot-primary}\n" in markdown
    assert "\n4. [ ] Point the connection string at the new primary {#point-connection-string-new}\n" in markdown
    assert "\n- [ ] Book the war room {#book-war-room}\n" in markdown
    doc = json.loads(as_json(Data((c,)), "https://x.test/"))
    jsonschema.validate(doc, export_schema())
    numbers = {row["text"]: row.get("number") for row in doc["checklists"][0]["items"]}
    assert (numbers["Put the app in maintenance mode"], numbers["Point the connection string at the new primary"]) == (1, 4)
    assert (numbers["Place a test order"], numbers["Write the timeline"], numbers["File the follow-ups"]) == (2, 1, 2)
    assert numbers["Book the war room"] is numbers["Close the incident"] is numbers["Update the wiki"] is numbers["Check the audit log"] is None
