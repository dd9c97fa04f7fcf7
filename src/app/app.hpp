#pragma once
// The assembled application: every capability's store and routes over one database, behind the
// authentication guard. `jinfu serve`, the CLI and the route-table tests build it here, so all
// of them see the same routes with the same permissions.
#include <memory>

#include "platform/auth/authenticator.hpp"
#include "platform/http/router.hpp"

namespace jinfu::db { class Database; }
namespace jinfu::http { class Metrics; }
namespace jinfu::audit { class AuditLog; }

namespace jinfu {
class Clock;

class App {
 public:
  App(db::Database& db, http::Metrics& metrics, const Clock& clock, auth::AuthSettings settings = {});
  ~App();
  http::Router router();

  auth::IdentityStore& identity();
  audit::AuditLog& audit();

 private:
  struct Parts;
  db::Database& db_;
  http::Metrics& metrics_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace jinfu
