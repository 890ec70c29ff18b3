#!/usr/bin/env bash
# Audit log benchmark (issue 7): events appended per second under referral load and what the log
# costs a referral transaction (a gateway as shipped against one with passage.benchmark.checks-off=audit,
# alternating rounds, same database), then the speed of $verify and of the offline verifier over a
# log of EVENTS more events. Prints its figures; not a test. Uses a fresh PostgreSQL database.
#
# Usage: bench/audit.sh      (after: mvn -B -q install -DskipTests)
#   THREADS=4 WARMUP=200 ROUNDS=5 PER_ROUND=200 EVENTS=1000000 GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC" bench/audit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
export PASSAGE_PG_DATABASE="${PASSAGE_PG_DATABASE:-passage_bench_audit}"
# shellcheck source=../scripts/lib/postgres.sh
. scripts/lib/postgres.sh
passage_pg_provide
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.AuditBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Djdbc="$PASSAGE_TEST_JDBC_URL" -Dthreads="${THREADS:-4}" \
  -Dwarmup="${WARMUP:-200}" -Drounds="${ROUNDS:-5}" -DperRound="${PER_ROUND:-200}" -Devents="${EVENTS:-1000000}" \
  -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}"
