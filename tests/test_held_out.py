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


def test_an_id_that_takes_an_anchor_of_its_page_is_refused_at_its_place(tmp_path: Path) -> None:
    """An id of the data shown on a page was an element id the page gives something of its own too, and check passed: an
    instruction 'legend' (the overview's Legend heading), a rollback step 'steps', a step 'var-service' beside the
    variable SERVICE, two variables SERVICE and service (one line's anchor), a section 'cover' (the packet's cover sheet,
    #sheet-cover, and its page style @page cl-cover). The built page held the id twice and a link to the item landed on
    the heading. Each is refused at the id (layout.anchors_taken)."""
    project = make_project(tmp_path / "p", MINI)
    mini = project / "data" / "mini.yaml"
    text = mini.read_text(encoding="utf-8").replace("{id: read-first,", "{id: legend,").replace("  - id: ops\n", "  - id: cover\n")
    steps = "  steps:\n    - {id: step-decide,"
    assert steps in text
    variables = "  variables:\n    - {name: SERVICE, find: The service}\n    - {name: service, find: Another}\n"
    text = text.replace(steps, variables + "  steps:\n    - {id: var-service, title: X, text: Y, command: echo $SERVICE $service}\n    - {id: steps,")
    mini.write_text(text, encoding="utf-8")
    ran = run_cli("check", cwd=project)
    assert ran.returncode == 1
    said = [line for line in ran.stderr.splitlines() if ": error: " in line]
    needles = ("id: legend", "id: cover", "id: var-service", "id: steps", "name: service")
    line = {needle: n for n, row in enumerate(text.splitlines(), 1) for needle in needles if needle in row}
    assert said == [
        f"data/mini.yaml:{line['id: legend']}:10: error: id 'legend' of an item is the anchor of a heading of the page's own (#legend)",
        f"data/mini.yaml:{line['id: steps']}:12: error: id 'steps' of a step is the anchor of a heading of the page's own (#steps)",
        f"data/mini.yaml:{line['id: cover']}:9: error: id 'cover' is the anchor of the packet's cover sheet (#sheet-cover)",
        f"data/mini.yaml:{line['name: service']}:14: error: variables 'SERVICE' and 'service' of the rollback procedure of 'mini' would share one anchor "
        "(#var-service)",
        f"data/mini.yaml:{line['id: var-service']}:12: error: step id 'var-service' is the anchor of variable 'SERVICE' of the rollback procedure of 'mini'",
    ], said


def test_the_anchors_a_page_type_declares_are_those_its_templates_write() -> None:
    """layout's PageType.anchors (and PAGE_IDS) are what check holds ids against: every literal anchor a page's template
    (with what it includes) gives its own headings and elements is declared, so one added to a template is refused to the
    data too, and each declared anchor is written."""
    import re

    from generator.site.layout import PAGE_IDS, PAGE_TYPES

    templates = ROOT / "generator" / "site" / "templates"

    def written(name: str) -> set[str]:
        text = (templates / name).read_text(encoding="utf-8")
        found = set(re.findall(r"\{#([a-z][a-z0-9-]*)\}", text)) | set(re.findall(r'\bid="([a-z][a-z0-9-]*)"', text))
        for included in re.findall(r'\{%-? include "([^"]+)"', text):
            found |= written(included)
        return found

    for key in ("overview", "section", "part", "final-signoff", "rollback"):
        kind = PAGE_TYPES[key]
        assert written(kind.template) - set(PAGE_IDS) == set(kind.anchors), key
