"""An X display of our own (Xvfb + openbox), the real counter window on it, a US scanner.

- `XSession`: Xvfb on a free display number (`-displayfd`), 1366x768, openbox as window
  manager, `setxkbmap` to switch the PC's keyboard layout, `xdotool` to type.
- `UsScanner`: the key strokes a USB scanner set to the US layout sends. A scanner sends key
  *positions* (HID usages), so on a French or German PC the same positions give other
  characters; here each character becomes the X keycode of its US key, with Shift for capitals
  and shifted signs, sent in one `xdotool key` run so the gaps stay those of a scanner.
- `CounterWindow`: `python -m counter_app gui` as a subprocess on that display, observed
  through its diagnostic log (`COUNTER_APP_VERDICT_LOG`, see counter_app/ui/diagnostics.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TOOLS = ("Xvfb", "openbox", "xdotool", "setxkbmap", "xkbcomp")
INSTALL_HINT = (
    "OS-level input tests need Xvfb, openbox, xdotool, setxkbmap and the X libraries of Qt's "
    "xcb plugin. Debian/Ubuntu: apt-get install xvfb xdotool openbox x11-xkb-utils xkb-data "
    "libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 "
    "libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 "
    "(`make test` does it when run as root: tests/os_input/ensure_system_packages.sh)."
)

# X keycodes (evdev) of the US keyboard: character without Shift → keycode.
_US_ROWS = {
    "`1234567890-=": [49, *range(10, 20), 20, 21],
    "qwertyuiop[]\\": [*range(24, 36), 51],
    "asdfghjkl;'": list(range(38, 49)),
    "zxcvbnm,./": list(range(52, 62)),
}
_US_SHIFTED = dict(zip('~!@#$%^&*()_+{}|:"<>?', "`1234567890-=[]\\;',./", strict=True))
US_KEYCODE: dict[str, int] = {" ": 65}
for chars, codes in _US_ROWS.items():
    US_KEYCODE.update(zip(chars, codes, strict=True))
RETURN, TAB, KP_ENTER = 36, 23, 104


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


SUFFIXES: dict[str, list[str]] = {
    "enter": [str(RETURN)],
    "keypad_enter": [str(KP_ENTER)],
    "tab": [str(TAB)],
    # CR as Return, LF as Ctrl+J: a scanner with function-key mapping on.
    "crlf": [str(RETURN), "ctrl+44"],
}


class UsScanner:
    """Turns a code into the xdotool key strokes of a US-layout scanner."""

    @staticmethod
    def strokes(text: str, suffix: str = "enter") -> list[str]:
        out = []
        for ch in text:
            if ch.isascii() and ch.isalpha() and ch.isupper():
                out.append(f"shift+{US_KEYCODE[ch.lower()]}")
            elif ch in _US_SHIFTED:
                out.append(f"shift+{US_KEYCODE[_US_SHIFTED[ch]]}")
            else:
                out.append(str(US_KEYCODE[ch]))
        return out + SUFFIXES[suffix]


class XSession:
    """Xvfb + openbox on a display of our own; stopped with `close()`."""

    def __init__(self, size: str = "1366x768x24") -> None:
        read_fd, write_fd = os.pipe()
        self._xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
            pass_fds=(write_fd,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_fd)
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            self._xvfb.kill()
            raise RuntimeError("Xvfb did not start (no display number)")
        self.display = f":{number}"
        self.env = {**os.environ, "DISPLAY": self.display}
        self.env.pop("WAYLAND_DISPLAY", None)
        self._wm = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)  # openbox takes the display's focus handling over
        if self._wm.poll() is not None:
            self.close()
            raise RuntimeError("openbox did not start")

    def run(self, *args: str, timeout: float = 20) -> str:
        done = subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def xdotool(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def set_layout(self, layout: str) -> None:
        self.run("setxkbmap", layout)

    def close(self) -> None:
        for proc in (self._wm, self._xvfb):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)


class CounterWindow:
    """The real counter window in a subprocess on `session`'s display."""

    def __init__(self, session: XSession, home: Path, env_extra: dict[str, str], log: Path) -> None:
        self.session = session
        self.home = home
        self.log = log
        log.unlink(missing_ok=True)
        env = {k: v for k, v in session.env.items() if not k.startswith("COUNTER_APP_")}
        env.update(
            {
                "COUNTER_APP_HOME": str(home),
                "COUNTER_APP_NO_KEYRING": "1",
                "COUNTER_APP_VERDICT_LOG": str(log),
                "QT_QPA_PLATFORM": "xcb",
                **env_extra,
            }
        )
        self._stderr = open(home / f"{log.stem}.stderr", "w", encoding="utf-8")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "counter_app", "gui"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
        )
        self.wait_for(lambda e: e["event"] == "shown", timeout=30, what="the window")
        self.window_id = self._find_window()
        session.xdotool("windowactivate", "--sync", self.window_id)
        self.wait_for(lambda e: e["event"] == "focus", timeout=10, what="the keyboard focus")

    def _find_window(self) -> str:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                found = self.session.xdotool(
                    "search", "--onlyvisible", "--pid", str(self.proc.pid), "--name", "Counter"
                ).split()
            except RuntimeError:
                found = []
            if found:
                return found[0]
            time.sleep(0.1)
        raise AssertionError("the counter window never appeared on the display")

    # ---- observing ----------------------------------------------------------------------
    def events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.strip()]

    def wait_for(
        self,
        match: Callable[[dict[str, Any]], bool],
        *,
        after: int = 0,
        timeout: float = 10,
        what: str = "an event",
    ) -> dict[str, Any]:
        """The first logged event from index `after` on that `match`es."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events()[after:]:
                if match(event):
                    return event
            if self.proc.poll() is not None:
                raise AssertionError(f"the window exited ({self.proc.returncode}) before {what}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {timeout} s: {self.events()[after:]}")
            time.sleep(0.05)

    def mark(self) -> int:
        """Where the log is now: later waits look only at what comes after."""
        return len(self.events())

    def verdicts(self, after: int = 0) -> list[dict[str, Any]]:
        return [e for e in self.events()[after:] if e["event"] == "verdict"]

    def wait_verdict(self, after: int, timeout: float = 10) -> dict[str, Any]:
        return self.wait_for(
            lambda e: e["event"] == "verdict", after=after, timeout=timeout, what="a verdict"
        )

    def wait_focus(self, widget: str, *, after: int = 0, modal: bool = False) -> dict[str, Any]:
        return self.wait_for(
            lambda e: e["focus"] == widget and (e["modal"] is not None) == modal,
            after=after,
            what=f"the focus on {widget}",
        )

    # ---- acting -------------------------------------------------------------------------
    def keys(self, *strokes: str, delay_ms: int = 5) -> None:
        """Key strokes in one xdotool run (one run: no process start between two keys)."""
        self.session.xdotool("key", "--delay", str(delay_ms), *strokes)

    def person_keys(self, *strokes: str) -> None:
        time.sleep(0.25)  # a person reacts slower than this
        self.keys(*strokes, delay_ms=150)

    def person_types(self, text: str) -> None:
        time.sleep(0.25)
        self.session.xdotool("type", "--delay", "150", text)
        time.sleep(0.5)  # and a person puts the keyboard down before picking the scanner up

    def click(self, x: int, y: int) -> None:
        # No --sync: it waits for a motion event, and there is none when the pointer is
        # already there (the previous test clicked the same spot).
        self.session.xdotool("mousemove", str(x), str(y), "sleep", "0.1", "click", "1")

    def click_in_window(self, fx: float, fy: float) -> None:
        """Click at a fraction of the window's width and height."""
        shell = self.session.xdotool("getwindowgeometry", "--shell", self.window_id)
        geo = dict(line.split("=", 1) for line in shell.split())
        x = int(geo["X"]) + int(int(geo["WIDTH"]) * fx)
        y = int(geo["Y"]) + int(int(geo["HEIGHT"]) * fy)
        self.click(x, y)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._stderr.close()
