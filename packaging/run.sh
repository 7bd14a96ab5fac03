#!/usr/bin/env bash
# Builds TelcoDesk (incrementally, into build/) and starts the desktop application.
# On an empty data directory the application itself creates and fills a demo database first.
#
# Usage: packaging/run.sh [--xvfb] [telcodesk options...]
#   e.g. packaging/run.sh --lang en
#        packaging/run.sh --data-dir /tmp/td --view customer:+8613800138000
#   --xvfb   start it inside a virtual X server (xvfb-run) when there is no display
# Without a display ($DISPLAY and $WAYLAND_DISPLAY empty) it only starts when asked: with --xvfb,
# with QT_QPA_PLATFORM set, or for --screenshot, which renders offscreen by itself.
# Environment: TELCODESK_BUILD_DIR (default: build/ in the repository).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${TELCODESK_BUILD_DIR:-$repo/build}"

use_xvfb=0
screenshot=0
args=()
for arg in "$@"; do
    case "$arg" in
        --xvfb) use_xvfb=1 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --screenshot|--screenshot=*) screenshot=1; args+=("$arg") ;;
        *) args+=("$arg") ;;
    esac
done

"$repo/packaging/install-deps.sh"

if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
# Re-runs cmake when a CMakeLists.txt changed, so that the target check below sees the current tree.
ninja -C "$build" build.ninja >/dev/null
if ! ninja -C "$build" -t query telcodesk >/dev/null 2>&1; then
    echo "run.sh: the build defines no 'telcodesk' target (app/gui/CMakeLists.txt)" >&2
    exit 1
fi
cmake --build "$build" -j "$(nproc)" --target telcodesk

app="$build/app/gui/telcodesk"
[[ -x "$app" ]] || { echo "run.sh: $app was not built" >&2; exit 1; }

if [[ -n "${DISPLAY:-}" || -n "${WAYLAND_DISPLAY:-}" || -n "${QT_QPA_PLATFORM:-}" ]]; then
    exec "$app" "${args[@]}"
fi
if (( use_xvfb )); then
    command -v xvfb-run >/dev/null || { echo "run.sh: xvfb-run missing; run packaging/install-deps.sh" >&2; exit 1; }
    exec xvfb-run --auto-servernum --server-args="-screen 0 1600x1000x24" "$app" "${args[@]}"
fi
if (( screenshot )); then
    QT_QPA_PLATFORM=offscreen exec "$app" "${args[@]}"
fi

cat >&2 <<EOF
run.sh: TelcoDesk is built ($app), but there is no display to show it on
(\$DISPLAY and \$WAYLAND_DISPLAY are empty). Ways to run it here:

  packaging/run.sh --xvfb ${args[*]}
      inside a virtual X server (xvfb-run): it runs, but nobody can see it
  packaging/run.sh --view customer:MSISDN --screenshot customer.png
      renders one view offscreen into a PNG and exits
  QT_QPA_PLATFORM=offscreen packaging/run.sh ${args[*]}
      Qt's offscreen platform, nothing shown
  ssh -X, or a desktop session, to see the window
EOF
exit 1
