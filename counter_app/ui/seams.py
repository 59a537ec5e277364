"""The seams of the counter window: what it needs of the scan service, the printer and the
sync, as Protocols (`typing.Protocol`), so a test stand-in or another implementation fits
without inheriting from anything, and a type checker says when one does not.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance

from counter_app.domain.orders import Order
from counter_app.domain.scan import BagCheck, ScanResult
from counter_app.store.repository import Repository


class ScanService(Protocol):
    """Resolves scans against the store and records hand-overs
    (`counter_app.store.scan_service.ScanService`)."""

    def resolve(self, text: str) -> ScanResult: ...
    def confirm(self, order_id: str) -> ScanResult: ...
    def check_bag(self, customer_order_id: str, slip_text: str) -> BagCheck: ...
    def is_offline(self) -> bool: ...


class Printer(Protocol):
    """Prints documents (`counter_app.ui.print_bridge.PrintBridge`; a stand-in in tests).
    Called on a worker thread: it may take as long as the printer does."""

    def print_document(self, kind: str, order: Order) -> object: ...
    def print_daily_list(self, repo: Repository) -> object: ...


class SyncSource(Protocol):
    """The background sync as the window sees it (`counter_app.ui.sync_bridge.SyncBridge`):
    its news arrives as signals on the GUI thread."""

    status_changed: SignalInstance  # a SyncView
    new_orders: SignalInstance  # marketplace order ids seen for the first time
    data_changed: SignalInstance  # the store changed: lists to refresh

    @property
    def available(self) -> bool: ...
    def sync_now(self) -> None: ...
    def upload_soon(self) -> None: ...
    def rebuild(self) -> None: ...
    def stop(self) -> None: ...
