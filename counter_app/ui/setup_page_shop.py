"""The set-up's "Shop and printers" page: what the pickup card prints, and which printer
prints each kind of document."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from counter_app.settings import DOCUMENT_KINDS, Settings
from counter_app.ui.setup_form import FieldErrors, new_form

FIELDS = ("shop_name",)  # the fields whose message is on this page


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)


class ShopPage(QWidget):
    """Shop name, address and opening hours; a printer for slips, cards and the daily list."""

    def __init__(
        self,
        settings: Settings,
        demo: Settings | None,
        errors: FieldErrors,
        printer_names: list[str] | None = None,
    ) -> None:
        super().__init__()
        shop = own_shop(settings, demo)
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

        names = printer_names if printer_names is not None else _printer_names()
        self.printers: dict[str, QComboBox] = {}
        for kind in DOCUMENT_KINDS:
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItem("")
            combo.addItems(names)
            combo.setCurrentText(settings.printers.get(kind, ""))
            editor = combo.lineEdit()  # there is one: the box is editable
            if editor is not None:
                editor.setPlaceholderText(_tr("default printer"))
            self.printers[kind] = combo

        form = new_form()
        errors.add(form, _tr("Shop name"), self.shop_name, "shop_name")
        form.addRow(_tr("Shop address"), self.shop_address)
        form.addRow(_tr("Opening hours"), self.opening_hours)
        kind_labels = {
            "slip": _tr("Printer for slips"),
            "card": _tr("Printer for pickup cards"),
            "daily_list": _tr("Printer for the daily list"),
        }
        for kind, combo in self.printers.items():
            form.addRow(kind_labels.get(kind, kind), combo)
        self.setLayout(form)

    @staticmethod
    def title() -> str:
        return _tr("Shop and printers")

    def values(self) -> dict[str, Any]:
        return {
            "shop_name": self.shop_name.text().strip(),
            "shop_address": self.shop_address.text().strip(),
            "opening_hours": self.opening_hours.text().strip(),
            "printers": {
                kind: combo.currentText().strip()
                for kind, combo in self.printers.items()
                if combo.currentText().strip()
            },
        }

    def fill_from_shop(self, name: str, address: str) -> None:
        """What the marketplace knows of the shop fills the fields the owner left empty."""
        if not self.shop_name.text().strip() and name:
            self.shop_name.setText(name)
        if not self.shop_address.text().strip() and address:
            self.shop_address.setText(address)


def own_shop(settings: Settings, demo: Settings | None) -> tuple[str, str, str]:
    """The shop's name, address and hours as the owner set them (the demo's stand-ins: "")."""
    values = (settings.shop_name, settings.shop_address, settings.opening_hours)
    if demo is None:
        return values
    stand_ins = (demo.shop_name, demo.shop_address, demo.opening_hours)
    return tuple(  # type: ignore[return-value]
        "" if value == stand_in else value
        for value, stand_in in zip(values, stand_ins, strict=True)
    )


def _printer_names() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo

        return list(QPrinterInfo.availablePrinterNames())
    except Exception:  # no print support on this system: names can still be typed
        return []
