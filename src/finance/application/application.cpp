#include "finance/application/application.hpp"
#include "platform/codes.hpp"
#include "platform/dictionary.hpp"
#include "platform/lifecycle.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace jinfu::finance {
namespace {

// Codes here; the Chinese labels come from the one dictionary (platform/dictionary.cpp).
constexpr std::array<codes::Code<State>, 12> kStates = {{
    {State::Submitted, "submitted"},
    {State::Accepted, "accepted"},
    {State::MaterialsRequested, "materials_requested"},
    {State::Reviewing, "reviewing"},
    {State::Approved, "approved"},
    {State::Rejected, "rejected"},
    {State::Contracted, "contracted"},
    {State::Disbursed, "disbursed"},
    {State::Settled, "settled"},
    {State::Overdue, "overdue"},
    {State::Withdrawn, "withdrawn"},
    {State::Lapsed, "lapsed"},
}};

struct CommandName {
  Command command;
  std::string_view code;
  Actor actor;
};
constexpr std::array<CommandName, 12> kCommands = {{
    {Command::Accept, "accept", Actor::Bank},
    {Command::RequestMaterials, "request_materials", Actor::Bank},
    {Command::SubmitMaterials, "submit_materials", Actor::Enterprise},
    {Command::StartReview, "start_review", Actor::Bank},
    {Command::Approve, "approve", Actor::Bank},
    {Command::Reject, "reject", Actor::Bank},
    {Command::SignContract, "sign_contract", Actor::Bank},
    {Command::Disburse, "disburse", Actor::Bank},
    {Command::Settle, "settle", Actor::Bank},
    {Command::ReportOverdue, "report_overdue", Actor::Bank},
    {Command::Withdraw, "withdraw", Actor::Enterprise},
    {Command::Lapse, "lapse", Actor::System},
}};

// The states each command may start from, and where it goes. Disburse stays in Disbursed.
using Edge = lifecycle::Edge<Command, State>;
const std::vector<Edge>& edges() {
  static const std::vector<Edge> list = {
      {Command::Accept, {State::Submitted}, State::Accepted},
      {Command::RequestMaterials, {State::Accepted}, State::MaterialsRequested},
      {Command::SubmitMaterials, {State::MaterialsRequested}, State::Accepted},
      {Command::StartReview, {State::Accepted}, State::Reviewing},
      {Command::Approve, {State::Reviewing}, State::Approved},
      {Command::Reject, {State::Reviewing}, State::Rejected},
      {Command::SignContract, {State::Approved}, State::Contracted},
      {Command::Disburse, {State::Contracted, State::Disbursed}, State::Disbursed},
      {Command::Settle, {State::Disbursed, State::Overdue}, State::Settled},
      {Command::ReportOverdue, {State::Disbursed}, State::Overdue},
      {Command::Withdraw, {State::Submitted, State::Accepted, State::MaterialsRequested, State::Reviewing},
       State::Withdrawn},
      {Command::Lapse, {State::Submitted}, State::Lapsed},
  };
  return list;
}

const Edge& edgeOf(Command c) {
  for (const auto& e : edges())
    if (e.trigger == c) return e;
  throw std::logic_error("command without an edge");
}

// 万元 to the fen (up to six decimals, trailing zeros dropped), so that two amounts that differ
// never read the same.
// The largest amount anyone may enter (1000 亿元), far above any SME loan; it keeps sums far from
// overflowing.
constexpr int64_t kMaxAmountFen = 100'000'000'000'00LL;

std::string yuan(int64_t fen) {
  std::string s = fmt::format("{}.{:06d}", fen / 1'000'000, fen % 1'000'000);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " 万元";
}

}  // namespace

std::string_view code(State s) { return codes::of(kStates, s); }
std::string_view zh(State s) { return dict::label("application_state", code(s)); }
std::string_view code(Command c) {
  for (const auto& n : kCommands)
    if (n.command == c) return n.code;
  return "";
}
std::string_view zh(Command c) { return dict::label("application_command", code(c)); }
std::optional<State> stateByCode(std::string_view c) { return codes::find(kStates, c); }
std::optional<Command> commandByCode(std::string_view c) {
  for (const auto& n : kCommands)
    if (n.code == c) return n.command;
  return std::nullopt;
}
std::string_view code(Actor a) {
  return a == Actor::Bank ? "bank" : a == Actor::Enterprise ? "enterprise" : "system";
}
std::string_view zh(Actor a) { return dict::label("application_actor", code(a)); }
Actor actorOf(Command c) {
  for (const auto& n : kCommands)
    if (n.command == c) return n.actor;
  return Actor::Bank;
}
bool isFinal(State s) {
  return s == State::Rejected || s == State::Settled || s == State::Withdrawn || s == State::Lapsed;
}
bool isDecided(State s) {
  return s == State::Approved || s == State::Rejected || s == State::Contracted || s == State::Disbursed ||
         s == State::Settled || s == State::Overdue;
}

Transition decide(const Facts& f, const CommandInput& in, bool (*knownReason)(std::string_view)) {
  const Edge& edge = edgeOf(in.command);
  if (actorOf(in.command) != in.actor)
    throw ApiError(409, "illegal_transition", statusTitle(409),
                   {fmt::format("“{}”只能由{}操作。", zh(in.command), zh(actorOf(in.command))),
                    fmt::format("Only the {} may {}.", code(actorOf(in.command)), code(in.command))});
  if (!edge.startsFrom(f.state))
    throw ApiError(409, "illegal_transition", statusTitle(409),
                   {fmt::format("申请当前为“{}”，不能“{}”。", zh(f.state), zh(in.command)),
                    fmt::format("The application is {}; {} is not possible.", code(f.state), code(in.command))});

  std::vector<FieldError> errors;
  auto need = [&](bool ok, const char* field, std::string zhText, std::string enText) {
    if (!ok) errors.push_back({field, {std::move(zhText), std::move(enText)}});
  };
  Transition t;
  t.to = edge.to;
  t.approvedFen = f.approvedFen;
  t.disbursedFen = f.disbursedFen;
  switch (in.command) {
    case Command::RequestMaterials:
      need(!in.note.empty(), "note", "请说明需要补充哪些材料。", "Say which materials are needed.");
      break;
    case Command::Approve:
      need(in.amountFen && *in.amountFen > 0, "amountFen", "请填写大于 0 的授信金额。", "The approved amount must be positive.");
      need(!in.amountFen || *in.amountFen <= kMaxAmountFen, "amountFen", "授信金额不能超过 1000 亿元。",
           "The approved amount is too large.");
      need(in.rateBp && *in.rateBp > 0 && *in.rateBp <= 3600, "rateBp", "年利率应在 0 到 36% 之间。",
           "The rate must be between 0 and 36 %.");
      need(in.termMonths && *in.termMonths >= 1 && *in.termMonths <= 360, "termMonths", "期限应为 1 到 360 个月。",
           "The term must be 1 to 360 months.");
      need(in.validUntil && *in.validUntil >= in.today, "validUntil", "授信有效期应不早于今天。",
           "The offer must be valid at least until today.");
      if (in.amountFen) t.approvedFen = *in.amountFen;
      break;
    case Command::Reject:
      need(!in.reasonCodes.empty(), "reasonCodes", "请至少选择一项拒绝原因。", "Give at least one reason code.");
      for (const auto& r : in.reasonCodes)
        need(!knownReason || knownReason(r), "reasonCodes", "拒绝原因代码“" + r + "”不在原因目录中。",
             "Unknown reason code \"" + r + "\".");
      need(!in.note.empty(), "note", "请填写拒绝说明。", "Add a note to the rejection.");
      break;
    case Command::SignContract:
      need(!in.contractNo.empty(), "contractNo", "请填写合同编号。", "Give the contract number.");
      need(!f.offerValidUntil || in.today <= *f.offerValidUntil, "validUntil",
           "授信已于 " + (f.offerValidUntil ? f.offerValidUntil->toString() : std::string()) + " 过期，不能签约。",
           "The offer has expired.");
      break;
    case Command::Disburse: {
      need(in.amountFen && *in.amountFen > 0, "amountFen", "请填写大于 0 的放款金额。", "The amount must be positive.");
      if (!in.onDate) need(false, "onDate", "请填写放款日期。", "Give the date of the disbursement.");
      else need(*in.onDate <= in.today, "onDate", "放款日期不能晚于今天。", "The date cannot be in the future.");
      need(!in.amountFen || *in.amountFen <= kMaxAmountFen, "amountFen", "放款金额不能超过 1000 亿元。",
           "The amount is too large.");
      if (in.amountFen && *in.amountFen > 0 && *in.amountFen <= kMaxAmountFen) {
        // Both terms are at most 1000 亿元 (approvals are capped too), so the sum cannot overflow.
        int64_t after = f.disbursedFen + *in.amountFen;
        need(after <= f.approvedFen, "amountFen",
             fmt::format("累计放款 {} 将超过授信金额 {}。", yuan(after), yuan(f.approvedFen)),
             "The disbursements would exceed the approved amount.");
        t.disbursedFen = after;
      }
      break;
    }
    case Command::Settle:
    case Command::ReportOverdue:
      if (!in.onDate)
        need(false, "onDate", in.command == Command::Settle ? "请填写结清日期。" : "请填写逾期发生日期。",
             "Give the date it happened.");
      else need(*in.onDate <= in.today, "onDate", "日期不能晚于今天。", "The date cannot be in the future.");
      break;
    default:
      break;
  }
  if (!errors.empty()) throw ApiError::validation(std::move(errors));
  t.startsDecisionClock = in.command == Command::Accept;
  t.decidedToday = in.command == Command::Approve || in.command == Command::Reject;
  t.setsOffer = in.command == Command::Approve;
  t.clockStops = in.command == Command::Accept || isDecided(t.to) || isFinal(t.to);
  if (t.to == State::Withdrawn) t.demand = DemandEvent::ApplicationWithdrawn;
  else if (t.to == State::Rejected || t.to == State::Settled) t.demand = DemandEvent::ApplicationClosed;
  else if (t.to == State::Lapsed) t.demand = DemandEvent::ClaimLapsed;
  t.tell = in.actor == Actor::Bank ? Actor::Enterprise : Actor::Bank;
  return t;
}

std::vector<Command> allowedCommands(const Facts& f, Actor actor) {
  std::vector<Command> out;
  for (const auto& e : edges()) {
    if (actorOf(e.trigger) != actor) continue;
    if (!e.startsFrom(f.state)) continue;
    if (e.trigger == Command::Disburse && f.disbursedFen >= f.approvedFen && f.state == State::Disbursed) continue;
    out.push_back(e.trigger);
  }
  return out;
}

}  // namespace jinfu::finance
