"""Which marketplace a store belongs to, so a shop's actions never go anywhere else.

A store records its marketplace (address and shop id) at its first good sync; the demo's
store records "demo" as it starts. From then on a sync with any other marketplace, or the
demo on a shop's store, is refused in plain words and every waiting action stays queued.
A store with orders or actions but nothing recorded (made by an older version) is never
taken over by the demo.

Each marketplace account has its own record (`meta_key_for`: "marketplace" for `main`, as
single-account stores have it, "marketplace:KEY" for the others) and its own sync lock file
(`sync.lock` for `main`, `sync-KEY.lock` for the others): a mismatch stops that account's
sync only. The role of the till that syncs (store/leader.py) is the shop's, one for all its
accounts: a till either syncs every account or none, so "one till syncs for the shop" holds
on a shared PostgreSQL store. "Synced by" is kept per account (`synced_by_key`): the
accounts' threads write their own rows.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from counter_app.accounts import LEGACY_KEY
from counter_app.errors import CounterError
from counter_app.marketplace.connector import MarketplaceConnector
from counter_app.settings import Settings, builtin_demo_home
from counter_app.store.database import server_unreachable
from counter_app.store.file_lock import FileLock, LockBusyError
from counter_app.store.leader import LeadershipLost, SyncLeadership
from counter_app.store.outbox import OutboxAction
from counter_app.store.repository import Repository
from counter_app.store.types import utcnow
from counter_app.sync.engine import RESOURCE, SyncEngine, SyncReport, synced_by_key

log = logging.getLogger(__name__)

META_KEY = "marketplace"


def meta_key_for(account_key: str) -> str:
    """The store_meta key of one account's marketplace record."""
    return META_KEY if account_key in ("", LEGACY_KEY) else f"{META_KEY}:{account_key}"


class MarketplaceMismatchError(CounterError):
    """This store belongs to another marketplace (or is the shop's and this is the demo)."""

    exit_code = 3


@dataclass(frozen=True)
class Identity:
    """A marketplace account as the store remembers it."""

    demo: bool
    url: str = ""
    shop_id: str = ""

    def describe(self) -> str:
        if self.demo:
            return "the demo marketplace"
        shop = f" (shop {self.shop_id})" if self.shop_id else ""
        return f"{self.url}{shop}"

    def to_json(self) -> str:
        return json.dumps({"demo": self.demo, "url": self.url, "shop_id": self.shop_id})

    @classmethod
    def from_json(cls, text: str) -> Identity:
        data = json.loads(text)
        return cls(bool(data.get("demo")), str(data.get("url", "")), str(data.get("shop_id", "")))

    def same_account(self, other: Identity) -> bool:
        if self.demo or other.demo:
            return self.demo and other.demo
        if self.url != other.url:
            return False
        # An empty shop id means "the key's own shop": only two different ids disagree.
        return not (self.shop_id and other.shop_id and self.shop_id != other.shop_id)


def _normal_url(url: str) -> str:
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def identity_of(settings: Settings) -> Identity:
    # The demo is the demo only while it talks to its own simulator: a real address typed
    # into the demo window's set-up is a real marketplace (and refused on the demo's store).
    url = settings.marketplace_url.rstrip("/")
    if settings.demo and (not url or url == settings.demo_url.rstrip("/")):
        return Identity(demo=True)
    return Identity(False, _normal_url(settings.marketplace_url), settings.shop_id.strip())


def recorded_identity(repo: Repository, account_key: str = LEGACY_KEY) -> Identity | None:
    value = repo.get_meta(meta_key_for(account_key))
    if not value:
        return None
    try:
        return Identity.from_json(value)
    except (ValueError, AttributeError):
        log.warning("unreadable marketplace record in the store: %r", value[:200])
        return None


def check_marketplace(repo: Repository, settings: Settings) -> None:
    """Raise MarketplaceMismatchError unless this store may sync with these settings.

    The settings are one account's view (`settings.for_account`): that account's record
    is checked, and no other account of the shop may have recorded the same marketplace
    account (its orders would be imported twice, under two keys).
    """
    key = settings.marketplace_key
    wanted = identity_of(settings)
    recorded = recorded_identity(repo, key)
    waiting = repo.for_marketplace(key).count_pending_actions()
    keep = f" Its {waiting} waiting action(s) stay queued." if waiting else ""
    if recorded is None:
        in_demo_folder = settings.paths.data_dir == builtin_demo_home().resolve()
        if (
            wanted.demo
            and not in_demo_folder
            and repo.has_shop_data()
            and not _demo_store(repo, settings)
        ):
            raise MarketplaceMismatchError(
                "this folder holds a shop's orders: the demo never runs on them. "
                "Start the demo without --home (it has a folder of its own)." + keep
            )
        if not wanted.demo and _demo_store(repo, settings):
            raise MarketplaceMismatchError(
                "this folder is the demo's store: it never syncs with a real marketplace, "
                "not even as a new account. Use the shop's own folder (without --demo)." + keep
            )
        _refuse_twin(repo, settings, wanted, keep)
        return
    if recorded.same_account(wanted):
        _refuse_twin(repo, settings, wanted, keep)
        return
    if wanted.demo:
        raise MarketplaceMismatchError(
            f"this folder is the shop's store (it syncs with {recorded.describe()}): the demo "
            "never runs on it. Start the demo without --home (it has a folder of its own)." + keep
        )
    if recorded.demo:
        raise MarketplaceMismatchError(
            "this folder is the demo's store: it never syncs with a real marketplace. "
            "Use the shop's own folder (without --demo)." + keep
        )
    raise MarketplaceMismatchError(
        f"this store syncs with {recorded.describe()}, not with {wanted.describe()}; "
        "nothing was sent. Put the marketplace address and shop id back in set-up, or use "
        "another folder (--home) for another marketplace." + keep
    )


def _demo_store(repo: Repository, settings: Settings) -> bool:
    """Whether another account's record says this store is the demo's."""
    keys = {a.key for a in settings.effective_accounts()} | {LEGACY_KEY}
    keys.discard(settings.marketplace_key)
    return any((found := recorded_identity(repo, key)) is not None and found.demo for key in keys)


def _refuse_twin(repo: Repository, settings: Settings, wanted: Identity, keep: str) -> None:
    """Refuse an account whose marketplace another account of the shop already syncs."""
    if wanted.demo:
        return  # the demo's accounts are all "the demo": each has its own simulator
    for other in settings.effective_accounts():
        if other.key == settings.marketplace_key:
            continue
        theirs = recorded_identity(repo, other.key)
        if theirs is not None and not theirs.demo and theirs.same_account(wanted):
            raise MarketplaceMismatchError(
                f"{wanted.describe()} is already synced here as marketplace "
                f"{other.label!r}; the same account twice would bring its orders in twice. "
                "Remove one of the two in set-up." + keep
            )


def record_marketplace(repo: Repository, settings: Settings) -> None:
    """Remember this marketplace as the account's own (after a good sync; the demo at start)."""
    key = meta_key_for(settings.marketplace_key)
    wanted = identity_of(settings)
    recorded = recorded_identity(repo, settings.marketplace_key)
    if recorded is not None and recorded.same_account(wanted):
        if wanted.shop_id and not recorded.shop_id:
            repo.set_meta(key, wanted.to_json())  # learn the shop id once it is known
        return
    if recorded is None:
        repo.set_meta(key, wanted.to_json(), only_if_absent=True)
        log.info(
            "marketplace account %s of this store is %s",
            settings.marketplace_key,
            wanted.describe(),
        )


class SyncBusyError(CounterError):
    """Another sync (a window or a command) is running on this store right now."""

    exit_code = 4


def sync_lock_path(settings: Settings) -> Path:
    """One lock file per account: two accounts sync side by side, one account once."""
    key = settings.marketplace_key
    name = "sync.lock" if key in ("", LEGACY_KEY) else f"sync-{key}.lock"
    return settings.paths.data_dir / name


def shop_leadership(repo: Repository, settings: Settings) -> SyncLeadership:
    """The till's claim to the shop's sync role, shared by all its accounts' engines."""
    return SyncLeadership(
        repo.db.engine,
        settings.till_name,
        stale_after_s=float(settings.sync_takeover_seconds),
    )


class GuardedSyncEngine(SyncEngine):
    """The sync engine behind the store's two guards, checked at every cycle.

    One sync at a time per store (a lock file: a second window or `sync` command waits up to
    `lock_timeout` seconds, then says so), and only with the store's own marketplace. The
    marketplace is recorded as the store's after the first cycle that reached it.
    With `raise_refusals` False (the window), a refusal is a failed cycle's error text.

    Several accounts' engines share one `leadership` (the shop's sync role, see the module
    text); an engine given one does not release it on `close` (its owner does).
    """

    def __init__(
        self,
        repo: Repository,
        connector: MarketplaceConnector,
        settings: Settings,
        *,
        lock_timeout: float = 0.0,
        raise_refusals: bool = True,
        leadership: SyncLeadership | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(repo, connector, settings, **kwargs)
        self.lock_timeout = lock_timeout
        self.raise_refusals = raise_refusals
        self._recorded = False
        self._owns_leadership = leadership is None
        self.leadership = leadership or shop_leadership(repo, settings)

    def run_cycle(self, force_download: bool = False) -> SyncReport:
        try:
            lock = FileLock(sync_lock_path(self.settings), timeout=self.lock_timeout)
            lock.acquire()
        except LockBusyError:
            return self._refused(
                SyncBusyError(
                    "another sync is running on this store (another window or "
                    "'counter-app sync'); this one did nothing"
                )
            )
        try:
            if not self.leadership.holds():
                return self._follower_report()
            try:
                check_marketplace(self.repo, self.settings)
            except MarketplaceMismatchError as exc:
                return self._refused(exc)
            try:
                report = super().run_cycle(force_download=force_download)
            except LeadershipLost:
                # Woken from a freeze to find another till took over: it sends from here.
                return self._follower_report()
            except Exception as exc:
                # The till that took over ended this one's server sessions too.
                if server_unreachable(exc) and not self.leadership.still_holds():
                    log.warning("sync cycle ended: this till no longer syncs for the shop")
                    return self._follower_report()
                raise
            if not self._recorded and report.online and report.download_done:
                record_marketplace(self.repo, self.settings)
                self._recorded = True
            if self.leadership.shared and report.online:
                self.repo.set_meta(synced_by_key(self.repo.marketplace), self.settings.till_name)
            return report
        finally:
            lock.release()

    def _send(self, action: OutboxAction) -> None:
        # The action is claimed; a till frozen since then may have lost the role, and the
        # till that took over may already have sent it: look before sending.
        if not self.leadership.still_holds():
            log.warning(
                "no longer the till that syncs: %s for %s not sent here",
                action.action,
                action.order_id,
            )
            raise LeadershipLost
        super()._send(action)

    def close(self) -> None:
        """Give up the sync role (another till takes it at its next cycle), if it is ours."""
        if self._owns_leadership:
            self.leadership.release()

    def _follower_report(self) -> SyncReport:
        """Another till syncs for the shop: report the shared state, send nothing."""
        state = self.repo.get_sync_state(RESOURCE)
        report = SyncReport(follower=True)
        fresh = (
            state.last_success_at is not None
            and (utcnow() - state.last_success_at).total_seconds()
            <= self.settings.offline_after_seconds
        )
        report.error = state.last_error
        report.online = fresh and not state.last_error
        counts = self.outbox.counts()
        report.pending = counts["pending"] + counts["in_flight"]
        return report

    def _refused(self, exc: CounterError) -> SyncReport:
        log.warning("sync refused: %s", exc)
        if self.raise_refusals:
            raise exc
        report = SyncReport(error=str(exc))
        report.online = False
        counts = self.outbox.counts()
        report.pending = counts["pending"] + counts["in_flight"]
        return report
