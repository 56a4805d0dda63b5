#!/usr/bin/env bash
# Runs CancelRaceMain (the soak's leaked buffer, reduced to Reactor Netty alone) with paranoid leak
# detection and counts the leak reports; the log is kept when there is one.
#
#   scripts/cancel-race.sh EXCHANGES [JAVA_HOME]
#   scripts/cancel-race.sh 200000 "$JAVA25_HOME"
#
# Needs `mvn -B -q install -DskipTests` first. The last line is "N leak reports in M exchanges".
set -euo pipefail
cd "$(dirname "$0")/.."

exchanges="${1:?how many exchanges}"
java="${2:+$2/bin/}java"
out=reactor-client/target/cancel-race
mkdir -p "$out"
mvn -B -q -o test-compile -pl reactor-client
mvn -B -q -o dependency:build-classpath -pl reactor-client -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$out/classpath" > /dev/null
log="$out/run-$$.log"
status=0
"$java" -Dio.netty.leakDetection.level=paranoid \
  -cp "reactor-client/target/test-classes:reactor-client/target/classes:$(cat "$out/classpath")" \
  io.github.openconnectors.reactor.CancelRaceMain "$exchanges" > "$log" 2>&1 || status=$?
leaks=$(grep -c "LEAK:" "$log" || true)
if [ "$status" -ne 0 ]; then
  echo "the run failed (exit $status), log kept: $log" >&2
  exit "$status"
fi
if [ "$leaks" -eq 0 ]; then
  rm -f "$log"
else
  echo "log kept: $log"
fi
echo "$leaks leak reports in $exchanges exchanges"
