"""The set-up's "Marketplaces" page: the shop's marketplace accounts, each with its colour.

The list shows every account (name, colour swatch, address, shop id); Add… and Edit… open the
account editor (`counter_app.ui.account_editor`), Remove… asks first, naming the account, and
refuses while the account still has actions waiting to be sent (they would never go out).
"Test" tries the selected account as it is edited: V01, A01, its click & collect types and,
when one is named, the pickup code field (AF01), on the worker pool
(`counter_app.bootstrap.probe_marketplace`), never on the GUI thread; this page puts the
answer in words. In the demo, the demo's own simulators are not listed: they run while the
demo runs, and are never saved as the shop's marketplaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.accounts import MarketplaceAccount, next_colour
from counter_app.bootstrap import ConnectionProbe, connector_factory, probe_marketplace
from counter_app.settings import Settings
from counter_app.ui.account_editor import AccountEditor, account_problems
from counter_app.ui.setup_form import FieldErrors
from counter_app.ui.workers import WorkerPool

# The fields whose message is on this page.
FIELDS = ("marketplaces",)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SetupDialog", text, "", n)


class AccountUse(Protocol):
    """What the store says about one account before it is removed
    (`counter_app.store.account_usage.AccountUsage`)."""

    @property
    def waiting_actions(self) -> int: ...

    @property
    def ready_orders(self) -> int: ...


# Reads an account's use from the store (run on the worker pool); None = no store to ask.
UsageReader = Callable[[str], AccountUse]


def demo_addresses(demo: Settings | None) -> set[str]:
    """The demo simulators' addresses (empty outside the demo)."""
    if demo is None:
        return set()
    urls = {demo.marketplace_url, *demo.demo_urls.values(), demo.demo_url}
    return {u.rstrip("/") for u in urls if u}


def swatch(colour: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour) if QColor(colour).isValid() else QColor("#9e9e9e"))
    icon = QIcon(pixmap)
    # The same colour on the selected row (not tinted by the selection's highlight).
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon


class MarketplacesPage(QWidget):
    """The accounts list with Add, Edit, Test and Remove, and the connection test's answer."""

    def __init__(
        self,
        settings: Settings,
        demo: Settings | None,
        errors: FieldErrors,
        workers: WorkerPool,
        connector_factory: Callable[[Settings], Any] | None = None,
        usage: UsageReader | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.workers = workers
        self.connector_factory = connector_factory
        self.usage = usage
        # Set by the dialog: the shop A01 named (fills the Shop page's empty fields).
        self.on_shop_found: Callable[[Any], None] = lambda _shop: None
        # Set by the dialog: the list changed (a shown message is checked again).
        self.on_changed: Callable[[], None] = lambda: None
        in_demo = demo_addresses(demo)
        every = settings.effective_accounts()
        # The demo's simulators are not the shop's marketplaces: kept aside, never shown.
        self.demo_accounts = [a for a in every if a.url.rstrip("/") in in_demo]
        self.accounts: list[MarketplaceAccount] = [
            replace(a) for a in every if a.url.rstrip("/") not in in_demo
        ]
        self.in_demo = demo is not None
        self.editor: AccountEditor | None = None
        self.remove_box: QMessageBox | None = None
        self._testing = False  # a connection test is running: Test waits for its answer

        self.list = QListWidget()
        self.list.setObjectName("accountList")
        self.list.setMaximumHeight(118)  # four accounts in sight; more scroll
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.empty_note = QLabel()
        self.empty_note.setObjectName("noAccountNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setStyleSheet("color: #455a64;")
        self.add_button = QPushButton(_tr("Add…"))
        self.add_button.setObjectName("addAccount")
        self.edit_button = QPushButton(_tr("Edit…"))
        self.edit_button.setObjectName("editAccount")
        self.test_button = QPushButton(_tr("Test connection"))
        self.test_button.setObjectName("testAccount")
        self.remove_button = QPushButton(_tr("Remove…"))
        self.remove_button.setObjectName("removeAccount")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.test_button.clicked.connect(self.test_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.test_result = AnswerLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("error_marketplaces")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        errors.labels["marketplaces"] = self.error

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.test_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        heading = QLabel(_tr("The marketplaces this shop sells on:"))
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        # Under the buttons, full width: a two-line answer is never cut at top and bottom.
        layout.addWidget(self.test_result)
        layout.addStretch(1)
        self._fill()
        if self.accounts:
            self.list.setCurrentRow(0)
        self._enable()

    @staticmethod
    def title() -> str:
        return _tr("Marketplaces")

    # ---- the list -------------------------------------------------------------------------
    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.clear()
        for account in self.accounts:
            item = QListWidgetItem(swatch(account.colour), self.describe(account))
            item.setData(Qt.ItemDataRole.UserRole, account.key)
            item.setToolTip(account.colour)
            self.list.addItem(item)
        if self.accounts:
            self.list.setCurrentRow(min(max(row, 0), len(self.accounts) - 1))
        if self.accounts:
            self.empty_note.hide()
        else:
            self.empty_note.setText(
                _tr(
                    "The demo marketplaces run while the demo runs; add the shop's own "
                    "marketplace here to sync with it instead."
                )
                if self.in_demo
                else _tr("No marketplace yet: add the one(s) the shop sells on.")
            )
            self.empty_note.show()
        self._enable()
        self.on_changed()

    @staticmethod
    def describe(account: MarketplaceAccount) -> str:
        """One line of the list: the name first (never the colour alone), then where it is."""
        where = account.url or _tr("no address")
        text = f"{account.label}  —  {where}"
        if account.shop_id:
            text += "  · " + _tr("shop %1").replace("%1", account.shop_id)
        return text

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.test_button.setEnabled(chosen and not self._testing)

    def selected(self) -> MarketplaceAccount | None:
        row = self.list.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def select(self, key: str) -> None:
        for row, account in enumerate(self.accounts):
            if account.key == key:
                self.list.setCurrentRow(row)

    def values(self) -> dict[str, Any]:
        return {"marketplaces": [replace(a) for a in self.accounts]}

    def problems(self) -> dict[str, str]:
        """What stops saving: the first account whose set-up is not complete, named."""
        for account in self.accounts:
            others = {a.name.casefold() for a in self.accounts if a is not account}
            found = account_problems(account, others)
            if found:
                text = _tr("“%1”: %2").replace("%1", account.label)
                return {"marketplaces": text.replace("%2", next(iter(found.values())))}
        return {}

    # ---- add and edit ---------------------------------------------------------------------
    def _taken(self) -> set[str]:
        return {a.key for a in self.accounts} | {a.key for a in self.demo_accounts}

    def add(self) -> AccountEditor:
        """The editor of a new account (opened; the list gains it when it is saved)."""
        fresh = MarketplaceAccount(key="", name="", colour=next_colour(self.accounts))
        others = {a.name.casefold() for a in self.accounts}
        editor = AccountEditor(
            fresh, new=True, other_names=others, taken_keys=self._taken(), parent=self
        )
        editor.accepted.connect(lambda: self._added(editor))
        return self._open(editor)

    def edit_selected(self) -> AccountEditor | None:
        """The editor of the selected account (opened), or None when none is selected."""
        account = self.selected()
        if account is None:
            return None
        others = {a.name.casefold() for a in self.accounts if a is not account}
        editor = AccountEditor(
            account, new=False, other_names=others, taken_keys=self._taken(), parent=self
        )
        editor.accepted.connect(lambda: self._edited(account.key, editor))
        return self._open(editor)

    def _open(self, editor: AccountEditor) -> AccountEditor:
        self.editor = editor
        editor.setModal(True)
        editor.open()
        return editor

    def _added(self, editor: AccountEditor) -> None:
        account = editor.account()
        self.accounts.append(account)
        self._fill()
        self.list.setCurrentRow(len(self.accounts) - 1)

    def _edited(self, key: str, editor: AccountEditor) -> None:
        self.accounts = [editor.account() if a.key == key else a for a in self.accounts]
        self._fill()
        self.select(key)

    # ---- remove ---------------------------------------------------------------------------
    def remove_selected(self) -> None:
        """Ask the store what the account still has (worker pool), then ask the person."""
        account = self.selected()
        if account is None:
            return
        if self.usage is None:  # no store to ask (the first run): nothing can be waiting
            self._ask_remove(account, None)
            return
        reader = self.usage
        self.remove_button.setEnabled(False)
        self.workers.submit(
            lambda: reader(account.key),
            lambda use: self._ask_remove(account, use),
            lambda _exc: self._refuse_remove(
                account,
                _tr(
                    "The store could not be read to check what “%1” still has waiting: "
                    "try again in a moment."
                ).replace("%1", account.label),
            ),
        )

    def _refuse_remove(self, account: MarketplaceAccount, text: str) -> None:
        self._enable()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _tr("Remove marketplace"),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("removeRefused")
        self._show_box(box)

    def _ask_remove(self, account: MarketplaceAccount, use: AccountUse | None) -> None:
        self._enable()
        if use is not None and use.waiting_actions > 0:
            text = _tr(
                "“%1” still has %n action(s) waiting to be sent to the marketplace. Let the "
                "sync send them first (the marketplace must be reachable), then remove it.",
                use.waiting_actions,
            )
            self._refuse_remove(account, text.replace("%1", account.label))
            return
        question = _tr("Remove the marketplace “%1”?").replace("%1", account.label)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _tr("Remove marketplace"),
            question,
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("removeConfirm")
        detail = _tr(
            "Its orders stay in the list, but nothing more is synced with it once the set-up "
            "is saved."
        )
        if use is not None and use.ready_orders > 0:
            warning = _tr(
                "%n order(s) of “%1” are ready on the shelf: their collection would no longer "
                "be reported to the marketplace.",
                use.ready_orders,
            )
            detail = warning.replace("%1", account.label) + "\n\n" + detail
        box.setInformativeText(detail)
        remove = box.addButton(_tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.finished.connect(lambda _r: self._removal_answered(account.key, box, remove))
        self._show_box(box)

    def _show_box(self, box: QMessageBox) -> None:
        self.remove_box = box
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()

    def _removal_answered(self, key: str, box: QMessageBox, remove: QAbstractButton) -> None:
        if box.clickedButton() is not remove:
            return
        self.accounts = [a for a in self.accounts if a.key != key]
        self.test_result.setText("")
        self.test_result.fit()
        self._fill()

    # ---- the connection test --------------------------------------------------------------
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
        self.show_answer(*self.answer_for(account, outcome))

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

    def answer_for(self, account: MarketplaceAccount, outcome: ConnectionProbe) -> tuple[str, bool]:
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
