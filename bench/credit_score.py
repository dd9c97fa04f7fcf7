#!/usr/bin/env python3
"""The 信用画像 benchmark (called by scripts/bench; runnable alone).

    bench/credit_score.py --jinfu build/release/jinfu --bare build/release/bench/bare_server \
        --bench-credit build/release/bench/bench_credit

1. The scoring step alone, in process (bench_credit): one million feature vectors through the
   shipped expert card, against reading the same vectors.
2. The whole run on SQLite: `jinfu credit score --all` over BENCH_CREDIT_ENTERPRISES (default one
   million) enterprises, each with six months of tax and six of social insurance, one in twenty
   with a penalty and one in fifty with a court case — about 12 million facts. Wall time and
   peak memory (/usr/bin/time), against the limit on this machine: sqlite3 reading every fact
   once (SELECT … FROM facts), the least any run that looks at the facts must do.
   The database is generated with SQL straight into the tables (the importer is measured by the
   collect benchmark); the search index trigger is dropped for the load, search is not measured
   here.
3. One enterprise's score through the API (GET /api/v1/credit/enterprises/{id}/score, the demo
   enterprise user's own, on the demo database): wrk with one connection (the latency one user
   sees) and with 16, beside the bare Beast endpoint.
Prints figures; asserts nothing. BENCH_CREDIT_DB=path keeps (or reuses) the generated database.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def generate(jinfu, path, n):
    subprocess.run([jinfu, "--db", "sqlite:" + path, "migrate"], check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(path)
    db.executescript("""
      PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;
      DROP TRIGGER IF EXISTS enterprises_search_insert;
      INSERT INTO organisations (kind, name, short_name, region_code, created_at) VALUES
        ('provider', '基准税务局', '基准税务', '410800', '2026-01-01T00:00:00.000+08:00'),
        ('provider', '基准人社局', '基准人社', '410800', '2026-01-01T00:00:00.000+08:00'),
        ('provider', '基准市场监管局', '基准监管', '410800', '2026-01-01T00:00:00.000+08:00'),
        ('provider', '基准法院', '基准法院', '410800', '2026-01-01T00:00:00.000+08:00');
    """)
    prov = {r[0]: r[1] for r in db.execute("SELECT short_name, id FROM organisations WHERE short_name LIKE '基准%'")}
    batches = {}
    for cat, p in [("tax", "基准税务"), ("social_insurance", "基准人社"), ("penalty", "基准监管"), ("judicial", "基准法院")]:
        cur = db.execute(
            "INSERT INTO collect_batches (provider_id, category, source, file_name, format, encoding, content_sha256, "
            "header, unknown_columns, received_at, completed_at) VALUES (?, ?, 'cli', ?, 'csv', 'UTF-8', ?, '[]', '[]', "
            "'2026-11-10T10:00:00.000+08:00', '2026-11-10T10:00:00.000+08:00')",
            (prov[p], cat, cat + ".csv", "bench-" + cat))
        batches[cat] = (prov[p], cur.lastrowid)
    t = time.monotonic()
    db.execute("""
      WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
      INSERT INTO enterprises (uscc, name, region_code, industry_section, industry_division, established_on, status,
                               created_at)
      SELECT printf('BENCH%013d', i), '基准企业' || i, '410871', 'C', '35',
             date('1995-01-01', '+' || (i * 7 % 11000) || ' days'), 'operating', '2026-01-01T00:00:00.000+08:00'
      FROM seq""", (n,))
    db.commit()
    log("  %d enterprises in %.0f s" % (n, time.monotonic() - t))
    t = time.monotonic()
    months = ",".join("('2026-%02d', '2026-%02d-28')" % (m, m) for m in range(5, 11))
    for cat, vals in [("tax", "'{\"creditGrade\":\"' || substr('ABBBMC', 1 + e.id % 6, 1) || '\",\"period\":\"' || m.p "
                               "|| '\",\"taxPaid\":' || (e.id * 7919 % 5000000) || '}'"),
                      ("social_insurance", "'{' || CASE WHEN e.id % 13 = 0 THEN '\"arrearsAmount\":120000,' ELSE '' END "
                                           "|| '\"insuredCount\":' || (e.id % 300) || ',\"period\":\"' || m.p || '\"}'")]:
        provider, batch = batches[cat]
        db.execute("""
          WITH months(p, d) AS (VALUES %s)
          INSERT INTO facts (enterprise_id, category, fact_key, fact_date, vals, content_hash, provider_id, batch_id,
                             row_number, received_at)
          SELECT e.id, ?, m.p, m.d, %s, 'bench', ?, ?, e.id, '2026-11-10T10:00:00.000+08:00'
          FROM enterprises e CROSS JOIN months m""" % (months, vals), (cat, provider, batch))
        db.commit()
    for cat, every, vals in [("penalty", 20, "'{\"decidedOn\":\"2025-06-01\",\"severity\":\"general\"}'"),
                             ("judicial", 50, "'{\"kind\":\"enforcement\",\"status\":\"open\"}'")]:
        provider, batch = batches[cat]
        db.execute("""
          INSERT INTO facts (enterprise_id, category, fact_key, fact_date, vals, content_hash, provider_id, batch_id,
                             row_number, received_at)
          SELECT e.id, ?, 'case-' || e.id, '2025-06-01', %s, 'bench', ?, ?, e.id, '2026-11-10T10:00:00.000+08:00'
          FROM enterprises e WHERE e.id %% %d = 0""" % (vals, every), (cat, provider, batch))
        db.commit()
    facts = db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    log("  %d facts in %.0f s" % (facts, time.monotonic() - t))
    db.execute("ANALYZE")
    db.close()
    return facts


def timed(argv):
    """Runs argv under /usr/bin/time: (wall seconds, peak RSS MiB, stdout)."""
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + argv, check=True, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    m = re.search(r"TIME ([\d.]+) (\d+)", out.stderr)
    return float(m.group(1)), int(m.group(2)) / 1024, out.stdout


def start(argv, out_path):
    out = open(out_path, "w")
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT)
    for _ in range(300):
        time.sleep(0.1)
        with open(out_path, encoding="utf-8", errors="replace") as f:
            m = re.search(r"http://127\.0\.0\.1:\d+", f.read())
        if m:
            return p, m.group(0)
        if p.poll() is not None:
            break
    p.kill()
    raise SystemExit("server did not start: %s" % " ".join(argv))


def wrk(url, connections, duration, header=None):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as q:
        q.write("\n")
    env = dict(os.environ, QUERIES=q.name, SEARCH_PATH=urllib.parse.urlsplit(url).path)
    argv = ["wrk", "-t%d" % min(2, connections), "-c%d" % connections, "-d%s" % duration, "--timeout", "10s",
            "-s", os.path.join(HERE, "registry_search.lua")]
    if header:
        argv += ["-H", header]
    base = "%s://%s" % urllib.parse.urlsplit(url)[:2]
    out = subprocess.run(argv + [base], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    os.unlink(q.name)
    n, rps, p50, p90, p99, mx, errors = next(l for l in out.splitlines() if l.startswith("RESULT ")).split()[1:]
    return {"rps": float(rps), "p50": float(p50), "p99": float(p99), "errors": int(errors)}


def whole_run(args, n, work):
    path = os.environ.get("BENCH_CREDIT_DB") or os.path.join(work, "credit.db")
    if not os.path.exists(path):
        log("generating %s …" % path)
        generate(args.jinfu, path, n)
    con = sqlite3.connect(path)
    facts = con.execute("SELECT COUNT(*) FROM facts").fetchone()[0]
    con.execute("DELETE FROM credit_scores")  # a reused database starts without runs
    con.execute("DELETE FROM credit_runs")
    con.commit()
    con.close()
    subprocess.run(["sync"])
    limit, limit_mem, _ = timed(["sqlite3", path, "SELECT COUNT(*), SUM(LENGTH(vals)) FROM facts"])
    wall, mem, out = timed([args.jinfu, "--db", "sqlite:" + path, "credit", "score", "--all", "--as-of", "2026-11-27",
                            "--chunk", "5000"])
    scored = int(re.search(r"完成：(\d+) 家", out).group(1))
    print("  %d enterprises, %d facts" % (scored, facts))
    print("  jinfu credit score --all        %7.1f s  %8.0f enterprises/s  peak %5.0f MiB" % (wall, scored / wall, mem))
    print("  limit: sqlite3 reads the facts  %7.1f s                          peak %5.0f MiB" % (limit, limit_mem))
    print("  ratio %.1f×   target: under 60 s (%s) and under 300 MB (%s)" % (
        wall / limit, "met" if wall < 60 else "missed", "met" if mem * 1.048576 < 300 else "missed"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jinfu", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("--bench-credit", required=True)
    ap.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "10s"))
    args = ap.parse_args()
    n = int(os.environ.get("BENCH_CREDIT_ENTERPRISES", "1000000"))
    work = tempfile.mkdtemp(prefix="jinfu-credit-bench.")
    try:
        print("1. scoring step alone (bench_credit):")
        sys.stdout.flush()
        subprocess.run([args.bench_credit, "1000000"], check=True)

        print("\n2. the whole run on SQLite: jinfu credit score --all over %d enterprises" % n)
        if n > 0:
            whole_run(args, n, work)
        else:
            print("  skipped (BENCH_CREDIT_ENTERPRISES=0)")

        print("\n3. one enterprise through the API (demo database, the enterprise user's own score):")
        demo = os.path.join(work, "demo.db")
        env = dict(os.environ, JINFU_DEMO_PASSWORD="Bench-Pass-2026!")
        subprocess.run([args.jinfu, "--db", "sqlite:" + demo, "demo"], check=True, env=env, stdout=subprocess.DEVNULL)
        server, base = start([args.jinfu, "--db", "sqlite:" + demo, "--threads", "2", "--log-level", "warn", "serve",
                              "--listen", "127.0.0.1:0"], os.path.join(work, "serve.out"))
        bare, bare_url = start([args.bare, "0", "2"], os.path.join(work, "bare.out"))
        try:
            req = urllib.request.Request(base + "/api/v1/auth/login", method="POST",
                                         data=json.dumps({"username": "demo-enterprise-staff",
                                                          "password": "Bench-Pass-2026!"}).encode(),
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req) as r:
                cookie = r.headers["Set-Cookie"].split(";")[0]
            # The enterprise user's search finds only its own enterprise.
            mine = json.load(urllib.request.urlopen(urllib.request.Request(base + "/api/v1/enterprises?pageSize=1",
                                                                           headers={"Cookie": cookie})))
            eid = mine["items"][0]["id"]
            url = base + "/api/v1/credit/enterprises/%d/score" % eid
            results = {}
            for label, conns in [("1 connection", 1), ("16 connections", 16)]:
                b = wrk(bare_url + "/", conns, args.duration)
                s = results[conns] = wrk(url, conns, args.duration, "Cookie: " + cookie)
                print("  %-15s score: %7.0f req/s  p50 %6.2f ms  p99 %6.2f ms   bare: %7.0f req/s  p99 %5.2f ms   "
                      "ratio (p99) %.0f×%s" % (label, s["rps"], s["p50"], s["p99"], b["rps"], b["p99"],
                                              s["p99"] / max(b["p99"], 0.01),
                                              "   errors %d" % s["errors"] if s["errors"] else ""))
            print("  target: p99 under 5 ms with one connection: %s" % ("met" if results[1]["p99"] < 5 else "missed"))
        finally:
            server.terminate()
            bare.terminate()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
