"""The team record: append-only entry files, folded in time order; real git merges never conflict; who and when are kept."""

from __future__ import annotations

import datetime
import gc
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.build import Project, check
from generator.build import check as real_check
from generator.errors import BuildError, CheckFailed
from generator.format.bidi import plain
from generator.format.fold import run_name
from generator.format.model import Data, Entry, RunEvent, State, Status, Vote
from generator.progress.record import ReplaceRefused, append, snapshot

from .conftest import FIXTURES, make_project, run_cli

ZONE = datetime.timezone(datetime.timedelta(hours=1))
JWT, TWILIO, RBAC = "jwt-token-validation-working", "twilio-sms-used", "rbac-enforced-services"


def at(minute: int) -> datetime.datetime:
    return datetime.datetime(2026, 1, 10, 14, minute, 0, tzinfo=ZONE)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = make_project(tmp_path / "p")
    (root / "data" / "realserv-launch.status.yaml").unlink()
    return Project.at(root)


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env_args = ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"]
    return subprocess.run(["git", *env_args, *args], cwd=repo, capture_output=True, text=True, timeout=60)


def test_three_branches_merge_pairwise_without_a_conflict(project: Project) -> None:
    repo = project.root
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-q", "-m", "base").returncode == 0
    recordings = {
        "priya": ("Priya", [{"item": JWT, "state": "done", "note": "all 7 services"}], 1),
        "arun": ("Arun", [{"item": TWILIO, "state": "n/a"}], 2),
        "arun-same": ("Arun", [{"item": JWT, "state": "open", "note": "token expiry not tested"}], 3),
    }
    for branch, (by, changes, minute) in recordings.items():
        _git(repo, "checkout", "-q", "-b", branch, "main")
        append(project, check, "realserv-launch", by, changes, at=at(minute))
        _git(repo, "add", "-A")
        assert _git(repo, "commit", "-q", "-m", f"{by} records").returncode == 0
    for first, second in itertools.combinations(recordings, 2):
        _git(repo, "checkout", "-q", "-B", f"merge-{first}-{second}", first)
        merged = _git(repo, "merge", "--no-edit", second)
        assert merged.returncode == 0 and "CONFLICT" not in merged.stdout, merged.stdout + merged.stderr
        status = check(project).status("realserv-launch")
        assert status is not None
        who = {e.by for e in status.entries}
        assert who == {recordings[first][0], recordings[second][0]}
        if {first, second} == {"priya", "arun"}:
            assert status.item(JWT).state is State.DONE and status.item(JWT).by == "Priya"  # type: ignore[union-attr]
            assert status.item(TWILIO).state is State.NOT_APPLICABLE and status.item(TWILIO).by == "Arun"  # type: ignore[union-attr]
        else:
            jwt = status.item(JWT)
            assert jwt is not None
            if "priya" in (first, second):  # the same item by two people: the later one holds, the earlier is history
                assert (jwt.state, jwt.by, jwt.note) == (State.OPEN, "Arun", "token expiry not tested")
                assert [(h.state, h.by, h.note) for h in jwt.history()] == [(State.DONE, "Priya", "all 7 services")]
            else:
                assert (jwt.state, jwt.by) == (State.OPEN, "Arun")
    _git(repo, "checkout", "-q", "-B", "all", "priya")
    assert _git(repo, "merge", "--no-edit", "arun", "arun-same").returncode == 0
    assert len(list((repo / "data" / "realserv-launch.record").glob("*.yaml"))) == 3
    _git(repo, "checkout", "-q", "-B", "rebased", "arun-same")  # a rebase replays the entries as they are: no conflict, the same fold
    rebased = _git(repo, "rebase", "priya")
    assert rebased.returncode == 0 and "CONFLICT" not in rebased.stdout, rebased.stdout + rebased.stderr
    jwt = check(project).status("realserv-launch").item(JWT)  # type: ignore[union-attr]
    assert jwt is not None and (jwt.state, jwt.by, [h.by for h in jwt.history()]) == (State.OPEN, "Arun", ["Priya"])
    _dropped_by_a_force_push(project)


def _dropped_by_a_force_push(project: Project) -> None:
    """Chen records on top of the three merged; then the branch is pushed again without Arun's commits (a force-push of a
    history that left them out, as a reset and a cherry-pick make it): nothing said Arun's entries were gone. Chen's
    entry names the run's latest entry its writer had (``after``): the record lacks it, and `check` warns at that line."""
    from generator.format.fold import dropped

    repo, folder = project.root, project.data / "realserv-launch.record"
    _git(repo, "checkout", "-q", "-B", "chen", "all")
    assert not list(dropped(check(project)))
    latest = max(folder.glob("*.yaml")).name  # arun-same's, the latest by time
    chen = append(project, check, "realserv-launch", "Chen", [{"item": RBAC, "state": "done"}], at=at(4))
    assert f"\nafter: {latest}\n" in chen.read_text(encoding="utf-8")
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-q", "-m", "Chen records").returncode == 0
    _git(repo, "checkout", "-q", "-B", "forced", "priya")
    assert _git(repo, "cherry-pick", "chen").returncode == 0
    warned = list(dropped(check(project)))
    assert [(i.loc.file, i.loc.line) for i in warned] == [(f"data/realserv-launch.record/{chen.name}", 5)], warned
    assert f"recorded after {latest}, which the record does not have" in warned[0].message and "git log --all" in warned[0].hint
    assert "cherry-pick" in warned[0].message and "merge the branch that has it" in warned[0].hint


def test_the_runs_last_entry_dropped_by_a_force_push_is_found_where_git_saw_it(project: Project, caplog: pytest.LogCaptureFixture) -> None:
    """Arun's entry, the run's latest, is pushed; Bob resets his branch past it and force-pushes; Alice fetches and resets
    to the remote as told. No entry names Arun's (it was the last: ``after:`` finds only one a later entry names), so
    every command was silent and the run could be closed without it. Git still has the commit where it was seen (the
    reflogs): `check` warns of an entry file a commit no branch holds added and the record lacks, with the commit to put
    it back from; an entry rebased or cherry-picked (the same name) is not lost."""
    from generator.commands.site import check as check_command
    from generator.format.fold import dropped
    from generator.progress import runs
    from generator.progress.lost import lost_entries

    alice = project.root
    origin, bob = alice.parent / "origin.git", alice.parent / "bob"
    _git(alice, "init", "-q", "-b", "main")
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    _git(alice, "add", "-A")
    _git(alice, "commit", "-q", "-m", "base and Priya's entry")
    _git(alice.parent, "clone", "-q", "--bare", str(alice), str(origin))
    _git(alice, "remote", "add", "origin", str(origin))
    arun = append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}], at=at(2))
    _git(alice, "add", "-A")
    _git(alice, "commit", "-q", "-m", "Arun records")
    commit = _git(alice, "rev-parse", "--short", "HEAD").stdout.strip()
    assert _git(alice, "push", "-q", "origin", "main").returncode == 0
    assert _git(alice.parent, "clone", "-q", str(origin), str(bob)).returncode == 0  # Bob has Arun's entry
    _git(bob, "reset", "-q", "--hard", "HEAD~1")  # ... and drops it
    (bob / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    _git(bob, "add", "-A")
    _git(bob, "commit", "-q", "-m", "notes")
    assert _git(bob, "push", "-q", "--force", "origin", "main").returncode == 0
    _git(alice, "fetch", "-q", "origin")
    _git(alice, "reset", "-q", "--hard", "origin/main")
    assert not arun.exists() and not list(dropped(check(project)))  # no entry names Arun's
    caplog.clear()
    said = check_command(alice, None)
    assert said.endswith(", 1 record entry lost from git's branches (above)"), said
    put_back = f"git checkout {commit} -- 'data/realserv-launch.record/{arun.name}'"
    assert "is in no branch now and the record does not have it" in caplog.text and put_back in caplog.text, caplog.text
    caplog.clear()
    runs.close(Project.at(bob), check, "default", checklist=None, by="Bob")  # said before a run is frozen without it
    assert f"{arun.name}: warning: this entry, added by commit {commit}" in caplog.text
    _git(alice, "checkout", commit, "--", f"data/realserv-launch.record/{arun.name}")  # put back as the hint says: nothing lost
    assert arun.exists() and not list(lost_entries(project, check(project)))


def test_an_entry_of_a_branch_rebased_and_not_merged_yet_is_not_lost(project: Project) -> None:
    """Olu records on his branch, main moves, he rebases it onto main (git pull --rebase) and goes back to main before
    it is merged: `check` said his entry, added by the commit the rebase replaced, was 'in no branch now' and to put it
    back into main with git checkout, though his branch holds it (the record lacks every unmerged branch's entries)."""
    from generator.progress.lost import lost_entries

    repo = project.root
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "olu")
    olu = append(project, check, None, "Olu", [{"item": JWT, "state": "done"}], at=at(1))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Olu records")
    _git(repo, "checkout", "-q", "main")
    (repo / "docs" / "notes.md").write_text("# Notes\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "notes")
    assert _git(repo, "rebase", "-q", "main", "olu").returncode == 0
    _git(repo, "checkout", "-q", "main")
    assert not olu.exists() and not list(lost_entries(project, check(project)))
    _git(repo, "branch", "-q", "-D", "olu")  # the branch deleted unmerged: now it is in no branch
    [lost] = lost_entries(project, check(project))
    assert lost.loc.file.endswith(olu.name) and "is in no branch now" in lost.message


def test_a_writers_temporary_file_is_not_committed_by_git_add(tmp_path: Path) -> None:
    """A writer killed mid-write leaves a hidden temporary file in the record's folder until the next writer clears it; a
    `git add -A` meanwhile committed it, and every clone had it (tracked, never cleared there: its process id may run)."""
    root = tmp_path / "p"
    assert run_cli("init", str(root), "-q").returncode == 0
    assert _git(root, "init", "-q").returncode == 0
    folder = root / "data" / "checklist.record" / "v2"
    folder.mkdir(parents=True)
    (folder / ".20261208T010000Z-priya-0000abcd.yaml.4242-0123abcd.tmp").write_text("checklist: x\n", encoding="utf-8")
    (folder / "20261208T010000Z-arun-0000abce.yaml").write_text("checklist: x\n", encoding="utf-8")
    _git(root, "add", "-A")
    staged = _git(root, "diff", "--cached", "--name-only").stdout.split()
    assert "data/checklist.record/v2/20261208T010000Z-arun-0000abce.yaml" in staged and not any(p.endswith(".tmp") for p in staged), staged


def test_a_recording_made_while_git_pull_writes_the_record_waits_for_it(project: Project) -> None:
    """`git pull` brings Arun's entry while Priya records: git writes a file in more than one step, so for a moment the
    record held half an entry, and Priya's recording was refused with Arun's file as broken YAML (the meeting's room was
    told the same, and its terminal to fix data/). While git holds its index lock, a recording whose check fails waits for
    git to finish and checks again; a lock held past GIT_WAIT is said as git's, with what to do."""
    import threading

    from generator.format.fold import entry_name
    from generator.format.model import Change
    from generator.progress import record
    from generator.progress.record import entry_text

    folder, lock = project.data / "realserv-launch.record", project.root / ".git" / "index.lock"
    folder.mkdir()
    lock.parent.mkdir()
    lock.write_text("", encoding="utf-8")
    arun = folder / entry_name(at(1), "arun")
    whole = entry_text("realserv-launch", "Arun", at(1), [Change(item=TWILIO, state=State.NOT_APPLICABLE)])
    arun.write_text(whole[: whole.index("at: ") + 10], encoding="utf-8")  # half written
    with pytest.raises(CheckFailed):
        check(project)

    def pulled() -> None:
        arun.write_text(whole, encoding="utf-8")
        lock.unlink()

    timer = threading.Timer(0.3, pulled)
    timer.start()
    priya = append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(2))
    timer.join()
    assert priya.exists() and check(project).status("realserv-launch").item(TWILIO).by == "Arun"  # type: ignore[union-attr]
    arun.write_text(whole[:40], encoding="utf-8")
    lock.write_text("", encoding="utf-8")  # a git command stopped with its lock left
    with pytest.MonkeyPatch.context() as short:
        short.setattr(record, "GIT_WAIT", 0.2)
        with pytest.raises(BuildError, match=r"a git command \(a pull, a checkout, a merge\) is writing the project's files"):
            append(project, check, None, "Priya", [{"item": RBAC, "state": "done"}], at=at(3))


def test_an_entry_whose_writer_had_one_the_record_lacks_is_not_said_to_be_recorded_without_what_it_had(project: Project) -> None:
    """A rebase dropped Olu's first commit (his RBAC done); his next entry, which replaced Priya's n/a knowing it, names
    the dropped one (``after``). Besides the dropped entry (said at his), `check` said 'Olu's done was recorded without
    Priya's n/a', which he had: what a writer had through an entry the record lacks is not known, and is judged by no one."""
    from generator.format.fold import dropped, unseen

    append(project, check, None, "Priya", [{"item": TWILIO, "state": "n/a"}], at=at(1))
    first = append(project, check, None, "Olu", [{"item": RBAC, "state": "done"}], at=at(2))
    append(project, check, None, "Olu", [{"item": TWILIO, "state": "done"}], at=at(3), replace=True)
    assert not list(unseen(check(project)))
    first.unlink()  # dropped by the rebase
    data = check(project)
    assert [i.message.split(":")[0] for i in dropped(data)] == [f"this entry was recorded after {first.name}, which the record does not have"]
    assert not list(unseen(data)), [i.message for i in unseen(data)]  # said so before


def test_the_first_recordings_of_an_empty_record_on_two_branches_are_judged(project: Project) -> None:
    """Arun and Priya each made the first recording of a record (no run started) on their branches, of one item, with
    other values: merged, the record kept Priya's (the later) and nobody was told she had not seen Arun's, as is told
    once the record holds anything (each entry names what its writer had; the first named nothing, so no one judged
    it). The first recording now says its writer had none (after: '-'): the warning is said, and nothing is 'dropped'.
    A person named '-' is written quoted (a block 'by: -' opened a list: refused as a YAML error)."""
    from generator.format.fold import dropped, unseen

    repo = project.root
    assert _git(repo, "init", "-q", "-b", "main").returncode == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "arun")
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}], at=at(1))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "arun")
    _git(repo, "checkout", "-q", "main")
    append(project, check, None, "Priya", [{"item": TWILIO, "state": "n/a"}], at=at(2))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "priya")
    assert _git(repo, "merge", "-q", "--no-edit", "arun").returncode == 0
    data = check(project)
    said = [i.message for i in unseen(data)]
    assert len(said) == 1 and f"item '{TWILIO}': Priya's n/a was recorded without Arun's done" in said[0], said
    assert not list(dropped(data))
    append(project, check, None, "-", [{"item": TWILIO, "state": "n/a"}], at=at(3), replace=True)  # someone who has both: the warning goes
    assert not list(unseen(check(project)))


def test_a_revert_of_a_recording_is_warned_of(project: Project) -> None:
    """The team reverts the commit of Arun's recording (it was wrong): the entry file is gone, the run's numbers change,
    and as it was the last entry, nothing named it (after:) and nothing was said: the record forgot who recorded what.
    `check` warns at the file with the commit that removed it; to undo a recording is to record the state again."""
    from generator.progress.lost import lost_entries

    repo = project.root
    _git(repo, "init", "-q", "-b", "main")
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    arun = append(project, check, None, "Arun", [{"item": TWILIO, "state": "n/a"}], at=at(2))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "recorded")
    assert _git(repo, "revert", "--no-edit", "HEAD").returncode == 0 and not arun.exists()
    revert = _git(repo, "rev-parse", "--short", "HEAD").stdout.strip()
    warned = list(lost_entries(project, check(project)))
    assert [i.loc.file for i in warned] == [f"data/realserv-launch.record/{arun.name}"], warned
    assert warned[0].message.startswith(f"this entry was removed by commit {revert} ('Revert \"recorded\"')") and "record the state again" in warned[0].hint
    _git(repo, "checkout", f"{revert}^", "--", f"data/realserv-launch.record/{arun.name}")  # put back as the hint says
    assert not list(lost_entries(project, check(project)))


def test_a_shallow_clone_says_why_it_cannot_name_the_commit_that_removed_an_entry(project: Project, tmp_path: Path) -> None:
    """Arun's recording reverted, Meera's after it naming it: in a shallow clone (CI's checkout, --depth 1) the commit
    that removed it is outside the history, and the check said only to look for it with git log, which finds nothing
    there. It says the clone is shallow and to fetch the rest; a full clone names the commit as before."""
    from generator.progress.lost import lost_entries

    repo = project.root
    _git(repo, "init", "-q", "-b", "main")
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    for who, item, minute in (("Arun", TWILIO, 2), ("Meera", RBAC, 3)):
        append(project, check, None, who, [{"item": item, "state": "done"}], at=at(minute))
        _git(repo, "add", "-A")
        _git(repo, "commit", "-q", "-m", who)
    assert _git(repo, "revert", "--no-edit", "HEAD~1").returncode == 0
    revert = _git(repo, "rev-parse", "--short", "HEAD").stdout.strip()
    assert [i.message.partition(":")[0] for i in lost_entries(project, check(project))] == [f"this entry was removed by commit {revert} ('Revert \"Arun\"')"]
    clone = tmp_path / "shallow"
    assert _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)).returncode == 0
    shallow = Project.at(clone)
    warned = list(lost_entries(shallow, check(shallow)))
    assert len(warned) == 1 and warned[0].message.startswith("this clone is shallow") and "git fetch --unshallow" in warned[0].hint, warned


def test_a_recording_made_without_anothers_is_warned_of_until_recorded_again_with_both(project: Project) -> None:
    """Carol records on a clone she has not pulled for an hour (or on a laptop whose clock is ahead, on a branch not merged):
    Priya had marked the item done meanwhile. Merged, the record kept Carol's open, the later by date, and nobody was asked
    to replace Priya's, as on one record. Each entry names what its writer had (``after``, and ``also_after``: the latest
    of each branch merged); `check` warns where a recording was made without another person's of another value, and
    the warning goes once someone who has both records it again."""
    from generator.format.fold import unseen
    from generator.progress.record import heads

    folder = project.data / "realserv-launch.record"
    append(project, check, None, "Arun", [{"item": RBAC, "state": "done"}], at=at(1))
    priya = append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(2))
    hidden = priya.rename(project.root / priya.name)  # Carol's clone has not pulled Priya's entry
    carol = append(project, check, None, "Carol", [{"item": JWT, "state": "open"}], at=at(30))
    hidden.rename(priya)  # pulled: merged without a conflict
    data = check(project)
    assert data.status("realserv-launch").item(JWT).by == "Carol"  # type: ignore[union-attr]
    warned = list(unseen(data))
    assert [(i.loc.file, i.loc.line) for i in warned] == [(f"data/realserv-launch.record/{carol.name}", 7)], warned
    assert f"item '{JWT}': Carol's open was recorded without Priya's done ({priya.name})" in warned[0].message
    assert sorted(heads(data.status("realserv-launch"))) == sorted([priya.name, carol.name])
    again = append(project, check, None, "Priya", [{"item": JWT, "state": "open"}], at=at(40), replace=True)  # Priya, who has both, agrees
    assert f"after: {carol.name}\nalso_after: [{priya.name}]\n" in again.read_text(encoding="utf-8")
    assert not list(unseen(check(project))) and heads(check(project).status("realserv-launch")) == [again.name]
    assert len(list(folder.glob("*.yaml"))) == 4


def test_replacing_someone_elses_entry_is_refused_unless_asked_and_kept_as_history(project: Project) -> None:
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    with pytest.raises(ReplaceRefused) as refused:
        append(project, check, None, "Arun", [{"item": JWT, "state": "open"}], at=at(2))
    assert refused.value.conflicts == [{"item": JWT, "state": "done", "by": "Priya", "at": "2026-01-10T14:01:00+01:00"}]
    assert "--replace" in refused.value.hint
    append(project, check, None, "Arun", [{"item": JWT, "note": "checked the token expiry too"}], at=at(3))  # a note never replaces
    append(project, check, None, "Arun", [{"item": JWT, "state": "open"}], at=at(4), replace=True)
    jwt = check(project).status("realserv-launch").item(JWT)  # type: ignore[union-attr]
    assert jwt is not None and (jwt.state, jwt.by) == (State.OPEN, "Arun")
    assert [(h.state, h.by, h.note) for h in jwt.history()] == [(State.DONE, "Priya", "checked the token expiry too")]
    assert len(list((project.data / "realserv-launch.record").glob("*.yaml"))) == 3


def test_the_legacy_status_file_is_the_starting_point(tmp_path: Path) -> None:
    project = Project.at(make_project(tmp_path / "p"))
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project.data / "realserv-launch.status.yaml")
    before = check(project).status("realserv-launch")
    assert before is not None and before.item(JWT).by == "Priya"  # type: ignore[union-attr]
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}], at=at(1), replace=True)
    after = check(project).status("realserv-launch")
    assert after is not None and after.item(TWILIO).by == "Arun" and after.item(TWILIO).previous.by == "Arun"  # type: ignore[union-attr]
    assert after.item(JWT) == before.item(JWT) and len(after.items) == len(before.items)


def test_every_kind_of_change_folds(project: Project) -> None:
    changes = [
        {"item": RBAC, "state": "waived", "reason": "ships in 1.1", "approver": "Meera"},
        {"attendee": "Meera", "role": "CTO"},
        {"assign": TWILIO, "to": "Arun", "due": datetime.date(2026, 1, 15)},
        {"approval": "cto", "decision": "no-go", "name": "Meera"},
        {"decision": "no-go", "blockers": ["Payment load test not run yet"]},
    ]
    append(project, check, None, "Chair", changes, at=at(5))
    append(project, check, None, "Priya", [{"signoff": "secrets-management", "with_open": True, "note": "rotation next week"}], at=at(6))
    status = check(project).status("realserv-launch")
    assert status is not None
    assert status.item(RBAC).reason == "ships in 1.1"  # type: ignore[union-attr]
    assert [(a.name, a.role) for a in status.attendees] == [("Meera", "CTO")]
    assert status.assignment(TWILIO).to == "Arun" and status.assignment(TWILIO).due == datetime.date(2026, 1, 15)  # type: ignore[union-attr]
    assert status.approval("cto").decision is Vote.NO_GO and status.approval("cto").name == "Meera"  # type: ignore[union-attr]
    assert status.decision is not None and status.decision.by == "Chair" and status.decision.at == at(5)
    signed = status.signoff("secrets-management")
    assert signed is not None and signed.with_open and signed.name == "Priya"
    live = snapshot(project, check)
    assert live["decision"]["blockers"] == ["Payment load test not run yet"] and live["items"][TWILIO]["owner"] == "Arun"


def test_a_group_with_open_items_is_not_signed_off_without_saying_so(project: Project) -> None:
    result = run_cli("-C", str(project.root), "signoff", "secrets-management", "--by", "Priya")
    assert result.returncode == 1
    assert "group 'secrets-management' has 9 open item(s), 6 of them critical" in result.stderr and "--with-open" in result.stderr
    assert not (project.data / "realserv-launch.record").exists()
    result = run_cli("-C", str(project.root), "signoff", "secrets-management", "--by", "Priya", "--with-open")
    assert result.returncode == 0, result.stderr
    assert "with open items" in result.stdout


@pytest.mark.parametrize(
    "changes, message",
    [
        ([{"item": "no-such-item", "state": "done"}], "unknown item 'no-such-item'"),
        ([{"item": RBAC, "state": "waived", "reason": "later"}], "critical item 'rbac-enforced-services' is waived without an approver"),
        ([{"item": TWILIO, "state": "waived"}], "waived without a reason"),
        ([{"item": TWILIO, "state": "finished"}], "'state' of change"),
        ([{"item": TWILIO, "signoff": "secrets-management"}], "a change records one thing"),
        ([{"assign": TWILIO}], "does not say to whom"),
        ([{"item": TWILIO, "to": "Arun"}], "'to' does not go with 'item'"),
        ([{"decision": "maybe"}], "'decision' of change"),
    ],
    ids=["unknown-item", "critical-waiver", "no-reason", "bad-state", "two-kinds", "assign-nobody", "wrong-key", "bad-decision"],
)
def test_bad_changes_write_nothing(project: Project, changes: list[dict[str, object]], message: str) -> None:
    with pytest.raises(BuildError) as failed:
        append(project, check, None, "Priya", changes, at=at(1))
    assert message in failed.value.message
    assert not (project.data / "realserv-launch.record").exists()


def test_a_bad_entry_file_is_reported_where_it_is(project: Project) -> None:
    folder = project.data / "realserv-launch.record"
    folder.mkdir()
    (folder / "20260110T130000Z-priya-0000abcd.yaml").write_text(
        "checklist: realserv-launch\nby: Priya\nat: 2026-01-10T14:00:00\nchanges:\n  - {item: jwt-token-validation-workin, state: done}\n",
        encoding="utf-8",
    )
    with pytest.raises(CheckFailed) as failed:
        check(project)
    text = failed.value.format()
    where = "data/realserv-launch.record/20260110T130000Z-priya-0000abcd.yaml:3:5"
    assert f"{where}: error: expected 'at' of the record entry to be a date and time with its zone" in text
    for offset in ("-23:59", "+14:01", "+01:00:30"):  # Python reads them; no zone of the world has them (a typo, a clock's seconds)
        (folder / "20260110T130000Z-priya-0000abcd.yaml").write_text(
            f"checklist: realserv-launch\nby: Priya\nat: 2026-01-10T14:00:00{offset}\nchanges:\n  - {{item: {JWT}, state: done}}\n", encoding="utf-8"
        )
        with pytest.raises(CheckFailed) as failed:
            check(project)
        assert f"{where}: error: expected 'at' of the record entry to have a zone offset the world uses (-12:00 to +14:00" in failed.value.format()
    (folder / "20260110T130000Z-priya-0000abcd.yaml").write_text(
        "checklist: realserv-launch\nby: Priya\nat: 2026-01-10T14:00:00Z\nchanges:\n  - {item: jwt-token-validation-workin, state: done}\n",
        encoding="utf-8",
    )
    with pytest.raises(CheckFailed) as failed:
        check(project)
    text = failed.value.format()
    assert "20260110T130000Z-priya-0000abcd.yaml:5:12: error: unknown item 'jwt-token-validation-workin'" in text
    assert "did you mean 'jwt-token-validation-working'?" in text


def test_an_unknown_id_is_answered_with_the_ids_to_use_in_plain_english(project: Project) -> None:
    """`approve nope` said 'use the id of a role' and `mark` 'use the id of a item': now 'an item', and the roles by id, sorted."""
    root = str(project.root)
    role = run_cli("-C", root, "approve", "nope", "--by", "Meera", "--decision", "go")
    assert role.returncode == 1 and "hint: use the id of a role that the checklist has: cto, devops-lead, product-manager, qa-lead, tech-lead\n" in role.stderr
    item = run_cli("-C", root, "mark", "zzzz", "--done", "--by", "Meera")
    assert item.returncode == 1 and "hint: use the id of an item that the checklist has\n" in item.stderr  # 243 ids: not listed


def test_an_entry_never_replaces_a_file(project: Project) -> None:
    paths = {append(project, check, None, "Priya", [{"item": TWILIO, "note": f"note {n}"}], at=at(1)) for n in range(5)}
    assert len(paths) == 5  # same person, same second: five files
    status = check(project).status("realserv-launch")
    assert status is not None and status.item(TWILIO).note.startswith("note ")  # type: ignore[union-attr]


# ---- one readiness computation for every view ----------------------------------------------------

EVERY_STATE = [
    ("Priya", [{"item": "firebase-authentication-configured-prod", "state": "done"}, {"item": JWT, "state": "done", "note": "all 7 services"}]),
    ("Priya", [{"item": "order-creation", "state": "done"}, {"item": "token-expiry-configured", "state": "done"}]),
    ("Arun", [{"item": TWILIO, "state": "n/a"}, {"item": "readme-md-each-service", "state": "n/a"}]),
    ("Meera", [{"item": RBAC, "state": "waived", "reason": "ships in 1.1", "approver": "Meera"}]),
    ("Meera", [{"item": "global-rate-limiting-configured", "state": "waived", "reason": "the gateway limits"}]),
    ("Arun", [{"item": "api-gateway-deployed-aws", "state": "n/a"}]),  # critical n/a: resolved, but blocks until waived
    ("Arun", [{"item": "order-creation", "state": "open", "note": "cancelled orders fail"}]),  # reopened: replaces Priya's done
    ("Arun", [{"item": "correlation-ids-requests", "note": "half the services"}]),  # a note on an open item
    ("Arun", [{"item": "monitor-dashboards-every-30", "state": "done"}]),  # after launch (section 8): counted like the rest
]


def test_every_view_gives_the_same_numbers(project: Project, browser) -> None:  # type: ignore[no-untyped-def]
    import json

    from .conftest import serve_dir
    from .htmltree import article, parse

    for minute, (by, changes) in enumerate(EVERY_STATE):
        append(project, check, None, by, changes, at=at(minute), replace=True)
    # done 4 (one of Priya's five reopened), waived 2, n/a 3: 9 of 243 resolved, 4%; critical: 3 done + 1 waived of 57
    expected = {"total": 243, "resolved": 9, "percent": 4, "done": 4, "waived": 2, "n/a": 3, "open": 234, "critical_open": 53}
    assert snapshot(project, check)["counts"] == expected

    status = run_cli("-C", str(project.root), "status")
    assert "All sections    9/243 (4%)" in status.stdout and "4/57" in status.stdout
    assert "Resolved 9 of 243 (4%): done 4, waived 2, n/a 3; open 234, critical open 53" in status.stdout

    exported = json.loads(run_cli("-C", str(project.root), "export", "--format", "json").stdout)["checklists"][0]["progress"]
    assert {k: exported[k] for k in expected} == expected

    pdf = run_cli("-C", str(project.root), "pdf", "--filled")
    assert pdf.returncode == 0, pdf.stderr
    packet = project.root / "pdf" / "realserv-launch-packet-filled-a4.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(packet), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(page.split()) for page in text.split("\f")]
    assert "9 of 243 items resolved (4%): 4 done, 2 waived, 3 n/a, 234 open, 53 critical open" in pages[0]  # the minutes
    assert any("243 items 9 (4%) 4 2 3 234 53" in page for page in pages[1:3]), pages[1]  # the cover's table

    site = project.root / "site" / "checklists" / "realserv-launch"
    page = article(parse(site / "readiness" / "index.html"))
    assert "9 / 243 items (4%)" in page.text()
    rows = {plain(tr.find_all("td")[0].text()): tr.find_all("td")[1].text() for tr in page.find_all("tr") if tr.find_all("td")}
    per_section = {"1. Security": "4 / 31", "2. Infrastructure": "2 / 50", "4. Testing": "0 / 43", "5. Configuration": "1 / 17", "8. Operations": "1 / 15"}
    assert {k: rows[k] for k in per_section} == per_section
    with serve_dir(project.root / "site", without_search=True) as base:  # the session's browser: a second sync_playwright in one thread fails
        tab = browser.new_page()
        tab.goto(base + "checklists/realserv-launch/")
        assert tab.locator('.cl-count[data-section="security"]').inner_text().startswith("4 of 31")
        assert tab.locator('.cl-count[data-section="infrastructure"]').inner_text().startswith("2 of 50")
        assert "9 of 243" in tab.locator(".cl-page-progress").first.inner_text()
        tab.goto(base + "checklists/realserv-launch/security/")  # a section page counts n/a and waived as the readiness page does
        assert "4 of 31" in tab.locator(".cl-page-progress").first.inner_text()
        tab.goto(base + "checklists/realserv-launch/infrastructure/")
        assert "2 of 50" in tab.locator(".cl-page-progress").first.inner_text()
        tab.goto(base + "checklists/realserv-launch/readiness/")
        overall = tab.locator("progress").first
        assert (overall.get_attribute("value"), overall.get_attribute("max")) == ("9", "243")
        # On a phone the filled cover's counts are "Heading: count" pairs within the screen (its 7 columns overflowed it).
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.goto(base + "checklists/realserv-launch/packet-filled/")
        critical = tab.locator("table.cl-counts-table td[data-label='Critical open']")
        assert critical.inner_text() == "53" and critical.evaluate("td => getComputedStyle(td, '::before').content") == '"Critical open: "'
        right = "() => [document.querySelector('table.cl-counts-table').getBoundingClientRect().right, document.documentElement.scrollWidth]"
        assert max(tab.evaluate(right)) <= 390
        # The 404 page's script runs: its base_url is "/", which made new URL("//") throw.
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(base + "404.html")
        assert tab.locator("h1").inner_text() == "404 - Not found" and errors == []
        tab.close()


def test_readiness_page_sheets_and_minutes_show_owners_history_and_the_meeting(project: Project) -> None:
    from generator.build import build

    from .htmltree import article, parse

    append(project, check, None, "Chair", [{"attendee": "Meera", "role": "CTO"}, {"attendee": "Priya"}, {"attendee": "Chen"}], at=at(0))
    append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    append(project, check, None, "Arun", [{"item": JWT, "state": "open", "note": "expiry untested"}], at=at(2), replace=True)
    append(project, check, None, "Meera", [{"assign": TWILIO, "to": "Arun", "due": datetime.date(2026, 1, 9)}, {"assign": RBAC, "to": "Arun"}], at=at(3))
    append(project, check, None, "Meera", [{"item": "xss-protection", "state": "waived", "reason": "WAF rule", "approver": "Meera"}], at=at(4))
    append(project, check, None, "Priya", [{"signoff": "secrets-management", "with_open": True, "note": "rotation next week"},
                                           {"attendee": "chen", "withdrawn": True}], at=at(5))  # Chen was not there: recorded by mistake
    append(project, check, None, "Meera", [{"approval": "cto", "decision": "no-go"}, {"decision": "no-go", "blockers": ["Payment load test"]}], at=at(6))
    site = build(project) / "checklists" / "realserv-launch"
    readiness_page = article(parse(site / "readiness" / "index.html")).text()
    assert "Open work by person" in readiness_page
    assert "Overdue (due before 2026-01-10, the latest date in the record)" in " ".join(readiness_page.split())
    work = article(parse(site / "readiness" / "index.html")).find_all("table")  # after an overdue line, the table is a table, not text
    assert any("Owner" in t.text() and "Arun" in t.text() for t in work) and "|---" not in readiness_page and "{#" not in readiness_page
    assert "changed from Priya's done" in readiness_page
    final_page = " ".join(article(parse(site / "final-signoff" / "index.html")).text().split())  # it showed blank rows and boxes
    assert "CTO/VP Eng Meera NO-GO 2026-01-10" in final_page and "Recorded: NO-GO by Meera on 2026-01-10 (readiness)" in final_page
    sheets = article(parse(site / "packet-filled" / "index.html")).text()
    assert "owner Arun, due 2026-01-09" in sheets and "changed from Priya's done" in sheets
    assert "Signed off with items open." in sheets
    final = [u for u in article(parse(site / "packet-filled" / "index.html")).find_all("ul", "cl-blocker-columns")]
    assert final and "`/health`" not in final[0].text() and any(c.text() == "/health" for c in final[0].find_all("code"))  # Markdown, rendered
    minutes = sheets.split("Minutes of the launch meeting", 1)[1].split("Launch-meeting packet, filled in", 1)[0]
    words = " ".join(minutes.split())
    assert "NO-GO, announced by Meera at 2026-01-10 14:06 +01:00" in words
    announced = article(parse(site / "packet-filled" / "index.html")).find_all("table", "cl-announce-table")[0]
    assert [td.text() for td in announced.find_all("td")] == ["Meera", "2026-01-10", "14:06 +01:00"]  # by, date, and the time recorded
    assert "(7 record entries)" in " ".join(sheets.split())
    assert "Attendees Meera (CTO), Priya Withdrawn (recorded by mistake): Chen, by Priya at 2026-01-10 14:05 +01:00." in words
    assert "CTO/VP Eng: NO-GO from Meera at 2026-01-10 14:06 +01:00" in words
    assert "WAF rule, accepted by Meera; recorded by Meera at 2026-01-10 14:04 +01:00" in words
    assert "signed with 9 items open — rotation next week" in words
    assert "Payment load test" in words and "Overdue:" in words


def test_an_attendee_recorded_by_mistake_is_withdrawn_keeping_who_withdrew_it(project: Project) -> None:
    """An attendee recorded by mistake could not be taken off the minutes (there was no way to record one but a file
    written by hand, and none to undo it). `attend NAME --withdraw` takes the attendee off, keeps who withdrew it and
    when (the minutes list it apart), and refuses one not recorded; recorded again, the attendee is back."""
    from generator.progress.record import attend, snapshot

    said = run_cli("-C", str(project.root), "attend", "Meera", "--role", "CTO", "--by", "Priya")
    assert said.returncode == 0 and "attendee Meera (CTO), recorded by Priya" in said.stdout, said.stderr
    attend(project, check, "Chen", by="Priya", role=None, withdraw=False, checklist=None)
    assert "attendee CHEN withdrawn by Arun" in attend(project, check, "CHEN", by="Arun", role=None, withdraw=True, checklist=None)
    status = check(project).status("realserv-launch")
    assert status is not None and [a.name for a in status.attendees] == ["Meera"]
    assert [(a.name, a.by) for a in status.withdrawn] == [("Chen", "Arun")]  # the name as recorded, who withdrew it
    assert snapshot(project, check)["withdrawn_attendees"][0]["by"] == "Arun"
    with pytest.raises(BuildError, match="'Zed' is not among the attendees recorded") as refused:
        attend(project, check, "Zed", by="Arun", role=None, withdraw=True, checklist=None)
    assert "Meera" in (refused.value.hint or "")
    with pytest.raises(BuildError, match="--withdraw and --role"):
        attend(project, check, "Meera", by="Arun", role="CTO", withdraw=True, checklist=None)
    attend(project, check, "Chen", by="Meera", role="SRE", withdraw=False, checklist=None)  # there after all
    status = check(project).status("realserv-launch")
    assert status is not None and [a.name for a in status.attendees] == ["Meera", "Chen"] and status.withdrawn == ()


def test_an_entry_is_written_from_its_changes_declaration_every_key_reading_back_as_given() -> None:
    """entry_text walks Change's Spec: a key declared on Change is written without a hand-written dict, and reads back equal."""
    from generator.format.load import load_text
    from generator.format.model import Change, RunEvent
    from generator.format.schema import ENTRY, Converter
    from generator.format.types import Ident, InlineMarkdown, PlainText, spec_of
    from generator.progress.record import entry_text

    given = {
        "item": Ident("db-backup"), "state": State.WAIVED, "note": InlineMarkdown("ok: *fine*"), "reason": InlineMarkdown("no"),
        "approver": PlainText("Ravi K"), "signoff": Ident("auth"), "with_open": True, "withdrawn": True, "approval": Ident("cto"), "decision": Vote.NO_GO,
        "name": PlainText("Ann O'Neil"), "blockers": (InlineMarkdown("load test"), InlineMarkdown("on")), "assign": Ident("db-backup"),
        "to": PlainText("Priya"), "due": datetime.date(2026, 1, 15), "attendee": PlainText("Meera"), "role": PlainText("CTO"),
        "run": RunEvent.CLOSE, "revision": PlainText("abc123 + uncommitted changes"), "items": (Ident("a"), Ident("b-c")),
        "verdict": Vote.NO_GO, "critical": (Ident("a"),), "later": (Ident("b-c"),), "runbooks": (Ident("db-slow"),),
        "groups": (Ident("auth"),), "roles": (Ident("cto"),), "sections": (Ident("security"), Ident("ops")),
        "group_sections": (Ident("security"),),
    }  # fmt: skip
    assert set(given) == {f.name for f in spec_of(Change).fields}, "give every declared key a value here"
    change = Change(**given)  # type: ignore[arg-type]
    text = entry_text("realserv-launch", "Priya", at(1), [change, Change(approval=Ident("pm"), decision=Vote.GO, name=PlainText("Lee"))])
    tree, issues = load_text(text, "entry.yaml")
    converter = Converter()
    entry = converter.build(ENTRY, tree, "the entry") if tree is not None else None
    assert not issues and not converter.issues and entry is not None, (issues, converter.issues)
    assert {k: getattr(entry.changes[0], k) for k in given} == given
    assert text.splitlines()[-1] == "  - {approval: pm, decision: go, name: Lee}"  # the subject first, then as declared
    assert "  - {item: db-backup, state: waived, " in text and "due: 2026-01-15" in text
    closed = "items: [a, b-c], verdict: no-go, critical: [a], later: [b-c], groups: [auth], roles: [cto], runbooks: [db-slow], "
    assert closed + "sections: [security, ops], group_sections: [security]}" in text


# ---- faults a team meets: clocks, name forms ------------------------------------------------------


def test_a_recording_on_a_clock_behind_the_record_still_counts(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A laptop whose clock is 10 minutes behind the one that recorded last: its reopen used to be folded before
    the done it answers, so `mark` said 'recorded' and the item stayed done."""
    import generator.progress.record as record

    append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}], at=at(30))
    monkeypatch.setattr(record, "now", lambda: at(20))  # this machine's clock
    path = append(project, check, None, "Arun", [{"item": TWILIO, "state": "open", "note": "SMS is used after all"}])
    status = check(project).status("realserv-launch")
    assert status is not None
    twilio = status.item(TWILIO)
    assert twilio is not None and (twilio.state, twilio.note) == (State.OPEN, "SMS is used after all")
    assert twilio.at == at(30) + datetime.timedelta(milliseconds=1) and [h.state for h in twilio.history()] == [State.DONE]
    assert "at: 2026-01-10T14:30:00.001+01:00\n" in path.read_text(encoding="utf-8")  # after all it was written on top of
    said = run_cli("-C", str(project.root), "mark", TWILIO, "--done", "--by", "Arun")  # the command line, on the same clock
    assert said.returncode == 0, said.stderr
    twilio = check(project).status("realserv-launch").item(TWILIO)  # type: ignore[union-attr]
    assert twilio is not None and twilio.state is State.DONE and twilio.at == at(30) + datetime.timedelta(milliseconds=2)


def test_a_recording_dated_before_a_later_one_on_the_same_item_is_refused(project: Project) -> None:
    """`mark --date` of a day before the item's last recording: folded in time order it would change nothing."""
    append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}], at=at(30))
    with pytest.raises(BuildError) as refused:
        append(project, check, None, "Arun", [{"item": TWILIO, "state": "open"}], at=at(20))
    assert refused.value.message == (
        "item 'twilio-sms-used' was recorded done by Arun at 2026-01-10T14:30:00+01:00, after this entry's 2026-01-10T14:20:00+01:00: "
        "folded in time order, the entry would change nothing"
    )
    assert "leave out --date" in refused.value.hint
    assert len(list((project.data / "realserv-launch.record").glob("*.yaml"))) == 1
    append(project, check, None, "Arun", [{"item": JWT, "state": "done"}], at=at(20))  # another item: dated as given
    cli = run_cli("-C", str(project.root), "mark", TWILIO, "--open", "--by", "Arun", "--date", "2026-01-09")
    assert cli.returncode == 1 and "would change nothing" in cli.stderr and "Traceback" not in cli.stderr


def test_an_entry_dated_far_in_the_future_is_warned_of_and_never_built_upon(project: Project) -> None:
    """One entry dated 2099 (a clock set years ahead, `mark --date 2099-01-01`) was the record's latest for good: every
    later `mark` and meeting recording was dated 2099-01-01 too ('on top of it'), the readiness page listed everything
    due as overdue ('due before 2099-01-01') and the packet was 'as of 2099-01-01', and nothing said so. Now --date
    refuses a day after today, `check` (and every command) warns of such an entry at its place, and a recording
    refuses to be dated after it, naming it; a few hours ahead still chains (the clock-behind test above)."""
    from generator.format.fold import now

    tomorrow = (now() + datetime.timedelta(days=1)).date().isoformat()
    said = run_cli("-C", str(project.root), "mark", TWILIO, "--done", "--by", "Arun", "--date", tomorrow)
    assert said.returncode == 2 and f"error: --date '{tomorrow}' is in the future (today is " in said.stderr, said.stderr
    assert not (project.data / "realserv-launch.record").exists()

    skewed = append(project, check, None, "Zed", [{"item": TWILIO, "state": "done"}], at=datetime.datetime(2099, 1, 1, 10, tzinfo=ZONE))
    where = f"data/realserv-launch.record/{skewed.name}"
    checked = run_cli("-C", str(project.root), "check")
    assert checked.returncode == 0
    assert f"{where}:4:5: warning: entry dated 2099-01-01T10:00:00+01:00, " in checked.stderr, checked.stderr
    assert "day(s) after this machine's clock" in checked.stderr and "correct the date in a commit" in checked.stderr
    with pytest.raises(BuildError) as refused:
        append(project, check, None, "Arun", [{"item": JWT, "state": "done"}])
    assert refused.value.message.startswith(f"nothing recorded: the record's latest entry, {where}, is dated 2099-01-01T10:00:00+01:00, ")
    assert "one of the two clocks is wrong" in refused.value.hint
    assert [p.name for p in (project.data / "realserv-launch.record").iterdir()] == [skewed.name]

    status = project.data / "realserv-launch.status.yaml"  # a status file's date, as a legacy project writes it
    status.write_text(f"checklist: realserv-launch\nitems:\n  {JWT}: {{state: done, by: Arun, date: 2099-02-03}}\n", encoding="utf-8")
    assert "data/realserv-launch.status.yaml:3:" in run_cli("-C", str(project.root), "check").stderr


def test_a_name_written_in_another_unicode_form_is_the_same_person(project: Project) -> None:
    """'José' typed on one machine (é, one character) and pasted on another (e + combining accent) is one person."""
    import unicodedata

    composed, decomposed = "José Müller", unicodedata.normalize("NFD", "José Müller")
    assert composed != decomposed
    append(project, check, None, composed, [{"item": JWT, "state": "done"}], at=at(1))
    append(project, check, None, decomposed, [{"item": JWT, "state": "done", "note": "all 7 services"}], at=at(2))  # no ReplaceRefused
    said = run_cli("-C", str(project.root), "mark", TWILIO, "--na", "--by", decomposed)
    assert said.returncode == 0, said.stderr
    folder = project.data / "realserv-launch.record"
    (folder / "20260110T130300Z-jose-0000abcd.yaml").write_text(  # an entry written by hand, or by an older version
        f"checklist: realserv-launch\nby: {decomposed}\nat: 2026-01-10T14:03:00+01:00\nchanges:\n  - {{assign: {RBAC}, to: {decomposed}}}\n",
        encoding="utf-8",
    )
    status = check(project).status("realserv-launch")
    assert status is not None
    assert {e.by for e in status.entries} == {composed}
    assert {status.item(JWT).by, status.item(TWILIO).by, status.item(RBAC).owner} == {composed}  # type: ignore[union-attr]
    # Pasted with a no-break space, typed with full-width letters or two spaces: the same person too (NFKC, spaces folded).
    for name, state in (("José\u00a0Müller", "open"), ("\uff2a\uff4f\uff53\uff45\u0301 Müller", "done"), ("José  Müller", "open")):
        said = run_cli("-C", str(project.root), "mark", JWT, f"--{state}", "--by", name)  # their own entry: no --replace
        assert said.returncode == 0 and said.stdout.endswith(f"{state} by {composed}\n"), said.stdout + said.stderr


def test_a_signoff_recorded_by_mistake_is_withdrawn_and_counts_as_not_signed_on_every_screen(project: Project) -> None:
    """Undo: a sign-off could not be undone. An item is reopened by recording it open, an approval by 'pending'; a sign-off
    had no state to record again, and a git revert of it was a warning for good (lost.py: 'record the state again').
    `signoff --withdraw` records it withdrawn (an entry, as every change): not signed off on every screen, someone
    else's only with --replace, one not signed off refused; signed off again, it counts again."""
    from generator.meeting import live_state

    group, root = "business-continuity", str(project.root)

    def signed() -> tuple[str, int, object]:
        line = next(ln for ln in run_cli("-C", root, "status").stdout.splitlines() if "All sections" in ln)
        data = check(project)
        status = data.status("realserv-launch")
        live = live_state(data.checklists[0], status, 1)["readiness"]["overall"]["signed"]  # the meeting's and the pages' numbers
        return line.split()[-1], live, status.signoff(group) if status else None

    assert run_cli("-C", root, "signoff", group, "--with-open", "--by", "Priya").returncode == 0
    assert signed()[:2] == ("1/34", 1) and signed()[2] is not None
    refused = run_cli("-C", root, "signoff", group, "--withdraw", "--by", "Arun")
    assert refused.returncode == 1 and "--replace" in refused.stderr  # someone else's
    entries = project.data.glob("realserv-launch.record/*.yaml")
    signed_at = next(ln for p in entries for ln in p.read_text(encoding="utf-8").splitlines() if ln.startswith("at: "))
    assert f"was recorded signed by Priya at {signed_at[4:]}\n" in refused.stderr  # its time as its file writes it ('.143', not '.143000')
    done = run_cli("-C", root, "signoff", group, "--withdraw", "--by", "PRIYA", "--note", "signed the wrong group")
    assert done.returncode == 0 and f"{group}: sign-off withdrawn by PRIYA" in done.stdout, done.stderr
    assert signed() == ("0/34", 0, None)  # status, the live and built readiness numbers, the record
    again = run_cli("-C", root, "signoff", group, "--withdraw", "--by", "Priya")
    assert again.returncode == 1 and "there is no sign-off to withdraw" in again.stderr
    assert run_cli("-C", root, "signoff", group, "--with-open", "--by", "Priya").returncode == 0
    assert signed()[:2] == ("1/34", 1)
    both = run_cli("-C", root, "signoff", group, "--withdraw", "--with-open", "--by", "Priya")
    assert both.returncode == 2 and "do not go together" in both.stderr
    # On two branches: Arun withdraws it (his --replace) while Meera, not pulled, signs it off again: merged, the record
    # keeps the later and says it was recorded without the other, as for an item's state.
    from generator.format.fold import unseen

    other = Project.at(Path(shutil.copytree(project.root, project.root.parent / "other")))
    assert run_cli("-C", root, "signoff", group, "--withdraw", "--by", "Arun", "--replace").returncode == 0
    assert run_cli("-C", str(other.root), "signoff", group, "--with-open", "--by", "Meera", "--replace").returncode == 0
    for path in (other.data / "realserv-launch.record").glob("*.yaml"):
        shutil.copy(path, project.data / "realserv-launch.record" / path.name)
    said = [i.message for i in unseen(check(project))]
    assert said == [f"group '{group}': Meera's sign-off was recorded without Arun's withdrawal ({said[0].split('(')[1].split(')')[0]}), "
                    "recorded at once on another branch or in a clone not pulled: the record keeps Meera's, the later by its clock's date"], said


def test_checks_last_line_counts_the_warnings_not_the_lines_said(tmp_path: Path) -> None:
    """`check`'s last line counted what the log said, not the warnings: a file's warnings past the 25 said are one line,
    '5 more problem(s) in this file, not shown', counted as one warning (29 said under 33)."""
    root = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (root / ".mailmap").write_text("".join(f"line {n} that maps no one\n" for n in range(1, 31)), encoding="utf-8")  # 30 lines git skips
    checked = run_cli("-C", str(root), "check")
    said = checked.stderr
    assert said.count(": warning: ") == 26 and ".mailmap: warning: 5 more problem(s) in this file, not shown" in said, said
    assert checked.stdout.endswith(", 30 warnings (above)\n"), checked.stdout


def test_one_person_under_two_spellings_or_emails_is_one_by_the_projects_mailmap(tmp_path: Path) -> None:
    """Priya records as 'Priya Sharma' in a terminal, as 'priya@realserv.example' in the meeting and as 'P. Sharma' on a
    laptop: to the record each was another person (her own change needed --replace and showed as 'changed from Priya
    Sharma's done'; Arun's work, assigned to his name and to his e-mail, was listed under two owners). The project's
    .mailmap, git's own file and format (as `git shortlog` reads it), says who is who; without one, or for a name it
    does not map, nothing changes: someone else's entry is still someone else's."""
    from generator.format.readiness import readiness
    from generator.format.types import same_person

    root = make_project(tmp_path / "p", data=FIXTURES / "mini")
    project = Project.at(root)
    append(project, check, None, "Priya Sharma", [{"item": "jwt-validation", "state": "done"}], at=at(1))
    with pytest.raises(ReplaceRefused):  # no map: another spelling is another person's name
        append(project, check, None, "P. Sharma", [{"item": "jwt-validation", "state": "open"}], at=at(2))
    # An e-mail address, wherever a name enters the record (who, an approver, an owner, an attendee; `mark --by` too),
    # is written as the name the map gives it, and refused where the map gives none: the pages would publish it.
    for by, change in [("priya@realserv.example", {"item": "jwt-validation", "state": "open"}), ("Meera", {"attendee": "Arun <arun@realserv.example>"}),
                       ("Meera", {"assign": "rota", "to": "arun@realserv.example"})]:
        with pytest.raises(BuildError, match="is an e-mail address, which the room and the site's pages would show") as refused:
            append(project, check, None, by, [change], at=at(2))
        assert ".mailmap" in (refused.value.hint or "")
    said = run_cli("-C", str(root), "mark", "rota", "--waived", "--reason", "later", "--approver", "meera@x.example", "--by", "Meera")
    assert said.returncode == 2 and "--approver 'meera@x.example' is an e-mail address" in said.stderr and "give the person's name" in said.stderr
    assert not any("@" in p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.record/*.yaml"))
    mailmap = "# who is who\nPriya Sharma <priya@realserv.example>\nPriya Sharma <priya@realserv.example> P. Sharma <>\n"
    (tmp_path / ".mailmap").write_text(mailmap + "Arun Kumar <arun@realserv.example>\nArun Kumar\nMeera\x1b[2J <meera@x.example>\n", encoding="utf-8")
    check(project)  # above the project, outside git: not its map
    assert not same_person("priya@realserv.example", "Priya Sharma")
    assert _git(tmp_path, "init", "-q").returncode == 0  # read where git reads it: the top of the work tree holding the project
    append(project, check, None, "priya@realserv.example", [{"item": "jwt-validation", "state": "open"}], at=at(2))  # hers: no --replace
    append(project, check, None, "P. SHARMA", [{"item": "jwt-validation", "state": "done"}], at=at(3))
    append(project, check, None, "Meera", [{"assign": "rota", "to": "arun@realserv.example"}, {"assign": "deploy-api", "to": "Arun Kumar"}], at=at(4))
    with pytest.raises(ReplaceRefused):  # a name the map does not name is another person still
        append(project, check, None, "Priya", [{"item": "jwt-validation", "state": "open"}], at=at(5))
    append(project, check, None, "Meera", [{"attendee": "Priya <PRIYA@realserv.example>", "role": "QA"}], at=at(5))
    said = run_cli("-C", str(root), "mark", "dashboards", "--done", "--by", "priya@realserv.example")  # the terminal, as the meeting
    assert said.returncode == 0 and "dashboards: done by Priya Sharma" in said.stdout, said.stderr
    assert not any("@" in p.read_text(encoding="utf-8") for p in (root / "data").rglob("*.record/*.yaml"))  # each written by its name
    assert [a.name for a in check(project).status("mini").attendees] == ["Priya Sharma"]  # type: ignore[union-attr]
    data = check(project)
    r = readiness(data.checklists[0], data.status("mini"))
    assert r.changed == () and data.status("mini").item("jwt-validation").replaced() is None  # type: ignore[union-attr]
    assert [(owner, len(mine)) for owner, mine in r.work] == [("Arun Kumar", 2)]
    hand = root / "data" / "mini.record" / "20260110T130900Z-priya-0000beef.yaml"  # written by hand (or by an earlier version)
    hand.write_text("checklist: mini\nby: priya@realserv.example\nat: 2026-01-10T14:09:00+01:00\nchanges:\n  - {attendee: Arun <arun@x.example>}\n")
    checked = run_cli("-C", str(root), "check")
    said = checked.stderr  # a line git would skip is said, at its place
    summary = re.fullmatch(r"ok: 1 checklist\(s\), \d+ items in sections, \d+ runbook\(s\), (\d+) warnings \(above\)\n", checked.stdout)
    assert summary and int(summary[1]) == said.count(": warning: ") >= 4, checked.stdout  # 'no problems' under four warnings
    assert f"{hand.name}:2:5: warning: by 'priya@realserv.example' is an e-mail address: the pages, the packet and the meeting show it" in said
    assert f"{hand.name}:5:16: warning: attendee 'Arun <arun@x.example>' is an e-mail address" in said
    hand.unlink()
    assert "../.mailmap:5:1: warning: this line of the mailmap maps no one" in said and "git help mailmap" in said
    assert "../.mailmap:6:1: warning: this line of the mailmap holds a control character" in said  # a name shown on pages and terminals
    (tmp_path / ".mailmap").unlink()
    assert check(project).status("mini").item("jwt-validation").replaced() is not None  # type: ignore[union-attr]  # the map read at each check


def test_the_mailmap_is_read_as_git_reads_it(tmp_path: Path) -> None:
    """Each name of the record is who `git check-mailmap` says the same author is, for one map of every kind of line
    git reads (a proper name for an e-mail; a proper e-mail; both, by e-mail alone and by name and e-mail, names and
    e-mails in any case; an author without an e-mail, '<>'; a comment after the line; leading spaces)."""
    from generator.format.mailmap import read

    text = (
        "# who is who\nPriya Sharma <priya@realserv.example>\nPriya Sharma <priya@realserv.example> P. Sharma <>\n"
        "<arun@realserv.example> <arun.k@old.example>\nArun Kumar <arun@realserv.example> Arun K <ARUN.K@old.example>\n"
        "Zoë O'Neil <zoe@x.example> zoe <zoe@OLD.example>   # since the move\n  Meera <meera@x.example>\n"
    )
    names = ["x <PRIYA@realserv.example>", "priya@realserv.example", "P. Sharma", "p. SHARMA", "Priya", "Arun <arun.k@old.example>",
             "arun.k@old.example", "arun k <arun.k@old.example>", "ZOE <zoe@old.example>", "zoe2 <zoe@old.example>", "m <meera@x.example>"]
    (tmp_path / ".mailmap").write_text(text, encoding="utf-8")
    assert _git(tmp_path, "init", "-q").returncode == 0
    contacts = [name if "<" in name else f"<{name}>" if "@" in name else f"{name} <>" for name in names]
    said = _git(tmp_path, "check-mailmap", *contacts).stdout.splitlines()
    people, issues = read(text, ".mailmap")
    assert issues == [] and len(said) == len(names)
    for name, contact, mapped in zip(names, contacts, said, strict=True):
        written, _, email = contact.partition(" <") if not contact.startswith("<") else ("", "", contact[1:])
        git_name, _, git_email = mapped.rpartition(" <") if not mapped.startswith("<") else ("", "", mapped[1:])
        git_email = git_email.removesuffix(">")
        expected = git_name if git_name != written else git_email if git_email.casefold() != email.removesuffix(">").casefold() else name
        assert people.proper(name) == expected, (name, mapped)


_MAP_LINES = ["Pat <p@x.example> <old@x.example>", "Ann <a@x.example>", "<p@x.example> <b@x.example>", "# Bob <b@x.example>",
              "Bob <b@x.example> Robert <r@x.example>", "", "  Cy <c@x.example>", "Dee <d@x.example> <a@x.example>"]
_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "  # note\u2028"]
_WHO = ["Pat <old@x.example>", "x <b@x.example>", "Robert <r@x.example>", "x <r@x.example>", "Cy <c@x.example>", "y <a@x.example>",
        "Ann <a@x.example>", "z <d@x.example>"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_MAP_LINES), st.sampled_from(_BREAKS)), min_size=1, max_size=6))
@example([("# Bob <b@x.example>", "\u2028"), ("Pat <p@x.example> <old@x.example>", "\n")]).via("red19's leftover 3: a comment's rest read as a line")
def test_the_mailmap_splits_lines_where_git_does(tmp_path_factory: pytest.TempPathFactory, lines: list[tuple[str, str]]) -> None:
    """str.splitlines ended a line of the .mailmap at a return, a form feed, U+0085, U+2028 and U+2029, where git ends
    one at a line feed only: '# old\u2028Pat <p@x> <old@x>' is a comment to git, and was a mapping here. Whatever breaks
    join the lines, each name is who `git check-mailmap` says, given the map without the lines that read() said it
    skipped (a line holding another break, which an editor may show as two)."""
    from generator.format.mailmap import read

    text = "".join(line + end for line, end in lines)
    people, issues = read(text, ".mailmap")
    skipped = {issue.loc.line for issue in issues}
    repo = tmp_path_factory.mktemp("mailmap")
    as_git = "\n".join(line for n, line in enumerate(text.split("\n"), 1) if n not in skipped)
    (repo / ".mailmap").write_bytes(as_git.encode("utf-8"))
    assert _git(repo, "init", "-q").returncode == 0
    said = _git(repo, "check-mailmap", *_WHO).stdout.splitlines()
    assert len(said) == len(_WHO)
    for contact, mapped in zip(_WHO, said, strict=True):
        written, _, email = contact.partition(" <")
        proper, mail = people._found(contact)  # the proper name and e-mail the map gives, '' where it gives none
        assert f"{proper or written} <{mail or email.removesuffix('>')}>" == mapped, (text, contact, mapped, issues)


SPELLINGS = {  # each person's ways of typing their name, and the .mailmap that says they are one
    "Priya Sharma": ("Priya Sharma", "priya@realserv.example", "P. Sharma", "p. SHARMA", "Priya S. <PRIYA@realserv.example>",
                     "\u0420. \u0405harma"),  # the map's 'P. Sharma' with a Cyrillic 'Р' and 'Ѕ' (another keyboard layout)
    "Arun Kumar": ("Arun Kumar", "arun@realserv.example", "Arun Kumar <arun.k@old.example>", "arun.k@old.example",
                   "\u0430run@realserv.example"),  # a Cyrillic 'а'
    "Meera": ("Meera",),  # whom the map does not name
}
MAILMAP = (
    "Priya Sharma <priya@realserv.example>\nPriya Sharma <priya@realserv.example> P. Sharma <>\n"
    "Arun Kumar <arun@realserv.example>\nArun Kumar <arun@realserv.example> <arun.k@old.example>\n"
)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["jwt-validation", "dashboards", "deploy-api", "rota"]), st.sampled_from(["done", "n/a", "open"]),
                          st.sampled_from(list(SPELLINGS)), st.sampled_from(list(SPELLINGS)), st.integers(0, 5)), min_size=1, max_size=10))
@example([(False, "jwt-validation", "done", "Priya Sharma", "Meera", 0), (False, "jwt-validation", "open", "Priya Sharma", "Meera", 5)])  # hers
@example([(True, "rota", "open", "Meera", "Arun Kumar", 3), (True, "dashboards", "open", "Meera", "Arun Kumar", 0)])  # his work: 'аrun@…' is Arun
def test_a_person_under_any_spelling_the_mailmap_names_is_that_person_to_the_record(ops: list[tuple[bool, str, str, str, str, int]]) -> None:
    """Whatever each person recorded and assigned, under whichever of their spellings the project's .mailmap names, the
    record says who did what as if each had typed their proper name every time: whose state each item is, which
    changes were over someone else's ("changed from"), whose open work is whose and who recorded how many."""
    from collections import Counter

    from generator.format.fold import entry_name, fold
    from generator.format.mailmap import Mailmap, read
    from generator.format.model import Change
    from generator.format.readiness import readiness
    from generator.format.types import identity, known, known_as
    from generator.format.validate import load_all
    from generator.progress.record import _parse, entry_text, slug

    from .conftest import data_files

    data, _ = load_all([(p, f"data/{p.name}") for p in data_files(FIXTURES / "mini")])
    c = data.checklists[0]

    def record(spelled: bool) -> tuple[object, ...]:
        entries = []
        for n, (assign, item, state, by, to, k) in enumerate(ops):
            name = SPELLINGS[by][k % len(SPELLINGS[by])] if spelled else by
            owner = SPELLINGS[to][(k + 1) % len(SPELLINGS[to])] if spelled else to
            change = Change(assign=item, to=owner) if assign else Change(item=item, state=State(state))  # type: ignore[arg-type]
            moment = at(n)
            entries.append(_parse(entry_text("mini", name, moment, [change]), f"data/mini.record/{entry_name(moment, slug(name))}", c))
        status = fold("mini", None, entries)
        r = readiness(c, status)
        items = sorted((s.id, s.state, identity(s.by), s.replaced() is None, identity(s.owner)) for s in status.items)
        work = [(owner, sorted(entry.id for *_, entry in mine)) for owner, mine in r.work]
        return items, sorted(entry.id for *_, entry in r.changed), work, Counter(known(e.by) for e in status.entries)

    people, said = read(MAILMAP, ".mailmap")
    assert said == []
    try:
        known_as(people)
        assert record(spelled=True) == record(spelled=False), ops
    finally:
        known_as(Mailmap())


def test_an_entry_written_by_a_newer_version_is_located_and_says_to_upgrade(project: Project) -> None:
    """A key this version does not know (say a later one's `evidence:`) stops the check at its place, and says why it may be there."""
    path = append(project, check, None, "Arun", [{"item": TWILIO, "state": "done"}], at=at(1))
    path.write_text(path.read_text(encoding="utf-8").replace("state: done}", "state: done, evidence: https://ci.example.com/1}"), encoding="utf-8")
    result = run_cli("-C", str(project.root), "status")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"data/realserv-launch.record/{path.name}:7:42: error: unknown key 'evidence' in change\n" in result.stderr
    assert "if a newer checklist-site wrote it, upgrade this one (checklist-site --version says which it is)" in result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("state: done, evidence: https://ci.example.com/1}", "state: verified}"), encoding="utf-8")
    result = run_cli("-C", str(project.root), "status")  # a state this version does not know says so too
    assert "but got 'verified'\n    hint: use one of: open, done, n/a, waived; if a newer checklist-site wrote it, upgrade this one" in result.stderr


def test_a_stale_runbook_that_blocks_counts_on_every_screen(tmp_path: Path) -> None:
    """With `stale_blocks_gate: true`, a critical alarm's runbook past its review date blocks the launch: `status`,
    `gate`, the readiness page and the meeting counted it, but the export's progress (checklist.json) and the filled
    packet did not (2 blockers where the others said 3, and 'go': true with a launch `gate` refused). One function
    gives the verdict now (oncall.launch_readiness)."""
    from generator.exchange.export import as_json
    from generator.meeting import Room
    from generator.project import Project as Proj
    from generator.site.paper import render_paper

    root = make_project(tmp_path / "p", data=FIXTURES / "mini")
    runbooks = root / "data" / "runbooks.yaml"
    text = runbooks.read_text(encoding="utf-8").replace("checklist: mini\n", "checklist: mini\nstale_blocks_gate: true\n")
    stale = "    severity: critical\n    last_reviewed: 2020-01-01\n    review_every: 3 months\n"  # a critical alarm's, reviewed long ago
    runbooks.write_text(text.replace("    severity: high\n", stale), encoding="utf-8")
    marked = run_cli("-C", str(root), "mark", "jwt-validation", "--done", "--by", "Priya")
    assert marked.returncode == 0 and marked.stderr.count("is past its review date") == 1  # said once, not at each of its checks
    said = re.search(r"NO-GO, (\d+) blocker", run_cli("-C", str(root), "status").stdout)
    assert said is not None and run_cli("-C", str(root), "gate").returncode == 1
    n = int(said.group(1))
    data = check(Proj.at(root))
    progress = json.loads(as_json(data, "https://x.test/"))["checklists"][0]["progress"]  # checklist.json's
    assert (progress["blockers"], progress["go"]) == (n, False)
    packet = "".join(html for key, html in render_paper(data).items() if "filled" in str(key))  # the filled packet's blocks
    assert packet.count(f"NO-GO, {n} blockers") == 2 and f"Blockers at the time of printing ({n})" in packet
    room = Room(Proj.at(root), check, append, root / "site")
    room.reload()
    assert json.loads(room.states["mini"])["readiness"]["blockers"] == n


# ---- every screen, any record: a property ---------------------------------------------------------

MINI_ITEMS = ["jwt-validation", "dashboards", "dash-latency", "dash-errors", "deploy-order", "deploy-api", "deploy-web", "db-main", "rota"]
MINI_ITEMS += ["error-rate", "review"]  # the metrics and the after-launch part
PEOPLE = st.sampled_from(["Priya", "Arun", "Zoë"])
FLIPS = {  # edits of the checklist that keep every entry of the record valid, each undone by doing it again
    "critical": ("          - id: dashboards\n", "          - id: dashboards\n            critical: true\n"),
    "later": ("    priority: critical\n    former_ids: [sec]", "    priority: post-launch\n    former_ids: [sec]"),
    "role": ("      - {id: tech-lead, title: Tech Lead}\n", "      - {id: tech-lead, title: Tech Lead}\n      - {id: cto, title: CTO}\n"),
}
OPS = st.one_of(
    st.tuples(st.just("mark"), st.sampled_from(MINI_ITEMS), st.sampled_from(["done", "n/a", "open", "waived"]), PEOPLE),
    st.tuples(st.just("signoff"), st.booleans(), PEOPLE),
    st.tuples(st.just("withdraw"), PEOPLE),  # a sign-off withdrawn (undone): someone's, or refused where there is none
    st.tuples(st.just("approve"), st.sampled_from(["go", "no-go", "pending"]), PEOPLE),
    st.tuples(st.just("decide"), st.sampled_from(["go", "no-go"]), PEOPLE),
    st.tuples(st.just("start"), st.sampled_from(["v1", "v2", "v3"])),
    st.tuples(st.just("close"),),
    st.tuples(st.just("reopen"),),  # the run closed last re-opened (closed by mistake): open again, counted as it is
    st.tuples(st.just("grow"), st.sampled_from(["grown-a", "grown-b"])),  # the checklist gains an item (an edit between or within runs)
    st.tuples(st.just("flip"), st.sampled_from(list(FLIPS))),  # an item made critical or not, a section moved after launch or back
    st.tuples(st.just("move"),),  # an item moved to another section (a new one in its place), or back
)
ROTA = "          - {id: rota, text: \"<script>alert('x')</script> rota published\"}\n"
JWT_LINE = "former_ids: [jwt-check]}\n"  # the end of the first item of the first section's group
_SIGNED = re.compile(r"All sections +\d+/\d+ \(\d+%\) +(\d+)/(\d+) +(\d+)/(\d+)")
_STATUS = re.compile(r"Resolved (\d+) of (\d+) \((\d+)%\): done (\d+), waived (\d+), n/a (\d+); open (\d+), critical open (\d+)")


def _mini_project(root: Path) -> Project:
    (root / "data").mkdir(parents=True)
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text("site_name: Mini\n", encoding="utf-8")
    for name in ("mini.yaml", "runbooks.yaml"):
        shutil.copy(FIXTURES / "mini" / name, root / "data" / name)
    return Project.at(root)


def _apply(project: Project, op: tuple[object, ...]) -> None:
    from generator.errors import SiteError
    from generator.progress import runs

    kind = op[0]
    try:
        if kind == "mark":
            _, item, state, by = op
            extra = {"reason": "later", "approver": "Meera"} if state == "waived" else {}
            append(project, check, None, str(by), [{"item": item, "state": state, **extra}], replace=True)
        elif kind == "signoff":
            append(project, check, None, str(op[2]), [{"signoff": "auth", "with_open": op[1]}], replace=True)
        elif kind == "withdraw":
            append(project, check, None, str(op[1]), [{"signoff": "auth", "withdrawn": True}], replace=True)
        elif kind == "approve":
            append(project, check, None, str(op[2]), [{"approval": "tech-lead", "decision": op[1]}], replace=True)
        elif kind == "decide":
            append(project, check, None, str(op[2]), [{"decision": op[1]}], replace=True)
        elif kind == "start":
            runs.start(project, check, str(op[1]), checklist=None, by="Meera")
        elif kind == "close":
            current = check(project).status("mini")
            runs.close(project, check, current.run or "default" if current else "default", checklist=None, by="Meera")
        elif kind == "reopen":
            data = check(project)
            shut = [s for s in (data.runs_of("mini") or [s for s in (data.status("mini"),) if s is not None]) if s.closed is not None]
            last = max(shut, key=lambda s: s.closed, default=None)  # type: ignore[arg-type,return-value]
            runs.reopen(project, check, run_name(last.run) if last else "default", checklist=None, by="Arun", reason="closed by mistake")
        elif kind == "flip":
            mini = project.data / "mini.yaml"
            one, other = FLIPS[str(op[1])]
            text = mini.read_text(encoding="utf-8")
            mini.write_text(text.replace(other, one) if other in text else text.replace(one, other), encoding="utf-8")
        elif kind == "move":
            mini, pager = project.data / "mini.yaml", "          - {id: pager, text: Pager set up}\n"
            text = mini.read_text(encoding="utf-8")
            back = text.replace(JWT_LINE + ROTA, JWT_LINE).replace(pager, ROTA)
            mini.write_text(back if JWT_LINE + ROTA in text else text.replace(ROTA, pager).replace(JWT_LINE, JWT_LINE + ROTA), encoding="utf-8")
        else:
            mini, line = project.data / "mini.yaml", ROTA
            text = mini.read_text(encoding="utf-8")
            if f"id: {op[1]}," not in text:
                mini.write_text(text.replace(line, line + f"          - {{id: {op[1]}, text: Added later}}\n"), encoding="utf-8")
    except SiteError:
        pass  # refused (a closed run, a group with open items, a run that exists): the record is as it was


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(OPS, min_size=1, max_size=8))
@example([("start", "v1"), ("mark", "rota", "done", "Arun"), ("close",), ("grow", "grown-a")])  # a closed current run: 1/9 or 1/10
@example([("mark", "error-rate", "n/a", "Arun"), ("start", "v1")])  # a metric marked n/a: no item the history's n/a column counts
@example([("start", "v1"), ("close",), ("flip", "later"), ("flip", "critical"), ("flip", "role")])  # a closed run's critical open: 1, not 2
@example([("start", "v1"), ("mark", "rota", "done", "Arun"), ("close",), ("move",)])  # rota moved out of its section: 1/1 there, as at close
@example([("start", "v1"), ("move",), ("close",), ("move",)])  # moved back: the item that took its place, removed since, is back in its section
@example([("start", "v1"), ("mark", "rota", "done", "Arun"), ("close",), ("start", "v2")])  # nothing in the default run: not a run
@example([("start", "v1"), ("mark", "rota", "done", "Arun"), ("close",), ("grow", "grown-a"), ("reopen",), ("mark", "db-main", "done", "Zoë"), ("close",)])
@example([("start", "v1"), ("close",), ("start", "v2"), ("reopen",)])  # v2 is current; v1 re-opened is open too
def test_any_record_gives_the_same_numbers_and_verdict_on_every_screen(ops: list[tuple[object, ...]]) -> None:
    """Whatever was recorded (states, sign-offs, approvals, decisions, runs started, closed and re-opened, items added meanwhile,
    items made critical or not, sections moved after launch, items moved to another section, approver roles added), the
    record's snapshot, `status`, `gate`, the JSON export and the meeting's live state agree on every count and the
    verdict; and a closed run's, on every screen, are those it was closed with (by section and after launch too: the
    meeting's live numbers), however the checklist was edited after."""
    import json
    import tempfile

    from generator.meeting import live_state

    with tempfile.TemporaryDirectory() as folder:
        project = _mini_project(Path(folder) / "p")
        closed: dict[str, tuple[object, object]] = {}  # each run's numbers and verdict as it was closed
        for op in ops:
            _apply(project, op)
            data = check(project) if op[0] in ("close", "reopen") else None  # only a close closes a run, a re-opening opens it
            for run in (data.runs_of("mini") or [s for s in (data.status("mini"),) if s is not None]) if data else ():
                if run.closed is None:  # re-opened: counted as it is, until closed again
                    closed.pop(run.run or "default", None)
                elif (run.run or "default") not in closed:
                    at_close = snapshot(project, check, run=run.run or "default")
                    closed[run.run or "default"] = (at_close["counts"], at_close["go"], live_state(data.checklists[0], run, 1)["readiness"])
        for name, was in closed.items():
            now = snapshot(project, check, run=name)
            data = check(project)
            run = data.status("mini", "" if name == "default" else name)
            assert (now["counts"], now["go"], live_state(data.checklists[0], run, 1)["readiness"]) == was, (name, ops)  # by section too
        root = str(project.root)
        snap = snapshot(project, check)
        counts = snap["counts"]
        shown = run_cli("-C", root, "status").stdout
        found = _STATUS.search(shown)
        assert found, shown
        keys = ("resolved", "total", "percent", "done", "waived", "n/a", "open", "critical_open")
        assert dict(zip(keys, map(int, found.groups()), strict=True)) == counts, shown
        verdict = shown.splitlines()[0]
        assert verdict.endswith(": GO") if snap["go"] else f"NO-GO, {len(snap['blockers'])} blocker(s)" in verdict, verdict
        assert (run_cli("-C", root, "gate").returncode == 0) == snap["go"]
        whole = json.loads(run_cli("-C", root, "export", "--format", "json").stdout)["checklists"][0]
        exported = whole.get("progress")
        data = check(project)
        live = live_state(data.checklists[0], data.status("mini"), 1)["readiness"]
        signed = _SIGNED.search(shown)  # `status`'s All sections line: critical done and sign-offs, as the meeting's line and the pages
        assert signed and tuple(map(int, signed.groups())) == tuple(live["overall"][k] for k in ("critical_done", "critical", "signed", "signoffs")), shown
        if exported is not None:
            assert {k: exported[k] for k in counts} == counts and exported["go"] == snap["go"] and exported["blockers"] == len(snap["blockers"])
            assert (exported["signed"], exported["signoffs"]) == (live["overall"]["signed"], live["overall"]["signoffs"]), exported  # the export had none
        for row in whole.get("runs", ()):  # each run's, as its meeting (meeting --run) and its readiness page count it
            overall = live_state(data.checklists[0], data.status("mini", "" if row["name"] == "default" else row["name"]), 1)["readiness"]["overall"]
            assert (row["progress"]["signed"], row["progress"]["signoffs"]) == (overall["signed"], overall["signoffs"]), (row, ops)
        assert live["counts"] == counts and live["go"] == snap["go"] and live["blockers"] == len(snap["blockers"])
        assert (live["overall"]["resolved"], live["overall"]["total"]) == (counts["resolved"], counts["total"])
        for run in data.runs_of("mini"):  # `meeting --run NAME` of each run open: the room's numbers are that run's, named
            if run.closed is None:
                _room_of_run_agrees(project, run)
        _pages_agree(project, data, snap)


def _room_of_run_agrees(project: Project, run: Status) -> None:
    """The meeting of ``run`` (`meeting --run NAME`, whichever run is current): its live state gives the numbers and the
    verdict `snapshot(run=NAME)` gives (as `status --run NAME`), and names the run and whether it was re-opened."""

    from generator.meeting import Room

    name = run_name(run.run)
    room = Room(project, check, append, project.root / "site", chosen=run.run)
    room.reload()
    state, snap = json.loads(room.states["mini"]), snapshot(project, check, run=name)
    assert state["run"]["name"] == name and bool(state["run"]["reopened"]) == bool(run.reopened), state["run"]
    assert {k: state["readiness"]["counts"][k] for k in snap["counts"]} == snap["counts"] and state["readiness"]["go"] == snap["go"], name
    assert state["readiness"]["blockers"] == len(snap["blockers"]), name


_OVERALL = re.compile(r'data-live="overall".*?data-n="resolved">(\d+)<.*?data-n="total">(\d+)<.*?data-n="percent">(\d+)<')


def _pages_agree(project: Project, data: object, snap: dict[str, object]) -> None:
    """The built pages (rendered in-process: what the engine publishes) say what the record's snapshot says: the readiness
    page's overall numbers and verdict; and for every run, its row in the launch history (resolved, waived, n/a), its line
    in `run list` and its own readiness page, each as ``snapshot(run=...)`` counts it."""
    import html

    from generator.progress import runs
    from generator.site.paper import render_paper
    from generator.site.render import render

    site, paper = render(data), render_paper(data)  # type: ignore[arg-type]
    page = site.pages["checklists/mini/readiness.md"]
    counts = snap["counts"]
    assert isinstance(counts, dict)
    found = _OVERALL.search(page)
    assert found and tuple(map(int, found.groups())) == (counts["resolved"], counts["total"], counts["percent"])
    blockers = re.search(r'<span data-n="blockers">(\d+)</span>', page)
    assert ("cl-verdict--go" in page) == bool(snap["go"]) and (snap["go"] or (blockers and int(blockers[1]) == len(snap["blockers"])))  # type: ignore[arg-type]
    if "checklists/mini/runs/index.md" not in site.pages:
        return
    table, listing = site.pages["checklists/mini/runs/index.md"], runs.listing(project, check, None)
    # The checklist's own readiness page is the current run's: it names the run and its state as the run's own page does
    # (a closed or re-opened current run was said nowhere on it)
    line = re.compile(r"^\*\*Run [a-z0-9.-]+\*\* · .*(?= · \[all runs\])", re.MULTILINE)
    own_line, run_line = line.search(page), line.search(site.pages.get(f"checklists/mini/runs/{snap['run']}/readiness.md", ""))
    assert own_line and run_line and own_line[0] == run_line[0], (own_line, run_line)
    # Every run listed was started or recorded in: a first launch recorded in run v1 listed an empty default run beside
    # it, "open", 0 resolved, with its own pages and row (team7's leftover).
    listed = [run_name(s.run) for s in data.runs_of("mini")]  # type: ignore[attr-defined]
    assert all(s.run or s.entries for s in data.runs_of("mini")), listed  # type: ignore[attr-defined]
    assert re.findall(r"^\| \[\*\*([a-z0-9.-]+)\*\*\]", table, re.MULTILINE) == listed and len(listing) == len(listed) + 1, (listed, listing)
    for name in re.findall(r"^\| \[\*\*([a-z0-9.-]+)\*\*\]", table, re.MULTILINE):
        run = snapshot(project, check, run=name)["counts"]
        cells = [c.strip() for c in re.search(rf"^\| \[\*\*{re.escape(name)}\*\*\].*", table, re.MULTILINE)[0].split("|")]  # type: ignore[index]
        assert cells[6:9] == [f"{run['resolved']} / {run['total']} ({run['percent']}%)", str(run["waived"]), str(run["n/a"])], (name, cells)
        assert any(re.match(rf" [ *]{re.escape(name)} .* {run['resolved']}/{run['total']} resolved", line) for line in listing), listing
        own = site.pages.get(f"checklists/mini/runs/{name}/readiness.md")
        found = _OVERALL.search(own or "")
        assert own is None or (found and tuple(map(int, found.groups())) == (run["resolved"], run["total"], run["percent"]))
        # The run's state in the same words on its page and its filled packet: open, closed, re-opened by whom, when, why
        said = re.search(rf"^\*\*Run {re.escape(name)}\*\*(?: · started [^·]+)? · (.+?) · (?:data/ at|\[all runs\])", own or "", re.MULTILINE)
        assert own is None or said, own
        cover = paper.get(f"checklists/mini:runs/{name}/filled-cover")
        assert cover is None or said is None or f" · run {name}: {said[1]} · " in html.unescape(re.sub("<[^>]+>", "", cover)), (name, said)


def test_checking_a_long_record_asks_the_disk_nothing_per_entry_but_its_bytes(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 entries a check (each recording in the meeting makes two) spent 1 s resolving every entry's path for
    its name in messages and 0.4 s sorting Paths: a meeting's recording took 2.5 s, over the two seconds the room is promised."""
    from generator.format.fold import entry_name
    from generator.format.model import Change
    from generator.progress.record import entry_text, slug

    folder = project.data / "realserv-launch.record"
    folder.mkdir()
    for n in range(300):
        moment = at(0) + datetime.timedelta(seconds=n)
        change = Change(item=JWT if n % 2 else TWILIO, state=State.DONE if n % 3 else State.OPEN)
        (folder / entry_name(moment, slug("Priya"))).write_text(entry_text("realserv-launch", "Priya", moment, [change]), encoding="utf-8")
    resolved = []
    original, relative = Path.resolve, Path.relative_to
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: resolved.append(self) or original(self, strict))
    monkeypatch.setattr(Path, "relative_to", lambda self, *other: resolved.append(self) or relative(self, *other))  # a name made as a Path: 0.5 s
    from generator.format import fold

    asked: list[str] = []  # what a change may name, per checklist: it was made again for every change (10,000 entries: 0.4 s a check)
    for name in ("signed_groups", "approver_roles", "known_items"):
        made = getattr(fold, name)
        monkeypatch.setattr(fold, name, lambda c, made=made, name=name: asked.append(name) or made(c))
    status = check(project).status("realserv-launch")
    assert status is not None and len(status.entries) == 300
    assert len(resolved) < 10, resolved[:5]
    assert len(asked) < 20, asked[:5]


def test_a_date_given_in_another_season_has_that_days_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    """--date took the time of day now with now's offset: in Berlin in winter, '--date 2026-07-01' was written
    '2026-07-01T…+01:00', an hour off the clock of that summer day (+02:00)."""
    import time

    from generator.progress.record import when

    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        summer, winter = when("2026-07-01"), when("2026-01-01")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert summer is not None and summer.utcoffset() == datetime.timedelta(hours=2)
    assert winter is not None and winter.utcoffset() == datetime.timedelta(hours=1)


ZONES = sorted(z for z in __import__("zoneinfo").available_timezones() if "/" in z and not z.startswith(("posix/", "right/")))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ZONES), st.datetimes(min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2037, 12, 31)), st.integers(0, 400))
@example("America/Santiago", datetime.datetime(2026, 9, 10, 3, 30), 4)  # 00:30 there on a day after its midnight jump: '--date 2026-09-06'
@example("America/Havana", datetime.datetime(2026, 3, 12, 5, 0), 4)  # Cuba's clocks go forward at midnight too
@example("Europe/Berlin", datetime.datetime(2026, 1, 15, 12, 0), 0)  # today
def test_a_date_given_is_that_day_where_it_is_recorded_in_any_zone_and_season(zone: str, utc: datetime.datetime, back: int) -> None:
    """--date YYYY-MM-DD records that day in the recorder's zone, whatever the zone and the season, at any time of day:
    the entry's date (its 'at', as written, in its own zone) is what the item's date, 'overdue', the history's 'late'
    and the packet's 'as of' go by. On a day whose clocks go forward at midnight (Santiago, Havana), a recording made
    between 00:00 and 01:00 with '--date' that day was written on the day before."""
    import os
    import time
    import zoneinfo

    from generator.format import fold
    from generator.format.readiness import latest_date
    from generator.progress import record

    moment = utc.replace(tzinfo=datetime.UTC).astimezone(zoneinfo.ZoneInfo(zone))
    day = moment.date() - datetime.timedelta(days=back)
    before, os.environ["TZ"] = os.environ.get("TZ"), zone
    time.tzset()
    try:
        with pytest.MonkeyPatch.context() as m:
            m.setattr(record, "now", lambda: moment)
            written = record.when(day.isoformat())
    finally:
        os.environ.pop("TZ") if before is None else os.environ.__setitem__("TZ", before)
        time.tzset()
    assert written is not None and written.date() == day, (written, day)
    assert written.utcoffset() == written.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()  # that instant's own offset there
    text = fold.written(written)  # as the entry writes it, read back: the same day, whatever zone reads it
    assert datetime.datetime.fromisoformat(text).date() == day
    assert latest_date(fold.fold("c", None, [Entry(checklist="c", by="A", at=datetime.datetime.fromisoformat(text), source="c.record/a.yaml")])) == day


def test_a_recording_command_loads_each_file_of_the_record_once(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mark` checks data/ three times (to find the item, under the lock, after writing): each check loaded every entry
    again, 7.7 s at 10,000 entries. One cache for the command: each file is read each time, loaded once."""
    from collections import Counter

    from generator.format import validate

    first = append(project, check, None, "Priya", [{"item": JWT, "state": "done"}], at=at(1))
    loaded: Counter[str] = Counter()
    original = validate.load_data_file
    monkeypatch.setattr(validate, "load_data_file", lambda path, display: loaded.update([path.name]) or original(path, display))
    for command in (["mark", TWILIO, "--na", "--by", "Arun"], ["signoff", "secrets-management", "--with-open", "--by", "Arun"], ["run", "list"]):
        ran = run_cli("-C", str(project.root), *command)
        assert ran.returncode == 0, ran.stderr
        assert loaded[first.name] == 1 and loaded["realserv-launch.yaml"] == 1, (command, loaded)
        loaded.clear()


def test_an_item_changed_hundreds_of_times_builds(project: Project) -> None:
    """Each state keeps the one it replaced: the dataclass's repr nested them, and the build's page digests (which write
    every state so) went past Python's recursion limit at a few hundred changes of one item: an internal error."""
    from generator.format.fold import entry_name
    from generator.format.model import Change
    from generator.progress.record import entry_text, slug
    from generator.site.memo import Digests

    folder = project.data / "realserv-launch.record"
    folder.mkdir()
    for n in range(600):
        moment, who = at(0) + datetime.timedelta(seconds=n), ("Priya", "Arun")[n % 2]
        change = Change(item=TWILIO, state=(State.DONE, State.OPEN)[n % 2])
        (folder / entry_name(moment, slug(who))).write_text(entry_text("realserv-launch", who, moment, [change]), encoding="utf-8")
    status = check(project).status("realserv-launch")
    assert status is not None and len(list(status.item(TWILIO).history())) == 599  # type: ignore[union-attr]
    assert len(Digests()((status,))) == 32  # what a build digests each page's record by
    written = repr(status.item(TWILIO))
    assert written.count(" <- ") == 599 and written.startswith("ItemState(id='twilio-sms-used', state=<State.OPEN: 'open'>, by='Arun'")


# ---- two branches, each on its own clock, merged: a property ------------------------------------------

BRANCH_OPS = OPS.filter(lambda op: op[0] not in ("grow", "flip"))  # an edit of the checklist on two branches is a merge of its YAML, not of the record
CLOCKS = st.sampled_from([-180, 0, 45])  # minutes a teammate's laptop clock is off


def _on_branch(project: Project, ops: list[tuple[object, ...]], minutes: int) -> None:
    """``ops`` recorded in ``project`` on a clock ``minutes`` off; after each run started, the record commands record into it."""
    import generator.progress.record as record

    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(record, "now", lambda: datetime.datetime.now().astimezone() + datetime.timedelta(minutes=minutes))
        for op in ops:
            folder = project.data / "mini.record" / str(op[-1])
            new = op[0] == "start" and not folder.exists()
            _apply(project, op)
            if new and folder.exists():  # started ('run start' says "record commands now record into it")
                current = check(project).status("mini")
                assert current is not None and current.run == op[1], f"run {op[1]} started on a clock {minutes} min off: the current run is {current.run}"


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(BRANCH_OPS, max_size=2), st.lists(BRANCH_OPS, min_size=1, max_size=3), st.lists(BRANCH_OPS, min_size=1, max_size=3), CLOCKS, CLOCKS)
@example([("start", "v1")], [("close",)], [("close",)], 0, 0)  # both closed the run: the merge refused every command
@example([("start", "v1")], [("mark", "rota", "done", "Arun"), ("close",)], [("mark", "db-main", "done", "Zoë"), ("close",)], 0, 0)  # each closed with own
@example([("start", "v1")], [("mark", "rota", "done", "Arun")], [("start", "v2"), ("mark", "rota", "n/a", "Zoë")], 0, -180)  # a start on a clock behind
@example([("start", "v1")], [("close",)], [("mark", "rota", "done", "Zoë")], 0, 45)  # recorded in a run the other branch closed: said where it goes
@example([("start", "v1")], [("mark", "rota", "done", "Arun")], [("mark", "rota", "n/a", "Zoë")], 45, 0)  # one item on both: warned until recorded again
@example([("start", "v1")], [("mark", "rota", "done", "Arun"), ("close",)], [("mark", "db-main", "done", "Zoë")], 0, -180)  # before a close without it
@example([], [("approve", "no-go", "Arun")], [("mark", "jwt-validation", "done", "Priya"), ("approve", "go", "Priya")], -180, -180)  # CI
def test_two_branches_recorded_on_their_own_clocks_merge_into_one_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base: list[tuple[object, ...]], mine: list[tuple[object, ...]],
    theirs: list[tuple[object, ...]], my_clock: int, their_clock: int,
) -> None:
    """Two people record on two branches of one base, each on a laptop whose clock is off: merged (a union of entry
    files, which is all a git merge, rebase or cherry-pick of them does), the record checks, keeps every entry of both,
    and every screen agrees. The one exception is an entry recorded in a run the other branch closed before it: an error
    at that file saying where it can go, and without it the record checks."""
    from generator.format.validate import FileCache

    cache = FileCache()  # each file loaded once, as a command does: the property runs a hundred checks
    monkeypatch.setattr(sys.modules[__name__], "check", lambda project, path=None: real_check(project, path, cache))
    gc.disable()  # a check collects after itself (project.collector_paused): 20 ms each in the test process, most of the time
    try:
        _two_branches(tmp_path, base, mine, theirs, my_clock, their_clock)
    finally:
        gc.enable()


def _after_their_close(entries: list[Entry], made: list[set[str]]) -> set[str]:
    """The entries, other than a run's start or close, recorded in a run after its first close (by the other branch):
    dated after it, or recorded on the branch that did not close it (its close did not have them, whatever their clock's
    date; but an entry that names no other, as the default run's first does, is judged by its date)."""
    from generator.format.fold import ordered

    late = set()
    for run in {e.run for e in entries}:
        in_run = [e for e in ordered(entries) if e.run == run]
        close = next((n for n, e in enumerate(in_run) if any(c.run is RunEvent.CLOSE for c in e.changes)), len(in_run))
        late |= {e.source for e in in_run[close + 1 :] if any(c.kind != "run" for c in e.changes)}
        closer = in_run[close].source.rpartition("/")[2] if close < len(in_run) else ""
        other = next((b for a, b in (made, made[::-1]) if closer in a), set())  # the branch that did not close it ({}: the base did)
        found = {e.source for e in in_run if e.source.rpartition("/")[2] in other and (e.after or e.also_after) and any(c.kind != "run" for c in e.changes)}
        late |= found
        again = [e for e in in_run[close + 1 :] if e.source.rpartition("/")[2] in other and any(c.run is RunEvent.CLOSE for c in e.changes)]
        if again:  # the other branch closed the run too: what it recorded before its close, naming what it had, is in the run
            name = again[0].source.rpartition("/")[2]
            late -= {e.source for e in in_run if e.source.rpartition("/")[2] in other and (e.after or e.also_after)
                     and (e.at, e.source.rpartition("/")[2]) <= (again[0].at, name)}
    return late


def _two_branches(
    tmp_path: Path, base: list[tuple[object, ...]], mine: list[tuple[object, ...]], theirs: list[tuple[object, ...]], my_clock: int, their_clock: int
) -> None:
    from generator.exchange.export import as_json
    from generator.format.fold import dropped
    from generator.format.validate import load_data_file
    from generator.progress import runs

    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    project = _mini_project(folder / "base")
    for op in base:
        _apply(project, op)
    branches, made = [], []
    before = {p.name for p in project.data.glob("mini.record/**/*.yaml")}
    for name, ops, minutes in (("mine", mine, my_clock), ("theirs", theirs, their_clock)):
        shutil.copytree(project.root, folder / name)
        branches.append(Project.at(folder / name))
        _on_branch(branches[-1], ops, minutes)
        made.append({p.name for p in branches[-1].data.glob("mini.record/**/*.yaml")} - before)
    merged, theirs_record = branches[0], branches[1].data / "mini.record"
    for path in sorted(theirs_record.rglob("*.yaml")) if theirs_record.is_dir() else ():
        target = merged.data / "mini.record" / path.relative_to(theirs_record)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy(path, target)
    written = {p.relative_to(merged.data).as_posix() for p in merged.data.glob("mini.record/**/*.yaml")}
    late = _after_their_close([e for e in (load_data_file(merged.data / path, path)[0] for path in sorted(written)) if isinstance(e, Entry)], made)
    try:
        check(merged)
        assert not late, f"entries recorded after their run was closed were not refused: {late}"
    except CheckFailed as failed:
        errors = [i for i in failed.issues if i.severity.value == "error"]
        assert {i.loc.file.removeprefix("data/") for i in errors} == late and all("was closed" in i.message for i in errors), failed.format()
        for path in late:  # the hint's 'else git rm'
            (merged.data / path).unlink()
            written.discard(path)
    data = check(merged)
    kept = {e.source.removeprefix("data/") for s in (*data.statuses, *data.runs) for e in s.entries}
    assert kept == written  # both people's entries, in one record
    assert not list(dropped(data))  # nor did either lose one the other had (an entry removed as `check` said: none after it)
    snap = snapshot(merged, check)
    exported = json.loads(as_json(data, "https://x.test/"))["checklists"][0]
    assert exported.get("progress", {}).get("resolved", snap["counts"]["resolved"]) == snap["counts"]["resolved"]
    listing = runs.listing(merged, check, None)
    current = next(line for line in listing if line.startswith(" *")) if data.runs_of("mini") else None
    assert current is None or f" {snap['counts']['resolved']}/{snap['counts']['total']} resolved" in current, (listing, snap["counts"])
    _unseen_across_branches(merged, data, made)


def _unseen_across_branches(merged: Project, data: Data, made: list[set[str]]) -> None:
    """A recording made without another (``fold.unseen``) is one branch's without the other's, never one of a branch (or
    the base) without its own; recorded again on the merged record by someone who has both, none is left."""
    from generator.errors import SiteError
    from generator.format.fold import unseen

    again = []
    for issue in unseen(data):
        latest, other = issue.loc.file.rpartition("/")[2], re.findall(r"\((\w+-[a-z0-9-]+\.yaml)\)", issue.message)[0]
        assert any(latest in mine and other in theirs for mine, theirs in (made, made[::-1])), (issue.message, made)
        item = re.match(r"item '([a-z0-9-]+)'", issue.message)
        group = issue.message.startswith("group ")
        again.append({"item": item[1], "state": "done"} if item else {"approval": "tech-lead"} if "approval" in issue.message
                     else {"signoff": "auth", "with_open": True} if group else {"decision": "go"})
    changes = list({json.dumps(c, sort_keys=True): c for c in again}.values())
    try:
        append(merged, check, None, "Meera", changes or [{"item": "rota", "state": "done"}], replace=True)
    except SiteError:
        return  # refused (a closed run, a group's open items): nothing recorded
    current = check(merged).status("mini")
    folder = "data/mini.record" + (f"/{current.run}" if current is not None and current.run else "")
    assert not [i for i in unseen(check(merged)) if i.loc.file.rpartition("/")[0] == folder], "recorded again by someone who has both"


# ---- three clones merged in any order: a property ------------------------------------------------------------

CLONE_ENTRIES = st.lists(
    st.tuples(PEOPLE, st.integers(0, 2), st.sampled_from([JWT, TWILIO]), st.sampled_from(["done", "open", "n/a"]), st.sampled_from(["0a", "1b", "2c"])),
    min_size=1,
    max_size=9,
    unique_by=lambda e: (e[0], e[1], e[4]),
)


@settings(max_examples=60, deadline=None)
@given(CLONE_ENTRIES, st.randoms(use_true_random=False))
def test_entries_merged_in_any_order_fold_into_one_record(recorded: list[tuple[str, int, str, str, str]], shuffle: random.Random) -> None:
    """Three people mark the same items in three clones (within the same minutes: entries of one instant on two clones),
    merged in any order (pairwise, an octopus, a rebase: the union of their files, read in whatever order the files are
    listed): the record folds the same, the same entry last on each item, whatever the order."""
    from generator.format.fold import fold
    from generator.format.model import Change, Entry
    from generator.format.types import FilePath, Ident, Name
    from generator.progress.record import slug

    made = [
        Entry(
            checklist=Ident("realserv-launch"),
            by=Name(who),
            at=at(minute),
            changes=(Change(item=Ident(item), state=State(state)),),
            source=FilePath(f"data/realserv-launch.record/20260110T14{minute:02d}00Z-{slug(who)}-{tag}0000ff.yaml"),
        )
        for who, minute, item, state, tag in recorded
    ]
    merged = fold(Ident("realserv-launch"), None, made)
    for _ in range(3):
        order = made[:]
        shuffle.shuffle(order)
        assert fold(Ident("realserv-launch"), None, order) == merged


@pytest.mark.parametrize("args", [("mark", "dash-errors", "--done"), ("run", "start", "v2")], ids=["first-entry", "first-of-a-run"])
def test_a_first_recording_the_disk_refuses_leaves_no_record_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    """The first recording of a checklist (or of a run) on a full disk left its empty record folder behind, and was said
    to leave 'the previous pages and site' unchanged: the folders it made go again, and the message says what holds."""
    import errno

    from generator.progress import record

    project = make_project(tmp_path / "p", FIXTURES / "mini")

    def full(path: Path, _text: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    before = sorted(p.relative_to(project).as_posix() for p in (project / "data").rglob("*"))
    monkeypatch.setattr(record, "write_new", full)
    result = run_cli("-C", str(project), *args, "--by", "Priya")
    assert result.returncode == 1 and "hint: free some disk space; the record holds only whole entries" in result.stderr, result.stderr
    assert sorted(p.relative_to(project).as_posix() for p in (project / "data").rglob("*")) == before


def test_a_browser_file_dated_by_a_clock_behind_comes_after_what_its_writer_had(project: Project) -> None:
    """The Record panel's entry file is dated by the browser's clock: made from a site built after Priya's done, on a
    laptop three hours behind, Chen's n/a of the same item (its after: naming Priya's) was folded before her done: the
    record kept her done, every screen said 'Priya's done was recorded without Chen's n/a' (she could not have had it).
    Folded after what its writer had of the item, it counts, and no one is said to have recorded without it; a
    `--date` of another item, a day back, keeps its day."""
    first = append(project, check, None, "Priya", [{"item": TWILIO, "state": "done"}], at=at(30))
    other = append(project, check, None, "Arun", [{"item": JWT, "state": "done"}], at=at(40))  # another item, after hers
    chen = project.data / "realserv-launch.record" / "20260110T103000Z-chen-0badc0de.yaml"
    text = f"checklist: realserv-launch\nby: Chen\nat: 2026-01-10T11:30:00+01:00\nafter: {other.name}\nchanges:\n  - {{item: {TWILIO}, state: n/a}}\n"
    chen.write_text(text, encoding="utf-8")
    said = run_cli("-C", str(project.root), "check")
    assert said.returncode == 0 and "recorded without" not in said.stderr + said.stdout, said.stderr
    twilio = check(project).status("realserv-launch").item(TWILIO)  # type: ignore[union-attr]
    assert twilio is not None and (twilio.state, twilio.by) == (State.NOT_APPLICABLE, "Chen") and [h.by for h in twilio.history()] == ["Priya"]
    assert twilio.at == at(30) + datetime.timedelta(milliseconds=1)  # the command would have dated it so
    back = append(project, check, None, "Arun", [{"item": "rbac-enforced-services", "state": "done"}], at=at(20) - datetime.timedelta(days=1))
    rbac = check(project).status("realserv-launch").item("rbac-enforced-services")  # type: ignore[union-attr]
    assert rbac is not None and rbac.date == (at(20) - datetime.timedelta(days=1)).date() and back.exists() and first.exists()
