"""The order lists' marketplace filter: one marketplace's orders, or all of them.

The choice narrows the list and its tab counts alike. It is shown only when the shop has
several marketplace accounts: a one-marketplace shop sees the list it always had. The
window lays it out in its top row, beside the search; the order list panel owns it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from counter_app.ui.marketplace_look import MarketplaceLook, all_marketplaces_text


class MarketplaceFilter(QComboBox):
    """The choices: all marketplaces, then each account (its colour beside its name)."""

    def __init__(self, look: MarketplaceLook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.look = look
        self.setObjectName("marketplaceFilter")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.fill()

    @property
    def chosen_key(self) -> str | None:
        """The account key chosen (None: every marketplace, or a single account)."""
        if not self.look.several:
            return None
        data = self.currentData()
        return str(data) if data else None

    def fill(self) -> None:
        """The choices from the accounts set up (the one chosen is kept when still there);
        no signal is sent for it."""
        self.look.reload()
        kept = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(all_marketplaces_text(), "")
        for account in self.look.accounts:
            self.addItem(self.look.swatch(account.key), account.label, account.key)
        index = self.findData(kept) if kept else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        self.setVisible(self.look.several)

    def choose(self, key: str | None) -> None:
        """Choose one account's orders (None: all); a key no longer set up changes nothing."""
        index = self.findData(key or "")
        if index >= 0:
            self.setCurrentIndex(index)
