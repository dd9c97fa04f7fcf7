// The one reader of what clients send: every problem of a body at once (422), every problem of a
// query at once (400 invalid_query_parameter), each kind of problem in one wording.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "platform/http/fields.hpp"
#include "platform/http/message.hpp"

namespace jinfu::http {
namespace {

using nlohmann::json;

std::vector<std::string> fieldsOf(const ApiError& e) {
  std::vector<std::string> out;
  for (const auto& f : e.errors()) out.push_back(f.field);
  return out;
}

TEST(FieldReader, CollectsEveryProblemAndNamesNestedFields) {
  json body = json::parse(R"({"name":"  ","amount":"12","rules":{"regions":[4108,"41"]},"note":"a\nb"})");
  FieldReader r(body);
  EXPECT_EQ(r.text("name", Need::Required, 10, "名称"), "");
  EXPECT_FALSE(r.integer("amount", Need::Required, 1, 100, "金额"));
  EXPECT_FALSE(r.integer("term", Need::Required, 1, 12, "期限", " 个月"));
  FieldReader nested(body["rules"], "rules.");
  auto regions = nested.texts("regions", Need::Optional, "区域", nullptr);
  EXPECT_EQ(regions, std::vector<std::string>{"41"});
  r.merge(nested);
  EXPECT_EQ(r.paragraphs("note", Need::Optional, 100, "说明"), "a\nb") << "a note keeps its line breaks";
  try {
    r.check();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    EXPECT_EQ(fieldsOf(e), (std::vector<std::string>{"name", "amount", "term", "rules.regions[0]"}));
    EXPECT_EQ(e.errors()[0].message.zh, "请填写名称。");
    EXPECT_EQ(e.errors()[1].message.zh, "金额应为整数。");
    EXPECT_EQ(e.errors()[2].message.zh, "请填写期限。");
    EXPECT_EQ(e.errors()[3].message.zh, "区域的每一项应为文本。");
  }
}

TEST(FieldReader, LabelledTextIsTrimmedCountedInCharactersAndRefusesControls) {
  json body = {{"a", " \u3000焦作\u00a0 "}, {"b", "焦作市天宝"}, {"c", "x\ty"}, {"d", "a\nb"}};
  FieldReader r(body);
  EXPECT_EQ(r.text("a", Need::Required, 2, "甲"), "焦作");
  r.text("b", Need::Required, 4, "乙");
  r.text("c", Need::Optional, 10, "丙");
  r.text("d", Need::Optional, 10, "丁");
  ASSERT_EQ(r.errors().size(), 3u);
  EXPECT_EQ(r.errors()[0].message.zh, "乙不能超过 4 个字。");
  EXPECT_EQ(r.errors()[1].message.zh, "丙含有控制字符。");
  EXPECT_EQ(r.errors()[2].message.zh, "丁含有控制字符。") << "one-line text refuses a line break";
}

TEST(FieldReader, UnlabelledTextIsTakenAsSent) {
  json body = {{"password", " secret "}, {"n", 7}, {"big", 18446744073709551615ULL}};
  FieldReader r(body);
  EXPECT_EQ(r.text("password", 64), " secret ");
  EXPECT_EQ(r.integer("n", 1, 10), 7);
  EXPECT_FALSE(r.optInteger("big", 0, 1'000'000'000'000)) << "a number beyond int64 is refused, not wrapped";
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].message.zh, "应为 0 到 1000000000000 之间的整数。");
}

TEST(FieldReader, DatesMustBeRealDays) {
  json body = {{"on", "2026-02-30"}, {"ok", "2026-02-28"}};
  FieldReader r(body);
  EXPECT_FALSE(r.date("on", Need::Required, "日期"));
  EXPECT_EQ(r.date("ok", Need::Required, "日期")->toString(), "2026-02-28");
  ASSERT_EQ(r.errors().size(), 1u);
  EXPECT_EQ(r.errors()[0].field, "on");
}

Request withQuery(std::initializer_list<std::pair<const char*, const char*>> params) {
  Request req;
  for (auto [k, v] : params) req.query.emplace(k, v);
  return req;
}

TEST(QueryReader, OneProblemCodeNamingEachParameter) {
  auto req = withQuery({{"status", "bogus"}, {"open", "1"}, {"demandId", "-2"}, {"ids", "1,x"}, {"on", "2026-13-01"}});
  QueryReader q(req);
  EXPECT_FALSE(q.oneOf("status", {"open", "closed"}));
  EXPECT_FALSE(q.boolean("open"));
  EXPECT_FALSE(q.id("demandId"));
  EXPECT_FALSE(q.ids("ids", 4));
  EXPECT_FALSE(q.date("on"));
  EXPECT_FALSE(q.text("missing", 10)) << "an absent parameter is no problem";
  try {
    q.check();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_EQ(e.code(), "invalid_query_parameter");
    EXPECT_EQ(fieldsOf(e), (std::vector<std::string>{"status", "open", "demandId", "ids", "on"}));
    EXPECT_EQ(e.errors()[0].message.zh, "应为 open、closed 之一。");
    EXPECT_EQ(e.errors()[1].message.zh, "应为 true 或 false。");
    EXPECT_EQ(e.errors()[2].message.zh, "应为正整数。");
  }
}

TEST(QueryReader, PagingIsReadTheSameWayEverywhere) {
  auto ok = withQuery({{"page", "3"}, {"pageSize", "50"}});
  EXPECT_EQ(ok.paging().page, 3);
  EXPECT_EQ(ok.paging().pageSize, 50);
  EXPECT_EQ(ok.paging().offset(), 100);
  auto bad = withQuery({{"page", "0"}, {"pageSize", "101"}});
  try {
    bad.paging();
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "invalid_query_parameter");
    EXPECT_EQ(fieldsOf(e), (std::vector<std::string>{"page", "pageSize"}));
    EXPECT_EQ(e.errors()[1].message.zh, "应为 1 到 100 之间的整数。");
  }
}

}  // namespace
}  // namespace jinfu::http
