#!/usr/bin/env bash
# scripts/rgw-down.sh DIR : stops the Ceph RGW that scripts/rgw-up.sh started in DIR.
#
#   Stops radosgw, then the OSD, then the monitor. It finds them by their pid files in DIR/run, and in /proc by
#   their command line (a daemon that lost its pid file, or died before writing it). It kills a process only if
#   its command line names DIR/ceph.conf, so a stale pid file never hits an unrelated process.
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

# stop NAME PID : SIGTERM, wait, SIGKILL. Returns 1 if the process survives.
stop() {
    kill -TERM "$2" 2>/dev/null
    if wait_gone "$2" "$GRACE"; then
        echo "[rgw-down] stopped $1 (pid $2)"
        return 0
    fi
    echo "[rgw-down] $1 (pid $2) ignored SIGTERM for ${GRACE}s; sending SIGKILL" >&2
    kill -KILL "$2" 2>/dev/null
    wait_gone "$2" 10 && return 0
    echo "[rgw-down] $1 (pid $2) is still alive" >&2
    return 1
}

# pids_of DAEMON PIDFILE-GLOB : the daemon's pid from its pid file (if the process is ours) and any other process of
# that daemon started with DIR/ceph.conf (one that died half-way, or lost its pid file), each once.
pids_of() {
    local f pid argv
    for f in $2; do
        [ -f "$f" ] || continue
        pid=$(cat "$f" 2>/dev/null)
        [ -n "$pid" ] && ours "$pid" && echo "$pid"
    done
    for f in /proc/[0-9]*/cmdline; do
        mapfile -d '' -t argv 2>/dev/null <"$f" && [ ${#argv[@]} -gt 0 ] || continue # gone, or a kernel thread
        [ "${argv[0]##*/}" = "$1" ] && [[ " ${argv[*]} " == *" $D/ceph.conf "* ]] || continue
        pid=${f#/proc/}
        echo "${pid%/cmdline}"
    done
}

# radosgw first, the monitor last: radosgw and the OSD hang on SIGTERM once the monitor is gone.
status=0
for entry in "radosgw:$D/run/client.rgw.a.pid" "ceph-osd:$D/run/osd.*.pid" "ceph-mon:$D/run/mon.a.pid"; do
    daemon=${entry%%:*}
    for pid in $(pids_of "$daemon" "${entry#*:}" | sort -u); do
        gone "$pid" || stop "$daemon" "$pid" || status=1
    done
    [ $status -eq 0 ] && rm -f ${entry#*:} # every daemon of this kind is gone: the pid files are stale
done
exit $status
