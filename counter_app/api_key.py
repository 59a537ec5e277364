"""Keeps the marketplace API key (and the database password) out of files anyone can read.

The OS keyring is used where a real backend exists; otherwise a file in the config folder with
owner-only permissions (0600). The keyring entry is keyed by the home folder so that two homes
never share a key.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from types import ModuleType

from counter_app.paths import Paths

log = logging.getLogger(__name__)

KEYRING_SERVICE = "counter-app"
KEY_FILE_NAME = "api_key.secret"


def _keyring() -> ModuleType | None:
    """The keyring module when a usable (non-fail, non-null) backend exists, else None."""
    if os.environ.get("COUNTER_APP_NO_KEYRING"):
        return None
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            return None
        # The chainer with no real backend behind it is as good as none.
        if getattr(backend, "backends", None) == []:
            return None
        return keyring
    except Exception:  # keyring probes D-Bus etc.; any failure means "no keyring here"
        return None


class ApiKeyStore:
    """Save, load and forget the API key for one home."""

    file_name = KEY_FILE_NAME
    account_suffix = ""
    what = "API key"

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    @property
    def key_file(self) -> Path:
        return self.paths.config_dir / self.file_name

    @property
    def _account(self) -> str:
        return str(self.paths.config_dir) + self.account_suffix

    def save(self, api_key: str) -> str:
        """Store the key; returns where it went ("keyring" or "file")."""
        kr = _keyring()
        if kr is not None:
            try:
                kr.set_password(KEYRING_SERVICE, self._account, api_key)
                with contextlib.suppress(FileNotFoundError):
                    self.key_file.unlink()
                return "keyring"
            except Exception as exc:  # a locked or broken keyring: fall back to the file
                log.warning(
                    "keyring unavailable (%s); storing the %s in a private file",
                    type(exc).__name__,
                    self.what,
                )
        self.paths.config_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.key_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(api_key)
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.key_file)
        return "file"

    def load(self) -> str | None:
        kr = _keyring()
        if kr is not None:
            try:
                value = kr.get_password(KEYRING_SERVICE, self._account)
                if value:
                    return value
            except Exception:
                pass
        if self.key_file.exists():
            return self.key_file.read_text(encoding="utf-8").strip() or None
        return None

    def forget(self) -> None:
        kr = _keyring()
        if kr is not None:
            with contextlib.suppress(Exception):
                kr.delete_password(KEYRING_SERVICE, self._account)
        with contextlib.suppress(FileNotFoundError):
            self.key_file.unlink()


class DatabasePasswordStore(ApiKeyStore):
    """The shop server's database password, kept like the API key (never in settings.toml)."""

    file_name = "database_password.secret"
    account_suffix = "#database"
    what = "database password"


def keep_database_password(paths: Paths, database_url: str, password: str) -> None:
    """After set-up: the shop server's password kept (keyring or 0600 file), or forgotten
    when there is none or no server any more; never written to settings.toml."""
    store = DatabasePasswordStore(paths)
    if database_url and password:
        store.save(password)
    else:
        store.forget()
