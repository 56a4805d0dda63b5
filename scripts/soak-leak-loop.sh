#!/usr/bin/env bash
# Runs the client's ConcurrencySoakTest (paranoid leak detection), or another of its test classes,
# in a fresh JVM again and again and counts the runs that fail, a leaked buffer among them; a
# failed run's log is kept.
#
#   scripts/soak-leak-loop.sh RUNS [JAVA_HOME] [TEST]
#   scripts/soak-leak-loop.sh 60 "$JAVA25_HOME"
#   scripts/soak-leak-loop.sh 50 "" RequesterLoopDeliveryTest
#
# Needs `mvn -B -q install -DskipTests` first (with the same JDK's classes or Java 17's: both run
# on Java 25). The last line is "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:?how many runs}"
test="${3:-ConcurrencySoakTest}"
if [ -n "${2:-}" ]; then
  export JAVA_HOME="$2"
fi
out=reactor-client/target/soak-loop
mkdir -p "$out"
passed=0
failed=0
for i in $(seq 1 "$runs"); do
  log="$out/run-$$-$i.log"
  if mvn -B -o surefire:test -pl reactor-client -Dtest="$test" > "$log" 2>&1 \
      && ! grep -q "LEAK:" "$log"; then
    passed=$((passed + 1))
    rm -f "$log"
    echo "run $i: passed"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED ($(grep -c 'LEAK:' "$log") leak reports; $log)"
  fi
done
echo "$passed passed, $failed failed"
