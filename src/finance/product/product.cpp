#include "finance/product/product.hpp"
#include "platform/json.hpp"

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
#include "platform/http/fields.hpp"
#include "platform/text.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

constexpr int64_t kMaxAmountFen = 100'000'000'000'00LL;  // 1000 亿元: far above any SME loan
constexpr size_t kMaxDescription = 2000;

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

bool known(const std::vector<Named>& list, std::string_view c) {
  return std::any_of(list.begin(), list.end(), [&](const Named& n) { return n.code == c; });
}

std::string codesOf(const std::vector<Named>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : "、") + std::string(n.code) + " " + std::string(n.zh);
  return out;
}

http::FieldReader::ItemCheck oneOf(const std::vector<Named>& list, std::string_view label) {
  return [&list, label = std::string(label)](const std::string& s) {
    return known(list, s) ? std::string() : fmt::format("“{}”不是可选的{}（可选：{}）。", s, label, codesOf(list));
  };
}

const std::vector<Named>& namedList(std::string_view dictionary) {
  // Built once per dictionary from the one table; the views point into its static storage.
  static std::mutex mutex;
  static std::map<std::string_view, std::vector<Named>> lists;
  std::lock_guard lock(mutex);
  auto [it, fresh] = lists.try_emplace(dictionary);
  if (fresh)
    if (const auto* d = dict::dictionary(dictionary))
      for (const auto& e : d->entries) it->second.push_back({e.value, e.label});
  return it->second;
}

const std::vector<Named>& productKinds() {
  static const auto& list = namedList("product_kind");
  return list;
}
const std::vector<Named>& repaymentMethods() {
  static const auto& list = namedList("repayment_method");
  return list;
}
const std::vector<Named>& guaranteeKinds() {
  static const auto& list = namedList("guarantee_kind");
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
std::string_view zh(ProductStatus s) { return dict::label("product_status", code(s)); }
std::optional<ProductStatus> productStatusByCode(std::string_view c) {
  for (auto s : {ProductStatus::Draft, ProductStatus::Published, ProductStatus::Withdrawn})
    if (code(s) == c) return s;
  return std::nullopt;
}

ProductStatus decide(ProductStatus from, ProductStatus to) {
  bool legal = (to == ProductStatus::Published && from != ProductStatus::Published) ||
               (to == ProductStatus::Withdrawn && from == ProductStatus::Published);
  if (!legal)
    throw ApiError(409, "illegal_transition", statusTitle(409),
                   {fmt::format("产品当前为“{}”，不能{}。", zh(from), to == ProductStatus::Published ? "上架" : "下架"),
                    fmt::format("The product is {}.", code(from))});
  return to;
}

bool mayEdit(ProductStatus s) { return s != ProductStatus::Published; }

ProductSpec readProduct(const json& body, const std::vector<std::string>& creditGrades) {
  http::FieldReader r(body);
  ProductSpec p;
  p.name = r.text("name", http::Need::Required, 60, "产品名称");
  p.kind = r.text("kind", http::Need::Required, 40, "产品类型");
  if (!p.kind.empty() && !known(productKinds(), p.kind))
    r.fail("kind", fmt::format("“{}”不是可选的产品类型（可选：{}）。", p.kind, codesOf(productKinds())),
           "Unknown product kind.");
  p.description = r.text("description", http::Need::Optional, kMaxDescription, "产品说明");
  auto minA = r.integer("minAmountFen", http::Need::Required, 1, kMaxAmountFen, "最低金额（分）");
  auto maxA = r.integer("maxAmountFen", http::Need::Required, 1, kMaxAmountFen, "最高金额（分）");
  if (minA && maxA && *minA > *maxA)
    r.fail("maxAmountFen", "最高金额不能低于最低金额。", "maxAmountFen is below minAmountFen.");
  p.minAmountFen = minA.value_or(0);
  p.maxAmountFen = maxA.value_or(0);
  auto minT = r.integer("minTermMonths", http::Need::Required, 1, 360, "最短期限", " 个月");
  auto maxT = r.integer("maxTermMonths", http::Need::Required, 1, 360, "最长期限", " 个月");
  if (minT && maxT && *minT > *maxT) r.fail("maxTermMonths", "最长期限不能短于最短期限。", "maxTermMonths is below minTermMonths.");
  p.minTermMonths = static_cast<int>(minT.value_or(0));
  p.maxTermMonths = static_cast<int>(maxT.value_or(0));
  p.rateKind = r.text("rateKind", http::Need::Optional, 10, "利率方式");
  if (p.rateKind.empty()) p.rateKind = "fixed";
  bool lpr = p.rateKind == "lpr";
  if (p.rateKind != "fixed" && !lpr)
    r.fail("rateKind", "利率方式应为 fixed（固定年利率）或 lpr（LPR 加点）。", "rateKind must be fixed or lpr.");
  // A fixed rate lies in (0, 36 %]; an LPR spread in [-LPR, +20 %].
  int64_t lo = lpr ? -300 : 1, hi = lpr ? 2000 : 3600;
  auto minR = r.integer("minRateBp", http::Need::Required, lo, hi, lpr ? "最低加点（基点）" : "最低年利率（基点）");
  auto maxR = r.integer("maxRateBp", http::Need::Required, lo, hi, lpr ? "最高加点（基点）" : "最高年利率（基点）");
  if (minR && maxR && *minR > *maxR) r.fail("maxRateBp", "最高利率不能低于最低利率。", "maxRateBp is below minRateBp.");
  p.minRateBp = static_cast<int>(minR.value_or(0));
  p.maxRateBp = static_cast<int>(maxR.value_or(0));
  p.repayment = r.texts("repayment", http::Need::Required, "还款方式", oneOf(repaymentMethods(), "还款方式"));
  p.guarantees = r.texts("guarantees", http::Need::Required, "担保方式", oneOf(guaranteeKinds(), "担保方式"));
  p.materials = r.texts("materials", http::Need::Optional, "所需材料", [](const std::string& s) {
    if (s.empty()) return std::string("材料名称不能为空。");
    if (text::lengthInChars(s) > 60) return std::string("每项材料名称不能超过 60 个字。");
    if (text::hasControl(s)) return std::string("材料名称含有控制字符。");
    return std::string();
  });
  p.approvalWorkdays = static_cast<int>(r.integer("approvalWorkdays", http::Need::Required, 1, 60, "承诺审批时限", " 个工作日").value_or(0));

  const json* rules = r.get("rules");
  if (rules && !rules->is_object()) {
    r.fail("rules", "准入条件应为对象。", "rules must be an object.");
  } else if (rules) {
    http::FieldReader q(*rules, "rules.");
    auto& out = p.rules;
    out.regionPrefixes = q.texts("regions", http::Need::Optional, "区域", [](const std::string& s) {
      return isRegionPrefix(s) ? std::string() : "“" + s + "”不是行政区划代码前缀（2 到 6 位数字）。";
    });
    out.industryPrefixes = q.texts("industries", http::Need::Optional, "行业", [](const std::string& s) {
      return isIndustryPrefix(s) ? std::string()
                                 : "“" + s + "”不是国民经济行业分类代码前缀（门类字母，可跟大类数字，如 C、C35）。";
    });
    out.sizeClasses = q.texts("sizeClasses", http::Need::Optional, "企业规模", [](const std::string& s) {
      return s == "large" || s == "medium" || s == "small" || s == "micro"
                 ? std::string()
                 : "“" + s + "”不是企业规模（large、medium、small、micro）。";
    });
    out.minYears = q.number("minYears", 0, 100, "最低成立年限");
    auto tax = q.text("minTaxGrade", http::Need::Optional, 1, "最低纳税信用等级");
    if (!tax.empty()) {
      if (taxGradeRank(tax) < 0) q.fail("minTaxGrade", "纳税信用等级应为 A、B、M、C 或 D。", "minTaxGrade must be A, B, M, C or D.");
      else out.minTaxGrade = tax;
    }
    if (auto v = q.integer("minTaxPaid12mFen", http::Need::Optional, 0, kMaxAmountFen, "近 12 个月最低纳税额（分）")) out.minTaxPaid12mFen = *v;
    if (auto v = q.integer("minInsured", http::Need::Optional, 0, 1'000'000, "最低参保人数")) out.minInsured = *v;
    auto grade = q.text("minCreditGrade", http::Need::Optional, 10, "最低信用等级");
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
    r.merge(q);
  }
  r.check();
  return p;
}

json specJson(const ProductSpec& p) {
  json rules = {{"regions", p.rules.regionPrefixes},
                {"industries", p.rules.industryPrefixes},
                {"sizeClasses", p.rules.sizeClasses},
                {"noDishonest", p.rules.noDishonest},
                {"noSeriousIllegal", p.rules.noSeriousIllegal}};
  rules["minYears"] = orNull(p.rules.minYears);
  rules["minTaxGrade"] = orNull(p.rules.minTaxGrade);
  rules["minTaxPaid12mFen"] = orNull(p.rules.minTaxPaid12mFen);
  rules["minInsured"] = orNull(p.rules.minInsured);
  rules["minCreditGrade"] = orNull(p.rules.minCreditGrade);
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
