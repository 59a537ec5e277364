"""The one typed settings object and where its values come from.

Precedence, lowest first: built-in defaults < the TOML file < environment variables <
command-line flags. `COUNTER_APP_HOME` (or `--home`) names one folder that holds everything
(database, settings file, logs, backups), so two homes never share state. Without it the
platform's config and data folders are used.

The API key is never written to the TOML file: see `counter_app.api_key`.
"""

from __future__ import annotations

import dataclasses
import os
import socket
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs
import tomli_w

from counter_app.errors import ConfigError

APP_NAME = "counter-app"
SETTINGS_FILE_NAME = "settings.toml"
DATABASE_FILE_NAME = "counter.sqlite3"

ENV_HOME = "COUNTER_APP_HOME"
ENV_MARKETPLACE_URL = "COUNTER_APP_MARKETPLACE_URL"
ENV_API_KEY = "COUNTER_APP_API_KEY"
ENV_SHOP_ID = "COUNTER_APP_SHOP_ID"
ENV_DATABASE_URL = "COUNTER_APP_DATABASE_URL"

DOCUMENT_KINDS = ("slip", "card", "daily_list")


@dataclass(frozen=True)
class Paths:
    """Folders the app writes to, all derived from one home (or the platform defaults)."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / SETTINGS_FILE_NAME

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILE_NAME

    @classmethod
    def for_home(cls, home: Path | None) -> Paths:
        if home is not None:
            home = home.expanduser().resolve()
            return cls(config_dir=home, data_dir=home)
        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> None:
        for folder in (self.config_dir, self.data_dir, self.log_dir, self.backup_dir):
            folder.mkdir(parents=True, exist_ok=True)


@dataclass
class Settings:
    """Every setting the app reads. Field names are the TOML keys."""

    # Marketplace. An empty URL means "demo": the built-in simulator is started.
    marketplace_url: str = ""
    shop_id: str = ""
    # Only shipping types with these codes are kept; empty = ask SH12 for click & collect ones.
    pickup_shipping_types: list[str] = field(default_factory=list)
    # OR31 custom field (order additional field code) that receives the pickup code, if any.
    pickup_code_field: str = ""
    sync_interval_seconds: int = 60
    # A verdict is flagged offline when the last good sync is older than this.
    offline_after_seconds: int = 300

    # Storage: empty = a SQLite file in the data folder.
    database_url: str = ""

    # Till and shop.
    till_name: str = field(default_factory=socket.gethostname)
    language: str = "system"  # "system", "fr" or "en"
    shop_name: str = ""
    shop_address: str = ""
    opening_hours: str = ""
    confirm_on_scan: bool = False
    verdict_timeout_seconds: int = 20

    # Printing: printer name per document kind, and page size per kind.
    printers: dict[str, str] = field(default_factory=dict)
    slip_size: str = "80mm"
    escpos_target: str = ""  # e.g. "tcp://192.168.1.50:9100"; empty = Qt printing

    # Not from the TOML file: the secret and the paths.
    api_key: str = field(default="", repr=False)
    paths: Paths = field(default_factory=lambda: Paths.for_home(None), repr=False)

    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.paths.database_file}"

    @property
    def is_demo(self) -> bool:
        return not self.marketplace_url

    def to_toml_dict(self) -> dict[str, Any]:
        """The values worth writing to the settings file (never the API key, never paths)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name in _NOT_IN_FILE:
                continue
            out[f.name] = getattr(self, f.name)
        return out

    def save(self) -> None:
        """Write the settings file atomically (a crash leaves the old or the new file)."""
        target = self.paths.settings_file
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".toml.tmp")
        with open(tmp, "wb") as fh:
            tomli_w.dump(self.to_toml_dict(), fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)


_NOT_IN_FILE = {"api_key", "paths"}
_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name not in _NOT_IN_FILE}


def _coerce(name: str, value: Any) -> Any:
    """Check a value from the file or the environment against the field's type."""
    default = getattr(Settings(), name)
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
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
    elif isinstance(default, str):
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


def load_settings(
    home: Path | str | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
    *,
    read_api_key: bool = True,
) -> Settings:
    """Build the settings from defaults, file, environment and flags (in that order).

    `home` is the `--home` flag; `overrides` holds other command-line flags.
    """
    env = os.environ if environ is None else environ
    home_value = home if home is not None else env.get(ENV_HOME) or None
    paths = Paths.for_home(Path(home_value) if home_value else None)

    settings = Settings(paths=paths)
    file_values: dict[str, Any] = {}
    if paths.settings_file.exists():
        try:
            file_values = tomllib.loads(paths.settings_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"settings file {paths.settings_file} is not valid TOML: {exc}"
            ) from exc
    for name, value in file_values.items():
        if name in _FIELDS:
            setattr(settings, name, _coerce(name, value))
        elif name == "api_key":
            # Tolerated for hand-written files; the app itself never writes it there.
            settings.api_key = str(value)

    env_map = {
        ENV_MARKETPLACE_URL: "marketplace_url",
        ENV_SHOP_ID: "shop_id",
        ENV_DATABASE_URL: "database_url",
    }
    for var, name in env_map.items():
        if env.get(var):
            setattr(settings, name, env[var])

    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name == "api_key":
            settings.api_key = value
        elif name in _FIELDS:
            setattr(settings, name, _coerce(name, value))
        else:
            raise ConfigError(f"unknown setting '{name}'")

    if env.get(ENV_API_KEY) and not (overrides or {}).get("api_key"):
        settings.api_key = env[ENV_API_KEY]
    elif not settings.api_key and read_api_key:
        from counter_app.api_key import ApiKeyStore

        settings.api_key = ApiKeyStore(paths).load() or ""
    return settings
