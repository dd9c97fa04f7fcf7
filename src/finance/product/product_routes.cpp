// 金融产品超市 and 智能匹配 over HTTP: a table of named handlers (docs/finance-api.md).
#include <algorithm>

#include <fmt/format.h>

#include "finance/product/product_json.hpp"
#include "finance/route_support.hpp"
#include "platform/auth/permissions.hpp"
#include "platform/http/envelope.hpp"
#include "platform/http/fields.hpp"
#include "platform/http/router.hpp"
#include "platform/text.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;
using http::Request;
using http::Response;

std::vector<std::string_view> codes(const std::vector<Named>& list) {
  std::vector<std::string_view> out;
  for (const auto& n : list) out.push_back(n.code);
  return out;
}

Response list(Http& h, Request& req) {
  http::QueryReader q(req);
  ProductFilter f;
  if (auto s = q.oneOf("status", {"draft", "published", "withdrawn"})) f.status = productStatusByCode(*s);
  f.bankId = q.id("bankId");
  f.kind = q.oneOf("kind", codes(productKinds())).value_or("");
  f.q = text::leftChars(q.text("q", 10'000).value_or(""), 100);
  f.amountFen = q.id("amountFen");
  if (auto t = q.id("termMonths")) f.termMonths = static_cast<int>(std::min<int64_t>(*t, 1000));
  f.sort = q.oneOf("sort", {"rate", "amount", "approval", "newest"}).value_or("");
  q.check();
  Date today = h.market.today();
  auto page = h.market.products.list(req.caller(), f, req.paging());
  return Response::json(http::pageJson(page, [&](const ProductRow& p) { return productJson(p, today); }));
}

Response compare(Http& h, Request& req) {
  http::QueryReader q(req);
  auto ids = q.ids("ids", 100);
  if (req.queryValue("ids").value_or("").empty()) q.fail("ids", {"应为逗号分隔的产品编号。", "Comma-separated ids."});
  q.check();
  std::vector<int64_t> distinct;
  for (auto id : *ids)
    if (std::find(distinct.begin(), distinct.end(), id) == distinct.end()) distinct.push_back(id);
  if (distinct.size() < 2 || distinct.size() > 4)
    throw ApiError::validation({{"ids", {"请选择 2 到 4 个产品进行比较。", "Compare 2 to 4 products."}}});
  json items = json::array();
  Date today = h.market.today();
  for (auto id : distinct) {
    auto p = h.market.products.visible(req.caller(), id);
    if (!p) throw ApiError::notFound({fmt::format("没有编号为 {} 的产品。", id), "No such product."});
    items.push_back(productJson(*p, today));
  }
  return Response::json({{"items", items}});
}

Response get(Http& h, Request& req) {
  auto p = h.market.products.visible(req.caller(), req.intParam("id"));
  if (!p) throw ApiError::notFound({"没有这个产品。", "No such product."});
  return Response::json(productJson(*p, h.market.today()));
}

Response create(Http& h, Request& req) {
  requireBank(req, "只有银行可以发布产品。", "Only banks publish products.");
  auto spec = readProduct(req.jsonBody(), h.market.context.creditGrades());
  auto actor = audit::actorOf(req);
  return Response::json(productJson(h.market.products.create(acting(req, actor), spec), h.market.today()), 201);
}

Response update(Http& h, Request& req) {
  auto spec = readProduct(req.jsonBody(), h.market.context.creditGrades());
  auto actor = audit::actorOf(req);
  return Response::json(productJson(h.market.products.update(acting(req, actor), req.intParam("id"), spec), h.market.today()));
}

Response move(Http& h, Request& req, ProductStatus to) {
  auto actor = audit::actorOf(req);
  return Response::json(productJson(h.market.products.move(acting(req, actor), req.intParam("id"), to), h.market.today()));
}
Response publish(Http& h, Request& req) { return move(h, req, ProductStatus::Published); }
Response withdraw(Http& h, Request& req) { return move(h, req, ProductStatus::Withdrawn); }

Response match(Http& h, Request& req) {
  int64_t enterpriseId = requireOwnEnterprise(h, req);
  json body = req.jsonBody();
  // The same checks as a demand, but only amount, term and guarantees matter here.
  json need = {{"purpose", "匹配"}};
  for (const char* k : {"amountFen", "termMonths", "guarantees"})
    if (body.contains(k)) need[k] = body[k];
  auto spec = readDemand(need);
  auto m = h.market.products.match(enterpriseId, {spec.amountFen, spec.termMonths, spec.guarantees});
  return Response::json(matchingJson(m, h.market.today()));
}

}  // namespace

void addProductRoutes(http::Router& router, const std::shared_ptr<Http>& h) {
  using namespace auth::perm;
  http::addRoutes<Http>(
      router, h,
      {
          {"GET", "/api/v1/finance/products", kFinanceRead,
           "金融产品超市：已上架的产品（银行另见本行全部产品），可按类型、银行、金额、期限筛选，按利率、额度、审批时限排序", list},
          {"GET", "/api/v1/finance/products/compare", kFinanceRead, "比较 2 到 4 个已上架的产品（ids=1,2,3）", compare},
          {"GET", "/api/v1/finance/products/{id:int}", kFinanceRead, "金融产品详情", get},
          {"POST", "/api/v1/finance/products", kProductManage, "新建金融产品（草稿）", create},
          {"PUT", "/api/v1/finance/products/{id:int}", kProductManage, "修改金融产品（草稿或已下架）", update},
          {"POST", "/api/v1/finance/products/{id:int}/publish", kProductManage, "产品上架（适合的开放需求成为本行商机）",
           publish},
          {"POST", "/api/v1/finance/products/{id:int}/withdraw", kProductManage, "产品下架", withdraw},
          {"POST", "/api/v1/finance/match", kDemandManage,
           "智能匹配：本企业对每个已上架产品逐条准入条件的结果（符合/不符合/无法判断），以及符合产品的排序", match},
      });
}

}  // namespace jinfu::finance
