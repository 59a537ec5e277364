"""Dates and money on printed documents, through QLocale (French for a French shop)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale

_CURRENCY_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "CHF": "CHF"}


def document_locale(language: str = "system") -> QLocale:
    """The locale documents are printed in: `fr`, `en`, or the default locale for `system`."""
    if language == "fr":
        return QLocale(QLocale.Language.French, QLocale.Country.France)
    if language == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale()


def local_day(moment: datetime | date) -> date:
    """The calendar day of a moment in the PC's time zone (aware datetimes are converted)."""
    if isinstance(moment, datetime):
        return (moment.astimezone() if moment.tzinfo else moment).date()
    return moment


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def short_date(moment: datetime | date, locale: QLocale) -> str:
    """24/11/2026 in French."""
    return locale.toString(_qdate(local_day(moment)), QLocale.FormatType.ShortFormat)


def long_date(moment: datetime | date, locale: QLocale) -> str:
    """mardi 24 novembre 2026 in French."""
    return locale.toString(_qdate(local_day(moment)), QLocale.FormatType.LongFormat)


def short_datetime(moment: datetime, locale: QLocale) -> str:
    local = moment.astimezone() if moment.tzinfo else moment
    return f"{short_date(local, locale)} {local:%H:%M}"


def money(cents: int, currency: str, locale: QLocale) -> str:
    """12,50 € in French."""
    symbol = _CURRENCY_SYMBOLS.get(currency.upper(), currency.upper())
    return locale.toCurrencyString(cents / 100, symbol, 2)
