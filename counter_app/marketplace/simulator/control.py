"""The simulator's test-only control API under `/_control/` (off with `control=False`).

Faults, time (`tick`; `clock` reads the book's clock or moves it forward), new orders (with a
chosen number if asked), forced states, and for issue-16 tests: a customer message now, an
incident on an order, rate limits per API.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from counter_app.marketplace.simulator.clock import SimulatorClock
from counter_app.marketplace.simulator.common import (
    InvalidRequestError,
    UnknownOrderError,
    UnknownThreadError,
    format_date,
    parse_date,
)
from counter_app.marketplace.simulator.ratelimit import RateLimit
from counter_app.marketplace.simulator.replies import Reply, Request, error, json_reply

if TYPE_CHECKING:
    from counter_app.marketplace.simulator.server import SimulatorServer

_ORDER = re.compile(r"^/_control/orders/([^/]+)/(state|customer_message|incident)$")


def control(sim: SimulatorServer, req: Request) -> Reply:
    try:
        payload = req.json()
        if not isinstance(payload, dict):
            return error(400, "the body must be a JSON object")
        return _control(sim, req, payload)
    except (UnknownOrderError, UnknownThreadError):
        return error(404, "no such order or thread")
    except (InvalidRequestError, KeyError, TypeError, ValueError) as exc:
        return error(400, f"bad control request: {exc}")


def _control(sim: SimulatorServer, req: Request, payload: dict[str, Any]) -> Reply:
    method, path = req.method, req.path
    if method == "POST" and path == "/_control/faults":
        kind = payload.pop("kind")
        count = int(payload.pop("count", 1))
        sim.arm(kind, count, **payload)
        return json_reply(200, {"armed": sim.faults.armed})
    if method == "POST" and path == "/_control/clear":
        sim.faults.clear()
        return json_reply(200, {"armed": 0})
    if path == "/_control/clock" and method in ("GET", "POST"):
        return _clock(sim, payload if method == "POST" else {})
    if method == "POST" and path == "/_control/tick":
        return json_reply(200, {"changed": sim.book.tick()})
    if method == "POST" and path == "/_control/orders":
        # `commercial_id` gives the order that number (two marketplaces, one order id).
        commercial_id = payload.get("commercial_id")
        order_id = sim.book.add_order(
            str(payload.get("state", "WAITING_ACCEPTANCE")),
            click_and_collect=bool(payload.get("click_and_collect", True)),
            commercial_id=None if commercial_id is None else str(commercial_id),
        )
        return json_reply(201, {"order_id": order_id})
    if method == "POST" and path == "/_control/rate_limits":
        calls = payload.get("calls")
        limit = None if calls is None else RateLimit(int(calls), float(payload["seconds"]))
        sim.limiter.set(str(payload["code"]), limit)
        return json_reply(200, {"code": payload["code"], "calls": calls})
    match = _ORDER.match(path)
    if match and method == "POST":
        order_id, what = match.group(1), match.group(2)
        if what == "state":
            sim.book.set_state(order_id, str(payload["state"]))
            return json_reply(200, {"order_id": order_id, "state": payload["state"]})
        if what == "customer_message":
            thread = sim.book.customer_writes(
                order_id,
                str(payload["body"]),
                topic=str(payload.get("topic") or ""),
                thread_id=str(payload.get("thread_id") or ""),
            )
            return json_reply(201, {"thread_id": thread.thread_id})
        line_id = sim.book.open_incident(
            order_id, str(payload.get("reason_code") or "1"), str(payload.get("line_id") or "")
        )
        return json_reply(201, {"order_line_id": line_id})
    if method == "GET" and path == "/_control/stats":
        return json_reply(200, dict(sim.requests))
    return error(404, f"No control endpoint {method} {path}")


def _clock(sim: SimulatorServer, payload: dict[str, Any]) -> Reply:
    """`{"advance_seconds": N}` or `{"now": ISO}` moves the clock forward; `{}` reads it."""
    clock = sim.book.clock
    if not isinstance(clock, SimulatorClock):
        return error(400, "this simulator runs on a clock of the caller's: move that one")
    if "advance_seconds" in payload:
        clock.advance(timedelta(seconds=float(payload["advance_seconds"])))
    elif "now" in payload:
        clock.set(parse_date(str(payload["now"])))
    now = clock()
    return json_reply(
        200, {"now": format_date(now, millis=True), "offset_seconds": clock.offset.total_seconds()}
    )
