"""`build --engine zensical`: the generated configuration, Zensical's cache across builds, the process started ahead."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from generator.errors import BuildError
from generator.project import Project
from generator.zensical import CONFIG, HEADER, Zensical, config_text, same_files, without_keys, write_config
from generator.zensical_out import OUT

from .conftest import Ran, make_project, run_cli
from .test_ecosystem import _zensical

MKDOCS_YML = """\
site_name: Runbooks
docs_dir: docs
site_dir: public
theme:
  name: material
validation:
  omitted_files: warn
# links are checked by the build
  anchors: warn
markdown_extensions:
  - attr_list
"""


def test_the_generated_configuration_sets_the_staging_folders_and_no_link_validation() -> None:
    nav = [{"Home": "index.md"}, {"Checklist": ["checklists/c/index.md"]}]
    text = config_text(MKDOCS_YML, nav, ".checklist-site/docs.new", ".checklist-site/site.new")
    assert text.startswith(HEADER)
    assert "docs_dir: docs\n" not in text and "public" not in text and "omitted_files" not in text and "anchors: warn" not in text
    assert "\ndocs_dir: .checklist-site/docs.new\nsite_dir: .checklist-site/site.new\nvalidation: false\n" in text
    assert "site_name: Runbooks\n" in text and "markdown_extensions:\n  - attr_list\n" in text
    assert text == config_text(MKDOCS_YML, nav, ".checklist-site/docs.new", ".checklist-site/site.new")  # what Zensical's cache hashes
    import yaml

    parsed = yaml.safe_load(text)
    assert parsed["validation"] is False and parsed["nav"] == nav and parsed["theme"] == {"name": "material"}


@pytest.mark.parametrize("form", ["bom", "crlf", "cr"])
def test_the_generated_configuration_reads_mkdocs_yml_as_saved(form: str) -> None:
    """mkdocs.yml saved with a byte order mark (Notepad's UTF-8) built with MkDocs but failed under Zensical: the mark went
    after the generated header, where YAML reads it as text ('expected <document start>'). Saved with CR line endings,
    its 'nav:' was not seen, and was not refused as it is with LF."""
    import yaml

    def saved(text: str) -> str:
        return "\ufeff" + text if form == "bom" else text.replace("\n", "\r\n" if form == "crlf" else "\r")

    nav = [{"Home": "index.md"}]
    text = config_text(saved(MKDOCS_YML), nav, ".checklist-site/docs.new", ".checklist-site/site.new")
    assert text == config_text(MKDOCS_YML, nav, ".checklist-site/docs.new", ".checklist-site/site.new")
    assert yaml.safe_load(text)["site_name"] == "Runbooks"
    with pytest.raises(BuildError, match="mkdocs.yml has its own nav:"):
        config_text(saved(MKDOCS_YML + "nav:\n  - index.md\n"), [], "d", "s")


def test_without_keys_keeps_everything_else() -> None:
    assert without_keys("a: 1\nvalidation: {anchors: warn}\nb:\n  - x\n", ("validation",)) == "a: 1\nb:\n  - x\n"
    assert without_keys("validationx: 1\n", ("validation",)) == "validationx: 1\n"


def test_a_nav_of_the_users_is_refused() -> None:
    with pytest.raises(BuildError, match="mkdocs.yml has its own nav:"):
        config_text(MKDOCS_YML + "nav:\n  - index.md\n", [], "d", "s")


def test_the_configuration_is_written_only_over_its_own(tmp_path: Path) -> None:
    project = Project.at(tmp_path)
    path = write_config(project, HEADER + "a: 1\n")
    assert path == tmp_path / CONFIG and path.read_text(encoding="utf-8") == HEADER + "a: 1\n"
    before = path.stat().st_mtime_ns
    write_config(project, HEADER + "a: 1\n")
    assert path.stat().st_mtime_ns == before  # the same text is not written again
    path.write_text("a: 2\n", encoding="utf-8")
    with pytest.raises(BuildError, match="was not written by checklist-site"):
        write_config(project, HEADER + "a: 1\n")
    assert path.read_text(encoding="utf-8") == "a: 2\n"


def test_the_zensical_started_ahead_ends_when_the_build_fails_before_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _zensical()
    project = make_project(tmp_path / "p")
    _build(project)
    site, docs = _site(project / "site"), _site(project / "docs")
    started: list[Zensical] = []

    class Spy(Zensical):
        def speculate(self, project: Project, docs: Path | None) -> None:
            started.append(self)
            self.proc = self._proc
            super().speculate(project, docs)
            self.speculated = self.speculating

    monkeypatch.setattr("generator.build.Zensical", Spy)
    shutil.rmtree(project / ".checklist-site" / OUT)  # no kept site to take: Zensical builds the last build's pages ahead
    (project / "data" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build", "--engine", "zensical")
    assert result.returncode != 0 and "broken.yaml" in result.stderr
    # Started with the build, and building the last build's pages before the check failed; ended with it:
    assert len(started) == 1 and started[0].proc is not None and started[0].speculated
    assert started[0].proc.returncode is not None
    assert _site(project / "site") == site and _site(project / "docs") == docs
    assert [p.name for p in (project / ".checklist-site").iterdir() if p.name.endswith((".new", ".old"))] == []


def test_same_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for root in (a, b):
        (root / "x" / "y").mkdir(parents=True)
        (root / "x" / "page.md").write_text("# Page\n", encoding="utf-8")
    (a / "linked.md").write_text("same file", encoding="utf-8")
    os.link(a / "linked.md", b / "linked.md")
    assert same_files(a, b)
    (b / "x" / "page.md").write_text("# Page!\n", encoding="utf-8")
    assert not same_files(a, b)
    (b / "x" / "page.md").write_text("# Pagf\n", encoding="utf-8")  # the same size
    assert not same_files(a, b)
    (b / "x" / "page.md").write_text("# Page\n", encoding="utf-8")
    (b / "x" / "y" / "z").mkdir()
    assert not same_files(a, b)
    (b / "x" / "y" / "z").rmdir()
    (b / "extra.md").write_text("", encoding="utf-8")
    assert not same_files(a, b) and not same_files(b, a)


def _site(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _entries(project: Path) -> dict[str, int]:
    """Zensical's cache entries (one file per page and kind, named by a number) and when each was written."""
    return {p.name: p.stat().st_mtime_ns for p in (project / ".cache").iterdir() if p.name.isdigit()}


def _rewritten(before: dict[str, int], project: Path) -> dict[str, str]:
    """The cache entries written since ``before``: name -> the page whose Markdown it holds ('' for a page's rendering)."""
    after = _entries(project)
    found = {}
    for name in sorted(n for n in after if before.get(n) != after[n]):
        data = json.loads((project / ".cache" / name).read_text(encoding="utf-8"))["data"]
        found[name] = data["origin"]["Source"] if isinstance(data, dict) else ""
    return found


def _build(project: Path, verbosity: str = "-q") -> Ran:
    result = run_cli("-C", str(project), verbosity, "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    return result


def test_unchanged_pages_come_from_zensicals_cache_and_edits_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _zensical()
    project = make_project(tmp_path / "p")
    with monkeypatch.context() as m:  # the first build runs the zensical program itself, as without Zensical in this environment
        m.setattr("generator.ahead.importable_here", lambda _exe: False)
        _build(project)
    first, entries = _site(project / "site"), _entries(project)
    assert len(entries) == 2 * len(list((project / "docs").rglob("*.md")))  # each page's Markdown and its rendering
    shutil.rmtree(project / ".checklist-site" / OUT)  # no kept site: Zensical runs
    result = _build(project, "-v")  # Zensical started with the build, on the last build's pages: the same pages
    assert "goes on with the build it started on the last build's pages" in result.stderr
    assert _site(project / "site") == first  # the same site either way
    assert _rewritten(entries, project) == {}  # every page from the cache

    # An item edited: its text is in a block the generator fills in, not in the Markdown Zensical builds,
    # so the site Zensical built from the same pages is taken as it was kept, and the new text shows everywhere.
    data = project / "data" / "realserv-launch.yaml"
    old, new = "Firebase Authentication configured (prod project)", "Firebase Authentication set up for the prod project"
    data.write_text(data.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "taken as it was kept: no run" in _build(project, "-v").stderr
    assert _rewritten(entries, project) == {}
    site = project / "site" / "checklists" / "realserv-launch"
    for page in (site / "security" / "index.html", site / "sheets" / "security" / "index.html", site / "critical" / "index.html"):
        assert new in page.read_text(encoding="utf-8"), page
    assert [p for p, text in _site(project / "site").items() if old.encode() in text] == []

    # A hand-written page edited: staged as it is now, for the build started ahead too; Zensical converts it alone.
    how_to = project / "docs" / "how-to-use.md"
    how_to.write_text(how_to.read_text(encoding="utf-8") + "\nA paragraph added after the first build.\n", encoding="utf-8")
    assert "goes on with the build it started" in _build(project, "-v").stderr
    rewritten = _rewritten(entries, project)
    assert sorted(rewritten.values()) == ["", "how-to-use.md"]  # that page converted and rendered again, no other
    assert "A paragraph added after the first build." in (project / "site" / "how-to-use" / "index.html").read_text(encoding="utf-8")

    # A section's title, which is in every page's navigation:
    data.write_text(data.read_text(encoding="utf-8").replace("    title: Security\n", "    title: Security and access\n", 1), encoding="utf-8")
    shutil.rmtree(project / ".checklist-site" / OUT)  # no kept site: Zensical builds the last build's pages ahead, then these
    assert "Zensical started again" in _build(project, "-v").stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"1\. \u2068Security and access\u2069\s*<", home) and not re.search(r"1\. \u2068Security\u2069\s*<", home)  # the navigation
    assert '<h1 id="1-security-and-access">' in (site / "security" / "index.html").read_text(encoding="utf-8")


def test_a_failed_zensical_build_leaves_the_published_site_and_pages_as_they_were(tmp_path: Path) -> None:
    _zensical()
    project = make_project(tmp_path / "p")
    _build(project)
    site, docs = _site(project / "site"), _site(project / "docs")
    template = project / "overrides" / "main.html"
    good = template.read_text(encoding="utf-8")
    template.write_text(good + "\n{% block unclosed %}\n", encoding="utf-8")  # Zensical cannot render a page
    result = run_cli("-C", str(project), "build", "--engine", "zensical")
    assert result.returncode != 0 and "zensical build failed" in result.stderr
    assert "\\x0a" not in result.stderr and len(result.stderr.splitlines()) > 2, result.stderr  # Zensical's lines as it wrote them
    assert _site(project / "site") == site and _site(project / "docs") == docs
    assert sorted(p.name for p in (project / ".checklist-site").iterdir() if p.name.endswith((".new", ".old"))) == []
    template.write_text(good.replace("{% block extrahead %}", '{% block extrahead %}<meta name="x-edited" content="1">'), encoding="utf-8")
    _build(project)  # the theme changed: no page comes from the cache as it was
    themed = {p: text for p, text in _site(project / "site").items() if p.endswith(".html") and b'class="no-js"' in text[:600]}
    assert len(themed) > 30 and [p for p, text in themed.items() if b"x-edited" not in text] == []


def test_the_command_line_starts_zensical_before_the_build_and_the_build_uses_that_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import ahead

    _zensical()
    project = make_project(tmp_path / "p")
    started: list[Path] = []
    real = ahead.zensical
    monkeypatch.setattr(ahead, "zensical", lambda root: started.append(root) or real(root))
    taken: list[object] = []
    real_take = ahead.take
    monkeypatch.setattr(ahead, "take", lambda root: taken.append(real_take(root)) or taken[-1])
    _build(project)
    assert started == [project.resolve()]  # once, by the command line: the build took it instead of starting another
    assert len(taken) == 1 and taken[0] is not None and ahead._started == {}
    assert (project / "site" / "index.html").is_file()


def test_staged_pages_are_compared_as_they_would_be_written(tmp_path: Path) -> None:
    """``holds_pages``: a generated folder holds the pages ``write_pages`` would write (and their manifest) and nothing
    else; any other byte, file or folder is not the same, so Zensical's speculative build is not kept."""
    from generator.publish.write import holds_pages, write_pages

    pages = {"c/index.md": "# C\n", "c/s/one.md": "# One é\n", "two.md": "two\n"}
    write_pages(pages, tmp_path / "f")
    assert holds_pages(tmp_path / "f", pages)
    assert not holds_pages(tmp_path / "f", {**pages, "two.md": "two!\n"})
    assert not holds_pages(tmp_path / "f", {k: v for k, v in pages.items() if k != "two.md"})  # a file (and the manifest) more
    assert not holds_pages(tmp_path / "missing", pages)
    (tmp_path / "f" / "c" / "empty").mkdir()
    assert not holds_pages(tmp_path / "f", pages)  # a folder more


def test_offline_with_zensical_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    result = run_cli("-C", str(project), "build", "--engine", "zensical", "--offline")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "--offline builds with the MkDocs engine only" in result.stderr and "hint: drop --engine zensical" in result.stderr
    assert not (project / "site").exists() and not (project / "docs" / "checklists").exists()


def test_the_site_zensical_built_is_taken_again_only_for_the_same_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical's site is kept as it wrote it (zensical_out) and taken, without a run, by a build that gives Zensical the
    same configuration, pages and theme: the site is the one a run makes. Anything else runs Zensical."""
    _zensical()
    project = make_project(tmp_path / "p")
    _build(project)
    ran = _build(project, "-v").stderr  # the same inputs: taken
    assert "taken as it was kept: no run" in ran and "zensical build failed" not in ran
    taken = _site(project / "site")
    # A kept folder put in the project by anyone else (here a copy: the same names, bytes and times, other files) is not
    # taken: the list of what was kept is in the user's cache folder, with each file's inode.
    kept = project / ".checklist-site" / OUT
    shutil.copytree(kept, tmp_path / "planted", copy_function=shutil.copy2)
    shutil.rmtree(kept)
    (tmp_path / "planted").rename(kept)
    assert "taken as it was kept" not in _build(project, "-v").stderr
    assert _site(project / "site") == taken  # byte for byte what Zensical makes

    # A published file written in place shares its inode with the kept one: the kept site is not taken, the file is made anew.
    with (project / "site" / "how-to-use" / "index.html").open("a", encoding="utf-8") as f:
        f.write("<!-- written by hand -->")
    assert "taken as it was kept" not in _build(project, "-v").stderr
    assert _site(project / "site") == taken
    assert "taken as it was kept" in _build(project, "-v").stderr

    # Another cache folder (another user's, or a first build with an empty one) keeps a site of its own: it replaces none.
    with monkeypatch.context() as m:
        m.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "another-cache"))
        assert "taken as it was kept" not in _build(project, "-v").stderr
        assert "taken as it was kept" in _build(project, "-v").stderr
    assert "taken as it was kept" in _build(project, "-v").stderr and len(list((project / ".checklist-site" / OUT).iterdir())) == 2

    # A library Zensical renders the pages with, upgraded (here the versions as read): it runs.
    with monkeypatch.context() as m:
        m.setattr("generator.zensical_out._installed", lambda: "zensical 0.0.73, markdown 99.0")
        assert "taken as it was kept" not in _build(project, "-v").stderr

    # The theme's custom folder is read by Zensical: a change there runs it.
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace("{% block extrahead %}", '{% block extrahead %}<meta name="x-t">'), encoding="utf-8")
    assert "taken as it was kept" not in _build(project, "-v").stderr
    assert b"x-t" in (project / "site" / "index.html").read_bytes()

    # What Zensical may read besides (here the environment): nothing is kept, nothing taken.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra:\n  build: !ENV [CHECKLIST_TEST_BUILD, local]\n", encoding="utf-8")
    _build(project)
    assert len(list((project / ".checklist-site" / OUT).iterdir())) == 1  # the other cache folder's only
    ran = _build(project, "-v").stderr
    # Nothing taken; and no build ahead either: a tagged value of extra is MkDocs' to resolve (mkdocs_yml._tagged), so
    # the configuration is read by MkDocs once the check is done, and Zensical starts then.
    assert "taken as it was kept" not in ran and "goes on with the build it started" not in ran


def test_a_file_zensical_reads_besides_the_pages_is_never_taken_from_the_kept_site(tmp_path: Path) -> None:
    """Zensical's macros read files of the project (here the variables of ``include_yaml``) that are neither its
    configuration, nor a page, nor the theme: a build after a change there shows it, and never the kept site."""
    _zensical()
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - macros:\n      include_yaml: [vars.yml]\n", 1), encoding="utf-8")
    (project / "vars.yml").write_text("release: first-release\n", encoding="utf-8")
    page = project / "docs" / "how-to-use.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nRelease: {{ release }}\n", encoding="utf-8")
    built = project / "site" / "how-to-use" / "index.html"
    _build(project)
    assert "Release: first-release" in built.read_text(encoding="utf-8")
    (project / "vars.yml").write_text("release: second-release\n", encoding="utf-8")
    later = (project / "vars.yml").stat().st_mtime + 2
    os.utime(project / "vars.yml", (later, later))  # Zensical's own cache tells the file's change by its time in whole seconds
    assert "taken as it was kept" not in _build(project, "-v").stderr
    assert "Release: second-release" in built.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "config",
    [
        "plugins:\n  - macros\n", "plugins:\n  - markdownextradata\n", "plugins:\n  - mkdocstrings\n", "plugins:\n  - include-markdown\n",
        "plugins:\n  - table-reader\n", "plugins:\n  - markdown-exec\n", "watch:\n  - src\n", "plugins:\n  - mkdocs-autoapi\n",
        "markdown_extensions:\n  - zensical.extensions.macros\n", "plugins:\n  - rss\n", "markdown_extensions:\n  - pymdownx.snippets\n",
        "markdown_extensions:\n  - pymdownx.emoji:\n      options:\n        custom_icons: [overrides/icons]\n",
    ],
)
def test_what_reads_files_beyond_the_pages_and_the_theme_is_not_digested(tmp_path: Path, config: str) -> None:
    from generator.zensical_out import inputs

    _zensical()
    project = make_project(tmp_path / "p")
    (project / "docs.new").mkdir()
    mkdocs_yml = project / "mkdocs.yml"
    assert inputs(Project.at(project), project / "docs.new", mkdocs_yml.read_text(encoding="utf-8")) is not None
    mkdocs_yml.write_text(without_keys(mkdocs_yml.read_text(encoding="utf-8"), (config.split(":")[0],)) + config, encoding="utf-8")
    assert inputs(Project.at(project), project / "docs.new", mkdocs_yml.read_text(encoding="utf-8")) is None


def test_a_title_of_the_navigation_is_no_plugin(tmp_path: Path) -> None:
    """The generated configuration holds the navigation, whose titles are the data's: a runbook about macros or rss feeds
    is not a plugin, and keeps its site."""
    from generator.zensical_out import inputs

    _zensical()
    project = make_project(tmp_path / "p")
    (project / "docs.new").mkdir()
    nav = [{"Runbooks": [{"Excel macros, rss feeds and mkdocstrings": "runbooks/macros.md"}]}]
    text = config_text((project / "mkdocs.yml").read_text(encoding="utf-8"), nav, ".checklist-site/docs.new", ".checklist-site/site.new")
    assert inputs(Project.at(project), project / "docs.new", text) is not None


def test_mike_s_version_in_the_environment_is_not_digested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical reads MIKE_DOCS_VERSION from the environment (a versioned site's URLs): no kept site then."""
    from generator.zensical_out import inputs

    project = make_project(tmp_path / "p")
    (project / "docs.new").mkdir()
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.0")
    assert inputs(Project.at(project), project / "docs.new", "site_name: x\nsite_url: https://example.org/\n") is None


def test_a_zensical_of_another_environment_is_not_digested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Zensical that runs is not this interpreter's (pipx, another virtual environment): its version, which the digest
    would hold, cannot be read here, and an upgrade of it must not take a site the old one built."""
    from generator import zensical_out

    _zensical()
    project = make_project(tmp_path / "p")
    (project / "docs.new").mkdir()
    assert zensical_out.inputs(Project.at(project), project / "docs.new", "site_name: x\n") is not None
    monkeypatch.setattr("generator.zensical_out.find_program", lambda name: str(tmp_path / "elsewhere" / "bin" / name))
    assert zensical_out.inputs(Project.at(project), project / "docs.new", "site_name: x\n") is None


def test_a_page_edited_while_zensical_builds_the_last_pages_ahead_is_not_kept_as_it_built_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zensical builds the last build's pages ahead (speculate) from staged pages that are the hand-written files themselves
    (hard links); one saved in place meanwhile (as editors save) is the same file to the build's comparison. The site Zensical
    built from the page as it was is published by that build, but never kept under the digest of the page as it is now:
    the next build shows the edit."""
    _zensical()
    project = make_project(tmp_path / "p")
    _build(project)
    shutil.rmtree(project / ".checklist-site" / OUT)  # no kept site: Zensical builds the last build's pages ahead
    page = project / "docs" / "how-to-use.md"

    class Editing(Zensical):
        def speculate(self, project: Project, docs: Path | None) -> None:
            super().speculate(project, docs)
            assert self.speculating and self._proc is not None
            self._proc.wait()  # it has built the page as it was
            with page.open("a", encoding="utf-8") as f:  # saved in place while the build runs
                f.write("\n\nEdited while the build ran.\n")

    monkeypatch.setattr("generator.build.Zensical", Editing)
    assert "goes on with the build it started" in _build(project, "-v").stderr
    monkeypatch.setattr("generator.build.Zensical", Zensical)
    _build(project)
    assert "Edited while the build ran." in (project / "site" / "how-to-use" / "index.html").read_text(encoding="utf-8")


def test_a_page_edited_while_zensical_builds_is_not_kept_under_the_digest_of_the_page_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page saved in place after the build took the digest of Zensical's inputs, but before Zensical read it: the site
    holds the page as saved, which the digest does not stand for. It is not kept: once the page is as it was again (an
    undo), a build shows it as it is, never the site of the page in between."""
    _zensical()
    project = make_project(tmp_path / "p")
    page = project / "docs" / "how-to-use.md"
    before = page.read_text(encoding="utf-8")

    class Editing(Zensical):
        def run(self, *args: Any, **kwargs: Any) -> Path:
            self.editing = True
            return super().run(*args, **kwargs)

        def start(self, config: Path) -> None:
            if getattr(self, "editing", False):
                with page.open("a", encoding="utf-8") as f:  # saved in place: the staged page is the same file
                    f.write("\n\nSaved in between.\n")
            super().start(config)

    monkeypatch.setattr("generator.build.Zensical", Editing)
    _build(project)
    monkeypatch.setattr("generator.build.Zensical", Zensical)
    page.write_text(before, encoding="utf-8")  # as it was when the digest was taken
    _build(project)
    assert "Saved in between." not in (project / "site" / "how-to-use" / "index.html").read_text(encoding="utf-8")


def test_the_site_url_of_the_command_line_is_zensicals_too(tmp_path: Path) -> None:
    """`build --engine zensical --site-url URL`: the pages Zensical writes (their canonical link, the sitemap) name the site
    at that URL, as the generator's own outputs (the JSON export) do, never at mkdocs.yml's."""
    _zensical()
    project = make_project(tmp_path / "p")
    result = run_cli("-C", str(project), "-q", "build", "--engine", "zensical", "--site-url", "https://runbooks.example.org/launch")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert '<link rel="canonical" href="https://runbooks.example.org/launch/">' in (site / "index.html").read_text(encoding="utf-8")
    assert "<loc>https://runbooks.example.org/launch/checklists/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "realserv.example" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://runbooks.example.org/launch/checklists/" in (site / "checklist.json").read_text(encoding="utf-8")
    _build(project)  # and without it, mkdocs.yml's again (a site kept for the other URL is not taken)
    assert "https://checklists.realserv.example/" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "runbooks.example.org" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_configuration_mkdocs_refuses_is_a_located_error_under_zensical_too(tmp_path: Path) -> None:
    """mkdocs.yml is read without MkDocs for Zensical's build; one that Zensical cannot build and MkDocs refuses (a Markdown
    extension that is not installed) is said as MkDocs says it, at its line, never as the end of Zensical's traceback."""
    _zensical()
    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - pymdownx.superfences\n", "  - pymdownx.superfencess\n"), encoding="utf-8")
    line = text[: text.index("\n  - pymdownx.superfences\n")].count("\n") + 2  # the entry's line (mkdocs_yml.config_error)
    result = run_cli("-C", str(project), "build", "--engine", "zensical")
    assert result.returncode != 0 and "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr
    assert f"mkdocs.yml:{line}:" in result.stderr and "pymdownx.superfencess" in result.stderr
    assert not (project / "site").exists()


def test_a_file_whose_name_is_not_utf8_is_digested_and_kept_by_its_bytes(tmp_path: Path) -> None:
    """A file whose name is not UTF-8 (copied from an old archive) in the staged pages or Zensical's site: the digest of
    Zensical's inputs and the list of the kept site hold it by its bytes, as the file system has it (it was an internal error)."""
    from generator import zensical_out

    _zensical()
    project = Project.at(make_project(tmp_path / "p"))
    docs, site = tmp_path / "docs", tmp_path / "site"
    for folder in (docs, site):
        folder.mkdir()
        (folder / "index.html").write_text("home", encoding="utf-8")
    plain = zensical_out.inputs(project, docs, "site_name: x\n")
    name = os.fsdecode(b"caf\xe9.txt")
    (docs / name).write_bytes(b"latin-1")
    (site / name).write_bytes(b"latin-1")
    key = zensical_out.inputs(project, docs, "site_name: x\n")
    assert key is not None and key != plain
    zensical_out.keep(project, key, site)
    assert zensical_out.kept_key(project) == key
    assert zensical_out.taken(project, key, tmp_path / "taken") and (tmp_path / "taken" / name).read_bytes() == b"latin-1"


def test_the_kept_site_is_one_folder_of_links_and_is_taken_with_the_sites_folders(tmp_path: Path) -> None:
    """The kept site is one folder of hard links named by their place in the list, not a copy of the site's folders (a
    folder per page cost a first build 0.04-0.11 s at 10,000 items); taking it makes the folders again, every file the
    very file Zensical wrote; a kept file changed in place is not taken."""
    from generator import zensical_out

    _zensical()
    project = Project.at(make_project(tmp_path / "p"))
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    pages = {"index.html": "home", **{f"checklists/c/s{n}/index.html": f"page {n}" for n in range(30)}, "assets/app.js": "js"}
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    key = zensical_out.inputs(project, docs, "site_name: x\n")
    assert key is not None
    zensical_out.keep(project, key, site)
    kept = zensical_out.kept_files(project)
    assert sorted(kept) == sorted(pages) and len({path.parent for path in kept.values()}) == 1  # one folder
    assert all(kept[name].samefile(site / name) for name in pages)  # hard links: no byte copied
    taken = tmp_path / "taken"
    assert zensical_out.taken(project, key, taken)
    assert {p.relative_to(taken).as_posix(): p.read_text(encoding="utf-8") for p in taken.rglob("*") if p.is_file()} == pages
    assert all((taken / name).samefile(site / name) for name in pages)
    with (site / "checklists/c/s7/index.html").open("a", encoding="utf-8") as f:  # written in place: the kept file changed
        f.write(" changed")
    assert not zensical_out.taken(project, key, tmp_path / "again") and zensical_out.kept_files(project) == {}


@pytest.mark.parametrize(
    ("added", "kept"),
    [
        ("markdown_extensions:\n  - markdown_include.include:\n      base_path: docs\n", False),  # {!file!}: another file's text
        ("markdown_extensions:\n  - mdx_include\n", False),
        ("markdown_extensions:\n  - pymdownx.b64\n", False),  # images read from base_path
        ("markdown_extensions:\n  - my_own_extension\n", False),  # the project's own code, whatever it reads
        ("markdown_extensions:\n  pymdownx:\n    b64: {}\n", False),
        ("plugins:\n  - git-revision-date-localized\n", False),  # not Zensical's today; a later Zensical's may read git
        ("markdown_extensions:\n  - abbr\n  - markdown.extensions.footnotes\n  - pymdownx.details\n  - pymdownx.emoji\n", True),
        ("markdown_extensions:\n  pymdownx:\n    details: {}\n", True),
        ("plugins:\n  - material/tags\n  - blog\n  - meta\n", True),
    ],
)
def test_only_extensions_and_plugins_known_to_read_only_the_pages_keep_a_site(tmp_path: Path, added: str, kept: bool) -> None:
    """A Markdown extension is any Python module, which may read any file (an include, an image, the project's own code):
    only those known to read nothing but the page (and plugins known to read nothing but the pages and the configuration)
    let a site be kept; any other, and Zensical runs."""
    from generator.zensical_out import inputs

    _zensical()
    project = make_project(tmp_path / "p")
    (project / "docs.new").mkdir()
    config = project / "mkdocs.yml"
    config.write_text(without_keys(config.read_text(encoding="utf-8"), (added.split(":")[0],)) + added, encoding="utf-8")
    assert (inputs(Project.at(project), project / "docs.new", config.read_text(encoding="utf-8")) is not None) is kept


def test_the_exports_made_beside_the_worker_are_the_ones_it_would_make_and_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Zensical the build's own process makes the JSON files and search entries while the worker makes the blocks
    (warm.Worker's blocks_only), and, while the worker still works, takes Zensical's site and merges the search entries
    into its index (build._zensical_meanwhile): the site is the one the worker alone makes, and the next build with
    nothing changed has no worker: the blocks kept whole, the JSON files and search entries joined from their kept parts."""
    from generator import warm

    _zensical()
    project = make_project(tmp_path / "p")
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Firebase Authentication configured", "Firebase Authentication set up"), encoding="utf-8")
    with monkeypatch.context() as slow:  # a worker slower than Zensical (as at 10,000 items in a new clone): its blocks come last
        made = warm.Worker.__call__
        slow.setattr(warm.Worker, "__call__", lambda self: (time.sleep(1.5), made(self))[1])
        ran = _build(project, "-v").stderr
    assert "exports, search (here)" in ran and "blocks, exports, search (beside)" in ran
    stages = [re.split(r"\s{2,}", line.strip())[0] for line in ran.splitlines() if line.startswith("  ") and " s  (processor" in line]
    assert stages.index("search entries") < stages.index("blocks, exports, search (beside)"), ran
    assert stages.index("zensical build, the rest") < stages.index("blocks, exports, search (beside)"), ran
    site = _site(project / "site")
    assert b"Firebase Authentication set up" in site["checklist.json"] and b"Firebase Authentication set up" in site["search.json"]
    ran = _build(project, "-v").stderr  # nothing changed: the blocks read back whole, no worker
    assert "(beside)" not in ran and _site(project / "site") == site
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")  # all made in one process, as before
    _build(project)
    assert _site(project / "site") == site


def test_every_link_of_the_navigation_of_a_site_without_directory_urls_is_a_page_zensical_wrote(tmp_path: Path) -> None:
    """`use_directory_urls: false`: the navigation's entries for the pages no Markdown file stands for (a checklist's
    launch-meeting packet) link to the page as written (packet.html), as every other entry does, not to a folder."""
    from selectolax.lexbor import LexborHTMLParser

    _zensical()
    project = make_project(tmp_path / "p")
    project.joinpath("mkdocs.yml").write_text(project.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = run_cli("-C", str(project), "-q", "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in ("index.html", "checklists/realserv-launch/security.html"):
        links = LexborHTMLParser((site / page).read_text(encoding="utf-8")).css("nav.md-nav--primary a.md-nav__link")
        hrefs = {link.attributes.get("href") or "" for link in links} - {""}
        targets = {os.path.normpath(os.path.join(os.path.dirname(page), href.partition("#")[0])) for href in hrefs if not href.startswith("#")}
        assert any(t.endswith("packet.html") for t in targets), targets
        assert all((site / t).is_file() for t in targets), sorted(t for t in targets if not (site / t).is_file())
