"""Wiring of the detail pane's customer section (threads, reply, reminders) to the store.

The window calls `connect(window)` once and `show(view, repo, order)` for each order shown
(`read_section` is the store half, for a read off the GUI thread);
the substance is in `ui/thread_view.py`, `store/threads.py`, `store/reminders.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication

from counter_app.domain.customer_threads import CustomerThread
from counter_app.domain.orders import Order
from counter_app.store.reminders import ReminderRecord, ReminderStore
from counter_app.store.repository import Repository
from counter_app.store.threads import ThreadStore
from counter_app.sync.threads import queue_reply
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.thread_view import ThreadView


@dataclass(frozen=True)
class CustomerSection:
    """What the customer section shows for one order, read from the store in one go (by a
    background refresh on the worker pool, or on the spot when staff pick an order)."""

    threads: list[CustomerThread] = field(default_factory=list)
    reminders: list[ReminderRecord] = field(default_factory=list)
    reminders_on: bool = True


def read_section(repo: Repository, order: Order | None) -> CustomerSection:
    """The order's threads and reminders (touches no widget: safe on a worker thread)."""
    if order is None:
        return CustomerSection()
    reminders = ReminderStore(repo.db, order.marketplace)
    return CustomerSection(
        ThreadStore(repo.db).for_order(order.order_id, order.marketplace),
        reminders.for_order(order.order_id),
        reminders_on=not reminders.reminders_off(order.order_id),
    )


def show(
    view: ThreadView,
    repo: Repository,
    order: Order | None,
    section: CustomerSection | None = None,
) -> None:
    """Fill the customer section for one order (nothing for none); `section`, when given,
    was read with a background refresh and is shown without a query."""
    if section is None:
        section = read_section(repo, order)
    view.show_for(order, section.threads, section.reminders, reminders_on=section.reminders_on)


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
