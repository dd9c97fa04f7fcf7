#pragma once
// 数据授权's SQL: consents given, revoked and looked up, and the enterprise's
// read log (from the audit trail). Values are always bound.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "finance/consent/consent.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

struct ConsentRow {
  Consent consent;
  std::string enterpriseName, enterpriseUscc, bankName, grantedBy, purpose;
};

struct ReadRow {
  std::string at, organisationName, username, action, detail;
};

class ConsentStore {
 public:
  explicit ConsentStore(db::Database& db) : db_(db) {}

  std::optional<int64_t> enterpriseIdOf(const std::string& uscc);
  // The bank organisation's name, if `id` is an enabled bank.
  std::optional<std::string> bankName(int64_t id);

  int64_t insert(soci::session& tx, const Consent& c, int64_t grantedBy, const std::string& purpose);
  // Marks a consent revoked; false when it was not live at `now`.
  bool revoke(soci::session& tx, int64_t id, int64_t revokedBy, const std::string& now);

  std::optional<ConsentRow> byId(int64_t id);
  std::vector<ConsentRow> forEnterprise(int64_t enterpriseId);
  std::vector<ConsentRow> forBank(int64_t bankId);
  // Whether a live consent of the enterprise lets the bank read `scope` at `now`.
  bool live(int64_t enterpriseId, int64_t bankId, const std::string& scope, const std::string& now);
  // The enterprises whose live consent lets the bank read `scope` at `now`, ascending.
  std::vector<int64_t> enterprisesOf(int64_t bankId, const std::string& scope, const std::string& now);

  // Successful reads of the enterprise's data by other organisations, newest first.
  std::vector<ReadRow> reads(int64_t enterpriseId, int64_t enterpriseOrgId, int limit);

 private:
  // The enterprises (one, or all) whose live consent to the bank covers `scope`, ascending.
  std::vector<int64_t> covering(int64_t bankId, std::optional<int64_t> enterpriseId, const std::string& scope,
                                const std::string& now);
  std::vector<ConsentRow> query(const std::string& where, int64_t value);
  db::Database& db_;
};

}  // namespace jinfu::finance
