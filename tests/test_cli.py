"""The command line as a user meets it: help, version, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import __version__
from generator.format.schema import CHECKLIST, ENTRY, RUNBOOKS, STATUS, Spec, json_schema

from .conftest import FIXTURES, ROOT, run_cli


def test_help_lists_commands_and_examples() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("check", "build", "serve", "schema", "examples:", "exit status"):
        assert word in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.stdout.strip() == f"checklist-site {__version__}"


def test_check_passes_on_the_shipped_data() -> None:
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 1 checklist(s), 243 items in sections, 6 runbook(s), no problems"


def test_check_on_a_missing_path() -> None:
    result = run_cli("check", "no/such.yaml")
    assert result.returncode == 1
    assert "error: no/such.yaml does not exist" in result.stderr


def test_unknown_command_is_a_usage_error() -> None:
    assert run_cli("frobnicate").returncode == 2


@pytest.mark.parametrize("kind, spec", [("checklist", CHECKLIST), ("runbooks", RUNBOOKS), ("status", STATUS), ("entry", ENTRY)])
def test_shipped_schema_is_in_step_with_the_loader(kind: str, spec: Spec) -> None:
    shipped = json.loads((ROOT / "docs" / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert shipped == json_schema(spec), f"regenerate: checklist-site schema {kind} > docs/schema/{kind}.schema.json"
    assert json.loads(run_cli("schema", kind).stdout) == shipped


@pytest.mark.parametrize("kind, titles", [("runbooks", ["Runbook files"]), ("entry", ["Record entries"]), ("", ["Checklist files", "Runbook files",
                         "Status files", "Record entries"])], ids=["runbooks", "entry", "every-kind"])
def test_the_format_reference_is_of_the_kind_asked(kind: str, titles: list[str]) -> None:
    """`schema KIND --reference` printed the reference of every kind of file, KIND ignored: now that kind's alone (all
    without KIND, as the README holds it); the export's, which has none, is refused with the command that prints it."""
    result = run_cli("schema", *([kind] if kind else []), "--reference")
    assert result.returncode == 0, result.stderr
    assert [line.removeprefix("#### ") for line in result.stdout.splitlines() if line.startswith("#### ")] == titles
    refused = run_cli("schema", "export", "--reference")
    assert refused.returncode == 2 and "hint: print it with: checklist-site schema export" in refused.stderr, refused.stderr


def test_shipped_and_fixture_data_validate_against_the_schema() -> None:
    specs = {"runbooks": RUNBOOKS, "status": STATUS, "checklist": CHECKLIST}
    for path in [*sorted((ROOT / "data").glob("*.yaml")), FIXTURES / "mini" / "mini.yaml", FIXTURES / "status" / "realserv-launch.status.yaml"]:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        data = json.loads(json.dumps(data, default=str))  # dates as the strings the schema describes
        kind = "runbooks" if "runbooks" in data else "status" if "checklist" in data else "checklist"
        jsonschema.validate(data, json_schema(specs[kind]))
        assert f"yaml-language-server: $schema=../docs/schema/{kind}.schema.json" in text or path.parent.name in ("mini", "status")


def test_schema_rejects_what_the_loader_rejects() -> None:
    bad = {
        "id": "x",
        "title": "X",
        "sections": [
            {"id": "s", "title": "S", "priority": "critical", "groups": [{"id": "g", "title": "G", "items": [{"id": "i", "text": "T", "critcal": True}]}]}
        ],
    }
    try:
        jsonschema.validate(bad, json_schema())
    except jsonschema.ValidationError as exc:
        assert "critcal" in exc.message
    else:  # pragma: no cover
        raise AssertionError("schema accepted an unknown key")


def test_build_from_another_folder_with_project_option(tmp_path: Path) -> None:
    from .conftest import make_project

    project = make_project(tmp_path / "p")
    result = run_cli("-C", str(project), "build", "--site-url", "https://runbooks.example.org/launch/")
    assert result.returncode == 0, result.stderr
    assert "https://runbooks.example.org/launch/checklists/realserv-launch/security/" in (project / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_the_program_leaves_the_last_collection_to_its_exit(tmp_path: Path) -> None:
    """`checklist-site build` run as the program (``exits``) does not walk the build's objects once more before the process
    ends; called in a process that goes on (tests, ``serve``), the build collects them as before."""
    import gc

    from generator.cli import main

    from .conftest import make_project

    root = make_project(tmp_path / "p")
    try:
        assert main(["-C", str(root), "-q", "build"], exits=True) == 0
        assert not gc.isenabled() and (root / "site" / "index.html").is_file()
        gc.enable()
        assert main(["-C", str(root), "-q", "build"]) == 0
        assert gc.isenabled()
    finally:
        gc.enable()
