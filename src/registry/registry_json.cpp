#include "registry/registry_json.hpp"
#include "platform/json.hpp"

#include <cstdio>

#include "platform/dictionary.hpp"
#include "registry/industry.hpp"
#include "registry/regions.hpp"
#include "registry/size_class.hpp"

namespace jinfu::registry {

using nlohmann::json;

namespace {

std::string nameOrEmpty(const std::string* s) { return s ? *s : std::string(); }

// 万元 with two decimals, "" when unknown.
std::string wan(const std::optional<int64_t>& fen) {
  if (!fen) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(*fen) / 1e6);
  return buf;
}

json masked(const char* field, const std::optional<std::string>& value, bool full) {
  return value ? json(maskedField(field, *value, full)) : json(nullptr);
}

}  // namespace

json summaryJson(const Summary& s) { return {{"enterprises", s.enterprises}, {"banks", s.banks}, {"parks", s.parks}}; }

json banksJson(const std::vector<RegistryStore::Bank>& banks) {
  json items = json::array();
  for (const auto& b : banks) items.push_back({{"id", b.id}, {"name", b.name}, {"shortName", orNull(b.shortName)}});
  return {{"items", items}};
}

json enterpriseListJson(const EnterpriseRecord& e) {
  return {{"id", e.id},
          {"uscc", e.uscc},
          {"name", e.name},
          {"regionCode", e.regionCode},
          {"regionName", nameOrEmpty(regionName(e.regionCode))},
          {"industrySection", e.industrySection},
          {"industryDivision", e.industryDivision},
          {"industryName", nameOrEmpty(industryDivisionName(e.industryDivision))},
          {"sizeClass", orNull(e.sizeClass)},
          {"status", e.status},
          {"establishedOn", e.establishedOn},
          {"registeredCapitalFen", orNull(e.registeredCapitalFen)},
          {"parkId", orNull(e.parkId)},
          {"parkName", orNull(e.parkName)}};
}

json enterpriseJson(const EnterpriseRecord& e, bool full) {
  json body = enterpriseListJson(e);
  json former = json::array();
  for (const auto& n : e.formerNames) former.push_back({{"name", n.name}, {"until", n.until}});
  body["formerNames"] = former;
  body["entityType"] = orNull(e.entityType);
  body["legalRepresentative"] = masked("legalRepresentative", e.legalRepresentative, full);
  body["address"] = e.address;
  body["industryCode"] = orNull(e.industryCode);
  body["industrySectionName"] = nameOrEmpty(industrySectionName(e.industrySection));
  body["employees"] = orNull(e.employees);
  body["annualRevenueFen"] = orNull(e.annualRevenueFen);
  body["totalAssetsFen"] = orNull(e.totalAssetsFen);
  auto size = classifySize(e.industryCode.value_or(e.industrySection + e.industryDivision), e.employees,
                           e.annualRevenueFen, e.totalAssetsFen);
  body["sizeRule"] = {{"standard", std::string(kSizeStandardZh)},
                      {"industry", size.industry},
                      {"reason", e.sizeRule.value_or(size.reasonZh)}};
  body["contactName"] = masked("contactName", e.contactName, full);
  body["contactMobile"] = masked("contactMobile", e.contactMobile, full);
  body["updatedAt"] = orNull(e.updatedAt);
  return body;
}

json filterJson(const EnterpriseFilter& f) {
  json d = json::object();
  if (!f.q.empty()) d["q"] = f.q;
  if (!f.region.empty()) d["region"] = f.region;
  if (!f.industry.empty()) d["industry"] = f.industry;
  if (!f.size.empty()) d["size"] = f.size;
  if (!f.status.empty()) d["status"] = f.status;
  if (f.parkId) d["park"] = *f.parkId;
  return d;
}

std::vector<xlsx::Column> exportColumns() {
  return {{"统一社会信用代码", 22}, {"企业名称", 40}, {"所属区域", 14}, {"行业门类", 24},
          {"行业大类", 28},         {"企业规模", 10}, {"登记状态", 12}, {"成立日期", 12},
          {"注册资本（万元）", 16}, {"所属园区", 24}, {"住所", 50}};
}

std::vector<std::string> exportRow(const EnterpriseRecord& e) {
  return {e.uscc,
          e.name,
          nameOrEmpty(regionName(e.regionCode)),
          e.industrySection + " " + nameOrEmpty(industrySectionName(e.industrySection)),
          e.industryDivision + " " + nameOrEmpty(industryDivisionName(e.industryDivision)),
          std::string(sizeClassZh(e.sizeClass.value_or(""))),
          std::string(dict::label("enterprise_status", e.status)),
          e.establishedOn,
          wan(e.registeredCapitalFen),
          e.parkName.value_or(""),
          e.address};
}

}  // namespace jinfu::registry
