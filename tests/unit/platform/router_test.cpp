#include <gtest/gtest.h>

#include "platform/http/router.hpp"

namespace jinfu::http {
namespace {

Router sampleRouter() {
  Router r;
  auto ok = [](const char* body) { return [body](Request&) { return Response::text(body, "text/plain"); }; };
  r.add({"GET", "/api/v1/things/{id:int}", std::string(kPublic), "one", ok("one")});
  r.add({"GET", "/api/v1/things/latest", std::string(kPublic), "latest", ok("latest")});
  r.add({"POST", "/api/v1/things", std::string(kPublic), "create", ok("create")});
  r.add({"GET", "/api/v1/days/{date:date}", std::string(kPublic), "day", ok("day")});
  return r;
}

Request get(std::string method, std::string path) {
  Request req;
  req.method = std::move(method);
  req.path = std::move(path);
  return req;
}

TEST(Router, MatchesPathParameterAndExposesIt) {
  auto r = sampleRouter();
  auto req = get("GET", "/api/v1/things/42");
  auto m = r.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->summary, "one");
  EXPECT_EQ(req.param("id"), "42");
  EXPECT_EQ(req.intParam("id"), 42);
}

TEST(Router, LiteralSegmentWinsOverParameter) {
  auto r = sampleRouter();
  auto req = get("GET", "/api/v1/things/latest");
  auto m = r.match(req);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->summary, "latest");
}

TEST(Router, BadIntegerParameterIsA400NamingTheField) {
  auto r = sampleRouter();
  for (const char* bad : {"/api/v1/things/abc", "/api/v1/things/-1", "/api/v1/things/007",
                          "/api/v1/things/99999999999999999999"}) {
    auto req = get("GET", bad);
    try {
      r.match(req);
      FAIL() << "expected a 400 for " << bad;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 400);
      EXPECT_EQ(e.code(), "invalid_path_parameter");
      ASSERT_EQ(e.errors().size(), 1u);
      EXPECT_EQ(e.errors()[0].field, "id");
    }
  }
}

TEST(Router, ImpossibleDateIsRejected) {
  auto r = sampleRouter();
  auto req = get("GET", "/api/v1/days/2026-02-30");
  EXPECT_THROW(r.match(req), ApiError);
  auto good = get("GET", "/api/v1/days/2026-02-28");
  EXPECT_NE(r.match(good).route, nullptr);
}

TEST(Router, InvalidUtf8ParameterIsRejected) {
  auto r = sampleRouter();
  Router textRouter;
  textRouter.add({"GET", "/x/{name}", std::string(kPublic), "x", [](Request&) { return Response{}; }});
  auto req = get("GET", std::string("/x/\xff\xfe"));
  EXPECT_THROW(textRouter.match(req), ApiError);
}

TEST(Router, WrongMethodReportsAllowedMethods) {
  auto r = sampleRouter();
  auto req = get("DELETE", "/api/v1/things");
  auto m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.methodMismatch);
  EXPECT_EQ(m.allowed, "POST");
}

TEST(Router, HeadIsAnsweredByGetRoutes) {
  auto r = sampleRouter();
  auto req = get("HEAD", "/api/v1/things/latest");
  EXPECT_NE(r.match(req).route, nullptr);
}

TEST(Router, UnknownPathMatchesNothing) {
  auto r = sampleRouter();
  auto req = get("GET", "/api/v1/nothing/here");
  auto m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_FALSE(m.methodMismatch);
}

TEST(Router, RouteWithoutPermissionOrDeclaredTwiceIsRefused) {
  Router r;
  EXPECT_THROW(r.add({"GET", "/a", "", "a", [](Request&) { return Response{}; }}), std::logic_error);
  r.add({"GET", "/a", std::string(kPublic), "a", [](Request&) { return Response{}; }});
  EXPECT_THROW(r.add({"GET", "/a", std::string(kPublic), "a", [](Request&) { return Response{}; }}),
               std::logic_error);
}

TEST(Router, OpenApiPathDropsParameterTypes) {
  EXPECT_EQ(Router::openApiPath("/api/v1/things/{id:int}/days/{date:date}"), "/api/v1/things/{id}/days/{date}");
  EXPECT_EQ(Router::openApiPath("/x/{name}"), "/x/{name}");
}

}  // namespace
}  // namespace jinfu::http
