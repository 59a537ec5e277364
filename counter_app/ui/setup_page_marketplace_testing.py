"""The marketplace page's connection test, and its answer in words.

"Test" tries the selected account as it is edited, on the worker pool, never on the GUI
thread: `counter_app.bootstrap.probe_marketplace` checks V01, A01, its click & collect types
and, when one is named, the pickup code field with AF01. The functions here turn its outcome,
or its exception, into a sentence a shop owner can act on, and `AnswerLabel` shows it under
the page's buttons. Mixed into `MarketplacesPage`, which provides the attributes used; the
texts keep the set-up dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import ConnectionProbe, connector_factory, probe_marketplace
from counter_app.settings import Settings
from counter_app.ui.account_editor import account_problems
from counter_app.ui.workers import WorkerPool


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SetupDialog", text, "", n)


class ConnectionTest:
    """The Test button's work; the page provides the attributes used."""

    settings: Settings
    workers: WorkerPool
    accounts: list[MarketplaceAccount]
    connector_factory: Callable[[Settings], Any] | None
    on_shop_found: Callable[[Any], None]
    test_result: AnswerLabel
    _testing: bool  # a connection test is running: Test waits for its answer

    if TYPE_CHECKING:  # provided by the page

        def selected(self) -> MarketplaceAccount | None: ...

        def _enable(self) -> None: ...

    def test_selected(self) -> None:
        account = self.selected()
        if account is None:
            self.show_answer(_tr("Add a marketplace first, then test it."), ok=False)
            return
        others = {a.name.casefold() for a in self.accounts if a is not account}
        found = account_problems(account, others)
        if found:
            text = _tr("Edit “%1” first: %2").replace("%1", account.label)
            self.show_answer(text.replace("%2", next(iter(found.values()))), ok=False)
            return
        factory = self.connector_factory or connector_factory()
        if factory is None:
            self.show_answer(_tr("The marketplace connector is not available."), ok=False)
            return
        candidate = self.settings.for_account(account)
        self.show_testing(account)
        self.workers.submit(
            lambda: probe_marketplace(factory(candidate), account.pickup_code_field),
            lambda outcome: self._tested(account, outcome),
            self._test_failed,
        )

    def _tested(self, account: MarketplaceAccount, outcome: ConnectionProbe) -> None:
        self.on_shop_found(outcome.shop)
        self.show_answer(*probe_answer(account, outcome))

    def _test_failed(self, exc: BaseException) -> None:
        self.show_answer(describe_connection_error(exc), ok=False)

    def show_testing(self, account: MarketplaceAccount) -> None:
        self._testing = True
        self._enable()
        self.test_result.setStyleSheet("color: #455a64;")
        self.test_result.setText(_tr("Testing “%1”…").replace("%1", account.label))

    def show_answer(self, text: str, ok: bool) -> None:
        self._testing = False
        self._enable()
        self.test_result.setText(("✔ " if ok else "✖ ") + text)
        self.test_result.setStyleSheet(
            "color: #1b873f; font-weight: bold;" if ok else "color: #b3261e; font-weight: bold;"
        )
        self.test_result.ensurePolished()  # measured in bold, as it is painted
        self.test_result.fit()


def probe_answer(account: MarketplaceAccount, outcome: ConnectionProbe) -> tuple[str, bool]:
    """The connection test's answer in words; True when everything checked is right."""
    shop = outcome.shop
    text = _tr("%1: connected to shop “%2” (id %3).").replace("%1", account.label)
    text = text.replace("%2", shop.name).replace("%3", str(shop.shop_id))
    if outcome.types:
        codes = ", ".join(t.code for t in outcome.types)
        text += " " + _tr("Click & collect types: %1.").replace("%1", codes)
    ok = True
    if outcome.field is not None:
        message, ok = pickup_field_message(account.pickup_code_field, *outcome.field)
        text += " " + message
    return text, ok


class AnswerLabel(QLabel):
    """The connection test's answer: always as tall as its wrapped text needs, whatever
    width the form gives it, so a long answer is never cut at top and bottom."""

    # Set by the dialog: it grows once the layouts have taken the new height.
    on_height_changed: Callable[[], None] | None = None

    def fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(0, needed))
            if self.on_height_changed is not None:
                self.on_height_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


def describe_connection_error(exc: BaseException) -> str:
    """One sentence a shop owner can act on, whatever went wrong."""
    name = type(exc).__name__
    if "Authentication" in name:
        return _tr("The marketplace refused the API key: check it in your seller account.")
    if "Unavailable" in name or "Timeout" in name or "Connection" in name:
        return _tr("The marketplace could not be reached: check the address and the internet.")
    if "Malformed" in name:
        return _tr("The address answers, but not like a Mirakl marketplace: check the address.")
    return _tr("The connection test failed: %1").replace("%1", str(exc) or name)


def pickup_field_message(code: str, check: str, detail: str) -> tuple[str, bool]:
    """What AF01 says about the pickup code field, in words; True when it can hold the code."""
    if check == "ok":
        return _tr("Pickup code field “%1”: found (order text field).").replace("%1", code), True
    if check == "wrong_type":
        text = _tr(
            "Pickup code field “%1” is of type %2 on the marketplace: it must be a text "
            "(STRING) order field."
        )
        return text.replace("%1", code).replace("%2", detail), False
    if check == "missing" and detail:
        text = _tr(
            "Pickup code field “%1” is a field of %2, not of the order: ask the marketplace "
            "for an order text field."
        )
        return text.replace("%1", code).replace("%2", detail), False
    if check == "missing":
        text = _tr(
            "Pickup code field “%1” does not exist on the marketplace: the codes would not be "
            "stored. Check the code with the marketplace, or leave the field empty."
        )
        return text.replace("%1", code), False
    return _tr("The custom fields could not be read to check “%1”.").replace("%1", code), False
