"""The whole counter flow driven by keystrokes with scanner-like timing.

accept → (payment clears) → mark ready → scan the code → confirm → scan again: already
collected; plus scans typed while the focus is in the search box and while a dialog is open.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from counter_app.bootstrap import AppContext
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.stages import Stage
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import PrinterLog, SoundLog, scan, type_slowly, when_modal


def _ready_order(ctx: AppContext, customer: str = "Émilie Lefèvre", shelf: str = "B3") -> str:
    order = make_order(state="SHIPPING", customer=customer)
    ctx.repo.upsert_orders([order])
    return ctx.repo.mark_ready(order.order_id, shelf, "till-1")


def test_accept_prepare_scan_confirm_then_already_collected(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog, printer: PrinterLog
) -> None:
    order = make_order(state="WAITING_ACCEPTANCE", customer="Émilie Lefèvre")
    ctx.repo.upsert_orders([order])
    window = make_window()
    assert window.view_key == "to_accept"
    assert window.tabs.tabText(0).startswith("To accept  1")
    assert window.detail.order is not None and window.detail.order.order_id == order.order_id

    # Accept with F2 from the table.
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert ctx.repo.require_order(order.order_id).stage is Stage.AWAITING_PAYMENT
    assert window.tabs.tabText(0).startswith("To accept  0")
    assert "1 action(s) waiting" in window.status.pending_label.text()

    # The marketplace clears the payment; the next sync brings the order back as SHIPPING.
    paid = make_order(
        order_id=order.order_id,
        state="SHIPPING",
        customer="Émilie Lefèvre",
        updated_at=order.updated_at + timedelta(minutes=5),
    )
    ctx.repo.upsert_orders([paid])
    window.sync.data_changed.emit()
    qtbot.keyClick(window.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.view_key == "to_prepare"

    # Mark ready with F3: the dialog asks for the shelf, typed by hand.
    def fill_shelf(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "shelfField")
        type_slowly(qtbot, field, "b3")
        qtbot.keyClick(field, Qt.Key.Key_Return, delay=90)

    when_modal(fill_shelf)
    qtbot.keyClick(window.table, Qt.Key.Key_F3)
    ready = ctx.repo.require_order(order.order_id)
    assert ready.stage is Stage.READY and ready.shelf == "B3" and ready.pickup_code
    qtbot.waitUntil(lambda: bool(printer.printed), timeout=5000)  # printed off the GUI thread
    assert printer.printed == [("slip", order.order_id)]

    # The customer shows the code: a scanner burst into the table.
    window.table.setFocus()
    scan(qtbot, window.table, format_pickup_code(ready.pickup_code))
    assert window.band.tone is Tone.OK
    assert window.band.headline.text() == "Hand over"
    assert "Émilie Lefèvre" in window.band.details.text()
    assert "Shelf B3" in window.band.details.text()
    assert window.band.confirm_button.isVisible()
    assert sounds.played[-1] == "ok"

    # Enter, pressed by a person (a key right behind the scan's own would be its suffix),
    # confirms the hand-over.
    qtbot.keyClick(window.table, Qt.Key.Key_Return, delay=90)
    assert ctx.repo.require_order(order.order_id).stage is Stage.COLLECTED
    assert window.band.headline.text() == "Collected ✔"
    assert not window.band.confirm_button.isVisible()

    # The same code again: red, never handed over twice.
    scan(qtbot, window.table, format_pickup_code(ready.pickup_code))
    assert window.band.tone is Tone.BAD
    assert window.band.headline.text() == "Already collected"
    assert sounds.played[-1] == "bad"
    assert not window.band.confirm_button.isVisible()


def test_a_scan_typed_in_the_search_box_is_a_scan_not_a_search(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    code = _ready_order(ctx, customer="Hugo Martin")
    window = make_window()
    window.search.setFocus()
    type_slowly(qtbot, window.search, "Hug")
    assert window.search.text() == "Hug"
    scan(qtbot, window.search, code.lower())  # a scanner may type lower case
    assert window.search.text() == "Hug"
    assert window.band.tone is Tone.OK
    assert "Hugo Martin" in window.band.details.text()


def test_a_scan_while_a_dialog_is_open_shows_its_verdict(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog
) -> None:
    code = _ready_order(ctx, customer="Inès Bernard")
    window = make_window()
    dialog = window.open_setup()
    qtbot.waitExposed(dialog)
    dialog.till.setFocus()
    before = dialog.till.text()
    scan(qtbot, dialog.till, format_pickup_code(code))
    assert dialog.isVisible()  # the dialog is not swallowed or closed
    assert dialog.till.text() == before  # and the code did not land in its field
    assert window.band.tone is Tone.OK
    assert "Inès Bernard" in window.band.details.text()
    assert window.toast.isVisible() and "Hand over" in window.toast.text()
    assert sounds.played[-1] == "ok"
    # Enter in the dialog belongs to the dialog, not to the verdict.
    dialog.reject()
    assert ctx.repo.require_order(window.band.current.order_id).stage is Stage.READY


def test_the_scan_field_takes_a_code_typed_by_hand(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    code = _ready_order(ctx, customer="Jade Lambert")
    window = make_window()
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.scan_field
    type_slowly(qtbot, window.scan_field, format_pickup_code(code), gap_ms=70)
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return, delay=90)
    assert window.band.tone is Tone.OK
    assert window.scan_field.text() == ""  # cleared for the next code


def test_bag_check_after_the_customer_code(ctx: AppContext, make_window: Any, qtbot: Any) -> None:
    code = _ready_order(ctx, customer="Léo Garnier", shelf="C1")
    other = make_order(state="SHIPPING", customer="Someone Else")
    ctx.repo.upsert_orders([other])
    ctx.repo.mark_ready(other.order_id, "C2", "till-1")
    mine = ctx.repo.list_orders(search="Léo")[0]
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.tone is Tone.OK
    scan(qtbot, window.table, other.order_id)  # the slip of another bag
    assert window.band.tone is Tone.BAD
    assert window.band.headline.text() == "Wrong bag"
    scan(qtbot, window.table, mine.order_id)  # the right bag
    assert window.band.tone is Tone.OK
    assert window.band.headline.text() == "Bag matches"
    assert "Léo Garnier" in window.band.details.text()


def test_each_verdict_has_its_colour_and_sound(
    ctx: AppContext, make_window: Any, qtbot: Any, sounds: SoundLog
) -> None:
    code = _ready_order(ctx, customer="Nina Roy")
    waiting = make_order(state="SHIPPING", customer="Not Yet")
    ctx.repo.upsert_orders([waiting])
    window = make_window()
    cases = [
        (format_pickup_code(code), Tone.OK, "ok"),
        (waiting.order_id, Tone.WARN, "warn"),  # not ready
        ("%%%%%%", Tone.BAD, "bad"),  # garbage: invalid, nothing to hand over
        ("CC999999-Z", Tone.BAD, "bad"),  # unknown order
    ]
    for text, tone, sound in cases:
        window.band.clear()
        scan(qtbot, window.table, text)
        assert window.band.tone is tone, text
        assert sounds.played[-1] == sound, text


def test_confirm_on_scan_setting_confirms_at_once(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    ctx.settings.confirm_on_scan = True
    code = _ready_order(ctx, customer="Paul Vidal")
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.headline.text() == "Collected ✔"
    assert ctx.repo.count_pending_actions() == 2  # ready + collect


def test_the_verdict_band_clears_after_its_timeout(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    ctx.settings.verdict_timeout_seconds = 1
    code = _ready_order(ctx)
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.tone is Tone.OK
    qtbot.waitUntil(lambda: window.band.tone is Tone.IDLE, timeout=3000)
    assert window.band.headline.text() == "Scan a pickup code"


def test_a_failed_print_keeps_the_order_ready_and_says_so(
    ctx: AppContext, make_window: Any, qtbot: Any, printer: PrinterLog
) -> None:
    order = make_order(state="SHIPPING", customer="Rose Faure")
    ctx.repo.upsert_orders([order])
    printer.fail_with = OSError("printer out of paper")
    window = make_window()
    window.select_view("to_prepare")

    def fill_shelf(dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "shelfField")
        field.setText("A2")
        qtbot.keyClick(field, Qt.Key.Key_Return)

    when_modal(fill_shelf)
    qtbot.keyClick(window.table, Qt.Key.Key_F3)
    assert ctx.repo.require_order(order.order_id).stage is Stage.READY
    # The print's outcome comes back from the worker pool: then the toast says it.
    qtbot.waitUntil(lambda: "not printed" in window.toast.text(), timeout=5000)
    assert window.toast.isVisible()
    assert "out of paper" in window.toast.text() or "not printed" in window.toast.text()


def test_printing_without_a_printer_says_so_and_loses_nothing(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    from counter_app.ui.print_bridge import PrintBridge

    code = _ready_order(ctx, customer="Sacha Morel")
    order = ctx.repo.list_orders(search="Sacha")[0]
    ctx.settings.printers = {"slip": "No Such Printer"}
    window = make_window(printer=PrintBridge(ctx.settings))
    window.show_order(order.order_id)
    job = window.print_document("slip", order.order_id)
    qtbot.waitUntil(lambda: job.done, timeout=10_000)  # printed off the GUI thread
    assert not job.ok
    assert window.toast.isVisible() and "Printing failed" in window.toast.text()
    assert ctx.repo.require_order(order.order_id).pickup_code == code
    # The real slip of that order can still be laid out (for a PDF or another printer).
    document = PrintBridge(ctx.settings).document("slip", order)
    assert document.pages


def test_enter_after_typing_a_search_never_confirms_a_hand_over(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    code = _ready_order(ctx, customer="Tom Girard")
    window = make_window()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.current is not None and window.band.current.confirmable
    window.search.setFocus()
    type_slowly(qtbot, window.search, "Gir")
    qtbot.keyClick(window.search, Qt.Key.Key_Return, delay=90)
    assert ctx.repo.list_orders(search="Tom")[0].stage is Stage.READY
    assert window.band.current.confirmable  # still waiting for a deliberate confirmation


def test_an_unticked_line_is_refused_and_the_rest_accepted(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    from counter_app.store.outbox import Outbox

    order = make_order(state="WAITING_ACCEPTANCE", customer="Ugo Petit")
    ctx.repo.upsert_orders([order])
    window = make_window()
    lines = window.detail.lines
    assert lines.count() == 2
    lines.item(1).setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    assert ctx.repo.require_order(order.order_id).stage is Stage.AWAITING_PAYMENT
    (action,) = Outbox(ctx.db).all()
    assert action.action == "accept"
    assert action.payload["order_lines"] == [
        {"id": order.lines[0].line_id, "accepted": True},
        {"id": order.lines[1].line_id, "accepted": False},
    ]
    assert "1 line(s) refused" in window.toast.text()


def test_demo_set_up_changes_never_pin_the_simulator(settings: Any) -> None:
    import copy

    from counter_app.marketplace.demo import DEMO_SHOP_NAME
    from counter_app.settings import load_settings
    from counter_app.ui.app import _demo_saver

    settings.marketplace_url = "http://127.0.0.1:45678"
    settings.api_key = "demo-123"
    settings.shop_name = DEMO_SHOP_NAME
    demo = copy.copy(settings)
    settings.till_name = "caisse-demo"
    _demo_saver(demo)(settings)
    again = load_settings()
    assert again.marketplace_url == "" and again.till_name == "caisse-demo"
    assert again.api_key == ""
    assert again.shop_name == ""  # the demo's stand-in shop is not the shop's
    assert DEMO_SHOP_NAME not in settings.paths.settings_file.read_text(encoding="utf-8")
    # Moving from the demo to a real marketplace: still no demo shop in the file.
    settings.marketplace_url = "https://marketplace.example.com"
    _demo_saver(demo)(settings)
    again = load_settings()
    assert again.marketplace_url == "https://marketplace.example.com"
    assert again.shop_name == ""


def test_a_garbage_burst_gets_a_clear_verdict_and_the_next_scan_still_works(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    code = _ready_order(ctx, customer="Vera Noël")
    window = make_window()
    scan(qtbot, window.table, "é&'(-è_çà)=~#{[|`^@]}" * 12, gap_ms=1)
    assert window.band.tone in (Tone.WARN, Tone.BAD)
    assert window.band.headline.text() in ("Invalid code", "Unknown code")
    assert not window.band.confirm_button.isVisible()
    window.band.clear()
    scan(qtbot, window.table, format_pickup_code(code))
    assert window.band.tone is Tone.OK


def test_a_scanner_on_an_azerty_pc_still_gets_the_right_verdict(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    from counter_app.domain.keyboard_layouts import Layout, garble

    order = make_order(state="SHIPPING", customer="Zoé Martin", order_id="20417-B")
    ctx.repo.upsert_orders([order])
    ctx.repo.mark_ready(order.order_id, "A4", "till-1")
    window = make_window()
    typed = garble(order.order_id, Layout.FR_AZERTY)  # digits come out as é, &, ( ...
    assert typed != order.order_id
    scan(qtbot, window.table, typed)
    assert window.band.tone is Tone.WARN  # found by order number: check the name
    assert window.band.headline.text() == "Check the customer's name"
    assert "Zoé Martin" in window.band.details.text()
