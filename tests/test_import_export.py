"""Import Markdown checklists; export JSON, CSV and Markdown; round trips lose nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from generator.build import Project, check
from generator.exchange.export import as_markdown, export_schema
from generator.exchange.importer import import_markdown, to_yaml
from generator.format.model import Checklist, Item
from generator.format.validate import load_checklist

from .conftest import FIXTURES, ROOT, SEED, run_cli


def _items(items: tuple[Item, ...]) -> list[Any]:
    def details(text: str) -> str:  # blank lines between blocks are not content
        return "\n".join(line for line in text.splitlines() if line.strip())

    return [(i.text, i.critical, i.priority, i.target, i.ordered, details(i.details), _items(i.items)) for i in items]


def shape(c: Checklist, who: bool = True, icons: bool = True) -> dict[str, Any]:
    """Everything a reader sees, without ids (which the importer derives from texts)."""
    f = c.final_signoff
    return {
        "meta": (c.version, c.updated, c.owner, c.next_review),
        "instructions": _items(c.instructions),
        "sections": [
            (
                s.title,
                s.priority,
                s.icon if icons else None,
                [(g.title, g.signoff, _items(g.items), [(sub.label, _items(sub.items)) for sub in g.lists]) for g in s.groups],
            )
            for s in c.sections
        ],
        "final": f and ([r.title for r in f.approval.roles], [(o.icon, o.label, o.text) for o in f.decision.options], f.decision.notes, f.decision.notes_hint),
        "parts": [(p.title, p.period, [(g.title, _items(g.items)) for g in p.groups]) for p in c.parts],
        "rollback": c.rollback and (c.rollback.title, c.rollback.when, [(s.title, s.text, s.who if who else None) for s in c.rollback.steps]),
    }


def _import(source: str, tmp_path: Path, name: str = "imported") -> tuple[Checklist, list[str]]:
    result = import_markdown(source, f"{name}.md")
    path = tmp_path / f"{name}.yaml"
    path.write_text(to_yaml(result.doc, f"{name}.md"), encoding="utf-8")
    checklist, issues = load_checklist(path, path.name)
    assert checklist is not None and not issues, [i.format() for i in issues]
    return checklist, result.warnings


def test_importing_the_seed_gives_the_shipped_checklist(tmp_path: Path) -> None:
    imported, warnings = _import(SEED.read_text(encoding="utf-8"), tmp_path)
    shipped = check(Project.at(ROOT)).checklists[0]
    # Two section emoji arrive garbled beyond repair (a dropped byte leaves several candidates).
    # Everything else must match, rollback owners and the created date included.
    assert shape(imported, icons=False) == shape(shipped, icons=False)
    assert imported.created == shipped.created and str(imported.created) == "2026-01-12"
    assert [s.icon for s in imported.sections] == ["", "", "📊", "✅", "🔧", "📚", "🚀", "📞"]
    assert imported.rollback and imported.rollback.steps[0].who == "Tech Lead + Product Manager"
    assert sum(1 for _ in imported.section_items()) == 243
    assert sum(1 for _, _, _ in imported.critical_items()) == 57
    assert len(warnings) == 2 and all("garbled beyond repair" in w for w in warnings)


def test_export_markdown_then_import_gives_the_same_checklist(tmp_path: Path) -> None:
    data = check(Project.at(ROOT))
    markdown = as_markdown(data)
    again, warnings = _import(markdown, tmp_path)
    assert shape(again) == shape(data.checklists[0])
    assert warnings == []


def test_mini_round_trip_keeps_details_nesting_and_labels(tmp_path: Path) -> None:
    mini, _ = load_checklist(FIXTURES / "mini" / "mini.yaml", "mini.yaml")
    assert mini is not None
    from generator.format.model import Data

    again, _ = _import(as_markdown(Data((mini,))), tmp_path)
    assert shape(again) == shape(mini)


def test_a_github_readme_loses_no_task_item(tmp_path: Path) -> None:
    source = (FIXTURES / "import" / "github-readme.md").read_text(encoding="utf-8")
    tasks = re.findall(r"^\s*(?:[-*+]|\d+\.) \[[ xX]\] (.*)$", source, re.M)
    imported, warnings = _import(source, tmp_path, "readme")
    items = [i for s in imported.sections for g in s.groups for i in g.all_items()]
    assert len(items) == len(tasks) == 12
    assert imported.title == "Production Readiness Checklist"
    assert (imported.version, str(imported.updated), imported.owner) == ("2.3", "2025-11-03", "Platform Guild")
    security, reliability = imported.sections
    assert security.priority.value == "high" and reliability.priority.value == "medium"
    by_text = {i.text: i for i in items}
    assert by_text["Secrets are stored in a vault, never in the repository"].critical
    assert by_text["Alerts route to the on-call rotation"].critical
    assert by_text["Dependencies scanned on every build"].priority.value == "medium"  # type: ignore[union-attr]
    assert "npm audit --production" in by_text["Dependencies scanned on every build"].details
    assert "> Note: internal traffic too" in by_text["TLS everywhere, HSTS enabled"].details
    assert "OWASP cheat sheet" in by_text["Security headers set (CSP, X-Frame-Options)"].details
    restore = by_text["Restore tested this quarter"]
    assert [i.text for i in restore.items] == ["Point-in-time restore", "Full restore"]
    assert reliability.groups[1].lists[0].label == "Service List"
    assert "A checklist for shipping a web service" in security.notes and "Some closing words" in reliability.notes
    assert any("table of contents was left out" in w for w in warnings)
    assert sum("back to top" in w for w in warnings) == 3
    assert any("2 item(s) were ticked" in w for w in warnings)


def test_import_cli_writes_a_file_that_builds_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "data" / "readme.yaml"
    result = run_cli("import", str(FIXTURES / "import" / "github-readme.md"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "2 section(s), 12 items" in result.stdout and "warning:" in result.stderr
    assert run_cli("check", str(out)).returncode == 0
    again = run_cli("import", str(FIXTURES / "import" / "github-readme.md"), "-o", str(out))
    assert again.returncode == 1 and "import never overwrites" in again.stderr


def test_export_json_csv_and_the_site_copy(built_project: Path, site: Path) -> None:
    doc = json.loads(run_cli("-C", str(built_project), "export").stdout)
    jsonschema.validate(doc, export_schema())
    items = doc["checklists"][0]["items"]
    assert len(items) == 243 + 12 + 8
    first = items[0]
    assert first["url"] == "https://checklists.realserv.example/checklists/realserv-launch/security/#firebase-authentication-configured-prod"
    assert (first["section"], first["group"], first["critical"], first["priority"]) == ("security", "authentication-authorization", True, "critical")
    nested = next(i for i in items if i["id"] == "deploy-identityservice")
    assert nested["parents"] == ["deploy-services-correct-order"]
    assert json.loads((site / "checklist.json").read_text(encoding="utf-8")) == doc
    assert json.loads((ROOT / "docs" / "schema" / "export.schema.json").read_text(encoding="utf-8")) == export_schema()
    rows = list(csv.DictReader(io.StringIO(run_cli("-C", str(built_project), "export", "--format", "csv").stdout)))
    assert len(rows) == 263
    assert rows[0]["section"] == "Security" and rows[0]["critical"] == "yes" and rows[0]["url"].endswith("#firebase-authentication-configured-prod")


def test_export_carries_the_status(tmp_path: Path) -> None:
    import shutil

    from .conftest import make_project

    project = make_project(tmp_path / "p")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    doc = json.loads(run_cli("-C", str(project), "export").stdout)
    states = {i["id"]: i["status"]["state"] for i in doc["checklists"][0]["items"]}
    assert states["jwt-token-validation-working"] == "done" and states["rbac-enforced-services"] == "waived"
    markdown = run_cli("-C", str(project), "export", "--format", "markdown").stdout
    assert "- [ ] 🔴 Firebase Authentication configured (prod project)" in markdown
