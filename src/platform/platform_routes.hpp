#pragma once
// Routes that belong to the platform itself: liveness, readiness, metrics, and the reference
// tools every role may use (USCC check, working-day calendar).
#include "platform/fwd.hpp"

namespace jinfu::http { class Router; class Metrics; }

namespace jinfu {
class WorkCalendar;

// Also registers the database pool gauges with `metrics`.
void addPlatformRoutes(http::Router& router, db::Database& db, http::Metrics& metrics);
void addReferenceRoutes(http::Router& router, const WorkCalendar& calendar);

}  // namespace jinfu
