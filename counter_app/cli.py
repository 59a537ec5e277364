"""The one entry point, `counter-app`: the GUI by default, sub-commands for scripting and support.

Errors are one clear line on stderr and a non-zero exit code, never a traceback: the
traceback goes to the log file (or to stderr as well with `--debug`).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from counter_app import __version__
from counter_app.bootstrap import load_and_log
from counter_app.errors import CounterError, plain_reason
from counter_app.logging_setup import redact
from counter_app.settings import ENV_HOME, Settings, builtin_demo_home
from counter_app.store.records import AmbiguousOrderError

log = logging.getLogger(__name__)

# The exit code of a command given something it cannot act on as given (argparse's too).
EXIT_USAGE = 2

# Sub-command modules under counter_app.commands; each has register(subparsers).
COMMAND_MODULES: tuple[str, ...] = (
    "db",
    "self_test",
    "scan",
    "orders",
    "cancel",
    "print_docs",
    "sync",
    "simulator",
    "marketplaces",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counter-app",
        description="Click & collect counter: marketplace orders, pickup slips, scan to collect.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help=f"one folder for database, settings, logs and backups "
        f"(default: ${ENV_HOME} or the platform folders)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start on the built-in marketplace simulator with demo data",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        metavar="URL",
        help="the shop's PostgreSQL server, e.g. postgresql+psycopg://till@server/counter "
        "(default: the setting, $COUNTER_APP_DATABASE_URL, or this PC's own file)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more, also on stderr")
    parser.add_argument(
        "--debug", action="store_true", help="on an unexpected error, print the traceback too"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="open the counter window (the default)")
    gui.set_defaults(func=_run_gui)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"counter_app.commands.{name}")
        module.register(sub)
    return parser


def _run_gui(args: argparse.Namespace, settings: Settings) -> int:
    from counter_app.ui.app import run_gui

    return run_gui(settings, demo=args.demo)


def _home_for(args: argparse.Namespace) -> Path | None:
    import os

    if args.home is not None:
        return args.home
    if args.demo and not os.environ.get(ENV_HOME):
        # The demo never touches the shop's real data.
        return builtin_demo_home()
    return None


def _log_file_ok() -> Path | None:
    """The log file the root logger writes to, if one was opened."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if name and getattr(handler, "_counter_app", False):
            return Path(name)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _main(argv)
        sys.stdout.flush()  # here, so that a closed pipe is caught below, not at exit
        return code
    except BrokenPipeError:
        # The reader went away (`counter-app orders show --json | head`): stop quietly, and
        # point stdout at nothing so the interpreter's last flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.command = "gui"
        args.func = _run_gui
    debug = bool(getattr(args, "debug", False))
    try:
        overrides = {"database_url": args.database_url} if args.database_url else None
        settings = load_and_log(
            _home_for(args),
            overrides,
            verbose=args.verbose,
            stderr=args.command != "gui" or args.verbose,
        )
        if args.demo:
            # The demo runs on its own simulator, never on a marketplace from the settings.
            settings.marketplace_url = ""
            settings.demo = True
        return int(args.func(args, settings) or 0)
    except CounterError as exc:
        log.debug("stopped: %s", exc, exc_info=True)
        if debug:
            traceback.print_exc()
        print(f"counter-app: error: {redact(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except AmbiguousOrderError as exc:
        # An id on two marketplaces: a usage error (like argparse's), nothing was written.
        log.debug("stopped: %s", exc)
        print(f"counter-app: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        print("counter-app: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # last resort: one line for people, the traceback in the log
        log.error("unexpected error", exc_info=True, extra={"file_only": True})
        if debug:
            traceback.print_exc()
        reason = plain_reason(exc)
        if reason is not None:
            print(f"counter-app: error: {redact(reason)}", file=sys.stderr)
            return 1
        log_file = _log_file_ok()
        where = f"details in {log_file}" if log_file else "run again with --debug for details"
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"counter-app: error: {redact(first)} ({where})", file=sys.stderr)
        return 1
