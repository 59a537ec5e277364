"""The shop server's password typed into an address is taken out of it, kept apart and
never written to settings.toml."""

from __future__ import annotations

from pathlib import Path

from counter_app.api_key import DatabasePasswordStore, keep_database_password
from counter_app.database_url import split_password, with_password
from counter_app.settings import load_settings


def test_split_password_takes_it_out() -> None:
    url = "postgresql+psycopg://counter:s3cret@192.168.1.10:5432/counter"
    bare, password = split_password(url)
    assert bare == "postgresql+psycopg://counter@192.168.1.10:5432/counter"
    assert password == "s3cret"
    assert with_password(bare, password) == url
    assert split_password(bare) == (bare, "")


def test_a_password_in_the_environment_never_reaches_the_file(tmp_path: Path) -> None:
    env = {
        "COUNTER_APP_DATABASE_URL": "postgresql+psycopg://counter:s3cret@10.0.0.5/counter",
    }
    settings = load_settings(tmp_path, environ=env, read_api_key=False)
    assert settings.database_url == "postgresql+psycopg://counter@10.0.0.5/counter"
    assert settings.database_password == "s3cret"
    settings.save()
    assert "s3cret" not in settings.paths.settings_file.read_text()
    keep_database_password(settings.paths, settings.database_url, settings.database_password)
    assert DatabasePasswordStore(settings.paths).load() == "s3cret"
    again = load_settings(tmp_path, environ={})
    assert again.effective_database_url().endswith("counter:s3cret@10.0.0.5/counter")
    # Back to this PC's own file: the server's password is forgotten.
    keep_database_password(settings.paths, "", "s3cret")
    assert DatabasePasswordStore(settings.paths).load() is None
