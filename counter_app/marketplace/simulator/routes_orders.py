"""Order endpoints: OR11 (list), OR21 (accept), OR24 (ship), OR31 (custom fields), and the
after-sale calls OR29 (cancel an order), OR30 (cancel lines), OR28 (refund lines).

Each handler takes the running simulator and the request and returns a `Reply`; refusals are
raised as the `common` exceptions and turned into Mirakl's 400/404 by the server.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from counter_app.marketplace.simulator.common import MAX_PAGE, ORDER_STATES, parse_date
from counter_app.marketplace.simulator.replies import Reply, Request, error, json_reply

if TYPE_CHECKING:
    from counter_app.marketplace.simulator.server import SimulatorServer

_DATE_FILTERS = ("start_update_date", "end_update_date", "start_date", "end_date")


def list_orders(sim: SimulatorServer, req: Request) -> Reply:
    """OR11: offset pagination, date, state, id and channel filters, as strict as Mirakl."""
    try:
        limit = int(req.one("max", "10"))
        offset = int(req.one("offset", "0"))
    except ValueError:
        return error(400, "max and offset must be integers")
    if limit < 1 or limit > MAX_PAGE:
        return error(400, f"max must be between 1 and {MAX_PAGE}")
    if offset < 0:
        return error(400, "offset must be positive")
    dates: dict[str, datetime | None] = {}
    for name in _DATE_FILTERS:
        dates[name] = None
        if req.one(name):
            try:
                dates[name] = parse_date(req.one(name))
            except ValueError:
                return error(400, f"{name} is not an ISO 8601 date")
    states = req.many("order_state_codes")
    unknown = [s for s in states if s not in ORDER_STATES]
    if unknown:
        return error(400, f"Unknown order state code(s): {', '.join(unknown)}")
    if req.one("paginate", "true").lower() == "false":
        limit = 1_000_000
    page, total = sim.book.list_json(
        start_update_date=dates["start_update_date"],
        end_update_date=dates["end_update_date"],
        start_date=dates["start_date"],
        end_date=dates["end_date"],
        channel_codes=req.many("channel_codes"),
        order_ids=req.many("order_ids"),
        order_state_codes=states,
        offset=offset,
        limit=limit,
        descending=req.one("order", "asc").lower() == "desc",
    )
    body = '{"orders":[' + ",".join(page) + '],"total_count":' + str(total) + "}"
    return Reply(200, body.encode("utf-8"))


def accept(sim: SimulatorServer, req: Request) -> Reply:
    """OR21: one boolean decision per line."""
    payload = req.json()
    if not isinstance(payload, dict):
        return error(400, "the body must be a JSON object")
    sim.book.accept(req.group(), payload.get("order_lines"))
    return Reply(204)


def ship(sim: SimulatorServer, req: Request) -> Reply:
    """OR24: SHIPPING to SHIPPED (or TO_COLLECT)."""
    sim.book.ship(req.group())
    return Reply(204)


def additional_fields(sim: SimulatorServer, req: Request) -> Reply:
    """OR31: a 200 either way; refusals are `order_update_errors`."""
    result, errors = sim.book.set_additional_fields(req.group(), req.json())
    if errors is not None:
        return json_reply(200, {"order_update_errors": errors})
    return json_reply(200, {"order_update_result": result})


def cancel_order(sim: SimulatorServer, req: Request) -> Reply:
    """OR29: no body, 204; only while SHIPPING."""
    sim.book.cancel_order(req.group())
    return Reply(204)


def cancel_lines(sim: SimulatorServer, req: Request) -> Reply:
    """OR30: `OR30_Request` in, `OR30_Response_200` out."""
    return json_reply(200, sim.book.cancel_lines(req.json()))


def refund_lines(sim: SimulatorServer, req: Request) -> Reply:
    """OR28: `OR28_Request` in, `OR28_Response_200` out."""
    return json_reply(200, sim.book.refund_lines(req.json()))
