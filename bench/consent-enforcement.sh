#!/usr/bin/env bash
# Consent enforcement benchmark (issue 6): latency of a 50-result search (and of the same with
# _include, and of a referral read) by a site that is not the custodian, on a gateway as shipped
# against one started from the same jar with passage.benchmark.checks-off=consent, in alternating rounds
# of the same run. Prints its figures; not a test. The engine alone: bench/consent.sh (JMH).
#
# Usage: bench/consent-enforcement.sh      (after: mvn -B -q install -DskipTests)
#   REFERRALS=60 WARMUP=3 ROUNDS=5 PER_ROUND=200 GATEWAY_JVM_OPTIONS="-XX:+UseSerialGC" bench/consent-enforcement.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f gateway/target/passage-gateway-demo.jar ] || { echo "build first: mvn -B -q install -DskipTests" >&2; exit 1; }
exec mvn -B -q -pl bench exec:java -Dbench.main=org.passagegateway.bench.ConsentEnforcementBenchmark \
  -Djar="${BENCH_JAR:-gateway/target/passage-gateway-demo.jar}" -Dreferrals="${REFERRALS:-60}" -Dwarmup="${WARMUP:-3}" \
  -Drounds="${ROUNDS:-5}" -DperRound="${PER_ROUND:-200}" -DgatewayJvmOptions="${GATEWAY_JVM_OPTIONS:-}"
