"""Keeping the window up to date: tab counts, the list and the status bar, read again after a
local action (at once) or a sync and the clock (on the worker pool); the sync's own status
and its new orders (toast, sound and tray).

Mixed into `MainWindow`, which provides the attributes used; the reads themselves are the
order list panel's (`OrderListPanel.request_refresh`, `apply_refresh`) and `list_refresh`'s.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QSystemTrayIcon

from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui import live_updates
from counter_app.ui.list_refresh import RefreshResult, read_refresh
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.operations.notices import announce, new_orders_message
from counter_app.ui.operations.status import local_sync_view, sync_now, with_store_state
from counter_app.ui.order_list_panel import OrderListPanel
from counter_app.ui.order_ref import OrderLike
from counter_app.ui.seams import SyncSource
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.status_bar import CounterStatusBar, SyncView
from counter_app.ui.toast import Toast
from counter_app.ui.workers import WorkerPool


class WindowRefresh:
    """The window's refreshes and sync slots; the window provides the attributes used."""

    repo: Repository
    settings: Settings
    lists: OrderListPanel
    status: CounterStatusBar
    sync: SyncSource
    workers: WorkerPool
    toast: Toast
    sounds: SoundPlayer
    tray: QSystemTrayIcon | None
    tab_counts: dict[str, int]  # the counts last shown (the status bar's problems)
    _closed: bool  # the window is closed: results still arriving are dropped

    # ---- refreshes ------------------------------------------------------------------------
    @tolerate_server_loss
    def refresh_counts(self) -> None:
        self.tab_counts = self.lists.refresh_counts()

    @tolerate_server_loss
    def refresh_all(self) -> None:
        """After a local action: counts, the list, the detail, the status bar, read now."""
        self.refresh_counts()
        self.lists.refresh()
        self.status.update_state(self._local_sync_view(self.status.state))

    def refresh_in_background(self, with_list: bool = True) -> None:
        """After a sync (or as the clock moves): the same reads, on the worker pool."""
        request = self.lists.request_refresh(with_list)
        delay = self.settings.acceptance_delay_hours
        failed = live_updates.refresh_failed_for(self)
        self.workers.submit(
            lambda: read_refresh(self.repo, delay, request), self._refreshed, failed
        )

    def _refreshed(self, result: RefreshResult) -> None:
        if self._closed or not self.lists.apply_refresh(result):
            return  # the window is gone, or newer refreshes are on their way
        if self.lists.counts is not result.counts:
            return  # only its list was still the newest
        self.tab_counts = result.counts
        problems = result.counts.get("problems", 0)
        available = self.sync.available
        state = with_store_state(
            self.status.state,
            result,
            problems=problems,
            available=available,
            accounts=result.accounts,
        )
        self.status.update_state(state)

    # ---- sync -----------------------------------------------------------------------------
    def sync_now(self) -> None:
        sync_now(self.sync, self.status, self.toast)

    def _local_sync_view(self, base: SyncView | None = None) -> SyncView:
        problems = self.tab_counts.get("problems", 0)
        keys = self.lists.account_keys()
        return local_sync_view(self.repo, self.sync.available, problems, base, keys)

    def _sync_status(self, view: SyncView) -> None:
        self.status.update_state(replace(view, available=True))

    @tolerate_server_loss
    def notify_new_orders(self, new: list[OrderLike]) -> None:
        """New orders from a sync (their refs): read on the worker pool, then toast, sound
        and tray."""
        delay, repo, look = self.settings.acceptance_delay_hours, self.repo, self.lists.look
        self.workers.submit(lambda: new_orders_message(repo, new, delay, look), self._announce)

    def _announce(self, message: str) -> None:
        if not self._closed:
            announce(message, self.toast, self.sounds, self.tray)
