"""Each marketplace account's API key kept when the set-up is saved (never in settings.toml).

One keyring entry (or 0600 file) per account (`AccountKeyStore`); an account removed at set-up
has its key forgotten, so a later account that happens to get the same key never inherits
the old marketplace's secret.
"""

from __future__ import annotations

import tomllib

from counter_app.accounts import LEGACY_KEY, AccountKeyStore, accounts_from_toml
from counter_app.errors import ConfigError
from counter_app.paths import Paths
from counter_app.settings import Settings


def account_keys_in_file(paths: Paths) -> set[str]:
    """The account keys the settings file names now (a single-account file: `main`)."""
    try:
        values = tomllib.loads(paths.settings_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return set()
    if "marketplaces" in values:
        try:
            return {a.key for a in accounts_from_toml(values["marketplaces"])}
        except ConfigError:
            return set()
    return {LEGACY_KEY} if values.get("marketplace_url") or values.get("shop_id") else set()


def keep_account_keys(settings: Settings, before: set[str]) -> dict[str, str]:
    """Save each account's API key; forget those of the accounts in `before` that are gone.

    Returns account key → where its API key went ("keyring" or "file").
    """
    where: dict[str, str] = {}
    accounts = settings.effective_accounts()
    for account in accounts:
        if account.api_key:
            where[account.key] = AccountKeyStore(settings.paths, account.key).save(account.api_key)
    for gone in before - {a.key for a in accounts}:
        AccountKeyStore(settings.paths, gone).forget()
    return where
