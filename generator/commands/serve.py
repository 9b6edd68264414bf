"""`serve`: MkDocs' live-reload server over the generated site, rebuilt under the project lock."""

from __future__ import annotations

import ipaddress
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import UsageError
from ..project import Project, check
from ..site.write import recover

POLLING_INTERVAL = 0.1  # MkDocs polls every 0.5 s, half of the 1 s an edit may take to show; a few small folders are watched


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


def serve(root: Path, dev_addr: str) -> None:
    """What `mkdocs serve` does, with our hook, data/ watched and each rebuild under the lock."""
    from mkdocs.commands.build import build
    from mkdocs.livereload import LiveReloadServer, _serve_url

    from ..build import mkdocs_config

    project = Project.at(root)
    host, port = parse_address(dev_addr)
    check(project)  # refuse to start on invalid data: the errors are clearer here than in a log
    with project.lock():
        recover(project.work)  # what a stopped build left, before serve writes into docs/
    mkdocs_log = logging.getLogger("mkdocs")
    if mkdocs_log.level > logging.INFO:
        mkdocs_log.setLevel(logging.INFO)  # "Serving on http://..." and rebuild notices
    os.environ["CHECKLIST_SITE_ROOT"] = str(project.root)
    hook = str(Path(__file__).parent.parent / "serve_hook.py")
    site_dir = tempfile.mkdtemp(prefix="checklist-site-serve-")
    log = logging.getLogger("mkdocs.commands.serve")
    try:
        config = mkdocs_config(project, site_dir=site_dir, dev_addr=dev_addr, hooks=[hook], strict=False)
        mount_path = urlsplit(config.site_url or "/").path
        url = _serve_url(host, port, mount_path)

        def builder(config: Any = None) -> None:
            log.info("Building documentation...")
            with project.lock():
                if config is None:
                    config = mkdocs_config(project, site_dir=site_dir, dev_addr=dev_addr, hooks=[hook], strict=False)
                config.site_url = url
                build(config, serve_url=url)

        config.plugins.on_startup(command="serve", dirty=False)
        server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path, polling_interval=POLLING_INTERVAL)
        try:
            builder(config)
            for path in (config.docs_dir, config.config_file_path, str(project.data)):
                server.watch(path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for path in config.watch:
                server.watch(path)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
