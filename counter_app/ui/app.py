"""Starts the Qt application and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from counter_app.bootstrap import open_context
from counter_app.settings import Settings


def run_gui(settings: Settings, *, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Counter")
    app.setOrganizationName("Counter")
    ctx = open_context(settings)
    from counter_app.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
