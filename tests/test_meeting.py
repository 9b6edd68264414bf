"""`checklist-site meeting`: the server's guards and API in-process; the room of eight browsers in real Chromium."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, empty_search_index, make_project, run_cli, serve_dir

CHECKLIST = "realserv-launch"


def _room(project: Path):  # type: ignore[no-untyped-def]
    from generator.format.validate import FileCache
    from generator.meeting import Room
    from generator.progress.record import append
    from generator.project import Project, check

    cache = FileCache()
    room = Room(Project.at(project), lambda p: check(p, cache=cache), append, project / "site")
    room.reload()
    return room


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Any]:
    from starlette.testclient import TestClient

    from generator.meeting import application

    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><head><title>x</title></head><body>home</body></html>", encoding="utf-8")
    room = _room(project)
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as c:
        c.room = room
        c.project = project
        yield c


_CACHES: dict[Path, Any] = {}


def _recorded(project: Path) -> dict[str, str]:
    """Item id -> who, as the record folds now (the record checks: it is intact)."""
    from generator.format.validate import FileCache
    from generator.project import Project, check

    status = check(Project.at(project), cache=_CACHES.setdefault(project, FileCache())).status(CHECKLIST)
    return {i.id: i.by for i in status.items} if status else {}


def _status(project: Path) -> Any:
    from generator.format.validate import FileCache
    from generator.project import Project, check

    return check(Project.at(project), cache=_CACHES.setdefault(project, FileCache())).status(CHECKLIST)


def _post(client: Any, body: Any, *, token: str | None = "", origin: str | None = "http://127.0.0.1:8765", **headers: str) -> Any:
    head = {"content-type": "application/json", **headers}
    if token is not None:
        head["x-checklist-site-token"] = token or client.room.token
    if origin is not None:
        head["origin"] = origin
    return client.post("/_meeting/record", content=body if isinstance(body, (bytes, str)) else json.dumps(body), headers=head)


DONE = {"checklist": CHECKLIST, "by": "Priya", "changes": [{"item": "xss-protection", "state": "done"}]}


def test_pages_need_the_token_which_the_address_gives_once(client: Any) -> None:
    refused = client.get("/")
    assert refused.status_code == 403 and "name=viewport content='width=device-width" in refused.text  # readable on a phone
    assert client.get("/?token=wrong").status_code == 403
    for api in ("state", "blockers"):  # refused with what to do, which the page shows (it said 'reconnecting…' for good)
        refused_api = client.get(f"/_meeting/{api}", params={"checklist": CHECKLIST})
        assert refused_api.status_code == 403 and "open the address checklist-site meeting printed" in refused_api.json()["hint"]
    first = client.get(f"/?token={client.room.token}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"  # the token leaves the address bar
    for path in ("//evil.test/", "/%2F%2Fevil.test/", "/%5C%5Cevil.test/"):  # '///evil.test/' was another site to a browser
        away = client.get(f"{path}?token={client.room.token}", follow_redirects=False)
        where = away.headers["location"]
        assert away.status_code == 303 and where.startswith("/") and where[1:2] not in ("/", "\\"), (path, where)
    cookie = first.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("samesite", "SameSite")
    page = client.get("/")
    assert page.status_code == 200
    meta = f'<meta name="checklist-site-meeting" content="{client.room.token}" data-api="/_meeting/" data-project="{client.room.project_key()}">'
    assert meta + "</head>" in page.text
    assert client.get("/../mkdocs.yml").status_code in (403, 404)
    state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
    assert state["checklist"] == CHECKLIST and state["readiness"]["counts"]["resolved"] == 0


def test_a_recording_lands_with_the_persons_name(client: Any) -> None:
    before = client.room.version
    checks, check = [], client.room.check
    client.room.check = lambda project: checks.append(project) or check(project)
    answer = _post(client, DONE)
    assert answer.status_code == 200, answer.text
    assert len(checks) == 1  # after writing; before, the files were those of the room's state (checked again: 1.3 s at 10,000 entries)
    assert _recorded(client.project)["xss-protection"] == "Priya"
    assert answer.json()["version"] == client.room.version > before
    client.cookies.set("checklist_site_meeting_8765", client.room.token)
    state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
    assert state["recorded"]["items"]["xss-protection"][:2] == ["done", "Priya"]
    from generator.progress.record import snapshot

    assert state["readiness"]["counts"] == snapshot(client.room.project, client.room.check)["counts"]  # the numbers every view gives
    live = state["readiness"]
    assert live["sections"]["security"]["resolved"] == live["overall"]["resolved"] == 1
    listed = client.get("/_meeting/blockers", params={"checklist": CHECKLIST}).json()  # the readiness page's list, apart
    assert listed["version"] == state["version"] and len(listed["listed"]) == live["blockers"]
    first = ["Critical item not done: Firebase Authentication configured (prod project)", "security.html#firebase-authentication-configured-prod"]
    assert listed["listed"][0] == first  # linked as the served site links it (here a stand-in without the readiness page: flat URLs)
    assert client.room.entries == Counter({"Priya": 1})


def test_change_it_anyway_changes_only_the_entry_the_person_was_shown(client: Any) -> None:
    """Priya's tab showed Chen's done; meanwhile Meera recorded n/a. 'Record it anyway' sent replace: true, and Meera's
    entry, which Priya never saw, was replaced. Now the page sends the entries it showed; the record refuses others."""
    item = "xss-protection"
    assert _post(client, {**DONE, "by": "Chen"}).status_code == 200
    chens = [{"item": item, "state": "done", "by": "Chen"}]
    meera = _post(client, {**DONE, "by": "Meera", "changes": [{"item": item, "state": "n/a"}], "replace": chens})
    assert meera.status_code == 200, meera.text  # she saw Chen's done, and it was
    stale = _post(client, {**DONE, "changes": [{"item": item, "state": "open"}], "replace": chens})  # Priya's tab had not caught up
    assert stale.status_code == 409, stale.text
    refused = stale.json()
    assert refused["error"].startswith(f"item '{item}' was recorded n/a by Meera at ") and "not the entry you agreed to change" in refused["hint"]
    assert [(c["item"], c["state"], c["by"]) for c in refused["conflicts"]] == [(item, "n/a", "Meera")]
    assert _recorded(client.project)[item] == "Meera"
    again = _post(client, {**DONE, "changes": [{"item": item, "state": "open"}], "replace": refused["conflicts"]})  # she looked, and means it
    assert again.status_code == 200, again.text
    assert _recorded(client.project)[item] == "Priya"
    assert _post(client, {**DONE, "by": "Arun", "replace": "yes"}).status_code == 400


def test_a_recording_the_network_sends_again_or_late_is_neither_written_twice_nor_over_a_later_one(client: Any) -> None:
    """A phone on a flaky network: a recording whose answer was lost is sent again, and one held up arrives after the
    person's next one. Each was written: the tick sent again was two entries, and a tick reaching the meeting after its
    untick left the item done, over the person's own later change (their entry: nothing to ask). A page numbers its
    recordings: one sent again is answered as the first time, one overtaken on the same item is refused."""
    page, item, other = "phone-tab-1a2b3c4d", "xss-protection", "firebase-authentication-configured-prod"
    tick = {**DONE, "page": page, "number": 1}
    first = _post(client, tick)
    again = _post(client, tick)
    assert first.status_code == again.status_code == 200 and again.json()["entry"] == first.json()["entry"], again.text
    folder = client.project / "data" / f"{CHECKLIST}.record"
    assert len(list(folder.glob("*.yaml"))) == 1
    assert _post(client, {**DONE, "changes": [{"item": item, "state": "open"}], "page": page, "number": 3}).status_code == 200
    late = _post(client, {**tick, "number": 2})  # the tick sent before the untick, reaching the meeting after it
    assert late.status_code == 409 and late.json()["error"].startswith(f"nothing recorded: this page recorded item '{item}' again after"), late.text
    assert not late.json().get("conflicts")  # the page says it, and asks nothing
    status = _status(client.project)
    assert status.item(item).state.value == "open" and len(list(folder.glob("*.yaml"))) == 2
    assert _post(client, {**DONE, "changes": [{"item": other, "state": "done"}], "page": page, "number": 2}).status_code == 200  # another item
    assert _post(client, {**tick, "page": "another-tab-0000", "number": 1}).status_code == 200  # another page: its own numbers
    for bad in ({"page": page}, {"number": 4}, {"page": "short", "number": 4}, {"page": page, "number": True}, {"page": page, "number": 0}):
        assert _post(client, {**DONE, **bad}).status_code == 400, bad


def test_a_meeting_started_again_knows_what_the_rooms_pages_recorded_before(client: Any) -> None:
    """The meeting's server stops (a crash, a restart) and starts again with the room's pages still open: it knew their
    recordings by number from memory only, so the phone's tick sent again (its answer lost as the server stopped) was
    written a second time, and the tick held up on its network, reaching the new server after the same page's untick,
    was written over it. Each entry the meeting writes says its page and number (recording:), and a meeting that starts
    takes them up from the record."""
    from starlette.testclient import TestClient

    from generator.meeting import Room, application
    from generator.progress.record import append
    from generator.project import Project, check

    page, item = "phone-tab-1a2b3c4d", "xss-protection"
    tick = {**DONE, "page": page, "number": 1}
    first = _post(client, tick)
    checklist = client.project / "data" / f"{CHECKLIST}.yaml"  # renamed meanwhile (a git pull): the page, built before, sends the former id
    was = "{id: xss-protection, text: XSS protection (output encoding in templates)}"
    text = checklist.read_text(encoding="utf-8").replace(was, was.replace("xss-protection,", "xss-encoding,").replace("}", ", former_ids: [xss-protection]}"))
    checklist.write_text(text, encoding="utf-8")
    assert _post(client, {**DONE, "changes": [{"item": item, "state": "open"}], "page": page, "number": 3}).status_code == 200
    folder = client.project / "data" / f"{CHECKLIST}.record"
    assert f"recording: {client.room.meeting()}/{page}/1\n" in Path(client.project / first.json()["entry"]).read_text(encoding="utf-8")
    assert _post(client, {**DONE, "by": "Arun", "changes": [{"item": "sql-injection-protection-verified", "state": "done"}]}).status_code == 200  # unnumbered
    room = Room(Project.at(client.project), check, append, client.project / "site", token=client.room.token)  # started again, with its token
    room.reload()
    assert room.entries == client.room.entries == {"Priya": 2, "Arun": 1} and room.folders == client.room.folders  # the end's count: the whole meeting
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as again:
        again.room = room
        repeat = _post(again, tick)
        assert repeat.status_code == 200 and repeat.json()["entry"] == first.json()["entry"], repeat.text
        late = _post(again, {**tick, "number": 2})
        assert late.status_code == 409 and "again after this recording" in late.json()["error"], late.text
        assert _post(again, {**DONE, "page": page, "number": 4}).status_code == 200  # the page's next recording is written
    assert len(list(folder.glob("*.yaml"))) == 4 and _status(client.project).item("xss-encoding").state.value == "done"
    other = Room(Project.at(client.project), check, append, client.project / "site")  # the next meeting (a new token): its own count
    other.reload()
    assert not other.entries
    with TestClient(application(other), base_url="http://127.0.0.1:8765") as after:  # the page's stored recording, sent to it: answered, not written
        after.room = other
        repeat = _post(after, {**DONE, "page": page, "number": 4})
        assert repeat.status_code == 200 and len(list(folder.glob("*.yaml"))) == 4, repeat.text
    assert not other.entries


def test_a_git_pull_writing_data_is_not_said_as_a_broken_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A `git pull` during the meeting writes an entry file in more than one step: the meeting's look at data/ found it half
    written and told its terminal 'data/ does not check ...; fix it'. While git holds its index lock, the room says nothing
    and looks again; the entry shows once git has written it."""
    project = make_project(tmp_path / "project")
    room = _room(project)
    version = room.version
    lock, entry = project / ".git" / "index.lock", project / "data" / f"{CHECKLIST}.record" / "20260110T130000Z-arun-0a1b2c3d.yaml"
    lock.parent.mkdir()
    lock.write_text("", encoding="utf-8")
    entry.parent.mkdir()
    whole = f"checklist: {CHECKLIST}\nby: Arun\nat: 2026-01-10T14:00:00+01:00\nchanges:\n  - {{item: xss-protection, state: done}}\n"
    entry.write_text(whole[:50], encoding="utf-8")
    assert not room.reload() and "does not check" not in caplog.text and room.version == version
    entry.write_text(whole, encoding="utf-8")
    lock.unlink()
    assert room.reload() and room.version == version + 1 and "xss-protection" in room.states[CHECKLIST].decode()


def test_a_run_started_while_the_meeting_goes_on_does_not_take_the_rooms_recordings(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    """The 1.0 launch meeting goes on while someone starts run 1.1 (a `run start` in a terminal, or pulled from git): the
    room's recordings went into run 1.1 and its numbers were 1.1's, under pages built for 1.0. The room keeps the run it
    began with, and its terminal says why, once."""
    from generator.build import Project, check
    from generator.progress import runs

    assert _post(client, DONE).status_code == 200
    runs.start(Project.at(client.project), check, "v1.1", checklist=None, by="Meera")
    client.room.reload()
    other = {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]}
    answer = _post(client, other)
    assert answer.status_code == 200 and answer.json()["entry"].startswith(f"data/{CHECKLIST}.record/2"), answer.text  # not record/v1.1/
    client.room.reload()
    client.cookies.set("checklist_site_meeting_8765", client.room.token)
    state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
    assert set(state["recorded"]["items"]) >= {"xss-protection", "firebase-authentication-configured-prod"}
    said = [r.getMessage() for r in caplog.records if "was started since the meeting began" in r.getMessage()]
    assert len(said) == 1 and "recording into run default" in said[0], said
    # A run started under another name on a branch (dated before v1.1's start), merged: the room's terminal names it, once,
    # as status does (its recordings are in neither the room's numbers nor the current run's).
    hotfix = client.project / "data" / f"{CHECKLIST}.record" / "v1.0-hotfix"
    hotfix.mkdir()
    (hotfix / "20260101T000000Z-raj-0000abcd.yaml").write_text(f"checklist: {CHECKLIST}\nby: Raj\nat: 2026-01-01T00:00:00Z\nchanges:\n  - {{run: start}}\n")
    client.room.reload()
    client.room.reload()
    said = [r.getMessage() for r in caplog.records if "is open too" in r.getMessage()]
    assert said == [f"run v1.0-hotfix of {CHECKLIST} is open too, its record apart from the room's run default (not in the room's numbers): see it with "
                    "checklist-site status --run v1.0-hotfix; once its launch is over, checklist-site run close v1.0-hotfix"], said


def test_a_recording_made_for_another_run_is_refused_and_kept_not_recorded_into_the_rooms(client: Any) -> None:
    """A page's recording kept unsent (the browser's storage) through the end of its run's meeting was sent, as it was, to
    the next meeting, about another release: recorded into that run. A recording names the run it was made for; one made
    for another run than the room's is refused, saying both, with what to do, and marked for the page to keep it."""
    before = _recorded(client.project)
    kept = {**DONE, "run": "v2", "page": "abcdefgh12", "number": 1}
    refused = _post(client, kept)
    answer = refused.json()
    assert refused.status_code == 409 and answer["elsewhere"] is True, refused.text
    assert answer["error"] == "nothing recorded: this recording was made for run v2, and this meeting records into run default", answer
    assert "a meeting of run v2 (checklist-site meeting --run v2) records it" in answer["hint"] and "record it again here" in answer["hint"]
    assert _recorded(client.project) == before
    assert _post(client, {**DONE, "run": 2}).status_code == 400  # a run is named by its name
    assert _post(client, {**kept, "run": "default", "number": 2}).status_code == 200  # made for the room's run: recorded
    assert _recorded(client.project)["xss-protection"] == "Priya"


def test_the_rooms_hotfix_run_closed_mid_meeting_names_the_release_run_going_on(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The meeting of a hotfix (run v2.0.1, started while release v2 goes on; its terminal names v2 open too, once) goes on
    while the hotfix is closed in a terminal: v2 is the run going on again (fold_all's current run), and a recording is
    refused saying the room's run was closed and that v2 goes on."""
    from starlette.testclient import TestClient

    from generator.build import Project, check
    from generator.meeting import application
    from generator.progress import runs

    root = make_project(tmp_path / "project")
    (root / "data" / f"{CHECKLIST}.status.yaml").unlink()
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<html><head><title>x</title></head><body>home</body></html>", encoding="utf-8")
    project = Project.at(root)
    runs.start(project, check, "v2", checklist=None, by="Meera")
    runs.start(project, check, "v2.0.1", checklist=None, by="Meera")
    room = _room(root)
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        client.room, client.project = room, root
        _the_hotfix_closed(client, project, caplog)


def test_meeting_run_records_into_the_release_while_the_hotfix_is_current_and_says_which_run(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Two releases open at once (v2's run, then the hotfix v2.0.1's, started last: the current one): the meeting of v2
    recorded into the hotfix's and no screen said which run it showed. `meeting --run v2` records into v2 and the state
    names it, the run its pages were built for, and (re-opened) who re-opened it, when and why; the terminal names each
    checklist's run and the other open one. A run no checklist has, or a closed one, is refused before anything is served."""
    from starlette.testclient import TestClient

    from generator.build import Project, check
    from generator.commands.meeting import room_runs
    from generator.errors import UsageError
    from generator.format.validate import FileCache
    from generator.meeting import Room, application
    from generator.progress import runs
    from generator.progress.record import append

    root = make_project(tmp_path / "project")
    (root / "data" / f"{CHECKLIST}.status.yaml").unlink()
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<html><head><title>x</title></head><body>home</body></html>", encoding="utf-8")
    project = Project.at(root)
    runs.start(project, check, "v2", checklist=None, by="Meera")
    runs.close(project, check, "v2", checklist=None, by="Arun")
    with pytest.raises(UsageError) as closed:
        room_runs(check(project), "v2")
    assert "run 'v2' of checklist 'realserv-launch' was closed at" in closed.value.message and "run reopen v2" in closed.value.hint
    runs.reopen(project, check, "v2", checklist=None, by="Meera", reason="closed by mistake")
    runs.start(project, check, "v2.0.1", checklist=None, by="Raj")
    with pytest.raises(UsageError) as unknown:
        room_runs(check(project), "v2.1")
    assert unknown.value.hint == "did you mean 'v2.0.1'? the runs: v2, v2.0.1 (checklist-site run list)", unknown.value.hint
    chosen, said = room_runs(check(project), "v2")
    from generator.format.history import reopened

    again = reopened(check(project).status(CHECKLIST, "v2")).rstrip()  # the room's run re-opened: said in its terminal, as on its line
    assert again.startswith("  (re-opened ") and again.endswith(" by Arun: closed by mistake)"), again
    also = "(run v2.0.1 is open too: meeting --run v2.0.1 records there)"
    assert chosen == "v2" and said == [f"{CHECKLIST}: the room records into and shows run v2{again} {also}"]
    without = room_runs(check(project), None)[1]
    assert without == [f"{CHECKLIST}: the room records into and shows run v2.0.1 (run v2 is open too: meeting --run v2 records there)"]
    cache = FileCache()
    room = Room(project, lambda p: check(p, cache=cache), append, root / "site", chosen="v2")
    room.reload()
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        client.room, client.project = room, root
        answer = _post(client, DONE)
        assert answer.status_code == 200 and "/v2/" in answer.json()["entry"], answer.text  # the release's, not the hotfix started last
        client.cookies.set("checklist_site_meeting_8765", room.token)
        state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
        assert _status(root).run == "v2.0.1" and not (_status(root).items)  # the hotfix's record holds nothing of it
        runs.close(project, check, "v2", checklist=None, by="Meera")  # the release closed mid-meeting: start it again without --run
        room.reload()
        refused = _post(client, {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]}).json()
        hint = "run v2.0.1 is the run going on: end this meeting (Ctrl+C in its terminal) and start it again without --run, which records into it"
        assert refused["hint"] == hint, refused
        after = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()["run"]  # every page's line says it is closed
        assert re.fullmatch(r"closed \S+ \S+ \S+ by Meera", after["closed"]) and state["run"]["closed"] == "", after
        said = run_cli("-C", str(root), "status", "--run", "v2").stdout  # as status says it (it said 'run v2' alone, as if open)
        assert f"  run v2: {after['closed']}: nothing more is recorded into it (the next launch: checklist-site run start NAME; " in said, said
    assert state["recorded"]["items"]["xss-protection"][:2] == ["done", "Priya"] and state["readiness"]["counts"]["done"] == 1
    shown = state["run"]
    assert (shown["name"], shown["built"], shown["named"]) == ("v2", "v2.0.1", True), shown
    assert re.fullmatch(r"re-opened \S+ \S+ \S+ by Meera, closed \S+ \S+ \S+ by Arun: closed by mistake", shown["reopened"]), shown
    told = [r.getMessage() for r in caplog.records if "v2.0.1 of" in r.getMessage()]
    assert told == [f"run v2.0.1 of {CHECKLIST} is open too, its record apart from the room's run v2 (not in the room's numbers): see it with "
                    "checklist-site status --run v2.0.1 (the meeting of it: meeting --run v2.0.1)"], told


def test_what_two_laptops_recorded_at_once_each_without_the_others_is_said_in_the_room(client: Any) -> None:
    """Two meetings on two laptops (or a laptop and a terminal) record the same item before either pulls the other's: the
    pull brought Arun's n/a over Priya's done, said in the meeting's terminal only; the room saw her done become his n/a
    and nobody was asked which holds. The state says it (every page's live line), until one who has both records."""
    folder = client.project / "data" / f"{CHECKLIST}.record"
    folder.mkdir()
    for name, by, minute, state in (("20260110T090000Z-priya-0000aaaa.yaml", "Priya", 0, "done"), ("20260110T090100Z-arun-0000bbbb.yaml", "Arun", 1, "n/a")):
        entry = f"checklist: {CHECKLIST}\nby: {by}\nat: 2026-01-10T09:0{minute}:00Z\nafter: '-'\nchanges:\n  - {{item: xss-protection, state: {state}}}\n"
        (folder / name).write_text(entry, encoding="utf-8")  # each the first of its clone's record, pulled into the other's
    client.room.reload()
    client.cookies.set("checklist_site_meeting_8765", client.room.token)
    state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
    assert state["recorded"]["items"]["xss-protection"][:2] == ["n/a", "Arun"]
    assert state["unseen"] == ["item 'xss-protection': Arun's n/a was recorded without Priya's done (20260110T090000Z-priya-0000aaaa.yaml), recorded at "
                               "once on another branch or in a clone not pulled: the record keeps Arun's, the later by its clock's date"], state["unseen"]
    agreed = [{"item": "xss-protection", "state": "n/a", "by": "Arun"}]
    answer = _post(client, {**DONE, "changes": [{"item": "xss-protection", "state": "n/a"}], "replace": agreed})
    assert answer.status_code == 200, answer.text  # Priya, who has both, records what holds
    state = client.get("/_meeting/state", params={"checklist": CHECKLIST}).json()
    assert state["unseen"] == [], state["unseen"]


def _the_hotfix_closed(client: Any, project: Any, caplog: pytest.LogCaptureFixture) -> None:
    from generator.build import check
    from generator.progress import runs

    answer = _post(client, DONE)
    assert answer.status_code == 200 and "/v2.0.1/" in answer.json()["entry"], answer.text  # into the room's run, the hotfix's
    runs.close(project, check, "v2.0.1", checklist=None, by="Meera")
    client.room.reload()
    answer = _post(client, {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]})
    assert answer.status_code == 400 and "run v2.0.1 was closed" in answer.json()["error"] and "run v2 is the run going on" in answer.json()["hint"]
    said = [r.getMessage() for r in caplog.records if f"of {CHECKLIST}" in r.getMessage() and "run v2" in r.getMessage()]
    assert len(said) == 1 and said[0].startswith(f"run v2 of {CHECKLIST} is open too, its record apart from the room's run v2.0.1"), said


def test_a_checkout_of_another_branch_under_the_meeting_pauses_the_room(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The meeting of a release runs while someone checks out another branch in the project (the last release's, to look
    at something): that branch's record was put under the room, whose numbers fell to its (here none: 0 resolved) and
    whose recordings went into it. The room keeps what it showed, records nothing and says why, in its terminal once,
    to each recording with what to do; checked out again, it goes on. Nor does --commit commit to the other branch."""
    from starlette.testclient import TestClient

    from generator.commands.meeting import commit_room
    from generator.meeting import application

    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    git("branch", "release-1.0")
    room = _room(project)
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        client.room = room
        assert _post(client, DONE).status_code == 200
        git("add", "-A")
        git("commit", "-q", "-m", "recorded")
        git("checkout", "-q", "release-1.0")  # its record holds nothing
        shown = room.states[CHECKLIST]
        assert not room.reload() and not room.reload() and room.states[CHECKLIST] == shown and b"xss-protection" in shown
        said = [r.getMessage() for r in caplog.records if "checkout moved" in r.getMessage()]
        assert len(said) == 1 and "branch release-1.0" in said[0] and "git checkout main" in said[0], said
        other = {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]}
        answer = _post(client, other)
        assert answer.status_code == 400 and "branch release-1.0" in answer.json()["error"] and "git checkout main" in answer.json()["hint"]
        assert not (project / "data" / f"{CHECKLIST}.record").exists()  # nothing written into the other branch's record
        assert commit_room(room.project, room).startswith("nothing committed: the project's checkout moved to branch release-1.0")
        git("checkout", "-q", "main")
        assert _post(client, other).status_code == 200 and b"firebase-authentication-configured-prod" in room.states[CHECKLIST]


def test_a_meeting_on_a_detached_head_follows_its_own_commits_only(tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """A meeting begun on a release's tag (a detached HEAD): every other checkout was 'the same' (a checkout of the last
    release's tag put that record under the room without a word), a move away was told 'check out a detached HEAD again
    (git checkout a detached HEAD)', and --commit committed onto no branch (the next checkout left the record behind). The
    room follows its commit and what is made on it (a commit), refuses another commit's record naming the one to check
    out, goes on with a branch made of it (git switch -c), and commits nothing on a detached HEAD. A rebase of the room's
    branch (git pull --rebase stopped at a conflict) pauses it with the hint to finish the rebase, not to check out; one
    that ends at once (a pull) is waited for, as a pull writing the files is, and not said in the terminal."""
    from starlette.testclient import TestClient

    from generator import meeting as meeting_module
    from generator.commands.meeting import commit_room
    from generator.meeting import application

    project = make_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><body>home</body></html>", encoding="utf-8")

    def git(*args: str, ok: bool = True) -> str:
        done = subprocess.run(["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", *args], check=ok, capture_output=True, text=True)
        return done.stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    git("tag", "v1.0")
    (project / "notes.txt").write_text("2.0\n")
    git("add", "-A")
    git("commit", "-q", "-m", "2.0")
    git("tag", "v2.0")
    git("checkout", "-q", "--detach", "v2.0")
    room = _room(project)
    monkeypatch.setattr(meeting_module, "POLL", 3600.0)  # the room looked at only by this test (the server's watcher would race it)
    other = {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]}
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        client.room = room
        assert _post(client, DONE).status_code == 200
        said = commit_room(room.project, room)
        assert said.startswith("nothing committed: the checkout is commit ") and "git switch -c NAME" in said, said
        git("add", "-A")
        git("commit", "-q", "-m", "recorded")  # on the detached HEAD: still the room's
        assert room.elsewhere() == ""
        git("checkout", "-q", "v1.0")  # the last release's record
        tag = git("rev-parse", "--short=12", "v2.0").strip()
        answer = _post(client, other)
        assert answer.status_code == 400 and f"since the meeting began on commit {tag} (a detached HEAD)" in answer.json()["error"], answer.text
        assert f"git checkout {tag}" in answer.json()["hint"] and "a detached HEAD again" not in answer.json()["hint"], answer.json()["hint"]
        git("checkout", "-q", "v2.0")  # the tag itself: the room's commit
        assert room.elsewhere() == "" and _post(client, other).status_code == 200
        git("switch", "-q", "-c", "release-2.0")  # a branch made of it: the room goes on with it
        assert room.elsewhere() == "" and room.home == ("branch", "release-2.0")
        git("add", "-A")
        git("commit", "-q", "-m", "recorded again")
        # git pull --rebase stopped at a conflict: HEAD is detached while the rebase of release-2.0 runs
        git("checkout", "-q", "-b", "upstream", "v1.0")
        (project / "notes.txt").write_text("upstream\n")
        git("add", "-A")
        git("commit", "-q", "-m", "upstream")
        git("checkout", "-q", "release-2.0")
        git("rebase", "upstream", ok=False)
        room.reload()  # a rebase just begun: not said in the terminal (a `git pull --rebase` is over in a moment)
        ended = threading.Timer(0.3, lambda: git("rebase", "--abort"))
        ended.start()  # a recording waits for a rebase that ends, as for a pull writing the files
        assert _post(client, DONE).status_code == 200 and room.elsewhere() == ""
        ended.join()
        git("rebase", "upstream", ok=False)
        monkeypatch.setattr(meeting_module, "GIT_WAIT", 0.2)
        answer = _post(client, other)  # one stopped at a conflict: refused once the wait is over, told to finish it
        assert answer.status_code == 400 and "moved to a rebase of branch release-2.0" in answer.json()["error"], answer.text
        assert answer.json()["hint"].startswith("finish the rebase (git rebase --continue, or git rebase --abort)"), answer.json()["hint"]
        git("rebase", "--abort")
        assert room.elsewhere() == ""
    said = [r.getMessage() for r in caplog.records if "checkout moved" in r.getMessage()]
    assert len(said) == 2 and "a rebase of branch release-2.0" in said[1], said


def test_a_run_closed_while_the_meeting_records_into_it_says_to_start_the_meeting_again(tmp_path: Path) -> None:
    """The room records into run v2 when someone closes it in a terminal and starts v3 (the next release): each recording
    was refused with the record's hint to start the next run, which is going on already. The room is told the meeting
    records into the run current as it began: start the meeting again."""
    from starlette.testclient import TestClient

    from generator.build import Project, check
    from generator.meeting import application
    from generator.progress import runs

    project = make_project(tmp_path / "project")
    runs.start(Project.at(project), check, "v2", checklist=None, by="Meera")
    room = _room(project)
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        client.room = room
        assert _post(client, DONE).status_code == 200
        runs.close(Project.at(project), check, "v2", checklist=None, by="Meera")
        runs.start(Project.at(project), check, "v3", checklist=None, by="Meera")
        answer = _post(client, {**DONE, "changes": [{"item": "firebase-authentication-configured-prod", "state": "done"}]})
        said = answer.json()
        assert answer.status_code == 400 and said["error"].startswith("nothing recorded: run v2 was closed at "), said
        assert said["hint"] == "run v3 is the run going on: end this meeting (Ctrl+C in its terminal) and start it again, which records into it"


def test_one_person_typing_their_name_two_ways_is_one_person_in_the_summary(client: Any) -> None:
    """'Zoë' from a phone's keyboard (one character) and pasted from a Mac's file name (o + combining diaeresis)."""
    import unicodedata

    from generator.format.mailmap import Mailmap
    from generator.format.types import known_as

    composed, decomposed = "Zoë O'Neil", unicodedata.normalize("NFD", "Zoë O'Neil")
    assert _post(client, {**DONE, "by": decomposed}).status_code == 200
    answer = _post(client, {**DONE, "by": composed, "changes": [{"item": "xss-protection", "state": "n/a"}]})
    assert answer.status_code == 200, answer.text  # not refused as someone else's entry
    assert client.room.entries == Counter({composed: 2})
    # Her e-mail typed as her name on another phone: one person by the project's .mailmap (git's), counted under her name.
    (client.project / ".mailmap").write_text("Zoë O'Neil <zoe@realserv.example>\n", encoding="utf-8")
    answer = _post(client, {**DONE, "by": "zoe@realserv.example", "changes": [{"item": "xss-protection", "state": "done"}]})
    assert answer.status_code == 200, answer.text
    assert client.room.entries == Counter({composed: 3})
    # ... and recorded under it: the room and the pages show an entry's name, and the address is never published
    assert _recorded(client.project)["xss-protection"] == composed
    assert not [p for p in (client.project / "data").rglob("*.yaml") if "zoe@" in p.read_text(encoding="utf-8")]
    # An address the map does not name is refused, saying why and how to go on; nothing is recorded.
    answer = _post(client, {**DONE, "by": "Arun <arun@realserv.example>", "changes": [{"item": "xss-protection", "state": "open"}]})
    assert answer.status_code == 400 and "is an e-mail address, which the room and the site's pages would show" in answer.json()["error"]
    assert ".mailmap" in answer.json()["hint"] and _recorded(client.project)["xss-protection"] == composed
    # 'Zed' recorded, then the map says it is Zoë too (or she is renamed in it) mid-meeting: the end counts one person.
    assert _post(client, {**DONE, "by": "Zed", "changes": [{"item": "jwt-token-validation-working", "state": "done"}]}).status_code == 200
    assert client.room.entries == Counter({composed: 3, "Zed": 1})
    (client.project / ".mailmap").write_text("Zoë O'Neil <zoe@realserv.example>\nZoë O'Neil <zoe@realserv.example> Zed <>\n", encoding="utf-8")
    client.room.reload()  # as the room's watcher does within a second
    assert client.room.entries == Counter({composed: 4})
    known_as(Mailmap())  # the next test's names as read without it (each check reads its project's)


def test_the_summary_names_the_folder_the_entries_went_to(client: Any) -> None:
    from generator.commands.meeting import summary

    started = run_cli("-C", str(client.project), "run", "start", "v1.2")
    assert started.returncode == 0, started.stderr
    client.room.runs.clear()  # a meeting begun after the run started: it records into it
    client.room.reload()
    assert _post(client, DONE).status_code == 200
    said = summary(client.room.project, client.room.entries, sorted(client.room.folders))
    assert said == "meeting ended: 1 entry recorded in data/realserv-launch.record/v1.2/ — by person: Priya 1"


@pytest.mark.parametrize(
    "why, kwargs, status",
    [
        ("no token", {"token": None}, 403),
        ("wrong token", {"token": "x" * 32}, 403),
        ("another origin", {"origin": "http://evil.test"}, 403),
        ("another port", {"origin": "http://127.0.0.1:9999"}, 403),
        ("no origin, cross-site fetch", {"origin": None, "sec-fetch-site": "cross-site"}, 403),
        ("another name pointed here (DNS rebinding)", {"origin": "http://evil.test:8765", "host": "evil.test:8765"}, 421),
        ("a form's content type", {"content-type": "text/plain"}, 415),
        ("not JSON", {"body": b"{checklist"}, 400),
        ("JSON too deep", {"body": b"[" * 5000 + b"]" * 5000}, 400),
        ("not an object", {"body": b"[1]"}, 400),
        ("changes not a list", {"body": json.dumps({**DONE, "changes": "done"})}, 400),
        ("no such checklist", {"body": json.dumps({**DONE, "checklist": "other-launch"})}, 400),
        ("no such item", {"body": json.dumps({**DONE, "changes": [{"item": "no-such-item", "state": "done"}]})}, 400),
    ],
)
def test_a_refused_recording_records_nothing(client: Any, why: str, kwargs: dict[str, Any], status: int) -> None:
    """Every refusal says what went wrong and what to do (the page shows both): some had no hint, and the room read only
    'the body is not JSON', or 'the meeting refused it (400)'."""
    answer = _post(client, kwargs.pop("body", DONE), **kwargs)
    assert answer.status_code == status, (why, answer.text)
    assert "nothing recorded" in answer.json()["error"] or status == 415 or "no-such-item" in answer.json()["error"] or "other-launch" in answer.json()["error"]
    assert answer.json()["hint"], (why, answer.text)
    assert _recorded(client.project) == {}


def test_the_meeting_answers_only_to_this_machines_addresses_and_names(client: Any) -> None:
    """A page of another site that points its own name at this machine (DNS rebinding: 'evil.test' resolving to 127.0.0.1)
    is, to the browser, of the meeting's origin: it could read what the meeting answers and record as the room (the origin
    check compared the Origin with the Host, both 'evil.test'). Every request naming another host is refused (421, what
    to do said), before any route; an address, localhost and the names `--allow-host` or the machine gives are answered."""
    from generator.commands.meeting import machine_names

    head = {"x-checklist-site-token": client.room.token}
    for host in ("evil.test:8765", "127.0.0.1.evil.test:8765", "localhost.evil.test", ""):
        for path in ("/", "/_meeting/state?checklist=" + CHECKLIST, "/_meeting/events", "/_meeting/blockers?checklist=" + CHECKLIST):
            answer = client.get(path, headers={**head, "host": host})
            assert answer.status_code == 421 and client.room.token not in answer.text, (host, path)
            assert "--allow-host" in (answer.json()["hint"] if path.startswith("/_meeting/") else answer.text)
    for host in ("localhost:8765", "[::1]:8765", "127.0.0.1:8765", "10.0.0.7:8765"):
        assert client.get("/_meeting/state?checklist=" + CHECKLIST, headers={**head, "host": host}).status_code == 200, host
    client.room.hosts = machine_names(("Meeting.Corp.Example.",))
    assert client.get("/_meeting/state?checklist=" + CHECKLIST, headers={**head, "host": "meeting.corp.example:8765"}).status_code == 200


def test_event_streams_are_bounded_per_machine_and_in_all_and_counted_back_when_they_end(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each event stream wakes twice a second: a page (or a script with the token) opening thousands took the server's
    time from the room, and nothing bounded them. A machine may hold 64 at once and the room 1,024 (``STREAMS``); one
    more is refused with what to do, and a stream that ends (a page closed, the meeting ending) is counted back."""
    from generator import meeting

    head = {"x-checklist-site-token": client.room.token}
    with client.stream("GET", "/_meeting/events", headers=head) as answer:
        lines = answer.iter_lines()
        assert answer.status_code == 200 and next(lines).startswith("retry:")
        assert dict(client.room.streams) == {"testclient": 1}
        client.room.closing = True  # the stream ends within a tick
        list(lines)
    client.room.closing = False
    assert dict(client.room.streams) == {}
    monkeypatch.setattr(meeting, "STREAMS", (2, 3))
    for open_before, said in (({"testclient": 2}, "at most 2 a machine"), ({"10.0.0.7": 2, "10.0.0.8": 1}, "3 in all")):
        client.room.streams.update(open_before)
        refused = client.get("/_meeting/events", headers=head)
        assert refused.status_code == 429 and said in refused.json()["error"] and "close the meeting's pages" in refused.json()["hint"]
        client.room.streams.clear()


def test_a_refusal_quoting_what_was_sent_holds_no_markup_and_is_never_sniffed(client: Any) -> None:
    """A refusal quotes what was sent ("no checklist '</script><img src=x onerror=...>'"): it went as written, and
    without the nosniff header the meeting's other answers carry. Its JSON escapes '<', '>' and '&' now, as the site's JSON files."""
    body = {**DONE, "checklist": "</script><img src=x onerror=alert(1)>&"}
    answer = _post(client, body)
    assert answer.status_code == 400 and answer.headers["x-content-type-options"] == "nosniff"
    assert not set("<>&") & set(answer.text) and answer.json()["error"] == "no checklist '</script><img src=x onerror=alert(1)>&'"


def test_sizes_and_rates_are_bounded(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import meeting

    big = {**DONE, "changes": [{"item": "xss-protection", "note": "x" * 400}] * 200}
    assert len(json.dumps(big)) > meeting.MAX_BODY
    assert _post(client, big).status_code == 413
    assert _post(client, DONE, **{"content-length": str(10**9)}).status_code == 413
    monkeypatch.setattr(meeting, "RATE", (3.0, 0.01))  # a burst of 3, then one every 100 s
    client.room.buckets.clear()
    bad = {**DONE, "changes": [{"item": "no-such-item", "state": "done"}]}
    codes = [_post(client, bad).status_code for _ in range(3)]
    assert codes == [400, 400, 400]
    answer = _post(client, DONE)
    assert answer.status_code == 429 and "too many" in answer.json()["error"]
    assert _recorded(client.project) == {}


def test_invalid_changes_are_refused_with_the_records_message(client: Any) -> None:
    answer = _post(client, {**DONE, "changes": [{"item": "no-such-item", "state": "done"}]})
    assert answer.status_code == 400 and "no-such-item" in answer.json()["error"]
    answer = _post(client, {**DONE, "by": "Priya\nEvil"})
    assert answer.status_code == 400
    assert _post(client, b"{not json").status_code == 400
    assert _post(client, {"checklist": CHECKLIST, "by": "Priya", "changes": []}).status_code == 400
    assert _recorded(client.project) == {}


@pytest.mark.parametrize(
    "fault",
    [OSError(28, "No space left on device"), PermissionError(13, "Permission denied")],
    ids=["disk full", "read-only folder"],
)
def test_a_record_that_cannot_be_written_is_said_in_the_room_and_the_meeting_goes_on(
    client: Any, monkeypatch: pytest.MonkeyPatch, fault: OSError
) -> None:
    """The disk filling up (or the folder turning read-only) mid-meeting was a bare 500 'Internal Server Error': the browser
    said only 'the meeting refused it (500)'. Now the answer says what failed, where, and that nothing was recorded."""
    from generator.progress import record

    def failing(path: Path, _text: str) -> None:
        fault.filename = str(path)
        raise fault

    monkeypatch.setattr(record, "write_new", failing)
    answer = _post(client, DONE)
    assert answer.status_code == 507
    said = answer.json()
    assert said["error"].startswith(f"nothing recorded: {fault.strerror} (data/realserv-launch.record/")
    assert "disk space" in said["hint"] and "permissions" in said["hint"]
    assert _recorded(client.project) == {} and not list(client.project.glob("data/realserv-launch.record/.*"))
    monkeypatch.undo()  # space is freed: the next recording lands
    assert _post(client, DONE).status_code == 200 and _recorded(client.project) == {"xss-protection": "Priya"}


def test_a_recording_while_another_command_holds_the_lock_is_answered_not_left_waiting(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `build` or `mark` in a terminal holding the project's lock left the room's recording waiting, silently, as long as
    it ran (a browser's tick spun, the room's every other recording queued behind it). Now it waits a few seconds,
    then the room is told that nothing was recorded and why; once the other command is done, recording goes on."""
    from filelock import FileLock

    from generator import meeting

    monkeypatch.setattr(meeting, "LOCK_WAIT", 0.2)
    (client.project / ".checklist-site").mkdir(exist_ok=True)
    other = FileLock(str(client.project / ".checklist-site" / "lock"), thread_local=False)  # another process's hold: a lock of its own
    other.acquire()
    done = threading.Timer(3.0, other.release)  # the other command ends (else a recording that waits on would wait for ever)
    done.start()
    answer = _post(client, DONE)
    done.cancel()
    other.release()
    assert answer.status_code == 503, answer.text
    said = answer.json()
    assert said["error"] == (
        "nothing recorded: another checklist-site command (a build, a mark, ...) has held the project's lock (.checklist-site/lock) for 0.2 s"
    )
    assert said["hint"].startswith("try again when it has finished")
    assert _recorded(client.project) == {}
    assert _post(client, DONE).status_code == 200 and _recorded(client.project) == {"xss-protection": "Priya"}


def test_data_that_stops_checking_mid_meeting_is_said_once_and_not_checked_each_second(client: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A `git pull` (or an edit) leaving data/ invalid mid-meeting: the room kept the last valid state, as meant, but the
    reason ('say why') went nowhere, and the whole of data/ was checked again every second while it stayed broken."""
    room = client.room
    folder = client.project / "data" / "realserv-launch.record"
    folder.mkdir(exist_ok=True)
    bad = folder / "20260110T130000Z-zed-0000abcd.yaml"
    bad.write_text("checklist: realserv-launch\nby: Zed\nat: 2026-01-10T14:00:00+01:00\nchanges:\n  - {item: no-such-item, state: done}\n", encoding="utf-8")
    checks = []
    checking = room.check
    room.check = lambda p: checks.append(1) or checking(p)
    with caplog.at_level("WARNING", logger="checklist_site"):
        assert room.reload() is False and room.reload() is False
    said = [r.getMessage() for r in caplog.records if "does not check" in r.getMessage()]
    assert len(said) == 1 and f"data/realserv-launch.record/{bad.name}:5:" in said[0] and len(checks) == 1
    bad.write_text(bad.read_text(encoding="utf-8").replace("no-such-item", "xss-protection"), encoding="utf-8")  # fixed
    assert room.reload() is True and room.problem == "" and len(checks) == 2


def test_commit_makes_one_commit_of_the_record_only(client: Any) -> None:
    from generator.commands.meeting import commit

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(client.project), *args], check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "start")
    (client.project / "unrelated.txt").write_text("not committed\n", encoding="utf-8")
    assert _post(client, DONE).status_code == 200
    folders = sorted(p for p in (client.project / "data").glob("*.record") if p.is_dir()) or [client.project / "data"]
    litter = folders[0] / ".20260110T140000Z-arun-0000abcd.yaml.k2j4x.tmp"  # what a `mark` killed mid-write leaves
    litter.write_text("checklist: realserv-launch\nby: Ar", encoding="utf-8")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        said = commit(client.room.project, client.room.entries, folders)
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert said.startswith("committed the record")
    assert "Priya 1" in git("log", "-1", "--format=%s")
    changed = git("show", "--name-only", "--format=", "HEAD").split()
    assert changed and all(path.startswith("data/") and ".tmp" not in path for path in changed)
    assert "?? unrelated.txt" in git("status", "--porcelain") and not litter.exists()



def test_a_failed_commit_says_what_git_said_line_by_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An error's message is one line (a line break in it an escape: no quoted name prints a line of its own), so git's
    own lines (a hook's refusal, 'Please tell me who you are' and the commands to run) are said before it as git wrote
    them, and the error says git failed."""
    from generator.commands.meeting import commit
    from generator.errors import BuildError
    from generator.project import Project

    project = make_project(tmp_path / "p")
    record = project / "data" / "realserv-launch.record"
    record.mkdir()
    (record / "20260110T140000Z-priya-0000abcd.yaml").write_text("checklist: realserv-launch\nby: Priya\nat: 2026-01-10T14:00:00Z\nchanges: []\n")
    subprocess.run(["git", "-C", str(project), "init", "-q"], check=True)
    hook = project / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'refused by policy:' >&2\necho '  sign your commits' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    with pytest.raises(BuildError) as failed, caplog.at_level("ERROR", logger="checklist_site"):
        commit(Project.at(project), Counter({"Priya": 1}), [record])
    assert failed.value.message == "git commit failed (what git said is above)", failed.value.message
    assert "refused by policy:\n  sign your commits" in caplog.text, caplog.text


# ---- the room: eight browsers, one server process ----

NAMES = ["Priya", "Arun", "Meera", "Chen", "Olu", "Sofia", "Kenji", "Zoë O'Neil"]
SECTIONS = ["security", "infrastructure", "observability", "testing", "configuration", "documentation", "deployment", "operations"]


def _with_site(tmp_path: Path, built_project: Path) -> Path:
    """A copy of the project with the site the run built of it, its search index without documents: the browsers in the
    room never search, and each page they open would fetch and index the whole of it."""
    project = make_project(tmp_path / "project")
    shutil.copytree(built_project / "site", project / "site")
    index = project / "site" / "search" / "search_index.json"
    index.write_bytes(empty_search_index(index))
    return project


def _start(project: Path, port: int = 0, *more: str) -> tuple[subprocess.Popen[str], str]:
    """The real command, as a person starts it; returns the process and the address it printed."""
    import select

    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "meeting", "--no-build", "--port", str(port), *more],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 60)
    line = proc.stdout.readline() if ready else ""
    found = re.search(r"launch meeting on (http://\S+)", line)
    assert found, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
    return proc, found.group(1)


def _wait(predicate: Any, timeout: float, what: Any) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, what() if callable(what) else what
        time.sleep(0.25)


def _join(browser: Any, url: str, names: list[str], sections: list[str], pages: list[Any] | None = None) -> list[Any]:
    """The browsers of the room, each with its person's name, on a section page opened through the printed address (all loading at once).
    ``pages``: the browsers already in the room, which open the new address (a restarted meeting's)."""
    base, token = url.split("/?token=")
    if pages is None:
        pages = []
        for name in names:
            context = browser.new_context(viewport={"width": 1000, "height": 800})
            context.add_init_script(f"try {{ localStorage.setItem('checklist-site:name', {json.dumps(name)}) }} catch (e) {{}}")
            pages.append(context.new_page())
    for page, section in zip(pages, sections, strict=True):
        _goto(page, f"{base}/checklists/{CHECKLIST}/{section}/?token={token}")
    for page in pages:
        page.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')", timeout=60000)
    return pages


def _goto(page: Any, address: str) -> None:
    """``page.goto``, again where a navigation the browser started itself interrupted it: its error page, still being
    shown after a reload refused while the meeting's server was down (failed once in a fresh clone's run, and with three
    tries 0.3 s apart in a fresh clone's run on a machine under a load of 8-13)."""
    tries = 12
    for attempt in range(tries):
        try:
            page.goto(address, wait_until="commit")
            return
        except Exception as exc:  # playwright's Error
            if "interrupted by another navigation" not in str(exc) or attempt == tries - 1:
                raise
            page.wait_for_timeout(500)


def _entries(project: Path) -> int:
    """How many entry files the record holds (cheap enough to ask often)."""
    return len(list((project / "data" / f"{CHECKLIST}.record").glob("*.yaml")))


CLICK = "ids => ids.forEach(id => document.querySelector('li#' + CSS.escape(id) + ' input[type=checkbox]').click())"
OPEN_HERE = """() => [...document.querySelectorAll('li.task-list-item')]
    .filter(li => li.querySelector(':scope > .cl-item-more, :scope > p > .cl-item-more') && !li.classList.contains('cl-recorded')).map(li => li.id)"""


RECORDINGS = 120  # different items the room records, half of RealServ's 243: enough that the crash comes with many still on their way


@pytest.mark.browser
def test_eight_browsers_record_120_items_at_once_through_a_crash(browser: Any, built_project: Path, tmp_path: Path) -> None:
    project = _with_site(tmp_path, built_project)
    T0 = time.monotonic()
    proc, url = _start(project)
    print(f"\n{time.monotonic() - T0:.1f} s: started")
    pages: list[Any] = []
    try:
        pages = _join(browser, url, NAMES, SECTIONS)
        open_ids = [page.evaluate(OPEN_HERE) for page in pages]
        chosen: list[list[str]] = [[] for _ in pages]
        while sum(map(len, chosen)) < RECORDINGS:  # different items, spread over the eight pages
            for i, ids in enumerate(open_ids):
                if ids and sum(map(len, chosen)) < RECORDINGS:
                    chosen[i].append(ids.pop(0))
        owner = {item: NAMES[i] for i, ids in enumerate(chosen) for item in ids}
        print(f"\n{time.monotonic() - T0:.1f} s: eight browsers in the room")
        for page, ids in zip(pages, chosen, strict=True):
            page.evaluate(CLICK, ids)  # returns at once: the eight browsers record at the same time
        _wait(lambda: _entries(project) >= 40, 60, "recordings did not start")
        os.kill(proc.pid, signal.SIGKILL)  # the laptop dies mid-meeting
        proc.wait(timeout=10)
        survived = _recorded(project)  # the record is intact: it checks, and every entry names its person
        assert 40 <= len(survived) < RECORDINGS
        assert all(owner[item] == by for item, by in survived.items())
        for page in pages:  # said in words, not by the line's colour alone: the numbers shown are no longer live
            expect(page.locator(".cl-live")).to_contain_text("Not connected to the meeting since ", timeout=5000)
        expect(pages[0].locator(".cl-live")).to_contain_text("reconnecting… As of then: Resolved ")

        print(f"{time.monotonic() - T0:.1f} s: killed with {len(survived)} entries recorded")
        port = int(url.split("/?token=")[0].rsplit(":", 1)[1])
        proc, again = _start(project, port)  # a restart (on the same port) continues where it stopped, with the same token
        assert again == url
        base = url.split("/?token=")[0]
        for page in pages:  # each browser reconnects by itself (no new address to open), and shows what it missed
            expect(page.locator(".cl-live")).not_to_contain_text("Not connected", timeout=10000)
        # Each page sends again, by itself, the recordings that got no answer (nobody clicks again): those the server
        # wrote before it died are answered from the record, the others recorded now; each once.
        said = lambda: " | ".join(p.locator(".cl-record-status").inner_text() for p in pages)  # noqa: E731
        _wait(lambda: _entries(project) >= RECORDINGS, 120, lambda: f"{_entries(project)} landed; {said()}")
        print(f"{time.monotonic() - T0:.1f} s: all {RECORDINGS} recorded")
        final = _recorded(project)
        assert final == owner  # all of them, each with its person's name
        assert _entries(project) == RECORDINGS  # each recorded once: one entry a click, none written twice across the crash

        same = f"""async () => String((await fetch('{base}/_meeting/state?checklist={CHECKLIST}').then(r => r.json())).version)
            === document.documentElement.getAttribute('data-meeting-version')"""
        for page, ids in zip(pages, chosen, strict=True):  # every browser converges: the server's version and numbers, its items recorded
            page.wait_for_function(same, timeout=10000, polling=250)
            converged = f"() => !({OPEN_HERE})().some(id => {json.dumps(ids)}.includes(id))"
            try:  # its own items shown as recorded, within the bound
                page.wait_for_function(converged, timeout=5000, polling=250)
            except Exception:  # noqa: BLE001 - say which items stayed open
                pytest.fail(f"{page.url}: still open here after 5 s: {sorted(set(ids) & set(page.evaluate(OPEN_HERE)))}")
        version = _json_state(base, pages[0])["version"]
        lines = {page.locator(".cl-live").inner_text() for page in pages}
        assert len(lines) == 1 and "Resolved 120 of 243 (49%): done 120, waived 0, n/a 0; open 123" in lines.pop()

        # One more change shows in the seven other browsers within two seconds, without a reload.
        actor = next(i for i, ids in enumerate(open_ids) if ids)
        started = time.monotonic()
        pages[actor].evaluate(CLICK, [open_ids[actor][0]])
        for page in pages[:actor] + pages[actor + 1 :]:
            page.wait_for_function(f"() => document.documentElement.getAttribute('data-meeting-version') > '{version}' || "
                                   f"Number(document.documentElement.getAttribute('data-meeting-version')) > {version}", timeout=2000)
        elapsed = time.monotonic() - started
        assert elapsed < 2.0, elapsed
        print(f"\nmeeting: a change seen by 7 other browsers in {elapsed:.2f} s")

        # The Go / No-Go through a panel's form: every browser's live line shows it.
        panel = pages[1].locator("details.cl-record")
        panel.locator("summary").click()
        decision = panel.get_by_role("form", name="Go / No-Go decision")
        decision.get_by_label("Decision").select_option("no-go")
        decision.get_by_label("Blockers").fill("Payment load test not run yet")
        decision.get_by_role("button", name="Record the decision").click()
        approval = panel.get_by_role("form", name="Approval")
        approval.get_by_label("Role").select_option("cto")
        approval.get_by_role("button", name="Record the approval").click()
        for page in pages:
            expect(page.locator(".cl-live")).to_contain_text("approvals: go 1 of 5", timeout=5000)
            expect(page.locator(".cl-live")).to_contain_text("decision: no-go")

        _refused_without_token_or_from_another_origin(browser, base, project, pages[0])

        proc.send_signal(signal.SIGINT)  # Ctrl+C: the summary, by person
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        after = {owner[item] for item in owner if item not in survived} | {NAMES[actor]}  # who recorded since the restart
        assert "meeting ended: " in out and "by person: " in out and all(f"{name} " in out for name in after), out
        assert not (project / ".checklist-site" / "meeting-token").exists()  # ended: the next meeting has a new address
    finally:
        if proc.poll() is None:
            proc.kill()
        for page in pages:
            page.context.close()


@pytest.mark.browser
def test_a_recording_kept_unsent_survives_a_reload_and_is_recorded_once_into_the_meetings_run(browser: Any, built_project: Path, tmp_path: Path) -> None:
    """The meeting's server stopped (it ended, the laptop slept): a tick made then was kept by the page only in memory,
    lost when the page was reloaded. The page keeps it in the browser's storage and says how many wait; reloaded while
    the server is down, then opened again from the next meeting's address (a new token), it sends it once: one entry,
    into the run the meeting records into (meeting --run v2 while the hotfix's v2.0.1 is current), which the line names."""
    from generator.build import Project, check
    from generator.progress import runs

    project = _with_site(tmp_path, built_project)
    (project / "data" / f"{CHECKLIST}.status.yaml").unlink()
    runs.start(Project.at(project), check, "v2", checklist=None, by="Meera")
    runs.start(Project.at(project), check, "v2.0.1", checklist=None, by="Raj")  # the hotfix's, started last: the current run
    v2, hotfix = (project / "data" / f"{CHECKLIST}.record" / name for name in ("v2", "v2.0.1"))
    built = project / "site" / "checklists" / CHECKLIST / "security" / "index.html"  # as a build makes it for the current run, the hotfix's
    folder = f'data-record-folder="data/{CHECKLIST}.record"'
    assert folder in built.read_text(encoding="utf-8")
    built.write_text(built.read_text(encoding="utf-8").replace(folder, f'data-record-folder="data/{CHECKLIST}.record/v2.0.1"'), encoding="utf-8")
    before = {folder: len(list(folder.glob("*.yaml"))) for folder in (v2, hotfix)}
    proc, url = _start(project, 0, "--run", "v2")
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    try:
        context.add_init_script("try { localStorage.setItem('checklist-site:name', 'Priya') } catch (e) {}")
        [page] = _join(browser, url, ["Priya"], ["security"], [context.new_page()])
        line = page.locator(".cl-live")
        expect(line).to_contain_text("· run v2 (these pages were built for run v2.0.1: the ticks and numbers shown are run v2's)", timeout=5000)
        expect(page.locator(".cl-page-progress")).to_contain_text("This page (run v2): 0 of ")  # the page's own line names it too
        with serve_dir(project / "site", without_search=True) as plain:  # the page served as built (no meeting): the run it was built for
            static = context.new_page()
            static.goto(f"{plain}checklists/{CHECKLIST}/security/")
            expect(static.locator(".cl-page-progress")).to_contain_text("This page (run v2.0.1): 0 of ", timeout=5000)
            static.close()
        item = page.evaluate(OPEN_HERE)[0]
        proc.send_signal(signal.SIGINT)  # the meeting ends (the next one has a new address)
        proc.communicate(timeout=20)
        page.evaluate(CLICK, [item])
        expect(page.locator(".cl-record-status")).to_contain_text("Perhaps not recorded", timeout=5000)
        expect(line).to_contain_text("1 recording made here not sent yet (kept in this browser", timeout=5000)
        kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('checklist-site:unsent:'))")
        digest = hashlib.sha256(os.fsencode(project.resolve())).hexdigest()[:16]  # under the project: another's meeting here takes none
        assert kept == [f"checklist-site:unsent:{digest}:{CHECKLIST}"], kept
        with pytest.raises(Exception, match="ERR_CONNECTION_REFUSED"):  # reloaded while the server is down: the page is gone
            page.reload()
        port = int(url.split("/?token=")[0].rsplit(":", 1)[1])
        proc, url = _start(project, port, "--run", "v2")  # the next meeting, on the same address (the same browser storage)
        _join(browser, url, ["Priya"], ["security"], [page])
        _wait(lambda: len(list(v2.glob("*.yaml"))) > before[v2], 10, lambda: line.inner_text())
        expect(line).not_to_contain_text("not sent yet", timeout=5000)
        page.reload()  # nothing is kept any more: nothing is sent again
        page.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')", timeout=10000)
        expect(line).to_contain_text("Live: ", timeout=5000)
        page.wait_for_timeout(500)
        entries = [path.read_text(encoding="utf-8") for path in sorted(v2.glob("*.yaml"))[before[v2]:]]
        assert len(entries) == 1 and f"item: {item}" in entries[0] and "by: Priya" in entries[0], entries
        assert len(list(hotfix.glob("*.yaml"))) == before[hotfix]  # not into the current run, the hotfix's
        assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('checklist-site:unsent:'))") == []
        # Two laptops' recordings of one item, each without the other's (pulled in): the page's line says so, in words.
        now = time.time()
        for n, (by, state) in enumerate((("Chen", "done"), ("Olu", "n/a"))):
            moment = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now + n))
            entry = f"checklist: {CHECKLIST}\nby: {by}\nat: {moment}\nafter: '-'\nchanges:\n  - {{item: twilio-sms-used, state: {state}}}\n"
            (v2 / f"{moment.replace('-', '').replace(':', '')}-{by.lower()}-0000abc{n}.yaml").write_text(entry, encoding="utf-8")
        expect(line).to_contain_text("recorded at once, each without the other's: item 'twilio-sms-used': Olu's n/a was recorded without Chen's done",
                                     timeout=5000)
    finally:
        if proc.poll() is None:
            proc.kill()
        context.close()


@pytest.mark.browser
def test_a_recording_kept_unsent_for_one_run_is_not_sent_into_the_next_runs_meeting(browser: Any, built_project: Path, tmp_path: Path) -> None:
    """A tick made while run v2's meeting had ended was kept unsent in the browser's storage with no run: the next
    meeting, after v2 was closed and v3 started, recorded it into v3, another release. It is kept with its run: the next
    meeting's line says it was made for run v2 and is not sent into v3, and a button forgets it."""
    from generator.build import Project, check
    from generator.progress import runs

    project = _with_site(tmp_path, built_project)
    (project / "data" / f"{CHECKLIST}.status.yaml").unlink()
    runs.start(Project.at(project), check, "v2", checklist=None, by="Meera")
    v2, v3 = (project / "data" / f"{CHECKLIST}.record" / name for name in ("v2", "v3"))
    proc, url = _start(project)
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    try:
        context.add_init_script("try { localStorage.setItem('checklist-site:name', 'Priya') } catch (e) {}")
        [page] = _join(browser, url, ["Priya"], ["security"], [context.new_page()])
        line = page.locator(".cl-live")
        expect(line).to_contain_text("· run v2", timeout=5000)
        item = page.evaluate(OPEN_HERE)[0]
        project_ = Project.at(project)
        runs.close(project_, check, "v2", checklist=None, by="Meera")  # closed in a terminal while the room is open: every line says so
        expect(line).to_contain_text(re.compile(r"· run v2 \(closed \S+ \S+ \S+ by Meera: nothing more is recorded into it"), timeout=5000)
        proc.send_signal(signal.SIGINT)  # v2's meeting ends; the laptop's tick is kept unsent
        proc.communicate(timeout=20)
        page.evaluate(CLICK, [item])
        expect(line).to_contain_text("1 recording made here not sent yet (kept in this browser", timeout=5000)
        runs.start(project_, check, "v3", checklist=None, by="Meera")  # the next release's run
        before = {folder: sorted(folder.glob("*.yaml")) for folder in (v2, v3)}
        port = int(url.split("/?token=")[0].rsplit(":", 1)[1])
        proc, url = _start(project, port)  # v3's meeting, on the same address (the same browser storage)
        _join(browser, url, ["Priya"], ["security"], [page])
        said = "1 recording made here for run v2 not sent: this meeting records into run v3 (kept in this browser for a meeting of run v2"
        expect(line).to_contain_text(said, timeout=5000)
        expect(line).not_to_contain_text("not sent yet")
        page.wait_for_timeout(1000)
        assert {folder: sorted(folder.glob("*.yaml")) for folder in (v2, v3)} == before  # recorded into neither
        key = "() => Object.keys(localStorage).filter(k => k.startsWith('checklist-site:unsent:'))"
        assert len(page.evaluate(key)) == 1  # still kept
        [tab] = _join(browser, url, ["Priya"], ["security"], [context.new_page()])  # another tab of this browser: it takes it up too
        other_line = tab.locator(".cl-live")
        expect(other_line).to_contain_text(said, timeout=5000)
        line.get_by_role("button", name="Forget it").click()
        expect(line).not_to_contain_text("made here for run v2", timeout=5000)
        expect(page.locator(".cl-record-status")).to_contain_text("Forgotten: ")
        expect(other_line).not_to_contain_text("made here for run v2", timeout=5000)  # forgotten in the other tab too, at once
        assert page.evaluate(key) == []
        page.evaluate(CLICK, [item])  # recorded here, now, into v3
        _wait(lambda: len(list(v3.glob("*.yaml"))) > len(before[v3]), 10, lambda: line.inner_text())
        # team13's leftover 2: the other tab, which still held the recording forgotten, wrote it back into the browser's
        # storage with its next recording kept unsent (the meeting ended), and every tab showed it again.
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=20)
        later = next(i for i in tab.evaluate(OPEN_HERE) if i != item)
        tab.evaluate(CLICK, [later])
        expect(other_line).to_contain_text("1 recording made here not sent yet (kept in this browser", timeout=5000)
        bodies = tab.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('checklist-site:unsent:')).map(k => localStorage.getItem(k))")
        assert len(bodies) == 1 and [json.loads(body)["changes"] for body in json.loads(bodies[0])] == [[{"item": later, "state": "done"}]], bodies
    finally:
        if proc.poll() is None:
            proc.kill()
        context.close()


def _json_state(base: str, page: Any) -> dict[str, Any]:
    return page.evaluate(f"() => fetch('{base}/_meeting/state?checklist={CHECKLIST}').then(r => r.json())")


def _refused_without_token_or_from_another_origin(browser: Any, base: str, project: Path, member: Any) -> None:
    from .conftest import serve_dir

    before = _recorded(project)
    body = json.dumps({"checklist": CHECKLIST, "by": "Mallory", "changes": [{"item": "twilio-sms-used", "state": "n/a"}]})
    stranger = browser.new_context()
    page = stranger.new_page()
    assert page.goto(f"{base}/checklists/{CHECKLIST}/security/").status == 403  # no token: no page
    post = "([u, b]) => fetch(u, {method: 'POST', headers: {'Content-Type': 'application/json'}, body: b}).then(r => r.status)"
    status = page.evaluate(post, [f"{base}/_meeting/record", body])
    assert status == 403
    token = member.evaluate("() => document.querySelector('meta[name=checklist-site-meeting]').content")
    other = tmp_dir = project / "elsewhere"
    tmp_dir.mkdir()
    (other / "index.html").write_text("<!doctype html><title>another site</title>", encoding="utf-8")
    with serve_dir(other) as elsewhere:
        page.goto(elsewhere)
        # A page of another origin, even one that knows the token: the browser's preflight is refused, a simple POST has no token.
        outcome = page.evaluate(
            """([u, b, t]) => Promise.all([
                fetch(u, {method: 'POST', headers: {'Content-Type': 'application/json', 'X-Checklist-Site-Token': t}, body: b})
                    .then(r => r.status, e => 'blocked'),
                fetch(u, {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: b}).then(r => r.type, e => 'blocked'),
            ])""",
            [f"{base}/_meeting/record", body, token],
        )
        assert outcome[0] == "blocked"
        # Outside a browser's rules (a script that forges the request): the Origin check refuses it.
        forged_headers = {"Content-Type": "application/json", "X-Checklist-Site-Token": token, "Origin": elsewhere.rstrip("/")}
        forged = stranger.request.post(f"{base}/_meeting/record", data=body, headers=forged_headers)
        assert forged.status == 403
    stranger.close()
    assert _recorded(project) == before
    # A page whose reads the server refuses (its browser dropped the meeting's cookie): it says the server's words and
    # what to do, not 'reconnecting…' for good (the fetch's refusal was taken for a lost connection).
    member.context.clear_cookies()
    note = json.dumps({"checklist": CHECKLIST, "by": "Meera", "changes": [{"item": "twilio-sms-used", "note": "asked the vendor"}]})
    elsewhere_context = browser.new_context()
    headers = {"Content-Type": "application/json", "X-Checklist-Site-Token": token, "Origin": base.rstrip("/")}
    sent = elsewhere_context.request.post(f"{base}/_meeting/record", data=note, headers=headers)  # a recording: the page reads the state
    assert sent.status == 200, sent.text()
    elsewhere_context.close()
    said = "the meeting refused this page: the meeting's token is missing or wrong — open the address"
    expect(member.locator(".cl-live")).to_contain_text(said, timeout=5000)


SHOWN = """() => {
    const n = (part, name) => [...document.querySelectorAll(`[data-live=${part}] [data-n=${name}]`)].map(e => e.textContent);
    const bar = s => document.querySelector(`[data-live=sections][data-key=${s}] progress`);
    return {
        overall: document.querySelector('.cl-progress-row .cl-progress-count').textContent,
        overallBar: [document.querySelector('.cl-progress-row progress').value, document.querySelector('.cl-progress-row progress').max],
        security: [...document.querySelector('[data-live=sections][data-key=security]').cells].slice(1).map(c => c.textContent.trim()),
        securityBar: [bar('security').value, bar('security').max],
        total: [...document.querySelector('tr[data-live=overall]').cells].slice(1).map(c => c.textContent.trim()),
        verdict: document.querySelector('.cl-verdict').textContent,
        blockers: [...document.querySelectorAll('ul.cl-blockers li a')].map(a => [a.textContent, a.getAttribute('href')]),
        later: n('later', 'resolved'),
        reloaded: !window.notReloaded,
    };
}"""


@pytest.mark.browser
def test_the_readiness_page_and_the_overview_show_a_recording_in_another_browser(browser: Any, built_project: Path, tmp_path: Path) -> None:
    """One browser records an item; another, on the readiness page, shows the server's new numbers without a reload (the bars,
    every count, the verdict, the list of blockers), the overview its section's; the static site stays as built."""
    from .conftest import serve_dir

    project = _with_site(tmp_path, built_project)
    proc, url = _start(project)
    pages: list[Any] = []
    try:
        base, token = url.split("/?token=")
        pages = _join(browser, url, ["Priya", "Arun"], ["security", "readiness"])  # Arun joins on the readiness page
        reader, overview = pages[1], pages[1].context.new_page()
        overview.goto(f"{base}/checklists/{CHECKLIST}/")
        for page in (reader, overview):
            page.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')")
            page.evaluate("() => { window.notReloaded = true; }")
        built = reader.evaluate(SHOWN)
        assert built["overall"] == "0 / 243 items (0%)" and built["security"][0] == "0 / 31" and "93 blocker(s)" in built["verdict"]
        item = "firebase-authentication-configured-prod"  # critical, in Security: the first blocker
        assert [b for b in built["blockers"] if b[1].endswith(f"#{item}")]

        pages[0].evaluate(CLICK, [item])
        reader.wait_for_function("() => document.querySelector('.cl-progress-row [data-n=resolved]').textContent === '1'", timeout=5000)
        # the list of blockers comes apart, after the numbers (/_meeting/blockers): one fewer once it is in
        reader.wait_for_function(f"() => document.querySelectorAll('ul.cl-blockers li a').length === {len(built['blockers']) - 1}", timeout=5000)
        shown = reader.evaluate(SHOWN)
        state = _json_state(base, reader)["readiness"]
        s, o = state["sections"]["security"], state["overall"]
        assert shown["overall"] == f"{o['resolved']} / {o['total']} items ({o['percent']}%)" == "1 / 243 items (0%)"
        assert shown["overallBar"] == [1, 243] and shown["securityBar"] == [1, 31]
        assert shown["security"] == ["1 / 31", f"3% {s['percent']}%", "1 / 17", "0 / 5"]  # the bar's fallback text, then its figure
        assert shown["total"] == ["1 / 243", "", "1 / 57", "0 / 34"]
        assert f"NO-GO: {state['blockers']} blocker(s)" in shown["verdict"] and state["blockers"] == 92
        assert shown["blockers"] == [b for b in built["blockers"] if not b[1].endswith(f"#{item}")]  # the same words and links as built
        assert shown["later"] == built["later"] and not shown["reloaded"]

        cell = overview.locator('.cl-count[data-section="security"]')
        expect(cell).to_contain_text("1 of 31 resolved (1 recorded, 0 ticked here)", timeout=5000)
        width = cell.locator(".cl-bar__recorded").evaluate("e => e.style.width")
        assert abs(float(width.rstrip("%")) - 100 / 31) < 0.01
        expect(overview.locator(".cl-page-progress")).to_contain_text("All sections: 1 of 243 resolved")

        _record_it_anyway_changes_only_what_was_shown(pages[0], project)
        _offline_then_back(pages[0], reader)
        _the_same_box_ticked_at_once(pages[0], project)

        with serve_dir(project / "site") as static:  # outside the meeting the page is as built
            overview.goto(f"{static}checklists/{CHECKLIST}/readiness/")
            assert overview.evaluate(SHOWN)["overall"] == "0 / 243 items (0%)"
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=20)
        for page in pages:
            page.context.close()


@pytest.mark.browser
def test_two_laptops_whose_clocks_differ_by_ten_minutes_agree_on_the_order_and_who_did_what(browser: Any, built_project: Path, tmp_path: Path) -> None:
    """team14's leftover 2, with real browsers (Playwright's clock): Priya's laptop is ten minutes slow, Arun's right. They
    record the same item one after the other, each way round: the later by the wall is the one that counts, whatever
    the slow laptop's clock says, in the record (its entries in the order they were made, each naming the one it came
    after, the earlier kept as history), on both screens (the item's state and who, the live line) and in `status`
    and the export, the same numbers everywhere; the slow laptop's clock corrected mid-meeting changes nothing, and one
    stepped back still tells a stalled connection."""
    import datetime

    project = _with_site(tmp_path, built_project)
    proc, url = _start(project)
    contexts: list[Any] = []
    try:
        now = datetime.datetime.now(datetime.UTC)
        pages = []
        for name, skew in (("Priya", -10), ("Arun", 0)):
            context = browser.new_context(viewport={"width": 1000, "height": 800})
            contexts.append(context)
            if skew:
                context.clock.install(time=now + datetime.timedelta(minutes=skew))  # runs on from there, ten minutes behind
            context.add_init_script(f"try {{ localStorage.setItem('checklist-site:name', {json.dumps(name)}) }} catch (e) {{}}")
            pages.append(context.new_page())
        slow, right = _join(browser, url, [], ["security", "security"], pages)
        behind = (right.evaluate("Date.now()") - slow.evaluate("Date.now()")) / 60000
        assert 9.9 < behind < 10.1, behind  # the slow laptop's clock is ten minutes behind the other's

        def change(page: Any, item: str, label: str, other: str) -> None:
            """Record ``label`` on ``item`` through its form, over ``other``'s entry (the form asks for a yes)."""
            page.locator(f"li#{item}").get_by_role("button", name=re.compile("Record a state or a note")).first.click()
            form = page.locator(f"li#{item} form.cl-form")
            form.get_by_label(label, exact=True).check()
            expect(form.locator(".cl-form-confirm")).to_contain_text(f"This changes {other}'s done: record it anyway")
            form.locator(".cl-form-confirm input").check()
            form.get_by_role("button", name="Record").click()
            expect(page.locator(".cl-record-status")).to_contain_text(f"Recorded: {item}: ", timeout=5000)

        first, second = "xss-protection", "email-validation-rfc-5322"
        right.evaluate(CLICK, [first])  # Arun first, then Priya's slow laptop changes it
        expect(slow.locator(f"li#{first}")).to_have_class(re.compile("cl-recorded"), timeout=10000)
        change(slow, first, "N/A", "Arun")
        slow.evaluate(CLICK, [second])  # the other way round: the slow laptop first
        expect(right.locator(f"li#{second}")).to_have_class(re.compile("cl-recorded"), timeout=10000)
        change(right, second, "N/A", "Priya")

        status = _status(project)
        for item, earlier, later in ((first, "Arun", "Priya"), (second, "Priya", "Arun")):
            kept = status.item(item)
            assert (kept.state.value, kept.by) == ("n/a", later)  # the later by the wall counts
            assert kept.previous is not None and (kept.previous.state.value, kept.previous.by) == ("done", earlier)  # 'changed from'
            assert kept.at > kept.previous.at  # dated in the order they were made, by the meeting's one clock
        entries = sorted((e.at, e.by, e.after, e.source.rsplit("/", 1)[-1]) for e in status.entries)  # in the order the meeting dated them
        assert [by for _, by, _, _ in entries] == ["Arun", "Priya", "Priya", "Arun"]
        assert [after for _, _, after, _ in entries] == ["-", *(name for *_, name in entries[:-1])]  # each names the one it came after

        lines = set()
        for page in (slow, right):  # every screen: who did what, and the same numbers
            for item, who in ((first, "Priya"), (second, "Arun")):
                expect(page.locator(f"li#{item} .cl-live-state")).to_have_text(re.compile(rf"^n/a · {who} · "), timeout=5000)
            expect(page.locator(".cl-live")).to_contain_text("n/a 2;", timeout=5000)
            lines.add(page.locator(".cl-live").inner_text())
        assert len(lines) == 1 and "Resolved 2 of 243 (1%): done 0, waived 0, n/a 2; open 241, critical open 57" in lines.pop()
        shown = run_cli("-C", str(project), "status").stdout
        assert re.search(r"Security\S*\s+2/31\s", shown), shown
        progress = json.loads(run_cli("-C", str(project), "export").stdout)["checklists"][0]["progress"]
        assert (progress["resolved"], progress["n/a"], progress["done"], progress["critical_open"]) == (2, 2, 0, 57)

        slow.clock.set_system_time(datetime.datetime.now(datetime.UTC))  # its clock put right mid-meeting (NTP): ten minutes on at once
        slow.evaluate(CLICK, ["sql-injection-protection-verified"])
        expect(right.locator(".cl-live")).to_contain_text("Resolved 3 of 243", timeout=5000)
        expect(slow.locator(".cl-live")).to_contain_text("Resolved 3 of 243", timeout=5000)
        assert slow.locator(".cl-live").inner_text() == right.locator(".cl-live").inner_text()
        assert _recorded(project)["sql-injection-protection-verified"] == "Priya"

        # Its clock stepped back ten minutes (a fast clock put right on waking) while the server is silent (stopped, the
        # connection open): the page still says, within its 40 s, that the numbers shown are no longer live. It went by
        # Date.now() alone, which stepped back: silent for -9 min 14 s, and the stall went unsaid for ten minutes.
        expect(slow.locator(".cl-live")).not_to_contain_text("Not connected")
        os.kill(proc.pid, signal.SIGSTOP)
        try:
            slow.clock.set_system_time(datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10))
            slow.clock.fast_forward(46000)  # the page's timers run 46 s on
            expect(slow.locator(".cl-live")).to_contain_text("no word from the meeting's server for 40 s: reconnecting", timeout=5000)
        finally:
            os.kill(proc.pid, signal.SIGCONT)
        expect(slow.locator(".cl-live")).not_to_contain_text("Not connected", timeout=15000)  # back: live again by itself
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=20)
        for context in contexts:
            context.close()


RECORD_AS = """([by, changes, replace]) => fetch('/_meeting/record', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-Checklist-Site-Token': document.querySelector('meta[name=checklist-site-meeting]').content},
    body: JSON.stringify({checklist: 'realserv-launch', by, changes, replace})}).then(r => r.status)"""


def _record_it_anyway_changes_only_what_was_shown(page: Any, project: Path) -> None:
    """Priya's form says 'This changes Chen's done: record it anyway'; before she sends it, Meera records n/a. The page
    sent replace: true, and Meera's entry, which Priya never saw, was replaced; now the record refuses it, the panel names
    Meera's n/a, and 'Change it anyway' changes that one."""
    item = "xss-protection"
    assert page.evaluate(RECORD_AS, ["Chen", [{"item": item, "state": "done"}], False]) == 200
    expect(page.locator(f"li#{item}")).to_have_class(re.compile("cl-recorded"), timeout=5000)
    page.locator(f"li#{item}").get_by_role("button", name=re.compile("Record a state or a note")).first.click()
    form = page.locator(f"li#{item} form.cl-form")
    form.get_by_label("Reopen", exact=True).check()
    expect(form.locator(".cl-form-confirm")).to_contain_text("This changes Chen's done: record it anyway")
    assert page.evaluate(RECORD_AS, ["Meera", [{"item": item, "state": "n/a"}], True]) == 200
    form.locator(".cl-form-confirm input").check()
    form.get_by_role("button", name="Record").click()
    status = page.locator(".cl-record-status")
    expect(status).to_contain_text(f"This changes someone else's entry: item '{item}' was recorded n/a by Meera", timeout=5000)
    assert _recorded(project)[item] == "Meera"
    page.get_by_role("button", name="Change it anyway").click()
    expect(status).to_contain_text(f"Recorded: {item}: ", timeout=5000)
    assert _recorded(project)[item] == "Priya"


def _the_same_box_ticked_at_once(page: Any, project: Path) -> None:
    """Chen's tick lands first; Priya's, sent before her page heard of it, asked her 'This changes someone else's entry:
    … Change it anyway', as if she meant to change it. The record holds what she asked: she is told so, nothing is written."""
    item = "file-upload-size-limits"
    entries = _entries(project)
    page.evaluate(  # Chen's recording answered, then Priya's click in the same turn: before the page hears of Chen's
        f"async () => {{ await ({RECORD_AS})(['Chen', [{{item: '{item}', state: 'done'}}], false]); "
        f"document.querySelector('li#{item} input[type=checkbox]').click(); }}"
    )
    status = page.locator(".cl-record-status")
    expect(status).to_contain_text(f"Already recorded: {item}: done by Chen (nothing to change)", timeout=5000)
    expect(page.locator(f"li#{item}")).to_have_class(re.compile("cl-recorded"), timeout=5000)
    assert page.get_by_role("button", name="Change it anyway").count() == 0
    assert _entries(project) == entries + 1 and _recorded(project)[item] == "Chen"


def _offline_then_back(page: Any, other: Any) -> None:
    """A browser offline while another records: its live line says so in words; back online, it shows what it missed
    at once. (The stream stalled without an error: the line said 'Live' with the old numbers, and the page never caught
    up, as the server's keep-alive was a comment that pages never see.)"""
    line = page.locator(".cl-live")
    caught_up = f"""async () => String((await fetch('/_meeting/state?checklist={CHECKLIST}').then(r => r.json())).version)
        === document.documentElement.getAttribute('data-meeting-version')"""
    page.wait_for_function(caught_up, timeout=5000, polling=250)  # the recordings before have reached the page
    before = _json_state(page.url.split("/checklists/")[0], page)["readiness"]["counts"]["resolved"]
    expect(line).to_contain_text(f"Live: Resolved {before} of", timeout=5000)  # the server's numbers, as the line shows them
    page.context.set_offline(True)
    expect(line).to_contain_text("Not connected to the meeting since ", timeout=5000)
    assert other.evaluate(RECORD_AS, ["Chen", [{"item": "twilio-sms-used", "state": "n/a"}], False]) == 200
    page.wait_for_timeout(500)
    expect(line).to_contain_text(f"As of then: Resolved {before} of")
    page.context.set_offline(False)
    expect(line).to_contain_text(f"Live: Resolved {before + 1} of", timeout=5000)


FLIP_SHOWN = """() => ({
    verdict: [document.querySelector('.cl-verdict').className, document.querySelector('.cl-verdict').textContent],
    blockers: [...document.querySelectorAll('ul.cl-blockers li a')].map(a => [a.textContent, a.getAttribute('href')]),
    listHidden: document.querySelector('ul.cl-blockers').hidden,
    none: document.querySelector('.cl-blockers-none') && !document.querySelector('.cl-blockers-none').hidden,
    images: document.querySelectorAll('article img, .md-content img').length,
})"""
RECORD = """([checklist, item]) => fetch('/_meeting/record', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', 'X-Checklist-Site-Token': document.querySelector('meta[name=checklist-site-meeting]').content},
    body: JSON.stringify({checklist, by: 'Priya', changes: [{item, state: 'done'}]})}).then(r => r.status)"""


@pytest.mark.browser
def test_the_readiness_page_goes_from_no_go_to_go_live_its_words_as_built(browser: Any, tmp_path: Path) -> None:
    """A checklist of two critical items, whose texts hold Markdown, entities and markup: recording one leaves the other's
    words in the list exactly as the built page shows them (not its Markdown source); recording both turns the verdict to
    GO and the list to 'None.', as a page built then says; no data text ever becomes markup (no <img>, no dialog)."""
    from .conftest import FIXTURES
    from .test_launch_day import tick

    project = make_project(tmp_path / "project", FIXTURES / "meeting-flip.yaml")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 0, built.stderr
    proc, url = _start(project)
    context = browser.new_context()
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        base, token = url.split("/?token=")
        page.goto(f"{base}/checklists/flip/readiness/?token={token}")
        page.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')")
        before = page.evaluate(FLIP_SHOWN)
        assert before["verdict"][0] == "cl-verdict cl-verdict--no-go" and "2 blocker(s)" in before["verdict"][1]
        assert [href for _, href in before["blockers"]] == ["../s/#a", "../s/#b"]
        assert "bold &amp; * and <b>code</b> l it" in before["blockers"][0][0]  # as built: Markdown read, markup as text

        assert page.evaluate(RECORD, ["flip", "b"]) == 200
        page.wait_for_function("() => document.querySelectorAll('ul.cl-blockers li a').length === 1", timeout=5000)
        assert page.evaluate(FLIP_SHOWN)["blockers"] == before["blockers"][:1]  # the same words as built, not its Markdown

        # 'a' ticked on its page, and the answer lost on the way back (the server stopped, the network dropped, after it
        # recorded): the page said "Not recorded: ... nothing was recorded". It says it may be, and shows it recorded.
        context.add_init_script("try { localStorage.setItem('checklist-site:name', 'Priya') } catch (e) {}")
        section = context.new_page()
        section.goto(f"{base}/checklists/flip/s/")
        section.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')")
        section.route("**/_meeting/record", lambda route: (route.fetch(), route.abort()))
        tick(section, "a")
        expect(section.locator(".cl-record-status")).to_contain_text("Perhaps not recorded: no answer from the meeting's server")
        expect(section.locator("li#a .cl-live-state")).to_contain_text("done · Priya")
        # the verdict comes with the numbers, the list after them (/_meeting/blockers): wait for both
        page.wait_for_function("() => document.querySelector('.cl-verdict--go') && document.querySelector('ul.cl-blockers').hidden", timeout=5000)
        after = page.evaluate(FLIP_SHOWN)
        assert after["verdict"][1].startswith("GO: every critical item") and after["listHidden"] and after["none"]
        assert after["images"] == before["images"] and not dialogs
        # Undo: the group signed off by mistake is withdrawn from the same form (live), and the room sees it at once.
        from generator.project import Project, check

        section.unroute("**/_meeting/record")
        section.goto(f"{base}/checklists/flip/later/")
        section.wait_for_function("() => document.documentElement.hasAttribute('data-meeting-version')")
        section.get_by_role("button", name="Sign off group g2").click()
        form = section.locator("form.cl-form[aria-label='Sign off group g2']")
        form.get_by_label(re.compile("still open")).check()
        form.get_by_role("button", name="Sign off").click()
        expect(section.locator(".cl-live-signoff")).to_contain_text("signed off by Priya")
        section.get_by_role("button", name="Sign off group g2").click()
        form.get_by_label(re.compile("Withdraw the sign-off by")).check()
        form.get_by_role("button", name="Withdraw the sign-off").click()
        expect(section.locator(".cl-live-signoff")).to_have_text("")
        status = check(Project.at(project)).status("flip")
        assert status is not None and status.signoff("g2") is None
        assert [c.withdrawn for e in status.entries for c in e.changes if c.signoff] == [False, True]
        # The server stopped (restarting) as 'c' was ticked: nothing reached it. The page said so and dropped it, and the
        # room never had it unless ticked again; the page keeps it and sends it, as it was, once the meeting answers.
        section.route("**/_meeting/record", lambda route: route.abort())
        section.evaluate("document.querySelector('li#c input[type=checkbox]').click()")
        expect(section.locator(".cl-record-status")).to_contain_text("Perhaps not recorded: no answer from the meeting's server: this page sends it again")
        assert check(Project.at(project)).status("flip").item("c") is None  # type: ignore[union-attr]
        section.unroute("**/_meeting/record")
        assert page.evaluate(RECORD, ["flip", "b"]) == 200  # the meeting answers again (a version every page hears)
        expect(section.locator(".cl-record-status")).to_contain_text("Recorded (sent again once the meeting answered): ", timeout=5000)
        expect(section.locator("li#c .cl-live-state")).to_contain_text("done · Priya", timeout=5000)
        status = check(Project.at(project)).status("flip")
        assert status is not None and [e.changes[0].item for e in status.entries].count("c") == 1  # recorded once
    finally:
        context.close()
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.communicate(timeout=20)


def test_readers_asking_for_the_blockers_at_once_have_them_made_once(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every readiness page asks for the list after a recording, at once: the list is made once for the version, not once
    per page (8 pages made it 8 times over in parallel threads: 0.85 s instead of 0.07 at 10,000 items, each page waiting)."""
    import threading

    from generator import meeting

    made: list[int] = []
    real = meeting.live_blockers

    def slow(*args: Any, **kwargs: Any) -> dict[str, Any]:
        made.append(1)
        time.sleep(0.05)  # long enough that the other readers ask meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(meeting, "live_blockers", slow)
    answers: list[bytes | None] = []
    readers = [threading.Thread(target=lambda: answers.append(client.room.blockers(CHECKLIST))) for _ in range(8)]
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    assert len(made) == 1 and len(set(answers)) == 1 and answers[0] is not None
    assert json.loads(answers[0])["version"] == client.room.version


def test_after_launch_numbers_are_found_by_their_row_not_its_place(tmp_path: Path) -> None:
    """The readiness page's After launch rows take the meeting's numbers by what each row is on: when the checklist changes
    while the meeting runs (a git pull makes Documentation post-launch), the built page's Operations row still shows
    Operations' numbers, not those of the row now first (they were matched by place: Documentation's in Operations' row)."""
    import re as _re

    import yaml

    from generator.meeting import live_state
    from generator.project import Project, check
    from generator.site.layout import Urls
    from generator.site.render import render

    project = make_project(tmp_path / "project")
    data = check(Project.at(project))
    page = render(data, Urls("https://checklists.realserv.example/")).pages[f"checklists/{CHECKLIST}/readiness.md"]
    row = r'\[([^\]]+)\]\([^)]*\) \| <span data-live="later" data-key="([^"]+)"><span data-n="resolved">\d+</span>'
    rows = _re.findall(row + r' / <span data-n="total">(\d+)</span>', page)
    assert [title for title, _, _ in rows] == ["8\\. \u2068Operations\u2069", "Metrics to Track (First 30 Days)", "Post-Launch Tasks"]  # '8\.': no list

    source = project / "data" / f"{CHECKLIST}.yaml"
    loaded = yaml.safe_load(source.read_text(encoding="utf-8"))
    next(s for s in loaded["sections"] if s["id"] == "documentation")["priority"] = "post-launch"
    source.write_text(yaml.safe_dump(loaded, sort_keys=False, allow_unicode=True), encoding="utf-8")
    changed = check(Project.at(project))
    c = changed.checklists[0]
    later = live_state(c, changed.status(c.id), 2)["readiness"]["later"]
    for _, key, total in rows:  # each built row, found in the new state as the page's script finds it, with its own numbers
        assert (later[int(key)] if isinstance(later, list) else later[key])["total"] == int(total), key


def test_a_page_built_before_a_rename_finds_its_items_groups_roles_and_rows_by_their_former_ids(tmp_path: Path) -> None:
    """The meeting rebuilds nothing: after a git pull renamed an item, a group, a role or a section while it ran, the
    pages built before it named them by their former ids, and the live state only by the ids now: the renamed item
    showed open and its section's row kept its built numbers while the live line counted it done."""
    import datetime

    from generator.meeting import live_state
    from generator.progress.record import append
    from generator.project import Project, check

    project = Project.at(make_project(tmp_path / "project", data=ROOT / "tests" / "fixtures" / "mini"))
    moment = datetime.datetime(2026, 1, 5, 12, tzinfo=datetime.timezone.utc)
    changes = [{"item": "jwt-validation", "state": "done"}, {"signoff": "auth", "with_open": True}, {"approval": "tech-lead", "decision": "go"}]
    append(project, check, None, "Priya", changes, at=moment)
    source = project.data / "mini.yaml"
    text = source.read_text(encoding="utf-8").replace("{id: tech-lead, title: Tech Lead}", "{id: cto, title: CTO, former_ids: [tech-lead]}")
    source.write_text(text.replace("  - id: ops\n", "  - id: operations\n    former_ids: [ops]\n"), encoding="utf-8")  # renamed: a git pull
    data = check(project)
    state = live_state(data.checklists[0], data.status("mini"), 2)
    shown, numbers = state["recorded"], state["readiness"]
    assert shown["items"]["jwt-check"] == shown["items"]["jwt-validation"] and shown["items"]["jwt-check"][:2] == ["done", "Priya"]
    assert shown["signoffs"]["authn"] == shown["signoffs"]["auth"] and shown["approvals"]["tech-lead"] == shown["approvals"]["cto"]
    assert numbers["sections"]["sec"] == numbers["sections"]["security"] and numbers["sections"]["security"]["resolved"] == 1
    assert numbers["later"]["ops"] == numbers["later"]["operations"]


def test_a_runbook_going_past_its_review_date_at_midnight_counts_in_the_room_without_a_recording(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The room's numbers were made again only when data/ changed: a meeting across midnight UTC (4 pm in California)
    kept the blockers of the day before, one less than `status` and `gate` gave once a critical runbook's review fell due."""
    import datetime

    from generator.format import oncall
    from generator.meeting import Room
    from generator.progress.record import append
    from generator.project import Project, check

    root = make_project(tmp_path / "project", data=ROOT / "tests" / "fixtures" / "mini")
    runbooks = root / "data" / "runbooks.yaml"
    text = runbooks.read_text(encoding="utf-8").replace("checklist: mini\n", "checklist: mini\nstale_blocks_gate: true\n")
    due = "    severity: critical\n    last_reviewed: 2026-01-01\n    review_every: 3 months\n"  # due by 2026-04-01
    runbooks.write_text(text.replace("    severity: high\n", due), encoding="utf-8")
    monkeypatch.setattr(oncall, "today", lambda: datetime.date(2026, 4, 1))
    room = Room(Project.at(root), check, append, root / "site")
    assert room.reload()
    before = json.loads(room.states["mini"])["readiness"]["blockers"]
    assert not room.reload()  # nothing changed: no new version each second
    monkeypatch.setattr(oncall, "today", lambda: datetime.date(2026, 4, 2))  # midnight UTC: the review is past due
    assert room.reload()
    assert json.loads(room.states["mini"])["readiness"]["blockers"] == before + 1 and not room.reload()


def test_the_list_of_blockers_goes_gzipped_to_a_browser_that_takes_it(client: Any) -> None:
    """The list is as long as the checklist (650 KB at 10,000 items): compressed once per version and sent so to a client
    whose Accept-Encoding takes gzip (a browser's does), as it is to one that refuses it; the token is still asked for."""
    url = f"/_meeting/blockers?checklist={CHECKLIST}"
    token = {"x-checklist-site-token": client.room.token}
    plain = client.get(url, headers={**token, "accept-encoding": "identity"})
    packed = client.get(url, headers={**token, "accept-encoding": "gzip, deflate, br"})
    refused = client.get(url, headers={**token, "accept-encoding": "gzip;q=0, identity"})
    assert plain.status_code == packed.status_code == refused.status_code == 200
    assert "content-encoding" not in plain.headers and "content-encoding" not in refused.headers
    assert packed.headers["content-encoding"] == "gzip" and packed.headers["vary"] == "Accept-Encoding"
    assert packed.json() == plain.json() == refused.json() and len(plain.json()["listed"]) > 50
    assert packed.num_bytes_downloaded * 3 < plain.num_bytes_downloaded
    assert client.get(url, headers={"accept-encoding": "gzip"}).status_code == 403


def test_a_restart_takes_up_the_crashed_meetings_token_and_a_second_server_shares_it(tmp_path: Path) -> None:
    """The room's browsers hold the token in their address and cookie: a restart after a crash takes it up again (they
    reconnect by themselves); a second meeting of the project while one runs takes it too, and said it was a restart."""
    from generator.commands.meeting import TOKEN_FILE, forget_token, token
    from generator.project import Project

    project = Project.at(tmp_path)
    first, said = token(project)
    kept = project.work / TOKEN_FILE
    assert said == "" and kept.read_text(encoding="ascii").split() == [first, str(os.getpid())] and kept.stat().st_mode & 0o077 == 0
    kept.write_text(f"{first} 999999999\n", encoding="ascii")  # its process is gone: a crash
    again, said = token(project)
    assert again == first and said.startswith("the meeting that stopped without ending goes on")
    kept.write_text(f"{first} {os.getppid()}\n", encoding="ascii")  # another meeting of the project runs
    shared, said = token(project)
    assert shared == first and said.startswith(f"another meeting of this project runs (process {os.getppid()})")
    kept.write_text(f"{first} {os.getppid()}\n", encoding="ascii")
    forget_token(project)  # this one ends; the other runs on with the file
    assert kept.exists()
    kept.write_text(f"{first} {os.getpid()}\n", encoding="ascii")
    forget_token(project)
    assert not kept.exists()
    crashed, _ = token(project)
    kept.write_text(f"{crashed} 999999999\n", encoding="ascii")
    os.utime(kept, (time.time() - 13 * 3600, time.time() - 13 * 3600))  # a crash of yesterday: a new address
    assert token(project) != (crashed, "") and token(project)[0] != crashed
