// The lifecycles of 融资对接 beside the application's: a demand moves only by its events, a product
// only 草稿 → 上架 ⇄ 下架; and an application's command says every effect beyond its own state —
// where its demand goes, whether the time limit stops, who is told — so that the service only
// applies what the rules decided.
#include <gtest/gtest.h>

#include "finance/application/application.hpp"
#include "finance/demand/demand.hpp"
#include "finance/oversight/deadlines.hpp"
#include "finance/product/product.hpp"

namespace jinfu::finance {
namespace {

constexpr DemandStatus kAll[] = {DemandStatus::Open, DemandStatus::Claimed, DemandStatus::Directed,
                                 DemandStatus::Closed, DemandStatus::Withdrawn};

TEST(FinanceDemand, EveryEventFromEveryStatus) {
  struct Case {
    DemandEvent event;
    DemandStatus from, to;
  };
  const Case legal[] = {
      {DemandEvent::Claim, DemandStatus::Open, DemandStatus::Claimed},
      {DemandEvent::Withdraw, DemandStatus::Open, DemandStatus::Withdrawn},
      {DemandEvent::ClaimLapsed, DemandStatus::Claimed, DemandStatus::Open},
      {DemandEvent::ApplicationWithdrawn, DemandStatus::Claimed, DemandStatus::Withdrawn},
      {DemandEvent::ApplicationWithdrawn, DemandStatus::Directed, DemandStatus::Withdrawn},
      {DemandEvent::ApplicationClosed, DemandStatus::Claimed, DemandStatus::Closed},
      {DemandEvent::ApplicationClosed, DemandStatus::Directed, DemandStatus::Closed},
  };
  for (auto event : {DemandEvent::Claim, DemandEvent::Withdraw, DemandEvent::ClaimLapsed,
                     DemandEvent::ApplicationWithdrawn, DemandEvent::ApplicationClosed}) {
    for (auto from : kAll) {
      const Case* hit = nullptr;
      for (const auto& c : legal)
        if (c.event == event && c.from == from) hit = &c;
      if (hit) {
        EXPECT_EQ(decide(from, event), hit->to) << code(from);
      } else {
        try {
          decide(from, event);
          ADD_FAILURE() << "event " << static_cast<int>(event) << " from " << code(from) << " was accepted";
        } catch (const ApiError& e) {
          EXPECT_EQ(e.status(), 409) << code(from);
        }
      }
    }
  }
}

TEST(FinanceDemand, RefusalsSayWhatToDoInstead) {
  try {
    decide(DemandStatus::Claimed, DemandEvent::Withdraw);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "illegal_transition");
    EXPECT_EQ(e.detail().zh, "需求已有银行在办理，请在“我的申请”中撤回申请。");
  }
  try {
    decide(DemandStatus::Closed, DemandEvent::Claim);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "demand_taken");
  }
}

TEST(FinanceDemand, CodesAndLabelsRoundTrip) {
  for (auto s : kAll) EXPECT_EQ(demandStatusByCode(code(s)), s);
  EXPECT_EQ(zh(DemandStatus::Open), "待接单");
  EXPECT_EQ(demandStatusByCode("pending"), std::nullopt);
  EXPECT_EQ(initialStatus(true), DemandStatus::Directed);
  EXPECT_EQ(initialStatus(false), DemandStatus::Open);
}

TEST(FinanceProduct, DraftPublishedWithdrawnAndBack) {
  EXPECT_EQ(decide(ProductStatus::Draft, ProductStatus::Published), ProductStatus::Published);
  EXPECT_EQ(decide(ProductStatus::Published, ProductStatus::Withdrawn), ProductStatus::Withdrawn);
  EXPECT_EQ(decide(ProductStatus::Withdrawn, ProductStatus::Published), ProductStatus::Published);
  EXPECT_THROW(decide(ProductStatus::Draft, ProductStatus::Withdrawn), ApiError);
  EXPECT_THROW(decide(ProductStatus::Published, ProductStatus::Published), ApiError);
  EXPECT_THROW(decide(ProductStatus::Withdrawn, ProductStatus::Withdrawn), ApiError);
  EXPECT_TRUE(mayEdit(ProductStatus::Draft));
  EXPECT_TRUE(mayEdit(ProductStatus::Withdrawn));
  EXPECT_FALSE(mayEdit(ProductStatus::Published));
}

CommandInput command(Command c, Actor actor) {
  CommandInput in;
  in.command = c;
  in.actor = actor;
  in.today = *Date::parse("2026-03-16");
  in.note = "说明";
  in.amountFen = 100'000'000;
  in.rateBp = 385;
  in.termMonths = 12;
  in.validUntil = *Date::parse("2026-04-30");
  in.onDate = in.today;
  in.contractNo = "HT-1";
  in.reasonCodes = {"R01"};
  return in;
}

Facts at(State s) {
  Facts f;
  f.state = s;
  f.requestedFen = 200'000'000;
  f.approvedFen = 200'000'000;
  return f;
}

TEST(FinanceApplicationEffects, AcceptStartsTheDecisionClockAndStopsTheContactClock) {
  auto t = decide(at(State::Submitted), command(Command::Accept, Actor::Bank));
  EXPECT_TRUE(t.startsDecisionClock);
  EXPECT_TRUE(t.clockStops);
  EXPECT_FALSE(t.decidedToday);
  EXPECT_FALSE(t.demand);
  EXPECT_EQ(t.tell, Actor::Enterprise);
}

TEST(FinanceApplicationEffects, ADecisionIsDatedAndAnApprovalSetsTheOffer) {
  auto approve = decide(at(State::Reviewing), command(Command::Approve, Actor::Bank));
  EXPECT_TRUE(approve.decidedToday);
  EXPECT_TRUE(approve.setsOffer);
  EXPECT_TRUE(approve.clockStops);
  EXPECT_FALSE(approve.demand);  // the demand stays with the bank until the loan ends
  auto reject = decide(at(State::Reviewing), command(Command::Reject, Actor::Bank), [](std::string_view) { return true; });
  EXPECT_TRUE(reject.decidedToday);
  EXPECT_FALSE(reject.setsOffer);
  EXPECT_EQ(reject.demand, DemandEvent::ApplicationClosed);
}

TEST(FinanceApplicationEffects, TheDemandEndsWithItsApplication) {
  Facts disbursed = at(State::Disbursed);
  disbursed.disbursedFen = 100'000'000;
  EXPECT_EQ(decide(disbursed, command(Command::Settle, Actor::Bank)).demand, DemandEvent::ApplicationClosed);
  auto withdrawn = decide(at(State::Accepted), command(Command::Withdraw, Actor::Enterprise));
  EXPECT_EQ(withdrawn.demand, DemandEvent::ApplicationWithdrawn);
  EXPECT_TRUE(withdrawn.clockStops);
  EXPECT_EQ(withdrawn.tell, Actor::Bank);  // the enterprise acted: the bank hears of it
  EXPECT_EQ(decide(at(State::Submitted), command(Command::Lapse, Actor::System)).demand, DemandEvent::ClaimLapsed);
  EXPECT_FALSE(decide(at(State::Accepted), command(Command::StartReview, Actor::Bank)).clockStops);
}

}  // namespace
}  // namespace jinfu::finance

namespace jinfu::finance {
namespace {

// Every code the rules know has its label in the one dictionary (a code missing there would be
// shown to people as the bare code).
TEST(FinanceDictionary, EveryCodeOfTheRulesHasItsLabel) {
  for (int i = 0; i <= static_cast<int>(State::Lapsed); ++i) {
    auto s = static_cast<State>(i);
    EXPECT_NE(zh(s), code(s)) << code(s);
  }
  for (int i = 0; i <= static_cast<int>(Command::Lapse); ++i) {
    auto c = static_cast<Command>(i);
    EXPECT_NE(zh(c), code(c)) << code(c);
  }
  for (auto s : kAll) EXPECT_NE(zh(s), code(s)) << code(s);
  for (auto s : {ProductStatus::Draft, ProductStatus::Published, ProductStatus::Withdrawn}) EXPECT_NE(zh(s), code(s));
  for (auto s : {Step::ClaimOrRespond, Step::FirstContact, Step::Decision}) EXPECT_NE(zh(s), code(s));
  EXPECT_EQ(zh(State::Submitted), "已提交");
  EXPECT_EQ(zh(Command::Lapse), "接单超时失效");
  EXPECT_EQ(zh(Actor::System), "平台");
  EXPECT_EQ(nameOf(productKinds(), "tax"), "税易贷");
  EXPECT_EQ(nameOf(urgencies(), "very_urgent"), "紧急");
  EXPECT_EQ(guaranteeKinds().size(), 4u);
}

}  // namespace
}  // namespace jinfu::finance
