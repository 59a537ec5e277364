"""The daily pickup list (A4 portrait): ready orders with a tick box, then the picking list.

Ready orders are sorted by customer name (accent- and case-insensitive, as people look them
up); orders waiting too long and preparations past their deadline are highlighted.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QLocale

from counter_app.domain.pickup_window import not_collected
from counter_app.printing.daily_list_data import (
    OVERDUE_AFTER_DAYS,
    DailyListData,
    daily_list_data,
    days_waiting,
)
from counter_app.printing.daily_list_rows import (
    BODY_FONT,
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MIN_CELL_PT,
    SMALL_FONT,
    SPEC,
    RowBuilder,
    Section,
)
from counter_app.printing.layout import (
    Document,
    Font,
    Item,
    Page,
    RuleItem,
    TextMeasure,
    shared_measure,
)
from counter_app.printing.localized import (
    document_locale,
    long_date,
    short_datetime,
)
from counter_app.printing.shop import ShopInfo
from counter_app.printing.units import Rect

__all__ = [
    "OVERDUE_AFTER_DAYS",
    "DailyListData",
    "daily_list_data",
    "daily_list_document",
    "days_waiting",
]


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
    # Each row names its marketplace when the shop sells on several (or the list holds
    # orders of several); with one marketplace a column of the same name adds nothing.
    keys = {o.marketplace for o in (*data.ready, *data.to_prepare)}
    several = shop_info.several_marketplaces or len(keys) > 1
    b = RowBuilder(
        measure or shared_measure(),
        locale,
        data.day,
        now,
        shop_info.marketplace_name if several else None,
        sorted({shop_info.marketplace_name(key) for key in keys}),
    )

    summary = " · ".join(
        (
            QCoreApplication.translate("DailyList", "%n ready to collect", "", len(data.ready)),
            QCoreApplication.translate("DailyList", "%n to prepare", "", len(data.to_prepare)),
            QCoreApplication.translate("DailyList", "%n collected today", "", data.collected_today),
        )
    )
    ready = Section(QCoreApplication.translate("DailyList", "Ready to collect"), b.ready_header())
    ready.rows = [b.ready_row(o) for o in data.ready] or [
        b.note(QCoreApplication.translate("DailyList", "No order is waiting to be collected."))
    ]
    late = not_collected(data.ready, shop_info.pickup_days, data.day)
    remind = Section(
        QCoreApplication.translate(
            "DailyList", "To remind / to cancel (past their collect-by day)"
        ),
        b.late_header(),
    )
    remind.rows = [b.late_row(e, data.reminders_of(e.order)) for e in late]
    prepare = Section(QCoreApplication.translate("DailyList", "To prepare (picking list)"), None)
    prepare.rows = [row for o in data.to_prepare for row in b.prepare_rows(o)] or [
        b.note(QCoreApplication.translate("DailyList", "Nothing to prepare."))
    ]

    body_top = SPEC.margin_mm + HEADER_HEIGHT
    body_bottom = (SPEC.height_mm or 297.0) - SPEC.margin_mm - FOOTER_HEIGHT
    pages: list[list[Item]] = [[]]
    y = body_top

    def summary_row(top: float) -> list[Item]:
        return [b.text(b.x, top, summary, BODY_FONT, b.width)]

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
    top = SPEC.margin_mm
    bottom = (SPEC.height_mm or 297.0) - SPEC.margin_mm
    printable = Rect(SPEC.margin_mm, top, b.width, bottom - top)
    for number, items in enumerate(pages, start=1):
        # The title gets the full width; the shop goes on the line under it, so neither is
        # cut by the other.
        title_font = b.m.shrink_to_fit(title, Font(14, bold=True), b.width, 10)
        header: list[Item] = [b.text(b.x, top, title, title_font, b.width)]
        shop_line = " · ".join(p for p in (shop_info.name, shop_info.address) if p)
        if shop_line:
            shop_font = b.m.shrink_to_fit(shop_line, BODY_FONT, b.width, MIN_CELL_PT)
            header.append(b.text(b.x, top + 7.5, shop_line, shop_font, b.width))
        header.append(RuleItem(b.x, top + HEADER_HEIGHT - 4.0, b.width, 0.5))
        footer_y = bottom - FOOTER_HEIGHT + 2.5
        footer: list[Item] = [
            RuleItem(b.x, bottom - FOOTER_HEIGHT + 1.0, b.width, 0.2),
            b.text(
                b.x,
                footer_y,
                QCoreApplication.translate("DailyList", "Printed {moment}").format(
                    moment=short_datetime(now, locale)
                ),
                SMALL_FONT,
                b.width / 2,
            ),
            b.text(
                b.x + b.width / 2,
                footer_y,
                QCoreApplication.translate("DailyList", "Page {page} / {pages}").format(
                    page=number, pages=total
                ),
                SMALL_FONT,
                b.width / 2,
                "right",
            ),
        ]
        out.append(Page(SPEC.width_mm, SPEC.height_mm or 297.0, printable, header + items + footer))
    return Document("daily_list", title, out, 600)
