#pragma once
// The one way the platform reads what a client sends: the fields of a JSON body (FieldReader) and
// the parameters of a query string (QueryReader). Both collect every problem instead of stopping
// at the first, so that a form can show all its errors at once, and both say each kind of problem
// in one wording (fields.cpp): a field with a label ("产品名称") is named in the message, one
// without gets the short form shown next to the input. check() throws the error:
//   body  → 422 validation_failed with errors[]
//   query → 400 invalid_query_parameter with errors[]
// Texts are counted in characters, never bytes. Labelled texts are trimmed and refused when they
// hold control characters (what people type); unlabelled ones are taken as sent (passwords,
// codes), length-checked only.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/clock.hpp"
#include "platform/errors.hpp"
#include "platform/page.hpp"

namespace jinfu::http {

struct Request;

enum class Need { Optional, Required };

class FieldReader {
 public:
  // `prefix` names the fields of a nested object in errors ("rules." → "rules.regions").
  explicit FieldReader(const nlohmann::json& body, std::string prefix = "");

  const nlohmann::json* get(std::string_view name) const;  // null when absent or JSON null
  bool has(std::string_view name) const { return get(name) != nullptr; }
  std::string field(std::string_view name) const { return prefix_ + std::string(name); }

  // Unlabelled: the value as sent, "必填。" / "最多 n 个字符。" next to the input.
  std::string text(const char* name, size_t maxChars);
  std::optional<std::string> optText(const char* name, size_t maxChars);
  std::optional<int64_t> optInteger(const char* name, int64_t min, int64_t max);
  int64_t integer(const char* name, int64_t min, int64_t max);
  std::optional<bool> optBoolean(const char* name);
  std::optional<std::vector<std::string>> optTexts(const char* name, size_t maxItems, size_t maxChars);

  // Labelled: trimmed text people typed, named in the message ("请填写产品名称。"). An empty
  // optional text is "". `unit` follows a range (" 个月").
  std::string text(std::string_view name, Need need, size_t maxChars, std::string_view label);
  // The same for text written in paragraphs (a note): line breaks are kept.
  std::string paragraphs(std::string_view name, Need need, size_t maxChars, std::string_view label);
  std::optional<int64_t> integer(std::string_view name, Need need, int64_t lo, int64_t hi, std::string_view label,
                                 std::string_view unit = "");
  std::optional<double> number(std::string_view name, double lo, double hi, std::string_view label);
  std::optional<bool> boolean(std::string_view name, std::string_view label);
  std::optional<Date> date(std::string_view name, Need need, std::string_view label);
  // A list of texts, each trimmed and checked by `why` (empty = fine, else the reason shown for
  // that item); repeats are dropped.
  using ItemCheck = std::function<std::string(const std::string&)>;
  std::vector<std::string> texts(std::string_view name, Need need, std::string_view label, const ItemCheck& why,
                                 size_t maxItems = 50);
  // A list of record ids (positive integers); repeats are dropped.
  std::vector<int64_t> ids(std::string_view name, Need need, std::string_view label, size_t maxItems = 50);

  void fail(std::string field, LocalText message) { errors_.push_back({std::move(field), std::move(message)}); }
  void fail(std::string_view name, std::string zh, std::string en) { fail(field(name), {std::move(zh), std::move(en)}); }
  bool failed(const std::string& field) const;
  // A nested reader's problems, taken over (their field names carry the nested prefix).
  void merge(const FieldReader& nested);
  const std::vector<FieldError>& errors() const { return errors_; }
  void check() const;  // throws ApiError::validation (422) when any field failed

 private:
  const nlohmann::json& body_;
  std::string prefix_;
  std::string readText(std::string_view name, Need need, size_t maxChars, std::string_view label, bool lines);
  // The array under `name`, or null (and the reason recorded) when it is missing but needed, not an
  // array, or longer than `maxItems`; an absent optional list is null without a reason.
  const nlohmann::json* list(std::string_view name, Need need, std::string_view label, size_t maxItems);
  std::vector<FieldError> errors_;
};

// Query-string parameters, each optional (a missing or empty parameter is nullopt).
class QueryReader {
 public:
  explicit QueryReader(const Request& req) : req_(req) {}

  std::optional<std::string> text(const std::string& name, size_t maxChars);
  // One of `allowed` (codes); the message lists them.
  std::optional<std::string> oneOf(const std::string& name, const std::vector<std::string_view>& allowed);
  std::optional<int64_t> integer(const std::string& name, int64_t min, int64_t max);
  std::optional<int64_t> id(const std::string& name) { return integer(name, 1, 999'999'999'999'999'999LL); }
  std::optional<bool> boolean(const std::string& name);  // true / false
  std::optional<Date> date(const std::string& name);     // YYYY-MM-DD
  // Comma-separated positive integers, at most `maxItems`.
  std::optional<std::vector<int64_t>> ids(const std::string& name, size_t maxItems);
  // page (1–1000000, default 1) and pageSize (1–100, default 20).
  Paging paging();

  void fail(std::string field, LocalText message) { errors_.push_back({std::move(field), std::move(message)}); }
  void check() const;  // throws ApiError 400 invalid_query_parameter when any parameter failed

 private:
  std::optional<std::string> raw(const std::string& name) const;
  const Request& req_;
  std::vector<FieldError> errors_;
};

}  // namespace jinfu::http
