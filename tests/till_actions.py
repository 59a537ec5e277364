"""Another till's process acting on the same store: `python -m tests.till_actions URL TILL
ACTION ORDER_ID`, ACTION one of `new` (an order arrives by that till's sync), `ready`,
`collect`. Prints one JSON line when its transaction has committed."""

from __future__ import annotations

import json
import sys
import time

from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService
from tests.factories import make_order


def main(argv: list[str]) -> int:
    url, till, action, order_id = argv
    db = Database(url)
    repo = Repository(db)
    if action == "new":
        repo.upsert_orders([make_order(order_id=order_id, state="WAITING_ACCEPTANCE")])
    elif action == "ready":
        repo.mark_ready(order_id, "C3", till)
    elif action == "collect":
        result = ScanService(repo, Settings(database_url=url, till_name=till)).confirm(order_id)
        assert result.confirmed, result
    else:
        raise SystemExit(f"unknown action {action!r}")
    print(json.dumps({"done": action, "at": time.time()}), flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
