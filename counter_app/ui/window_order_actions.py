"""The window's order actions: what the detail pane and the verdict band ask for.

Accept, refuse, ready (the slip prints meanwhile), hand over, note, clear a problem, print:
each runs its function of `ui.operations`, then the window says the outcome in a toast,
queues the upload and reads the lists again. Mixed into `MainWindow` (before
`SelectedOrderActions`, whose shortcuts call these), which provides the attributes used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui import cancel_order
from counter_app.ui.live_updates import tolerate_server_loss
from counter_app.ui.operations import Outcome, collect, orders, scan
from counter_app.ui.operations.printing import PrintJob, WindowPrinting
from counter_app.ui.order_ref import OrderLike
from counter_app.ui.scan_desk import ScanDesk
from counter_app.ui.seams import SyncSource
from counter_app.ui.toast import Toast
from counter_app.ui.verdict_band import VerdictDisplay

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow as _Window  # the dialogs' parent is the window
else:
    _Window = object


class OrderActionSlots(_Window):
    """The order actions' slots; the window provides the attributes used."""

    repo: Repository
    settings: Settings
    desk: ScanDesk
    sync: SyncSource
    toast: Toast
    printing: WindowPrinting

    if TYPE_CHECKING:  # provided by the window

        def _show_verdict(self, display: VerdictDisplay) -> None: ...

        def refresh_all(self) -> None: ...

        def show_order(self, order: OrderLike | None) -> None: ...

    def _after_action(self, outcome: Outcome | None) -> None:
        if outcome is None:
            return
        if outcome.changed:
            self.sync.upload_soon()
            self.refresh_all()
            if outcome.message:
                self.toast.show_message(outcome.message, outcome.tone, 4000)
        else:
            self.toast.show_message(outcome.message, outcome.tone)

    def _notify(self, text: str, tone: str, msecs: int) -> None:
        self.toast.show_message(text, tone, msecs)

    @tolerate_server_loss
    def confirm_collection(self, order: OrderLike, ask_bags: bool = True) -> None:
        if ask_bags and not collect.bags_handed_over(self, self.repo, self.desk, order):
            return
        self._show_verdict(collect.confirm_collection(self.desk, order))
        self.sync.upload_soon()
        self.refresh_all()

    @tolerate_server_loss
    def accept_order(self, order: OrderLike, refused_line_ids: list[str]) -> None:
        till = self.settings.till_name
        self._after_action(orders.accept_order(self, self.repo, till, order, refused_line_ids))

    @tolerate_server_loss
    def refuse_order(self, order: OrderLike) -> None:
        till = self.settings.till_name
        self._after_action(orders.refuse_order(self, self.repo, till, order))

    @tolerate_server_loss
    def mark_ready(self, order: OrderLike) -> PrintJob | None:
        """Ready on its shelf now; the slip prints meanwhile (a failure is said when known)."""
        shelf = orders.mark_ready(self, self.repo, self.settings, order)
        if not isinstance(shelf, str):
            self._after_action(shelf)
            return None
        offline = scan.is_offline(self.desk)
        self._after_action(orders.ready_message(shelf, offline, None))

        def printed(job: PrintJob) -> None:
            if not job.ok:  # said again with the reason: a second toast would hide the first
                said = orders.ready_message(shelf, offline, job.error)
                self._notify(said.message, said.tone, 4000)

        return self.print_document("slip", order, quiet=True, on_done=printed)

    def print_document(
        self, kind: str, order: OrderLike, quiet: bool = False, on_done: Any = None
    ) -> PrintJob:
        return self.printing.print_document(kind, order, quiet, on_done)

    def print_daily_list(self) -> PrintJob:
        return self.printing.print_daily_list()

    def print_back_to_shelves(self) -> None:
        """The books of cancelled orders to put back, previewed (print from the preview)."""
        self.printing.open_preview(cancel_order.shelves_document(self))

    @tolerate_server_loss
    def add_note(self, order: OrderLike) -> None:
        if orders.add_note(self, self.repo, self.settings.till_name, order):
            self.show_order(order)

    @tolerate_server_loss
    def clear_problem(self, order: OrderLike) -> None:
        orders.clear_problem(self.repo, order)
        self.refresh_all()
