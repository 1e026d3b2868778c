#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): how fast a backlog drains, against the raw transport on the same stack.
# Starts a private mail stack, imports the demo town, queues N parent mails in the service mailbox (a mix of
# absences, canteen cancellations, invoice requests and unknown senders), then times one `maildaemon run --once` that
# handles them all and sends the replies. Then, once Postfix has delivered those replies (and their mailboxes are
# emptied), the raw transport: curl fetching the same N mails by UID (one IMAP connection) and submitting the same N
# replies to the same recipients (one SMTP connection), timed the same way. Prints both rates and their ratio; then both again until the stack is idle: the
# daemon's run until Postfix has delivered its replies, and the raw transport followed by the same filing (UID MOVE
# by 200) until Postfix has delivered its submissions — the servers' share of the work, which the first ratio leaves
# out of the raw transport but not of the daemon's run (they share the 2 cores). Last, the raw transport in the
# daemon's own order (each mail fetched, then its reply submitted), whose deliveries fall inside its window as the
# daemon's do, and the daemon's ratio to it.
# Usage: scripts/bench-backlog.sh [N]   (default 1000; release build; BIN=… to time another binary; STATE=DIR to put
# the stack and the store somewhere else than /tmp/espace-bench, e.g. on a tmpfs, where the servers no longer wait on
# the disk and the raw transport, bound by Postfix's fsync per mail, runs twice as fast)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
STATE=${STATE:-/tmp/espace-bench}
export MAILSTACK_SMTP_PORT=15025 MAILSTACK_IMAP_PORT=15143
bash scripts/install-deps.sh
if [ -z "${BIN:-}" ]; then swift build -c release --product maildaemon 2>&1 | tail -n 1; BIN=.build/release/maildaemon; fi
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true
rm -rf "$STATE"; mkdir -p "$STATE"; chmod 755 "$STATE"
bash scripts/mailstack.sh adduser "$STATE/stack" famille@ville-lehaillan.test bench >/dev/null
bash scripts/mailstack.sh start "$STATE/stack" >/dev/null
cat > "$STATE/espace.json" <<JSON
{"service_address": "famille@ville-lehaillan.test",
 "imap": {"url": "imap://127.0.0.1:$MAILSTACK_IMAP_PORT", "username": "famille@ville-lehaillan.test", "password": {"value": "bench"}},
 "smtp": {"url": "smtp://127.0.0.1:$MAILSTACK_SMTP_PORT"},
 "templates_dir": "$(pwd)/templates", "trust": {"policy": "none"},
 "limits": {"replies_per_address_per_day": 100000, "replies_per_hour": 100000}, "payfip": {"numcli": "012345"}}
JSON
"$BIN" import --config "$STATE/espace.json" --today 2027-03-08 demo/data >/dev/null
python3 - "$N" "$MAILSTACK_SMTP_PORT" <<'PY'
import smtplib, sys, time
from email.message import EmailMessage
n, port = int(sys.argv[1]), int(sys.argv[2])
kinds = [
    ("camille.martin@parents.test", "Absence", "Bonjour, Léa sera absente jeudi 11 mars, elle a de la fièvre."),
    ("camille.martin@parents.test", "Cantine", "Bonjour, annulez la cantine de Hugo le vendredi 19 mars. Merci"),
    ("linh.nguyen@parents.test", "Factures", "Bonjour, pouvez-vous m'envoyer mes factures ? Linh"),
    ("inconnu{i}@ailleurs.test", "Question", "Bonjour, comment inscrire mon fils ?"),
]
start = time.time()
with smtplib.SMTP("127.0.0.1", port) as s:
    for i in range(n):
        frm, subject, body = kinds[i % len(kinds)]
        m = EmailMessage()
        m["From"] = frm.format(i=i); m["To"] = "famille@ville-lehaillan.test"; m["Subject"] = subject
        m["Date"] = "Mon, 08 Mar 2027 07:45:00 +0100"; m["Message-ID"] = f"<bench-{i}@parents.test>"
        m.set_content(body)
        s.send_message(m)
print(f"queued {n} messages over SMTP in {time.time() - start:.1f} s")
PY
count() { curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/INBOX" -u famille@ville-lehaillan.test:bench -X 'SEARCH ALL' | tr -d '\r' | sed -n 's/^\* SEARCH//p' | wc -w; }
for _ in $(seq 1 300); do [ "$(count)" -ge "$N" ] && break; sleep 0.2; done
echo "delivered to the service mailbox: $(count)"
# Each timed phase starts with the page cache written back: the kernel's writeback of the previous phase's files
# (tens of thousands of mails and mailboxes) otherwise lands on whichever phase comes next, by up to a third of its CPU.
# CPU seconds the whole machine has spent busy (all processes: daemon or curl, Postfix, Dovecot, kernel).
busy() { awk '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/100}' /proc/stat; }
sync
# CPU seconds of this shell's finished children (the daemon and its sender process, once run --once has returned).
children_cpu() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"; }
times >"$STATE/times0"
start=$(date +%s.%N); busy0=$(busy)
ESPACE_LOG=info "$BIN" run --once --config "$STATE/espace.json" --today 2027-03-08
end=$(date +%s.%N); busy1=$(busy)
times >"$STATE/times1"
daemon_cpu=$(awk -v a="$(children_cpu "$STATE/times0")" -v b="$(children_cpu "$STATE/times1")" 'BEGIN { printf "%.2f", b - a }')
python3 - "$start" "$end" "$N" "$STATE/var/espace.sqlite" >"$STATE/daemon-rate" <<'PY'
import sqlite3, sys
start, end, n, db = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
c = sqlite3.connect(db)
handled = c.execute("select count(*) from message").fetchone()[0]
sent = c.execute("select count(*) from outbox where sent_at is not null").fetchone()[0]
secs = end - start
print(f"{handled / secs:.1f} drained {handled} messages and sent {sent} replies in {secs:.1f} s")
PY

# The raw transport, once Postfix has delivered the daemon's replies (nothing else running on the stack).
queue_empty() { postqueue -c "$STATE/stack/postfix" -p 2>/dev/null | grep -q 'Mail queue is empty'; }
for _ in $(seq 1 3000); do queue_empty && break; sleep 0.1; done
quiet=$(date +%s.%N); busyq=$(busy)
# The parents' mailboxes the replies created go, so that the raw transport's deliveries create them again as the
# daemon's did (a new mailbox per unknown sender costs the servers more than the mail itself).
find "$STATE/stack/mail" -mindepth 1 -maxdepth 1 ! -name ville-lehaillan.test -exec rm -rf {} +
mkdir -p "$STATE/raw"
python3 - "$STATE/var/espace.sqlite" "$STATE/raw" "$MAILSTACK_IMAP_PORT" "$MAILSTACK_SMTP_PORT" <<'PY'
import sqlite3, sys, os
db, out, imap, smtp = sys.argv[1:5]
c = sqlite3.connect(db)
n = c.execute("select count(*) from message").fetchone()[0]
with open(out + "/fetch.cfg", "w") as f:
    for i in range(1, n + 1):  # the same mails, now in Processed (UIDs 1..N there)
        f.write(f'url = "imap://127.0.0.1:{imap}/Processed;UID={i}"\noutput = "/dev/null"\n')
with open(out + "/submit.cfg", "w") as f:
    # The replies themselves, each to its own recipient: the servers deliver into the same mailboxes as for the
    # daemon (a new one for each unknown sender). `next` keeps curl's connection between them.
    for i, (raw, rcpt) in enumerate(c.execute("select raw, recipient from outbox order by id")):
        path = f"{out}/r{i}.eml"
        open(path, "wb").write(raw)
        if i: f.write('next\n')
        f.write(f'url = "smtp://127.0.0.1:{smtp}"\nmail-from = "famille@ville-lehaillan.test"\n'
                f'mail-rcpt = "{rcpt}"\nupload-file = "{path}"\n')
PY
sync
start2=$(date +%s.%N); busy2=$(busy)
curl -s -u famille@ville-lehaillan.test:bench -K "$STATE/raw/fetch.cfg"
curl -s -K "$STATE/raw/submit.cfg" >/dev/null
end2=$(date +%s.%N); busy3=$(busy)
# The rest of the servers' work the daemon's run also causes: filing the mails (UID MOVE by 200, as the daemon does)
# and Postfix delivering the replies to their mailboxes. Timed apart, so the ratio above keeps its definition.
for ((i = 1; i <= N; i += 200)); do
    curl -s -u famille@ville-lehaillan.test:bench "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/Processed" \
        -X "UID MOVE $i:$((i + 199 < N ? i + 199 : N)) INBOX" >/dev/null
done
for _ in $(seq 1 3000); do queue_empty && break; sleep 0.1; done
quiet2=$(date +%s.%N); busyq2=$(busy)
python3 - "$start2" "$end2" "$N" "$STATE/daemon-rate" "$start" "$quiet" "$quiet2" "$busy0" "$busy1" "$busy2" "$busy3" "$busyq" "$busyq2" "$daemon_cpu" <<'PY'
import sys
start, end, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
b0, b1, b2, b3, bq, bq2 = (float(x) for x in sys.argv[8:14])
rate, what = open(sys.argv[4]).read().split(" ", 1)
d_start, d_quiet, r_quiet = float(sys.argv[5]), float(sys.argv[6]), float(sys.argv[7])
raw = n / (end - start)
print(f"daemon: {what.strip()}: {float(rate):.0f} messages/s")
print(f"raw transport (curl, same stack): fetched {n} mails and submitted {n} replies in {end - start:.1f} s: {raw:.0f} messages/s")
print(f"ratio daemon / raw transport: {float(rate) / raw:.2f}")
print(f"machine CPU per mail while timed (all processes, both cores): daemon's run {1000 * (b1 - b0) / n:.1f} ms, "
      f"raw transport {1000 * (b3 - b2) / n:.1f} ms")
print(f"of which the daemon's own processes (handling and sending): {1000 * float(sys.argv[14]) / n:.1f} ms per mail; "
      f"the rest is Postfix, Dovecot (delivering the replies too) and the kernel")
d_all, r_all = n / (d_quiet - d_start), n / (r_quiet - start)
print(f"until the stack is idle (mails filed, replies delivered to their mailboxes): daemon {d_all:.0f} messages/s, "
      f"raw transport with the same filing {r_all:.0f} messages/s, ratio {d_all / r_all:.2f}")
print(f"machine CPU per mail until idle: daemon's run {1000 * (bq - b0) / n:.1f} ms, raw transport {1000 * (bq2 - b2) / n:.1f} ms")
PY

# The same raw transport in the daemon's order: each mail fetched, then its reply submitted, on two connections kept by
# one curl. The two-phase transport above submits everything at the end of its window, so about a third of the
# deliveries its submissions cause (and the kernel's writeback of the new mailbox files) fall after the window, while
# during the daemon's run, which answers as it reads, they fall inside it. Printed beside the ratio above, not instead.
find "$STATE/stack/mail" -mindepth 1 -maxdepth 1 ! -name ville-lehaillan.test -exec rm -rf {} +
for _ in $(seq 1 3000); do queue_empty && break; sleep 0.1; done
curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/INBOX" -u famille@ville-lehaillan.test:bench -X 'UID SEARCH ALL' \
    | tr -d '\r' | sed -n 's/^\* SEARCH//p' >"$STATE/raw/inbox-uids"
python3 - "$STATE/var/espace.sqlite" "$STATE/raw" "$MAILSTACK_IMAP_PORT" "$MAILSTACK_SMTP_PORT" <<'PY'
import sqlite3, sys
db, out, imap, smtp = sys.argv[1:5]
uids = open(out + "/inbox-uids").read().split()
rows = sqlite3.connect(db).execute("select recipient from outbox order by id").fetchall()
with open(out + "/interleaved.cfg", "w") as f:
    for i, ((rcpt,), uid) in enumerate(zip(rows, uids)):
        if i: f.write('next\n')
        f.write(f'url = "imap://famille%40ville-lehaillan.test:bench@127.0.0.1:{imap}/INBOX;UID={uid}"\noutput = "/dev/null"\nnext\n')
        f.write(f'url = "smtp://127.0.0.1:{smtp}"\nmail-from = "famille@ville-lehaillan.test"\n'
                f'mail-rcpt = "{rcpt}"\nupload-file = "{out}/r{i}.eml"\n')
PY
sync
start3=$(date +%s.%N); busy4=$(busy)
curl -s -K "$STATE/raw/interleaved.cfg" >/dev/null
end3=$(date +%s.%N); busy5=$(busy)
for _ in $(seq 1 3000); do queue_empty && break; sleep 0.1; done
quiet3=$(date +%s.%N)
python3 - "$start3" "$end3" "$quiet3" "$N" "$STATE/daemon-rate" "$busy4" "$busy5" <<'PY'
import sys
start, end, quiet, n = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rate = float(open(sys.argv[5]).read().split(" ", 1)[0])
b4, b5 = float(sys.argv[6]), float(sys.argv[7])
raw = n / (end - start)
print(f"raw transport in the daemon's order (each mail fetched, then its reply submitted): {end - start:.1f} s, "
      f"{raw:.0f} messages/s, ratio daemon / this transport: {rate / raw:.2f}; machine CPU per mail while timed "
      f"{1000 * (b5 - b4) / n:.1f} ms; until its replies are delivered {n / (quiet - start):.0f} messages/s")
PY
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null
