"""Marketplace accounts in the settings file: reading, migrating one account, keys apart."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from counter_app.accounts import (
    LEGACY_KEY,
    AccountKeyStore,
    MarketplaceAccount,
    find_account,
    key_from_name,
)
from counter_app.errors import ConfigError
from counter_app.settings import load_settings

TWO_ACCOUNTS = """
till_name = "Caisse 1"

[[marketplaces]]
key = "intermarche"
name = "Intermarché"
url = "https://intermarche-prod.mirakl.net"
shop_id = "2001"
pickup_shipping_types = ["RETRAIT"]

[[marketplaces]]
name = "Carrefour"
url = "https://carrefour-prod.mirakl.net"
shop_id = "3002"
pickup_code_field = "code-retrait"
colour = "#e65100"
"""


def _write(home: Path, text: str) -> None:
    (home / "settings.toml").write_text(text, encoding="utf-8")


def test_two_accounts_are_read_with_their_keys_and_colours(home: Path) -> None:
    _write(home, TWO_ACCOUNTS)
    settings = load_settings()
    accounts = settings.effective_accounts()
    assert [(a.key, a.name, a.shop_id) for a in accounts] == [
        ("intermarche", "Intermarché", "2001"),
        ("carrefour", "Carrefour", "3002"),
    ]
    assert accounts[0].pickup_shipping_types == ["RETRAIT"]
    assert accounts[1].pickup_code_field == "code-retrait"
    # A colour was given to the account that had none, different from the other's.
    assert accounts[0].colour and accounts[0].colour != accounts[1].colour
    # The view fields are the first account's.
    assert (settings.marketplace_key, settings.marketplace_url) == (
        "intermarche",
        "https://intermarche-prod.mirakl.net",
    )
    carrefour = settings.for_account(accounts[1])
    assert (carrefour.marketplace_key, carrefour.shop_id, carrefour.pickup_code_field) == (
        "carrefour",
        "3002",
        "code-retrait",
    )
    assert settings.shop_id == "2001"  # the copy did not change the shop's settings


def test_a_single_account_file_becomes_account_main_and_is_saved_as_one(home: Path) -> None:
    _write(
        home,
        'marketplace_url = "https://carrefour-prod.mirakl.net"\nshop_id = "12"\n'
        'pickup_code_field = "retrait"\n',
    )
    AccountKeyStore(load_settings(read_api_key=False).paths, LEGACY_KEY).save("old-key")
    settings = load_settings()
    [account] = settings.effective_accounts()
    assert (account.key, account.name, account.url, account.shop_id, account.api_key) == (
        LEGACY_KEY,
        "Carrefour",
        "https://carrefour-prod.mirakl.net",
        "12",
        "old-key",
    )
    settings.save()
    written = tomllib.loads((home / "settings.toml").read_text(encoding="utf-8"))
    assert "marketplace_url" not in written and "shop_id" not in written
    assert written["marketplaces"] == [
        {
            "key": "main",
            "name": "Carrefour",
            "url": "https://carrefour-prod.mirakl.net",
            "shop_id": "12",
            "pickup_shipping_types": [],
            "pickup_code_field": "retrait",
            "colour": account.colour,
        }
    ]
    again = load_settings()
    assert again.effective_accounts()[0].api_key == "old-key"  # the same keyring entry
    assert "old-key" not in (home / "settings.toml").read_text(encoding="utf-8")


def test_each_account_keeps_its_own_api_key(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NO_KEYRING", "1")
    _write(home, TWO_ACCOUNTS)
    paths = load_settings(read_api_key=False).paths
    AccountKeyStore(paths, "intermarche").save("key-im")
    AccountKeyStore(paths, "carrefour").save("key-cf")
    accounts = load_settings().effective_accounts()
    assert [a.api_key for a in accounts] == ["key-im", "key-cf"]
    files = sorted(p.name for p in paths.config_dir.glob("api_key*.secret"))
    assert files == ["api_key.carrefour.secret", "api_key.intermarche.secret"]
    for name in files:
        assert stat.S_IMODE(os.stat(paths.config_dir / name).st_mode) == 0o600


def test_the_environment_changes_the_first_account_only(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(home, TWO_ACCOUNTS)
    monkeypatch.setenv("COUNTER_APP_MARKETPLACE_URL", "http://127.0.0.1:9999")
    accounts = load_settings(overrides={"shop_id": "777"}).effective_accounts()
    assert (accounts[0].url, accounts[0].shop_id) == ("http://127.0.0.1:9999", "777")
    assert (accounts[1].url, accounts[1].shop_id) == ("https://carrefour-prod.mirakl.net", "3002")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[[marketplaces]]\nkey = "Bad Key"\nname = "x"\n', "lower-case"),
        (
            '[[marketplaces]]\nname = "A"\nkey = "a"\n[[marketplaces]]\nname = "B"\nkey = "a"\n',
            "twice",
        ),
        ('[[marketplaces]]\nname = "A"\nurl_typo = "x"\n', "url_typo"),
        ('[[marketplaces]]\nname = "A"\ncolour = "blue"\n', "#1565c0"),
        ('marketplaces = "carrefour"\n', "list"),
    ],
)
def test_a_bad_marketplaces_table_is_a_clear_error(home: Path, text: str, said: str) -> None:
    _write(home, text)
    with pytest.raises(ConfigError, match=said):
        load_settings()


def test_names_give_stable_distinct_keys_and_are_found_by_name_or_key() -> None:
    assert key_from_name("Intermarché (démo)") == "intermarche-demo"
    assert key_from_name("Carrefour", {"carrefour"}) == "carrefour-2"
    assert key_from_name("!!!") == "marketplace"
    accounts = [
        MarketplaceAccount("intermarche", "Intermarché"),
        MarketplaceAccount("cf", "Carrefour"),
    ]
    assert find_account(accounts, "carrefour").key == "cf"
    assert find_account(accounts, "INTERMARCHE").key == "intermarche"
    with pytest.raises(ConfigError, match="Intermarché \\(intermarche\\), Carrefour \\(cf\\)"):
        find_account(accounts, "darty")
