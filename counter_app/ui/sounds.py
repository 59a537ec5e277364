"""Short distinct sounds per verdict, played through QtMultimedia when it loads, else silence.

QtMultimedia needs the platform's audio libraries, which a bare counter PC may lack: the first
failure is logged once and every later sound is skipped. The sound device is the true edge of
the app, so tests pass their own `backend` callable to see which sound would have played.
"""

from __future__ import annotations

import logging
import math
import struct
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

from counter_app.resources import resources_dir

log = logging.getLogger(__name__)

SOUND_KINDS = ("ok", "warn", "bad", "notify")
_RATE = 22050

# (frequency Hz, duration s) per note; a zero frequency is a pause. Ok rises, bad falls and
# buzzes, warn repeats one tone, notify is a soft two-note chime: told apart without looking.
_MELODIES: dict[str, list[tuple[float, float]]] = {
    "ok": [(880.0, 0.08), (1320.0, 0.12)],
    "warn": [(660.0, 0.1), (0.0, 0.06), (660.0, 0.1)],
    "bad": [(330.0, 0.16), (220.0, 0.24)],
    "notify": [(1046.5, 0.1), (784.0, 0.18)],
}


def sounds_dir() -> Path:
    return resources_dir() / "sounds"


def write_sound_files(folder: Path) -> list[Path]:
    """Write one small mono 16-bit WAV per kind (the committed files come from here)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, notes in _MELODIES.items():
        frames = bytearray()
        for freq, seconds in notes:
            count = int(_RATE * seconds)
            for i in range(count):
                # A short fade at both ends of each note avoids clicks.
                envelope = min(1.0, i / 200, (count - i) / 200)
                square = 0.35 if kind == "bad" else 0.0
                value = math.sin(2 * math.pi * freq * i / _RATE)
                value = (1 - square) * value + square * math.copysign(1.0, value)
                sample = int(12000 * envelope * value) if freq else 0
                frames += struct.pack("<h", sample)
        path = folder / f"{kind}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(_RATE)
            out.writeframes(bytes(frames))
        written.append(path)
    return written


class SoundPlayer:
    """Plays the sound for a verdict kind; never raises, never blocks the till."""

    def __init__(
        self,
        folder: Path | None = None,
        backend: Callable[[str, Path], None] | None = None,
        enabled: bool = True,
    ) -> None:
        self.folder = folder or sounds_dir()
        self.enabled = enabled
        self._backend = backend
        self._effects: dict[str, Any] = {}
        self._broken = False

    def play(self, kind: str) -> None:
        if not self.enabled or kind not in SOUND_KINDS:
            return
        path = self.folder / f"{kind}.wav"
        if self._backend is not None:
            self._backend(kind, path)
            return
        if self._broken:
            return
        try:
            effect = self._effects.get(kind)
            if effect is None:
                effect = self._load(path)
                self._effects[kind] = effect
            effect.play()
        except Exception as exc:  # no audio stack: the verdict band still says it all
            self._broken = True
            log.warning("sounds disabled: %s", exc)

    def _load(self, path: Path) -> Any:
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QSoundEffect

        effect = QSoundEffect()
        effect.setSource(QUrl.fromLocalFile(str(path)))
        effect.setVolume(0.8)
        return effect


if __name__ == "__main__":
    for written_path in write_sound_files(sounds_dir()):
        print(written_path)
