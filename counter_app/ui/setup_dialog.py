"""The set-up dialog: marketplace, API key, shop, pickup types, printers, till and language.

Shown at first run and from the menu. Each field says what is wrong with it right under it;
"Test connection" asks the marketplace for its version (V01) and the key's shop (A01) off the
GUI thread and answers in plain words.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.settings import DOCUMENT_KINDS, Settings
from counter_app.ui.camera_setup import CameraSettingsBox
from counter_app.ui.setup_page_store import StorePage
from counter_app.ui.workers import WorkerPool

log = logging.getLogger(__name__)

LANGUAGES = (("system", "System"), ("fr", "Français"), ("en", "English"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)


def validate_values(values: dict[str, Any]) -> dict[str, str]:
    """Field name → what is wrong with it (empty when everything can be saved)."""
    errors: dict[str, str] = {}
    url = values["marketplace_url"].strip()
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            errors["marketplace_url"] = _tr(
                "Enter the full address, starting with https:// (leave empty for the demo)."
            )
        elif not values["api_key"].strip():
            errors["api_key"] = _tr("The API key is needed to reach the marketplace.")
    key = values["api_key"]
    if key and (key != key.strip() or any(ch.isspace() for ch in key.strip())):
        errors["api_key"] = _tr("The API key contains spaces: copy it again, without spaces.")
    shop_id = values["shop_id"].strip()
    if shop_id and not shop_id.isdigit():
        errors["shop_id"] = _tr("The shop id is a number (e.g. 2001).")
    types = values["pickup_shipping_types"]
    if any(not t.replace("_", "").replace("-", "").isalnum() for t in types):
        errors["pickup_shipping_types"] = _tr(
            "Shipping type codes are letters, digits, - and _, separated by commas."
        )
    field_code = values["pickup_code_field"].strip()
    if field_code and not field_code.replace("_", "").replace("-", "").isalnum():
        errors["pickup_code_field"] = _tr("A field code is letters, digits, - and _ only.")
    if url and not values["shop_name"].strip():
        errors["shop_name"] = _tr(
            "Give the shop's name: the customer's pickup card prints it "
            "(Test connection fills it in)."
        )
    if not values["till_name"].strip():
        errors["till_name"] = _tr("Give this till a name (it appears in the history).")
    return errors


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


class SetupDialog(QDialog):
    """Edits a copy of the settings; `accepted_settings` holds the result after OK."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        workers: WorkerPool | None = None,
        connector_factory: Callable[[Settings], Any] | None = None,
        printer_names: list[str] | None = None,
        demo: Settings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(_tr("Set-up"))
        self.setMinimumWidth(640)
        self.original = settings
        self.accepted_settings: Settings | None = None
        self.workers = workers or WorkerPool(self)
        self.connector_factory = connector_factory
        self.errors: dict[str, QLabel] = {}

        # In the demo the settings point at the simulator on this PC: that address, its key
        # and its shop are the demo's, not the shop's, so the fields show them empty.
        self.demo = demo
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
        shop = _own_shop(settings, demo)
        self.shop_name = QLineEdit(shop[0])
        self.shop_name.setObjectName("shopName")
        self.shop_address = QLineEdit(shop[1])
        self.shop_address.setObjectName("shopAddress")
        self.opening_hours = QLineEdit(shop[2])
        self.opening_hours.setObjectName("openingHours")
        self.opening_hours.setPlaceholderText(_tr("e.g. Tuesday–Saturday 10 am–7 pm"))
        if demo is not None:
            self.shop_name.setPlaceholderText(demo.shop_name)
            self.shop_address.setPlaceholderText(demo.shop_address)
        self.test_button = QPushButton(_tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = _AnswerLabel()
        self.test_result.setObjectName("testResult")
        self.test_result.setWordWrap(True)
        self.shipping_types = QLineEdit(", ".join(settings.pickup_shipping_types))
        self.shipping_types.setPlaceholderText(_tr("empty = every click & collect type"))
        self.code_field = QLineEdit(settings.pickup_code_field)
        self.code_field.setPlaceholderText(_tr("optional, e.g. pickup-code"))
        self.till = QLineEdit(settings.till_name)
        self.language = QComboBox()
        for code, label in LANGUAGES:
            self.language.addItem(_tr(label) if code == "system" else label, code)
        index = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(0, index))
        self.confirm_on_scan = QCheckBox(_tr("Confirm the hand-over as soon as the code is good"))
        self.confirm_on_scan.setChecked(settings.confirm_on_scan)
        self.verdict_timeout = QSpinBox()
        self.verdict_timeout.setRange(0, 600)
        self.verdict_timeout.setSuffix(" s")
        self.verdict_timeout.setValue(settings.verdict_timeout_seconds)

        names = printer_names if printer_names is not None else _printer_names()
        self.printers: dict[str, QComboBox] = {}
        for kind in DOCUMENT_KINDS:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("")
            combo.addItems(names)
            combo.setCurrentText(settings.printers.get(kind, ""))
            combo.lineEdit().setPlaceholderText(_tr("default printer"))
            self.printers[kind] = combo

        def new_form() -> QFormLayout:
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            return form

        # Three pages, so the dialog fits a 1024x600 screen with every message shown.
        market, shop_form, till = new_form(), new_form(), new_form()
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
        self._add(market, _tr("Marketplace address"), self.url, "marketplace_url")
        self._add(market, _tr("API key"), key_row, "api_key")
        self._add(market, _tr("Shop id"), self.shop_id, "shop_id")
        market.addRow(test_row)  # both columns wide: room for a long answer
        self._add(
            market, _tr("Pickup shipping types"), self.shipping_types, "pickup_shipping_types"
        )
        self._add(market, _tr("Pickup code field"), self.code_field, "pickup_code_field")
        self._add(shop_form, _tr("Shop name"), self.shop_name, "shop_name")
        shop_form.addRow(_tr("Shop address"), self.shop_address)
        shop_form.addRow(_tr("Opening hours"), self.opening_hours)
        kind_labels = {
            "slip": _tr("Printer for slips"),
            "card": _tr("Printer for pickup cards"),
            "daily_list": _tr("Printer for the daily list"),
        }
        for kind, combo in self.printers.items():
            shop_form.addRow(kind_labels.get(kind, kind), combo)
        self._add(till, _tr("Till name"), self.till, "till_name")
        till.addRow(_tr("Language"), self.language)
        till.addRow("", self.confirm_on_scan)
        till.addRow(_tr("Verdict shown for"), self.verdict_timeout)
        self.camera = CameraSettingsBox(settings)
        till.addRow(_tr("Camera"), self.camera)
        self.pages = QTabWidget()
        self.pages.setObjectName("setupPages")
        self._page_of: dict[str, int] = {}
        for form, title, names in (
            (market, _tr("Marketplace"), ("marketplace_url", "api_key", "shop_id")),
            (shop_form, _tr("Shop and printers"), ("shop_name",)),
            (till, _tr("Till"), ("till_name",)),
        ):
            page = QWidget()
            page.setLayout(form)
            index = self.pages.addTab(page, title)
            for name in names:
                self._page_of[name] = index
        for name in ("pickup_shipping_types", "pickup_code_field"):
            self._page_of[name] = 0
        self.store_page = StorePage(settings, self.workers)
        self._page_of["database_url"] = self.pages.addTab(self.store_page, self.store_page.title)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        intro = QLabel(
            _tr(
                "Find the address, API key and shop id in your marketplace seller account "
                "(My user settings › API key). Nothing is synced until the address is set."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

    def _add(self, form: QFormLayout, label: str, field: Any, name: str) -> None:
        box = QVBoxLayout()
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet("color: #b3261e;")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self.errors[name] = error
        form.addRow(label, box)
        edit = field if isinstance(field, QLineEdit) else None
        if edit is None and name == "api_key":
            edit = self.api_key
        if edit is not None:
            # A message fixed by typing goes away at once, not at the next Save.
            edit.textChanged.connect(lambda _text: self._recheck_shown_errors())

    def _recheck_shown_errors(self) -> None:
        """Hide (or update) the messages already shown; never show new ones while typing."""
        if not any(label.isVisible() for label in self.errors.values()):
            return
        errors = validate_values(self.values())
        for name, label in self.errors.items():
            if label.isVisible():
                label.setText(errors.get(name, ""))
                label.setVisible(name in errors)

    # ---- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            "marketplace_url": self.url.text().strip().rstrip("/"),
            "api_key": self.api_key.text(),
            "shop_id": self.shop_id.text().strip(),
            "shop_name": self.shop_name.text().strip(),
            "shop_address": self.shop_address.text().strip(),
            "opening_hours": self.opening_hours.text().strip(),
            "pickup_shipping_types": [
                t.strip() for t in self.shipping_types.text().split(",") if t.strip()
            ],
            "pickup_code_field": self.code_field.text().strip(),
            "till_name": self.till.text().strip(),
            "language": self.language.currentData(),
            "confirm_on_scan": self.confirm_on_scan.isChecked(),
            "verdict_timeout_seconds": self.verdict_timeout.value(),
            "printers": {
                kind: combo.currentText().strip()
                for kind, combo in self.printers.items()
                if combo.currentText().strip()
            },
            **self.camera.values(),
            **self.store_page.values(),
        }

    def settings_from_values(self) -> Settings:
        result = copy.copy(self.original)
        for name, value in self.values().items():
            setattr(result, name, value)
        if self.demo is not None and not result.marketplace_url:
            # Still the demo: it keeps running on its simulator (never saved to the file).
            for name in ("marketplace_url", "api_key", "shop_id"):
                setattr(result, name, getattr(self.demo, name))
            for name in ("shop_name", "shop_address", "opening_hours"):
                if not getattr(result, name):
                    setattr(result, name, getattr(self.demo, name))
        return result

    def show_errors(self, ignore: tuple[str, ...] = ()) -> bool:
        """Show each field's problem under it; True when there is none (`ignore`d aside)."""
        errors = {k: v for k, v in validate_values(self.values()).items() if k not in ignore}
        errors |= self.store_page.problems()
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        if errors and not any(self._page_of.get(n) == self.pages.currentIndex() for n in errors):
            # The first page with a problem comes to the front: nothing wrong is out of sight.
            self.pages.setCurrentIndex(min(self._page_of.get(n, 0) for n in errors))
        self._grow()
        return not errors

    def accept(self) -> None:
        if not self.show_errors():
            return
        self.accepted_settings = self.settings_from_values()
        super().accept()

    # ---- test connection ----------------------------------------------------------------
    def test_connection(self) -> None:
        # The shop's name may still be empty: the test is what fills it in.
        if not self.show_errors(ignore=("shop_name",)):
            self._answer(_tr("Fix the fields in red first."), ok=False)
            return
        candidate = self.settings_from_values()
        if not candidate.marketplace_url or not self.url.text().strip():
            self._answer(
                _tr("No address: nothing is synced until one is set (the demo runs with --demo)."),
                ok=True,
            )
            return
        factory = self.connector_factory or _default_factory()
        if factory is None:
            self._answer(_tr("The marketplace connector is not available."), ok=False)
            return
        self.test_button.setEnabled(False)
        self.test_result.setStyleSheet("color: #455a64;")
        self.test_result.setText(_tr("Testing…"))

        field_code = candidate.pickup_code_field

        def probe() -> tuple[Any, list[Any], tuple[str, str] | None]:
            connector = factory(candidate)
            try:
                if not connector.health():
                    raise ConnectionError("no answer to the version check")
                shop = connector.shop_info()
                try:
                    types = [t for t in connector.shipping_types() if t.click_and_collect]
                except Exception:  # the shop answered; missing types are not fatal here
                    types = []
                field: tuple[str, str] | None = None
                if field_code:
                    from counter_app.marketplace.connector import check_pickup_code_field

                    try:
                        found = connector.custom_fields(("ORDER", "ORDER_LINE"))
                    except Exception:  # the shop answered; say the field could not be read
                        field = ("unreadable", "")
                    else:
                        check, detail = check_pickup_code_field(found, field_code)
                        field = (check.value, detail)
                return shop, types, field
            finally:
                connector.close()

        self.workers.submit(probe, self._tested, self._test_failed)

    def _tested(self, outcome: tuple[Any, list[Any], tuple[str, str] | None]) -> None:
        shop, types, field = outcome
        text = _tr("Connected: shop “%1” (id %2).").replace("%1", shop.name)
        text = text.replace("%2", str(shop.shop_id))
        # What the marketplace knows of the shop fills the fields the owner left empty.
        if not self.shop_name.text().strip() and shop.name:
            self.shop_name.setText(shop.name)
        address = getattr(shop, "address", "")
        if not self.shop_address.text().strip() and address:
            self.shop_address.setText(address)
        if types:
            codes = ", ".join(t.code for t in types)
            text += " " + _tr("Click & collect types: %1.").replace("%1", codes)
            if not self.shipping_types.text().strip():
                self.shipping_types.setPlaceholderText(codes)
        ok = True
        if field is not None:
            message, ok = pickup_field_message(self.code_field.text().strip(), *field)
            text += " " + message
        self._answer(text, ok=ok)

    def _test_failed(self, exc: BaseException) -> None:
        self._answer(describe_connection_error(exc), ok=False)

    def _answer(self, text: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setText(("✔ " if ok else "✖ ") + text)
        self.test_result.setStyleSheet(
            "color: #1b873f; font-weight: bold;" if ok else "color: #b3261e; font-weight: bold;"
        )
        self.test_result.ensurePolished()  # measured in bold, as it is painted
        self.test_result.fit()
        self._grow()

    def _grow(self) -> None:
        """Longer messages add lines: grow so that none of them is cut or squeezes a field."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = max(self.sizeHint().height(), self.minimumSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)


class _AnswerLabel(QLabel):
    """The connection test's answer: always as tall as its wrapped text needs, whatever
    width the form gives it, so a long answer is never cut at top and bottom."""

    def fit(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed != self.minimumHeight():
            self.setMinimumHeight(max(0, needed))
            dialog = self.window()
            if isinstance(dialog, SetupDialog):
                # The rows below move down once the layouts have taken the new height.
                QTimer.singleShot(0, dialog._grow)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()


def _own_shop(settings: Settings, demo: Settings | None) -> tuple[str, str, str]:
    """The shop's name, address and hours as the owner set them (the demo's stand-ins: "")."""
    values = (settings.shop_name, settings.shop_address, settings.opening_hours)
    if demo is None:
        return values
    stand_ins = (demo.shop_name, demo.shop_address, demo.opening_hours)
    return tuple(  # type: ignore[return-value]
        "" if value == stand_in else value
        for value, stand_in in zip(values, stand_ins, strict=True)
    )


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


def _default_factory() -> Callable[[Settings], Any] | None:
    try:
        from counter_app.marketplace.factory import connector_from_settings
    except ImportError:
        return None
    return connector_from_settings


def _printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())
    except Exception:  # no print support on this system: names can still be typed
        return []


__all__ = ["SetupDialog", "describe_connection_error", "validate_values"]
