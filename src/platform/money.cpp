#include "platform/money.hpp"

#include "platform/text.hpp"

#include <cstddef>
#include <vector>

namespace jinfu {
namespace {

constexpr char32_t kYuanSign = U'¥';          // U+00A5
constexpr char32_t kFullWidthYuanSign = U'￥'; // U+FFE5
constexpr char32_t kYuan = U'元';
constexpr char32_t kWan = U'万';

// Full-width digits and punctuation come from Chinese input methods; U+2212 from word processors.
char32_t fold(char32_t c) {
  if (c == 0x2212) return '-';
  return text::foldFullWidth(c);
}

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }

MoneyError error(MoneyErrorKind kind, std::string zh, std::string en) {
  return MoneyError{kind, std::move(zh), std::move(en)};
}

MoneyError malformed(std::string_view text, std::string_view whatZh, std::string_view whatEn) {
  std::string t(text);
  return error(MoneyErrorKind::kMalformed, "金额“" + t + "”格式不正确：" + std::string(whatZh),
               "malformed amount \"" + t + "\": " + std::string(whatEn));
}

MoneyError unexpected(std::string_view text, std::string_view part) {
  std::string u(part);
  return malformed(text, "无法识别“" + u + "”", "unexpected \"" + u + "\"");
}

// The thousands grouping of an integer part written with commas: 1–3 leading digits, then groups
// of exactly three.
bool wellGrouped(const std::vector<char32_t>& digitsAndCommas) {
  std::size_t group = 0;
  bool first = true;
  for (char32_t c : digitsAndCommas) {
    if (c == ',') {
      if (group == 0 || group > 3 || (!first && group != 3)) return false;
      first = false;
      group = 0;
    } else {
      ++group;
    }
  }
  return group == 3 || (first && group > 0);
}

std::string groupThousands(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i >= lead && (i - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::uint64_t magnitude(std::int64_t v) {
  // Negating in unsigned arithmetic keeps INT64_MIN well defined.
  return v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
}

}  // namespace

MoneyResult Money::parse(std::string_view text, MoneyUnit bareUnit) {
  // Decode once, keeping the byte offset of each code point so errors can quote the original.
  std::vector<char32_t> cps;
  std::vector<std::size_t> offsets;
  cps.reserve(text.size());
  offsets.reserve(text.size() + 1);
  for (std::size_t i = 0; i < text.size();) {
    offsets.push_back(i);
    cps.push_back(fold(text::decodeUtf8(text, i)));
  }
  offsets.push_back(text.size());

  std::size_t i = 0;
  std::size_t n = cps.size();
  while (i < n && text::isUnicodeSpace(cps[i])) ++i;
  while (n > i && text::isUnicodeSpace(cps[n - 1])) --n;
  if (i == n) return error(MoneyErrorKind::kEmpty, "金额为空", "the amount is empty");
  // Errors quote the trimmed original, not the folded form, so people recognise their input.
  const std::string_view trimmed = text.substr(offsets[i], offsets[n] - offsets[i]);
  auto skipSpace = [&] {
    while (i < n && text::isUnicodeSpace(cps[i])) ++i;
  };
  auto rest = [&] { return text.substr(offsets[i], offsets[n] - offsets[i]); };

  // [sign] [¥] [sign] number [unit], white space allowed between the parts.
  bool negative = false, signSeen = false, currencySeen = false;
  while (i < n) {
    if (!signSeen && (cps[i] == '-' || cps[i] == '+')) {
      negative = cps[i] == '-';
      signSeen = true;
    } else if (!currencySeen && (cps[i] == kYuanSign || cps[i] == kFullWidthYuanSign)) {
      currencySeen = true;
    } else {
      break;
    }
    ++i;
    skipSpace();
  }

  std::vector<char32_t> integer;
  bool hasComma = false;
  while (i < n && (isDigit(cps[i]) || cps[i] == ',')) {
    hasComma |= cps[i] == ',';
    integer.push_back(cps[i++]);
  }
  if (integer.empty())
    return i == n ? malformed(trimmed, "缺少数字", "no digits") : unexpected(trimmed, rest());

  std::vector<char32_t> fraction;
  if (i < n && cps[i] == '.') {
    ++i;
    while (i < n && isDigit(cps[i])) fraction.push_back(cps[i++]);
    if (fraction.empty())
      return malformed(trimmed, "小数点后缺少数字", "no digits after the decimal point");
  }

  skipSpace();
  MoneyUnit unit = bareUnit;
  if (i < n && cps[i] == kYuan) {
    unit = MoneyUnit::kYuan;
    ++i;
  } else if (i < n && cps[i] == kWan) {
    unit = MoneyUnit::kWanYuan;
    ++i;
    if (i < n && cps[i] == kYuan) ++i;  // "万元" and the bare "万" mean the same
  }
  skipSpace();
  if (i != n) return unexpected(trimmed, rest());

  if (hasComma && !wellGrouped(integer)) {
    std::string t(trimmed);
    return error(MoneyErrorKind::kThousands, "金额“" + t + "”的千分位分隔符位置不正确",
                 "misplaced thousands separator in \"" + t + "\"");
  }

  const bool wan = unit == MoneyUnit::kWanYuan;
  const std::size_t maxDecimals = wan ? 6 : 2;
  if (fraction.size() > maxDecimals) {
    std::string got = std::to_string(fraction.size());
    return wan ? error(MoneyErrorKind::kTooManyDecimals,
                       "以万元为单位时最多保留6位小数，实际为" + got + "位",
                       "at most 6 decimal places are allowed in 万元 (10,000 yuan), got " + got)
               : error(MoneyErrorKind::kTooManyDecimals,
                       "以元为单位时最多保留2位小数，实际为" + got + "位",
                       "at most 2 decimal places are allowed in yuan, got " + got);
  }

  // The fraction, padded to maxDecimals digits, is already in fen for both units because
  // 10^2 fen = 1 元 and 10^6 fen = 1 万元.
  std::int64_t whole = 0, fen = 0;
  bool overflow = false;
  for (char32_t c : integer) {
    if (c == ',') continue;
    overflow |= __builtin_mul_overflow(whole, 10, &whole);
    overflow |= __builtin_add_overflow(whole, static_cast<std::int64_t>(c - '0'), &whole);
  }
  std::int64_t frac = 0;
  for (std::size_t k = 0; k < maxDecimals; ++k)
    frac = frac * 10 + (k < fraction.size() ? static_cast<std::int64_t>(fraction[k] - '0') : 0);
  overflow |= __builtin_mul_overflow(whole, wan ? kFenPerWanYuan : kFenPerYuan, &fen);
  overflow |= __builtin_add_overflow(fen, frac, &fen);
  if (overflow) {
    std::string t(trimmed);
    return error(MoneyErrorKind::kOverflow, "金额“" + t + "”超出可表示的范围",
                 "amount \"" + t + "\" is out of range");
  }
  return Money(negative ? -fen : fen);
}

std::string Money::toYuanString() const {
  std::uint64_t m = magnitude(fen_);
  std::string out = fen_ < 0 ? "-" : "";
  out += groupThousands(m / 100);
  out += '.';
  out += static_cast<char>('0' + m % 100 / 10);
  out += static_cast<char>('0' + m % 10);
  return out;
}

std::string Money::toWanYuanString(int decimals) const {
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  std::uint64_t scale = 1;  // 10^decimals
  for (int k = 0; k < decimals; ++k) scale *= 10;
  const std::uint64_t step = static_cast<std::uint64_t>(kFenPerWanYuan) / scale;
  // Rounding the magnitude makes ties go away from zero for both signs. The sum cannot wrap:
  // the magnitude is at most 2^63 and half a step at most 5·10^5.
  const std::uint64_t q = (magnitude(fen_) + step / 2) / step;

  std::string out = fen_ < 0 && q != 0 ? "-" : "";
  out += groupThousands(q / scale);
  if (decimals > 0) {
    std::string frac = std::to_string(q % scale);
    out += '.';
    out.append(static_cast<std::size_t>(decimals) - frac.size(), '0');
    out += frac;
  }
  return out;
}

std::string Money::toWanYuanStringWithUnit(int decimals) const {
  return toWanYuanString(decimals) + "万元";
}

MoneyResult Money::plus(Money other) const {
  std::int64_t r;
  if (__builtin_add_overflow(fen_, other.fen_, &r))
    return error(MoneyErrorKind::kOverflow, "金额相加超出可表示的范围",
                 "sum of amounts is out of range");
  return Money(r);
}

MoneyResult Money::minus(Money other) const {
  std::int64_t r;
  if (__builtin_sub_overflow(fen_, other.fen_, &r))
    return error(MoneyErrorKind::kOverflow, "金额相减超出可表示的范围",
                 "difference of amounts is out of range");
  return Money(r);
}

}  // namespace jinfu
