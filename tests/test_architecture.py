"""The import graph: no cycles between modules, TYPE_CHECKING imports included.

The layer and forbidden-import contracts live in ``pyproject.toml`` and run as
``lint-imports`` in ``make test``; this test adds what import-linter has no contract for.
"""

from __future__ import annotations

import grimp

PACKAGES = ("bot", "handlers", "devtools", "migrations")


class _Tarjan:
    """Strongly connected components of a directed graph (Tarjan's algorithm, iterative)."""

    def __init__(self, edges: dict[str, list[str]]) -> None:
        self.edges = edges
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.on_stack: set[str] = set()
        self.found: list[list[str]] = []

    def visit(self, root: str) -> None:
        """Walks depth first from ``root``; an explicit stack keeps deep chains in bounds."""
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                self.index[node] = self.low[node] = len(self.index)
                self.stack.append(node)
                self.on_stack.add(node)
            if i < len(self.edges[node]):
                work.append((node, i + 1))
                nxt = self.edges[node][i]
                if nxt not in self.index:
                    work.append((nxt, 0))
                elif nxt in self.on_stack:
                    self.low[node] = min(self.low[node], self.index[nxt])
                continue
            if self.low[node] == self.index[node]:
                self._close(node)
            if work:
                parent = work[-1][0]
                self.low[parent] = min(self.low[parent], self.low[node])

    def _close(self, node: str) -> None:
        """Pops the component rooted at ``node``; keeps it if it is a cycle."""
        component = []
        while True:
            member = self.stack.pop()
            self.on_stack.discard(member)
            component.append(member)
            if member == node:
                break
        if len(component) > 1:
            self.found.append(sorted(component))


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module."""
    modules = sorted(graph.modules)
    inside = set(modules)
    edges = {m: sorted(set(graph.find_modules_directly_imported_by(m)) & inside) for m in modules}
    tarjan = _Tarjan(edges)
    for root in modules:
        if root not in tarjan.index:
            tarjan.visit(root)
    return tarjan.found


def test_no_import_cycles_even_under_type_checking() -> None:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=False)
    assert _cycles(graph) == []


def test_the_cycle_finder_sees_a_cycle() -> None:
    graph = grimp.ImportGraph()
    for name in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(name)
    graph.add_import(importer="a.x", imported="a.y")
    graph.add_import(importer="a.y", imported="a.x")
    graph.add_import(importer="a.y", imported="a.z")
    assert _cycles(graph) == [["a.x", "a.y"]]
