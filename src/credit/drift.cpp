#include "credit/drift.hpp"

#include <cmath>
#include <algorithm>
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

}  // namespace jinfu::credit
