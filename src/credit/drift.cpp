#include "credit/drift.hpp"

#include <cmath>
#include <algorithm>
#include <limits>
#include <numeric>

namespace jinfu::credit {

namespace {
constexpr double kFloor = 1e-4;
}

double psiTerm(double actualShare, double expectedShare) {
  double pa = std::max(actualShare, kFloor), pe = std::max(expectedShare, kFloor);
  return (pa - pe) * std::log(pa / pe);
}

double psi(const std::vector<double>& actual, const std::vector<double>& expected) {
  double a = std::accumulate(actual.begin(), actual.end(), 0.0);
  double e = std::accumulate(expected.begin(), expected.end(), 0.0);
  if (a <= 0 || e <= 0) return 0;
  double sum = 0;
  for (size_t i = 0; i < actual.size() && i < expected.size(); ++i) {
    sum += psiTerm(actual[i] / a, expected[i] / e);
  }
  return sum;
}

std::string_view driftLevel(double value) {
  if (value < 0.10) return "stable";
  if (value < 0.25) return "moderate";
  return "significant";
}

std::vector<HistogramBin> histogram(const std::vector<int>& scores, const std::vector<int>& baseScores, int width) {
  std::vector<HistogramBin> out;
  if (scores.empty() && baseScores.empty()) return out;
  int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
  for (const auto* list : {&scores, &baseScores})
    for (int s : *list) lo = std::min(lo, s), hi = std::max(hi, s);
  auto floorTo = [width](int v) { return (v >= 0 ? v / width : (v - width + 1) / width) * width; };
  const int from = floorTo(lo);
  const size_t n = static_cast<size_t>((floorTo(hi) - from) / width + 1);
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    out[i].from = from + static_cast<int>(i) * width;
    out[i].to = out[i].from + width;
  }
  for (int s : scores) ++out[static_cast<size_t>((s - from) / width)].count;
  for (int s : baseScores) ++out[static_cast<size_t>((s - from) / width)].baseCount;
  return out;
}

}  // namespace jinfu::credit
