#!/usr/bin/env bash
# Builds the libFuzzer target for the MIME parser and runs it for a bounded time.
#   scripts/fuzz-parser.sh [SECONDS]      (default 120)
# Crashes land in fuzz/crashes-tmp/; copy each fixed one into
# Tests/ParsersTests/Fixtures/mime/fuzz/ so LimitsTests.testFuzzCrashFixtures replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_BUDGET="${1:-120}"
OUT=.build-fuzz
mkdir -p "$OUT" fuzz/crashes-tmp "$OUT/corpus"
SWIFTC="${SWIFTC:-swiftc}"
CLANG="${CLANG:-$(dirname "$(command -v "$SWIFTC")")/clang}"
# The parser's C part (the SSSE3 base64 blocks), instrumented the same way.
"$CLANG" -c -O1 -g -fsanitize=fuzzer-no-link,address -I Sources/CBase64/include \
    -o "$OUT/cbase64.o" Sources/CBase64/base64_blocks.c
"$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name ParsersFuzz -o "$OUT/parser-fuzzer" -I Sources/CBase64/include "$OUT/cbase64.o" \
    fuzz/ParserFuzzer.swift Sources/Parsers/Mime/*.swift Sources/Parsers/Domain/*.swift
# Seed corpus: our fixtures and, when present, the shared corpora.
cp Tests/ParsersTests/Fixtures/mime/*.eml "$OUT/corpus/" 2>/dev/null || true
if [ -d ../shared/corpora ]; then
    find ../shared/corpora ../shared/examples -name '*.eml' -size -64k 2>/dev/null | head -400 | \
        while read -r f; do cp "$f" "$OUT/corpus/$(echo "$f" | tr '/' '_')"; done
fi
# The Swift backtracer trips ASan; let libFuzzer report the trap itself.
SWIFT_BACKTRACE=enable=no "$OUT/parser-fuzzer" -max_total_time="$SECONDS_BUDGET" -max_len=65536 -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix=fuzz/crashes-tmp/ -print_final_stats=1 "$OUT/corpus"
