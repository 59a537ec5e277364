"""Screenshots of the main states at 1366x768, with checks that nothing is cut off.

Set COUNTER_SCREENSHOTS=/some/dir to keep the pictures; otherwise they go to a temp dir.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.ui.app import apply_style
from counter_app.ui.main_window import MainWindow
from counter_app.ui.verdict_band import TONE_COLOURS, Tone
from tests.factories import make_order
from tests.gui.conftest import scan
from tests.gui.setup_accounts import set_account

SCREEN = (1366, 768)


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _assert_nothing_cut(window: MainWindow) -> None:
    QApplication.processEvents()  # let pending layouts settle, as the screen would
    assert (window.width(), window.height()) == SCREEN
    last = window.tabs.tabRect(window.tabs.count() - 1)
    assert last.right() <= window.tabs.width(), "tabs do not all fit"
    widgets: list[QWidget] = [
        window.band.headline,
        window.band.details,
        window.status.online_label,
        window.status.synced_label,
        window.status.pending_label,
        window.status.problems_button,
        *window.detail.findChildren(QPushButton),
        window.band.confirm_button,
    ]
    for widget in widgets:
        if not widget.isVisible():
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            assert needed <= widget.height() + 1, f"{name} cut: {widget.text()!r}"
        else:
            assert widget.sizeHint().width() <= widget.width() + 1, (
                f"{name} cut: {getattr(widget, 'text', lambda: '')()!r}"
            )
    band = window.band.geometry()
    assert band.bottom() < window.height() and band.width() > 0.9 * window.width()


def _save(window: QWidget, shots: Path, name: str) -> Path:
    QApplication.processEvents()
    path = shots / f"{name}.png"
    assert window.grab().save(str(path))
    return path


def test_screens_of_the_main_states(
    ctx: AppContext, make_window: Any, qtbot: Any, shots: Path, qapp: QApplication
) -> None:
    apply_style(qapp)
    try:
        window = make_window()
        window.resize(*SCREEN)
        _assert_nothing_cut(window)
        _save(window, shots, "01_empty")

        orders = [
            make_order(state=state, customer=name)
            for state, name in [
                ("WAITING_ACCEPTANCE", "Marie-Charlotte de La Rochefoucauld-Montbazon"),
                ("WAITING_ACCEPTANCE", "Jean Dupont"),
                ("SHIPPING", "Émilie Lefèvre"),
                ("SHIPPING", "Noël D'Aubigné"),
            ]
            * 60
        ]
        ctx.repo.upsert_orders(orders)
        ready = make_order(
            state="SHIPPING", customer="Marie-Charlotte de La Rochefoucauld-Montbazon"
        )
        ctx.repo.upsert_orders([ready])
        code = ctx.repo.mark_ready(ready.order_id, "B12-HAUT", "till-1", bag_count=2)
        ctx.repo.add_note(ready.order_id, "Cliente pressée : garder le sac près de la caisse.")
        window.refresh_all()
        window.table.selectRow(0)
        _assert_nothing_cut(window)
        _save(window, shots, "02_busy_list")

        cases = [
            ("03_verdict_ok", format_pickup_code(code), Tone.OK),
            ("04_verdict_orange", orders[2].order_id, Tone.WARN),
            ("05_verdict_red", format_pickup_code(code), Tone.BAD),
        ]
        for name, text, tone in cases:
            if tone is Tone.BAD:
                window.confirm_collection(ready.order_id, ask_bags=False)  # next scan: red
            window.band.clear()  # a new customer, not a bag check
            scan(qtbot, window.table, text)
            assert window.band.tone is tone
            _assert_nothing_cut(window)
            image = _save(window, shots, name).read_bytes()
            assert image
            colour = window.band.grab().toImage().pixelColor(5, 60).name()
            assert colour == TONE_COLOURS[tone]

        dialog = window.open_setup()
        qtbot.waitExposed(dialog)
        set_account(dialog, url="https://marketplace.example.com", api_key="key")
        dialog.till.setText("")
        dialog.show_errors()
        QApplication.processEvents()
        for label in dialog.findChildren(QLabel):
            if label.objectName().startswith("error_") and label.isVisible():
                needed = label.heightForWidth(label.width())
                assert label.height() >= needed, f"{label.objectName()} squeezed"
        hint = dialog.sizeHint()
        assert hint.height() <= SCREEN[1] - 60 and hint.width() <= SCREEN[0]
        assert dialog.height() <= SCREEN[1]
        _save(dialog, shots, "06_setup_dialog")
        dialog.reject()
    finally:
        qapp.setStyleSheet("")
    names = ("01_empty", "02_busy_list", "03_verdict_ok", "04_verdict_orange")
    for name in (*names, "05_verdict_red", "06_setup_dialog"):
        assert (shots / f"{name}.png").stat().st_size > 10_000
