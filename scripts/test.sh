#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests against real Postfix and Dovecot, which the tests
# start themselves on 127.0.0.1 (scripts/mailstack.sh, one per end-to-end process). Installs what it needs first;
# safe to run twice. Ends with one line: "tests: N passed, F failed, S skipped"; exits non-zero on any failure.
#
# Three test processes run side by side: the end-to-end classes (named *EndToEnd*, mostly waiting on servers and on
# the daemon binary) dealt in turn to two processes, each sharing one mail stack between its classes, and every other
# class (CPU-bound). Not `swift test --parallel`: it starts one process per test method, so each would start and reset
# the mail stack for itself.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# The end-to-end processes' mail stacks, started while the build is checked (it takes seconds) and handed to the test
# processes (ESPACE_TEST_MAILSTACK). Ports as the tests would pick them (Support/SharedMailStack.swift): this
# checkout's shift, the first two lanes whose locks no other test run of this checkout holds (the locks live with
# this script). A watchdog per stack stops it by its pid files once this script ends, however it ends.
stacks=()
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/dovecot ] && [ -x /usr/sbin/postfix ]; then
  shift=$(python3 - "$(pwd -P)" <<'PY'
import sys
h = 0xcbf29ce484222325
for b in sys.argv[1].encode():
    h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
print((h % 90 + 1) * 10)
PY
  )
  # The stack's spool and mailboxes in memory where there is a tmpfs: a mail server creates and deletes a few files
  # per mail, and on a journal-less ext4 (seen on this machine class) each new file costs a scan past every inode
  # deleted in the last minutes, which grows with the suite's own traffic.
  base=/tmp
  if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ]; then base=/dev/shm; fi
  # Two stacks, one per end-to-end process: two lanes whose locks no other test run of this checkout holds.
  lanes=()
  for l in 0 1 2 3 4; do
    exec {lock}>"/tmp/eft-$shift-$l.lock"
    if flock -n "$lock"; then lanes+=("$l"); [ "${#lanes[@]}" = 2 ] && break; else exec {lock}>&-; fi
  done
  [ "${#lanes[@]}" = 2 ] || { echo "tests: too many test runs of this checkout already going" >&2; exit 1; }
  starting=()
  for lane in "${lanes[@]}"; do
    root=$base/eft-$shift-$lane
    stack=$root/stack
    ports=(MAILSTACK_SMTP_PORT=$((20025 + shift + lane)) MAILSTACK_IMAP_PORT=$((20140 + shift + lane)))
    # A previous run's watchdog may still be stopping its stack: let it finish, then make sure nothing runs there.
    for old_root in "/tmp/eft-$shift-$lane" "$root"; do
      old=$(cat "$old_root/watchdog.pid" 2>/dev/null || true)
      if [ -n "$old" ] && grep -qa mailstack-watchdog "/proc/$old/cmdline" 2>/dev/null; then
        timeout 30 tail --pid="$old" -f /dev/null || true
      fi
      if [ -d "$old_root/stack" ]; then env "${ports[@]}" bash scripts/mailstack.sh stop "$old_root/stack" >/dev/null 2>&1 || true; fi
    done
    rm -rf "$root"; mkdir -p "$root"; chmod 0755 "$root"
    setsid bash -c 'tail --pid="$1" -f /dev/null; exec bash scripts/mailstack.sh stop "$2"' mailstack-watchdog $$ "$stack" \
      </dev/null >"$root/watchdog.log" 2>&1 &
    echo $! >"$root/watchdog.pid"
    ( env "${ports[@]}" MAILSTACK_ANY_USER_PASSWORD=test-secret bash scripts/mailstack.sh start "$stack" \
        </dev/null >"$root/start.log" 2>&1; echo $? >"$root/start.rc" ) &
    starting+=($!)
    stacks+=("$stack")
  done
fi  # else the end-to-end tests skip themselves (they need root, Postfix and Dovecot)

# The end-to-end tests run the maildaemon binary itself (kill -9, exit codes): build it with the tests.
# Progress lines of the build are noise; errors stay.
set +e
swift build --build-tests 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] '
build=${PIPESTATUS[0]}
set -e
[ "$build" = 0 ] || { echo "tests: build failed" >&2; exit 1; }
if [ "${#stacks[@]}" -gt 0 ]; then
  wait "${starting[@]}"
  for stack in "${stacks[@]}"; do
    root=$(dirname "$stack")
    [ "$(cat "$root/start.rc")" = 0 ] || { cat "$root/start.log" >&2; echo "tests: the mail stack did not start" >&2; exit 1; }
  done
fi
tests=$(ls -d .build/debug/*PackageTests.xctest | head -n 1)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Classes as Module.Class, split in three groups.
"$tests" --list-tests | grep -E '^[A-Za-z0-9_]+\.[A-Za-z0-9_]+/' | cut -d/ -f1 | sort -u >"$work/classes"
# The end-to-end classes dealt in turn to two processes, each with its own stack (without stacks they only skip).
# The other classes are CPU-bound and made the longest process; half of the longest of them (the reader's random mails,
# split in two classes for this) runs in the first end-to-end process instead, which mostly waits on the servers.
heavy='ReaderRobustnessTests'
e2e1=$( (grep -E 'EndToEnd' "$work/classes" | awk 'NR % 2 == 1'; grep -E "\.($heavy)\$" "$work/classes") | paste -sd, - || true)
e2e2=$(grep -E 'EndToEnd' "$work/classes" | awk 'NR % 2 == 0' | paste -sd, - || true)
units=$(grep -vE "EndToEnd|\.($heavy)\$" "$work/classes" | paste -sd, - || true)

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
# Should a class outside the end-to-end group start a mail stack, it gets a lane (ports) of its own.
run_group units "$units" 2 &
pids+=($!)
ESPACE_TEST_MAILSTACK=${stacks[0]:-} run_group e2e1 "$e2e1" 0 &
pids+=($!)
ESPACE_TEST_MAILSTACK=${stacks[1]:-} run_group e2e2 "$e2e2" 1 &
pids+=($!)
wait "${pids[@]}"
pids=()
elapsed=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

passed=0; failed=0; skipped=0; status=0
for name in units e2e1 e2e2; do
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
