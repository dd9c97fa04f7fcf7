// The scorecard and scoring-run lifecycles (credit/credit.hpp), without a database.
#include <gtest/gtest.h>

#include "credit/credit.hpp"
#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

std::string refusal(auto&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return std::to_string(e.status()) + " " + e.code();
  }
  return "allowed";
}

TEST(CreditLifecycle, ScorecardEdges) {
  using S = CardStatus;
  EXPECT_EQ(decide(S::Candidate, S::Active, "v1"), S::Active);
  EXPECT_EQ(decide(S::Retired, S::Active, "v1"), S::Active);  // an earlier version back in use
  EXPECT_EQ(decide(S::Active, S::Retired, "v1"), S::Retired);  // another one was activated
  EXPECT_EQ(refusal([] { decide(S::Active, S::Active, "v1"); }), "409 scorecard_already_active");
  EXPECT_EQ(refusal([] { decide(S::Candidate, S::Retired, "v1"); }), "409 illegal_transition");
  EXPECT_EQ(refusal([] { decide(S::Retired, S::Retired, "v1"); }), "409 illegal_transition");
  for (auto from : {S::Candidate, S::Active, S::Retired})
    EXPECT_EQ(refusal([&] { decide(from, S::Candidate, "v1"); }), "409 illegal_transition");
}

TEST(CreditLifecycle, ScorecardAlreadyActiveNamesTheVersion) {
  try {
    decide(CardStatus::Active, CardStatus::Active, "woe-2026.12");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_NE(e.detail().zh.find("woe-2026.12"), std::string::npos);
  }
}

TEST(CreditLifecycle, RunEdges) {
  EXPECT_EQ(decide(RunStatus::Running, RunStatus::Completed), RunStatus::Completed);
  EXPECT_EQ(refusal([] { decide(RunStatus::Completed, RunStatus::Completed); }), "409 illegal_transition");
  EXPECT_EQ(refusal([] { decide(RunStatus::Completed, RunStatus::Running); }), "409 illegal_transition");
  EXPECT_EQ(refusal([] { decide(RunStatus::Running, RunStatus::Running); }), "409 illegal_transition");
  EXPECT_TRUE(takesScores(RunStatus::Running));
  EXPECT_FALSE(takesScores(RunStatus::Completed));
}

TEST(CreditLifecycle, Codes) {
  for (auto s : {CardStatus::Candidate, CardStatus::Active, CardStatus::Retired}) EXPECT_EQ(cardStatusByCode(code(s)), s);
  for (auto s : {RunStatus::Running, RunStatus::Completed}) EXPECT_EQ(runStatusByCode(code(s)), s);
  EXPECT_FALSE(cardStatusByCode("draft"));
  EXPECT_FALSE(runStatusByCode("failed"));
}

}  // namespace
}  // namespace jinfu::credit
