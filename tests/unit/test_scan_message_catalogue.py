"""Every scan message key has a French translation with the same fields; rendering is safe."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from counter_app.domain.scan import BagVerdict, Verdict
from counter_app.domain.scan_messages import (
    CONTEXT,
    ITEMS_SOURCE,
    SOURCES,
    STAGE_LABELS,
    ItemCount,
    Message,
    english,
    render,
)
from counter_app.domain.stages import Stage

ROOT = Path(__file__).resolve().parents[2]
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"
_FIELD = re.compile(r"\{(\w+)\}")


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> QTranslator:
    """The French catalogue compiled now from its .ts source, read without an application."""
    qm = tmp_path_factory.mktemp("qm") / "counter_fr.qm"
    ts = ROOT / "resources" / "translations" / "counter_fr.ts"
    subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(qm)], check=True, timeout=60)
    translator = QTranslator()
    assert translator.load(str(qm))
    return translator


def test_every_verdict_and_bag_verdict_has_a_key() -> None:
    for verdict in Verdict:
        assert f"verdict.{verdict.value}" in SOURCES
    for bag in BagVerdict:
        assert f"bag.{bag.value}" in SOURCES
    assert set(STAGE_LABELS) == set(Stage)


@pytest.mark.parametrize("key", sorted(SOURCES))
def test_every_key_has_a_french_translation_with_the_same_fields(
    key: str, french: QTranslator
) -> None:
    source = SOURCES[key]
    translated = french.translate(CONTEXT, source)
    assert translated, f"{key}: no French translation for {source!r}"
    assert translated != source
    assert sorted(_FIELD.findall(translated)) == sorted(_FIELD.findall(source))


def test_stage_words_and_the_item_plural_are_translated(french: QTranslator) -> None:
    for stage, label in STAGE_LABELS.items():
        assert french.translate(CONTEXT, label) not in ("", label), stage
    assert french.translate(CONTEXT, ITEMS_SOURCE, None, 1) == "%n article"
    assert french.translate(CONTEXT, ITEMS_SOURCE, None, 3) == "%n articles"


def test_an_unknown_key_is_refused_at_once() -> None:
    with pytest.raises(KeyError):
        Message("verdict.maybe")


def test_a_translation_with_a_broken_field_falls_back_to_english() -> None:
    def broken(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if "{customer}" in source:
            return "Remettre à {client}"
        return english(context, source, disambiguation, n)

    message = Message("verdict.ok", {"customer": "Léa", "items": ItemCount(2), "shelf": "B3"})
    assert render(message, broken) == "Hand over: Léa — 2 items, shelf B3."


def test_field_values_are_never_read_as_templates() -> None:
    # A name with braces is text, not a field: it must neither fail nor be filled in.
    message = Message("verdict.ok", {"customer": "{shelf}", "items": ItemCount(1), "shelf": None})
    assert str(message) == "Hand over: {shelf} — 1 item, shelf ?."


def test_a_field_missing_from_a_message_reads_as_a_question_mark() -> None:
    assert str(Message("verdict.not_ready")) == "Not ready yet (stage: ?). Do not hand over."


def test_messages_and_results_stay_hashable() -> None:
    from counter_app.domain.scan_matching import simple_result

    message = Message("verdict.invalid", {"reason": Message("invalid.check")}, offline=True)
    same = Message("verdict.invalid", {"reason": Message("invalid.check")}, offline=True)
    assert message == same and hash(message) == hash(same)
    assert (
        len(
            {simple_result("x", Verdict.UNKNOWN, False), simple_result("x", Verdict.UNKNOWN, False)}
        )
        == 1
    )
