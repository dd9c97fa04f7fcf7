#include "finance/application/application_json.hpp"
#include "platform/json.hpp"

#include "finance/oversight/oversight_json.hpp"
#include "platform/http/fields.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {

using nlohmann::json;

json applicationJson(const ApplicationRow& a, const OversightService::Clocked& clock) {
  return {{"id", a.id},
          {"demandId", a.demandId},
          {"enterprise", {{"id", a.enterpriseId}, {"name", a.enterpriseName}, {"uscc", a.uscc}}},
          {"bank", {{"id", a.bankId}, {"name", a.bankName}}},
          {"product", a.productId ? json({{"id", *a.productId}, {"name", a.productName}}) : json(nullptr)},
          {"source", a.source},
          {"sourceZh", dict::label("application_source", a.source)},
          {"state", code(a.state)},
          {"stateZh", zh(a.state)},
          {"purpose", a.demandPurpose},
          {"requestedFen", a.requestedFen},
          {"requestedTermMonths", a.demandTermMonths},
          {"approvedFen", a.approvedFen},
          {"disbursedFen", a.disbursedFen},
          {"rateBp", orNull(a.rateBp)},
          {"termMonths", orNull(a.termMonths)},
          {"offerValidUntil", a.offerValidUntil ? json(a.offerValidUntil->toString()) : json(nullptr)},
          {"decisionWorkdays", a.decisionWorkdays},
          {"createdAt", a.createdAt},
          {"updatedAt", a.updatedAt},
          {"clock", clockJson(clock)}};
}

json timelineJson(const std::vector<EventRow>& events) {
  json timeline = json::array();
  for (const auto& e : events) {
    auto command = commandByCode(e.command);
    std::string commandZh = command ? std::string(zh(*command))
                            : e.command == "submit" ? "提交申请"
                            : e.command == "claim"  ? "银行接单"
                                                    : e.command;
    auto to = stateByCode(e.toState);
    timeline.push_back({{"id", e.id},
                        {"command", e.command},
                        {"commandZh", commandZh},
                        {"fromState", e.fromState.empty() ? json(nullptr) : json(e.fromState)},
                        {"toState", e.toState},
                        {"toStateZh", to ? zh(*to) : std::string_view(e.toState)},
                        {"actor", e.actorKind},
                        {"organisation", e.organisationName},
                        {"username", e.username},
                        {"at", e.at},
                        {"note", e.note},
                        {"detail", json::parse(e.detail, nullptr, false)}});
  }
  return timeline;
}

json commandsJson(const std::vector<Command>& commands) {
  json out = json::array();
  for (auto c : commands) out.push_back({{"code", code(c)}, {"zh", zh(c)}});
  return out;
}

CommandInput readBankCommand(const json& body) {
  http::FieldReader r(body);
  CommandInput in;
  std::optional<Command> command;
  if (const json* c = r.get("command"); c && c->is_string()) command = commandByCode(c->get<std::string>());
  if (!command || actorOf(*command) != Actor::Bank)
    r.fail(std::string("command"), {"command 应为银行可用的办理动作之一：accept、request_materials、start_review、approve、"
                                    "reject、sign_contract、disburse、settle、report_overdue。",
                                    "Unknown bank command."});
  else
    in.command = *command;
  in.note = r.paragraphs("note", http::Need::Optional, 2000, "说明");
  in.amountFen = r.integer("amountFen", http::Need::Optional, INT64_MIN, INT64_MAX, "金额（分）");
  if (auto v = r.integer("rateBp", http::Need::Optional, INT32_MIN, INT32_MAX, "年利率（基点）")) in.rateBp = static_cast<int>(*v);
  if (auto v = r.integer("termMonths", http::Need::Optional, INT32_MIN, INT32_MAX, "期限", " 个月"))
    in.termMonths = static_cast<int>(*v);
  in.validUntil = r.date("validUntil", http::Need::Optional, "授信有效期");
  in.onDate = r.date("onDate", http::Need::Optional, "日期");
  in.contractNo = r.text("contractNo", http::Need::Optional, 100, "合同编号");
  // Reason codes are checked against the catalogue by the rules; here only their shape. A bad item
  // is reported on the list (the form shows one multi-select).
  if (const json* codes = r.get("reasonCodes")) {
    if (!codes->is_array() || codes->size() > 12)
      r.fail(std::string("reasonCodes"), {"拒绝原因应为不超过 12 项的代码数组。", "reasonCodes must be an array."});
    else
      for (const auto& v : *codes) {
        if (v.is_string()) in.reasonCodes.push_back(v.get<std::string>());
        else r.fail(std::string("reasonCodes"), {"拒绝原因代码应为文本。", "A reason code is text."});
      }
  }
  r.check();
  return in;
}

CommandInput readEnterpriseCommand(Command command, const json& body) {
  http::FieldReader r(body);
  CommandInput in;
  in.command = command;
  in.note = r.paragraphs("note", http::Need::Optional, 2000, "说明");
  r.check();
  return in;
}

}  // namespace jinfu::finance

