"""Entry points the UI and the CLI call: build a document, write it as PDF, image or print it.

They take what they print (an order, the daily list's data or orders), never the store: the
caller fetches it (`counter_app/documents.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage

from counter_app.domain.orders import Order
from counter_app.printing.card import card_document
from counter_app.printing.daily_list import DailyListData, daily_list_data, daily_list_document
from counter_app.printing.escpos_backend import escpos_printer, send_document
from counter_app.printing.layout import Document
from counter_app.printing.localized import document_locale
from counter_app.printing.output import print_to_printer, render_images, render_pdf
from counter_app.printing.printers import (
    PrinterError,
    check_printer_paper,
    make_printer,
    printer_info,
    remember_printer,
    remembered_printer,
)
from counter_app.printing.shop import ShopInfo
from counter_app.printing.slip import slip_document
from counter_app.printing.units import THERMAL_DPI
from counter_app.settings import Settings

# What a daily list is made from: the data gathered by the caller, or the orders themselves.
DailyListSource = DailyListData | Iterable[Order]


def _daily_data(source: DailyListSource, day: date) -> DailyListData:
    return source if isinstance(source, DailyListData) else daily_list_data(source, day)


def render_slip_pdf(
    order: Order,
    path: Path | str,
    size: str = "80mm",
    shop: ShopInfo | str | None = None,
    *,
    locale: QLocale | None = None,
) -> Path:
    """The order's slips (one page per bag) as a PDF."""
    return render_pdf(slip_document(order, size, shop, locale=locale), path)


def render_card_pdf(
    order: Order,
    path: Path | str,
    size: str = "80mm",
    shop: ShopInfo | str | None = None,
) -> Path:
    """The customer's pickup card as a PDF (the order must have a pickup code)."""
    return render_pdf(card_document(order, size, shop), path)


def render_daily_list_pdf(
    source: DailyListSource,
    day: date,
    path: Path | str,
    shop: ShopInfo | str | None = None,
    *,
    locale: QLocale | None = None,
    now: datetime | None = None,
) -> Path:
    """The daily pickup list for `day` as an A4 PDF."""
    data = _daily_data(source, day)
    return render_pdf(daily_list_document(data, shop, locale=locale, now=now), path)


def render_slip_image(order: Order, dpi: int = THERMAL_DPI, size: str = "80mm") -> QImage:
    """The first bag's slip as a greyscale image at `dpi` (for the self-test)."""
    return render_images(slip_document(order, size, bags=[1], dpi=dpi), dpi)[0]


def build_document(
    kind: str,
    settings: Settings,
    order: Order | None = None,
    *,
    source: DailyListSource | None = None,
    day: date | None = None,
    size: str | None = None,
    dpi: int = THERMAL_DPI,
) -> Document:
    """The laid-out document of a kind: `slip` or `card` for `order` (paper `size`, else
    `settings.slip_size`), or `daily_list` for `day` (default today) from `source` (its data,
    or the orders to pick from).

    Code modules are snapped to whole dots of a `dpi` printer."""
    shop = ShopInfo.from_settings(settings)
    locale = document_locale(settings.language)
    if kind in ("slip", "card"):
        if order is None:
            raise ValueError(f"a {kind} needs an order")
        paper = size or settings.slip_size
        if kind == "slip":
            return slip_document(order, paper, shop, locale=locale, dpi=dpi)
        return card_document(order, paper, shop, dpi=dpi)
    if kind == "daily_list":
        if source is None:
            raise ValueError("a daily list needs its data (or the orders)")
        data = _daily_data(source, day or date.today())
        return daily_list_document(data, shop, locale=locale)
    raise ValueError(f"unknown document kind {kind!r}")


def print_document(
    kind: str | Document,
    order: Order | Settings | None = None,
    printer_name: str | None = None,
    *,
    settings: Settings | None = None,
    source: DailyListSource | None = None,
    day: date | None = None,
) -> str:
    """Print a document (or build it from `kind` as `build_document` does); returns where to.

    Called as `print_document(document, settings, printer_name)` or as
    `print_document("slip", order, settings=settings, printer_name=name)`.

    Slips and cards go to the raw ESC/POS printer when `settings.escpos_target` is set,
    unless another printer than the one remembered for the kind is named. Otherwise
    `printer_name` (None = the one remembered for the kind; "" = the system default) is
    checked for the paper size, used, and remembered for next time.
    """
    conf = order if isinstance(order, Settings) else settings
    the_order = None if isinstance(order, Settings) else order
    if conf is None:
        raise TypeError("print_document needs the settings")
    kind_name = kind.kind if isinstance(kind, Document) else kind
    remembered = remembered_printer(conf, kind_name)
    name = remembered if printer_name is None else printer_name

    def document_for(dpi: int) -> Document:
        if isinstance(kind, Document):
            return kind
        return build_document(kind, conf, the_order, source=source, day=day, dpi=dpi)

    if kind_name in ("slip", "card") and conf.escpos_target and name == remembered:
        send_document(document_for(THERMAL_DPI), escpos_printer(conf.escpos_target))
        return conf.escpos_target
    info = printer_info(name)
    printer = make_printer(info)
    # Codes snapped to this printer's own dots (a 600 dpi laser is not a 203 dpi head).
    document = document_for(printer.resolution())
    paper = check_printer_paper(info, document, roll=document.roll)
    if not paper.ok:
        raise PrinterError(paper.message)
    print_to_printer(document, printer)
    remember_printer(conf, document.kind, info.printerName())
    return info.printerName()
