#pragma once
// The batch pipeline: a provider's file becomes facts with provenance, or quarantined rows with
// reasons, in one transaction. Whatever happens — a bad row, a bad file, a killed process — the
// database holds either the whole batch or nothing of it.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "collect/source.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/command/runner.hpp"
#include "platform/notify/notifications.hpp"
#include "platform/fwd.hpp"

namespace jinfu::collect {

struct Submission {
  int64_t providerId = 0;
  std::string category;
  std::string source = "upload";  // upload | api | cli
  std::string fileName;           // as the provider named it; reduced to its last path part
  Format format = Format::Csv;
  Encoding encoding = Encoding::Auto;
  std::string contentSha256;      // hex SHA-256 of the file's bytes: the batch's identity
  std::optional<int64_t> resubmitOf;
  std::optional<int64_t> submittedBy;  // user id
};

struct ImportResult {
  int64_t batchId = 0;
  bool duplicate = false;  // this content was submitted before: nothing was applied
};

// "../../etc/passwd" → "passwd", "C:\\数据\\纳税.csv" → "纳税.csv"; control characters removed,
// cut to 200 characters; "" becomes "未命名".
std::string safeFileName(std::string_view name);

class Importer {
 public:
  Importer(db::Database& db, audit::AuditLog& audit, const Clock& clock)
      : db_(db), audit_(audit), clock_(clock), notices_(db), runner_(db, audit, notices_, clock) {}

  // Reads `source` to its end inside one transaction — the command runner's: the batch, its rows
  // and its audit entry commit together or not at all. Throws ApiError 422 (and stores nothing)
  // when the file as a whole cannot be used: unknown category or provider, unreadable file,
  // a header with no usable column. Every row problem is quarantined instead.
  // `rowsRead` is told the rows read so far every kRowsPerReport rows; whatever it throws (a
  // cancelled job) rolls the whole batch back and comes out of run().
  static constexpr int64_t kRowsPerReport = 1000;
  ImportResult run(const Submission& submission, TableSource& source, const audit::Actor& actor,
                   const std::function<void(int64_t)>& rowsRead = {});

 private:
  db::Database& db_;
  audit::AuditLog& audit_;  // a refused file is recorded outside the transaction it never wrote
  const Clock& clock_;      // the batch's receipt (the demo loads batches received "then")
  notify::NotificationStore notices_;
  command::Runner runner_;
};

}  // namespace jinfu::collect
