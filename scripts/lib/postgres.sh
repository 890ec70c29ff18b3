#!/usr/bin/env bash
# Provides a PostgreSQL server and a fresh, empty database for Passage's tests.
# Sourced by scripts/test and .ci/run; exports PASSAGE_TEST_JDBC_URL.
#
# Needs a local PostgreSQL it may administer as the "postgres" OS user (Debian's package, as on
# the project's machines): it starts the installed cluster if it is stopped, installs the
# package if it is absent, creates the role and drops and recreates the database.

PASSAGE_PG_ROLE=${PASSAGE_PG_ROLE:-passage}
PASSAGE_PG_PASSWORD=${PASSAGE_PG_PASSWORD:-passage-test-only}
PASSAGE_PG_DATABASE=${PASSAGE_PG_DATABASE:-passage_test}
PASSAGE_PG_PORT=${PASSAGE_PG_PORT:-5432}

passage_pg_log() { echo "[postgres] $*" >&2; }

passage_pg_as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/sh -c "$*"
  else
    sudo -n -u postgres sh -c "$*"
  fi
}

passage_pg_install() {
  if command -v pg_lsclusters >/dev/null 2>&1 && [ -n "$(pg_lsclusters -h 2>/dev/null)" ]; then
    return 0
  fi
  passage_pg_log "PostgreSQL is not installed; installing Debian's postgresql package"
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

passage_pg_start() {
  local version cluster port status
  read -r version cluster port status _ < <(pg_lsclusters -h | head -n 1)
  PASSAGE_PG_PORT=$port
  if [ "$status" != "online" ]; then
    passage_pg_log "starting cluster $version/$cluster on port $port"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
    $sudo pg_ctlcluster "$version" "$cluster" start
  fi
  for _ in $(seq 1 60); do
    passage_pg_as_postgres "psql -p $PASSAGE_PG_PORT -qAtc 'select 1'" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  passage_pg_log "PostgreSQL did not accept connections on port $PASSAGE_PG_PORT"
  return 1
}

passage_pg_fresh_database() {
  passage_pg_as_postgres "psql -p $PASSAGE_PG_PORT -v ON_ERROR_STOP=1 -qAt" <<SQL >/dev/null
SET client_min_messages = warning;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PASSAGE_PG_ROLE') THEN
    CREATE ROLE $PASSAGE_PG_ROLE LOGIN PASSWORD '$PASSAGE_PG_PASSWORD';
  ELSE
    ALTER ROLE $PASSAGE_PG_ROLE LOGIN PASSWORD '$PASSAGE_PG_PASSWORD';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS $PASSAGE_PG_DATABASE WITH (FORCE);
CREATE DATABASE $PASSAGE_PG_DATABASE OWNER $PASSAGE_PG_ROLE;
SQL
}

# Makes PASSAGE_TEST_JDBC_URL point at a fresh database on a running local PostgreSQL
# (PASSAGE_PG_KEEP_DATABASE=1 keeps the database as it is, for benchmarks that reuse their data).
passage_pg_provide() {
  passage_pg_install && passage_pg_start || return 1
  if [ "${PASSAGE_PG_KEEP_DATABASE:-0}" = 1 ]; then
    export PASSAGE_TEST_JDBC_URL="jdbc:postgresql://127.0.0.1:${PASSAGE_PG_PORT}/${PASSAGE_PG_DATABASE}?user=${PASSAGE_PG_ROLE}&password=${PASSAGE_PG_PASSWORD}"
    passage_pg_log "database $PASSAGE_PG_DATABASE kept as it is, on port $PASSAGE_PG_PORT"
    return 0
  fi
  passage_pg_fresh_database || return 1
  export PASSAGE_TEST_JDBC_URL="jdbc:postgresql://127.0.0.1:${PASSAGE_PG_PORT}/${PASSAGE_PG_DATABASE}?user=${PASSAGE_PG_ROLE}&password=${PASSAGE_PG_PASSWORD}"
  passage_pg_log "fresh database $PASSAGE_PG_DATABASE ready on port $PASSAGE_PG_PORT"
}
