#pragma once
// Population stability: how far one distribution has moved from another. Pure.
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

}  // namespace jinfu::credit
