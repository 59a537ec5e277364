"""The counter window's menus and keyboard shortcuts, as TagStudio's `MainMenuBar` does.

Every action is also added to the window itself with a window-wide shortcut context, so F2,
F4 or Ctrl+L work wherever the focus is. The handlers are the window's methods, named by the
`MenuHandlers` protocol; the menu bar holds no logic of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from counter_app.ui.order_tabs import VIEWS, view_title


def _tr(text: str) -> str:
    # The window's context: these texts were the window's before the menus were split off.
    return QCoreApplication.translate("MainWindow", text)


class MenuHandlers(Protocol):
    """What the menus call: the counter window's slots."""

    def open_setup(self) -> object: ...
    def sync_now(self) -> None: ...
    def print_daily_list(self) -> object: ...
    def close(self) -> bool: ...
    def accept_current(self) -> None: ...
    def ready_current(self) -> None: ...
    def confirm_current(self) -> None: ...
    def slip_current(self) -> None: ...
    def note_current(self) -> None: ...
    def print_back_to_shelves(self) -> None: ...
    def focus_scan_field(self) -> None: ...
    def focus_search(self) -> None: ...
    def toggle_camera(self) -> None: ...
    def clear_verdict(self) -> None: ...
    def select_view(self, key: str) -> None: ...


class MainMenuBar(QMenuBar):
    """Counter, Orders and View menus; `window_actions` lists every action it made."""

    def __init__(self, window: QMainWindow, handlers: MenuHandlers) -> None:
        super().__init__(window)
        self._window = window
        self._handlers = handlers
        self.window_actions: list[QAction] = []
        self.populate()

    def populate(self) -> None:
        """Make the menus and actions, in the language installed now."""
        file_menu = self.addMenu(_tr("&Counter"))
        orders_menu = self.addMenu(_tr("&Orders"))
        view_menu = self.addMenu(_tr("&View"))
        h = self._handlers

        self.setup_action = self._action(file_menu, _tr("Set-up…"), "Ctrl+,", h.open_setup)
        self._action(file_menu, _tr("Sync now"), "F5", h.sync_now)
        self._action(
            file_menu, _tr("Print today's pickup list"), "Ctrl+Shift+P", h.print_daily_list
        )
        file_menu.addSeparator()
        self._action(file_menu, _tr("Quit"), QKeySequence.StandardKey.Quit, h.close)

        self._action(orders_menu, _tr("Accept the order"), "F2", h.accept_current)
        self._action(orders_menu, _tr("Mark ready…"), "F3", h.ready_current)
        self._action(orders_menu, _tr("Confirm collection"), "F4", h.confirm_current)
        self._action(orders_menu, _tr("Reprint slip"), "Ctrl+P", h.slip_current)
        self._action(orders_menu, _tr("Add note…"), "Ctrl+N", h.note_current)
        self._action(orders_menu, _tr("Back to the shelves list…"), "", h.print_back_to_shelves)
        orders_menu.addSeparator()
        self._action(orders_menu, _tr("Scan field"), "Ctrl+L", h.focus_scan_field)
        self._action(orders_menu, _tr("Search"), QKeySequence.StandardKey.Find, h.focus_search)
        self._action(orders_menu, _tr("Camera"), "F6", h.toggle_camera)
        self._action(orders_menu, _tr("Clear the verdict"), "Esc", h.clear_verdict)

        def show(key: str) -> Callable[[], None]:
            return lambda: h.select_view(key)

        for i, view in enumerate(VIEWS, start=1):
            self._action(view_menu, view_title(view.key), f"Ctrl+{i}", show(view.key))

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: str | QKeySequence.StandardKey,
        slot: Callable[[], object],
    ) -> QAction:
        act = QAction(text, self._window)
        act.setShortcut(QKeySequence(shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(slot)
        menu.addAction(act)
        self._window.addAction(act)
        self.window_actions.append(act)
        return act

    def rebuild(self) -> None:
        """After a language change: every menu and action again, no old shortcut left."""
        for act in self.window_actions:
            self._window.removeAction(act)
            act.deleteLater()
        self.window_actions.clear()
        self.clear()
        self.populate()
