#include "finance/market_routes.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "finance/consent_store.hpp"
#include "finance/market_service.hpp"
#include "finance/reasons.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/router.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

json named(const std::vector<Named>& list) {
  json out = json::array();
  for (const auto& n : list) out.push_back({{"code", n.code}, {"zh", n.zh}});
  return out;
}

json codesWithNames(const std::vector<std::string>& codes, const std::vector<Named>& list) {
  json out = json::array();
  for (const auto& c : codes) out.push_back({{"code", c}, {"zh", nameOf(list, c)}});
  return out;
}

std::string stepZh(const std::string& step) {
  if (step == "claim_or_respond") return "接单/响应";
  if (step == "first_contact") return "首次联系";
  if (step == "decision") return "审批决定";
  return "";
}

json productJson(const ProductRow& p, Date today) {
  json out = toJson(p.spec);
  auto rate = effectiveRate(p.spec, today);
  out["id"] = p.id;
  out["bank"] = {{"id", p.bankId}, {"name", p.bankName}};
  out["status"] = code(p.status);
  out["statusZh"] = zh(p.status);
  out["kindZh"] = nameOf(productKinds(), p.spec.kind);
  out["repaymentZh"] = codesWithNames(p.spec.repayment, repaymentMethods());
  out["guaranteesZh"] = codesWithNames(p.spec.guarantees, guaranteeKinds());
  out["effectiveRate"] = {{"minBp", rate.minBp}, {"maxBp", rate.maxBp},
                          {"lprBp", rate.lprBp ? json(*rate.lprBp) : json(nullptr)}};
  out["createdAt"] = p.createdAt;
  out["updatedAt"] = p.updatedAt;
  out["publishedAt"] = p.publishedAt ? json(*p.publishedAt) : json(nullptr);
  return out;
}

json clockJson(const MarketService::Clocked& c) {
  if (c.step.empty()) return nullptr;
  return {{"step", c.step}, {"stepZh", stepZh(c.step)},
          {"deadline", c.deadline ? json(c.deadline->toString()) : json(nullptr)}, {"overdue", c.overdue}};
}

std::string demandStatusZh(const std::string& s) {
  if (s == "open") return "待接单";
  if (s == "claimed") return "已接单";
  if (s == "directed") return "定向申请";
  if (s == "closed") return "已结束";
  if (s == "withdrawn") return "已撤回";
  return s;
}

json demandJson(const DemandRow& d, MarketService& service) {
  json products = json::array();
  for (const auto& [id, name] : d.matchedProducts) products.push_back({{"id", id}, {"name", name}});
  return {{"id", d.id},
          {"enterprise", {{"id", d.enterpriseId}, {"name", d.enterpriseName}, {"uscc", d.uscc},
                          {"regionCode", d.regionCode}, {"park", d.parkName}}},
          {"amountFen", d.spec.amountFen},
          {"termMonths", d.spec.termMonths},
          {"purpose", d.spec.purpose},
          {"urgency", d.spec.urgency},
          {"urgencyZh", nameOf(urgencies(), d.spec.urgency)},
          {"guarantees", codesWithNames(d.spec.guarantees, guaranteeKinds())},
          {"preferredBankIds", d.spec.preferredBankIds},
          {"contactName", d.spec.contactName},
          {"contactPhone", d.spec.contactPhone},
          {"mode", d.mode},
          {"modeZh", d.mode == "pool" ? "发布到需求池" : "定向申请"},
          {"product", d.productId ? json({{"id", *d.productId}, {"name", d.productName}}) : json(nullptr)},
          {"status", d.status},
          {"statusZh", demandStatusZh(d.status)},
          {"claimedBy", d.claimedBy ? json({{"id", *d.claimedBy}, {"name", d.claimedByName}}) : json(nullptr)},
          {"claimedAt", d.claimedAt ? json(*d.claimedAt) : json(nullptr)},
          {"publishedAt", d.publishedAt},
          {"matchedProducts", products},
          {"clock", clockJson(service.clockOf(d))}};
}

json applicationJson(const ApplicationRow& a, MarketService& service) {
  return {{"id", a.id},
          {"demandId", a.demandId},
          {"enterprise", {{"id", a.enterpriseId}, {"name", a.enterpriseName}, {"uscc", a.uscc}}},
          {"bank", {{"id", a.bankId}, {"name", a.bankName}}},
          {"product", a.productId ? json({{"id", *a.productId}, {"name", a.productName}}) : json(nullptr)},
          {"source", a.source},
          {"sourceZh", a.source == "claim" ? "银行接单" : "定向申请"},
          {"state", code(a.state)},
          {"stateZh", zh(a.state)},
          {"purpose", a.demandPurpose},
          {"requestedFen", a.requestedFen},
          {"requestedTermMonths", a.demandTermMonths},
          {"approvedFen", a.approvedFen},
          {"disbursedFen", a.disbursedFen},
          {"rateBp", a.rateBp ? json(*a.rateBp) : json(nullptr)},
          {"termMonths", a.termMonths ? json(*a.termMonths) : json(nullptr)},
          {"offerValidUntil", a.offerValidUntil ? json(a.offerValidUntil->toString()) : json(nullptr)},
          {"decisionWorkdays", a.decisionWorkdays},
          {"createdAt", a.createdAt},
          {"updatedAt", a.updatedAt},
          {"clock", clockJson(service.clockOf(a))}};
}

json page(json items, int64_t total, const http::Paging& p) {
  return {{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"pageSize", p.pageSize}};
}

Acting acting(const http::Request& req, const audit::Actor& actor) { return {req.caller(), actor}; }

// An optional integer field of a command; 422 naming it when it is there but not an integer.
template <class T>
std::optional<T> optInt(const json& body, const char* key, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number_integer()) {
    errors.push_back({key, {fmt::format("{} 应为整数。", key), fmt::format("{} must be an integer.", key)}});
    return std::nullopt;
  }
  int64_t v = it->get<int64_t>();
  if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
    errors.push_back({key, {fmt::format("{} 超出范围。", key), fmt::format("{} is out of range.", key)}});
    return std::nullopt;
  }
  return static_cast<T>(v);
}

std::optional<Date> optDate(const json& body, const char* key, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  std::optional<Date> d = it->is_string() ? Date::parse(it->get<std::string>()) : std::nullopt;
  if (!d) errors.push_back({key, {"日期应为 YYYY-MM-DD 格式的有效日期。", "Must be a date YYYY-MM-DD."}});
  return d;
}

std::string optText(const json& body, const char* key, size_t maxBytes, std::vector<FieldError>& errors) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) {
    errors.push_back({key, {"应为文本。", "Must be text."}});
    return {};
  }
  std::string s = it->get<std::string>();
  if (s.size() > maxBytes) errors.push_back({key, {"内容过长。", "Too long."}});
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 && c != '\n'; }))
    errors.push_back({key, {"含有控制字符。", "Contains control characters."}});
  return s;
}

CommandInput readCommand(const json& body) {
  std::vector<FieldError> errors;
  CommandInput in;
  auto c = body.find("command");
  std::optional<Command> command;
  if (c != body.end() && c->is_string()) command = commandByCode(c->get<std::string>());
  if (!command || *command == Command::Lapse || *command == Command::Withdraw || *command == Command::SubmitMaterials)
    errors.push_back({"command", {"command 应为银行可用的办理动作之一：accept、request_materials、start_review、approve、"
                                  "reject、sign_contract、disburse、settle、report_overdue。",
                                  "Unknown bank command."}});
  else
    in.command = *command;
  in.note = optText(body, "note", 2000, errors);
  in.amountFen = optInt<int64_t>(body, "amountFen", errors);
  in.rateBp = optInt<int>(body, "rateBp", errors);
  in.termMonths = optInt<int>(body, "termMonths", errors);
  in.validUntil = optDate(body, "validUntil", errors);
  in.onDate = optDate(body, "onDate", errors);
  in.contractNo = optText(body, "contractNo", 100, errors);
  if (auto r = body.find("reasonCodes"); r != body.end() && !r->is_null()) {
    if (!r->is_array() || r->size() > 12) errors.push_back({"reasonCodes", {"拒绝原因应为不超过 12 项的代码数组。", "reasonCodes must be an array."}});
    else
      for (const auto& v : *r) {
        if (v.is_string()) in.reasonCodes.push_back(v.get<std::string>());
        else errors.push_back({"reasonCodes", {"拒绝原因代码应为文本。", "A reason code is text."}});
      }
  }
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  return in;
}

int64_t ownEnterprise(MarketService& service, audit::AuditLog& audit, const http::Request& req) {
  if (auto id = service.enterpriseOf(req.caller())) return *id;
  audit.record(audit::actorOf(req), {std::string(audit::action::kAccessDenied), "denied", "route",
                                     req.method + " " + req.path, std::nullopt, std::nullopt, "不是已登记企业的用户"});
  throw ApiError(403, "enterprise_only", statusTitle(403),
                 {"只有已登记企业的用户可以发布需求和申请融资。", "Only a registered enterprise's users may do this."});
}

}  // namespace

void addMarketRoutes(http::Router& router, MarketService& service, ConsentStore& consents, audit::AuditLog& audit) {
  using namespace auth::perm;
  const std::string read(kFinanceRead), manageProducts(kProductManage), demand(kDemandManage), deal(kDealHandle),
      stats(kFinanceStats), manage(kFinanceManage);

  router.add({"GET", "/api/v1/finance/catalogue", read,
              "融资对接的代码表：产品类型、还款方式、担保方式、紧急程度、申请状态、拒绝原因目录、信用等级、时限与当前 LPR",
              [&](http::Request&) {
                json reasons = json::array();
                for (const auto& r : rejectionReasons())
                  reasons.push_back({{"code", r.code}, {"zh", r.zh}, {"remedy", r.remedy},
                                     {"department", r.department}, {"fixable", r.fixable}});
                json states = json::array();
                for (int i = 0; i <= static_cast<int>(State::Lapsed); ++i)
                  states.push_back({{"code", code(static_cast<State>(i))}, {"zh", zh(static_cast<State>(i))}});
                json commands = json::array();
                for (int i = 0; i <= static_cast<int>(Command::Lapse); ++i) {
                  auto c = static_cast<Command>(i);
                  commands.push_back({{"code", code(c)}, {"zh", zh(c)}, {"actor", code(actorOf(c))}});
                }
                auto limits = service.limits();
                auto lpr = lpr1yBp(service.today());
                return http::Response::json(
                    {{"productKinds", named(productKinds())},
                     {"repaymentMethods", named(repaymentMethods())},
                     {"guarantees", named(guaranteeKinds())},
                     {"urgencies", named(urgencies())},
                     {"states", states},
                     {"commands", commands},
                     {"reasons", reasons},
                     {"creditGrades", service.creditGrades()},
                     {"limits", {{"claimOrRespond", limits.claimOrRespond}, {"firstContact", limits.firstContact},
                                 {"decision", limits.decision}}},
                     {"lpr1yBp", lpr ? json(*lpr) : json(nullptr)}});
              }});

  // ---- products ----
  router.add({"GET", "/api/v1/finance/products", read,
              "金融产品超市：已上架的产品（银行另见本行全部产品），可按类型、银行、金额、期限筛选，按利率、额度、审批时限排序",
              [&](http::Request& req) {
                auto paging = req.paging();
                ProductFilter f;
                f.page = paging.page;
                f.pageSize = paging.pageSize;
                if (req.caller().orgKind == "bank") f.ownBankId = req.caller().organisationId;
                if (auto s = req.queryValue("status"); s && !s->empty()) {
                  f.status = productStatusByCode(*s);
                  if (!f.status)
                    throw ApiError::badRequest("bad_query", {"status 应为 draft、published 或 withdrawn。", "Bad status."},
                                               {{"status", {"未知的产品状态。", "Unknown status."}}});
                }
                f.bankId = req.queryId("bankId");
                if (auto k = req.queryValue("kind"); k && !k->empty()) {
                  auto kinds = productKinds();
                  if (std::none_of(kinds.begin(), kinds.end(), [&](const Named& n) { return n.code == *k; }))
                    throw ApiError::badRequest("bad_query", {"kind 不是产品类型代码。", "Unknown product kind."},
                                               {{"kind", {"未知的产品类型。", "Unknown product kind."}}});
                  f.kind = *k;
                }
                if (auto q = req.queryValue("q")) f.q = q->substr(0, 100);
                f.amountFen = req.queryId("amountFen");
                if (auto t = req.queryId("termMonths")) f.termMonths = static_cast<int>(std::min<int64_t>(*t, 1000));
                if (auto s = req.queryValue("sort")) {
                  if (*s != "rate" && *s != "amount" && *s != "approval" && *s != "newest" && !s->empty())
                    throw ApiError::badRequest("bad_query", {"sort 应为 rate、amount、approval 或 newest。", "Bad sort."},
                                               {{"sort", {"未知的排序方式。", "Unknown sort."}}});
                  f.sort = *s;
                }
                Date today = service.today();
                f.lprBp = lpr1yBp(today).value_or(0);
                auto [rows, total] = service.store().products(f);
                json items = json::array();
                for (const auto& p : rows) items.push_back(productJson(p, today));
                return http::Response::json(page(items, total, paging));
              }});

  router.add({"GET", "/api/v1/finance/products/compare", read, "比较 2 到 4 个已上架的产品（ids=1,2,3）",
              [&](http::Request& req) {
                auto idsText = req.queryValue("ids").value_or("");
                std::vector<int64_t> ids;
                size_t pos = 0;
                bool bad = idsText.empty();
                while (!bad && pos <= idsText.size()) {
                  auto comma = idsText.find(',', pos);
                  std::string part = idsText.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
                  if (part.empty() || part.size() > 15 || !std::all_of(part.begin(), part.end(), ::isdigit)) bad = true;
                  else if (std::find(ids.begin(), ids.end(), std::stoll(part)) == ids.end()) ids.push_back(std::stoll(part));
                  if (comma == std::string::npos) break;
                  pos = comma + 1;
                }
                if (bad)
                  throw ApiError::badRequest("bad_query", {"ids 应为逗号分隔的产品编号。", "ids must be comma-separated ids."},
                                             {{"ids", {"应为逗号分隔的产品编号。", "Comma-separated ids."}}});
                if (ids.size() < 2 || ids.size() > 4)
                  throw ApiError::validation({{"ids", {"请选择 2 到 4 个产品进行比较。", "Compare 2 to 4 products."}}});
                json items = json::array();
                Date today = service.today();
                for (auto id : ids) {
                  auto p = service.visibleProduct(req.caller(), id);
                  if (!p) throw ApiError::notFound({fmt::format("没有编号为 {} 的产品。", id), "No such product."});
                  items.push_back(productJson(*p, today));
                }
                return http::Response::json({{"items", items}});
              }});

  router.add({"GET", "/api/v1/finance/products/{id:int}", read, "金融产品详情", [&](http::Request& req) {
                auto p = service.visibleProduct(req.caller(), req.intParam("id"));
                if (!p) throw ApiError::notFound({"没有这个产品。", "No such product."});
                return http::Response::json(productJson(*p, service.today()));
              }});

  router.add({"POST", "/api/v1/finance/products", manageProducts, "新建金融产品（草稿）", [&](http::Request& req) {
                if (req.caller().orgKind != "bank")
                  throw ApiError(403, "bank_only", statusTitle(403), {"只有银行可以发布产品。", "Only banks publish products."});
                auto spec = readProduct(req.jsonBody(), service.creditGrades());
                auto actor = audit::actorOf(req);
                return http::Response::json(productJson(service.createProduct(acting(req, actor), spec), service.today()), 201);
              }});
  router.add({"PUT", "/api/v1/finance/products/{id:int}", manageProducts, "修改金融产品（草稿或已下架）",
              [&](http::Request& req) {
                auto spec = readProduct(req.jsonBody(), service.creditGrades());
                auto actor = audit::actorOf(req);
                return http::Response::json(
                    productJson(service.updateProduct(acting(req, actor), req.intParam("id"), spec), service.today()));
              }});
  router.add({"POST", "/api/v1/finance/products/{id:int}/publish", manageProducts, "产品上架（适合的开放需求成为本行商机）",
              [&](http::Request& req) {
                auto actor = audit::actorOf(req);
                return http::Response::json(productJson(
                    service.moveProduct(acting(req, actor), req.intParam("id"), ProductStatus::Published), service.today()));
              }});
  router.add({"POST", "/api/v1/finance/products/{id:int}/withdraw", manageProducts, "产品下架", [&](http::Request& req) {
                auto actor = audit::actorOf(req);
                return http::Response::json(productJson(
                    service.moveProduct(acting(req, actor), req.intParam("id"), ProductStatus::Withdrawn), service.today()));
              }});

  // ---- matching ----
  router.add({"POST", "/api/v1/finance/match", demand,
              "智能匹配：本企业对每个已上架产品逐条准入条件的结果（符合/不符合/无法判断），以及符合产品的排序",
              [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(service, audit, req);
                json body = req.jsonBody();
                // The same checks as a demand, but only amount, term and guarantees matter here.
                json need = {{"purpose", "匹配"}};
                for (const char* k : {"amountFen", "termMonths", "guarantees"})
                  if (body.contains(k)) need[k] = body[k];
                auto spec = readDemand(need);
                auto m = service.match(enterpriseId, {spec.amountFen, spec.termMonths, spec.guarantees});
                Date today = service.today();
                json items = json::array();
                for (size_t i = 0; i < m.products.size(); ++i) {
                  json rules = json::array();
                  for (const auto& r : m.matches[i].rules)
                    rules.push_back({{"rule", r.rule},
                                     {"ruleZh", r.ruleZh},
                                     {"outcome", r.outcome == Outcome::Pass ? "pass" : r.outcome == Outcome::Fail ? "fail" : "unknown"},
                                     {"outcomeZh", r.outcome == Outcome::Pass ? "符合" : r.outcome == Outcome::Fail ? "不符合" : "无法判断"},
                                     {"value", r.value},
                                     {"threshold", r.threshold}});
                  bool fails = std::any_of(m.matches[i].rules.begin(), m.matches[i].rules.end(),
                                           [](const RuleOutcome& r) { return r.outcome == Outcome::Fail; });
                  items.push_back({{"product", productJson(m.products[i], today)},
                                   {"eligible", m.matches[i].eligible},
                                   {"verdict", m.matches[i].eligible ? "eligible" : fails ? "ineligible" : "unknown"},
                                   {"rules", rules}});
                }
                json ranked = json::array();
                int rankNo = 0;
                for (const auto& r : m.ranked) {
                  ranked.push_back({{"rank", rankNo + 1},
                                    {"productId", m.rankedIds[rankNo]},
                                    {"why", m.rankedWhy[rankNo]},
                                    {"responseWorkdays", r.record.responseWorkdays ? json(*r.record.responseWorkdays) : json(nullptr)},
                                    {"approvalRate", r.record.approvalRate ? json(*r.record.approvalRate) : json(nullptr)}});
                  ++rankNo;
                }
                json profile = {{"regionCode", m.profile.regionCode}, {"industryCode", m.profile.industryCode}};
                profile["sizeClass"] = m.profile.sizeClass ? json(*m.profile.sizeClass) : json(nullptr);
                profile["years"] = m.profile.years ? json(*m.profile.years) : json(nullptr);
                profile["taxGrade"] = m.profile.taxGrade ? json(*m.profile.taxGrade) : json(nullptr);
                profile["taxPaid12mFen"] = m.profile.taxPaid12mFen ? json(*m.profile.taxPaid12mFen) : json(nullptr);
                profile["insured"] = m.profile.insured ? json(*m.profile.insured) : json(nullptr);
                profile["creditGrade"] = m.profile.creditGrade ? json(*m.profile.creditGrade) : json(nullptr);
                return http::Response::json({{"profile", profile}, {"items", items}, {"ranked", ranked}});
              }});

  // ---- demands ----
  router.add({"POST", "/api/v1/finance/demands", demand,
              "发布融资需求：到需求池供银行接单，或带 productId 定向申请一个产品", [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(service, audit, req);
                auto spec = readDemand(req.jsonBody());
                auto actor = audit::actorOf(req);
                auto d = service.publishDemand(acting(req, actor), enterpriseId, spec);
                json out = demandJson(d, service);
                ApplicationFilter f;
                f.demandId = d.id;
                auto apps = service.store().applications(service.viewerOf(req.caller()), f).first;
                out["applicationId"] = apps.empty() ? json(nullptr) : json(apps.front().id);
                return http::Response::json(out, 201);
              }});

  router.add({"GET", "/api/v1/finance/demands", read,
              "融资需求列表（企业：本企业的；银行：view=opportunities 商机、pool 需求池、mine 本行经办；政府：辖区内）",
              [&](http::Request& req) {
                auto paging = req.paging();
                DemandFilter f;
                f.page = paging.page;
                f.pageSize = paging.pageSize;
                if (auto s = req.queryValue("status")) {
                  if (!s->empty() && *s != "open" && *s != "claimed" && *s != "directed" && *s != "closed" && *s != "withdrawn")
                    throw ApiError::badRequest("bad_query", {"status 应为 open、claimed、directed、closed 或 withdrawn。", "Bad status."},
                                               {{"status", {"未知的需求状态。", "Unknown status."}}});
                  f.status = *s;
                }
                Viewer v = service.viewerOf(req.caller());
                std::string view = req.queryValue("view").value_or(v.kind == Viewer::Kind::Bank ? "opportunities" : "");
                if (!view.empty() && view != "opportunities" && view != "pool" && view != "mine")
                  throw ApiError::badRequest("bad_query", {"view 应为 opportunities、pool 或 mine。", "Bad view."},
                                             {{"view", {"未知的视图。", "Unknown view."}}});
                if (v.kind == Viewer::Kind::Bank) {
                  if (view == "pool") {
                    // Every open demand of the pool; a bank may claim any of them.
                    f.status = "open";
                    v.kind = Viewer::Kind::All;
                  } else {
                    f.opportunities = view == "opportunities";
                  }
                }
                auto [rows, total] = service.store().demands(v, f);
                json items = json::array();
                for (const auto& d : rows) {
                  json j = demandJson(d, service);
                  if (v.kind == Viewer::Kind::All && req.caller().orgKind == "bank") j["matchedProducts"] = json::array();
                  items.push_back(j);
                }
                return http::Response::json(page(items, total, paging));
              }});

  router.add({"GET", "/api/v1/finance/demands/{id:int}", read, "融资需求详情（及其申请）", [&](http::Request& req) {
                auto d = service.visibleDemand(req.caller(), req.intParam("id"));
                if (!d) throw ApiError::notFound({"没有这项融资需求。", "No such demand."});
                json out = demandJson(*d, service);
                ApplicationFilter f;
                f.demandId = d->id;
                f.pageSize = 100;
                json apps = json::array();
                for (const auto& a : service.store().applications(service.viewerOf(req.caller()), f).first)
                  apps.push_back(applicationJson(a, service));
                out["applications"] = apps;
                return http::Response::json(out);
              }});

  router.add({"POST", "/api/v1/finance/demands/{id:int}/withdraw", demand, "撤回尚未被接单的融资需求",
              [&](http::Request& req) {
                int64_t enterpriseId = ownEnterprise(service, audit, req);
                auto actor = audit::actorOf(req);
                return http::Response::json(
                    demandJson(service.withdrawDemand(acting(req, actor), enterpriseId, req.intParam("id")), service));
              }});

  router.add({"POST", "/api/v1/finance/demands/{id:int}/claim", deal,
              "银行接单：同一时间只有一家银行持有；两家同时接单只有一家成功，另一家得到 409", [&](http::Request& req) {
                if (req.caller().orgKind != "bank")
                  throw ApiError(403, "bank_only", statusTitle(403), {"只有银行可以接单。", "Only banks claim demands."});
                auto actor = audit::actorOf(req);
                return http::Response::json(
                    applicationJson(service.claim(acting(req, actor), req.intParam("id")), service), 201);
              }});

  // ---- applications ----
  router.add({"GET", "/api/v1/finance/applications", read,
              "融资申请列表（企业：本企业的；银行：本行的；政府：辖区内）", [&](http::Request& req) {
                auto paging = req.paging();
                ApplicationFilter f;
                f.page = paging.page;
                f.pageSize = paging.pageSize;
                if (auto s = req.queryValue("state"); s && !s->empty()) {
                  if (!stateByCode(*s))
                    throw ApiError::badRequest("bad_query", {"state 不是申请状态代码。", "Unknown state."},
                                               {{"state", {"未知的申请状态。", "Unknown state."}}});
                  f.state = *s;
                }
                f.demandId = req.queryId("demandId");
                auto [rows, total] = service.store().applications(service.viewerOf(req.caller()), f);
                json items = json::array();
                for (const auto& a : rows) items.push_back(applicationJson(a, service));
                return http::Response::json(page(items, total, paging));
              }});

  router.add({"GET", "/api/v1/finance/applications/{id:int}", read,
              "融资申请详情：全过程时间线、当前时限、本人可做的操作（银行另见是否已获数据授权）", [&](http::Request& req) {
                auto a = service.visibleApplication(req.caller(), req.intParam("id"));
                if (!a) throw ApiError::notFound({"没有这项融资申请。", "No such application."});
                json out = applicationJson(*a, service);
                json timeline = json::array();
                for (const auto& e : service.store().events(a->id)) {
                  auto command = commandByCode(e.command);
                  std::string commandZh = command ? std::string(zh(*command))
                                          : e.command == "submit" ? "提交申请"
                                          : e.command == "claim"  ? "银行接单"
                                                                  : e.command;
                  auto to = stateByCode(e.toState);
                  timeline.push_back({{"id", e.id},
                                      {"command", e.command},
                                      {"commandZh", commandZh},
                                      {"fromState", e.fromState.empty() ? json(nullptr) : json(e.fromState)},
                                      {"toState", e.toState},
                                      {"toStateZh", to ? zh(*to) : std::string_view(e.toState)},
                                      {"actor", e.actorKind},
                                      {"organisation", e.organisationName},
                                      {"username", e.username},
                                      {"at", e.at},
                                      {"note", e.note},
                                      {"detail", json::parse(e.detail, nullptr, false)}});
                }
                out["timeline"] = timeline;
                Facts facts{a->state, a->requestedFen, a->approvedFen, a->disbursedFen, a->offerValidUntil};
                json allowed = json::array();
                const auto& caller = req.caller();
                std::optional<Actor> actor;
                if (caller.orgKind == "bank" && caller.can(kDealHandle)) actor = Actor::Bank;
                if (caller.orgKind == "enterprise" && caller.can(kDemandManage)) actor = Actor::Enterprise;
                if (actor)
                  for (auto c : allowedCommands(facts, *actor)) allowed.push_back({{"code", code(c)}, {"zh", zh(c)}});
                out["allowedCommands"] = allowed;
                if (caller.orgKind == "bank") {
                  std::string now = service.now();
                  out["consent"] = {{"credit", consents.live(a->enterpriseId, caller.organisationId, "credit", now)},
                                    {"profile", consents.live(a->enterpriseId, caller.organisationId, "profile", now)}};
                }
                return http::Response::json(out);
              }});

  router.add({"POST", "/api/v1/finance/applications/{id:int}/commands", deal,
              "银行办理申请：受理、要求补充材料、进入审批、授信、拒绝（原因代码）、签约、放款、结清、报告逾期；非法转换返回 409",
              [&](http::Request& req) {
                if (req.caller().orgKind != "bank")
                  throw ApiError(403, "bank_only", statusTitle(403), {"只有银行可以办理申请。", "Only banks handle applications."});
                auto input = readCommand(req.jsonBody());
                auto actor = audit::actorOf(req);
                return http::Response::json(applicationJson(service.command(acting(req, actor), req.intParam("id"), input), service));
              }});

  auto enterpriseCommand = [&](Command command) {
    return [&service, &audit, command](http::Request& req) {
      ownEnterprise(service, audit, req);
      json body = req.body.empty() ? json::object() : req.jsonBody();
      std::vector<FieldError> errors;
      CommandInput in;
      in.command = command;
      in.note = optText(body, "note", 2000, errors);
      if (!errors.empty()) throw ApiError::validation(std::move(errors));
      auto actor = audit::actorOf(req);
      return http::Response::json(applicationJson(service.command(acting(req, actor), req.intParam("id"), in), service));
    };
  };
  router.add({"POST", "/api/v1/finance/applications/{id:int}/withdraw", demand, "企业在银行作出决定前撤回申请",
              enterpriseCommand(Command::Withdraw)});
  router.add({"POST", "/api/v1/finance/applications/{id:int}/materials", demand, "企业已按要求补充材料（回到已受理）",
              enterpriseCommand(Command::SubmitMaterials)});

  // ---- oversight ----
  router.add({"GET", "/api/v1/finance/overview", stats,
              "对接总览：发布 → 接单 → 授信 → 放款的漏斗（笔数与金额），按银行和按园区，限辖区", [&](http::Request& req) {
                Viewer v = service.viewerOf(req.caller());
                auto rowsJson = [](const std::vector<FunnelRow>& rows) {
                  json out = json::array();
                  for (const auto& r : rows)
                    out.push_back({{"key", r.key}, {"name", r.name}, {"published", r.published}, {"claimed", r.claimed},
                                   {"approved", r.approved}, {"disbursed", r.disbursed}, {"publishedFen", r.publishedFen},
                                   {"approvedFen", r.approvedFen}, {"disbursedFen", r.disbursedFen}});
                  return out;
                };
                auto byBank = service.store().funnelByBank(v);
                auto byPark = service.store().funnelByPark(v);
                FunnelRow total;
                for (const auto& r : byPark) {
                  total.published += r.published;
                  total.claimed += r.claimed;
                  total.approved += r.approved;
                  total.disbursed += r.disbursed;
                  total.publishedFen += r.publishedFen;
                  total.approvedFen += r.approvedFen;
                  total.disbursedFen += r.disbursedFen;
                }
                auto [overdue, overdueTotal] = service.store().overdue(v, true, 1, 1);
                (void)overdue;
                return http::Response::json({{"total", rowsJson({total})[0]},
                                             {"byBank", rowsJson(byBank)},
                                             {"byPark", rowsJson(byPark)},
                                             {"openOverdue", overdueTotal}});
              }});

  router.add({"GET", "/api/v1/finance/overdue", read,
              "超时督办：超过时限的接单、首次联系与审批（政府：辖区内；银行：本行；企业：本企业）", [&](http::Request& req) {
                auto paging = req.paging();
                auto open = req.queryValue("open");
                if (open && *open != "true" && *open != "false")
                  throw ApiError::badRequest("bad_query", {"open 只能是 true 或 false。", "open must be true or false."},
                                             {{"open", {"应为 true 或 false。", "Must be true or false."}}});
                auto [rows, total] = service.store().overdue(service.viewerOf(req.caller()), !open || *open == "true",
                                                             paging.page, paging.pageSize);
                json items = json::array();
                for (const auto& o : rows)
                  items.push_back({{"id", o.id},
                                   {"step", o.step},
                                   {"stepZh", stepZh(o.step)},
                                   {"demandId", o.demandId},
                                   {"applicationId", o.applicationId ? json(o.applicationId) : json(nullptr)},
                                   {"bank", o.bankId ? json({{"id", *o.bankId}, {"name", o.bankName}}) : json(nullptr)},
                                   {"enterprise", {{"name", o.enterpriseName}, {"uscc", o.uscc}}},
                                   {"startedOn", o.startedOn},
                                   {"deadline", o.deadline},
                                   {"markedAt", o.markedAt},
                                   {"resolvedAt", o.resolvedAt ? json(*o.resolvedAt) : json(nullptr)},
                                   {"outcome", o.outcome},
                                   {"outcomeZh", o.outcome == "lapsed" ? "接单失效，需求退回需求池"
                                                 : o.outcome == "notified" ? "已提醒银行" : "待银行接单"}});
                return http::Response::json(page(items, total, paging));
              }});

  // ---- settings ----
  router.add({"GET", "/api/v1/finance/settings", read, "对接时限设置（工作日）", [&](http::Request&) {
                auto l = service.limits();
                return http::Response::json(
                    {{"claimOrRespond", l.claimOrRespond}, {"firstContact", l.firstContact}, {"decision", l.decision}});
              }});
  router.add({"PUT", "/api/v1/finance/settings", manage, "修改对接时限（工作日，1 到 60）", [&](http::Request& req) {
                json body = req.jsonBody();
                std::vector<FieldError> errors;
                const TimeLimits was = service.limits();
                TimeLimits l = was;
                // A key that is none of the three is a mistake (a typo would otherwise save nothing, silently).
                for (const auto& [key, unused] : body.items())
                  if (key != "claimOrRespond" && key != "firstContact" && key != "decision")
                    errors.push_back({key.size() > 64 ? key.substr(0, 64) : key,
                                      {"没有这个时限设置（可设置 claimOrRespond、firstContact、decision）。",
                                       "No such time limit (claimOrRespond, firstContact, decision)."}});
                for (auto [key, slot] : {std::pair<const char*, int*>{"claimOrRespond", &l.claimOrRespond},
                                         {"firstContact", &l.firstContact},
                                         {"decision", &l.decision}}) {
                  auto v = optInt<int>(body, key, errors);
                  if (v && (*v < 1 || *v > 60))
                    errors.push_back({key, {"时限应为 1 到 60 个工作日。", "Must be 1 to 60 working days."}});
                  else if (v)
                    *slot = *v;
                }
                if (!errors.empty()) throw ApiError::validation(std::move(errors));
                bool changed = l.claimOrRespond != was.claimOrRespond || l.firstContact != was.firstContact ||
                               l.decision != was.decision;
                auto actor = audit::actorOf(req);
                if (changed) service.saveLimits(acting(req, actor), l);  // nothing to record otherwise
                return http::Response::json(
                    {{"claimOrRespond", l.claimOrRespond}, {"firstContact", l.firstContact}, {"decision", l.decision}});
              }});
  router.add({"POST", "/api/v1/finance/sweep", manage, "立即执行一次超时检查（通常由调度器每分钟执行）",
              [&](http::Request&) {
                auto r = service.sweep(service.today());
                return http::Response::json(
                    {{"today", r.today.toString()}, {"checked", r.checked}, {"marked", r.marked}, {"lapsed", r.lapsed}});
              }});
}

}  // namespace jinfu::finance
