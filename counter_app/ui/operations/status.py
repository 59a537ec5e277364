"""Sync now, and the status bar's sync state as this till's store sees it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QCoreApplication

from counter_app.store.repository import Repository
from counter_app.ui.seams import SyncSource
from counter_app.ui.status_bar import CounterStatusBar, SyncView
from counter_app.ui.toast import Toast


def sync_now(sync: SyncSource, status: CounterStatusBar, toast: Toast) -> None:
    """Sync at once (F5), or say that there is nothing to sync with."""
    if sync.available:
        sync.sync_now()
        status.update_state(replace(status.state, running=True))
    else:
        text = QCoreApplication.translate("MainWindow", "Sync is not set up: open Set-up.")
        toast.show_message(text, "warn")


class StoreState(Protocol):
    """What the store says of the sync: its last success and the actions waiting."""

    @property
    def last_success_at(self) -> datetime | None: ...
    @property
    def pending_actions(self) -> int: ...


@dataclass(frozen=True)
class _ReadNow:
    last_success_at: datetime | None
    pending_actions: int


def store_accounts(repo: Repository, keys: Sequence[str]) -> dict[str, tuple[datetime | None, int]]:
    """Each account's last success and actions waiting in its lane, as the store says now
    (read for several accounts only: one account's are the shop's)."""
    out: dict[str, tuple[datetime | None, int]] = {}
    for key in keys if len(keys) > 1 else ():
        own = repo.for_marketplace(key)
        out[key] = (own.get_sync_state().last_success_at, own.count_pending_actions())
    return out


def local_sync_view(
    repo: Repository,
    available: bool,
    problems: int,
    base: SyncView | None = None,
    account_keys: Sequence[str] = (),
) -> SyncView:
    """`base` (the sync's last report) with the store's last success and waiting actions,
    read now (each account's too, when there are several)."""
    state = _ReadNow(repo.get_sync_state().last_success_at, repo.count_pending_actions())
    accounts = store_accounts(repo, account_keys)
    return with_store_state(base, state, problems=problems, available=available, accounts=accounts)


def with_store_state(
    base: SyncView | None,
    state: StoreState,
    *,
    problems: int,
    available: bool,
    accounts: dict[str, tuple[datetime | None, int]] | None = None,
) -> SyncView:
    """`base` with what the store says (read here or by a background refresh)."""
    view = base or SyncView(available=available)
    return replace(
        view,
        last_success_at=state.last_success_at or view.last_success_at,
        pending_actions=state.pending_actions,
        problems=problems,
        available=available,
        store_accounts=accounts or view.store_accounts,
    )
