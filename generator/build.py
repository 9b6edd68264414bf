"""The build: check -> render pages -> stage docs/ -> the engine builds -> publish -> swap docs/ and site/ in; all or nothing.

``publish`` (generator/publish/) is the pipeline after the engine that `serve` runs too: redirects,
JSON files, slots, search entries and the safety scan.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import logging
import os
import re
import shutil
from collections.abc import Callable, Container
from dataclasses import replace
from pathlib import Path
from typing import Any

from . import kept, mkdocs_yml, pagelinks, precompile, theme_options, warm, zensical_copies
from .beside import Beside, Claim, can_fork, later, settle
from .engine import SitePlugin, listing_pruned
from .errors import UNCHANGED, BuildError, CheckFailed, Interrupted, Issue, Loc, Severity, UsageError
from .format.load import front_matter_issue, not_utf8, other_break, unreadable, unreadable_text
from .format.model import Data
from .format.oncall import epoch_warnings, source_date_epoch
from .mkdocs_warnings import located
from .programs import data_revision
from .project import Project, check, check_files, collector_paused, differs, portable
from .publish import Outputs, Publication, publish, site_files
from .publish import stage as _stage
from .publish.assemble import STORES, Filled, MissingBlock, prune_stores, slotted_pages
from .publish.navwindow import Windows
from .publish.scan import Hit, Memo, halves, in_order, scan_files
from .publish.search import Additions, merge_search
from .publish.write import (
    check_owned,
    check_site,
    check_site_files,
    discard,
    discarded,
    mark_site,
    recover,
    refuse_escaping_link,
    site_options,
    split_pages,
    stage_docs,
    stage_folder,
    stage_site,
    swap,
    write_pages,
)
from .signals import pause
from .site import memo as parts
from .site.layout import DIRECTORY_URLS, GENERATED_DIRS, HOME, HOME_LIST, SLOT, Page, Urls, frame_of, markdown_slots
from .site.lists import keep_linked_anchors
from .site.render import Site, render
from .theme_errors import located_templates
from .zensical import DOCS, MADE, Zensical, config_text
from .zensical import Failed as ZensicalFailed

__all__ = ["Project", "build", "built_with", "check", "check_files", "mkdocs_config", "navigation", "site_url_of"]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material 9.8's banner on every build
log = logging.getLogger("checklist_site")


def _at(project: Project, path: mkdocs_yml.Path_, value: bool = False) -> Loc:
    """The place of the key at ``path`` of mkdocs.yml (of its value with ``value``): in the file of its ``INHERIT`` chain
    that sets it (``mkdocs_yml.whereabouts``), mkdocs.yml at no line where none does."""
    file, line, column = mkdocs_yml.whereabouts(project.config, path, value)
    return Loc(project.display(file), line, column)


def _key_line(project: Project, key: str) -> int:
    """The line of a top-level key in mkdocs.yml, 0 when it is not there (a default or an override)."""
    try:
        lines = project.config_text().splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if re.match(rf"{re.escape(key)}\s*:", line)), 0)


def _installed() -> dict[str, list[str]]:
    """The plugins, themes and Markdown extensions MkDocs finds installed, by their names in mkdocs.yml."""
    from importlib.metadata import entry_points

    groups = {"plugins": "mkdocs.plugins", "themes": "mkdocs.themes", "markdown_extensions": "markdown.extensions"}
    return {kind: sorted({e.name for e in entry_points(group=group)}) for kind, group in groups.items()}


_INTERNAL = ("config_file_path", "mdx_configs", "pages", "google_analytics")  # settings of MkDocs' own, or gone: not named in a hint


def _read(project: Project, where: str) -> Any:
    """mkdocs.yml read by MkDocs (not validated yet); what it cannot read said at its place."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError

    config = MkDocsConfig(config_file_path=str(project.config))
    try:
        raw = project.config.read_bytes()
        unread = not_utf8(raw, where)  # MkDocs reads UTF-16 too; every other reader of it, UTF-8 only
        unread = unread or other_break(raw.decode("utf-8"), where)  # '# ok\u2028strict: false': a key in a comment to a reviewer
        if unread is not None:  # (Zensical's build stopped with an internal error: UnicodeDecodeError)
            raise UsageError(unread.message, unread.hint, unread.loc)
        with project.config.open("rb") as fd:
            config.load_file(fd)
    except ConfigurationError as exc:
        unread = unreadable_text(project.config.read_bytes(), where)  # a NUL, a byte not UTF-8: MkDocs says 'position 199'
        if unread is not None:
            raise UsageError(unread.message, unread.hint, unread.loc) from None
        if shape := mkdocs_yml.shape_problem(project.config):
            raise UsageError(shape[0], mkdocs_yml.SETTINGS_HINT, Loc(where, *shape[1:])) from None
        raise UsageError(str(exc), "fix the MkDocs configuration", Loc(where)) from None
    except RecursionError:  # '[' nested thousands deep: Python's stack, not YAML's limit
        raise UsageError("the YAML is nested deeper than MkDocs can read", "flatten it: a configuration nests a few levels", Loc(where, 1, 1)) from None
    except ValueError as exc:  # a number of over 4,300 digits, a date no calendar has: YAML made them, Python could not
        found = unreadable(project.config.read_text(encoding="utf-8", errors="replace"))
        line, column, value = found or (0, 0, "")
        said = f"'{value}' is read by YAML as a number or a date, which Python cannot make ({str(exc).split(':')[0]})"
        raise UsageError(said, "quote it, if it is text; else write a number or a date that exists", Loc(where, line, column)) from None
    for twice in mkdocs_yml.duplicate_keys(project.config, where)[:1]:  # MkDocs kept the last without a word
        raise UsageError(twice.message, twice.hint, twice.loc)
    return config


def mkdocs_config(project: Project, *, warn: bool = True, **overrides: Any) -> Any:
    """MkDocs' configuration, as ``mkdocs.config.load_config`` makes it, with its errors as usage errors naming file and key
    (``warn``: its warnings logged; off for a read ahead of the one the build reports from)."""
    where = project.display(project.config)
    if project.config.is_dir():
        raise UsageError(f"{where} is a folder, not MkDocs' settings file", f"remove or rename it, then run 'checklist-site init .', which writes {where}")
    if not project.config.is_file():
        raise UsageError(f"{where} not found", "run checklist-site in the project folder (the one holding mkdocs.yml), or pass -C DIR")
    config = _read(project, where)
    config.load_dict({k: v for k, v in overrides.items() if v is not None})
    errors, warnings = config.validate()
    if warn and warnings:
        _warn(project, config, warnings)
    if not errors or errors[0][0] == "markdown_extensions":  # before MkDocs' error: it says an option as an exception
        _extension_options(project)
    if errors:
        key, error = errors[0]
        more = f" (and {len(errors) - 1} more configuration error(s))" if len(errors) > 1 else ""
        if key == "site_url" and overrides.get("site_url") is not None:
            raise UsageError(f"--site-url: {error}", "pass an absolute http(s) URL, e.g. https://runbooks.example.org/")
        if shape := mkdocs_yml.shape_problem(project.config):
            raise UsageError(shape[0], mkdocs_yml.SETTINGS_HINT, Loc(where, *shape[1:]))
        told = mkdocs_yml.config_error(project.config, where, key, str(error), _installed())
        at = _at(project, told.path) if told.path else Loc(where, *mkdocs_yml.start(project.config))
        if not at.line:
            line = _key_line(project, key)
            at = Loc(where, line, 1 if line else 0)
        said = f"key '{mkdocs_yml.dotted(told.path)}': {told.message}" if told.path else told.message
        hint = told.hint.replace(f" in {where}", f" in {at.file}") + (f": {mkdocs_yml.SITE_URL_HINT}" if key == "site_url" and told.path else "")
        raise UsageError(said + more, hint, at)
    problem = mkdocs_yml.site_url_problem(config["site_url"] or "")
    if problem and overrides.get("site_url") is not None:
        raise UsageError(f"--site-url: {problem}", mkdocs_yml.SITE_URL_HINT)
    if problem:
        at = _at(project, ("site_url",))
        raise UsageError(f"key 'site_url': {problem}", f"fix 'site_url' in {at.file}: {mkdocs_yml.SITE_URL_HINT}", at)
    keys = (*mkdocs_yml.PRINTED_AS_HTML, *mkdocs_yml.ADDRESSES, *mkdocs_yml.HTML_KEYS)
    printed = {**{key: config[key] for key in keys}, "extra": dict(config["extra"]), "theme": dict(config["theme"])}
    printed |= {key: [getattr(entry, "path", entry) for entry in config[key]] for key in mkdocs_yml.ASSETS}  # MkDocs' script: .path
    printed["nav"] = config["nav"]
    for path, problem, hint in mkdocs_yml.settings_problems(printed):
        key, at = mkdocs_yml.dotted(path), _at(project, path)
        raise UsageError(f"key '{key}': {problem}", f"fix '{key}' in {at.file}: {hint}", at)
    _theme_options(project)
    listing_pruned(config.theme)  # MkDocs lists the theme's files without the 14,000 icons it leaves out
    return config


def _warn(project: Project, config: Any, warnings: list[tuple[str, str]]) -> None:
    """MkDocs' warnings of mkdocs.yml, each at its place, in the file's order, with the name meant (MkDocs names the
    top-level key alone: 'plugins')."""
    names = {"": sorted(name for name, _ in config._schema if name not in _INTERNAL)}
    names |= {name: [option for option, _ in plugin.config_scheme] for name, plugin in config["plugins"].items()}
    warned = [mkdocs_yml.config_warning(project.config, key, warning, names) for key, warning in warnings]
    located = [(_at(project, each.path), each) for each in warned]
    for loc, each in sorted(located, key=lambda pair: (pair[0].file != project.display(project.config), pair[0].file, pair[0].line, pair[0].column)):
        log.warning("%s", Issue(loc, f"key '{mkdocs_yml.dotted(each.path)}': {each.message}", each.hint, Severity.WARNING).format())


def _extension_options(project: Project) -> None:
    """Refuses an option a Markdown extension of mkdocs.yml does not have, or a value it refuses, at the option."""
    options = mkdocs_yml.extension_option_problems(project.config)
    if options:
        path, problem, hint = options[0]
        more = f" (and {len(options) - 1} more)" if len(options) > 1 else ""
        raise UsageError(f"key '{mkdocs_yml.dotted(path)}': {problem}{more}", hint, _at(project, path))


def _theme_options(project: Project) -> None:
    """Refuses an option of Material's ``theme:`` it does not have, or a name it has none of (a feature, a colour, an
    icon, a language), at its place: the theme left it out without a word, or failed in its own templates."""
    found = mkdocs_yml.theme_problems(project.config)
    if found:
        first = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise UsageError(f"key '{mkdocs_yml.dotted(first.path)}': {first.message}{more}", first.hint, _at(project, first.path, value=first.value))


def _hand_written(docs_dir: Path) -> list[str]:
    pages = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file()]  # a folder named x.md is a folder to MkDocs
    pages = [p for p in pages if p.split("/")[0] not in GENERATED_DIRS and not any(part.startswith(".") for part in p.split("/"))]
    return sorted(pages, key=lambda p: (p != HOME.src, p))


DEVELOPER_DIR = "development"  # hand-written pages for maintainers: listed last, after the checklists


def navigation(user_nav: list[Any] | None, docs_dir: Path, site: Site) -> list[Any]:
    """The user's nav (or the hand-written pages) followed by the generated checklists.

    Without a nav of the user's, pages under docs/development/ (benchmarks and the like) come
    last, so a reader's path (home, how-to, checklists, runbooks) does not run through them.
    """
    if user_nav:
        return list(user_nav) + list(site.nav)
    pages = _hand_written(docs_dir)
    reader = [p for p in pages if p.split("/")[0] != DEVELOPER_DIR]
    developer = [p for p in pages if p.split("/")[0] == DEVELOPER_DIR]
    return reader + list(site.nav) + ([{"Development": developer}] if developer else [])


def by_address(nav: list[Any], framed: dict[str, Any], urls: Urls = DIRECTORY_URLS) -> list[Any]:
    """``nav`` for Zensical: a framed page (a packet, which no Markdown file stands for) named by its address in the
    site's ``urls``, which Zensical shows and links as a page of the navigation (MkDocs is given it as an excluded file:
    ``engine.add_framed``).

    >>> by_address([{"C": [{"Overview": "c/index.md"}, {"Packet": "c/packet.md"}]}], {"c/packet.md": ()})
    [{'C': [{'Overview': 'c/index.md'}, {'Packet': 'c/packet/'}]}]
    >>> by_address([{"Packet": "c/packet.md"}], {"c/packet.md": ()}, Urls(directory=False))
    [{'Packet': 'c/packet.html'}]
    """

    def entry(value: Any) -> Any:
        if isinstance(value, list):
            return [entry(item) for item in value]
        if isinstance(value, dict):
            return {title: entry(item) for title, item in value.items()}
        return urls.url(Page(value)) if isinstance(value, str) and value in framed else value

    return list(entry(nav))


def hand_written_texts(docs_dir: Path, display: Callable[[Path], str] = str, custom: Path | None | bool = False) -> dict[str, str]:
    """The hand-written pages of docs/ (not the generated folders): {path inside docs/: Markdown}.

    A page that is not UTF-8 (an internal error) or whose front matter MkDocs would not read (it shows it as the page's
    text, and builds), or names an icon or a part to hide that the theme (or the ``custom`` folder: None, none; False, not
    known: not looked at) has not, is refused, each at its place (``display``: a file's name in messages)."""
    texts: dict[str, str] = {}
    issues: list[Issue] = []
    for page in _hand_written(docs_dir):
        raw = (docs_dir / page).read_bytes()
        problem = not_utf8(raw, display(docs_dir / page))
        if problem is None:
            texts[page] = raw.decode("utf-8")
            problem = front_matter_issue(texts[page], display(docs_dir / page))
        if problem is None and custom is not False and (meta := theme_options.page_problem(texts[page], custom if isinstance(custom, Path) else None)):
            problem = Issue(Loc(display(docs_dir / page), meta[1], meta[2]), f"in the front matter: {meta[0]}", meta[3])
        if problem is not None:
            issues.append(problem)
    if issues:
        raise CheckFailed(issues)
    return texts


def site_pages(data: Data, urls: Urls, hand_written: dict[str, str], memo: parts.Memo = parts.NONE) -> Site:
    """The generated pages, their lists' stand-in anchors kept where a page (generated or ``hand_written``) links to them
    (``memo``: `serve`'s pages kept from its last render)."""
    site = render(data, urls, memo)
    return replace(site, pages=keep_linked_anchors(site.pages, hand_written.values()))


def slot_pages(site: Site, hand_written: dict[str, str], urls: Urls) -> list[str]:
    """The built pages holding a slot: generated ones, and hand-written ones such as the home page's list of checklists."""
    return slotted_pages({**site.pages, **hand_written}, urls)


def _published(p: Publication, hand_written: dict[str, str], docs: str) -> None:
    """:func:`publish`, once every slot of the hand-written pages is one the build fills: else the user's to fix, located
    (:func:`unknown_slot`, as `serve` says it; a generated page's slot naming no block would be a bug of ours)."""
    located = unknown_slot(hand_written, p.outputs.blocks, docs)
    if located is not None:
        raise located
    try:
        publish(p)
        if p.filled is not None:
            p.filled.save(p.site_dir)  # what the next build with this engine takes where it fills a page from the same
    except MissingBlock as exc:  # a slot the engine's Markdown made HTML where CommonMark saw code: the first written so
        for page, text in sorted(hand_written.items()):
            for found in SLOT.finditer(text):
                if html.unescape(found.group(1)) == exc.key:
                    at = found.start()
                    issue = _slot_issue(f"{docs}/{page}", text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at), exc.key)
                    raise CheckFailed([issue]) from None
        raise


def unknown_slot(hand_written: dict[str, str], blocks: Container[str], docs: str) -> CheckFailed | None:
    """Every slot of a hand-written page (``docs``: its folder, as messages name it) that names no block of ``blocks``,
    each located, as the error the user fixes; None when every slot names one (`build` asks after a slot went
    unfilled, `serve` before MkDocs builds). A slot shown as code is none (:func:`markdown_slots`)."""
    issues = [
        _slot_issue(f"{docs}/{page}", line, column, key)
        for page, text in sorted(hand_written.items())
        for key, line, column in markdown_slots(text)
        if key not in blocks
    ]
    return CheckFailed(issues) if issues else None


def _slot_issue(page: str, line: int, column: int, key: str | None) -> Issue:
    """The error of a slot at ``page``:``line``:``column`` that names the block ``key``, which the build does not make
    (None: a slot written otherwise than the build reads one)."""
    hint = f'the slot a hand-written page may hold is <div class="cl-slot" data-block="{HOME_LIST}"></div>; {UNCHANGED}'
    if key is None:
        message = "a slot is written otherwise than the build reads one"
        return Issue(Loc(page, line, column), message, f"write it exactly so (class first, double quotes), or it stays empty: {hint}")
    return Issue(Loc(page, line, column), f"the slot names no block the build makes: '{key}'", hint)


def site_url_of(project: Project, site_url: str | None = None) -> str:
    """The site's address: the command line's (checked as the build checks it), else mkdocs.yml's ('' when none)."""
    if site_url is not None and mkdocs_yml.site_url_problem(site_url):
        raise UsageError(f"--site-url: {mkdocs_yml.site_url_problem(site_url)}", mkdocs_yml.SITE_URL_HINT)
    return site_url if site_url is not None else (mkdocs_config(project)["site_url"] or "")


def _run_zensical(
    zensical: Zensical,
    project: Project,
    site: Site,
    config: Any,
    docs_dir: Path,
    staged_docs: Path,
    staging: Path,
    generated: Any,
    site_url: str | None,
    hand_written: dict[str, str],
) -> Path:
    """Have Zensical build the staged pages (in the process started with the build) from a generated copy of mkdocs.yml
    that carries the navigation (and the command line's ``site_url``, as ``config`` made it); returns the staged docs/ it
    builds from. `_build` waits for it once its own work beside Zensical is done."""
    nav = by_address(navigation(config["nav"], docs_dir, site), site.framed, Urls.of(config))
    docs, site_folder = (p.relative_to(project.root).as_posix() for p in (project.work / DOCS, staging))
    text = config_text(project.config_text(), nav, docs, site_folder, config["site_url"] if site_url is not None else None)
    theme = mkdocs_yml.custom_dir(project)
    where: dict[str, Any] = {"work": project.work, "theme": theme if isinstance(theme, Path) else None}
    args = (site, nav, Urls.of(config), config["site_url"], text, hand_written)
    planned = functools.partial(zensical_copies.plan, *args, **where)
    store, key = kept.Kept("zensical-plan", str(project.root)), zensical_copies.plan_key(*args, **where)
    excluded = store.get(key) if key is not None else ""  # what the plan leaves out of Zensical's build, kept: a kept site needs no more
    if not isinstance(excluded, str):
        zensical.copies = planned()
        excluded = zensical.copies.exclude_docs() if zensical.copies is not None else ""
        later(store.put, key, excluded)
    staged = zensical.run(project, staged_docs, text + excluded, generated, staging)  # the pages left out are written from prototypes
    if excluded and not zensical.reused:
        zensical.copies = zensical.copies or planned()  # the same plan (of the same inputs), made while Zensical builds
        assert zensical.copies is not None and zensical.copies.exclude_docs() == excluded, "the plan kept is the plan made"
        zensical.copies.prepare()  # the pages' Markdown converted by its forms while Zensical builds
    return staged


FILLED = "filled"  # in the work folder: the stores of filled pages (``publish.assemble.Filled``)
GZIP_LAST = 2**32 - 1  # the last time a gzip file holds (2106-02-07): MkDocs' sitemap.xml.gz is dated SOURCE_DATE_EPOCH


def cache_warnings() -> list[Issue]:
    """A warning when CHECKLIST_SITE_CACHE (or, without it, XDG_CACHE_HOME) names what cannot be the cache folder (a file,
    a folder this user cannot write to): the build goes on keeping nothing, as with 'off', and was silent about it (every
    build as slow as the first)."""
    variable = kept.CACHE_VARIABLE if os.environ.get(kept.CACHE_VARIABLE) else "XDG_CACHE_HOME"  # the one that chose it
    chosen = os.environ.get(variable)
    folder = kept.cache_folder()
    if not chosen or folder is None or not (variable == kept.CACHE_VARIABLE or os.path.isabs(chosen)):
        return []
    there = next((p for p in (folder, *folder.parents) if p.exists()), None)
    why = (
        "a file, not a folder" if there is not None and not there.is_dir() and there == folder
        else f"a path through the file {there}" if there is not None and not there.is_dir()
        else "a folder this user cannot write to" if there is not None and not os.access(there, os.W_OK | os.X_OK)
        else ""
    )
    if not why:
        return []
    fix = "or set it to 'off'" if variable == kept.CACHE_VARIABLE else f"or set {kept.CACHE_VARIABLE} to such a folder (or 'off')"
    return [Issue(
        Loc(variable),
        f"the environment variable {variable} is {chosen[:400]!r}, {why}: nothing is kept between builds (each starts from nothing)",
        f"point it at a folder this user can write to (it is made if missing), {fix}",
        Severity.WARNING,
    )]


def _epoch_fits() -> None:
    """Refuse a SOURCE_DATE_EPOCH the engine cannot date the site by: 'yesterday', -5, or a time past gzip's last one
    (MkDocs stopped with an internal error; `check` and `status` only warn, and judge runbooks on today's date)."""
    for issue in epoch_warnings():
        raise UsageError(issue.message.replace("runbooks are judged on today's date", "the site is dated by it"), issue.hint, issue.loc)
    epoch = source_date_epoch()
    if epoch is not None and epoch > GZIP_LAST:
        raise UsageError(
            f"the environment variable SOURCE_DATE_EPOCH is {epoch}, after 2106-02-07, the last date a gzip file holds (the site's sitemap.xml.gz)",
            f"set it to at most {GZIP_LAST} (git log -1 --format=%ct), or unset it",
            Loc("SOURCE_DATE_EPOCH"),
        )


def build(
    project: Project, *, site_url: str | None = None, strict: bool = True, offline: bool = False, engine: str = "mkdocs", collect: bool = True
) -> Path:
    """Check, generate, run mkdocs (or Zensical), swap the new pages and site in together.

    Under the project lock; a run stopped before by a crash is rolled back first. On any failure
    the previous pages and site stay as they were. ``collect``: Python's cyclic garbage collector, paused for the
    build, collects once after it (off where the process ends next, ``cli.program``: 0.05-0.08 s at 10,000 items).
    """
    _epoch_fits()
    for issue in cache_warnings():
        log.warning("%s", issue.format())
    if offline and engine == "zensical":
        raise UsageError(
            "--offline builds with the MkDocs engine only: Zensical would write the pages at directory URLs, which a browser does not open from disk",
            "drop --engine zensical for the offline copy (checklist-site build --offline), or drop --offline",
        )
    with project.lock():
        for target in recover(project.work):
            log.warning("put back %s as it was before a build that was stopped", project.display(Path(target)))
        later(discard, project.work, discarded(project.work))  # the last build's old site and pages, removed beside this build
        zensical = Zensical(project) if engine == "zensical" else None  # started now, it imports while the data is checked
        facts = mkdocs_yml.read(project, site_url) if zensical is not None else None  # None: MkDocs reads mkdocs.yml
        if zensical is not None:
            zensical.speculate(project, Path(facts.docs_dir) if facts else None)  # on the last build's pages: kept if this build's are the same
        built = None
        try:
            with collector_paused(collect):  # as in the check: millions of objects without cycles, one collection at the end
                built = _build(project, site_url=site_url, strict=strict, offline=offline, engine=engine, zensical=zensical, facts=facts)
            return built
        except OSError as exc:  # a full disk said at a write or a close names no file: the folder all of a build is written in
            exc.filename = exc.filename or project.display(project.work)
            raise
        finally:
            if zensical is not None:
                zensical.cancel()
            _cleared(project, built is not None)  # staging of a failed build
            _settled(built is not None)


def _cleared(project: Project, swapped: bool) -> None:
    """Clear the work folder's staging (``recover``). Once the new pages and site are swapped in, a leftover it cannot
    remove (a full disk, a file another user owns) is a warning: the build is done, and the next writer clears it. Before
    that, the failure is the build's: what a half-done swap left is put back or said."""
    try:
        recover(project.work)
    except OSError as exc:
        if not swapped:
            raise
        said = exc.strerror or exc
        log.warning("%s: the new site is in place, but its staging could not be cleared (%s); the next build clears it", project.display(project.work), said)


def _settled(swapped: bool) -> None:
    """Wait for the children writing kept results and compiled templates: done with the build. Stopped meanwhile, the
    build says what is in place: the new site, once ``swapped``."""
    try:
        settle()
    except Interrupted as exc:
        if swapped:
            exc.state = "the new pages and site are in place"
        raise


def _docs_checked(project: Project, docs_dir: Path, data: Data) -> None:
    """Refuse a docs/ whose generated folders hold what the generator did not write, or that holds a file where the
    build writes one of the site's own (``checklist.json``): nothing hand-written is replaced."""
    for folder in GENERATED_DIRS:
        check_owned(docs_dir / folder, project.display)
    check_site_files(docs_dir, site_files(data), project.display)
    for issue in case_clashes(project, docs_dir):
        log.warning("%s", issue.format())


def case_clashes(project: Project, docs_dir: Path) -> list[Issue]:
    """A warning for each hand-written page, or top folder, of ``docs_dir`` whose name differs from another's, or from a
    generated folder's, only by letter case or a letter's Unicode form (``project.portable``): docs/Checklists/ beside the
    generated checklists/, Guide.md beside guide.md. A checkout on macOS or Windows, whose file systems ignore letter case
    (and macOS's the Unicode form), holds one of them (and the build there refuses a generated folder holding hand-written
    pages)."""
    first: dict[str, str] = {portable(name): name for name in GENERATED_DIRS}
    found: list[Issue] = []
    said: set[str] = set()
    hint = "rename it: a checkout on macOS or Windows holds one of the two"
    for page in _hand_written(docs_dir):
        for name in ([page.split("/")[0]] if "/" in page else []) + [page]:
            other = first.setdefault(portable(name), name)
            if other != name and name not in said:
                said.add(name)
                where = Loc(project.display(docs_dir / name))
                found.append(Issue(where, f"its name differs from {project.display(docs_dir / other)} {differs(name, other)}", hint, Severity.WARNING))
    return found


def _build(
    project: Project, *, site_url: str | None, strict: bool, offline: bool, engine: str, zensical: Zensical | None = None, facts: Any = None
) -> Path:
    ahead, searched = _Ahead(project, theme=zensical is None), False
    checks = warm.KeptChecks(first=None if facts else ahead.config, then=ahead.theme)  # a large checklist's split: MkDocs read first, the theme beside
    with _stage("check (load, validate)"):
        data = check(project, cache=checks)
    log.info("checked %d checklist(s), %d runbook(s)", len(data.checklists), len(data.runbooks))
    config = facts or mkdocs_config(project, site_url=site_url)  # Zensical's build: mkdocs.yml read without MkDocs where it can be
    docs_dir, site_dir = Path(config["docs_dir"]), Path(config["site_dir"])
    check_site(site_dir, project.display, docs_dir)
    _docs_checked(project, docs_dir, data)
    urls = Urls.of(config, offline)
    hand_written = hand_written_texts(docs_dir, project.display, mkdocs_yml.custom_dir(project))
    revision = data_revision(project.data)
    inputs = warm.inputs(checks, urls)  # None: a data file changed while it was checked, and nothing is kept
    wanted = inputs and kept.key("outputs", inputs, revision)
    found = warm.kept_outputs(project, wanted, blocks_only=zensical is not None)
    alone = found is None and zensical is None and (found := warm.kept_outputs(project, wanted, blocks_only=True)) is not None  # (below)
    worker = warm.Worker(project, warm.context(urls, revision), data, urls, revision, wanted, blocks_only=zensical is not None)  # with the parts kept
    if found is not None and (worker.blocks_only or alone):  # the blocks kept whole; the JSON files and search entries from their kept parts
        found = _exported(found, worker)
    if not found and zensical is None and can_fork():
        worker.claim = Claim()  # the exports: made here once MkDocs has built, if the worker has not begun them (_joined)
    if not found:
        worker.prime()
    theme = None if zensical or checks.split else precompile.wanted(str(project.root))  # the theme's templates, if not cached
    beside = None if found else Beside(precompile.theme_first, theme, config.theme, worker, then=worker.keep)  # from here on, beside
    # the engine (MkDocs' first page comes after every page's Markdown: time to compile the theme); it keeps what it sent
    try:
        site = _pages(project, data, urls, hand_written, inputs and kept.key("site", inputs, *_linking(hand_written)), worker)
        _links_checked(hand_written, site, docs_dir, project, zensical is not None)
        pause("checked")
        staged_docs, staging, cut = _run_engine(
            project, site, config, docs_dir, engine, hand_written, site_url=site_url, strict=strict, offline=offline, zensical=zensical
        )
        if zensical is not None and zensical.done():  # Zensical ended first: its site is kept while the worker ends
            _finish(zensical, staging, project, site_url, facts)
        if beside is not None:
            found, searched = _joined(beside, worker, _zensical_meanwhile(zensical, staging, project, site_url, facts))
        if zensical is not None:
            _finish(zensical, staging, project, site_url, facts)  # (done above if it ended first, or while the worker worked)
    finally:
        if beside is not None:
            beside.cancel()
    assert found is not None
    variant = f"{engine}-offline" if offline else engine
    job = _publication(project, data, site, found, urls, config, hand_written, staging, cut=cut, searched=searched, variant=variant)
    _published(job, hand_written, project.display(docs_dir))
    mark_site(staging, offline=offline, engine=engine, site_dir=str(site_dir))
    pause("built")
    with _stage("swap in"):
        moves = [stage_folder(staged_docs / folder, docs_dir / folder, project.work) for folder in GENERATED_DIRS]
        swap([*moves, stage_site(staging, site_dir, project.work)], project.work)
    return site_dir


def _publication(
    project: Project, data: Data, site: Site, found: Outputs, urls: Urls, config: Any, hand_written: dict[str, str], staging: Path, *, cut: bool,
    searched: bool, variant: str,
) -> Publication:
    """What :func:`publish` finishes the engine's site in ``staging`` with (``cut``: the long runs of the navigation cut to
    windows; ``searched``: the search entries merged already; ``variant``: the engine, and "offline")."""
    slotted = slot_pages(site, hand_written, urls)
    memo = Memo.load(where) if (where := kept.place("scanned", str(project.root))) else None  # the files the last build found clean, by content
    nav = navigation(config["nav"], Path(config["docs_dir"]), site)  # as the engine built with it: the packets' previous and next pages
    frames = {frame_of(Page(src)).src for src in site.framed}  # paper: no navigation of runs, and taken out as the sheets are written
    # Zensical's pages (MkDocs' with pages left out), hand-written ones too: long runs cut to windows as engine.NavWindow's
    shown = [*(src for src in site.pages if src not in frames), *hand_written]
    windows = Windows.of(site.runs, urls, shown) if cut else None
    return Publication(
        staging, data, found, site.redirects, slotted, urls, framed=site.framed, nav=nav, scan_files=_scan_beside, memo=memo, beside=_beside,
        windows=windows, searched=searched, filled=_filled(project, Path(config["site_dir"]), windows, variant),
    )


def _filled(project: Project, site_dir: Path, windows: Windows | None, variant: str) -> Filled:
    """The pages the last build with this engine (``variant``: its name, and "offline") filled (``publish.assemble.Filled``),
    kept in the user's cache folder under a key of the code and the site's folder, with the digest of what the
    navigation's windows read; their files in a store of the work folder, one per engine and cache folder (none when
    nothing is kept)."""
    place = kept.place("filled", f"{project.root}\0{variant}")
    store, wanted = kept.Kept("filled", f"{project.root}\0{variant}"), kept.key("filled", str(site_dir))
    known = store.get(wanted)
    context = hashlib.sha256(repr((windows.runs, windows.urls, sorted(windows.built.items()))).encode()).hexdigest() if windows else ""
    folder = None if place is None else project.work / FILLED / f"{variant}-{hashlib.sha256(str(place).encode('utf-8', 'surrogateescape')).hexdigest()[:16]}"
    if folder is not None:  # (removing another cache folder's store took 0.02-0.3 s, before the pages were filled)
        later(prune_stores, folder.parent, STORES, folder)
    return Filled(folder, known if isinstance(known, dict) else {}, context, keep=lambda made: store.put(wanted, made))


def _joined(beside: Beside[Any], worker: warm.Worker, meanwhile: Callable[[Additions], None] | None = None) -> tuple[Outputs, bool]:
    """The worker's outputs, and whether their search entries are merged already; with ``blocks_only`` (Zensical), its
    blocks joined to the JSON files and search entries this process makes while the worker makes them, and then, if the
    worker has not ended, ``meanwhile`` done with those search entries before its blocks are waited for."""
    exported, searched = None, False
    if worker.blocks_only and beside.running:
        with _stage("exports, search (here)"):
            exported = worker.exports()
        if meanwhile is not None and beside.running:
            meanwhile(exported[1])
            searched = True
    elif worker.claim is not None and beside.running and worker.claim.take():  # MkDocs has built; the worker is still at the blocks
        with _stage("exports, search (here, claimed)"):
            exported = worker.exports()
    with _stage("blocks, exports, search (beside)"):
        found: Outputs = beside.result()
    if worker.claim is not None:
        worker.claim.close()
    if not beside.from_child:  # made here (no fork, or the worker failed): kept from here
        later(worker.keep, found)
    if worker.blocks_only or exported is not None:
        found = _exported(found, worker, exported)
    return found, searched


def _zensical_meanwhile(
    zensical: Zensical | None, staging: Path, project: Project, site_url: str | None, facts: Any
) -> Callable[[Additions], None] | None:
    """(None under MkDocs) What a Zensical build does while its worker still makes the blocks (the first build of a new clone: Zensical starts
    once the pages are staged, and ends before the worker): Zensical's site taken (``_finish``: the pages of long runs
    written from their prototypes, the site kept), waited for if need be, and the search entries merged into its index,
    none of which needs the blocks. Before, this process waited for the blocks first (0.3-0.5 s at 10,000 items) and did
    both after."""

    if zensical is None:
        return None

    def meanwhile(search: Additions) -> None:
        assert zensical is not None
        _finish(zensical, staging, project, site_url, facts)
        with _stage("search entries"):
            merge_search(staging, search)

    return meanwhile


def _exported(found: Outputs, worker: warm.Worker, exported: tuple[dict[str, str], Any] | None = None) -> Outputs:
    """(Zensical, and MkDocs where this process took the claim) The worker's blocks joined to the JSON files and search
    entries made here (``exported``, or now); the
    parts of those made here kept for the next build, beside."""
    if exported is None:
        with _stage("exports, search (here)"):
            exported = worker.exports()
    if worker.exports_made:
        later(worker.keep_exports)
    return Outputs(found.blocks, *exported)


def _finish(zensical: Zensical, staging: Path, project: Project, site_url: str | None, facts: Any) -> None:
    if not zensical.finished:
        with _stage("zensical build, the rest"):
            try:
                zensical.finish(staging / DIRECTORY_URLS.dest(HOME))
            except BuildError as failed:
                if facts is not None:  # mkdocs.yml read without MkDocs: one it refuses is said as it says it, at its line
                    mkdocs_config(project, warn=False, site_url=site_url)
                if isinstance(failed, ZensicalFailed):
                    failed.say()  # Zensical's own lines, then the error
                raise


class _Ahead:
    """Work the check of a large checklist makes room for (``warm.KeptChecks``): MkDocs' configuration read (and MkDocs,
    its theme and plugins imported: 0.1 s) before the other process of the split starts, so that it finds them; and
    that process, once it has sent its sections, compiles the pages' templates and the theme's if the cache has not
    got them (``precompile``), instead of this process and the worker, which has the blocks to make while MkDocs builds.
    Under Zensical there is no theme of ours to compile, and nothing is compiled ahead: this process compiles the
    pages' templates it renders and the worker the blocks' (each template once, and only those used). Compiled ahead,
    a template the worker asked for before that process had written it was compiled twice, and the pages' templates
    of runbooks and runs were compiled for checklists without them (0.1 s of processor time more at 10,000 items,
    measured interleaved). The build reads the configuration again after the check, at no cost then, and reports
    from there."""

    def __init__(self, project: Project, theme: bool) -> None:
        self.project, self.wants_theme, self.read = project, theme, None

    def config(self) -> None:
        with contextlib.suppress(Exception):
            self.read = mkdocs_config(self.project, warn=False)

    def theme(self, _sent: bytes) -> None:
        mark = precompile.wanted(str(self.project.root)) if self.wants_theme and self.read is not None else None
        if mark is not None:  # a first build: the pages' templates, needed first, then the theme's
            precompile.compile_pages()
            precompile.theme_first(mark, self.read.theme, lambda: None)


def site_links(site: Site) -> pagelinks.Pages:
    """The pages a hand-written page may link to, besides the hand-written ones: the generated and the framed, and the
    generated pages renamed (old -> new)."""
    return pagelinks.Pages(frozenset({*site.pages, *site.framed}), site.redirects)


def _links_checked(hand_written: dict[str, str], site: Site, docs_dir: Path, project: Project, wanted: bool) -> None:
    """Refuse a link of a hand-written page to a page that is not there (a checklist removed, a section renamed);
    ``wanted``: under Zensical, whose link check is off (MkDocs' strict build says them itself: mkdocs_warnings)."""
    issues = pagelinks.broken(hand_written, site_links(site), docs_dir, project.display) if wanted else []
    if issues:
        raise CheckFailed(issues)


def _linking(hand_written: dict[str, str]) -> list[str]:
    """The hand-written pages as the generated pages' key holds them (they may link to generated anchors)."""
    return sorted(f"{page}\0{text}" for page, text in hand_written.items())


def _pages(project: Project, data: Data, urls: Urls, hand_written: dict[str, str], wanted: str | None, worker: warm.Worker) -> Site:
    """The generated pages: kept whole under ``wanted``, else rendered with the pages kept part by part (the worker's
    context, and the digests it made before forking)."""
    with _stage("render pages"):
        return warm.site_of(project, wanted, site_pages, data, urls, hand_written, memo=warm.memo(project, "pages", worker.where, worker.digests))


def _beside(fn: Callable[..., Any], *args: Any) -> Beside[Any]:
    """``fn(*args)`` started in a forked process (where Beside forks): its ``result()``, or ``cancel()``."""
    return Beside(fn, *args)


def _scan_beside(site: Path, pages: list[str]) -> list[Hit]:
    """The safety scan of ``pages`` with half of their bytes read in a forked process beside this one (where
    Beside forks): every file still read whole, the hits reported as one process reports them."""
    if len(pages) < 2:
        return scan_files(site, pages)
    mine, theirs = halves(site, pages)
    other = Beside(scan_files, site, theirs)
    try:
        return in_order(pages, scan_files(site, mine), other.result())
    finally:
        other.cancel()


def _run_engine(
    project: Project,
    site: Site,
    config: Any,
    docs_dir: Path,
    engine: str,
    hand_written: dict[str, str],
    *,
    site_url: str | None,
    strict: bool,
    offline: bool,
    zensical: Zensical | None = None,
) -> tuple[Path, Path, bool]:
    """Stage docs/ with the generated pages and build it with the engine into the work folder; returns both folders, and
    whether the built pages' long runs are to be cut to windows (Zensical's, and MkDocs' when it left pages out)."""
    with _stage("stage docs/"):
        theme = mkdocs_yml.custom_dir(project)  # MkDocs copies its files into the site as docs/'s: no link out of the project
        if isinstance(theme, Path) and theme.is_dir():
            refuse_escaping_link(theme)
        speculating = zensical is not None and zensical.speculating  # its pages compared in memory first (Zensical.run)
        staged_docs = stage_docs(docs_dir, project.work / (MADE if speculating else DOCS))
        generated = split_pages(site.pages, GENERATED_DIRS)
        for folder, inside in generated.items() if not speculating else ():
            write_pages(inside, staged_docs / folder, like=docs_dir / folder)  # a page as published: that file
    log.info("staged %d generated page(s) (docs/ is replaced once the build succeeds); building the site with %s", len(site.pages), engine)
    pause("staged")
    staging = project.work / "site.new"
    with _stage(f"{engine} build"):
        if engine == "zensical":
            assert zensical is not None, "build() starts Zensical with the build"
            later = generated if speculating else None
            staged_docs = _run_zensical(zensical, project, site, config, docs_dir, staged_docs, staging, later, site_url, hand_written)
            return staged_docs, staging, True
        left_out = _run_mkdocs(project, site, config["nav"], docs_dir, staged_docs, staging, hand_written, site_url=site_url, strict=strict, offline=offline)
    return staged_docs, staging, left_out


def _run_mkdocs(
    project: Project,
    site: Site,
    user_nav: Any,
    docs_dir: Path,
    staged_docs: Path,
    staging: Path,
    hand_written: dict[str, str],
    *,
    site_url: str | None,
    strict: bool,
    offline: bool,
) -> bool:
    """MkDocs' build of the staged pages into ``staging``; True when it left the pages of long runs out, written from
    their prototypes after it (``zensical_copies.Plan``: their navigation not cut to windows yet)."""
    overrides: dict[str, Any] = {"use_directory_urls": False} if offline else {}
    nav = navigation(user_nav, docs_dir, site)
    staged = {"docs_dir": str(staged_docs), "site_dir": str(staging), "nav": nav, "strict": strict, "site_url": site_url}
    config = mkdocs_config(project, warn=False, **staged, **overrides)  # its warnings said by _build
    theme = mkdocs_yml.custom_dir(project)
    where = {"work": project.work, "theme": theme if isinstance(theme, Path) else None}
    plan = zensical_copies.plan(site, nav, Urls.of(config, offline), config["site_url"], project.config_text(), hand_written, mkdocs=config, **where)
    _mkdocs_once(project, site, config, docs_dir, offline, plan)
    if plan is None:
        return False
    if plan.write(staging):
        log.debug("  %d page(s) left out of MkDocs' build, written from its prototypes (zensical_copies.py)", plan.written)
        return True
    log.debug("  a prototype's proof failed: MkDocs builds every page")
    plan.failed(project.work)
    shutil.rmtree(staging, ignore_errors=True)
    _mkdocs_once(project, site, mkdocs_config(project, warn=False, **staged, **overrides), docs_dir, offline, None)
    return False


def _mkdocs_once(project: Project, site: Site, config: Any, docs_dir: Path, offline: bool, plan: Any) -> None:
    """One MkDocs build with ``config``; the pages of ``plan`` (a zensical_copies.Plan) left out of it."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    strict = config["strict"]
    _theme_features(project, config, bool(site.framed))
    if plan is not None:
        plan.prepare()
    config.plugins["checklist-site"] = SitePlugin(site, tuple(plan.omitted) if plan else ())  # framed pages; navigation windows
    if offline:
        plugin = config.plugins.get("material/offline")
        if plugin is None:
            where, line = project.display(project.config), _key_line(project, "plugins")
            said = "--offline needs Material's offline plugin, which the plugins of mkdocs.yml leave out"
            hint = f"add '- offline: {{enabled: false}}' under plugins: in {where} (build --offline switches it on for its build)"
            raise UsageError(said, hint, Loc(where, line, 1 if line else 0))
        plugin.config["enabled"] = True
        # The plugin would load its Web Worker shim from unpkg.com; ours ships in overrides/.
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), "assets/javascripts/iframe-worker-shim.js"]
    with located(project.config, docs_dir, project.display, site_links(site)) if strict else contextlib.nullcontext() as caught:
        try:
            with located_templates(project.display, docs_dir):
                mkdocs_build(config)
        except MkDocsException as exc:
            if caught is not None and caught.issues:
                raise CheckFailed(sorted(caught.issues, key=lambda issue: issue.loc)) from None
            raise BuildError(f"mkdocs build failed: {exc}", f"see the warnings above; {UNCHANGED}") from None
    if caught is not None and caught.issues:  # each a warning the strict build would have stopped at: not counted by MkDocs
        raise CheckFailed(sorted(caught.issues, key=lambda issue: issue.loc))  # in the files' order, not MkDocs


# Material's features the build takes its parts from: a packet's previous and next links are the footer's (publish/frames.py).
NEEDED_FEATURES = ("navigation.footer",)


def _theme_features(project: Project, config: Any, framed: bool) -> None:
    """Refuse, before MkDocs builds, a Material theme without a feature the build needs (``framed``: pages of paper in the
    navigation): it failed after the build, unlocated ('the page built from ... has no footer links of the theme's')."""
    features = config.theme.get("features") or []
    missing = [name for name in NEEDED_FEATURES if name not in features]
    if not framed or not missing or config.theme.name != "material":
        return
    where = project.display(project.config)
    line, column = mkdocs_yml.place(project.config, ("theme", "features"))
    hint = f"add '- {missing[0]}' under 'features:' of theme: in {where} (as checklist-site init writes it)"
    if not line:  # no features: (a misspelled key is refused with the others the theme does not have: _theme_options)
        line, column = mkdocs_yml.place(project.config, ("theme",))
        hint = f"add 'features: [{missing[0]}]' under theme: in {where} (as checklist-site init writes it)"
        if not mkdocs_yml.place(project.config, ("theme", "name"))[0]:  # 'theme: material', its name alone
            hint = f"write theme: as its options, as checklist-site init does: 'theme:' over '  name: material' and '  features: [{missing[0]}]'"
    said = f"the theme's feature '{missing[0]}' is not on: the packets' previous and next links are taken from the footer it shows"
    raise UsageError(said, hint, Loc(where, line, column))


def built_with(project: Project) -> dict[str, Any] | None:
    """How the project's site was last built (offline, engine, site_dir), or None if it was not built by checklist-site."""
    with project.lock():
        recover(project.work)
        site_dir = Path(mkdocs_config(project)["site_dir"])
        options = site_options(site_dir)
    return None if options is None else {"site_dir": str(site_dir), **options}
