#!/usr/bin/env bash
# scripts/rgw-up.sh DIR : a single-node Ceph RGW on loopback for ObitoX's e2e tests and benchmarks.
#
#   1 monitor + 1 OSD (BlueStore on the sparse file DIR/osd.0.block) + radosgw. There is no cephx and no mgr.
#   Tested with Debian 12's Ceph 16.2.15 (pacific). Install it with:
#     apt-get install -y radosgw ceph-mon ceph-osd uuid-runtime curl iproute2
#
#   Loopback only: mon, OSD and radosgw bind 127.0.0.1 and nothing else. The config sets public_addr,
#   cluster_addr and "beast endpoint=127.0.0.1:PORT". After start, the script reads `ss -ltnp` and fails if
#   any of its daemons listens on another address.
#
#   Idempotent. The first run on DIR bootstraps the cluster (~15 s). A later run on the same DIR restarts its
#   daemons, stopping any still running (~6 s), and keeps the buckets.
#
#   Users (created when missing):
#     lab  = labkey / labsecret
#     lab2 = lab2key / lab2secret   (a second account, for access-denied tests)
#   DIR/rgw.env exports OBITOX_E2E_ENDPOINT, OBITOX_E2E_ACCESS_KEY, OBITOX_E2E_SECRET_KEY,
#   OBITOX_E2E_ACCESS_KEY2, OBITOX_E2E_SECRET_KEY2, OBITOX_E2E_KMS_KEY_ID and OBITOX_E2E_STORAGE_CLASS.
#   Source it before `mvn -B test -Pe2e`.
#
#   Storage classes, for the object-settings tests (issue 16): STANDARD and a custom one, COLD, both in the
#   default placement target. COLD's data goes to its own pool, default.rgw.cold.data (the head object, with the
#   metadata, stays in default.rgw.buckets.data); HEAD names the class ("x-amz-storage-class: COLD"), and says
#   nothing for STANDARD.
#
#   Server-side encryption, for the object-settings tests (issue 16), loopback only:
#     SSE-C over plain http   (rgw_crypt_require_ssl = false; RGW refuses SSE-C without TLS otherwise)
#     SSE-KMS                 with Ceph's "testing" KMS backend: the key id "testkey-1" names a random 256-bit key
#                             made once per DIR (kept in DIR/cluster.env, so objects stay readable after a restart).
#                             Never for production: the key sits in the config in the clear.
#   Ceph 16 has no SSE-S3 (x-amz-server-side-encryption: AES256 needs Quincy's rgw_crypt_sse_s3_backend).
#   The config is rewritten on every start, so an existing DIR gets these settings on its next rgw-up.
#   Stop everything with scripts/rgw-down.sh DIR.
#
# Environment (default in brackets):
#   OBITOX_RGW_PORT [7480]          S3 port of radosgw. May change between runs.
#   OBITOX_RGW_MON_PORT [3300]      monitor port, msgr2.     Both are fixed when DIR is created,
#   OBITOX_RGW_MON_V1_PORT [6789]   monitor port, legacy v1. because the monitor map stores them.
#   OBITOX_RGW_BLOCK_SIZE [20G]     apparent size of the sparse BlueStore file. Only used on the first run.
#   OBITOX_RGW_TIMEOUT [90]         seconds to wait for each daemon before giving up.
#   The OSD takes free ports in 6800-7300 (Ceph's default range), so it can share the machine with another
#   cluster. Keep OBITOX_RGW_PORT outside that range.
#   A second instance beside a running one, e.g. the dev RGW on 7480/3300/6789:
#     OBITOX_RGW_PORT=7490 OBITOX_RGW_MON_PORT=3310 OBITOX_RGW_MON_V1_PORT=6799 scripts/rgw-up.sh /tmp/rgw2
set -Eeuo pipefail

usage() {
    echo "usage: $0 DIR   (see the header of this script for the environment variables)" >&2
    exit 2
}
[ $# -eq 1 ] || usage
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
case "$1" in *[[:space:]]*) echo "[rgw-up] DIR must not contain spaces (Ceph config paths): '$1'" >&2; exit 2 ;; esac
mkdir -p "$1"
D=$(cd "$1" && pwd)
C=$D/ceph.conf
RGW_PORT=${OBITOX_RGW_PORT:-7480}
TIMEOUT=${OBITOX_RGW_TIMEOUT:-90}
STARTED=$(date +%s)

log() { printf '[rgw-up %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# On any failure: say what failed, show the end of every Ceph log, stop what is running. The logs stay in DIR/log.
fail() {
    if [ "$BASH_SUBSHELL" -gt 0 ]; then # inside $(...): the parent shell reports it
        echo "[rgw-up] $*" >&2
        exit 1
    fi
    trap - ERR
    echo "[rgw-up] FAILED: $*" >&2
    for f in "$D"/log/*.log "$D"/log/*.out; do
        [ -s "$f" ] || continue
        echo "----- last 25 lines of $f -----" >&2
        tail -n 25 "$f" >&2
    done
    echo "[rgw-up] stopping the daemons of $D (logs stay in $D/log)" >&2
    "$HERE/rgw-down.sh" "$D" >&2 || true
    exit 1
}
trap 'fail "command failed at line $LINENO: $BASH_COMMAND"' ERR

for cmd in ceph-mon ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool uuidgen curl timeout flock; do
    command -v "$cmd" >/dev/null ||
        { echo "[rgw-up] '$cmd' is missing. Install: apt-get install -y radosgw ceph-mon ceph-osd uuid-runtime curl" >&2; exit 1; }
done
case "$TIMEOUT" in "" | *[!0-9]*) echo "[rgw-up] OBITOX_RGW_TIMEOUT must be a number of seconds" >&2; exit 2 ;; esac

# One rgw-up/rgw-down at a time per DIR.
exec 9>"$D/.lock"
flock -w 60 9 || { echo "[rgw-up] another rgw-up/rgw-down is still working on $D" >&2; exit 1; }
export OBITOX_RGW_LOCK_HELD=$D # rgw-down, called from here, must not wait for our own lock
# The daemons are started with 9>&- : a daemon that inherited fd 9 would hold the lock for its whole life.

# Bounded Ceph CLI calls: without a live monitor they would otherwise wait for ever.
ceph_cli() { timeout 30 ceph -c "$C" --connect-timeout 10 "$@"; }
rgw_admin() { timeout 60 radosgw-admin -c "$C" "$@"; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() {
    if port_busy "$1"; then
        echo "[rgw-up] port $1 on 127.0.0.1 is in use ($2). Another RGW may be running there, e.g. the" >&2
        echo "         development one. Pick free ports with $3=..., or reuse the running server:" >&2
        echo "         export OBITOX_E2E_ENDPOINT=http://127.0.0.1:$RGW_PORT" >&2
        exit 1
    fi
}

pid_of() { [ -s "$D/run/$1.pid" ] && cat "$D/run/$1.pid"; }

# running ARGV... : is a process with exactly this command line alive? Reads /proc with builtins only (no procps),
# and does not rely on the pid file, which a daemon that dies early never writes.
running() {
    local f want="$*" argv
    for f in /proc/[0-9]*/cmdline; do
        mapfile -d '' -t argv 2>/dev/null <"$f" || continue
        [ "${argv[*]}" = "$want" ] && return 0
    done
    return 1
}

# wait_for WHAT "DAEMON ARGV"-OR-EMPTY CHECK... : polls CHECK for up to $TIMEOUT s (each check is bounded itself).
# Stops at once when the daemon is no longer running.
wait_for() {
    local what=$1 daemon=$2 deadline=$(($(date +%s) + TIMEOUT))
    shift 2
    until "$@" >/dev/null 2>&1; do
        if [ -n "$daemon" ] && ! running $daemon; then
            fail "'$daemon' exited while waiting for: $what"
        fi
        [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after ${TIMEOUT}s waiting for: $what"
        sleep 0.3
    done
}

# Monitor ports and the OSD id are fixed at bootstrap; cluster.env records them.
if [ ! -f "$D/cluster.env" ] && { [ -e "$C" ] || [ -e "$D/mon.a" ]; }; then
    echo "[rgw-up] $D holds a Ceph cluster that this script did not create (no cluster.env); not touching it." >&2
    exit 1
fi
if [ -f "$D/cluster.env" ] && [ ! -f "$D/.bootstrapped" ]; then
    log "an earlier bootstrap of $D did not finish; starting over"
    "$HERE/rgw-down.sh" "$D" || true
    rm -rf "$D/cluster.env" "$C" "$D/keyring" "$D/monmap" "$D"/mon.* "$D"/osd.* "$D/rgw" "$D/run" "$D/rgw.env"
fi
if [ -f "$D/cluster.env" ]; then
    # shellcheck source=/dev/null
    . "$D/cluster.env"
    for pair in "OBITOX_RGW_MON_PORT $MON_PORT" "OBITOX_RGW_MON_V1_PORT $MON_V1_PORT"; do
        set -- $pair
        if [ -n "${!1:-}" ] && [ "${!1}" != "$2" ]; then
            echo "[rgw-up] $D was created with $1=$2; its monitor map keeps that port." >&2
            echo "         Unset $1, or use a new DIR for other ports." >&2
            exit 1
        fi
    done
    FRESH=false
    if [ -z "${KMS_TEST_KEY:-}" ]; then # a DIR made before SSE-KMS was configured: give it its key now
        KMS_TEST_KEY=$(head -c 32 /dev/urandom | base64)
        echo "KMS_TEST_KEY=$KMS_TEST_KEY" >>"$D/cluster.env"
        chmod 600 "$D/cluster.env"
    fi
else
    FSID=$(uuidgen)
    MON_PORT=${OBITOX_RGW_MON_PORT:-3300}
    MON_V1_PORT=${OBITOX_RGW_MON_V1_PORT:-6789}
    OSD_UUID=$(uuidgen)
    BLOCK_SIZE=${OBITOX_RGW_BLOCK_SIZE:-20G}
    KMS_TEST_KEY=$(head -c 32 /dev/urandom | base64)
    FRESH=true
fi
for port in "$RGW_PORT" "$MON_PORT" "$MON_V1_PORT"; do
    case "$port" in
        "" | *[!0-9]*) echo "[rgw-up] ports must be numbers, got '$port'" >&2; exit 2 ;;
    esac
    [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || { echo "[rgw-up] port $port is out of range" >&2; exit 2; }
done

if ! $FRESH; then
    # A re-run means "restart": stop what still runs from this DIR, then start again below.
    log "existing cluster in $D: (re)starting its daemons, data kept"
    "$HERE/rgw-down.sh" "$D"
fi
require_free_port "$RGW_PORT" "RGW" OBITOX_RGW_PORT
require_free_port "$MON_PORT" "monitor v2" OBITOX_RGW_MON_PORT
require_free_port "$MON_V1_PORT" "monitor v1" OBITOX_RGW_MON_V1_PORT

mkdir -p "$D/run" "$D/log" "$D/rgw"
MON_ADDRS="[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$MON_V1_PORT]"
# Rewritten on every run, so a new OBITOX_RGW_PORT applies on restart.
cat >"$C" <<CONF
# Written by scripts/rgw-up.sh; rewritten on every start.
[global]
fsid = $FSID
mon_host = $MON_ADDRS
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
public_network = 127.0.0.0/8
ms_bind_ipv4 = true
ms_bind_ipv6 = false
# No cephx. Then the messenger must use crc mode too, or radosgw waits 300 s on
# "get_initial_auth_request returned -13".
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc
ms_client_mode = crc
ms_mon_cluster_mode = crc
ms_cluster_mode = crc
ms_mon_service_mode = crc
ms_service_mode = crc
# One OSD holds one copy of everything.
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
mon_data_avail_warn = 1
# A throwaway single-node cluster: commit monitor changes at once rather than batching them for 1 s. radosgw
# creates its pools one map change at a time, so this shortens the first start by several seconds.
paxos_propose_interval = 0.05
paxos_min_wait = 0.01
run_dir = $D/run
admin_socket = $D/run/\$name.asok
log_file = $D/log/\$name.log
pid_file = $D/run/\$name.pid
keyring = $D/keyring
[mon]
mon_data = $D/mon.\$id
[osd]
osd_data = $D/osd.\$id
osd_objectstore = bluestore
# Not osd_data/block: BlueStore would create a symlink loop there.
bluestore_block_path = $D/osd.\$id.block
bluestore_block_create = false
bluestore_fsck_on_mount = false
osd_memory_target = 1073741824
[client.rgw.a]
rgw_data = $D/rgw
rgw_frontends = beast endpoint=127.0.0.1:$RGW_PORT
# Server-side encryption on loopback http, for tests only (see the header): SSE-C without TLS, and SSE-KMS with the
# "testing" backend, whose keys are in this file.
rgw_crypt_require_ssl = false
rgw_crypt_s3_kms_backend = testing
rgw_crypt_s3_kms_encryption_keys = testkey-1=$KMS_TEST_KEY
CONF
chmod 600 "$C" # it holds the testing KMS key

if $FRESH; then
    log "bootstrapping a new cluster in $D (monitor on $MON_PORT/$MON_V1_PORT)"
    cat >"$D/cluster.env" <<ENV
FSID=$FSID
MON_PORT=$MON_PORT
MON_V1_PORT=$MON_V1_PORT
OSD_UUID=$OSD_UUID
KMS_TEST_KEY=$KMS_TEST_KEY
ENV
    chmod 600 "$D/cluster.env"
    ceph-authtool --create-keyring "$D/keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
    monmaptool --create --addv a "$MON_ADDRS" --fsid "$FSID" "$D/monmap" >/dev/null
    mkdir -p "$D/mon.a"
    ceph-mon -c "$C" --mkfs -i a --monmap "$D/monmap" --keyring "$D/keyring" >"$D/log/mon-mkfs.out" 2>&1
fi

log "starting the monitor"
MON_ARGV="ceph-mon -c $C -i a"
$MON_ARGV >"$D/log/mon-start.out" 2>&1 9>&-
wait_for "monitor quorum" "$MON_ARGV" ceph_cli mon stat

if $FRESH; then
    OSD_ID=$(ceph_cli osd new "$OSD_UUID")
    echo "OSD_ID=$OSD_ID" >>"$D/cluster.env"
    mkdir -p "$D/osd.$OSD_ID"
    # Sparse: takes disk space only as data arrives.
    truncate -s "$BLOCK_SIZE" "$D/osd.$OSD_ID.block"
    log "creating the BlueStore OSD $OSD_ID on $D/osd.$OSD_ID.block ($BLOCK_SIZE, sparse)"
    ceph-osd -c "$C" -i "$OSD_ID" --mkfs --osd-uuid "$OSD_UUID" >"$D/log/osd-mkfs.out" 2>&1
fi
log "starting OSD $OSD_ID"
OSD_ARGV="ceph-osd -c $C -i $OSD_ID"
$OSD_ARGV >"$D/log/osd-start.out" 2>&1 9>&-
osd_up() { ceph_cli osd dump | grep -q "^osd\.$OSD_ID up "; }
wait_for "OSD $OSD_ID up" "$OSD_ARGV" osd_up

# A custom storage class, COLD, in the default placement target with its own data pool, so the e2e tests can prove
# that a class other than STANDARD arrives (issue 16). Zone and zonegroup are changed before radosgw starts, which
# reads them only at start-up: no restart needed. No realm, hence no period to commit. Done once per DIR
# (STORAGE_CLASS_DONE in cluster.env; a DIR made before this gets the class on its next rgw-up), each step only if
# missing, so a run that failed half-way can be repeated.
STORAGE_CLASS=COLD
COLD_POOL=default.rgw.cold.data
if [ "${STORAGE_CLASS_DONE:-}" != "$STORAGE_CLASS" ]; then
    pools=$(ceph_cli osd pool ls)
    if ! grep -qx "$COLD_POOL" <<<"$pools"; then
        # pg_num and size 1 from the [global] defaults above, as for the pools radosgw creates itself
        out=$(ceph_cli osd pool create "$COLD_POOL" 2>&1) || fail "creating pool $COLD_POOL: $out"
        out=$(ceph_cli osd pool application enable "$COLD_POOL" rgw 2>&1) || fail "tagging pool $COLD_POOL: $out"
    fi
    zg_get() { rgw_admin zonegroup placement get --rgw-zonegroup default --placement-id default-placement; }
    if ! placement=$(zg_get 2>&1); then
        # "failed to init zonegroup": a fresh cluster has none yet. A command that needs the zone (not a raw
        # zone/zonegroup one) makes the default zone and zonegroup, as radosgw would on its first start.
        rgw_admin user list >/dev/null
        placement=$(zg_get)
    fi
    if [[ "$placement" != *"\"$STORAGE_CLASS\""* ]]; then
        rgw_admin zonegroup placement add --rgw-zonegroup default --placement-id default-placement \
            --storage-class "$STORAGE_CLASS" >/dev/null
    fi
    placement=$(rgw_admin zone placement get --rgw-zone default --placement-id default-placement)
    if [[ "$placement" != *"\"$STORAGE_CLASS\""* ]]; then
        rgw_admin zone placement add --rgw-zone default --placement-id default-placement \
            --storage-class "$STORAGE_CLASS" --data-pool "$COLD_POOL" >/dev/null
    fi
    echo "STORAGE_CLASS_DONE=$STORAGE_CLASS" >>"$D/cluster.env"
    log "storage class $STORAGE_CLASS is in the default placement (data pool $COLD_POOL)"
fi

log "starting radosgw on 127.0.0.1:$RGW_PORT"
RGW_ARGV="radosgw -c $C -n client.rgw.a"
$RGW_ARGV >"$D/log/rgw-start.out" 2>&1 9>&-
rgw_answers() { [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$RGW_PORT/")" != 000 ]; }
wait_for "radosgw answering HTTP on port $RGW_PORT" "$RGW_ARGV" rgw_answers
if $FRESH; then touch "$D/.bootstrapped"; fi

ensure_user() { # uid access-key secret
    if ! rgw_admin user info --uid "$1" >/dev/null 2>&1; then
        rgw_admin user create --uid "$1" --display-name "ObitoX test user $1" \
            --access-key "$2" --secret "$3" >/dev/null
        log "created user $1 ($2)"
    fi
}
ensure_user lab labkey labsecret
ensure_user lab2 lab2key lab2secret

# Prove that both users can sign requests: ListBuckets must answer 200 with that user as the owner. (curl's
# SigV4 omits x-amz-content-sha256, which RGW needs; this is the hash of the empty body.)
EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
for keys in lab:labkey:labsecret lab2:lab2key:lab2secret; do
    uid=${keys%%:*}
    body=$(curl -s -m 10 -w '\n%{http_code}' --aws-sigv4 "aws:amz:us-east-1:s3" -u "${keys#*:}" \
        -H "x-amz-content-sha256: $EMPTY_SHA256" "http://127.0.0.1:$RGW_PORT/") || true
    case "$body" in
        *"<ID>$uid</ID>"*$'\n'200) ;;
        *) fail "signed ListBuckets as $uid failed: HTTP ${body##*$'\n'}" ;;
    esac
done

# Every listening socket of our daemons must be on 127.0.0.1.
if command -v ss >/dev/null; then
    for daemon in mon.a "osd.$OSD_ID" client.rgw.a; do
        pid=$(pid_of "$daemon") || fail "no pid file for $daemon"
        addrs=$(ss -ltnpH | awk -v p="pid=$pid," 'index($0, p) { print $4 }' | sort -u | tr '\n' ' ')
        [ -n "$addrs" ] || fail "$daemon (pid $pid) listens on no TCP port"
        for a in $addrs; do
            case "$a" in 127.0.0.1:*) ;; *) fail "$daemon listens on $a, not only on 127.0.0.1" ;; esac
        done
    done
    log "checked with ss: mon, OSD and radosgw listen on 127.0.0.1 only"
else
    log "warning: 'ss' (iproute2) is missing, so the loopback-only check was skipped"
fi

cat >"$D/rgw.env" <<ENV
# Ceph RGW started by scripts/rgw-up.sh $D; stop it with scripts/rgw-down.sh $D
export OBITOX_E2E_ENDPOINT=http://127.0.0.1:$RGW_PORT
export OBITOX_E2E_ACCESS_KEY=labkey
export OBITOX_E2E_SECRET_KEY=labsecret
export OBITOX_E2E_ACCESS_KEY2=lab2key
export OBITOX_E2E_SECRET_KEY2=lab2secret
export OBITOX_E2E_KMS_KEY_ID=testkey-1
export OBITOX_E2E_STORAGE_CLASS=$STORAGE_CLASS
ENV
trap - ERR
log "RGW ready at http://127.0.0.1:$RGW_PORT in $(($(date +%s) - STARTED)) s (users lab, lab2; storage classes STANDARD, $STORAGE_CLASS); env in $D/rgw.env"
