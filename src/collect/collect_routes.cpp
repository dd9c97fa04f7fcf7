// 数据归集 over HTTP: a table of named handlers; the JSON is collect_json's.
#include "collect/collect_routes.hpp"

#include <algorithm>
#include <memory>

#include <nlohmann/json.hpp>

#include "collect/catalogue.hpp"
#include "collect/catalogue_service.hpp"
#include "collect/collect_json.hpp"
#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "collect/template.hpp"
#include "collect/timeliness.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/xlsx.hpp"
#include "registry/access.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::collect {
namespace {

using nlohmann::json;
using http::Request;
using http::Response;

using Http = Deps;

constexpr int kFactsPerCategory = 200;

// `Prefer: respond-async` (RFC 7240): the client would rather follow a job than wait.
bool prefersAsync(const Request& req) {
  std::string prefer(req.header("prefer").value_or(""));
  for (auto& ch : prefer) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return prefer.find("respond-async") != std::string::npos;
}

// Counts the rows of a text file as its chunks go by, for a progress bar: its line breaks
// (GB18030 never uses 0x0A inside a character), less the header line for CSV. Unknown for XLSX.
class RowCounter {
 public:
  void see(std::string_view chunk) {
    lines_ += std::count(chunk.begin(), chunk.end(), '\n');
    if (!chunk.empty()) last_ = chunk.back();
  }
  std::optional<int64_t> rows(Format format) const {
    if (format == Format::Xlsx) return std::nullopt;
    int64_t lines = lines_ + (last_ != '\n' ? 1 : 0);
    return std::max<int64_t>(1, format == Format::Csv ? lines - 1 : lines);
  }

 private:
  int64_t lines_ = 0;
  char last_ = '\n';
};

// A category named in the query, checked against the catalogue ("" when none).
std::string readCategory(http::QueryReader& q) {
  auto category = q.text("category", 100).value_or("");
  if (!category.empty() && !findCategory(category)) {
    q.fail("category", {"数据类别不存在。", "Unknown category."});
    return "";
  }
  return category;
}

// The parameters of a submission describe the uploaded file as the fields of a form would (its
// category, name, format, provider): they are answered 422 naming each, with an empty body.
Submission readSubmission(const Request& req) {
  const auto& caller = req.caller();
  std::vector<FieldError> errors;
  Submission sub;
  sub.category = req.queryValue("category").value_or("");
  if (sub.category.empty()) errors.push_back({"category", {"请指定数据类别。", "category is required."}});
  auto fileName = req.queryValue("fileName");
  if (!fileName || fileName->empty()) errors.push_back({"fileName", {"请提供文件名。", "fileName is required."}});
  else sub.fileName = *fileName;
  if (auto f = req.queryValue("format")) {
    if (auto parsed = parseFormat(*f)) sub.format = *parsed;
    else errors.push_back({"format", {"文件格式须为 csv、xlsx 或 jsonl。", "format must be csv, xlsx or jsonl."}});
  } else if (fileName) {
    if (auto byName = formatFromName(*fileName)) sub.format = *byName;
    else errors.push_back({"format", {"无法从文件名判断格式，请使用 .csv、.xlsx 或 .jsonl 文件，或指定 format。",
                                      "Cannot tell the format from the file name; use .csv, .xlsx or .jsonl or "
                                      "give format."}});
  }
  if (auto e = req.queryValue("encoding")) {
    if (auto parsed = parseEncoding(*e)) sub.encoding = *parsed;
    else errors.push_back({"encoding", {"文件编码须为 auto、utf-8 或 gb18030。", "encoding must be auto, utf-8 or gb18030."}});
  }
  try {
    sub.resubmitOf = req.queryId("resubmitOf");
    auto provider = req.queryId("provider");
    if (caller.orgKind == auth::OrgKind::Provider) {
      if (provider && *provider != caller.organisationId)
        errors.push_back({"provider", {"数据提供部门只能以本部门名义报送。", "A provider submits only as itself."}});
      sub.providerId = caller.organisationId;
    } else if (caller.orgKind == auth::OrgKind::Operator) {
      if (!provider) errors.push_back({"provider", {"请指定提供部门。", "provider is required."}});
      else sub.providerId = *provider;
    } else {
      errors.push_back({"provider", {"只有数据提供部门或平台运营方可以报送。", "Only providers and the operator submit."}});
    }
  } catch (const ApiError& e) {
    for (const auto& fe : e.errors()) errors.push_back(fe);
  }
  // The file arrives on disk (the route takes its body to a file); no body, no file.
  if (!req.upload || req.upload->size() == 0) errors.push_back({"body", {"文件为空。", "The file is empty."}});
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  sub.source = caller.tokenId ? "api" : "upload";
  sub.submittedBy = caller.userId;
  return sub;
}

json importAnswer(CollectStore& store, const ImportResult& result) {
  auth::DataScope everything;
  everything.kind = auth::DataScope::Kind::All;
  return importJson(*store.batch(everything, result.batchId), result.duplicate);
}

BatchRecord visibleBatch(CollectStore& store, const Request& req) {
  auto batch = store.batch(auth::scopeOf(req.caller()), req.intParam("id"));
  if (!batch) throw ApiError::notFound({"批次不存在。", "No such batch."});
  return *batch;
}

Response categories(Http& h, Request&) { return Response::json(h.catalogue.catalogue()); }

// 数据模板: the category's columns and a sample row, to fill in and send back.
Response categoryTemplate(Http&, Request& req) {
  const Category* c = findCategory(req.param("code"));
  if (!c) throw ApiError::notFound({"数据类别不存在。", "No such category."});
  std::vector<xlsx::Column> columns;
  // About two width units per Chinese character (three UTF-8 bytes).
  for (const auto& title : templateHeader(*c)) columns.push_back({title, std::max(12.0, title.size() * 0.7)});
  xlsx::Writer book("数据模板", columns);
  book.row(templateSample(*c));
  std::string name = c->zh;  // "经营异常名录/严重违法失信名单": no slash in a file name
  for (size_t at = name.find('/'); at != std::string::npos; at = name.find('/')) name.replace(at, 1, "、");
  return http::xlsxDownload(book.finish(), name + "-数据模板.xlsx", c->code + "-template.xlsx");
}

// PUT {providers: [organisation ids]}: the departments that provide the category from now on.
Response setProviders(Http& h, Request& req) {
  auto body = req.jsonBody();
  http::FieldReader f(body);
  auto ids = f.ids("providers", http::Need::Required, "提供部门");
  f.check();
  h.catalogue.setProviders(audit::actorOf(req), req.param("code"), ids);
  return Response::json(h.catalogue.catalogue());
}

// Before an upload is read: a provider sends only the categories it provides.
void checkSubmitter(Http& h, Request& req) {
  h.catalogue.checkSubmitter(req.caller(), audit::actorOf(req), req.queryValue("category").value_or(""));
}

// Imported while the client waits (201, or 200 for a duplicate), or with `Prefer: respond-async`
// as a job (202 and its Location).
Response submit(Http& h, Request& req) {
  Submission sub = readSubmission(req);
  // One pass over the file: its identity, and for a background import its rows.
  const bool async = prefersAsync(req);
  RowCounter counter;
  sub.contentSha256 = auth::sha256HexOfFile(req.upload->path().string(), [&](std::string_view chunk) {
    if (async) counter.see(chunk);
  });
  SourceOptions options;
  options.format = sub.format;
  options.encoding = sub.encoding;
  // The file outlives this request when it is imported in the background.
  std::shared_ptr<http::UploadFile> file = req.upload;
  std::shared_ptr<TableSource> source;
  try {
    source = openFile(file->path(), options);  // an unreadable file is refused now, not in a job
  } catch (const SourceError& e) {
    throw ApiError(422, "file_unreadable", statusTitle(422), e.text());
  }
  auto actor = audit::actorOf(req);
  if (!async) {
    auto result = h.importer.run(sub, *source, actor);
    return Response::json(importAnswer(h.store, result), result.duplicate ? 200 : 201);
  }
  auto rows = counter.rows(sub.format);
  // The job keeps the file (and the reader open on it) until it ends.
  auto work = [&store = h.store, &importer = h.importer, sub, file, source, actor, rows](jobs::Progress& progress) {
    auto result = importer.run(sub, *source, actor, [&](int64_t read) { progress.report(read, rows); });
    return importAnswer(store, result);
  };
  auto job = h.jobs.start("collect.import", req.caller().userId, "行", rows, std::move(work));
  auto res = Response::json(job.toJson(), 202);
  res.headers.emplace_back("Location", "/api/v1/jobs/" + job.id);
  res.headers.emplace_back("Preference-Applied", "respond-async");
  return res;
}

Response batches(Http& h, Request& req) {
  http::QueryReader q(req);
  BatchFilter filter;
  filter.providerId = q.id("provider");
  filter.category = readCategory(q);
  q.check();
  auto paging = req.paging();
  auto page = h.store.batches(auth::scopeOf(req.caller()), filter, paging.page, paging.pageSize);
  return Response::json(http::pageJson(page, batchJson));
}

Response batch(Http& h, Request& req) { return Response::json(batchJson(visibleBatch(h.store, req))); }

Response quarantine(Http& h, Request& req) {
  auto batch = visibleBatch(h.store, req);
  auto paging = req.paging();
  auto scope = auth::scopeOf(req.caller());
  auto page = h.store.quarantine(scope, batch.id, paging.page, paging.pageSize);
  auto body = quarantinePageJson(page, QuarantineView(batch, req.caller()), batch.header);
  // Rows of enterprises outside a government body's region are counted, not shown.
  if (scope.kind == auth::DataScope::Kind::Region) body["outsideScope"] = h.store.quarantinedTotal(batch.id) - page.total;
  return Response::text(body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                        "application/json; charset=utf-8");
}

Response quarantineXlsx(Http& h, Request& req) {
  auto batch = visibleBatch(h.store, req);
  xlsx::Writer book("隔离数据", quarantineColumns(batch.header));
  QuarantineView view(batch, req.caller());
  h.store.forEachQuarantined(auth::scopeOf(req.caller()), batch.id,
                             [&](const QuarantinedRow& row) { book.row(quarantineRow(view(row), batch.header.size())); });
  return http::xlsxDownload(book.finish(), "隔离数据-批次" + std::to_string(batch.id) + ".xlsx",
                            "quarantine-" + std::to_string(batch.id) + ".xlsx");
}

Response timelinessReport(Http& h, Request& req) {
  http::QueryReader q(req);
  auto asOf = q.date("asOf");
  q.check();
  Date day = asOf ? *asOf : Date::parse(rfc3339Shanghai(h.clock.now()).substr(0, 10)).value();
  auto rows = timeliness(h.store.receipts(auth::scopeOf(req.caller())), WorkCalendar::official(), day);
  return Response::json(timelinessJson(day, rows));
}

Response facts(Http& h, Request& req) {
  http::QueryReader q(req);
  auto category = readCategory(q);
  q.check();
  // A bank sees the categories the enterprise's live consent covers, and needs one.
  const int64_t org = req.caller().organisationId;
  const bool bank = req.caller().orgKind == auth::OrgKind::Bank;
  auto covered = [&](int64_t id, std::string_view code) { return !bank || (h.consent && h.consent(id, org, code)); };
  auto e = registry::readEnterprise(
      h.registry, req.caller(), req.intParam("id"),
      [&](int64_t id) {
        if (!category.empty()) return covered(id, category);
        return std::any_of(catalogue().begin(), catalogue().end(), [&](const Category& c) { return covered(id, c.code); });
      },
      category.empty() ? "归集数据" : findCategory(category)->zh, h.audit, audit::actorOf(req),
      " 归集信息" + (category.empty() ? "" : "：" + category));
  std::vector<const Category*> shown;
  for (const auto& c : catalogue())
    if ((category.empty() || c.code == category) && covered(e.id, c.code)) shown.push_back(&c);
  auto list = h.store.facts(e.id, category, kFactsPerCategory);
  return Response::json(factsJson(shown, list, registry::seesPersonalData(auth::scopeOf(req.caller()))));
}

Response history(Http& h, Request& req) {
  const int64_t org = req.caller().organisationId;
  auto e = registry::readEnterprise(
      h.registry, req.caller(), req.intParam("id"), [&](int64_t id) { return h.consent && h.consent(id, org, "profile"); },
      "企业基本信息", h.audit, audit::actorOf(req), " 变更记录");
  auto paging = req.paging();
  const bool full = registry::seesPersonalData(auth::scopeOf(req.caller()));
  auto changes = h.store.history(e.id);
  if (req.caller().orgKind == auth::OrgKind::Bank)  // only what the consent covers; registration under profile
    std::erase_if(changes, [&](const auto& c) {
      return c.category != "registration" && !(h.consent && h.consent(e.id, org, c.category));
    });
  Page<FieldChange> page;
  page.total = static_cast<int64_t>(changes.size());
  page.paging = paging;
  size_t from = static_cast<size_t>(paging.page - 1) * static_cast<size_t>(paging.pageSize);
  for (size_t i = from; i < changes.size() && i < from + static_cast<size_t>(paging.pageSize); ++i)
    page.items.push_back(std::move(changes[i]));
  return Response::json(http::pageJson(page, [full](const FieldChange& c) { return changeJson(c, full); }));
}

}  // namespace

void addRoutes(http::Router& router, const Deps& deps) {
  using namespace auth::perm;
  auto h = std::make_shared<Http>(deps);
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/collect/categories", http::kPublic, "数据目录：归集的数据类别、字段、含义、提供部门与更新频率",
           categories},
          {"GET", "/api/v1/collect/categories/{code}/template.xlsx", http::kPublic,
           "下载数据类别的数据模板（Excel：中文列名与一行示例）", categoryTemplate},
          {"PUT", "/api/v1/collect/categories/{code}/providers", kCollectManage,
           "设置数据类别的提供部门（只有这些部门可以报送该类数据）", setProviders},
          {"POST", "/api/v1/collect/batches", kCollectSubmit,
           "报送归集数据：请求体为文件本身（CSV、XLSX、JSON Lines），整批入库或不入库，重复内容不重复入库；"
           "提供部门只能报送本部门提供的类别",
           submit, /*maxInFlight*/ 0, deps.uploadLimit, /*bodyToFile*/ true, /*onIoThread*/ false, checkSubmitter},
          {"GET", "/api/v1/collect/batches", kCollectRead, "归集批次列表（提供部门只看本部门）", batches},
          {"GET", "/api/v1/collect/batches/{id:int}", kCollectRead, "查看归集批次", batch},
          {"GET", "/api/v1/collect/batches/{id:int}/quarantine", kCollectRead, "查看批次的隔离数据（行号、列、原值、原因）",
           quarantine},
          {"GET", "/api/v1/collect/batches/{id:int}/quarantine.xlsx", kCollectRead,
           "下载批次的隔离数据（Excel，附错误原因，修正后可重新提交）", quarantineXlsx},
          {"GET", "/api/v1/collect/timeliness", kCollectRead, "归集时效：各提供部门逾期与缺报情况（20 个工作日）",
           timelinessReport},
          {"GET", "/api/v1/enterprises/{id:int}/facts", kEnterpriseRead,
           "企业归集信息：各类别的数据及其来源、批次、行号与归集时间（数据范围内，记入审计日志）", facts},
          {"GET", "/api/v1/enterprises/{id:int}/history", kEnterpriseRead,
           "企业信息变更记录：字段、变更前后、生效与记录时间、来源（数据范围内，记入审计日志）", history},
      });
}

}  // namespace jinfu::collect
