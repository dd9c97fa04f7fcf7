#include "app/app.hpp"

#include "platform/calendar.hpp"
#include "platform/http/metrics.hpp"
#include "platform/platform_routes.hpp"
#include "registry/registry_routes.hpp"
#include "registry/registry_store.hpp"

namespace jinfu {

struct App::Stores {
  explicit Stores(db::Database& db) : registry(db) {}
  registry::RegistryStore registry;
};

App::App(db::Database& db, http::Metrics& metrics)
    : db_(db), metrics_(metrics), stores_(std::make_unique<Stores>(db)) {}

App::~App() = default;

http::Router App::router() {
  http::Router router;
  addPlatformRoutes(router, db_, metrics_);
  addReferenceRoutes(router, WorkCalendar::official());
  registry::addRoutes(router, stores_->registry);
  return router;
}

}  // namespace jinfu
