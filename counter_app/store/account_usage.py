"""What a marketplace account still has in the store, asked before it is removed at set-up.

Waiting actions (pending or in flight in its outbox lane) would never reach the marketplace
once the account is gone, so the set-up refuses the removal; ready orders on the shelf are a
warning (their collection would no longer be reported). Orders and actions carry the account's
key in their `marketplace` column.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from counter_app.domain.stages import Stage
from counter_app.store.models import OrderRow, OutboxRow
from counter_app.store.outbox import WAITING
from counter_app.store.repository import Repository


@dataclass(frozen=True)
class AccountUsage:
    """One account's waiting outbox actions and its orders ready on the shelf."""

    waiting_actions: int
    ready_orders: int

    @property
    def in_use(self) -> bool:
        return bool(self.waiting_actions or self.ready_orders)


def account_usage(repo: Repository, account_key: str) -> AccountUsage:
    """Count, in one short read, what the account `account_key` still has."""
    with repo.db.session() as s:
        waiting = s.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.marketplace == account_key, OutboxRow.state.in_(WAITING))
        )
        ready = s.scalar(
            select(func.count())
            .select_from(OrderRow)
            .where(OrderRow.marketplace == account_key, OrderRow.stage == Stage.READY.value)
        )
    return AccountUsage(waiting_actions=waiting or 0, ready_orders=ready or 0)
