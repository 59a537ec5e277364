"""The editor of one marketplace account (set-up › Marketplaces › Add… / Edit…).

Display name, API address, API key, shop id, click & collect shipping codes, pickup code
field and colour. The account's `key` is chosen once from the first name it is given
(`counter_app.accounts.key_from_name`) and shown read-only: renaming the account later keeps
its orders and its keyring entry. Each field says what is wrong with it right under it; Save
is refused until every message is gone.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.accounts import PALETTE, MarketplaceAccount, key_from_name
from counter_app.ui.setup_form import FieldErrors, new_form


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountEditor", text)


def _is_code(text: str) -> bool:
    return text.replace("_", "").replace("-", "").isalnum()


def account_problems(account: MarketplaceAccount, other_names: set[str]) -> dict[str, str]:
    """Field name → what is wrong with this account (empty when it can be saved).

    `other_names` are the other accounts' display names, case-folded: two accounts with one
    name could not be told apart in the list nor with `--marketplace NAME`.
    """
    problems: dict[str, str] = {}
    if not account.name.strip():
        problems["name"] = _tr("Give the marketplace a name staff recognise (e.g. Carrefour).")
    elif account.name.strip().casefold() in other_names:
        problems["name"] = _tr("Another marketplace already has this name.")
    url = account.url.strip()
    if not url:
        problems["url"] = _tr("Enter the marketplace's API address, starting with https://.")
    else:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            problems["url"] = _tr("Enter the full address, starting with https://.")
        elif not account.api_key.strip():
            problems["api_key"] = _tr("The API key is needed to reach the marketplace.")
    key = account.api_key
    if key and (key != key.strip() or any(ch.isspace() for ch in key.strip())):
        problems["api_key"] = _tr("The API key contains spaces: copy it again, without spaces.")
    shop_id = account.shop_id.strip()
    if shop_id and not shop_id.isdigit():
        problems["shop_id"] = _tr("The shop id is a number (e.g. 2001).")
    if any(not _is_code(t) for t in account.pickup_shipping_types):
        problems["pickup_shipping_types"] = _tr(
            "Shipping type codes are letters, digits, - and _, separated by commas."
        )
    code = account.pickup_code_field.strip()
    if code and not _is_code(code):
        problems["pickup_code_field"] = _tr("A field code is letters, digits, - and _ only.")
    return problems


class ColourButton(QPushButton):
    """A swatch of the account's colour; clicking it opens the colour chooser."""

    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountColour")
        self.setMinimumWidth(120)
        self.clicked.connect(self.choose)
        self.set_colour(colour)

    def set_colour(self, colour: str) -> None:
        self.colour = QColor(colour).name() if QColor(colour).isValid() else PALETTE[0]
        # Black or white text, whichever reads on the swatch.
        text = "#000000" if QColor(self.colour).lightnessF() > 0.6 else "#ffffff"
        self.setStyleSheet(f"background-color: {self.colour}; color: {text};")
        self.setText(self.colour)

    def choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self.colour), self, _tr("Marketplace colour"))
        if chosen.isValid():
            self.set_colour(chosen.name())


class AccountEditor(QDialog):
    """Edits one account; `account()` is the result once it is accepted."""

    def __init__(
        self,
        account: MarketplaceAccount,
        *,
        new: bool,
        other_names: set[str],
        taken_keys: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountEditor")
        self.setWindowTitle(_tr("New marketplace") if new else _tr("Marketplace"))
        self.setMinimumWidth(640)
        self.original = account
        self.new = new
        self.other_names = other_names
        self.taken_keys = taken_keys
        self.errors = FieldErrors()
        self.errors.recheck = self._recheck

        self.name = QLineEdit(account.name)
        self.name.setObjectName("accountName")
        self.name.setPlaceholderText(_tr("e.g. Carrefour"))
        self.key_label = QLabel()
        self.key_label.setObjectName("accountKey")
        self.key_label.setStyleSheet("color: #455a64;")
        self.key_label.setWordWrap(True)
        self.url = QLineEdit(account.url)
        self.url.setObjectName("accountUrl")
        self.url.setPlaceholderText("https://marketplace.example.com")
        self.api_key = QLineEdit(account.api_key)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setObjectName("apiKey")
        self.show_key = QCheckBox(_tr("Show"))
        self.show_key.toggled.connect(
            lambda on: self.api_key.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.shop_id = QLineEdit(account.shop_id)
        self.shop_id.setObjectName("accountShopId")
        self.shipping_types = QLineEdit(", ".join(account.pickup_shipping_types))
        self.shipping_types.setPlaceholderText(_tr("empty = every click & collect type"))
        self.code_field = QLineEdit(account.pickup_code_field)
        self.code_field.setPlaceholderText(_tr("optional, e.g. pickup-code"))
        self.colour = ColourButton(account.colour)

        form = new_form()
        self.errors.add(form, _tr("Name"), self.name, "name")
        form.addRow(_tr("Key"), self.key_label)
        self.errors.add(form, _tr("API address"), self.url, "url")
        key_row = QHBoxLayout()
        key_row.addWidget(self.api_key, 1)
        key_row.addWidget(self.show_key)
        self.errors.add(form, _tr("API key"), key_row, "api_key", edit=self.api_key)
        self.errors.add(form, _tr("Shop id"), self.shop_id, "shop_id")
        self.errors.add(
            form, _tr("Pickup shipping types"), self.shipping_types, "pickup_shipping_types"
        )
        self.errors.add(form, _tr("Pickup code field"), self.code_field, "pickup_code_field")
        colour_row = QHBoxLayout()
        colour_row.addWidget(self.colour)
        colour_row.addStretch(1)
        form.addRow(_tr("Colour"), colour_row)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._show_key)
        self._show_key()

    def key(self) -> str:
        """The account's key: an existing account's never changes; a new one's follows its
        name until it is saved."""
        if not self.new:
            return self.original.key
        return key_from_name(self.name.text().strip(), self.taken_keys)

    def _show_key(self) -> None:
        text = _tr("%1 (set once, never changes: renaming keeps the orders)")
        self.key_label.setText(text.replace("%1", self.key()))

    def account(self) -> MarketplaceAccount:
        """The account as the fields say (the key chosen as `key()` says)."""
        return replace(
            self.original,
            key=self.key(),
            name=self.name.text().strip(),
            url=self.url.text().strip().rstrip("/"),
            api_key=self.api_key.text(),
            shop_id=self.shop_id.text().strip(),
            pickup_shipping_types=[
                t.strip() for t in self.shipping_types.text().split(",") if t.strip()
            ],
            pickup_code_field=self.code_field.text().strip(),
            colour=self.colour.colour,
        )

    def problems(self) -> dict[str, str]:
        return account_problems(self.account(), self.other_names)

    def show_problems(self) -> bool:
        """Each field's message under it; True when there is none."""
        problems = self.problems()
        for name, label in self.errors.labels.items():
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)
        self.adjustSize()
        return not problems

    def _recheck(self) -> None:
        """Hide (or update) the messages already shown; never show new ones while typing."""
        shown = [n for n, label in self.errors.labels.items() if label.isVisible()]
        if not shown:
            return
        problems = self.problems()
        for name in shown:
            label = self.errors.labels[name]
            label.setText(problems.get(name, ""))
            label.setVisible(name in problems)

    def accept(self) -> None:
        if self.show_problems():
            super().accept()

    def values(self) -> dict[str, Any]:
        """The fields, by the account's TOML names (for the tests and the log)."""
        return self.account().to_toml()
