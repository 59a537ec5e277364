"""Start-up shared by the GUI and every CLI command: settings, logging, database, migrations.

Before anything is read or written the store file is checked (`PRAGMA quick_check`): a
damaged file is refused with what to do. Today's backup is best effort: a full disk skips it
with a warning (kept in `AppContext.warnings` for the window's status bar), never stops the till.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from counter_app.logging_setup import register_secret, setup_logging
from counter_app.settings import Settings, load_settings
from counter_app.store.backup import BackupError, daily_backup
from counter_app.store.database import Database, refuse_if_damaged
from counter_app.store.migrate import upgrade
from counter_app.store.repository import Repository

if TYPE_CHECKING:  # imported where used: the sync only starts with a marketplace set up
    from counter_app.store.scan_service import ScanService as StoreScanService
    from counter_app.sync.account_syncs import AccountSyncs
    from counter_app.sync.background import SyncStatus

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    """What a running app or command works with.

    A context manager: `with open_context(settings) as ctx:` closes the database whatever
    happens in the block (`close()` stays for the window, which closes it at quit).
    """

    settings: Settings
    db: Database
    repo: Repository
    # Things the people at the till should see once (a skipped backup, an unknown setting).
    warnings: list[str] = field(default_factory=list)
    backup_skipped: bool = False

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def load_and_log(
    home: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    *,
    verbose: bool = False,
    stderr: bool = True,
) -> Settings:
    """Settings first, then logging into that home (with the API key registered as secret)."""
    settings = load_settings(home, overrides)
    try:
        settings.paths.ensure()
    except OSError as exc:
        from counter_app.errors import CounterError

        raise CounterError(
            f"cannot create the app's folders ({exc.filename}: {exc.strerror or exc}); "
            "the home folder must be writable by this user (or choose another with --home)"
        ) from exc
    register_secret(settings.api_key)
    register_secret(settings.database_password)
    setup_logging(settings.paths.log_dir, verbose=verbose, stderr=stderr)
    for warning in settings.unknown_key_warnings():
        log.warning("%s", warning)
    return settings


def backup_failure_reason(exc: BaseException) -> str:
    text = str(exc)
    if "disk is full" in text or "No space left" in text or "disk I/O error" in text:
        return "the disk is full"
    return text[:200] or type(exc).__name__


def open_context(settings: Settings, *, migrate: bool = True) -> AppContext:
    """Open the database, apply migrations (after a backup copy) and take today's copy."""
    url = settings.effective_database_url()
    db = Database(url)
    warnings = list(settings.unknown_key_warnings())
    backup_skipped = False
    try:
        refuse_if_damaged(db.file)
        if migrate:
            upgrade(db.engine, url, settings.paths.backup_dir)
            if db.file is not None and db.file.exists():
                try:
                    daily_backup(db.file, settings.paths.backup_dir)
                except (BackupError, OSError, sqlite3.Error) as exc:
                    # A full disk must not stop the till: skip the copy, say so.
                    reason = backup_failure_reason(exc)
                    log.warning("today's backup was skipped: %s (%s)", reason, exc)
                    warnings.append(f"today's backup was skipped: {reason}")
                    backup_skipped = True
    except BaseException:
        db.dispose()
        raise
    return AppContext(
        settings=settings,
        db=db,
        repo=Repository(db),
        warnings=warnings,
        backup_skipped=backup_skipped,
    )


# ---- the GUI's composition: which connector, the demo marketplace -------------------------
# The window's modules (`counter_app.ui`) import nothing of `counter_app.marketplace`: what
# talks to a marketplace is chosen here and handed to them.


def background_sync(
    ctx: AppContext, on_status: Callable[[SyncStatus], None]
) -> AccountSyncs | None:
    """The background syncs of the shop's marketplace accounts (not started), or None when
    no account has an address (the window still opens).

    One loop per account with an address, each with its own engine, connector and thread;
    an account whose set-up is half finished (no API key...) is skipped and its reason
    reported as that account's status error at start.
    """
    accounts = [a for a in ctx.settings.effective_accounts() if a.url]
    if not accounts:
        return None
    try:
        from counter_app.marketplace.factory import connector_from_settings
        from counter_app.marketplace_guard import GuardedSyncEngine, shop_leadership
        from counter_app.sync.account_syncs import AccountSyncs, SkippedAccount
        from counter_app.sync.background import BackgroundSync
    except ImportError as exc:
        log.warning("sync not available: %s", exc)
        return None
    from counter_app.errors import CounterError

    loops: list[BackgroundSync] = []
    skipped: list[SkippedAccount] = []
    # One claim to the shop's sync role for all the accounts (see marketplace_guard).
    leadership = shop_leadership(ctx.repo, ctx.settings)
    interval = max(5, ctx.settings.sync_interval_seconds)
    for account in accounts:
        settings = ctx.settings.for_account(account)
        try:
            connector = connector_from_settings(settings)
        except CounterError as exc:  # a half-finished set-up
            log.warning("sync of %s not started: %s", account.label, exc)
            skipped.append(SkippedAccount(account.key, account.label, str(exc)))
            continue
        # Refusals (another marketplace's store, another sync running) come back as the
        # cycle's error, shown in the status bar; nothing is sent.
        engine = GuardedSyncEngine(
            ctx.repo.for_marketplace(account.key),
            connector,
            settings,
            lock_timeout=2.0,
            raise_refusals=False,
            leadership=leadership,
        )
        loops.append(
            BackgroundSync(
                engine,
                interval_s=interval,
                on_status=on_status,
                marketplace=account.key,
                marketplace_name=account.label,
            )
        )
    return AccountSyncs(loops, skipped, on_status=on_status, leadership=leadership)


def start_demo(ctx: AppContext) -> Any:
    """Start the built-in demo marketplace and point the settings at it; refused (and the
    context closed) on a store that already belongs to a shop's marketplace."""
    from counter_app.marketplace.demo import start_demo_marketplace
    from counter_app.marketplace_guard import check_marketplace

    try:
        check_marketplace(ctx.repo, ctx.settings)  # never the demo on a shop's store
    except BaseException:
        ctx.close()
        raise
    ctx.settings.demo = True
    market = start_demo_marketplace(ctx.settings)
    ctx.settings.demo_url = market.url
    for key, server in market.servers.items():
        log.info("demo marketplace %s on %s", key, server.url)
    return market


def default_scan_service(ctx: AppContext) -> StoreScanService:
    """The scan service the window checks codes with (on this context's store)."""
    from counter_app.store.scan_service import ScanService

    return ScanService(ctx.repo, ctx.settings)


def connector_factory() -> Callable[[Settings], Any] | None:
    """Builds a connector for settings (the set-up's connection test); None when the
    marketplace code is not available."""
    try:
        from counter_app.marketplace.factory import connector_from_settings
    except ImportError:
        return None
    return connector_from_settings


@dataclass(frozen=True)
class ConnectionProbe:
    """What the set-up's connection test learnt: the key's shop, its click & collect types,
    and the check of the pickup code field (None when no field is named)."""

    shop: Any
    types: list[Any]
    field: tuple[str, str] | None


def probe_marketplace(connector: Any, field_code: str) -> ConnectionProbe:
    """The connection test's calls: V01, A01, the shipping types and AF01 (run on a worker
    thread). Raises when the marketplace does not answer or refuses the key; closes the
    connector."""
    try:
        if not connector.health():
            raise ConnectionError("no answer to the version check")
        shop = connector.shop_info()
        try:
            types = [t for t in connector.shipping_types() if t.click_and_collect]
        except Exception:  # the shop answered; missing types are not fatal here
            types = []
        field: tuple[str, str] | None = None
        if field_code:
            from counter_app.marketplace.connector import check_pickup_code_field

            try:
                found = connector.custom_fields(("ORDER", "ORDER_LINE"))
            except Exception:  # the shop answered; say the field could not be read
                field = ("unreadable", "")
            else:
                check, detail = check_pickup_code_field(found, field_code)
                field = (check.value, detail)
        return ConnectionProbe(shop, types, field)
    finally:
        connector.close()
