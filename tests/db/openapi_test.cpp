// docs/openapi.yaml and the router must describe the same routes with the same permissions.
// (Here, not in tests/unit: the application's router is built on an in-memory SQLite database.)
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "app/app.hpp"
#include "platform/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"

namespace jinfu {
namespace {

struct Documented {
  std::set<std::string> routes;                    // "GET /api/v1/summary"
  std::map<std::string, std::string> permissions;  // route → x-permission
};

// Reads the paths section: a path at two spaces, a method at four, x-permission at six.
Documented readOpenApi() {
  std::ifstream in(std::string(JINFU_SOURCE_DIR) + "/docs/openapi.yaml");
  EXPECT_TRUE(in) << "docs/openapi.yaml is missing";
  static const std::regex pathLine(R"(^  (/[^:\s]*):\s*$)");
  static const std::regex methodLine(R"(^    (get|post|put|patch|delete):\s*$)");
  static const std::regex permissionLine(R"(^      x-permission:\s*(\S+)\s*$)");
  Documented doc;
  bool inPaths = false;
  std::string path, current;
  for (std::string line; std::getline(in, line);) {
    if (line == "paths:") { inPaths = true; continue; }
    if (inPaths && !line.empty() && line[0] != ' ') inPaths = false;
    if (!inPaths) continue;
    std::smatch m;
    if (std::regex_match(line, m, pathLine)) path = m[1];
    else if (std::regex_match(line, m, methodLine)) {
      std::string method = m[1];
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      current = method + " " + path;
      doc.routes.insert(current);
    } else if (std::regex_match(line, m, permissionLine)) {
      doc.permissions[current] = m[1];
    }
  }
  return doc;
}

TEST(OpenApi, DescribesExactlyTheRoutesTheServerHas) {
  auto database = db::Database::open(db::Location::parse("sqlite::memory:"), 1);
  http::Metrics metrics;
  SystemClock clock;
  App app(*database, metrics, clock);
  auto router = app.router();
  auto doc = readOpenApi();
  std::set<std::string> served;
  for (const auto& r : router.routes()) {
    std::string key = r.method + " " + http::Router::openApiPath(r.pattern);
    served.insert(key);
    EXPECT_TRUE(doc.routes.count(key)) << key << " is served but not in docs/openapi.yaml";
    EXPECT_EQ(doc.permissions[key], r.permission) << key << ": x-permission differs from the route's permission";
  }
  for (const auto& key : doc.routes)
    EXPECT_TRUE(served.count(key)) << key << " is in docs/openapi.yaml but the server has no such route";
  EXPECT_GE(served.size(), 6u);
}

}  // namespace
}  // namespace jinfu
