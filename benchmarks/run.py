"""Benchmark: our build against plain mkdocs-material and plain Zensical builds of the same items, side by side in one run.

    python -m benchmarks.run                      # 1,000, 10,000 and 50,000 items; writes docs/development/benchmarks.md
    python -m benchmarks.run --sizes 1000 --runs 1 --out /tmp/bench.md
    python -m benchmarks.run --serve-items 10000 --pdf-items 10000   # also serve's edit time and the packet's printing

Every size is measured side by side in one run (fresh processes, interleaved, medians of --runs),
and every ratio and every target's status comes from numbers of that same run. Nothing here
asserts on time.
"""

from __future__ import annotations

import argparse
import compileall
import json
import logging
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from generator.install import install
from generator.engine import LIMIT

from .synth import baseline_project, our_project, sections, sphinx_needs_project

ROOT = Path(__file__).resolve().parent.parent
GIB = 1024


def measure(kind: str, project: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.measure", kind, str(project)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def have(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def have_zensical() -> bool:
    return shutil.which("zensical", path=str(Path(sys.executable).parent)) is not None or shutil.which("zensical") is not None


def _kinds(n: int, work: Path, sphinx_max: int) -> list[tuple[str, Path]]:
    """The builds of one run, in order: each ``-edited`` one right before its unedited twin, which so rebuilds what
    was just built (ours and the plain projects alike); the Zensical builds before the MkDocs ones, so that the sites
    measured after the run are MkDocs'; the ``-cold`` ones (each with an empty cache folder) at the end, MkDocs' last."""
    ours = our_project(work / f"ours-{n}", n, ROOT)
    base = baseline_project(work / f"base-{n}", n)
    kinds = [("generate", ours)]
    if have_zensical():
        kinds += [("build-zensical-edited", ours), ("build-zensical", ours), ("zensical-edited", base), ("zensical", base)]
    kinds += [("build-edited", ours), ("build", ours), ("baseline", base)]
    if n <= sphinx_max and have("sphinx_needs"):
        kinds.append(("sphinx-needs", sphinx_needs_project(work / f"sphinx-{n}", n)))
    fresh = work / f"fresh-{n}"  # made afresh by each of its runs (measure.py), apart from ``ours``, whose kept results it leaves be (up to 10,000 items)
    if have_zensical():
        kinds += [("build-zensical-cold", ours), ("zensical-cold", base), *([("build-zensical-fresh", fresh)] if n <= 10_000 else [])]
    return [*kinds, ("build-cold", ours), *([("build-fresh", fresh)] if n <= 10_000 else [])]


def weight(site: Path, page: str) -> int:
    """The bytes of one built page (0 when it is missing)."""
    path = site / page / "index.html"
    return path.stat().st_size if path.is_file() else 0


def run(sizes: list[int], runs: int, work: Path, sphinx_max: int) -> list[dict]:
    rows = []
    for n in sizes:
        kinds = _kinds(n, work, sphinx_max)
        samples: dict[str, list[dict]] = {kind: [] for kind, _ in kinds}
        repeat = runs if n <= 10_000 else 1
        for kind, project in kinds:  # each project built once first, not measured: a rebuild is measured after a build
            if kind in ("build-zensical", "zensical", "build"):
                measure(kind, project)
        ours, base = work / f"ours-{n}", work / f"base-{n}"
        middle = sections(n)[len(sections(n)) // 2]["id"]
        zweights = {}  # a section page as Zensical built it, ours and plain (the site folder holds the last build's)
        for _ in range(repeat):  # interleaved, so drift on a noisy machine hits all alike
            for kind, project in kinds:
                samples[kind].append(measure(kind, project))
                if kind == "build-zensical":
                    zweights["zensical_weight"] = weight(ours / "site", f"checklists/bench-{n}/{middle}")
                elif kind == "zensical":
                    zweights["baseline_zensical_weight"] = weight(base / "site", middle)
                print(f"  {n:>6} items  {kind:<15} {samples[kind][-1]['seconds']:7.2f} s  {samples[kind][-1]['max_rss_mb']:7.0f} MB", file=sys.stderr)
        row = {f"{k}_s": statistics.median(s["seconds"] for s in v) for k, v in samples.items()}
        row |= {f"{k}_cpu": statistics.median(s["cpu_seconds"] for s in v) for k, v in samples.items()}
        row |= {f"{k}_rss": max(s["max_rss_mb"] for s in v) for k, v in samples.items()}
        row |= {
            "items": n,
            "runs": repeat,
            "sections": len(sections(n)),
            "pages": sum(1 for _ in (ours / "docs").rglob("*.md")),  # the Markdown pages (a plain MkDocs builds a page of each)
            "baseline_pages": sum(1 for _ in (base / "docs").rglob("*.md")),
            "written": sum(1 for _ in (ours / "site").rglob("*.html")),
            "copied": min(s["copied"] for s in samples["build"]),  # pages written from the theme's prototypes, not rendered by it
            "converted": min(s.get("converted", 0) for s in samples["build"]),  # pages converted by substitution, not by MkDocs' Markdown
            # pages left out of MkDocs' build, written from its prototypes after it (generator/zensical_copies.py)
            "left_out": min(s.get("left_out", 0) for s in samples["build"]),
            # pages Zensical left to the generator's prototypes (generator/zensical_copies.py) in a build it ran (not a kept site)
            "zcopied": max((s.get("copied", 0) for k in ("build-zensical-cold", "build-zensical-fresh") for s in samples.get(k, [])), default=0),
            "weight": weight(ours / "site", f"checklists/bench-{n}/{middle}"),
            "baseline_weight": weight(base / "site", middle),
            **zweights,
        }
        rows.append(row)
    return rows


def _built(r: dict) -> int:
    """The pages MkDocs builds of ours: the Markdown pages but those left out of its build (generator/zensical_copies.py)."""
    return r["pages"] - r.get("left_out", 0)


def _zrendered(r: dict) -> str:
    """The pages Zensical renders in a first build, ours / plain ("not run" without Zensical)."""
    if not r.get("zensical_weight"):
        return "not run"
    return f"{r['pages'] - r.get('zcopied', 0)} / {r['baseline_pages']}"


def _weights(r: dict) -> str:
    """A section page's bytes as Zensical built it, ours / plain ("not run" without Zensical)."""
    if not r.get("zensical_weight"):
        return "not run"
    return f"{r['zensical_weight'] / 1000:.0f} KB / {r.get('baseline_zensical_weight', 0) / 1000:.0f} KB"


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a and b else "–"


def _s(value: float | None) -> str:
    return f"{value:.2f} s" if value else "not run"


def _pair(r: dict, ours: str, plain: str) -> str:
    """Our time, the plain one's, their ratio and the processor times' ratio: four cells."""
    return f"{_s(r.get(f'{ours}_s'))} | {_s(r.get(f'{plain}_s'))} | {_ratio(r.get(f'{ours}_s'), r.get(f'{plain}_s'))} | {_ratio(r.get(f'{ours}_cpu'), r.get(f'{plain}_cpu'))}"


SCENARIOS = (  # (what the row says, our kind, the plain kind) for MkDocs and for Zensical
    ("nothing changed since the last build", "build", "baseline", "build-zensical", "zensical"),
    ("one item edited since the last build", "build-edited", "baseline", "build-zensical-edited", "zensical-edited"),
    ("first build: nothing kept", "build-cold", "baseline", "build-zensical-cold", "zensical-cold"),
    ("first build of a new clone: no generated pages or site either", "build-fresh", "baseline", "build-zensical-fresh", "zensical-cold"),
)


def table(rows: list[dict]) -> str:
    lines = [
        "| items | runs | build | full build | plain mkdocs-material | build / plain | processor time | "
        "build --engine zensical | plain Zensical | zensical build / plain | processor time |",
        "|--:|--:|:--|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        for what, ours, plain, zours, zplain in SCENARIOS:
            lines.append(f"| {r['items']:,} | {r['runs']} | {what} | {_pair(r, ours, plain)} | {_pair(r, zours, zplain)} |")
    lines += [
        "",
        "| items | generator stage | sphinx-needs | peak RSS (our builds) | Markdown pages (ours / plain) | pages MkDocs builds (ours / plain) | pages whose Markdown MkDocs converts | pages the theme renders (ours / plain) | pages Zensical renders (ours / plain) | a section page (ours / plain) | under Zensical |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['items']:,} | {_s(r['generate_s'])} | {_s(r.get('sphinx-needs_s'))} | {_peak(r):.0f} MB | {r['pages']} / {r['baseline_pages']} | {_built(r)} / {r['baseline_pages']} | "
            f"{_built(r) - r['converted']} / {r['baseline_pages']} | {_built(r) - r['copied']} / {r['baseline_pages']} | {_zrendered(r)} | {r['weight'] / 1000:.0f} KB / {r['baseline_weight'] / 1000:.0f} KB | {_weights(r)} |"
        )
    if len(rows) > 1 and rows[-1]["items"] > rows[-2]["items"]:
        a, b = rows[-2], rows[-1]
        lines.append("")
        lines.append(
            f"Scaling from {a['items']:,} to {b['items']:,} items ({b['items'] / a['items']:.0f}× the items), nothing changed since the last build: "
            f"full build {b['build_s'] / a['build_s']:.2f}×, after an edit {b['build-edited_s'] / a['build-edited_s']:.2f}×, first build "
            f"{b['build-cold_s'] / a['build-cold_s']:.2f}×; plain mkdocs-material {b['baseline_s'] / a['baseline_s']:.2f}×, generator stage {b['generate_s'] / a['generate_s']:.2f}×."
        )
    return "\n".join(lines)


def _peak(r: dict) -> float:
    """The largest resident memory of our builds, all three ways and both engines."""
    return max(r.get(f"{kind}_rss") or 0 for scenario in SCENARIOS for kind in (scenario[1], scenario[3]))


def _ratio_target(r: dict, target: str, ours: str, plain: str) -> str:
    cpu = f"; processor time {_ratio(r[f'{ours}_cpu'], r[f'{plain}_cpu'])} ({r[f'{ours}_cpu']:.2f} s against {r[f'{plain}_cpu']:.2f} s)"
    return f"| {target} | {_ratio(r[f'{ours}_s'], r[f'{plain}_s'])} ({_s(r[f'{ours}_s'])} against {_s(r[f'{plain}_s'])}{cpu}) | {_status(r[f'{ours}_s'] <= r[f'{plain}_s'])} |"


def _row(rows: list[dict], items: int) -> dict | None:
    return next((r for r in rows if r["items"] == items), None)


def _status(met: bool) -> str:
    return "**met**" if met else "**missed**"


def _zensical_scaling(r: dict, big: dict) -> list[str]:
    """The linear target under Zensical, beside plain Zensical's own growth for the same items (it renders every page's
    navigation in full, so its time grows faster than its pages)."""
    scales = {what: big[f"{z}_s"] / r[f"{z}_s"] for what, _, _, z, _ in SCENARIOS if big.get(f"{z}_s") and r.get(f"{z}_s")}
    if not scales or not (big.get("zensical-cold_s") and r.get("zensical-cold_s")):
        return []
    said = "; ".join(f"{what}: {scale:.2f}×" for what, scale in scales.items())
    plain = f" (plain Zensical's first build {big['zensical-cold_s'] / r['zensical-cold_s']:.2f}×)"
    return [f"| linear to 50,000 items under `--engine zensical`: 5× the items ≤ 5.5× the time | {said}{plain} | {_status(max(scales.values()) <= 5.5)} |"]


def targets(rows: list[dict], serve: dict | None, pdf: dict | None) -> str:
    """Every target of issue #29 with its value from this run's table and whether it is met."""
    out = ["| target | measured in this run | status |", "| --- | --- | --- |"]
    r = _row(rows, 10_000)
    if r:
        rendered = (
            f"; MkDocs' Markdown converts {_built(r) - r['converted']} of them, the others by substitution, and the theme "
            f"renders {_built(r) - r['copied']}, the others written from its prototypes"
            + (f"; under Zensical, Zensical renders {r['pages'] - r['zcopied']}, the others are written from its prototypes" if r.get("zcopied") else "")
        )
        out.append(
            f"| MkDocs builds no more pages than the plain project | {_built(r)} of our {r['pages']} Markdown pages against the plain project's "
            f"{r['baseline_pages']} (10,000 items): {r.get('left_out', 0)} left out of its build, written from its prototypes after it{rendered} "
            f"| {_status(_built(r) <= r['baseline_pages'])} |"
        )
        for what, ours, plain, zours, zplain in SCENARIOS:
            out.append(_ratio_target(r, f"full build ≤ 1.0× plain mkdocs-material at 10,000 items, {what}", ours, plain))
            if r.get(f"{zplain}_s"):
                out.append(_ratio_target(r, f"`build --engine zensical` ≤ 1.0× plain Zensical at 10,000 items, {what}", zours, zplain))
    big = _row(rows, 50_000)
    if r and big:
        scales = {what: big[f"{ours}_s"] / r[f"{ours}_s"] for what, ours, *_ in SCENARIOS if big.get(f"{ours}_s") and r.get(f"{ours}_s")}
        said = "; ".join(f"{what}: {scale:.2f}×" for what, scale in scales.items())
        cpu = f" (processor time, nothing changed: {big['build_cpu'] / r['build_cpu']:.2f}×; plain mkdocs-material {big['baseline_s'] / r['baseline_s']:.2f}×)"
        out.append(f"| linear to 50,000 items: 5× the items ≤ 5.5× the time | {said}{cpu} | {_status(max(scales.values()) <= 5.5)} |")
        out.extend(_zensical_scaling(r, big))
        out.append(f"| peak memory at 50,000 items < 2 GiB | {_peak(big):.0f} MB (the largest of our builds, either engine) | {_status(_peak(big) < 2 * GIB)} |")
    windowed = [x for x in rows if x["sections"] > LIMIT]  # sizes whose navigation is windowed (generator/engine.py)
    if len(windowed) > 1:
        flat = True
        said = []
        for key, engine in (("weight", "MkDocs"), ("zensical_weight", "Zensical")):
            weights = [x[key] for x in windowed if x.get(key)]
            if len(weights) == len(windowed):
                flat &= max(weights) <= 1.05 * min(weights)
                said.append(f"{engine}: " + ", ".join(f"{x[key] / 1000:.1f} KB at {x['items']:,}" for x in windowed))
        out.append(f"| a section page's weight independent of the item count | {'; '.join(said)} | {_status(flat)} |")
    if serve:
        out.append(f"| serve: an edit of one item at {serve['items']:,} items shows in < 1 s | {serve['median']:.2f} s (median of {serve['edits']}; {serve['min']:.2f}-{serve['max']:.2f} s) | {_status(serve['median'] < 1)} |")
    if pdf:
        out.append(
            f"| the packet at {pdf['items']:,} items still prints | {pdf['seconds']:.0f} s for {pdf['pdfs']} PDFs, the packet {pdf['pages']} pages "
            f"({pdf['seconds'] / max(pdf['total_pages'], 1):.2f} s per printed page), peak memory {pdf['max_rss_mb']:.0f} MB | {_status(pdf['pages'] > 0)} |"
        )
    return "\n".join(out)


def serve_time(items: int, edits: int, work: Path) -> dict:
    from .serve import measure as serve_measure

    times = serve_measure(edits, work / "serve", items, {"this code": ROOT})["this code"]
    return {"items": items, "edits": len(times), "median": statistics.median(times), "min": min(times), "max": max(times)}


def pdf_time(items: int, work: Path) -> dict:
    """`checklist-site pdf` at ``items``: its time and peak memory, the PDFs and their pages (pdfinfo)."""
    project = work / f"ours-{items}"
    if not project.exists():
        our_project(project, items, ROOT)
    result = measure("pdf", project)
    pages = {}
    for pdf in sorted((project / "pdf").glob("*.pdf")):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages[pdf.name] = int(next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "0"))
    packet = next((n for name, n in pages.items() if name.endswith("-packet-a4.pdf")), 0)
    return {"items": items, **result, "pdfs": len(pages), "pages": packet, "total_pages": sum(pages.values())}


def _guarded(fn, *args):  # type: ignore[no-untyped-def]
    """``fn(*args)``, or None when it stops the run (a serve edit that never showed): the table is kept."""
    try:
        return fn(*args)
    except SystemExit as exc:
        print(f"{fn.__name__} failed: {exc}", file=sys.stderr)
        return None


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cores = len([line for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("processor")])
    except OSError:
        cores = 0
    sphinx = f", Sphinx {version('sphinx')}, sphinx-needs {version('sphinx-needs')}" if have("sphinx_needs") else ""
    zensical = f", Zensical {version('zensical')}" if have_zensical() else ""
    return f"{platform.system()} {platform.machine()} ({cpu}), {cores} cores, Python {platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}{zensical}{sphinx}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="item counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size up to 10,000 items (larger sizes run once)")
    parser.add_argument("--sphinx-max", type=int, default=10_000, help="largest size also built with sphinx-needs, when it is installed (pip install sphinx-needs)")
    parser.add_argument("--serve-items", type=int, default=0, metavar="N", help="also time serve's edits at N items (benchmarks/serve.py)")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits timed with --serve-items")
    parser.add_argument("--pdf-items", type=int, default=0, metavar="N", help="also time `checklist-site pdf` at N items")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "development" / "benchmarks.md", help="the Markdown page to write")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    # The package compiled to bytecode once, as pip compiles it when it installs it: where PYTHONDONTWRITEBYTECODE is
    # set (this machine sets it), every measured process would otherwise compile its 47 modules again (0.1 s).
    compileall.compile_dir(ROOT / "generator", quiet=1)
    install()  # and its templates and the theme's, as `make site` and `make test` compile them after installing it
    with tempfile.TemporaryDirectory(prefix="checklist-bench-") as tmp:
        rows = run([int(s) for s in args.sizes.split(",")], args.runs, Path(tmp), args.sphinx_max)
        serve = _guarded(serve_time, args.serve_items, args.serve_edits, Path(tmp)) if args.serve_items else None
        pdf = _guarded(pdf_time, args.pdf_items, Path(tmp)) if args.pdf_items else None
    result = table(rows) + "\n\nTargets (issue #29), from this table and this run:\n\n" + targets(rows, serve, pdf)
    print(result)
    page = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n\n<!-- results:start -->\n<!-- results:end -->\n"
    start, end = "<!-- results:start -->\n", "<!-- results:end -->"
    if start in page and end in page:
        head, rest = page.split(start, 1)
        page = head + start + f"Measured on {machine()}.\n\n" + result + "\n" + end + rest.split(end, 1)[1]
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
