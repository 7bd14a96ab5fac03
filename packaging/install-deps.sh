#!/usr/bin/env bash
# Installs every Debian package TelcoDesk needs to build, run and test (Debian 12 "bookworm").
# Idempotent and fast when nothing is missing: the installed set is read with one dpkg-query call,
# and apt-get (update + install) runs only for the packages that are absent.
#
# Usage: packaging/install-deps.sh [--print]
#   --print   only print the apt-get command that would install what is missing, install nothing
#
# As root the packages are installed directly; otherwise through sudo when it is available;
# otherwise the exact command is printed and the script exits 1.
set -euo pipefail

packages=(
    # build tools
    g++ cmake ninja-build pkg-config
    # Qt 6 and the libraries the code links (Qt6Charts needs the Qt6OpenGL CMake package, only
    # recommended by qt6-base-dev)
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql
    libgl-dev libsqlite3-dev libphonenumber-dev libpq-dev
    # what a GUI run needs at run time (platform plugins: xcb and offscreen), fonts for Chinese text
    qt6-qpa-plugins libxkbcommon-x11-0 libxcb-cursor0 fontconfig fonts-noto-cjk fonts-dejavu-core
    # PostgreSQL server for the integration tests; it pulls in the matching client (psql)
    postgresql
    # headless test runs: a private D-Bus session, a keyring for QtKeychain, a virtual X server
    dbus dbus-bin dbus-x11 gnome-keyring xvfb xauth
    # packaging: CPack's dependency scan and the checks of the .desktop and AppStream files
    dpkg-dev file desktop-file-utils appstream
)

print_only=0
case "${1:-}" in
    --print) print_only=1 ;;
    "") ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

# One dpkg-query call for the whole list; packages dpkg has never heard of are simply absent.
declare -A installed=()
while read -r name status; do
    [[ "$status" == ii* ]] && installed["$name"]=1
done < <(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for p in "${packages[@]}"; do
    [[ -n "${installed[$p]:-}" ]] || missing+=("$p")
done

if (( ${#missing[@]} == 0 )); then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

install_line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
echo "install-deps: missing ${#missing[@]} package(s): ${missing[*]}"

if (( print_only )); then
    echo "$install_line"
    exit 0
fi

if (( EUID == 0 )); then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "install-deps: not root and sudo is not available. Run this as root:" >&2
    echo "  $install_line" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done"
