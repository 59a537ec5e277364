"""The set-up dialog: the shop's marketplaces, shop, printers, till, store and reminders.

Shown at first run and from the menu. One page per subject (`setup_page_*.py`), so the dialog
fits a 1024x600 screen with every message shown. Each field says what is wrong with it right
under it; "Test connection" runs off the GUI thread and answers in plain words.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.accounts import LEGACY_KEY, MarketplaceAccount
from counter_app.settings import Settings
from counter_app.ui import (
    setup_page_marketplace,
    setup_page_shop,
    setup_page_store,
    setup_page_till,
)
from counter_app.ui.setup_form import FieldErrors
from counter_app.ui.setup_page_marketplace import MarketplacesPage
from counter_app.ui.setup_page_marketplace_removal import UsageReader
from counter_app.ui.setup_page_marketplace_testing import describe_connection_error
from counter_app.ui.setup_page_reminders import RemindersPage
from counter_app.ui.setup_page_shop import ShopPage
from counter_app.ui.setup_page_store import StorePage
from counter_app.ui.setup_page_till import LANGUAGES, TillPage
from counter_app.ui.workers import WorkerPool

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SetupDialog", text)


def validate_values(values: dict[str, Any]) -> dict[str, str]:
    """Field name → what is wrong with it (empty when everything can be saved).

    Each marketplace account is checked in its editor (`account_editor.account_problems`);
    the Marketplaces page names the first incomplete one (`MarketplacesPage.problems`).
    """
    errors: dict[str, str] = {}
    has_address = any(a.url.strip() for a in values.get("marketplaces", []))
    if has_address and not values["shop_name"].strip():
        errors["shop_name"] = _tr(
            "Give the shop's name: the customer's pickup card prints it "
            "(Test connection fills it in)."
        )
    if not values["till_name"].strip():
        errors["till_name"] = _tr("Give this till a name (it appears in the history).")
    return errors


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
        account_usage: UsageReader | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(_tr("Set-up"))
        self.setMinimumWidth(640)
        self.original = settings
        self.accepted_settings: Settings | None = None
        self.workers = workers or WorkerPool(self)
        self.connector_factory = connector_factory
        self.demo = demo
        self.field_errors = FieldErrors()
        self.field_errors.recheck = self._recheck_shown_errors
        self.errors: dict[str, QLabel] = self.field_errors.labels

        self.market = MarketplacesPage(
            settings, demo, self.field_errors, self.workers, connector_factory, account_usage
        )
        self.shop = ShopPage(settings, demo, self.field_errors, printer_names)
        self.till_page = TillPage(settings, self.field_errors)
        self.store_page = StorePage(settings, self.workers)
        self.market.on_shop_found = lambda shop: self.shop.fill_from_shop(
            shop.name, getattr(shop, "address", "")
        )
        self.market.on_changed = self._recheck_shown_errors
        # The rows below move down once the layouts have taken the new height.
        self.market.test_result.on_height_changed = lambda: QTimer.singleShot(0, self._grow)
        # The fields by name, for the first-run code and the tests.
        m, s, t = self.market, self.shop, self.till_page
        self.test_button, self.test_result = m.test_button, m.test_result
        self.shop_name, self.shop_address = s.shop_name, s.shop_address
        self.opening_hours, self.printers = s.opening_hours, s.printers
        self.till, self.language, self.camera = t.till, t.language, t.camera
        self.confirm_on_scan, self.verdict_timeout = t.confirm_on_scan, t.verdict_timeout

        self.pages = QTabWidget()
        self.pages.setObjectName("setupPages")
        self._page_of: dict[str, int] = {}
        for page, module in (
            (self.market, setup_page_marketplace),
            (self.shop, setup_page_shop),
            (self.till_page, setup_page_till),
            (self.store_page, setup_page_store),
        ):
            index = self.pages.addTab(page, page.title())
            for name in module.FIELDS:
                self._page_of[name] = index
        self.reminders_page = RemindersPage(settings)  # pickup window, reminder texts
        self.pages.addTab(self.reminders_page, self.reminders_page.title())

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        intro = QLabel(
            _tr(
                "Add each marketplace the shop sells on; find its address, API key and shop id in "
                "its seller account (My user settings › API key). Nothing is synced until one "
                "is set."
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #455a64;")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)

    def _recheck_shown_errors(self) -> None:
        """Hide (or update) the messages already shown; never show new ones while typing."""
        if not any(label.isVisible() for label in self.errors.values()):
            return
        errors = validate_values(self.values()) | self.market.problems()
        for name, label in self.errors.items():
            if label.isVisible():
                label.setText(errors.get(name, ""))
                label.setVisible(name in errors)

    # ---- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            **self.market.values(),
            **self.shop.values(),
            **self.till_page.values(),
            **self.store_page.values(),
            **self.reminders_page.values(),
        }

    def settings_from_values(self) -> Settings:
        result = copy.copy(self.original)
        values = self.values()
        accounts = values.pop("marketplaces")
        for name, value in values.items():
            setattr(result, name, value)
        if self.demo is not None and not accounts:
            # Still the demo: it keeps running on its simulators (never saved to the file).
            accounts = self.market.demo_accounts
            for name in ("shop_name", "shop_address", "opening_hours"):
                if not getattr(result, name):
                    setattr(result, name, getattr(self.demo, name))
        use_accounts(result, accounts)
        return result

    def show_errors(self, ignore: tuple[str, ...] = ()) -> bool:
        """Show each field's problem under it; True when there is none (`ignore`d aside)."""
        errors = validate_values(self.values()) | self.market.problems()
        errors = {k: v for k, v in errors.items() if k not in ignore}
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
        if self.reminders_page.problem():  # shown on its page, under the templates
            self.pages.setCurrentWidget(self.reminders_page)
            return
        self.accepted_settings = self.settings_from_values()
        super().accept()

    # ---- test connection ----------------------------------------------------------------
    def test_connection(self) -> None:
        """Test the selected account (the Marketplaces page's Test button)."""
        self.market.test_selected()
        self._grow()

    def _answer(self, text: str, ok: bool) -> None:
        self.market.show_answer(text, ok)
        self._grow()

    def _grow(self) -> None:
        """Longer messages add lines: grow so that none of them is cut or squeezes a field."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = max(self.sizeHint().height(), self.minimumSizeHint().height())
        if needed > self.height():
            self.resize(self.width(), needed)


def use_accounts(result: Settings, accounts: list[MarketplaceAccount]) -> None:
    """`result` holds these accounts; its view fields are the current account's (the first
    one when the current one was removed), as `Settings.effective_accounts` reads them."""
    result.marketplaces = [replace(a) for a in accounts]
    view = next((a for a in accounts if a.key == result.marketplace_key), None)
    view = view or (accounts[0] if accounts else None)
    result.marketplace_key = view.key if view is not None else LEGACY_KEY
    result.marketplace_url = view.url if view is not None else ""
    result.api_key = view.api_key if view is not None else ""
    result.shop_id = view.shop_id if view is not None else ""
    result.pickup_shipping_types = list(view.pickup_shipping_types) if view is not None else []
    result.pickup_code_field = view.pickup_code_field if view is not None else ""


__all__ = ["LANGUAGES", "SetupDialog", "describe_connection_error", "validate_values"]
