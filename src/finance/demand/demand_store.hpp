#pragma once
// The demands table and the products that fit each demand (demand_matches, a bank's 商机).
// Alone speaks SQL for them. Every list takes the viewer and applies its scope in the query.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finance/demand/demand.hpp"
#include "finance/viewer.hpp"
#include "platform/page.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

struct DemandRow {
  int64_t id = 0, enterpriseId = 0;
  std::string enterpriseName, uscc, regionCode, parkName;
  DemandSpec spec;
  std::string mode;  // pool, directed
  DemandStatus status = DemandStatus::Open;
  std::optional<int64_t> productId;
  std::string productName;
  std::optional<int64_t> claimedBy;
  std::string claimedByName;
  std::optional<std::string> claimedAt;
  std::string publishedAt, publishedOn, openSince;
  std::vector<std::pair<int64_t, std::string>> matchedProducts;  // for a bank's 商机: its products that fit
};

struct DemandFilter {
  std::optional<DemandStatus> status;
  bool opportunities = false;  // a bank's 商机: open demands one of its published products fits
};

class DemandStore {
 public:
  explicit DemandStore(db::Database& db) : db_(db) {}

  int64_t insertDemand(soci::session& tx, int64_t enterpriseId, const DemandSpec& spec, const std::string& mode,
                       DemandStatus initial, int64_t userId, const std::string& now, Date today);
  // Optimistic: moves the demand from `from` to `to`; false when another request got there first.
  // `claimedBy`/`claimedAt` are written as given (a claim sets them); the overload without them
  // keeps who claimed it (the application moved on).
  bool moveDemand(soci::session& tx, int64_t id, DemandStatus from, DemandStatus to, std::optional<int64_t> claimedBy,
                  const std::optional<std::string>& claimedAt);
  bool moveDemand(soci::session& tx, int64_t id, DemandStatus from, DemandStatus to);
  // A claimed demand back in the pool (its claim lapsed): unclaimed, with a new claim clock from `day`.
  bool reopen(soci::session& tx, int64_t id, Date day);
  // Whether the bank holds or held the demand in a way that is still its business: it claimed it,
  // or has an application on it that did not lapse.
  bool bankHasDeal(int64_t demandId, int64_t bankId);
  void addMatches(soci::session& tx, int64_t demandId, const std::vector<std::pair<int64_t, int64_t>>& productBank);
  void removeProductMatches(soci::session& tx, int64_t productId);
  std::optional<DemandRow> demand(int64_t id);
  Page<DemandRow> demands(const Viewer& v, const DemandFilter& f, Paging paging);
  std::vector<DemandRow> openDemands(int64_t afterId, int limit);
  // The bank's first published product that fits the demand, for a claim.
  std::optional<int64_t> bestMatchingProduct(int64_t demandId, int64_t bankId);

  struct EnterpriseBasics {
    std::string regionCode, industryCode;  // industry as section + division: C35
    std::optional<std::string> sizeClass;
  };
  std::optional<EnterpriseBasics> enterpriseBasics(int64_t enterpriseId);
  // The organisation of an enterprise's users (whom a 站内信 to the enterprise reaches).
  std::optional<int64_t> organisationOfEnterprise(int64_t enterpriseId);
  std::vector<int64_t> usersOf(int64_t organisationId);

 private:
  db::Database& db_;
};

}  // namespace jinfu::finance
