"""Pytest fixtures for the marketplace simulator: a real HTTP server on a free loopback port.

Several marketplaces: `operator_sim_factory` starts simulators as given Mirakl operators (see
`counter_app.marketplace.simulator.operators`), each with its own API key; `two_sims` is an
Intermarché-like and a Carrefour-like one (other order numbers, other shop ids, other keys),
and `two_accounts(settings, first, second)` makes the settings' two accounts point at them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

import pytest

from counter_app.accounts import PALETTE, MarketplaceAccount
from counter_app.bootstrap import AppContext
from counter_app.logging_setup import register_secret
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.operators import profile
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine

API_KEY = "sim-key-7d0c4f2b9a"
# One key per marketplace account, as a shop has: a key sent to the wrong one is refused.
OPERATOR_KEYS = {
    "default": API_KEY,
    "intermarche": "sim-key-intermarche-4e1a93",
    "carrefour": "sim-key-carrefour-9b2f51",
}
# The account keys and names `two_accounts` gives the two simulators of `two_sims`.
TWO_ACCOUNT_KEYS = ("intermarche", "carrefour")


def fast_connector(sim: SimulatorServer, **kwargs: object) -> MiraklConnector:
    """A connector with test-sized timeouts and backoff (the real ones are seconds)."""
    options: dict[str, object] = {
        "read_timeout": 1.0,
        "connect_timeout": 1.0,
        "max_retries": 3,
        "backoff_base": 0.01,
        "backoff_cap": 0.05,
    }
    options.update(kwargs)
    return MiraklConnector(sim.url, sim.api_key, sim.book.shop_id, **options)  # type: ignore[arg-type]


def make_engine(ctx: AppContext, sim: SimulatorServer, **kwargs: object) -> SyncEngine:
    ctx.settings.marketplace_url = sim.url
    ctx.settings.api_key = sim.api_key
    return SyncEngine(ctx.repo, fast_connector(sim, **kwargs), ctx.settings)


@pytest.fixture
def sim_factory() -> Iterator:  # type: ignore[type-arg]
    """Start simulators with any order count / seed; all are stopped after the test."""
    started: list[SimulatorServer] = []
    register_secret(API_KEY)

    def start(count: int = 30, seed: int = 3, **book_kwargs: object) -> SimulatorServer:
        server = SimulatorServer(OrderBook(count, seed, **book_kwargs), API_KEY).start()  # type: ignore[arg-type]
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def sim(sim_factory) -> SimulatorServer:  # type: ignore[no-untyped-def]
    return sim_factory()


@pytest.fixture
def engine(ctx: AppContext, sim: SimulatorServer) -> SyncEngine:
    return make_engine(ctx, sim)


# ---- several marketplaces ------------------------------------------------------------------
OperatorSimFactory = Callable[..., SimulatorServer]


@pytest.fixture
def operator_sim_factory() -> Iterator[OperatorSimFactory]:
    """Start simulators as a Mirakl operator of `operators.PROFILES` (its order numbers, shop
    id and shop name), each with that operator's API key unless given; all stopped after."""
    started: list[SimulatorServer] = []

    def start(
        operator: str = "default",
        count: int = 30,
        seed: int = 3,
        *,
        api_key: str | None = None,
        **book_kwargs: Any,
    ) -> SimulatorServer:
        chosen = profile(operator)
        key = api_key or OPERATOR_KEYS.get(operator) or f"sim-key-{operator}"
        register_secret(key)
        options: dict[str, Any] = {
            "shop_id": chosen.shop_id,
            "shop_name": chosen.shop_name,
            "numbers": chosen.numbers(),
        }
        options.update(book_kwargs)
        server = SimulatorServer(OrderBook(count, seed, **options), key).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


class TwoSims(NamedTuple):
    """An Intermarché-like and a Carrefour-like simulator (other numbers, shop ids, keys)."""

    first: SimulatorServer
    second: SimulatorServer


@pytest.fixture
def two_sims(operator_sim_factory: OperatorSimFactory) -> TwoSims:
    return TwoSims(
        operator_sim_factory("intermarche", count=30, seed=3),
        operator_sim_factory("carrefour", count=20, seed=5),
    )


def same_order_on(sims: Iterable[SimulatorServer], commercial_id: str, state: str) -> str:
    """Put an order with this number on every simulator (its own customer and books on
    each); returns the order id they now share, as two Mirakl operators may."""
    ids = {sim.book.add_order(state, commercial_id=commercial_id) for sim in sims}
    (order_id,) = ids
    return order_id


def account_for(
    sim: SimulatorServer, key: str, name: str = "", colour: str = ""
) -> MarketplaceAccount:
    """A marketplace account on this simulator, with its API key."""
    return MarketplaceAccount(
        key=key,
        name=name or key.capitalize(),
        url=sim.url,
        shop_id=sim.book.shop_id,
        colour=colour,
        api_key=sim.api_key,
    )


def two_accounts(
    settings: Settings,
    first: SimulatorServer,
    second: SimulatorServer,
    *,
    keys: tuple[str, str] = TWO_ACCOUNT_KEYS,
    names: tuple[str, str] = ("Intermarché", "Carrefour"),
) -> Settings:
    """Make `settings` (in place, also returned) hold two accounts on these simulators; the
    view fields (what a single-account sync reads) are the first's. `settings.for_account(
    settings.account(keys[1]))` is the second account's view."""
    accounts = [
        account_for(sim, key, name, colour)
        for sim, key, name, colour in zip((first, second), keys, names, PALETTE, strict=False)
    ]
    settings.marketplaces = accounts
    view = settings.for_account(accounts[0])
    for field in (
        "marketplace_key",
        "marketplace_url",
        "shop_id",
        "pickup_shipping_types",
        "pickup_code_field",
        "api_key",
    ):
        setattr(settings, field, getattr(view, field))
    return settings


__all__ = [
    "API_KEY",
    "OPERATOR_KEYS",
    "TWO_ACCOUNT_KEYS",
    "Settings",
    "TwoSims",
    "account_for",
    "engine",
    "fast_connector",
    "make_engine",
    "operator_sim_factory",
    "same_order_on",
    "sim",
    "sim_factory",
    "two_accounts",
    "two_sims",
]
