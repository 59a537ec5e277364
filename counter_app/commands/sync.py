"""`counter-app sync [--once]` and `counter-app accept ORDER_ID [--refuse LINE_ID ...]`."""

from __future__ import annotations

import argparse
import sys
import threading
import time

from counter_app.bootstrap import open_context
from counter_app.domain.stages import Stage
from counter_app.errors import ConfigError, CounterError
from counter_app.marketplace.demo import DemoMarketplace, start_demo_marketplace
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace_guard import GuardedSyncEngine, SyncBusyError, check_marketplace
from counter_app.settings import Settings
from counter_app.store.change_feed import StoreWatcher
from counter_app.store.database import server_unreachable
from counter_app.store.repository import OrderNotFoundError, Repository
from counter_app.sync.background import FOLLOWER_RECHECK_S, SERVER_UNREACHABLE
from counter_app.sync.clock import sync_clock
from counter_app.sync.engine import RESOURCE, SYNCED_BY_KEY, SyncReport, WaitingAction

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
    by = repo.get_meta(SYNCED_BY_KEY) or "another till"
    state = repo.get_sync_state(RESOURCE)
    when = state.last_success_at.strftime("%H:%M:%S UTC") if state.last_success_at else "never"
    return (
        f"another till syncs for the shop: last good sync {when} by {by} · "
        f"waiting {repo.count_pending_actions()}"
    )


def cmd_sync(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.demo and not settings.marketplace_url:
        # Never the demo on a shop's store: without an address there is nothing to sync with.
        raise ConfigError(NO_ADDRESS)
    ctx = open_context(settings)
    demo: DemoMarketplace | None = None
    connector = None
    engine: GuardedSyncEngine | None = None
    try:
        check_marketplace(ctx.repo, settings)
        if settings.demo:
            demo = start_demo_marketplace(settings)
            settings.demo_url = demo.url
            print(f"demo: syncing with the demo simulator at {demo.url}")
        connector = connector_from_settings(settings)
        engine = GuardedSyncEngine(ctx.repo, connector, settings, clock=sync_clock())
        interval = args.interval if args.interval is not None else settings.sync_interval_seconds
        if not 0 < interval <= 86_400:
            raise ConfigError(f"--interval must be between 1 and 86400 seconds (got {interval:g})")
        if args.once:
            report = engine.run_cycle(force_download=True)
            if report.follower:
                print(follower_line(ctx.repo))
                return 0
            print(summary(report))
            waiting = engine.waiting()
            if waiting:
                print("still waiting:")
                print("\n".join(waiting_lines(waiting)))
            if report.retry_after is not None:
                print(
                    "the marketplace asked to wait "
                    f"{_duration(max(1, round(report.retry_after)))} before the next request"
                )
            if report.error:
                raise MarketplaceUnreachableError(f"sync failed: {report.error}")
            return 0
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
                try:
                    report = engine.run_cycle()
                except SyncBusyError as exc:
                    print(f"[{time.strftime('%H:%M:%S')}] {exc}", flush=True)
                    pause_for(max(1.0, interval))
                    continue
                except Exception as exc:
                    if not server_unreachable(exc):
                        raise
                    # The shop server restarting or out of reach: say so and carry on.
                    print(f"[{time.strftime('%H:%M:%S')}] {SERVER_UNREACHABLE}", flush=True)
                    pause_for(max(1.0, min(interval, FOLLOWER_RECHECK_S)))
                    continue
                stamp = time.strftime("%H:%M:%S")
                if report.follower:
                    print(f"[{stamp}] {follower_line(ctx.repo)}", flush=True)
                    # Often enough to take over from a silent leader within a minute.
                    pause_for(max(1.0, min(interval, FOLLOWER_RECHECK_S)))
                    continue
                line = f"[{stamp}] {summary(report)}"
                if report.error:
                    line += f" · offline: {report.error}"
                print(line, flush=True)
                pause = max(1.0, interval)
                if report.retry_after is not None:
                    # Honoured as given: the next cycle is scheduled after the asked wait.
                    pause = max(1.0, report.retry_after)
                    print(f"next cycle in {_duration(round(pause))} (marketplace rate limit)")
                    time.sleep(pause)
                else:
                    pause_for(pause)
        except KeyboardInterrupt:
            print("stopped", file=sys.stderr)
            return 0
        finally:
            watcher.stop()
    finally:
        if engine is not None:
            engine.close()
        if connector is not None:
            connector.close()
        ctx.close()
        if demo is not None:
            demo.stop()


def cmd_accept(args: argparse.Namespace, settings: Settings) -> int:
    with open_context(settings) as ctx:
        order = ctx.repo.get_order(args.order_id)
        if order is None:
            raise CounterError(f"no order {args.order_id!r} here; run 'counter-app sync' first")
        if order.stage is not Stage.TO_ACCEPT:
            raise CounterError(
                f"order {args.order_id} is not waiting for acceptance "
                f"(it is {order.stage.value.replace('_', ' ')})"
            )
        try:
            ctx.repo.accept_order(args.order_id, args.refuse, till=settings.till_name)
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
