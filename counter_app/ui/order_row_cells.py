"""What one row of the order list shows: its texts, colours and tips, worked out once.

A table view asks its model for every role of every visible cell on each paint, and again to
measure column widths: about 600 calls for one screen of rows. Working out a row's texts
(deadlines against the clock, lateness, translations) on each of those calls made every paint
after a sync cost milliseconds of the till's event loop. `row_cells` works a row out once into
a frozen `RowCells`; the model keeps them until its rows, the clock's minute or the deadline
settings change (`OrderTableModel.data`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QFont

from counter_app.domain.deadlines import ShipByWarning, accept_before, ship_by_warning
from counter_app.domain.lateness import Lateness, lateness
from counter_app.domain.pickup_window import collect_by, days_late
from counter_app.settings import Settings
from counter_app.store.records import OrderSummaryRow
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_tabs import humanize_days, humanize_delta, stage_label

(
    COL_ORDER,
    COL_CUSTOMER,
    COL_ITEMS,
    COL_BAGS,
    COL_WHEN,
    COL_SHELF,
    COL_STATUS,
    COL_CREATED,
    COL_MARKET,
) = range(9)
COLUMN_COUNT = 9

_URGENT = QColor("#b3261e")
_SOON = QColor("#b35c00")
_LATE_ROW = QColor("#fdecea")  # the whole row of a late order, behind its words
_PREPARED = frozenset({"ready", "collected"})


@cache
def bold_font() -> QFont:
    """One bold font for the cells that need it (made once, after the application)."""
    font = QFont()
    font.setBold(True)
    return font


def local_time(moment: datetime | None) -> str:
    """A moment as the till shows it: local day/month and time."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%d/%m %H:%M")


def bags_of(record: OrderSummaryRow) -> int:
    return max(1, int(record.bag_count or 1))


@dataclass(frozen=True)
class CellContext:
    """What a row's texts depend on besides the row: the tab, the settings, the clock."""

    view_key: str
    one_stage: bool  # every row is in the tab's own stage (not a search, not "all")
    settings: Settings
    look: MarketplaceLook
    now: datetime


@dataclass(frozen=True, slots=True)
class RowCells:
    """Everything the model answers for one row, column by column."""

    display: tuple[str, ...]
    foreground: tuple[QBrush | None, ...]
    background: QBrush | None
    bags_bold: bool
    status_tip: str | None


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("OrderTable", text, "", n)


def when_of(record: OrderSummaryRow, context: CellContext) -> datetime | None:
    """The moment the tab's deadline column shows for a row."""
    key = context.view_key
    if key == "ready":
        return record.ready_at
    if key == "collected_today":
        return record.collected_at
    if key == "to_accept":
        return accept_before(record.created_at, context.settings.acceptance_delay_hours)
    return record.deadline_at


def collect_by_text(record: OrderSummaryRow, context: CellContext) -> str:
    """`12/03 · 4 days late`: the last day to collect and how far it is behind."""
    day = collect_by(record.ready_at, context.settings.pickup_days)
    if day is None:
        return ""
    late = days_late(day, context.now)
    shown = day.strftime("%d/%m")
    if not late:
        return shown
    return f"{shown} · {_tr('%n day(s) late', late)}"


def ship_warning(record: OrderSummaryRow, context: CellContext) -> ShipByWarning | None:
    """A ready order whose OR24 waits for the customer while its ship-by date nears."""
    settings = context.settings
    return ship_by_warning(
        record.stage,
        record.deadline_at,
        context.now,
        ship_on=settings.ship_on,
        warning_hours=settings.ship_by_warning_hours,
    )


def _when_text(record: OrderSummaryRow, context: CellContext) -> str:
    if context.view_key == "not_collected":
        return collect_by_text(record, context)
    moment = when_of(record, context)
    if moment is None:
        return ""
    if context.view_key == "to_accept":
        left = moment - context.now
        if left.total_seconds() < 0:
            return f"{local_time(moment)} · {_tr('late')}"
        return f"{local_time(moment)} · {humanize_delta(left)}"
    return local_time(moment)


def _status_text(
    record: OrderSummaryRow, context: CellContext, warning: ShipByWarning | None, late: Lateness
) -> str:
    if record.problem:
        return "⚠ " + _tr("Problem")
    if record.incident:
        return "⚠ " + _tr("Incident: %1").replace("%1", record.incident)
    # Short texts: the customer's name needs the room; the tooltip has the date.
    if warning is ShipByWarning.LATE:
        return "⚠ " + _tr("Ship-by passed")
    if warning is ShipByWarning.SOON and record.deadline_at is not None:
        seconds = (record.deadline_at - context.now).total_seconds()
        hours = QCoreApplication.translate("Time", "%n h", "", math.ceil(seconds / 3600))
        within = QCoreApplication.translate("Time", "in %1").replace("%1", hours)
        # %1 is "in 3 h": "Ship in 3 h"
        return "⚠ " + _tr("Ship %1").replace("%1", within)
    label = stage_label(record.stage)
    if late is Lateness.ON_TIME:
        return label
    if late is Lateness.LATE:
        words = _tr("late")
    else:  # waiting long since it was made ready (never without a ready time)
        words = humanize_days(context.now - (record.ready_at or context.now))
    # ◷ rather than an alarm-clock emoji: DejaVu Sans and Segoe UI Symbol both draw it, where
    # the emoji came out as an empty box on a PC without a colour-emoji font.
    if context.one_stage:
        return f"◷ {words}"  # the tab already says the stage: the column stays narrow
    return f"◷ {label} · {words}"


def _status_colour(
    record: OrderSummaryRow, warning: ShipByWarning | None, late: Lateness
) -> QBrush | None:
    if record.problem or record.incident:
        return QBrush(_URGENT)
    if warning is not None:
        return QBrush(_URGENT if warning is ShipByWarning.LATE else _SOON)
    return QBrush(_URGENT) if late is not Lateness.ON_TIME else None


def _when_colour(record: OrderSummaryRow, context: CellContext) -> QBrush | None:
    if record.stage != "to_accept" or context.view_key != "to_accept":
        return None
    moment = when_of(record, context)
    assert moment is not None
    left = (moment - context.now).total_seconds()
    if left < 2 * 3600:
        return QBrush(_URGENT)
    if left < 12 * 3600:
        return QBrush(_SOON)
    return None


def _status_tip(record: OrderSummaryRow, warning: ShipByWarning | None) -> str | None:
    if record.problem:
        return record.problem
    if warning is None:
        return None
    return _tr(
        "Ship by %1: the marketplace is told at collection, and a collection after "
        "this date counts as a late shipment."
    ).replace("%1", local_time(record.deadline_at))


def row_cells(record: OrderSummaryRow, context: CellContext) -> RowCells:
    """Work out every cell of one row for the tab and moment in `context`."""
    warning = ship_warning(record, context)
    late = lateness(record.stage, record.deadline_at, record.ready_at, context.now)
    # The customer wrote on the marketplace: a badge, the thread is in the detail pane.
    badge = "✉ " if record.has_customer_message else ""
    # Bags are counted when the order is packed; before that there is nothing to say.
    bags = str(bags_of(record)) if record.stage in _PREPARED else ""
    display = (
        record.commercial_id or record.order_id,
        badge + record.customer_name,
        str(record.item_count),
        bags,
        _when_text(record, context),
        record.shelf,
        _status_text(record, context, warning, late),
        local_time(record.created_at),
        context.look.short_name(record.marketplace),
    )
    foreground: list[QBrush | None] = [None] * COLUMN_COUNT
    foreground[COL_STATUS] = _status_colour(record, warning, late)
    foreground[COL_WHEN] = _when_colour(record, context)
    return RowCells(
        display=display,
        foreground=tuple(foreground),
        background=QBrush(_LATE_ROW) if late is not Lateness.ON_TIME else None,
        bags_bold=bags_of(record) > 1,
        status_tip=_status_tip(record, warning),
    )
