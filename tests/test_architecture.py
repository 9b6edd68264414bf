"""The package's shape holds: layers import downwards only, no import cycles, short functions, ruff clean."""

from __future__ import annotations

import ast
import re
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
    "generator.kept": 0,
    "generator.files": 0,
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


# Every generated path and URL is the layout's (site/layout.py); the record's file names are format/fold.py's.
PATH_OWNERS = {"generator/site/layout.py", "generator/format/fold.py"}
PATH_LITERAL = re.compile(
    r"\b(sheets|checklists|runbooks|runs|imported)/|\bindex\.(md|html)([/#]|$)|/final-signoff|final-signoff(\.md|/)|\.md#|\.record(/|$)|\.status\.yaml"
)
SERVED_FOLDER = ("generator/meeting.py", "index.html")  # the meeting's web server serves a folder's index.html, as web servers do


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }


def _spelled_paths(path: Path) -> list[str]:
    """String literals of the module's code (not its docstrings, not prose with spaces) that spell a generated path,
    and pages or block keys made outside the layout from a literal."""
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip, found = _docstrings(tree), []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip and not re.search(r"\s", node.value):
            if PATH_LITERAL.search(node.value) and not node.value.endswith(".jinja") and (rel, node.value) != SERVED_FOLDER:
                found.append(f"{rel}:{node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            literal = any(isinstance(arg, (ast.Constant, ast.JoinedStr)) for arg in node.args)
            if name == "block_key" or (name in ("Page", "checklist_page") and literal):
                found.append(f"{rel}:{node.lineno}: {name}(...) outside the layout")
    return found


def _template_paths(name: str, template: str) -> list[str]:
    """A template that composes a path or a block key instead of receiving it: a string of its code that spells one,
    a link written around a printed value (``{{ x }}.md``, ``{{ x }}/y``), or ``block_key``."""
    text = re.sub(r"\{##.*?##\}", "", template, flags=re.DOTALL)
    code = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, flags=re.DOTALL)
    literals = [lit[1:-1] for part in code for lit in re.findall(r"'[^']*'|\"[^\"]*\"", part)]
    found = [lit for lit in literals if (PATH_LITERAL.search(lit) or re.search(r"\.md\b", lit)) and not lit.endswith(".jinja")]
    found += ["block_key"] * sum("block_key" in part for part in code)
    raw = re.sub(r"\{\{.*?\}\}", "\x00", re.sub(r"\{%.*?%\}", "", text, flags=re.DOTALL), flags=re.DOTALL)
    found += re.findall(r"\x00[\w.-]*(?:/[\w.-][\w./-]*|\.md\b|\.html\b)[\w./#-]*|[\w./-]+\.md[)#]", raw)
    return [f"{name}: {spelled!r}" for spelled in found]


def test_only_the_layout_spells_a_generated_path_or_url() -> None:
    """layout.py's promise: nothing else spells a generated path, URL or block key (nor fold.py's record file names)."""
    spelled = [hit for module in MODULES.values() if module.relative_to(ROOT).as_posix() not in PATH_OWNERS for hit in _spelled_paths(module)]
    templates = sorted((PACKAGE / "site" / "templates").glob("*.jinja"))
    spelled += [hit for template in templates for hit in _template_paths(template.name, template.read_text(encoding="utf-8"))]
    assert spelled == []
    # The check sees what it looks for: the forms it catches, as they were written before the layout owned them.
    assert PATH_LITERAL.search("sheets/final-signoff") and PATH_LITERAL.search("/index.html") and PATH_LITERAL.search(".record")
    before = "{{ slot(block_key(c.id, prefix ~ 'cover')) }} [r]({{ r.id }}.md) [p]({{ (s.id ~ '.md#' ~ i.id) | href }}) [x]({{ r.name }}/readiness.md)"
    assert len(_template_paths("before", before)) == 4, _template_paths("before", before)


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
