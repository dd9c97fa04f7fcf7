#include "credit/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/auth/secrets.hpp"
#include "platform/errors.hpp"
#include "platform/json.hpp"

namespace jinfu::credit {
namespace {

using nlohmann::json;

constexpr size_t kMaxBins = 32;

ApiError invalid(std::vector<FieldError> errors) {
  const std::string n = std::to_string(errors.size());
  return ApiError(422, "scorecard_invalid", {"评分卡无效", "Invalid scorecard"},
                  {"评分卡文件有 " + n + " 处问题，未导入。", "The scorecard has " + n + " problem(s); nothing was loaded."},
                  std::move(errors));
}

json parseObject(std::string_view text) {
  auto parsed = parseClientJson(text);
  if (parsed.problem == ClientJson::Problem::tooDeep)
    throw invalid({{"", {"评分卡文件的 JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层。",
                         "The scorecard file nests deeper than " + std::to_string(kMaxJsonDepth) + " levels."}}});
  json doc = std::move(parsed.value);
  if (doc.is_discarded() || !doc.is_object())
    throw invalid({{"", {"评分卡文件不是有效的 JSON 对象。", "The scorecard file is not a JSON object."}}});
  return doc;
}

// Whole numbers are written without a decimal point (20, not 20.0), as JavaScript's
// JSON.stringify and most JSON tools write them, so that a file re-serialised by another tool
// keeps its checksum.
void wholeNumbersAsIntegers(json& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::abs(d) < 9.0e15) v = static_cast<int64_t>(d);
  } else if (v.is_structured()) {
    for (auto& item : v) wholeNumbersAsIntegers(item);
  }
}

// The canonical form: the object without its checksum, keys sorted, no spaces, UTF-8 as is,
// whole numbers as integers.
std::string canonicalChecksum(json doc) {
  doc.erase("checksum");
  wholeNumbersAsIntegers(doc);
  return "sha256:" + auth::sha256Hex(doc.dump());
}

// Collects every problem of the artifact with its path, so that one attempt names them all.
class Checker {
 public:
  std::vector<FieldError> errors;

  void fail(const std::string& path, std::string zh, std::string en) {
    if (errors.size() < 100) errors.push_back({path, {std::move(zh), std::move(en)}});
  }

  std::string text(const json& obj, const std::string& key, const std::string& path, bool required = true,
                   size_t maxLength = 500) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) fail(path + key, "缺少“" + key + "”。", "\"" + key + "\" is missing.");
      return {};
    }
    if (!it->is_string()) {
      fail(path + key, "“" + key + "”应为文本。", "\"" + key + "\" must be a string.");
      return {};
    }
    auto s = it->get<std::string>();
    if (required && s.empty()) fail(path + key, "“" + key + "”不能为空。", "\"" + key + "\" must not be empty.");
    if (s.size() > maxLength)
      fail(path + key, "“" + key + "”过长（上限 " + std::to_string(maxLength) + " 字节）。",
           "\"" + key + "\" is too long (limit " + std::to_string(maxLength) + " bytes).");
    return s;
  }

  std::optional<double> number(const json& obj, const std::string& key, const std::string& path, bool required) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) {
      if (required) fail(path + key, "缺少“" + key + "”。", "\"" + key + "\" is missing.");
      return std::nullopt;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      fail(path + key, "“" + key + "”应为数值。", "\"" + key + "\" must be a number.");
      return std::nullopt;
    }
    return it->get<double>();
  }

  std::optional<int> integer(const json& obj, const std::string& key, const std::string& path, int lo, int hi) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) {
      fail(path + key, "“" + key + "”应为整数。", "\"" + key + "\" must be an integer.");
      return std::nullopt;
    }
    auto v = it->get<int64_t>();
    if (v < lo || v > hi) {
      fail(path + key, fmt::format("“{}”应在 {} 到 {} 之间，实际为 {}。", key, lo, hi, v),
           fmt::format("\"{}\" must be between {} and {}, got {}.", key, lo, hi, v));
      return std::nullopt;
    }
    return static_cast<int>(v);
  }
};

std::optional<Reason> readReason(Checker& c, const json& bin, const std::string& path) {
  auto it = bin.find("reason");
  if (it == bin.end() || it->is_null()) return std::nullopt;
  if (!it->is_object()) {
    c.fail(path + "reason", "“reason”应为对象。", "\"reason\" must be an object.");
    return std::nullopt;
  }
  std::string p = path + "reason.";
  Reason r{c.text(*it, "code", p, true, 32), c.text(*it, "zh", p), c.text(*it, "remedy", p),
           c.text(*it, "department", p, true, 100)};
  return r;
}

FeatureCard readFeature(Checker& c, const json& f, const std::string& path, std::set<std::string>& seen) {
  FeatureCard card{};
  std::string code = c.text(f, "code", path, true, 64);
  auto feature = featureByCode(code);
  if (!code.empty() && !feature)
    c.fail(path + "code", "未知的指标“" + code + "”。", "Unknown feature \"" + code + "\".");
  else if (feature && !seen.insert(code).second)
    c.fail(path + "code", "指标“" + code + "”重复出现。", "Feature \"" + code + "\" appears twice.");
  card.feature = feature.value_or(Feature::YearsEstablished);
  auto bins = f.find("bins");
  if (bins == f.end() || !bins->is_array() || bins->empty() || bins->size() > kMaxBins) {
    c.fail(path + "bins", "“bins”应为 1 到 32 个分箱的数组。", "\"bins\" must be an array of 1 to 32 bins.");
    return card;
  }
  std::vector<Bin> values;
  std::optional<Bin> missing;
  for (size_t i = 0; i < bins->size(); ++i) {
    const json& b = (*bins)[i];
    std::string p = path + "bins[" + std::to_string(i) + "].";
    if (!b.is_object()) {
      c.fail(p, "分箱应为对象。", "A bin must be an object.");
      continue;
    }
    Bin bin;
    if (auto m = b.find("missing"); m != b.end() && !m->is_null()) {
      if (!m->is_boolean()) c.fail(p + "missing", "“missing”应为 true 或 false。", "\"missing\" must be true or false.");
      else bin.missing = m->get<bool>();
    }
    bin.label = c.text(b, "label", p, true, 100);
    bin.points = c.integer(b, "points", p, -1000, 1000).value_or(0);
    bin.reason = readReason(c, b, p);
    if (bin.missing) {
      if (b.contains("lower") || b.contains("upper"))
        c.fail(p, "未归集分箱不能有上下界。", "The missing bin has no bounds.");
      if (missing) c.fail(p, "每个指标只能有一个未归集分箱。", "A feature has exactly one missing bin.");
      missing = bin;
      continue;
    }
    if (auto lo = c.number(b, "lower", p, false)) bin.lower = *lo;
    if (auto hi = c.number(b, "upper", p, false)) bin.upper = *hi;
    if (!(bin.lower < bin.upper))
      c.fail(p, "分箱下界应小于上界。", "A bin's lower bound must be below its upper bound.");
    values.push_back(std::move(bin));
  }
  if (!missing) c.fail(path + "bins", "缺少未归集分箱（missing: true）。", "The missing bin (missing: true) is absent.");
  if (values.empty()) {
    c.fail(path + "bins", "至少需要一个取值分箱。", "At least one value bin is needed.");
    return card;
  }
  if (std::isfinite(values.front().lower))
    c.fail(path + "bins", "第一个取值分箱不能有下界（覆盖到负无穷）。", "The first value bin has no lower bound.");
  if (std::isfinite(values.back().upper))
    c.fail(path + "bins", "最后一个取值分箱不能有上界（覆盖到正无穷）。", "The last value bin has no upper bound.");
  for (size_t i = 1; i < values.size(); ++i)
    if (values[i].lower != values[i - 1].upper)
      c.fail(path + "bins",
             fmt::format("取值分箱应首尾相接：第 {} 个分箱的上界 {} 不等于下一个的下界 {}。", i, values[i - 1].upper,
                         values[i].lower),
             fmt::format("Value bins must touch: bin {} ends at {} but the next starts at {}.", i,
                         values[i - 1].upper, values[i].lower));
  if (!missing) {
    missing.emplace();
    missing->missing = true;
    missing->label = "未归集";
  }
  card.bins.push_back(std::move(*missing));
  for (auto& b : values) card.bins.push_back(std::move(b));
  card.maxPoints = card.minPoints = card.bins.front().points;
  for (const auto& b : card.bins) {
    card.maxPoints = std::max(card.maxPoints, b.points);
    card.minPoints = std::min(card.minPoints, b.points);
  }
  for (size_t i = 0; i < card.bins.size(); ++i)
    if (card.bins[i].points < card.maxPoints && !card.bins[i].reason)
      c.fail(path + "bins", "分箱“" + card.bins[i].label + "”得分低于最高分，必须给出原因代码、改进建议和责任部门。",
             "Bin \"" + card.bins[i].label + "\" scores below the best bin and needs a reason.");
  return card;
}

}  // namespace

int Scorecard::minScore() const {
  int s = scaling.basePoints;
  for (const auto& f : features) s += f.minPoints;
  return s;
}

int Scorecard::maxScore() const {
  int s = scaling.basePoints;
  for (const auto& f : features) s += f.maxPoints;
  return s;
}

const GradeCut& Scorecard::gradeOf(int score) const {
  for (const auto& g : grades)
    if (score >= g.minScore) return g;
  return grades.back();
}

std::string artifactChecksum(std::string_view artifactJson) { return canonicalChecksum(parseObject(artifactJson)); }

std::string sealArtifact(std::string_view artifactWithoutChecksum) {
  json doc = parseObject(artifactWithoutChecksum);
  doc["checksum"] = canonicalChecksum(doc);
  return doc.dump(2) + "\n";
}

Scorecard parseScorecard(std::string_view artifactJson) {
  json doc = parseObject(artifactJson);
  auto stated = doc.find("checksum");
  if (stated == doc.end() || !stated->is_string())
    throw invalid({{"checksum", {"缺少校验和“checksum”（sha256:…）。", "The checksum (sha256:…) is missing."}}});
  std::string computed = canonicalChecksum(doc);
  if (stated->get<std::string>() != computed)
    throw ApiError(422, "scorecard_checksum_mismatch", {"评分卡校验和不符", "Scorecard checksum mismatch"},
                   {"评分卡校验和不符：文件记录为 " + stated->get<std::string>() + "，按内容计算为 " + computed +
                        "。文件可能被修改或损坏，未导入。",
                    "Checksum mismatch: the file states " + stated->get<std::string>() + " but its content hashes to " +
                        computed + ". The file was changed or damaged; nothing was loaded."});

  Checker c;
  Scorecard card;
  card.checksum = computed;
  if (auto f = doc.find("format"); f == doc.end() || !f->is_string() || f->get<std::string>() != kArtifactFormat)
    c.fail("format", "文件格式应为“" + std::string(kArtifactFormat) + "”。",
           "format must be \"" + std::string(kArtifactFormat) + "\".");
  card.version = c.text(doc, "version", "", true, 64);
  if (!std::all_of(card.version.begin(), card.version.end(),
                   [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_'; }))
    c.fail("version", "版本号只能包含字母、数字、点、连字符和下划线。", "version may hold letters, digits, . - _ only.");
  card.title = c.text(doc, "title", "", true, 200);
  card.method = c.text(doc, "method", "", true, 32);
  if (!card.method.empty() && card.method != "expert" && card.method != "woe_logistic")
    c.fail("method", "方法应为 expert 或 woe_logistic。", "method must be expert or woe_logistic.");
  card.description = c.text(doc, "description", "", false, 20000);
  card.createdAt = c.text(doc, "createdAt", "", false, 64);

  auto scaling = doc.find("scaling");
  if (scaling == doc.end() || !scaling->is_object()) {
    c.fail("scaling", "缺少刻度“scaling”。", "scaling is missing.");
  } else {
    card.scaling.baseScore = c.number(*scaling, "baseScore", "scaling.", true).value_or(600);
    card.scaling.baseOdds = c.number(*scaling, "baseOdds", "scaling.", true).value_or(20);
    card.scaling.pdo = c.number(*scaling, "pdo", "scaling.", true).value_or(40);
    card.scaling.basePoints = c.integer(*scaling, "basePoints", "scaling.", -10000, 10000).value_or(0);
    if (card.scaling.baseOdds <= 0) c.fail("scaling.baseOdds", "基准比率应大于 0。", "baseOdds must be positive.");
    if (card.scaling.pdo <= 0) c.fail("scaling.pdo", "翻倍分数应大于 0。", "pdo must be positive.");
  }

  auto grades = doc.find("grades");
  if (grades == doc.end() || !grades->is_array() || grades->empty() || grades->size() > 20) {
    c.fail("grades", "“grades”应为 1 到 20 个等级的数组。", "grades must be an array of 1 to 20 grades.");
  } else {
    std::set<std::string> names;
    std::set<int> cuts;
    for (size_t i = 0; i < grades->size(); ++i) {
      std::string p = "grades[" + std::to_string(i) + "].";
      const json& g = (*grades)[i];
      if (!g.is_object()) {
        c.fail(p, "等级应为对象。", "A grade must be an object.");
        continue;
      }
      GradeCut cut{c.text(g, "grade", p, true, 8), c.text(g, "zh", p, true, 32),
                   c.integer(g, "minScore", p, -100000, 100000).value_or(0)};
      if (!names.insert(cut.grade).second) c.fail(p + "grade", "等级重复。", "Duplicate grade.");
      if (!cuts.insert(cut.minScore).second) c.fail(p + "minScore", "等级分数线重复。", "Duplicate cut-off.");
      card.grades.push_back(std::move(cut));
    }
    std::sort(card.grades.begin(), card.grades.end(), [](auto& a, auto& b) { return a.minScore > b.minScore; });
  }

  auto features = doc.find("features");
  if (features == doc.end() || !features->is_array() || features->empty() || features->size() > kFeatureCount) {
    c.fail("features", fmt::format("“features”应为 1 到 {} 个指标的数组。", kFeatureCount),
           fmt::format("features must be an array of 1 to {} features.", kFeatureCount));
  } else {
    std::set<std::string> seen;
    for (size_t i = 0; i < features->size(); ++i) {
      std::string p = "features[" + std::to_string(i) + "].";
      if (!(*features)[i].is_object()) {
        c.fail(p, "指标应为对象。", "A feature must be an object.");
        continue;
      }
      card.features.push_back(readFeature(c, (*features)[i], p, seen));
    }
  }
  if (!card.grades.empty() && !card.features.empty() && card.grades.back().minScore > card.minScore())
    c.fail("grades", fmt::format("最低等级的分数线 {} 高于可能的最低分 {}，部分得分将没有等级。",
                                 card.grades.back().minScore, card.minScore()),
           "The lowest cut-off is above the lowest possible score.");
  if (auto t = doc.find("training"); t != doc.end() && !t->is_null()) {
    if (!t->is_object()) c.fail("training", "“training”应为对象。", "training must be an object.");
    else card.trainingJson = t->dump();
  }
  if (!c.errors.empty()) throw invalid(std::move(c.errors));
  return card;
}

void score(const Scorecard& card, const FeatureVector& features, ScoreResult& out) {
  const size_t n = card.features.size();
  out.bins.resize(n);
  out.points.resize(n);
  int total = card.scaling.basePoints;
  for (size_t i = 0; i < n; ++i) {
    const FeatureCard& f = card.features[i];
    double v = features[static_cast<size_t>(f.feature)];
    size_t bin = 0;  // the missing bin
    if (known(v)) {
      bin = 1;
      while (bin + 1 < f.bins.size() && v >= f.bins[bin].upper) ++bin;
    }
    out.bins[i] = static_cast<uint8_t>(bin);
    out.points[i] = f.bins[bin].points;
    total += f.bins[bin].points;
  }
  out.score = total;
  out.grade = &card.gradeOf(total);
}

ScoreResult score(const Scorecard& card, const FeatureVector& features) {
  ScoreResult r;
  score(card, features, r);
  return r;
}

std::vector<RankedReason> rankReasons(const Scorecard& card, const ScoreResult& result) {
  std::vector<RankedReason> out;
  for (size_t i = 0; i < card.features.size(); ++i) {
    const auto& f = card.features[i];
    const Bin& bin = f.bins[result.bins[i]];
    int lost = f.maxPoints - bin.points;
    if (lost > 0 && bin.reason) out.push_back({i, &*bin.reason, lost});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.pointsLost > b.pointsLost; });
  return out;
}

double oddsAt(const Scaling& s, double score) { return s.baseOdds * std::pow(2.0, (score - s.baseScore) / s.pdo); }

}  // namespace jinfu::credit
