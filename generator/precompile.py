"""Templates compiled at install, and the theme's compiled ahead on a machine whose cache has not got them.

At install (``make site``, ``make test``: ``python -P -m generator.install``) this package's
templates and the theme's are compiled into the installed package (``site.environment.INSTALLED``), as pip compiles
its ``.pyc`` files: every build reads a template from there where the user's cache has not got it, so a first build
compiles none (0.4-0.6 s of processor time at 10,000 items, measured interleaved: MkDocs' first build 2.24 s -> 1.91 s,
Zensical's 2.22 s -> 2.03 s, medians of five). Where the package was installed without it, or the theme or Jinja
changed since, what follows holds.

A build renders with two sets of Jinja templates: this package's (the pages and the paper blocks) and
the theme's (Material's page template and its partials). Jinja compiles a template the first time an
environment loads it, and both environments keep the compiled code in the user's cache folder
(``site.environment.compiled_cache``), so a build on a machine that built before loads it back. The
first build has no such luck: Material's 40-odd templates take 0.15-0.2 s to compile, on the
critical path (MkDocs compiles them as it renders its first page).

So when the cache has not got them (no mark of this code's theme templates for this project), the
forked worker (``beside.py``), which has time to spare while MkDocs converts the pages' Markdown,
first compiles them into the cache (:func:`theme_first`): by the time MkDocs renders its first page
it reads them back. A template the worker has not written yet is compiled by MkDocs as before (Jinja
writes each one whole beside and renames it into place, so a reader sees none or all of it). Our own
templates are compiled where they are first used (the pages' in this process, the blocks' in the
worker), unless a large checklist's check was split (``format/split.py``) under MkDocs: its other process then
compiles the pages' templates (under Zensical nothing is compiled ahead: see ``build._Ahead``). Where the system
cannot fork, or caching is off, nothing is compiled ahead.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import kept

T = TypeVar("T")
ROOTS = ("main.html", "404.html", "sitemap.xml")  # what MkDocs renders with the theme; their includes follow
_MARK = "compiled"  # the stage name of the mark: the theme's templates were compiled for this project under this code


def wanted(root: str) -> Path | None:
    """The mark to write once the theme's templates are compiled into the cache for the project at ``root``; None when
    they were (or nothing is cached)."""
    mark = kept.place(_MARK, root)
    return None if mark is None or _marked(mark) else mark


def theme_first(mark: Path | None, theme: Any, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, after compiling ``theme``'s templates into the cache when ``mark`` says they are not there (run by
    the worker, which has time to spare before MkDocs renders its first page); a failure here is the build's to meet."""
    if mark is not None:
        try:
            compile_theme(theme.get_env)
            _mark(mark)
        except Exception:  # noqa: BLE001 - MkDocs compiles what it needs as before, and reports what it cannot
            pass
    return fn(*args)


def compile_pages() -> None:
    """Compile this package's page templates (``*.md.jinja``, which the build renders right after the check) into the cache."""
    from .site.environment import environment

    env = environment(False)
    if env.bytecode_cache is not None:
        for name in env.list_templates(filter_func=lambda n: n.endswith(".md.jinja")):
            env.get_template(name)


def compile_theme(theme_env: Callable[[], Any]) -> None:
    """Compile the theme's templates (``ROOTS`` and the templates they name) into the cache, as MkDocs' environment has
    them; nothing where they were compiled at install (``generator.install``): MkDocs reads each from there."""
    from .site.environment import INSTALLED, compiled_cache, settings_name

    env = theme_env()
    if (INSTALLED / settings_name(env) / THEME_DONE).is_file():
        return
    env.bytecode_cache = env.bytecode_cache or compiled_cache(env)
    if env.bytecode_cache is not None:
        _compile_closure(env, ROOTS)


THEME_DONE = "theme.done"  # in a folder of templates compiled at install: the theme's are all there


def _compile_closure(env: Any, roots: tuple[str, ...]) -> None:
    """Compile ``roots`` and every template they extend, include or import by a constant name into ``env``'s cache."""
    import jinja2

    todo, seen = list(roots), set(roots)
    while todo:
        try:
            named = _compile_one(env, todo.pop())
        except jinja2.TemplateError:
            continue  # a theme without it, or a template that does not compile: the build reports it, as before
        fresh = {name for name in named if name and name not in seen}
        seen |= fresh
        todo += sorted(fresh)


def _compile_one(env: Any, name: str) -> list[str | None]:
    """Compile ``name`` into the cache as Jinja's loader would (the same bucket, the same code), parsed once; returns
    the names of the templates it extends, includes or imports (None for a name made at render time)."""
    from jinja2 import meta

    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    cache = env.bytecode_cache
    bucket = cache.get_bucket(env, name, filename, source)
    if bucket.code is None:
        bucket.code = env.compile(tree, name, filename)
        cache.set_bucket(bucket)
    return list(meta.find_referenced_templates(tree))


def _marked(mark: Path) -> bool:
    try:
        return bool(mark.read_text(encoding="ascii") == kept.key(_MARK))
    except (OSError, UnicodeDecodeError):
        return False


def _mark(mark: Path) -> None:
    with contextlib.suppress(OSError):
        mark.parent.mkdir(parents=True, exist_ok=True)
        tmp = mark.with_name(f"{mark.name}.{os.getpid()}.tmp")
        tmp.write_text(kept.key(_MARK), encoding="ascii")
        os.replace(tmp, mark)
        kept.prune(mark.parent, kept.KEEP_FILES)
