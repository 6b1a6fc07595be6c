#!/usr/bin/env bash
# Idle cost of a watch over a large tree (issue 19): CPU and RSS of `obitox watch run` once its first scan has taken
# every file, while nothing changes. Every file is left out by an --include that matches none, so nothing is sent
# and no server is needed (the endpoint is never asked); the ledger still gets one row per file and the folders are
# registered with the OS's file events, which is what idle watching costs.
#
#   bench/watch/idle.sh [--files 100000] [--per-folder 100] [--idle 60] [--quiet 30]
#
# --quiet: seconds waited after the first scan before the window opens, so that the window measures the steady
# state (the JIT compiling what the scan made hot and the ledger's last writes are the scan's cost, not idling).
# The window is shorter than the periodic scan's interval (5 min) and starts after the first scan, so no scan falls
# into it. Prints the CPU of each busy thread over the window too.
#
# Needs `mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=/tmp/watch-cp.txt` first.
set -euo pipefail
FILES=100000 PER=100 IDLE=60 QUIET=30
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --per-folder) PER=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --quiet) QUIET=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$ROOT/bench/.work/watch-idle
rm -rf "$WORK"; mkdir -p "$WORK/tree"
cp -r "$ROOT/target/classes" "$WORK/classes" # a copy: a build meanwhile must not change the classes under it
CP="$WORK/classes:$(cat /tmp/watch-cp.txt)"
obitox() { java -Xmx1g -XX:+UseSerialGC -cp "$CP" io.obitox.app.Launcher --home "$WORK/home" "$@"; }
python3 - "$WORK/tree" "$FILES" "$PER" <<'PY'
import os, sys
root, n, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for i in range(n):
    d = os.path.join(root, "d%04d" % (i // per // 10), "e%03d" % (i // per % 10))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%06d.txt" % i), "w") as f:
        f.write("file %d\n" % i)
PY
echo "tree: $FILES files in $(find "$WORK/tree" -type d | wc -l) folders"
obitox watch add "$WORK/tree" --bucket bench --endpoint-url http://127.0.0.1:9 --path-style --no-validate \
  --include 'matches-nothing' --settle 3s >/dev/null
java -Xmx1g -XX:+UseSerialGC -cp "$CP" io.obitox.app.Launcher --home "$WORK/home" watch run \
  > "$WORK/run.out" 2> "$WORK/run.err" &
PID=$! JPID=$!
START=$(date +%s.%N)
sleep 10 # let `watch run` open the database first: a `watch list` in the way makes it exit with DATABASE_IN_USE
until obitox watch list --json 2>/dev/null | python3 2>/dev/null -c "import json,sys; w=json.load(sys.stdin)['watches'][0]; sys.exit(0 if w['seen']>=$FILES else 1)"; do
  kill -0 "$PID" 2>/dev/null || { echo "watch run ended early:" >&2; tail -3 "$WORK/run.err" >&2; exit 1; }
  sleep 5
done
TOOK=$(python3 -c "print(round($(date +%s.%N)-$START,1))")
ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12+$13}'; } # utime+stime; thread names hold spaces
sleep "$QUIET"
declare -A BEFORE
for t in /proc/$JPID/task/*; do BEFORE[${t##*/}]=$(ticks "$JPID/task/${t##*/}" 2>/dev/null || echo 0); done
T0=$(ticks $JPID); sleep "$IDLE"; T1=$(ticks $JPID)
THREADS=$(for t in /proc/$JPID/task/*; do
  id=${t##*/}; n=$(cat "$t/comm" 2>/dev/null) || continue
  echo "$(( $(ticks "$JPID/task/$id" 2>/dev/null || echo 0) - ${BEFORE[$id]:-0} )) $n"
done | sort -rn | awk '$1 > 0' | head -8)
HZ=$(getconf CLK_TCK)
CPU=$(python3 -c "print(round(100*($T1-$T0)/$HZ/$IDLE,2))")
RSS=$(awk '/VmRSS/{print int($2/1024)}' /proc/$JPID/status)
HWM=$(awk '/VmHWM/{print int($2/1024)}' /proc/$JPID/status)
kill -TERM $PID; wait $PID || true
echo "first scan took every file after ${TOOK} s (3 s settle; CLI start excluded)"
echo "idle: ${CPU} % of a core over ${IDLE} s (from ${QUIET} s after the first scan); RSS ${RSS} MB (peak ${HWM} MB)"
echo "busiest threads over the window (CPU ticks of 1/$HZ s):"
echo "$THREADS" | sed 's/^/  /'
tail -3 "$WORK/run.err"
