#include "registry/registry_routes.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/clock.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/router.hpp"
#include "platform/money.hpp"
#include "platform/text.hpp"
#include "platform/xlsx.hpp"
#include "registry/access.hpp"
#include "registry/industry.hpp"
#include "registry/regions.hpp"
#include "registry/registry_store.hpp"
#include "registry/size_class.hpp"

namespace jinfu::registry {
namespace {

using nlohmann::json;

constexpr size_t kMaxExportRows = 100000;

json optional(const auto& v) { return v ? json(*v) : json(nullptr); }

std::string_view statusZh(std::string_view status) {
  if (status == "operating") return "存续（在业）";
  if (status == "revoked") return "吊销";
  if (status == "cancelled") return "注销";
  if (status == "moved_out") return "迁出";
  return status;
}

std::string nameOrEmpty(const std::string* s) { return s ? *s : std::string(); }

json listItem(const EnterpriseRecord& e) {
  return {{"id", e.id},
          {"uscc", e.uscc},
          {"name", e.name},
          {"regionCode", e.regionCode},
          {"regionName", nameOrEmpty(regionName(e.regionCode))},
          {"industrySection", e.industrySection},
          {"industryDivision", e.industryDivision},
          {"industryName", nameOrEmpty(industryDivisionName(e.industryDivision))},
          {"sizeClass", optional(e.sizeClass)},
          {"status", e.status},
          {"establishedOn", e.establishedOn},
          {"registeredCapitalFen", optional(e.registeredCapitalFen)},
          {"parkId", optional(e.parkId)},
          {"parkName", optional(e.parkName)}};
}

// The query string of the search and the export: every value checked, 422 naming the field.
EnterpriseFilter parseFilter(const http::Request& req) {
  EnterpriseFilter f;
  std::vector<FieldError> errors;
  auto value = [&](const char* name) { return req.queryValue(name).value_or(""); };
  f.q = value("q");
  if (!text::isValidUtf8(f.q) || f.q.size() > 200)
    errors.push_back({"q", {"关键词须为不超过 200 字节的文本。", "q must be text of at most 200 bytes."}});
  f.region = value("region");
  if (!f.region.empty() && (f.region.size() < 2 || f.region.size() > 6 ||
                            !std::all_of(f.region.begin(), f.region.end(), [](unsigned char c) { return std::isdigit(c); })))
    errors.push_back({"region", {"区域须为 2 至 6 位行政区划代码。", "region must be a 2–6 digit division code."}});
  f.industry = value("industry");
  if (!f.industry.empty() && !industrySectionName(f.industry) && !industryDivisionName(f.industry))
    errors.push_back({"industry", {"行业须为国民经济行业门类字母（如 C）或两位大类代码（如 35）。",
                                   "industry must be a section letter (C) or a two-digit division (35)."}});
  f.size = value("size");
  if (!f.size.empty() && sizeClassZh(f.size).empty())
    errors.push_back({"size", {"企业规模须为 large、medium、small 或 micro。", "size must be large, medium, small or micro."}});
  f.status = value("status");
  if (!f.status.empty() && statusZh(f.status) == f.status)
    errors.push_back({"status", {"登记状态须为 operating、revoked、cancelled 或 moved_out。",
                                 "status must be operating, revoked, cancelled or moved_out."}});
  try {
    f.parkId = req.queryId("park");
  } catch (const ApiError& e) {
    for (const auto& fe : e.errors()) errors.push_back(fe);
  }
  f.sort = req.queryValue("sort").value_or("name");
  if (f.sort != "name" && f.sort != "establishedOn" && f.sort != "registeredCapital" && f.sort != "updatedAt")
    errors.push_back({"sort", {"排序字段须为 name、establishedOn、registeredCapital 或 updatedAt。",
                               "sort must be name, establishedOn, registeredCapital or updatedAt."}});
  auto order = req.queryValue("order").value_or("asc");
  if (order != "asc" && order != "desc")
    errors.push_back({"order", {"排序方向须为 asc 或 desc。", "order must be asc or desc."}});
  f.descending = order == "desc";
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  return f;
}

std::string describe(const EnterpriseFilter& f) {
  json d = json::object();
  if (!f.q.empty()) d["q"] = f.q;
  if (!f.region.empty()) d["region"] = f.region;
  if (!f.industry.empty()) d["industry"] = f.industry;
  if (!f.size.empty()) d["size"] = f.size;
  if (!f.status.empty()) d["status"] = f.status;
  if (f.parkId) d["park"] = *f.parkId;
  return d.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string wan(const std::optional<int64_t>& fen) {
  if (!fen) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(*fen) / 1e6);
  return buf;
}

}  // namespace

void addRoutes(http::Router& router, RegistryStore& store, audit::AuditLog& audit, auth::ConsentCheck consent,
               const Clock& clock) {
  router.add({"GET", "/api/v1/summary", std::string(http::kPublic), "平台概况：市场主体、合作银行、双创载体数量",
              [&store](http::Request&) {
                auto s = store.summary();
                return http::Response::json({{"enterprises", s.enterprises}, {"banks", s.banks}, {"parks", s.parks}});
              }});

  router.add({"GET", "/api/v1/banks", std::string(http::kPublic), "合作银行名录（名称，供选择授权对象、筛选产品）",
              [&store](http::Request&) {
                json items = json::array();
                for (const auto& b : store.banks())
                  items.push_back({{"id", b.id}, {"name", b.name}, {"shortName", optional(b.shortName)}});
                return http::Response::json({{"items", items}});
              }});

  router.add({"GET", "/api/v1/enterprises", std::string(auth::perm::kEnterpriseRead),
              "企业查询：名称、拼音、拼音首字母或信用代码，按区域、行业、规模、园区、状态筛选（数据范围内）",
              [&store](http::Request& req) {
                auto filter = parseFilter(req);
                auto paging = req.paging();
                auto page = store.search(auth::scopeOf(req.caller()), filter, paging.page, paging.pageSize);
                return http::Response::json(http::pageJson(page, listItem));
              }});

  router.add({"GET", "/api/v1/enterprises/export", std::string(auth::perm::kEnterpriseExport),
              "导出企业查询结果为 Excel（最多 100000 家，记入审计日志）", [&store, &audit, &clock](http::Request& req) {
                auto filter = parseFilter(req);
                xlsx::Writer book("企业名录", {{"统一社会信用代码", 22},
                                               {"企业名称", 40},
                                               {"所属区域", 14},
                                               {"行业门类", 24},
                                               {"行业大类", 28},
                                               {"企业规模", 10},
                                               {"登记状态", 12},
                                               {"成立日期", 12},
                                               {"注册资本（万元）", 16},
                                               {"所属园区", 24},
                                               {"住所", 50}});
                auto scope = auth::scopeOf(req.caller());
                int64_t total = store.search(scope, filter, 1, 1).total;
                if (total > static_cast<int64_t>(kMaxExportRows))
                  throw ApiError::validation(
                      {{"q", {"符合条件的企业有 " + std::to_string(total) + " 家，超过单次导出上限 100000 家，请缩小筛选范围。",
                              "The search matches " + std::to_string(total) +
                                  " enterprises, over the export limit of 100000; narrow the filters."}}});
                store.forEach(scope, filter, kMaxExportRows, [&book](const EnterpriseRecord& e) {
                  book.row({e.uscc, e.name, nameOrEmpty(regionName(e.regionCode)),
                            e.industrySection + " " + nameOrEmpty(industrySectionName(e.industrySection)),
                            e.industryDivision + " " + nameOrEmpty(industryDivisionName(e.industryDivision)),
                            std::string(sizeClassZh(e.sizeClass.value_or(""))), std::string(statusZh(e.status)),
                            e.establishedOn, wan(e.registeredCapitalFen), e.parkName.value_or(""), e.address});
                });
                int64_t rows = book.rows();
                auto bytes = book.finish();
                json detail = {{"filter", json::parse(describe(filter))}, {"rows", rows}};
                audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseExport), "success",
                                                   "enterprise", "", std::nullopt, std::nullopt,
                                                   detail.dump(-1, ' ', false, json::error_handler_t::replace)});
                auto response =
                    http::Response::text(std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                std::string day = shanghaiDate(clock.now()).toString();
                day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
                response.headers.emplace_back("Content-Disposition",
                                              "attachment; filename=\"enterprises-" + day + ".xlsx\"");
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              }});

  router.add({"GET", "/api/v1/enterprises/{id:int}", std::string(auth::perm::kEnterpriseRead),
              "查看企业基本信息（数据范围内，或银行经企业授权；每次查看均记入审计日志）",
              [&store, &audit, consent](http::Request& req) {
                auto scope = auth::scopeOf(req.caller());
                const int64_t org = req.caller().organisationId;
                auto e = readableEnterprise(
                    store, req.caller(), req.intParam("id"),
                    [&](int64_t id) { return consent && consent(id, org, "profile"); }, "企业基本信息", audit,
                    audit::actorOf(req));
                if (!e) throw ApiError::notFound({"企业不存在。", "No such enterprise."});
                audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseRead), "success", "enterprise",
                                                   std::to_string(e->id), std::nullopt, std::nullopt, e->uscc});
                // Personal data in full only for the enterprise itself and the operator.
                bool full = seesPersonalData(scope);
                json body = listItem(*e);
                json former = json::array();
                for (const auto& n : e->formerNames) former.push_back({{"name", n.name}, {"until", n.until}});
                body["formerNames"] = former;
                body["entityType"] = optional(e->entityType);
                body["legalRepresentative"] =
                    e->legalRepresentative ? json(maskedField("legalRepresentative", *e->legalRepresentative, full))
                                           : json(nullptr);
                body["address"] = e->address;
                body["industryCode"] = optional(e->industryCode);
                body["industrySectionName"] = nameOrEmpty(industrySectionName(e->industrySection));
                body["employees"] = optional(e->employees);
                body["annualRevenueFen"] = optional(e->annualRevenueFen);
                body["totalAssetsFen"] = optional(e->totalAssetsFen);
                auto size = classifySize(e->industryCode.value_or(e->industrySection + e->industryDivision), e->employees,
                                         e->annualRevenueFen, e->totalAssetsFen);
                body["sizeRule"] = {{"standard", std::string(kSizeStandardZh)},
                                    {"industry", size.industry},
                                    {"reason", e->sizeRule.value_or(size.reasonZh)}};
                body["contactName"] = e->contactName ? json(maskedField("contactName", *e->contactName, full)) : json(nullptr);
                body["contactMobile"] =
                    e->contactMobile ? json(maskedField("contactMobile", *e->contactMobile, full)) : json(nullptr);
                body["updatedAt"] = optional(e->updatedAt);
                return http::Response::json(body);
              }});
}

}  // namespace jinfu::registry
