"""The Not collected tab, the customer's thread in the detail pane and the reminder template
editor, on real widgets at 1366x768; screenshots kept with COUNTER_SCREENSHOTS=/some/dir."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import update

from counter_app.bootstrap import AppContext
from counter_app.marketplace.messages_types import (
    CUSTOMER_USER,
    SHOP_USER,
    MessageThread,
    ThreadMessage,
)
from counter_app.store.models import OrderRow
from counter_app.store.outbox import Outbox
from counter_app.store.reminders import ReminderStore
from counter_app.store.threads import ThreadStore
from counter_app.ui.app import apply_style
from counter_app.ui.order_table_model import COL_CUSTOMER, COL_WHEN
from tests.factories import make_order

SCREEN = (1366, 768)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _save(widget: QWidget, shots: Path, name: str) -> Path:
    QApplication.processEvents()
    path = shots / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 10_000
    return path


def _ready(ctx: AppContext, name: str, days_ago: float, shelf: str = "A1") -> str:
    order = make_order(state="SHIPPING", customer=name)
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, shelf, "till-1")
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == order.order_id)
            .values(ready_at=datetime.now(UTC) - timedelta(days=days_ago))
        )
    return order.order_id


def test_not_collected_tab_lists_orders_past_collect_by_oldest_first(
    ctx: AppContext, make_window: Any, qapp: QApplication, shots: Path
) -> None:
    ctx.settings.pickup_days = 10
    late = _ready(ctx, "Noël D'Aubigné", 12.2, "B3")
    oldest = _ready(ctx, "Marie-Charlotte de La Rochefoucauld-Montbazon", 20.1, "C1")
    _ready(ctx, "Jean Dupont", 2, "A2")  # within its window
    _ready(ctx, "Émilie Lefèvre", 9.9, "A4")  # within its window
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(*SCREEN)
        window.select_view("not_collected")
        model = window.model
        assert model.rowCount() == 2
        first, second = model.row_at(0), model.row_at(1)
        assert first is not None and second is not None
        assert [first.order_id, second.order_id] == [oldest, late]
        when = model.data(model.index(0, COL_WHEN))
        assert "late" in when and model.headerData(COL_WHEN, Qt.Orientation.Horizontal)
        tab = next(
            i for i in range(window.tabs.count()) if window.tabs.tabData(i) == "not_collected"
        )
        assert window.tabs.tabText(tab).endswith("2")
        last = window.tabs.tabRect(window.tabs.count() - 1)
        assert last.right() <= window.tabs.width(), "tabs do not all fit"
        window.table.selectRow(0)
        QApplication.processEvents()
        assert "late" in window.detail.facts.text()
        _save(window, shots, "h16_not_collected_tab")
    finally:
        qapp.setStyleSheet("")


def test_thread_shown_newest_first_reply_queued_and_reminder_switch(
    ctx: AppContext, make_window: Any, qapp: QApplication, shots: Path
) -> None:
    order_id = _ready(ctx, "Camille Martin", 4, "B2")
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == order_id)
            .values(has_customer_message=True, thread_id="th-1")
        )
    start = datetime.now(UTC) - timedelta(days=3)
    messages = (
        ThreadMessage("m1", "Bonjour Camille, votre commande est prête.", start, SHOP_USER, "Shop"),
        ThreadMessage(
            "m2",
            "Merci ! Je passerai samedi. Mon mari peut-il la retirer à ma place ?",
            start + timedelta(days=1),
            CUSTOMER_USER,
            "Camille Martin",
        ),
    )
    ThreadStore(ctx.db).save(
        [
            MessageThread(
                "th-1",
                order_id,
                "Commande prête à retirer",
                start,
                start + timedelta(days=1),
                shop_reply_needed_since=start + timedelta(days=1),
                message_count=2,
                messages=messages,
            )
        ]
    )
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(*SCREEN)
        window.select_view("ready")
        assert window.model.data(window.model.index(0, COL_CUSTOMER)).startswith("✉ ")
        window.show_order(order_id)
        view = window.detail.customer_messages
        text = view.messages.text()
        assert text.index("mari") < text.index("votre commande est prête")  # newest first
        assert view.reply.isVisible() and view.switch.isChecked()
        view.reply.setPlainText("Oui, avec le code de retrait. Bonne journée !")
        # The customer section scrolled into sight, its top first (as a person would).
        bar = window.detail._scroll.verticalScrollBar()
        bar.setValue(view.mapTo(window.detail._scroll.widget(), view.rect().topLeft()).y() - 24)
        QApplication.processEvents()
        assert not view.messages.visibleRegion().isEmpty()
        _save(window, shots, "h16_thread_in_detail_pane")
        view.send.click()
        (reply,) = [a for a in Outbox(ctx.db).all(["pending"]) if a.action == "reply"]
        assert reply.payload == {
            "thread_id": "th-1",
            "body": "Oui, avec le code de retrait. Bonne journée !",
        }
        window.detail.customer_messages.switch.setChecked(False)
        assert ReminderStore(ctx.db).reminders_off(order_id)
    finally:
        qapp.setStyleSheet("")


def test_reminder_template_editor_previews_and_refuses_an_unknown_placeholder(
    ctx: AppContext, make_window: Any, qtbot: Any, qapp: QApplication, shots: Path
) -> None:
    ctx.settings.shop_name = "Librairie des Canuts"
    ctx.settings.shop_address = "12 rue d'Austerlitz, 69004 Lyon"
    ctx.settings.opening_hours = "mar.-sam. 10h-19h"
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(*SCREEN)
        dialog = window.open_setup()
        qtbot.waitExposed(dialog)
        page = dialog.reminders_page
        dialog.pages.setCurrentWidget(page)
        preview = page.preview.toPlainText()
        assert "Bonjour Camille" in preview and "Librairie des Canuts" in preview
        assert "{" not in preview
        body = page.editor["fr"].body
        body.setPlainText(body.toPlainText() + "\nÀ samedi, {prenom} !")
        assert page.error.isVisible() and "prenom" in page.error.text()
        dialog.accept()
        assert dialog.accepted_settings is None  # not saved with a wrong placeholder
        body.setPlainText(body.toPlainText().replace("{prenom}", "{first_name}"))
        assert not page.error.isVisible()
        assert page.preview.toPlainText().endswith("À samedi, Camille !")
        page.days.setText("ready+2, collect_by-2")
        page.pickup_days.setValue(7)
        _save(dialog, shots, "h16_reminder_template_editor")
        hint = dialog.sizeHint()
        assert hint.height() <= SCREEN[1] - 60
        dialog.accept()
        saved = dialog.accepted_settings
        assert saved is not None
        assert saved.reminder_days == ["ready+2", "collect_by-2"] and saved.pickup_days == 7
        assert saved.reminder_body_fr.endswith("À samedi, {first_name} !")
        assert saved.reminder_subject_fr == ""  # left as the built-in one
    finally:
        qapp.setStyleSheet("")


def test_cancel_from_the_detail_pane_names_customer_and_amount(
    ctx: AppContext, make_window: Any, qapp: QApplication, shots: Path
) -> None:
    from counter_app.domain.stages import Stage
    from counter_app.printing.layout import TextItem
    from counter_app.store.cancellation import save_reasons
    from counter_app.ui import cancel_order
    from counter_app.ui.cancel_order import CancelDialog

    order_id = _ready(ctx, "Camille Martin", 12, "B2")
    window = make_window()
    window.resize(*SCREEN)
    window.show_order(order_id)
    assert window.detail.cancel_button.isVisible()
    seen: list[str] = []

    def keep(dialog: CancelDialog) -> bool:
        seen.append(dialog.question.text())
        return False

    assert not cancel_order.ask_and_cancel(window, order_id, keep)
    assert "Camille Martin" in seen[0] and "23" in seen[0] and "90" in seen[0]
    assert ctx.repo.require_order(order_id).stage is Stage.READY  # "Keep it": nothing done

    # Shipped already (ship_on = ready): a refund, with a reason from the cached list.
    ctx.repo.apply_local_action(order_id, "ship", {}, "till-1")
    save_reasons(ctx.repo, "refund", [("16", "Article non retiré"), ("17", "Autre")])

    def refund(dialog: CancelDialog) -> bool:
        dialog.show()
        assert dialog.reason.isVisible() and dialog.reason.count() == 3  # "Choose…" first
        assert dialog.yes.isEnabled() and not dialog.no_reasons.isVisible()
        assert dialog.reason_code() == ""  # none chosen for the owner
        dialog.reason.setCurrentIndex(2)
        _save(dialog, shots, "h16_cancel_confirmation")
        return True

    assert cancel_order.ask_and_cancel(window, order_id, refund)
    order = ctx.repo.require_order(order_id)
    assert order.stage is Stage.CANCELED
    (action,) = [a for a in Outbox(ctx.db).all(["pending"]) if a.action == "cancel"]
    assert action.payload["kind"] == "refund" and action.payload["reason"] == "17"
    document = cancel_order.shelves_document(window)
    texts = [i.text for p in document.pages for i in p.items if isinstance(i, TextItem)]
    assert "Back to the shelves" in texts and "B2" in texts
    assert {line.title for line in order.lines} <= set(texts)
