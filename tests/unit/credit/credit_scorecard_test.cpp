// The scorecard artifact: checksum, structure checks, binning, points, grades, reasons.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "credit/credit_service.hpp"
#include "credit/drift.hpp"
#include "credit/scorecard.hpp"
#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

using nlohmann::json;

json reason(const char* code) {
  return {{"code", code}, {"zh", std::string("原因") + code}, {"remedy", "改进办法"}, {"department", "税务局"}};
}

// A small card: base 500; tax_paid_12m (missing 5, <10 → 0, 10–50 → 20, ≥50 → 40) and
// dishonest (missing 10, 否 → 30, 是 → -50). Grades A ≥ 560, B ≥ 500, C below.
json smallCard() {
  return {{"format", "jinfu.scorecard/1"},
          {"version", "t-1"},
          {"title", "测试"},
          {"method", "expert"},
          {"scaling", {{"baseScore", 600}, {"baseOdds", 20}, {"pdo", 50}, {"basePoints", 500}}},
          {"grades", json::array({{{"grade", "C"}, {"zh", "中"}, {"minScore", 0}},
                                  {{"grade", "A"}, {"zh", "优"}, {"minScore", 560}},
                                  {{"grade", "B"}, {"zh", "良"}, {"minScore", 500}}})},
          {"features",
           json::array({{{"code", "tax_paid_12m"},
                         {"bins", json::array({{{"missing", true}, {"label", "未归集"}, {"points", 5}, {"reason", reason("T0")}},
                                               {{"upper", 10}, {"label", "<10"}, {"points", 0}, {"reason", reason("T1")}},
                                               {{"lower", 10}, {"upper", 50}, {"label", "10–50"}, {"points", 20}, {"reason", reason("T2")}},
                                               {{"lower", 50}, {"label", "≥50"}, {"points", 40}}})}},
                        {{"code", "dishonest"},
                         {"bins", json::array({{{"missing", true}, {"label", "未归集"}, {"points", 10}, {"reason", reason("J0")}},
                                               {{"upper", 1}, {"label", "否"}, {"points", 30}},
                                               {{"lower", 1}, {"label", "是"}, {"points", -50}, {"reason", reason("J1")}}})}}})}};
}

Scorecard load(const json& card) { return parseScorecard(sealArtifact(card.dump())); }

FeatureVector vec(double tax, double dishonest) {
  FeatureVector v;
  v.fill(kUnknown);
  v[static_cast<size_t>(Feature::TaxPaid12m)] = tax;
  v[static_cast<size_t>(Feature::Dishonest)] = dishonest;
  return v;
}

std::string codeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e.code();
  }
  return "none";
}

TEST(CreditScorecard, TheShippedExpertCardLoads) {
  Scorecard card = parseScorecard(defaultArtifact());
  EXPECT_EQ(card.version, "expert-2026.11");
  EXPECT_EQ(card.features.size(), kFeatureCount);
  EXPECT_LT(card.minScore(), card.maxScore());
  EXPECT_LE(card.grades.back().minScore, card.minScore());
  for (const auto& f : card.features)
    for (const auto& b : f.bins)
      if (b.points < f.maxPoints) {
        ASSERT_TRUE(b.reason) << info(f.feature).code << " " << b.label;
        EXPECT_FALSE(b.reason->remedy.empty());
        EXPECT_FALSE(b.reason->department.empty());
      }
}

TEST(CreditScorecard, PointsBinsAndGrades) {
  Scorecard card = load(smallCard());
  EXPECT_EQ(card.minScore(), 450);
  EXPECT_EQ(card.maxScore(), 570);
  EXPECT_EQ(card.grades.front().grade, "A");  // sorted by cut-off whatever the file's order

  auto r = score(card, vec(50, 0));  // lower bounds are inclusive
  EXPECT_EQ(r.score, 570);
  EXPECT_EQ(r.grade->grade, "A");
  EXPECT_EQ(r.bins[0], 3);

  r = score(card, vec(49.99, 1));
  EXPECT_EQ(r.score, 500 + 20 - 50);
  EXPECT_EQ(r.grade->grade, "C");

  r = score(card, vec(kUnknown, kUnknown));  // unknown lands in the missing bin, not at zero
  EXPECT_EQ(r.bins[0], 0);
  EXPECT_EQ(r.score, 515);
  EXPECT_EQ(r.grade->grade, "B");
  EXPECT_EQ(score(card, vec(0, 0)).score, 530);  // zero is a value: bin "<10", not 未归集
  EXPECT_EQ(score(card, vec(0, 0)).bins[0], 1);
}

TEST(CreditScorecard, ReasonsRankByPointsLostThenCardOrder) {
  Scorecard card = load(smallCard());
  auto reasons = rankReasons(card, score(card, vec(5, 1)));  // tax loses 40, dishonest loses 80
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].reason->code, "J1");
  EXPECT_EQ(reasons[0].pointsLost, 80);
  EXPECT_EQ(reasons[1].reason->code, "T1");
  EXPECT_EQ(reasons[1].pointsLost, 40);

  auto unknowns = rankReasons(card, score(card, vec(kUnknown, kUnknown)));  // 35 and 20 lost
  ASSERT_EQ(unknowns.size(), 2u);
  EXPECT_EQ(unknowns[0].reason->code, "T0");
  EXPECT_EQ(unknowns[1].reason->code, "J0");
  EXPECT_TRUE(rankReasons(card, score(card, vec(60, 0))).empty());  // the best bins lose nothing
}

TEST(CreditScorecard, SameInputsSameScoreAndHash) {
  Scorecard a = load(smallCard()), b = load(smallCard());
  EXPECT_EQ(a.checksum, b.checksum);
  auto v = vec(12.5, 0);
  EXPECT_EQ(score(a, v).score, score(b, v).score);
  EXPECT_EQ(inputsHash(*Date::parse("2026-01-01"), v), inputsHash(*Date::parse("2026-01-01"), vec(12.5, 0)));
}

TEST(CreditScorecard, AChangedFileIsRefusedNamingBothChecksums) {
  std::string sealed = sealArtifact(smallCard().dump());
  json doc = json::parse(sealed);
  std::string stated = doc["checksum"];
  doc["features"][0]["bins"][3]["points"] = 45;  // someone edits a point by hand
  try {
    parseScorecard(doc.dump());
    FAIL() << "accepted a changed artifact";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "scorecard_checksum_mismatch");
    EXPECT_EQ(e.status(), 422);
    EXPECT_NE(e.detail().zh.find(stated), std::string::npos);
    EXPECT_NE(e.detail().zh.find(artifactChecksum(doc.dump())), std::string::npos);
  }
  EXPECT_EQ(codeOf([&] { parseScorecard(smallCard().dump()); }), "scorecard_invalid");  // no checksum at all
  EXPECT_EQ(codeOf([&] { parseScorecard("[1,2]"); }), "scorecard_invalid");
  EXPECT_EQ(codeOf([&] { parseScorecard("{\"checksum\": "); }), "scorecard_invalid");
}

TEST(CreditScorecard, StructureProblemsAreAllNamed) {
  json card = smallCard();
  card["features"][0]["bins"][2]["lower"] = 11;              // gap between 10 and 11
  card["features"][1]["bins"][2].erase("reason");            // loses points without a reason
  card["features"].push_back({{"code", "lucky_number"}, {"bins", json::array()}});
  card["grades"][0]["minScore"] = 480;                       // above the lowest possible score
  try {
    load(card);
    FAIL() << "accepted a broken card";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "scorecard_invalid");
    std::string all;
    for (const auto& fe : e.errors()) all += fe.field + ":" + fe.message.zh + "\n";
    EXPECT_NE(all.find("features[0].bins:"), std::string::npos) << all;
    EXPECT_NE(all.find("首尾相接"), std::string::npos) << all;
    EXPECT_NE(all.find("必须给出原因代码"), std::string::npos) << all;
    EXPECT_NE(all.find("未知的指标“lucky_number”"), std::string::npos) << all;
    EXPECT_NE(all.find("高于可能的最低分"), std::string::npos) << all;
  }
  json wrongTypes = smallCard();
  wrongTypes["format"] = 1;                                  // not a string
  wrongTypes["features"][0]["bins"][0]["missing"] = "yes";  // not a boolean
  wrongTypes["grades"][1]["minScore"] = "560";               // not a number
  try {
    load(wrongTypes);
    FAIL() << "accepted wrong types";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "scorecard_invalid");
    std::string all;
    for (const auto& fe : e.errors()) all += fe.field + "\n";
    EXPECT_NE(all.find("format"), std::string::npos) << all;
    EXPECT_NE(all.find("features[0].bins[0].missing"), std::string::npos) << all;
    EXPECT_NE(all.find("grades[1].minScore"), std::string::npos) << all;
  }
  json noMissing = smallCard();
  noMissing["features"][1]["bins"].erase(0);
  EXPECT_EQ(codeOf([&] { load(noMissing); }), "scorecard_invalid");
}

TEST(CreditDrift, PopulationStabilityIndex) {
  EXPECT_DOUBLE_EQ(psi({10, 20, 30}, {1, 2, 3}), 0.0);
  double v = psi({50, 50}, {90, 10});
  EXPECT_NEAR(v, (0.5 - 0.9) * std::log(0.5 / 0.9) + (0.5 - 0.1) * std::log(0.5 / 0.1), 1e-12);
  EXPECT_EQ(driftLevel(0.05), "stable");
  EXPECT_EQ(driftLevel(0.2), "moderate");
  EXPECT_EQ(driftLevel(v), "significant");
}

TEST(CreditDrift, HistogramBinsAlignedToTheWidthOverBothRuns) {
  auto h = histogram({705, 719, 720, 758}, {690, 700}, 20);
  ASSERT_EQ(h.size(), 4u);  // 680–700, 700–720, 720–740, 740–760
  EXPECT_EQ(h[0].from, 680);
  EXPECT_EQ(h[0].to, 700);
  EXPECT_EQ(h[0].count, 0);
  EXPECT_EQ(h[0].baseCount, 1);
  EXPECT_EQ(h[1].count, 2);
  EXPECT_EQ(h[1].baseCount, 1);
  EXPECT_EQ(h[2].count, 1);
  EXPECT_EQ(h[3].count, 1);
  EXPECT_EQ(histogram({-15}, {}, 20).front().from, -20);  // floors below zero too
  EXPECT_TRUE(histogram({}, {}, 20).empty());
}

}  // namespace
}  // namespace jinfu::credit
