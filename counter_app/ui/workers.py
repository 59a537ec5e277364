"""Runs slow calls (sync, printing, test connection) off the GUI thread and posts results back.

Results and errors always arrive on the GUI thread through a queued signal, so callbacks may
touch widgets. Tests set `WorkerPool.synchronous = True` to run everything inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; its signals carry a finished job's outcome back there."""

    finished = Signal(object, object)  # callback, value


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        relay: _Relay,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay
        self.on_done = on_done
        self.on_error = on_error

    def run(self) -> None:
        try:
            value = self.fn()
        except Exception as exc:  # reported to the caller; a worker must never die silently
            log.warning("background job failed: %s", exc)
            if self.on_error is not None:
                self.relay.finished.emit(self.on_error, exc)
            return
        if self.on_done is not None:
            self.relay.finished.emit(self.on_done, value)


class WorkerPool(QObject):
    """A small thread pool whose callbacks run on the GUI thread."""

    synchronous: bool = False

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run `fn` in the pool (or inline when synchronous); callbacks get its outcome."""
        if self.synchronous:
            try:
                value = fn()
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(exc)
                return
            if on_done is not None:
                on_done(value)
            return
        self.pool.start(_Job(fn, self._relay, on_done, on_error))

    def wait(self, msecs: int = 5000) -> bool:
        """Block until running jobs end (used when closing the window)."""
        return self.pool.waitForDone(msecs)
