"""Live news from the other tills, and the shop server's reachability, for the window.

`LiveUpdates` wraps the store's plain-thread `StoreWatcher` (LISTEN/NOTIFY on PostgreSQL,
`PRAGMA data_version` on a SQLite file) in Qt signals. On news the window re-reads, on the
worker pool, only its tab counts, the first pages of the list it shows and the selected order
(`refresh_live`), never the whole list. An action queued at
another till wakes this till's sync at once (it sends it if it is the till that syncs).

The shop server going away is said at once (the watcher's connection is closed by the
server, or its ping fails); every read the window makes on its own (counts, list pages, the
detail pane) is wrapped by `tolerate_server_loss`, so a lost server never raises out of a
slot: the till shows what it last knew, the status bar says "shop server unreachable", and
the list comes back by itself when the watcher reconnects.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any, ParamSpec, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from counter_app.store.change_feed import StoreWatcher
from counter_app.store.database import server_unreachable
from counter_app.ui.list_refresh import read_refresh

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

# News from several tills within this many ms is answered by one refresh.
COALESCE_MS = 150
# A read failed while the watcher still had its connection: look again this much later.
RETRY_MS = 2000


class LiveUpdates(QObject):
    """Signals on the GUI thread for the watcher's news (which arrives on its thread)."""

    changed = Signal()  # another till changed the store
    outbox_added = Signal()  # another till queued an action for the marketplace
    reachability_changed = Signal(bool)  # the shop server is (True) / is not reachable

    _relay_change = Signal()
    _relay_outbox = Signal()
    _relay_reachable = Signal(bool)

    def __init__(self, engine: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay_change.connect(self._coalesce, type=queued)
        self._relay_outbox.connect(self.outbox_added, type=queued)
        self._relay_reachable.connect(self._set_reachable, type=queued)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.changed)
        self.reachable = True
        self.watcher = StoreWatcher(
            engine,
            on_change=self._relay_change.emit,
            on_outbox=self._relay_outbox.emit,
            on_reachable=self._relay_reachable.emit,
        )

    def start(self) -> None:
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()

    def _coalesce(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _set_reachable(self, value: bool) -> None:
        if value != self.reachable:
            self.reachable = value
            self.reachability_changed.emit(value)

    def read_failed(self) -> None:
        """One of the window's reads found the server out of reach."""
        self._set_reachable(False)
        if self.watcher.reachable is not False:
            # The watcher has not noticed (yet): try again soon rather than wait for it.
            QTimer.singleShot(RETRY_MS, self.changed.emit)

    def read_worked(self) -> None:
        """A read of the window's went through: the server is back if the watcher agrees."""
        if not self.reachable and self.watcher.reachable is not False:
            self._set_reachable(True)


_nesting = threading.local()


def _live_of(owner: Any) -> LiveUpdates | None:
    """The window's LiveUpdates, from the window itself, a widget in it, or a helper object
    that keeps the window as its `window` attribute."""
    top = getattr(owner, "window", None)
    if callable(top):
        top = top()
    for candidate in (owner, top):
        live = getattr(candidate, "live", None)
        if isinstance(live, LiveUpdates):
            return live
    return None


def tolerate_server_loss(method: Callable[P, R]) -> Callable[P, R | None]:
    """Wrap a window method that reads the store: a lost shop server is reported, not raised."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R | None:
        depth = getattr(_nesting, "depth", 0)
        _nesting.depth = depth + 1
        try:
            return method(*args, **kwargs)
        except Exception as exc:
            # Only the outermost guarded call answers: the inner ones' callers must not
            # carry on as if their read had worked.
            if depth or not server_unreachable(exc):
                raise
            log.warning("%s: shop server unreachable", method.__name__)
            live = _live_of(args[0]) if args else None
            if live is not None:
                live.read_failed()
            return None
        finally:
            _nesting.depth = depth

    return guarded


def attach(window: Any) -> LiveUpdates:
    """Give the window live news: wired to its refresh, its sync and its status bar."""
    live = LiveUpdates(window.ctx.db.engine, window)
    window.live = live
    live.changed.connect(lambda: refresh_live(window))
    live.outbox_added.connect(window.sync.upload_soon)
    live.reachability_changed.connect(lambda ok: show_reachability(window, ok))

    def hook_model(_index: int = 0) -> None:
        for model in window.models.values():
            model.on_server_lost = live.read_failed

    hook_model()
    window.tabs.currentChanged.connect(hook_model)  # models made later, tab by tab
    if live.watcher.shared:
        # Not on a SQLite file for now: its watcher's refreshes on the worker pool were seen
        # to deadlock with the GUI thread's own SQLite reads at window start (under
        # investigation); the store-level watcher itself works on SQLite.
        live.start()
    return live


def show_reachability(window: Any, reachable: bool) -> None:
    """The status bar says it at once; once back, the counts and the list are read again."""
    status = window.status
    status.update_state(replace(status.state, server_unreachable=not reachable))
    if reachable:
        refresh_live(window)


def refresh_live(window: Any) -> None:
    """Counts, the first pages of the list shown and the selected order, read on the worker
    pool (never the whole list) and applied as a sync's news is (`MainWindow._refreshed`)."""
    live: LiveUpdates = window.live
    request = window.lists.request_refresh(True)
    repo, delay = window.repo, window.settings.acceptance_delay_hours

    def applied(result: Any) -> None:
        window._refreshed(result)
        live.read_worked()

    window.workers.submit(
        lambda: read_refresh(repo, delay, request), applied, refresh_failed_for(window)
    )


def refresh_failed_for(window: Any) -> Callable[[BaseException], None]:
    """The error callback of a background read of the window's: a lost server is said."""

    def failed(exc: BaseException) -> None:
        if not server_unreachable(exc):
            log.warning("background refresh failed: %s", exc)
            return
        live = getattr(window, "live", None)
        if isinstance(live, LiveUpdates):
            live.read_failed()

    return failed
