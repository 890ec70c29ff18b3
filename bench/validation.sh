#!/usr/bin/env bash
# Validation benchmark (issue 3): validation time of one referral transaction and throughput of
# referral transactions with validation on versus off, in the same run, against two gateways
# started from the built jar. Prints its figures; not a test.
#
# Usage: bench/validation.sh      (after: mvn -B -q install -DskipTests)
#   WARMUP=300 ROUNDS=5 PER_ROUND=200 THREADS=2 bench/validation.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
exec mvn -B -q -pl bench exec:java \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" \
  -Dwarmup="${WARMUP:-300}" -Drounds="${ROUNDS:-5}" -DperRound="${PER_ROUND:-200}" -Dthreads="${THREADS:-2}"
