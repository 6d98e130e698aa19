# Sourced by .ci/run: start Debian's PostgreSQL on loopback for the history
# store tests and export ASN_ADVISOR_TEST_PG_URL.  Idempotent: it
# reuses an installed server, an existing cluster and an existing role and
# database.  Any failure only leaves the variable unset, so the PostgreSQL
# tests skip (with a message here) and the SQLite tests still run.
# Sets ASN_ADVISOR_PG_STARTED to "VERSION CLUSTER" when it started a cluster,
# so that .ci/run can stop it again.

asn_pg_setup() {
    local as_root=""
    if [ "$(id -u)" != 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then as_root="sudo -n"; else
            echo "postgres: not root and no sudo; PostgreSQL tests will be skipped" >&2; return 1
        fi
    fi
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "postgres: installing Debian's postgresql" >&2
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    fi
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    if ! pg_lsclusters -h 2>/dev/null | awk '{print $1, $2}' | grep -qx "$version main"; then
        $as_root pg_createcluster "$version" main >/dev/null || return 1
    fi
    if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
        $as_root pg_ctlcluster "$version" main start || return 1
        ASN_ADVISOR_PG_STARTED="$version main"
    fi
    local port
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    local tries=0
    until pg_isready -q -h 127.0.0.1 -p "$port"; do
        tries=$((tries + 1)); [ "$tries" -gt 30 ] && { echo "postgres: server did not start" >&2; return 1; }
        sleep 1
    done
    $as_root su postgres -s /bin/sh -c "psql -q -p $port -v ON_ERROR_STOP=1" >/dev/null <<'SQL' || return 1
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'asn_advisor_test') THEN
    CREATE ROLE asn_advisor_test LOGIN PASSWORD 'asn_advisor_test';
  END IF;
END $$;
SELECT 'CREATE DATABASE asn_advisor_test OWNER asn_advisor_test'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'asn_advisor_test')\gexec
SQL
    export ASN_ADVISOR_TEST_PG_URL="postgresql://asn_advisor_test:asn_advisor_test@127.0.0.1:$port/asn_advisor_test"
    echo "postgres: $version on 127.0.0.1:$port; PostgreSQL tests will run" >&2
}

asn_pg_stop() {
    if [ -n "${ASN_ADVISOR_PG_STARTED:-}" ]; then
        # shellcheck disable=SC2086
        pg_ctlcluster $ASN_ADVISOR_PG_STARTED stop >/dev/null 2>&1 || true
    fi
}
