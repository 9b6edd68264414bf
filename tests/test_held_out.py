"""Round eleven's held-out faults and payloads: what is said of a file with thousands of problems, links to nothing
among the alarm definitions. In process and small."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, make_project, run_cli

MINI = ROOT / "tests" / "fixtures" / "mini"


def test_a_file_of_thousands_of_problems_is_said_in_a_screen_with_a_count_of_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checklist of 50,000 unknown keys printed 100,000 lines (each with a 'did you mean' hint looked for by difflib,
    and every line escaped for the terminal): half a minute. What is said of a file is capped (errors.capped), the rest
    counted in one line, the total still the summary's; the hints past the cap are not looked for; another file's
    problems are still said."""
    from generator.errors import SAID_PER_FILE

    project = make_project(tmp_path / "p", MINI)
    lines = (project / "data" / "mini.yaml").read_text(encoding="utf-8").splitlines()
    at = lines.index("id: mini") + 1
    (project / "data" / "mini.yaml").write_text("\n".join([*lines[:at], *(f"k{n}: v" for n in range(3000)), *lines[at:]]) + "\n", encoding="utf-8")
    (project / "data" / "other.yaml").write_text("id: other\ntitle: Other\nversion: '1'\nsections: []\nowner2: x\n", encoding="utf-8")
    looked, real = [], difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: looked.append(a[0]) or real(*a, **k))
    ran = run_cli("check", cwd=project)
    assert ran.returncode == 1
    said = ran.stderr.splitlines()
    assert sum(": error: unknown key 'k" in line for line in said) == SAID_PER_FILE
    assert f"data/mini.yaml: error: {3000 - SAID_PER_FILE:,} more problem(s) in this file, not shown" in said
    assert any(line.startswith("data/other.yaml:5:1: error: unknown key 'owner2'") for line in said)
    assert said[-1] == "3002 error(s) in 2 file(s); nothing was built or changed"
    assert len(said) < 4 * SAID_PER_FILE and len(looked) <= 2 * SAID_PER_FILE


def test_a_link_to_nothing_among_the_alarm_definitions_is_said_not_skipped(tmp_path: Path) -> None:
    """`links --check rules/` skipped a rule file that was a symbolic link to a file gone (a moved repository, a link of
    another checkout): its alarms went unchecked, and the check said ok. It is said at the link, with what to do."""
    project = make_project(tmp_path / "p")
    rules = project / "rules"
    rules.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "alarms" / "prometheus-rules.yml", rules / "api.yml")
    (rules / "gone.yml").symlink_to(tmp_path / "moved" / "gone.yml")
    ran = run_cli("links", "--check", "rules", cwd=project)
    assert ran.returncode == 1, ran.stderr
    assert f"rules/gone.yml: error: a symbolic link to '{tmp_path / 'moved' / 'gone.yml'}', which does not exist: nothing was read" in ran.stderr
    assert "hint: point the link at the file, or remove it" in ran.stderr
