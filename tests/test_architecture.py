"""The package's shape holds: layers import downwards only, no import cycles, short functions, ruff clean."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "generator"
# format <- site <- exchange/progress/publish <- build/cli: a module imports its own layer and the ones below.
LAYERS = {
    "generator": 0,
    "generator.errors": 0,
    "generator.programs": 0,
    "generator.signals": 0,
    "generator.format": 1,
    "generator.site": 2,
    "generator.exchange": 3,
    "generator.progress": 3,
    "generator.publish": 3,
}
TOP = 4  # build, cli, serve_hook, __main__: the commands
MAX_LINES = 60


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    if module in LAYERS:
        return LAYERS[module]
    package = module.rpartition(".")[0]
    return LAYERS[package] if package in LAYERS and package != "generator" else TOP


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Line numbers of imports under `if TYPE_CHECKING:`: annotations only, nothing imported at run time."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            lines |= {n.lineno for stmt in node.body for n in ast.walk(stmt) if isinstance(n, (ast.Import, ast.ImportFrom))}
    return lines


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports anywhere in its code (function-level imports too)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skip = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports(module) for module in MODULES}


def test_the_graph_is_read() -> None:
    assert "generator.site.layout" in GRAPH["generator.site.render"]  # `from . import layout`
    assert "generator.build" in GRAPH["generator.serve_hook"]
    assert "generator.build" not in GRAPH["generator.progress.record"]  # under TYPE_CHECKING only
    assert layer("generator.format.model") == 1 and layer("generator.build") == TOP and layer("generator.site") == 2 and layer("generator") == 0


def test_no_module_imports_a_higher_layer() -> None:
    wrong = [f"{m} (layer {layer(m)}) imports {d} (layer {layer(d)})" for m, deps in GRAPH.items() for d in sorted(deps) if layer(d) > layer(m)]
    assert wrong == []


def test_no_import_cycles() -> None:
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        for dep in sorted(GRAPH[module]):
            if dep in path:
                cycles.append(path[path.index(dep) :] + [dep])
            elif dep not in done:
                visit(dep, [*path, dep])
        done.add(module)

    done: set[str] = set()
    for module in sorted(GRAPH):
        if module not in done:
            visit(module, [module])
    assert cycles == []


def _long_functions() -> set[tuple[str, str]]:
    found = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_LINES:
                found.add((path.relative_to(ROOT).as_posix(), node.name))
    return found


def test_no_function_is_longer_than_sixty_lines() -> None:
    assert _long_functions() == set()


RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")


RULES = "E4,E7,E9,F,E501,I,B,ARG"  # ARG: no unused arguments (an interface's method says so with @override)


def _ruff(*paths: str, rules: str = RULES) -> subprocess.CompletedProcess[str]:
    assert RUFF, "ruff is installed with the test extra"
    return subprocess.run([RUFF, "check", "--select", rules, *paths], cwd=ROOT, capture_output=True, text=True)


def test_ruff_is_clean() -> None:
    result = _ruff("generator", "tests")
    assert result.returncode == 0, result.stdout[-3000:]
    result = _ruff("benchmarks", rules="F,B,ARG")
    assert result.returncode == 0, result.stdout[-3000:]
