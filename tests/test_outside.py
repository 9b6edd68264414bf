"""Text from outside files and arguments: terminals, spreadsheets, rule files, limits, dates, recovery, signals.

Each case of issue 25 that is not about a built page: what `links` prints and writes, what it reads
(devices, FIFOs, nesting, NaN), arguments that are not UTF-8, dates, a swap left half done by a
killed build, and `serve` stopped by a signal. In-process (``cli.main``) where the process is not
what is tested.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import cli

from .conftest import FIXTURES, ROOT, make_project

MINI = FIXTURES / "mini"
RULES = FIXTURES / "alarms" / "prometheus-rules.yml"
SITE = "https://checklists.example"
CONTROL = ("\x1b", "\r", "\x07", "\x9b")


def main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p", data=MINI)
    (project / "docs" / "index.md").write_text("# Mini\n", encoding="utf-8")  # the shipped one links to RealServ
    return project


def _runbooks(project: Path, old: str, new: str) -> None:
    path = project / "data" / "runbooks.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _rules(folder: Path, alert: str, annotations: str = "") -> Path:
    path = folder / "rules.yml"
    path.write_text(f'groups:\n  - name: g\n    rules:\n      - alert: "{alert}"\n        expr: up == 0\n{annotations}', encoding="utf-8")
    return path


# ---- terminals and spreadsheets ------------------------------------------------------------------


def test_links_csv_cells_are_neutralised(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _runbooks(mini, "title: Errors <high>", 'title: "=HYPERLINK(\\"https://evil.example\\",\\"x\\")"')
    _runbooks(mini, "severity: high", "severity: high\n    alarm_name: \"@SUM(1+1)\"")
    code, out, err = main(capsys, "-C", str(mini), "links", "--format", "csv", "--site-url", SITE)
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(\"https://evil.example\",\"x\")" in cells and "'@SUM(1+1)" in cells, rows
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], rows


@pytest.mark.parametrize("mode", ["--check", "--fix"])
def test_alert_names_from_rule_files_reach_the_terminal_escaped(mini: Path, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    rules = _rules(mini, "Evil\\e[2K\\rall ok\\a")  # as ruamel.yaml writes it back: --fix reads it too
    code, _, err = main(capsys, "-C", str(mini), "links", mode, str(rules), "--site-url", SITE)
    assert code == 1
    assert "Evil\\x1b[2K\\x0dall ok\\x07" in err, err
    assert not [c for c in CONTROL if c in err], repr(err)


def test_usage_errors_quote_arguments_escaped(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = main(capsys, "-C", str(mini), "links", "--format", "x\x1b[31m\r")
    assert code == 2
    assert "x\\x1b[31m\\r" in err and "\x1b" not in err and "\r" not in err, repr(err)


# ---- links --fix: aliases, symbolic links, devices -------------------------------------------------------


def test_fix_refuses_a_value_reached_through_an_alias_and_changes_nothing(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = mini / "rules.yml"
    text = (
        "groups:\n  - name: g\n    rules:\n"
        "      - alert: errors-high\n        expr: up == 0\n        annotations: &shared\n          summary: down\n"
        "      - alert: Other\n        expr: up == 1\n        annotations: *shared\n"
    )
    rules.write_text(text, encoding="utf-8")
    code, _, err = main(capsys, "-C", str(mini), "links", "--fix", str(rules), "--site-url", SITE)
    assert code == 1
    assert f"{rules}:10:22: error: left unchanged: YAML alias '*shared' is not supported" in err, err
    assert "hint:" in err
    assert rules.read_text(encoding="utf-8") == text


def test_fix_writes_through_a_symbolic_link_to_its_target(mini: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = mini / "shared"
    shared.mkdir()
    target = _rules(shared, "errors-high", "        annotations:\n          summary: down\n")
    link = mini / "rules.yml"
    link.symlink_to(target)
    code, out, err = main(capsys, "-C", str(mini), "links", "--fix", str(link), "--site-url", SITE)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert f"runbook_url: {SITE}/runbooks/errors-high/" in target.read_text(encoding="utf-8")
    assert "wrote the runbook_url of 1 alert(s): errors-high" in out


@pytest.mark.parametrize("mode", ["--check", "--fix"])
def test_links_refuses_devices_and_fifos_without_reading_them(mini: Path, mode: str) -> None:
    fifo = mini / "rules.yml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(mini), "links", mode, str(fifo), "/dev/zero", "--site-url", SITE],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,  # a read of the FIFO would block, one of /dev/zero would never end
    )
    assert result.returncode == 1, result.stderr
    for name in (str(fifo), "/dev/zero"):
        assert f"{name}: error: not a regular file (a device, pipe or socket): nothing was read" in result.stderr, result.stderr
    assert "internal error" not in result.stderr


# ---- limits: nesting, NaN ------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["--check", "--fix"])
@pytest.mark.parametrize("shape", ["flow", "block"])
def test_a_rule_file_nested_300_levels_is_a_located_error(mini: Path, capsys: pytest.CaptureFixture[str], mode: str, shape: str) -> None:
    rules = mini / "rules.yml"
    if shape == "flow":
        rules.write_text("groups:\n- name: g\n  rules:\n  - alert: A\n    expr: " + "[" * 300 + "]" * 300 + "\n", encoding="utf-8")
    else:
        rules.write_text("groups:\n- name: g\n  rules:\n  - alert: A\n    labels:\n" + "".join(f"{'  ' * (n + 3)}k:\n" for n in range(300)), encoding="utf-8")
    code, _, err = main(capsys, "-C", str(mini), "links", mode, str(rules), "--site-url", SITE)
    assert code == 1
    assert f"{rules}:" in err and "nested deeper than 50 levels" in err and "internal error" not in err, err


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_alarm_json_is_a_located_error(mini: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    alarms = mini / "alarms.json"
    alarms.write_text('{"MetricAlarms": [\n  {"AlarmName": "errors-high", "Threshold": ' + value + "}\n]}\n", encoding="utf-8")
    code, _, err = main(capsys, "-C", str(mini), "links", "--check", str(alarms), "--site-url", SITE)
    assert code == 1
    assert f"{alarms}:2:45: error: NaN and Infinity are not JSON numbers" in err, err


# ---- arguments and dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["mark", "jwt-validation", "--done", "--by", "\udcff"],
        ["build", "--site-url", "https://x.example/\udcff"],
        ["export", "--format", "csv", "-o", "out-\udcff.csv"],
        ["links", "--check", "rules-\udce9.yml"],
    ],
    ids=["mark-by", "build-site-url", "export-output", "links-file"],
)
def test_arguments_that_are_not_utf8_are_a_usage_error(mini: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    before = {p: p.read_bytes() for p in sorted((mini / "data").rglob("*")) if p.is_file()}
    code, _, err = main(capsys, "-C", str(mini), *args)
    assert code == 2, err
    assert "is not UTF-8 text" in err and "internal error" not in err, err
    assert {p: p.read_bytes() for p in sorted((mini / "data").rglob("*")) if p.is_file()} == before


def test_a_non_utf8_argument_from_the_shell_is_a_usage_error(mini: Path) -> None:
    result = subprocess.run(
        [sys.executable.encode(), b"-m", b"generator", b"-C", str(mini).encode(), b"mark", b"jwt-validation", b"--done", b"--by", b"\xff"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert b"error: the argument '\\xff' is not UTF-8 text" in result.stderr, result.stderr


@pytest.mark.parametrize("date", ["20260112", "2026-W05-3", "2026-012", "2026-01-12T10:00", "\u0662\u0660\u0662\u0666-01-12"])
def test_dates_are_exactly_yyyy_mm_dd(mini: Path, capsys: pytest.CaptureFixture[str], date: str) -> None:
    status = mini / "data" / "mini.status.yaml"
    status.write_text(f'checklist: mini\nitems:\n  jwt-validation: {{state: done, by: Priya, date: "{date}"}}\n', encoding="utf-8")
    code, _, err = main(capsys, "-C", str(mini), "check")
    assert code == 1
    assert f"data/mini.status.yaml:3:50: error: expected 'date' of item state 'jwt-validation' to be a date (YYYY-MM-DD), but got '{date}'" in err, err
    status.unlink()
    code, _, err = main(capsys, "-C", str(mini), "mark", "jwt-validation", "--done", "--by", "Priya", "--date", date)
    assert code == 2 and "is not a date" in err, err


# ---- every writer recovers a swap that a killed build left half done -------------------------------------


def _killed_mid_swap(project: Path) -> None:
    """Build in a forked child that dies (as by SIGKILL) after moving the old site/ aside, before moving the new one in."""
    from generator import project as project_module
    from generator.build import Project, build
    from generator.publish import write

    pid = os.fork()
    if pid == 0:  # the child: no cleanup, no exit handlers, as a killed process
        try:
            real = write.Move.commit

            def commit(move: write.Move) -> None:
                if Path(move.target).name == "site":
                    os.rename(move.target, move.old)
                    os._exit(9)
                real(move)

            write.Move.commit = commit  # type: ignore[method-assign]
            project_module._locks.clear()  # filelock refuses a lock object inherited across fork
            build(Project.at(project))
        finally:
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    assert not (project / "site").exists() and (project / ".checklist-site" / "swap.json").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["mark", "jwt-validation", "--done", "--by", "Priya"],
        ["signoff", "auth", "--by", "Priya", "--with-open"],
        ["links", "--fix", "rules.yml", "--site-url", SITE],
    ],
    ids=["mark", "signoff", "links-fix"],
)
def test_every_writing_command_puts_back_a_half_done_swap_first(mini: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    from generator.build import Project, build

    build(Project.at(mini))
    before = {p.relative_to(mini): p.read_bytes() for p in sorted((mini / "site").rglob("*")) if p.is_file()}
    _rules(mini, "errors-high")
    _runbooks(mini, "impact: Users see errors.", "impact: Users see errors, edited.")  # the next build differs
    _killed_mid_swap(mini)
    code, _, err = main(capsys, "-C", str(mini), *[str(mini / a) if a == "rules.yml" else a for a in args])
    assert code == 0, err
    assert "put back site" in err, err
    assert not (mini / ".checklist-site" / "swap.json").exists()
    after = {p.relative_to(mini): p.read_bytes() for p in sorted((mini / "site").rglob("*")) if p.is_file()}
    assert after == before


# ---- serve stopped by a signal ---------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["int", "term"])
def test_serve_exits_128_plus_the_signal(mini: Path, signum: int, status: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(mini), "serve", "-a", f"127.0.0.1:{_free_port()}"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        seen = ""
        while "Serving on" not in seen:
            assert proc.poll() is None and time.monotonic() < deadline, seen
            seen += proc.stderr.readline()  # type: ignore[union-attr]
        proc.send_signal(signum)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == status


def test_css_strings_of_print_headers_are_css_escaped(tmp_path: Path) -> None:
    from generator.format.validate import load_all
    from generator.site.paper import render_paper

    source = (MINI / "mini.yaml").read_text(encoding="utf-8").replace("title: Mini Launch", "title: 'A < B & \"C\" </style>'", 1)
    source = source.replace("title: Security", "title: \"Sec < \\\\ 'x'\"", 1)
    (tmp_path / "mini.yaml").write_text(source, encoding="utf-8")
    shutil.copy(MINI / "runbooks.yaml", tmp_path / "runbooks.yaml")
    data, issues = load_all([(tmp_path / "mini.yaml", "data/mini.yaml"), (tmp_path / "runbooks.yaml", "data/runbooks.yaml")])
    assert issues == []
    blocks = "\n".join(render_paper(data).values())
    assert '@top-left { content: "A \\3c  B \\26  \\22 C\\22  \\3c /style\\3e "; }' in blocks, blocks[:2000]
    # the section's title isolated (format/bidi.py: U+2068 ... U+2069), each character CSS-escaped as the rest
    assert '@top-right { content: "Section 1: " "\\2068 Sec \\3c  \\5c  \'x\'\\2069 "; }' in blocks
    assert "&lt;" not in "".join(line for line in blocks.splitlines() if "@page" in line)


def test_check_refuses_a_fifo_or_a_device_without_reading_it(mini: Path) -> None:
    fifo = mini / "launch.yaml"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        result = subprocess.run(
            [sys.executable, "-m", "generator", "-C", str(mini), "check", str(path)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=120,  # a read of the FIFO would block
        )
        assert result.returncode == 1, result.stderr
        shown = "launch.yaml" if path == fifo else str(path)  # a file of the project is named from its root
        assert f"{shown}: error: not a regular file (a device, pipe or socket): nothing was read" in result.stderr, result.stderr
