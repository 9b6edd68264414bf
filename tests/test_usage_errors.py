"""Errors that are the user's to fix name the file and key and exit 2; limits, pipes, one-file checks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, make_project, run_cli


@pytest.mark.parametrize(
    "line, where",
    [
        ("docs_dir: no-such-folder", "mkdocs.yml:{n}:1: error: key 'docs_dir': The path"),
        ("site_dir: docs/site", "mkdocs.yml:{n}:1: error: key 'site_dir': The 'site_dir' should not be within the 'docs_dir'"),
        ("use_directory_urls: maybe", "mkdocs.yml:{n}:1: error: key 'use_directory_urls': Expected type: <class 'bool'>"),
    ],
    ids=["missing-docs-dir", "site-inside-docs", "not-a-boolean"],
)
def test_configuration_errors_name_file_and_key_and_exit_2(tmp_path: Path, line: str, where: str) -> None:
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    key = line.split(":")[0]
    if any(ln.startswith(key + ":") for ln in text.splitlines()):
        text = "\n".join(ln for ln in text.splitlines() if not ln.startswith(key + ":")) + "\n"
    text += line + "\n"
    config.write_text(text, encoding="utf-8")
    n = text.splitlines().index(line) + 1
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    assert where.format(n=n) in result.stderr
    assert "hint: fix '" in result.stderr and "internal error" not in result.stderr


def test_bad_site_url_in_the_file_and_on_the_command_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("site_url:"))
    lines[n - 1] = "site_url: runbooks.example.org"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2 and f"mkdocs.yml:{n}:1: error: key 'site_url': The URL isn't valid" in result.stderr
    result = run_cli("-C", str(project), "build", "--site-url", "ftp//x")
    assert result.returncode == 2 and "error: --site-url:" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (("serve", "-a", "bad"), "-a/--dev-addr 'bad' is not an address"),
        (("serve", "-a", "127.0.0.1:99999"), "-a/--dev-addr '127.0.0.1:99999' is not an address"),
        (("-C", "/nonexistent", "check"), "'/nonexistent' does not exist"),
        (("check", "-C", "/nonexistent"), "'/nonexistent' does not exist"),
        (("mark", "x", "--by", "Priya"), "say the item's state"),
        (("build", "--engine", "sphinx"), "'sphinx' is not one of 'mkdocs', 'zensical'"),
        (("mark", "x", "--done", "--by", "P", "--reason", "r"), "--reason goes with --waived (an item skipped on purpose): drop --reason, or give --waived"),
    ],
    ids=["serve-bad-address", "serve-bad-port", "project-missing", "project-missing-after", "mark-without-state", "bad-choice",
         "reason-without-waived"],
)
def test_usage_errors_exit_2(args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_common_options_work_before_and_after_the_command(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    for args in (("-C", str(project), "-q", "check"), ("check", "-C", str(project), "-q"), ("-q", "check", "-C", str(project))):
        result = run_cli(*args, cwd=tmp_path)
        assert result.returncode == 0 and result.stdout == "", (args, result.stderr)
    assert run_cli("check", "-C", str(project), cwd=tmp_path).stdout.startswith("ok: 1 checklist(s)")


def test_a_closed_pipe_ends_output_quietly() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone, as `status | head -1` does after one line
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "generator", "status"], cwd=ROOT, env=env, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120)
    os.close(write)
    assert proc.stderr == ""
    assert proc.returncode == 141


def test_checking_one_file_uses_the_rest_of_data_and_reports_that_file_only(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    for name in ("runbooks.yaml", "realserv-launch.status.yaml", "realserv-launch.yaml"):
        result = run_cli("check", f"data/{name}", cwd=project)
        assert result.returncode == 0, (name, result.stderr)
        assert "has no runbook" not in result.stderr
    status = project / "data" / "realserv-launch.status.yaml"
    status.write_text(status.read_text(encoding="utf-8").replace("items: {}", "items:\n  ecs-cluster-made: {state: open}"), encoding="utf-8")
    alone = run_cli("check", "data/realserv-launch.status.yaml", cwd=project)
    assert alone.returncode == 1 and "data/realserv-launch.status.yaml:" in alone.stderr and "unknown item 'ecs-cluster-made'" in alone.stderr
    other = run_cli("check", "data/runbooks.yaml", cwd=project)
    assert other.returncode == 0 and "ecs-cluster-made" not in other.stderr


def test_special_files_in_data_get_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "data" / "gone.yaml").symlink_to(project / "data" / "nowhere.yaml")
    os.mkfifo(project / "data" / "pipe.yaml")
    (project / "data" / "folder.yaml").mkdir()
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert "data/gone.yaml: warning: skipped: a symbolic link to a file that does not exist" in result.stderr
    assert "data/pipe.yaml: warning: skipped: not a regular file (a pipe, socket or device)" in result.stderr
    assert "data/folder.yaml: warning: skipped: a folder" in result.stderr


def test_files_over_the_size_limit_are_located_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    big = project / "data" / "big.yaml"
    big.write_text("id: big\ntitle: Big\n# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1
    assert "data/big.yaml:1:1: error: the file is 6,291,478 bytes, over the size limit of 5,242,880 bytes (5 MB)" in result.stderr
    markdown = tmp_path / "big.md"
    markdown.write_text("# Big\n\n## Part\n\n" + "- [ ] an item\n" * 500_000, encoding="utf-8")
    result = run_cli("-C", str(project), "import", str(markdown), "-o", str(project / "data" / "imported.yaml"))
    assert result.returncode == 1 and "over the size limit of 5,242,880 bytes (5 MB)" in result.stderr
    assert not (project / "data" / "imported.yaml").exists()


@pytest.mark.usefixtures("chromium")
def test_pdf_preconditions_name_the_real_cause(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "data" / "realserv-launch.status.yaml").unlink()
    result = run_cli("-C", str(project), "pdf", "--no-build")
    assert result.returncode == 1 and "site/ has not been built by checklist-site" in result.stderr
    assert run_cli("-C", str(project), "build", "--offline").returncode == 0
    result = run_cli("-C", str(project), "pdf", "--no-build")
    assert result.returncode == 1 and "the site was built with --offline" in result.stderr
    assert "is missing from the built site" not in result.stderr
    shutil.rmtree(project)


def test_mark_takes_exactly_one_state(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = project / "data" / "realserv-launch.status.yaml"
    before = path.read_bytes()
    both = run_cli("-C", str(project), "mark", "twilio-sms-used", "--done", "--na", "--by", "Arun")
    assert both.returncode == 2 and "--done and --na exclude each other" in both.stderr
    assert path.read_bytes() == before


def test_a_closed_stderr_or_stdout_leaves_the_exit_status_as_it_is() -> None:
    """Run with its error stream closed (``2>&-``, a daemon's child), the program still reports its own status; with
    its output closed, it says what is wrong without a traceback."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "--version"]
    no_stderr = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, preexec_fn=lambda: os.close(2), text=True, timeout=120)  # noqa: PLW1509
    assert no_stderr.returncode == 0 and no_stderr.stdout.startswith("checklist-site ")
    no_stdout = subprocess.run(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1), text=True, timeout=120)  # noqa: PLW1509
    assert "Traceback" not in no_stdout.stderr, no_stdout.stderr


def test_a_hand_written_slot_naming_no_block_is_located_not_called_a_bug(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("checklists:all-checklists", "checklists:all-checklist"), encoding="utf-8")
    line = next(n for n, text in enumerate(home.read_text(encoding="utf-8").splitlines(), 1) if "cl-slot" in text)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert f"docs/index.md:{line}:1: " in result.stderr and "'checklists:all-checklist'" in result.stderr, result.stderr
    assert "bug" not in result.stderr and "checklists:all-checklists" in result.stderr  # the slot there is, as the hint
    assert not (project / "site").exists()


def test_a_slot_no_build_reads_is_located_not_left_empty(tmp_path: Path) -> None:
    """The home page's slot written with single quotes and the class last is no slot the build fills: an error at its
    line and column, saying how to write it, rather than a home page without its list of checklists."""
    project = make_project(tmp_path / "p")
    home = project / "docs" / "index.md"
    slot = '<div class="cl-slot" data-block="checklists:all-checklists"></div>'
    home.write_text(home.read_text(encoding="utf-8").replace(slot, "<div data-block='checklists:all-checklists' class='cl-slot'></div>"), encoding="utf-8")
    line = next(n for n, text in enumerate(home.read_text(encoding="utf-8").splitlines(), 1) if "cl-slot" in text)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1, result.stderr
    assert f"docs/index.md:{line}:1: error: a slot is written otherwise than the build reads one" in result.stderr, result.stderr
    assert slot in result.stderr and "Traceback" not in result.stderr and not (project / "site").exists()


def test_a_slot_the_engine_made_html_where_commonmark_saw_code_is_located_still(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Should the pages' Markdown be read otherwise than the engine reads it (a slot taken for code), the slot the engine
    left unfilled is still the user's located error, never an internal one."""
    import generator.build

    monkeypatch.setattr(generator.build, "markdown_slots", lambda _text: iter(()))  # every slot taken for code
    project = make_project(tmp_path / "p")
    home = project / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("checklists:all-checklists", "checklists:all-checklist"), encoding="utf-8")
    line = next(n for n, text in enumerate(home.read_text(encoding="utf-8").splitlines(), 1) if "cl-slot" in text)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1 and f"docs/index.md:{line}:1: error: the slot names no block the build makes: 'checklists:all-checklist'" in result.stderr
    assert "bug" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "old, new, where",
    [
        ("site_dir: site", "\tsite_dir: site", "{n}:1: error: YAML syntax error: a tab character"),
        ("site_name: ", "site_name ", "{n}:1: error: YAML syntax error: this line has no ': ' after its key"),
        ("site_dir: site", "<<<<<<< HEAD\nsite_dir: site\n=======\nsite_dir: public\n>>>>>>> other", "{n}:1: error: an unresolved git merge conflict"),
    ],
    ids=["tab", "missing-colon", "merge-conflict"],
)
def test_a_syntax_error_in_mkdocs_yml_is_located_as_in_data(tmp_path: Path, old: str, new: str, where: str) -> None:
    """MkDocs words mkdocs.yml's YAML errors as PyYAML does, over several lines, with no line in the location and the hint
    'fix the MkDocs configuration': they are said as a data file's are."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    n = text[: text.index(new)].count("\n") + 1
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    assert f"mkdocs.yml:{where.format(n=n)}" in result.stderr, result.stderr
    assert "\n    hint: " in result.stderr and "MkDocs encountered" not in result.stderr and not (project / "site").exists()


def test_a_nav_entry_or_a_link_to_a_missing_page_is_located(tmp_path: Path) -> None:
    """MkDocs' warnings about the user's own files ('A reference to ... is included in the nav configuration, which is not
    found', 'Doc file ... contains a link ..., but the target is not found') name no line: each is an error at the nav
    entry in mkdocs.yml or at the link in the page, with a hint, and nothing is built."""
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    gone = "  - Security: checklists/realserv-launch/securty.md"  # a generated page: 'create docs/checklists/...' was refused there
    nav_text = f"nav:\n  - Home: index.md\n  - How to use: how-to-use.md\n  - Setup: setup.md\n{gone}\n"
    config.write_text(config.read_text(encoding="utf-8") + nav_text, encoding="utf-8")
    nav = config.read_text(encoding="utf-8").splitlines().index("  - Setup: setup.md") + 1
    home = project / "docs" / "index.md"
    links = "\nSee [the guide](guide.md) and [linking](how-to-use.md#no-such-heading), [gone](checklists/gone/index.md).\n"
    home.write_text(home.read_text(encoding="utf-8") + links, encoding="utf-8")
    line = len(home.read_text(encoding="utf-8").splitlines())
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1, result.stderr
    assert f"mkdocs.yml:{nav}:12: error: the nav names 'setup.md', which is not in docs/" in result.stderr, result.stderr
    assert f"mkdocs.yml:{nav + 1}:15: error: the nav names 'checklists/realserv-launch/securty.md', which is not in docs/" in result.stderr
    assert "hint: correct or remove the entry: did you mean 'checklists/realserv-launch/security.md'?" in result.stderr, result.stderr
    assert f"docs/index.md:{line}:17: error: the link 'guide.md' leads nowhere" in result.stderr
    assert f"docs/index.md:{line}:41: error: the link 'how-to-use.md#no-such-heading' leads nowhere" in result.stderr
    assert f"docs/index.md:{line}:80: error: the link 'checklists/gone/index.md' leads nowhere" in result.stderr  # a generated page: which there are
    assert "hint: no checklist of data/ has the id 'gone' (they are: realserv-launch)" in result.stderr, result.stderr
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr and not (project / "site").exists()


@pytest.mark.parametrize(
    "old, new, said, hint",
    [
        ("plugins:\n", "plugins:\n  - git-revision-date-localized\n", "plugin 'git-revision-date-localized' is not installed",
         "-m pip install mkdocs-git-revision-date-localized-plugin; or remove its line from 'plugins'"),
        ("plugins:\n", "plugins:\n  - my-own:\n      x: 1\n", "plugin 'my-own' is not installed", "often mkdocs-my-own-plugin), or remove its line"),
        ("  - search:", "  - serach:", "plugin 'serach' is not installed", "did you mean 'search'?"),
        ("  name: material\n", "  name: materail\n", "theme 'materail' is not installed", "did you mean 'material'?"),
        ("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.superfence\n", "Markdown extension 'pymdownx.superfence' is not installed",
         "did you mean 'pymdownx.superfences'?"),
        ("markdown_extensions:\n", "markdown_extensions:\n  - tocc\n", "Markdown extension 'tocc' is not installed", "did you mean 'toc'?"),
        ("markdown_extensions:\n", "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: 3\n",
         "Markdown extension 'pymdownx.emoji' failed with its options (TypeError: 'int' object is not callable)", "fix its options under '- pymdownx.emoji:'"),
    ],
    ids=["plugin-known-package", "plugin-unknown-package", "plugin-misspelled", "theme-misspelled", "extension-misspelled", "builtin-misspelled",
         "extension-options"],
)
def test_what_mkdocs_cannot_load_is_said_at_its_entry_with_what_to_install(tmp_path: Path, old: str, new: str, said: str, hint: str) -> None:
    """A plugin, theme or Markdown extension of mkdocs.yml that is not installed (or misspelled, or fails with its options)
    is said at its own line, not at 'plugins:' with the hint "fix 'plugins'", nor with MkDocs' traceback in the message:
    the hint names the package to install, the name meant, or the line to remove. In process: MkDocs' reading alone."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    text = (ROOT / "generator" / "skeleton" / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    entry = new[len(old) :] if new.startswith(old) else new
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(tmp_path), warn=False)
    error = raised.value
    assert error.loc is not None and error.loc.line == text[: text.index(entry)].count("\n") + 1, error.format()  # the entry's line
    assert said in error.message and "Traceback" not in error.message and "\n" not in error.message, error.format()
    assert hint in error.hint, error.format()


@pytest.mark.parametrize(
    "entry, option, said, hint",
    [
        ("  - toc:\n      permalnk: true\n", "permalnk",
         "Markdown extension 'toc' has no option 'permalnk'", "did you mean 'permalink'? its options: anchorlink,"),
        ("  - pymdownx.tasklist:\n      custom_checkbox: maybe\n", "custom_checkbox",
         "option 'custom_checkbox' of Markdown extension 'pymdownx.tasklist': expected true or false, but got 'maybe'", "give 'custom_checkbox' a value"),
        ("  - codehilite: {linenostart: 3, lineos: true}\n", "lineos", "Markdown extension 'codehilite' has no option 'lineos'",
         "did you mean 'linenos'? its options: css_class,"),
        ("  - extra:\n      footnote: {}\n", "footnote",
         "Markdown extension 'extra' loads no extension 'footnote'", "did you mean 'footnotes'? its extensions:"),
        ("  - pymdownx.extra:\n      pymdownx.superfences: {custom_fence: []}\n", "custom_fence",
         "Markdown extension 'pymdownx.superfences' has no option 'custom_fence'", "did you mean 'custom_fences'?"),
        ("  - admonition: {anything: 1}\n", "anything", "Markdown extension 'admonition' has no option 'anything'", "its options: none;"),
    ],
    ids=["misspelled", "not-a-boolean", "passed-on-to-pygments", "bundle", "in-a-bundle", "no-options"],
)
def test_a_markdown_extensions_unknown_or_wrong_option_is_said_at_the_option(tmp_path: Path, entry: str, option: str, said: str, hint: str) -> None:
    """An option a Markdown extension does not have was said at the extension's entry as its exception ('KeyError:
    'permalnk''), or, for an extension that takes any option (codehilite, extra), built without a word: it is said at
    the option's line and column, with the options the extension has (and the one meant). In process."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    text = (ROOT / "generator" / "skeleton" / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("markdown_extensions:\n", "markdown_extensions:\n" + entry, 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(tmp_path), warn=False)
    error, at = raised.value, text.index(option, text.index(entry))
    assert error.loc is not None and (error.loc.line, error.loc.column) == (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)), error.format()
    assert said in error.message and hint in error.hint, error.format()


@pytest.mark.parametrize(
    "old, new, name, said, hint",
    [
        ("      separator: ", "      separatr: ", "separatr", "key 'plugins[0].search.separatr': plugin 'search' has no such option, so it is left out",
         "did you mean 'separator'? its options: enabled, lang, separator,"),
        ("  - offline:\n", "  - offline:\n      enabld: true\n", "enabld", "plugin 'offline' has no such option",
         "did you mean 'enabled'? its options: enabled;"),
        ("site_name:", "sit_name: x\nsite_name:", "sit_name", "key 'sit_name': MkDocs has no such setting, so it is left out",
         "did you mean 'site_name'? its settings: copyright,"),
        ("  anchors: warn", "  anchor: warn", "anchor", "key 'validation.anchor': MkDocs has no such setting here, so it is left out",
         "fix the name (see MkDocs' documentation of 'validation')"),  # was at 'validation:', "Sub-option 'anchor': ...", "fix 'validation'"
    ],
    ids=["plugin-option", "plugin-option-added", "setting", "sub-option"],
)
def test_an_unknown_setting_or_plugin_option_is_warned_of_at_its_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, old: str, new: str, name: str, said: str, hint: str
) -> None:
    """MkDocs' warning of a setting or a plugin's option it does not know named the key alone ("mkdocs.yml: warning: key
    'plugins': Plugin 'material/search' option 'separatr': Unrecognised configuration name: separatr"): it is said at the
    name's line and column, with the one meant and those there are. In process."""
    from generator.build import mkdocs_config
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    (tmp_path / "overrides").mkdir()
    text = (ROOT / "generator" / "skeleton" / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with caplog.at_level("WARNING", logger="checklist_site"):
        mkdocs_config(Project.at(tmp_path))
    at = text.index(name + ":")
    where = f"mkdocs.yml:{text.count(chr(10), 0, at) + 1}:{at - text.rfind(chr(10), 0, at)}: warning: "
    said_so = [record.getMessage() for record in caplog.records if name in record.getMessage()]
    assert len(said_so) == 1 and said_so[0].startswith(where) and said in said_so[0] and f"hint: {hint}" in said_so[0], caplog.text


@pytest.mark.parametrize(
    "files, where, said, hint",
    [
        ({"main.html": '{% extends "base.html" %}\n{% block content %}\n{{ super() }}\n'}, "main.html:2:1", "this {% block %} is not closed",
         "add {% endblock %}"),
        ({"main.html": "<p>\n{{ title( }}\n"}, "main.html:2:1", "unexpected '}', expected ')'", "its closing one"),
        ({"main.html": "<p>\n\n{{ title | nosuchfilter }}\n"}, "main.html:3:1", "No filter named 'nosuchfilter'", "use a filter or test"),
        ({"main.html": "<p>\n{{ title.nope.deeper }}\n"}, "main.html:2:1", "UndefinedError: 'str object' has no attribute 'nope'", "has no such value"),
        ({"main.html": "{% include 'partials/footer.html' %}\n", "partials/footer.html": "<footer>\n{% for x in y %}{% endfor %}{% if title %}\n"},
         "partials/footer.html:2:1", "this {% if %} is not closed", "add {% endif %}"),
        ({"main.html": "<p>\n{% include 'partials/nope.html' %}\n"}, "main.html:2:1", "template 'partials/nope.html' is not in overrides/",
         "add overrides/partials/nope.html"),
    ],
    ids=["unclosed-block", "unclosed-call", "unknown-filter", "no-such-value", "partial-syntax", "include-missing"],
)
def test_a_template_error_in_overrides_is_said_at_its_line(tmp_path: Path, files: dict[str, str], where: str, said: str, hint: str) -> None:
    """A template of overrides/ that Jinja cannot compile or render was an internal error ('TemplateSyntaxError: ...',
    report a bug) or, for a missing include, 'check free disk space': it is said at the template's file and line."""
    import jinja2

    from generator.errors import BuildError
    from generator.theme_errors import located_templates

    for name, text in files.items():
        (tmp_path / "overrides" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "overrides" / name).write_text(text, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "overrides")), undefined=jinja2.StrictUndefined)
    with pytest.raises(BuildError) as raised, located_templates(lambda p: p.relative_to(tmp_path).as_posix()):
        env.get_template("main.html").render(title="Guide")
    assert str(raised.value.loc) == f"overrides/{where}", raised.value.format()
    assert said in raised.value.message and hint in raised.value.hint, raised.value.format()


@pytest.mark.parametrize(
    "line, said",
    [
        ("{{ super( }}", "template error: unexpected '}', expected ')'"),
        ("{{ page.nope.deeper }}", "template error: UndefinedError: 'mkdocs.structure.pages.Page object' has no attribute 'nope' (building the page docs/"),
    ],
    ids=["compiling", "rendering"],
)
def test_a_build_with_a_broken_template_says_where_and_changes_nothing(tmp_path: Path, line: str, said: str) -> None:
    """Said once, at the template's line: MkDocs' own line for an error while it renders a page ('ERROR - Error building
    page 'index.md': ...', unlocated) is held back, the page named in the located error instead."""
    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "mini")  # a small checklist: MkDocs stops at its first page
    (project / "overrides" / "main.html").write_text(f'{{% extends "base.html" %}}\n{{% block content %}}\n{line}\n{{% endblock %}}\n', encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1, result.stderr
    assert f"overrides/main.html:3:1: error: {said}" in result.stderr, result.stderr
    assert "Error building page" not in result.stderr, result.stderr
    assert "internal error" not in result.stderr and not (project / "site").exists()


@pytest.mark.parametrize(
    "page, where, said",
    [
        (b"---\ntitle: Guide\n\n# Guide\n", "1:1", "the front matter opened here is not closed"),
        (b"---\ntitle: [Guide\n---\n\n# Guide\n", "2:8", "in the front matter: YAML syntax error: the '[' opened here is not closed"),
        (b"---\ntitle: Guide\n\thide: [toc]\n---\n# Guide\n", "3:1", "in the front matter: YAML syntax error: a tab character"),
        (b"---\n- title\n- hide\n---\n# Guide\n", "2:1", "the front matter is a list, not 'key: value' lines"),
        (b"---\r\ntitle: Guide\r\n<<<<<<< HEAD\r\n---\r\n# Guide\r\n", "3:1", "in the front matter: an unresolved git merge conflict"),
        (b"# Guide\n\nUmlaut: \xfc\n", "3:9", "the file is not valid UTF-8 (byte 0xfc)"),
        (b"---\ntitle: Guide\nsearch: {exclude: true}\ntitle: Setup\n---\n# Guide\n", "4:1", "in the front matter: duplicate key 'title' (first set at"),
    ],
    ids=["unclosed", "syntax", "tab", "list", "conflict-crlf", "latin-1", "duplicate-key"],
)
def test_a_hand_written_page_mkdocs_would_misread_is_refused_at_its_place(tmp_path: Path, page: bytes, where: str, said: str) -> None:
    """MkDocs shows a front matter it cannot read as the page's text and builds without a word (the title and hidden
    navigation lost unseen); a page that is not UTF-8 was an internal error. In process: the build's reading of docs/."""
    from generator.build import hand_written_texts
    from generator.errors import CheckFailed

    (tmp_path / "guide.md").write_bytes(page)
    (tmp_path / "fine.md").write_bytes(b"---\ntitle: Fine\n---\n\n---\n\nA rule above, and no front matter:\n")
    (tmp_path / "rule.md").write_bytes(b"---\n\nA page that starts with a rule.\n")
    with pytest.raises(CheckFailed) as raised:
        hand_written_texts(tmp_path, lambda p: p.relative_to(tmp_path).as_posix())
    assert [str(i.loc) for i in raised.value.issues] == [f"guide.md:{where}"], raised.value.format()
    assert raised.value.issues[0].message.startswith(said) and raised.value.issues[0].hint, raised.value.format()
    (tmp_path / "guide.md").unlink()
    assert set(hand_written_texts(tmp_path)) == {"fine.md", "rule.md"}


@pytest.mark.parametrize(
    "value, said",
    [
        ("yesterday", "SOURCE_DATE_EPOCH is 'yesterday', not a time: the site is dated by it"),
        ("-5", "SOURCE_DATE_EPOCH is '-5', not a time"),
        ("1e9", "SOURCE_DATE_EPOCH is '1e9', not a time"),
        ("5000000000", "SOURCE_DATE_EPOCH is 5000000000, after 2106-02-07"),
        ("1700000000", ""),
        ("", ""),
    ],
)
def test_a_source_date_epoch_the_site_cannot_be_dated_by_is_refused_before_the_build(monkeypatch: pytest.MonkeyPatch, value: str, said: str) -> None:
    """MkDocs dates the site (and its gzipped sitemap) by SOURCE_DATE_EPOCH: each of these was an internal error after
    the pages were generated ('invalid literal for int()', 'argument out of range', "'L' format requires ..."). In process."""
    from generator.build import _epoch_fits
    from generator.errors import UsageError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    if not said:
        _epoch_fits()
        return
    with pytest.raises(UsageError) as raised:
        _epoch_fits()
    assert said in raised.value.message and str(raised.value.loc) == "SOURCE_DATE_EPOCH" and "unset it" in raised.value.hint


def test_a_missing_template_a_page_names_is_said_at_its_front_matter(tmp_path: Path) -> None:
    import jinja2

    from generator.errors import BuildError
    from generator.theme_errors import located_templates

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("---\ntitle: Guide\ntemplate: wide.html\n---\n\n# Guide\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised, located_templates(lambda p: p.relative_to(tmp_path).as_posix(), tmp_path / "docs"):
        raise jinja2.TemplateNotFound("wide.html")  # as MkDocs' page rendering raises it: no template of the theme on the way
    assert str(raised.value.loc) == "docs/guide.md:3:1" and "fix or remove the page's 'template:'" in raised.value.hint, raised.value.format()


_ENTRY = "checklist: mini\nby: Priya\nat: 2026-01-01T00:00:00Z\nchanges:\n  - {item: jwt-validation, state: done}\n"


def _minimal(root: Path) -> None:
    """A project of mkdocs.yml, docs/ and overrides/ (as init writes them) and one small checklist."""
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / "generator" / "skeleton" / name
        shutil.copytree(source, root / name) if source.is_dir() else shutil.copy(source, root / name)
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root / "data")


def _config(text: str) -> Any:
    """:func:`_minimal` with ``text`` for mkdocs.yml."""
    return lambda root: (_minimal(root), (root / "mkdocs.yml").write_text(text, encoding="utf-8"))


@pytest.mark.parametrize(
    "make, args, status, said",
    [
        (lambda _root: None, ("status",), 2, "is not a checklist-site project: it has no mkdocs.yml and no data/\n    hint: run the command in the project's"),
        (lambda root: shutil.copy(ROOT / "generator" / "skeleton" / "mkdocs.yml", root), ("mark", "x", "--done", "--by", "Priya"), 1,
         "error: data/ does not exist: the project has no checklist files\n    hint: add one: checklist-site new ID"),
        (_minimal, ("check", "docs"), 1, "docs: error: no checklist files (*.yaml) in this folder"),
        (_minimal, ("export", "-o", "docs"), 2, "error: export -o docs: that is a folder"),
        (_minimal, ("export", "-o", "nowhere/x.json"), 1, "error: cannot write nowhere/x.json: the folder nowhere/ does not exist\n    hint: create"),
        (lambda root: (_minimal(root), (root / "rules").mkdir()), ("links", "--check", "rules"), 2, "error: rules/ holds no alarm definitions"),
        (lambda root: (_minimal(root), shutil.rmtree(root / "overrides")), ("status",), 2,
         "mkdocs.yml:12:3: error: key 'theme.custom_dir': the theme's custom folder overrides/ does not exist\n    hint: create it: checklist-site init adds"),
        (lambda root: (_minimal(root), (root / "data" / "mini.record").mkdir(), (root / "data" / "mini.record" / "20260101T000000Z-a-00000000.yaml").touch()),
         ("status",), 1, "20260101T000000Z-a-00000000.yaml:1:1: error: the file is empty\n    hint: the record commands write entries"),
        (lambda root: (_minimal(root), (root / "rules.yml").touch()), ("links", "--check", "rules.yml"), 1,
         "rules.yml:1:1: error: the file is empty\n    hint: pass a file of alarm definitions"),
        (lambda root: (_minimal(root), (root / "data" / "stray.yaml").write_text(_ENTRY, encoding="utf-8")), ("status",), 1,
         "data/stray.yaml:1:1: error: a record entry outside a record folder (read here as a status file)\n    hint: move it into data/mini.record/"),
        (lambda root: (_minimal(root), (root / "data" / "mini.record").mkdir(), (root / "data" / "mini.record" / "20260101T000000Z-a-00000000.yaml")
                       .write_text(_ENTRY, encoding="utf-8"), (root / "data" / "mini.record" / "20260101T000000Z-a-00000000 (copy).yaml")
                       .write_text(_ENTRY, encoding="utf-8")), ("status",), 0, "warning: the same entry as data/mini.record/20260101T000000Z-a-00000000"),
        (_minimal, ("pdf", "--no-build", "--out", "mkdocs.yml"), 2, "error: --out mkdocs.yml: a file, not a folder"),
        # Round four: mkdocs.yml as a whole ('key 'site_name': Required configuration not provided' with no line and the
        # hint "fix 'site_name'"; MkDocs' "Expected a key-value mapping (dict) but received: <class 'list'>"; 'not found').
        (_config(""), ("status",), 2, "mkdocs.yml:1:1: error: the file holds no settings (it is empty, or comments only)"),
        (_config("# settings\n- site_name: x\n"), ("status",), 2,
         "mkdocs.yml:2:1: error: expected 'key: value' lines (MkDocs' settings), but the file is a list"),
        (_config("docs_dir: docs\nsite_dir: site\n"), ("status",), 2,
         "mkdocs.yml:1:1: error: 'site_name' is missing: MkDocs requires it\n    hint: add a line"),
        (lambda root: (_minimal(root), (root / "mkdocs.yml").unlink(), (root / "mkdocs.yml").mkdir()), ("status",), 2, "error: mkdocs.yml is a folder"),
        (lambda root: (root / "mkdocs.yml").mkdir(), ("init", "."), 1, "error: mkdocs.yml/: a folder where the project has a file\n    hint: remove or rename"),
        (_minimal, ("check", "docs/index.md"), 1,  # was 'docs/index.md:4:1: error: YAML syntax error: this line has no ': ' after its key'
         "docs/index.md:1:1: error: not a checklist file: check reads checklist YAML (*.yaml), and this is a '.md' file\n    hint: a checklist in"),
        (_minimal, ("import", "docs"), 1, "error: docs is a folder: import reads one file\n    hint: pass the file that holds"),  # 'Is a directory'
        (_minimal, ("import", "nope.md"), 1, "error: nope.md does not exist\n    hint: pass the path"),  # 'No such file or directory', 'check the path'
        (_minimal, ("new", "mini"), 1, "error: data/mini.yaml exists; new never overwrites a file"),  # was its absolute path
        (lambda root: (_minimal(root), (root / "mkdocs.yml").open("a", encoding="utf-8").write("plugins:\n  - search\n")), ("status",), 2,
         ":1: error: duplicate key 'plugins' (first set at line "),  # MkDocs kept the last: the first's plugins dropped without a word
        (lambda root: (_minimal(root), (root / "data" / "mini.record" / "20260101T000000Z-a-00000000.yaml").mkdir(parents=True)), ("status",), 0,
         "00000000.yaml: warning: skipped: a folder\n    hint: a record entry is a file"),  # was 'data files are read from data/ itself'
        (lambda root: (_minimal(root), (root / "mkdocs.yml").write_bytes((root / "mkdocs.yml").read_text(encoding="utf-8").encode("utf-16"))),
         ("status",), 2, "mkdocs.yml:1:1: error: the file is saved as UTF-16, not UTF-8"),  # MkDocs read it; Zensical's build: an internal error
        (_minimal, ("check", "mkdocs.yml"), 1,  # each of its keys an unknown key of the checklist's, and id, title, sections missing
         "mkdocs.yml:3:1: error: not a checklist file: this is MkDocs' settings (mkdocs.yml), by its keys site_name, docs_dir"),
        (lambda root: (_minimal(root), shutil.copy(ROOT / "tests" / "fixtures" / "alarms" / "prometheus-rules.yml", root / "data")), ("build",), 1,
         "data/prometheus-rules.yml:3:1: error: not a checklist file: this is alert rules (Prometheus, Mimir or Grafana: groups of rules), by its key"
         " groups\n    hint: checklist-site links --check FILE checks alert rules against the runbooks; check and build read every *.yaml file of data/"),
        (_minimal, ("export", "--format", "csv", "-o", "/proc/launch.csv"), 1,  # a file the system refuses to make
         "(/proc/launch.csv)\n    hint: check free disk space and permissions; no file was left half written"),  # was: 'the previous pages and site'
    ],
    ids=["outside-a-project", "no-data", "check-a-folder-without-data", "export-to-a-folder", "export-to-a-missing-folder", "links-empty-folder",
         "no-custom-dir", "empty-record-entry", "empty-rule-file", "entry-outside-the-record", "entry-copied", "pdf-out-a-file",
         "mkdocs-yml-empty", "mkdocs-yml-a-list", "mkdocs-yml-without-site-name", "mkdocs-yml-a-folder", "init-over-a-folder",
         "check-a-markdown-page", "import-a-folder", "import-a-missing-file", "new-over-a-file",
         "mkdocs-yml-duplicate-key", "a-folder-named-as-an-entry", "mkdocs-yml-utf-16", "check-mkdocs-yml", "alert-rules-in-data",
         "export-refused-by-the-system"],
)
def test_misuse_says_what_is_wrong_and_what_to_do(tmp_path: Path, make: Any, args: tuple[str, ...], status: int, said: str) -> None:
    """Round three's sweep of misused commands: each was said wrongly ('data does not exist' with the hint to pass a
    path the command does not take; 'data: no checklist files' for docs/; 'the file exists and is not an earlier export'
    for a folder; 'No such file or directory' with 'check free disk space'; '0 alarm(s) in 0 file(s)'; 'fix theme';
    an empty entry or rule file told to start with 'id:'). In process."""
    make(tmp_path)
    result = run_cli(*args, cwd=tmp_path)
    assert result.returncode == status, result.stderr
    assert said in result.stderr, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_chromium_named_by_the_environment_is_said_as_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.errors import BuildError
    from generator.exchange.pdf import find_chromium

    for value, said in ((str(tmp_path), "a folder"), (str(tmp_path / "none"), "a path that does not exist")):
        monkeypatch.setenv("CHECKLIST_SITE_CHROMIUM", value)
        with pytest.raises(BuildError) as raised:
            find_chromium()
        assert raised.value.message == f"CHECKLIST_SITE_CHROMIUM points to {value}, {said}"


def test_a_meeting_address_that_is_not_this_machines_is_said_so() -> None:
    from generator.commands.meeting import _bind
    from generator.errors import UsageError

    with pytest.raises(UsageError) as raised:  # the hint said to choose another --port
        _bind("nohost.invalid", 0)
    assert raised.value.hint.startswith("--host takes an address of this machine"), raised.value.format()


def test_a_generated_folder_that_lost_its_list_says_so_not_that_each_page_is_hand_written(tmp_path: Path) -> None:
    """A generated folder without its list of files (built by a version that kept none, copied without dot-files) was
    refused page by page as hand-written ('move index.md out'); its pages headed as generated say what happened."""
    from generator.errors import BuildError
    from generator.publish.write import check_owned

    folder = tmp_path / "checklists"
    folder.mkdir()
    (folder / "index.md").write_text("---\ngenerator: checklist-site\nsource: data/x.yaml\n---\n# X\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        check_owned(folder)
    assert "has lost its list of generated files" in raised.value.message and "delete the folder" in raised.value.hint
    (folder / "a-note.md").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        check_owned(folder)
    assert "a-note.md was not written by checklist-site" in raised.value.message  # a page of the user's: said as before, first


FRONT = '---\ntitle: Guide\nhide:\n  - navigation\n  - toc\ndescription: "Setup: step by step"\nsearch: {exclude: true}\n---\n\n# Guide\n\nText.\n'


def test_a_character_deleted_from_a_front_matter_is_said_at_its_line_exactly_when_mkdocs_would_misread_it() -> None:
    """Every single-character deletion of a page's front matter: refused where MkDocs would not read a mapping from it
    (never a page MkDocs reads well), at the deletion's line (a damaged closing '---' at the opening one, as not
    closed, which MkDocs shows as the page's text); never an exception. In process, each deletion in turn."""
    import yaml
    from mkdocs.utils.meta import YAML_RE

    from generator.format.load import front_matter_issue

    for at in range(len(FRONT)):
        text = FRONT[:at] + FRONT[at + 1 :]
        issue = front_matter_issue(text, "docs/guide.md")
        found = YAML_RE.match(text)
        try:
            read = isinstance(yaml.safe_load(found.group(1)), dict) if found else None
        except yaml.YAMLError:
            read = False
        said = issue.format() if issue else ""
        line = FRONT.count("\n", 0, at) + 1
        if read is None:  # MkDocs sees no front matter: the page as text; refused only where it was one left open
            closing = at >= FRONT.index("\n---\n")  # the closing '---' (or the break before it) damaged
            assert issue is None or (issue.message.endswith("not closed") and issue.loc.line == 1 and closing), (at, said)
        else:
            assert (issue is None) == read, (at, said)
            assert issue is None or issue.loc.line == line, (at, said)


def test_a_folder_named_like_a_page_is_a_folder(tmp_path: Path) -> None:
    """docs/extra.md/ (a folder holding pages) stopped the build with 'docs/extra.md is a folder, not a file', its
    absolute path and the hint to give a file's name: MkDocs reads it as the folder it is. In process."""
    from generator.build import hand_written_texts

    (tmp_path / "extra.md").mkdir()
    (tmp_path / "extra.md" / "in.md").write_text("# In\n", encoding="utf-8")
    assert hand_written_texts(tmp_path) == {"extra.md/in.md": "# In\n"}


@pytest.mark.parametrize(
    "variable, where, said",
    [
        ("CHECKLIST_SITE_CACHE", "file", "CHECKLIST_SITE_CACHE is '{path}', a file, not a folder: nothing is kept between builds"),
        ("CHECKLIST_SITE_CACHE", "file/cache", "CHECKLIST_SITE_CACHE is '{path}', a path through the file {file}: nothing is kept"),
        ("CHECKLIST_SITE_CACHE", "new/cache", ""),
        ("CHECKLIST_SITE_CACHE", "off", ""),
        ("XDG_CACHE_HOME", "file", "XDG_CACHE_HOME is '{path}', a path through the file {file}: nothing is kept"),
    ],
    ids=["a-file", "through-a-file", "made-when-missing", "off", "xdg-a-file"],
)
def test_a_cache_folder_that_cannot_be_one_is_warned_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str, where: str, said: str) -> None:
    """CHECKLIST_SITE_CACHE (or, without it, XDG_CACHE_HOME) naming a file: every build went on keeping nothing, without
    a word. In process."""
    from generator.build import cache_warnings

    (tmp_path / "file").write_text("x", encoding="utf-8")
    path = where if where == "off" else str(tmp_path / where)
    monkeypatch.delenv("CHECKLIST_SITE_CACHE", raising=False)
    monkeypatch.setenv(variable, path)
    warned = [issue.format() for issue in cache_warnings()]
    if said:
        assert len(warned) == 1 and said.format(path=path, file=tmp_path / "file") in warned[0], warned
        assert warned[0].startswith(f"{variable}: warning: ") and "hint: point it at a folder" in warned[0]
    else:
        assert warned == []


def test_a_home_that_does_not_exist_is_not_made_to_hold_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME=/nonexistent (a service account's) had a build make /nonexistent/.cache/checklist-site: nothing is kept."""
    from generator.kept import cache_folder

    monkeypatch.delenv("CHECKLIST_SITE_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "nonexistent"))
    assert cache_folder() is None
    (tmp_path / "nonexistent").mkdir()
    assert cache_folder() == tmp_path / "nonexistent" / ".cache" / "checklist-site"
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")  # relative: no cache home (the XDG specification); it put pickles in the project
    assert cache_folder() == tmp_path / "nonexistent" / ".cache" / "checklist-site"


@pytest.mark.parametrize(
    "old, new, where, hint",
    [
        ("    - navigation.footer\n", "", "  features:", "add '- navigation.footer' under 'features:' of theme: in mkdocs.yml"),
        (None, "theme: material\n", "theme:", "write theme: as its options, as checklist-site init does: 'theme:' over '  name: material' and '  features:"),
    ],
    ids=["footer-off", "theme-by-its-name"],
)
def test_a_theme_without_a_feature_the_build_needs_is_refused_at_its_line(tmp_path: Path, old: str | None, new: str, where: str, hint: str) -> None:
    """Material without navigation.footer failed after MkDocs had built, unlocated: 'the page built from ... has no footer
    links of the theme's', 'build with the theme as mkdocs.yml ships it'. Refused before MkDocs builds, at the key, with
    the line to write (for a theme named by its name alone, 'theme: material', the options to write: 'add it under
    features:' could not be followed); nothing changed."""
    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "mini")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if old is None:  # the whole theme: mapping
        old = text[text.index("theme:\n") : text.index("\nplugins:") + 1]
    text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    at = text.index(where) + len(where) - len(where.lstrip())
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 2, result.stderr
    line, column = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
    assert f"mkdocs.yml:{line}:{column}: error: the theme's feature 'navigation.footer' is not on" in result.stderr, result.stderr
    assert f"hint: {hint}" in result.stderr and not (project / "site").exists()


@pytest.mark.parametrize(
    "old, new, said, hint, meant",
    [
        ("    - navigation.sections\n", "    - navigation.sectoins\n", "key 'theme.features[0]': the theme has no feature 'navigation.sectoins'",
         "did you mean 'navigation.sections'? it has: announce.dismiss,", "navigation.sections"),
        ("      primary: indigo\n", "      primery: indigo\n", "key 'theme.palette[1].primery': the theme has no option 'primery' here",
         "did you mean 'primary'? its options here: accent, media, primary, scheme, toggle;", "primary"),
        ("      accent: indigo\n", "      accent: indgo\n", "key 'theme.palette[1].accent': the theme has no accent colour 'indgo'",
         "did you mean 'indigo'? it has: amber,", "indigo"),
        ("  palette:\n", "  pallete:\n", "key 'theme.pallete': the theme has no option 'pallete' here", "did you mean 'palette'?", "palette"),
        ("  font: false\n", "  font: {txt: Inter}\n", "key 'theme.font.txt': the theme has no option 'txt' here", "did you mean 'text'?", "text"),
        ("  font: false\n", "  font: true\n", "key 'theme.font': expected the fonts ('text:' and 'code:' under it) or false, but got true",
         "write 'font: false'", "false"),
        ("material/brightness-7", "material/brightnes-7", "key 'theme.palette[1].toggle.icon': the theme has no icon 'material/brightnes-7'",
         "did you mean 'material/brightness-7'?", "material/brightness-7"),
        ("  font: false\n", "  font: false\n  language: dee\n", "key 'theme.language': the theme has no language 'dee'",
         "did you mean 'de'? it has: af,", "de"),
        ("  features:\n    - navigation.sections\n", "  features: navigation.sections\n",
         "key 'theme.features': expected a list of features, but got 'navigation.sections - navigation.prune", "write each on a line of its own", None),
        ("      scheme: slate\n", "      scheme: slte\n", "key 'theme.palette[2].scheme': the theme has no colour scheme 'slte'",
         "did you mean 'slate'? it has: default, slate (or one extra_css styles)", "slate"),
        ("validation:\n", "extra:\n  social:\n    - icon: fontawesome/brands/githb\n      link: https://example.org/\nvalidation:\n",
         "key 'extra.social[0].icon': the theme has no icon 'fontawesome/brands/githb'", "did you mean 'fontawesome/brands/github'?",
         "fontawesome/brands/github"),
        ("  font: false\n", "  font: false\n  logo: images/logo.png\n", "key 'theme.logo': there is no file images/logo.png in docs/ for the logo",
         "put the image at docs/images/logo.png, or give its path inside docs/", "file:docs/images/logo.png"),
    ],
    ids=["feature", "palette-key", "colour", "theme-key", "font-key", "font-not-false", "icon", "language", "features-not-a-list",
         "scheme", "social-icon", "logo-missing"],
)
def test_a_material_theme_option_it_does_not_have_is_said_at_its_place(
    tmp_path: Path, old: str, new: str, said: str, hint: str, meant: str | None
) -> None:
    """Material's options of theme: were not checked: a misspelled feature, palette key, colour or font key built a site
    without it, without a word; an icon or a language it has no file for failed in Material's own templates (or Zensical's
    traceback). Each is refused before the engine runs, at its line and column, with the name meant; following the hint
    (writing the name meant) builds. In process, on the skeleton's mkdocs.yml."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    shipped = (ROOT / "generator" / "skeleton" / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in shipped
    text = shipped.replace(old, new, 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as raised:
        mkdocs_config(Project.at(tmp_path), warn=False)
    error = raised.value
    after = "no file " if "no file" in said else "but got "  # said at the name, the file, or the value
    wrong = said.split("'")[3] if "has no" in said else said.split(after)[1].strip("'").split(" ")[0]
    at = text.index(wrong, text.index(new) if not new.startswith("material/") else 0)
    assert error.loc is not None and error.loc.line == text.count("\n", 0, at) + 1, error.format()
    assert error.loc.column == at - text.rfind("\n", 0, at), error.format()
    assert said in error.message and hint in error.hint and "Traceback" not in error.format(), error.format()
    if meant is not None and meant.startswith("file:"):  # the hint followed: the file made
        (tmp_path / meant[5:]).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / meant[5:]).write_bytes(b"")
        mkdocs_config(Project.at(tmp_path), warn=False)
    elif meant is not None:  # the hint followed: the name meant written
        (tmp_path / "mkdocs.yml").write_text(text.replace(wrong, meant, 1) if wrong != "true" else shipped, encoding="utf-8")
        mkdocs_config(Project.at(tmp_path), warn=False)


def test_a_hand_written_pages_icon_the_theme_has_not_is_said_at_its_front_matter(tmp_path: Path) -> None:
    """A page's front matter 'icon: material/rocket-launc' failed in Material's nav-item.html ('template
    .icons/material/rocket-launc.svg is not in overrides/'), or with Zensical's traceback: refused at the icon, with the
    one meant; an icon of the custom folder's is the site's. A part 'hide:' names that the theme has not (navigaton) hid
    nothing without a word: refused at it. In process: the build's reading of docs/."""
    from generator.build import hand_written_texts
    from generator.errors import CheckFailed

    docs, custom = tmp_path / "docs", tmp_path / "overrides"
    docs.mkdir()
    (docs / "guide.md").write_text("---\ntitle: Guide\nicon: material/rocket-launc\n---\n# Guide\n\nicon: in the text\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as raised:
        hand_written_texts(docs, lambda p: p.relative_to(tmp_path).as_posix(), None)
    assert [issue.format() for issue in raised.value.issues] == [
        "docs/guide.md:3:7: error: in the front matter: the theme has no icon 'material/rocket-launc'\n    hint: did you mean 'material/rocket-launch'?"
        " name an icon of the theme's (material/..., fontawesome/..., octicons/..., simple/...), or add overrides/.icons/material/rocket-launc.svg"
    ]
    (custom / ".icons" / "material").mkdir(parents=True)
    (custom / ".icons" / "material" / "rocket-launc.svg").write_text("<svg/>", encoding="utf-8")
    assert set(hand_written_texts(docs, str, custom)) == {"guide.md"}
    (docs / "guide.md").write_text("---\ntitle: Guide\nhide:\n  - navigaton\n  - toc\n---\n# Guide\n", encoding="utf-8")  # hid nothing
    with pytest.raises(CheckFailed) as raised:
        hand_written_texts(docs, lambda p: p.relative_to(tmp_path).as_posix(), custom)
    assert raised.value.issues[0].format().startswith(
        "docs/guide.md:4:5: error: in the front matter: the theme has no part to hide 'navigaton', so it would be left out\n"
        "    hint: did you mean 'navigation'? it has: feedback, footer, navigation, path, tags, toc;"
    ), raised.value.format()


def test_a_theme_key_the_sites_own_templates_read_is_the_sites_option(tmp_path: Path) -> None:
    """A key of theme: that Material does not have but a template of the custom folder reads (config.theme.team) is the
    site's own option, not a misspelling; so is a colour or scheme a stylesheet of the site's (extra_css) styles."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    text = (ROOT / "generator" / "skeleton" / "mkdocs.yml").read_text(encoding="utf-8").replace("  font: false\n", "  font: false\n  team: Ops\n", 1)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match="the theme has no option 'team' here"):
        mkdocs_config(Project.at(tmp_path), warn=False)
    (tmp_path / "overrides" / "partials").mkdir(exist_ok=True)
    (tmp_path / "overrides" / "partials" / "team.html").write_text("<p>{{ config.theme.team }}</p>\n", encoding="utf-8")
    mkdocs_config(Project.at(tmp_path), warn=False)
    text = text.replace("scheme: slate", "scheme: ops").replace("primary: indigo", "primary: brand") + "extra_css:\n  - ops.css\n"
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match="the theme has no primary colour 'brand'"):
        mkdocs_config(Project.at(tmp_path), warn=False)
    (tmp_path / "docs" / "ops.css").write_text('[data-md-color-scheme="ops"] {}\n[data-md-color-primary=brand] {}\n', encoding="utf-8")
    mkdocs_config(Project.at(tmp_path), warn=False)


def test_the_theme_names_known_without_reading_the_theme_are_the_installed_themes() -> None:
    """``theme_options.FEATURES`` and ``COLOURS`` (read first, so that a build reads no theme file) are the installed
    Material's and Zensical's: the features their templates test and their scripts' Flag type declares, the colours their
    palette stylesheets style."""
    from generator import theme_options

    assert theme_options.FEATURES == theme_options.installed_features()
    assert theme_options.COLOURS == theme_options.installed_colours()
    assert theme_options.HIDDEN == theme_options.installed_hidden()


_GUIDE = """---
title: Guide
---
# Guide

The [security section](checklists/mini/sec.md) and [the old launch](checklists/launch/index.md).

On call: [errors][alarm].

[alarm]: runbooks/errors-hgh.md
"""


def test_a_hand_written_link_to_a_generated_page_that_is_gone_names_the_page_meant(tmp_path: Path) -> None:
    """A hand-written page linking to a generated page that is no longer there (a section renamed, its old id a former
    id; a checklist removed; a runbook misspelled) built under Zensical without a word (its link check is off; MkDocs'
    build says them, with the same hints: test_a_nav_entry_or_a_link_to_a_missing_page_is_located). Refused before
    Zensical runs, at the link's target, with the page meant; following the hints builds."""
    engine = "zensical"
    project = make_project(tmp_path / "p", ROOT / "tests" / "fixtures" / "mini")
    guide = project / "docs" / "guide.md"
    guide.write_text(_GUIDE, encoding="utf-8")
    result = run_cli("-C", str(project), "build", "--engine", engine)
    assert result.returncode == 1, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("docs/guide.md:")]
    assert [line.split(": error: ")[0] for line in said] == ["docs/guide.md:6:24", "docs/guide.md:6:69", "docs/guide.md:10:10"], result.stderr
    assert "hint: the page was renamed (its old id is a former id): link 'checklists/mini/security.md'" in result.stderr
    assert "hint: no checklist of data/ has the id 'launch' (they are: mini)" in result.stderr
    assert "hint: did you mean 'runbooks/errors-high.md'?" in result.stderr and not (project / "site").exists()
    fixed = _GUIDE.replace("sec.md", "security.md").replace("checklists/launch/index.md", "checklists/mini/index.md").replace("hgh", "high")
    guide.write_text(fixed, encoding="utf-8")
    result = run_cli("-C", str(project), "build", "--engine", engine)
    assert result.returncode == 0, result.stderr
