"""The folders of generator/ are the pipeline: no import goes back up it, and none goes round.

The order is stated once, as import-linter contracts in pyproject.toml; this
test runs them, and finds every import cycle between modules with grimp —
imports only made for type checking count too, since they tie the modules
just the same for a reader.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

REPO = Path(__file__).resolve().parent.parent  # tests/ holds this one at its top
LINE_LIMIT = 400


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Every group of modules that import one another in a ring (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = lowest[module] = len(index)
        stack.append(module)
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            ring: list[str] = []
            while not ring or ring[-1] != module:
                ring.append(stack.pop())
            if len(ring) > 1:
                cycles.append(sorted(ring))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_another_that_imports_it_back() -> None:
    graph = grimp.build_graph("generator", cache_dir=None)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle_made_only_of_type_imports() -> None:
    graph = grimp.ImportGraph()
    for module in ("a", "a.pages", "a.feeds", "a.models"):
        graph.add_module(module)
    graph.add_import(importer="a.pages", imported="a.feeds")
    graph.add_import(importer="a.feeds", imported="a.pages")  # `if TYPE_CHECKING:` in real life
    graph.add_import(importer="a.feeds", imported="a.models")
    assert import_cycles(graph) == [["a.feeds", "a.pages"]]


def test_each_folder_imports_only_those_before_it() -> None:
    """The layers, mkdocs in the plugin alone and PyGithub in the adapter alone."""
    run = subprocess.run([str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
                         cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 3 kept, 0 broken." in run.stdout


def test_no_module_is_longer_than_one_sitting() -> None:
    modules = sorted((REPO / "generator").rglob("*.py"))
    long = {str(path.relative_to(REPO)): lines for path in modules
            if (lines := len(path.read_text("utf-8").splitlines())) > LINE_LIMIT}
    assert long == {}


def test_the_top_of_generator_holds_only_what_every_layer_shares() -> None:
    """The languages every layer speaks, and the second core that loading the files and
    building the site both use (the bottom layer of the contract)."""
    top = sorted(path.name for path in (REPO / "generator").glob("*.py"))
    assert top == ["__init__.py", "cores.py", "i18n.py"]
