"""Makes sure a Qt GUI application exists, since fonts and paint devices need one.

The CLI prints PDFs without a window: on a Linux box with no display the offscreen platform
is chosen so that `counter-app print ...` works over SSH too.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def ensure_gui_app() -> QCoreApplication:
    """The running Qt application, creating a (possibly offscreen) one when there is none."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    headless = (
        sys.platform.startswith("linux")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A widgets application, so a print preview can still open later in the same process.
    return QApplication(sys.argv[:1] or ["counter-app"])
