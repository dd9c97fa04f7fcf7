#include "platform/auth/organisation_directory.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::auth {

std::optional<int64_t> OrganisationDirectory::providerId(soci::session& s, std::string_view idOrName) {
  std::string provider(idOrName);
  long long id = 0;
  soci::indicator ind = soci::i_null;
  bool numeric = !provider.empty() && provider.size() < 18 &&
                 std::all_of(provider.begin(), provider.end(), [](unsigned char c) { return std::isdigit(c); });
  if (numeric) {
    long long wanted = std::stoll(provider);
    s << "SELECT id FROM organisations WHERE kind = 'provider' AND id = :id", soci::use(wanted), soci::into(id, ind);
  } else {
    s << "SELECT id FROM organisations WHERE kind = 'provider' AND (name = :n OR short_name = :s)", soci::use(provider),
        soci::use(provider), soci::into(id, ind);
  }
  if (!s.got_data() || ind == soci::i_null) return std::nullopt;
  return id;
}

std::optional<std::string> OrganisationDirectory::kindOf(soci::session& s, int64_t id) {
  long long wanted = id;
  std::string kind;
  soci::indicator ind = soci::i_null;
  s << "SELECT kind FROM organisations WHERE id = :id", soci::use(wanted), soci::into(kind, ind);
  if (!s.got_data() || ind == soci::i_null) return std::nullopt;
  return kind;
}

std::vector<std::pair<int64_t, std::string>> OrganisationDirectory::providers(soci::session& s) {
  std::vector<std::pair<int64_t, std::string>> out;
  soci::rowset<soci::row> rows = (s.prepare << "SELECT id, name FROM organisations WHERE kind = 'provider' ORDER BY id");
  for (const auto& r : rows) {
    std::pair<int64_t, std::string> p;
    db::Row(r).into(p.first, p.second);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace jinfu::auth
