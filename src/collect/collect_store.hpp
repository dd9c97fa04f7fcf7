#pragma once
// Reading what collection stored: batches, their quarantined rows, the facts of an enterprise
// with their provenance and history, and the receipts the timeliness report is built from.
// Writes go through the Importer (one transaction per batch).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "platform/page.hpp"
#include "platform/auth/principal.hpp"
#include "platform/fwd.hpp"

namespace jinfu::collect {

struct BatchRecord {
  int64_t id = 0, providerId = 0;
  std::string providerName, category, source, fileName, format, encoding, contentSha256;
  std::vector<std::string> header, unknownColumns;
  int64_t rowsTotal = 0, rowsAccepted = 0, rowsUnchanged = 0, rowsQuarantined = 0, rowsSuperseding = 0;
  std::optional<int64_t> resubmitOf;
  std::optional<std::string> submittedBy;  // username
  std::string receivedAt;
  std::optional<std::string> completedAt;
};

struct BatchFilter {
  std::optional<int64_t> providerId;
  std::string category;
};

struct QuarantinedRow {
  int64_t rowNumber = 0;
  std::vector<std::string> cells;  // aligned to the batch header
  std::string problemsJson;        // [{column, value, reason: {zh, en}}]
};

struct FactRecord {
  int64_t id = 0;
  std::string category, key;
  std::optional<std::string> factDate;
  std::string valuesJson;
  int64_t providerId = 0;
  std::string providerName;
  int64_t batchId = 0, rowNumber = 0;
  std::string receivedAt;
};

// One field of one fact that changed: what it was and what replaced it.
struct FieldChange {
  std::string category, key, field;
  std::optional<std::string> before, after;  // JSON values as text; nullopt when absent
  std::string validFrom;   // when the old value was received
  std::string recordedAt;  // when the new value was received (the old one superseded)
  int64_t providerId = 0;
  std::string providerName;
  int64_t batchId = 0;     // the batch that brought the new value
};

// Facts received, grouped by provider, category, the fact's own date and the receiving day.
struct Receipt {
  int64_t providerId = 0;
  std::string providerName, category, factDate, receivedOn;
  int64_t count = 0;
  std::string lastReceivedAt;
};

class CollectStore {
 public:
  explicit CollectStore(db::Database& db) : db_(db) {}

  // A provider sees its own batches; government and operator all; anyone else none.
  Page<BatchRecord> batches(const auth::DataScope& scope, const BatchFilter& filter, int page, int pageSize);
  std::optional<BatchRecord> batch(const auth::DataScope& scope, int64_t id);

  // The rows of a batch the caller was allowed to see (check with batch() first) that the caller
  // may see: a government body only those naming an enterprise of its region, as everywhere in
  // the registry; the provider and the operator all of them.
  Page<QuarantinedRow> quarantine(const auth::DataScope& scope, int64_t batchId, int page, int pageSize);
  void forEachQuarantined(const auth::DataScope& scope, int64_t batchId,
                          const std::function<void(const QuarantinedRow&)>& each);
  int64_t quarantinedTotal(int64_t batchId);  // every row, seen or not

  // Current facts of an enterprise, newest fact date first, at most `perCategory` per category.
  std::vector<FactRecord> facts(int64_t enterpriseId, const std::string& category, int perCategory);
  // Every field change of the enterprise's facts, newest first.
  std::vector<FieldChange> history(int64_t enterpriseId);

  std::vector<Receipt> receipts(const auth::DataScope& scope);

 private:
  db::Database& db_;
};

}  // namespace jinfu::collect
