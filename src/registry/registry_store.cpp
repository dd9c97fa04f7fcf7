#include "registry/registry_store.hpp"

#include <vector>

#include "platform/db/database.hpp"
#include "platform/errors.hpp"

namespace jinfu::registry {

namespace {

// The home page asks for these counts on every visit: keep the statement prepared.
struct SummaryQuery {
  long long enterprises = 0, banks = 0, parks = 0;
  soci::statement statement;
  explicit SummaryQuery(soci::session& s)
      : statement((s.prepare << "SELECT (SELECT COUNT(*) FROM enterprises), "
                                "(SELECT COUNT(*) FROM organisations WHERE kind = 'bank'), "
                                "(SELECT COUNT(*) FROM organisations WHERE kind = 'park')",
                   soci::into(enterprises), soci::into(banks), soci::into(parks))) {}
};

}  // namespace

Summary RegistryStore::summary() {
  auto conn = db_.lease();
  auto& query = conn.cached<SummaryQuery>("registry.summary", [](soci::session& s) { return std::make_unique<SummaryQuery>(s); });
  query.statement.execute(true);
  Summary summary{query.enterprises, query.banks, query.parks};
  // Step past the only row: a statement left mid-result would keep SQLite's read snapshot (and
  // so block WAL checkpoints) until its next use.
  query.statement.fetch();
  return summary;
}

std::optional<EnterpriseRecord> RegistryStore::enterprise(const auth::DataScope& scope, int64_t id) {
  db::Query q("SELECT e.id, e.uscc, e.name, e.region_code, e.industry_section, e.industry_division, e.size_class, "
              "e.established_on, e.status, e.address, e.registered_capital_fen, e.employees, p.name AS park_name "
              "FROM enterprises e LEFT JOIN organisations p ON p.id = e.park_id WHERE e.id = ");
  q.param(static_cast<long long>(id));
  switch (scope.kind) {
    case auth::DataScope::Kind::All: break;
    case auth::DataScope::Kind::Region:
      q << " AND e.region_code LIKE ";
      q.param(scope.regionPrefix + "%");
      break;
    case auth::DataScope::Kind::Enterprise:
      q << " AND e.uscc = ";
      q.param(scope.uscc);
      break;
    case auth::DataScope::Kind::Organisation: return std::nullopt;
  }
  auto conn = db_.lease();
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    EnterpriseRecord e;
    e.id = row.i64("id");
    e.uscc = row.str("uscc");
    e.name = row.str("name");
    e.regionCode = row.str("region_code");
    e.industrySection = row.str("industry_section");
    e.industryDivision = row.str("industry_division");
    e.sizeClass = row.str("size_class");
    e.establishedOn = row.str("established_on");
    e.status = row.str("status");
    e.address = row.optStr("address").value_or("");
    e.registeredCapitalFen = row.i64("registered_capital_fen");
    e.employees = row.optI64("employees");
    e.parkName = row.optStr("park_name");
    return e;
  }
  return std::nullopt;
}

bool RegistryStore::empty() {
  auto s = summary();
  return s.enterprises == 0 && s.banks == 0 && s.parks == 0;
}

RegistryStore::Inserted RegistryStore::insertMissing(const std::vector<NewOrganisation>& organisations,
                                                     const std::vector<NewEnterprise>& enterprises,
                                                     const std::string& now) {
  return db_.transaction([&](soci::session& s) {
    Inserted inserted;
    auto idOf = [&](const std::string& name) -> std::optional<long long> {
      long long id = 0;
      soci::indicator ind = soci::i_null;
      s << "SELECT id FROM organisations WHERE name = :name", soci::use(name), soci::into(id, ind);
      if (!s.got_data() || ind == soci::i_null) return std::nullopt;
      return id;
    };
    // Parents are listed before their children, so one pass resolves every parent.
    for (const auto& o : organisations) {
      if (idOf(o.name)) continue;
      std::optional<long long> parent;
      if (o.parentName) {
        parent = idOf(*o.parentName);
        if (!parent) throw std::invalid_argument("上级机构不存在：" + *o.parentName);
      }
      soci::indicator parentInd = parent ? soci::i_ok : soci::i_null;
      long long parentId = parent.value_or(0);
      soci::indicator usccInd = o.uscc ? soci::i_ok : soci::i_null;
      std::string uscc = o.uscc.value_or("");
      s << "INSERT INTO organisations (kind, name, short_name, region_code, parent_id, uscc, created_at) "
           "VALUES (:kind, :name, :short, :region, :parent, :uscc, :now)",
          soci::use(o.kind), soci::use(o.name), soci::use(o.shortName), soci::use(o.regionCode),
          soci::use(parentId, parentInd), soci::use(uscc, usccInd), soci::use(now);
      ++inserted.organisations;
    }
    for (const auto& e : enterprises) {
      int exists = 0;
      s << "SELECT COUNT(*) FROM enterprises WHERE uscc = :uscc", soci::use(e.uscc), soci::into(exists);
      if (exists) continue;
      std::optional<long long> park;
      if (e.parkName) {
        park = idOf(*e.parkName);
        if (!park) throw std::invalid_argument("园区不存在：" + *e.parkName);
      }
      soci::indicator parkInd = park ? soci::i_ok : soci::i_null;
      long long parkId = park.value_or(0);
      long long capital = e.registeredCapitalFen;
      long long employees = e.employees.value_or(0), revenue = e.annualRevenueFen.value_or(0),
                assets = e.totalAssetsFen.value_or(0);
      soci::indicator empInd = e.employees ? soci::i_ok : soci::i_null;
      soci::indicator revInd = e.annualRevenueFen ? soci::i_ok : soci::i_null;
      soci::indicator assetInd = e.totalAssetsFen ? soci::i_ok : soci::i_null;
      s << "INSERT INTO enterprises (uscc, name, region_code, industry_section, industry_division, size_class, "
           "established_on, registered_capital_fen, employees, annual_revenue_fen, total_assets_fen, status, park_id, "
           "address, created_at) VALUES (:uscc, :name, :region, :section, :division, :size, :established, :capital, "
           ":employees, :revenue, :assets, :status, :park, :address, :now)",
          soci::use(e.uscc), soci::use(e.name), soci::use(e.regionCode), soci::use(e.industrySection),
          soci::use(e.industryDivision), soci::use(e.sizeClass), soci::use(e.establishedOn), soci::use(capital),
          soci::use(employees, empInd), soci::use(revenue, revInd), soci::use(assets, assetInd), soci::use(e.status),
          soci::use(parkId, parkInd), soci::use(e.address), soci::use(now);
      ++inserted.enterprises;
    }
    return inserted;
  });
}

}  // namespace jinfu::registry
