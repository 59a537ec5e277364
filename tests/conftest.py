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
    # Set by pytest_collection_modifyitems below, for `make test-fast` to leave out (-m).
    config.addinivalue_line(
        "markers", "postgres: runs on the session's PostgreSQL server (tests/postgres, the param)"
    )
    config.addinivalue_line(
        "markers", "os_input: drives the real window on an X server of its own (tests/os_input)"
    )


_TESTS = Path(__file__).resolve().parent

# Tests that take seconds each (measured with --durations): they start the CLI or the window
# in subprocesses, kill processes, race several of them, or decode hundreds of frames. Marked
# slow here, in one place, so `make test-fast` leaves them to `make test`. A module named
# with None is slow throughout (every test in it runs processes, new ones too), as is all of
# tests/e2e (the CLI run as a subprocess, by definition).
_SLOW: dict[str, frozenset[str] | None] = {
    "integration/test_backup_disk_full.py": None,
    "integration/test_damaged_database.py": None,
    "integration/test_demo_guard.py": None,
    "integration/test_first_start_kill.py": None,
    "integration/test_reminder_kill.py": None,
    "integration/test_reply_lost_answer.py": frozenset(
        {"test_sigkill_while_a_reply_is_sent_posts_it_once"}
    ),
    "integration/test_print_cli.py": None,
    "integration/test_private_files.py": None,
    "integration/test_scan_durability.py": None,
    "integration/test_sync_cli.py": None,
    "integration/test_sync_cli_marketplace.py": None,
    "integration/test_sync_cli_accounts.py": None,
    "integration/test_simulator_operators.py": frozenset(
        {
            "test_the_simulator_command_serves_an_operator",
            "test_demo_sync_once_brings_both_marketplaces_into_its_own_folder",
        }
    ),
    "gui/test_setup_accounts.py": frozenset(
        {
            "test_saving_keeps_each_api_key_in_its_own_private_file",
            "test_the_command_says_when_a_key_is_missing_or_nothing_is_set_up",
        }
    ),
    "integration/test_two_tills_race.py": None,
    "gui/test_language.py": None,
    "gui/test_live_tills.py": None,  # another till as a process of its own
    "gui/test_window_no_demo.py": None,
    "integration/test_disk_full.py": frozenset(
        {"test_confirming_on_a_full_disk_says_so_and_records_nothing_by_halves"}
    ),
    "integration/test_recent_collection.py": frozenset(
        {"test_a_confirm_killed_after_its_commit_then_a_rescan"}
    ),
    "unit/test_camera_decode.py": frozenset(
        {"test_the_transformed_set_reads_at_least_95_percent_at_640x480"}
    ),
    "gui/test_camera_scanning.py": None,  # decodes rendered frames in every test
    "gui/test_screens_first_day.py": None,  # screenshots in each language and size
    "unit/test_translations.py": frozenset(
        {
            "test_catalogues_cover_every_string_in_the_code",
            "test_update_keeps_translations_and_adds_new_strings_unfinished",
        }
    ),
    "unit/test_settings.py": frozenset({"test_save_round_trips_and_never_writes_the_api_key"}),
    "integration/test_simulator_spec.py": frozenset(
        {"test_every_or11_page_validates_against_the_spec"}
    ),
    "integration/test_simulator_control.py": frozenset({"test_simulator_command_serves_the_api"}),
    "gui/test_order_table_model.py": frozenset({"test_rows_are_read_one_page_at_a_time"}),
    "gui/test_sync_ui.py": frozenset(
        {
            "test_the_window_answers_scans_while_a_slow_sync_runs",
            "test_saving_new_marketplace_settings_does_not_wait_for_a_hanging_sync",
        }
    ),
    "gui/test_screenshots.py": frozenset({"test_screens_of_the_main_states"}),
}


def _mark_by_place(item: pytest.Item, backend: object) -> None:
    """Markers a test gets from where it lives or which store it runs on."""
    path = Path(str(item.fspath)).resolve()
    if backend == "postgresql" or _TESTS / "postgres" in path.parents:
        item.add_marker(pytest.mark.postgres)
    if _TESTS / "os_input" in path.parents:
        item.add_marker(pytest.mark.os_input)
    if _TESTS / "e2e" in path.parents:
        item.add_marker(pytest.mark.slow)
    elif _TESTS in path.parents:
        slow = _SLOW.get(path.relative_to(_TESTS).as_posix(), frozenset())
        name = getattr(item, "originalname", item.name)
        if slow is None or name in slow:
            item.add_marker(pytest.mark.slow)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test about the SQLite file (deleting it, its pragmas) has no PostgreSQL variant:
    deselected there rather than skipped (its PostgreSQL counterpart is in tests/postgres)."""
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("database_url") if callspec else None
        _mark_by_place(item, backend)
        if backend == "postgresql" and item.get_closest_marker("sqlite_only"):
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
