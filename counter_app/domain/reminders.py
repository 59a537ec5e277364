"""Reminders to customers who have not come: on which days, which ones are due, their text.

Pure Python; the clock (`today`, a local calendar day) comes from the caller. A reminder day
is written `ready+N` (N days after the ready day) or `collect_by-N` (N days before the
collect-by day). Each reminder of an order goes out at most once. After days with the app
closed, only the latest reminder that fell due is sent (the customer gets one message, not
two in one go, and the latest is the most relevant: it is the nearer the collect-by day);
the earlier ones are recorded as skipped, with a note naming the one that went instead.
Nothing is sent once the collect-by day is over: the order is then one to cancel, not to
remind.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

READY = "ready"
COLLECT_BY = "collect_by"
_SPEC = re.compile(r"^\s*(ready|collect_by)\s*([+-])\s*(\d{1,3})\s*$")

# The placeholders a template may use, in the order the editor lists them.
PLACEHOLDERS: tuple[str, ...] = (
    "first_name",
    "shop_name",
    "address",
    "opening_hours",
    "pickup_code",
    "collect_by",
)

DEFAULT_SUBJECT: dict[str, str] = {
    "fr": "Votre commande vous attend chez {shop_name}",
    "en": "Your order is waiting for you at {shop_name}",
}
DEFAULT_BODY: dict[str, str] = {
    "fr": (
        "Bonjour {first_name},\n\n"
        "Votre commande vous attend chez {shop_name}, {address}.\n"
        "Vous pouvez la retirer jusqu'au {collect_by} inclus, avec votre code de retrait "
        "{pickup_code}.\n"
        "Horaires : {opening_hours}\n\n"
        "À bientôt !"
    ),
    "en": (
        "Hello {first_name},\n\n"
        "Your order is waiting for you at {shop_name}, {address}.\n"
        "You can collect it until {collect_by} included, with your pickup code {pickup_code}.\n"
        "Opening hours: {opening_hours}\n\n"
        "See you soon!"
    ),
}


class ReminderSpecError(ValueError):
    """A reminder day that does not read as `ready+N` or `collect_by-N`."""


class TemplateError(ValueError):
    """A template with an unknown placeholder or a stray brace; `placeholder` names it."""

    def __init__(self, message: str, placeholder: str = "") -> None:
        super().__init__(message)
        self.placeholder = placeholder


@dataclass(frozen=True, order=True)
class ReminderDay:
    """One reminder day, relative to the ready day or to the collect-by day."""

    anchor: str  # READY or COLLECT_BY
    days: int  # after the ready day, or before the collect-by day

    @property
    def key(self) -> str:
        """The stable name kept with each reminder sent (`ready+3`, `collect_by-1`)."""
        sign = "+" if self.anchor == READY else "-"
        return f"{self.anchor}{sign}{self.days}"

    def day(self, ready_day: date, collect_by_day: date) -> date:
        if self.anchor == READY:
            return ready_day + timedelta(days=self.days)
        return collect_by_day - timedelta(days=self.days)


def parse_reminder_day(text: str) -> ReminderDay:
    """`ready+3` or `collect_by-1` (spaces allowed); anything else is a ReminderSpecError."""
    match = _SPEC.match(text)
    if not match:
        raise ReminderSpecError(
            f"reminder day {text!r} must read ready+N (days after ready) "
            "or collect_by-N (days before the collect-by day)"
        )
    anchor, sign, number = match.groups()
    if (anchor == READY) != (sign == "+"):
        raise ReminderSpecError(
            f"reminder day {text!r}: use ready+N or collect_by-N (a reminder falls between "
            "the ready day and the collect-by day)"
        )
    return ReminderDay(anchor, int(number))


def parse_reminder_days(texts: Iterable[str]) -> list[ReminderDay]:
    """Every reminder day, without duplicates, in the order given."""
    out: list[ReminderDay] = []
    for text in texts:
        spec = parse_reminder_day(text)
        if spec not in out:
            out.append(spec)
    return out


@dataclass(frozen=True)
class ReminderPlan:
    """What to do today for one order: the reminder to send (if any) and those to skip."""

    send: ReminderDay | None
    send_on: date | None
    skip: tuple[ReminderDay, ...] = ()


def plan_reminders(
    specs: Iterable[ReminderDay],
    ready_day: date,
    collect_by_day: date,
    today: date,
    done: Iterable[str] = (),
) -> ReminderPlan:
    """Which reminder of a ready order is due `today`, given the keys already sent or skipped.

    A reminder falls due on its day; one missed (app closed) is sent on the next day the app
    runs, as long as the collect-by day is not over. Of several due at once only the latest
    is sent; the others are skipped. A reminder whose day falls on or before the ready day
    (a short pickup window) is skipped: the ready message said it all.
    """
    finished = set(done)
    due: list[tuple[date, ReminderDay]] = []
    for spec in specs:
        if spec.key in finished:
            continue
        when = spec.day(ready_day, collect_by_day)
        if when <= ready_day or when > collect_by_day:
            if today >= when:
                due.append((date.min, spec))  # never sensible: skipped once its day comes
            continue
        if when <= today:
            due.append((when, spec))
    if not due:
        return ReminderPlan(None, None)
    due.sort(key=lambda item: (item[0], item[1]))
    latest_day, latest = due[-1]
    if latest_day == date.min or today > collect_by_day:
        return ReminderPlan(None, None, tuple(spec for _, spec in due))
    return ReminderPlan(latest, latest_day, tuple(spec for _, spec in due[:-1]))


def first_name(customer_name: str) -> str:
    """The customer's first name as the marketplace gives it ("Camille Martin" -> "Camille")."""
    parts = customer_name.split()
    return parts[0] if parts else ""


def check_template(template: str) -> None:
    """Raise TemplateError for an unknown placeholder or a lone brace."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise TemplateError(f"template: {exc} (write {{{{ and }}}} for a brace)") from exc
    for name in fields:
        if name not in PLACEHOLDERS:
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise TemplateError(f"unknown placeholder {{{name}}}; use {known}", name)


def render_template(template: str, values: Mapping[str, str]) -> str:
    """The template with its placeholders filled (checked first)."""
    check_template(template)
    return template.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


def template_for(language: str, subject: str, body: str) -> tuple[str, str]:
    """The owner's subject and body, or the built-in ones for that language when left empty."""
    lang = language if language in DEFAULT_BODY else "fr"
    return (subject.strip() or DEFAULT_SUBJECT[lang], body.strip() or DEFAULT_BODY[lang])
