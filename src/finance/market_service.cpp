#include "finance/market_service.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "credit/credit_service.hpp"
#include "finance/reasons.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/principal.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/notify/notifications.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

std::string wan(int64_t fen) {
  std::string s = fmt::format("{:.2f}", static_cast<double>(fen) / 1e6);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " 万元";
}

ApiError notFound(const char* zhText, const char* enText) { return ApiError::notFound({zhText, enText}); }

// A product fits when no rule fails; a value the platform lacks (未归集) is for the bank to check.
bool fits(const Verdict& v) { return !v.fails; }

}  // namespace

MarketService::MarketService(db::Database& db, credit::CreditService& credit, notify::NotificationStore& notices,
                             audit::AuditLog& audit, const Clock& clock, const WorkCalendar& calendar)
    : db_(db), credit_(credit), notices_(notices), audit_(audit), clock_(clock), calendar_(calendar), store_(db) {}

Date MarketService::today() const { return shanghaiDate(clock_.now()); }
std::string MarketService::now() const { return rfc3339Shanghai(clock_.now()); }

std::optional<int64_t> MarketService::enterpriseOf(const auth::Principal& p) {
  if (p.orgKind != "enterprise" || !p.uscc) return std::nullopt;
  auto e = credit_.store().enterpriseByUscc(*p.uscc);
  if (!e) return std::nullopt;
  return e->id;
}

Viewer MarketService::viewerOf(const auth::Principal& p) {
  Viewer v;
  if (p.orgKind == "enterprise") {
    if (auto id = enterpriseOf(p)) v.kind = Viewer::Kind::Enterprise, v.id = *id;
  } else if (p.orgKind == "bank") {
    v.kind = Viewer::Kind::Bank;
    v.id = p.organisationId;
  } else if (p.orgKind == "government") {
    auto scope = auth::scopeOf(p);
    v.kind = Viewer::Kind::Region;
    v.regionPrefix = scope.regionPrefix;
  } else if (p.orgKind == "operator") {
    v.kind = Viewer::Kind::All;
  }
  return v;
}

std::vector<std::string> MarketService::creditGrades() {
  std::vector<std::string> out;
  auto card = credit_.parsed(credit_.active());
  for (const auto& g : card->grades) out.push_back(g.grade);
  return out;
}

// ---- products ----

ProductRow MarketService::createProduct(const Acting& a, const ProductSpec& spec) {
  int64_t id = db_.transaction([&](soci::session& tx) {
    int64_t newId = store_.insertProduct(tx, a.principal.organisationId, spec, a.principal.userId, now());
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kProductSave), "success", "product", std::to_string(newId), std::nullopt,
                   toJson(spec).dump(), spec.name});
    return newId;
  });
  return *store_.product(id);
}

ProductRow MarketService::updateProduct(const Acting& a, int64_t id, const ProductSpec& spec) {
  auto before = store_.product(id);
  if (!before || before->bankId != a.principal.organisationId) throw notFound("没有这个产品。", "No such product.");
  if (before->status == ProductStatus::Published)
    throw ApiError::conflict("product_published", {"产品已上架，请先下架再修改，以免正在比较或申请的企业看到的条件变化。",
                                                   "Withdraw the product before changing it."});
  db_.transaction([&](soci::session& tx) {
    if (!store_.updateProduct(tx, id, spec, now()))
      throw ApiError::conflict("product_published", {"产品刚刚被上架，请先下架再修改。", "The product was just published."});
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kProductSave), "success", "product", std::to_string(id),
                   toJson(before->spec).dump(), toJson(spec).dump(), spec.name});
  });
  return *store_.product(id);
}

ProductRow MarketService::moveProduct(const Acting& a, int64_t id, ProductStatus to) {
  auto before = store_.product(id);
  if (!before || before->bankId != a.principal.organisationId) throw notFound("没有这个产品。", "No such product.");
  // 草稿 → 上架 → 下架 → 上架 again; a draft is never "withdrawn".
  bool legal = (to == ProductStatus::Published && before->status != ProductStatus::Published) ||
               (to == ProductStatus::Withdrawn && before->status == ProductStatus::Published);
  if (!legal)
    throw ApiError(409, "illegal_transition", statusTitle(409),
                   {fmt::format("产品当前为“{}”，不能{}。", zh(before->status), to == ProductStatus::Published ? "上架" : "下架"),
                    fmt::format("The product is {}.", code(before->status))});
  // On publishing, the open demands it fits become the bank's 商机; profiles are read first, outside
  // the transaction, so that the write lock is held only for the inserts.
  std::vector<std::pair<int64_t, int64_t>> fitting;
  if (to == ProductStatus::Published) {
    auto grades = creditGrades();
    Product product = forMatching(id, before->bankName, before->spec, today());
    std::map<int64_t, Profile> profiles;
    int64_t after = 0;
    for (;;) {
      auto batch = store_.openDemands(after, 500);
      if (batch.empty()) break;
      for (const auto& d : batch) {
        after = d.id;
        auto it = profiles.find(d.enterpriseId);
        if (it == profiles.end()) it = profiles.emplace(d.enterpriseId, profileOf(d.enterpriseId)).first;
        Need need{d.spec.amountFen, d.spec.termMonths, d.spec.guarantees};
        if (fits(evaluate(product, it->second, need, grades))) fitting.emplace_back(d.id, id);
      }
    }
  }
  db_.transaction([&](soci::session& tx) {
    if (!store_.setProductStatus(tx, id, before->status, to, now()))
      throw ApiError::conflict("concurrent_change", {"产品状态刚刚被修改，请刷新后再试。", "The product changed meanwhile."});
    if (to == ProductStatus::Withdrawn) store_.removeProductMatches(tx, id);
    for (const auto& [demand, product] : fitting) store_.addMatches(tx, demand, {{product, before->bankId}});
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kProductStatus), "success", "product", std::to_string(id),
                   json({{"status", code(before->status)}}).dump(), json({{"status", code(to)}}).dump(),
                   before->spec.name});
  });
  return *store_.product(id);
}

std::optional<ProductRow> MarketService::visibleProduct(const auth::Principal& p, int64_t id) {
  auto row = store_.product(id);
  if (!row) return std::nullopt;
  if (row->status == ProductStatus::Published) return row;
  if (p.orgKind == "bank" && row->bankId == p.organisationId) return row;
  return std::nullopt;
}

// ---- matching ----

Profile MarketService::profileOf(int64_t enterpriseId) {
  Profile out;
  auto ref = credit_.store().enterprise(enterpriseId);
  if (!ref) return out;
  if (auto basics = store_.enterpriseBasics(enterpriseId)) {
    out.regionCode = basics->regionCode;
    out.industryCode = basics->industryCode;
    out.sizeClass = basics->sizeClass;
  }
  auto profile = credit_.compute(*ref, credit_.active(), now());
  auto feature = [&](credit::Feature f) -> std::optional<double> {
    double v = profile.features[static_cast<size_t>(f)];
    if (std::isnan(v)) return std::nullopt;
    return v;
  };
  out.years = feature(credit::Feature::YearsEstablished);
  if (auto g = feature(credit::Feature::TaxCreditGrade)) {
    static constexpr const char* kGrades[] = {"D", "C", "M", "B", "A"};
    int i = static_cast<int>(*g);
    if (i >= 0 && i <= 4) out.taxGrade = kGrades[i];
  }
  if (auto t = feature(credit::Feature::TaxPaid12m)) out.taxPaid12mFen = static_cast<int64_t>(std::llround(*t * 1e6));
  if (auto i = feature(credit::Feature::InsuredCount)) out.insured = static_cast<int64_t>(std::llround(*i));
  if (auto d = feature(credit::Feature::Dishonest)) out.dishonest = *d > 0;
  if (auto s = feature(credit::Feature::SeriousIllegalListed)) out.seriousIllegal = *s > 0;
  if (profile.result.grade) out.creditGrade = profile.result.grade->grade;
  return out;
}

std::vector<BankRecord> MarketService::bankRecords(const std::vector<int64_t>& bankIds) {
  std::map<int64_t, BankRecord> by;
  for (const auto& h : store_.bankHistories()) {
    BankRecord r;
    if (!h.responses.empty()) {
      std::vector<int> days;
      for (const auto& [created, accepted] : h.responses)
        days.push_back(std::max(0, calendar_.workdaysBetween(created, accepted)));
      std::sort(days.begin(), days.end());
      size_t n = days.size();
      r.responseWorkdays = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
    }
    if (h.decided > 0) r.approvalRate = static_cast<double>(h.approved) / static_cast<double>(h.decided);
    by[h.bankId] = r;
  }
  std::vector<BankRecord> out;
  for (int64_t id : bankIds) out.push_back(by.count(id) ? by[id] : BankRecord{});
  return out;
}

Matching MarketService::match(int64_t enterpriseId, const Need& need) {
  Matching m;
  m.profile = profileOf(enterpriseId);
  m.products = store_.publishedProducts();
  auto grades = creditGrades();
  Date day = today();
  std::vector<Product> views;
  views.reserve(m.products.size());
  for (const auto& p : m.products) views.push_back(forMatching(p.id, p.bankName, p.spec, day));
  std::vector<int64_t> banks;
  std::vector<const Product*> eligible;
  for (size_t i = 0; i < views.size(); ++i) {
    m.matches.push_back(finance::match(views[i], m.profile, need, grades));
    if (m.matches.back().eligible) {
      eligible.push_back(&views[i]);
      banks.push_back(m.products[i].bankId);
    }
  }
  // Matches and rankings point into `views`; keep the ids, then point at nothing.
  m.ranked = rank(eligible, bankRecords(banks));
  for (auto& r : m.ranked) {
    m.rankedIds.push_back(r.product->id);
    m.rankedWhy.push_back(why(r));
    r.product = nullptr;
  }
  for (auto& x : m.matches) x.product = nullptr;
  return m;
}

// ---- demands and claims ----

void MarketService::notifyOrganisation(soci::session& tx, std::optional<int64_t> orgId, const std::string& kind,
                                       const std::string& title, const std::string& body, const std::string& link) {
  if (!orgId) return;
  notices_.sendToOrganisation(tx, *orgId, {kind, title, body, link}, now());
}

void MarketService::matchDemandAgainstProducts(soci::session& tx, int64_t demandId, const Profile& profile,
                                               const DemandSpec& spec) {
  auto grades = creditGrades();
  Date day = today();
  Need need{spec.amountFen, spec.termMonths, spec.guarantees};
  std::vector<std::pair<int64_t, int64_t>> fitting;
  for (const auto& p : store_.publishedProducts()) {
    Product view = forMatching(p.id, p.bankName, p.spec, day);
    if (fits(evaluate(view, profile, need, grades))) fitting.emplace_back(p.id, p.bankId);
  }
  store_.addMatches(tx, demandId, fitting);
}

DemandRow MarketService::publishDemand(const Acting& a, int64_t enterpriseId, const DemandSpec& spec) {
  std::optional<ProductRow> product;
  if (spec.productId) {
    product = store_.product(*spec.productId);
    if (!product || product->status != ProductStatus::Published)
      throw ApiError::validation({{"productId", {"这个产品不存在或未上架，不能申请。", "The product is not published."}}});
  }
  // Preferred banks must be banks.
  std::vector<FieldError> problems;
  for (size_t i = 0; i < spec.preferredBankIds.size(); ++i)
    if (!store_.isBank(spec.preferredBankIds[i]))
      problems.push_back({fmt::format("preferredBankIds[{}]", i), {"没有这家银行。", "No such bank."}});
  if (!problems.empty()) throw ApiError::validation(std::move(problems));

  Profile profile = profileOf(enterpriseId);
  if (product) {
    // A directed application must not break a rule the platform can check; what it cannot check
    // (未归集) is for the bank to look at.
    Product view = forMatching(product->id, product->bankName, product->spec, today());
    auto m = finance::match(view, profile, {spec.amountFen, spec.termMonths, spec.guarantees}, creditGrades());
    std::vector<FieldError> failed;
    for (const auto& r : m.rules)
      if (r.outcome == Outcome::Fail)
        failed.push_back({"productId", {fmt::format("不符合“{}”：本企业为 {}，产品要求 {}。", r.ruleZh, r.value, r.threshold),
                                        fmt::format("Rule {} fails: {} vs {}.", r.rule, r.value, r.threshold)}});
    if (!failed.empty()) throw ApiError::validation(std::move(failed));
  }

  const std::string at = now();
  const Date day = today();
  auto lim = limits();
  int64_t id = db_.transaction([&](soci::session& tx) {
    int64_t demandId = store_.insertDemand(tx, enterpriseId, spec, product ? "directed" : "pool",
                                           product ? "directed" : "open", a.principal.userId, at, day);
    if (product) {
      ApplicationRow app;
      app.demandId = demandId;
      app.enterpriseId = enterpriseId;
      app.bankId = product->bankId;
      app.productId = product->id;
      app.source = "directed";
      app.state = State::Submitted;
      app.requestedFen = spec.amountFen;
      app.decisionWorkdays = product->spec.approvalWorkdays > 0 ? product->spec.approvalWorkdays : lim.decision;
      app.createdOn = day;
      int64_t appId = store_.insertApplication(tx, app, at);
      store_.insertEvent(tx, appId,
                         {"submit", "", std::string(code(State::Submitted)), "enterprise", a.principal.userId,
                          a.principal.organisationName, a.principal.username, at, spec.purpose,
                          json({{"amountFen", spec.amountFen}, {"termMonths", spec.termMonths}, {"productId", product->id}})
                              .dump()});
      notifyOrganisation(tx, product->bankId, "finance.application", "收到定向融资申请",
                         fmt::format("{}申请“{}”{}，期限 {} 个月。请在 {} 前受理或答复。", a.principal.organisationName,
                                     product->spec.name, wan(spec.amountFen), spec.termMonths,
                                     deadline(calendar_, day, lim.claimOrRespond).toString()),
                         fmt::format("/finance/deals/{}", appId));
    } else {
      matchDemandAgainstProducts(tx, demandId, profile, spec);
      for (int64_t bank : spec.preferredBankIds)
        notifyOrganisation(tx, bank, "finance.demand", "企业将贵行列为意向银行",
                           fmt::format("{}发布融资需求 {}，期限 {} 个月，用途：{}。", a.principal.organisationName,
                                       wan(spec.amountFen), spec.termMonths, spec.purpose),
                           "/finance/opportunities");
    }
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kDemandPublish), "success", "demand", std::to_string(demandId),
                   std::nullopt,
                   json({{"amountFen", spec.amountFen}, {"termMonths", spec.termMonths},
                         {"mode", product ? "directed" : "pool"}})
                       .dump(),
                   product ? product->spec.name : "需求池"});
    return demandId;
  });
  return *store_.demand(id);
}

DemandRow MarketService::withdrawDemand(const Acting& a, int64_t enterpriseId, int64_t demandId) {
  auto d = store_.demand(demandId);
  if (!d || d->enterpriseId != enterpriseId) throw notFound("没有这项融资需求。", "No such demand.");
  // A demand with an application in progress is withdrawn through the application (已撤回), so
  // that the bank's side of the story is recorded too.
  if (d->status != "open")
    throw ApiError(409, "illegal_transition", statusTitle(409),
                   {d->status == "claimed" || d->status == "directed"
                        ? "需求已有银行在办理，请在“我的申请”中撤回申请。"
                        : "需求已结束或已撤回。",
                    "Only an open demand can be withdrawn here."});
  db_.transaction([&](soci::session& tx) {
    if (!store_.moveDemand(tx, demandId, "open", "withdrawn", std::nullopt, std::nullopt))
      throw ApiError::conflict("demand_taken", {"需求刚刚被银行接单，请在“我的申请”中撤回。", "A bank just claimed it."});
    store_.resolveOverdue(tx, demandId, 0, now());
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kDemandWithdraw), "success", "demand", std::to_string(demandId),
                   std::nullopt, std::nullopt, ""});
  });
  return *store_.demand(demandId);
}

ApplicationRow MarketService::claim(const Acting& a, int64_t demandId) {
  const auth::Principal& bank = a.principal;
  auto d = store_.demand(demandId);
  if (!d || d->mode != "pool") throw notFound("没有这项融资需求。", "No such demand.");
  if (d->status != "open")
    throw ApiError::conflict("demand_taken",
                             {d->claimedBy && *d->claimedBy == bank.organisationId ? "本行已接此单。"
                                                                                     : "该需求已被其他银行接单或已关闭。",
                              "The demand is no longer open."});
  // The bank's best fitting product, if any, becomes the application's product.
  std::optional<int64_t> productId = store_.bestMatchingProduct(demandId, bank.organisationId);
  auto lim = limits();
  int decisionDays = lim.decision;
  if (productId)
    if (auto p = store_.product(*productId); p && p->spec.approvalWorkdays > 0) decisionDays = p->spec.approvalWorkdays;
  const std::string at = now();
  const Date day = today();
  int64_t id = db_.transaction([&](soci::session& tx) {
    // The one winner: the update only succeeds while the demand is still open.
    if (!store_.moveDemand(tx, demandId, "open", "claimed", bank.organisationId, at))
      throw ApiError::conflict("demand_taken", {"该需求刚刚被其他银行接单。", "Another bank just claimed the demand."});
    ApplicationRow app;
    app.demandId = demandId;
    app.enterpriseId = d->enterpriseId;
    app.bankId = bank.organisationId;
    app.productId = productId;
    app.source = "claim";
    app.state = State::Submitted;
    app.requestedFen = d->spec.amountFen;
    app.decisionWorkdays = decisionDays;
    app.createdOn = day;
    int64_t appId = store_.insertApplication(tx, app, at);
    store_.insertEvent(tx, appId,
                       {"claim", "", std::string(code(State::Submitted)), "bank", bank.userId, bank.organisationName,
                        bank.username, at, "", json({{"demandId", demandId}}).dump()});
    store_.resolveOverdue(tx, demandId, 0, at);
    notifyOrganisation(tx, store_.organisationOfEnterprise(d->enterpriseId), "finance.claim",
                       fmt::format("融资申请 #{} 银行已接单", appId),
                       fmt::format("{}已接下您的融资需求（{}），将在 {} 前与您联系。", bank.organisationName,
                                   wan(d->spec.amountFen), deadline(calendar_, day, lim.firstContact).toString()),
                       fmt::format("/finance/applications/{}", appId));
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kDemandClaim), "success", "demand", std::to_string(demandId),
                   std::nullopt, json({{"applicationId", appId}}).dump(), d->enterpriseName});
    return appId;
  });
  return *store_.application(id);
}

std::optional<DemandRow> MarketService::visibleDemand(const auth::Principal& p, int64_t id) {
  auto d = store_.demand(id);
  if (!d) return std::nullopt;
  Viewer v = viewerOf(p);
  switch (v.kind) {
    case Viewer::Kind::Enterprise: return d->enterpriseId == v.id ? d : std::nullopt;
    case Viewer::Kind::Bank:
      if (d->mode == "pool" && d->status == "open") return d;  // the pool is open to every bank
      return store_.bankHasDeal(id, v.id) ? d : std::nullopt;
    case Viewer::Kind::Region: return d->regionCode.rfind(v.regionPrefix, 0) == 0 ? d : std::nullopt;
    case Viewer::Kind::All: return d;
    case Viewer::Kind::Nobody: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<ApplicationRow> MarketService::visibleApplication(const auth::Principal& p, int64_t id) {
  auto a = store_.application(id);
  if (!a) return std::nullopt;
  Viewer v = viewerOf(p);
  switch (v.kind) {
    case Viewer::Kind::Enterprise: return a->enterpriseId == v.id ? a : std::nullopt;
    case Viewer::Kind::Bank: return a->bankId == v.id ? a : std::nullopt;
    case Viewer::Kind::Region: {
      auto d = store_.demand(a->demandId);
      return d && d->regionCode.rfind(v.regionPrefix, 0) == 0 ? a : std::nullopt;
    }
    case Viewer::Kind::All: return a;
    case Viewer::Kind::Nobody: return std::nullopt;
  }
  return std::nullopt;
}

// ---- commands ----

ApplicationRow MarketService::command(const Acting& a, int64_t applicationId, CommandInput input) {
  auto app = visibleApplication(a.principal, applicationId);
  Viewer v = viewerOf(a.principal);
  if (!app || (v.kind != Viewer::Kind::Enterprise && v.kind != Viewer::Kind::Bank))
    throw notFound("没有这项融资申请。", "No such application.");
  input.actor = v.kind == Viewer::Kind::Bank ? Actor::Bank : Actor::Enterprise;
  input.today = today();
  Facts facts{app->state, app->requestedFen, app->approvedFen, app->disbursedFen, app->offerValidUntil};
  Transition t = decide(facts, input, &isRejectionReason);

  ApplicationRow next = *app;
  const State from = app->state;
  next.state = t.to;
  next.approvedFen = t.approvedFen;
  next.disbursedFen = t.disbursedFen;
  json detail = json::object();
  switch (input.command) {
    case Command::Accept: next.acceptedOn = input.today; break;
    case Command::Approve:
      next.rateBp = input.rateBp;
      next.termMonths = input.termMonths;
      next.offerValidUntil = input.validUntil;
      next.decidedOn = input.today;
      detail = {{"amountFen", *input.amountFen}, {"rateBp", *input.rateBp}, {"termMonths", *input.termMonths},
                {"validUntil", input.validUntil->toString()}};
      break;
    case Command::Reject: {
      next.decidedOn = input.today;
      json reasons = json::array();
      for (const auto& c : input.reasonCodes) {
        const auto* r = findRejectionReason(c);
        reasons.push_back({{"code", c}, {"zh", r->zh}, {"remedy", r->remedy}, {"department", r->department},
                           {"fixable", r->fixable}});
      }
      detail = {{"reasons", reasons}};
      break;
    }
    case Command::SignContract: detail = {{"contractNo", input.contractNo}}; break;
    case Command::Disburse:
      detail = {{"amountFen", *input.amountFen}, {"onDate", input.onDate->toString()},
                {"disbursedFen", t.disbursedFen}, {"approvedFen", t.approvedFen}};
      break;
    case Command::Settle:
    case Command::ReportOverdue: detail = {{"onDate", input.onDate->toString()}}; break;
    default: break;
  }
  // Where the demand goes with the application.
  std::string demandFrom = app->source == "claim" ? "claimed" : "directed", demandTo;
  if (t.to == State::Withdrawn) demandTo = "withdrawn";
  else if (t.to == State::Rejected || t.to == State::Settled) demandTo = "closed";

  const std::string at = now();
  bool clockStops = input.command == Command::Accept || isDecided(t.to) || isFinal(t.to);
  db_.transaction([&](soci::session& tx) {
    if (!store_.updateApplication(tx, next, at))
      throw ApiError::conflict("concurrent_change",
                               {"这项申请刚刚被他人办理，请刷新后查看最新状态。", "The application changed meanwhile."});
    store_.insertEvent(tx, app->id,
                       {std::string(code(input.command)), std::string(code(from)), std::string(code(t.to)),
                        std::string(code(input.actor)), a.principal.userId, a.principal.organisationName,
                        a.principal.username, at, input.note, detail.dump()});
    if (!demandTo.empty()) store_.moveDemand(tx, app->demandId, demandFrom, demandTo);
    if (clockStops) store_.resolveOverdue(tx, app->demandId, app->id, at);
    // The other party hears of it.
    std::optional<int64_t> to = input.actor == Actor::Bank ? store_.organisationOfEnterprise(app->enterpriseId)
                                                           : std::optional<int64_t>(app->bankId);
    std::string body = fmt::format("{}：{}（{} → {}）", a.principal.organisationName, zh(input.command), zh(from), zh(t.to));
    if (!input.note.empty()) body += "。说明：" + input.note;
    notifyOrganisation(tx, to, "finance.application", fmt::format("融资申请 #{} {}", app->id, zh(t.to)), body,
                       input.actor == Actor::Bank ? fmt::format("/finance/applications/{}", app->id)
                                                  : fmt::format("/finance/deals/{}", app->id));
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kApplicationCommand), "success", "application", std::to_string(app->id),
                   json({{"state", code(from)}}).dump(), json({{"state", code(t.to)}, {"detail", detail}}).dump(),
                   std::string(zh(input.command))});
  });
  return *store_.application(app->id);
}

MarketService::Clocked MarketService::clockOf(const ApplicationRow& a) {
  Clocked c;
  auto lim = limits();
  Date day = today();
  if (a.state == State::Submitted) {
    c.step = a.source == "claim" ? "first_contact" : "claim_or_respond";
    int days = a.source == "claim" ? lim.firstContact : lim.claimOrRespond;
    c.deadline = deadline(calendar_, a.createdOn, days);
  } else if ((a.state == State::Accepted || a.state == State::MaterialsRequested || a.state == State::Reviewing) &&
             a.acceptedOn) {
    c.step = "decision";
    c.deadline = deadline(calendar_, *a.acceptedOn, a.decisionWorkdays);
  }
  if (c.deadline) c.overdue = day > *c.deadline;
  return c;
}

MarketService::Clocked MarketService::clockOf(const DemandRow& d) {
  Clocked c;
  if (d.status == "claimed" || d.status == "directed") {
    // A bank holds it: the clock that runs is its application's.
    if (auto app = store_.liveApplicationOfDemand(d.id)) return clockOf(*app);
    return c;
  }
  if (d.status != "open") return c;
  auto start = Date::parse(d.openSince);
  if (!start) return c;
  c.step = "claim_or_respond";
  c.deadline = deadline(calendar_, *start, limits().claimOrRespond);
  c.overdue = today() > *c.deadline;
  return c;
}

TimeLimits MarketService::limits() {
  std::lock_guard lock(limitsMutex_);
  auto now = std::chrono::steady_clock::now();
  if (limitsReadAt_ == std::chrono::steady_clock::time_point{} || now - limitsReadAt_ > std::chrono::seconds(5)) {
    cachedLimits_ = store_.limits();
    limitsReadAt_ = now;
  }
  return cachedLimits_;
}

void MarketService::saveLimits(const Acting& a, const TimeLimits& l) {
  auto before = store_.limits();
  db_.transaction([&](soci::session& tx) {
    store_.saveLimits(tx, l, now());
    audit_.append(tx, a.actor,
                  {std::string(audit::action::kFinanceSettings), "success", "finance_settings", "time_limits",
                   json({{"claimOrRespond", before.claimOrRespond}, {"firstContact", before.firstContact},
                         {"decision", before.decision}})
                       .dump(),
                   json({{"claimOrRespond", l.claimOrRespond}, {"firstContact", l.firstContact}, {"decision", l.decision}})
                       .dump(),
                   ""});
  });
  std::lock_guard lock(limitsMutex_);
  limitsReadAt_ = {};  // this process sees its own change at once
}

// ---- the sweep ----

SweepReport MarketService::sweep(Date day) {
  SweepReport report;
  report.today = day;
  auto lim = limits();
  for (const auto& p : store_.pending()) {
    ++report.checked;
    int days = p.workdays > 0 ? p.workdays
               : p.step == "first_contact" ? lim.firstContact
               : p.step == "decision"      ? lim.decision
                                           : lim.claimOrRespond;
    if (!isOverdue(calendar_, p.startedOn, days, day)) continue;
    Date due = deadline(calendar_, p.startedOn, days);
    const std::string at = now();
    if (p.step == "first_contact") {
      // A claim nobody followed up: the application lapses, the demand returns to the pool.
      auto app = store_.application(p.applicationId);
      if (!app || app->state != State::Submitted) continue;
      CommandInput in;
      in.command = Command::Lapse;
      in.actor = Actor::System;
      in.today = day;
      Transition t = decide({app->state, app->requestedFen, 0, 0, std::nullopt}, in);
      ApplicationRow next = *app;
      next.state = t.to;
      bool done = db_.transaction([&](soci::session& tx) {
        if (!store_.updateApplication(tx, next, at)) return false;  // the bank acted meanwhile, or another sweep
        std::string note = fmt::format("接单后 {} 个工作日内（截至 {}）未联系企业，需求退回需求池。", days, due.toString());
        store_.insertEvent(tx, app->id,
                           {std::string(code(Command::Lapse)), std::string(code(app->state)), std::string(code(t.to)),
                            "system", std::nullopt, "平台", "system", at, note, json({{"deadline", due.toString()}}).dump()});
        store_.reopen(tx, app->demandId, day);
        store_.markOverdue(tx, p, due, at, "lapsed");
        store_.resolveOverdue(tx, app->demandId, app->id, at);  // the platform has acted: nothing left to chase
        notifyOrganisation(tx, app->bankId, "finance.overdue", fmt::format("接单已失效：融资申请 #{}", app->id),
                           fmt::format("{}的融资需求接单后未在 {} 前联系企业，已退回需求池。", app->enterpriseName, due.toString()),
                           fmt::format("/finance/deals/{}", app->id));
        notifyOrganisation(tx, store_.organisationOfEnterprise(app->enterpriseId), "finance.overdue", "需求已退回需求池",
                           fmt::format("{}接单后未按时联系您，您的融资需求已重新开放给其他银行。", app->bankName), "/finance/demands");
        return true;
      });
      if (done) ++report.lapsed, ++report.marked;
      continue;
    }
    bool marked = db_.transaction([&](soci::session& tx) {
      if (!store_.markOverdue(tx, p, due, at, p.bankId ? "notified" : "listed")) return false;
      std::string what = p.step == "decision" ? "审批决定" : "受理答复";
      if (p.bankId)
        notifyOrganisation(tx, *p.bankId, "finance.overdue", fmt::format("超时提醒：融资申请 #{}", p.applicationId),
                           fmt::format("{}已超过时限（{} 个工作日，截至 {}），已列入政府超时督办。", what, days, due.toString()),
                           fmt::format("/finance/deals/{}", p.applicationId));
      return true;
    });
    if (marked) ++report.marked;
  }
  if (report.marked > 0) {
    audit::Actor system;
    system.username = "system";
    system.organisationName = "平台";
    audit_.record(system, {std::string(audit::action::kFinanceSweep), "success", "finance", day.toString(), std::nullopt,
                           json({{"checked", report.checked}, {"marked", report.marked}, {"lapsed", report.lapsed}}).dump(),
                           ""});
  }
  return report;
}

}  // namespace jinfu::finance
