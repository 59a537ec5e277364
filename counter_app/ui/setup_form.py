"""What the set-up pages share: a form that grows its fields, and a message under each field.

The dialog shell owns the messages (`FieldErrors`); each page adds its fields through it, so a
message sits right under the field it is about, whatever page that is on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QLineEdit, QVBoxLayout, QWidget


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


class FieldErrors:
    """The red messages under the set-up's fields, by field name."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}
        # Set by the dialog: checks the fields again while a message is shown.
        self.recheck: Callable[[], None] = lambda: None

    def add(
        self,
        form: QFormLayout,
        label: str,
        field: QWidget | QLayout,
        name: str,
        edit: QLineEdit | None = None,
    ) -> None:
        """A row of `form`: `field` with its (hidden) message under it. Typing in `edit`
        (the field itself when it is a line edit) checks a shown message again."""
        box = QVBoxLayout()
        box.setSpacing(1)
        if isinstance(field, QWidget):
            box.addWidget(field)
        else:
            box.addLayout(field)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet("color: #b3261e;")
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        self.labels[name] = error
        form.addRow(label, box)
        if edit is None and isinstance(field, QLineEdit):
            edit = field
        if edit is not None:
            # A message fixed by typing goes away at once, not at the next Save.
            edit.textChanged.connect(lambda _text: self.recheck())
