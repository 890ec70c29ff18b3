#!/usr/bin/env bash
# Times Measure/$evaluate-measure (cqf-fhir-cr-hapi, CQL) on HAPI FHIR JPA 8.8.0 with in-memory H2.
#   N=1000,10000 ./run.sh            Task counts to measure (loaded incrementally in one JVM)
#   TASKS_PER_PATIENT=2              Tasks per Patient (CQL evaluates Patient by Patient)
#   RUNS=2                           warm evaluations after the first (cold) one
#   CR_VERSION=4.0.0                 cqf-fhir-cr-hapi version to try
#   HEAP=4g                          JVM -Xmx
# Only evaluation is timed; loading time is printed separately. Standalone Maven project:
# builds with its own pom.xml, not the Passage reactor.
set -euo pipefail
cd "$(dirname "$0")"
CR_VERSION="${CR_VERSION:-4.0.0}"
HEAP="${HEAP:-4g}"
export N="${N:-1000,10000}" TASKS_PER_PATIENT="${TASKS_PER_PATIENT:-2}" RUNS="${RUNS:-2}"

mvn -B -q -Dcr.version="$CR_VERSION" compile dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
echo "cqf-fhir-cr-hapi $CR_VERSION on HAPI FHIR 8.8.0; N=$N TASKS_PER_PATIENT=$TASKS_PER_PATIENT RUNS=$RUNS heap=$HEAP"
exec java -Xmx"$HEAP" -cp "target/classes:$(cat target/classpath.txt)" \
  org.passagegateway.cqlbench.CqlMeasureBenchmark
