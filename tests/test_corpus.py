"""Every broken input in tests/corpus/ gets its exact, located message and hint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.validate import load_checklist

from .conftest import make_project, run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = sorted(CORPUS.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+?) \| (.+)$")


def expectation(path: Path) -> tuple[int, int, str, str]:
    match = EXPECT.match(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{path.name}: first line must be '# expect: LINE:COL: message | hint'"
    line, column, message, hint = match.groups()
    return int(line), int(column), message.replace("{file}", path.name), hint


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_message_and_location(case: Path) -> None:
    line, column, message, hint = expectation(case)
    checklist, issues = load_checklist(case, case.name)
    assert checklist is None or issues
    found = [i for i in issues if (i.loc.line, i.loc.column) == (line, column) and i.message.startswith(message)]
    assert found, "\n".join(i.format() for i in issues)
    assert hint in found[0].hint


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


def test_failed_check_leaves_the_site_and_pages_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "build").returncode == 0
    before = {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) + sorted((project / "docs").rglob("*")) if p.is_file()}
    (project / "data" / "broken.yaml").write_text((CORPUS / "unknown-key.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1
    after = {p: p.read_bytes() for p in sorted((project / "site").rglob("*")) + sorted((project / "docs").rglob("*")) if p.is_file()}
    assert after == before
