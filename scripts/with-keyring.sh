#!/usr/bin/env bash
# Runs a command with a credential store of its own: GNOME Keyring's Secret Service
# on the D-Bus session this runs in (start it under `dbus-run-session`), keeping its
# keyring in a temporary folder, so tests of "remember on this computer" never touch
# the real keyring of whoever runs them.
set -euo pipefail
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  echo "with-keyring.sh: run it under dbus-run-session" >&2
  exit 2
fi
keyrings="$(mktemp -d)"
# A throwaway password on stdin makes the login keyring and unlocks it, no prompt.
printf 'waymark-tests' | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
daemon=$!
cleanup() { kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; rm -rf "$keyrings"; }
trap cleanup EXIT
# Bounded: the Secret Service is on the bus within a second or two.
for _ in $(seq 1 100); do
  if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.1
done
"$@"
