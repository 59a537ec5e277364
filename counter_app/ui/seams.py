"""What the window needs of the services it is given: the scan service, the printer, the sync.

The window takes these at construction so tests can hand it stand-ins (a recording printer,
a scan service on a test store); these Protocols say what a stand-in must offer, and the
type checker holds the real `ScanService`, `PrintBridge` and `BackgroundSync` to the same.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import SignalInstance

from counter_app.domain.orders import Order
from counter_app.domain.scan import BagCheck, ScanResult

if TYPE_CHECKING:  # the store only for the type: the window reaches it through AppContext
    from counter_app.store.repository import Repository


class ScanChecker(Protocol):
    """Resolves scans, confirms hand-overs and checks bag slips (`store.scan_service`)."""

    def resolve(self, text: str) -> ScanResult: ...

    def confirm(self, order_id: str, marketplace: str | None = None) -> ScanResult: ...

    def check_bag(
        self, customer_order_id: str, slip_text: str, marketplace: str | None = None
    ) -> BagCheck: ...

    def is_offline(self) -> bool: ...


class Printer(Protocol):
    """Prints an order's documents and the daily list; returns the printer used."""

    def print_document(self, kind: str, order: Order) -> str: ...

    def print_daily_list(self, repo: Repository, day: date | None = None) -> str: ...


class BackgroundLoop(Protocol):
    """The sync loop running beside the window (`sync.background.BackgroundSync`)."""

    def start(self) -> None: ...

    def stop(self, timeout: float = ...) -> None: ...

    def sync_now(self) -> None: ...

    def upload_soon(self) -> None: ...


class SyncSource(Protocol):
    """The background sync as the window sees it (`counter_app.ui.sync_bridge.SyncBridge`):
    its news arrives as signals on the GUI thread. Printing is called on a worker thread
    (`ui.operations.printing`): a `Printer` may take as long as the printer does."""

    status_changed: SignalInstance  # a SyncView
    new_orders: SignalInstance  # marketplace order ids seen for the first time
    data_changed: SignalInstance  # the store changed: lists to refresh

    @property
    def available(self) -> bool: ...

    def sync_now(self) -> None: ...

    def upload_soon(self) -> None: ...

    def rebuild(self) -> None: ...

    def stop(self) -> None: ...
