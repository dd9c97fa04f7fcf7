#include "finance/oversight/oversight_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/audit/actions.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

audit::Actor platformActor() {
  audit::Actor system;
  system.username = "system";
  system.organisationName = "平台";
  return system;
}

}  // namespace

OversightService::Clocked OversightService::clockOf(const ApplicationRow& a) {
  Clocked c;
  auto lim = c_.limits();
  if (a.state == State::Submitted) {
    c.step = a.source == "claim" ? Step::FirstContact : Step::ClaimOrRespond;
    c.deadline = deadline(c_.calendar, a.createdOn, limitOf(lim, *c.step));
  } else if ((a.state == State::Accepted || a.state == State::MaterialsRequested || a.state == State::Reviewing) &&
             a.acceptedOn) {
    c.step = Step::Decision;
    c.deadline = deadline(c_.calendar, *a.acceptedOn, a.decisionWorkdays);
  }
  if (c.deadline) c.overdue = c_.today() > *c.deadline;
  return c;
}

OversightService::Clocked OversightService::clockOf(const DemandRow& d) {
  Clocked c;
  if (d.status == DemandStatus::Claimed || d.status == DemandStatus::Directed) {
    // A bank holds it: the clock that runs is its application's.
    if (auto app = c_.applications.liveApplicationOfDemand(d.id)) return clockOf(*app);
    return c;
  }
  if (d.status != DemandStatus::Open) return c;
  auto start = Date::parse(d.openSince);
  if (!start) return c;
  c.step = Step::ClaimOrRespond;
  c.deadline = deadline(c_.calendar, *start, c_.limits().claimOrRespond);
  c.overdue = c_.today() > *c.deadline;
  return c;
}

void OversightService::saveLimits(const Acting& a, const TimeLimits& l) {
  c_.runner.run(
      a.actor, [&] { return c_.oversight.limits(); }, [&](const TimeLimits&) { return l; },
      [&](soci::session& tx, const TimeLimits& before, const TimeLimits& after, command::Effects& fx) {
        c_.oversight.saveLimits(tx, after, c_.now());
        fx.audit({std::string(audit::action::kFinanceSettings), "success", "finance_settings", "time_limits",
                  json({{"claimOrRespond", before.claimOrRespond}, {"firstContact", before.firstContact},
                        {"decision", before.decision}})
                      .dump(),
                  json({{"claimOrRespond", after.claimOrRespond}, {"firstContact", after.firstContact},
                        {"decision", after.decision}})
                      .dump(),
                  ""});
        return 0;
      });
  c_.forgetLimits();  // this process sees its own change at once
}

SweepReport OversightService::sweep(Date day) {
  SweepReport report;
  report.today = day;
  auto lim = c_.limits();
  const audit::Actor system = platformActor();
  for (const auto& p : c_.oversight.pending()) {
    ++report.checked;
    int days = p.workdays > 0 ? p.workdays : limitOf(lim, p.step);
    if (!isOverdue(c_.calendar, p.startedOn, days, day)) continue;
    Date due = deadline(c_.calendar, p.startedOn, days);
    const std::string at = c_.now();
    if (p.step == Step::FirstContact) {
      // A claim nobody followed up: the application lapses, the demand returns to the pool.
      auto app = c_.applications.application(p.applicationId);
      if (!app || app->state != State::Submitted) continue;
      CommandInput in;
      in.command = Command::Lapse;
      in.actor = Actor::System;
      in.today = day;
      Transition t = decide({app->state, app->requestedFen, 0, 0, std::nullopt}, in);
      ApplicationRow next = *app;
      next.state = t.to;
      bool done = c_.runner.write(system, [&](soci::session& tx, command::Effects& fx) {
        if (!c_.applications.updateApplication(tx, next, at)) return false;  // the bank acted meanwhile, or another sweep
        std::string note = fmt::format("接单后 {} 个工作日内（截至 {}）未联系企业，需求退回需求池。", days, due.toString());
        c_.applications.insertEvent(tx, app->id,
                                    {std::string(code(Command::Lapse)), std::string(code(app->state)),
                                     std::string(code(t.to)), "system", std::nullopt, "平台", "system", at, note,
                                     json({{"deadline", due.toString()}}).dump()});
        c_.demands.reopen(tx, app->demandId, day);  // DemandEvent::ClaimLapsed, with a new claim clock
        c_.oversight.markOverdue(tx, p, due, at, "lapsed");
        c_.oversight.resolveOverdue(tx, app->demandId, app->id, at);  // the platform has acted: nothing left to chase
        fx.tell(app->bankId, {"finance.overdue", fmt::format("接单已失效：融资申请 #{}", app->id),
                              fmt::format("{}的融资需求接单后未在 {} 前联系企业，已退回需求池。", app->enterpriseName,
                                          due.toString()),
                              fmt::format("/finance/deals/{}", app->id)});
        fx.tell(c_.demands.organisationOfEnterprise(app->enterpriseId),
                {"finance.overdue", "需求已退回需求池",
                 fmt::format("{}接单后未按时联系您，您的融资需求已重新开放给其他银行。", app->bankName), "/finance/demands"});
        return true;
      });
      if (done) ++report.lapsed, ++report.marked;
      continue;
    }
    bool marked = c_.runner.write(system, [&](soci::session& tx, command::Effects& fx) {
      if (!c_.oversight.markOverdue(tx, p, due, at, p.bankId ? "notified" : "listed")) return false;
      std::string what = p.step == Step::Decision ? "审批决定" : "受理答复";
      fx.tell(p.bankId, {"finance.overdue", fmt::format("超时提醒：融资申请 #{}", p.applicationId),
                         fmt::format("{}已超过时限（{} 个工作日，截至 {}），已列入政府超时督办。", what, days, due.toString()),
                         fmt::format("/finance/deals/{}", p.applicationId)});
      return true;
    });
    if (marked) ++report.marked;
  }
  if (report.marked > 0)
    c_.audit.record(system, {std::string(audit::action::kFinanceSweep), "success", "finance", day.toString(), std::nullopt,
                             json({{"checked", report.checked}, {"marked", report.marked}, {"lapsed", report.lapsed}}).dump(),
                             ""});
  return report;
}

Page<OverdueRow> OversightService::overdue(const auth::Principal& p, bool openOnly, Paging paging) {
  return c_.oversight.overdue(c_.viewerOf(p), openOnly, paging);
}

Funnel OversightService::funnel(const auth::Principal& p) {
  Viewer v = c_.viewerOf(p);
  Funnel f;
  f.byBank = c_.oversight.funnelByBank(v);
  f.byPark = c_.oversight.funnelByPark(v);
  for (const auto& r : f.byPark) {
    f.total.published += r.published;
    f.total.claimed += r.claimed;
    f.total.approved += r.approved;
    f.total.disbursed += r.disbursed;
    f.total.publishedFen += r.publishedFen;
    f.total.approvedFen += r.approvedFen;
    f.total.disbursedFen += r.disbursedFen;
  }
  f.openOverdue = c_.oversight.overdue(v, true, {1, 1}).total;
  return f;
}

}  // namespace jinfu::finance
