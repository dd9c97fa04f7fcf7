#pragma once
// Routes are declared once, with the permission they require, and matched by method and path.
// A pattern segment `{name}` captures any text, `{name:int}` a positive integer and
// `{name:date}` a YYYY-MM-DD calendar date; a value of the wrong shape is answered with 400 and
// a per-field error before any handler runs — but after the caller was admitted (401/403 first).
#include <atomic>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "platform/http/message.hpp"

namespace jinfu::http {

// Who may call a route: kPublic, or a permission code (platform/auth/permissions.hpp). The router
// refuses a route that does not say.
inline constexpr std::string_view kPublic = "public";

using Handler = std::function<Response(Request&)>;
// Decides, from the request line and headers alone, whether the caller may use a route: sets
// Request::principal or throws ApiError (401, 403, 429). The server runs it before it reads a
// single byte of the body, so a caller who may not upload cannot make the server hold an upload.
using Admission = std::function<void(Request&)>;

struct Route {
  std::string method;      // GET, POST, PUT, PATCH, DELETE
  std::string pattern;     // e.g. /api/v1/calendar/{date:date}
  std::string permission;  // kPublic or a permission name
  std::string summary;     // one line, Chinese, for the route table and docs
  Handler handler;
  size_t bodyLimit = 0;    // bytes; 0 = the server's default (a file upload route sets its own)
  // The body goes to a temporary file (Request::upload), never into memory: for file uploads.
  bool bodyToFile = false;
  // Answered on the thread that read the request instead of the worker pool: only for routes that
  // never block (liveness), so that they answer while every worker is busy.
  bool onIoThread = false;
  // At most this many requests of the route in its handler at once (0: no limit); one more is
  // answered 429 busy with Retry-After at once, without running the handler — so that a burst of
  // slow requests (log-ins hashing passwords) cannot hold every worker in front of everyone else.
  int maxInFlight = 0;
  std::shared_ptr<std::atomic<int>> inFlight = std::make_shared<std::atomic<int>>(0);
  Admission admit{};       // set by Router::admitWith; none = anyone
  // The route's own refusal that needs the admitted caller and the request line but not the
  // body (a provider uploading a category it does not provide): run right after admission, so
  // a refused upload is never read either.
  Admission beforeBody{};
};

class Router {
 public:
  // The route as added, to set what the braces did not (valid until the next add).
  Route& add(Route route);

  struct Match {
    const Route* route = nullptr;     // null when nothing matched
    bool methodMismatch = false;      // the path exists but not for this method → 405
    std::string allowed;              // for the Allow header
  };

  // Fills request.params on a match, and request.invalidParams for parameters of the wrong type
  // (the server answers those 400 once the caller is admitted).
  Match match(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Replaces every route's handler by wrap(route, handler) — how the authentication guard puts
  // itself in front of the protected routes without the router knowing about identity.
  void wrap(const std::function<Handler(const Route&, Handler)>& wrapper);
  // Gives every route the admission check make(route) — how authentication and permission are
  // checked on the header, before the body.
  void admitWith(const std::function<Admission(const Route&)>& make);

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

// A capability's routes as a table: each row names a handler, a function of the capability's
// route context `Ctx` (its services) and the request, a few lines that read the request, call one
// use case and map the answer to JSON (in the capability's *_json file). addRoutes binds the
// context, which lives as long as the routes that use it.
template <class Ctx>
struct RouteSpec {
  std::string_view method, pattern, permission, summary;
  Response (*handle)(Ctx&, Request&);
  int maxInFlight = 0;      // as Route::maxInFlight (e.g. routes that hash a password)
  size_t bodyLimit = 0;     // as Route::bodyLimit: a file upload names its own
  bool bodyToFile = false;  // as Route::bodyToFile
  bool onIoThread = false;  // as Route::onIoThread: only for routes that never block (liveness)
  void (*beforeBody)(Ctx&, Request&) = nullptr;  // as Route::beforeBody
};

template <class Ctx>
void addRoutes(Router& router, const std::shared_ptr<Ctx>& ctx, std::initializer_list<RouteSpec<Ctx>> table) {
  for (const auto& row : table) {
    Route& route = router.add({std::string(row.method), std::string(row.pattern), std::string(row.permission),
                               std::string(row.summary), [ctx, handle = row.handle](Request& req) { return handle(*ctx, req); }});
    route.maxInFlight = row.maxInFlight;
    route.bodyLimit = row.bodyLimit;
    route.bodyToFile = row.bodyToFile;
    route.onIoThread = row.onIoThread;
    if (row.beforeBody) route.beforeBody = [ctx, check = row.beforeBody](Request& req) { check(*ctx, req); };
  }
}

}  // namespace jinfu::http
