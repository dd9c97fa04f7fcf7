#include "finance/demand/demand.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/errors.hpp"
#include "platform/http/fields.hpp"
#include "platform/codes.hpp"
#include "platform/dictionary.hpp"
#include "platform/lifecycle.hpp"

namespace jinfu::finance {
namespace {

using nlohmann::json;

constexpr int64_t kMaxAmountFen = 100'000'000'000'00LL;  // 1000 亿元: far above any SME loan
constexpr size_t kMaxText = 200;

// Codes here; the labels come from the one dictionary.
constexpr std::array<codes::Code<DemandStatus>, 5> kStatuses = {{
    {DemandStatus::Open, "open"},
    {DemandStatus::Claimed, "claimed"},
    {DemandStatus::Directed, "directed"},
    {DemandStatus::Closed, "closed"},
    {DemandStatus::Withdrawn, "withdrawn"},
}};

// The demand's lifecycle: which event moves it from which status to which.
using Edge = lifecycle::Edge<DemandEvent, DemandStatus>;
const std::vector<Edge>& edges() {
  static const std::vector<Edge> list = {
      {DemandEvent::Claim, {DemandStatus::Open}, DemandStatus::Claimed},
      {DemandEvent::Withdraw, {DemandStatus::Open}, DemandStatus::Withdrawn},
      {DemandEvent::ClaimLapsed, {DemandStatus::Claimed}, DemandStatus::Open},
      {DemandEvent::ApplicationWithdrawn, {DemandStatus::Claimed, DemandStatus::Directed}, DemandStatus::Withdrawn},
      {DemandEvent::ApplicationClosed, {DemandStatus::Claimed, DemandStatus::Directed}, DemandStatus::Closed},
  };
  return list;
}

}  // namespace

const std::vector<Named>& urgencies() {
  static const auto& list = namedList("urgency");  // every demand's JSON asks: once, not under the lock
  return list;
}
std::string_view code(DemandStatus s) { return codes::of(kStatuses, s); }
std::string_view zh(DemandStatus s) { return dict::label("demand_status", code(s)); }
std::optional<DemandStatus> demandStatusByCode(std::string_view c) { return codes::find(kStatuses, c); }
std::vector<DemandStatus> demandStatuses() {
  std::vector<DemandStatus> out;
  for (const auto& n : kStatuses) out.push_back(n.value);
  return out;
}

DemandStatus initialStatus(bool directed) { return directed ? DemandStatus::Directed : DemandStatus::Open; }

DemandStatus decide(DemandStatus from, DemandEvent event) {
  for (const auto& e : edges()) {
    if (e.trigger != event) continue;
    if (e.startsFrom(from)) return e.to;
    break;
  }
  switch (event) {
    case DemandEvent::Withdraw:
      // A demand with an application in progress is withdrawn through the application (已撤回),
      // so that the bank's side of the story is recorded too.
      throw ApiError(409, "illegal_transition", statusTitle(409),
                     {from == DemandStatus::Claimed || from == DemandStatus::Directed
                          ? "需求已有银行在办理，请在“我的申请”中撤回申请。"
                          : "需求已结束或已撤回。",
                      "Only an open demand can be withdrawn here."});
    case DemandEvent::Claim:
      throw ApiError::conflict("demand_taken", {"该需求已被其他银行接单或已关闭。", "The demand is no longer open."});
    default:
      throw ApiError(409, "illegal_transition", statusTitle(409),
                     {fmt::format("需求当前为“{}”，不能变更。", zh(from)), "The demand cannot move from here."});
  }
}

DemandSpec readDemand(const json& body) {
  http::FieldReader r(body);
  DemandSpec d;
  // Checked in 万元 words: people type 万元 and read the message beside that field.
  if (const json* a = r.get("amountFen"); a && a->is_number_integer() &&
                                          (a->get<int64_t>() < 100'000 || a->get<int64_t>() > kMaxAmountFen))
    r.fail("amountFen", "融资金额应在 0.1 万元到 1000 亿元之间。", "amountFen is out of range.");
  else
    d.amountFen = r.integer("amountFen", http::Need::Required, 100'000, kMaxAmountFen, "融资金额（分）").value_or(0);
  d.termMonths = static_cast<int>(r.integer("termMonths", http::Need::Required, 1, 360, "融资期限", " 个月").value_or(0));
  d.purpose = r.text("purpose", http::Need::Required, kMaxText, "资金用途");
  d.urgency = r.text("urgency", http::Need::Optional, 20, "紧急程度");
  if (d.urgency.empty()) d.urgency = "normal";
  else if (!known(urgencies(), d.urgency))
    r.fail("urgency", fmt::format("“{}”不是可选的紧急程度（可选：{}）。", d.urgency, codesOf(urgencies())),
           "Unknown urgency.");
  d.guarantees = r.texts("guarantees", http::Need::Optional, "可提供的担保方式", oneOf(guaranteeKinds(), "担保方式"));
  if (std::find(d.guarantees.begin(), d.guarantees.end(), "credit") == d.guarantees.end())
    d.guarantees.insert(d.guarantees.begin(), "credit");
  if (const json* b = r.get("preferredBankIds")) {
    if (!b->is_array() || b->size() > 20) {
      r.fail("preferredBankIds", "意向银行应为不超过 20 项的银行编号数组。", "preferredBankIds must be an array of up to 20 ids.");
    } else {
      for (size_t i = 0; i < b->size(); ++i) {
        const auto& v = (*b)[i];
        if (!v.is_number_integer() || v.get<int64_t>() <= 0)
          r.fail(fmt::format("preferredBankIds[{}]", i), "银行编号应为正整数。", "A bank id is a positive integer.");
        else if (std::find(d.preferredBankIds.begin(), d.preferredBankIds.end(), v.get<int64_t>()) ==
                 d.preferredBankIds.end())
          d.preferredBankIds.push_back(v.get<int64_t>());
      }
    }
  }
  if (auto p = r.integer("productId", http::Need::Optional, 1, INT64_MAX, "申请的产品编号")) d.productId = *p;
  d.contactName = r.text("contactName", http::Need::Optional, 30, "联系人");
  d.contactPhone = r.text("contactPhone", http::Need::Optional, 20, "联系电话");
  if (!d.contactPhone.empty() &&
      !std::all_of(d.contactPhone.begin(), d.contactPhone.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == ' '; }))
    r.fail("contactPhone", "联系电话只能包含数字、空格、“-”和“+”。", "contactPhone has invalid characters.");
  r.check();
  return d;
}

json specJson(const DemandSpec& d) {
  return {{"guarantees", d.guarantees},
          {"preferredBankIds", d.preferredBankIds},
          {"contactName", d.contactName},
          {"contactPhone", d.contactPhone}};
}

void readSpecJson(const json& spec, DemandSpec& d) {
  if (!spec.is_object()) return;
  if (auto it = spec.find("guarantees"); it != spec.end() && it->is_array())
    for (const auto& g : *it)
      if (g.is_string()) d.guarantees.push_back(g.get<std::string>());
  if (auto it = spec.find("preferredBankIds"); it != spec.end() && it->is_array())
    for (const auto& b : *it)
      if (b.is_number_integer()) d.preferredBankIds.push_back(b.get<int64_t>());
  if (auto it = spec.find("contactName"); it != spec.end() && it->is_string()) d.contactName = it->get<std::string>();
  if (auto it = spec.find("contactPhone"); it != spec.end() && it->is_string()) d.contactPhone = it->get<std::string>();
}

}  // namespace jinfu::finance
