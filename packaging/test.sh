#!/usr/bin/env bash
# Builds everything with warnings as errors and runs the whole test suite headless, the way CI does:
#   1. packaging/install-deps.sh
#   2. cmake -G Ninja into build-test/ (TELCODESK_BUILD_DIR overrides), -DTELCODESK_WERROR=ON, build all
#   3. a throwaway PostgreSQL on a free loopback port in a temporary directory (packaging/pg-local.sh);
#      the tests find it in TELCODESK_TEST_PG_DSN and TELCODESK_TEST_PG_PORT
#   4. ctest in a private D-Bus session with an unlocked throwaway keyring (packaging/headless-session.sh),
#      QT_QPA_PLATFORM=offscreen
#   5. PostgreSQL stopped and the temporary directory removed, whatever happened
#
# Usage: packaging/test.sh [extra ctest arguments, e.g. -L unit or -R tst_uuid]
# Environment: TELCODESK_BUILD_DIR, TELCODESK_TEST_JOBS (ctest -j, default 2),
#              TELCODESK_TEST_DISK_MB (free space required before building, default 1500),
#              TELCODESK_TEST_PG_PORT (a fixed port instead of the first free one from 55432).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${TELCODESK_BUILD_DIR:-$repo/build-test}"
jobs="${TELCODESK_TEST_JOBS:-2}"
need_mb="${TELCODESK_TEST_DISK_MB:-1500}"
started=$SECONDS

step() { echo; echo "== test.sh: $* ($(( SECONDS - started )) s)"; }

step "dependencies"
"$repo/packaging/install-deps.sh"

step "disk space"
# A full build takes about 610 MB (RelWithDebInfo with line-table debug information, measured
# 2026-11-23); $need_mb MB leaves room for the tests' temporary databases. What a build directory
# already holds counts towards it. Stop here, with the figures, rather than in the middle of a link.
mkdir -p "$build"
free_mb=$(df -Pm "$build" | awk 'NR == 2 { print $4 }')
used_mb=$(du -sm "$build" | awk '{ print $1 }')
echo "test.sh: $free_mb MB free on the file system of $build, $used_mb MB already in it, about $need_mb MB needed"
if (( free_mb + used_mb < need_mb )); then
    echo "test.sh: not enough disk space for the build in $build: $free_mb MB free, $need_mb MB needed" \
         "(set TELCODESK_BUILD_DIR to a directory on a larger file system, or free some space)" >&2
    exit 1
fi

step "configure $build"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTELCODESK_WERROR=ON

step "build"
cmake --build "$build" -j "$(nproc)"
echo "test.sh: the build takes $(du -sm "$build" | awk '{ print $1 }') MB"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/telcodesk-test.XXXXXX")
# As root the server runs as "postgres", which must be able to pass through (not list) this directory.
chmod 711 "$tmp"
pg_dir="$tmp/pg"
tests_pid=""
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$tests_pid" ]] && kill -0 "$tests_pid" 2>/dev/null; then
        echo "test.sh: stopping the test run" >&2
        kill -TERM -- "-$tests_pid" 2>/dev/null || true
        wait "$tests_pid" 2>/dev/null || true
    fi
    if [[ -f "$pg_dir/data/postmaster.pid" ]]; then
        "$repo/packaging/pg-local.sh" stop "$pg_dir" || true
    fi
    rm -rf "$tmp"
    [[ -e "$tmp" ]] && echo "test.sh: could not remove $tmp" >&2
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

step "PostgreSQL"
dsn=$("$repo/packaging/pg-local.sh" start "$pg_dir" "${TELCODESK_TEST_PG_PORT:-auto}")
export TELCODESK_TEST_PG_DSN="$dsn"
export TELCODESK_TEST_PG_PORT
TELCODESK_TEST_PG_PORT=$(cat "$pg_dir/port")
# Fail here, clearly, rather than in the first integration test.
"$repo/packaging/pg-local.sh" psql "$pg_dir" -Atq -v ON_ERROR_STOP=1 \
    -c "SELECT 'reachable as ' || current_user || ' in ' || current_database() || ', ' || version()"

step "ctest"
log="$tmp/ctest.log"
# In the background and in a process group of its own, so that an interrupted test.sh can stop the
# whole run (ctest, the tests, the D-Bus session) at once instead of waiting for it to end.
setsid -w "$repo/packaging/headless-session.sh" \
    ctest --test-dir "$build" --output-on-failure --no-tests=error -j "$jobs" --timeout 600 \
          --output-junit "$build/ctest-junit.xml" --output-log "$log" "$@" &
tests_pid=$!
status=0
wait "$tests_pid" || status=$?
tests_pid=""
summary=$(grep -E '^[0-9]+% tests passed' "$log" 2>/dev/null | tail -n 1 || true)

step "cleanup"
"$repo/packaging/pg-local.sh" stop "$pg_dir" || true

echo
echo "test.sh: finished in $(( SECONDS - started )) s, ctest exit status $status"
if [[ -n "$summary" ]]; then
    echo "$summary"
fi
exit "$status"
