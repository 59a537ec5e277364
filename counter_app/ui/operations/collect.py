"""Confirming a hand-over: every bag first, then the collection through the scan desk."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from counter_app.store.records import AmbiguousOrderError
from counter_app.store.repository import Repository
from counter_app.ui.order_ref import OrderLike, as_ref
from counter_app.ui.scan_desk import ScanDesk
from counter_app.ui.verdict_band import Tone, VerdictDisplay

log = logging.getLogger(__name__)


def _tr(text: str, n: int = -1) -> str:
    # The window's context: these texts were the window's before the actions were split off.
    return QCoreApplication.translate("MainWindow", text, "", n)


def bags_handed_over(parent: QWidget, repo: Repository, desk: ScanDesk, ref: OrderLike) -> bool:
    """For an order in several bags whose slips were not all scanned: ask first."""
    found = as_ref(ref)
    if found is None:
        return True
    # A bare id is the scanned customer's order: its marketplace is the scan's.
    key = found.marketplace or desk.marketplace_of(found.order_id)
    try:
        order = repo.get_order(found.order_id, key)
    except AmbiguousOrderError:
        return True  # nothing to ask: the confirmation answers "ambiguous" and records none
    if order is None:
        return True
    missing = desk.bags_unchecked(order.order_id, order.bag_count)
    if not missing:
        return True
    box = QMessageBox(parent)
    box.setObjectName("bagWarning")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Bags"))
    box.setText(_tr("This order is in %n bag(s).", order.bag_count))
    box.setInformativeText(
        _tr("%n bag(s) not scanned yet. Hand over every bag before confirming.", missing)
    )
    yes = box.addButton(_tr("All bags handed over"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(_tr("Not yet"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)  # Enter pressed by habit must not skip the bags
    box.exec()
    return box.clickedButton() is yes


def confirm_collection(desk: ScanDesk, ref: OrderLike) -> VerdictDisplay:
    """Record the hand-over (of the order on the ref's marketplace; a bare id is the scanned
    one's); a store that fails says so in the band, never silently."""
    found = as_ref(ref)
    try:
        return desk.confirm(str(ref), found.marketplace if found else None)
    except Exception as exc:
        log.exception("confirm failed")
        return VerdictDisplay(
            tone=Tone.BAD,
            headline=_tr("Not confirmed"),
            message=str(exc) or type(exc).__name__,
        )
