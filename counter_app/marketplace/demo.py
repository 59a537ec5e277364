"""The demo marketplaces: two simulators started in-process on free ports.

Used by `make run` / `counter-app --demo` when no real marketplace is configured, so the app
shows a live order book without any account. A shop rarely sells on one marketplace, so the
demo runs two, as two Mirakl operators differ: "Intermarché (démo)" numbers its orders
"IM-2026-000123-A", "Carrefour (démo)" "C1234567-A", each with its own shop id and name.

The first demo account has the key `main` (what a single-account demo store's orders were
given by the store migration), so a demo store made by an older version keeps its orders.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from counter_app.accounts import LEGACY_KEY, PALETTE, MarketplaceAccount
from counter_app.logging_setup import register_secret
from counter_app.marketplace.simulator import OrderBook, SimulatorServer
from counter_app.marketplace.simulator.operators import OperatorProfile, profile
from counter_app.marketplace.simulator.ratelimit import DEMO_LIMITS
from counter_app.settings import Settings

DEMO_ORDERS = 80
DEMO_SEED = 7
DEMO_TICK_SECONDS = 45.0
# What the demo prints on slips and cards when the owner has not set up a shop yet.
DEMO_SHOP_NAME = "Librairie des Deux Rives (démo)"
DEMO_SHOP_ADDRESS = "12 rue des Écoles, 75005 Paris"
DEMO_OPENING_HOURS = "Mardi–samedi 10 h–19 h"


@dataclass(frozen=True)
class DemoAccount:
    """One demo marketplace: its account key and colour, its operator, its order book's size."""

    key: str
    operator: OperatorProfile
    colour: str
    # Share of `orders` (the first account's count) and a seed of its own, so the two
    # books do not hold the same customers in the same order.
    share: float
    seed_offset: int


DEMO_ACCOUNTS = (
    DemoAccount(LEGACY_KEY, profile("intermarche"), PALETTE[1], 1.0, 0),
    DemoAccount("carrefour-demo", profile("carrefour"), PALETTE[0], 0.6, 4),
)


@dataclass
class DemoMarketplace:
    """The running demo simulators, by account key (the first one first); `settings` were
    pointed at them by `start_demo_marketplace`."""

    servers: dict[str, SimulatorServer] = field(default_factory=dict)

    @property
    def server(self) -> SimulatorServer:
        """The first account's simulator (the one a single-account sync talks to)."""
        return next(iter(self.servers.values()))

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def api_key(self) -> str:
        return self.server.api_key

    def stop(self) -> None:
        for server in self.servers.values():
            server.stop()


def start_demo_marketplace(
    settings: Settings,
    *,
    orders: int = DEMO_ORDERS,
    seed: int = DEMO_SEED,
    tick_seconds: float = DEMO_TICK_SECONDS,
) -> DemoMarketplace:
    """Start the demo simulators on 127.0.0.1 and make them the settings' accounts.

    `settings.marketplaces` becomes the demo accounts (each with its own API key),
    `settings.demo_urls` their simulators, and the view fields the first account's. An empty
    shop name, address and opening hours get demo values, so printed slips and cards look as
    they will in the shop.
    """
    market = DemoMarketplace()
    accounts: list[MarketplaceAccount] = []
    try:
        for demo in DEMO_ACCOUNTS:
            api_key = f"demo-{secrets.token_hex(8)}"
            register_secret(api_key)
            operator = demo.operator
            # Customers write and answer (seeded), so the demo shows messages; rate limits
            # as live.
            book = OrderBook(
                count=max(1, round(orders * demo.share)),
                seed=seed + demo.seed_offset,
                shop_id=operator.shop_id,
                shop_name=operator.shop_name,
                numbers=operator.numbers(),
                customer_activity=True,
            )
            server = SimulatorServer(
                book, api_key, control=False, tick_seconds=tick_seconds, rate_limits=DEMO_LIMITS
            ).start()
            market.servers[demo.key] = server
            first = not accounts
            accounts.append(
                MarketplaceAccount(
                    key=demo.key,
                    name=operator.name,
                    url=server.url,
                    shop_id=book.shop_id,
                    # The first account keeps what the demo's set-up chose for pickups.
                    pickup_shipping_types=list(settings.pickup_shipping_types) if first else [],
                    pickup_code_field=settings.pickup_code_field if first else "",
                    colour=demo.colour,
                    api_key=api_key,
                )
            )
    except BaseException:
        market.stop()
        raise
    settings.marketplaces = accounts
    settings.demo_urls = {a.key: a.url for a in accounts}
    _view_first(settings, accounts[0])
    settings.shop_name = settings.shop_name or DEMO_SHOP_NAME
    settings.shop_address = settings.shop_address or DEMO_SHOP_ADDRESS
    settings.opening_hours = settings.opening_hours or DEMO_OPENING_HOURS
    return market


def _view_first(settings: Settings, account: MarketplaceAccount) -> None:
    """The single-account view fields (what one sync and the set-up read) = this account."""
    view = settings.for_account(account)
    for name in (
        "marketplace_key",
        "marketplace_url",
        "shop_id",
        "pickup_shipping_types",
        "pickup_code_field",
        "api_key",
        "demo_url",
    ):
        setattr(settings, name, getattr(view, name))
