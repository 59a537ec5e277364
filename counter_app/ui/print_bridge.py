"""The printing functions as the window calls them: one place that knows the printing API.

Printers are the app's true edge; tests give the window a recording stand-in with the same
`print_document(kind, order)` / `print_daily_list(repo)` methods.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from counter_app.domain.orders import Order
from counter_app.settings import Settings

log = logging.getLogger(__name__)


class PrintBridge:
    """Prints slips, pickup cards and the daily list on the printer chosen for each kind."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def printer_for(self, kind: str) -> str | None:
        # None lets printing use the printer remembered for the kind, or the default one.
        return self.settings.printers.get(kind) or None

    def no_printer(self, kind: str) -> bool:
        """Nothing to print `kind` on here: the preview is the way (see `no_printer_for`)."""
        from counter_app.printing.printers import no_printer_for

        return no_printer_for(self.settings, kind)

    def document(self, kind: str, order: Order) -> Any:
        """The laid-out document ("slip" or "card") for an order."""
        from counter_app.printing.card import card_document
        from counter_app.printing.shop import ShopInfo
        from counter_app.printing.slip import slip_document

        shop = ShopInfo.from_settings(self.settings)
        if kind == "card":
            return card_document(order, self.settings.slip_size, shop)
        return slip_document(order, self.settings.slip_size, shop)

    def print_document(self, kind: str, order: Order) -> str:
        """Print one document for an order; returns the printer used, raises with a message."""
        from counter_app.printing.documents import print_document

        return print_document(self.document(kind, order), self.settings, self.printer_for(kind))

    def daily_list(self, repo: Any, day: date | None = None) -> Any:
        from counter_app.documents import daily_list_from_store
        from counter_app.printing.daily_list import daily_list_document
        from counter_app.printing.shop import ShopInfo

        data = daily_list_from_store(repo, day or date.today())
        return daily_list_document(data, ShopInfo.from_settings(self.settings))

    def print_daily_list(self, repo: Any, day: date | None = None) -> str:
        from counter_app.printing.documents import print_document

        document = self.daily_list(repo, day)
        return print_document(document, self.settings, self.printer_for("daily_list"))
