#pragma once
// Reading one cell of a department's file as a value of a catalogue type. Each parser takes the
// cell as it is in the file (surrounding white space, full-width digits and the like allowed),
// writes the normalised value into `out` and returns nullopt, or returns why the cell is not such
// a value in Chinese and English, leaving `out` unspecified. Blank cells are the caller's business
// (isBlank): they are "必填项为空" or an omitted optional value, never parsed.
//
// The parsers run over every cell of million-row files: ASCII input takes fast paths that do not
// allocate beyond `out`, no regular expressions, ICU only for the rare non-ASCII enum.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collect/catalogue.hpp"
#include "platform/errors.hpp"

namespace jinfu::collect {

using CellError = std::optional<LocalText>;

// True when the cell holds nothing but (Unicode) white space.
bool isBlank(std::string_view cell);
// The cell without leading and trailing Unicode white space (NBSP, U+3000, zero-width, BOM, …).
std::string_view trimCell(std::string_view cell);
// At most `maxChars` Unicode characters of `s`, never splitting a character.
std::string cutChars(std::string_view s, std::size_t maxChars);

// "2021-05-20", "2021/5/20", "2021.5.20", "20210520", "2021年5月20日" (an optional time such as
// " 00:00:00" is ignored) → "2021-05-20". Years 1900–2100; impossible dates are refused.
CellError parseDate(std::string_view cell, std::string& out);
// "2025-06", "2025/6", "2025.6", "202506", "2025年6月", or a full date ("2025-06-01") → "2025-06".
CellError parseMonth(std::string_view cell, std::string& out);
// A month (→ "2025-06") or a year "2025", "2025年", "2025年度" (→ "2025").
CellError parsePeriod(std::string_view cell, std::string& out);
// "2025", "2025年", "2025年度" → "2025".
CellError parseYear(std::string_view cell, std::string& out);
// Amount in fen. A bare number is read in 万元 when `inWan`, else in 元; a unit in the cell
// ("12.3万", "12.3万元", "500元") wins. "1,234.56", "¥1,234", full-width digits accepted; finer than
// one fen (3 decimals in 元), scientific notation, overflow and — unless allowed — negative
// amounts are refused.
CellError parseAmount(std::string_view cell, bool inWan, bool allowNegative, std::int64_t& fen);
// Digits with optional thousands separators ("1,234") and an optional minus sign, in [min, max].
CellError parseInteger(std::string_view cell, std::int64_t min, std::int64_t max, std::int64_t& out);
// The code of the value whose code, Chinese name or alias equals the cell after NFKC and
// trimming, ASCII letters compared case-insensitively.
CellError parseEnum(std::string_view cell, const std::vector<EnumValue>& values, std::string& code);
// Removes all white space (also inside, incl. U+3000 and NBSP) and hyphens, folds full-width
// characters to ASCII, upper-cases, then applies GB 32100 (platform/uscc.hpp) → the 18 characters.
CellError parseUscc(std::string_view cell, std::string& out);
// Trims, collapses internal runs of white space into one space, drops zero-width characters,
// refuses control characters and invalid UTF-8, at most `maxChars` characters. HTML stays literal.
CellError parseText(std::string_view cell, std::size_t maxChars, std::string& out);
// 是/否, true/false, 1/0, Y/N, yes/no (case-insensitive).
CellError parseBool(std::string_view cell, bool& out);

// A typed cell value.
struct Value {
  std::string text;         // text, uscc, date, month, period, year, enum code
  std::int64_t number = 0;  // amount (fen), integer
  bool flag = false;        // bool
};
// Parses a non-blank cell as `field` demands, including TextFormat rules (region code: 6 digits;
// industry code → "C3562"; phone → digits). `inWan` applies to Amount fields only.
CellError parseValue(const FieldSpec& field, std::string_view cell, bool inWan, Value& out);

// "2025-06" → "2025-06-30"; "2024-02" → "2024-02-29"; "2025" → "2025-12-31"; a date unchanged.
std::string periodEnd(std::string_view periodOrDate);

}  // namespace jinfu::collect
