#pragma once
// The credit features: what the scorecard looks at, computed from collected facts as of a moment.
// Pure: the store hands in the facts the platform had received by then, this file turns them into
// numbers. A feature whose source was not collected is unknown (NaN), never zero — a firm the tax
// office never reported on has not "paid no tax".
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"

namespace jinfu::credit {

// The order is part of the inputs hash and of the scoring fast path; append, never reorder.
enum class Feature : uint8_t {
  YearsEstablished,
  TaxPaid12m,
  TaxPaid24m,
  TaxTrend,
  TaxCreditGrade,
  InsuredCount,
  InsuredTrend,
  SiArrearsMonths,
  HfArrearsMonths,
  UtilityArrearsMonths,
  PenaltyMinor36m,
  PenaltyGeneral36m,
  PenaltySerious36m,
  EnforcementOpen,
  Dishonest,
  AbnormalListed,
  SeriousIllegalListed,
  LicencesValid,
  Patents,
  Trademarks,
  Hightech,
  Specialised,
};
inline constexpr size_t kFeatureCount = 22;

struct FeatureInfo {
  std::string_view code;      // tax_paid_12m
  std::string_view zh;        // 近12个月纳税额
  std::string_view unit;      // 万元, 年, %, 人, 月, 次, 件, 个, 等级, 是否
  std::string_view source;    // the collect category it comes from
  std::string_view sourceZh;  // 纳税
  int decimals;               // how the value is shown
};

const std::array<FeatureInfo, kFeatureCount>& featureInfos();
const FeatureInfo& info(Feature f);
std::optional<Feature> featureByCode(std::string_view code);

// Values in feature order; NaN = unknown (未归集).
using FeatureVector = std::array<double, kFeatureCount>;
inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();
inline bool known(double v) { return !std::isnan(v); }

// "12.5 万元", "是", "B级", "未归集".
std::string displayValue(Feature f, double value);

// One collected fact as it stood at the as-of moment: its category, its own date (YYYY-MM-DD,
// a month's or year's last day for periodic facts, may be empty) and its values (canonical JSON
// of the collect pipeline: amounts in fen).
struct FactInput {
  std::string category;
  std::string factDate;
  std::string valuesJson;
};

// The categories the platform had received any batch of by the as-of moment: an event-like
// source (penalties, courts, lists, licences, IP, honours) counts as known once its department
// has reported at all, so that "no record" then means "none".
struct Coverage {
  bool penalty = false;
  bool judicial = false;
  bool abnormalList = false;
  bool licence = false;
  bool ip = false;
  bool honour = false;
};

// The enterprise's features as of `asOf` (a date; the facts must already be cut at the moment).
// Facts with a date after asOf are ignored. Throws nothing: a fact whose values cannot be read
// is skipped (the collect pipeline only stores canonical values).
FeatureVector computeFeatures(const std::vector<FactInput>& facts, const Coverage& coverage,
                              const std::optional<Date>& establishedOn, const Date& asOf);

// Accumulates one enterprise's facts one at a time — the batch scorer streams millions of facts
// and must not build vectors per enterprise. computeFeatures is this class used once.
class FeatureBuilder {
 public:
  FeatureBuilder(const Coverage& coverage, const Date& asOf);
  void reset(const std::optional<Date>& establishedOn);
  void add(std::string_view category, std::string_view factDate, std::string_view valuesJson);
  FeatureVector finish() const;

 private:
  Coverage coverage_;
  Date asOf_;
  int asOfMonth_;  // months since year 0 of the as-of date's month
  std::optional<Date> establishedOn_;
  // Monthly series, index 0 = the month before the as-of month … 23 = 24 months before.
  std::array<double, 24> tax_{};
  std::array<bool, 24> taxSeen_{};
  int taxGradeMonth_ = -1;
  double taxGrade_ = kUnknown;
  std::array<double, 24> insured_{};
  std::array<bool, 24> insuredSeen_{};
  uint32_t siArrears_ = 0, hfArrears_ = 0, utilityArrears_ = 0;  // bit m = month m in arrears
  bool siSeen_ = false, hfSeen_ = false, utilitySeen_ = false;
  int penalties_[3] = {0, 0, 0};
  int enforcementOpen_ = 0;
  bool dishonest_ = false, abnormal_ = false, seriousIllegal_ = false, hightech_ = false,
       specialised_ = false;
  int licences_ = 0, patents_ = 0, trademarks_ = 0;
};

// Canonical text of the inputs (as-of date and every feature value), and its SHA-256: what a
// stored score records so that it can be recomputed and checked later.
std::string canonicalInputs(const Date& asOf, const FeatureVector& features);
std::string inputsHash(const Date& asOf, const FeatureVector& features);  // "sha256:<hex>"

}  // namespace jinfu::credit
