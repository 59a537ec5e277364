"""Reminders, from the schedule to the customer: queue the ones due, send them, settle doubts.

`ReminderScheduler.run` is called at the start of every sync cycle (so also at the first
cycle after a start: a day the app was closed is caught up then, once). It queues each due
reminder with its text as an outbox `remind` action. The engine sends it: a reply (M12) on the
order's kept thread (the ready message's), else a new thread (OR43). A reminder whose order
was collected, cancelled or switched off meanwhile is withdrawn, never sent. One whose answer
was lost (a kill, a timeout) is looked up in the order's threads before it is sent again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.pickup_window import collect_by, local_day
from counter_app.domain.reminders import (
    first_name,
    parse_reminder_days,
    plan_reminders,
    render_template,
    template_for,
)
from counter_app.domain.stages import Stage
from counter_app.marketplace.connector import MarketplaceConnector
from counter_app.settings import Settings
from counter_app.store.outbox import OutboxAction
from counter_app.store.reminders import SENT, WITHDRAWN, ReminderStore
from counter_app.store.repository import Repository
from counter_app.store.types import utcnow

log = logging.getLogger(__name__)

WITHDRAWN_NOT_READY = "not sent: the order is {stage} now"
WITHDRAWN_SWITCHED_OFF = "not sent: reminders were switched off"
SKIPPED_WINDOW_OVER = "not sent: the collect-by day was over"
# Days missed with the app closed: the customer gets the most relevant reminder (the latest
# due), not two in one go; the others are kept in the history with this note.
SKIPPED_SUPERSEDED = "not sent: missed while the app was closed; the {key} reminder went instead"


def placeholder_values(
    order: Order, settings: Settings, collect_by_day: date | None
) -> dict[str, str]:
    """What each template placeholder stands for, for one order."""
    return {
        "first_name": first_name(order.customer_name),
        "shop_name": settings.shop_name,
        "address": settings.shop_address,
        "opening_hours": settings.opening_hours,
        "pickup_code": format_pickup_code(order.pickup_code) if order.pickup_code else "",
        "collect_by": collect_by_day.strftime("%d/%m/%Y") if collect_by_day else "",
    }


def compose(order: Order, settings: Settings, collect_by_day: date | None) -> tuple[str, str]:
    """Subject and body of a reminder, in the shop's reminder language."""
    language = settings.reminder_language
    subject_t, body_t = template_for(
        language,
        getattr(settings, f"reminder_subject_{language}", ""),
        getattr(settings, f"reminder_body_{language}", ""),
    )
    values = placeholder_values(order, settings, collect_by_day)
    return render_template(subject_t, values), render_template(body_t, values)


class ReminderScheduler:
    """Queues the reminders due today (by the injected clock), each once."""

    def __init__(
        self,
        repo: Repository,
        settings: Settings,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self.store = ReminderStore(repo.db, repo.marketplace)

    def run(self) -> int:
        """Queue what is due; returns how many reminders were queued."""
        if not self.settings.reminders_enabled:
            return 0
        specs = parse_reminder_days(self.settings.reminder_days)
        if not specs:
            return 0
        now = self.clock()
        today = local_day(now)
        queued = 0
        for candidate in self.store.candidates():
            order = candidate.order
            if order.ready_at is None:
                continue
            ready_day = local_day(order.ready_at)
            last_day = collect_by(order.ready_at, self.settings.pickup_days)
            assert last_day is not None
            plan = plan_reminders(specs, ready_day, last_day, today, candidate.done)
            skipped = [(spec.key, spec.day(ready_day, last_day)) for spec in plan.skip]
            if plan.send is None:
                self.store.skip_only(order.order_id, skipped, SKIPPED_WINDOW_OVER)
                continue
            subject, body = compose(order, self.settings, last_day)
            assert plan.send_on is not None
            if self.store.queue(
                order.order_id,
                plan.send.key,
                plan.send_on,
                subject,
                body,
                skip=skipped,
                skip_note=SKIPPED_SUPERSEDED.format(key=plan.send.key),
                till=self.settings.till_name,
                now=now,
            ):
                queued += 1
                log.info("reminder %s queued for order %s", plan.send.key, order.order_id)
        return queued


def withdraw_reason(repo: Repository, settings: Settings, action: OutboxAction) -> str:
    """Why a queued reminder must not go (order collected, cancelled, switched off), or ""."""
    order = repo.get_order(action.order_id)
    if order is None:
        return WITHDRAWN_NOT_READY.format(stage="gone")
    if order.stage is not Stage.READY:
        return WITHDRAWN_NOT_READY.format(stage=order.stage.value.replace("_", " "))
    store = ReminderStore(repo.db, repo.marketplace)
    if not settings.reminders_enabled or store.reminders_off(action.order_id):
        return WITHDRAWN_SWITCHED_OFF
    return ""


def withdraw(repo: Repository, action: OutboxAction, reason: str) -> None:
    key = str(action.payload.get("reminder_key") or "")
    ReminderStore(repo.db, repo.marketplace).finish(action.order_id, key, WITHDRAWN, reason)


def send_reminder(connector: MarketplaceConnector, repo: Repository, action: OutboxAction) -> None:
    """Send one reminder: M12 on the kept thread, else OR43 (whose thread is then kept)."""
    order = repo.require_order(action.order_id)
    subject = str(action.payload.get("subject") or "")
    body = str(action.payload.get("body") or "")
    if order.thread_id:
        connector.reply_to_thread(order.thread_id, body)
        thread_id = order.thread_id
    else:
        sent = connector.create_order_thread(action.order_id, subject, body)
        thread_id = sent.thread_id
        repo.set_thread_id(action.order_id, thread_id)
    key = str(action.payload.get("reminder_key") or "")
    ReminderStore(repo.db, repo.marketplace).finish(
        action.order_id, key, SENT, f"thread {thread_id}"
    )


def reminder_landed(
    connector: MarketplaceConnector, repo: Repository, action: OutboxAction
) -> bool:
    """Whether a reminder whose answer was lost reached the customer (found in a thread)."""
    body = str(action.payload.get("body") or "").strip()
    for thread in connector.list_threads(order_id=action.order_id):
        for message in thread.messages:
            if message.from_shop and message.body.strip() == body:
                order = repo.get_order(action.order_id)
                if order is not None and not order.thread_id:
                    repo.set_thread_id(action.order_id, thread.thread_id)
                key = str(action.payload.get("reminder_key") or "")
                ReminderStore(repo.db, repo.marketplace).finish(
                    action.order_id, key, SENT, f"thread {thread.thread_id}"
                )
                return True
    return False
