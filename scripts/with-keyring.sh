#!/usr/bin/env bash
# Starts an unlocked GNOME Keyring (Secret Service) on the current D-Bus
# session, runs the given command, then stops the keyring.
set -euo pipefail

# The password only protects the throwaway keyring of this session.
eval "$(printf 'gloo-console-tests' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

cleanup() {
    [[ -n "${GNOME_KEYRING_PID:-}" ]] && kill "$GNOME_KEYRING_PID" 2>/dev/null || true
}
trap cleanup EXIT

# Wait until the Secret Service answers on the bus.
for _ in $(seq 1 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q "boolean true"; then
        break
    fi
    sleep 0.1
done

"$@"
