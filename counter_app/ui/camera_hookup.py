"""Wires the camera panel into the counter window, loading QtMultimedia only when asked.

QtMultimedia needs the platform's media libraries, which a bare counter PC may lack; the window
must open without them, and F6 then says plainly why the camera cannot be used.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Camera", text)


def multimedia_error() -> str:
    """Why the camera cannot be used at all ("" when QtMultimedia loads)."""
    try:
        import PySide6.QtMultimedia  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return ""


def camera_unavailable_message(error: str) -> str:
    return _tr(
        "The camera cannot be used on this PC: its video libraries did not load (%1)."
    ).replace("%1", error)


def toggle_camera_panel(window: Any) -> Any | None:
    """Show or hide the window's camera panel, building it on first use."""
    panel = getattr(window, "camera_panel", None)
    if panel is not None:
        panel.setVisible(not panel.isVisible())
        return panel
    error = multimedia_error()
    if error:
        log.warning("camera unavailable: %s", error)
        window.toast.show_message(camera_unavailable_message(error), "bad", 8000)
        return None
    from counter_app.ui.camera_panel import CameraPanel

    panel = CameraPanel(
        window,
        device_key=window.settings.camera_device,
        mirrored=window.settings.camera_mirror,
        open_setup=window.open_setup,
    )
    # Exactly the scanner's path: the window's handle_scan, nothing camera-specific after it.
    panel.scanned.connect(window.handle_scan)
    window.verdict_shown.connect(panel.show_verdict)
    window.band.cleared.connect(panel.clear_verdict)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    # As narrow as it may be: the order tabs and the detail pane need the width on 1366 px.
    window.resizeDocks([panel], [panel.minimumWidth()], Qt.Orientation.Horizontal)
    window.camera_panel = panel
    panel.show()
    return panel


def apply_camera_settings(window: Any) -> None:
    """After the set-up is saved: the panel follows the new camera and mirror choice."""
    panel = getattr(window, "camera_panel", None)
    if panel is None:
        return
    panel.set_mirrored(window.settings.camera_mirror)
    if panel.device_key != window.settings.camera_device:
        panel.device_key = window.settings.camera_device
        if panel.isVisible():
            panel.start()


def shutdown_camera(window: Any) -> None:
    panel = getattr(window, "camera_panel", None)
    if panel is not None:
        panel.shutdown()
