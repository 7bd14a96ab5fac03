#!/usr/bin/env bash
# Runs a test program against a PostgreSQL server of its own (packaging/pg-local.sh in a temporary
# folder), for the tests that stop and start the server: they must not take the shared test server
# down under the other tests. Skips (exit 0 with a message) when the shared one is not configured
# either, as every integration test does without TELCODESK_TEST_PG_DSN.
# Usage: with-own-server.sh PG_LOCAL TEST_PROGRAM [test arguments...]
set -euo pipefail
pg_local=$1
shift
if [[ -z "${TELCODESK_TEST_PG_DSN:-}" ]]; then
    echo "with-own-server.sh: TELCODESK_TEST_PG_DSN is not set: no PostgreSQL for the integration tests, skipped"
    exit 0
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/telcodesk-own-pg.XXXXXX")
chmod 755 "$dir"
cleanup() {
    "$pg_local" stop "$dir" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
TELCODESK_TEST_PG_DSN=$("$pg_local" start "$dir" auto)
export TELCODESK_TEST_PG_DSN
export TELCODESK_TEST_PG_DIR="$dir"
"$@"
