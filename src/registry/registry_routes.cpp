// 企业库 over HTTP: a table of named handlers; the JSON is registry_json's.
#include "registry/registry_routes.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/clock.hpp"
#include "platform/dictionary.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "platform/xlsx.hpp"
#include "registry/access.hpp"
#include "registry/industry.hpp"
#include "registry/registry_json.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::registry {
namespace {

using nlohmann::json;
using http::Request;
using http::Response;

constexpr size_t kMaxExportRows = 100000;

struct Http {
  RegistryStore& store;
  audit::AuditLog& audit;
  auth::ConsentCheck consent;
  auth::ConsentedEnterprises consented;
  const Clock& clock;
};

// The codes of a dictionary (platform/dictionary), the values a parameter may take.
std::vector<std::string_view> codesOf(std::string_view name) {
  std::vector<std::string_view> out;
  for (const auto& entry : dict::dictionary(name)->entries) out.push_back(entry.value);
  return out;
}

// The query string of the search and the export: every parameter checked, 400 naming each.
EnterpriseFilter readFilter(const Request& req) {
  http::QueryReader q(req);
  EnterpriseFilter f;
  f.q = q.text("q", 200).value_or("");
  f.region = q.text("region", 6).value_or("");
  if (!f.region.empty() && (f.region.size() < 2 || !std::all_of(f.region.begin(), f.region.end(),
                                                                  [](unsigned char c) { return std::isdigit(c); })))
    q.fail("region", {"区域须为 2 至 6 位行政区划代码。", "region must be a 2–6 digit division code."});
  f.industry = q.text("industry", 2).value_or("");
  if (!f.industry.empty() && !industrySectionName(f.industry) && !industryDivisionName(f.industry))
    q.fail("industry", {"行业须为国民经济行业门类字母（如 C）或两位大类代码（如 35）。",
                        "industry must be a section letter (C) or a two-digit division (35)."});
  f.size = q.oneOf("size", codesOf("size_class")).value_or("");
  f.status = q.oneOf("status", codesOf("enterprise_status")).value_or("");
  f.parkId = q.id("park");
  f.sort = q.oneOf("sort", {"name", "establishedOn", "registeredCapital", "updatedAt"}).value_or("name");
  f.descending = q.oneOf("order", {"asc", "desc"}).value_or("asc") == "desc";
  q.check();
  return f;
}

Response summary(Http& h, Request&) { return Response::json(summaryJson(h.store.summary())); }

Response banks(Http& h, Request&) { return Response::json(banksJson(h.store.banks())); }

Response search(Http& h, Request& req) {
  auto filter = readFilter(req);
  auto paging = req.paging();
  auto scope = auth::scopeOf(req.caller());
  // A bank finds the enterprises that let it read their 企业基本信息 (数据授权 covering "profile"),
  // and only those.
  if (req.caller().orgKind == auth::OrgKind::Bank && h.consented) {
    filter.within = h.consented(req.caller().organisationId, "profile");
    scope = auth::DataScope{};
    scope.kind = auth::DataScope::Kind::All;
  }
  auto page = h.store.search(scope, filter, paging.page, paging.pageSize);
  return Response::json(http::pageJson(page, enterpriseListJson));
}

Response exportXlsx(Http& h, Request& req) {
  auto filter = readFilter(req);
  auto scope = auth::scopeOf(req.caller());
  int64_t total = h.store.search(scope, filter, 1, 1).total;
  if (total > static_cast<int64_t>(kMaxExportRows))
    throw ApiError::validation(
        {{"q", {"符合条件的企业有 " + std::to_string(total) + " 家，超过单次导出上限 100000 家，请缩小筛选范围。",
                "The search matches " + std::to_string(total) +
                    " enterprises, over the export limit of 100000; narrow the filters."}}});
  xlsx::Writer book("企业名录", exportColumns());
  h.store.forEach(scope, filter, kMaxExportRows, [&book](const EnterpriseRecord& e) { book.row(exportRow(e)); });
  int64_t rows = book.rows();
  auto bytes = book.finish();
  json detail = {{"filter", filterJson(filter)}, {"rows", rows}};
  h.audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseExport), "success", "enterprise", "",
                                       std::nullopt, std::nullopt,
                                       detail.dump(-1, ' ', false, json::error_handler_t::replace)});
  std::string day = shanghaiDate(h.clock.now()).toString();
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  return http::xlsxDownload(std::move(bytes), "企业名录-" + day + ".xlsx", "enterprises-" + day + ".xlsx");
}

Response get(Http& h, Request& req) {
  const int64_t org = req.caller().organisationId;
  auto e = readEnterprise(
      h.store, req.caller(), req.intParam("id"), [&](int64_t id) { return h.consent && h.consent(id, org, "profile"); },
      "企业基本信息", h.audit, audit::actorOf(req), "");
  // Personal data in full only for the enterprise itself and the operator.
  return Response::json(enterpriseJson(e, seesPersonalData(auth::scopeOf(req.caller()))));
}

}  // namespace

void addRoutes(http::Router& router, RegistryStore& store, audit::AuditLog& audit, auth::ConsentCheck consent,
               auth::ConsentedEnterprises consented, const Clock& clock) {
  using namespace auth::perm;
  auto h = std::make_shared<Http>(Http{store, audit, std::move(consent), std::move(consented), clock});
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/summary", http::kPublic, "平台概况：市场主体、合作银行、双创载体数量", summary},
          {"GET", "/api/v1/banks", http::kPublic, "合作银行名录（名称，供选择授权对象、筛选产品）", banks},
          {"GET", "/api/v1/enterprises", kEnterpriseRead,
           "企业查询：名称、拼音、拼音首字母或信用代码，按区域、行业、规模、园区、状态筛选（数据范围内）", search},
          {"GET", "/api/v1/enterprises/export", kEnterpriseExport,
           "导出企业查询结果为 Excel（最多 100000 家，记入审计日志）", exportXlsx},
          {"GET", "/api/v1/enterprises/{id:int}", kEnterpriseRead,
           "查看企业基本信息（数据范围内，或银行经企业授权；每次查看均记入审计日志）", get},
      });
}

}  // namespace jinfu::registry
