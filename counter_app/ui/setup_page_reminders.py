"""Set-up page "Reminders": the pickup window, the reminder days, and the French and English
templates with their placeholders, previewed as the customer will read them before saving."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.domain.pickup_window import collect_by
from counter_app.domain.reminders import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    PLACEHOLDERS,
    ReminderSpecError,
    TemplateError,
    parse_reminder_days,
    render_template,
)
from counter_app.settings import Settings
from counter_app.settings_file import REMINDER_LANGUAGES

# A made-up customer for the preview.
SAMPLE_NAME = "Camille"
SAMPLE_CODE = "BCDF-GHJK-LNOP"


def _tr(text: str) -> str:
    return QCoreApplication.translate("RemindersPage", text)


class _TemplateEditor(QWidget):
    """Subject and body of one language."""

    def __init__(self, language: str, subject: str, body: str) -> None:
        super().__init__()
        self.language = language
        self.subject = QLineEdit(subject or DEFAULT_SUBJECT[language])
        self.subject.setObjectName(f"reminderSubject_{language}")
        self.subject.setCursorPosition(0)  # the start of a long subject in sight
        self.body = QPlainTextEdit(body or DEFAULT_BODY[language])
        self.body.setObjectName(f"reminderBody_{language}")
        self.body.setMaximumHeight(88)  # the dialog fits a 1024x600 screen
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.subject)
        layout.addWidget(self.body, 1)

    def values(self) -> tuple[str, str]:
        """What to keep: "" for a text left as the built-in one (it follows updates)."""
        subject = self.subject.text().strip()
        body = self.body.toPlainText().strip()
        return (
            "" if subject == DEFAULT_SUBJECT[self.language] else subject,
            "" if body == DEFAULT_BODY[self.language].strip() else body,
        )


class RemindersPage(QWidget):
    """The page's fields; `values()` for the dialog, `problem()` before it saves."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("remindersPage")
        self.settings = settings
        self.enabled = QCheckBox(_tr("Remind customers who have not come"))
        self.enabled.setObjectName("remindersEnabled")
        self.enabled.setChecked(settings.reminders_enabled)
        self.pickup_days = QSpinBox()
        self.pickup_days.setObjectName("pickupDays")
        self.pickup_days.setRange(1, 365)
        self.pickup_days.setValue(settings.pickup_days)
        self.pickup_days.setSuffix(_tr(" days after ready"))
        self.days = QLineEdit(", ".join(settings.reminder_days))
        self.days.setObjectName("reminderDays")
        self.days.setToolTip(
            _tr("ready+3: three days after the order is ready; collect_by-1: the day before")
        )
        self.language = QComboBox()
        self.language.setObjectName("reminderLanguage")
        for code, label in (("fr", "Français"), ("en", "English")):
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.reminder_language)))
        self.editors = QTabWidget()
        self.editors.setObjectName("reminderTemplates")
        self.editor: dict[str, _TemplateEditor] = {}
        for code, label in (("fr", "Français"), ("en", "English")):
            editor = _TemplateEditor(
                code,
                getattr(settings, f"reminder_subject_{code}"),
                getattr(settings, f"reminder_body_{code}"),
            )
            editor.subject.textChanged.connect(self.update_preview)
            editor.body.textChanged.connect(self.update_preview)
            self.editor[code] = editor
            self.editors.addTab(editor, label)
        self.editors.currentChanged.connect(self.update_preview)
        self.placeholders = QLabel(
            _tr("Placeholders: %1").replace("%1", "  ".join("{" + p + "}" for p in PLACEHOLDERS))
        )
        self.placeholders.setWordWrap(True)
        self.placeholders.setStyleSheet("color: #455a64;")
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("reminderPreview")
        self.preview.setReadOnly(True)
        self.preview.setStyleSheet("background: #f5f5f5;")
        self.preview.setMaximumHeight(124)
        self.error = QLabel()
        self.error.setObjectName("reminderError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.days.textChanged.connect(self.update_preview)
        self.pickup_days.valueChanged.connect(self.update_preview)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("", self.enabled)
        form.addRow(_tr("Collect by"), self.pickup_days)
        form.addRow(_tr("Reminder days"), self.days)
        form.addRow(_tr("Customers read"), self.language)
        texts = QGridLayout()
        self.preview.setToolTip(_tr("Preview"))
        self.editors.setToolTip(_tr("Template"))
        texts.addWidget(self.editors, 0, 0)
        texts.addWidget(self.preview, 0, 1)
        texts.setColumnStretch(0, 1)
        texts.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.placeholders)
        layout.addLayout(texts, 1)
        layout.addWidget(self.error)
        self.update_preview()

    @staticmethod
    def title() -> str:
        return _tr("Reminders")

    def sample_values(self) -> dict[str, str]:
        last = collect_by(datetime.now(UTC), self.pickup_days.value())
        return {
            "first_name": SAMPLE_NAME,
            "shop_name": self.settings.shop_name or _tr("Your shop"),
            "address": self.settings.shop_address,
            "opening_hours": self.settings.opening_hours,
            "pickup_code": SAMPLE_CODE,
            "collect_by": last.strftime("%d/%m/%Y") if last else "",
        }

    def update_preview(self, *_args: Any) -> None:
        """The current language's text as the customer reads it, or what is wrong with it."""
        editor = self.editors.currentWidget()
        assert isinstance(editor, _TemplateEditor)
        problem = self.problem()
        try:
            subject = render_template(editor.subject.text(), self.sample_values())
            body = render_template(editor.body.toPlainText(), self.sample_values())
        except TemplateError:
            subject, body = "", ""
        self.preview.setPlainText(f"{subject}\n\n{body}" if subject or body else "")
        self.error.setText(problem)
        self.error.setVisible(bool(problem))

    def problem(self) -> str:
        """What stops the page from being saved ("" when nothing)."""
        try:
            parse_reminder_days(self._day_texts())
        except ReminderSpecError:
            return _tr("Reminder days: write ready+N or collect_by-N, separated by commas.")
        for code, editor in self.editor.items():
            for text in (editor.subject.text(), editor.body.toPlainText()):
                try:
                    render_template(text, {})
                except TemplateError as exc:
                    language = "Français" if code == "fr" else "English"
                    if exc.placeholder:
                        return (
                            _tr("%1 template: unknown placeholder {%2}.")
                            .replace("%1", language)
                            .replace("%2", exc.placeholder)
                        )
                    return _tr("%1 template: a brace is not closed.").replace("%1", language)
        return ""

    def _day_texts(self) -> list[str]:
        return [t.strip() for t in self.days.text().split(",") if t.strip()]

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reminders_enabled": self.enabled.isChecked(),
            "pickup_days": self.pickup_days.value(),
            "reminder_days": self._day_texts(),
            "reminder_language": self.language.currentData() or REMINDER_LANGUAGES[0],
        }
        for code, editor in self.editor.items():
            subject, body = editor.values()
            out[f"reminder_subject_{code}"] = subject
            out[f"reminder_body_{code}"] = body
        return out
