#!/usr/bin/env bash
# A private PostgreSQL server in a directory of your choice, on a loopback port: for the integration
# tests (packaging/test.sh uses it) and for development. Nothing outside DIR is touched.
#
# Usage:
#   packaging/pg-local.sh start DIR [PORT|auto]   create the cluster in DIR if it is not there yet,
#                                                 start it, print the DSN on stdout
#   packaging/pg-local.sh stop DIR                stop it (DIR is kept; delete it yourself)
#   packaging/pg-local.sh status DIR              exit 0 when it is running
#   packaging/pg-local.sh dsn DIR                 print the DSN again
#   packaging/pg-local.sh psql DIR [ARGS...]      psql connected to the database over TCP
#
# The server listens on 127.0.0.1 only, PORT (default: auto, the first free port from 55432 on).
# A superuser role (PG_LOCAL_USER, default "telcodesk") gets a random password, stored in DIR/password;
# TCP logins need it (scram-sha-256), the Unix socket in DIR trusts local users. The database
# PG_LOCAL_DB (default "telcodesk_test") is created. DSN: postgresql://USER:PASSWORD@127.0.0.1:PORT/DB,
# also kept in DIR/dsn. Durability is switched off (fsync=off): this server is for throwaway data.
# As root, the server runs as the "postgres" system user; otherwise as the current user.
set -euo pipefail

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
log() { echo "pg-local: $*" >&2; }
die() { log "$*"; exit 1; }

db_user="${PG_LOCAL_USER:-telcodesk}"
db_name="${PG_LOCAL_DB:-telcodesk_test}"
[[ "$db_user" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_LOCAL_USER must be a plain lower-case identifier"
[[ "$db_name" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PG_LOCAL_DB must be a plain lower-case identifier"

# The newest server installed by Debian's postgresql packages, unless PG_BINDIR says otherwise.
find_bindir() {
    if [[ -n "${PG_BINDIR:-}" ]]; then
        echo "$PG_BINDIR"
        return
    fi
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    else
        die "no PostgreSQL server found (initdb); run packaging/install-deps.sh"
    fi
}

# Runs a command as the user the server belongs to, from inside DIR (postgres cannot enter /root).
as_owner() {
    if (( EUID == 0 )); then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() {
    [[ -f "$dir/data/postmaster.pid" ]] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

start() {
    local requested="${1:-auto}"
    if [[ "$requested" != auto && ! "$requested" =~ ^[0-9]+$ ]]; then
        die "PORT must be a number or 'auto'"
    fi
    # Unix socket paths are limited to 107 bytes.
    (( ${#dir} < 80 )) || die "DIR path is too long for a Unix socket: $dir"
    if (( EUID == 0 )); then
        id postgres >/dev/null 2>&1 || die "no 'postgres' system user; run packaging/install-deps.sh"
        chown postgres: "$dir"
        chmod 700 "$dir"
        runuser -u postgres -- test -w "$dir" \
            || die "the postgres user cannot reach $dir: make its parent directories traversable (chmod o+x)"
    fi
    chmod 700 "$dir"

    if is_running; then
        log "already running in $dir"
        cat "$dir/dsn"
        return
    fi

    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        if [[ ! -s "$dir/password" ]]; then
            (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' > "$dir/password")
        fi
        (( EUID == 0 )) && chown postgres: "$dir/password"
        log "initdb in $dir/data ($("$bindir/postgres" --version))"
        as_owner "$bindir/initdb" -D "$dir/data" --username="$db_user" --pwfile="$dir/password" \
            --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
            --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
        # Later settings win over earlier ones in postgresql.conf.
        cat >>"$dir/data/postgresql.conf" <<EOF

# pg-local.sh: a throwaway server on loopback only
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
log_min_messages = warning
EOF
    fi

    local candidates
    if [[ "$requested" == auto ]]; then
        candidates=$(seq 55432 55531)
    else
        port_in_use "$requested" && die "port $requested on 127.0.0.1 is already in use"
        candidates=$requested
    fi
    local port started=0
    for port in $candidates; do
        port_in_use "$port" && continue
        if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -o "-p $port" \
                -w -t 60 start >/dev/null; then
            started=1
            break
        fi
        # Someone may have taken the port between the check and the start: try the next one.
        grep -q "could not bind" "$dir/postgres.log" 2>/dev/null || break
    done
    if (( ! started )); then
        tail -n 20 "$dir/postgres.log" >&2 2>/dev/null || true
        die "could not start PostgreSQL (port $requested)"
    fi
    echo "$port" >"$dir/port"

    # Over the trusted socket: the database the tests use.
    local exists
    exists=$(as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$db_user" -d postgres -Atq \
        -v ON_ERROR_STOP=1 -c "SELECT 1 FROM pg_database WHERE datname = '$db_name'")
    if [[ "$exists" != 1 ]]; then
        as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$db_user" -d postgres -q \
            -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db_name" >/dev/null
    fi

    local password
    password=$(cat "$dir/password")
    echo "postgresql://$db_user:$password@127.0.0.1:$port/$db_name" >"$dir/dsn"
    chmod 644 "$dir/dsn"
    log "running on 127.0.0.1:$port, data in $dir/data, log in $dir/postgres.log"
    cat "$dir/dsn"
}

stop() {
    if [[ ! -f "$dir/data/postmaster.pid" ]]; then
        log "not running in $dir"
        return 0
    fi
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null; then
        log "fast shutdown failed, stopping immediately"
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null
    fi
    log "stopped ($dir)"
}

(( $# >= 2 )) || usage
command="$1"
dir="$2"
shift 2
if [[ "$command" == start ]]; then
    mkdir -p "$dir"
elif [[ ! -d "$dir" ]]; then
    die "no such directory: $dir"
fi
dir=$(cd "$dir" && pwd)
bindir=$(find_bindir)
case "$command" in
    start) (( $# <= 1 )) || usage; start "$@" ;;
    stop) stop ;;
    status)
        if is_running; then echo "running: $(cat "$dir/dsn" 2>/dev/null)"; else echo "not running"; exit 1; fi ;;
    dsn) [[ -f "$dir/dsn" ]] || die "no DSN in $dir (start it first)"; cat "$dir/dsn" ;;
    psql) [[ -f "$dir/dsn" ]] || die "no DSN in $dir (start it first)"; exec "$bindir/psql" "$(cat "$dir/dsn")" "$@" ;;
    *) usage ;;
esac
