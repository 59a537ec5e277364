"""Every printing error a person may see, in one place so the UI can translate them.

`message()` returns the English sentence (the CLI prints it as it is) as a `PrintMessage`
that remembers its key and values, so the window can say it again in the chosen language
(`counter_app.printing.message_texts`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "no_pickup_code": "order {order} has no pickup code yet: mark it ready first",
    "folder_missing": "folder {folder} does not exist",
    "cannot_write": "cannot write {path}: {reason}",
    "cannot_add_page": "cannot add a page to {path}",
    "printer_unavailable": "printer {printer} is not available",
    "printer_refused_page": "the printer refused a new page",
    "printer_not_found": "printer {printer!r} not found (printers here: {known})",
    "no_printer": "no printer is installed; choose one in the settings or print to PDF",
    "paper_refused": "{printer} does not take {width:.0f} x {height:.0f} mm paper "
    "(it offers: {offered})",
    "escpos_no_host": "no host in ESC/POS target {target!r}",
    "escpos_bad_port": "bad port in ESC/POS target {target!r}",
    "escpos_needs_windows": "win32raw printing needs Windows with pywin32",
    "escpos_needs_pycups": "cups printing needs pycups",
    "escpos_unknown_target": "unknown ESC/POS target {target!r}: use tcp://HOST:9100, "
    "win32raw://NAME or cups://NAME",
    "escpos_failed": "the ESC/POS printer did not take the document: {reason}",
    "too_many_bags": "order {order} has {bags} bag(s), not a bag {bag}",
}


class PrintMessage(str):
    """An English printing message that still knows which template and values made it."""

    key: str
    values: dict[str, object]


def message(key: str, **values: object) -> PrintMessage:
    """The message `key` with its values filled in."""
    text = PrintMessage(MESSAGES[key].format(**values))
    text.key = key
    text.values = values
    return text
