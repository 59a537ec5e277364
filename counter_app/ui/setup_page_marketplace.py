"""The set-up's "Marketplace" page: address, API key, shop id, the connection test, and the
pickup shipping types and code field.

"Test connection" asks the marketplace for its version (V01), the key's shop (A01), its click &
collect types and, when one is named, the pickup code field (AF01), off the GUI thread
(`counter_app.bootstrap.probe_marketplace`); this page puts the answer in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.bootstrap import ConnectionProbe
from counter_app.settings import Settings
from counter_app.ui.setup_form import FieldErrors, new_form

# The fields whose message is on this page.
FIELDS = ("marketplace_url", "api_key", "shop_id", "pickup_shipping_types", "pickup_code_field")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)


class MarketplacePage(QWidget):
    """Where the till finds its orders, and the button that tries it."""

    def __init__(self, settings: Settings, demo: Settings | None, errors: FieldErrors) -> None:
        super().__init__()
        # In the demo the settings point at the simulator on this PC: that address, its key
        # and its shop are the demo's, not the shop's, so the fields show them empty.
        in_demo = demo is not None and settings.marketplace_url == demo.marketplace_url
        self.url = QLineEdit("" if in_demo else settings.marketplace_url)
        self.url.setPlaceholderText(
            _tr("empty = the demo marketplace") if in_demo else "https://marketplace.example.com"
        )
        self.api_key = QLineEdit("" if in_demo else settings.api_key)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setObjectName("apiKey")
        self.show_key = QCheckBox(_tr("Show"))
        self.show_key.toggled.connect(
            lambda on: self.api_key.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.shop_id = QLineEdit("" if in_demo else settings.shop_id)
        self.test_button = QPushButton(_tr("Test connection"))
        self.test_result = AnswerLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.shipping_types = QLineEdit(", ".join(settings.pickup_shipping_types))
        self.shipping_types.setPlaceholderText(_tr("empty = every click & collect type"))
        self.code_field = QLineEdit(settings.pickup_code_field)
        self.code_field.setPlaceholderText(_tr("optional, e.g. pickup-code"))

        form = new_form()
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.show_key)
        test_row = QVBoxLayout()
        test_row.setSpacing(4)
        button_row = QHBoxLayout()
        button_row.addWidget(self.test_button)
        button_row.addStretch(1)
        test_row.addLayout(button_row)
        # Under the button, full width: a two-line answer is never cut at top and bottom.
        test_row.addWidget(self.test_result)
        errors.add(form, _tr("Marketplace address"), self.url, "marketplace_url")
        errors.add(form, _tr("API key"), key_row, "api_key", edit=self.api_key)
        errors.add(form, _tr("Shop id"), self.shop_id, "shop_id")
        form.addRow(test_row)  # both columns wide: room for a long answer
        errors.add(form, _tr("Pickup shipping types"), self.shipping_types, "pickup_shipping_types")
        errors.add(form, _tr("Pickup code field"), self.code_field, "pickup_code_field")
        self.setLayout(form)

    @staticmethod
    def title() -> str:
        return _tr("Marketplace")

    def values(self) -> dict[str, Any]:
        return {
            "marketplace_url": self.url.text().strip().rstrip("/"),
            "api_key": self.api_key.text(),
            "shop_id": self.shop_id.text().strip(),
            "pickup_shipping_types": [
                t.strip() for t in self.shipping_types.text().split(",") if t.strip()
            ],
            "pickup_code_field": self.code_field.text().strip(),
        }

    def show_testing(self) -> None:
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("color: #455a64;")
        self.test_result.setText(_tr("Testing…"))

    def show_answer(self, text: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(("✔ " if ok else "✖ ") + text)
        self.test_result.setStyleSheet(
            "color: #1b873f; font-weight: bold;" if ok else "color: #b3261e; font-weight: bold;"
        )
        self.test_result.ensurePolished()  # measured in bold, as it is painted
        self.test_result.fit()

    def answer_for(self, outcome: ConnectionProbe) -> tuple[str, bool]:
        """The connection test's answer in words; True when everything checked is right."""
        shop = outcome.shop
        text = _tr("Connected: shop “%1” (id %2).").replace("%1", shop.name)
        text = text.replace("%2", str(shop.shop_id))
        if outcome.types:
            codes = ", ".join(t.code for t in outcome.types)
            text += " " + _tr("Click & collect types: %1.").replace("%1", codes)
            if not self.shipping_types.text().strip():
                self.shipping_types.setPlaceholderText(codes)
        ok = True
        if outcome.field is not None:
            message, ok = pickup_field_message(self.code_field.text().strip(), *outcome.field)
            text += " " + message
        return text, ok


class AnswerLabel(QLabel):
    """The connection test's answer: always as tall as its wrapped text needs, whatever
    width the form gives it, so a long answer is never cut at top and bottom."""

    # Set by the dialog: it grows once the layouts have taken the new height.
    on_height_changed: Callable[[], None] | None = None

    def fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(0, needed))
            if self.on_height_changed is not None:
                self.on_height_changed()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


def describe_connection_error(exc: BaseException) -> str:
    """One sentence a shop owner can act on, whatever went wrong."""
    name = type(exc).__name__
    if "Authentication" in name:
        return _tr("The marketplace refused the API key: check it in your seller account.")
    if "Unavailable" in name or "Timeout" in name or "Connection" in name:
        return _tr("The marketplace could not be reached: check the address and the internet.")
    if "Malformed" in name:
        return _tr("The address answers, but not like a Mirakl marketplace: check the address.")
    return _tr("The connection test failed: %1").replace("%1", str(exc) or name)


def pickup_field_message(code: str, check: str, detail: str) -> tuple[str, bool]:
    """What AF01 says about the pickup code field, in words; True when it can hold the code."""
    if check == "ok":
        return _tr("Pickup code field “%1”: found (order text field).").replace("%1", code), True
    if check == "wrong_type":
        text = _tr(
            "Pickup code field “%1” is of type %2 on the marketplace: it must be a text "
            "(STRING) order field."
        )
        return text.replace("%1", code).replace("%2", detail), False
    if check == "missing" and detail:
        text = _tr(
            "Pickup code field “%1” is a field of %2, not of the order: ask the marketplace "
            "for an order text field."
        )
        return text.replace("%1", code).replace("%2", detail), False
    if check == "missing":
        text = _tr(
            "Pickup code field “%1” does not exist on the marketplace: the codes would not be "
            "stored. Check the code with the marketplace, or leave the field empty."
        )
        return text.replace("%1", code), False
    return _tr("The custom fields could not be read to check “%1”.").replace("%1", code), False
