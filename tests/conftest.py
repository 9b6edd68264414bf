"""Shared fixtures: throwaway copies of the project, and the RealServ site built once."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "realserv-launch-checklist.md"  # a copy of shared/seeds/
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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


def run_cli(*args: str, cwd: Path | None = None, path: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process, as a user would (``path``: its PATH instead of ours)."""
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
def serve_dir(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on loopback; yields the base URL ending in '/'.

    Material's search worker does not run from file://, so browser tests load pages over HTTP.
    The folder is looked up by path on every request, so a rebuilt site/ is served at once.
    """
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def served_site(site: Path) -> Iterator[str]:
    with serve_dir(site) as base:
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
