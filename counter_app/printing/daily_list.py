"""The daily pickup list (A4 portrait): ready orders with a tick box, then the picking list.

Ready orders are sorted by customer name (accent- and case-insensitive, as people look them
up); orders waiting too long and preparations past their deadline are highlighted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.pickup_window import NotCollected, not_collected
from counter_app.domain.stages import Stage
from counter_app.domain.text import fold
from counter_app.printing.layout import (
    BoxItem,
    Document,
    Font,
    Item,
    Page,
    RuleItem,
    TextItem,
    TextMeasure,
    shared_measure,
)
from counter_app.printing.localized import (
    document_locale,
    local_day,
    long_date,
    money,
    short_date,
    short_datetime,
)
from counter_app.printing.shop import ShopInfo
from counter_app.printing.units import PAGE_SPECS, Rect

# A ready bag still on the shelf after this many days is chased up (highlighted).
OVERDUE_AFTER_DAYS = 7

_SPEC = PAGE_SPECS["a4"]
_BODY_FONT = Font(9.5)
_BOLD = Font(9.5, bold=True)
_SMALL = Font(8)
_MIN_CELL_PT = 7.0
_ROW = 7.0
_LINE_ROW = 5.5
_HEADER_HEIGHT = 16.0
_FOOTER_HEIGHT = 8.0
_BOX = 3.6
_HIGHLIGHT_GREY = 215


@dataclass
class DailyListData:
    """What the list shows for one day."""

    day: date
    ready: list[Order]
    to_prepare: list[Order]
    collected_today: int
    # Reminders already sent, by order id (for the "to remind / to cancel" section).
    reminders_sent: dict[str, int] = field(default_factory=dict)


def daily_list_data(
    orders: Iterable[Order],
    day: date,
    *,
    collected_today: int | None = None,
    reminders_sent: Mapping[str, int] | None = None,
) -> DailyListData:
    """The list's content for `day` from the orders it may show (other stages are left out).

    `collected_today` is how many orders were collected that day when the caller counted
    them (the store counts collected orders without loading them); otherwise it is counted
    from the collected orders among `orders`. `reminders_sent` (by order id) feeds the
    "to remind / to cancel" section.
    """
    orders = list(orders)
    ready = [o for o in orders if o.stage is Stage.READY]
    to_prepare = [o for o in orders if o.stage is Stage.TO_PREPARE]
    if collected_today is None:
        collected_today = sum(
            1
            for o in orders
            if o.stage is Stage.COLLECTED
            and o.collected_at is not None
            and local_day(o.collected_at) == day
        )
    ready.sort(key=lambda o: (fold(o.customer_name), o.order_id))
    to_prepare.sort(key=lambda o: (o.deadline_at or datetime.max.replace(tzinfo=UTC), o.order_id))
    return DailyListData(day, ready, to_prepare, collected_today, dict(reminders_sent or {}))


def days_waiting(order: Order, day: date) -> int | None:
    if order.ready_at is None:
        return None
    return max(0, (day - local_day(order.ready_at)).days)


@dataclass
class _Row:
    height: float
    build: Callable[[float], list[Item]]
    # Rows that belong to this one (an order's lines) and should not start a page alone.
    keep_with_next: int = 0


@dataclass
class _Section:
    title: str
    header: _Row | None
    rows: list[_Row] = field(default_factory=list)


class _Builder:
    """Builds rows in mm for the list; x positions are the page's content area."""

    def __init__(self, measure: TextMeasure, locale: QLocale, day: date, now: datetime) -> None:
        self.m = measure
        self.locale = locale
        self.day = day
        self.now = now
        self.x = _SPEC.margin_mm
        self.width = _SPEC.content_width_mm

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

    def ready_header(self) -> _Row:
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
                    items.append(self.centred(x, top, 6.0, label, _SMALL, w, align))
            items.append(RuleItem(self.x, top + 6.0, self.width, 0.3))
            return items

        return _Row(6.5, build)

    def ready_row(self, order: Order) -> _Row:
        waiting = days_waiting(order, self.day)
        overdue = waiting is not None and waiting >= OVERDUE_AFTER_DAYS
        font = _BOLD if overdue else _BODY_FONT
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
                cell_font = self.m.shrink_to_fit(text, font, w, _MIN_CELL_PT)
                items.append(self.centred(x, top, _ROW, text, cell_font, w, align))
            items.append(RuleItem(self.x, top + _ROW, self.width, 0.1))
            return items

        return _Row(_ROW, build)

    def prepare_rows(self, order: Order) -> list[_Row]:
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
                (63, 32, order.order_id, _BODY_FONT, "left"),
                (96, 18, items_label, _BODY_FONT, "left"),
                (115, self.width - 115, deadline, _BOLD if late else _SMALL, "right"),
            ]
            for x, width, text, font, align in cells:
                cell_font = self.m.shrink_to_fit(text, font, width, _MIN_CELL_PT)
                items.append(self.centred(self.x + x, top, _ROW, text, cell_font, width, align))
            return items

        rows = [_Row(_ROW, head, keep_with_next=len(order.lines))]
        for line in order.lines:

            def build(top: float, line: OrderLine = line) -> list[Item]:
                items: list[Item] = [self.box(self.x + 6, top, _LINE_ROW)]
                items.append(
                    self.centred(
                        self.x + 12,
                        top,
                        _LINE_ROW,
                        f"{line.quantity} ×",
                        _BOLD if line.quantity > 1 else _BODY_FONT,
                        10,
                        "right",
                    )
                )
                items.append(
                    self.centred(self.x + 24, top, _LINE_ROW, line.title or "—", _BODY_FONT, 120)
                )
                items.append(
                    self.centred(
                        self.x + 146,
                        top,
                        _LINE_ROW,
                        line.ean or line.sku,
                        _SMALL,
                        self.width - 146,
                        "right",
                    )
                )
                return items

            rows.append(_Row(_LINE_ROW, build))
        last = rows[-1]
        rows[-1] = _Row(last.height + 1.5, last.build)
        return rows

    # Columns of the "to remind / to cancel" table (186 mm).
    LATE_COLS = ((0, 7), (7, 66), (73, 30), (103, 16), (119, 23), (142, 20), (162, 24))

    def late_col(self, index: int) -> tuple[float, float]:
        start, width = self.LATE_COLS[index]
        return self.x + start, width - 1.5

    def late_header(self) -> _Row:
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
                    items.append(self.centred(x, top, 6.0, label, _SMALL, w, align))
            items.append(RuleItem(self.x, top + 6.0, self.width, 0.3))
            return items

        return _Row(6.5, build)

    def late_row(self, entry: NotCollected, reminders: int) -> _Row:
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
                (1, order.customer_name or "—", _BODY_FONT, "left"),
                (2, order.order_id, _BODY_FONT, "left"),
                (3, order.shelf or "—", _BODY_FONT, "left"),
                (4, short_date(entry.collect_by, self.locale), _BODY_FONT, "right"),
                (5, late, _BOLD, "right"),
                (6, sent, _BODY_FONT, "right"),
            ]
            for index, text, font, align in cells:
                x, w = self.late_col(index)
                cell_font = self.m.shrink_to_fit(text, font, w, _MIN_CELL_PT)
                items.append(self.centred(x, top, _ROW, text, cell_font, w, align))
            items.append(RuleItem(self.x, top + _ROW, self.width, 0.1))
            return items

        return _Row(_ROW, build)

    def section_title(self, text: str) -> _Row:
        font = Font(12, bold=True)

        def build(top: float) -> list[Item]:
            return [self.text(self.x, top + 2.0, text, font, self.width)]

        return _Row(9.0, build)

    def note(self, text: str) -> _Row:
        def build(top: float) -> list[Item]:
            return [self.centred(self.x, top, _ROW, text, _SMALL, self.width)]

        return _Row(_ROW, build)


def daily_list_document(
    data: DailyListData,
    shop: ShopInfo | str | None = None,
    *,
    locale: QLocale | None = None,
    now: datetime | None = None,
    measure: TextMeasure | None = None,
) -> Document:
    """Lay out the list on as many A4 pages as it needs, with "page x / y" on each."""
    locale = locale or document_locale()
    now = now or datetime.now(UTC)
    shop_info = ShopInfo.coerce(shop)
    b = _Builder(measure or shared_measure(), locale, data.day, now)

    summary = " · ".join(
        (
            QCoreApplication.translate("DailyList", "%n ready to collect", "", len(data.ready)),
            QCoreApplication.translate("DailyList", "%n to prepare", "", len(data.to_prepare)),
            QCoreApplication.translate("DailyList", "%n collected today", "", data.collected_today),
        )
    )
    ready = _Section(QCoreApplication.translate("DailyList", "Ready to collect"), b.ready_header())
    ready.rows = [b.ready_row(o) for o in data.ready] or [
        b.note(QCoreApplication.translate("DailyList", "No order is waiting to be collected."))
    ]
    late = not_collected(data.ready, shop_info.pickup_days, data.day)
    remind = _Section(
        QCoreApplication.translate(
            "DailyList", "To remind / to cancel (past their collect-by day)"
        ),
        b.late_header(),
    )
    remind.rows = [b.late_row(e, data.reminders_sent.get(e.order.order_id, 0)) for e in late]
    prepare = _Section(QCoreApplication.translate("DailyList", "To prepare (picking list)"), None)
    prepare.rows = [row for o in data.to_prepare for row in b.prepare_rows(o)] or [
        b.note(QCoreApplication.translate("DailyList", "Nothing to prepare."))
    ]

    body_top = _SPEC.margin_mm + _HEADER_HEIGHT
    body_bottom = (_SPEC.height_mm or 297.0) - _SPEC.margin_mm - _FOOTER_HEIGHT
    pages: list[list[Item]] = [[]]
    y = body_top

    def summary_row(top: float) -> list[Item]:
        return [b.text(b.x, top, summary, _BODY_FONT, b.width)]

    pages[0].extend(summary_row(y))
    y += 7.0

    def new_page() -> float:
        pages.append([])
        return body_top

    # The late section only when there is something in it (and a pickup window is set).
    for section in (ready, *([remind] if remind.rows else []), prepare):
        intro = [b.section_title(section.title)] + ([section.header] if section.header else [])
        intro_height = sum(r.height for r in intro)
        first_height = section.rows[0].height if section.rows else 0.0
        if y + intro_height + first_height > body_bottom:
            y = new_page()
        for row in intro:
            pages[-1].extend(row.build(y))
            y += row.height
        index = 0
        while index < len(section.rows):
            row = section.rows[index]
            group = section.rows[index : index + 1 + row.keep_with_next]
            group_height = sum(r.height for r in group)
            fits_fresh = group_height <= body_bottom - body_top - intro_height
            needed = group_height if fits_fresh else row.height
            if y + needed > body_bottom:
                y = new_page()
                continued = [
                    b.section_title(
                        QCoreApplication.translate("DailyList", "{section} (continued)").format(
                            section=section.title
                        )
                    )
                ] + ([section.header] if section.header else [])
                for extra in continued:
                    pages[-1].extend(extra.build(y))
                    y += extra.height
            pages[-1].extend(row.build(y))
            y += row.height
            index += 1
        y += 4.0

    total = len(pages)
    title = QCoreApplication.translate("DailyList", "Pickup list for {date}").format(
        date=long_date(data.day, locale)
    )
    out: list[Page] = []
    top = _SPEC.margin_mm
    bottom = (_SPEC.height_mm or 297.0) - _SPEC.margin_mm
    printable = Rect(_SPEC.margin_mm, top, b.width, bottom - top)
    for number, items in enumerate(pages, start=1):
        # The title gets the full width; the shop goes on the line under it, so neither is
        # cut by the other.
        title_font = b.m.shrink_to_fit(title, Font(14, bold=True), b.width, 10)
        header: list[Item] = [b.text(b.x, top, title, title_font, b.width)]
        shop_line = " · ".join(p for p in (shop_info.name, shop_info.address) if p)
        if shop_line:
            shop_font = b.m.shrink_to_fit(shop_line, _BODY_FONT, b.width, _MIN_CELL_PT)
            header.append(b.text(b.x, top + 7.5, shop_line, shop_font, b.width))
        header.append(RuleItem(b.x, top + _HEADER_HEIGHT - 4.0, b.width, 0.5))
        footer_y = bottom - _FOOTER_HEIGHT + 2.5
        footer: list[Item] = [
            RuleItem(b.x, bottom - _FOOTER_HEIGHT + 1.0, b.width, 0.2),
            b.text(
                b.x,
                footer_y,
                QCoreApplication.translate("DailyList", "Printed {moment}").format(
                    moment=short_datetime(now, locale)
                ),
                _SMALL,
                b.width / 2,
            ),
            b.text(
                b.x + b.width / 2,
                footer_y,
                QCoreApplication.translate("DailyList", "Page {page} / {pages}").format(
                    page=number, pages=total
                ),
                _SMALL,
                b.width / 2,
                "right",
            ),
        ]
        out.append(
            Page(_SPEC.width_mm, _SPEC.height_mm or 297.0, printable, header + items + footer)
        )
    return Document("daily_list", title, out, 600)
