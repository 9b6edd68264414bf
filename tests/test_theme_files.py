"""MkDocs lists the theme's files through ``engine.ThemeLoader``: the same files copied into the site, without walking the hidden folders."""

from __future__ import annotations

from pathlib import Path

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.structure.files import Files

from generator.build import mkdocs_config
from generator.engine import ThemeLoader
from generator.project import Project

from .conftest import make_project


def _copied(env: jinja2.Environment, config: object) -> list[str]:
    files = Files([])
    files.add_files_from_theme(env, config)  # type: ignore[arg-type]
    return sorted(f.src_uri for f in files)


def test_material_gives_the_same_files_to_copy(tmp_path: Path) -> None:
    config = mkdocs_config(Project.at(make_project(tmp_path / "p")), warn=False)
    env = config.theme.get_env()
    assert isinstance(env.loader, ThemeLoader)  # what mkdocs_config gives MkDocs
    plain = jinja2.FileSystemLoader(env.loader.searchpath)  # as MkDocs makes it
    ours = _copied(env, config)
    env.loader = plain
    assert ours == _copied(env, config) and len(ours) > 20
    assert env.get_template(".icons/material/check.svg") is not None  # a hidden folder's templates still load


NAMES = st.sampled_from(["a", "b.css", ".hidden", ".icons", "x.html", "README.md", "c.js", "locales", "d.py", "e"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(NAMES, min_size=1, max_size=4), min_size=1, max_size=12))
def test_any_tree_gives_what_mkdocs_would_copy(tmp_path_factory: object, paths: list[list[str]]) -> None:
    root = Path(tmp_path_factory.mktemp("theme"))  # type: ignore[attr-defined]
    for parts in paths:
        target = root.joinpath(*parts)
        if any(p.is_file() for p in [root.joinpath(*parts[:n]) for n in range(1, len(parts))]) or target.is_dir():
            continue  # a file where a folder is wanted, or the other way round
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("x", encoding="utf-8")
    config = _Config(str(root))
    plain = jinja2.Environment(loader=jinja2.FileSystemLoader([str(root)]))
    ours = jinja2.Environment(loader=ThemeLoader([str(root)]))
    assert _copied(ours, config) == _copied(plain, config)


class _Config:
    """What ``Files.add_files_from_theme`` reads of MkDocs' configuration."""

    def __init__(self, folder: str) -> None:
        self.site_dir, self.use_directory_urls, self.theme = "/site", True, _Theme([folder])


class _Theme:
    def __init__(self, dirs: list[str]) -> None:
        self.dirs, self.static_templates = dirs, ["404.html"]
