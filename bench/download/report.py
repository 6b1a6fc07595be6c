#!/usr/bin/env python3
"""Turns a bench/download TSV into the "Downloads (issue 18)" section of docs/benchmarks.md (medians of the runs).

usage: BENCH_LOAD="…" report.py RESULTS.tsv docs/benchmarks.md BIG_MIB SMALL_COUNT RUNS
"""
import csv
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

START, END = "<!-- downloads:start -->", "<!-- downloads:end -->"
ORDER = ["obitox", "aws-v1", "aws-v2", "rclone"]
COMMAND = {
    "obitox": "`obitox download B/KEY DIR/ --json` and `obitox download B/PREFIX/ DIR/ --json`",
    "aws-v1": "`aws s3 cp s3://B/KEY DIR/KEY` and `aws s3 cp s3://B/PREFIX/ DIR --recursive` (v1, `--only-show-errors`)",
    "aws-v2": "the same with aws v2",
    "rclone": "`rclone copyto remote:B/KEY DIR/KEY` and `rclone copy remote:B/PREFIX DIR`",
}


def sh(cmd):
    try:
        r = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30)
        return r.stdout.strip() or r.stderr.strip()
    except Exception:
        return "?"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = sh("free -g | awk '/Mem:/{print $2}'")
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB RAM, {platform.system()} {platform.release()}"


def spread(values, fmt="{:.2f}"):
    """median, and the range when the runs differ"""
    med = statistics.median(values)
    lo, hi = min(values), max(values)
    return fmt.format(med) if lo == hi else f"{fmt.format(med)} ({fmt.format(lo)}–{fmt.format(hi)})"


def main():
    tsv, md, big_mib, small_count, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    rows = list(csv.DictReader(open(tsv), delimiter="\t"))
    med = {}
    for scenario in ("big", "small"):
        for tool in ORDER:
            rs = [r for r in rows if r["tool"] == tool and (r["scenario"] == scenario or r["note"] == "not installed")]
            if not rs:
                continue
            ok = [r for r in rs if r["ok"] == "1"]
            med[(scenario, tool)] = {
                "walls": [float(r["wall_s"]) for r in ok],
                "wall": statistics.median(float(r["wall_s"]) for r in ok) if ok else None,
                "cpu": statistics.median(float(r["cpu_s"]) for r in ok) if ok else None,
                "rss": max(int(r["rss_kib"]) for r in ok) if ok else None,
                "failed": len([r for r in rs if r["ok"] != "1" and r["run"] != "0"]),
                "n": len([r for r in rs if r["run"] != "0"]),
                "installed": not any(r["note"] == "not installed" for r in rs),
                "notes": sorted({r["note"] for r in rs if r["note"]}),
            }
    versions = [sh("java -jar target/obitox.jar --version | head -1")]
    if "aws-cli/1" in sh("aws --version 2>&1"):
        versions.append("aws v1 " + sh("aws --version 2>&1 | cut -d' ' -f1"))
    v2 = os.environ.get("AWS_V2", "/usr/bin/aws")
    versions.append("aws v2 " + sh(f"{v2} --version 2>&1 | cut -d' ' -f1") if os.path.exists(v2)
                    else "aws v2 not installed here")
    versions.append(sh("rclone version | head -1"))
    load = os.environ.get("BENCH_LOAD", "")
    lines = [START, "## Downloads (issue 18)", "",
             f"Measured {datetime.date.today().isoformat()} on {machine()}; the RGW and the clients share the machine"
             + (f" (load average {load})." if load else "."),
             f"`bench/download/run.sh --runs {runs} --big-mib {big_mib} --small-count {small_count}`: one object of"
             f" {big_mib:,} MiB (`big`) and {small_count:,} objects of 64 KiB under one prefix (`small`), uploaded once by",
             "`obitox sync` (so the small objects carry ObitoX's `x-amz-meta-sha256`, the big one is multipart), are",
             "downloaded by each tool into a fresh empty folder; every run is checked afterwards (exactly the expected",
             "files, each with the source's SHA-256) and a run that fails or differs counts as failed.",
             "Every tool with its defaults: " + "; ".join(f"{t}: {COMMAND[t]}" for t in ORDER) + ".",
             f"Median of {runs} run(s) (range in brackets), wall time and CPU (user+sys of the client process, GNU time);",
             "RSS is the peak. ObitoX runs as the installed `obitox` command runs it: JVM options `"
             + (os.environ.get("OBITOX_JAVA_OPTS", "").strip() or "none")
             + "` and a class-data archive made once. ObitoX also syncs every part to disk before it records it (that is",
             "what makes its downloads resumable after a kill) and reads each finished file once more to verify it;",
             "neither peer syncs to disk (rclone checks the MD5 of single-part objects as it receives them).",
             "", "Versions: " + "; ".join(v for v in versions if v), "",
             "| scenario | tool | wall (s) | CPU (s) | peak RSS (MiB) | MiB/s | vs ObitoX (wall) | failed runs |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    verdicts = []
    for scenario in ("big", "small"):
        mib = big_mib if scenario == "big" else small_count * 64 / 1024
        ob = med.get((scenario, "obitox"))
        for tool in ORDER:
            m = med.get((scenario, tool))
            if not m:
                continue
            if not m["installed"]:
                lines.append(f"| {scenario} | {tool} | not installed | – | – | – | – | – |")
                continue
            wall = spread(m["walls"]) if m["wall"] else "failed"
            cpu = f"{m['cpu']:.2f}" if m["cpu"] is not None else "–"
            rss = f"{m['rss'] / 1024:.0f}" if m["rss"] else "–"
            rate = f"{mib / m['wall']:.0f}" if m["wall"] else "–"
            ratio = "–"
            if tool != "obitox" and ob and ob["wall"] and m["wall"]:
                ratio = f"{m['wall'] / ob['wall']:.2f}× slower" if m["wall"] >= ob["wall"] else \
                    f"{ob['wall'] / m['wall']:.2f}× faster"
            lines.append(f"| {scenario} | {tool} | {wall} | {cpu} | {rss} | {rate} | {ratio} | {m['failed']}/{m['n']} |")
        peers = [t for t in ORDER if t != "obitox" and med.get((scenario, t)) and med[(scenario, t)]["wall"]]
        if ob and ob["wall"] and peers:
            fastest = min(peers, key=lambda t: med[(scenario, t)]["wall"])
            f = med[(scenario, fastest)]
            speed = f["wall"] / ob["wall"]
            verdicts.append(f"- {scenario}: wall {ob['wall']:.2f} s against the fastest peer's {f['wall']:.2f} s "
                            f"({fastest}): {speed:.2f}×; target ≥ 1× → " + ("met" if speed >= 1 else "NOT met"))
        elif ob:
            verdicts.append(f"- {scenario}: no peer measured, or ObitoX failed every run")
        rc = med.get((scenario, "rclone"))
        if ob and ob["cpu"] is not None and rc and rc["cpu"] is not None:
            verdicts.append(f"- {scenario}: client CPU {ob['cpu']:.2f} s against rclone's {rc['cpu']:.2f} s; target less → "
                            + ("met" if ob["cpu"] < rc["cpu"] else "NOT met"))
        if ob and ob["notes"]:
            verdicts.append(f"- {scenario}: ObitoX's own check: " + " / ".join(ob["notes"]))
    failed = [f"{t} {s} {m['failed']}/{m['n']}" for (s, t), m in med.items() if m["failed"]]
    if failed:
        lines += ["", "Failed runs (tool error or a result that differs): " + ", ".join(failed)
                  + " (the TSV's note column says why)."]
    lines += ["", "Targets (issue 18):", ""] + verdicts + ["", END]
    section = "\n".join(lines)
    doc = open(md).read() if os.path.exists(md) else "# Benchmarks\n"
    if START in doc:
        doc = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, doc, flags=re.S)
    else:
        doc = doc.rstrip() + "\n\n" + section + "\n"
    open(md, "w").write(doc)


if __name__ == "__main__":
    main()
