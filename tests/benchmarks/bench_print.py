"""Daily pickup list of 300 ready orders (+ 40 to prepare) from a real SQLite store to PDF.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_print.py [N_ORDERS]`.
Target: ≤ 3 s from the store to the written PDF. The baseline, measured in the same run, is
the same pipeline for a one-order list, so the fixed cost (Qt, fonts, PDF set-up) shows apart
from the cost per order. Also prints one 80 mm slip to PDF and to a 203 dpi image.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["COUNTER_APP_NO_KEYRING"] = "1"

from counter_app.bootstrap import open_context
from counter_app.documents import daily_list_from_store
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.printing.daily_list import daily_list_document
from counter_app.printing.localized import document_locale
from counter_app.printing.output import render_images, render_pdf
from counter_app.printing.slip import slip_document
from counter_app.settings import load_settings
from counter_app.store.repository import Repository
from tests.factories import make_order

TARGET_S = 3.0
DAY = date(2026, 11, 24)


def _seed(repo: Repository, ready: int, to_prepare: int) -> None:
    orders: list[Order] = []
    for i in range(ready):
        orders.append(
            make_order(
                order_id=f"R{100000 + i}-A",
                customer=f"Client {i:04d} Lefèvre-Dupont",
                stage=Stage.TO_PREPARE,
            )
        )
    for i in range(to_prepare):
        orders.append(make_order(order_id=f"P{100000 + i}-A", stage=Stage.TO_PREPARE))
    repo.upsert_orders(orders)
    for i in range(ready):
        repo.mark_ready(f"R{100000 + i}-A", shelf=f"A-{i % 40}", till="bench", bag_count=1)


def _time(fn: Callable[[], object], repeat: int = 3) -> float:
    """Median of `repeat` runs (the first, cold run included in the median)."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _cold(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    locale = document_locale("fr")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = load_settings(folder / "big")
        big.paths.ensure()
        small = load_settings(folder / "small")
        small.paths.ensure()
        big_ctx, small_ctx = open_context(big), open_context(small)
        try:
            _seed(big_ctx.repo, n, 40)
            _seed(small_ctx.repo, 1, 0)
            pages: list[int] = []

            def listing(repo: Repository, out: Path) -> None:
                data = daily_list_from_store(repo, DAY)
                document = daily_list_document(data, "Librairie du Marché", locale=locale)
                pages.append(len(document.pages))
                render_pdf(document, out)

            # First call in the process: fonts loaded, text widths not yet cached.
            cold = _cold(lambda: listing(big_ctx.repo, folder / "cold.pdf"))
            baseline = _time(lambda: listing(small_ctx.repo, folder / "one.pdf"))
            measured = _time(lambda: listing(big_ctx.repo, folder / "list.pdf"))
            size_kb = (folder / "list.pdf").stat().st_size / 1024
            order = big_ctx.repo.require_order("R100000-A")
            slip_pdf = _time(lambda: render_pdf(slip_document(order), folder / "slip.pdf"), 10)
            slip_img = _time(lambda: render_images(slip_document(order)), 10)
        finally:
            big_ctx.close()
            small_ctx.close()
    worst = max(measured, cold)
    verdict = "OK" if worst <= TARGET_S else "TOO SLOW"
    print(
        f"daily list, {n} ready + 40 to prepare -> PDF: {measured * 1000:8.1f} ms "
        f"({pages[-1]} pages, {size_kb:.0f} KiB)  target <= {TARGET_S:.0f} s  [{verdict}]"
    )
    print(f"same, first run in the process (cold):         {cold * 1000:8.1f} ms")
    print(
        f"baseline, 1-order list -> PDF:                 {baseline * 1000:8.1f} ms "
        f"({pages[1]} page)"
    )
    print(
        f"per extra order:                               "
        f"{(measured - baseline) / (n + 39) * 1000:8.2f} ms"
    )
    print(f"one 80 mm slip -> PDF:                         {slip_pdf * 1000:8.1f} ms")
    print(f"one 80 mm slip -> 203 dpi image:               {slip_img * 1000:8.1f} ms")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
