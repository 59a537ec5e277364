"""Qt signals around the plain-thread background sync, so widgets hear of it on the GUI thread.

`BackgroundSync` calls `on_status` from its worker thread; emitting a signal from there is
queued to receivers living in the GUI thread, so the window never waits for the network.

Each marketplace account syncs on its own and reports its own status (naming its account);
the bridge keeps the latest of each (`AccountStatuses`) and hands the window one `SyncView`
made of them all: each account's state for the status bar, and the shop-wide state (online
only when every account is) for everything that needs one flag.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from counter_app.ui.account_status import (
    AccountStatuses,
    AccountSyncView,
    account_view_from_status,
    combined_online,
    oldest_success,
)
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.seams import BackgroundLoop
from counter_app.ui.status_bar import SyncView

log = logging.getLogger(__name__)


def sync_view_from_status(
    status: object, accounts: tuple[AccountSyncView, ...] | None = None
) -> SyncView:
    """The sync engine's status object as the status bar's view of it (missing parts: none).

    With `accounts` (every account's latest state, this status's included) the shop-wide
    fields are all of them together; without, this status's account alone."""
    if accounts is None:
        accounts = (account_view_from_status(status),)
    errors = [
        f"{a.label}: {a.last_error}" if len(accounts) > 1 else a.last_error
        for a in accounts
        if a.last_error
    ]
    return SyncView(
        online=combined_online(accounts),
        last_success_at=oldest_success(accounts),
        pending_actions=sum(a.pending_actions for a in accounts),
        problems=int(getattr(status, "problems", 0) or 0),
        last_error="\n".join(errors),
        synced_by=str(getattr(status, "synced_by", "") or ""),
        server_unreachable=bool(getattr(status, "server_unreachable", False)),
        accounts=accounts,
    )


class SyncBridge(QObject):
    """Owns the background sync for the window; all its news arrives as signals."""

    status_changed = Signal(object)  # SyncView
    new_orders = Signal(list)  # OrderRefs of the orders seen for the first time
    data_changed = Signal()
    # Carries the raw status from the sync thread to the GUI thread.
    _relay = Signal(object)

    def __init__(
        self,
        background: BackgroundLoop | None = None,
        parent: QObject | None = None,
        factory: Callable[[SyncBridge], BackgroundLoop | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.background = background
        # Builds a background sync for the current settings (None: no marketplace set up).
        self.factory = factory
        self.statuses = AccountStatuses()  # the latest status of each account
        self._relay.connect(self._on_status_gui, type=Qt.ConnectionType.QueuedConnection)

    @property
    def available(self) -> bool:
        return self.background is not None

    def attach(self, background: BackgroundLoop | None) -> None:
        self.background = background

    def on_status(self, status: object) -> None:
        """Called by `BackgroundSync` on its own thread: hand over to the GUI thread."""
        self._relay.emit(status)

    @Slot(object)
    def _on_status_gui(self, status: object) -> None:
        accounts = self.statuses.record(account_view_from_status(status))
        self.status_changed.emit(sync_view_from_status(status, accounts))
        ids = list(getattr(status, "new_order_ids", None) or [])
        # The account that brought them (None before syncs named theirs: the id alone).
        key = str(getattr(status, "marketplace", "") or "") or None
        # A fresh install's first download brings the whole backlog: no toast for each order.
        if ids and not getattr(status, "initial", False):
            self.new_orders.emit([OrderRef(str(i), key) for i in ids])
        self.data_changed.emit()

    def rebuild(self) -> None:
        """The marketplace settings changed: stop the old sync, start one on the new settings.

        Without this, a key or address entered in the set-up dialog would only be used after
        a restart, and a first set-up would leave the till offline all day.
        """
        if self.factory is None:
            return
        self.statuses.forget()  # accounts may have been added or removed
        if self.background is not None:
            # Runs on the GUI thread: ask the old loop to end but do not wait for a request
            # that may hang for its whole read timeout. An action it leaves in flight is
            # settled against the marketplace by the new engine, never sent twice.
            try:
                self.background.stop(timeout=0.2)
            except Exception as exc:
                log.warning("stopping sync failed: %s", exc)
        self.background = self.factory(self)
        self.start()
        self.sync_now()

    def start(self) -> None:
        if self.background is not None:
            self.background.start()

    def stop(self) -> None:
        if self.background is not None:
            try:
                self.background.stop()
            except Exception as exc:  # closing the window must never hang on sync
                log.warning("stopping sync failed: %s", exc)

    def sync_now(self) -> None:
        if self.background is not None:
            self.background.sync_now()

    def upload_soon(self) -> None:
        if self.background is not None:
            self.background.upload_soon()
