#pragma once
// Request and response as the capability code sees them. They do not expose Beast, so that
// only the server's translation unit pays for Beast's headers.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "platform/auth/principal.hpp"
#include "platform/errors.hpp"
#include "platform/page.hpp"
#include "platform/temp_dir.hpp"

namespace jinfu::http {

using jinfu::Paging;

// An upload the server streamed to disk instead of memory (a route with bodyToFile), in a private
// temporary directory removed when the last owner lets go — so that a background job can keep the
// file past the request.
class UploadFile {
 public:
  UploadFile() : path_(dir_.path() / "body") {}  // throws std::runtime_error when it cannot
  const std::filesystem::path& path() const { return path_; }
  std::uintmax_t size() const;

 private:
  PrivateTempDir dir_{"jinfu-upload-"};
  std::filesystem::path path_;
};

struct Request {
  std::string method;        // upper case: GET, POST, …
  std::string target;        // as received: path and query
  std::string path;          // percent-decoded path, no query
  std::multimap<std::string, std::string> query;   // percent-decoded
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::shared_ptr<UploadFile> upload;              // the body, for a route that takes it on disk
  std::map<std::string, std::string> params;       // path parameters
  // Path parameters of the wrong type (the router found them); answered 400 invalid_path_parameter
  // after admission, before the handler — so the handler sees only well-typed parameters.
  std::vector<FieldError> invalidParams;
  std::string requestId;
  std::string remoteAddress;  // the client: the peer, or what a trusted proxy says it forwarded for
  bool overTls = false;       // the client reached a trusted proxy over HTTPS (X-Forwarded-Proto)
  Lang lang = Lang::Zh;
  // Set by the authentication guard for every route that is not public.
  std::optional<auth::Principal> principal;

  // The caller of a protected route; throws std::logic_error on a public one.
  const auth::Principal& caller() const;

  // First value of a header (name in lower case), if present.
  std::optional<std::string_view> header(std::string_view lowerName) const;
  std::optional<std::string> queryValue(const std::string& name) const;
  // Throws ApiError 400 naming the field for a page or pageSize that is not a positive integer
  // or a pageSize over 100 — the one pagination rule of the API.
  Paging paging() const;
  // An optional positive integer from the query string; 400 naming the field otherwise.
  std::optional<int64_t> queryId(const std::string& name) const;
  const std::string& param(const std::string& name) const;  // throws if the route has no such name
  int64_t intParam(const std::string& name) const;

  // The body parsed as a JSON object. Throws ApiError 415 when the content type is not JSON,
  // 400 when the body is not valid UTF-8 or not well-formed JSON, or is not an object.
  nlohmann::json jsonBody() const;
};

struct Response {
  int status = 200;
  std::string contentType = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(const nlohmann::json& value, int status = 200);
  static Response text(std::string body, std::string contentType, int status = 200);
  static Response problem(const ApiError& error, Lang lang, std::string_view instance,
                          std::string_view requestId);
};

// The language a client asked for with Accept-Language: English when it prefers en, else Chinese.
Lang negotiateLang(std::string_view acceptLanguage);

}  // namespace jinfu::http
