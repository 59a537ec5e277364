"""Reminder days, which reminder is due on a day, and the templates' placeholders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from counter_app.domain.reminders import (
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    PLACEHOLDERS,
    ReminderDay,
    ReminderSpecError,
    TemplateError,
    check_template,
    first_name,
    parse_reminder_day,
    parse_reminder_days,
    plan_reminders,
    render_template,
    template_for,
)

READY_DAY = date(2027, 3, 1)
COLLECT_BY = date(2027, 3, 11)
SPECS = parse_reminder_days(["ready+3", "collect_by-1"])


def test_parse_both_kinds_and_spaces() -> None:
    assert parse_reminder_day("ready+3") == ReminderDay("ready", 3)
    assert parse_reminder_day(" collect_by - 1 ") == ReminderDay("collect_by", 1)
    assert parse_reminder_day("ready+3").key == "ready+3"
    assert parse_reminder_day("collect_by-1").key == "collect_by-1"
    assert parse_reminder_days(["ready+3", "ready + 3"]) == [ReminderDay("ready", 3)]


@pytest.mark.parametrize("text", ["", "3", "ready-3", "collect_by+1", "tomorrow", "ready+x"])
def test_bad_days_are_refused_with_the_form_to_use(text: str) -> None:
    with pytest.raises(ReminderSpecError, match="ready\\+N"):
        parse_reminder_day(text)


def _sent_each_day(specs: list[ReminderDay], days: list[date]) -> dict[date, str]:
    """Run the plan on each day given (the app open on those days only), as the store would."""
    done: set[str] = set()
    sent: dict[date, str] = {}
    for today in days:
        plan = plan_reminders(specs, READY_DAY, COLLECT_BY, today, done)
        done.update(spec.key for spec in plan.skip)
        if plan.send is not None:
            sent[today] = plan.send.key
            done.add(plan.send.key)
    return sent


def test_each_reminder_on_its_day_exactly_once_when_open_every_day() -> None:
    days = [READY_DAY + timedelta(days=i) for i in range(20)]
    assert _sent_each_day(SPECS, days) == {
        date(2027, 3, 4): "ready+3",
        date(2027, 3, 10): "collect_by-1",
    }


def test_a_day_closed_is_caught_up_on_the_next_day_open_once() -> None:
    days = [READY_DAY + timedelta(days=i) for i in range(20) if i != 3]  # closed on the 4th
    assert _sent_each_day(SPECS, days) == {
        date(2027, 3, 5): "ready+3",
        date(2027, 3, 10): "collect_by-1",
    }


def test_after_a_long_closure_only_the_latest_goes_the_others_are_skipped() -> None:
    plan = plan_reminders(SPECS, READY_DAY, COLLECT_BY, date(2027, 3, 11), set())
    assert plan.send == ReminderDay("collect_by", 1) and plan.send_on == date(2027, 3, 10)
    assert plan.skip == (ReminderDay("ready", 3),)


def test_nothing_is_sent_once_the_collect_by_day_is_over() -> None:
    plan = plan_reminders(SPECS, READY_DAY, COLLECT_BY, date(2027, 3, 12), set())
    assert plan.send is None and set(plan.skip) == set(SPECS)


def test_a_reminder_outside_the_window_is_skipped_never_sent() -> None:
    specs = parse_reminder_days(["ready+15", "collect_by-12"])
    days = [READY_DAY + timedelta(days=i) for i in range(25)]
    assert _sent_each_day(specs, days) == {}


def test_nothing_before_its_day() -> None:
    plan = plan_reminders(SPECS, READY_DAY, COLLECT_BY, date(2027, 3, 3), set())
    assert plan.send is None and plan.skip == ()


def test_first_name() -> None:
    assert first_name("Camille Martin") == "Camille"
    assert first_name("  ") == ""


def test_defaults_use_only_known_placeholders_and_all_of_them() -> None:
    for lang in ("fr", "en"):
        check_template(DEFAULT_SUBJECT[lang])
        check_template(DEFAULT_BODY[lang])
        for name in PLACEHOLDERS:
            if name != "shop_name":
                assert "{" + name + "}" in DEFAULT_BODY[lang]


def test_render_fills_every_placeholder() -> None:
    values = {name: name.upper() for name in PLACEHOLDERS}
    text = render_template("{first_name} {collect_by} {{braces}}", values)
    assert text == "FIRST_NAME COLLECT_BY {braces}"


def test_unknown_placeholder_is_named() -> None:
    with pytest.raises(TemplateError) as caught:
        render_template("Bonjour {prenom}", {})
    assert caught.value.placeholder == "prenom" and "{first_name}" in str(caught.value)


def test_lone_brace_is_a_clear_error() -> None:
    with pytest.raises(TemplateError, match="brace"):
        check_template("Bonjour {first_name")


def test_empty_owner_text_falls_back_to_the_language_default() -> None:
    assert template_for("en", "", " ") == (DEFAULT_SUBJECT["en"], DEFAULT_BODY["en"])
    assert template_for("fr", "Sujet", "Corps") == ("Sujet", "Corps")
    assert template_for("de", "", "")[1] == DEFAULT_BODY["fr"]
