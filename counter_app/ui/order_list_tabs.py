"""The order lists' tab bar and what each tab says: its title with how many orders it lists,
the time left to accept the oldest new order, and the text of its list when empty.

Split from `order_list_panel`, which owns the tabs and decides when they are counted; the
texts keep the window's translation context ("MainWindow"), as they were the window's first.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTabBar, QWidget

from counter_app.ui.order_tabs import VIEWS, humanize_delta, view_title


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MainWindow", text, "", n)


class ViewTabs(QTabBar):
    """One tab per list (`order_tabs.VIEWS`), each carrying its view key as tab data."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewTabs")
        self.setExpanding(False)
        self.setDrawBase(False)
        for view in VIEWS:
            index = self.addTab(view.title())
            self.setTabData(index, view.key)

    def show_counts(self, counts: dict[str, int], deadline: datetime | None) -> None:
        """The tabs' texts: how many orders each lists, and how long is left to accept."""
        for i in range(self.count()):
            key = str(self.tabData(i))
            if key == "to_prepare":
                n = counts["to_prepare"] + counts["awaiting_payment"]
            elif key == "all":
                self.setTabText(i, view_title(key))
                continue
            else:
                n = counts.get(key, 0)
            if key == "not_collected":
                # Only while some order waits past its collect-by day (or it is open): the
                # tabs keep fitting a 1024-wide screen on an ordinary day.
                self.setTabVisible(i, bool(n) or self.currentIndex() == i)
            text = f"{view_title(key)}  {n}"
            if key == "to_accept" and n and deadline is not None:
                left = deadline - datetime.now(UTC)
                late = left.total_seconds() < 0
                text += "  · " + (_tr("late!") if late else humanize_delta(left))
            self.setTabText(i, text)
        self.setTabTextColor(
            0, Qt.GlobalColor.darkRed if counts.get("to_accept") else Qt.GlobalColor.black
        )


def empty_text(view_key: str, search: str) -> str:
    """What an empty list says: nothing matches the search, or the tab has nothing (yet)."""
    if search:
        return _tr("No order matches “%1”.").replace("%1", search)
    return {
        "to_accept": _tr("Nothing to accept. New orders appear here."),
        "to_prepare": _tr("Nothing to prepare."),
        "ready": _tr("No order waiting on the shelves."),
        "collected_today": _tr("No collection yet today."),
        "problems": _tr("No problem. All good."),
        "not_collected": _tr("Every ready order is within its pickup window."),
    }.get(view_key, _tr("No orders yet."))
