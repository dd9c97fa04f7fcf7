#include "finance/application/application_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "finance/application/reasons.hpp"
#include "platform/audit/actions.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/principal.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

// What the timeline keeps of a command besides its note.
json detailOf(const CommandInput& in, const Transition& t) {
  switch (in.command) {
    case Command::Approve:
      return {{"amountFen", *in.amountFen}, {"rateBp", *in.rateBp}, {"termMonths", *in.termMonths},
              {"validUntil", in.validUntil->toString()}};
    case Command::Reject: {
      json reasons = json::array();
      for (const auto& c : in.reasonCodes) {
        const auto* r = findRejectionReason(c);
        reasons.push_back({{"code", c}, {"zh", r->zh}, {"remedy", r->remedy}, {"department", r->department},
                           {"fixable", r->fixable}});
      }
      return {{"reasons", reasons}};
    }
    case Command::SignContract: return {{"contractNo", in.contractNo}};
    case Command::Disburse:
      return {{"amountFen", *in.amountFen}, {"onDate", in.onDate->toString()}, {"disbursedFen", t.disbursedFen},
              {"approvedFen", t.approvedFen}};
    case Command::Settle:
    case Command::ReportOverdue: return {{"onDate", in.onDate->toString()}};
    default: return json::object();
  }
}

}  // namespace

ApplicationRow ApplicationService::command(const Acting& a, int64_t applicationId, CommandInput input) {
  c_.runner.run(
      a.actor,
      [&] {
        auto app = visible(a.principal, applicationId);
        Viewer v = c_.viewerOf(a.principal);
        if (!app || (v.kind != Viewer::Kind::Enterprise && v.kind != Viewer::Kind::Bank))
          throw ApiError::notFound({"没有这项融资申请。", "No such application."});
        input.actor = v.kind == Viewer::Kind::Bank ? Actor::Bank : Actor::Enterprise;
        input.today = c_.today();
        return *app;
      },
      [&](const ApplicationRow& app) {
        Facts facts{app.state, app.requestedFen, app.approvedFen, app.disbursedFen, app.offerValidUntil};
        return decide(facts, input, &isRejectionReason);
      },
      [&](soci::session& tx, const ApplicationRow& app, const Transition& t, command::Effects& fx) {
        const std::string at = c_.now();
        ApplicationRow next = app;
        next.state = t.to;
        next.approvedFen = t.approvedFen;
        next.disbursedFen = t.disbursedFen;
        if (t.startsDecisionClock) next.acceptedOn = input.today;
        if (t.decidedToday) next.decidedOn = input.today;
        if (t.setsOffer) {
          next.rateBp = input.rateBp;
          next.termMonths = input.termMonths;
          next.offerValidUntil = input.validUntil;
        }
        if (!c_.applications.updateApplication(tx, next, at))
          throw ApiError::conflict("concurrent_change",
                                   {"这项申请刚刚被他人办理，请刷新后查看最新状态。", "The application changed meanwhile."});
        json detail = detailOf(input, t);
        c_.applications.insertEvent(tx, app.id,
                                    {std::string(code(input.command)), std::string(code(app.state)), std::string(code(t.to)),
                                     std::string(code(input.actor)), a.principal.userId, a.principal.organisationName,
                                     a.principal.username, at, input.note, detail.dump()});
        if (t.demand) {
          // Where the demand goes with its application (optimistic: it is claimed or directed
          // while an application on it lives).
          DemandStatus from = app.source == "claim" ? DemandStatus::Claimed : DemandStatus::Directed;
          c_.demands.moveDemand(tx, app.demandId, from, decide(from, *t.demand));
        }
        if (t.clockStops) c_.oversight.resolveOverdue(tx, app.demandId, app.id, at);
        std::string body = fmt::format("{}：{}（{} → {}）", a.principal.organisationName, zh(input.command), zh(app.state),
                                       zh(t.to));
        if (!input.note.empty()) body += "。说明：" + input.note;
        bool toEnterprise = t.tell == Actor::Enterprise;
        fx.tell(toEnterprise ? c_.demands.organisationOfEnterprise(app.enterpriseId) : std::optional<int64_t>(app.bankId),
                {"finance.application", fmt::format("融资申请 #{} {}", app.id, zh(t.to)), body,
                 toEnterprise ? fmt::format("/finance/applications/{}", app.id)
                              : fmt::format("/finance/deals/{}", app.id)});
        fx.audit({std::string(audit::action::kApplicationCommand), "success", "application", std::to_string(app.id),
                  json({{"state", code(app.state)}}).dump(), json({{"state", code(t.to)}, {"detail", detail}}).dump(),
                  std::string(zh(input.command))});
        return 0;
      });
  return *c_.applications.application(applicationId);
}

std::optional<ApplicationRow> ApplicationService::visible(const auth::Principal& p, int64_t id) {
  auto a = c_.applications.application(id);
  if (!a) return std::nullopt;
  auto regionOf = [&]() -> std::optional<std::string> {
    auto d = c_.demands.demand(a->demandId);
    return d ? std::optional(d->regionCode) : std::nullopt;
  };
  bool sees = c_.viewerOf(p).sees(a->enterpriseId, [&](int64_t bank) { return a->bankId == bank; }, regionOf);
  return sees ? a : std::nullopt;
}

Page<ApplicationRow> ApplicationService::list(const auth::Principal& p, const ApplicationFilter& f, Paging paging) {
  return c_.applications.applications(c_.viewerOf(p), f, paging);
}

std::vector<Command> ApplicationService::allowedFor(const auth::Principal& p, const ApplicationRow& a) {
  std::optional<Actor> actor;
  if (p.orgKind == auth::OrgKind::Bank && p.can(auth::perm::kDealHandle)) actor = Actor::Bank;
  if (p.orgKind == auth::OrgKind::Enterprise && p.can(auth::perm::kDemandManage)) actor = Actor::Enterprise;
  if (!actor) return {};
  return allowedCommands({a.state, a.requestedFen, a.approvedFen, a.disbursedFen, a.offerValidUntil}, *actor);
}

}  // namespace jinfu::finance
