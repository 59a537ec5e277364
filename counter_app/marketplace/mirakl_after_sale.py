"""The Mirakl calls for customers who do not come and customers who write.

OR29 (cancel a whole order), OR30 (cancel lines), OR28 (refund lines), RE01 (reasons), M11/M10
(read threads), M12 (reply) and OR43 (a new thread). A mixin of `MiraklConnector`, which gives
it `_request` (retries, error mapping) and `get_order`.

OR29 is a PUT whose repetition is refused by its state rule, so it is retried as other PUTs.
OR30, OR28, M12 and OR43 each create something new: after a 5xx or a lost answer they raise
`OutcomeUnknown` and are never repeated here; the caller reads the order (or the thread) to see
whether the first one landed. Bad arguments (no reason, an empty message) raise `ValueError`
before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from counter_app.domain.orders import Order
from counter_app.marketplace.connector import MalformedAnswer, RequestRejected
from counter_app.marketplace.messages_types import (
    Attachment,
    CancelResult,
    LineCancel,
    LineRefund,
    MessageThread,
    Reason,
    ReasonKind,
    RefundResult,
    SentMessage,
)
from counter_app.marketplace.mirakl_messages import (
    ORDER_ENTITY,
    as_line_cancels,
    as_line_refunds,
    cancel_body,
    message_input,
    parse_cancelations,
    parse_reasons,
    parse_refunds,
    parse_sent,
    parse_thread,
    parse_thread_page,
    refund_body,
    thread_input,
)
from counter_app.marketplace.mirakl_parse import format_datetime

THREAD_PAGE = 100  # M11 `limit` (seek pagination; 50 by default)
MAX_THREAD_PAGES = 1000  # a marketplace that never stops paging is a malformed one


class MiraklAfterSale:
    """OR28, OR29, OR30, RE01, M10, M11, M12 and OR43 on top of `MiraklConnector._request`."""

    def _request(  # pragma: no cover - provided by MiraklConnector
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
        raise NotImplementedError

    def get_order(self, order_id: str) -> Order | None:  # pragma: no cover - see above
        raise NotImplementedError

    # ---- cancel and refund ------------------------------------------------------------------
    def cancel_order(self, order_id: str) -> None:
        self._request("PUT", f"/api/orders/{order_id}/cancel", write=True)

    def cancel_lines(
        self, order_id: str, lines: Sequence[tuple[str, int, str] | LineCancel]
    ) -> list[CancelResult]:
        wanted = as_line_cancels(lines)
        order = self.get_order(order_id)
        if order is None:
            raise RequestRejected(f"the marketplace does not know order {order_id}", 404)
        unit = {line.line_id: line.unit_price_cents for line in order.lines}
        unknown = [line.line_id for line in wanted if line.line_id not in unit]
        if unknown:
            raise RequestRejected(
                f"order {order_id} has no line {', '.join(unknown)} at the marketplace", 400
            )
        answer = self._request(
            "PUT", "/api/orders/cancel", json=cancel_body(wanted, unit), creates=True
        )
        return [] if answer is None else parse_cancelations(answer)

    def refund_lines(
        self, order_id: str, lines: Sequence[tuple[str, int, int, str] | LineRefund]
    ) -> list[RefundResult]:
        # OR28 names lines only (no order in its path); `order_id` is for the caller's logs.
        wanted = as_line_refunds(lines)
        answer = self._request("PUT", "/api/orders/refund", json=refund_body(wanted), creates=True)
        return [] if answer is None else parse_refunds(answer)

    def list_reasons(self, kind: ReasonKind | str) -> list[Reason]:
        kind = ReasonKind(kind)
        return parse_reasons(self._request("GET", "/api/reasons"), kind)

    # ---- threads ----------------------------------------------------------------------------
    def list_threads(
        self,
        order_id: str | None = None,
        updated_since: datetime | None = None,
        *,
        with_messages: bool = True,
    ) -> list[MessageThread]:
        params: dict[str, Any] = {
            "entity_type": ORDER_ENTITY,
            "limit": THREAD_PAGE,
            "with_messages": "true" if with_messages else "false",
        }
        if order_id:
            params["entity_id"] = order_id
        if updated_since is not None:
            params["updated_since"] = format_datetime(updated_since)
        threads: list[MessageThread] = []
        seen_tokens: set[str] = set()
        for _ in range(MAX_THREAD_PAGES):
            page, token = parse_thread_page(
                self._request("GET", "/api/inbox/threads", params=params)
            )
            threads.extend(page)
            if not token:
                return threads
            if token in seen_tokens:
                raise MalformedAnswer("the thread list pages loop (the same page token again)")
            seen_tokens.add(token)
            # With a page token Mirakl ignores every other filter; send the token alone.
            params = {"page_token": token}
        raise MalformedAnswer(f"the thread list has more than {MAX_THREAD_PAGES} pages")

    def get_thread(self, thread_id: str) -> MessageThread:
        thread = parse_thread(self._request("GET", f"/api/inbox/threads/{thread_id}"))
        if thread.thread_id != thread_id:
            raise MalformedAnswer(f"asked for thread {thread_id}, got {thread.thread_id}")
        return thread

    def reply_to_thread(
        self,
        thread_id: str,
        body: str,
        *,
        to: Sequence[str] = ("CUSTOMER",),
        files: Sequence[Attachment] = (),
    ) -> SentMessage:
        form = json.dumps(message_input(body, list(to)), ensure_ascii=False)
        parts = [("message_input", (None, form.encode("utf-8"), "application/json"))]
        answer = self._request(
            "POST",
            f"/api/inbox/threads/{thread_id}/message",
            files=parts + _file_parts(files),
            creates=True,
        )
        return parse_sent(answer, thread_id)

    def create_order_thread(
        self, order_id: str, subject: str, body: str, *, files: Sequence[Attachment] = ()
    ) -> SentMessage:
        form = json.dumps(thread_input(subject, body), ensure_ascii=False)
        parts = [("thread_input", (None, form.encode("utf-8"), "application/json"))]
        path = f"/api/orders/{order_id}/threads"
        answer = self._request("POST", path, files=parts + _file_parts(files), creates=True)
        return parse_sent(answer)


def _file_parts(files: Sequence[Attachment]) -> list[tuple[str, tuple[str, bytes, str]]]:
    """The multipart `files` parts of OR43 and M12 (one part per file, the same name)."""
    return [("files", (f.file_name, f.content, f.mime_type)) for f in files]
