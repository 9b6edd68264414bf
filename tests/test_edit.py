"""`mark`, `signoff`, `approve` change only their entry: every other byte stays, values are validated."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from generator.progress.edit import scalar, set_entry

from .conftest import FIXTURES, make_project, run_cli

STATUS = FIXTURES / "status" / "realserv-launch.status.yaml"
VALUES = {"state": "done", "by": "Priya", "date": datetime.date(2026, 1, 12)}
LINE = "{state: done, by: Priya, date: 2026-01-12}"


@pytest.mark.parametrize(
    "before, after",
    [
        ("checklist: c\nitems: {}\n", f"checklist: c\nitems:\n  new-item: {LINE}\n"),
        ("checklist: c\nitems: {}  # none yet\nsignoffs: {}\n", f"checklist: c\nitems:\n  new-item: {LINE}  # none yet\nsignoffs: {{}}\n"),
        ("checklist: c\nitems:\n# nothing\nsignoffs: {}\n", f"checklist: c\nitems:\n  new-item: {LINE}\n# nothing\nsignoffs: {{}}\n"),
        ("checklist: c\n", f"checklist: c\nitems:\n  new-item: {LINE}\n"),
        ("checklist: c", f"checklist: c\nitems:\n  new-item: {LINE}\n"),
        ("checklist: c\nitems: {a: {state: open}}\n", f"checklist: c\nitems: {{a: {{state: open}}, new-item: {LINE}}}\n"),
        (
            "checklist: c\nitems:\n    a:   {state: open}   # keep\n    # between\n    b: {state: open}\n\nsignoffs: {}\n",
            f"checklist: c\nitems:\n    a:   {{state: open}}   # keep\n    # between\n    b: {{state: open}}\n    new-item: {LINE}\n\nsignoffs: {{}}\n",
        ),
        (
            "checklist: c\nitems:\n  new-item:\n    state: open\n    by: X   # who\nsignoffs: {}\n",
            f"checklist: c\nitems:\n  new-item: {LINE}   # who\nsignoffs: {{}}\n",
        ),
        ("checklist: c\nitems:\n  'new-item': {state: open}  # old\n", f"checklist: c\nitems:\n  new-item: {LINE}  # old\n"),
    ],
    ids=[
        "empty-flow", "empty-flow-comment", "null", "no-section", "no-final-newline",
        "flow-entries", "block-entries", "block-entry-replaced", "quoted-key-replaced",
    ],
)
def test_only_the_entry_changes(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "s.status.yaml"
    path.write_text(before, encoding="utf-8")
    set_entry(path, "c", "items", "new-item", VALUES)
    assert path.read_text(encoding="utf-8") == after


def test_crlf_and_byte_order_mark_are_kept_and_other_lines_are_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    original = STATUS.read_text(encoding="utf-8").replace("\n", "\r\n")
    # Unusual but valid spelling the round-trip writer used to rewrite: quotes, spacing, a multi-line entry.
    original = original.replace(
        "  twilio-sms-used: {state: n/a, by: Arun, date: 2026-01-10}",
        "  'twilio-sms-used':   { state: 'n/a', by: Arun, date: 2026-01-10 }",
    )
    path = project / "data" / "realserv-launch.status.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + original.encode("utf-8"))
    result = run_cli("-C", str(project), "mark", "jwt-token-validation-working", "--open", "--by", "Priya", "--date", "2026-01-12")
    assert result.returncode == 0, result.stderr
    old_line = "  jwt-token-validation-working: {state: done, by: Priya, date: 2026-01-08, note: verified in all 7 services}"
    expected = original.replace(old_line, "  jwt-token-validation-working: {state: open, by: Priya, date: 2026-01-12}")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")
    result = run_cli("-C", str(project), "mark", "code-freeze-no-new", "--done", "--by", "Dev", "--date", "2026-01-12")
    assert result.returncode == 0, result.stderr
    anchor = "  ecs-cluster-created: {state: done, by: Dev, date: 2026-01-10}\r\n"
    expected = expected.replace(anchor, anchor + "  code-freeze-no-new: {state: done, by: Dev, date: 2026-01-12}\r\n")
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


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
    status = (project / "data" / "mini.status.yaml").read_text(encoding="utf-8")
    assert '  "no": {state: done, by: Dev, date: 2026-01-12}\n' in status and '  "on": {state: done' in status
    assert set(yaml.safe_load(status)["items"]) == {"no", "on"}
    assert run_cli("-C", str(project), "check").returncode == 0


@pytest.mark.parametrize(
    "args, message",
    [
        (("--by", "Pri\rya"), "--by contains the control character U+000D"),
        (("--by", "\x1b[31mPriya"), "--by contains the control character U+001B"),
        (("--by", "Priya", "--note", "line one\nline two"), "--note contains the control character U+000A"),
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


def test_texts_that_are_not_plain_are_quoted_and_read_back_as_written() -> None:
    for text in ("no", "yes", "off", "1.5", "null", "~", "a: b", "x, y", "{z}", "#tag", "- dash", "Meera (CTO)", "O'Brien", "2026-01-12", "trailing "):
        assert yaml.safe_load(f"k: {{v: {scalar(text)}}}") == {"k": {"v": text}}, text
    assert scalar("Priya") == "Priya" and scalar("all 7 services") == "all 7 services"
