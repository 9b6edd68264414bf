"""One measurement in a fresh process: prints {"seconds": ..., "cpu_seconds": ..., "max_rss_mb": ...} as JSON.

The processor time is the process's and its children's (the build's worker, Zensical, Chromium), user
and system: what the run costs whatever else the machine runs, which the wall time does not show on a
busy machine. The peak memory is the largest resident set of the process or of any process it waited for.
A kind ending in ``-edited`` changes one item's text before the clock starts (a rebuild after an edit), one
ending in ``-cold`` starts with nothing kept from earlier runs, one ending in ``-fresh`` in a project made afresh as
well (see ``_prepare``). `build` reports how many pages it wrote from
the theme's prototypes (generator/copies.py) as "copied", how many pages it converted by substitution instead of
MkDocs' Markdown (generator/converted.py) as "converted", and how many it left out of MkDocs' build, written from their
prototypes after it (generator/zensical_copies.py), as "left_out".

A build is measured as the program runs it: started again at once with huge pages for its heap (generator/tuning.py),
the time from the first start on (the second start counted in), the plain builds as their programs run them.
"""

from __future__ import annotations

import atexit
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _prepare(kind: str, root: Path) -> str:
    """What a variant of a build does before the clock starts; returns the build it then measures.

    ``-edited``: one item's text changed first (benchmarks/synth.py's edit), as a rebuild after an edit;
    ``-cold``: nothing kept from earlier runs (an empty cache folder for compiled templates and kept results, no memo
    of the safety scan (both in that folder), no Zensical cache); the project keeps its last build's generated pages
    and site, as on a machine whose cache folder was emptied (Zensical's speculative start reads those pages).
    ``-fresh``: as ``-cold``, in a project made afresh (a new clone): no generated pages, no site, no work folder."""
    import tempfile

    if kind.endswith("-edited"):
        from .synth import edit

        items = int(root.name.split("-")[-1]) if root.name.split("-")[-1].isdigit() else 0
        edit(root, items)
        return kind.removesuffix("-edited")
    if kind.endswith("-fresh"):  # a project made afresh (no generated pages, no site, no work folder), and nothing kept
        from .synth import our_project

        our_project(root, int(root.name.split("-")[-1]), Path(__file__).resolve().parent.parent)
        kind = kind.removesuffix("-fresh") + "-cold"
    if kind.endswith("-cold"):
        os.environ["CHECKLIST_SITE_CACHE"] = tempfile.mkdtemp(prefix="checklist-cold-")
        atexit.register(shutil.rmtree, os.environ["CHECKLIST_SITE_CACHE"], True)  # after the time is taken
        shutil.rmtree(root / ".cache", ignore_errors=True)  # Zensical's
        return kind.removesuffix("-cold")
    return kind


STARTED = "CHECKLIST_BENCH_STARTED"  # in the started-again process: the clock when the first process started it again


def _restarted(kind: str) -> float:
    """A build's measurement, as ``checklist-site build`` runs: started again with huge pages for its heap where the
    program would be (``tuning``); returns the seconds the second start took, counted into the time measured."""
    from generator import tuning

    if STARTED in os.environ:
        tuning.restore()
        return time.perf_counter() - float(os.environ.pop(STARTED))  # the same clock in both (CLOCK_MONOTONIC)
    if kind.startswith("build") and tuning.wanted(["checklist-site", "build"], os.environ):
        env = tuning.tuned_environment(os.environ) | {STARTED: repr(time.perf_counter())}
        sys.stdout.flush()
        os.execve(sys.executable, sys.orig_argv, env)
    return 0.0


def main(kind: str, project: str) -> None:
    root = Path(project)
    restart = _restarted(kind)
    kind = _prepare(kind, root)
    if kind == "sphinx-needs":  # a full build every time, as ours is: no saved environment or doctrees

        shutil.rmtree(root / "_build", ignore_errors=True)
    copied: list[int] = []
    converted: list[int] = []
    left_out: list[int] = []
    start = time.perf_counter() - restart
    if kind == "generate":
        import tempfile

        from generator.build import Project, check
        from generator.publish.write import replace_generated
        from generator.site.layout import GENERATED_DIRS, Urls
        from generator.site.paper import render_paper
        from generator.site.render import render

        p = Project.at(root)
        data = check(p)
        site = render(data, Urls("https://example.org/"))
        render_paper(data)  # the HTML blocks: sheets, packet, critical lists and the runbook pages' item lists
        scratch = Path(tempfile.mkdtemp(prefix="checklist-generate-"))  # not the project's docs/: the builds measured next read them
        atexit.register(shutil.rmtree, scratch, True)  # after the time is taken
        (scratch / "docs").mkdir()
        replace_generated(site.pages, scratch / "docs", GENERATED_DIRS, scratch)
    elif kind == "build":
        from generator.cli import main as cli
        from generator.engine import SitePlugin
        from generator.zensical_copies import Plan

        def counted(self: SitePlugin, **_: object) -> None:
            copied.append(self.copies.copied)
            converted.append(self.converted.count)

        left = Plan.write

        def counted_left(self: Plan, site: Path) -> bool:
            done = left(self, site)
            left_out.append(self.written)
            return done

        SitePlugin.on_post_build = counted  # type: ignore[method-assign]
        Plan.write = counted_left  # type: ignore[method-assign]
        if cli(["-C", str(root), "-q", "build"], exits=True) != 0:  # this process ends after it, as the program does
            raise SystemExit("build failed")
    elif kind == "build-zensical":
        from generator.cli import main as cli
        from generator.zensical_copies import Plan

        write = Plan.write

        def counted_write(self: Plan, site: Path) -> bool:
            done = write(self, site)
            copied.append(self.written)
            return done

        Plan.write = counted_write  # type: ignore[method-assign]

        if cli(["-C", str(root), "-q", "build", "--engine", "zensical"], exits=True) != 0:
            raise SystemExit("build --engine zensical failed")
    elif kind == "zensical":  # the plain Zensical baseline: its own command, as a user runs it
        import subprocess

        from generator.programs import find_program

        done = subprocess.run([str(find_program("zensical")), "build", "-f", "mkdocs.yml"], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"zensical failed: {done.stderr[-1000:]}")
    elif kind == "pdf":
        from generator.cli import main as cli

        if cli(["-C", str(root), "-q", "pdf", "--out", str(root / "pdf")]) != 0:
            raise SystemExit("pdf failed")
    elif kind == "baseline":
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(str(root / "mkdocs.yml")))
    elif kind == "sphinx-needs":
        from sphinx.cmd.build import build_main

        if build_main(["-b", "html", "-q", "-j", "1", str(root), str(root / "_build")]) != 0:
            raise SystemExit("sphinx-build failed")
    else:
        raise SystemExit(f"unknown kind {kind}")
    seconds = time.perf_counter() - start
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    rss = max(u.ru_maxrss for u in usage) / 1024
    cpu = sum(u.ru_utime + u.ru_stime for u in usage)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "max_rss_mb": rss, "copied": sum(copied), "converted": sum(converted), "left_out": sum(left_out)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
