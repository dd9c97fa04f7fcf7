#include "registry/directory.hpp"

#include <soci/soci.h>

#include "platform/db/database.hpp"

namespace jinfu::registry {
namespace {

EnterpriseName enterpriseFrom(const db::Row& row) {
  return {row.i64("id"), row.str("uscc"), row.str("name"), row.str("region_code"), row.optStr("established_on")};
}

std::optional<EnterpriseName> firstEnterprise(soci::session& s, db::Query& q) {
  for (const auto& r : q.rows(s)) return enterpriseFrom(db::Row(r));
  return std::nullopt;
}

constexpr const char* kEnterpriseColumns = "SELECT id, uscc, name, region_code, established_on FROM enterprises WHERE ";

}  // namespace

std::optional<int64_t> Directory::enterpriseIdByUscc(soci::session& s, std::string_view uscc) {
  UsccLookup lookup(s);
  return lookup(uscc);
}

std::optional<EnterpriseName> Directory::enterprise(soci::session& s, int64_t id) {
  db::Query q(std::string(kEnterpriseColumns) + "id = ");
  q.param(static_cast<long long>(id));
  return firstEnterprise(s, q);
}

std::optional<EnterpriseName> Directory::enterpriseByUscc(soci::session& s, std::string_view uscc) {
  db::Query q(std::string(kEnterpriseColumns) + "uscc = ");
  q.param(std::string(uscc));
  return firstEnterprise(s, q);
}

int64_t Directory::countFoundedBy(soci::session& s, const std::string& asOfDate) {
  long long n = 0;
  s << "SELECT COUNT(*) FROM enterprises WHERE established_on <= :d", soci::use(asOfDate), soci::into(n);
  return n;
}

std::vector<EnterpriseName> Directory::foundedByAfter(soci::session& s, int64_t afterId, int limit,
                                                      const std::string& asOfDate) {
  std::vector<EnterpriseName> out;
  out.reserve(static_cast<size_t>(limit));
  db::Query q(std::string(kEnterpriseColumns) + "id > ");
  q.param(static_cast<long long>(afterId));
  q << " AND established_on <= ";
  q.param(asOfDate);
  q << " ORDER BY id LIMIT ";
  q.param(static_cast<long long>(limit));
  for (const auto& r : q.rows(s)) out.push_back(enterpriseFrom(db::Row(r)));
  return out;
}

struct Directory::UsccLookup::Prepared {
  soci::indicator indicator = soci::i_null;
  soci::statement statement;
  Prepared(soci::session& s, std::string& uscc, long long& id)
      : statement((s.prepare << "SELECT id FROM enterprises WHERE uscc = :uscc", soci::into(id, indicator),
                   soci::use(uscc, "uscc"))) {}
};

Directory::UsccLookup::UsccLookup(soci::session& s) : prepared_(std::make_unique<Prepared>(s, uscc_, id_)) {}
Directory::UsccLookup::~UsccLookup() = default;

std::optional<int64_t> Directory::UsccLookup::operator()(std::string_view uscc) {
  uscc_ = uscc;
  prepared_->indicator = soci::i_null;
  if (!prepared_->statement.execute(true) || prepared_->indicator == soci::i_null) return std::nullopt;
  return id_;
}

}  // namespace jinfu::registry
