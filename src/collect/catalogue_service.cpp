#include "collect/catalogue_service.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "collect/catalogue.hpp"
#include "collect/collect_json.hpp"
#include "collect/provider_store.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/organisation_directory.hpp"
#include "platform/auth/principal.hpp"
#include "platform/db/database.hpp"
#include "platform/errors.hpp"

namespace jinfu::collect {

using nlohmann::json;

namespace {

json idsJson(const std::vector<ProviderOrg>& providers) {
  json ids = json::array();
  for (const auto& p : providers) ids.push_back(p.id);
  return {{"providers", ids}};
}

}  // namespace

json CatalogueService::catalogue() {
  auto conn = db_.lease();
  auto configured = ProviderStore::configured(*conn);
  return catalogueJson(ProviderStore::all(*conn, configured), configured);
}

void CatalogueService::setProviders(const audit::Actor& actor, const std::string& category,
                                    const std::vector<int64_t>& providerIds) {
  const Category* c = findCategory(category);
  if (!c) throw ApiError::notFound({"数据类别不存在。", "No such category."});
  std::vector<int64_t> ids = providerIds;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty())
    throw ApiError::validation({{"providers", {"请至少指定一个提供部门。", "Name at least one provider."}}});
  runner_.write(actor, [&](soci::session& tx, command::Effects& effects) {
    auto before = ProviderStore::of(tx, category);
    for (int64_t id : ids)
      if (auth::OrganisationDirectory::kindOf(tx, id) != "provider")
        throw ApiError::validation({{"providers", {"机构 " + std::to_string(id) + " 不存在或不是数据提供部门。",
                                                   "Organisation " + std::to_string(id) + " is not a data provider."}}});
    ProviderStore::set(tx, category, ids);
    auto after = ProviderStore::of(tx, category);
    effects.audit({std::string(audit::action::kCollectProviders), "success", "collect_category", category,
                   idsJson(before).dump(), idsJson(after).dump(),
                   "「" + c->zh + "」的提供部门：" + namesOf(after)});
  });
}

void CatalogueService::checkSubmitter(const auth::Principal& caller, const audit::Actor& actor,
                                      const std::string& category) {
  if (caller.orgKind != auth::OrgKind::Provider) return;
  const Category* c = findCategory(category);
  if (!c) return;
  std::vector<ProviderOrg> providers;
  {
    auto conn = db_.lease();
    providers = ProviderStore::of(*conn, category);
  }
  if (provides(providers, caller.organisationId)) return;
  std::string why = "贵部门不是「" + c->zh + "」数据的提供部门，不能报送该类数据；该类别由" + namesOf(providers) +
                    "提供。如需调整，请联系平台运营方。";
  audit_.record(actor, {std::string(audit::action::kAccessDenied), "denied", "collect_category", category,
                        std::nullopt, std::nullopt, why});
  throw ApiError(403, "category_not_provided", statusTitle(403),
                 {why, "Your department does not provide " + c->code + " data."});
}

}  // namespace jinfu::collect
