"""Sync bookkeeping per resource: the marketplace-clock watermark and the last outcome.

`SYNC_RESOURCE` names the shop's orders; the sync engine, the scan service's offline check
and the window's status all read the same row through it. Each marketplace account has its
own rows (`resource_for`): its watermark and last outcome are its own. The first account
(`main`) keeps the plain names it had when the shop had one marketplace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from counter_app.accounts import LEGACY_KEY
from counter_app.store.database import Database
from counter_app.store.models import SyncStateRow

SYNC_RESOURCE = "orders"


def resource_for(marketplace: str | None, base: str = SYNC_RESOURCE) -> str:
    """The sync-state row of `base` ("orders", "threads") for one marketplace account."""
    if marketplace in (None, LEGACY_KEY) or ":" in base:
        return base
    return f"{base}:{marketplace}"


@dataclass
class SyncState:
    """Bookkeeping for one synced resource (the engine updates it, then saves it)."""

    resource: str
    watermark: datetime | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    last_error: str


def load_sync_state(db: Database, resource: str = SYNC_RESOURCE) -> SyncState:
    """The stored state, or a blank one for a resource never synced."""
    with db.session() as s:
        row = s.get(SyncStateRow, resource)
        if row is None:
            return SyncState(resource, None, None, None, "")
        return SyncState(
            resource, row.watermark, row.last_success_at, row.last_attempt_at, row.last_error
        )


def save_sync_state(db: Database, state: SyncState) -> None:
    with db.session() as s:
        row = s.get(SyncStateRow, state.resource) or SyncStateRow(resource=state.resource)
        row.watermark = state.watermark
        row.last_success_at = state.last_success_at
        row.last_attempt_at = state.last_attempt_at
        row.last_error = state.last_error
        s.add(row)
