"""Makes sure a Qt GUI application exists, since fonts and paint devices need one.

The CLI prints PDFs without a window: on a Linux box with no display the offscreen platform
is chosen so that `counter-app print ...` works over SSH too.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

# Headroom added once to None's reference count (see `protect_none_refcount`).
_NONE_HEADROOM = 1 << 40
_protected = False


def protect_none_refcount() -> None:
    """Work around the PySide6 6.12 wheels dropping a reference to None on Python 3.11.

    Every call of a Qt method returning void (QPainter.fillRect, setPen, ...) decrements
    None's reference count without having incremented it; after some hundred thousand calls
    (one long daily list) CPython 3.11 aborts with "deallocating None". Python 3.12 made None
    immortal, so the wheels only break on 3.11: there, None gets enough extra references
    once for ~10^12 such calls.
    """
    global _protected
    if _protected or sys.version_info >= (3, 12):
        return
    if platform.python_implementation() != "CPython":
        return
    # ob_refcnt is the first field of every CPython 3.11 object.
    ctypes.c_ssize_t.from_address(id(None)).value += _NONE_HEADROOM
    _protected = True


protect_none_refcount()


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
