"""The counter window with two marketplace accounts: real store file, real widgets.

Orders are stored the way each account's sync stores them (`repo.for_marketplace(key)`); the
window must name each order's marketplace, filter by it (list and tab counts), keep two orders
with the same id apart, act on the one on screen, and show each account's sync state.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.outbox import Outbox
from counter_app.sync.background import SyncStatus
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_table_model import COL_MARKET, ORDER_REF_ROLE
from counter_app.ui.status_bar import SyncView
from counter_app.ui.sync_bridge import SyncBridge
from tests.factories import make_order
from tests.gui.conftest import when_modal

SHARED_ID = "1042-A"


def two_accounts(settings: Settings) -> None:
    settings.marketplaces = [
        MarketplaceAccount(
            key="intermarche", name="Intermarché", url="http://127.0.0.1:9", colour="#1565c0"
        ),
        MarketplaceAccount(
            key="carrefour", name="Carrefour", url="http://127.0.0.1:9", colour="#e65100"
        ),
    ]
    settings.marketplace_key = "intermarche"


def stock(ctx: AppContext) -> None:
    """Three Intermarché orders, two Carrefour ones; both have an order `SHARED_ID`."""
    inter = ctx.repo.for_marketplace("intermarche")
    carre = ctx.repo.for_marketplace("carrefour")
    inter.upsert_orders(
        [
            make_order(order_id=SHARED_ID, state="SHIPPING", customer="Jade Lambert"),
            make_order(order_id="1043-A", state="SHIPPING", customer="Paul Girard"),
            make_order(order_id="1044-A", state="WAITING_ACCEPTANCE", customer="Nina Roux"),
        ]
    )
    carre.upsert_orders(
        [
            make_order(order_id=SHARED_ID, state="SHIPPING", customer="Hugo Moreau"),
            make_order(order_id="CF-77", state="WAITING_ACCEPTANCE", customer="Léa Petit"),
        ]
    )


def rows(window: Any) -> list[tuple[str, str, str]]:
    """(order id, marketplace key, marketplace column text) of every row listed."""
    model = window.model
    out = []
    for row in range(model.rowCount()):
        ref = model.index(row, 0).data(ORDER_REF_ROLE)
        out.append((ref.order_id, ref.marketplace, model.index(row, COL_MARKET).data()))
    return out


def tab_count(window: Any, key: str) -> str:
    tabs = window.tabs
    index = next(i for i in range(tabs.count()) if tabs.tabData(i) == key)
    return str(tabs.tabText(index))


def test_both_marketplaces_are_listed_with_their_names(
    ctx: AppContext, settings: Settings, make_window: Any
) -> None:
    two_accounts(settings)
    stock(ctx)
    window = make_window()
    window.select_view("to_prepare")
    listed = rows(window)
    assert sorted(listed) == [
        ("1042-A", "carrefour", "Carrefour"),
        ("1042-A", "intermarche", "Intermarché"),
        ("1043-A", "intermarche", "Intermarché"),
    ]
    assert not window.table.isColumnHidden(COL_MARKET)
    # The name comes with a colour swatch (never the colour alone).
    swatch = window.model.index(0, COL_MARKET).data(Qt.ItemDataRole.DecorationRole)
    assert swatch is not None and not swatch.isNull()
    header = window.table.horizontalHeader()
    assert header.visualIndex(COL_MARKET) == 1  # right after the order number
    assert window.lists.marketplace_filter.isVisibleTo(window)
    assert [
        window.lists.marketplace_filter.itemText(i)
        for i in range(window.lists.marketplace_filter.count())
    ] == ["All marketplaces", "Intermarché", "Carrefour"]
    # The detail pane names the marketplace of the order shown.
    assert window.detail.marketplace.isVisibleTo(window)
    shown = window.detail.order
    assert shown is not None
    name = "Carrefour" if shown.marketplace == "carrefour" else "Intermarché"
    assert name in window.detail.marketplace.text()


def test_the_filter_narrows_the_list_and_the_tab_counts(
    ctx: AppContext, settings: Settings, make_window: Any
) -> None:
    two_accounts(settings)
    stock(ctx)
    window = make_window()
    window.select_view("to_prepare")
    assert tab_count(window, "to_prepare").endswith(" 3")
    assert tab_count(window, "to_accept").endswith("2") or "2  ·" in tab_count(window, "to_accept")
    window.lists.set_marketplace("carrefour")
    assert [(oid, key) for oid, key, _ in rows(window)] == [("1042-A", "carrefour")]
    assert tab_count(window, "to_prepare").endswith(" 1")
    assert "1" in tab_count(window, "to_accept").split("·")[0]
    assert window.detail.order is not None and window.detail.order.marketplace == "carrefour"
    # Another tab keeps the filter; so does a search.
    window.select_view("to_accept")
    assert [(oid, key) for oid, key, _ in rows(window)] == [("CF-77", "carrefour")]
    window.search.setText("Nina")
    window._apply_search()
    assert rows(window) == []  # Nina's order is on Intermarché
    window.lists.set_marketplace(None)
    assert [(oid, key) for oid, key, _ in rows(window)] == [("1044-A", "intermarche")]
    window.search.setText("")
    window._apply_search()
    # All marketplaces again: every order, every count.
    window.select_view("to_prepare")
    assert len(rows(window)) == 3
    assert tab_count(window, "to_prepare").endswith(" 3")


def test_the_same_order_id_on_two_marketplaces_is_two_orders_acted_on_apart(
    ctx: AppContext, settings: Settings, make_window: Any, qtbot: Any
) -> None:
    two_accounts(settings)
    stock(ctx)
    window = make_window()
    window.select_view("to_prepare")
    carrefour = OrderRef(SHARED_ID, "carrefour")
    # Selecting the Carrefour row shows Hugo's order, not Jade's of Intermarché.
    row = window.model.row_of(carrefour)
    assert row is not None
    window.table.selectRow(row)
    assert window.current_ref == carrefour
    assert window.detail.order is not None
    assert window.detail.order.customer_name == "Hugo Moreau"

    def ready(dialog: QWidget) -> None:
        dialog.shelf.setText("C4")  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(ready)
    window.detail.ready_button.click()  # the pane's own button: it emits the shown order
    qtbot.waitUntil(lambda: window.detail.order is not None and window.toast.isVisible())

    carre = ctx.repo.get_order(SHARED_ID, "carrefour")
    inter = ctx.repo.get_order(SHARED_ID, "intermarche")
    assert carre is not None and inter is not None
    assert carre.stage is Stage.READY and carre.shelf == "C4"
    assert inter.stage is Stage.TO_PREPARE and inter.shelf == ""
    # The action is queued once, in Carrefour's lane, none in Intermarché's.
    carre_lane = [a for a in Outbox(ctx.repo.db, "carrefour").all() if a.order_id == SHARED_ID]
    inter_lane = [a for a in Outbox(ctx.repo.db, "intermarche").all() if a.order_id == SHARED_ID]
    assert [a.action for a in carre_lane] == ["ready"]
    assert all(a.marketplace == "carrefour" for a in carre_lane)
    assert inter_lane == []
    # The Intermarché order is still listed to prepare, and can be noted on its own.
    listed = [(oid, key) for oid, key, _ in rows(window)]
    assert (SHARED_ID, "intermarche") in listed and (SHARED_ID, "carrefour") not in listed


def test_a_note_and_a_problem_reach_only_the_order_on_screen(
    ctx: AppContext, settings: Settings, make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_accounts(settings)
    stock(ctx)
    ctx.repo.flag_problem(SHARED_ID, "Livre abîmé", marketplace="intermarche")
    ctx.repo.flag_problem(SHARED_ID, "Client absent", marketplace="carrefour")
    window = make_window()
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: ("Rappeler", True))
    window.add_note(OrderRef(SHARED_ID, "intermarche"))
    window.clear_problem(OrderRef(SHARED_ID, "carrefour"))
    inter = ctx.repo.get_order(SHARED_ID, "intermarche")
    carre = ctx.repo.get_order(SHARED_ID, "carrefour")
    assert inter is not None and carre is not None
    assert "Rappeler" in inter.notes and "Rappeler" not in carre.notes
    assert inter.problem == "Livre abîmé" and carre.problem == ""


def test_a_bare_id_two_marketplaces_share_selects_nothing_rather_than_guess(
    ctx: AppContext, settings: Settings, make_window: Any
) -> None:
    two_accounts(settings)
    stock(ctx)
    window = make_window()
    window.show_order(SHARED_ID)  # a scan service that does not say the marketplace
    assert window.detail.order is None
    window.select_view("to_prepare")
    shown = window.current_ref
    window.reveal_order(SHARED_ID)  # both are in this list: neither is picked
    assert window.current_ref == shown
    window.show_order("1043-A")  # unique: found, and its marketplace known from then on
    assert window.current_ref == OrderRef("1043-A", "intermarche")


def test_new_order_toast_names_each_marketplace(
    ctx: AppContext, settings: Settings, make_window: Any, sync_workers: None
) -> None:
    two_accounts(settings)
    stock(ctx)
    window = make_window()
    window.notify_new_orders([OrderRef(SHARED_ID, "carrefour"), OrderRef("1044-A", "intermarche")])
    text = window.toast.text()
    assert "Hugo Moreau (Carrefour)" in text and "Nina Roux (Intermarché)" in text
    assert "Jade Lambert" not in text


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


def test_the_status_bar_shows_each_account_one_offline(
    ctx: AppContext, settings: Settings, make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    two_accounts(settings)
    stock(ctx)
    bridge = SyncBridge()
    window = make_window(sync=bridge)
    bridge.attach(object())  # type: ignore[arg-type]  # a sync is running (not reached)
    a_minute_ago = datetime.now(UTC) - timedelta(minutes=1, seconds=10)
    views: list[SyncView] = []
    bridge.status_changed.connect(views.append)
    bridge.on_status(_status("intermarche", "Intermarché", last_success_at=a_minute_ago))
    bridge.on_status(
        _status(
            "carrefour",
            "Carrefour",
            online=False,
            pending_actions=2,
            last_error="connection refused",
        )
    )
    qtbot.waitUntil(lambda: len(views) == 2)
    text = window.status.accounts_label.text()
    assert window.status.accounts_label.isVisible()
    assert not window.status.online_label.isVisible()
    assert "Intermarché" in text and "synced 1 min ago" in text
    assert "Carrefour" in text and "offline" in text and "2 waiting" in text
    assert "connection refused" in window.status.accounts_label.toolTip()
    # One flag for everything that needs one: offline while any account is.
    assert views[-1].online is False
    assert views[-1].pending_actions == 2
    assert views[0].online is True  # Intermarché alone was online
    window.resize(1280, 800)
    window.status.grab().save(str(tmp_path / "status-two-accounts.png"))


def test_a_status_without_marketplace_counts_as_main(qtbot: Any) -> None:
    bridge = SyncBridge()
    views: list[SyncView] = []
    bridge.status_changed.connect(views.append)
    bridge.on_status(SyncStatus(online=True, last_success_at=None, pending_actions=1, problems=0))
    qtbot.waitUntil(lambda: len(views) == 1)
    assert [a.key for a in views[0].accounts] == ["main"]
    assert views[0].online is True and views[0].pending_actions == 1


def test_a_single_account_shop_sees_no_marketplace_column(
    ctx: AppContext, settings: Settings, make_window: Any
) -> None:
    settings.marketplace_url = "http://127.0.0.1:9"
    settings.shop_id = "2001"
    ctx.repo.upsert_orders([make_order(state="SHIPPING", customer="Jade Lambert")])
    window = make_window()
    window.select_view("to_prepare")
    assert window.model.rowCount() == 1
    assert window.table.isColumnHidden(COL_MARKET)
    assert not window.lists.marketplace_filter.isVisibleTo(window)
    assert not window.detail.marketplace.isVisibleTo(window)
    assert window.status.online_label.isVisibleTo(window)
    assert not window.status.accounts_label.isVisibleTo(window)


def _show(window: Any, ref: OrderRef) -> None:
    window.select_view("all")
    window.show_order(ref)
    assert window.current_ref == ref
    assert window.detail.ref == ref


def test_reply_and_reminder_switch_go_to_the_order_on_screen(
    ctx: AppContext, settings: Settings, make_window: Any, qtbot: Any
) -> None:
    two_accounts(settings)
    stock(ctx)
    for key in ("intermarche", "carrefour"):
        ctx.repo.mark_ready(SHARED_ID, "A1", "till-1", marketplace=key)
        ctx.repo.set_thread_id(SHARED_ID, f"T-{key}", marketplace=key)
    window = make_window()
    carrefour = OrderRef(SHARED_ID, "carrefour")
    _show(window, carrefour)
    view = window.detail.customer_messages
    assert view.thread_id == "T-carrefour"
    view.reply.setPlainText("Votre commande vous attend.")
    view.send.click()
    replies = {
        key: [a for a in Outbox(ctx.repo.db, key).all() if a.action == "reply"]
        for key in ("intermarche", "carrefour")
    }
    assert replies["intermarche"] == []
    assert [(a.order_id, a.payload["thread_id"]) for a in replies["carrefour"]] == [
        (SHARED_ID, "T-carrefour")
    ]
    # The reminder switch: off for Carrefour's order only.
    assert view.switch.isChecked()
    view.switch.setChecked(False)
    from counter_app.store.reminders import ReminderStore

    assert ReminderStore(ctx.repo.db, "carrefour").reminders_off(SHARED_ID)
    assert not ReminderStore(ctx.repo.db, "intermarche").reminders_off(SHARED_ID)
    assert window.current_ref == carrefour  # shown again, still the same order


def test_cancel_and_print_reach_the_order_on_screen(
    ctx: AppContext, settings: Settings, make_window: Any, qtbot: Any, sync_workers: None
) -> None:
    from counter_app.ui import cancel_order

    two_accounts(settings)
    stock(ctx)
    ctx.repo.mark_ready(SHARED_ID, "A1", "till-1", marketplace="intermarche")
    ctx.repo.mark_ready(SHARED_ID, "C9", "till-1", marketplace="carrefour")

    printed: list[tuple[str, str, str]] = []

    class Printer:
        def print_document(self, kind: str, order: Any) -> str:
            printed.append((kind, order.marketplace, order.shelf))
            return "test"

        def print_daily_list(self, repo: Any, day: Any = None) -> str:
            return "test"

    window = make_window(printer=Printer())
    intermarche = OrderRef(SHARED_ID, "intermarche")
    _show(window, intermarche)
    window.detail.slip_button.click()
    qtbot.waitUntil(lambda: bool(printed))
    assert printed == [("slip", "intermarche", "A1")]

    assert cancel_order.ask_and_cancel(window, intermarche, dialog_hook=lambda _d: True)
    from counter_app.store.cancellation import back_to_shelves

    # Only Intermarché's books go back to the shelves (its shelf A1, not Carrefour's C9).
    assert {item.shelf for item in back_to_shelves(ctx.repo)} == {"A1"}
    carre = ctx.repo.get_order(SHARED_ID, "carrefour")
    assert carre is not None and carre.stage is Stage.READY
    lanes = {
        key: [a.action for a in Outbox(ctx.repo.db, key).all() if a.order_id == SHARED_ID]
        for key in ("intermarche", "carrefour")
    }
    assert lanes["carrefour"] == ["ready"]  # only its own ready, nothing of the cancel
    assert lanes["intermarche"][0] == "ready" and len(lanes["intermarche"]) > 1
