"""The demo's two marketplaces reach one list: Intermarché's and Carrefour's orders side by side.

Both demo simulators run over loopback HTTP; each account is synced into the one store through
its own scope (as the per-account background sync does), then the real window lists them.
The screenshot is kept with COUNTER_SCREENSHOTS=/some/dir.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import AppContext
from counter_app.marketplace.demo import start_demo_marketplace
from counter_app.marketplace.factory import connector_from_settings
from counter_app.sync.engine import SyncEngine
from counter_app.ui.app import apply_style

INTERMARCHE_ID = re.compile(r"^IM-20\d\d-\d{6}(-A)?$")
CARREFOUR_ID = re.compile(r"^C\d{7}(-A)?$")


def _sync_every_account(ctx: AppContext) -> None:
    for account in ctx.settings.effective_accounts():
        view = ctx.settings.for_account(account)
        connector = connector_from_settings(view, read_timeout=10, max_retries=1)
        try:
            engine = SyncEngine(ctx.repo.for_marketplace(account.key), connector, view)
            report = engine.run_cycle()
        finally:
            connector.close()
        assert report.online and not report.error, report.error


def test_the_demo_lists_orders_of_both_marketplaces(
    ctx: AppContext, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    ctx.settings.demo = True
    demo = start_demo_marketplace(ctx.settings, orders=24, tick_seconds=0)
    try:
        _sync_every_account(ctx)
        rows = ctx.repo.order_summaries(limit=1000)
        by_market: dict[str, list[str]] = {}
        for row in rows:
            by_market.setdefault(row.marketplace, []).append(row.order_id)
        assert set(by_market) == {"main", "carrefour-demo"}
        assert all(INTERMARCHE_ID.match(i) for i in by_market["main"])
        assert all(CARREFOUR_ID.match(i) for i in by_market["carrefour-demo"])

        apply_style(QApplication.instance())  # type: ignore[arg-type]
        window = make_window()
        window.resize(1366, 768)
        window.select_view("all")
        qtbot.waitUntil(lambda: window.model.rowCount() == len(rows), timeout=10_000)
        shown = [window.model.row_at(r) for r in range(window.model.rowCount())]
        markets = {row.marketplace for row in shown if row is not None}
        assert markets == {"main", "carrefour-demo"}
        folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path / "screens"))
        folder.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()
        assert window.grab().save(str(folder / "demo_two_marketplaces.png"))
    finally:
        demo.stop()
