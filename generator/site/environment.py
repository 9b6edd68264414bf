"""The Jinja environments of the package's templates, made once and cached: `serve` renders on every edit.

Markdown templates (``*.md.jinja``) are not autoescaped: data text goes through ``escape.py``, the
function of its kind for its place (the filters below; printed without one, it is escaped for the
Markdown page). HTML templates (``*.html.jinja``, the paper blocks) are autoescaped and take item
text as the HTML ``items.py`` makes. Both get the layout's slots and links.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from markupsafe import Markup

from .. import kept
from ..format.bidi import direction, embedded, isolated, numbered, unmarked
from ..format.fold import record_folder, status_file
from ..format.history import stamp, undone
from ..format.oncall import first_command
from ..format.readiness import latest_date, readiness
from ..format.types import FilePath, Text
from ..kept import cache_folder
from . import escape, layout
from .items import alias, critical_by_section, critical_task_list, link_text_html, record_line, shown_html, task_list
from .lists import group_slot, instructions_slot, section_items


def heading_attrs(title: str, anchor: str = "") -> str:
    """A Markdown heading's attribute list: its anchor, and ``dir=rtl`` where its title is written right to left
    (``bidi.direction``), so that it starts at the right as its words do; nothing where it needs neither.

    >>> heading_attrs("אבטחה", "security"), heading_attrs("Security", "security"), heading_attrs("אבטחה"), heading_attrs("Security")
    (' {#security dir=rtl}', ' {#security}', ' {dir=rtl}', '')
    """
    attrs = ([f"#{anchor}"] if anchor else []) + (["dir=rtl"] if direction(title) == "rtl" else [])
    return f" {{{' '.join(attrs)}}}" if attrs else ""


def dir_attr(title: str) -> Markup:
    """An HTML heading's ``dir`` attribute where its title is written right to left (as :func:`heading_attrs`)."""
    return Markup(' dir="rtl"') if direction(title) == "rtl" else Markup("")


def _css(value: object) -> str:
    """A CSS string: a data text through its kind's CSS escape, our own words (a plain str) as they are, escaped."""
    if isinstance(value, Text):
        return escape.css(value)
    if isinstance(value, Markup):
        raise TypeError("HTML (a filtered data text) cannot go into a CSS string: pass the text itself")
    return escape.css_string(str(value))


def compiled_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """A cache of ``env``'s compiled templates between runs, like Python's ``__pycache__``: in the user's cache folder
    (:func:`generator.kept.cache_folder`: ``$CHECKLIST_SITE_CACHE``, else ``$XDG_CACHE_HOME/checklist-site``, else
    ``~/.cache/checklist-site``), never in the project. Jinja compiles a template afresh when its source changed (it
    compares a checksum); the folder is one per Jinja version, per setting that changes the compiled code
    (extensions, autoescape, whitespace, delimiters) and per version of this package and its libraries
    (:func:`generator.kept.code`: the filters, which Jinja applies to constants while compiling), so an environment
    never gets another's code. None when caching is off or the folder cannot be made: templates are then compiled as
    before.

    A template the user's cache has not got is read from the templates compiled at install (:data:`INSTALLED`,
    ``python -P -m generator.install``, which ``make site`` and ``make test`` run after installing, as pip compiles
    the package's ``.pyc`` files), in a folder of the same name: so a first build compiles none of them either.
    """
    base = cache_folder()
    if base is None:
        return None
    name = settings_name(env)
    folder = base / "templates" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Compiled(str(folder), INSTALLED / name)


def settings_name(env: jinja2.Environment) -> str:
    """The name of the folder of ``env``'s compiled templates: a digest of what its compiled code depends on."""
    escaping = env.autoescape if isinstance(env.autoescape, bool) else getattr(env.autoescape, "__qualname__", "?")
    settings: tuple[Any, ...] = (jinja2.__version__, sorted(env.extensions), escaping)
    settings += (env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline, env.finalize is not None)
    settings += (env.block_start_string, env.variable_start_string, env.comment_start_string, env.line_statement_prefix)
    settings += (kept.code(),)  # the filters' code: Jinja applies a filter to a constant while compiling, and keeps its result
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


INSTALLED = Path(__file__).resolve().parent.parent / "compiled"  # the templates compiled at install (not in git; not a source)


class _Compiled(jinja2.FileSystemBytecodeCache):
    """Jinja's cache in a folder, where a file that cannot be read or written is a template compiled as before, never an
    error; and so is one whose bytes are not those written (``kept.sealed``): Jinja runs the code a file holds, checking
    only that its template's source is the same, so a compiled template changed in the cache changed the site.
    ``installed``: the folder of the templates compiled at install, read where the cache has not got one (never
    written: it is the package's, like its ``.pyc`` files, and read as the package's code is, whoever owns it)."""

    def __init__(self, directory: str, installed: Path | None = None) -> None:
        super().__init__(directory)
        self.installed = installed

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._read(self._get_cache_filename(bucket), owned=True)
        if code is None and self.installed is not None:
            code = self._read(str(self.installed / os.path.basename(self._get_cache_filename(bucket))), owned=False)
        if code is None:
            bucket.reset()
        else:
            bucket.bytecode_from_string(code)

    @staticmethod
    def _read(path: str, owned: bool) -> bytes | None:
        try:
            with open(path, "rb") as f:
                return kept.unsealed(f.read()) if not owned or kept.mine(f.fileno()) else None
        except OSError:
            return None

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        path = self._get_cache_filename(bucket)
        temp = f"{path}.{os.getpid()}.tmp"
        try:
            with open(temp, "wb") as f:
                f.write(kept.sealed(bucket.bytecode_to_string()))
            os.replace(temp, path)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def plural(n: int, word: str) -> str:
    """A count with its noun, in the singular for one: what every template writes before a noun ("1 variable").

    >>> plural(1, "blocker"), plural(2, "blocker"), plural(0, "step")
    ('1 blocker', '2 blockers', '0 steps')
    """
    return f"{n} {word}" + ("" if n == 1 else "s")


@lru_cache(maxsize=None)
def environment(autoescape: bool = False, urls: layout.Urls = layout.DIRECTORY_URLS) -> jinja2.Environment:
    """The Markdown templates' environment, or (``autoescape``) the HTML templates' for that URL style."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown attribute lists are written {#id}: keep Jinja comments out of their way.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.globals.update(critical_by_section=critical_by_section, status_file=status_file, record_folder=record_folder, plural=plural, stamp=stamp, undone=undone)
    # A title shown after a number or inside our words, escaped for its place first: isolated (format/bidi.py); the text
    # of a running header or footer, cut to fit the page's margin (escape.shortened).
    env.filters.update(numbered=lambda t, n, between=". ": numbered(n, t, between), isolated=isolated, embedded=embedded, shortened=escape.shortened)
    if autoescape:
        # A data text printed without a filter goes in through its kind's HTML function (escape.py).
        env.finalize = lambda value: Markup(escape.html(value)) if isinstance(value, Text) else value
        env.filters.update(
            # A data text goes through its kind; our own words composed with data (str) are autoescaped.
            text=lambda t: Markup(escape.attr(unmarked(t))) if isinstance(t, Text) else escape.strip_links(t),  # titles: no link syntax, no marks
            inline=lambda t: shown_html(t, urls) if isinstance(t, Text) else t,  # isolated when right to left (items.shown_html)
            # in a link of ours: link syntax dropped
            inline_text=lambda t: link_text_html(t, urls) if isinstance(t, Text) else escape.strip_links(t),
            href=urls.href,
            dir_attr=dir_attr,  # a heading written right to left starts at the right
            css=lambda t: Markup(_css(t)),  # CSS-escaped (never HTML-escaped first): safe in <style> as it is
        )
        env.globals.update(
            task_list=lambda items, states=None, ordered=False: task_list(items, states, ordered, urls),
            record_line=lambda entry: record_line(entry, urls), critical_task_list=lambda rows, states=None: critical_task_list(rows, states, urls),
        )
    else:
        # Every data text reaches the page through the function of its kind for its place (escape.py);
        # one printed without a filter is escaped for the Markdown page by its kind.
        env.finalize = lambda value: escape.markdown(value) if isinstance(value, Text) else value
        env.filters.update(
            md=escape.markdown,
            md_block=escape.markdown,
            html=escape.html,  # a data text inside raw HTML on a Markdown page
            plain=escape.link_text,
            attr=escape.attr,  # then code_words for the text of a raw-HTML <code>: its words kept whole
            code_words=escape.code_words, comment=escape.comment,
            front=escape.front_matter,
            path_attr=lambda t: escape.attr(FilePath(t)),  # a file path the template composes (the status file's)
            lcfirst=lambda value: type(value)(value[:1].lower() + value[1:]),
            css=_css,
            page_title=escape.front_matter_title,  # title: in front matter, what <title> and the header print
            fence=escape.fence,
            format_alias=alias,
            indent4=lambda t: t.replace("\n", "\n    "),
            heading_attrs=heading_attrs,  # {#anchor dir=rtl} after a heading's title
        )
        env.globals.update(slot=layout.slot, group_slot=group_slot, instructions_slot=instructions_slot, section_items=section_items)
        env.globals.update(readiness=readiness, latest_date=latest_date, runbook_url=layout.runbook_url, first_command=first_command)
        env.globals.update(variable_anchor=layout.variable_anchor)
    env.bytecode_cache = compiled_cache(env)
    return env
