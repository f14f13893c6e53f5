# Sourced by .ci/run: install Debian's PostgreSQL if needed, start a throwaway cluster on loopback
# (a temp dir, a free port, trust auth for the postgres user) and export DRAFTER_TEST_PG_URL, so the
# store tests run against PostgreSQL as well as SQLite. The cluster stops when the shell exits.
# Run it by hand with `source .ci/postgres.sh` (as root, or as a user who may run initdb).

besked_pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -z "$(besked_pg_bin)" ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
fi
BESKED_PG_BIN="$(besked_pg_bin)"
BESKED_PG_DIR="$(mktemp -d /tmp/besked-pg.XXXXXX)"
BESKED_PG_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

besked_pg_as() {
    # The server refuses to run as root: run it as the postgres user when we are root.
    # (runuser lives in /usr/sbin, which a minimal PATH may leave out.)
    if [ "$(id -u)" = "0" ]; then
        "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "$(id -u)" = "0" ]; then
    chown postgres "$BESKED_PG_DIR"
fi
besked_pg_as "$BESKED_PG_BIN/initdb" -D "$BESKED_PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
besked_pg_as "$BESKED_PG_BIN/pg_ctl" -D "$BESKED_PG_DIR/data" -l "$BESKED_PG_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $BESKED_PG_PORT -k $BESKED_PG_DIR -c fsync=off" start >/dev/null
besked_pg_as "$BESKED_PG_BIN/createdb" -h 127.0.0.1 -p "$BESKED_PG_PORT" -U postgres besked_test

besked_pg_stop() {
    besked_pg_as "$BESKED_PG_BIN/pg_ctl" -D "$BESKED_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$BESKED_PG_DIR"
}
trap besked_pg_stop EXIT

export DRAFTER_TEST_PG_URL="postgresql://postgres@127.0.0.1:$BESKED_PG_PORT/besked_test"
echo "postgres: throwaway cluster on 127.0.0.1:$BESKED_PG_PORT for the store tests"
