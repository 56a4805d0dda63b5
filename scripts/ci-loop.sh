#!/usr/bin/env bash
# Runs `.ci/run` again and again, each time on a fresh clone of this repository's HEAD, as CI does,
# and counts the green runs; a red run's log is kept.
#
#   scripts/ci-loop.sh RUNS [WORK_DIR]
#
# WORK_DIR (a new temporary directory by default) holds the clones and the logs. The last line is
# "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:?how many runs}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
repo="$(pwd)"
passed=0
failed=0
for i in $(seq 1 "$runs"); do
  clone="$work/clone-$i"
  log="$work/run-$i.log"
  rm -rf "$clone"
  git clone -q "$repo" "$clone"
  commit="$(git -C "$clone" rev-parse --short HEAD)"
  start=$(date +%s)
  if "$clone/.ci/run" > "$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i ($commit): passed in $(( $(date +%s) - start )) s"
    rm -rf "$clone"
  else
    failed=$((failed + 1))
    echo "run $i ($commit): FAILED after $(( $(date +%s) - start )) s ($log)"
  fi
done
echo "$passed passed, $failed failed"
