"""The settings file on disk: reading `settings.toml`, checking each value, writing it back.

Kept apart from the `Settings` dataclass (`counter_app.settings`), which says what the values
mean; this module knows only TOML, the bounds a typed value must keep, and atomic writes.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from counter_app.errors import ConfigError

SHIP_ON_CHOICES = ("ready", "collected")
REMINDER_LANGUAGES = ("fr", "en")
# Settings whose text must be one of a few values.
_CHOICES: dict[str, tuple[str, ...]] = {
    "ship_on": SHIP_ON_CHOICES,
    "reminder_language": REMINDER_LANGUAGES,
}
# Settings fields never written to the file: the secrets, the paths, what one run found.
NOT_IN_FILE = {
    "api_key",
    "database_password",
    "paths",
    "demo",
    "demo_url",
    "demo_urls",
    "unknown_keys",
    "marketplace_key",
}
# The view of one account: in the file only inside `[[marketplaces]]`.
ACCOUNT_VIEW = {
    "marketplaces",
    "marketplace_url",
    "shop_id",
    "pickup_shipping_types",
    "pickup_code_field",
}
# Sensible bounds for numbers a person types (an absurd interval must not crash the sleep).
_LIMITS: dict[str, tuple[int, int]] = {
    "sync_interval_seconds": (5, 86_400),
    "offline_after_seconds": (10, 7 * 86_400),
    "sync_takeover_seconds": (5, 3_600),
    "verdict_timeout_seconds": (0, 3_600),
    "pickup_days": (1, 365),
}


def read_settings_file(path: Path) -> dict[str, Any]:
    """The file's table as TOML gives it ({} with no file); a file that cannot be used is a
    `ConfigError` that says what to do."""
    if not (path.exists() or path.is_symlink()):
        return {}
    if path.is_dir():
        raise ConfigError(
            f"settings file {path} is a folder, not a file; "
            "move it away (the app writes a new one at set-up)"
        )
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"settings file {path} cannot be read: {exc.strerror or exc}") from exc


def write_settings_file(path: Path, values: dict[str, Any]) -> None:
    """Write the settings file atomically (a crash leaves the old or the new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".toml.tmp")
    with open(tmp, "wb") as fh:
        tomli_w.dump(values, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def coerce(name: str, value: Any, default: Any) -> Any:
    """Check a value from the file or the environment against the type of the setting's
    `default` (and its bounds or choices)."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in {
            "1",
            "true",
            "yes",
            "on",
            "0",
            "false",
            "no",
            "off",
        }:
            return value.lower() in {"1", "true", "yes", "on"}
    elif isinstance(default, int):
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            number = value
        elif isinstance(value, str) and value.strip().isdigit():
            number = int(value)
        if number is not None:
            low, high = _LIMITS.get(name, (0, 10**9))
            if low <= number <= high:
                return number
            raise ConfigError(f"setting '{name}' must be between {low} and {high} (got {number})")
    elif isinstance(default, str):
        if isinstance(value, str) and name in _CHOICES:
            if value.strip().lower() in _CHOICES[name]:
                return value.strip().lower()
            raise ConfigError(
                f"setting '{name}' must be one of {', '.join(_CHOICES[name])}, not {value!r}"
            )
        if isinstance(value, str):
            return value
    elif isinstance(default, list):
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
    elif isinstance(default, dict) and (
        isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    ):
        return dict(value)
    raise ConfigError(f"setting '{name}' has an unusable value: {value!r}")
