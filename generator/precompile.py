"""Templates compiled ahead: on a machine whose cache has not got them, a forked child compiles them while the data is checked.

A build renders with two sets of Jinja templates: this package's (the pages and the paper blocks) and
the theme's (Material's page template and its partials). Jinja compiles a template the first time an
environment loads it, and both environments keep the compiled code in the user's cache folder
(``site.environment.compiled_cache``), so a build on a machine that built before loads it back. The
first build has no such luck: about 60 templates, 0.25-0.3 s of compiling on the build's critical
path (our page templates are needed right after the check, Material's by MkDocs).

So when the cache has not got them (no mark of this code's templates for this project), :func:`ahead`
forks a child that compiles them into the cache, on the second core, while this process checks the
data; the child ends with ``os._exit``, writes nothing into the project, and the build never waits for
it (a template it has not written yet is compiled by the build as before: Jinja writes each one whole
beside and renames it into place, so a reader sees none or all of it). Where the system cannot fork,
or caching is off, nothing is done ahead: templates are compiled as they are needed, as before.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import kept
from .beside import can_fork, later

ROOTS = ("main.html", "404.html", "sitemap.xml")  # what MkDocs renders with the theme; their includes follow
_MARK = "compiled"  # the stage name of the mark: this project's templates were compiled ahead under this code


def ahead(root: str, theme: Callable[[], Any] | None) -> None:
    """Compile the templates in a forked child (:func:`beside.later`), when the cache lacks them.

    ``theme``: gives the theme MkDocs builds with (None: no theme, Zensical's build). It is called here, before the
    fork, so that the child finds MkDocs imported and its configuration read (the build needs both next anyway); a
    configuration MkDocs refuses is left for the build to report, in its place."""
    mark = kept.place(_MARK, f"{root}\0{theme is not None}")
    if mark is None or not can_fork() or _marked(mark):
        return
    try:
        made = theme() if theme is not None else None
    except Exception:  # noqa: BLE001 - the build reads the configuration again and says what is wrong with it
        return
    later(_compile, mark, made.get_env if made is not None else None)


def _compile(mark: Path, theme_env: Callable[[], Any] | None) -> None:
    compile_all(theme_env)
    _mark(mark)


def compile_all(theme_env: Callable[[], Any] | None) -> None:
    """Compile this package's templates and the theme's (``ROOTS`` and the templates they name) into the cache."""
    from .site.environment import compiled_cache, environment

    for autoescape, suffix in ((False, ".md.jinja"), (True, ".html.jinja")):
        env = environment(autoescape)
        for name in env.list_templates(filter_func=lambda n, s=suffix: n.endswith(s)):  # type: ignore[misc]
            env.get_template(name)
    if theme_env is None:
        return
    env = theme_env()
    env.bytecode_cache = env.bytecode_cache or compiled_cache(env)
    if env.bytecode_cache is not None:
        _compile_closure(env, ROOTS)


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
