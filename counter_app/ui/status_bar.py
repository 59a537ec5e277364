"""The status bar: online or offline, how long since the last sync, uploads waiting, problems."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from counter_app.ui.order_tabs import humanize_delta


@dataclass
class SyncView:
    """What the UI knows of sync at a moment (built from the sync engine's status)."""

    online: bool | None = None  # None: no answer yet
    last_success_at: datetime | None = None
    pending_actions: int = 0
    problems: int = 0
    last_error: str = ""
    running: bool = False
    available: bool = True
    synced_by: str = ""  # the till that last synced, on a store several tills share
    server_unreachable: bool = False  # the shop's shared database server is out of reach


class CounterStatusBar(QStatusBar):
    """Always visible, like pretixSCAN's "synced N ago / N waiting"."""

    sync_requested = Signal()
    problems_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = SyncView()
        self._till = ""
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineLabel")
        self.synced_label = QLabel()
        self.pending_label = QLabel()
        self.problems_button = QPushButton()
        self.problems_button.setFlat(True)
        self.problems_button.clicked.connect(self.problems_clicked)
        self.till_label = QLabel()
        self.sync_button = QPushButton(QCoreApplication.translate("StatusBar", "Sync now (F5)"))
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(self.sync_requested)
        for widget in (
            self.online_label,
            self.synced_label,
            self.pending_label,
            self.problems_button,
        ):
            self.addWidget(widget)
        self.addPermanentWidget(self.till_label)
        self.addPermanentWidget(self.sync_button)
        # "synced 3 min ago" must age even when nothing happens.
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._render)
        self._tick.start(30_000)
        self._render()

    def set_till(self, till: str) -> None:
        self._till = till
        self.till_label.setText(
            QCoreApplication.translate("StatusBar", "Till: %1").replace("%1", till)
        )

    def update_state(self, state: SyncView) -> None:
        self.state = state
        self._render()

    def _render(self) -> None:
        tr = QCoreApplication.translate
        s = self.state
        if s.server_unreachable:
            text, colour = (
                tr("StatusBar", "● Shop server unreachable: do not hand over until it is back"),
                "#b3261e",
            )
        elif not s.available:
            text, colour = tr("StatusBar", "● Sync not set up"), "#6b6b6b"
        elif s.running and s.online is None:
            text, colour = tr("StatusBar", "● Connecting…"), "#6b6b6b"
        elif s.online:
            text, colour = tr("StatusBar", "● Online"), "#1b873f"
        elif s.online is None:
            text, colour = tr("StatusBar", "● Not synced yet"), "#6b6b6b"
        else:
            text, colour = tr("StatusBar", "● Offline"), "#b3261e"
        self.online_label.setText(text)
        self.online_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.online_label.setToolTip(s.last_error)
        if s.last_success_at is None:
            self.synced_label.setText(tr("StatusBar", "never synced"))
        else:
            age = datetime.now(UTC) - s.last_success_at
            by = s.synced_by if s.synced_by and s.synced_by != self._till else ""
            if age < timedelta(minutes=1):
                text = (
                    tr("StatusBar", "synced just now by %1").replace("%1", by)
                    if by
                    else tr("StatusBar", "synced just now")
                )
            else:
                ago = humanize_delta(-age)
                text = (
                    tr("StatusBar", "synced %1 by %2").replace("%1", ago).replace("%2", by)
                    if by
                    else tr("StatusBar", "synced %1").replace("%1", ago)
                )
            self.synced_label.setText(text)
        self.pending_label.setText(
            tr("StatusBar", "%n action(s) waiting to upload", "", s.pending_actions)
        )
        self.pending_label.setStyleSheet(
            "color: #c25e00; font-weight: bold;" if s.pending_actions else ""
        )
        self.problems_button.setText(tr("StatusBar", "%n problem(s)", "", s.problems))
        self.problems_button.setStyleSheet(
            "color: #b3261e; font-weight: bold;" if s.problems else ""
        )
        # Out of reach, this till knows nothing current: no stale "never synced" or counts.
        for widget in (self.synced_label, self.pending_label, self.problems_button):
            widget.setVisible(not s.server_unreachable)
