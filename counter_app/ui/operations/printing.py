"""Printing from the window: slips, pickup cards, the daily list, or their preview.

A print runs on the worker pool (an ESC/POS printer may take 10 s to answer, a spooler may
hang): the till keeps scanning meanwhile, and the outcome comes back to the GUI thread as a
toast, or as the preview (with Save as PDF) when no printer is set up. A printer that fails
never loses the action just taken: the reason is shown, or handed to the caller's own
message (`PrintJob.error`). Once the window is closed, outcomes are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QWidget

from counter_app.printing.message_texts import is_no_printer, print_message_text
from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui.order_ref import OrderLike, OrderRef, as_ref
from counter_app.ui.print_bridge import PrintBridge
from counter_app.ui.seams import Printer
from counter_app.ui.workers import WorkerPool

log = logging.getLogger(__name__)

Notify = Callable[[str, str, int], None]  # text, tone, milliseconds


def _tr(text: str) -> str:
    # The window's context: these texts were the window's before printing was split off.
    return QCoreApplication.translate("MainWindow", text)


@dataclass
class PrintJob:
    """A print on its way: `done` once its outcome is shown; `ok` when printed or previewed,
    else `error` says why (in the window's language)."""

    kind: str
    order_id: str = ""
    marketplace: str | None = None  # the order's account (ids may repeat across them)
    done: bool = False
    ok: bool = False
    error: str = ""


_NO_CODE = "no pickup code"  # the worker's answer for a card of an order not ready yet


class WindowPrinting:
    """Prints for one window; `preview` is the last preview opened."""

    def __init__(
        self,
        parent: QWidget,
        printer: Printer,
        settings: Settings,
        repo: Repository,
        notify: Notify,
        workers: WorkerPool,
    ) -> None:
        self.parent = parent
        self.printer = printer
        self.settings = settings
        self.repo = repo
        self.notify = notify
        self.workers = workers
        self.preview: Any = None
        self.last_error = ""  # why the last print did not happen, in the window's language
        self.closed = False  # set when the window closes: outcomes still to come are dropped

    def _documents(self) -> Any:
        """Builds documents for the preview (the printer stand-in in tests may not)."""
        return self.printer if hasattr(self.printer, "document") else PrintBridge(self.settings)

    def open_preview(self, document: Any) -> Any:
        """The print preview of a document, with Save as PDF: where printing goes with no
        printer set up."""
        from counter_app.printing.preview import preview_dialog

        parent = self.parent
        dialog = preview_dialog(document, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        # Within the window, so its buttons are on a 1024x600 screen too.
        dialog.resize(
            min(dialog.width(), parent.width() - 40), min(dialog.height(), parent.height() - 40)
        )
        self.preview = dialog
        dialog.open()
        return dialog

    def print_document(
        self,
        kind: str,
        order: OrderLike,
        quiet: bool = False,
        on_done: Callable[[PrintJob], None] | None = None,
    ) -> PrintJob:
        """Print a slip or a card on the worker pool. Once done, `on_done(job)`; unless
        `quiet`, a toast says what happened (a card without a pickup code always says so).

        With no printer the preview opens instead (also when `quiet`: a slip is needed),
        at once when that is known beforehand."""
        ref = as_ref(order) or OrderRef("")
        job = PrintJob(kind, ref.order_id, ref.marketplace)
        if self._preview_now(kind):
            found = self.repo.get_order(ref.order_id, ref.marketplace)
            if found is not None and (kind != "card" or found.pickup_code):
                self.open_preview(self._documents().document(kind, found))
                job.ok = True
                self._finish(job, on_done)
                return job

        def work() -> tuple[Any, Any]:  # on a worker thread: the order, then the printer
            order = self.repo.get_order(ref.order_id, ref.marketplace)
            if order is None:
                return None, None
            if kind == "card" and not order.pickup_code:
                return order, _NO_CODE
            try:
                self.printer.print_document(kind, order)
            except Exception as exc:  # a jammed printer must not lose the action just taken
                return order, exc
            return order, None

        def done(outcome: tuple[Any, Any]) -> None:
            order, problem = outcome
            if order is not None and problem == _NO_CODE:
                reason = _tr("Order %1 has no pickup code yet: mark it ready first.")
                job.error = reason.replace("%1", order.commercial_id)
                self.notify(job.error, "warn", 6000)
            elif order is not None and problem is not None:
                job.ok = self._failed(problem, lambda: self._documents().document(kind, order))
                if not job.ok:
                    job.error = print_message_text(problem)
                    log.warning("printing %s failed: %s", kind, problem)
                    if not quiet:
                        message = _tr("Printing failed: %1").replace("%1", job.error)
                        self.notify(message, "bad", 6000)
            elif order is not None:
                job.ok = True
                if not quiet:
                    self.notify(_tr("Sent to the printer."), "info", 2500)
            self._finish(job, on_done)

        self._submit(job, work, done, on_done)
        return job

    def print_daily_list(self) -> PrintJob:
        """Print today's pickup list on the worker pool (the preview with no printer)."""
        job = PrintJob("daily_list")
        if self._preview_now("daily_list"):
            self.open_preview(self._documents().daily_list(self.repo))
            job.ok = True
            self._finish(job, None)
            return job

        def work() -> tuple[bool, Any]:
            try:
                self.printer.print_daily_list(self.repo)
            except Exception as exc:
                return False, exc
            return True, None

        def done(outcome: tuple[bool, Any]) -> None:
            printed, problem = outcome
            if printed:
                job.ok = True
                self.notify(_tr("Pickup list sent to the printer."), "info", 2500)
            else:
                job.ok = self._failed(problem, lambda: self._documents().daily_list(self.repo))
                if not job.ok:
                    job.error = print_message_text(problem)
                    log.warning("printing the daily list failed: %s", problem)
                    message = _tr("Printing failed: %1").replace("%1", job.error)
                    self.notify(message, "bad", 6000)
            self._finish(job, None)

        self._submit(job, work, done, None)
        return job

    def _preview_now(self, kind: str) -> bool:
        """No printer here for `kind` (asked of printers that can tell; stand-ins may not)."""
        no_printer = getattr(self.printer, "no_printer", None)
        return bool(no_printer is not None and no_printer(kind))

    def _failed(self, problem: BaseException, document: Callable[[], Any]) -> bool:
        """No printer set up: the preview instead (True); any other failure: False."""
        if is_no_printer(problem):
            self.open_preview(document())
            return True
        return False

    def _submit(
        self,
        job: PrintJob,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        on_done: Callable[[PrintJob], None] | None,
    ) -> None:
        def shown(outcome: Any) -> None:
            if self.closed:  # the window is gone: nothing to show the outcome in
                job.done = True
                return
            done(outcome)

        def crashed(exc: BaseException) -> None:  # the order could not even be read
            if self.closed:
                job.done = True
                return
            job.error = str(exc) or type(exc).__name__
            self.notify(_tr("Printing failed: %1").replace("%1", job.error), "bad", 6000)
            self._finish(job, on_done)

        self.workers.submit(work, shown, crashed)

    def _finish(self, job: PrintJob, on_done: Callable[[PrintJob], None] | None) -> None:
        self.last_error = job.error
        job.done = True
        if on_done is not None:
            on_done(job)
