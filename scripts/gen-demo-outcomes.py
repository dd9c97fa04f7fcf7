#!/usr/bin/env python3
"""Writes data/demo/credit/loan-outcomes.csv: invented loan outcomes for the demo enterprises, so
that an administrator can try `jinfu credit train --outcomes` on the demo.

Each enterprise gets loans observed on a few dates; whether a loan went overdue is drawn from a
logistic function of facts the platform holds about it (tax, arrears, penalties, courts), so the
trained card has something real to find. Reads a demo database made by `jinfu demo`.
Run: scripts/gen-demo-outcomes.py var/jinfu.db > data/demo/credit/loan-outcomes.csv
"""
import csv
import math
import random
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
rng = random.Random(20261127)
dates = ["2025-12-31", "2026-03-31", "2026-06-30", "2026-09-30"]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["统一社会信用代码", "观察日期", "结果"])
for (eid, uscc) in db.execute("SELECT id, uscc FROM enterprises ORDER BY id"):
    for d in dates:
        month = d[:7]
        tax = db.execute("SELECT COALESCE(SUM(json_extract(vals,'$.taxPaid')),0) FROM facts WHERE enterprise_id=? "
                         "AND category='tax' AND fact_date<=? AND fact_date>date(?, '-12 months')", (eid, d, d)).fetchone()[0]
        arrears = db.execute("SELECT COUNT(*) FROM facts WHERE enterprise_id=? AND category IN ('social_insurance',"
                             "'housing_fund','utilities') AND fact_date<=? AND fact_date>date(?, '-12 months') AND "
                             "COALESCE(json_extract(vals,'$.arrearsAmount'),0)>0", (eid, d, d)).fetchone()[0]
        bad_events = db.execute("SELECT COUNT(*) FROM facts WHERE enterprise_id=? AND category IN ('penalty','judicial',"
                                "'abnormal_list') AND fact_date<=?", (eid, d)).fetchone()[0]
        logit = 1.2 - 0.9 * math.log1p(tax / 1e6) + 0.8 * arrears + 1.5 * bad_events
        p = 1 / (1 + math.exp(-logit))
        if rng.random() < 0.85:  # not every enterprise borrows every quarter
            out.writerow([uscc, d, "逾期" if rng.random() < p else "结清"])
