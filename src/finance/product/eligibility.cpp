#include "finance/product/eligibility.hpp"

#include <algorithm>
#include <cstring>
#include <tuple>

#include <fmt/format.h>

#include "platform/dictionary.hpp"

namespace jinfu::finance {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view suffix = "") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "、") + i + std::string(suffix);
  return out;
}

// The labels come from the one dictionary; an unknown code reads as itself.
std::string_view sizeZh(std::string_view s) { return dict::label("size_class", s); }
std::string_view guaranteeZh(std::string_view g) { return dict::label("guarantee_kind", g); }

std::string rate(int bp) { return fmt::format("{:.2f}%", bp / 100.0); }

}  // namespace

std::string wan(int64_t fen) {
  std::string s = fmt::format("{:.2f}", static_cast<double>(fen) / 1e6);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " 万元";
}

int taxGradeRank(std::string_view g) {
  if (g == "A") return 4;
  if (g == "B") return 3;
  if (g == "M") return 2;
  if (g == "C") return 1;
  if (g == "D") return 0;
  return -1;
}

std::string_view code(Rule r) {
  static constexpr std::string_view kCodes[] = {"region",      "industry",     "size",      "years",
                                                "tax_grade",   "tax_paid",     "insured",   "credit_grade",
                                                "dishonest",   "serious_illegal", "amount", "term",
                                                "guarantee"};
  return kCodes[static_cast<size_t>(r)];
}

std::string_view zh(Rule r) { return dict::label("eligibility_rule", code(r)); }

namespace {

// Best grade highest; -1 for a grade the scorecard does not have.
int gradeRank(const std::vector<std::string>& order, const std::string& g) {
  auto it = std::find(order.begin(), order.end(), g);
  return it == order.end() ? -1 : static_cast<int>(order.end() - it);
}

uint8_t sizeBit(std::string_view s) {
  return s == "large" ? 1 : s == "medium" ? 2 : s == "small" ? 4 : s == "micro" ? 8 : 0;
}

uint8_t guaranteeBit(std::string_view g) {
  return g == "credit" ? 1 : g == "mortgage" ? 2 : g == "guarantee" ? 4 : g == "pledge" ? 8 : 16;
}
constexpr uint8_t kCreditBit = 1;

bool startsWithAnyPrefix(const std::string& value, const std::vector<std::string>& prefixes) {
  for (const auto& p : prefixes)
    if (value.size() >= p.size() && std::memcmp(value.data(), p.data(), p.size()) == 0) return true;
  return false;
}

}  // namespace

PreparedProduct prepare(const Product& p, const std::vector<std::string>& gradeOrder) {
  PreparedProduct out;
  out.product = &p;
  const Rules& r = p.rules;
  out.minAmountFen = p.minAmountFen;
  out.maxAmountFen = p.maxAmountFen;
  out.minTermMonths = static_cast<int16_t>(std::clamp(p.minTermMonths, -1, 30000));
  out.maxTermMonths = static_cast<int16_t>(std::clamp(p.maxTermMonths, -1, 30000));
  if (r.minTaxPaid12mFen) out.minTaxPaid12mFen = *r.minTaxPaid12mFen;
  if (r.minInsured) out.minInsured = *r.minInsured;
  if (r.minYears) out.minYears = *r.minYears;
  for (const auto& s : r.sizeClasses) out.sizeMask |= sizeBit(s);
  if (!r.sizeClasses.empty() && out.sizeMask == 0) out.sizeMask = 0x80;  // only unknown sizes: none fits
  for (const auto& g : p.guarantees) out.guaranteeMask |= guaranteeBit(g);
  if (r.minTaxGrade) out.minTaxRank = static_cast<int8_t>(std::max(0, taxGradeRank(*r.minTaxGrade)));
  if (r.minCreditGrade) {
    out.creditRule = true;
    out.minCreditRank = gradeRank(gradeOrder, *r.minCreditGrade);
  }
  out.noDishonest = r.noDishonest;
  out.noSeriousIllegal = r.noSeriousIllegal;
  auto inline_ = [](const std::vector<std::string>& from, uint8_t& count, auto& to) {
    bool fits = from.size() <= PreparedProduct::kInlinePrefixes &&
                std::all_of(from.begin(), from.end(), [](const auto& x) { return x.size() <= 7; });
    count = fits ? static_cast<uint8_t>(from.size()) : 0xFF;  // 0xFF: read the product's own list
    if (!fits) return;
    for (size_t i = 0; i < from.size(); ++i) {
      std::memcpy(to[i].text.data(), from[i].data(), from[i].size());
      to[i].size = static_cast<uint8_t>(from[i].size());
    }
  };
  inline_(r.regionPrefixes, out.regionCount, out.regions);
  inline_(r.industryPrefixes, out.industryCount, out.industries);
  return out;
}

PreparedProfile prepare(const Profile& e, const Need& need, const std::vector<std::string>& gradeOrder) {
  PreparedProfile out;
  out.profile = &e;
  out.need = &need;
  if (e.sizeClass) out.sizeBit = sizeBit(*e.sizeClass);
  if (e.taxGrade) out.taxRank = static_cast<int8_t>(taxGradeRank(*e.taxGrade));
  if (e.creditGrade) out.creditRank = gradeRank(gradeOrder, *e.creditGrade);
  for (const auto& g : need.guarantees) out.offeredMask |= guaranteeBit(g);
  return out;
}

namespace {

// Whether `value` starts with one of the prepared prefixes (or, past the inline ones, the list's).
bool startsWithOne(const std::string& value, uint8_t count, const std::array<PreparedProduct::Prefix, 4>& inlined,
                   const std::vector<std::string>& all) {
  if (count == 0xFF) return startsWithAnyPrefix(value, all);
  for (uint8_t i = 0; i < count; ++i)
    if (value.size() >= inlined[i].size && std::memcmp(value.data(), inlined[i].text.data(), inlined[i].size) == 0)
      return true;
  return false;
}

}  // namespace

Verdict evaluate(const PreparedProduct& pp, const PreparedProfile& pe) {
  const Profile& e = *pe.profile;
  const Need& need = *pe.need;
  Verdict v;
  uint16_t passed = 0, failed = 0;  // bit sets, so that the verdict needs no second pass
  auto set = [&](Rule rule, Outcome o) {
    auto bit = static_cast<uint16_t>(1u << static_cast<unsigned>(rule));
    v.outcome[static_cast<size_t>(rule)] = o;
    v.applies |= bit;
    passed |= o == Outcome::Pass ? bit : 0;
    failed |= o == Outcome::Fail ? bit : 0;
  };
  auto pass = [](bool ok) { return ok ? Outcome::Pass : Outcome::Fail; };
  // Unknown when the platform lacks the value, otherwise the comparison.
  auto known = [&](bool has, bool ok) { return has ? pass(ok) : Outcome::Unknown; };

  if (pp.regionCount)
    set(Rule::Region, pass(startsWithOne(e.regionCode, pp.regionCount, pp.regions, pp.product->rules.regionPrefixes)));
  if (pp.industryCount)
    set(Rule::Industry,
        pass(startsWithOne(e.industryCode, pp.industryCount, pp.industries, pp.product->rules.industryPrefixes)));
  if (pp.sizeMask) set(Rule::Size, known(pe.sizeBit != 0, (pp.sizeMask & pe.sizeBit) != 0));
  if (pp.minYears >= 0) set(Rule::Years, known(e.years.has_value(), e.years && *e.years >= pp.minYears));
  if (pp.minTaxRank >= 0) set(Rule::TaxGrade, known(pe.taxRank >= 0, pe.taxRank >= pp.minTaxRank));
  if (pp.minTaxPaid12mFen >= 0)
    set(Rule::TaxPaid, known(e.taxPaid12mFen.has_value(), e.taxPaid12mFen && *e.taxPaid12mFen >= pp.minTaxPaid12mFen));
  if (pp.minInsured >= 0) set(Rule::Insured, known(e.insured.has_value(), e.insured && *e.insured >= pp.minInsured));
  if (pp.creditRule) set(Rule::CreditGrade, known(pe.creditRank >= 0, pe.creditRank >= pp.minCreditRank));
  if (pp.noDishonest) set(Rule::Dishonest, known(e.dishonest.has_value(), e.dishonest && !*e.dishonest));
  if (pp.noSeriousIllegal)
    set(Rule::SeriousIllegal, known(e.seriousIllegal.has_value(), e.seriousIllegal && !*e.seriousIllegal));
  set(Rule::Amount, pass(need.amountFen >= pp.minAmountFen && need.amountFen <= pp.maxAmountFen));
  set(Rule::Term, pass(need.termMonths >= pp.minTermMonths && need.termMonths <= pp.maxTermMonths));
  // A credit product asks for nothing; any other needs one of its guarantees from the enterprise.
  set(Rule::Guarantee, pass((pp.guaranteeMask & kCreditBit) || (pp.guaranteeMask & pe.offeredMask & ~kCreditBit)));

  v.eligible = passed == v.applies;
  v.fails = failed != 0;
  return v;
}

Verdict evaluate(const Product& p, const Profile& e, const Need& need, const std::vector<std::string>& gradeOrder) {
  return evaluate(prepare(p, gradeOrder), prepare(e, need, gradeOrder));
}

Match match(const Product& p, const Profile& e, const Need& need, const std::vector<std::string>& gradeOrder) {
  const Verdict v = evaluate(p, e, need, gradeOrder);
  Match m;
  m.product = &p;
  m.eligible = v.eligible;
  const Rules& r = p.rules;
  auto text = [&](Rule rule) -> std::pair<std::string, std::string> {  // value, threshold
    switch (rule) {
      case Rule::Region: return {e.regionCode, joined(r.regionPrefixes, "*")};
      case Rule::Industry: return {e.industryCode, joined(r.industryPrefixes, "*")};
      case Rule::Size: {
        std::vector<std::string> names;
        for (const auto& s : r.sizeClasses) names.emplace_back(sizeZh(s));
        return {e.sizeClass ? std::string(sizeZh(*e.sizeClass)) : "未归集", joined(names)};
      }
      case Rule::Years:
        return {e.years ? fmt::format("{:.1f} 年", *e.years) : "未归集", fmt::format("不少于 {:g} 年", *r.minYears)};
      case Rule::TaxGrade: return {e.taxGrade ? *e.taxGrade + "级" : "未归集", "不低于 " + *r.minTaxGrade + "级"};
      case Rule::TaxPaid:
        return {e.taxPaid12mFen ? wan(*e.taxPaid12mFen) : "未归集", "不少于 " + wan(*r.minTaxPaid12mFen)};
      case Rule::Insured:
        return {e.insured ? fmt::format("{} 人", *e.insured) : "未归集", fmt::format("不少于 {} 人", *r.minInsured)};
      case Rule::CreditGrade: {
        bool scored = e.creditGrade && gradeRank(gradeOrder, *e.creditGrade) >= 0;
        return {scored ? *e.creditGrade + " 级" : "未评分", "不低于 " + *r.minCreditGrade + " 级"};
      }
      case Rule::Dishonest:
        return {e.dishonest ? (*e.dishonest ? "是" : "否") : "未归集", "不得为失信被执行人"};
      case Rule::SeriousIllegal:
        return {e.seriousIllegal ? (*e.seriousIllegal ? "已列入" : "未列入") : "未归集", "不得列入"};
      case Rule::Amount: return {wan(need.amountFen), wan(p.minAmountFen) + "–" + wan(p.maxAmountFen)};
      case Rule::Term:
        return {fmt::format("{} 个月", need.termMonths), fmt::format("{}–{} 个月", p.minTermMonths, p.maxTermMonths)};
      case Rule::Guarantee: {
        std::vector<std::string> offeredZh, acceptedZh;
        for (const auto& g : need.guarantees) offeredZh.emplace_back(guaranteeZh(g));
        for (const auto& g : p.guarantees) acceptedZh.emplace_back(guaranteeZh(g));
        return {offeredZh.empty() ? "无" : joined(offeredZh), joined(acceptedZh)};
      }
    }
    return {};
  };
  for (size_t i = 0; i < kRuleCount; ++i) {
    auto rule = static_cast<Rule>(i);
    if (!v.checks(rule)) continue;
    auto [value, threshold] = text(rule);
    m.rules.push_back({std::string(code(rule)), std::string(zh(rule)), v.outcome[i], std::move(value), std::move(threshold)});
  }
  return m;
}

std::vector<Ranked> rank(const std::vector<const Product*>& eligible, const std::vector<BankRecord>& records) {
  // The keys side by side with the position, so that sorting moves small values and the
  // position keeps ties in the given order.
  struct Key {
    int rate, days;
    double response, negApproval;
    uint32_t at;
    bool operator<(const Key& o) const {
      return std::tie(rate, days, response, negApproval, at) < std::tie(o.rate, o.days, o.response, o.negApproval, o.at);
    }
  };
  std::vector<Key> keys;
  keys.reserve(eligible.size());
  for (size_t i = 0; i < eligible.size(); ++i) {
    const BankRecord r = i < records.size() ? records[i] : BankRecord{};
    keys.push_back({eligible[i]->minRateBp, eligible[i]->approvalWorkdays, r.responseWorkdays.value_or(1e9),
                    -r.approvalRate.value_or(-1.0), static_cast<uint32_t>(i)});
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Ranked> out;
  out.reserve(keys.size());
  for (const auto& k : keys) out.push_back({eligible[k.at], k.at < records.size() ? records[k.at] : BankRecord{}});
  return out;
}

std::string why(const Ranked& r) {
  const Product& p = *r.product;
  std::string out = fmt::format("年利率 {}–{}；承诺 {} 个工作日审批", rate(p.minRateBp), rate(p.maxRateBp), p.approvalWorkdays);
  if (r.record.responseWorkdays)
    out += *r.record.responseWorkdays < 0.5 ? std::string("；该行通常当天响应")
                                            : fmt::format("；该行平均 {:.1f} 个工作日响应", *r.record.responseWorkdays);
  if (r.record.approvalRate) out += fmt::format("，批准率 {:.0f}%", *r.record.approvalRate * 100);
  return out;
}

}  // namespace jinfu::finance
