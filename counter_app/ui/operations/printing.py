"""Printing from the window: slips, pickup cards, the daily list, or their preview.

With no printer set up the preview opens instead (with Save as PDF). A printer that fails
never loses the action just taken: the reason is shown (or kept in `last_error` for the
caller's own message).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from counter_app.printing.message_texts import is_no_printer, print_message_text
from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui.print_bridge import PrintBridge

log = logging.getLogger(__name__)

Notify = Callable[[str, str, int], None]  # text, tone, milliseconds


def _tr(text: str) -> str:
    # The window's context: these texts were the window's before printing was split off.
    return QCoreApplication.translate("MainWindow", text)


class WindowPrinting:
    """Prints for one window; `preview` is the last preview opened."""

    def __init__(
        self,
        parent: QWidget,
        printer: Any,
        settings: Settings,
        repo: Repository,
        notify: Notify,
    ) -> None:
        self.parent = parent
        self.printer = printer
        self.settings = settings
        self.repo = repo
        self.notify = notify
        self.preview: Any = None
        self.last_error = ""  # why the last print did not happen, in the window's language

    def _documents(self) -> Any:
        """Builds documents for the preview (the printer stand-in in tests may not)."""
        return self.printer if hasattr(self.printer, "document") else PrintBridge(self.settings)

    def open_preview(self, document: Any) -> Any:
        """The print preview of a document, with Save as PDF: where printing goes with no
        printer set up."""
        from counter_app.printing.preview import preview_dialog

        parent = self.parent
        dialog = preview_dialog(document, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Within the window, so its buttons are on a 1024x600 screen too.
        dialog.resize(
            min(dialog.width(), parent.width() - 40), min(dialog.height(), parent.height() - 40)
        )
        self.preview = dialog
        dialog.open()
        return dialog

    def print_document(self, kind: str, order_id: str, quiet: bool = False) -> bool:
        """Print a slip or a card; True when printed or previewed. When not, the reason (in
        the window's language) is in `last_error` and, unless `quiet`, in a toast.

        With no printer the preview opens instead (also when `quiet`: a slip is needed)."""
        self.last_error = ""
        order = self.repo.get_order(order_id)
        if order is None:
            return False
        if kind == "card" and not order.pickup_code:
            reason = _tr("Order %1 has no pickup code yet: mark it ready first.")
            self.last_error = reason.replace("%1", order.commercial_id)
            self.notify(self.last_error, "warn", 6000)
            return False
        try:
            self.printer.print_document(kind, order)
        except Exception as exc:  # a jammed printer must not lose the action just taken
            if is_no_printer(exc):
                self.open_preview(self._documents().document(kind, order))
                return True
            log.warning("printing %s failed: %s", kind, exc)
            self.last_error = print_message_text(exc)
            if not quiet:
                message = _tr("Printing failed: %1").replace("%1", self.last_error)
                self.notify(message, "bad", 6000)
            return False
        if not quiet:
            self.notify(_tr("Sent to the printer."), "info", 2500)
        return True

    def print_daily_list(self) -> bool:
        try:
            self.printer.print_daily_list(self.repo)
        except Exception as exc:
            if is_no_printer(exc):
                self.open_preview(self._documents().daily_list(self.repo))
                return True
            log.warning("printing the daily list failed: %s", exc)
            self.notify(
                _tr("Printing failed: %1").replace("%1", print_message_text(exc)), "bad", 6000
            )
            return False
        self.notify(_tr("Pickup list sent to the printer."), "info", 2500)
        return True
