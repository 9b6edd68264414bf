"""What a build with Zensical needs of mkdocs.yml, read without MkDocs.

`build --engine zensical` needs four values of the project's configuration: where the pages are (``docs_dir``),
where the site goes (``site_dir``), its ``site_url`` and ``use_directory_urls``. MkDocs' own reading of the file
(``build.mkdocs_config``) imports MkDocs, Material, its plugins and every Markdown extension named, and validates all of
them: 0.14 s before the build can go on, for a configuration Zensical reads itself. :func:`read` takes those four
values from the file as MkDocs would make them (the same defaults, paths made absolute from the file's folder, a slash
ended to the URL), and only where that is certain: a file with ``INHERIT``, a tag (``!ENV``, ``!relative``) on one of
them, a value MkDocs would refuse (or the build: a site address that is not http(s), ``site_url_problem``, or markup in
a key the theme prints as HTML, ``config_text_problem``; an option a Markdown extension does not have,
``extension_option_problems``; an option of Material's ``theme:`` it does not have, ``theme_options``), or a
``nav`` (which Zensical would use as it is: the build refuses it) gives None, and the build reads it with MkDocs,
which reports what it finds as before, before Zensical runs. A property test holds the two readings to the
same values.
"""

from __future__ import annotations

import contextlib
import difflib
import html
import importlib.util
import json
import os
import pkgutil
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

import yaml

from . import kept, theme_options
from .errors import Issue, Loc
from .format.load import MAX_BYTES, unreadable_text
from .format.load import duplicate_keys as duplicate_keys_in
from .format.markup import allowed
from .project import Project


class _Tagged:
    """A value written with a tag of MkDocs' or of a Python module's (``!ENV``, ``!!python/name:``): MkDocs' to read."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """YAML's safe loader, with every other tag read as :class:`_Tagged` (nothing is constructed from it)."""


_Loader.add_multi_constructor("", lambda _loader, _suffix, _node: _Tagged())


@dataclass(frozen=True)
class Facts:
    """The values of mkdocs.yml a build with Zensical uses, as MkDocs' configuration holds them (``facts["docs_dir"]``)."""

    docs_dir: str
    site_dir: str
    site_url: str | None
    use_directory_urls: bool
    nav: None = None  # a nav of the user's is MkDocs' to read (and the build's to refuse)
    theme: None = None  # no theme's templates to compile ahead: Zensical renders the pages

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


def read(project: Project, site_url: str | None = None) -> Facts | None:
    """The :class:`Facts` of the project's mkdocs.yml (``site_url``: the command line's, in place of the file's), or None
    where MkDocs must read the file: it cannot be read plainly, or MkDocs could read it otherwise or refuse it."""
    path = str(project.config)
    try:
        with open(path, encoding="utf-8") as f:
            raw = yaml.load(f.read(), Loader=_Loader)  # noqa: S506 - a safe loader: plain values, tags read as _Tagged
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):  # ValueError: an int or date Python cannot make
        return None
    if not isinstance(raw, dict) or "INHERIT" in raw or raw.get("nav") is not None:
        return None
    folder = os.path.dirname(path)
    docs, site = _folder(raw.get("docs_dir", "docs"), folder), _folder(raw.get("site_dir", "site"), folder)
    url, directory = _url(site_url if site_url is not None else raw.get("site_url")), raw.get("use_directory_urls", True)
    if docs is None or site is None or url is False or not isinstance(directory, bool) or not os.path.isdir(docs):
        return None
    if folder == docs or _within(docs, site) or _within(site, docs):  # MkDocs refuses these
        return None
    if settings_problems(raw) or _tagged(raw) or _theme_problems(raw, Path(folder)):
        return None  # the build refuses them, located (a tagged value is MkDocs' to resolve)
    if _extension_problems(raw):  # an option a Markdown extension does not have: refused before Zensical runs, at the option
        return None
    if duplicate_keys(project.config, path):  # YAML kept the last: refused at the second
        return None
    return Facts(docs, site, url if isinstance(url, str) else None, directory)


def _tagged(raw: dict[str, Any]) -> bool:
    """Whether a value the build checks (``settings_problems``) is written with a tag (``!ENV SCOPE``): only MkDocs'
    reading knows what it is, so it reads the file and the check sees the value (Zensical would print it unchecked).
    Each aliased list or mapping is looked at once, as ``_strings`` reads them."""
    seen: set[int] = set()
    todo: list[object] = [raw.get(key) for key in (*PRINTED_AS_HTML, *ADDRESSES, *HTML_KEYS, *ASSETS, "extra", "theme")]
    while todo:
        value = todo.pop()
        if isinstance(value, _Tagged):
            return True
        if isinstance(value, (dict, list)) and id(value) not in seen:
            seen.add(id(value))
            todo.extend(value.values() if isinstance(value, dict) else value)
    return False


def custom_dir(project: Project) -> Path | None | bool:
    """The theme's custom folder that mkdocs.yml names (None: none), or False where that cannot be told without MkDocs."""
    try:
        with open(project.config, encoding="utf-8") as f:
            raw = yaml.load(f.read(), Loader=_Loader)  # noqa: S506 - a safe loader: plain values, tags read as _Tagged
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):  # ValueError: an int or date Python cannot make
        return False
    theme = raw.get("theme") if isinstance(raw, dict) else None
    if theme is None or isinstance(theme, str):
        return None
    folder = theme.get("custom_dir") if isinstance(theme, dict) else _Tagged()
    if folder is None:
        return None
    return project.config.parent / folder if isinstance(folder, str) else False


def named(project: Project) -> set[str] | None:
    """The names of the Markdown extensions and the plugins mkdocs.yml lists (``md:abbr``, ``plugin:search``; a plugin's
    without Material's ``material/``, the extensions of a ``pymdownx:`` mapping as ``pymdownx.NAME``), or None where that
    cannot be told without MkDocs."""
    try:
        with open(project.config, encoding="utf-8") as f:
            raw = yaml.load(f.read(), Loader=_Loader)  # noqa: S506 - a safe loader: plain values, tags read as _Tagged
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):  # ValueError: an int or date Python cannot make
        return None
    if not isinstance(raw, dict):
        return None
    found: set[str] = set()
    for key, kind in (("markdown_extensions", "md:"), ("plugins", "plugin:")):
        value = raw.get(key) or []
        if isinstance(value, dict):  # a mapping: its keys, and Zensical's shorthand ``pymdownx: {NAME: ...}`` for pymdownx.NAME
            pymdownx = value.get("pymdownx")
            shorthand: dict[Any, Any] = pymdownx if isinstance(pymdownx, dict) else {}
            value = [name for name in value if not shorthand or name != "pymdownx"] + [f"pymdownx.{name}" for name in shorthand]
        if not isinstance(value, list):
            return None
        names = [next(iter(item)) if isinstance(item, dict) and len(item) == 1 else item for item in value]  # a name, or {name: options}
        if not all(isinstance(name, str) for name in names):
            return None
        found |= {kind + name.removeprefix("material/").removeprefix("markdown.extensions.") for name in names}
    return found


def _folder(value: object, folder: str) -> str | None:
    """A folder setting made absolute as MkDocs makes it (``config_options.Dir``); None for a value it would not take."""
    if not isinstance(value, str):
        return None
    return os.path.abspath(os.path.join(folder, value) if folder and not os.path.isabs(value) else value)


def _within(inner: str, outer: str) -> bool:
    return (inner + os.sep).startswith(outer.rstrip(os.sep) + os.sep)


def _url(value: object) -> str | None | bool:
    """``site_url`` as MkDocs makes it (``config_options.URL(is_dir=True)``): None when unset, False for a value it refuses."""
    if value is None or value == "":
        return value
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if not (parts.scheme and parts.netloc) or site_url_problem(value):
        return False  # MkDocs' reading says what is wrong
    return urlunsplit(parts._replace(path=parts.path if parts.path.endswith("/") else parts.path + "/"))


# A site's address: http(s), and nothing that could end the attribute or the element it is written in (every page's
# canonical link, the sitemap, the exports' and the alarm map's URLs): no quotes, blanks, angle brackets or controls;
# nor a brace, which no URL holds (RFC 3986) and which the tools reading the alarm map read as a template: Prometheus
# expands an annotation's '{{$value}}' (and Alertmanager and Grafana theirs), Terraform a '${x}'.
_SITE_URL = re.compile(r"https?://[^\s\"'<>`\\{}\x00-\x1f\x7f-\x9f]+", re.IGNORECASE)
SITE_URL_HINT = "give the address the site is published at, e.g. https://runbooks.example.org/"


def site_url_problem(value: str) -> str:
    """What is wrong with ``value`` as the site's address ('' when nothing; an empty address is none).

    MkDocs takes any scheme with a host (``javascript://x/%0aalert(1)``) and any character.

    >>> site_url_problem("https://runbooks.example.org/"), site_url_problem("")
    ('', '')
    >>> site_url_problem("javascript://x/%0aalert(1)")
    "expected an http(s) address (no quotes, blanks, angle brackets or braces), but got 'javascript://x/%0aalert(1)'"
    >>> site_url_problem("https://x.test/{{$value}}/") != ""
    True
    """
    if value == "" or (_SITE_URL.fullmatch(value) and urlsplit(value).netloc):
        return ""
    return f"expected an http(s) address (no quotes, blanks, angle brackets or braces), but got '{value}'"


# Keys of mkdocs.yml the theme prints into every page as they are, as HTML (Material and Zensical: the <title>, the
# header, the aria-label and content="" attributes, the repository link): a '<' is markup there, a '"' ends the
# attribute. The build's scan refused such a site, but blamed checklist-site's escaping and named no key.
PRINTED_AS_HTML = ("site_name", "site_description", "site_author", "repo_name")
ADDRESSES = ("repo_url",)  # an address of every page's header: http(s) only, as site_url
_MARKUP = re.compile(r"[<>\"\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONFIG_TEXT_HINT = "the theme prints it into every page as HTML, as it is: leave out '<', '>' and '\"', written or as references (or write the words)"


def config_text_problem(key: str, value: object) -> str:
    """What is wrong with ``value`` of mkdocs.yml's ``key`` (one the theme prints as HTML, or an address of every page),
    '' when nothing (or when the key is not one of those, or not a text: MkDocs' reading says what is wrong then).

    >>> config_text_problem("site_name", "R&D's launch checklists"), config_text_problem("site_name", None)
    ('', '')
    >>> print(config_text_problem("site_name", 'Ops</title><script>alert(1)</script>'))
    expected plain text without '<', '>', '"' or line breaks, but got 'Ops</title><script>alert(1)</script>'
    """
    if not isinstance(value, str):
        return ""
    if key in ADDRESSES:
        return site_url_problem(value)
    if key in PRINTED_AS_HTML and _MARKUP.search(value):
        return f"expected plain text without '<', '>', '\"' or line breaks, but got {value!r}"
    return ""


# Keys whose text the theme prints as HTML by design (a footer's '&copy; <a href="...">Team</a>'): markup is welcome, but
# nothing that could run script or swallow the page (the build's scan rule for a fragment, ``scan.fragment_hits``).
HTML_KEYS = ("copyright",)
# The values of ``extra`` as Material and Zensical print them (paths without list indices): HTML by design, inside a
# string of an inline <script> (``new URL("{{ scope }}")``, ``gtag("config", "{{ property }}")``), or an address
# (``href="{{ social.link }}"``, ``<script src="{{ polyfill }}">``); every other text of ``extra`` is printed as it is into
# an attribute or an element (a status's title="", a tag's class, an alternate language's name) or read by an override.
EXTRA_HTML = ("consent.title", "consent.description", "analytics.feedback.ratings.note")
EXTRA_SCRIPT = ("scope", "analytics.property")
EXTRA_ADDRESSES = ("homepage", "polyfills", "social.link", "alternate.link")
_IN_SCRIPT = re.compile(r"[^\s\"'`<>\\\x00-\x1f\x7f-\x9f\u2028\u2029]*")
Path_ = tuple[str | int, ...]


def settings_problems(raw: dict[str, Any]) -> list[tuple[Path_, str, str]]:
    """Each value of mkdocs.yml (``raw``: its top-level keys) that the theme would print into every page as markup it
    was not meant to be: (the key's path, what is wrong, the hint); none for a text MkDocs' reading says is wrong."""
    found: list[tuple[Path_, str, str]] = []
    for key in PRINTED_AS_HTML + ADDRESSES:
        if problem := config_text_problem(key, raw.get(key)):
            found.append(((key,), problem, CONFIG_TEXT_HINT if key in PRINTED_AS_HTML else "give the repository's http(s) address"))
    for key in HTML_KEYS:
        if isinstance(raw.get(key), str) and (problem := html_problem(raw[key])):
            found.append(((key,), problem, HTML_HINT))
    for path, value in _strings(raw.get("extra"), ("extra",)):
        if wrong := _extra_problem(".".join(str(part) for part in path[1:] if isinstance(part, str)), value):
            found.append((path, *wrong))
    for path, value in _strings(raw.get("theme") if isinstance(raw.get("theme"), dict) else None, ("theme",)):
        if wrong := _theme_problem(path, value):
            found.append((path, *wrong))
    found += [(path, problem, ASSET_HINT) for path, address in _assets(raw) if (problem := asset_problem(address))]
    return found + [(path, _PLAIN_PROBLEM.format(title), NAV_HINT) for path, title in _nav_titles(raw.get("nav"), ("nav",)) if _MARKUP.search(title)]


# The titles of mkdocs.yml's nav: the theme prints each into the navigation of every page as it is, as HTML.
NAV_HINT = "the theme prints the navigation's titles into every page as HTML, as they are: leave out '<', '>' and '\"'"
_PLAIN_PROBLEM = "expected plain text without '<', '>', '\"' or line breaks, but got {!r}"


def _nav_titles(value: object, path: Path_, depth: int = 0) -> Iterator[tuple[Path_, str]]:
    """Each title of a nav (a list of pages: a path, or {title: path or a list of pages}), with its path of keys."""
    if isinstance(value, list) and depth <= 50:
        for n, entry in enumerate(value):
            for title, inner in entry.items() if isinstance(entry, dict) else ():
                if isinstance(title, str):
                    yield (*path, n, title), title
                    yield from _nav_titles(inner, (*path, n, title), depth + 1)


# The site's own scripts and stylesheets, each in every page's head (<script src>, <link href>): the owner's, trusted as
# overrides/ is, so a file of the site or one a CDN serves over https; but an address: 'javascript:' or 'data:' there ran
# as a script of every page (the scan refused the built site, naming no key), one over plain http anyone on the network
# can replace (and a browser blocks it on an https site), and a quote or blank can end the attribute where it is printed
# as it is.
ASSETS = ("extra_javascript", "extra_css")
_ASSET = re.compile(r"[^\s\"'`<>\\\x00-\x1f\x7f-\x9f\u2028\u2029]+")
ASSET_HINT = "give a file of the site (a path under docs/, e.g. js/extra.js) or its https address"


def _assets(raw: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """The address of each of the site's scripts and stylesheets, with its path of keys (MkDocs takes a script as its
    address or as a mapping with ``path``, ``type``, ``async``, ``defer``); none where MkDocs' reading says what is wrong."""
    for key in ASSETS:
        listed = raw.get(key)
        for n, entry in enumerate(listed if isinstance(listed, list) else []):
            path, address = ((key, n, "path"), entry.get("path")) if isinstance(entry, dict) else ((key, n), entry)
            if isinstance(address, str):
                yield path, address


def asset_problem(value: str) -> str:
    """What is wrong with ``value`` as the address of one of the site's scripts or stylesheets ('' when nothing).

    >>> asset_problem("js/extra.js"), asset_problem("https://unpkg.com/mathjax@3/es5/tex-mml-chtml.js")
    ('', '')
    >>> asset_problem("javascript:alert(1)")
    "expected a file of the site or an https address (no quotes, blanks or angle brackets), but got 'javascript:alert(1)'"
    """
    try:
        scheme = urlsplit(value).scheme
    except ValueError:
        scheme = "?"
    if _ASSET.fullmatch(value) and scheme in ("", "https"):
        return ""
    return f"expected a file of the site or an https address (no quotes, blanks or angle brackets), but got {value!r}"


# A font's name goes as it is into the address of a stylesheet (href="https://fonts.googleapis.com/css?family=...") and
# into a CSS string in a <style> (--md-text-font:"..."): a '"' ended the attribute and put a <script> into every page's
# head, which the scan does not look into for the theme's own scripts.
_IN_CSS = re.compile(r"[^\"'`<>\\;{}\x00-\x1f\x7f-\x9f\u2028\u2029]*")


def _theme_problem(path: Path_, value: str) -> tuple[str, str] | None:
    """What is wrong with a text of ``theme`` as the theme prints it: a font's name in a stylesheet's address and a CSS
    string, every other text (a toggle's name, a colour, an icon) into an attribute or an element."""
    if path[:2] == ("theme", "font") and not _IN_CSS.fullmatch(value):
        return f"expected a font's name without quotes, backslashes, angle brackets, braces or ';', but got {value!r}", (
            "the theme writes it into a stylesheet's address and a CSS string of every page, as it is: give the font's name"
        )
    if _attribute_markup(value):
        return f"expected plain text without '<', '>', '\"' or line breaks, but got {value!r}", CONFIG_TEXT_HINT
    return None


HTML_HINT = (
    "the theme prints it as HTML, as it is: keep to text, entities and plain markup (links to http(s) addresses);"
    " a script of the site's own goes in extra_javascript"
)


def html_problem(value: str) -> str:
    """What in ``value``, printed as HTML, could run script ('' when nothing): ``scan.fragment_hits``."""
    if "<" not in value:
        return ""
    from .publish.scan import fragment_hits

    hits = fragment_hits(value)
    return f"expected HTML that cannot run script, but it holds {hits[0][0]}: {value!r}" if hits else ""


def _extra_problem(where: str, value: str) -> tuple[str, str] | None:
    if where in EXTRA_HTML:
        problem = html_problem(value)
        return (problem, HTML_HINT) if problem else None
    if where in EXTRA_SCRIPT and not _IN_SCRIPT.fullmatch(value):
        return f"expected a name or address without quotes, backslashes, blanks or angle brackets, but got {value!r}", (
            "the theme writes it into a string of a <script>, as it is: give the plain value"
        )
    if where in EXTRA_ADDRESSES and (not allowed(value) or _MARKUP.search(value) or any(ch.isspace() for ch in value)):
        return f"expected an http(s), mailto or relative address without quotes, blanks or angle brackets, but got {value!r}", (
            "the theme prints it as a link (or a script's address) into every page: give an http(s) address"
        )
    if _attribute_markup(value):
        return f"expected plain text without '<', '>', '\"' or line breaks, but got {value!r}", CONFIG_TEXT_HINT
    return None


def _attribute_markup(value: str) -> bool:
    """Whether ``value``, printed as it is into an attribute, holds markup once the browser has read it: the theme's
    tooltips write a title (a palette toggle's name in the header, a status's in the navigation, a rating's) into the
    page as HTML, so a name '&lt;img src=x onerror=alert(1)&gt;' ran on every page. ('R&D' is no reference: it stays.)"""
    return bool(_MARKUP.search(value) or ("&" in value and _MARKUP.search(html.unescape(value))))


def _strings(value: object, path: Path_, seen: set[int] | None = None) -> Iterator[tuple[Path_, str]]:
    """Every text in ``value`` (nested mappings and lists), with its path of keys and list positions; a mapping or list
    that YAML aliases (``*name``) in several places is read once, where it is first met: an alias bomb (each list ten
    aliases of the one before) is as many objects as it is written, not ten to the tenth paths. Depth stops at 50."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (dict, list)) and id(value) not in seen and len(path) <= 50:
        seen.add(id(value))
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        for key, inner in pairs:
            yield from _strings(inner, (*path, key if isinstance(key, int) and isinstance(value, list) else str(key)), seen)


def dotted(path: Path_) -> str:
    """``('extra', 'social', 0, 'link')`` as mkdocs.yml's reader says it: ``extra.social[0].link``."""
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path).lstrip(".")


def place(config: Path, path: Path_, value: bool = False) -> tuple[int, int]:
    """The line and column of the key at ``path`` in mkdocs.yml (of the item, for a list's; of its value with ``value``),
    (0, 0) when it cannot be told (a default, an override, an INHERIT of another file)."""
    try:
        node: yaml.Node | None = yaml.compose(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):  # ValueError: an int or date Python cannot make
        return 0, 0
    at = (0, 0)
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            node, mark = (pair[1], pair[0].start_mark) if pair else (None, None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            mark = node.start_mark
        else:
            node = mark = None
        if node is None or mark is None:
            return 0, 0
        at = (mark.line + 1, mark.column + 1)
    if value and node is not None:
        at = (node.start_mark.line + 1, node.start_mark.column + 1)
    return at


SETTINGS_HINT = (
    "write MkDocs' settings as 'key: value' lines, starting with 'site_name: …'; or remove the file and run 'checklist-site init .',"
    " which writes the project's mkdocs.yml (and keeps every other file)"
)


def shape_problem(config: Path) -> tuple[str, int, int] | None:
    """What is wrong with mkdocs.yml as a whole, and where (line and column from 1): it holds no settings (empty, or
    comments only), or its settings are not 'key: value' lines (a list, a text); None when it is a mapping or cannot be
    read as YAML (MkDocs' reading says why)."""
    try:
        node = yaml.compose(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return None
    if node is None or (isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null")):
        return "the file holds no settings (it is empty, or comments only): MkDocs needs at least 'site_name'", 1, 1
    if isinstance(node, yaml.MappingNode):
        return None
    kind = "a list" if isinstance(node, yaml.SequenceNode) else f"the text {node.value!r}" if isinstance(node, yaml.ScalarNode) else "no mapping"
    return f"expected 'key: value' lines (MkDocs' settings), but the file is {kind}", node.start_mark.line + 1, node.start_mark.column + 1


_STR = "tag:yaml.org,2002:str"


def settings_file_problem(path: Path, name: Callable[[Path], str]) -> Issue | None:
    """What keeps mkdocs.yml (``path``, as the project names it, not resolved) from being read as a file of settings:
    a symbolic link to nothing ('nowhere.yml not found', with the hint to run in the project's folder, which it was), a
    FIFO (every reader of it waited for ever), a file over the size limit (30 MB of comments: minutes of YAML). None
    where it is a regular file within the limit, or missing (said where a project is looked for)."""
    import stat

    shown = name(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if not path.is_symlink():
            return None
        hint = "point the link at the settings file, or replace it with the file"
        return Issue(Loc(shown), f"a symbolic link to {os.readlink(path)!r}, which does not exist: no settings to read", hint)
    except OSError as exc:
        return Issue(Loc(shown), f"cannot be read: {exc.strerror or exc}", "check the file and its permissions")
    if stat.S_ISDIR(mode):
        return None  # said by the build, with its hint
    if not stat.S_ISREG(mode):
        return Issue(Loc(shown), "a device, pipe or socket, not a file: nothing was read", "replace it with the settings file (as init writes it)")
    size = os.stat(path).st_size
    if size > MAX_BYTES:
        said = f"the file is {size:,} bytes, over the size limit of {MAX_BYTES:,} bytes ({MAX_BYTES // 1024 // 1024} MB): settings are a few kilobytes"
        return Issue(Loc(shown, 1, 1), said, "remove what does not belong in it (a paste, a log appended by a script)")
    return None


def inherit_problem(config: Path, name: Callable[[Path], str]) -> Issue | None:
    """What MkDocs' reading would stop at along mkdocs.yml's ``INHERIT`` chain, at its place (``name``: a file as messages
    show it); None when every file it names is settings MkDocs can read, or the file has no ``INHERIT``.

    MkDocs follows ``INHERIT`` itself: a name that is not text ('INHERIT: 5') and a file holding a list stopped the build
    with an internal error (a TypeError), a folder with 'is a folder, not a file' of no file, a file inheriting itself with
    'nested deeper than MkDocs can read', a missing one and a syntax error in the inherited file were MkDocs' words at no
    line ('fix the MkDocs configuration'). Each is said at the ``INHERIT`` value or in the inherited file, as mkdocs.yml's
    own are; a value written with a tag (``!ENV``) is MkDocs' to read."""
    seen, path = {config.resolve()}, config
    while True:
        try:
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
            node = yaml.compose(text, Loader=_Loader) if "INHERIT" in text else None
        except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
            return None  # the file's own reading says why (mkdocs.yml's by the build; an inherited one's was checked below)
        pairs = node.value if isinstance(node, yaml.MappingNode) else []
        value = next((v for k, v in pairs if isinstance(k, yaml.ScalarNode) and k.value == "INHERIT"), None)
        if value is None or (isinstance(value, yaml.ScalarNode) and value.tag.startswith("!")):
            return None  # no INHERIT; or !ENV and the like: MkDocs' to resolve
        step = _inherited(path, value, name, seen)
        if not isinstance(step, Path):
            return step
        seen.add(step.resolve())
        path = step


def _inherited(path: Path, value: yaml.Node, name: Callable[[Path], str], seen: set[Path]) -> Issue | Path | None:
    """The settings file that ``path``'s ``INHERIT`` (its ``value``) names, or what MkDocs' reading of it would stop at
    (None: MkDocs' reading says it); ``seen``: the files of the chain read so far."""
    at = Loc(name(path), value.start_mark.line + 1, value.start_mark.column + 1)
    undo = f"or remove the 'INHERIT:' line from {name(path)}"
    if not isinstance(value, yaml.ScalarNode) or value.tag != _STR or not value.value.strip():
        return Issue(
            at,
            f"'INHERIT' must name a settings file, but it is {describe_node(value)}",
            f"write the file's path, relative to {name(path)}, e.g. 'INHERIT: base.yml'; {undo}",
        )
    target = Path(os.path.normpath(path.parent / value.value))
    if not target.exists():
        hint = f"create {name(target)} with the settings to share, or fix the path (it is relative to {name(path)}'s folder); {undo}"
        full = "" if name(target) == value.value else f" ({name(target)})"
        return Issue(at, f"'INHERIT' names {value.value}, which does not exist{full}", hint)
    if not target.is_file():
        kind = "a folder" if target.is_dir() else "not a file"
        return Issue(at, f"'INHERIT' names {value.value}, which is {kind}, not a settings file", f"name a YAML file of settings; {undo}")
    if target.resolve() in seen:
        return Issue(at, f"'INHERIT' names {value.value}, which is read already: the files inherit in a loop", "remove the 'INHERIT:' line of one of them")
    try:
        raw = target.read_bytes()
    except OSError as exc:
        return Issue(at, f"'INHERIT' names {value.value}, which cannot be read ({exc.strerror or exc})", f"make it readable; {undo}")
    unread = unreadable_text(raw, name(target))  # not UTF-8, a character YAML refuses, a syntax error: in that file
    if unread is not None:
        return unread
    try:
        inherited = yaml.compose(raw.decode("utf-8").removeprefix("\ufeff"), Loader=_Loader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    if inherited is None or isinstance(inherited, yaml.MappingNode) or (isinstance(inherited, yaml.ScalarNode) and inherited.value == ""):
        return target
    where = Loc(name(target), inherited.start_mark.line + 1, inherited.start_mark.column + 1)
    said = f"expected 'key: value' lines (MkDocs' settings, which {name(path)} inherits), but the file is {describe_node(inherited)}"
    return Issue(where, said, f"write its settings as 'key: value' lines; {undo}")


# What a folder of the project is, for a docs_dir or site_dir that names it (or a folder inside it).
_NOT_PAGES_OR_SITE = {
    "data": "the checklist files' folder",
    "custom_dir": "the theme's custom folder",
    ".checklist-site": "checklist-site's work folder",
    ".git": "git's repository",
}
_FOLDER_USE = {
    "docs_dir": "MkDocs publishes every file of docs_dir, and the build writes its generated pages into it",
    "site_dir": "every build replaces the site folder whole, and its files would be lost",
}


def folders_problem(config: Path, data: Path, name: Callable[[Path], str]) -> Issue | None:
    """A ``docs_dir`` or ``site_dir`` of mkdocs.yml that is (or is inside) a folder of the project that is neither pages
    nor a site, at its value: 'docs_dir: data' published the checklist files (and the record's notes) as files of the
    site; 'site_dir: .git' built the site into git's folder; 'site_dir: data' was refused with the hint to move data/
    away or delete it. MkDocs refuses a site_dir holding docs_dir and the reverse; a value written with a tag is MkDocs'.
    ``data``: the project's data folder; ``name``: a file as messages show it."""
    try:
        root = yaml.compose(config.read_text(encoding="utf-8").removeprefix("\ufeff"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    keys = {k.value: v for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    theme = keys.get("theme")
    options = theme.value if isinstance(theme, yaml.MappingNode) else []
    custom = next((v for k, v in options if isinstance(k, yaml.ScalarNode) and k.value == "custom_dir"), None)
    own = {"data": data, ".checklist-site": config.parent / ".checklist-site", ".git": config.parent / ".git"}
    if isinstance(custom, yaml.ScalarNode) and custom.tag == _STR and custom.value.strip():
        own["custom_dir"] = config.parent / custom.value
    for key, default in (("docs_dir", "docs"), ("site_dir", "site")):
        value = keys.get(key)
        if not isinstance(value, yaml.ScalarNode) or value.tag != _STR or not value.value.strip():
            continue
        folder = Path(os.path.normpath(config.parent / value.value))
        for kind, path in own.items():
            path = Path(os.path.normpath(path))
            if folder == path or path in folder.parents:
                where = "is" if folder == path else "is inside"
                return Issue(
                    Loc(name(config), value.start_mark.line + 1, value.start_mark.column + 1),
                    f"'{key}' is {value.value}, which {where} {_NOT_PAGES_OR_SITE[kind]} ({name(path)}/): {_FOLDER_USE[key]}",
                    f"give {key} a folder of its own: '{key}: {default}' (the default), or another new folder's name",
                )
    return None


def hidden_page(config: Path, data: Path, name: Callable[[Path], str]) -> Issue | None:
    """A hand-written page of docs/ at a generated folder's address (docs/checklists.md: checklists/, the address of the
    generated docs/checklists/index.md), said at the page: MkDocs left it out of the site without a word (its log's
    debug line 'Excluding ... because it conflicts'), the build passed, and the page was not published. runbooks/ has
    its index only where data/ has runbooks (a file with a top-level 'runbooks:')."""
    raw = _raw(config)
    docs, directory = raw.get("docs_dir", "docs"), raw.get("use_directory_urls", True)
    if not isinstance(docs, str) or directory is not True:
        return None  # a tagged docs_dir is MkDocs' to read; without directory URLs checklists.md is checklists.html
    from .site.layout import GENERATED_DIRS

    for folder in GENERATED_DIRS:
        page = config.parent / docs / f"{folder}.md"
        if page.is_file() and (folder != "runbooks" or _has_runbooks(data)):
            return Issue(
                Loc(name(page), 1, 1),
                f"this page's address, {folder}/, is the generated {folder}/index.md's: MkDocs leaves this page out of the site without a word",
                f"rename it (e.g. {name(page.with_name(f'{folder}-guide.md'))}) and the links to it; the pages of {folder}/ are made from data/",
            )
    return None


def no_home(config: Path, name: Callable[[Path], str]) -> Issue | None:
    """docs/index.md (or README.md, which MkDocs takes for it) missing: the build passed without a home page, `build
    --offline` said to open site/index.html, which was not there, and `meeting --no-build` then said site/ 'holds no
    built site' and to build first, which made none either."""
    from .site.layout import HOME

    docs = _raw(config).get("docs_dir", "docs")
    folder = config.parent / docs if isinstance(docs, str) else None
    if folder is None or not folder.is_dir() or any((folder / page).is_file() for page in (HOME.src, "README.md")):
        return None
    home = name(folder / HOME.src)
    hint = f"create {home}, a Markdown page such as '# Launch checklists'; or copy the sample's: checklist-site init /tmp/sample writes one"
    return Issue(Loc(home), "the site's home page is missing: the site would have no index.html", hint)  # not init .: it adds the sample data


def built_folder(config: Path, path: Path, name: Callable[[Path], str]) -> tuple[str, str] | None:
    """The folder a build replaces or a command clears that ``path`` is in (as messages name it), and what it is; None
    when it is in none. `export -o site/items.csv` wrote there, and the next build removed it without a word;
    `export -o docs/checklists/items.csv` made the next build refuse to run ('was not written by checklist-site')."""
    from .site.layout import GENERATED_DIRS

    raw, root = _raw(config), config.parent
    docs, site = raw.get("docs_dir", "docs"), raw.get("site_dir", "site")
    places: list[tuple[Path, str]] = [(root / ".checklist-site", "checklist-site's work folder, which its commands clear")]
    if isinstance(site, str):
        places.append((root / site, "the site folder, which every build replaces whole"))
    for generated in GENERATED_DIRS if isinstance(docs, str) else ():
        places.append((root / docs / generated, "a generated folder, which every build replaces whole (and refuses to while it holds another file)"))
    target = Path(os.path.abspath(path))
    for place, what in places:
        place = Path(os.path.normpath(place))
        if target == place or place in target.parents:
            return name(place), what
    return None


def _has_runbooks(data: Path) -> bool:
    """Whether a file of ``data`` has a top-level 'runbooks:' key (its text read, not its YAML)."""
    for path in sorted(data.glob("*.y*ml")):
        with contextlib.suppress(OSError):
            if re.search(r"^runbooks\s*:", path.read_text(encoding="utf-8", errors="replace"), re.MULTILINE):
                return True
    return False


def describe_node(node: yaml.Node) -> str:
    """A YAML node as a message names what it is: 'a list', 'a mapping', 'the number 5', 'the text 'x''."""
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    kind = {"int": "the number", "float": "the number", "bool": "the value", "null": "empty"}.get(node.tag.rpartition(":")[2], "the text")
    return "empty" if kind == "empty" else f"{kind} {node.value!r}" if kind == "the text" else f"{kind} {node.value}"


def duplicate_keys(config: Path, where: str) -> list[Issue]:
    """Each key mkdocs.yml sets twice in one mapping, at its second place: YAML (and so MkDocs) keeps the last without a
    word, so a second 'plugins:' added at the end dropped the first one's plugins and their options (``load.duplicate_keys``)."""
    try:
        root = yaml.compose(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return []
    return duplicate_keys_in(root, where)


def start(config: Path) -> tuple[int, int]:
    """The line and column of mkdocs.yml's first setting ((1, 1) when it cannot be told): where a missing one is said."""
    try:
        node = yaml.compose(config.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return 1, 1
    return (node.start_mark.line + 1, node.start_mark.column + 1) if isinstance(node, yaml.MappingNode) else (1, 1)


# The packages of plugins and Markdown extensions often named in mkdocs.yml (PyPI's names), by the name mkdocs.yml gives.
PLUGIN_PACKAGES = {
    **{name: f"mkdocs-{name}-plugin" for name in ("git-revision-date-localized", "awesome-pages", "minify", "macros", "mermaid2", "rss")},
    **{name: f"mkdocs-{name}-plugin" for name in ("git-authors", "monorepo", "print-site", "table-reader", "include-markdown")},
    **{name: f"mkdocs-{name}-plugin" for name in ("kroki", "enumerate-headings", "pdf-export")},
    **{name: f"mkdocs-{name}" for name in ("redirects", "glightbox", "section-index", "literate-nav", "gen-files", "autorefs", "exclude")},
    **{name: f"mkdocs-{name}" for name in ("swagger-ui-tag", "drawio", "with-pdf")},
    "git-committers": "mkdocs-git-committers-plugin-2",
    "i18n": "mkdocs-static-i18n",
    "mkdocstrings": "mkdocstrings",
    "mkdocs-video": "mkdocs-video",
}
MODULE_PACKAGES = {"pymdownx": "pymdown-extensions", "mdx_truly_sane_lists": "mdx-truly-sane-lists", "plantuml_markdown": "plantuml-markdown"}
_NOT_INSTALLED = re.compile(r'The "(?P<name>[^"]+)" plugin is not installed')
_NO_THEME = re.compile(r"Unrecognised theme name: '(?P<name>[^']*)'\. The available installed themes are: (?P<known>.*)")
INIT_CUSTOM_DIR = "overrides"  # the theme's folder `init` writes (generator/skeleton/overrides)
_NO_CUSTOM_DIR = re.compile(r"The path set in custom_dir \('(?P<path>.*)'\) does not exist\.")
_NO_EXTENSION = re.compile(r"Failed to load extension '(?P<name>[^']+)'\.(?P<rest>.*)", re.S)  # then a traceback, its last line the error


# Extensions that take options of their own plus others they hand on: codehilite gives Pygments' lexer and formatter
# every option it does not declare (its documentation says so); a bundle (extra, pymdownx.extra) is configured by the
# names of the extensions it loads, each with that extension's options.
PASSED_ON = {
    "codehilite": (
        "stripnl", "stripall", "ensurenl", "tabsize", "encoding", "outencoding", "style", "full", "title", "nowrap",
        "classprefix", "cssclass", "cssstyles", "prestyles", "cssfile", "noclobber_cssfile", "linenos", "hl_lines",
        "linenostart", "linenostep", "linenospecial", "nobackground", "lineseparator", "lineanchors", "linespans",
        "anchorlinenos", "tagsfile", "tagurlformat", "filename", "wrapcode", "debug_token_types", "startinline",
    ),
}
_BUNDLES = ("extra_extensions", "extensions")  # a bundle's module lists the extensions it loads under one of these
def extension_option_problems(config: Path) -> list[tuple[Path_, str, str]]:
    """Each option of a Markdown extension in mkdocs.yml that the extension does not have, or whose value it refuses:
    (the option's path of keys, what is wrong, the hint naming the options it has). MkDocs says such an option at the
    extension's entry as the extension's exception ('KeyError: 'permalnk''), and an extension that takes any option
    (codehilite, extra) builds without a word. An extension that cannot be loaded is MkDocs' reading's to say."""
    return _extension_problems(_raw(config))


def _extension_problems(raw: dict[str, Any]) -> list[tuple[Path_, str, str]]:
    """:func:`extension_option_problems` of mkdocs.yml's top-level keys ``raw``."""
    value = raw.get("markdown_extensions")
    entries: list[tuple[Path_, str, object]] = []
    if isinstance(value, dict):
        entries = [(("markdown_extensions", name), name, options) for name, options in value.items() if isinstance(name, str)]
    elif isinstance(value, list):
        for n, item in enumerate(value):
            if isinstance(item, dict) and len(item) == 1:
                name, options = next(iter(item.items()))
                if isinstance(name, str):
                    entries.append((("markdown_extensions", n, name), name, options))
    checked = [(path, name, options) for path, name, options in entries if isinstance(options, dict) and options]
    store, wanted = _kept_options(checked)
    known = store.get(wanted) if store is not None else None
    if isinstance(known, list):
        return known
    found: list[tuple[Path_, str, str]] = []
    for path, name, options in checked:
        found += _option_problems(name, options, path)
    if store is not None:
        store.put(wanted, found)
    return found


# The extensions Python-Markdown ships, by the names mkdocs.yml gives them
_MARKDOWN_OWN = {
    *("abbr", "admonition", "attr_list", "codehilite", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs"),
    *("legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks"),
}


def _kept_options(checked: list[tuple[Path_, str, dict[Any, Any]]]) -> tuple[kept.Kept | None, str]:
    """Where the problems of ``checked`` (extensions with their options) are kept, and their key; (None, "") where they are
    not: an extension that is not Python-Markdown's or pymdown-extensions' (whose versions the key holds, with Pygments',
    ``kept.code``), or an option written with a tag. Loading the extensions to check their options imported Markdown,
    pymdown-extensions and Pygments into every build (0.05-0.1 s before its check), which use none of them otherwise."""
    def ours(name: str) -> bool:
        return name in _MARKDOWN_OWN or name.startswith(("markdown.extensions.", "pymdownx."))

    if not checked or not all(ours(name) for _, name, _ in checked):
        return None, ""
    try:
        text = json.dumps([[list(path), name, options] for path, name, options in checked], sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError):  # a tagged value (_Tagged), a key that is no text: checked every time
        return None, ""
    return kept.Kept("extension-options", text), kept.key("extension options", text)


def _option_problems(name: str, options: dict[Any, Any], path: Path_, depth: int = 0) -> list[tuple[Path_, str, str]]:
    import markdown

    try:
        extension = _built(name, markdown)
    except Exception:  # noqa: BLE001 - not installed, or failing with no options: MkDocs' reading says which
        return []
    module = sys.modules.get(type(extension).__module__)
    bundled = next((getattr(module, attr) for attr in _BUNDLES if isinstance(getattr(module, attr, None), list)), None)
    short = name.removeprefix("markdown.extensions.")
    config = extension.config if isinstance(extension.config, dict) else {}
    declared = bool(config) and all(isinstance(v, list) and len(v) == 2 for v in config.values())  # {option: [default, doc]}
    if bundled is not None and not declared:
        known = [str(ext) for ext in bundled]
        listed = ", ".join(known)
    else:
        bundled = None
        known = sorted(config) + [o for o in PASSED_ON.get(short, ()) if o not in config]
        listed = ", ".join(sorted(config)) + (" and Pygments' lexer and formatter options" if short in PASSED_ON else "")
    found: list[tuple[Path_, str, str]] = []
    for key, value in options.items():
        where = (*path, str(key))
        if key not in known:
            said = "extensions" if bundled is not None else "options"
            close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            meant = f"did you mean '{close[0]}'? " if close else ""
            what = "loads no extension" if bundled is not None else "has no option"
            found.append((where, f"Markdown extension '{name}' {what} '{key}'", f"{meant}its {said}: {listed or 'none'}; fix the name or remove the line"))
        elif bundled is not None:
            if isinstance(value, dict) and depth < 2:
                found += _option_problems(str(key), value, where, depth + 1)
        elif key in config:
            try:
                extension.setConfig(key, value)
            except Exception as exc:  # noqa: BLE001 - the extension's own check of the value, whatever it raises
                default = config[key][0]
                expected = "true or false" if isinstance(default, bool) else f"a value as its default, {default!r}"
                found.append((where, f"option '{key}' of Markdown extension '{name}': expected {expected}, but got {value!r} ({exc})",
                              f"give '{key}' a value the extension takes (see its documentation), or remove the line"))
    return found


def _built(name: str, markdown: Any) -> Any:
    """The extension ``name`` with no options, as Python-Markdown builds it: one of its own ('toc') or one named by its
    module ('pymdownx.tasklist') from the module, without the look through every installed package's entry points that
    Markdown makes first (0.1-0.15 s, once per process: a build with Zensical checks the options without MkDocs)."""
    module = f"markdown.extensions.{name}" if name.isidentifier() else name
    if ":" not in name and all(part.isidentifier() for part in module.split(".")) and importlib.util.find_spec(module) is not None:
        made = getattr(importlib.import_module(module), "makeExtension", None)
        if made is not None:
            return made()
    return markdown.Markdown().build_extension(name, {})


@dataclass(frozen=True)
class ConfigError:
    """MkDocs' error about a key of mkdocs.yml, in the user's terms: where (``path`` in the file), what, and the fix."""

    path: Path_
    message: str
    hint: str


def config_error(config: Path, where: str, key: str, error: str, installed: dict[str, list[str]]) -> ConfigError:
    """MkDocs' validation error ``error`` of ``key`` said at the entry it is about, with what to do: a plugin, a theme or a
    Markdown extension that is not installed (or misspelled) names the package to install or the name meant, and the
    line to remove; any other error keeps MkDocs' words (on one line), at its key. ``where``: the file as messages name
    it; ``installed``: the names MkDocs could load, by kind ('plugins', 'themes', 'markdown_extensions')."""
    raw = _raw(config)
    pip = f"{Path(sys.executable).as_posix()} -m pip install"
    if (found := _NOT_INSTALLED.match(error)) and key == "plugins":
        name = found["name"]
        at: Path_ = ("plugins", *_entry(raw, "plugins", name))
        theme = raw.get("theme")
        theme = theme.get("name") if isinstance(theme, dict) else theme
        if f"material/{name}" in installed.get("plugins", []) and theme != "material":  # Material's plugin, found by its short name under Material only
            hint = "set the theme back: 'name: material' under theme: (the site's pages are built with Material's templates)"
            return ConfigError(at, f"plugin '{name}' is Material for MkDocs' own, known by that name with its theme only (the theme is {theme!r})", hint)
        return ConfigError(at, f"plugin '{name}' is not installed", _install(name, "plugins", installed, pip, where))
    if (found := _NO_THEME.match(error)) and key == "theme":
        name = found["name"]
        path: Path_ = ("theme", "name") if isinstance(raw.get("theme"), dict) else ("theme",)
        hint = _install(name, "themes", installed, pip, where) if name else f"name a theme: {found['known']}"
        return ConfigError(path, f"theme '{name}' is not installed", hint)
    if (found := _NO_CUSTOM_DIR.match(error)) and key == "theme":  # a project from before overrides/, or one copied without it
        folder = os.path.relpath(found["path"], config.parent)
        hint = "create it: checklist-site init adds the files a project lacks (it keeps the others); or remove 'custom_dir:'"
        if folder != INIT_CUSTOM_DIR:  # init writes overrides/ only: followed, the hint left a misspelt name as it was
            near = difflib.get_close_matches(
                folder, sorted(d.name for d in config.parent.iterdir() if d.is_dir() and not d.name.startswith(".")), n=1, cutoff=0.7
            )
            meant = (
                f"did you mean '{near[0]}' (a folder of the project)? fix the name"
                if near
                else f"fix the name: checklist-site init adds the theme's files as {INIT_CUSTOM_DIR}/ ('custom_dir: {INIT_CUSTOM_DIR}')"
            )
            hint = f"{meant}; or remove 'custom_dir:'"
        return ConfigError(("theme", "custom_dir"), f"the theme's custom folder {folder}/ does not exist", hint)
    if (found := _NO_EXTENSION.match(error)) and key == "markdown_extensions":
        name, last = found["name"], ([line.strip() for line in found["rest"].splitlines() if line.strip()] or [""])[-1]
        kind, _, why = last.partition(": ")
        at = ("markdown_extensions", *_entry(raw, "markdown_extensions", name))
        if kind not in ("ModuleNotFoundError", "ImportError"):  # it is there, but its options made it fail (MkDocs said a traceback)
            said = f"{kind}: {why}" if why else last or "it failed"
            hint = f"fix its options under '- {name}:' (see its documentation), or remove them"
            return ConfigError(at, f"Markdown extension '{name}' failed with its options ({said})", hint)
        return ConfigError(at, f"Markdown extension '{name}' is not installed ({why.lower()})", _install(name, "markdown_extensions", installed, pip, where))
    if error.strip() == "Required configuration not provided.":
        what = " (the site's title, shown in every page's header)" if key == "site_name" else ""
        if (names := _env_names(config, key)) is not None:  # there, but read from the environment: it was said to be missing
            unset = f"{names[0]} is not set" if len(names) == 1 else f"none of {', '.join(names)} is set" if names else "it names no variable"
            example = f"{names[0]}='…' checklist-site build" if names else "a variable's name"
            first = names[0] if names else "NAME"
            hint = f"set it ({example}), or give the value to use when it is not set as the list's last entry: {key}: !ENV [{first}, '…']"
            return ConfigError((key,), f"it is read from the environment (!ENV), and {unset} (or is empty): MkDocs requires a value", hint)
        return ConfigError((), f"'{key}' is missing: MkDocs requires it", f"add a line '{key}: …'{what} to {where}")
    path, said = sub_options(config, key, " ".join(error.split()))
    return ConfigError(path, said, f"fix '{dotted(path)}' in {where}")


def _env_names(config: Path, key: str) -> list[str] | None:
    """The environment variables the top-level ``key`` of mkdocs.yml is read from (``key: !ENV NAME``, ``!ENV [A, B]``
    without a default), None where it is not written with ``!ENV``."""
    try:
        root = yaml.compose(config.read_text(encoding="utf-8").removeprefix("\ufeff"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return None
    value = next((v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None) if isinstance(root, yaml.MappingNode) else None
    if value is None or value.tag != "!ENV":
        return None
    if isinstance(value, yaml.ScalarNode):
        return [value.value]
    if isinstance(value, yaml.SequenceNode):
        names = value.value if len(value.value) < 2 else value.value[:-1]  # two or more: the last is the default
        return [str(node.value) for node in names if isinstance(node, yaml.ScalarNode)]
    return None


_SUB_OPTION = re.compile(r"Sub-option '(?P<name>[^']+)': ")


def sub_options(config: Path, key: str, said: str) -> tuple[Path_, str]:
    """MkDocs' words of a setting's sub-option ("Sub-option 'links': Sub-option 'anchors': Expected one of ...") as the
    path of keys written in mkdocs.yml and the rest of the words: a sub-option MkDocs names under the one it belongs to
    ('links') but that is written by its short name under the setting ('validation: {anchors: ...}') is found there."""
    names: list[str] = []
    while found := _SUB_OPTION.match(said):
        names.append(found["name"])
        said = said[found.end() :]
    for path in ((key, *names), (key, *names[-1:])):
        if names and place(config, path) != (0, 0):
            return path, said
    return (key,), said


_PLUGIN_OPTION = re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<said>.*)", re.S)
_UNKNOWN_NAME = "Unrecognised configuration name: "


def config_warning(config: Path, key: str, warning: str, options: dict[str, list[str]]) -> ConfigError:
    """MkDocs' validation warning ``warning`` of ``key`` said at what it is about: a plugin's option at the option (with
    the options the plugin has, and the one meant), a setting mkdocs.yml does not have at its key (with the one meant);
    any other keeps MkDocs' words, at its key. ``options``: the settings' names under ``''``, each plugin's options under
    its name as MkDocs knows it ('material/search')."""
    raw = _raw(config)
    if (found := _PLUGIN_OPTION.match(warning)) and key == "plugins":
        plugin, option, said = found["plugin"], found["option"], " ".join(found["said"].split())
        written = next((name for name in (plugin, plugin.removeprefix("material/")) if _entry(raw, "plugins", name)), plugin)
        path: Path_ = ("plugins", *_entry(raw, "plugins", written), written, option)
        if said.startswith(_UNKNOWN_NAME):
            return ConfigError(path, f"plugin '{written}' has no such option, so it is left out", _meant(option, options.get(plugin, []), "options"))
        return ConfigError(path, f"plugin '{written}', option '{option}': {said}", f"fix '{option}' under '- {written}:' (see the plugin's documentation)")
    if warning.startswith(_UNKNOWN_NAME):
        return ConfigError((key,), "MkDocs has no such setting, so it is left out", _meant(key, options.get("", []), "settings"))
    path, said = sub_options(config, key, " ".join(warning.split()))
    if said.startswith(_UNKNOWN_NAME):
        hint = f"fix the name (see MkDocs' documentation of '{key}'), or remove the line"
        return ConfigError(path, "MkDocs has no such setting here, so it is left out", hint)
    return ConfigError(path, said, f"fix '{dotted(path)}'")


def _meant(name: str, known: list[str], kind: str) -> str:
    """The hint for a name of ``kind`` that is not one of ``known``: the one meant, and the ones there are."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"{f'did you mean {close[0]!r}? ' if close else ''}its {kind}: {', '.join(known) or 'none'}; fix the name or remove the line"


def theme_problems(config: Path) -> list[theme_options.Problem]:
    """Each option of Material's ``theme:`` in mkdocs.yml that it does not have, or a name it has none of (``theme_options``)."""
    return _theme_problems(_raw(config), config.parent)


def _theme_problems(raw: dict[str, Any], folder: Path) -> list[theme_options.Problem]:
    """:func:`theme_problems` of mkdocs.yml's top-level keys ``raw`` (``folder``: the file's)."""
    return theme_options.problems(raw.get("theme"), folder, raw.get("docs_dir", "docs"), raw.get("extra_css", []), raw.get("extra"))


def _raw(config: Path) -> dict[str, Any]:
    """mkdocs.yml's top-level keys as MkDocs reads them along its ``INHERIT`` chain (:func:`inherit_chain`): each file's
    mappings merged into the one it inherits, key by key, its other values (a list, a text) in place of the inherited."""
    merged: dict[str, Any] = {}
    for path in reversed(inherit_chain(config)):
        merged = _merged(merged, _own(path))
    return merged


def _own(config: Path) -> dict[str, Any]:
    """The top-level keys of one settings file, as written."""
    try:
        raw = yaml.load(config.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader: plain values, tags read as _Tagged
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return {}
    return raw if isinstance(raw, dict) else {}


def _merged(inherited: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """``own`` over ``inherited``, as MkDocs merges an ``INHERIT`` (mergedeep's replacing strategy): mappings key by key."""
    out = dict(inherited)
    for key, value in own.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def inherit_chain(config: Path) -> list[Path]:
    """mkdocs.yml and the files its ``INHERIT`` names in turn (each relative to the folder of the file that names it), as
    far as MkDocs follows them: to a file without one; a name that is no file, or a loop, ends it (``inherit_problem``
    says them)."""
    chain = [config]
    while isinstance(name := _own(chain[-1]).get("INHERIT"), str) and name.strip():
        target = Path(os.path.normpath(chain[-1].parent / name))
        if not target.is_file() or target.resolve() in {path.resolve() for path in chain}:
            break
        chain.append(target)
    return chain


def whereabouts(config: Path, path: Path_, value: bool = False) -> tuple[Path, int, int]:
    """The file of mkdocs.yml's ``INHERIT`` chain that sets the key at ``path`` (the first that has it: its value is
    MkDocs'), and its line and column there (:func:`place`); mkdocs.yml and (0, 0) when none does (a default)."""
    for file in inherit_chain(config):
        line, column = place(file, path, value)
        if line:
            return file, line, column
    return config, 0, 0


def _entry(raw: dict[str, Any], key: str, name: str) -> tuple[int | str, ...]:
    """The path under ``key`` to the entry naming ``name`` (a list's index, or a mapping's key); () when not found."""
    value = raw.get(key)
    if isinstance(value, dict):
        return (name,) if name in value else ()
    for n, item in enumerate(value if isinstance(value, list) else []):
        if item == name or (isinstance(item, dict) and name in item):
            return (n,)
    return ()


def _install(name: str, kind: str, installed: dict[str, list[str]], pip: str, where: str) -> str:
    """What to do about ``name``, which is not installed: the installed name meant, else the package to install."""
    known = installed.get(kind, [])
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    line = "name an installed theme" if kind == "themes" else f"remove its line from '{kind}' in {where}"
    if close:
        return f"did you mean '{close[0]}'? (installed: {', '.join(known)}); else {line}"
    module = name.split(".")[0]
    spec = importlib.util.find_spec(module) if kind == "markdown_extensions" and module.isidentifier() else None
    if spec is not None and "." in name:  # pymdownx is there, pymdownx.nonexist is not
        ours = sorted(m.name for m in pkgutil.iter_modules(spec.submodule_search_locations or []) if not m.name.startswith("_"))
        close = difflib.get_close_matches(name.partition(".")[2], ours, n=1, cutoff=0.75)
        if close:
            return f"did you mean '{module}.{close[0]}'? ('{module}' is installed, '{name}' is not in it); else {line}"
        return f"'{module}' is installed but has no module '{name}' (it has {', '.join(ours) or 'none'}); fix the name, or {line}"
    package = (PLUGIN_PACKAGES if kind == "plugins" else MODULE_PACKAGES).get(name if kind == "plugins" else module)
    if package:
        return f"install it into checklist-site's Python: {pip} {package}; or {line}"
    if kind == "themes":
        return f"install the package that provides it into checklist-site's Python ({pip} PACKAGE: often mkdocs-{name}), or {line}"
    guess = f"mkdocs-{name}-plugin" if kind == "plugins" else f"the package providing the module '{module}'"
    return f"install the package that provides it into checklist-site's Python ({pip} PACKAGE: often {guess}), or {line}"
