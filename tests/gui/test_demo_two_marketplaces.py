"""The demo's two marketplaces reach one list: Intermarché's and Carrefour's orders side by side.

Both demo simulators run over loopback HTTP; the window's background syncs (one per account,
as `make run` starts them) bring each account's orders into the one store, and the list
shows them.
The screenshot is kept with COUNTER_SCREENSHOTS=/some/dir.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.marketplace.demo import start_demo_marketplace
from counter_app.settings import Settings, load_settings
from counter_app.ui.app import apply_style
from counter_app.ui.order_table_model import COL_ORDER

INTERMARCHE_ID = re.compile(r"^IM-20\d\d-\d{6}(-A)?$")
CARREFOUR_ID = re.compile(r"^C\d{7}(-A)?$")


def _markets(ctx: AppContext) -> dict[str, list[str]]:
    by_market: dict[str, list[str]] = {}
    for row in ctx.repo.order_summaries(limit=1000):
        by_market.setdefault(row.marketplace, []).append(row.order_id)
    return by_market


def test_the_demo_lists_orders_of_both_marketplaces(
    ctx: AppContext, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    from counter_app.ui.app import build_sync

    ctx.settings.demo = True
    demo = start_demo_marketplace(ctx.settings, orders=24, tick_seconds=0)
    bridge = build_sync(ctx)
    try:
        # The window's own background syncs, one per demo account (as `make run`).
        apply_style(QApplication.instance())  # type: ignore[arg-type]
        window = make_window(sync=bridge)
        window.resize(1366, 768)
        bridge.start()
        qtbot.waitUntil(lambda: len(_markets(ctx)) == 2, timeout=30_000)
        by_market = _markets(ctx)
        assert set(by_market) == {"main", "carrefour-demo"}
        assert all(INTERMARCHE_ID.match(i) for i in by_market["main"])
        assert all(CARREFOUR_ID.match(i) for i in by_market["carrefour-demo"])
        total = sum(len(ids) for ids in by_market.values())
        for server in demo.servers.values():
            assert server.requests["OR11"] >= 1  # each simulator was asked for its orders

        window.select_view("all")
        qtbot.waitUntil(lambda: window.model.rowCount() == total, timeout=10_000)
        shown = [window.model.row_at(r) for r in range(window.model.rowCount())]
        assert {row.marketplace for row in shown if row is not None} == set(by_market)
        # The longer of the two formats ("IM-2026-000143") fits its column, uncut.
        metrics = window.table.fontMetrics()
        widest = max(metrics.horizontalAdvance(r.commercial_id) for r in shown if r is not None)
        qtbot.waitUntil(lambda: window.table.columnWidth(COL_ORDER) >= widest + 4, timeout=5_000)
        folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens"))
        folder.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        assert window.grab().save(str(folder / "demo_two_marketplaces.png"))
    finally:
        bridge.stop()
        demo.stop()


def test_the_demo_accounts_are_never_saved_but_a_real_one_added_in_the_demo_is(
    settings: Settings,
) -> None:
    import copy

    from counter_app.ui.app import _demo_saver

    settings.demo = True
    demo = start_demo_marketplace(settings, orders=4, tick_seconds=0)
    try:
        frozen = copy.copy(settings)
        settings.till_name = "caisse-demo"
        _demo_saver(frozen)(settings)
        text = settings.paths.settings_file.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "démo)" not in text
        again = load_settings()
        assert again.effective_accounts() == [] and again.till_name == "caisse-demo"
        # A real marketplace typed into the demo's set-up is the shop's: it is kept.
        real = MarketplaceAccount("boulanger", "Boulanger", "https://boulanger.example", "88")
        settings.marketplaces = [*settings.marketplaces, real]
        _demo_saver(frozen)(settings)
        kept = load_settings().effective_accounts()
        assert [(a.key, a.url, a.shop_id) for a in kept] == [
            ("boulanger", "https://boulanger.example", "88")
        ]
    finally:
        demo.stop()
