"""The real window at a shop on two marketplaces: the band names the marketplace of the code
scanned, and its confirm button collects that order, its `collect` in that account's lane.
Kept as a picture for a person to look at (COUNTER_SCREENSHOTS=/some/dir).

With one order number on both marketplaces: the scanned code's order is the one collected, its
bag slip asks to check the marketplace printed on it, the number typed names both."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.stages import Stage
from counter_app.store.outbox import Outbox
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import SoundLog, scan

IDS = {"main": "81000001-A", "carrefour": "CRF-2026-000417"}


def test_the_band_names_the_marketplace_and_enter_collects_that_order_only(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog, tmp_path: Path
) -> None:
    ctx.settings.marketplaces = [
        MarketplaceAccount("main", "Intermarché"),
        MarketplaceAccount("carrefour", "Carrefour"),
    ]
    codes = {}
    for key, customer in (("main", "Léa Martin"), ("carrefour", "Hugo Bernard")):
        repo = ctx.repo.for_marketplace(key)
        repo.upsert_orders([make_order(order_id=IDS[key], customer=customer)])
        codes[key] = repo.mark_ready(IDS[key], "C7", "till-1")
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(codes["carrefour"]))
    assert window.band.tone is Tone.OK and sounds.played[-1] == "ok"
    assert "Hugo Bernard" in window.band.details.text()
    assert "Carrefour" in window.band.details.text()
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    assert window.grab().save(str(folder / "hprint_window_band_two_marketplaces.png"))

    window.band.confirm_button.click()  # what Enter does too (the counter-flow tests)
    assert window.band.headline.text() == "Collected ✔"
    assert ctx.repo.require_order(IDS["carrefour"]).stage is Stage.COLLECTED
    assert ctx.repo.require_order(IDS["main"]).stage is Stage.READY
    lanes = {
        key: [a.order_id for a in Outbox(ctx.db, key).all() if a.action == "collect"]
        for key in ("main", "carrefour")
    }
    assert lanes == {"main": [], "carrefour": [IDS["carrefour"]]}


def test_one_number_on_both_marketplaces_the_scanned_code_is_the_one_collected(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    ctx.settings.marketplaces = [
        MarketplaceAccount("main", "Intermarché"),
        MarketplaceAccount("carrefour", "Carrefour"),
    ]
    same = "81000001-A"
    codes = {}
    for key, customer in (("main", "Léa Martin"), ("carrefour", "Hugo Bernard")):
        repo = ctx.repo.for_marketplace(key)
        repo.upsert_orders([make_order(order_id=same, customer=customer)])
        codes[key] = repo.mark_ready(same, "C7", "till-1")
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(codes["carrefour"]))
    assert window.band.tone is Tone.OK and "Carrefour" in window.band.details.text()
    window.band.confirm_button.click()
    assert window.band.headline.text() == "Collected ✔"
    assert ctx.repo.require_order(same, "carrefour").stage is Stage.COLLECTED
    assert ctx.repo.require_order(same, "main").stage is Stage.READY
    # The bag's slip (its bar code is the number alone, which Intermarché has too).
    scan(qtbot, window.table, same)
    assert window.band.headline.text() == "Check the slip's marketplace"
    assert "the slip says Carrefour" in window.band.message.text()
    # Next customer: the number typed by hand names both orders, nothing to hand over.
    window.desk.forget_customer()
    scan(qtbot, window.table, same)
    assert window.band.headline.text() == "Several orders match"
    assert f"{same} on Carrefour" in window.band.message.text()
    assert f"{same} on Intermarché" in window.band.message.text()
    assert not window.band.confirm_button.isVisible()
