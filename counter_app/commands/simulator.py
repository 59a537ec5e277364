"""`counter-app simulator`: the local Mirakl marketplace simulator, for demos and tests."""

from __future__ import annotations

import argparse
import contextlib

from counter_app.errors import ConfigError
from counter_app.logging_setup import register_secret
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.operators import PROFILES, OrderNumbers, profile
from counter_app.marketplace.simulator.orderbook import COLLECT_FLOWS
from counter_app.marketplace.simulator.ratelimit import DEMO_LIMITS
from counter_app.settings import Settings

DEFAULT_API_KEY = "simulator-key"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "simulator",
        help="serve a simulated Mirakl marketplace on 127.0.0.1",
        description="Serve the Mirakl seller endpoints the app uses, from a seeded order book.",
    )
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (0 = any free)")
    p.add_argument("--orders", type=int, default=200, help="orders in the book")
    p.add_argument("--seed", type=int, default=1, help="random seed of the order book")
    p.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key clients must send")
    p.add_argument(
        "--operator",
        choices=sorted(PROFILES),
        default="default",
        help="a ready-made operator: its order-number format, shop id and shop name",
    )
    p.add_argument("--shop-id", help="the shop's id at this operator (digits; A01, shop_id=)")
    p.add_argument("--shop-name", help="the shop's name at this operator (A01)")
    p.add_argument(
        "--order-format",
        help='commercial order number format, e.g. "C{n:07d}" or "IM-{year}-{n:06d}" '
        '(the order id adds "-A")',
    )
    p.add_argument("--first-order", type=int, help="the first order number {n}")
    p.add_argument(
        "--tick",
        type=float,
        default=30.0,
        help="seconds between order book changes (new orders, payments); 0 = frozen",
    )
    p.add_argument(
        "--collect-flow",
        choices=COLLECT_FLOWS,
        default="shipped",
        help="what OR24 does to a click & collect order: SHIPPED, or TO_COLLECT then RECEIVED",
    )
    p.add_argument(
        "--no-control", action="store_true", help="disable the /_control/ test endpoints"
    )
    p.add_argument(
        "--quiet-customers",
        action="store_true",
        help="customers never write (by default some do, and answer the shop's messages)",
    )
    p.add_argument(
        "--no-rate-limits",
        action="store_true",
        help="answer every call (by default M11, M10, M12 and RE01 are rate-limited)",
    )
    p.set_defaults(func=cmd_simulator)


def cmd_simulator(args: argparse.Namespace, settings: Settings) -> int:
    register_secret(args.api_key)
    operator = profile(args.operator)
    try:
        numbers = OrderNumbers(
            args.order_format or operator.number_format,
            operator.first_number if args.first_order is None else args.first_order,
        )
        book = OrderBook(
            count=args.orders,
            seed=args.seed,
            shop_id=args.shop_id or operator.shop_id,
            shop_name=args.shop_name or operator.shop_name,
            numbers=numbers,
            collect_flow=args.collect_flow,
            customer_activity=not args.quiet_customers,
        )
    except ValueError as exc:
        raise ConfigError(f"simulator: {exc}") from exc
    server = SimulatorServer(
        book,
        args.api_key,
        port=args.port,
        control=not args.no_control,
        tick_seconds=args.tick,
        rate_limits=None if args.no_rate_limits else DEMO_LIMITS,
    )
    print(
        f"Mirakl simulator on {server.url} ({args.orders} orders, seed {args.seed}, "
        f"collect flow {args.collect_flow})"
    )
    first = (
        book.order_ids()[0]
        if book.order_ids()
        else numbers.order_id(numbers.commercial_id(numbers.first, book.clock()))
    )
    print(
        f"  set marketplace_url = {server.url}, API key = {args.api_key}, "
        f"shop id = {book.shop_id} ({book.shop_name}); order ids like {first}"
    )
    print("Ctrl-C to stop", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0
