"""Held-out faults and payloads: writers that leave old or new state, names that differ only by an invisible character,
mkdocs.yml values the theme prints as HTML. In-process and small."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.errors import BuildError

from .conftest import run_cli


def test_init_writes_the_whole_project_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`init` wrote file after file with write_bytes: stopped (Ctrl+C, SIGKILL, a full disk) after mkdocs.yml, it left a
    project with some files, or a truncated one, that the next `init` then 'kept (it exists)'. Now it writes every file
    it lacks beside its place and links them in at the end: none of them, or all."""
    from generator.exchange.scaffold import init

    real, calls = os.link, []

    def stopped(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(src, dst)

    project = tmp_path / "p"
    monkeypatch.setattr(os, "link", stopped)
    with pytest.raises(KeyboardInterrupt):
        init(project)
    assert [p for p in project.rglob("*")] == []

    def full(_src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "link", full)
    with pytest.raises(BuildError) as refused:
        init(project)
    assert refused.value.message == f"cannot write {project / 'data' / 'realserv-launch.yaml'}: No space left on device"  # not its copy
    assert [p for p in project.rglob("*")] == []
    monkeypatch.undo()
    (project / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    said = init(project, empty=True)
    assert f"kept {project / 'mkdocs.yml'} (it exists)" in said and (project / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    assert (project / "data" / "checklist.yaml").is_file() and not list(project.rglob(".*.tmp"))


def test_init_holds_the_project_lock(tmp_path: Path) -> None:
    """`init` took no lock: two at once (or an `init` beside a `new`) each decided what existed, then wrote. It waits for
    the project's lock as every writer does, and writes nothing while another command holds it."""
    from filelock import FileLock

    project = tmp_path / "p"
    (project / ".checklist-site").mkdir(parents=True)
    other = FileLock(str(project / ".checklist-site" / "lock"))
    held, seen = threading.Event(), []

    def holder() -> None:
        with other:
            held.set()
            time.sleep(0.25)
            seen.append((project / "mkdocs.yml").exists())

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait()
    ran = run_cli("init", str(project), "--empty", "-q")
    thread.join()
    assert ran.returncode == 0, ran.stderr
    assert seen == [False] and (project / "mkdocs.yml").is_file()


def test_every_writer_goes_through_the_one_atomic_path() -> None:
    """The writers of a project's files (init, new, import -o, the record, export -o, pdf, links --fix) each had their own
    temporary-file code, one without fsync, init none at all. Only generator/files.py links or renames a finished file into
    place among them now (the build's staging and swap, and caches, are publish/write.py's and their own)."""
    import re

    from .conftest import ROOT

    writers = ["exchange/scaffold.py", "exchange/importing.py", "progress/record.py", "commands/exchange.py", "exchange/pdf.py", "exchange/annotate.py"]
    for rel in writers:
        for n, line in enumerate((ROOT / "generator" / rel).read_text(encoding="utf-8").splitlines(), 1):
            assert "# scratch" in line or not re.search(r"os\.(link|replace|rename)\(|\.write_(text|bytes)\(|mkstemp\(", line), f"{rel}:{n}"


# Characters that show as nothing in a name, wherever they stand: the direction marks (left-to-right, right-to-left,
# Arabic letter mark), soft hyphen, combining grapheme joiner, Hangul fillers, a Mongolian selector, the blank braille cell.
INERT = "\u200e\u200f\u061c\u00ad\u034f\u115f\u1160\u180b\u2800\U0001d173\U000e0041"


def _entry_by(name: str) -> tuple[Any, list[Any]]:
    """A record entry's `by`, as the record reads it from its file (the entry, the issues)."""
    from generator.format.load import load_text
    from generator.format.schema import ENTRY
    from generator.format.types import Converter
    from generator.site.escape import yaml_string

    text = f"checklist: c\nby: {yaml_string(name)}\nat: 2026-01-10T14:03:00+01:00\nchanges:\n  - {{item: a, state: done, note: {yaml_string(name)}}}\n"
    tree, issues = load_text(text, "data/c.record/e.yaml")
    converter = Converter()
    entry = converter.build(ENTRY, tree, "the entry")
    return entry, [*issues, *converter.issues]


@pytest.mark.parametrize("mark", [*INERT, "\ufe0f", "\u200c", "\u200d"], ids=lambda m: f"U+{ord(m):04X}")
def test_names_that_differ_by_an_invisible_character_are_one_person(mark: str) -> None:
    """'Priya\\u200e' (a left-to-right mark, as a right-to-left interface pastes it) passed the one-line rule and was
    someone else than 'Priya': another sign-off, another owner's open work. A name (the kind Name) leaves out what shows
    as nothing in it; free text keeps the marks right-to-left text needs (the note below)."""
    entry, issues = _entry_by(f"Pri{mark}ya")
    assert issues == [] and entry.by == "Priya" and entry.changes[0].note == f"Pri{mark}ya"
    entry, issues = _entry_by(f"{mark} {mark}")
    said = "data/c.record/e.yaml:2:5: 'by' of the entry shows as no name: it holds only characters that show as nothing"
    assert entry is None and [f"{i.loc}: {i.message}" for i in issues] == [said]


def test_what_a_name_needs_stays_and_the_command_line_refuses_an_invisible_name() -> None:
    """The joiners and selectors that change how a name looks stay: an emoji sequence, Persian's non-joiner, a flag."""
    from generator.errors import UsageError
    from generator.format.types import person
    from generator.progress.record import name_line

    flag = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    persian, devanagari = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0645", "\u0915\u094d\u200c\u0937"  # a non-joiner that shows
    for kept in ("\U0001f469\u200d\U0001f4bb Dev", persian, devanagari, "\U0001f3f3\ufe0f\u200d\U0001f308", flag, "1\ufe0f\u20e3"):
        assert person(kept) == kept
    assert person("\u05d3\u05d5\u200c\u05d3") == "\u05d3\u05d5\u05d3" and person("\U0001f469\u200dx") == "\U0001f469x"  # Hebrew does not join
    assert name_line("--by", "Priya\u200f") == "Priya"
    with pytest.raises(UsageError, match="--by shows as no name"):
        name_line("--by", "\u200e\u2800")


_names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_names, st.integers(min_value=0), st.sampled_from(INERT))
def test_a_character_that_shows_as_nothing_never_makes_another_person(name: str, at: int, mark: str) -> None:
    from generator.format.types import person

    at %= len(name) + 1
    assert person(name[:at] + mark + name[at:]) == person(name)
    assert person(person(name)) == person(name)


SETTINGS = [
    ('copyright: "&copy; 2026 <img src=x onerror=alert(1)>"', "copyright", 1, 1),
    ('extra:\n  scope: "/\\");alert(1);//"', "extra.scope", 2, 3),  # new URL("{{ config.extra.scope }}") in a <script>
    ("extra:\n  social:\n    - icon: fontawesome/brands/github\n      link: javascript:alert(1)", "extra.social[0].link", 4, 7),
    ('theme:\n  name: material\n  font:\n    text: "Roboto\\"><script>alert(1)</script>"', "theme.font.text", 4, 5),  # a stylesheet's href
    ("theme:\n  palette:\n    - toggle: {icon: material/brightness-7, name: '\" onmouseover=\"alert(2)'}", "theme.palette[0].toggle.name", 3, 45),
    # the header's tooltip writes a toggle's title into every page as HTML, once the browser has read its references
    ("theme:\n  palette:\n    - toggle: {icon: material/brightness-7, name: '&lt;img src=x onerror=alert(3)&gt;'}", "theme.palette[0].toggle.name", 3, 45),
]


@pytest.mark.parametrize(
    ("old", "new", "key", "column"),
    [
        ("docs_dir: docs", 'extra: {scope: "/\\");alert(1);//"}\ndocs_dir: docs', "extra.scope", 9),
        ("  font: false", '  font: {text: "Roboto\\"><script>alert(1)</script>"}', "theme.font.text", 10),
    ],
    ids=["extra.scope", "theme.font.text"],
)
def test_settings_the_theme_prints_are_refused_at_their_place_by_both_engines(tmp_path: Path, old: str, new: str, key: str, column: int) -> None:
    """mkdocs.yml's copyright, extra and theme were printed by the theme as they are (the footer, a <script>'s string, a
    link, a font's stylesheet address in the head): the scan caught a script there only after the build, and blamed no
    key; a <script>'s string and a <script> put into the head through a font's name it did not catch at all (a built site
    ran alert(1) on every page). Now they are refused before anything is built, at the key, as site_name is."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")
    line = text.splitlines().index(old) + 1
    from generator import mkdocs_yml
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    assert mkdocs_yml.read(Project.at(project)) is None  # Zensical's reading leaves the file to MkDocs', which refuses it
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    said = refused.value.format()
    assert f"mkdocs.yml:{line}:{column}: error: key '{key}': expected " in said and f"hint: fix '{key}' in mkdocs.yml" in said
    if key == "extra.scope":  # the command line: a usage error, nothing built
        result = run_cli("-C", str(project), "build", "--engine", "zensical")
        assert result.returncode == 2 and said in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert not (project / "site").exists()


def test_what_the_theme_prints_of_extra_is_held_to_its_place(tmp_path: Path) -> None:
    """Each text of extra by where the theme prints it: HTML by design (markup that cannot run script), a <script>'s
    string, an address, or plain text in an attribute or element; copyright is HTML by design."""
    import yaml

    from generator.mkdocs_yml import dotted, place, settings_problems

    fine = {
        "copyright": 'Copyright &copy; 2026 <a href="https://example.org/team" target="_blank">R&amp;D</a>',
        "extra": {
            "scope": "/",
            "homepage": "https://example.org",
            "generator": False,
            "social": [{"icon": "fontawesome/brands/github", "link": "https://github.com/example", "name": "R&D on GitHub"}],
            "analytics": {
                "provider": "google",
                "property": "G-XXXXXXXXXX",
                "feedback": {"ratings": [{"note": 'Thanks! <a href="https://x.example/f">Tell us</a>'}]},
            },
            "consent": {"title": "Cookie consent", "description": 'We use cookies: <a href="/privacy/">privacy</a>.'},
            "alternate": [{"name": "Deutsch", "link": "/de/", "lang": "de"}],
            "status": {"new": "Recently added"},
        },
    }
    assert settings_problems(fine) == []
    bad = {
        "copyright": "<a href='javascript:alert(1)'>us</a>",
        "extra": {
            "analytics": {"property": "G-1\"); alert(1); (\""},
            "consent": {"description": "<script>alert(1)</script>"},
            "homepage": "data:text/html,<script>alert(1)</script>",
            "alternate": [{"name": "<b>DE</b>", "link": "/de/"}],
            "status": {"new": 'x" onmouseover="alert(1)', "deprecated": "&#60;img src=x onerror=alert(1)&#62;"},
            "polyfills": ["https://ok.example/p.js", "javascript:alert(1)"],
        },
    }
    found = [dotted(path) for path, _, _ in settings_problems(bad)]
    for setting, key, line, column in SETTINGS:  # each located at its key, as the build says it (the test above)
        config = tmp_path / "mkdocs.yml"
        config.write_text(setting + "\nsite_name: Ops\n", encoding="utf-8")
        [(path, _, _)] = settings_problems(yaml.safe_load(config.read_text(encoding="utf-8")))
        assert (dotted(path), place(config, path)) == (key, (line, column))
    assert found == [
        "copyright",
        "extra.analytics.property",
        "extra.consent.description",
        "extra.homepage",
        "extra.alternate[0].name",
        "extra.status.new",
        "extra.status.deprecated",
        "extra.polyfills[1]",
    ]


def test_a_file_that_cannot_be_written_is_named_not_its_temporary_copy(tmp_path: Path) -> None:
    """`export -o missing/x.csv` said 'No such file or directory (missing/.x.csv.18373.tmp)': the name of a file the
    user never asked for. The error names the file written; nothing is left behind."""
    from generator import files

    for write in (files.replace, files.create):
        with pytest.raises(FileNotFoundError) as raised:
            write(tmp_path / "missing" / "x.csv", "a,b\n")
        assert raised.value.filename == str(tmp_path / "missing" / "x.csv")
    target = tmp_path / "x.csv"
    files.create(target, "first\n")
    with pytest.raises(FileExistsError) as raised:
        files.create(target, "second\n")
    assert raised.value.filename == str(target) and target.read_text(encoding="utf-8") == "first\n" and [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_a_located_problem_is_two_lines_whatever_name_it_quotes() -> None:
    """A run folder named 'v2\\ndata/mini.yaml:1:1: error: ...' (a merged branch, a script) was quoted as it was in the
    message: the check printed a line of its own, a forged problem of another file. A located problem's message and
    hint show every line break and control character as an escape (the location did already)."""
    from generator.errors import Issue, Loc, UsageError

    forged = "v2\nok: 0 problems\x1b[2K"
    issue = Issue(Loc("data/mini.record/x.yaml", 2, 1), f"'{forged}' is not a run name", "rename\nit")
    for said in (issue.format(), UsageError(f"'{forged}'", "h", Loc("mkdocs.yml", 1, 1)).format()):
        first, _, hint = said.partition("\n    hint: ")
        assert "\n" not in first and "\n" not in hint and "\x1b" not in said and "v2\\x0aok: 0 problems\\x1b[2K" in first


def test_the_notation_of_snippets_is_refused_in_code(tmp_path: Path) -> None:
    """A site that enables pymdownx.snippets (many Material sites do) replaces a line '--8<-- "FILE"' by that file of the
    machine that builds, before Markdown is read, so inside a code block too: a runbook command '--8<-- "secret.env"'
    published the build's secret on the runbook page and in the search index (a build from the project's folder). A
    command (the kind Command) and a Markdown block's code hold no such notation now, located; Markdown outside code
    makes it inert ('<' as '&lt;': the payload checklist's item text shows it)."""
    from .conftest import FIXTURES

    data = tmp_path / "p" / "data"
    data.mkdir(parents=True)
    (tmp_path / "p" / "mkdocs.yml").write_text("site_name: Ops\n", encoding="utf-8")
    (data / "mini.yaml").write_text((FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    runbooks = (FIXTURES / "mini" / "runbooks.yaml").read_text(encoding="utf-8")
    runbooks = runbooks.replace('command: "grep -c ``` app.log"', 'command: "--8<-- \\"secret.env\\""')
    block = "    impact: |\n      Run:\n\n      ```\n      --8<--\n      secret.env\n      --8<--\n      ```"  # the block form, in code
    runbooks = runbooks.replace("    impact: Users see errors.", block)
    (data / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    said = run_cli("-C", str(tmp_path / "p"), "check")
    assert said.returncode == 1, said.stderr
    lines = runbooks.splitlines()
    command = next(n for n, line in enumerate(lines, 1) if 'command: "--8<--' in line)
    assert f"data/runbooks.yaml:{command}:" in said.stderr and "holds '--8<-- \"secret.env\"', which the pymdownx.snippets extension" in said.stderr
    assert "holds '--8<--' in code, which the pymdownx.snippets extension replaces by a file" in said.stderr
    assert "hint: write the scissors otherwise" in said.stderr


def test_an_imported_code_block_holding_snippets_notation_is_written_without_it(tmp_path: Path) -> None:
    """Importing a checklist whose code block held '--8<-- "secret.env"' (a page of a Material site) said 'this is a bug
    in the importer': the draft did not pass check. The importer breaks the scissors and says so."""
    from generator.exchange.importing import run_import

    source = tmp_path / "c.md"
    source.write_text('# Launch\n\n## Prep\n\n- [ ] Check config\n\n  ```\n  --8<-- "secret.env"\n  ```\n', encoding="utf-8")
    written = run_import(source, tmp_path / "c.yaml", tmp_path / "docs")
    assert '--8 <-- "secret.env"' in written.files[tmp_path / "c.yaml"] and any("pymdownx.snippets notation" in w for w in written.warnings)


def test_an_alias_bomb_in_extra_is_read_once() -> None:
    """Reading every text of extra walked each path: ten lists of ten aliases of the one before (a few hundred bytes of
    mkdocs.yml) were ten billion paths, and the check never ended. Each list is read once now."""
    import yaml

    from generator.mkdocs_yml import dotted, settings_problems

    lines = ["extra:", '  l0: &l0 ["ok", "<b>"]'] + [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 10)}]" for n in range(1, 11)]
    started = time.perf_counter()
    found = settings_problems(yaml.safe_load("\n".join(lines)))
    assert [dotted(path) for path, _, _ in found] == ["extra.l0[1]"] and time.perf_counter() - started < 1


def test_a_merge_conflict_left_in_a_data_file_is_said_as_one() -> None:
    """Two branches of the record merged with a conflict (a status file, a checklist): git's lines in a '|' block were
    published as text, elsewhere the error was 'could not find expected ':'' on the line after. Now it is said as what
    it is, at the conflict's first line, before YAML reads the file."""
    from generator.format.load import load_text

    text = "checklist: mini\nitems:\n  a:\n    note: |\n      ok\n<<<<<<< HEAD\n      mine\n=======\n      theirs\n>>>>>>> feature\n"
    tree, issues = load_text(text, "data/mini.status.yaml")
    said = "data/mini.status.yaml:6:1: an unresolved git merge conflict ('<<<<<<< HEAD')"
    assert tree is None and [f"{i.loc}: {i.message}" for i in issues] == [said]
    assert load_text("text: |\n  <<<<<<<< not eight\n", "x.yaml")[1] == []  # seven exactly, as git writes them


def test_a_tagged_value_the_check_reads_is_left_to_mkdocs_reading(tmp_path: Path) -> None:
    """`extra: {scope: !ENV SCOPE}`: Zensical's reading of mkdocs.yml without MkDocs saw a tag, not a text, so the check
    passed and Zensical printed the variable's value unchecked. Such a file is read by MkDocs, whose value is checked."""
    from generator import mkdocs_yml
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Ops\nextra:\n  scope: !ENV [RED7_SCOPE, /]\n", encoding="utf-8")
    assert mkdocs_yml.read(Project.at(tmp_path)) is None
    os.environ["RED7_SCOPE"] = '/");alert(1);//'
    try:
        with pytest.raises(UsageError, match="key 'extra.scope': expected a name or address without quotes"):
            mkdocs_config(Project.at(tmp_path))
    finally:
        del os.environ["RED7_SCOPE"]


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["a.yaml", "data/b.yaml", "data/c.record/e.yaml", "mkdocs.yml"]), st.binary(max_size=64), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=9),
    st.sampled_from([KeyboardInterrupt, OSError]),
)
def test_new_files_are_all_written_or_none(files: dict[str, bytes], fail_at: int, fault: type[BaseException]) -> None:
    """files.write_new, stopped at any step (a write, a link, a folder: Ctrl+C or a full disk), leaves every file or none,
    no temporary file and no folder it made; unstopped, each file holds exactly its bytes."""
    import tempfile
    from unittest import mock

    from generator import files as written

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        paths = {root / rel: data for rel, data in files.items()}
        calls = [0]
        real_link, real_mkdir, real_fsync = os.link, Path.mkdir, os.fsync

        def step(real: Any) -> Any:
            def stepped(*args: Any, **kwargs: Any) -> Any:
                calls[0] += 1
                if calls[0] == fail_at:
                    raise fault(28, "No space left on device") if fault is OSError else fault()
                return real(*args, **kwargs)

            return stepped

        patched = (mock.patch.object(os, "link", step(real_link)), mock.patch.object(Path, "mkdir", step(real_mkdir)))
        with patched[0], patched[1], mock.patch.object(os, "fsync", step(real_fsync)):
            try:
                written.write_new(paths)
                stopped = False
            except (KeyboardInterrupt, BuildError):
                stopped = True
        left = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
        if stopped:
            assert left == [], left
        else:
            assert all(p.read_bytes() == data for p, data in paths.items()) and not any(name.endswith(".tmp") for name in left)


def test_the_temporary_files_of_a_killed_writer_are_cleared_by_the_next(tmp_path: Path) -> None:
    """A writer killed mid-write (SIGKILL, a power cut) left its hidden temporary file beside the file it wrote (data/,
    the project's folder): harmless to the build, but a `git add data/` committed it. The next writer there removes
    those of processes that no longer run, and keeps a running one's."""
    import subprocess

    from generator import files

    dead = subprocess.Popen(["true"])  # a process that has ended (the system gives its id again only much later)
    dead.wait()
    stale = tmp_path / f".mini.yaml.{dead.pid}-0123abcd.tmp"
    live = tmp_path / f".mini.yaml.{os.getpid()}-4567cdef.tmp"
    for path in (stale, live):
        path.write_text("half", encoding="utf-8")
    files.write_new({tmp_path / "new.yaml": "id: new\n"})
    assert not stale.exists() and live.exists()
    live.unlink()
    stale.write_text("half", encoding="utf-8")
    files.replace(tmp_path / "out.csv", "a\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml", "out.csv"]


def test_names_windows_cannot_make_are_refused_for_runs_and_for_ids_that_name_files(tmp_path: Path) -> None:
    """`run start aux` (or 'v2.', or 'com1') made data/<id>.record/aux/, which a teammate on Windows cannot check out
    (git: invalid path), and a section 'aux' a page a build there cannot write. A run's name is refused such names; so
    is an id that names a page, a folder or a file (red17's leftover 3: it was a warning, and a checklist 'aux' made
    data/aux.record/, committed), at its place, with the fix."""
    from generator.format.fold import RUN_NAME

    assert [n for n in ("v1.1", "auxiliary", "com10", "2026-03-launch", "aux", "v2.", "com1", "nul.x", "lpt9") if RUN_NAME.fullmatch(n)] == [
        "v1.1",
        "auxiliary",
        "com10",
        "2026-03-launch",
    ]
    from .conftest import FIXTURES

    data = tmp_path / "p" / "data"
    data.mkdir(parents=True)
    (tmp_path / "p" / "mkdocs.yml").write_text("site_name: Ops\n", encoding="utf-8")
    (data / "mini.yaml").write_text((FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8").replace("  - id: ops", "  - id: aux"), encoding="utf-8")
    (data / "runbooks.yaml").write_text((FIXTURES / "mini" / "runbooks.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    said = run_cli("-C", str(tmp_path / "p"), "check")
    assert said.returncode == 1, said.stderr
    assert "data/mini.yaml:46:5: error: id 'aux' names a page and its folder of the site, a name Windows keeps for a device" in said.stderr, said.stderr
    assert "hint: choose another id, e.g. 'aux-1' or a word for what it holds" in said.stderr, said.stderr
    refused = run_cli("-C", str(tmp_path / "p"), "run", "start", "aux", "--by", "Ann")
    assert refused.returncode == 2 and "'aux' is not a run name" in refused.stderr and "a name Windows keeps" in refused.stderr
    new = run_cli("-C", str(tmp_path / "p"), "new", "nul")
    assert new.returncode == 2 and "'nul' is not a valid checklist id: it is a name Windows keeps" in new.stderr and not (data / "nul.yaml").exists()


_DEVICES = sorted({"con", "prn", "aux", "nul", *(f"{k}{n}" for k in ("com", "lpt") for n in range(10))})


@settings(max_examples=12, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(_DEVICES), st.sampled_from(["", ".", ".txt", ":", "!", " 1"]), st.booleans()), min_size=3, max_size=3),
    st.booleans(),
)
@example([("aux", "", False), ("con", "", True), ("nul", ".txt", False)], False)
def test_an_import_names_nothing_as_windows_keeps_for_a_device(
    tmp_path_factory: pytest.TempPathFactory, words: list[tuple[str, str, bool]], named: bool
) -> None:
    """Import makes ids from titles ('# Aux', '## CON', a box 'NUL'): each it makes is none of Windows' device names (they
    are taken, as the generator's own page names are), so what it writes passes check (run_import refuses what would
    not) and its files, folders and pages can be made on Windows."""
    from generator.exchange.importing import run_import
    from generator.format.fold import DEVICE_NAME

    title, section, item = ((w.upper() if upper else w.capitalize()) + suffix for w, suffix, upper in words)
    folder = tmp_path_factory.mktemp("imp")
    (folder / "x.md").write_text(f"# {title}\n\n## {section}\n\n- [ ] {item}\n", encoding="utf-8")
    written = run_import(folder / "x.md", folder / "data" / "x.yaml" if named else None, folder / "docs")
    import yaml

    for path, text in written.files.items():
        assert not any(DEVICE_NAME.fullmatch(part) for part in path.parts), path
        if path.suffix == ".yaml":
            tree = yaml.safe_load(text)
            ids = [tree["id"], *(s["id"] for s in tree.get("sections", ()))]
            assert not [i for i in ids if DEVICE_NAME.fullmatch(i)], ids


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_DEVICES), st.sampled_from(["checklist", "section", "section former", "rollback", "runbook", "runbook former"]))
@example("aux", "checklist")
def test_every_id_that_names_a_file_or_page_is_refused_a_name_windows_keeps_at_its_place(
    tmp_path_factory: pytest.TempPathFactory, device: str, place: str
) -> None:
    """The class: each id a file, folder or page is named by (a checklist's: its record folder and status file; a
    section's, the rollback's, a runbook's, and their former ids) is refused each of Windows' device names, at its
    file, line and column, with a fix."""
    from generator.project import check_files

    from .conftest import FIXTURES

    checklist = (FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8")
    runbooks = (FIXTURES / "mini" / "runbooks.yaml").read_text(encoding="utf-8")
    changed = {
        "checklist": lambda: (checklist.replace("id: mini\n", f"id: {device}\n", 1), runbooks),
        "section": lambda: (checklist.replace("  - id: security\n", f"  - id: {device}\n", 1), runbooks),
        "section former": lambda: (checklist.replace("former_ids: [sec]", f"former_ids: [{device}]", 1), runbooks),
        "rollback": lambda: (checklist.replace("rollback:\n  id: rollback\n", f"rollback:\n  id: {device}\n", 1), runbooks),
        "runbook": lambda: (checklist, runbooks.replace("  - id: errors-high\n", f"  - id: {device}\n", 1)),
        "runbook former": lambda: (checklist, runbooks.replace("former_ids: [error-alarm]", f"former_ids: [{device}]", 1)),
    }[place]()
    assert changed != (checklist, runbooks)
    data = tmp_path_factory.mktemp("p") / "data"
    data.mkdir()
    (data / "mini.yaml").write_text(changed[0], encoding="utf-8")
    (data / "runbooks.yaml").write_text(changed[1], encoding="utf-8")
    _, issues = check_files([(data / "mini.yaml", "data/mini.yaml"), (data / "runbooks.yaml", "data/runbooks.yaml")])
    found = [i for i in issues if f"id '{device}' names" in i.message]
    assert found and all(i.loc.file.startswith("data/") and (i.loc.line or 0) > 0 and i.severity.name == "ERROR" for i in found), issues
    assert found[0].hint and f"'{device}-1'" in found[0].hint, found[0]


@settings(max_examples=30, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["rules/a.yml", "rules/b.yml", "pdf/x.pdf", "pdf/y.pdf"]), st.binary(max_size=32), min_size=2, max_size=4),
    st.sets(st.sampled_from(["rules/a.yml", "rules/b.yml", "pdf/x.pdf", "pdf/y.pdf"])),
    st.integers(min_value=1, max_value=14),
    st.sampled_from(["kill", KeyboardInterrupt, OSError]),
)
def test_files_replaced_as_one_are_all_old_or_all_new_however_the_command_stops(
    new: dict[str, bytes], existing: set[str], stop_at: int, how: Any
) -> None:
    """files.Replacing (links --fix over several rule files, the PDFs of pdf) stopped at any step of putting its files in
    place: killed (SIGKILL: the next command's recovery under the lock puts the earlier files back), or by Ctrl+C or a
    full disk (put back at once). Either way every file is as before or every one as new (stopped once the journal is
    gone, which is the last step), never some of each; not stopped, every one as new; no temporary or kept copy stays,
    and no journal."""
    import tempfile
    from unittest import mock

    from generator import files as written

    with tempfile.TemporaryDirectory() as scratch:
        root, work = Path(scratch) / "p", Path(scratch) / "p" / ".checklist-site"
        for rel in ("rules", "pdf", ".checklist-site"):
            (root / rel).mkdir(parents=True, exist_ok=True)
        old = {rel: f"old {rel}".encode() for rel in existing}
        for rel, data in old.items():
            (root / rel).write_bytes(data)
        calls = [0]

        def step(real: Any) -> Any:
            def stepped(*args: Any, **kwargs: Any) -> Any:
                calls[0] += 1
                if calls[0] == stop_at:
                    if how == "kill":
                        os._exit(9)  # as SIGKILL: no handler runs
                    raise how(28, "No space left on device") if how is OSError else how()
                return real(*args, **kwargs)

            return stepped

        def replace_all() -> None:
            stepped = (mock.patch.object(os, name, step(getattr(os, name))) for name in ("replace", "link", "fsync"))
            with next(stepped), next(stepped), next(stepped), written.Replacing(work) as out:
                for rel, data in new.items():
                    out.put(root / rel, data)

        if how == "kill":
            pid = os.fork()
            if pid == 0:
                try:
                    replace_all()
                finally:
                    os._exit(0)
            stopped = os.waitpid(pid, 0)[1] != 0
            written.recover_replacing(work)  # as the next command does, under the lock
        else:
            try:
                replace_all()
                stopped = False
            except (KeyboardInterrupt, BuildError, OSError):
                stopped = True
        written.clear_stale(root / "rules"), written.clear_stale(root / "pdf")  # a killed writer's leftovers, as the next writer clears them
        now = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".checklist-site" not in p.parts}
        assert now in ((old, {**old, **new}) if stopped else ({**old, **new},)), (stopped, now)  # stopped after the last rename: new
        assert not (work / written.JOURNAL).exists()


def test_a_name_in_another_letter_case_or_with_lookalike_letters_is_one_person(tmp_path: Path) -> None:
    """'priya', 'PRIYA' and 'Рriya' (a Cyrillic Р, as a keyboard left in another layout types it) passed every rule and
    were each someone else than 'Priya': her change to her own entry was refused as someone else's ('record it anyway'),
    and the open work per person listed Arun twice. The record compares people as they read (``types.same_person``):
    letter case aside, a letter of another script that looks like a Latin one (Unicode's confusables) as that letter;
    each name is shown as it was typed."""
    from generator.build import Project, check
    from generator.format.readiness import readiness
    from generator.format.types import same_person
    from generator.progress.record import append

    from .conftest import make_project

    root = make_project(tmp_path / "p")
    (root / "data" / "realserv-launch.status.yaml").unlink()
    project, item = Project.at(root), "jwt-token-validation-working"
    moments = iter(range(1, 50))
    for name, state in (("Priya", "done"), ("priya", "open"), ("\u0420riya", "done"), ("PR\u0406YA", "n/a")):  # Cyrillic Р, І
        append(project, check, None, name, [{"item": item, "state": state}], at=datetime_at(next(moments)))  # refused before
    for name, what in (("Arun", "twilio-sms-used"), ("arun", "rbac-enforced-services"), ("\u0410run", "xss-protection")):
        append(project, check, None, "Meera", [{"assign": what, "to": name}], at=datetime_at(next(moments)))
    data = check(project)
    status = data.status("realserv-launch", None)
    assert status is not None and status.item(item).replaced() is None  # not 'changed from Priya's done'
    work = readiness(data.checklists[0], status).work
    assert [(name, len(items)) for name, items in work] == [("Arun", 3)]
    assert not same_person("Priya", "Priyanka") and not same_person("Jos\u00e9", "Jose") and same_person("\u0391\u039d\u039d\u0391", "Anna")
    # A phone's smart punctuation: the apostrophe a right single quotation mark, a word processor's hyphen (U+2010).
    append(project, check, None, "Zo\u00eb O'Neil-Ray", [{"item": "twilio-sms-used", "state": "done"}], at=datetime_at(next(moments)))
    append(project, check, None, "ZO\u00cb O\u2019NEIL\u2010RAY", [{"item": "twilio-sms-used", "state": "n/a"}], at=datetime_at(next(moments)))
    status = check(project).status("realserv-launch", None)
    assert status is not None and status.item("twilio-sms-used").replaced() is None  # hers: not 'changed from Zoë's done', no --replace
    assert same_person("Zo\u00eb O\u2018Neil", "zoe\u0308 o'neil") and not same_person("O'Neil", "ONeil") and not same_person("Jean-Luc", "Jean Luc")


def datetime_at(minute: int) -> Any:
    import datetime

    return datetime.datetime(2026, 1, 10, 14, minute, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def _lookalikes_of() -> dict[str, list[str]]:
    import unicodedata

    from generator.format.types import _lookalikes

    found: dict[str, list[str]] = {}
    for ch, latin in sorted(_lookalikes().items()):
        if unicodedata.category(ch).startswith("L") and unicodedata.normalize("NFKC", ch) == ch:
            found.setdefault(latin, []).append(ch)
    return found


@settings(max_examples=100, deadline=None)
@given(st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ", min_size=1, max_size=12), st.data())
def test_letter_case_and_a_lookalike_letter_never_make_another_person(name: str, data: st.DataObject) -> None:
    from generator.format.types import identity, same_person

    others = _lookalikes_of()
    typed = "".join(data.draw(st.sampled_from([ch, ch.swapcase(), *others.get(ch.lower(), [])])) for ch in name)
    assert same_person(typed, name) and identity(identity(typed)) == identity(typed)


def test_the_sites_own_scripts_and_stylesheets_are_its_files_or_https_addresses(tmp_path: Path) -> None:
    """extra_javascript and extra_css are the site owner's, trusted as overrides/ is: a file of the site, or a script a
    CDN serves over https (Material's own recipes load MathJax so). 'javascript:alert(1)' went into every page's head as
    a <script src> and the scan refused the built site naming no key; a 'data:' script it would run, and one over plain
    http anyone on the network can replace (an https site's browser blocks it). Each is refused at its key now."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.mkdocs_yml import dotted, read, settings_problems
    from generator.project import Project

    from .conftest import FIXTURES, make_project

    fine = ["js/extra.js", "https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js", {"path": "js/m.mjs", "type": "module"}, "//cdn.example/y.js"]
    bad = ["javascript:alert(1)", {"path": "data:text/javascript,alert(1)"}, "http://cdn.example/x.js", " javascript:alert(2)", "x.js\" onload=\"alert(3)"]
    found = settings_problems({"extra_javascript": fine + bad, "extra_css": ["css/x.css", "https://cdn.example/x.css", "vbscript:x"]})
    assert [dotted(path) for path, _, _ in found] == [f"extra_javascript[{n}]" + (".path" if n == 5 else "") for n in range(4, 9)] + ["extra_css[2]"]
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra_javascript:\n  - js/ok.js\n  - path: 'javascript:alert(1)'\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    assert read(Project.at(project)) is None  # Zensical's reading leaves it to MkDocs', which refuses it
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    said = refused.value.format()
    assert f"mkdocs.yml:{line}:5: error: key 'extra_javascript[1]': expected " in said and "https" in said, said


def test_the_meeting_answers_what_it_cannot_read_with_a_refusal_not_an_internal_error(tmp_path: Path) -> None:
    """The live meeting's server answered 500 (and printed a traceback) for a JSON recording nested deeper than Python
    reads ('[' twenty thousand times fits its size limit), for a name or note holding a lone surrogate (JSON's '\\ud800',
    no character: every file written of it failed), and for an address holding a NUL or a name longer than the file
    system takes. Each is refused now, and nothing is recorded; a lone surrogate is refused by the rule of every text,
    as a data file's or a command's would be."""
    import json

    from starlette.testclient import TestClient

    from generator.format.types import refused_in_line
    from generator.meeting import API, HEADER, application

    from .conftest import make_project
    from .test_meeting import _room

    project = make_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><head><title>x</title></head><body>home</body></html>", encoding="utf-8")
    room = _room(project)
    before = sorted(p.name for p in (project / "data").rglob("*"))
    headers = {HEADER: room.token, "origin": "http://127.0.0.1:8765", "content-type": "application/json"}
    change = {"item": "jwt-token-validation-working", "state": "done"}
    bodies = [
        ("[" * 20000).encode(),
        json.dumps({"checklist": "realserv-launch", "by": "Pri\ud800ya", "changes": [change]}).encode(),
        json.dumps({"checklist": "realserv-launch", "by": "Priya", "changes": [{**change, "note": "x\udfff"}]}).encode(),
    ]
    with TestClient(application(room), base_url="http://127.0.0.1:8765", raise_server_exceptions=False) as client:
        answers = [client.post(API + "record", content=body, headers=headers) for body in bodies]
        assert [a.status_code for a in answers] == [400, 400, 400], [a.text for a in answers]
        assert "nested" in answers[0].json()["error"] and "U+D800 (a surrogate" in answers[1].json()["error"], answers[1].json()
        client.get("/?token=" + room.token)
        assert [client.get(path).status_code for path in ("/a%00b", "/" + "x" * 5000, "/index.html%00.png")] == [404, 404, 404]
    assert sorted(p.name for p in (project / "data").rglob("*")) == before
    assert refused_in_line("a\ud800") == "U+D800 (a surrogate, half of a character written in UTF-16)"


def test_a_symbolic_link_in_docs_to_a_folder_that_holds_it_is_refused_before_anything_is_copied(tmp_path: Path) -> None:
    """docs/up -> .. (or a link to /tmp, which holds the project): the build copies docs/ to stage it, following links as
    MkDocs does, and so copied the project into itself again at every level, until the names grew too long for the file
    system (a link to /tmp copied all of /tmp at every level, for as long as the disk lasted). Refused now, at the link,
    before anything is copied; a link to a folder elsewhere is followed as before."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "page.md").write_text("# Shared\n", encoding="utf-8")
    os.symlink(tmp_path / "shared", project / "docs" / "shared")  # elsewhere: followed
    os.symlink("../..", project / "docs" / "shared-too")  # tmp_path, which holds the project
    result = run_cli("-C", str(project), "build")
    said = f"docs/shared-too: error: a symbolic link to {tmp_path}, a folder that holds it: docs/ would be copied into itself without end"
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (project / "site").exists() and not (project / ".checklist-site" / "docs.new").exists()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.sampled_from('ab=+-@;,\t\r\n"\' \u00ad\u200b\u00a0\uff1d\uff0b\ufe63\uff20'), max_size=8), min_size=1, max_size=4))
@example([" =HYPERLINK(1)", "\u00ad=1", "\uff1d1+1", "\n=1", "\u00a0@x"])  # red17: past a blank or what shows as nothing, full-width
def test_every_csv_cell_is_one_quoted_field_that_starts_no_formula(cells: list[str]) -> None:
    """OWASP's rule has a second half: a cell's text must not start a formula, and its field separator must not start
    another cell. The CSVs quoted only a cell holding a comma, so 'x;=HYPERLINK(...)' was one cell to a comma reader and
    two, the second a formula, to a spreadsheet that separates by ';' (Excel in most of Europe). Every field is quoted
    now (``escape.csv_table``, for `export --format csv` and `links --format csv`), and each reads back apostrophed."""
    import csv
    import io
    import re

    from generator.site.escape import csv_table

    text = csv_table([["header"] * len(cells), cells])
    assert text.count("\n") - sum(c.count("\n") for c in cells) == 2
    rows = list(csv.reader(io.StringIO(text, newline="")))
    import unicodedata

    def formula(c: str) -> bool:  # as a spreadsheet may read it: past blanks and what shows as nothing, NFKC
        seen = c.replace("\u00ad", "").replace("\u200b", "").lstrip()
        return c[:1] in ("\t", "\r", "\n") or unicodedata.normalize("NFKC", seen[:1])[:1] in ("=", "+", "-", "@")

    assert rows[1] == [("'" + c if formula(c) else c) for c in cells]
    assert re.fullmatch(r'(?:"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*\n)+', text), text  # every field quoted, a separator inside it


@pytest.mark.parametrize("name", ["checklist.json", "runbook-links.json"])
def test_a_hand_written_file_where_the_build_writes_one_of_the_site_is_refused(tmp_path: Path, name: str) -> None:
    """docs/checklist.json (a team's own export, an API stub) was copied into the site by MkDocs and then replaced by the
    build's checklist.json without a word: the page linking to it served something else. Refused now, at the file,
    before anything is built, as a hand-written file in a generated folder is."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project / "docs" / name).write_text('{"mine": true}\n', encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    said = f"docs/{name}: error: the build writes the site's {name} itself"
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert not (project / "site").exists() and (project / "docs" / name).read_text(encoding="utf-8") == '{"mine": true}\n'


def test_data_files_whose_names_differ_only_by_letter_case_are_warned_of(tmp_path: Path) -> None:
    """data/Launch.yaml and data/launch.yaml (two checklists, two ids) built on Linux; a teammate's checkout on macOS or
    Windows, whose file systems ignore letter case, holds one of them, and its build silently has one checklist less.
    Warned of at the second file, as a name Windows keeps for a device is."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    assert run_cli("-C", str(project), "new", "mini-two").returncode == 0
    (project / "data" / "mini-two.yaml").rename(project / "data" / "Mini.yaml")
    said = run_cli("-C", str(project), "check")
    warning = "data/mini.yaml: warning: its name differs from data/Mini.yaml only by letter case"
    assert said.returncode == 0 and warning in said.stderr, said.stderr


def test_a_title_of_the_nav_in_mkdocs_yml_that_the_theme_would_print_as_markup_is_refused_at_its_key(tmp_path: Path) -> None:
    """nav: - 'Home <img src=x onerror=alert(1)>': index.md went into every page's navigation as markup; the build's scan
    refused the built site naming no key ('look in mkdocs.yml ...'). Refused now before anything is built, at the title,
    as site_name is; a title with '&' or an emoji is fine."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.mkdocs_yml import dotted, settings_problems
    from generator.project import Project

    from .conftest import FIXTURES, make_project

    nav = [{"Home & away 🚀": "index.md"}, {"Guides": [{"How <b>": "how-to-use.md"}, "other.md"]}, {'x" onmouseover="y': "z.md"}]
    assert [dotted(path) for path, _, _ in settings_problems({"nav": nav})] == ["nav[1].Guides[0].How <b>", 'nav[2].x" onmouseover="y']
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "nav:\n  - Home: index.md\n  - 'Home <img src=x onerror=alert(1)>': index.md\n", encoding="utf-8")
    line = len(config.read_text(encoding="utf-8").splitlines())
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    said = refused.value.format()
    assert f"mkdocs.yml:{line}:5: error: key 'nav[1].Home <img src=x onerror=alert(1)>': expected plain text" in said, said


def test_two_meetings_in_one_browser_keep_their_own_tokens(tmp_path: Path) -> None:
    """A browser keeps cookies by host, whatever the port: the meeting of a second project (or a second launch) on
    127.0.0.1:8766 set the same cookie as the first on :8765, and every page of the first answered 403 'open the
    address the meeting printed' from then on (and was sent the other meeting's token). Each meeting's cookie is its
    port's now."""
    from starlette.testclient import TestClient

    from generator.meeting import application

    from .conftest import make_project
    from .test_meeting import _room

    rooms = []
    for name in ("a", "b"):
        project = make_project(tmp_path / name)
        (project / "site").mkdir()
        (project / "site" / "index.html").write_text(f"<html><head><title>{name}</title></head><body>{name}</body></html>", encoding="utf-8")
        rooms.append(_room(project))
    with TestClient(application(rooms[0]), base_url="http://127.0.0.1:8765") as first:
        with TestClient(application(rooms[1]), base_url="http://127.0.0.1:8766") as second:
            assert first.get(f"/?token={rooms[0].token}").status_code == 200
            assert second.get(f"/?token={rooms[1].token}").status_code == 200
            for name, value in second.cookies.items():  # one browser: one cookie jar, by host, whatever the port
                first.cookies.set(name, value, domain="127.0.0.1")
            assert [first.get("/").status_code, second.get("/").status_code] == [200, 200]
            assert "<body>a</body>" in first.get("/").text and "<body>b</body>" in second.get("/").text


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.from_regex(r"\A[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{2}:[0-9]{2})?\Z"), st.text(max_size=20)))
def test_every_text_the_record_writes_reads_back_as_written(text: str) -> None:
    """A note or a name that looks like a date no calendar has ('2026-13-45', '2026-02-30') made `mark`, the meeting and
    every recording fail with an internal error: the writer asked PyYAML whether the plain text reads back as itself, and
    PyYAML, reading it as a date, raised ValueError instead of saying no. Such a text is written quoted now."""
    import yaml
    from hypothesis import assume

    from generator.format.types import refused_in_line
    from generator.progress.edit import scalar

    assume(not refused_in_line(text))  # what every writer takes: no control characters (refused before they are written)
    assert yaml.safe_load(f"{{k: {scalar(text)}}}") == {"k": text}


def test_a_note_that_looks_like_no_date_is_recorded(tmp_path: Path) -> None:
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    item = "dash-errors"
    result = run_cli("-C", str(project), "mark", item, "--done", "--by", "2026-02-30", "--note", "2026-13-45")
    assert result.returncode == 0 and "internal error" not in result.stderr, result.stderr
    assert run_cli("-C", str(project), "check").returncode == 0


def test_a_journal_that_came_with_the_project_puts_nothing_back(tmp_path: Path) -> None:
    """The journals of an interrupted swap (.checklist-site/swap.json, replacing.json) name the files and folders the
    next command puts back. One that came with the project (git keeps a file in .checklist-site/ that was added by force,
    a pull request can carry it) made `mark` overwrite any file of the user's with a file of the project (~/.bashrc) and
    remove any folder (the home folder). A journal is bound to the work folder it was written in now (its device and
    inode, which no clone or copy carries); any other is said and removed, and nothing is put back."""
    import json

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    victim, folder = tmp_path / "victim.txt", tmp_path / "victim-folder"
    victim.write_text("mine\n", encoding="utf-8")
    folder.mkdir()
    (folder / "important").write_text("keep\n", encoding="utf-8")
    (project / "payload.txt").write_text("the project's\n", encoding="utf-8")
    work = project / ".checklist-site"
    work.mkdir(exist_ok=True)
    (work / "replacing.json").write_text(json.dumps([{"target": str(victim), "temp": None, "kept": str(project / "payload.txt")}]), encoding="utf-8")
    swap = [{"target": str(folder), "new": str(tmp_path / "no-new"), "old": str(tmp_path / "no-old"), "existed": False}]
    (work / "swap.json").write_text(json.dumps({"folder": [0, 0], "moves": swap}), encoding="utf-8")
    result = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "mine\n" and (folder / "important").is_file()
    assert not (work / "replacing.json").exists() and not (work / "swap.json").exists()
    assert "ignored .checklist-site/swap.json: a journal this project's runs did not write" in result.stderr, result.stderr
    assert "ignored .checklist-site/replacing.json" in result.stderr


def test_a_meeting_token_that_came_with_the_project_is_not_taken_up(tmp_path: Path) -> None:
    """A meeting that stopped without ending leaves its token in .checklist-site/meeting-token, and the next start takes it
    up (the room's browsers reconnect). A token file that came with the project (added by force, fresh from the
    checkout) was taken up too: the meeting's key was one the project's author knew, for anyone on the network to record
    with. Only a file readable by this user alone, as a meeting writes it, is taken up; git checks one out readable by all."""
    from generator.commands.meeting import TOKEN_FILE, token
    from generator.project import Project

    from .conftest import FIXTURES, make_project

    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))
    project.work.mkdir(exist_ok=True)
    planted = project.work / TOKEN_FILE
    planted.write_text("A" * 32 + "\n", encoding="utf-8")
    planted.chmod(0o644)  # as git checks it out
    made, said = token(project)
    assert made != "A" * 32 and said == ""
    assert token(project)[0] == made  # its own: taken up


def test_a_work_folder_that_is_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    """.checklist-site is where a command stages and sets aside, and each writing command removes what a stopped one left
    there (every *.new and *.old). A project whose .checklist-site was a symbolic link (git keeps one as it is) made
    `mark` remove the *.new and *.old files and folders of the folder it named (the home folder: notes.old). Refused at
    the link now, before anything is removed or written."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    elsewhere = tmp_path / "home"
    (elsewhere / "project.new").mkdir(parents=True)
    (elsewhere / "notes.old").write_text("mine\n", encoding="utf-8")
    import shutil

    shutil.rmtree(project / ".checklist-site", ignore_errors=True)
    os.symlink(elsewhere, project / ".checklist-site")
    result = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    said = f".checklist-site: error: the project's work folder is a symbolic link (to {elsewhere})"
    assert result.returncode == 1 and said in result.stderr, result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["notes.old", "project.new"]


def test_hand_written_pages_whose_names_differ_only_by_letter_case_are_warned_of(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """docs/Checklists/ beside the generated checklists/, docs/Guide.md beside docs/guide.md: two pages on Linux, one on
    macOS and Windows (whose build then refused the generated folder for the hand-written pages in it). Warned of."""
    from generator.build import _docs_checked, check
    from generator.project import Project

    from .conftest import FIXTURES, make_project

    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))
    for page in ("Checklists/mine.md", "Checklists/more.md", "guide.md", "Guide.md", "other/page.md"):
        (project.root / "docs" / page).parent.mkdir(parents=True, exist_ok=True)
        (project.root / "docs" / page).write_text("# Page\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="checklist_site"):
        _docs_checked(project, project.root / "docs", check(project))
    said = [r.getMessage().splitlines()[0] for r in caplog.records]
    assert said == [
        "docs/Checklists: warning: its name differs from docs/checklists only by letter case",
        "docs/guide.md: warning: its name differs from docs/Guide.md only by letter case",
    ], said


# ---- files as editors save them: a byte order mark, CRLF, CR alone, endings mixed, no last line break ------------------


@settings(max_examples=10, deadline=None)
@given(bom=st.booleans(), usual=st.sampled_from(["\n", "\r\n", "\r"]), other=st.sets(st.integers(0, 50), max_size=6), last=st.booleans())
def test_links_fix_keeps_the_rule_files_form_and_changes_only_its_annotations(
    tmp_path_factory: pytest.TempPathFactory, bom: bool, usual: str, other: set[int], last: bool
) -> None:
    """`links --fix` refused a rule file saved with a byte order mark or with CR line endings (an old Mac's), and one whose
    last line had no line break, as 'ruamel.yaml cannot write this file back ... indent it consistently', which was not
    the cause; and one with CRLF on some lines only got CRLF on every line (each LF line changed). Now it reads the file
    as YAML does (``annotate.plain``) and writes it back in its form (``annotate.in_form_of``): the mark, each kept line's
    ending, the last line's break or none; the lines it writes are the only ones that differ."""
    import yaml as pyyaml

    from generator.exchange.annotate import fix_file

    alarms = Path(__file__).parent / "fixtures" / "alarms"
    lines = (alarms / "prometheus-rules-unlinked.yml").read_text(encoding="utf-8").splitlines()
    fixed = (alarms / "prometheus-rules-unlinked.fixed.yml").read_text(encoding="utf-8")
    rules = [r for g in pyyaml.safe_load(fixed)["groups"] for r in g["rules"]]
    urls = {r["alert"]: r["annotations"]["runbook_url"] for r in rules if "runbook_url" in r.get("annotations", {})}
    swap = {"\n": "\r\n", "\r\n": "\n", "\r": "\r"}  # some lines LF, others CRLF (CR, LF: one CRLF)
    ends = [swap[usual] if n in other else usual for n in range(len(lines))]
    ends[-1] = ends[-1] if last else ""
    raw = ("\ufeff" if bom else "") + "".join(line + end for line, end in zip(lines, ends, strict=True))
    path = tmp_path_factory.mktemp("form") / "rules.yml"
    path.write_bytes(raw.encode("utf-8"))
    done = fix_file(path, "rules.yml", urls)
    assert done.written == ("HighErrorRate", "HighLatencyP95", "RedisDown"), done.issues
    after = path.read_bytes().decode("utf-8")
    assert after.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").splitlines()[1:] == fixed.splitlines()[1:]
    assert after.startswith("\ufeff") == bom and after.endswith(("\n", "\r")) == last
    written = ("runbook_url", "annotations:")
    kept = [line for line in after.removeprefix("\ufeff").splitlines(keepends=True) if not line.lstrip().startswith(written)]
    assert kept == [line for line in raw.removeprefix("\ufeff").splitlines(keepends=True) if not line.lstrip().startswith(written)]


# ---- names as long as a file system takes ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["z" * 250 + ".yaml", "é" * 125 + ".yaml"], ids=["ascii", "two-byte"])
def test_every_writer_writes_a_name_as_long_as_its_folder_takes(tmp_path: Path, name: str) -> None:
    """The atomic writer first writes '.NAME.PID-RANDOM.tmp' beside the file: for a name of 250 bytes (one its folder
    takes) that was 270, and `import -o` (and every writer of ``generator/files.py``) failed with 'File name too long',
    naming the temporary file. Its temporary name is cut to fit; the file gets its own name."""
    from generator import files

    assert len(name.encode()) == 255
    files.replace(tmp_path / name, "a: 1\n")
    files.create(tmp_path / ("c" + name[1:]), "b: 2\n")
    files.write_new({tmp_path / "new" / name: "c: 3\n"})
    with files.Replacing(tmp_path / "work") as out:
        out.put(tmp_path / name, "d: 4\n")
    assert (tmp_path / name).read_text() == "d: 4\n" and (tmp_path / "new" / name).read_text() == "c: 3\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_name_too_long_is_said_so_not_blamed_on_disk_space(tmp_path: Path) -> None:
    """`import -o` with a name whose status file could not be named failed on the copy it checks first: 'File name too
    long (/tmp/checklist-import-…/zzz…)', hint 'check free disk space and permissions'. Refused first, saying how long a
    name may be; and any error of the file system gets the hint of its kind (a name too long, a full disk, read-only)."""
    project = tmp_path / "p"
    project.mkdir()
    source = tmp_path / "list.md"
    source.write_text("# Launch\n\n- [x] Rotate the keys\n- [ ] Check the backups\n", encoding="utf-8")
    ran = run_cli("import", str(source), "-o", f"data/{'z' * 245}.yaml", cwd=project)
    assert ran.returncode == 2 and "is 250 bytes long; its status file beside it could not be named" in ran.stderr, ran.stderr
    assert "hint: name it with at most 243 bytes before .yaml" in ran.stderr and not (project / "data").exists()
    assert run_cli("import", str(source), "-o", f"data/{'z' * 243}.yaml", cwd=project).returncode == 0
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (project / "docs").mkdir()
    ran = run_cli("-C", str(project), "export", "--format", "csv", "-o", str(tmp_path / ("x" * 256 + ".csv")))
    assert ran.returncode == 1 and "hint: use a shorter name: a file system takes names of up to 255 bytes" in ran.stderr, ran.stderr


def test_import_writes_nothing_through_a_symbolic_link_out_of_the_project(tmp_path: Path) -> None:
    """`import -o` writes prose too long for a section's notes to docs/imported/: a project holding 'docs/imported ->
    ~/somewhere' (git keeps links) had it write there, outside the project (and the next build refused the link).
    Refused at the link, nothing written (``Project.link_out``, which `pdf` uses too)."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", FIXTURES / "mini")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "docs" / "imported").symlink_to(outside, target_is_directory=True)
    source = tmp_path / "long.md"
    source.write_text("# Notes\n\n" + "Prose of the section. " * 300 + "\n\n- [ ] Check the backups\n", encoding="utf-8")
    ran = run_cli("-C", str(project), "import", str(source), "-o", str(project / "data" / "long.yaml"))
    assert ran.returncode == 1 and f"docs/imported: error: a symbolic link to {outside}, outside the project" in ran.stderr, ran.stderr
    assert list(outside.iterdir()) == [] and not (project / "data" / "long.yaml").exists()


def test_pdf_refuses_to_print_through_a_symbolic_link_out_of_its_folder(tmp_path: Path) -> None:
    """A PDF is written through a symbolic link to its target, and git keeps links: a project whose pdf/ held
    'mini-packet-a4.pdf -> ~/.bashrc' (or whose pdf/ was a link to a folder elsewhere) made `pdf` overwrite that file
    with the packet. Refused at the link before anything is built or printed; the file is left as it was."""
    from generator.exchange.pdf import jobs
    from generator.format.validate import load_all

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", FIXTURES / "mini")
    outside = tmp_path / "bashrc"
    outside.write_text("export PATH\n", encoding="utf-8")
    data, _ = load_all([(p, p.name) for p in sorted((project / "data").glob("*.yaml"))])
    name = jobs(list(data.checklists))[0].out_name
    (project / "pdf").mkdir()
    (project / "pdf" / f"{name}-a4.pdf").symlink_to(outside)
    ran = run_cli("-C", str(project), "pdf", "--no-build")
    assert ran.returncode == 1 and f"pdf/{name}-a4.pdf is a symbolic link to {outside}: printing would overwrite that file" in ran.stderr, ran.stderr
    (project / "pdf" / f"{name}-a4.pdf").unlink()
    (project / "pdf").rmdir()
    (project / "pdf").symlink_to(tmp_path, target_is_directory=True)
    ran = run_cli("-C", str(project), "pdf", "--no-build")
    assert ran.returncode == 1 and f"pdf is a symbolic link to {tmp_path}, outside the project" in ran.stderr, ran.stderr
    assert outside.read_text(encoding="utf-8") == "export PATH\n" and not (project / "site").exists()


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    """A writer renames a new file over the old one, which the folder's permission allows: `links --fix` rewrote a rule
    file its owner had made read-only (`chmod a-w`), as did `export -o` an export and `pdf` a PDF (and root any of them).
    Each is refused, naming the file, and left as it was (``files.read_only``)."""
    from generator import files
    from generator.exchange.annotate import fix_file

    rules = tmp_path / "rules.yml"
    rules.write_text("groups:\n  - name: x\n    rules:\n      - alert: errors-high\n        expr: up == 0\n", encoding="utf-8")
    export = tmp_path / "mini.csv"
    export.write_text('"id"\n', encoding="utf-8")
    for path in (rules, export):
        path.chmod(0o444)
    with pytest.raises(PermissionError, match="the file is read-only") as refused:
        fix_file(rules, "rules.yml", {"errors-high": "https://x.test/runbooks/errors-high/"})  # links --fix, on its own
    assert refused.value.filename == str(rules)
    with pytest.raises(PermissionError, match="the file is read-only"), files.Replacing(tmp_path / "work") as out:
        fix_file(rules, "rules.yml", {"errors-high": "https://x.test/runbooks/errors-high/"}, out)  # with others, as one
    with pytest.raises(PermissionError, match="the file is read-only"):
        files.replace(export, '"id"\n"x"\n')  # export -o, pdf
    assert export.read_text(encoding="utf-8") == '"id"\n' and "runbook_url" not in rules.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("made", "said"),
    [
        ("file", ".checklist-site: error: the project's work folder is not a folder: nothing was changed"),
        ("lock folder", ".checklist-site/lock: error: the project's lock file is a folder: nothing was changed"),
        ("lock link", ".checklist-site/lock: error: the project's lock file is a symbolic link: nothing was changed"),
    ],
)
def test_a_work_folder_or_lock_of_another_kind_is_said_with_what_to_do(tmp_path: Path, made: str, said: str) -> None:
    """The work folder a file, its lock a folder or a symbolic link (copied, unpacked or committed so: the tool makes
    both and removes neither): every writer said 'File exists', '... is a folder, not a file' or 'Too many levels of
    symbolic links' with the hint to check disk space or to give a file's name, which help nothing. Now named with
    what to do (remove it), and the next command after that works."""
    import shutil

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    work = project / ".checklist-site"
    shutil.rmtree(work, ignore_errors=True)
    if made == "file":
        work.write_text("x\n", encoding="utf-8")
    else:
        work.mkdir()
        (work / "lock").mkdir() if made == "lock folder" else (work / "lock").symlink_to(project / "mkdocs.yml")
    kept = (project / "mkdocs.yml").read_bytes()
    result = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    assert result.returncode == 1 and said in result.stderr and "hint: remove it (.checklist-site is the project's own" in result.stderr, result.stderr
    assert (project / "mkdocs.yml").read_bytes() == kept and not (project / "data" / "mini.record").exists()
    shutil.rmtree(work) if work.is_dir() and not work.is_symlink() and made == "lock folder" else None
    (work / "lock").unlink() if made == "lock link" else work.unlink() if made == "file" else None
    again = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    assert again.returncode == 0, again.stderr


_CALLS = ("open", "link", "replace", "fsync", "unlink", "mkdir", "chmod")


@settings(max_examples=24, deadline=None)
@given(st.sampled_from(["create", "replace", "write_new", "Replacing"]), st.sampled_from([28, 5, 30]))
@example("create", 28).via("found: the temporary file's removal after the link")
@example("write_new", 5).via("found: the temporary files' removal after the links")
@example("Replacing", 30).via("found: the journal's removal after the renames; its temporary file left")
def test_a_writer_whose_file_system_call_fails_at_any_step_says_done_only_when_done(writer: str, code: int) -> None:
    """Each of the writers of files.py with one of its file-system calls failing (a full disk, an I/O error, a folder
    gone read-only: ENOSPC, EIO, EROFS), each call in turn: it returns with the new state in place or raises with the
    old state there, never the other way round. Removing its temporary file once the file was in place raised: `new`,
    `import -o` and every record command said 'No space left on device' for a file or entry that was written (the entry
    recorded again on the next try, `new` then refused as existing); Replacing's journal left in place after the new
    files were said written, which the next command undid. A temporary file left is hidden and the next writer in the
    folder removes it (clear_stale)."""
    fail_at = 1
    while _fail_at(writer, code, fail_at):
        fail_at += 1
    assert fail_at > 3


def _fail_at(writer: str, code: int, fail_at: int) -> bool:
    """One write by ``writer`` whose ``fail_at``-th file-system call fails with ``code``, checked; whether it got there."""
    import tempfile
    from unittest import mock

    from generator import files as written

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        (root / "work").mkdir()
        (root / "d").mkdir()
        old = {root / "d" / "a.yaml": b"old a\n", root / "d" / "b.yaml": b"old b\n"}
        for path, data in old.items():
            path.write_bytes(data)
        new = {
            "create": {root / "d" / "c.yaml": b"c\n"},
            "replace": {root / "d" / "a.yaml": b"new a\n"},
            "write_new": {root / "d" / "c.yaml": b"c\n", root / "d" / "e" / "f.yaml": b"f\n"},
            "Replacing": {root / "d" / "a.yaml": b"new a\n", root / "d" / "b.yaml": b"new b\n", root / "d" / "g.yaml": b"g\n"},
        }[writer]
        calls = [0]

        def step(name: str) -> Any:
            real = getattr(os, name)

            def stepped(*args: Any, **kwargs: Any) -> Any:
                calls[0] += 1
                if calls[0] == fail_at:
                    raise OSError(code, os.strerror(code), str(args[0]) if args and isinstance(args[0], (str, Path)) else None)
                return real(*args, **kwargs)

            return stepped

        patches = [mock.patch.object(os, name, step(name)) for name in _CALLS]
        for p in patches:
            p.start()
        try:
            if writer == "create":
                [(path, data)] = new.items()
                written.create(path, data)
            elif writer == "replace":
                [(path, data)] = new.items()
                written.replace(path, data)
            elif writer == "write_new":
                written.write_new(new)
            else:
                with written.Replacing(root / "work") as replacing:
                    for path, data in new.items():
                        replacing.put(path, data)
            done = True
        except (OSError, BuildError):
            done = False
        finally:
            for p in patches:
                p.stop()
        if done:
            assert all(path.read_bytes() == data for path, data in new.items()), (writer, fail_at)
        else:
            assert all(not path.exists() or path.read_bytes() == old.get(path) for path in new), (writer, fail_at)
            assert all(path.read_bytes() == data for path, data in old.items())
        assert not (root / "work" / written.JOURNAL).exists() or not done, (writer, fail_at)
        with mock.patch.object(written, "_running", lambda _pid: False):  # this process, gone: as the next command sees it
            for folder in {p.parent for p in new} | {root / "work"}:
                if folder.exists():
                    written.clear_stale(folder)
        left = [p.name for p in root.rglob("*.tmp")]
        assert left == [], (writer, fail_at, left)
        return calls[0] >= fail_at


def test_a_leftover_of_a_build_that_cannot_be_removed_stops_no_writer(tmp_path: Path) -> None:
    """A build sets the old site and pages aside in the work folder (site.old), removed by the next writing command. Files
    there another user made (a site built in a container as root) cannot be removed: every writer (mark, signoff, the
    meeting's recordings) failed at 'Permission denied', with nothing said of what to remove. A leftover is no state any
    command reads: the command works and names it to remove; a swap to undo (its journal there) still comes first."""
    import errno
    import shutil
    from unittest import mock

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project / ".checklist-site" / "site.old" / "assets").mkdir(parents=True)
    (project / ".checklist-site" / "site.old" / "assets" / "x.js").write_text("x\n", encoding="utf-8")
    real = shutil.rmtree

    def refused(path: Any, *args: Any, **kwargs: Any) -> None:
        if Path(path).name == "site.old" and not kwargs.get("ignore_errors"):
            raise PermissionError(errno.EACCES, "Permission denied", str(Path(path) / "assets" / "x.js"))
        real(path, *args, **kwargs)

    with mock.patch.object(shutil, "rmtree", refused):
        result = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    assert result.returncode == 0, result.stderr
    assert "could not remove .checklist-site/site.old, left in the work folder by an earlier build (Permission denied)" in result.stderr
    assert list((project / "data" / "mini.record").glob("*.yaml"))


def test_on_a_file_system_without_flock_the_lock_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the file system has no flock (ENOSYS: a network or FUSE mount, a folder shared with a container), filelock
    falls back to a lock file that names its holder. Every command printed filelock's Python warning with its source
    line; and the empty lock file a file system with flock leaves (the project used there before) names no holder, so
    every writer waited for ever, saying another command held the lock. The warning is not shown, and a lock file that
    names no process is said with what to do."""
    import errno
    import fcntl
    import warnings

    from generator.project import LockBusy, Project

    from .conftest import FIXTURES, make_project

    def no_flock(*_args: Any) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project / ".checklist-site").mkdir(exist_ok=True)
    (project / ".checklist-site" / "lock").unlink(missing_ok=True)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = run_cli("-C", str(project), "mark", "dash-errors", "--done", "--by", "Ann")
    assert result.returncode == 0, result.stderr
    assert not [w for w in shown if "flock" in str(w.message)], [str(w.message) for w in shown]
    (project / ".checklist-site" / "lock").write_bytes(b"")  # as a file system with flock leaves it
    with pytest.raises(LockBusy) as refused, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Project.at(project).lock(wait=0.3):
            pass
    assert refused.value.hint is not None and "it names no process: if no checklist-site command is running, remove .checklist-site/lock" in refused.value.hint


@pytest.mark.parametrize("args", [("build",), ("mark", "dash-errors", "--done", "--by", "Ann"), ("meeting",)])
def test_a_lock_held_on_another_host_is_neither_waited_for_for_ever_nor_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """red17's leftover: without flock filelock's lock file names its holder's process and host. One on this host it
    probes (a dead one's lock is taken over); one on another host (a shared mount, a laptop that went to sleep holding
    it) it cannot, and build and mark waited for ever, saying only 'process 999999'. They wait a while, then stop with
    an error naming the lock file, the process, the host and what to do; the lock file is left as it was. The meeting's
    recordings, which wait a second or two, say the same."""
    import errno
    import fcntl
    import warnings

    import filelock

    from generator import project as project_module
    from generator.project import LockBusy, Project

    from .conftest import FIXTURES, make_project

    def no_flock(*_args: Any) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(fcntl, "flock", no_flock)
    monkeypatch.setattr(project_module, "LOCK_WAIT_ELSEWHERE", 0.2)
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project / ".checklist-site").mkdir(exist_ok=True)
    held = project / ".checklist-site" / "lock"
    record = b"999999\nbuild-2\n5482879334187104462796389105868995341144917705450233811704\n"  # filelock's: pid, host, token
    held.write_bytes(record)
    (project / ".checklist-site" / "lock.holder").write_text("999999 build-2\n")  # the tool's own, as the holder wrote it
    # the holder is read from the tool's own record, not from a private field of filelock's Timeout that an upgrade may drop
    monkeypatch.setattr(filelock.Timeout, "__init__", _timeout_naming_no_holder)
    hint = "if no checklist-site command is running on build-2 (it was stopped, or the machine is gone), remove .checklist-site/lock"
    if args == ("meeting",):
        with pytest.raises(LockBusy) as refused, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Project.at(project).lock(wait=0.3):
                pass
        assert "process 999999 on host build-2" in str(refused.value) and hint in (refused.value.hint or ""), refused.value
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = _within_seconds(30, lambda: run_cli("-C", str(project), *args))
        assert result.returncode == 1, result.stderr
        assert ".checklist-site/lock: error: the project's lock is held by process 999999 on host build-2, which this machine cannot check" in result.stderr
        assert hint in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert held.read_bytes() == record  # not taken
    assert not (project / "site").exists() and not list((project / "data").glob("*.record"))


def _timeout_naming_no_holder(self: Any, lock_file: str, holder: str | None = None) -> None:  # noqa: ARG001
    TimeoutError.__init__(self)
    self._lock_file = lock_file


def test_the_lock_holder_is_named_from_the_tools_own_record(tmp_path: Path) -> None:
    """red18's leftover 3: the holder's process and host were read from a private field of filelock's Timeout. The holder
    writes its own record beside the lock (process and host), which a waiter names, and removes it at the release; a
    record not of that shape (a shared mount's file of anything, escape sequences) is never shown."""
    import subprocess
    import sys

    from generator.project import HOLDER, LockBusy, Project, recorded_holder

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    record = project / ".checklist-site" / HOLDER
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from generator.project import Project\n"
         "with Project.at(Path(sys.argv[1])).lock():\n    print('held', flush=True); sys.stdin.readline()", str(project)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parent.parent,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert recorded_holder(record) is not None and recorded_holder(record)[0] == holder.pid  # type: ignore[index]
        with pytest.raises(LockBusy) as refused, Project.at(project).lock(wait=0.2):
            pass
        assert f"(process {holder.pid})" in (refused.value.hint or ""), refused.value.hint
    finally:
        holder.communicate("\n", timeout=30)
    assert holder.returncode == 0 and not record.exists()
    with Project.at(project).lock():
        assert recorded_holder(record) is not None
    assert not record.exists()
    for planted in ("4242 build-2\x1b[2J\n", "4242 \u202ebuild\n", "x build-2\n", "4242 build-2", "4242 " + "a" * 300 + "\n"):
        record.write_text(planted)
        assert recorded_holder(record) is None, planted


def _within_seconds(seconds: float, call: Any) -> Any:
    """``call()``'s value, failing the test rather than hanging it where it does not return in time."""
    done: list[Any] = []
    thread = threading.Thread(target=lambda: done.append(call()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert done, f"still waiting after {seconds} s"
    return done[0]


@pytest.mark.parametrize(
    ("args", "made", "said"),
    [
        (
            ("mark", "dash-errors", "--done", "--by", "Ann"),
            "data/mini.record",
            "cannot make the folder data/mini.record: a file of that name is there\n    hint: move the file away or rename it",
        ),
        (
            ("new", "other", "--title", "Other"),
            "data",
            "cannot use data/other.yaml: a part of the path is a file, not a folder\n    hint: check the path; nothing was written",
        ),
    ],
)
def test_a_file_where_a_writer_needs_a_folder_is_said_so(tmp_path: Path, args: tuple[str, ...], made: str, said: str) -> None:
    """A file where a writer makes or writes into a folder (the record folder data/<id>.record, data/ itself) was 'File
    exists' with the hint to check disk space and permissions, or 'Not a directory' with 'free some space or fix the
    permissions': files.write_new gave every error of the file system that hint. The kind of error says what to do, in
    one place for every writer (errors.os_error)."""
    import shutil

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    target = project / made
    shutil.rmtree(target, ignore_errors=True)
    target.write_text("x\n", encoding="utf-8")
    result = run_cli("-C", str(project), *args)
    assert result.returncode == 1 and said in result.stderr and str(project) not in result.stderr, result.stderr
    assert "disk space" not in result.stderr and "free some space" not in result.stderr


def test_a_build_whose_staging_cannot_be_cleared_after_the_swap_is_done_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The build clears its staging last (``recover``). Failing there (a full disk, a file another user owns) after the
    new pages and site were swapped in said 'the previous pages and site are unchanged', which was false: the build is
    done, with a warning, and the next one clears the leftovers (red15's fault sweep)."""
    import errno

    from generator import build as building
    from generator.project import Project

    from .conftest import make_project

    root = make_project(tmp_path / "p")
    real_build, real_recover, swapped = building._build, building.recover, []

    def built(*args: Any, **kwargs: Any) -> Path:
        site = real_build(*args, **kwargs)
        swapped.append(True)
        return site

    def recovering(work: Path) -> list[str]:
        if swapped:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_recover(work)

    monkeypatch.setattr(building, "_build", built)
    monkeypatch.setattr(building, "recover", recovering)
    with caplog.at_level("WARNING", logger="checklist_site"):
        site = building.build(Project.at(root))
    assert (site / "index.html").is_file()
    assert "the new site is in place, but its staging could not be cleared (No space left on device)" in caplog.text
    monkeypatch.setattr(building, "recover", real_recover)
    assert building.build(Project.at(root)) == site  # the next build clears it


@pytest.mark.parametrize("where", ["page", "elsewhere"])
def test_a_full_disk_said_at_a_write_that_names_no_file_is_said_with_the_file_or_the_work_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """red18, a build on a full tmpfs: 'error: No space left on device', naming nothing. Python's write and close of a
    file say ENOSPC without its name (the open succeeded): the generated page being staged is named, and where the
    error names no file elsewhere in the build, the work folder all of a build is written in. The previous site stays."""
    import errno
    import re

    from generator.publish import write

    from .conftest import FIXTURES, make_project

    root = make_project(tmp_path / "p", data=FIXTURES / "mini")
    assert run_cli("-C", str(root), "build").returncode == 0
    before = (root / "site" / "index.html").read_bytes()

    def full(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")  # as a write or a close says it: no file name

    if where == "page":
        real = Path.write_bytes

        def write_bytes(self: Path, data: bytes) -> int:
            if self.suffix == ".md" and "docs.new" in self.parts:
                full()
            return real(self, data)

        monkeypatch.setattr(Path, "write_bytes", write_bytes)
    else:
        monkeypatch.setattr(write, "_write_manifest", full)
    data = root / "data" / "mini.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("title: Security", "title: Security 2", 1), encoding="utf-8")
    result = run_cli("-C", str(root), "build")
    assert result.returncode == 1, result.stderr
    named = r"\(\.checklist-site/docs\.new/.*\.md\)" if where == "page" else r"\(\.checklist-site\)"
    assert re.search(r"error: No space left on device " + named, result.stderr), result.stderr
    assert "hint: free some disk space; the previous pages and site are unchanged" in result.stderr
    assert (root / "site" / "index.html").read_bytes() == before


def test_build_offline_without_the_offline_plugin_is_said_at_the_plugins_of_mkdocs_yml(tmp_path: Path) -> None:
    """`build --offline` under a mkdocs.yml whose plugins leave out Material's offline plugin was an error at no line,
    exit 1 (err6's leftover): a usage error at the plugins: line, exit 2, whose hint, followed, builds."""
    from .conftest import make_project

    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugins = text[text.index("plugins:") : text.index("\nmarkdown_extensions:")]
    config.write_text(text.replace(plugins, "plugins:\n  - search\n"), encoding="utf-8")
    line = config.read_text(encoding="utf-8").splitlines().index("plugins:") + 1
    ran = run_cli("-C", str(root), "build", "--offline")
    assert ran.returncode == 2, ran.stderr
    assert f"mkdocs.yml:{line}:1: error: --offline needs Material's offline plugin" in ran.stderr, ran.stderr
    assert "add '- offline: {enabled: false}' under plugins: in mkdocs.yml" in ran.stderr
    assert not (root / "site").exists()
    config.write_text(config.read_text(encoding="utf-8").replace("  - search\n", "  - search\n  - offline: {enabled: false}\n"), encoding="utf-8")
    assert run_cli("-C", str(root), "build", "--offline").returncode == 0


def _immutable(path: Path, on: bool) -> bool:
    """Set or clear ``path``'s immutable attribute (chattr +i / -i); whether it could."""
    import shutil
    import subprocess

    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    return subprocess.run([chattr, "+i" if on else "-i", str(path)], capture_output=True).returncode == 0


def test_an_immutable_file_or_folder_is_named_and_the_old_state_kept(tmp_path: Path) -> None:
    """red18's leftover 2: run as root (a container, CI), chmod stops nothing; an immutable attribute (chattr +i) does,
    as a read-only mount does. Build with site/ or docs/checklists/ immutable, mark with the record folder immutable and
    import -o into an immutable data/: each stops with an error naming the file or folder and what to check (its
    attributes: the permissions show nothing), and leaves the pages, the site, the record and data/ as they were."""
    from .conftest import FIXTURES, make_project

    probe = tmp_path / "probe"
    probe.write_text("x\n", encoding="utf-8")
    if not _immutable(probe, True):
        pytest.skip("chattr +i needs root and a file system that keeps the attribute")
    _immutable(probe, False)
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    assert run_cli("-C", str(project), "build", "-q").returncode == 0
    (project / "data" / "mini.record").mkdir()
    source = tmp_path / "list.md"
    source.write_text("# Pantry\n\n- [ ] Buy flour\n- [ ] Buy milk\n", encoding="utf-8")

    def state() -> dict[str, bytes]:
        files = [p for top in ("site", "docs", "data") for p in sorted((project / top).rglob("*")) if p.is_file()]
        return {p.relative_to(project).as_posix(): p.read_bytes() for p in files}

    cases = [
        ("site", ("build",)),
        ("docs/checklists", ("build",)),
        ("data/mini.record", ("mark", "dash-errors", "--done", "--by", "Ann")),
        ("data", ("import", str(source), "-o", str(project / "data" / "pantry.yaml"))),
    ]
    for n, (target, args) in enumerate(cases):
        data = project / "data" / "mini.yaml"
        data.write_text(data.read_text(encoding="utf-8").replace("title: Mini Launch", f"title: Mini Launch {n}", 1), encoding="utf-8")
        before = state()
        assert _immutable(project / target, True)
        try:
            result = run_cli("-C", str(project), *args)
        finally:
            _immutable(project / target, False)
        assert result.returncode == 1 and "Traceback" not in result.stderr, (target, result.stderr)
        named = target if target != "data" else "data/pantry.yaml"  # relative to the project, as every message names a file
        assert "Operation not permitted" in result.stderr and named in result.stderr, (target, result.stderr)
        assert str(project) not in result.stderr, (target, result.stderr)
        assert "attributes (lsattr -d" in result.stderr, (target, result.stderr)
        assert state() == before, target


@pytest.mark.parametrize("where", ["before", "after", "cwd"])
def test_a_file_systems_error_names_the_file_relative_to_the_project_as_every_message_does(tmp_path: Path, where: str) -> None:
    """red19's leftover 2: an error of the file system named the absolute path the tool used ('cannot make the folder
    /home/me/site/data/mini.record: a file of that name is there', 'Operation not permitted (/home/me/site/site)'),
    where every other message names a file relative to the project ('data/mini.yaml:3:5'). One function names a path
    for a message (errors.shown_path): relative to the project given by -C (before or after the command's name) or the
    working folder, where the path is inside it."""
    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project / "data" / "mini.record").write_text("not a folder\n", encoding="utf-8")
    mark = ("mark", "dash-errors", "--done", "--by", "Ann")
    args = {"before": ("-C", str(project), *mark), "after": (*mark, "-C", str(project)), "cwd": mark}[where]
    result = run_cli(*args, cwd=project if where == "cwd" else None)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "error: cannot make the folder data/mini.record: a file of that name is there" in result.stderr, result.stderr
    assert str(tmp_path) not in result.stderr, result.stderr
