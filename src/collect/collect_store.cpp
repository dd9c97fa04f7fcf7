#include "collect/collect_store.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "platform/db/database.hpp"

namespace jinfu::collect {
namespace {

using nlohmann::json;

// page ≥ 1 of pageSize rows of an ordered query.
void limitToPage(db::Query& q, int page, int pageSize) {
  q << " LIMIT ";
  q.param(static_cast<long long>(pageSize));
  q << " OFFSET ";
  q.param(static_cast<long long>(page - 1) * pageSize);
}

const char* kBatchColumns =
    "b.id, b.provider_id, o.name AS provider_name, b.category, b.source, b.file_name, b.format, b.encoding, "
    "b.content_sha256, b.header, b.unknown_columns, b.rows_total, b.rows_accepted, b.rows_unchanged, "
    "b.rows_quarantined, b.rows_superseding, b.resubmit_of, u.username AS submitted_by, b.received_at, b.completed_at";
const char* kBatchFrom =
    " FROM collect_batches b JOIN organisations o ON o.id = b.provider_id LEFT JOIN users u ON u.id = b.submitted_by "
    "WHERE 1 = 1";

std::vector<std::string> stringArray(const std::string& text) {
  std::vector<std::string> out;
  json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& v : parsed) out.push_back(v.is_string() ? v.get<std::string>() : v.dump());
  return out;
}

BatchRecord readBatch(const soci::row& r) {
  BatchRecord b;
  std::string header, unknownColumns;
  db::Row(r).into(b.id, b.providerId, b.providerName, b.category, b.source, b.fileName, b.format, b.encoding,
                  b.contentSha256, header, unknownColumns, b.rowsTotal, b.rowsAccepted, b.rowsUnchanged,
                  b.rowsQuarantined, b.rowsSuperseding, b.resubmitOf, b.submittedBy, b.receivedAt, b.completedAt);
  b.header = stringArray(header);
  b.unknownColumns = stringArray(unknownColumns);
  return b;
}

// Government bodies and the operator see every batch (departments report city-wide); a provider
// its own; nobody else any.
bool batchScope(db::Query& q, const auth::DataScope& scope) {
  switch (scope.kind) {
    case auth::DataScope::Kind::All:
    case auth::DataScope::Kind::Region: return true;
    case auth::DataScope::Kind::Organisation:
      q << " AND b.provider_id = ";
      q.param(static_cast<long long>(scope.organisationId));
      return true;
    case auth::DataScope::Kind::Enterprise: return false;
  }
  return false;
}

// A government body sees the quarantined rows that name an enterprise of its region (the
// registry's region rule); rows naming no registered enterprise are its provider's business.
void quarantineScope(db::Query& q, const auth::DataScope& scope) {
  if (scope.kind != auth::DataScope::Kind::Region) return;
  q << " AND q.uscc IN (SELECT e.uscc FROM enterprises e WHERE e.region_code LIKE ";
  q.param(scope.regionPrefix + "%");
  q << ")";
}

QuarantinedRow readQuarantined(const soci::row& r) {
  db::Row row(r);
  return {row.i64("row_number"), stringArray(row.str("cells")), row.str("problems")};
}

}  // namespace

Page<BatchRecord> CollectStore::batches(const auth::DataScope& scope, const BatchFilter& filter, int page,
                                        int pageSize) {
  Page<BatchRecord> result;
  result.paging = {page, pageSize};
  auto conditions = [&](db::Query& q) {
    if (!batchScope(q, scope)) return false;
    if (filter.providerId) {
      q << " AND b.provider_id = ";
      q.param(static_cast<long long>(*filter.providerId));
    }
    if (!filter.category.empty()) {
      q << " AND b.category = ";
      q.param(filter.category);
    }
    return true;
  };
  db::Query count(std::string("SELECT COUNT(*) AS n") + kBatchFrom);
  if (!conditions(count)) return result;
  auto conn = db_.lease();
  for (const auto& r : count.rows(*conn)) result.total = db::Row(r).i64("n");
  db::Query q(std::string("SELECT ") + kBatchColumns + kBatchFrom);
  conditions(q);
  q << " ORDER BY b.id DESC";
  limitToPage(q, page, pageSize);
  for (const auto& r : q.rows(*conn)) result.items.push_back(readBatch(r));
  return result;
}

std::optional<BatchRecord> CollectStore::batch(const auth::DataScope& scope, int64_t id) {
  db::Query q(std::string("SELECT ") + kBatchColumns + kBatchFrom + " AND b.id = ");
  q.param(static_cast<long long>(id));
  if (!batchScope(q, scope)) return std::nullopt;
  auto conn = db_.lease();
  for (const auto& r : q.rows(*conn)) return readBatch(r);
  return std::nullopt;
}

Page<QuarantinedRow> CollectStore::quarantine(const auth::DataScope& scope, int64_t batchId, int page, int pageSize) {
  Page<QuarantinedRow> result;
  result.paging = {page, pageSize};
  auto conn = db_.lease();
  db::Query count("SELECT COUNT(*) AS n FROM collect_quarantine q WHERE q.batch_id = ");
  count.param(static_cast<long long>(batchId));
  quarantineScope(count, scope);
  for (const auto& r : count.rows(*conn)) result.total = db::Row(r).i64("n");
  db::Query q("SELECT q.row_number, q.cells, q.problems FROM collect_quarantine q WHERE q.batch_id = ");
  q.param(static_cast<long long>(batchId));
  quarantineScope(q, scope);
  q << " ORDER BY q.row_number";
  limitToPage(q, page, pageSize);
  for (const auto& r : q.rows(*conn)) result.items.push_back(readQuarantined(r));
  return result;
}

void CollectStore::forEachQuarantined(const auth::DataScope& scope, int64_t batchId,
                                      const std::function<void(const QuarantinedRow&)>& each) {
  auto conn = db_.lease();
  db::Query q("SELECT q.row_number, q.cells, q.problems FROM collect_quarantine q WHERE q.batch_id = ");
  q.param(static_cast<long long>(batchId));
  quarantineScope(q, scope);
  q << " ORDER BY q.row_number";
  for (const auto& r : q.rows(*conn)) each(readQuarantined(r));
}

int64_t CollectStore::quarantinedTotal(int64_t batchId) {
  auto conn = db_.lease();
  db::Query count("SELECT COUNT(*) AS n FROM collect_quarantine WHERE batch_id = ");
  count.param(static_cast<long long>(batchId));
  int64_t total = 0;
  for (const auto& r : count.rows(*conn)) total = db::Row(r).i64("n");
  return total;
}

std::vector<FactRecord> CollectStore::facts(int64_t enterpriseId, const std::string& category, int perCategory) {
  db::Query q("SELECT f.id, f.category, f.fact_key, f.fact_date, f.vals, f.provider_id, o.name AS provider_name, "
              "f.batch_id, f.row_number, f.received_at FROM facts f JOIN organisations o ON o.id = f.provider_id "
              "WHERE f.enterprise_id = ");
  q.param(static_cast<long long>(enterpriseId));
  if (!category.empty()) {
    q << " AND f.category = ";
    q.param(category);
  }
  q << " ORDER BY f.category, f.fact_date DESC, f.fact_key DESC";
  std::vector<FactRecord> out;
  std::map<std::string, int> perCategoryCount;
  auto conn = db_.lease();
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    std::string cat = row.str("category");
    if (++perCategoryCount[cat] > perCategory) continue;
    out.push_back({row.i64("id"), cat, row.str("fact_key"), row.optStr("fact_date"), row.str("vals"),
                   row.i64("provider_id"), row.str("provider_name"), row.i64("batch_id"), row.i64("row_number"),
                   row.str("received_at")});
  }
  return out;
}

std::vector<FieldChange> CollectStore::history(int64_t enterpriseId) {
  struct Version {
    int64_t factId;
    std::string category, key, vals, receivedAt;
    int64_t providerId, batchId;
    std::string providerName;
  };
  auto conn = db_.lease();
  // Old versions in the order they were replaced, then the current version of each fact that has
  // any: consecutive pairs are the changes.
  std::map<int64_t, std::vector<Version>> chains;
  db::Query old("SELECT h.fact_id, h.category, h.fact_key, h.vals, h.received_at, h.provider_id, o.name AS provider_name, "
                "h.batch_id FROM fact_history h JOIN organisations o ON o.id = h.provider_id WHERE h.enterprise_id = ");
  old.param(static_cast<long long>(enterpriseId));
  old << " ORDER BY h.fact_id, h.id";
  // One mapping for both queries: `idColumn` names the fact's id in each.
  auto add = [&chains](const soci::row& r, const char* idColumn) {
    db::Row row(r);
    chains[row.i64(idColumn)].push_back({row.i64(idColumn), row.str("category"), row.str("fact_key"), row.str("vals"),
                                         row.str("received_at"), row.i64("provider_id"), row.i64("batch_id"),
                                         row.str("provider_name")});
  };
  for (const auto& r : old.rows(*conn)) add(r, "fact_id");
  if (chains.empty()) return {};
  db::Query current("SELECT f.id, f.category, f.fact_key, f.vals, f.received_at, f.provider_id, o.name AS provider_name, "
                    "f.batch_id FROM facts f JOIN organisations o ON o.id = f.provider_id WHERE f.enterprise_id = ");
  current.param(static_cast<long long>(enterpriseId));
  current << " AND f.id IN (SELECT fact_id FROM fact_history WHERE enterprise_id = ";
  current.param(static_cast<long long>(enterpriseId));
  current << ")";
  for (const auto& r : current.rows(*conn)) add(r, "id");
  std::vector<FieldChange> changes;
  for (const auto& [id, versions] : chains) {
    for (size_t i = 1; i < versions.size(); ++i) {
      const auto& before = versions[i - 1];
      const auto& after = versions[i];
      json a = json::parse(before.vals, nullptr, false), b = json::parse(after.vals, nullptr, false);
      if (!a.is_object() || !b.is_object()) continue;
      std::map<std::string, std::pair<std::optional<std::string>, std::optional<std::string>>> fields;
      for (auto& [k, v] : a.items()) fields[k].first = v.is_string() ? v.get<std::string>() : v.dump();
      for (auto& [k, v] : b.items()) fields[k].second = v.is_string() ? v.get<std::string>() : v.dump();
      for (const auto& [field, values] : fields) {
        if (values.first == values.second) continue;
        changes.push_back({after.category, after.key, field, values.first, values.second, before.receivedAt,
                           after.receivedAt, after.providerId, after.providerName, after.batchId});
      }
    }
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const FieldChange& x, const FieldChange& y) { return x.recordedAt > y.recordedAt; });
  return changes;
}

std::vector<Receipt> CollectStore::receipts(const auth::DataScope& scope) {
  db::Query q("SELECT f.provider_id, o.name AS provider_name, f.category, f.fact_date, "
              "SUBSTR(f.received_at, 1, 10) AS received_on, COUNT(*) AS n, MAX(f.received_at) AS last_at "
              "FROM facts f JOIN organisations o ON o.id = f.provider_id WHERE f.fact_date IS NOT NULL");
  switch (scope.kind) {
    case auth::DataScope::Kind::All:
    case auth::DataScope::Kind::Region: break;
    case auth::DataScope::Kind::Organisation:
      q << " AND f.provider_id = ";
      q.param(static_cast<long long>(scope.organisationId));
      break;
    case auth::DataScope::Kind::Enterprise: return {};
  }
  q << " GROUP BY f.provider_id, o.name, f.category, f.fact_date, SUBSTR(f.received_at, 1, 10)"
       " ORDER BY f.provider_id, f.category, f.fact_date";
  std::vector<Receipt> out;
  auto conn = db_.lease();
  for (const auto& r : q.rows(*conn)) {
    db::Row row(r);
    out.push_back({row.i64("provider_id"), row.str("provider_name"), row.str("category"), row.str("fact_date"),
                   row.str("received_on"), row.i64("n"), row.str("last_at")});
  }
  return out;
}

}  // namespace jinfu::collect
