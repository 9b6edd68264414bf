"""`mark`, `signoff`, `approve` write one new entry file each: the status file stays byte for byte, values are validated."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.build import Project, check
from generator.format.model import State
from generator.progress.edit import scalar

from .conftest import FIXTURES, make_project, run_cli

STATUS = FIXTURES / "status" / "realserv-launch.status.yaml"


def _entries(project: Path, checklist: str = "realserv-launch") -> list[Path]:
    folder = project / "data" / f"{checklist}.record"
    return sorted(folder.glob("*.yaml")) if folder.exists() else []


def test_the_status_file_stays_byte_for_byte_and_the_entry_is_folded_on_top(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    original = STATUS.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = project / "data" / "realserv-launch.status.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    before = path.read_bytes()
    result = run_cli("-C", str(project), "mark", "jwt-token-validation-working", "--open", "--by", "Priya", "--date", "2026-01-12")
    assert result.returncode == 0, result.stderr
    result = run_cli("-C", str(project), "mark", "code-freeze-no-new", "--done", "--by", "Dev", "--date", "2026-01-12")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == before
    entries = _entries(project)
    assert len(entries) == 2 and all(e.name.startswith("20260112T") for e in entries)
    assert {e.name.split("-")[1] for e in entries} == {"priya", "dev"}
    status = check(Project.at(project)).status("realserv-launch")
    assert status is not None
    jwt = status.item("jwt-token-validation-working")
    assert jwt is not None and jwt.state is State.OPEN and jwt.by == "Priya"
    assert jwt.previous is not None and jwt.previous.state is State.DONE  # the status file's entry is history
    assert status.item("code-freeze-no-new").state is State.DONE  # type: ignore[union-attr]


def test_ids_yaml_reads_as_booleans_are_quoted(tmp_path: Path) -> None:
    project = tmp_path / "p"
    make_project(project, data=FIXTURES / "mini")
    checklist = project / "data" / "mini.yaml"
    extra = "- {id: \"no\", text: Say no}\n          - {id: \"on\", text: Turn on}\n          - id: deploy-order"
    text = checklist.read_text(encoding="utf-8").replace("- id: deploy-order", extra)
    checklist.write_text(text, encoding="utf-8")
    for ident in ("no", "on"):
        result = run_cli("-C", str(project), "mark", ident, "--done", "--by", "Dev", "--date", "2026-01-12")
        assert result.returncode == 0, result.stderr
    texts = [p.read_text(encoding="utf-8") for p in _entries(project, "mini")]
    assert any('- {item: "no", state: done}' in t for t in texts) and any('- {item: "on", state: done}' in t for t in texts)
    assert {yaml.safe_load(t)["changes"][0]["item"] for t in texts} == {"no", "on"}
    assert not (project / "data" / "mini.status.yaml").exists()
    assert run_cli("-C", str(project), "check").returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (("--by", "Pri\rya"), "--by contains the invisible character U+000D (a control character)"),
        (("--by", "\x1b[31mPriya"), "--by contains the invisible character U+001B (a control character)"),
        (("--by", "Priya", "--note", "line one\nline two"), "--note contains the invisible character U+000A (a control character)"),
        (("--by", "Priya", "--date", "2026-W05-3"), "--date '2026-W05-3' is not a date"),
        (("--by", "Priya", "--date", "20260112"), "--date '20260112' is not a date"),
        (("--by", "Priya", "--date", "2026-02-30"), "--date '2026-02-30' is not a date"),
    ],
    ids=["carriage-return", "ansi-escape", "newline-in-note", "week-date", "basic-date", "no-such-day"],
)
def test_values_are_validated_before_anything_is_written(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    project = make_project(tmp_path / "p")
    path = project / "data" / "realserv-launch.status.yaml"
    before = path.read_bytes()
    result = run_cli("-C", str(project), "mark", "twilio-sms-used", "--done", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert path.read_bytes() == before
    assert not (project / "data" / "realserv-launch.record").exists()


def test_texts_that_are_not_plain_are_quoted_and_read_back_as_written() -> None:
    for text in ("no", "yes", "off", "1.5", "null", "~", "a: b", "x, y", "{z}", "#tag", "- dash", "Meera (CTO)", "O'Brien", "2026-01-12", "trailing "):
        assert yaml.safe_load(f"k: {{v: {scalar(text)}}}") == {"k": {"v": text}}, text
    assert scalar("Priya") == "Priya" and scalar("all 7 services") == "all 7 services"
