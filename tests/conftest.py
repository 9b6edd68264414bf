"""Shared fixtures: throwaway copies of the project, and the RealServ site built once."""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "realserv-launch-checklist.md"  # a copy of shared/seeds/
FIXTURES = Path(__file__).resolve().parent / "fixtures"


MEMORY_FS = Path("/dev/shm")
MEMORY_FS_ROOM = 4 << 30  # free bytes a run's folders need with room to spare (a whole run leaves about 0.4 GB)


def _temporary_folders_in_memory() -> None:
    """The run's temporary folders (pytest's tmp_path, the cache folder, what child processes make) on the memory file
    system where one is mounted with room, unless TMPDIR says where they go.

    On this machine /tmp is on ext4, where a write that replaces a file's contents waits for the disk (auto_da_alloc:
    1.6 ms against 0.07 ms on tmpfs), and the tests write projects, sites, records and payload files by the thousand:
    test_zensical, test_site_folder and test_serve took 37-39 s of processor time in memory against 42-45 s on disk
    (system time 6 s against 9-12 s). pytest keeps its last three runs' folders there, as under /tmp (0.4 GB a run).
    Where /dev/shm is small (a container's 64 MB) or missing, nothing changes.
    """
    if "TMPDIR" in os.environ or not MEMORY_FS.is_dir() or not os.access(MEMORY_FS, os.W_OK):
        return
    found = os.statvfs(MEMORY_FS)
    if found.f_bavail * found.f_frsize < MEMORY_FS_ROOM:
        return
    import tempfile

    os.environ["TMPDIR"] = str(MEMORY_FS)  # read by xdist's workers and every child process, which inherit it
    tempfile.tempdir = None  # tempfile's choice made again, from TMPDIR


_temporary_folders_in_memory()


def pytest_sessionstart() -> None:
    """The package compiled to bytecode once, as pip compiles an installed one: the tests that start
    `python -m generator` as a child process (signals, pipes, exit statuses) then do not compile it
    again each time where PYTHONDONTWRITEBYTECODE is set (as on this machine)."""
    import compileall

    compileall.compile_dir(ROOT / "generator", quiet=1)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup() -> Iterator[None]:
    """What the tests before left, collected, then frozen (``gc.freeze``): each test starts with nothing for the
    cyclic collector to look at but what it makes itself.

    Every in-process build and check ends with a full collection (project.collector_paused), which in a
    test process went over everything the run had made so far: pytest's, the imported modules', the
    session's fixtures'. That took 0.1-0.25 s a time, a quarter of the processor time of the modules that
    build in-process. Collecting and freezing here looks only at what the last test made.
    """
    gc.collect()
    gc.freeze()
    yield


@pytest.fixture(scope="session", autouse=True)
def _cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled templates and kept results (generator/kept.py) in a cache folder of this run, not the user's: every run
    starts as on a fresh machine, the tests share what they build, and pytest removes it with its other old folders."""
    if "CHECKLIST_SITE_CACHE" in os.environ:
        yield
        return
    os.environ["CHECKLIST_SITE_CACHE"] = str(tmp_path_factory.mktemp("checklist-site-cache"))
    yield
    del os.environ["CHECKLIST_SITE_CACHE"]


def data_files(folder: Path) -> list[Path]:
    """The data files of a fixture folder, in the order the project reads them."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def make_project(dst: Path, data: Path | None = None) -> Path:
    """A copy of the project (config, hand-written docs, overrides, data) to build in."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dst / "overrides")
    shutil.copytree(ROOT / "docs", dst / "docs", ignore=shutil.ignore_patterns("checklists", "runbooks"))  # the generated folders a `make site` leaves
    if data is None:
        shutil.copytree(ROOT / "data", dst / "data")
    else:
        (dst / "data").mkdir()
        for f in [data] if data.is_file() else sorted(data.glob("*.yaml")):
            shutil.copy(f, dst / "data" / f.name)
    return dst


@dataclass
class Ran:
    """What a command run in this process gave: as :class:`subprocess.CompletedProcess` has them."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


_LOGGERS = ("mkdocs", "checklist_site")


def load_checklist(path: Path, display: str) -> tuple[Any, list[Any]]:
    """One checklist file loaded and checked by itself (as `check FILE` reads it, without the rest of data/)."""
    from generator.format.model import Checklist
    from generator.format.validate import load_data_file

    loaded, issues = load_data_file(path, display)
    assert loaded is None or isinstance(loaded, Checklist), f"{display} is not a checklist"
    return loaded, issues


def run_cli(*args: str, cwd: Path | None = None, path: str | None = None, stdin: str = "") -> Ran:
    """The real command line (``generator.cli.main``) called in this process, its output captured.

    What a user sees is the same as from a child process (arguments, exit status, stdout, stderr);
    starting a Python for each call cost a second. Tests of signals, pipes and the process's own
    exit go through :func:`run_process`. `pdf` runs in a thread of its own: Playwright's sync API
    cannot start inside the event loop of the browser the browser tests hold in this thread (a child
    process started Python and imported the package for each of the dozen prints: test_pdf took
    16-17.5 s of processor time so, 14 s in a thread).
    ``cwd``: the working folder; ``path``: PATH instead of ours.
    """
    if "pdf" in args:
        import threading

        done: list[Ran | BaseException] = []

        def printing() -> None:
            try:
                done.append(_run_here(args, cwd, path, stdin))
            except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
                done.append(exc)

        thread = threading.Thread(target=printing, name="checklist-site pdf")
        thread.start()
        thread.join()
        if isinstance(done[0], BaseException):
            raise done[0]
        return done[0]
    return _run_here(args, cwd, path, stdin)


def _run_here(args: tuple[str, ...], cwd: Path | None, path: str | None, stdin: str) -> Ran:
    from generator.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_logs = {name: (lg.handlers[:], lg.propagate, lg.level) for name in _LOGGERS for lg in [logging.getLogger(name)]}
    out, err = io.StringIO(), io.StringIO()
    if path is not None:
        os.environ["PATH"] = path
    try:
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin):
            code = main(list(args))
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for name, (handlers, propagate, level) in saved_logs.items():
            lg = logging.getLogger(name)
            lg.handlers[:], lg.propagate, lg.level = handlers, propagate, level
    return Ran(args, code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(text: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def run_process(*args: str, cwd: Path | None = None, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in a child process, as a user would start it (``path``: its PATH instead of ours)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped RealServ project, built once with the real mkdocs."""
    project = make_project(tmp_path_factory.mktemp("realserv") / "project")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def offline_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped RealServ project, built once with ``--offline`` (pages that work from file://); read it only."""
    project = make_project(tmp_path_factory.mktemp("realserv-offline") / "project")
    result = run_cli("-C", str(project), "build", "--offline")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def zensical_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ran]:
    """The shipped RealServ project built once with ``--engine zensical``, as the README has it run (.venv/bin/checklist-site
    with the environment not activated), and what the build said; read it only. The tests check the build's exit status."""
    project = make_project(tmp_path_factory.mktemp("realserv-zensical") / "project")
    return project, run_cli("-C", str(project), "build", "--engine", "zensical", path=unactivated_path())


def unactivated_path() -> str:
    """PATH as in a shell where the virtual environment is not activated: without the interpreter's folders."""
    from generator.programs import interpreter_dirs

    venv_dirs = {str(d) for d in interpreter_dirs()}
    return os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep) if d and d not in venv_dirs) or "/usr/bin:/bin"


@pytest.fixture(scope="session")
def site(built_project: Path) -> Path:
    return built_project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's Chromium; in CI (CI is set) its absence fails the run instead of skipping."""
    from generator.errors import BuildError
    from generator.exchange.pdf import find_chromium

    try:
        return find_chromium()
    except BuildError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{exc.message} (CI must install it: apt-get install -y chromium)")
        pytest.skip(exc.message)


@contextlib.contextmanager
def serve_dir(folder: Path, *, without_search: bool = False) -> Iterator[str]:
    """Serve a folder over HTTP on loopback; yields the base URL ending in '/'.

    Material's search worker does not run from file://, so browser tests load pages over HTTP.
    The folder is looked up by path on every request, so a rebuilt site/ is served at once.
    ``without_search``: the search index is served with its settings and no documents, for tests that
    open many pages and never search: on every page the search worker fetches the whole index and builds
    it. An index it can build, not a missing one: Material's script stops at a failed fetch of it, and the
    page's other parts (the palette's toggle) with it.
    """
    import functools
    import http.server
    import io
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send_head(self):  # type: ignore[no-untyped-def]
            if without_search and self.path.split("?")[0].endswith("/search/search_index.json"):
                found = Path(self.translate_path(self.path))
                if found.is_file():
                    empty = empty_search_index(found)
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(empty)))
                    self.end_headers()
                    return io.BytesIO(empty)
            return super().send_head()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def empty_search_index(index: Path) -> bytes:
    """A built site's search index (search/search_index.json) with its settings and no documents: what the browser tests
    that never search are served (``serve_dir(without_search=True)``, or the file replaced in a copy of the site)."""
    import json

    return json.dumps({"config": json.loads(index.read_bytes())["config"], "docs": []}).encode()


TABS = 3  # pages loading at once in the browser tests that open many pages


def loaded(tabs: list[Any], urls: list[str]) -> Iterator[tuple[Any, str]]:
    """(tab, url) for every URL, each loaded ('load' fired) in one of the tabs, in order.

    A few pages load at once, one per tab, so that Chromium parses one page while Python examines
    another (a third less time than one tab on two cores); the caller examines each before the tab
    loads its next page.
    """
    for start in range(0, len(urls), len(tabs)):
        chunk = urls[start : start + len(tabs)]
        batch = list(zip(tabs[: len(chunk)], chunk, strict=True))
        for tab, url in batch:
            tab.goto(url, wait_until="commit")
        for tab, url in batch:
            tab.wait_for_load_state("load")
            yield tab, url


class Loads:
    """The pages of one browser context, each URL loaded once (``page(url)``): tests that read the same page at the same
    size, in the same context, each asserting something else, share its load instead of loading it again. A load of a
    RealServ page costs about a second of processor time, most of it Chromium's renderer. Only for what a test reads, or
    changes in a way no later reader of the page looks at: the first test to ask for a URL loads it."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.pages: dict[str, Any] = {}

    def page(self, url: str) -> Any:
        if url not in self.pages:
            self.pages[url] = self.context.new_page()
            self.pages[url].goto(url)
        return self.pages[url]

    def take(self, url: str) -> Any:
        """The page at ``url`` for the last test that reads it, one that changes it or goes on elsewhere: no later test gets it."""
        page = self.page(url)
        del self.pages[url]
        return page

    def __contains__(self, url: str) -> bool:
        return url in self.pages


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    with serve_dir(site) as base:
        yield base.rstrip("/")


@pytest.fixture(scope="session")
def served_pages(site: Path) -> Iterator[str]:
    """The same site served without its search index, for the tests that open pages and never search: on every
    page Material's search worker fetches the whole index and builds it (about a quarter of a second of processor
    time a page of RealServ; axe on every kind of page took 45 s of it so, 40 s without). The search box is there all the same."""
    with serve_dir(site, without_search=True) as base:
        yield base.rstrip("/")


@pytest.fixture(scope="session")
def browser(chromium: str):
    from playwright.sync_api import sync_playwright

    from generator.exchange.pdf import CHROMIUM_ARGS

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


ARTIFACTS = ROOT / "test-artifacts"
