#include "collect/values.hpp"

#include "platform/icu_text.hpp"
#include "platform/money.hpp"
#include "platform/text.hpp"
#include "platform/uscc.hpp"
#include "registry/industry.hpp"

#include <array>

namespace jinfu::collect {
namespace {

using text::decodeUtf8;
using text::isUnicodeSpace;

bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }

char32_t fold(char32_t c) {
  if (c == 0x2212) return '-';  // minus sign from word processors
  return text::foldFullWidth(c);
}

char lowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool isAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

bool equalsIgnoreAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lowerAscii(a[i]) != lowerAscii(b[i])) return false;
  return true;
}

LocalText err(std::string zh, std::string en) { return LocalText{std::move(zh), std::move(en)}; }

bool isZeroWidth(char32_t c) { return (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF; }

// ---- dates -----------------------------------------------------------------------------------

enum class DateKind { Year, Month, Day };
struct DateParts {
  DateKind kind;
  int y = 0, m = 0, d = 0;
};

constexpr std::size_t kMaxDateChars = 40;

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// H{1,2}:MM[:SS[.fff]] — the time part spreadsheets append to dates.
bool isTime(const char32_t* p, std::size_t n) {
  std::size_t i = 0;
  auto digits = [&](std::size_t min, std::size_t max) {
    std::size_t k = 0;
    while (i < n && k < max && isDigit(p[i])) ++i, ++k;
    return k >= min;
  };
  if (!digits(1, 2) || i >= n || p[i] != ':') return false;
  ++i;
  if (!digits(2, 2)) return false;
  if (i < n && p[i] == ':') {
    ++i;
    if (!digits(2, 2)) return false;
    if (i < n && p[i] == '.') {
      ++i;
      if (!digits(1, 9)) return false;
    }
  }
  return i == n;
}

LocalText dateShapeError() {
  return err("无法识别的日期，应为 2025-06-30、2025/6/30、20250630 或 2025年6月30日 等形式",
             "not a recognisable date; expected e.g. 2025-06-30, 2025/6/30, 20250630 or 2025年6月30日");
}

// Recognises the shape and checks the calendar. `allowTime`: a trailing time is ignored.
CellError scanDate(std::string_view cell, bool allowTime, DateParts& out) {
  std::string_view t = trimCell(cell);
  std::array<char32_t, kMaxDateChars> buf{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < t.size();) {
    if (n == buf.size()) return dateShapeError();
    buf[n++] = fold(decodeUtf8(t, i));
  }
  if (allowTime) {
    for (std::size_t p = 8; p < n; ++p) {
      if (buf[p] == ' ' || buf[p] == 'T') {
        std::size_t q = p + 1;
        while (q < n && isUnicodeSpace(buf[q])) ++q;
        if (isTime(buf.data() + q, n - q)) {
          n = p;
          while (n > 0 && isUnicodeSpace(buf[n - 1])) --n;
        }
        break;
      }
    }
  }

  int value[3] = {0, 0, 0}, digits[3] = {0, 0, 0};
  char32_t sep[3] = {0, 0, 0};  // separator after part k; 'Y' stands for 年度
  int count = 0;
  std::size_t i = 0;
  auto skipSpace = [&] {
    while (i < n && isUnicodeSpace(buf[i])) ++i;
  };
  while (i < n) {
    if (count == 3) return dateShapeError();
    int v = 0, d = 0;
    while (i < n && isDigit(buf[i])) {
      if (d < 9) v = v * 10 + static_cast<int>(buf[i] - '0');
      ++d, ++i;
    }
    if (d == 0) return dateShapeError();
    value[count] = v, digits[count] = d;
    ++count;
    skipSpace();
    if (i == n) break;
    char32_t c = buf[i++];
    if (c != '-' && c != '/' && c != '.' && c != U'年' && c != U'月' && c != U'日')
      return dateShapeError();
    if (c == U'年' && i < n && buf[i] == U'度') {
      c = 'Y';
      ++i;
    }
    sep[count - 1] = c;
    skipSpace();
  }
  // A separator after the last part is a trailing one: only 年/年度, 月 or 日 may end the text.
  const char32_t trailing = count > 0 ? sep[count - 1] : 0;
  auto cjk = [](char32_t c) { return c == U'年' || c == 'Y' || c == U'月' || c == U'日'; };
  if (trailing != 0 && !cjk(trailing)) return dateShapeError();

  auto ascii = [](char32_t c) { return c == '-' || c == '/' || c == '.'; };
  if (count == 1) {
    if (digits[0] == 8 && trailing == 0) {
      out = {DateKind::Day, value[0] / 10000, value[0] / 100 % 100, value[0] % 100};
    } else if (digits[0] == 6 && trailing == 0) {
      out = {DateKind::Month, value[0] / 100, value[0] % 100, 0};
    } else if (digits[0] == 4 && (trailing == 0 || trailing == U'年' || trailing == 'Y')) {
      out = {DateKind::Year, value[0], 0, 0};
    } else {
      return dateShapeError();
    }
  } else if (count == 2) {
    bool okAscii = ascii(sep[0]) && trailing == 0;
    bool okCjk = sep[0] == U'年' && (trailing == 0 || trailing == U'月');
    if (!(okAscii || okCjk) || digits[0] != 4 || digits[1] > 2) return dateShapeError();
    out = {DateKind::Month, value[0], value[1], 0};
  } else if (count == 3) {
    bool okAscii = ascii(sep[0]) && sep[1] == sep[0] && trailing == 0;
    bool okCjk = sep[0] == U'年' && sep[1] == U'月' && (trailing == 0 || trailing == U'日');
    if (!(okAscii || okCjk) || digits[0] != 4 || digits[1] > 2 || digits[2] > 2)
      return dateShapeError();
    out = {DateKind::Day, value[0], value[1], value[2]};
  } else {
    return dateShapeError();
  }

  if (out.y < 1900 || out.y > 2100)
    return err("年份 " + std::to_string(out.y) + " 超出 1900–2100 的范围",
               "year " + std::to_string(out.y) + " is outside 1900–2100");
  if (out.kind != DateKind::Year && (out.m < 1 || out.m > 12))
    return err("月份 " + std::to_string(out.m) + " 不存在", "there is no month " + std::to_string(out.m));
  if (out.kind == DateKind::Day && (out.d < 1 || out.d > daysIn(out.y, out.m))) {
    const std::string days = std::to_string(daysIn(out.y, out.m));
    return err("日期不存在：" + std::to_string(out.y) + "年" + std::to_string(out.m) + "月只有" + days +
                   "天",
               "no such date: " + std::to_string(out.y) + "-" + (out.m < 10 ? "0" : "") +
                   std::to_string(out.m) + " has only " + days + " days");
  }
  return std::nullopt;
}

void put2(std::string& out, int v) {
  out += static_cast<char>('0' + v / 10);
  out += static_cast<char>('0' + v % 10);
}

void formatDate(const DateParts& p, DateKind as, std::string& out) {
  out.clear();
  out += std::to_string(p.y);
  if (as == DateKind::Year) return;
  out += '-';
  put2(out, p.m);
  if (as == DateKind::Month) return;
  out += '-';
  put2(out, p.d);
}

// ---- numbers ---------------------------------------------------------------------------------

// Fast path for plain ASCII amounts: digits with an optional fraction, nothing else.
bool plainAmount(std::string_view t, bool inWan, std::int64_t& fen) {
  std::size_t dot = t.find('.');
  std::string_view whole = t.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : t.substr(dot + 1);
  if (whole.empty() || whole.size() > 12) return false;
  if (dot != std::string_view::npos && (frac.empty() || frac.size() > (inWan ? 6u : 2u))) return false;
  std::int64_t w = 0, f = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return false;
    w = w * 10 + (c - '0');
  }
  const std::size_t places = inWan ? 6 : 2;
  for (std::size_t k = 0; k < places; ++k) {
    char c = k < frac.size() ? frac[k] : '0';
    if (c < '0' || c > '9') return false;
    f = f * 10 + (c - '0');
  }
  fen = w * (inWan ? Money::kFenPerWanYuan : Money::kFenPerYuan) + f;
  return true;
}

bool looksScientific(std::string_view t) {
  for (std::size_t i = 1; i < t.size(); ++i)
    if ((t[i] == 'e' || t[i] == 'E') && t[i - 1] >= '0' && t[i - 1] <= '9') return true;
  return false;
}

}  // namespace

// ---- helpers ---------------------------------------------------------------------------------

std::string_view trimCell(std::string_view cell) {
  std::size_t b = 0, e = cell.size();
  // Fast path: printable ASCII at both ends is not white space.
  auto printable = [](char c) { return c > ' ' && c < 0x7F; };
  if (e > 0 && printable(cell.front()) && printable(cell.back())) return cell;
  while (b < e) {
    std::size_t i = b;
    if (!isUnicodeSpace(decodeUtf8(cell, i))) break;
    b = i;
  }
  while (e > b) {
    // Step back to the start of the last character.
    std::size_t s = e - 1;
    while (s > b && (static_cast<unsigned char>(cell[s]) & 0xC0) == 0x80) --s;
    std::size_t i = s;
    if (!isUnicodeSpace(decodeUtf8(cell, i)) || i != e) break;
    e = s;
  }
  return cell.substr(b, e - b);
}

bool isBlank(std::string_view cell) { return trimCell(cell).empty(); }

std::string cutChars(std::string_view s, std::size_t maxChars) {
  std::size_t i = 0, chars = 0;
  while (i < s.size() && chars < maxChars) {
    decodeUtf8(s, i);
    ++chars;
  }
  return std::string(s.substr(0, i));
}

// ---- dates -----------------------------------------------------------------------------------

CellError parseDate(std::string_view cell, std::string& out) {
  DateParts p;
  if (auto e = scanDate(cell, true, p)) return e;
  if (p.kind != DateKind::Day)
    return err("应为具体日期（年月日），如 2025-06-30", "a full date (year, month, day) is required, e.g. 2025-06-30");
  formatDate(p, DateKind::Day, out);
  return std::nullopt;
}

CellError parseMonth(std::string_view cell, std::string& out) {
  DateParts p;
  if (auto e = scanDate(cell, false, p)) return e;
  if (p.kind == DateKind::Year)
    return err("缺少月份，应为 2025-06 或 2025年6月 等形式", "the month is missing; expected e.g. 2025-06");
  formatDate(p, DateKind::Month, out);
  return std::nullopt;
}

CellError parsePeriod(std::string_view cell, std::string& out) {
  DateParts p;
  if (auto e = scanDate(cell, false, p)) return e;
  formatDate(p, p.kind == DateKind::Year ? DateKind::Year : DateKind::Month, out);
  return std::nullopt;
}

CellError parseYear(std::string_view cell, std::string& out) {
  DateParts p;
  if (auto e = scanDate(cell, false, p)) return e;
  if (p.kind != DateKind::Year)
    return err("应为年份，如 2025 或 2025年", "a year is expected, e.g. 2025");
  formatDate(p, DateKind::Year, out);
  return std::nullopt;
}

std::string periodEnd(std::string_view v) {
  if (v.size() == 4) return std::string(v) + "-12-31";
  if (v.size() == 7) {
    int y = (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
    int m = (v[5] - '0') * 10 + (v[6] - '0');
    std::string out(v);
    out += '-';
    put2(out, m >= 1 && m <= 12 ? daysIn(y, m) : 31);
    return out;
  }
  return std::string(v);
}

// ---- numbers ---------------------------------------------------------------------------------

CellError parseAmount(std::string_view cell, bool inWan, bool allowNegative, std::int64_t& fen) {
  std::string_view t = trimCell(cell);
  if (plainAmount(t, inWan, fen)) return std::nullopt;
  if (isAscii(t) ? looksScientific(t) : false)
    return err("金额不能使用科学计数法，请将表格中该列设为数值（不使用科学计数）或文本格式后重新导出",
               "scientific notation is not accepted for amounts; format the column as a plain number "
               "or text and export again");
  if (!isAscii(t)) {
    // Full-width "１．２Ｅ＋０５" is just as scientific.
    std::string folded;
    for (std::size_t i = 0; i < t.size();) text::appendUtf8(fold(decodeUtf8(t, i)), folded);
    if (looksScientific(folded))
      return err("金额不能使用科学计数法，请将表格中该列设为数值（不使用科学计数）或文本格式后重新导出",
                 "scientific notation is not accepted for amounts; format the column as a plain "
                 "number or text and export again");
  }
  MoneyResult r = Money::parse(t, inWan ? MoneyUnit::kWanYuan : MoneyUnit::kYuan);
  if (!r) return err(r.error().reasonZh, r.error().reasonEn);
  fen = r.value().fen();
  if (fen < 0 && !allowNegative) return err("金额不能为负数", "the amount may not be negative");
  return std::nullopt;
}

CellError parseInteger(std::string_view cell, std::int64_t min, std::int64_t max, std::int64_t& out) {
  std::string_view t = trimCell(cell);
  auto notInteger = [] { return err("应为整数，如 1234 或 1,234", "an integer is expected, e.g. 1234 or 1,234"); };
  bool negative = false, overflow = false, commas = false, first = true;
  std::int64_t v = 0;
  int digits = 0, group = 0;  // digits since the last comma
  std::size_t i = 0;
  while (i < t.size()) {
    char32_t c = fold(decodeUtf8(t, i));
    if (c == '-' && first) {
      negative = true;
      first = false;
      continue;
    }
    first = false;
    if (c == ',') {
      if (group == 0 || group > 3 || (commas && group != 3)) return notInteger();
      commas = true;
      group = 0;
      continue;
    }
    if (!isDigit(c)) return notInteger();
    overflow |= __builtin_mul_overflow(v, 10, &v);
    overflow |= __builtin_add_overflow(v, static_cast<std::int64_t>(c - '0'), &v);
    ++digits, ++group;
  }
  if (digits == 0 || (commas && group != 3)) return notInteger();
  if (negative) v = -v;
  if (overflow || v > max)
    return err("不能大于 " + std::to_string(max), "may not exceed " + std::to_string(max));
  if (v < min) return err("不能小于 " + std::to_string(min), "may not be less than " + std::to_string(min));
  out = v;
  return std::nullopt;
}

CellError parseBool(std::string_view cell, bool& out) {
  std::string_view t = trimCell(cell);
  std::string s;
  for (std::size_t i = 0; i < t.size();) text::appendUtf8(fold(decodeUtf8(t, i)), s);
  for (auto& c : s) c = lowerAscii(c);
  if (s == "是" || s == "true" || s == "1" || s == "y" || s == "yes") {
    out = true;
    return std::nullopt;
  }
  if (s == "否" || s == "false" || s == "0" || s == "n" || s == "no") {
    out = false;
    return std::nullopt;
  }
  return err("应为 是 或 否", "expected yes or no (是/否, true/false, 1/0, Y/N)");
}

// ---- codes and text ----------------------------------------------------------------------------

CellError parseEnum(std::string_view cell, const std::vector<EnumValue>& values, std::string& code) {
  std::string_view t = trimCell(cell);
  auto match = [&](std::string_view s) -> const EnumValue* {
    for (const auto& v : values) {
      if (equalsIgnoreAsciiCase(s, v.code) || equalsIgnoreAsciiCase(s, v.zh)) return &v;
      for (const auto& a : v.aliases)
        if (equalsIgnoreAsciiCase(s, a)) return &v;
    }
    return nullptr;
  };
  const EnumValue* found = match(t);
  if (!found && !isAscii(t)) {
    const std::string folded = text::nfkc(t);
    found = match(trimCell(folded));
  }
  if (found) {
    code = found->code;
    return std::nullopt;
  }
  std::string zh = "无法识别的取值，应为：", en = "unknown value; expected one of: ";
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (k) zh += "、", en += ", ";
    zh += values[k].zh;
    en += values[k].code + " (" + values[k].zh + ")";
  }
  return err(std::move(zh), std::move(en));
}

CellError parseUscc(std::string_view cell, std::string& out) {
  out.clear();
  bool simple = cell.size() == static_cast<std::size_t>(Uscc::kLength);
  for (char c : cell) simple &= (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
  if (simple) {
    out.assign(cell);
  } else {
    for (std::size_t i = 0; i < cell.size();) {
      char32_t c = fold(decodeUtf8(cell, i));
      if (isUnicodeSpace(c) || c == '-' || (c >= 0x2010 && c <= 0x2015)) continue;
      if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
      text::appendUtf8(c, out);
    }
  }
  if (auto issue = Uscc::validate(out)) return err(issue->reasonZh, issue->reasonEn);
  return std::nullopt;
}

CellError parseText(std::string_view cell, std::size_t maxChars, std::string& out) {
  std::string_view t = trimCell(cell);
  out.clear();
  // Fast path: printable ASCII without runs of spaces is already normal.
  bool plain = t.size() <= maxChars;
  for (std::size_t i = 0; plain && i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    plain = c >= 0x20 && c < 0x7F && !(c == ' ' && i > 0 && t[i - 1] == ' ');
  }
  if (plain) {
    out.assign(t);
    return std::nullopt;
  }
  out.reserve(t.size());
  std::size_t chars = 0;
  bool pendingSpace = false;
  for (std::size_t i = 0; i < t.size();) {
    const std::size_t at = i;
    char32_t c = decodeUtf8(t, i);
    if (c == text::kReplacement && i == at + 1)
      return err("包含无效的字符编码（不是有效的 UTF-8）", "contains bytes that are not valid UTF-8");
    if (isZeroWidth(c)) continue;
    if (isUnicodeSpace(c)) {
      pendingSpace = true;
      continue;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
      return err("包含控制字符", "contains control characters");
    if (pendingSpace) {
      out += ' ';
      ++chars;
      pendingSpace = false;
    }
    out.append(t.substr(at, i - at));
    ++chars;
  }
  if (chars > maxChars)
    return err("长度为 " + std::to_string(chars) + " 个字符，超过上限 " + std::to_string(maxChars),
               "is " + std::to_string(chars) + " characters long, more than the limit of " +
                   std::to_string(maxChars));
  return std::nullopt;
}

// ---- dispatch --------------------------------------------------------------------------------

namespace {

// Full-width → ASCII, white space removed: for codes.
std::string compactAscii(std::string_view cell) {
  std::string s;
  for (std::size_t i = 0; i < cell.size();) {
    char32_t c = fold(decodeUtf8(cell, i));
    if (!isUnicodeSpace(c)) text::appendUtf8(c, s);
  }
  return s;
}

CellError formatted(const FieldSpec& field, std::string_view cell, std::string& out) {
  switch (field.format) {
    case TextFormat::Free:
      return parseText(cell, field.maxChars, out);
    case TextFormat::RegionCode: {
      out = compactAscii(cell);
      bool ok = out.size() == 6;
      for (char c : out) ok &= c >= '0' && c <= '9';
      if (!ok) return err("行政区划代码应为6位数字，如 410802", "a region code is 6 digits, e.g. 410802");
      return std::nullopt;
    }
    case TextFormat::IndustryCode: {
      auto code = registry::parseIndustryCode(compactAscii(cell));
      if (!code)
        return err("不是有效的国民经济行业分类代码（GB/T 4754-2017），应为门类字母加2至4位数字，如 C3562",
                   "not a GB/T 4754-2017 industry code; expected a section letter and 2–4 digits, "
                   "e.g. C3562");
      out = code->section + code->detail;
      return std::nullopt;
    }
    case TextFormat::Phone: {
      out.clear();
      std::size_t digits = 0;
      std::string s = compactAscii(cell);
      for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
          out += c;
          ++digits;
        } else if (c == '+' && out.empty()) {
          out += c;
        } else if (c != '-' && c != '(' && c != ')') {
          digits = 0;
          break;
        }
      }
      if (digits < 7 || digits > 15)
        return err("电话号码应为7至15位数字，如 13812345678 或 0391-2345678",
                   "a phone number has 7–15 digits, e.g. 13812345678 or 0391-2345678");
      return std::nullopt;
    }
  }
  return parseText(cell, field.maxChars, out);
}

}  // namespace

CellError parseValue(const FieldSpec& field, std::string_view cell, bool inWan, Value& out) {
  switch (field.type) {
    case FieldType::Text: return formatted(field, cell, out.text);
    case FieldType::Uscc: return parseUscc(cell, out.text);
    case FieldType::Date: return parseDate(cell, out.text);
    case FieldType::Month: return parseMonth(cell, out.text);
    case FieldType::Period: return parsePeriod(cell, out.text);
    case FieldType::Year: return parseYear(cell, out.text);
    case FieldType::Amount: return parseAmount(cell, inWan, field.allowNegative, out.number);
    case FieldType::Integer: return parseInteger(cell, field.minValue, field.maxValue, out.number);
    case FieldType::Enum: return parseEnum(cell, field.values, out.text);
    case FieldType::Bool: return parseBool(cell, out.flag);
  }
  return parseText(cell, field.maxChars, out.text);
}

}  // namespace jinfu::collect
