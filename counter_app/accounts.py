"""The shop's marketplace accounts: one per marketplace it sells on (all Mirakl sellers).

An account has a stable `key` (lower-case letters, digits and dashes, chosen once from its
first name and never changed, so renaming it keeps its orders), a display name, the API
address, shop id, click & collect shipping codes, the pickup code field and a colour. Its API
key lives in the keyring (or a 0600 file), one entry per account.

The settings file holds them as an array of tables:

    [[marketplaces]]
    key = "carrefour"
    name = "Carrefour"
    url = "https://carrefour-prod.mirakl.net"
    shop_id = "2001"
    colour = "#1565c0"

A settings file of the single-account versions (top-level `marketplace_url`, `shop_id`, ...)
is read as one account with the key `main`; its API key entry is the one it always had, and
the store migration gives its orders and waiting actions the same key, so nothing is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from counter_app.api_key import KEY_FILE_NAME, ApiKeyStore
from counter_app.errors import ConfigError
from counter_app.paths import Paths

# The key of the account a single-account install migrates to (its orders get it too).
LEGACY_KEY = "main"
# Colours given to new accounts in turn (distinct for the colour-blind too: blue, orange,
# green, purple, brown); the list always shows the name next to the colour anyway.
PALETTE = ("#1565c0", "#e65100", "#2e7d32", "#6a1b9a", "#5d4037", "#00838f")
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
# The TOML keys of one account (the API key is never one of them).
ACCOUNT_FIELDS = ("key", "name", "url", "shop_id", "pickup_shipping_types", "pickup_code_field")


@dataclass
class MarketplaceAccount:
    """One marketplace the shop sells on, as the settings hold it."""

    key: str
    name: str
    url: str = ""
    shop_id: str = ""
    # Only shipping types with these codes are kept; empty = ask SH12 for click & collect ones.
    pickup_shipping_types: list[str] = field(default_factory=list)
    # OR31 custom field (order additional field code) that receives the pickup code, if any.
    pickup_code_field: str = ""
    colour: str = ""
    api_key: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        """What staff read: the display name, or the key when it has none."""
        return self.name or self.key

    def to_toml(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in ACCOUNT_FIELDS}
        out["colour"] = self.colour
        return out


class AccountKeyStore(ApiKeyStore):
    """The API key of one account. The migrated account keeps the single-account entry."""

    def __init__(self, paths: Paths, account_key: str) -> None:
        super().__init__(paths)
        self.account_key = account_key
        if account_key != LEGACY_KEY:
            self.file_name = f"api_key.{account_key}.secret"
            self.account_suffix = f"#marketplace:{account_key}"
        else:
            self.file_name = KEY_FILE_NAME


def key_from_name(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A new account's key from its name: "Intermarché (démo)" → "intermarche-demo"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:28] or "marketplace"
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    return key


def next_colour(accounts: list[MarketplaceAccount]) -> str:
    used = {a.colour.lower() for a in accounts}
    for colour in PALETTE:
        if colour.lower() not in used:
            return colour
    return PALETTE[len(accounts) % len(PALETTE)]


def accounts_from_toml(value: Any) -> list[MarketplaceAccount]:
    """The `[[marketplaces]]` tables, checked: a clear error names the bad entry."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError("setting 'marketplaces' must be a list of [[marketplaces]] tables")
    out: list[MarketplaceAccount] = []
    for n, table in enumerate(value, start=1):
        unknown = set(table) - set(ACCOUNT_FIELDS) - {"colour"}
        if unknown:
            raise ConfigError(
                f"marketplace #{n} has unknown setting(s): {', '.join(sorted(unknown))}"
            )
        name = str(table.get("name", "")).strip()
        key = str(table.get("key", "")).strip() or key_from_name(name, {a.key for a in out})
        if not _KEY_RE.match(key):
            raise ConfigError(
                f"marketplace #{n}: key {key!r} must be lower-case letters, digits and dashes"
            )
        if any(a.key == key for a in out):
            raise ConfigError(f"marketplace key {key!r} is used twice")
        types = table.get("pickup_shipping_types", [])
        if isinstance(types, str):
            types = [t.strip() for t in types.split(",") if t.strip()]
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise ConfigError(f"marketplace {key!r}: pickup_shipping_types must be a list")
        colour = str(table.get("colour", "")).strip()
        if colour and not _COLOUR_RE.match(colour):
            raise ConfigError(f"marketplace {key!r}: colour must look like #1565c0")
        out.append(
            MarketplaceAccount(
                key=key,
                name=name or key,
                url=str(table.get("url", "")).strip(),
                shop_id=str(table.get("shop_id", "")).strip(),
                pickup_shipping_types=list(types),
                pickup_code_field=str(table.get("pickup_code_field", "")).strip(),
                colour=colour,
            )
        )
    for account in out:
        account.colour = account.colour or next_colour(out)
    return out


def legacy_account(values: dict[str, Any]) -> MarketplaceAccount | None:
    """The single-account settings (top-level keys) as the `main` account, if any is set."""
    url = str(values.get("marketplace_url", "") or "").strip()
    shop_id = str(values.get("shop_id", "") or "").strip()
    if not url and not shop_id:
        return None
    return MarketplaceAccount(
        key=LEGACY_KEY,
        name=name_from_url(url),
        url=url,
        shop_id=shop_id,
        pickup_shipping_types=list(values.get("pickup_shipping_types") or []),
        pickup_code_field=str(values.get("pickup_code_field", "") or ""),
        colour=PALETTE[0],
    )


def name_from_url(url: str) -> str:
    """A readable default name: "carrefour-prod.mirakl.net" → "Carrefour"; an address by
    number or `localhost` (a test marketplace) is named by its host and port, as typed."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host:
        return "Mirakl"
    if host[0].isdigit() or host == "localhost" or ":" in host:
        return parts.netloc
    return host.split(".")[0].split("-")[0].capitalize() or parts.netloc


def find_account(accounts: list[MarketplaceAccount], wanted: str) -> MarketplaceAccount:
    """The account named `wanted` (its key or display name, any case), or a clear error."""
    folded = wanted.strip().casefold()
    for account in accounts:
        if folded in (account.key.casefold(), account.name.casefold()):
            return account
    names = ", ".join(f"{a.name} ({a.key})" for a in accounts) or "none is set up"
    raise ConfigError(f"no marketplace named {wanted!r}; the marketplaces are: {names}")


def with_values(account: MarketplaceAccount, **changes: Any) -> MarketplaceAccount:
    return replace(account, **changes)
