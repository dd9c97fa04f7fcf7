#pragma once
// The SQL of one import, run inside the importer's transaction: the batch row, the savepoint
// around a registration row, and the statements every data row runs — prepared once per batch
// and bound to RowStatements' members, which the importer sets row by row (a 100 MB file has
// millions of rows; re-preparing them per row would cost more than the import).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <soci/soci.h>

#include "registry/directory.hpp"

namespace jinfu::collect {

struct NewBatch {
  int64_t providerId = 0;
  std::string category, source, fileName, format, encoding, contentSha256;
  std::string headerJson, unknownColumnsJson;
  std::optional<int64_t> resubmitOf, submittedBy;
  std::string receivedAt;
};

struct BatchCounts {
  long long total = 0, accepted = 0, unchanged = 0, quarantined = 0, superseding = 0;
};

class BatchStore {
 public:
  // The batch of this provider and category with the same content and encoding, if any.
  static std::optional<int64_t> findDuplicate(soci::session& s, int64_t providerId, const std::string& category,
                                              const std::string& contentSha256, const std::string& encoding);
  // The provider and category of a batch, if it exists.
  static std::optional<std::pair<int64_t, std::string>> owner(soci::session& s, int64_t batchId);
  static void insert(soci::session& s, const NewBatch& batch);
  static void complete(soci::session& s, int64_t batchId, const BatchCounts& counts, const std::string& completedAt);
  // Around one registration row: what it wrote is taken back when the registry cannot place it.
  static void savepoint(soci::session& s);
  static void release(soci::session& s);
  static void rollback(soci::session& s);  // and release
};

// The statements every row runs, prepared once per batch with the variables they are bound to.
struct RowStatements {
  // bound values
  long long enterpriseId = 0, providerId = 0, batchId = 0, rowNumber = 0, factId = 0;
  std::string category, key, factDate, vals, hash, receivedAt, uscc;
  std::string rowUscc;  // of a quarantined row, when its code is valid
  soci::indicator rowUsccInd = soci::i_null;
  soci::indicator factDateInd = soci::i_ok;
  // results
  long long foundId = 0, foundBatch = 0, foundRow = 0;
  std::string foundHash;
  std::string cells, problems;

  registry::Directory::UsccLookup findEnterprise;  // the registry's, not a read of its table
  soci::statement insertFact, findFact, keepHistory, updateFact, quarantine;

  explicit RowStatements(soci::session& s)
      : findEnterprise(s),
        insertFact((s.prepare << "INSERT INTO facts (enterprise_id, category, fact_key, fact_date, vals, content_hash, "
                                 "provider_id, batch_id, row_number, received_at) VALUES (:e, :c, :k, :d, :v, :h, :p, "
                                 ":b, :r, :t) ON CONFLICT (enterprise_id, category, fact_key) DO NOTHING",
                    soci::use(enterpriseId, "e"), soci::use(category, "c"), soci::use(key, "k"),
                    soci::use(factDate, factDateInd, "d"), soci::use(vals, "v"), soci::use(hash, "h"),
                    soci::use(providerId, "p"), soci::use(batchId, "b"), soci::use(rowNumber, "r"),
                    soci::use(receivedAt, "t"))),
        findFact((s.prepare << "SELECT id, content_hash, batch_id, row_number FROM facts WHERE enterprise_id = :e AND "
                               "category = :c AND fact_key = :k",
                  soci::into(foundId), soci::into(foundHash), soci::into(foundBatch), soci::into(foundRow),
                  soci::use(enterpriseId, "e"), soci::use(category, "c"), soci::use(key, "k"))),
        keepHistory((s.prepare << "INSERT INTO fact_history (fact_id, enterprise_id, category, fact_key, fact_date, vals, "
                                  "content_hash, provider_id, batch_id, row_number, received_at, superseded_at, "
                                  "superseded_by_batch) SELECT id, enterprise_id, category, fact_key, fact_date, vals, "
                                  "content_hash, provider_id, batch_id, row_number, received_at, :t, :b FROM facts "
                                  "WHERE id = :f",
                     soci::use(receivedAt, "t"), soci::use(batchId, "b"), soci::use(factId, "f"))),
        updateFact((s.prepare << "UPDATE facts SET fact_date = :d, vals = :v, content_hash = :h, provider_id = :p, "
                                 "batch_id = :b, row_number = :r, received_at = :t WHERE id = :f",
                    soci::use(factDate, factDateInd, "d"), soci::use(vals, "v"), soci::use(hash, "h"),
                    soci::use(providerId, "p"), soci::use(batchId, "b"), soci::use(rowNumber, "r"),
                    soci::use(receivedAt, "t"), soci::use(factId, "f"))),
        quarantine((s.prepare << "INSERT INTO collect_quarantine (batch_id, row_number, cells, problems, uscc) "
                                 "VALUES (:b, :r, :c, :p, :u)",
                    soci::use(batchId, "b"), soci::use(rowNumber, "r"), soci::use(cells, "c"),
                    soci::use(problems, "p"), soci::use(rowUscc, rowUsccInd, "u"))) {}
};


}  // namespace jinfu::collect
