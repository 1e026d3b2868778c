#!/usr/bin/env bash
# End-to-end check of the local mail stack (see docs/MAILSTACK.md).
#
#   scripts/mailstack-smoke.sh STATE_DIR
#
# Starts the stack if needed, adds parent@famille.test, sends mail over SMTP
# with curl, and checks over IMAP that it lands in INBOX; also checks that
# mail to an address without a password is delivered (LMTP accepts all),
# that Processed/NeedsReview exist, and that a failed login does not slow
# down the next one. Prints PASS or FAIL; exits non-zero on failure.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: ${0##*/} STATE_DIR" >&2; exit 2; }
HERE=$(cd "$(dirname "$0")" && pwd)
STACK="$HERE/mailstack.sh"
STATE_DIR=$(realpath -m -- "$1")
SMTP_PORT=${MAILSTACK_SMTP_PORT:-10025}
IMAP_PORT=${MAILSTACK_IMAP_PORT:-10143}

USER_ADDR=parent@famille.test
USER_PASS=smoke-secret
STRANGER=nobody-$RANDOM@ailleurs.test
TOKEN=smoke-$(date +%s)-$$-$RANDOM
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

fails=0
ok()   { echo "  ok   $*"; }
bad()  { echo "  FAIL $*"; fails=$((fails + 1)); }

finish() {
    if [ "$fails" -eq 0 ]; then
        echo "PASS mailstack smoke ($STATE_DIR)"
        exit 0
    fi
    echo "FAIL mailstack smoke: $fails check(s) failed ($STATE_DIR)"
    for f in "$STATE_DIR/log/postfix.log" "$STATE_DIR/log/dovecot.log"; do
        [ -f "$f" ] && { echo "----- tail of $f -----"; tail -n 20 "$f"; }
    done
    exit 1
}

imap() { # extra curl args...
    curl -sS --max-time 10 -u "$USER_ADDR:$USER_PASS" "$@"
}

send() { # rcpt subject
    cat >"$TMP/msg.eml" <<EOF
From: Mairie <mairie@ville.test>
To: <$1>
Subject: $2
Date: $(date -R)
Message-ID: <$2.$1@ville.test>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Bonjour, ceci est un test ($2).
EOF
    curl -sS --max-time 20 "smtp://127.0.0.1:$SMTP_PORT" \
        --mail-from mairie@ville.test --mail-rcpt "$1" -T "$TMP/msg.eml"
}

echo "mailstack smoke: state $STATE_DIR, SMTP $SMTP_PORT, IMAP $IMAP_PORT"

if bash "$STACK" status "$STATE_DIR" >/dev/null 2>&1; then
    ok "stack already running"
elif bash "$STACK" start "$STATE_DIR" >"$TMP/start.out" 2>&1; then
    ok "stack started"
else
    cat "$TMP/start.out"; bad "start"; finish
fi

bash "$STACK" adduser "$STATE_DIR" "$USER_ADDR" "$USER_PASS" >/dev/null \
    && ok "adduser $USER_ADDR" || bad "adduser"

# 1. Mail to a user with a password, read back over IMAP.
if send "$USER_ADDR" "$TOKEN-a"; then ok "SMTP accepted mail to $USER_ADDR"
else bad "SMTP send to $USER_ADDR"; fi

found=
for _ in $(seq 1 100); do   # up to ~20 s
    out=$(imap "imap://127.0.0.1:$IMAP_PORT/INBOX" -X "SEARCH HEADER Subject $TOKEN-a" 2>&1) || true
    uid=$(printf '%s\n' "$out" | sed -n 's/^\* SEARCH \([0-9][0-9]*\).*/\1/p' | head -n1)
    if [ -n "$uid" ]; then found=$uid; break; fi
    sleep 0.2
done
if [ -n "$found" ]; then
    ok "message in INBOX of $USER_ADDR (seq $found)"
    body=$(imap "imap://127.0.0.1:$IMAP_PORT/INBOX;MAILINDEX=$found" 2>&1) || true
    if printf '%s' "$body" | grep -q "ceci est un test ($TOKEN-a)"; then
        ok "message body fetched over IMAP"
    else
        bad "fetch of message $found: $body"
    fi
else
    bad "message not in INBOX after 20 s (last answer: $out)"
fi

# 2. Mail to an address with no passwd entry is delivered too.
if send "$STRANGER" "$TOKEN-b"; then ok "SMTP accepted mail to $STRANGER"
else bad "SMTP send to $STRANGER"; fi
sdomain=${STRANGER#*@}; suser=${STRANGER%@*}
delivered=
for _ in $(seq 1 100); do
    if grep -rqs "$TOKEN-b" "$STATE_DIR/mail/$sdomain/$suser/new" "$STATE_DIR/mail/$sdomain/$suser/cur"; then
        delivered=1; break
    fi
    sleep 0.2
done
[ -n "$delivered" ] && ok "delivered to $STRANGER (no passwd entry) in mail/$sdomain/$suser" \
    || bad "mail to $STRANGER not delivered after 20 s"

# 3. Auto-created mailboxes.
list=$(imap "imap://127.0.0.1:$IMAP_PORT/" 2>&1) || true
for mb in INBOX Processed NeedsReview; do
    if printf '%s\n' "$list" | grep -Eq "[\" ]$mb\"?\s*\$"; then ok "mailbox $mb exists"
    else bad "mailbox $mb missing (LIST: $list)"; fi
done
caps=$(curl -sS --max-time 10 "imap://127.0.0.1:$IMAP_PORT/" -u "$USER_ADDR:$USER_PASS" -X CAPABILITY 2>&1) || true
for cap in MOVE UIDPLUS; do
    printf '%s' "$caps" | grep -qw "$cap" && ok "capability $cap" || bad "capability $cap missing ($caps)"
done

# 4. A failed login must not slow down the next ones.
curl -s --max-time 10 -u "$USER_ADDR:wrong-password" "imap://127.0.0.1:$IMAP_PORT/" -X NOOP >/dev/null 2>&1 \
    && bad "login with a wrong password succeeded"
start=$(date +%s%N)
if imap "imap://127.0.0.1:$IMAP_PORT/" -X NOOP >/dev/null 2>&1; then
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$ms" -lt 1000 ]; then ok "login after a failed login took ${ms} ms"
    else bad "login after a failed login took ${ms} ms (penalty?)"; fi
else
    bad "login after a failed login failed"
fi

finish
