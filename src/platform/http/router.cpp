#include "platform/http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "platform/clock.hpp"
#include "platform/text.hpp"

namespace jinfu::http {
namespace {

std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;  // paths always begin with '/'
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool isPositiveInt(std::string_view s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Route& Router::add(Route route) {
  if (route.pattern.empty() || route.pattern[0] != '/')
    throw std::logic_error("route pattern must start with '/': " + route.pattern);
  if (route.permission.empty())
    throw std::logic_error("route must declare who may call it: " + route.method + " " + route.pattern);
  Compiled compiled;
  for (auto part : splitPath(route.pattern)) {
    Segment seg;
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      auto inner = part.substr(1, part.size() - 2);
      auto colon = inner.find(':');
      seg.isParam = true;
      seg.name = std::string(inner.substr(0, colon));
      if (colon != std::string_view::npos) seg.type = std::string(inner.substr(colon + 1));
      if (seg.type != "" && seg.type != "int" && seg.type != "date")
        throw std::logic_error("unknown parameter type in " + route.pattern);
    } else {
      seg.literal = std::string(part);
    }
    compiled.segments.push_back(std::move(seg));
  }
  for (const auto& existing : routes_)
    if (existing.method == route.method && existing.pattern == route.pattern)
      throw std::logic_error("route declared twice: " + route.method + " " + route.pattern);
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
  return routes_.back();
}

namespace {

// Why a path part does not fit its typed segment, or nullopt when it does.
std::optional<LocalText> badParam(const std::string& type, const std::string& value) {
  if (!text::isValidUtf8(value)) return LocalText{"路径参数不是合法的 UTF-8 文本。", "The path parameter is not valid UTF-8."};
  if (type == "int" && !isPositiveInt(value))
    return LocalText{"应为正整数，实际为“" + value + "”。", "Expected a positive integer, got \"" + value + "\"."};
  if (type == "date" && !Date::parse(value))
    return LocalText{"应为有效日期（YYYY-MM-DD），实际为“" + value + "”。",
                     "Expected a valid date (YYYY-MM-DD), got \"" + value + "\"."};
  return std::nullopt;
}

}  // namespace

Router::Match Router::match(Request& request) const {
  Match result;
  auto parts = splitPath(request.path);
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  // A route fits when its literals equal the path's parts and each typed part has its type.
  // Among fitting routes of the method, the one fixing most literals wins. When none fits but a
  // route of another method does, the path exists only for that method (405). Only when nothing
  // fits but a route of this method has the path's shape is the request taken as that route with
  // malformed parameters — answered 400 after the caller was admitted, so that an anonymous
  // caller learns nothing about a path before logging in.
  struct Candidate {
    size_t index = 0;
    int literals = -1;
    std::vector<FieldError> errors;
  };
  std::optional<Candidate> best, misshapen;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& c = compiled_[i];
    if (c.segments.size() != parts.size()) continue;
    Candidate cand{i, 0, {}};
    bool ok = true;
    for (size_t k = 0; k < parts.size() && ok; ++k) {
      const auto& seg = c.segments[k];
      if (!seg.isParam) {
        if (seg.literal == parts[k]) ++cand.literals;
        else ok = false;
      } else if (parts[k].empty()) {
        ok = false;
      } else if (auto why = badParam(seg.type, std::string(parts[k]))) {
        cand.errors.push_back({seg.name, std::move(*why)});
      }
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      if (!cand.errors.empty()) continue;
      result.methodMismatch = true;
      if (!result.allowed.empty()) result.allowed += ", ";
      result.allowed += routes_[i].method;
      continue;
    }
    auto& slot = cand.errors.empty() ? best : misshapen;
    if (!slot || cand.literals > slot->literals) slot = std::move(cand);
  }
  if (!best && result.methodMismatch) return result;
  if (!best) best = std::move(misshapen);
  if (!best) return result;
  result.methodMismatch = false;
  result.allowed.clear();
  result.route = &routes_[best->index];
  const auto& segments = compiled_[best->index].segments;
  for (size_t k = 0; k < parts.size(); ++k)
    if (segments[k].isParam) request.params[segments[k].name] = std::string(parts[k]);
  request.invalidParams = std::move(best->errors);
  return result;
}

void Router::wrap(const std::function<Handler(const Route&, Handler)>& wrapper) {
  for (auto& route : routes_) route.handler = wrapper(route, std::move(route.handler));
}

void Router::admitWith(const std::function<Admission(const Route&)>& make) {
  for (auto& route : routes_) {
    route.admit = make(route);
    if (route.beforeBody)
      route.admit = [admit = std::move(route.admit), check = route.beforeBody](Request& req) {
        if (admit) admit(req);
        check(req);
      };
  }
}

std::string Router::openApiPath(const std::string& pattern) {
  std::string out;
  bool inParam = false, skipping = false;
  for (char c : pattern) {
    if (c == '{') { inParam = true; skipping = false; out += c; continue; }
    if (c == '}') { inParam = false; skipping = false; out += c; continue; }
    if (inParam && c == ':') { skipping = true; continue; }
    if (!skipping) out += c;
  }
  return out;
}

}  // namespace jinfu::http
