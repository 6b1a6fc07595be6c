#!/usr/bin/env bash
# Sync benchmark (issue 15): re-upload of a folder of --count files of 64 KiB after --changed-pct % of them changed
# (--hidden-pct % of those with size and mtime kept: the edits a size/mtime check cannot see),
# `obitox sync` against `aws s3 sync` (v1 and v2), `rclone copy` and `rclone copy --checksum`, each with its defaults,
# in the same run against the same RGW.
#
#   bench/sync/run.sh [--runs 3] [--count 10000] [--changed-pct 1] [--hidden-pct 20]
#                     [--tools "obitox aws-v1 aws-v2 rclone rclone-checksum"]
#                     [--no-report]
#
# The real run, on a quiet machine (10,000 files, 3 runs: expect 20-30 minutes with 4 tools, most of it the initial
# uploads; 1,000 files took 48 s a run on the shared 2-core machine):
#   bench/sync/run.sh                       # starts its own RGW in bench/.work/rgw, or
#   source /tmp/dev-rgw/rgw.env && bench/sync/run.sh   # an RGW already running (OBITOX_E2E_ENDPOINT/_ACCESS_KEY/_SECRET_KEY)
# A quick check that changes no docs: bench/sync/run.sh --count 300 --runs 1 --no-report
#
# Every run, for every tool, in a prefix of its own (<tool>/<run>/ in a bucket made for this invocation):
#   1. initial full upload with the tool itself (timed as "initial", reported apart);
#   2. the same --changed-pct % of the files (evenly spread) get new bytes of the same size; --hidden-pct % of them
#      (evenly spread; 20 of the issue's 100) get their old mtime back, the others keep the new mtime (an ordinary
#      edit). The originals are kept in bench/.work/sync/saved and restored at the end of the run, so every run starts
#      from the same folder;
#   3. the re-sync, timed ("resync") with GNU time: wall, CPU (user+sys), peak RSS;
#   4. the prefix is listed (ListObjectsV2) and compared with the local MD5s and with the listing before the re-sync:
#      missed = changed files whose object is not the new content (missed_hidden: of them, the size+mtime-kept ones);
#      resent = unchanged files written again.
#   The prefixes are deleted after each run, the bucket at the end.
# Results: bench/results/sync-<stamp>.tsv and the "Sync (issue 15)" section of docs/benchmarks.md (bench/sync/report.py;
# not written with --no-report). A tool that is not installed or fails is recorded as such; the run goes on.
# ObitoX runs as the installed `obitox` command: packaging/common/cli-java-options plus a class-data archive made
# once here (OBITOX_JAVA_OPTS overrides, e.g. "" for a bare `java -jar`). aws v2 is /usr/bin/aws (or AWS_V2=path);
# aws v1 is the `aws` in PATH when it says aws-cli/1. rclone runs with `env -u AWS_CA_BUNDLE` (rclone 1.60 cannot
# load this machine's bundle). Needs: java 17, maven, GNU time, python3 (stdlib only).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
RUNS=3
COUNT=10000
PCT=1
HIDDEN=20
TOOLS="obitox aws-v1 aws-v2 rclone rclone-checksum"
REPORT=1
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --count) COUNT=$2; shift 2 ;;
        --changed-pct) PCT=$2; shift 2 ;;
        --hidden-pct) HIDDEN=$2; shift 2 ;;
        --tools) TOOLS=$2; shift 2 ;;
        --no-report) REPORT=; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

WORK=$ROOT/bench/.work
SW=$WORK/sync
mkdir -p "$SW" "$ROOT/bench/results"
rm -f "$SW"/*.log "$SW"/*.json "$SW/time.out"   # the last invocation's logs and listings
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TSV=$ROOT/bench/results/sync-$STAMP.tsv
echo -e "scenario\ttool\trun\twall_s\tcpu_s\trss_kib\tok\tmissed\tresent\tstale\tsent\tnote\tmissed_hidden" > "$TSV"
CHECK=(python3 "$ROOT/bench/sync/s3check.py")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)   # the machine is shared: the report says how busy it was
DATA=$SW/data
SAVED=$SW/saved
RGW_STARTED=
BUCKET=

cleanup() {
    if [ -n "$BUCKET" ]; then "${CHECK[@]}" purge "$BUCKET" || echo "could not delete bucket $BUCKET" >&2; fi
    "${CHECK[@]}" restore "$DATA" "$SAVED" || true
    if [ -n "$RGW_STARTED" ]; then scripts/rgw-down.sh "$WORK/rgw" || true; fi
}
trap cleanup EXIT

[ -f target/obitox.jar ] || mvn -B -q -o -DskipTests package || mvn -B -q -DskipTests package

# --- server ---
if [ -z "${OBITOX_E2E_ENDPOINT:-}" ]; then
    scripts/rgw-up.sh "$WORK/rgw" >/dev/null
    RGW_STARTED=1
    # shellcheck disable=SC1091
    . "$WORK/rgw/rgw.env"
fi
ENDPOINT=$OBITOX_E2E_ENDPOINT
export S3_ENDPOINT=$ENDPOINT S3_ACCESS_KEY=${OBITOX_E2E_ACCESS_KEY:-labkey} S3_SECRET_KEY=${OBITOX_E2E_SECRET_KEY:-labsecret}
export AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
# no shared config or credentials files: aws v1 fails on this machine's ("argument of type 'NoneType' is not iterable")
export AWS_SHARED_CREDENTIALS_FILE=$WORK/none AWS_CONFIG_FILE=$WORK/none
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph RCLONE_CONFIG_BENCH_ENDPOINT=$ENDPOINT \
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$S3_ACCESS_KEY RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$S3_SECRET_KEY

# --- ObitoX as the installed command runs it ---
HOME_DIR=$SW/obitox-home
rm -rf "$HOME_DIR"   # a fresh app home (database, upload index) for every invocation
JAVA_OPTS_FILE=$ROOT/packaging/common/cli-java-options
CDS=
if [ -z "${OBITOX_JAVA_OPTS+x}" ]; then
    # $APPDIR (the installed app's lib/app) is packaging/common here, where c2-digests.json lies
    OBITOX_JAVA_OPTS=$(grep -v '^#' "$JAVA_OPTS_FILE" 2>/dev/null | sed "s#\\\$APPDIR#$ROOT/packaging/common#g" | tr '\n' ' ' || true)
    CDS=$SW/obitox-cli.jsa
    rm -f "$CDS"
fi
export OBITOX_JAVA_OPTS
# shellcheck disable=SC2206
OBITOX=(java $OBITOX_JAVA_OPTS -jar "$ROOT/target/obitox.jar" --home "$HOME_DIR")

BUCKET=$(echo "sync-$STAMP" | tr 'A-Z' 'a-z')
"${OBITOX[@]}" mb "$BUCKET" --endpoint-url "$ENDPOINT" >/dev/null
echo "== rgw ($ENDPOINT), bucket $BUCKET; $COUNT files of 64 KiB, $PCT % changed ($HIDDEN % of them size+mtime kept), $RUNS run(s)"

if [ -n "$CDS" ]; then # the classes of a sync: a first sync of a small folder, then (archived) a re-sync after a change
    W=$SW/warmup; rm -rf "$W"; "${CHECK[@]}" data "$W/d" 20 2>/dev/null
    "${OBITOX[@]}" sync "$W/d" --bucket "$BUCKET" --prefix warmup/ --endpoint-url "$ENDPOINT" -q > "$SW/cds.log" 2>&1 || true
    "${CHECK[@]}" change "$W/d" "$W/s" 10 "$W/state.json"
    # shellcheck disable=SC2086
    java $OBITOX_JAVA_OPTS -XX:ArchiveClassesAtExit="$CDS" -jar "$ROOT/target/obitox.jar" --home "$HOME_DIR" \
        sync "$W/d" --bucket "$BUCKET" --prefix warmup/ --endpoint-url "$ENDPOINT" -q >> "$SW/cds.log" 2>&1 || true
    "${CHECK[@]}" purge "$BUCKET" warmup/; rm -rf "$W"
    # shellcheck disable=SC2206
    [ -f "$CDS" ] && OBITOX=(java $OBITOX_JAVA_OPTS -XX:SharedArchiveFile="$CDS" -jar "$ROOT/target/obitox.jar" --home "$HOME_DIR")
fi
echo "ObitoX: ${OBITOX[*]}"

# --- tools ---
AWS_V2=${AWS_V2:-/usr/bin/aws}
RCLONE=(env -u AWS_CA_BUNDLE rclone --config /dev/null)
available() { # tool -> 0 when it can run here
    case $1 in
        obitox) return 0 ;;
        aws-v1) command -v aws >/dev/null && aws --version 2>&1 | grep -q 'aws-cli/1' ;;
        aws-v2) [ -x "$AWS_V2" ] && "$AWS_V2" --version 2>&1 | grep -q 'aws-cli/2' ;;
        rclone|rclone-checksum) command -v rclone >/dev/null ;;
        *) return 1 ;;
    esac
}
TOOL_LIST=()
for t in $TOOLS; do
    if available "$t"; then TOOL_LIST+=("$t")
    else
        echo "  $t: not installed, recorded as failed"
        echo -e "resync\t$t\t0\t\t\t\t0\t\t\t\t\tnot installed" >> "$TSV"
    fi
done
sync_cmd() { # tool prefix -> CMD: the command that mirrors $DATA to the prefix
    case $1 in
        obitox) CMD=("${OBITOX[@]}" sync "$DATA" --bucket "$BUCKET" --prefix "$2" --endpoint-url "$ENDPOINT" -q) ;;
        aws-v1) CMD=(aws --endpoint-url "$ENDPOINT" s3 sync "$DATA" "s3://$BUCKET/$2" --only-show-errors) ;;
        aws-v2) CMD=("$AWS_V2" --endpoint-url "$ENDPOINT" s3 sync "$DATA" "s3://$BUCKET/$2" --only-show-errors) ;;
        rclone) CMD=("${RCLONE[@]}" copy "$DATA" "bench:$BUCKET/$2") ;;
        rclone-checksum) CMD=("${RCLONE[@]}" copy --checksum "$DATA" "bench:$BUCKET/$2") ;;
    esac
}

measure() { # scenario tool run -> runs the tool's sync under GNU time; sets OK WALL CPU RSS
    local scenario=$1 tool=$2 run=$3 out=$SW/time.out
    local log=$SW/$scenario-$tool.log
    OK=1
    sync_cmd "$tool" "$tool/$run/"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$out" "${CMD[@]}" > "$log" 2>&1; then OK=0; fi
    read -r WALL USER SYS RSS < <(tail -n 1 "$out")
    CPU=$(python3 -c "print(round($USER+$SYS,2))")
}

"${CHECK[@]}" restore "$DATA" "$SAVED"   # an earlier invocation that died mid-run
"${CHECK[@]}" data "$DATA" "$COUNT"
T0=$(date +%s)
for run in $(seq 1 "$RUNS"); do
    declare -A INIT_OK=()
    for tool in "${TOOL_LIST[@]}"; do
        cat "$DATA"/* > /dev/null   # every tool on a warm page cache
        measure initial "$tool" "$run"
        INIT_OK[$tool]=$OK
        echo -e "initial\t$tool\t$run\t$WALL\t$CPU\t$RSS\t$OK\t\t\t\t\t" >> "$TSV"
        printf '  run %s %-16s initial: %7.2f s wall, %7.2f s cpu, %7d KiB%s\n' "$run" "$tool" "$WALL" "$CPU" "$RSS" \
            "$([ "$OK" = 1 ] || echo "  FAILED, see bench/.work/sync/initial-$tool.log")"
        "${CHECK[@]}" snapshot "$BUCKET" "$tool/$run/" "$SW/before-$tool.json"
    done
    sleep 1.1   # a re-sent object gets another LastModified
    "${CHECK[@]}" change "$DATA" "$SAVED" "$PCT" "$SW/state.json" "$HIDDEN"
    for tool in "${TOOL_LIST[@]}"; do
        if [ "${INIT_OK[$tool]}" != 1 ]; then
            echo -e "resync\t$tool\t$run\t\t\t\t0\t\t\t\t\tinitial upload failed" >> "$TSV"
            echo "  run $run $tool resync: skipped, the initial upload failed"
            continue
        fi
        cat "$DATA"/* > /dev/null
        measure resync "$tool" "$run"
        MISSED= RESENT= STALE= SENT= MISSED_HIDDEN=
        read -r MISSED RESENT STALE SENT MISSED_HIDDEN < <("${CHECK[@]}" verify "$BUCKET" "$tool/$run/" "$SW/state.json" \
            "$SW/before-$tool.json" 2>>"$SW/verify.log") || echo "  verify failed, see bench/.work/sync/verify.log"
        echo -e "resync\t$tool\t$run\t$WALL\t$CPU\t$RSS\t$OK\t$MISSED\t$RESENT\t$STALE\t$SENT\t\t$MISSED_HIDDEN" >> "$TSV"
        printf '  run %s %-16s resync:  %7.2f s wall, %7.2f s cpu, %7d KiB; missed %s (%s hidden), resent %s, stale %s, sent %s%s\n' \
            "$run" "$tool" "$WALL" "$CPU" "$RSS" "$MISSED" "$MISSED_HIDDEN" "$RESENT" "$STALE" "$SENT" \
            "$([ "$OK" = 1 ] || echo "  FAILED, see bench/.work/sync/resync-$tool.log")"
    done
    "${CHECK[@]}" restore "$DATA" "$SAVED"
    for tool in "${TOOL_LIST[@]}"; do "${CHECK[@]}" purge "$BUCKET" "$tool/$run/"; done
    unset INIT_OK
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$RUNS run(s) in $(( $(date +%s) - T0 )) s; load $LOAD_START at the start, $LOAD_END at the end"

if [ -n "$REPORT" ]; then
    BENCH_LOAD="$LOAD_START at the start, $LOAD_END at the end" \
        python3 bench/sync/report.py "$TSV" docs/benchmarks.md "$COUNT" "$PCT" "$RUNS" "$HIDDEN"
    echo "results: $TSV; section \"Sync (issue 15)\" written to docs/benchmarks.md"
else
    echo "results: $TSV (docs/benchmarks.md not touched: --no-report)"
fi
