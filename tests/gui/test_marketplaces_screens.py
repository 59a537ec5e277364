"""Screenshots of the list with two marketplaces and of the status bar showing both, at
1280x800 and 1024x600, in French and English, with checks that nothing is cut.

Set COUNTER_SCREENSHOTS=/some/dir to keep the pictures; otherwise they go to a temp dir.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.settings import Settings
from counter_app.sync.background import SyncStatus
from counter_app.ui.app import apply_style, install_language
from counter_app.ui.main_window import MainWindow
from counter_app.ui.order_table_model import (
    COL_BAGS,
    COL_CUSTOMER,
    COL_MARKET,
    COL_ORDER,
    COL_SHELF,
    COL_STATUS,
)
from counter_app.ui.sync_bridge import SyncBridge
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts
from tests.gui.test_screens_first_day import _fits, _save

SIZES = [(1280, 800), (1024, 600)]


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens")) / "marketplaces"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    apply_style(qapp)
    yield
    qapp.setStyleSheet("")
    back_to_source_texts(qapp)


def _status(key: str, name: str, **values: Any) -> SyncStatus:
    return SyncStatus(
        online=values.pop("online", True),
        last_success_at=values.pop("last_success_at", None),
        pending_actions=values.pop("pending_actions", 0),
        problems=0,
        marketplace=key,
        marketplace_name=name,
        **values,
    )


def _fill(ctx: AppContext, settings: Settings) -> None:
    settings.marketplaces = [
        MarketplaceAccount(key="intermarche", name="Intermarché (démo)", url="http://127.0.0.1:9"),
        MarketplaceAccount(key="carrefour", name="Carrefour (démo)", url="http://127.0.0.1:9"),
    ]
    for account, colour in zip(settings.marketplaces, ("#1565c0", "#e65100"), strict=True):
        account.colour = colour
    settings.marketplace_key = "intermarche"
    names = ["Jean Dupont", "Émilie Lefèvre", "Noël D'Aubigné", "Marie-Charlotte Rochefort"]
    for key, prefix in (("intermarche", "IM"), ("carrefour", "CF")):
        orders = [
            make_order(order_id=f"{prefix}{4100 + n}-A", state="SHIPPING", customer=name)
            for n, name in enumerate(names * 3)
        ]
        for order in orders:
            order.deadline_at = datetime.now(UTC) + timedelta(days=2)
        ctx.repo.for_marketplace(key).upsert_orders(orders)
    # Two actions wait in Carrefour's lane (its marketplace is down in these screens).
    for order_id in ("CF4100-A", "CF4101-A"):
        ctx.repo.mark_ready(order_id, "B2", "till-1", marketplace="carrefour")


def _check_window(window: MainWindow, size: tuple[int, int]) -> None:
    """What a person would notice: tabs, hints, status bar, columns cut or missing."""
    QApplication.processEvents()
    assert (window.width(), window.height()) == size
    status = window.status.geometry()
    assert status.isValid() and status.bottom() < window.height()
    assert window.status.width() <= window.width(), "status bar wider than the window"
    last = window.tabs.tabRect(window.tabs.count() - 1)
    assert last.right() <= window.tabs.width(), "tabs do not all fit"
    for i in range(window.tabs.count()):
        if window.tabs.isTabVisible(i):
            text = window.tabs.tabText(i)
            assert (
                window.tabs.fontMetrics().horizontalAdvance(text) <= window.tabs.tabRect(i).width()
            ), text
    for field in (window.scan_field, window.search):
        hint = field.fontMetrics().horizontalAdvance(field.placeholderText())
        assert hint <= field.width() - 24, f"hint cut: {field.placeholderText()!r}"
    table = window.table
    assert table.columnWidth(COL_CUSTOMER) >= 150, "customer column squeezed"
    wanted = [COL_ORDER, COL_MARKET, COL_CUSTOMER, COL_SHELF, COL_STATUS]
    if not window.model.bags_always_empty():
        wanted.append(COL_BAGS)
    for column in wanted:
        assert not table.isColumnHidden(column), column
        x = table.columnViewportPosition(column)
        assert x >= 0 and x + table.columnWidth(column) <= table.viewport().width() + 1, column
    for row in range(min(8, window.model.rowCount())):
        for column in (COL_ORDER, COL_SHELF, COL_STATUS):
            text = window.model.index(row, column).data() or ""
            needed = table.fontMetrics().horizontalAdvance(text)
            assert needed <= table.columnWidth(column), f"column {column} cuts {text!r}"


def _check_marketplace_column(window: MainWindow) -> None:
    table = window.table
    assert not table.isColumnHidden(COL_MARKET)
    assert table.columnWidth(COL_CUSTOMER) >= 150, "customer column squeezed"
    x = table.columnViewportPosition(COL_MARKET)
    assert x >= 0 and x + table.columnWidth(COL_MARKET) <= table.viewport().width() + 1
    for row in range(min(8, window.model.rowCount())):
        text = window.model.index(row, COL_MARKET).data() or ""
        needed = table.fontMetrics().horizontalAdvance(text) + 12 + 4  # swatch and gap
        assert needed <= table.columnWidth(COL_MARKET), f"marketplace cut: {text!r}"
    combo = window.lists.marketplace_filter
    assert combo.isVisible() and combo.width() >= combo.sizeHint().width() - 1


def _check_status(window: MainWindow) -> None:
    label = window.status.accounts_label
    assert label.isVisible()
    right = label.mapTo(window.status, label.rect().topRight()).x()
    assert right <= window.status.width(), label.text()
    assert label.sizeHint().width() <= label.width() + 1, f"accounts cut: {label.text()!r}"
    for child in (window.status.problems_button, window.status.sync_button):
        if child.isVisible():
            _fits(child)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("language", ["fr", "en"])
def test_list_and_status_bar_with_two_marketplaces(
    ctx: AppContext,
    settings: Settings,
    make_window: Any,
    qtbot: Any,
    qapp: QApplication,
    shots: Path,
    styled: None,
    size: tuple[int, int],
    language: str,
) -> None:
    install_language(qapp, language)
    _fill(ctx, settings)
    bridge = SyncBridge()
    window = make_window(sync=bridge)
    bridge.attach(object())  # type: ignore[arg-type]  # a sync is set up (not reached here)
    window.resize(*size)
    window.select_view("to_prepare")
    seen: list[object] = []
    bridge.status_changed.connect(seen.append)
    two_min_ago = datetime.now(UTC) - timedelta(minutes=2, seconds=5)
    bridge.on_status(_status("intermarche", "Intermarché (démo)", last_success_at=two_min_ago))
    bridge.on_status(
        _status(
            "carrefour",
            "Carrefour (démo)",
            online=False,
            pending_actions=2,
            last_error="connection refused",
        )
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    window.refresh_all()
    QApplication.processEvents()
    tag = f"{language}_{size[0]}x{size[1]}"
    _save(window, shots, f"{tag}_01_list_two_marketplaces")  # first: kept when a check fails
    _check_window(window, size)
    _check_marketplace_column(window)
    _check_status(window)
    words = "hors ligne, 2 en attente" if language == "fr" else "offline, 2 waiting"
    assert words in window.status.accounts_label.text()

    window.lists.set_marketplace("carrefour")
    QApplication.processEvents()
    assert window.model.rowCount() == 10  # two are ready
    _save(window, shots, f"{tag}_02_filtered_carrefour")
    _check_window(window, size)
    _check_marketplace_column(window)
