"""The demo marketplace: the simulator started in-process on a free port.

Used by `make run` / `counter-app --demo` when no real marketplace is configured, so the app
shows a live order book without any account.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from counter_app.logging_setup import register_secret
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.ratelimit import DEMO_LIMITS
from counter_app.settings import Settings

DEMO_ORDERS = 80
DEMO_SEED = 7
DEMO_TICK_SECONDS = 45.0
# What the demo prints on slips and cards when the owner has not set up a shop yet.
DEMO_SHOP_NAME = "Librairie des Deux Rives (démo)"
DEMO_SHOP_ADDRESS = "12 rue des Écoles, 75005 Paris"
DEMO_OPENING_HOURS = "Mardi–samedi 10 h–19 h"


@dataclass
class DemoMarketplace:
    """A running demo simulator; `settings` were pointed at it by `start_demo_marketplace`."""

    server: SimulatorServer

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def api_key(self) -> str:
        return self.server.api_key

    def stop(self) -> None:
        self.server.stop()


def start_demo_marketplace(
    settings: Settings,
    *,
    orders: int = DEMO_ORDERS,
    seed: int = DEMO_SEED,
    tick_seconds: float = DEMO_TICK_SECONDS,
) -> DemoMarketplace:
    """Start the simulator on 127.0.0.1 and point `settings` (URL, key, shop id) at it.

    An empty shop name, address and opening hours get demo values, so printed slips and
    cards look as they will in the shop.
    """
    api_key = f"demo-{secrets.token_hex(8)}"
    register_secret(api_key)
    # Customers write and answer (seeded), so the demo shows messages; rate limits as live.
    book = OrderBook(count=orders, seed=seed, customer_activity=True)
    server = SimulatorServer(
        book, api_key, control=False, tick_seconds=tick_seconds, rate_limits=DEMO_LIMITS
    ).start()
    settings.marketplace_url = server.url
    settings.api_key = api_key
    settings.shop_id = book.shop_id
    settings.shop_name = settings.shop_name or DEMO_SHOP_NAME
    settings.shop_address = settings.shop_address or DEMO_SHOP_ADDRESS
    settings.opening_hours = settings.opening_hours or DEMO_OPENING_HOURS
    return DemoMarketplace(server)
