"""The set-up's Marketplaces page: two accounts added, edited, tested and removed, for real.

Real dialog widgets offscreen, real settings files and 0600 key files (no keyring in tests),
real simulators on loopback for the connection test, the real window and store for removal.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QWidget

from counter_app.accounts import PALETTE, AccountKeyStore, MarketplaceAccount
from counter_app.api_key import ApiKeyStore
from counter_app.bootstrap import AppContext
from counter_app.domain.stages import Stage
from counter_app.marketplace.factory import connector_from_settings
from counter_app.settings import Settings, load_settings
from counter_app.ui.app import save_settings
from counter_app.ui.i18n import install_language
from counter_app.ui.operations.setup import apply_setup
from counter_app.ui.setup_dialog import SetupDialog
from tests.cli_runner import run_cli
from tests.factories import make_order
from tests.gui.conftest import back_to_source_texts
from tests.gui.setup_accounts import answer_removal, fill, open_editor, save_editor, set_account
from tests.simulator_fixtures import API_KEY

CARREFOUR = {"name": "Carrefour", "url": "https://carrefour-prod.mirakl.net", "shop_id": "2001"}
INTERMARCHE = {"name": "Intermarché", "url": "https://intermarche.mirakl.net", "shop_id": "3002"}


def _fast(settings: Settings) -> Any:
    return connector_from_settings(settings, read_timeout=2.0, max_retries=0)


@pytest.fixture
def dialog(settings: Settings, qtbot: Any, sync_workers: None) -> SetupDialog:
    widget = SetupDialog(settings, connector_factory=_fast, printer_names=[])
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _two_accounts(dialog: SetupDialog) -> None:
    set_account(dialog, new=True, api_key="key-carrefour-1", **CARREFOUR)
    set_account(dialog, new=True, api_key="key-inter-2", **INTERMARCHE)
    dialog.shop_name.setText("Librairie du Port")


def _swatch_colour(dialog: SetupDialog, row: int) -> str:
    icon = dialog.market.list.item(row).icon()
    return icon.pixmap(16, 16).toImage().pixelColor(8, 8).name()


def test_two_accounts_are_listed_by_name_with_their_colour(dialog: SetupDialog) -> None:
    _two_accounts(dialog)
    page = dialog.market
    assert [a.key for a in page.accounts] == ["carrefour", "intermarche"]
    texts = [page.list.item(row).text() for row in range(page.list.count())]
    assert texts[0].startswith("Carrefour") and "carrefour-prod.mirakl.net" in texts[0]
    assert texts[1].startswith("Intermarché") and "shop 3002" in texts[1]
    # New accounts take the palette's colours in turn; the swatch shows each one.
    assert [a.colour for a in page.accounts] == [PALETTE[0], PALETTE[1]]
    assert _swatch_colour(dialog, 0) == PALETTE[0]
    assert _swatch_colour(dialog, 1) == PALETTE[1]


def test_editing_renames_but_keeps_the_key(dialog: SetupDialog) -> None:
    _two_accounts(dialog)
    page = dialog.market
    page.list.setCurrentRow(1)
    editor = open_editor(dialog)
    assert editor.url.text() == INTERMARCHE["url"] and editor.api_key.text() == "key-inter-2"
    assert isinstance(editor.key_label, QLabel) and "intermarche" in editor.key_label.text()
    fill(editor, name="Intermarché Solidaire", shop_id="3003")
    editor.colour.set_colour("#00838f")
    assert "intermarche " in editor.key_label.text() + " "  # shown, never re-derived
    save_editor(editor)
    edited = page.accounts[1]
    assert (edited.key, edited.name, edited.shop_id) == (
        "intermarche",
        "Intermarché Solidaire",
        "3003",
    )
    assert edited.colour == "#00838f" and _swatch_colour(dialog, 1) == "#00838f"
    assert page.list.item(1).text().startswith("Intermarché Solidaire")


def test_a_new_account_key_follows_its_name_and_never_takes_a_used_one(
    dialog: SetupDialog,
) -> None:
    _two_accounts(dialog)
    editor = open_editor(dialog, new=True)
    fill(editor, name="Carrefour", url="https://other.example.com", api_key="k")
    editor.buttons.button(editor.buttons.StandardButton.Save).click()
    assert editor.isVisible()  # the same name twice could not be told apart
    assert "already has this name" in editor.errors.labels["name"].text()
    fill(editor, name="Carrefour Bis")
    assert "carrefour-bis" in editor.key_label.text()
    save_editor(editor)
    assert [a.key for a in dialog.market.accounts][-1] == "carrefour-bis"
    assert dialog.market.accounts[-1].colour == PALETTE[2]


def test_saving_keeps_each_api_key_in_its_own_private_file(
    dialog: SetupDialog, settings: Settings, home: Path
) -> None:
    assert os.environ["COUNTER_APP_NO_KEYRING"] == "1"  # the 0600 files, not a keyring
    _two_accounts(dialog)
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None
    assert [a.key for a in new.effective_accounts()] == ["carrefour", "intermarche"]
    assert (new.marketplace_key, new.marketplace_url) == ("carrefour", CARREFOUR["url"])
    save_settings(new)
    text = settings.paths.settings_file.read_text(encoding="utf-8")
    assert "key-carrefour-1" not in text and "key-inter-2" not in text
    assert text.count("[[marketplaces]]") == 2
    for key, secret in (("carrefour", "key-carrefour-1"), ("intermarche", "key-inter-2")):
        path = settings.paths.config_dir / f"api_key.{key}.secret"
        assert path.read_text(encoding="utf-8") == secret
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = load_settings()
    assert [(a.key, a.name, a.url, a.shop_id, a.api_key) for a in again.effective_accounts()] == [
        ("carrefour", "Carrefour", CARREFOUR["url"], "2001", "key-carrefour-1"),
        ("intermarche", "Intermarché", INTERMARCHE["url"], "3002", "key-inter-2"),
    ]
    # The command line lists them, with no secret in its output.
    done = run_cli(home, "marketplaces", "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(r["name"], r["key"], r["shop_id"], r["api_key_stored"]) for r in rows] == [
        ("Carrefour", "carrefour", "2001", True),
        ("Intermarché", "intermarche", "3002", True),
    ]
    assert "key-carrefour-1" not in done.stdout and "key-inter-2" not in done.stdout
    listing = run_cli(home, "marketplaces")
    assert listing.returncode == 0
    lines = listing.stdout.splitlines()
    assert lines[0].split() == ["NAME", "KEY", "URL", "SHOP", "ID", "API", "KEY"]
    assert lines[2].split()[:2] == ["Intermarché", "intermarche"] and "stored" in lines[2]


def test_the_command_says_when_a_key_is_missing_or_nothing_is_set_up(home: Path) -> None:
    done = run_cli(home, "marketplaces")
    assert done.returncode == 0 and "No marketplace set up" in done.stdout
    (home / "settings.toml").write_text(
        '[[marketplaces]]\nkey = "carrefour"\nname = "Carrefour"\n'
        'url = "https://carrefour-prod.mirakl.net"\nshop_id = "2001"\n',
        encoding="utf-8",
    )
    rows = json.loads(run_cli(home, "marketplaces", "--json").stdout)
    assert [(r["key"], r["api_key_stored"]) for r in rows] == [("carrefour", False)]
    assert "MISSING" in run_cli(home, "marketplaces").stdout
    (home / "settings.toml").write_text("[[marketplaces]]\nkey = 'Bad Key'\n", encoding="utf-8")
    bad = run_cli(home, "marketplaces")
    assert bad.returncode != 0 and "Bad Key" in bad.stderr and "Traceback" not in bad.stderr


def test_a_single_account_install_shows_its_one_account_and_keeps_it(
    home: Path, qtbot: Any, sync_workers: None
) -> None:
    (home / "settings.toml").write_text(
        'marketplace_url = "https://carrefour-prod.mirakl.net"\nshop_id = "2001"\n'
        'pickup_shipping_types = ["CLICK_COLLECT"]\npickup_code_field = "code-retrait"\n'
        'shop_name = "Librairie du Port"\n',
        encoding="utf-8",
    )
    old = load_settings()
    ApiKeyStore(old.paths).save("legacy-key-9")  # where the single-account versions kept it
    settings = load_settings()
    dialog = SetupDialog(settings, printer_names=[])
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.market
    assert page.list.count() == 1 and page.list.item(0).text().startswith("Carrefour")
    editor = open_editor(dialog)
    assert (editor.url.text(), editor.shop_id.text()) == (CARREFOUR["url"], "2001")
    assert editor.api_key.text() == "legacy-key-9" and "main" in editor.key_label.text()
    assert editor.shipping_types.text() == "CLICK_COLLECT"
    assert editor.code_field.text() == "code-retrait"
    editor.reject()
    dialog.accept()  # saved as it was
    new = dialog.accepted_settings
    assert new is not None
    save_settings(new)
    again = load_settings()
    (account,) = again.effective_accounts()
    assert (account.key, account.url, account.shop_id) == ("main", CARREFOUR["url"], "2001")
    assert account.pickup_shipping_types == ["CLICK_COLLECT"]
    assert account.pickup_code_field == "code-retrait" and account.api_key == "legacy-key-9"
    assert (again.paths.config_dir / "api_key.secret").read_text() == "legacy-key-9"
    assert "[[marketplaces]]" in again.paths.settings_file.read_text(encoding="utf-8")


def test_the_connection_test_tries_the_selected_account_on_its_own_marketplace(
    settings: Settings, qtbot: Any, sim_factory: Any
) -> None:
    first, second = sim_factory(count=3), sim_factory(count=3, seed=5, shop_id="3002")
    dialog = SetupDialog(settings, connector_factory=_fast, printer_names=[])  # real workers
    qtbot.addWidget(dialog)
    dialog.show()
    set_account(dialog, new=True, name="Carrefour", url=first.url, api_key=API_KEY, shop_id="2001")
    set_account(
        dialog, new=True, name="Intermarché", url=second.url, api_key=API_KEY, shop_id="3002"
    )
    for row, sim, other, name in (
        (0, first, second, "Carrefour"),
        (1, second, first, "Intermarché"),
    ):
        asked_before = sum(other.requests.values())
        dialog.market.list.setCurrentRow(row)
        dialog.test_button.click()
        assert dialog.test_result.text() == f"Testing “{name}”…"  # on the worker pool
        assert not dialog.test_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.test_result.text().startswith("Testing"), timeout=15_000)
        text = dialog.test_result.text()
        assert text.startswith(f"✔ {name}: connected"), text
        assert f"(id {sim.book.shop_id})" in text
        assert sim.requests["A01"] >= 1
        assert sum(other.requests.values()) == asked_before  # the other one was not asked
        assert dialog.test_button.isEnabled()
    QApplication.processEvents()
    shots = Path(os.environ.get("COUNTER_SCREENSHOTS", "/tmp/hsetup-shots"))
    shots.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(shots / "setup_two_accounts_tested.png"))
    # A wrong key on one account is said for that account, the other is still fine.
    dialog.market.list.setCurrentRow(0)
    set_account(dialog, api_key="wrong-key")
    dialog.test_button.click()
    qtbot.waitUntil(lambda: dialog.test_result.text().startswith("✖"), timeout=15_000)
    assert "API key" in dialog.test_result.text()


def test_test_without_an_account_or_with_an_unfinished_one_says_what_to_do(
    dialog: SetupDialog,
) -> None:
    dialog.test_button.click()  # disabled: nothing selected
    dialog.market.test_selected()
    assert dialog.test_result.text().startswith("✖ Add a marketplace first")
    dialog.market.accounts.append(MarketplaceAccount(key="half", name="Half", url="ftp://x"))
    dialog.market._fill()
    dialog.market.list.setCurrentRow(0)
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖ Edit “Half” first")
    dialog.accept()  # an unfinished account is not saved either, and says which
    assert dialog.accepted_settings is None
    assert "“Half”" in dialog.errors["marketplaces"].text()
    assert dialog.errors["marketplaces"].isVisible()


# ---- removing, with the store asked first ------------------------------------------------
def _window_with_two_accounts(ctx: AppContext, make_window: Any) -> Any:
    accounts = [
        MarketplaceAccount(
            key="carrefour", api_key="key-carrefour-1", colour=PALETTE[0], **CARREFOUR
        ),
        MarketplaceAccount(
            key="intermarche", api_key="key-inter-2", colour=PALETTE[1], **INTERMARCHE
        ),
    ]
    s = ctx.settings
    s.marketplaces = accounts
    s.marketplace_key, s.marketplace_url, s.api_key, s.shop_id = (
        "carrefour",
        CARREFOUR["url"],
        "key-carrefour-1",
        "2001",
    )
    s.shop_name = "Librairie du Port"
    save_settings(s)  # the file names both (a removed account's key is forgotten at save)
    return make_window(save_settings=save_settings)


def test_removing_asks_first_naming_the_account_and_warns_of_ready_orders(
    ctx: AppContext, make_window: Any, sync_workers: None
) -> None:
    carrefour = ctx.repo.for_marketplace("carrefour")
    carrefour.upsert_orders([make_order(order_id="CC-1", stage=Stage.READY)])
    assert carrefour.count_pending_actions() == 0  # ready only: nothing waits to be sent
    window = _window_with_two_accounts(ctx, make_window)
    dialog = window.open_setup()
    page = dialog.market
    page.list.setCurrentRow(0)
    page.remove_button.click()
    box = page.remove_box
    assert box is not None and box.objectName() == "removeConfirm"
    assert "“Carrefour”" in box.text()
    # (The test runs on the source texts: the catalogues give "1 order ... is ready".)
    assert "1 order(s) of “Carrefour” are ready on the shelf" in box.informativeText()
    answer_removal(dialog, "Keep")
    assert [a.key for a in page.accounts] == ["carrefour", "intermarche"]
    page.remove_button.click()
    answer_removal(dialog, "Remove")
    assert [a.key for a in page.accounts] == ["intermarche"]
    assert page.list.count() == 1 and page.list.item(0).text().startswith("Intermarché")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    # The window's settings now sync the one account left, and its file says so.
    assert [a.key for a in window.settings.effective_accounts()] == ["intermarche"]
    assert window.settings.marketplace_key == "intermarche"
    assert window.settings.marketplace_url == INTERMARCHE["url"]
    again = load_settings()
    assert [a.key for a in again.effective_accounts()] == ["intermarche"]
    assert AccountKeyStore(again.paths, "carrefour").load() is None  # its key forgotten
    assert AccountKeyStore(again.paths, "intermarche").load() == "key-inter-2"
    assert ctx.repo.get_order("CC-1", marketplace="carrefour") is not None  # orders stay


def test_an_account_with_actions_waiting_cannot_be_removed(
    ctx: AppContext, make_window: Any, sync_workers: None
) -> None:
    intermarche = ctx.repo.for_marketplace("intermarche")
    intermarche.upsert_orders([make_order(order_id="IM-7", state="WAITING_ACCEPTANCE")])
    intermarche.accept_order("IM-7", till="till-1")
    assert intermarche.count_pending_actions() == 1
    window = _window_with_two_accounts(ctx, make_window)
    dialog = window.open_setup()
    page = dialog.market
    page.list.setCurrentRow(1)
    page.remove_button.click()
    box = page.remove_box
    assert box is not None and box.objectName() == "removeRefused"
    assert "“Intermarché” still has 1 action(s) waiting" in box.text()
    assert [b.text() for b in box.buttons()] == ["OK"] or len(box.buttons()) == 1
    box.buttons()[0].click()
    assert [a.key for a in page.accounts] == ["carrefour", "intermarche"]


def test_a_changed_accounts_list_rebuilds_the_sync(settings: Settings) -> None:
    settings.marketplaces = [MarketplaceAccount(key="carrefour", **CARREFOUR)]
    settings.marketplace_key, settings.marketplace_url = "carrefour", CARREFOUR["url"]
    settings.shop_id = "2001"
    same = replace(settings, marketplaces=list(settings.marketplaces))
    assert not apply_setup(replace(settings), same).marketplace
    more = replace(
        settings,
        marketplaces=[*settings.marketplaces, MarketplaceAccount(key="intermarche", **INTERMARCHE)],
    )
    running = replace(settings)
    assert apply_setup(running, more).marketplace
    assert [a.key for a in running.effective_accounts()] == ["carrefour", "intermarche"]
    renamed = replace(
        running,
        marketplaces=[
            replace(running.marketplaces[0]),
            replace(running.marketplaces[1], shop_id="3009"),
        ],
    )
    assert apply_setup(replace(running), renamed).marketplace


# ---- on a 1024x600 screen, in both languages ------------------------------------------------
def _nothing_cut(widget: QWidget) -> None:
    for label in widget.findChildren(QLabel):
        if label.isVisible() and label.text():
            if label.wordWrap():
                assert label.heightForWidth(label.width()) <= label.height() + 1, label.text()
            else:
                wide = label.fontMetrics().horizontalAdvance(label.text())
                assert wide <= label.width(), f"cut: {label.text()!r}"
    for button in widget.findChildren(QPushButton):
        if button.isVisible():
            assert button.sizeHint().width() <= button.width() + 1, f"cut: {button.text()!r}"
    for edit in widget.findChildren(QLineEdit):
        if edit.isVisible() and edit.placeholderText():
            wide = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
            assert wide <= edit.width() - 8, f"placeholder cut: {edit.placeholderText()!r}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_two_accounts_and_the_editor_fit_a_small_screen(
    settings: Settings, qtbot: Any, qapp: QApplication, sync_workers: None, language: str
) -> None:
    shots = Path(os.environ.get("COUNTER_SCREENSHOTS", "/tmp/hsetup-shots"))
    shots.mkdir(parents=True, exist_ok=True)
    install_language(qapp, language)
    try:
        dialog = SetupDialog(settings, connector_factory=_fast, printer_names=[])
        qtbot.addWidget(dialog)
        dialog.show()
        _two_accounts(dialog)
        dialog.market.list.setCurrentRow(1)
        dialog._answer(
            "Intermarché: " + ("the server said something long " * 5).strip() + ".", ok=False
        )
        for _ in range(3):
            QApplication.processEvents()
        hint = dialog.sizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600 - 40, hint
        dialog.resize(max(dialog.width(), hint.width()), hint.height())
        QApplication.processEvents()
        _nothing_cut(dialog)
        dialog.grab().save(str(shots / f"setup_two_accounts_{language}.png"))
        editor = open_editor(dialog)
        editor.buttons.button(editor.buttons.StandardButton.Save)
        fill(editor, shop_id="abc", code_field="bad code!")
        editor.accept()  # every message shown under its field
        for _ in range(3):
            QApplication.processEvents()
        hint = editor.sizeHint()
        assert hint.width() <= 1024 and hint.height() <= 600 - 40, hint
        _nothing_cut(editor)
        editor.grab().save(str(shots / f"account_editor_{language}.png"))
        editor.reject()
    finally:
        back_to_source_texts(qapp)


def test_the_colour_is_chosen_in_the_colour_dialog(dialog: SetupDialog) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    from tests.gui.conftest import when_modal

    set_account(dialog, new=True, api_key="k", **CARREFOUR)
    editor = open_editor(dialog)
    seen: list[str] = []

    def pick(chooser: QWidget) -> None:
        assert isinstance(chooser, QColorDialog)
        seen.append(chooser.currentColor().name())
        chooser.setCurrentColor(QColor("#6a1b9a"))
        chooser.accept()

    when_modal(pick)
    editor.colour.click()
    assert seen == [PALETTE[0]]  # it opens on the account's colour
    assert editor.colour.colour == "#6a1b9a" and editor.colour.text() == "#6a1b9a"
    save_editor(editor)
    assert dialog.market.accounts[0].colour == "#6a1b9a"
    assert _swatch_colour(dialog, 0) == "#6a1b9a"
    # Cancelled: the colour stays.
    editor = open_editor(dialog)
    when_modal(lambda chooser: chooser.reject())
    editor.colour.click()
    assert editor.colour.colour == "#6a1b9a"
    editor.reject()


def test_a_store_that_cannot_be_read_refuses_the_removal(
    ctx: AppContext, make_window: Any, sync_workers: None
) -> None:
    window = _window_with_two_accounts(ctx, make_window)
    dialog = window.open_setup()
    # The store's file is gone from under the till (a USB disk pulled, a restore running):
    # the check cannot be made, so nothing is removed.
    ctx.db.dispose()
    store_file = ctx.settings.paths.database_file
    store_file.rename(store_file.with_suffix(".away"))
    try:
        dialog.market.list.setCurrentRow(0)
        dialog.market.remove_button.click()
        box = dialog.market.remove_box
        assert box is not None and box.objectName() == "removeRefused"
        assert "could not be read" in box.text() and "“Carrefour”" in box.text()
        box.buttons()[0].click()
        assert [a.key for a in dialog.market.accounts] == ["carrefour", "intermarche"]
        assert dialog.market.remove_button.isEnabled()  # it can be tried again
    finally:
        ctx.db.dispose()
        store_file.with_suffix(".away").replace(store_file)
    dialog.reject()
