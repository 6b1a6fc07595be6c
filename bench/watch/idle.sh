#!/usr/bin/env bash
# Idle cost of a watch over a large tree (issue 19): CPU and RSS of `obitox watch run` once its first scan has taken
# every file, while nothing changes. Every file is left out by an --include that matches none, so nothing is sent
# and no server is needed (the endpoint is never asked); the ledger still gets one row per file and the folders are
# registered with the OS's file events, which is what idle watching costs.
#
#   bench/watch/idle.sh [--files 100000] [--per-folder 100] [--idle 60]
#
# Needs `mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=/tmp/watch-cp.txt` first.
set -euo pipefail
FILES=100000 PER=100 IDLE=60
while [ $# -gt 0 ]; do
  case "$1" in
    --files) FILES=$2; shift 2 ;;
    --per-folder) PER=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
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
ticks() { awk '{print $14+$15}' /proc/$1/stat; }
T0=$(ticks $JPID); sleep "$IDLE"; T1=$(ticks $JPID)
HZ=$(getconf CLK_TCK)
CPU=$(python3 -c "print(round(100*($T1-$T0)/$HZ/$IDLE,2))")
RSS=$(awk '/VmRSS/{print int($2/1024)}' /proc/$JPID/status)
HWM=$(awk '/VmHWM/{print int($2/1024)}' /proc/$JPID/status)
kill -TERM $PID; wait $PID || true
echo "first scan took every file after ${TOOK} s (3 s settle; CLI start excluded)"
echo "idle: ${CPU} % of a core over ${IDLE} s; RSS ${RSS} MB (peak ${HWM} MB)"
tail -3 "$WORK/run.err"
