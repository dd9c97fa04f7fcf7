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

// The route is still found (so that the server can admit or refuse the caller first); the bad
// parameter is reported beside it, and the server answers 400 before the handler runs.
TEST(Router, BadIntegerParameterIsReportedNamingTheField) {
  auto r = sampleRouter();
  for (const char* bad : {"/api/v1/things/abc", "/api/v1/things/-1", "/api/v1/things/007",
                          "/api/v1/things/99999999999999999999"}) {
    auto req = get("GET", bad);
    auto m = r.match(req);
    ASSERT_NE(m.route, nullptr) << bad;
    EXPECT_EQ(m.route->summary, "one");
    ASSERT_EQ(req.invalidParams.size(), 1u) << bad;
    EXPECT_EQ(req.invalidParams[0].field, "id");
    EXPECT_EQ(req.invalidParams[0].message.zh.rfind("应为正整数", 0), 0u);
  }
  auto good = get("GET", "/api/v1/things/7");
  r.match(good);
  EXPECT_TRUE(good.invalidParams.empty());
}

TEST(Router, ImpossibleDateIsReported) {
  auto r = sampleRouter();
  auto req = get("GET", "/api/v1/days/2026-02-30");
  ASSERT_NE(r.match(req).route, nullptr);
  ASSERT_EQ(req.invalidParams.size(), 1u);
  EXPECT_EQ(req.invalidParams[0].field, "date");
  auto good = get("GET", "/api/v1/days/2026-02-28");
  EXPECT_NE(r.match(good).route, nullptr);
  EXPECT_TRUE(good.invalidParams.empty());
}

TEST(Router, InvalidUtf8ParameterIsReported) {
  Router textRouter;
  textRouter.add({"GET", "/x/{name}", std::string(kPublic), "x", [](Request&) { return Response{}; }});
  auto req = get("GET", std::string("/x/\xff\xfe"));
  ASSERT_NE(textRouter.match(req).route, nullptr);
  ASSERT_EQ(req.invalidParams.size(), 1u);
  EXPECT_EQ(req.invalidParams[0].field, "name");
}

// GET /things/create exists only as POST /things/create: the typed GET /things/{id:int} does not
// fit "create", so the answer is 405 naming POST, not 400 about an id nobody meant.
TEST(Router, PathOfAnotherMethodIs405NotABadParameter) {
  auto r = sampleRouter();
  r.add({"POST", "/api/v1/things/create", std::string(kPublic), "create2", [](Request&) { return Response{}; }});
  auto req = get("GET", "/api/v1/things/create");
  auto m = r.match(req);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.methodMismatch);
  EXPECT_EQ(m.allowed, "POST");
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
