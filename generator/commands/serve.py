"""`serve`: MkDocs' live-reload server over the generated site, rebuilt under the project lock."""

from __future__ import annotations

import contextlib
import errno
import gc
import ipaddress
import logging
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import SiteError, UsageError
from ..format import mailmap
from ..project import Project, check

POLLING_INTERVAL = 0.1  # MkDocs polls every 0.5 s, half of the 1 s an edit may take to show; a few small folders are watched
# MkDocs waits 0.1 s after a change for more before it rebuilds. The poller reports what one look found all at once, so
# the events of one save come together: a short wait gathers them, and a change the next look finds is the next rebuild.
BUILD_DELAY = 0.03


def parse_address(text: str) -> tuple[str, int]:
    """``IP:PORT`` -> (ip, port), or a usage error naming the option.

    >>> parse_address("127.0.0.1:8000")
    ('127.0.0.1', 8000)
    """
    host, sep, port = text.rpartition(":")
    try:
        ipaddress.ip_address(host.strip("[]"))
        number = int(port)
        if not sep or not 0 < number < 65536:
            raise ValueError
    except ValueError:
        raise UsageError(f"-a/--dev-addr '{text}' is not an address", "write it as IP:PORT, e.g. 127.0.0.1:8000") from None
    return host.strip("[]"), number


def listenable(host: str, port: int) -> tuple[str, int]:
    """Refuse an address this process cannot listen on, before anything is built: a port another program holds (an
    earlier `serve`) was found only after the first build, said as 'Address already in use' with the hint to check free
    disk space, and exit status 1. Returns the address, to listen on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server binds: a port in TIME_WAIT is free
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRNOTAVAIL:
                hint = "-a takes an address of this machine: 127.0.0.1:PORT (this machine only), 0.0.0.0:PORT (every network), or one 'ip addr' lists"
            elif exc.errno in (errno.EACCES, errno.EPERM) and port < 1024:
                hint = "a port under 1024 needs root: choose another, e.g. -a 127.0.0.1:8000 (the default)"
            else:
                other = port + 1 if port < 65535 else 8000
                hint = f"another program listens there (an earlier serve?): stop it, or choose another port, e.g. -a {host}:{other}"
            raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}", hint) from None
    return host, port


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' warning that a dirty build may leave the navigation wrong: serve_hook.py builds
    dirty only when the navigation is as it was, and brings the rest of the site up to date itself."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


HOOK = str(Path(__file__).parent.parent / "serve_hook.py")


def rebuild(project: Project, staged_docs: Path, url: str, config: Any = None, docs: Path | None = None, **options: Any) -> str:
    """One rebuild of `serve`, under the project lock: the hook stages docs/ at ``staged_docs`` and
    regenerates the pages there, then MkDocs builds, dirty when the hook says it may, or not at all
    when no page it builds changed (then the hook's steps after the engine alone update the site).
    ``config``: MkDocs' configuration, else loaded afresh with ``options``. Returns how it went:
    ``serve_hook.FULL``, ``DIRTY`` or ``PUBLISH``. ``docs``: the project's docs/ (a template error names its pages); a
    template of overrides/ that fails is said at its line, as `build` says it (it was an 'internal error')."""
    from mkdocs.commands.build import build

    from ..build import mkdocs_config
    from ..theme_errors import located_templates

    went: list[str] = []
    with project.lock(), _collected(went):
        if config is None:
            config = mkdocs_config(project, hooks=[HOOK], strict=False, **options)
        config.site_url = url
        hook = config.plugins[HOOK]  # the hook as MkDocs loaded it: it keeps the pages between rebuilds
        how = str(hook.prepare(config, staged_docs, project.root))
        if how == hook.PUBLISH:
            hook.on_post_build(config)
        else:
            with located_templates(project.display, docs):
                build(config, serve_url=url, dirty=how == hook.DIRTY)
        went.append(how)
    return how


@contextlib.contextmanager
def _collected(went: list[str]) -> Iterator[None]:
    """Python's cyclic garbage collector paused for a rebuild (``project.collector_paused``), then run once, over
    what the rebuilds since MkDocs last built made: the objects that outlive a rebuild are frozen after it
    (``gc.freeze``), so a rebuild that did not run MkDocs (``went``: the hook said "publish") collects among its own
    objects only (at 10,000 items 0.075 s -> a few thousandths), and one that ran it, which leaves MkDocs' cyclic
    page structures of the build before as garbage, unfreezes all and collects all, as before."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        if went != ["publish"]:
            gc.unfreeze()
        gc.collect()
        gc.freeze()


def _showing_errors(hook: Any) -> Any:
    """MkDocs' live-reload server class, showing the hook's error (serve_hook.error) over every page it serves."""
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:  # where MkDocs 1.6 adds its live-reload script to a page
            content = super()._inject_js_into_html(content, epoch)
            message = hook.error()
            if not message:
                return content
            at = content.rfind(b"</body>")
            at = len(content) if at < 0 else at
            return content[:at] + hook.overlay(message).encode("utf-8") + content[at:]

    return Server


def _people(project: Project) -> str | None:
    """The project's .mailmap, where there is one: who is who in the record, so an edit of it changes the pages' names."""
    found = mailmap.path_of(project.root)[0]
    return str(found) if found.is_file() else None


def serve(root: Path, dev_addr: str) -> None:
    """What `mkdocs serve` does, with our hook, data/ and overrides/ watched and each rebuild under the lock.

    MkDocs builds from a staged copy of docs/ into a served site, both in a temporary folder
    (serve_hook.py): nothing is written into the project, so a rebuild never wakes the watcher.
    """
    from mkdocs.exceptions import MkDocsException
    from mkdocs.livereload import _serve_url

    from ..build import mkdocs_config

    project = Project.at(root)
    host, port = listenable(*parse_address(dev_addr))
    check(project)  # refuse to start on invalid data: the errors are clearer here than in a log
    mkdocs_log = logging.getLogger("mkdocs")
    if mkdocs_log.level > logging.INFO:
        mkdocs_log.setLevel(logging.INFO)  # "Serving on http://..." and rebuild notices
    work = Path(tempfile.mkdtemp(prefix="checklist-site-serve-"))
    options: dict[str, Any] = {"site_dir": str(work / "site"), "dev_addr": dev_addr}
    log = logging.getLogger("mkdocs.commands.serve")
    notice = _DirtyNotice()
    logging.getLogger("mkdocs.commands.build").addFilter(notice)
    try:
        config = mkdocs_config(project, hooks=[HOOK], strict=False, **options)
        mount_path = urlsplit(config.site_url or "/").path
        url = _serve_url(host, port, mount_path)
        watched = [config.docs_dir, config.config_file_path, str(project.data), config.theme.custom_dir, _people(project)]
        hook, docs = config.plugins[HOOK], Path(config.docs_dir)  # docs/: the project's, before the hook stages it

        def builder(config: Any = None) -> None:
            log.info("Building documentation...")
            try:
                rebuild(project, work / "docs", url, config, docs, **options)
            except (SiteError, MkDocsException) as exc:  # the browsers reload and show it over the last good pages
                hook.failed(exc.format() if isinstance(exc, SiteError) else f"error: mkdocs build failed: {exc}")

        config.plugins.on_startup(command="serve", dirty=False)
        server = _showing_errors(hook)(
            builder=builder, host=host, port=port, root=options["site_dir"], mount_path=mount_path, polling_interval=POLLING_INTERVAL
        )
        server.build_delay = BUILD_DELAY
        try:
            builder(config)
            for path in filter(None, watched):
                server.watch(path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for path in config.watch:
                server.watch(path)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
                raise  # stopped by a signal: the exit status says which (130 for Ctrl+C, 143 for SIGTERM)
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(notice)
        shutil.rmtree(work, ignore_errors=True)
