#include "finance/demand/demand_service.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "platform/audit/actions.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

ApiError noSuchDemand() { return ApiError::notFound({"没有这项融资需求。", "No such demand."}); }

}  // namespace

DemandRow DemandService::publish(const Acting& a, int64_t enterpriseId, const DemandSpec& spec) {
  struct Loaded {
    std::optional<ProductRow> product;
    Profile profile;
    TimeLimits limits;
    std::vector<std::pair<int64_t, int64_t>> fitting;  // the pool's products that fit, with their bank
  };
  int64_t id = c_.runner.run(
      a.actor,
      [&] {
        Loaded l;
        if (spec.productId) {
          l.product = c_.products.product(*spec.productId);
          if (!l.product || l.product->status != ProductStatus::Published)
            throw ApiError::validation({{"productId", {"这个产品不存在或未上架，不能申请。", "The product is not published."}}});
        }
        // Preferred banks must be banks.
        std::vector<FieldError> problems;
        for (size_t i = 0; i < spec.preferredBankIds.size(); ++i)
          if (!c_.products.isBank(spec.preferredBankIds[i]))
            problems.push_back({fmt::format("preferredBankIds[{}]", i), {"没有这家银行。", "No such bank."}});
        if (!problems.empty()) throw ApiError::validation(std::move(problems));
        l.profile = products_.profileOf(enterpriseId);
        l.limits = c_.limits();
        return l;
      },
      [&](const Loaded& l) {
        Need need{spec.amountFen, spec.termMonths, spec.guarantees};
        auto grades = c_.creditGrades();
        Date day = c_.today();
        std::vector<std::pair<int64_t, int64_t>> fitting;
        if (l.product) {
          // A directed application must not break a rule the platform can check; what it cannot
          // check (未归集) is for the bank to look at.
          Product view = forMatching(l.product->id, l.product->bankName, l.product->spec, day);
          auto m = finance::match(view, l.profile, need, grades);
          std::vector<FieldError> failed;
          for (const auto& r : m.rules)
            if (r.outcome == Outcome::Fail)
              failed.push_back({"productId", {fmt::format("不符合“{}”：本企业为 {}，产品要求 {}。", r.ruleZh, r.value, r.threshold),
                                              fmt::format("Rule {} fails: {} vs {}.", r.rule, r.value, r.threshold)}});
          if (!failed.empty()) throw ApiError::validation(std::move(failed));
        } else {
          for (const auto& p : c_.products.publishedProducts()) {
            Product view = forMatching(p.id, p.bankName, p.spec, day);
            if (ProductService::fits(evaluate(view, l.profile, need, grades))) fitting.emplace_back(p.id, p.bankId);
          }
        }
        return fitting;
      },
      [&](soci::session& tx, const Loaded& l, const std::vector<std::pair<int64_t, int64_t>>& fitting,
          command::Effects& fx) {
        const std::string at = c_.now();
        const Date day = c_.today();
        const auto& product = l.product;
        int64_t demandId = c_.demands.insertDemand(tx, enterpriseId, spec, product ? "directed" : "pool",
                                                   initialStatus(product.has_value()), a.principal.userId, at, day);
        if (product) {
          ApplicationRow app;
          app.demandId = demandId;
          app.enterpriseId = enterpriseId;
          app.bankId = product->bankId;
          app.productId = product->id;
          app.source = "directed";
          app.state = State::Submitted;
          app.requestedFen = spec.amountFen;
          app.decisionWorkdays = product->spec.approvalWorkdays > 0 ? product->spec.approvalWorkdays : l.limits.decision;
          app.createdOn = day;
          int64_t appId = c_.applications.insertApplication(tx, app, at);
          c_.applications.insertEvent(
              tx, appId,
              {"submit", "", std::string(code(State::Submitted)), "enterprise", a.principal.userId,
               a.principal.organisationName, a.principal.username, at, spec.purpose,
               json({{"amountFen", spec.amountFen}, {"termMonths", spec.termMonths}, {"productId", product->id}}).dump()});
          fx.tell(product->bankId,
                  {"finance.application", "收到定向融资申请",
                   fmt::format("{}申请“{}”{}，期限 {} 个月。请在 {} 前受理或答复。", a.principal.organisationName,
                               product->spec.name, wan(spec.amountFen), spec.termMonths,
                               deadline(c_.calendar, day, l.limits.claimOrRespond).toString()),
                   fmt::format("/finance/deals/{}", appId)});
        } else {
          c_.demands.addMatches(tx, demandId, fitting);
          for (int64_t bank : spec.preferredBankIds)
            fx.tell(bank, {"finance.demand", "企业将贵行列为意向银行",
                           fmt::format("{}发布融资需求 {}，期限 {} 个月，用途：{}。", a.principal.organisationName,
                                       wan(spec.amountFen), spec.termMonths, spec.purpose),
                           "/finance/opportunities"});
        }
        fx.audit({std::string(audit::action::kDemandPublish), "success", "demand", std::to_string(demandId), std::nullopt,
                  json({{"amountFen", spec.amountFen}, {"termMonths", spec.termMonths},
                        {"mode", product ? "directed" : "pool"}})
                      .dump(),
                  product ? product->spec.name : "需求池"});
        return demandId;
      });
  return *c_.demands.demand(id);
}

DemandRow DemandService::withdraw(const Acting& a, int64_t enterpriseId, int64_t demandId) {
  c_.runner.run(
      a.actor,
      [&] {
        auto d = c_.demands.demand(demandId);
        if (!d || d->enterpriseId != enterpriseId) throw noSuchDemand();
        return *d;
      },
      [&](const DemandRow& d) { return decide(d.status, DemandEvent::Withdraw); },
      [&](soci::session& tx, const DemandRow& d, DemandStatus to, command::Effects& fx) {
        if (!c_.demands.moveDemand(tx, demandId, d.status, to, std::nullopt, std::nullopt))
          throw ApiError::conflict("demand_taken", {"需求刚刚被银行接单，请在“我的申请”中撤回。", "A bank just claimed it."});
        c_.oversight.resolveOverdue(tx, demandId, 0, c_.now());
        fx.audit({std::string(audit::action::kDemandWithdraw), "success", "demand", std::to_string(demandId),
                  std::nullopt, std::nullopt, ""});
        return 0;
      });
  return *c_.demands.demand(demandId);
}

ApplicationRow DemandService::claim(const Acting& a, int64_t demandId) {
  const auth::Principal& bank = a.principal;
  struct Loaded {
    DemandRow demand;
    std::optional<int64_t> productId;  // the bank's best fitting product becomes the application's
    int decisionDays = 0;
    TimeLimits limits;
  };
  int64_t id = c_.runner.run(
      a.actor,
      [&] {
        auto d = c_.demands.demand(demandId);
        if (!d || d->mode != "pool") throw noSuchDemand();
        Loaded l{*d, c_.demands.bestMatchingProduct(demandId, bank.organisationId), 0, c_.limits()};
        l.decisionDays = l.limits.decision;
        if (l.productId)
          if (auto p = c_.products.product(*l.productId); p && p->spec.approvalWorkdays > 0)
            l.decisionDays = p->spec.approvalWorkdays;
        return l;
      },
      [&](const Loaded& l) {
        if (l.demand.status == DemandStatus::Open) return decide(l.demand.status, DemandEvent::Claim);
        throw ApiError::conflict("demand_taken",
                                 {l.demand.claimedBy && *l.demand.claimedBy == bank.organisationId
                                      ? "本行已接此单。"
                                      : "该需求已被其他银行接单或已关闭。",
                                  "The demand is no longer open."});
      },
      [&](soci::session& tx, const Loaded& l, DemandStatus to, command::Effects& fx) {
        const std::string at = c_.now();
        const Date day = c_.today();
        // The one winner: the update only succeeds while the demand is still open.
        if (!c_.demands.moveDemand(tx, demandId, DemandStatus::Open, to, bank.organisationId, at))
          throw ApiError::conflict("demand_taken", {"该需求刚刚被其他银行接单。", "Another bank just claimed the demand."});
        ApplicationRow app;
        app.demandId = demandId;
        app.enterpriseId = l.demand.enterpriseId;
        app.bankId = bank.organisationId;
        app.productId = l.productId;
        app.source = "claim";
        app.state = State::Submitted;
        app.requestedFen = l.demand.spec.amountFen;
        app.decisionWorkdays = l.decisionDays;
        app.createdOn = day;
        int64_t appId = c_.applications.insertApplication(tx, app, at);
        c_.applications.insertEvent(tx, appId,
                                    {"claim", "", std::string(code(State::Submitted)), "bank", bank.userId,
                                     bank.organisationName, bank.username, at, "", json({{"demandId", demandId}}).dump()});
        c_.oversight.resolveOverdue(tx, demandId, 0, at);
        fx.tell(c_.demands.organisationOfEnterprise(l.demand.enterpriseId),
                {"finance.claim", fmt::format("融资申请 #{} 银行已接单", appId),
                 fmt::format("{}已接下您的融资需求（{}），将在 {} 前与您联系。", bank.organisationName,
                             wan(l.demand.spec.amountFen), deadline(c_.calendar, day, l.limits.firstContact).toString()),
                 fmt::format("/finance/applications/{}", appId)});
        fx.audit({std::string(audit::action::kDemandClaim), "success", "demand", std::to_string(demandId), std::nullopt,
                  json({{"applicationId", appId}}).dump(), l.demand.enterpriseName});
        return appId;
      });
  return *c_.applications.application(id);
}

std::optional<DemandRow> DemandService::visible(const auth::Principal& p, int64_t id) {
  auto d = c_.demands.demand(id);
  if (!d) return std::nullopt;
  auto bankSees = [&](int64_t bank) {  // the pool is open to every bank
    return (d->mode == "pool" && d->status == DemandStatus::Open) || c_.demands.bankHasDeal(id, bank);
  };
  bool sees = c_.viewerOf(p).sees(d->enterpriseId, bankSees, [&] { return std::optional(d->regionCode); });
  return sees ? d : std::nullopt;
}

Page<DemandRow> DemandService::list(const auth::Principal& p, std::optional<DemandStatus> status, BankView view,
                                    Paging paging) {
  Viewer v = c_.viewerOf(p);
  DemandFilter f;
  f.status = status;
  if (v.kind == Viewer::Kind::Bank) {
    if (view == BankView::Pool) {
      // Every open demand of the pool; a bank may claim any of them — but sees no other bank's
      // matches on them.
      f.status = DemandStatus::Open;
      v.kind = Viewer::Kind::All;
      auto page = c_.demands.demands(v, f, paging);
      for (auto& d : page.items) d.matchedProducts.clear();
      return page;
    }
    f.opportunities = view == BankView::Opportunities;
  }
  return c_.demands.demands(v, f, paging);
}

}  // namespace jinfu::finance
