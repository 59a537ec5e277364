"""`counter-app cancel ORDER_ID [--reason CODE] [--line LINE_ID ...]` and `counter-app
shelves`: cancel an order that was not collected, or some of its lines (queued like every
action), and the books to put back in stock."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from counter_app.bootstrap import open_context
from counter_app.commands.marketplace_option import add_marketplace_option, chosen_key
from counter_app.domain.cancellation import CancelRefused
from counter_app.errors import CounterError
from counter_app.settings import Settings
from counter_app.store.cancellation import (
    back_to_shelves,
    cached_reasons,
    cancel_order,
    mark_restocked,
)
from counter_app.store.repository import OrderNotFoundError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "cancel",
        help="cancel an order not collected (OR29, or an OR28 refund once shipped)",
    )
    p.add_argument("order_id", metavar="ORDER_ID", nargs="?")
    p.add_argument(
        "--reason",
        default="",
        metavar="CODE",
        help="reason code (needed to refund, and to cancel some lines only)",
    )
    p.add_argument(
        "--line",
        action="append",
        default=[],
        dest="lines",
        metavar="LINE_ID",
        help="cancel (OR30) or refund (OR28) only this line; repeat for several "
        "(line ids: `counter-app orders show ORDER_ID --json`)",
    )
    p.add_argument("--reasons", action="store_true", help="list the reason codes known here")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_marketplace_option(p)
    p.set_defaults(func=cmd_cancel)
    p = sub.add_parser("shelves", help="books of cancelled orders to put back on the shelves")
    p.add_argument("--pdf", metavar="PATH", help="write the list as a PDF to print")
    p.add_argument("--done", metavar="ORDER_ID", help="this order's books are back in stock")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_marketplace_option(p, "the marketplace of the --done order, when several have its id")
    p.set_defaults(func=cmd_shelves)


def cmd_cancel(args: argparse.Namespace, settings: Settings) -> int:
    ctx = open_context(settings)
    try:
        key = chosen_key(args, settings, ctx.repo)
        if args.reasons:
            for kind in ("cancel", "refund"):
                known = cached_reasons(ctx.repo, kind, key)
                print(f"{kind}:" + ("" if known else " (none yet: sync once while online)"))
                for code, label in known:
                    print(f"  {code:<8} {label}")
            return 0
        if not args.order_id:
            raise CounterError("cancel needs an ORDER_ID (or --reasons)")
        if any(not line.strip() for line in args.lines):
            raise CounterError("--line needs a line id (see `counter-app orders show ID --json`)")
        try:
            plan = cancel_order(
                ctx.repo,
                args.order_id,
                args.reason,
                settings.till_name,
                marketplace=key,
                line_ids=args.lines,
            )
        except OrderNotFoundError as exc:
            raise CounterError(f"no order {args.order_id!r} in the local store") from exc
        except (CancelRefused, ValueError) as exc:
            raise CounterError(str(exc)) from exc
        order = ctx.repo.require_order(args.order_id, key)
    finally:
        ctx.close()
    what = {
        "refund": "refund (OR28)",
        "cancel_lines": "cancellation of lines (OR30)",
    }.get(plan.kind, "cancellation (OR29)")
    if plan.partial:
        what = f"{what} of {', '.join(line.line_id for line in plan.lines)}"
    if args.json:
        print(
            json.dumps(
                {
                    "order_id": order.order_id,
                    "kind": plan.kind,
                    "reason": plan.reason,
                    "amount_cents": plan.amount_cents,
                    "lines": [line.line_id for line in plan.lines],
                    "partial": plan.partial,
                    "stage": order.stage.value,
                },
                ensure_ascii=False,
            )
        )
    else:
        amount = f"{plan.amount_cents / 100:.2f} {order.currency}"
        print(
            f"{order.order_id} ({order.customer_name}, {amount}): {what} queued; "
            "its books go back to the shelves (counter-app shelves)"
        )
    return 0


def cmd_shelves(args: argparse.Namespace, settings: Settings) -> int:
    ctx = open_context(settings)
    try:
        if args.done:
            try:
                mark_restocked(ctx.repo, args.done, chosen_key(args, settings, ctx.repo))
            except OrderNotFoundError as exc:
                raise CounterError(str(exc)) from exc
        items = back_to_shelves(ctx.repo)
    finally:
        ctx.close()
    if args.pdf:
        from counter_app.printing.back_to_shelves import shelves_document
        from counter_app.printing.output import render_pdf
        from counter_app.printing.qt_app import ensure_gui_app
        from counter_app.printing.shop import ShopInfo

        ensure_gui_app()
        render_pdf(shelves_document(items, shop=ShopInfo.from_settings(settings)), Path(args.pdf))
    if args.json:
        print(json.dumps([item.__dict__ for item in items], ensure_ascii=False, indent=2))
        return 0
    for item in items:
        shelf = item.shelf or "-"
        print(f"{shelf:<8} {item.isbn:<14} {item.quantity} × {item.title}  [{item.order_id}]")
    print(f"{len(items)} book line(s) to put back")
    return 0
