"""Keeps the PySide6 6.12 wheels from wearing down the reference counts of None, True, False.

On Python 3.11 (3.12 made these objects immortal) some PySide6 6.12 calls give back a reference
to None, True or False that they never took. A counter window makes millions of such calls in
a day (every `setVisible(bool)`, every void method), and CPython aborts with "deallocating
None/True" once a count reaches zero. The printing package guards None the same way; the window
needs True and False too. Each gets enough spare references once for ~10^12 calls.
"""

from __future__ import annotations

import ctypes
import platform
import sys

_HEADROOM = 1 << 40
_done = False


def protect_singletons() -> None:
    global _done
    if _done or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return
    from counter_app.printing.qt_app import protect_none_refcount

    protect_none_refcount()
    for obj in (True, False):
        # ob_refcnt is the first field of every CPython 3.11 object.
        ctypes.c_ssize_t.from_address(id(obj)).value += _HEADROOM
    _done = True
