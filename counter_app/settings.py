"""The one typed settings object and where its values come from.

Precedence, lowest first: built-in defaults < the TOML file < environment variables <
command-line flags. `COUNTER_APP_HOME` (or `--home`) names one folder that holds everything
(database, settings file, logs, backups), so two homes never share state. Without it the
platform's config and data folders are used.

The API key is never written to the TOML file: see `counter_app.api_key`. Reading and
writing the file itself, and checking each value, is `counter_app.settings_file`; the shop
server's password is kept out of its URL by `counter_app.database_url`.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from counter_app.accounts import (
    LEGACY_KEY,
    AccountKeyStore,
    MarketplaceAccount,
    accounts_from_toml,
    legacy_account,
)
from counter_app.api_key import DatabasePasswordStore
from counter_app.database_url import split_password, with_password
from counter_app.errors import ConfigError
from counter_app.paths import APP_NAME, Paths
from counter_app.settings_file import (
    ACCOUNT_VIEW,
    NOT_IN_FILE,
    coerce,
    read_settings_file,
    write_settings_file,
)

ENV_HOME = "COUNTER_APP_HOME"
ENV_MARKETPLACE_URL = "COUNTER_APP_MARKETPLACE_URL"
ENV_API_KEY = "COUNTER_APP_API_KEY"
ENV_SHOP_ID = "COUNTER_APP_SHOP_ID"
ENV_DATABASE_URL = "COUNTER_APP_DATABASE_URL"

DOCUMENT_KINDS = ("slip", "card", "daily_list")
# The settings that say which marketplace and shop the till syncs with: when the set-up
# changes one of them, the window rebuilds its sync.
MARKETPLACE_FIELDS = (
    "marketplaces",
    "marketplace_url",
    "api_key",
    "shop_id",
    "pickup_shipping_types",
    "pickup_code_field",
)
# What the set-up dialog edits, applied to the running window's settings when it is saved.
SETUP_FIELDS = (
    "marketplaces",
    "marketplace_key",
    "marketplace_url",
    "shop_id",
    "pickup_shipping_types",
    "pickup_code_field",
    "till_name",
    "language",
    "confirm_on_scan",
    "verdict_timeout_seconds",
    "printers",
    "api_key",
    "camera_device",
    "camera_mirror",
    "shop_name",
    "shop_address",
    "opening_hours",
    # The Reminders page.
    "reminders_enabled",
    "pickup_days",
    "reminder_days",
    "reminder_language",
    "reminder_subject_fr",
    "reminder_body_fr",
    "reminder_subject_en",
    "reminder_body_en",
)


def builtin_demo_home() -> Path:
    """The demo's own folder (`--demo` without `--home`): never a shop's data."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "demo"


@dataclass
class Settings:
    """Every setting the app reads. Field names are the TOML keys."""

    # The shop's marketplace accounts (`[[marketplaces]]` in the file), see `accounts`.
    marketplaces: list[MarketplaceAccount] = field(default_factory=list)

    # One account's view: these fields are the account `marketplace_key` (the first one
    # after loading; `for_account` makes the view of another). Setting them changes that
    # account (see `effective_accounts`). They are written to the file only as part of
    # `[[marketplaces]]`; a single-account file's top-level keys are read as account `main`.
    # An empty URL means "not set up yet": nothing is synced. The demo simulator only ever
    # runs with `--demo` (see `demo`), never on a shop's store.
    marketplace_url: str = ""
    shop_id: str = ""
    # Only shipping types with these codes are kept; empty = ask SH12 for click & collect ones.
    pickup_shipping_types: list[str] = field(default_factory=list)
    # OR31 custom field (order additional field code) that receives the pickup code, if any.
    pickup_code_field: str = ""
    # When OR24 (ship) goes out: "ready" when the order is marked ready (the collection is
    # then kept here), or "collected" when the customer takes the bag. Each OR24 after
    # `shipping_deadline` counts as a late shipment for the shop.
    ship_on: str = "collected"
    # The operator refuses orders left unaccepted this long after `created_date`; Mirakl
    # operators each set their own delay, so the "accept before" shown is an estimate.
    acceptance_delay_hours: int = 24
    # With ship_on = "collected": a ready order whose ship-by date is this close is flagged.
    ship_by_warning_hours: int = 24
    # The pickup window: a ready order may be collected until its ready day + pickup_days
    # (its "collect by" day); after that it is "not collected" (remind, then cancel).
    pickup_days: int = 10
    # Reminders to customers who have not come: each entry is "ready+N" (N days after the
    # ready day) or "collect_by-N" (N days before the collect-by day). Templates use the
    # placeholders of `counter_app.domain.reminders.PLACEHOLDERS`; empty = the built-in text.
    reminders_enabled: bool = True
    reminder_days: list[str] = field(default_factory=lambda: ["ready+3", "collect_by-1"])
    reminder_language: str = "fr"
    reminder_subject_fr: str = ""
    reminder_body_fr: str = ""
    reminder_subject_en: str = ""
    reminder_body_en: str = ""
    sync_interval_seconds: int = 60
    # A verdict is flagged offline when the last good sync is older than this.
    offline_after_seconds: int = 300

    # Storage: empty = a SQLite file in the data folder.
    database_url: str = ""
    # On a shared store: a follower till takes over syncing when the syncing till's
    # heartbeat is older than this (its PC frozen or switched off).
    sync_takeover_seconds: int = 45

    # Till and shop.
    till_name: str = field(default_factory=socket.gethostname)
    language: str = "system"  # "system", "fr" or "en"
    shop_name: str = ""
    shop_address: str = ""
    opening_hours: str = ""
    confirm_on_scan: bool = False
    verdict_timeout_seconds: int = 20
    # Camera scanning: the webcam's id (empty = the system's default) and a mirrored preview.
    camera_device: str = ""
    camera_mirror: bool = False
    # The scanner: a prefix it is set to send before each code (removed), and the longest
    # pause between two keys of one scan (a person types slower; some wireless scanners too).
    scanner_prefix: str = ""
    scanner_max_gap_ms: int = 50

    # Printing: printer name per document kind, and page size per kind.
    printers: dict[str, str] = field(default_factory=dict)
    slip_size: str = "80mm"
    escpos_target: str = ""  # e.g. "tcp://192.168.1.50:9100"; empty = Qt printing

    # Not from the TOML file: the secret, the paths, the demo flag and what the file held
    # that the app does not know (reported by name, with the closest known key).
    api_key: str = field(default="", repr=False)
    # The shop server's password: from the keyring, or taken out of a typed database_url.
    database_password: str = field(default="", repr=False)
    paths: Paths = field(default_factory=lambda: Paths.for_home(None), repr=False)
    demo: bool = False
    demo_url: str = ""  # the in-process demo simulator's address, once started
    # With several demo simulators: each demo account's simulator address, by account key.
    demo_urls: dict[str, str] = field(default_factory=dict, repr=False)
    # Which account the view fields above are (see `for_account`).
    marketplace_key: str = LEGACY_KEY
    unknown_keys: list[str] = field(default_factory=list, repr=False)

    def effective_database_url(self) -> str:
        """The URL to connect with: the shop server's (password put back in) or the file."""
        if self.database_url:
            return with_password(self.database_url, self.database_password)
        return f"sqlite:///{self.paths.database_file}"

    @property
    def shared_store(self) -> bool:
        """The store is a shop server several tills share (not this PC's own file)."""
        return bool(self.database_url) and not self.database_url.startswith("sqlite")

    @property
    def is_demo(self) -> bool:
        """Running on the throw-away demo simulator (`--demo`), in the demo's own home."""
        return self.demo

    def unknown_key_hints(self) -> list[tuple[str, str | None]]:
        """(unknown key in the settings file, the closest known key or None)."""
        out: list[tuple[str, str | None]] = []
        for key in self.unknown_keys:
            close = difflib.get_close_matches(key, list(_FIELDS), n=1, cutoff=0.6)
            out.append((key, close[0] if close else None))
        return out

    def unknown_key_warnings(self) -> list[str]:
        """One sentence per unknown key in the settings file, with the closest known key."""
        out = []
        for key, close in self.unknown_key_hints():
            hint = f" (did you mean '{close}'?)" if close else ""
            out.append(f"unknown setting '{key}' in {self.paths.settings_file} is ignored{hint}")
        return out

    def effective_accounts(self) -> list[MarketplaceAccount]:
        """The accounts with the view fields written into their account.

        A settings object with no account but a marketplace address (an old file, the
        environment, a test) has one: `main`.
        """
        view: dict[str, Any] = {
            "url": self.marketplace_url,
            "shop_id": self.shop_id,
            "pickup_shipping_types": list(self.pickup_shipping_types),
            "pickup_code_field": self.pickup_code_field,
            "api_key": self.api_key,
        }
        if not self.marketplaces:
            legacy = legacy_account(
                {"marketplace_url": self.marketplace_url, "shop_id": self.shop_id}
            )
            if legacy is None:
                return []
            return [dataclasses.replace(legacy, key=self.marketplace_key, **view)]
        return [
            dataclasses.replace(a, **view) if a.key == self.marketplace_key else a
            for a in self.marketplaces
        ]

    def account(self, key: str) -> MarketplaceAccount | None:
        """The account with this key (view fields included), or None."""
        return next((a for a in self.effective_accounts() if a.key == key), None)

    def marketplace_label(self, key: str) -> str:
        """What staff read for an account key: its display name (the key when unknown)."""
        account = self.account(key)
        return account.label if account is not None else key

    def for_account(self, account: MarketplaceAccount) -> Settings:
        """A copy whose view fields are this account's: what one account's sync reads."""
        accounts = self.effective_accounts()
        return dataclasses.replace(
            self,
            marketplaces=accounts,
            marketplace_key=account.key,
            marketplace_url=account.url,
            shop_id=account.shop_id,
            pickup_shipping_types=list(account.pickup_shipping_types),
            pickup_code_field=account.pickup_code_field,
            api_key=account.api_key,
            demo_url=self.demo_urls.get(account.key, self.demo_url),
        )

    def to_toml_dict(self) -> dict[str, Any]:
        """The values worth writing to the settings file (never the API key, never paths)."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name in NOT_IN_FILE or f.name in ACCOUNT_VIEW:
                continue
            out[f.name] = getattr(self, f.name)
        out["marketplaces"] = [a.to_toml() for a in self.effective_accounts()]
        return out

    def save(self) -> None:
        """Write the settings file atomically (a crash leaves the old or the new file)."""
        write_settings_file(self.paths.settings_file, self.to_toml_dict())


# The settings the file may hold (and flags may set), by name.
_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name not in NOT_IN_FILE}


def _coerce(name: str, value: Any) -> Any:
    """Check a value from the file or the environment against the field's type."""
    return coerce(name, value, getattr(Settings(), name))


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
    file_values = read_settings_file(paths.settings_file)
    for name, value in file_values.items():
        if name == "marketplaces":
            settings.marketplaces = accounts_from_toml(value)
        elif name in _FIELDS:
            setattr(settings, name, _coerce(name, value))
        elif name == "api_key":
            # Tolerated for hand-written files; the app itself never writes it there.
            settings.api_key = str(value)
        else:
            settings.unknown_keys.append(name)

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

    # A password typed into the URL is kept apart: never written to the file, never logged.
    settings.database_url, typed_password = split_password(settings.database_url)
    if typed_password:
        settings.database_password = typed_password
    elif settings.database_url and read_api_key:
        settings.database_password = DatabasePasswordStore(paths).load() or ""

    if env.get(ENV_API_KEY) and not (overrides or {}).get("api_key"):
        settings.api_key = env[ENV_API_KEY]
    _settle_accounts(settings, file_values, env, overrides or {}, read_api_key=read_api_key)
    return settings


def _settle_accounts(
    settings: Settings,
    file_values: dict[str, Any],
    env: Any,
    overrides: dict[str, Any],
    *,
    read_api_key: bool,
) -> None:
    """Make the view fields the first account's, with what the environment and flags gave.

    A single-account file is read as account `main` (its top-level keys are already in the
    view fields). The environment and flags (`COUNTER_APP_MARKETPLACE_URL`, `--api-key`...)
    change the first account; each account's API key is read from its own keyring entry.
    """
    if not settings.marketplaces:
        # A single-account file (or none): the view fields are the `main` account.
        if not settings.api_key and read_api_key:
            settings.api_key = AccountKeyStore(settings.paths, LEGACY_KEY).load() or ""
        settings.marketplaces = settings.effective_accounts()
        return
    if "marketplaces" in file_values and any(
        name in file_values for name in ("marketplace_url", "shop_id")
    ):
        settings.unknown_keys.extend(
            name for name in ("marketplace_url", "shop_id") if name in file_values
        )
    given = {
        "url": overrides.get("marketplace_url") or env.get(ENV_MARKETPLACE_URL),
        "shop_id": overrides.get("shop_id") or env.get(ENV_SHOP_ID),
        "api_key": settings.api_key or None,
    }
    for account in settings.marketplaces:
        if read_api_key:
            account.api_key = AccountKeyStore(settings.paths, account.key).load() or ""
    first = settings.marketplaces[0]
    for name, value in given.items():
        if value:
            setattr(first, name, value)
    settings.marketplace_key = first.key
    settings.marketplace_url = first.url
    settings.shop_id = first.shop_id
    settings.pickup_shipping_types = list(first.pickup_shipping_types)
    settings.pickup_code_field = first.pickup_code_field
    settings.api_key = first.api_key
