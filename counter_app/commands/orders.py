"""`counter-app orders list | show`: the local order cache from a shell, for support and scripts."""

from __future__ import annotations

import argparse
import json
from typing import Any

from counter_app.bootstrap import open_context
from counter_app.commands.marketplace_option import (
    account_names,
    add_marketplace_option,
    chosen_key,
    scoped,
)
from counter_app.domain.orders import Order
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.pickup_window import DEFAULT_PICKUP_DAYS, collect_by
from counter_app.domain.stages import Stage
from counter_app.errors import CounterError
from counter_app.settings import Settings
from counter_app.store.reminders import ReminderStore


def register(sub: argparse._SubParsersAction) -> None:
    orders = sub.add_parser("orders", help="list and show orders in the local store")
    osub = orders.add_subparsers(dest="orders_command", required=True, metavar="COMMAND")
    p = osub.add_parser("list", help="orders, oldest first")
    p.add_argument("--stage", choices=[s.value for s in Stage], help="only this stage")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_marketplace_option(p, "only this marketplace's orders (its key or name)")
    p.set_defaults(func=cmd_list)
    p = osub.add_parser("show", help="one order with its lines, pickup code and history")
    p.add_argument("order_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    add_marketplace_option(p)
    p.set_defaults(func=cmd_show)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def order_json(
    order: Order,
    *,
    detail: bool = False,
    pickup_days: int = DEFAULT_PICKUP_DAYS,
    names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An order as plain JSON; `detail` adds lines, notes and the pickup code.

    `names` gives each marketplace account's display name by key (`marketplace_name`).
    """
    out: dict[str, Any] = {
        "order_id": order.order_id,
        "marketplace": order.marketplace,
        "marketplace_name": (names or {}).get(order.marketplace, order.marketplace),
        "commercial_id": order.commercial_id,
        "stage": order.stage.value,
        "remote_state": order.remote_state,
        "customer_name": order.customer_name,
        "item_count": order.item_count,
        "shelf": order.shelf,
        "created_at": _iso(order.created_at),
        "deadline_at": _iso(order.deadline_at),
        # The last day the customer may collect (ready day + pickup_days); None if not ready.
        "collect_by": _iso(collect_by(order.ready_at, pickup_days))
        if order.stage is Stage.READY
        else None,
    }
    if detail:
        out.update(
            {
                "customer_email": order.customer_email,
                "pickup_code": order.pickup_code,
                "pickup_code_display": format_pickup_code(order.pickup_code)
                if order.pickup_code
                else None,
                "bag_count": order.bag_count,
                "notes": order.notes,
                "ready_at": _iso(order.ready_at),
                "collected_at": _iso(order.collected_at),
                "collected_till": order.collected_till,
                "problem": order.problem,
                "thread_id": order.thread_id,
                "total_price_cents": order.total_price_cents,
                "currency": order.currency,
                "lines": [
                    {
                        "line_id": line.line_id,
                        "title": line.title,
                        "quantity": line.quantity,
                        "ean": line.ean,
                        "sku": line.sku,
                        "line_state": line.line_state,
                    }
                    for line in order.lines
                ],
            }
        )
    return out


def cmd_list(args: argparse.Namespace, settings: Settings) -> int:
    names = account_names(settings)
    with open_context(settings) as ctx:
        key = chosen_key(args, settings, ctx.repo)
        stages = [Stage(args.stage)] if args.stage else None
        orders = ctx.repo.list_orders(stages=stages)
    if key is not None:
        orders = [o for o in orders if o.marketplace == key]
    if args.json:
        print(
            json.dumps(
                [order_json(o, pickup_days=settings.pickup_days, names=names) for o in orders],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    several = len({o.marketplace for o in orders} | set(names)) > 1
    for o in orders:
        where = f"{names.get(o.marketplace, o.marketplace):<14.14} " if several else ""
        print(
            f"{where}{o.order_id:<16} {o.stage.value:<16} {o.item_count:>3} item(s)  "
            f"{o.shelf or '-':<6} {o.customer_name}"
        )
    print(f"{len(orders)} order(s)")
    return 0


def cmd_show(args: argparse.Namespace, settings: Settings) -> int:
    names = account_names(settings)
    with open_context(settings) as ctx:
        repo = scoped(ctx.repo, chosen_key(args, settings, ctx.repo))
        order = repo.get_order(args.order_id)
        key = order.marketplace if order else None
        history = repo.stage_history(args.order_id, key) if order else []
        reminders = ReminderStore(ctx.db, key).for_order(args.order_id) if order else []
    if order is None:
        where = f" on marketplace {repo.marketplace!r}" if repo.marketplace else ""
        raise CounterError(f"no order {args.order_id!r}{where} in the local store")
    data = order_json(order, detail=True, pickup_days=settings.pickup_days, names=names)
    data["history"] = [
        {
            "from": h.from_stage,
            "to": h.to_stage,
            "source": h.source,
            "till": h.till,
            "at": _iso(h.at),
        }
        for h in history
    ]
    data["reminders"] = [
        {
            "key": r.key,
            "day": r.due_on.isoformat(),
            "state": r.state,
            "sent_at": _iso(r.sent_at),
            "note": r.note,
        }
        for r in reminders
    ]
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"Order {order.order_id} ({order.commercial_id})  stage: {order.stage.value}")
    print(f"Marketplace: {data['marketplace_name']}")
    print(f"Customer: {order.customer_name} <{order.customer_email}>")
    if order.pickup_code:
        print(f"Pickup code: {format_pickup_code(order.pickup_code)}")
    print(f"Shelf: {order.shelf or '-'}   bags: {order.bag_count}")
    if data["collect_by"]:
        print(f"Collect by: {data['collect_by']}")
    if order.collected_at:
        print(f"Collected: {order.collected_at.isoformat()} at till {order.collected_till}")
    for line in order.lines:
        state = f"  [{line.line_state.lower()}]" if line.line_state else ""
        print(f"  {line.quantity} × {line.title}  {line.ean}  (line {line.line_id}){state}")
    if order.notes:
        print("Notes:\n  " + order.notes.replace("\n", "\n  "))
    if order.problem:
        print(f"Problem: {order.problem}")
    for r in reminders:
        note = f"  ({r.note})" if r.note else ""
        print(f"Reminder {r.key} due {r.due_on.isoformat()}: {r.state}{note}")
    return 0
