"""`counter-app marketplaces`: the shop's marketplace accounts, as the set-up saved them.

One line per account (name, key, API address, shop id, whether its API key is stored), or
`--json` for scripts. The API key itself is never printed; "stored" says whether the keyring
(or its 0600 file) holds one for that account, which is what the sync will use.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from counter_app.accounts import AccountKeyStore
from counter_app.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("marketplaces", help="list the marketplace accounts this shop syncs with")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_marketplaces, needs_db=False)


def account_rows(settings: Settings) -> list[dict[str, Any]]:
    """Each account as the command shows it (never its API key)."""
    rows = []
    for account in settings.effective_accounts():
        stored = AccountKeyStore(settings.paths, account.key).load() is not None
        rows.append(
            {
                "name": account.label,
                "key": account.key,
                "url": account.url,
                "shop_id": account.shop_id,
                "api_key_stored": stored,
                "pickup_shipping_types": list(account.pickup_shipping_types),
                "pickup_code_field": account.pickup_code_field,
                "colour": account.colour,
            }
        )
    return rows


def cmd_marketplaces(args: argparse.Namespace, settings: Settings) -> int:
    rows = account_rows(settings)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"No marketplace set up (settings: {settings.paths.settings_file}).")
        print("Add one in the window: Counter › Set-up… › Marketplaces.")
        return 0
    headers = ("NAME", "KEY", "URL", "SHOP ID", "API KEY")
    table = [
        (
            r["name"],
            r["key"],
            r["url"] or "-",
            r["shop_id"] or "-",
            "stored" if r["api_key_stored"] else "MISSING",
        )
        for r in rows
    ]
    widths = [max(len(h), *(len(line[i]) for line in table)) for i, h in enumerate(headers)]
    for line in (headers, *table):
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    return 0
