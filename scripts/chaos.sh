#!/usr/bin/env bash
# Fault injection through real servers (prints figures, asserts nothing; the suite's ChaosEndToEndTests is the small
# asserted version). Private Postfix+Dovecot on 127.0.0.1, the demo town, the debug build unless BIN is set.
#   1. kill -9 ×KILLS during a BACKLOG-mail backlog → lost, double-applied, unanswered, duplicate replies. The daemon
#      is killed (a crash, the OOM killer): its sender process completes the reply in flight. KILL_GROUP=1 kills the
#      sender with it (kill -9 of the whole service, as close to a power cut as a process can get): then the
#      duplicates measure the server's end-of-DATA window.
#   2. store locked LOCK_SECONDS while replies are due → extra copies
#   3. SMTP server hung → new mail still handled? SIGTERM exit time
#   4. SIGTERM with WAITING mails in the inbox → exit time
#   5. each broken configuration → message and exit code
# Usage: scripts/chaos.sh   (env: BACKLOG=2000 KILLS=50 KILL_GROUP=0 LOCK_SECONDS=60 LOCKED_BACKLOG=1000 WAITING=4000
#                            SECTIONS="1 2 3 4 5" BIN=path/to/maildaemon)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BACKLOG=${BACKLOG:-2000} KILLS=${KILLS:-50} LOCK_SECONDS=${LOCK_SECONDS:-60} WAITING=${WAITING:-4000}
LOCKED_BACKLOG=${LOCKED_BACKLOG:-1000} SECTIONS=${SECTIONS:-1 2 3 4 5} KILL_GROUP=${KILL_GROUP:-0}
section() { [[ " $SECTIONS " == *" $1 "* ]]; }
STATE=/tmp/espace-chaos
SVC=famille@ville-lehaillan.test
export MAILSTACK_SMTP_PORT=15525 MAILSTACK_IMAP_PORT=15543
HUNG_PORT=15599
bash scripts/install-deps.sh
if [ -z "${BIN:-}" ]; then swift build --product maildaemon 2>&1 | tail -n 1; BIN=$ROOT/.build/debug/maildaemon; fi

# A fresh stack, store and configuration; $1 = SMTP port for replies (default: the stack's).
fresh() {
  bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true
  rm -rf "$STATE"; mkdir -p "$STATE"; chmod 755 "$STATE"
  bash scripts/mailstack.sh adduser "$STATE/stack" $SVC chaos >/dev/null
  bash scripts/mailstack.sh start "$STATE/stack" >/dev/null
  cat > "$STATE/espace.json" <<JSON
{"service_address": "$SVC",
 "imap": {"url": "imap://127.0.0.1:$MAILSTACK_IMAP_PORT", "username": "$SVC", "password": {"value": "chaos"}},
 "smtp": {"url": "smtp://127.0.0.1:${1:-$MAILSTACK_SMTP_PORT}"},
 "templates_dir": "$ROOT/templates", "trust": {"policy": "none"}, "poll_seconds": 1,
 "limits": {"replies_per_address_per_day": 1000000, "replies_per_hour": 1000000},
 "payfip": {"numcli": "012345"}}
JSON
  "$BIN" import --config "$STATE/espace.json" --today 2027-03-08 demo/data >/dev/null
}

# Queues $1 mails (recap and invoice requests from three guardians on file), waits until all are in the inbox.
queue() {
  python3 - "$1" "$MAILSTACK_SMTP_PORT" "$SVC" <<'PY'
import smtplib, sys
from email.message import EmailMessage
n, port, svc = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
senders = ["camille.martin@parents.test", "linh.nguyen@parents.test", "sophie.roux@parents.test"]
asks = [("Récapitulatif", "Bonjour, pouvez-vous m'envoyer le récapitulatif de mon compte ?"),
        ("Factures", "Bonjour, pouvez-vous m'envoyer mes factures ?")]
with smtplib.SMTP("127.0.0.1", port) as s:
    for i in range(n):
        subject, body = asks[i % 2]
        m = EmailMessage()
        m["From"] = senders[i % 3]; m["To"] = svc; m["Subject"] = subject
        m["Date"] = "Mon, 08 Mar 2027 07:45:00 +0100"; m["Message-ID"] = f"<chaos-{i}@parents.test>"
        m.set_content(body)
        s.send_message(m)
PY
  for _ in $(seq 1 600); do [ "$(inbox)" -ge "$1" ] && return; sleep 0.2; done
}
inbox() { curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/INBOX" -u $SVC:chaos -X 'SEARCH ALL' | tr -d '\r' | sed -n 's/^\* SEARCH//p' | wc -w; }
handled() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select count(*) from message where state != 'received'\").fetchone()[0])" "$STATE/var/espace.sqlite"; }
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }
# Waits for the replies in the parents' mailboxes to settle (Postfix → Dovecot), then prints the figures.
figures() {
  sleep 3
  python3 - "$1" "$STATE" <<'PY'
import collections, email, glob, sqlite3, sys
n, state = int(sys.argv[1]), sys.argv[2]
db = sqlite3.connect(state + "/var/espace.sqlite")
ids = {f"<chaos-{i}@parents.test>" for i in range(n)}
final = {k[4:].split("#")[0] for (k,) in db.execute("select message_key from message where state != 'received'")}
lost = len({i[1:-1] for i in ids} - final)
double = sum(c - 1 for (c,) in db.execute("select count(*) from audit where action = 'message' group by message_id"))
review = db.execute("select count(*) from message where state = 'review'").fetchone()[0]
copies, answered = collections.Counter(), set()
for path in glob.glob(state + "/stack/mail/parents.test/*/*/*"):
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f)
    copies[m["Message-ID"]] += 1
    if m["In-Reply-To"]: answered.add(m["In-Reply-To"].strip())
resends = db.execute("select count(*) from outbox where resends > 0").fetchone()[0]
unconfirmed = db.execute("select count(*) from audit where action = 'reply-unconfirmed'").fetchone()[0]
dups = sum(c - 1 for c in copies.values())
print(f"  mails {n}: lost {lost}, double-applied {double}, in review {review}, unanswered {len(ids - answered)}")
print(f"  replies received {sum(copies.values())} ({len(copies)} distinct): duplicate copies {dups}, "
      f"most copies of one reply {max(copies.values(), default=0)}, re-sent after an interrupted send {resends}, "
      f"given up after two interruptions {unconfirmed}")
PY
}

if section 1; then
if [ "$KILL_GROUP" = 1 ]; then what="the daemon and its sender process"; else what="the daemon"; fi
echo "== 1. kill -9 ×$KILLS ($what) during a backlog of $BACKLOG mails"
fresh; queue "$BACKLOG"
for k in $(seq 1 "$KILLS"); do
  "$BIN" run --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1 &
  pid=$!
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.3, 1.5), 2))')"
  # KILL_GROUP: the daemon and its sender process (a child in its own process group) in one kill.
  if [ "$KILL_GROUP" = 1 ]; then kill -9 "$pid" $(ps -o pid= --ppid "$pid") 2>/dev/null || true; else kill -9 "$pid"; fi
  wait "$pid" 2>/dev/null || true
done
echo "  handled before the last run: $(handled)"
"$BIN" run --once --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1
figures "$BACKLOG"

fi
if section 2; then
echo "== 2. store locked $LOCK_SECONDS s while replies are due"
fresh; queue "$LOCKED_BACKLOG"
"$BIN" run --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1 &
pid=$!
sleep 1.5
python3 -c "
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); time.sleep(float(sys.argv[2])); c.execute('ROLLBACK')
" "$STATE/var/espace.sqlite" "$LOCK_SECONDS"
for _ in $(seq 1 600); do [ "$(handled)" -ge "$LOCKED_BACKLOG" ] && break; sleep 0.5; done
sleep 3; kill -TERM "$pid"; wait "$pid" || true
echo "  while locked: $(grep -c 'ne peut pas être noté' "$STATE/daemon.log" || true) reply pass(es) stopped before sending (no mark, no send)," \
     "$(grep -c 'pas encore noté' "$STATE/daemon.log" || true) send(s) whose record waited in memory," \
     "$(grep -c 'laissé dans INBOX' "$STATE/daemon.log" || true) mail(s) left in the inbox for the next poll"
"$BIN" run --once --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1
figures "$LOCKED_BACKLOG"

fi
if section 3; then
echo "== 3. SMTP server hung (accepts, never answers)"
python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $HUNG_PORT)); s.listen(100)
held = []
while True: held.append(s.accept()[0])
" & hung=$!
fresh "$HUNG_PORT"; queue 200
start=$(now)
"$BIN" run --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [ "$(handled)" -ge 200 ] && break; sleep 0.2; done
echo "  200 new mails handled in $(secs "$start" "$(now)") s while the SMTP server hangs ($(handled) handled)"
sleep 2
t0=$(now); kill -TERM "$pid"; wait "$pid" || true
echo "  SIGTERM → exit in $(secs "$t0" "$(now)") s (the SMTP attempt in flight is abandoned, its reply re-sent once at the next start)"
kill "$hung"; wait "$hung" 2>/dev/null || true

fi
if section 4; then
echo "== 4. SIGTERM with $WAITING mails waiting"
fresh; queue "$WAITING"
"$BIN" run --config "$STATE/espace.json" --today 2027-03-08 >>"$STATE/daemon.log" 2>&1 &
pid=$!
sleep 3
t0=$(now); kill -TERM "$pid"; wait "$pid" || true
echo "  SIGTERM → exit in $(secs "$t0" "$(now)") s; handled $(handled), left in the inbox $(inbox)"

fi
if section 5; then
echo "== 5. broken configurations"
fresh
try() { # $1 label, then a python expression editing the config dict `c`
  python3 - "$STATE/espace.json" "$STATE/broken.json" "$2" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); exec(sys.argv[3]); json.dump(c, open(sys.argv[2], "w"))
PY
  set +e; out=$("$BIN" run --once --config "$STATE/broken.json" --today 2027-03-08 2>&1); code=$?; set -e
  refusal=$(echo "$out" | grep -vE ' (info|warning|error) ' | head -n 3)
  out=${refusal:-$(echo "$out" | grep -E ' (warning|error) ' | head -n 1 | sed -E 's/^.*\[MailDaemon\] //')}
  echo "  $1 → exit $code: $(echo "$out" | tr '\n' ' ' | cut -c1-220)"
}
try "imap.require_tsl (misspelt)" 'c["imap"]["require_tsl"] = True'
try "password from a missing env variable" 'c["imap"]["password"] = {"env": "ESPACE_IMAP_PASSWORD"}'
try "password file missing" 'c["smtp"]["password"] = {"file": "/etc/espace/absent.secret"}'
try "wrong IMAP password" 'c["imap"]["password"] = {"value": "wrong"}'
try "trust policy misspelt" 'c["trust"]["policy"] = "dmark"'
try "PayFiP client number left at 000000" 'c["payfip"]["numcli"] = "000000"'
try "IMAP server down (warns, runs)" 'c["imap"]["url"] = "imap://127.0.0.1:1"'
"$BIN" run --once --config "$STATE/espace.json" --today 2027-03-08 >/dev/null 2>&1   # the first store claims the mailbox
python3 -c "
import json, sys
c = json.load(open(sys.argv[1])); c['store_path'] = sys.argv[2]; json.dump(c, open(sys.argv[3], 'w'))
" "$STATE/espace.json" "$STATE/var-b/espace.sqlite" "$STATE/espace-b.json"
"$BIN" import --config "$STATE/espace-b.json" --today 2027-03-08 demo/data >/dev/null
try "second store on the same mailbox" 'c["store_path"] = "'"$STATE"'/var-b/espace.sqlite"'
fi
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null
