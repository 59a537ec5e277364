"""The simulator's HTTP side: Mirakl seller endpoints and a test-only control API.

Served by the standard library's `ThreadingHTTPServer` on 127.0.0.1. Errors are Mirakl-shaped
JSON (`{"status": 400, "message": ...}`); a bug inside a handler answers a 500 JSON body, never a
closed socket. Requests are checked as strictly as Mirakl checks them (OR21 decisions, OR31
custom fields against AF01, OR43 sizes, OR11 filters), so the app cannot lean on leniency.
"""

from __future__ import annotations

import contextlib
import email.message
import email.parser
import email.policy
import json
import logging
import math
import re
import socket
import threading
import time
from collections import Counter, deque
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from counter_app.marketplace.simulator.catalog import SHIPPING_TYPES
from counter_app.marketplace.simulator.faults import Fault, FaultInjector, FaultKind
from counter_app.marketplace.simulator.orderbook import (
    MAX_PAGE,
    ORDER_STATES,
    InvalidRequestError,
    OrderBook,
    UnknownOrderError,
    WrongStateError,
    format_date,
    parse_date,
)

log = logging.getLogger(__name__)

_ORDER_ACTION = re.compile(r"^/api/orders/([^/]+)/(accept|ship|additional_fields|threads)$")
_CONTROL_STATE = re.compile(r"^/_control/orders/([^/]+)/state$")
_AF01_ENTITIES = ("OFFER", "SHOP", "ORDER", "ORDER_LINE")
TOPIC_MIN, TOPIC_MAX = 3, 200  # OR43 thread topic, in characters
BODY_MAX = 50_000  # OR43 message body, in characters
SHOP_NAME = "Librairie des Canuts (simulateur)"


class _Reply:
    """A computed answer, written after any injected delay."""

    def __init__(
        self, status: int, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        self.status = status
        self.body = body
        self.headers = headers or {}


def _json_reply(status: int, payload: Any) -> _Reply:
    return _Reply(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))


def _error(status: int, message: str) -> _Reply:
    return _json_reply(status, {"status": status, "message": message})


def parse_mirakl_date(text: str) -> datetime:
    """ISO 8601 as Mirakl accepts it in query parameters (with or without milliseconds)."""
    return parse_date(text)


def retry_after_header(seconds: float) -> str:
    """`Retry-After` as HTTP wants it: whole seconds (a fraction is rounded up)."""
    return str(max(0, math.ceil(seconds)))


def _json_body(body: bytes) -> Any:
    try:
        return json.loads(body or b"{}")
    except ValueError as exc:
        raise InvalidRequestError(f"the body is not valid JSON: {exc}") from None


class _QuietServer(ThreadingHTTPServer):
    """Clients that hang up mid-answer are expected here (timeouts, faults): no traceback."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        log.debug("simulator: connection from %s ended abruptly", client_address)


class SimulatorServer:
    """A running simulator: `start()` in a background thread, `url`, `stop()`."""

    def __init__(
        self,
        book: OrderBook,
        api_key: str,
        *,
        port: int = 0,
        host: str = "127.0.0.1",
        control: bool = True,
        tick_seconds: float = 0,
    ) -> None:
        self.book = book
        self.api_key = api_key
        self.faults = FaultInjector()
        self.control = control
        self.tick_seconds = tick_seconds
        self.requests: Counter[str] = Counter()
        self.seen_auth: list[str] = []
        # The last requests as received (method, path, Content-Type, body): tests check what
        # clients send against the spec's request schemas.
        self.received: deque[tuple[str, str, str, bytes]] = deque(maxlen=500)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        handler = type("_BoundHandler", (_Handler,), {"sim": self})
        self.httpd = _QuietServer((host, port), handler)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> SimulatorServer:
        serve = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": 0.05},  # a quick stop() matters more than idle CPU
            name="simulator",
            daemon=True,
        )
        serve.start()
        self._threads.append(serve)
        if self.tick_seconds > 0:
            ticker = threading.Thread(target=self._tick_loop, name="simulator-tick", daemon=True)
            ticker.start()
            self._threads.append(ticker)
        return self

    def _tick_loop(self) -> None:
        while not self._stop.wait(self.tick_seconds):
            self.book.tick()

    def serve_forever(self) -> None:
        """Block serving requests (the `counter-app simulator` command)."""
        if self.tick_seconds > 0:
            threading.Thread(target=self._tick_loop, daemon=True).start()
        try:
            self.httpd.serve_forever()
        finally:
            self._stop.set()
            self.httpd.server_close()

    def stop(self) -> None:
        """Stop serving and cut open keep-alive connections, as a real outage would."""
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def track(self, connection: socket.socket, *, opened: bool) -> None:
        with self._connections_lock:
            if opened:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def arm(self, kind: FaultKind | str, count: int = 1, **kwargs: Any) -> None:
        """Make the next `count` matching requests misbehave (see `Fault`)."""
        self.faults.arm(Fault(FaultKind(kind), count, **kwargs))

    # ---- routing ----------------------------------------------------------------------------
    def handle(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: email.message.Message,
        body: bytes,
    ) -> _Reply:
        self.received.append((method, path, headers.get("Content-Type", ""), body))
        try:
            return self._route(method, path, query, headers, body)
        except Exception as exc:  # as a real server: a bug answers 500, the socket stays
            log.exception("simulator: handler failed on %s %s", method, path)
            return _error(500, f"Internal server error: {type(exc).__name__}")

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: email.message.Message,
        body: bytes,
    ) -> _Reply:
        if path.startswith("/_control/"):
            if not self.control:
                return _error(404, "Not found")
            return self._control(method, path, body)
        if method == "GET" and path == "/api/version":
            # V01 has no security in the spec: a health check needs no key.
            self.requests["V01"] += 1
            return _json_reply(200, {"version": "3.230.0-simulator"})
        key = headers.get("Authorization", "")
        self.seen_auth.append(key)
        if not key or key != self.api_key:
            return _error(401, "Unauthorized: a valid API key is required")
        shop_id = query.get("shop_id", [""])[0]
        if shop_id and shop_id != self.book.shop_id:
            return _error(403, f"Forbidden: no access to shop {shop_id}")
        match = _ORDER_ACTION.match(path)
        try:
            if method == "GET" and path == "/api/account":
                self.requests["A01"] += 1
                return _json_reply(200, self._account())
            if method == "GET" and path == "/api/shipping/types":
                self.requests["SH12"] += 1
                return _json_reply(200, self._shipping_types())
            if method == "GET" and path == "/api/orders":
                self.requests["OR11"] += 1
                return self._list_orders(query)
            if method == "GET" and path == "/api/inbox/threads":
                self.requests["M11"] += 1
                return self._inbox_threads(query)
            if method == "GET" and path == "/api/additional_fields":
                self.requests["AF01"] += 1
                return self._additional_fields(query)
            if match and method == "PUT" and match.group(2) == "accept":
                self.requests["OR21"] += 1
                payload = _json_body(body)
                if not isinstance(payload, dict):
                    return _error(400, "the body must be a JSON object")
                self.book.accept(match.group(1), payload.get("order_lines"))
                return _Reply(204)
            if match and method == "PUT" and match.group(2) == "ship":
                self.requests["OR24"] += 1
                self.book.ship(match.group(1))
                return _Reply(204)
            if match and method == "PUT" and match.group(2) == "additional_fields":
                self.requests["OR31"] += 1
                result, errors = self.book.set_additional_fields(match.group(1), _json_body(body))
                if errors is not None:
                    return _json_reply(200, {"order_update_errors": errors})
                return _json_reply(200, {"order_update_result": result})
            if match and method == "POST" and match.group(2) == "threads":
                self.requests["OR43"] += 1
                return self._create_thread(match.group(1), headers, body)
        except WrongStateError as exc:
            return _error(400, str(exc))
        except UnknownOrderError as exc:
            return _error(404, f"Order {exc.args[0]} not found")
        except InvalidRequestError as exc:
            return _error(400, str(exc))
        return _error(404, f"No endpoint {method} {path}")

    def _account(self) -> dict[str, Any]:
        """A01 with every property `A01_Response_200` requires."""
        orders = self.book.order_ids()
        address = {
            "city": "Lyon",
            "country": "FRA",
            "street1": "12 rue d'Austerlitz",
            "zip_code": "69004",
        }
        return {
            "billing_info": {
                "bank_city": "Lyon",
                "bank_name": "Banque des Canuts",
                "bic": "BDCAFRPPXXX",
                "iban": "FR7630006000011234567890189",
                "owner": SHOP_NAME,
            },
            "channels": ["FR"],
            "contact_informations": {
                **address,
                "civility": "Mme",
                "email": "contact@librairie-canuts.example.fr",
                "firstname": "Hélène",
                "lastname": "Gaillard",
                "phone": "+33 4 78 00 00 00",
            },
            "currency_iso_code": "EUR",
            "date_created": "2024-03-01T09:00:00Z",
            "default_billing_information": {
                "default_language": "fr",
                "id": "default",
                "registration_address": {
                    "city": "Lyon",
                    "country_iso_code": "FRA",
                    "street_1": "12 rue d'Austerlitz",
                    "zip_code": "69004",
                },
            },
            "domains": ["PRODUCT"],
            "evaluations_count": 0,
            "free_shipping": False,
            "is_professional": True,
            "last_updated_date": "2026-01-05T08:00:00Z",
            "offers_count": 120,
            "orders_count": len(orders),
            "payment_details": {
                "paid_balance": 0.0,
                "payable_balance": 0.0,
                "pending_balance": 0.0,
            },
            "payment_method_mandatory": False,
            "premium": False,
            "pro_details": {
                "corporate_name": "Librairie des Canuts SARL",
                "identification_number": "12345678900017",
                "VAT_number": "FR12123456789",
            },
            "shipping": {"lead_time_to_ship": 2},
            # Deprecated plain lists, kept because the spec still requires them.
            "shipping_types": [code for code, _label, _cc in SHIPPING_TYPES],
            "shipping_zones": ["FR-METRO"],
            "shippings": [
                {
                    "shipping_type_code": code,
                    "shipping_type_label": label,
                    "shipping_zone_code": "FR-METRO",
                    "shipping_zone_label": "France métropolitaine",
                }
                for code, label, _cc in SHIPPING_TYPES
            ],
            "shop_additional_fields": [],
            "shop_id": int(self.book.shop_id),
            "shop_name": SHOP_NAME,
            "shop_state": "OPEN",
        }

    def _additional_fields(self, query: dict[str, list[str]]) -> _Reply:
        """AF01: the operator's custom fields, optionally for some entities."""
        entities = [e for v in query.get("entities", []) for e in v.split(",") if e]
        unknown = [e for e in entities if e not in _AF01_ENTITIES]
        if unknown:
            return _error(400, f"Unknown entities: {', '.join(unknown)}")
        fields = [
            dict(f) for f in self.book.additional_fields if not entities or f["entity"] in entities
        ]
        return _json_reply(200, {"additional_fields": fields, "total_count": len(fields)})

    def _shipping_types(self) -> dict[str, Any]:
        return {
            "shipping_types": [
                {
                    "click_and_collect": cc,
                    "code": code,
                    "delivery_by_operator": False,
                    "description": label,
                    "label": label,
                    "mandatory_tracking": not cc,
                }
                for code, label, cc in SHIPPING_TYPES
            ]
        }

    def _list_orders(self, query: dict[str, list[str]]) -> _Reply:
        def one(name: str, default: str = "") -> str:
            return query.get(name, [default])[0]

        try:
            limit = int(one("max", "10"))
            offset = int(one("offset", "0"))
        except ValueError:
            return _error(400, "max and offset must be integers")
        if limit < 1 or limit > MAX_PAGE:
            return _error(400, f"max must be between 1 and {MAX_PAGE}")
        if offset < 0:
            return _error(400, "offset must be positive")
        dates: dict[str, datetime | None] = {}
        for name in ("start_update_date", "end_update_date", "start_date", "end_date"):
            dates[name] = None
            if one(name):
                try:
                    dates[name] = parse_mirakl_date(one(name))
                except ValueError:
                    return _error(400, f"{name} is not an ISO 8601 date")
        ids = [i for v in query.get("order_ids", []) for i in v.split(",") if i]
        states = [s for v in query.get("order_state_codes", []) for s in v.split(",") if s]
        unknown = [s for s in states if s not in ORDER_STATES]
        if unknown:
            return _error(400, f"Unknown order state code(s): {', '.join(unknown)}")
        channels = [c for v in query.get("channel_codes", []) for c in v.split(",") if c]
        if one("paginate", "true").lower() == "false":
            limit = 1_000_000
        page, total = self.book.list_json(
            start_update_date=dates["start_update_date"],
            end_update_date=dates["end_update_date"],
            start_date=dates["start_date"],
            end_date=dates["end_date"],
            channel_codes=channels,
            order_ids=ids,
            order_state_codes=states,
            offset=offset,
            limit=limit,
            descending=one("order", "asc").lower() == "desc",
        )
        body = '{"orders":[' + ",".join(page) + '],"total_count":' + str(total) + "}"
        return _Reply(200, body.encode("utf-8"))

    def _inbox_threads(self, query: dict[str, list[str]]) -> _Reply:
        """M11: threads, with every field `M11_Response_200_Data` requires."""
        entity_type = query.get("entity_type", [""])[0]
        order_id = query.get("entity_id", [""])[0]
        if order_id and not entity_type:
            return _error(400, "entity_type is required with entity_id")
        if entity_type and entity_type != "MMP_ORDER":
            return _json_reply(200, {"data": []})
        shop = {"display_name": SHOP_NAME, "id": self.book.shop_id, "type": "SHOP"}
        data = []
        for t in self.book.threads(order_id or None):
            when = format_date(t.created_at, millis=False)
            recipients = [
                {"display_name": "Client" if to == "CUSTOMER" else to.title(), "type": to}
                for to in t.to
            ]
            data.append(
                {
                    "authorized_participants": [shop, *recipients],
                    "current_participants": [shop, *recipients],
                    "date_created": when,
                    "date_updated": when,
                    "entities": [{"id": t.order_id, "label": t.order_id, "type": "MMP_ORDER"}],
                    "id": t.thread_id,
                    "metadata": {
                        "last_message_date": when,
                        "last_sender": {"display_name": SHOP_NAME, "type": "SHOP"},
                        "shop_reply_needed_since": None,
                        "total_count": 1,
                    },
                    "topic": t.topic,
                }
            )
        return _json_reply(200, {"data": data})

    def _create_thread(self, order_id: str, headers: email.message.Message, body: bytes) -> _Reply:
        ctype = headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data"):
            return _error(400, "OR43 expects multipart/form-data")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + body
        )
        thread_input: dict[str, Any] | None = None
        files: list[tuple[str, bytes]] = []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            content = payload if isinstance(payload, bytes) else b""
            if name == "thread_input":
                thread_input = json.loads(content.decode("utf-8"))
            elif name == "files":
                files.append((part.get_filename() or "file", content))
        if not isinstance(thread_input, dict):
            return _error(400, "thread_input is required")
        text = thread_input.get("body")
        to = thread_input.get("to")
        topic = thread_input.get("topic")
        if not isinstance(text, str) or len(text) < 3:
            return _error(400, "thread_input.body must have at least 3 characters")
        if len(text) > BODY_MAX:
            return _error(400, f"thread_input.body must have at most {BODY_MAX} characters")
        if (
            not isinstance(to, list)
            or not to
            or any(t not in ("OPERATOR", "SHOP", "CUSTOMER") for t in to)
        ):
            return _error(400, "thread_input.to must list OPERATOR, SHOP or CUSTOMER")
        if not isinstance(topic, dict) or topic.get("type") not in ("FREE_TEXT", "REASON_CODE"):
            return _error(400, "thread_input.topic.type must be FREE_TEXT or REASON_CODE")
        value = topic.get("value")
        if not isinstance(value, str) or not TOPIC_MIN <= len(value) <= TOPIC_MAX:
            return _error(
                400, f"thread_input.topic.value must have {TOPIC_MIN} to {TOPIC_MAX} characters"
            )
        thread = self.book.add_thread(order_id, text, to, topic, files)
        return _json_reply(201, {"message_id": thread.message_id, "thread_id": thread.thread_id})

    def _control(self, method: str, path: str, body: bytes) -> _Reply:
        try:
            payload = _json_body(body)
        except InvalidRequestError as exc:
            return _error(400, str(exc))
        if method == "POST" and path == "/_control/faults":
            kind = payload.pop("kind")
            count = int(payload.pop("count", 1))
            self.arm(kind, count, **payload)
            return _json_reply(200, {"armed": self.faults.armed})
        if method == "POST" and path == "/_control/clear":
            self.faults.clear()
            return _json_reply(200, {"armed": 0})
        if method == "POST" and path == "/_control/tick":
            return _json_reply(200, {"changed": self.book.tick()})
        if method == "POST" and path == "/_control/orders":
            order_id = self.book.add_order(
                payload.get("state", "WAITING_ACCEPTANCE"),
                click_and_collect=bool(payload.get("click_and_collect", True)),
            )
            return _json_reply(201, {"order_id": order_id})
        match = _CONTROL_STATE.match(path)
        if match and method == "POST":
            try:
                self.book.set_state(match.group(1), str(payload["state"]))
            except UnknownOrderError:
                return _error(404, "no such order")
            return _json_reply(200, {"order_id": match.group(1), "state": payload["state"]})
        if method == "GET" and path == "/_control/stats":
            return _json_reply(200, dict(self.requests))
        return _error(404, f"No control endpoint {method} {path}")


class _Handler(BaseHTTPRequestHandler):
    """One request: fault injection first, then the simulator's answer."""

    sim: SimulatorServer
    protocol_version = "HTTP/1.1"
    server_version = "MiraklSimulator/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        # Never the Authorization header; only method, path and status at debug level.
        log.debug("simulator: " + format, *args)

    def setup(self) -> None:
        super().setup()
        self.sim.track(self.connection, opened=True)

    def finish(self) -> None:
        self.sim.track(self.connection, opened=False)
        super().finish()

    def _serve(self, method: str) -> None:
        try:
            self._serve_one(method)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        except Exception as exc:  # never a closed socket for a bug: a 500 JSON body
            log.exception("simulator: request failed")
            self._write(_error(500, f"Internal server error: {type(exc).__name__}"))

    def _serve_one(self, method: str) -> None:
        if self.sim.stopped:
            self.close_connection = True
            return
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = None
        if parts.path.startswith("/api/"):
            fault = self.sim.faults.take(method, parts.path)
        if fault is not None and fault.kind is FaultKind.DROP:
            self.close_connection = True
            return
        if fault is not None and fault.kind is FaultKind.TOO_MANY:
            reply = _error(429, "Too many requests")
            reply.headers["Retry-After"] = retry_after_header(fault.retry_after)
            self._write(reply)
            return
        if fault is not None and fault.kind is FaultKind.SERVER_ERROR:
            self._write(_error(500, "Internal server error"))
            return
        reply = self.sim.handle(method, parts.path, query, self.headers, body)
        if fault is not None and fault.kind is FaultKind.ERROR_AFTER:
            # The work is done; a gateway in front of the marketplace loses the answer.
            reply = _error(fault.status, "Bad gateway")
        if fault is not None and fault.kind is FaultKind.HANG:
            time.sleep(fault.hang_seconds)
        if fault is not None and fault.kind is FaultKind.TRUNCATED:
            whole = reply.body or b'{"status": "ok", "detail": "padding"}'
            reply = _Reply(200, whole[: max(1, len(whole) // 2)])
            self.close_connection = True
        self._write(reply)

    def _write(self, reply: _Reply) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(reply.status, HTTPStatus(reply.status).phrase)
            if reply.body:
                self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if reply.body:
                self.wfile.write(reply.body)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_POST(self) -> None:
        self._serve("POST")
