#!/usr/bin/env python3
"""The 融资对接 benchmarks through the HTTP API (called by scripts/bench; runnable alone).

    bench/finance_market.py --jinfu build/release/jinfu --bare build/release/bench/bare_server \
        [--pg postgresql://…]

On a fresh database (`jinfu demo --registry-only`: organisations, the registry, the demo users) with
five published products of four banks, created through the API:

1. 商机: a bank's opportunities over BENCH_FINANCE_DEMANDS (default 100 000) open demands of the pool —
   GET /api/v1/finance/demands?view=opportunities&page=1&pageSize=20 as the demo bank manager (cookie
   session), with wrk (bench/registry_search.lua, one fixed path) for BENCH_DURATION (10 s) at one
   connection and at 16, beside the bare Beast endpoint. The demands are written with SQL in one
   transaction (SQLite) or with \\copy (PostgreSQL), not through 100 000 API calls, with realistic
   amounts, terms, purposes and urgencies, spread over the registry's enterprises; `demand_matches`
   (which published products fit which open demands, what publishing computes) is filled with one
   INSERT … SELECT by amount and term range — every product takes 信用 as guarantee and every demand
   offers it, and the products carry no other rules. Target: p99 < 50 ms.
2. 申请 → 授信 → 放款: concurrent clients (processes, one keep-alive connection each), each repeating
   one whole flow: an enterprise user POSTs a demand with productId (定向申请 to a published product
   with no rules beyond amount and term), then that product's bank POSTs the commands accept,
   start_review, approve {amountFen, rateBp 385, termMonths 12, validUntil a month ahead},
   sign_contract {contractNo} and disburse {amountFen, onDate today in Shanghai} — six requests.
   Eight enterprises (the demo one and seven more whose users are copied from the demo user with
   SQL) and four banks take turns. Cookie sessions with the X-CSRF-Token header, as the web client
   does. Measured at 1 and 8 concurrent flows for BENCH_DURATION: flows/s, per-request p50/p99,
   per-flow p99, beside the same client sending six requests per "flow" to the bare endpoint.
   Every answer is checked (status, state reached); an unexpected one stops the run.

With --pg the same runs on a database created (and dropped) in that PostgreSQL cluster. Nothing
is asserted about timing. The server runs 2 threads with --sweep-interval 0 (no background sweep).
BENCH_FINANCE_DB=path keeps (or reuses) the SQLite database of part 1 (the flows add to it).
"""

import argparse
import csv
import datetime
import http.client
import json
import multiprocessing
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "Bench-Pass-2026!"
SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))

# Banks with products (organisation ids are looked up by name) and what they publish. The first bank
# is the demo bank users' (工商银行焦作分行): its 商机 are measured.
PRODUCTS = [
    ("工商银行焦作分行", "税易贷", "tax", 50_0000_00, 500_0000_00, 6, 36),
    ("工商银行焦作分行", "科创贷", "credit", 300_0000_00, 2000_0000_00, 12, 60),
    ("农业银行焦作分行", "惠农e贷", "credit", 10_0000_00, 300_0000_00, 3, 24),
    ("中国银行焦作分行", "中银企E贷", "credit", 100_0000_00, 1000_0000_00, 6, 36),
    ("建设银行焦作分行", "云税贷", "tax", 20_0000_00, 300_0000_00, 1, 12),
]
FLOW_BANKS = ["工商银行焦作分行", "农业银行焦作分行", "中国银行焦作分行", "建设银行焦作分行"]
PURPOSES = ["采购原材料", "补充流动资金", "购置生产设备", "支付员工工资", "扩大生产规模", "研发投入", "偿还到期贷款",
            "厂房装修改造", "订单备货", "技术改造升级"]
URGENCIES = ["normal"] * 6 + ["urgent"] * 3 + ["very_urgent"]
TERMS = [3, 6, 6, 12, 12, 12, 12, 24, 24, 36, 60]
# 万元, weighted towards small loans as the pool of a prefecture would be.
AMOUNTS_WAN = [10, 20, 30, 50, 50, 80, 100, 100, 150, 200, 200, 300, 500, 500, 800, 1000, 1500, 2000, 3000]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def start(argv, out_path, env=None):
    out = open(out_path, "w")
    p = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env)
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


def stop(p):
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()


def wrk(url, connections, duration, header=None):
    """wrk with bench/registry_search.lua on one fixed path: {rps, p50, p99, errors}."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as q:
        q.write("\n")
    parts = urllib.parse.urlsplit(url)
    env = dict(os.environ, QUERIES=q.name, SEARCH_PATH=parts.path + ("?" + parts.query if parts.query else ""))
    argv = ["wrk", "-t%d" % min(2, connections), "-c%d" % connections, "-d%s" % duration, "--timeout", "10s",
            "-s", os.path.join(HERE, "registry_search.lua")]
    if header:
        argv += ["-H", header]
    out = subprocess.run(argv + ["%s://%s" % parts[:2]], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    os.unlink(q.name)
    n, rps, p50, p90, p99, mx, errors = next(l for l in out.splitlines() if l.startswith("RESULT ")).split()[1:]
    return {"requests": int(n), "rps": float(rps), "p50": float(p50), "p99": float(p99), "max": float(mx),
            "errors": int(errors)}


def settle(base, limit=120):
    """Waits until the server answers /healthz within 50 ms: requests wrk left queued when it stopped
    would otherwise delay whatever is measured next."""
    c = Client(base)
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        t = time.monotonic()
        c.call("GET", "/healthz")
        if time.monotonic() - t < 0.05:
            return
        time.sleep(0.2)


# ---- the database ----

class Db:
    """The SQL side of the set-up: SQLite through the sqlite3 module, PostgreSQL through psql."""

    def __init__(self, url):
        self.url = url
        self.pg = url.startswith("postgresql:")
        self.path = None if self.pg else url[len("sqlite:"):]

    def script(self, sql):
        if self.pg:
            subprocess.run(["psql", self.url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                           stdout=subprocess.DEVNULL)
        else:
            con = sqlite3.connect(self.path)
            con.executescript(sql)
            con.close()

    def rows(self, sql):
        if self.pg:
            out = subprocess.run(["psql", self.url, "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                                  "-c", sql], check=True, stdout=subprocess.PIPE, text=True).stdout
            return [tuple(line.split("\t")) for line in out.splitlines() if line]
        con = sqlite3.connect(self.path)
        out = [tuple(str(v) for v in r) for r in con.execute(sql).fetchall()]
        con.close()
        return out


def quote(s):
    return "'" + s.replace("'", "''") + "'"


def add_users(db):
    """Seven more enterprises with a staff user each, and a manager for each bank of FLOW_BANKS that
    has none: copies of the demo users (same password hash) written with SQL."""
    (ent_hash, changed), = db.rows("SELECT password_hash, password_changed_at FROM users "
                                   "WHERE username = 'demo-enterprise-staff'")
    (bank_hash,), = db.rows("SELECT password_hash FROM users WHERE username = 'demo-bank-manager'")
    ents = db.rows("SELECT uscc, name, region_code FROM enterprises WHERE status = 'operating' AND uscc NOT IN "
                   "(SELECT uscc FROM organisations WHERE uscc IS NOT NULL) AND name NOT IN "
                   "(SELECT name FROM organisations) ORDER BY id LIMIT 7")
    now = "2026-11-27T09:00:00.000+08:00"
    sql = ["BEGIN;"]
    users = ["demo-enterprise-staff"]
    for i, (uscc, name, region) in enumerate(ents, 1):
        sql.append("INSERT INTO organisations (kind, name, short_name, region_code, created_at, uscc) VALUES "
                   "('enterprise', %s, NULL, %s, %s, %s);" % (quote(name), quote(region), quote(now), quote(uscc)))
        user = "bench-enterprise-%d" % i
        sql.append("INSERT INTO users (organisation_id, username, display_name, password_hash, password_changed_at, "
                   "roles, created_at, updated_at) SELECT id, %s, %s, %s, %s, 'enterprise-staff', %s, %s "
                   "FROM organisations WHERE uscc = %s;" % (quote(user), quote(user), quote(ent_hash), quote(changed),
                                                           quote(now), quote(now), quote(uscc)))
        users.append(user)
    banks = {}
    for i, bank in enumerate(FLOW_BANKS):
        if bank == "工商银行焦作分行":
            banks[bank] = "demo-bank-manager"
            continue
        user = "bench-bank-%d" % i
        sql.append("INSERT INTO users (organisation_id, username, display_name, password_hash, password_changed_at, "
                   "roles, created_at, updated_at) SELECT id, %s, %s, %s, %s, 'bank-manager', %s, %s "
                   "FROM organisations WHERE name = %s AND kind = 'bank';" % (
                       quote(user), quote(user), quote(bank_hash), quote(changed), quote(now), quote(now),
                       quote(bank)))
        banks[bank] = user
    sql.append("COMMIT;")
    db.script("\n".join(sql))
    return users, banks


def seed_demands(db, n, work, enterprise_ids, user_id):
    """n open demands of the pool, then demand_matches: seconds taken."""
    rng = random.Random(2026)
    t = time.monotonic()
    start_day = datetime.date(2026, 8, 1)
    rows = []
    for i in range(n):
        day = start_day + datetime.timedelta(days=i * 118 // n)
        at = "%sT%02d:%02d:%02d.000+08:00" % (day.isoformat(), 8 + i % 10, i % 60, (i * 7) % 60)
        guarantees = ["credit"] + (["mortgage"] if i % 5 == 0 else []) + (["guarantee"] if i % 7 == 0 else [])
        spec = json.dumps({"guarantees": guarantees, "preferredBankIds": [], "contactName": "联系人%d" % (i % 500),
                           "contactPhone": "1380391%04d" % (i % 10000)}, ensure_ascii=False, separators=(",", ":"))
        rows.append((enterprise_ids[rng.randrange(len(enterprise_ids))], rng.choice(AMOUNTS_WAN) * 1_0000_00,
                     rng.choice(TERMS), rng.choice(PURPOSES), rng.choice(URGENCIES), spec, "pool", "open", user_id, at,
                     day.isoformat(), day.isoformat()))
    cols = ("enterprise_id, amount_fen, term_months, purpose, urgency, spec, mode, status, published_by, published_at, "
            "published_on, open_since")
    if db.pg:
        path = os.path.join(work, "demands.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
        subprocess.run(["psql", db.url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                        "\\copy demands (%s) FROM '%s' CSV" % (cols, path)], check=True)
    else:
        con = sqlite3.connect(db.path)
        with con:
            con.executemany("INSERT INTO demands (%s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" % cols, rows)
        con.close()
    db.script("INSERT INTO demand_matches (demand_id, product_id, bank_id) "
              "SELECT d.id, p.id, p.bank_id FROM demands d JOIN products p ON p.status = 'published' "
              "AND d.amount_fen BETWEEN p.min_amount_fen AND p.max_amount_fen "
              "AND d.term_months BETWEEN p.min_term_months AND p.max_term_months WHERE d.status = 'open'")
    if db.pg:
        db.script("VACUUM ANALYZE")  # what autovacuum does shortly after a load this size
    return time.monotonic() - t


# ---- HTTP ----

class Client:
    """One keep-alive connection; cookie session with the CSRF header on writes."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookie = self.csrf = None

    def call(self, method, path, body=None):
        headers = {}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(body)
        if self.csrf and method != "GET":
            headers["X-CSRF-Token"] = self.csrf
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                r = self.conn.getresponse()
                data = r.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        return r.status, r.getheader("Set-Cookie"), data

    def login(self, username):
        status, cookie, data = self.call("POST", "/api/v1/auth/login", {"username": username, "password": PASSWORD})
        if status != 200:
            raise SystemExit("login %s: %d %s" % (username, status, data[:300]))
        self.cookie = cookie.split(";")[0]
        self.csrf = json.loads(data)["csrfToken"]
        return self

    def ok(self, method, path, body=None, expect=(200, 201)):
        status, _, data = self.call(method, path, body)
        if status not in expect:
            raise RuntimeError("%s %s → %d %s" % (method, path, status, data[:400].decode("utf-8", "replace")))
        return json.loads(data) if data else None


def create_products(base, banks):
    """The products of PRODUCTS, created and published by each bank's manager: {bank: [product id…]}."""
    out = {}
    clients = {}
    for bank, name, kind, lo, hi, tmin, tmax in PRODUCTS:
        c = clients.get(bank) or clients.setdefault(bank, Client(base).login(banks[bank]))
        p = c.ok("POST", "/api/v1/finance/products", {
            "name": name, "kind": kind, "description": "基准测试产品", "minAmountFen": lo, "maxAmountFen": hi,
            "minTermMonths": tmin, "maxTermMonths": tmax, "rateKind": "fixed", "minRateBp": 300, "maxRateBp": 600,
            "repayment": ["equal_installment", "interest_first"], "guarantees": ["credit"], "approvalWorkdays": 5})
        c.ok("POST", "/api/v1/finance/products/%d/publish" % p["id"])
        out.setdefault(bank, []).append(p["id"])
    return out


# ---- part 2: the flows ----

STEPS = ["apply", "accept", "start_review", "approve", "sign_contract", "disburse"]


def flow_worker(args):
    """One process: repeats whole flows until the deadline. Returns (per-step latencies, flow times, error)."""
    base, ent, bank, product, amount, seconds, bare, seq = args
    lat = {s: [] for s in STEPS}
    flows = []
    today = datetime.datetime.now(SHANGHAI).date()
    valid = (today + datetime.timedelta(days=31)).isoformat()
    try:
        if bare:
            c = Client(base)
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                t0 = time.monotonic()
                for s in STEPS:
                    t = time.monotonic()
                    status, _, _ = c.call("GET", "/")
                    if status != 200:
                        raise RuntimeError("bare: %d" % status)
                    lat.setdefault(s, []).append(time.monotonic() - t)
                flows.append(time.monotonic() - t0)
            return lat, flows, None
        e = Client(base)
        e.cookie, e.csrf = ent
        b = Client(base)
        b.cookie, b.csrf = bank
        n = 0
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            n += 1
            t0 = time.monotonic()
            t = t0
            d = e.ok("POST", "/api/v1/finance/demands", {
                "amountFen": amount, "termMonths": 12, "purpose": "采购原材料", "urgency": "normal",
                "guarantees": ["credit"], "productId": product, "contactName": "张三", "contactPhone": "13800000000"},
                expect=(201,))
            lat["apply"].append(time.monotonic() - t)
            app = d["applicationId"]
            if not app:
                raise RuntimeError("no application for demand %s" % d["id"])
            path = "/api/v1/finance/applications/%d/commands" % app
            for step, body in [("accept", {}), ("start_review", {}),
                               ("approve", {"amountFen": amount, "rateBp": 385, "termMonths": 12, "validUntil": valid}),
                               ("sign_contract", {"contractNo": "HT-%d-%d-%d" % (seq, n, app)}),
                               ("disburse", {"amountFen": amount, "onDate": today.isoformat()})]:
                body["command"] = step
                t = time.monotonic()
                a = b.ok("POST", path, body)
                lat[step].append(time.monotonic() - t)
            if a["state"] != "disbursed" or a["disbursedFen"] != amount:
                raise RuntimeError("application %d ended in %s, disbursed %s" % (app, a["state"], a["disbursedFen"]))
            flows.append(time.monotonic() - t0)
        return lat, flows, None
    except Exception as ex:  # reported by the parent
        return lat, flows, str(ex)


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))] * 1000


def run_flows(base, sessions, concurrency, seconds, bare=False):
    ents, banks = sessions
    jobs = []
    for i in range(concurrency):
        bank, product, bsession = banks[i % len(banks)]
        jobs.append((base, ents[i % len(ents)], bsession, product, (100 + 10 * (i % 5)) * 1_0000_00, seconds, bare, i))
    t = time.monotonic()
    with multiprocessing.Pool(concurrency) as pool:
        results = pool.map(flow_worker, jobs)
    wall = time.monotonic() - t
    errors = [r[2] for r in results if r[2]]
    if errors:
        raise SystemExit("flow failed: %s" % errors[0])
    per_step = {}
    for lat, _, _ in results:
        for s, v in lat.items():
            per_step.setdefault(s, []).extend(v)
    every = [v for vs in per_step.values() for v in vs]
    flows = [f for _, fl, _ in results for f in fl]
    return {"flows": len(flows), "fps": len(flows) / seconds, "rps": len(every) / seconds, "p50": pct(every, 50),
            "p99": pct(every, 99), "flow_p50": pct(flows, 50), "flow_p99": pct(flows, 99),
            "steps": {s: (pct(v, 50), pct(v, 99)) for s, v in per_step.items()}, "wall": wall}


# ---- the benchmark on one database ----

def bench(args, db_url, label, work, bare_url):
    db = Db(db_url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("JINFU_")}
    env["JINFU_DEMO_PASSWORD"] = PASSWORD
    reuse = not db.pg and os.environ.get("BENCH_FINANCE_DB") and os.path.exists(db.path) and \
        db.rows("SELECT COUNT(*) FROM demands")[0][0] != "0"
    if not reuse:
        subprocess.run([args.jinfu, "--db", db_url, "demo", "--registry-only"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        users, banks = add_users(db)
    else:
        users = ["demo-enterprise-staff"] + ["bench-enterprise-%d" % i for i in range(1, 8)]
        banks = {b: ("demo-bank-manager" if i == 0 else "bench-bank-%d" % i) for i, b in enumerate(FLOW_BANKS)}
    server, base = start([args.jinfu, "--db", db_url, "--threads", "2", "--log-level", "warn", "serve", "--listen",
                          "127.0.0.1:0", "--sweep-interval", "0", "--web-root", os.path.join(work, "no-web")],
                         os.path.join(work, "serve-%s.out" % label), env)
    try:
        if not reuse:
            products = create_products(base, banks)
            ents = [int(r[0]) for r in db.rows("SELECT id FROM enterprises ORDER BY id")]
            (uid,), = db.rows("SELECT id FROM users WHERE username = 'demo-enterprise-staff'")
            secs = seed_demands(db, args.demands, work, ents, int(uid))
        else:
            products = {}
            for pid, bank in db.rows("SELECT p.id, o.name FROM products p JOIN organisations o ON o.id = p.bank_id "
                                     "WHERE p.status = 'published' ORDER BY p.id"):
                products.setdefault(bank, []).append(int(pid))
            secs = None
        (bank_id,), = db.rows("SELECT id FROM organisations WHERE name = '工商银行焦作分行'")
        (total,), = db.rows("SELECT COUNT(*) FROM demands WHERE status = 'open'")
        (mine,), = db.rows("SELECT COUNT(DISTINCT demand_id) FROM demand_matches WHERE bank_id = %s" % bank_id)
        (matches,), = db.rows("SELECT COUNT(*) FROM demand_matches")
        print("%s: %s open demands of %d enterprises%s; %s product matches; 工商银行焦作分行 (2 products): %s 商机 "
              "(%.0f %%)" % (label, total, len(db.rows("SELECT DISTINCT enterprise_id FROM demands")),
                            ", written in %.1f s" % secs if secs is not None else " (reused)", matches, mine,
                            100.0 * int(mine) / max(1, int(total))))

        # 1. 商机
        bank = Client(base).login("demo-bank-manager")
        path = "/api/v1/finance/demands?view=opportunities&page=1&pageSize=20"
        got = bank.ok("GET", path)
        if got["total"] != int(mine) or len(got["items"]) != 20:
            raise SystemExit("商机: total %s, %d items; expected %s and 20" % (got["total"], len(got["items"]), mine))
        print("\n1. 商机 GET %s as demo-bank-manager (total %d):" % (path, got["total"]))
        res = {}
        for conns in (1, 16):
            b = wrk(bare_url + "/", conns, args.duration)
            s = res[conns] = wrk(base + path, conns, args.duration, "Cookie: " + bank.cookie)
            label_c = "%d connection%s" % (conns, "s" if conns > 1 else "")
            if s["requests"] == 0:
                s["p99"] = float("inf")
                print("  %-15s 商机: no answer within %s   bare: %7.0f req/s  p99 %5.2f ms" % (
                    label_c, args.duration, b["rps"], b["p99"]))
            else:
                print("  %-15s 商机: %7.1f req/s  p50 %7.2f ms  p99 %7.2f ms   bare: %7.0f req/s  p99 %5.2f ms   "
                      "ratio (p99) %.0f×   (%d answers%s)" % (
                          label_c, s["rps"], s["p50"], s["p99"], b["rps"], b["p99"], s["p99"] / max(b["p99"], 0.01),
                          s["requests"], ", %d errors" % s["errors"] if s["errors"] else ""))
            settle(base)
        print("  target: p99 under 50 ms: one connection %s, 16 connections %s" % (
            "met" if res[1]["p99"] < 50 else "MISSED", "met" if res[16]["p99"] < 50 else "MISSED"))

        # 2. flows
        ent_sessions = []
        for u in users:
            c = Client(base).login(u)
            ent_sessions.append((c.cookie, c.csrf))
        bank_sessions = []
        for name in FLOW_BANKS:
            c = Client(base).login(banks[name])
            bank_sessions.append((name, products[name][0], (c.cookie, c.csrf)))
        sessions = (ent_sessions, bank_sessions)
        seconds = float(args.duration.rstrip("s"))
        print("\n2. 申请 → 受理 → 审批 → 授信 → 签约 → 放款, 6 requests per flow, %d enterprises, %d banks, %s per run:" % (
            len(ent_sessions), len(bank_sessions), args.duration))
        run_flows(base, sessions, 1, 1.0)  # warm-up: connections, statements, page cache
        for conc in (1, 8):
            b = run_flows(bare_url, sessions, conc, seconds, bare=True)
            f = run_flows(base, sessions, conc, seconds)
            print("  %d concurrent flow%s: %6.1f flows/s (%5.0f req/s)  request p50 %6.2f ms  p99 %7.2f ms  "
                  "flow p50 %7.1f ms  p99 %7.1f ms" % (conc, "s" if conc > 1 else " ", f["fps"], f["rps"], f["p50"],
                                                       f["p99"], f["flow_p50"], f["flow_p99"]))
            print("     same client, bare endpoint: %6.1f flows/s (%5.0f req/s)  request p99 %5.2f ms  flow p99 %5.2f ms"
                  "   ratio: %.3f of its flows/s, request p99 %.0f×" % (
                      b["fps"], b["rps"], b["p99"], b["flow_p99"], f["fps"] / b["fps"], f["p99"] / max(b["p99"], 0.01)))
            print("     per step p50/p99 ms: " + ", ".join("%s %.1f/%.1f" % (s, *f["steps"][s]) for s in STEPS))
        (apps,), = db.rows("SELECT COUNT(*) FROM applications WHERE state = 'disbursed'")
        print("  (%s applications disbursed in all)" % apps)
    finally:
        stop(server)


def main():
    ap = argparse.ArgumentParser(description="融资对接 benchmarks through the API")
    ap.add_argument("--jinfu", required=True)
    ap.add_argument("--bare", required=True)
    ap.add_argument("--pg", help="PostgreSQL URL of a throw-away cluster (a database is created and dropped)")
    ap.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    ap.add_argument("--demands", type=int, default=int(os.environ.get("BENCH_FINANCE_DEMANDS", 100_000)))
    ap.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "10s"))
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="jinfu-finance-bench.")
    bare, bare_url = start([args.bare, "0", "2"], os.path.join(work, "bare.out"))
    try:
        if not args.no_sqlite:
            bench(args, "sqlite:" + (os.environ.get("BENCH_FINANCE_DB") or os.path.join(work, "finance.db")),
                  "SQLite", work, bare_url)
        if args.pg:
            u = urllib.parse.urlsplit(args.pg)
            name = "jinfu_finance_%d" % os.getpid()
            admin = ["psql", args.pg, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c"]
            subprocess.run(admin + ["CREATE DATABASE %s" % name], check=True)
            try:
                print()
                bench(args, urllib.parse.urlunsplit(u._replace(path="/" + name)), "PostgreSQL", work, bare_url)
            finally:
                subprocess.run(admin + ["DROP DATABASE IF EXISTS %s WITH (FORCE)" % name])
    finally:
        stop(bare)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    main()
