#!/usr/bin/env bash
# Transfer benchmark: ObitoX CLI against its peers (aws CLI v1 and v2, rclone), each with its defaults, against the
# same server in the same run, plus the server's raw ceiling (parallel PUTs of in-memory data).
#
#   bench/transfer/run.sh [--runs N] [--targets "rgw sandbox"] [--big-mib 1024] [--small-count 1000] [--nested-count 5000]
#                         [--scale "20000 100000"] [--tools "obitox aws-v1 aws-v2 rclone"]
#
# Scenarios: one file of --big-mib MiB; --small-count files of 64 KiB; --nested-count files of 2 KiB in 10 folders of
# two levels (the server's per-request cost dominates); with --scale, ObitoX alone uploads each count of 1 KiB files in
# 100 folders once per run (memory flat in the number of files: peak RSS per count). Ceilings: raw parallel PUTs from memory (16 MiB bodies for
# big; the small and nested bodies at 8/16/32 in flight), the most the server takes. Medians of N runs (default 3) of wall time,
# CPU time (user+sys) and peak RSS, measured with GNU time. Results go to bench/results/transfer-<stamp>.tsv and the
# "Transfers" section of docs/benchmarks.md.
#
# RGW: uses OBITOX_E2E_ENDPOINT/_ACCESS_KEY/_SECRET_KEY when set, else starts scripts/rgw-up.sh in bench/.work/rgw
# (and stops it at the end). Sandbox: the S3Proxy embedded in ObitoX, run as `obitox sandbox`.
# Needs: java 17, maven, aws (v1 in PATH and/or /usr/bin/aws v2), rclone (Debian), GNU time, python3.
# rclone runs with `env -u AWS_CA_BUNDLE` (this machine sets it; rclone 1.60 cannot load it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
RUNS=3
TARGETS="rgw sandbox"
BIG_MIB=1024
SMALL_COUNT=1000
NESTED_COUNT=5000
SCALE=""
TOOLS=""
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --targets) TARGETS=$2; shift 2 ;;
        --big-mib) BIG_MIB=$2; shift 2 ;;
        --small-count) SMALL_COUNT=$2; shift 2 ;;
        --nested-count) NESTED_COUNT=$2; shift 2 ;;
        --scale) SCALE=$2; shift 2 ;;
        --tools) TOOLS=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

WORK=$ROOT/bench/.work
mkdir -p "$WORK" "$ROOT/bench/results"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TSV=$ROOT/bench/results/transfer-$STAMP.tsv
echo -e "target\tscenario\ttool\trun\twall_s\tcpu_s\trss_kib\tok" > "$TSV"
PIDS_TO_STOP=()
RGW_STARTED=

cleanup() {
    for p in "${PIDS_TO_STOP[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
    if [ -n "$RGW_STARTED" ]; then scripts/rgw-down.sh "$WORK/rgw" || true; fi
}
trap cleanup EXIT

[ -f target/obitox.jar ] || mvn -B -q -DskipTests package
# ObitoX runs the way the installed `obitox` command runs it: the JVM options of the packaged CLI launcher
# (packaging/common/cli-java-options: client compiler only, serial GC) and a class-data archive made once here, like
# the installers make one at build time. OBITOX_JAVA_OPTS overrides them (e.g. "" for a bare `java -jar`).
JAVA_OPTS_FILE=$ROOT/packaging/common/cli-java-options
CDS=
if [ -z "${OBITOX_JAVA_OPTS+x}" ]; then
    # $APPDIR (the installed app's lib/app) is packaging/common here, where c2-digests.json lies
    OBITOX_JAVA_OPTS=$(grep -v '^#' "$JAVA_OPTS_FILE" 2>/dev/null | sed "s#\\\$APPDIR#$ROOT/packaging/common#g" | tr '\n' ' ' || true)
    CDS=$WORK/obitox-cli.jsa
    rm -f "$CDS"
fi
# shellcheck disable=SC2206
OBITOX=(java $OBITOX_JAVA_OPTS -jar "$ROOT/target/obitox.jar" --home "$WORK/obitox-home")
make_cds() { # endpoint bucket: one small upload records the classes a CLI upload loads
    [ -n "$CDS" ] && [ ! -f "$CDS" ] || return 0
    # shellcheck disable=SC2086
    java $OBITOX_JAVA_OPTS -XX:ArchiveClassesAtExit="$CDS" -jar "$ROOT/target/obitox.jar" --home "$WORK/obitox-home" \
        upload "$DATA/small/f00000" --bucket "$2" --prefix warmup/ --endpoint-url "$1" -q > "$WORK/cds.log" 2>&1 || true
    if [ -f "$CDS" ]; then
        # shellcheck disable=SC2206
        # mapped at a random address (the JDK's default), as the installed launcher does
        OBITOX=(java $OBITOX_JAVA_OPTS -XX:SharedArchiveFile="$CDS" \
            -jar "$ROOT/target/obitox.jar" --home "$WORK/obitox-home")
    fi
    echo "ObitoX: ${OBITOX[*]}"
}

# --- data ---
DATA=$WORK/data
mkdir -p "$DATA/small"
if [ "$(stat -c %s "$DATA/big.bin" 2>/dev/null || echo 0)" != $((BIG_MIB * 1048576)) ]; then
    echo "creating $BIG_MIB MiB test file"
    head -c $((BIG_MIB * 1048576)) /dev/urandom > "$DATA/big.bin"
fi
if [ "$(ls "$DATA/small" | wc -l)" != "$SMALL_COUNT" ]; then
    rm -rf "$DATA/small"; mkdir -p "$DATA/small"
    echo "creating $SMALL_COUNT files of 64 KiB"
    head -c $((SMALL_COUNT * 65536)) /dev/urandom | split -b 65536 -d -a 5 - "$DATA/small/f"
fi
if [ "$(find "$DATA/nested" -type f 2>/dev/null | wc -l)" != "$NESTED_COUNT" ]; then
    rm -rf "$DATA/nested"
    echo "creating $NESTED_COUNT files of 2 KiB in 10 nested folders"
    python3 - "$DATA/nested" "$NESTED_COUNT" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i % 10}", f"sub{(i // 10) % 5}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"n{i:05d}.bin"), "wb") as f:
        f.write(os.urandom(2048))
PY
fi
for n in $SCALE; do
    if [ "$(find "$DATA/scale-$n" -type f 2>/dev/null | wc -l)" != "$n" ]; then
        rm -rf "$DATA/scale-$n"
        echo "creating $n files of 1 KiB in 100 folders"
        python3 - "$DATA/scale-$n" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i % 100:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"s{i:06d}.bin"), "wb") as f:
        f.write(os.urandom(1024))
PY
    fi
done
cat "$DATA/big.bin" "$DATA"/small/* > /dev/null   # warm the page cache for every tool alike
find "$DATA/nested" -type f -exec cat {} + > /dev/null

# --- one measurement: tool, target, scenario ---
measure() { # target scenario tool run command...
    local target=$1 scenario=$2 tool=$3 run=$4; shift 4
    local out=$WORK/time.out
    local ok=1
    if ! /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" > "$WORK/last-$tool.log" 2>&1; then ok=0; fi
    read -r wall user sys rss < "$out"
    local cpu
    cpu=$(python3 -c "print(round($user+$sys,2))")
    echo -e "$target\t$scenario\t$tool\t$run\t$wall\t$cpu\t$rss\t$ok" >> "$TSV"
    printf '  %-8s %-6s %-10s run %s: %6.2f s wall, %6.2f s cpu, %7d KiB%s\n' "$target" "$scenario" "$tool" "$run" \
        "$wall" "$cpu" "$rss" "$([ $ok = 1 ] || echo '  FAILED, see bench/.work/last-'$tool'.log')"
}

run_target() { # name endpoint access secret provider
    local name=$1 endpoint=$2 access=$3 secret=$4 rprovider=$5
    local bucket=bench-$STAMP
    bucket=$(echo "$bucket" | tr 'A-Z' 'a-z')
    export AWS_ACCESS_KEY_ID=$access AWS_SECRET_ACCESS_KEY=$secret AWS_DEFAULT_REGION=us-east-1 AWS_REGION=us-east-1
    export AWS_SHARED_CREDENTIALS_FILE=$WORK/none AWS_CONFIG_FILE=$WORK/none
    export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=$rprovider RCLONE_CONFIG_BENCH_ENDPOINT=$endpoint \
        RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$access RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$secret
    "${OBITOX[@]}" mb "$bucket" --endpoint-url "$endpoint" >/dev/null
    echo "== $name ($endpoint), bucket $bucket"
    make_cds "$endpoint" "$bucket"
    local raw
    raw=$(java -cp "$ROOT/target/obitox.jar" bench/transfer/RawPut.java "$endpoint" "$access" "$secret" "$bucket" \
        "$BIG_MIB" 2>"$WORK/raw.log" | tail -n 1)
    echo -e "$name\tceiling\traw-put\t1\t$(python3 -c "print(round($BIG_MIB/${raw% *},2))")\t0\t0\t1" >> "$TSV"
    echo "  raw ceiling: ${raw% *} MiB/s (best of 8 and 16 parallel 16 MiB PUTs)"
    local rs
    rs=$(java -cp "$ROOT/target/obitox.jar" bench/transfer/RawPut.java "$endpoint" "$access" "$secret" "$bucket" \
        small "$SMALL_COUNT" 65536 2>>"$WORK/raw.log" | tail -n 1)
    echo -e "$name\tsmall\traw-put\t1\t${rs% *}\t0\t0\t1" >> "$TSV"
    echo "  raw small ceiling: ${rs% *} s for $SMALL_COUNT x 64 KiB (best of 8/16/32 in flight: ${rs#* })"
    rs=$(java -cp "$ROOT/target/obitox.jar" bench/transfer/RawPut.java "$endpoint" "$access" "$secret" "$bucket" \
        small "$NESTED_COUNT" 2048 2>>"$WORK/raw.log" | tail -n 1)
    echo -e "$name\tnested\traw-put\t1\t${rs% *}\t0\t0\t1" >> "$TSV"
    echo "  raw nested ceiling: ${rs% *} s for $NESTED_COUNT x 2 KiB (best of 8/16/32 in flight: ${rs#* })"
    local tools=(obitox)
    command -v aws >/dev/null && aws --version 2>&1 | grep -q 'aws-cli/1' && tools+=(aws-v1)
    [ -x /usr/bin/aws ] && tools+=(aws-v2)
    command -v rclone >/dev/null && tools+=(rclone)
    if [ -n "$TOOLS" ]; then
        local chosen=()
        for t in "${tools[@]}"; do [[ " $TOOLS " == *" $t "* ]] && chosen+=("$t"); done
        tools=("${chosen[@]}")
    fi
    for run in $(seq 1 "$RUNS"); do
        for tool in "${tools[@]}"; do
            local p="$tool/$run"
            case $tool in
                obitox)
                    measure "$name" big obitox "$run" "${OBITOX[@]}" upload "$DATA/big.bin" --bucket "$bucket" \
                        --prefix "$p/" --endpoint-url "$endpoint" -q
                    measure "$name" small obitox "$run" "${OBITOX[@]}" upload "$DATA/small" --bucket "$bucket" \
                        --prefix "$p/" --endpoint-url "$endpoint" -q
                    measure "$name" nested obitox "$run" "${OBITOX[@]}" upload "$DATA/nested" --bucket "$bucket" \
                        --prefix "$p/" --endpoint-url "$endpoint" -q
                    for n in $SCALE; do
                        measure "$name" "scale-$n" obitox "$run" "${OBITOX[@]}" upload "$DATA/scale-$n" \
                            --bucket "$bucket" --prefix "$p/" --endpoint-url "$endpoint" -q
                    done ;;
                aws-v1|aws-v2)
                    local awsbin=aws; [ $tool = aws-v2 ] && awsbin=/usr/bin/aws
                    measure "$name" big "$tool" "$run" $awsbin --endpoint-url "$endpoint" s3 cp "$DATA/big.bin" \
                        "s3://$bucket/$p/big.bin" --only-show-errors
                    measure "$name" small "$tool" "$run" $awsbin --endpoint-url "$endpoint" s3 cp "$DATA/small" \
                        "s3://$bucket/$p/small" --recursive --only-show-errors
                    measure "$name" nested "$tool" "$run" $awsbin --endpoint-url "$endpoint" s3 cp "$DATA/nested" \
                        "s3://$bucket/$p/nested" --recursive --only-show-errors ;;
                rclone)
                    measure "$name" big rclone "$run" env -u AWS_CA_BUNDLE rclone --config /dev/null copyto \
                        "$DATA/big.bin" "bench:$bucket/$p/big.bin"
                    measure "$name" small rclone "$run" env -u AWS_CA_BUNDLE rclone --config /dev/null copy \
                        "$DATA/small" "bench:$bucket/$p/small"
                    measure "$name" nested rclone "$run" env -u AWS_CA_BUNDLE rclone --config /dev/null copy \
                        "$DATA/nested" "bench:$bucket/$p/nested" ;;
            esac
        done
    done
}

for t in $TARGETS; do
    case $t in
        rgw)
            if [ -z "${OBITOX_E2E_ENDPOINT:-}" ]; then
                scripts/rgw-up.sh "$WORK/rgw" >/dev/null
                RGW_STARTED=1
                # shellcheck disable=SC1091
                . "$WORK/rgw/rgw.env"
            fi
            run_target rgw "$OBITOX_E2E_ENDPOINT" "${OBITOX_E2E_ACCESS_KEY:-labkey}" "${OBITOX_E2E_SECRET_KEY:-labsecret}" Ceph ;;
        sandbox)
            "${OBITOX[@]}" sandbox --json > "$WORK/sandbox.json" 2>"$WORK/sandbox.err" &
            PIDS_TO_STOP+=($!)
            for _ in $(seq 1 150); do python3 -c "import json;json.load(open('$WORK/sandbox.json'))" 2>/dev/null && break; sleep 0.2; done
            ep=$(python3 -c "import json;print(json.load(open('$WORK/sandbox.json'))['endpoint'])")
            ak=$(python3 -c "import json;print(json.load(open('$WORK/sandbox.json'))['accessKeyId'])")
            sk=$(python3 -c "import json;print(json.load(open('$WORK/sandbox.json'))['secretAccessKey'])")
            run_target sandbox "$ep" "$ak" "$sk" Other ;;
    esac
done

OBITOX_JAVA_OPTS="$OBITOX_JAVA_OPTS" python3 bench/transfer/report.py "$TSV" docs/benchmarks.md "$BIG_MIB" "$SMALL_COUNT" "$RUNS" "$NESTED_COUNT"
echo "results: $TSV; table written to docs/benchmarks.md"
