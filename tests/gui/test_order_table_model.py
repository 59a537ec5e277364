"""The order table model on a real SQLite store, without any widget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from counter_app.bootstrap import AppContext
from counter_app.domain.orders import OrderLine
from counter_app.domain.stages import Stage
from counter_app.ui.order_table_model import (
    COL_CUSTOMER,
    COL_ITEMS,
    COL_ORDER,
    COL_STATUS,
    COL_WHEN,
    ORDER_ID_ROLE,
    PAGE_SIZE,
    OrderTableModel,
)
from counter_app.ui.order_tabs import VIEW_BY_KEY
from tests.factories import make_order


def _names(model: OrderTableModel) -> list[str]:
    return [model.index(r, COL_CUSTOMER).data() for r in range(model.rowCount())]


def test_each_tab_counts_and_lists_its_own_stage(ctx: AppContext, qapp: object) -> None:
    ctx.repo.upsert_orders(
        [
            make_order(state="WAITING_ACCEPTANCE", customer="Anne Accepter"),
            make_order(state="SHIPPING", customer="Paul Préparer"),
            make_order(state="TO_COLLECT", customer="Rita Prête", shelf="A1"),
            make_order(state="CANCELED", customer="Claire Annulée"),
        ]
    )
    expected = {
        "to_accept": ["Anne Accepter"],
        "to_prepare": ["Paul Préparer"],
        "ready": ["Rita Prête"],
        "problems": [],
    }
    for key, names in expected.items():
        model = OrderTableModel(ctx.repo, VIEW_BY_KEY[key])
        assert model.rowCount() == len(names), key
        assert _names(model) == names
    assert OrderTableModel(ctx.repo, VIEW_BY_KEY["all"]).rowCount() == 4


def test_rows_show_order_number_items_and_a_deadline(ctx: AppContext, qapp: object) -> None:
    # "Accept before" is an estimate: created_date + the operator's acceptance delay.
    created = datetime.now(UTC) - timedelta(hours=23)
    soon = created + timedelta(hours=ctx.settings.acceptance_delay_hours)
    order = make_order(state="WAITING_ACCEPTANCE", order_id="CC777-A", created_at=created)
    order.deadline_at = created + timedelta(days=5)  # the ship-by date is not shown here
    ctx.repo.upsert_orders([order])
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["to_accept"], settings=ctx.settings)
    assert model.column_title(COL_WHEN) == "Accept before (est.)"
    assert model.index(0, COL_ORDER).data() == "CC777"
    assert model.index(0, COL_ITEMS).data() == "3"  # 1 + 2 copies
    assert model.index(0, COL_ORDER).data(ORDER_ID_ROLE) == "CC777-A"
    when = model.index(0, COL_WHEN).data()
    assert soon.astimezone().strftime("%H:%M") in when
    # Less than two hours left: the deadline is painted red.
    colour = model.index(0, COL_WHEN).data(Qt.ItemDataRole.ForegroundRole).color().name()
    assert colour == "#b3261e"


def test_rows_are_read_one_page_at_a_time(ctx: AppContext, qapp: object) -> None:
    ctx.repo.upsert_orders([make_order(state="SHIPPING") for _ in range(PAGE_SIZE * 3 + 10)])
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["to_prepare"])
    assert model.rowCount() == PAGE_SIZE * 3 + 10
    assert model.pages_fetched == 0  # only counted so far
    model.index(0, COL_CUSTOMER).data()
    model.index(5, COL_CUSTOMER).data()
    assert model.pages_fetched == 1
    assert model.cached_rows() == PAGE_SIZE
    last = model.index(model.rowCount() - 1, COL_ORDER).data()
    assert last and model.pages_fetched == 2
    assert model.index(model.rowCount(), COL_ORDER).data() is None
    # Pages read from the far end line up exactly with those read from the start.
    ids = [model.index(r, COL_ORDER).data(ORDER_ID_ROLE) for r in range(model.rowCount())]
    fresh = OrderTableModel(ctx.repo, VIEW_BY_KEY["to_prepare"])
    forward = [o.order_id for o in ctx.repo.order_summaries([Stage.TO_PREPARE], limit=10_000)]
    assert ids == forward
    assert fresh.row_at(fresh.rowCount() - 1).order_id == forward[-1]


def test_sorting_by_a_column_reorders_rows(ctx: AppContext, qapp: object) -> None:
    ctx.repo.upsert_orders(
        [
            make_order(state="TO_COLLECT", customer=name)
            for name in ("Zoé Martin", "Émilie Dubois", "Bruno Petit")
        ]
    )
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["ready"])
    model.sort(COL_CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert _names(model) == ["Bruno Petit", "Émilie Dubois", "Zoé Martin"]  # accents folded
    model.sort(COL_CUSTOMER, Qt.SortOrder.DescendingOrder)
    assert _names(model) == ["Zoé Martin", "Émilie Dubois", "Bruno Petit"]
    model.sort(COL_ITEMS, Qt.SortOrder.AscendingOrder)  # not sortable: order kept
    assert _names(model) == ["Zoé Martin", "Émilie Dubois", "Bruno Petit"]


def test_search_by_name_number_email_and_isbn(ctx: AppContext, qapp: object) -> None:
    ctx.repo.upsert_orders(
        [
            make_order(order_id="CC500-A", customer="Hélène Giraud", email="helene@ex.fr"),
            make_order(
                order_id="CC600-A",
                customer="Marc Roux",
                email="marc@ex.fr",
                lines=[OrderLine("l1", "Germinal", 1, sku="9782253004226", ean="9782253004226")],
            ),
        ]
    )
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["all"])
    for text, name in [
        ("helene", "Hélène Giraud"),
        ("CC600", "Marc Roux"),
        ("marc@ex", "Marc Roux"),
        ("978-2-253-00422-6", "Marc Roux"),
    ]:
        model.set_search(text)
        assert _names(model) == [name], text
    model.set_search("nobody at all")
    assert model.rowCount() == 0


def test_collected_today_leaves_out_older_collections(ctx: AppContext, qapp: object) -> None:
    today = make_order(state="TO_COLLECT", customer="Today")
    old = make_order(state="TO_COLLECT", customer="Last week")
    ctx.repo.upsert_orders([today, old])
    for order, when in ((today, datetime.now(UTC)), (old, datetime.now(UTC) - timedelta(days=7))):

        def effect(_s: object, row: object, when: datetime = when) -> None:
            row.collected_at = when  # type: ignore[attr-defined]

        ctx.repo.apply_local_action(
            order.order_id, "collect", {}, "t", effect=effect, new_stage=Stage.COLLECTED
        )
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["collected_today"])
    assert _names(model) == ["Today"]


def test_problems_tab_lists_flagged_orders(ctx: AppContext, qapp: object) -> None:
    order = make_order(state="SHIPPED", customer="Flagged")
    ctx.repo.upsert_orders([order, make_order(state="SHIPPED")])
    ctx.repo.flag_problem(order.order_id, "canceled on the marketplace after collection")
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["problems"])
    assert _names(model) == ["Flagged"]
    assert "Problem" in model.index(0, COL_STATUS).data()
    assert "canceled" in model.index(0, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)


def test_ready_orders_warn_when_their_ship_by_date_nears_with_ship_on_collected(
    ctx: AppContext, qapp: object
) -> None:
    now = datetime.now(UTC)
    soon = make_order(state="TO_COLLECT", customer="Sophie Bientôt", created_at=now)
    soon.deadline_at = now + timedelta(hours=5)
    late = make_order(state="TO_COLLECT", customer="Loïc Tard", created_at=now)
    late.deadline_at = now - timedelta(hours=1)
    calm = make_order(state="TO_COLLECT", customer="Agnès Calme", created_at=now)
    calm.deadline_at = now + timedelta(days=3)
    ctx.repo.upsert_orders([soon, late, calm])
    ctx.settings.ship_on = "collected"
    model = OrderTableModel(ctx.repo, VIEW_BY_KEY["ready"], settings=ctx.settings)
    status = {model.index(r, COL_CUSTOMER).data(): model.index(r, COL_STATUS) for r in range(3)}
    assert status["Sophie Bientôt"].data().startswith("⚠ Ship in 5 h")
    assert status["Sophie Bientôt"].data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b35c00"
    assert "late shipment" in status["Sophie Bientôt"].data(Qt.ItemDataRole.ToolTipRole)
    assert status["Loïc Tard"].data() == "⚠ Ship-by passed"
    assert status["Loïc Tard"].data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    assert not status["Agnès Calme"].data().startswith("⚠")
    # With ship_on = ready the marketplace was told when the order was marked ready: no warning.
    ctx.settings.ship_on = "ready"
    model.refresh()
    assert not any(model.index(r, COL_STATUS).data().startswith("⚠") for r in range(3))
