"""The lists staff switch between (tabs), each a filter over the local orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from counter_app.domain.stages import Stage


@dataclass(frozen=True)
class OrderView:
    """One tab: which orders it lists and how they are sorted at first."""

    key: str
    stages: tuple[Stage, ...] = ()
    collected_today: bool = False
    problems_only: bool = False
    # Ready orders past their collect-by day (the pickup window setting), oldest first.
    not_collected: bool = False
    default_sort: str = "created_at"
    default_descending: bool = False

    def title(self) -> str:
        return view_title(self.key)


VIEWS: tuple[OrderView, ...] = (
    # "Accept before" is created_at + the operator's delay: oldest first is soonest first.
    OrderView("to_accept", (Stage.TO_ACCEPT,), default_sort="created_at"),
    OrderView("to_prepare", (Stage.TO_PREPARE, Stage.AWAITING_PAYMENT)),
    OrderView("ready", (Stage.READY,), default_sort="customer"),
    OrderView(
        "collected_today",
        (Stage.COLLECTED,),
        collected_today=True,
        default_sort="collected_at",
        default_descending=True,
    ),
    OrderView("not_collected", not_collected=True, default_sort="ready_at"),
    OrderView("problems", problems_only=True),
    OrderView("all", default_sort="created_at", default_descending=True),
)

VIEW_BY_KEY: dict[str, OrderView] = {view.key: view for view in VIEWS}


def view_title(key: str) -> str:
    titles = {
        "to_accept": QCoreApplication.translate("OrderViews", "To accept"),
        "to_prepare": QCoreApplication.translate("OrderViews", "To prepare"),
        "ready": QCoreApplication.translate("OrderViews", "Ready"),
        "collected_today": QCoreApplication.translate("OrderViews", "Collected today"),
        "not_collected": QCoreApplication.translate("OrderViews", "Not collected"),
        "problems": QCoreApplication.translate("OrderViews", "Problems"),
        "all": QCoreApplication.translate("OrderViews", "All orders"),
    }
    return titles.get(key, key)


def stage_label(stage: str) -> str:
    labels = {
        Stage.TO_ACCEPT.value: QCoreApplication.translate("Stages", "To accept"),
        Stage.AWAITING_PAYMENT.value: QCoreApplication.translate("Stages", "Awaiting payment"),
        Stage.TO_PREPARE.value: QCoreApplication.translate("Stages", "To prepare"),
        Stage.READY.value: QCoreApplication.translate("Stages", "Ready"),
        Stage.COLLECTED.value: QCoreApplication.translate("Stages", "Collected"),
        Stage.CANCELED.value: QCoreApplication.translate("Stages", "Canceled"),
        Stage.UNKNOWN.value: QCoreApplication.translate("Stages", "Unknown state"),
    }
    return labels.get(stage, stage)


def start_of_local_day(now: datetime | None = None) -> datetime:
    """Midnight today on the counter's clock, as an aware datetime ("collected today")."""
    local = (now or datetime.now().astimezone()).astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def humanize_delta(delta: timedelta) -> str:
    """`in 3 h 20 min` / `2 days ago`: deadlines and sync ages at a glance."""
    seconds = int(delta.total_seconds())
    past = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        amount = QCoreApplication.translate("Time", "less than a minute")
    elif seconds < 3600:
        amount = QCoreApplication.translate("Time", "%n min", "", seconds // 60)
    elif seconds < 48 * 3600:
        hours, rest = divmod(seconds, 3600)
        minutes = rest // 60
        amount = QCoreApplication.translate("Time", "%n h", "", hours)
        if minutes and hours < 10:
            amount += " " + QCoreApplication.translate("Time", "%n min", "", minutes)
    else:
        amount = QCoreApplication.translate("Time", "%n days", "", seconds // 86400)
    if past:
        return QCoreApplication.translate("Time", "%1 ago").replace("%1", amount)
    return QCoreApplication.translate("Time", "in %1").replace("%1", amount)


def humanize_days(waited: timedelta) -> str:
    """`waiting 4 days`: how long a ready order has been on the shelf."""
    days = max(0, int(waited.total_seconds() // 86400))
    return QCoreApplication.translate("Time", "waiting %n day(s)", "", days)
