"""Property tests of the scan service on a real SQLite store: any input gets a verdict."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from counter_app.bootstrap import AppContext, open_context
from counter_app.domain.keyboard_layouts import Layout, garble
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.scan import MatchKind, Verdict
from counter_app.settings import load_settings
from counter_app.store.scan_service import ScanService
from tests.factories import make_order

ORDER_IDS = [f"{61000000 + n * 7919}-{'ABC'[n % 3]}" for n in range(30)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[str, str]]]:
    home: Path = tmp_path_factory.mktemp("scanprops")
    s = load_settings(home, environ={}, read_api_key=False)
    s.till_name = "till-p"
    s.paths.ensure()
    ctx = open_context(s)
    ctx.repo.upsert_orders([make_order(order_id=i) for i in ORDER_IDS])
    codes = {i: ctx.repo.mark_ready(i, "S1", "till-p") for i in ORDER_IDS[:20]}
    yield ctx, codes
    ctx.close()


_slow = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_slow
@given(st.text(max_size=10_000))
@example("7" * 10_000)
@example("&é\"'(-è_)Q" * 900)
@example("\x00\ud7ff\U0010ffff\u202e" * 2500)
def test_any_text_gets_a_verdict_and_an_audit_row(
    store: tuple[AppContext, dict[str, str]], text: str
) -> None:
    ctx, _codes = store
    before = ctx.repo.count_scan_events()
    result = ScanService(ctx.repo, ctx.settings).resolve(text)
    assert isinstance(result.verdict, Verdict) and result.verdict is not Verdict.ERROR
    assert result.message
    assert ctx.repo.count_scan_events() == before + 1


@_slow
@given(st.sampled_from(ORDER_IDS[:20]), st.sampled_from(list(Layout)), st.booleans())
def test_codes_garbled_by_any_layout_resolve_to_their_order(
    store: tuple[AppContext, dict[str, str]], order_id: str, layout: Layout, grouped: bool
) -> None:
    ctx, codes = store
    code = codes[order_id]
    shown = format_pickup_code(code) if grouped else code
    result = ScanService(ctx.repo, ctx.settings).resolve(garble(shown, layout) + "\r\n")
    assert result.order_id == order_id and result.matched_by is MatchKind.PICKUP_CODE
    assert result.verdict is Verdict.OK


@_slow
@given(st.sampled_from(ORDER_IDS), st.sampled_from(list(Layout)), st.booleans())
def test_order_numbers_garbled_by_any_layout_resolve_to_their_order(
    store: tuple[AppContext, dict[str, str]], order_id: str, layout: Layout, as_url: bool
) -> None:
    ctx, _codes = store
    text = f"https://www.example.fr/orders/{order_id}" if as_url else order_id
    result = ScanService(ctx.repo, ctx.settings).resolve(garble(text, layout))
    assert result.order_id == order_id
    assert result.verdict in (Verdict.NEEDS_CHECK, Verdict.NOT_READY)


@_slow
@given(st.text(max_size=2_000))
def test_any_slip_text_or_order_id_never_raises(
    store: tuple[AppContext, dict[str, str]], text: str
) -> None:
    ctx, _codes = store
    service = ScanService(ctx.repo, ctx.settings)
    check = service.check_bag(ORDER_IDS[0], text)
    assert check.message and check.verdict.value != "error"
    assert check.matches == (check.slip_order_id == ORDER_IDS[0])
    confirmed = service.confirm(text)
    assert not confirmed.confirmed and confirmed.verdict is Verdict.UNKNOWN
