"""Dates, times, money and counts shown to people, in the language chosen by `i18n`.

Everything goes through the default `QLocale` (set by `install_translators`), so a French
shop sees "24/11/2026 14:05" and "12,50 €" while an English one sees its own conventions.
Stored datetimes are aware UTC; they are shown in the PC's local time.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

# Symbols for the currencies a marketplace order is likely to use; others show their ISO code.
_CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


def to_local(moment: datetime) -> datetime:
    """An aware datetime in the PC's time zone (naive values are taken as already local)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


def _qdatetime(moment: datetime) -> QDateTime:
    local = to_local(moment)
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
    )


def format_date(day: date | datetime, locale: QLocale | None = None) -> str:
    """A short date: 24/11/2026 in French."""
    if isinstance(day, datetime):
        day = to_local(day).date()
    return _locale(locale).toString(
        QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
    )


def format_long_date(day: date | datetime, locale: QLocale | None = None) -> str:
    """A date spelled out, for printed lists: "mardi 24 novembre 2026" in French."""
    if isinstance(day, datetime):
        day = to_local(day).date()
    return _locale(locale).toString(
        QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
    )


def format_time(moment: datetime, locale: QLocale | None = None) -> str:
    """Hours and minutes in local time: 14:05 in French, 14:05 or 2:05 PM elsewhere."""
    return _locale(locale).toString(_qdatetime(moment).time(), QLocale.FormatType.ShortFormat)


def format_moment(moment: datetime, now: datetime | None = None) -> str:
    """The time alone when it is today, else date and time: a deadline read at a glance."""
    today = to_local(now or datetime.now().astimezone()).date()
    if to_local(moment).date() == today:
        return format_time(moment)
    return format_datetime(moment)


def format_datetime(moment: datetime, locale: QLocale | None = None) -> str:
    """Short date and time in local time."""
    return _locale(locale).toString(_qdatetime(moment), QLocale.FormatType.ShortFormat)


def format_money(cents: int, currency: str = "EUR", locale: QLocale | None = None) -> str:
    """An amount held in cents, with the locale's separators: "12,50 €" in French."""
    code = currency.upper()
    symbol = _CURRENCY_SYMBOLS.get(code, code)
    return _locale(locale).toCurrencyString(cents / 100, symbol, 2)
