#!/usr/bin/env python3
"""A server that keeps answering (called by scripts/bench; runnable alone).

    bench/busy_server.py --jinfu build/release/jinfu --bare build/release/bench/bare_server

While two provider uploads of BENCH_BUSY_MB (default 100) MB each are being imported and 64 people
log in at the same moment, how long do a liveness probe (/healthz) and the public home-page figures
(/api/v1/summary) take? Measured with one sequential prober per endpoint (the latency a monitor or
a visitor sees), p50 and p99, beside the same prober against the bare Beast endpoint on this
machine, idle (the limit). The log-ins are counted by answer: 200, or 429 busy (argon2id work is
bounded; the client retries after Retry-After). Prints figures; asserts nothing.
"""

import argparse
import csv
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "Bench-Pass-2026!"


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def start(cmd, out):
    proc = subprocess.Popen(cmd, stdout=open(out, "w"), stderr=subprocess.DEVNULL)
    for _ in range(200):
        m = re.search(r"http://127\.0\.0\.1:(\d+)", open(out).read())
        if m:
            return proc, int(m.group(1))
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("server did not start: " + " ".join(cmd))


def probe(port, path, seconds, stop=None):
    """Sequential GETs on one kept-alive connection for `seconds`; latencies in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    out = []
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (stop and stop.is_set()):
        t = time.perf_counter()
        conn.request("GET", path)
        r = conn.getresponse()
        r.read()
        out.append((time.perf_counter() - t) * 1000)
        if r.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        time.sleep(0.005)
    conn.close()
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def tax_file(path, mb, usccs):
    """A tax file of about `mb` MB: the demo's enterprises, month after month."""
    target = mb * 1024 * 1024
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("统一社会信用代码,所属期,实缴税额（元）,纳税信用等级\n")
        i = 0
        while f.tell() < target:
            year, month = 1990 + (i // len(usccs)) // 12 % 36, 1 + (i // len(usccs)) % 12
            f.write("%s,%d-%02d,%d.%02d,%s\n" % (usccs[i % len(usccs)], year, month, 1000 + i % 90000, i % 100, "ABMCD"[i % 5]))
            i += 1
    return os.path.getsize(path)


def upload(port, token, path, name, result):
    size = os.path.getsize(path)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    try:
        conn.putrequest("POST", "/api/v1/collect/batches?category=tax&fileName=" + name)
        conn.putheader("Authorization", "Bearer " + token)
        conn.putheader("Content-Type", "text/csv")
        conn.putheader("Content-Length", str(size))
        conn.endheaders()
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                conn.send(chunk)
        result["sent"] = time.monotonic()
        r = conn.getresponse()
        result["status"] = r.status
    except Exception as e:  # the server is stopped while the import still runs
        result["error"] = type(e).__name__
    finally:
        conn.close()


def login(port, username, out):
    body = '{"username":"%s","password":"%s"}' % (username, PASSWORD)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    t = time.perf_counter()
    conn.request("POST", "/api/v1/auth/login", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    r.read()
    out.append((r.status, (time.perf_counter() - t) * 1000))
    conn.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jinfu", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("--seconds", type=float, default=20)
    a = ap.parse_args()
    mb = int(os.environ.get("BENCH_BUSY_MB", "100"))
    work = tempfile.mkdtemp(prefix="jinfu-busy-")
    procs = []
    try:
        # The limit: the bare endpoint, idle, the same prober.
        bare, bare_port = start([a.bare, "0", "2"], os.path.join(work, "bare.out"))
        procs.append(bare)
        limit = probe(bare_port, "/healthz", 5)

        db = "sqlite:" + os.path.join(work, "busy.db")
        env = dict(os.environ, JINFU_DEMO_PASSWORD=PASSWORD)
        subprocess.run([a.jinfu, "--db", db, "migrate"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([a.jinfu, "--db", db, "demo", "--registry-only"], check=True, stdout=subprocess.DEVNULL, env=env)
        token = subprocess.run([a.jinfu, "--db", db, "token", "issue", "--user", "demo-provider", "--name", "bench",
                                "--permission", "collect.submit"], check=True, capture_output=True, text=True).stdout
        token = re.search(r"jf_[A-Za-z0-9_-]+", token).group(0)
        with open(os.path.join(HERE, "..", "data", "demo", "enterprises.csv"), encoding="utf-8") as f:
            usccs = [row["uscc"] for row in csv.DictReader(f)]
        files = []
        for n in range(2):
            path = os.path.join(work, "tax-%d.csv" % n)
            files.append((path, tax_file(path, mb, usccs[n::2])))
        server, port = start([a.jinfu, "--db", db, "--log-level", "warn", "serve", "--listen", "127.0.0.1:0",
                              "--web-root", os.path.join(work, "none")], os.path.join(work, "jinfu.out"))
        procs.append(server)
        idle = probe(port, "/healthz", 5)

        results = [{}, {}]
        uploaders = [threading.Thread(target=upload, args=(port, token, p, "tax-%d.csv" % i, results[i]), daemon=True)
                     for i, (p, _) in enumerate(files)]
        for t in uploaders:
            t.start()
        while not all("sent" in r or "error" in r for r in results):
            time.sleep(0.05)
        log("  both files sent (%d MB each); importing" % mb)

        stop = threading.Event()
        latencies = {}
        probers = [threading.Thread(target=lambda p=p: latencies.__setitem__(p, probe(port, p, a.seconds, stop)))
                   for p in ("/healthz", "/api/v1/summary")]
        for t in probers:
            t.start()
        time.sleep(2)
        logins = []
        users = ["demo-gov-viewer", "demo-gov-officer", "demo-bank-officer", "demo-enterprise-staff"]
        crowd = [threading.Thread(target=login, args=(port, users[i % len(users)], logins)) for i in range(64)]
        for t in crowd:
            t.start()
        for t in crowd:
            t.join()
        for t in probers:
            t.join()
        still_importing = all("status" not in r for r in results)

        print("机器 / machine: %d cores; two %d MB tax files (%d + %d bytes) importing, then 64 log-ins at once"
              % (os.cpu_count(), mb, files[0][1], files[1][1]))
        # One sequential prober sees a stall as one slow answer, so the worst is shown beside p99.
        print("%-40s %10s %10s %10s %8s %12s" % ("", "p50 ms", "p99 ms", "max ms", "n", "p99 vs bare"))
        bare99 = pct(limit, 0.99)
        for name, xs in [("bare Beast /healthz, idle (the limit)", limit), ("jinfu /healthz, idle", idle),
                         ("jinfu /healthz, busy", latencies.get("/healthz", [])),
                         ("jinfu /api/v1/summary, busy", latencies.get("/api/v1/summary", []))]:
            print("%-40s %10.2f %10.2f %10.2f %8d %11.1f×" % (name, pct(xs, 0.5), pct(xs, 0.99), max(xs or [float("nan")]),
                                                            len(xs), pct(xs, 0.99) / bare99))
        ok = [ms for s, ms in logins if s == 200]
        busy = [ms for s, ms in logins if s == 429]
        print("64 log-ins at once: %d answered 200 (p99 %.0f ms), %d answered 429 busy (p99 %.0f ms), %d other"
              % (len(ok), pct(ok, 0.99), len(busy), pct(busy, 0.99), len(logins) - len(ok) - len(busy)))
        print("imports still running when the measurement ended: %s" % ("yes" if still_importing else "no"))
    finally:
        for p in procs:
            p.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
