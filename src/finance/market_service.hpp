#pragma once
// 融资对接 as the routes, the command line and the scheduler use it: products saved and moved
// between 草稿 / 上架 / 下架; an enterprise's profile for matching; demands published to the pool
// or directed at one product; a bank's claim (one winner, on either database); commands on an
// application with their timeline, notifications and audit; and the time-limit sweep. No SQL here
// (MarketStore), no HTTP (market_routes).
#include <cstdint>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "finance/application.hpp"
#include "finance/eligibility.hpp"
#include "finance/market.hpp"
#include "finance/market_store.hpp"

namespace jinfu {
class Clock;
class WorkCalendar;
namespace audit { class AuditLog; struct Actor; }
namespace auth { struct Principal; }
namespace credit { class CreditService; }
namespace notify { class NotificationStore; }
}  // namespace jinfu

namespace jinfu::finance {

// Who acts: the principal as the audit trail names it.
struct Acting {
  const auth::Principal& principal;
  const audit::Actor& actor;
};

struct Matching {
  Profile profile;
  std::vector<ProductRow> products;  // every published product, in the order of `matches`
  std::vector<Match> matches;
  std::vector<Ranked> ranked;        // the eligible ones, best first
  std::vector<int64_t> rankedIds;    // their product ids (the Match pointers do not outlive match())
  std::vector<std::string> rankedWhy;  // why each ranks where it does
};

struct SweepReport {
  Date today;
  int checked = 0, marked = 0, lapsed = 0;
};

class MarketService {
 public:
  MarketService(db::Database& db, credit::CreditService& credit, notify::NotificationStore& notices,
                audit::AuditLog& audit, const Clock& clock, const WorkCalendar& calendar);

  MarketStore& store() { return store_; }
  Date today() const;
  std::string now() const;

  // Whose lists the principal sees; Nobody for kinds that take no part.
  Viewer viewerOf(const auth::Principal& p);
  std::optional<int64_t> enterpriseOf(const auth::Principal& p);
  // The active scorecard's grades, best first: what a product's minimum credit grade may name.
  std::vector<std::string> creditGrades();

  ProductRow createProduct(const Acting& a, const ProductSpec& spec);
  ProductRow updateProduct(const Acting& a, int64_t id, const ProductSpec& spec);
  ProductRow moveProduct(const Acting& a, int64_t id, ProductStatus to);
  // The product as the principal may see it: published, or the bank's own; nullopt otherwise.
  std::optional<ProductRow> visibleProduct(const auth::Principal& p, int64_t id);

  // What the platform knows of the enterprise now, for matching.
  Profile profileOf(int64_t enterpriseId);
  Matching match(int64_t enterpriseId, const Need& need);
  std::vector<BankRecord> bankRecords(const std::vector<int64_t>& bankIds);

  DemandRow publishDemand(const Acting& a, int64_t enterpriseId, const DemandSpec& spec);
  DemandRow withdrawDemand(const Acting& a, int64_t enterpriseId, int64_t demandId);
  ApplicationRow claim(const Acting& a, int64_t demandId);
  // A demand as the principal may see it (own, a bank's deal or 商机, the region's), else nullopt.
  std::optional<DemandRow> visibleDemand(const auth::Principal& p, int64_t id);
  std::optional<ApplicationRow> visibleApplication(const auth::Principal& p, int64_t id);

  ApplicationRow command(const Acting& a, int64_t applicationId, CommandInput input);

  // Deadlines of an application's running step, for the pages.
  struct Clocked {
    std::string step;  // "" when no clock runs
    std::optional<Date> deadline;
    bool overdue = false;
  };
  Clocked clockOf(const ApplicationRow& a);
  Clocked clockOf(const DemandRow& d);

  // The platform's settings, read at most every few seconds (every page of 20 demands asks for
  // them once per row); another process's change is seen within that time.
  TimeLimits limits();
  void saveLimits(const Acting& a, const TimeLimits& l);

  // Marks what is overdue as of `today`, notifies the bank, lets pool claims without contact
  // lapse (the demand goes back to the pool). Safe to run twice or from two processes: each mark
  // is inserted once and each lapse is an optimistic update.
  SweepReport sweep(Date today);

 private:
  void notifyOrganisation(soci::session& tx, std::optional<int64_t> orgId, const std::string& kind,
                          const std::string& title, const std::string& body, const std::string& link);
  void matchDemandAgainstProducts(soci::session& tx, int64_t demandId, const Profile& profile, const DemandSpec& spec);

  db::Database& db_;
  credit::CreditService& credit_;
  notify::NotificationStore& notices_;
  audit::AuditLog& audit_;
  const Clock& clock_;
  const WorkCalendar& calendar_;
  MarketStore store_;
  std::mutex limitsMutex_;
  TimeLimits cachedLimits_;
  std::chrono::steady_clock::time_point limitsReadAt_{};
};

}  // namespace jinfu::finance
