#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): does a mail cost more on a real-size store? For each example set
# (../shared/examples/parents and parents-autumn, Tests/Fixtures/winter-set and spring-set, or the sets given), its
# town is imported alone (small store) and merged into a 10,000-family, 1,000,000-reservation town
# (scripts/merge-town.py: same places left on every day), then `maildaemon bench mail` measures every mail's CPU on
# both stores, interleaved (parse, read, flows, replies, one transaction rolled back; minimum over the iterations;
# a mail over 1.10 is measured again, 4 times longer, and marked "re-measured").
# Prints a table per set (mail, small, big, ratio) and the worst ratio over all sets.
# Usage: scripts/bench-store-size.sh [SET_DIR ...]
#        FAMILIES=10000 RESERVATIONS=1000000 ROUNDS=5 ITERATIONS=20 BIN=... scripts/bench-store-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FAMILIES=${FAMILIES:-10000}
RESERVATIONS=${RESERVATIONS:-1000000}
ROUNDS=${ROUNDS:-5}
ITERATIONS=${ITERATIONS:-20}
SETS=("$@")
[ ${#SETS[@]} -gt 0 ] || SETS=(../shared/examples/parents ../shared/examples/parents-autumn Tests/Fixtures/winter-set Tests/Fixtures/spring-set)
if [ -z "${BIN:-}" ]; then
    swift build -c release --product maildaemon 2>&1 | tail -n 1
    BIN=.build/release/maildaemon
fi
WORK=$(mktemp -d /tmp/bench-store-size.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
SUMMARY=$WORK/summary.txt
: >"$SUMMARY"
for set in "${SETS[@]}"; do
    if [ ! -f "$set/expected.json" ]; then echo "$set: absent, skipped"; continue; fi
    name=$(basename "$set")
    today=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["today"])' "$set/expected.json")
    dir=$WORK/$name
    mkdir -p "$dir"
    staff=$(python3 -c 'import json,sys; print(json.dumps([l.strip() for l in open(sys.argv[1]) if l.strip()]))' "$set/data/staff.txt")
    for size in small big; do
        cat >"$dir/$size.json" <<JSON
{"service_address": "espace-famille@mairie.test", "message_id_domain": "espace-famille.mairie.test",
 "staff": $staff, "imap": {"url": "imap://127.0.0.1:1"}, "smtp": {"url": "smtp://127.0.0.1:1"},
 "store_path": "$dir/$size.sqlite", "templates_dir": "$ROOT/templates", "trust": {"policy": "none"},
 "payfip": {"numcli": "012345"}}
JSON
    done
    python3 scripts/merge-town.py "$set/data" "$dir/town" --families "$FAMILIES" --reservations "$RESERVATIONS" >/dev/null
    "$BIN" import --config "$dir/small.json" --today "$today" "$set/data" >"$dir/import.txt" 2>&1 || { cat "$dir/import.txt"; exit 1; }
    start=$(date +%s)
    "$BIN" import --config "$dir/big.json" --today "$today" "$dir/town" >"$dir/import.txt" 2>&1 || { cat "$dir/import.txt"; exit 1; }
    echo "== $name (today $today): small store $(du -k "$dir/small.sqlite" | cut -f1) KiB," \
         "big store $(du -m "$dir/big.sqlite" | cut -f1) MiB ($FAMILIES families, $RESERVATIONS filler reservations, imported in $(( $(date +%s) - start )) s)"
    "$BIN" bench mail --config "$dir/small.json" --today "$today" --rounds "$ROUNDS" --iterations "$ITERATIONS" \
        --store "$dir/small.sqlite" --store "$dir/big.sqlite" "$set/messages" | tee "$dir/out.txt"
    grep '^worst ratio' "$dir/out.txt" | sed "s|^|$name: |" >>"$SUMMARY"
    rm -rf "$dir/town" "$dir/big.sqlite"*
done
echo "== summary"
cat "$SUMMARY"
awk '{for (i = 1; i <= NF; i++) if ($i == "ratio:") { r = $(i + 1) + 0; if (r > w) { w = r; s = $0 } } }
     END { if (s != "") printf "worst ratio over all sets: %.3f (%s)\n", w, s }' "$SUMMARY"
