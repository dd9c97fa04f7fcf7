#include "collect/xlsx_cells.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "platform/text.hpp"

namespace jinfu::collect::detail {
namespace {

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {  // days since 1970-01-01
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y), m, d);
  return buf;
}

}  // namespace

std::optional<std::int64_t> parseInt(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

// "xl/" + "worksheets/sheet1.xml", "/xl/…" absolute, with "." and ".." resolved.
std::string resolvePart(std::string_view baseDir, std::string_view target) {
  std::string joined = target.starts_with("/") ? std::string(target.substr(1))
                                               : std::string(baseDir) + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= joined.size()) {
    auto slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string seg = joined.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(std::move(seg));
    }
    start = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// OOXML strings escape characters as _xHHHH_ (e.g. _x000D_ for CR, _x005F_ for "_").
std::string unescapeOoxml(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '_' && i + 7 <= s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned v = 0;
      auto [end, ec] = std::from_chars(s.data() + i + 2, s.data() + i + 6, v, 16);
      if (ec == std::errc() && end == s.data() + i + 6 && !(v >= 0xD800 && v <= 0xDFFF)) {
        text::appendUtf8(static_cast<char32_t>(v), out);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// An Excel serial date as YYYY-MM-DD; nothing for what is not a date (time only, out of range).
std::optional<std::string> serialToDate(std::string_view value, bool date1904) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  double serial = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), serial);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(serial)) return std::nullopt;
  if (serial < (date1904 ? 0.0 : 1.0) || serial >= 2958466.0) return std::nullopt;  // up to 9999-12-31
  auto days = static_cast<std::int64_t>(std::floor(serial));
  if (date1904) return civilFromDays(daysFromCivil(1904, 1, 1) + days);
  if (days == 60) return "1900-02-29";  // Lotus 1-2-3's leap day, kept by Excel
  return civilFromDays(daysFromCivil(1899, 12, days < 60 ? 31 : 30) + days);
}

bool builtinDateFormat(std::int64_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 31) || id == 36 || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

// A custom number format that shows a date: y or d (or m without h/s) outside quoted text,
// escapes and [brackets].
bool customDateFormat(std::string_view code) {
  bool y = false, d = false, m = false, time = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (c == '"') {
      auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) time = true;
      i = close;
    } else {
      switch (c) {
        case 'y': case 'Y': y = true; break;
        case 'd': case 'D': d = true; break;
        case 'm': case 'M': m = true; break;
        case 'h': case 'H': case 's': case 'S': time = true; break;
        default: break;
      }
    }
  }
  return y || d || (m && !time);
}

// Column index (0-based) from a cell reference such as "C5"; nothing when it has no letters.
std::optional<std::size_t> columnOf(std::string_view ref) {
  std::size_t col = 0, letters = 0;
  for (char c : ref) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    if (++letters > 3) return std::nullopt;
    col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
  }
  if (letters == 0) return std::nullopt;
  return col - 1;
}

}  // namespace jinfu::collect::detail
