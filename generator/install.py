"""What installing the package does after pip has copied it: its Jinja templates, and the theme's, compiled once.

``make site`` and ``make test`` run ``python -P -m generator.install`` after ``pip install`` (``-P``: the installed
package, not the working folder's), as pip compiles the package's ``.pyc`` files: a first build then compiles no
template (``site.environment.INSTALLED``; ``precompile`` says what happens where it was not run).
"""

from __future__ import annotations

from pathlib import Path

from .build import Project, mkdocs_config
from .precompile import ROOTS, THEME_DONE, _compile_closure, _compile_one


def install(skeleton: Path | None = None) -> Path:
    """Compile this package's templates, and the theme's as a project made by ``init`` has it (``skeleton``: that
    project's folder, holding mkdocs.yml and overrides/), into the folder of templates compiled at install
    (``site.environment.INSTALLED``), which every build reads where the user's cache has not got one: ``make site``
    and ``make test`` run it after installing the package (``python -P -m generator.install``), as pip compiles the
    package's ``.pyc`` files. Each template is kept under the digest of its source, the folder under that of the
    package's code and its libraries' versions (``settings_name``): a template changed since, or another version of
    Jinja, MkDocs or Material, is compiled by the build as before. Returns the folder."""
    import shutil
    import tempfile

    from .site.environment import INSTALLED, _Compiled, environment, settings_name
    from .site.layout import DIRECTORY_URLS

    for env, kind in ((environment(False), ".md.jinja"), (environment(True, DIRECTORY_URLS), ".html.jinja")):  # the pages', the blocks'
        env.bytecode_cache = _Compiled(str(_folder(INSTALLED / settings_name(env))))
        for name in env.list_templates():
            if name.endswith(kind):
                _compile_one(env, name)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        source = skeleton or Path(__file__).parent / "skeleton"
        shutil.copy(source / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(source / "overrides", root / "overrides")
        (root / "docs").mkdir()
        theme = mkdocs_config(Project.at(root), warn=False).theme.get_env()
        folder = _folder(INSTALLED / settings_name(theme))
        theme.bytecode_cache = _Compiled(str(folder))
        _compile_closure(theme, ROOTS)
        (folder / THEME_DONE).write_text("the theme's templates (precompile.ROOTS and those they name) are compiled here\n", encoding="ascii")
        written = {settings_name(environment(False)), settings_name(environment(True, DIRECTORY_URLS)), folder.name}
    for old in INSTALLED.iterdir():  # what an install of other code, or of other libraries, compiled
        if old.name not in written:
            shutil.rmtree(old, ignore_errors=True)
    return INSTALLED


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


if __name__ == "__main__":
    print(f"templates compiled into {install()}")
