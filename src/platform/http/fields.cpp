#include "platform/http/fields.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/http/message.hpp"
#include "platform/text.hpp"

namespace jinfu::http {
namespace {

using nlohmann::json;

// The one wording of each kind of problem: labelled (the field's name in the message) and short.
LocalText required(std::string_view label, std::string_view name) {
  if (label.empty()) return {"必填。", "Required."};
  return {fmt::format("请填写{}。", label), fmt::format("{} is required.", name)};
}
LocalText notText(std::string_view label, std::string_view name) {
  if (label.empty()) return {"应为字符串。", "Must be a string."};
  return {fmt::format("{}应为文本。", label), fmt::format("{} must be text.", name)};
}
LocalText tooLong(std::string_view label, std::string_view name, size_t maxChars) {
  if (label.empty()) return {fmt::format("最多 {} 个字符。", maxChars), fmt::format("At most {} characters.", maxChars)};
  return {fmt::format("{}不能超过 {} 个字。", label, maxChars), fmt::format("{} is too long.", name)};
}
LocalText control(std::string_view label, std::string_view name) {
  return {fmt::format("{}含有控制字符。", label), fmt::format("{} has control characters.", name)};
}
LocalText notBoolean(std::string_view label, std::string_view name) {
  if (label.empty()) return {"应为 true 或 false。", "Must be true or false."};
  return {fmt::format("{}应为 true 或 false。", label), fmt::format("{} must be a boolean.", name)};
}
LocalText integerRange(std::string_view label, std::string_view name, int64_t lo, int64_t hi, std::string_view unit) {
  if (label.empty())
    return {fmt::format("应为 {} 到 {} 之间的整数。", lo, hi), fmt::format("Must be an integer from {} to {}.", lo, hi)};
  return {fmt::format("{}应在 {} 到 {}{}之间。", label, lo, hi, unit.empty() ? std::string_view(" ") : unit),
          fmt::format("{} must be between {} and {}.", name, lo, hi)};
}
LocalText badDate(std::string_view label, std::string_view name) {
  if (label.empty()) return {"日期应为 YYYY-MM-DD 格式的有效日期。", "Must be a date YYYY-MM-DD."};
  return {fmt::format("{}应为 YYYY-MM-DD 格式的有效日期。", label), fmt::format("{} must be a date YYYY-MM-DD.", name)};
}

// An integer that fits int64 (a larger unsigned one is clamped, so that a range check refuses it).
std::optional<int64_t> asInt64(const json& v) {
  if (!v.is_number_integer()) return std::nullopt;
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) return INT64_MAX;
  return v.get<int64_t>();
}

}  // namespace

FieldReader::FieldReader(const json& body, std::string prefix) : body_(body), prefix_(std::move(prefix)) {}

const json* FieldReader::get(std::string_view name) const {
  if (!body_.is_object()) return nullptr;
  auto it = body_.find(name);
  return it == body_.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> FieldReader::optText(const char* name, size_t maxChars) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(field(name), notText("", name));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  if (text::lengthInChars(s) > maxChars) {
    fail(field(name), tooLong("", name, maxChars));
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::text(const char* name, size_t maxChars) {
  if (!has(name)) {
    fail(field(name), required("", name));
    return {};
  }
  auto v = optText(name, maxChars);
  if (v && text::isBlank(*v)) {
    fail(field(name), {"不能为空。", "Must not be empty."});
    return {};
  }
  return v.value_or("");
}

std::optional<int64_t> FieldReader::optInteger(const char* name, int64_t min, int64_t max) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  auto x = asInt64(*v);
  if (!x || *x < min || *x > max) {
    fail(field(name), integerRange("", name, min, max, ""));
    return std::nullopt;
  }
  return x;
}

int64_t FieldReader::integer(const char* name, int64_t min, int64_t max) {
  if (!has(name)) {
    fail(field(name), required("", name));
    return 0;
  }
  return optInteger(name, min, max).value_or(0);
}

std::optional<bool> FieldReader::optBoolean(const char* name) { return boolean(name, ""); }

std::optional<std::vector<std::string>> FieldReader::optTexts(const char* name, size_t maxItems, size_t maxChars) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->size() > maxItems) {
    fail(field(name), {fmt::format("应为最多 {} 项的字符串数组。", maxItems),
                       fmt::format("Must be an array of at most {} strings.", maxItems)});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.is_string() || text::lengthInChars(item.get_ref<const std::string&>()) > maxChars) {
      fail(field(fmt::format("{}[{}]", name, i)), notText("", name));
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::string FieldReader::text(std::string_view name, Need need, size_t maxChars, std::string_view label) {
  return readText(name, need, maxChars, label, false);
}

std::string FieldReader::paragraphs(std::string_view name, Need need, size_t maxChars, std::string_view label) {
  return readText(name, need, maxChars, label, true);
}

std::string FieldReader::readText(std::string_view name, Need need, size_t maxChars, std::string_view label,
                                  bool lines) {
  const json* v = get(name);
  if (!v) {
    if (need == Need::Required) fail(field(name), required(label, name));
    return {};
  }
  if (!v->is_string()) {
    fail(field(name), notText(label, name));
    return {};
  }
  std::string s = text::trim(v->get_ref<const std::string&>());
  if (need == Need::Required && s.empty()) fail(field(name), required(label, name));
  if (text::lengthInChars(s) > maxChars) fail(field(name), tooLong(label, name, maxChars));
  if (text::hasControl(s, lines)) fail(field(name), control(label, name));
  return s;
}

std::optional<int64_t> FieldReader::integer(std::string_view name, Need need, int64_t lo, int64_t hi,
                                            std::string_view label, std::string_view unit) {
  const json* v = get(name);
  if (!v) {
    if (need == Need::Required) fail(field(name), required(label, name));
    return std::nullopt;
  }
  auto x = asInt64(*v);
  if (!x) {
    fail(field(name), {fmt::format("{}应为整数{}。", label, unit), fmt::format("{} must be an integer.", name)});
    return std::nullopt;
  }
  if (*x < lo || *x > hi) {
    fail(field(name), integerRange(label, name, lo, hi, unit));
    return std::nullopt;
  }
  return x;
}

std::optional<double> FieldReader::number(std::string_view name, double lo, double hi, std::string_view label) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(field(name), {fmt::format("{}应为数字。", label), fmt::format("{} must be a number.", name)});
    return std::nullopt;
  }
  double x = v->get<double>();
  if (!(x >= lo && x <= hi)) {
    fail(field(name), {fmt::format("{}应在 {} 到 {} 之间。", label, lo, hi), fmt::format("{} is out of range.", name)});
    return std::nullopt;
  }
  return x;
}

std::optional<bool> FieldReader::boolean(std::string_view name, std::string_view label) {
  const json* v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(field(name), notBoolean(label, name));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<Date> FieldReader::date(std::string_view name, Need need, std::string_view label) {
  const json* v = get(name);
  if (!v) {
    if (need == Need::Required) fail(field(name), required(label, name));
    return std::nullopt;
  }
  std::optional<Date> d = v->is_string() ? Date::parse(v->get_ref<const std::string&>()) : std::nullopt;
  if (!d) fail(field(name), badDate(label, name));
  return d;
}

const json* FieldReader::list(std::string_view name, Need need, std::string_view label, size_t maxItems) {
  const json* v = get(name);
  if (!v || (v->is_array() && v->empty())) {
    if (need == Need::Required)
      fail(name, fmt::format("请至少选择一项{}。", label), fmt::format("{} needs at least one item.", name));
    return nullptr;
  }
  if (!v->is_array()) {
    fail(name, fmt::format("{}应为数组。", label), fmt::format("{} must be an array.", name));
    return nullptr;
  }
  if (v->size() > maxItems) {
    fail(name, fmt::format("{}最多 {} 项。", label, maxItems), fmt::format("{} has too many items.", name));
    return nullptr;
  }
  return v;
}

std::vector<std::string> FieldReader::texts(std::string_view name, Need need, std::string_view label,
                                            const ItemCheck& why, size_t maxItems) {
  std::vector<std::string> out;
  const json* v = list(name, need, label, maxItems);
  if (!v) return out;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    std::string at = fmt::format("{}[{}]", name, i);
    if (!item.is_string()) {
      fail(at, fmt::format("{}的每一项应为文本。", label), "Each item must be text.");
      continue;
    }
    std::string s = text::trim(item.get_ref<const std::string&>());
    if (std::string reason = why ? why(s) : std::string(); !reason.empty()) {
      fail(at, reason, fmt::format("{} is not accepted.", field(at)));
      continue;
    }
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::vector<int64_t> FieldReader::ids(std::string_view name, Need need, std::string_view label, size_t maxItems) {
  std::vector<int64_t> out;
  const json* v = list(name, need, label, maxItems);
  if (!v) return out;
  for (size_t i = 0; i < v->size(); ++i) {
    const auto& item = (*v)[i];
    if (!item.is_number_integer() || item.get<int64_t>() < 1) {
      fail(fmt::format("{}[{}]", name, i), fmt::format("{}的每一项应为编号（正整数）。", label),
           "Each item must be a positive integer id.");
      continue;
    }
    auto id = item.get<int64_t>();
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

bool FieldReader::failed(const std::string& f) const {
  return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == f; });
}

void FieldReader::merge(const FieldReader& nested) {
  errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end());
}

void FieldReader::check() const {
  if (!errors_.empty()) throw ApiError::validation(errors_);
}

// ---- query strings ----

std::optional<std::string> QueryReader::raw(const std::string& name) const {
  auto v = req_.queryValue(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

std::optional<std::string> QueryReader::text(const std::string& name, size_t maxChars) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  if (!text::isValidUtf8(*v) || text::hasControl(*v)) {
    fail(name, {"不是合法的文本。", "Not valid text."});
    return std::nullopt;
  }
  if (text::lengthInChars(*v) > maxChars) {
    fail(name, tooLong("", name, maxChars));
    return std::nullopt;
  }
  return v;
}

std::optional<std::string> QueryReader::oneOf(const std::string& name, const std::vector<std::string_view>& allowed) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return v;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : "、") + std::string(a);
  fail(name, {fmt::format("应为 {} 之一。", list), fmt::format("Must be one of {}.", list)});
  return std::nullopt;
}

std::optional<int64_t> QueryReader::integer(const std::string& name, int64_t min, int64_t max) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  int64_t x = 0;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || ptr != v->data() + v->size() || x < min || x > max) {
    fail(name, min == 1 && max >= 1'000'000 ? LocalText{"应为正整数。", "Must be a positive integer."}
                                                    : integerRange("", name, min, max, ""));
    return std::nullopt;
  }
  return x;
}

std::optional<bool> QueryReader::boolean(const std::string& name) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  if (*v == "true") return true;
  if (*v == "false") return false;
  fail(name, notBoolean("", name));
  return std::nullopt;
}

std::optional<Date> QueryReader::date(const std::string& name) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  auto d = Date::parse(*v);
  if (!d) fail(name, badDate("", name));
  return d;
}

std::optional<std::vector<int64_t>> QueryReader::ids(const std::string& name, size_t maxItems) {
  auto v = raw(name);
  if (!v) return std::nullopt;
  std::vector<int64_t> out;
  std::string_view rest = *v;
  bool ok = true;
  while (ok) {
    auto comma = rest.find(',');
    auto part = rest.substr(0, comma);
    int64_t x = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), x);
    ok = ec == std::errc() && ptr == part.data() + part.size() && x >= 1;
    if (ok) out.push_back(x);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (!ok || out.size() > maxItems) {
    fail(name, {fmt::format("应为逗号分隔的编号，最多 {} 个。", maxItems),
                fmt::format("Must be at most {} comma-separated ids.", maxItems)});
    return std::nullopt;
  }
  return out;
}

Paging QueryReader::paging() {
  Paging p;
  p.page = static_cast<int>(integer("page", 1, 1'000'000).value_or(1));
  p.pageSize = static_cast<int>(integer("pageSize", 1, 100).value_or(20));
  return p;
}

void QueryReader::check() const {
  if (!errors_.empty())
    throw ApiError::badRequest("invalid_query_parameter", {"查询参数格式不正确。", "A query parameter is malformed."},
                               errors_);
}

}  // namespace jinfu::http
