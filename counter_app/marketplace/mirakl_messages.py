"""Mirakl JSON for cancellations, refunds, reasons and threads: request bodies and parsers.

Bodies follow the spec's request schemas (`OR28_Request`, `OR30_Request`, `OR43_..._ThreadInput`,
`M12_..._MessageInput`); parsers turn RE01, OR28, OR30, M10, M11, M12 and OR43 answers into the
frozen types of `messages_types`, raising `MalformedAnswer` when an answer is not what the API
promises (one unreadable thread in a list is skipped and logged, as orders are).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from counter_app.marketplace.connector import MalformedAnswer
from counter_app.marketplace.messages_types import (
    CancelResult,
    Incident,
    LineCancel,
    LineRefund,
    MessageThread,
    OrderFlags,
    Reason,
    ReasonKind,
    RefundResult,
    SentMessage,
    ThreadMessage,
)
from counter_app.marketplace.mirakl_parse import MalformedOrderError, parse_datetime, to_cents

log = logging.getLogger(__name__)

# RE01 `type` for each kind of reason the app asks for.
REASON_TYPES = {ReasonKind.CANCEL: "CANCELATION", ReasonKind.REFUND: "REFUND"}
BODY_MIN, BODY_MAX = 3, 50_000  # OR43 and M12 message bodies, in characters
TOPIC_MIN, TOPIC_MAX = 3, 200  # OR43 FREE_TEXT topic, in characters
ORDER_ENTITY = "MMP_ORDER"
PARTICIPANTS = ("CUSTOMER", "SHOP", "OPERATOR")


def _euros(cents: int) -> float:
    return round(cents / 100, 2)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def as_line_cancels(lines: Sequence[tuple[str, int, str] | LineCancel]) -> list[LineCancel]:
    out = [line if isinstance(line, LineCancel) else LineCancel(*line) for line in lines]
    for line in out:
        if line.quantity < 1:
            raise ValueError(f"line {line.line_id}: a cancelled quantity must be at least 1")
        if not line.reason_code:
            raise ValueError(f"line {line.line_id}: a cancellation needs a reason code")
    if not out:
        raise ValueError("no line to cancel")
    return out


def as_line_refunds(lines: Sequence[tuple[str, int, int, str] | LineRefund]) -> list[LineRefund]:
    out = [line if isinstance(line, LineRefund) else LineRefund(*line) for line in lines]
    for line in out:
        if line.amount_cents <= 0:
            raise ValueError(f"line {line.line_id}: a refund needs an amount above zero")
        if line.quantity < 0:
            raise ValueError(f"line {line.line_id}: a refunded quantity cannot be negative")
        if not line.reason_code:
            raise ValueError(f"line {line.line_id}: a refund needs a reason code")
    if not out:
        raise ValueError("no line to refund")
    return out


def cancel_body(lines: list[LineCancel], unit_cents: dict[str, int]) -> dict[str, Any]:
    """OR30's body: each line's amount is its unit price times the cancelled quantity."""
    return {
        "cancelations": [
            {
                "amount": _euros(unit_cents[line.line_id] * line.quantity),
                "order_line_id": line.line_id,
                "quantity": line.quantity,
                "reason_code": line.reason_code,
                "shipping_amount": 0,
            }
            for line in lines
        ],
        "order_tax_mode": "TAX_INCLUDED",
    }


def refund_body(lines: list[LineRefund]) -> dict[str, Any]:
    """OR28's body (`quantity` is informative only for Mirakl; the amount is what counts)."""
    return {
        "order_tax_mode": "TAX_INCLUDED",
        "refunds": [
            {
                "amount": _euros(line.amount_cents),
                "order_line_id": line.line_id,
                "quantity": line.quantity,
                "reason_code": line.reason_code,
                "shipping_amount": 0,
            }
            for line in lines
        ],
    }


def check_body(body: str) -> None:
    if not BODY_MIN <= len(body) <= BODY_MAX:
        raise ValueError(f"a message must have {BODY_MIN} to {BODY_MAX} characters")


def thread_input(subject: str, body: str) -> dict[str, Any]:
    """OR43's `thread_input` for a new thread with the customer."""
    check_body(body)
    if not TOPIC_MIN <= len(subject) <= TOPIC_MAX:
        raise ValueError(f"a subject must have {TOPIC_MIN} to {TOPIC_MAX} characters")
    return {"body": body, "to": ["CUSTOMER"], "topic": {"type": "FREE_TEXT", "value": subject}}


def message_input(body: str, to: Sequence[str]) -> dict[str, Any]:
    """M12's `message_input`: recipients are objects here, not plain strings as in OR43."""
    check_body(body)
    unknown = [t for t in to if t not in PARTICIPANTS]
    if not to or unknown:
        raise ValueError(f"recipients must be among {', '.join(PARTICIPANTS)}")
    return {"body": body, "to": [{"type": t} for t in to]}


# ---- answers --------------------------------------------------------------------------------
def parse_reasons(payload: Any, kind: ReasonKind) -> list[Reason]:
    """RE01's answer, keeping the reasons of one kind in the marketplace's order."""
    items = payload.get("reasons") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise MalformedAnswer("the reason list answer has no 'reasons' list")
    wanted = REASON_TYPES[kind]
    reasons = []
    for item in items:
        if not isinstance(item, dict) or item.get("type") != wanted or not _text(item.get("code")):
            continue
        reasons.append(
            Reason(
                code=_text(item.get("code")),
                label=_text(item.get("label")) or _text(item.get("code")),
                kind=kind,
                shop_may_use=item.get("is_shop_right") is not False,
            )
        )
    return reasons


def parse_cancelations(payload: Any) -> list[CancelResult]:
    """OR30's answer: one result per cancelled line."""
    return [CancelResult(*fields) for fields in _line_results(payload, "cancelation")]


def parse_refunds(payload: Any) -> list[RefundResult]:
    """OR28's answer: one result per refunded line."""
    return [RefundResult(*fields) for fields in _line_results(payload, "refund")]


def _line_results(payload: Any, kind: str) -> list[tuple[str, str, int, int, str]]:
    """(id, line id, quantity, amount in cents, reason) of each item of OR30's
    `cancelations` or OR28's `refunds` (`kind` is "cancelation" or "refund")."""
    what = "cancellation" if kind == "cancelation" else kind
    items = payload.get(f"{kind}s") if isinstance(payload, dict) else None
    if not isinstance(items, list):
        raise MalformedAnswer(f"the {what} answer has no '{kind}s' list")
    try:
        return [
            (
                _text(item.get(f"{kind}_id")),
                _text(item.get("order_line_id")),
                int(item.get("quantity") or 0),
                to_cents(item.get("amount")),
                _text(item.get("reason_code")),
            )
            for item in items
            if isinstance(item, dict)
        ]
    except (MalformedOrderError, TypeError, ValueError) as exc:
        raise MalformedAnswer(f"the {what} answer is unreadable: {exc}") from None


def parse_sent(payload: Any, thread_id: str = "") -> SentMessage:
    """OR43 (both ids) or M12 (both optional in the spec; the thread is the one replied on)."""
    if not isinstance(payload, dict):
        return SentMessage(thread_id=thread_id, message_id="")
    return SentMessage(
        thread_id=_text(payload.get("thread_id")) or thread_id,
        message_id=_text(payload.get("message_id")),
    )


def _date(value: Any, what: str) -> datetime:
    try:
        when = parse_datetime(value)
    except MalformedOrderError as exc:
        raise MalformedAnswer(f"{what}: {exc}") from None
    if when is None:
        raise MalformedAnswer(f"{what} is missing")
    return when


def _optional_date(value: Any, what: str) -> datetime | None:
    return None if value in (None, "") else _date(value, what)


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def parse_message(data: Any) -> ThreadMessage:
    if not isinstance(data, dict) or not _text(data.get("id")):
        raise MalformedAnswer("a message has no id")
    sender = data.get("from")
    if not isinstance(sender, dict):
        raise MalformedAnswer(f"message {data['id']} has no sender")
    to = data.get("to") or []
    files = data.get("attachments") or []
    return ThreadMessage(
        message_id=_text(data["id"]),
        body=str(data.get("body") or ""),
        sent_at=_date(data.get("date_created"), f"message {data['id']} date"),
        sender_type=_text(sender.get("type")),
        sender_name=_text(sender.get("display_name")),
        to=tuple(_text(t.get("type")) for t in to if isinstance(t, dict)),
        attachments=tuple(_text(f.get("name")) for f in files if isinstance(f, dict)),
    )


def parse_thread(data: Any) -> MessageThread:
    """One M10 answer or M11 item."""
    if not isinstance(data, dict) or not _text(data.get("id")):
        raise MalformedAnswer("a thread has no id")
    thread_id = _text(data["id"])
    metadata = _obj(data.get("metadata"))
    last_sender = _obj(metadata.get("last_sender"))
    topic = _obj(data.get("topic"))
    entities = [e for e in data.get("entities") or [] if isinstance(e, dict)]
    order_ids = [_text(e.get("id")) for e in entities if e.get("type") == ORDER_ENTITY]
    messages = data.get("messages") or []
    if not isinstance(messages, list):
        raise MalformedAnswer(f"thread {thread_id}: 'messages' is not a list")
    count = metadata.get("total_count")
    return MessageThread(
        thread_id=thread_id,
        order_id=order_ids[0] if order_ids else "",
        topic=_text(topic.get("value")),
        created_at=_date(data.get("date_created"), f"thread {thread_id} date_created"),
        updated_at=_date(data.get("date_updated"), f"thread {thread_id} date_updated"),
        last_message_at=_optional_date(metadata.get("last_message_date"), "last_message_date"),
        last_sender_type=_text(last_sender.get("type")),
        shop_reply_needed_since=_optional_date(
            metadata.get("shop_reply_needed_since"), "shop_reply_needed_since"
        ),
        message_count=count if isinstance(count, int) and not isinstance(count, bool) else 0,
        messages=tuple(sorted((parse_message(m) for m in messages), key=lambda m: m.sent_at)),
    )


def parse_thread_page(payload: Any) -> tuple[list[MessageThread], str]:
    """One M11 page: the threads and the next page's token ("" on the last page)."""
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise MalformedAnswer("the thread list answer has no 'data' list")
    threads = []
    for item in payload["data"]:
        try:
            threads.append(parse_thread(item))
        except MalformedAnswer as exc:
            log.warning("skipped an unreadable thread from the marketplace: %s", exc)
    token = payload.get("next_page_token")
    if token is not None and not isinstance(token, str):
        raise MalformedAnswer("the thread list answer has an unusable 'next_page_token'")
    return threads, token or ""


def order_flags(raw_json: str) -> OrderFlags:
    """`has_customer_message`, `has_incident` and the open incidents, from an order's raw OR11
    JSON (as the store keeps it); an unreadable text gives no flags rather than an error."""
    try:
        data = json.loads(raw_json)
    except (ValueError, TypeError):
        return OrderFlags()
    if not isinstance(data, dict):
        return OrderFlags()
    incidents = tuple(
        Incident(
            line_id=_text(line.get("order_line_id")),
            reason_code=_text(line.get("order_line_state_reason_code")),
            reason_label=_text(line.get("order_line_state_reason_label"))
            or _text(line.get("order_line_state_reason_code")),
        )
        for line in data.get("order_lines") or []
        if isinstance(line, dict) and line.get("order_line_state") == "INCIDENT_OPEN"
    )
    return OrderFlags(
        has_customer_message=data.get("has_customer_message") is True,
        has_incident=data.get("has_incident") is True or bool(incidents),
        incidents=incidents,
    )
