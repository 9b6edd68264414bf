"""Round six of bad input: each message is located, says what was expected, and its hint works when followed.

Each test makes the mistake, reads what is said (file, line and column; exit status; nothing written), then does what
the hint says and checks that the same reading goes through: a hint that, followed, led to the next error of the same
mistake ('or remove sections': a required key) or to nothing changed (a runbook added to another checklist's file) is a
defect of its own.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest

from generator.build import mkdocs_config
from generator.errors import UsageError
from generator.mkdocs_yml import inherit_problem
from generator.project import Project

from .conftest import FIXTURES, Ran, load_checklist, make_project, run_cli


def _tree(folder: Path) -> dict[str, str]:
    """Every file of ``folder`` (but the lock and scratch folder) by its digest: what a refused command must leave."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".checklist-site" not in p.parts
    }


def _settings_project(tmp_path: Path) -> Path:
    """A project of mkdocs.yml, docs/ and overrides/ with the small fixture's data: enough for MkDocs to read its settings."""
    return make_project(tmp_path / "p", FIXTURES / "mini")


# ---- mkdocs.yml's INHERIT: MkDocs follows it itself; what it stops at is said at its place ----------------------------

Fix = Callable[[Path], None]


def _write(name: str, text: str | bytes) -> Fix:
    def fix(project: Path) -> None:
        target = project / name
        if target.is_dir():
            shutil.rmtree(target)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")

    return fix


def _inherit(value: str) -> Fix:
    def fix(project: Path) -> None:
        config = project / "mkdocs.yml"
        config.write_text(f"INHERIT: {value}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")

    return fix


def _drop_inherit(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        "".join(line for line in config.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("INHERIT:")), encoding="utf-8"
    )


INHERITS: list[tuple[str, list[Fix], str, str, Fix]] = [
    # (id, the mistake, where and what is said, a word of the hint, the hint followed)
    (
        "not-text",
        [_inherit("5")],
        "mkdocs.yml:1:10: error: 'INHERIT' must name a settings file, but it is the number 5",
        "e.g. 'INHERIT: base.yml'",
        _drop_inherit,
    ),
    (
        "a-list",
        [_inherit("[base.yml]")],
        "mkdocs.yml:1:10: error: 'INHERIT' must name a settings file, but it is a list",
        "remove the 'INHERIT:' line",
        _drop_inherit,
    ),
    (
        "missing",
        [_inherit("base.yml")],
        "mkdocs.yml:1:10: error: 'INHERIT' names base.yml, which does not exist",
        "create base.yml",
        _write("base.yml", "site_author: Ops\n"),
    ),
    (
        "a-folder",
        [_inherit("base.yml"), lambda p: (p / "base.yml").mkdir()],
        "mkdocs.yml:1:10: error: 'INHERIT' names base.yml, which is a folder",
        "name a YAML file",
        _write("base.yml", "site_author: Ops\n"),
    ),
    (
        "itself",
        [_inherit("mkdocs.yml")],
        "mkdocs.yml:1:10: error: 'INHERIT' names mkdocs.yml, which is read already: the files inherit in a loop",
        "remove the 'INHERIT:' line",
        _drop_inherit,
    ),
    (
        "a-loop",
        [_inherit("base.yml"), _write("base.yml", "INHERIT: mkdocs.yml\n")],
        "base.yml:1:10: error: 'INHERIT' names mkdocs.yml, which is read already",
        "remove the 'INHERIT:' line",
        _write("base.yml", "site_author: Ops\n"),
    ),
    (
        "holds-a-list",
        [_inherit("base.yml"), _write("base.yml", "- site_author\n")],
        "base.yml:1:1: error: expected 'key: value' lines",
        "'key: value' lines",
        _write("base.yml", "site_author: Ops\n"),
    ),
    (
        "syntax",
        [_inherit("base.yml"), _write("base.yml", "copyright: x\nsite_author: 'Ops\n")],
        "base.yml:2:14: error: YAML syntax error",
        "close the quote",
        _write("base.yml", "copyright: x\nsite_author: 'Ops'\n"),
    ),
    (
        "utf-16",
        [_inherit("base.yml"), _write("base.yml", "site_author: Ops\n".encode("utf-16"))],
        "base.yml:1:1: error: the file is saved as UTF-16",
        "UTF-8",
        _write("base.yml", "site_author: Ops\n"),
    ),
]


# A key of the inherited file: (what is written wrong, its place there, what is said, the fix)
INHERITED_KEYS = [
    ("site_url: https://checklists.realserv.example/", "site_url: javascript:alert(1)", "base.yml:5:1: error: key 'site_url'", "http"),
    ("    - navigation.top\n", "    - navigation.topp\n", "base.yml:15:7: error: key 'theme.features[2]': the theme has no feature", "'navigation.top'"),
    ("      permalink: true", "      permalnk: true", "base.yml:58:7: error: key 'markdown_extensions[4].toc.permalnk'", "'permalink'"),
]


@pytest.mark.parametrize("right, wrong, said, hint", INHERITED_KEYS, ids=["site-url", "theme-feature", "extension-option"])
def test_a_key_set_in_the_inherited_file_is_said_there_and_the_fix_builds(tmp_path: Path, right: str, wrong: str, said: str, hint: str) -> None:
    """mkdocs.yml of one line and an INHERIT: a wrong key of the inherited file was said at mkdocs.yml with no line (the
    site's address), or not at all (a feature or an extension's option the theme and Markdown leave out without a
    word: the checks read mkdocs.yml alone). Each is said at its place in the file that sets it, and read as MkDocs
    merges the files (err6's leftover)."""
    project = _settings_project(tmp_path)
    base = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert right in base
    (project / "base.yml").write_text(base.replace(right, wrong, 1), encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: RealServ, inherited\n", encoding="utf-8")
    before = _tree(project)
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2 and said in result.stderr and hint in result.stderr.partition("hint: ")[2], result.stderr
    assert _tree(project) == before and not (project / "site").exists()
    (project / "base.yml").write_text(base, encoding="utf-8")  # the fix, where the message says
    built = run_cli("-C", str(project), "-q", "build")
    assert built.returncode == 0, built.stderr
    assert "RealServ, inherited" in (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("mistake, said, hint, followed", [case[1:] for case in INHERITS], ids=[case[0] for case in INHERITS])
def test_an_inherit_mkdocs_cannot_follow_is_said_at_its_place_and_the_hint_mends_it(
    tmp_path: Path, mistake: list[Fix], said: str, hint: str, followed: Fix
) -> None:
    """MkDocs follows mkdocs.yml's INHERIT itself: 'INHERIT: 5' and an inherited list were internal errors (a TypeError),
    a folder 'is a folder, not a file' of no file, the file itself 'nested deeper than MkDocs can read', a missing file
    and a syntax error in it MkDocs' words at no line. Refused before anything is read or written, at the INHERIT value or
    in the inherited file; the hint followed, MkDocs reads the settings."""
    project = _settings_project(tmp_path)
    for make in mistake:
        make(project)
    before = _tree(project)
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    assert said in result.stderr and "hint: " in result.stderr and hint in result.stderr, result.stderr
    assert "internal error" not in result.stderr and _tree(project) == before and not (project / "site").exists()
    followed(project)
    assert inherit_problem(project / "mkdocs.yml", Project.at(project).display) is None
    assert mkdocs_config(Project.at(project), warn=False)["site_name"]


# ---- a required setting read from the environment, and a custom_dir misspelt ------------------------------------------


def _set_line(project: Path, key: str, line: str) -> int:
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    n = next(i for i, text in enumerate(lines) if re.match(rf"\s*{key}:", text))
    lines[n] = line
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n + 1


@pytest.mark.parametrize("value", ["!ENV SITE_TITLE_ERR6", "!ENV [SITE_TITLE_ERR6]", "!ENV [SITE_TITLE_ERR6, OTHER_TITLE_ERR6, ~]"])
def test_a_required_setting_read_from_an_unset_variable_says_so_not_that_it_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    """'site_name: !ENV NAME' with NAME unset was "'site_name' is missing: add a line 'site_name: …'", of a line that is
    there. It names the variable; setting it, or the default the hint shows, reads."""
    project = _settings_project(tmp_path)
    monkeypatch.delenv("SITE_TITLE_ERR6", raising=False)
    monkeypatch.delenv("OTHER_TITLE_ERR6", raising=False)
    n = _set_line(project, "site_name", f"site_name: {value}")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(project), warn=False)
    said = raised.value.format()
    assert said.startswith(f"mkdocs.yml:{n}:1: error: key 'site_name': it is read from the environment (!ENV), and "), said
    assert "is missing" not in said and "SITE_TITLE_ERR6" in said and "site_name: !ENV [SITE_TITLE_ERR6, '…']" in said, said
    monkeypatch.setenv("SITE_TITLE_ERR6", "Launch")
    assert mkdocs_config(Project.at(project), warn=False)["site_name"] == "Launch"
    monkeypatch.delenv("SITE_TITLE_ERR6")
    _set_line(project, "site_name", "site_name: !ENV [SITE_TITLE_ERR6, 'Launch checklists']")  # the hint's other way
    assert mkdocs_config(Project.at(project), warn=False)["site_name"] == "Launch checklists"


def test_a_misspelt_custom_dir_names_the_folder_meant(tmp_path: Path) -> None:
    """'custom_dir: overides' was told to run `init`, which writes overrides/ and leaves the name misspelt: the build
    failed the same after it. The folder meant is named; a name init does not write is told to be fixed."""
    project = _settings_project(tmp_path)
    n = _set_line(project, "custom_dir", "  custom_dir: overides")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(project), warn=False)
    said = raised.value.format()
    assert f"mkdocs.yml:{n}:3: error: key 'theme.custom_dir'" in said and "did you mean 'overrides'" in said, said
    _set_line(project, "custom_dir", "  custom_dir: theme-files")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(project), warn=False)
    assert "fix the name: checklist-site init adds the theme's files as overrides/" in raised.value.format()
    _set_line(project, "custom_dir", "  custom_dir: overrides")  # followed
    assert mkdocs_config(Project.at(project), warn=False)["theme"].custom_dir


# ---- data: a hint that names a key the format requires, or a file that answers another checklist ---------------------

_EMPTY = {
    "sections": "id: x\ntitle: X\nsections: []\n",
    "items": "id: x\ntitle: X\nsections:\n  - id: s\n    title: S\n    priority: high\n    groups:\n      - id: g\n        title: G\n        items: []\n",
}


@pytest.mark.parametrize("key", list(_EMPTY))
def test_an_empty_required_list_is_told_to_get_an_entry_not_to_be_removed(tmp_path: Path, key: str) -> None:
    """'sections: []' was hinted "add at least one entry, or remove 'sections'": removed, it is 'missing required key
    sections'. The hint names what to add; added, the file checks."""
    path = tmp_path / "x.yaml"
    path.write_text(_EMPTY[key], encoding="utf-8")
    _, issues = load_checklist(path, "data/x.yaml")
    (issue,) = issues
    assert f"'{key}' of" in issue.message and "is empty" in issue.message and "remove" not in issue.hint, issue.format()
    assert f"under '{key}:'" in issue.hint, issue.hint
    entry = {
        "sections": "\n  - {id: s, title: S, priority: high, groups: [{id: g, title: G, items: [{id: i, text: I}]}]}",
        "items": "\n          - {id: i, text: I}",
    }
    path.write_text(_EMPTY[key].replace(f"{key}: []", f"{key}:{entry[key]}"), encoding="utf-8")
    assert load_checklist(path, "data/x.yaml")[1] == []


def test_an_alarm_of_a_second_checklist_is_sent_to_a_runbook_file_of_its_own(tmp_path: Path) -> None:
    """A second checklist copied from the first (its own id, the same alarm items) was told to add 'a runbook with item:
    dash-errors to a runbook file in data/': the one file there answers the first checklist's item of that id, so added
    there it changed nothing. The hint names the checklist the file must name; followed, the project checks."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    mini = (project / "data" / "mini.yaml").read_text(encoding="utf-8")
    (project / "data" / "second.yaml").write_text(mini.replace("id: mini\n", "id: second\n", 1), encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1 and "data/second.yaml:" in result.stderr, result.stderr
    assert "add a runbook file to data/ with 'checklist: second' and a runbook with 'item: dash-errors'" in result.stderr, result.stderr
    runbooks = (project / "data" / "runbooks.yaml").read_text(encoding="utf-8")
    ids = re.sub(r"(?m)^(  - id: |    former_ids: \[)", r"\1second-", runbooks).replace("checklist: mini", "checklist: second")
    (project / "data" / "second-runbooks.yaml").write_text(ids, encoding="utf-8")
    assert run_cli("-C", str(project), "check").returncode == 0


# ---- run from a folder inside the project -------------------------------------------------------------------------


@pytest.mark.parametrize("inside", ["docs", "overrides/assets", "data"])
def test_a_command_run_inside_the_project_names_the_project_folder(tmp_path: Path, inside: str) -> None:
    """Run from docs/ (or data/, where checklist files are edited) a command said 'not a checklist-site project' and to
    run it in the project's folder, naming none. It names the project and the way there; followed, the command runs."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    result = run_cli("check", cwd=project / inside)
    up = os.path.relpath(project, project / inside)
    assert result.returncode == 2 and f"it is inside the project {project}" in result.stderr, result.stderr
    assert f"hint: run the command in the project's folder: cd {up} (or pass -C {up})" in result.stderr, result.stderr
    assert run_cli("-C", up, "check", cwd=project / inside).returncode == 0
    result = run_cli("-C", inside, "check", cwd=project)
    assert result.returncode == 2 and "hint: leave out -C DIR: this folder is the project" in result.stderr, result.stderr


# ---- init inside another project's folders ------------------------------------------------------------------------


@pytest.mark.parametrize("inside", ["data", "data/team", "docs/handbook", "site/x", "overrides/new"])
def test_init_refuses_a_folder_another_project_reads_whole(tmp_path: Path, inside: str) -> None:
    """`init data` run in a project (meaning a new project called data) wrote data/mkdocs.yml and the sample: the
    project's check then failed at data/mkdocs.yml ('not a checklist file'); `init docs/x` made its build fail at the new
    pages' links. Refused, nothing written; the folder the hint names is outside the project, and init makes it there."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    before = _tree(project)
    result = run_cli("init", inside, cwd=project)
    assert result.returncode == 2 and f"error: {inside} is inside the {inside.split('/')[0]}/ folder of the project {project}" in result.stderr, result.stderr
    assert _tree(project) == before and not (project / inside / "mkdocs.yml").exists()
    elsewhere = re.search(r"checklist-site init (\S+) \(nothing was written\)", result.stderr)
    assert elsewhere is not None and not Path(os.path.abspath(project / elsewhere[1])).is_relative_to(project), result.stderr
    assert run_cli("init", elsewhere[1], cwd=project).returncode == 0
    assert (tmp_path / Path(inside).name / "mkdocs.yml").is_file() and _tree(project) == before
    assert run_cli("-C", str(project), "check").returncode == 0


# ---- the environment: a TZ that names no zone ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "tz, meant",
    [("Europe/Berln", "Europe/Berlin"), ("Amrica/New_York", "America/New_York"), ("garbage", None), ("IST", None), ("Europe/../etc/passwd", None)],
)
def test_a_tz_that_names_no_zone_is_warned_of_with_the_zone_meant(monkeypatch: pytest.MonkeyPatch, tz: str, meant: str | None) -> None:
    """The C library takes a TZ it cannot read for UTC, without a word: 'Europe/Berln' stamped every recording's time in
    UTC. check (and every command that checks) warns, with the zone meant; set as the hint says, the warning goes, and no
    zone the C library reads is warned of."""
    from generator.format.oncall import zone_warnings

    monkeypatch.setenv("TZ", tz)
    (warning,) = zone_warnings()
    said = warning.format()
    assert said.startswith(f"TZ: warning: the environment variable TZ is {tz!r}, which names no time zone"), said
    assert (f"did you mean {meant!r}?" in said) if meant else "did you mean" not in said, said
    for known in [meant or "Europe/Berlin", "UTC", "UTC0", "CET-1CEST,M3.5.0,M10.5.0/3", "<+0530>-5:30", ":Asia/Tokyo", "/etc/localtime", ""]:
        monkeypatch.setenv("TZ", known)
        assert zone_warnings() == [], known


# ---- docs_dir and site_dir naming a folder of the project's own ----------------------------------------------------


@pytest.mark.parametrize(
    "line, folder",
    [
        ("site_dir: data", "the checklist files' folder (data/)"),
        ("site_dir: data/public", "the checklist files' folder (data/)"),
        ("site_dir: .git", "git's repository (.git/)"),
        ("site_dir: overrides", "the theme's custom folder (overrides/)"),
        ("site_dir: .checklist-site", "checklist-site's work folder (.checklist-site/)"),
        ("docs_dir: data", "the checklist files' folder (data/)"),
        ("docs_dir: ./overrides/", "the theme's custom folder (overrides/)"),
    ],
)
def test_a_docs_or_site_folder_that_is_the_projects_own_is_refused_at_its_value(tmp_path: Path, line: str, folder: str) -> None:
    """'docs_dir: data' published every checklist file (and the record's notes) as files of the site; 'site_dir: .git'
    built the site into git's folder (and with a repository there, the refusal's hint was to move .git/ away or delete
    it); 'site_dir: data' was refused with the hint to move data/ away or delete it. Refused at the value, nothing
    written; given the default, MkDocs reads the settings."""
    project = _settings_project(tmp_path)
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    key = line.split(":")[0]
    n = _set_line(project, key, line)
    before = _tree(project)
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    value = line.split(": ")[1]
    where = "is inside" if value.rstrip("/").count("/") > value.startswith("./") else "is"
    assert f"mkdocs.yml:{n}:11: error: '{key}' is {value}, which {where} {folder}:" in result.stderr, result.stderr
    default = {"docs_dir": "docs", "site_dir": "site"}[key]
    assert f"hint: give {key} a folder of its own: '{key}: {default}' (the default)" in result.stderr
    assert _tree(project) == before and not (project / "site").exists()
    _set_line(project, key, f"{key}: {default}")
    assert mkdocs_config(Project.at(project), warn=False)[key] == str(project / default)


# ---- serve on an address it cannot listen on ----------------------------------------------------------------------


def test_serve_on_a_port_in_use_says_so_before_it_builds(tmp_path: Path) -> None:
    """A port another program listens on (an earlier `serve` left running) was found after the first build, said as
    'Address already in use' with the hint to check free disk space, exit status 1. Said at once, as a usage error, with
    the address to give instead; nothing is built."""
    import socket

    project = make_project(tmp_path / "p", FIXTURES / "mini")
    before = _tree(project)
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        result = run_cli("-C", str(project), "serve", "-a", f"127.0.0.1:{port}")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: cannot serve on 127.0.0.1:{port}: Address already in use\n    hint: another program listens there"), result.stderr
    assert f"-a 127.0.0.1:{port + 1}" in result.stderr and "disk" not in result.stderr and _tree(project) == before


# ---- a hand-written page at a generated folder's address ----------------------------------------------------------


@pytest.mark.parametrize("folder", ["checklists", "runbooks"])
def test_a_hand_written_page_at_a_generated_folders_address_is_refused_at_the_page(tmp_path: Path, folder: str) -> None:
    """docs/checklists.md has the address checklists/, the generated overview's (docs/checklists/index.md): MkDocs left
    the hand-written page out of the site without a word, and the build passed. Refused at the page before anything is
    written; renamed as the hint says, it is no longer in the way. Without runbooks there is no runbooks/ page to
    hide it, and it is left alone."""
    from generator.mkdocs_yml import hidden_page

    project = _settings_project(tmp_path)
    (project / "docs" / f"{folder}.md").write_text("# Our own page\n", encoding="utf-8")
    before = _tree(project)
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"docs/{folder}.md:1:1: error: this page's address, {folder}/, is the generated {folder}/index.md's"), result.stderr
    assert f"hint: rename it (e.g. docs/{folder}-guide.md)" in result.stderr and _tree(project) == before
    (project / "docs" / f"{folder}.md").rename(project / "docs" / f"{folder}-guide.md")
    assert hidden_page(project / "mkdocs.yml", project / "data", Project.at(project).display) is None
    if folder == "runbooks":
        (project / "docs" / "runbooks-guide.md").rename(project / "docs" / "runbooks.md")
        (project / "data" / "runbooks.yaml").unlink()
        assert hidden_page(project / "mkdocs.yml", project / "data", Project.at(project).display) is None


def test_a_project_without_a_home_page_is_refused_and_init_writes_it(tmp_path: Path) -> None:
    """Without docs/index.md the build passed and made no index.html: `build --offline` said to open site/index.html,
    and `meeting --no-build` then said site/ 'holds no built site' and to build first, which made none either. Refused
    before anything is written; a page written there, or the sample's copied as the hint says, is the home page (not
    `init .`, which would add the sample checklist to data/ too)."""
    from generator.mkdocs_yml import no_home

    project = _settings_project(tmp_path)
    (project / "docs" / "index.md").unlink()
    before = _tree(project)
    result = run_cli("-C", str(project), "build", "--offline")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("docs/index.md: error: the site's home page is missing"), result.stderr
    assert "hint: create docs/index.md, a Markdown page such as '# Launch checklists'; or copy the sample's" in result.stderr, result.stderr
    assert _tree(project) == before
    sample = re.search(r"checklist-site init (\S+) writes one", result.stderr)
    assert sample is not None and run_cli("init", str(tmp_path / "sample"), cwd=project).returncode == 0  # the hint's way, elsewhere
    shutil.copy(tmp_path / "sample" / "docs" / "index.md", project / "docs" / "index.md")
    assert no_home(project / "mkdocs.yml", Project.at(project).display) is None


# ---- import -o: a folder, and a file outside data/ ----------------------------------------------------------------


def test_import_into_a_folder_is_told_the_file_to_name_and_one_outside_data_is_warned_of(tmp_path: Path) -> None:
    """'import launch.md -o data/' was hinted '-o data.yaml': a file beside data/, which check never reads. The hint now
    names a file in the folder; followed, the checklist is written there and checks. '-o docs/launch.yaml' was said
    to 'pass check', which never reads it: a warning says so, with the place in data/."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    source = tmp_path / "Launch Plan.md"
    source.write_text("# Launch plan\n\n## Before\n\n- [ ] Back up the database\n- [ ] Tell support\n", encoding="utf-8")
    before = _tree(project)
    result = run_cli("import", str(source), "-o", "data", cwd=project)
    assert result.returncode == 2 and result.stderr.startswith("error: -o data: a folder; -o names the checklist file to write"), result.stderr
    assert "hint: give the file's name in it, e.g. -o data/launch-plan.yaml" in result.stderr and _tree(project) == before
    assert run_cli("import", str(source), "-o", "data/launch-plan.yaml", cwd=project).returncode == 0
    assert run_cli("-C", str(project), "check").returncode == 0
    result = run_cli("import", str(source), "-o", "docs/launch.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "docs/launch.yaml: warning: written outside data/: check and build read the checklist files of data/ only" in result.stderr
    assert "hint: move it into data/ (data/launch.yaml) when it is ready" in result.stderr


# ---- options given twice, and empty values --------------------------------------------------------------------------

TWICE = [
    ("mark", "read-first", "--done", "--by", "Priya", "--by", "Arun"),
    ("mark", "read-first", "--done", "--by=Priya", "--by=Arun"),
    ("build", "--engine", "mkdocs", "--engine", "zensical"),
    ("assign", "read-first", "--to", "Arun", "--by", "Meera", "--due", "2026-01-15", "--due", "2026-02-15"),
    ("export", "--format", "csv", "--format", "json"),
    ("check", "-C", ".", "-C", "."),
]
EMPTY = [
    ("mark", "read-first", "--done", "--by", "Priya", "--checklist", ""),
    ("check", ""),
    ("init", ""),
    ("export", "-o", ""),
    ("pdf", "--out", " "),
    ("new", "web", "--title", ""),
    ("status", "--run", ""),
]


@pytest.mark.parametrize("args", TWICE + EMPTY, ids=[" ".join(a).replace("/", "_") or "-" for a in TWICE + EMPTY])
def test_an_option_given_twice_or_an_empty_value_is_refused_before_anything_runs(tmp_path: Path, args: tuple[str, ...]) -> None:
    """click took the last of an option given twice without a word ('--by Priya --by Arun' recorded Arun; '--due' the
    second day) and an empty value for no value or for '.' ('--checklist ""' as no --checklist, 'check ""' as 'check
    .', which read mkdocs.yml as a checklist; 'init ""' as 'init .'): what a script with an unset variable, or a line
    edited twice, gives. Refused as usage errors, nothing written; given once, or left out, the command runs."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    before = _tree(project)
    result = run_cli(*args, cwd=project)
    assert result.returncode == 2, result.stderr
    said = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"Error: \S+ is given 2 times: it takes one value \(the last would be used without a word\)", said) or re.fullmatch(
        r"Error: \S+ is empty \(a variable not set\?\): give it a value, or leave it out", said
    ), result.stderr
    assert _tree(project) == before
    if args[0] in ("mark", "check"):  # the hint followed: the option once, or the empty one left out
        option = said.split()[1].split("/")[-1]
        kept = list(args)
        if "given 2 times" in said:
            at = max(i for i, a in enumerate(kept) if a.split("=")[0] in said.split()[1].split("/"))
            del kept[at : at + (1 if "=" in kept[at] else 2)]
        else:
            at = kept.index("") if "" in kept else len(kept) - 1
            del kept[at - (1 if kept[at - 1].startswith("-") else 0) : at + 1]
        assert option and run_cli(*kept, cwd=project).returncode == 0, kept


def test_materials_own_plugin_under_another_theme_names_the_theme_not_a_package(tmp_path: Path) -> None:
    """With 'name: readthedocs' under theme:, the 'offline' plugin of the project's mkdocs.yml was said not installed, with
    the hint to pip install mkdocs-offline-plugin: it is Material's own, known by that name under Material only. Said so,
    at the plugin's line; the theme set back, MkDocs reads the settings."""
    project = _settings_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: readthedocs\n", 1), encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(project), warn=False)
    said = raised.value.format()
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("  - offline"))
    assert said.startswith(f"mkdocs.yml:{line}:5: error: key 'plugins[1]': plugin 'offline' is Material for MkDocs' own"), said
    assert "(the theme is 'readthedocs')" in said and "pip install" not in said and "set the theme back: 'name: material'" in said, said
    config.write_text(text, encoding="utf-8")
    assert mkdocs_config(Project.at(project), warn=False)["theme"].name == "material"


def test_new_refuses_an_id_another_file_has(tmp_path: Path) -> None:
    """'new mini' where data/launch.yaml holds 'id: mini' wrote data/mini.yaml, and the next check failed at it
    ('duplicate checklist id'): the build was broken by the command meant to start a checklist. Refused, naming the file
    and line that has the id; another id, as the hint says, is written and checks."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    (project / "data" / "mini.yaml").rename(project / "data" / "launch.yaml")
    line = next(n for n, row in enumerate((project / "data" / "launch.yaml").read_text(encoding="utf-8").splitlines(), 1) if row == "id: mini")
    before = _tree(project)
    result = run_cli("-C", str(project), "new", "mini")
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"error: checklist id 'mini' is taken: data/launch.yaml:{line}:1 has it\n    hint: choose another id"), result.stderr
    assert _tree(project) == before
    assert run_cli("-C", str(project), "new", "mini-two").returncode == 0 and run_cli("-C", str(project), "check").returncode == 0


# ---- writers into a folder the build replaces -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, inside, followed",
    [
        (("export", "--format", "csv", "-o", "site/items.csv"), "site/, the site folder, which every build replaces whole", "items.csv"),
        (("export", "-o", "docs/checklists/items.json"), "docs/checklists/, a generated folder", "items.json"),
        (("export", "-o", ".checklist-site/items.json"), ".checklist-site/, checklist-site's work folder", "items.json"),
        (("import", "IN", "-o", "site/launch.yaml"), "site/, the site folder", "data/launch.yaml"),
        (("import", "IN", "-o", "docs/runbooks/launch.yaml"), "docs/runbooks/, a generated folder", "data/launch.yaml"),
        (("pdf", "--no-build", "--out", "site/pdf"), "site/, the site folder", None),
    ],
    ids=["export-site", "export-generated", "export-work", "import-site", "import-generated", "pdf-site"],
)
def test_a_file_written_where_the_build_replaces_everything_is_refused(tmp_path: Path, args: tuple[str, ...], inside: str, followed: str | None) -> None:
    """'export -o site/items.csv' wrote the file, and the next build removed it without a word (site/ is replaced whole);
    '-o docs/checklists/...' made the next build refuse to run ('was not written by checklist-site'); PDFs printed into
    site/ went the same way. Refused before anything is written; written where the hint says, the file stays."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    (project / "site").mkdir()
    source = tmp_path / "launch.md"
    source.write_text("# Launch\n\n## Before\n\n- [ ] Back up the database\n", encoding="utf-8")
    args = tuple(str(source) if a == "IN" else a for a in args)
    before = _tree(project)
    result = run_cli(*args, cwd=project)
    assert result.returncode == 2, result.stderr
    assert f": inside {inside}" in result.stderr and "would be lost" in result.stderr, result.stderr
    assert _tree(project) == before
    if followed is not None:
        assert f"e.g. -o {followed}" in result.stderr, result.stderr
        assert run_cli(*args[:-1], followed, cwd=project).returncode == 0 and (project / followed).is_file()
    else:
        assert "--out docs/pdf (the build copies them in)" in result.stderr


def test_init_in_a_project_with_checklists_adds_no_sample_so_the_custom_dir_hint_mends_it(tmp_path: Path) -> None:
    """A project without overrides/ is told 'checklist-site init adds the files a project lacks': followed, init added
    the sample checklist to data/ too (it lacked realserv-launch.yaml), with six alarm items the project's runbooks did
    not answer, and the build failed at them. A data/ with checklist files gets no sample; the theme's files are added and
    the settings read."""
    project = _settings_project(tmp_path)
    shutil.rmtree(project / "overrides")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(project), warn=False)
    assert "hint: create it: checklist-site init adds the files a project lacks" in raised.value.format()
    data = sorted(p.name for p in (project / "data").iterdir())
    result = run_cli("init", ".", cwd=project)
    assert result.returncode == 0 and "kept data/ as it is: it holds checklist files (mini.yaml, runbooks.yaml)" in result.stdout, result.stdout
    assert sorted(p.name for p in (project / "data").iterdir()) == data and (project / "overrides" / "main.html").is_file()
    assert mkdocs_config(Project.at(project), warn=False)["theme"].custom_dir
    assert run_cli("-C", str(project), "check").returncode == 0


@pytest.mark.parametrize("kind", ["dangling-link", "fifo", "huge"])
def test_a_settings_file_that_cannot_be_read_as_one_is_said_before_any_reading(tmp_path: Path, kind: str) -> None:
    """mkdocs.yml as a link to nothing was 'nowhere.yml not found' with the hint to run in the project's folder (it was);
    as a FIFO every reader waited for ever; 30 MB of appended comments took minutes of YAML. Each is refused before it
    is read; the file put back, MkDocs reads the settings."""
    import threading

    project = _settings_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.unlink()
    if kind == "dangling-link":
        config.symlink_to("nowhere.yml")
        said = "mkdocs.yml: error: a symbolic link to 'nowhere.yml', which does not exist"
    elif kind == "fifo":
        os.mkfifo(config)
        said = "mkdocs.yml: error: a device, pipe or socket, not a file: nothing was read"
    else:
        config.write_text(text + "#" * (6 * 1024 * 1024), encoding="utf-8")
        said = "mkdocs.yml:1:1: error: the file is 6,293,"
    before = _tree(project) if kind != "fifo" else None
    ran: list[Ran] = []
    worker = threading.Thread(target=lambda: ran.append(run_cli("-C", str(project), "build")), daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # the FIFO waited: open its other end, so that the reader ends
        with open(config, "w", encoding="utf-8"):
            pass
        worker.join(10)
        pytest.fail("the build waited on mkdocs.yml")
    (result,) = ran
    assert result.returncode == 2 and result.stderr.startswith(said), result.stderr
    assert before is None or _tree(project) == before
    config.unlink()
    config.write_text(text, encoding="utf-8")
    assert mkdocs_config(Project.at(project), warn=False)["site_name"]


def test_a_run_that_is_not_there_names_the_runs_and_the_one_meant(tmp_path: Path) -> None:
    """'run close v1.10' (meant: v1.1) was hinted 'start it: checklist-site run start v1.10': followed, a second run was
    opened, and the one meant stayed open. The runs are named, with the one meant; followed, it closes."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    assert run_cli("-C", str(project), "run", "start", "v1.1", "--by", "Meera").returncode == 0
    before = _tree(project)
    result = run_cli("-C", str(project), "run", "close", "v1.10", "--by", "Meera")
    assert result.returncode == 1 and "error: checklist 'mini' has no run 'v1.10'" in result.stderr, result.stderr
    assert "hint: did you mean 'v1.1'? its runs: v1.1;" in result.stderr and _tree(project) == before, result.stderr
    assert run_cli("-C", str(project), "run", "close", "v1.1", "--by", "Meera").returncode == 0


def test_checking_a_record_folder_checks_its_entries_against_the_rest_of_data(tmp_path: Path) -> None:
    """'check data/mini.record' read the folder alone: every entry was 'record entry for checklist mini, which does not
    exist', hinted to use a checklist of data/ ('known: none'), though data/mini.yaml has it. The folder's entries are
    checked against the rest of data/, as one file of data/ is, and only theirs are said."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    assert run_cli("-C", str(project), "mark", "read-first", "--done", "--by", "Priya").returncode == 0
    result = run_cli("-C", str(project), "check", "data/mini.record", cwd=project)
    assert result.returncode == 0 and "does not exist" not in result.stderr, result.stderr
    entry = project / "data" / "mini.record" / "20260101T000000Z-arun-0badc0de.yaml"
    entry.write_text("checklist: mini\nby: Arun\nat: 2026-01-01T00:00:00+00:00\nchanges:\n  - {item: nope, state: done}\n", encoding="utf-8")
    result = run_cli("check", "data/mini.record", cwd=project)
    assert result.returncode == 1 and result.stderr.startswith(f"data/mini.record/{entry.name}:5:12: error: unknown item 'nope'"), result.stderr


def test_an_entry_whose_checklist_is_misspelt_is_told_the_folders_checklist(tmp_path: Path) -> None:
    """An entry of data/mini.record/ saying 'checklist: minni' was hinted to move to data/minni.record/: a record of a
    checklist that does not exist (the next error). The folder's checklist is named; fixed as the hint says, it checks."""
    project = make_project(tmp_path / "p", FIXTURES / "mini")
    entry = project / "data" / "mini.record" / "20260101T000000Z-arun-0badc0de.yaml"
    entry.parent.mkdir()
    text = "checklist: minni\nby: Arun\nat: 2026-01-01T00:00:00+00:00\nchanges:\n  - {item: read-first, state: done}\n"
    entry.write_text(text, encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1 and f"data/mini.record/{entry.name}:1:12: error: an entry for checklist 'minni'" in result.stderr, result.stderr
    assert "hint: did you mean 'mini'? fix its 'checklist:' (the checklist of mini.record/)" in result.stderr, result.stderr
    entry.write_text(text.replace("minni", "mini"), encoding="utf-8")
    assert run_cli("-C", str(project), "check").returncode == 0


def test_a_folder_that_is_no_project_is_said_so_before_any_check_of_its_settings(tmp_path: Path) -> None:
    """A folder with docs/ but no mkdocs.yml nor data/ was told its home page was missing (the checks of mkdocs.yml's
    folders ran first): it is no project, and that is said, with the way to start one."""
    (tmp_path / "docs").mkdir()
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 2 and "is not a checklist-site project: it has no mkdocs.yml and no data/" in result.stderr, result.stderr
    assert "home page" not in result.stderr
