"""Settings precedence and API-key storage."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from counter_app.api_key import ApiKeyStore
from counter_app.errors import ConfigError
from counter_app.settings import Paths, Settings, load_settings


def write_toml(folder: Path, text: str) -> None:
    (folder / "settings.toml").write_text(text, encoding="utf-8")


def test_defaults_when_nothing_is_set(home: Path) -> None:
    s = load_settings()
    assert s.marketplace_url == ""
    assert not s.is_demo  # no address is "not set up", never the demo (only --demo is)
    assert s.sync_interval_seconds == 60
    assert s.effective_database_url() == f"sqlite:///{home.resolve() / 'counter.sqlite3'}"


def test_file_beats_defaults_env_beats_file_flags_beat_env(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_toml(
        home,
        'marketplace_url = "https://file.example"\nshop_id = "111"\n'
        'till_name = "Caisse 2"\nsync_interval_seconds = 90\n',
    )
    s = load_settings()
    assert (s.marketplace_url, s.shop_id, s.till_name, s.sync_interval_seconds) == (
        "https://file.example",
        "111",
        "Caisse 2",
        90,
    )

    monkeypatch.setenv("COUNTER_APP_MARKETPLACE_URL", "https://env.example")
    monkeypatch.setenv("COUNTER_APP_SHOP_ID", "222")
    s = load_settings()
    assert (s.marketplace_url, s.shop_id, s.till_name) == ("https://env.example", "222", "Caisse 2")

    s = load_settings(overrides={"shop_id": "333"})
    assert (s.marketplace_url, s.shop_id) == ("https://env.example", "333")


def test_home_flag_beats_env_and_homes_do_not_share(tmp_path: Path, home: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    write_toml(home, 'shop_id = "from-env-home"\n')
    write_toml(other, 'shop_id = "from-flag-home"\n')
    assert load_settings().shop_id == "from-env-home"
    flagged = load_settings(home=other)
    assert flagged.shop_id == "from-flag-home"
    assert flagged.paths.database_file.parent == other.resolve()
    assert flagged.paths.log_dir.parent == other.resolve()


def test_bad_values_are_clear_errors(home: Path) -> None:
    write_toml(home, 'sync_interval_seconds = "often"\n')
    with pytest.raises(ConfigError, match="sync_interval_seconds"):
        load_settings()
    write_toml(home, "this is = = not toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()


def test_save_round_trips_and_never_writes_the_api_key(home: Path) -> None:
    s = load_settings()
    s.api_key = "sk-very-secret-123"
    s.shop_id = "2042"
    s.printers = {"slip": "Thermal-80"}
    s.save()
    text = (home / "settings.toml").read_text()
    assert "sk-very-secret-123" not in text
    again = load_settings()
    assert again.shop_id == "2042" and again.printers == {"slip": "Thermal-80"}


def test_api_key_file_is_private_and_per_home(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ApiKeyStore(Paths.for_home(home))
    assert store.save("key-home-one") == "file"
    mode = stat.S_IMODE(store.key_file.stat().st_mode)
    assert mode == 0o600
    assert load_settings().api_key == "key-home-one"
    assert load_settings(home=tmp_path / "elsewhere").api_key == ""
    monkeypatch.setenv("COUNTER_APP_API_KEY", "key-from-env")
    assert load_settings().api_key == "key-from-env"
    store.forget()
    monkeypatch.delenv("COUNTER_APP_API_KEY")
    assert load_settings().api_key == ""


def test_api_key_is_not_in_repr() -> None:
    assert "hunter22" not in repr(Settings(api_key="hunter22"))
