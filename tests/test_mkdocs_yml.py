"""mkdocs.yml read without MkDocs (`build --engine zensical`): the values MkDocs makes of it, or None where MkDocs must read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import mkdocs_config
from generator.errors import UsageError
from generator.mkdocs_yml import read
from generator.project import Project

KEYS = ("docs_dir", "site_dir", "site_url", "use_directory_urls")

# Values as people write them, and as they go wrong: folders in and out of place, URLs with and without their slash,
# tags MkDocs reads itself, types it refuses.
FOLDERS = st.sampled_from(
    ["docs", "./docs", "docs/", "sub/docs", "missing", "", ".", "site", "docs/site", "../elsewhere", "'docs'", "!ENV [DOCS, docs]", "1", "null"]
)
URLS = st.sampled_from([
    "https://example.org", "https://example.org/", "https://example.org/runbooks", "http://h:8080/a/b/", "''", "null",
    "example.org", "/just/a/path", "!ENV SITE_URL", "[1]", "ftp://files.example.org/x", "'https://example.org/?q=1#top'",
])
DIRECTORY = st.sampled_from(["true", "false", "yes", "off", "1", "'true'", "!ENV [D, true]"])
EXTRA = st.sampled_from([
    "",
    "INHERIT: base.yml\n",
    "nav:\n  - index.md\n",
    "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
    "extra:\n  x: !relative $config_dir\n", "theme: material\n",
])


def _project(root: Path, text: str) -> Project:
    shutil.rmtree(root, ignore_errors=True)
    for folder in ("docs", "sub/docs", "docs/site", "site", "overrides"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "base.yml").write_text("site_name: Base\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return Project.at(root)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    docs=st.one_of(st.none(), FOLDERS), site=st.one_of(st.none(), FOLDERS), url=st.one_of(st.none(), URLS),
    directory=st.one_of(st.none(), DIRECTORY), extra=EXTRA, override=st.sampled_from([None, "https://cli.example.org/x"]),
)
def test_the_values_are_mkdocs_own_or_none(
    tmp_path: Path, docs: str | None, site: str | None, url: str | None, directory: str | None, extra: str, override: str | None
) -> None:
    lines = ["site_name: Runbooks"] + [f"{key}: {value}" for key, value in zip(KEYS, (docs, site, url, directory), strict=True) if value is not None]
    project = _project(tmp_path / "p", "\n".join(lines) + "\n" + extra)
    facts = read(project, override)
    try:
        mkdocs = mkdocs_config(project, warn=False, site_url=override)
    except UsageError as exc:  # a refusal of the values read here is MkDocs' to report (one of another key's, Zensical's)
        assert facts is None or not any(f"'{key}'" in exc.message or "--site-url" in exc.message for key in KEYS), exc.message
        return
    if facts is None:
        return  # MkDocs reads it
    assert {key: facts[key] for key in (*KEYS, "nav")} == {key: mkdocs[key] for key in (*KEYS, "nav")}


def test_the_shipped_configuration_is_read_without_mkdocs(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    project = _project(tmp_path / "p", (root / "mkdocs.yml").read_text(encoding="utf-8"))
    facts, mkdocs = read(project), mkdocs_config(project, warn=False)
    assert facts is not None and facts.docs_dir == str(tmp_path / "p" / "docs") and facts.site_url == "https://checklists.realserv.example/"
    assert {key: facts[key] for key in KEYS} == {key: mkdocs[key] for key in KEYS}


def test_what_mkdocs_must_read_is_left_to_it(tmp_path: Path) -> None:
    for text in (
        "INHERIT: base.yml\n",  # another file's values
        "docs_dir: !ENV [DOCS, docs]\n",  # the environment's
        "site_url: example.org\n",  # refused by MkDocs, which says why
        "docs_dir: nowhere\n",
        "nav:\n  - index.md\n",  # refused by the build, after MkDocs read it
        "[not, a, mapping]\n",
        "site_name: [unclosed\n",  # MkDocs names the line
        "markdown_extensions:\n  - codehilite: {lineos: true}\n",  # takes any option: MkDocs' reading checks them
        "markdown_extensions:\n  - toc: {permalnk: true}\n",  # an option it does not have: refused before Zensical runs
        "theme: {name: material, features: [navigation.sectoins]}\n",  # a feature Material does not have: refused at it
        "site_name: a\nsite_name: b\n",  # a key set twice: refused at the second
    ):
        assert read(_project(tmp_path / "p", text)) is None, text


def test_the_extensions_options_found_right_are_kept_and_any_change_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checking the options of mkdocs.yml's Markdown extensions loads them (Markdown, pymdown-extensions, Pygments: 0.05-0.1
    s a build, which uses none of them otherwise): what it finds for the options of Python-Markdown's and
    pymdown-extensions' own is kept, keyed by the options and those libraries' versions; another extension, or an
    option written with a tag, is checked every time."""
    from generator import mkdocs_yml

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "cache"))
    loaded: list[str] = []
    load = mkdocs_yml._option_problems
    monkeypatch.setattr(mkdocs_yml, "_option_problems", lambda name, *rest: (loaded.append(name), load(name, *rest))[1])
    config = tmp_path / "mkdocs.yml"
    for options, checked, said in [
        ("  - toc:\n      permalink: true\n  - pymdownx.tasklist:\n      custom_checkbox: true\n", ["toc", "pymdownx.tasklist"], []),
        ("  - toc:\n      permalink: true\n  - pymdownx.tasklist:\n      custom_checkbox: true\n", [], []),  # kept
        ("  - toc:\n      permalnk: true\n", ["toc"], ["permalnk"]),  # changed: checked
        ("  - toc:\n      permalnk: true\n", [], ["permalnk"]),  # kept, and still said
        ("  - toc:\n      permalink: !ENV [PERMALINK, true]\n", ["toc"], []),  # a tag: checked every time
        ("  - toc:\n      permalink: !ENV [PERMALINK, true]\n", ["toc"], []),
        ("  - material.extensions.emoji:\n      emoji_index: x\n  - toc:\n      permalink: true\n", ["material.extensions.emoji", "toc"], None),
        ("  - material.extensions.emoji:\n      emoji_index: x\n  - toc:\n      permalink: true\n", ["material.extensions.emoji", "toc"], None),
    ]:
        config.write_text("site_name: x\nmarkdown_extensions:\n" + options, encoding="utf-8")
        loaded.clear()
        found = mkdocs_yml.extension_option_problems(config)
        assert loaded == checked, options
        if said is not None:
            assert [path[-1] for path, _, _ in found] == said, found
