#!/usr/bin/env bash
# scripts/rgw-down.sh DIR : stops the Ceph RGW that scripts/rgw-up.sh started in DIR.
#
#   Stops radosgw, then the OSD, then the monitor. It finds them by their pid files in DIR/run and kills a
#   process only if its command line names DIR/ceph.conf, so a stale pid file never hits an unrelated process.
#   Each daemon gets SIGTERM, then SIGKILL after OBITOX_RGW_STOP_TIMEOUT seconds (default 20).
#   Data and logs stay in DIR; start again with scripts/rgw-up.sh DIR, or delete DIR.
#   Exits 0 when nothing of DIR runs any more (also when nothing ran), 1 if a process would not die.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
if [ ! -d "$1/run" ]; then
    echo "[rgw-down] nothing to stop in $1"
    exit 0
fi
D=$(cd "$1" && pwd)
GRACE=${OBITOX_RGW_STOP_TIMEOUT:-20}

# Serialized with rgw-up on the same DIR, unless rgw-up itself called us (it holds the lock already).
if [ "${OBITOX_RGW_LOCK_HELD:-}" != "$D" ]; then
    exec 9>"$D/.lock"
    flock -w 60 9 || { echo "[rgw-down] another rgw-up/rgw-down is still working on $D" >&2; exit 1; }
fi

ours() { # pid: alive and started with this DIR's config?
    [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qF -- "$D/ceph.conf"
}

# A zombie counts as gone: without an init that reaps orphans (some containers) it stays in the table.
gone() { ! kill -0 "$1" 2>/dev/null || [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ]; }

# wait_gone PID SECONDS : 0 when the process is gone in time.
wait_gone() {
    local i
    for ((i = 0; i < $2 * 5; i++)); do
        gone "$1" && return 0
        sleep 0.2
    done
    gone "$1"
}

status=0
for f in "$D/run/client.rgw.a.pid" "$D"/run/osd.*.pid "$D/run/mon.a.pid"; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .pid)
    pid=$(cat "$f" 2>/dev/null)
    if [ -z "$pid" ] || ! ours "$pid"; then
        rm -f "$f" # stale: the daemon is gone (or the pid now belongs to someone else)
        continue
    fi
    kill -TERM "$pid" 2>/dev/null
    if wait_gone "$pid" "$GRACE"; then
        echo "[rgw-down] stopped $name (pid $pid)"
    else
        echo "[rgw-down] $name (pid $pid) ignored SIGTERM for ${GRACE}s; sending SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null
        if ! wait_gone "$pid" 10; then
            echo "[rgw-down] $name (pid $pid) is still alive" >&2
            status=1
            continue
        fi
    fi
    rm -f "$f"
done
exit $status
