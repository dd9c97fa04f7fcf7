#!/usr/bin/env python3
"""Synthetic 归集 (collection) files for the benchmarks and the kill test.

Standard library only, deterministic for a given seed (the same arguments always write the same
bytes). Every 统一社会信用代码 is SYNTHETIC: valid by GB 32100-2015 / GB 11714-1997 check rules,
derived from the enterprise's index, and not the code of any real organisation.

    gen_collect.py registration --count N OUT.csv
        The registration (登记注册) file of enterprises 0 … N-1: one row each, the header in Chinese
        as a 市场监管 export writes it. Names are 焦作市XX科技有限公司-like, drawn from a pool of
        common 字号 characters, unique within the file, so that name, pinyin and initials search
        behaves as on real data. Use it for the 100 000-enterprise registry of the import
        benchmark and for the 1 000 000-name set of the search benchmark (the first N rows of a
        bigger file are the same enterprises as a smaller file).

    gen_collect.py tax --enterprises N --rows M OUT.csv
        A tax (纳税) file with M rows: monthly periods (所属期) for enterprises 0 … N-1, period by
        period (as a tax bureau exports one month after another), header
        统一社会信用代码,所属期,纳税额（元）,纳税信用等级. About 2 % of the rows are bad, in four
        equal shares: a wrong check character, an impossible period (month 13), an amount that
        is not a number, and an enterprise not in the registry (a valid code beyond N). The
        expected counts are printed to stderr as JSON (and written with --expect FILE).

Options: --seed S (default 20261127), --bad-share F (tax, default 0.02).
"""

import argparse
import csv
import json
import random
import sys

DEFAULT_SEED = 20261127

# ------------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997): the same functions as
# scripts/gen-demo-data.py (copied: that file's name is not importable and it writes on import
# of its main only, but copying keeps this script standing alone).
# ------------------------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, S, V, Z
USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_char_value(ch):
    if "0" <= ch <= "9":
        return ord(ch) - ord("0")
    return ord(ch) - ord("A") + 10


def org_check_char(body8):
    total = sum(org_char_value(c) * w for c, w in zip(body8, ORG_WEIGHTS))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def uscc_check_char(first17):
    total = sum(USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_is_valid(code):
    if len(code) != 18 or any(c not in USCC_VALUE for c in code):
        return False
    return org_check_char(code[8:16]) == code[16] and uscc_check_char(code[:17]) == code[17]


assert uscc_check_char("91440300192203821") == "6"
assert org_check_char("19220382") == "1"

# The county-level divisions of 焦作市 (GB/T 2260) with their share of enterprises.
REGIONS = [("410871", 30), ("410811", 12), ("410802", 10), ("410803", 5), ("410804", 5),
           ("410821", 6), ("410822", 6), ("410823", 8), ("410825", 6), ("410882", 6),
           ("410883", 6)]
REGION_PREFIX = {"410871": "焦作", "410811": "焦作市", "410802": "焦作市", "410803": "焦作市",
                 "410804": "焦作市", "410821": "修武县", "410822": "博爱县", "410823": "武陟县",
                 "410825": "温县", "410882": "沁阳市", "410883": "孟州市"}

# Enterprise i has the body (organisation code) MULT·i + OFFSET mod 10^8: a bijection (MULT is
# odd and not a multiple of 5), so codes are unique and look scattered.
MULT, OFFSET = 48271, 31415926


def region_of(i):
    """The region of enterprise i: a fixed function of i, weighted by REGIONS."""
    total = sum(w for _, w in REGIONS)
    x = (i * 2654435761) % total
    for code, w in REGIONS:
        if x < w:
            return code
        x -= w
    return REGIONS[-1][0]


def uscc_of(i, kind="1"):
    body8 = "%08d" % ((i * MULT + OFFSET) % 100_000_000)
    first17 = "9" + kind + region_of(i) + body8 + org_check_char(body8)
    return first17 + uscc_check_char(first17)


def unknown_uscc(j):
    """A valid code that no registered enterprise has (kind 2: 个人独资企业 … never generated)."""
    return uscc_of(j, kind="2")


# ------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------

# Common 字号 characters of company names (about 130, several of them polyphonic as in life).
ZIHAO = ("天宝恒祥鑫源泰华瑞丰盛达通博宏伟嘉诚信德安康永昌金龙凤海润晨光明辉星宇腾飞翔新兴旺福顺利和平正"
         "中原豫太山阳怀川峰林森江河东方南北西晶锦绣力志远卓越智慧云创百万千佳美怡欣悦荣耀鼎坤乾铭凯旭"
         "振豪聚合众鸿运亿隆富贵吉益民瀚泽浩宁静松桓嵩宸钰琪璟骏驰航舜禹尧汇融沁覃蓝图晟昊赛")
# 行业表述 with the GB/T 4754 code the enterprise is registered under.
TRADES = [("科技", "I6513"), ("机械", "C3432"), ("电子", "C3973"), ("新材料", "C2651"),
          ("商贸", "F5191"), ("建筑工程", "E4790"), ("食品", "C1490"), ("化工", "C2614"),
          ("汽车配件", "C3670"), ("物流", "G5990"), ("信息技术", "I6510"), ("生物科技", "M7340"),
          ("环保科技", "N7722"), ("光电科技", "C3976"), ("农业开发", "A0190"), ("实业", "F5199"),
          ("电气", "C3821"), ("制药", "C2720"), ("装饰工程", "E5010"), ("软件", "I6513"),
          ("能源", "D4430"), ("纺织", "C1713"), ("钢铁", "C3120"), ("包装", "C2231"),
          ("印刷", "C2319"), ("餐饮管理", "H6210"), ("医疗器械", "C3581"), ("精密铸造", "C3391")]
FORMS = [("有限公司", "limited_liability", 70), ("有限责任公司", "limited_liability", 18),
         ("股份有限公司", "joint_stock", 12)]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娥建国志海峰宏亮"
ROADS = ["人民路", "解放路", "山阳路", "塔南路", "丰收路", "世纪路", "中原路", "神州路", "迎宾路", "建设路"]


def weighted(rng, items, weight_index=-1):
    total = sum(it[weight_index] for it in items)
    x = rng.random() * total
    for it in items:
        x -= it[weight_index]
        if x < 0:
            return it
    return items[-1]


def registration_rows(count, seed):
    rng = random.Random(seed)
    seen = set()
    for i in range(count):
        region = region_of(i)
        trade, industry = TRADES[rng.randrange(len(TRADES))]
        form, entity, _ = weighted(rng, FORMS)
        prefix = REGION_PREFIX[region] if rng.random() < 0.85 else "河南"
        while True:  # a unique name: a 2–4 character 字号
            length = rng.choice((2, 2, 3, 3, 3, 4))
            zihao = "".join(rng.choice(ZIHAO) for _ in range(length))
            name = prefix + zihao + trade + form
            if name not in seen:
                seen.add(name)
                break
        established = "%04d-%02d-%02d" % (rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28))
        capital = rng.choice((50, 100, 200, 300, 500, 1000, 2000, 5000, 10000))
        employees = max(1, int(rng.lognormvariate(3.0, 1.2)))
        revenue = round(employees * rng.uniform(20, 120), 2)  # 万元
        assets = round(revenue * rng.uniform(0.5, 3.0), 2)
        status = "存续" if rng.random() < 0.93 else rng.choice(("吊销", "注销", "迁出"))
        legal = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        address = "%s%s%d号" % (REGION_PREFIX[region] if region != "410871" else "焦作市示范区",
                               rng.choice(ROADS), rng.randint(1, 2999))
        mobile = "1%d%09d" % (rng.choice((3, 5, 7, 8, 9)), rng.randrange(10**9))
        yield [uscc_of(i), name, entity, status, legal, str(capital), established, address, region,
               industry, str(employees), "%.2f" % revenue, "%.2f" % assets, legal, mobile]


REGISTRATION_HEADER = ["统一社会信用代码", "企业名称", "企业类型", "登记状态", "法定代表人", "注册资本（万元）",
                       "成立日期", "住所", "行政区划代码", "行业代码", "从业人员", "营业收入（万元）",
                       "资产总额（万元）", "联系人", "联系电话"]
ENTITY_ZH = {"limited_liability": "有限责任公司", "joint_stock": "股份有限公司"}


def write_registration(path, count, seed):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(REGISTRATION_HEADER)
        for row in registration_rows(count, seed):
            row[2] = ENTITY_ZH[row[2]]
            w.writerow(row)
    return {"rowsTotal": count, "rowsAccepted": count, "rowsQuarantined": 0}


# ------------------------------------------------------------------------------------------
# Tax
# ------------------------------------------------------------------------------------------

TAX_HEADER = ["统一社会信用代码", "所属期", "纳税额（元）", "纳税信用等级"]
GRADES = [("A", 30), ("B", 45), ("M", 15), ("C", 7), ("D", 3)]


def months_back(count, last=(2026, 10)):
    """`count` consecutive months ending with `last`, oldest first, as YYYY-MM."""
    y, m = last
    out = []
    for _ in range(count):
        out.append("%04d-%02d" % (y, m))
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out[::-1]


def write_tax(path, enterprises, rows, seed, bad_share):
    rng = random.Random(seed + 1)
    periods = months_back(-(-rows // enterprises))
    # Each enterprise's level of tax and grade, fixed across months.
    level = [rng.lognormvariate(9.5, 1.4) for _ in range(enterprises)]
    grade = [weighted(rng, GRADES)[0] for _ in range(enterprises)]
    counts = {"rowsTotal": rows, "rowsAccepted": 0, "rowsQuarantined": 0,
              "bad": {"checkChar": 0, "impossiblePeriod": 0, "notANumber": 0, "unknownEnterprise": 0}}
    kinds = list(counts["bad"])
    written = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(TAX_HEADER)
        for period in periods:
            for e in range(enterprises):
                if written == rows:
                    break
                written += 1
                uscc = uscc_of(e)
                amount = level[e] * rng.uniform(0.6, 1.4)
                cell = "%.2f" % amount
                if rng.random() < 0.05:
                    cell = "{:,.2f}".format(amount)  # as Excel shows it: 12,345.67
                g = grade[e] if rng.random() < 0.9 else grade[e] + "级"
                p = period
                if rng.random() < bad_share:
                    kind = kinds[rng.randrange(4)]
                    counts["bad"][kind] += 1
                    if kind == "checkChar":
                        uscc = uscc[:17] + USCC_ALPHABET[(USCC_VALUE[uscc[17]] + 1 + rng.randrange(30)) % 31]
                    elif kind == "impossiblePeriod":
                        p = period[:5] + "13"
                    elif kind == "notANumber":
                        cell = rng.choice(("约%d元" % amount, "%.2f元整" % amount, "待核实", "12.3.4", "#VALUE!"))
                    else:
                        uscc = unknown_uscc(e)
                    counts["rowsQuarantined"] += 1
                else:
                    counts["rowsAccepted"] += 1
                w.writerow([uscc, p, cell, g])
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="what", required=True)
    r = sub.add_parser("registration")
    r.add_argument("--count", type=int, required=True)
    r.add_argument("out")
    t = sub.add_parser("tax")
    t.add_argument("--enterprises", type=int, required=True)
    t.add_argument("--rows", type=int, required=True)
    t.add_argument("--bad-share", type=float, default=0.02)
    t.add_argument("out")
    for p in (r, t):
        p.add_argument("--seed", type=int, default=DEFAULT_SEED)
        p.add_argument("--expect", help="write the expected batch counts (JSON) to this file")
    a = ap.parse_args(argv)
    if a.what == "registration":
        counts = write_registration(a.out, a.count, a.seed)
    else:
        if a.rows < 1 or a.enterprises < 1:
            ap.error("--rows and --enterprises must be positive")
        counts = write_tax(a.out, a.enterprises, a.rows, a.seed, a.bad_share)
    text = json.dumps(counts, ensure_ascii=False)
    if a.expect:
        with open(a.expect, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(text, file=sys.stderr)


if __name__ == "__main__":
    main()
