"""Cancelling an order from the detail pane: a confirmation naming the customer and the
amount (with the refund reason when the order was shipped), then the queued action; and the
"back to the shelves" list, previewed to print.

Wiring only: the rules are in `domain/cancellation.py`, the store side in
`store/cancellation.py`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.cancellation import CancelPlan, CancelRefused
from counter_app.domain.orders import Order
from counter_app.store.cancellation import (
    back_to_shelves,
    cached_reasons,
    cancel_order,
    plan_for,
)
from counter_app.ui.formatting import format_money


def _tr(text: str) -> str:
    return QCoreApplication.translate("CancelOrder", text)


class CancelDialog(QDialog):
    """Asks before cancelling: who, how much, and (for a refund) why."""

    def __init__(
        self,
        order: Order,
        plan: CancelPlan,
        reasons: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cancelDialog")
        self.setWindowTitle(_tr("Cancel the order"))
        self.setMinimumWidth(440)
        amount = format_money(plan.amount_cents, order.currency)
        if plan.kind == "refund":
            text = _tr(
                "Refund %1 to %2 and cancel order %3? It was already shipped on the "
                "marketplace, so the refund needs a reason."
            )
        else:
            text = _tr("Cancel order %3 of %2 (%1)? The customer is told by the marketplace.")
        self.question = QLabel(
            text.replace("%1", amount)
            .replace("%2", order.customer_name or "—")
            .replace("%3", order.commercial_id or order.order_id)
        )
        self.question.setObjectName("cancelQuestion")
        self.question.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("cancelReason")
        # No reason is chosen for the owner: the marketplace keeps the one given.
        self.reason.addItem(_tr("Choose the refund reason…"), "")
        for code, label in reasons:
            self.reason.addItem(f"{label} ({code})", code)
        self.reason_error = QLabel(
            _tr("Choose a refund reason first: the marketplace refuses a refund without one.")
        )
        self.reason_error.setObjectName("cancelReasonError")
        self.reason_error.setWordWrap(True)
        self.reason_error.setStyleSheet("color: #b3261e;")
        self.reason_error.setVisible(False)
        self.reason.currentIndexChanged.connect(lambda _i: self.reason_error.setVisible(False))
        self.no_reasons = QLabel(
            _tr("No refund reason is known yet: sync once while online, then try again.")
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
        refund = plan.kind == "refund"
        self.refund = refund
        self.reason.setVisible(refund and bool(reasons))
        self.no_reasons.setVisible(refund and not reasons)
        self.yes.setEnabled(not refund or bool(reasons))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addWidget(self.no_reasons)
        layout.addWidget(buttons)

    def reason_code(self) -> str:
        return str(self.reason.currentData() or "") if self.refund else ""

    def accept(self) -> None:
        """A refund without a chosen reason stays open with the error said."""
        if self.refund and not self.reason_code():
            self.reason_error.setVisible(True)
            self.reason.setFocus()
            return
        super().accept()


def ask_and_cancel(window: Any, order_id: str, dialog_hook: Any = None) -> bool:
    """The confirmation, then the cancellation queued; True when it was queued.

    `dialog_hook(dialog)` answers the dialog in tests (instead of `exec`)."""
    repo = window.repo
    order = repo.get_order(order_id)
    if order is None:
        return False
    try:
        plan = plan_for(repo, order_id, "-")
    except CancelRefused as exc:
        window.toast.show_message(str(exc), "warn")
        return False
    reasons = cached_reasons(repo, "refund") if plan.kind == "refund" else []
    dialog = CancelDialog(order, plan, reasons, window)
    accepted = dialog_hook(dialog) if dialog_hook else dialog.exec() == QDialog.DialogCode.Accepted
    if not accepted:
        return False
    try:
        cancel_order(repo, order_id, dialog.reason_code(), window.settings.till_name)
    except (CancelRefused, ValueError) as exc:
        window.toast.show_message(str(exc), "bad")
        return False
    window.toast.show_message(
        _tr("Order cancelled: its books are on the back-to-the-shelves list."), "ok"
    )
    window.refresh_all()
    window.show_order(order_id)
    return True


def shelves_document(window: Any) -> Any:
    """The back-to-the-shelves list, laid out to preview and print."""
    from counter_app.printing.back_to_shelves import shelves_document as layout

    return layout(back_to_shelves(window.repo))


def connect(window: Any) -> None:
    window.detail.cancel_requested.connect(lambda order_id: ask_and_cancel(window, order_id))
