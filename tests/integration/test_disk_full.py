"""A full disk mid-day: the till says so clearly, records nothing by halves, and loses nothing.

SQLite's `max_page_count` caps the database file as a full disk would; the write that needs
one more page fails with SQLITE_FULL exactly where a real full disk would make it fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func, select

from counter_app.bootstrap import AppContext
from counter_app.domain.scan import Verdict
from counter_app.domain.stages import Stage
from counter_app.store.models import OutboxRow
from counter_app.store.scan_service import ScanService
from tests.factories import make_order
from tests.simulator_fixtures import make_engine, sim_factory  # noqa: F401 (fixture)


@contextmanager
def disk_full(ctx: AppContext) -> Iterator[None]:
    """Every new connection may not grow the file past its present size."""
    engine = ctx.db.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(engine, "connect", cap)
    engine.dispose()
    try:
        yield
    finally:
        event.remove(engine, "connect", cap)
        engine.dispose()


def _collect_waiting(ctx: AppContext, order_id: str) -> int:
    with ctx.db.session() as s:
        return s.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.order_id == order_id, OutboxRow.action == "collect")
        )


def test_confirming_on_a_full_disk_says_so_and_records_nothing_by_halves(ctx: AppContext) -> None:
    orders = [make_order(order_id=f"CC77{i:04d}-A") for i in range(400)]
    ctx.repo.upsert_orders(orders)
    for order in orders:
        ctx.repo.mark_ready(order.order_id, "A1", "till-1")
    service = ScanService(ctx.repo, ctx.settings)

    confirmed: list[str] = []
    refused: str | None = None
    with disk_full(ctx):
        for order in orders:
            result = service.confirm(order.order_id)
            if result.verdict is Verdict.ERROR:
                refused = order.order_id
                assert "the disk is full, nothing was recorded" in result.message
                assert "sqlite" not in result.message.lower()
                break
            assert result.confirmed, result.message
            confirmed.append(order.order_id)
    assert refused is not None, "the capped file never filled up"

    # What was confirmed before the disk filled is there; the refused one is untouched.
    for order_id in confirmed:
        assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED
        assert _collect_waiting(ctx, order_id) == 1
    assert ctx.repo.require_order(refused).stage is Stage.READY
    assert _collect_waiting(ctx, refused) == 0

    # Space freed: the same hand-over now goes through, once.
    assert service.confirm(refused).confirmed
    assert service.confirm(refused).verdict is Verdict.ALREADY_COLLECTED
    assert _collect_waiting(ctx, refused) == 1


def test_a_download_on_a_full_disk_keeps_the_watermark_and_resumes(
    ctx: AppContext,
    sim_factory,  # noqa: F811 (pytest fixture)
) -> None:  # type: ignore[no-untyped-def]
    server = sim_factory(count=600)
    engine = make_engine(ctx, server)
    with disk_full(ctx):
        report = engine.run_cycle(force_download=True)
    assert not report.online
    assert "full" in report.error
    assert ctx.repo.get_sync_state("orders").watermark is None  # nothing claimed as stored
    with ctx.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"

    report = engine.run_cycle(force_download=True)
    assert report.online, report.error
    # Every click & collect order of the marketplace is now stored, once.
    stored = sum(ctx.repo.count_by_stage().values())
    assert stored > 0
    assert stored == report.downloaded + report.updated + report.unchanged
    assert ctx.repo.get_sync_state("orders").watermark is not None
