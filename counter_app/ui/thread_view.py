"""The detail pane's customer section: message threads (newest first), a reply box, and the
order's reminders with its switch.

Knows no store: `show_for` is handed what to show, and the signals carry what staff did.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.customer_threads import CustomerThread, newest_first
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.store.reminders import ReminderRecord
from counter_app.ui.formatting import format_datetime
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_tabs import stage_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThreadView", text)


def _when(moment: datetime | None) -> str:
    return format_datetime(moment) if moment else "—"


def reminder_state_text(state: str) -> str:
    return {
        "queued": _tr("waiting to be sent"),
        "sent": _tr("sent"),
        "skipped": _tr("skipped"),
        "withdrawn": _tr("not sent"),
    }.get(state, state)


def reminder_key_text(key: str) -> str:
    """`ready+3` / `collect_by-1` as staff read them."""
    match = re.fullmatch(r"(ready|collect_by)[+-](\d+)", key)
    if not match:
        return key
    if match.group(1) == "ready":
        return _tr("%1 day(s) after ready").replace("%1", match.group(2))
    return _tr("%1 day(s) before collect-by").replace("%1", match.group(2))


# The notes the sync writes (English in the store, see sync/reminders.py), as shown here.
_SUPERSEDED = re.compile(
    r"not sent: missed while the app was closed; the (\S+) reminder went instead"
)
_NOT_READY = re.compile(r"not sent: the order is (.+) now")
_ON_THREAD = re.compile(r"thread (\S+)")


def reminder_note_text(note: str) -> str:
    """A reminder's note in the current language (an unknown note as it is)."""
    text = note.strip()
    if match := _SUPERSEDED.fullmatch(text):
        return _tr(
            "not sent: missed while the app was closed; the reminder %1 went instead"
        ).replace("%1", reminder_key_text(match.group(1)))
    if text == "not sent: the collect-by day was over":
        return _tr("not sent: the collect-by day was over")
    if text == "not sent: reminders were switched off":
        return _tr("not sent: reminders were switched off")
    if text == "superseded by a later reminder":
        return _tr("not sent: a later reminder went instead")
    if match := _NOT_READY.fullmatch(text):
        stage = stage_label(match.group(1).replace(" ", "_"))
        return _tr("not sent: the order is %1 now").replace("%1", stage)
    if match := _ON_THREAD.fullmatch(text):
        return _tr("on thread %1").replace("%1", match.group(1))
    return note


class ThreadView(QWidget):
    """Threads with the customer, the reply box, and reminders (sent, waiting, skipped)."""

    reply_requested = Signal(object, str, str)  # OrderRef, thread id, text
    reminders_switched = Signal(object, bool)  # OrderRef, reminders on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self.order_id = ""
        self.order_ref: OrderRef | None = None  # marketplace and id: ids may repeat
        self.thread_id = ""
        self.messages = QLabel()
        self.messages.setObjectName("threadMessages")
        self.messages.setWordWrap(True)
        self.messages.setMinimumWidth(120)
        self.messages.setTextFormat(Qt.TextFormat.RichText)
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("threadReply")
        self.reply.setPlaceholderText(_tr("Write a reply to the customer…"))
        self.reply.setFixedHeight(64)
        self.send = QPushButton(_tr("Send reply"))
        self.send.setObjectName("threadSend")
        self.send.clicked.connect(self._send)
        self.reminders = QLabel()
        self.reminders.setObjectName("reminderList")
        self.reminders.setWordWrap(True)
        self.reminders.setTextFormat(Qt.TextFormat.RichText)
        self.switch = QCheckBox(_tr("Reminders on"))  # short: the pane is narrow at 1024
        self.switch.setObjectName("reminderSwitch")
        self.switch.toggled.connect(self._switched)

        # The button under the box: the pane stays narrow on a 1024-wide screen.
        reply_row = QVBoxLayout()
        reply_row.addWidget(self.reply)
        reply_row.addWidget(self.send, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.messages)
        layout.addLayout(reply_row)
        layout.addWidget(self.reminders)
        layout.addWidget(self.switch)
        self._filling = False

    def show_for(
        self,
        order: Order | None,
        threads: Sequence[CustomerThread],
        reminders: Sequence[ReminderRecord],
        reminders_on: bool = True,
    ) -> None:
        """Show one order's threads (most recent first, messages newest first) and reminders."""
        self.order_id = order.order_id if order else ""
        self.order_ref = OrderRef(order.order_id, order.marketplace) if order else None
        self.thread_id = threads[0].thread_id if threads else (order.thread_id if order else "")
        parts: list[str] = []
        for thread in threads:
            flag = (
                f" <b style='color:#b35c00'>{html.escape(_tr('awaits a reply'))}</b>"
                if thread.needs_reply
                else ""
            )
            parts.append(f"<p style='margin:4px 0'><b>{html.escape(thread.topic)}</b>{flag}</p>")
            for message in newest_first(thread):
                who = _tr("Shop") if message.from_shop else (message.sender_name or _tr("Customer"))
                colour = "#1b5e20" if message.from_shop else "#0d47a1"
                body = html.escape(message.body).replace("\n", "<br>")
                parts.append(
                    f"<p style='margin:2px 0 6px 0'><span style='color:{colour}'>"
                    f"<b>{html.escape(who)}</b></span> "
                    f"<span style='color:#777'>{_when(message.sent_at)}</span><br>{body}</p>"
                )
        self.messages.setText("".join(parts) or _tr("No message from the customer."))
        can_reply = bool(self.thread_id) and order is not None
        self.reply.setVisible(can_reply)
        self.send.setVisible(can_reply)
        rows = [
            f"{r.due_on.strftime('%d/%m/%Y')} — {html.escape(reminder_state_text(r.state))}"
            + (
                f" <span style='color:#777'>{html.escape(reminder_note_text(r.note))}</span>"
                if r.note
                else ""
            )
            for r in reminders
        ]
        self.reminders.setText(
            "<b>" + html.escape(_tr("Reminders")) + "</b><br>" + ("<br>".join(rows) or "—")
        )
        ready = order is not None and order.stage is Stage.READY
        self.reminders.setVisible(ready or bool(reminders))
        self._filling = True
        self.switch.setChecked(reminders_on)
        self._filling = False
        self.switch.setVisible(ready)

    def _send(self) -> None:
        text = self.reply.toPlainText().strip()
        if text and self.order_ref is not None and self.thread_id:
            self.reply_requested.emit(self.order_ref, self.thread_id, text)
            self.reply.clear()

    def _switched(self, on: bool) -> None:
        if not self._filling and self.order_ref is not None:
            self.reminders_switched.emit(self.order_ref, on)
