#pragma once
// Amounts of renminbi held as a whole number of fen (分, 0.01 元). Loan demands, credit lines and
// subsidies are entered by people in 元 or 万元 and compared exactly, so there is no floating
// point anywhere: parsing, arithmetic and formatting are all integer and overflow is an error,
// never a wrap.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace jinfu {

// The unit a bare number is read in; text carrying its own unit ("元", "万元", "万") overrides it.
enum class MoneyUnit { kYuan, kWanYuan };

enum class MoneyErrorKind {
  kEmpty,
  kMalformed,       // not a number at all, or junk around it
  kThousands,       // thousands separators in the wrong places ("1,23,4")
  kTooManyDecimals, // finer than one fen: > 2 decimals in 元, > 6 in 万元
  kOverflow,        // beyond ±9.2e16 元 (int64 fen)
};

struct MoneyError {
  MoneyErrorKind kind;
  std::string reasonZh;
  std::string reasonEn;
};

class MoneyResult;

class Money {
 public:
  static constexpr std::int64_t kFenPerYuan = 100;
  static constexpr std::int64_t kFenPerWanYuan = 1'000'000;

  constexpr Money() = default;  // zero
  static constexpr Money fromFen(std::int64_t fen) { return Money(fen); }
  constexpr std::int64_t fen() const { return fen_; }

  // Accepts what people type and spreadsheets export: "12.5万元", "125000.00元", "125,000",
  // "¥1,234.56", "-3.2万", full-width digits and punctuation, white space around the parts.
  // Rejects amounts finer than one fen rather than rounding them: a silently rounded loan amount
  // is worse than a form error.
  static MoneyResult parse(std::string_view text, MoneyUnit bareUnit = MoneyUnit::kYuan);

  // "125,000.00"; always two decimals, thousands separated, '-' for negative amounts.
  std::string toYuanString() const;
  // "12.50" for 125,000 元: 万元 with `decimals` digits (clamped to 0–6), thousands separated,
  // rounded half away from zero (12.345 → 12.35, −12.345 → −12.35), and without a sign when the
  // rounded value is zero.
  std::string toWanYuanString(int decimals = 2) const;
  // "12.50万元".
  std::string toWanYuanStringWithUnit(int decimals = 2) const;

  // Checked arithmetic: an overflow is an error value, not undefined behaviour.
  MoneyResult plus(Money other) const;
  MoneyResult minus(Money other) const;

  constexpr bool isZero() const { return fen_ == 0; }
  constexpr bool isNegative() const { return fen_ < 0; }

  friend constexpr bool operator==(Money, Money) = default;
  friend constexpr auto operator<=>(Money, Money) = default;

 private:
  constexpr explicit Money(std::int64_t fen) : fen_(fen) {}
  std::int64_t fen_ = 0;
};

// Either an amount or why the text was not one.
class MoneyResult {
 public:
  MoneyResult(Money m) : v_(m) {}                        // NOLINT: implicit by design
  MoneyResult(MoneyError e) : v_(std::move(e)) {}        // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  Money value() const { return std::get<0>(v_); }             // throws if !ok()
  const MoneyError& error() const { return std::get<1>(v_); } // throws if ok()

 private:
  std::variant<Money, MoneyError> v_;
};

}  // namespace jinfu
