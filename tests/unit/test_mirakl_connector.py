"""The Mirakl connector against the simulator: auth header, retries, backoff, Retry-After."""

# Fixtures come from tests.simulator_fixtures; pytest injects them by name.
# ruff: noqa: F401, F811

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from counter_app.errors import ConfigError
from counter_app.logging_setup import LOG_FILE_NAME, register_secret, setup_logging
from counter_app.marketplace.connector import (
    AuthenticationError,
    MarketplaceUnavailable,
    OutcomeUnknown,
    RateLimited,
    RequestRejected,
    WrongStateError,
)
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace.mirakl import MiraklConnector, retry_after_seconds
from tests.simulator_fixtures import API_KEY, fast_connector, sim, sim_factory


def _recording(sim, **kwargs):  # type: ignore[no-untyped-def]
    waits: list[float] = []
    return fast_connector(sim, sleep=waits.append, **kwargs), waits


def test_key_goes_in_authorization_without_bearer(sim) -> None:
    assert fast_connector(sim).shop_info()
    assert sim.seen_auth[-1] == API_KEY


def test_shop_info_and_shipping_types(sim) -> None:
    connector = fast_connector(sim)
    assert connector.shop_info().shop_id == sim.book.shop_id
    types = {t.code: t.click_and_collect for t in connector.shipping_types()}
    assert types["CLICK_COLLECT"] is True and types["STD"] is False


def test_429_is_not_slept_on_it_says_how_long_to_wait(sim) -> None:
    connector, waits = _recording(sim)
    sim.arm("429", retry_after=7200)
    before = sim.requests["A01"]
    with pytest.raises(RateLimited) as info:
        connector.shop_info()
    # Honoured as given (whole seconds), for the caller to schedule; never a sleep here.
    assert info.value.retry_after == 7200 and waits == []
    assert "7200 s" in str(info.value)
    assert sim.requests["A01"] == before  # the 429 came before the handler
    assert connector.shop_info().shop_id == sim.book.shop_id
    assert retry_after_seconds("Wed, 21 Oct 2099 07:28:00 GMT", 60) == 60
    assert retry_after_seconds("soon", 60) is None


def test_5xx_backs_off_exponentially_with_jitter(sim) -> None:
    connector, waits = _recording(sim, backoff_base=1.0, backoff_cap=100.0, max_retries=3)
    sim.arm("500", count=3)
    assert connector.health()
    assert len(waits) == 3
    for attempt, wait in enumerate(waits):
        assert 0.5 * 2**attempt <= wait <= 2**attempt


def test_gives_up_after_the_retries_with_a_clear_error(sim) -> None:
    connector, waits = _recording(sim, max_retries=2)
    sim.arm("500", count=5)
    with pytest.raises(MarketplaceUnavailable, match="HTTP 500"):
        connector.health()
    assert len(waits) == 2


@pytest.mark.parametrize("kind", ["hang", "truncated", "drop"])
def test_reads_survive_hangs_truncated_json_and_dropped_connections(sim, kind: str) -> None:
    connector = fast_connector(sim, read_timeout=0.3)
    sim.arm(kind, path="/api/orders", hang_seconds=0.8)
    pages = list(connector.iter_changed_orders(None))
    assert sum(len(p.orders) for p in pages) == len(sim.book.order_ids())


def test_no_retry_on_other_4xx(sim) -> None:
    connector, waits = _recording(sim)
    before = sim.requests["OR24"]
    with pytest.raises(WrongStateError, match="expected SHIPPING"):
        connector.confirm_collection(sim.book.add_order("WAITING_ACCEPTANCE"))
    with pytest.raises(RequestRejected) as info:
        connector.confirm_collection("NO-SUCH-ORDER")
    assert info.value.status == 404
    assert sim.requests["OR24"] == before + 2
    assert waits == []


def test_a_write_whose_answer_is_lost_is_not_blindly_resent(sim) -> None:
    connector = fast_connector(sim, read_timeout=0.3)
    order_id = sim.book.add_order("SHIPPING")
    sim.arm("hang", path=f"/api/orders/{order_id}/ship", hang_seconds=0.8)
    with pytest.raises(OutcomeUnknown):
        connector.confirm_collection(order_id)
    assert sim.requests["OR24"] == 1
    assert sim.book.state(order_id) == "SHIPPED"  # it did go through


def test_a_refused_write_is_retried_when_it_surely_was_not_applied(sim) -> None:
    connector = fast_connector(sim)
    order_id = sim.book.add_order("SHIPPING")
    sim.arm("500", path=f"/api/orders/{order_id}/ship")
    connector.confirm_collection(order_id)
    assert sim.book.state(order_id) == "SHIPPED"


def test_unreachable_marketplace(sim_factory) -> None:
    server = sim_factory()
    connector = fast_connector(server, max_retries=1)
    server.stop()
    with pytest.raises(MarketplaceUnavailable):
        connector.health()


def test_api_key_never_in_errors_or_logs(sim, tmp_path: Path) -> None:
    register_secret(API_KEY)
    setup_logging(tmp_path, verbose=True, stderr=False)
    logging.getLogger("counter_app.test").warning("sending with key %s", API_KEY)
    bad = MiraklConnector(sim.url, "wrong-key-0123456789", max_retries=0)
    with pytest.raises(AuthenticationError) as info:
        bad.shop_info()
    assert "wrong-key" not in str(info.value)
    connector = fast_connector(sim, max_retries=1)
    sim.arm("500", count=5)
    with pytest.raises(MarketplaceUnavailable) as failure:
        connector.health()
    assert API_KEY not in str(failure.value)
    text = (tmp_path / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "sending with key ***" in text
    assert API_KEY not in text
    setup_logging(None, stderr=False)


def test_factory_refuses_unusable_settings(settings) -> None:
    settings.marketplace_url = ""
    with pytest.raises(ConfigError, match="no marketplace URL"):
        connector_from_settings(settings)
    settings.marketplace_url = "marketplace.example.com/api"
    settings.api_key = "k" * 10
    with pytest.raises(ConfigError, match="https://"):
        connector_from_settings(settings)
    settings.marketplace_url = "https://marketplace.example.com"
    settings.api_key = ""
    with pytest.raises(ConfigError, match="API key"):
        connector_from_settings(settings)
    settings.api_key = "k" * 10
    assert connector_from_settings(settings).name == "mirakl"
