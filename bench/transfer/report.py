#!/usr/bin/env python3
"""Turns a bench/transfer TSV into the "Transfers" section of docs/benchmarks.md (medians of the runs).

usage: report.py RESULTS.tsv docs/benchmarks.md BIG_MIB SMALL_COUNT RUNS [NESTED_COUNT]
"""
import csv
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys

START, END = "<!-- transfers:start -->", "<!-- transfers:end -->"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stdout.strip() \
            or subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=30).stderr.strip()
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


def main():
    tsv, md, big_mib, small_count, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    nested_count = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    rows = list(csv.DictReader(open(tsv), delimiter="\t"))
    groups = {}
    for r in rows:
        groups.setdefault((r["target"], r["scenario"], r["tool"]), []).append(r)
    med = {}
    for key, rs in groups.items():
        ok = [r for r in rs if r["ok"] == "1"]
        med[key] = {
            "wall": statistics.median(float(r["wall_s"]) for r in ok) if ok else None,
            "cpu": statistics.median(float(r["cpu_s"]) for r in ok) if ok else None,
            "rss": max(int(r["rss_kib"]) for r in ok) if ok else None,
            "failed": len(rs) - len(ok),
            "n": len(rs),
        }
    lines = [START, "## Transfers", "",
             f"Measured {datetime.date.today().isoformat()} on {machine()}; server and clients share the machine.",
             f"`bench/transfer/run.sh --runs {runs}`: median of {runs} runs per cell; every tool with its defaults.",
             f"Scenarios: one file of {big_mib} MiB (`big`), {small_count} files of 64 KiB (`small`), {nested_count} files",
             "of 2 KiB in 10 folders of two levels (`nested`). CPU is user+sys of the client process; RSS is its peak.",
             "`raw ceiling` is parallel raw PUTs of in-memory data (big: 16 MiB bodies, best of 8 or 16 at once; small",
             "and nested: the same bodies, best of 8, 16 or 32 at once), i.e. what the server takes at most.",
             "ObitoX runs as the installed `obitox` command runs it: JVM options `"
             + (os.environ.get("OBITOX_JAVA_OPTS", "").strip() or "none") + "` and a class-data archive made once.", "",
             "Versions: " + "; ".join(filter(None, [
                 sh("java -jar target/obitox.jar --version | head -1"),
                 "aws v1 " + sh("aws --version 2>&1 | cut -d' ' -f1") if "aws-cli/1" in sh("aws --version 2>&1") else None,
                 "aws v2 " + sh("/usr/bin/aws --version 2>&1 | cut -d' ' -f1") if os.path.exists("/usr/bin/aws") else None,
                 sh("rclone version | head -1")])), ""]
    targets = sorted({k[0] for k in groups})
    verdicts = []
    for t in targets:
        ceiling = med.get((t, "ceiling", "raw-put"))
        lines += [f"### {t}", "", "| scenario | tool | wall (s) | CPU (s) | peak RSS (MiB) | vs fastest peer | failed runs |",
                  "|---|---|---:|---:|---:|---:|---:|"]
        if ceiling and ceiling["wall"]:
            lines.append(f"| big | raw ceiling | {ceiling['wall']:.2f} | – | – | – | – |")
        for scenario in ("big", "small", "nested"):
            raw = med.get((t, scenario, "raw-put"))
            if scenario != "big" and raw and raw["wall"]:
                lines.append(f"| {scenario} | raw ceiling | {raw['wall']:.2f} | – | – | – | – |")
            tools = [k[2] for k in groups if k[0] == t and k[1] == scenario and k[2] != "raw-put"]
            peers = [x for x in tools if x != "obitox" and med[(t, scenario, x)]["wall"]]
            fastest = min(peers, key=lambda x: med[(t, scenario, x)]["wall"]) if peers else None
            for tool in ["obitox"] + sorted(x for x in tools if x != "obitox"):
                m = med.get((t, scenario, tool))
                if not m:
                    continue
                wall = f"{m['wall']:.2f}" if m["wall"] else "failed"
                cpu = f"{m['cpu']:.2f}" if m["cpu"] is not None else "–"
                rss = f"{m['rss'] / 1024:.0f}" if m["rss"] else "–"
                ratio = "–"
                if fastest and m["wall"] and tool == "obitox":
                    ratio = f"{med[(t, scenario, fastest)]['wall'] / m['wall']:.2f}× faster than {fastest}"
                lines.append(f"| {scenario} | {tool} | {wall} | {cpu} | {rss} | {ratio} | {m['failed']}/{m['n']} |")
            ob = med.get((t, scenario, "obitox"))
            if ob and ob["wall"] and fastest:
                speedup = med[(t, scenario, fastest)]["wall"] / ob["wall"]
                goal = {"big": 1.15, "small": 1.25, "nested": 1.0}[scenario]
                verdicts.append(f"- {t}, {scenario}: {speedup:.2f}× the fastest peer ({fastest}); target ≥ {goal}× → "
                                + ("met" if speedup >= goal else "NOT met"))
            rc = med.get((t, scenario, "rclone"))
            if scenario in ("small", "nested") and ob and rc and ob["cpu"] is not None and rc["cpu"]:
                allowed = 1.25 if scenario == "small" else 1.0
                verdicts.append(f"- {t}, {scenario}: client CPU {ob['cpu']:.2f} s vs rclone {rc['cpu']:.2f} s; target "
                                f"≤ {allowed}× rclone's → " + ("met" if ob["cpu"] <= allowed * rc["cpu"] else "NOT met"))
            if scenario != "big" and ob and ob["wall"] and raw and raw["wall"]:
                verdicts.append(f"- {t}, {scenario}: {raw['wall'] / ob['wall'] * 100:.0f} % of the raw small-file "
                                "ceiling (wall time of parallel PUTs from memory)")
            if scenario == "big" and ob and ob["wall"] and ceiling and ceiling["wall"]:
                share = ceiling["wall"] / ob["wall"]
                verdicts.append(f"- {t}, big: {share * 100:.0f} % of the raw ceiling; target ≥ 85 % → "
                                + ("met" if share >= 0.85 else "NOT met"))
            if scenario == "big" and ob and ob["rss"]:
                verdicts.append(f"- {t}, big: peak RSS {ob['rss'] / 1024:.0f} MiB; target ≤ 300 MB → "
                                + ("met" if ob["rss"] * 1024 <= 300e6 else "NOT met"))
            awsv2 = med.get((t, scenario, "aws-v2"))
            awsv1 = med.get((t, scenario, "aws-v1"))
            for name, aws in (("aws v1", awsv1), ("aws v2", awsv2)):
                if scenario == "big" and ob and aws and ob["cpu"] is not None and aws["cpu"]:
                    verdicts.append(f"- {t}, big: client CPU {ob['cpu']:.2f} s vs {name} {aws['cpu']:.2f} s → "
                                    + ("less" if ob["cpu"] < aws["cpu"] else "NOT less"))
        scales = sorted((int(k[1][6:]), med[k]) for k in med if k[0] == t and k[1].startswith("scale-") and k[2] == "obitox")
        if scales:
            lines += ["", "ObitoX alone, N files of 1 KiB in 100 folders (memory flat in the number of files):", "",
                      "| files | wall (s) | CPU (s) | files/s | peak RSS (MiB) | failed runs |", "|---:|---:|---:|---:|---:|---:|"]
            for n, m in scales:
                if m["wall"]:
                    lines.append(f"| {n:,} | {m['wall']:.1f} | {m['cpu']:.1f} | {n / m['wall']:.0f} | "
                                 f"{m['rss'] / 1024:.0f} | {m['failed']}/{m['n']} |")
                    verdicts.append(f"- {t}, {n:,} files: peak RSS {m['rss'] / 1024:.0f} MiB; target ≤ 300 MB → "
                                    + ("met" if m["rss"] * 1024 <= 300e6 else "NOT met"))
        lines.append("")
    lines += ["Targets (issue 14):", ""] + verdicts + ["", END]
    section = "\n".join(lines)
    doc = open(md).read() if os.path.exists(md) else "# Benchmarks\n\nEvery number here comes from a script under `bench/`; re-run it to refresh its section.\n"
    if START in doc:
        doc = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, doc, flags=re.S)
    else:
        doc = doc.rstrip() + "\n\n" + section + "\n"
    open(md, "w").write(doc)


if __name__ == "__main__":
    main()
