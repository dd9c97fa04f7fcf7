#include "collect/collect_routes.hpp"

#include <algorithm>
#include <memory>

#include <nlohmann/json.hpp>

#include "collect/catalogue.hpp"
#include "collect/collect_store.hpp"
#include "collect/importer.hpp"
#include "collect/timeliness.hpp"
#include "collect/validate.hpp"
#include "platform/audit/actions.hpp"
#include "platform/audit/audit_log.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/auth/secrets.hpp"
#include "platform/calendar.hpp"
#include "platform/clock.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/router.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/xlsx.hpp"
#include "registry/access.hpp"
#include "registry/registry_store.hpp"

namespace jinfu::collect {
namespace {

using nlohmann::json;

constexpr int kFactsPerCategory = 200;

json batchJson(const BatchRecord& b) {
  const Category* c = findCategory(b.category);
  return {{"id", b.id},
          {"providerId", b.providerId},
          {"providerName", b.providerName},
          {"category", b.category},
          {"categoryName", c ? c->zh : b.category},
          {"source", b.source},
          {"fileName", b.fileName},
          {"format", b.format},
          {"encoding", b.encoding},
          {"contentSha256", b.contentSha256},
          {"status", b.completedAt ? "completed" : "processing"},
          {"rowsTotal", b.rowsTotal},
          {"rowsAccepted", b.rowsAccepted},
          {"rowsUnchanged", b.rowsUnchanged},
          {"rowsQuarantined", b.rowsQuarantined},
          {"rowsSuperseding", b.rowsSuperseding},
          {"header", b.header},
          {"unknownColumns", b.unknownColumns},
          {"resubmitOf", b.resubmitOf ? json(*b.resubmitOf) : json(nullptr)},
          {"submittedBy", b.submittedBy ? json(*b.submittedBy) : json(nullptr)},
          {"receivedAt", b.receivedAt},
          {"completedAt", b.completedAt ? json(*b.completedAt) : json(nullptr)}};
}

json categoryJson(const Category& c) {
  json fields = json::array();
  for (const auto& f : c.fields) {
    json values = json::array();
    for (const auto& v : f.values) values.push_back({{"code", v.code}, {"name", v.zh}});
    fields.push_back({{"key", f.key},
                      {"name", f.zh},
                      {"aliases", f.aliases},
                      {"type", std::string(fieldTypeName(f.type))},
                      {"required", f.required},
                      {"unit", f.unit},
                      {"dictionary", f.dictionary},
                      {"description", f.description},
                      {"values", values}});
  }
  return {{"code", c.code},         {"name", c.zh},           {"description", c.description},
          {"provider", c.provider}, {"frequency", c.frequency}, {"keyFields", c.keyFields},
          {"dateField", c.dateField}, {"fields", fields}};
}

// Cells keyed by the file's header in the file's order (ordered_json), so that a client lays the
// row out as the provider wrote it.
nlohmann::ordered_json quarantinedJson(const QuarantinedRow& q, const std::vector<std::string>& header) {
  nlohmann::ordered_json cells = nlohmann::ordered_json::object();
  for (size_t i = 0; i < q.cells.size() && i < header.size(); ++i) cells[header[i]] = q.cells[i];
  return {{"rowNumber", q.rowNumber},
          {"cells", cells},
          {"problems", nlohmann::ordered_json::parse(q.problemsJson, nullptr, false)}};
}

// The reasons of a quarantined row as one line of Chinese: "纳税额：金额格式错误；…".
std::string reasonsZh(const std::string& problemsJson) {
  json problems = json::parse(problemsJson, nullptr, false);
  std::string out;
  if (!problems.is_array()) return out;
  for (const auto& p : problems) {
    if (!out.empty()) out += "；";
    std::string column = p.value("column", "");
    if (!column.empty()) out += column + "：";
    if (p.contains("reason") && p["reason"].is_object()) out += p["reason"].value("zh", "");
  }
  return out;
}

// The quarantined rows as the caller may read them: the provider that sent them and the operator
// in full (the provider must correct them); anyone else with personal data (法定代表人, 联系人,
// 联系电话) masked by the registry's one masking rule, column by column as the file named them.
class QuarantineView {
 public:
  QuarantineView(const BatchRecord& batch, const auth::Principal& caller) : header_(batch.header) {
    auto scope = auth::scopeOf(caller);
    bool full = registry::seesPersonalData(scope) ||
                (scope.kind == auth::DataScope::Kind::Organisation && scope.organisationId == batch.providerId);
    if (full) return;
    const Category* category = findCategory(batch.category);
    if (!category) return;
    auto mapped = mapHeader(*category, batch.header);
    for (size_t c = 0; c < mapped.map.fieldOfColumn.size(); ++c) {
      int field = mapped.map.fieldOfColumn[c];
      fieldKeys_.push_back(field < 0 ? std::string() : category->fields[static_cast<size_t>(field)].key);
    }
    masked_ = true;
  }

  QuarantinedRow operator()(QuarantinedRow row) const {
    if (!masked_) return row;
    for (size_t c = 0; c < row.cells.size() && c < fieldKeys_.size(); ++c)
      if (!fieldKeys_[c].empty()) row.cells[c] = registry::maskedField(fieldKeys_[c], row.cells[c], false);
    // A problem repeats the value it found fault with.
    json problems = json::parse(row.problemsJson, nullptr, false);
    if (problems.is_array()) {
      for (auto& p : problems) {
        if (!p.is_object() || !p.contains("value") || !p["value"].is_string()) continue;
        std::string column = p.value("column", "");
        for (size_t c = 0; c < fieldKeys_.size(); ++c)
          if (c < header_.size() && header_[c] == column && !fieldKeys_[c].empty())
            p["value"] = registry::maskedField(fieldKeys_[c], p["value"].get<std::string>(), false);
      }
      row.problemsJson = problems.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    return row;
  }

 private:
  std::vector<std::string> header_;
  bool masked_ = false;
  std::vector<std::string> fieldKeys_;  // per file column: the field key, or "" when unknown
};

// `Prefer: respond-async` (RFC 7240): the client would rather follow a job than wait.
bool prefersAsync(const http::Request& req) {
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

json importAnswer(CollectStore& store, const ImportResult& result) {
  auth::DataScope everything;
  everything.kind = auth::DataScope::Kind::All;
  json body = {{"batch", batchJson(*store.batch(everything, result.batchId))}};
  if (result.duplicate) body["duplicate"] = true;
  return body;
}

BatchRecord visibleBatch(CollectStore& store, const http::Request& req) {
  auto batch = store.batch(auth::scopeOf(req.caller()), req.intParam("id"));
  if (!batch) throw ApiError::notFound({"批次不存在。", "No such batch."});
  return *batch;
}

}  // namespace

void addRoutes(http::Router& router, const Deps& deps) {
  CollectStore& store = deps.store;
  registry::RegistryStore& registry = deps.registry;
  audit::AuditLog& audit = deps.audit;
  Importer& importer = deps.importer;
  const Clock& clock = deps.clock;

  router.add({"GET", "/api/v1/collect/categories", std::string(http::kPublic),
              "数据目录：归集的数据类别、字段、含义、提供部门与更新频率", [](http::Request&) {
                json items = json::array();
                for (const auto& c : catalogue()) items.push_back(categoryJson(c));
                return http::Response::json({{"items", items}});
              }});

  http::Route submit{
      "POST", "/api/v1/collect/batches", std::string(auth::perm::kCollectSubmit),
      "报送归集数据：请求体为文件本身（CSV、XLSX、JSON Lines），整批入库或不入库，重复内容不重复入库",
      [&store, &importer, &jobs = deps.jobs](http::Request& req) {
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
          auto result = importer.run(sub, *source, actor);
          return http::Response::json(importAnswer(store, result), result.duplicate ? 200 : 201);
        }
        auto rows = counter.rows(sub.format);
        // The job keeps the file (and the reader open on it) until it ends.
        auto work = [&store, &importer, sub, file, source, actor, rows](jobs::Progress& progress) {
          auto result = importer.run(sub, *source, actor, [&](int64_t read) { progress.report(read, rows); });
          return importAnswer(store, result);
        };
        auto job = jobs.start("collect.import", caller.userId, "行", rows, std::move(work));
        auto res = http::Response::json(job.toJson(), 202);
        res.headers.emplace_back("Location", "/api/v1/jobs/" + job.id);
        res.headers.emplace_back("Preference-Applied", "respond-async");
        return res;
      }};
  submit.bodyLimit = deps.uploadLimit;
  submit.bodyToFile = true;
  router.add(std::move(submit));

  router.add({"GET", "/api/v1/collect/batches", std::string(auth::perm::kCollectRead),
              "归集批次列表（提供部门只看本部门）", [&store](http::Request& req) {
                BatchFilter filter;
                filter.providerId = req.queryId("provider");
                filter.category = req.queryValue("category").value_or("");
                if (!filter.category.empty() && !findCategory(filter.category))
                  throw ApiError::validation({{"category", {"数据类别不存在。", "Unknown category."}}});
                auto paging = req.paging();
                auto page = store.batches(auth::scopeOf(req.caller()), filter, paging.page, paging.pageSize);
                return http::Response::json(http::pageJson(page, batchJson));
              }});

  router.add({"GET", "/api/v1/collect/batches/{id:int}", std::string(auth::perm::kCollectRead), "查看归集批次",
              [&store](http::Request& req) { return http::Response::json(batchJson(visibleBatch(store, req))); }});

  router.add({"GET", "/api/v1/collect/batches/{id:int}/quarantine", std::string(auth::perm::kCollectRead),
              "查看批次的隔离数据（行号、列、原值、原因）", [&store](http::Request& req) {
                auto batch = visibleBatch(store, req);
                auto paging = req.paging();
                auto scope = auth::scopeOf(req.caller());
                auto page = store.quarantine(scope, batch.id, paging.page, paging.pageSize);
                QuarantineView view(batch, req.caller());
                nlohmann::ordered_json items = nlohmann::ordered_json::array();
                for (const auto& q : page.items) items.push_back(quarantinedJson(view(q), batch.header));
                nlohmann::ordered_json body = {
                    {"items", items}, {"total", page.total}, {"page", paging.page}, {"pageSize", paging.pageSize}};
                // Rows of enterprises outside a government body's region are counted, not shown.
                if (scope.kind == auth::DataScope::Kind::Region)
                  body["outsideScope"] = store.quarantinedTotal(batch.id) - page.total;
                return http::Response::text(body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace),
                                            "application/json; charset=utf-8");
              }});

  router.add({"GET", "/api/v1/collect/batches/{id:int}/quarantine.xlsx", std::string(auth::perm::kCollectRead),
              "下载批次的隔离数据（Excel，附错误原因，修正后可重新提交）", [&store](http::Request& req) {
                auto batch = visibleBatch(store, req);
                std::vector<xlsx::Column> columns;
                for (const auto& h : batch.header) columns.push_back({h, 18});
                columns.push_back({"错误原因", 60});
                columns.push_back({"原行号", 10});
                xlsx::Writer book("隔离数据", columns);
                QuarantineView view(batch, req.caller());
                store.forEachQuarantined(auth::scopeOf(req.caller()), batch.id, [&](const QuarantinedRow& row) {
                  QuarantinedRow q = view(row);
                  std::vector<std::string> cells = q.cells;
                  cells.resize(batch.header.size());
                  cells.push_back(reasonsZh(q.problemsJson));
                  cells.push_back(std::to_string(q.rowNumber));
                  book.row(cells);
                });
                auto response = http::Response::text(book.finish(),
                                                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
                response.headers.emplace_back(
                    "Content-Disposition", "attachment; filename=\"quarantine-" + std::to_string(batch.id) + ".xlsx\"");
                response.headers.emplace_back("Cache-Control", "no-store");
                return response;
              }});

  router.add({"GET", "/api/v1/collect/timeliness", std::string(auth::perm::kCollectRead),
              "归集时效：各提供部门逾期与缺报情况（20 个工作日）", [&store, &clock](http::Request& req) {
                Date asOf = Date::parse(rfc3339Shanghai(clock.now()).substr(0, 10)).value();
                if (auto text = req.queryValue("asOf")) {
                  auto parsed = Date::parse(*text);
                  if (!parsed)
                    throw ApiError::validation({{"asOf", {"统计截止日期须为 YYYY-MM-DD 格式的有效日期。",
                                                          "asOf must be a valid YYYY-MM-DD date."}}});
                  asOf = *parsed;
                }
                auto rows = timeliness(store.receipts(auth::scopeOf(req.caller())), WorkCalendar::official(), asOf);
                json items = json::array();
                for (const auto& r : rows)
                  items.push_back({{"providerId", r.providerId},
                                   {"providerName", r.providerName},
                                   {"category", r.category},
                                   {"categoryName", r.categoryName},
                                   {"frequency", r.frequency},
                                   {"facts", r.facts},
                                   {"late", r.late},
                                   {"lateShare", r.lateShare},
                                   {"medianDelayWorkdays",
                                    r.medianDelayWorkdays ? json(*r.medianDelayWorkdays) : json(nullptr)},
                                   {"lastReceivedAt", r.lastReceivedAt},
                                   {"missingPeriods", r.missingPeriods}});
                return http::Response::json({{"asOf", asOf.toString()}, {"limitWorkdays", kPublicityWorkdays},
                                             {"items", items}});
              }});

  router.add({"GET", "/api/v1/enterprises/{id:int}/facts", std::string(auth::perm::kEnterpriseRead),
              "企业归集信息：各类别的数据及其来源、批次、行号与归集时间（数据范围内，记入审计日志）",
              [&store, &registry, &audit, consent = deps.consent](http::Request& req) {
                auto category = req.queryValue("category").value_or("");
                if (!category.empty() && !findCategory(category))
                  throw ApiError::validation({{"category", {"数据类别不存在。", "Unknown category."}}});
                // A bank sees the categories the enterprise's live consent covers, and needs one.
                const int64_t org = req.caller().organisationId;
                const bool bank = req.caller().orgKind == auth::OrgKind::Bank;
                auto covered = [&](int64_t id, std::string_view code) { return !bank || (consent && consent(id, org, code)); };
                auto e = registry::readableEnterprise(
                    registry, req.caller(), req.intParam("id"),
                    [&](int64_t id) {
                      if (!category.empty()) return covered(id, category);
                      for (const auto& c : catalogue())
                        if (covered(id, c.code)) return true;
                      return false;
                    },
                    category.empty() ? "归集数据" : findCategory(category)->zh, audit, audit::actorOf(req));
                if (!e) throw ApiError::notFound({"企业不存在。", "No such enterprise."});
                audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseRead), "success", "enterprise",
                                                   std::to_string(e->id), std::nullopt, std::nullopt,
                                                   e->uscc + " 归集信息" + (category.empty() ? "" : "：" + category)});
                const bool full = registry::seesPersonalData(auth::scopeOf(req.caller()));
                auto facts = store.facts(e->id, category, kFactsPerCategory);
                json categories = json::array();
                for (const auto& c : catalogue()) {
                  if (!category.empty() && c.code != category) continue;
                  if (!covered(e->id, c.code)) continue;
                  json list = json::array();
                  for (const auto& f : facts) {
                    if (f.category != c.code) continue;
                    json values = json::parse(f.valuesJson, nullptr, false);
                    if (values.is_object())
                      for (auto& [key, value] : values.items())
                        if (value.is_string()) value = registry::maskedField(key, value.get<std::string>(), full);
                    list.push_back({{"id", f.id},
                                    {"key", f.key},
                                    {"factDate", f.factDate ? json(*f.factDate) : json(nullptr)},
                                    {"values", values},
                                    {"provider", {{"id", f.providerId}, {"name", f.providerName}}},
                                    {"batchId", f.batchId},
                                    {"rowNumber", f.rowNumber},
                                    {"receivedAt", f.receivedAt}});
                  }
                  categories.push_back({{"code", c.code}, {"name", c.zh}, {"facts", list}});
                }
                return http::Response::json({{"categories", categories}});
              }});

  router.add({"GET", "/api/v1/enterprises/{id:int}/history", std::string(auth::perm::kEnterpriseRead),
              "企业信息变更记录：字段、变更前后、生效与记录时间、来源（数据范围内，记入审计日志）",
              [&store, &registry, &audit, consent = deps.consent](http::Request& req) {
                const int64_t org = req.caller().organisationId;
                auto e = registry::readableEnterprise(
                    registry, req.caller(), req.intParam("id"),
                    [&](int64_t id) { return consent && consent(id, org, "profile"); }, "企业基本信息", audit,
                    audit::actorOf(req));
                if (!e) throw ApiError::notFound({"企业不存在。", "No such enterprise."});
                audit.record(audit::actorOf(req), {std::string(audit::action::kEnterpriseRead), "success", "enterprise",
                                                   std::to_string(e->id), std::nullopt, std::nullopt,
                                                   e->uscc + " 变更记录"});
                auto paging = req.paging();
                const bool full = registry::seesPersonalData(auth::scopeOf(req.caller()));
                auto changes = store.history(e->id);
                if (req.caller().orgKind == auth::OrgKind::Bank)  // only what the consent covers; registration under profile
                  std::erase_if(changes, [&](const auto& c) {
                    return c.category != "registration" && !(consent && consent(e->id, org, c.category));
                  });
                json items = json::array();
                size_t from = static_cast<size_t>(paging.page - 1) * static_cast<size_t>(paging.pageSize);
                for (size_t i = from; i < changes.size() && i < from + static_cast<size_t>(paging.pageSize); ++i) {
                  const auto& c = changes[i];
                  const Category* cat = findCategory(c.category);
                  std::string fieldName = c.field;
                  if (cat)
                    for (const auto& f : cat->fields)
                      if (f.key == c.field) fieldName = f.zh;
                  items.push_back({{"category", c.category},
                                   {"categoryName", cat ? cat->zh : c.category},
                                   {"key", c.key},
                                   {"field", c.field},
                                   {"fieldName", fieldName},
                                   {"before", c.before ? json(registry::maskedField(c.field, *c.before, full)) : json(nullptr)},
                                   {"after", c.after ? json(registry::maskedField(c.field, *c.after, full)) : json(nullptr)},
                                   {"validFrom", c.validFrom},
                                   {"recordedAt", c.recordedAt},
                                   {"provider", {{"id", c.providerId}, {"name", c.providerName}}},
                                   {"batchId", c.batchId}});
                }
                return http::Response::json({{"items", items},
                                             {"total", static_cast<int64_t>(changes.size())},
                                             {"page", paging.page},
                                             {"pageSize", paging.pageSize}});
              }});
}

}  // namespace jinfu::collect
