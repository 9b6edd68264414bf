"""Launch after launch: runs of a checklist, each with its own record, gate, pages and packet; the history across them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.errors import BuildError, CheckFailed
from generator.format.model import State
from generator.progress import runs
from generator.progress.record import append

from .conftest import make_project, run_cli

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
    assert len(current.scope) == 243  # the items the checklist had when the run started
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
    with pytest.raises(BuildError) as refused:
        append(project, check, None, "Arun", [{"item": JWT, "state": "done"}])
    assert "run 'v1.1' of checklist 'realserv-launch' was closed" in refused.value.message
    result = run_cli("-C", str(project.root), "mark", JWT, "--done", "--by", "Arun", "--run", "v1.1")
    assert result.returncode == 1 and "was closed" in result.stderr
    late = project.data / "realserv-launch.record" / "v1.1" / "29990101T000000Z-arun-00000000.yaml"
    late.write_text("checklist: realserv-launch\nby: Arun\nat: 2999-01-01T00:00:00Z\nchanges:\n  - {item: jwt-token-validation-working, state: done}\n")
    with pytest.raises(CheckFailed) as failed:
        check(project)
    assert "v1.1/29990101T000000Z-arun-00000000.yaml:1:1: error: entry recorded after run 'v1.1' was closed" in failed.value.format()


def test_run_names_and_duplicates_are_refused(project: Project) -> None:
    _two_runs(project)
    for name, message in (("V1", "is not a run name"), ("default", "is not a run name"), ("v1.1", "exists already")):
        with pytest.raises(BuildError) as failed:
            runs.start(project, check, name, checklist=None, by="Meera")
        assert message in failed.value.message, name
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
