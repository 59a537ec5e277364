"""The detail pane's reminder history after days with the app closed: the reminder sent, and
the one skipped with its note (which one went instead), in English and in French."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_window import local_day
from counter_app.settings import Settings
from counter_app.store.models import OrderRow
from counter_app.store.reminders import SENT, ReminderStore
from counter_app.sync.reminders import ReminderScheduler
from counter_app.ui.app import apply_style
from counter_app.ui.i18n import install_translators, remove_translators
from tests.factories import make_order


def _ready_ten_days_ago_closed_since(ctx: AppContext, settings: Settings) -> str:
    """A ready order whose two reminders both fell due while the app was closed, then sent."""
    order = make_order(state="SHIPPING", customer="Camille Martin")
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, "B2", "till-1")
    ready_at = datetime.now(UTC) - timedelta(days=9)
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == order.order_id)
            .values(ready_at=ready_at, thread_id="th-1")
        )
    settings.pickup_days = 10
    settings.reminder_days = ["ready+3", "collect_by-1"]
    assert ReminderScheduler(ctx.repo, settings).run() == 1
    ReminderStore(ctx.db).finish(order.order_id, "collect_by-1", SENT, "thread th-1")
    return order.order_id


def test_the_skipped_reminder_shows_which_one_went_instead(
    ctx: AppContext, make_window: Any, qapp: QApplication, tmp_path: Path
) -> None:
    order_id = _ready_ten_days_ago_closed_since(ctx, ctx.settings)
    ready_day = local_day(ctx.repo.require_order(order_id).ready_at)  # type: ignore[arg-type]
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(1366, 768)
        window.show_order(order_id)
        text = window.detail.customer_messages.reminders.text()
        skipped_on = (ready_day + timedelta(days=3)).strftime("%d/%m/%Y")
        assert f"{skipped_on} — skipped" in text
        assert (
            "not sent: missed while the app was closed; the reminder 1 day(s) before "
            "collect-by went instead"
        ) in text
        assert "sent" in text and "on thread th-1" in text

        install_translators(qapp, "fr")
        window.show_order(order_id)
        view = window.detail.customer_messages
        text = view.reminders.text()
        assert "ignorée" in text or "non envoyée" in text
        assert (
            "non envoyée : manquée pendant la fermeture de l&#x27;application ; la relance 1 "
            "jour(s) avant la date limite de retrait est partie à la place"
        ) in text.replace("'", "&#x27;")
        assert "missed" not in text
        bar = window.detail._scroll.verticalScrollBar()
        QApplication.processEvents()  # the longer French texts laid out first
        bar.setValue(bar.maximum())  # the reminders are the pane's last section
        QApplication.processEvents()
        assert not view.reminders.visibleRegion().isEmpty()
        folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
        folder.mkdir(parents=True, exist_ok=True)
        assert window.detail.grab().save(str(folder / "h16_reminder_history_skipped_fr.png"))
    finally:
        remove_translators(qapp)
        qapp.setStyleSheet("")
