"""The status bar: online or offline, how long since the last sync, uploads waiting, problems.

With several marketplace accounts each one's state is shown, compactly, in one line:
"Intermarché ● synced 1 min ago · Carrefour ○ offline, 2 waiting" (the errors in its
tooltip); with one account the bar is the one a single-marketplace shop always had.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from counter_app.ui.account_status import AccountLook, AccountSyncView, with_accounts
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
    # Each account's own state (the fields above are all of them together).
    accounts: tuple[AccountSyncView, ...] = ()
    # What the store says of each account now: key -> (last success, actions waiting).
    store_accounts: dict[str, tuple[datetime | None, int]] | None = None


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
        # Several marketplaces: one line with each account's state (replaces the three above).
        self.accounts_label = QLabel()
        self.accounts_label.setObjectName("accountsLabel")
        self.accounts_label.setTextFormat(Qt.TextFormat.RichText)
        self.set_up: list[AccountLook] = []
        self.compact = False  # a small screen: each account's state in fewer words
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
            self.accounts_label,
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

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        self._render()

    def set_accounts(self, accounts: list[AccountLook]) -> None:
        """The accounts set up (names, colours, order): each gets its place in the bar."""
        self.set_up = list(accounts)
        self._render()

    def account_views(self) -> tuple[AccountSyncView, ...]:
        """Every account's state as shown: set up ones first, with the store's figures."""
        s = self.state
        return with_accounts(s.accounts, self.set_up, s.store_accounts)

    def _synced_text(self, last: datetime | None, by: str = "") -> str:
        tr = QCoreApplication.translate
        if last is None:
            return tr("StatusBar", "never synced")
        age = datetime.now(UTC) - last
        if age < timedelta(minutes=1):
            return (
                tr("StatusBar", "synced just now by %1").replace("%1", by)
                if by
                else tr("StatusBar", "synced just now")
            )
        ago = humanize_delta(-age)
        return (
            tr("StatusBar", "synced %1 by %2").replace("%1", ago).replace("%2", by)
            if by
            else tr("StatusBar", "synced %1").replace("%1", ago)
        )

    def _account_html(self, view: AccountSyncView) -> str:
        """`Carrefour ○ offline, 2 waiting`: the name (in its colour), then its state."""
        tr = QCoreApplication.translate
        if view.online and self.compact and view.last_success_at is not None:
            # "● 2 min ago": the dot already says it synced.
            dot, colour = "●", "#1b873f"
            words = humanize_delta(view.last_success_at - datetime.now(UTC))
        elif view.online:
            dot, colour, words = "●", "#1b873f", self._synced_text(view.last_success_at)
        elif view.online is None:
            dot, colour, words = "○", "#6b6b6b", tr("StatusBar", "not synced yet")
        else:
            dot, colour, words = "○", "#b3261e", tr("StatusBar", "offline")
        extra = []
        if view.pending_actions:
            extra.append(tr("StatusBar", "%n waiting", "", view.pending_actions))
        if view.failed_actions:
            extra.append(tr("StatusBar", "%n failed", "", view.failed_actions))
        # On a small screen the tooltip alone says there is an error (and which).
        if (
            view.online is False
            and view.last_error
            and not view.failed_actions
            and not self.compact
        ):
            extra.append(tr("StatusBar", "error"))
        state = ", ".join([words, *extra])
        name_colour = view.colour or "#37474f"
        name = (view.short or view.label) if self.compact else view.label
        return (
            f"<b style='color:{name_colour}'>{html.escape(name)}</b> "
            f"<span style='color:{colour}'>{dot} {html.escape(state)}</span>"
        )

    def _render_accounts(self, views: tuple[AccountSyncView, ...]) -> None:
        tr = QCoreApplication.translate
        self.accounts_label.setText(" · ".join(self._account_html(v) for v in views))
        tips = []
        for view in views:
            tip = f"{view.label}: {self._synced_text(view.last_success_at)}"
            if view.pending_actions:
                tip += ", " + tr(
                    "StatusBar", "%n action(s) waiting to upload", "", view.pending_actions
                )
            if view.last_error:
                tip += f"\n  {view.last_error}"
            tips.append(tip)
        self.accounts_label.setToolTip("\n".join(tips))

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
        by = s.synced_by if s.synced_by and s.synced_by != self._till else ""
        self.synced_label.setText(self._synced_text(s.last_success_at, by))
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
        views = self.account_views() if s.available else ()
        several = len(views) > 1 and not s.server_unreachable
        if several:
            self._render_accounts(views)
        self.accounts_label.setVisible(several)
        self.online_label.setVisible(not several)
        # Out of reach, this till knows nothing current: no stale "never synced" or counts.
        for widget in (self.synced_label, self.pending_label):
            widget.setVisible(not s.server_unreachable and not several)
        self.problems_button.setVisible(not s.server_unreachable)
