"""The simulator's HTTP side: Mirakl seller endpoints and a test-only control API.

Served by the standard library's `ThreadingHTTPServer` on 127.0.0.1. Errors are Mirakl-shaped
JSON (`{"status": 400, "message": ...}`); a bug inside a handler answers a 500 JSON body, never a
closed socket. Requests are checked as strictly as Mirakl checks them (OR21 decisions, OR31
custom fields against AF01, OR43/M12 sizes, OR11 and M11 filters, the after-sale state rules),
so the app cannot lean on leniency. Handlers live in `routes_orders`, `routes_shop` and
`routes_messages`; the table below maps each path to its API code, which counts requests
(`requests`) and keys the optional per-API rate limits (429 with `Retry-After`).
"""

from __future__ import annotations

import contextlib
import email.message
import logging
import re
import socket
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from datetime import datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from counter_app.marketplace.simulator import routes_messages, routes_orders, routes_shop
from counter_app.marketplace.simulator.common import (
    InvalidRequestError,
    UnknownOrderError,
    UnknownThreadError,
    WrongStateError,
    parse_date,
)
from counter_app.marketplace.simulator.control import control
from counter_app.marketplace.simulator.faults import Fault, FaultInjector, FaultKind
from counter_app.marketplace.simulator.orderbook import OrderBook
from counter_app.marketplace.simulator.ratelimit import RateLimit, RateLimiter
from counter_app.marketplace.simulator.replies import (
    SHOP_NAME,
    Reply,
    Request,
    error,
    retry_after_header,
    too_many,
)

log = logging.getLogger(__name__)

Handler = Callable[["SimulatorServer", Request], Reply]
# (method, path pattern, API code, handler); the first match wins.
ROUTES: tuple[tuple[str, re.Pattern[str], str, Handler], ...] = tuple(
    (method, re.compile(f"^{pattern}$"), code, handler)
    for method, pattern, code, handler in (
        ("GET", "/api/account", "A01", routes_shop.account),
        ("GET", "/api/shipping/types", "SH12", routes_shop.shipping_types),
        ("GET", "/api/additional_fields", "AF01", routes_shop.additional_fields),
        ("GET", "/api/reasons", "RE01", routes_shop.reasons),
        ("GET", "/api/reasons/([^/]+)", "RE02", routes_shop.reasons_of_type),
        ("GET", "/api/orders", "OR11", routes_orders.list_orders),
        ("PUT", "/api/orders/refund", "OR28", routes_orders.refund_lines),
        ("PUT", "/api/orders/cancel", "OR30", routes_orders.cancel_lines),
        ("PUT", "/api/orders/([^/]+)/accept", "OR21", routes_orders.accept),
        ("PUT", "/api/orders/([^/]+)/ship", "OR24", routes_orders.ship),
        ("PUT", "/api/orders/([^/]+)/cancel", "OR29", routes_orders.cancel_order),
        ("PUT", "/api/orders/([^/]+)/additional_fields", "OR31", routes_orders.additional_fields),
        ("POST", "/api/orders/([^/]+)/threads", "OR43", routes_messages.create_thread),
        ("GET", "/api/inbox/threads", "M11", routes_messages.list_threads),
        ("GET", "/api/inbox/threads/([^/]+)", "M10", routes_messages.get_thread),
        ("POST", "/api/inbox/threads/([^/]+)/message", "M12", routes_messages.reply),
    )
)


def parse_mirakl_date(text: str) -> datetime:
    """ISO 8601 as Mirakl accepts it in query parameters (with or without milliseconds)."""
    return parse_date(text)


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
        rate_limits: dict[str, RateLimit] | None = None,
    ) -> None:
        self.book = book
        self.api_key = api_key
        self.faults = FaultInjector()
        self.control = control
        self.tick_seconds = tick_seconds
        self.requests: Counter[str] = Counter()
        self.limited: Counter[str] = Counter()  # requests refused by a rate limit, per API
        self.limiter = RateLimiter(rate_limits)
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
    ) -> Reply:
        self.received.append((method, path, headers.get("Content-Type", ""), body))
        try:
            return self._route(Request(method, path, query, headers, body))
        except Exception as exc:  # as a real server: a bug answers 500, the socket stays
            log.exception("simulator: handler failed on %s %s", method, path)
            return error(500, f"Internal server error: {type(exc).__name__}")

    def _route(self, req: Request) -> Reply:
        if req.path.startswith("/_control/"):
            return control(self, req) if self.control else error(404, "Not found")
        if req.method == "GET" and req.path == "/api/version":
            # V01 has no security in the spec: a health check needs no key.
            self.requests["V01"] += 1
            return routes_shop.version(self, req)
        key = req.headers.get("Authorization", "")
        self.seen_auth.append(key)
        if not key or key != self.api_key:
            return error(401, "Unauthorized: a valid API key is required")
        shop_id = req.one("shop_id")
        if shop_id and shop_id != self.book.shop_id:
            return error(403, f"Forbidden: no access to shop {shop_id}")
        for method, pattern, code, handler in ROUTES:
            match = pattern.match(req.path) if method == req.method else None
            if match is None:
                continue
            wait = self.limiter.wait_for(code)
            if wait is not None:
                self.limited[code] += 1
                return too_many(wait)
            self.requests[code] += 1
            req.match = match
            try:
                return handler(self, req)
            except WrongStateError as exc:
                return error(400, str(exc))
            except UnknownOrderError as exc:
                return error(404, f"Order {exc.args[0]} not found")
            except UnknownThreadError as exc:
                return error(404, f"Thread {exc.args[0]} not found")
            except InvalidRequestError as exc:
                return error(400, str(exc))
        return error(404, f"No endpoint {req.method} {req.path}")


class _Handler(BaseHTTPRequestHandler):
    """One request: fault injection first, then the simulator's answer."""

    sim: SimulatorServer
    protocol_version = "HTTP/1.1"
    server_version = "MiraklSimulator/1.0"
    # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold the body back ~40 ms on every keep-alive answer.
    disable_nagle_algorithm = True

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
            self._write(error(500, f"Internal server error: {type(exc).__name__}"))

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
            self._write(too_many(fault.retry_after))
            return
        if fault is not None and fault.kind is FaultKind.SERVER_ERROR:
            self._write(error(500, "Internal server error"))
            return
        reply = self.sim.handle(method, parts.path, query, self.headers, body)
        if fault is not None and fault.kind is FaultKind.ERROR_AFTER:
            # The work is done; a gateway in front of the marketplace loses the answer.
            reply = error(fault.status, "Bad gateway")
        if fault is not None and fault.kind is FaultKind.HANG:
            time.sleep(fault.hang_seconds)
        if fault is not None and fault.kind is FaultKind.WRONG_SHAPE:
            # A proxy's or a newer API's answer: valid JSON, not what the spec promises.
            reply = Reply(200, b'{"items": "not what the spec says", "count": "three"}')
        if fault is not None and fault.kind is FaultKind.TRUNCATED:
            whole = reply.body or b'{"status": "ok", "detail": "padding"}'
            reply = Reply(200, whole[: max(1, len(whole) // 2)])
            self.close_connection = True
        self._write(reply)

    def _write(self, reply: Reply) -> None:
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


__all__ = ["ROUTES", "SHOP_NAME", "SimulatorServer", "parse_mirakl_date", "retry_after_header"]
