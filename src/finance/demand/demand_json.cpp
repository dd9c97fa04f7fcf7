#include "finance/demand/demand_json.hpp"
#include "platform/json.hpp"

#include "finance/oversight/oversight_json.hpp"
#include "finance/product/product_json.hpp"
#include "platform/dictionary.hpp"

namespace jinfu::finance {

using nlohmann::json;

json demandJson(const DemandRow& d, const OversightService::Clocked& clock) {
  json products = json::array();
  for (const auto& [id, name] : d.matchedProducts) products.push_back({{"id", id}, {"name", name}});
  return {{"id", d.id},
          {"enterprise", {{"id", d.enterpriseId}, {"name", d.enterpriseName}, {"uscc", d.uscc},
                          {"regionCode", d.regionCode}, {"park", d.parkName}}},
          {"amountFen", d.spec.amountFen},
          {"termMonths", d.spec.termMonths},
          {"purpose", d.spec.purpose},
          {"urgency", d.spec.urgency},
          {"urgencyZh", nameOf(urgencies(), d.spec.urgency)},
          {"guarantees", codesWithNames(d.spec.guarantees, guaranteeKinds())},
          {"preferredBankIds", d.spec.preferredBankIds},
          {"contactName", d.spec.contactName},
          {"contactPhone", d.spec.contactPhone},
          {"mode", d.mode},
          {"modeZh", dict::label("demand_mode", d.mode)},
          {"product", d.productId ? json({{"id", *d.productId}, {"name", d.productName}}) : json(nullptr)},
          {"status", code(d.status)},
          {"statusZh", zh(d.status)},
          {"claimedBy", d.claimedBy ? json({{"id", *d.claimedBy}, {"name", d.claimedByName}}) : json(nullptr)},
          {"claimedAt", orNull(d.claimedAt)},
          {"publishedAt", d.publishedAt},
          {"matchedProducts", products},
          {"clock", clockJson(clock)}};
}

}  // namespace jinfu::finance
