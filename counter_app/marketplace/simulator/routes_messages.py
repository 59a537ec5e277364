"""Message endpoints: OR43 (a new thread on an order), M11 (list threads), M10 (one thread),
M12 (reply on a thread), with the spec's shapes (`M10_Response_200`, `M11_Response_200`...).

M11 uses Mirakl's seek pagination: `limit` (50 by default, at most 100) and an opaque
`next_page_token`; with `page_token` every other parameter is ignored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.marketplace.simulator.after_sale import REASONS
from counter_app.marketplace.simulator.common import InvalidRequestError, format_date, parse_date
from counter_app.marketplace.simulator.replies import Reply, Request, error, json_reply
from counter_app.marketplace.simulator.threads import (
    LAST_MESSAGES,
    SHOP_USER,
    THREAD_PAGE_DEFAULT,
    THREAD_PAGE_MAX,
    Message,
    Thread,
    ThreadQuery,
)

if TYPE_CHECKING:
    from counter_app.marketplace.simulator.server import SimulatorServer

TOPIC_MIN, TOPIC_MAX = 3, 200  # FREE_TEXT topic, in characters
BODY_MIN, BODY_MAX = 3, 50_000  # message body, in characters
PARTICIPANTS = ("OPERATOR", "SHOP", "CUSTOMER")
ENTITY_TYPES = ("MMP_ORDER", "MMP_OFFER", "MPS_ORDER", "MPS_SERVICE", "SELLER_OPERATOR")
_MESSAGING_REASONS = {code for code, kind, *_ in REASONS if kind == "ORDER_MESSAGING"}


def _date(when: Any) -> str:
    # With milliseconds: messages a second apart stay in order, `updated_since` stays exact.
    return format_date(when, millis=True)


def _participants(sim: SimulatorServer, thread: Thread) -> list[dict[str, Any]]:
    kinds = set(thread.to) | {"SHOP"} | ({"CUSTOMER"} if thread.opened_by_customer else set())
    return [_participant(sim, thread, kind) for kind in PARTICIPANTS[::-1] if kind in kinds]


def _participant(sim: SimulatorServer, thread: Thread, kind: str) -> dict[str, Any]:
    if kind == "SHOP":
        return {"display_name": sim.book.shop_name, "id": sim.book.shop_id, "type": "SHOP"}
    if kind == "CUSTOMER":
        return {"display_name": thread.customer_name, "id": thread.customer_id, "type": kind}
    return {"display_name": "Opérateur", "type": "OPERATOR"}  # no id for the operator


def _sender(sim: SimulatorServer, message: Message) -> dict[str, Any]:
    sender: dict[str, Any] = {"display_name": message.sender_name, "type": message.sender_type}
    if message.sender_type == SHOP_USER:
        sender["organization_details"] = {
            "display_name": sim.book.shop_name,
            "id": sim.book.shop_id,
            "type": "SHOP",
        }
    return sender


def message_json(sim: SimulatorServer, thread: Thread, message: Message) -> dict[str, Any]:
    return {
        "attachments": [
            {"id": f"{message.message_id}-{i}", "name": name, "size": len(content)}
            for i, (name, content) in enumerate(message.files)
        ],
        "body": message.body,
        "date_created": _date(message.created_at),
        "from": _sender(sim, message),
        "id": message.message_id,
        "to": [_participant(sim, thread, kind) for kind in message.to if kind in PARTICIPANTS],
    }


def thread_json(sim: SimulatorServer, thread: Thread, *, messages: int | None) -> dict[str, Any]:
    """M10 (all messages) or one M11 item (`messages` = the last N, or 0 = none)."""
    last = thread.messages[-1]
    people = _participants(sim, thread)
    data: dict[str, Any] = {
        "authorized_participants": people,
        "current_participants": people,
        "date_created": _date(thread.created_at),
        "date_updated": _date(thread.updated_at),
        "entities": [{"id": thread.order_id, "label": thread.order_id, "type": "MMP_ORDER"}],
        "id": thread.thread_id,
        "metadata": {
            "last_message_date": _date(last.created_at),
            "last_sender": _sender(sim, last),
            "shop_reply_needed_since": (
                _date(thread.shop_reply_needed_since) if thread.shop_reply_needed_since else None
            ),
            "total_count": len(thread.messages),
        },
        "no_store_reply_needed": [],
        "topic": dict(thread.topic),
    }
    if messages is None or messages > 0:
        shown = thread.messages if messages is None else thread.messages[-messages:]
        data["messages"] = [message_json(sim, thread, m) for m in shown]
    return data


def _query(req: Request) -> ThreadQuery:
    if req.one("page_token"):
        return ThreadQuery.from_token(req.one("page_token"))
    entity_type = req.one("entity_type")
    ids = req.many("entity_id")
    if ids and not entity_type:
        raise InvalidRequestError("entity_type is required with entity_id")
    if entity_type and entity_type not in ENTITY_TYPES:
        raise InvalidRequestError(f"Unknown entity_type {entity_type}")
    since = None
    if req.one("updated_since"):
        try:
            since = parse_date(req.one("updated_since"))
        except ValueError:
            raise InvalidRequestError("updated_since is not an ISO 8601 date-time") from None
    with_messages = req.one("with_messages", "false").lower()
    if with_messages not in ("true", "false"):
        raise InvalidRequestError("with_messages must be true or false")
    try:
        limit = int(req.one("limit", str(THREAD_PAGE_DEFAULT)))
    except ValueError:
        raise InvalidRequestError("limit must be an integer") from None
    if not 1 <= limit <= THREAD_PAGE_MAX:
        raise InvalidRequestError(f"limit must be between 1 and {THREAD_PAGE_MAX}")
    return ThreadQuery(entity_type, tuple(ids), since, with_messages == "true", limit)


def list_threads(sim: SimulatorServer, req: Request) -> Reply:
    """M11: threads, newest update first, one seek page."""
    query = _query(req)
    channels = req.many("channel_codes")
    if channels and "FR" not in channels:  # every simulated order is on channel FR
        return json_reply(200, {"data": []})
    threads, token = sim.book.thread_page(query)
    shown = LAST_MESSAGES if query.with_messages else 0
    payload: dict[str, Any] = {"data": [thread_json(sim, t, messages=shown) for t in threads]}
    if token:
        payload["next_page_token"] = token
    return json_reply(200, payload)


def get_thread(sim: SimulatorServer, req: Request) -> Reply:
    """M10: one thread with its messages."""
    return json_reply(200, thread_json(sim, sim.book.thread(req.group()), messages=None))


def _body(data: dict[str, Any], name: str) -> str:
    text = data.get("body")
    if not isinstance(text, str) or len(text) < BODY_MIN:
        raise InvalidRequestError(f"{name}.body must have at least {BODY_MIN} characters")
    if len(text) > BODY_MAX:
        raise InvalidRequestError(f"{name}.body must have at most {BODY_MAX} characters")
    return text


def _topic(topic: Any, name: str) -> dict[str, Any]:
    if not isinstance(topic, dict) or topic.get("type") not in ("FREE_TEXT", "REASON_CODE"):
        raise InvalidRequestError(f"{name}.topic.type must be FREE_TEXT or REASON_CODE")
    value = topic.get("value")
    if topic["type"] == "REASON_CODE":
        if value not in _MESSAGING_REASONS:
            raise InvalidRequestError(f"{name}.topic.value is not an ORDER_MESSAGING reason")
    elif not isinstance(value, str) or not TOPIC_MIN <= len(value) <= TOPIC_MAX:
        raise InvalidRequestError(
            f"{name}.topic.value must have {TOPIC_MIN} to {TOPIC_MAX} characters"
        )
    return {"type": topic["type"], "value": value}


def create_thread(sim: SimulatorServer, req: Request) -> Reply:
    """OR43: `thread_input` (JSON part) and optional `files`; 201 with both ids."""
    order_id = req.group()
    sim.book.get(order_id)  # 404 before looking at the body, as Mirakl does
    data = req.form_json("thread_input")
    if not isinstance(data, dict):
        return error(400, "thread_input must be an object")
    text = _body(data, "thread_input")
    to = data.get("to")
    if not isinstance(to, list) or not to or any(t not in PARTICIPANTS for t in to):
        return error(400, "thread_input.to must list OPERATOR, SHOP or CUSTOMER")
    topic = _topic(data.get("topic"), "thread_input")
    files = req.form().get("files", [])
    thread = sim.book.add_thread(order_id, text, to, topic, files)
    return json_reply(201, {"message_id": thread.message_id, "thread_id": thread.thread_id})


def reply(sim: SimulatorServer, req: Request) -> Reply:
    """M12: `message_input` (JSON part, recipients as objects) and optional `files`; 201."""
    thread_id = req.group()
    sim.book.thread(thread_id)  # 404 first
    data = req.form_json("message_input")
    if not isinstance(data, dict):
        return error(400, "message_input must be an object")
    text = _body(data, "message_input")
    to = data.get("to")
    if (
        not isinstance(to, list)
        or not to
        or any(not isinstance(t, dict) or t.get("type") not in PARTICIPANTS for t in to)
    ):
        return error(400, "message_input.to must list objects of type OPERATOR, SHOP or CUSTOMER")
    topic = _topic(data["topic"], "message_input") if data.get("topic") else None
    files = req.form().get("files", [])
    message = sim.book.reply(thread_id, text, [t["type"] for t in to], topic, files)
    return json_reply(201, {"message_id": message.message_id, "thread_id": thread_id})
