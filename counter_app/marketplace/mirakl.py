"""The Mirakl seller API connector: OR11, OR21, OR24, OR31, OR43, M11, AF01, SH12, A01, V01.

Cancellations, refunds, reasons and threads (OR28-OR30, RE01, M10-M12) are in `mirakl_after_sale`.

One `requests.Session` with the key in `Authorization` (no "Bearer"). Reads are retried with
exponential backoff and jitter on connection errors, timeouts, 5xx and malformed answers.
PUT writes are retried only when the request surely was not applied (connection refused, 5xx;
a PUT applied twice is refused by its state rule or harmless). OR43 is a POST that creates a
thread: after a 5xx or a lost answer it may exist, so it raises `OutcomeUnknown` and the sync
engine looks for the thread (M11) before sending it again. A 429 is never slept on here: it
raises `RateLimited` with the `Retry-After` as given, and the caller schedules the next try.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
import urllib3.exceptions

from counter_app.domain.orders import Order
from counter_app.logging_setup import redact
from counter_app.marketplace.connector import (
    AuthenticationError,
    CustomField,
    MalformedAnswer,
    MarketplaceConnector,
    MarketplaceUnavailable,
    OrderPage,
    OutcomeUnknown,
    PickupMessage,
    RateLimited,
    RequestRejected,
    ShippingType,
    ShopInfo,
    UpdateRejected,
    WrongStateError,
)
from counter_app.marketplace.mirakl_after_sale import MiraklAfterSale
from counter_app.marketplace.mirakl_parse import (
    additional_field_values,
    format_datetime,
    parse_orders_page,
    parse_shipping_types,
    parse_shop_info,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 100  # Mirakl's maximum for OR11


class _Retry(Exception):
    """Internal: this attempt failed in a way worth another try."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the request surely never reached the server (safe to send again)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, urllib3.exceptions.MaxRetryError):
        reason = reason.reason
    return isinstance(reason, urllib3.exceptions.NewConnectionError | ConnectionRefusedError)


def retry_after_seconds(value: str | None, cap: float = float("inf")) -> float | None:
    """Seconds to wait from a `Retry-After` header (seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - time.time()
    return max(0.0, min(seconds, cap))


class MiraklConnector(MiraklAfterSale, MarketplaceConnector):
    """Mirakl seller API over HTTP (the after-sale calls come from `MiraklAfterSale`)."""

    name = "mirakl"

    def __init__(
        self,
        base_url: str,
        api_key: str,
        shop_id: str = "",
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        max_retries: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not base_url:
            raise ValueError("a marketplace URL is required")
        self.base_url = base_url.rstrip("/")
        self.shop_id = shop_id
        self.timeout = (connect_timeout, read_timeout)
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.sleep = sleep
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = api_key
        self.session.headers["Accept"] = "application/json"
        self.session.headers["User-Agent"] = "counter-app"

    # ---- transport ----------------------------------------------------------------------------
    def _backoff(self, attempt: int) -> float:
        # Exponential with jitter, so that tills coming back online do not retry in lockstep.
        ceiling = min(self.backoff_cap, self.backoff_base * (2**attempt))
        return ceiling * (0.5 + random.random() / 2)

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        write: bool = False,
        creates: bool = False,
        parse_json: bool = True,
        **kwargs: Any,
    ) -> Any:
        """One API call with retries; the decoded JSON (or None for an empty answer).

        `creates`: the write makes something new each time (OR43), so any answer other than
        a clean refusal leaves its outcome unknown and it is never repeated here.
        """
        params = dict(params or {})
        if self.shop_id:
            params["shop_id"] = self.shop_id
        url = f"{self.base_url}{path}"
        last_reason = ""
        for attempt in range(self.max_retries + 1):
            try:
                return self._attempt(
                    method, url, path, params, write or creates, creates, parse_json, kwargs
                )
            except _Retry as retry:
                last_reason = retry.reason
                if attempt >= self.max_retries:
                    break
                wait = retry.wait if retry.wait is not None else self._backoff(attempt)
                log.info(
                    "%s %s: %s; retry %d in %.1f s",
                    method,
                    path,
                    retry.reason,
                    attempt + 1,
                    wait,
                )
                self.sleep(wait)
        raise MarketplaceUnavailable(
            redact(f"marketplace unavailable ({path}): {last_reason}"),
            network=not last_reason.startswith(("HTTP", "malformed")),
        )

    def _attempt(
        self,
        method: str,
        url: str,
        path: str,
        params: dict[str, Any],
        write: bool,
        creates: bool,
        parse_json: bool,
        kwargs: dict[str, Any],
    ) -> Any:
        try:
            response = self.session.request(
                method, url, params=params, timeout=self.timeout, **kwargs
            )
            body = response.content
        except requests.RequestException as exc:
            reason = redact(f"{type(exc).__name__}")
            if write and not _never_sent(exc):
                raise OutcomeUnknown(
                    f"no answer from the marketplace to {method} {path} ({reason}); "
                    "it may have been applied"
                ) from None
            raise _Retry(reason) from None
        status = response.status_code
        if status == 429:
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            said = f"; it asks to wait {wait:g} s" if wait is not None else ""
            raise RateLimited(f"the marketplace limits requests (HTTP 429){said}", wait)
        if status >= 500:
            if creates:
                raise OutcomeUnknown(
                    f"HTTP {status} from the marketplace to {method} {path}; "
                    "it may have been applied"
                )
            raise _Retry(f"HTTP {status}")
        if status in (401, 403):
            raise AuthenticationError(
                f"the marketplace refused the API key or shop id (HTTP {status})"
            )
        if status >= 400:
            message = _error_message(body) or f"HTTP {status}"
            text = redact(f"{method} {path} refused: {message}")
            if status == 400 and "state" in message.lower():
                raise WrongStateError(text, status)
            raise RequestRejected(text, status)
        if not parse_json or not body.strip():
            return None
        try:
            return json.loads(body)
        except ValueError:
            if write:
                # The write was answered 2xx: it went through; only the echo is garbled.
                log.warning("%s %s: unreadable answer body ignored", method, path)
                return None
            raise _Retry("malformed JSON answer") from None

    # ---- orders ---------------------------------------------------------------------------------
    def iter_changed_orders(self, since: datetime | None) -> Iterator[OrderPage]:
        offset = 0
        while True:
            params: dict[str, Any] = {
                "sort": "dateCreated",
                "order": "asc",
                "max": PAGE_SIZE,
                "offset": offset,
            }
            if since is not None:
                params["start_update_date"] = format_datetime(since)
            payload = self._request("GET", "/api/orders", params=params)
            orders, skipped, total = parse_orders_page(payload)
            yield OrderPage(orders=orders, skipped=skipped, total_count=total, offset=offset)
            count = len(payload["orders"])
            offset += count
            if count == 0 or offset >= total:
                return

    def get_order(self, order_id: str) -> Order | None:
        payload = self._request("GET", "/api/orders", params={"order_ids": order_id, "max": 1})
        orders, skipped, _ = parse_orders_page(payload)
        if skipped and not orders:
            raise MalformedAnswer(f"the marketplace sent an unreadable order {order_id}")
        for order in orders:
            if order.order_id == order_id:
                return order
        return None

    def accept_lines(self, order_id: str, decisions: list[tuple[str, bool]]) -> None:
        body = accept_body(decisions)
        self._request("PUT", f"/api/orders/{order_id}/accept", json=body, write=True)

    def confirm_collection(self, order_id: str) -> None:
        self._request("PUT", f"/api/orders/{order_id}/ship", write=True)

    def set_custom_fields(self, order_id: str, values: dict[str, str | None]) -> None:
        """OR31: set order custom fields (None deletes); a reported error raises."""
        body = {"order_additional_fields": [{"code": c, "value": v} for c, v in values.items()]}
        answer = self._request(
            "PUT", f"/api/orders/{order_id}/additional_fields", json=body, write=True
        )
        errors = answer.get("order_update_errors") if isinstance(answer, dict) else None
        if errors:
            raise UpdateRejected(
                redact(f"the marketplace did not store the custom fields: {_update_errors(errors)}")
            )

    def publish_ready(
        self, order_id: str, pickup_code: str, message: PickupMessage, field_code: str = ""
    ) -> str:
        if field_code:
            # Setting the same value twice is harmless, so this step needs no checking. It
            # goes first: the customer must never get a code the marketplace did not store.
            self.set_custom_fields(order_id, {field_code: pickup_code})
        thread_input = pickup_thread_input(message)
        files = [
            ("thread_input", (None, json.dumps(thread_input), "application/json")),
            ("files", (message.file_name, message.qr_png, "image/png")),
        ]
        answer = self._request("POST", f"/api/orders/{order_id}/threads", files=files, creates=True)
        return str(answer.get("thread_id") or "") if isinstance(answer, dict) else ""

    def ready_published(
        self, order_id: str, pickup_code: str, field_code: str = "", topic: str = ""
    ) -> str | None:
        if field_code:
            order = self.get_order(order_id)
            if order is None:
                return None
            if additional_field_values(order.raw_json).get(field_code) != pickup_code:
                return None
        payload = self._request(
            "GET",
            "/api/inbox/threads",
            params={"entity_type": "MMP_ORDER", "entity_id": order_id},
        )
        threads = payload.get("data") if isinstance(payload, dict) else None
        if not isinstance(threads, list):
            raise MalformedAnswer("the thread list answer has no 'data' list")
        wanted = _folded(topic) if topic else ""
        for thread in threads:
            if not isinstance(thread, dict):
                continue
            value = _folded(str((thread.get("topic") or {}).get("value") or ""))
            if (wanted and value == wanted) or pickup_code.upper() in value:
                return str(thread.get("id") or "")
        return None

    def custom_fields(self, entities: tuple[str, ...] = ("ORDER",)) -> list[CustomField]:
        payload = self._request(
            "GET", "/api/additional_fields", params={"entities": ",".join(entities)}
        )
        items = payload.get("additional_fields") if isinstance(payload, dict) else None
        if not isinstance(items, list):
            raise MalformedAnswer("the custom field list has no 'additional_fields' list")
        return [
            CustomField(
                code=str(item.get("code") or ""),
                label=str(item.get("label") or ""),
                type=str(item.get("type") or ""),
                entity=str(item.get("entity") or ""),
            )
            for item in items
            if isinstance(item, dict) and item.get("code")
        ]

    # ---- shop ---------------------------------------------------------------------------------
    def shipping_types(self) -> list[ShippingType]:
        return parse_shipping_types(self._request("GET", "/api/shipping/types"))

    def shop_info(self) -> ShopInfo:
        return parse_shop_info(self._request("GET", "/api/account"))

    def health(self) -> bool:
        self._request("GET", "/api/version", parse_json=False)
        return True

    def close(self) -> None:
        self.session.close()


def accept_body(decisions: list[tuple[str, bool]]) -> dict[str, Any]:
    """OR21's body (`OR21_Request`)."""
    return {"order_lines": [{"id": lid, "accepted": bool(ok)} for lid, ok in decisions]}


def pickup_thread_input(message: PickupMessage) -> dict[str, Any]:
    """OR43's `thread_input` for the ready message (schema `OR43_Request_..._ThreadInput`)."""
    return {
        "body": message.body,
        "to": ["CUSTOMER"],
        "topic": {"type": "FREE_TEXT", "value": message.topic},
    }


def _folded(text: str) -> str:
    return text.upper().replace("-", "").replace(" ", "")


def _update_errors(errors: Any) -> str:
    items = errors.get("errors") if isinstance(errors, dict) else None
    if not isinstance(items, list) or not items:
        return "errors reported"
    return "; ".join(
        str(e.get("message") or e.get("code") or "error") for e in items if isinstance(e, dict)
    )


def _error_message(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body[:200].decode("utf-8", "replace").strip()
    if isinstance(data, dict):
        return str(data.get("message") or "")
    return ""
