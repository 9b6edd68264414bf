"""`meeting`: serve the built site to the room; every browser records into the project's record, live."""

from __future__ import annotations

import difflib
import errno
import ipaddress
import logging
import os
import re
import secrets
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..build import build as build_site
from ..errors import BuildError, UsageError
from ..format.fold import DEFAULT_RUN, RECORD_SUFFIX, refused_run, run_name, written
from ..format.history import reopened
from ..format.model import Data
from ..format.types import whole_number
from ..format.validate import FileCache
from ..progress.record import append, clear_orphans
from ..project import Project, check
from ..site.layout import DIRECTORY_URLS, HOME

if TYPE_CHECKING:
    from ..meeting import Room


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}", _bind_hint(exc, port)) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _bind_hint(exc: OSError, port: int) -> str:
    """What to change when the address cannot be listened on: the port in use or kept for root, or a host that is not
    this machine's (every failure said 'choose another --port', a host that is no address too)."""
    if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
        return "--host takes an address of this machine: 127.0.0.1 (this machine only), 0.0.0.0 (every network), or one that 'ip addr' lists"
    if exc.errno in (errno.EACCES, errno.EPERM) and 0 < port < 1024:
        return "a port under 1024 needs root: choose --port 8765 (the default), or --port 0 for any free one"
    return "choose another --port (or --port 0 for any free one)"


def _address(host: str, port: int) -> str:
    """How a browser reaches the meeting: the bound address, or this machine's for every-address binds."""
    if host in ("0.0.0.0", "::"):
        try:
            host = socket.gethostbyname(socket.gethostname())
        except OSError:
            host = "127.0.0.1"
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def machine_names(allowed: tuple[str, ...] = ()) -> frozenset[str]:
    """The names a browser may ask the meeting for besides its addresses and localhost (``meeting.own_host``): this
    machine's (its host name, with .local as the room's network announces it, its full name) and ``allowed``
    (`--allow-host`: a name the room's DNS or a proxy gives it)."""
    names = {name.strip().lower().removesuffix(".") for name in allowed}
    try:
        here = socket.gethostname().lower()
        names |= {here, f"{here}.local", socket.getfqdn(here).lower()}
    except OSError:
        pass
    return frozenset(n for n in names if n)


def reach(host: str) -> str:
    """What the room is told of who can reach the meeting: nothing on a loopback address (this machine only, the
    default); else that every machine of the networks it listens on can, with the address's token (``--host 0.0.0.0``
    is asked for, and said so).

    >>> reach("127.0.0.1"), reach("::1"), reach("localhost")
    ('', '', '')
    >>> print(reach("0.0.0.0"))
    listening on every network of this machine (--host 0.0.0.0): any machine on them that has the address can open the meeting and record
    """
    try:
        if ipaddress.ip_address(host).is_loopback:
            return ""
    except ValueError:
        if host.lower() == "localhost":
            return ""
    if host in ("0.0.0.0", "::"):
        return f"listening on every network of this machine (--host {host}): any machine on them that has the address can open the meeting and record"
    return f"listening on {host}'s network (--host {host}): any machine on it that has the address can open the meeting and record"


TOKEN_FILE = "meeting-token"  # in the work folder: the running meeting's token and process, removed when it ends
TOKEN_KEPT = 12 * 3600.0  # seconds a crashed meeting's token is taken up again by the next start


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return pid > 0


def token(project: Project) -> tuple[str, str]:
    """The meeting's token, and what to say of it ('' for a new one). A meeting that stopped without ending (a crash, a
    kill) in the last 12 hours left its token: a restart takes it up again, so the room's browsers reconnect by themselves
    at the same address; a second meeting of the project while the first runs takes it too (one room, two servers).
    Kept in the work folder (git ignores it) with the process that runs the meeting, readable by this user only; the
    meeting that ends removes it (:func:`forget_token`). Only a file as a meeting writes it is taken up, readable by this
    user alone: one that came with the project (git checks a file out readable by all, as the user's umask has it) held a
    token its author knew, for anyone on the network to record with."""
    path = project.work / TOKEN_FILE
    try:
        info = path.stat()
        private = info.st_mode & 0o077 == 0 and (not hasattr(os, "getuid") or info.st_uid == os.getuid())
        kept = path.read_text(encoding="ascii").split() if private and time.time() - info.st_mtime < TOKEN_KEPT else []
    except (OSError, UnicodeDecodeError):
        kept = []
    said, made = "", secrets.token_urlsafe(24)
    if kept and re.fullmatch(r"[A-Za-z0-9_-]{32}", kept[0]):
        other = (whole_number(kept[1], 1 << 22) or 0) if len(kept) > 1 else 0  # a process id (Linux: at most 2**22)
        made = kept[0]
        said = (
            f"another meeting of this project runs (process {other}): this one takes its token, so the room is one"
            if other and other != os.getpid() and _alive(other)
            else "the meeting that stopped without ending goes on: its token again, so the room's browsers reconnect by themselves on this address"
        )
    temp = path.with_name(f".{TOKEN_FILE}.{os.getpid()}.tmp")
    try:
        project.work.mkdir(exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(f"{made} {os.getpid()}\n")
        os.replace(temp, path)
    except OSError:  # a work folder that cannot be written: the meeting runs, a restart gets a new address
        temp.unlink(missing_ok=True)
    return made, said


def forget_token(project: Project) -> None:
    """The meeting ended: its token goes (the next meeting has a new address), unless another meeting of the project
    took the file over meanwhile (it runs on)."""
    path = project.work / TOKEN_FILE
    try:
        kept = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return
    if len(kept) < 2 or kept[1] == str(os.getpid()):
        path.unlink(missing_ok=True)


def summary(project: Project, entries: Counter[str], folders: list[Path]) -> str:
    total = sum(entries.values())
    if not total:
        return "meeting ended: nothing was recorded"
    people = ", ".join(f"{name} {n}" for name, n in sorted(entries.items()))
    where = ", ".join(project.display(f) + "/" for f in folders) or "data/"
    return f"meeting ended: {total} entr{'y' if total == 1 else 'ies'} recorded in {where} — by person: {people}"


def commit(project: Project, entries: Counter[str], folders: list[Path]) -> str:
    """One git commit of the record folders, and nothing else; none on a detached HEAD (a release's tag checked out): the
    commit would be on no branch, and the entries, no longer in the work tree after the next checkout, in no record."""
    if not folders:
        return "nothing to commit: no record folder in data/"
    paths = [project.display(f) for f in folders]

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(project.root), *args], capture_output=True, text=True)

    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        raise BuildError(f"{project.display(project.root) or '.'} is not in a git repository: nothing committed", "run git init first, or drop --commit")
    if git("symbolic-ref", "-q", "HEAD").returncode != 0:  # a commit there is on no branch: the next checkout leaves it behind
        head = git("rev-parse", "--short=12", "HEAD").stdout.strip()
        return (f"nothing committed: the checkout is commit {head} (a detached HEAD): a commit there is on no branch, and the next"
                f" checkout leaves it behind; make it a branch (git switch -c NAME), then commit the record folder ({', '.join(paths)})")
    with project.lock():  # the temporary files of writers killed mid-write are no part of the record
        for folder in folders:
            if folder.is_dir():
                clear_orphans(folder)
    git("add", "--", *paths)
    if git("diff", "--cached", "--quiet", "--", *paths).returncode == 0:
        return "nothing to commit: the record has no new entries"
    people = ", ".join(f"{name} {n}" for name, n in sorted(entries.items())) or "entries written by others"
    done = git("commit", "-q", "-m", f"Record of the launch meeting: {sum(entries.values())} entries ({people})", "--", *paths)
    if done.returncode != 0:
        logging.getLogger("checklist_site").error("%s", done.stderr.strip() or done.stdout.strip())  # its lines as written
        raise BuildError("git commit failed (what git said is above)", "commit the record folder yourself")
    return f"committed the record: {git('rev-parse', '--short', 'HEAD').stdout.strip()}"


def commit_room(project: Project, room: Room) -> str:
    """`meeting --commit` at the end: one commit of the record folders (:func:`commit`), but none on a branch checked out
    since the meeting began (``Room.elsewhere``): the room's entries are not that branch's record."""
    if room.elsewhere():
        return f"nothing committed: {room.moved()}; {room.back()}, then commit the record folder"
    return commit(project, room.entries, sorted(p for p in project.data.glob("*" + RECORD_SUFFIX) if p.is_dir()))


def room_runs(data: Data, run: str | None) -> tuple[str | None, list[str]]:
    """The run `meeting --run NAME` records into ('' the default run; None without --run), and what the terminal says of
    each checklist: the run the room records into and shows, with the other runs open beside it. Refused before anything
    is built or served: a run no checklist has (the names it has, the one meant), or a closed one (how to re-open it).
    With a release's run and a hotfix's open at once, the meeting recorded into the one started last and said nothing."""
    chosen = None if run is None else "" if run == DEFAULT_RUN else run
    if chosen is not None:
        if refused := refused_run(run or "", default=True):
            raise refused
        having = [c for c in data.checklists if data.status(c.id, chosen) is not None]
        if not having:
            known = sorted({run_name(s.run) for c in data.checklists for s in data.runs_of(c.id)})
            meant = difflib.get_close_matches(run or "", known, n=1, cutoff=0.6)
            hint = (f"did you mean '{meant[0]}'? " if meant else "") + f"the runs: {', '.join(known) or 'default only'} (checklist-site run list)"
            raise UsageError(f"meeting --run {run}: no checklist has a run '{run}'", hint)
        for c in having:
            status = data.status(c.id, chosen)
            if status is not None and status.closed is not None:
                raise UsageError(
                    f"meeting --run {run}: run '{run}' of checklist '{c.id}' was closed at {written(status.closed)}: nothing more is recorded in it",
                    f"closed by mistake: checklist-site run reopen {run} --by YOU --reason '...', then start the meeting again; else leave out --run",
                )
    said = []
    for c in data.checklists:
        current = data.status(c.id)
        now = current.run if current is not None else ""
        mine = chosen if chosen is not None and data.status(c.id, chosen) is not None else now
        others = [run_name(s.run) for s in data.runs_of(c.id) if s.closed is None and s.run != mine]
        if not data.runs_of(c.id) and chosen is None:
            continue
        also = f" (run {', '.join(others)} {'is' if len(others) == 1 else 'are'} open too: meeting --run {others[-1]} records there)" if others else ""
        lacks = f" (it has no run {run})" if chosen is not None and mine != chosen else ""
        room = data.status(c.id, mine)
        again = reopened(room).rstrip() if room is not None and room.closed is None else ""  # as the room's live line says it
        said.append(f"{c.id}: the room records into and shows run {run_name(mine)}{again}{lacks}{also}")
    return chosen, said


def meeting(
    root: Path,
    *,
    host: str,
    port: int,
    no_build: bool,
    commit_record: bool,
    say: Callable[[str], None],
    allow_hosts: tuple[str, ...] = (),
    run: str | None = None,
) -> int:
    """Build the site, serve it with the meeting's API until Ctrl+C, then say who recorded what (and commit)."""
    import uvicorn

    from ..meeting import Room, application

    project = Project.at(root)
    chosen, runs_said = room_runs(check(project), run)
    site = (project.root / "site").resolve() if no_build else build_site(project).resolve()
    if not (site / DIRECTORY_URLS.dest(HOME)).is_file():
        raise BuildError(f"{project.display(site)}/ holds no built site", "drop --no-build, or run checklist-site build first")
    cache = FileCache()
    sock = _bind(host, port)
    key, again = token(project)
    room = Room(project, lambda p: check(p, cache=cache), append, site, token=key, hosts=machine_names(allow_hosts), chosen=chosen)
    room.reload()
    url = f"http://{_address(host, sock.getsockname()[1])}/?token={room.token}"
    say(f"launch meeting on {url}")
    say("open it in every browser of the room (the token is the key: share it only there); Ctrl+C ends the meeting")
    for line in runs_said:
        say(line)
    if reach(host):
        say(reach(host))
    if again:
        say(again)
    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            room.closing = True  # the browsers' event streams end, so the server stops at once
            super().handle_exit(sig, frame)

    server = Server(uvicorn.Config(application(room), log_level="warning", timeout_graceful_shutdown=2, access_log=False))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn passes Ctrl+C (or SIGTERM) on once it has stopped: the meeting's normal end
        pass
    finally:
        sock.close()
    forget_token(project)  # ended: the next meeting has a new address
    say(summary(project, room.entries, sorted(room.folders)))
    if commit_record:
        say(commit_room(project, room))
    return 0
