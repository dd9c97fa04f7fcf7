#include "finance/market.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <functional>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/embedded.hpp"
#include "platform/errors.hpp"
#include "platform/text.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

constexpr int64_t kMaxAmountFen = 100'000'000'000'00LL;  // 1000 亿元: far above any SME loan
constexpr size_t kMaxText = 200, kMaxDescription = 2000, kMaxList = 50;

// Text as people type it: surrounding spaces (also full-width ones) dropped, counted in
// characters, not bytes; control characters refused (they break lists and exports).
std::string trim(const std::string& s) {
  size_t begin = 0, end = s.size();
  while (begin < end) {
    size_t i = begin;
    if (!text::isUnicodeSpace(text::decodeUtf8(s, i))) break;
    begin = i;
  }
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t i = start;
    if (!text::isUnicodeSpace(text::decodeUtf8(s, i))) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}
size_t codePoints(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    text::decodeUtf8(s, i);
    ++n;
  }
  return n;
}
bool hasControl(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) < 0x20) || c == 0x7f; });
}

bool known(const std::vector<Named>& list, std::string_view c) {
  return std::any_of(list.begin(), list.end(), [&](const Named& n) { return n.code == c; });
}

std::string codesOf(const std::vector<Named>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : "、") + std::string(n.code) + " " + std::string(n.zh);
  return out;
}

// Reads fields of a JSON object and collects every problem, so that one answer names them all.
class Reader {
 public:
  Reader(const json& obj, std::string prefix) : obj_(obj), prefix_(std::move(prefix)) {}

  std::string field(std::string_view name) const { return prefix_ + std::string(name); }
  const json* get(std::string_view name) const {
    auto it = obj_.find(name);
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }
  void fail(std::string_view name, std::string zhText, std::string enText) {
    errors.push_back({field(name), {std::move(zhText), std::move(enText)}});
  }

  std::string text(std::string_view name, bool required, size_t maxChars, std::string_view label) {
    const json* v = get(name);
    if (!v) {
      if (required) fail(name, fmt::format("请填写{}。", label), fmt::format("{} is required.", name));
      return {};
    }
    if (!v->is_string()) {
      fail(name, fmt::format("{}应为文本。", label), fmt::format("{} must be text.", name));
      return {};
    }
    std::string s = trim(v->get<std::string>());
    if (required && s.empty()) fail(name, fmt::format("请填写{}。", label), fmt::format("{} is required.", name));
    if (codePoints(s) > maxChars)
      fail(name, fmt::format("{}不能超过 {} 个字。", label, maxChars), fmt::format("{} is too long.", name));
    if (hasControl(s)) fail(name, fmt::format("{}含有控制字符。", label), fmt::format("{} has control characters.", name));
    return s;
  }

  std::optional<int64_t> integer(std::string_view name, bool required, int64_t lo, int64_t hi, std::string_view label,
                                 std::string_view unit = "") {
    const json* v = get(name);
    if (!v) {
      if (required) fail(name, fmt::format("请填写{}。", label), fmt::format("{} is required.", name));
      return std::nullopt;
    }
    if (!v->is_number_integer()) {
      fail(name, fmt::format("{}应为整数{}。", label, unit), fmt::format("{} must be an integer.", name));
      return std::nullopt;
    }
    int64_t x = v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)
                    ? INT64_MAX
                    : v->get<int64_t>();
    if (x < lo || x > hi) {
      fail(name, fmt::format("{}应在 {} 到 {}{}之间。", label, lo, hi, unit.empty() ? std::string_view(" ") : unit),
           fmt::format("{} must be between {} and {}.", name, lo, hi));
      return std::nullopt;
    }
    return x;
  }

  std::optional<double> number(std::string_view name, double lo, double hi, std::string_view label) {
    const json* v = get(name);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      fail(name, fmt::format("{}应为数字。", label), fmt::format("{} must be a number.", name));
      return std::nullopt;
    }
    double x = v->get<double>();
    if (!(x >= lo && x <= hi)) {
      fail(name, fmt::format("{}应在 {} 到 {} 之间。", label, lo, hi), fmt::format("{} is out of range.", name));
      return std::nullopt;
    }
    return x;
  }

  std::optional<bool> boolean(std::string_view name, std::string_view label) {
    const json* v = get(name);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
      fail(name, fmt::format("{}应为 true 或 false。", label), fmt::format("{} must be a boolean.", name));
      return std::nullopt;
    }
    return v->get<bool>();
  }

  // A list of texts; each checked by `ok` (empty reason = fine). Repeats are dropped.
  std::vector<std::string> texts(std::string_view name, bool required, std::string_view label,
                                 const std::function<std::string(const std::string&)>& ok, size_t maxItems = kMaxList) {
    std::vector<std::string> out;
    const json* v = get(name);
    if (!v || (v->is_array() && v->empty())) {
      if (required) fail(name, fmt::format("请至少选择一项{}。", label), fmt::format("{} needs at least one item.", name));
      return out;
    }
    if (!v->is_array()) {
      fail(name, fmt::format("{}应为数组。", label), fmt::format("{} must be an array.", name));
      return out;
    }
    if (v->size() > maxItems) {
      fail(name, fmt::format("{}最多 {} 项。", label, maxItems), fmt::format("{} has too many items.", name));
      return out;
    }
    for (size_t i = 0; i < v->size(); ++i) {
      const auto& item = (*v)[i];
      std::string at = fmt::format("{}[{}]", name, i);
      if (!item.is_string()) {
        fail(at, fmt::format("{}的每一项应为文本。", label), "Each item must be text.");
        continue;
      }
      std::string s = trim(item.get<std::string>());
      std::string why = ok(s);
      if (!why.empty()) {
        fail(at, why, fmt::format("{} is not accepted.", at));
        continue;
      }
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    }
    return out;
  }

  std::vector<FieldError> errors;

 private:
  const json& obj_;
  std::string prefix_;
};

std::function<std::string(const std::string&)> oneOf(const std::vector<Named>& list, std::string_view label) {
  return [&list, label](const std::string& s) {
    return known(list, s) ? std::string() : fmt::format("“{}”不是可选的{}（可选：{}）。", s, label, codesOf(list));
  };
}

bool isIndustryPrefix(const std::string& s) {
  if (s.empty() || s.size() > 5 || s[0] < 'A' || s[0] > 'T') return false;
  return std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool isRegionPrefix(const std::string& s) {
  return s.size() >= 2 && s.size() <= 6 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct LprTable {
  std::map<int, int> byMonth;  // year*12+month-1 → basis points
};

const LprTable& lprTable() {
  static const LprTable table = [] {
    LprTable t;
    auto content = embedded::find("data/reference/lpr.csv");
    if (!content) return t;
    std::string_view rest = *content;
    bool header = true;
    while (!rest.empty()) {
      auto nl = rest.find('\n');
      std::string_view line = rest.substr(0, nl);
      rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
      if (header) {
        header = false;
        continue;
      }
      // 2024-01,3.45,4.20
      if (line.size() < 12 || line[4] != '-') continue;
      int y = 0, m = 0;
      std::from_chars(line.data(), line.data() + 4, y);
      std::from_chars(line.data() + 5, line.data() + 7, m);
      auto comma = line.find(',');
      auto comma2 = line.find(',', comma + 1);
      std::string pct(line.substr(comma + 1, comma2 - comma - 1));
      int bp = static_cast<int>(std::lround(std::stod(pct) * 100));
      t.byMonth[y * 12 + m - 1] = bp;
    }
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<Named>& productKinds() {
  static const std::vector<Named> list = {{"credit", "信用贷"},       {"mortgage", "抵押贷"},
                                          {"guarantee", "担保贷"},    {"ip_pledge", "知识产权质押"},
                                          {"supply_chain", "供应链"}, {"tax", "税易贷"},
                                          {"policy", "政策性贷款"}};
  return list;
}
const std::vector<Named>& repaymentMethods() {
  static const std::vector<Named> list = {{"equal_installment", "等额本息"},
                                          {"equal_principal", "等额本金"},
                                          {"interest_first", "先息后本"},
                                          {"bullet", "到期一次还本付息"},
                                          {"revolving", "随借随还"}};
  return list;
}
const std::vector<Named>& guaranteeKinds() {
  static const std::vector<Named> list = {
      {"credit", "信用"}, {"mortgage", "抵押"}, {"guarantee", "保证"}, {"pledge", "质押"}};
  return list;
}
const std::vector<Named>& urgencies() {
  static const std::vector<Named> list = {{"normal", "一般"}, {"urgent", "较急"}, {"very_urgent", "紧急"}};
  return list;
}
std::string_view nameOf(const std::vector<Named>& list, std::string_view c) {
  for (const auto& n : list)
    if (n.code == c) return n.zh;
  return c;
}

std::string_view code(ProductStatus s) {
  return s == ProductStatus::Draft ? "draft" : s == ProductStatus::Published ? "published" : "withdrawn";
}
std::string_view zh(ProductStatus s) {
  return s == ProductStatus::Draft ? "草稿" : s == ProductStatus::Published ? "已上架" : "已下架";
}
std::optional<ProductStatus> productStatusByCode(std::string_view c) {
  for (auto s : {ProductStatus::Draft, ProductStatus::Published, ProductStatus::Withdrawn})
    if (code(s) == c) return s;
  return std::nullopt;
}

ProductSpec readProduct(const json& body, const std::vector<std::string>& creditGrades) {
  Reader r(body, "");
  ProductSpec p;
  p.name = r.text("name", true, 60, "产品名称");
  p.kind = r.text("kind", true, 40, "产品类型");
  if (!p.kind.empty() && !known(productKinds(), p.kind))
    r.fail("kind", fmt::format("“{}”不是可选的产品类型（可选：{}）。", p.kind, codesOf(productKinds())),
           "Unknown product kind.");
  p.description = r.text("description", false, kMaxDescription, "产品说明");
  auto minA = r.integer("minAmountFen", true, 1, kMaxAmountFen, "最低金额（分）");
  auto maxA = r.integer("maxAmountFen", true, 1, kMaxAmountFen, "最高金额（分）");
  if (minA && maxA && *minA > *maxA)
    r.fail("maxAmountFen", "最高金额不能低于最低金额。", "maxAmountFen is below minAmountFen.");
  p.minAmountFen = minA.value_or(0);
  p.maxAmountFen = maxA.value_or(0);
  auto minT = r.integer("minTermMonths", true, 1, 360, "最短期限", " 个月");
  auto maxT = r.integer("maxTermMonths", true, 1, 360, "最长期限", " 个月");
  if (minT && maxT && *minT > *maxT) r.fail("maxTermMonths", "最长期限不能短于最短期限。", "maxTermMonths is below minTermMonths.");
  p.minTermMonths = static_cast<int>(minT.value_or(0));
  p.maxTermMonths = static_cast<int>(maxT.value_or(0));
  p.rateKind = r.text("rateKind", false, 10, "利率方式");
  if (p.rateKind.empty()) p.rateKind = "fixed";
  bool lpr = p.rateKind == "lpr";
  if (p.rateKind != "fixed" && !lpr)
    r.fail("rateKind", "利率方式应为 fixed（固定年利率）或 lpr（LPR 加点）。", "rateKind must be fixed or lpr.");
  // A fixed rate lies in (0, 36 %]; an LPR spread in [-LPR, +20 %].
  int64_t lo = lpr ? -300 : 1, hi = lpr ? 2000 : 3600;
  auto minR = r.integer("minRateBp", true, lo, hi, lpr ? "最低加点（基点）" : "最低年利率（基点）");
  auto maxR = r.integer("maxRateBp", true, lo, hi, lpr ? "最高加点（基点）" : "最高年利率（基点）");
  if (minR && maxR && *minR > *maxR) r.fail("maxRateBp", "最高利率不能低于最低利率。", "maxRateBp is below minRateBp.");
  p.minRateBp = static_cast<int>(minR.value_or(0));
  p.maxRateBp = static_cast<int>(maxR.value_or(0));
  p.repayment = r.texts("repayment", true, "还款方式", oneOf(repaymentMethods(), "还款方式"));
  p.guarantees = r.texts("guarantees", true, "担保方式", oneOf(guaranteeKinds(), "担保方式"));
  p.materials = r.texts("materials", false, "所需材料", [](const std::string& s) {
    if (s.empty()) return std::string("材料名称不能为空。");
    if (codePoints(s) > 60) return std::string("每项材料名称不能超过 60 个字。");
    if (hasControl(s)) return std::string("材料名称含有控制字符。");
    return std::string();
  });
  p.approvalWorkdays = static_cast<int>(r.integer("approvalWorkdays", true, 1, 60, "承诺审批时限", " 个工作日").value_or(0));

  const json* rules = r.get("rules");
  if (rules && !rules->is_object()) {
    r.fail("rules", "准入条件应为对象。", "rules must be an object.");
  } else if (rules) {
    Reader q(*rules, "rules.");
    auto& out = p.rules;
    out.regionPrefixes = q.texts("regions", false, "区域", [](const std::string& s) {
      return isRegionPrefix(s) ? std::string() : "“" + s + "”不是行政区划代码前缀（2 到 6 位数字）。";
    });
    out.industryPrefixes = q.texts("industries", false, "行业", [](const std::string& s) {
      return isIndustryPrefix(s) ? std::string()
                                 : "“" + s + "”不是国民经济行业分类代码前缀（门类字母，可跟大类数字，如 C、C35）。";
    });
    out.sizeClasses = q.texts("sizeClasses", false, "企业规模", [](const std::string& s) {
      return s == "large" || s == "medium" || s == "small" || s == "micro"
                 ? std::string()
                 : "“" + s + "”不是企业规模（large、medium、small、micro）。";
    });
    out.minYears = q.number("minYears", 0, 100, "最低成立年限");
    auto tax = q.text("minTaxGrade", false, 1, "最低纳税信用等级");
    if (!tax.empty()) {
      if (taxGradeRank(tax) < 0) q.fail("minTaxGrade", "纳税信用等级应为 A、B、M、C 或 D。", "minTaxGrade must be A, B, M, C or D.");
      else out.minTaxGrade = tax;
    }
    if (auto v = q.integer("minTaxPaid12mFen", false, 0, kMaxAmountFen, "近 12 个月最低纳税额（分）")) out.minTaxPaid12mFen = *v;
    if (auto v = q.integer("minInsured", false, 0, 1'000'000, "最低参保人数")) out.minInsured = *v;
    auto grade = q.text("minCreditGrade", false, 10, "最低信用等级");
    if (!grade.empty()) {
      if (std::find(creditGrades.begin(), creditGrades.end(), grade) == creditGrades.end()) {
        std::string all;
        for (const auto& g : creditGrades) all += (all.empty() ? "" : "、") + g;
        q.fail("minCreditGrade", fmt::format("信用等级应为当前评分卡的等级之一（{}）。", all), "Unknown credit grade.");
      } else {
        out.minCreditGrade = grade;
      }
    }
    out.noDishonest = q.boolean("noDishonest", "无失信被执行人记录").value_or(true);
    out.noSeriousIllegal = q.boolean("noSeriousIllegal", "无严重违法失信记录").value_or(true);
    r.errors.insert(r.errors.end(), q.errors.begin(), q.errors.end());
  }
  if (!r.errors.empty()) throw ApiError::validation(std::move(r.errors));
  return p;
}

json specJson(const ProductSpec& p) {
  json rules = {{"regions", p.rules.regionPrefixes},
                {"industries", p.rules.industryPrefixes},
                {"sizeClasses", p.rules.sizeClasses},
                {"noDishonest", p.rules.noDishonest},
                {"noSeriousIllegal", p.rules.noSeriousIllegal}};
  rules["minYears"] = p.rules.minYears ? json(*p.rules.minYears) : json(nullptr);
  rules["minTaxGrade"] = p.rules.minTaxGrade ? json(*p.rules.minTaxGrade) : json(nullptr);
  rules["minTaxPaid12mFen"] = p.rules.minTaxPaid12mFen ? json(*p.rules.minTaxPaid12mFen) : json(nullptr);
  rules["minInsured"] = p.rules.minInsured ? json(*p.rules.minInsured) : json(nullptr);
  rules["minCreditGrade"] = p.rules.minCreditGrade ? json(*p.rules.minCreditGrade) : json(nullptr);
  return {{"description", p.description},
          {"repayment", p.repayment},
          {"guarantees", p.guarantees},
          {"materials", p.materials},
          {"rules", rules}};
}

void readSpecJson(const json& spec, ProductSpec& p) {
  auto strings = [](const json& j, const char* key) {
    std::vector<std::string> out;
    if (auto it = j.find(key); it != j.end() && it->is_array())
      for (const auto& s : *it)
        if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
  };
  if (!spec.is_object()) return;
  if (auto it = spec.find("description"); it != spec.end() && it->is_string()) p.description = it->get<std::string>();
  p.repayment = strings(spec, "repayment");
  p.guarantees = strings(spec, "guarantees");
  p.materials = strings(spec, "materials");
  auto rit = spec.find("rules");
  if (rit == spec.end() || !rit->is_object()) return;
  const json& r = *rit;
  p.rules.regionPrefixes = strings(r, "regions");
  p.rules.industryPrefixes = strings(r, "industries");
  p.rules.sizeClasses = strings(r, "sizeClasses");
  if (auto it = r.find("minYears"); it != r.end() && it->is_number()) p.rules.minYears = it->get<double>();
  if (auto it = r.find("minTaxGrade"); it != r.end() && it->is_string()) p.rules.minTaxGrade = it->get<std::string>();
  if (auto it = r.find("minTaxPaid12mFen"); it != r.end() && it->is_number_integer())
    p.rules.minTaxPaid12mFen = it->get<int64_t>();
  if (auto it = r.find("minInsured"); it != r.end() && it->is_number_integer()) p.rules.minInsured = it->get<int64_t>();
  if (auto it = r.find("minCreditGrade"); it != r.end() && it->is_string()) p.rules.minCreditGrade = it->get<std::string>();
  if (auto it = r.find("noDishonest"); it != r.end() && it->is_boolean()) p.rules.noDishonest = it->get<bool>();
  if (auto it = r.find("noSeriousIllegal"); it != r.end() && it->is_boolean()) p.rules.noSeriousIllegal = it->get<bool>();
}

json toJson(const ProductSpec& p) {
  json out = specJson(p);
  out["name"] = p.name;
  out["kind"] = p.kind;
  out["minAmountFen"] = p.minAmountFen;
  out["maxAmountFen"] = p.maxAmountFen;
  out["minTermMonths"] = p.minTermMonths;
  out["maxTermMonths"] = p.maxTermMonths;
  out["rateKind"] = p.rateKind;
  out["minRateBp"] = p.minRateBp;
  out["maxRateBp"] = p.maxRateBp;
  out["approvalWorkdays"] = p.approvalWorkdays;
  return out;
}

std::optional<int> lpr1yBp(Date day) {
  const auto& t = lprTable().byMonth;
  int key = day.year() * 12 + day.month() - 1;
  auto it = t.upper_bound(key);
  if (it == t.begin()) return std::nullopt;
  return std::prev(it)->second;
}

RateRange effectiveRate(const ProductSpec& spec, Date day) {
  if (spec.rateKind != "lpr") return {spec.minRateBp, spec.maxRateBp, std::nullopt};
  int base = lpr1yBp(day).value_or(0);
  return {base + spec.minRateBp, base + spec.maxRateBp, base};
}

DemandSpec readDemand(const json& body) {
  Reader r(body, "");
  DemandSpec d;
  // Checked in 万元 words: people type 万元 and read the message beside that field.
  if (const json* a = r.get("amountFen"); a && a->is_number_integer() &&
                                          (a->get<int64_t>() < 100'000 || a->get<int64_t>() > kMaxAmountFen))
    r.fail("amountFen", "融资金额应在 0.1 万元到 1000 亿元之间。", "amountFen is out of range.");
  else
    d.amountFen = r.integer("amountFen", true, 100'000, kMaxAmountFen, "融资金额（分）").value_or(0);
  d.termMonths = static_cast<int>(r.integer("termMonths", true, 1, 360, "融资期限", " 个月").value_or(0));
  d.purpose = r.text("purpose", true, kMaxText, "资金用途");
  d.urgency = r.text("urgency", false, 20, "紧急程度");
  if (d.urgency.empty()) d.urgency = "normal";
  else if (!known(urgencies(), d.urgency))
    r.fail("urgency", fmt::format("“{}”不是可选的紧急程度（可选：{}）。", d.urgency, codesOf(urgencies())),
           "Unknown urgency.");
  d.guarantees = r.texts("guarantees", false, "可提供的担保方式", oneOf(guaranteeKinds(), "担保方式"));
  if (std::find(d.guarantees.begin(), d.guarantees.end(), "credit") == d.guarantees.end())
    d.guarantees.insert(d.guarantees.begin(), "credit");
  if (const json* b = r.get("preferredBankIds")) {
    if (!b->is_array() || b->size() > 20) {
      r.fail("preferredBankIds", "意向银行应为不超过 20 项的银行编号数组。", "preferredBankIds must be an array of up to 20 ids.");
    } else {
      for (size_t i = 0; i < b->size(); ++i) {
        const auto& v = (*b)[i];
        if (!v.is_number_integer() || v.get<int64_t>() <= 0)
          r.fail(fmt::format("preferredBankIds[{}]", i), "银行编号应为正整数。", "A bank id is a positive integer.");
        else if (std::find(d.preferredBankIds.begin(), d.preferredBankIds.end(), v.get<int64_t>()) ==
                 d.preferredBankIds.end())
          d.preferredBankIds.push_back(v.get<int64_t>());
      }
    }
  }
  if (auto p = r.integer("productId", false, 1, INT64_MAX, "申请的产品编号")) d.productId = *p;
  d.contactName = r.text("contactName", false, 30, "联系人");
  d.contactPhone = r.text("contactPhone", false, 20, "联系电话");
  if (!d.contactPhone.empty() &&
      !std::all_of(d.contactPhone.begin(), d.contactPhone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' '; }))
    r.fail("contactPhone", "联系电话只能包含数字、空格、“-”和“+”。", "contactPhone has invalid characters.");
  if (!r.errors.empty()) throw ApiError::validation(std::move(r.errors));
  return d;
}

json specJson(const DemandSpec& d) {
  return {{"guarantees", d.guarantees},
          {"preferredBankIds", d.preferredBankIds},
          {"contactName", d.contactName},
          {"contactPhone", d.contactPhone}};
}

void readSpecJson(const json& spec, DemandSpec& d) {
  if (!spec.is_object()) return;
  if (auto it = spec.find("guarantees"); it != spec.end() && it->is_array())
    for (const auto& g : *it)
      if (g.is_string()) d.guarantees.push_back(g.get<std::string>());
  if (auto it = spec.find("preferredBankIds"); it != spec.end() && it->is_array())
    for (const auto& b : *it)
      if (b.is_number_integer()) d.preferredBankIds.push_back(b.get<int64_t>());
  if (auto it = spec.find("contactName"); it != spec.end() && it->is_string()) d.contactName = it->get<std::string>();
  if (auto it = spec.find("contactPhone"); it != spec.end() && it->is_string()) d.contactPhone = it->get<std::string>();
}

Product forMatching(int64_t id, const std::string& bankName, const ProductSpec& spec, Date day) {
  Product p;
  p.id = id;
  p.name = spec.name;
  p.bankName = bankName;
  p.minAmountFen = spec.minAmountFen;
  p.maxAmountFen = spec.maxAmountFen;
  p.minTermMonths = spec.minTermMonths;
  p.maxTermMonths = spec.maxTermMonths;
  auto rate = effectiveRate(spec, day);
  p.minRateBp = rate.minBp;
  p.maxRateBp = rate.maxBp;
  p.guarantees = spec.guarantees;
  p.approvalWorkdays = spec.approvalWorkdays;
  p.rules = spec.rules;
  return p;
}

}  // namespace jinfu::finance
