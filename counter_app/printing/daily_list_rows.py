"""The rows of the daily pickup list: each knows its height and draws itself at a given top.

`daily_list` stacks them into pages; here are the columns, fonts and cells of each section
(ready orders with a tick box, orders to remind or cancel, the picking list).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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


# Column widths in mm, left to right, each table summing to the A4 content width (186 mm).
# With several marketplaces a marketplace column is made from the widest ones.
READY_COLUMNS = (
    ("box", 7),
    ("customer", 60),
    ("order", 34),
    ("shelf", 24),
    ("bags", 14),
    ("waiting", 21),
    ("total", 26),
)
READY_COLUMNS_MARKETPLACE = (
    ("box", 7),
    ("customer", 57),
    ("order", 27),
    ("marketplace", 28),
    ("shelf", 20),
    ("bags", 11),
    ("waiting", 17),
    ("total", 19),
)
_READY_ALIGN = {"bags": "center", "waiting": "right", "total": "right"}
LATE_COLUMNS = (
    ("box", 7),
    ("customer", 66),
    ("order", 30),
    ("shelf", 16),
    ("collect_by", 23),
    ("late", 20),
    ("reminders", 24),
)
LATE_COLUMNS_MARKETPLACE = (
    ("box", 7),
    ("customer", 53),
    ("order", 26),
    ("marketplace", 28),
    ("shelf", 16),
    ("collect_by", 23),
    ("late", 15),
    ("reminders", 18),
)
_LATE_ALIGN = {"collect_by": "right", "late": "right", "reminders": "right"}
# The picking list's order head: name -> (start, width) in mm, the deadline to the edge.
PREPARE_COLUMNS = {
    "name": (3.0, 59.0),
    "order": (63.0, 32.0),
    "items": (96.0, 18.0),
    "deadline": (115.0, 71.0),
}
PREPARE_COLUMNS_MARKETPLACE = {
    "name": (3.0, 47.0),
    "order": (51.0, 29.0),
    "marketplace": (81.0, 29.0),
    "items": (111.0, 18.0),
    "deadline": (130.0, 56.0),
}


def _columns(table: tuple[tuple[str, int], ...]) -> dict[str, tuple[float, float]]:
    """Column name -> (x offset, width) in mm, for columns laid side by side."""
    out: dict[str, tuple[float, float]] = {}
    x = 0.0
    for name, width in table:
        out[name] = (x, float(width))
        x += width
    return out


@dataclass(frozen=True)
class Table:
    """One table of the list (ready orders, orders not collected): where its columns stand
    and how each is aligned, so its header and rows are laid out by the same code."""

    columns: dict[str, tuple[float, float]]
    # Column name -> "right" or "center"; a column not named is aligned left.
    align: Mapping[str, str]

    def align_of(self, name: str) -> str:
        return self.align.get(name, "left")


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

    def __init__(
        self,
        measure: TextMeasure,
        locale: QLocale,
        day: date,
        now: datetime,
        marketplace_name: Callable[[str], str] | None = None,
        marketplace_names: Sequence[str] = (),
    ) -> None:
        self.m = measure
        self.locale = locale
        self.day = day
        self.now = now
        self.x = SPEC.margin_mm
        self.width = SPEC.content_width_mm
        # With several marketplaces each row names its order's (the same number may be on
        # two): a column of its own, taken from the widest ones.
        self.marketplace_name = marketplace_name
        several = marketplace_name is not None
        self.ready_table = Table(
            _columns(READY_COLUMNS_MARKETPLACE if several else READY_COLUMNS), _READY_ALIGN
        )
        self.late_table = Table(
            _columns(LATE_COLUMNS_MARKETPLACE if several else LATE_COLUMNS), _LATE_ALIGN
        )
        self.prepare_cols = PREPARE_COLUMNS_MARKETPLACE if several else PREPARE_COLUMNS

        # The names the marketplace column shows: one type size for the whole column.
        self.marketplace_names = list(marketplace_names)
        self._column_fonts: dict[float, Font] = {}

    def _marketplace(self, order: Order) -> str:
        return self.marketplace_name(order.marketplace) if self.marketplace_name else ""

    def cell_font(self, name: str, text: str, font: Font, width: float) -> Font:
        """The type of a cell: smaller before an ellipsis; the marketplace column at one size
        (the longest name's), so no name looks more important than another."""
        if name != "marketplace" or not self.marketplace_names:
            return self.m.shrink_to_fit(text, font, width, MIN_CELL_PT)
        if width not in self._column_fonts:
            self._column_fonts[width] = min(
                (
                    self.m.shrink_to_fit(n, BODY_FONT, width, MIN_CELL_PT)
                    for n in self.marketplace_names
                ),
                key=lambda f: f.size_pt,
            )
        return self._column_fonts[width]

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

    def cell_at(self, table: Table, name: str) -> tuple[float, float]:
        """The x and usable width of a column of a table."""
        start, width = table.columns[name]
        return self.x + start, width - 1.5

    def table_header(self, table: Table, labels: Mapping[str, str]) -> Row:
        """A table's header: each labelled column's name in small type, then a rule."""

        def build(top: float) -> list[Item]:
            items: list[Item] = []
            for name in table.columns:
                if name in labels:
                    x, w = self.cell_at(table, name)
                    align = table.align_of(name)
                    items.append(self.centred(x, top, 6.0, labels[name], SMALL_FONT, w, align))
            items.append(RuleItem(self.x, top + 6.0, self.width, 0.3))
            return items

        return Row(6.5, build)

    def ticked_row(
        self, table: Table, top: float, cells: Mapping[str, tuple[str, Font]]
    ) -> list[Item]:
        """A table row at `top`: a tick box, the cells (text, type) of the table's columns
        that have one, and a thin rule under it."""
        x, _ = self.cell_at(table, "box")
        items: list[Item] = [self.box(x + 2.0, top, _ROW)]
        for name in table.columns:
            if name not in cells:
                continue
            text, font = cells[name]
            x, w = self.cell_at(table, name)
            # Smaller type before an ellipsis: the end of a name is what tells two apart.
            # The marketplace in plain type even on a highlighted row: it is a tag.
            cell_font = self.cell_font(name, text, font, w)
            items.append(self.centred(x, top, _ROW, text, cell_font, w, table.align_of(name)))
        items.append(RuleItem(self.x, top + _ROW, self.width, 0.1))
        return items

    @staticmethod
    def _order_labels() -> dict[str, str]:
        """The headers of the columns both tables open with."""
        tr = QCoreApplication.translate
        return {
            "customer": tr("DailyList", "Customer"),
            "order": tr("DailyList", "Order"),
            "marketplace": tr("DailyList", "Marketplace"),
            "shelf": tr("DailyList", "Shelf"),
        }

    def _order_cells(self, order: Order, font: Font) -> dict[str, tuple[str, Font]]:
        """The cells both tables open with: who, which order (and marketplace), which shelf."""
        return {
            "customer": (order.customer_name or "—", font),
            "order": (order.order_id, font),
            "marketplace": (self._marketplace(order), font),
            "shelf": (order.shelf or "—", font),
        }

    def ready_header(self) -> Row:
        tr = QCoreApplication.translate
        labels = {
            **self._order_labels(),
            "bags": tr("DailyList", "Bags"),
            "waiting": tr("DailyList", "Waiting"),
            "total": tr("DailyList", "Total"),
        }
        return self.table_header(self.ready_table, labels)

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
            cells = {
                **self._order_cells(order, font),
                "bags": (str(max(1, order.bag_count)), font),
                "waiting": (waiting_text, font),
                "total": (money(order.total_price_cents, order.currency, self.locale), font),
            }
            return items + self.ticked_row(self.ready_table, top, cells)

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
            texts = {
                "name": (order.customer_name or "—", _BOLD),
                "order": (order.order_id, BODY_FONT),
                "marketplace": (self._marketplace(order), BODY_FONT),
                "items": (items_label, BODY_FONT),
                "deadline": (deadline, _BOLD if late else SMALL_FONT),
            }
            # A text too long gets smaller type before an ellipsis (the deadline's end matters).
            for name, (start, width) in self.prepare_cols.items():
                text, font = texts[name]
                align = "right" if name == "deadline" else "left"
                cell_font = self.cell_font(name, text, font, width)
                items.append(self.centred(self.x + start, top, _ROW, text, cell_font, width, align))
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

    def late_header(self) -> Row:
        tr = QCoreApplication.translate
        labels = {
            **self._order_labels(),
            "collect_by": tr("DailyList", "Collect by"),
            "late": tr("DailyList", "Late"),
            "reminders": tr("DailyList", "Reminders"),
        }
        return self.table_header(self.late_table, labels)

    def late_row(self, entry: NotCollected, reminders: int) -> Row:
        late = QCoreApplication.translate("DailyList", "%n day(s)", "", entry.days_late)
        sent = (
            QCoreApplication.translate("DailyList", "%n sent", "", reminders)
            if reminders
            else QCoreApplication.translate("DailyList", "none")
        )
        order = entry.order

        def build(top: float) -> list[Item]:
            cells = {
                **self._order_cells(order, BODY_FONT),
                "collect_by": (short_date(entry.collect_by, self.locale), BODY_FONT),
                "late": (late, _BOLD),
                "reminders": (sent, BODY_FONT),
            }
            return self.ticked_row(self.late_table, top, cells)

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
