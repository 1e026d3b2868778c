#!/usr/bin/env bash
# Install the system packages needed to build and test the project on
# Debian/Ubuntu (CI or a fresh machine). Idempotent and non-interactive;
# silent unless something fails.
#
#   scripts/install-deps.sh
#
# Runs apt-get update only when a package is missing. Postfix is preseeded
# to "No configuration"; package maintainer scripts are prevented from
# starting the system's own dovecot/postfix (scripts/mailstack.sh runs
# private instances instead and does not depend on the system ones).
set -euo pipefail

PACKAGES=(
    libcurl4-openssl-dev
    dovecot-imapd
    dovecot-lmtpd
    postfix
    sqlite3
    libsqlite3-dev
    curl
    ca-certificates
    python3
    publicsuffix  # /usr/share/publicsuffix/public_suffix_list.dat: DMARC relaxed alignment (trust policy "aligned")
)

SUDO=
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: need root or sudo" >&2; exit 1; }
    SUDO="sudo -n"
fi

missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

LOG=$(mktemp)
POLICY=/usr/sbin/policy-rc.d
created_policy=
cleanup() {
    if [ -n "$created_policy" ]; then $SUDO rm -f "$POLICY" || true; fi
    rm -f "$LOG"
}
trap cleanup EXIT

fail() {
    echo "install-deps: $* (missing: ${missing[*]})" >&2
    cat "$LOG" >&2
    exit 1
}

# Keep postinst scripts from starting daemons (invoke-rc.d honours this).
if [ ! -e "$POLICY" ]; then
    printf '#!/bin/sh\n# temporary, from install-deps.sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
    $SUDO chmod 0755 "$POLICY"
    created_policy=1
fi

echo "postfix postfix/main_mailer_type select No configuration" \
    | $SUDO debconf-set-selections >>"$LOG" 2>&1 || fail "debconf-set-selections failed"

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -q -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q update >>"$LOG" 2>&1 \
    || fail "apt-get update failed"
$SUDO env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install --no-install-recommends \
    "${missing[@]}" >>"$LOG" 2>&1 || fail "apt-get install failed"

for p in "${missing[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
    [ "$status" = installed ] || fail "package $p is still not installed"
done
exit 0
