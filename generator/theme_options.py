"""The options of mkdocs.yml's ``theme:`` that Material (and Zensical's theme, which takes Material's) has, checked.

MkDocs hands the theme every key of ``theme:`` as it is, and Material reads the ones it knows: a misspelled feature
(``navigation.sectoins``), a palette key (``primery:``), a colour it has no style for or a font key (``txt:``) built
a site without it, without a word; an icon or a language it has no file for stopped the build with a template error
in Material's own files ('template '.icons/material/brightnes-7.svg' is not in overrides/'), or Zensical's with its
traceback. :func:`problems` says each at its place in mkdocs.yml, with what the theme has and the one meant (and the
icons of ``extra.social``); :func:`page_problem` the icon and the parts to hide of a hand-written page's front matter.

The options are declared once, here (``THEME``), as Material's documentation of its ``theme:`` has them. The names
the theme has for a feature, a colour or a language are taken from the installed theme where it declares them: the
features its templates test (``"navigation.footer" in features``) and its scripts' ``Flag`` type (in the source map
it ships), the colours its palette stylesheet styles, the languages it has a file for; ``FEATURES`` and ``COLOURS``
are those of the theme this project installs, read first so that a build reads no theme file (a test holds them to
the installed theme's), and a name not in them is looked up in the installed theme before it is refused.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, NamedTuple
from urllib.parse import urlsplit

import yaml

Path_ = tuple[str | int, ...]


class Problem(NamedTuple):
    """What is wrong with an option: its path of keys, what, the hint; ``value``: said at its value, not at its key."""

    path: Path_
    message: str
    hint: str
    value: bool = False


# The features of Material 9.8 and of Zensical's theme (content.action.copy): ``installed_features()`` at their versions.
FEATURES = frozenset({
    "announce.dismiss", "content.action.copy", "content.action.edit", "content.action.view", "content.code.annotate",
    "content.code.copy", "content.code.select", "content.footnote.tooltips", "content.lazy", "content.tabs.link",
    "content.tooltips", "header.autohide", "navigation.expand", "navigation.footer", "navigation.indexes",
    "navigation.instant", "navigation.instant.prefetch", "navigation.instant.preview", "navigation.instant.progress",
    "navigation.path", "navigation.prune", "navigation.sections", "navigation.tabs", "navigation.tabs.sticky",
    "navigation.top", "navigation.tracking", "search.highlight", "search.share", "search.suggest", "toc.follow",
    "toc.integrate",
})
_ACCENTS = (
    *("amber", "blue", "cyan", "deep orange", "deep purple", "green", "indigo", "light blue", "light green", "lime"),
    *("orange", "pink", "purple", "red", "teal", "yellow"),
)
# The colours the palette stylesheet styles, by role (written with a space where the attribute has a hyphen: 'deep purple').
COLOURS = {"primary": frozenset({*_ACCENTS, "black", "blue grey", "brown", "grey", "white"}), "accent": frozenset(_ACCENTS)}
CUSTOM = "custom"  # a colour of the site's own stylesheet (Material's documented name for it)


@dataclass(frozen=True)
class Context:
    """What the check needs besides the values: the theme folders to find icons and languages in (the custom folder's
    first), and whether a key the theme does not have is read by a template of the custom folder (its own option)."""

    folders: tuple[Path, ...]
    custom: Path | None = None
    docs: Path | None = None  # the pages' folder: the logo and the favicon are files of it (or of the theme's folders)
    sheets: tuple[str, ...] = ()  # the site's own stylesheets (extra_css), as written: a colour or scheme they style is the site's

    def styled(self, role: str, name: str) -> bool:
        """Whether a stylesheet of the site's (in docs/) styles the palette's ``role`` ('scheme', 'primary') ``name``."""
        attribute = re.compile(rf"data-md-color-{role}\s*=\s*[\"']?{re.escape(name.replace(' ', '-'))}[\"'\]]")
        files = [self.docs / sheet for sheet in self.sheets if self.docs is not None and not urlsplit(sheet).scheme and ".." not in Path(sheet).parts]
        return any(attribute.search(_read(sheet)) for sheet in files if sheet.is_file())

    def reads(self, key: str) -> bool:
        """Whether a template of the custom folder reads ``theme.KEY`` (an option of the site's own templates)."""
        return self.custom is not None and key in _custom_keys(str(self.custom))


class Kind:
    """A kind of value of an option: ``check`` yields what is wrong with a value written at ``path``."""

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        raise NotImplementedError


class Text(Kind):
    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:  # noqa: ARG002 - no context needed
        if not isinstance(value, str):
            yield _wrong(path, f"expected a text, but got {_shown(value)}", f"write a text after '{path[-1]}:' (quote it if YAML reads it otherwise)")


@dataclass(frozen=True)
class Named(Kind):
    """One of the names the theme has (``known()``; ``more(value, ctx)``: whether a name not among them is the theme's still)."""

    what: str
    known: Callable[[], frozenset[str]]
    more: Callable[[str, Context], bool] = lambda _value, _ctx: False
    extra: str = ""  # said after the names there are
    fails: bool = False  # the build fails with a name the theme does not have (else the theme leaves it out)

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield _wrong(path, f"expected the name of a {self.what}, but got {_shown(value)}", f"write one of: {', '.join(sorted(self.known()))}")
        elif value not in self.known() and not self.more(value, ctx):
            names = sorted(self.known())
            close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
            meant = f"did you mean '{close[0]}'? " if close else ""
            said = f"the theme has no {self.what} '{value}'" + ("" if self.fails else ", so it would be left out")
            yield _wrong(path, said, f"{meant}it has: {', '.join(names)}{self.extra}; fix the name or remove the line")


@dataclass(frozen=True)
class Icon(Kind):
    """An icon of the theme's (``material/pencil``): a file ``.icons/NAME.svg`` of the custom folder or the theme."""

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield _wrong(path, f"expected an icon's name (such as material/pencil), but got {_shown(value)}", "write the icon's name")
        elif not _icon_exists(value, ctx.folders):
            close = _close_icon(value, ctx.folders)
            meant = f"did you mean '{close}'? " if close else ""
            where = f"overrides/.icons/{value}.svg" if ctx.custom is None else f"{ctx.custom.name}/.icons/{value}.svg"
            sets = "material/..., fontawesome/..., octicons/..., simple/..."
            yield _wrong(path, f"the theme has no icon '{value}'", f"{meant}name an icon of the theme's ({sets}), or add {where}")


@dataclass(frozen=True)
class SiteFile(Kind):
    """A file of the site the theme links to in every page (the logo, the favicon): a path in docs/ (or in the custom
    folder or the theme, which MkDocs copies too), or an address. A missing one was a broken image, without a word."""

    what: str

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield _wrong(path, f"expected the path of {self.what} (in docs/), but got {_shown(value)}", "write its path inside docs/, e.g. images/logo.png")
            return
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or ctx.docs is None or ".." in Path(value).parts:
            return
        name = value.lstrip("/")
        if not any((folder / name).is_file() for folder in (ctx.docs, *ctx.folders)):
            there = ctx.docs / name
            close = difflib.get_close_matches(there.name, [p.name for p in there.parent.glob("*") if p.is_file()], n=1, cutoff=0.6)
            meant = f"did you mean '{Path(name).parent.joinpath(close[0]).as_posix()}'? " if close else ""
            hint = f"{meant}put the image at {ctx.docs.name}/{name}, or give its path inside {ctx.docs.name}/ (or its https address)"
            yield _wrong(path, f"there is no file {name} in {ctx.docs.name}/ for {self.what}, so every page would show a broken image", hint)


@dataclass(frozen=True)
class ListOf(Kind):
    inner: Kind
    what: str

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield _wrong(path, f"expected a list of {self.what}, but got {_shown(value)}", f"write each on a line of its own under '{path[-1]}:', as '- NAME'")
            return
        for n, each in enumerate(value):
            yield from self.inner.check(each, (*path, n), ctx)


@dataclass(frozen=True)
class Options(Kind):
    """A mapping of the options named in ``keys``; ``each``: a mapping of any names, each value of that kind."""

    keys: dict[str, Kind] | None = None
    each: Kind | None = None

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        if not isinstance(value, dict):
            said = f"expected options ('key: value' lines under it), but got {_shown(value)}"
            yield _wrong(path, said, f"write its options indented under '{path[-1]}:'")
            return
        for key, inner in value.items():
            kind = self.each if self.keys is None else self.keys.get(str(key))
            if inner is None and kind is not None and not isinstance(kind, ListOf):
                continue  # 'key:' with no value: unset, the theme's default
            if kind is not None:
                yield from kind.check(inner, (*path, str(key)), ctx)
            elif not (path == ("theme",) and ctx.reads(str(key))):
                yield Problem((*path, str(key)), f"the theme has no option '{key}' here, so it would be left out", _meant(str(key), sorted(self.keys or ())))


@dataclass(frozen=True)
class Either(Kind):
    """A value of one kind or the other: the first that fits its shape (``fits``) checks it."""

    fits: Callable[[object], bool]
    first: Kind
    second: Kind

    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:
        yield from (self.first if self.fits(value) else self.second).check(value, path, ctx)


class NoFonts(Kind):
    def check(self, value: object, path: Path_, ctx: Context) -> Iterator[Problem]:  # noqa: ARG002 - no context needed
        if value is not False:
            said = f"expected the fonts ('text:' and 'code:' under it) or false, but got {_shown(value)}"
            yield _wrong(path, said, "write 'font: false' for the system's fonts")


def _wrong(path: Path_, message: str, hint: str) -> Problem:
    """A value that is wrong: said at the value."""
    return Problem(path, message, hint, value=True)


def _shown(value: object) -> str:
    """A value as YAML writes it: 'true', 'nothing', 'a list'."""
    if value is None or isinstance(value, bool):
        return "nothing" if value is None else str(value).lower()
    return "a list" if isinstance(value, list) else "options" if isinstance(value, dict) else repr(value)


def _meant(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"{f'did you mean {close[0]!r}? ' if close else ''}its options here: {', '.join(known) or 'none'}; fix the name or remove the line"


@functools.cache
def theme_folders() -> tuple[Path, ...]:
    """The templates folders of the installed Material and Zensical (either may be missing; Zensical's theme is the
    package zensical_ui from Zensical 0.1, its own templates folder before)."""
    found = []
    for module in ("material", "zensical", "zensical_ui"):
        spec = importlib.util.find_spec(module)
        folder = Path(spec.origin).parent / "templates" if spec is not None and spec.origin else None
        if folder is not None and folder.is_dir():
            found.append(folder)
    return tuple(found)


_TESTED = re.compile(r"\"([a-z]+(?:\.[a-z]+)+)\" in features")
_FLAG = re.compile(r"export type Flag =(.*?)\\n\\n", re.S)


@functools.cache
def installed_features() -> frozenset[str]:
    """The features the installed theme has: those its templates test, and its scripts' (the ``Flag`` type of the
    TypeScript sources its source map holds)."""
    found: set[str] = set()
    for folder in theme_folders():
        for template in folder.rglob("*.html"):
            found |= set(_TESTED.findall(_read(template)))
        for source_map in (folder / "assets" / "javascripts").glob("bundle.*.js.map"):
            if flags := _FLAG.search(_read(source_map)):
                found |= set(re.findall(r"\| \\\"([a-z.]+)\\\"", flags.group(1)))
    return frozenset(found)


_COLOUR = re.compile(r"data-md-color-(primary|accent)=([a-z-]+)")


@functools.cache
def installed_colours() -> dict[str, frozenset[str]]:
    """The colours the installed theme's palette stylesheets style, by role, as mkdocs.yml writes them ('deep purple')."""
    found: dict[str, set[str]] = {"primary": set(), "accent": set()}
    for folder in theme_folders():
        for sheet in (folder / "assets" / "stylesheets").rglob("palette.*.css"):
            for role, name in _COLOUR.findall(_read(sheet)):
                found[role].add(name.replace("-", " "))
    return {role: frozenset(names) for role, names in found.items()}


def _known_colours(role: str) -> frozenset[str]:
    return COLOURS[role] | {CUSTOM}


def _installed_colour(role: str, value: str, ctx: Context) -> bool:
    return value.replace("-", " ") in installed_colours()[role] | COLOURS[role] or ctx.styled(role, value)


@functools.cache
def installed_languages() -> frozenset[str]:
    """The languages the installed theme has a file for (partials/languages/NAME.html)."""
    return frozenset(p.stem for folder in theme_folders() for p in (folder / "partials" / "languages").glob("*.html"))


def _language_file(value: str, ctx: Context) -> bool:
    return any((folder / "partials" / "languages" / f"{value}.html").is_file() for folder in ctx.folders if "/" not in value and value)


def _icon_exists(name: str, folders: tuple[Path, ...]) -> bool:
    return ".." not in name.split("/") and any((folder / ".icons" / f"{name}.svg").is_file() for folder in folders)


def _close_icon(name: str, folders: tuple[Path, ...]) -> str:
    """The icon of the same set meant by ``name`` ('material/brightness-7' for 'material/brightnes-7'), '' when none."""
    family, _, icon = name.rpartition("/")
    for folder in folders:
        there = folder / ".icons" / family
        if family and ".." not in family.split("/") and there.is_dir():
            close = difflib.get_close_matches(icon, [p.stem for p in there.glob("*.svg")], n=1, cutoff=0.75)
            if close:
                return f"{family}/{close[0]}"
    return ""


TEXT, ICON = Text(), Icon()
_FEATURE = Named("feature", lambda: FEATURES, lambda value, _ctx: value in installed_features())
_CUSTOM_LANGUAGE = " (or custom, with overrides/partials/languages/custom.html)"
_LANGUAGE = Named("language", installed_languages, lambda value, ctx: _language_file(value, ctx), _CUSTOM_LANGUAGE, fails=True)
_TOGGLE = Options({"icon": ICON, "name": TEXT})
_COLOURS = {role: Named(f"{role} colour", functools.partial(_known_colours, role), functools.partial(_installed_colour, role)) for role in COLOURS}
_SCHEME = Named("colour scheme", lambda: frozenset({"default", "slate"}), lambda value, ctx: ctx.styled("scheme", value), " (or one extra_css styles)")
_PALETTE = Options({"media": TEXT, "scheme": _SCHEME, "primary": _COLOURS["primary"], "accent": _COLOURS["accent"], "toggle": _TOGGLE})
_ICONS = ("logo", "repo", "edit", "view", "top", "share", "menu", "alternate", "search", "close", "previous", "next", "annotation", "copy")
_BLOG = ("back", "categories", "date", "date_updated", "readtime")
# Material's options of theme: (MkDocs' own: name, custom_dir, locale, static_templates; Zensical's: variant).
THEME = Options({
    "name": TEXT,
    "custom_dir": TEXT,
    "locale": TEXT,
    "static_templates": ListOf(TEXT, "template names"),
    "language": _LANGUAGE,
    "direction": Named("direction", lambda: frozenset({"ltr", "rtl"})),
    "features": ListOf(_FEATURE, "features"),
    "palette": Either(lambda value: isinstance(value, list), ListOf(_PALETTE, "palettes"), _PALETTE),
    "font": Either(lambda value: isinstance(value, dict), Options({"text": TEXT, "code": TEXT}), NoFonts()),
    "icon": Options({**dict.fromkeys(_ICONS, ICON), "admonition": Options(each=ICON), "tag": Options(each=ICON), "blog": Options(dict.fromkeys(_BLOG, ICON))}),
    "favicon": SiteFile("the favicon"),
    "logo": SiteFile("the logo"),
    "variant": Named("variant", lambda: frozenset({"modern", "classic"})),
})


def problems(theme: object, config_folder: Path, docs: object = "docs", sheets: object = (), extra: object = None) -> list[Problem]:
    """What is wrong with mkdocs.yml's ``theme`` (as written; ``config_folder``: mkdocs.yml's folder, which the custom
    folder and ``docs`` (its docs_dir as written) are relative to; ``sheets``: its extra_css), when it names Material:
    each option the theme does not have, or a value it has no name (or file) for. None for another theme, or a theme named by its name alone
    (``theme: material``: nothing to check). The icons of ``extra``'s social links are the theme's too."""
    if not isinstance(theme, dict) or theme.get("name") != "material":
        return []
    custom = theme.get("custom_dir")
    folder = config_folder / custom if isinstance(custom, str) else None
    pages = config_folder / docs if isinstance(docs, str) else None
    written = tuple(sheet for sheet in sheets if isinstance(sheet, str)) if isinstance(sheets, list) else ()  # extra_css
    ctx = Context(tuple(p for p in (folder, *theme_folders()) if p is not None), folder, pages, written)
    found = list(THEME.check({k: v for k, v in theme.items() if not _tagged(v)}, ("theme",), ctx))
    social = extra.get("social") if isinstance(extra, dict) else None  # the footer's links: each an icon of the theme's
    for n, link in enumerate(social if isinstance(social, list) else []):
        if isinstance(link, dict) and "icon" in link and not _tagged(link["icon"]):
            found += ICON.check(link["icon"], ("extra", "social", n, "icon"), ctx)
    return found


def _tagged(value: object) -> bool:
    """A value written with a tag (``!ENV``): MkDocs' reading makes it, unknown here."""
    return type(value).__name__ == "_Tagged"


def _custom_keys(folder: str) -> frozenset[str]:
    """The keys of ``theme`` the templates of a custom folder read (``config.theme.KEY``, ``theme.KEY``)."""
    found: set[str] = set()
    for template in Path(folder).rglob("*.html"):
        found |= set(re.findall(r"\btheme\.([A-Za-z_]\w*)", _read(template)))
        found |= set(re.findall(r"\btheme\[['\"]([^'\"]+)['\"]\]", _read(template)))
    return frozenset(found)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


_FRONT = re.compile(r"\ufeff?-{3}[ \t]*\r?\n(.*?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.S)  # as load.front_matter_issue reads it
_PAGE_KEYS = re.compile(r"^(?:icon|hide)[ \t]*:", re.M)
# What a page's front matter 'hide:' may hide: the names Material's templates test ('"toc" in page.meta.hide'), read
# first (a test holds them to the installed theme's, ``installed_hidden``); a misspelled one hid nothing, without a word.
HIDDEN = frozenset({"feedback", "footer", "navigation", "path", "tags", "toc"})
_HIDE_TESTED = re.compile(r"\"([a-z]+)\" (?:not )?in page\.meta\.hide")


@functools.cache
def installed_hidden() -> frozenset[str]:
    """The parts of a page the installed theme hides by its front matter's 'hide:' (those its templates test)."""
    return frozenset(name for folder in theme_folders() for template in folder.rglob("*.html") for name in _HIDE_TESTED.findall(_read(template)))


def page_problem(text: str, custom: Path | None) -> tuple[str, int, int, str] | None:
    """What is wrong with a hand-written page's front matter for the theme, its line and column, and the hint: an
    ``icon:`` it has no icon for (it failed in its own template, 'nav-item.html:25: template .icons/material/rocket-launc.svg
    is not in overrides/', or with Zensical's traceback), a part ``hide:`` names that it has not (hidden nothing, without
    a word); None when nothing is (or the page has no front matter, or the theme's keys are not in it)."""
    front = _FRONT.match(text)
    if front is None or not _PAGE_KEYS.search(front.group(1)):
        return None
    try:
        root = yaml.compose("\n" * text.count("\n", 0, front.start(1)) + front.group(1), Loader=_LOADER)  # noqa: S506 - the safe loader
    except (yaml.YAMLError, RecursionError, ValueError):
        return None  # front_matter_issue says it
    pairs = {key.value: value for key, value in root.value if isinstance(key, yaml.ScalarNode)} if isinstance(root, yaml.MappingNode) else {}
    ctx = Context(tuple(p for p in (custom, *theme_folders()) if p is not None), custom)
    checks: list[tuple[yaml.Node, Kind]] = [(pairs["icon"], ICON)] if isinstance(pairs.get("icon"), yaml.ScalarNode) else []
    hide = pairs.get("hide")
    items = hide.value if isinstance(hide, yaml.SequenceNode) else [hide] if isinstance(hide, yaml.ScalarNode) and hide.value else []
    checks += [(item, _HIDE) for item in items if isinstance(item, yaml.ScalarNode)]
    for node, kind in checks:
        problem = next(kind.check(node.value, ("",), ctx), None)
        if problem is not None:
            return problem.message, node.start_mark.line + 1, node.start_mark.column + 1, problem.hint
    return None


_HIDE = Named("part to hide", lambda: HIDDEN, lambda value, _ctx: value in installed_hidden())
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
