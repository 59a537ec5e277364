"""The set-up dialog: clear messages at the field, a connection test against a real server."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.accounts import AccountKeyStore
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import Settings, load_settings
from counter_app.ui.app import save_settings
from counter_app.ui.setup_dialog import SetupDialog
from tests.gui.setup_accounts import fill, open_editor, set_account
from tests.simulator_fixtures import API_KEY


def _fast(settings: Settings) -> Any:
    return connector_from_settings(settings, read_timeout=2.0, max_retries=0)


@pytest.fixture
def dialog(settings: Settings, qtbot: Any, sync_workers: None) -> SetupDialog:
    widget = SetupDialog(settings, connector_factory=_fast, printer_names=["Thermal-80"])
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_bad_values_are_explained_under_their_field(dialog: SetupDialog) -> None:
    editor = fill(open_editor(dialog), url="marketplace.example.com", shop_id="shop 12")
    fill(editor, code_field="pickup code!")
    save = editor.buttons.button(editor.buttons.StandardButton.Save)
    save.click()
    assert editor.isVisible()  # nothing saved, nothing closed
    assert "https://" in editor.errors.labels["url"].text()
    assert editor.errors.labels["url"].isVisible()
    assert "number" in editor.errors.labels["shop_id"].text()
    assert editor.errors.labels["pickup_code_field"].isVisible()
    assert dialog.market.accounts == []
    # An address without a key: the key field says so.
    fill(editor, url="https://marketplace.example.com", shop_id="2001", code_field="")
    save.click()
    assert "API key" in editor.errors.labels["api_key"].text()
    assert not editor.errors.labels["url"].isVisible()
    editor.reject()
    dialog.till.setText("  ")
    dialog.accept()
    assert dialog.isVisible() and dialog.accepted_settings is None
    assert "name" in dialog.errors["till_name"].text()


def test_the_api_key_is_masked(dialog: SetupDialog) -> None:
    editor = open_editor(dialog)
    assert editor.api_key.echoMode() == editor.api_key.EchoMode.Password
    editor.show_key.setChecked(True)
    assert editor.api_key.echoMode() == editor.api_key.EchoMode.Normal


def test_test_connection_names_the_shop(dialog: SetupDialog, sim: SimulatorServer) -> None:
    set_account(dialog, name="Carrefour", url=sim.url, api_key=API_KEY, shop_id=sim.book.shop_id)
    dialog.test_button.click()
    text = dialog.test_result.text()
    assert text.startswith("✔ Carrefour: connected"), text
    assert sim.book.shop_id in text
    assert sim.requests  # it really asked the server


@pytest.mark.parametrize(
    ("code", "ok", "words"),
    [
        ("code-retrait", True, ["found"]),
        ("code-inconnu", False, ["does not exist", "code-inconnu"]),
        ("emballage-cadeau", False, ["BOOLEAN", "STRING"]),
        ("dedicace", False, ["ORDER_LINE", "not of the order"]),
    ],
)
def test_test_connection_checks_the_pickup_code_field_with_af01(
    dialog: SetupDialog, sim: SimulatorServer, code: str, ok: bool, words: list[str]
) -> None:
    set_account(dialog, name="Carrefour", url=sim.url, api_key=API_KEY, shop_id=sim.book.shop_id)
    set_account(dialog, code_field=code)
    dialog.test_button.click()
    text = dialog.test_result.text()
    assert text.startswith("✔ Carrefour: connected" if ok else "✖ Carrefour: connected"), text
    for word in words:
        assert word in text, text
    assert sim.requests["AF01"] == 1
    QApplication.processEvents()  # let the layout take the new text, as the screen would
    dialog.grab().save(f"/tmp/h12-setup-{code}.png")
    label = dialog.test_result
    assert label.height() >= label.heightForWidth(label.width()), "message cut"


def test_a_wrong_key_gets_a_clear_answer(dialog: SetupDialog, sim: SimulatorServer) -> None:
    set_account(dialog, url=sim.url, api_key="not-the-key")
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖")
    assert "API key" in dialog.test_result.text()


def test_an_unreachable_address_gets_a_clear_answer(dialog: SetupDialog) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    set_account(dialog, url=f"http://127.0.0.1:{port}", api_key="key")
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖")
    assert "could not be reached" in dialog.test_result.text()
    assert dialog.test_button.isEnabled()


def test_saving_writes_the_settings_and_keeps_the_key_out_of_the_file(
    dialog: SetupDialog, settings: Settings
) -> None:
    set_account(
        dialog,
        url="https://marketplace.example.com/",
        api_key="secret-key-123",
        shop_id="2001",
        shipping_types="CLICK_COLLECT, PICKUP-2",
    )
    dialog.shop_name.setText("Librairie du Port")
    dialog.printers["slip"].setCurrentText("Thermal-80")
    dialog.till.setText("caisse-2")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    dialog.accept()
    new = dialog.accepted_settings
    assert new is not None
    save_settings(new)
    text = settings.paths.settings_file.read_text()
    assert "secret-key-123" not in text
    again = load_settings()
    assert again.marketplace_url == "https://marketplace.example.com"
    assert again.pickup_shipping_types == ["CLICK_COLLECT", "PICKUP-2"]
    assert again.printers == {"slip": "Thermal-80"}
    assert again.till_name == "caisse-2" and again.language == "fr"
    assert again.shop_name == "Librairie du Port"
    key = again.marketplace_key
    assert key == "marketplace"  # from the name the address gave it
    assert AccountKeyStore(settings.paths, key).load() == "secret-key-123"
    assert again.api_key == "secret-key-123"


def test_first_run_asks_for_the_marketplace_before_the_window(
    settings: Settings, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from counter_app.ui.app import first_run_setup
    from tests.gui.conftest import back_to_source_texts, when_modal

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SetupDialog)
        dialog.till.setText("caisse-1")
        assert dialog.market.accounts == []  # no marketplace yet
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(fill)
    try:
        assert first_run_setup(settings)
    finally:
        back_to_source_texts(QApplication.instance())  # first run installs the language
    assert settings.paths.settings_file.exists()
    assert load_settings().till_name == "caisse-1"
    assert settings.till_name == "caisse-1"
