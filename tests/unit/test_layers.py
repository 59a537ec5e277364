"""The layers stay apart (DESIGN.md): no Qt below the UI, no SQL or HTTP in it or in printing.

Checked on the source's imports, so a shortcut taken in a hurry fails here, not in review.
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
    "ui": ("sqlalchemy", "sqlite3", "requests", "alembic", "counter_app.store.models"),
    # Documents are laid out from the data they are given (counter_app/documents.py fetches it).
    "printing": ("sqlalchemy", "sqlite3", "requests", "alembic", "counter_app.store"),
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
