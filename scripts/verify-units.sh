#!/usr/bin/env bash
# Checks the systemd units in deploy/ offline: `systemd-analyze verify` (any warning fails, not only errors),
# then the sandbox settings docs/DEPLOY.md promises. ExecStart points at /usr/local/bin/maildaemon, which need
# not exist here: a copy of each unit runs $BIN instead (default: the debug build, else /bin/true).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-$PWD/.build/debug/maildaemon}
[ -x "$BIN" ] || BIN=/bin/true
command -v systemd-analyze >/dev/null || { echo "verify-units: systemd-analyze missing (apt-get install systemd)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in deploy/*.service deploy/*.timer; do
  sed "s|/usr/local/bin/maildaemon|$BIN|" "$f" >"$tmp/$(basename "$f")"
done
out=$(systemd-analyze verify "$tmp"/*.service "$tmp"/*.timer 2>&1) || { echo "$out" >&2; exit 1; }
if [ -n "$out" ]; then echo "$out" >&2; exit 1; fi
unit=deploy/maildaemon.service
for want in '^User=espace$' '^ProtectSystem=strict$' '^NoNewPrivileges=yes$' '^ReadWritePaths=/var/lib/espace$' \
            '^Restart=on-failure$' '^TimeoutStopSec=[0-9]+$' '^KillSignal=SIGTERM$'; do
  grep -Eq "$want" "$unit" || { echo "verify-units: $unit lacks $want" >&2; exit 1; }
done
echo "verify-units: deploy/ units valid"
