"""Starts the Qt application and the main window: translations, style, demo marketplace, sync.

With `--demo` (its own home folder) the simulator runs in-process and the window syncs from
it, so `make run` shows orders arriving live without any account. Without `--demo` and without
a marketplace address nothing is synced: the first start asks for set-up, and the demo never
runs on a shop's store (see `counter_app.marketplace_guard`).
"""

from __future__ import annotations

import copy
import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import AppContext, background_sync, open_context, start_demo
from counter_app.errors import CounterError
from counter_app.resources import resources_dir
from counter_app.settings import Settings
from counter_app.ui.heap import freeze_startup_heap
from counter_app.ui.i18n import install_language
from counter_app.ui.seams import BackgroundLoop
from counter_app.ui.sync_bridge import SyncBridge

log = logging.getLogger(__name__)


def apply_style(app: QApplication) -> None:
    path = resources_dir() / "style" / "counter.qss"
    if path.exists():
        app.setStyleSheet(path.read_text(encoding="utf-8"))


def save_settings(settings: Settings) -> None:
    """Write the set-up dialog's result: the file, and each account's API key in the keyring
    or a 0600 file."""
    from counter_app.account_keys import account_keys_in_file, keep_account_keys
    from counter_app.api_key import keep_database_password

    before = account_keys_in_file(settings.paths)
    settings.save()
    keep_account_keys(settings, before)  # one keyring entry per marketplace account
    keep_database_password(settings.paths, settings.database_url, settings.database_password)


def build_sync(ctx: AppContext, parent: Any = None) -> SyncBridge:
    """The background sync for these settings, wrapped in Qt signals (not started).

    The bridge keeps the recipe, so new marketplace settings rebuild it (`SyncBridge.rebuild`).
    """
    bridge = SyncBridge(parent=parent, factory=lambda b: _background_sync(ctx, b))
    bridge.attach(_background_sync(ctx, bridge))
    return bridge


def _background_sync(ctx: AppContext, bridge: SyncBridge) -> BackgroundLoop | None:
    return background_sync(ctx, bridge.on_status)


def _demo_saver(demo: Settings) -> Callable[[Settings], None]:
    """Saves set-up changes made in the demo without pinning the throw-away simulator or
    writing the demo's stand-in shop into the shop's own settings file."""

    simulators = {u.rstrip("/") for u in (demo.marketplace_url, *demo.demo_urls.values()) if u}

    def save(settings: Settings) -> None:
        kept = copy.copy(settings)
        # The demo accounts live only as long as their simulators: never in the file.
        kept.marketplaces = [
            a for a in settings.effective_accounts() if a.url.rstrip("/") not in simulators
        ]
        if settings.marketplace_url.rstrip("/") in simulators:
            kept.marketplace_url, kept.api_key, kept.shop_id = "", "", ""
        for name in ("shop_name", "shop_address", "opening_hours"):
            if getattr(kept, name) == getattr(demo, name):
                setattr(kept, name, "")
        save_settings(kept)

    return save


def _show_start_failure(message: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        tr("Startup", "Counter cannot start"),
        tr("Startup", "Counter cannot open its data. Nothing was changed."),
    )
    box.setInformativeText(message)
    box.setObjectName("startFailure")
    box.exec()


def show_start_warnings(window: Any, ctx: AppContext) -> None:
    """What the start-up had to skip or ignore, in the status bar (the till works on).

    A permanent label, so that the sync state beside it stays visible (a status-bar message
    would hide it); the full list is its tooltip.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    tr = QCoreApplication.translate
    texts: list[str] = []
    if ctx.backup_skipped:
        texts.append(
            tr("Startup", "Today's backup was skipped: the disk is full. Free some space.")
        )
    for key, close in ctx.settings.unknown_key_hints():
        # A misspelt key (marketplace_ulr) silently dropped a setting: say which.
        if close:
            text = tr("Startup", "Unknown setting “%1” in settings.toml (did you mean “%2”?)")
            texts.append(text.replace("%1", key).replace("%2", close))
        else:
            texts.append(tr("Startup", "Unknown setting “%1” in settings.toml").replace("%1", key))
    if not texts:
        return
    label = QLabel(texts[0] if len(texts) == 1 else f"{texts[0]} (+{len(texts) - 1})")
    label.setToolTip("\n".join(texts))
    label.setObjectName("startWarning")
    label.setStyleSheet("color: #c25e00; font-weight: bold;")
    window.statusBar().insertPermanentWidget(0, label)
    window.start_warning = label


def show_on_screen(window: Any) -> None:
    """Open maximised on the screen's available area (task bar and title bar left out), so
    the status bar is in sight on a 1366x768 screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is not None:
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()


def first_run_setup(settings: Settings) -> bool:
    """Ask for the marketplace at first run; False when the owner cancels."""
    from counter_app.ui.setup_dialog import SetupDialog

    dialog = SetupDialog(settings)
    if dialog.exec() != SetupDialog.DialogCode.Accepted or dialog.accepted_settings is None:
        return False
    new = dialog.accepted_settings
    save_settings(new)
    for name, value in vars(new).items():
        setattr(settings, name, value)
    app = QApplication.instance()
    if app is not None:
        # The language just chosen applies to the window that opens next.
        install_language(app, settings.language)
    return True


def run_gui(settings: Settings, *, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Counter")
    app.setOrganizationName("Counter")
    install_language(app, settings.language)
    apply_style(app)
    icon = resources_dir() / "icons" / "counter-app.png"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))

    demo_market = None
    demo = demo or settings.demo
    if (
        not demo
        and not settings.marketplace_url
        and not settings.paths.settings_file.exists()
        and not first_run_setup(settings)
    ):
        return 0
    try:
        ctx = open_context(settings)
    except CounterError as exc:
        # Started from a menu there is no terminal: the refusal (a damaged file, a half-made
        # schema...) and what to do must be on screen.
        _show_start_failure(str(exc))
        raise
    if demo:
        demo_market = start_demo(ctx)  # refused on a shop's store

    from counter_app.ui.main_window import MainWindow

    sync = build_sync(ctx)
    demo_settings = copy.copy(settings) if demo_market is not None else None
    saver = save_settings if demo_settings is None else _demo_saver(demo_settings)
    window = MainWindow(ctx, sync=sync, save_settings=saver)
    from counter_app.ui.diagnostics import attach_from_environment

    attach_from_environment(window)  # off unless COUNTER_APP_VERDICT_LOG names a file
    window.demo_settings = demo_settings
    if demo_market is not None:
        window.setWindowTitle(window.windowTitle() + " — DEMO")
    show_start_warnings(window, ctx)
    show_on_screen(window)
    freeze_startup_heap()  # the window, Qt and the store stay: no full collection walks them
    sync.start()
    sync.sync_now()
    try:
        return app.exec()
    finally:
        sync.stop()
        ctx.close()
        if demo_market is not None:
            demo_market.stop()
