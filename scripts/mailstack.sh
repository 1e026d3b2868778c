#!/usr/bin/env bash
# Local mail stack for tests and development: Postfix (SMTP in) delivering
# everything over LMTP to Dovecot (IMAP out). Everything lives under STATE_DIR.
#
#   scripts/mailstack.sh start   STATE_DIR
#   scripts/mailstack.sh stop    STATE_DIR
#   scripts/mailstack.sh status  STATE_DIR
#   scripts/mailstack.sh adduser STATE_DIR ADDRESS PASSWORD
#
# Ports: MAILSTACK_SMTP_PORT (default 10025), MAILSTACK_IMAP_PORT (default 10143),
# both bound to 127.0.0.1 only. See docs/MAILSTACK.md.
# MAILSTACK_ANY_USER_PASSWORD (start, tests only): every address logs in to IMAP
# with this password, so test suites need no adduser (and its reload wait).
set -euo pipefail
umask 022

PROG=${0##*/}
die() { echo "$PROG: $*" >&2; exit 1; }
usage() {
    cat >&2 <<EOF
usage: $PROG start|stop|status STATE_DIR
       $PROG adduser STATE_DIR ADDRESS PASSWORD
env:   MAILSTACK_SMTP_PORT (default 10025), MAILSTACK_IMAP_PORT (default 10143),
       MAILSTACK_ANY_USER_PASSWORD (start: any address logs in with it; tests only)
EOF
    exit 2
}

[ $# -ge 2 ] || usage
CMD=$1
STATE_ARG=$2
shift 2

[ "$(id -u)" = 0 ] || die "must run as root (Postfix and Dovecot masters need it)"

# ---------------------------------------------------------------- layout ----
abspath() {
    local p=$1
    case $p in /*) ;; *) p="$PWD/$p" ;; esac
    # Normalise without requiring the path to exist.
    realpath -m -- "$p"
}

STATE_DIR=$(abspath "$STATE_ARG")
[ "$STATE_DIR" != / ] || die "refusing to use / as STATE_DIR"

DC_DIR=$STATE_DIR/dovecot          # dovecot.conf, users
PF_DIR=$STATE_DIR/postfix          # main.cf, master.cf (config_directory)
PF_DATA=$STATE_DIR/postfix-data    # data_directory
MAIL_DIR=$STATE_DIR/mail           # maildirs: mail/<domain>/<user>
LOG_DIR=$STATE_DIR/log             # dovecot.log, postfix.log
PORTS_FILE=$STATE_DIR/ports.env    # ports of the running/last started stack

# Unix socket paths must stay under 108 bytes. Dovecot's base_dir (sockets,
# master.pid) and Postfix's queue_directory (private/, public/ sockets) are
# placed under STATE_DIR when it is short; otherwise under a short directory
# in /tmp keyed by STATE_DIR, with a symlink STATE_DIR/sockroot pointing at it.
if [ ${#STATE_DIR} -le 60 ]; then
    SOCK_ROOT=$STATE_DIR
else
    SOCK_ROOT=/tmp/mailstack-$(printf '%s' "$STATE_DIR" | sha1sum | cut -c1-12)
fi
DC_RUN=$SOCK_ROOT/run              # Dovecot base_dir
PF_SPOOL=$SOCK_ROOT/spool          # Postfix queue_directory
LMTP_SOCK=$DC_RUN/lmtp

SMTP_PORT=${MAILSTACK_SMTP_PORT:-10025}
IMAP_PORT=${MAILSTACK_IMAP_PORT:-10143}
case $SMTP_PORT in ''|*[!0-9]*) die "bad MAILSTACK_SMTP_PORT: $SMTP_PORT" ;; esac
case $IMAP_PORT in ''|*[!0-9]*) die "bad MAILSTACK_IMAP_PORT: $IMAP_PORT" ;; esac
[ "$SMTP_PORT" != "$IMAP_PORT" ] || die "SMTP and IMAP ports must differ"
ANY_USER_PASSWORD=${MAILSTACK_ANY_USER_PASSWORD:-}
case $ANY_USER_PASSWORD in *[!A-Za-z0-9._-]*) die "MAILSTACK_ANY_USER_PASSWORD: letters, digits, '.', '_', '-' only" ;; esac

# For stop/status, the ports the stack was started with win over the env.
load_ports() {
    if [ -f "$PORTS_FILE" ]; then
        # shellcheck disable=SC1090
        . "$PORTS_FILE"
        SMTP_PORT=${STARTED_SMTP_PORT:-$SMTP_PORT}
        IMAP_PORT=${STARTED_IMAP_PORT:-$IMAP_PORT}
    fi
}

# -------------------------------------------------------------- helpers -----
port_open() { # port -> 0 if something accepts TCP connections on 127.0.0.1:port
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

read_pid() { # file -> pid on stdout (empty if none)
    [ -f "$1" ] || return 0
    tr -dc '0-9' <"$1" 2>/dev/null || true
}

dovecot_pid() {
    local pid
    pid=$(read_pid "$DC_RUN/master.pid")
    if pid_alive "$pid" && grep -qa dovecot "/proc/$pid/cmdline" 2>/dev/null; then
        echo "$pid"
    fi
}

postfix_pid() {
    local pid
    pid=$(read_pid "$PF_SPOOL/pid/master.pid")
    if pid_alive "$pid" && grep -qa master "/proc/$pid/cmdline" 2>/dev/null; then
        echo "$pid"
    fi
}

show_logs() {
    local f
    for f in "$LOG_DIR/dovecot.log" "$LOG_DIR/postfix.log" \
             "$LOG_DIR/dovecot.start.out" "$LOG_DIR/postfix.start.out"; do
        if [ -s "$f" ]; then
            echo "----- tail of $f -----" >&2
            tail -n 30 "$f" >&2
        fi
    done
}

# STATE_DIR and every parent must be enterable by the mail/postfix users.
check_parents() {
    local d=$1 bad=
    while [ "$d" != / ] && [ -n "$d" ]; do
        if [ -d "$d" ] && ! [ "$(( 0$(stat -c %a "$d") & 1 ))" = 1 ]; then
            bad="$bad $d"
        fi
        d=$(dirname "$d")
    done
    [ -z "$bad" ] || die "not enterable by other users (need o+x, e.g. chmod 0755):$bad"
}

# ----------------------------------------------------------- config files ---
ensure_dirs() {
    mkdir -p "$STATE_DIR"
    chmod 0755 "$STATE_DIR"
    check_parents "$STATE_DIR"
    mkdir -p "$DC_DIR" "$PF_DIR" "$LOG_DIR" "$MAIL_DIR" "$PF_DATA" "$DC_RUN" "$PF_SPOOL"
    chmod 0755 "$DC_DIR" "$PF_DIR" "$LOG_DIR" "$DC_RUN" "$PF_SPOOL" "$SOCK_ROOT"
    chown mail:mail "$MAIL_DIR"; chmod 0750 "$MAIL_DIR"
    chown postfix:postfix "$PF_DATA"; chmod 0700 "$PF_DATA"
    if [ "$SOCK_ROOT" != "$STATE_DIR" ]; then
        check_parents "$SOCK_ROOT"
        ln -sfn "$SOCK_ROOT" "$STATE_DIR/sockroot"
    fi
    touch "$DC_DIR/users"
    chown root:dovecot "$DC_DIR/users"; chmod 0640 "$DC_DIR/users"
}

write_dovecot_conf() {
    local mail_uid mail_gid any_user=
    mail_uid=$(id -u mail); mail_gid=$(id -g mail)
    if [ -n "$ANY_USER_PASSWORD" ]; then
        any_user="# Tests: any address logs in with one password (MAILSTACK_ANY_USER_PASSWORD).
passdb {
  driver = static
  args = password=$ANY_USER_PASSWORD
}"
    fi
    cat >"$DC_DIR/dovecot.conf.new" <<EOF
# Generated by scripts/mailstack.sh -- rewritten on every start.
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $DC_RUN
instance_name = mailstack-$(printf '%s' "$STATE_DIR" | sha1sum | cut -c1-8)
log_path = $LOG_DIR/dovecot.log
info_log_path = $LOG_DIR/dovecot.log
debug_log_path = $LOG_DIR/dovecot.log
shutdown_clients = yes

ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Lu
# No login penalty: a failed login must not delay the next ones.
auth_failure_delay = 0
auth_cache_size = 0
login_trusted_networks = 127.0.0.0/8
# IDLE clients (the tests wait for delivery this way) hear of new mail at once
# through inotify; this is only the fallback when inotify is unavailable.
mailbox_idle_check_interval = 1 secs

$any_user
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $DC_DIR/users
}
# Static userdb: LMTP accepts mail for ANY address, password or not.
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$MAIL_DIR/%d/%n allow_all_users=yes
}

mail_uid = $mail_uid
mail_gid = $mail_gid
first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
first_valid_gid = $mail_gid
mail_location = maildir:$MAIL_DIR/%d/%n
mail_privileged_group =

namespace inbox {
  inbox = yes
  mailbox Processed {
    auto = subscribe
  }
  mailbox NeedsReview {
    auto = subscribe
  }
}

protocol imap {
  mail_max_userip_connections = 100
}
protocol lmtp {
  postmaster_address = postmaster@mail.test
}
lmtp_rcpt_check_quota = no

service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
# The auth penalty (anvil) would delay every login after a failed one.
# Make its socket unreachable for the auth process (which then disables the
# penalty); auth_failure_delay = 0 above removes the per-failure delay.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
EOF
    mv -f "$DC_DIR/dovecot.conf.new" "$DC_DIR/dovecot.conf"
}

write_postfix_conf() {
    cat >"$PF_DIR/main.cf" <<EOF
# Generated by scripts/mailstack.sh -- rewritten on every start.
compatibility_level = 3.6
config_directory = $PF_DIR
queue_directory = $PF_SPOOL
data_directory = $PF_DATA
command_directory = /usr/sbin
daemon_directory = /usr/lib/postfix/sbin
mail_owner = postfix
setgid_group = postdrop

maillog_file = $LOG_DIR/postfix.log
maillog_file_prefixes = $LOG_DIR
syslog_name = postfix-mailstack

myhostname = mail.test
mydomain = test
myorigin = \$myhostname
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
mynetworks_style = host

# No local delivery: every address in every domain goes to Dovecot via LMTP.
mydestination =
local_recipient_maps =
local_transport = error:local delivery is disabled
relay_domains =
virtual_alias_domains =
virtual_mailbox_domains =
virtual_alias_maps =
alias_maps =
alias_database =
default_transport = lmtp:unix:$LMTP_SOCK
relay_transport = lmtp:unix:$LMTP_SOCK
virtual_transport = lmtp:unix:$LMTP_SOCK
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions =
smtpd_client_restrictions =
smtpd_helo_restrictions =
smtpd_sender_restrictions =
biff = no
append_dot_mydomain = no
recipient_delimiter =

message_size_limit = 62914560
mailbox_size_limit = 0
virtual_mailbox_limit = 0
smtputf8_enable = no

# No DNS at all.
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtp_host_lookup = native
lmtp_host_lookup = native
smtpd_peername_lookup = no

# Fast retries and no artificial delays (tests).
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 5s
maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
delay_warning_time = 0
in_flow_delay = 0
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_client_connection_count_limit = 0
smtpd_client_connection_rate_limit = 0
lmtp_destination_concurrency_limit = 20
lmtp_destination_recipient_limit = 50

smtp_tls_security_level = none
smtpd_tls_security_level = none
EOF
    # Minimal master.cf derived from Debian's /etc/postfix/master.cf: no
    # chroot anywhere, SMTP only on 127.0.0.1:SMTP_PORT, postlog for
    # maillog_file, short pickup/qmgr wakeups.
    cat >"$PF_DIR/master.cf" <<EOF
# Generated by scripts/mailstack.sh -- rewritten on every start.
# service  type  private unpriv  chroot  wakeup  maxproc command
$SMTP_PORT inet  n       -       n       -       -       smtpd
pickup    unix  n       -       n       1       1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       1       1       qmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
}

# Set-gid Postfix commands (postqueue, postdrop) only accept -c DIR when DIR
# is listed in alternate_config_directories of the DEFAULT main.cf.
register_alternate_config() {
    local main=/etc/postfix/main.cf cur
    mkdir -p /etc/postfix
    if [ ! -f "$main" ]; then
        printf '# Created by mailstack.sh (Postfix is otherwise unconfigured here).\n' >"$main"
    fi
    cur=$(postconf -c /etc/postfix -h alternate_config_directories 2>/dev/null || true)
    case " ${cur//,/ } " in
        *" $PF_DIR "*) return 0 ;;
    esac
    if [ -n "$cur" ]; then cur="$cur, $PF_DIR"; else cur=$PF_DIR; fi
    postconf -c /etc/postfix -e "alternate_config_directories = $cur"
}

# --------------------------------------------------------------- commands ---
start_dovecot() {
    [ -z "$(dovecot_pid)" ] || return 0
    rm -f "$DC_RUN/master.pid"
    if ! dovecot -c "$DC_DIR/dovecot.conf" \
            </dev/null >"$LOG_DIR/dovecot.start.out" 2>&1; then
        echo "$PROG: dovecot failed to start" >&2
        show_logs; exit 1
    fi
}

start_postfix() {
    [ -z "$(postfix_pid)" ] || return 0
    # `postfix start` runs the checks of `postfix check` itself (check-fatal, check-warn).
    if ! postfix -c "$PF_DIR" start \
            </dev/null >"$LOG_DIR/postfix.start.out" 2>&1; then
        echo "$PROG: postfix failed to start" >&2
        show_logs; exit 1
    fi
}

wait_ports() {
    local i
    for i in $(seq 1 300); do   # 30 s
        if port_open "$SMTP_PORT" && port_open "$IMAP_PORT" && [ -S "$LMTP_SOCK" ]; then
            return 0
        fi
        sleep 0.1
    done
    echo "$PROG: stack did not come up within 30 s (SMTP $SMTP_PORT, IMAP $IMAP_PORT, LMTP $LMTP_SOCK)" >&2
    show_logs
    return 1
}

cmd_start() {
    local dpid ppid
    dpid=$(dovecot_pid); ppid=$(postfix_pid)
    if [ -n "$dpid" ] && [ -n "$ppid" ]; then
        local want_smtp=$SMTP_PORT want_imap=$IMAP_PORT
        load_ports
        if [ "$want_smtp" != "$SMTP_PORT" ] || [ "$want_imap" != "$IMAP_PORT" ]; then
            echo "$PROG: warning: already running with SMTP $SMTP_PORT / IMAP $IMAP_PORT; stop first to change ports" >&2
        fi
        wait_ports || exit 1
        echo "mailstack already running: SMTP 127.0.0.1:$SMTP_PORT IMAP 127.0.0.1:$IMAP_PORT ($STATE_DIR)"
        return 0
    fi
    if [ -n "$dpid" ] || [ -n "$ppid" ]; then
        # Half running: restart cleanly with the current configuration.
        echo "$PROG: stack half running, restarting it" >&2
        local keep_smtp=$SMTP_PORT keep_imap=$IMAP_PORT
        cmd_stop >/dev/null
        SMTP_PORT=$keep_smtp; IMAP_PORT=$keep_imap
    fi

    port_open "$IMAP_PORT" && die "port 127.0.0.1:$IMAP_PORT (IMAP) is already in use by something else (set MAILSTACK_IMAP_PORT)"
    port_open "$SMTP_PORT" && die "port 127.0.0.1:$SMTP_PORT (SMTP) is already in use by something else (set MAILSTACK_SMTP_PORT)"

    ensure_dirs
    write_dovecot_conf
    write_postfix_conf
    register_alternate_config
    printf 'STARTED_SMTP_PORT=%s\nSTARTED_IMAP_PORT=%s\n' "$SMTP_PORT" "$IMAP_PORT" >"$PORTS_FILE"

    start_dovecot
    start_postfix
    if ! wait_ports; then
        cmd_stop >/dev/null 2>&1 || true
        exit 1
    fi
    echo "mailstack started: SMTP 127.0.0.1:$SMTP_PORT IMAP 127.0.0.1:$IMAP_PORT ($STATE_DIR)"
}

wait_gone() { # pid seconds
    local i
    for i in $(seq 1 $(( $2 * 10 ))); do
        pid_alive "$1" || return 0
        sleep 0.1
    done
    return 1
}

cmd_stop() {
    load_ports
    local dpid ppid i
    ppid=$(postfix_pid)
    if [ -n "$ppid" ]; then
        kill -TERM "$ppid" 2>/dev/null || true
        if ! wait_gone "$ppid" 20; then
            echo "$PROG: postfix master $ppid did not exit, sending KILL" >&2
            kill -KILL "$ppid" 2>/dev/null || true
            wait_gone "$ppid" 5 || true
        fi
    fi
    dpid=$(dovecot_pid)
    if [ -n "$dpid" ]; then
        kill -TERM "$dpid" 2>/dev/null || true
        if ! wait_gone "$dpid" 20; then
            echo "$PROG: dovecot master $dpid did not exit, sending KILL" >&2
            kill -KILL "$dpid" 2>/dev/null || true
            wait_gone "$dpid" 5 || true
        fi
    fi
    # Wait until the ports are free (children may linger a moment).
    for i in $(seq 1 200); do
        if ! port_open "$SMTP_PORT" && ! port_open "$IMAP_PORT"; then
            if [ -n "$dpid$ppid" ]; then echo "mailstack stopped ($STATE_DIR)"
            else echo "mailstack not running ($STATE_DIR)"; fi
            return 0
        fi
        sleep 0.1
    done
    die "ports $SMTP_PORT/$IMAP_PORT still in use after stop"
}

cmd_status() {
    load_ports
    local dpid ppid rc=0
    dpid=$(dovecot_pid); ppid=$(postfix_pid)
    if [ -n "$dpid" ] && port_open "$IMAP_PORT"; then
        echo "dovecot: running (pid $dpid), IMAP 127.0.0.1:$IMAP_PORT, LMTP $LMTP_SOCK"
    else
        echo "dovecot: not running"; rc=1
    fi
    if [ -n "$ppid" ] && port_open "$SMTP_PORT"; then
        echo "postfix: running (pid $ppid), SMTP 127.0.0.1:$SMTP_PORT"
    else
        echo "postfix: not running"; rc=1
    fi
    echo "state:   $STATE_DIR"
    return $rc
}

cmd_adduser() {
    [ $# -eq 2 ] || usage
    local addr=$1 pass=$2 users tmp
    case $addr in ''|*:*|*[[:space:]]*) die "bad address: '$addr'" ;; esac
    case $pass in ''|*:*|*$'\n'*) die "password must be non-empty and contain no ':' or newline" ;; esac
    addr=$(printf '%s' "$addr" | tr '[:upper:]' '[:lower:]')
    ensure_dirs
    users=$DC_DIR/users
    tmp=$users.new
    awk -F: -v u="$addr" '$1 != u' "$users" >"$tmp"
    printf '%s:{PLAIN}%s::::::\n' "$addr" "$pass" >>"$tmp"
    chown root:dovecot "$tmp"; chmod 0640 "$tmp"
    # Dovecot's passwd-file reloads only when mtime (seconds) or size changed,
    # and stats the file at most once per second. Force a new mtime, then let
    # the current second pass so the next login sees the change.
    local old_mtime now_ns
    old_mtime=$(stat -c %Y "$users")
    now_ns=$(date +%s%N)
    touch -d "@$(( now_ns / 1000000000 > old_mtime ? now_ns / 1000000000 : old_mtime + 1 ))" "$tmp"
    mv -f "$tmp" "$users"
    if [ -n "$(dovecot_pid)" ]; then
        local ms=$(( 1020 - ($(date +%s%N) / 1000000) % 1000 ))
        sleep "$(( ms / 1000 )).$(printf '%03d' $(( ms % 1000 )))"
    fi
    echo "user $addr set in $users"
}

case $CMD in
    start)   [ $# -eq 0 ] || usage; cmd_start ;;
    stop)    [ $# -eq 0 ] || usage; cmd_stop ;;
    status)  [ $# -eq 0 ] || usage; cmd_status ;;
    adduser) cmd_adduser "$@" ;;
    *) usage ;;
esac
