"""The selected order in full, with the actions that fit its stage.

Its buttons emit the shown order's `OrderRef` (marketplace and id: two marketplaces may have
the same order id), so an action always reaches the order on screen.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal, SignalInstance
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.cancellation import withdrawn_state
from counter_app.domain.deadlines import ShipByWarning, accept_before, ship_by_warning
from counter_app.domain.orders import Order
from counter_app.domain.stages import Stage
from counter_app.settings import Settings
from counter_app.store.repository import StageChange
from counter_app.ui.formatting import format_datetime, format_money
from counter_app.ui.marketplace_look import MarketplaceLook
from counter_app.ui.order_ref import OrderRef
from counter_app.ui.order_tabs import humanize_delta, stage_label
from counter_app.ui.pickup_texts import collect_by_text
from counter_app.ui.thread_view import ThreadView

LINE_ID_ROLE = Qt.ItemDataRole.UserRole + 10


def _when(moment: datetime | None) -> str:
    return format_datetime(moment) if moment else "—"


def _withdrawn_label(state: str) -> str:
    """What a line cancelled, refunded or refused says in the list ("" for the others)."""
    tr = QCoreApplication.translate
    return {
        "CANCELED": tr("DetailPane", "Cancelled"),
        "REFUNDED": tr("DetailPane", "Refunded"),
        "REFUSED": tr("DetailPane", "Refused"),
    }.get(state, "")


def _money(cents: int, currency: str) -> str:
    return format_money(cents, currency)


class DetailPane(QWidget):
    """Customer, lines, dates, history, notes; buttons emit the `OrderRef` of the shown order."""

    accept_requested = Signal(object, list)  # OrderRef, refused line ids
    refuse_requested = Signal(object)  # each: the OrderRef of the order shown
    mark_ready_requested = Signal(object)
    confirm_requested = Signal(object)
    reprint_slip_requested = Signal(object)
    print_card_requested = Signal(object)
    add_note_requested = Signal(object)
    clear_problem_requested = Signal(object)
    cancel_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(parent)
        # Read for the deadline rows (acceptance delay, ship_on); defaults without it.
        self.settings = settings or Settings()
        self.setObjectName("detailPane")
        self.order: Order | None = None
        self.look = MarketplaceLook(self.settings)
        tr = QCoreApplication.translate

        self.title = QLabel()
        self.title.setObjectName("detailTitle")
        title_font = QFont()
        title_font.setPointSize(17)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        # Which marketplace the order is on (name and colour), with several accounts only.
        self.marketplace = QLabel()
        self.marketplace.setObjectName("detailMarketplace")
        self.marketplace.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setObjectName("detailProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(
            "background: #fdecea; color: #b3261e; padding: 6px; border-radius: 4px;"
        )
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)

        self.lines = QListWidget()
        self.lines.setObjectName("detailLines")
        self.lines.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        # A narrow pane shortens a line in its middle (title, ISBN), never its price at the end.
        self.lines.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.lines_hint = QLabel(tr("DetailPane", "Untick a line to refuse it."))
        self.lines_hint.setStyleSheet("color: #555;")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.accept_button = QPushButton(tr("DetailPane", "Accept (F2)"))
        self.accept_button.setObjectName("acceptButton")
        self.refuse_button = QPushButton(tr("DetailPane", "Refuse order"))
        self.ready_button = QPushButton(tr("DetailPane", "Mark ready (F3)"))
        self.ready_button.setObjectName("readyButton")
        self.confirm_button = QPushButton(tr("DetailPane", "Confirm collection (F4)"))
        self.confirm_button.setObjectName("confirmButton")
        self.slip_button = QPushButton(tr("DetailPane", "Reprint slip (Ctrl+P)"))
        self.card_button = QPushButton(tr("DetailPane", "Pickup card"))
        self.note_button = QPushButton(tr("DetailPane", "Add note (Ctrl+N)"))
        self.clear_problem_button = QPushButton(tr("DetailPane", "Problem solved"))
        self.cancel_button = QPushButton(tr("DetailPane", "Cancel order…"))
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(lambda: self._emit(self.cancel_requested))
        for button in (self.accept_button, self.ready_button, self.confirm_button):
            button.setMinimumHeight(40)
            button.setProperty("primary", True)

        self.accept_button.clicked.connect(self._accept)
        self.refuse_button.clicked.connect(lambda: self._emit(self.refuse_requested))
        self.ready_button.clicked.connect(lambda: self._emit(self.mark_ready_requested))
        self.confirm_button.clicked.connect(lambda: self._emit(self.confirm_requested))
        self.slip_button.clicked.connect(lambda: self._emit(self.reprint_slip_requested))
        self.card_button.clicked.connect(lambda: self._emit(self.print_card_requested))
        self.note_button.clicked.connect(lambda: self._emit(self.add_note_requested))
        self.clear_problem_button.clicked.connect(lambda: self._emit(self.clear_problem_requested))

        actions = QGridLayout()
        self._actions = actions
        self._action_buttons = [
            self.accept_button,
            self.refuse_button,
            self.ready_button,
            self.confirm_button,
            self.slip_button,
            self.card_button,
            self.note_button,
            self.clear_problem_button,
            self.cancel_button,
        ]
        self._arrange_buttons()  # every button gets its parent here, before any is shown

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 6, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.marketplace)
        inner.addWidget(self.subtitle)
        inner.addWidget(self.problem)
        inner.addWidget(self.facts)
        inner.addWidget(self._section(tr("DetailPane", "Items")))
        inner.addWidget(self.lines)
        inner.addWidget(self.lines_hint)
        inner.addWidget(self._section(tr("DetailPane", "History")))
        inner.addWidget(self.history)
        self.customer_messages = ThreadView()  # threads, reply box, reminders
        inner.addWidget(self._section(tr("DetailPane", "Customer messages")))
        inner.addWidget(self.customer_messages)
        inner.addWidget(self._section(tr("DetailPane", "Notes")))
        inner.addWidget(self.notes)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.placeholder = QLabel(tr("DetailPane", "Select an order to see it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: #777; font-size: 13pt;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.placeholder)
        layout.addWidget(scroll, 1)
        buttons = QWidget()
        buttons.setLayout(actions)
        layout.addWidget(buttons)
        self._scroll = scroll
        self._buttons = buttons
        self.show_order(None)

    def set_compact(self, compact: bool) -> None:
        """On a small screen the buttons drop their shortcut hints (kept in the tooltip), so
        the pane leaves the list room for its columns."""
        for button in self._action_buttons:
            full = button.property("fullText") or button.text()
            button.setProperty("fullText", full)
            short = full.split(" (")[0] if compact else full
            button.setText(short)
            button.setToolTip(full if short != full else "")

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text.upper())
        label.setStyleSheet("color: #455a64; font-weight: bold; margin-top: 6px;")
        return label

    def _emit(self, signal: SignalInstance) -> None:
        if self.order is not None:
            signal.emit(self.ref)

    @property
    def ref(self) -> OrderRef | None:
        """The order shown (its marketplace and id), or None."""
        return OrderRef(self.order.order_id, self.order.marketplace) if self.order else None

    def _accept(self) -> None:
        if self.order is None:
            return
        refused = []
        for i in range(self.lines.count()):
            item = self.lines.item(i)
            if item.checkState() != Qt.CheckState.Checked:
                refused.append(item.data(LINE_ID_ROLE))
        self.accept_requested.emit(self.ref, refused)

    # ---- showing an order ------------------------------------------------------------
    def show_order(self, order: Order | None, history: list[StageChange] | None = None) -> None:
        self.order = order
        has = order is not None
        self.placeholder.setVisible(not has)
        self._scroll.setVisible(has)
        self._buttons.setVisible(has)
        if order is None:
            return
        tr = QCoreApplication.translate
        self.title.setText(order.customer_name or tr("DetailPane", "(no name)"))
        self.marketplace.setText(
            tr("DetailPane", "On %1").replace("%1", self.look.badge_html(order.marketplace))
        )
        self.marketplace.setVisible(self.look.several)
        self.subtitle.setText(
            f"{order.commercial_id or order.order_id}  ·  {stage_label(order.stage.value)}"
            + (f"  ·  {order.customer_email}" if order.customer_email else "")
        )
        problem = order.problem
        if order.incident:
            incident = tr("DetailPane", "Incident opened by the customer: %1")
            problem = "\n".join(p for p in (problem, incident.replace("%1", order.incident)) if p)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.facts.setText(self._facts_html(order))

        to_accept = order.stage is Stage.TO_ACCEPT
        self.lines.clear()
        for line in order.lines:
            price = _money(line.total_price_cents, order.currency)
            ident = line.ean or line.sku
            text = f"{line.quantity} × {line.title}   {ident}   {price}".strip()
            withdrawn = _withdrawn_label(withdrawn_state(line))
            if withdrawn:
                # First, so a narrow pane never elides it; in red italics, not struck out
                # (struck-out type would hide the very word that tells why).
                text = f"{withdrawn} · {text}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(LINE_ID_ROLE, line.line_id)
            if withdrawn:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
                item.setForeground(QColor("#a40000"))
                item.setToolTip(f"{text}\n{tr('DetailPane', 'Not to hand over.')}")
            if to_accept:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
            self.lines.addItem(item)
        self.lines_hint.setVisible(to_accept)
        # As tall as its lines (up to five), so history and notes stay in sight.
        row = self.lines.sizeHintForRow(0) if self.lines.count() else 20
        self.lines.setFixedHeight(min(5, max(1, self.lines.count())) * row + 8)

        rows = []
        for change in history or []:
            source = (
                tr("DetailPane", "here") if change.source == "local" else tr("DetailPane", "web")
            )
            till = f" ({html.escape(change.till)})" if change.till else ""
            rows.append(
                f"{_when(change.at)} — {html.escape(stage_label(change.to_stage))}"
                f" <span style='color:#777'>{source}{till}</span>"
            )
        self.history.setText("<br>".join(rows) or "—")
        self.notes.setText(order.notes or "—")

        prepared = order.stage in (Stage.READY, Stage.COLLECTED) or bool(order.pickup_code)
        self._arrange_buttons(
            {
                self.accept_button: to_accept,
                self.refuse_button: to_accept,
                self.ready_button: order.stage is Stage.TO_PREPARE,
                self.confirm_button: order.stage is Stage.READY,
                self.slip_button: prepared,
                self.card_button: bool(order.pickup_code),
                self.note_button: True,
                self.clear_problem_button: bool(order.problem),
                # Not collected: cancel it (OR29) or refund it (OR28) and put the books back.
                self.cancel_button: order.stage in (Stage.READY, Stage.TO_PREPARE),
            }
        )

    def _arrange_buttons(self, wanted: dict[QPushButton, bool] | None = None) -> None:
        """Two columns of the buttons that apply, with no holes where others are hidden."""
        wanted = wanted or dict.fromkeys(self._action_buttons, True)
        for button in self._action_buttons:
            self._actions.removeWidget(button)
        shown = [b for b in self._action_buttons if wanted.get(b) and b is not self.cancel_button]
        for i, button in enumerate(shown):
            self._actions.addWidget(button, i // 2, i % 2)
        if wanted.get(self.cancel_button):
            # Apart on a row of its own, under the everyday actions: it cannot be taken for
            # one of them, and its long label does not widen both columns on a small screen.
            self._actions.addWidget(self.cancel_button, (len(shown) + 1) // 2, 0, 1, 2)
        # Visibility last: moving a widget in a layout may hide it.
        for button in self._action_buttons:
            if button.parentWidget() is not None:  # never a stray top-level window
                button.setVisible(bool(wanted.get(button)))

    def _facts_html(self, order: Order) -> str:
        tr = QCoreApplication.translate
        rows: list[tuple[str, str]] = [
            (tr("DetailPane", "Ordered"), _when(order.created_at)),
        ]
        now = datetime.now(UTC)
        if order.stage is Stage.TO_ACCEPT:
            # OR11 has no acceptance deadline: the operator's delay after the order, estimated.
            limit = accept_before(order.created_at, self.settings.acceptance_delay_hours)
            left = limit - now
            delta = tr("DetailPane", "late") if left.total_seconds() < 0 else humanize_delta(left)
            rows.append(
                (
                    tr("DetailPane", "Accept before (estimate)"),
                    f"<b style='color:#b3261e'>{_when(limit)} ({delta})</b>",
                )
            )
        shipping_stages = (Stage.TO_ACCEPT, Stage.AWAITING_PAYMENT, Stage.TO_PREPARE, Stage.READY)
        if order.deadline_at and order.stage in shipping_stages:
            warning = ship_by_warning(
                order.stage,
                order.deadline_at,
                now,
                ship_on=self.settings.ship_on,
                warning_hours=self.settings.ship_by_warning_hours,
            )
            text = _when(order.deadline_at)
            if warning is ShipByWarning.LATE:
                text = "<b style='color:#b3261e'>⚠ {} ({})</b>".format(
                    text, html.escape(tr("DetailPane", "past: shipped late at collection"))
                )
            elif warning is ShipByWarning.SOON:
                within = humanize_delta(order.deadline_at - now)
                text = f"<b style='color:#b35c00'>⚠ {text} ({within})</b>"
            rows.append((tr("DetailPane", "Prepare and ship by"), text))
        rows.append(
            (
                tr("DetailPane", "Total"),
                f"{_money(order.total_price_cents, order.currency)} · "
                + tr("DetailPane", "%n item(s)", "", order.item_count),
            )
        )
        if order.shelf:
            rows.append((tr("DetailPane", "Shelf"), f"<b>{html.escape(order.shelf)}</b>"))
        if order.stage in (Stage.READY, Stage.COLLECTED):
            bags = html.escape(tr("DetailPane", "%n bag(s)", "", max(1, order.bag_count)))
            if order.bag_count > 1:
                # Every bag must leave with the customer: several stand out.
                bags = f"<b style='font-size:14pt'>{bags}</b>"
            rows.append((tr("DetailPane", "Bags"), bags))
        if order.pickup_code:
            from counter_app.domain.pickup_code import format_pickup_code

            rows.append(
                (
                    tr("DetailPane", "Pickup code"),
                    f"<tt>{format_pickup_code(order.pickup_code)}</tt>",
                )
            )
        if order.ready_at:
            rows.append((tr("DetailPane", "Ready since"), _when(order.ready_at)))
        by = collect_by_text(order, self.settings.pickup_days, now)
        if by:
            late = "·" in by  # past the collect-by day: in red, like other late dates
            shown = f"<b style='color:#b3261e'>{html.escape(by)}</b>" if late else html.escape(by)
            rows.append((tr("DetailPane", "Collect by"), shown))
        if order.collected_at:
            till = f" ({html.escape(order.collected_till)})" if order.collected_till else ""
            rows.append((tr("DetailPane", "Collected"), _when(order.collected_at) + till))
        if order.shipping_type_label:
            rows.append((tr("DetailPane", "Delivery"), html.escape(order.shipping_type_label)))
        cells = "".join(
            f"<tr><td style='color:#555;padding-right:10px'>{html.escape(k)}</td><td>{v}</td></tr>"
            for k, v in rows
        )
        return f"<table>{cells}</table>"
