"""A local Mirakl seller API on 127.0.0.1: seeded French bookshop orders and fault injection.

It is the app's demo marketplace and the test suite's real HTTP counterpart; it is as strict
as Mirakl where the app depends on it (auth header, `max` ≤ 100, 400 on a transition from the
wrong state, ship only from SHIPPING, one boolean decision per line in OR21, OR31 values checked
against the AF01 custom fields, OR43 sizes, OR11 filters), and every answer validates against
the published seller spec. `collect_flow` picks what OR24 does to a click & collect order:
SHIPPED, or TO_COLLECT and later RECEIVED. `shop_id`, `shop_name` and `numbers` (the order-number
format, see `operators`) make two simulators differ as two Mirakl operators do.
"""

from counter_app.marketplace.simulator.orderbook import OrderBook
from counter_app.marketplace.simulator.server import SimulatorServer

__all__ = ["OrderBook", "SimulatorServer"]
