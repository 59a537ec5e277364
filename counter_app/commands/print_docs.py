"""`counter-app print slip | card | daily-list`: documents to a PDF file or a printer."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.bootstrap import open_context
from counter_app.commands.marketplace_option import add_marketplace_option, chosen_key, scoped
from counter_app.errors import CounterError
from counter_app.settings import Settings

if TYPE_CHECKING:
    from counter_app.domain.orders import Order
    from counter_app.printing.layout import Document


def register(sub: argparse._SubParsersAction) -> None:
    printing = sub.add_parser("print", help="print pickup slips, pickup cards, the daily list")
    psub = printing.add_subparsers(dest="print_command", required=True, metavar="DOCUMENT")

    p = psub.add_parser("slip", help="the pickup slip(s) of an order, one per bag")
    p.add_argument("order_id", metavar="ORDER_ID")
    p.add_argument(
        "--size",
        choices=["80mm", "58mm", "a6", "a4"],
        default=None,
        help="paper (default: the slip size in the settings)",
    )
    _output_options(p)
    add_marketplace_option(p)
    p.set_defaults(func=cmd_slip)

    p = psub.add_parser("card", help="the customer's pickup card (QR code and readable code)")
    p.add_argument("order_id", metavar="ORDER_ID")
    p.add_argument("--size", choices=["80mm", "58mm", "a6", "a4"], default=None)
    _output_options(p)
    add_marketplace_option(p)
    p.set_defaults(func=cmd_card)

    p = psub.add_parser("daily-list", help="the A4 pickup list: ready orders and picking list")
    p.add_argument("--date", dest="day", default=None, metavar="YYYY-MM-DD", help="default: today")
    _output_options(p)
    p.set_defaults(func=cmd_daily_list)


def _output_options(p: argparse.ArgumentParser) -> None:
    out = p.add_mutually_exclusive_group()
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF file")
    out.add_argument(
        "--printer", metavar="NAME", help="print on this printer (default: the one remembered)"
    )


def _parse_day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CounterError(f"--date must look like 2026-11-24, not {text!r}") from exc


def _emit(document: Document, args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.printing.documents import print_document
    from counter_app.printing.escpos_backend import EscposError
    from counter_app.printing.output import OutputError, render_pdf
    from counter_app.printing.printers import PrinterError

    pages = len(document.pages)
    try:
        if args.pdf is not None:
            target = render_pdf(document, args.pdf)
            print(f"{document.kind.replace('_', ' ')}: {pages} page(s) written to {target}")
        else:
            where = print_document(document, settings=settings, printer_name=args.printer)
            print(f"{document.kind.replace('_', ' ')}: {pages} page(s) sent to {where}")
    except (OutputError, PrinterError, EscposError, OSError) as exc:
        raise CounterError(str(exc)) from exc
    return 0


def _in_language(settings: Settings) -> None:
    """Documents printed from the command line speak the app's language, as in the window."""
    from counter_app.printing.qt_app import ensure_gui_app
    from counter_app.ui.i18n import install_translators

    install_translators(ensure_gui_app(), settings.language)


def _order(settings: Settings, order_id: str, args: argparse.Namespace | None = None) -> Order:
    from counter_app.documents import order_to_print
    from counter_app.store.repository import OrderNotFoundError

    with open_context(settings) as ctx:
        # `--marketplace`: the order of that account (an id may be on two marketplaces).
        repo = scoped(ctx.repo, chosen_key(args, settings, ctx.repo) if args else None)
        try:
            return order_to_print(repo, order_id)
        except OrderNotFoundError as exc:
            raise CounterError(str(exc)) from exc


def _require_prepared(order: Order) -> None:
    """A slip goes on a packed bag: before `ready` there is no bag, shelf or bag count."""
    from counter_app.domain.stages import Stage

    if order.stage not in (Stage.READY, Stage.COLLECTED):
        raise CounterError(
            f"order {order.commercial_id or order.order_id} is not ready "
            f"(stage: {order.stage.value.replace('_', ' ')}): mark it ready first "
            f"(counter-app ready {order.order_id} --shelf LOC)"
        )


def cmd_slip(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.printing.localized import document_locale
    from counter_app.printing.shop import ShopInfo
    from counter_app.printing.slip import slip_document

    _in_language(settings)

    order = _order(settings, args.order_id, args)
    _require_prepared(order)
    try:
        document = slip_document(
            order,
            args.size or settings.slip_size,
            ShopInfo.from_settings(settings),
            locale=document_locale(settings.language),
        )
    except ValueError as exc:
        raise CounterError(str(exc)) from exc
    return _emit(document, args, settings)


def cmd_card(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.printing.card import card_document
    from counter_app.printing.shop import ShopInfo

    _in_language(settings)

    order = _order(settings, args.order_id, args)
    try:
        document = card_document(
            order, args.size or settings.slip_size, ShopInfo.from_settings(settings)
        )
    except ValueError as exc:
        raise CounterError(str(exc)) from exc
    return _emit(document, args, settings)


def cmd_daily_list(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.documents import daily_list_from_store
    from counter_app.printing.daily_list import daily_list_document
    from counter_app.printing.localized import document_locale
    from counter_app.printing.shop import ShopInfo

    _in_language(settings)

    day = _parse_day(args.day)
    with open_context(settings) as ctx:
        data = daily_list_from_store(ctx.repo, day)
    document = daily_list_document(
        data, ShopInfo.from_settings(settings), locale=document_locale(settings.language)
    )
    return _emit(document, args, settings)
