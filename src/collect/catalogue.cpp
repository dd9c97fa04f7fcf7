#include "collect/catalogue.hpp"

#include <utility>

namespace jinfu::collect {
namespace {

using Strings = std::vector<std::string>;

FieldSpec field(std::string key, std::string zh, FieldType type, bool required, Strings aliases,
                std::string description) {
  FieldSpec f;
  f.key = std::move(key);
  f.zh = std::move(zh);
  f.type = type;
  f.required = required;
  f.aliases = std::move(aliases);
  f.description = std::move(description);
  if (type == FieldType::Amount) f.unit = std::string(kUnitYuan);
  return f;
}

FieldSpec enumField(std::string key, std::string zh, bool required, Strings aliases,
                    std::vector<EnumValue> values, std::string description) {
  FieldSpec f = field(std::move(key), std::move(zh), FieldType::Enum, required, std::move(aliases),
                      std::move(description));
  f.values = std::move(values);
  return f;
}

FieldSpec with(FieldSpec f, auto&& change) {
  change(f);
  return f;
}

FieldSpec usccField() {
  return field("uscc", "统一社会信用代码", FieldType::Uscc, true,
               {"信用代码", "社会信用代码", "社会统一信用代码", "统一代码", "USCC", "credit_code",
                "unified_social_credit_code", "企业统一社会信用代码", "单位统一社会信用代码",
                "纳税人识别号", "纳税人识别号/统一社会信用代码", "行政相对人代码_1",
                "被执行人统一社会信用代码", "权利人统一社会信用代码"},
               "市场主体的18位统一社会信用代码（GB 32100-2015），用于识别企业；"
               "全角字符、空格和连字符会被自动去除");
}

const Strings kNameAliases = {
    "企业名称", "单位名称", "纳税人名称", "市场主体名称", "公司名称", "企业(单位)名称",
    "参保单位名称", "缴存单位名称", "用户名称", "户名", "当事人名称", "行政相对人名称",
    "被执行人名称", "被执行人", "权利人", "专利权人", "权利人名称", "enterprise_name",
    "company_name", "entity_name", "name"};

// A non-registration file may carry the enterprise name: kept for display and consistency checks.
FieldSpec displayNameField() {
  Strings aliases = kNameAliases;
  std::erase(aliases, "企业名称");
  return field("name", "企业名称", FieldType::Text, false, std::move(aliases),
               "企业名称，仅用于显示和与登记信息核对，不作为归集数据");
}

EnumValue ev(std::string code, std::string zh, Strings aliases = {}) {
  return EnumValue{std::move(code), std::move(zh), std::move(aliases)};
}

FieldSpec monthPeriod(std::string zh, Strings aliases, std::string description) {
  for (const char* a : {"所属期", "所属期间", "月份", "年月", "统计月份", "period"})
    aliases.emplace_back(a);
  return field("period", std::move(zh), FieldType::Month, true, std::move(aliases),
               std::move(description));
}

FieldSpec arrearsAmount(std::string description) {
  return field("arrearsAmount", "欠费金额", FieldType::Amount, false,
               {"欠缴金额", "欠费", "欠缴", "欠费额", "欠缴额", "arrears_amount", "arrears"},
               std::move(description));
}

// Each category is one aggregate — code, name, description, provider, frequency, its fields (one a
// line, so that a category reads as a table), the key fields and the date field.
Category registration() {
  return {"registration", "登记注册", "市场主体的登记注册信息：名称、类型、登记状态、法定代表人、注册资本、成立日期、住所、所属区划与行业，以及从业人员、营业收入和资产总额（用于中小企业划型）", "市场监督管理部门", "on_change",
          {
              usccField(),
              field("name", "企业名称", FieldType::Text, true, kNameAliases, "市场主体的登记名称"),
              field("formerName", "曾用名", FieldType::Text, false, {"原名称", "曾用名称", "变更前名称", "former_name"}, "变更登记前使用过的名称"),
              enumField("entityType", "企业类型", true, {"市场主体类型", "主体类型", "公司类型", "类型", "企业类别", "entity_type"},
                        {ev("limited_liability", "有限责任公司", {"有限公司", "有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "有限责任公司(国有独资)", "有限责任公司(法人独资)", "有限责任公司(非自然人投资或控股的法人独资)", "一人有限责任公司"}),
                         ev("joint_stock", "股份有限公司", {"股份公司", "股份有限公司(非上市)", "股份有限公司(上市)"}),
                         ev("sole_proprietorship", "个人独资企业", {"独资企业"}),
                         ev("partnership", "合伙企业", {"普通合伙企业", "有限合伙企业", "有限合伙", "普通合伙"}),
                         ev("individual_business", "个体工商户", {"个体户", "个体"}),
                         ev("farmers_cooperative", "农民专业合作社", {"合作社", "农民专业合作社联合社"}),
                         ev("foreign_invested", "外商投资企业", {"外资企业", "外商独资企业", "中外合资经营企业", "中外合作经营企业", "外商投资企业分支机构", "港澳台投资企业"}),
                         ev("other", "其他", {"其它"})}, "市场主体的组织形式"),
              enumField("status", "登记状态", true, {"经营状态", "企业状态", "状态", "存续状态", "登记状况", "status"},
                        {ev("operating", "存续（在业）", {"存续", "在业", "开业", "存续(在营、开业、在册)", "在营", "正常"}),
                         ev("revoked", "吊销", {"吊销，未注销", "吊销未注销", "已吊销"}),
                         ev("cancelled", "注销", {"已注销", "吊销，已注销"}),
                         ev("moved_out", "迁出", {"已迁出"})}, "市场主体当前的登记状态"),
              field("legalRepresentative", "法定代表人", FieldType::Text, true, {"法人代表", "法定代表人姓名", "法人", "负责人", "经营者", "执行事务合伙人", "投资人", "legal_representative", "legal_person"}, "法定代表人、负责人、经营者或执行事务合伙人的姓名"),
              with(field("registeredCapital", "注册资本", FieldType::Amount, true, {"注册资金", "出资额", "出资总额", "资金数额", "registered_capital"}, "登记的注册资本（出资额），默认以万元计；表头注明“（元）”时按元读取"), [](FieldSpec& f) { f.unit = std::string(kUnitWanYuan); }),
              field("establishedOn", "成立日期", FieldType::Date, true, {"成立时间", "注册日期", "设立日期", "established_on", "established_date", "founded_on"}, "营业执照上的成立日期"),
              field("approvedOn", "核准日期", FieldType::Date, false, {"最近核准日期", "变更日期", "核准变更日期", "登记日期", "approved_on", "changed_on"}, "最近一次登记（设立或变更）的核准日期：变更生效之日，也是归集时效的起算日；未提供时按接收日计"),
              with(field("address", "住所", FieldType::Text, true, {"注册地址", "地址", "经营场所", "住所/经营场所", "企业地址", "经营地址", "address"}, "登记的住所或主要经营场所"), [](FieldSpec& f) { f.maxChars = 300; }),
              with(field("regionCode", "行政区划代码", FieldType::Text, true, {"区划代码", "所属区划代码", "所属区域代码", "区域代码", "region_code", "region"}, "住所所在县级行政区划的6位代码，如焦作城乡一体化示范区为410871"), [](FieldSpec& f) { f.format = TextFormat::RegionCode; f.dictionary = "GB/T 2260"; }),
              with(field("industryCode", "行业代码", FieldType::Text, true, {"国民经济行业代码", "行业分类代码", "所属行业代码", "国民经济行业分类代码", "行业门类代码", "industry_code", "industry"}, "国民经济行业分类代码：门类字母（可省略）加2至4位数字，如C3562、3562或C"), [](FieldSpec& f) { f.format = TextFormat::IndustryCode; f.dictionary = "GB/T 4754-2017"; }),
              field("parkName", "所属园区", FieldType::Text, false, {"园区", "园区名称", "所在园区", "入驻园区", "park_name", "park"}, "企业入驻的园区名称"),
              with(field("employees", "从业人员", FieldType::Integer, false, {"从业人数", "从业人员数", "员工人数", "职工人数", "年末从业人员", "期末从业人数", "employee_count", "employees"}, "期末从业人员数（人），用于中小企业划型"), [](FieldSpec& f) { f.maxValue = 10'000'000; }),
              field("annualRevenue", "营业收入", FieldType::Amount, false, {"年营业收入", "上年度营业收入", "主营业务收入", "营业收入总额", "annual_revenue", "revenue"}, "上一会计年度营业收入，用于中小企业划型"),
              field("totalAssets", "资产总额", FieldType::Amount, false, {"总资产", "资产合计", "年末资产总额", "total_assets", "assets"}, "上一会计年度末资产总额，用于中小企业划型"),
              field("contactName", "联系人", FieldType::Text, false, {"联系人姓名", "企业联系人", "contact_name", "contact"}, "企业指定的联络人姓名"),
              with(field("contactMobile", "联系电话", FieldType::Text, false, {"联系人手机", "手机号码", "手机", "联系方式", "联系人电话", "contact_mobile", "mobile", "phone"}, "联络人的手机号码或固定电话"), [](FieldSpec& f) { f.format = TextFormat::Phone; f.maxChars = 20; }),
          },
          {}, "approvedOn"};
}

Category tax() {
  return {"tax", "纳税", "企业按所属期的实缴税额和纳税信用等级", "税务部门", "monthly",
          {
              usccField(), displayNameField(),
              field("period", "所属期", FieldType::Period, true, {"税款所属期", "纳税期间", "所属期间", "所属年月", "月份", "年月", "年度", "期间", "tax_period", "period"}, "税款所属期：年（2025）或月（2025-06）"),
              field("taxPaid", "纳税额", FieldType::Amount, true, {"实缴税额", "入库税额", "税额", "纳税总额", "实缴税款", "缴纳税额", "应纳税额合计", "tax_paid", "tax_amount"}, "所属期内实际缴纳入库的各项税款合计"),
              enumField("creditGrade", "纳税信用等级", false, {"信用等级", "纳税信用级别", "纳税人信用等级", "credit_grade", "credit_level"},
                        {ev("A", "A级"),
                         ev("B", "B级"),
                         ev("M", "M级"),
                         ev("C", "C级"),
                         ev("D", "D级")}, "税务机关评定的纳税信用等级（A、B、M、C、D）"),
          },
          {"period"}, "period"};
}

Category socialInsurance() {
  return {"social_insurance", "社保", "企业按月的社会保险参保缴费人数与欠费情况", "人力资源和社会保障部门（社会保险经办机构）", "monthly",
          {
              usccField(), displayNameField(),
              monthPeriod("缴费月份", {"费款所属期", "缴费年月", "费款所属月份", "参保月份"}, "社会保险费款所属月份（如2025-06）"),
              with(field("insuredCount", "参保人数", FieldType::Integer, true, {"缴费人数", "在职参保人数", "参保职工人数", "参保缴费人数", "insured_count", "insured"}, "当月在本单位参保缴费的职工人数"), [](FieldSpec& f) { f.maxValue = 10'000'000; }),
              arrearsAmount("截至该月末欠缴的社会保险费金额"),
              with(field("arrearsMonths", "欠费月数", FieldType::Integer, false, {"欠缴月数", "连续欠费月数", "arrears_months"}, "截至该月末连续欠缴社会保险费的月数"), [](FieldSpec& f) { f.maxValue = 1200; }),
          },
          {"period"}, "period"};
}

Category housingFund() {
  return {"housing_fund", "公积金", "企业按月的住房公积金缴存人数与欠缴情况", "住房公积金管理中心", "monthly",
          {
              usccField(), displayNameField(),
              monthPeriod("缴存月份", {"汇缴月份", "缴存年月", "汇缴年月"}, "住房公积金汇缴所属月份（如2025-06）"),
              with(field("depositCount", "缴存人数", FieldType::Integer, true, {"正常缴存人数", "汇缴人数", "实缴人数", "缴存职工人数", "deposit_count"}, "当月正常缴存住房公积金的职工人数"), [](FieldSpec& f) { f.maxValue = 10'000'000; }),
              arrearsAmount("截至该月末欠缴的住房公积金金额"),
          },
          {"period"}, "period"};
}

Category utilities() {
  return {"utilities", "水电气", "企业按月的用水、用电、用气缴费与欠费情况，反映实际经营活跃程度", "供水、供电、供气企业", "monthly",
          {
              usccField(), displayNameField(),
              monthPeriod("账期", {"抄表月份", "计费月份", "账单月份", "缴费月份"}, "水、电、气费用的账单月份（如2025-06）"),
              enumField("utility", "类别", true, {"能源类型", "费用类型", "缴费类型", "类型", "品种", "utility_type", "utility", "type"},
                        {ev("water", "水", {"用水", "水费", "自来水"}),
                         ev("electricity", "电", {"用电", "电费", "电力"}),
                         ev("gas", "气", {"用气", "燃气", "天然气", "气费", "燃气费"})}, "费用类别：水、电或气"),
              field("amountPaid", "缴费金额", FieldType::Amount, true, {"实缴金额", "已缴金额", "缴费额", "实收金额", "amount_paid", "paid"}, "该账期实际缴纳的费用"),
              arrearsAmount("截至该账期末欠缴的费用"),
          },
          {"period", "utility"}, "period"};
}

Category licence() {
  return {"licence", "行政许可", "企业取得的行政许可（“双公示”许可信息）", "行政审批服务部门", "on_change",
          {
              usccField(), displayNameField(),
              field("licenceNo", "许可证编号", FieldType::Text, true, {"许可证号", "许可编号", "许可证书编号", "许可文书号", "行政许可决定文书号", "证书编号", "licence_no", "license_no"}, "许可证件或许可决定文书的编号"),
              field("licenceName", "许可证名称", FieldType::Text, true, {"许可名称", "许可事项", "许可证件名称", "许可事项名称", "行政许可决定文书名称", "licence_name", "license_name"}, "许可证件或许可事项的名称，如食品经营许可证"),
              field("issuedOn", "许可日期", FieldType::Date, true, {"发证日期", "许可决定日期", "决定日期", "有效期自", "许可生效期", "issued_on", "issue_date"}, "作出许可决定或发证的日期"),
              with(field("validUntil", "有效期至", FieldType::Date, false, {"有效期截止日期", "截止日期", "有效期截止", "许可截止期", "valid_until", "valid_to", "expires_on"}, "许可有效期的截止日期，长期有效的留空"), [](FieldSpec& f) { f.notBefore = "issuedOn"; }),
              field("authority", "许可机关", FieldType::Text, true, {"发证机关", "许可机关名称", "审批部门", "许可部门", "authority"}, "作出许可决定的机关"),
          },
          {"licenceNo"}, "issuedOn"};
}

Category penalty() {
  return {"penalty", "行政处罚", "企业受到的行政处罚（“双公示”处罚信息）", "市场监管、生态环境、应急管理等执法部门", "on_change",
          {
              usccField(), displayNameField(),
              field("decisionNo", "处罚决定书文号", FieldType::Text, true, {"决定书文号", "行政处罚决定书文号", "处罚文书号", "文书号", "处罚决定文号", "decision_no"}, "行政处罚决定书的文号"),
              field("decidedOn", "处罚决定日期", FieldType::Date, true, {"决定日期", "处罚日期", "作出处罚决定日期", "处罚决定时间", "decided_on", "decision_date"}, "作出行政处罚决定的日期"),
              field("authority", "处罚机关", FieldType::Text, true, {"处罚机关名称", "作出处罚决定机关", "执法部门", "处罚部门", "authority"}, "作出行政处罚决定的机关"),
              with(field("cause", "违法事实", FieldType::Text, true, {"违法行为类型", "处罚事由", "违法行为", "处罚原因", "主要违法事实", "cause"}, "违法行为的类型或主要违法事实"), [](FieldSpec& f) { f.maxChars = 500; }),
              enumField("severity", "违法程度", true, {"情节", "情节轻重", "处罚等级", "违法情节", "severity"},
                        {ev("minor", "轻微", {"轻微违法", "较轻", "情节轻微"}),
                         ev("general", "一般", {"一般违法", "情节一般"}),
                         ev("serious", "严重", {"严重违法", "情节严重", "较重"})}, "违法行为的情节轻重：轻微、一般或严重"),
              field("fineAmount", "罚款金额", FieldType::Amount, false, {"罚没金额", "罚款", "罚款数额", "罚没款金额", "fine_amount", "fine"}, "罚款及没收违法所得的金额合计，无罚款的留空"),
          },
          {"decisionNo"}, "decidedOn"};
}

Category judicial() {
  return {"judicial", "司法", "涉及企业的裁判文书、被执行人和失信被执行人信息", "人民法院", "on_change",
          {
              usccField(), displayNameField(),
              field("caseNo", "案号", FieldType::Text, true, {"执行案号", "案件编号", "case_no"}, "法院案号，如（2025）豫0802执123号"),
              enumField("kind", "案件类型", true, {"信息类型", "类型", "类别", "case_type", "kind"},
                        {ev("judgment", "判决", {"民事判决", "判决书", "裁判文书"}),
                         ev("enforcement", "被执行", {"被执行人", "执行案件"}),
                         ev("dishonest", "失信被执行人", {"失信", "失信人", "失信被执行"})}, "判决、被执行或失信被执行人"),
              field("filedOn", "立案日期", FieldType::Date, true, {"立案时间", "发布日期", "立案日", "filed_on", "filing_date"}, "法院立案的日期"),
              field("amount", "涉案金额", FieldType::Amount, false, {"执行标的", "标的金额", "标的额", "执行标的金额", "案件金额", "amount"}, "判决金额或执行标的金额"),
              enumField("status", "结案状态", false, {"案件状态", "状态", "执行状态", "status"},
                        {ev("open", "未结", {"未结案", "执行中", "审理中"}),
                         ev("closed", "已结", {"已结案", "结案", "执行完毕", "终本"})}, "案件是否已经审结或执行完毕"),
          },
          {"caseNo", "kind"}, "filedOn"};
}

Category abnormalList() {
  return {"abnormal_list", "经营异常名录/严重违法失信名单", "企业被列入、移出经营异常名录或严重违法失信名单的记录", "市场监督管理部门", "on_change",
          {
              usccField(), displayNameField(),
              enumField("listType", "名录类型", true, {"列入类型", "名单类型", "类型", "list_type"},
                        {ev("abnormal", "经营异常名录", {"经营异常", "异常名录", "经营异常名录企业"}),
                         ev("serious", "严重违法失信名单", {"严重违法失信", "严重违法失信企业名单", "严重违法", "严重违法失信主体名单"})}, "经营异常名录或严重违法失信名单"),
              with(field("reason", "列入原因", FieldType::Text, true, {"列入经营异常名录原因", "列入事由", "原因", "列入原因类型", "reason"}, "被列入名录或名单的原因"), [](FieldSpec& f) { f.maxChars = 500; }),
              field("listedOn", "列入日期", FieldType::Date, true, {"列入时间", "作出决定日期", "列入决定日期", "listed_on"}, "作出列入决定的日期"),
              with(field("removedOn", "移出日期", FieldType::Date, false, {"移出时间", "移出决定日期", "removed_on"}, "移出名录或名单的日期，未移出的留空"), [](FieldSpec& f) { f.notBefore = "listedOn"; }),
              field("authority", "作出决定机关", FieldType::Text, true, {"决定机关", "列入机关", "作出决定机关(列入)", "authority"}, "作出列入决定的机关"),
          },
          {"listType", "listedOn"}, "listedOn"};
}

Category intellectualProperty() {
  return {"ip", "知识产权", "企业拥有的专利、商标、软件著作权及知识产权质押登记", "市场监督管理部门（知识产权）", "on_change",
          {
              usccField(), displayNameField(),
              enumField("kind", "知识产权类型", true, {"类型", "类别", "权利类型", "ip_type", "kind"},
                        {ev("invention", "发明专利", {"发明"}),
                         ev("utility", "实用新型", {"实用新型专利"}),
                         ev("design", "外观设计", {"外观设计专利"}),
                         ev("trademark", "商标", {"注册商标"}),
                         ev("software", "软件著作权", {"计算机软件著作权", "软著"}),
                         ev("pledge", "知识产权质押", {"质押", "专利权质押", "商标权质押", "知识产权质押登记"})}, "专利（发明、实用新型、外观设计）、商标、软件著作权或知识产权质押"),
              field("number", "登记号", FieldType::Text, true, {"专利号", "注册号", "商标注册号", "证书号", "登记号/证书号", "质押登记号", "number"}, "专利号、商标注册号、软件著作权登记号或质押登记号"),
              with(field("title", "知识产权名称", FieldType::Text, true, {"专利名称", "商标名称", "软件名称", "作品名称", "标题", "title"}, "专利、商标或软件的名称"), [](FieldSpec& f) { f.maxChars = 300; }),
              field("grantedOn", "授权日期", FieldType::Date, true, {"授权公告日", "授权日", "注册日期", "登记日期", "质押登记日期", "granted_on"}, "授权公告、注册或登记的日期"),
              field("pledgeAmount", "质押金额", FieldType::Amount, false, {"出质金额", "质押融资金额", "担保金额", "pledge_amount"}, "知识产权质押融资的金额，质押登记时填写"),
          },
          {"kind", "number"}, "grantedOn"};
}

Category honour() {
  return {"honour", "资质荣誉", "企业获得的高新技术企业、专精特新等资质认定和荣誉", "科技、工业和信息化部门", "yearly",
          {
              usccField(), displayNameField(),
              enumField("kind", "资质类型", true, {"荣誉类型", "认定类型", "资质名称", "类别", "类型", "kind"},
                        {ev("hightech", "高新技术企业", {"国家高新技术企业", "高企"}),
                         ev("specialised", "专精特新中小企业", {"专精特新", "专精特新企业"}),
                         ev("little_giant", "专精特新\"小巨人\"", {"小巨人", "专精特新小巨人", "专精特新“小巨人”", "专精特新“小巨人”企业", "专精特新\"小巨人\"企业", "专精特新小巨人企业"}),
                         ev("tech_sme", "科技型中小企业", {"科技型企业"}),
                         ev("other", "其他", {"其它"})}, "资质或荣誉的种类"),
              enumField("level", "级别", false, {"认定级别", "层级", "级次", "level"},
                        {ev("national", "国家级", {"国家", "国家级别"}),
                         ev("provincial", "省级", {"省", "省级别"}),
                         ev("municipal", "市级", {"市", "市级别"})}, "认定机关的级别"),
              field("certificateNo", "证书编号", FieldType::Text, false, {"证书号", "认定编号", "证书号码", "certificate_no"}, "资质证书或认定文件的编号"),
              field("awardedOn", "认定日期", FieldType::Date, true, {"发证日期", "认定时间", "公布日期", "获得日期", "awarded_on"}, "认定、公布或发证的日期"),
              with(field("validUntil", "有效期至", FieldType::Date, false, {"有效期截止日期", "截止日期", "valid_until", "valid_to"}, "资质有效期的截止日期"), [](FieldSpec& f) { f.notBefore = "awardedOn"; }),
          },
          {"kind", "awardedOn"}, "awardedOn"};
}

}  // namespace

const std::vector<Category>& catalogue() {
  static const std::vector<Category> all = {registration(), tax(), socialInsurance(), housingFund(),
                                            utilities(), licence(), penalty(), judicial(),
                                            abnormalList(), intellectualProperty(), honour()};
  return all;
}

const Category* findCategory(std::string_view code) {
  for (const auto& c : catalogue())
    if (c.code == code) return &c;
  return nullptr;
}

std::string_view fieldTypeName(FieldType t) {
  switch (t) {
    case FieldType::Text: return "text";
    case FieldType::Uscc: return "uscc";
    case FieldType::Date: return "date";
    case FieldType::Month: return "month";
    case FieldType::Period: return "period";
    case FieldType::Year: return "year";
    case FieldType::Amount: return "amount";
    case FieldType::Integer: return "integer";
    case FieldType::Enum: return "enum";
    case FieldType::Bool: return "bool";
  }
  return "text";
}

int fieldIndex(const Category& c, std::string_view key) {
  for (std::size_t i = 0; i < c.fields.size(); ++i)
    if (c.fields[i].key == key) return static_cast<int>(i);
  return -1;
}

const FieldSpec* findField(const Category& c, std::string_view key) {
  int i = fieldIndex(c, key);
  return i < 0 ? nullptr : &c.fields[static_cast<std::size_t>(i)];
}

}  // namespace jinfu::collect
