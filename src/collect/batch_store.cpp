#include "collect/batch_store.hpp"

namespace jinfu::collect {

std::optional<int64_t> BatchStore::findDuplicate(soci::session& s, int64_t providerId, const std::string& category,
                                                 const std::string& contentSha256, const std::string& encoding) {
  long long id = 0, provider = providerId;
  soci::indicator ind = soci::i_null;
  s << "SELECT id FROM collect_batches WHERE provider_id = :p AND category = :c AND content_sha256 = :h AND "
       "encoding = :e",
      soci::use(provider), soci::use(category), soci::use(contentSha256), soci::use(encoding), soci::into(id, ind);
  if (!s.got_data() || ind == soci::i_null) return std::nullopt;
  return id;
}

std::optional<std::pair<int64_t, std::string>> BatchStore::owner(soci::session& s, int64_t batchId) {
  long long id = batchId, provider = 0;
  std::string category;
  soci::indicator ind = soci::i_null;
  s << "SELECT provider_id, category FROM collect_batches WHERE id = :id", soci::use(id), soci::into(provider, ind),
      soci::into(category);
  if (!s.got_data() || ind == soci::i_null) return std::nullopt;
  return std::make_pair(static_cast<int64_t>(provider), category);
}

void BatchStore::insert(soci::session& s, const NewBatch& b) {
  long long provider = b.providerId, resubmitOf = b.resubmitOf.value_or(0), submittedBy = b.submittedBy.value_or(0);
  soci::indicator resubmitInd = b.resubmitOf ? soci::i_ok : soci::i_null;
  soci::indicator submittedInd = b.submittedBy ? soci::i_ok : soci::i_null;
  s << "INSERT INTO collect_batches (provider_id, category, source, file_name, format, encoding, content_sha256, "
       "header, unknown_columns, resubmit_of, submitted_by, received_at) VALUES (:p, :c, :s, :f, :fmt, :enc, :h, "
       ":hdr, :unk, :re, :by, :t)",
      soci::use(provider), soci::use(b.category), soci::use(b.source), soci::use(b.fileName), soci::use(b.format),
      soci::use(b.encoding), soci::use(b.contentSha256), soci::use(b.headerJson), soci::use(b.unknownColumnsJson),
      soci::use(resubmitOf, resubmitInd), soci::use(submittedBy, submittedInd), soci::use(b.receivedAt);
}

void BatchStore::complete(soci::session& s, int64_t batchId, const BatchCounts& c, const std::string& completedAt) {
  long long id = batchId;
  s << "UPDATE collect_batches SET rows_total = :t, rows_accepted = :a, rows_unchanged = :u, rows_quarantined = :q, "
       "rows_superseding = :s, completed_at = :c WHERE id = :id",
      soci::use(c.total), soci::use(c.accepted), soci::use(c.unchanged), soci::use(c.quarantined),
      soci::use(c.superseding), soci::use(completedAt), soci::use(id);
}

void BatchStore::savepoint(soci::session& s) { s << "SAVEPOINT registration_row"; }

void BatchStore::release(soci::session& s) { s << "RELEASE SAVEPOINT registration_row"; }

void BatchStore::rollback(soci::session& s) {
  s << "ROLLBACK TO SAVEPOINT registration_row";
  s << "RELEASE SAVEPOINT registration_row";
}

}  // namespace jinfu::collect
