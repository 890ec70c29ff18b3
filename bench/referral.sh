#!/usr/bin/env bash
# Referral benchmark (issue 5): referral transactions per second and p50/p99 with concurrent
# clients, and inbox query latency as the Tasks grow (10k, then 1M), against the gateway as
# shipped and the same build with Passage's own checks off. Both run on H2 (the gateway allows
# checks off only on the demo network and the embedded database). Prints its figures; not a test.
#
# Usage: bench/referral.sh      (after: mvn -B -q install -DskipTests)
#   THREADS=4 WARMUP=200 ROUNDS=5 PER_ROUND=200 TASK_COUNTS=10000,1000000 bench/referral.sh
#   GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC"   the gateways' JVM options (default: the README's run command's)
#   WITH_CONSENT=false   referral transactions of Patient, ServiceRequest and Task only (the HAPI starter's shape)
#   CHECKED_ARGS="--passage.validation.compiled-profiles=false"   arguments for the checked gateway alone
#   KEEP_BENCH_FOLDERS=1   keep the gateways' folders (their H2 databases) instead of deleting them at the end
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.ReferralBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Dthreads="${THREADS:-4}" \
  -Dwarmup="${WARMUP:-200}" -Drounds="${ROUNDS:-5}" -DperRound="${PER_ROUND:-200}" \
  -DtaskCounts="${TASK_COUNTS:-10000,1000000}" -DinboxQueries="${INBOX_QUERIES:-300}" -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}" \
  -DwithConsent="${WITH_CONSENT:-true}" -DcheckedArguments="${CHECKED_ARGS:-}"
