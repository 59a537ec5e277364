"""The simulator's HTTP side: Mirakl seller endpoints and a test-only control API.

Served by the standard library's `ThreadingHTTPServer` on 127.0.0.1. Errors are Mirakl-shaped
JSON (`{"status": 400, "message": ...}`).
"""

from __future__ import annotations

import contextlib
import email.message
import email.parser
import email.policy
import json
import logging
import re
import socket
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from counter_app.marketplace.simulator.catalog import SHIPPING_TYPES
from counter_app.marketplace.simulator.faults import Fault, FaultInjector, FaultKind
from counter_app.marketplace.simulator.orderbook import (
    MAX_PAGE,
    OrderBook,
    UnknownOrderError,
    WrongStateError,
    format_date,
)

log = logging.getLogger(__name__)

_ORDER_ACTION = re.compile(r"^/api/orders/([^/]+)/(accept|ship|additional_fields|threads)$")
_CONTROL_STATE = re.compile(r"^/_control/orders/([^/]+)/state$")


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
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace(" ", "+"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
        if path.startswith("/_control/"):
            if not self.control:
                return _error(404, "Not found")
            return self._control(method, path, body)
        key = headers.get("Authorization", "")
        self.seen_auth.append(key)
        if not key or key != self.api_key:
            return _error(401, "Unauthorized: a valid API key is required")
        shop_id = query.get("shop_id", [""])[0]
        if shop_id and shop_id != self.book.shop_id:
            return _error(403, f"Forbidden: no access to shop {shop_id}")
        match = _ORDER_ACTION.match(path)
        try:
            if method == "GET" and path == "/api/version":
                self.requests["V01"] += 1
                return _json_reply(200, {"version": "3.230.0-simulator"})
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
            if match and method == "PUT" and match.group(2) == "accept":
                self.requests["OR21"] += 1
                payload = json.loads(body or b"{}")
                self.book.accept(match.group(1), list(payload.get("order_lines") or []))
                return _Reply(204)
            if match and method == "PUT" and match.group(2) == "ship":
                self.requests["OR24"] += 1
                self.book.ship(match.group(1))
                return _Reply(204)
            if match and method == "PUT" and match.group(2) == "additional_fields":
                self.requests["OR31"] += 1
                payload = json.loads(body or b"{}")
                fields = list(payload.get("order_additional_fields") or [])
                self.book.set_additional_fields(match.group(1), fields)
                return _json_reply(200, {"order_update_result": payload})
            if match and method == "POST" and match.group(2) == "threads":
                self.requests["OR43"] += 1
                return self._create_thread(match.group(1), headers, body)
        except WrongStateError as exc:
            return _error(400, str(exc))
        except UnknownOrderError as exc:
            return _error(404, f"Order {exc.args[0]} not found")
        except (ValueError, KeyError, TypeError) as exc:
            return _error(400, f"Bad request: {exc}")
        return _error(404, f"No endpoint {method} {path}")

    def _account(self) -> dict[str, Any]:
        return {
            "shop_id": int(self.book.shop_id),
            "shop_name": "Librairie des Canuts (simulateur)",
            "shop_state": "OPEN",
            "currency_iso_code": "EUR",
            "is_professional": True,
            "contact_informations": {
                "city": "Lyon",
                "country": "FRA",
                "email": "contact@librairie-canuts.example.fr",
                "street1": "12 rue d'Austerlitz",
                "zip_code": "69004",
            },
        }

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
        since = None
        if one("start_update_date"):
            try:
                since = parse_mirakl_date(one("start_update_date"))
            except ValueError:
                return _error(400, "start_update_date is not an ISO 8601 date")
        ids = [i for v in query.get("order_ids", []) for i in v.split(",") if i]
        states = [s for v in query.get("order_state_codes", []) for s in v.split(",") if s]
        if one("paginate", "true").lower() == "false":
            limit = 1_000_000
        page, total = self.book.list_json(
            start_update_date=since,
            order_ids=ids,
            order_state_codes=states,
            offset=offset,
            limit=limit,
            descending=one("order", "asc").lower() == "desc",
        )
        body = '{"orders":[' + ",".join(page) + '],"total_count":' + str(total) + "}"
        return _Reply(200, body.encode("utf-8"))

    def _inbox_threads(self, query: dict[str, list[str]]) -> _Reply:
        order_id = query.get("entity_id", [""])[0]
        data = [
            {
                "id": t.thread_id,
                "date_created": format_date(t.created_at, millis=False),
                "date_updated": format_date(t.created_at, millis=False),
                "entities": [{"id": t.order_id, "label": t.order_id, "type": "MMP_ORDER"}],
                "topic": t.topic,
                "metadata": {"total_count": 1},
            }
            for t in self.book.threads(order_id or None)
        ]
        return _json_reply(200, {"data": data, "next_page_token": None})

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
            content = part.get_payload(decode=True) or b""
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
        if (
            not isinstance(to, list)
            or not to
            or any(t not in ("OPERATOR", "SHOP", "CUSTOMER") for t in to)
        ):
            return _error(400, "thread_input.to must list OPERATOR, SHOP or CUSTOMER")
        if not isinstance(topic, dict) or not topic.get("type") or not topic.get("value"):
            return _error(400, "thread_input.topic needs a type and a value")
        thread = self.book.add_thread(order_id, text, to, topic, files)
        return _json_reply(
            201, {"message_id": thread.thread_id + "-1", "thread_id": thread.thread_id}
        )

    def _control(self, method: str, path: str, body: bytes) -> _Reply:
        payload = json.loads(body or b"{}")
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
            reply.headers["Retry-After"] = f"{fault.retry_after:g}"
            self._write(reply)
            return
        if fault is not None and fault.kind is FaultKind.SERVER_ERROR:
            self._write(_error(500, "Internal server error"))
            return
        reply = self.sim.handle(method, parts.path, query, self.headers, body)
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
