#!/usr/bin/env bash
# The whole test suite: unit tests and the integration tests against real Postfix and Dovecot, which the tests
# start themselves on 127.0.0.1 (scripts/mailstack.sh). Installs what it needs first; safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Progress lines of the build are noise; errors and the test results stay.
swift test 2>&1 | grep --line-buffered -vE '^\[[0-9]+/[0-9]+\] (Compiling|Emitting|Wrapping|Write|Linking|Merging|Applying)'
