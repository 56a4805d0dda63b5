#!/usr/bin/env bash
# Prints which of the project's packages import which (from the compiled classes, by jdeps), and
# fails if the imports form a cycle (tsort finds it).
#
#   mvn -B -q package -DskipTests && scripts/package-graph.sh
set -euo pipefail
cd "$(dirname "$0")/.."

classes=()
for module in core reactor-client emulator redis spring-boot-starter; do
  if [ ! -d "$module/target/classes" ]; then
    echo "no $module/target/classes: build first (mvn -B -q package -DskipTests)" >&2
    exit 2
  fi
  classes+=("$module/target/classes")
done

edges=$(jdeps -verbose:package -filter:none -e 'io\.github\.openconnectors.*' "${classes[@]}" \
  | awk '$1 ~ /^io\.github/ && $2 == "->" && $1 != $3 {print $1, $3}' | sort -u)
echo "$edges" | awk '{print $1, "->", $2}'
if ! echo "$edges" | tsort > /dev/null; then
  echo "the packages' imports form a cycle (tsort names it above)" >&2
  exit 1
fi
echo "no cycle"
