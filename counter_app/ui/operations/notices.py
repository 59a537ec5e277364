"""What the window says when a sync brings new orders."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from counter_app.domain.deadlines import accept_before
from counter_app.store.repository import Repository
from counter_app.ui.formatting import format_moment
from counter_app.ui.order_tabs import humanize_delta
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.toast import Toast


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the notices were split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


def new_orders_message(repo: Repository, order_ids: list[str], acceptance_delay_hours: int) -> str:
    """How many arrived, how many to accept and before when, and the first names ("" when
    none of them is in the store). Reads the store: runs on the worker pool."""
    orders = [o for o in (repo.get_order(i) for i in order_ids[:50]) if o is not None]
    if not orders:
        return ""
    to_accept = [o for o in orders if o.stage.value == "to_accept"]
    message = _tr("%n new order(s).", len(orders))
    if to_accept:
        delay = acceptance_delay_hours
        soonest = min((accept_before(o.created_at, delay) for o in to_accept), default=None)
        message += " " + _tr("%n to accept", len(to_accept))
        if soonest is not None:
            message += " " + _tr("before %1").replace("%1", format_moment(soonest))
            message += f" ({humanize_delta(soonest - datetime.now(UTC))})"
        message += "."
    names = ", ".join(o.customer_name for o in orders[:3])
    message += "\n" + names + ("…" if len(orders) > 3 else "")
    return message


def system_tray(window: QWidget) -> QSystemTrayIcon | None:
    """The window's icon in the system tray, where the desktop has one (for notifications)."""
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    tray = QSystemTrayIcon(window.windowIcon(), window)
    tray.show()
    return tray


def announce(message: str, toast: Toast, sounds: SoundPlayer, tray: QSystemTrayIcon | None) -> None:
    """A toast, a sound and (where there is a tray) a system notification ("": nothing)."""
    if not message:
        return
    toast.show_message(message, "new", 10_000)
    sounds.play("notify")
    if tray is not None:
        tray.showMessage(_tr("New orders"), message)
