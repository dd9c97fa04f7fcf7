#include "finance/eligibility.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace jinfu::finance {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view suffix = "") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "、") + i + std::string(suffix);
  return out;
}

bool startsWithAny(const std::string& value, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](const auto& p) { return value.starts_with(p); });
}

std::string_view sizeZh(std::string_view s) {
  if (s == "large") return "大型";
  if (s == "medium") return "中型";
  if (s == "small") return "小型";
  if (s == "micro") return "微型";
  return s;
}

std::string_view guaranteeZh(std::string_view g) {
  if (g == "credit") return "信用";
  if (g == "mortgage") return "抵押";
  if (g == "guarantee") return "保证";
  if (g == "pledge") return "质押";
  return g;
}

std::string wan(int64_t fen) {
  std::string s = fmt::format("{:.2f}", static_cast<double>(fen) / 1e6);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " 万元";
}

std::string rate(int bp) { return fmt::format("{:.2f}%", bp / 100.0); }

}  // namespace

int taxGradeRank(std::string_view g) {
  if (g == "A") return 4;
  if (g == "B") return 3;
  if (g == "M") return 2;
  if (g == "C") return 1;
  if (g == "D") return 0;
  return -1;
}

Match match(const Product& p, const Profile& e, const Need& need, const std::vector<std::string>& gradeOrder) {
  Match m;
  m.product = &p;
  const Rules& r = p.rules;
  auto add = [&](std::string rule, std::string ruleZh, Outcome outcome, std::string value, std::string threshold) {
    m.rules.push_back({std::move(rule), std::move(ruleZh), outcome, std::move(value), std::move(threshold)});
  };
  auto pass = [](bool ok) { return ok ? Outcome::Pass : Outcome::Fail; };

  if (!r.regionPrefixes.empty())
    add("region", "所在区域", pass(startsWithAny(e.regionCode, r.regionPrefixes)), e.regionCode,
        joined(r.regionPrefixes, "*"));
  if (!r.industryPrefixes.empty())
    add("industry", "所属行业", pass(startsWithAny(e.industryCode, r.industryPrefixes)), e.industryCode,
        joined(r.industryPrefixes, "*"));
  if (!r.sizeClasses.empty()) {
    std::vector<std::string> names;
    for (const auto& s : r.sizeClasses) names.emplace_back(sizeZh(s));
    if (!e.sizeClass) add("size", "企业规模", Outcome::Unknown, "未归集", joined(names));
    else
      add("size", "企业规模",
          pass(std::find(r.sizeClasses.begin(), r.sizeClasses.end(), *e.sizeClass) != r.sizeClasses.end()),
          std::string(sizeZh(*e.sizeClass)), joined(names));
  }
  if (r.minYears) {
    std::string threshold = fmt::format("不少于 {:g} 年", *r.minYears);
    if (!e.years) add("years", "成立年限", Outcome::Unknown, "未归集", threshold);
    else add("years", "成立年限", pass(*e.years >= *r.minYears), fmt::format("{:.1f} 年", *e.years), threshold);
  }
  if (r.minTaxGrade) {
    std::string threshold = "不低于 " + *r.minTaxGrade + "级";
    if (!e.taxGrade) add("tax_grade", "纳税信用等级", Outcome::Unknown, "未归集", threshold);
    else
      add("tax_grade", "纳税信用等级", pass(taxGradeRank(*e.taxGrade) >= taxGradeRank(*r.minTaxGrade)),
          *e.taxGrade + "级", threshold);
  }
  if (r.minTaxPaid12mFen) {
    std::string threshold = "不少于 " + wan(*r.minTaxPaid12mFen);
    if (!e.taxPaid12mFen) add("tax_paid", "近12个月纳税额", Outcome::Unknown, "未归集", threshold);
    else add("tax_paid", "近12个月纳税额", pass(*e.taxPaid12mFen >= *r.minTaxPaid12mFen), wan(*e.taxPaid12mFen), threshold);
  }
  if (r.minInsured) {
    std::string threshold = fmt::format("不少于 {} 人", *r.minInsured);
    if (!e.insured) add("insured", "参保人数", Outcome::Unknown, "未归集", threshold);
    else add("insured", "参保人数", pass(*e.insured >= *r.minInsured), fmt::format("{} 人", *e.insured), threshold);
  }
  if (r.minCreditGrade) {
    std::string threshold = "不低于 " + *r.minCreditGrade + " 级";
    auto rankOf = [&](const std::string& g) {
      auto it = std::find(gradeOrder.begin(), gradeOrder.end(), g);
      return it == gradeOrder.end() ? -1 : static_cast<int>(gradeOrder.end() - it);  // best is highest
    };
    if (!e.creditGrade || rankOf(*e.creditGrade) < 0) add("credit_grade", "信用等级", Outcome::Unknown, "未评分", threshold);
    else
      add("credit_grade", "信用等级", pass(rankOf(*e.creditGrade) >= rankOf(*r.minCreditGrade)), *e.creditGrade + " 级",
          threshold);
  }
  if (r.noDishonest) {
    if (!e.dishonest) add("dishonest", "失信被执行人", Outcome::Unknown, "未归集", "不得为失信被执行人");
    else add("dishonest", "失信被执行人", pass(!*e.dishonest), *e.dishonest ? "是" : "否", "不得为失信被执行人");
  }
  if (r.noSeriousIllegal) {
    if (!e.seriousIllegal) add("serious_illegal", "严重违法失信名单", Outcome::Unknown, "未归集", "不得列入");
    else
      add("serious_illegal", "严重违法失信名单", pass(!*e.seriousIllegal), *e.seriousIllegal ? "已列入" : "未列入",
          "不得列入");
  }
  add("amount", "融资金额", pass(need.amountFen >= p.minAmountFen && need.amountFen <= p.maxAmountFen),
      wan(need.amountFen), wan(p.minAmountFen) + "–" + wan(p.maxAmountFen));
  add("term", "融资期限", pass(need.termMonths >= p.minTermMonths && need.termMonths <= p.maxTermMonths),
      fmt::format("{} 个月", need.termMonths), fmt::format("{}–{} 个月", p.minTermMonths, p.maxTermMonths));
  // A credit product asks for nothing; any other needs one of its guarantees from the enterprise.
  bool creditOnly = std::find(p.guarantees.begin(), p.guarantees.end(), "credit") != p.guarantees.end();
  bool offered = creditOnly || std::any_of(need.guarantees.begin(), need.guarantees.end(), [&](const auto& g) {
                   return std::find(p.guarantees.begin(), p.guarantees.end(), g) != p.guarantees.end();
                 });
  std::vector<std::string> offeredZh, acceptedZh;
  for (const auto& g : need.guarantees) offeredZh.emplace_back(guaranteeZh(g));
  for (const auto& g : p.guarantees) acceptedZh.emplace_back(guaranteeZh(g));
  add("guarantee", "担保方式", pass(offered), offeredZh.empty() ? "无" : joined(offeredZh), joined(acceptedZh));

  m.eligible = std::all_of(m.rules.begin(), m.rules.end(), [](const auto& o) { return o.outcome == Outcome::Pass; });
  return m;
}

std::vector<Ranked> rank(const std::vector<Match>& matches, const std::vector<BankRecord>& records) {
  std::vector<Ranked> out;
  for (size_t i = 0; i < matches.size(); ++i)
    if (matches[i].eligible) out.push_back({matches[i], i < records.size() ? records[i] : BankRecord{}, {}});
  auto key = [](const Ranked& r) {
    const Product& p = *r.match.product;
    return std::make_tuple(p.minRateBp, p.approvalWorkdays, r.record.responseWorkdays.value_or(1e9),
                           -r.record.approvalRate.value_or(-1.0));
  };
  std::stable_sort(out.begin(), out.end(), [&](const Ranked& a, const Ranked& b) { return key(a) < key(b); });
  for (auto& r : out) {
    const Product& p = *r.match.product;
    r.why = fmt::format("年利率 {}–{}；承诺 {} 个工作日审批", rate(p.minRateBp), rate(p.maxRateBp), p.approvalWorkdays);
    if (r.record.responseWorkdays) r.why += fmt::format("；该行平均 {:.1f} 个工作日响应", *r.record.responseWorkdays);
    if (r.record.approvalRate) r.why += fmt::format("，批准率 {:.0f}%", *r.record.approvalRate * 100);
  }
  return out;
}

}  // namespace jinfu::finance
