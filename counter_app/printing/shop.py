"""What documents print about the shop itself."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.settings import Settings


@dataclass(frozen=True)
class ShopInfo:
    """The shop's name, address and opening hours, as the owner typed them in the settings."""

    name: str = ""
    address: str = ""
    opening_hours: str = ""
    # The pickup window (days after the ready day); 0 = the card names no collect-by day.
    pickup_days: int = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> ShopInfo:
        return cls(
            settings.shop_name, settings.shop_address, settings.opening_hours, settings.pickup_days
        )

    @classmethod
    def coerce(cls, shop: ShopInfo | str | None) -> ShopInfo:
        if isinstance(shop, ShopInfo):
            return shop
        return cls(name=shop or "")
