"""Pytest fixtures for the marketplace simulator: a real HTTP server on a free loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.bootstrap import AppContext
from counter_app.logging_setup import register_secret
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.settings import Settings
from counter_app.sync.engine import SyncEngine

API_KEY = "sim-key-7d0c4f2b9a"


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
    return MiraklConnector(sim.url, API_KEY, sim.book.shop_id, **options)  # type: ignore[arg-type]


def make_engine(ctx: AppContext, sim: SimulatorServer, **kwargs: object) -> SyncEngine:
    ctx.settings.marketplace_url = sim.url
    ctx.settings.api_key = API_KEY
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


__all__ = ["API_KEY", "Settings", "engine", "fast_connector", "make_engine", "sim", "sim_factory"]
