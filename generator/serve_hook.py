"""MkDocs hook used by `checklist-site serve` only: regenerate pages from data/ before each rebuild,
and let MkDocs build again only the pages an edit changed.

After MkDocs, each rebuild runs the pipeline `checklist-site build` runs (``generator.publish``:
redirects, JSON files, slots, search, the safety scan), naming the pages it wrote. An edit that
does not check, or a rebuild that fails, is shown over every served page (:func:`overlay`) while
the last good pages stay; a page the scan refused is replaced by the message. MkDocs
builds from a staged copy of docs/ in a temporary folder (``prepare``): the hand-written pages
mirrored, the generated ones written there when their text changed. So serve writes nothing into
the project, and its own writes never wake the watcher for a second rebuild.

When an edit changed only generated pages (navigation, set of pages and redirects as they were;
docs/, mkdocs.yml and the theme untouched), MkDocs builds "dirty": only the pages whose built
file is missing, which ``prepare`` removed: the changed pages, and the hand-written ones, whose
titles the navigation needs. The post-build steps bring the rest of the site up to date: a slot
whose block changed is filled again from its page as MkDocs wrote it, and the search index keeps
the entries of the pages not built again. Anything else is a full build. Each rebuild runs under
the project lock (taken by the serve command).
"""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator.build import hand_written_texts, navigation, site_pages, slot_pages, unknown_slot
from generator.engine import NavWindow, add_framed
from generator.errors import BuildError, CheckFailed
from generator.format.incremental import Incremental
from generator.format.model import Data, Status
from generator.format.types import PlainText
from generator.programs import data_revision
from generator.project import SAID, Project, check
from generator.publish import Outputs, Publication, ScriptFound, outputs, publish, site_files
from generator.publish.search import MATERIAL_INDEX
from generator.publish.write import check_site_files, mirror, sync_all
from generator.site import escape
from generator.site.layout import GENERATED_DIRS, SLOT, Page, Urls, frame_of, has_slot
from generator.site.memo import Memo
from generator.site.render import PageRun, Site

log = logging.getLogger("mkdocs.plugins.checklist_site")


@dataclass
class _Good:
    """What the last valid data/ gave: the navigation, the pages, the outputs besides them (blocks, JSON files, search entries) and the data,
    and the site's addresses they were made for (bound once per rebuild, where the configuration is read).

    Computed here, not in a forked worker as `build` does: the server runs threads (HTTP, watcher), and a
    child forked from a threaded process can wait forever on a lock another thread held at the fork."""

    nav: list[Any]
    site: Site
    outputs: Outputs
    data: Data
    urls: Urls

    @cached_property
    def frames(self) -> set[str]:
        """The sources of the sheets' frames (pages MkDocs builds, which publish takes out of the site)."""
        return {frame_of(Page(src)).src for src in self.site.framed}


@dataclass
class _Live:
    """What serve keeps between rebuilds, so that a rebuild redoes only what an edit changed."""

    good: _Good | None = None  # the last good pages: kept while data/ is invalid
    prepared: Any = None  # the configuration prepare() staged this build for
    dirty: bool = False  # this build is MkDocs' dirty one
    complete: bool = False  # the last build finished, so the site holds every page
    shape: tuple[Any, ...] = ()  # navigation, generated pages and redirects the site was built with
    fingerprint: list[tuple[str, int, int]] = field(default_factory=list)  # mkdocs.yml, the theme's custom_dir, extra watched paths
    dest: dict[str, str] = field(default_factory=dict)  # page source (inside docs/) -> its built file (inside the site)
    built: set[str] = field(default_factory=set)  # built files MkDocs wrote in this build
    urls: list[str] = field(default_factory=list)  # their URLs, in MkDocs' build order (the search index's)
    raw: dict[str, str] = field(default_factory=dict)  # built file holding a slot -> the page as MkDocs wrote it
    frames: dict[str, str] = field(default_factory=dict)  # the sheets' frames as MkDocs wrote them (publish takes them out of the site)
    filled: dict[str, str] = field(default_factory=dict)  # the blocks the site's slots hold
    search: dict[str, list[Any]] = field(default_factory=dict)  # page URL -> Material's search entries for it
    redirects: list[str] = field(default_factory=list)  # the redirect pages written into the site
    files: Incremental = field(default_factory=Incremental)  # data/ as loaded: unchanged files are not loaded again, an edit in one section loads it alone
    parts: Memo = field(default_factory=Memo)  # pages and blocks of each section as rendered, with what they were made from (site/memo.py)
    error: str = ""  # why the last rebuild shows the last good pages ('' when it built what data/ says)


_live = _Live()


FULL, DIRTY, PUBLISH = "full", "dirty", "publish"  # how a rebuild goes: MkDocs builds all pages, some pages, or none (see prepare)


def prepare(config: Any, staged: Path, root: Path) -> str:
    """Stage the docs/ of the project at ``root`` in ``staged`` for the coming build and regenerate
    the pages there; returns how MkDocs is to build: :data:`FULL`, :data:`DIRTY` (only the pages
    whose built file this removed) or :data:`PUBLISH`: not at all, as no page MkDocs builds changed
    (an edit of item texts changes only blocks, JSON files and search entries), and only the steps
    after the engine (:func:`on_post_build`) bring the site up to date.

    Called by serve's rebuild before MkDocs' build, which needs to know whether to build dirty.
    """
    project = Project.at(root)
    complete, _live.complete = _live.complete, False  # until this build has finished
    source = Path(config["docs_dir"])
    docs_changed = mirror(source, staged, GENERATED_DIRS) if source.resolve() != staged.resolve() else []
    config["docs_dir"] = str(staged)
    written = _regenerate(project, config, staged, project.display(source))
    good = _live.good
    shape = (good.nav, sorted(good.site.pages), good.site.redirects) if good else ()
    fingerprint = _fingerprint(config)
    dirty = complete and not docs_changed and shape == _live.shape and fingerprint == _live.fingerprint
    hand_written = [src for src in _live.dest if src.split("/")[0] not in GENERATED_DIRS]
    again = written + hand_written  # hand-written pages: their titles head the navigation of the pages built again
    dirty = dirty and all(src in _live.dest for src in again)
    if dirty and written:
        for src in again:
            (Path(config["site_dir"]) / _live.dest[src]).unlink(missing_ok=True)
    elif not dirty:
        _live.dest, _live.raw, _live.search, _live.filled, _live.frames = {}, {}, {}, {}, {}
    _live.prepared, _live.dirty, _live.built, _live.urls = config, dirty, set(), []
    _live.shape, _live.fingerprint = shape, fingerprint
    return FULL if not dirty else DIRTY if written else PUBLISH


def _regenerate(project: Project, config: Any, docs_dir: Path, docs: str) -> list[str]:
    """Check data/ and write the generated pages whose text changed into ``docs_dir`` (staged from the project's
    ``docs``, as messages name it); returns them.

    Invalid data keeps the last good pages: its errors are logged where the user is looking, and
    shown over every page the browser loads (:func:`overlay`).
    """
    SAID.clear()  # each rebuild says its warnings, as each command does
    try:
        data = as_before(check(project, cache=_live.files), _live.good.data if _live.good else None)
        urls = Urls.of(config)
        shown = lambda path: f"{docs}/{path.relative_to(docs_dir).as_posix()}"  # noqa: E731 - the project's docs/, not the staged copy
        custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None  # its icons: a page's front matter may name one
        hand_written = hand_written_texts(docs_dir, shown, custom)  # a page not UTF-8, a front matter MkDocs would misread: at its line
        site = site_pages(data, urls, hand_written, _live.parts)
        found = outputs(data, urls, data_revision(project.data), _live.parts)
        made = _live.parts.sweep()
        typo = unknown_slot(hand_written, found.blocks, docs)  # as `build` says it, before MkDocs builds
        if typo is not None:
            raise typo
        check_site_files(docs_dir, site_files(data), shown)
        nav = navigation(config["nav"], docs_dir, site)  # mkdocs.yml's own nav: serve loads the configuration afresh for every rebuild
        written = sync_all(site.pages, docs_dir, GENERATED_DIRS, shown)
    except CheckFailed as exc:
        failed("\n".join(issue.format() for issue in exc.issues))
        return []
    except BuildError as exc:
        failed(exc.format())
        return []
    log.debug("checklist-site: %d part(s) of pages and blocks rendered again", made)
    if written:
        log.info("checklist-site: regenerated %d page(s)", len(written))
    _live.good, _live.error = _Good(nav, site, found, data, urls), ""
    return written


def as_before(data: Data, before: Data | None) -> Data:
    """``data`` with each status (and run) that equals the last good rebuild's given as that very object: a status with a
    record folder is folded afresh by every check, and the memo's keys (site/memo.py) compare the same object in no time
    where an equal one would be compared entry by entry, for every section."""
    if before is None:
        return data
    kept = {(s.checklist, s.run): s for s in (*before.statuses, *before.runs)}

    def same(status: Status) -> Status:
        old = kept.get((status.checklist, status.run))
        return old if old is not None and old == status else status

    statuses, runs = tuple(same(s) for s in data.statuses), tuple(same(s) for s in data.runs)
    return dataclasses.replace(data, statuses=statuses, runs=runs)


def failed(message: str) -> None:
    """Log why this rebuild does not show what data/ says, and show it over every served page until a rebuild succeeds."""
    log.error(message)
    _live.error = message


def error() -> str:
    """Why the served pages are the last good ones ('' when they show data/ as it is)."""
    return _live.error


def overlay(message: str) -> str:
    """The box `serve` shows over a page while the last edit does not build: the located message, as text."""
    style = (
        "position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:50vh;overflow:auto;margin:0;padding:1em 1.5em;"
        "background:#fff3f3;color:#5c0000;border-top:4px solid #c00;font:14px/1.45 monospace;white-space:pre-wrap"
    )
    head = "checklist-site serve: the last edit did not build; this page is the last good one. Fix the error and it comes back."
    return f'<div class="cl-serve-error" role="alert" style="{style}"><strong>{escape.html(PlainText(head))}</strong>\n{escape.html(PlainText(message))}</div>'


def _refused_page(message: str) -> str:
    return f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Not served</title></head><body>{overlay(message)}</body></html>\n'


def _fingerprint(config: Any) -> list[tuple[str, int, int]]:
    """Size and modification time of mkdocs.yml and of every file of the theme's custom_dir and of the extra watched paths."""
    out: list[tuple[str, int, int]] = []
    for top in filter(None, [config.config_file_path, config.theme.custom_dir, *config.watch]):
        paths = [Path(top)] if not os.path.isdir(top) else sorted(p for p in Path(top).rglob("*") if p.is_file())
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            out.append((str(path), stat.st_size, stat.st_mtime_ns))
    return out


@lru_cache(maxsize=2)
def _window(runs: tuple[PageRun, ...]) -> NavWindow:
    return NavWindow(runs)


def on_files(files: Any, config: Any) -> Any:
    """The sheets' and packets' pages as excluded files, so that links to them resolve (engine.py)."""
    return add_framed(files, config, _live.good.site) if _live.good is not None else files


def on_page_context(context: dict[str, Any], page: Any, nav: Any, **_: Any) -> dict[str, Any]:  # MkDocs passes config by name
    """Each page's navigation window, as `checklist-site build` gives it (engine.py)."""
    if _live.good is not None:
        context["nav"] = _window(_live.good.site.runs)(nav, page)
    return context


def on_config(config: Any) -> Any:
    if _live.prepared is not config:  # the hook run on its own, not by serve's builder: the pages go into docs_dir itself
        prepare(config, Path(config["docs_dir"]), Path(os.environ["CHECKLIST_SITE_ROOT"]))
    if _live.good is not None:
        config["nav"] = _live.good.nav
    return config


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept between rebuilds: MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again was about a third of a rebuild. A
    template whose source changed (an edit in overrides/) is compiled afresh: Jinja checks its checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplateCache()


def on_env(env: jinja2.Environment, **_: Any) -> jinja2.Environment:  # MkDocs passes config and files by name
    env.bytecode_cache = _templates
    return env


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """Note where MkDocs writes the page, and keep it as written when it holds a slot (to fill it again later)."""
    dest = page.file.dest_uri
    _live.dest[page.file.src_uri] = dest
    _live.built.add(dest)
    _live.urls.append(page.url)
    if has_slot(output):
        _live.raw[dest] = output
    if _live.good is not None and page.file.src_uri in _live.good.frames:
        _live.frames[dest] = output
    return output


def on_post_build(config: Any) -> None:
    """The pipeline `checklist-site build` runs after the engine (generator.publish), over the pages this rebuild wrote."""
    good = _live.good
    if good is None:
        return
    site_dir, urls = Path(config["site_dir"]), good.urls
    for rel in _live.redirects if _live.dirty else []:
        (site_dir / rel).unlink(missing_ok=True)  # this build's are the same: written again below
    try:
        hand_written = hand_written_texts(Path(config["docs_dir"]))
    except CheckFailed:  # a page the rebuild refused (not UTF-8, its front matter): said over every page already
        return
    slotted = slot_pages(good.site, hand_written, urls)
    for dest, text in _live.frames.items():  # a frame MkDocs did not build in this rebuild (it builds none when the pages are as they were)
        if not (site_dir / dest).exists():
            (site_dir / dest).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / dest).write_bytes(text.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes it
    to_fill = _to_fill(site_dir, slotted, good.outputs.blocks)
    _index_pages_not_built(site_dir)
    written = sorted(_live.built) if _live.dirty else None
    job = Publication(site_dir, good.data, _typos_empty(good.outputs, hand_written), good.site.redirects, to_fill, urls, written, good.site.framed, good.nav)
    try:
        _live.redirects = publish(job)
    except ScriptFound as exc:
        message = f"error: {exc.message}\n    hint: those pages are not served until the data is fixed; this is a bug in checklist-site's escaping: report it"
        for page in exc.pages:  # a page is replaced by the message; a search index is taken away (search finds nothing)
            if page.endswith(".html"):
                (site_dir / page).write_text(_refused_page(message), encoding="utf-8")
            else:
                (site_dir / page).unlink(missing_ok=True)
        failed(message)
        return  # not complete: the next rebuild is a full one
    _live.filled, _live.complete = good.outputs.blocks, True


def _typos_empty(found: Outputs, hand_written: dict[str, str]) -> Outputs:
    """``found`` with an empty block for each slot of a hand-written page that names none (a typo: :func:`_regenerate`
    shows it, located, over every page), so that the rest of the site is published and scanned as usual."""
    unknown = {html.unescape(m.group(1)) for text in hand_written.values() for m in SLOT.finditer(text)} - found.blocks.keys()
    return dataclasses.replace(found, blocks={**found.blocks, **dict.fromkeys(sorted(unknown), "")}) if unknown else found


def _to_fill(site_dir: Path, pages: list[str], blocks: dict[str, str]) -> list[str]:
    """The ``pages`` whose slots to fill: those MkDocs wrote in this build, and those whose blocks
    changed, put back as MkDocs wrote them (slots empty)."""
    out = []
    for page in pages:
        raw = _live.raw.get(page)
        if page not in _live.built and raw is not None:
            keys = {html.unescape(m.group(1)) for m in SLOT.finditer(raw)}
            if all(blocks.get(key) == _live.filled.get(key) for key in keys):
                continue
            (site_dir / page).write_bytes(raw.encode("utf-8", errors="xmlcharrefreplace"))  # as MkDocs writes it
        out.append(page)
    return out


def _index_pages_not_built(site_dir: Path) -> None:
    """Material's search index holds the pages MkDocs built; after a dirty build, add the entries of
    the pages it did not build, from the build before, in the order a full build gives."""
    path = site_dir / MATERIAL_INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    fresh: dict[str, list[Any]] = {}
    for doc in index.get("docs", []):
        fresh.setdefault(doc.get("location", "").split("#", 1)[0], []).append(doc)
    if not _live.dirty:
        _live.search = {url: fresh.pop(url, []) for url in _live.urls} | fresh
        return
    for url in _live.urls:
        _live.search[url] = fresh.get(url, [])
    index["docs"] = [doc for docs in _live.search.values() for doc in docs]
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")

