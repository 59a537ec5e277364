"""What documents print about the shop itself, and the names of the marketplaces it sells on."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.accounts import LEGACY_KEY
from counter_app.settings import Settings


@dataclass(frozen=True)
class ShopInfo:
    """The shop's name, address and opening hours, as the owner typed them in the settings."""

    name: str = ""
    address: str = ""
    opening_hours: str = ""
    # The pickup window (days after the ready day); 0 = the card names no collect-by day.
    pickup_days: int = 0
    # The shop's marketplace accounts as (key, display name), in the settings' order: the
    # slip, the card and the daily list say which marketplace an order came from.
    marketplaces: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> ShopInfo:
        return cls(
            settings.shop_name,
            settings.shop_address,
            settings.opening_hours,
            settings.pickup_days,
            tuple((a.key, a.label) for a in settings.effective_accounts()),
        )

    @classmethod
    def coerce(cls, shop: ShopInfo | str | None) -> ShopInfo:
        if isinstance(shop, ShopInfo):
            return shop
        return cls(name=shop or "")

    @property
    def several_marketplaces(self) -> bool:
        """The shop sells on more than one marketplace (the daily list then has a column)."""
        return len(self.marketplaces) > 1

    def marketplace_name(self, key: str) -> str:
        """The display name of the account `key`, as documents print it.

        An account no longer in the settings (removed, its orders still here) is named by
        its key. "" when nothing names it: no account is known at all (a document built
        without the settings) and the key is the single-account `main`, which is no name.
        """
        for account_key, label in self.marketplaces:
            if account_key == key:
                return label
        if not self.marketplaces and key in ("", LEGACY_KEY):
            return ""
        return key
