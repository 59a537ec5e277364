"""Fixtures for the counter window: real store, real widgets; fakes only for sound and printer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from counter_app.bootstrap import AppContext
from counter_app.domain.orders import Order
from counter_app.ui.main_window import MainWindow
from counter_app.ui.sounds import SoundPlayer
from counter_app.ui.workers import WorkerPool
from tests.simulator_fixtures import sim, sim_factory  # noqa: F401  (fixtures)


@dataclass
class SoundLog:
    """Stands in for the sound device: remembers which sound would have played."""

    played: list[str] = field(default_factory=list)

    def __call__(self, kind: str, path: Path) -> None:
        assert path.exists(), f"missing sound file {path}"
        self.played.append(kind)


@dataclass
class PrinterLog:
    """Stands in for the physical printer: remembers what would have been printed."""

    printed: list[tuple[str, str]] = field(default_factory=list)
    fail_with: Exception | None = None

    def print_document(self, kind: str, order: Order) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.printed.append((kind, order.order_id))

    def print_daily_list(self, repo: object) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        self.printed.append(("daily_list", ""))


@pytest.fixture
def sounds() -> SoundLog:
    return SoundLog()


@pytest.fixture
def printer() -> PrinterLog:
    return PrinterLog()


@pytest.fixture
def make_window(
    ctx: AppContext, qtbot: Any, sounds: SoundLog, printer: PrinterLog
) -> Iterator[Callable[..., MainWindow]]:
    windows: list[MainWindow] = []

    def make(**kwargs: Any) -> MainWindow:
        kwargs.setdefault("sounds", SoundPlayer(backend=sounds))
        kwargs.setdefault("printer", printer)
        window = MainWindow(ctx, **kwargs)
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def sync_workers(qapp: QApplication) -> Iterator[None]:
    WorkerPool.synchronous = True
    yield
    WorkerPool.synchronous = False


def offscreen_screen(folder: Path, width: int, height: int) -> str:
    """A QT_QPA_PLATFORM value: the offscreen platform with one screen of the till's size
    (its default screen is 800x800, smaller than any till's)."""
    config = folder / f"screen-{width}x{height}.json"
    screen = {
        "name": "till",
        "x": 0,
        "y": 0,
        "width": width,
        "height": height,
        "logicalDpi": 96,
        "logicalBaseDpi": 96,
        "dpr": 1,
    }
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    return f"offscreen:configfile={config}"


def scan(qtbot: Any, widget: QWidget, text: str, gap_ms: int = 3) -> None:
    """Type like a keyboard-wedge scanner: fast keys, then Enter."""
    if text.isascii():
        qtbot.keyClicks(widget, text, delay=gap_ms)
    else:
        # QTest only knows ASCII keys; a scanner on an AZERTY PC types é, è, ç, à...
        for ch in text:
            qtbot.wait(gap_ms)
            press = QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, press)
    qtbot.keyClick(widget, Qt.Key.Key_Return, delay=gap_ms)
    # A person reacts to the band before pressing a key: an Enter right behind the scan's
    # own Enter would be the second half of a CR+LF suffix and is swallowed as such.
    qtbot.wait(120)


def type_slowly(qtbot: Any, widget: QWidget, text: str, gap_ms: int = 90) -> None:
    """Type like a person: a key every tenth of a second."""
    qtbot.keyClicks(widget, text, delay=gap_ms)
    qtbot.wait(gap_ms)


def when_modal(action: Callable[[QWidget], None], timeout_ms: int = 3000) -> None:
    """Run `action(dialog)` once a modal dialog is up (for dialogs opened with exec())."""
    waited = {"ms": 0}

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            action(modal)
            return
        waited["ms"] += 20
        if waited["ms"] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def back_to_source_texts(app: object) -> None:
    """As a test process starts: no catalogue (English source texts), the system's locale."""
    from PySide6.QtCore import QLocale

    from counter_app.ui.i18n import remove_translators

    remove_translators(app)  # type: ignore[arg-type]
    QLocale.setDefault(QLocale.system())
