"""Each marketplace account's sync state, and the shop-wide state made of them.

Every account syncs on its own (one `BackgroundSync` each, behind one loop); each reports a
status naming its account (`SyncStatus.marketplace`, `.marketplace_name`). The window keeps
the latest per account (`AccountStatuses`) and shows them all in the status bar; the
shop-wide state (`combined`) is what a single flag needs: online only when every account is,
waiting actions summed, the oldest last success. A status that names no account (a sync of
the single-account versions) counts as account `main`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from counter_app.accounts import LEGACY_KEY


@dataclass(frozen=True)
class AccountSyncView:
    """One account's sync state, as the status bar shows it."""

    key: str
    name: str = ""
    colour: str = ""
    short: str = ""
    online: bool | None = None  # None: no answer yet
    last_success_at: datetime | None = None
    pending_actions: int = 0
    failed_actions: int = 0
    last_error: str = ""

    @property
    def label(self) -> str:
        return self.name or self.key


def account_view_from_status(status: object) -> AccountSyncView:
    """The sync engine's status object as one account's view (missing parts: none)."""
    key = str(getattr(status, "marketplace", "") or "") or LEGACY_KEY
    return AccountSyncView(
        key=key,
        name=str(getattr(status, "marketplace_name", "") or ""),
        online=getattr(status, "online", None),
        last_success_at=getattr(status, "last_success_at", None),
        pending_actions=int(getattr(status, "pending_actions", 0) or 0),
        failed_actions=int(getattr(status, "failed_actions", 0) or 0),
        last_error=str(getattr(status, "last_error", "") or ""),
    )


def combined_online(accounts: tuple[AccountSyncView, ...]) -> bool | None:
    """Online when every account is; offline when any is; None while one has not answered."""
    states = [a.online for a in accounts]
    if not states:
        return None
    if any(state is False for state in states):
        return False
    if any(state is None for state in states):
        return None
    return True


def oldest_success(accounts: tuple[AccountSyncView, ...]) -> datetime | None:
    """The last success of the account synced longest ago (None if one never synced)."""
    moments = [a.last_success_at for a in accounts]
    if not moments or any(m is None for m in moments):
        return None
    return min(m for m in moments if m is not None)


class AccountStatuses:
    """The latest status of each account, in the order they first reported."""

    def __init__(self) -> None:
        self.latest: dict[str, AccountSyncView] = {}

    def record(self, view: AccountSyncView) -> tuple[AccountSyncView, ...]:
        known = self.latest.get(view.key)
        if known is not None and not view.name:
            view = replace(view, name=known.name)
        self.latest[view.key] = view
        return self.views()

    def views(self) -> tuple[AccountSyncView, ...]:
        return tuple(self.latest.values())

    def forget(self) -> None:
        """The accounts were set up again: statuses of the old syncs no longer hold."""
        self.latest.clear()


@dataclass(frozen=True)
class AccountLook:
    """An account set up in the settings: its key, display name and colour."""

    key: str
    name: str
    colour: str
    short: str = ""  # the name where room is short (set-up names may be long)


def with_accounts(
    reported: tuple[AccountSyncView, ...],
    set_up: list[AccountLook],
    store: dict[str, tuple[datetime | None, int]] | None = None,
) -> tuple[AccountSyncView, ...]:
    """Every account set up (in the settings' order), with what its sync last reported and
    what the store says now (`store[key]` = (last success, actions waiting)); accounts that
    reported but are not set up (any more) come after."""
    by_key = {view.key: view for view in reported}
    keys = {look.key for look in set_up}
    if len(set_up) == 1 and LEGACY_KEY in by_key and LEGACY_KEY not in keys:
        # A sync that names no account, in a shop with one: that account's.
        by_key.setdefault(set_up[0].key, replace(by_key.pop(LEGACY_KEY), key=set_up[0].key))
    out: list[AccountSyncView] = []
    for look in set_up:
        view = by_key.pop(look.key, AccountSyncView(key=look.key))
        out.append(replace(view, name=look.name, colour=look.colour, short=look.short))
    out.extend(by_key.values())
    if store:
        out = [
            replace(
                view,
                last_success_at=store[view.key][0] or view.last_success_at,
                pending_actions=store[view.key][1],
            )
            if view.key in store
            else view
            for view in out
        ]
    return tuple(out)
