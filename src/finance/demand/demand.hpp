#pragma once
// What an enterprise asks for (a demand: amount, term, purpose, urgency, guarantees offered,
// preferred banks, or one product it applies to directly) and the demand's lifecycle:
//
//   待接单 open ──claim──▶ 已接单 claimed ──(its application closes)──▶ 已结束 closed
//      │  ▲                   │      └──(its application is withdrawn)──▶ 已撤回 withdrawn
//      │  └──claim lapsed─────┘
//      └──withdraw──▶ 已撤回 withdrawn
//   定向申请 directed ──(its application closes / is withdrawn)──▶ 已结束 / 已撤回
//
// A demand moves only by these events; where it goes when its application moves is decided by
// the application's rules (application.hpp: Transition::demand). Pure.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "finance/product/product.hpp"

namespace jinfu::finance {

const std::vector<Named>& urgencies();  // normal 一般, urgent 较急, very_urgent 紧急

enum class DemandStatus { Open, Claimed, Directed, Closed, Withdrawn };
std::string_view code(DemandStatus s);  // open, claimed, …
std::string_view zh(DemandStatus s);    // 待接单, 已接单, …
std::optional<DemandStatus> demandStatusByCode(std::string_view code);
std::vector<DemandStatus> demandStatuses();

enum class DemandEvent {
  Claim,                 // a bank takes it from the pool (one winner)
  Withdraw,              // the enterprise withdraws it before any bank holds it
  ClaimLapsed,           // the claiming bank did not contact the enterprise in time: back to the pool
  ApplicationWithdrawn,  // its application was withdrawn by the enterprise
  ApplicationClosed,     // its application ended: rejected or settled
};

// Where a new demand starts: directed at a product, or open in the pool.
DemandStatus initialStatus(bool directed);
// The status after `event`, or ApiError 409 (illegal_transition, or demand_taken for a claim).
DemandStatus decide(DemandStatus from, DemandEvent event);

struct DemandSpec {
  int64_t amountFen = 0;
  int termMonths = 0;
  std::string purpose;
  std::string urgency = "normal";
  std::vector<std::string> guarantees;      // offered; "credit" is implied
  std::vector<int64_t> preferredBankIds;
  std::optional<int64_t> productId;         // 定向申请 to this product, else to the pool
  std::string contactName, contactPhone;
};
DemandSpec readDemand(const nlohmann::json& body);
nlohmann::json specJson(const DemandSpec& spec);
void readSpecJson(const nlohmann::json& spec, DemandSpec& into);

}  // namespace jinfu::finance
