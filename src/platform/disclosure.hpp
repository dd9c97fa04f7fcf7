#pragma once
// Small-count suppression for aggregate views (statistics that promise never to show an
// individual). A cell counting one or two enterprises of a small region is an individual's data
// with a total around it; such cells are hidden, and the view says so.
#include <cstdint>
#include <vector>

namespace jinfu {

// k: the fewest enterprises a shown cell may count.
inline constexpr int64_t kMinimumCellCount = 5;

// Which cells of one table (counts that add up to its total) to hide: every count from 1 to k-1;
// when that hides exactly one cell, also the smallest other non-zero cell, so that the total
// cannot give the hidden one back; and every cell when the total itself is below k. Zero is shown.
std::vector<bool> suppressedCells(const std::vector<int64_t>& counts, int64_t k = kMinimumCellCount);

}  // namespace jinfu
