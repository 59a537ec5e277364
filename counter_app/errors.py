"""Errors the app reports to people as one clear line (the CLI turns them into an exit code)."""


class CounterError(Exception):
    """An expected failure with a message fit to show a user as it is."""

    exit_code = 1


class ConfigError(CounterError):
    """A setting is missing or has a value the app cannot use."""


class SchemaTooNewError(CounterError):
    """The database was written by a newer version of the app; it is left untouched."""
