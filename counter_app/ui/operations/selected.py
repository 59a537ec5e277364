"""The menus' shortcuts on the selected order: accept, ready, hand over, slip, note.

Each acts on the order shown in the detail pane (or the band's good verdict for the hand-over)
and only when that pane offers the action, so a shortcut never does what the screen does not
show. Mixed into the window, whose actions they call.
"""

from __future__ import annotations

from typing import Any


class SelectedOrderActions:
    """Shortcut targets for the window's menus; the window provides the attributes used."""

    detail: Any
    band: Any
    current_ref: Any  # the OrderRef shown in the detail pane (marketplace and id)

    def mark_ready(self, order: Any) -> Any: ...  # provided by the window

    def confirm_collection(self, order: Any, ask_bags: bool = True) -> None: ...

    def print_document(
        self, kind: str, order: Any, quiet: bool = False, on_done: Any = None
    ) -> Any: ...

    def add_note(self, order: Any) -> None: ...

    def accept_current(self) -> None:
        if self.detail.order is not None and self.detail.accept_button.isVisible():
            self.detail.accept_button.click()

    def ready_current(self) -> None:
        if self.current_ref and self.detail.ready_button.isVisible():
            self.mark_ready(self.current_ref)

    def confirm_current(self) -> None:
        current = self.band.current
        if current is not None and current.confirmable and current.order_id:
            self.confirm_collection(current.order_id)
        elif self.current_ref and self.detail.confirm_button.isVisible():
            self.confirm_collection(self.current_ref)

    def slip_current(self) -> None:
        if self.current_ref:
            self.print_document("slip", self.current_ref)

    def note_current(self) -> None:
        if self.current_ref:
            self.add_note(self.current_ref)
