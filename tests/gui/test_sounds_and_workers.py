"""Sounds (files, fallback to silence) and the worker pool posting results to the GUI thread."""

from __future__ import annotations

import logging
import threading
import wave
from pathlib import Path
from typing import Any

import pytest

from counter_app.ui.sounds import SOUND_KINDS, SoundPlayer, sounds_dir, write_sound_files
from counter_app.ui.workers import WorkerPool


def test_each_kind_has_its_own_short_sound(tmp_path: Path) -> None:
    written = write_sound_files(tmp_path)
    assert sorted(p.stem for p in written) == sorted(SOUND_KINDS)
    contents = set()
    for kind in SOUND_KINDS:
        shipped = sounds_dir() / f"{kind}.wav"
        assert shipped.read_bytes() == (tmp_path / f"{kind}.wav").read_bytes()
        with wave.open(str(shipped)) as wav:
            seconds = wav.getnframes() / wav.getframerate()
            assert 0.1 < seconds < 0.5  # a beep, not a tune
            contents.add(wav.readframes(wav.getnframes()))
    assert len(contents) == len(SOUND_KINDS)


def test_without_an_audio_stack_sounds_fall_silent_once(
    caplog: pytest.LogCaptureFixture, qapp: Any
) -> None:
    player = SoundPlayer()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            player.play("ok")  # never raises, whatever the machine has
    warnings = [r for r in caplog.records if "sounds disabled" in r.getMessage()]
    assert len(warnings) <= 1


def test_results_come_back_on_the_gui_thread(qtbot: Any) -> None:
    pool = WorkerPool()
    seen: dict[str, Any] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback"] = threading.get_ident()

    pool.submit(work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=3000)
    assert seen["value"] == 42
    assert seen["worker"] != threading.get_ident()
    assert seen["callback"] == threading.get_ident()


def test_errors_come_back_to_the_error_callback(qtbot: Any) -> None:
    pool = WorkerPool()
    errors: list[BaseException] = []

    def work() -> None:
        raise TimeoutError("the marketplace took too long")

    pool.submit(work, lambda _v: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], TimeoutError)
