// libFuzzer target for the JSON request body parser (Request::jsonBody, over parseClientJson):
// every JSON body the API takes goes through it first, from anyone who may call a route. The
// input is the body; the content type is always JSON.
//
// Besides "no crash, no leak, no undefined behaviour, no stack overflow": a body is either
// refused with a 400/415 problem naming it (malformed_json, json_too_deep, invalid_utf8), or is an
// object nested no deeper than the limit, whose serialisation parses back to the same value.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "platform/errors.hpp"
#include "platform/http/message.hpp"
#include "platform/json.hpp"

using namespace jinfu;

namespace {

void check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// Iterative, so that the check itself cannot overflow on what it checks.
int depthOf(const nlohmann::json& root) {
  int deepest = 0;
  std::vector<std::pair<const nlohmann::json*, int>> todo{{&root, 1}};
  while (!todo.empty()) {
    auto [v, d] = todo.back();
    todo.pop_back();
    if (!v->is_structured()) continue;
    deepest = std::max(deepest, d);
    for (const auto& child : *v) todo.push_back({&child, d + 1});
  }
  return deepest;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  http::Request req;
  req.headers.emplace_back("content-type", "application/json; charset=utf-8");
  req.body.assign(reinterpret_cast<const char*>(data), size);
  try {
    nlohmann::json body = req.jsonBody();
    check(body.is_object(), "a body is an object");
    check(depthOf(body) <= kMaxJsonDepth, "no deeper than the limit");
    std::string again = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    check(nlohmann::json::parse(again) == body, "the body serialises and parses back to itself");
  } catch (const ApiError& e) {
    check(e.status() == 400 || e.status() == 415, "a refused body is 400 or 415");
    check(e.code() == "malformed_json" || e.code() == "json_too_deep" || e.code() == "invalid_utf8",
          "a refused body says why");
  }
  return 0;
}
