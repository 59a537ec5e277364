"""Accept, refuse, mark ready, add a note, clear a problem: one function each.

Each takes the order's `OrderRef` (or a bare id) and acts on the order it names, telling the
repository its marketplace: the action is queued in that account's outbox lane.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from counter_app.domain.orders import Order
from counter_app.settings import Settings
from counter_app.store.repository import Repository
from counter_app.ui.operations import Outcome
from counter_app.ui.order_ref import OrderLike, as_ref
from counter_app.ui.ready_dialog import ReadyDialog


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the actions were split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


def find(repo: Repository, order: OrderLike | None) -> Order | None:
    """The order a ref (or bare id) names, read now."""
    ref = as_ref(order)
    return repo.get_order(ref.order_id, ref.marketplace) if ref is not None else None


def accept_order(
    parent: QWidget, repo: Repository, till: str, ref: OrderLike, refused_line_ids: list[str]
) -> Outcome | None:
    """Accept the order, refusing the lines named; every line refused is a refusal."""
    order = find(repo, ref)
    if order is None:
        return None
    if refused_line_ids and len(refused_line_ids) == len(order.lines):
        return refuse_order(parent, repo, till, ref)
    try:
        repo.accept_order(
            order.order_id, refused_line_ids, till=till, marketplace=order.marketplace
        )
    except Exception as exc:
        return Outcome(_tr("Not accepted: %1").replace("%1", str(exc)), "bad", changed=False)
    message = _tr("Order %1 accepted.").replace("%1", order.commercial_id)
    if refused_line_ids:
        message += " " + _tr("%n line(s) refused.", len(refused_line_ids))
    return Outcome(message)


def refuse_order(parent: QWidget, repo: Repository, till: str, ref: OrderLike) -> Outcome | None:
    """Refuse the whole order once staff said yes (the customer is refunded)."""
    order = find(repo, ref)
    if order is None:
        return None
    answer = QMessageBox.question(
        parent,
        _tr("Refuse the order"),
        _tr("Refuse the whole order of %1? The customer will be refunded.").replace(
            "%1", order.customer_name
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    refused = [line.line_id for line in order.lines]
    repo.accept_order(order.order_id, refused, till=till, marketplace=order.marketplace)
    return Outcome(_tr("Order %1 refused.").replace("%1", order.commercial_id), "warn")


def mark_ready(
    parent: QWidget, repo: Repository, settings: Settings, ref: OrderLike
) -> str | Outcome | None:
    """Ask the shelf and bags, then mark the order ready: the shelf it is on, or why not
    (None when staff cancelled). The window then prints the slip and says `ready_message`."""
    order = find(repo, ref)
    if order is None:
        return None
    dialog = ReadyDialog(order.customer_name, order.shelf, parent)
    if dialog.exec() != ReadyDialog.DialogCode.Accepted:
        return None
    try:
        repo.mark_ready(
            order.order_id,
            dialog.shelf_value,
            settings.till_name,
            dialog.bag_count,
            ship=settings.ship_on == "ready",
            marketplace=order.marketplace,
        )
    except Exception as exc:
        return Outcome(_tr("Not marked ready: %1").replace("%1", str(exc)), "bad", changed=False)
    return dialog.shelf_value


def ready_message(shelf: str, offline: bool, print_error: str | None) -> Outcome:
    """What staff read once an order is ready and its slip printed (or not: `print_error`)."""
    if offline:
        message = _tr(
            "Ready on shelf %1. Offline: the customer gets the code when the link is back."
        )
    else:
        message = _tr("Ready on shelf %1; the customer gets the code.")
    message = message.replace("%1", shelf)
    if print_error is not None:
        # The reason goes with it: a second toast would hide the first.
        message += "\n" + _tr("The slip was not printed: %1").replace("%1", print_error)
    return Outcome(message, "info" if print_error is None else "warn")


def add_note(parent: QWidget, repo: Repository, till: str, ref: OrderLike) -> bool:
    """Ask for a note and keep it in the order's history; True when one was added."""
    order = find(repo, ref)
    if order is None:
        return False
    text, ok = QInputDialog.getMultiLineText(parent, _tr("Add a note"), _tr("Note:"))
    if ok and text.strip():
        repo.add_note(order.order_id, text, till=till, marketplace=order.marketplace)
        return True
    return False


def clear_problem(repo: Repository, ref: OrderLike) -> None:
    """Staff dealt with the problem: the order leaves the Problems tab."""
    order = find(repo, ref)
    if order is not None:
        repo.clear_problem(order.order_id, marketplace=order.marketplace)
