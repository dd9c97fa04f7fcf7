// The application state machine: every legal transition, every illegal one refused with 409 and
// nothing decided, the fields each command needs, disbursements up to the approved amount, and
// the rejection reason catalogue.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "finance/application/application.hpp"
#include "finance/application/reasons.hpp"

namespace jinfu::finance {
namespace {

const Date kToday = *Date::parse("2026-03-16");

CommandInput valid(Command c) {
  CommandInput in;
  in.command = c;
  in.actor = actorOf(c);
  in.today = kToday;
  in.note = "说明";
  in.amountFen = 1'000'000'00;  // 100 万元
  in.rateBp = 385;
  in.termMonths = 12;
  in.validUntil = *Date::parse("2026-04-30");
  in.onDate = kToday;
  in.contractNo = "HT-2026-001";
  in.reasonCodes = {"R01"};
  return in;
}

Facts inState(State s) {
  Facts f;
  f.state = s;
  f.requestedFen = 2'000'000'00;
  if (isDecided(s) && s != State::Rejected) f.approvedFen = 2'000'000'00;
  if (s == State::Disbursed || s == State::Overdue || s == State::Settled) f.disbursedFen = 1'000'000'00;
  return f;
}

// The whole table of the issue: from → command → to.
const std::map<std::pair<State, Command>, State> kLegal = {
    {{State::Submitted, Command::Accept}, State::Accepted},
    {{State::Accepted, Command::RequestMaterials}, State::MaterialsRequested},
    {{State::MaterialsRequested, Command::SubmitMaterials}, State::Accepted},
    {{State::Accepted, Command::StartReview}, State::Reviewing},
    {{State::Reviewing, Command::Approve}, State::Approved},
    {{State::Reviewing, Command::Reject}, State::Rejected},
    {{State::Approved, Command::SignContract}, State::Contracted},
    {{State::Contracted, Command::Disburse}, State::Disbursed},
    {{State::Disbursed, Command::Disburse}, State::Disbursed},
    {{State::Disbursed, Command::Settle}, State::Settled},
    {{State::Disbursed, Command::ReportOverdue}, State::Overdue},
    {{State::Overdue, Command::Settle}, State::Settled},
    {{State::Submitted, Command::Withdraw}, State::Withdrawn},
    {{State::Accepted, Command::Withdraw}, State::Withdrawn},
    {{State::MaterialsRequested, Command::Withdraw}, State::Withdrawn},
    {{State::Reviewing, Command::Withdraw}, State::Withdrawn},
    {{State::Submitted, Command::Lapse}, State::Lapsed},
};

constexpr State kAllStates[] = {State::Submitted,  State::Accepted, State::MaterialsRequested, State::Reviewing,
                                State::Approved,   State::Rejected, State::Contracted,         State::Disbursed,
                                State::Settled,    State::Overdue,  State::Withdrawn, State::Lapsed};
constexpr Command kAllCommands[] = {Command::Accept,  Command::RequestMaterials, Command::SubmitMaterials,
                                    Command::StartReview, Command::Approve,     Command::Reject,
                                    Command::SignContract, Command::Disburse,   Command::Settle,
                                    Command::ReportOverdue, Command::Withdraw, Command::Lapse};

TEST(FinanceApplication, EveryLegalAndIllegalTransition) {
  int legal = 0, illegal = 0;
  for (State s : kAllStates)
    for (Command c : kAllCommands) {
      auto it = kLegal.find({s, c});
      if (it != kLegal.end()) {
        EXPECT_EQ(decide(inState(s), valid(c)).to, it->second) << code(s) << " " << code(c);
        ++legal;
      } else {
        try {
          decide(inState(s), valid(c));
          ADD_FAILURE() << code(s) << " " << code(c) << " was allowed";
        } catch (const ApiError& e) {
          EXPECT_EQ(e.status(), 409) << code(s) << " " << code(c);
          EXPECT_EQ(e.code(), "illegal_transition");
          EXPECT_NE(e.detail().zh.find(std::string(zh(s))), std::string::npos) << e.detail().zh;
        }
        ++illegal;
      }
    }
  EXPECT_EQ(legal, 17);
  EXPECT_EQ(illegal, 12 * 12 - 17);
  for (State s : kAllStates) {
    if (!isFinal(s)) continue;
    for (Command c : kAllCommands) EXPECT_THROW(decide(inState(s), valid(c)), ApiError) << code(s);
  }
}

TEST(FinanceApplication, AmountsBeyondAnyLoanAreRefusedNotOverflowed) {
  auto approve = valid(Command::Approve);
  approve.amountFen = INT64_MAX;
  EXPECT_THROW(decide(inState(State::Reviewing), approve), ApiError);
  // A disbursement of the largest integer on an approved line: refused, never wrapped into a
  // negative total that would pass the check.
  auto disburse = valid(Command::Disburse);
  disburse.amountFen = INT64_MAX;
  Facts f = inState(State::Disbursed);
  try {
    decide(f, disburse);
    FAIL();
  } catch (const ApiError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].field, "amountFen");
    EXPECT_NE(e.errors()[0].message.zh.find("1000 亿元"), std::string::npos) << e.errors()[0].message.zh;
  }
  disburse.amountFen = INT64_MAX - f.disbursedFen + 1;  // what would wrap exactly to INT64_MIN
  EXPECT_THROW(decide(f, disburse), ApiError);
}

TEST(FinanceApplication, OnlyTheRightActorMayGiveACommand) {
  auto in = valid(Command::Approve);
  in.actor = Actor::Enterprise;
  try {
    decide(inState(State::Reviewing), in);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 409);
    EXPECT_NE(e.detail().zh.find("只能由银行"), std::string::npos);
  }
  auto withdraw = valid(Command::Withdraw);
  withdraw.actor = Actor::Bank;
  EXPECT_THROW(decide(inState(State::Submitted), withdraw), ApiError);
  // Only the platform's scheduler lets a claim lapse; neither party can.
  for (Actor a : {Actor::Bank, Actor::Enterprise}) {
    auto lapse = valid(Command::Lapse);
    lapse.actor = a;
    EXPECT_THROW(decide(inState(State::Submitted), lapse), ApiError) << code(a);
  }
  EXPECT_EQ(allowedCommands(inState(State::Accepted), Actor::Enterprise), std::vector<Command>{Command::Withdraw});
  EXPECT_EQ(allowedCommands(inState(State::Accepted), Actor::Bank),
            (std::vector<Command>{Command::RequestMaterials, Command::StartReview}));
}

std::vector<std::string> fieldsOf(const Facts& f, const CommandInput& in, bool (*known)(std::string_view) = nullptr) {
  try {
    decide(f, in, known);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 422);
    std::vector<std::string> out;
    for (const auto& fe : e.errors()) out.push_back(fe.field);
    return out;
  }
  return {};
}

TEST(FinanceApplication, EachCommandChecksItsFields) {
  auto approve = valid(Command::Approve);
  approve.amountFen.reset();
  approve.rateBp = 4000;
  approve.validUntil = *Date::parse("2026-03-15");  // yesterday
  EXPECT_EQ(fieldsOf(inState(State::Reviewing), approve), (std::vector<std::string>{"amountFen", "rateBp", "validUntil"}));

  auto reject = valid(Command::Reject);
  reject.reasonCodes = {"R01", "NOPE"};
  reject.note.clear();
  EXPECT_EQ(fieldsOf(inState(State::Reviewing), reject, [](std::string_view c) { return c == "R01"; }),
            (std::vector<std::string>{"reasonCodes", "note"}));
  reject.reasonCodes.clear();
  EXPECT_EQ(fieldsOf(inState(State::Reviewing), reject).front(), "reasonCodes");

  auto materials = valid(Command::RequestMaterials);
  materials.note.clear();
  EXPECT_EQ(fieldsOf(inState(State::Accepted), materials), std::vector<std::string>{"note"});

  auto sign = valid(Command::SignContract);
  Facts expired = inState(State::Approved);
  expired.offerValidUntil = *Date::parse("2026-03-13");
  EXPECT_EQ(fieldsOf(expired, sign), std::vector<std::string>{"validUntil"});
  sign.contractNo.clear();
  EXPECT_EQ(fieldsOf(inState(State::Approved), sign), std::vector<std::string>{"contractNo"});

  auto settle = valid(Command::Settle);
  settle.onDate = *Date::parse("2026-03-17");  // tomorrow
  EXPECT_EQ(fieldsOf(inState(State::Disbursed), settle), std::vector<std::string>{"onDate"});
}

TEST(FinanceApplication, DisbursementsAddUpToTheApprovedAmountAndNoFurther) {
  Facts f = inState(State::Contracted);
  f.approvedFen = 300'000'00;  // 30 万元
  auto d = valid(Command::Disburse);
  d.amountFen = 200'000'00;
  auto t = decide(f, d);
  EXPECT_EQ(t.to, State::Disbursed);
  EXPECT_EQ(t.disbursedFen, 200'000'00);
  f.state = t.to;
  f.disbursedFen = t.disbursedFen;
  d.amountFen = 100'000'01;  // one fen too many
  try {
    decide(f, d);
    FAIL();
  } catch (const ApiError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_NE(e.errors()[0].message.zh.find("累计放款 30.000001 万元 将超过授信金额 30 万元"), std::string::npos) << e.errors()[0].message.zh;
  }
  d.amountFen = 100'000'00;
  t = decide(f, d);
  EXPECT_EQ(t.disbursedFen, 300'000'00);
  f.disbursedFen = t.disbursedFen;
  auto next = allowedCommands(f, Actor::Bank);
  EXPECT_EQ(std::count(next.begin(), next.end(), Command::Disburse), 0) << "fully disbursed";
  EXPECT_EQ(decide(inState(State::Reviewing), valid(Command::Approve)).approvedFen, 1'000'000'00);
}

TEST(FinanceApplication, CodesAndNamesRoundTrip) {
  for (State s : kAllStates) {
    EXPECT_EQ(stateByCode(code(s)), s);
    EXPECT_FALSE(zh(s).empty());
  }
  for (Command c : kAllCommands) {
    EXPECT_EQ(commandByCode(code(c)), c);
    EXPECT_FALSE(zh(c).empty());
  }
  EXPECT_FALSE(stateByCode("approved ").has_value());
}

}  // namespace
}  // namespace jinfu::finance

namespace jinfu::finance {
namespace {

TEST(FinanceReasons, EveryRejectionReasonSaysWhatToDoAndWhere) {
  std::set<std::string_view> codes;
  for (const auto& r : rejectionReasons()) {
    EXPECT_TRUE(codes.insert(r.code).second) << r.code;
    EXPECT_FALSE(r.zh.empty());
    EXPECT_FALSE(r.remedy.empty()) << r.code;
    EXPECT_FALSE(r.department.empty()) << r.code;
  }
  auto reject = valid(Command::Reject);
  reject.reasonCodes = {"R03", "R99"};
  EXPECT_EQ(fieldsOf(inState(State::Reviewing), reject, isRejectionReason), std::vector<std::string>{"reasonCodes"});
  reject.reasonCodes = {"R03", "R08"};
  EXPECT_EQ(decide(inState(State::Reviewing), reject, isRejectionReason).to, State::Rejected);
}

}  // namespace
}  // namespace jinfu::finance
