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
    current_order_id: Any

    def mark_ready(self, order_id: str) -> Any: ...  # provided by the window

    def confirm_collection(self, order_id: str, ask_bags: bool = True) -> None: ...

    def print_document(
        self, kind: str, order_id: str, quiet: bool = False, on_done: Any = None
    ) -> Any: ...

    def add_note(self, order_id: str) -> None: ...

    def accept_current(self) -> None:
        if self.detail.order is not None and self.detail.accept_button.isVisible():
            self.detail.accept_button.click()

    def ready_current(self) -> None:
        if self.current_order_id and self.detail.ready_button.isVisible():
            self.mark_ready(self.current_order_id)

    def confirm_current(self) -> None:
        current = self.band.current
        if current is not None and current.confirmable and current.order_id:
            self.confirm_collection(current.order_id)
        elif self.current_order_id and self.detail.confirm_button.isVisible():
            self.confirm_collection(self.current_order_id)

    def slip_current(self) -> None:
        if self.current_order_id:
            self.print_document("slip", self.current_order_id)

    def note_current(self) -> None:
        if self.current_order_id:
            self.add_note(self.current_order_id)
