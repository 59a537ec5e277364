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

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.marketplace.demo import start_demo_marketplace
from counter_app.marketplace.factory import connector_from_settings
from counter_app.settings import Settings, load_settings
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
