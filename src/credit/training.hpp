#pragma once
// Training a scorecard from labelled outcomes: WoE binning per feature (by value for a feature with
// few distinct values, else quantiles merged to a monotonic bad rate or, where the data clearly
// support it, one turn), a logistic regression on the WoE values, points from the scaling, and the
// usual checks — AUC, KS and the population stability index between the development and
// validation samples — with every feature left out named and why. Pure and deterministic: the
// same samples and options give the same artifact, byte for byte.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "credit/features.hpp"
#include "credit/scorecard.hpp"

namespace jinfu::credit {

struct Sample {
  FeatureVector x;
  bool bad = false;  // the loan went overdue (逾期) rather than being repaid (结清)
};

struct TrainOptions {
  std::string version;
  std::string title;
  std::string createdAt;
  std::string source;           // where the outcomes came from, for the artifact's record
  double minBinShare = 0.05;    // of the known values of a continuous feature (a discrete one is binned by value)
  int initialBins = 20;         // quantile bins before merging
  int maxBins = 6;              // value bins per feature after merging
  double minInformationValue = 0.02;  // a feature below this is left out
  double validationShare = 0.3;
  uint64_t seed = 20261127;     // the development/validation split
  double baseScore = 600, baseOdds = 20, pdo = 50;
  // Reason texts, remedies and departments are taken from this card's bins for the same feature
  // (the expert card), so that a trained card explains itself the same way.
  const Scorecard* reasonsFrom = nullptr;
  // The card in use, measured on the same validation sample, so that the admin compares like
  // with like before activating.
  const Scorecard* baseline = nullptr;
  std::string baselineVersion;
};

struct FeatureFit {
  Feature feature;
  std::vector<double> cuts;     // upper bounds of the value bins but the last
  std::vector<double> woe;      // missing bin first, then the value bins
  std::vector<int64_t> goods, bads;
  double informationValue = 0;
  double coefficient = 0;
  bool used = false;
  int64_t known = 0;            // development loans with a known value
  size_t distinct = 0;          // distinct known values (counted up to one past the discrete limit)
  bool discrete = false;        // pre-binned by value
  int thinValues = 0;           // of a discrete feature: values held by too few loans for a bin of their own
  bool turned = false;          // the bad rate has one turn (U or ∩) instead of being monotonic
};

// A feature the card leaves out, and why, in Chinese: 信息值 0.004 低于 0.02, 与 X 共线…
struct DroppedFeature {
  Feature feature;
  std::string reason;
};

struct Metrics {
  int64_t sample = 0;
  int64_t bads = 0;
  double auc = 0;
  double ks = 0;
};

struct TrainResult {
  std::string artifact;         // sealed scorecard JSON
  Scorecard card;
  std::vector<FeatureFit> fits;
  double intercept = 0;
  Metrics development, validation;
  double psi = 0;               // development vs. validation score distributions
  std::optional<Metrics> baseline;  // the baseline card on the validation sample
  std::vector<bool> heldOut;     // per sample: in the validation sample
  std::vector<DroppedFeature> dropped;  // every feature with known values that the card leaves out
};

// Throws ApiError 422 when the sample cannot support a model (too small, one class only, no
// feature with information).
TrainResult train(const std::vector<Sample>& samples, const TrainOptions& options);

// Area under the ROC curve for `scores` where higher means better (less likely bad); ties half.
double auc(const std::vector<double>& scores, const std::vector<bool>& bad);
// Kolmogorov–Smirnov: the largest gap between the score distributions of goods and bads.
double ks(const std::vector<double>& scores, const std::vector<bool>& bad);
// PSI of `actual` scores against `expected` over ten quantile bins of `expected`.
double scorePsi(const std::vector<double>& expected, const std::vector<double>& actual);

}  // namespace jinfu::credit
