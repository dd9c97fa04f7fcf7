#!/usr/bin/env python3
"""Writes data/credit/scorecard-expert.json, the default expert scorecard the platform ships.

The rationale for every feature, bin and point is in docs/credit-scorecard.md; change both together.
The checksum is SHA-256 over the canonical JSON (keys sorted, no spaces, UTF-8), the same form
`jinfu` computes (docs/credit-api.md). Run: scripts/gen-expert-scorecard.py > data/credit/scorecard-expert.json
"""
import hashlib
import json
import sys

INF = None


def r(code, zh, remedy, dept):
    return {"code": code, "zh": zh, "remedy": remedy, "department": dept}


SCALE = 0.5  # the weights below are written on a 0–100-per-feature feel; the card uses half


def pts(p):
    return int(p * SCALE) if p >= 0 else -int(-p * SCALE)


def feature(code, missing, bins):
    """missing = (points, reason); bins = [(upper or None, label, points, reason or None)]"""
    out = [{"missing": True, "label": "未归集", "points": pts(missing[0]), "reason": missing[1]}]
    lower = None
    for upper, label, points, reason in bins:
        b = {"label": label, "points": pts(points)}
        if lower is not None:
            b["lower"] = lower
        if upper is not None:
            b["upper"] = upper
        if reason:
            b["reason"] = reason
        out.append(b)
        lower = upper
    return {"code": code, "bins": out}


TAX = "国家税务总局焦作市税务局（示范区税务分局）"
HRSS = "焦作市人力资源和社会保障局（社会保险中心）"
HF = "焦作市住房公积金管理中心"
UTIL = "供电公司、水务公司、燃气公司"
SAMR = "焦作市市场监督管理局"
COURT = "作出执行裁定的人民法院"
ENFORCER = "作出处罚决定的行政机关"
APPROVAL = "行政审批服务局或相关主管部门"
IPO = "市场监督管理局（知识产权局）"
SCI = "焦作市科学技术局"
MIIT = "焦作市工业和信息化局"


def not_collected(code, what, dept):
    return r(code, f"平台尚未归集到{what}", f"确认已向{dept}正常申报或登记；如已办理，请联系该部门向平台报送数据，归集后重新评分", dept)


features = [
    feature("years_established", (0, not_collected("REG-00", "企业的登记注册信息", SAMR)), [
        (1, "不满1年", 0, r("REG-01", "成立不满1年，经营历史较短", "持续稳定经营，按时公示年度报告，积累经营与纳税记录", "企业自身（持续经营）")),
        (3, "1–3年", 15, r("REG-02", "成立1至3年，经营历史较短", "持续稳定经营，按时公示年度报告，积累经营与纳税记录", "企业自身（持续经营）")),
        (5, "3–5年", 30, r("REG-03", "成立3至5年", "持续稳定经营，经营满5年后该项得分提高", "企业自身（持续经营）")),
        (10, "5–10年", 45, r("REG-04", "成立5至10年", "持续稳定经营，经营满10年后该项得满分", "企业自身（持续经营）")),
        (INF, "10年及以上", 55, None)]),
    feature("tax_paid_12m", (10, not_collected("TAX-00", "近两年的纳税记录", TAX)), [
        (1, "1万元以下", 5, r("TAX-01", "近12个月纳税额低于1万元", "依法如实申报纳税，规范财务核算；享受减免税的可请税务机关出具证明", TAX)),
        (10, "1–10万元", 25, r("TAX-02", "近12个月纳税额为1至10万元", "依法如实申报，完整反映经营规模", TAX)),
        (50, "10–50万元", 45, r("TAX-03", "近12个月纳税额为10至50万元", "依法如实申报，完整反映经营规模", TAX)),
        (200, "50–200万元", 60, r("TAX-04", "近12个月纳税额为50至200万元", "依法如实申报，完整反映经营规模", TAX)),
        (INF, "200万元及以上", 70, None)]),
    feature("tax_paid_24m", (5, not_collected("TAX-10", "近两年的纳税记录", TAX)), [
        (2, "2万元以下", 0, r("TAX-11", "近24个月纳税额低于2万元", "保持连续、如实的纳税申报", TAX)),
        (20, "2–20万元", 10, r("TAX-12", "近24个月纳税额为2至20万元", "保持连续、如实的纳税申报", TAX)),
        (INF, "20万元及以上", 15, None)]),
    feature("tax_trend", (10, not_collected("TAX-20", "上年同期的纳税记录，无法判断纳税趋势", TAX)), [
        (-30, "下降30%以上", 0, r("TAX-21", "纳税额同比下降超过30%", "说明经营下滑原因；因政策性减免导致下降的，可请税务机关出具减免税证明", TAX)),
        (0, "下降30%以内", 15, r("TAX-22", "纳税额同比下降", "稳定经营，保持纳税规模；政策性减免可请税务机关出具证明", TAX)),
        (20, "增长20%以内", 25, r("TAX-23", "纳税额同比增长不足20%", "持续经营增长后该项得满分", "企业自身（持续经营）")),
        (INF, "增长20%及以上", 30, None)]),
    feature("tax_credit_grade", (10, not_collected("TAX-30", "纳税信用等级", TAX)), [
        (1, "D级", -40, r("TAX-31", "纳税信用等级为D级", "纠正税收违法失信行为，履行相关义务后按规定向税务机关申请纳税信用修复", TAX)),
        (2, "C级", 0, r("TAX-32", "纳税信用等级为C级", "按期申报、足额缴纳，纠正失信行为后可申请纳税信用修复", TAX)),
        (3, "M级", 25, r("TAX-33", "纳税信用等级为M级（新设立或评价年度内无收入）", "正常经营、按期申报满一个评价年度后参加评价，可评为B级以上", TAX)),
        (4, "B级", 45, r("TAX-34", "纳税信用等级为B级", "按期申报、按期缴纳、按时报送财务报表，争取评为A级", TAX)),
        (INF, "A级", 60, None)]),
    feature("insured_count", (5, not_collected("SI-00", "近12个月的社保参保信息", HRSS)), [
        (3, "3人以下", 5, r("SI-01", "社保参保人数少于3人", "依法为全部职工办理社会保险参保登记并按时缴费", HRSS)),
        (10, "3–10人", 15, r("SI-02", "社保参保人数为3至9人", "依法为全部职工参保，如实反映用工规模", HRSS)),
        (50, "10–50人", 30, r("SI-03", "社保参保人数为10至49人", "依法为全部职工参保，如实反映用工规模", HRSS)),
        (200, "50–200人", 40, r("SI-04", "社保参保人数为50至199人", "依法为全部职工参保，如实反映用工规模", HRSS)),
        (INF, "200人及以上", 45, None)]),
    feature("insured_trend", (10, not_collected("SI-10", "上年同期的社保参保信息，无法判断用工趋势", HRSS)), [
        (-20, "减少20%以上", 0, r("SI-11", "参保人数较上年减少超过20%", "稳定用工；人员流失较多时说明原因，依法为新招用职工参保", HRSS)),
        (0, "减少20%以内", 15, r("SI-12", "参保人数较上年有所减少", "稳定用工，依法为新招用职工及时参保", HRSS)),
        (INF, "持平或增加", 25, None)]),
    feature("si_arrears_months", (10, not_collected("SI-20", "近12个月的社保缴费信息", HRSS)), [
        (1, "无欠费", 40, None),
        (3, "欠费1–2个月", 10, r("SI-21", "近12个月有社保欠费", "尽快补缴欠缴的社会保险费及滞纳金，并按月足额缴纳", HRSS)),
        (INF, "欠费3个月及以上", -30, r("SI-22", "近12个月社保欠费3个月及以上", "尽快补缴欠缴的社会保险费及滞纳金；确有困难的可向社保经办机构申请缓缴", HRSS))]),
    feature("hf_arrears_months", (10, not_collected("HF-00", "近12个月的住房公积金缴存信息", HF)), [
        (1, "无欠缴", 25, None),
        (3, "欠缴1–2个月", 5, r("HF-01", "近12个月有住房公积金欠缴", "补缴欠缴的住房公积金并按月足额缴存", HF)),
        (INF, "欠缴3个月及以上", -15, r("HF-02", "近12个月住房公积金欠缴3个月及以上", "补缴欠缴的住房公积金；确有困难的可申请缓缴或降低缴存比例", HF))]),
    feature("utility_arrears_months", (10, not_collected("UT-00", "近12个月的水电气缴费信息", UTIL)), [
        (1, "无欠费", 25, None),
        (3, "欠费1–2个月", 5, r("UT-01", "近12个月水电气有欠费", "结清欠费并按时缴纳水电气费用", UTIL)),
        (INF, "欠费3个月及以上", -15, r("UT-02", "近12个月水电气欠费3个月及以上", "结清欠费，与供电、供水、供气单位约定缴费计划", UTIL))]),
    feature("penalty_minor_36m", (10, not_collected("PEN-00", "行政处罚信息（相关部门尚未报送，无需企业处理）", "各行政执法部门")), [
        (1, "无", 20, None),
        (2, "1次", 10, r("PEN-01", "近36个月有1次轻微违法行政处罚", "履行处罚决定并整改到位；公示期满后可通过“信用中国”申请信用修复", ENFORCER)),
        (INF, "2次及以上", 0, r("PEN-02", "近36个月有多次轻微违法行政处罚", "履行处罚决定并整改到位，建立合规制度；公示期满后可申请信用修复", ENFORCER))]),
    feature("penalty_general_36m", (10, not_collected("PEN-10", "行政处罚信息（相关部门尚未报送，无需企业处理）", "各行政执法部门")), [
        (1, "无", 30, None),
        (2, "1次", 5, r("PEN-11", "近36个月有1次一般违法行政处罚", "履行处罚决定并整改；最短公示期满后向作出处罚的机关或“信用中国”申请信用修复", ENFORCER)),
        (INF, "2次及以上", -20, r("PEN-12", "近36个月有多次一般违法行政处罚", "履行处罚决定并彻底整改；公示期满后申请信用修复", ENFORCER))]),
    feature("penalty_serious_36m", (10, not_collected("PEN-20", "行政处罚信息（相关部门尚未报送，无需企业处理）", "各行政执法部门")), [
        (1, "无", 40, None),
        (INF, "1次及以上", -60, r("PEN-21", "近36个月有严重违法行政处罚", "履行处罚决定并整改；最短公示期满后向作出处罚的机关申请信用修复", ENFORCER))]),
    feature("enforcement_open", (10, not_collected("JUD-00", "司法执行信息（法院尚未报送，无需企业处理）", "人民法院")), [
        (1, "无", 30, None),
        (2, "1件", -20, r("JUD-01", "有1件未结的被执行案件", "履行生效法律文书确定的义务，或与申请执行人达成和解", COURT)),
        (INF, "2件及以上", -50, r("JUD-02", "有多件未结的被执行案件", "尽快履行生效法律文书确定的义务，或与申请执行人达成和解", COURT))]),
    feature("dishonest", (10, not_collected("JUD-10", "失信被执行人信息（法院尚未报送，无需企业处理）", "人民法院")), [
        (1, "否", 30, None),
        (INF, "是", -120, r("JUD-11", "被列为失信被执行人", "全部履行义务后向执行法院申请删除失信信息", COURT))]),
    feature("abnormal_listed", (10, not_collected("ABN-00", "经营异常名录信息（市场监管部门尚未报送，无需企业处理）", SAMR)), [
        (1, "否", 20, None),
        (INF, "是", -40, r("ABN-01", "被列入经营异常名录", "补报年度报告或更正公示信息后，向市场监管部门申请移出经营异常名录", SAMR))]),
    feature("serious_illegal_listed", (10, not_collected("ABN-10", "严重违法失信名单信息（市场监管部门尚未报送，无需企业处理）", SAMR)), [
        (1, "否", 20, None),
        (INF, "是", -120, r("ABN-11", "被列入严重违法失信名单", "纠正违法行为并履行义务，满足条件后向市场监管部门申请信用修复、移出名单", SAMR))]),
    feature("licences_valid", (5, not_collected("LIC-00", "行政许可信息", APPROVAL)), [
        (1, "无", 5, r("LIC-01", "平台未归集到有效的行政许可", "从事许可经营项目的，及时办理或延续许可证", APPROVAL)),
        (INF, "1个及以上", 15, None)]),
    feature("patents", (5, not_collected("IP-00", "专利信息", IPO)), [
        (1, "无", 0, r("IP-01", "暂无授权专利", "加强研发投入，申请发明、实用新型或外观设计专利", IPO)),
        (5, "1–4件", 15, r("IP-02", "授权专利少于5件", "持续研发，积累专利", IPO)),
        (INF, "5件及以上", 25, None)]),
    feature("trademarks", (5, not_collected("IP-10", "商标信息", IPO)), [
        (1, "无", 0, r("IP-11", "暂无注册商标", "注册自有商标，保护品牌", IPO)),
        (INF, "1件及以上", 10, None)]),
    feature("hightech", (5, not_collected("HON-00", "资质荣誉信息", SCI)), [
        (1, "否", 0, r("HON-01", "不是有效期内的高新技术企业", "符合条件的可申报高新技术企业认定，到期前及时重新认定", SCI)),
        (INF, "是", 30, None)]),
    feature("specialised", (5, not_collected("HON-10", "资质荣誉信息", MIIT)), [
        (1, "否", 0, r("HON-11", "未获得有效期内的专精特新认定", "符合条件的可申报专精特新中小企业认定", MIIT)),
        (INF, "是", 25, None)]),
]

card = {
    "format": "jinfu.scorecard/1",
    "version": "expert-2026.11",
    "title": "默认专家评分卡",
    "method": "expert",
    "createdAt": "2026-11-27T00:00:00+08:00",
    "description": "平台随附的专家评分卡：按经营年限、纳税、社保与公积金、水电气、行政处罚、司法、经营异常与严重违法失信、"
                   "行政许可、知识产权和资质荣誉22项指标打分。各分箱分值与依据见 docs/credit-scorecard.md。"
                   "未归集的数据单独成箱，不按零计。银行报告的贷款结果积累后，可用 jinfu credit train 训练替代版本。",
    "scaling": {"baseScore": 600, "baseOdds": 20, "pdo": 50, "basePoints": 550},
    "grades": [
        {"grade": "A", "zh": "优", "minScore": 820},
        {"grade": "B", "zh": "良", "minScore": 780},
        {"grade": "C", "zh": "中", "minScore": 740},
        {"grade": "D", "zh": "关注", "minScore": 680},
        {"grade": "E", "zh": "风险", "minScore": 0},
    ],
    "features": features,
}

canonical = json.dumps(card, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
card["checksum"] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
json.dump(card, sys.stdout, ensure_ascii=False, indent=2)
sys.stdout.write("\n")
