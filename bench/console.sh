#!/usr/bin/env bash
# The auditors' console's figures (issue 20): first render, a verified search of 1,000 events on a
# log of EVENTS more events, and the console's transferred size, in Debian's Chromium. Prints its
# figures; not a test. Uses a fresh PostgreSQL database.
#
# Usage: bench/console.sh      (after: mvn -B -q install -DskipTests)
#   EVENTS=1000000 ROUNDS=5 GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC" bench/console.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
# shellcheck source=../scripts/lib/chromium.sh
. scripts/lib/chromium.sh
passage_chromium_provide
export PASSAGE_PG_DATABASE="${PASSAGE_PG_DATABASE:-passage_bench_console}"
# shellcheck source=../scripts/lib/postgres.sh
. scripts/lib/postgres.sh
passage_pg_provide
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.ConsoleBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Djdbc="$PASSAGE_TEST_JDBC_URL" \
  -Devents="${EVENTS:-1000000}" -Drounds="${ROUNDS:-5}" -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}"
