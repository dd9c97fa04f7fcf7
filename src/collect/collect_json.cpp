#include "collect/collect_json.hpp"
#include "platform/json.hpp"

#include "collect/validate.hpp"
#include "registry/access.hpp"

namespace jinfu::collect {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

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

}  // namespace

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

json catalogueJson(const std::map<std::string, std::vector<ProviderOrg>>& providers,
                   const std::map<std::string, std::vector<int64_t>>& configured) {
  json items = json::array();
  for (const auto& c : catalogue()) {
    json item = categoryJson(c);
    json names = json::array();
    if (auto it = providers.find(c.code); it != providers.end())
      for (const auto& p : it->second) names.push_back({{"id", p.id}, {"name", p.name}});
    item["providers"] = std::move(names);
    item["providersConfigured"] = configured.count(c.code) > 0;
    items.push_back(std::move(item));
  }
  return {{"items", items}};
}

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
          {"resubmitOf", orNull(b.resubmitOf)},
          {"submittedBy", orNull(b.submittedBy)},
          {"receivedAt", b.receivedAt},
          {"completedAt", orNull(b.completedAt)}};
}

json importJson(const BatchRecord& b, bool duplicate) {
  json body = {{"batch", batchJson(b)}};
  if (duplicate) body["duplicate"] = true;
  return body;
}

QuarantineView::QuarantineView(const BatchRecord& batch, const auth::Principal& caller) : header_(batch.header) {
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

QuarantinedRow QuarantineView::operator()(QuarantinedRow row) const {
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

ordered_json quarantinePageJson(const Page<QuarantinedRow>& page, const QuarantineView& view,
                                const std::vector<std::string>& header) {
  ordered_json items = ordered_json::array();
  for (const auto& row : page.items) {
    QuarantinedRow q = view(row);
    ordered_json cells = ordered_json::object();
    for (size_t i = 0; i < q.cells.size() && i < header.size(); ++i) cells[header[i]] = q.cells[i];
    items.push_back({{"rowNumber", q.rowNumber}, {"cells", cells}, {"problems", ordered_json::parse(q.problemsJson, nullptr, false)}});
  }
  return {{"items", items}, {"total", page.total}, {"page", page.paging.page}, {"pageSize", page.paging.pageSize}};
}

std::vector<xlsx::Column> quarantineColumns(const std::vector<std::string>& header) {
  std::vector<xlsx::Column> columns;
  for (const auto& h : header) columns.push_back({h, 18});
  columns.push_back({"错误原因", 60});
  columns.push_back({"原行号", 10});
  return columns;
}

std::vector<std::string> quarantineRow(const QuarantinedRow& row, size_t columns) {
  std::vector<std::string> cells = row.cells;
  cells.resize(columns);
  cells.push_back(reasonsZh(row.problemsJson));
  cells.push_back(std::to_string(row.rowNumber));
  return cells;
}

json timelinessJson(Date asOf, const std::vector<TimelinessRow>& rows) {
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
                     {"medianDelayWorkdays", orNull(r.medianDelayWorkdays)},
                     {"lastReceivedAt", r.lastReceivedAt},
                     {"missingPeriods", r.missingPeriods}});
  return {{"asOf", asOf.toString()}, {"limitWorkdays", kPublicityWorkdays}, {"items", items}};
}

json factsJson(const std::vector<const Category*>& shown, const std::vector<FactRecord>& facts, bool full) {
  json categories = json::array();
  for (const Category* c : shown) {
    json list = json::array();
    for (const auto& f : facts) {
      if (f.category != c->code) continue;
      json values = json::parse(f.valuesJson, nullptr, false);
      if (values.is_object())
        for (auto& [key, value] : values.items())
          if (value.is_string()) value = registry::maskedField(key, value.get<std::string>(), full);
      list.push_back({{"id", f.id},
                      {"key", f.key},
                      {"factDate", orNull(f.factDate)},
                      {"values", values},
                      {"provider", {{"id", f.providerId}, {"name", f.providerName}}},
                      {"batchId", f.batchId},
                      {"rowNumber", f.rowNumber},
                      {"receivedAt", f.receivedAt}});
    }
    categories.push_back({{"code", c->code}, {"name", c->zh}, {"facts", list}});
  }
  return {{"categories", categories}};
}

json changeJson(const FieldChange& c, bool full) {
  const Category* cat = findCategory(c.category);
  std::string fieldName = c.field;
  if (cat)
    for (const auto& f : cat->fields)
      if (f.key == c.field) fieldName = f.zh;
  auto masked = [&](const std::optional<std::string>& v) {
    return v ? json(registry::maskedField(c.field, *v, full)) : json(nullptr);
  };
  return {{"category", c.category},
          {"categoryName", cat ? cat->zh : c.category},
          {"key", c.key},
          {"field", c.field},
          {"fieldName", fieldName},
          {"before", masked(c.before)},
          {"after", masked(c.after)},
          {"validFrom", c.validFrom},
          {"recordedAt", c.recordedAt},
          {"provider", {{"id", c.providerId}, {"name", c.providerName}}},
          {"batchId", c.batchId}};
}

}  // namespace jinfu::collect
