"""The live meeting's web application: the built site for the room, and an API through which every browser records into the project's record.

Reading needs the meeting's token (from the address printed at start, then a cookie); recording needs
the token in a header as well, a request from the meeting's own origin, a bounded body and a bounded
rate. Every recording goes through the record's ``append`` (the lock, the validation, the person's
name), one at a time. Browsers learn of changes through server-sent events and fetch the state: the
record's fold and the readiness numbers, computed once per version of the record (the readiness page fetches
its list of blockers too, made once per version when it asks).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import gc
import gzip
import hashlib
import ipaddress
import json
import logging
import os
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from .errors import BuildError, SiteError, UsageError
from .format import mailmap, oncall
from .format.bidi import embedded
from .format.fold import aliases, approver_roles, ordered, run_name, signed_groups, unseen
from .format.history import closing, reopened
from .format.mailmap import MAILMAP
from .format.model import Checklist, Data, Entry, Status
from .format.readiness import Later, Progress, readiness
from .format.types import Ident, identity, known, person, whole_number
from .programs import DETACHED, git_branch, git_commit, git_moves, git_rebasing, git_updating
from .progress.record import GIT_WAIT, Naming, as_recorded, closed_hint
from .project import LockBusy, Project
from .site import escape, layout
from .site.lists import recorded

log = logging.getLogger("checklist_site")
COOKIE = "checklist_site_meeting"
HEADER = "x-checklist-site-token"
API = "/_meeting/"
MAX_BODY = 64 * 1024  # bytes of one recording: a whole checklist's items fit many times over
RATE = (240.0, 40.0)  # per client address: a burst of recordings, then so many a second
HEARTBEAT = 15.0  # seconds between keep-alive events on an idle event stream (the version again)
TICK = 0.5  # seconds an event stream waits before it looks whether the meeting ends
POLL = 1.0  # seconds between looks at data/ for entries written by others (a `mark`, a git pull)
PAGES = 512  # pages whose recordings a meeting remembers by number (a room holds a few dozen tabs)
ANSWERS = 64  # of each page, the answers to its last recordings (one sent again is answered as the first time)
STREAMS = (64, 1024)  # event streams open at once: per client address (a machine's tabs), and in all (a room)
LOCK_WAIT = 3.0  # seconds a recording waits for the project's lock (another command's build, mark...) before it says so

Append = Callable[..., Path]  # the record's append(project, check, checklist_id, by, changes, replace=...)
Check = Callable[[Project], Data]


def _progress(p: Progress) -> dict[str, int]:
    names = ("total", "resolved", "percent", "critical", "critical_done", "signoffs", "signed")
    return {name: getattr(p, name) for name in names}


def live_state(c: Checklist, status: Status | None, version: int, stale: int = 0) -> dict[str, Any]:
    """What a browser in the meeting shows of a checklist: the record (as the built pages embed it) and the readiness
    numbers, every one the built pages show (overall, per section, after launch, the verdict with its count of blockers);
    ``stale``: the runbooks past their review date that block (as `gate` and the readiness page count them).

    Each is given by its id now and by its former ids too: the meeting rebuilds nothing, so after a rename while it runs
    (a git pull), the pages built before it name items, groups, roles, sections and rows by their former ids, and showed
    a renamed item open and its section's row as built while the live line counted it done."""
    r = readiness(c, status or Status(checklist=c.id))
    shown = recorded(status)
    for kind, former in (("items", aliases(c)), ("signoffs", signed_groups(c)), ("approvals", approver_roles(c))):
        shown[kind] = _also(shown[kind], former)
    sections = {former: s.id for s in c.sections for former in s.former_ids}
    return {
        "version": version,
        "checklist": c.id,
        "recorded": shown,
        "readiness": {
            "counts": r.counts.as_dict(),  # the numbers `status`, the pages and the export give
            "overall": _progress(r.overall),
            "sections": _also({s.id: _progress(p) for s, p in r.sections}, sections),
            "later": {key: _progress(later.progress) for later in r.later for key in _keys(later)},  # the readiness page's After launch, by row
            "go": r.go and not stale,
            "blockers": r.blocker_count + stale,
            "decision": r.decision.value,
        },
    }


def _also(found: Any, former: dict[Ident, Ident]) -> dict[str, Any]:
    """``found`` (by id) with what each former id's subject has, under the former id too (the id's own entry first)."""
    return {**{old: found[new] for old, new in former.items() if old != new and new in found}, **found}


def _keys(later: Later) -> list[str]:
    """An After launch row's key (:attr:`Later.key`), then the keys it had under its section's or group's former ids."""
    group = next((g for g in later.subject.groups if later.anchor and g.id == later.anchor), None)
    anchors = (later.anchor, *group.former_ids) if group is not None else (later.anchor,)
    keys = [f"{on}/{anchor}" if anchor else on for on in (later.subject.id, *later.subject.former_ids) for anchor in anchors]
    return list(dict.fromkeys(keys))


def live_blockers(c: Checklist, status: Status | None, version: int, urls: layout.Urls = layout.DIRECTORY_URLS) -> dict[str, Any]:
    """The readiness page's list of blockers as :func:`readiness` gives them, each [its words, its link as the readiness page
    built with ``urls`` links it] (stale runbooks are listed apart, as built). Apart from the state: only that page asks."""
    links: dict[int, str] = {}  # a link per page: a section's blockers share it
    listed = []
    for b in readiness(c, status or Status(checklist=c.id)).blockers:
        if id(b.subject) not in links:
            links[id(b.subject)] = layout.blocker_href(c, b.subject, "", urls)
        words = "".join(embedded(escape.script_text(part)) for part in b.parts)  # a part written right to left isolated, as `status` shows it
        listed.append([words, f"{links[id(b.subject)]}#{b.anchor}"])
    return {"version": version, "checklist": c.id, "listed": listed}


def blocking_runbooks(data: Data, checklist: str, run: str | None = None) -> int:
    """How many runbooks past their review date block ``checklist``'s current run (or ``run``; ``oncall.blocking``: a
    closed run's as it was closed), as every screen counts them."""
    return len(oncall.blocking(data, checklist, data.status(checklist, run)))


def built_urls(site: Path, c: Checklist) -> layout.Urls:
    """The URL style the served site was built with, read from its files (an ``--offline`` build's pages end in .html)."""
    built = site / layout.DIRECTORY_URLS.dest(layout.page_of(c, "readiness"))
    return layout.DIRECTORY_URLS if built.is_file() else layout.Urls(directory=False)


Signature = tuple[tuple[str, int, int], ...]  # every file of data/ with its size and modification time


def _signature(project: Project) -> Signature:
    """Every file under data/, and the project's .mailmap (who is who in the record), with its size and modification
    time: what changes when anything is recorded, or when the names read as one person do."""
    found = []
    for base, _, files in os.walk(project.data):
        for name in files:
            try:
                st = os.stat(os.path.join(base, name))
            except OSError:
                continue
            found.append((os.path.join(base, name), st.st_size, st.st_mtime_ns))
    with contextlib.suppress(OSError):
        st = os.stat(mailmap.path_of(project.root)[0])
        found.append((MAILMAP, st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


@dataclass
class Bucket:
    tokens: float
    at: float


@dataclass
class Sent:
    """What one page (a tab, named by an id it made at load) recorded, by the number it gave each recording: the answer to
    each of the last ones, and the latest number that changed each subject (an item, a sign-off, ...). A phone on a flaky
    network sends a recording again, or late: sent again, it is answered as the first time and not written twice; one
    overtaken by a later recording of the same subject from the same page (a tick that arrives after its untick) is
    refused, not written over the person's own later change. Each entry the meeting writes says its page and number
    (``recording``): a meeting started again (a crash, a restart) knows them from the record (``Room.recall``)."""

    answers: dict[int, bytes] = field(default_factory=dict)
    latest: dict[tuple[str, str], int] = field(default_factory=dict)


_SUBJECTS = ("item", "signoff", "approval", "assign", "attendee", "run")


def subjects(changes: list[dict[str, Any]]) -> set[tuple[str, str]]:
    """What a recording's changes are about: (kind, id); the Go / No-Go decision is ('decision', '')."""
    return {next(((k, str(ch[k])) for k in _SUBJECTS if ch.get(k)), ("decision", "")) for ch in changes}


def entry_subjects(entry: Entry) -> set[tuple[str, str]]:
    """:func:`subjects` of an entry of the record, as its page's recording named them (a run's event by its word)."""
    found = set()
    for change in entry.changes:
        value = getattr(change, change.kind, "") if change.kind != "decision" else ""
        found.add((change.kind, str(getattr(value, "value", value) or "")))
    return found


def canonical(data: Data | None, checklist: str, found: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """``found`` (:func:`subjects`) by the ids ``checklist`` gives them now: a page built before a rename sends the former
    id, the entry is written with the id now (``record._current_ids``), and a meeting started again knows the page's
    recordings from the entries: by the former id, a late one was not found overtaken."""
    c = data.checklist(checklist) if data is not None else None
    if c is None:
        return found
    items = aliases(c)
    maps = {"item": items, "assign": items, "signoff": signed_groups(c), "approval": approver_roles(c)}
    return {(kind, maps[kind].get(Ident(ident), ident) if kind in maps else ident) for kind, ident in found}


def tag_of(recording: str) -> tuple[str, tuple[str, int] | None]:
    """An entry's ``recording`` ('MEETING/PAGE/NUMBER', or 'MEETING' for a recording no page numbered) as (the meeting,
    (page, number) or None); ('', None) for one the meeting did not write."""
    parts = recording.split("/")
    meeting, page, number = (parts[0], "", "") if len(parts) == 1 else (parts[0], parts[1], parts[2]) if len(parts) == 3 else ("", "", "")
    if not _MEETING.fullmatch(meeting):
        return "", None
    counted = whole_number(number, 2**53 - 1)
    if not page or not _PAGE.fullmatch(page) or not counted:
        return meeting, None
    return meeting, (page, counted)


_MEETING = re.compile(r"[0-9a-f]{12}")


@dataclass
class Room:
    """One meeting: the project, its token, the record's current version and who recorded what."""

    project: Project
    check: Check
    append: Append
    site: Path
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    version: int = 0
    states: dict[str, bytes] = field(default_factory=dict)
    typed: Counter[str] = field(default_factory=Counter)  # the room's entries by the name each was recorded under, first first
    folders: set[Path] = field(default_factory=set)  # where this meeting's entries went (a run's: its subfolder)
    problem: str = ""  # why data/ as it is now does not check ('' when it does)
    seen: Signature = ()
    failed: Signature = ()  # the signature of data/ that last failed its check: not checked again each second
    buckets: dict[str, Bucket] = field(default_factory=dict)
    closing: bool = False
    last: tuple[Signature, Data] | None = None  # the files' signature and the data checked from them
    current: tuple[int, Data] | None = None  # the version and the data its state was made from
    listed: dict[str, tuple[int, bytes, bytes]] = field(default_factory=dict)  # each checklist's blockers, of a version (and gzipped)
    day: datetime.date | None = None  # the day the state's runbooks were judged on
    sent: dict[str, Sent] = field(default_factory=dict)  # each page's recordings by number (``Sent``), the page named by its id
    runs: dict[str, str] = field(default_factory=dict)  # each checklist's run the room records into and shows (``run``)
    built: dict[str, str] = field(default_factory=dict)  # each checklist's current run as the meeting began (its pages were built for it)
    chosen: str | None = None  # `meeting --run NAME` ('' the default run): the room's run of each checklist that has it
    told: set[tuple[str, str]] = field(default_factory=set)  # the runs started since, said in the terminal
    recalled: bool = False  # whether the pages' recordings the record holds were taken up (``recall``, once)
    home: tuple[str, str] | None = None  # the checkout as the meeting began (``checkout``: ('', '') in no repository): its record is the room's
    away: tuple[str, str] = ("", "")  # the checkout instead, while it is (said once in the terminal)
    followed: set[str] = field(default_factory=set)  # on a detached HEAD: its commit as the meeting began, and each made on it since
    reflog: int = 0  # how much of HEAD's reflog was read (``git_moves``)
    away_since: float = 0.0  # when the checkout moved (time.monotonic)
    said: bool = False  # whether the terminal was told of the move
    hosts: frozenset[str] = frozenset()  # the names of this machine a browser may ask for besides addresses and localhost (``own_host``)
    streams: Counter[str] = field(default_factory=Counter)  # the event streams open, by client address (``STREAMS``)

    def __post_init__(self) -> None:
        self.writing = asyncio.Lock()
        self.making = threading.Lock()  # the lists of blockers, made in worker threads (one at a time: the Markdown converter is shared)
        self.changed = asyncio.Event()

    def checked(self, project: Project, seen: Signature | None = None) -> Data:
        """``check``, remembering the data with the files it was read from (their signature, ``seen`` when known): the
        same files are not checked again. A recording's first check is the state the room shows (its files have not
        changed since: at 10,000 entries, one check of two, 1.3 s), and the state after it is the one its append
        checked last."""
        seen = _signature(self.project) if seen is None else seen
        if self.last is not None and self.last[0] == seen:
            return self.last[1]
        data = self.check(project)
        self.last = (seen, data)
        return data

    def reload(self) -> bool:
        """Fold the record again when data/ changed, or the day did; True when the state moved on (a new version).

        A new day (UTC, as `status` judges runbooks) can make a runbook past its review date block the launch: a meeting
        across midnight UTC (4 pm in California) gave the count of the day before until something was recorded."""
        if self.elsewhere():
            return False  # another branch's record: the room goes on seeing its own, as it was
        seen, day = _signature(self.project), oncall.today()
        if seen == self.seen and self.states and day == self.day:
            self.problem, self.failed = "", ()  # as shown (a file that broke the check was taken out)
            return False
        if self.failed and seen == self.failed:
            return False
        self.day = day
        try:
            data = self.current[1] if seen == self.seen and self.current is not None else self.checked(self.project, seen)  # (the same files: another day)
        except SiteError as exc:  # keep showing the last valid state, and say why in the meeting's terminal, once
            if git_updating(self.project.root) is not None:
                return False  # a git pull writing data/: a file half written for a moment, nothing to fix (the next look checks again)
            said, self.failed = exc.format(), seen
            if said != self.problem:
                log.warning("data/ does not check since it changed, so the room goes on seeing the record as it was; fix it:\n%s", said)
            self.problem = said
            return False
        self.seen, self.problem, self.failed = seen, "", ()
        if not self.recalled:
            self.recall(data)
        gc.freeze()  # the checked data stays: later collections (one per check) skip it
        self.version += 1
        runs = {c.id: self.run(data, c.id) for c in data.checklists}
        self.states = {
            c.id: _json(
                {**live_state(c, data.status(c.id, runs[c.id]), self.version, blocking_runbooks(data, c.id, runs[c.id])), "run": self.shown(data, c.id),
                 "unseen": self.unseen(data, c.id)},
                sort_keys=True,
            )
            for c in data.checklists
        }
        self.current = (self.version, data)
        return True

    def blockers(self, checklist: str, packed: bool = False) -> bytes | None:
        """:func:`live_blockers` of the current version (None: no such checklist), made when a readiness page first asks;
        ``packed``: gzip-compressed once per version, as a browser that accepts it is sent it (650 KB -> 55 KB at 10,000 items)."""
        if self.current is None:
            return None
        with self.making:  # readers asking at once (every readiness page after a recording): made once, the others wait for it
            kept = self._blockers(checklist)
        return None if kept is None else kept[1] if packed else kept[0]

    def _blockers(self, checklist: str) -> tuple[bytes, bytes] | None:
        assert self.current is not None
        version, data = self.current  # one version's data, whatever a recording changes meanwhile
        kept = self.listed.get(checklist)
        if kept is not None and kept[0] == version:
            return kept[1], kept[2]
        c = next((c for c in data.checklists if c.id == checklist), None)
        if c is None:
            return None
        found = _json(live_blockers(c, data.status(c.id, self.run(data, c.id)), version, built_urls(self.site, c)))
        packed = gzip.compress(found, 6, mtime=0)
        self.listed[checklist] = (version, found, packed)
        return found, packed

    def checkout(self) -> tuple[str, str]:
        """What the project's git checkout is: ('branch', name), ('commit', its id) on a detached HEAD, ('rebase', the
        branch rewritten) while a rebase runs (a `git pull --rebase` too), ('', '') in no repository."""
        root = self.project.root
        rebasing, branch = git_rebasing(root), git_branch(root)
        if rebasing:
            return "rebase", rebasing
        if branch == DETACHED:
            return "commit", git_commit(root)
        return ("branch", branch) if branch else ("", "")

    def elsewhere(self) -> str:
        """Where the project's checkout is instead of where the meeting began ('' when there): a `git checkout` of another
        release's branch while the meeting runs put that branch's record under the room, whose numbers then showed its run,
        or none at all (0 resolved), and whose recordings went into it, or were refused with the hint to start the room's
        run there. So did a checkout of another commit or tag under a meeting begun on one (a detached HEAD: a release's
        tag), and a rebase (its work tree one of the commits it replays, not the branch's record). Said once in the
        meeting's terminal; the room keeps what it showed and records nothing until the checkout is back (:meth:`back`).
        On a detached HEAD, a commit made on it (a merge, a pull, a cherry-pick) is still the room's checkout, and so is
        a branch made of it (`git switch -c NAME`), which the room then goes on with."""
        here = self.checkout()
        if self.home is None:
            self.home = here
            self.followed = {here[1]} if here[0] == "commit" else set()
            self.reflog = git_moves(self.project.root, 1 << 62)[1] if here[0] == "commit" else 0  # (its end: what moves from now on)
        if here == self.home or not self.home[0] or self._followed(here):  # (a meeting begun outside git: a `git init` since moves nothing)
            self.away = ("", "")
            return ""
        if here != self.away:
            self.away, self.away_since, self.said = here, time.monotonic(), False
        if not self.said and (not self.passing() or time.monotonic() - self.away_since > GIT_WAIT):
            self.said = True  # (a rebase of the room's branch, a `git pull --rebase`, is said once it lasts: one that ends at once is not)
            log.warning("%s: the room keeps showing the record as it was and records nothing until then: %s", self.moved(), self.back())
        return self._words(here)

    def passing(self) -> bool:
        """Whether the checkout is away for a rebase of the room's own branch (a `git pull --rebase`): over in a moment,
        unless it stopped at a conflict. A recording waits for it as for any git command writing the files. So does a
        detached HEAD under a room begun on a branch: git detaches it for a moment as a rebase begins and ends, before
        it writes or after it removes what says a rebase is under way."""
        if self.home is None or self.home[0] != "branch":
            return False
        return self.away == ("rebase", self.home[1]) or self.away[0] == "commit"

    def settled(self) -> str:
        """:meth:`elsewhere`, once a rebase of the room's branch under way has ended (GIT_WAIT seconds at most)."""
        deadline = time.monotonic() + GIT_WAIT
        while (away := self.elsewhere()) and self.passing() and time.monotonic() < deadline:
            time.sleep(0.05)
        return away

    def _followed(self, here: tuple[str, str]) -> bool:
        """Whether ``here`` is still the room's checkout, begun on a detached HEAD (a rebase: on the branch it rewrites)."""
        assert self.home is not None
        if self.home[0] == "rebase":
            if here == ("branch", self.home[1]):
                self.home = here  # the rebase the meeting began under ended
            return here[0] == "branch" and here[1] == self.home[1]
        if self.home[0] != "commit" or not here[1]:
            return False
        if here[0] == "commit" and here[1] in self.followed:
            return True
        moves, self.reflog = git_moves(self.project.root, self.reflog)
        for was, now, what in moves:
            if was in self.followed and what.startswith(("commit", "merge", "cherry-pick", "revert", "pull")) and not what.startswith("pull --rebase"):
                self.followed.add(now)  # work made on the checkout: not a checkout, a reset or a rebase elsewhere
            elif here[0] == "branch" and was == now and was in self.followed and what == f"checkout: moving from {was} to {here[1]}":
                self.home = here  # a branch made of the room's commit: the room goes on with it
                return True
        return here[0] == "commit" and here[1] in self.followed

    @staticmethod
    def _words(where: tuple[str, str]) -> str:
        kind, name = where
        if kind == "commit":
            return f"commit {name[:12]} (a detached HEAD)"
        if kind == "rebase":
            return f"a rebase of branch {name}" if name != DETACHED else "a rebase of a detached HEAD"
        return f"branch {name}" if kind else "no git repository"

    def moved(self) -> str:
        """What the checkout moved to, in words (when :meth:`elsewhere`)."""
        assert self.home is not None
        return f"the project's checkout moved to {self._words(self.away)} since the meeting began on {self._words(self.home)}"

    def back(self) -> str:
        """What brings the checkout back to the room's (when :meth:`elsewhere`)."""
        assert self.home is not None
        kind, name = self.home
        again = f"check out {self._words(self.home)} again (git checkout {name[:12] if kind == 'commit' else name})"
        if self.away[0] == "rebase":
            finish = "finish the rebase (git rebase --continue, or git rebase --abort)"
            return finish if self.away[1] == name and kind != "commit" else f"{finish}, then {again}"
        return again

    def run(self, data: Data, checklist: str) -> str:
        """The run of ``checklist`` the room records into and shows: the one `meeting --run NAME` chose (``chosen``, for
        each checklist that has it), else the current one as the meeting began (its pages were built for it), whatever run
        is started meanwhile (a `run start v1.1` pulled in while the 1.0 meeting goes on turned the room's recordings and
        numbers to v1.1, under pages of 1.0). With a release's run and a hotfix's open at once, the meeting of the release
        recorded into the hotfix's, the run started last, and no screen said which run it showed. Said once in the
        meeting's terminal when the current run moves since."""
        current = data.status(checklist)
        now = current.run if current is not None else ""
        built = self.built.setdefault(checklist, now)
        chosen = self.chosen is not None and data.status(checklist, self.chosen) is not None
        pinned = self.runs.setdefault(checklist, self.chosen if chosen and self.chosen is not None else now)
        if now != built and (checklist, now) not in self.told:
            self.told.add((checklist, now))
            why = ", which its pages were built for" if pinned == built else ""
            log.warning("run %s of %s was started since the meeting began: the room goes on recording into run %s%s; end the meeting and start "
                        "it again to record into %s", run_name(now), checklist, run_name(pinned), why, run_name(now))
        for other in data.runs_of(checklist):  # as status names them: a run started under another name on a branch, merged
            if other.closed is None and other.run != pinned and (checklist, other.run) not in self.told:
                self.told.add((checklist, other.run))
                again = reopened(other).rstrip()  # re-opened: who, when, why, as `run list` and `status` say it
                log.warning("run %s of %s is open too%s, its record apart from the room's run %s (not in the room's numbers): see it with "
                            "checklist-site status --run %s%s", *(run_name(other.run), checklist, again, run_name(pinned), run_name(other.run)),
                            f" (the meeting of it: meeting --run {run_name(other.run)})" if other.run == now or self.chosen is not None
                            else f"; once its launch is over, checklist-site run close {run_name(other.run)}")
        return pinned

    def unseen(self, data: Data, checklist: str) -> list[str]:
        """What the room's run holds that was recorded without another person's recording of it (``fold.unseen``: two
        meetings on two laptops, or a laptop and a terminal, each recording the same item before pulling the other's):
        said in the meeting's terminal only, so the room saw Priya's done turn into Arun's n/a when a pull brought it, and
        nobody was asked which holds. Every page's live line says it, until someone who has both records what holds."""
        status = data.status(checklist, self.run(data, checklist))
        return [] if status is None else [i.message for i in unseen(replace(data, statuses=(status,), runs=()))]

    def shown(self, data: Data, checklist: str) -> dict[str, Any]:
        """Which run the room shows of ``checklist``, for every screen to say (the live line): its name, the run its pages
        were built for (the current one as the meeting began: their words and numbers before the live ones), whether the
        checklist has named runs (none: no run is named, as `status` names none), and who re-opened it, when and why."""
        run = self.run(data, checklist)
        status = data.status(checklist, run)
        again = reopened(status).strip()[1:-1] if status is not None and status.closed is None else ""
        ended = closing(status) if status is not None else ""  # closed while the room is open: its line says so, as status does
        shown = {"name": run_name(run), "built": run_name(self.built.get(checklist, run)), "named": bool(data.runs_of(checklist)), "reopened": again}
        return shown | {"closed": ended}

    @property
    def entries(self) -> Counter[str]:
        """Who recorded how many of the room's entries: one person however each was typed, as the record reads names
        now (the project's .mailmap as the last check read it), under the name first recorded ('Priya', 'priya': one).
        Counted as each was recorded, a line added to the map mid-meeting ('P. Sharma' is Priya Sharma) or a person
        renamed in it left the end's summary and --commit's message naming one person twice."""
        names: dict[str, str] = {}
        found: Counter[str] = Counter()
        for name, n in self.typed.items():
            found[names.setdefault(identity(name), known(name))] += n
        return found

    def meeting(self) -> str:
        """The meeting's name in the entries it writes (``recording``): a digest of its token, which a meeting started
        again takes up (and a second server of the room shares), never the token itself."""
        return hashlib.sha256(self.token.encode()).hexdigest()[:12]

    def project_key(self) -> str:
        """The project, to a page (its recordings kept unsent are kept under it in the browser's storage, which every
        meeting on this machine's address shares, of this project or another): a digest of its folder, the same for every
        meeting of it here, never the folder's path."""
        return hashlib.sha256(os.fsencode(self.project.root.resolve())).hexdigest()[:16]

    def recall(self, data: Data) -> None:
        """Take up what this meeting recorded before it was started again (each entry it writes says the meeting, the page
        and the page's number): after a crash or a restart, with the room's pages still open, a recording sent again (its
        answer lost as the server stopped) was answered as new and written twice, one held up on a phone's network was
        written over the same page's later recording of the same item, and the end's "who recorded how many" (and the
        commit's message) counted only what was recorded since the restart. Once, as the meeting starts.

        A page's recordings of an earlier meeting are taken up too (a page is one load of one meeting's page, its id random:
        no other page has it), only as answered, not as this meeting's: a page keeps what got no answer across a reload
        (the browser's storage) and sends it once a meeting answers, which may be the next one, with a new token, after the
        laptop slept through the end of the one it was sent to."""
        self.recalled = True
        found = {e.source: e for s in (*data.statuses, *data.runs) for e in s.entries if e.recording}  # the current run is in both
        mine = self.meeting()
        for entry in ordered(found.values()):
            meeting, tag = tag_of(entry.recording)
            if meeting == mine:
                self.typed[person(entry.by)] += 1
                self.folders.add((self.project.root / entry.source).parent)
            if tag is not None:
                self.remember(tag, canonical(data, entry.checklist, entry_subjects(entry)), _json({"entry": entry.source, "version": self.version + 1}))

    def bump(self) -> None:
        old, self.changed = self.changed, asyncio.Event()
        old.set()

    def repeated(self, tag: tuple[str, int] | None, changes: list[dict[str, Any]], checklist: str = "") -> Response | None:
        """The answer to a recording its page sent before (the same answer), or the refusal of one a later recording of
        the same page overtook; None for a recording to write (or one without a page's number: a script's)."""
        if tag is None or (sent := self.sent.get(tag[0])) is None:
            return None
        page, number = tag
        if number in sent.answers:
            return Response(sent.answers[number], media_type="application/json", headers=HEADERS)
        about = canonical(self.current[1] if self.current else None, checklist, subjects(changes))
        overtaken = [(kind, ident) for kind, ident in about if sent.latest.get((kind, ident), 0) > number]
        later = sorted(f"{kind} '{ident}'" if ident else "the Go / No-Go decision" for kind, ident in overtaken)
        if later:
            message = f"nothing recorded: this page recorded {', '.join(later)} again after this recording, which reached the meeting late"
            return _problem(409, message, "the page shows what is recorded now; record it again if it is still what you mean")
        return None

    def remember(self, tag: tuple[str, int] | None, about: set[tuple[str, str]], answer: bytes) -> None:
        """Keep ``answer`` as the one to recording ``tag`` (page, number), and its subjects as changed by that number."""
        if tag is None:
            return
        page, number = tag
        sent = self.sent.pop(page, None) or Sent()
        self.sent[page] = sent  # the page recorded last comes last: the first ones go when there are too many
        while len(self.sent) > PAGES:
            del self.sent[next(iter(self.sent))]
        sent.answers[number] = answer
        while len(sent.answers) > ANSWERS:
            del sent.answers[min(sent.answers)]
        for subject in about:
            sent.latest[subject] = max(number, sent.latest.get(subject, 0))

    def allowed(self, client: str) -> bool:
        """Take one recording from ``client``'s bucket; False when it is empty (too many too fast)."""
        size, rate = RATE
        now = time.monotonic()
        b = self.buckets.setdefault(client, Bucket(size, now))
        b.tokens = min(size, b.tokens + (now - b.at) * rate)
        b.at = now
        if b.tokens < 1:
            return False
        b.tokens -= 1
        return True


def _token_ok(room: Room, given: str | None) -> bool:
    return bool(given) and secrets.compare_digest(str(given).encode(), room.token.encode())


def _cookie(request: Request) -> str:
    """The name of the meeting's cookie: :data:`COOKIE` and the port. A browser keeps cookies by host, whatever the port,
    so two meetings on one machine (two projects, two launches) set one cookie, and the first one's pages answered 403."""
    return f"{COOKIE}_{request.url.port or (443 if request.url.scheme == 'https' else 80)}"


def _reader(room: Room, request: Request) -> bool:
    return _token_ok(room, request.cookies.get(_cookie(request))) or _token_ok(room, request.headers.get(HEADER))


def _json(value: Any, **options: Any) -> bytes:
    """A JSON answer's body: '<', '>' and '&' as JSON escapes (``escape.json_inert``), as the site's JSON files."""
    return escape.json_inert(json.dumps(value, **options)).encode()


TOKEN_HINT = "open the address checklist-site meeting printed when it started (it carries the token); a meeting started again keeps it"
RELOAD_HINT = "reload this page (one built before the meeting started may send what the server no longer takes), then record again"


def _no_checklist(room: Room) -> Response:
    return _problem(404, "this meeting has no such checklist", f"reload the page from the meeting's address (its checklists: {', '.join(sorted(room.states))})")


def _problem(status: int, error: str, hint: str, **more: Any) -> Response:
    """A refusal: what went wrong (it may quote what was sent) and how to fix it, as JSON; the page shows both (a
    refusal without its fix left the room with 'the meeting refused it (400)', or 'reconnecting…' for good)."""
    return Response(_json({"error": error, "hint": hint, **more}), status_code=status, media_type="application/json", headers=HEADERS)


FORBIDDEN = (
    "<!doctype html><meta charset=utf-8><meta name=viewport content='width=device-width,initial-scale=1'>"
    "<meta name=color-scheme content='light dark'><title>Launch meeting</title>"
    "<style>body{max-width:40em;margin:2em auto;padding:0 1em;font:1.1em/1.5 system-ui,sans-serif}</style>"
    "<h1>This is a live launch meeting</h1>"
    "<p>Open the address <code>checklist-site meeting</code> printed when it started: it carries the meeting's token.</p>"
)


def _same_origin(request: Request) -> bool:
    """The request comes from a page of the meeting itself: its Origin is this server's, or the browser says same-origin."""
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin is not None:
        return origin in (f"http://{host}", f"https://{host}")
    return request.headers.get("sec-fetch-site") == "same-origin"


def own_host(host: str, names: frozenset[str]) -> bool:
    """Whether a request's Host header names this machine: an IP address, localhost (or a name under .localhost), or one
    of ``names`` (this machine's names, those `meeting --allow-host` adds), with or without a port.

    A page of another site can make its own name lead to 127.0.0.1 (DNS rebinding): the browser then takes the meeting
    for that site, sends it that name, and lets the page read what it answers and post to it as its own origin (the
    origin check compares the Origin with the Host, both the attacker's). An address is no name a site can give again.

    >>> [own_host(h, frozenset({"laptop"})) for h in ("127.0.0.1:8765", "[::1]:8765", "localhost", "LAPTOP:80", "a.localhost")]
    [True, True, True, True, True]
    >>> [own_host(h, frozenset()) for h in ("evil.test:8765", "127.0.0.1.evil.test", "", "localhost.evil.test", "[::1", "1.2.3.4:x")]
    [False, False, False, False, False, False]
    """
    name, port = host, ""
    if host.startswith("["):
        name, closed, rest = host[1:].partition("]")
        if not closed or not (rest == "" or rest.startswith(":")):
            return False
        port = rest[1:]
    elif host.count(":") == 1:
        name, port = host.split(":")
    if port and not (port.isascii() and port.isdigit()):
        return False
    name = name.lower().removesuffix(".")
    if not name:
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    return name == "localhost" or name.endswith(".localhost") or name in names


ELSEWHERE = FORBIDDEN.split("<p>")[0] + (
    "<p>It answers only to this machine's addresses and names: open the address <code>checklist-site meeting</code> printed"
    " when it started (to use another name of this machine, start it with <code>--allow-host NAME</code>).</p>"
)
HOST_HINT = "open the address checklist-site meeting printed (this machine's address); to use a name of this machine, start the meeting with --allow-host NAME"


class _OwnHost:
    """Every request answered only when its Host names this machine (``own_host``); any other is refused before a
    route sees it: a page, the state, the event stream and recordings alike."""

    def __init__(self, app: Any, room: Room) -> None:
        self.app, self.room = app, room

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host", "")
            if not own_host(host, self.room.hosts):
                error = f"this meeting does not answer to the name {host!r}: only to this machine's addresses and names"
                if str(scope.get("path", "")).startswith(API):
                    refused = _problem(421, f"{error}: nothing recorded", HOST_HINT)
                else:
                    refused = Response(ELSEWHERE, status_code=421, media_type="text/html", headers=HEADERS)
                await refused(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _room(request: Request) -> Room:
    room: Room = request.app.state.room
    return room


def _file(site: Path, path: str) -> Path | None:
    """The built file a URL path names (a folder: its index.html), never one outside the site; None for a path no file
    can have (a NUL, a name longer than the file system takes)."""
    try:
        target = (site / path.lstrip("/")).resolve()
        if target != site and site not in target.parents:
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None
    except (ValueError, OSError):
        return None


HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"}


def _html(room: Room, path: Path, status: int = 200) -> Response:
    """A page of the site with the meeting's meta element, which turns its Record panel live."""
    text = path.read_text(encoding="utf-8")
    meta = f'<meta name="checklist-site-meeting" content="{room.token}" data-api="{API}" data-project="{room.project_key()}">'
    at = text.find("</head>")
    text = text[:at] + meta + text[at:] if at >= 0 else meta + text
    return Response(text, status_code=status, media_type="text/html; charset=utf-8", headers={**HEADERS, "Cache-Control": "no-store"})


async def page(request: Request) -> Response:
    """Any page or file of the built site, for a browser that holds the token (given once in the address, then a cookie)."""
    room = _room(request)
    given = request.query_params.get("token")
    if given is not None:
        if not _token_ok(room, given):
            return Response(FORBIDDEN, status_code=403, media_type="text/html", headers=HEADERS)
        clean = request.url.remove_query_params("token")
        local = "/" + clean.path.lstrip("/\\")  # one slash: '//evil.test/' (or '/%2F%2Fevil.test/') is another site's address to a browser
        answer = RedirectResponse(local + (f"?{clean.query}" if clean.query else ""), status_code=303, headers=HEADERS)
        answer.set_cookie(_cookie(request), room.token, httponly=True, samesite="strict", path="/")
        return answer
    if not _reader(room, request):
        return Response(FORBIDDEN, status_code=403, media_type="text/html", headers=HEADERS)
    found = _file(room.site, request.scope["path"])
    if found is None:
        missing = room.site / "404.html"
        return _html(room, missing, 404) if missing.is_file() else Response("not found", status_code=404, headers=HEADERS)
    if found.suffix == ".html":
        return _html(room, found)
    return FileResponse(found, headers=HEADERS)


async def state(request: Request) -> Response:
    """The record of a checklist and its readiness numbers, as of the latest version."""
    room = _room(request)
    if not _reader(room, request):
        return _problem(403, "the meeting's token is missing or wrong", TOKEN_HINT)
    found = room.states.get(request.query_params.get("checklist", ""))
    if found is None:
        return _no_checklist(room)
    return Response(found, media_type="application/json", headers={**HEADERS, "Cache-Control": "no-store"})


async def blockers(request: Request) -> Response:
    """The readiness page's list of blockers, as of the latest version (a list as long as the checklist: not in every state)."""
    import anyio

    room = _room(request)
    if not _reader(room, request):
        return _problem(403, "the meeting's token is missing or wrong", TOKEN_HINT)
    packed = _accepts_gzip(request)
    found = await anyio.to_thread.run_sync(room.blockers, request.query_params.get("checklist", ""), packed)
    if found is None:
        return _no_checklist(room)
    headers = {**HEADERS, "Cache-Control": "no-store", "Vary": "Accept-Encoding"}
    return Response(found, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"} if packed else headers)


def _accepts_gzip(request: Request) -> bool:
    """Whether the request's Accept-Encoding takes gzip (a browser's always does; ``gzip;q=0`` refuses it)."""
    for part in request.headers.get("accept-encoding", "").split(","):
        name, _, params = part.partition(";")
        if name.strip().lower() == "gzip":
            q = params.replace(" ", "").lower()
            try:
                return not q.startswith("q=") or float(q[2:]) > 0
            except ValueError:
                return False
    return False


async def events(request: Request) -> Response:
    """Server-sent events: the record's version now, then each time it moves on."""
    room = _room(request)
    if not _reader(room, request):
        return _problem(403, "the meeting's token is missing or wrong", TOKEN_HINT)

    client = request.client.host if request.client else ""
    mine, most = STREAMS
    if room.streams[client] >= mine or sum(room.streams.values()) >= most:  # each wakes twice a second: thousands took the server
        hint = "close the meeting's pages this machine no longer needs (other tabs, other browsers), then reload this one"
        return _problem(429, f"too many pages of this meeting are open at once (at most {mine} a machine, {most} in all)", hint)

    async def stream() -> AsyncIterator[str]:
        room.streams[client] += 1  # counted once the stream runs, uncounted however it ends (a page closed: cancelled)
        try:
            async for event in _events(room):
                yield event
        finally:
            room.streams[client] -= 1
            if room.streams[client] <= 0:
                del room.streams[client]

    return StreamingResponse(stream(), media_type="text/event-stream", headers={**HEADERS, "Cache-Control": "no-store", "X-Accel-Buffering": "no"})


async def _events(room: Room) -> AsyncIterator[str]:
    """The events of one stream: the record's version now, then each time it moves on, and the version again when quiet."""
    sent = room.version
    yield f"retry: 1000\ndata: {json.dumps({'version': sent})}\n\n"
    quiet = 0.0
    while not room.closing:  # the meeting ends: the stream ends, so the server stops at once
        changed = room.changed
        if room.version == sent:  # a version that came while the last one was being sent is sent at once
            try:
                await asyncio.wait_for(changed.wait(), TICK)
            except TimeoutError:
                quiet += TICK
                if quiet >= HEARTBEAT:  # an event, not a comment (pages never see those): the version again, so a
                    quiet = 0.0  # page that missed one (a connection that stalled) catches up, and knows it is connected
                    yield f"data: {json.dumps({'version': sent})}\n\n"
                continue
        quiet, sent = 0.0, room.version
        yield f"data: {json.dumps({'version': sent})}\n\n"


async def _body(request: Request) -> bytes | None:
    """The request's body, or None when it is over MAX_BODY (read no further)."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and whole_number(length, MAX_BODY) is None:
        return None  # announced over the limit (the stream is read within it all the same)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            return None
    return bytes(body)


Recording = tuple[str, str, list[dict[str, Any]], bool | list[Any], tuple[str, int] | None, str | None]
_PAGE = re.compile(r"[A-Za-z0-9_-]{8,64}")


def _recording(payload: Any) -> Recording | str:
    """(checklist, by, changes, replace, tag, run) from a request's JSON, or what is wrong with it. ``replace``: true,
    false, or the entries of others the person agreed to change as their page showed them (the record's ``unagreed``);
    ``tag``: the page's id and the number it gave the recording (``Sent``), or None; ``run``: the run the page recorded
    it for (its live line's, as ``run_name`` names it), or None (a script's, a page of an earlier version)."""
    if not isinstance(payload, dict):
        return "the body is not a JSON object"
    checklist, by, changes, replace = payload.get("checklist"), payload.get("by"), payload.get("changes"), payload.get("replace", False)
    if not isinstance(checklist, str) or not isinstance(by, str) or not isinstance(replace, (bool, list)):
        return "'checklist' and 'by' must be texts, 'replace' true, false or the entries agreed to change"
    if not isinstance(changes, list) or not changes or not all(isinstance(c, dict) for c in changes):
        return "'changes' must be a list of changes (objects)"
    run = payload.get("run")
    if run is not None and not isinstance(run, str):
        return "'run' must be the name of the run the recording was made for"
    page, number = payload.get("page"), payload.get("number")
    if page is None and number is None:
        return checklist, by, changes, replace, None, run
    if not isinstance(page, str) or not _PAGE.fullmatch(page) or type(number) is not int or not 0 < number < 2**53:
        return "'page' must be the page's id (8 to 64 letters, digits, '-' or '_') and 'number' a whole number from 1, given together"
    return checklist, by, changes, replace, (page, number), run


class OtherRun(BuildError):
    """A recording made for another run than the room's (kept unsent in a browser through the end of the meeting of that
    run): refused, and the page keeps it (``elsewhere`` in its answer)."""


async def _guard(room: Room, request: Request) -> tuple[Response | None, Any]:
    """Refuse a recording without the token, from another origin, too large or too fast; else its JSON."""
    if not _token_ok(room, request.headers.get(HEADER)):
        return _problem(403, "the meeting's token is missing or wrong: nothing recorded", TOKEN_HINT), None
    if not _same_origin(request):
        hint = "record from a page of the meeting's address, not from another site"
        return _problem(403, "the request does not come from a page of this meeting: nothing recorded", hint), None
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        return _problem(415, "send the recording as application/json", RELOAD_HINT), None
    body = await _body(request)
    if body is None:
        return _problem(413, f"the recording is over {MAX_BODY} bytes: nothing recorded", "record fewer changes at once"), None
    if not room.allowed(request.client.host if request.client else ""):
        return _problem(429, "too many recordings too fast: nothing recorded", "wait a moment and record again"), None
    try:
        return None, json.loads(body)
    except ValueError:
        return _problem(400, "the body is not JSON: nothing recorded", RELOAD_HINT), None
    except RecursionError:  # '[' twenty thousand times fits MAX_BODY
        return _problem(400, "the body is JSON nested deeper than a recording is: nothing recorded", RELOAD_HINT), None


def _refuse_closed(data: Data, checklist: str, run: str, chosen: bool = False) -> None:
    """Refuse a recording into the room's run once it is closed (in a terminal, or pulled from git, while the meeting
    goes on), saying what to do in the meeting's terms: the record's refusal told the room to start the next run, where
    one may be going on already (the meeting records into the run current as it began)."""
    status = data.status(checklist, run)
    if status is not None and status.closed is not None:
        again = "start it again without --run" if chosen else "start it again"  # `meeting --run` of a closed run is refused
        hint = closed_hint(data, checklist, f"end this meeting (Ctrl+C in its terminal) and {again}, which records into it")
        raise BuildError(f"nothing recorded: run {run_name(run)} was closed at {status.closed.isoformat(timespec='seconds')}, since this meeting began", hint)


def _refuse_other_run(room: Room, checklist: str, pinned: str | None, made_for: str | None) -> None:
    """Refuse a page's recording made for another run than the room's (``pinned``, else its run of ``checklist``): one kept
    unsent in the browser through the end of that run's meeting is not recorded into the next release's run."""
    if made_for is None:  # a script's, or a page's of an earlier version
        return
    room_run = run_name(pinned if pinned is not None else room.run(room.checked(room.project), checklist))
    if made_for != room_run:
        raise OtherRun(
            f"nothing recorded: this recording was made for run {made_for}, and this meeting records into run {room_run}",
            f"the page keeps it: a meeting of run {made_for} (checklist-site meeting --run {made_for}) records it; "
            f"if it holds for run {room_run} too, record it again here",
        )


ROOM = Naming(
    {"by": "your name", "approver": "the approver's name", "to": "the owner's name", "name": "the name", "attendee": "the attendee's name"},
    "type the person's name in the Record panel instead",
)


def _named(by: str) -> str:
    """Who recorded, as the room records it (``record.as_recorded``, as every recording is written): a name holding an
    e-mail address (typed as the name in the Record panel) is recorded under the name the project's .mailmap gives it,
    and refused where the map gives none. An entry's name is shown to the room at once and on the pages built from the
    record: the address would be published, and written into git for good, where the name says who it is as well."""
    try:
        return as_recorded(by, "by", ROOM)
    except UsageError as refused:
        raise BuildError(refused.message, refused.hint) from None


async def record(request: Request) -> Response:
    """Record one entry (the changes of one person at once) through the record's append."""
    import anyio

    room = _room(request)
    refused, payload = await _guard(room, request)
    if refused is not None:
        return refused
    parsed = _recording(payload)
    if isinstance(parsed, str):
        return _problem(400, f"{parsed}: nothing recorded", RELOAD_HINT)
    checklist, by, changes, replace, tag, made_for = parsed

    def write() -> tuple[Path, bool]:
        nonlocal by
        if mailmap.has_address(by):
            room.checked(room.project)  # the project's .mailmap as it is now (each check reads it)
            by = _named(by)
        if room.settled():
            hint = f"{room.back()}, then record again"
            whose = "its files those of a commit the rebase replays" if room.away[0] == "rebase" else "whose record is another release's"
            raise BuildError(f"nothing recorded: {room.moved()}, {whose}", hint)
        pinned = room.runs.get(checklist)
        _refuse_other_run(room, checklist, pinned, made_for)
        run = None if pinned is None else run_name(pinned)  # the room's run (a checklist it has not seen: its current one)
        said = "/".join((room.meeting(), *((tag[0], str(tag[1])) if tag else ())))  # the meeting, and the page's number
        try:
            path = room.append(room.project, room.checked, checklist, by, changes, replace=replace, wait=LOCK_WAIT, run=run, recording=said, naming=ROOM)
        except BuildError as refused:
            if pinned is not None and not isinstance(refused, LockBusy):  # in the meeting's words if the room's run was closed meanwhile
                _refuse_closed(room.checked(room.project), checklist, pinned, room.chosen is not None and room.chosen == pinned)
            raise
        return path, room.reload()

    async with room.writing:  # one recording at a time; append and the new state in one trip to a worker thread
        if (before := room.repeated(tag, changes, checklist)) is not None:
            return before
        try:
            path, moved = await anyio.to_thread.run_sync(write)
        except LockBusy as exc:  # the room is told, not left waiting for as long as another command runs
            return _problem(503, f"nothing recorded: {exc.message}", exc.hint or "record again in a moment")
        except OtherRun as exc:
            return _problem(409, exc.message, exc.hint or "", elsewhere=True)
        except SiteError as exc:
            hint = exc.hint or RELOAD_HINT
            return _problem(409 if hasattr(exc, "conflicts") else 400, exc.message, hint, conflicts=getattr(exc, "conflicts", []))
        except OSError as exc:  # a full disk, a read-only folder: said in the room, as the command line says it
            where = f" ({room.project.display(Path(exc.filename))})" if exc.filename else ""
            return _problem(507, f"nothing recorded: {exc.strerror or exc}{where}", "check free disk space and permissions of data/, then record again")
        room.typed[person(by)] += 1  # counted as the record reads names when said (Room.entries): one person, however typed
        room.folders.add(path.parent)
        if moved:
            room.bump()
        answer = _json({"entry": room.project.display(path), "version": room.version})
        room.remember(tag, canonical(room.current[1] if room.current else None, checklist, subjects(changes)), answer)
    return Response(answer, media_type="application/json", headers=HEADERS)


async def _watch(room: Room) -> None:
    """Pick up entries written by others (a `mark` in a terminal, a git pull) within a second."""
    import anyio

    while True:
        await asyncio.sleep(POLL)
        async with room.writing:
            moved = await anyio.to_thread.run_sync(room.reload)
        if moved:
            room.bump()


def application(room: Room) -> Starlette:
    """The meeting's ASGI application over ``room``."""
    import contextlib

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(_watch(room))
        try:
            yield
        finally:
            watcher.cancel()

    routes = [
        Route(f"{API}state", state),
        Route(f"{API}blockers", blockers),
        Route(f"{API}events", events),
        Route(f"{API}record", record, methods=["POST"]),
        Route("/{path:path}", page),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(_OwnHost, room=room)])
    app.state.room = room
    return app
