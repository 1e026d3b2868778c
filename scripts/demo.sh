#!/usr/bin/env bash
# The demo: a local mail stack on 127.0.0.1, the sample town of demo/data, the sample parent mails of
# demo/messages sent through SMTP, the daemon answering them, and what each parent received.
# Safe to run twice: every run starts from a fresh state directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
STATE=${DEMO_STATE:-/tmp/espace-demo}
export MAILSTACK_SMTP_PORT=${MAILSTACK_SMTP_PORT:-10025} MAILSTACK_IMAP_PORT=${MAILSTACK_IMAP_PORT:-10143}
SERVICE=famille@ville-lehaillan.test
PASS=demo-secret
TODAY=2027-03-08

echo "==> Installation des paquets (si nécessaire)"
bash scripts/install-deps.sh
echo "==> Compilation"
swift build --product maildaemon 2>&1 | tail -n 1
BIN="$ROOT/.build/debug/maildaemon"

echo "==> Serveurs de messagerie locaux (Postfix + Dovecot) dans $STATE"
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null 2>&1 || true
rm -rf "$STATE"
mkdir -p "$STATE" && chmod 755 "$STATE"
bash scripts/mailstack.sh start "$STATE/stack"
for who in "$SERVICE" camille.martin@parents.test julien.martin@parents.test linh.nguyen@parents.test \
           sophie.roux@parents.test paul.durand@ailleurs.test; do
  bash scripts/mailstack.sh adduser "$STATE/stack" "$who" "$PASS" >/dev/null
done

cat > "$STATE/espace.json" <<JSON
{
  "service_address": "$SERVICE",
  "staff": ["accueil.enfance@ville-lehaillan.test"],
  "imap": {"url": "imap://127.0.0.1:$MAILSTACK_IMAP_PORT", "username": "$SERVICE", "password": {"env": "ESPACE_IMAP_PASSWORD"}},
  "smtp": {"url": "smtp://127.0.0.1:$MAILSTACK_SMTP_PORT"},
  "store_path": "var/espace.sqlite",
  "raw_dir": "var/messages",
  "attachments_dir": "var/attachments",
  "templates_dir": "$ROOT/templates",
  "trust": {"policy": "none"},
  "payfip": {"numcli": "012345", "saisie": "T", "urlcl": "https://www.ville-lehaillan.test/paiement-retour"},
  "reminders": {"unpaid_invoice": {"enabled": true, "days_before": 5}},
  "metrics_file": "var/metrics.prom"
}
JSON
export ESPACE_IMAP_PASSWORD=$PASS

echo "==> Import de la commune d'exemple (demo/data)"
"$BIN" import --config "$STATE/espace.json" --today $TODAY demo/data

echo "==> Envoi des courriels des parents (demo/messages)"
count=0
for f in demo/messages/*.eml; do
  from=$(sed -n 's/^From:.*<\(.*\)>.*/\1/p' "$f" | head -n 1)
  curl -sS --fail "smtp://127.0.0.1:$MAILSTACK_SMTP_PORT" --mail-from "$from" --mail-rcpt "$SERVICE" -T "$f"
  count=$((count + 1))
  echo "   $(basename "$f")  ($from)"
done

inbox_count() {
  curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/$2" -u "$1:$PASS" -X 'SEARCH ALL' | tr -d '\r' | sed -n 's/^\* SEARCH//p' | wc -w
}
for _ in $(seq 1 50); do [ "$(inbox_count $SERVICE INBOX)" -ge "$count" ] && break; sleep 0.2; done

echo "==> Le démon traite la boîte du service (run --once --today $TODAY)"
"$BIN" run --once --config "$STATE/espace.json" --today $TODAY 2>&1 | sed 's/^/   /'
sleep 1

echo
echo "==> Ce que chaque parent a reçu"
for who in camille.martin@parents.test julien.martin@parents.test linh.nguyen@parents.test sophie.roux@parents.test paul.durand@ailleurs.test; do
  n=$(inbox_count "$who" INBOX)
  echo
  echo "################ $who : $n message(s)"
  for uid in $(seq 1 "$n"); do
    curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/INBOX/;UID=$uid" -u "$who:$PASS" | python3 scripts/show-mail.py
  done
done
echo
echo "Boîte du service : $(inbox_count $SERVICE Processed) message(s) traités, $(inbox_count $SERVICE NeedsReview) à revoir."
echo
echo "==> La lettre du matin au service (digest --print --today $TODAY)"
"$BIN" digest --print --config "$STATE/espace.json" --today $TODAY | sed 's/^/   /'
echo
REMIND_DAY=2027-03-26
echo "==> Un rappel aux familles : le $REMIND_DAY, la facture de février (échéance le 31 mars) est à régler (remind --today $REMIND_DAY)"
before=$(inbox_count camille.martin@parents.test INBOX)
"$BIN" remind --config "$STATE/espace.json" --today $REMIND_DAY | sed 's/^/   /'
"$BIN" run --once --config "$STATE/espace.json" --today $REMIND_DAY 2>&1 | sed 's/^/   /'
for _ in $(seq 1 50); do [ "$(inbox_count camille.martin@parents.test INBOX)" -gt "$before" ] && break; sleep 0.2; done
curl -s "imap://127.0.0.1:$MAILSTACK_IMAP_PORT/INBOX/;UID=$((before + 1))" -u "camille.martin@parents.test:$PASS" | python3 scripts/show-mail.py | sed 's/^/   /'
echo "   Une seconde fois, rien ne repart :"
"$BIN" remind --config "$STATE/espace.json" --today $REMIND_DAY | sed 's/^/   /'
echo
echo "==> État du service (status) et métriques ($STATE/var/metrics.prom)"
"$BIN" status --config "$STATE/espace.json" | sed 's/^/   /'
grep -E '^espace_(messages_total|replies_sent_total|reminders_total)' "$STATE/var/metrics.prom" | sed 's/^/   /'
bash scripts/mailstack.sh stop "$STATE/stack" >/dev/null
echo "Démonstration terminée (état conservé dans $STATE)."
