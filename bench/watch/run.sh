#!/usr/bin/env bash
# Watch-folder benchmark (issue 19) against RGW: the time from a file's last write to its object being complete on
# the server (listed: an object is listed only once complete) for
#   1. a burst: 1,000 files of 4 KiB dropped at once into 10 new folders, and
#   2. a trickle: 10 files/s for 60 s into new folders,
# median and p95 (also minus the 3 s settle time: "after settling"), the CPU of `obitox watch run` during each
# phase, then bench/watch/idle.sh (idle CPU and RSS over a 100,000-file tree). The load average is recorded beside
# every figure (the machine is shared).
#
#   source /tmp/dev-rgw/rgw.env && bench/watch/run.sh [--burst 1000] [--rate 10] [--seconds 60] [--idle-files 100000]
#
# Results: bench/results/watch-<stamp>.tsv (one line per phase) and watch-<stamp>-{burst,trickle}.tsv (per file);
# docs/benchmarks.md "Watch folders" is written by hand from them. Needs java 17, maven (offline), python3 (stdlib).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
BURST=1000 RATE=10 SECONDS_=60 IDLE_FILES=100000
while [ $# -gt 0 ]; do
  case "$1" in
    --burst) BURST=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --idle-files) IDLE_FILES=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
: "${OBITOX_E2E_ENDPOINT:?source /tmp/dev-rgw/rgw.env first}"
ENDPOINT=$OBITOX_E2E_ENDPOINT
export S3_ENDPOINT=$ENDPOINT S3_ACCESS_KEY=$OBITOX_E2E_ACCESS_KEY S3_SECRET_KEY=$OBITOX_E2E_SECRET_KEY
export AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY AWS_REGION=us-east-1

WORK=$ROOT/bench/.work/watch-latency
RES=$ROOT/bench/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
rm -rf "$WORK"; mkdir -p "$WORK/tree" "$RES"
[ -f /tmp/watch-cp.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=/tmp/watch-cp.txt
[ -d target/classes/io/obitox/watch ] || mvn -B -q -o -DskipTests -Dspotless.apply.skip=true compile
cp -r target/classes "$WORK/classes" # a copy: a build meanwhile must not change the classes under it
CP="$WORK/classes:$(cat /tmp/watch-cp.txt)"
obitox() { java -Xmx1g -XX:+UseSerialGC -cp "$CP" io.obitox.app.Launcher --home "$WORK/home" "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)

BUCKET=watch-bench-$(echo "$STAMP" | tr 'A-Z' 'a-z')
obitox mb "$BUCKET" --endpoint-url "$ENDPOINT" >/dev/null
cleanup() {
  [ -n "${PID:-}" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  python3 bench/sync/s3check.py purge "$BUCKET" || echo "could not delete bucket $BUCKET" >&2
}
trap cleanup EXIT
obitox watch add "$WORK/tree" --bucket "$BUCKET" --prefix w --endpoint-url "$ENDPOINT" --no-validate \
  --settle 3s >/dev/null
# java itself in the background (not through the function): $! is then the JVM whose CPU and RSS are read
java -Xmx1g -XX:+UseSerialGC -cp "$CP" io.obitox.app.Launcher --home "$WORK/home" watch run \
  > "$WORK/run.out" 2> "$WORK/run.err" &
PID=$!
sleep 10 # let `watch run` open the database first: a `watch list` in the way makes it exit with DATABASE_IN_USE
until obitox watch list --json 2>/dev/null | python3 -c "import json,sys; w=json.load(sys.stdin)['watches'][0]; sys.exit(0 if w['state']=='WATCHING' else 1)" 2>/dev/null; do
  sleep 1
done
sleep 2
TSV=$RES/watch-$STAMP.tsv
echo -e "phase\tfiles\tmedian_s\tp95_s\tmax_s\tmedian_after_settle_s\tp95_after_settle_s\tcpu_pct_of_core\tload_before\tload_after" > "$TSV"
phase() { # name, latency.py arguments...
  local name=$1; shift
  local l0 t0 s0 out
  l0=$(load); t0=$(ticks "$PID"); s0=$(date +%s.%N)
  out=$(python3 bench/watch/latency.py "$@")
  local cpu
  cpu=$(python3 -c "print(round(100*($(ticks "$PID")-$t0)/$HZ/($(date +%s.%N)-$s0),1))")
  read -r n med p95 max <<< "$out"
  local med3 p953
  med3=$(python3 -c "print(round($med-3,2))"); p953=$(python3 -c "print(round($p95-3,2))")
  echo -e "$name\t$n\t$med\t$p95\t$max\t$med3\t$p953\t$cpu\t$l0\t$(load)" >> "$TSV"
  echo "$name: $n files, latency median $med s, p95 $p95 s, max $max s (after the 3 s settle: $med3 / $p953 s); watch run CPU $cpu % of a core; load $l0 -> $(load)"
}
phase burst burst "$WORK/tree/burst" "$BUCKET" "w/burst/" "$BURST" "$RES/watch-$STAMP-burst.tsv"
sleep 5
phase trickle trickle "$WORK/tree/trickle" "$BUCKET" "w/trickle/" "$RATE" "$SECONDS_" "$RES/watch-$STAMP-trickle.tsv"
RSS=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$PID/status")
echo "watch run peak RSS ${RSS} MB"
obitox watch list 2>/dev/null | tail -3
kill -TERM "$PID"; wait "$PID" || true; PID=
echo "== idle over $IDLE_FILES files (bench/watch/idle.sh), load $(load)"
bench/watch/idle.sh --files "$IDLE_FILES" | tee "$WORK/idle.out"
echo -e "idle\t$IDLE_FILES\t\t\t\t\t\t$(sed -n 's/^idle: \([0-9.]*\) %.*/\1/p' "$WORK/idle.out")\t\t$(load)" >> "$TSV"
echo "results: $TSV"
