#include "registry/regions.hpp"

#include "platform/csv.hpp"
#include "platform/embedded.hpp"

#include <map>
#include <stdexcept>

namespace jinfu::registry {
namespace {

const std::map<std::string, std::string, std::less<>>& regions() {
  static const std::map<std::string, std::string, std::less<>> m = [] {
    constexpr std::string_view kPath = "data/reference/jiaozuo-divisions.csv";
    auto content = embedded::find(kPath);
    if (!content) throw std::logic_error("embedded file missing: " + std::string(kPath));
    std::map<std::string, std::string, std::less<>> m;
    CsvTable t = CsvTable::parse(*content);
    for (size_t r = 0; r < t.rows(); ++r) m.emplace(t.at(r, "code"), t.at(r, "name"));
    return m;
  }();
  return m;
}

}  // namespace

const std::string* regionName(std::string_view code) {
  auto it = regions().find(code);
  return it == regions().end() ? nullptr : &it->second;
}

bool isKnownRegion(std::string_view code) { return regionName(code) != nullptr; }

std::vector<std::string> regionNames() {
  std::vector<std::string> out;
  for (const auto& [code, name] : regions()) out.push_back(name);
  return out;
}

}  // namespace jinfu::registry
