"""What the window says when a sync brings new orders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSystemTrayIcon, QWidget

from counter_app.domain.deadlines import accept_before
from counter_app.domain.orders import Order
from counter_app.store.repository import AmbiguousOrderError, Repository
from counter_app.ui.formatting import format_moment
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_ref import OrderLike, as_ref
from counter_app.ui.order_tabs import humanize_delta
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.toast import Toast


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the notices were split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


def new_orders_message(
    repo: Repository,
    new: Sequence[OrderLike],
    acceptance_delay_hours: int,
    look: MarketplaceLook | None = None,
) -> str:
    """How many arrived, how many to accept and before when, and the first names ("" when
    none of them is in the store). Reads the store: runs on the worker pool.

    `new` are the orders' refs (the sync says which marketplace brought them); with several
    marketplaces (`look.several`) each name says its marketplace."""
    orders: list[Order] = []
    for ref in (as_ref(item) for item in new[:50]):
        if ref is None:
            continue
        try:
            order = repo.get_order(ref.order_id, ref.marketplace)
        except AmbiguousOrderError:  # a bare id on two marketplaces: both are new
            orders.extend(repo.orders_with_id(ref.order_id))
            continue
        if order is not None:
            orders.append(order)
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
    several = look is not None and look.several
    names = ", ".join(
        f"{o.customer_name} ({look.name(o.marketplace)})" if several and look else o.customer_name
        for o in orders[:3]
    )
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
