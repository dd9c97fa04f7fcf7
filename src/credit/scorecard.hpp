#pragma once
// The scorecard: one versioned, checksummed artifact (docs/credit-api.md) holding the bins of each
// feature, the points per bin, the scaling, the grade cut-offs and, for every bin that loses
// points, a reason code with what to fix and at which department. Pure: parsing, checking,
// scoring and ranking reasons, no I/O. Points are integers, so that a score is an exact sum and
// the same inputs give the same score on every machine and database.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credit/features.hpp"

namespace jinfu::credit {

inline constexpr std::string_view kArtifactFormat = "jinfu.scorecard/1";

struct Reason {
  std::string code;        // TAX-01
  std::string zh;          // 近12个月纳税额偏低
  std::string remedy;      // 依法足额申报纳税 …
  std::string department;  // 税务局
};

struct Bin {
  bool missing = false;  // the bin of an unknown value (未归集)
  double lower = -std::numeric_limits<double>::infinity();  // inclusive
  double upper = std::numeric_limits<double>::infinity();   // exclusive
  std::string label;
  int points = 0;
  std::optional<Reason> reason;
};

struct FeatureCard {
  Feature feature;
  std::vector<Bin> bins;  // the missing bin first, then the value bins in ascending order
  int minPoints = 0;
  int maxPoints = 0;
};

struct GradeCut {
  std::string grade;  // A
  std::string zh;     // 优
  int minScore = 0;
};

struct Scaling {
  double baseScore = 600;  // the score at which the odds (good:bad) are baseOdds
  double baseOdds = 20;
  double pdo = 40;         // points to double the odds
  int basePoints = 0;      // added to the points of the bins
};

struct Scorecard {
  std::string version;
  std::string title;
  std::string method;  // expert | woe_logistic
  std::string description;
  std::string createdAt;
  std::string checksum;  // sha256:<hex> of the canonical artifact without the checksum
  Scaling scaling;
  std::vector<GradeCut> grades;  // highest minScore first
  std::vector<FeatureCard> features;
  std::string trainingJson;  // the artifact's "training" object as JSON text, or ""

  int minScore() const;
  int maxScore() const;
  const GradeCut& gradeOf(int score) const;
};

// Reads and checks an artifact: the checksum first (422 scorecard_checksum_mismatch naming both),
// then the structure (422 scorecard_invalid listing every problem with its path).
Scorecard parseScorecard(std::string_view artifactJson);

// "sha256:<hex>" over the canonical form of the artifact JSON text without its checksum field.
// Throws 422 scorecard_invalid when the text is not a JSON object.
std::string artifactChecksum(std::string_view artifactJson);

// Completes an artifact written by the platform (the trainer): sets its checksum and returns the
// file text, pretty-printed. `artifactWithoutChecksum` must be a JSON object.
std::string sealArtifact(std::string_view artifactWithoutChecksum);

struct ScoreResult {
  int score = 0;
  const GradeCut* grade = nullptr;
  // Per card feature, in the card's order: the bin the value fell in and its points.
  std::vector<uint8_t> bins;
  std::vector<int> points;
};

// The fast path for scoring millions: no allocation when `out` is reused.
void score(const Scorecard& card, const FeatureVector& features, ScoreResult& out);
ScoreResult score(const Scorecard& card, const FeatureVector& features);

struct RankedReason {
  size_t cardFeature;  // index into card.features
  const Reason* reason;
  int pointsLost;      // against the feature's best bin
};

// Every feature that lost points and has a reason, most points lost first, ties in card order.
std::vector<RankedReason> rankReasons(const Scorecard& card, const ScoreResult& result);

// The odds (good:bad) a score stands for under the card's scaling.
double oddsAt(const Scaling& scaling, double score);

}  // namespace jinfu::credit
