#!/usr/bin/env bash
# Runs a command the way the tests need it without a desktop: in a private D-Bus session, with a
# throwaway GNOME keyring that is unlocked (empty password), so that QtKeychain can store and read
# secrets, and with Qt's offscreen platform unless QT_QPA_PLATFORM is already set.
# The keyring lives in a temporary directory, never in your own ~/.local/share/keyrings, and the
# private XDG_RUNTIME_DIR keeps the daemon away from a desktop session's keyring. Everything is
# stopped and removed when the command ends. The command's exit status is passed on.
#
# Usage: packaging/headless-session.sh COMMAND [ARGS...]
#   e.g. packaging/headless-session.sh ctest --test-dir build -L gui --output-on-failure
set -euo pipefail

if (( $# == 0 )); then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi

if [[ "${TELCODESK_HEADLESS_STAGE:-}" != inner ]]; then
    command -v dbus-run-session >/dev/null || { echo "headless-session: dbus-run-session missing; run packaging/install-deps.sh" >&2; exit 1; }
    command -v gnome-keyring-daemon >/dev/null || { echo "headless-session: gnome-keyring-daemon missing; run packaging/install-deps.sh" >&2; exit 1; }
    TELCODESK_HEADLESS_STAGE=inner exec dbus-run-session -- "$0" "$@"
fi
unset TELCODESK_HEADLESS_STAGE

state=$(mktemp -d "${TMPDIR:-/tmp}/telcodesk-session.XXXXXX")
keyring_pid=""
cleanup() {
    if [[ -n "$keyring_pid" ]] && kill -0 "$keyring_pid" 2>/dev/null; then
        kill "$keyring_pid" 2>/dev/null || true
        wait "$keyring_pid" 2>/dev/null || true
    fi
    rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -m 700 "$state/runtime" "$state/data"
export XDG_RUNTIME_DIR="$state/runtime"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"

# In the foreground so that we know its pid; it reads the login keyring's password from stdin
# (an empty line: the keyring is created on first use and unlocked) and prints variables to export.
echo "" | XDG_DATA_HOME="$state/data" \
    gnome-keyring-daemon --foreground --unlock --components=secrets \
    >"$state/keyring.env" 2>"$state/keyring.log" &
keyring_pid=$!

bus_call() {
    dbus-send --session --print-reply "$@" 2>/dev/null
}
ready=0
for _ in $(seq 1 100); do
    # NameHasOwner does not auto-start a second daemon, unlike a call to the service itself.
    if bus_call --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets | grep -q 'boolean true'; then
        ready=1
        break
    fi
    kill -0 "$keyring_pid" 2>/dev/null || break
    sleep 0.1
done
if (( ! ready )); then
    echo "headless-session: gnome-keyring-daemon did not come up:" >&2
    cat "$state/keyring.log" >&2
    exit 1
fi
while IFS='=' read -r name value; do
    [[ "$name" =~ ^[A-Z_][A-Z0-9_]*$ ]] && export "$name=$value"
done <"$state/keyring.env"

# The secret service must have a default collection, or the first write would wait for a prompt.
alias_path=""
for _ in $(seq 1 30); do
    alias_path=$(bus_call --dest=org.freedesktop.secrets /org/freedesktop/secrets \
        org.freedesktop.Secret.Service.ReadAlias string:default | sed -n 's/.*object path "\(.*\)"/\1/p')
    [[ -n "$alias_path" && "$alias_path" != / ]] && break
    sleep 0.1
done
if [[ -z "$alias_path" || "$alias_path" == / ]]; then
    echo "headless-session: the keyring has no default collection; QtKeychain would block" >&2
    cat "$state/keyring.log" >&2
    exit 1
fi

status=0
"$@" || status=$?
exit "$status"
