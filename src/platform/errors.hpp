#pragma once
// The one error type of the platform. Anything a caller did wrong becomes an ApiError with a
// stable machine code and text in Chinese and English; the HTTP layer turns it into an
// RFC 9457 problem+json body, the CLI prints the Chinese text. Anything else that escapes a
// handler is a bug and is answered with a generic 500 that leaks nothing.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jinfu {

enum class Lang { Zh, En };

// A message in both languages the platform speaks.
struct LocalText {
  std::string zh;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::En ? en : zh; }
};

struct FieldError {
  std::string field;   // camelCase name as the client sent it, or a path such as "codes[3]"
  LocalText message;
};

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, LocalText title, LocalText detail,
           std::vector<FieldError> errors = {});

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const LocalText& title() const { return title_; }
  const LocalText& detail() const { return detail_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  // Extra response headers, e.g. Retry-After on a 429.
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  ApiError& withHeader(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  // The common cases. `detail` says precisely what was wrong with this request.
  static ApiError badRequest(std::string code, LocalText detail, std::vector<FieldError> errors = {});
  static ApiError validation(std::vector<FieldError> errors);  // 422 with per-field reasons
  static ApiError notFound(LocalText detail);
  static ApiError conflict(std::string code, LocalText detail);
  static ApiError unavailable(LocalText detail);

 private:
  int status_;
  std::string code_;
  LocalText title_;
  LocalText detail_;
  std::vector<FieldError> errors_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// The standard title for an HTTP status, used when a more specific one is not given.
LocalText statusTitle(int status);

}  // namespace jinfu
