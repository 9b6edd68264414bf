"""Shared fixtures: throwaway copies of the project, and the RealServ site built once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "fixtures" / "realserv-launch-checklist.md"  # a copy of shared/seeds/
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(dst: Path, data: Path | None = None) -> Path:
    """A copy of the project (config, hand-written docs, overrides, data) to build in."""
    dst.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dst / "overrides")
    shutil.copytree(ROOT / "docs", dst / "docs", ignore=shutil.ignore_patterns("checklists"))
    if data is None:
        shutil.copytree(ROOT / "data", dst / "data")
    else:
        (dst / "data").mkdir()
        for f in [data] if data.is_file() else sorted(data.glob("*.yaml")):
            shutil.copy(f, dst / "data" / f.name)
    return dst


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a child process, as a user would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
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
