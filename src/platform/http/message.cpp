#include "platform/http/message.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "platform/http/fields.hpp"
#include "platform/json.hpp"
#include "platform/text.hpp"

namespace jinfu::http {

std::optional<std::string_view> Request::header(std::string_view lowerName) const {
  for (const auto& [name, value] : headers)
    if (name == lowerName) return std::string_view(value);
  return std::nullopt;
}

std::optional<std::string> Request::queryValue(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Paging Request::paging() const {
  QueryReader q(*this);
  Paging p = q.paging();
  q.check();
  return p;
}

std::optional<int64_t> Request::queryId(const std::string& name) const {
  QueryReader q(*this);
  auto id = q.id(name);
  q.check();
  return id;
}

const std::string& Request::param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("route has no path parameter " + name);
  return it->second;
}

int64_t Request::intParam(const std::string& name) const {
  const std::string& text = param(name);
  int64_t value = 0;
  // The router already checked the shape; this cannot fail for an {x:int} parameter.
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::uintmax_t UploadFile::size() const {
  std::error_code ec;
  auto n = std::filesystem::file_size(path_, ec);
  return ec ? 0 : n;
}

const auth::Principal& Request::caller() const {
  if (!principal) throw std::logic_error("caller() on a request without a principal: route " + path + " is public");
  return *principal;
}

nlohmann::json Request::jsonBody() const {
  auto type = header("content-type").value_or("");
  auto semicolon = type.find(';');
  auto mediaType = type.substr(0, semicolon);
  while (!mediaType.empty() && mediaType.back() == ' ') mediaType.remove_suffix(1);
  std::string lowered(mediaType);
  for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered != "application/json" && !(lowered.starts_with("application/") && lowered.ends_with("+json")))
    throw ApiError(415, "unsupported_media_type", statusTitle(415),
                   {"请求体应为 JSON，请设置 Content-Type: application/json。",
                    "The body must be JSON; send Content-Type: application/json."});
  if (!text::isValidUtf8(body))
    throw ApiError::badRequest("invalid_utf8", {"请求体不是合法的 UTF-8 编码。", "The body is not valid UTF-8."});
  auto parsed = parseClientJson(body);
  if (parsed.problem == ClientJson::Problem::tooDeep)
    throw ApiError::badRequest("json_too_deep",
                               {"请求体的 JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层。",
                                "The body's JSON nests deeper than " + std::to_string(kMaxJsonDepth) + " levels."});
  if (parsed.problem == ClientJson::Problem::malformed)
    throw ApiError::badRequest("malformed_json",
                               {"请求体不是格式正确的 JSON。", "The body is not well-formed JSON."});
  nlohmann::json value = std::move(parsed.value);
  if (!value.is_object())
    throw ApiError::badRequest("malformed_json",
                               {"请求体应为 JSON 对象。", "The body must be a JSON object."});
  return value;
}

Response Response::json(const nlohmann::json& value, int status) {
  Response r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response Response::text(std::string body, std::string contentType, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.contentType = std::move(contentType);
  return r;
}

Response Response::problem(const ApiError& error, Lang lang, std::string_view instance,
                           std::string_view requestId) {
  nlohmann::json p = {
      {"type", "urn:jinfu:problem:" + error.code()},
      {"title", error.title().in(lang)},
      {"status", error.status()},
      {"detail", error.detail().in(lang)},
      {"code", error.code()},
      {"instance", std::string(instance)},
      {"requestId", std::string(requestId)},
  };
  if (!error.errors().empty()) {
    auto& list = p["errors"] = nlohmann::json::array();
    for (const auto& e : error.errors()) list.push_back({{"field", e.field}, {"message", e.message.in(lang)}});
  }
  Response r = json(p, error.status());
  r.contentType = "application/problem+json; charset=utf-8";
  for (const auto& h : error.headers()) r.headers.push_back(h);
  if (lang == Lang::En) r.headers.emplace_back("Content-Language", "en");
  else r.headers.emplace_back("Content-Language", "zh-CN");
  return r;
}

Lang negotiateLang(std::string_view header) {
  // Pick the highest-weighted tag whose primary subtag is one we speak; ties go to the first.
  Lang best = Lang::Zh;
  double bestQ = -1;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        auto qtext = item.substr(qpos + 2);
        double parsed = 0;
        auto [ptr, ec] = std::from_chars(qtext.data(), qtext.data() + qtext.size(), parsed);
        if (ec == std::errc()) q = parsed;
      }
    }
    auto primary = tag.substr(0, tag.find('-'));
    std::optional<Lang> lang;
    if (primary.size() == 2 && (primary[0] | 0x20) == 'z' && (primary[1] | 0x20) == 'h') lang = Lang::Zh;
    if (primary.size() == 2 && (primary[0] | 0x20) == 'e' && (primary[1] | 0x20) == 'n') lang = Lang::En;
    if (lang && q > 0 && q > bestQ) {  // q=0 means "not acceptable" (RFC 9110)
      best = *lang;
      bestQ = q;
    }
  }
  return best;
}

}  // namespace jinfu::http
