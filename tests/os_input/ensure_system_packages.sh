#!/bin/sh
# Makes sure the OS-level input tests (tests/os_input/) can run: an X server without a screen
# (Xvfb), a window manager (openbox), xdotool to type like a scanner, setxkbmap to switch the
# keyboard layout, the X libraries Qt's xcb window plugin loads, and libpulse, without which
# QtMultimedia (sounds, the camera panel and its tests) does not load.
#
# Usage: ensure_system_packages.sh [PYTHON]   (PYTHON: the venv's interpreter, to find Qt)
#
# When something is missing and we are root (or have password-less sudo, as CI runners do) on
# a system with apt-get, it runs `apt-get update` and `apt-get install -y`. Otherwise it says
# plainly what to install and exits 0: the tests then skip with the same message, or fail when
# CI=true (see tests/os_input/conftest.py). Set COUNTER_SKIP_SYSTEM_PACKAGES=1 to never install.
set -u

PYTHON=${1:-python3}
PACKAGES="xvfb xdotool openbox x11-xkb-utils xkb-data libxcb-cursor0 libxcb-icccm4 \
libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
libxkbcommon-x11-0 libegl1 libpulse0"

missing_what() {
    for tool in Xvfb xdotool openbox setxkbmap xkbcomp; do
        command -v "$tool" >/dev/null 2>&1 || printf '%s ' "$tool"
    done
    # The libraries Qt's xcb plugin and QtMultimedia link to, as the loader sees them now.
    qt=$("$PYTHON" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / "Qt")' 2>/dev/null)
    if [ -n "$qt" ] && command -v ldd >/dev/null 2>&1; then
        for lib in "$qt/plugins/platforms/libqxcb.so" "$qt/lib/libQt6Multimedia.so.6"; do
            [ -f "$lib" ] && ldd "$lib" 2>/dev/null
        done | awk '/not found/ { print $1 }' | sort -u | tr '\n' ' '
    fi
}

missing=$(missing_what)
[ -z "$missing" ] && exit 0

echo "OS-level input tests: missing $missing"
if [ "${COUNTER_SKIP_SYSTEM_PACKAGES:-}" = "1" ]; then
    echo "COUNTER_SKIP_SYSTEM_PACKAGES=1: not installing. Install with: apt-get install $PACKAGES"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "No apt-get here: install Xvfb, xdotool, openbox, setxkbmap (x11-xkb-utils) and the"
    echo "xcb libraries listed above with this system's package manager."
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "Not root: run   sudo apt-get install $PACKAGES"
    exit 0
fi
echo "Installing: $PACKAGES"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES; } >"$log" 2>&1; then
    tail -n 20 "$log"
    rm -f "$log"
    echo "apt-get failed: install by hand   apt-get install $PACKAGES"
    exit 0
fi
rm -f "$log"
missing=$(missing_what)
if [ -n "$missing" ]; then
    echo "Still missing after apt-get: $missing"
fi
exit 0
