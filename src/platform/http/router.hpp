#pragma once
// Routes are declared once, with the permission they require, and matched by method and path.
// A pattern segment `{name}` captures any text, `{name:int}` a positive integer and
// `{name:date}` a YYYY-MM-DD calendar date; a value of the wrong shape is answered with 400 and
// a per-field error before any handler runs.
#include <functional>
#include <string>
#include <vector>

#include "platform/http/message.hpp"

namespace jinfu::http {

// Who may call a route: kPublic, or a permission code (platform/auth/permissions.hpp). The router
// refuses a route that does not say.
inline constexpr std::string_view kPublic = "public";

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;      // GET, POST, PUT, PATCH, DELETE
  std::string pattern;     // e.g. /api/v1/calendar/{date:date}
  std::string permission;  // kPublic or a permission name
  std::string summary;     // one line, Chinese, for the route table and docs
  Handler handler;
  size_t bodyLimit = 0;    // bytes; 0 = the server's default (a file upload route sets its own)
};

class Router {
 public:
  void add(Route route);

  struct Match {
    const Route* route = nullptr;     // null when nothing matched
    bool methodMismatch = false;      // the path exists but not for this method → 405
    std::string allowed;              // for the Allow header
  };

  // Fills request.params on a match. Throws ApiError 400 for a path parameter of the wrong shape.
  Match match(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

  // The body limit of the route `method path` would reach, or 0 when it sets none or nothing
  // matches — asked by the server once the header is in, before it reads the body.
  size_t bodyLimitFor(std::string_view method, std::string_view path) const;

  // Replaces every route's handler by wrap(route, handler) — how the authentication guard puts
  // itself in front of the protected routes without the router knowing about identity.
  void wrap(const std::function<Handler(const Route&, Handler)>& wrapper);

  // The pattern in OpenAPI form: `{id:int}` becomes `{id}`.
  static std::string openApiPath(const std::string& pattern);

 private:
  struct Segment {
    std::string literal;   // when not a parameter
    std::string name;      // parameter name
    std::string type;      // "", "int" or "date"
    bool isParam = false;
  };
  struct Compiled {
    std::vector<Segment> segments;
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace jinfu::http
