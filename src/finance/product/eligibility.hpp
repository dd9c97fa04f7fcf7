#pragma once
// Matching a financing need against bank products: every eligibility rule of a product checked
// against what the platform knows of the enterprise, each with its outcome (符合 / 不符合 /
// 无法判断 when the platform has no value), the enterprise's value and the rule's threshold; and
// the eligible products ranked. Pure: the store supplies products and the enterprise's profile.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinfu::finance {

// 纳税信用等级 and credit grades are compared by rank: A > B > M > C > D for tax, and the active
// scorecard's order (A best) for credit grades.
int taxGradeRank(std::string_view grade);  // A 4 … D 0, -1 unknown

struct Rules {
  std::vector<std::string> regionPrefixes;    // GB/T 2260; empty = everywhere
  std::vector<std::string> industryPrefixes;  // GB/T 4754 prefixes ("C", "C35", "I65"); empty = any
  std::vector<std::string> sizeClasses;       // large/medium/small/micro; empty = any
  std::optional<double> minYears;             // since establishment
  std::optional<std::string> minTaxGrade;     // A/B/M/C/D
  std::optional<int64_t> minTaxPaid12mFen;
  std::optional<int64_t> minInsured;
  std::optional<std::string> minCreditGrade;  // a grade of the active scorecard
  bool noDishonest = true;                    // 失信被执行人
  bool noSeriousIllegal = true;               // 严重违法失信名单
};

struct Product {
  int64_t id = 0;
  std::string name;
  std::string bankName;
  int64_t minAmountFen = 0, maxAmountFen = 0;
  int minTermMonths = 1, maxTermMonths = 12;
  int minRateBp = 0, maxRateBp = 0;           // the annual rate range in basis points
  std::vector<std::string> guarantees;         // accepted: credit, mortgage, guarantee, pledge
  int approvalWorkdays = 0;                    // promised
  Rules rules;
};

// What the platform knows of the enterprise; unknown values stay empty.
struct Profile {
  std::string regionCode;
  std::string industryCode;                    // C3562 or the division C35
  std::optional<std::string> sizeClass;
  std::optional<double> years;
  std::optional<std::string> taxGrade;
  std::optional<int64_t> taxPaid12mFen;
  std::optional<int64_t> insured;
  std::optional<std::string> creditGrade;
  std::optional<bool> dishonest;
  std::optional<bool> seriousIllegal;
};

struct Need {
  int64_t amountFen = 0;
  int termMonths = 0;
  std::vector<std::string> guarantees;         // what the enterprise can offer; "credit" always
};

enum class Outcome { Pass, Fail, Unknown };

// The rules in the order they are shown: the product's own (only those it sets), then amount,
// term and guarantee, which every product checks.
enum class Rule : uint8_t {
  Region,
  Industry,
  Size,
  Years,
  TaxGrade,
  TaxPaid,
  Insured,
  CreditGrade,
  Dishonest,
  SeriousIllegal,
  Amount,
  Term,
  Guarantee,
};
inline constexpr size_t kRuleCount = 13;
std::string_view code(Rule r);  // region, industry, size, years, tax_grade, …
std::string_view zh(Rule r);    // 所在区域, …

// The outcome of every rule, without a word of text: what ranking and 商机 need, cheap enough to
// run against every product for every demand (no allocation).
struct Verdict {
  std::array<Outcome, kRuleCount> outcome{};
  uint16_t applies = 0;  // bit i: rule i is checked for this product
  bool eligible = false;  // every checked rule passes
  bool fails = false;     // some checked rule fails (an unknown value is neither)
  bool checks(Rule r) const { return applies & (1u << static_cast<unsigned>(r)); }
};

// A product and an enterprise made ready for evaluation: codes turned into small integers and bit
// sets once, so that evaluating one demand against thousands of products compares numbers and
// prefixes only. `creditGradeOrder` lists the active scorecard's grades, best first ("A", "B", …).
struct PreparedProduct {
  // Everything evaluate() reads, inline: 10 000 of these stay in cache where 10 000 Products,
  // with their strings and vectors, do not.
  struct Prefix {
    std::array<char, 7> text{};
    uint8_t size = 0;
  };
  static constexpr size_t kInlinePrefixes = 4;
  const Product* product = nullptr;
  int64_t minAmountFen = 0, maxAmountFen = 0;
  int64_t minTaxPaid12mFen = -1;  // -1: no such rule (likewise below)
  int64_t minInsured = -1;
  double minYears = -1;
  int16_t minTermMonths = 0, maxTermMonths = 0;
  uint8_t sizeMask = 0;        // sizes accepted (0: no size rule)
  uint8_t guaranteeMask = 0;   // guarantees accepted; the credit bit means "asks for nothing"
  int8_t minTaxRank = -1;      // -1: no tax-grade rule
  bool creditRule = false;
  bool noDishonest = false, noSeriousIllegal = false;
  int minCreditRank = -1;
  // Region and industry prefixes; more than kInlinePrefixes are read from the product itself.
  uint8_t regionCount = 0, industryCount = 0;
  std::array<Prefix, kInlinePrefixes> regions{}, industries{};
};
struct PreparedProfile {
  const Profile* profile = nullptr;
  const Need* need = nullptr;
  uint8_t sizeBit = 0;         // 0: size unknown
  int8_t taxRank = -1;         // -1: unknown
  int creditRank = -1;         // -1: not scored (or a grade the scorecard lacks)
  uint8_t offeredMask = 0;
};
PreparedProduct prepare(const Product& product, const std::vector<std::string>& creditGradeOrder);
PreparedProfile prepare(const Profile& profile, const Need& need, const std::vector<std::string>& creditGradeOrder);
Verdict evaluate(const PreparedProduct& product, const PreparedProfile& profile);
Verdict evaluate(const Product& product, const Profile& profile, const Need& need,
                 const std::vector<std::string>& creditGradeOrder);

// A rule's outcome as the enterprise reads it.
struct RuleOutcome {
  std::string rule;       // code(Rule)
  std::string ruleZh;     // 所在区域
  Outcome outcome = Outcome::Pass;
  std::string value;      // the enterprise's value as shown ("410871", "B级", "未归集")
  std::string threshold;  // the rule's ("4108*", "不低于 B级")
};

struct Match {
  const Product* product = nullptr;
  std::vector<RuleOutcome> rules;  // only the rules the product sets, plus amount, term, guarantee
  bool eligible = false;           // every rule passes (unknown is not a pass)
};

// evaluate() with the words: each checked rule's outcome, value and threshold.
Match match(const Product& product, const Profile& profile, const Need& need,
            const std::vector<std::string>& creditGradeOrder);

// How the bank has behaved on the platform, for ranking.
struct BankRecord {
  std::optional<double> responseWorkdays;  // median working days to accept or refuse
  std::optional<double> approvalRate;      // approved / decided
};

struct Ranked {
  const Product* product = nullptr;
  BankRecord record;
};

// Eligible products ranked: lowest minimum rate first, then the fastest promised approval, then
// the bank's measured response time (faster first, unknown last) and approval rate (higher first,
// unknown last). Ties keep the given order. `records[i]` belongs to `eligible[i]`.
std::vector<Ranked> rank(const std::vector<const Product*>& eligible, const std::vector<BankRecord>& records);
// Why a product ranks where it does, for the page (written only for what is shown):
// "年利率 3.45%–4.35%；承诺 5 个工作日审批；该行平均 2.0 个工作日响应，批准率 80%".
std::string why(const Ranked& r);

// An amount in fen as messages say it: "123.45 万元" (at most two decimals, trailing zeros dropped).
std::string wan(int64_t fen);

}  // namespace jinfu::finance
