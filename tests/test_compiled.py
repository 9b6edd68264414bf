"""Compiled templates kept between runs (site/environment.py compiled_cache): the same output, never an error."""

from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from generator.site.environment import compiled_cache


def _env(folder: Path, monkeypatch: pytest.MonkeyPatch, autoescape: bool = False) -> jinja2.Environment:
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(folder))
    env = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ x }}{% for i in range(2) %}-{{ i }}{% endfor %}"}), autoescape=autoescape)
    env.bytecode_cache = compiled_cache(env)
    return env


def test_a_template_compiled_once_is_loaded_compiled_and_renders_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _env(tmp_path, monkeypatch).get_template("t.html").render(x="<b>")
    kept = list(tmp_path.rglob("*.cache"))
    assert len(kept) == 1
    assert _env(tmp_path, monkeypatch).get_template("t.html").render(x="<b>") == first == "<b>-0-1"
    # another setting that changes the compiled code (autoescape) gets its own folder, not the code compiled without it
    assert _env(tmp_path, monkeypatch, autoescape=True).get_template("t.html").render(x="<b>") == "&lt;b&gt;-0-1"
    assert len(list(tmp_path.rglob("*.cache"))) == 2


def test_no_cache_where_it_is_turned_off_or_cannot_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _env(Path("off"), monkeypatch).bytecode_cache is None
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert _env(tmp_path / "file" / "below", monkeypatch).bytecode_cache is None  # a folder that cannot be made


def test_a_cache_file_that_cannot_be_written_or_read_is_a_template_compiled_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object, **__: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", refused)
    assert _env(tmp_path, monkeypatch).get_template("t.html").render(x=1) == "1-0-1"
    monkeypatch.setattr(jinja2.bccache, "open", refused, raising=False)
    (tmp_path / "x").mkdir()
    env = _env(tmp_path / "x", monkeypatch)
    assert env.get_template("t.html").render(x=2) == "2-0-1"


def test_a_filter_jinja_applied_while_compiling_is_applied_again_by_other_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Jinja applies a filter to a constant while it compiles (``{{ 'x' | shout }}`` is compiled to its result): the
    compiled code holds what the filter gave, so another version of the package (its filters changed, the template
    not) never loads it."""
    from generator import kept

    def env(shout: str) -> jinja2.Environment:
        made = jinja2.Environment(loader=jinja2.DictLoader({"t.html": "{{ 'x' | shout }}"}))
        made.filters["shout"] = lambda text: text.upper() + shout
        made.bytecode_cache = compiled_cache(made)
        return made

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", str(tmp_path))
    assert env("!").get_template("t.html").render() == "X!"
    monkeypatch.setattr(kept, "code", lambda: "the package with its filter changed")
    assert env("?").get_template("t.html").render() == "X?"
