"""Logging: a rotating file in the data folder, stderr for the CLI, and secrets redacted."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE_NAME = "counter-app.log"
REDACTED = "***"


class RedactSecrets(logging.Filter):
    """Replaces every registered secret in a record's final text, wherever it came from."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        text = message
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
            if record.exc_text:
                record.exc_text = record.exc_text.replace(secret, REDACTED)
        if text != message:
            record.msg, record.args = text, None
        return True


_redactor = RedactSecrets()


def register_secret(secret: str) -> None:
    """Never let this string reach a log handler (API keys, passwords)."""
    if secret and len(secret) >= 4:
        _redactor.secrets.add(secret)


def redact(text: str) -> str:
    """The text with every registered secret replaced, for error messages shown to people."""
    for secret in _redactor.secrets:
        text = text.replace(secret, REDACTED)
    return text


def setup_logging(log_dir: Path | None, *, verbose: bool = False, stderr: bool = True) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_counter_app", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = []
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        handlers.append(file_handler)
    if stderr:
        err = logging.StreamHandler()
        err.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(err)
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(_redactor)
        handler._counter_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
