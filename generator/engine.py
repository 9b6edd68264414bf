"""What checklist-site adds to MkDocs' own build, as a plugin: links to the framed pages, and a navigation of constant size.

- The sign-off sheets' pages and the packets are written by the generator after the build
  (``publish/frames.py``), so MkDocs never builds them. They are entered as excluded files
  (``on_files``): a Markdown link to one (``sheets/security.md``) resolves to its URL and is checked
  like any other, and a packet named in the navigation is a page of it that MkDocs does not build,
  linked from the pages before and after it like any other.
- Material repeats the navigation in every page, and a checklist's section holds a page per
  section: at 10,000 items, 100 entries on each of 100 pages, most of each page's weight and of
  the theme's rendering time. A run of more than :data:`LIMIT` pages of one kind (the sections of a
  checklist, the alarm runbooks) shows in each page's navigation as a window of :data:`REACH` pages
  either side of the page, with a link to the run's list page for the rest (``on_page_context``),
  so a page's weight no longer grows with the number of sections. Shorter runs show whole, as before.
- The pages of a long run that ``zensical_copies.plan`` leaves out of the build (``left_out``) are excluded files too,
  written from their prototypes after it; the navigation's windows are then cut after the build
  (``publish/navwindow.py``), as under Zensical, for the prototypes are to show the whole run.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import jinja2

from .converted import Converted
from .copies import Copies
from .site.environment import compiled_cache
from .site.render import WINDOW_LIMIT, WINDOW_REACH, PageRun, Site

log = logging.getLogger("checklist_site")
LIMIT, REACH = WINDOW_LIMIT, WINDOW_REACH  # a run of more pages than LIMIT is windowed, REACH pages shown either side of the page


class _Seen:
    """A navigation section (or the navigation) as one page sees it: its own children, the rest as it is."""

    def __init__(self, item: Any, children: list[Any]) -> None:
        self._item = item
        self.children = children
        self.items = children

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)

    def __iter__(self) -> Any:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)


class NavWindow:
    """Each page's navigation with every long run cut to a window around the page."""

    def __init__(self, runs: tuple[PageRun, ...]) -> None:
        self.runs = [run for run in runs if run.windowed]
        self.where = {src: (n, i) for n, run in enumerate(self.runs) for i, src in enumerate(run.members)}

    def __call__(self, nav: Any, page: Any) -> Any:
        if not self.runs:
            return nav
        here = self.where.get(getattr(getattr(page, "file", None), "src_uri", ""))
        items, changed = self._cut(list(nav.items), here)
        return _Seen(nav, items) if changed else nav

    def _cut(self, items: list[Any], here: tuple[int, int] | None) -> tuple[list[Any], bool]:
        from mkdocs.structure.nav import Link

        out: list[Any] = []
        changed = False
        skipped: dict[int, int] = {}  # run -> pages left out since the last one shown
        homes: dict[int, Any] = {}
        for item in items:
            if getattr(item, "children", None):
                out += self._flush(Link, skipped, homes)
                children, cut = self._cut(list(item.children), here)
                out.append(_Seen(item, children) if cut else item)
                changed |= cut
                continue
            src = getattr(getattr(item, "file", None), "src_uri", None) if getattr(item, "is_page", False) else None
            run, at = self.where.get(src, (None, 0)) if src else (None, 0)
            if run is None:
                homes.update({n: item for n, r in enumerate(self.runs) if r.home == src})
                out += self._flush(Link, skipped, homes)
                out.append(item)
                continue
            changed = True
            if at in self.runs[run].shown(here[1] if here and here[0] == run else None):
                out += self._more(Link, run, skipped.pop(run, 0), homes)
                out.append(item)
            else:
                skipped[run] = skipped.get(run, 0) + 1
        return out + self._flush(Link, skipped, homes), changed

    def _flush(self, link: Any, skipped: dict[int, int], homes: dict[int, Any]) -> list[Any]:
        out = [more for run, count in skipped.items() for more in self._more(link, run, count, homes)]
        skipped.clear()
        return out

    def _more(self, link: Any, run: int, count: int, homes: dict[int, Any]) -> list[Any]:
        """A link to the run's list page standing for ``count`` pages left out (none for 0)."""
        home = homes.get(run)
        if not count or home is None:
            return []
        more = link(self.runs[run].more(count), home.url)
        more.checklist_site_run = run  # the run it stands for (slots)
        return [more]

    def slots(self, nav: Any, page: Any) -> tuple[list[Any], tuple[Any, ...]]:
        """The items of ``page``'s run in its navigation ``nav`` (as :meth:`__call__` gave it), in order, and their
        shape: the run, and for each item whether it is the page, another page of the run or a link to the others."""
        run = self.where[page.file.src_uri][0]
        found: list[Any] = []

        def walk(items: Any) -> None:
            for item in items:
                if getattr(item, "children", None):
                    walk(item.children)
                elif getattr(item, "checklist_site_run", None) == run:
                    found.append(item)
                elif getattr(item, "is_page", False) and self.where.get(item.file.src_uri, (None, 0))[0] == run:
                    found.append(item)

        walk(nav.items)
        kinds = tuple("page" if item is page else "more" if getattr(item, "checklist_site_run", None) == run else "member" for item in found)
        return found, (run, kinds)

    def replace(self, nav: Any, by_id: dict[int, Any]) -> Any:
        """``nav`` with the items whose ``id()`` is a key of ``by_id`` replaced by its value."""
        items, changed = _swap(list(nav.items), by_id)
        return _Seen(nav, items) if changed else nav


def _swap(items: list[Any], by_id: dict[int, Any]) -> tuple[list[Any], bool]:
    out: list[Any] = []
    changed = False
    for item in items:
        if id(item) in by_id:
            out.append(by_id[id(item)])
            changed = True
        elif getattr(item, "children", None):
            inner, cut = _swap(list(item.children), by_id)
            out.append(_Seen(item, inner) if cut else item)
            changed |= cut
        else:
            out.append(item)
    return out, changed


class SitePlugin:
    """The plugin ``build`` adds to MkDocs' configuration for one build of ``site``."""

    def __init__(self, site: Site, left_out: tuple[str, ...] = ()) -> None:
        self.site = site
        self.left_out = left_out  # pages written from prototypes after the build (zensical_copies.Plan): excluded files
        self.window = NavWindow(() if left_out else site.runs)  # with pages left out, the windows are cut after the build
        self.copies = Copies(self.window)
        self.converted = Converted()

    def on_files(self, files: Any, config: Any) -> Any:
        from mkdocs.structure.files import InclusionLevel

        for src in self.left_out:
            if (file := files.get_file_from_path(src)) is not None:
                file.inclusion = InclusionLevel.EXCLUDED
        return add_framed(files, config, self.site)

    def on_env(self, env: Any, **_: Any) -> Any:  # MkDocs passes config and files by name
        """The theme's compiled templates kept between builds (MkDocs compiles them in every build otherwise)."""
        env.bytecode_cache = env.bytecode_cache or compiled_cache(env)
        return self.copies.on_env(env)

    def on_page_markdown(self, markdown: str, page: Any, config: Any, **_: Any) -> str:  # MkDocs passes files by name
        self.copies.on_page_markdown(page)
        if page.file.src_uri in self.site.pages:  # a generated page: converted by substitution where it can be
            self.converted.on_page_markdown(markdown, page, config)
        return markdown

    def on_page_context(self, context: dict[str, Any], page: Any, nav: Any, **_: Any) -> dict[str, Any]:  # MkDocs passes config by name
        context["nav"] = self.window(nav, page)
        self.copies.on_page_context(context, page)
        return context

    def on_post_page(self, output: str, page: Any, **_: Any) -> str:  # MkDocs passes config by name
        return self.copies.on_post_page(output, page)

    def on_post_build(self, **_: Any) -> None:  # MkDocs passes config by name
        if self.copies.copied:
            log.debug("  %d page(s) written from the theme's prototypes (copies.py)", self.copies.copied)
        if self.converted.count:
            log.debug("  %d page(s) converted by substitution (converted.py)", self.converted.count)


def add_framed(files: Any, config: Any, site: Site) -> Any:
    """The framed pages as excluded files: never built, but links to them resolve to their URLs (and the navigation's to a packet)."""
    from mkdocs.structure.files import File, InclusionLevel

    for src in site.framed:
        if files.get_file_from_path(src) is None:
            files.append(File.generated(config, src, content="", inclusion=InclusionLevel.EXCLUDED))
    return files


class ThemeLoader(jinja2.FileSystemLoader):
    """The loader of the theme's templates, listing them without the files of hidden folders.

    MkDocs lists every file of the theme's folders through its loader (``Files.add_files_from_theme``) and copies into
    the site those that are not templates, translations or hidden: its patterns ``.*`` and ``*/.*`` leave out every file
    with a folder or name starting with a dot. Material's ``.icons/`` holds 14,000 icons that MkDocs listed and left out
    one by one, 0.05-0.14 s of every MkDocs build. Here the walk does not go into a hidden folder: the same files are
    copied, and templates load as before (hidden folders included: ``.icons/`` is where the templates include icons from).
    """

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                inside = dirpath[len(searchpath) :].strip(os.path.sep).replace(os.path.sep, "/")
                found.update(f"{inside}/{name}" if inside else name for name in filenames)
        return sorted(found)


def listing_pruned(theme: Any) -> None:
    """Have MkDocs' ``theme`` (``config.theme``) make its environments with a :class:`ThemeLoader` in place of Jinja's,
    and with the compiled templates kept between builds (``compiled_cache``): not only the environment the pages are
    rendered in (:meth:`SitePlugin.on_env`), but each one a plugin asks for. Material's search plugin makes two to read
    its language's words (``partials/language.html``), and compiled that template and its language's afresh in
    each, 0.02 s of every MkDocs build."""
    get_env = theme.get_env

    def pruned() -> Any:
        env = get_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # as MkDocs makes it: anything else is left as it is
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        env.bytecode_cache = env.bytecode_cache or compiled_cache(env)
        return env

    theme.get_env = pruned
