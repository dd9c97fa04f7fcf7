#include "app/app.hpp"

#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include <spdlog/spdlog.h>

#include "collect/collect_routes.hpp"
#include "collect/collect_store.hpp"
#include "collect/catalogue_service.hpp"
#include "collect/importer.hpp"
#include "credit/credit_routes.hpp"
#include "credit/credit_service.hpp"
#include "finance/consent/consent_routes.hpp"
#include "finance/consent/consent_service.hpp"
#include "finance/consent/consent_store.hpp"
#include "finance/market.hpp"
#include "finance/routes.hpp"
#include "platform/db/job_lease.hpp"
#include "platform/notify/notifications.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/audit/audit_routes.hpp"
#include "platform/auth/account_service.hpp"
#include "platform/auth/auth_routes.hpp"
#include "platform/auth/authenticator.hpp"
#include "platform/auth/identity_store.hpp"
#include "platform/calendar.hpp"
#include "platform/http/metrics.hpp"
#include "platform/platform_routes.hpp"
#include "registry/registry_routes.hpp"
#include "platform/jobs/jobs.hpp"
#include "registry/registry_store.hpp"

namespace jinfu {

struct App::Parts {
  Parts(db::Database& db, const Clock& clock, auth::AuthSettings settings)
      : identity(db),
        audit(db, clock),
        authenticator(identity, audit, clock, settings),
        accounts(identity, audit, clock, [this] { authenticator.invalidate(); }),
        registry(db),
        collect(db),
        importer(db, audit, clock),
        catalogue(db, audit, clock),
        credit(db, clock),
        consent(db),
        notifications(db),
        market(db, credit, notifications, audit, clock, WorkCalendar::official()),
        consentService(std::make_shared<finance::ConsentService>(market.context, consent)),
        clock(clock),
        jobs(clock) {}
  auth::IdentityStore identity;
  audit::AuditLog audit;
  auth::Authenticator authenticator;
  auth::AccountService accounts;
  registry::RegistryStore registry;
  collect::CollectStore collect;
  collect::Importer importer;
  collect::CatalogueService catalogue;
  credit::CreditService credit;
  finance::ConsentStore consent;
  notify::NotificationStore notifications;
  finance::Market market;
  std::shared_ptr<finance::ConsentService> consentService;
  const Clock& clock;
  // Last, so that it is destroyed first: its jobs use everything above.
  jobs::Runner jobs;
};

struct App::Scheduler {
  std::mutex mutex;
  std::condition_variable wake;
  bool stop = false;
  std::thread thread;
};

App::App(db::Database& db, http::Metrics& metrics, const Clock& clock, auth::AuthSettings settings)
    : db_(db), metrics_(metrics), parts_(std::make_unique<Parts>(db, clock, settings)) {}

App::~App() {
  if (scheduler_) {
    {
      std::lock_guard lock(scheduler_->mutex);
      scheduler_->stop = true;
    }
    scheduler_->wake.notify_all();
    scheduler_->thread.join();
  }
}

void App::startScheduler(std::chrono::milliseconds interval) {
  if (scheduler_ || interval.count() <= 0) return;
  scheduler_ = std::make_unique<Scheduler>();
  // A holder name unique to this process: host-independent, random.
  std::random_device rd;
  std::string holder = "jinfu-" + std::to_string(rd()) + std::to_string(rd());
  scheduler_->thread = std::thread([this, interval, holder] {
    auto& s = *scheduler_;
    for (;;) {
      try {
        auto nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(parts_->clock.now().time_since_epoch()).count();
        // The lease outlives one interval a little, so the holder keeps it while it runs.
        if (db::tryTakeLease(db_, "finance.sweep", holder, nowMs, interval.count() * 2)) {
          auto r = parts_->market.sweep(parts_->market.today());
          if (r.marked > 0) spdlog::info("超时检查：检查 {} 项，新标记 {} 项，失效 {} 项", r.checked, r.marked, r.lapsed);
        }
      } catch (const std::exception& e) {
        spdlog::warn("超时检查失败：{}", e.what());
      }
      std::unique_lock lock(s.mutex);
      if (s.wake.wait_for(lock, interval, [&] { return s.stop; })) break;
    }
    try {
      db::releaseLease(db_, "finance.sweep", holder);
    } catch (const std::exception&) {
    }
  });
}

auth::IdentityStore& App::identity() { return parts_->identity; }
auth::AccountService& App::accounts() { return parts_->accounts; }
audit::AuditLog& App::audit() { return parts_->audit; }
collect::Importer& App::importer() { return parts_->importer; }
finance::Market& App::market() { return parts_->market; }

http::Router App::router() {
  http::Router router;
  addPlatformRoutes(router, db_, metrics_);
  addReferenceRoutes(router, WorkCalendar::official());
  auth::addAuthRoutes(router, parts_->accounts, parts_->authenticator, parts_->audit);
  auth::addAdminRoutes(router, parts_->accounts, parts_->authenticator);
  audit::addRoutes(router, parts_->audit);
  // 数据授权: what a bank may read of an enterprise, asked by the registry, collect and credit routes.
  auto consent = finance::consentCheck(parts_->consent, parts_->clock);
  registry::addRoutes(router, parts_->registry, parts_->audit, consent,
                      finance::consentedEnterprises(parts_->consent, parts_->clock), parts_->clock);
  collect::addRoutes(router, {parts_->collect, parts_->registry, parts_->importer, parts_->catalogue, parts_->audit, parts_->clock,
                              parts_->jobs, uploadLimit_, consent});
  jobs::addRoutes(router, parts_->jobs);
  credit::addRoutes(router, parts_->credit, parts_->registry, parts_->audit, consent);
  finance::addConsentRoutes(router, parts_->consentService);
  finance::addRoutes(router, parts_->market, parts_->consent, parts_->audit);
  notify::addRoutes(router, parts_->notifications, parts_->clock);
  parts_->authenticator.protect(router);
  return router;
}

}  // namespace jinfu
