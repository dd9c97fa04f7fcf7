// Training recovers a known structure: data generated from a logistic model with known effects,
// trained on; the card's validation AUC must come within 0.02 of the AUC of the generator's own
// probabilities on the same loans, and the points must move the way the effects do.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "credit/outcomes.hpp"
#include "credit/training.hpp"
#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

struct World {
  std::vector<Sample> samples;
  std::vector<double> truthGood;  // the generator's probability of repaying
};

// Four features with known effects on the log-odds of going overdue; social-insurance arrears
// are unknown for a fifth of the firms, and unknown carries a risk of its own.
World generate(size_t n, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::lognormal_distribution<double> taxDist(2.0, 1.2);
  std::poisson_distribution<int> arrearsDist(0.8);
  std::bernoulli_distribution hightechDist(0.15), unknownArrears(0.2);
  std::uniform_real_distribution<double> yearsDist(0.2, 30), u(0, 1);
  World w;
  for (size_t i = 0; i < n; ++i) {
    Sample s;
    s.x.fill(kUnknown);
    double tax = std::round(taxDist(rng) * 100) / 100;
    double years = std::round(yearsDist(rng) * 10) / 10;
    bool hightech = hightechDist(rng);
    double logit = -1.6 - 0.8 * std::log1p(tax) - 0.8 * (hightech ? 1 : 0) - 0.05 * years;
    if (unknownArrears(rng)) {
      logit += 0.35;
    } else {
      int arrears = std::min(arrearsDist(rng), 12);
      s.x[static_cast<size_t>(Feature::SiArrearsMonths)] = arrears;
      logit += 0.6 * arrears;
    }
    s.x[static_cast<size_t>(Feature::TaxPaid12m)] = tax;
    s.x[static_cast<size_t>(Feature::YearsEstablished)] = years;
    s.x[static_cast<size_t>(Feature::Hightech)] = hightech ? 1 : 0;
    double pBad = 1 / (1 + std::exp(-logit));
    s.bad = u(rng) < pBad;
    w.samples.push_back(s);
    w.truthGood.push_back(1 - pBad);
  }
  return w;
}

const FeatureCard* cardFeature(const Scorecard& card, Feature f) {
  for (const auto& c : card.features)
    if (c.feature == f) return &c;
  return nullptr;
}

TEST(CreditTraining, RecoversTheGeneratorsStructure) {
  World w = generate(40000, 7);
  TrainOptions o;
  o.version = "woe-test";
  o.createdAt = "2026-11-27T00:00:00+08:00";
  o.source = "synthetic";
  auto result = train(w.samples, o);

  // The generator's own AUC on the validation loans: the best any model could do there.
  std::vector<double> truth, model;
  std::vector<bool> bad;
  ScoreResult r;
  for (size_t i = 0; i < w.samples.size(); ++i) {
    if (!result.heldOut[i]) continue;
    score(result.card, w.samples[i].x, r);
    model.push_back(r.score);
    truth.push_back(w.truthGood[i]);
    bad.push_back(w.samples[i].bad);
  }
  double trueAuc = auc(truth, bad);
  double modelAuc = auc(model, bad);
  EXPECT_GT(trueAuc, 0.70);  // the structure is there to find
  EXPECT_NEAR(result.validation.auc, trueAuc, 0.02) << "true " << trueAuc << " validation " << result.validation.auc;
  EXPECT_DOUBLE_EQ(modelAuc, result.validation.auc);  // the reported figure is the card's own
  EXPECT_GT(result.validation.ks, 0.25);
  EXPECT_LT(result.psi, 0.02);  // a random split of one population does not drift

  // Points move with the generator's effects.
  auto tax = cardFeature(result.card, Feature::TaxPaid12m);
  ASSERT_TRUE(tax);
  for (size_t b = 2; b < tax->bins.size(); ++b) EXPECT_GE(tax->bins[b].points, tax->bins[b - 1].points) << b;
  EXPECT_GT(tax->bins.back().points, tax->bins[1].points);
  auto arrears = cardFeature(result.card, Feature::SiArrearsMonths);
  ASSERT_TRUE(arrears);
  for (size_t b = 2; b < arrears->bins.size(); ++b) EXPECT_LE(arrears->bins[b].points, arrears->bins[b - 1].points) << b;
  EXPECT_LT(arrears->bins.back().points, arrears->bins[1].points);
  auto hightech = cardFeature(result.card, Feature::Hightech);
  ASSERT_TRUE(hightech);
  EXPECT_GT(hightech->bins.back().points, hightech->bins[1].points);
  auto years = cardFeature(result.card, Feature::YearsEstablished);
  ASSERT_TRUE(years);
  EXPECT_GT(years->bins.back().points, years->bins[1].points);
  // A feature with no information is left out.
  EXPECT_EQ(cardFeature(result.card, Feature::Patents), nullptr);
  // Every bin below the best says why and what to do.
  for (const auto& f : result.card.features)
    for (const auto& b : f.bins)
      if (b.points < f.maxPoints) {
        EXPECT_TRUE(b.reason) << info(f.feature).code << " " << b.label;
      }
}

TEST(CreditTraining, IsDeterministic) {
  World w = generate(5000, 11);
  TrainOptions o;
  o.version = "woe-det";
  o.createdAt = "2026-11-27T00:00:00+08:00";
  EXPECT_EQ(train(w.samples, o).artifact, train(w.samples, o).artifact);
}

TEST(CreditTraining, RefusesASampleThatCannotSupportAModel) {
  World w = generate(150, 3);
  TrainOptions o;
  o.version = "tiny";
  try {
    train(w.samples, o);
    FAIL() << "trained on 150 loans";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "training_failed");
    EXPECT_NE(e.detail().zh.find("样本不足"), std::string::npos);
  }
  World all = generate(1000, 5);
  for (auto& s : all.samples) s.bad = false;
  EXPECT_THROW(train(all.samples, o), ApiError);
}

TEST(CreditTraining, AucAndKsOnKnownRankings) {
  EXPECT_DOUBLE_EQ(auc({1, 2, 3, 4}, {true, true, false, false}), 1.0);
  EXPECT_DOUBLE_EQ(auc({1, 2, 3, 4}, {false, false, true, true}), 0.0);
  EXPECT_DOUBLE_EQ(auc({1, 1, 1, 1}, {true, false, true, false}), 0.5);
  EXPECT_DOUBLE_EQ(ks({1, 2, 3, 4}, {true, true, false, false}), 1.0);
  EXPECT_NEAR(scorePsi({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), 0.0, 1e-12);
}

}  // namespace
}  // namespace jinfu::credit

namespace jinfu::credit {
namespace {

TEST(CreditOutcomes, ReadsLoansAndNamesEveryRowLeftOut) {
  auto f = readOutcomes(
      "统一社会信用代码,观察日期,结果\n"
      "91410800171971661U,2026-03-31,逾期\n"
      "９１４１０８００ＭＡ４５４８０７ＸＥ,2026-03-31,结清\n"
      "91410800171971661X,2026-03-31,结清\n"
      "91410800171971661U,2026/03/31,结清\n"
      "91410800171971661U,2026-03-31,也许\n");
  ASSERT_EQ(f.rows.size(), 2u);
  EXPECT_TRUE(f.rows[0].bad);
  EXPECT_EQ(f.rows[1].uscc, "91410800MA454807XE");  // full-width normalised
  EXPECT_FALSE(f.rows[1].bad);
  ASSERT_EQ(f.problems.size(), 3u);
  EXPECT_NE(f.problems[0].find("第 4 行"), std::string::npos);
  EXPECT_NE(f.problems[0].find("不合法"), std::string::npos);
  EXPECT_NE(f.problems[1].find("YYYY-MM-DD"), std::string::npos);
  EXPECT_NE(f.problems[2].find("无法识别"), std::string::npos);
}

TEST(CreditOutcomes, ThePlatformsOwnLoansAreLabelledByTheirApplicationState) {
  EXPECT_EQ(platformLoanBad("settled", false), false);
  EXPECT_EQ(platformLoanBad("settled", true), true);  // overdue first, settled later: still a bad loan
  EXPECT_EQ(platformLoanBad("overdue", true), true);
  EXPECT_EQ(platformLoanBad("overdue", false), true);
  EXPECT_EQ(platformLoanBad("disbursed", false), std::nullopt);  // still running: no outcome yet
  EXPECT_EQ(platformLoanBad("rejected", false), std::nullopt);
}

TEST(CreditOutcomes, RefusesFilesThatCannotBeRead) {
  auto code = [](std::string_view text, bool features) {
    try {
      features ? readFeatureSamples(text) : readOutcomes(text);
    } catch (const ApiError& e) {
      return e.code();
    }
    return std::string("none");
  };
  EXPECT_EQ(code("统一社会信用代码,观察日期\n91410800171971661U,2026-03-31\n", false), "validation_failed");
  EXPECT_EQ(code("统一社会信用代码,结果\n", false), "validation_failed");
  EXPECT_EQ(code("a,\"b\n", false), "malformed_csv");
  EXPECT_EQ(code("\xff\xfe,结果\n", false), "invalid_utf8");
  EXPECT_EQ(code("colour,结果\nred,逾期\n", true), "validation_failed");
  auto f = readFeatureSamples("tax_paid_12m,hightech,结果\n12.5,,逾期\nabc,1,结清\n");
  ASSERT_EQ(f.samples.size(), 1u);
  EXPECT_DOUBLE_EQ(f.samples[0].x[static_cast<size_t>(Feature::TaxPaid12m)], 12.5);
  EXPECT_FALSE(known(f.samples[0].x[static_cast<size_t>(Feature::Hightech)]));  // empty cell: unknown
  EXPECT_NE(f.problems.at(0).find("不是数值"), std::string::npos);
}

}  // namespace
}  // namespace jinfu::credit

namespace jinfu::credit {
namespace {

TEST(CreditScaling, PointsToDoubleTheOddsAndTheTrainedBase) {
  Scaling s;
  s.baseScore = 600;
  s.baseOdds = 20;
  s.pdo = 50;
  EXPECT_DOUBLE_EQ(oddsAt(s, 600), 20);
  EXPECT_NEAR(oddsAt(s, 650), 40, 1e-9);
  EXPECT_NEAR(oddsAt(s, 550), 10, 1e-9);

  // A trained card's base points are the scaling's offset plus the intercept in points.
  std::mt19937_64 rng(1);
  std::bernoulli_distribution coin(0.5);
  std::vector<Sample> samples;
  for (int i = 0; i < 4000; ++i) {
    Sample x;
    x.x.fill(kUnknown);
    bool good = coin(rng);
    x.x[static_cast<size_t>(Feature::Hightech)] = good ? (coin(rng) || coin(rng) ? 1 : 0) : (coin(rng) && coin(rng) ? 1 : 0);
    x.bad = !good;
    samples.push_back(x);
  }
  TrainOptions o;
  o.version = "scaling";
  auto r = train(samples, o);
  const double factor = o.pdo / std::log(2.0);
  const double offset = o.baseScore - factor * std::log(o.baseOdds);
  EXPECT_EQ(r.card.scaling.basePoints, static_cast<int>(std::lround(offset + factor * r.intercept)));
  // One feature: each bin's points are factor × coefficient × WoE, rounded.
  ASSERT_EQ(r.card.features.size(), 1u);
  const auto& fit = r.fits[static_cast<size_t>(Feature::Hightech)];
  for (size_t b = 0; b < fit.woe.size(); ++b)
    EXPECT_EQ(r.card.features[0].bins[b].points, static_cast<int>(std::lround(factor * fit.coefficient * fit.woe[b])));
  EXPECT_GT(r.card.features[0].bins.back().points, r.card.features[0].bins[1].points);  // 是 > 否
}

}  // namespace
}  // namespace jinfu::credit
