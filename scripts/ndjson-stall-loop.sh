#!/usr/bin/env bash
# Runs one NDJSON streaming test in a fresh JVM again and again and counts the runs that fail
# (a stall fails its StepVerifier's bound). Each run is a cold JVM: the stall this hunts was never
# seen in warm repetitions inside one JVM.
#
#   scripts/ndjson-stall-loop.sh RUNS [TEST] [JVM options...]
#   scripts/ndjson-stall-loop.sh 150 'NdjsonSourcesTest' -Dndjson.source=loop
#   scripts/ndjson-stall-loop.sh 30 'InstancesApplicationTest#streamsTenThousandInstancesAsNdjsonInOrder'
#
# Needs `mvn -B -q install -DskipTests` and `mvn -B -q test-compile -pl examples` first. Prints one
# line per run and a last line "N passed, M failed"; a failed run's output is kept in
# examples/target/stall-loop/.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:?how many runs}"
test="${2:-InstancesApplicationTest#streamsTenThousandInstancesAsNdjsonInOrder}"
shift $(( $# > 1 ? 2 : 1 ))
class="${test%%#*}"
method="${test#*#}"
[ "$method" = "$test" ] && method=""

out=examples/target/stall-loop
mkdir -p "$out"
classpath_file="$out/classpath.txt"
if [ ! -s "$classpath_file" ]; then
  mvn -B -q -o dependency:build-classpath -pl examples -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/$classpath_file" > /dev/null
fi
console="${MAVEN_REPOSITORY:-$HOME/.m2/repository}/org/junit/platform/junit-platform-console-standalone/6.0.3/junit-platform-console-standalone-6.0.3.jar"
if [ ! -f "$console" ]; then
  mvn -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:6.0.3 \
    -Dtransitive=false > /dev/null
fi
# A copy of what the runs load, so that building or installing meanwhile changes none of them.
snapshot="$(mktemp -d "$out/classpath-XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
cp -r examples/target/test-classes "$snapshot/test-classes"
cp -r examples/target/classes "$snapshot/classes"
classpath="$snapshot/test-classes:$snapshot/classes"
IFS=: read -r -a jars < "$classpath_file" || true  # no newline at its end
for jar in "${jars[@]}"; do
  copy="$snapshot/$(printf '%s' "$jar" | sha1sum | cut -c1-12)-$(basename "$jar")"
  cp -r "$jar" "$copy"
  classpath="$classpath:$copy"
done
if [ -n "$method" ]; then
  select=(--select-method "io.github.openconnectors.examples.webflux.$class#$method")
else
  select=(--select-class "io.github.openconnectors.examples.webflux.$class")
fi

passed=0
failed=0
for i in $(seq 1 "$runs"); do
  log="$out/run-$$-$i.log"
  if java "$@" -jar "$console" execute --class-path "$classpath" "${select[@]}" \
      --disable-banner --details=summary > "$log" 2>&1; then
    passed=$((passed + 1))
    rm -f "$log"
    echo "run $i: passed"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED ($log)"
  fi
done
echo "$passed passed, $failed failed"
