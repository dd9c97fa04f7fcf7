#pragma once
// The assembled application: every capability's store and routes over one database, behind the
// authentication guard. `jinfu serve`, the CLI and the route-table tests build it here, so all
// of them see the same routes with the same permissions.
#include <chrono>
#include <memory>

#include "platform/auth/authenticator.hpp"
#include "platform/http/router.hpp"
#include "platform/fwd.hpp"

namespace jinfu::http { class Metrics; }
namespace jinfu::auth { class AccountService; }
namespace jinfu::collect { class Importer; }
namespace jinfu::finance { class Market; }

namespace jinfu {

class App {
 public:
  App(db::Database& db, http::Metrics& metrics, const Clock& clock, auth::AuthSettings settings = {});
  ~App();
  http::Router router();

  auth::IdentityStore& identity();
  auth::AccountService& accounts();
  audit::AuditLog& audit();
  collect::Importer& importer();
  finance::Market& market();

  // Runs the time-limit sweep every `interval` in a background thread while this process holds
  // the database lease "finance.sweep" — so that with several server processes on one
  // PostgreSQL exactly one of them sweeps at a time. Stopped by the destructor.
  void startScheduler(std::chrono::milliseconds interval);

  // The largest file a provider may upload in one request (bytes).
  void setUploadLimit(size_t bytes) { uploadLimit_ = bytes; }

 private:
  struct Parts;
  db::Database& db_;
  http::Metrics& metrics_;
  std::unique_ptr<Parts> parts_;
  struct Scheduler;
  std::unique_ptr<Scheduler> scheduler_;
  size_t uploadLimit_ = 100u << 20;
};

}  // namespace jinfu
