#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): how fast a backlog drains, against the raw transport on the same stack.
# Starts a private mail stack, queues N parent mails in the service mailbox (a mix of absences, canteen
# cancellations, invoice requests and unknown senders), then, in each round:
#  1. the daemon: a fresh store with the demo town, one `maildaemon run --once` that handles the N mails, files them
#     and sends the replies, timed;
#  2. the raw transport, once Postfix has delivered those replies and their mailboxes are removed (so the servers
#     create them again, as for the daemon): curl fetching the same N mails by UID (one IMAP connection), then
#     submitting the same N replies to the same recipients (one SMTP connection), timed the same way; the first
#     ratio is the daemon's rate to this one's. Then both again until the stack is idle: the daemon's run until
#     Postfix has delivered its replies, and the raw transport followed by the same filing (UID MOVE by 200, which
#     also puts the mails back in the inbox) until Postfix has delivered its submissions;
#  3. the raw transport in the daemon's own order (each mail fetched, then its reply submitted), whose deliveries fall
#     inside its window as the daemon's do, and the daemon's ratio to it.
# With ROUNDS > 1 the three phases run again in turn and the script ends with each figure's median over the rounds:
# one run's first ratio swings by ±15 % with the servers' timing, more than most changes to the daemon.
# Each timed phase starts after `sync` and SETTLE seconds of quiet (default 61). This machine's root filesystem is
# ext4 without a journal, where a new inode skips every inode freed in the last 60 s (5 min while its inode table
# block is dirty): after the thousands of files a phase deletes (Postfix's queue files, the mailboxes removed
# between phases, the previous run's stack), every file the servers create scans them, up to a quarter of the
# machine's CPU in the next phase (perf: recently_deleted, find_inode_bit). Waiting puts every phase on the same
# footing. SETTLE=0 skips the wait (quicker, noisier).
# Usage: scripts/bench-backlog.sh [N]   (default 1000; release build; BIN=… to time another binary; ROUNDS=R (default
# 1); STATE=DIR to put the stack and the store somewhere else than /tmp/espace-bench, e.g. on a tmpfs, where the
# servers no longer wait on the disk and the raw transport, bound by Postfix's fsync per mail, runs twice as fast)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
ROUNDS=${ROUNDS:-1}
SETTLE=${SETTLE:-61}
STATE=${STATE:-/tmp/espace-bench}
export MAILSTACK_SMTP_PORT=15025 MAILSTACK_IMAP_PORT=15143
bash scripts/install-deps.sh
if [ -z "${BIN:-}" ]; then swift build -c release --product maildaemon 2>&1 | tail -n 1; BIN=.build/release/maildaemon; fi
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true
rm -rf "$STATE"; mkdir -p "$STATE/raw"; chmod 755 "$STATE"
bash scripts/mailstack.sh adduser "$STATE/stack" famille@ville-lehaillan.test bench >/dev/null
bash scripts/mailstack.sh start "$STATE/stack" >/dev/null
cat > "$STATE/espace.json" <<JSON
{"service_address": "famille@ville-lehaillan.test",
 "imap": {"url": "imap://127.0.0.1:$MAILSTACK_IMAP_PORT", "username": "famille@ville-lehaillan.test", "password": {"value": "bench"}},
 "smtp": {"url": "smtp://127.0.0.1:$MAILSTACK_SMTP_PORT"},
 "templates_dir": "$(pwd)/templates", "trust": {"policy": "none"},
 "limits": {"replies_per_address_per_day": 100000, "replies_per_hour": 100000}, "payfip": {"numcli": "012345"}}
JSON
STORE=$STATE/var/espace.sqlite
IMAP=imap://127.0.0.1:$MAILSTACK_IMAP_PORT
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
uids() { curl -s "$IMAP/$1" -u famille@ville-lehaillan.test:bench -X 'UID SEARCH ALL' | tr -d '\r' | sed -n 's/^\* SEARCH//p'; }
for _ in $(seq 1 300); do [ "$(uids INBOX | wc -w)" -ge "$N" ] && break; sleep 0.2; done
echo "delivered to the service mailbox: $(uids INBOX | wc -w)"
# CPU seconds the whole machine has spent busy (all processes: daemon or curl, Postfix, Dovecot, kernel).
busy() { awk '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/100}' /proc/stat; }
now() { date +%s.%N; }
# CPU seconds of this shell's finished children (the daemon and its sender process, once run --once has returned).
children_cpu() { awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.2f\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"; }
queue_empty() { postqueue -c "$STATE/stack/postfix" -p 2>/dev/null | grep -q 'Mail queue is empty'; }
wait_idle() { for _ in $(seq 1 3000); do queue_empty && break; sleep 0.1; done; }
# The parents' mailboxes the replies created go, so that the next phase's deliveries create them again.
drop_parent_mailboxes() { find "$STATE/stack/mail" -mindepth 1 -maxdepth 1 ! -name ville-lehaillan.test -exec rm -rf {} +; }
# The page cache written back (the previous phase's writeback otherwise lands on this one), then the quiet above.
settle() { sync; sleep "$SETTLE"; sync; }
: >"$STATE/rounds"

for round in $(seq 1 "$ROUNDS"); do
    [ "$ROUNDS" -gt 1 ] && echo "— round $round of $ROUNDS"
    # 1. The daemon, on a fresh store (the mails are new to it), the parents' mailboxes absent.
    rm -rf "$STATE/var"
    # The mailbox's claim by the previous round's store goes with it (the new store claims it as the first one did).
    [ "$round" -gt 1 ] && curl -s "$IMAP" -u famille@ville-lehaillan.test:bench -X 'DELETE EspaceFamille-Base' >/dev/null
    "$BIN" import --config "$STATE/espace.json" --today 2027-03-08 demo/data >/dev/null
    settle
    times >"$STATE/times0"
    start=$(now); busy0=$(busy)
    ESPACE_LOG=${ESPACE_LOG:-info} "$BIN" run --once --config "$STATE/espace.json" --today 2027-03-08
    end=$(now); busy1=$(busy)
    times >"$STATE/times1"
    daemon_cpu=$(awk -v a="$(children_cpu "$STATE/times0")" -v b="$(children_cpu "$STATE/times1")" 'BEGIN { printf "%.2f", b - a }')
    wait_idle
    quiet=$(now); busyq=$(busy)

    # 2. The raw transport in two phases, then the same filing, which puts the mails back in the inbox.
    drop_parent_mailboxes
    python3 - "$STORE" "$STATE/raw" "$MAILSTACK_IMAP_PORT" "$MAILSTACK_SMTP_PORT" "$(uids Processed)" <<'PY'
import sqlite3, sys
db, out, imap, smtp, processed = sys.argv[1:6]
with open(out + "/fetch.cfg", "w") as f:
    for uid in processed.split():  # the same mails, now in Processed
        f.write(f'url = "imap://127.0.0.1:{imap}/Processed;UID={uid}"\noutput = "/dev/null"\n')
with open(out + "/submit.cfg", "w") as f:
    # The replies themselves, each to its own recipient: the servers deliver into the same mailboxes as for the
    # daemon (a new one for each unknown sender). `next` keeps curl's connection between them.
    for i, (raw, rcpt) in enumerate(sqlite3.connect(db).execute("select raw, recipient from outbox order by id")):
        path = f"{out}/r{i}.eml"
        open(path, "wb").write(raw)
        if i: f.write('next\n')
        f.write(f'url = "smtp://127.0.0.1:{smtp}"\nmail-from = "famille@ville-lehaillan.test"\n'
                f'mail-rcpt = "{rcpt}"\nupload-file = "{path}"\n')
PY
    processed=($(uids Processed))
    settle
    start2=$(now); busy2=$(busy)
    curl -s -u famille@ville-lehaillan.test:bench -K "$STATE/raw/fetch.cfg"
    curl -s -K "$STATE/raw/submit.cfg" >/dev/null
    end2=$(now); busy3=$(busy)
    # The rest of the servers' work the daemon's run also causes: filing the mails (UID MOVE by 200, as the daemon
    # does) and Postfix delivering the replies to their mailboxes. Timed apart, so the ratio above keeps its definition.
    for ((i = 0; i < ${#processed[@]}; i += 200)); do
        uidset=$(printf '%s,' "${processed[@]:i:200}")
        curl -s -u famille@ville-lehaillan.test:bench "$IMAP/Processed" -X "UID MOVE ${uidset%,} INBOX" >/dev/null
    done
    wait_idle
    quiet2=$(now); busyq2=$(busy)
    python3 - "$start2" "$end2" "$N" "$STORE" "$start" "$end" "$quiet" "$quiet2" "$busy0" "$busy1" "$busy2" "$busy3" "$busyq" "$busyq2" "$daemon_cpu" >"$STATE/round-two-phase" <<'PY'
import sqlite3, sys
start, end, n, db = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
d_start, d_end, d_quiet, r_quiet = (float(x) for x in sys.argv[5:9])
b0, b1, b2, b3, bq, bq2 = (float(x) for x in sys.argv[9:15])
c = sqlite3.connect(db)
handled = c.execute("select count(*) from message").fetchone()[0]
sent = c.execute("select count(*) from outbox where sent_at is not null").fetchone()[0]
rate, raw = handled / (d_end - d_start), n / (end - start)
d_all, r_all = n / (d_quiet - d_start), n / (r_quiet - start)
print(f"daemon: drained {handled} messages and sent {sent} replies in {d_end - d_start:.1f} s: {rate:.0f} messages/s")
print(f"raw transport (curl, same stack): fetched {n} mails and submitted {n} replies in {end - start:.1f} s: {raw:.0f} messages/s")
print(f"ratio daemon / raw transport: {rate / raw:.2f}")
print(f"machine CPU per mail while timed (all processes, both cores): daemon's run {1000 * (b1 - b0) / n:.1f} ms, "
      f"raw transport {1000 * (b3 - b2) / n:.1f} ms")
print(f"of which the daemon's own processes (handling and sending): {1000 * float(sys.argv[15]) / n:.1f} ms per mail; "
      f"the rest is Postfix, Dovecot (delivering the replies too) and the kernel")
print(f"until the stack is idle (mails filed, replies delivered to their mailboxes): daemon {d_all:.0f} messages/s, "
      f"raw transport with the same filing {r_all:.0f} messages/s, ratio {d_all / r_all:.2f}")
print(f"machine CPU per mail until idle: daemon's run {1000 * (bq - b0) / n:.1f} ms, raw transport {1000 * (bq2 - b2) / n:.1f} ms")
print(f"FIGURES {rate:.1f} {raw:.1f} {rate / raw:.3f} {d_all / r_all:.3f} {1000 * float(sys.argv[15]) / n:.2f}")
PY
    grep -v '^FIGURES' "$STATE/round-two-phase"

    # 3. The same raw transport in the daemon's order: each mail fetched, then its reply submitted, on two
    # connections kept by one curl. The two-phase transport above submits everything at the end of its window, so
    # about a third of the deliveries its submissions cause (and the kernel's writeback of the new mailbox files)
    # fall after the window, while during the daemon's run, which answers as it reads, they fall inside it. Printed
    # beside the ratio above, not instead.
    drop_parent_mailboxes
    wait_idle
    python3 - "$STORE" "$STATE/raw" "$MAILSTACK_IMAP_PORT" "$MAILSTACK_SMTP_PORT" "$(uids INBOX)" <<'PY'
import sqlite3, sys
db, out, imap, smtp, inbox = sys.argv[1:6]
rows = sqlite3.connect(db).execute("select recipient from outbox order by id").fetchall()
with open(out + "/interleaved.cfg", "w") as f:
    for i, ((rcpt,), uid) in enumerate(zip(rows, inbox.split())):
        if i: f.write('next\n')
        f.write(f'url = "imap://famille%40ville-lehaillan.test:bench@127.0.0.1:{imap}/INBOX;UID={uid}"\noutput = "/dev/null"\nnext\n')
        f.write(f'url = "smtp://127.0.0.1:{smtp}"\nmail-from = "famille@ville-lehaillan.test"\n'
                f'mail-rcpt = "{rcpt}"\nupload-file = "{out}/r{i}.eml"\n')
PY
    settle
    start3=$(now); busy4=$(busy)
    curl -s -K "$STATE/raw/interleaved.cfg" >/dev/null
    end3=$(now); busy5=$(busy)
    wait_idle
    quiet3=$(now)
    python3 - "$start3" "$end3" "$quiet3" "$N" "$STATE/round-two-phase" "$busy4" "$busy5" >"$STATE/round-interleaved" <<'PY'
import sys
start, end, quiet, n = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
figures = [l.split()[1:] for l in open(sys.argv[5]) if l.startswith("FIGURES")][0]
rate = float(figures[0])
b4, b5 = float(sys.argv[6]), float(sys.argv[7])
raw = n / (end - start)
print(f"raw transport in the daemon's order (each mail fetched, then its reply submitted): {end - start:.1f} s, "
      f"{raw:.0f} messages/s, ratio daemon / this transport: {rate / raw:.2f}; machine CPU per mail while timed "
      f"{1000 * (b5 - b4) / n:.1f} ms; until its replies are delivered {n / (quiet - start):.0f} messages/s")
print("FIGURES", *figures, f"{raw:.1f}", f"{rate / raw:.3f}")
PY
    grep -v '^FIGURES' "$STATE/round-interleaved"
    grep '^FIGURES' "$STATE/round-interleaved" >>"$STATE/rounds"
    drop_parent_mailboxes # the next round's replies create them again
    wait_idle
done

if [ "$ROUNDS" -gt 1 ]; then
    python3 - "$STATE/rounds" <<'PY'
import statistics, sys
rows = [[float(x) for x in l.split()[1:]] for l in open(sys.argv[1])]
def med(i): return statistics.median(r[i] for r in rows)
def each(i, fmt): return ", ".join(fmt.format(r[i]) for r in rows)
print(f"over {len(rows)} rounds (median, then each round):")
print(f"  daemon {med(0):.0f} messages/s ({each(0, '{:.0f}')}); raw transport {med(1):.0f} messages/s ({each(1, '{:.0f}')})")
print(f"  ratio daemon / raw transport: {med(2):.2f} ({each(2, '{:.2f}')})")
print(f"  until the stack is idle: {med(3):.2f} ({each(3, '{:.2f}')})")
print(f"  ratio to the raw transport in the daemon's order: {med(6):.2f} ({each(6, '{:.2f}')})")
print(f"  the daemon's own CPU: {med(4):.2f} ms per mail ({each(4, '{:.2f}')})")
PY
fi
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null
