"""Screenshots of a first day at 1366x768 and 1024x600, in French and English, with checks of
what a person would notice: texts cut, columns missing, a status bar off the screen.

Set COUNTER_SCREENSHOTS=/some/dir to keep the pictures (`screenshots/` is git-ignored);
otherwise they go to a temp dir.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.printing.messages import message
from counter_app.printing.printers import PrinterError
from counter_app.ui.app import apply_style, install_language
from counter_app.ui.main_window import MainWindow
from counter_app.ui.order_table_model import (
    COL_BAGS,
    COL_CUSTOMER,
    COL_ORDER,
    COL_SHELF,
    COL_STATUS,
)
from tests.factories import make_order
from tests.gui.conftest import PrinterLog, back_to_source_texts, offscreen_screen, scan
from tests.gui.setup_accounts import set_account

ROOT = Path(__file__).resolve().parents[2]
SIZES = [(1366, 768), (1024, 600)]
LANGUAGES = ["fr", "en"]
LONG_NAME = "Marie-Charlotte de La Rochefoucauld-Montbazon"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens")) / "first_day"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    back_to_source_texts(qapp)


def _save(widget: QWidget, shots: Path, name: str) -> Path:
    QApplication.processEvents()
    path = shots / f"{name}.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5_000
    return path


def _fits(widget: QWidget) -> None:
    """The widget's text is whole: wrapped labels tall enough, others wide enough."""
    name = widget.objectName() or type(widget).__name__
    text = getattr(widget, "text", lambda: "")()
    if isinstance(widget, QLabel) and widget.wordWrap():
        assert widget.heightForWidth(widget.width()) <= widget.height() + 1, f"{name}: {text!r}"
    elif isinstance(widget, QLabel):
        wide = max(widget.fontMetrics().horizontalAdvance(t) for t in text.split("\n"))
        assert wide <= widget.width(), f"{name} cut: {text!r}"
    else:
        assert widget.sizeHint().width() <= widget.width() + 1, f"{name} cut: {text!r}"


def _check_window(window: MainWindow, size: tuple[int, int]) -> None:
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    status = window.status.geometry()
    assert status.isValid() and status.bottom() < window.height()
    assert window.status.isVisible() and status.height() >= 18
    last = window.tabs.tabRect(window.tabs.count() - 1)
    assert last.right() <= window.tabs.width(), "tabs do not all fit"
    for i in range(window.tabs.count()):
        if not window.tabs.isTabVisible(i):
            continue  # "Not collected" shows only while it lists something
        rect = window.tabs.tabRect(i)
        text = window.tabs.tabText(i)
        assert window.tabs.fontMetrics().horizontalAdvance(text) <= rect.width(), text
    for field in (window.scan_field, window.search):
        hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
        assert hint <= field.width() - 24, f"hint cut: {field.placeholderText()!r}"
    assert window.status.width() <= window.width(), "status bar wider than the window"
    children = (
        window.status.online_label,
        window.status.synced_label,
        window.status.pending_label,
        window.status.problems_button,
        window.status.till_label,
        window.status.sync_button,
    )
    for child in children:
        if child.isVisible():
            right = child.mapTo(window.status, child.rect().topRight()).x()
            assert right <= window.status.width(), child.text()
            _fits(child)
    assert window.status.sync_button.isVisible()
    for widget in (
        window.band.headline,
        window.band.details,
        window.band.message,
        window.band.confirm_button,
        window.status.online_label,
        window.status.synced_label,
        window.status.pending_label,
        *window.detail.findChildren(QPushButton),
    ):
        if widget.isVisible():
            _fits(widget)
    # The columns staff need are on screen, wide enough for what they hold.
    table = window.table
    right = table.viewport().width()
    assert table.columnWidth(COL_CUSTOMER) >= 150, "customer column squeezed"
    for column in (COL_ORDER, COL_CUSTOMER, COL_BAGS, COL_SHELF, COL_STATUS):
        assert not table.isColumnHidden(column), column
        x = table.columnViewportPosition(column)
        assert x >= 0 and x + table.columnWidth(column) <= right + 1, column
    bold = QFont(table.horizontalHeader().font())
    bold.setBold(True)
    for column in (COL_ORDER, COL_BAGS, COL_SHELF, COL_STATUS):
        title = window.model.headerData(column, Qt.Orientation.Horizontal)
        needed = QFontMetrics(bold).horizontalAdvance(title) + 12
        assert needed <= table.columnWidth(column), f"header cut: {title!r}"
    for row in range(min(8, window.model.rowCount())):
        for column in (COL_ORDER, COL_BAGS, COL_SHELF, COL_STATUS):
            text = window.model.index(row, column).data() or ""
            needed = table.fontMetrics().horizontalAdvance(text)
            assert needed <= table.columnWidth(column), f"column {column} cuts {text!r}"


def _fill(ctx: AppContext) -> tuple[str, str]:
    orders = [
        make_order(state=state, customer=name)
        for state, name in [
            ("WAITING_ACCEPTANCE", "Jean Dupont"),
            ("SHIPPING", "Émilie Lefèvre"),
            ("SHIPPING", "Noël D'Aubigné"),
        ]
        * 15
    ]
    ctx.repo.upsert_orders(orders)
    ready = make_order(state="SHIPPING", customer=LONG_NAME)
    # Ship-by still ahead: these screens show a first day, not a late shipment.
    ready.deadline_at = datetime.now(UTC) + timedelta(days=2)
    ctx.repo.upsert_orders([ready])
    code = ctx.repo.mark_ready(ready.order_id, "B12-HAUT", "till-1", bag_count=2)
    return ready.order_id, format_pickup_code(code)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", LANGUAGES)
def test_first_day_screens(
    ctx: AppContext,
    make_window: Any,
    qtbot: Any,
    qapp: QApplication,
    shots: Path,
    styled: None,
    size: tuple[int, int],
    language: str,
) -> None:
    install_language(qapp, language)
    tag = f"{language}_{size[0]}x{size[1]}"
    order_id, code = _fill(ctx)
    window = make_window(printer=PrinterLog(fail_with=PrinterError(message("no_printer"))))
    window.resize(*size)
    _check_window(window, size)

    # 1. The band for a two-bag order.
    scan(qtbot, window.table, code)
    bags = "2 SACS — étagère B12-HAUT" if language == "fr" else "2 BAGS — shelf B12-HAUT"
    assert bags in window.band.details.text().replace("\xa0", " ")
    _check_window(window, size)
    _save(window, shots, f"{tag}_01_band_two_bags")
    window.band.clear()

    # 2. A search from another tab finds the ready order, and says it is ready.
    window.select_view("to_prepare")
    window.search.setText("Rochefoucauld")
    window._search_timer.stop()
    window._apply_search()
    assert window.model.rowCount() == 1
    ready_word = "Prête" if language == "fr" else "Ready"
    assert window.model.index(0, COL_STATUS).data() == ready_word
    assert window.detail.order is not None and window.detail.order.order_id == order_id
    _check_window(window, size)
    _save(window, shots, f"{tag}_02_search_other_stage")

    # 3. No printer: the slip's preview, with Save as PDF.
    job = window.print_document("slip", order_id)
    qtbot.waitUntil(lambda: job.done, timeout=5000)  # printing runs off the GUI thread
    assert job.ok
    dialog = window.preview
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == 2)
    save = dialog.findChild(QPushButton, "savePdfButton")
    assert save.isVisible()
    assert save.text() == ("Enregistrer en PDF" if language == "fr" else "Save as PDF")
    _fits(save)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    _save(dialog, shots, f"{tag}_03_preview")
    dialog.close()

    # 4. Set-up, on the shop's page, with a message under the name.
    setup = window.open_setup()
    qtbot.waitExposed(setup)
    set_account(setup, url="https://marketplace.example.com", api_key="key")
    setup.shop_name.setText("")
    setup.shop_address.setText("12 rue d'Austerlitz, 69004 Lyon")
    setup.opening_hours.setText("Mardi–samedi 10 h–19 h")
    setup.show_errors()
    QApplication.processEvents()
    assert setup.pages.currentIndex() == 1  # the page with the problem is in front
    assert setup.errors["shop_name"].isVisible()
    for label in setup.findChildren(QLabel):
        if label.isVisible():
            _fits(label)
    for edit in setup.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText():
            wide = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert wide <= edit.width() - 8, f"placeholder cut: {edit.placeholderText()!r}"
    hint = setup.sizeHint()
    assert hint.height() <= size[1] - 40 and hint.width() <= size[0], hint
    _save(setup, shots, f"{tag}_04_setup_shop")
    setup.pages.setCurrentIndex(0)
    long_answer = "The connection test failed: " + "the server said something long " * 6
    setup._answer(long_answer, ok=False)  # a long answer is shown whole
    for _ in range(3):
        QApplication.processEvents()
    _fits(setup.test_result)
    # ... and sits under the list and its buttons rather than covering them.
    above = setup.test_button.mapTo(setup, setup.test_button.rect().bottomLeft()).y()
    answer = setup.test_result
    assert answer.mapTo(setup, answer.rect().topLeft()).y() > above
    assert setup.sizeHint().height() <= size[1] - 40
    _save(setup, shots, f"{tag}_05_setup_marketplace")
    setup.reject()


# ---- the real start-up on a small screen --------------------------------------------------
PROBE = r"""
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from counter_app.bootstrap import open_context
from counter_app.settings import load_settings
from counter_app.ui.app import show_on_screen
from counter_app.ui.main_window import MainWindow
from counter_app.ui.order_table_model import (
    COL_BAGS, COL_CUSTOMER, COL_ORDER, COL_SHELF, COL_STATUS,
)
ctx = open_context(load_settings())
window = MainWindow(ctx)
show_on_screen(window)
for _ in range(20):
    app.processEvents()
screen = window.screen().availableGeometry()
frame = window.frameGeometry()
status = window.status
top_left = status.mapToGlobal(status.rect().topLeft())
bottom = status.mapToGlobal(status.rect().bottomRight())
table = window.table
hidden = [c for c in range(window.model.columnCount()) if table.isColumnHidden(c)]
needed = [COL_ORDER, COL_CUSTOMER, COL_BAGS, COL_SHELF, COL_STATUS]
print(json.dumps({
    "screen": [screen.x(), screen.y(), screen.width(), screen.height()],
    "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
    "maximized": window.isMaximized(),
    "status": [top_left.x(), top_left.y(), bottom.x(), bottom.y()],
    "status_visible": status.isVisible(),
    "needed_hidden": [c for c in needed if c in hidden],
}))
window.close()
ctx.close()
"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_window_opens_maximised_with_the_status_bar_on_screen(
    home: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": offscreen_screen(tmp_path, *size)}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    sx, sy, sw, sh = facts["screen"]
    assert (sw, sh) == size
    fx, fy, fw, fh = facts["frame"]
    # The whole window, title bar and frame included, is on the screen.
    assert fx >= sx and fy >= sy and fx + fw <= sx + sw and fy + fh <= sy + sh, facts
    _left, top, _right, bottom = facts["status"]
    assert facts["status_visible"] and top >= sy and bottom < sy + sh, facts
    assert facts["needed_hidden"] == [], facts
