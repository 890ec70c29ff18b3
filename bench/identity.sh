#!/usr/bin/env bash
# Identity benchmark (issue 16): pseudonym derivations per second in-process and through
# Patient/$pseudonym over HTTP, and what a guess of a woman's UIC costs with and without the key.
# Prints its figures; not a test.
#
# Usage: bench/identity.sh      (after: mvn -B -q install -DskipTests)
#   THREADS=4 ROUNDS=5 PER_ROUND=500 IN_PROCESS=200000 GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC" bench/identity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.IdentityBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Dthreads="${THREADS:-4}" -Drounds="${ROUNDS:-5}" \
  -DperRound="${PER_ROUND:-500}" -DinProcess="${IN_PROCESS:-200000}" -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}"
