#include "app/app.hpp"

#include "collect/collect_routes.hpp"
#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "credit/credit_routes.hpp"
#include "credit/credit_service.hpp"
#include "finance/consent_routes.hpp"
#include "finance/consent_store.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/audit/audit_routes.hpp"
#include "platform/auth/auth_routes.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/calendar.hpp"
#include "platform/http/metrics.hpp"
#include "platform/platform_routes.hpp"
#include "registry/registry_routes.hpp"
#include "registry/registry_store.hpp"

namespace jinfu {

struct App::Parts {
  Parts(db::Database& db, const Clock& clock, auth::AuthSettings settings)
      : identity(db),
        audit(db, clock),
        authenticator(identity, audit, clock, settings),
        registry(db),
        collect(db),
        importer(db, audit, clock),
        credit(db, clock),
        consent(db),
        clock(clock) {}
  auth::IdentityStore identity;
  audit::AuditLog audit;
  auth::Authenticator authenticator;
  registry::RegistryStore registry;
  collect::CollectStore collect;
  collect::Importer importer;
  credit::CreditService credit;
  finance::ConsentStore consent;
  const Clock& clock;
};

App::App(db::Database& db, http::Metrics& metrics, const Clock& clock, auth::AuthSettings settings)
    : db_(db), metrics_(metrics), parts_(std::make_unique<Parts>(db, clock, settings)) {}

App::~App() = default;

auth::IdentityStore& App::identity() { return parts_->identity; }
audit::AuditLog& App::audit() { return parts_->audit; }
collect::Importer& App::importer() { return parts_->importer; }

http::Router App::router() {
  http::Router router;
  addPlatformRoutes(router, db_, metrics_);
  addReferenceRoutes(router, WorkCalendar::official());
  auth::addAuthRoutes(router, parts_->identity, parts_->authenticator, parts_->audit);
  auth::addAdminRoutes(router, parts_->identity, parts_->authenticator, parts_->audit);
  audit::addRoutes(router, parts_->audit);
  // 数据授权: what a bank may read of an enterprise, asked by the registry, collect and credit routes.
  auto consent = finance::consentCheck(parts_->consent, parts_->clock);
  registry::addRoutes(router, parts_->registry, parts_->audit, consent);
  collect::addRoutes(router, {parts_->collect, parts_->registry, parts_->importer, parts_->audit, parts_->clock,
                              uploadLimit_, consent});
  credit::addRoutes(router, parts_->credit, parts_->registry, parts_->audit, consent);
  finance::addConsentRoutes(router, db_, parts_->consent, parts_->audit, parts_->clock);
  parts_->authenticator.protect(router);
  return router;
}

}  // namespace jinfu
