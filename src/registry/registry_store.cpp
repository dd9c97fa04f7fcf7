#include "registry/registry_store.hpp"
#include "registry/directory.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "platform/auth/principal.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/db/database.hpp"
#include "platform/db/dialect.hpp"
#include "platform/errors.hpp"
#include "platform/icu_text.hpp"
#include "platform/text.hpp"
#include "registry/industry.hpp"
#include "registry/name_query.hpp"
#include "registry/regions.hpp"
#include "registry/size_class.hpp"

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

namespace {

const char* kEnterpriseColumns =
    "e.id, e.uscc, e.name, e.region_code, e.industry_section, e.industry_division, e.industry_code, e.size_class, "
    "e.size_rule, e.established_on, e.status, COALESCE(e.address, '') AS address, e.registered_capital_fen, e.employees, e.annual_revenue_fen, "
    "e.total_assets_fen, e.entity_type, e.legal_representative, e.contact_name, e.contact_mobile, e.updated_at, "
    "e.park_id, p.name AS park_name";

EnterpriseRecord readEnterprise(const soci::row& r) {
  EnterpriseRecord e;
  db::Row(r).into(e.id, e.uscc, e.name, e.regionCode, e.industrySection, e.industryDivision, e.industryCode, e.sizeClass,
                  e.sizeRule, e.establishedOn, e.status, e.address, e.registeredCapitalFen, e.employees,
                  e.annualRevenueFen, e.totalAssetsFen, e.entityType, e.legalRepresentative, e.contactName,
                  e.contactMobile, e.updatedAt, e.parkId, e.parkName);
  return e;
}

// The scope as a condition on `e`; false when the caller may see no enterprise at all.
bool scopeCondition(db::Query& q, const auth::DataScope& scope) {
  switch (scope.kind) {
    case auth::DataScope::Kind::All: return true;
    case auth::DataScope::Kind::Region:
      q << " AND e.region_code LIKE ";
      q.param(scope.regionPrefix + "%");
      return true;
    case auth::DataScope::Kind::Enterprise:
      q << " AND e.uscc = ";
      q.param(scope.uscc);
      return true;
    case auth::DataScope::Kind::Organisation: return false;
  }
  return false;
}

bool isAsciiAlnum(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c); });
}

// The zone's place names a name query may start with.
const std::vector<std::string>& placeNames() {
  static const std::vector<std::string> names = regionNames();
  return names;
}

// LIKE pattern for "these parts, in this order", each taken literally (ESCAPE '\').
std::string inOrderPattern(const std::vector<std::string>& parts) {
  std::string out = "%";
  for (const auto& part : parts) {
    std::string escaped = db::containsPattern(part);  // "%part%"
    out += escaped.substr(1);
  }
  return out;
}

// The filter's conditions on `e`.
void filterConditions(db::Query& q, const EnterpriseFilter& f, db::Dialect dialect) {
  if (f.within) {
    q << " AND ";
    db::idIn(q, dialect, "e.id", *f.within);
  }
  auto name = readNameQuery(text::nfkc(f.q), placeNames());
  const std::string& needle = name.needle;
  if (!needle.empty()) {
    // A code typed in full is looked up exactly; anything else is a substring of the name, its
    // pinyin, its initials or the code. Three or more characters without LIKE wildcards go
    // through the trigram index (SQLite's cannot serve ESCAPE, nor fewer than three characters);
    // anything else scans, with the wildcards taken literally. Parts typed apart or behind a
    // place ("焦作天宝") may also match in order, which scans.
    size_t chars = 0;
    for (size_t i = 0; i < needle.size();) {
      text::decodeUtf8(needle, i);
      ++chars;
    }
    bool indexable = chars >= 3 && needle.find_first_of("%_\\") == std::string::npos;
    if (needle.size() == 18 && isAsciiAlnum(needle)) {
      std::string upper = needle;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      q << " AND e.uscc = ";
      q.param(upper);
    } else {
      q << " AND (";
      if (indexable && db::searchesSideTable(dialect)) {
        q << "e.id IN (SELECT rowid FROM enterprise_search WHERE search_terms LIKE ";
        q.param("%" + needle + "%");
        q << ")";
      } else if (indexable) {
        q << "e.search_terms LIKE ";
        q.param("%" + needle + "%");
      } else {
        q << "e.search_terms LIKE ";
        q.param(db::containsPattern(needle));
        q << " ESCAPE '\\'";
      }
      for (const auto& parts : f.nameInParts ? name.inOrder : std::vector<std::vector<std::string>>{}) {
        q << " OR e.search_terms LIKE ";
        q.param(inOrderPattern(parts));
        q << " ESCAPE '\\'";
      }
      q << ")";
    }
  }
  if (!f.region.empty()) {
    q << " AND e.region_code LIKE ";
    q.param(auth::regionPrefix(f.region) + "%");
  }
  if (!f.industry.empty()) {
    if (std::isalpha(static_cast<unsigned char>(f.industry[0]))) q << " AND e.industry_section = ";
    else q << " AND e.industry_division = ";
    q.param(f.industry);
  }
  if (!f.size.empty()) {
    q << " AND e.size_class = ";
    q.param(f.size);
  }
  if (!f.status.empty()) {
    q << " AND e.status = ";
    q.param(f.status);
  }
  if (f.parkId) {
    q << " AND e.park_id = ";
    q.param(static_cast<long long>(*f.parkId));
  }
}

std::string orderBy(const EnterpriseFilter& f) {
  std::string column = f.sort == "establishedOn"       ? "e.established_on"
                       : f.sort == "registeredCapital" ? "e.registered_capital_fen"
                       : f.sort == "updatedAt"         ? "e.updated_at"
                                                       : "e.name";
  std::string dir = f.descending ? " DESC" : " ASC";
  return " ORDER BY " + column + dir + ", e.id" + dir;
}

}  // namespace

bool seesPersonalData(const auth::DataScope& scope) {
  return scope.kind == auth::DataScope::Kind::All || scope.kind == auth::DataScope::Kind::Enterprise;
}

std::string maskedField(std::string_view field, const std::string& value, bool full) {
  if (full) return value;
  if (field == "legalRepresentative" || field == "contactName") return auth::maskPersonName(value);
  if (field == "contactMobile") return auth::maskMobile(value);
  return value;
}

std::optional<EnterpriseRecord> RegistryStore::enterprise(const auth::DataScope& scope, int64_t id) {
  db::Query q(std::string("SELECT ") + kEnterpriseColumns +
              " FROM enterprises e LEFT JOIN organisations p ON p.id = e.park_id WHERE e.id = ");
  q.param(static_cast<long long>(id));
  if (!scopeCondition(q, scope)) return std::nullopt;
  auto conn = db_.lease();
  std::optional<EnterpriseRecord> found;
  for (const auto& r : q.rows(*conn)) found = readEnterprise(r);
  if (!found) return found;
  db::Query names("SELECT name, until_date FROM enterprise_names WHERE enterprise_id = ");
  names.param(static_cast<long long>(id));
  names << " ORDER BY until_date DESC";
  for (const auto& r : names.rows(*conn)) {
    db::Row row(r);
    found->formerNames.push_back({row.str("name"), row.str("until_date")});
  }
  return found;
}

EnterprisePage RegistryStore::search(const auth::DataScope& scope, const EnterpriseFilter& filter, int page,
                                     int pageSize) {
  auto result = searchOnce(scope, filter, page, pageSize);
  if (result.total == 0 && !filter.q.empty() && !filter.nameInParts) {
    EnterpriseFilter parts = filter;
    parts.nameInParts = true;
    result = searchOnce(scope, parts, page, pageSize);
  }
  return result;
}

EnterprisePage RegistryStore::searchOnce(const auth::DataScope& scope, const EnterpriseFilter& filter, int page,
                                         int pageSize) {
  EnterprisePage result;
  result.paging = {page, pageSize};
  db::Query count("SELECT COUNT(*) AS n FROM enterprises e WHERE 1 = 1");
  if (!scopeCondition(count, scope)) return result;
  filterConditions(count, filter, db_.dialect());
  auto conn = db_.lease();
  for (const auto& r : count.rows(*conn)) result.total = db::Row(r).i64("n");
  if (result.total == 0) return result;
  db::Query q(std::string("SELECT ") + kEnterpriseColumns +
              " FROM enterprises e LEFT JOIN organisations p ON p.id = e.park_id WHERE 1 = 1");
  scopeCondition(q, scope);
  filterConditions(q, filter, db_.dialect());
  q << orderBy(filter) << " LIMIT ";
  q.param(static_cast<long long>(pageSize));
  q << " OFFSET ";
  q.param(static_cast<long long>(page - 1) * pageSize);
  for (const auto& r : q.rows(*conn)) result.items.push_back(readEnterprise(r));
  return result;
}

void RegistryStore::forEach(const auth::DataScope& scope, const EnterpriseFilter& filter, size_t limit,
                            const std::function<void(const EnterpriseRecord&)>& each) {
  db::Query q(std::string("SELECT ") + kEnterpriseColumns +
              " FROM enterprises e LEFT JOIN organisations p ON p.id = e.park_id WHERE 1 = 1");
  if (!scopeCondition(q, scope)) return;
  filterConditions(q, filter, db_.dialect());
  q << orderBy(filter) << " LIMIT ";
  q.param(static_cast<long long>(limit));
  size_t rows = 0;
  {
    auto conn = db_.lease();
    for (const auto& r : q.rows(*conn)) {
      each(readEnterprise(r));
      ++rows;
    }
  }
  // As search(): the parts of the name only when the whole matched nothing.
  if (rows == 0 && !filter.q.empty() && !filter.nameInParts) {
    EnterpriseFilter parts = filter;
    parts.nameInParts = true;
    forEach(scope, parts, limit, each);
  }
}

std::vector<RegistryStore::Bank> RegistryStore::banks() {
  auto conn = db_.lease();
  std::vector<Bank> out;
  db::Query q("SELECT id, name, short_name FROM organisations WHERE kind = 'bank' AND disabled = 0 ORDER BY name");
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    out.push_back({row.i64("id"), row.str("name"), row.optStr("short_name")});
  }
  return out;
}

namespace {

template <class T>
soci::indicator indicatorOf(const std::optional<T>& v) {
  return v ? soci::i_ok : soci::i_null;
}

struct Placed {
  std::string section, division;
  std::optional<long long> parkId;
  SizeDecision size;
  std::string pinyin, initials, searchTerms;
};

Placed place(soci::session& tx, const Registration& r) {
  Placed p;
  auto code = parseIndustryCode(r.industryCode);
  if (!code || code->division.empty())
    throw ApiError::validation({{"industryCode",
                                 {"行业代码「" + r.industryCode +
                                      "」无效：须为 GB/T 4754-2017 代码并至少精确到大类（两位数字），如 C35 或 3562。",
                                  "Industry code \"" + r.industryCode +
                                      "\" is not a GB/T 4754-2017 code down to a division at least (e.g. C35 or 3562)."}}});
  p.section = code->section;
  p.division = code->division;
  if (r.parkName) {
    long long id = 0;
    soci::indicator ind = soci::i_null;
    tx << "SELECT id FROM organisations WHERE kind = 'park' AND (name = :n OR short_name = :s)",
        soci::use(*r.parkName), soci::use(*r.parkName), soci::into(id, ind);
    if (!tx.got_data() || ind == soci::i_null)
      throw ApiError::validation({{"parkName", {"园区「" + *r.parkName + "」不在机构名录中。",
                                                "The park \"" + *r.parkName + "\" is not a known organisation."}}});
    p.parkId = id;
  }
  p.size = classifySize(code->section + code->detail, r.employees, r.annualRevenueFen, r.totalAssetsFen);
  p.pinyin = text::pinyin(r.name);
  p.initials = text::pinyinInitials(r.name);
  // Lower case throughout, as the search needle is: PostgreSQL's LIKE minds case.
  p.searchTerms = r.name + " " + p.pinyin + " " + p.initials + " " + r.uscc;
  for (auto& c : p.searchTerms)
    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return p;
}

}  // namespace

int64_t RegistryStore::upsertRegistration(soci::session& tx, const Registration& r, const std::string& effectiveOn,
                                          const std::string& now) {
  Placed p = place(tx, r);
  std::string industryCode = r.industryCode;
  std::optional<std::string> sizeClass = p.size.sizeClass.empty() ? std::nullopt : std::optional(p.size.sizeClass);
  std::string sizeRule = p.size.reasonZh;
  long long parkId = p.parkId.value_or(0);
  long long capital = r.registeredCapitalFen.value_or(0), employees = r.employees.value_or(0),
            revenue = r.annualRevenueFen.value_or(0), assets = r.totalAssetsFen.value_or(0);
  std::string sizeValue = sizeClass.value_or(""), entityType = r.entityType.value_or(""),
              legal = r.legalRepresentative.value_or(""), address = r.address.value_or(""),
              contactName = r.contactName.value_or(""), contactMobile = r.contactMobile.value_or("");
  soci::indicator sizeInd = indicatorOf(sizeClass), parkInd = indicatorOf(p.parkId),
                  capitalInd = indicatorOf(r.registeredCapitalFen), empInd = indicatorOf(r.employees),
                  revInd = indicatorOf(r.annualRevenueFen), assetInd = indicatorOf(r.totalAssetsFen),
                  typeInd = indicatorOf(r.entityType), legalInd = indicatorOf(r.legalRepresentative),
                  addrInd = indicatorOf(r.address), cnInd = indicatorOf(r.contactName),
                  cmInd = indicatorOf(r.contactMobile);

  auto existing = Directory::enterpriseIdByUscc(tx, r.uscc);
  if (!existing) {
    tx << "INSERT INTO enterprises (uscc, name, region_code, industry_section, industry_division, industry_code, "
          "size_class, size_rule, established_on, registered_capital_fen, employees, annual_revenue_fen, "
          "total_assets_fen, status, entity_type, legal_representative, contact_name, contact_mobile, park_id, address, "
          "name_pinyin, name_initials, search_terms, created_at, updated_at) VALUES (:uscc, :name, :region, :section, "
          ":division, :code, :size, :rule, :established, :capital, :employees, :revenue, :assets, :status, :type, "
          ":legal, :cname, :cmobile, :park, :address, :pinyin, :initials, :terms, :now, :now2)",
        soci::use(r.uscc), soci::use(r.name), soci::use(r.regionCode), soci::use(p.section), soci::use(p.division),
        soci::use(industryCode), soci::use(sizeValue, sizeInd), soci::use(sizeRule), soci::use(r.establishedOn),
        soci::use(capital, capitalInd), soci::use(employees, empInd), soci::use(revenue, revInd),
        soci::use(assets, assetInd), soci::use(r.status), soci::use(entityType, typeInd), soci::use(legal, legalInd),
        soci::use(contactName, cnInd), soci::use(contactMobile, cmInd), soci::use(parkId, parkInd),
        soci::use(address, addrInd), soci::use(p.pinyin), soci::use(p.initials), soci::use(p.searchTerms),
        soci::use(now), soci::use(now);
    auto id = Directory::enterpriseIdByUscc(tx, r.uscc);
    if (!id) throw std::runtime_error("enterprise insert not visible");
    return *id;
  }
  std::string oldName;
  tx << "SELECT name FROM enterprises WHERE id = :id", soci::use(*existing), soci::into(oldName);
  if (oldName != r.name) {
    int known = 0;
    tx << "SELECT COUNT(*) FROM enterprise_names WHERE enterprise_id = :id AND name = :n AND until_date = :u",
        soci::use(*existing), soci::use(oldName), soci::use(effectiveOn), soci::into(known);
    if (!known)
      tx << "INSERT INTO enterprise_names (enterprise_id, name, until_date) VALUES (:id, :n, :u)", soci::use(*existing),
          soci::use(oldName), soci::use(effectiveOn);
  }
  long long id = *existing;
  tx << "UPDATE enterprises SET name = :name, region_code = :region, industry_section = :section, "
        "industry_division = :division, industry_code = :code, size_class = :size, size_rule = :rule, "
        "established_on = :established, registered_capital_fen = :capital, employees = :employees, "
        "annual_revenue_fen = :revenue, total_assets_fen = :assets, status = :status, entity_type = :type, "
        "legal_representative = :legal, contact_name = :cname, contact_mobile = :cmobile, park_id = :park, "
        "address = :address, name_pinyin = :pinyin, name_initials = :initials, search_terms = :terms, "
        "updated_at = :now WHERE id = :id",
      soci::use(r.name), soci::use(r.regionCode), soci::use(p.section), soci::use(p.division), soci::use(industryCode),
      soci::use(sizeValue, sizeInd), soci::use(sizeRule), soci::use(r.establishedOn), soci::use(capital, capitalInd),
      soci::use(employees, empInd), soci::use(revenue, revInd), soci::use(assets, assetInd), soci::use(r.status),
      soci::use(entityType, typeInd), soci::use(legal, legalInd), soci::use(contactName, cnInd),
      soci::use(contactMobile, cmInd), soci::use(parkId, parkInd), soci::use(address, addrInd), soci::use(p.pinyin),
      soci::use(p.initials), soci::use(p.searchTerms), soci::use(now), soci::use(id);
  return id;
}

bool RegistryStore::empty() {
  auto s = summary();
  return s.enterprises == 0 && s.banks == 0 && s.parks == 0;
}

RegistryStore::Inserted RegistryStore::insertMissing(const std::vector<NewOrganisation>& organisations,
                                                     const std::vector<Registration>& enterprises,
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
      if (Directory::enterpriseIdByUscc(s, e.uscc)) continue;
      upsertRegistration(s, e, e.establishedOn, now);
      ++inserted.enterprises;
    }
    return inserted;
  });
}

}  // namespace jinfu::registry
