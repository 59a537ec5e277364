"""Errors the app reports to people as one clear line (the CLI turns them into an exit code)."""


class CounterError(Exception):
    """An expected failure with a message fit to show a user as it is."""

    exit_code = 1


class ConfigError(CounterError):
    """A setting is missing or has a value the app cannot use."""


class SchemaTooNewError(CounterError):
    """The database was written by a newer version of the app; it is left untouched."""


def plain_reason(exc: BaseException) -> str | None:
    """One line for a failure of the disk or the database file, or None if not one of those.

    SQLite and the OS say "disk I/O error", "database or disk is full", "file is not a
    database": these are the words a shop owner can act on, without a traceback.
    """
    text = str(getattr(exc, "orig", None) or exc)
    errno_ = getattr(exc, "errno", None)
    from counter_app.store.database import server_unreachable

    if server_unreachable(exc):
        why = text.splitlines()[0].split(": ")[-1][:120] if text else ""
        return (
            f"the shop's database server cannot be reached ({why}); check the network "
            "cable and that the server PC is on, then try again (nothing was changed)"
        )
    if "database or disk is full" in text or errno_ == 28:
        return "the disk is full: free some space, then start again (nothing was recorded)"
    if "disk I/O error" in text or errno_ == 5:
        return "the disk cannot be written (full or failing): free some space or check the disk"
    if "file is not a database" in text or "malformed" in text:
        return (
            "the database file is damaged or not a database; "
            "run 'counter-app db restore' to put back the newest good backup"
        )
    if "readonly database" in text or "read-only" in text or errno_ in (1, 13, 30):
        where = getattr(exc, "filename", None)
        return (
            f"cannot write {where or 'the database'}: it is read-only for this user; "
            "check the folder's permissions (or choose another with --home)"
        )
    if "unable to open database file" in text:
        return "cannot open the database file: check that its folder exists and is writable"
    if "database is locked" in text:
        return "the database is busy (another till or command?); try again"
    return None
