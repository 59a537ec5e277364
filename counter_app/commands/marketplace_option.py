"""`--marketplace NAME` for the commands that take an order id or sync.

An order id is unique within its marketplace only: with several marketplaces an id two of
them share needs `--marketplace` (the account's key or display name, any case). Without it
such an id is refused with the marketplaces that have it (exit code 2, nothing written).
"""

from __future__ import annotations

import argparse

from counter_app.accounts import MarketplaceAccount, find_account
from counter_app.errors import ConfigError
from counter_app.settings import Settings
from counter_app.store.repository import Repository

HELP = "the marketplace (its key or name) the order is on, when several have that id"


def add_marketplace_option(parser: argparse.ArgumentParser, help_text: str = HELP) -> None:
    parser.add_argument("--marketplace", default=None, metavar="NAME", help=help_text)


def chosen_account(args: argparse.Namespace, settings: Settings) -> MarketplaceAccount | None:
    """The account `--marketplace` names (a clear error when none has that name), or None."""
    wanted = getattr(args, "marketplace", None)
    if not wanted:
        return None
    return find_account(settings.effective_accounts(), wanted)


def chosen_key(
    args: argparse.Namespace, settings: Settings, repo: Repository | None = None
) -> str | None:
    """The key `--marketplace` names, or None. A key the store's orders carry is taken
    even when the settings no longer list that account (its orders stay readable)."""
    try:
        account = chosen_account(args, settings)
    except ConfigError:
        wanted = str(getattr(args, "marketplace", "") or "").strip()
        if repo is not None and wanted in repo.marketplaces_in_store():
            return wanted
        raise
    return account.key if account is not None else None


def account_names(settings: Settings) -> dict[str, str]:
    """Each account's display name by key (what `marketplace_name` says in JSON)."""
    return {a.key: a.label for a in settings.effective_accounts()}


def scoped(repo: Repository, key: str | None) -> Repository:
    """The repository the command works with: that account's, or the shop's whole store."""
    return repo.for_marketplace(key) if key is not None else repo
