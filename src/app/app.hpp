#pragma once
// The assembled application: every capability's store and routes over one database. `jinfu
// serve` and the route-table tests build their router here, so both see the same routes.
#include <memory>

#include "platform/http/router.hpp"

namespace jinfu::db { class Database; }
namespace jinfu::http { class Metrics; }

namespace jinfu {

class App {
 public:
  App(db::Database& db, http::Metrics& metrics);
  ~App();
  http::Router router();

 private:
  struct Stores;
  db::Database& db_;
  http::Metrics& metrics_;
  std::unique_ptr<Stores> stores_;
};

}  // namespace jinfu
