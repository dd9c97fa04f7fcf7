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

Router::Match Router::match(Request& request) const {
  Match result;
  auto parts = splitPath(request.path);
  std::string method = request.method == "HEAD" ? "GET" : request.method;
  // Literal routes win over parameter routes: compare candidates by how many literals they fix.
  int bestLiterals = -1;
  const Compiled* bestCompiled = nullptr;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& c = compiled_[i];
    if (c.segments.size() != parts.size()) continue;
    int literals = 0;
    bool ok = true;
    for (size_t k = 0; k < parts.size() && ok; ++k) {
      if (c.segments[k].isParam) ok = !parts[k].empty();
      else if (c.segments[k].literal == parts[k]) ++literals;
      else ok = false;
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      result.methodMismatch = true;
      if (!result.allowed.empty()) result.allowed += ", ";
      result.allowed += routes_[i].method;
      continue;
    }
    if (literals > bestLiterals) {
      bestLiterals = literals;
      result.route = &routes_[i];
      bestCompiled = &c;
    }
  }
  if (!result.route) return result;
  result.methodMismatch = false;

  std::vector<FieldError> errors;
  for (size_t k = 0; k < parts.size(); ++k) {
    const auto& seg = bestCompiled->segments[k];
    if (!seg.isParam) continue;
    std::string value(parts[k]);
    if (!text::isValidUtf8(value)) {
      errors.push_back({seg.name, {"路径参数不是合法的 UTF-8 文本。", "The path parameter is not valid UTF-8."}});
    } else if (seg.type == "int" && !isPositiveInt(value)) {
      errors.push_back({seg.name, {"应为正整数，实际为“" + value + "”。", "Expected a positive integer, got \"" + value + "\"."}});
    } else if (seg.type == "date" && !Date::parse(value)) {
      errors.push_back({seg.name, {"应为有效日期（YYYY-MM-DD），实际为“" + value + "”。",
                                   "Expected a valid date (YYYY-MM-DD), got \"" + value + "\"."}});
    }
    request.params[seg.name] = std::move(value);
  }
  if (!errors.empty())
    throw ApiError::badRequest("invalid_path_parameter",
                               {"路径参数格式不正确。", "A path parameter is malformed."}, std::move(errors));
  return result;
}

void Router::wrap(const std::function<Handler(const Route&, Handler)>& wrapper) {
  for (auto& route : routes_) route.handler = wrapper(route, std::move(route.handler));
}

void Router::admitWith(const std::function<Admission(const Route&)>& make) {
  for (auto& route : routes_) route.admit = make(route);
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
