#!/usr/bin/env bash
# Installers benchmark: sizes of the app-image, .deb and .rpm, and the start-up time of the app-image to an
# interactive window, with and without the class-data (CDS) archive the packages make at install time.
#
#   bench/installers/run.sh [--runs N] [--build]
#
# --build first runs `mvn -B -DskipTests -Pinstallers package`; otherwise target/dist/ObitoX and target/installer/
# must exist. Start-up: the app-image's own launcher under Xvfb with OBITOX_STARTUP_PROBE=1, which prints the time
# from the moment the OS started the process to the main window's second painted frame (the window is laid out,
# painted and taking input) and exits. One untimed start creates the app home first (the usual start finds it);
# then N starts per variant, alternating. The variants: no archive (the bare app-image), the archive mapped at the
# address it was made for (-XX:ArchiveRelocationMode=0: no address randomisation for it) and the archive at a random
# address (mode 1, the JDK's default); each from a copy of the app-image's launcher with only that option changed.
# "cold" drops the page cache before each start (needs root and a writable
# /proc/sys/vm/drop_caches; skipped otherwise), "warm" does not. Results: bench/results/installers-<stamp>.tsv and
# the section between <!-- installers:start --> and <!-- installers:end --> in docs/benchmarks.md.
# Needs: Xvfb (xvfb), python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
RUNS=7
BUILD=
while [ $# -gt 0 ]; do
    case $1 in
        --runs) RUNS=$2; shift 2 ;;
        --build) BUILD=yes; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -n "$BUILD" ]; then
    mvn -B -q -DskipTests -Pinstallers package
fi
IMAGE=$ROOT/target/dist/ObitoX
[ -x "$IMAGE/bin/ObitoX" ] || { echo "no app-image in $IMAGE: run with --build" >&2; exit 1; }
APP=$IMAGE/lib/app
WORK=$ROOT/bench/.work/installers
rm -rf "$WORK"
mkdir -p "$WORK" "$ROOT/bench/results"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
TSV=$ROOT/bench/results/installers-$STAMP.tsv
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

XVFB_PID=
cleanup() {
    rm -f "$APP/obitox.jsa" # the packages make their own at install time; never ship this one
    rm -f "$IMAGE"/bin/.bench-*
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    true
}
trap cleanup EXIT
DISPLAY_NO=:$((150 + RANDOM % 100))
Xvfb "$DISPLAY_NO" -screen 0 1280x1024x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
sleep 1

# --- sizes -------------------------------------------------------------------------------------------------------
rm -f "$APP/obitox.jsa" # an archive left by an earlier run is no part of the app-image
echo -e "kind\tname\tvalue" >"$TSV"
echo -e "size_mib\tapp-image\t$(du -sm "$IMAGE" | cut -f1)" >>"$TSV"
echo -e "size_mib\truntime\t$(du -sm "$IMAGE/lib/runtime" | cut -f1)" >>"$TSV"
echo -e "size_mib\tclass path\t$(du -cm "$APP"/*.jar | tail -n 1 | cut -f1)" >>"$TSV"
for f in "$ROOT"/target/installer/*.deb "$ROOT"/target/installer/*.rpm; do
    [ -f "$f" ] && echo -e "size_bytes\t$(basename "$f")\t$(stat -c %s "$f")" >>"$TSV"
done

# --- start-up ----------------------------------------------------------------------------------------------------
DROP=
if [ -w /proc/sys/vm/drop_caches ] && (sync && echo 3 >/proc/sys/vm/drop_caches) 2>/dev/null; then
    DROP=yes
fi
HOME_DIR=$WORK/home
# The launcher as shipped, and copies of it (same folder: it finds lib/ from its own path) that differ only in how
# the archive is mapped: relocation mode 0 (fixed address) or 1 (random address).
has_option() { grep -qE "^[^#]*$2" "$1"; } # file option: the option is on a line that is no comment
SHIPPED=random
if has_option "$IMAGE/bin/ObitoX" 'ArchiveRelocationMode=0'; then
    SHIPPED=fixed
fi
sed 's/ -XX:ArchiveRelocationMode=[0-9]//; s/-Xlog:cds+dynamic=off/& -XX:ArchiveRelocationMode=0/' \
    "$IMAGE/bin/ObitoX" >"$IMAGE/bin/.bench-fixed"
sed 's/ -XX:ArchiveRelocationMode=[0-9]//; s/-Xlog:cds+dynamic=off/& -XX:ArchiveRelocationMode=1/' \
    "$IMAGE/bin/ObitoX" >"$IMAGE/bin/.bench-random"
# both need the diagnostic options unlocked; the shipped launcher may not do it any more
sed -i 's/-Xlog:cds+dynamic=off -XX:ArchiveRelocationMode/-Xlog:cds+dynamic=off -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode/' \
    "$IMAGE/bin/.bench-fixed" "$IMAGE/bin/.bench-random"
chmod 0755 "$IMAGE"/bin/.bench-*
has_option "$IMAGE/bin/.bench-fixed" 'ArchiveRelocationMode=0' &&
    has_option "$IMAGE/bin/.bench-random" 'ArchiveRelocationMode=1' ||
    { echo "could not make the launcher variants from $IMAGE/bin/ObitoX" >&2; exit 1; }
start_once() { # variant : prints the painted-after milliseconds, or nothing on failure
    local launcher=$IMAGE/bin/ObitoX
    case $1 in fixed | random) launcher=$IMAGE/bin/.bench-$1 ;; esac
    DISPLAY=$DISPLAY_NO OBITOX_HOME=$HOME_DIR OBITOX_STARTUP_PROBE=1 timeout 120 "$launcher" 2>>"$WORK/gui.err" |
        sed -n 's/^startup: window painted \([0-9]*\) ms.*/\1/p'
}
with_cds() {
    if [ "$1" != none ]; then
        [ -f "$APP/obitox.jsa" ] || JAVA_TOOL_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$APP/obitox.classlist -XX:SharedArchiveFile=$APP/obitox.jsa" \
            "$IMAGE/bin/ObitoX" >"$WORK/dump.log" 2>&1
        [ -f "$APP/obitox.jsa" ] || { echo "could not make the CDS archive (see $WORK/dump.log)" >&2; exit 1; }
    else
        rm -f "$APP/obitox.jsa"
    fi
}
with_cds none
start_once none >/dev/null # creates the app home
with_cds fixed
echo -e "size_mib\tcds archive\t$(du -m "$APP/obitox.jsa" | cut -f1)" >>"$TSV"
caches="warm"
[ -n "$DROP" ] && caches="warm cold"
for cache in $caches; do
    for run in $(seq 1 "$RUNS"); do
        for variant in none fixed random; do
            with_cds "$variant"
            [ "$cache" = cold ] && sync && echo 3 >/proc/sys/vm/drop_caches
            ms=$(start_once "$variant")
            echo "start $cache $variant run $run: ${ms:-FAILED} ms"
            echo -e "start_ms\t$cache/$variant\t${ms:--1}" >>"$TSV"
        done
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ------------------------------------------------------------------------------------------------------
python3 - "$TSV" "$ROOT/docs/benchmarks.md" "$RUNS" "$LOAD_START" "$LOAD_END" "${DROP:-no}" "$SHIPPED" <<'PY'
import os, platform, re, statistics, subprocess, sys, datetime
tsv, doc, runs, load_start, load_end, dropped, shipped = sys.argv[1:]
rows = [l.rstrip("\n").split("\t") for l in open(tsv)][1:]
sizes = {n: int(v) for k, n, v in rows if k == "size_mib"}
files = {n: int(v) for k, n, v in rows if k == "size_bytes"}
starts = {}
for k, n, v in rows:
    if k == "start_ms":
        starts.setdefault(n, []).append(int(v))
cpu = "unknown CPU"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
java = subprocess.run(["target/dist/ObitoX/lib/runtime/bin/java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
def median(xs):
    ok = [x for x in xs if x >= 0]
    return statistics.median(ok) if ok else None
out = ["<!-- installers:start -->", "## Installers and start-up", ""]
out.append(f"Measured {datetime.date.today()} on {cpu} ({os.cpu_count()} CPUs, load average {load_start} at the start, "
           f"{load_end} at the end), {java}, the app-image of `mvn -B -DskipTests -Pinstallers package`.")
out.append("")
out.append("| Artifact | size |")
out.append("|---|---:|")
out.append(f"| app-image `target/dist/ObitoX/` (du) | {sizes['app-image']} MiB (runtime {sizes['runtime']} MiB, class path {sizes['class path']} MiB) |")
for name, b in sorted(files.items()):
    out.append(f"| `target/installer/{name}` | {b / 1048576:.1f} MiB |")
out.append(f"| class-data archive made at install (`/opt/obitox/lib/app/obitox.jsa`) | {sizes.get('cds archive', '?')} MiB |")
out.append("")
out.append("Start-up to an interactive window: from the moment the OS started the process to the main window's second "
           "painted frame (laid out, painted, taking input), measured by ObitoX itself (`OBITOX_STARTUP_PROBE=1`), "
           f"under Xvfb, on an existing app home. Median of {runs} starts per row.")
out.append("")
out.append("| Page cache | class-data archive | median (ms) | all runs (ms) |")
out.append("|---|---|---:|---|")
labels = {"none": "no (the bare app-image)",
          "fixed": "yes, at a fixed address (`-XX:ArchiveRelocationMode=0`)",
          "random": "yes, at a random address (the JDK's default)"}
for key in sorted(starts, key=lambda k: (k.split('/')[0] != 'cold', ["none", "fixed", "random"].index(k.split('/')[1]))):
    cache, variant = key.split("/")
    m = median(starts[key])
    label = labels[variant] + (" **as shipped**" if variant == shipped else "")
    out.append(f"| {cache} | {label} | {m:.0f} | {', '.join(str(x) for x in starts[key])} |" if m is not None
               else f"| {cache} | {label} | failed | |")
if dropped != "yes":
    out.append("")
    out.append("Cold page cache not measured: dropping the page cache needs root and a writable /proc/sys/vm/drop_caches.")
out.append("")
warm = median(starts.get(f"warm/{shipped}", []))
cold = median(starts.get(f"cold/{shipped}", []))
# a cold start is the stricter reading of "cold start": judged on it when it was measured
judged = cold if cold is not None else warm
target = "met" if judged is not None and judged < 2000 else "NOT met"
seen = ", ".join(f"{v:.0f} ms {k}" for k, v in (("with a cold page cache", cold), ("warm", warm)) if v is not None)
out.append(f"Target: interactive window in under 2 s: {target} with the archive ({seen})." if judged is not None
           else "Target: not measured (the starts failed).")
out.append(f"Run with `bench/installers/run.sh` (raw results: `bench/results/{os.path.basename(tsv)}`).")
out.append("<!-- installers:end -->")
section = "\n".join(out)
text = open(doc).read() if os.path.exists(doc) else "# Benchmarks\n"
if "<!-- installers:start -->" in text:
    text = re.sub(r"<!-- installers:start -->.*?<!-- installers:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc, "w").write(text)
print(section)
PY
