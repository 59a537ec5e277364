"""`counter-app ready ORDER_ID` and `counter-app scan TEXT`: pickup codes and verdicts from a shell.

Exit codes of `scan`: 0 for ok (and, with --confirm, only once the collection is recorded),
2 for any other verdict, 1 for an error. The verdict's sentence is in the `language` setting;
`--json` keeps the English `message` and adds its `message_key`.
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from PySide6.QtCore import QT_TRANSLATE_NOOP

from counter_app.bootstrap import open_context
from counter_app.commands.language import CliLanguage
from counter_app.commands.marketplace_option import add_marketplace_option, chosen_key
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.scan import ScanResult, Verdict
from counter_app.errors import CounterError
from counter_app.settings import Settings
from counter_app.store.repository import OrderNotFoundError
from counter_app.store.scan_service import ScanService

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_OTHER_VERDICT = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ready", help="mark a prepared order ready and print its pickup code")
    p.add_argument("order_id", metavar="ORDER_ID")
    p.add_argument("--shelf", default="", metavar="LOC", help="where the bag waits")
    p.add_argument("--bags", type=int, default=1, metavar="N", help="number of bags (1)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_marketplace_option(p)
    p.set_defaults(func=cmd_ready)
    p = sub.add_parser("scan", help="resolve a scanned or typed code to a verdict")
    p.add_argument("text", metavar="TEXT")
    p.add_argument(
        "--confirm", action="store_true", help="record the collection when the verdict is ok"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_scan)


def cmd_ready(args: argparse.Namespace, settings: Settings) -> int:
    with open_context(settings) as ctx:
        key = chosen_key(args, settings, ctx.repo)
        try:
            marketplace = ctx.repo.require_order(args.order_id, key).marketplace
            code = ctx.repo.mark_ready(
                args.order_id,
                args.shelf,
                settings.till_name,
                args.bags,
                ship=settings.ship_on == "ready",
                marketplace=marketplace,
            )
        except OrderNotFoundError as exc:
            raise CounterError(f"no order {args.order_id!r} in the local store") from exc
        except ValueError as exc:
            raise CounterError(str(exc)) from exc
    if args.json:
        print(
            json.dumps(
                {
                    "order_id": args.order_id,
                    "marketplace": marketplace,
                    "pickup_code": code,
                    "display": format_pickup_code(code),
                    "shelf": args.shelf,
                }
            )
        )
    else:
        print(format_pickup_code(code))
    return EXIT_OK


# The labels of the lines under the verdict (context `ScanCommand` in the catalogues).
_CONTEXT = "ScanCommand"
_ORDER = str(QT_TRANSLATE_NOOP("ScanCommand", "order"))
_CUSTOMER = str(QT_TRANSLATE_NOOP("ScanCommand", "customer"))
_ITEMS = str(QT_TRANSLATE_NOOP("ScanCommand", "items"))
_BAGS = str(QT_TRANSLATE_NOOP("ScanCommand", "bags"))
_SHELF = str(QT_TRANSLATE_NOOP("ScanCommand", "shelf"))
_NOTES = str(QT_TRANSLATE_NOOP("ScanCommand", "notes"))
_ORDERS = str(QT_TRANSLATE_NOOP("ScanCommand", "orders"))
_MARKETPLACE = str(QT_TRANSLATE_NOOP("ScanCommand", "marketplace"))


def _print_result(result: ScanResult, language: CliLanguage) -> None:
    # The verdict's name stays as it is (scripts match it); its sentence is in the language.
    print(f"{result.verdict.value.upper()}: {language.say(result.text)}")

    def label(text: str) -> str:
        return language.translate(_CONTEXT, text) + ":"

    # The values line up after the longest label of the first column.
    labels = (_ORDER, _MARKETPLACE, _CUSTOMER, _ITEMS, _NOTES, _ORDERS)
    width = 1 + max(len(label(t)) for t in labels)

    def line(text: str, value: str) -> None:
        print("  " + label(text).ljust(width) + value.replace("\n", "\n" + " " * (2 + width)))

    order = result.order
    if order is not None:
        line(_ORDER, f"{order.order_id} ({order.commercial_id})")
        line(_MARKETPLACE, order.marketplace_name or order.marketplace)
        line(_CUSTOMER, order.customer_name)
        line(
            _ITEMS,
            f"{order.item_count}   {label(_BAGS)} {order.bag_count}   "
            f"{label(_SHELF)} {order.shelf}",
        )
    if result.notes:
        line(_NOTES, result.notes)
    if result.candidate_orders:
        line(
            _ORDERS,
            ", ".join(
                f"{c.order_id} ({c.marketplace_name or c.marketplace})"
                for c in result.candidate_orders
            ),
        )
    elif result.candidates:
        line(_ORDERS, ", ".join(result.candidates))


def cmd_scan(args: argparse.Namespace, settings: Settings) -> int:
    with open_context(settings) as ctx:
        service = ScanService(ctx.repo, settings)
        result = service.resolve(args.text)
        if args.confirm and result.verdict is Verdict.OK and result.order_id:
            # The order scanned, on its own marketplace (never another's with that number).
            confirmed = service.confirm(result.order_id, result.marketplace)
            # Keep how the order was found (the secret code) in what is reported.
            result = dataclasses.replace(confirmed, matched_by=result.matched_by)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        _print_result(result, CliLanguage(settings.language))
    if result.verdict is Verdict.ERROR:
        return EXIT_ERROR
    if result.verdict is Verdict.OK and (result.confirmed or not args.confirm):
        return EXIT_OK
    return EXIT_OTHER_VERDICT
