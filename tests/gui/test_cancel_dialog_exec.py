"""The cancel confirmation driven as staff drive it: the real modal dialog (`exec`) shown
offscreen, its buttons clicked and its reason list moved with the keyboard through pytest-qt;
what was queued read back from the outbox."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.store.cancellation import save_reasons
from counter_app.store.outbox import Outbox
from counter_app.ui.cancel_order import CancelDialog
from tests.factories import make_order


def _ready(ctx: AppContext) -> str:
    order = make_order(state="SHIPPING", customer="Camille Martin")
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, "B2", "till-1")
    return order.order_id


def _when_shown(qtbot: Any, steps: Callable[[CancelDialog], None], errors: list[str]) -> None:
    """Run `steps` on the modal dialog once `exec` shows it; close it if a step fails."""

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CancelDialog) or not dialog.isVisible():
            QTimer.singleShot(20, drive)
            return
        try:
            steps(dialog)
        except BaseException as exc:
            errors.append(repr(exc))
            dialog.reject()

    QTimer.singleShot(0, drive)


def _assert_nothing_cut(dialog: CancelDialog) -> None:
    """Every wrapped text shown has the height its words need (a longer question, an error)."""
    QApplication.processEvents()
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            needed = label.heightForWidth(label.width())
            assert label.height() >= needed, (label.text(), label.height(), needed)


def _cancels(ctx: AppContext) -> list[dict[str, Any]]:
    return [a.payload for a in Outbox(ctx.db).all(["pending"]) if a.action == "cancel"]


def test_keep_it_then_cancel_through_the_real_dialog(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    order_id = _ready(ctx)
    window = make_window()
    window.show_order(order_id)
    errors: list[str] = []
    seen: list[str] = []

    def keep(dialog: CancelDialog) -> None:
        seen.append(dialog.question.text())
        assert not dialog.reason.isVisible()  # OR29: no reason asked
        assert dialog.no.text() == "Keep it"
        qtbot.mouseClick(dialog.no, Qt.MouseButton.LeftButton)

    _when_shown(qtbot, keep, errors)
    qtbot.mouseClick(window.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert "Camille Martin" in seen[0]
    assert _cancels(ctx) == [] and ctx.repo.require_order(order_id).stage is Stage.READY

    def confirm(dialog: CancelDialog) -> None:
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)

    _when_shown(qtbot, confirm, errors)
    qtbot.mouseClick(window.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert errors == []
    assert _cancels(ctx) == [{"kind": "cancel", "reason": "", "lines": []}]
    assert ctx.repo.require_order(order_id).stage is Stage.CANCELED


def test_a_refund_without_a_reason_says_so_and_stays_open(
    ctx: AppContext, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    order_id = _ready(ctx)
    ctx.repo.apply_local_action(order_id, "ship", {}, "till-1")  # OR24 went: a refund
    save_reasons(ctx.repo, "refund", [("16", "Article non retiré"), ("17", "Autre")])
    window = make_window()
    window.show_order(order_id)
    errors: list[str] = []
    shots = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    def refund(dialog: CancelDialog) -> None:
        assert dialog.reason.isVisible() and dialog.reason_code() == ""
        assert not dialog.reason_error.isVisible()
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # no reason chosen
        assert dialog.isVisible() and dialog.reason_error.isVisible()
        assert "Choose a reason first" in dialog.reason_error.text()
        _assert_nothing_cut(dialog)
        QApplication.processEvents()
        assert dialog.grab().save(str(shots / "h16_cancel_refund_no_reason.png"))
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)  # the first real reason
        assert dialog.reason_code() == "16" and not dialog.reason_error.isVisible()
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)

    _when_shown(qtbot, refund, errors)
    qtbot.mouseClick(window.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert errors == []
    (payload,) = _cancels(ctx)
    assert payload["kind"] == "refund" and payload["reason"] == "16"
    order = ctx.repo.require_order(order_id)
    assert order.stage is Stage.CANCELED
    assert {line["id"] for line in payload["lines"]} == {line.line_id for line in order.lines}


def test_cancel_some_books_only_through_the_real_dialog(
    ctx: AppContext, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    order_id = _ready(ctx)
    save_reasons(ctx.repo, "cancel", [("34", "Client absent"), ("35", "Article indisponible")])
    order = ctx.repo.require_order(order_id)
    kept, cancelled = order.lines  # L'Étranger stays; Le Petit Prince (2) is cancelled
    window = make_window()
    window.show_order(order_id)
    errors: list[str] = []
    shots = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)

    def some(dialog: CancelDialog) -> None:
        boxes = dict(dialog.line_boxes)
        assert set(boxes) == {kept.line_id, cancelled.line_id}
        assert all(box.isVisible() and box.isChecked() for box in boxes.values())
        assert not dialog.reason.isVisible()  # the whole order: OR29, no reason
        # Unticking both: nothing to cancel, said so, the dialog stays.
        for box in boxes.values():
            box.click()
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.lines_error.isVisible()
        boxes[cancelled.line_id].click()  # only Le Petit Prince
        assert dialog.line_ids() == [cancelled.line_id]
        assert "2 × Le Petit Prince" in dialog.question.text()
        assert "15,00" in dialog.question.text() or "15.00" in dialog.question.text()
        assert dialog.reason.isVisible() and dialog.yes.text() == "Cancel these books"
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)  # no reason yet
        assert dialog.isVisible() and dialog.reason_error.isVisible()
        _assert_nothing_cut(dialog)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
        assert dialog.reason_code() == "35"
        QApplication.processEvents()
        assert dialog.grab().save(str(shots / "h16_cancel_some_books.png"))
        qtbot.mouseClick(dialog.yes, Qt.MouseButton.LeftButton)

    _when_shown(qtbot, some, errors)
    qtbot.mouseClick(window.detail.cancel_button, Qt.MouseButton.LeftButton)
    assert errors == []
    (payload,) = _cancels(ctx)
    assert payload == {
        "kind": "cancel_lines",
        "reason": "35",
        "partial": True,
        "lines": [
            {
                "id": cancelled.line_id,
                "quantity": cancelled.quantity,
                "amount_cents": cancelled.total_price_cents,
            }
        ],
    }
    after = ctx.repo.require_order(order_id)
    assert after.stage is Stage.READY  # the customer still comes for L'Étranger
    states = {line.line_id: line.line_state for line in after.lines}
    assert states[cancelled.line_id] == "CANCELED" and states[kept.line_id] != "CANCELED"
