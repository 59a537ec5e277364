"""The marketplace page's Remove…: what the store says the account still has, then the question.

Removing asks the store first, on the worker pool (`counter_app.store.account_usage`): an
account with actions still waiting to be sent is not removed (they would never go out); one
with orders ready on the shelf is removed only after a warning that their collection would
no longer be reported. The question names the account and defaults to Keep. Mixed into
`MarketplacesPage`, which provides the list and the attributes used; the texts keep the
set-up dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QPushButton

from counter_app.accounts import MarketplaceAccount
from counter_app.ui.setup_page_marketplace_testing import AnswerLabel
from counter_app.ui.workers import WorkerPool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget as _Page  # the message boxes' parent is the page
else:
    _Page = object


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


class AccountRemoval(_Page):
    """Remove… of the accounts list; the page provides the attributes used."""

    accounts: list[MarketplaceAccount]
    usage: UsageReader | None
    workers: WorkerPool
    remove_button: QPushButton
    remove_box: QMessageBox | None  # the question (or refusal) last shown
    test_result: AnswerLabel

    if TYPE_CHECKING:  # provided by the page

        def selected(self) -> MarketplaceAccount | None: ...

        def _enable(self) -> None: ...

        def _fill(self) -> None: ...

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
