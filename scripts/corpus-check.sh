#!/usr/bin/env bash
# Parses every message of ../shared/corpora and ../shared/examples (skipped when absent) and prints the
# agreement with mail-parser's expected JSON. The work is done by the Swift tests.
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --filter 'ParsersTests.(CorpusTests|ParentExamplesTests)' 2>&1 | grep -E "corpus:|agree|mismatch|skipped|error|Executed"
