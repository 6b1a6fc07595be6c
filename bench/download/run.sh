#!/usr/bin/env bash
# Download benchmark (issue 18): `obitox download` against its peers (aws CLI v1 and v2, rclone), each with its
# defaults, from the same RGW in the same run.
#
#   bench/download/run.sh [--runs 3] [--big-mib 1024] [--small-count 1000] [--tools "obitox aws-v1 aws-v2 rclone"]
#                         [--no-report]
#
#   source /tmp/dev-rgw/rgw.env && bench/download/run.sh    # an RGW already running (OBITOX_E2E_ENDPOINT/_ACCESS_KEY/
#                                                           # _SECRET_KEY), else it starts its own in bench/.work/rgw
#   bench/download/run.sh --big-mib 64 --small-count 100 --runs 1 --no-report    # a quick check, docs untouched
#
# Scenarios: one object of --big-mib MiB (`big`) and --small-count objects of 64 KiB under one prefix (`small`). They
# are uploaded once, by ObitoX (`obitox sync`, so they carry what an ObitoX upload writes: x-amz-meta-sha256 on
# single-part objects), to a bucket made for this invocation. Then, for every run and every tool, the tool downloads
# into a fresh empty folder, timed with GNU time (wall, CPU = user+sys, peak RSS), after a `sync` so that no earlier
# write-back lands in its time. Commands:
#   obitox   obitox download B/src/big/big.bin DIR/ --endpoint-url E --json   |  obitox download B/src/small/ DIR/ …
#   aws-v1/2 aws s3 cp s3://B/src/big/big.bin DIR/big.bin --only-show-errors  |  aws s3 cp s3://B/src/small/ DIR --recursive …
#   rclone   rclone copyto bench:B/src/big/big.bin DIR/big.bin                |  rclone copy bench:B/src/small DIR
# Every run is verified: the folder must hold exactly the expected files, each with the source's SHA-256 (all of
# them, big and small); a run whose tool failed or whose result differs is recorded as failed and left out of the
# medians. The folder is deleted after the check. Medians of --runs (default 3).
# Results: bench/results/download-<stamp>.tsv and the "Downloads (issue 18)" section of docs/benchmarks.md
# (bench/download/report.py; not written with --no-report).
# ObitoX runs as the installed `obitox` command runs it: packaging/common/cli-java-options plus a class-data archive
# made once here (OBITOX_JAVA_OPTS overrides, e.g. "" for a bare `java -jar`), on a fresh app home per invocation.
# aws v1 is the `aws` in PATH when it says aws-cli/1; aws v2 is /usr/bin/aws (or AWS_V2=path) when present. rclone runs
# with `env -u AWS_CA_BUNDLE` (this machine sets it; rclone 1.60 cannot load it). Needs: java 17, maven, GNU time,
# python3 (stdlib only), sha256sum.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
RUNS=3
BIG_MIB=1024
SMALL_COUNT=1000
TOOLS="obitox aws-v1 aws-v2 rclone"
REPORT=1
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --big-mib) BIG_MIB=$2; shift 2 ;;
        --small-count) SMALL_COUNT=$2; shift 2 ;;
        --tools) TOOLS=$2; shift 2 ;;
        --no-report) REPORT=; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

WORK=$ROOT/bench/.work
DW=$WORK/download
mkdir -p "$DW" "$ROOT/bench/results"
rm -rf "$DW"/out "$DW"/*.log "$DW"/*.out "$DW"/*.err "$DW/time.out"   # the last invocation's results and logs
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TSV=$ROOT/bench/results/download-$STAMP.tsv
echo -e "scenario\ttool\trun\twall_s\tcpu_s\trss_kib\texit\tverified\tok\tnote" > "$TSV"
CHECK=(python3 "$ROOT/bench/sync/s3check.py")   # purge: deletes the bucket at the end
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
RGW_STARTED=
BUCKET=

cleanup() {
    if [ -n "$BUCKET" ]; then "${CHECK[@]}" purge "$BUCKET" || echo "could not delete bucket $BUCKET" >&2; fi
    rm -rf "$DW/out"
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
HOME_DIR=$DW/obitox-home
rm -rf "$HOME_DIR"   # a fresh app home (database, transfer rows) for every invocation
JAVA_OPTS_FILE=$ROOT/packaging/common/cli-java-options
CDS=
if [ -z "${OBITOX_JAVA_OPTS+x}" ]; then
    # $APPDIR (the installed app's lib/app) is packaging/common here, where c2-digests.json lies
    OBITOX_JAVA_OPTS=$(grep -v '^#' "$JAVA_OPTS_FILE" 2>/dev/null | sed "s#\\\$APPDIR#$ROOT/packaging/common#g" | tr '\n' ' ' || true)
    CDS=$DW/obitox-cli.jsa
    rm -f "$CDS"
fi
export OBITOX_JAVA_OPTS
# shellcheck disable=SC2206
OBITOX=(java $OBITOX_JAVA_OPTS -jar "$ROOT/target/obitox.jar" --home "$HOME_DIR")

# --- data: made once, kept in bench/.work/download/data with its SHA-256 manifests ---
DATA=$DW/data
mkdir -p "$DATA/big" "$DATA/small"
if [ "$(stat -c %s "$DATA/big/big.bin" 2>/dev/null || echo 0)" != $((BIG_MIB * 1048576)) ]; then
    echo "creating $BIG_MIB MiB test file"
    head -c $((BIG_MIB * 1048576)) /dev/urandom > "$DATA/big/big.bin"
    rm -f "$DATA/big.sha256"
fi
if [ "$(find "$DATA/small" -type f | wc -l)" != "$SMALL_COUNT" ]; then
    rm -rf "$DATA/small" "$DATA/small.sha256"; mkdir -p "$DATA/small"
    echo "creating $SMALL_COUNT files of 64 KiB"
    head -c $((SMALL_COUNT * 65536)) /dev/urandom | split -b 65536 -d -a 5 - "$DATA/small/f"
fi
[ -f "$DATA/big.sha256" ] || (cd "$DATA/big" && sha256sum big.bin > "$DATA/big.sha256")
[ -f "$DATA/small.sha256" ] || (cd "$DATA/small" && sha256sum -- * > "$DATA/small.sha256")

BUCKET=$(echo "dl-$STAMP" | tr 'A-Z' 'a-z')
"${OBITOX[@]}" mb "$BUCKET" --endpoint-url "$ENDPOINT" >/dev/null
echo "== rgw ($ENDPOINT), bucket $BUCKET; $BIG_MIB MiB and $SMALL_COUNT x 64 KiB, $RUNS run(s); load $LOAD_START"
echo "  uploading the objects (obitox sync)"
"${OBITOX[@]}" sync "$DATA/big" --bucket "$BUCKET" --prefix src/big/ --endpoint-url "$ENDPOINT" -q > "$DW/seed.log" 2>&1
"${OBITOX[@]}" sync "$DATA/small" --bucket "$BUCKET" --prefix src/small/ --endpoint-url "$ENDPOINT" -q >> "$DW/seed.log" 2>&1

if [ -n "$CDS" ]; then # the classes of a download: one small object, then one of two parts, archived at exit
    # shellcheck disable=SC2086
    java $OBITOX_JAVA_OPTS -XX:ArchiveClassesAtExit="$CDS" -jar "$ROOT/target/obitox.jar" --home "$HOME_DIR" \
        download "$BUCKET/src/small/f00000" "$DW/warmup/" --endpoint-url "$ENDPOINT" --part-size 32K -q \
        > "$DW/cds.log" 2>&1 || true
    rm -rf "$DW/warmup"
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
        rclone) command -v rclone >/dev/null ;;
        *) return 1 ;;
    esac
}
TOOL_LIST=()
for t in $TOOLS; do
    if available "$t"; then TOOL_LIST+=("$t")
    else
        echo "  $t: not installed, recorded as such"
        echo -e "big\t$t\t0\t\t\t\t\t\t0\tnot installed" >> "$TSV"
    fi
done
download_cmd() { # tool scenario dir -> CMD
    case $1/$2 in
        obitox/big) CMD=("${OBITOX[@]}" download "$BUCKET/src/big/big.bin" "$3/" --endpoint-url "$ENDPOINT" --json) ;;
        obitox/small) CMD=("${OBITOX[@]}" download "$BUCKET/src/small/" "$3/" --endpoint-url "$ENDPOINT" --json) ;;
        aws-v*/*)
            local awsbin=aws; [ "$1" = aws-v2 ] && awsbin=$AWS_V2
            if [ "$2" = big ]; then
                CMD=("$awsbin" --endpoint-url "$ENDPOINT" s3 cp "s3://$BUCKET/src/big/big.bin" "$3/big.bin" --only-show-errors)
            else
                CMD=("$awsbin" --endpoint-url "$ENDPOINT" s3 cp "s3://$BUCKET/src/small/" "$3" --recursive --only-show-errors)
            fi ;;
        rclone/big) CMD=("${RCLONE[@]}" copyto "bench:$BUCKET/src/big/big.bin" "$3/big.bin") ;;
        rclone/small) CMD=("${RCLONE[@]}" copy "bench:$BUCKET/src/small" "$3") ;;
    esac
}

verify() { # scenario dir -> 0 when DIR holds exactly the source's files with their SHA-256; sets WHY
    local want have
    want=$(wc -l < "$DATA/$1.sha256")
    have=$(find "$2" -mindepth 1 | wc -l)   # files and folders: nothing but the expected files (no part files)
    if [ "$have" != "$want" ]; then WHY="$have entries, expected $want"; return 1; fi
    if ! (cd "$2" && sha256sum --quiet --strict -c "$DATA/$1.sha256" > "$DW/verify.out" 2>&1); then
        WHY="SHA-256 differs: $(grep -c FAILED "$DW/verify.out" || true) file(s)"; return 1
    fi
    WHY=
}

measure() { # scenario tool run
    local scenario=$1 tool=$2 run=$3 out=$DW/time.out
    local dir=$DW/out/$tool-$scenario-$run
    rm -rf "$DW/out"; mkdir -p "$DW/out"
    [ "$tool" = obitox ] || mkdir -p "$dir"   # obitox makes DEST/ itself
    download_cmd "$tool" "$scenario" "$dir"
    sync   # earlier write-back (the last run's files, the data set) does not land in this run's time
    local rc=0
    /usr/bin/time -f '%e %U %S %M' -o "$out" "${CMD[@]}" > "$DW/$scenario-$tool.out" 2> "$DW/$scenario-$tool.err" || rc=$?
    read -r WALL USER SYS RSS < <(tail -n 1 "$out")
    CPU=$(python3 -c "print(round($USER+$SYS,2))")
    local verified=0 note=
    if verify "$scenario" "$dir"; then verified=1; else note=$WHY; fi
    if [ "$tool" = obitox ]; then   # what proved ObitoX's downloads (its own check, from --json)
        local by
        by=$(python3 -c '
import collections, json, sys
rows = json.load(open(sys.argv[1]))["transfers"]
c = collections.Counter(r.get("verifiedBy") or r.get("action") or r.get("state") for r in rows)
print("; ".join(f"{n} verified by {k}" for k, n in c.most_common()))' "$DW/$scenario-$tool.out" 2>/dev/null || echo "no JSON")
        note=${note:+$note; }$by
    fi
    local ok=0; [ "$rc" = 0 ] && [ "$verified" = 1 ] && ok=1
    echo -e "$scenario\t$tool\t$run\t$WALL\t$CPU\t$RSS\t$rc\t$verified\t$ok\t$note" >> "$TSV"
    printf '  run %s %-6s %-7s %7.2f s wall, %7.2f s cpu, %7d KiB%s\n' "$run" "$scenario" "$tool" "$WALL" "$CPU" "$RSS" \
        "$([ $ok = 1 ] || echo "  FAILED (exit $rc${note:+, $note}), see bench/.work/download/$scenario-$tool.err")"
    rm -rf "$DW/out"
}

T0=$(date +%s)
for run in $(seq 1 "$RUNS"); do
    for tool in "${TOOL_LIST[@]}"; do
        for scenario in big small; do measure "$scenario" "$tool" "$run"; done
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$RUNS run(s) in $(( $(date +%s) - T0 )) s; load $LOAD_START at the start, $LOAD_END at the end"

if [ -n "$REPORT" ]; then
    BENCH_LOAD="$LOAD_START at the start, $LOAD_END at the end" \
        python3 bench/download/report.py "$TSV" docs/benchmarks.md "$BIG_MIB" "$SMALL_COUNT" "$RUNS"
    echo "results: $TSV; section \"Downloads (issue 18)\" written to docs/benchmarks.md"
else
    echo "results: $TSV (docs/benchmarks.md not touched: --no-report)"
fi
