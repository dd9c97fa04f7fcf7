#pragma once
// 融资对接, the subsystem: products (product/), demands and claims (demand/), applications driven
// by commands (application/), time limits, 超时督办 and the funnel (oversight/), over one shared
// Context. The app builds one Market; routes, the CLI, the scheduler and the demo use its services.
// (数据授权, consent/, stands beside it: the registry, collect and credit ask it too.)
#include <memory>

#include "finance/application/application_service.hpp"
#include "finance/context.hpp"
#include "finance/demand/demand_service.hpp"
#include "finance/oversight/oversight_service.hpp"
#include "finance/product/product_service.hpp"

namespace jinfu::finance {

class Market {
 public:
  Market(db::Database& db, credit::CreditService& credit, notify::NotificationStore& notices, audit::AuditLog& audit,
         const Clock& clock, const WorkCalendar& calendar)
      : context(db, credit, notices, audit, clock, calendar),
        products(context),
        demands(context, products),
        applications(context),
        oversight(context) {}

  Date today() const { return context.today(); }
  SweepReport sweep(Date day) { return oversight.sweep(day); }

  Context context;
  ProductService products;
  DemandService demands;
  ApplicationService applications;
  OversightService oversight;
};

}  // namespace jinfu::finance
