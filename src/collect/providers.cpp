#include "collect/providers.hpp"

#include <algorithm>
#include <utility>

#include "collect/catalogue.hpp"

namespace jinfu::collect {

const std::vector<std::string_view>& defaultProviderWords(std::string_view category) {
  // Beside each category's catalogue entry (its `provider` text says the same in prose).
  static const std::vector<std::pair<std::string_view, std::vector<std::string_view>>> words = {
      {"registration", {"市场监督管理"}},
      {"tax", {"税务"}},
      {"social_insurance", {"人力资源和社会保障", "社会保险", "社保"}},
      {"housing_fund", {"住房公积金"}},
      {"utilities", {"供电", "供水", "水务", "燃气", "供气"}},
      {"licence", {"行政审批", "政务服务", "市场监督管理"}},  // 市场监管 issues 食品经营许可 and more
      {"penalty", {"市场监督管理", "生态环境", "应急管理"}},
      {"judicial", {"法院"}},
      {"abnormal_list", {"市场监督管理"}},
      {"ip", {"市场监督管理", "知识产权"}},
      {"honour", {"科学技术", "科技局", "工业和信息化"}},
  };
  static const std::vector<std::string_view> none;
  for (const auto& [code, list] : words)
    if (code == category) return list;
  return none;
}

std::vector<ProviderOrg> providersOf(std::string_view category, const std::vector<int64_t>& configured,
                                     const std::vector<ProviderOrg>& providers) {
  std::vector<ProviderOrg> out;
  const auto& words = defaultProviderWords(category);
  for (const auto& p : providers) {
    bool chosen = configured.empty()
                      ? std::any_of(words.begin(), words.end(),
                                    [&](std::string_view w) { return p.name.find(w) != std::string::npos; })
                      : std::find(configured.begin(), configured.end(), p.id) != configured.end();
    if (chosen) out.push_back(p);
  }
  return out;
}

std::map<std::string, std::vector<ProviderOrg>> providersByCategory(
    const std::map<std::string, std::vector<int64_t>>& configured, const std::vector<ProviderOrg>& providers) {
  static const std::vector<int64_t> none;
  std::map<std::string, std::vector<ProviderOrg>> out;
  for (const auto& c : catalogue()) {
    auto it = configured.find(c.code);
    out[c.code] = providersOf(c.code, it == configured.end() ? none : it->second, providers);
  }
  return out;
}

bool provides(const std::vector<ProviderOrg>& providersOfCategory, int64_t organisationId) {
  return std::any_of(providersOfCategory.begin(), providersOfCategory.end(),
                     [&](const ProviderOrg& p) { return p.id == organisationId; });
}

std::string namesOf(const std::vector<ProviderOrg>& providersOfCategory) {
  if (providersOfCategory.empty()) return "（未指定）";
  std::string out;
  for (const auto& p : providersOfCategory) out += (out.empty() ? "" : "、") + p.name;
  return out;
}

}  // namespace jinfu::collect
