#!/usr/bin/env bash
# Indicator benchmark (issue 17): Measure/$evaluate-measure for a year, every measure, at 10k, 100k
# and 1M referrals on PostgreSQL (referral facts generated in SQL). Prints its figures; not a test.
#
# Usage: bench/indicators.sh      (after: mvn -B -q install -DskipTests)
#   SIZES=10000,100000,1000000 ROUNDS=3 GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC" bench/indicators.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
export PASSAGE_PG_DATABASE="${PASSAGE_PG_DATABASE:-passage_bench_indicators}"
# shellcheck source=../scripts/lib/postgres.sh
. scripts/lib/postgres.sh
passage_pg_provide
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.IndicatorBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Djdbc="$PASSAGE_TEST_JDBC_URL" \
  -Dsizes="${SIZES:-10000,100000,1000000}" -Drounds="${ROUNDS:-3}" -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}"
