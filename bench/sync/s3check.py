#!/usr/bin/env python3
"""Helpers of bench/sync/run.sh: the local data set, the 1 % change, and what the server holds (stdlib only).

  s3check.py data DIR COUNT                      COUNT files of 64 KiB (f00000 ...) in DIR, unless already there
  s3check.py change DIR SAVED PCT STATE [HIDDEN] change PCT % of the files (evenly spread); HIDDEN % of those
                                                 (default 100, evenly spread) get new bytes of the same size with
                                                 the old mtime restored (the edit a size/mtime check cannot see), the
                                                 others new bytes of the same size and a new mtime (an ordinary
                                                 edit); the originals go to SAVED first; writes STATE (JSON: every
                                                 file's MD5, the changed names, the hidden ones)
  s3check.py restore DIR SAVED                   put the originals back (content and mtime)
  s3check.py snapshot BUCKET PREFIX OUT          list BUCKET/PREFIX (ListObjectsV2) into OUT (JSON key -> etag, size, time)
  s3check.py verify BUCKET PREFIX STATE BEFORE   list again and compare with the local MD5s and the snapshot BEFORE;
                                                 prints "missed resent stale sent missed_hidden"
  s3check.py purge BUCKET [PREFIX]               delete every object under PREFIX (DeleteObjects, 1000 a request);
                                                 without PREFIX also the bucket itself

verify: missed = changed files whose object does not hold the new content (ETag is not the local MD5, or no object);
resent = unchanged files whose object was written again (LastModified or ETag differs from BEFORE); stale = unchanged
files whose object differs from the local file (0 unless something is wrong); sent = objects written by the re-sync;
missed_hidden = the missed files among the hidden (same size, old mtime) edits.
An ETag that is not an MD5 (multipart, "-N") is checked by downloading the object.

The endpoint and keys come from S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY (path-style addressing, region
us-east-1; an https endpoint trusts AWS_CA_BUNDLE when set).
"""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import os
import shutil
import ssl
import sys
import urllib.parse
import xml.etree.ElementTree as ET

SIZE = 65536


# --- local data ---

def names(d):
    return sorted(n for n in os.listdir(d) if os.path.isfile(os.path.join(d, n)))


def cmd_data(d, count):
    count = int(count)
    if os.path.isdir(d) and len(names(d)) == count and all(os.path.getsize(os.path.join(d, n)) == SIZE for n in names(d)):
        return
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    print(f"creating {count} files of 64 KiB in {d}", file=sys.stderr)
    for i in range(count):
        with open(os.path.join(d, f"f{i:05d}"), "wb") as f:
            f.write(os.urandom(SIZE))


def chosen(all_names, pct):
    n = max(1, round(len(all_names) * float(pct) / 100))
    step = len(all_names) / n
    return [all_names[int(i * step)] for i in range(n)]


def md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def cmd_change(d, saved, pct, state, hidden_pct="100"):
    os.makedirs(saved, exist_ok=True)
    all_names = names(d)
    changed = chosen(all_names, pct)
    hidden = set(chosen(changed, hidden_pct)) if float(hidden_pct) > 0 else set()
    for n in changed:
        p = os.path.join(d, n)
        if not os.path.exists(os.path.join(saved, n)):
            shutil.copy2(p, os.path.join(saved, n))   # the original, with its mtime
        st = os.stat(p)
        with open(p, "r+b") as f:                      # same size, new bytes, same inode
            f.write(os.urandom(st.st_size))
        if n in hidden:
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
            if os.stat(p).st_mtime_ns != st.st_mtime_ns or os.path.getsize(p) != st.st_size:
                sys.exit(f"could not restore the mtime/size of {p}")
    json.dump({"md5": {n: md5(os.path.join(d, n)) for n in all_names}, "changed": changed,
               "hidden": sorted(hidden)}, open(state, "w"))


def cmd_restore(d, saved):
    if not os.path.isdir(saved):
        return
    for n in os.listdir(saved):
        shutil.copy2(os.path.join(saved, n), os.path.join(d, n))
    shutil.rmtree(saved)


# --- S3 (SigV4, path-style) ---

def env():
    return os.environ["S3_ENDPOINT"].rstrip("/"), os.environ["S3_ACCESS_KEY"], os.environ["S3_SECRET_KEY"]


def q(s, safe="-_.~"):
    return urllib.parse.quote(s, safe=safe)


def request(method, bucket, key="", query=None, body=b"", extra=None):
    endpoint, access, secret = env()
    u = urllib.parse.urlsplit(endpoint)
    path = "/" + q(bucket) + ("/" + q(key, safe="-_.~/") if key else "")
    query = query or {}
    cq = "&".join(f"{q(k)}={q(v)}" for k, v in sorted(query.items()))
    now = datetime.datetime.now(datetime.timezone.utc)
    amzdate, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    headers = {"host": u.netloc, "x-amz-date": amzdate, "x-amz-content-sha256": hashlib.sha256(body).hexdigest()}
    headers.update(extra or {})
    signed = ";".join(sorted(headers))
    canonical = "\n".join([method, path, cq, "".join(f"{k}:{headers[k].strip()}\n" for k in sorted(headers)), signed,
                           headers["x-amz-content-sha256"]])
    scope = f"{day}/us-east-1/s3/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", amzdate, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = ("AWS4" + secret).encode()
    for part in (day, "us-east-1", "s3", "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={signed}, Signature={sig}"
    if u.scheme == "https":
        ctx = ssl.create_default_context(cafile=os.environ.get("AWS_CA_BUNDLE") or None)
        conn = http.client.HTTPSConnection(u.hostname, u.port, context=ctx, timeout=120)
    else:
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    conn.request(method, path + ("?" + cq if cq else ""), body=body or None, headers=headers)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    if r.status >= 300:
        raise RuntimeError(f"{method} {path}?{cq}: HTTP {r.status} {data[:300]!r}")
    return data


def strip(tag):
    return tag.rsplit("}", 1)[-1]


def listing(bucket, prefix):
    out, token = {}, None
    while True:
        query = {"list-type": "2", "prefix": prefix, "max-keys": "1000"}
        if token:
            query["continuation-token"] = token
        root = ET.fromstring(request("GET", bucket, query=query))
        token = None
        truncated = False
        for el in root:
            t = strip(el.tag)
            if t == "Contents":
                f = {strip(c.tag): (c.text or "") for c in el}
                out[f["Key"]] = {"etag": f["ETag"].strip('"'), "size": int(f["Size"]), "time": f["LastModified"]}
            elif t == "NextContinuationToken":
                token = el.text
            elif t == "IsTruncated":
                truncated = el.text == "true"
        if not truncated or not token:
            return out


def cmd_snapshot(bucket, prefix, out):
    json.dump(listing(bucket, prefix), open(out, "w"))


def holds(bucket, key, obj, want):
    if obj is None:
        return False
    if "-" not in obj["etag"]:
        return obj["etag"] == want
    return hashlib.md5(request("GET", bucket, key)).hexdigest() == want


def cmd_verify(bucket, prefix, state, before):
    st = json.load(open(state))
    old = json.load(open(before))
    now = listing(bucket, prefix)
    changed = set(st["changed"])
    hidden = set(st.get("hidden", st["changed"]))
    missed = resent = stale = missed_hidden = 0
    for n, want in st["md5"].items():
        key = prefix + n
        obj = now.get(key)
        if n in changed:
            miss = not holds(bucket, key, obj, want)
            missed += miss
            missed_hidden += miss and n in hidden
        else:
            if obj is not None and key in old and (obj["time"] != old[key]["time"] or obj["etag"] != old[key]["etag"]):
                resent += 1
            stale += not holds(bucket, key, obj, want)
    sent = sum(1 for k, o in now.items() if k not in old or o["time"] != old[k]["time"] or o["etag"] != old[k]["etag"])
    print(missed, resent, stale, sent, missed_hidden)


def cmd_purge(bucket, prefix=None):
    try:
        keys = list(listing(bucket, prefix or ""))
    except RuntimeError as e:
        if "NoSuchBucket" in str(e):
            return
        raise
    for i in range(0, len(keys), 1000):
        body = ("<Delete><Quiet>true</Quiet>" + "".join(
            f"<Object><Key>{k.replace('&', '&amp;').replace('<', '&lt;')}</Key></Object>" for k in keys[i:i + 1000])
            + "</Delete>").encode()
        request("POST", bucket, query={"delete": ""}, body=body,
                extra={"content-md5": base64.b64encode(hashlib.md5(body).digest()).decode(),
                       "content-type": "application/xml"})
    if prefix is None:
        request("DELETE", bucket)


if __name__ == "__main__":
    cmds = {"data": cmd_data, "change": cmd_change, "restore": cmd_restore, "snapshot": cmd_snapshot,
            "verify": cmd_verify, "purge": cmd_purge}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds:
        sys.exit(__doc__)
    cmds[sys.argv[1]](*sys.argv[2:])
