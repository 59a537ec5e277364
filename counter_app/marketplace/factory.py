"""Builds the connector the settings ask for (the only place that knows connector classes)."""

from __future__ import annotations

from counter_app.errors import ConfigError
from counter_app.marketplace.connector import MarketplaceConnector
from counter_app.marketplace.mirakl import MiraklConnector
from counter_app.settings import Settings


def connector_from_settings(
    settings: Settings, *, read_timeout: float = 30.0, max_retries: int = 4
) -> MarketplaceConnector:
    """A Mirakl connector for `settings.marketplace_url` (start the demo first when empty)."""
    if not settings.marketplace_url:
        raise ConfigError(
            "no marketplace URL configured: set marketplace_url, or start the demo marketplace"
        )
    if not settings.marketplace_url.startswith(("http://", "https://")):
        raise ConfigError(
            f"marketplace_url must start with https:// (got {settings.marketplace_url!r})"
        )
    if not settings.api_key:
        raise ConfigError("no marketplace API key configured")
    return MiraklConnector(
        settings.marketplace_url,
        settings.api_key,
        settings.shop_id,
        read_timeout=read_timeout,
        max_retries=max_retries,
    )
