#pragma once
// The only place 融资对接 speaks SQL: products, demands and the products that fit them (商机),
// applications and their timeline, overdue marks, the time-limit settings and the pipeline's
// figures. Every list takes the viewer and applies its scope in the query: an enterprise sees
// itself, a bank its own deals, a government body its region. Values are always bound.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finance/application.hpp"
#include "finance/deadlines.hpp"
#include "finance/market.hpp"

namespace soci { class session; }
namespace jinfu::db { class Database; }

namespace jinfu::finance {

// Whose eyes a list is for; the store turns it into a condition.
struct Viewer {
  enum class Kind { Enterprise, Bank, Region, All, Nobody };
  Kind kind = Kind::Nobody;
  int64_t id = 0;            // the enterprise or the bank
  std::string regionPrefix;  // a government body's
};

struct ProductRow {
  int64_t id = 0, bankId = 0;
  std::string bankName;
  ProductStatus status = ProductStatus::Draft;
  ProductSpec spec;
  std::string createdAt, updatedAt;
  std::optional<std::string> publishedAt;
};

struct ProductFilter {
  std::optional<ProductStatus> status;
  std::optional<int64_t> bankId;
  std::string kind, q;
  std::optional<int64_t> amountFen;  // products whose range holds it
  std::optional<int> termMonths;
  std::string sort;                  // rate, amount, approval, newest
  int lprBp = 0;                     // to sort LPR products by their effective rate
  int64_t ownBankId = 0;             // a bank also sees its own drafts and withdrawn products
  int page = 1, pageSize = 20;
};

struct DemandRow {
  int64_t id = 0, enterpriseId = 0;
  std::string enterpriseName, uscc, regionCode, parkName;
  DemandSpec spec;
  std::string mode, status;
  std::optional<int64_t> productId;
  std::string productName;
  std::optional<int64_t> claimedBy;
  std::string claimedByName;
  std::optional<std::string> claimedAt;
  std::string publishedAt, publishedOn, openSince;
  std::vector<std::pair<int64_t, std::string>> matchedProducts;  // for a bank's 商机: its products that fit
};

struct DemandFilter {
  std::string status;          // open, claimed, directed, closed, withdrawn; empty = any
  bool opportunities = false;  // a bank's 商机: open demands one of its published products fits
  int page = 1, pageSize = 20;
};

struct ApplicationRow {
  int64_t id = 0, demandId = 0, enterpriseId = 0, bankId = 0;
  std::string enterpriseName, uscc, bankName, source, productName;
  std::optional<int64_t> productId;
  State state = State::Submitted;
  int64_t requestedFen = 0, approvedFen = 0, disbursedFen = 0;
  std::optional<int> rateBp, termMonths;
  std::optional<Date> offerValidUntil;
  int decisionWorkdays = 0;
  std::string createdAt, updatedAt;
  Date createdOn;
  std::optional<Date> acceptedOn, decidedOn;
  int version = 0;
  std::string demandPurpose;
  int demandTermMonths = 0;
};

struct ApplicationFilter {
  std::string state;
  std::optional<int64_t> demandId;
  int page = 1, pageSize = 20;
};

struct EventRow {
  int64_t id = 0;
  std::string command, fromState, toState, actorKind, organisationName, username, at, note, detail;
};

struct NewEvent {
  std::string command, fromState, toState, actorKind;
  std::optional<int64_t> userId;
  std::string organisationName, username, at, note, detail = "{}";
};

struct OverdueRow {
  int64_t id = 0;
  std::string step;
  int64_t demandId = 0, applicationId = 0;
  std::optional<int64_t> bankId;
  std::string bankName, enterpriseName, uscc, startedOn, deadline, markedAt, outcome;
  std::optional<std::string> resolvedAt;
};

// What the scheduler looks at: every demand or application with a running clock.
struct Pending {
  std::string step;  // claim_or_respond, first_contact, decision
  int64_t demandId = 0, applicationId = 0;
  std::optional<int64_t> bankId;
  Date startedOn;
  int workdays = 0;  // 0: take the platform's setting
};

struct FunnelRow {
  std::string key, name;  // bank or park
  int64_t published = 0, claimed = 0, approved = 0, disbursed = 0;
  int64_t publishedFen = 0, approvedFen = 0, disbursedFen = 0;
};

class MarketStore {
 public:
  explicit MarketStore(db::Database& db) : db_(db) {}

  // Products.
  int64_t insertProduct(soci::session& tx, int64_t bankId, const ProductSpec& spec, int64_t userId, const std::string& now);
  bool updateProduct(soci::session& tx, int64_t id, const ProductSpec& spec, const std::string& now);
  // Moves a product from `from` to `to`; false when it was not in `from` any more.
  bool setProductStatus(soci::session& tx, int64_t id, ProductStatus from, ProductStatus to, const std::string& now);
  std::optional<ProductRow> product(int64_t id);
  std::pair<std::vector<ProductRow>, int64_t> products(const ProductFilter& f);
  std::vector<ProductRow> publishedProducts();

  // Demands and the published products that fit them.
  int64_t insertDemand(soci::session& tx, int64_t enterpriseId, const DemandSpec& spec, const std::string& mode,
                       const std::string& status, int64_t userId, const std::string& now, Date today);
  // Optimistic: moves the demand from `expected` to `to`; false when another request got there first.
  // `claimedBy`/`claimedAt` are written as given (a claim sets them, a lapse clears them); the
  // overload without them keeps who claimed it (the application moved on).
  bool moveDemand(soci::session& tx, int64_t id, const std::string& expected, const std::string& to,
                  std::optional<int64_t> claimedBy, const std::optional<std::string>& claimedAt);
  bool moveDemand(soci::session& tx, int64_t id, const std::string& expected, const std::string& to);
  // A claimed demand back in the pool (its claim lapsed): unclaimed, with a new claim clock from `day`.
  bool reopen(soci::session& tx, int64_t id, Date day);
  // Whether the bank holds or held the demand in a way that is still its business: it claimed it,
  // or has an application on it that did not lapse.
  bool bankHasDeal(int64_t demandId, int64_t bankId);
  void addMatches(soci::session& tx, int64_t demandId, const std::vector<std::pair<int64_t, int64_t>>& productBank);
  void removeProductMatches(soci::session& tx, int64_t productId);
  std::optional<DemandRow> demand(int64_t id);
  std::pair<std::vector<DemandRow>, int64_t> demands(const Viewer& v, const DemandFilter& f);
  std::vector<DemandRow> openDemands(int64_t afterId, int limit);

  // Applications.
  int64_t insertApplication(soci::session& tx, const ApplicationRow& a, const std::string& now);
  // Writes the application's new facts when its version is still `a.version`; false otherwise.
  bool updateApplication(soci::session& tx, const ApplicationRow& a, const std::string& now);
  void insertEvent(soci::session& tx, int64_t applicationId, const NewEvent& e);
  std::optional<ApplicationRow> application(int64_t id);
  std::pair<std::vector<ApplicationRow>, int64_t> applications(const Viewer& v, const ApplicationFilter& f);
  std::vector<EventRow> events(int64_t applicationId);
  // The live application of a demand (not final), if any.
  std::optional<ApplicationRow> liveApplicationOfDemand(int64_t demandId);

  // How each bank has behaved, for ranking: acceptance days and decisions.
  struct BankHistory {
    int64_t bankId = 0;
    std::vector<std::pair<Date, Date>> responses;  // created → accepted
    int64_t approved = 0, decided = 0;
  };
  std::vector<BankHistory> bankHistories();

  // Time limits: the platform's settings (defaults when unset), the running clocks, overdue marks.
  TimeLimits limits();
  void saveLimits(soci::session& tx, const TimeLimits& l, const std::string& now);
  std::vector<Pending> pending();
  // Inserts the mark unless the same step of the same demand/application is marked already.
  bool markOverdue(soci::session& tx, const Pending& p, Date deadline, const std::string& now, const std::string& outcome);
  void resolveOverdue(soci::session& tx, int64_t demandId, int64_t applicationId, const std::string& now);
  std::pair<std::vector<OverdueRow>, int64_t> overdue(const Viewer& v, bool openOnly, int page, int pageSize);

  // The pipeline for the government: by bank and by park, within the viewer's region.
  std::vector<FunnelRow> funnelByBank(const Viewer& v);
  std::vector<FunnelRow> funnelByPark(const Viewer& v);

  struct EnterpriseBasics {
    std::string regionCode, industryCode;  // industry as section + division: C35
    std::optional<std::string> sizeClass;
  };
  std::optional<EnterpriseBasics> enterpriseBasics(int64_t enterpriseId);
  bool isBank(int64_t organisationId);
  // The bank's first published product that fits the demand, for a claim.
  std::optional<int64_t> bestMatchingProduct(int64_t demandId, int64_t bankId);

  // The users of an organisation (for 站内信 to a bank or an enterprise).
  std::vector<int64_t> usersOf(int64_t organisationId);
  std::optional<int64_t> organisationOfEnterprise(int64_t enterpriseId);

 private:
  db::Database& db_;
};

}  // namespace jinfu::finance
