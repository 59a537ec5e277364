"""Drives the set-up's Marketplaces page as a person does: Add… or Edit…, type, Save."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from counter_app.accounts import name_from_url
from counter_app.ui.account_editor import AccountEditor


def open_editor(dialog: Any, *, new: bool = False) -> AccountEditor:
    """The editor of the selected account, or of a new one (`new`, or none selected)."""
    page = dialog.market
    if new or page.selected() is None:
        return page.add()
    editor = page.edit_selected()
    assert editor is not None
    return editor


def fill(
    editor: AccountEditor,
    *,
    name: str | None = None,
    url: str | None = None,
    api_key: str | None = None,
    shop_id: str | None = None,
    shipping_types: str | None = None,
    code_field: str | None = None,
) -> AccountEditor:
    if url is not None:
        editor.url.setText(url)
    if name is None and not editor.name.text():
        name = name_from_url(url or "")
    if name is not None:
        editor.name.setText(name)
    for field, value in (
        (editor.api_key, api_key),
        (editor.shop_id, shop_id),
        (editor.shipping_types, shipping_types),
        (editor.code_field, code_field),
    ):
        if value is not None:
            field.setText(value)
    return editor


def save_editor(editor: AccountEditor) -> None:
    editor.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not editor.isVisible(), f"the editor refused: {editor.problems()}"


def set_account(dialog: Any, *, new: bool = False, **fields: Any) -> None:
    """Add (or edit the selected) account with these fields, and save the editor."""
    save_editor(fill(open_editor(dialog, new=new), **fields))


def answer_removal(dialog: Any, button_text: str) -> None:
    """Click `button_text` in the Remove… question now on screen."""
    box = dialog.market.remove_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    button = next(b for b in box.buttons() if b.text() == button_text)
    button.click()
