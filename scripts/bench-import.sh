#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): `maildaemon import` of a real-size town against a plain sqlite3 load
# of the same CSV files into the same schema. Generates the town (scripts/gen-town.py, deterministic) into a temp
# dir, imports it into an empty store, imports it again (a re-import updates), then loads it with sqlite3.
# Usage: scripts/bench-import.sh [FAMILIES] [RESERVATIONS]   (default 10000 1000000; release build)
#        BIN=/path/to/maildaemon scripts/bench-import.sh      (another build, e.g. to measure before a change)
set -euo pipefail
cd "$(dirname "$0")/.."
FAMILIES=${1:-10000}
RESERVATIONS=${2:-1000000}
if [ ! -x /usr/bin/time ] || ! command -v sqlite3 >/dev/null; then
    SUDO=; [ "$(id -u)" = 0 ] || SUDO="sudo -n"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q update >/dev/null
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q -y install --no-install-recommends time sqlite3 >/dev/null
fi
if [ -z "${BIN:-}" ]; then
    swift build -c release --product maildaemon 2>&1 | tail -n 1
    BIN=.build/release/maildaemon
fi
WORK=$(mktemp -d /tmp/bench-import.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
python3 scripts/gen-town.py "$WORK/town" --families "$FAMILIES" --reservations "$RESERVATIONS"
echo "town: $FAMILIES families, $RESERVATIONS reservations, $(du -sm "$WORK/town" | cut -f1) MiB of CSV ($WORK/town)"
cat > "$WORK/espace.json" <<JSON
{"service_address": "famille@ville-lehaillan.test", "imap": {"url": "imap://127.0.0.1:1"},
 "smtp": {"url": "smtp://127.0.0.1:1"}, "store_path": "$WORK/espace.sqlite"}
JSON

# Wall seconds and peak RSS (MiB) of a command, from GNU time.
measure() {
    local label=$1; shift
    /usr/bin/time -v -o "$WORK/time.txt" "$@" >"$WORK/out.txt" 2>&1 || { cat "$WORK/out.txt"; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$WORK/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$WORK/time.txt")
    printf '%-28s %8.1f s %8s MiB\n' "$label" "$wall" "$rss"
    echo "$wall" >"$WORK/$label.s"
}

measure import "$BIN" import --config "$WORK/espace.json" --today 2027-03-08 "$WORK/town"
measure re-import "$BIN" import --config "$WORK/espace.json" --today 2027-03-08 "$WORK/town"

# The same schema (tables and indexes as the daemon's migrations made them), loaded by sqlite3 alone: staging
# tables from `.import`, then one INSERT … SELECT per table with the same conversions (dates, amounts, oui/non).
sqlite3 "$WORK/espace.sqlite" .schema | grep -v '^CREATE TABLE sqlite_sequence' >"$WORK/schema.sql"
cat >"$WORK/load.sql" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA foreign_keys=ON;
PRAGMA temp_store=MEMORY;
.read $WORK/schema.sql
.mode csv
.separator ;
.import $WORK/town/families.csv s_family
.import $WORK/town/guardians.csv s_guardian
.import $WORK/town/children.csv s_child
.import $WORK/town/activities.csv s_activity
.import $WORK/town/activity_days.csv s_day
.import $WORK/town/reservations.csv s_reservation
.import $WORK/town/invoices.csv s_invoice
BEGIN;
INSERT INTO family(id, name, address, postal_code, city, einvoice)
    SELECT family_id, family_name, address, postal_code, city, einvoice = 'oui' FROM s_family;
INSERT INTO guardian(family_id, first_name, last_name, email, phone, key_hash)
    SELECT family_id, first_name, last_name, lower(email), phone, nullif(activation_key, '') FROM s_guardian;
INSERT INTO child(id, family_id, first_name, last_name, birth_date, school, grade)
    SELECT child_id, family_id, first_name, last_name,
           substr(birth_date, 7, 4) || '-' || substr(birth_date, 4, 2) || '-' || substr(birth_date, 1, 2), school, grade
    FROM s_child;
INSERT INTO activity(id, name, kind, booking_deadline_days, capacity)
    SELECT activity_id, name, kind, booking_deadline_days, capacity FROM s_activity;
INSERT OR IGNORE INTO activity_day(activity_id, date) SELECT activity_id, date FROM s_day;
INSERT INTO reservation(child_id, activity_id, date, slot, status, updated_at)
    SELECT child_id, activity_id, date, slot, 'booked', '2027-03-08 07:00:00.000' FROM s_reservation WHERE true
    ON CONFLICT(child_id, activity_id, date, slot) DO NOTHING;
INSERT INTO invoice(id, family_id, label, issue_date, due_date, amount_cents, status)
    SELECT invoice_id, family_id, label,
           substr(issue_date, 7, 4) || '-' || substr(issue_date, 4, 2) || '-' || substr(issue_date, 1, 2),
           substr(due_date, 7, 4) || '-' || substr(due_date, 4, 2) || '-' || substr(due_date, 1, 2),
           CAST(replace(amount, ',', '') AS INTEGER), status FROM s_invoice;
COMMIT;
SQL
measure sqlite3 sqlite3 "$WORK/plain.sqlite" ".read $WORK/load.sql"
count() { sqlite3 "$1" "SELECT (SELECT COUNT(*) FROM family), (SELECT COUNT(*) FROM child), (SELECT COUNT(*) FROM reservation), (SELECT COUNT(*) FROM invoice)"; }
echo "rows (family|child|reservation|invoice): maildaemon $(count "$WORK/espace.sqlite"), sqlite3 $(count "$WORK/plain.sqlite")"
# The capacity check of the booking flow on the busiest day, on the imported store: one row of the per-day counter
# the triggers keep (migration v6), against counting that day's bookings as it was done before.
day=$(sqlite3 "$WORK/espace.sqlite" "SELECT date FROM reservation WHERE activity_id = 'CANTINE' GROUP BY date ORDER BY COUNT(*) DESC LIMIT 1")
capacity="SELECT children FROM reservation_day_count WHERE activity_id = 'CANTINE' AND date = '$day'"
counting="SELECT COUNT(DISTINCT child_id) FROM reservation WHERE activity_id = 'CANTINE' AND date = '$day' AND status IN ('booked', 'absent')"
per_query() { (echo ".timer on"; for _ in $(seq 100); do echo "$1;"; done) | sqlite3 "$WORK/espace.sqlite" \
    | awk '/^Run Time/ { t += $4 } END { printf "%.3f", t * 10 }'; }
echo "capacity check, CANTINE $day: $(sqlite3 "$WORK/espace.sqlite" "$capacity") children (counted: $(sqlite3 "$WORK/espace.sqlite" "$counting"))," \
     "$(per_query "$capacity") ms a query, counting them $(per_query "$counting") ms (mean of 100);" \
     "plan: $(sqlite3 "$WORK/espace.sqlite" "EXPLAIN QUERY PLAN $capacity" | grep -o 'SEARCH.*')"
awk -v a="$(cat "$WORK/import.s")" -v r="$(cat "$WORK/re-import.s")" -v s="$(cat "$WORK/sqlite3.s")" \
    'BEGIN { printf "import / sqlite3: %.1f x, re-import / sqlite3: %.1f x\n", a / s, r / s }'
