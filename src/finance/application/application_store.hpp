#pragma once
// The applications table and each application's timeline (application_events). Alone speaks
// SQL for them; lists apply the viewer's scope in the query.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "finance/application/application.hpp"
#include "finance/viewer.hpp"
#include "platform/page.hpp"
#include "platform/fwd.hpp"

namespace jinfu::finance {

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
  std::optional<State> state;
  std::optional<int64_t> demandId;
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

class ApplicationStore {
 public:
  explicit ApplicationStore(db::Database& db) : db_(db) {}

  int64_t insertApplication(soci::session& tx, const ApplicationRow& a, const std::string& now);
  // Writes the application's new facts when its version is still `a.version`; false otherwise.
  bool updateApplication(soci::session& tx, const ApplicationRow& a, const std::string& now);
  void insertEvent(soci::session& tx, int64_t applicationId, const NewEvent& e);
  std::optional<ApplicationRow> application(int64_t id);
  Page<ApplicationRow> applications(const Viewer& v, const ApplicationFilter& f, Paging paging);
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

 private:
  db::Database& db_;
};

}  // namespace jinfu::finance
