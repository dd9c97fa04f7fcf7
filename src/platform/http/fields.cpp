#include "platform/http/fields.hpp"

#include "platform/text.hpp"

namespace jinfu::http {
namespace {

size_t characters(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) text::decodeUtf8(s, i);
  return n;
}

bool blank(const std::string& s) {
  for (size_t i = 0; i < s.size();)
    if (!text::isUnicodeSpace(text::decodeUtf8(s, i))) return false;
  return true;
}

}  // namespace

std::optional<std::string> FieldReader::optText(const char* name, size_t maxChars) {
  if (!has(name)) return std::nullopt;
  const auto& v = body_[name];
  if (!v.is_string()) {
    fail(name, {"应为字符串。", "Must be a string."});
    return std::nullopt;
  }
  const auto& s = v.get_ref<const std::string&>();
  if (characters(s) > maxChars) {
    fail(name, {"最多 " + std::to_string(maxChars) + " 个字符。", "At most " + std::to_string(maxChars) + " characters."});
    return std::nullopt;
  }
  return s;
}

std::string FieldReader::text(const char* name, size_t maxChars) {
  if (!has(name)) {
    fail(name, {"必填。", "Required."});
    return {};
  }
  auto v = optText(name, maxChars);
  if (v && blank(*v)) {
    fail(name, {"不能为空。", "Must not be empty."});
    return {};
  }
  return v.value_or("");
}

std::optional<int64_t> FieldReader::optInteger(const char* name, int64_t min, int64_t max) {
  if (!has(name)) return std::nullopt;
  const auto& v = body_[name];
  if (!v.is_number_integer() || v.get<int64_t>() < min || v.get<int64_t>() > max) {
    fail(name, {"应为 " + std::to_string(min) + " 到 " + std::to_string(max) + " 之间的整数。",
                "Must be an integer from " + std::to_string(min) + " to " + std::to_string(max) + "."});
    return std::nullopt;
  }
  return v.get<int64_t>();
}

int64_t FieldReader::integer(const char* name, int64_t min, int64_t max) {
  if (!has(name)) {
    fail(name, {"必填。", "Required."});
    return 0;
  }
  return optInteger(name, min, max).value_or(0);
}

std::optional<bool> FieldReader::optBoolean(const char* name) {
  if (!has(name)) return std::nullopt;
  if (!body_[name].is_boolean()) {
    fail(name, {"应为 true 或 false。", "Must be true or false."});
    return std::nullopt;
  }
  return body_[name].get<bool>();
}

std::optional<std::vector<std::string>> FieldReader::optTexts(const char* name, size_t maxItems, size_t maxChars) {
  if (!has(name)) return std::nullopt;
  const auto& v = body_[name];
  if (!v.is_array() || v.size() > maxItems) {
    fail(name, {"应为最多 " + std::to_string(maxItems) + " 项的字符串数组。",
                "Must be an array of at most " + std::to_string(maxItems) + " strings."});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string() || characters(v[i].get_ref<const std::string&>()) > maxChars) {
      fail(std::string(name) + "[" + std::to_string(i) + "]", {"应为字符串。", "Must be a string."});
      return std::nullopt;
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

bool FieldReader::failed(const std::string& field) const {
  for (const auto& e : errors_)
    if (e.field == field) return true;
  return false;
}

void FieldReader::check() const {
  if (!errors_.empty()) throw ApiError::validation(errors_);
}

}  // namespace jinfu::http
