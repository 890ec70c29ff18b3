#!/usr/bin/env bash
# Consent decision engine micro benchmark (issue 6): decisions per second with JMH, one fork.
# Prints JMH's table; not a test.
#
# Usage: bench/consent.sh      (after: mvn -B -q install -DskipTests)
#   JMH_ARGS="-f 1 -wi 3 -i 5 -w 2s -r 2s" bench/consent.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -q -pl bench exec:exec -Dexec.executable=java \
  -Dexec.args="-cp %classpath org.openjdk.jmh.Main ConsentDecisionBenchmark ${JMH_ARGS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
