#include "registry/demo.hpp"

#include <charconv>
#include <map>
#include <stdexcept>

#include "platform/clock.hpp"
#include "platform/csv.hpp"
#include "platform/embedded.hpp"
#include "platform/uscc.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::registry {
namespace {

CsvTable bundled(const char* path) {
  auto content = embedded::find(path);
  if (!content) throw std::invalid_argument(std::string("缺少演示数据文件 ") + path);
  return CsvTable::parse(*content);
}

[[noreturn]] void bad(const char* file, size_t line, const std::string& what) {
  throw std::invalid_argument(std::string(file) + " 第 " + std::to_string(line) + " 行：" + what);
}

std::optional<int64_t> optionalNumber(const std::string& text, const char* file, size_t line) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) bad(file, line, "数值无效：" + text);
  return value;
}

}  // namespace

DemoReport loadDemo(db::Database& db, const std::string& now) {
  static const char* kOrgFile = "data/demo/organisations.csv";
  static const char* kEntFile = "data/demo/enterprises.csv";
  auto orgTable = bundled(kOrgFile);
  auto entTable = bundled(kEntFile);

  std::vector<NewOrganisation> organisations;
  for (size_t r = 0; r < orgTable.rows(); ++r) {
    NewOrganisation o{orgTable.at(r, "kind"), orgTable.at(r, "name"), orgTable.at(r, "short_name"),
                      orgTable.at(r, "region_code"), std::nullopt, std::nullopt};
    if (const auto& parent = orgTable.at(r, "parent_name"); !parent.empty()) o.parentName = parent;
    organisations.push_back(std::move(o));
  }

  std::vector<Registration> enterprises;
  std::map<std::string, std::string> usccByName;
  for (size_t r = 0; r < entTable.rows(); ++r) {
    size_t line = entTable.lineOf(r);
    auto code = Uscc::parse(entTable.at(r, "uscc"));
    if (!code) bad(kEntFile, line, "统一社会信用代码无效：" + code.issue().reasonZh);
    if (!Date::parse(entTable.at(r, "established_on"))) bad(kEntFile, line, "成立日期无效");
    Registration e;
    e.uscc = std::string(code.value().str());
    e.name = entTable.at(r, "name");
    e.regionCode = entTable.at(r, "region_code");
    e.industryCode = entTable.at(r, "industry_section") + entTable.at(r, "industry_division");
    e.establishedOn = entTable.at(r, "established_on");
    e.registeredCapitalFen = optionalNumber(entTable.at(r, "registered_capital_fen"), kEntFile, line);
    e.employees = optionalNumber(entTable.at(r, "employees"), kEntFile, line);
    e.annualRevenueFen = optionalNumber(entTable.at(r, "annual_revenue_fen"), kEntFile, line);
    e.totalAssetsFen = optionalNumber(entTable.at(r, "total_assets_fen"), kEntFile, line);
    e.status = entTable.at(r, "status");
    if (const auto& park = entTable.at(r, "park_name"); !park.empty()) e.parkName = park;
    if (const auto& address = entTable.at(r, "address"); !address.empty()) e.address = address;
    usccByName[e.name] = e.uscc;
    enterprises.push_back(std::move(e));
  }
  // An enterprise organisation (whose staff log in) is tied to its market entity by the code.
  for (size_t r = 0; r < organisations.size(); ++r) {
    auto& o = organisations[r];
    if (o.kind != "enterprise") continue;
    auto it = usccByName.find(o.name);
    if (it == usccByName.end()) bad(kOrgFile, orgTable.lineOf(r), "企业机构在 enterprises.csv 中不存在：" + o.name);
    o.uscc = it->second;
  }

  auto inserted = RegistryStore(db).insertMissing(organisations, enterprises, now);
  return {inserted.organisations, inserted.enterprises};
}

}  // namespace jinfu::registry
