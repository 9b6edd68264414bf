"""Launch after launch: runs of a checklist, each with its own record, gate, pages and packet; the history across them."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.errors import BuildError, CheckFailed
from generator.format.history import history
from generator.format.model import State
from generator.format.readiness import readiness
from generator.progress import runs
from generator.progress.record import append
from generator.site.charts import history_chart

from .conftest import FIXTURES, make_project, run_cli

ZONE = datetime.timezone.utc
JWT, TWILIO = "jwt-token-validation-working", "twilio-sms-used"


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 1, day, hour, 0, tzinfo=ZONE)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = make_project(tmp_path / "p")
    (root / "data" / "realserv-launch.status.yaml").unlink()
    return Project.at(root)


def _two_runs(project: Project) -> None:
    """The first launch (the default run) went GO; run v1.1 has its own record."""
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(5))
    append(project, check, None, "Meera", [{"decision": "go"}], at=at(8))
    runs.start(project, check, "v1.1", checklist=None, by="Meera")
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}], at=datetime.datetime.now(ZONE))


def test_each_run_has_its_own_record_and_gate(project: Project) -> None:
    _two_runs(project)
    data = check(project)
    current = data.status("realserv-launch")
    assert current is not None and current.run == "v1.1" and current.started is not None
    assert current.item(TWILIO).state is State.NOT_APPLICABLE and current.item(JWT) is None  # type: ignore[union-attr]
    first = data.status("realserv-launch", "")
    assert first is not None and first.item(JWT).state is State.DONE and first.item(TWILIO) is None  # type: ignore[union-attr]
    assert [s.run for s in data.runs_of("realserv-launch")] == ["", "v1.1"]
    assert current.scope == ()  # an open run follows the checklist as it is
    listing = run_cli("-C", str(project.root), "run", "list").stdout
    assert "  default          GO" in listing and " *v1.1             open" in listing
    gate = run_cli("-C", str(project.root), "gate", "--run", "v1.1")
    assert gate.returncode == 1 and "(realserv-launch, run v1.1): NO-GO" in gate.stdout
    status = run_cli("-C", str(project.root), "status", "--run", "default")
    assert "(realserv-launch, run default): NO-GO" in status.stdout and "Resolved 1 of 243" in status.stdout
    assert (project.data / "realserv-launch.record" / "v1.1").is_dir()


def test_a_closed_run_refuses_entries_and_a_late_file_is_located(project: Project) -> None:
    _two_runs(project)
    runs.close(project, check, "v1.1", checklist=None, by="Meera")
    with pytest.raises(BuildError) as refused:  # the release re-opened: not 'exists already, choose another name'
        runs.start(project, check, "v1.1", checklist=None, by="Meera")
    assert "run 'v1.1' of checklist 'realserv-launch' was closed at " in refused.value.message and "a run is started once" in refused.value.message
    assert refused.value.hint.startswith("closed by mistake: checklist-site run reopen v1.1 --by YOU --reason '...' (the close stays in the record)")
    assert "a hotfix or a launch again: a run of its own, checklist-site run start v1.1-2" in refused.value.hint
    with pytest.raises(BuildError) as refused:
        append(project, check, None, "Arun", [{"item": JWT, "state": "done"}])
    assert "run 'v1.1' of checklist 'realserv-launch' was closed" in refused.value.message and refused.value.hint.startswith("start the next run")
    result = run_cli("-C", str(project.root), "mark", JWT, "--done", "--by", "Arun", "--run", "v1.1")
    assert result.returncode == 1 and "was closed" in result.stderr
    late = project.data / "realserv-launch.record" / "v1.1" / "29990101T000000Z-arun-00000000.yaml"
    late.write_text("checklist: realserv-launch\nby: Arun\nat: 2999-01-01T00:00:00Z\nchanges:\n  - {item: jwt-token-validation-working, state: done}\n")
    with pytest.raises(CheckFailed) as failed:
        check(project)
    assert "v1.1/29990101T000000Z-arun-00000000.yaml:1:1: error: entry recorded after run 'v1.1' was closed" in failed.value.format()
    # As after merging a branch that recorded while another closed the run: every command refuses data/ until it is
    # moved, so the hint says how (it said 'record into the current run (checklist-site run list)', which refused too).
    assert "move it out of data/, run checklist-site run start NAME, then move it into data/realserv-launch.record/NAME/" in failed.value.format()
    assert "the run closed too early: move it out of data/, run checklist-site run reopen v1.1 --reason TEXT, then move it back" in failed.value.format()
    moved = late.rename(project.root / late.name)
    runs.start(project, check, "v1.2", checklist=None, by="Meera")
    moved.rename(late)
    with pytest.raises(CheckFailed) as failed:
        check(project)
    late_path = f"data/realserv-launch.record/v1.1/{late.name}"
    assert f"git mv {late_path} data/realserv-launch.record/v1.2/; the run closed too early: " in failed.value.format()
    assert f"; else git rm {late_path} (git log --all -- {late_path} keeps" in failed.value.format()
    late.unlink()
    with pytest.raises(BuildError) as refused:  # the next run going on: not 'start the next run'
        append(project, check, None, "Arun", [{"item": JWT, "state": "done"}], run="v1.1")
    assert refused.value.hint == "run v1.2 is the run going on: leave out --run to record into it"


def test_a_run_closed_by_mistake_is_reopened_keeping_its_close_and_who_reopened_it(project: Project) -> None:
    """A run closed by mistake could not be opened again: `run start` of it was refused, and the way left, a new run,
    left every recording of the launch in the closed one; a git revert of the close was warned of for good. `run reopen
    NAME --reason` records who re-opened it and why: the close stays in the record, the run is open on every screen
    (recordings go into it again, counted on the checklist as it is), `run list` and `status` say who undid whose close,
    and a close after it freezes the run again with what it has then."""
    from generator.format.history import stamp, summarize
    from generator.progress.record import snapshot

    _two_runs(project)
    runs.close(project, check, "v1.1", checklist=None, by="Meera")
    with pytest.raises(BuildError, match="needs --reason"):
        runs.reopen(project, check, "v1.1", checklist=None, by="Arun", reason=None)
    said = runs.reopen(project, check, "v1.1", checklist=None, by="Arun", reason="closed by mistake: the hotfix is not out")
    assert said.startswith("re-opened run v1.1 of realserv-launch") and "its close stays in the record" in said
    with pytest.raises(BuildError, match="is not closed: there is no close to undo"):
        runs.reopen(project, check, "v1.1", checklist=None, by="Arun", reason="again")
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}])  # into the current run, open again
    status = check(project).status("realserv-launch")
    assert status is not None and status.run == "v1.1" and status.closed is None and status.scope == () and status.frozen is None
    [undone] = status.reopened
    assert (undone.by, undone.closed_by, undone.note) == ("Arun", "Meera", "closed by mistake: the hotfix is not out")
    assert sum(1 for e in status.entries if any(c.run is not None and c.run.value == "close" for c in e.changes)) == 1  # the close kept
    c = check(project).checklist("realserv-launch")
    assert c is not None
    counts = summarize(c, status).counts
    assert snapshot(project, check)["counts"] == counts.as_dict() and counts.resolved == 2  # twilio n/a, jwt done: both in the run
    listing = run_cli("-C", str(project.root), "run", "list").stdout
    assert " *v1.1             open, re-opened" in listing and "by Arun, closed " in listing and "by Meera: closed by mistake" in listing
    exported = json.loads(run_cli("-C", str(project.root), "export", "--format", "json").stdout)["checklists"][0]
    assert [(r["name"], r["state"], r["closed"]) for r in exported["runs"]][-1] == ("v1.1", "open, re-opened", None)
    [again] = exported["runs"][-1]["reopened"]  # who re-opened it, when and why, and whose close it undid: not 're-opened' alone
    assert (again["by"], again["reason"], again["closed_by"], again["at"]) == ("Arun", undone.note, "Meera", undone.at.isoformat())
    from generator.site.render import render

    history = render(check(project)).pages["checklists/realserv-launch/runs/index.md"]  # the built site's Launch history
    said = f"Run **v1.1** was re-opened {stamp(undone.at)} by Arun, its close of {stamp(undone.closed)} by Meera undone: {undone.note}."
    assert said in history, history
    import html

    from generator.site.paper import render_paper

    words = f"re-opened {stamp(undone.at)} by Arun, closed {stamp(undone.closed)} by Meera: {undone.note}"  # `run list`'s, the meeting's
    assert words in listing
    page = render(check(project)).pages["checklists/realserv-launch/runs/v1.1/readiness.md"]  # the run's own page said 'open' alone
    assert f" · open, {words} · [all runs]" in page, page
    paper = render_paper(check(project))
    for block in ("filled-cover", "filled-minutes", "runs/v1.1/filled-cover", "runs/v1.1/filled-minutes"):  # its filled packets said nothing
        assert f" · run v1.1: open, {words} · " in html.unescape(re.sub("<[^>]+>", "", paper[f"checklists/realserv-launch:{block}"])), block
    assert exported["progress"]["resolved"] == counts.resolved and exported["current_run"] == "v1.1"
    shown = run_cli("-C", str(project.root), "status")
    assert shown.returncode == 0 and "  run v1.1: (re-opened " in shown.stdout and f"{counts.resolved}/{counts.total}" in shown.stdout.replace(" ", "")
    runs.close(project, check, "v1.1", checklist=None, by="Meera")  # closed again, with what it has now
    status = check(project).status("realserv-launch")
    assert status is not None and status.closed is not None and status.closed > undone.at and len(status.reopened) == 1
    assert summarize(c, status).state == "closed" and summarize(c, status).counts == counts
    with pytest.raises(BuildError, match="was closed"):
        append(project, check, None, "Priya", [{"item": TWILIO, "state": "done"}])


def test_a_run_reopened_beside_the_current_one_says_so_where_status_names_it(project: Project) -> None:
    """Run v1 closed, v2 started, then v1 re-opened (its hotfix still going): `status` named it 'open too' as if never
    closed, where `run list` and its pages say who re-opened it, whose close it undid, when and why."""
    from generator.format.history import reopened

    runs.start(project, check, "v1", checklist=None, by="Meera")
    runs.close(project, check, "v1", checklist=None, by="Meera")
    runs.start(project, check, "v2", checklist=None, by="Meera")
    runs.reopen(project, check, "v1", checklist=None, by="Arun", reason="hotfix still going")
    v1 = check(project).status("realserv-launch", "v1")
    assert v1 is not None
    shown = run_cli("-C", str(project.root), "status").stdout
    assert f"  run v1 is open too (0/243 resolved){reopened(v1).rstrip()}, its record apart from this one" in shown, shown
    assert "by Arun, closed " in reopened(v1) and "by Meera: hotfix still going" in reopened(v1)


def test_a_run_closed_without_a_decision_is_closed_not_open(project: Project) -> None:
    """`run list`, the history table and its chart said "open, closed" for it; a GO run's bar said "GO, GO after"."""
    _two_runs(project)
    runs.close(project, check, "v1.1", checklist=None, by="Meera")
    data = check(project)
    checklist = data.checklist("realserv-launch")
    h = history(checklist, data.runs_of("realserv-launch"))
    assert [r.state for r in h.runs] == ["GO", "closed"]
    listing = run_cli("-C", str(project.root), "run", "list").stdout
    assert " *v1.1             closed " in listing and "open" not in listing
    refused = run_cli("-C", str(project.root), "mark", JWT, "--done", "--by", "Arun")
    assert re.search(r"was closed at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00: nothing more", refused.stderr)  # to the second, as people read it
    chart = history_chart(h)
    assert "GO · start to GO 3 days" in chart and "GO, GO" not in chart and "0% resolved · closed" in chart
    assert chart.count('text-anchor="end" fill="currentColor">') == len(h.runs)  # run names in the page's colour: readable on dark


def test_run_names_and_duplicates_are_refused(project: Project) -> None:
    _two_runs(project)
    for name, message in (("V1", "is not a run name"), ("default", "is the run the record holds before any run is started"), ("v1.1", "exists already")):
        with pytest.raises(BuildError) as failed:
            runs.start(project, check, name, checklist=None, by="Meera")
        assert message in failed.value.message, name
    (project.root / "other.md").write_text("# T\n\n- [ ] a\n", encoding="utf-8")
    refused = run_cli("-C", str(project.root), "import", str(project.root / "other.md"), "-o", "data/other.yaml", "--run", "default")
    assert refused.returncode == 2 and "--run 'default' is the run the record holds" in refused.stderr and "e.g. --run v1.1" in refused.stderr
    result = run_cli("-C", str(project.root), "mark", JWT, "--done", "--by", "Arun", "--run", "v9")
    assert result.returncode == 1 and "has no run 'v9'" in result.stderr and "run start v9" in result.stderr


def test_a_checklist_edit_between_runs(project: Project) -> None:
    """A renamed item follows its former id; an item removed later stays in a closed run's record."""
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}, {"item": TWILIO, "state": "n/a"}], at=at(5))
    runs.close(project, check, "default", checklist=None, by="Meera")
    runs.start(project, check, "v1.1", checklist=None, by="Meera")
    checklist = project.data / "realserv-launch.yaml"
    text = checklist.read_text(encoding="utf-8")
    text = text.replace("id: jwt-token-validation-working", "id: jwt-validated, former_ids: [jwt-token-validation-working]")
    text = "\n".join(line for line in text.splitlines() if "id: twilio-sms-used" not in line) + "\n"
    checklist.write_text(text, encoding="utf-8")
    data = check(project)
    first = data.status("realserv-launch", "")
    assert first is not None and first.item("jwt-validated").state is State.DONE  # type: ignore[union-attr]
    assert first.item(TWILIO) is not None  # kept in the closed run's record
    append(project, check, None, "Arun", [{"item": "jwt-validated", "state": "done"}])
    current = check(project).status("realserv-launch")
    assert current is not None and current.item("jwt-validated").by == "Arun"  # type: ignore[union-attr]


def test_a_project_without_runs_has_none(tmp_path: Path) -> None:
    project = Project.at(make_project(tmp_path / "p"))
    data = check(project)
    assert data.runs == () and data.status("realserv-launch") is data.status("realserv-launch", "")
    result = run_cli("-C", str(project.root), "status")
    assert "(realserv-launch): NO-GO" in result.stdout


def test_each_run_is_published_with_its_packet_and_the_history_compares_them(project: Project) -> None:
    from generator.build import build

    from .htmltree import article, parse

    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(5))
    waive = {"item": "rbac-enforced-services", "state": "waived", "reason": "ships in 1.1", "approver": "Meera"}
    append(project, check, None, "Arun", [waive], at=at(6))
    append(project, check, None, "Meera", [{"decision": "go"}], at=at(8))
    runs.close(project, check, "default", checklist=None, by="Meera")  # it ends with the 243 items of today
    checklist = project.data / "realserv-launch.yaml"
    runs.start(project, check, "v1.1", checklist=None, by="Meera")
    added = "          - {id: sbom-published, text: SBOM published for every service}\n"
    jwt_line = "          - {id: jwt-token-validation-working"
    text = checklist.read_text(encoding="utf-8").replace(jwt_line, added + jwt_line, 1)
    checklist.write_text(text, encoding="utf-8")  # the checklist changes: v1.1, open, follows it
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}, {**waive, "reason": "still"}])
    site = build(project) / "checklists" / "realserv-launch"

    first = " ".join(article(parse(site / "runs" / "default" / "readiness" / "index.html")).text().split())
    assert "Run default · closed" in first and "2 / 243 items (1%)" in first  # the closed run's own 243 items, not the 244 of now
    assert "Not in this run (added to the checklist after it ended): SBOM published for every service." in first
    second = " ".join(article(parse(site / "runs" / "v1.1" / "readiness" / "index.html")).text().split())
    assert "Run v1.1 · started" in second and "2 / 244 items (1%)" in second and "Not in this run" not in second
    current = " ".join(article(parse(site / "readiness" / "index.html")).text().split())
    assert "2 / 244 items (1%)" in current  # the checklist's own pages show the current run: the same numbers
    packet = " ".join(article(parse(site / "runs" / "default" / "packet-filled" / "index.html")).text().split())
    assert "Minutes of the launch meeting" in packet and "GO, announced by Meera" in packet and "Twilio" not in packet.split("Waivers")[1].split("Sign-offs")[0]
    assert (site / "runs" / "v1.1" / "packet-filled" / "index.html").exists()

    history = article(parse(site / "runs" / "index.html"))
    rows = {tr.find_all("td")[0].text().split()[0]: [td.text() for td in tr.find_all("td")] for tr in history.find_all("tr") if tr.find_all("td")}
    assert rows["default"][1] == "GO, closed" and rows["default"][4:9] == ["3.0 days", "2 / 243 (1%)", "1", "0", "0"]  # first entry day 5, GO day 8
    assert rows["v1.1"][1] == "open" and rows["v1.1"][5:8] == ["2 / 244 (1%)", "1", "1"]
    named = [tr.find_all("td")[0].find_all("a")[0] for tr in history.find_all("table")[0].find_all("tr") if tr.find_all("td")]
    assert [a.attrs.get("href") for a in named] == [
        "default/readiness/",
        "v1.1/readiness/",
    ]  # the run's name leads to it: the table's last columns scroll out of sight
    waived = " ".join(history.text().split()).split("Most often waived", 1)[1].split("Most often marked n/a")[0]
    assert "RBAC enforced in all services (not just IdentityService) 2 of 2" in waived
    svg = history.find_all("svg")
    assert len(svg) == 1 and len(svg[0].find_all("rect")) == 4  # a track and a bar per run, drawn by the build
    if shutil.which("chromium") and shutil.which("pdftotext"):  # a past run's packet prints too
        printed = run_cli("-C", str(project.root), "pdf", "--run", "default", "--no-build")
        assert printed.returncode == 0, printed.stderr
        text = subprocess.run(["pdftotext", str(project.root / "pdf" / "realserv-launch-default-packet-filled-a4.pdf"), "-"], capture_output=True, text=True)
        assert "Minutes of the launch meeting" in text.stdout and "GO, announced by Meera" in " ".join(text.stdout.split())


def test_the_json_export_includes_the_runs(project: Project) -> None:
    import json

    _two_runs(project)
    doc = json.loads(run_cli("-C", str(project.root), "export", "--format", "json").stdout)["checklists"][0]
    assert doc["current_run"] == "v1.1" and [r["name"] for r in doc["runs"]] == ["default", "v1.1"]
    assert doc["runs"][0]["state"] == "GO" and doc["runs"][1]["progress"]["n/a"] == 1 and doc["progress"]["n/a"] == 1


def test_import_starts_a_run_from_the_ticks(tmp_path: Path) -> None:
    project = Project.at(make_project(tmp_path / "p"))
    source = tmp_path / "launch.md"
    source.write_text("# Web launch\n\n## Security\n\n- [x] TLS everywhere\n- [ ] HSTS header set\n- [x] Secrets in the vault\n", encoding="utf-8")
    result = run_cli("-C", str(project.root), "import", str(source), "-o", str(project.data / "web-launch.yaml"), "--run", "v2")
    assert result.returncode == 0, result.stderr
    assert "run v2 started" in result.stdout and "run v2 with 2 item(s), by 'imported'" in result.stdout
    assert not (project.data / "web-launch.status.yaml").exists()
    data = check(project)
    current = data.status("web-launch")
    assert current is not None and current.run == "v2" and current.started is not None
    assert sorted(s.id for s in current.items if s.state is State.DONE) == ["secrets-vault", "tls-everywhere"]


def test_a_run_notes_the_commit_of_data_it_started_from(project: Project) -> None:
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]
    subprocess.run([*git, "init", "-q"], cwd=project.root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=project.root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=project.root, check=True)
    commit = subprocess.run(["git", "log", "-1", "--format=%h"], cwd=project.root, capture_output=True, text=True, check=True).stdout.strip()
    runs.start(project, check, "v2", checklist=None, by="Meera")
    current = check(project).status("realserv-launch")
    assert current is not None and current.revision == commit
    assert f"data/ at {commit}" in run_cli("-C", str(project.root), "run", "list").stdout


def test_import_with_run_starts_a_run_of_a_checklist_that_exists(tmp_path: Path) -> None:
    """The imported run is the current one: its start was dated at midnight, so a run started earlier that day stayed
    current, and the record commands recorded there."""
    project = Project.at(make_project(tmp_path / "p"))
    runs.start(project, check, "v1", checklist=None, by="Meera")
    checklist = project.data / "realserv-launch.yaml"
    before = checklist.read_bytes()
    exported = tmp_path / "paper.md"
    assert run_cli("-C", str(project.root), "export", "--format", "markdown", "-o", str(exported)).returncode == 0
    text = exported.read_text(encoding="utf-8")
    for ident in (JWT, TWILIO):
        line = next(x for x in text.splitlines() if x.endswith(f"{{#{ident}}}"))
        text = text.replace(line, line.replace("- [ ]", "- [x]", 1))
    exported.write_text(text, encoding="utf-8")
    result = run_cli("-C", str(project.root), "import", str(exported), "-o", str(checklist), "--run", "v2")
    assert result.returncode == 0, result.stderr
    assert "realserv-launch.yaml exists (checklist 'realserv-launch'): not written" in result.stdout and "run v2 started" in result.stdout
    assert checklist.read_bytes() == before
    current = check(project).status("realserv-launch")
    assert current is not None and current.run == "v2" and current.started is not None
    assert sorted(s.id for s in current.items if s.state is State.DONE) == sorted([JWT, TWILIO])
    again = run_cli("-C", str(project.root), "import", str(exported), "-o", str(checklist), "--run", "v2")
    assert again.returncode == 1 and "run 'v2' of checklist 'realserv-launch' exists already" in again.stderr
    stray = tmp_path / "other.md"
    stray.write_text("# Web launch\n\n## Security\n\n- [x] TLS everywhere\n", encoding="utf-8")
    wrong = run_cli("-C", str(project.root), "import", str(stray), "-o", str(checklist), "--run", "v3")
    # the place of the item's text in the file (imp11's lines and columns)
    assert wrong.returncode == 1 and f"{stray}:5:7: error: ticked item 'tls-everywhere'" in wrong.stderr and "hint:" in wrong.stderr
    assert not (project.data / "realserv-launch.record" / "v3").exists()


def test_removing_an_item_that_has_entries_in_an_open_run_says_how_to_keep_them(project: Project) -> None:
    """The entry cannot be edited (append-only); the hint said 'use the id of an item in that checklist', i.e. edit it."""
    path = append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}], at=at(5))
    runs.start(project, check, "v2", checklist=None, by="Meera")  # the first launch's run (the default one) is left open
    second = append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}])
    checklist = project.data / "realserv-launch.yaml"
    text = checklist.read_text(encoding="utf-8")
    checklist.write_text("\n".join(line for line in text.splitlines() if "id: twilio-sms-used" not in line) + "\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as failed:
        check(project)
    said = failed.value.format()
    assert f"data/realserv-launch.record/{path.name}:7:12: error: unknown item '{TWILIO}' in checklist 'realserv-launch'" in said  # at its item:
    assert (
        f"hint: an entry is never edited: if the item was renamed, add former_ids: [{TWILIO}] to it in data/realserv-launch.yaml; "
        "if it was removed, put it back until the run is closed (checklist-site run close default)"  # the run of the entry, named
    ) in said
    assert f"v2/{second.name}:7:12: error: unknown item" in said and "put it back until the run is closed (checklist-site run close v2)" in said
    checklist.write_text(text.replace(f"id: {TWILIO},", f"id: twilio-sms, former_ids: [{TWILIO}],"), encoding="utf-8")  # the first way out
    renamed = check(project).status("realserv-launch")
    assert renamed is not None and renamed.item("twilio-sms").state is State.NOT_APPLICABLE  # type: ignore[union-attr]


def test_a_closed_current_run_counts_the_items_it_ended_with_on_every_screen(project: Project) -> None:
    """The run closed last is the current one until the next starts; an item added to the checklist since is not in it.
    `snapshot` and `run list` said 1/243, `status`, `gate`, the export, the meeting and the readiness page 1/244."""
    import json

    from generator.meeting import live_state
    from generator.progress.record import snapshot

    runs.start(project, check, "v1", checklist=None, by="Meera")
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}])
    runs.close(project, check, "v1", checklist=None, by="Meera")
    checklist = project.data / "realserv-launch.yaml"
    line = "          - {id: twilio-sms-used, text: Twilio for SMS (if used)}\n"
    text = checklist.read_text(encoding="utf-8")
    assert line in text
    checklist.write_text(text.replace(line, line + "          - {id: twilio-whatsapp, text: WhatsApp added after the run}\n"), encoding="utf-8")
    root = str(project.root)
    counts = snapshot(project, check)["counts"]
    assert (counts["total"], counts["resolved"]) == (243, 1)
    assert "1/243 resolved" in run_cli("-C", root, "run", "list").stdout
    assert "Resolved 1 of 243 (0%)" in run_cli("-C", root, "status").stdout
    exported = json.loads(run_cli("-C", root, "export", "--format", "json").stdout)["checklists"][0]["progress"]
    assert {k: exported[k] for k in counts} == counts
    data = check(project)
    live = live_state(data.checklists[0], data.status("realserv-launch"), 1)["readiness"]
    assert live["counts"] == counts and live["overall"]["total"] == 243
    built = run_cli("-C", root, "build")
    assert built.returncode == 0, built.stderr
    from .htmltree import article, parse

    page = article(parse(project.root / "site" / "checklists" / "realserv-launch" / "readiness" / "index.html")).text()
    assert "1 / 243 items (0%)" in page and "244" not in page


def test_pdf_prints_only_a_run_the_checklist_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`pdf --run NAME` took any name into the page's address and the file's name: '--run ..' printed the current filled
    packet as 'realserv-launch-..-packet-filled', and an unknown run said only that a page was missing from the site."""
    from generator.commands.site import pdf
    from generator.exchange import pdf as printing

    monkeypatch.setattr(printing, "find_chromium", lambda: "/usr/bin/chromium")  # asked before anything: not what is tested
    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))
    runs.start(project, check, "v1.1", checklist=None, by="Meera")
    for name in ("..", "v9"):
        with pytest.raises(BuildError) as refused:
            pdf(project.root, out=Path("pdf"), paper="a4", no_build=True, filled=True, quiet=True, run=name)
        assert refused.value.message == f"checklist 'mini' has no run '{name}'"
    with pytest.raises(BuildError) as built:  # a run it has: on to the next precondition
        pdf(project.root, out=Path("pdf"), paper="a4", no_build=True, filled=True, quiet=True, run="v1.1")
    assert "has not been built" in built.value.message and not (project.root / "pdf").exists()


def _mini(tmp_path: Path) -> Project:
    root = tmp_path / "mini"
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Mini\n", encoding="utf-8")
    for name in ("mini.yaml", "runbooks.yaml"):
        shutil.copy(FIXTURES / "mini" / name, root / "data" / name)
    return Project.at(root)


def _edit(project: Project, old: str, new: str) -> None:
    path = project.data / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_item_made_critical_after_it_was_waived_blocks_and_is_warned_of(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The waiver was valid when written (no approver needed then); making the item critical made that entry an error,
    and every command (status, gate, the meeting, build) refused to run, its hint saying to edit an append-only entry."""
    from generator.progress.record import snapshot

    project = _mini(tmp_path)
    path = append(project, check, None, "Priya", [{"item": "dashboards", "state": "waived", "reason": "next sprint"}], at=at(5))
    _edit(project, "          - id: dashboards\n", "          - id: dashboards\n            critical: true\n")
    snap = snapshot(project, check)  # the record still checks: an entry is never edited
    assert snap["counts"]["critical_open"] == 2 and snap["items"]["dashboards"]["state"] == "waived"
    assert "Critical item waived without an approver: Dashboards created: see [the guide](https://example.com/guide)" in snap["blockers"]
    said = caplog.text
    assert f"data/mini.record/{path.name}:7:5: warning: critical item 'dashboards' is waived without an approver" in said
    assert "checklist-site mark dashboards --waived --reason '...' --approver NAME" in said
    caplog.clear()
    append(project, check, None, "Priya", [{"item": "dashboards", "state": "waived", "reason": "next sprint", "approver": "Meera"}])
    assert snapshot(project, check)["counts"]["critical_open"] == 1 and "without an approver" not in caplog.text
    with pytest.raises(BuildError, match="critical item 'dashboards' is waived without an approver"):  # a new waiver still needs one
        append(project, check, None, "Priya", [{"item": "dashboards", "state": "waived", "reason": "again"}])


def test_a_group_renamed_or_dropped_and_a_role_dropped_keep_the_record(tmp_path: Path) -> None:
    """A group renamed with former_ids lost its sign-offs (the record failed: 'not a group with a sign-off'), and a group
    or role dropped after its run was closed made that closed run's entries errors, so no command ran."""
    project = _mini(tmp_path)
    append(project, check, None, "Priya", [{"signoff": "auth", "with_open": True}], at=at(5))
    approval = append(project, check, None, "Meera", [{"approval": "tech-lead", "decision": "go"}], at=at(6))
    _edit(project, "      - id: auth\n", "      - id: auth-access\n")  # renamed: its former id says where its sign-offs go
    _edit(project, "former_ids: [authn]", "former_ids: [authn, auth]")
    status = check(project).status("mini")
    assert status is not None and status.signoff("auth-access").name == "Priya"  # type: ignore[union-attr]
    _edit(project, "{id: tech-lead, title: Tech Lead}", "{id: cto, title: CTO}")  # in the open run: said how to keep it
    with pytest.raises(CheckFailed) as failed:
        check(project)
    said = failed.value.format()
    assert f"data/mini.record/{approval.name}:7:16: error: approval by role 'tech-lead', which the final sign-off of 'mini' does not have" in said
    assert "hint: an entry is never edited: if the role was renamed, add former_ids: [tech-lead] to it in data/mini.yaml; if it was removed" in said
    assert "put the role 'tech-lead' back into the final sign-off until the run is closed" in said
    _edit(project, "{id: cto, title: CTO}", "{id: tech-lead, title: Tech Lead}")
    runs.close(project, check, "default", checklist=None, by="Meera")
    runs.start(project, check, "v2", checklist=None, by="Meera")
    _edit(project, "{id: tech-lead, title: Tech Lead}", "{id: cto, title: CTO}")
    _edit(project, "former_ids: [authn, auth]", "former_ids: [authn]\n        signoff: false")
    data = check(project)  # the closed run keeps what it recorded
    closed = next(s for s in data.runs_of("mini") if s.run == "")
    assert closed.signoff("auth").name == "Priya" and closed.approval("tech-lead").name == "Meera"  # type: ignore[union-attr]
    assert data.status("mini").run == "v2"  # type: ignore[union-attr]


def test_a_role_renamed_in_an_open_run_keeps_its_approvals(tmp_path: Path) -> None:
    """A role had no former_ids: renamed while its run was open, its approval was an error on every command ('put the role
    back until the run is closed'). Now its approvals follow it, a page built before the rename records by its id now,
    its old links land on its row, and a former id another role has is a duplicate."""
    from generator.site.render import render

    project = _mini(tmp_path)
    append(project, check, None, "Meera", [{"approval": "tech-lead", "decision": "go"}], at=at(6))
    _edit(project, "{id: tech-lead, title: Tech Lead}", "{id: cto, title: CTO, former_ids: [tech-lead]}")
    data = check(project)
    status = data.status("mini")
    assert status is not None and status.approval("cto").name == "Meera"  # type: ignore[union-attr]
    assert not [b for b in readiness(data.checklists[0], status).blockers if "CTO" in b.text]
    assert '<span class="cl-anchor" id="tech-lead"></span>**CTO**' in render(data).pages["checklists/mini/final-signoff.md"]
    from generator.progress.record import ReplaceRefused

    with pytest.raises(ReplaceRefused, match="approval 'cto' was recorded go by Meera"):  # a page built before: asked, as for 'cto'
        append(project, check, None, "Raj", [{"approval": "tech-lead", "decision": "no-go"}], at=at(7))
    path = append(project, check, None, "Raj", [{"approval": "tech-lead", "decision": "no-go"}], at=at(7), replace=True)
    assert "{approval: cto, decision: no-go}" in path.read_text(encoding="utf-8")
    _edit(project, "{id: cto, title: CTO, former_ids: [tech-lead]}", "{id: cto, title: CTO, former_ids: [tech-lead]}\n      - {id: tech-lead, title: Lead}")
    with pytest.raises(CheckFailed) as failed:
        check(project)
    assert "error: duplicate id 'tech-lead': the former id of a role at data/mini.yaml:" in failed.value.format()


def test_the_history_counts_a_run_as_its_readiness_does(tmp_path: Path) -> None:
    """A metric and a task after launch marked n/a or waived are no item of the numbered sections: the history's row said
    'waived 1, n/a 2' beside '1 / 9 resolved' (the export and the run's readiness page: waived 0, n/a 1). An owner assigned
    last is in the record: the history called the item late while the readiness page did not list it overdue."""
    from generator.format.readiness import readiness

    project = _mini(tmp_path)
    append(project, check, None, "Priya", [{"item": "error-rate", "state": "n/a"}], at=at(2))  # a metric
    append(project, check, None, "Priya", [{"item": "review", "state": "waived", "reason": "later"}], at=at(3))  # after launch
    append(project, check, None, "Priya", [{"item": "rota", "state": "n/a"}], at=at(4))
    append(project, check, None, "Meera", [{"assign": "dashboards", "to": "Arun", "due": "2026-01-06"}], at=at(9))
    data = check(project)
    c, status = data.checklists[0], data.status("mini")
    assert status is not None
    row = history(c, (status,)).runs[0]
    assert (row.counts.resolved, row.counts.waived, row.counts.not_applicable) == (1, 0, 1)
    assert (len(row.waived), len(row.not_applicable)) == (row.counts.waived, row.counts.not_applicable)
    overdue = [item.id for _, item, _ in readiness(c, status).overdue]
    assert list(row.late) == overdue == ["dashboards"]


def test_a_former_id_sent_by_a_page_built_before_the_rename_is_recorded_as_the_id_now(tmp_path: Path) -> None:
    """A meeting's page built before 'jwt-check' was renamed sends the old id: it was written as sent, and as the record
    had nothing under that id, Priya's done was replaced without asking. An attendee typed twice in two cases was two."""
    from generator.progress.record import ReplaceRefused

    project = _mini(tmp_path)
    append(project, check, None, "Priya", [{"item": "jwt-validation", "state": "done"}, {"attendee": "Meera", "role": "CTO"}], at=at(5))
    with pytest.raises(ReplaceRefused, match="item 'jwt-validation' was recorded done by Priya"):
        append(project, check, None, "Arun", [{"item": "jwt-check", "state": "open"}], at=at(6))
    path = append(project, check, None, "Arun", [{"item": "jwt-check", "state": "open"}, {"attendee": "meera"}], at=at(7), replace=True)
    assert "{item: jwt-validation, state: open}" in path.read_text(encoding="utf-8")
    status = check(project).status("mini")
    assert status is not None and [(a.name, a.role) for a in status.attendees] == [("meera", "CTO")]


def test_a_run_started_on_two_branches_started_with_the_first(tmp_path: Path) -> None:
    """Two people ran `run start v2` on two branches, merged: the run's start (and its days to GO, its data/ revision)
    was the later one's."""
    from generator.format.fold import entry_name
    from generator.format.model import Change, RunEvent
    from generator.format.types import PlainText
    from generator.progress.record import entry_text

    project = _mini(tmp_path)
    folder = project.data / "mini.record" / "v2"
    folder.mkdir(parents=True)
    for day, who, revision in ((5, "priya", "aaa1111"), (7, "arun", "bbb2222")):  # each branch's start entry, merged
        change = Change(run=RunEvent.START, revision=PlainText(revision))
        (folder / entry_name(at(day), who)).write_text(entry_text("mini", who, at(day), [change]), encoding="utf-8")
    append(project, check, None, "Meera", [{"decision": "go"}], at=at(9))
    status = check(project).status("mini")
    assert status is not None and (status.run, status.started, status.revision) == ("v2", at(5), "aaa1111")
    assert history(check(project).checklists[0], (status,)).runs[0].days_to_go == 4.0


def test_a_release_branch_merged_back_after_a_hotfix_run_leaves_the_next_release_current(tmp_path: Path) -> None:
    """v1 released and closed; release-1 branched; on main run v2 started; on release-1 the hotfix's run v1.0.1 started
    (later by the clock) and closed; release-1 merged back into main. The closed hotfix was the current run (the one
    started last): status, gate, the pages and the meeting showed it, and every recording on main was refused with 'start
    the next run' while v2 went on. The current run is the open one started last; a closed one only while none is open."""
    from generator.progress.record import snapshot

    project = _mini(tmp_path)

    def git(*args: str) -> None:
        done = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@x.test", "-c", "commit.gpgsign=false", *args],
                              cwd=project.root, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr

    git("init", "-q", "-b", "main")
    runs.start(project, check, "v1", checklist=None, by="Lead")
    append(project, check, None, "Priya", [{"item": "jwt-validation", "state": "done"}])
    runs.close(project, check, "v1", checklist=None, by="Lead")
    git("add", "-A")
    git("commit", "-qm", "v1 released")
    git("branch", "release-1")
    runs.start(project, check, "v2", checklist=None, by="Lead")
    append(project, check, None, "Arun", [{"item": "db-main", "state": "done"}])
    git("add", "-A")
    git("commit", "-qm", "v2 begins")
    git("checkout", "-q", "release-1")
    runs.start(project, check, "v1.0.1", checklist=None, by="Lead")  # the hotfix: started after v2, by the clock
    append(project, check, None, "Zoë", [{"item": "rota", "state": "done"}])
    runs.close(project, check, "v1.0.1", checklist=None, by="Lead")
    git("add", "-A")
    git("commit", "-qm", "hotfix 1.0.1 released")
    git("checkout", "-q", "main")
    git("merge", "-q", "--no-edit", "release-1")
    data = check(project)
    current = data.status("mini")
    assert current is not None and current.run == "v2" and [s.run for s in data.runs_of("mini")] == ["v1", "v2", "v1.0.1"]
    marked = run_cli("-C", str(project.root), "mark", "deploy-api", "--done", "--by", "Arun")  # into v2, as before the merge
    assert marked.returncode == 0 and "/v2/" in marked.stdout, marked.stderr
    shown = run_cli("-C", str(project.root), "status")
    assert "(mini, run v2): NO-GO" in shown.stdout and "is open too" not in shown.stdout
    assert snapshot(project, check)["run"] == "v2" and snapshot(project, check)["counts"]["resolved"] == 2
    assert " *v2 " in run_cli("-C", str(project.root), "run", "list").stdout
    # A hotfix of v2 started on main while v2 goes on takes the recordings made without --run on every laptop: each says so.
    runs.start(project, check, "v2.0.1", checklist=None, by="Lead")
    marked = run_cli("-C", str(project.root), "mark", "deploy-web", "--done", "--by", "Arun")
    assert "; into run v2.0.1, the current one (run v2 is open too: --run v2 records there)" in marked.stdout, marked.stderr
    runs.close(project, check, "v2.0.1", checklist=None, by="Lead")  # the hotfix out: v2 is the run going on again
    assert check(project).status("mini").run == "v2"  # type: ignore[union-attr]
    marked = run_cli("-C", str(project.root), "mark", "db-main", "--open", "--by", "Arun")
    assert "/v2/" in marked.stdout and "into run" not in marked.stdout, marked.stderr
    runs.close(project, check, "v2", checklist=None, by="Lead")  # every run closed: the one closed last is current
    assert check(project).status("mini").run == "v2"  # type: ignore[union-attr]


def test_a_sign_off_approval_or_decision_given_over_someone_elses_is_said_as_items_are(tmp_path: Path) -> None:
    """'Changed entries' (the readiness page) and the minutes' notes named items only: Arun signing off over Priya's
    sign-off, Raj's NO-GO over Meera's GO as the Tech Lead's approval and as the decision, hid who gave the first."""
    from generator.site.paper import render_paper
    from generator.site.render import render

    project = _mini(tmp_path)
    append(project, check, None, "Priya", [{"signoff": "auth", "with_open": True}], at=at(5))
    append(project, check, None, "Meera", [{"approval": "tech-lead", "decision": "go"}, {"decision": "go"}], at=at(6))
    append(project, check, None, "Arun", [{"signoff": "auth", "with_open": True}], at=at(7), replace=True)
    append(project, check, None, "Raj", [{"approval": "tech-lead", "decision": "no-go"}, {"decision": "no-go"}], at=at(8), replace=True)
    data = check(project)
    page = render(data).pages["checklists/mini/readiness.md"]
    said = [
        "Sign-off of 1. Security › Auth &amp; Access: signed by Arun on 2026-01-07, changed from Priya's sign-off of 2026-01-05",  # Markdown
        "Approval of the Tech Lead: no-go by Raj on 2026-01-08, changed from Meera's go of 2026-01-06",
        "Go / No-Go: no-go by Raj on 2026-01-08, changed from Meera's go of 2026-01-06",
    ]
    changed = page.split("## Changed entries {#changed}")[1].split("\n## ")[0]
    assert [line[2:] for line in changed.splitlines() if line.startswith("- ")] == said
    minutes = re.sub(r"<[^>]+>", "", next(v for k, v in render_paper(data).items() if "minutes" in v and "changed from" in v))
    assert "Sign-off of 1. Security › Auth &amp; Access: signed by Arun, changed from Priya's sign-off" in minutes
    assert "Go / No-Go: no-go by Raj, changed from Meera's go" in minutes


def test_a_closed_run_keeps_its_numbers_and_verdict_when_the_checklist_changes_later(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Run v1 closed NO-GO at 8/9, its critical item open. The close entry kept only the items' ids: once that item was
    removed from the checklist, `run list` said 8/8 and `gate --run v1` GO; making an item critical or not, or moving a
    section after launch, changed the closed run too. The close records what its verdict was made of (``Frozen``): every
    screen counts the run as it was closed, and says the checklist changed since."""
    from generator.commands.progress import report
    from generator.exchange.export import runs_of
    from generator.format.readiness import CHANGED_SINCE
    from generator.progress.record import snapshot
    from generator.site.layout import DIRECTORY_URLS
    from generator.site.paper import paper_environment, run_blocks
    from generator.site.render import render

    project = _mini(tmp_path)
    runs.start(project, check, "v1", checklist=None, by="Meera")
    done = ["dashboards", "dash-latency", "dash-errors", "deploy-order", "deploy-api", "deploy-web", "db-main", "rota"]
    append(project, check, None, "Priya", [{"item": i, "state": "done"} for i in done])
    append(project, check, None, "Priya", [{"signoff": "auth", "with_open": True}])
    append(project, check, None, "Meera", [{"approval": "tech-lead", "decision": "go"}])
    runs.close(project, check, "v1", checklist=None, by="Meera")
    runs.start(project, check, "v2", checklist=None, by="Meera")
    close = next((project.data / "mini.record" / "v1").glob("*meera*.yaml"), None)
    assert close is not None and "critical: [jwt-validation], later: [on-call, rota], groups: [auth], roles: [tech-lead], sections: [security, " in max(
        (p.read_text(encoding="utf-8") for p in (project.data / "mini.record" / "v1").glob("*.yaml")), key=lambda t: "close" in t
    )
    runbooks = project.data / "runbooks.yaml"  # a runbook relates to the item: it goes too
    runbooks.write_text(runbooks.read_text(encoding="utf-8").replace("related: [jwt-validation, error-rate]", "related: [error-rate]"), encoding="utf-8")
    jwt = "          - {id: jwt-validation, text: JWT validation in *all* services, critical: true, former_ids: [jwt-check]}\n"
    edits = (
        ("critical: true, former_ids: [jwt-check]", "former_ids: [jwt-check]"),  # the open critical item no longer critical
        ("    priority: critical\n    former_ids: [sec]", "    priority: post-launch\n    former_ids: [sec]"),  # its section after launch
        ("            priority: high\n", "            priority: high\n            critical: true\n"),  # a done item made critical
        ("        former_ids: [authn]\n", "        former_ids: [authn]\n        signoff: false\n"),  # the signed group's sign-off dropped
        ("      - {id: tech-lead, title: Tech Lead}\n", "      - {id: tech-lead, title: Tech Lead}\n      - {id: cto, title: CTO}\n"),  # a role added
        (jwt, ""),  # the open critical item removed (last: it stays removed)
    )
    for old, new in ((None, None), *edits):
        if old is not None:
            _edit(project, old, new)
        data = check(project)
        counts = snapshot(project, check, run="v1")["counts"]
        assert (counts["resolved"], counts["total"], counts["critical_open"]) == (8, 9, 1), (new, counts)
        assert any(" v1 " in line and "8/9 resolved" in line for line in runs.listing(project, check, None))
        capsys.readouterr()
        assert report(project.root, site_url=None, gate=True, checklist=None, quiet=False, run="v1") == 1, new
        said = capsys.readouterr().out
        assert "(mini, run v1): NO-GO, 1 blocker(s)" in said and "Critical item not done" in said, said
        assert (CHANGED_SINCE in said) == (old is not None), said
        c = data.checklists[0]
        row = next(r for r in history(c, data.runs_of("mini")).runs if r.name == "v1")
        assert (row.counts.resolved, row.counts.total, row.changed_since) == (8, 9, old is not None)
        exported = next(r for r in runs_of(c, data)["runs"] if r["name"] == "v1")  # the JSON export says it too
        assert (exported["progress"]["resolved"], exported["progress"]["total"], exported["changed_since"]) == (8, 9, old is not None)
        site = render(data)
        assert ("checklist changed since: numbers as at close" in site.pages["checklists/mini/runs/index.md"]) == (old is not None)
        page = site.pages["checklists/mini/runs/v1/readiness.md"]
        assert 'data-n="blockers">1<' in page and (CHANGED_SINCE in page) == (old is not None)
        cover = run_blocks(paper_environment(DIRECTORY_URLS), c, next(s for s in data.runs_of("mini") if s.run == "v1"))["checklists/mini:runs/v1/filled-cover"]
        assert "NO-GO, 1 blocker" in cover and "<td>8 (89%)</td>" in cover and (CHANGED_SINCE in cover) == (old is not None), cover
        _edit(project, new, old) if old is not None and old != jwt else None  # one change at a time (the removal stays)
    text = runbooks.read_text(encoding="utf-8").replace("checklist: mini\n", "checklist: mini\nstale_blocks_gate: true\n")
    runbooks.write_text(text.replace("    severity: high\n", "    severity: critical\n    last_reviewed: 2020-01-01\n"), encoding="utf-8")
    capsys.readouterr()  # a runbook gone stale since blocks the run going on, not the one closed
    report(project.root, site_url=None, gate=True, checklist=None, quiet=False, run="v1")
    report(project.root, site_url=None, gate=True, checklist=None, quiet=False)
    said = capsys.readouterr().out
    assert "(mini, run v1): NO-GO, 1 blocker(s)" in said and "(mini, run v2): NO-GO, 3 blocker(s)" in said, said
    assert "past their review date (none blocked run v1 as it was closed):" in said
    from generator.meeting import blocking_runbooks

    assert blocking_runbooks(check(project), "mini") == 1


def test_a_close_entry_written_before_it_recorded_its_verdict_counts_as_before(tmp_path: Path) -> None:
    """A close entry of an older version holds the items alone: it is counted on the checklist as it is (no 'changed since');
    a close's verdict and what it was made of are refused at their place in a run's start, and a verdict of pending."""
    from generator.format.fold import entry_name
    from generator.format.model import Change, RunEvent
    from generator.format.types import Ident
    from generator.progress.record import entry_text, snapshot

    project = _mini(tmp_path)
    runs.start(project, check, "v1", checklist=None, by="Meera")
    folder = project.data / "mini.record" / "v1"
    old = Change(run=RunEvent.CLOSE, items=tuple(Ident(i.id) for i in check(project).checklists[0].section_items()))
    moment = datetime.datetime.now(ZONE)
    (folder / entry_name(moment, "meera")).write_text(entry_text("mini", "Meera", moment, [old]), encoding="utf-8")
    assert check(project).status("mini", "v1").frozen is None  # type: ignore[union-attr]
    assert snapshot(project, check, run="v1")["counts"]["critical_open"] == 1
    _edit(project, "critical: true, former_ids: [jwt-check]", "former_ids: [jwt-check]")
    assert snapshot(project, check, run="v1")["counts"]["critical_open"] == 0  # as before: on the checklist as it is
    assert not any("changed since" in line for line in runs.listing(project, check, None))
    entries = {p.read_text(encoding="utf-8").split("{run: ")[1][:5]: p for p in folder.glob("*.yaml")}  # 'start' and 'close'
    for event, extra, said in (
        ("start", "verdict: go", "items, verdict, critical, later, runbooks, groups, roles, sections and group_sections go with run: close"),
        ("close", "verdict: pending", "a run close's verdict is go or no-go, not pending"),
    ):
        text = entries[event].read_text(encoding="utf-8")
        entries[event].write_text(text.replace(f"{{run: {event}", f"{{run: {event}, {extra}"), encoding="utf-8")
        with pytest.raises(CheckFailed) as failed:
            check(project)
        assert f"data/mini.record/v1/{entries[event].name}:6:27: error: {said}" in failed.value.format()  # at the verdict
        entries[event].write_text(text, encoding="utf-8")


def test_run_times_say_their_zone(tmp_path: Path) -> None:
    """`run list` and a run's page printed its start and close as '2026-01-05 14:00', each in the zone of the laptop that
    recorded it: a run started in Bangalore and closed in Berlin read as closed before it started. Each says its zone."""
    from generator.format.model import Change, RunEvent
    from generator.site.render import render

    project = _mini(tmp_path)
    india, berlin = datetime.timezone(datetime.timedelta(hours=5, minutes=30)), datetime.timezone(datetime.timedelta(hours=1))
    append(project, check, None, "Meera", [Change(run=RunEvent.START)], run="v1", at=datetime.datetime(2026, 1, 5, 14, 0, tzinfo=india))
    append(project, check, None, "Raj", [Change(run=RunEvent.CLOSE)], run="v1", at=datetime.datetime(2026, 1, 5, 10, 0, tzinfo=berlin))
    line = next(line for line in runs.listing(project, check, None) if "v1 " in line)
    assert "started 2026-01-05 14:00 +05:30" in line and "closed 2026-01-05 10:00 +01:00" in line, line
    page = render(check(project)).pages["checklists/mini/runs/v1/readiness.md"]
    assert "started 2026-01-05 14:00 +05:30 · closed 2026-01-05 10:00 +01:00" in page


ROTA = "          - {id: rota, text: \"<script>alert('x')</script> rota published\"}\n"
LATENCY = "              - {id: dash-latency, text: Latency < 2s (p95)}\n"
ON_CALL = "      - id: on-call\n        title: On-call\n        signoff: false\n        items:\n" + ROTA


@pytest.mark.parametrize(
    "moves",
    [
        # an item alone, into another section's group (a new item takes its place)
        ((ROTA, "          - {id: pager, text: Pager set up}\n"), ("former_ids: [jwt-check]}\n", "former_ids: [jwt-check]}\n" + ROTA)),
        # a whole group, into another section (another group takes its place)
        ((ON_CALL, "      - id: handover\n        title: Handover\n        items:\n          - {id: handed, text: Handed over}\n"),
         ("  - id: ops\n", ON_CALL + "  - id: ops\n")),
        # a sub-item alone, under an item of another section (its parent stays)
        ((LATENCY, ""), (ROTA, ROTA.replace("published\"}", "published\", items: [{id: dash-latency, text: Latency}]}"))),
        # an item alone, under an item of another section (a sub-item there)
        ((ROTA, "          - {id: pager, text: Pager set up}\n"), (LATENCY, LATENCY + ROTA.replace("          -", "              -"))),
    ],
    ids=["item", "group", "sub-item", "item-under-another"],
)
def test_a_closed_run_counts_by_section_as_at_close_after_items_move(
    tmp_path: Path, moves: tuple[tuple[str, str], ...], capsys: pytest.CaptureFixture[str]
) -> None:
    """An item (or a group) moved to another section after run v1 closed counted in its section now: the run's progress by
    section (its page, `status --run`, the meeting's numbers) changed, its totals not. `run close` records each item's
    section; the closed run counts it there (``readiness._moved_back``) and says the checklist changed since."""
    from generator.commands.progress import report
    from generator.format.history import in_scope
    from generator.format.readiness import CHANGED_SINCE

    project = _mini(tmp_path)
    runs.start(project, check, "v1", checklist=None, by="Meera")
    append(project, check, None, "Priya", [{"item": i, "state": "done"} for i in ("dashboards", "rota")])
    runs.close(project, check, "v1", checklist=None, by="Meera")

    def by_section() -> list[tuple[str, int, int, int, int]]:
        data = check(project)
        status = data.status("mini", "v1")
        r = readiness(in_scope(data.checklists[0], status), status)
        return [(s.id, p.total, p.resolved, p.signoffs, p.signed) for s, p in r.sections]

    closed = by_section()
    assert closed == [("security", 8, 1, 1, 0), ("ops", 1, 1, 0, 0)]
    for old, new in moves:
        _edit(project, old, new)
    assert by_section() == closed
    capsys.readouterr()
    report(project.root, site_url=None, gate=False, checklist=None, quiet=False, run="v1")
    said = capsys.readouterr().out
    assert CHANGED_SINCE in said and re.search(r"Security\W+1/8 .*\n.*Operations\W+1/1 ", said), said


def test_a_first_launch_kept_in_a_status_file_is_a_run_still_open(tmp_path: Path) -> None:
    """A project whose first launch is its status file (written by hand, or by an earlier version): `run list` lists
    that default run as open, and `run start` said nothing of it (it looked for entries)."""
    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))
    (project.data / "mini.status.yaml").write_text("checklist: mini\nitems:\n  rota: {state: done, by: Arun, date: 2026-01-05}\n", encoding="utf-8")
    said = runs.start(project, check, "v2", checklist=None, by="Meera")
    assert said.endswith("; still open: run default (record into it with --run default, close it with checklist-site run close default)"), said
    assert [line.split()[:2] for line in runs.listing(project, check, None)[1:]] == [["default", "open"], ["*v2", "open"]]


def test_a_run_started_while_another_is_open_says_so(project: Project) -> None:
    """Run 1.1 started while the 1.0 launch was still going on: the record commands of the 1.0 team recorded into 1.1
    from then on, and `run start` said only that. It names the runs still open and how to record into or close them."""
    runs.start(project, check, "v1.0", checklist=None, by="Meera")
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}])
    said = runs.start(project, check, "v1.1", checklist=None, by="Raj")
    assert said.endswith("; still open: run v1.0 (record into it with --run v1.0, close it with checklist-site run close v1.0)"), said
    # status says it too, as long as it is so: two people who started the launch's run under two names on two branches
    # and merged had the record split without a word (status: the run started last; the other's recordings nowhere).
    said = run_cli("-C", str(project.root), "status").stdout
    assert "  run v1.0 is open too (1/243 resolved), its record apart from this one: see it with checklist-site status --run v1.0" in said
    runs.close(project, check, "v1.0", checklist=None, by="Meera")
    said = runs.start(project, check, "v1.2", checklist=None, by="Raj")  # v1.0 closed: v1.1 alone
    assert said.endswith("; still open: run v1.1 (record into it with --run v1.1, close it with checklist-site run close v1.1)"), said
    said = run_cli("-C", str(project.root), "status").stdout
    assert "run v1.1 is open too (0/243 resolved)" in said and "v1.0 is open" not in said and "default" not in said
    # Nothing was recorded in the default run: it is no run of the list (it was listed as "open", 0 resolved), yet
    # --run default still names it (empty) as the record commands take it.
    assert [line.split()[0].lstrip("*") for line in runs.listing(project, check, None)[1:]] == ["v1.0", "v1.1", "v1.2"]
    assert "(realserv-launch, run default): NO-GO" in run_cli("-C", str(project.root), "status", "--run", "default").stdout
    closing = run_cli("-C", str(project.root), "run", "close", "default", "--by", "Meera")  # it was closed, listed 'closed, 0 resolved'
    assert closing.returncode == 1 and "nothing was recorded in run 'default' of checklist 'realserv-launch'" in closing.stderr, closing.stderr
    assert "hint: the run going on is v1.2: checklist-site run close v1.2" in closing.stderr and len(check(project).runs_of("realserv-launch")) == 3
