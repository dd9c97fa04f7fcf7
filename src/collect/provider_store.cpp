#include "collect/provider_store.hpp"

#include <soci/soci.h>

#include "platform/auth/organisation_directory.hpp"
#include "platform/db/database.hpp"

namespace jinfu::collect {
namespace {

std::vector<ProviderOrg> providerOrganisations(soci::session& s) {
  std::vector<ProviderOrg> out;
  for (const auto& [id, name] : auth::OrganisationDirectory::providers(s)) out.push_back({id, name});
  return out;
}

}  // namespace

std::map<std::string, std::vector<int64_t>> ProviderStore::configured(soci::session& s) {
  std::map<std::string, std::vector<int64_t>> out;
  db::Query q("SELECT category, organisation_id FROM collect_category_providers ORDER BY category, organisation_id");
  for (const auto& r : q.rows(s)) {
    std::string category;
    int64_t id = 0;
    db::Row(r).into(category, id);
    out[category].push_back(id);
  }
  return out;
}

void ProviderStore::set(soci::session& tx, const std::string& category, const std::vector<int64_t>& organisationIds) {
  tx << "DELETE FROM collect_category_providers WHERE category = :c", soci::use(category);
  for (int64_t id : organisationIds) {
    long long organisation = id;
    tx << "INSERT INTO collect_category_providers (category, organisation_id) VALUES (:c, :o)", soci::use(category),
        soci::use(organisation);
  }
}

std::map<std::string, std::vector<ProviderOrg>> ProviderStore::all(
    soci::session& s, const std::map<std::string, std::vector<int64_t>>& chosen) {
  return providersByCategory(chosen, providerOrganisations(s));
}

std::vector<ProviderOrg> ProviderStore::of(soci::session& s, const std::string& category) {
  auto chosen = configured(s);
  auto it = chosen.find(category);
  return providersOf(category, it == chosen.end() ? std::vector<int64_t>{} : it->second, providerOrganisations(s));
}

}  // namespace jinfu::collect
