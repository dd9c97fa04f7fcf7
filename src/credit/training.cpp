#include "credit/training.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "platform/errors.hpp"

namespace jinfu::credit {
namespace {

using nlohmann::json;

constexpr double kInf = std::numeric_limits<double>::infinity();

ApiError cannotTrain(std::string zh, std::string en) {
  return ApiError(422, "training_failed", {"无法训练评分卡", "Cannot train a scorecard"}, {std::move(zh), std::move(en)});
}

uint64_t splitmix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct Block {
  double upper;
  int64_t goods = 0, bads = 0;
  int64_t n() const { return goods + bads; }
  double rate() const { return (static_cast<double>(bads) + 0.5) / (static_cast<double>(n()) + 1.0); }
};

double woeOf(int64_t g, int64_t b, int64_t G, int64_t B) {
  return std::log(((static_cast<double>(g) + 0.5) / (static_cast<double>(G) + 0.5)) /
                  ((static_cast<double>(b) + 0.5) / (static_cast<double>(B) + 0.5)));
}

void merge(std::vector<Block>& blocks, size_t i) {  // i with i+1
  blocks[i].goods += blocks[i + 1].goods;
  blocks[i].bads += blocks[i + 1].bads;
  blocks[i].upper = blocks[i + 1].upper;
  blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1);
}

// A feature with at most this many distinct known values (0/1 flags, the five tax credit grades,
// months of arrears 0–12, small counts) is pre-binned by value: one pre-bin per value. Quantile
// pre-bins cannot split such a column — a flag whose ones are 4 % of firms has every quantile at 0
// and would end in one bin with no information, however decisive the flag.
constexpr size_t kMaxDiscreteValues = 13;
// The minimum bin share applies to continuous features only: it guards against cuts fitted to
// noise between neighbouring quantiles. A value of a discrete feature is a fact, not a cut, and may
// hold a few percent of the loans; it keeps its own bin when it holds at least this many loans of
// the development sample (fewer: too few to estimate its bad rate, merged with its neighbour).
constexpr int64_t kMinDiscreteCount = 30;
// One turn (a U or ∩ shape of the bad rate) is kept only when it adds this much information value
// over the best monotonic binning, both absolutely and relative to it, and both arms are real: the
// turning bin's bad rate differs from that of the first bin and from that of the last at the 5 %
// level (|z| ≥ 1.96).
constexpr double kTurnMinGain = 0.02, kTurnMinRelativeGain = 0.10, kTurnMinZ = 1.96;

// Merges adjacent blocks that break monotonicity of the bad rate (pool-adjacent-violators).
void makeMonotone(std::vector<Block>& blocks, bool decreasing) {
  auto violates = [&](const Block& a, const Block& b) { return decreasing ? b.rate() > a.rate() : b.rate() < a.rate(); };
  for (size_t i = 0; i + 1 < blocks.size();) {
    if (violates(blocks[i], blocks[i + 1])) {
      merge(blocks, i);
      i = i > 0 ? i - 1 : 0;
    } else {
      ++i;
    }
  }
}

// Merges the smallest block into its neighbour nearest in bad rate until each holds minCount;
// then the two neighbours nearest in bad rate until at most maxBins remain. Merging neighbours
// keeps a monotonic sequence monotonic and a one-turn sequence at most one turn.
void mergeSmallAndMany(std::vector<Block>& blocks, double minCount, size_t maxBins) {
  while (blocks.size() > 1) {
    auto small = std::min_element(blocks.begin(), blocks.end(), [](auto& a, auto& b) { return a.n() < b.n(); });
    if (static_cast<double>(small->n()) >= minCount) break;
    size_t i = static_cast<size_t>(small - blocks.begin());
    if (i == 0) merge(blocks, 0);
    else if (i + 1 == blocks.size()) merge(blocks, i - 1);
    else if (std::abs(blocks[i].rate() - blocks[i - 1].rate()) <= std::abs(blocks[i].rate() - blocks[i + 1].rate()))
      merge(blocks, i - 1);
    else merge(blocks, i);
  }
  while (blocks.size() > maxBins) {
    size_t best = 0;
    for (size_t i = 1; i + 1 < blocks.size(); ++i)
      if (std::abs(blocks[i].rate() - blocks[i + 1].rate()) < std::abs(blocks[best].rate() - blocks[best + 1].rate()))
        best = i;
    merge(blocks, best);
  }
}

double valueIv(const std::vector<Block>& blocks, int64_t G, int64_t B) {
  double iv = 0;
  for (const auto& b : blocks)
    if (b.n())
      iv += (static_cast<double>(b.goods) / static_cast<double>(G) - static_cast<double>(b.bads) / static_cast<double>(B)) *
            woeOf(b.goods, b.bads, G, B);
  return iv;
}

// Two-proportion z statistic of the bad rates of two blocks.
double zOf(const Block& a, const Block& b) {
  double na = static_cast<double>(a.n()), nb = static_cast<double>(b.n());
  if (na == 0 || nb == 0) return 0;
  double pa = static_cast<double>(a.bads) / na, pb = static_cast<double>(b.bads) / nb;
  double p = static_cast<double>(a.bads + b.bads) / (na + nb);
  double se = std::sqrt(p * (1 - p) * (1 / na + 1 / nb));
  return se > 0 ? (pa - pb) / se : 0;
}

// The bins of one feature over the development sample: pre-bins (by value for a discrete
// feature, quantiles for a continuous one), merged to a monotonic bad rate — or, where the data
// support it, to one turn (see kTurnMinGain) — then small and surplus bins merged.
FeatureFit binFeature(Feature f, const std::vector<Sample>& samples, const std::vector<size_t>& dev,
                      const TrainOptions& o, int64_t G, int64_t B) {
  const size_t j = static_cast<size_t>(f);
  FeatureFit fit{};
  fit.feature = f;
  std::vector<std::pair<double, bool>> values;
  int64_t missingGood = 0, missingBad = 0;
  for (size_t i : dev) {
    double v = samples[i].x[j];
    if (known(v)) values.emplace_back(v, samples[i].bad);
    else (samples[i].bad ? missingBad : missingGood)++;
  }
  fit.known = static_cast<int64_t>(values.size());
  std::vector<Block> blocks;
  if (!values.empty()) {
    std::sort(values.begin(), values.end());
    std::vector<double> distinct;
    for (const auto& [v, bad] : values)
      if (distinct.empty() || v > distinct.back()) {
        distinct.push_back(v);
        if (distinct.size() > kMaxDiscreteValues) break;
      }
    fit.distinct = distinct.size();
    fit.discrete = distinct.size() <= kMaxDiscreteValues;
    std::vector<double> cuts;
    if (fit.discrete) {
      cuts.assign(distinct.begin() + 1, distinct.end());  // bin k holds [value k, value k+1)
    } else {
      for (int k = 1; k < o.initialBins; ++k) {
        double q = values[values.size() * static_cast<size_t>(k) / static_cast<size_t>(o.initialBins)].first;
        if (q > values.front().first && (cuts.empty() || q > cuts.back())) cuts.push_back(q);
      }
    }
    for (double c : cuts) blocks.push_back({c});
    blocks.push_back({kInf});
    for (const auto& [v, bad] : values) {
      size_t b = static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin());
      (bad ? blocks[b].bads : blocks[b].goods)++;
    }
    if (fit.discrete)
      for (const auto& b : blocks) fit.thinValues += b.n() < kMinDiscreteCount ? 1 : 0;
    const double minCount = fit.discrete ? static_cast<double>(kMinDiscreteCount)
                                         : o.minBinShare * static_cast<double>(values.size());
    const size_t maxBins = static_cast<size_t>(std::max(o.maxBins, 1));
    // Direction of the relation between value and bad rate, from the correlation.
    double mx = 0, my = 0;
    for (const auto& [v, bad] : values) mx += v, my += bad;
    mx /= static_cast<double>(values.size());
    my /= static_cast<double>(values.size());
    double cov = 0;
    for (const auto& [v, bad] : values) cov += (v - mx) * (bad - my);
    const bool decreasing = cov <= 0;  // more of the value, fewer bads
    std::vector<Block> monotone = blocks;
    makeMonotone(monotone, decreasing);
    mergeSmallAndMany(monotone, minCount, maxBins);
    const double monotoneIv = valueIv(monotone, G, B);
    // One turn: the pre-bins up to and including t fall (rise) and those after rise (fall). A
    // falling sequence followed by a rising one has exactly one valley wherever they meet, and
    // merging neighbours keeps it so. The best turn by information value is kept only when it
    // clearly beats the monotonic bins and both arms are real: the turning bin significantly apart
    // from both ends, not a wiggle of noise (a monotonic relation then stays monotonic).
    std::vector<Block> turned;
    double turnedIv = -1;
    for (size_t t = 1; t + 2 < blocks.size(); ++t)
      for (bool valley : {true, false}) {
        std::vector<Block> left(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(t) + 1);
        std::vector<Block> right(blocks.begin() + static_cast<std::ptrdiff_t>(t) + 1, blocks.end());
        makeMonotone(left, valley);    // a valley of the bad rate: falling, then rising
        makeMonotone(right, !valley);
        left.insert(left.end(), right.begin(), right.end());
        mergeSmallAndMany(left, minCount, maxBins);
        if (left.size() < 3) continue;
        size_t turn = 0;
        for (size_t k = 1; k < left.size(); ++k)
          if (valley ? left[k].rate() < left[turn].rate() : left[k].rate() > left[turn].rate()) turn = k;
        if (turn == 0 || turn + 1 == left.size()) continue;  // monotonic after all
        if (std::abs(zOf(left[turn], left.front())) < kTurnMinZ || std::abs(zOf(left[turn], left.back())) < kTurnMinZ)
          continue;
        double iv = valueIv(left, G, B);
        if (iv > turnedIv) turnedIv = iv, turned = std::move(left);
      }
    if (turnedIv >= monotoneIv + std::max(kTurnMinGain, kTurnMinRelativeGain * monotoneIv)) {
      blocks = std::move(turned);
      fit.turned = true;
    } else {
      blocks = std::move(monotone);
    }
  } else {
    blocks.push_back({kInf});
  }
  fit.goods.push_back(missingGood);
  fit.bads.push_back(missingBad);
  fit.woe.push_back(missingGood + missingBad ? woeOf(missingGood, missingBad, G, B) : 0.0);
  for (const auto& b : blocks) {
    if (std::isfinite(b.upper)) fit.cuts.push_back(b.upper);
    fit.goods.push_back(b.goods);
    fit.bads.push_back(b.bads);
    fit.woe.push_back(b.n() ? woeOf(b.goods, b.bads, G, B) : 0.0);
  }
  for (size_t k = 0; k < fit.woe.size(); ++k)
    fit.informationValue += (static_cast<double>(fit.goods[k]) / static_cast<double>(G) -
                             static_cast<double>(fit.bads[k]) / static_cast<double>(B)) *
                            fit.woe[k];
  return fit;
}

size_t binOf(const FeatureFit& fit, double v) {
  if (!known(v)) return 0;
  return 1 + static_cast<size_t>(std::upper_bound(fit.cuts.begin(), fit.cuts.end(), v) - fit.cuts.begin());
}

// Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting.
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
  const size_t n = b.size();
  for (size_t c = 0; c < n; ++c) {
    size_t p = c;
    for (size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[p][c])) p = r;
    std::swap(a[c], a[p]);
    std::swap(b[c], b[p]);
    if (std::abs(a[c][c]) < 1e-12) continue;
    for (size_t r = c + 1; r < n; ++r) {
      double m = a[r][c] / a[c][c];
      for (size_t k = c; k < n; ++k) a[r][k] -= m * a[c][k];
      b[r] -= m * b[c];
    }
  }
  std::vector<double> x(n, 0.0);
  for (size_t c = n; c-- > 0;) {
    if (std::abs(a[c][c]) < 1e-12) continue;
    double s = b[c];
    for (size_t k = c + 1; k < n; ++k) s -= a[c][k] * x[k];
    x[c] = s / a[c][c];
  }
  return x;
}

// Logistic regression of "good" on the WoE columns by Newton–Raphson, with a small ridge on the
// coefficients (not the intercept). Returns intercept then coefficients.
std::vector<double> logistic(const std::vector<std::vector<double>>& x, const std::vector<bool>& bad) {
  const size_t n = x.size(), p = x.empty() ? 0 : x[0].size();
  const double ridge = 1e-3 * static_cast<double>(n) / 1000.0;
  std::vector<double> beta(p + 1, 0.0);
  for (int iter = 0; iter < 50; ++iter) {
    std::vector<std::vector<double>> h(p + 1, std::vector<double>(p + 1, 0.0));
    std::vector<double> g(p + 1, 0.0);
    for (size_t i = 0; i < n; ++i) {
      double eta = beta[0];
      for (size_t k = 0; k < p; ++k) eta += beta[k + 1] * x[i][k];
      double mu = 1.0 / (1.0 + std::exp(-eta));
      double y = bad[i] ? 0.0 : 1.0;
      double w = std::max(mu * (1 - mu), 1e-10);
      g[0] += y - mu;
      h[0][0] += w;
      for (size_t k = 0; k < p; ++k) {
        g[k + 1] += (y - mu) * x[i][k];
        h[0][k + 1] += w * x[i][k];
        for (size_t l = 0; l <= k; ++l) h[l + 1][k + 1] += w * x[i][l] * x[i][k];
      }
    }
    for (size_t k = 0; k <= p; ++k)
      for (size_t l = 0; l < k; ++l) h[k][l] = h[l][k];
    for (size_t k = 1; k <= p; ++k) {
      g[k] -= ridge * beta[k];
      h[k][k] += ridge;
    }
    auto delta = solve(h, g);
    double step = 0;
    for (size_t k = 0; k <= p; ++k) {
      beta[k] += delta[k];
      step = std::max(step, std::abs(delta[k]));
    }
    if (step < 1e-9) break;
  }
  return beta;
}

// Pearson correlation of columns a and b of x.
double correlation(const std::vector<std::vector<double>>& x, size_t a, size_t b) {
  const double n = static_cast<double>(x.size());
  if (x.empty()) return 0;
  double ma = 0, mb = 0;
  for (const auto& r : x) ma += r[a], mb += r[b];
  ma /= n;
  mb /= n;
  double sab = 0, saa = 0, sbb = 0;
  for (const auto& r : x) {
    sab += (r[a] - ma) * (r[b] - mb);
    saa += (r[a] - ma) * (r[a] - ma);
    sbb += (r[b] - mb) * (r[b] - mb);
  }
  return saa > 0 && sbb > 0 ? sab / std::sqrt(saa * sbb) : 0;
}

std::string number(double v) {
  std::string s = fmt::format("{:.2f}", v);
  while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
    bool dot = s.back() == '.';
    s.pop_back();
    if (dot) break;
  }
  return s;
}

bool isInteger(double v) { return std::isfinite(v) && v == std::floor(v); }

std::string binLabel(Feature f, double lo, double hi, bool discrete = false) {
  const auto& fi = info(f);
  // A count pre-binned by value (0–12 months, a few penalties): its bins hold whole numbers, so
  // "1月" rather than "1–2月", and the first bin starts at 0 (counts are never negative).
  if (discrete && (fi.unit == "月" || fi.unit == "次" || fi.unit == "件" || fi.unit == "个" || fi.unit == "人")) {
    double from = std::isfinite(lo) ? lo : 0;
    if (isInteger(from) && (isInteger(hi) || !std::isfinite(hi))) {
      std::string unit(fi.unit);
      if (!std::isfinite(hi)) return number(from) + unit + "及以上";
      if (hi - from <= 1) return number(from) + unit;
      return number(from) + "–" + number(hi - 1) + unit;
    }
  }
  if (fi.unit == "是否") return lo >= 0.5 ? "是" : hi <= 1 ? "否" : "否或是";  // values are 0 and 1
  if (f == Feature::TaxCreditGrade) {
    static constexpr const char* kLetters[] = {"D", "C", "M", "B", "A"};
    std::string out;
    for (int g = 0; g <= 4; ++g)
      if (g >= lo && g < hi) {
        if (!out.empty()) out += '/';
        out += kLetters[g];
      }
    return out.empty() ? "—" : out + "级";
  }
  std::string unit(fi.unit);
  if (!std::isfinite(lo)) return fmt::format("低于{}{}", number(hi), unit);
  if (!std::isfinite(hi)) return fmt::format("{}{}及以上", number(lo), unit);
  return number(lo) + "–" + number(hi) + unit;
}

// The reason of a trained bin: its own words (the trained direction may differ from the expert's),
// with the code, remedy and department of the expert card's bin for the same values — the
// remedy catalogue lives in the expert card. Without one, generic text naming the source.
json reasonFor(const TrainOptions& o, Feature f, bool missing, double lo, double hi, const std::string& label,
               const std::string& bestLabel, int k) {
  const auto& fi = info(f);
  std::string zh = missing ? std::string(fi.zh) + "未归集"
                           : std::string(fi.zh) + "：" + label + "，低于该项最高档（" + bestLabel + "）";
  const FeatureCard* expert = nullptr;
  if (o.reasonsFrom)
    for (const auto& c : o.reasonsFrom->features)
      if (c.feature == f) expert = &c;
  const Reason* from = nullptr;
  if (expert) {
    if (missing) {
      if (expert->bins[0].reason) from = &*expert->bins[0].reason;
    } else {
      double rep = std::isfinite(lo) ? lo : std::isfinite(hi) ? hi - 1e-9 : 0;
      for (size_t b = 1; b < expert->bins.size(); ++b)
        if (rep >= expert->bins[b].lower && rep < expert->bins[b].upper && expert->bins[b].reason)
          from = &*expert->bins[b].reason;
      const Bin* worst = nullptr;  // else the expert's worst bin says what to do about this feature
      for (size_t b = 1; !from && b < expert->bins.size(); ++b)
        if (expert->bins[b].reason && (!worst || expert->bins[b].points < worst->points)) worst = &expert->bins[b];
      if (!from && worst) from = &*worst->reason;
    }
  }
  if (from) return {{"code", from->code}, {"zh", missing ? from->zh : zh}, {"remedy", from->remedy}, {"department", from->department}};
  return {{"code", fmt::format("F{:02}-{}", static_cast<int>(f), k)},
          {"zh", zh},
          {"remedy", missing ? "请相关部门向平台报送该项数据" : "改善该项指标"},
          {"department", std::string(fi.sourceZh) + "数据提供部门"}};
}

Metrics metricsOf(const std::vector<double>& scores, const std::vector<bool>& bad) {
  Metrics m;
  m.sample = static_cast<int64_t>(scores.size());
  m.bads = std::count(bad.begin(), bad.end(), true);
  m.auc = auc(scores, bad);
  m.ks = ks(scores, bad);
  return m;
}

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

}  // namespace

double auc(const std::vector<double>& scores, const std::vector<bool>& bad) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  // Mann–Whitney: average ranks over ties.
  double rankSumGood = 0;
  int64_t goods = 0, bads = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    double avgRank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (size_t k = i; k < j; ++k)
      if (!bad[order[k]]) rankSumGood += avgRank, ++goods;
      else ++bads;
    i = j;
  }
  if (!goods || !bads) return 0.5;
  double g = static_cast<double>(goods), b = static_cast<double>(bads);
  return (rankSumGood - g * (g + 1) / 2.0) / (g * b);
}

double ks(const std::vector<double>& scores, const std::vector<bool>& bad) {
  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });
  double goods = 0, bads = 0;
  for (bool b : bad) (b ? bads : goods) += 1;
  if (!goods || !bads) return 0;
  double cg = 0, cb = 0, best = 0;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    for (size_t k = i; k < j; ++k) (bad[order[k]] ? cb : cg) += 1;
    best = std::max(best, std::abs(cb / bads - cg / goods));
    i = j;
  }
  return best;
}

double scorePsi(const std::vector<double>& expected, const std::vector<double>& actual) {
  if (expected.empty() || actual.empty()) return 0;
  std::vector<double> sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> cuts;
  for (int k = 1; k < 10; ++k) {
    double q = sorted[sorted.size() * static_cast<size_t>(k) / 10];
    if (cuts.empty() || q > cuts.back()) cuts.push_back(q);
  }
  std::vector<double> e(cuts.size() + 1, 0.0), a(cuts.size() + 1, 0.0);
  for (double v : expected) e[static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin())] += 1;
  for (double v : actual) a[static_cast<size_t>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin())] += 1;
  double sum = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    double pe = std::max(e[i] / static_cast<double>(expected.size()), 1e-4);
    double pa = std::max(a[i] / static_cast<double>(actual.size()), 1e-4);
    sum += (pa - pe) * std::log(pa / pe);
  }
  return sum;
}

TrainResult train(const std::vector<Sample>& samples, const TrainOptions& o) {
  std::vector<size_t> dev, val;
  for (size_t i = 0; i < samples.size(); ++i) {
    double u = static_cast<double>(splitmix(o.seed ^ (i * 0x100000001b3ULL)) >> 11) / 9007199254740992.0;
    (u < o.validationShare ? val : dev).push_back(i);
  }
  int64_t G = 0, B = 0;
  for (size_t i : dev) (samples[i].bad ? B : G)++;
  if (samples.size() < 200 || G < 20 || B < 20)
    throw cannotTrain(fmt::format("样本不足：共 {} 条，其中开发样本逾期 {} 条、结清 {} 条；至少需要 200 条样本，且两类各 20 条以上。",
                                  samples.size(), B, G),
                      fmt::format("Too few samples: {} in all, {} bad and {} good in development; need 200 and 20 of each.",
                                  samples.size(), B, G));

  std::vector<FeatureFit> fits;
  for (size_t j = 0; j < kFeatureCount; ++j) fits.push_back(binFeature(static_cast<Feature>(j), samples, dev, o, G, B));
  std::vector<size_t> used;
  std::vector<DroppedFeature> dropped;
  for (size_t j = 0; j < kFeatureCount; ++j) {
    const auto& fit = fits[j];
    if (fit.informationValue >= o.minInformationValue) {
      used.push_back(j);
    } else if (fit.known == 0) {
      // Not in the sample at all (a feature file without the column, a source never collected):
      // reported too, so that "left out" never goes unexplained.
      dropped.push_back({fit.feature, "已知值不足：样本中该项全部未归集"});
    } else if (fit.distinct == 1 && fit.goods[0] + fit.bads[0] == 0) {
      dropped.push_back({fit.feature, fmt::format("所有样本取值相同（{}），无区分能力",
                                                  displayValue(fit.feature, samples[dev.empty() ? 0 : dev[0]].x[j]))});
    } else if (fit.discrete && fit.distinct > 1 && fit.cuts.empty() && fit.thinValues > 0) {
      // A rare value (a flag set for a handful of loans) merged into the common one.
      dropped.push_back({fit.feature, fmt::format("已知值不足：有取值不足 {} 笔，无法单独成箱，合并后信息值 {:.4f} 低于 {}",
                                                  kMinDiscreteCount, fit.informationValue, number(o.minInformationValue))});
    } else {
      dropped.push_back({fit.feature, fmt::format("信息值 {} 低于 {}", fmt::format("{:.4f}", fit.informationValue),
                                                  number(o.minInformationValue))});
    }
  }

  std::vector<double> beta;
  std::vector<bool> devBad;
  for (size_t i : dev) devBad.push_back(samples[i].bad);
  // Fit; a feature whose coefficient comes out non-positive (collinear with others) is dropped
  // and the model refitted, so that every feature's points follow its WoE.
  while (!used.empty()) {
    std::vector<std::vector<double>> x;
    x.reserve(dev.size());
    for (size_t i : dev) {
      std::vector<double> row;
      for (size_t j : used) row.push_back(fits[j].woe[binOf(fits[j], samples[i].x[j])]);
      x.push_back(std::move(row));
    }
    beta = logistic(x, devBad);
    auto worst = std::min_element(beta.begin() + 1, beta.end());
    if (*worst > 0) break;
    // Named with the feature it moves with most: the other WoE column it correlates with most.
    const size_t w = static_cast<size_t>(worst - beta.begin() - 1);
    std::string reason = fmt::format("回归系数非正（{:.3f}）", *worst);
    double bestCorr = 0;
    size_t partner = w;
    for (size_t k = 0; k < used.size(); ++k) {
      if (k == w) continue;
      double c = std::abs(correlation(x, w, k));
      if (c > bestCorr) bestCorr = c, partner = k;
    }
    if (partner != w)
      reason = fmt::format("与“{}”共线（WoE 相关系数 {:.2f}），{}", info(static_cast<Feature>(used[partner])).zh, bestCorr, reason);
    dropped.push_back({static_cast<Feature>(used[w]), reason});
    used.erase(used.begin() + static_cast<std::ptrdiff_t>(w));
  }
  if (used.empty())
    throw cannotTrain("没有任何指标对结果有区分能力（信息值均低于下限），无法训练评分卡。",
                      "No feature separates the outcomes (all information values below the floor).");

  const double factor = o.pdo / std::log(2.0);
  const double offset = o.baseScore - factor * std::log(o.baseOdds);
  json features = json::array();
  for (size_t u = 0; u < used.size(); ++u) {
    size_t j = used[u];
    auto& fit = fits[j];
    fit.used = true;
    fit.coefficient = beta[u + 1];
    auto f = static_cast<Feature>(j);
    std::vector<int> points;
    for (double w : fit.woe) points.push_back(static_cast<int>(std::lround(factor * fit.coefficient * w)));
    int best = *std::max_element(points.begin(), points.end());
    std::string bestLabel;
    for (size_t k = 0; k < fit.woe.size(); ++k) {
      double lo = k <= 1 ? -kInf : fit.cuts[k - 2];
      double hi = k == 0 || k - 1 >= fit.cuts.size() ? kInf : fit.cuts[k - 1];
      if (points[k] == best && bestLabel.empty()) bestLabel = k == 0 ? "未归集" : binLabel(f, lo, hi, fit.discrete);
    }
    json bins = json::array();
    for (size_t k = 0; k < fit.woe.size(); ++k) {
      double lo = k <= 1 ? -kInf : fit.cuts[k - 2];
      double hi = k == 0 || k - 1 >= fit.cuts.size() ? kInf : fit.cuts[k - 1];
      std::string label = k == 0 ? "未归集" : binLabel(f, lo, hi, fit.discrete);
      json bin = {{"label", label}, {"points", points[k]}};
      if (k == 0) bin["missing"] = true;
      if (k > 0 && std::isfinite(lo)) bin["lower"] = lo;
      if (k > 0 && std::isfinite(hi)) bin["upper"] = hi;
      if (points[k] < best) bin["reason"] = reasonFor(o, f, k == 0, lo, hi, label, bestLabel, static_cast<int>(k));
      bins.push_back(bin);
    }
    features.push_back({{"code", info(f).code}, {"bins", bins}});
  }
  const int basePoints = static_cast<int>(std::lround(offset + factor * beta[0]));
  int minPossible = basePoints;
  for (const auto& f : features) {
    int lo = INT32_MAX;
    for (const auto& b : f["bins"]) lo = std::min(lo, b["points"].get<int>());
    minPossible += lo;
  }
  // Grade cut-offs at the 90th, 60th, 30th and 10th percentiles of the development sample's
  // scores: every grade is reachable and holds a known share of the population the card was
  // fitted on (the scaling tells the odds at each cut-off). E takes everything below.
  std::vector<int> devScores;
  for (size_t i : dev) {
    double s = basePoints;
    for (size_t u = 0; u < used.size(); ++u) {
      const auto& fit = fits[used[u]];
      s += std::lround(factor * fit.coefficient * fit.woe[binOf(fit, samples[i].x[used[u]])]);
    }
    devScores.push_back(static_cast<int>(s));
  }
  std::sort(devScores.begin(), devScores.end());
  auto percentile = [&](double p) { return devScores[static_cast<size_t>(p * static_cast<double>(devScores.size() - 1))]; };
  std::vector<int> cuts = {percentile(0.9), percentile(0.6), percentile(0.3), percentile(0.1)};
  for (size_t k = 1; k < cuts.size(); ++k) cuts[k] = std::min(cuts[k], cuts[k - 1] - 1);  // strictly descending
  json grades = json::array({{{"grade", "A"}, {"zh", "优"}, {"minScore", cuts[0]}},
                             {{"grade", "B"}, {"zh", "良"}, {"minScore", cuts[1]}},
                             {{"grade", "C"}, {"zh", "中"}, {"minScore", cuts[2]}},
                             {{"grade", "D"}, {"zh", "关注"}, {"minScore", cuts[3]}},
                             {{"grade", "E"}, {"zh", "风险"}, {"minScore", std::min(minPossible, cuts[3] - 1)}}});
  json doc = {{"format", kArtifactFormat},
              {"version", o.version},
              {"title", o.title.empty() ? "WoE 逻辑回归评分卡 " + o.version : o.title},
              {"method", "woe_logistic"},
              {"createdAt", o.createdAt},
              {"description", fmt::format("由 {} 条贷款结果训练（{}）：取值少的指标（是否、等级、月数、次数）按取值分箱，"
                                          "连续指标按分位数预分箱，合并为单调分箱（数据显著支持时允许一个拐点），"
                                          "转换为 WoE，逻辑回归求系数，按基准分 {}、基准比率 {}:1、翻倍分数 {} 换算分值。",
                                          samples.size(), o.source, o.baseScore, o.baseOdds, o.pdo)},
              {"scaling", {{"baseScore", o.baseScore}, {"baseOdds", o.baseOdds}, {"pdo", o.pdo}, {"basePoints", basePoints}}},
              {"grades", grades},
              {"features", features}};

  // Metrics of the integer card itself, as it will score.
  TrainResult result;
  json training = json::object();
  {
    std::string unsealed = doc.dump();
    Scorecard card = parseScorecard(sealArtifact(unsealed));
    auto scoresOf = [&](const std::vector<size_t>& idx, std::vector<bool>& bad) {
      std::vector<double> s;
      ScoreResult r;
      for (size_t i : idx) {
        score(card, samples[i].x, r);
        s.push_back(r.score);
        bad.push_back(samples[i].bad);
      }
      return s;
    };
    std::vector<bool> db, vb;
    auto ds = scoresOf(dev, db), vs = scoresOf(val, vb);
    result.development = metricsOf(ds, db);
    result.validation = metricsOf(vs, vb);
    result.psi = scorePsi(ds, vs);
    if (o.baseline && !val.empty()) {
      std::vector<double> bs;
      std::vector<bool> bb;
      ScoreResult r;
      for (size_t i : val) {
        score(*o.baseline, samples[i].x, r);
        bs.push_back(r.score);
        bb.push_back(samples[i].bad);
      }
      result.baseline = metricsOf(bs, bb);
    }
  }
  const Metrics& headline = result.validation.sample > 0 ? result.validation : result.development;
  training = {{"source", o.source},
              {"sample", static_cast<int64_t>(samples.size())},
              {"badRate", round4(static_cast<double>(std::count_if(samples.begin(), samples.end(), [](auto& s) { return s.bad; })) /
                                 static_cast<double>(samples.size()))},
              {"auc", round4(headline.auc)},
              {"ks", round4(headline.ks)},
              {"psi", round4(result.psi)},
              {"development", {{"sample", result.development.sample}, {"bads", result.development.bads},
                               {"auc", round4(result.development.auc)}, {"ks", round4(result.development.ks)}}},
              {"validation", {{"sample", result.validation.sample}, {"bads", result.validation.bads},
                              {"auc", round4(result.validation.auc)}, {"ks", round4(result.validation.ks)}}},
              {"intercept", round4(beta[0])}};
  if (result.baseline)
    training["baseline"] = {{"version", o.baselineVersion}, {"auc", round4(result.baseline->auc)},
                            {"ks", round4(result.baseline->ks)}};
  json iv = json::object();
  for (const auto& fit : fits)
    if (fit.informationValue > 0) iv[std::string(info(fit.feature).code)] = round4(fit.informationValue);
  training["informationValue"] = iv;
  // Every feature the card leaves out, with the reason, in feature order.
  std::stable_sort(dropped.begin(), dropped.end(), [](const auto& a, const auto& b) { return a.feature < b.feature; });
  json out = json::array();
  for (const auto& d : dropped)
    out.push_back({{"feature", info(d.feature).code}, {"zh", info(d.feature).zh}, {"reason", d.reason}});
  training["dropped"] = out;
  // Features whose bad rate turns once (U or ∩) rather than being monotonic.
  json turned = json::array();
  for (size_t j : used)
    if (fits[j].turned) turned.push_back(info(fits[j].feature).code);
  if (!turned.empty()) training["nonMonotonic"] = turned;
  doc["training"] = training;
  result.artifact = sealArtifact(doc.dump());
  result.card = parseScorecard(result.artifact);
  result.fits = std::move(fits);
  result.dropped = std::move(dropped);
  result.heldOut.assign(samples.size(), false);
  for (size_t i : val) result.heldOut[i] = true;
  result.intercept = beta[0];
  return result;
}

}  // namespace jinfu::credit
