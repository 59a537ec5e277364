"""The daily list's "to remind / to cancel" section: ready orders past their collect-by day,
most late first, with days late and the reminders already sent, from a real store."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import update

from counter_app.bootstrap import AppContext
from counter_app.documents import daily_list_from_store
from counter_app.printing.daily_list import daily_list_document
from counter_app.printing.layout import TextItem
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images
from counter_app.printing.qt_app import ensure_gui_app
from counter_app.printing.shop import ShopInfo
from counter_app.store.models import OrderRow
from counter_app.store.reminders import SENT, ReminderStore
from tests.factories import make_order

SHOP = ShopInfo("Librairie des Canuts", "12 rue d'Austerlitz, 69004 Lyon", "", pickup_days=10)


def _ready(ctx: AppContext, name: str, days_ago: int, shelf: str) -> str:
    order = make_order(state="SHIPPING", customer=name)
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, shelf, "till-1")
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == order.order_id)
            .values(ready_at=datetime.now(UTC) - timedelta(days=days_ago))
        )
    return order.order_id


def _texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.text for p in document.pages for i in p.items if isinstance(i, TextItem)]


def test_section_lists_late_orders_with_days_late_and_reminders_sent(
    ctx: AppContext, tmp_path: Path
) -> None:
    ensure_gui_app()
    a_bit_late = _ready(ctx, "Noël D'Aubigné", 12, "B3")
    very_late = _ready(ctx, "Marie-Charlotte de La Rochefoucauld-Montbazon", 20, "C1")
    on_time = _ready(ctx, "Jean Dupont", 3, "A2")
    store = ReminderStore(ctx.db)
    for key in ("ready+3", "collect_by-1"):
        assert store.queue(very_late, key, date.today(), "s", "b")
        store.finish(very_late, key, SENT)
    today = date.today()
    data = daily_list_from_store(ctx.repo, today)
    assert data.reminders_sent[("main", very_late)] == 2
    assert data.reminders_sent[("main", a_bit_late)] == 0
    document = daily_list_document(data, SHOP, locale=document_locale("en"))
    texts = _texts(document)
    title = texts.index("To remind / to cancel (past their collect-by day)")
    picking = texts.index("To prepare (picking list)")
    section = texts[title:picking]
    assert not [t for t in section if "…" in t], "a text was cut"
    # Most late first, each with its days late and reminders.
    assert section.index(very_late) < section.index(a_bit_late)
    assert on_time not in section
    # Source texts or the English catalogue, whichever an earlier test left installed.
    assert {"10 day(s)", "10 days"} & set(section) and "2 sent" in section
    assert {"2 day(s)", "2 days"} & set(section) and "none" in section
    # Kept as a picture for a person to look at (COUNTER_SCREENSHOTS=/some/dir).
    folder = Path(os.environ.get("COUNTER_SCREENSHOTS", tmp_path))
    (page,) = render_images(document, dpi=110)
    assert page.save(str(folder / "h16_daily_list_to_remind.png"))


def test_no_section_without_late_orders_or_without_a_window(ctx: AppContext) -> None:
    ensure_gui_app()
    _ready(ctx, "Jean Dupont", 3, "A2")
    late = _ready(ctx, "Noël D'Aubigné", 12, "B3")
    data = daily_list_from_store(ctx.repo, date.today())
    no_window = ShopInfo("Librairie des Canuts")  # pickup_days 0: no collect-by day set
    assert "To remind / to cancel (past their collect-by day)" not in _texts(
        daily_list_document(data, no_window, locale=document_locale("en"))
    )
    ctx.repo.upsert_orders([])
    with ctx.db.session() as s:
        s.execute(
            update(OrderRow)
            .where(OrderRow.order_id == late)
            .values(ready_at=datetime.now(UTC) - timedelta(days=1))
        )
    data = daily_list_from_store(ctx.repo, date.today())
    assert "To remind / to cancel (past their collect-by day)" not in _texts(
        daily_list_document(data, SHOP, locale=document_locale("en"))
    )
