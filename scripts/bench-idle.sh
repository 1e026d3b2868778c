#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): how soon a parent gets the answer when `run` waits with IMAP IDLE.
# Starts a private mail stack, imports the demo town, starts `maildaemon run` with a 300 s poll (so any quick answer
# comes from IDLE), then sends N mails one at a time, each after the previous one was answered, and times each from
# its SMTP submission to the reply in the parent's mailbox (both Postfix hops included). Target: ≤ 5 s.
# Ends with the time `run` takes to exit after SIGTERM while idling.
# Usage: scripts/bench-idle.sh [N]   (default 20; BUILD=debug to skip the release build)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20}
BUILD=${BUILD:-release}
STATE=/tmp/espace-bench-idle
export MAILSTACK_SMTP_PORT=21025 MAILSTACK_IMAP_PORT=21143
bash scripts/install-deps.sh
swift build -c "$BUILD" --product maildaemon 2>&1 | tail -n 1
BIN=.build/$BUILD/maildaemon
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true
rm -rf "$STATE"; mkdir -p "$STATE"; chmod 755 "$STATE"
bash scripts/mailstack.sh adduser "$STATE/stack" famille@ville-lehaillan.test bench >/dev/null
bash scripts/mailstack.sh adduser "$STATE/stack" camille.martin@parents.test bench >/dev/null
bash scripts/mailstack.sh start "$STATE/stack" >/dev/null
cat > "$STATE/espace.json" <<JSON
{"service_address": "famille@ville-lehaillan.test",
 "imap": {"url": "imap://127.0.0.1:$MAILSTACK_IMAP_PORT", "username": "famille@ville-lehaillan.test", "password": {"value": "bench"}},
 "smtp": {"url": "smtp://127.0.0.1:$MAILSTACK_SMTP_PORT"},
 "poll_seconds": 300, "imap_idle": true,
 "templates_dir": "$(pwd)/templates", "trust": {"policy": "none"},
 "limits": {"replies_per_address_per_day": 100000, "replies_per_hour": 100000}, "payfip": {"numcli": "012345"}}
JSON
"$BIN" import --config "$STATE/espace.json" --today 2027-03-08 demo/data >/dev/null
ESPACE_LOG=info "$BIN" run --config "$STATE/espace.json" --today 2027-03-08 >"$STATE/run.log" 2>&1 </dev/null &
RUN=$!
cleanup() { kill "$RUN" 2>/dev/null || true; bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true; }
trap cleanup EXIT
for _ in $(seq 1 300); do grep -q "IMAP IDLE : INBOX surveillé" "$STATE/run.log" && break; sleep 0.1; done
grep -q "IMAP IDLE : INBOX surveillé" "$STATE/run.log" || { echo "run is not idling:"; cat "$STATE/run.log"; exit 1; }
sleep 1
python3 - "$N" "$MAILSTACK_SMTP_PORT" "$MAILSTACK_IMAP_PORT" <<'PY'
import imaplib, smtplib, statistics, sys, time
from email.message import EmailMessage
n, smtp_port, imap_port = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
box = imaplib.IMAP4("127.0.0.1", imap_port)
box.login("camille.martin@parents.test", "bench")
def replies():
    box.select("INBOX", readonly=True)
    return len(box.search(None, "ALL")[1][0].split())
latencies = []
for i in range(n):
    before = replies()
    m = EmailMessage()
    m["From"] = "Camille Martin <camille.martin@parents.test>"; m["To"] = "famille@ville-lehaillan.test"
    m["Subject"] = "Factures"; m["Message-ID"] = f"<idle-{i}-{time.time()}@parents.test>"
    m.set_content("Bonjour, pouvez-vous m'envoyer mes factures ? Camille")
    start = time.time()
    with smtplib.SMTP("127.0.0.1", smtp_port) as s:
        s.send_message(m)
    while replies() <= before:
        if time.time() - start > 60:
            sys.exit(f"mail {i}: no reply after 60 s")
        time.sleep(0.02)
    latencies.append(time.time() - start)
latencies.sort()
p90 = latencies[max(0, int(round(0.9 * n)) - 1)]
print(f"submission → reply over {n} mails: median {statistics.median(latencies):.2f} s, p90 {p90:.2f} s, "
      f"max {latencies[-1]:.2f} s, min {latencies[0]:.2f} s (poll every 300 s; target ≤ 5 s)")
PY
start=$(date +%s.%N)
kill -TERM "$RUN"
wait "$RUN" || true
end=$(date +%s.%N)
python3 -c "import sys; print(f'run exited {float(sys.argv[2]) - float(sys.argv[1]):.2f} s after SIGTERM while idling')" "$start" "$end"
