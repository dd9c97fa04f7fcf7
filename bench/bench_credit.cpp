// The scoring step alone, in process: the shipped expert scorecard applied to one million
// feature vectors, against the limit on this machine — reading the same vectors and summing
// their values, which is the memory traffic scoring cannot avoid. Also the feature step: one
// enterprise's facts (a year of tax and social insurance, canonical JSON as stored) turned into
// features. One thread: the figures are per core. Prints figures; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "credit/credit_service.hpp"
#include "credit/features.hpp"
#include "credit/scorecard.hpp"

using namespace jinfu;
using namespace jinfu::credit;

template <class F>
double bestSeconds(int rounds, F&& f) {
  double best = 1e9;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    f();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

int main(int argc, char** argv) {
  const size_t n = argc > 1 ? std::stoul(argv[1]) : 1'000'000;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<FeatureVector> vectors(n);
  for (auto& v : vectors)
    for (size_t j = 0; j < kFeatureCount; ++j) {
      double x = u(rng);
      v[j] = x < 0.15 ? kUnknown : j == 1 || j == 2 ? x * 500 : j == 3 || j == 6 ? x * 80 - 40 : x * 12;
    }
  Scorecard card = parseScorecard(defaultArtifact());

  long long checksum = 0;
  ScoreResult result;
  double scoring = bestSeconds(5, [&] {
    for (const auto& v : vectors) {
      score(card, v, result);
      checksum += result.score;
    }
  });
  double sum = 0;
  double reading = bestSeconds(5, [&] {
    for (const auto& v : vectors)
      for (double x : v) sum += std::isnan(x) ? 0 : x;
  });
  std::printf("scoring step, expert card (%zu features), one thread:\n", card.features.size());
  std::printf("  score %zu enterprises          %8.3f s  %12.0f enterprises/s\n", n, scoring, n / scoring);
  std::printf("  limit: read the same vectors   %8.3f s  %12.0f vectors/s\n", reading, n / reading);
  std::printf("  ratio (scoring / limit time)   %8.2f×    target ≥ 1 000 000 enterprises/s per core: %s\n",
              scoring / reading, n / scoring >= 1e6 ? "met" : "missed");

  // Features from facts: 12 months of tax and 12 of social insurance per enterprise.
  const Date asOf = *Date::parse("2026-11-27");
  std::vector<FactInput> facts;
  for (int m = 0; m < 12; ++m) {
    char month[8];
    std::snprintf(month, sizeof month, "2025-%02d", m + 1);
    facts.push_back({"tax", std::string(month) + "-28",
                     std::string("{\"creditGrade\":\"B\",\"period\":\"") + month + "\",\"taxPaid\":1234567}"});
    facts.push_back({"social_insurance", std::string(month) + "-28",
                     std::string("{\"insuredCount\":42,\"period\":\"") + month + "\"}"});
  }
  Coverage coverage{true, true, true, true, true, true};
  const size_t enterprises = n / 10;
  FeatureBuilder builder(coverage, asOf);
  double featureSeconds = bestSeconds(3, [&] {
    for (size_t e = 0; e < enterprises; ++e) {
      builder.reset(Date::parse("2015-01-01"));
      for (const auto& f : facts) builder.add(f.category, f.factDate, f.valuesJson);
      sum += builder.finish()[1];
    }
  });
  std::printf("feature step, 24 facts per enterprise, one thread:\n");
  std::printf("  %zu enterprises                 %8.3f s  %12.0f enterprises/s (%.0f facts/s)\n", enterprises,
              featureSeconds, enterprises / featureSeconds, enterprises * 24 / featureSeconds);
  std::printf("(checksum %lld %.0f)\n", checksum, sum);
  return 0;
}
