"""A scan checked through the scan desk, and when Enter may confirm what it found."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from counter_app.ui.scan_desk import ScanDesk
from counter_app.ui.toast import Toast
from counter_app.ui.verdict_band import Tone, VerdictDisplay

log = logging.getLogger(__name__)

# The toast's tone for a verdict shown above a dialog.
TOAST_TONE = {"ok": "info", "warn": "warn", "bad": "bad"}


def _tr(text: str) -> str:
    # The window's context: these texts were the window's before scanning was split off.
    return QCoreApplication.translate("MainWindow", text)


def check_scan(desk: ScanDesk, text: str) -> VerdictDisplay:
    """The verdict for one scan; the till always answers, even on a broken store."""
    try:
        return desk.handle_scan(text)
    except Exception as exc:
        log.exception("scan failed")
        return VerdictDisplay(
            tone=Tone.BAD,
            headline=_tr("Scan not checked"),
            message=_tr("Error: %1").replace("%1", str(exc) or type(exc).__name__),
        )


def enter_confirms(current: VerdictDisplay | None, widget: QWidget, window: QWidget) -> str:
    """The order a press of Enter hands over ("" when none): a good verdict's, unless the
    Enter belongs to a field being typed in, to a dialog or to another window."""
    if current is None or not current.confirmable or not current.order_id:
        return ""
    if QApplication.activeModalWidget() is not None:
        return ""
    if isinstance(widget, QLineEdit) and widget.text():
        return ""  # Enter after typing belongs to what was typed, never a hand-over
    if widget.window() is not window:
        return ""
    return current.order_id


def confirm_at_once(display: VerdictDisplay, confirm_on_scan: bool) -> str:
    """The order to confirm at once ("" when none): a good code, and the shop chose to
    confirm hand-overs as soon as the code is good."""
    if display.confirmable and display.verdict == "ok" and confirm_on_scan:
        return display.order_id or ""
    return ""


def tell_above_dialog(window: QWidget, toast: Toast, display: VerdictDisplay) -> None:
    """A dialog is open over the window: it stays open, but the scan is not lost, so the
    verdict is said above it too."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        toast.show_message(
            f"{display.headline} — {display.customer}".strip(" —"),
            TOAST_TONE.get(display.tone.value, "info"),
        )


def is_offline(desk: ScanDesk) -> bool:
    """Whether the last sync failed (then the customer gets the code later)."""
    try:
        return bool(desk.service.is_offline())
    except Exception:  # a store that cannot say is as good as offline
        return True
