"""Set-up page "Shop server": where this till keeps its orders (its own file, or the shop's
PostgreSQL server shared by several tills), with a connection test.

Empty address = this PC's own SQLite file (one till, nothing to set up). The password has a
field of its own: it goes to the keyring with the API key (`save_settings`), never into
settings.toml nor a log; one typed inside the address is taken out of it. "Test connection"
runs on the worker pool, so a server that does not answer never freezes the till. A new
address is used from the next start (the store in use stays open until then).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.database_url import split_password, with_password
from counter_app.logging_setup import register_secret
from counter_app.settings import Settings
from counter_app.ui.workers import WorkerPool

EXAMPLE_URL = "postgresql+psycopg://counter@192.168.1.10/counter"
FIELDS = ("database_url",)  # the fields whose message is on this page


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupStorePage", text)


def normalized_url(text: str) -> str:
    """The address as SQLAlchemy needs it: `postgresql://` and `postgres://` get the driver
    this app ships with (psycopg 3)."""
    url = text.strip()
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def check_url(url: str) -> str:
    """What is wrong with the address ("" when it can be saved; empty is fine)."""
    if not url:
        return ""
    if not url.startswith("postgresql+psycopg://"):
        return _tr(
            "The address starts with postgresql:// (e.g. %1), or leave it empty for this "
            "PC's own file."
        ).replace("%1", EXAMPLE_URL)
    rest = url.split("://", 1)[1]
    host = rest.split("@", 1)[-1].split("/", 1)[0]
    if not host or "/" not in rest or not rest.rsplit("/", 1)[1]:
        return _tr("Give the server's address and the database name: %1").replace("%1", EXAMPLE_URL)
    return ""


def failure_text(kind: str, detail: str) -> str:
    """The connection test's failure, in words a shop owner can act on."""
    texts = {
        "bad_address": _tr("This address cannot be used: %1"),
        "unreachable": _tr(
            "The shop server could not be reached: check the address, that the server PC "
            "is on, and that it lets the tills in (listen_addresses, pg_hba.conf, firewall)."
        ),
        "refused_login": _tr(
            "The server refused this user or password (check them, and pg_hba.conf): %1"
        ),
        "no_database": _tr("The server answers, but has no such database: create it first (%1)."),
        "schema_newer": _tr(
            "This database was set up by a newer version of Counter: install that version."
        ),
    }
    return texts.get(kind, _tr("The connection test failed: %1")).replace("%1", detail)


def success_text(probe: Any) -> str:
    schema = {
        "current": _tr("ready, %1 orders").replace("%1", str(probe.orders)),
        "older": _tr("%1 orders; its tables are brought up to date at the next start").replace(
            "%1", str(probe.orders)
        ),
        "empty": _tr("empty: Counter sets it up at the next start"),
    }.get(probe.schema, probe.schema)
    return (
        _tr("Connected to %1, database “%2”: %3.")
        .replace("%1", probe.server_version)
        .replace("%2", probe.database)
        .replace("%3", schema)
    )


class StorePage(QWidget):
    """The page's fields; `values()` feeds the dialog's settings, `problems()` its checks."""

    def __init__(
        self, settings: Settings, workers: WorkerPool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupStorePage")
        self.original_url = settings.database_url
        self.workers = workers
        self.url = QLineEdit(settings.database_url)
        self.url.setObjectName("databaseUrl")
        self.url.setPlaceholderText(_tr("empty = this PC's own file (one till)"))
        self.url.textEdited.connect(self._url_edited)
        self.password = QLineEdit(settings.database_password)
        self.password.setObjectName("databasePassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.show_password = QCheckBox(_tr("Show"))
        self.show_password.toggled.connect(
            lambda on: self.password.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.error = QLabel()
        self.error.setObjectName("error_database_url")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = QLabel()
        self.note.setObjectName("databaseNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #c25e00;")
        self.note.hide()
        self.test_button = QPushButton(_tr("Test connection"))
        self.test_button.setObjectName("testDatabase")
        self.test_button.clicked.connect(self.test_connection)
        self.answer = QLabel()
        self.answer.setObjectName("databaseAnswer")
        self.answer.setWordWrap(True)

        intro = QLabel(
            _tr(
                "One till: leave the address empty, the orders stay in a file on this PC. "
                "Several tills: each one uses the same PostgreSQL server on the shop's "
                "network (see the README, “Several tills”)."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #455a64;")
        url_box = QVBoxLayout()
        url_box.setSpacing(1)
        url_box.addWidget(self.url)
        url_box.addWidget(self.error)
        url_box.addWidget(self.note)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password, 1)
        password_row.addWidget(self.show_password)
        form = QFormLayout()
        form.addRow(_tr("Shop server address"), url_box)
        form.addRow(_tr("Password"), password_row)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.answer, 1)
        form.addRow(test_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)

    @staticmethod
    def title() -> str:
        return _tr("Shop server")

    def _url_edited(self, text: str) -> None:
        # A password typed into the address moves to its own field at once (never saved).
        bare, typed = split_password(normalized_url(text))
        if typed:
            self.url.setText(bare)
            self.password.setText(typed)
        if self.error.isVisible():
            self.problems()
        self.answer.clear()  # an answer about another address would mislead
        changed = self.url_value() != self.original_url
        self.note.setText(_tr("Used from the next start of Counter.") if changed else "")
        self.note.setVisible(changed)

    def url_value(self) -> str:
        return split_password(normalized_url(self.url.text()))[0]

    def values(self) -> dict[str, Any]:
        url = self.url_value()
        return {"database_url": url, "database_password": self.password.text() if url else ""}

    def problems(self) -> dict[str, str]:
        """Field name → what is wrong, also shown under the field."""
        problem = check_url(self.url_value())
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        return {"database_url": problem} if problem else {}

    # ---- test connection ----------------------------------------------------------------
    def test_connection(self) -> None:
        url = self.url_value()
        if self.problems():
            self._answer(_tr("Fix the address first."), ok=False)
            return
        if not url:
            self._answer(_tr("No server: this till keeps its orders in its own file."), ok=True)
            return
        password = self.password.text()
        register_secret(password)  # whatever a failure says, the password stays out of logs
        full = with_password(url, password)
        self.test_button.setEnabled(False)
        self.answer.setStyleSheet("color: #455a64;")
        self.answer.setText(_tr("Testing…"))

        def probe() -> Any:
            from counter_app.store.server_probe import probe_server

            return probe_server(full)

        self.workers.submit(
            probe, lambda found: self._answer(success_text(found), True), self._failed
        )

    def _failed(self, exc: BaseException) -> None:
        kind = getattr(exc, "kind", "other")
        detail = getattr(exc, "detail", "") or str(exc)
        self._answer(failure_text(kind, detail), ok=False)

    def _answer(self, text: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.answer.setText(("✔ " if ok else "✖ ") + text)
        self.answer.setStyleSheet(
            "color: #1b873f; font-weight: bold;" if ok else "color: #b3261e; font-weight: bold;"
        )
