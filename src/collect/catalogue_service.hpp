#pragma once
// The data catalogue's one setting: which departments provide each category. Read by anyone
// (the catalogue is public), set by the operator through the command runner (audited), and
// asked before a submission's file is read.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/command/runner.hpp"
#include "platform/notify/notifications.hpp"

namespace jinfu {
class Clock;
namespace auth { struct Principal; }
namespace db { class Database; }
namespace audit { class AuditLog; struct Actor; }
}  // namespace jinfu

namespace jinfu::collect {

class CatalogueService {
 public:
  CatalogueService(db::Database& db, audit::AuditLog& audit, const Clock& clock)
      : db_(db), audit_(audit), notices_(db), runner_(db, audit, notices_, clock) {}

  // The catalogue with each category's providers (collect_json's catalogueJson).
  nlohmann::json catalogue();

  // Names exactly these providers for the category (at least one, each an organisation of kind
  // provider). 404 for an unknown category, 422 for a bad list; audited with before and after.
  void setProviders(const audit::Actor& actor, const std::string& category, const std::vector<int64_t>& providerIds);

  // A provider may submit only the categories it provides: 403 with the reason (audited as a
  // denied access) for one that it does not. Anyone else passes (the importer checks the
  // provider the operator names). An unknown category passes too: the submission says so.
  void checkSubmitter(const auth::Principal& caller, const audit::Actor& actor, const std::string& category);

 private:
  db::Database& db_;
  audit::AuditLog& audit_;
  notify::NotificationStore notices_;
  command::Runner runner_;
};

}  // namespace jinfu::collect
