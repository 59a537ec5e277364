"""The layers stay apart (DESIGN.md): no Qt below the UI, no SQL or HTTP in it or in printing.

Checked on the source's imports, so a shortcut taken in a hurry fails here, not in review.
The window is given its marketplace connector and demo by `counter_app.bootstrap` (the GUI's
composition), so no module of `ui/` imports `counter_app.marketplace`; and no module of
`ui/` sits in an import cycle (as `ui/app` and `ui/main_window` once did).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "counter_app"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": ("PySide6", "shiboken6", "sqlalchemy", "sqlite3", "requests", "alembic"),
    "camera": ("PySide6", "shiboken6", "sqlalchemy", "sqlite3", "requests", "counter_app.store"),
    "store": ("PySide6", "shiboken6", "requests"),
    "sync": ("PySide6", "shiboken6", "sqlalchemy", "sqlite3"),
    "marketplace": ("PySide6", "shiboken6", "sqlalchemy", "sqlite3"),
    # Documents are laid out from the data they are given (counter_app/documents.py fetches it).
    "printing": ("sqlalchemy", "sqlite3", "requests", "alembic", "counter_app.store"),
    "ui": (
        "sqlalchemy",
        "sqlite3",
        "requests",
        "alembic",
        "counter_app.store.models",
        "counter_app.marketplace",
    ),
}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_nothing_it_must_not(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no sources found for {layer}"
    offences = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    ]
    assert offences == []


def test_the_secret_stores_do_not_import_the_settings_back() -> None:
    """settings.py reads the API key through api_key.py: the other way round is a cycle."""
    for name in ("api_key.py", "paths.py"):
        imported = imported_modules(PACKAGE / name)
        assert "counter_app.settings" not in imported, name


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Module → the package's modules it imports, at the top or inside a function."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets.add(node.module)
                # `from counter_app.ui import camera_hookup` imports a module too.
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        current = todo.pop()
        if current == goal:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(graph[current])
    return False


def test_no_ui_module_is_in_an_import_cycle() -> None:
    graph = _import_graph()
    ui = sorted(name for name in graph if name.startswith("counter_app.ui."))
    assert "counter_app.ui.main_window" in ui and "counter_app.ui.app" in ui
    in_cycles = [name for name in ui if _reaches(graph, name, name)]
    assert in_cycles == []


def test_the_cycle_check_sees_a_cycle() -> None:
    """The check above can fail: a made-up graph with a cycle through a function import."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _reaches(graph, "a", "a") and not _reaches(graph, "d", "d")
