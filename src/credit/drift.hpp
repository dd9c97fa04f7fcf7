#pragma once
// Population stability: how far one distribution has moved from another. Pure.
#include <cstdint>
#include <string_view>
#include <vector>

namespace jinfu::credit {

// PSI = Σ (a − b) · ln(a / b) over the shares of each category (bins with no members count as a
// tiny share so that the sum stays finite). `actual` and `expected` are counts in the same order.
double psi(const std::vector<double>& actual, const std::vector<double>& expected);

// One category's contribution, from its two shares.
double psiTerm(double actualShare, double expectedShare);

// "stable" (< 0.10), "moderate" (< 0.25) or "significant".
std::string_view driftLevel(double psi);

// Two score distributions counted in bins of `width` points over the range both cover, bins
// aligned to multiples of the width (700–720, 720–740 …). Empty when both are empty.
struct HistogramBin {
  int from = 0, to = 0;  // [from, to)
  int64_t count = 0, baseCount = 0;
};
std::vector<HistogramBin> histogram(const std::vector<int>& scores, const std::vector<int>& baseScores, int width);

}  // namespace jinfu::credit
