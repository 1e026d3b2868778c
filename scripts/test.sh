#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests against real Postfix and Dovecot, which the tests
# start themselves on 127.0.0.1 (scripts/mailstack.sh). Installs what it needs first; safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The end-to-end tests run the maildaemon binary itself (kill -9, exit codes): build it first.
swift build 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
# Progress lines of the build are noise; errors and the test results stay.
swift test 2>&1 | tee "$log" | grep --line-buffered -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Wrapping|Write|Linking|Merging|Applying|Copying)'
# XCTest's total, as one plain closing line (Swift Testing's own summary, printed last, counts only its own tests).
summary=$(grep -E '^[[:space:]]*Executed [0-9]+ tests?, with' "$log" | tail -n 1 || true)
if [ -n "$summary" ]; then
  total=$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")
  failed=$(sed -E 's/.* ([0-9]+) failures?.*/\1/' <<<"$summary")
  skipped=$(grep -oE '[0-9]+ tests? skipped' <<<"$summary" | grep -oE '^[0-9]+' || echo 0)
  echo "tests: $((total - failed - skipped)) passed, $failed failed, $skipped skipped"
fi
