"""The house keeps its shape: layers import downwards only, through package entry points, with no circles."""

from __future__ import annotations

import ast

import networkx as nx

from .conftest import ROOT

PACKAGE = ROOT / "src" / "asn_advisor"

# Lowest first; a package may import its own layer's modules and any lower layer.
LAYERS: dict[str, int] = {
    "errors": 0,
    "i18n": 0,
    "_version": 0,
    "_base": 1,
    "condition": 2,
    "reader": 2,
    "pack": 3,
    "model": 4,
    "engine": 5,
    "store": 5,
    "render": 6,
    "batch": 7,
    "authoring": 7,
    "cli": 8,
    "__init__": 9,
    "__main__": 9,
}


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to (``asn_advisor.pack.loader`` -> ``pack``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(tree: ast.Module) -> list[tuple[ast.ImportFrom | ast.Import, bool]]:
    """Every import of an asn_advisor module, and whether it sits inside a function."""
    found: list[tuple[ast.ImportFrom | ast.Import, bool]] = []

    def visit(node: ast.AST, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if (
                isinstance(child, ast.ImportFrom)
                and child.module
                and child.module.startswith("asn_advisor")
                or isinstance(child, ast.Import)
                and any(a.name.startswith("asn_advisor") for a in child.names)
            ):
                found.append((child, nested))
            visit(child, inner)

    visit(tree, False)
    return found


def _targets(node: ast.ImportFrom | ast.Import) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    assert node.module is not None
    return [node.module]


def test_every_package_imports_only_downwards_through_entry_points() -> None:
    """A layer imports lower layers only, and another package only through its ``__init__``."""
    wrong = []
    for name, tree in _modules().items():
        here = _part(name)
        assert here in LAYERS, f"{name}: add its package to LAYERS in this test"
        for node, _ in _imports(tree):
            for target in _targets(node):
                there = _part(target)
                if there == here:
                    continue
                if LAYERS.get(there, 99) > LAYERS[here]:
                    wrong.append(f"{name} imports {target} (a higher layer)")
                if target.count(".") > 1 and there not in ("errors", "_version"):
                    wrong.append(f"{name} imports {target} (not through asn_advisor.{there})")
    assert not wrong, "\n".join(wrong)


def test_no_import_is_hidden_inside_a_function() -> None:
    """Imports of the package's own modules sit at the top of a module, where a circle would show."""
    hidden = [f"{name}:{node.lineno}" for name, tree in _modules().items() for node, nested in _imports(tree) if nested]
    assert not hidden, hidden


def test_modules_form_no_import_circle() -> None:
    """The graph of which module imports which has no cycle (package entry points included)."""
    modules = _modules()
    graph: nx.DiGraph[str] = nx.DiGraph()
    for name, tree in modules.items():
        graph.add_node(name)
        for node, _ in _imports(tree):
            for target in _targets(node):
                if isinstance(node, ast.ImportFrom) and target in modules:
                    for alias in node.names:
                        sub = f"{target}.{alias.name}"
                        graph.add_edge(name, sub if sub in modules else target)
                elif target in modules:
                    graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, cycles[:5]


MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def test_modules_and_functions_stay_small() -> None:
    """A module a newcomer reads at once, a function that fits a screen (docs/architecture.md)."""
    too_long: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE)
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, too_long
