"""How the window names a marketplace account: its display name and its colour.

The colour is only ever shown next to the name (a swatch, a coloured dot before the name):
staff who do not tell blue from green still read "Carrefour". An order of an account no
longer set up (removed in set-up, its orders kept) is shown by its key, in grey.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from counter_app.accounts import MarketplaceAccount
from counter_app.settings import Settings
from counter_app.ui.account_status import AccountLook

UNKNOWN_COLOUR = "#78909c"
_SWATCH_PX = 12


class MarketplaceLook:
    """Names and colours of the shop's accounts, read from the settings (`reload` after set-up)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._swatches: dict[str, QPixmap] = {}
        self.accounts: list[MarketplaceAccount] = []
        self.reload()

    def reload(self) -> None:
        self.accounts = list(self.settings.effective_accounts())
        self._by_key = {a.key: a for a in self.accounts}
        self._swatches.clear()
        shorts = {a.key: re.sub(r"\s*\([^)]*\)\s*$", "", a.label) or a.label for a in self.accounts}
        unique = len(set(shorts.values())) == len(shorts)
        self._short = shorts if unique else {a.key: a.label for a in self.accounts}

    @property
    def several(self) -> bool:
        """Whether the shop sells on more than one marketplace (else nothing is shown)."""
        return len(self.accounts) > 1

    def name(self, key: str) -> str:
        account = self._by_key.get(key)
        return account.label if account is not None else key

    def short_name(self, key: str) -> str:
        """The list's name: without a bracketed tail ("Intermarché (démo)" → "Intermarché")
        when that stays unique among the accounts, so the column leaves the customer room."""
        return self._short.get(key, self.name(key))

    def colour(self, key: str) -> str:
        account = self._by_key.get(key)
        return account.colour if account is not None and account.colour else UNKNOWN_COLOUR

    def swatch(self, key: str) -> QPixmap:
        """A small rounded square of the account's colour (the list's decoration)."""
        pixmap = self._swatches.get(key)
        if pixmap is None:
            pixmap = QPixmap(_SWATCH_PX, _SWATCH_PX)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.colour(key)))
            painter.drawRoundedRect(0, 0, _SWATCH_PX, _SWATCH_PX, 3, 3)
            painter.end()
            self._swatches[key] = pixmap
        return pixmap

    def account_looks(self) -> list[AccountLook]:
        """The accounts set up, as the status bar names them."""
        return [
            AccountLook(a.key, a.label, self.colour(a.key), self.short_name(a.key))
            for a in self.accounts
        ]

    def badge_html(self, key: str) -> str:
        """Rich text: a dot in the account's colour, then its name in bold."""
        return (
            f"<span style='color:{self.colour(key)}'>■</span>&nbsp;"
            f"<b>{html.escape(self.name(key))}</b>"
        )


def all_marketplaces_text() -> str:
    return QCoreApplication.translate("OrderList", "All marketplaces")
