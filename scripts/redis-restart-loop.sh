#!/usr/bin/env bash
# Restarts Redis again and again under 8 replicas and checks that every replica shares through it
# again each time, within RedisSharedCache.SHARES_AGAIN_WITHIN; then kills the replicas'
# connections from the server's side, and a connection Lettuce never brings back.
#
#   scripts/redis-restart-loop.sh [RUNS] [RESTARTS_PER_RUN]      (defaults: 1 run of 20 restarts)
#
# Needs redis-server on the PATH and `mvn -B -q install -DskipTests` first. Each run is one JVM
# (`mvn surefire:test`); the last line is "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-1}"
restarts="${2:-20}"
out=redis/target/restart-loop
mkdir -p "$out"
passed=0
failed=0
for i in $(seq 1 "$runs"); do
  log="$out/run-$$-$i.log"
  if mvn -B -o surefire:test -pl redis -Dtest=ReconnectionTest -Dredis.restarts="$restarts" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1; then
    passed=$((passed + 1))
    slowest="$(grep -o 'share again [0-9]* ms' "$log" | grep -o '[0-9]*' | sort -n | tail -1)"
    echo "run $i: passed; the slowest of $restarts restarts: all shared again after ${slowest:-?} ms"
    rm -f "$log"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED ($log)"
  fi
done
echo "$passed passed, $failed failed"
