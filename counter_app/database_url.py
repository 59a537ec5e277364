"""The shop server's address and its password, kept apart.

A password typed into `database_url` is taken out of it at load (kept in the keyring, never in
the settings file or a log) and put back only in the URL the store connects with.
"""

from __future__ import annotations


def split_password(url: str) -> tuple[str, str]:
    """(the URL without its password, the password or ""); a URL that does not parse is
    returned as it is (the database layer reports it)."""
    if not url or "@" not in url:
        return url, ""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return url, ""
    if not parsed.password:
        return url, ""
    # Not `set(password=None)`: SQLAlchemy 2.1 reads None there as "leave it as it is".
    bare = parsed._replace(password=None)
    return bare.render_as_string(hide_password=False), str(parsed.password)


def with_password(url: str, password: str) -> str:
    """The URL with this password, unless it already carries one."""
    if not password or not url or url.startswith("sqlite"):
        return url
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:
        return url
    if parsed.password:
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)
