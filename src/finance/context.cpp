#include "finance/context.hpp"

#include "credit/credit_service.hpp"
#include "platform/audit/actions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"

namespace jinfu::finance {

Context::Context(db::Database& db, credit::CreditService& credit, notify::NotificationStore& notices,
                 audit::AuditLog& audit, const Clock& clock, const WorkCalendar& calendar)
    : db(db),
      credit(credit),
      audit(audit),
      clock(clock),
      calendar(calendar),
      runner(db, audit, notices, clock),
      products(db),
      demands(db),
      applications(db),
      oversight(db) {}

Date Context::today() const { return shanghaiDate(clock.now()); }
std::string Context::now() const { return rfc3339Shanghai(clock.now()); }

std::optional<int64_t> Context::enterpriseOf(const auth::Principal& p) {
  if (p.orgKind != auth::OrgKind::Enterprise || !p.uscc) return std::nullopt;
  auto e = credit.store().enterpriseByUscc(*p.uscc);
  if (!e) return std::nullopt;
  return e->id;
}

int64_t Context::requireOwnEnterprise(const auth::Principal& p, const audit::Actor& actor, const std::string& route) {
  if (auto id = enterpriseOf(p)) return *id;
  audit.record(actor, {std::string(audit::action::kAccessDenied), "denied", "route", route, std::nullopt, std::nullopt,
                       "不是已登记企业的用户"});
  throw ApiError(403, "enterprise_only", statusTitle(403),
                 {"只有已登记企业的用户可以办理本企业的融资需求、申请和数据授权。",
                  "Only a registered enterprise's own users may do this."});
}

Viewer Context::viewerOf(const auth::Principal& p) {
  Viewer v;
  if (p.orgKind == auth::OrgKind::Enterprise) {
    if (auto id = enterpriseOf(p)) v.kind = Viewer::Kind::Enterprise, v.id = *id;
  } else if (p.orgKind == auth::OrgKind::Bank) {
    v.kind = Viewer::Kind::Bank;
    v.id = p.organisationId;
  } else if (p.orgKind == auth::OrgKind::Government) {
    v.kind = Viewer::Kind::Region;
    v.regionPrefix = auth::scopeOf(p).regionPrefix;
  } else if (p.orgKind == auth::OrgKind::Operator) {
    v.kind = Viewer::Kind::All;
  }
  return v;
}

std::vector<std::string> Context::creditGrades() {
  std::vector<std::string> out;
  auto card = credit.parsed(credit.active());
  for (const auto& g : card->grades) out.push_back(g.grade);
  return out;
}

TimeLimits Context::limits() {
  std::lock_guard lock(limitsMutex_);
  auto at = std::chrono::steady_clock::now();
  if (limitsReadAt_ == std::chrono::steady_clock::time_point{} || at - limitsReadAt_ > std::chrono::seconds(5)) {
    cachedLimits_ = oversight.limits();
    limitsReadAt_ = at;
  }
  return cachedLimits_;
}

void Context::forgetLimits() {
  std::lock_guard lock(limitsMutex_);
  limitsReadAt_ = {};
}

}  // namespace jinfu::finance
