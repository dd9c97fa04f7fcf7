#include "platform/disclosure.hpp"

#include <gtest/gtest.h>

namespace jinfu {
namespace {

using Cells = std::vector<int64_t>;
using Hidden = std::vector<bool>;

TEST(SuppressedCells, HidesCountsBelowFiveAndShowsZero) {
  EXPECT_EQ(suppressedCells({40, 3, 0, 2, 55}), (Hidden{false, true, false, true, false}));
  EXPECT_EQ(suppressedCells({40, 30, 0, 25}), (Hidden{false, false, false, false}));
}

TEST(SuppressedCells, ALoneHiddenCellTakesTheSmallestOtherWithItSoTheTotalCannotGiveItBack) {
  // Total 48 is shown: hiding only the 1 would leave it as 48 − 40 − 7.
  EXPECT_EQ(suppressedCells({40, 1, 7, 0}), (Hidden{false, true, true, false}));
}

TEST(SuppressedCells, ATotalBelowFiveHidesEveryNonZeroCell) {
  EXPECT_EQ(suppressedCells({1, 0, 2}), (Hidden{true, false, true}));
  EXPECT_EQ(suppressedCells({0, 0}), (Hidden{false, false}));
  EXPECT_EQ(suppressedCells({4}), (Hidden{true}));
}

TEST(SuppressedCells, TheMinimumIsConfigurable) {
  // With k = 11 the 10 is hidden, and with it the 12 (the smallest other), as the total is shown.
  EXPECT_EQ(suppressedCells({10, 12, 30}, 11), (Hidden{true, true, false}));
  EXPECT_EQ(suppressedCells({10, 12, 30}, 2), (Hidden{false, false, false}));
}

}  // namespace
}  // namespace jinfu
