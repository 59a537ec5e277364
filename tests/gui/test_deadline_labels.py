"""The detail pane names both deadlines right: ship-by from OR11, accept-before as an estimate."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt

from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.ui.detail_pane import DetailPane
from tests.factories import make_order


def _pane(qtbot: Any, **settings: Any) -> DetailPane:
    pane = DetailPane(settings=Settings(**settings))
    qtbot.addWidget(pane)
    pane.resize(420, 700)
    pane.show()
    return pane


def test_to_accept_shows_an_estimated_accept_before_and_the_ship_by_date(qtbot: Any) -> None:
    pane = _pane(qtbot, acceptance_delay_hours=48)
    created = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    order = make_order(state="WAITING_ACCEPTANCE", created_at=created)
    order.deadline_at = created + timedelta(days=4)
    pane.show_order(order, [])
    text = pane.facts.text()
    assert "Accept before (estimate)" in text
    accept_by = (created + timedelta(hours=48)).astimezone()
    assert accept_by.strftime("%H:%M") in text.split("Accept before (estimate)")[1]
    ship = text.split("Prepare and ship by")[1]
    assert order.deadline_at.astimezone().strftime("%H:%M") in ship
    pane.grab().save("/tmp/h12-detail-to-accept.png")


def test_ready_order_near_its_ship_by_date_is_flagged_only_with_ship_on_collected(
    qtbot: Any,
) -> None:
    now = datetime.now(UTC)
    order = make_order(state="TO_COLLECT", created_at=now - timedelta(days=1))
    assert order.stage is Stage.READY
    order.deadline_at = now + timedelta(hours=3)
    collected = _pane(qtbot, ship_on="collected", ship_by_warning_hours=24)
    collected.show_order(order, [])
    assert "⚠" in collected.facts.text().split("Prepare and ship by")[1]
    collected.grab().save("/tmp/h12-detail-ready-warning.png")
    ready = _pane(qtbot, ship_on="ready")
    ready.show_order(order, [])
    assert "⚠" not in ready.facts.text()


def test_ready_list_warning_and_to_accept_estimate_fit_in_french(
    ctx: Any, make_window: Any, qapp: Any
) -> None:
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.app import apply_style, install_language
    from counter_app.ui.order_table_model import COL_STATUS, COL_WHEN

    now = datetime.now(UTC)
    near = make_order(state="TO_COLLECT", customer="Gaëlle Pressée", created_at=now)
    near.deadline_at = now + timedelta(hours=4)
    passed = make_order(state="TO_COLLECT", customer="Benoît Retard", created_at=now)
    passed.deadline_at = now - timedelta(hours=2)
    fresh = make_order(state="WAITING_ACCEPTANCE", customer="Zoé Nouvelle", created_at=now)
    ctx.repo.upsert_orders([near, passed, fresh])
    ctx.settings.ship_on = "collected"
    from PySide6.QtCore import QLocale

    before = QLocale()
    install_language(qapp, "fr")
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(1366, 768)
        QApplication.processEvents()  # the list takes its width before it sizes its columns
        window.select_view("ready")
        QApplication.processEvents()
        table = window.table
        texts = [table.model().index(r, COL_STATUS).data() for r in range(2)]
        assert all(t.startswith("⚠") for t in texts), texts
        assert "⚠ Expédier dans 4 h" in texts and "⚠ Expédition en retard" in texts, texts
        names = [table.model().index(r, 1).data() for r in range(2)]
        for row, name in enumerate(names):
            width = table.fontMetrics().horizontalAdvance(name)
            assert table.columnWidth(1) >= width + 8, f"name cut in row {row}: {name}"
        assert table.columnWidth(COL_STATUS) >= table.sizeHintForColumn(COL_STATUS)
        window.grab().save("/tmp/h12-ready-fr.png")
        window.select_view("to_accept")
        QApplication.processEvents()
        header = window.table.model().headerData(COL_WHEN, Qt.Orientation.Horizontal)
        assert header == "Accepter avant (est.)"
        assert window.table.columnWidth(COL_WHEN) >= window.table.sizeHintForColumn(COL_WHEN)
        window.grab().save("/tmp/h12-to-accept-fr.png")
    finally:
        from counter_app.ui.i18n import remove_translators

        # Leave the app as other tests expect it: no catalogue, the default locale.
        qapp.setStyleSheet("")
        remove_translators(qapp)
        QLocale.setDefault(before)
