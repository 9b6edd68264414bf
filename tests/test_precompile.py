"""Templates compiled ahead on a first build (generator/precompile.py), and kept results written beside the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest

from generator import beside, precompile
from generator.build import Project, build, mkdocs_config
from generator.install import install
from generator.site import environment as site_environment
from generator.site.environment import environment

from .conftest import ROOT, make_project


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(folder))
    monkeypatch.setattr(site_environment, "INSTALLED", tmp_path / "installed")  # no templates compiled at install either
    environment.cache_clear()  # its environments hold the cache folder they were made with
    yield folder
    environment.cache_clear()


def _compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiles from now on (a template read back from the cache is not compiled)."""
    names: list[str | None] = []
    real = jinja2.Environment.compile

    def compiling(self: jinja2.Environment, source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        names.append(name)
        return real(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compiling)
    return names


@pytest.mark.usefixtures("empty_cache")
def test_compile_theme_leaves_nothing_to_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project.at(make_project(tmp_path / "p"))
    precompile.compile_theme(mkdocs_config(project).theme.get_env)
    names = _compiled(monkeypatch)
    theme = mkdocs_config(project).theme.get_env()  # with its cache (engine.listing_pruned), as every environment MkDocs makes
    assert theme.bytecode_cache is not None
    for name in ("main.html", "base.html", "partials/header.html", "partials/nav.html", "partials/toc.html", "404.html", "sitemap.xml"):
        theme.get_template(name)
    assert names == []  # every one read back from the cache


def test_a_first_build_compiles_ahead_and_the_next_compiles_nothing(tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p")
    build(Project.at(root))  # the worker compiles the theme's templates before the blocks
    marks = list((empty_cache / "kept" / "compiled").iterdir())
    assert len(marks) == 1 and not marks[0].name.endswith(".tmp")
    first = (root / "site" / "index.html").read_bytes()
    environment.cache_clear()
    names = _compiled(monkeypatch)
    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")  # all in this process, so that every compile is seen
    build(Project.at(root))
    assert [n for n in names if n and not n.startswith(".icons/")] == []  # the search plugin's language template too
    assert (root / "site" / "index.html").read_bytes() == first


def test_the_mark_says_the_theme_is_compiled(tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mark = precompile.wanted(str(tmp_path))
    assert mark is not None and precompile.theme_first(mark, _Broken(), len, "abc") == 3  # a theme that fails: no mark
    assert precompile.wanted(str(tmp_path)) == mark
    project = Project.at(make_project(tmp_path / "p"))
    assert precompile.theme_first(mark, mkdocs_config(project).theme, len, "ab") == 2
    assert precompile.wanted(str(tmp_path)) is None
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    assert precompile.wanted(str(tmp_path)) is None  # nothing is cached: nothing to compile ahead
    assert empty_cache.is_dir()


class _Broken:
    def get_env(self) -> None:
        raise RuntimeError("a theme MkDocs cannot load")


@pytest.mark.skipif(not beside.can_fork(), reason="no fork here: later() runs in place")
def test_later_runs_beside_and_settle_waits(tmp_path: Path) -> None:
    out = tmp_path / "written"
    beside.later(out.write_text, "done")
    beside.settle()
    assert out.read_text() == "done"
    beside.later(_fail)  # a child that fails is never reported, nor waited for twice
    beside.settle()
    assert beside._pending == []


def _fail() -> None:
    raise RuntimeError("a kept result that could not be written")


@pytest.mark.usefixtures("empty_cache")
def test_a_configuration_warning_is_said_once_on_a_first_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = make_project(tmp_path / "p")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_mkdocs_key: 1\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="checklist_site"):
        build(Project.at(root))
    said = [r.getMessage() for r in caplog.records if "not_a_mkdocs_key" in r.getMessage()]
    assert len(said) == 1, said


@pytest.mark.usefixtures("empty_cache")
def test_compile_pages_leaves_no_page_template_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    precompile.compile_pages()
    environment.cache_clear()  # a new environment, as the next process has: it reads them back
    names = _compiled(monkeypatch)
    env = environment(False)
    for name in env.list_templates(filter_func=lambda n: n.endswith(".md.jinja")):
        env.get_template(name)
    assert names == [] and len(env.list_templates(filter_func=lambda n: n.endswith(".md.jinja"))) > 10


@pytest.mark.usefixtures("empty_cache")
def test_a_first_zensical_build_compiles_each_template_once_and_only_those_it_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Zensical nothing is compiled ahead (``build._Ahead``): across the build's processes (this one, the split's
    other one, the worker) each of our templates is compiled once, and a checklist without runbooks or runs compiles
    none of their templates. Compiled ahead by the split's other process, all of them were, and the worker compiled
    again a template that process had not written yet."""
    from benchmarks.synth import our_project
    from generator.site.paper import paper_environment

    from .test_ecosystem import _zensical

    _zensical()
    root = our_project(tmp_path / "p", 800, ROOT)  # over warm.SMALL: its check is split over two processes
    log = tmp_path / "compiled.log"
    real = jinja2.Environment.compile

    def compiling(self: jinja2.Environment, source: object, name: str | None = None, *args: object, **kwargs: object) -> object:
        with log.open("a", encoding="utf-8") as f:  # appended whole, whichever process compiles (children inherit this)
            f.write(f"{name}\n")
        return real(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compiling)
    environment.cache_clear()  # new environments, as a new process has (another test's hold their templates compiled)
    paper_environment.cache_clear()
    build(Project.at(root), engine="zensical")
    ours = [name for name in log.read_text(encoding="utf-8").split() if name.endswith(".jinja")]
    assert len(ours) == len(set(ours)), sorted(ours)
    assert {"section.md.jinja", "_sheets.html.jinja"} <= set(ours) and not {"runbook.md.jinja", "runs.md.jinja"} & set(ours)


def test_templates_compiled_at_install_leave_a_first_build_nothing_to_compile(tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -P -m generator.install`` (make site, make test) compiles this package's templates and the theme's into
    the installed package: a first build of a new clone, whose cache is empty, compiles none of them (but the theme's
    icons, which Material includes by names made at render time, and the project's own overrides) and builds the same
    site. A compiled template whose bytes changed since is compiled as before."""
    from generator.site.paper import paper_environment

    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")  # all in this process, so that every compile is seen
    names = _compiled(monkeypatch)
    packet = Path("site/checklists/realserv-launch/packet/index.html")

    def first_build(clone: str) -> bytes:
        shutil.rmtree(empty_cache, ignore_errors=True)  # nothing kept
        environment.cache_clear()  # and the environments of a new process
        paper_environment.cache_clear()
        names.clear()
        root = make_project(tmp_path / clone)
        build(Project.at(root))
        return (root / packet).read_bytes()

    without = first_build("a")
    assert "_sheets.html.jinja" in names and "section.md.jinja" in names and "base.html" in names  # compiled as before
    (tmp_path / "installed" / "0123456789abcdef").mkdir(parents=True)  # what an install of other code compiled
    installed = install()
    assert installed == tmp_path / "installed" and (installed / site_environment.settings_name(environment(False))).is_dir()
    assert not (installed / "0123456789abcdef").exists() and len(list(installed.iterdir())) == 3  # the pages', the blocks', the theme's
    assert first_build("b") == without
    assert [n for n in names if n and not n.startswith(".icons/")] == ["main.html"]  # the project's overrides/main.html
    for sealed in installed.glob("*/__jinja2_*.cache"):  # changed since: never run
        sealed.write_bytes(sealed.read_bytes()[:-1] + b"x")
    assert first_build("c") == without
    assert "_sheets.html.jinja" in names and "section.md.jinja" in names and "base.html" in names
