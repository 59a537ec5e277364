"""Shared fixtures: an isolated home per test, an opened app context, order factories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the developer's keyring.
os.environ["COUNTER_APP_NO_KEYRING"] = "1"

from counter_app.bootstrap import AppContext, open_context
from counter_app.settings import Settings, load_settings
from tests.pg_fixtures import pg_server  # noqa: F401  (session server, for every module)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh COUNTER_APP_HOME; marketplace variables from the outer shell are cleared."""
    folder = tmp_path / "home"
    folder.mkdir()
    for var in (
        "COUNTER_APP_MARKETPLACE_URL",
        "COUNTER_APP_API_KEY",
        "COUNTER_APP_SHOP_ID",
        "COUNTER_APP_DATABASE_URL",
    ):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COUNTER_APP_HOME", str(folder))
    return folder


@pytest.fixture
def database_url() -> str:
    """The store the `settings` fixture uses: "" = the home's SQLite file.

    Modules that run on both backends import `database_url` from tests.pg_fixtures instead.
    """
    return ""


@pytest.fixture
def settings(home: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Settings:
    if database_url:
        # CLI runs in subprocesses of this test reach the same store.
        monkeypatch.setenv("COUNTER_APP_DATABASE_URL", database_url)
    s = load_settings()
    s.database_url = database_url
    s.till_name = "till-1"
    s.paths.ensure()
    return s


@pytest.fixture
def ctx(settings: Settings) -> Iterator[AppContext]:
    context = open_context(settings)
    yield context
    context.close()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the SQLite file itself; not run on the PostgreSQL param"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test about the SQLite file (deleting it, its pragmas) has no PostgreSQL variant:
    deselected there rather than skipped (its PostgreSQL counterpart is in tests/postgres)."""
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("database_url") if callspec else None
        if backend == "postgresql" and item.get_closest_marker("sqlite_only"):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
