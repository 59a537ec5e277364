"""The rows of the daily pickup list: each knows its height and draws itself at a given top.

`daily_list` stacks them into pages; here are the columns, fonts and cells of each section
(ready orders with a tick box, orders to remind or cancel, the picking list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.pickup_window import NotCollected
from counter_app.printing.daily_list_data import (
    OVERDUE_AFTER_DAYS,
    days_waiting,
)
from counter_app.printing.layout import (
    BoxItem,
    Font,
    Item,
    RuleItem,
    TextItem,
    TextMeasure,
)
from counter_app.printing.localized import (
    money,
    short_date,
    short_datetime,
)
from counter_app.printing.units import PAGE_SPECS, Rect

SPEC = PAGE_SPECS["a4"]
BODY_FONT = Font(9.5)
_BOLD = Font(9.5, bold=True)
SMALL_FONT = Font(8)
MIN_CELL_PT = 7.0
_ROW = 7.0
_LINE_ROW = 5.5
HEADER_HEIGHT = 16.0
FOOTER_HEIGHT = 8.0
_BOX = 3.6
_HIGHLIGHT_GREY = 215


@dataclass
class Row:
    height: float
    build: Callable[[float], list[Item]]
    # Rows that belong to this one (an order's lines) and should not start a page alone.
    keep_with_next: int = 0


@dataclass
class Section:
    title: str
    header: Row | None
    rows: list[Row] = field(default_factory=list)


class RowBuilder:
    """Builds rows in mm for the list; x positions are the page's content area."""

    def __init__(self, measure: TextMeasure, locale: QLocale, day: date, now: datetime) -> None:
        self.m = measure
        self.locale = locale
        self.day = day
        self.now = now
        self.x = SPEC.margin_mm
        self.width = SPEC.content_width_mm

    def text(
        self, x: float, y: float, text: str, font: Font, width: float, align: str = "left"
    ) -> TextItem:
        shown = self.m.elide(text, font, width)
        w = self.m.width(shown, font)
        if align == "right":
            x = x + max(0.0, width - w)
        elif align == "center":
            x = x + max(0.0, width - w) / 2
        return TextItem(x, y, shown, font, w, self.m.ascent(font), self.m.descent(font))

    def centred(
        self,
        x: float,
        top: float,
        height: float,
        text: str,
        font: Font,
        width: float,
        align: str = "left",
    ) -> TextItem:
        y = top + (height - self.m.line_height(font)) / 2
        return self.text(x, y, text, font, width, align)

    def box(self, x: float, top: float, height: float) -> BoxItem:
        return BoxItem(Rect(x, top + (height - _BOX) / 2, _BOX, _BOX), stroke=0.3)

    # Column x offsets of the ready table, summing to the A4 content width (186 mm).
    COLS = ((0, 7), (7, 60), (67, 34), (101, 24), (125, 14), (139, 21), (160, 26))

    def col(self, index: int) -> tuple[float, float]:
        start, width = self.COLS[index]
        return self.x + start, width - 1.5

    def ready_header(self) -> Row:
        labels = [
            "",
            QCoreApplication.translate("DailyList", "Customer"),
            QCoreApplication.translate("DailyList", "Order"),
            QCoreApplication.translate("DailyList", "Shelf"),
            QCoreApplication.translate("DailyList", "Bags"),
            QCoreApplication.translate("DailyList", "Waiting"),
            QCoreApplication.translate("DailyList", "Total"),
        ]

        def build(top: float) -> list[Item]:
            items: list[Item] = []
            for i, label in enumerate(labels):
                if label:
                    x, w = self.col(i)
                    align = "right" if i in (5, 6) else ("center" if i == 4 else "left")
                    items.append(self.centred(x, top, 6.0, label, SMALL_FONT, w, align))
            items.append(RuleItem(self.x, top + 6.0, self.width, 0.3))
            return items

        return Row(6.5, build)

    def ready_row(self, order: Order) -> Row:
        waiting = days_waiting(order, self.day)
        overdue = waiting is not None and waiting >= OVERDUE_AFTER_DAYS
        font = _BOLD if overdue else BODY_FONT
        if waiting is None:
            waiting_text = "—"
        else:
            waiting_text = QCoreApplication.translate("DailyList", "{days} d").format(days=waiting)
            if overdue:
                waiting_text = "! " + waiting_text

        def build(top: float) -> list[Item]:
            items: list[Item] = []
            if overdue:
                items.append(
                    BoxItem(Rect(self.x, top + 0.3, self.width, _ROW - 0.6), fill=_HIGHLIGHT_GREY)
                )
                items.append(BoxItem(Rect(self.x, top + 0.3, 1.2, _ROW - 0.6), fill=0))
            x, _ = self.col(0)
            items.append(self.box(x + 2.0, top, _ROW))
            cells = [
                (1, order.customer_name or "—", "left"),
                (2, order.order_id, "left"),
                (3, order.shelf or "—", "left"),
                (4, str(max(1, order.bag_count)), "center"),
                (5, waiting_text, "right"),
                (6, money(order.total_price_cents, order.currency, self.locale), "right"),
            ]
            for index, text, align in cells:
                x, w = self.col(index)
                # Smaller type before an ellipsis: the end of a name is what tells two apart.
                cell_font = self.m.shrink_to_fit(text, font, w, MIN_CELL_PT)
                items.append(self.centred(x, top, _ROW, text, cell_font, w, align))
            items.append(RuleItem(self.x, top + _ROW, self.width, 0.1))
            return items

        return Row(_ROW, build)

    def prepare_rows(self, order: Order) -> list[Row]:
        late = order.deadline_at is not None and order.deadline_at < self.now
        deadline = (
            QCoreApplication.translate("DailyList", "before {date}").format(
                date=short_datetime(order.deadline_at, self.locale)
            )
            if order.deadline_at
            else ""
        )
        if late:
            deadline = "! " + QCoreApplication.translate("DailyList", "due {date}").format(
                date=short_datetime(order.deadline_at, self.locale)  # type: ignore[arg-type]
            )
        items_label = QCoreApplication.translate("DailyList", "%n item(s)", "", order.item_count)

        def head(top: float) -> list[Item]:
            items: list[Item] = []
            if late:
                items.append(
                    BoxItem(Rect(self.x, top + 0.3, self.width, _ROW - 0.6), fill=_HIGHLIGHT_GREY)
                )
                items.append(BoxItem(Rect(self.x, top + 0.3, 1.2, _ROW - 0.6), fill=0))
            name = order.customer_name or "—"
            # Columns: name 3–62, order 63–95, items 96–114, deadline 115 to the edge; a
            # text too long gets smaller type before an ellipsis (the deadline's end matters).
            cells = [
                (3, 59, name, _BOLD, "left"),
                (63, 32, order.order_id, BODY_FONT, "left"),
                (96, 18, items_label, BODY_FONT, "left"),
                (115, self.width - 115, deadline, _BOLD if late else SMALL_FONT, "right"),
            ]
            for x, width, text, font, align in cells:
                cell_font = self.m.shrink_to_fit(text, font, width, MIN_CELL_PT)
                items.append(self.centred(self.x + x, top, _ROW, text, cell_font, width, align))
            return items

        rows = [Row(_ROW, head, keep_with_next=len(order.lines))]
        for line in order.lines:

            def build(top: float, line: OrderLine = line) -> list[Item]:
                items: list[Item] = [self.box(self.x + 6, top, _LINE_ROW)]
                items.append(
                    self.centred(
                        self.x + 12,
                        top,
                        _LINE_ROW,
                        f"{line.quantity} ×",
                        _BOLD if line.quantity > 1 else BODY_FONT,
                        10,
                        "right",
                    )
                )
                items.append(
                    self.centred(self.x + 24, top, _LINE_ROW, line.title or "—", BODY_FONT, 120)
                )
                items.append(
                    self.centred(
                        self.x + 146,
                        top,
                        _LINE_ROW,
                        line.ean or line.sku,
                        SMALL_FONT,
                        self.width - 146,
                        "right",
                    )
                )
                return items

            rows.append(Row(_LINE_ROW, build))
        last = rows[-1]
        rows[-1] = Row(last.height + 1.5, last.build)
        return rows

    # Columns of the "to remind / to cancel" table (186 mm).
    LATE_COLS = ((0, 7), (7, 66), (73, 30), (103, 16), (119, 23), (142, 20), (162, 24))

    def late_col(self, index: int) -> tuple[float, float]:
        start, width = self.LATE_COLS[index]
        return self.x + start, width - 1.5

    def late_header(self) -> Row:
        tr = QCoreApplication.translate
        labels = [
            "",
            tr("DailyList", "Customer"),
            tr("DailyList", "Order"),
            tr("DailyList", "Shelf"),
            tr("DailyList", "Collect by"),
            tr("DailyList", "Late"),
            tr("DailyList", "Reminders"),
        ]

        def build(top: float) -> list[Item]:
            items: list[Item] = []
            for i, label in enumerate(labels):
                if label:
                    x, w = self.late_col(i)
                    align = "right" if i >= 4 else "left"
                    items.append(self.centred(x, top, 6.0, label, SMALL_FONT, w, align))
            items.append(RuleItem(self.x, top + 6.0, self.width, 0.3))
            return items

        return Row(6.5, build)

    def late_row(self, entry: NotCollected, reminders: int) -> Row:
        late = QCoreApplication.translate("DailyList", "%n day(s)", "", entry.days_late)
        sent = (
            QCoreApplication.translate("DailyList", "%n sent", "", reminders)
            if reminders
            else QCoreApplication.translate("DailyList", "none")
        )
        order = entry.order

        def build(top: float) -> list[Item]:
            items: list[Item] = []
            x, _ = self.late_col(0)
            items.append(self.box(x + 2.0, top, _ROW))
            cells = [
                (1, order.customer_name or "—", BODY_FONT, "left"),
                (2, order.order_id, BODY_FONT, "left"),
                (3, order.shelf or "—", BODY_FONT, "left"),
                (4, short_date(entry.collect_by, self.locale), BODY_FONT, "right"),
                (5, late, _BOLD, "right"),
                (6, sent, BODY_FONT, "right"),
            ]
            for index, text, font, align in cells:
                x, w = self.late_col(index)
                cell_font = self.m.shrink_to_fit(text, font, w, MIN_CELL_PT)
                items.append(self.centred(x, top, _ROW, text, cell_font, w, align))
            items.append(RuleItem(self.x, top + _ROW, self.width, 0.1))
            return items

        return Row(_ROW, build)

    def section_title(self, text: str) -> Row:
        font = Font(12, bold=True)

        def build(top: float) -> list[Item]:
            return [self.text(self.x, top + 2.0, text, font, self.width)]

        return Row(9.0, build)

    def note(self, text: str) -> Row:
        def build(top: float) -> list[Item]:
            return [self.centred(self.x, top, _ROW, text, SMALL_FONT, self.width)]

        return Row(_ROW, build)
