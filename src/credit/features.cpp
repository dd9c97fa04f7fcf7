#include "credit/features.hpp"

#include <charconv>
#include <cstring>

#include <fmt/format.h>

#include "platform/auth/secrets.hpp"

namespace jinfu::credit {
namespace {

const std::array<FeatureInfo, kFeatureCount> kInfos = {{
    {"years_established", "成立年限", "年", "registration", "登记注册", 1},
    {"tax_paid_12m", "近12个月纳税额", "万元", "tax", "纳税", 2},
    {"tax_paid_24m", "近24个月纳税额", "万元", "tax", "纳税", 2},
    {"tax_trend", "纳税额同比变化", "%", "tax", "纳税", 1},
    {"tax_credit_grade", "纳税信用等级", "等级", "tax", "纳税", 0},
    {"insured_count", "参保人数", "人", "social_insurance", "社保", 0},
    {"insured_trend", "参保人数变化", "%", "social_insurance", "社保", 1},
    {"si_arrears_months", "近12个月社保欠费月数", "月", "social_insurance", "社保", 0},
    {"hf_arrears_months", "近12个月公积金欠缴月数", "月", "housing_fund", "公积金", 0},
    {"utility_arrears_months", "近12个月水电气欠费月数", "月", "utilities", "水电气", 0},
    {"penalty_minor_36m", "近36个月轻微处罚次数", "次", "penalty", "行政处罚", 0},
    {"penalty_general_36m", "近36个月一般处罚次数", "次", "penalty", "行政处罚", 0},
    {"penalty_serious_36m", "近36个月严重处罚次数", "次", "penalty", "行政处罚", 0},
    {"enforcement_open", "未结被执行案件数", "件", "judicial", "司法", 0},
    {"dishonest", "失信被执行人", "是否", "judicial", "司法", 0},
    {"abnormal_listed", "列入经营异常名录", "是否", "abnormal_list", "经营异常与严重违法失信", 0},
    {"serious_illegal_listed", "列入严重违法失信名单", "是否", "abnormal_list", "经营异常与严重违法失信", 0},
    {"licences_valid", "有效行政许可数", "个", "licence", "行政许可", 0},
    {"patents", "专利数", "件", "ip", "知识产权", 0},
    {"trademarks", "注册商标数", "件", "ip", "知识产权", 0},
    {"hightech", "高新技术企业", "是否", "honour", "资质荣誉", 0},
    {"specialised", "专精特新企业", "是否", "honour", "资质荣誉", 0},
}};

// The value of `key` in a flat canonical JSON object (what the collect pipeline stores): the text
// of a string without its quotes, or of a number. Empty when absent. A JSON string cannot hold an
// unescaped quote, so `"key":` can only match a real key.
std::string_view field(std::string_view json, std::string_view key) {
  char pattern[48];
  if (key.size() + 3 > sizeof pattern) return {};
  pattern[0] = '"';
  std::memcpy(pattern + 1, key.data(), key.size());
  pattern[key.size() + 1] = '"';
  pattern[key.size() + 2] = ':';
  auto at = json.find(std::string_view(pattern, key.size() + 3));
  if (at == std::string_view::npos) return {};
  auto v = json.substr(at + key.size() + 3);
  if (v.empty()) return {};
  if (v.front() == '"') {
    auto end = v.find('"', 1);
    return end == std::string_view::npos ? std::string_view{} : v.substr(1, end - 1);
  }
  auto end = v.find_first_of(",}");
  return v.substr(0, end);
}

double number(std::string_view json, std::string_view key) {
  auto text = field(json, key);
  int64_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && p == text.data() + text.size() && !text.empty() ? static_cast<double>(v) : 0.0;
}

// Months since year 0 of a "YYYY-MM…" text; -1 when unreadable.
int monthIndex(std::string_view date) {
  if (date.size() < 7) return -1;
  int y = 0, m = 0;
  if (std::from_chars(date.data(), date.data() + 4, y).ec != std::errc()) return -1;
  if (std::from_chars(date.data() + 5, date.data() + 7, m).ec != std::errc()) return -1;
  return y * 12 + m - 1;
}

double round(double v, int decimals) {
  double scale = decimals == 0 ? 1 : decimals == 1 ? 10 : decimals == 2 ? 100 : 1000;
  return std::round(v * scale) / scale;
}

double gradeValue(std::string_view g) {
  if (g == "A") return 4;
  if (g == "B") return 3;
  if (g == "M") return 2;
  if (g == "C") return 1;
  if (g == "D") return 0;
  return kUnknown;
}

bool activeOn(std::string_view from, std::string_view until, const std::string& asOf) {
  return !from.empty() && from <= asOf && (until.empty() || until >= asOf);
}

}  // namespace

const std::array<FeatureInfo, kFeatureCount>& featureInfos() { return kInfos; }
const FeatureInfo& info(Feature f) { return kInfos[static_cast<size_t>(f)]; }

std::optional<Feature> featureByCode(std::string_view code) {
  for (size_t i = 0; i < kFeatureCount; ++i)
    if (kInfos[i].code == code) return static_cast<Feature>(i);
  return std::nullopt;
}

std::string displayValue(Feature f, double value) {
  if (!known(value)) return "未归集";
  const auto& fi = info(f);
  if (fi.unit == "是否") return value > 0 ? "是" : "否";
  if (f == Feature::TaxCreditGrade) {
    static constexpr const char* kGrades[] = {"D级", "C级", "M级", "B级", "A级"};
    int g = static_cast<int>(value);
    return g >= 0 && g <= 4 ? kGrades[g] : "未知";
  }
  std::string text = fmt::format("{:.{}f}", value, fi.decimals);
  if (fi.unit == "%") return (value > 0 ? "+" : "") + text + "%";
  return text + " " + std::string(fi.unit);
}

FeatureBuilder::FeatureBuilder(const Coverage& coverage, const Date& asOf)
    : coverage_(coverage), asOf_(asOf), asOfMonth_(asOf.year() * 12 + asOf.month() - 1) {}

void FeatureBuilder::reset(const std::optional<Date>& establishedOn) {
  Date asOf = asOf_;
  Coverage coverage = coverage_;
  *this = FeatureBuilder(coverage, asOf);
  establishedOn_ = establishedOn;
}

void FeatureBuilder::add(std::string_view category, std::string_view factDate, std::string_view vals) {
  const std::string asOf = asOf_.toString();
  if (!factDate.empty() && factDate > asOf && category != "tax") return;  // not yet happened
  if (category == "tax") {
    auto period = field(vals, "period");
    int month = period.size() == 7 ? monthIndex(period) : -1;
    std::string_view periodEnd = factDate;
    if (!periodEnd.empty() && periodEnd <= asOf) {
      // The grade of the latest period (monthly or yearly) that had ended by the as-of date.
      int rank = period.size() == 4 ? monthIndex(std::string(period) + "-12") : month;
      auto grade = field(vals, "creditGrade");
      if (!grade.empty() && rank >= taxGradeMonth_) {
        taxGradeMonth_ = rank;
        taxGrade_ = gradeValue(grade);
      }
    }
    int ago = month < 0 ? -1 : asOfMonth_ - month - 1;
    if (ago >= 0 && ago < 24) {
      tax_[ago] += number(vals, "taxPaid");
      taxSeen_[ago] = true;
    }
    return;
  }
  if (category == "social_insurance" || category == "housing_fund" || category == "utilities") {
    int month = monthIndex(factDate);
    int ago = month < 0 ? -1 : asOfMonth_ - month - 1;
    if (ago < 0 || ago >= 24) return;
    bool arrears = number(vals, "arrearsAmount") > 0 || number(vals, "arrearsMonths") > 0;
    if (category == "social_insurance") {
      insured_[ago] = number(vals, "insuredCount");
      insuredSeen_[ago] = true;
      if (ago < 12) {
        siSeen_ = true;
        if (arrears) siArrears_ |= 1u << ago;
      }
    } else if (category == "housing_fund") {
      if (ago < 12) {
        hfSeen_ = true;
        if (arrears) hfArrears_ |= 1u << ago;
      }
    } else if (ago < 12) {
      utilitySeen_ = true;
      if (arrears) utilityArrears_ |= 1u << ago;
    }
    return;
  }
  if (category == "penalty") {
    auto from = Date::fromYmd(asOf_.year() - 3, asOf_.month(), std::min(asOf_.day(), 28));
    if (factDate.empty() || (from && factDate <= from->toString())) return;
    auto severity = field(vals, "severity");
    if (severity == "minor") ++penalties_[0];
    else if (severity == "general") ++penalties_[1];
    else if (severity == "serious") ++penalties_[2];
    return;
  }
  if (category == "judicial") {
    if (factDate.empty()) return;
    auto kind = field(vals, "kind");
    bool open = field(vals, "status") != "closed";
    if (kind == "enforcement" && open) ++enforcementOpen_;
    if (kind == "dishonest" && open) dishonest_ = true;
    return;
  }
  if (category == "abnormal_list") {
    if (!activeOn(factDate, field(vals, "removedOn"), asOf)) return;
    auto type = field(vals, "listType");
    if (type == "abnormal") abnormal_ = true;
    else if (type == "serious") seriousIllegal_ = true;
    return;
  }
  if (category == "licence") {
    if (activeOn(factDate, field(vals, "validUntil"), asOf)) ++licences_;
    return;
  }
  if (category == "ip") {
    if (factDate.empty()) return;
    auto kind = field(vals, "kind");
    if (kind == "invention" || kind == "utility" || kind == "design") ++patents_;
    else if (kind == "trademark") ++trademarks_;
    return;
  }
  if (category == "honour") {
    if (!activeOn(factDate, field(vals, "validUntil"), asOf)) return;
    auto kind = field(vals, "kind");
    if (kind == "hightech") hightech_ = true;
    else if (kind == "specialised" || kind == "little_giant") specialised_ = true;
  }
}

FeatureVector FeatureBuilder::finish() const {
  FeatureVector v;
  v.fill(kUnknown);
  auto set = [&](Feature f, double value) {
    v[static_cast<size_t>(f)] = known(value) ? round(value, info(f).decimals) : kUnknown;
  };
  if (establishedOn_ && *establishedOn_ <= asOf_)
    set(Feature::YearsEstablished, (asOf_ - *establishedOn_) / 365.25);

  bool taxKnown = false, earlierTax = false;
  double last12 = 0, prev12 = 0;
  for (int m = 0; m < 24; ++m) {
    taxKnown = taxKnown || taxSeen_[m];
    (m < 12 ? last12 : prev12) += tax_[m];
    if (m >= 12) earlierTax = earlierTax || taxSeen_[m];
  }
  if (taxKnown) {
    set(Feature::TaxPaid12m, last12 / 1e6);  // fen → 万元
    set(Feature::TaxPaid24m, (last12 + prev12) / 1e6);
    if (earlierTax && prev12 > 0) set(Feature::TaxTrend, (last12 - prev12) / prev12 * 100);
  }
  set(Feature::TaxCreditGrade, taxGrade_);

  int latest = -1, earlier = -1;
  for (int m = 0; m < 12 && latest < 0; ++m)
    if (insuredSeen_[m]) latest = m;
  for (int m = 12; m < 24 && earlier < 0; ++m)
    if (insuredSeen_[m]) earlier = m;
  if (latest >= 0) {
    set(Feature::InsuredCount, insured_[latest]);
    if (earlier >= 0 && insured_[earlier] > 0)
      set(Feature::InsuredTrend, (insured_[latest] - insured_[earlier]) / insured_[earlier] * 100);
  }
  if (siSeen_) set(Feature::SiArrearsMonths, std::popcount(siArrears_));
  if (hfSeen_) set(Feature::HfArrearsMonths, std::popcount(hfArrears_));
  if (utilitySeen_) set(Feature::UtilityArrearsMonths, std::popcount(utilityArrears_));
  if (coverage_.penalty) {
    set(Feature::PenaltyMinor36m, penalties_[0]);
    set(Feature::PenaltyGeneral36m, penalties_[1]);
    set(Feature::PenaltySerious36m, penalties_[2]);
  }
  if (coverage_.judicial) {
    set(Feature::EnforcementOpen, enforcementOpen_);
    set(Feature::Dishonest, dishonest_ ? 1 : 0);
  }
  if (coverage_.abnormalList) {
    set(Feature::AbnormalListed, abnormal_ ? 1 : 0);
    set(Feature::SeriousIllegalListed, seriousIllegal_ ? 1 : 0);
  }
  if (coverage_.licence) set(Feature::LicencesValid, licences_);
  if (coverage_.ip) {
    set(Feature::Patents, patents_);
    set(Feature::Trademarks, trademarks_);
  }
  if (coverage_.honour) {
    set(Feature::Hightech, hightech_ ? 1 : 0);
    set(Feature::Specialised, specialised_ ? 1 : 0);
  }
  return v;
}

FeatureVector computeFeatures(const std::vector<FactInput>& facts, const Coverage& coverage,
                              const std::optional<Date>& establishedOn, const Date& asOf) {
  FeatureBuilder builder(coverage, asOf);
  builder.reset(establishedOn);
  for (const auto& f : facts) builder.add(f.category, f.factDate, f.valuesJson);
  return builder.finish();
}

std::string canonicalInputs(const Date& asOf, const FeatureVector& features) {
  std::string out = "asOf=" + asOf.toString();
  for (size_t i = 0; i < kFeatureCount; ++i) {
    out += ';';
    out += kInfos[i].code;
    out += '=';
    out += known(features[i]) ? fmt::format("{:.{}f}", features[i], kInfos[i].decimals) : "null";
  }
  return out;
}

std::string inputsHash(const Date& asOf, const FeatureVector& features) {
  return "sha256:" + auth::sha256Hex(canonicalInputs(asOf, features));
}

}  // namespace jinfu::credit
