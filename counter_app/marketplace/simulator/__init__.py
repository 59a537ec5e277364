"""A local Mirakl seller API on 127.0.0.1: seeded French bookshop orders and fault injection.

It is the app's demo marketplace and the test suite's real HTTP counterpart; it follows the
same rules as Mirakl where the app depends on them (auth header, `max` ≤ 100, 400 on a
transition from the wrong state, ship only from SHIPPING).
"""

from counter_app.marketplace.simulator.orderbook import OrderBook
from counter_app.marketplace.simulator.server import SimulatorServer

__all__ = ["OrderBook", "SimulatorServer"]
