"""Every broken input in tests/corpus/ gets its exact, located message and hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check_files

from .conftest import ROOT, load_checklist, make_project, run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+?) \| (.+)$")


def expectation(path: Path) -> tuple[int, int, str, str]:
    match = EXPECT.match(path.read_bytes().split(b"\n")[0].decode("utf-8"))
    assert match, f"{path.name}: first line must be '# expect: LINE:COL: message | hint'"
    line, column, message, hint = match.groups()
    return int(line), int(column), message.replace("{file}", path.name), hint


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_message_and_location(case: Path) -> None:
    line, column, message, hint = expectation(case)
    _, issues = check_files([(case, case.name)])
    found = [i for i in issues if (i.loc.line, i.loc.column) == (line, column) and i.message.startswith(message)]
    assert found, "\n".join(i.format() for i in issues)
    assert hint in found[0].hint


def test_a_misspelled_required_key_is_one_problem_not_two() -> None:
    """'txt:' for 'text:' was said twice: the unknown key, and the required one missing at the mapping's start."""
    case = CORPUS / "misspelled-required-key.yaml"
    _, issues = check_files([(case, case.name)])
    assert len(issues) == 1, "\n".join(i.format() for i in issues)


def test_check_reports_every_problem_at_once_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in ("unknown-key.yaml", "duplicate-id.yaml", "critical-yes.yaml"):
        (data / name).write_text((CORPUS / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("check", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"data/unknown-key\.yaml:12:45: error: unknown key 'critcal' in item 'jwt-validation'\n    hint: did you mean 'critical'\?", result.stderr)
    assert "data/duplicate-id.yaml:13:13: error: duplicate id 'jwt'" in result.stderr
    assert "critical-yes.yaml:12:50: error: expected 'critical'" in result.stderr
    assert result.stderr.rstrip().endswith("3 error(s) in 3 file(s); nothing was built or changed")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_cli_check_gives_a_located_error_and_status_1(case: Path) -> None:
    line, column, message, _ = expectation(case)
    result = run_cli("check", str(case.relative_to(ROOT)))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"tests/corpus/{case.name}:{line}:{column}: error: " in result.stderr
    assert "\n    hint: " in result.stderr


def _snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) + sorted((project / "docs").rglob("*")) if p.is_file()}


def test_no_broken_input_touches_docs_or_site(tmp_path: Path) -> None:
    """Every corpus file, dropped into data/ of a built project, fails the build and changes nothing."""
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "build").returncode == 0
    before = _snapshot(project)
    for case in CASES:
        broken = project / "data" / f"zz-{case.name}"
        broken.write_bytes(case.read_bytes())
        result = run_cli("-C", str(project), "build")
        broken.unlink()
        assert result.returncode == 1, case.name
        assert "Traceback" not in result.stderr, case.name
        assert _snapshot(project) == before, case.name


def test_bom_and_crlf_are_read_as_plain_utf8(tmp_path: Path) -> None:
    text = (CORPUS.parent / "fixtures" / "mini" / "mini.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mini.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    checklist, issues = load_checklist(path, "mini.yaml")
    assert checklist is not None and issues == []
    assert (
        checklist.sections[0].groups[0].items[0].loc.line == text.splitlines().index(next(line for line in text.splitlines() if "jwt-validation" in line)) + 1
    )
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"\xef\xbb\xbf" + (CORPUS / "unknown-key.yaml").read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    _, issues = load_checklist(broken, "broken.yaml")
    assert [(i.loc.line, i.loc.column) for i in issues] == [(12, 45)]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    mini = (CORPUS.parent / "fixtures" / "mini" / "mini.yaml").read_text(encoding="utf-8")
    (data / "a.yaml").write_text(mini, encoding="utf-8")
    (data / "b.yaml").write_text(mini, encoding="utf-8")
    result = run_cli("check", str(data))
    assert result.returncode == 1
    assert re.search(r"b\.yaml:\d+:\d+: error: duplicate checklist id 'mini': \S*a\.yaml uses it too", result.stderr), result.stderr


SHIPPED = (ROOT / "data" / "realserv-launch.yaml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(at=st.integers(0, len(SHIPPED) - 1))
def test_a_character_deleted_from_the_shipped_checklist_is_an_error_at_its_line_or_nothing(tmp_path: Path, at: int) -> None:
    """A key's colon, a list's dash, a quote, a bracket, a space of indentation, a comment's '#' deleted (or any other
    character): the checklist still reads, or an error names the line the character was deleted from (a deleted line
    break: the line it made or the one after, where a comment took in the key that followed it), never the next entry or
    the next quote's line, as PyYAML's own marks did."""
    path = tmp_path / "x.yaml"
    path.write_text(SHIPPED[:at] + SHIPPED[at + 1 :], encoding="utf-8")
    _, issues = load_checklist(path, "x.yaml")
    line = SHIPPED.count("\n", 0, at) + 1
    errors = [i for i in issues if i.severity.value == "error"]
    lines = {line, line + 1} if SHIPPED[at] == "\n" else {line}
    assert not errors or any(i.loc.line in lines for i in errors), (repr(SHIPPED[at]), line, [i.format() for i in errors])


def test_a_checklist_saved_as_utf16_is_said_so(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    for encoding in ("utf-16", "utf-16-le"):
        path.write_bytes(SHIPPED.encode(encoding))
        _, issues = load_checklist(path, "x.yaml")
        assert [(i.loc.line, i.loc.column, i.message) for i in issues] == [(1, 1, "the file is saved as UTF-16, not UTF-8")], encoding
