"""Logging: a rotating file in the data folder, stderr for the CLI, and secrets redacted."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
from io import TextIOWrapper
from pathlib import Path

from counter_app.errors import CounterError
from counter_app.private_files import private_dir, touch_private

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


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """The log file, readable by this user only; a write that fails says so once, briefly.

    The standard handler prints "--- Logging error ---" and a traceback for every record it
    cannot write (a full disk): a till must keep working with one plain warning instead.
    """

    _warned = False

    def _open(self) -> TextIOWrapper:
        touch_private(Path(self.baseFilename))
        return super()._open()

    def handleError(self, record: logging.LogRecord) -> None:
        if not PrivateLogFile._warned:
            PrivateLogFile._warned = True
            exc = sys.exc_info()[1]
            reason = getattr(exc, "strerror", None) or exc or "unknown error"
            with contextlib.suppress(Exception):
                print(
                    f"counter-app: warning: the log file {self.baseFilename} cannot be written "
                    f"({reason}); carrying on without it",
                    file=sys.stderr,
                )


def register_secret(secret: str) -> None:
    """Never let this string reach a log handler (API keys, passwords)."""
    if secret and len(secret) >= 4:
        _redactor.secrets.add(secret)


def redact(text: str) -> str:
    """The text with every registered secret replaced, for error messages shown to people."""
    for secret in _redactor.secrets:
        text = text.replace(secret, REDACTED)
    return text


class QuietStderr(logging.StreamHandler):
    """stderr for people: one line per record, tracebacks only in the log file (or with
    `--debug`), and no "--- Logging error ---" when the terminal is gone."""

    def filter(self, record: logging.LogRecord) -> bool:
        # Records meant for the log file alone (the traceback behind a plain error line).
        return not getattr(record, "file_only", False) and super().filter(record)

    def format(self, record: logging.LogRecord) -> str:
        if record.exc_info or record.exc_text:
            record = logging.makeLogRecord(record.__dict__)
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return super().format(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass


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
        try:
            private_dir(log_dir)
            file_handler: logging.Handler = PrivateLogFile(
                log_dir / LOG_FILE_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as exc:
            raise CounterError(
                f"cannot write the log file in {log_dir}: {exc.strerror or exc}; "
                "the home folder must be writable by this user (or choose another with --home)"
            ) from exc
        file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        handlers.append(file_handler)
    if stderr:
        err = QuietStderr()
        err.setLevel(logging.DEBUG if verbose else logging.WARNING)
        handlers.append(err)
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(_redactor)
        handler._counter_app = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
