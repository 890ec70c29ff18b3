#!/usr/bin/env bash
# Start-up benchmark of the gateway (a script, not a test).
#
# For each JVM configuration, RUNS cold starts (a new JVM and an empty H2 folder each time) of
#   java [options] -jar gateway/target/passage-gateway-demo.jar --passage.demo.enabled=true   (the README's run command)
# measuring the time from launch to the first successful GET /fhir/metadata, the peak RSS
# (VmHWM) and the RSS after IDLE_SECONDS idle. Prints each run and the medians.
#
# Usage: bench/startup.sh            (after: mvn -B -q package -DskipTests)
#   RUNS=5 IDLE_SECONDS=15 PORT=18080 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=gateway/target/passage-gateway-demo.jar
RUNS=${RUNS:-5}
IDLE_SECONDS=${IDLE_SECONDS:-15}
PORT=${PORT:-18080}
[ -f "$JAR" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

configs=(
  "defaults|"
  "recommended|-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

one_run() { # $1 = jvm options; prints "seconds peak_mb idle_mb"
  local options=$1 dir pid start ready=""
  dir=$(mktemp -d)
  start=$(date +%s%N)
  # shellcheck disable=SC2086
  (cd "$dir" && exec java $options -jar "$OLDPWD/$JAR" --server.port="$PORT" --passage.demo.enabled=true >"$dir/gateway.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -sf "http://127.0.0.1:$PORT/fhir/metadata" -o /dev/null; then
      ready=$(( ($(date +%s%N) - start) / 1000000 )); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$ready" ]; then
    echo "gateway did not start; log: $dir/gateway.log" >&2; kill "$pid" 2>/dev/null || true; return 1
  fi
  sleep "$IDLE_SECONDS"
  local java_pid peak idle
  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  peak=$(awk '/VmHWM/ {print int($2/1024)}' "/proc/$java_pid/status")
  idle=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$java_pid/status")
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  awk -v ms="$ready" -v p="$peak" -v i="$idle" 'BEGIN {printf "%.1f %d %d\n", ms/1000, p, i}'
}

echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); runs: $RUNS; idle wait: ${IDLE_SECONDS}s"
for config in "${configs[@]}"; do
  name=${config%%|*}; options=${config#*|}
  results=()
  for run in $(seq 1 "$RUNS"); do
    r=$(one_run "$options")
    results+=("$r")
    echo "  $name run $run: first /fhir/metadata after ${r%% *} s, peak RSS $(echo "$r" | cut -d' ' -f2) MB, idle RSS $(echo "$r" | cut -d' ' -f3) MB"
  done
  t=$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | median)
  p=$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | median)
  i=$(printf '%s\n' "${results[@]}" | cut -d' ' -f3 | median)
  echo "$name [${options:-no options}]: median ${t} s to first /fhir/metadata, peak RSS ${p} MB, idle RSS ${i} MB"
done
