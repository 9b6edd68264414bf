"""`serve`'s incremental check and render: after any edit, what it gives is what a full check and a full render give."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Loc
from generator.format.incremental import Incremental, common_prefix
from generator.format.validate import load_data_file

from .conftest import ROOT

REALSERV = (ROOT / "data" / "realserv-launch.yaml").read_text(encoding="utf-8")
DISPLAY = "data/realserv-launch.yaml"


def _locs(obj: Any, path: str = "") -> Iterator[tuple[str, Loc]]:
    """Every location in a loaded model (not compared by ``==``), by where it is."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if isinstance(getattr(obj, "loc", None), Loc):
            yield path, obj.loc
            for key, at in sorted(obj.places.items()):  # where each key's value is
                yield f"{path}@{key}", at
        for f in dataclasses.fields(obj):
            if f.name not in ("loc", "places"):
                yield from _locs(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for n, child in enumerate(obj):
            yield from _locs(child, f"{path}[{n}]")


def _same_as_full(cache: Incremental, path: Path) -> None:
    got, got_issues = cache.load(path, DISPLAY)
    full, full_issues = load_data_file(path, DISPLAY)
    assert got == full
    assert list(_locs(got)) == list(_locs(full))
    assert [i.format() for i in got_issues] == [i.format() for i in full_issues]


def _edited(tmp_path: Path, text: str) -> tuple[Incremental, Path]:
    path = tmp_path / "realserv-launch.yaml"
    path.write_text(REALSERV, encoding="utf-8")
    cache = Incremental()
    cache.load(path, DISPLAY)
    path.write_text(text, encoding="utf-8")
    return cache, path


def test_an_edit_of_an_item_parses_its_section_alone_and_gives_the_full_load(tmp_path: Path) -> None:
    old = "Firebase Authentication configured (prod project)"
    cache, path = _edited(tmp_path, REALSERV.replace(old, "Firebase Auth edited", 1))
    _same_as_full(cache, path)
    assert cache.reparsed == 1
    checklist = cache.load(path, DISPLAY)[0]
    assert "Firebase Auth edited" in [i.text for i in checklist.sections[0].all_items()]
    first = load_data_file(tmp_path / "realserv-launch.yaml", DISPLAY)[0]
    assert checklist.sections[1:] == first.sections[1:]


def test_an_edit_that_duplicates_an_id_or_breaks_the_yaml_is_reported_as_the_full_load_reports_it(tmp_path: Path) -> None:
    second = REALSERV.split("\n  - id: ", 2)[2].split("\n", 1)[0]  # the second section's id
    cache, path = _edited(tmp_path, REALSERV.replace("id: firebase-authentication-configured-prod", f"id: {second}", 1))
    _same_as_full(cache, path)
    assert cache.reparsed == 1 and cache.load(path, DISPLAY)[1]  # a duplicate id: checked on the whole checklist
    path.write_text(REALSERV.replace("critical: true}", "critical: true", 1), encoding="utf-8")  # a flow mapping left open
    _same_as_full(cache, path)
    assert cache.reparsed == 1  # an error: the full load, in its words
    path.write_text(REALSERV, encoding="utf-8")
    _same_as_full(cache, path)


def test_an_edit_outside_the_sections_is_the_full_load(tmp_path: Path) -> None:
    cache, path = _edited(tmp_path, REALSERV.replace("title: ", "title: Edited ", 1))  # the checklist's title
    _same_as_full(cache, path)
    assert cache.reparsed == 0


def test_a_key_indented_into_the_last_section_is_the_full_load(tmp_path: Path) -> None:
    key = REALSERV.index("\nfinal_signoff:") + 1
    cache, path = _edited(tmp_path, REALSERV[:key] + "    " + REALSERV[key:])
    _same_as_full(cache, path)
    assert cache.reparsed == 0


def test_an_item_added_or_removed_moves_what_follows_it(tmp_path: Path) -> None:
    added = "critical: true}\n          - {id: added-item, text: An item added}\n"
    cache, path = _edited(tmp_path, REALSERV.replace("critical: true}\n", added, 1))
    _same_as_full(cache, path)
    path.write_text(REALSERV, encoding="utf-8")  # removed again
    _same_as_full(cache, path)
    assert cache.reparsed == 2


PIECES = ["a", " ", "\n", ":", "- ", "  - id: x\n", "#", "'", '"', "[", "]", "{", "}", "&a", "*a", "\t", "id", ",", "é", "critical: true"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.lists(st.sampled_from(PIECES), max_size=3)), min_size=1, max_size=3))
def test_any_edit_gives_what_the_full_load_gives(tmp_path: Path, edits: list[tuple[float, int, list[str]]]) -> None:
    """Edits at any place (inserted and removed text, YAML's own characters among them), one after the other: the
    incremental check gives the full load's checklist, locations and issues, whichever way it took."""
    text = REALSERV
    cache, path = _edited(tmp_path, text)
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + "".join(inserted) + text[at + removed :]
        path.write_text(text, encoding="utf-8")
        _same_as_full(cache, path)


def test_common_prefix() -> None:
    big = bytes(range(256)) * 1000
    for at in (0, 1, 65535, 65536, 65537, 200_000, len(big) - 1):
        changed = big[:at] + b"\xff\xfe" + big[at + 1 :]
        assert common_prefix(big, changed) == at + (1 if big[at] == 0xFF else 0)
    assert common_prefix(big, big) == len(big) and common_prefix(big, big[:10]) == 10


EDITS = [  # (what is edited, its pattern in the YAML, the change): edits a writer makes, each at the n-th place it can be
    ("an item's text", r"(text: )([^,}\n]+)", r"\1\2 edited"),
    ("an item's critical mark", r"critical: true", "critical: false"),
    ("a title", r"(title: )([^\n]+)", r"\1Edited \2"),
    ("an id", r"(- \{?id: )([a-z0-9-]+)", r"\1\2-b"),
    ("an item's details", r"(text: )([^,}\n]+)", r"\1\2, details: 'More *here*'"),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(range(len(EDITS))), st.integers(0, 200)), min_size=1, max_size=3))
def test_serve_renders_after_an_edit_what_a_render_afresh_gives(project: Path, edits: list[tuple[int, int]]) -> None:
    """The pages, blocks, JSON files and search entries `serve` renders with what it kept from the last rebuild
    (site/memo.py) are those a render without it gives, after edits of texts, marks, titles and ids."""
    import re

    from generator.build import hand_written_texts, site_pages
    from generator.errors import CheckFailed
    from generator.project import Project, check
    from generator.publish import outputs
    from generator.site.layout import DIRECTORY_URLS
    from generator.site.memo import Memo

    data, cache, memo = project / "data" / "realserv-launch.yaml", Incremental(), Memo()
    data.write_text(REALSERV, encoding="utf-8")  # as the example before left it otherwise
    hand_written = hand_written_texts(project / "docs")
    first = check(Project.at(project), cache=cache)
    site_pages(first, DIRECTORY_URLS, hand_written, memo), outputs(first, DIRECTORY_URLS, "", memo)
    memo.sweep()
    for kind, n in edits:
        _, pattern, change = EDITS[kind]
        text = data.read_text(encoding="utf-8")
        found = list(re.finditer(pattern, text))
        at = found[n % len(found)]
        data.write_text(text[: at.start()] + at.expand(change) + text[at.end() :], encoding="utf-8")
        try:
            now = check(Project.at(project), cache=cache)
        except CheckFailed:
            continue  # an id that another one has, a runbook's item renamed: serve shows the error
        assert site_pages(now, DIRECTORY_URLS, hand_written, memo) == site_pages(now, DIRECTORY_URLS, hand_written)
        assert outputs(now, DIRECTORY_URLS, "", memo) == outputs(now, DIRECTORY_URLS, "")
        assert memo.sweep() < 100  # most parts were kept


def test_an_edit_that_moves_the_next_entrys_dash_is_the_full_load(tmp_path: Path) -> None:
    """A line break and a space removed before a section's entry leave its bytes the same but its dash a column to the
    left, so the entries no longer line up: the full load refuses the file, and the incremental check must not parse
    the section above alone (found by the property above with random draws: edits=[(0.14..., 2, [])])."""
    at = REALSERV.index("\n\n  - id: infrastructure") + 1
    cache, path = _edited(tmp_path, REALSERV[:at] + REALSERV[at + 2 :])
    _same_as_full(cache, path)
