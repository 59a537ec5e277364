"""Printing errors in the interface's language.

`counter_app.printing.messages` writes its errors in English for the command line, as
`PrintMessage`s that keep their template key and values; here the same template is looked up
in the catalogues (context `PrintMessages`) and filled with the same values. An error that is
not one of ours (from the system) keeps its own text behind a translated lead-in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.printing.messages import MESSAGES, PrintMessage

CONTEXT = "PrintMessages"


def catalogue_strings() -> list[tuple[str, str]]:
    """(context, English text) of every printing message, for the extractor."""
    return [(CONTEXT, text) for text in dict.fromkeys(MESSAGES.values())]


def _tr(text: str) -> str:
    context = CONTEXT  # a name, so that the extractor does not collect this call itself
    return QCoreApplication.translate(context, text)


def print_message_text(exc: BaseException) -> str:
    """Why printing failed, in the current language, as one sentence."""
    reason = exc.args[0] if exc.args else None
    if isinstance(reason, PrintMessage):
        template = MESSAGES[reason.key]
        try:
            return _tr(template).format(**reason.values)
        except (KeyError, IndexError, ValueError):  # a translation with a broken field
            return str(reason)
    return str(exc) or type(exc).__name__


def is_no_printer(exc: BaseException) -> bool:
    """No printer installed or chosen: the print preview (with Save as PDF) stands in."""
    reason = exc.args[0] if exc.args else None
    return isinstance(reason, PrintMessage) and reason.key == "no_printer"
