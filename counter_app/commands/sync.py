"""`counter-app sync [--once] [--marketplace NAME]` and `counter-app accept ORDER_ID`.

`sync` syncs every marketplace account in turn (or the one `--marketplace` names), each
with its own engine, outbox lane and watermark, and prints one outcome line per account;
its exit code is the first failing account's (0 when all went well).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from dataclasses import dataclass

from counter_app.accounts import MarketplaceAccount
from counter_app.bootstrap import AppContext, open_context
from counter_app.commands.marketplace_option import (
    add_marketplace_option,
    chosen_account,
    chosen_key,
)
from counter_app.domain.stages import Stage
from counter_app.errors import ConfigError, CounterError
from counter_app.marketplace.demo import DemoMarketplace, start_demo_marketplace
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace_guard import (
    GuardedSyncEngine,
    MarketplaceMismatchError,
    SyncBusyError,
    check_marketplace,
    shop_leadership,
)
from counter_app.settings import Settings
from counter_app.store.change_feed import StoreWatcher
from counter_app.store.database import server_unreachable
from counter_app.store.leader import SyncLeadership
from counter_app.store.repository import OrderNotFoundError, Repository
from counter_app.sync.background import FOLLOWER_RECHECK_S, SERVER_UNREACHABLE
from counter_app.sync.clock import sync_clock
from counter_app.sync.engine import RESOURCE, SyncReport, WaitingAction, synced_by_key

NO_ADDRESS = "no marketplace address set; use --demo for the demo"
# Woken by an action queued at another till: wait this long for the others of its burst.
WAKE_GATHER_S = 0.5


class MarketplaceUnreachableError(CounterError):
    """The sync could not reach the marketplace (exit code 2, for scripts)."""

    exit_code = 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sync",
        help="sync with the marketplace (loop until Ctrl-C, or --once)",
        description="Upload local actions, then download changed orders.",
    )
    p.add_argument("--once", action="store_true", help="one cycle, then exit")
    p.add_argument(
        "--interval", type=float, default=None, help="seconds between cycles (default: setting)"
    )
    add_marketplace_option(p, "sync only this marketplace (its key or name); default: all")
    p.set_defaults(func=cmd_sync)
    p = sub.add_parser(
        "accept",
        help="accept an order (optionally refusing some lines), as the counter window does",
    )
    p.add_argument("order_id", metavar="ORDER_ID")
    p.add_argument(
        "--refuse",
        action="append",
        default=[],
        metavar="LINE_ID",
        help="refuse this order line (repeat for several; all lines = refuse the order)",
    )
    add_marketplace_option(p)
    p.set_defaults(func=cmd_accept)


def summary(report: SyncReport) -> str:
    """One line a person can read (and a script can grep)."""
    return (
        f"downloaded {report.downloaded} · updated {report.updated} · "
        f"uploaded {report.uploaded} · failed {report.failed} · waiting {report.pending}"
        + (f" · skipped malformed {len(report.skipped)}" if report.skipped else "")
        + (f" · new problems {len(report.problems)}" if report.problems else "")
    )


def waiting_lines(waiting: list[WaitingAction]) -> list[str]:
    """One line per action not delivered: when it is tried next and why, or why it is parked."""
    lines = []
    for item in waiting:
        if item.due_in_s is None:
            when = f"parked: {item.reason or 'no reason given'}"
        else:
            seconds = round(item.due_in_s)
            when = "next try now" if seconds <= 0 else f"next try in {_duration(seconds)}"
            if item.state == "in_flight":
                when += " (its answer was lost: checked before any re-send)"
            if item.reason:
                when += f" · {item.reason}"
        lines.append(f"  {item.action} {item.order_id}: {when}")
    return lines


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"


def follower_line(repo: Repository) -> str:
    """What a till that does not hold the sync role says (the shared state)."""
    by = repo.get_meta(synced_by_key(repo.marketplace)) or "another till"
    state = repo.get_sync_state(RESOURCE)
    when = state.last_success_at.strftime("%H:%M:%S UTC") if state.last_success_at else "never"
    return (
        f"another till syncs for the shop: last good sync {when} by {by} · "
        f"waiting {repo.count_pending_actions()}"
    )


@dataclass
class AccountRun:
    """One account's engine in a `sync` run (None when its set-up is half finished)."""

    account: MarketplaceAccount
    settings: Settings
    engine: GuardedSyncEngine | None
    error: CounterError | None = None

    @property
    def label(self) -> str:
        return f"{self.account.label} ({self.account.key})"


def _accounts_to_sync(args: argparse.Namespace, settings: Settings) -> list[MarketplaceAccount]:
    """`--marketplace`'s account, or every account (an account without an address too:
    it is reported as not set up rather than silently left out)."""
    accounts = settings.effective_accounts()
    chosen = chosen_account(args, settings)
    if chosen is not None:
        if not chosen.url:
            raise ConfigError(f"marketplace {chosen.label!r} has no address set up")
        return [chosen]
    if not accounts or not any(a.url for a in accounts):
        raise ConfigError(NO_ADDRESS)
    return accounts


def _build_runs(
    ctx: AppContext, accounts: list[MarketplaceAccount], leadership: SyncLeadership
) -> list[AccountRun]:
    runs: list[AccountRun] = []
    for account in accounts:
        account_settings = ctx.settings.for_account(account)
        if not account.url:
            runs.append(
                AccountRun(account, account_settings, None, ConfigError("no address set up"))
            )
            continue
        try:
            connector = connector_from_settings(account_settings)
        except CounterError as exc:  # a half-finished set-up: that account only
            runs.append(AccountRun(account, account_settings, None, exc))
            continue
        engine = GuardedSyncEngine(
            ctx.repo.for_marketplace(account.key),
            connector,
            account_settings,
            leadership=leadership,
            clock=sync_clock(),
        )
        runs.append(AccountRun(account, account_settings, engine))
    return runs


def _close_runs(runs: list[AccountRun], leadership: SyncLeadership | None) -> None:
    for run in runs:
        if run.engine is not None:
            run.engine.close()
            run.engine.connector.close()
    if leadership is not None:
        leadership.release()


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.demo and not any(a.url for a in settings.effective_accounts()):
        # Never the demo on a shop's store: without an address there is nothing to sync with.
        raise ConfigError(NO_ADDRESS)
    interval = args.interval if args.interval is not None else settings.sync_interval_seconds
    if not 0 < interval <= 86_400:
        raise ConfigError(f"--interval must be between 1 and 86400 seconds (got {interval:g})")
    ctx = open_context(settings)
    demo: DemoMarketplace | None = None
    runs: list[AccountRun] = []
    leadership: SyncLeadership | None = None
    try:
        if settings.demo:
            check_marketplace(ctx.repo, settings)
            demo = start_demo_marketplace(settings)
            settings.demo_url = demo.url
            for key, server in demo.servers.items():
                print(f"demo: syncing {key} with the demo simulator at {server.url}")
        accounts = _accounts_to_sync(args, settings)
        if len(accounts) == 1 and not getattr(args, "marketplace", None):
            # One account: its refusal is the command's (as with a single marketplace).
            check_marketplace(ctx.repo, settings.for_account(accounts[0]))
        leadership = shop_leadership(ctx.repo, settings)
        runs = _build_runs(ctx, accounts, leadership)
        several = len(runs) > 1 or bool(getattr(args, "marketplace", None))
        if args.once:
            return _sync_once(ctx, runs, several=several)
        return _sync_loop(ctx, runs, interval, several=several)
    finally:
        _close_runs(runs, leadership)
        ctx.close()
        if demo is not None:
            demo.stop()


def _sync_once(ctx: AppContext, runs: list[AccountRun], *, several: bool) -> int:
    """Each account in turn, one line each; the exit code is the first failure's (0: none)."""
    if not several:
        run = runs[0]
        if run.error is not None:
            raise run.error
        assert run.engine is not None
        return _once_for(ctx, run.engine, prefix="", raise_error=True)
    code = 0
    for run in runs:
        prefix = f"{run.label}: "
        if run.error is not None or run.engine is None:
            error = run.error or ConfigError("not set up")
            print(f"{prefix}not synced: {error}")
            code = code or error.exit_code
            continue
        try:
            result = _once_for(ctx, run.engine, prefix=prefix, raise_error=False)
        except CounterError as exc:  # refused: another marketplace's store, a busy lock
            print(f"{prefix}not synced: {exc}")
            result = exc.exit_code
        code = code or result
    return code


def _once_for(ctx: AppContext, engine: GuardedSyncEngine, *, prefix: str, raise_error: bool) -> int:
    report = engine.run_cycle(force_download=True)
    if report.follower:
        print(prefix + follower_line(engine.repo))
        return 0
    print(prefix + summary(report))
    waiting = engine.waiting()
    if waiting:
        print(f"{prefix}still waiting:")
        print("\n".join(waiting_lines(waiting)))
    if report.retry_after is not None:
        print(
            f"{prefix}the marketplace asked to wait "
            f"{_duration(max(1, round(report.retry_after)))} before the next request"
        )
    if report.error:
        error = MarketplaceUnreachableError(f"sync failed: {report.error}")
        if raise_error:
            raise error
        print(f"{prefix}{error}")
        return error.exit_code
    return 0


def _sync_loop(ctx: AppContext, runs: list[AccountRun], interval: float, *, several: bool) -> int:
    """Every account in turn each cycle, until Ctrl-C."""
    for run in runs:
        if run.error is not None:
            if not several:
                raise run.error
            print(f"{run.label}: not synced: {run.error}", flush=True)
    active = [run for run in runs if run.engine is not None]
    if not active:
        raise ConfigError("no marketplace is set up to sync")
    print(f"syncing every {interval:g} s; Ctrl-C to stop")
    # On a shared store an action queued at another till wakes this loop at once.
    woken = threading.Event()
    watcher = StoreWatcher(ctx.db.engine, on_outbox=woken.set)
    if watcher.shared:
        watcher.start()

    def pause_for(seconds: float) -> None:
        if woken.wait(seconds):
            # A busy counter queues actions in bursts: one cycle sends the burst.
            time.sleep(WAKE_GATHER_S)
        woken.clear()

    try:
        while True:
            pause = max(1.0, interval)
            for run in active:
                pause = min(pause, _loop_cycle(run, several=several, interval=interval))
            pause_for(pause)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 0
    finally:
        watcher.stop()


def _loop_cycle(run: AccountRun, *, several: bool, interval: float) -> float:
    """One cycle of one account; returns how long the loop may wait before its next."""
    assert run.engine is not None
    engine = run.engine
    prefix = f"{run.label}: " if several else ""
    stamp = time.strftime("%H:%M:%S")
    try:
        report = engine.run_cycle()
    except SyncBusyError as exc:
        print(f"[{stamp}] {prefix}{exc}", flush=True)
        return max(1.0, interval)
    except MarketplaceMismatchError as exc:
        if not several:
            raise
        print(f"[{stamp}] {prefix}not synced: {exc}", flush=True)
        return max(1.0, interval)
    except Exception as exc:
        if not server_unreachable(exc):
            raise
        # The shop server restarting or out of reach: say so and carry on.
        print(f"[{stamp}] {SERVER_UNREACHABLE}", flush=True)
        return max(1.0, min(interval, FOLLOWER_RECHECK_S))
    if report.follower:
        print(f"[{stamp}] {prefix}{follower_line(engine.repo)}", flush=True)
        # Often enough to take over from a silent leader within a minute.
        return max(1.0, min(interval, FOLLOWER_RECHECK_S))
    line = f"[{stamp}] {prefix}{summary(report)}"
    if report.error:
        line += f" · offline: {report.error}"
    print(line, flush=True)
    if report.retry_after is not None:
        # Honoured as given: this account's next cycle comes after the asked wait (its
        # engine sends nothing before; the other accounts carry on meanwhile).
        pause = max(1.0, report.retry_after)
        print(f"{prefix}next cycle in {_duration(round(pause))} (marketplace rate limit)")
        return pause
    return max(1.0, interval)


def cmd_accept(args: argparse.Namespace, settings: Settings) -> int:
    with open_context(settings) as ctx:
        key = chosen_key(args, settings, ctx.repo)
        order = ctx.repo.get_order(args.order_id, key)
        if order is None:
            raise CounterError(f"no order {args.order_id!r} here; run 'counter-app sync' first")
        if order.stage is not Stage.TO_ACCEPT:
            raise CounterError(
                f"order {args.order_id} is not waiting for acceptance "
                f"(it is {order.stage.value.replace('_', ' ')})"
            )
        try:
            ctx.repo.accept_order(
                args.order_id, args.refuse, till=settings.till_name, marketplace=order.marketplace
            )
        except (ValueError, OrderNotFoundError) as exc:
            raise CounterError(str(exc)) from exc
        refused = len(set(args.refuse))
        total = len(order.lines)
        if refused and refused == total:
            print(f"order {args.order_id}: refusal queued; it is sent at the next sync")
        else:
            print(
                f"order {args.order_id}: acceptance queued ({total - refused} line(s) accepted, "
                f"{refused} refused); it is sent at the next sync"
            )
        return 0
