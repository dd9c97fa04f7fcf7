#include "platform/json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace jinfu {
namespace {

std::string nested(int depth, std::string_view open = "[", std::string_view close = "]") {
  std::string s;
  for (int i = 0; i < depth; ++i) s += open;
  for (int i = 0; i < depth; ++i) s += close;
  return s;
}

TEST(ClientJson, ReadsDocumentsUpToTheDepthLimit) {
  auto ok = parseClientJson(nested(kMaxJsonDepth));
  EXPECT_EQ(ok.problem, ClientJson::Problem::none);
  EXPECT_TRUE(ok.value.is_array());
  auto object = parseClientJson(R"({"a":{"b":[1,2,{"c":"]]]]"}]}})");
  EXPECT_EQ(object.problem, ClientJson::Problem::none);
  EXPECT_EQ(object.value["a"]["b"][2]["c"], "]]]]");
}

TEST(ClientJson, RefusesDeeperDocumentsWithoutBuildingThem) {
  EXPECT_EQ(parseClientJson(nested(kMaxJsonDepth + 1)).problem, ClientJson::Problem::tooDeep);
  // 100 000 levels, the shape that overflowed the stack of a handler copying it.
  auto deep = parseClientJson(R"({"guarantees":)" + nested(100'000, "{\"a\":", "}") + "}");
  EXPECT_EQ(deep.problem, ClientJson::Problem::tooDeep);
  EXPECT_TRUE(deep.value.is_discarded());
}

TEST(ClientJson, BracketsInStringsAndEscapedQuotesAreText) {
  std::string inString = "{\"k\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  EXPECT_EQ(parseClientJson(inString).problem, ClientJson::Problem::none);
  EXPECT_TRUE(jsonNestingWithin(R"(["\\", [1]])", 2));
  EXPECT_FALSE(jsonNestingWithin(R"(["\\", [[1]]])", 2));
}

TEST(ClientJson, MalformedTextAndHugeNumbersAreMalformed) {
  for (std::string_view bad : {"", "{", "{\"a\":}", "[1,]", "1e999999", "{\"a\":-1e400}", "\"\\ud800\""})
    EXPECT_EQ(parseClientJson(bad).problem, ClientJson::Problem::malformed) << bad;
}

}  // namespace
}  // namespace jinfu
