#include "finance/product/product_json.hpp"
#include "platform/json.hpp"

#include <algorithm>

namespace jinfu::finance {

using nlohmann::json;

namespace {
}  // namespace

json named(const std::vector<Named>& list) {
  json out = json::array();
  for (const auto& n : list) out.push_back({{"code", n.code}, {"zh", n.zh}});
  return out;
}

json codesWithNames(const std::vector<std::string>& codes, const std::vector<Named>& list) {
  json out = json::array();
  for (const auto& c : codes) out.push_back({{"code", c}, {"zh", nameOf(list, c)}});
  return out;
}

json productJson(const ProductRow& p, Date today) {
  json out = toJson(p.spec);
  auto rate = effectiveRate(p.spec, today);
  out["id"] = p.id;
  out["bank"] = {{"id", p.bankId}, {"name", p.bankName}};
  out["status"] = code(p.status);
  out["statusZh"] = zh(p.status);
  out["kindZh"] = nameOf(productKinds(), p.spec.kind);
  out["repaymentZh"] = codesWithNames(p.spec.repayment, repaymentMethods());
  out["guaranteesZh"] = codesWithNames(p.spec.guarantees, guaranteeKinds());
  out["effectiveRate"] = {{"minBp", rate.minBp}, {"maxBp", rate.maxBp}, {"lprBp", orNull(rate.lprBp)}};
  out["createdAt"] = p.createdAt;
  out["updatedAt"] = p.updatedAt;
  out["publishedAt"] = orNull(p.publishedAt);
  return out;
}

json matchingJson(const Matching& m, Date today) {
  json items = json::array();
  for (size_t i = 0; i < m.products.size(); ++i) {
    json rules = json::array();
    for (const auto& r : m.matches[i].rules)
      rules.push_back({{"rule", r.rule},
                       {"ruleZh", r.ruleZh},
                       {"outcome", r.outcome == Outcome::Pass ? "pass" : r.outcome == Outcome::Fail ? "fail" : "unknown"},
                       {"outcomeZh", r.outcome == Outcome::Pass ? "符合" : r.outcome == Outcome::Fail ? "不符合" : "无法判断"},
                       {"value", r.value},
                       {"threshold", r.threshold}});
    bool fails = std::any_of(m.matches[i].rules.begin(), m.matches[i].rules.end(),
                             [](const RuleOutcome& r) { return r.outcome == Outcome::Fail; });
    items.push_back({{"product", productJson(m.products[i], today)},
                     {"eligible", m.matches[i].eligible},
                     {"verdict", m.matches[i].eligible ? "eligible" : fails ? "ineligible" : "unknown"},
                     {"rules", rules}});
  }
  json ranked = json::array();
  for (size_t k = 0; k < m.ranked.size(); ++k) {
    const auto& r = m.ranked[k];
    ranked.push_back({{"rank", k + 1},
                      {"productId", m.rankedIds[k]},
                      {"why", m.rankedWhy[k]},
                      {"responseWorkdays", orNull(r.record.responseWorkdays)},
                      {"approvalRate", orNull(r.record.approvalRate)}});
  }
  json profile = {{"regionCode", m.profile.regionCode}, {"industryCode", m.profile.industryCode}};
  profile["sizeClass"] = orNull(m.profile.sizeClass);
  profile["years"] = orNull(m.profile.years);
  profile["taxGrade"] = orNull(m.profile.taxGrade);
  profile["taxPaid12mFen"] = orNull(m.profile.taxPaid12mFen);
  profile["insured"] = orNull(m.profile.insured);
  profile["creditGrade"] = orNull(m.profile.creditGrade);
  return {{"profile", profile}, {"items", items}, {"ranked", ranked}};
}

}  // namespace jinfu::finance
