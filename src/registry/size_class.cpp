#include "registry/size_class.hpp"

#include "registry/industry.hpp"

#include <utility>
#include <vector>

namespace jinfu::registry {
namespace {

enum Indicator { kE, kR, kA };

struct Row {
  const char* zh;
  const char* en;
  // Lower bounds per indicator for 大型, 中型, 小型; -1 = the row does not use the indicator.
  // E in persons, R and A in 万元.
  std::int64_t bounds[3][3];
};

constexpr std::int64_t N = -1;

// The table of 第四条, in its order: {E bounds}, {R bounds}, {A bounds}.
const Row kAgriculture{"农、林、牧、渔业", "agriculture, forestry, animal husbandry and fishery",
                       {{N, N, N}, {20000, 500, 50}, {N, N, N}}};
const Row kIndustry{"工业", "industry", {{1000, 300, 20}, {40000, 2000, 300}, {N, N, N}}};
const Row kConstruction{"建筑业", "construction", {{N, N, N}, {80000, 6000, 300}, {80000, 5000, 300}}};
const Row kWholesale{"批发业", "wholesale", {{200, 20, 5}, {40000, 5000, 1000}, {N, N, N}}};
const Row kRetail{"零售业", "retail", {{300, 50, 10}, {20000, 500, 100}, {N, N, N}}};
const Row kTransport{"交通运输业", "transport", {{1000, 300, 20}, {30000, 3000, 200}, {N, N, N}}};
const Row kWarehousing{"仓储业", "warehousing", {{200, 100, 20}, {30000, 1000, 100}, {N, N, N}}};
const Row kPostal{"邮政业", "postal services", {{1000, 300, 20}, {30000, 2000, 100}, {N, N, N}}};
const Row kAccommodation{"住宿业", "accommodation", {{300, 100, 10}, {10000, 2000, 100}, {N, N, N}}};
const Row kCatering{"餐饮业", "catering", {{300, 100, 10}, {10000, 2000, 100}, {N, N, N}}};
const Row kInformation{"信息传输业", "information transmission",
                       {{2000, 100, 10}, {100000, 1000, 100}, {N, N, N}}};
const Row kSoftware{"软件和信息技术服务业", "software and information technology services",
                    {{300, 100, 10}, {10000, 1000, 50}, {N, N, N}}};
const Row kRealEstate{"房地产开发经营", "real estate development",
                      {{N, N, N}, {200000, 1000, 100}, {10000, 5000, 2000}}};
const Row kProperty{"物业管理", "property management", {{1000, 300, 100}, {5000, 1000, 500}, {N, N, N}}};
const Row kLeasing{"租赁和商务服务业", "leasing and business services",
                   {{300, 100, 10}, {N, N, N}, {120000, 8000, 100}}};
const Row kOther{"其他未列明行业", "other industries", {{300, 100, 10}, {N, N, N}, {N, N, N}}};

constexpr const char* kClassCode[] = {"large", "medium", "small", "micro"};
constexpr const char* kClassZh[] = {"大型", "中型", "小型", "微型"};
constexpr const char* kIndicatorZh[] = {"从业人员", "营业收入", "资产总额"};
constexpr const char* kIndicatorEn[] = {"employees", "revenue", "total assets"};
constexpr std::int64_t kFenPerWan = 1'000'000;

struct RowChoice {
  RowChoice() = default;
  RowChoice(const Row* r, std::string zh = {}, std::string en = {})  // NOLINT: implicit
      : row(r), noteZh(std::move(zh)), noteEn(std::move(en)) {}
  const Row* row = nullptr;
  std::string noteZh, noteEn;  // how the row was chosen when that is not obvious
};

RowChoice rowForDivision(const IndustryCode& code) {
  const int d = std::stoi(code.division);
  if (d <= 5) return {&kAgriculture};
  if (d <= 46) return {&kIndustry};
  if (d <= 50) return {&kConstruction};
  switch (d) {
    case 51: return {&kWholesale};
    case 52: return {&kRetail};
    case 53:
      return {&kOther, "（铁路运输业不适用交通运输业标准，按其他未列明行业）",
              " (rail transport is excluded from transport; other industries apply)"};
    case 54: case 55: case 56: case 57: case 58: return {&kTransport};
    case 59: return {&kWarehousing};
    case 60: return {&kPostal};
    case 61: return {&kAccommodation};
    case 62: return {&kCatering};
    case 63: case 64: return {&kInformation};
    case 65: return {&kSoftware};
    case 70: {
      const std::string group = code.detail.size() >= 3 ? code.detail.substr(0, 3) : "";
      if (group == "701") return {&kRealEstate};
      if (group == "702") return {&kProperty};
      if (group.empty())
        return {&kRealEstate, "（行业代码 70 未细分到中类，按房地产开发经营）",
                " (code 70 without a group; real estate development applies)"};
      return {&kRealEstate, "（房地产业 " + group + " 不是物业管理，按房地产开发经营）",
              " (real estate group " + group + " is not property management; real estate development applies)"};
    }
    case 71: case 72: return {&kLeasing};
    default: return {&kOther};
  }
}

// A bare section letter decides the row only when every division of the section is in one row.
RowChoice rowForSection(const std::string& section) {
  if (section == "A") return {&kAgriculture};
  if (section == "B" || section == "C" || section == "D") return {&kIndustry};
  if (section == "E") return {&kConstruction};
  if (section == "K")
    return {&kRealEstate, "（仅有行业门类 K，按房地产开发经营）",
            " (section K only; real estate development applies)"};
  if (section == "L") return {&kLeasing};
  if (section == "F" || section == "G" || section == "H" || section == "I") return {};
  return {&kOther};
}

// Exact 万元 from fen, without trailing zeros: 57995800000 → "5799.58".
std::string wan(std::int64_t fen) {
  std::string out;
  std::uint64_t m = fen < 0 ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  if (fen < 0) out += '-';
  out += std::to_string(m / kFenPerWan);
  std::uint64_t frac = m % kFenPerWan;
  if (frac != 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, 6 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out += '.';
    out += digits;
  }
  return out;
}

SizeDecision undecided(std::string industry, std::string zh, std::string en) {
  return SizeDecision{"", std::move(industry), std::move(zh), std::move(en)};
}

}  // namespace

std::string_view sizeClassZh(std::string_view sizeClass) {
  for (int k = 0; k < 4; ++k)
    if (sizeClass == kClassCode[k]) return kClassZh[k];
  return {};
}

SizeDecision classifySize(std::string_view industryCode, std::optional<std::int64_t> employees,
                          std::optional<std::int64_t> revenueFen,
                          std::optional<std::int64_t> assetsFen) {
  bool blank = true;
  for (char c : industryCode) blank &= c == ' ';
  if (blank) return undecided("", "缺少行业代码，无法划型", "industry code missing, cannot classify");
  auto code = parseIndustryCode(industryCode);
  if (!code) {
    std::string c(industryCode);
    return undecided("", "行业代码“" + c + "”不是有效的 GB/T 4754-2017 代码，无法划型",
                     "industry code \"" + c + "\" is not a valid GB/T 4754-2017 code, cannot classify");
  }
  RowChoice choice = code->division.empty() ? rowForSection(code->section) : rowForDivision(*code);
  if (!choice.row) {
    return undecided("", "行业门类 " + code->section + " 包含多个划型行业，需提供行业大类代码，无法划型",
                     "section " + code->section +
                         " spans several rows of the standard; a division code is needed to classify");
  }
  const Row& row = *choice.row;
  const std::string industry = row.zh;
  const std::string headZh = industry + choice.noteZh + "：";
  const std::string headEn = std::string(row.en) + choice.noteEn + ": ";

  // The values the row needs, in the row's units (persons, fen).
  const std::optional<std::int64_t> value[3] = {employees, revenueFen, assetsFen};
  std::vector<int> used;
  std::string missingZh, missingEn;
  std::string negativeZh, negativeEn;
  for (int k = 0; k < 3; ++k) {
    if (row.bounds[k][0] == N) continue;
    used.push_back(k);
    if (!value[k]) {
      missingZh += (missingZh.empty() ? "" : "、") + std::string(kIndicatorZh[k]);
      missingEn += (missingEn.empty() ? "" : " and ") + std::string(kIndicatorEn[k]);
    } else if (*value[k] < 0) {
      negativeZh += (negativeZh.empty() ? "" : "、") + std::string(kIndicatorZh[k]);
      negativeEn += (negativeEn.empty() ? "" : " and ") + std::string(kIndicatorEn[k]);
    }
  }
  if (!missingZh.empty())
    return undecided(industry, headZh + "缺少" + missingZh + "，无法划型",
                     headEn + missingEn + " missing, cannot classify");
  if (!negativeZh.empty())
    return undecided(industry, headZh + negativeZh + "为负数，无法划型",
                     headEn + negativeEn + " negative, cannot classify");

  auto reaches = [&](int k, int cls) {
    const std::int64_t bound = row.bounds[k][cls];
    // E compares persons; R and A compare fen with the bound in 万元 (no overflow: ≤ 2e5 × 1e6).
    return k == kE ? *value[k] >= bound : *value[k] >= bound * kFenPerWan;
  };
  auto describe = [&](int k, int cls, bool below, std::string& zh, std::string& en) {
    const std::string bound = std::to_string(row.bounds[k][cls]);
    const std::string rel = below ? "<" : "≥";
    if (!zh.empty()) {
      zh += "且";
      en += " and ";
    }
    if (k == kE) {
      zh += "从业人员 " + std::to_string(*value[k]) + " 人（" + rel + bound + "）";
      en += std::to_string(*value[k]) + " employees (" + rel + bound + ")";
    } else {
      zh += std::string(kIndicatorZh[k]) + " " + wan(*value[k]) + " 万元（" + rel + bound + "）";
      en += std::string(kIndicatorEn[k]) + " " + wan(*value[k]) + " 万元 (" + rel + bound + ")";
    }
  };

  std::string zh, en;
  int cls = 0;
  for (; cls < 3; ++cls) {
    bool all = true;
    for (int k : used) all &= reaches(k, cls);
    if (all) break;
  }
  if (cls < 3) {
    for (int k : used) describe(k, cls, false, zh, en);
  } else {
    for (int k : used)
      if (!reaches(k, 2)) describe(k, 2, true, zh, en);
  }
  return SizeDecision{kClassCode[cls], industry, headZh + zh + "→ " + kClassZh[cls],
                      headEn + en + " → " + kClassCode[cls]};
}

}  // namespace jinfu::registry
