#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests against real Postfix and Dovecot, which the tests
# start themselves on 127.0.0.1 (scripts/mailstack.sh, once for all end-to-end classes). Installs what it needs
# first; safe to run twice. Ends with one line: "tests: N passed, F failed, S skipped"; exits non-zero on any failure.
#
# Two test processes run side by side: the end-to-end classes (named *EndToEnd*, sharing one mail stack, mostly
# waiting on servers and on the daemon binary) and every other class (CPU-bound). Not `swift test --parallel`:
# it starts one process per test method, so each would start and reset the mail stack for itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# The end-to-end tests run the maildaemon binary itself (kill -9, exit codes): build it with the tests.
# Progress lines of the build are noise; errors stay.
set +e
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] '
build=${PIPESTATUS[0]}
set -e
[ "$build" = 0 ] || { echo "tests: build failed" >&2; exit 1; }
bin=$(swift build --show-bin-path)
tests=$(ls -d "$bin"/*PackageTests.xctest | head -n 1)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Classes as Module.Class, split in two groups.
"$tests" --list-tests | grep -E '^[A-Za-z0-9_]+\.[A-Za-z0-9_]+/' | cut -d/ -f1 | sort -u >"$work/classes"
e2e=$(grep -E 'EndToEnd' "$work/classes" | paste -sd, - || true)
units=$(grep -vE 'EndToEnd' "$work/classes" | paste -sd, - || true)

start=$EPOCHREALTIME
# XCTest's total of one process: the line after its top suite's verdict (absent if the process crashed).
run_group() { # name classes lane
  local name=$1 classes=$2 lane=$3
  [ -n "$classes" ] || { : >"$work/$name.log"; echo 0 >"$work/$name.rc"; return 0; }
  set +e
  ESPACE_TEST_LANE=$lane "$tests" "$classes" >"$work/$name.log" 2>&1
  echo $? >"$work/$name.rc"
  set -e
}
# Lane 1: should a class outside the end-to-end group start a mail stack, it gets ports of its own.
run_group units "$units" 1 &
pids+=($!)
run_group e2e "$e2e" 0 &
pids+=($!)
wait "${pids[@]}"
pids=()
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

passed=0; failed=0; skipped=0; status=0
for name in units e2e; do
  grep -vE "^Test Case '.*' started at" "$work/$name.log" || true
  rc=$(cat "$work/$name.rc")
  summary=$(grep -A1 -E "^Test Suite '(All tests|Selected tests)' (passed|failed)" "$work/$name.log" | grep -E 'Executed [0-9]+ tests?' | tail -n 1 || true)
  if [ ! -s "$work/$name.log" ]; then continue; fi
  if [ -z "$summary" ]; then
    # Crashed: count what it reported, and the test it died in as failed.
    echo "tests: the $name process ended without its summary (exit $rc): crashed?" >&2
    passed=$((passed + $(grep -cE "^Test Case '.*' passed \(" "$work/$name.log" || true)))
    failed=$((failed + 1 + $(grep -cE "^Test Case '.*' failed \(" "$work/$name.log" || true)))
    skipped=$((skipped + $(grep -cE "^Test Case '.*' skipped \(" "$work/$name.log" || true)))
    status=1; continue
  fi
  total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
  f=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$summary")
  s=$(grep -oE '[0-9]+ tests? skipped' <<<"$summary" | grep -oE '^[0-9]+' || echo 0)
  passed=$((passed + total - f - s)); failed=$((failed + f)); skipped=$((skipped + s))
  [ "$rc" = 0 ] || status=1
done
# Swift Testing tests, if any appear, run as `swift test` would run them (after XCTest).
if grep -rqsE '^import Testing' Tests; then
  "$tests" --testing-library swift-testing || status=1
fi
echo "test processes: $elapsed s (wall)"
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] || status=1
exit $status
