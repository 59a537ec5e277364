"""Set-up page "Shop server": empty = this PC's file, a server address tested against a real
PostgreSQL server on the worker pool, the password kept apart from the settings file."""

from __future__ import annotations

import socket
import stat
from pathlib import Path
from typing import Any

import pytest

from counter_app.api_key import DatabasePasswordStore
from counter_app.settings import Settings, load_settings
from counter_app.ui.app import save_settings
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.workers import WorkerPool
from tests.pg_fixtures import PgServer


@pytest.fixture
def dialog(settings: Settings, qtbot: Any) -> SetupDialog:
    # The real pool: the test must show the answer arrives from a worker thread.
    widget = SetupDialog(settings, workers=WorkerPool(), printer_names=[])
    qtbot.addWidget(widget)
    widget.show()
    widget.pages.setCurrentWidget(widget.store_page)
    return widget


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_empty_means_this_pcs_own_file(dialog: SetupDialog, settings: Settings, qtbot: Any) -> None:
    page = dialog.store_page
    assert page.url.text() == ""
    page.test_connection()
    assert "own file" in page.answer.text()
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None and new.database_url == "" and not new.shared_store
    save_settings(new)
    assert not DatabasePasswordStore(settings.paths).key_file.exists()
    assert load_settings().effective_database_url().startswith("sqlite:///")


def test_a_typed_password_goes_to_its_own_field_and_never_to_the_file(
    dialog: SetupDialog, settings: Settings, qtbot: Any, pg_server: PgServer
) -> None:
    page = dialog.store_page
    qtbot.keyClicks(page.url, f"postgresql://counter:s3cret-pw@127.0.0.1:{pg_server.port}/shop")
    assert page.url.text() == f"postgresql+psycopg://counter@127.0.0.1:{pg_server.port}/shop"
    assert page.password.text() == "s3cret-pw"
    assert page.password.echoMode() == page.password.EchoMode.Password
    assert page.note.isVisible()  # used from the next start
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None
    save_settings(new)
    text = settings.paths.settings_file.read_text()
    assert "s3cret-pw" not in text
    assert f"127.0.0.1:{pg_server.port}/shop" in text
    secret = DatabasePasswordStore(settings.paths).key_file
    assert secret.read_text() == "s3cret-pw"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = load_settings()
    assert again.database_password == "s3cret-pw"
    assert "s3cret-pw" in again.effective_database_url()
    for log in Path(settings.paths.log_dir).glob("*.log*"):
        assert "s3cret-pw" not in log.read_text(errors="replace")


def test_a_wrong_address_is_explained_and_not_saved(dialog: SetupDialog) -> None:
    page = dialog.store_page
    page.url.setText("mysql://shop@10.0.0.2/counter")
    dialog.accept()
    assert dialog.accepted_settings is None
    assert page.error.isVisible() and "postgresql://" in page.error.text()
    page.url.setText("postgresql+psycopg://counter@10.0.0.2")
    dialog.accept()
    assert dialog.accepted_settings is None and "database name" in page.error.text()


def test_connection_test_on_a_real_server(
    dialog: SetupDialog, qtbot: Any, pg_server: PgServer, tmp_path: Path
) -> None:
    page = dialog.store_page
    good = pg_server.fresh_database()
    page.url.setText(good)
    page.test_connection()
    assert page.answer.text() == "Testing…"  # not answered inline: on the worker pool
    qtbot.waitUntil(lambda: page.answer.text().startswith("✔"), timeout=10_000)
    assert "PostgreSQL 1" in page.answer.text() and "ready, 0 orders" in page.answer.text()

    page.url.setText(pg_server.url("no_such_db"))
    page.test_connection()
    qtbot.waitUntil(lambda: page.answer.text().startswith("✖"), timeout=10_000)
    assert "no such database" in page.answer.text()

    page.url.setText(pg_server.empty_database())
    page.test_connection()
    qtbot.waitUntil(lambda: page.answer.text().startswith("✔"), timeout=10_000)
    assert "sets it up at the next start" in page.answer.text()

    page.url.setText(f"postgresql+psycopg://counter@127.0.0.1:{_free_port()}/counter")
    page.test_connection()
    qtbot.waitUntil(lambda: page.answer.text().startswith("✖"), timeout=10_000)
    assert "could not be reached" in page.answer.text()
    assert page.test_button.isEnabled()
    dialog.resize(800, 560)
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "setup-store-page.png"))
