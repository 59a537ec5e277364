"""A shop's first day at the till: bags, printing with no printer, language, shop identity,
search, lateness and the small things a new user trips over. Real store, real widgets."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from counter_app.bootstrap import AppContext
from counter_app.domain.bags import BagTally, needs_bag_warning
from counter_app.domain.lateness import Lateness, lateness
from counter_app.domain.pickup_code import format_pickup_code
from counter_app.domain.stages import Stage
from counter_app.printing.decode import decode_codes
from counter_app.printing.messages import message
from counter_app.printing.printers import PrinterError
from counter_app.settings import Settings, load_settings
from counter_app.store.types import utcnow
from counter_app.ui.app import install_language
from counter_app.ui.order_table_model import COL_BAGS, COL_CUSTOMER, COL_STATUS, ORDER_ID_ROLE
from counter_app.ui.setup_dialog import SetupDialog
from counter_app.ui.verdict_band import Tone
from tests.factories import make_order
from tests.gui.conftest import PrinterLog, back_to_source_texts, scan, when_modal
from tests.gui.setup_accounts import fill, open_editor, set_account
from tests.integration.test_print_cli import pdf_pages
from tests.simulator_fixtures import API_KEY


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalogue, as the app installs it: real plurals ("1 bag", "2 bags")."""
    install_language(qapp, "en")
    yield
    back_to_source_texts(qapp)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    install_language(qapp, "fr")
    yield
    back_to_source_texts(qapp)


def _ready(ctx: AppContext, customer: str, bags: int = 1, shelf: str = "A1") -> tuple[str, str]:
    order = make_order(state="SHIPPING", customer=customer)
    ctx.repo.upsert_orders([order])
    code = ctx.repo.mark_ready(order.order_id, shelf, "till-1", bag_count=bags)
    return order.order_id, format_pickup_code(code)


def _click_in_modal(text: str) -> list[str]:
    """Click `text` in the next modal dialog; the list gets the dialog's text once it did."""
    clicked: list[str] = []

    def click(dialog: QWidget) -> None:
        for button in dialog.findChildren(QPushButton):
            if button.text() == text:
                clicked.append(getattr(dialog, "text", lambda: "")())
                button.click()
                return
        raise AssertionError(f"no {text!r} button in {dialog.objectName()}")

    when_modal(click)
    return clicked


# ---- bags -------------------------------------------------------------------------------
def test_bag_tally_counts_to_the_bag_count() -> None:
    tally = BagTally("o1", 3)
    assert needs_bag_warning(tally) and tally.remaining == 3
    assert [tally.record(), tally.record(), tally.record(), tally.record()] == [1, 2, 3, 3]
    assert tally.complete and not needs_bag_warning(tally)
    assert not needs_bag_warning(BagTally("o2", 1))


def test_two_bags_are_said_loudly_counted_and_never_half_handed_over(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    order_id, code = _ready(ctx, "Inès Moreau", bags=2, shelf="A1")
    window = make_window()
    scan(qtbot, window.table, code)
    assert window.band.tone is Tone.OK
    assert "2 BAGS — shelf A1" in window.band.details.text().replace("\xa0", " ")
    # The detail pane and the list say it too.
    assert "2 bags" in window.detail.facts.text()
    assert window.view_key == "ready"
    row = window.model.row_of(order_id)
    assert row is not None and window.model.index(row, COL_BAGS).data() == "2"
    assert window.detail.order is not None and window.detail.order.order_id == order_id

    # First bag's slip: counted, one left.
    scan(qtbot, window.table, order_id)
    assert window.band.headline.text() == "Bag 1/2: right bag"
    assert "1 bag left to scan." in window.band.message.text()

    # Enter now would leave a bag on the shelf: the till asks, "Not yet" keeps it ready.
    asked = _click_in_modal("Not yet")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert asked == ["This order is in 2 bags."]
    assert ctx.repo.require_order(order_id).stage is Stage.READY

    scan(qtbot, window.table, order_id)
    assert window.band.headline.text() == "Bag 2/2: right bag"
    assert "All 2 bags checked." in window.band.message.text()
    window.band.confirm_button.click()  # no question: every bag was scanned
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED


def test_handing_over_unscanned_bags_asks_and_can_be_confirmed(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    order_id, code = _ready(ctx, "Paul Blanc", bags=3)
    window = make_window()
    scan(qtbot, window.table, code)
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        # Enter by habit hits "Not yet", never the hand-over.
        seen.extend([dialog.text(), dialog.informativeText(), dialog.defaultButton().text()])
        next(b for b in dialog.buttons() if b.text() == "All bags handed over").click()

    when_modal(answer)
    window.band.confirm_button.click()
    assert seen == [
        "This order is in 3 bags.",
        "3 bags not scanned yet. Hand over every bag before confirming.",
        "Not yet",
    ]
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED


def test_one_bag_orders_are_handed_over_without_a_question(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    order_id, code = _ready(ctx, "Léa Roux", bags=1)
    window = make_window()
    scan(qtbot, window.table, code)
    assert "BAG" not in window.band.details.text().replace(
        "\xa0", " "
    ) and "Shelf A1" in window.band.details.text().replace("\xa0", " ")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert ctx.repo.require_order(order_id).stage is Stage.COLLECTED


def test_the_band_keeps_one_height_whatever_the_verdict(
    ctx: AppContext, make_window: Any, qtbot: Any
) -> None:
    _order_id, code = _ready(ctx, "Marie-Charlotte de La Rochefoucauld-Montbazon", bags=2)
    window = make_window()
    heights = {window.band.height()}
    for text in (code, "%%%%", "CC999999", code):
        scan(qtbot, window.table, text)
        QApplication.processEvents()
        heights.add(window.band.height())
        window.band.clear()
        heights.add(window.band.height())
    table_tops = {window.table.mapTo(window, window.table.rect().topLeft()).y()}
    assert len(heights) == 1, heights
    assert len(table_tops) == 1


def test_an_invalid_code_is_red(ctx: AppContext, make_window: Any, qtbot: Any) -> None:
    window = make_window()
    scan(qtbot, window.table, "BCDE-FGHJ-KLNP")  # code-shaped, wrong check letter
    assert window.band.current is not None and window.band.current.verdict == "invalid"
    assert window.band.tone is Tone.BAD and not window.band.confirm_button.isVisible()


# ---- printing with no printer -----------------------------------------------------------
def _no_printer() -> PrinterLog:
    return PrinterLog(fail_with=PrinterError(message("no_printer")))


@pytest.mark.parametrize("kind", ["slip", "card", "daily_list"])
def test_with_no_printer_the_preview_opens_with_save_as_pdf(
    ctx: AppContext, make_window: Any, qtbot: Any, tmp_path: Path, kind: str, french: None
) -> None:
    order_id, _code = _ready(ctx, "Hugo Petit", bags=2)
    window = make_window(printer=_no_printer())
    job = (
        window.print_daily_list() if kind == "daily_list" else window.print_document(kind, order_id)
    )
    qtbot.waitUntil(lambda: job.done, timeout=5000)  # printing runs off the GUI thread
    assert job.ok
    dialog = window.preview
    assert isinstance(dialog, QPrintPreviewDialog) and dialog.isVisible()
    widget = dialog.findChild(QPrintPreviewWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.pageCount() >= 1)
    if kind == "slip":
        assert widget.pageCount() == 2  # one slip per bag
    button = dialog.findChild(QPushButton, "savePdfButton")
    assert button is not None and button.isVisible()
    assert button.text() == "Enregistrer en PDF"
    target = tmp_path / f"{kind}.pdf"
    dialog.pdf_saver.ask_path = lambda _parent, _suggested: str(target)
    button.click()
    assert target.read_bytes().startswith(b"%PDF")
    if kind == "slip":
        pages = pdf_pages(target)
        assert len(pages) == 2
        assert [c.text for c in decode_codes(pages[0])] == [order_id]
    dialog.close()


def test_a_failed_print_says_why_in_french_where_the_toast_points(
    ctx: AppContext, make_window: Any, qtbot: Any, french: None
) -> None:
    order = make_order(state="SHIPPING", customer="Jade Lambert")
    ctx.repo.upsert_orders([order])
    printer = PrinterLog(
        fail_with=PrinterError(message("printer_not_found", printer="Zebra", known="aucune"))
    )
    window = make_window(printer=printer)

    def ready(dialog: QWidget) -> None:
        dialog.shelf.setText("B2")  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(ready)
    job = window.mark_ready(order.order_id)
    assert job is not None
    qtbot.waitUntil(lambda: job.done, timeout=5000)  # the slip prints off the GUI thread
    text = window.toast.text()
    assert "Prête, étagère B2" in text or "étagère B2" in text
    assert "L'étiquette n'a pas été imprimée : imprimante 'Zebra' introuvable" in text
    for english_word in ("printer", "not found", "printed", "see above"):
        assert english_word not in text


# ---- language ---------------------------------------------------------------------------
def test_french_chosen_at_first_run_is_the_language_of_the_window(
    settings: Settings, qtbot: Any, qapp: QApplication, make_window: Any
) -> None:
    from counter_app.ui.app import first_run_setup

    install_language(qapp, "en")

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SetupDialog)
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(fill)
    try:
        assert first_run_setup(settings)
        window = make_window()
        assert window.tabs.tabText(0).startswith("À accepter")
        assert window.detail.placeholder.text() == "Sélectionnez une commande pour l'afficher ici."
    finally:
        back_to_source_texts(qapp)


def test_a_language_changed_from_the_menu_leaves_no_mix(
    ctx: AppContext, make_window: Any, qtbot: Any, qapp: QApplication, sync_workers: None
) -> None:
    install_language(qapp, "en")
    _ready(ctx, "Zoé Garnier")
    window = make_window(save_settings=lambda _s: None)
    window.select_view("ready")
    dialog = window.open_setup()
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    try:
        QApplication.processEvents()
        menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
        assert menus == ["Comptoir", "Commandes", "Affichage"], menus
        assert window.view_key == "ready"  # where staff were
        leaked = sorted(set(_visible_texts(window)) & _english_only_texts())
        assert not leaked, f"English left after switching to French: {leaked}"
        assert window.scan_field.placeholderText().startswith("Scannez")
        assert window.toast.text() == "Réglages enregistrés."
    finally:
        back_to_source_texts(qapp)


def _english_only_texts() -> set[str]:
    """English sources whose French translation differs (so seeing them means English)."""
    import xml.etree.ElementTree as ET

    root = Path(__file__).resolve().parents[2]
    tree = ET.parse(root / "resources" / "translations" / "counter_fr.ts")
    found: set[str] = set()
    for entry in tree.getroot().iter("message"):
        source = entry.findtext("source") or ""
        translation = entry.find("translation")
        if translation is None or entry.get("numerus") == "yes":
            continue
        if (translation.text or "") != source and len(source) > 3:
            found.add(source.replace("&", ""))
    return found


def _visible_texts(window: Any) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QTabBar

    seen = [window.windowTitle()]
    for action in window.menuBar().actions():
        seen.append(action.text())
        if action.menu():
            seen += [a.text() for a in action.menu().actions()]
    for label in window.findChildren(QLabel):
        if label.isVisible():
            seen.append(label.text())
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            seen.append(button.text())
    for edit in window.findChildren(QLineEdit):
        if edit.isVisible():
            seen.append(edit.placeholderText())
    for bar in window.findChildren(QTabBar):
        if bar.isVisible():
            seen += [bar.tabText(i).split("  ")[0] for i in range(bar.count())]
    model = window.table.model()
    seen += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [text.replace("&", "") for text in seen if text]


# ---- shop identity ------------------------------------------------------------------------
def test_test_connection_fills_the_shop_fields_from_a01(
    settings: Settings, qtbot: Any, sync_workers: None, sim: Any
) -> None:
    from counter_app.marketplace.factory import connector_from_settings

    dialog = SetupDialog(
        settings,
        connector_factory=lambda s: connector_from_settings(s, read_timeout=2.0, max_retries=0),
        printer_names=[],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    set_account(dialog, url=sim.url, api_key=API_KEY)
    dialog.accept()
    assert dialog.accepted_settings is None  # a real marketplace needs the shop's name
    assert dialog.errors["shop_name"].isVisible()
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✔")
    assert dialog.shop_name.text() == "Librairie des Canuts (simulateur)"
    assert dialog.shop_address.text() == "12 rue d'Austerlitz, 69004 Lyon"
    assert not dialog.errors["shop_name"].isVisible()  # fixed: the old red message is gone
    dialog.opening_hours.setText("Mardi–samedi 10 h–19 h")
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None and new.shop_name.startswith("Librairie des Canuts")
    new.save()
    again = load_settings()
    assert again.shop_address == "12 rue d'Austerlitz, 69004 Lyon"
    assert again.opening_hours == "Mardi–samedi 10 h–19 h"


def test_an_error_fixed_in_its_field_goes_away_at_once(settings: Settings, qtbot: Any) -> None:
    dialog = SetupDialog(settings, printer_names=[])
    qtbot.addWidget(dialog)
    dialog.show()
    editor = fill(open_editor(dialog), url="https://m.example.com", api_key="k", shop_id="abc")
    editor.accept()
    assert editor.errors.labels["shop_id"].isVisible()
    editor.shop_id.setText("2001")
    assert not editor.errors.labels["shop_id"].isVisible()


def test_the_demo_simulator_is_not_shown_as_the_marketplace(settings: Settings, qtbot: Any) -> None:
    import copy

    from counter_app.marketplace.demo import DEMO_SHOP_NAME

    settings.marketplace_url = "http://127.0.0.1:45678"
    settings.api_key = "demo-abc"
    settings.shop_id = "2001"
    settings.shop_name = DEMO_SHOP_NAME
    demo = copy.copy(settings)
    dialog = SetupDialog(settings, printer_names=[], demo=demo)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.market.accounts == [] and dialog.market.list.count() == 0
    assert "demo" in dialog.market.empty_note.text()
    editor = open_editor(dialog)  # a new account starts empty, never on the simulator
    assert editor.url.text() == "" and "127.0.0.1" not in editor.url.placeholderText()
    assert editor.api_key.text() == "" and editor.shop_id.text() == ""
    editor.reject()
    assert dialog.shop_name.text() == ""  # the demo's stand-in is only a placeholder
    dialog.till.setText("caisse-1")
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None
    # Still the demo: it keeps its simulator and its stand-in shop while it runs.
    assert new.marketplace_url == demo.marketplace_url and new.shop_name == DEMO_SHOP_NAME


# ---- search, selection and lateness --------------------------------------------------------
def test_search_finds_an_order_in_any_stage_and_says_which(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    collected_id, _ = _ready(ctx, "Aurélien Vasseur")
    to_accept = make_order(state="WAITING_ACCEPTANCE", customer="Aurore Vasseur")
    to_accept.deadline_at = datetime.now(UTC) + timedelta(days=1)
    ctx.repo.upsert_orders([to_accept])
    window = make_window()
    assert window.desk.service.confirm(collected_id).confirmed
    window.select_view("to_prepare")
    window.search.setText("Vasseur")
    window._search_timer.stop()
    window._apply_search()
    names = {
        window.model.index(r, COL_CUSTOMER).data(): window.model.index(r, COL_STATUS).data()
        for r in range(window.model.rowCount())
    }
    assert set(names) == {"Aurélien Vasseur", "Aurore Vasseur"}
    assert names == {"Aurore Vasseur": "To accept", "Aurélien Vasseur": "Collected"}
    # The pane shows the selected row, never an order the list does not show.
    selected = window.table.selectionModel().currentIndex()
    assert selected.isValid()
    assert window.detail.order is not None
    assert window.detail.order.order_id == selected.data(ORDER_ID_ROLE)
    window.search.setText("nobody-like-this")
    window._search_timer.stop()
    window._apply_search()
    assert window.model.rowCount() == 0 and window.detail.order is None


def test_late_orders_are_marked_in_words_and_colour(
    ctx: AppContext, make_window: Any, english: None
) -> None:
    now = datetime.now(UTC)
    assert lateness("to_prepare", now - timedelta(hours=1), None, now) is Lateness.LATE
    assert lateness("ready", None, now - timedelta(days=4), now) is Lateness.WAITING_LONG
    assert lateness("ready", None, now - timedelta(hours=4), now) is Lateness.ON_TIME
    late = make_order(state="SHIPPING", customer="Late Prepare")
    late.deadline_at = now - timedelta(hours=3)
    on_time = make_order(state="SHIPPING", customer="On Time")
    on_time.deadline_at = now + timedelta(days=1)
    ctx.repo.upsert_orders([late, on_time])
    window = make_window()
    window.select_view("to_prepare")
    model = window.model
    rows = {model.index(r, COL_CUSTOMER).data(): r for r in range(model.rowCount())}
    status = model.index(rows["Late Prepare"], COL_STATUS)
    assert "late" in status.data()  # words, for whoever does not see the colour
    assert status.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b3261e"
    late_row = model.index(rows["Late Prepare"], COL_CUSTOMER)
    assert late_row.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "late" not in model.index(rows["On Time"], COL_STATUS).data()
    on_time_row = model.index(rows["On Time"], COL_CUSTOMER)
    assert on_time_row.data(Qt.ItemDataRole.BackgroundRole) is None


def test_a_ready_order_waiting_long_says_for_how_long(
    ctx: AppContext, make_window: Any, english: None
) -> None:
    order_id, _code = _ready(ctx, "Waiting Long")
    with ctx.repo.db.session() as s:
        from counter_app.store.models import OrderRow

        row = s.query(OrderRow).filter_by(order_id=order_id).one()
        row.ready_at = utcnow() - timedelta(days=5)
        # Its ship-by date still ahead, so the only thing to say is how long it has waited.
        row.deadline_at = utcnow() + timedelta(days=2)
        s.commit()
    window = make_window()
    window.select_view("ready")
    status = window.model.index(0, COL_STATUS).data()
    assert "waiting 5 days" in status


# ---- toasts and messages ------------------------------------------------------------------
def test_the_new_order_toast_never_covers_the_hand_over_button(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    _order_id, code = _ready(ctx, "Camille Durand")
    window = make_window()
    scan(qtbot, window.table, code)
    fresh = make_order(state="WAITING_ACCEPTANCE", customer="Nouvelle Cliente")
    fresh.created_at = datetime.now(UTC)  # so its estimated accept-before is tomorrow
    ctx.repo.upsert_orders([fresh])
    window.notify_new_orders([fresh.order_id])
    # The new orders are read on the worker pool, then the toast is shown.
    qtbot.waitUntil(window.toast.isVisible, timeout=5000)
    QApplication.processEvents()
    button = window.band.confirm_button
    button_rect = QRect(button.mapTo(window.centralWidget(), QPoint(0, 0)), button.size())
    assert button.isVisible() and window.toast.isVisible()
    assert not window.toast.geometry().intersects(button_rect)
    # Not today: the deadline has its date, not only a time.
    from counter_app.domain.deadlines import accept_before
    from counter_app.ui.formatting import format_date

    estimate = accept_before(fresh.created_at, ctx.settings.acceptance_delay_hours)
    assert format_date(estimate) in window.toast.text()


def test_marking_ready_offline_says_the_code_is_sent_later(
    ctx: AppContext, make_window: Any, qtbot: Any, english: None
) -> None:
    order = make_order(state="SHIPPING", customer="Offline Client")
    ctx.repo.upsert_orders([order])
    window = make_window()  # no sync has ever succeeded: offline

    def ready(dialog: QWidget) -> None:
        dialog.shelf.setText("C3")  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    when_modal(ready)
    window.mark_ready(order.order_id)
    assert "when the link is back" in window.toast.text()
    assert "the customer gets the code." not in window.toast.text()


def test_a_long_line_in_a_narrow_detail_pane_keeps_its_price_in_sight(
    qapp: QApplication, english: None
) -> None:
    from counter_app.domain.orders import OrderLine
    from counter_app.ui.detail_pane import DetailPane

    title = "Les Fleurs du mal, édition intégrale commentée et annotée"
    order = make_order(
        state="WAITING_ACCEPTANCE",
        lines=[OrderLine("L1", title, 1, ean="9782253007104", total_price_cents=290)],
    )
    pane = DetailPane()
    pane.resize(380, 600)
    pane.show()
    pane.show_order(order)
    QApplication.processEvents()
    lines = pane.lines
    assert lines.horizontalScrollBar().maximum() == 0  # nothing hidden off to the right
    shown = lines.fontMetrics().elidedText(
        lines.item(0).text(), lines.textElideMode(), lines.visualItemRect(lines.item(0)).width()
    )
    assert shown.endswith("€2.90"), shown
    assert title in lines.item(0).toolTip()
    pane.grab().save("/tmp/detail-narrow.png")
