"""Words for an order's pickup window ("collect by"), shared by the detail pane and the band."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication

from counter_app.domain.orders import Order
from counter_app.domain.pickup_window import collect_by, days_late
from counter_app.domain.stages import Stage


def collect_by_text(order: Order | None, pickup_days: int, now: datetime | None = None) -> str:
    """`12/03/2027` or `12/03/2027 · 4 days late`; "" for an order that is not ready."""
    if order is None or order.stage is not Stage.READY:
        return ""
    day = collect_by(order.ready_at, pickup_days)
    if day is None:
        return ""
    shown = day.strftime("%d/%m/%Y")
    late = days_late(day, now or datetime.now(UTC))
    if not late:
        return shown
    words = QCoreApplication.translate("PickupWindow", "%n day(s) late", "", late)
    return f"{shown} · {words}"


def band_note(order: Order | None, pickup_days: int, now: datetime | None = None) -> str:
    """The band's line: `Collect by 12/03/2027` (with how late, when it is)."""
    text = collect_by_text(order, pickup_days, now)
    if not text:
        return ""
    return QCoreApplication.translate("PickupWindow", "Collect by %1").replace("%1", text)
