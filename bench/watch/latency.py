#!/usr/bin/env python3
"""Helper of bench/watch/run.sh: writes files into a watched folder and measures, per file, the time from its last
write (its close) to its object being listed in the bucket (an object is listed only once complete). Stdlib only;
S3 requests through bench/sync/s3check.py (S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY).

  latency.py burst   DIR BUCKET PREFIX COUNT OUT.tsv          COUNT files of 4 KiB at once, in 10 new folders
  latency.py trickle DIR BUCKET PREFIX RATE SECONDS OUT.tsv   RATE files/s for SECONDS, in new folders of 100

The bucket's PREFIX is listed every 0.2 s until every file's key is there (timeout 15 min); OUT gets one line per
file: key, last write (epoch s), first listed (epoch s), latency (s). Prints "count median p95 max" of the latency.
"""
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sync"))
import s3check  # noqa: E402

POLL = 0.2


def write(path, i):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write((b"watch bench file %d\n" % i).ljust(4096, b"."))
    return time.time()  # after the close: the last write


def poll(bucket, prefix, written, seen, done):
    deadline = time.time() + 900
    while time.time() < deadline:
        t0 = time.time()
        try:
            keys = s3check.listing(bucket, prefix)
        except Exception as e:  # a slow answer under load: try again
            print("listing failed:", e, file=sys.stderr)
            keys = {}
        t = time.time()
        for k in keys:
            if k not in seen and k in written:
                seen[k] = (t0 + t) / 2  # the middle of the request that first listed it
        if done.is_set() and len(seen) == len(written):
            return
        time.sleep(max(0.0, POLL - (time.time() - t0)))


def run(names, pacing, directory, bucket, prefix, out):
    written, seen, done = {}, {}, threading.Event()
    poller = threading.Thread(target=poll, args=(bucket, prefix, written, seen, done))
    poller.start()
    start = time.time()
    for n, rel in enumerate(names):
        if pacing:
            time.sleep(max(0.0, start + n * pacing - time.time()))
        written[prefix + rel] = write(os.path.join(directory, rel), n)
    done.set()
    poller.join()
    lat = sorted(seen[k] - written[k] for k in seen)
    with open(out, "w") as f:
        f.write("key\twritten\tlisted\tlatency_s\n")
        for k in written:
            f.write(f"{k}\t{written[k]:.3f}\t{seen.get(k, float('nan')):.3f}\t{seen.get(k, float('nan')) - written[k]:.3f}\n")
    if len(lat) < len(written):
        print(f"only {len(lat)} of {len(written)} objects listed", file=sys.stderr)
    if not lat:
        print("0 nan nan nan")
        return
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    print(f"{len(lat)} {p(0.5):.2f} {p(0.95):.2f} {lat[-1]:.2f}")


def main():
    mode = sys.argv[1]
    if mode == "burst":
        d, bucket, prefix, count, out = sys.argv[2:7]
        names = [f"b{i % 10}/f{i:05d}.txt" for i in range(int(count))]
        run(names, 0, d, bucket, prefix, out)
    elif mode == "trickle":
        d, bucket, prefix, rate, seconds, out = sys.argv[2:8]
        n = int(float(rate) * float(seconds))
        names = [f"t{i // 100:03d}/f{i:05d}.txt" for i in range(n)]
        run(names, 1.0 / float(rate), d, bucket, prefix, out)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
