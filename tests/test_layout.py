"""The layout reads one way: ``schemas`` ← ``pipelines`` ← ``extractor``, and no import circles.

Read from the source with ``ast`` (nothing is imported), counting every import, also the
ones inside functions that keep start-up fast: a circle through a lazy import is still a
circle in the design. ``from pkg import name`` counts as an edge to ``pkg.name`` when that
is a module and to ``pkg`` otherwise; a module's own package ``__init__`` that runs on
import is not an edge (it is how Python loads submodules, not a dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("schemas", "pipelines", "extractor")


def _modules() -> dict[str, Path]:
    found = {}
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def import_graph(modules: dict[str, Path] | None = None) -> dict[str, set[str]]:
    """``module -> modules of ours it imports`` (anywhere in the file)."""
    modules = modules if modules is not None else _modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(module, path, node)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            for target in targets:
                while target and target not in modules:  # "pipelines.components.base.x" -> the module
                    target = target.rpartition(".")[0]
                if target and target != module:
                    edges.add(target)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def upward_edges(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports against the layout: ``pipelines`` or ``schemas`` importing a package above it."""
    rank = {pkg: i for i, pkg in enumerate(PACKAGES)}
    return sorted(
        (src, dst)
        for src, targets in graph.items()
        for dst in targets
        if rank[dst.partition(".")[0]] > rank[src.partition(".")[0]]
    )


def test_no_import_from_pipelines_or_schemas_up_into_extractor() -> None:
    assert upward_edges(import_graph()) == []


def test_no_import_circles_among_our_packages() -> None:
    assert find_cycle(import_graph()) is None


def test_the_checks_catch_what_they_forbid(tmp_path: Path) -> None:
    """The two checks on a small tree with an upward edge and a circle (a lazy import among them)."""
    files = {
        "pipelines/__init__.py": "",
        "pipelines/sections.py": "def f():\n    from extractor.run import Failure\n",
        "extractor/__init__.py": "",
        "extractor/run.py": "from .harvest import go\n",
        "extractor/harvest/__init__.py": "def go():\n    from ..run import Failure\n",
    }
    modules = {}
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        parts = list(Path(rel).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = import_graph(modules)
    assert upward_edges(graph) == [("pipelines.sections", "extractor.run")]
    assert find_cycle(graph) == ["extractor.harvest", "extractor.run", "extractor.harvest"]


def test_section_splitting_has_one_home_and_reading_loads_no_spacy() -> None:
    """Readers and the pipeline share ``pipelines.sections``; reading must not load spaCy."""
    import subprocess
    import sys

    graph = import_graph()
    assert "pipelines.sections" in graph["extractor.readers.plain_text"]
    assert "pipelines.sections" in graph["pipelines.components.sections"]
    assert not any(dst.startswith(("spacy", "pipelines.components")) for dst in graph["pipelines.sections"])
    code = "import sys, extractor.readers, extractor.pubmed, extractor.pdf; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
