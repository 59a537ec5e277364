"""The printing functions as the window calls them: one place that knows the printing API.

Printers are the app's true edge; tests give the window a recording stand-in with the same
`print_document(kind, order)` method.
"""

from __future__ import annotations

import logging
from typing import Any

from counter_app.domain.orders import Order
from counter_app.settings import Settings

log = logging.getLogger(__name__)


class PrintingUnavailable(RuntimeError):
    """This build has no printing back-end for that document."""


class PrintBridge:
    """Prints slips and pickup cards on the printer chosen for each document kind."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def printer_for(self, kind: str) -> str:
        return self.settings.printers.get(kind, "")

    def print_document(self, kind: str, order: Order) -> None:
        """Print one document ("slip" or "card") for an order; raises with a clear message."""
        try:
            from counter_app.printing import documents
        except ImportError as exc:
            raise PrintingUnavailable("printing is not available in this version") from exc
        printer = self.printer_for(kind)
        func: Any = getattr(documents, "print_document", None)
        if func is None:
            raise PrintingUnavailable("printing is not available in this version")
        func(kind, order, printer_name=printer, settings=self.settings)
