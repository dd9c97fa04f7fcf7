// The audit routes' query parsing and JSON shape, and the spreadsheet cell rules (see
// audit_log_test.cpp for the log itself). Here, not in tests/unit, because the routes are built
// on an in-memory SQLite database.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/audit/actions.hpp"
#include "platform/audit/audit_routes.hpp"
#include "platform/audit/audit_xlsx.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace jinfu::audit {
namespace {

http::Request requestWith(std::initializer_list<std::pair<const std::string, std::string>> query) {
  http::Request req;
  req.method = "GET";
  req.path = "/api/v1/audit";
  req.query = query;
  return req;
}

std::vector<std::string> badFields(const http::Request& req) {
  try {
    parseQuery(req);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_query_parameter");
    std::vector<std::string> fields;
    for (const auto& f : e.errors()) fields.push_back(f.field);
    return fields;
  }
  return {};
}

TEST(AuditQuery, DefaultsAndAFullFilter) {
  auto q = parseQuery(requestWith({}));
  EXPECT_EQ(q.page, 1);
  EXPECT_EQ(q.pageSize, 20);
  EXPECT_TRUE(q.filter.user.empty());
  EXPECT_FALSE(q.filter.from);

  q = parseQuery(requestWith({{"page", "3"}, {"pageSize", "100"}, {"user", "张"}, {"organisationId", "12"},
                              {"action", "auth.login"}, {"objectType", "user"}, {"objectId", "42"},
                              {"outcome", "denied"}, {"from", "2026-11-01"}, {"to", "2026-11-30"}}));
  EXPECT_EQ(q.page, 3);
  EXPECT_EQ(q.pageSize, 100);
  EXPECT_EQ(q.filter.user, "张");
  EXPECT_EQ(q.filter.organisationId, 12);
  EXPECT_EQ(q.filter.action, "auth.login");
  EXPECT_EQ(q.filter.objectType, "user");
  EXPECT_EQ(q.filter.objectId, "42");
  EXPECT_EQ(q.filter.outcome, "denied");
  EXPECT_EQ(q.filter.from, Date::fromYmd(2026, 11, 1));
  EXPECT_EQ(q.filter.to, Date::fromYmd(2026, 11, 30));
}

TEST(AuditQuery, EveryBadFieldIsNamed) {
  using V = std::vector<std::string>;
  EXPECT_EQ(badFields(requestWith({{"page", "0"}})), V{"page"});
  EXPECT_EQ(badFields(requestWith({{"page", "x"}})), V{"page"});
  EXPECT_EQ(badFields(requestWith({{"pageSize", "101"}})), V{"pageSize"});
  EXPECT_EQ(badFields(requestWith({{"pageSize", "-1"}})), V{"pageSize"});
  EXPECT_EQ(badFields(requestWith({{"pageSize", "20abc"}})), V{"pageSize"});
  EXPECT_EQ(badFields(requestWith({{"organisationId", "0"}})), V{"organisationId"});
  EXPECT_EQ(badFields(requestWith({{"organisationId", "99999999999999999999"}})), V{"organisationId"});
  EXPECT_EQ(badFields(requestWith({{"outcome", "maybe"}})), V{"outcome"});
  EXPECT_EQ(badFields(requestWith({{"from", "2026-02-30"}})), V{"from"});
  EXPECT_EQ(badFields(requestWith({{"to", "2026-2-3"}})), V{"to"});
  EXPECT_EQ(badFields(requestWith({{"from", "2026-12-01"}, {"to", "2026-11-01"}})), V{"to"});
  EXPECT_EQ(badFields(requestWith({{"user", std::string(201, 'a')}})), V{"user"});
  EXPECT_EQ(badFields(requestWith({{"objectId", "\xff"}})), V{"objectId"});
  // All at once, not one per round trip.
  EXPECT_EQ(badFields(requestWith({{"page", "0"}, {"pageSize", "0"}, {"from", "x"}})),
            (V{"page", "pageSize", "from"}));
}

TEST(AuditJson, EntryHasTheDocumentedShapeWithObjectsForBeforeAndAfter) {
  StoredEntry e;
  e.id = 9;
  e.content.at = "2026-11-27T10:00:00.000+08:00";
  e.content.username = "alice";
  e.content.userId = 5;
  e.content.action = "user.update";
  e.content.outcome = "success";
  e.content.beforeJson = R"({"displayName":"A"})";
  e.content.afterJson = R"({"displayName":"B"})";
  e.prevHash = std::string(kGenesisHash);
  e.hash = "h";
  auto j = toJson(e);
  for (const char* key : {"id", "at", "requestId", "userId", "username", "organisationId", "organisationName", "tokenId",
                          "action", "objectType", "objectId", "outcome", "ip", "userAgent", "before", "after", "detail"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j.size(), 17u) << j.dump();
  EXPECT_EQ(j["id"], 9);
  EXPECT_EQ(j["userId"], 5);
  EXPECT_TRUE(j["organisationId"].is_null());
  EXPECT_TRUE(j["tokenId"].is_null());
  EXPECT_TRUE(j["before"].is_object());
  EXPECT_EQ(j["after"]["displayName"], "B");
  e.content.afterJson.reset();
  EXPECT_TRUE(toJson(e)["after"].is_null());
}

TEST(AuditRoutes, AreRegisteredWithTheirPermissions) {
  auto database = db::Database::open(db::Location::parse("sqlite::memory:"), 1);
  ManualClock clock;
  AuditLog log(*database, clock);
  http::Router router;
  addRoutes(router, log);
  std::map<std::string, std::string> permissions;
  for (const auto& r : router.routes()) permissions[r.method + " " + r.pattern] = r.permission;
  EXPECT_EQ(permissions["GET /api/v1/audit"], "audit.read");
  EXPECT_EQ(permissions["GET /api/v1/audit/export"], "audit.export");
  EXPECT_EQ(permissions.size(), 2u);
}

TEST(AuditXlsx, CellsThatCouldBeFormulasAreNeutralised) {
  EXPECT_EQ(safeCellText("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(safeCellText("+1"), "'+1");
  EXPECT_EQ(safeCellText("-1+2"), "'-1+2");
  EXPECT_EQ(safeCellText("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(safeCellText("\t=1"), "'\t=1");
  EXPECT_EQ(safeCellText("\r=1"), "'\r=1");
  EXPECT_EQ(safeCellText("张三"), "张三");
  EXPECT_EQ(safeCellText("a=b"), "a=b");
  EXPECT_EQ(safeCellText(""), "");
  // Malformed UTF-8 and control characters XML cannot carry become U+FFFD.
  EXPECT_EQ(safeCellText("a\x01" "b\xff"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  // Long text is cut below Excel's limit.
  EXPECT_LE(safeCellText(std::string(40000, 'x')).size(), 32000u);
}

TEST(AuditXlsx, OurApostropheIsTakenBackFromAFileWeWrote) {
  for (std::string text : {"=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "张三", "a=b", "", "'abc", "'"})
    EXPECT_EQ(xlsx::originalCellText(safeCellText(text)), text) << text;
  EXPECT_EQ(xlsx::originalCellText("'abc"), "'abc");
  EXPECT_EQ(xlsx::originalCellText("''=1"), "''=1");
}

TEST(AuditXlsx, OutcomesAndActionsHaveChineseNames) {
  EXPECT_EQ(outcomeZh("success"), "成功");
  EXPECT_EQ(outcomeZh("failure"), "失败");
  EXPECT_EQ(outcomeZh("denied"), "拒绝");
  EXPECT_EQ(action::nameZh(action::kLogin), "登录");
  EXPECT_EQ(action::nameZh(action::kAuditExport), "导出审计日志");
  EXPECT_EQ(action::nameZh("something.else"), "");
}

TEST(AuditXlsx, WritesAZipWorkbookAndCleansUp) {
  AuditWorkbook book;
  StoredEntry e;
  e.id = 1;
  e.content.at = "2026-11-27T10:00:00.000+08:00";
  e.content.username = "=cmd()";
  e.content.action = "auth.login";
  e.content.outcome = "failure";
  book.add(e);
  EXPECT_EQ(book.rows(), 1);
  auto bytes = book.finish();
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
}

}  // namespace
}  // namespace jinfu::audit

namespace jinfu::audit {
namespace {

TEST(AuditActor, ComesFromThePrincipalAndTheRequest) {
  http::Request req;
  req.remoteAddress = "192.0.2.7";
  req.requestId = "r-1";
  req.headers = {{"user-agent", "Mozilla/5.0"}};
  auto anonymous = actorOf(req);
  EXPECT_FALSE(anonymous.userId);
  EXPECT_FALSE(anonymous.organisationId);
  EXPECT_EQ(anonymous.ip, "192.0.2.7");
  EXPECT_EQ(anonymous.userAgent, "Mozilla/5.0");
  EXPECT_EQ(anonymous.requestId, "r-1");

  auth::Principal p;
  p.userId = 5;
  p.username = "gov";
  p.organisationId = 2;
  p.organisationName = "示范区管委会";
  p.regionCode = "410871";
  p.tokenId = 9;
  req.principal = p;
  auto a = actorOf(req);
  EXPECT_EQ(a.userId, 5);
  EXPECT_EQ(a.username, "gov");
  EXPECT_EQ(a.organisationId, 2);
  EXPECT_EQ(a.organisationName, "示范区管委会");
  EXPECT_EQ(a.organisationRegion, "410871");
  EXPECT_EQ(a.tokenId, 9);
}

}  // namespace
}  // namespace jinfu::audit
