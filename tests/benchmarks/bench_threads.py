"""Benchmark: reading the threads of 200 flagged orders, within the simulator's rate limits.

The simulator runs with the demo's limits (M11: 60 calls a minute). Two ways of reading:
- one M11 listing (`updated_since`, with messages, 100 threads a page): the connector's
  `list_threads(updated_since=...)`, the way a sync should read them;
- one M11 call per flagged order (`list_threads(order_id=...)`), what a naive sync would do,
  which runs into the limit: it prints how many calls got a 429 and how long the wait is.
Baseline: the same M11 pages fetched with bare `requests` + `json.loads`, nothing parsed.

Run: `.venv/bin/python tests/benchmarks/bench_threads.py [FLAGGED]`
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime, timedelta

import requests

from counter_app.marketplace.connector import RateLimited
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.ratelimit import DEMO_LIMITS

API_KEY = "bench-key-threads"


def _book(flagged: int) -> tuple[OrderBook, datetime]:
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    book = OrderBook(flagged + 50, 5, clock=lambda: now[0])
    since = now[0]
    for order_id in book.order_ids()[:flagged]:
        now[0] += timedelta(seconds=10)
        thread = book.customer_writes(order_id, "Bonjour, je passe samedi matin.", topic="Retrait")
        book.reply(thread.thread_id, "Très bien, à samedi !", ["CUSTOMER"])
        book.customer_writes(order_id, "Merci, bonne journée.", thread_id=thread.thread_id)
    return book, since


def baseline(url: str, since: datetime) -> tuple[float, int, int]:
    session = requests.Session()
    session.headers["Authorization"] = API_KEY
    started = time.perf_counter()
    params: dict[str, str | int] = {
        "entity_type": "MMP_ORDER",
        "updated_since": since.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "with_messages": "true",
        "limit": 100,
    }
    calls = threads = 0
    while True:
        payload = json.loads(session.get(f"{url}/api/inbox/threads", params=params).content)
        calls += 1
        threads += len(payload["data"])
        if "next_page_token" not in payload:
            return time.perf_counter() - started, calls, threads
        params = {"page_token": payload["next_page_token"]}


def main() -> None:
    flagged = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    book, since = _book(flagged)
    server = SimulatorServer(book, API_KEY, rate_limits=dict(DEMO_LIMITS)).start()
    connector = MiraklConnector(server.url, API_KEY, book.shop_id)
    try:
        base_s, base_calls, base_threads = baseline(server.url, since)
        server.limiter.set("M11", DEMO_LIMITS["M11"])  # the baseline's calls do not count
        before = server.requests["M11"]
        started = time.perf_counter()
        threads = connector.list_threads(updated_since=since)
        listing_s = time.perf_counter() - started
        listing_calls = server.requests["M11"] - before
        messages = sum(len(t.messages) for t in threads)
        assert len(threads) == base_threads == flagged, (len(threads), base_threads)

        server.limiter.set("M11", DEMO_LIMITS["M11"])
        started = time.perf_counter()
        done = limited = 0
        retry_after = 0.0
        for order_id in book.order_ids()[:flagged]:
            try:
                connector.list_threads(order_id=order_id)
                done += 1
            except RateLimited as exc:
                limited += 1
                retry_after = max(retry_after, exc.retry_after or 0.0)
        per_order_s = time.perf_counter() - started
    finally:
        connector.close()
        server.stop()
    limit = DEMO_LIMITS["M11"]
    rate = f"{limit.calls}/{limit.seconds:g} s"
    print(f"flagged orders: {flagged}, {messages} messages; M11 limit {rate}")
    print(f"baseline (bare requests, same pages): {base_s * 1000:7.1f} ms, {base_calls} M11 calls")
    print(
        f"list_threads(updated_since):          {listing_s * 1000:7.1f} ms, "
        f"{listing_calls} M11 calls, 0 refused ({listing_s / base_s:.1f}x baseline)"
    )
    print(
        f"one M11 per order (naive):            {per_order_s * 1000:7.1f} ms, "
        f"{done} answered, {limited} refused with 429 (Retry-After up to {retry_after:.0f} s)"
    )


if __name__ == "__main__":
    main()
