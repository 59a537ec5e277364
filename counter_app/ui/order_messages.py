"""Wiring of the detail pane's customer section (threads, reply, reminders) to the store.

The window calls `connect(window)` once and `show(view, repo, order)` for each order shown;
the substance is in `ui/thread_view.py`, `store/threads.py`, `store/reminders.py`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.domain.orders import Order
from counter_app.store.reminders import ReminderStore
from counter_app.store.repository import Repository
from counter_app.store.threads import ThreadStore
from counter_app.sync.threads import queue_reply
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.thread_view import ThreadView


def show(view: ThreadView, repo: Repository, order: Order | None) -> None:
    """Fill the customer section for one order (nothing for none)."""
    if order is None:
        view.show_for(None, [], [])
        return
    reminders = ReminderStore(repo.db, order.marketplace)
    view.show_for(
        order,
        ThreadStore(repo.db).for_order(order.order_id, order.marketplace),
        reminders.for_order(order.order_id),
        reminders_on=not reminders.reminders_off(order.order_id),
    )


def connect(window: Any) -> None:
    """Staff's reply and the per-order reminder switch, from the window's detail pane."""
    view: ThreadView = window.detail.customer_messages

    def reply(ref: OrderRef, thread_id: str, text: str) -> None:
        # The order's own marketplace: the reply goes in its account's lane.
        repo = window.repo.for_marketplace(ref.marketplace) if ref.marketplace else window.repo
        try:
            queue_reply(repo, ref.order_id, thread_id, text, window.settings.till_name)
        except ValueError as exc:
            window.toast.show_message(str(exc), "warn")
            return
        window.toast.show_message(
            QCoreApplication.translate("ThreadView", "Reply queued: it goes with the next sync."),
            "ok",
        )
        window.show_order(ref)

    def switch(ref: OrderRef, on: bool) -> None:
        ReminderStore(window.repo.db, ref.marketplace).set_reminders_off(ref.order_id, not on)
        window.show_order(ref)

    view.reply_requested.connect(reply)
    view.reminders_switched.connect(switch)
