"""The set-up dialog: clear messages at the field, a connection test against a real server."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from counter_app.api_key import ApiKeyStore
from counter_app.marketplace.factory import connector_from_settings
from counter_app.marketplace.simulator import SimulatorServer
from counter_app.settings import Settings, load_settings
from counter_app.ui.app import save_settings
from counter_app.ui.setup_dialog import SetupDialog
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
    dialog.url.setText("marketplace.example.com")
    dialog.shop_id.setText("shop 12")
    dialog.till.setText("  ")
    dialog.code_field.setText("pickup code!")
    dialog.accept()
    assert dialog.isVisible()  # nothing saved, nothing closed
    assert "https://" in dialog.errors["marketplace_url"].text()
    assert dialog.errors["marketplace_url"].isVisible()
    assert "number" in dialog.errors["shop_id"].text()
    assert "name" in dialog.errors["till_name"].text()
    assert dialog.errors["pickup_code_field"].isVisible()
    assert dialog.accepted_settings is None
    # An address without a key: the key field says so.
    dialog.url.setText("https://marketplace.example.com")
    dialog.shop_id.setText("2001")
    dialog.till.setText("till-2")
    dialog.code_field.setText("")
    dialog.accept()
    assert "API key" in dialog.errors["api_key"].text()
    assert not dialog.errors["marketplace_url"].isVisible()


def test_the_api_key_is_masked(dialog: SetupDialog) -> None:
    assert dialog.api_key.echoMode() == dialog.api_key.EchoMode.Password
    dialog.show_key.setChecked(True)
    assert dialog.api_key.echoMode() == dialog.api_key.EchoMode.Normal


def test_test_connection_names_the_shop(dialog: SetupDialog, sim: SimulatorServer) -> None:
    dialog.url.setText(sim.url)
    dialog.api_key.setText(API_KEY)
    dialog.shop_id.setText(sim.book.shop_id)
    dialog.test_button.click()
    text = dialog.test_result.text()
    assert text.startswith("✔ Connected")
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
    dialog.url.setText(sim.url)
    dialog.api_key.setText(API_KEY)
    dialog.shop_id.setText(sim.book.shop_id)
    dialog.code_field.setText(code)
    dialog.test_button.click()
    text = dialog.test_result.text()
    assert text.startswith("✔ Connected" if ok else "✖ Connected"), text
    for word in words:
        assert word in text, text
    assert sim.requests["AF01"] == 1
    QApplication.processEvents()  # let the layout take the new text, as the screen would
    dialog.grab().save(f"/tmp/h12-setup-{code}.png")
    label = dialog.test_result
    assert label.height() >= label.heightForWidth(label.width()), "message cut"


def test_a_wrong_key_gets_a_clear_answer(dialog: SetupDialog, sim: SimulatorServer) -> None:
    dialog.url.setText(sim.url)
    dialog.api_key.setText("not-the-key")
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖")
    assert "API key" in dialog.test_result.text()


def test_an_unreachable_address_gets_a_clear_answer(dialog: SetupDialog) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dialog.url.setText(f"http://127.0.0.1:{port}")
    dialog.api_key.setText("key")
    dialog.test_button.click()
    assert dialog.test_result.text().startswith("✖")
    assert "could not be reached" in dialog.test_result.text()
    assert dialog.test_button.isEnabled()


def test_saving_writes_the_settings_and_keeps_the_key_out_of_the_file(
    dialog: SetupDialog, settings: Settings
) -> None:
    dialog.url.setText("https://marketplace.example.com/")
    dialog.api_key.setText("secret-key-123")
    dialog.shop_id.setText("2001")
    dialog.shop_name.setText("Librairie du Port")
    dialog.shipping_types.setText("CLICK_COLLECT, PICKUP-2")
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
    assert ApiKeyStore(settings.paths).load() == "secret-key-123"


def test_first_run_asks_for_the_marketplace_before_the_window(
    settings: Settings, qtbot: Any
) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    from counter_app.ui.app import first_run_setup
    from tests.gui.conftest import back_to_source_texts, when_modal

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, SetupDialog)
        dialog.till.setText("caisse-1")
        dialog.url.setText("")  # no marketplace yet: the demo
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    when_modal(fill)
    try:
        assert first_run_setup(settings)
    finally:
        back_to_source_texts(QApplication.instance())  # first run installs the language
    assert settings.paths.settings_file.exists()
    assert load_settings().till_name == "caisse-1"
    assert settings.till_name == "caisse-1"
