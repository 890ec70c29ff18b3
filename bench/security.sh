#!/usr/bin/env bash
# Security benchmark (issue 4): token issuance per second, and the latency token verification and
# the access rules add to a simple read, against the same read on a gateway started from the same
# jar with FHIR access control off (demo network only). Prints its figures; not a test.
#
# Usage: bench/security.sh      (after: mvn -B -q install -DskipTests)
#   ROUNDS=5 TOKENS_PER_ROUND=400 READS_PER_ROUND=1000 THREADS=2 bench/security.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.SecurityBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Drounds="${ROUNDS:-5}" -DtokensPerRound="${TOKENS_PER_ROUND:-400}" \
  -DreadsPerRound="${READS_PER_ROUND:-1000}" -Dthreads="${THREADS:-2}"
