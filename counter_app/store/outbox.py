"""The outbox: local actions queued for the marketplace, from insert to sent or parked.

Rows are written by `queue_action`, inside the transaction of the local effect they carry
(see `store/local_actions.py`); the sync engine then reads and moves them through `Outbox`.

A row goes pending → in_flight (just before it is sent) → sent, or back to pending with a
later `next_attempt_at`, or to failed (parked with its reason, for the owner to see). A row
left in_flight by a crash or a lost answer means "outcome unknown": the engine checks the
marketplace before sending it again. `retry_kind` says why a row waits: "network" rows are made
due at once when the link is back (`release_network_waits`), "rate_limited" ones keep the time
the marketplace asked for.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, true, update
from sqlalchemy.orm import Session

from counter_app.accounts import LEGACY_KEY
from counter_app.store.database import Database
from counter_app.store.models import OutboxRow
from counter_app.store.types import utcnow

PENDING = "pending"
IN_FLIGHT = "in_flight"
SENT = "sent"
FAILED = "failed"

NETWORK = "network"
RATE_LIMITED = "rate_limited"

WAITING = (PENDING, IN_FLIGHT)  # not delivered yet


@dataclass(frozen=True)
class OutboxAction:
    """One queued local action, as the sync engine sees it."""

    id: int
    order_id: str
    action: str
    payload: dict[str, Any]
    created_at: datetime
    till: str
    attempts: int
    state: str
    last_error: str
    sent_at: datetime | None = None
    next_attempt_at: datetime | None = None
    retry_kind: str = ""
    marketplace: str = LEGACY_KEY


def queue_action(
    s: Session,
    order_pk: int,
    order_id: str,
    action: str,
    payload: dict[str, Any],
    till: str,
    at: datetime,
    marketplace: str = LEGACY_KEY,
) -> OutboxRow:
    """Add one pending action in the caller's transaction (committed with its local effect).

    `at` is the action's own time, kept as it is whatever the delay before it is sent.
    `marketplace` is its lane: the account of its order, the only one that sends it.
    The row is flushed, so its id is known.
    """
    row = OutboxRow(
        order_pk=order_pk,
        order_id=order_id,
        marketplace=marketplace,
        action=action,
        payload=json.dumps(payload, sort_keys=True),
        created_at=at,
        till=till,
        state=PENDING,
    )
    s.add(row)
    s.flush()
    return row


def count_waiting(s: Session, lane: str | None = None) -> int:
    """How many actions are not delivered yet (pending or in flight), in `lane` if given."""
    query = select(func.count()).select_from(OutboxRow).where(OutboxRow.state.in_(WAITING))
    if lane is not None:
        query = query.where(OutboxRow.marketplace == lane)
    return s.scalar(query) or 0


def has_any(s: Session) -> bool:
    """Whether any action was ever queued (delivered or not)."""
    return s.scalar(select(OutboxRow.id).limit(1)) is not None


def _action(row: OutboxRow) -> OutboxAction:
    try:
        payload = json.loads(row.payload or "{}")
    except ValueError:
        payload = {}
    return OutboxAction(
        id=row.id,
        order_id=row.order_id,
        action=row.action,
        payload=payload if isinstance(payload, dict) else {},
        created_at=row.created_at,
        till=row.till,
        attempts=row.attempts,
        state=row.state,
        last_error=row.last_error,
        sent_at=row.sent_at,
        next_attempt_at=row.next_attempt_at,
        retry_kind=row.retry_kind or "",
        marketplace=row.marketplace,
    )


class Outbox:
    """The outbox table seen through the operations the sync engine needs.

    With a `lane` (a marketplace account key) it is that account's actions only: each
    account's sync sends, counts and releases its own, so a marketplace that is down or
    rate-limited never holds back another's. Without one it is every action (the window's
    counts, `db check`).
    """

    def __init__(self, db: Database, lane: str | None = None) -> None:
        self.db = db
        self.lane = lane

    def _lane(self) -> Any:
        """The WHERE term of this lane (true for all lanes)."""
        if self.lane is None:
            return true()
        return OutboxRow.marketplace == self.lane

    def due(self, now: datetime | None = None, limit: int = 200) -> list[OutboxAction]:
        """Pending or in-flight actions whose time has come, oldest first.

        An action waits while an older undelivered action of the same order is not due yet:
        the customer must not get "collected" before "ready".
        """
        now = now or utcnow()
        with self.db.session() as s:
            rows = s.scalars(
                select(OutboxRow)
                .where(OutboxRow.state.in_((PENDING, IN_FLIGHT)), self._lane())
                .order_by(OutboxRow.id)
            ).all()
            blocked: set[str] = set()
            due: list[OutboxAction] = []
            for row in rows:
                if row.order_id in blocked:
                    continue
                if row.next_attempt_at is not None and row.next_attempt_at > now:
                    blocked.add(row.order_id)
                    continue
                due.append(_action(row))
                if len(due) >= limit:
                    break
            return due

    def get(self, action_id: int) -> OutboxAction | None:
        with self.db.session() as s:
            row = s.get(OutboxRow, action_id)
            return _action(row) if row else None

    def all(self, states: Iterable[str] = ()) -> list[OutboxAction]:
        with self.db.session() as s:
            query = select(OutboxRow).where(self._lane()).order_by(OutboxRow.id)
            wanted = list(states)
            if wanted:
                query = query.where(OutboxRow.state.in_(wanted))
            return [_action(r) for r in s.scalars(query)]

    def _set(self, action_id: int, **values: Any) -> None:
        with self.db.session() as s:
            s.execute(update(OutboxRow).where(OutboxRow.id == action_id).values(**values))

    def mark_in_flight(self, action_id: int) -> None:
        """Committed before the request leaves, so a crash leaves 'outcome unknown' behind."""
        with self.db.session() as s:
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == action_id)
                .values(state=IN_FLIGHT, attempts=OutboxRow.attempts + 1)
            )

    def claim(self, action: OutboxAction) -> bool:
        """Take this action for sending: in flight, one more attempt, committed at once.

        The row is locked with `FOR UPDATE SKIP LOCKED` (PostgreSQL; SQLite's write lock
        serialises anyway) and taken only if nobody touched it since `due()` read it, so two
        tills that both saw it waiting never both send it: the second finds it taken.
        """
        with self.db.session() as s:
            found = s.scalar(
                select(OutboxRow.id)
                .where(
                    OutboxRow.id == action.id,
                    OutboxRow.state == action.state,
                    OutboxRow.attempts == action.attempts,
                )
                .with_for_update(skip_locked=True)
            )
            if found is None:
                return False
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == action.id)
                .values(state=IN_FLIGHT, attempts=OutboxRow.attempts + 1)
            )
        return True

    def mark_sent(self, action_id: int, note: str = "") -> None:
        self._set(
            action_id,
            state=SENT,
            sent_at=utcnow(),
            last_error=note,
            next_attempt_at=None,
            retry_kind="",
        )

    def reschedule(
        self,
        action_id: int,
        when: datetime,
        error: str,
        *,
        outcome_unknown: bool = False,
        kind: str = "",
    ) -> None:
        """Try again at `when`; `outcome_unknown` keeps it in flight (check before resending)."""
        self._set(
            action_id,
            state=IN_FLIGHT if outcome_unknown else PENDING,
            next_attempt_at=when,
            last_error=error,
            retry_kind=kind,
        )

    def park(self, action_id: int, reason: str) -> None:
        """Give up: the marketplace will not take it as it is; the owner sees the reason."""
        self._set(action_id, state=FAILED, last_error=reason, next_attempt_at=None, retry_kind="")

    def retry(self, action_id: int) -> None:
        """The owner asks to try a parked action again."""
        self._set(action_id, state=PENDING, next_attempt_at=None, retry_kind="")

    def release_network_waits(self, now: datetime | None = None) -> int:
        """The link is back: actions that failed on the network are due now. Returns how many."""
        return self._release(OutboxRow.retry_kind == NETWORK, now)

    def release_all_but_rate_limited(self, now: datetime | None = None) -> int:
        """An explicit sync: every waiting action is due now, but those a 429 holds back."""
        return self._release(OutboxRow.retry_kind != RATE_LIMITED, now)

    def _release(self, which: Any, now: datetime | None) -> int:
        now = now or utcnow()
        with self.db.session() as s:
            result = s.execute(
                update(OutboxRow)
                .where(
                    OutboxRow.state.in_((PENDING, IN_FLIGHT)),
                    which,
                    OutboxRow.next_attempt_at > now,
                    self._lane(),
                )
                .values(next_attempt_at=now)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    def has_action(self, order_id: str, action: str, states: Iterable[str]) -> bool:
        """Whether the order has an action of this kind in one of these states."""
        with self.db.session() as s:
            found = s.scalar(
                select(OutboxRow.id)
                .where(
                    OutboxRow.order_id == order_id,
                    OutboxRow.action == action,
                    OutboxRow.state.in_(list(states)),
                    self._lane(),
                )
                .limit(1)
            )
            return found is not None

    def order_ids_waiting(self, actions: Iterable[str]) -> set[str]:
        """Orders with one of these actions not yet delivered (pending or in flight)."""
        with self.db.session() as s:
            rows = s.execute(
                select(OutboxRow.order_id).where(
                    OutboxRow.state.in_((PENDING, IN_FLIGHT)),
                    OutboxRow.action.in_(list(actions)),
                    self._lane(),
                )
            )
            return {r[0] for r in rows}

    def waiting_count(self) -> int:
        """How many actions are not delivered yet (pending or in flight)."""
        with self.db.session() as s:
            return count_waiting(s, self.lane)

    def counts(self) -> dict[str, int]:
        """Actions per state, every state present (0 when none)."""
        counts = {PENDING: 0, IN_FLIGHT: 0, SENT: 0, FAILED: 0}
        with self.db.session() as s:
            for state, n in s.execute(
                select(OutboxRow.state, func.count()).where(self._lane()).group_by(OutboxRow.state)
            ):
                counts[state] = n
        return counts

    def next_retry_at(self, now: datetime | None = None) -> datetime | None:
        """The earliest scheduled retry still in the future (None: none scheduled).

        Pending actions due now were tried by the cycle that just ran, or wait behind an older
        action of their order: neither calls for an earlier wake-up. An in-flight one due now
        (its answer was lost) does: it is checked at the next cycle.
        """
        now = now or utcnow()
        with self.db.session() as s:
            return s.scalar(
                select(func.min(OutboxRow.next_attempt_at)).where(
                    OutboxRow.state.in_((PENDING, IN_FLIGHT)),
                    (OutboxRow.next_attempt_at > now) | (OutboxRow.state == IN_FLIGHT),
                    self._lane(),
                )
            )

    def next_due_at(self) -> datetime | None:
        """When the earliest waiting action becomes due (None: nothing waits)."""
        with self.db.session() as s:
            rows = s.execute(
                select(OutboxRow.next_attempt_at).where(
                    OutboxRow.state.in_((PENDING, IN_FLIGHT)), self._lane()
                )
            ).all()
        if not rows:
            return None
        times = [r[0] for r in rows if r[0] is not None]
        if len(times) < len(rows):  # one is due now
            return utcnow()
        return min(t for t in times if t is not None)
