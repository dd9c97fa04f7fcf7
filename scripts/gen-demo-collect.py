#!/usr/bin/env python3
"""Writes the demo's collection files (data/demo/collect/*.csv) from data/demo/enterprises.csv.

Each file is what one department would hand over, in that department's own column names:
registration data from 市场监管局, monthly tax from 税务局, social insurance from 人社局, housing
fund from 公积金中心, electricity from 供电公司, court records from 焦作中院, and penalties,
abnormal-list entries, IP and honours. `jinfu demo` imports them through the real importer, so
the demo's facts carry provenance like any other. A few rows are deliberately wrong (a bad check
character, an impossible date, a USCC of no registered enterprise) so that the demo's batches
show quarantined rows with their reasons.

Deterministic: the same enterprises give the same files. Run from the repository root:
    python3 scripts/gen-demo-collect.py
"""
import csv
import datetime
import io
import os
import random

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEMO = os.path.join(ROOT, "data", "demo")
OUT = os.path.join(DEMO, "collect")

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅玉兰晓东文博宇航子涵浩然思远嘉怡雨桐梓萱"

MONTHS = [(y, m) for y in (2025, 2026) for m in range(1, 13) if (y, m) <= (2026, 10)]
ENTITY_TYPE = {"1": "有限责任公司", "2": "个体工商户", "3": "农民专业合作社"}
STATUS_ZH = {"operating": "存续（在业）", "revoked": "吊销，未注销", "cancelled": "注销", "moved_out": "迁出"}


def person(rng):
    given = rng.choice(GIVEN)
    if rng.random() < 0.6:
        given += rng.choice(GIVEN)
    return rng.choice(SURNAMES) + given


def mobile(rng):
    return rng.choice(["138", "139", "150", "151", "186", "187", "135", "137"]) + "%08d" % rng.randrange(10 ** 8)


def wan(fen):
    return "%.2f" % (int(fen) / 1_000_000)


def yuan(fen):
    return "%.2f" % (int(fen) / 100)


def write(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    print("wrote %-26s %6d rows" % (name, len(rows)))


def main():
    rng = random.Random(20261127)
    with open(os.path.join(DEMO, "enterprises.csv"), encoding="utf-8", newline="") as f:
        ents = list(csv.DictReader(f))
    os.makedirs(OUT, exist_ok=True)
    operating = [e for e in ents if e["status"] == "operating"]

    # 登记注册 — the market regulator's register, with the people behind each entity.
    reg = []
    for e in ents:
        kind = e["uscc"][1]
        reg.append([e["uscc"], e["name"], ENTITY_TYPE.get(kind, "有限责任公司"), STATUS_ZH[e["status"]],
                    person(rng), wan(e["registered_capital_fen"]), e["established_on"],
                    e["address"], e["region_code"], e["industry_section"] + e["industry_division"],
                    e["park_name"], e["employees"], wan(e["annual_revenue_fen"]) if e["annual_revenue_fen"] else "",
                    wan(e["total_assets_fen"]) if e["total_assets_fen"] else "", person(rng), mobile(rng)])
    write("registration.csv",
          ["统一社会信用代码", "企业名称", "企业类型", "登记状态", "法定代表人", "注册资本（万元）", "成立日期", "住所",
           "行政区划代码", "行业代码", "所属园区", "从业人员", "营业收入（万元）", "资产总额（万元）", "联系人", "联系电话"],
          reg)

    # 纳税 — monthly tax paid in 元, with the yearly 纳税信用等级 on each row.
    tax = []
    grade = {e["uscc"]: rng.choices("ABMCD", weights=[40, 35, 15, 7, 3])[0] for e in operating}
    for e in operating:
        revenue = int(e["annual_revenue_fen"] or 0)
        monthly = max(revenue // 12 // 40, 50_000)  # about 2.5 % of revenue, at least 500 元
        trend = rng.uniform(-0.02, 0.03)
        for i, (y, m) in enumerate(MONTHS):
            paid = int(monthly * (1 + trend) ** i * rng.uniform(0.7, 1.3))
            tax.append([e["uscc"], e["name"], "%d-%02d" % (y, m), yuan(paid), grade[e["uscc"]]])
    # What departments really send: a mistyped code, an impossible month, a firm not registered here.
    tax.append([operating[0]["uscc"][:17] + ("0" if operating[0]["uscc"][17] != "0" else "1"), operating[0]["name"],
                "2026-10", "1200.00", "A"])
    tax.append([operating[1]["uscc"], operating[1]["name"], "2026-13", "800.00", "B"])
    tax.append(["91410800MA9XXXXX0Y", "焦作市不存在商贸有限公司", "2026-10", "300.00", "B"])
    write("tax.csv", ["纳税人识别号", "纳税人名称", "所属期", "实缴税额（元）", "纳税信用等级"], tax)

    # 社保 — insured headcount per month; a few firms fall into arrears.
    si = []
    for e in operating:
        staff = int(e["employees"] or 5)
        insured = max(1, int(staff * rng.uniform(0.7, 1.0)))
        owes = rng.random() < 0.06
        for i, (y, m) in enumerate(MONTHS):
            insured = max(1, insured + rng.choice([-1, 0, 0, 0, 1]))
            if (y, m) == (2026, 8):
                continue  # the month 人社局 never sent: the timeliness report shows it missing
            arrears = owes and i >= len(MONTHS) - 3
            si.append([e["uscc"], "%d年%d月" % (y, m), insured,
                       yuan(insured * 120_000) if arrears else "", (i - (len(MONTHS) - 3) + 1) if arrears else ""])
    write("social_insurance.csv", ["统一社会信用代码", "费款所属期", "参保人数", "欠费金额（元）", "欠费月数"], si)

    # 公积金 — fewer firms deposit for their staff.
    hf = []
    for e in operating:
        if rng.random() < 0.45:
            continue
        count = max(1, int(int(e["employees"] or 5) * rng.uniform(0.3, 0.9)))
        for y, m in MONTHS:
            hf.append([e["uscc"], "%d%02d" % (y, m), count, ""])
    write("housing_fund.csv", ["单位统一社会信用代码", "缴存年月", "缴存人数", "欠缴金额（元）"], hf)

    # 水电气 — electricity bills from the grid company.
    ut = []
    for e in operating:
        base = max(int(e["employees"] or 5) * 30_000, 20_000)
        for y, m in MONTHS:
            ut.append([e["uscc"], "%d/%d" % (y, m), "电费", yuan(int(base * rng.uniform(0.8, 1.25))), ""])
    write("utilities.csv", ["统一社会信用代码", "账期", "类别", "缴费金额（元）", "欠费金额（元）"], ut)

    # 行政处罚 — a handful, mostly minor.
    pen = []
    for i, e in enumerate(rng.sample(operating, 9)):
        day = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(1000))
        severity = rng.choices(["轻微", "一般", "严重"], weights=[5, 3, 1])[0]
        pen.append([e["uscc"], "焦市监罚〔%d〕%d号" % (day.year, 100 + i), day.strftime("%Y年%-m月%-d日"),
                    "焦作市市场监督管理局", rng.choice(["未按规定公示年度报告", "产品标识不规范", "虚假宣传",
                                                   "未取得许可从事经营活动"]),
                    severity, yuan(rng.choice([200_000, 500_000, 1_000_000, 3_000_000]))])
    write("penalty.csv", ["统一社会信用代码", "处罚决定书文号", "处罚决定日期", "处罚机关", "违法事实", "违法程度",
                          "罚款金额（元）"], pen)

    # 司法 — court enforcement; two firms are on the dishonest-debtor list.
    jud = []
    for i, e in enumerate(rng.sample(operating, 6)):
        day = datetime.date(2023, 6, 1) + datetime.timedelta(days=rng.randrange(1200))
        kind = "失信被执行人" if i < 2 else rng.choice(["被执行", "判决"])
        jud.append([e["uscc"], "（%d）豫08执%d号" % (day.year, 300 + i), kind, day.strftime("%Y%m%d"),
                    yuan(rng.choice([5_000_000, 12_000_000, 30_000_000])), rng.choice(["未结", "已结"])])
    write("judicial.csv", ["被执行人统一社会信用代码", "案号", "案件类型", "立案日期", "涉案金额（元）", "结案状态"], jud)

    # 经营异常名录 — firms that did not file their annual report.
    ab = []
    for e in rng.sample(operating, 5):
        day = datetime.date(2025, 7, 1) + datetime.timedelta(days=rng.randrange(120))
        ab.append([e["uscc"], "经营异常名录", "未按照规定期限公示年度报告", day.isoformat(), "",
                   "焦作市市场监督管理局"])
    write("abnormal_list.csv", ["统一社会信用代码", "名录类型", "列入原因", "列入日期", "移出日期", "作出决定机关"], ab)

    # 知识产权 — patents and trademarks of the manufacturing and tech firms.
    ip = []
    tech = [e for e in operating if e["industry_section"] in ("C", "I", "M")]
    for e in rng.sample(tech, min(40, len(tech))):
        for j in range(rng.randint(1, 4)):
            kind = rng.choices(["发明专利", "实用新型", "外观设计", "商标", "软件著作权"], weights=[2, 4, 1, 2, 2])[0]
            day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2400))
            number = "ZL%d%07d.%d" % (day.year, rng.randrange(10 ** 7), rng.randrange(10))
            ip.append([e["uscc"], kind, number, "一种%s" % rng.choice(["智能检测装置", "节能控制系统", "高效换热器",
                                                                  "数据采集终端", "精密夹具"]),
                       day.isoformat(), ""])
    write("ip.csv", ["权利人统一社会信用代码", "知识产权类型", "登记号", "知识产权名称", "授权日期", "质押金额（元）"], ip)

    # 资质荣誉 — 高新技术企业 and 专精特新 recognitions.
    hon = []
    for e in rng.sample(tech, min(25, len(tech))):
        kind = rng.choices(["高新技术企业", "专精特新中小企业", "科技型中小企业", "专精特新\"小巨人\""],
                           weights=[5, 3, 4, 1])[0]
        level = {"高新技术企业": "国家级", "专精特新\"小巨人\"": "国家级"}.get(kind, rng.choice(["省级", "市级"]))
        day = datetime.date(2022, 10, 1) + datetime.timedelta(days=rng.randrange(1100))
        hon.append([e["uscc"], kind, level, "GR%d%08d" % (day.year, rng.randrange(10 ** 8)), day.isoformat(),
                    (day + datetime.timedelta(days=3 * 365)).isoformat()])
    write("honour.csv", ["统一社会信用代码", "资质类型", "级别", "证书编号", "认定日期", "有效期至"], hon)


if __name__ == "__main__":
    main()
