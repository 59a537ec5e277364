#!/bin/sh
# Installs this Counter folder on a Linux shop PC: the program, a menu entry and its icon.
#
#   sudo ./install-linux.sh                 # for everyone: /opt/counter-app, /usr/share
#   PREFIX=$HOME/.local/opt/counter-app ./install-linux.sh   # for one user, no root
#
# Run again with a newer folder to upgrade: the old program is replaced in one move, and the
# shop's data (database, settings, backups) lives in the user's folders, so it is kept.
# DESTDIR stages the whole install under another root (for packagers and tests).
set -eu

SRC=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
    PREFIX=${PREFIX:-/opt/counter-app}
    SHARE=${SHARE:-/usr/share}
else
    PREFIX=${PREFIX:-$HOME/.local/opt/counter-app}
    SHARE=${SHARE:-${XDG_DATA_HOME:-$HOME/.local/share}}
fi
ROOT=${DESTDIR:-}
DEST="$ROOT$PREFIX"

if [ ! -x "$SRC/counter-app" ]; then
    echo "install-linux.sh: run me from the counter-app folder built by 'make package'" >&2
    exit 1
fi

if [ "$SRC" != "$DEST" ]; then
    mkdir -p "$(dirname "$DEST")"
    rm -rf "$DEST.new"
    cp -a "$SRC" "$DEST.new"
    # Swap in one move so a failed copy never leaves a half-installed program.
    if [ -e "$DEST" ]; then
        rm -rf "$DEST.old"
        mv "$DEST" "$DEST.old"
    fi
    mv "$DEST.new" "$DEST"
    rm -rf "$DEST.old"
fi

mkdir -p "$ROOT$SHARE/applications" "$ROOT$SHARE/icons/hicolor/256x256/apps"
cp "$SRC/counter-app.png" "$ROOT$SHARE/icons/hicolor/256x256/apps/counter-app.png"
sed "s|@PREFIX@|$PREFIX|g" "$SRC/counter-app.desktop" > "$ROOT$SHARE/applications/counter-app.desktop"
chmod 644 "$ROOT$SHARE/applications/counter-app.desktop"

if [ -z "$ROOT" ]; then
    # Menus and icon caches refresh by themselves on most desktops; this only speeds it up.
    command -v update-desktop-database >/dev/null 2>&1 &&
        update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 &&
        gtk-update-icon-cache -q "$SHARE/icons/hicolor" 2>/dev/null || true
fi

echo "Counter installed in $PREFIX (menu entry: Counter / Comptoir)."
echo "Check this PC with: $PREFIX/counter-app-cli self-test"
