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

    def reply(order_id: str, thread_id: str, text: str) -> None:
        try:
            queue_reply(window.repo, order_id, thread_id, text, window.settings.till_name)
        except ValueError as exc:
            window.toast.show_message(str(exc), "warn")
            return
        window.toast.show_message(
            QCoreApplication.translate("ThreadView", "Reply queued: it goes with the next sync."),
            "ok",
        )
        window.show_order(order_id)

    def switch(order_id: str, on: bool) -> None:
        ReminderStore(window.repo.db).set_reminders_off(order_id, not on)
        window.show_order(order_id)

    view.reply_requested.connect(reply)
    view.reminders_switched.connect(switch)
