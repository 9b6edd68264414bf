"""Every command, driven in-process with random input: a located error or success, never an internal error.

Hypothesis picks a command (every command the CLI declares, so one added later is fuzzed too), its
options and random words for them (non-UTF-8 bytes included), and random file contents and names:
the checklist, its status file, an alarm JSON and a rule YAML file passed to `links`, a Markdown
file to import. Whatever comes
out: the exit status is 0, 1 or 2, nothing says "internal error" or shows a traceback, no run lasts
past a bound, and data/ keeps every byte unless a recording command succeeded.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli

from .conftest import FIXTURES, make_project

BOUND = 60  # seconds one command may take on random input
SLOW = {"build", "pdf", "serve", "meeting"}  # they build a site or serve one: given data that fails the check, so they stop early
WRITERS = {"mark", "signoff", "approve", "decide", "assign", "new", "import", "init"}  # may change data/ when they succeed
COMMANDS = sorted(cli.cli.commands)

# Words for arguments: printable text, controls, non-UTF-8 bytes (as the system hands them over: lone surrogates),
# never '/' (nothing may leave the sandbox) nor NUL (no shell can pass one).
_CHARS = st.characters(exclude_characters="/\x00", exclude_categories=("Cs",)) | st.sampled_from(["\udcff", "\udc80", "\x1b", "\r", "\n", "\u202e"])
WORDS = st.text(_CHARS, max_size=12) | st.sampled_from(["2026-01-12", "20260112", "2026-W05-3", "jwt-validation", "auth", "mini", "done", ".", ".."])


class Hung(BaseException):
    """A command ran past the bound (a BaseException: the CLI's own handlers must not swallow it)."""


@contextlib.contextmanager
def bounded(seconds: int) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise Hung(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def run(project: Path, args: list[str]) -> tuple[int, str]:
    """``checklist-site ARGS`` in-process, in the project folder; returns the exit status and what it wrote to stderr."""
    out, err = _stream(), _stream()
    cwd = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), bounded(BOUND):
            code = cli.main(["-C", str(project), *args])
    finally:
        os.chdir(cwd)
    err.seek(0)
    return code, err.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def options(name: str) -> list[tuple[str, bool]]:
    """(option string, takes a value) for every option of a command."""
    command = cli.cli.commands[name]
    return [(opt, not getattr(p, "is_flag", False)) for p in command.params if isinstance(p, click.Option) and p.name != "project" for opt in p.opts[:1]]


@st.composite
def arguments(draw: st.DrawFn, name: str, files: list[str]) -> list[str]:
    """Random words and options for a command, with the random files as some of the words."""
    known = options(name)
    out: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["option", "word", "file"]))
        if kind == "option" and known:
            opt, valued = draw(st.sampled_from(known))
            out += [opt, draw(WORDS)] if valued else [opt]
        elif kind == "file" and files:
            out.append(draw(st.sampled_from(files)))
        else:
            out.append(draw(WORDS))
    return out


def _mutated(base: bytes) -> st.SearchStrategy[bytes]:
    """The file with random bytes put in, cut, or replaced: mostly almost valid, so the checks are reached."""
    return st.one_of(
        st.binary(max_size=200),
        st.tuples(st.integers(0, len(base)), st.binary(min_size=1, max_size=20)).map(lambda x: base[: x[0]] + x[1] + base[x[0] :]),
        st.integers(0, len(base)).map(lambda n: base[:n]),
        st.tuples(st.integers(0, len(base)), st.sampled_from([b"\xff", b"\t", b"&a", b"*a", b"!!python/object", b": [", b"\r", b"NaN", b"{{"])).map(
            lambda x: base[: x[0]] + x[1] + base[x[0] :]
        ),
    )


MINI = (FIXTURES / "mini" / "mini.yaml").read_bytes()
STATUS = b"checklist: mini\nitems:\n  jwt-validation: {state: done, by: Priya, date: 2026-01-12}\nsignoffs:\n  auth: {name: Priya, date: 2026-01-12}\n"
ALARMS = (FIXTURES / "alarms" / "describe-alarms.json").read_bytes()
RULES = (FIXTURES / "alarms" / "prometheus-rules.yml").read_bytes()
MARKDOWN = (FIXTURES / "realserv-launch-checklist.md").read_bytes()[:3000]  # the seed's head: headings, boxes, markers


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, dict[str, bytes], dict[str, bytes], list[str]]:
    """A command; data files (name -> bytes) to write over the base project's; outside files; the arguments."""
    name = draw(st.sampled_from(COMMANDS))
    data: dict[str, bytes] = {}
    if name in SLOW or draw(st.booleans()):
        data["mini.yaml"] = draw(_mutated(MINI).filter(lambda b: b != MINI)) if name not in SLOW else draw(st.binary(max_size=40)) + b"\n: ["
    if draw(st.booleans()):
        data["mini.status.yaml"] = draw(_mutated(STATUS))
    if draw(st.booleans()):
        data[draw(st.text(_CHARS, min_size=1, max_size=10)).replace(".", "") + ".yaml"] = draw(st.binary(max_size=60))
    outside = {"alarms.json": draw(_mutated(ALARMS)), "rules.yml": draw(_mutated(RULES)), "list.md": draw(_mutated(MARKDOWN))}
    return name, data, outside, [name, *draw(arguments(name, list(outside)))]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("fuzz") / "base", data=FIXTURES / "mini")
    (project / "docs" / "index.md").write_text("# Mini\n", encoding="utf-8")
    return project


def _write(folder: Path, name: str, content: bytes) -> bool:
    try:
        (folder / os.fsencode(name).decode(sys.getfilesystemencoding(), "surrogateescape")).write_bytes(content)
    except (OSError, ValueError):
        return False  # a name the file system refuses (too long): not this test's subject
    return True


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=cases())
def test_every_command_on_random_input_succeeds_or_gives_a_located_error(base: Path, tmp_path_factory: pytest.TempPathFactory, case) -> None:
    name, data, outside, args = case
    project = tmp_path_factory.mktemp("run") / "p"
    shutil.copytree(base, project, symlinks=True)
    for file, content in data.items():
        _write(project / "data", file, content)
    for file, content in outside.items():
        (project / file).write_bytes(content)
    before = snapshot(project / "data")
    try:
        code, err = run(project, args)
    except Hung as exc:
        raise AssertionError(f"{args}: {exc}") from None  # an assertion: hypothesis shrinks it and shows the arguments
    assert code in (0, 1, 2), (args, code, err)
    assert "internal error" not in err and "Traceback" not in err, (args, err)
    if code != 0 and not (name == "gate" and code == 1):  # gate: 1 is also a blocked launch, said on stdout
        assert "error" in err.lower(), (args, code, err)
    if code == 1 and data and err and not err.startswith(("error: ", "Error: ")) and name not in ("gate", "links", "import", "pdf", "serve"):
        assert ":" in err.split("error:", 1)[0], (args, err)  # a data error names file:line:column
    if not (code == 0 and name in WRITERS):
        assert snapshot(project / "data") == before, (args, code, err)
    shutil.rmtree(project.parent, ignore_errors=True)
