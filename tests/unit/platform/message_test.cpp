#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "platform/http/message.hpp"

namespace jinfu::http {
namespace {

TEST(Lang, ChineseUnlessEnglishIsPreferred) {
  EXPECT_EQ(negotiateLang(""), Lang::Zh);
  EXPECT_EQ(negotiateLang("zh-CN,zh;q=0.9,en;q=0.8"), Lang::Zh);
  EXPECT_EQ(negotiateLang("en"), Lang::En);
  EXPECT_EQ(negotiateLang("en-US,en;q=0.9"), Lang::En);
  EXPECT_EQ(negotiateLang("fr-FR, en;q=0.5, zh;q=0.7"), Lang::Zh);
  EXPECT_EQ(negotiateLang("de"), Lang::Zh);
}

Request jsonRequest(std::string body, std::string type = "application/json") {
  Request r;
  r.headers.emplace_back("content-type", std::move(type));
  r.body = std::move(body);
  return r;
}

TEST(JsonBody, ParsesAnObject) {
  auto j = jsonRequest(R"({"codes":["a"]})", "application/json; charset=utf-8").jsonBody();
  EXPECT_EQ(j["codes"][0], "a");
}

TEST(JsonBody, EachKindOfBadBodyHasItsOwnCode) {
  auto codeOf = [](const Request& r) {
    try {
      r.jsonBody();
    } catch (const ApiError& e) {
      return std::to_string(e.status()) + " " + e.code();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(codeOf(jsonRequest("{}", "text/plain")), "415 unsupported_media_type");
  EXPECT_EQ(codeOf(jsonRequest("{\"a\":")), "400 malformed_json");
  EXPECT_EQ(codeOf(jsonRequest("[1,2]")), "400 malformed_json");
  EXPECT_EQ(codeOf(jsonRequest("{\"a\":\"\xff\"}")), "400 invalid_utf8");
}

TEST(Problem, CarriesCodeFieldsAndLanguage) {
  auto error = ApiError::validation({{"codes", {"应为字符串数组。", "Must be an array of strings."}}});
  auto zh = Response::problem(error, Lang::Zh, "/api/v1/uscc/validate", "abc");
  EXPECT_EQ(zh.status, 422);
  EXPECT_EQ(zh.contentType, "application/problem+json; charset=utf-8");
  auto body = nlohmann::json::parse(zh.body);
  EXPECT_EQ(body["code"], "validation_failed");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["title"], "内容校验未通过");
  EXPECT_EQ(body["instance"], "/api/v1/uscc/validate");
  EXPECT_EQ(body["requestId"], "abc");
  EXPECT_EQ(body["errors"][0]["field"], "codes");
  EXPECT_EQ(body["errors"][0]["message"], "应为字符串数组。");
  auto en = nlohmann::json::parse(Response::problem(error, Lang::En, "/x", "abc").body);
  EXPECT_EQ(en["title"], "Unprocessable content");
  EXPECT_EQ(en["errors"][0]["message"], "Must be an array of strings.");
}

}  // namespace
}  // namespace jinfu::http
