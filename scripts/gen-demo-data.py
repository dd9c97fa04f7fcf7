#!/usr/bin/env python3
"""Generate the demo data of jinfu (企业融资公共服务平台, 焦作城乡一体化示范区 / 焦作高新区).

Developer tool, run by hand from anywhere:

    python3 scripts/gen-demo-data.py

It writes data/demo/organisations.csv and data/demo/enterprises.csv (UTF-8, no BOM,
"\\n" line ends, header row, RFC 4180 quoting only where needed). The output is
committed; the platform never runs this script. Standard library only; the output is
deterministic (fixed seed, no dependence on set/dict ordering of unordered input).

Inputs (inside the repository): data/reference/jiaozuo-divisions.csv (GB/T 2260 and
NBS codes of 焦作市) and data/reference/gbt4754-sections.csv (GB/T 4754-2017 sections).

All 统一社会信用代码 written here are SYNTHETIC. They are valid by GB 32100-2015 /
GB 11714-1997 check rules but are not the real codes of any organisation, including
the four real companies named by the local press. All figures and addresses are
invented as well.
"""

import csv
import datetime
import io
import math
import os
import random

SEED = 20210520  # the date of the zone's 111th matchmaking meeting

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_DIR = os.path.join(ROOT, "data", "demo")
REF_DIR = os.path.join(ROOT, "data", "reference")

N_ENTERPRISES = 200

# --------------------------------------------------------------------------------------
# 统一社会信用代码 (GB 32100-2015) and 组织机构代码 (GB 11714-1997)
# --------------------------------------------------------------------------------------

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 symbols: no I, O, S, V, Z
USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 3^(i-1) mod 31, i = 1..17
assert USCC_WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]


def org_char_value(ch):
    """GB 11714 value: digits 0-9, letters by the FULL alphabet A=10 ... Z=35."""
    if "0" <= ch <= "9":
        return ord(ch) - ord("0")
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    raise ValueError("bad organisation code character %r" % ch)


def org_check_char(body8):
    """Check character (9th) of a 组织机构代码 over its first 8 characters."""
    assert len(body8) == 8
    total = sum(org_char_value(c) * w for c, w in zip(body8, ORG_WEIGHTS))
    c9 = 11 - total % 11
    if c9 == 10:
        return "X"
    if c9 == 11:
        return "0"
    return str(c9)


def uscc_check_char(first17):
    """Check character (18th) of a 统一社会信用代码 over its first 17 characters."""
    assert len(first17) == 17
    total = sum(USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS))
    c18 = 31 - total % 31
    if c18 == 31:
        c18 = 0
    return USCC_ALPHABET[c18]


def uscc_is_valid(code):
    if len(code) != 18 or any(c not in USCC_VALUE for c in code):
        return False
    if org_check_char(code[8:16]) != code[16]:
        return False
    return uscc_check_char(code[:17]) == code[17]


def make_uscc(dept, kind, region6, body8):
    org9 = body8 + org_check_char(body8)
    first17 = dept + kind + region6 + org9
    return first17 + uscc_check_char(first17)


# Worked examples of uscc.md, checked before anything is written.
assert org_check_char("19220382") == "1"
assert uscc_check_char("91440300192203821") == "6"
assert uscc_is_valid("914403001922038216")
assert uscc_check_char("91350100M000100Y4") == "3"
assert not uscc_is_valid("91350100M000100Y4Z")
assert org_check_char("M000100Y") == "4"

# --------------------------------------------------------------------------------------
# 中小企业划型标准规定 (工信部联企业〔2011〕300号)
# Bounds per indicator: (大型 lower bound, 中型 lower bound, 小型 lower bound).
# E = persons, R and A = 万元.
# --------------------------------------------------------------------------------------

SIZE_RULES = {
    "agriculture": {"R": (20000, 500, 50)},
    "industry": {"E": (1000, 300, 20), "R": (40000, 2000, 300)},
    "construction": {"R": (80000, 6000, 300), "A": (80000, 5000, 300)},
    "wholesale": {"E": (200, 20, 5), "R": (40000, 5000, 1000)},
    "retail": {"E": (300, 50, 10), "R": (20000, 500, 100)},
    "transport": {"E": (1000, 300, 20), "R": (30000, 3000, 200)},
    "warehousing": {"E": (200, 100, 20), "R": (30000, 1000, 100)},
    "postal": {"E": (1000, 300, 20), "R": (30000, 2000, 100)},
    "accommodation": {"E": (300, 100, 10), "R": (10000, 2000, 100)},
    "catering": {"E": (300, 100, 10), "R": (10000, 2000, 100)},
    "telecom": {"E": (2000, 100, 10), "R": (100000, 1000, 100)},
    "software": {"E": (300, 100, 10), "R": (10000, 1000, 50)},
    "real_estate_dev": {"R": (200000, 1000, 100), "A": (10000, 5000, 2000)},
    "property_mgmt": {"E": (1000, 300, 100), "R": (5000, 1000, 500)},
    "leasing_business": {"E": (300, 100, 10), "A": (120000, 8000, 100)},
    "other": {"E": (300, 100, 10)},
}

FEN_PER_WAN = 1_000_000  # 1 万元 = 10,000 元 = 1,000,000 fen


def size_category(section, division):
    """Row of the 300号 table for a GB/T 4754-2017 section and 2-digit division."""
    d = int(division)
    if section == "A":
        return "agriculture"
    if section in ("B", "C", "D"):
        return "industry"
    if section == "E":
        return "construction"
    if section == "F":
        return "wholesale" if d == 51 else "retail"
    if section == "G":
        if d == 53:  # 铁路运输业 is excluded from 交通运输业
            return "other"
        if d == 59:
            return "warehousing"
        if d == 60:
            return "postal"
        return "transport"
    if section == "H":
        return "accommodation" if d == 61 else "catering"
    if section == "I":
        return "software" if d == 65 else "telecom"
    if section == "K":
        return "real_estate_dev"  # this generator only uses K for 房地产开发经营
    if section == "L":
        return "leasing_business"
    return "other"


def classify(category, employees, revenue_fen, assets_fen):
    """Size class by 第四条: large = every indicator >= large bound; medium/small = every
    indicator >= that lower bound (only lower bounds count); micro otherwise."""
    measured = {"E": employees, "R": revenue_fen / FEN_PER_WAN, "A": assets_fen / FEN_PER_WAN}
    rules = SIZE_RULES[category]
    for idx, cls in ((0, "large"), (1, "medium"), (2, "small")):
        if all(measured[k] >= bounds[idx] for k, bounds in rules.items()):
            return cls
    return "micro"


# --------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------

ZONE_COMMITTEE = "示范区（高新区）党工委、管委会"

ORGANISATIONS = [
    # kind, name, short_name, region_code, parent_name
    ("operator", "焦作智慧金服公司", "智慧金服", "410800", ""),
    ("government", "焦作市金融工作局", "市金融局", "410800", ""),
    ("government", "焦作市科技局", "市科技局", "410800", ""),
    ("government", ZONE_COMMITTEE, "示范区管委会", "410871", ""),
    ("government", "高新区科创局", "科创局", "410871", ZONE_COMMITTEE),
    ("government", "高新区财政局", "财政局", "410871", ZONE_COMMITTEE),
    ("government", "高新区金融工作局", "金融局", "410871", ZONE_COMMITTEE),
    ("provider", "焦作市市场监督管理局", "市场监管局", "410800", ""),
    ("provider", "国家税务总局焦作市税务局", "税务局", "410800", ""),
    ("provider", "焦作市人力资源和社会保障局", "人社局", "410800", ""),
    ("provider", "焦作市住房公积金管理中心", "公积金中心", "410800", ""),
    ("provider", "焦作市中级人民法院", "焦作中院", "410800", ""),
    ("provider", "国网焦作供电公司", "供电公司", "410800", ""),
    ("provider", "焦作市工业和信息化局", "市工信局", "410800", ""),
    ("bank", "工商银行焦作分行", "工行", "410800", ""),
    ("bank", "农业银行焦作分行", "农行", "410800", ""),
    ("bank", "中国银行焦作分行", "中行", "410800", ""),
    ("bank", "建设银行焦作分行", "建行", "410800", ""),
    ("bank", "交通银行焦作分行", "交行", "410800", ""),
    ("bank", "邮储银行焦作市分行", "邮储", "410800", ""),
    ("bank", "中信银行焦作分行", "中信", "410800", ""),
    ("bank", "光大银行焦作分行", "光大", "410800", ""),
    ("bank", "广发银行焦作分行", "广发", "410800", ""),
    ("bank", "中原银行焦作分行", "中原", "410800", ""),
    ("bank", "焦作中旅银行", "中旅", "410800", ""),
    ("bank", "焦作市农信办", "农信", "410800", ""),
    ("bank", "洛阳银行焦作分行", "洛银", "410800", ""),
    ("park", "高新区创新创业服务中心", "双创中心", "410871", ""),
    ("park", "河南理工大学科技园", "理工大科技园", "410871", ""),
    ("park", "中原工业设计城", "工业设计城", "410871", ""),
    ("park", "腾云数字经济产业园", "腾云产业园", "410871", ""),
    ("park", "科技总部新城", "总部新城", "410871", ""),
]

PARKS = [o[1] for o in ORGANISATIONS if o[0] == "park"]

# Invented base addresses of the parks (street numbers are fictitious).
PARK_ADDRESS = {
    "高新区创新创业服务中心": "焦作市示范区神州路1899号高新区创新创业服务中心",
    "河南理工大学科技园": "焦作市示范区世纪路2001号河南理工大学科技园",
    "中原工业设计城": "焦作市示范区迎宾路2666号中原工业设计城",
    "腾云数字经济产业园": "焦作市示范区神州路3118号腾云数字经济产业园",
    "科技总部新城": "焦作市示范区文昌街道新园路1588号科技总部新城",
}

# --------------------------------------------------------------------------------------
# Enterprises
# --------------------------------------------------------------------------------------

# Section quotas (sum 200): 制造业 about 45 %.
SECTION_QUOTA = [
    ("C", 90), ("I", 26), ("M", 20), ("F", 20), ("E", 14), ("G", 10),
    ("L", 6), ("A", 4), ("N", 4), ("D", 2), ("H", 2), ("O", 2),
]

# division -> list of (行业词, weight); all divisions lie inside their section's range.
DIVISION_WORDS = {
    "A": {"01": [("怀药种植专业合作社", 3), ("蔬菜种植专业合作社", 1)],
          "03": [("养殖专业合作社", 1)]},
    "C": {"13": [("农产品加工", 1), ("食品", 1)],
          "14": [("食品", 2), ("食品科技", 1)],
          "15": [("饮品", 1)],
          "17": [("纺织", 1)],
          "22": [("纸业", 1)],
          "26": [("化工", 2), ("新材料", 1), ("精细化工", 1)],
          "27": [("生物医药", 2), ("制药", 1), ("生物科技", 1)],
          "29": [("塑业", 1), ("橡胶制品", 1)],
          "30": [("新材料", 2), ("超硬材料", 2), ("耐火材料", 1), ("建材", 1)],
          "32": [("铝业", 1), ("有色金属", 1)],
          "33": [("金属制品", 2), ("钢结构", 1)],
          "34": [("机械制造", 3), ("机械", 2), ("泵业", 1)],
          "35": [("机械制造", 2), ("智能装备", 2), ("专用设备", 1), ("矿山机械", 1)],
          "36": [("汽车零部件", 3), ("汽车部件", 1)],
          "37": [("轨道交通装备", 1)],
          "38": [("电气", 2), ("电器", 1), ("电池", 1), ("新能源科技", 1)],
          "39": [("电子", 3), ("光电科技", 2), ("电子科技", 2)],
          "40": [("仪器仪表", 1), ("测控技术", 1)],
          "42": [("再生资源", 1)]},
    "D": {"44": [("新能源", 1)], "46": [("水务", 1)]},
    "E": {"47": [("建筑工程", 2), ("建设工程", 1)],
          "48": [("市政工程", 2), ("路桥工程", 1)],
          "49": [("安装工程", 1), ("机电安装", 1)],
          "50": [("装饰工程", 2), ("建筑装饰", 1)]},
    "F": {"51": [("商贸", 3), ("贸易", 2), ("供应链", 1), ("医药", 1)],
          "52": [("商贸", 2), ("超市", 1)]},
    "G": {"54": [("物流", 3), ("运输", 2)],
          "58": [("物流", 2), ("供应链管理", 1)],
          "59": [("仓储", 1), ("仓储物流", 1)],
          "60": [("快递服务", 1)]},
    "H": {"62": [("餐饮管理", 1)]},
    "I": {"64": [("网络科技", 3), ("互联网科技", 1), ("数据科技", 2)],
          "65": [("软件", 3), ("信息技术", 3), ("数字科技", 2), ("智能科技", 2),
                 ("科技", 1)]},
    "L": {"71": [("设备租赁", 1)],
          "72": [("企业管理", 1), ("人力资源", 1), ("咨询", 1), ("广告", 1)]},
    "M": {"73": [("科技", 3), ("新材料研究院", 1)],
          "74": [("检测技术", 2), ("工程设计", 1), ("测绘", 1)],
          "75": [("科技", 3), ("技术服务", 1), ("环保科技", 1)]},
    "N": {"77": [("环保", 2), ("环保工程", 1)], "78": [("园林绿化", 1)]},
    "O": {"81": [("汽车服务", 1), ("家电维修", 1)]},
}

# Relative frequency of divisions within a section (C follows the zone's profile:
# superhard materials, equipment, auto parts, electronics, chemicals).
DIVISION_WEIGHT = {
    "A": {"01": 3, "03": 1},
    "C": {"13": 3, "14": 4, "15": 1, "17": 1, "22": 1, "26": 7, "27": 7, "29": 4,
          "30": 12, "32": 3, "33": 6, "34": 10, "35": 12, "36": 8, "37": 1, "38": 8,
          "39": 9, "40": 3, "42": 1},
    "D": {"44": 1, "46": 1},
    "E": {"47": 4, "48": 3, "49": 2, "50": 3},
    "F": {"51": 3, "52": 2},
    "G": {"54": 4, "58": 3, "59": 2, "60": 1},
    "H": {"62": 1},
    "I": {"64": 2, "65": 5},
    "L": {"71": 1, "72": 3},
    "M": {"73": 3, "74": 3, "75": 3},
    "N": {"77": 3, "78": 1},
    "O": {"81": 1},
}

# 字号 building blocks: auspicious/descriptive characters, so no trade name reads like
# a person's name.
# The first character is never a common surname (华, 康, 卫, 蓝, 卓, 盛 …).
ZIHAO_FIRST = list("鑫宏瑞恒泰博嘉润丰隆通达鼎辰远誉锦晟昊铭聚益豫怀昌诚瀚亿凯"
                   "正兴永明晶光新优创翔翰科启乾坤")
ZIHAO_SECOND = list("源达泰辉腾盛恒润祥丰通远昌宇成拓越航川峰禾信安诺森泽创联宸和瑞德")
ZIHAO_THIRD = list("达通祥安丰源")
# combinations that are well-known brands elsewhere; never used as a 字号 (or part of one)
ZIHAO_AVOID = ["正泰", "恒瑞", "明泰", "华润", "凯盛", "华联", "宏达", "永安", "亿航", "润和",
               "博创", "华泰", "华安", "华信", "科达", "盛和", "诚通", "华森", "华宇", "鑫源",
               "华达", "通达", "康恩", "优创", "新和", "乾坤"]

# The four enterprises named by the press (real names, synthetic codes and figures).
REAL_ENTERPRISES = [
    # name, section, division, size target, park, zihao (reserved)
    ("焦作市天宝桓祥科技有限公司", "C", "35", "medium", "中原工业设计城", "天宝桓祥"),
    ("焦作嵩阳光电科技有限公司", "C", "39", "small", "河南理工大学科技园", "嵩阳"),
    ("征云集团有限公司", "L", "72", "large", "科技总部新城", "征云"),
    ("中冶空铁轨道交通有限公司", "E", "48", "large", "腾云数字经济产业园", "中冶空铁"),
]

# region_code (location) quotas; 410871 = the zone (statistics-only code).
REGION_QUOTA = [
    ("410871", 150), ("410802", 11), ("410811", 11), ("410803", 7), ("410804", 5),
    ("410821", 2), ("410822", 2), ("410823", 4), ("410825", 4), ("410882", 2),
    ("410883", 2),
]

DISTRICT_NAME = {
    "410802": "解放区", "410803": "中站区", "410804": "马村区", "410811": "山阳区",
    "410821": "修武县", "410822": "博爱县", "410823": "武陟县", "410825": "温县",
    "410882": "沁阳市", "410883": "孟州市",
}
DISTRICT_ROADS = {
    "410802": ["解放中路", "民主南路", "塔南路", "建设西路", "焦南路"],
    "410811": ["人民路", "山阳路", "丰收路", "塔北路", "焦东路"],
    "410803": ["站前路", "工业路", "朱村路"],
    "410804": ["待王大道", "工业路", "焦辉路"],
}
COUNTY_TOWNS = {
    "410821": ["郇封镇"], "410822": ["许良镇"], "410823": ["詹店镇", "西陶镇"],
    "410825": ["祥云镇", "黄庄镇", "番田镇"], "410882": ["西向镇"], "410883": ["化工镇"],
}
ZONE_ROADS = ["神州路", "世纪路", "迎宾路", "新园路", "丰收路", "山阳路"]
ZONE_TOWNS = ["阳庙镇", "苏家作乡", "宁郭镇"]
VILLAGES = ["东庄村", "西庄村", "南街村", "北街村", "前营村", "后营村", "东寨村", "西寨村",
            "南关村", "中和村"]


def load_reference():
    with open(os.path.join(REF_DIR, "jiaozuo-divisions.csv"), encoding="utf-8", newline="") as f:
        regions = {row["code"]: row for row in csv.DictReader(f)}
    with open(os.path.join(REF_DIR, "gbt4754-sections.csv"), encoding="utf-8", newline="") as f:
        sections = {row["section"]: (int(row["first_division"]), int(row["last_division"]))
                    for row in csv.DictReader(f)}
    return regions, sections


def weighted_choice(rng, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def log_uniform(rng, lo, hi):
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def random_date(rng, start, end, bias_recent=1.0):
    """Date in [start, end]; bias_recent > 1 favours recent dates."""
    span = (end - start).days
    u = rng.random() ** (1.0 / bias_recent)
    return start + datetime.timedelta(days=int(u * span))


class Indicators:
    """Draw employees / revenue / assets that land in a target size class."""

    FLOOR = {"E": 3, "R": 20, "A": 30}  # lowest values drawn (persons / 万元)
    CEIL_FACTOR = 2.5                   # large: up to 2.5 x the large bound

    def __init__(self, rng):
        self.rng = rng

    def band(self, key, bounds, cls):
        large, medium, small = bounds
        if cls == "large":
            return large, large * self.CEIL_FACTOR
        if cls == "medium":
            return medium, min(large, medium * 8)
        if cls == "small":
            return small, medium
        return min(self.FLOOR[key], small * 0.2), small

    def draw(self, category, cls, individual=False):
        rng = self.rng
        rules = SIZE_RULES[category]
        u = rng.random()  # shared quantile so indicators are correlated
        values = {}
        bands = {k: self.band(k, b, cls) for k, b in rules.items()}
        # micro: usually every listed indicator is below the small bound, sometimes
        # only one of them (the "or" of 第四条).
        if cls == "micro" and len(rules) > 1 and rng.random() < 0.25:
            keep = rng.choice(sorted(rules))
            for k in rules:
                if k != keep:
                    bands[k] = self.band(k, rules[k], "small")
        if individual and "E" in bands:
            bands["E"] = (1, min(9, bands["E"][1]))
        for k, (lo, hi) in bands.items():
            # stay clear of the band edges so no figure sits exactly on a bound
            q = min(max(u + rng.uniform(-0.2, 0.2), 0.03), 0.97)
            values[k] = math.exp(math.log(lo) + q * (math.log(hi) - math.log(lo)))
        # indicators not used by this industry's rule, derived plausibly
        if "R" not in values:
            if "A" in values:
                values["R"] = values["A"] * rng.uniform(0.3, 1.4)
            else:
                values["R"] = values["E"] * rng.uniform(12, 60)
        if "A" not in values:
            values["A"] = values["R"] * rng.uniform(0.5, 1.8)
        if "E" not in values:
            per_head = 80 if category == "construction" else 40
            values["E"] = values["R"] / (per_head * rng.uniform(0.6, 1.6))

        employees = max(1 if individual else 2, int(values["E"]))
        revenue_fen = int(values["R"] * 10_000) * 100  # whole 元
        assets_fen = int(values["A"] * 10_000) * 100
        # keep strict "below" bounds strict after rounding
        for k, (lo, hi) in bands.items():
            if k == "E":
                employees = min(max(employees, math.ceil(lo)), math.ceil(hi) - 1)
            elif k == "R":
                revenue_fen = min(max(revenue_fen, math.ceil(lo * FEN_PER_WAN)),
                                  int(hi * FEN_PER_WAN) - 100)
            else:
                assets_fen = min(max(assets_fen, math.ceil(lo * FEN_PER_WAN)),
                                 int(hi * FEN_PER_WAN) - 100)
        return employees, revenue_fen, assets_fen


def park_fits(park, section, division, target):
    """Which trades a park hosts (demo assumption, not a published rule)."""
    d = int(division)
    if park == "高新区创新创业服务中心":  # incubator: young small firms
        return target in ("micro", "small") and (
            section in ("C", "I", "M") or (section, d) in (("F", 51), ("L", 72), ("N", 77)))
    if park == "河南理工大学科技园":  # university science park
        return section in ("I", "M") or (section == "C" and d in (26, 27, 30, 34, 35, 38, 39, 40))
    if park == "中原工业设计城":  # design and manufacturing
        return section == "C" or (section, d) == ("M", 74)
    if park == "腾云数字经济产业园":  # digital economy
        return section in ("I", "M") or (section, d) in (("C", 39), ("F", 51), ("L", 72))
    if park == "科技总部新城":  # headquarters offices
        return section in ("C", "E", "I", "L", "M") or (section, d) in (("F", 51), ("G", 58))
    raise ValueError(park)


def registered_capital_fen(rng, cls, kind_code):
    if kind_code == "2":  # 个体工商户: 资金数额
        wan = rng.choice([1, 2, 3, 5, 8, 10, 20])
    elif kind_code == "3":  # 农民专业合作社: 出资总额
        wan = rng.choice([50, 100, 150, 200, 300])
    else:
        choices = {
            "micro": [50, 50, 100, 100, 200, 300, 500],
            "small": [50, 100, 200, 300, 500, 500, 800, 1000],
            "medium": [500, 1000, 1000, 2000, 3000, 5000],
            "large": [10000, 20000, 30000],
        }[cls]
        wan = rng.choice(choices)
    return wan * FEN_PER_WAN


def main():
    rng = random.Random(SEED)
    regions, sections = load_reference()

    for o in ORGANISATIONS:
        assert o[3] in regions, o
    assert len([o for o in ORGANISATIONS if o[0] == "bank"]) == 13
    assert len(PARKS) == 5

    # ---- plan the 196 invented enterprises -------------------------------------------
    quota = dict(SECTION_QUOTA)
    assert sum(quota.values()) == N_ENTERPRISES
    for _, sec, _, _, _, _ in REAL_ENTERPRISES:
        quota[sec] -= 1

    plans = []  # dicts with section, division, entity kind code
    for sec, _ in SECTION_QUOTA:
        for _ in range(quota[sec]):
            div = weighted_choice(rng, sorted(DIVISION_WEIGHT[sec].items()))
            plans.append({"section": sec, "division": div})
    rng.shuffle(plans)

    # 个体工商户 (kind 2): 6 retail shops; 农民专业合作社 (kind 3): the 4 A-section rows
    retail = [p for p in plans if p["section"] == "F" and p["division"] == "52"]
    while len(retail) < 6:  # make sure there are enough retail rows
        p = next(p for p in plans if p["section"] == "F" and p["division"] == "51")
        p["division"] = "52"
        retail.append(p)
    for p in plans:
        p["kind"] = "1"
    for p in retail[:6]:
        p["kind"] = "2"
    for p in plans:
        if p["section"] == "A":
            p["kind"] = "3"

    # size targets: 3 invented large manufacturers + the 2 real large ones = 5 large
    large_left = 3
    for p in plans:
        if p["kind"] == "2":
            p["target"] = "micro"
        elif p["kind"] == "3":
            p["target"] = weighted_choice(rng, [("micro", 2), ("small", 2)])
        elif p["section"] == "C" and large_left and p["division"] in ("26", "30", "36", "38"):
            p["target"] = "large"
            large_left -= 1
        else:
            p["target"] = weighted_choice(rng, [("micro", 44), ("small", 42), ("medium", 14)])
    assert large_left == 0

    # locations: cooperatives in counties, 个体 in districts/zone, the rest shuffled
    region_pool = []
    for code, n in REGION_QUOTA:
        assert code in regions, code
        region_pool.extend([code] * n)
    assert len(region_pool) == N_ENTERPRISES
    for _ in REAL_ENTERPRISES:
        region_pool.remove("410871")
    counties = ["410825", "410823", "410825", "410823"]
    for p, code in zip([p for p in plans if p["kind"] == "3"], counties):
        p["region"] = code
        region_pool.remove(code)
    rng.shuffle(region_pool)
    for p in plans:
        if "region" not in p:
            p["region"] = region_pool.pop()
    assert not region_pool

    # ---- build the rows ----------------------------------------------------------------
    used_zihao = {r[5] for r in REAL_ENTERPRISES}
    used_names = {r[0] for r in REAL_ENTERPRISES}
    used_org9 = set()
    used_uscc = set()
    ind = Indicators(rng)

    used_cores = {z[:2] for z in used_zihao}

    def new_zihao(word):
        """A 字号 of 2-3 characters whose first two characters (its core) are not used
        by any other enterprise and that shares no character with the 行业词."""
        while True:
            z = rng.choice(ZIHAO_FIRST) + rng.choice(ZIHAO_SECOND)
            if rng.random() < 0.2:
                z += rng.choice(ZIHAO_THIRD)
            if any(a in z for a in ZIHAO_AVOID) or any(c in word for c in z):
                continue
            if len(set(z)) == len(z) and z[:2] not in used_cores:
                used_zihao.add(z)
                used_cores.add(z[:2])
                return z

    def org_body(established):
        """8-character body of the 组织机构代码: digits; 'MA' + 6 for codes issued
        after the 2015 reform; now and then one letter from the 31-symbol set."""
        letters = [c for c in USCC_ALPHABET if c.isalpha()]
        while True:
            if established >= datetime.date(2015, 10, 1):
                body = "MA" + rng.choice("34") + "".join(rng.choice("0123456789") for _ in range(5))
                if rng.random() < 0.3:
                    pos = rng.randrange(4, 8)
                    body = body[:pos] + rng.choice(letters) + body[pos + 1:]
            else:
                body = rng.choice(["05", "06", "07", "17", "26", "55", "66", "69", "73", "78"]) + \
                    "".join(rng.choice("0123456789") for _ in range(6))
            if body + org_check_char(body) not in used_org9:
                return body

    def address(region, park):
        if park:
            return "%s%d号楼%d室" % (PARK_ADDRESS[park], rng.randint(1, 12),
                                    rng.randint(1, 6) * 100 + rng.randint(1, 20))
        if region == "410871":
            r = rng.random()
            if r < 0.45:
                return "焦作市示范区%s%d号" % (rng.choice(ZONE_ROADS), rng.randint(100, 3999))
            if r < 0.6:
                return "焦作市示范区文昌街道%s%d号" % (rng.choice(ZONE_ROADS), rng.randint(100, 3999))
            return "焦作市示范区%s%s%d号" % (rng.choice(ZONE_TOWNS), rng.choice(VILLAGES),
                                         rng.randint(1, 300))
        name = DISTRICT_NAME[region]
        if region in DISTRICT_ROADS:
            return "焦作市%s%s%d号" % (name, rng.choice(DISTRICT_ROADS[region]), rng.randint(1, 2999))
        if rng.random() < 0.5:
            return "焦作市%s%s%s%d号" % (name, rng.choice(COUNTY_TOWNS[region]),
                                      rng.choice(VILLAGES), rng.randint(1, 300))
        return "焦作市%s产业集聚区%s%d号" % (name, rng.choice(["纬一路", "经二路", "工业大道", "创业路"]),
                                          rng.randint(1, 999))

    rows = []

    def add_row(name, kind_code, section, division, target, region, park, established, status):
        category = size_category(section, division)
        employees, revenue, assets = ind.draw(category, target, individual=(kind_code == "2"))
        size = classify(category, employees, revenue, assets)
        assert size == target, (name, category, target, size, employees, revenue, assets)
        # registration authority region (positions 3-8): 410871 is not a GB/T 2260 code,
        # zone enterprises are registered with the city (410800)
        if region == "410871":
            reg = "410800"
        elif kind_code == "1" and rng.random() < 0.3:
            reg = "410800"
        else:
            reg = region
        assert regions[reg]["in_gbt2260_mca"] == "yes"
        while True:
            body = org_body(established)
            code = make_uscc("9", kind_code, reg, body)
            if code not in used_uscc:
                break
        used_uscc.add(code)
        used_org9.add(code[8:17])
        lo, hi = sections[section]
        assert lo <= int(division) <= hi, (section, division)
        rows.append({
            "uscc": code,
            "name": name,
            "region_code": region,
            "industry_section": section,
            "industry_division": division,
            "size_class": size,
            "established_on": established.isoformat(),
            "registered_capital_fen": registered_capital_fen(rng, size, kind_code),
            "employees": employees,
            "annual_revenue_fen": revenue,
            "total_assets_fen": assets,
            "status": status,
            "park_name": park,
            "address": address(region, park),
        })

    start, end = datetime.date(1995, 1, 1), datetime.date(2025, 12, 31)

    # the four real enterprises (synthetic codes, invented figures)
    real_dates = [datetime.date(2009, 3, 16), datetime.date(2016, 8, 22),
                  datetime.date(2012, 11, 5), datetime.date(2019, 6, 18)]
    for (name, sec, div, target, park, _), est in zip(REAL_ENTERPRISES, real_dates):
        add_row(name, "1", sec, div, target, "410871", park, est, "operating")

    # statuses: a few revoked (吊销) and cancelled (注销), never in a park
    status_of = ["operating"] * len(plans)
    candidates = [i for i, p in enumerate(plans) if p["target"] in ("micro", "small")]
    picked = rng.sample(candidates, 11)
    for i in picked[:7]:
        status_of[i] = "revoked"
    for i in picked[7:]:
        status_of[i] = "cancelled"

    # parks: 60 % of all 200 = 120 rows (the 4 real ones already placed). Each park
    # takes the trades that fit it; each row goes to the eligible park with the fewest
    # tenants so far, so the parks end up about equally full.
    def eligible_parks(p):
        return [park for park in PARKS if park_fits(park, p["section"], p["division"],
                                                    p["target"])]

    zone_idx = [i for i, p in enumerate(plans) if p["region"] == "410871"
                and status_of[i] == "operating" and p["kind"] == "1" and eligible_parks(p)]
    in_park = rng.sample(zone_idx, 116)
    park_of = {}
    tenants = {park: 0 for park in PARKS}
    for r in REAL_ENTERPRISES:
        tenants[r[4]] += 1
    for i in in_park:
        options = eligible_parks(plans[i])
        fewest = min(tenants[park] for park in options)
        park = rng.choice([park for park in options if tenants[park] == fewest])
        park_of[i] = park
        tenants[park] += 1

    for i, p in enumerate(plans):
        sec, div, kind_code = p["section"], p["division"], p["kind"]
        if kind_code == "2":
            word = rng.choice(["五金", "建材", "日用品", "办公用品", "农资", "电器"])
            where = "示范区" if p["region"] == "410871" else DISTRICT_NAME[p["region"]]
            name = "焦作市%s%s%s经营部" % (where, new_zihao(word), word)
        elif kind_code == "3":
            word = weighted_choice(rng, DIVISION_WORDS[sec][div])
            name = "%s%s%s" % (DISTRICT_NAME[p["region"]], new_zihao(word), word)
        else:
            word = weighted_choice(rng, DIVISION_WORDS[sec][div])
            prefix = rng.choice(["焦作市", "焦作市", "焦作"])
            if p["target"] == "large" or (p["target"] == "medium" and rng.random() < 0.3):
                name = "焦作%s%s股份有限公司" % (new_zihao(word), word)
            else:
                name = "%s%s%s有限公司" % (prefix, new_zihao(word), word)
        assert name not in used_names, name
        used_names.add(name)
        if p["target"] == "large":
            est = random_date(rng, start, datetime.date(2010, 12, 31))
        elif status_of[i] != "operating":
            est = random_date(rng, start, datetime.date(2019, 12, 31))
        else:
            est = random_date(rng, start, end, bias_recent=1.6)
        add_row(name, kind_code, sec, div, p["target"], p["region"], park_of.get(i, ""),
                est, status_of[i])

    assert len(rows) == N_ENTERPRISES
    assert len({r["uscc"] for r in rows}) == N_ENTERPRISES
    assert len({r["name"] for r in rows}) == N_ENTERPRISES
    assert all(uscc_is_valid(r["uscc"]) for r in rows)

    # ---- write -------------------------------------------------------------------------
    os.makedirs(DEMO_DIR, exist_ok=True)
    write_csv(os.path.join(DEMO_DIR, "organisations.csv"),
              ["kind", "name", "short_name", "region_code", "parent_name"],
              [dict(zip(["kind", "name", "short_name", "region_code", "parent_name"], o))
               for o in ORGANISATIONS])
    write_csv(os.path.join(DEMO_DIR, "enterprises.csv"),
              ["uscc", "name", "region_code", "industry_section", "industry_division",
               "size_class", "established_on", "registered_capital_fen", "employees",
               "annual_revenue_fen", "total_assets_fen", "status", "park_name", "address"],
              rows)
    print("wrote %d organisations, %d enterprises to %s"
          % (len(ORGANISATIONS), len(rows), os.path.relpath(DEMO_DIR, os.getcwd())))


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n",
                       quoting=csv.QUOTE_MINIMAL)
    w.writeheader()
    for r in rows:
        w.writerow(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


if __name__ == "__main__":
    main()
