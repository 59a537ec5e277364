"""The set-up's "Marketplaces" page: the shop's marketplace accounts, each with its colour.

The list shows every account (name, colour swatch, address, shop id); Add… and Edit… open the
account editor (`counter_app.ui.account_editor`), Remove… asks first, naming the account, and
refuses while the account still has actions waiting to be sent (they would never go out).
"Test" tries the selected account as it is edited, on the worker pool, and says the answer in
words. Remove… and Test are the page's mixed-in parts (`setup_page_marketplace_removal`,
`setup_page_marketplace_testing`). In the demo, the demo's own simulators are not
listed: they run while the demo runs, and are never saved as the shop's marketplaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
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
from counter_app.settings import Settings
from counter_app.ui.account_editor import AccountEditor, account_problems
from counter_app.ui.setup_form import FieldErrors
from counter_app.ui.setup_page_marketplace_removal import AccountRemoval, UsageReader
from counter_app.ui.setup_page_marketplace_testing import (
    AnswerLabel,
    ConnectionTest,
)
from counter_app.ui.workers import WorkerPool

# The fields whose message is on this page.
FIELDS = ("marketplaces",)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SetupDialog", text, "", n)


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


class MarketplacesPage(AccountRemoval, ConnectionTest, QWidget):
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
