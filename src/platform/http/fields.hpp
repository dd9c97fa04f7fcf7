#pragma once
// Reads the fields of a JSON request body, collecting every problem instead of stopping at the
// first, so that a form can show all its errors at once. check() throws the 422 with them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/errors.hpp"

namespace jinfu::http {

class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json& body) : body_(body) {}

  bool has(const char* name) const { return body_.contains(name) && !body_[name].is_null(); }
  // Strings count characters, not bytes; a required one may not be empty or blank.
  std::string text(const char* name, size_t maxChars);
  std::optional<std::string> optText(const char* name, size_t maxChars);
  std::optional<int64_t> optInteger(const char* name, int64_t min, int64_t max);
  int64_t integer(const char* name, int64_t min, int64_t max);
  std::optional<bool> optBoolean(const char* name);
  std::optional<std::vector<std::string>> optTexts(const char* name, size_t maxItems, size_t maxChars);

  void fail(std::string field, LocalText message) { errors_.push_back({std::move(field), std::move(message)}); }
  bool failed(const std::string& field) const;
  void check() const;  // throws ApiError::validation when any field failed

 private:
  const nlohmann::json& body_;
  std::vector<FieldError> errors_;
};

}  // namespace jinfu::http
