"""The reminders table: which reminder of which order is queued, sent, skipped or withdrawn.

A reminder is queued with its outbox action (`remind`) in one transaction, under the unique
(order, reminder key) index: whichever till runs the schedule, and however often (every sync,
every start), a reminder is queued once. The text is kept as it was queued, for the history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.store.database import Database
from counter_app.store.models import OrderRow, OutboxRow, ReminderRow
from counter_app.store.order_scope import find_order_row
from counter_app.store.repository import OrderNotFoundError, order_from_row
from counter_app.store.types import utcnow

QUEUED = "queued"
SENT = "sent"
SKIPPED = "skipped"  # never sent: superseded by a later one, or its day made no sense
WITHDRAWN = "withdrawn"  # queued, then the order was collected or cancelled before it went

REMIND_ACTION = "remind"


@dataclass(frozen=True)
class ReminderRecord:
    """One reminder of an order, for the detail pane, the CLI and the daily list."""

    order_id: str
    key: str
    due_on: date
    state: str
    subject: str
    body: str
    note: str
    created_at: datetime
    sent_at: datetime | None


@dataclass
class ReminderCandidate:
    """A ready order that may get a reminder, with the reminder keys already dealt with."""

    order: Order
    done: set[str] = field(default_factory=set)


def _record(row: ReminderRow) -> ReminderRecord:
    return ReminderRecord(
        order_id=row.order_id,
        key=row.reminder_key,
        due_on=row.due_on,
        state=row.state,
        subject=row.subject,
        body=row.body,
        note=row.note,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )


class ReminderStore:
    """Reads and writes of reminders, each in its own short transaction.

    With a `marketplace` (an account key) it is that account's orders' reminders: each
    account's sync queues and sends its own.
    """

    def __init__(self, db: Database, marketplace: str | None = None) -> None:
        self.db = db
        self.marketplace = marketplace

    def _pk(self, s: Any, order_id: str) -> int | None:
        row = find_order_row(s, order_id, self.marketplace)
        return row.id if row is not None else None

    def candidates(self) -> list[ReminderCandidate]:
        """Ready orders with a ready time and reminders on, with their reminders so far."""
        with self.db.session() as s:
            query = select(OrderRow).where(
                OrderRow.stage == Stage.READY.value,
                OrderRow.ready_at.is_not(None),
                OrderRow.reminders_off.is_(False),
            )
            if self.marketplace is not None:
                query = query.where(OrderRow.marketplace == self.marketplace)
            rows = list(s.scalars(query.order_by(OrderRow.ready_at, OrderRow.id)))
            out = {row.id: ReminderCandidate(order_from_row(row)) for row in rows}
            pks = list(out)
            for start in range(0, len(pks), 500):
                chunk = pks[start : start + 500]
                for order_pk, key in s.execute(
                    select(ReminderRow.order_pk, ReminderRow.reminder_key).where(
                        ReminderRow.order_pk.in_(chunk)
                    )
                ):
                    out[order_pk].done.add(key)
            return list(out.values())

    def queue(
        self,
        order_id: str,
        key: str,
        due_on: date,
        subject: str,
        body: str,
        *,
        skip: Sequence[tuple[str, date]] = (),
        skip_note: str = "superseded by a later reminder",
        till: str = "",
        now: datetime | None = None,
    ) -> bool:
        """Queue one reminder and its outbox action; record the `skip`ped ones with it.

        False when nothing was queued: the order is no longer ready, its reminders were
        switched off, or this reminder was already queued (by another till, or before a
        restart).
        """
        moment = now or utcnow()
        try:
            with self.db.write_session() as s:
                row = find_order_row(s, order_id, self.marketplace, for_update=True)
                if row is None or row.stage != Stage.READY.value or row.reminders_off:
                    return False
                for skipped_key, skipped_on in skip:
                    s.add(
                        ReminderRow(
                            order_pk=row.id,
                            order_id=order_id,
                            reminder_key=skipped_key,
                            due_on=skipped_on,
                            state=SKIPPED,
                            note=skip_note,
                            created_at=moment,
                        )
                    )
                outbox = OutboxRow(
                    order_pk=row.id,
                    order_id=order_id,
                    marketplace=row.marketplace,
                    action=REMIND_ACTION,
                    payload=json.dumps(
                        {"reminder_key": key, "subject": subject, "body": body}, sort_keys=True
                    ),
                    created_at=moment,
                    till=till,
                    state="pending",
                )
                s.add(outbox)
                s.flush()
                s.add(
                    ReminderRow(
                        order_pk=row.id,
                        order_id=order_id,
                        reminder_key=key,
                        due_on=due_on,
                        state=QUEUED,
                        outbox_id=outbox.id,
                        subject=subject,
                        body=body,
                        note="",
                        created_at=moment,
                    )
                )
        except IntegrityError as exc:
            if "reminders" not in str(exc.orig) and "reminder_key" not in str(exc.orig):
                raise
            return False  # queued already: the unique index says so
        return True

    def skip_only(self, order_id: str, skip: Sequence[tuple[str, date]], note: str) -> None:
        """Record reminders that will never be sent (their day is past the collect-by day)."""
        if not skip:
            return
        try:
            with self.db.write_session() as s:
                pk = self._pk(s, order_id)
                if pk is None:
                    return
                for key, on in skip:
                    s.add(
                        ReminderRow(
                            order_pk=pk,
                            order_id=order_id,
                            reminder_key=key,
                            due_on=on,
                            state=SKIPPED,
                            note=note,
                            created_at=utcnow(),
                        )
                    )
        except IntegrityError:
            return  # recorded already

    def finish(self, order_id: str, key: str, state: str, note: str = "") -> None:
        """Record how a queued reminder ended: sent, or withdrawn with the reason."""
        values: dict[str, object] = {"state": state, "note": note}
        if state == SENT:
            values["sent_at"] = utcnow()
        with self.db.session() as s:
            pk = self._pk(s, order_id)
            s.execute(
                update(ReminderRow)
                .where(ReminderRow.order_pk == pk, ReminderRow.reminder_key == key)
                .values(**values)
            )

    def for_order(self, order_id: str) -> list[ReminderRecord]:
        """The order's reminders, in the order of their days."""
        with self.db.session() as s:
            pk = self._pk(s, order_id)
            rows = s.scalars(
                select(ReminderRow)
                .where(ReminderRow.order_pk == pk)
                .order_by(ReminderRow.due_on, ReminderRow.id)
            )
            return [_record(r) for r in rows]

    def sent_counts(self, order_ids: Iterable[str]) -> dict[str, int]:
        """How many reminders each order got (sent ones only)."""
        ids = list(order_ids)
        counts: dict[str, int] = dict.fromkeys(ids, 0)
        with self.db.session() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                query = select(ReminderRow.order_id, func.count()).where(
                    ReminderRow.order_id.in_(chunk), ReminderRow.state == SENT
                )
                if self.marketplace is not None:
                    query = query.join(OrderRow, OrderRow.id == ReminderRow.order_pk).where(
                        OrderRow.marketplace == self.marketplace
                    )
                for order_id, n in s.execute(query.group_by(ReminderRow.order_id)):
                    counts[order_id] = n
        return counts

    def set_reminders_off(self, order_id: str, off: bool) -> None:
        """The per-order switch."""
        with self.db.session() as s:
            row = find_order_row(s, order_id, self.marketplace)
            if row is None:
                raise OrderNotFoundError(f"no order {order_id!r} in the local store")
            row.reminders_off = off

    def reminders_off(self, order_id: str) -> bool:
        with self.db.session() as s:
            row = find_order_row(s, order_id, self.marketplace)
            if row is None:
                raise OrderNotFoundError(f"no order {order_id!r} in the local store")
            return bool(row.reminders_off)
