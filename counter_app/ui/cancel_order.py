"""Cancelling an order from the detail pane: a confirmation naming the customer and the
amount (with the refund reason when the order was shipped), the books to cancel when there
are several (untick those the customer keeps: OR30 / OR28 of the others, with a reason),
then the queued action; and the "back to the shelves" list, previewed to print.

Wiring only: the rules are in `domain/cancellation.py`, the store side in
`store/cancellation.py`.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.cancellation import (
    CANCEL_LINES,
    REFUND,
    CancelPlan,
    CancelRefused,
    open_lines,
    plan_cancel,
)
from counter_app.domain.orders import Order
from counter_app.store.cancellation import (
    back_to_shelves,
    cached_reasons,
    cancel_order,
    plan_for,
)
from counter_app.ui.formatting import format_money
from counter_app.ui.order_ref import OrderLike, as_ref, ref_of


def _tr(text: str) -> str:
    return QCoreApplication.translate("CancelOrder", text)


class CancelDialog(QDialog):
    """Asks before cancelling: who, how much, which books (when there are several), and why
    (for a refund, or for some lines only)."""

    def __init__(
        self,
        order: Order,
        plan: CancelPlan,
        reasons: list[tuple[str, str]],
        parent: QWidget | None = None,
        cancel_reasons: list[tuple[str, str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(_tr("Cancel the order"))
        self.setMinimumWidth(440)
        self.order = order
        self.shipped = plan.kind == REFUND
        # Refund reasons once shipped (RE01 REFUND), else those to cancel lines (CANCELATION).
        self.reasons = reasons if self.shipped else (cancel_reasons or [])
        self.plan = plan
        self.question = QLabel()
        self.question.setObjectName("cancelQuestion")
        self.question.setWordWrap(True)
        # One box per book still to hand over, all ticked: untick those the customer keeps.
        self.line_boxes: list[tuple[str, QCheckBox]] = []
        self.lines_label = QLabel(_tr("Books to cancel (untick those the customer keeps):"))
        self.lines_label.setWordWrap(True)
        lines = open_lines(order)
        for line in lines:
            box = QCheckBox(
                f"{line.quantity} × {line.title} — "
                f"{format_money(line.total_price_cents, order.currency)}"
            )
            box.setObjectName(f"cancelLine:{line.line_id}")
            box.setChecked(True)
            box.toggled.connect(lambda _on: self._replan())
            self.line_boxes.append((line.line_id, box))
        several = len(lines) > 1
        self.lines_label.setVisible(several)
        for _, box in self.line_boxes:
            box.setVisible(several)
        self.reason = QComboBox()
        self.reason.setObjectName("cancelReason")
        # No reason is chosen for the owner: the marketplace keeps the one given.
        self.reason.addItem(_tr("Choose the reason…"), "")
        for code, label in self.reasons:
            self.reason.addItem(f"{label} ({code})", code)
        self.reason_error = QLabel(
            _tr(
                "Choose a reason first: the marketplace refuses a refund, or a cancel of "
                "some books, without one."
            )
        )
        self.reason_error.setObjectName("cancelReasonError")
        self.reason_error.setWordWrap(True)
        self.reason_error.setStyleSheet("color: #b3261e;")
        self.reason_error.setVisible(False)
        self.reason.currentIndexChanged.connect(lambda _i: self.reason_error.setVisible(False))
        self.lines_error = QLabel(_tr("Tick at least one book to cancel, or keep the order."))
        self.lines_error.setObjectName("cancelLinesError")
        self.lines_error.setWordWrap(True)
        self.lines_error.setStyleSheet("color: #b3261e;")
        self.lines_error.setVisible(False)
        self.no_reasons = QLabel(
            _tr("No reason is known yet: sync once while online, then try again.")
        )
        self.no_reasons.setWordWrap(True)
        self.no_reasons.setStyleSheet("color: #b3261e;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No
        )
        buttons.button(QDialogButtonBox.StandardButton.Yes).setText(_tr("Cancel the order"))
        buttons.button(QDialogButtonBox.StandardButton.No).setText(_tr("Keep it"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.yes = buttons.button(QDialogButtonBox.StandardButton.Yes)
        self.no = buttons.button(QDialogButtonBox.StandardButton.No)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.lines_label)
        for _, box in self.line_boxes:
            layout.addWidget(box)
        layout.addWidget(self.lines_error)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.no_reasons)
        layout.addWidget(buttons)
        self._replan()

    @property
    def refund(self) -> bool:
        return self.plan.kind == REFUND

    @property
    def needs_reason(self) -> bool:
        return self.plan.kind in (REFUND, CANCEL_LINES)

    def line_ids(self) -> list[str]:
        """The lines chosen when only some are; [] for the whole order."""
        chosen = [line_id for line_id, box in self.line_boxes if box.isChecked()]
        return chosen if 0 < len(chosen) < len(self.line_boxes) else []

    def _chosen_count(self) -> int:
        return sum(1 for _, box in self.line_boxes if box.isChecked())

    def _replan(self) -> None:
        """The question, the amount and the reason list follow the books ticked."""
        self.lines_error.setVisible(False)
        ids = self.line_ids()
        if self._chosen_count():
            # A choice the rules refuse keeps the last plan: the store says why when confirmed.
            with contextlib.suppress(CancelRefused):
                self.plan = plan_cancel(self.order, shipped=self.shipped, reason="-", line_ids=ids)
        order = self.order
        amount = format_money(self.plan.amount_cents, order.currency)
        if self.plan.partial:
            books = ", ".join(
                box.text().split(" — ")[0] for _, box in self.line_boxes if box.isChecked()
            )
            text = (
                _tr("Refund %1 to %2 for %4 of order %3? The customer keeps the other books.")
                if self.refund
                else _tr("Cancel %4 of order %3 of %2 (%1)? The customer keeps the other books.")
            ).replace("%4", books)
        elif self.refund:
            text = _tr(
                "Refund %1 to %2 and cancel order %3? It was already shipped on the "
                "marketplace, so the refund needs a reason."
            )
        else:
            text = _tr("Cancel order %3 of %2 (%1)? The customer is told by the marketplace.")
        self.question.setText(
            text.replace("%1", amount)
            .replace("%2", order.customer_name or "—")
            .replace("%3", order.commercial_id or order.order_id)
        )
        self.reason.setVisible(self.needs_reason and bool(self.reasons))
        self.no_reasons.setVisible(self.needs_reason and not self.reasons)
        self.yes.setEnabled(not self.needs_reason or bool(self.reasons))
        if not self.needs_reason:
            self.reason_error.setVisible(False)
        self.yes.setText(
            _tr("Cancel these books") if self.plan.partial else _tr("Cancel the order")
        )
        self._fit()

    def _fit(self) -> None:
        """Grow (or shrink) to the texts shown now: a longer question or an error never cut."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def reason_code(self) -> str:
        return str(self.reason.currentData() or "") if self.needs_reason else ""

    def accept(self) -> None:
        """Without a book ticked, or a reason where one is needed, it stays open and says so."""
        if not self._chosen_count():
            self.lines_error.setVisible(True)
            self._fit()
            return
        if self.needs_reason and not self.reason_code():
            self.reason_error.setVisible(True)
            self.reason.setFocus()
            self._fit()
            return
        super().accept()


def ask_and_cancel(window: Any, order: OrderLike, dialog_hook: Any = None) -> bool:
    """The confirmation, then the cancellation queued; True when it was queued.

    `order` is the order's ref (its marketplace and id) or a bare id.
    `dialog_hook(dialog)` answers the dialog in tests (instead of `exec`)."""
    repo = window.repo
    ref = as_ref(order)
    found = repo.get_order(ref.order_id, ref.marketplace) if ref else None
    if found is None:
        return False
    order_id, marketplace = found.order_id, found.marketplace
    try:
        plan = plan_for(repo, order_id, "-", marketplace)
    except CancelRefused as exc:
        window.toast.show_message(str(exc), "warn")
        return False
    reasons = cached_reasons(repo, "refund", marketplace) if plan.kind == REFUND else []
    cancel_reasons = cached_reasons(repo, "cancel", marketplace) if plan.kind != REFUND else []
    dialog = CancelDialog(found, plan, reasons, window, cancel_reasons=cancel_reasons)
    accepted = dialog_hook(dialog) if dialog_hook else dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        return False
    try:
        cancel_order(
            repo,
            order_id,
            dialog.reason_code(),
            window.settings.till_name,
            marketplace,
            line_ids=dialog.line_ids(),
        )
    except (CancelRefused, ValueError) as exc:
        window.toast.show_message(str(exc), "bad")
        return False
    if dialog.line_ids():
        done = _tr("Books cancelled: they are on the back-to-the-shelves list.")
    else:
        done = _tr("Order cancelled: its books are on the back-to-the-shelves list.")
    window.toast.show_message(done, "ok")
    window.refresh_all()
    window.show_order(ref_of(found))
    return True


def shelves_document(window: Any) -> Any:
    """The back-to-the-shelves list, laid out to preview and print."""
    from counter_app.printing.back_to_shelves import shelves_document as layout
    from counter_app.printing.shop import ShopInfo

    # The shop's accounts name each book's marketplace when there are several.
    return layout(back_to_shelves(window.repo), shop=ShopInfo.from_settings(window.settings))


def connect(window: Any) -> None:
    window.detail.cancel_requested.connect(lambda ref: ask_and_cancel(window, ref))
