"""Hostile input read from outside: numbers written to break a parser, stand-in characters of the importer in the text,
nesting past Python's stack, characters YAML refuses. Each is refused with a located error or read as text, never an
internal error. In-process and small."""

from __future__ import annotations

import datetime
import os
import re
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.errors import Loc, SiteError
from generator.exchange.importing import run_import
from generator.exchange.jsonloc import load_json
from generator.exchange.marks import CODE_SPAN, Markers, held_aside
from generator.format import oncall
from generator.format.load import load_text
from generator.format.types import whole_number

from .conftest import FIXTURES, make_project, run_cli

BIG = "9" * 5000  # Python reads no int of over 4,300 digits: int() raises ValueError


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise TimeoutError(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# Files to import, each holding what made the importer fail with an internal error (or run for minutes).
IMPORTS = {
    "csv-indent-superscript.csv": "text,indent\nDo a,1\nDo b,\u00b2\n",
    "csv-indent-huge.csv": f"text,indent\nDo a,{BIG}\n",
    "adoc-cols-huge.adoc": f'= T\n\n[cols="{BIG}"]\n|===\n|a |b\n|===\n\n* [ ] one\n',
    "adoc-cols-many.adoc": '= T\n\n[cols="99999999"]\n|===\n|a |b\n|===\n\n* [ ] one\n',
    "rst-header-rows.rst": f"T\n=\n\n.. list-table:: T\n   :header-rows: {BIG}\n\n   * - [ ] a\n     - b\n\n- [ ] one\n",
    "notebook-deep.ipynb": '{"cells":' + "[" * 100_000 + "]" * 100_000 + "}",
    "notebook-sources.ipynb": '{"cells":[{"cell_type":"markdown","source":[1,null,"- [ ] one"]}], "nbformat": ' + BIG + "}",
    "toml-deep.md": "+++\na = " + "[" * 1500 + "]" * 1500 + "\n+++\n- [ ] one\n",
    "toml-huge.md": f"+++\na = {BIG}\n+++\n- [ ] one\n",
    "stand-in.md": "- [ ] Rotate the keys \ue0005\ue001 now\n- [ ] **[High]** Run `make` \ue0000\ue001\n",
}


@pytest.mark.parametrize("name", list(IMPORTS))
def test_a_hostile_file_to_import_is_read_or_refused_never_an_internal_error(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_text(IMPORTS[name], encoding="utf-8")
    started = time.monotonic()
    with _within(20):
        try:
            written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 1, 12))
        except SiteError as exc:  # a located refusal is right too
            assert str(exc) or getattr(exc, "issues", None)
        else:
            assert written.files
    assert time.monotonic() - started < 10


def test_the_importer_keeps_a_text_holding_its_stand_in_characters_as_written(tmp_path: Path) -> None:
    source = tmp_path / "keys.md"
    source.write_text(IMPORTS["stand-in.md"], encoding="utf-8")
    written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 1, 12))
    text = next(iter(written.files.values()))
    assert "Rotate the keys \ue0005\ue001 now" in text and "Run `make` \ue0000\ue001" in text


_HELD = st.text(st.sampled_from(["`", "a", " ", "\ue000", "\ue001", "\ue002", "0", "5", "*", "["]), max_size=30)


@settings(max_examples=300, deadline=None)
@given(_HELD)
def test_code_held_aside_comes_back_as_written_whatever_the_text_holds(text: str) -> None:
    held, back = held_aside(text, CODE_SPAN)
    assert back(held) == text
    assert [m.group(0) for m in CODE_SPAN.finditer(back(held))] == [m.group(0) for m in CODE_SPAN.finditer(text)]
    words, _ = Markers.default().levels(text)  # an IndexError before: '\ue0005\ue001' read back as a stand-in
    for span in CODE_SPAN.finditer(text):
        assert span.group(0) in words


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12) | st.sampled_from(["\u00b2", "\u0663", BIG, "0", "007", "99", "100", " 5", "-1", "1e3"]))
def test_a_whole_number_is_ascii_digits_within_its_bound_and_nothing_else(text: str) -> None:
    number = whole_number(text, 99)
    assert (number is not None) == bool(re.fullmatch(r"[0-9]{1,2}", text))
    assert number is None or number == int(text)


@pytest.mark.parametrize("epoch", ["\u00b2", BIG, "99999999999999", "253402300799", "221876928000", "soon"])
def test_a_source_date_epoch_that_is_no_time_is_warned_of_and_today_used(monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert oncall.today() == datetime.datetime.now(datetime.timezone.utc).date()
    [warning] = oncall.epoch_warnings()
    assert str(warning.loc) == "SOURCE_DATE_EPOCH" and "not a time" in warning.message
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1765000000")
    assert oncall.today() == datetime.date(2025, 12, 6) and not oncall.epoch_warnings()


def test_an_alarm_file_with_a_number_of_5000_digits_is_read() -> None:
    node, issues = load_json('{"MetricAlarms": [{"AlarmName": "x", "Period": ' + BIG + "}]}", "alarms.json")
    assert node is not None and not issues


@pytest.mark.parametrize(
    ("text", "where", "named"),
    [
        ("id: x\ntitle: a\x00b\n", "2:9", "U+0000 (NUL)"),
        ("id: x\r\ntitle: \"a\x1b[31m\"\r\n", "2:10", "U+001B (ESC"),
        ("id: x\rowner: é😀\x07\r", "2:10", "U+0007 (BEL)"),  # libyaml counts UTF-8 bytes; a line and column count characters
        ("\ufeffid: x\nnotes: |\n  ok\n  \x7f\n", "4:3", "U+007F"),
    ],
)
def test_a_character_yaml_refuses_is_named_at_its_line_and_column(text: str, where: str, named: str) -> None:
    node, [issue] = load_text(text, "data/x.yaml")
    assert node is None
    assert str(issue.loc) == f"data/x.yaml:{where}" and named in issue.message and "\n" not in issue.message


def test_no_module_reads_a_number_by_str_isdigit() -> None:
    """``x.isdigit()`` before ``int(x)`` lets '²' through (int refuses it) and 5,000 digits (int refuses them too):
    a count read from text goes through ``whole_number``."""
    found = [
        f"{path}:{number}"
        for path in sorted(Path("generator").rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.is(?:digit|numeric)\(\)", line) and "int(" in line
    ]
    assert not found, found


@pytest.mark.parametrize("nested", ["p", "a/b/p"])
def test_an_init_that_fails_leaves_no_folder_it_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nested: str) -> None:
    """A full disk stopped `init`, and the new project folder stayed, holding '.checklist-site/lock' alone."""

    def full(_src: object, dst: object) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "link", full)
    ran = run_cli("init", str(tmp_path / nested), "-q")
    assert ran.returncode == 1 and "No space left on device" in ran.stderr and "Traceback" not in ran.stderr
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert run_cli("init", str(tmp_path / "mine"), "-q").returncode == 1
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [".checklist-site", "notes.txt"]  # a folder it did not make stays


@pytest.mark.parametrize("planted", ["mini.record", "mini.record/v2"])
def test_a_record_folder_linked_out_of_data_is_refused_at_the_link(tmp_path: Path, planted: str) -> None:
    """git keeps a symbolic link as it is: data/mini.record (or a run's folder in it) planted as a link made `mark` write
    its entry into the folder it named, anywhere on the disk, and clear the temporary files of stopped writers there."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".x.yaml.1-0000abcd.tmp").write_text("theirs\n", encoding="utf-8")
    link = project / "data" / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere, target_is_directory=True)
    ran = run_cli("-C", str(project), "mark", "jwt-validation", "--done", "--by", "Priya")
    assert ran.returncode == 1 and f"data/{planted}: error: the record folder is a symbolic link to {elsewhere}" in ran.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == [".x.yaml.1-0000abcd.tmp"]
    link.unlink()
    inside = project / "data" / "archive"
    inside.mkdir()
    link.symlink_to(inside, target_is_directory=True)  # a link to a folder of data/ is the project's own
    assert run_cli("-C", str(project), "mark", "jwt-validation", "--done", "--by", "Priya").returncode == 0


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_date_at_the_calendars_edge_is_a_located_error_in_every_place_it_is_read(tmp_path: Path, day: str) -> None:
    """Python's dates end at 0001-01-01 and 9999-12-31: 'last_reviewed: 9999-12-31' (plus its review period) was an
    internal error in every command, and so were 'mark --date 0001-01-01' and an entry timed past the end in a zone."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    runbooks = project / "data" / "runbooks.yaml"
    reviewed = f"    owner: On-call\n    last_reviewed: {day}\n    review_every: 3 months\n"
    runbooks.write_text(runbooks.read_text(encoding="utf-8").replace("    owner: On-call\n", reviewed, 1), encoding="utf-8")
    ran = run_cli("-C", str(project), "status")
    assert ran.returncode == 1 and f"to be a date from 1900-01-01 to 9000-12-31, but got '{day}'" in ran.stderr and "internal error" not in ran.stderr
    assert "data/runbooks.yaml:" in ran.stderr
    runbooks.write_text(runbooks.read_text(encoding="utf-8").replace(day, "2026-01-12").replace("3 months", "9999 years"), encoding="utf-8")
    assert run_cli("-C", str(project), "status").returncode == 0  # due after 9999-12-31: never
    for args in (["mark", "jwt-validation", "--done", "--by", "P", "--date", day], ["assign", "jwt-validation", "--to", "A", "--due", day, "--by", "M"]):
        ran = run_cli("-C", str(project), *args)
        assert ran.returncode == 2 and "is not a date from 1900-01-01 to 9000-12-31" in ran.stderr, ran.stderr
    record = project / "data" / "mini.record"
    record.mkdir()
    at = f"{day}T23:00:00-12:00" if day.startswith("9") else f"{day}T01:00:00+14:00"  # past the end in UTC
    entry = f"checklist: mini\nby: P\nat: {at}\nchanges:\n  - {{item: jwt-validation, state: done}}\n"
    (record / "20260112T100000Z-p-00000000.yaml").write_text(entry, encoding="utf-8")
    ran = run_cli("-C", str(project), "status")
    assert ran.returncode == 1 and "data/mini.record/20260112T100000Z-p-00000000.yaml:3:" in ran.stderr and "internal error" not in ran.stderr, ran.stderr


ENCODED = {  # a character no text may hold, written as the file's own escape, which its dialect decodes
    "rlo.html": "<h1>Launch &#x202E;txt.exe</h1><ul><li><input type=checkbox> Rotate &#8238;the keys&#13;now</li></ul>",
    "rlo.opml": '<opml><head><title>Launch &#x202E;x</title></head><body>\n<outline text="Prep">\n'
    '<outline text="Rotate &#x202E;keys"/>\n</outline>\n</body></opml>',
    "rlo.ipynb": '{"cells": [{"cell_type": "markdown", "source": ["# Launch \\u202ex\\n", "- [ ] Rotate \\u2066keys\\u0007\\n"]}], "nbformat": 4}',
    "nonchar.md": "# Launch \ufffe\n\n- [ ] Rotate the keys \uffff now\n  then \ufffe check\n\n```\ncode \ufffe\n```\n",
}


@pytest.mark.parametrize("name", list(ENCODED))
def test_a_character_no_text_may_hold_is_left_out_of_an_import_however_the_file_writes_it(tmp_path: Path, name: str) -> None:
    """The importer replaced such characters in the file's text, but HTML, OPML and a notebook's JSON decode their own
    escapes after that: the YAML it wrote held a right-to-left override, and was refused as 'a bug in the importer'
    (U+FFFE: a YAML file cannot hold it)."""
    source = tmp_path / name
    source.write_text(ENCODED[name], encoding="utf-8")
    written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 1, 12))
    text = next(iter(written.files.values()))
    assert "Rotate" in text and not re.search("[\u202e\u2066\ufffe\uffff\x07\r]", text)


# A character no text may hold, and the ways a file to import can write it: as it is; garbled through Windows-1252 (an
# earlier save: 'â€®', which the importer repairs); as a reference in an image's alt text (which it reads into the item);
# as a notebook's JSON escape (a lone surrogate '\\ud800' too); as UTF-8 bytes in a file that is not UTF-8 (read as
# Windows-1252, then repaired).
UNHELD = ["\u202e", "\u2066", "\u200b", "\u2028", "\x1b", "\x85", "\x9b", "\ufeff", "\ufffe", "\u3164", "\ud800"]
WAYS = ["raw", "garbled", "alt", "notebook", "bytes"]


def _written(ch: str, way: str) -> str:
    if way == "garbled":
        return "".join(chr(b) if 0x80 <= b <= 0x9F and bytes([b]).decode("cp1252", "replace") == "\ufffd" else bytes([b]).decode("cp1252") for b in ch.encode())
    if way == "alt":
        return f'<img alt="a&#x{ord(ch):x};b" src="https://x.test/i.png">'
    return ch


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(UNHELD), st.sampled_from(WAYS)), min_size=1, max_size=3))
def test_no_text_import_writes_holds_a_character_no_text_may_hold_whatever_read_or_repaired_it(
    tmp_path_factory: pytest.TempPathFactory, pieces: list[tuple[str, str]]
) -> None:
    """The importer cleared such characters from the file's text, then repaired mojibake ('â€®' is U+202E again) and read
    an image's alt text with html.unescape ('&#x202e;'), and a notebook's '\\ud800' was never cleared: the YAML it wrote
    held them and was refused as 'a bug in the importer' (a lone surrogate: 'found invalid Unicode character escape').
    Now every text it writes goes through one gate (``types.cleared``, in the YAML writer), and the repair is cleared
    again where the file's lines say so."""
    from generator.format.types import UNHELD as RULE

    ways = {way for _, way in pieces}
    notebook = "notebook" in ways
    surrogate = any(ch == "\ud800" for ch, way in pieces if way not in ("notebook", "alt"))
    if surrogate:
        return  # no UTF-8 file holds it: only JSON's escape or a reference writes it
    said = " ".join(_written(ch, way) for ch, way in pieces if way != "notebook")
    lines = [f"# Launch {said}", "", f"- [ ] Rotate {said} keys", "- [ ] Check the backups"]
    folder = tmp_path_factory.mktemp("unheld")
    if notebook:
        escapes = "".join(f"\\u{ord(ch):04x}" for ch, way in pieces if way == "notebook")
        source = folder / "list.ipynb"
        cells = [line.replace("Rotate", f"Rotate {escapes}") + "\\n" for line in lines]
        source.write_text('{"cells": [{"cell_type": "markdown", "source": ["' + '", "'.join(c.replace('"', '\\"') for c in cells) + '"]}], "nbformat": 4}')
    else:
        source = folder / "list.md"
        text = "\n".join(lines) + "\n"
        source.write_bytes(text.encode("utf-8") + ("Caf\xe9\n".encode("cp1252") if "bytes" in ways else b""))  # a byte not UTF-8: read as Windows-1252
    written = run_import(source, None, folder / "docs", today=datetime.date(2026, 1, 12))  # refused as the importer's bug before
    text = next(iter(written.files.values()))
    assert "Rotate" in text and not RULE.search(text.replace("\n", " ").replace("\t", " ")), text


CONFIG_VALUES = {"date": ("2026-02-30", "day is out of range"), "number": (BIG, "4300 digits")}


@pytest.mark.parametrize("kind", list(CONFIG_VALUES))
def test_a_value_yaml_reads_as_a_number_or_date_python_cannot_make_is_located(tmp_path: Path, kind: str) -> None:
    """MkDocs' loader (and ruamel's, which `links --fix` edits rule files with) makes the values: 'launch: 2026-02-30' or
    a number of 5,000 digits was a ValueError, an internal error of build, serve, pdf and links --fix."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.exchange.annotate import fix_file
    from generator.mkdocs_yml import read
    from generator.project import Project

    value, reason = CONFIG_VALUES[kind]
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").count("\n")
    config.write_text(config.read_text(encoding="utf-8") + f"extra:\n  launch: {value}\n", encoding="utf-8")
    assert read(Project.at(project)) is None  # Zensical's reading leaves it to MkDocs'
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    assert refused.value.loc == Loc("mkdocs.yml", lines + 2, 11) and reason in refused.value.message and value[:40] in refused.value.message
    rules = FIXTURES / "alarms" / "prometheus-rules-unlinked.yml"
    target = tmp_path / "rules.yml"
    target.write_text(rules.read_text(encoding="utf-8") + f"x: {value}\n", encoding="utf-8")
    fixed = fix_file(target, "rules.yml", {})
    [issue] = fixed.issues
    assert issue.loc.line == rules.read_text(encoding="utf-8").count("\n") + 1 and reason in issue.message
    assert target.read_text(encoding="utf-8").endswith(f"x: {value}\n")


def test_a_mkdocs_yml_nested_past_pythons_stack_is_a_located_usage_error(tmp_path: Path) -> None:
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  deep: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    assert "nested deeper" in refused.value.message and str(refused.value.loc) == "mkdocs.yml:1:1"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ((b"site_name: ", b"site_name: La\x00"), "U+0000 (NUL)"),
        ((b"site_name: ", b"site_name: La\xff"), "not valid UTF-8 (byte 0xff)"),
        ((b"\ntheme:\n  name:", b"\ntheme:\n\tname:"), "a tab character"),
    ],
    ids=["nul", "not-utf8", "tab"],
)
def test_a_mkdocs_yml_that_is_not_yaml_text_is_named_at_its_line_and_column(tmp_path: Path, change: tuple[bytes, bytes], said: str) -> None:
    """MkDocs says 'unacceptable character #x0000 ... position 199', its location the file only."""
    from generator.build import mkdocs_config
    from generator.errors import UsageError
    from generator.project import Project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    raw = config.read_bytes()
    assert change[0] in raw
    config.write_bytes(raw.replace(change[0], change[1], 1))
    with pytest.raises(UsageError) as refused:
        mkdocs_config(Project.at(project))
    assert said in refused.value.message and refused.value.loc is not None and refused.value.loc.line > 1 and refused.value.loc.column > 0


@pytest.mark.parametrize(
    "change",
    [
        {"decision": "no-go", "blockers": [{"x": 1}]},
        {"decision": "no-go", "blockers": [["nested"]]},
        {"item": "jwt-validation", "state": {"done": True}},
        {"item": "jwt-validation", "state": "done", "note": {"a": "b"}},
        {"run": {"start": 1}},
    ],
    ids=["blocker-object", "blocker-list", "state-object", "note-object", "run-object"],
)
def test_a_recording_whose_value_is_of_another_json_kind_is_refused_not_written_as_its_python_text(change: dict) -> None:
    """The meeting read every JSON value but a list as a text: blockers '[{"x": 1}, 5, null]' were recorded as the texts
    "{'x': 1}", "5" and "None". A JSON value is now the node of its kind, and the declaration refuses what a field does
    not take."""
    from generator.errors import BuildError
    from generator.progress.record import read_changes

    with pytest.raises(BuildError) as refused:
        read_changes([change], "the recording")
    assert "nothing recorded: expected" in refused.value.message and "but got a" in refused.value.message
    [kept] = read_changes([{"decision": "no-go", "blockers": ["Payment load test not run", 5]}], "the recording")
    assert kept.blockers == ("Payment load test not run", "5")  # a number is text there, as in a YAML entry


def test_a_data_file_linked_out_of_the_project_is_not_read(tmp_path: Path) -> None:
    """git keeps a symbolic link as it is: a data file or a record entry planted as a link to /etc/shadow (or
    ~/.aws/credentials) had `check` print its lines as unknown keys, in a CI log for anyone to read."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:hunter2-secret:20593:::::\npostgres:s3cr3t-hash:1\n", encoding="utf-8")
    (project / "data" / "notes.yaml").symlink_to(secret)
    record = project / "data" / "mini.record"
    record.mkdir()
    (record / "20260112T100000Z-p-00000000.yaml").symlink_to(secret)
    shared = project / "shared.yaml"  # a link to a file of the project is the project's own: read
    shared.write_text("checklist: mini\nbogus: key-of-the-project\n", encoding="utf-8")
    (project / "data" / "shared.yaml").symlink_to(shared)
    ran = run_cli("-C", str(project), "check")
    said = ran.stdout + ran.stderr
    assert "hunter2" not in said and "s3cr3t" not in said, said
    assert f"data/notes.yaml: warning: skipped: a symbolic link to {secret}, outside the project: not read" in said
    assert "data/mini.record/20260112T100000Z-p-00000000.yaml: warning: skipped: a symbolic link" in said
    assert "bogus" in said  # the project's own file was read


def test_a_page_or_file_of_docs_linked_out_of_the_project_is_refused_before_anything_is_published(tmp_path: Path) -> None:
    """MkDocs follows symbolic links: docs/creds.txt (or overrides/creds.txt) planted as a link to ~/.aws/credentials (git
    keeps a link as it is) was published in site/. The build refuses it at the link; a link within the project stays
    the project's own."""
    from generator.publish.write import stage_docs

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key = hunter2\n", encoding="utf-8")
    (project / "docs" / "own.md").symlink_to(project / "mkdocs.yml")  # within the project: fine
    (project / "docs" / "assets").mkdir(exist_ok=True)
    (project / "docs" / "assets" / "creds.txt").symlink_to(secret)
    with pytest.raises(SiteError) as refused:
        stage_docs(project / "docs", tmp_path / "staged")
    assert str(refused.value.loc) == "docs/assets/creds.txt" and f"a symbolic link to {secret}, outside the project" in refused.value.message
    assert not (tmp_path / "staged").exists()
    (project / "docs" / "assets" / "creds.txt").unlink()
    assert (stage_docs(project / "docs", tmp_path / "staged") / "own.md").is_file()
    (project / "overrides" / "creds.txt").symlink_to(secret)  # the theme's custom folder: MkDocs copies its files too
    ran = run_cli("-C", str(project), "build", "-q")
    assert ran.returncode == 1 and f"overrides/creds.txt: error: a symbolic link to {secret}, outside the project" in ran.stderr
    assert not (project / "site").exists()


def test_a_markdown_block_of_links_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Python-Markdown reads a paragraph's links in time growing with the square of their number: a file of five
    details of 4,000 characters of '[a](b)' took 8 s of processor time to check (its link check reads them so) and as
    long again to build, so a data file of a few kilobytes held a build for minutes. A Markdown block holds at most
    MAX_LINKS, counted in one pass before anything reads it; import moves or unlinks prose past it, as it does prose past
    the length limit."""
    from generator.format.types import MAX_LINKS
    from generator.format.validate import load_data_file

    project = make_project(tmp_path / "p", FIXTURES / "mini")
    path = project / "data" / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    for count, refused in ((MAX_LINKS, False), (640, True)):
        path.write_text(text.replace("Deploy during the **maintenance window**.", "[a](b)" * count), encoding="utf-8")
        with _within(3):
            _, issues = load_data_file(path, "data/mini.yaml")
        said = [i.message for i in issues if "links, over the limit" in i.message]
        assert said == ([f"'details' of item 'deploy-order' holds {count} links, over the limit of {MAX_LINKS}"] if refused else []), issues
    links = " ".join("[l](https://x.test)" for _ in range(150))
    source = tmp_path / "many.md"
    source.write_text(f"# T\n\n- [ ] One\n\n  {links}\n\nProse {links}\n\n## Metrics\n\n- [ ] m\n\n  {links}\n", encoding="utf-8")
    written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 1, 12))  # refused as the importer's bug
    assert "One" in next(iter(written.files.values()))


# Characters a page does not show as what they are (nothing, or a blank that is no space), which the copy button and a
# selection copy all the same: a command run is then not the command read ('--since 15m\u00ad' fails, a no-break space
# joins two words into one, a tag character carries hidden text).
HIDDEN = ["\u00ad", "\u200e", "\u200f", "\u061c", "\u034f", "\u2800", "\U000e0072", "\u180b", "\u00a0", "\u202f", "\u3000", "\u2009"]
_PLACES = {
    "a command": "rollback:\n  id: r\n  title: R\n  when: W\n  steps:\n    - {{id: a, title: A, text: T, command: \"{code}\"}}\n",
    "a code span": "    groups:\n      - id: g\n        title: G\n        items:\n          - {{id: i, text: \"Run `{code}` now\"}}\n",
    "a code block": "    groups:\n      - id: g\n        title: G\n        items:\n          - id: i\n            text: Run it\n            details: |\n"
    "              Then:\n\n              ```sh\n              {code}\n              ```\n",
}
_HEAD = "id: c\ntitle: C\nsections:\n  - id: s\n    title: S\n    priority: high\n"
_GROUP = "    groups:\n      - id: g\n        title: G\n        items:\n          - {id: i, text: T}\n"


def _checklist(tmp: Path, place: str, code: str) -> tuple[object, list]:
    from generator.format.validate import load_data_file

    body = _PLACES[place].format(code=code)
    text = _HEAD + (_GROUP + body if place == "a command" else body)
    path = tmp / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return load_data_file(path, "data/c.yaml")


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(list(_PLACES)),
    st.lists(st.sampled_from(["ls", " ", "-l", "/tmp/x", "15m", "--since", "🚀\ufe0f", "\u0915\u094d\u200d\u0937", *HIDDEN]), min_size=1, max_size=6),
)
@example("a command", ["\u00ad"])
@example("a code span", ["\u00a0", "-l"])
@example("a code block", ["15m", "\U000e0072"])
@example("a code span", ["🚀\ufe0f", " ", "\u0915\u094d\u200d\u0937"])
def test_code_holds_only_what_the_page_shows_so_a_copy_of_it_is_the_command_read(
    tmp_path_factory: pytest.TempPathFactory, place: str, words: list[str]
) -> None:
    """A runbook's command, a code span of an item's text and a code block of its details held a soft hyphen, a direction
    mark, a tag character or a no-break space: the page showed 'aws logs tail x --since 15m', the copy button copied
    '15m\\u00ad' (a command that fails, or does another thing). Code holds only what the page shows (types.hidden_in_code),
    refused at its place, what is wrong named; the same code shown (an emoji's selector, a Devanagari joiner) is taken."""
    code = "ls " + "".join(words) + " -a"  # a blank at either end is no part of the text (YAML and Markdown strip it)
    loaded, issues = _checklist(tmp_path_factory.mktemp("code"), place, code)
    hidden = [w for w in words if w in HIDDEN]
    if not hidden:
        assert loaded is not None and not issues, issues
        return
    assert loaded is None and len(issues) == 1, issues
    [issue] = issues
    assert issue.loc.file == "data/c.yaml" and issue.loc.line > 0 and "in its code" in issue.message
    assert f"U+{ord(hidden[0]):04X}" in issue.message and "remove it" in (issue.hint or "")


def test_an_import_writes_code_without_what_the_page_would_not_show_and_keeps_it_in_prose(tmp_path: Path) -> None:
    """Import is the other writer of data: a Markdown file's code holding such characters gave a YAML file the check
    refuses (said 'it passes check'). One gate (drafts._node, types.code_shown) leaves them out of code; a
    right-to-left mark of the prose stays, where right-to-left text needs it; the report names each code changed, the
    character and its line and column."""
    from generator.format.types import InlineMarkdown, _code_of, hidden_in_code

    source = tmp_path / "list.md"
    source.write_text(
        "# Deploy\n\n- [ ] Run `kubectl\u00a0rollout restart deploy/api\u00ad` first\n"
        "- [ ] Check `curl -s https://x.test/health\u200f` and \u200fnote\n\n  ```sh\n  echo ok\U000e0072\n  ```\n",
        encoding="utf-8",
    )
    written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 1, 12), verbose=True)
    text = next(iter(written.files.values()))
    # The report says what was left out and where, as it says its other changes (red17: it said nothing).
    said = "\n".join(written.summary + written.warnings)
    assert "character in code that the page does not show" in said, said
    for place, hidden in (("3:19", "U+00A0"), ("4:43", "U+200F"), ("7:10", "U+E0072")):
        assert re.search(rf"list\.md:{place}\b.*{re.escape(hidden)}", said), (place, said)
    assert "`kubectl rollout restart deploy/api`" in text and "`curl -s https://x.test/health`" in text and "echo ok\n" in text
    assert "\u200fnote" in text and not re.search("[\u00a0\u00ad\U000e0072]", text)
    assert not [c for line in text.splitlines() for c in _code_of(line, InlineMarkdown) if hidden_in_code(c)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a", " ", "`", "~", "-", "\n", "    ", "\u200f", *HIDDEN]), max_size=24).map("".join))
def test_the_code_import_writes_holds_only_what_the_page_shows_however_markdown_reads_it(text: str) -> None:
    """Import's gate (types.code_shown) leaves out of a text's code what the check refuses there, read as one line or as
    a block: what it writes passes the check it says it passes."""
    from generator.format.types import InlineMarkdown, _code_of, code_shown, hidden_in_code

    written = code_shown(text, command=False)
    kinds = (None,) if "\n" in text else (InlineMarkdown, None)  # a one-line text is read inline; a block as a block
    assert not [c for kind in kinds for c in _code_of(written, kind) if hidden_in_code(c)], written
    assert not hidden_in_code(code_shown(text, command=True))


READERS = [".md", ".org", ".adoc", ".rst", ".txt", ".html", ".wiki", ".textile", ".pod", ".taskpaper", ".tex", ".mdx", ".opml"]
RUNS = [" ", "[", "]", "*", "`", "|", "<", "_", "~", "=", ":", "{", "a.", "=a ", "http:", "-", "#", "'", "(", "\\", "a", "<a", "<a x", "<!--x>", "<a/"]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(READERS), st.sampled_from(RUNS))
@example(".adoc", "<")
@example(".adoc", "a.")
@example(".org", "=a ")
@example(".org", " ")
@example(".org", "[")
@example(".rst", ":")
@example(".html", "<")
@example(".wiki", "[")
@example(".textile", "{")
@example(".taskpaper", " ")
@example(".html", "<a x")
@example(".html", "<!--x>")
@example(".opml", "<a")
def test_each_reader_reads_a_long_run_of_one_mark_in_time_linear_in_its_length(ext: str, run: str) -> None:
    """A dialect's pattern tried at every character of a run, each try read on to the line's end, took time growing with
    the square of the line: 16,000 characters took 1 to 9 s in the AsciiDoc ('<', 'a.'), org (blanks, '[', '=a '),
    reStructuredText (':'), HTML ('<': the text gathered joined again at each of the parser's parts), MediaWiki ('['),
    Jira ('{') and TaskPaper (blanks) readers; Python's HTMLParser (the HTML and OPML readers) read each '<' that nothing
    closes on to the text's end ('<a x', '<a', '<!--x>': opml.LinearParser). Measured in processor time, in-process: four times the line, at most
    about four times the time (the bound is generous; a square is sixteen)."""
    from generator.exchange.dialects import as_markdown

    def cpu(n: int) -> float:
        text = "- [ ] a\n- [ ] " + run * (n // len(run)) + "\n"
        start = time.process_time()
        as_markdown(text, "list" + ext)
        return time.process_time() - start

    cpu(20)  # the patterns compiled, the modules loaded
    small, big = cpu(2000), cpu(8000)
    assert big <= 6 * small + 0.15, (ext, run, small, big)


@pytest.mark.parametrize("key", ["alarm_name", "alerts"])
def test_an_alarms_name_holds_only_what_the_page_shows(tmp_path: Path, key: str) -> None:
    """An alarm's and an alert's names are shown as code, copied into a console or a rule file, and matched against the
    alarm definitions: 'realserv-prod-service\\u00ad-down' looked like the CloudWatch alarm's name and was not (the kind
    Code, whose text is code: types.hidden_in_code)."""
    from generator.format.validate import load_data_file

    name = '"realserv-prod-service\\u00ad-down"'
    value = name if key == "alarm_name" else f"[{name}]"
    path = tmp_path / "runbooks.yaml"
    path.write_text(
        f"checklist: c\nrunbooks:\n  - id: r\n    title: R\n    severity: critical\n    {key}: {value}\n    meaning: M\n    impact: I\n"
        "    diagnosis: [Look]\n    mitigation: [Fix]\n    escalation: [Call]\n",
        encoding="utf-8",
    )
    loaded, issues = load_data_file(path, "data/runbooks.yaml")
    assert loaded is None and any("U+00AD (soft hyphen) in its code" in i.message and i.loc.line == 6 for i in issues), issues


def _expressions(module: str) -> dict[str, tuple[re.Pattern[Any], bool]]:
    """Every regular expression of a reader's module: each it compiles at its top (by name), and each written in a call
    of ``re`` in its functions (by line; its flags evaluated where written as ``re.X``), so that a new one is swept too;
    with whether it is only ever matched at the text's start (a call of re.match or re.fullmatch; a name whose every
    use in the module is its .match or .fullmatch, never passed on)."""
    import ast
    import importlib
    import inspect

    tree = ast.parse(inspect.getsource(importlib.import_module(module)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    uses: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            above = parents.get(node)
            uses.setdefault(node.id, set()).add(above.attr if isinstance(above, ast.Attribute) else "passed")
    named = {name: value for name, value in vars(importlib.import_module(module)).items() if isinstance(value, re.Pattern)}
    found = {name: (value, bool(uses.get(name)) and uses[name] <= {"match", "fullmatch"}) for name, value in named.items()}
    calls = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2, "split": 3, "sub": 4, "subn": 4}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re" and node.func.attr in calls and node.args):
            continue
        pattern = node.args[0]
        if not (isinstance(pattern, ast.Constant) and isinstance(pattern.value, str | bytes)):
            continue  # built of parts: compiled at the module's top, found by name
        given_flags = [k.value for k in node.keywords if k.arg == "flags"] + node.args[calls[node.func.attr] :][:1]
        flags = eval(compile(ast.Expression(given_flags[0]), module, "eval"), {"re": re}) if given_flags else 0  # noqa: S307 - the module's own source
        compiled = re.compile(pattern.value, flags)
        if node.func.attr == "compile" and any(value is compiled for value in named.values()):
            continue  # a name of the module's top: swept by its name, as it is used
        found.setdefault(f"line {node.lineno}", (compiled, node.func.attr in ("match", "fullmatch")))
    return found


def _exchange_expressions() -> dict[str, tuple[re.Pattern[str], bool]]:
    """Every expression of every module of the exchange package (the readers and writers of other formats: what they
    read is anyone's), named 'module:NAME' ('module:line N' for a pattern written in a call of ``re``)."""
    import pkgutil

    import generator.exchange

    return {
        f"{module.name}:{name}": found
        for module in pkgutil.iter_modules(generator.exchange.__path__)
        for name, found in _expressions(f"generator.exchange.{module.name}").items()
    }


_EXCHANGE_EXPRESSIONS = _exchange_expressions()


def _marks_of(pattern: re.Pattern[Any]) -> list[Any]:
    """The runs a pattern may be tried at each character of: each mark it names, alone, before a letter and before a
    blank (as bytes for a pattern of bytes)."""
    text = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    marks = sorted({c for c in text if c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t"})
    runs = [" ", "\t", "a", *marks, *(m + "a" for m in marks), *(m + " " for m in marks)]
    return [r.encode("latin-1") for r in runs] if isinstance(pattern.pattern, bytes) else runs


@settings(max_examples=60, deadline=None)  # a draw of each run; every expression with every run: the sweep below
@given(st.sampled_from(sorted(_EXCHANGE_EXPRESSIONS)), st.data())
@example("dialects:_ANY_CODE_SPAN", "`")  # red17: the code span of percent_comments, tried at each backtick (and shadowing shortcodes')
@example("dialects:_RENDERER", "\t")  # red17: a leading blank run, tried at each of its blanks
@example("dialects:_IAL_END", " ")
@example("dialects:_LIQUID_TAG", "\t")
@example("dialects:_DELIMITER_ROW", " ")  # red17: blanks either side of an optional "|", a line of blanks under a table row
@example("dialects:_FORM_IN_MARKDOWN", " ")  # used with match: anchored, \A
@example("dialects:_LEAD_SENTENCE", ".")  # used with fullmatch: anchored, \A
@example("dialects:_SIGNIFIED", " ")  # a leading blank run, tried at each blank
@example(next(n for n, (p, _) in _EXCHANGE_EXPRESSIONS.items() if p.pattern.startswith("\\[([^\\]") and p.pattern.endswith("\\([^)]*\\)")), "[")
@example("dialects:_ZIM_LINK", "[")  # each '[[' read on to the line's end for its closing ']]'
@example(next(n for n, (p, _) in _EXCHANGE_EXPRESSIONS.items() if "</li>" in p.pattern and "(?=" not in p.pattern), "\t")  # '[ \t]*</li>' by re.sub
@example(next(n for n, (p, _) in _EXCHANGE_EXPRESSIONS.items() if p.pattern.startswith("^[^|\\[{")), "=")  # a wiki template's '=' before its '|'
@example("dialects:_TEXT_DONE", " ")  # red18: a blank run holding a tab or two blanks, tried at each blank and each split: cubic
@example("import_final:_SIGN_LABEL", " ")  # red18: blanks on both sides of a lazy label that may hold blanks: cubic
@example(next(n for n, (p, _) in _EXCHANGE_EXPRESSIONS.items() if n.startswith("csvrows:") and "<[^<>@" in str(p.pattern)), "\t")  # an owner's '<e-mail>'
@example("walk:BOXES_IN_CELL", " ")  # red18: blanks before a cell's next box, tried at each blank
@example("marks:_BADGE", " ")  # red18: blanks before a badge, tried at each blank
@example("source:_VERSION_HEADING", "+")  # red18: leading marks, then a first word of the same marks
@example("templated:_ACTION", "{")  # red18: each '{{' read on to the end for its '}}'
@example("walk:ROLE_WORD", "a")  # red18: German's '\\w*leiter' tried at each letter of a word
def test_every_expression_of_the_exchange_package_reads_a_run_of_its_marks_in_linear_time(name: str, data: Any) -> None:
    """red16 swept the dialects' readers through whole files of one mark run long; the expressions a reader tries only
    in some places (a heading, a table, a Liquid tag) were not reached. Each expression of every module of the exchange
    package (red18: dialects.py's only, before), found by reading the modules (their tops' names, and the literal
    patterns of their calls of ``re``), searched, matched and found all through a line of one of its own marks run long
    (matched only, where the module only ever matches it), takes time linear in the line (four times the line, at most
    about six times the time: a square is sixteen). red18's sweep of every expression with every run found nine more
    (the @examples above); test_every_expression_of_the_exchange_package_with_every_run below runs them all."""
    pattern, at_start = _EXCHANGE_EXPRESSIONS[name]
    run = data if isinstance(data, str) else data.draw(st.sampled_from(_marks_of(pattern)), label="run")

    def cpu(n: int) -> float:
        text = run * (n // len(run))
        start = time.process_time()
        if not at_start:  # one a function calls with re.match or re.fullmatch is tried at the start only
            pattern.search(text), sum(1 for _ in pattern.finditer(text))
        pattern.match(text), pattern.fullmatch(text)
        return time.process_time() - start

    cpu(20)
    small, big = cpu(2000), cpu(8000)
    assert big <= 6 * small + 0.05, (name, pattern.pattern, run, small, big)


def _slower_than_linear(pattern: re.Pattern[Any], at_start: bool, run: Any, sizes: tuple[int, int]) -> tuple[float, float] | None:
    """The processor time of searching, finding all and matching ``pattern`` through ``run`` repeated to each of the two
    sizes (the larger four times the smaller), where it grows faster than about six times; else None."""

    def cpu(n: int) -> float:
        text = run * (n // len(run))
        start = time.process_time()
        if not at_start:
            pattern.search(text), sum(1 for _ in pattern.finditer(text))
        pattern.match(text), pattern.fullmatch(text)
        return time.process_time() - start

    cpu(20)
    small, big = cpu(sizes[0]), cpu(sizes[1])
    return (small, big) if big > 6 * small + (0.004 if sizes[0] < 1000 else 0.05) else None


@pytest.mark.parametrize("run", ["(", "( ", "(a)", " "])
def test_the_words_in_parentheses_ending_a_heading_are_read_in_linear_time(run: str) -> None:
    """red18's sweep: a part's period ('Post-launch (first 30 days)') and a heading's level ('Back up (critical)') were
    read by '^(.*?)\\s*\\(([^)]*)\\)$', each '(' read on to the end: a heading of '(' run long took time growing with its
    square. walk.parenthesized_end reads it once (the same results: compared over every text of five marks up to 8)."""
    from generator.exchange.walk import parenthesized_end

    def cpu(n: int) -> float:
        start = time.process_time()
        parenthesized_end("Post-launch " + run * (n // len(run)) + ")")
        return time.process_time() - start

    cpu(20)
    small, big = cpu(4000), cpu(16000)
    assert big <= 6 * small + 0.02, (run, small, big)


def test_every_expression_of_the_exchange_package_with_every_run() -> None:
    """The property above, complete: every expression of the exchange package with every run of its marks (about 480
    expressions, 14,000 pairs; 0.6 s on this host, once a minute: it runs in every suite since December 8, when it found
    three expressions in a square's time or worse that the property's fixed draws had not reached, one a cube: a
    spreadsheet formula's leading spaces). Each is timed at 250 and 1,000 characters, and one that grows faster again at
    2,000 and 8,000 (a square at 1,000 characters already taking 0.3 s is not timed again)."""
    slow = []
    for name, (pattern, at_start) in sorted(_EXCHANGE_EXPRESSIONS.items()):
        for run in _marks_of(pattern):
            found = _slower_than_linear(pattern, at_start, run, (250, 1000))
            if found and (found[1] > 0.3 or _slower_than_linear(pattern, at_start, run, (2000, 8000))):
                slow.append((name, pattern.pattern, run, found))
    assert not slow, slow


@pytest.mark.parametrize("kind", ["fifo", "huge"])  # a link to /dev/zero is a device as the FIFO is (not run: reverted, it fills memory)
def test_a_mailmap_that_is_no_file_is_not_read(tmp_path: Path, kind: str) -> None:
    """The project's .mailmap was read as it came (check, build, the meeting): a FIFO waited for ever, a link to
    /dev/zero read on until memory ran out, a file of gigabytes was read whole. Read as every file from outside data/
    is (load.read_outside: a regular file only, within the size limit), each is a warning, the map empty."""
    from generator.format import mailmap

    path = tmp_path / ".mailmap"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        with path.open("wb") as f:
            f.truncate(6 * 1024 * 1024)  # sparse: no disk used
    with _within(10):
        people, issues = mailmap.of_project(tmp_path)
    assert people == mailmap.Mailmap() and len(issues) == 1 and issues[0].loc.file == ".mailmap", issues
    assert "not read" in issues[0].message and "remove it" in (issues[0].hint or "")
    assert ("a device, pipe or socket" if kind == "fifo" else "over the size limit") in issues[0].message, issues  # not waited on


@pytest.mark.parametrize("git", [False, True])
def test_a_mailmap_linked_out_of_the_project_is_not_read(tmp_path: Path, git: bool) -> None:
    """red17's leftover 4: a .mailmap that is a symbolic link to a file outside the project (git keeps links: a project
    fetched from others, the link naming ~/.aws/credentials) was read, its lines quoted in warnings ('not a mailmap
    line'). It is skipped with a warning, as a data file linked out of the project is; a link within the project (or
    the git work tree holding it, where git reads the map) is read."""
    from generator.format import mailmap

    outside, top = tmp_path / "outside", tmp_path / "repo"
    outside.mkdir()
    project = top / "site" if git else top
    project.mkdir(parents=True)
    if git:
        (top / ".git").mkdir()
    secret = outside / "credentials"
    secret.write_text("[default]\naws_secret_access_key = hunter2-secret\n", encoding="utf-8")
    (project / ".mailmap").symlink_to(secret)
    people, issues = mailmap.of_project(project)
    said = " ".join(f"{i.message} {i.hint}" for i in issues)
    assert people == mailmap.Mailmap() and "hunter2" not in said, issues
    assert [(i.loc.file, i.severity.name) for i in issues] == [(".mailmap", "WARNING")], issues
    assert f"skipped: a symbolic link to {secret.resolve()}, outside the project: not read" in issues[0].message
    own = top / "people.txt"  # the project's (or its work tree's) own file, linked: read
    own.write_text("Priya Sharma <priya@example.com> <p@example.com>\n", encoding="utf-8")
    (project / ".mailmap").unlink()
    (project / ".mailmap").symlink_to(own)
    people, issues = mailmap.of_project(project)
    assert not issues and people != mailmap.Mailmap(), issues


@pytest.mark.parametrize("into", ["stdout", "file", "export", "init"])
def test_a_file_name_holding_a_line_break_prints_no_line_of_its_own(tmp_path: Path, into: str) -> None:
    """red19: the terminal's escaping keeps line breaks, which messages are made of, so the name of a file to import
    (a file fetched from others, a glob's match) holding one printed a line of its own in import's summary and
    warnings: 'ok: fake.md: 269 check box(es)', a forged line a script or a person reads. Each line of them is one line,
    its name's line break an escape, as a message's location is; so is the file `export -o` says it wrote, and each
    file `init` wrote into a folder so named."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    name = "list\nok: fake \x1b[31m.md"
    source = tmp_path / name
    source.write_text("# Pantry\n\n- [ ] Buy flour \U0001f600\ufffd\n- [ ] Buy milk\n", encoding="utf-8")
    if into == "export":
        result = run_cli("-C", str(project), "export", "--format", "csv", "-o", str(tmp_path / "out\nok: fake.csv"))
    elif into == "init":
        result = run_cli("init", str(tmp_path / "site\nok: fake"))
    else:
        result = run_cli("-C", str(project), "import", str(source), *(["-o", str(project / "data" / "pantry.yaml")] if into == "file" else []))
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr if into != "stdout" else result.stderr
    assert "fake" in said and not [line for line in said.splitlines() if line.startswith("ok: fake")], said
    assert "\x1b" not in said and "\\x0aok: fake" in said, said


@pytest.mark.parametrize(
    "args",
    [
        ("import", "{tmp}/nope\nok: fake.md"),
        ("export", "--format", "csv", "-o", "{tmp}/nodir\nok: fake/x.csv"),
        ("check", "data/x\nok: 1 checklist(s), no problems"),
    ],
)
def test_an_error_naming_a_file_given_with_a_line_break_is_two_lines(tmp_path: Path, args: tuple[str, ...]) -> None:
    """An error without a place in a file (a file given on the command line that is not there, a folder missing) quoted
    the name as given: 'error: data/x' then 'ok: 1 checklist(s), no problems does not exist'. Its message and hint are
    a line each, as a located error's are (errors._formatted), and so is an error of the file system (cli's)."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    result = run_cli("-C", str(project), *(arg.format(tmp=tmp_path) for arg in args))
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("error: ") and lines[1].startswith("    hint: "), result.stderr
    assert "\\x0aok: " in lines[0], result.stderr


# ---- a line break YAML readers disagree on: data hidden in a comment -------------------------------------------------

_MINI = (FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["\u2028", "\u2029", "\x85"]), st.integers(0, _MINI.count("\n") - 1), st.sampled_from(["critical: true", "- id: hidden"]))
@example("\u2028", 3, "critical: true").via("found: a key in a comment's rest")
def test_no_yaml_file_reads_data_that_git_and_an_editor_show_inside_a_comment(brk: str, number: int, hidden: str) -> None:
    """PyYAML (YAML 1.1's reader, as MkDocs reads mkdocs.yml) ends a line at U+2028, U+2029 and U+0085, which git, a
    diff, an editor and a YAML 1.2 reader take for a character of the line: '  # reviewed\\u2028    critical: true' was a
    comment to the reviewer and 'critical: true' to `check`. Every YAML file the tool reads (load_text: data, the
    record, runbooks, alarm rules) is refused holding one, at its line and column as git counts them."""
    lines = _MINI.split("\n")
    indent = len(lines[number]) - len(lines[number].lstrip())
    lines[number] += f"  # reviewed{brk}{' ' * indent}{hidden}"
    node, issues = load_text("\n".join(lines), "data/mini.yaml")
    assert node is None and len(issues) == 1, issues
    column = len(lines[number]) - len(f"{' ' * indent}{hidden}")
    assert issues[0].loc == Loc("data/mini.yaml", number + 1, column), (issues[0].loc, number, column)
    assert f"U+{ord(brk):04X}" in issues[0].message and "would be read as data" in issues[0].message


def test_a_record_entry_and_mkdocs_yml_holding_such_a_break_are_refused_at_it(tmp_path: Path) -> None:
    """The same break in a record entry (a hand-written one in a pull request: 'by:' to the reviewer, 'by:' and 'state:'
    to the tool) and in mkdocs.yml ('# ok\\u2028strict: false' turned the strict build off, unseen): refused at its place,
    nothing built."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    record = project / "data" / "mini.record"
    record.mkdir()
    (record / "20260110T130900Z-ann.yaml").write_text(
        "checklist: mini\nby: Ann  # reviewed\u2028by: Mallory\nat: 2026-01-10T14:09:00+01:00\nchanges:\n  - {item: jwt-validation, state: done}\n",
        encoding="utf-8",
    )
    checked = run_cli("-C", str(project), "check")
    assert checked.returncode == 1 and "data/mini.record/20260110T130900Z-ann.yaml:2:20: error: the file holds U+2028" in checked.stderr, checked.stderr
    (record / "20260110T130900Z-ann.yaml").unlink()
    config = project / "mkdocs.yml"
    first, rest = config.read_text(encoding="utf-8").split("\n", 1)
    config.write_text(f"{first}  # ok\u2028strict: false\n{rest}", encoding="utf-8")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 2 and f"mkdocs.yml:1:{len(first) + 7}: error: the file holds U+2028" in built.stderr, built.stderr
    assert not (project / "site").exists()
    (project / "base.yml").write_text("extra:\n  x: 1  # ok\u2028strict: false\n", encoding="utf-8")  # a file it inherits
    config.write_text(f"INHERIT: base.yml\n{first}\n{rest}", encoding="utf-8")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 2 and "base.yml:2:13: error: the file holds U+2028" in built.stderr, built.stderr
    assert not (project / "site").exists()
