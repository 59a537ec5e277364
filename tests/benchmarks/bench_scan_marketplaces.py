"""Scan → verdict with 200,000 orders over 2 marketplaces, next to 200,000 on one marketplace.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_scan_marketplaces.py
[N_ORDERS] [--import]`. Target (issue #15): `ScanService.resolve` over two marketplaces within
10% of one marketplace, measured in the same run. Both stores hold the same orders (same ids in
the two operators' formats, "IM-2026-000123-A" and "C1234567-A", same pickup codes, same
stages); only the `marketplace` column differs: every order `main` in one store, each
operator's own account in the other. They are filled with plain sqlite3 (seconds), or with
`--import` by the store's own bulk import, `insert_new_orders` one marketplace at a time
(about 1,000 orders a second: minutes at 200,000). Each scan input is timed on one store then
on the other, so the machine's noise falls on both alike. The baseline is one indexed
`SELECT` by pickup code through plain sqlite3, as in `bench_scan.py`. For information only
(not compared): an order id that both marketplaces hold (the "ambiguous" case), added
afterwards to the two-marketplace store.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from counter_app.bootstrap import AppContext, open_context
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.orders import Order, OrderLine
from counter_app.domain.pickup_code import format_pickup_code, new_pickup_code
from counter_app.domain.stages import Stage
from counter_app.settings import load_settings
from counter_app.store.order_import import insert_new_orders
from counter_app.store.repository import SyncState
from counter_app.store.scan_service import ScanService
from tests.benchmarks.bench_scan import _percentiles, _time

STAGES = [Stage.COLLECTED] * 70 + [Stage.READY] * 12 + [Stage.TO_PREPARE] * 10
STAGES += [Stage.CANCELED] * 8
SCANS_PER_KIND = 400
ROUNDS = 4  # each input is timed ROUNDS times on each store, the two stores in turn
CHUNK = 5_000  # orders per bulk insert (one transaction each)
SINGLE = "main"
# The two operators of the demo, with their order numbers (see simulator/operators.py).
ACCOUNTS = (("intermarche", "IM-2026-{n:06d}"), ("carrefour", "C{n:07d}"))
AMBIGUOUS = 200  # ids put on both marketplaces afterwards (information only)


@dataclass(frozen=True)
class Seed:
    """One order of the benchmark, before it is given a marketplace."""

    account: int  # which of ACCOUNTS numbers it
    commercial_id: str
    stage: Stage
    pickup_code: str | None
    minute: int


def _seeds(n: int, rng: random.Random) -> list[Seed]:
    out = []
    for i in range(n):
        account = i % 2
        number = 1_000 + i // 2 if account == 0 else 1_234_500 + i // 2
        stage = rng.choice(STAGES)
        code = new_pickup_code() if stage in (Stage.READY, Stage.COLLECTED) else None
        out.append(Seed(account, ACCOUNTS[account][1].format(n=number), stage, code, i))
    return out


def _order(seed: Seed, base: datetime) -> Order:
    order_id = f"{seed.commercial_id}-A"
    created = base + timedelta(minutes=seed.minute)
    return Order(
        order_id=order_id,
        commercial_id=seed.commercial_id,
        remote_state="SHIPPING",
        stage=seed.stage,
        customer_name=f"Client {seed.minute}",
        customer_email=f"c{seed.minute}@example.fr",
        created_at=created,
        updated_at=created,
        total_price_cents=2390,
        shipping_type_code="CLICK_COLLECT",
        shipping_type_label="Retrait en magasin",
        shelf=f"S{seed.minute % 40}",
        pickup_code=seed.pickup_code,
        lines=[
            OrderLine(f"{order_id}-1", "Livre", 1, "978", "978", 890, 890),
            OrderLine(f"{order_id}-2", "Livre 2", 2, "979", "979", 750, 1500),
        ],
    )


def _import(ctx: AppContext, seeds: list[Seed], marketplace_of: Callable[[Seed], str]) -> None:
    """The store's bulk import, one marketplace and one chunk at a time."""
    base = datetime(2024, 1, 1, tzinfo=UTC)
    by_market: dict[str, list[Seed]] = {}
    for seed in seeds:
        by_market.setdefault(marketplace_of(seed), []).append(seed)
    for marketplace, group in by_market.items():
        for start in range(0, len(group), CHUNK):
            orders = [_order(s, base) for s in group[start : start + CHUNK]]
            insert_new_orders(
                ctx.repo.db, orders, [o.stage for o in orders], marketplace=marketplace
            )


def _fill(db_file: Path, seeds: list[Seed], marketplace_of: Callable[[Seed], str]) -> None:
    """The same rows as `_import` writes (two lines each), with plain sqlite3."""
    base = datetime(2024, 1, 1)
    rows = []
    for seed in seeds:
        order_id = f"{seed.commercial_id}-A"
        created = (base + timedelta(minutes=seed.minute)).strftime("%Y-%m-%d %H:%M:%S.%f")
        collected = seed.stage is Stage.COLLECTED
        rows.append(
            (
                *(marketplace_of(seed), order_id, seed.commercial_id, "SHIPPING"),
                *(seed.stage.value, f"Client {seed.minute}", f"client {seed.minute}"),
                *(f"c{seed.minute}@example.fr", created, created, 2390, "EUR"),
                *("CLICK_COLLECT", "Retrait en magasin", f"S{seed.minute % 40}"),
                *(seed.pickup_code, "", "till-1" if collected else "", 1, "", ""),
            )
        )
    conn = sqlite3.connect(db_file)
    conn.executemany(
        "INSERT INTO orders (marketplace, order_id, commercial_id, remote_state, stage,"
        " customer_name, customer_key, customer_email, created_at, updated_at,"
        " total_price_cents, currency, shipping_type_code, shipping_type_label, shelf,"
        " pickup_code, notes, collected_till, bag_count, problem, raw_json)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    for position, (suffix, title, sku, quantity, unit) in enumerate(
        (("-1", "Livre", "978", 1, 890), ("-2", "Livre 2", "979", 2, 750))
    ):
        conn.execute(
            "INSERT INTO order_lines (order_pk, position, line_id, title, sku, ean, quantity,"
            " unit_price_cents, total_price_cents, line_state)"
            f" SELECT id, {position}, order_id || '{suffix}', '{title}', '{sku}', '{sku}',"
            f" {quantity}, {unit}, {quantity * unit}, '' FROM orders"
        )
    conn.commit()
    conn.close()


def _store(  # type: ignore[no-untyped-def]
    root: Path,
    name: str,
    seeds: list[Seed],
    marketplace_of: Callable[[Seed], str],
    *,
    use_import: bool,
):
    settings = load_settings(root / name, environ={}, read_api_key=False)
    settings.till_name = "bench"
    settings.paths.ensure()
    ctx = open_context(settings)
    started = time.perf_counter()
    if use_import:
        _import(ctx, seeds, marketplace_of)
    else:
        _fill(settings.paths.database_file, seeds, marketplace_of)
    with sqlite3.connect(settings.paths.database_file) as conn:
        conn.execute("ANALYZE")
        counts = conn.execute(
            "SELECT marketplace, count(*) FROM orders GROUP BY marketplace ORDER BY 1"
        ).fetchall()
    conn.close()
    took = time.perf_counter() - started
    how = "store import" if use_import else "sqlite3 fill"
    print(f"store {name}: {', '.join(f'{k} {v}' for k, v in counts)} ({took:.1f} s {how})")
    now = datetime.now(UTC)
    ctx.repo.save_sync_state(SyncState("orders", now, now, now, ""))
    return ctx, ScanService(ctx.repo, settings), settings.paths.database_file


def _line(name: str, samples: list[float]) -> tuple[float, float]:
    p50, p99, pmax = _percentiles(samples)
    print(f"{name:48} {p50:8.3f} {p99:8.3f} {pmax:8.3f}")
    return p50, p99


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    use_import = "--import" in sys.argv[1:]
    n = int(args[0]) if args else 200_000
    rng = random.Random(4)
    seeds = _seeds(n, rng)
    ids = [f"{s.commercial_id}-A" for s in seeds]
    ready = [s.pickup_code for s in seeds if s.stage is Stage.READY and s.pickup_code]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        one_ctx, one, one_file = _store(root, "one", seeds, lambda s: SINGLE, use_import=use_import)
        two_ctx, two, two_file = _store(
            root, "two", seeds, lambda s: ACCOUNTS[s.account][0], use_import=use_import
        )

        kinds = {
            "pickup code (ok)": [rng.choice(ready) for _ in range(SCANS_PER_KIND)],
            "code, grouped, FR AZERTY": [
                garble(format_pickup_code(rng.choice(ready)), Layout.FR_AZERTY)
                for _ in range(SCANS_PER_KIND)
            ],
            "order id, DE QWERTZ": [
                garble(rng.choice(ids), Layout.DE_QWERTZ) for _ in range(SCANS_PER_KIND)
            ],
            "order URL, BE AZERTY": [
                garble(f"https://shop.example/orders/{rng.choice(ids)}", Layout.BE_AZERTY)
                for _ in range(SCANS_PER_KIND)
            ],
            "unknown code": [new_pickup_code() for _ in range(SCANS_PER_KIND)],
            "garbage (2 kB)": [
                "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(2000))
                for _ in range(SCANS_PER_KIND // 4)
            ],
        }
        for service in (one, two):  # warm caches and the connection pools
            for text in kinds["pickup code (ok)"][:50]:
                service.resolve(text)

        raws = {"one": sqlite3.connect(one_file), "two": sqlite3.connect(two_file)}
        base: dict[str, list[float]] = {"one": [], "two": []}
        samples: dict[tuple[str, str], list[float]] = {}
        services = {"one": one.resolve, "two": two.resolve}
        for round_ in range(ROUNDS):
            for code in kinds["pickup code (ok)"]:
                for store, raw in raws.items():
                    start = time.perf_counter()
                    raw.execute(
                        "SELECT id, order_id, stage, customer_name, shelf FROM orders"
                        " WHERE pickup_code = ?",
                        (code,),
                    ).fetchone()
                    base[store].append(time.perf_counter() - start)
            for name, inputs in kinds.items():
                for text in inputs:
                    # Which store goes first changes each round: neither gets the warm cache.
                    order = ("one", "two") if round_ % 2 == 0 else ("two", "one")
                    for store in order:
                        start = time.perf_counter()
                        services[store](text)
                        samples.setdefault((store, name), []).append(time.perf_counter() - start)

        print(f"{'':48} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
        for store in ("one", "two"):
            _line(f"baseline ({store}): sqlite3 indexed", base[store])
        totals: dict[str, tuple[float, float]] = {}
        for store, label in (("one", "1 marketplace"), ("two", "2 marketplaces")):
            everything: list[float] = []
            for name in kinds:
                everything += samples[(store, name)]
                _line(f"resolve {label}: {name}", samples[(store, name)])
            totals[store] = _line(f"resolve {label}: all scans", everything)
        (p50_1, p99_1), (p50_2, p99_2) = totals["one"], totals["two"]
        for what, a, b in (("p50", p50_1, p50_2), ("p99", p99_1, p99_2)):
            ratio = b / a if a else float("inf")
            verdict = "MET" if ratio <= 1.10 else "MISSED"
            print(f"2 marketplaces vs 1, {what}: {ratio:.2f}x (target <= 1.10: {verdict})")

        # For information: ids both marketplaces hold (the "ambiguous" verdict's case).
        base_time = datetime(2025, 1, 1, tzinfo=UTC)
        shared = [s for s in seeds if s.account == 0][:AMBIGUOUS]
        copies = [
            _order(Seed(1, s.commercial_id, Stage.TO_PREPARE, None, s.minute), base_time)
            for s in shared
        ]
        insert_new_orders(
            two_ctx.repo.db, copies, [o.stage for o in copies], marketplace=ACCOUNTS[1][0]
        )
        clash = [f"{s.commercial_id}-A" for s in shared]
        two.resolve(clash[0])
        verdicts = {two.resolve(clash[0]).verdict.value}
        _line("resolve 2 marketplaces: id on both (info)", _time(two.resolve, clash))
        print(f"  verdict of an id on both: {', '.join(sorted(verdicts))}")
        for raw in raws.values():
            raw.close()
        one_ctx.close()
        two_ctx.close()


if __name__ == "__main__":
    main()
