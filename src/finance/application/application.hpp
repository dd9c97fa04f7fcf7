#pragma once
// The financing application's life, driven by explicit commands (in the manner of Apache
// Fineract's loan commands): each command names its actor, is checked against the current state
// and its own fields, and either yields exactly one new state or is refused with a reason —
// nothing in between. Pure: the store applies a decision, this file only decides.
//
//   已提交 submitted ──accept──▶ 已受理 accepted ──start_review──▶ 审批中 reviewing
//                                 │  ▲                               │
//                request_materials│  │submit_materials               ├─approve─▶ 已授信 approved ─sign─▶ 已签约 contracted
//                                 ▼  │                               └─reject──▶ 已拒绝 rejected
//                           补充材料 materials_requested
//   已签约 ─disburse─▶ 已放款 disbursed (again, up to the approved amount) ─settle─▶ 已结清 settled
//                                                                ─report_overdue─▶ 逾期 overdue ─settle─▶ 已结清
//   the enterprise may withdraw (已撤回 withdrawn) before a decision: from submitted, accepted,
//   materials_requested or reviewing. A pool claim still submitted (not accepted, i.e. the bank has
//   not contacted the enterprise) when its time limit runs out lapses (已失效 lapsed) by the
//   platform's scheduler.
// A decided command also says what happens beyond the application (Transition): its demand closes
// or is withdrawn with it, the time limit stops, the other party is told.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "finance/demand/demand.hpp"
#include "platform/clock.hpp"
#include "platform/errors.hpp"

namespace jinfu::finance {

enum class State {
  Submitted,
  Accepted,
  MaterialsRequested,
  Reviewing,
  Approved,
  Rejected,
  Contracted,
  Disbursed,
  Settled,
  Overdue,
  Withdrawn,
  Lapsed,  // a pool claim the bank never followed up: the demand went back to the pool
};

enum class Command {
  Accept,            // bank: 受理
  RequestMaterials,  // bank: 要求补充材料 (note says what)
  SubmitMaterials,   // enterprise: 已补充材料
  StartReview,       // bank: 进入审批
  Approve,           // bank: 授信 (amount, rate, term, valid until)
  Reject,            // bank: 拒绝 (reason codes + note)
  SignContract,      // bank: 签约 (contract number)
  Disburse,          // bank: 放款 (amount, date)
  Settle,            // bank: 结清
  ReportOverdue,     // bank: 逾期
  Withdraw,          // enterprise: 撤回
  Lapse,             // the platform's scheduler: a claimed demand not contacted in time
};

enum class Actor { Enterprise, Bank, System };

std::string_view code(State s);     // "submitted"
std::string_view zh(State s);       // "已提交"
std::string_view code(Command c);   // "accept"
std::string_view zh(Command c);     // "受理"
std::optional<State> stateByCode(std::string_view code);
std::optional<Command> commandByCode(std::string_view code);
std::string_view code(Actor a);     // "bank"
std::string_view zh(Actor a);       // "银行"
Actor actorOf(Command c);           // who may give the command
bool isFinal(State s);              // rejected, settled, withdrawn, lapsed
bool isDecided(State s);            // approved or later, or rejected

// What the state machine needs to know of an application besides its state.
struct Facts {
  State state = State::Submitted;
  int64_t requestedFen = 0;
  int64_t approvedFen = 0;          // once approved
  int64_t disbursedFen = 0;         // sum of disbursements so far
  std::optional<Date> offerValidUntil;  // of the approval
};

// A command with its fields; which fields are required depends on the command.
struct CommandInput {
  Command command = Command::Accept;
  Actor actor = Actor::Bank;
  Date today;                              // the actor's day (Shanghai), for validity checks
  std::string note;                        // free text; required for RequestMaterials and Reject
  std::optional<int64_t> amountFen;        // Approve, Disburse
  std::optional<int> rateBp;               // Approve: annual rate in basis points (385 = 3.85 %)
  std::optional<int> termMonths;           // Approve
  std::optional<Date> validUntil;          // Approve: the offer's last day
  std::optional<Date> onDate;              // Disburse, Settle, ReportOverdue: the day it happened
  std::string contractNo;                  // SignContract
  std::vector<std::string> reasonCodes;    // Reject: codes of the rejection catalogue
};

// Everything a command changes — the application's new facts and the effects beyond it — so that
// the service only applies what was decided here.
struct Transition {
  State to = State::Submitted;
  int64_t approvedFen = 0;   // Facts after the command
  int64_t disbursedFen = 0;
  bool startsDecisionClock = false;  // accepted today: acceptedOn = today, the decision clock runs
  bool decidedToday = false;         // approved or rejected today: decidedOn = today
  bool setsOffer = false;            // approved: rate, term and validity come from the command
  // The running time limit has been met (accepted, decided or ended): open overdue marks resolve.
  bool clockStops = false;
  std::optional<DemandEvent> demand;  // where the application's demand goes with it
  Actor tell = Actor::Enterprise;     // the other party, who hears of the change
};

// The one new state, or the refusal: 409 illegal_transition (the state does not allow the
// command, or the actor may not give it), 422 with per-field reasons for missing or wrong fields.
// `knownReason` says whether a rejection code exists in the catalogue.
Transition decide(const Facts& facts, const CommandInput& input, bool (*knownReason)(std::string_view) = nullptr);

// The commands the actor may give in this state (for the page's buttons and the API's
// "allowedCommands").
std::vector<Command> allowedCommands(const Facts& facts, Actor actor);

}  // namespace jinfu::finance
