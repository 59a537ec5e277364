"""The scan service's pure rules, without a database (`domain.scan_service_rules`, `match_of`)."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from counter_app.domain.scan_matching import match_of
from counter_app.domain.scan_messages import Message
from counter_app.domain.scan_service_rules import (
    RAW_INPUT_KEPT,
    failure_reason,
    is_stale,
    is_unicode,
    storable,
)
from counter_app.domain.stages import Stage

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)


@dataclass
class _State:
    last_success_at: datetime | None
    last_attempt_at: datetime | None = None
    last_error: str | None = ""


def test_an_account_never_synced_is_offline() -> None:
    assert is_stale(None, 300, NOW)
    assert is_stale(_State(last_success_at=None), 300, NOW)


def test_a_recent_good_sync_is_online_and_an_old_one_offline() -> None:
    assert not is_stale(_State(NOW - timedelta(seconds=299)), 300, NOW)
    assert is_stale(_State(NOW - timedelta(seconds=301)), 300, NOW)


def test_a_failure_after_the_last_good_sync_is_offline() -> None:
    good = NOW - timedelta(seconds=10)
    assert is_stale(_State(good, NOW - timedelta(seconds=5), "refused"), 300, NOW)
    # An error older than the last good sync is over.
    assert not is_stale(_State(good, good - timedelta(seconds=5), "refused"), 300, NOW)


def test_known_store_failures_are_messages() -> None:
    assert failure_reason(Exception("(sqlite3.OperationalError) database or disk is full")) == (
        Message("failure.disk_full")
    )
    assert failure_reason(OSError(errno.ENOSPC, "No space left")) == Message("failure.disk_full")
    assert failure_reason(Exception("database is locked")) == Message("failure.busy")


def test_other_failures_keep_the_first_line_without_the_driver_prefix() -> None:
    assert failure_reason(Exception("(psycopg.X) gone away\n[SQL: SELECT 1]")) == "gone away"
    assert failure_reason(ValueError()) == "ValueError"
    assert failure_reason(Exception("x" * 300)) == "x" * 200


def test_undecodable_scans_are_not_unicode_and_are_stored_replaced() -> None:
    bad = "ab\udcff"
    assert is_unicode("ok é") and not is_unicode(bad)
    assert storable(bad) == "ab?"
    assert len(storable("x" * (RAW_INPUT_KEPT + 50))) == RAW_INPUT_KEPT


def test_a_match_from_a_row_counts_its_lines_unless_given() -> None:
    row = SimpleNamespace(
        id=3,
        order_id="71-A",
        commercial_id="71",
        pickup_code=None,
        stage=Stage.READY.value,
        customer_name="Ana",
        shelf="B2",
        bag_count=1,
        notes="",
        collected_at=None,
        collected_till="",
        marketplace="main",
        lines=[SimpleNamespace(quantity=2), SimpleNamespace(quantity=3)],
    )
    match = match_of(row)
    assert (match.item_count, match.stage, match.marketplace_name) == (5, Stage.READY, "main")
    assert match_of(row, 1, "Carrefour").item_count == 1
    assert match_of(row, 1, "Carrefour").marketplace_name == "Carrefour"
