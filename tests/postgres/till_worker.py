"""Till processes for the shared-store tests: each opens its own connections to the server.

Run with `python -m tests.postgres.till_worker MODE URL TILL [ORDER_ID ...]`:
- `race`: waits for the go file, then confirms each order as fast as it can, printing one
  JSON line per verdict;
- `confirm`: confirms the orders one after the other (killed from outside at some point).
"""

from __future__ import annotations

import json
import os
import sys
import time

from counter_app.settings import Settings
from counter_app.store.database import Database
from counter_app.store.repository import Repository
from counter_app.store.scan_service import ScanService


def main(argv: list[str]) -> int:
    mode, url, till, go, *order_ids = argv
    settings = Settings(database_url=url, till_name=till)
    db = Database(url)
    service = ScanService(Repository(db), settings)
    service.resolve("warm-up")  # the pool's first connection is made before the race
    while not os.path.exists(go):
        time.sleep(0.001)
    for order_id in order_ids:
        if mode == "race":
            # Both tills start each order together: the file names the order both await.
            while not os.path.exists(f"{go}.{order_id}"):
                time.sleep(0.0002)
        result = service.confirm(order_id)
        print(json.dumps({"order": order_id, "verdict": result.verdict.value}), flush=True)
        if mode == "race":
            open(f"{go}.{order_id}.{till}", "w").close()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
